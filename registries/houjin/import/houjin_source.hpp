// houjin_source.hpp — the kinds of 法人番号 source the importer reads (the
// NTA's 30-column bulk/diff CSV, a Web-API CSV answer, the NTA XML), telling
// them apart from their content, and the header a Web-API answer carries
// (lastUpdateDate, count, divideNumber, divideSize: the CSV's leading line,
// the XML's first four elements).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries {
class SourceStream;
}

namespace gifkit::registries::houjin {

// automatic: detected from the content (detect_houjin_source_kind).
enum class HoujinSourceKind { automatic, csv, webapi_csv, xml };

// The names used by --source-kind and recorded in provenance.source_kind:
// "houjin-csv", "houjin-webapi-csv", "houjin-xml" ("auto" for automatic).
std::string_view source_kind_name(HoujinSourceKind kind);
// The kind named name (as source_kind_name spells it), or nullopt.
std::optional<HoujinSourceKind> parse_source_kind(std::string_view name);

// A file that is not a 法人番号 source of the kind expected (or, detected
// automatically, of any kind). what() names the file.
class NotHoujinSource : public NotRegistrySource {
 public:
  using NotRegistrySource::NotRegistrySource;
};

// What the 法人番号 sources are, for messages.
inline constexpr std::string_view kHoujinSourcesExpected =
    "the National Tax Agency's 法人番号 data (the 30-column CSV with a corporate number in field "
    "2, a Web-API CSV answer starting with its count line "
    "lastUpdateDate,count,divideNumber,divideSize, or the XML <corporations>)";

// What the start of a source looks like.
struct SourceKindGuess {
  HoujinSourceKind kind = HoujinSourceKind::automatic;  // automatic: not recognised
  std::string first_record;  // for messages, e.g. "the first record has 5 fields"
};

// Reads the first 64 KiB of source (consuming them) and tells its kind:
// XML when the first character after a BOM and blanks is '<'; the 30-column
// CSV when the first record has 30 fields with a valid corporate number in
// field 2; a Web-API CSV when the first record is a count line
// (YYYY-MM-DD,digits,digits,digits). Otherwise kind stays automatic.
SourceKindGuess detect_houjin_source_kind(SourceStream& source);

// The header of a Web-API answer (or an NTA XML file). Empty strings when
// absent.
struct AnswerHeader {
  std::string last_update_date;
  std::string count;
  std::string divide_number;
  std::string divide_size;
};

// True when the fields are a Web-API count line: a YYYY-MM-DD date and three
// numbers.
bool is_count_line(std::string_view date, std::string_view count, std::string_view divide_number,
                   std::string_view divide_size);

// An answer holds the records its header announces: count in one part
// (divideSize 1); in several, 2,000 a part and the rest in the last (the
// Web-API's part size). Throws RegistryError naming file when records
// (imported or rejected) differ, which means the answer was cut short. A
// header without count, or whose parts do not add up to it, is not checked.
void check_announced_count(const AnswerHeader& header, std::uint64_t records,
                           const std::string& file);

}  // namespace gifkit::registries::houjin

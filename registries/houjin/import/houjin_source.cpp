// houjin_source.cpp — see houjin_source.hpp.
#include "registries/houjin/import/houjin_source.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::houjin {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

constexpr std::array<std::pair<HoujinSourceKind, std::string_view>, 4> kKindNames = {{
    {HoujinSourceKind::automatic, "auto"},
    {HoujinSourceKind::csv, "houjin-csv"},
    {HoujinSourceKind::webapi_csv, "houjin-webapi-csv"},
    {HoujinSourceKind::xml, "houjin-xml"},
}};

bool is_number(std::string_view text) {
  return !text.empty() && grammars::is_ascii_digits(text);
}

bool starts_like_xml(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '<';
}

// The kind told by the first CSV record of head (which may end mid-record).
SourceKindGuess guess_from_first_record(std::string& head) {
  SourceKindGuess guess;
  std::unique_ptr<std::FILE, decltype(&std::fclose)> memory(
      fmemopen(head.data(), head.size(), "rb"), &std::fclose);
  if (!memory) throw RegistryError("cannot open a memory stream");
  grammars::CsvReader reader(memory.get(), "head", {}, [](const grammars::CsvError&) {});
  grammars::CsvRecord record;
  if (!reader.next(record)) {
    guess.first_record = "the file holds no record";
    return guess;
  }
  const auto& fields = record.fields;
  guess.first_record = "the first record has " + std::to_string(fields.size()) + " fields";
  if (fields.size() == kHoujinColumnCount &&
      grammars::check_corporate_number(fields[kCorporateNumber]).ok()) {
    guess.kind = HoujinSourceKind::csv;
  } else if (fields.size() == 4 && is_count_line(fields[0], fields[1], fields[2], fields[3])) {
    guess.kind = HoujinSourceKind::webapi_csv;
  }
  return guess;
}

}  // namespace

std::string_view source_kind_name(HoujinSourceKind kind) {
  for (const auto& [each, name] : kKindNames)
    if (each == kind) return name;
  return "auto";
}

std::optional<HoujinSourceKind> parse_source_kind(std::string_view name) {
  for (const auto& [kind, each] : kKindNames)
    if (each == name) return kind;
  return std::nullopt;
}

SourceKindGuess detect_houjin_source_kind(SourceStream& source) {
  std::string head(kSniffBytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), source.file()));
  if (starts_like_xml(head)) return {HoujinSourceKind::xml, "the file starts with '<'"};
  if (head.empty()) return {HoujinSourceKind::automatic, "the file is empty"};
  return guess_from_first_record(head);
}

bool is_count_line(std::string_view date, std::string_view count, std::string_view divide_number,
                   std::string_view divide_size) {
  return grammars::parse_iso_date(date).has_value() && is_number(count) &&
         is_number(divide_number) && is_number(divide_size);
}

namespace {

// The NTA Web-API answers a diff or a name search in parts of 2,000
// records (分割): part k of n holds 2,000, the last the rest of count.
constexpr std::uint64_t kWebApiPartSize = 2000;

// The records part divide_number of divide_size must hold, or nullopt when
// the header does not say (no count, numbers too long, or parts that do not
// add up to count: then nothing can be told from it).
std::optional<std::uint64_t> records_in_part(const AnswerHeader& header) {
  const auto number = [](const std::string& text) -> std::optional<std::uint64_t> {
    if (!is_number(text) || text.size() > 12) return std::nullopt;
    return std::stoull(text);
  };
  const auto count = number(header.count);
  const auto part = number(header.divide_number);
  const auto parts = number(header.divide_size);
  if (!count || !parts || *parts == 0) return std::nullopt;
  if (*parts == 1) return *count;
  if (!part || *part == 0 || *part > *parts) return std::nullopt;
  const std::uint64_t before_last = kWebApiPartSize * (*parts - 1);
  if (*count <= before_last || *count > before_last + kWebApiPartSize) return std::nullopt;
  return *part < *parts ? kWebApiPartSize : *count - before_last;
}

}  // namespace

void check_announced_count(const AnswerHeader& header, std::uint64_t records,
                           const std::string& file) {
  const auto expected = records_in_part(header);
  if (!expected || *expected == records) return;
  if (header.divide_size == "1")
    throw RegistryError(file + ": the answer's count is " + header.count +
                        " (in one part, divideSize 1) but it holds " + std::to_string(records) +
                        " records (cut short or altered?)");
  throw RegistryError(file + ": the answer's count is " + header.count + ": its part " +
                      header.divide_number + " of " + header.divide_size + " holds " +
                      std::to_string(*expected) + " records (" + std::to_string(kWebApiPartSize) +
                      " a part, the last the rest) but it holds " + std::to_string(records) +
                      " (cut short or altered?)");
}

}  // namespace gifkit::registries::houjin

// nta_webapi_body.hpp — the bodies of the NTA Web-API routes (/4/num,
// /4/diff, /4/name: routes_nta_webapi.cpp) byte for byte as the 国税庁
// 法人番号システム Web-API writes them (../shared/data/houjin/FORMAT.md §2, §6):
// type 01 CSV in Shift_JIS, 02 CSV in UTF-8 — the line
// lastUpdateDate,count,divideNumber,divideSize, then one line of the 30 v4
// columns per row, text columns quoted when not empty, CRLF — and 12 XML
// (<corporations> with 30 child elements per <corporation>, one line).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/houjin/lookup/houjin_lookup.hpp"

namespace gifkit::tools::serve {

enum class NtaType { csv_shift_jis, csv_utf8, xml };

// "01", "02", "12"; nothing for another text.
std::optional<NtaType> parse_nta_type(std::string_view text);
// text/csv;charset=Shift_JIS, text/csv;charset=UTF-8, application/xml;charset=UTF-8.
std::string nta_content_type(NtaType type);

// The rows of an answer: part divide_number of divide_size, count rows in all.
struct NtaAnswerHead {
  std::string last_update_date;
  std::uint64_t count = 0;
  std::uint64_t divide_number = 1;
  std::uint64_t divide_size = 1;
  std::uint64_t first_sequence = 1;  // the sequenceNumber of the first row of this part
};

// A character Shift_JIS cannot hold, as its replacement (UTF-8; "" none,
// then ＿, the NTA's placeholder in its JIS縮退マップ, is written).
using ShiftJisSubstitute = std::function<std::string(std::string_view)>;

// The answer's body; rows are renumbered from head.first_sequence.
std::string nta_body(NtaType type, const NtaAnswerHead& head,
                     const std::vector<registries::houjin::HoujinRecord>& rows,
                     const ShiftJisSubstitute& substitute);

// An error's body in the form of type: CSV `code,"message"` and CRLF; XML
// <error><code/><message/></error>.
std::string nta_error_body(NtaType type, std::string_view code, std::string_view message,
                           const ShiftJisSubstitute& substitute);

}  // namespace gifkit::tools::serve

// nta_webapi_body.cpp — see nta_webapi_body.hpp.
#include "tools/serve/nta_webapi_body.hpp"

#include <array>

#include "grammars/io/shift_jis.hpp"
#include "grammars/text/markup_escape.hpp"

namespace gifkit::tools::serve {
namespace {

namespace houjin = gifkit::registries::houjin;

// The text columns, quoted in the CSV when not empty (FORMAT.md §2).
constexpr std::array<std::size_t, 11> kNtaTextColumns = {6, 9, 10, 11, 16, 21, 24, 25, 26, 27, 28};

bool nta_is_text_column(std::size_t column) {
  for (std::size_t text : kNtaTextColumns)
    if (text == column) return true;
  return false;
}

std::string csv_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string nta_xml_element(std::string_view name, std::string_view value) {
  const std::string tag(name);
  if (value.empty()) return "<" + tag + "/>";
  return "<" + tag + ">" + grammars::markup_escaped(value, grammars::MarkupEscape::xml_text) +
         "</" + tag + ">";
}

std::string nta_in_shift_jis(std::string_view utf8, const ShiftJisSubstitute& substitute) {
  std::string out;
  out.reserve(utf8.size());
  grammars::utf8_to_shift_jis(utf8, out, substitute, "\x81\x51");  // ＿
  return out;
}

}  // namespace

std::optional<NtaType> parse_nta_type(std::string_view text) {
  if (text == "01") return NtaType::csv_shift_jis;
  if (text == "02") return NtaType::csv_utf8;
  if (text == "12") return NtaType::xml;
  return std::nullopt;
}

std::string nta_content_type(NtaType type) {
  switch (type) {
    case NtaType::csv_shift_jis:
      return "text/csv;charset=Shift_JIS";
    case NtaType::csv_utf8:
      return "text/csv;charset=UTF-8";
    case NtaType::xml:
      break;
  }
  return "application/xml;charset=UTF-8";
}

std::string nta_body(NtaType type, const NtaAnswerHead& head,
                     const std::vector<houjin::HoujinRecord>& rows,
                     const ShiftJisSubstitute& substitute) {
  std::string out;
  std::uint64_t sequence = head.first_sequence;
  if (type == NtaType::xml) {
    out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><corporations>" +
          nta_xml_element("lastUpdateDate", head.last_update_date) +
          nta_xml_element("count", std::to_string(head.count)) +
          nta_xml_element("divideNumber", std::to_string(head.divide_number)) +
          nta_xml_element("divideSize", std::to_string(head.divide_size));
    for (const auto& row : rows) {
      out += "<corporation>";
      for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
        out += nta_xml_element(houjin::kHoujinColumns[i].nta_name,
                               i == houjin::kSequenceNumber ? std::to_string(sequence++) : row[i]);
      }
      out += "</corporation>";
    }
    return out + "</corporations>";
  }
  out = head.last_update_date + "," + std::to_string(head.count) + "," +
        std::to_string(head.divide_number) + "," + std::to_string(head.divide_size) + "\r\n";
  for (const auto& row : rows) {
    out += std::to_string(sequence++);
    for (std::size_t i = 1; i < houjin::kHoujinColumnCount; ++i) {
      out += ',';
      if (!row[i].empty()) out += nta_is_text_column(i) ? csv_quoted(row[i]) : row[i];
    }
    out += "\r\n";
  }
  return type == NtaType::csv_shift_jis ? nta_in_shift_jis(out, substitute) : out;
}

std::string nta_error_body(NtaType type, std::string_view code, std::string_view message,
                           const ShiftJisSubstitute& substitute) {
  if (type == NtaType::xml) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error>" + nta_xml_element("code", code) +
           nta_xml_element("message", message) + "</error>";
  }
  const std::string line = std::string(code) + "," + csv_quoted(message) + "\r\n";
  return type == NtaType::csv_shift_jis ? nta_in_shift_jis(line, substitute) : line;
}

}  // namespace gifkit::tools::serve

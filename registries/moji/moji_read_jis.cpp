// moji_read_jis.cpp — the line formats: Project X0213's JIS X 0213 ↔ Unicode table
// ("0x2477<TAB>U+304B+309A<TAB># …") and set files in the IMI format ('#' comments with 参照 URI
// and 名称, one hex code point a line).
#include <algorithm>
#include <string>

#include "registries/moji/detail/moji_reading.hpp"

namespace gifkit::registries::moji::detail {

// "0x2477", "0xA1A1" (plane 2 has the high bit) → its place.
std::optional<JisPosition> position_of_code(std::string_view text) {
  if (!text.starts_with("0x") || text.size() != 6) return std::nullopt;
  auto code = parse_code_point(text.substr(2), true);
  if (!code) return std::nullopt;
  JisPosition position;
  position.plane = (*code & 0x8000) != 0 ? 2 : 1;
  position.row = static_cast<int>((*code >> 8) & 0x7F) - 0x20;
  position.cell = static_cast<int>(*code & 0x7F) - 0x20;
  if (position.row < 1 || position.row > 94 || position.cell < 1 || position.cell > 94)
    return std::nullopt;
  return position;
}

// The code point after "marker U+" in a comment ("Fullwidth: U+FF0C").
std::optional<char32_t> alternate_after(std::string_view comment, std::string_view marker) {
  const std::size_t at = comment.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = comment.substr(at + marker.size());
  std::size_t end = 0;
  while (end < rest.size() && is_hex_digit(rest[end])) ++end;
  return parse_code_point(rest.substr(0, end), true);
}

MojiReadCounts read_jisx0213(SourceStream& source, MojiRowHandler& rows,
                             const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  LineReader lines(source.file());
  std::string line;
  while (lines.next(line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string_view text = line;
    std::size_t tab1 = text.find('\t');
    std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : text.find('\t', tab1 + 1);
    auto position = position_of_code(text.substr(0, tab1));
    if (!position || tab1 == std::string_view::npos) {
      tally.reject(lines.number(), "not a mapping line (0xXXXX<TAB>U+XXXX)");
      continue;
    }
    std::string_view ucs =
        text.substr(tab1 + 1, tab2 == std::string_view::npos ? tab2 : tab2 - tab1 - 1);
    std::string_view comment = tab2 == std::string_view::npos ? "" : text.substr(tab2 + 1);
    if (ucs.empty()) continue;  // <reserved>
    JisRow row;
    row.position = *position;
    bool bad = !ucs.starts_with("U+");
    ucs.remove_prefix(std::min<std::size_t>(2, ucs.size()));
    while (!bad && !ucs.empty()) {
      std::size_t plus = ucs.find('+');
      auto cp = parse_code_point(ucs.substr(0, plus), true);
      if (!cp)
        bad = true;
      else
        grammars::append_utf8(row.sequence, *cp);
      if (plus == std::string_view::npos) break;
      ucs.remove_prefix(plus + 1);
    }
    if (bad || row.sequence.empty()) {
      tally.reject(lines.number(), "the Unicode field is not U+XXXX or U+XXXX+XXXX");
      continue;
    }
    if (auto fullwidth = alternate_after(comment, "Fullwidth: U+"))
      row.alternates.push_back(*fullwidth);
    if (auto windows = alternate_after(comment, "Windows: U+")) row.alternates.push_back(*windows);
    if (position->plane == 2 || comment.find("[2000]") != std::string_view::npos) row.added = 2000;
    if (comment.find("[2004]") != std::string_view::npos) row.added = 2004;
    rows.jis(row);
    tally.accept();
  }
  return tally.counts();
}

// The value of `key: "value"` in an IMI header comment line, or "".
std::string header_value(std::string_view line, std::string_view key) {
  std::size_t at = line.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + key.size());
  std::size_t open = rest.find('"');
  std::size_t close = open == std::string_view::npos ? open : rest.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return std::string(rest.substr(open + 1, close - open - 1));
}

std::string set_line_member(std::string_view line) {
  std::string_view token = trim(line.substr(0, line.find_first_of(" \t#")));
  if (token.starts_with("U+") || token.starts_with("u+")) token.remove_prefix(2);
  return parse_mj_ucs(token);
}

MojiReadCounts read_set(SourceStream& source, const std::string& set_name, MojiRowHandler& rows,
                        const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  LineReader lines(source.file());
  SetInfo info;
  info.name = set_name;
  bool announced = false;
  std::string line;
  while (lines.next(line)) {
    std::string_view text = trim(line);
    if (text.empty()) continue;
    if (text[0] == '#') {
      if (!announced) {
        if (info.uri.empty()) info.uri = header_value(text, "参照 URI:");
        if (info.title.empty()) info.title = header_value(text, "名称:");
      }
      continue;
    }
    if (!announced) {
      rows.set(info);
      announced = true;
    }
    std::string member = set_line_member(text);
    if (member.empty()) {
      tally.reject(lines.number(), "'" + std::string(text.substr(0, 40)) +
                                       "' is not a hex code point (4E00) or a code point and "
                                       "selector (908A_E0102)");
      continue;
    }
    rows.set_member(set_name, member);
    tally.accept();
  }
  if (!announced) rows.set(info);
  return tally.counts();
}

}  // namespace gifkit::registries::moji::detail

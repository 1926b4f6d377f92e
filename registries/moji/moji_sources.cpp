// moji_sources.cpp — see moji_sources.hpp: the kinds and their names,
// telling a file's kind from its start, 面区点, MJ numbers and code points.
// The readers of each format are moji_read_mj.cpp, moji_read_jis.cpp and
// moji_read_nta.cpp.
#include "registries/moji/moji_sources.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <memory>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/db/source_files.hpp"
#include "registries/moji/detail/moji_reading.hpp"

namespace gifkit::registries::moji {
namespace {

using detail::is_hex_digit;
using detail::parse_int;
using detail::trim;

constexpr std::size_t kSniffBytes = 64 * 1024;

constexpr std::array<std::pair<MojiKind, std::string_view>, 5> kKindNames = {{
    {MojiKind::mj, "moji-mj"},
    {MojiKind::mj_ivs, "moji-mj-ivs"},
    {MojiKind::jisx0213, "moji-jisx0213"},
    {MojiKind::set, "moji-set"},
    {MojiKind::nta_map, "moji-nta-map"},
}};

}  // namespace

std::string JisPosition::text() const {
  return std::to_string(plane) + "-" + std::to_string(row) + "-" + std::to_string(cell);
}

std::optional<JisPosition> parse_jis_position(std::string_view text) {
  JisPosition position;
  int* parts[] = {&position.plane, &position.row, &position.cell};
  for (int i = 0; i < 3; ++i) {
    std::size_t dash = text.find('-');
    if ((i < 2) == (dash == std::string_view::npos)) return std::nullopt;
    auto value = parse_int(text.substr(0, dash));
    if (!value) return std::nullopt;
    *parts[i] = *value;
    if (dash != std::string_view::npos) text.remove_prefix(dash + 1);
  }
  if (position.plane < 1 || position.plane > 2 || position.row < 1 || position.row > 94 ||
      position.cell < 1 || position.cell > 94)
    return std::nullopt;
  return position;
}

int jis_level(const JisPosition& position) {
  if (position.plane == 2) return 4;
  const int row = position.row;
  const int cell = position.cell;
  if (row <= 13) return 0;
  if (row >= 16 && (row < 47 || (row == 47 && cell <= 51))) return 1;
  if (row >= 48 && (row < 84 || (row == 84 && cell <= 6))) return 2;
  return 3;
}

std::string_view kind_name(MojiKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "";
}

std::optional<MojiKind> parse_kind(std::string_view name) {
  for (const auto& [kind, n] : kKindNames)
    if (n == name) return kind;
  return std::nullopt;
}

MojiPart part_of(MojiKind kind) {
  switch (kind) {
    case MojiKind::jisx0213:
    case MojiKind::set:
      return MojiPart::membership;
    case MojiKind::mj:
    case MojiKind::mj_ivs:
      return MojiPart::mj;
    case MojiKind::nta_map:
      return MojiPart::nta;
  }
  return MojiPart::membership;
}

std::string_view nta_rule_name(NtaRule rule) {
  switch (rule) {
    case NtaRule::code:
      return "code";
    case NtaRule::string:
      return "string";
    case NtaRule::similar:
      return "similar";
    case NtaRule::none:
      break;
  }
  return "none";
}

std::string mj_name(std::int64_t mj) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "MJ%06lld", static_cast<long long>(mj));
  return buffer;
}

std::optional<std::int64_t> parse_mj_name(std::string_view text) {
  if (text.size() < 3 || (text[0] != 'M' && text[0] != 'm') || (text[1] != 'J' && text[1] != 'j'))
    return std::nullopt;
  text.remove_prefix(2);
  if (text.size() > 9) return std::nullopt;
  auto value = parse_int(text);
  if (!value || *value < 0) return std::nullopt;
  return *value;
}

std::optional<char32_t> parse_code_point(std::string_view text, bool bare) {
  if (text.starts_with("U+") || text.starts_with("u+")) {
    text.remove_prefix(2);
  } else if (!bare) {
    return std::nullopt;
  }
  if (text.empty() || text.size() > 6) return std::nullopt;
  for (char c : text)
    if (!is_hex_digit(c)) return std::nullopt;
  unsigned long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (value > 0x10FFFF) return std::nullopt;
  return static_cast<char32_t>(value);
}

std::string set_name_of(std::string_view file_name) {
  std::size_t slash = file_name.find_last_of("/:");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  return std::string(file_name.substr(0, dot));
}

MojiKindGuess detect_moji_kind(SourceStream& source) {
  std::string head(kSniffBytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), source.file()));
  if (head.starts_with("\xEF\xBB\xBF")) head.erase(0, 3);
  std::string_view text = head;
  MojiKindGuess guess;
  // The first line that is not blank or a comment.
  std::string_view first;
  bool comments = false;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      comments = true;
      continue;
    }
    first = line;
    break;
  }
  if (first.starts_with("mj,kanji,") || first == "mj,kanji")
    guess.kind = MojiKind::mj;
  else if (first.starts_with("mj,ucs"))
    guess.kind = MojiKind::mj_ivs;
  else if (first.starts_with("0x") && first.find("\tU+") == 6)
    guess.kind = MojiKind::jisx0213;
  else if (first.starts_with("変換元の文字") || first.starts_with("面区点コード\tUnicode"))
    guess.kind = MojiKind::nta_map;
  else if (!first.empty() && !detail::set_line_member(first).empty() &&
           (comments || first.size() <= 12))
    guess.kind = MojiKind::set;
  if (!guess.kind) {
    std::string shown(first.substr(0, 60));
    guess.seen = first.empty() ? "the file holds no data line"
                               : "the first line is '" + shown + (first.size() > 60 ? "…'" : "'");
  }
  return guess;
}

MojiReadCounts read_moji_source(SourceStream& source, MojiKind kind, const std::string& set_name,
                                MojiRowHandler& rows, const RejectedRowHandler& on_rejected) {
  switch (kind) {
    case MojiKind::mj:
      return detail::read_mj(source, false, rows, on_rejected);
    case MojiKind::mj_ivs:
      return detail::read_mj(source, true, rows, on_rejected);
    case MojiKind::jisx0213:
      return detail::read_jisx0213(source, rows, on_rejected);
    case MojiKind::set:
      return detail::read_set(source, set_name, rows, on_rejected);
    case MojiKind::nta_map:
      return detail::read_nta_map(source, rows, on_rejected);
  }
  return {};
}

}  // namespace gifkit::registries::moji

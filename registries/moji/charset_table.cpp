// charset_table.cpp — JIS X 0208 / JIS X 0213 membership as two bit vectors
// over the code points up to U+2FFFF, built from the published tables:
//  - imi_ISOIEC10646-CJK-JISX0208-1990-compliant.txt: the kanji of JIS X 0208;
//  - imi_ISOIEC10646-CJK-JISX0213-2004-compliant.txt: the kanji JIS X 0213 adds;
//  - jisx0213-2004-8bit-std.txt (Project X0213): every character of JIS X 0213.
//    Plane 2 (codes 0xA121 and up) and plane-1 entries marked [2000] or [2004]
//    were added by JIS X 0213; the other plane-1 entries are JIS X 0208.
//    "Fullwidth: U+FFxx" and "Windows: U+xxxx" (the CP932 mapping of the same
//    JIS code point, e.g. U+FF5E for 〜) count as members too. An entry mapped to
//    two code points (か゚ = U+304B+309A) makes both code points members.
// ASCII is always a member. Half-width katakana (JIS X 0201, U+FF61–U+FF9F) is
// in neither set: GIF asks for 全角 kana.
#include "registries/moji/charset_table.hpp"

#include <charconv>
#include <fstream>
#include <optional>
#include <string>

#include "grammars/utf8.hpp"

namespace gifkit::registries {

namespace {

constexpr char32_t kTableSize = 0x30000;
constexpr std::string_view kImi0208 = "imi_ISOIEC10646-CJK-JISX0208-1990-compliant.txt";
constexpr std::string_view kImi0213 = "imi_ISOIEC10646-CJK-JISX0213-2004-compliant.txt";
constexpr std::string_view kX0213Table = "jisx0213-2004-8bit-std.txt";

std::optional<char32_t> parse_hex(std::string_view text) {
  unsigned long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return static_cast<char32_t>(value);
}

void set_member(std::vector<bool>& set, char32_t cp) {
  if (cp < set.size()) set[cp] = true;
}

// The code points of a "U+XXXX" or "U+XXXX+XXXX" field; empty when malformed.
std::vector<char32_t> parse_ucs_sequence(std::string_view field) {
  std::vector<char32_t> cps;
  if (field.substr(0, 2) != "U+") return cps;
  field.remove_prefix(2);
  while (!field.empty()) {
    const std::size_t plus = field.find('+');
    const std::optional<char32_t> cp = parse_hex(field.substr(0, plus));
    if (!cp) return {};
    cps.push_back(*cp);
    if (plus == std::string_view::npos) break;
    field.remove_prefix(plus + 1);
  }
  return cps;
}

// The code point after "marker U+" in a comment ("Fullwidth: U+FF0C"), if any.
std::optional<char32_t> alternate_after(std::string_view comment, std::string_view marker) {
  const std::size_t at = comment.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = comment.substr(at + marker.size());
  const std::size_t end = rest.find_first_not_of("0123456789ABCDEFabcdef");
  return parse_hex(rest.substr(0, end));
}

bool open_table(const std::filesystem::path& path, std::ifstream& in, std::string& error) {
  in.open(path);
  if (!in) {
    error = path.string() + ": cannot open the character table";
    return false;
  }
  return true;
}

// Calls on_line(text, line_number) for every data line of in: CR stripped,
// empty lines and '#' comments skipped. Stops and returns false as soon as
// on_line does.
template <typename OnLine>
bool for_each_data_line(std::ifstream& in, OnLine on_line) {
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!on_line(std::string_view(line), line_number)) return false;
  }
  return true;
}

// Reads an IMI kanji list: one hex code point per line, '#' comments.
bool load_imi_list(const std::filesystem::path& path, std::vector<bool>& set, std::string& error) {
  std::ifstream in;
  if (!open_table(path, in, error)) return false;
  return for_each_data_line(in, [&](std::string_view text, int line_number) {
    const std::optional<char32_t> cp = parse_hex(text.substr(0, text.find_first_of(" \t")));
    if (!cp) {
      error = path.string() + ":" + std::to_string(line_number) + ": not a hex code point";
      return false;
    }
    set_member(set, *cp);
    return true;
  });
}

}  // namespace

bool CharsetTable::load(const std::filesystem::path& moji_dir, std::string& error) {
  std::vector<bool> jisx0208(kTableSize, false);
  std::vector<bool> jisx0213(kTableSize, false);

  if (!load_imi_list(moji_dir / kImi0208, jisx0208, error)) return false;
  if (!load_imi_list(moji_dir / kImi0213, jisx0213, error)) return false;

  const std::filesystem::path table_path = moji_dir / kX0213Table;
  std::ifstream in;
  if (!open_table(table_path, in, error)) return false;
  const bool read = for_each_data_line(in, [&](std::string_view text, int line_number) {
    const std::size_t tab1 = text.find('\t');
    const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : text.find('\t', tab1 + 1);
    if (text.substr(0, 2) != "0x" || tab1 == std::string_view::npos) {
      error = table_path.string() + ":" + std::to_string(line_number) + ": not a mapping line";
      return false;
    }
    const std::optional<char32_t> jis = parse_hex(text.substr(2, tab1 - 2));
    if (!jis) {
      error = table_path.string() + ":" + std::to_string(line_number) + ": bad JIS code";
      return false;
    }
    const std::string_view ucs = text.substr(
        tab1 + 1, tab2 == std::string_view::npos ? std::string_view::npos : tab2 - tab1 - 1);
    if (ucs.empty()) return true;  // <reserved>
    const std::vector<char32_t> cps = parse_ucs_sequence(ucs);
    if (cps.empty()) {
      error = table_path.string() + ":" + std::to_string(line_number) + ": bad Unicode field";
      return false;
    }
    const std::string_view comment =
        tab2 == std::string_view::npos ? std::string_view() : text.substr(tab2 + 1);
    const bool plane2 = *jis >= 0x8000;
    const bool added_by_0213 = plane2 || comment.find("[2000]") != std::string_view::npos ||
                               comment.find("[2004]") != std::string_view::npos;

    std::vector<char32_t> members = cps;
    if (auto fullwidth = alternate_after(comment, "Fullwidth: U+")) members.push_back(*fullwidth);
    if (auto windows = alternate_after(comment, "Windows: U+")) members.push_back(*windows);
    for (const char32_t cp : members) {
      set_member(jisx0213, cp);
      if (!added_by_0213) set_member(jisx0208, cp);
    }
    return true;
  });
  if (!read) return false;

  // JIS X 0213 includes all of JIS X 0208.
  for (char32_t cp = 0; cp < kTableSize; ++cp) {
    if (jisx0208[cp]) jisx0213[cp] = true;
  }
  jisx0208_ = std::move(jisx0208);
  jisx0213_ = std::move(jisx0213);
  loaded_ = true;
  return true;
}

bool CharsetTable::contains(CharacterSet set, char32_t cp) const {
  if (cp < 0x80) return true;
  const std::vector<bool>& bits = set == CharacterSet::jisx0208 ? jisx0208_ : jisx0213_;
  return cp < bits.size() && bits[cp];
}

CharsetTable::Outside CharsetTable::first_outside(CharacterSet set, std::string_view utf8) const {
  std::size_t pos = 0;
  std::size_t index = 0;
  while (pos < utf8.size()) {
    const char32_t cp = grammars::decode_utf8(utf8, pos);
    ++index;
    if (!contains(set, cp)) return {cp, index};
  }
  return {};
}

}  // namespace gifkit::registries

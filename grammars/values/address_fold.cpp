// address_fold.cpp — the display fold and the key fold of addresses, the
// variant table's parser and kanji numerals. See address_fold.hpp.
#include "grammars/values/address_fold.hpp"

#include <algorithm>

#include "grammars/dictionaries/table_lines.hpp"
#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/kanji_numerals.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

bool is_blank(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0x00A0 || cp == 0x2002 ||
         cp == 0x2003 || cp == 0x2009 || cp == 0xFEFF;
}
bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}
bool is_ascii_digit(char32_t cp) {
  return cp >= U'0' && cp <= U'9';
}

// The closing bracket of an opening one, or 0.
char32_t closing_bracket(char32_t cp) {
  switch (cp) {
    case U'(':
      return U')';
    case U'（':
      return U'）';
    case U'【':
      return U'】';
    case U'「':
      return U'」';
    case U'［':
      return U'］';
    case U'[':
      return U']';
    default:
      return 0;
  }
}

// Removes a leading postal code ("〒1120001", "〒 112-0001", "112-0001 ")
// from text (already display-folded) into postal_code.
void take_postal_code(std::string& text, std::string& postal_code) {
  std::size_t pos = 0;
  bool marked = false;
  if (text.compare(0, 3, "〒") == 0) {
    pos = 3;
    marked = true;
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
  std::string digits;
  std::size_t end = pos;
  while (end < text.size() && digits.size() < 7 &&
         (is_ascii_digit(static_cast<unsigned char>(text[end])) ||
          (text[end] == '-' && digits.size() == 3))) {
    if (text[end] != '-') digits += text[end];
    ++end;
  }
  if (digits.size() != 7) return;
  if (end < text.size() && is_ascii_digit(static_cast<unsigned char>(text[end]))) return;
  // Without 〒 only "NNN-NNNN" followed by a space counts (not a 番地 run).
  if (!marked && (end - pos != 8 || end >= text.size() || text[end] != ' ')) return;
  while (end < text.size() && text[end] == ' ') ++end;
  postal_code = digits;
  text.erase(0, end);
}

}  // namespace

AddressFoldTables parse_address_fold_tables(std::string_view text,
                                            std::vector<std::string>& errors) {
  AddressFoldTables tables;
  for_each_table_line(
      text, [&](std::size_t line_number, const std::vector<std::string_view>& fields) {
        auto bad = [&](const std::string& why) {
          errors.push_back("line " + std::to_string(line_number) + ": " + why);
        };
        if (fields[0] == "char" && fields.size() == 3) {
          std::size_t from_pos = 0;
          std::size_t to_pos = 0;
          if (fields[1].empty() || fields[2].empty()) {
            bad("char needs FROM and TO");
            return;
          }
          char32_t from = decode_utf8(fields[1], from_pos);
          char32_t to = decode_utf8(fields[2], to_pos);
          if (from_pos != fields[1].size() || to_pos != fields[2].size()) {
            bad("char maps one character to one character");
            return;
          }
          tables.variants[from] = to;
        } else if (fields[0] == "drop" && fields.size() == 2 && !fields[1].empty()) {
          std::size_t char_pos = 0;
          char32_t dropped = decode_utf8(fields[1], char_pos);
          if (char_pos != fields[1].size()) {
            bad("drop takes one character");
            return;
          }
          tables.dropped.push_back(dropped);
        } else if (fields[0] == "street_marker" && fields.size() == 2 && !fields[1].empty()) {
          tables.street_markers.emplace_back(fields[1]);
        } else if (fields[0] == "before_city" && fields.size() == 2 && !fields[1].empty()) {
          tables.before_city_suffixes.emplace_back(fields[1]);
        } else {
          bad("expected 'char<TAB>FROM<TAB>TO', 'drop<TAB>CHAR', 'street_marker<TAB>TEXT' or "
              "'before_city<TAB>SUFFIX'");
        }
      });
  // Keys fold hiragana to katakana before the variants: a variant given for a
  // hiragana character (が → ケ) holds for its katakana too (ガ → ケ) unless
  // the table says otherwise.
  std::vector<std::pair<char32_t, char32_t>> katakana_variants;
  for (const auto& [from, to] : tables.variants)
    if (from >= 0x3041 && from <= 0x3096) katakana_variants.emplace_back(from + 0x60, to);
  for (const auto& [from, to] : katakana_variants) tables.variants.emplace(from, to);
  // Markers are compared with keys: fold them (variants only; no spaces).
  for (auto& marker : tables.street_markers) marker = address_name_key(marker, tables);
  for (auto& suffix : tables.before_city_suffixes) suffix = address_name_key(suffix, tables);
  return tables;
}

namespace {

// The combining marks of decomposed text (U+0300–036F, U+3099–309A: か +
// U+3099 for が; U+1DC0–1DFF, U+20D0–20FF, U+FE20–FE2F): a quick range test
// before the exact one (is_combining_mark) runs.
inline bool may_be_decomposed(char32_t cp) {
  if (cp < 0x300) return false;
  const bool in_ranges = cp < 0x370 || cp == 0x3099 || cp == 0x309A ||
                         (cp >= 0x1DC0 && cp < 0x1E00) || (cp >= 0x20D0 && cp < 0x2100) ||
                         (cp >= 0xFE20 && cp < 0xFE30);
  return in_ranges && is_combining_mark(cp);
}

// Whether text may hold a half-width kana (U+FF61–FF9F: EF BD A1–BF or
// EF BE 80–9F): an EF byte followed by BD or BE. False says it holds none.
bool may_hold_halfwidth_kana(std::string_view text) {
  for (std::size_t at = text.find('\xEF'); at != std::string_view::npos;
       at = text.find('\xEF', at + 1)) {
    if (at + 1 < text.size() && (text[at + 1] == '\xBD' || text[at + 1] == '\xBE')) return true;
  }
  return false;
}

}  // namespace

void fold_address_text(std::string_view input, FoldedAddress& out) {
  out.text.clear();
  out.postal_code.clear();
  out.bracketed.clear();
  // Half-width kana widened (ｶﾞ → ガ): valid UTF-8 without them is its own
  // widening, read in place (most lines), not copied code point by code point.
  std::string widened;
  std::string_view source = input;
  if (may_hold_halfwidth_kana(input) || find_invalid_utf8(input) != std::string_view::npos) {
    widened = halfwidth_to_fullwidth_kana(input);
    source = widened;
  }
  char32_t open = 0;  // the bracket being read, else 0
  char32_t close = 0;
  std::size_t pos = 0;
  bool composed = false;
  while (pos < source.size()) {
    char32_t cp = decode_utf8(source, pos);
    if (!composed && may_be_decomposed(cp)) {
      // Text in another normal form (か + U+3099, as some systems write が):
      // composed (NFC, as the ABR's names are), then folded from the start.
      composed = true;
      if (!is_safe_nfc(source)) {
        widened = safe_nfc(source);
        source = widened;
        out.text.clear();
        out.bracketed.clear();
        open = close = 0;
        pos = 0;
        continue;
      }
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;
    if (open != 0) {
      if (cp == close) {
        open = 0;
        if (!out.text.empty() && out.text.back() != ' ') out.text += ' ';
        continue;
      }
      if (is_blank(cp)) cp = U' ';
      if (!is_control(cp)) append_utf8(out.bracketed, cp);
      continue;
    }
    if (char32_t closing = closing_bracket(cp)) {
      open = cp;
      close = closing;
      if (!out.bracketed.empty()) out.bracketed += ' ';
      continue;
    }
    if (is_blank(cp)) {
      if (!out.text.empty() && out.text.back() != ' ') out.text += ' ';
      continue;
    }
    if (is_control(cp)) continue;
    if (is_dash(cp)) {
      out.text += '-';
      continue;
    }
    if (dash_between_digits(out.text, cp, source.substr(pos))) {
      out.text += '-';  // ー between numbers is a dash: 1ー2, 一ー二, 3番ー5
      continue;
    }
    append_utf8(out.text, cp);
  }
  while (!out.bracketed.empty() && out.bracketed.back() == ' ') out.bracketed.pop_back();
  while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
  take_postal_code(out.text, out.postal_code);
}

namespace {

// The counters after which a 町字's number is written in digits in keys:
// 三丁目, 和歌山市の五番丁 / 七軒丁 / 二筋目. Not 条: Kyoto's street names
// (寺町通三条上る) must keep their kanji numerals, the street rule looks for
// the first digit.
constexpr std::string_view kNumberCounters[] = {"丁目", "番丁", "番町", "軒丁", "筋目"};

bool counter_at(std::string_view text) {
  for (std::string_view counter : kNumberCounters)
    if (text.starts_with(counter)) return true;
  return false;
}

// Whether the numerals of seq read positionally, the way a 丁目's number is
// written: units falling (千, 百, 十), each after at most one digit 1–9, and
// at most one digit after the last unit (十二, 六十一, 百五, 三). Digit by
// digit (六一) and 〇 are not positional.
bool positional_numeral(const std::vector<char32_t>& seq) {
  std::int64_t last_unit = 100000;
  std::size_t at = 0;
  while (at < seq.size()) {
    const std::int64_t digit = kanji_digit(seq[at]);
    if (digit == 0) return false;
    if (digit > 0) ++at;
    if (at == seq.size()) return digit > 0;
    const std::int64_t unit = kanji_unit(seq[at]);
    if (unit <= 0 || unit >= last_unit) return false;
    last_unit = unit;
    ++at;
  }
  return true;
}

// Where the number starts in run, kanji numerals written directly before a
// counter (0: the whole run is the number, as parse_number_text reads it). A
// 町字's name may itself end in a numeral (箕六 with 一丁目, written 箕六一丁目):
// the number is then the longest end of the run that reads positionally, the
// rest belongs to the name. A run with 〇 is read digit by digit as a whole
// (一〇丁目). Both sides of a match — the registry's names and the address
// written — are keyed by this one rule.
std::size_t number_start_in_run(std::string_view run) {
  std::vector<char32_t> numerals;
  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos < run.size();) {
    starts.push_back(pos);
    numerals.push_back(decode_utf8(run, pos));
    if (kanji_digit(numerals.back()) == 0) return 0;
  }
  // A positional numeral is at most 7 numerals long (五千五百五十五: a digit
  // and a unit for each of 千, 百, 十, then a digit): no longer end reads so.
  constexpr std::size_t kLongestPositional = 7;
  const std::size_t from =
      numerals.size() > kLongestPositional ? numerals.size() - kLongestPositional : 0;
  for (std::size_t first = from; first < numerals.size(); ++first) {
    std::vector<char32_t> tail(numerals.begin() + static_cast<std::ptrdiff_t>(first),
                               numerals.end());
    if (positional_numeral(tail)) return starts[first];
  }
  return 0;
}

// Where, in the run of kanji numerals text[start, end) written before a
// counter, its number starts: the first place from which the rest is the
// number (number_start_in_run says 0) and reads as one (parse_number_text);
// std::string_view::npos when none does. A number is at most 99999, so only
// the run's last kNumberPlaces numerals are tried: a run of thousands of
// numerals costs what its end costs (the fold stays linear in its input).
std::size_t number_in_run(std::string_view text, std::size_t start, std::size_t end) {
  constexpr std::size_t kNumberPlaces = 16;
  std::vector<std::size_t> places;
  for (std::size_t pos = start; pos < end;) {
    places.push_back(pos);
    decode_utf8(text, pos);
  }
  const std::size_t from = places.size() > kNumberPlaces ? places.size() - kNumberPlaces : 0;
  for (std::size_t i = from; i < places.size(); ++i) {
    const std::string_view rest = text.substr(places[i], end - places[i]);
    if (number_start_in_run(rest) == 0 && parse_number_text(rest) > 0) return places[i];
  }
  return std::string_view::npos;
}

// 番町 after a number is keyed as 番丁 (５番町 for 五番丁; 仙台の一番町 keys
// the same way on both sides). Both are three bytes: offsets stay right.
void fold_banchou(std::string& key) {
  static constexpr std::string_view kWritten = "番町", kKeyed = "番丁";
  for (std::size_t at = key.find(kWritten); at != std::string::npos;
       at = key.find(kWritten, at + kWritten.size())) {
    if (at > 0 && key[at - 1] >= '0' && key[at - 1] <= '9') key.replace(at, kKeyed.size(), kKeyed);
  }
}

}  // namespace

void make_address_key(std::string_view text, const AddressFoldTables& tables, AddressKey& out) {
  out.key.clear();
  out.offsets.clear();
  std::size_t pos = 0;
  std::size_t run_end = 0;                         // the end of the run of numerals
  std::size_t number_at = std::string_view::npos;  // where its number starts
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t cp = decode_utf8(text, pos);
    if (cp == U' ') continue;
    if (is_kanji_numeral(cp)) {
      // A run of kanji numerals directly before 丁目 (or another counter of a
      // numbered 町字: 番丁, 軒丁, 筋目, 条, 線) becomes ASCII digits: read
      // once a run, where it starts.
      if (start >= run_end) {
        run_end = pos;
        while (run_end < text.size()) {
          std::size_t probe = run_end;
          if (!is_kanji_numeral(decode_utf8(text, probe))) break;
          run_end = probe;
        }
        number_at = counter_at(text.substr(run_end)) ? number_in_run(text, start, run_end)
                                                     : std::string_view::npos;
      }
      const std::int64_t value =
          start == number_at ? parse_number_text(text.substr(start, run_end - start)) : -1;
      if (value > 0) {
        std::string digits = std::to_string(value);
        for (char digit : digits) {
          out.key += digit;
          out.offsets.push_back(static_cast<std::uint32_t>(start));
        }
        pos = run_end;
        continue;
      }
    }
    if (cp >= 0x3041 && cp <= 0x3096)
      cp += 0x60;  // hiragana keys as katakana (はくさん = ハクサン)
    if (auto variant = tables.variants.find(cp); variant != tables.variants.end()) {
      cp = variant->second;
    } else if (tables.more_variants && is_ideograph(cp)) {
      cp = tables.more_variants(cp);
    }
    if (std::find(tables.dropped.begin(), tables.dropped.end(), cp) != tables.dropped.end())
      continue;
    const std::size_t before = out.key.size();
    append_utf8(out.key, cp);
    // One offset a byte of it (1 to 4: a loop, not vector's fill insert).
    for (std::size_t byte = before; byte < out.key.size(); ++byte)
      out.offsets.push_back(static_cast<std::uint32_t>(start));
  }
  out.offsets.push_back(static_cast<std::uint32_t>(text.size()));
  fold_banchou(out.key);
}

std::string address_name_key(std::string_view name, const AddressFoldTables& tables) {
  FoldedAddress folded;
  fold_address_text(name, folded);
  AddressKey key;
  make_address_key(folded.text, tables, key);
  return key.key;
}

std::int64_t parse_number_text(std::string_view text) {
  if (text.empty()) return -1;
  std::int64_t total = 0;    // positional: the sum of the finished units
  std::int64_t current = 0;  // the digits read since the last unit
  bool has_unit = false;
  bool digit_run = false;  // digits read since the last unit
  std::int64_t plain = 0;  // digit by digit (二〇二, 123)
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = decode_utf8(text, pos);
    std::int64_t digit = is_ascii_digit(cp) ? cp - U'0' : kanji_digit(cp);
    if (digit >= 0) {
      current = current * 10 + digit;
      plain = plain * 10 + digit;
      digit_run = true;
    } else if (std::int64_t unit = kanji_unit(cp); unit > 0) {
      total += (digit_run ? current : 1) * unit;
      current = 0;
      digit_run = false;
      has_unit = true;
    } else {
      return -1;
    }
    // Every partial value only grows: past the limit the numeral is too big.
    if (current > 99999 || total > 99999 || (plain > 99999 && !has_unit)) return -1;
  }
  std::int64_t value = has_unit ? total + current : plain;
  return value > 99999 ? -1 : value;
}

}  // namespace gifkit::grammars

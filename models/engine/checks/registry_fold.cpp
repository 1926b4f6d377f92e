// registry_fold.cpp — see registry_fold.hpp.
#include "models/engine/checks/registry_fold.hpp"

#include <algorithm>

#include "grammars/dictionaries/legal_forms.hpp"
#include "grammars/dictionaries/number_marks.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::models {
namespace {

// Enclosed and square legal-form characters (㈱ ㍿ ㈾ …), written out.
std::string_view enclosed_legal_form(char32_t cp) {
  return grammars::legal_forms().single_character_form(cp);
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\r' || cp == '\n';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The folded text common to names and addresses: enclosed legal forms written
// out (harmless in addresses), ASCII width, half-width kana, dashes.
std::string fold_common(std::string_view utf8) {
  bool has_enclosed = false;
  for (std::size_t pos = 0; pos < utf8.size() && !has_enclosed;) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {
      ++pos;
      continue;
    }
    has_enclosed = !enclosed_legal_form(grammars::decode_utf8(utf8, pos)).empty();
  }
  if (!has_enclosed) return grammars::fold_width_and_dashes(utf8);
  std::string expanded;
  expanded.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = grammars::decode_utf8(utf8, pos);
    const std::string_view word = enclosed_legal_form(cp);
    if (word.empty()) {
      grammars::append_utf8(expanded, cp);
    } else {
      expanded += word;
    }
  }
  return grammars::fold_width_and_dashes(expanded);
}

// 号室 after a number is a room, not the mark 号.
constexpr std::string_view kRoom = "号室";

// A code point after which fold_address may cut an address: it folds to
// itself whatever stands around it (no width, dash, space, kana joining or
// legal form) and is in no mark (number_marks.tsv: 丁目 番地 番 号 の ノ 之)
// nor in 号室, so what fold_address makes of the text before it does not
// depend on the text after it, and the other way round.
bool is_plain_cut(char32_t cp) {
  const bool kana = (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA);
  const bool kanji = cp >= 0x4E00 && cp <= 0x9FFF;
  if (!kana && !kanji) return false;
  return cp != U'室' && !grammars::number_marks().in_a_mark(cp);
}

bool starts_with_at(std::string_view text, std::size_t at, std::string_view word) {
  return text.substr(at, word.size()) == word;
}

}  // namespace

std::string fold_corporate_name(std::string_view utf8) {
  const std::string text = grammars::hiragana_to_katakana(
      grammars::fold_width_and_dashes(grammars::legal_forms().write_out(utf8)));
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = grammars::decode_utf8(text, pos);
    if (!is_space(cp)) grammars::append_utf8(out, cp);
  }
  return out;
}

std::string expand_legal_forms(std::string_view utf8) {
  return grammars::legal_forms().write_out(utf8);
}

std::string fold_address(std::string_view utf8) {
  const grammars::NumberMarks& marks = grammars::number_marks();
  const std::string text = fold_common(utf8);
  std::string out;
  out.reserve(text.size());
  auto after_digit = [&out] { return !out.empty() && is_digit(out.back()); };
  // After a number's mark: 番地の95's の joins as the mark did (887番地の95 is 887-95).
  auto after_number = [&out] {
    return out.size() >= 2 && out.back() == '-' && is_digit(out[out.size() - 2]);
  };
  auto add_dash = [&out] {
    if (!out.empty() && out.back() != '-') out += '-';
  };
  for (std::size_t pos = 0; pos < text.size();) {
    if (after_digit() || after_number()) {
      // A mark after a digit (number_marks.tsv) is a '-'; の (ノ 之) only
      // before a digit, 号 not in 号室.
      const grammars::NumberMarkSpelling* mark = marks.at_start(std::string_view(text).substr(pos));
      if (mark != nullptr && mark->mark == grammars::NumberMark::no) {
        const std::size_t after = pos + mark->text.size();
        if (after >= text.size() || !is_digit(text[after])) mark = nullptr;
      }
      if (mark != nullptr && mark->mark == grammars::NumberMark::go &&
          starts_with_at(text, pos, kRoom))
        mark = nullptr;
      if (mark != nullptr) {
        add_dash();
        pos += mark->text.size();
        continue;
      }
    }
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(text, pos);
    if (is_space(cp)) {
      std::size_t next = pos;
      while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
      if (after_digit() && next < text.size() && is_digit(text[next])) add_dash();
      pos = next;
      continue;
    }
    if (cp == '-') {
      add_dash();
      continue;
    }
    // A building after the number: "14号ビル", "14-ビル" and "14 ビル" fold alike.
    if (!is_digit(static_cast<char>(cp)) && out.size() >= 2 && out.back() == '-' &&
        is_digit(out[out.size() - 2]))
      out.pop_back();
    out.append(text, start, pos - start);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool addresses_agree(std::string_view folded_a, std::string_view folded_b) {
  if (folded_a == folded_b) return true;
  const bool a_shorter = folded_a.size() < folded_b.size();
  const std::string_view shorter = a_shorter ? folded_a : folded_b;
  const std::string_view longer = a_shorter ? folded_b : folded_a;
  // Only a complete address (ending in its number) may be followed by a building.
  if (shorter.empty() || !is_digit(shorter.back()) || !longer.starts_with(shorter)) return false;
  std::string_view rest = longer.substr(shorter.size());
  if (rest.front() != '-') return !is_digit(rest.front());  // "17ビル" yes, "170" no
  rest.remove_prefix(1);
  std::size_t digits = 0;
  while (digits < rest.size() && is_digit(rest[digits])) ++digits;
  if (digits == 0) return !rest.empty();
  return digits < rest.size() && rest[digits] != '-';  // "8階" yes, "8" or "8-1" no
}

bool written_addresses_agree(std::string_view a, std::string_view b) {
  const std::size_t common = static_cast<std::size_t>(
      std::mismatch(a.begin(),
                    a.begin() + static_cast<std::ptrdiff_t>(std::min(a.size(), b.size())),
                    b.begin())
          .first -
      a.begin());
  // Where both are cut: at the last plain code point wholly in the common
  // beginning, which starts what is folded (so that the fold sees what
  // stands before the rest). The skipped text is the same in both and folds
  // the same whatever follows; not so with an invalid sequence or an
  // enclosed legal form in it (fold_common then re-encodes the whole text).
  std::size_t cut = 0;
  for (std::size_t pos = 0; pos < common;) {
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(a, pos);
    if (pos > common) break;
    if ((cp == grammars::kReplacementChar && pos == start + 1) ||
        !enclosed_legal_form(cp).empty()) {
      cut = 0;
      break;
    }
    if (is_plain_cut(cp)) cut = start;
  }
  return addresses_agree(fold_address(a.substr(cut)), fold_address(b.substr(cut)));
}

}  // namespace gifkit::models

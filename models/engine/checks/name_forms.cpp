// name_forms.cpp — see name_forms.hpp.
#include "models/engine/checks/name_forms.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "grammars/text/text_fold.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::models {

namespace {

constexpr std::size_t kMostForms = 8;

// The words a bracket may hold that mark the name rather than give another.
constexpr std::array<std::u32string_view, 7> kMarks = {U"通称", U"旧氏", U"旧姓", U"本名",
                                                       U"別名", U"通名", U"旧名"};

bool is_space(char32_t cp) {
  return cp == U' ' || cp == U'　' || cp == U'\t';
}

bool is_latin_letter(char32_t cp) {
  return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool is_name_separator(char32_t cp) {
  return is_space(cp) || cp == U'・' || cp == U'･' || cp == U'=' || cp == U'゠' || cp == U'-' ||
         cp == U'‐' || cp == U'－' || cp == U'.' || cp == U'\'' || cp == U',' || cp == U'’' ||
         cp == U'_' || cp == U'＿';
}

bool is_kana(char32_t cp) {
  return (cp >= U'ぁ' && cp <= U'ゖ') || (cp >= U'ァ' && cp <= U'ヺ') || cp == U'ー' ||
         cp == U'ゝ' || cp == U'ゞ' || cp == U'ヽ' || cp == U'ヾ' || (cp >= 0xFF66 && cp <= 0xFF9F);
}

char32_t closing_of(char32_t cp) {
  switch (cp) {
    case U'［':
      return U'］';
    case U'[':
      return U']';
    case U'（':
      return U'）';
    case U'(':
      return U')';
    default:
      return 0;
  }
}

// A piece of the written name: plain text, or a bracket's content (square:
// another form of the word before it; round: a name of its own).
struct Piece {
  std::u32string text;
  enum Kind { plain, square, round } kind = plain;
};

std::vector<Piece> pieces_of(std::u32string_view text) {
  std::vector<Piece> pieces(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t close = closing_of(text[i]);
    const std::size_t end = close != 0 ? text.find(close, i + 1) : std::u32string_view::npos;
    if (end == std::u32string_view::npos) {  // no bracket, or one never closed: text
      pieces.back().text.push_back(text[i] == U'_' ? U'＿' : text[i]);
      continue;
    }
    Piece bracket;
    bracket.kind = text[i] == U'［' || text[i] == U'[' ? Piece::square : Piece::round;
    bracket.text = text.substr(i + 1, end - i - 1);
    pieces.push_back(std::move(bracket));
    pieces.emplace_back();
    i = end;
  }
  return pieces;
}

// A bracket's content without a leading mark (`通称：山田明` → 山田明); empty
// when it is only a mark.
std::u32string without_mark(std::u32string text) {
  for (std::u32string_view mark : kMarks) {
    if (!std::u32string_view(text).starts_with(mark)) continue;
    std::size_t at = mark.size();
    while (at < text.size() && (is_space(text[at]) || text[at] == U'：' || text[at] == U':' ||
                                text[at] == U'＝' || text[at] == U'='))
      ++at;
    return text.substr(at);
  }
  return text;
}

// Text with its spaces made one half-width space, trimmed.
std::string tidy(std::u32string_view text) {
  std::string out;
  bool space = false;
  for (char32_t cp : text) {
    if (is_space(cp)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    grammars::append_utf8(out, cp);
  }
  return out;
}

void add_form(std::vector<std::string>& forms, std::string form) {
  if (form.empty() || forms.size() >= kMostForms) return;
  if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(std::move(form));
}

// A form that may hold `＿`: names of their own on each side when one side is
// a whole name, 氏 and 名 (`ALLEN JACKSON＿鈴木　一郎`: a name in Latin letters
// and the one in kanji beside it); else the parts of one name (`山田＿太郎`).
void add_written_form(std::vector<std::string>& forms, std::u32string_view text) {
  std::vector<std::u32string_view> sides;
  for (std::size_t from = 0;;) {
    const std::size_t at = text.find(U'＿', from);
    sides.push_back(text.substr(from, at == std::u32string_view::npos ? at : at - from));
    if (at == std::u32string_view::npos) break;
    from = at + 1;
  }
  const bool whole_names =
      sides.size() > 1 && std::any_of(sides.begin(), sides.end(), [](auto side) {
        return tidy(side).find(' ') != std::string::npos;
      });
  if (whole_names) {
    for (std::u32string_view side : sides) add_form(forms, tidy(side));
    return;
  }
  std::u32string joined(text);
  std::replace(joined.begin(), joined.end(), U'＿', U' ');
  add_form(forms, tidy(joined));
}

}  // namespace

NameScript name_script(std::string_view written) {
  const std::string text = grammars::fold_ascii_width(written);
  bool latin = true;
  bool kana = true;
  bool any = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = grammars::decode_utf8(text, pos);
    if (is_name_separator(cp) || grammars::is_variation_selector(cp)) continue;
    any = true;
    if (!is_latin_letter(cp)) latin = false;
    if (!is_kana(cp)) kana = false;
  }
  if (!any) return NameScript::empty;
  if (latin) return NameScript::latin;
  if (kana) return NameScript::kana;
  return NameScript::kanji;
}

std::vector<std::string> name_forms(std::string_view written) {
  std::u32string text;
  bool marked = false;  // a bracket or ＿: more than the tidied text
  for (std::size_t pos = 0; pos < written.size();) {
    const char32_t cp = grammars::decode_utf8(written, pos);
    marked = marked || closing_of(cp) != 0 || cp == U'＿' || cp == U'_';
    text.push_back(cp);
  }
  if (!marked) return {tidy(text)};
  const std::vector<Piece> pieces = pieces_of(text);
  std::vector<std::string> forms;
  std::u32string main;
  for (const Piece& piece : pieces)
    if (piece.kind == Piece::plain) main += piece.text;
  add_written_form(forms, main);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::u32string content = without_mark(pieces[i].text);
    if (pieces[i].kind == Piece::plain || content.empty()) continue;
    if (pieces[i].kind == Piece::round) {
      add_written_form(forms, content);
      continue;
    }
    std::u32string other;  // the square bracket's content in place of the word before it
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      if (k == i) {
        while (!other.empty() && is_space(other.back())) other.pop_back();
        while (!other.empty() && !is_space(other.back()) && other.back() != U'＿') other.pop_back();
        other += content;
      } else if (pieces[k].kind == Piece::plain) {
        other += pieces[k].text;
      }
    }
    add_written_form(forms, other);
  }
  if (forms.empty()) forms.emplace_back();  // nothing but separators
  assert(!forms.empty());
  return forms;
}

}  // namespace gifkit::models

// identifiers.hpp — Japanese public identifiers with their check digits:
// 法人番号 (13-digit corporate number), 個人番号 (マイナンバー, 12 digits),
// 全国地方公共団体コード (6-digit local government code), 郵便番号 (DS-443
// postal code).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "grammars/values/value_verdict.hpp"

namespace gifkit::grammars {

// The check digit (first of the 13 digits) for the 12 base digits of a
// 法人番号: 9 - ((sum over n=1..12 of P_n * Q_n) mod 9), P_n the n-th digit from
// the right, Q_n = 1 for odd n and 2 for even n. Requires 12 ASCII digits.
int corporate_number_check_digit(std::string_view twelve_digits);

// ok for 13 ASCII digits with a correct check digit. Full-width digits are
// wrong_width (suggestion: the ASCII form); hyphens or spaces inside are
// invalid_format with the digits as suggestion; a bad check digit is
// invalid_check_digit (reason names the expected digit).
ValueVerdict check_corporate_number(std::string_view text);

// The check digit (12th digit) of a 個人番号 for its 11 base digits, by
// 番号法施行令 第8条: 11 − (Σ_{n=1..11} P_n × Q_n mod 11), P_n the n-th
// digit from the right, Q_n = n + 1 for n ≤ 6 and n − 5 for n ≥ 7; 0 when
// the remainder is 0 or 1. Requires 11 ASCII digits. 12345678901 → 8.
int individual_number_check_digit(std::string_view eleven_digits);

// The 12 ASCII digits of text when it is written the way a 個人番号 is
// written, whatever its check digit: 12 digits, or three groups of 4 joined
// by one hyphen, dash, ー or space each ("1234-5678-9018", "1234 5678 9018");
// digits ASCII or full-width; spaces (ASCII, U+3000) around it ignored.
// nullopt for anything else (11 or 13 digits, other grouping, other text).
std::optional<std::string> individual_number_digits(std::string_view text);

// A scan of a UTF-8 text in pieces (a whole file's bytes, read a piece at a
// time) for what could be a 個人番号: a chain of digits (ASCII, ０-９)
// joined by single group separators (a dash, ー, ｰ, a space) holding
// exactly 12 digits. Every value individual_number_digits accepts is such a
// chain (spaces around it aside), and so is every number
// mask_labelled_individual_numbers masks; where none is found, no value of
// the text is either (a 13-digit 法人番号, a telephone number, a date are no
// such chain). Chains are cut by everything else: a CSV's delimiters (not a
// digit, space or dash), quotes, line ends, two separators in a row, and
// bytes that are not UTF-8 (one at a time: no digit after them is skipped).
class TwelveDigitScan {
 public:
  // Scans the next piece; returns the bytes used: all of them, or all but a
  // character cut at the end of the piece (at most 3 bytes), to be given
  // again at the start of the next piece. last: the end of the text.
  std::size_t feed(std::string_view piece, bool last);
  // True once a chain of exactly 12 digits was seen.
  bool found() const { return found_; }

 private:
  void end_chain() {
    found_ |= digits_ == 12;
    digits_ = 0;
    after_separator_ = false;
  }
  int digits_ = 0;                // in the chain open at the end of what was scanned
  bool after_separator_ = false;  // the chain's last character was a separator
  bool found_ = false;
};

// True when text is written as a 個人番号 (individual_number_digits) and its
// check digit is right. About 1 in 10 random 12-digit numbers passes (2 in 11
// of those ending in 0): one value is no proof, a column of them is
// (models/engine/checks/individual_number.hpp).
bool is_individual_number(std::string_view text);

// text with every digit (ASCII or full-width) replaced by '*' and the rest
// kept as written: "1234-5678-9018" → "****-****-****".
std::string mask_individual_number(std::string_view text);

// True when text is written masked: it starts with '*' and holds no digit
// (ASCII or full-width), as mask_individual_number writes a number
// ("************", "****-****-****").
bool is_masked_individual_number(std::string_view text);

// text with every 個人番号 written inside it masked (mask_individual_number)
// and the rest unchanged: a run of 12 digits, or three runs of 4 joined by
// one separator each, standing between non-digits, whose check digit is
// right. "番号 123456789018 の方" → "番号 ************ の方"; a 13-digit
// 法人番号 or a telephone number is left alone. A labelled number
// (mask_labelled_individual_numbers) is masked whatever its grouping. THE
// rule of every text gifkit shows (validate's reports, diff, transform's
// log and review list, serve's answers, messages that echo input).
std::string mask_individual_numbers_in(std::string_view text);
// The same, for a caller that writes many texts: true and masked set when
// text holds a 個人番号; false, masked untouched, when it holds none (most
// texts: no copy is made).
bool mask_individual_numbers_in(std::string_view text, std::string& masked);

// text with each 個人番号 that follows a label masked: 個人番号, マイナンバー
// or ﾏｲﾅﾝﾊﾞｰ, then up to 4 of space, U+3000, : ： = ＝ は ( ) （ ） 「 」, then
// 12 digits (ASCII or full-width) grouped any way by single separators
// (dash, ー, space), no 13th after them, the check digit right:
// "個人番号:166277306897", "マイナンバー 1662 7730 6897",
// "個人番号（マイナンバー）：1662-773068-97". For values written into a
// dataset (transform), where an unlabelled 12-digit number may be another
// code and is judged by its column instead. False, masked untouched, when
// text holds none (most texts: no copy is made).
bool mask_labelled_individual_numbers(std::string_view text, std::string& masked);

// The check digit (6th digit) of a 全国地方公共団体コード for its 5 base digits:
// S = 6·d1+5·d2+4·d3+3·d4+2·d5, check = (11 − S mod 11) mod 10.
int local_government_code_check_digit(std::string_view five_digits);

// ok for 6 ASCII digits with a correct check digit (131016 is 千代田区). The old
// 5-digit form is invalid_format with the 6-digit code as suggestion.
ValueVerdict check_local_government_code(std::string_view text);

// DS-443: 7 ASCII digits, no hyphen. "100-8926", "〒100-8926", "１００８９２６"
// are fixable (suggestion "1008926"): invalid_format, or wrong_width when only
// the width is wrong.
ValueVerdict check_postal_code(std::string_view text);
// check_postal_code(text).ok(), without making the verdict of a value that
// is not one (for callers that ask what a value looks like).
bool is_postal_code(std::string_view text);

// True when text is a JIS X 0401 prefecture code: exactly 2 ASCII digits,
// 01 (北海道) to 47 (沖縄県).
bool is_jis_prefecture_code(std::string_view text);

}  // namespace gifkit::grammars

// identifiers.hpp — Japanese public identifiers with their check digits:
// 法人番号 (13-digit corporate number), 全国地方公共団体コード (6-digit local
// government code), 郵便番号 (DS-443 postal code).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "grammars/value_verdict.hpp"

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

}  // namespace gifkit::grammars

// percent_escapes.hpp — hexadecimal digits and %XX escapes: the one reader of
// a %XX-escaped text (a URI's path or query keyword, an SARIF artifact's uri)
// and of a hexadecimal digit (also a bytea's text form, an xlsx _xHHHH_).
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The value of a hexadecimal digit (0-9, a-f, A-F), or -1.
int hex_digit_value(char c);

// text with each %XX (two hexadecimal digits) decoded to its byte; a '%' not
// followed by two hexadecimal digits is kept as it is.
std::string percent_decoded(std::string_view text);

}  // namespace gifkit::grammars

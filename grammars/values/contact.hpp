// contact.hpp — contact formats: telephone numbers (GIF DS-445), e-mail
// addresses and URLs.
#pragma once
#include <string_view>

#include "grammars/values/value_verdict.hpp"

namespace gifkit::grammars {

// DS-445: half-width digits separated by '-', the area code optionally in
// ( ) ("(03)5253-5111", "03-5253-5111", "090-9999-9999", "0120-999999"), an
// international form "+81 (3)5253-5111" / "+81 3-5253-5111", an extension
// "内線999" / "Ext.999" after one space, several numbers joined by " / ".
// Full-width digits or dashes are wrong_width; digits without any separator
// are invalid_format; the suggestion is the fixed form when it can be derived.
ValueVerdict check_phone_number(std::string_view text);

// A practical e-mail check (RFC 5321 shape: local@domain with a dot in the
// domain, no spaces, ASCII; full-width characters are wrong_width).
ValueVerdict check_email(std::string_view text);

// An absolute http(s) URL (RFC 3986 shape); full-width ASCII is wrong_width.
ValueVerdict check_url(std::string_view text);

}  // namespace gifkit::grammars

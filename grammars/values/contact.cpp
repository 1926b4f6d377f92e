// contact.cpp — telephone numbers (DS-445), e-mail addresses and http(s)
// URLs. Each check_* first runs a strict, allocation-free validator that
// names the first problem as a string literal; only when that fails is a
// repaired form built (width folded, separators fixed) and re-validated to
// become the suggestion.
#include "grammars/values/contact.hpp"

#include <algorithm>
#include <string>

#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/detail/ascii_text.hpp"
#include "grammars/values/detail/phone_number.hpp"

namespace gifkit::grammars {

namespace {

using detail::is_alnum;
using detail::is_digit;
using detail::is_hex;
using detail::trim_spaces;

// text with its width folded (fold_ascii_width) and, for telephone numbers,
// every dash made '-' and the long vowel marks between digits too (03ｰ1234): a repair starts from
// it, and a repair equal to it fixed only the width (repaired_verdict).
std::string fold_width(std::string_view text, bool dashes_to_hyphen) {
  std::string folded = fold_ascii_width(text);
  return dashes_to_hyphen ? dashes_between_digits(normalize_dashes(folded)) : folded;
}

// What a repair reads: width_folded (fold_width) with surrounding spaces
// trimmed; for telephone numbers also ー and ｰ made '-' (typed for a dash).
std::string repair_input(std::string_view width_folded, bool long_marks_to_hyphen) {
  if (!long_marks_to_hyphen) return std::string(trim_spaces(width_folded));
  std::string out;
  out.reserve(width_folded.size());
  for (std::size_t pos = 0; pos < width_folded.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(width_folded, pos);
    if (is_prolonged_sound_mark(cp)) {
      out.push_back('-');
    } else {
      out.append(width_folded, start, pos - start);
    }
  }
  return std::string(trim_spaces(out));
}

// True when text is two or more groups of ASCII digits joined by single
// '-' ("03-5253-5111"): repair_input leaves it as it is, and repair_number
// splits it into those groups and joins them again with '-'.
bool is_hyphenated_digit_groups(std::string_view text) {
  std::size_t groups = 0;
  bool in_group = false;
  for (const char c : text) {
    if (is_digit(c)) {
      groups += in_group ? 0 : 1;
      in_group = true;
    } else if (c == '-' && in_group) {
      in_group = false;
    } else {
      return false;
    }
  }
  return in_group && groups >= 2;
}

// Verdict for a value the strict validator rejected with `problem`, given
// the value's fold_width and a repaired candidate that passes the validator
// (empty when none could be made). wrong_width when folding the width (and,
// for phones, the dash characters) alone gives the repaired form.
ValueVerdict repaired_verdict(std::string_view width_folded, const char* problem,
                              std::string repaired, bool dashes_count_as_width) {
  if (repaired.empty()) return {ValueStatus::invalid_format, {}, problem};
  if (width_folded == repaired) {
    return {ValueStatus::wrong_width, std::move(repaired),
            dashes_count_as_width ? "full-width digits or a dash other than '-'"
                                  : "full-width characters"};
  }
  return {ValueStatus::invalid_format, std::move(repaired), problem};
}

}  // namespace

// ------------------------------------------------------------ telephone

ValueVerdict check_phone_number(std::string_view text) {
  const char* problem = detail::contact::PhoneParser(text).parse();
  if (problem == nullptr) return {};
  const std::string width_folded = fold_width(text, true);
  std::string repaired;
  if (is_hyphenated_digit_groups(width_folded) &&
      detail::contact::PhoneParser(width_folded).parse() == nullptr) {
    // What repair_phone_value gives for it (nothing to trim, split, move
    // or join otherwise): the number as folded (０３－５２５３－５１１１).
    repaired = width_folded;
  } else if (!text.empty()) {
    repaired = detail::contact::repair_phone_value(repair_input(width_folded, true));
  }
  return repaired_verdict(width_folded, problem, std::move(repaired), true);
}

// --------------------------------------------------------------- e-mail

namespace {

// A 128-entry membership table: alphanumerics plus the listed symbols.
struct AsciiSet {
  bool member[128] = {};
  constexpr explicit AsciiSet(std::string_view symbols) {
    for (int c = 0; c < 128; ++c) member[c] = is_alnum(static_cast<char>(c));
    for (const char c : symbols) member[static_cast<unsigned char>(c)] = true;
  }
  constexpr bool contains(char c) const {
    return static_cast<unsigned char>(c) < 128 && member[static_cast<unsigned char>(c)];
  }
};

constexpr AsciiSet kEmailLocalChars("!#$%&'*+/=?^_`{|}~-");  // RFC 5321 atext
constexpr AsciiSet kUrlChars("-._~!$&'()*+,;=:@/?");         // RFC 3986 pchar, '/', '?'

bool is_atext(char c) {
  return kEmailLocalChars.contains(c);
}

// A DNS host name: dot-separated labels of letters, digits and '-' (not at a
// label's ends), at most 63 bytes each; `need_dot` requires two labels or more.
// The bytes of a host name's labels (what host_name_problem allows between dots).
constexpr AsciiSet kHostLabelChars("-_");

// One pass over the host (every URL cell): the first problem in reading
// order, but a missing dot (need_dot) is named before any other, as it
// always was.
const char* host_name_problem(std::string_view host, bool need_dot) {
  if (host.empty()) return "empty host name";
  if (host.size() > 253) return "host name longer than 253 characters";
  const char* problem = nullptr;
  bool dot = false;
  for (std::size_t i = 0;; ++i) {  // a label a turn: [start, i), then '.' or the end
    const std::size_t start = i;
    while (i < host.size() && kHostLabelChars.contains(host[i])) ++i;
    if (i < host.size() && host[i] != '.') {
      problem = "host names hold letters, digits, '-' and '.' only";
    } else if (i == start) {
      problem = "empty label in the host name ('..' or a '.' at an end)";
    } else if (i - start > 63) {
      problem = "host name label longer than 63 characters";
    } else if (host[start] == '-' || host[i - 1] == '-') {
      problem = "host name label starts or ends with '-'";
    }
    if (problem != nullptr || i == host.size()) break;
    dot = true;
  }
  if (need_dot && !dot && host.find('.') == std::string_view::npos)
    return "host name without a '.'";
  return problem;
}

// nullptr for local@domain in RFC 5321 dot-atom form, else the problem.
const char* email_problem(std::string_view text) {
  if (text.empty()) return "empty; expected an e-mail address";
  if (text.front() == ' ' || text.back() == ' ') return "spaces around the address";
  if (text.starts_with("mailto:")) return "'mailto:' is not part of the address";
  if (!is_ascii(text)) return "non-ASCII characters in an e-mail address";
  if (text.size() > 254) return "e-mail address longer than 254 characters";
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos) return "no '@' in the e-mail address";
  if (text.find('@', at + 1) != std::string_view::npos) return "more than one '@'";
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.empty() || local.size() > 64) return "the part before '@' must be 1-64 characters";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "misplaced '.' before the '@'";
  }
  for (const char c : local) {
    if (c != '.' && !is_atext(c)) return "character not allowed before the '@'";
  }
  if (const char* problem = host_name_problem(domain, true)) return problem;
  const std::string_view top_level = domain.substr(domain.rfind('.') + 1);
  if (top_level.find_first_not_of("0123456789") == std::string_view::npos) {
    return "numeric top-level domain";
  }
  return nullptr;
}

}  // namespace

ValueVerdict check_email(std::string_view text) {
  const char* problem = email_problem(text);
  if (problem == nullptr) return {};
  const std::string width_folded = fold_width(text, false);
  std::string repaired = repair_input(width_folded, false);
  if (repaired.size() >= 7 &&
      (repaired.starts_with("mailto:") || repaired.starts_with("MAILTO:"))) {
    repaired.erase(0, 7);
  }
  if (email_problem(repaired) != nullptr) repaired.clear();
  return repaired_verdict(width_folded, problem, std::move(repaired), false);
}

// ------------------------------------------------------------------ URL

namespace {

bool is_url_char(char c) {
  return kUrlChars.contains(c);
}

// Scheme "http" / "https" in any case, followed by "://"; returns its length.
std::size_t http_scheme_length(std::string_view text) {
  const auto starts_with_ci = [text](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (starts_with_ci("https://")) return 8;
  if (starts_with_ci("http://")) return 7;
  return 0;
}

// Where the authority that starts at text[scheme] ends: the first '/', '?'
// or '#' after it, or text.size(). (A plain loop: find_first_of calls
// memchr for every byte.)
std::size_t authority_end_of(std::string_view text, std::size_t scheme) {
  std::size_t i = scheme;
  while (i < text.size() && text[i] != '/' && text[i] != '?' && text[i] != '#') ++i;
  return i;
}

// nullptr for an absolute http(s) URL in RFC 3986 shape, else the problem.
const char* url_problem(std::string_view text) {
  if (text.empty()) return "empty; expected an http(s) URL";
  const std::size_t scheme = http_scheme_length(text);
  if (scheme == 0) return "not an absolute URL starting with http:// or https://";
  const std::size_t authority_end = authority_end_of(text, scheme);
  std::string_view host = text.substr(scheme, authority_end - scheme);
  // The usual host (www.example.co.jp): no user info, no port, no IPv6.
  const bool plain_host = std::all_of(
      host.begin(), host.end(), [](char c) { return c == '.' || kHostLabelChars.contains(c); });
  if (plain_host) {
    if (const char* problem = host_name_problem(host, false)) return problem;
    host = {};
  } else {
    if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) {
      // User info: rarely right, but valid when it is RFC 3986 userinfo
      // (unreserved, sub-delims, ':' and %XX).
      const std::string_view user_info = host.substr(0, at);
      for (std::size_t i = 0; i < user_info.size(); ++i) {
        const char c = user_info[i];
        if (c == '%' && i + 2 < user_info.size() && is_hex(user_info[i + 1]) &&
            is_hex(user_info[i + 2])) {
          i += 2;
        } else if (c == '@' || c == '/' || c == '?' || !is_url_char(c)) {
          return "character that must be percent-encoded in the user info before '@'";
        }
      }
      host.remove_prefix(at + 1);
    }
    if (host.starts_with("[")) {  // IPv6 literal
      const std::size_t close = host.find(']');
      if (close == std::string_view::npos) return "unclosed '[' in the host";
      for (const char c : host.substr(1, close - 1)) {
        if (!is_hex(c) && c != ':' && c != '.') return "bad IPv6 address";
      }
      host.remove_prefix(close + 1);
      if (!host.empty() && host.front() != ':') return "unexpected text after the IPv6 address";
    } else {
      const std::size_t colon = host.find(':');
      if (!is_ascii(host.substr(0, colon))) {
        return "non-ASCII host name (write internationalised domains in punycode, xn--)";
      }
      if (const char* problem = host_name_problem(host.substr(0, colon), false)) return problem;
      host.remove_prefix(colon == std::string_view::npos ? host.size() : colon);
    }
  }
  if (!host.empty()) {  // ":port"
    const std::string_view port = host.substr(1);
    int port_number = 0;
    for (const char c : port) {
      if (!is_digit(c) || port.size() > 5) return "port must be a number up to 65535";
      port_number = port_number * 10 + (c - '0');
    }
    if (port_number > 65535) return "port must be a number up to 65535";
  }
  bool in_fragment = false;
  for (std::size_t i = authority_end; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
        return "'%' not followed by two hex digits";
      }
      i += 2;
    } else if (c == '#' && !in_fragment) {
      in_fragment = true;
    } else if (!is_url_char(c)) {
      return "character that must be percent-encoded (space, non-ASCII, \\, \", <, >, ...)";
    }
  }
  return nullptr;
}

// Percent-encodes the bytes url_problem rejects in the path, query and
// fragment (spaces, non-ASCII, ...), leaving the scheme and host alone.
std::string percent_encode_path(std::string_view url) {
  const std::size_t scheme = http_scheme_length(url);
  const std::size_t authority_end = authority_end_of(url, scheme);
  std::string out(url.substr(0, authority_end));
  static constexpr char kHex[] = "0123456789ABCDEF";
  bool in_fragment = false;
  for (std::size_t i = authority_end; i < url.size(); ++i) {
    const char c = url[i];
    const bool valid_escape =
        c == '%' && i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2]);
    if (is_url_char(c) || valid_escape || (c == '#' && !in_fragment)) {
      in_fragment = in_fragment || c == '#';
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return out;
}

}  // namespace

ValueVerdict check_url(std::string_view text) {
  const char* problem = url_problem(text);
  if (problem == nullptr) return {};
  const std::string width_folded = fold_width(text, false);
  std::string repaired = repair_input(width_folded, false);
  if (url_problem(repaired) != nullptr && http_scheme_length(repaired) != 0) {
    repaired = percent_encode_path(repaired);
  }
  if (url_problem(repaired) != nullptr) repaired.clear();
  return repaired_verdict(width_folded, problem, std::move(repaired), false);
}

}  // namespace gifkit::grammars

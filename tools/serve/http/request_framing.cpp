// request_framing.cpp — see request_framing.hpp.
#include "tools/serve/http/request_framing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

#include "tools/serve/http/error_text.hpp"

namespace gifkit::tools::serve {

namespace {

FramingError bad_request(std::string message) {
  return {400, "bad-request", std::move(message)};
}

// RFC 9110 §5.6.2: the characters of a token (a method, a field name).
bool is_token_char(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

std::string byte_name(char c) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned char>(c));
  return text;
}

std::string lowered(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The elements of a comma-separated field value (RFC 9110 §5.6.1), empty
// ones left out.
std::vector<std::string_view> list_elements(std::string_view value) {
  std::vector<std::string_view> elements;
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t comma = std::min(value.find(',', start), value.size());
    std::string_view element = trimmed(value.substr(start, comma - start));
    if (!element.empty()) elements.push_back(element);
    start = comma + 1;
  }
  return elements;
}

// What is wrong with a header (or trailer) field line, without its CRLF;
// nullopt when it is "name: value" as RFC 9112 §5 says.
std::optional<std::string> field_line_problem(std::string_view line) {
  if (line.front() == ' ' || line.front() == '\t') {
    return "starts with whitespace (a folded line, obs-fold, is not accepted)";
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return "has no colon";
  if (colon == 0) return "has no field name before its colon";
  for (char c : line.substr(0, colon)) {
    if (c == ' ' || c == '\t') return "has whitespace before its colon";
    if (!is_token_char(c)) return "has a field name with the byte " + byte_name(c);
  }
  for (char c : line.substr(colon + 1)) {
    if (c == '\0') return "holds a NUL byte";
    if (c == '\r') return "holds a CR that does not end it";
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
      return "holds the control byte " + byte_name(c);
    }
  }
  return std::nullopt;
}

// The request line's problem, nullopt when it is METHOD SP TARGET SP
// HTTP/1.x. Its 501 and 505 are refusals of a well-formed line.
std::optional<FramingError> request_line_problem(std::string_view line) {
  const std::size_t first = line.find(' ');
  const std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return bad_request("the request line is not METHOD TARGET HTTP/1.1 (one space between each)");
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!is_token(method)) return bad_request("the request line's method is not a token");
  if (target.empty()) return bad_request("the request line has no target");
  for (char c : target) {
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
      return bad_request("the request target holds the byte " + byte_name(c));
    }
  }
  const bool version_form = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                            version[5] >= '0' && version[5] <= '9' && version[6] == '.' &&
                            version[7] >= '0' && version[7] <= '9';
  if (!version_form) return bad_request("the request line's version is not HTTP/1.1 or HTTP/1.0");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return FramingError{505, "http-version-not-supported",
                        std::string(version) + " is not supported: send HTTP/1.1"};
  }
  // The methods httplib's parser knows; the service answers those it routes.
  static constexpr std::string_view kMethods[] = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                                  "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
  if (std::find(std::begin(kMethods), std::end(kMethods), method) == std::end(kMethods)) {
    return FramingError{501, "not-implemented",
                        "the method " + shown_text(method) + " is not implemented"};
  }
  return std::nullopt;
}

// RFC 9112 §3.2: the request line with its target in origin form: an
// absolute-form target (http://host/path?query), which a server must accept
// (§3.2.2), is answered as its path and query; the asterisk form is
// OPTIONS's alone, the authority form CONNECT's (not served). nullopt: a
// target of no form (a 400).
std::optional<std::string> in_origin_form(std::string_view line) {
  const std::size_t first = line.find(' ');
  const std::size_t second = line.find(' ', first + 1);
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  if (target.front() == '/') return std::string(line);
  if (target == "*") {
    if (method == "OPTIONS") return std::string(line);
    return std::nullopt;
  }
  const std::string lower = lowered(target.substr(0, 8));
  const std::size_t scheme = lower.starts_with("http://")    ? 7
                             : lower.starts_with("https://") ? 8
                                                             : 0;
  if (scheme == 0) return std::nullopt;
  const std::size_t path = target.find_first_of("/?#", scheme);
  const std::string_view authority =
      target.substr(scheme, (path == std::string_view::npos ? target.size() : path) - scheme);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string origin = path == std::string_view::npos ? "/" : std::string(target.substr(path));
  if (origin.front() != '/') origin.insert(0, "/");
  return std::string(method) + " " + origin + std::string(line.substr(second));
}

// RFC 9112 §3.2: a Host value is uri-host [":" port] (RFC 3986: letters,
// digits, -._~, %, !$&'()*+,;=, and : [ ] of a port or an IPv6 address).
bool is_host_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("-._~%!$&'()*+,;=:[]").find(c) != std::string_view::npos;
  });
}

}  // namespace

std::variant<std::size_t, FramingError> find_head_end(std::string_view bytes, HeadScan& scan) {
  std::size_t& at = scan.line_start;
  bool& seen_request_line = scan.seen_request_line;
  for (;;) {
    const std::size_t newline = bytes.find('\n', at);
    const std::size_t line_end = newline == std::string_view::npos ? bytes.size() : newline;
    const std::size_t length = line_end - at;
    if (!seen_request_line && length > kMaxRequestLine + 1) {
      return FramingError{414, "uri-too-long", uri_too_long_message(kMaxRequestLine)};
    }
    if (seen_request_line && length > kMaxHeaderLine + 1) {
      return FramingError{
          431, "headers-too-large",
          "a header line is longer than " + std::to_string(kMaxHeaderLine) + " bytes"};
    }
    if (line_end > kMaxHeadBytes) {
      return FramingError{431, "headers-too-large",
                          "the request's header lines are longer than " +
                              std::to_string(kMaxHeadBytes) + " bytes in all"};
    }
    if (newline == std::string_view::npos) return std::size_t{0};
    const bool empty = length == 0 || (length == 1 && bytes[at] == '\r');
    at = newline + 1;
    if (empty && seen_request_line) return at;
    if (!empty) seen_request_line = true;  // empty lines before it are skipped (RFC 9112 §2.2)
  }
}

std::variant<RequestHead, FramingError> check_request_head(std::string_view head,
                                                           std::uint64_t max_body) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t newline = head.find('\n', at);
    if (newline == std::string_view::npos) return bad_request("the head does not end with CRLF");
    if (newline == at || head[newline - 1] != '\r') {
      return bad_request("a line of the head ends with a bare LF, not CRLF");
    }
    lines.push_back(head.substr(at, newline - 1 - at));
    at = newline + 1;
  }
  while (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
  if (lines.empty() || !lines.back().empty()) return bad_request("the head has no end");
  lines.pop_back();
  if (lines.empty()) return bad_request("the head has no request line");
  if (auto problem = request_line_problem(lines.front())) return *problem;
  const bool http10 = lines.front().substr(lines.front().size() - 8) == "HTTP/1.0";

  const auto request_line = in_origin_form(lines.front());
  if (!request_line) {
    return bad_request(
        "the request target is not a path (/…), an absolute http(s) URI, or * of OPTIONS");
  }
  RequestHead checked;
  checked.for_parser.append(*request_line).append("\r\n");
  std::optional<std::uint64_t> length;
  std::vector<std::string> codings;
  bool has_transfer_encoding = false;
  std::size_t hosts = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (auto problem = field_line_problem(line)) {
      return bad_request("header line " + std::to_string(i) + " " + *problem);
    }
    const std::size_t colon = line.find(':');
    const std::string name = lowered(line.substr(0, colon));
    const std::string_view value = trimmed(line.substr(colon + 1));
    if (name == "content-length") {
      const auto elements = list_elements(value);
      if (elements.empty()) return bad_request("a Content-Length has no value");
      for (std::string_view element : elements) {
        std::uint64_t number = 0;
        auto [end, error] =
            std::from_chars(element.data(), element.data() + element.size(), number);
        if (!std::all_of(element.begin(), element.end(),
                         [](char c) { return c >= '0' && c <= '9'; }) ||
            error != std::errc() || end != element.data() + element.size()) {
          return bad_request("the Content-Length '" + shown_text(element) +
                             "' is not a number of bytes");
        }
        if (length && *length != number) {
          return bad_request("two different Content-Length values (" + std::to_string(*length) +
                             " and " + std::to_string(number) + ")");
        }
        length = number;
      }
    } else if (name == "transfer-encoding") {
      has_transfer_encoding = true;
      for (std::string_view element : list_elements(value)) codings.push_back(lowered(element));
    } else {
      if (name == "host" && ++hosts == 1 && !is_host_value(value)) {
        return bad_request("the Host header's value is not a host (and port)");
      }
      checked.for_parser.append(line).append("\r\n");
    }
  }
  if (has_transfer_encoding) {
    if (length) return bad_request("a request has both Content-Length and Transfer-Encoding");
    if (http10) return bad_request("an HTTP/1.0 request has a Transfer-Encoding");
    if (codings.empty()) return bad_request("the Transfer-Encoding names no coding");
    const auto chunked = std::count(codings.begin(), codings.end(), "chunked");
    if (chunked > 1 || (chunked == 1 && codings.back() != "chunked")) {
      return bad_request("chunked must be the last transfer coding, and only once");
    }
    for (const auto& coding : codings) {
      if (coding != "chunked") {
        return FramingError{
            501, "not-implemented",
            "the transfer coding " + shown_text(coding) + " is not implemented (only chunked is)"};
      }
    }
    checked.framing = BodyFraming::chunked;
  } else if (length) {
    if (*length > max_body)
      return FramingError{413, "body-too-large", body_too_large_message(max_body)};
    checked.framing = BodyFraming::counted;
    checked.content_length = *length;
    checked.for_parser += "Content-Length: " + std::to_string(*length) + "\r\n";
  }
  // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with
  // two, is refused (a proxy and the server could take different hosts).
  if (hosts > 1)
    return bad_request("the request has " + std::to_string(hosts) + " Host headers; send one");
  if (hosts == 0 && !http10) return bad_request("an HTTP/1.1 request has no Host header; send one");
  checked.for_parser += "\r\n";
  return checked;
}

void ChunkedDecoder::fail(std::string message) {
  error_ = FramingError{400, "bad-request", "bad chunked framing: " + std::move(message)};
}

std::size_t ChunkedDecoder::decode(const char*& in, const char* in_end, char* out,
                                   std::size_t out_size) {
  // A size line's extension, or a trailer line, longer than this is refused.
  constexpr std::size_t kMaxLine = 4096;
  std::size_t written = 0;
  while (in < in_end && !error_ && state_ != State::done) {
    const char c = *in;
    switch (state_) {
      case State::size:
        if (std::isxdigit(static_cast<unsigned char>(c))) {
          if (++size_digits_ > 15) {
            fail("a chunk size of more than 15 hex digits");
            return written;
          }
          const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
          chunk_left_ = chunk_left_ * 16 + static_cast<std::uint64_t>(digit);
          ++in;
          break;
        }
        if (size_digits_ == 0) {
          fail("a chunk size line that does not start with hex digits");
          return written;
        }
        if (c == '\r') {
          state_ = State::size_lf;
        } else if (c == ';' || c == ' ' || c == '\t') {
          state_ = State::extension;
          line_bytes_ = 0;
        } else {
          fail("a chunk size followed by the byte " + byte_name(c));
          return written;
        }
        ++in;
        break;
      case State::extension:
        if (c == '\r') {
          state_ = State::size_lf;
        } else if (c == '\n' || c == '\0' || ++line_bytes_ > kMaxLine) {
          fail("a chunk extension that is too long or holds LF or NUL");
          return written;
        }
        ++in;
        break;
      case State::size_lf:
        if (c != '\n') {
          fail("a chunk size line that does not end with CRLF");
          return written;
        }
        ++in;
        decoded_ += chunk_left_;
        if (decoded_ > max_body_) {
          error_ = FramingError{413, "body-too-large", body_too_large_message(max_body_)};
          return written;
        }
        state_ = chunk_left_ == 0 ? State::trailer : State::data;
        trailer_line_.clear();
        break;
      case State::data: {
        if (written == out_size) return written;
        const std::size_t n = static_cast<std::size_t>(
            std::min<std::uint64_t>({chunk_left_, static_cast<std::uint64_t>(in_end - in),
                                     static_cast<std::uint64_t>(out_size - written)}));
        std::copy(in, in + n, out + written);
        in += n;
        written += n;
        chunk_left_ -= n;
        if (chunk_left_ == 0) state_ = State::data_cr;
        break;
      }
      case State::data_cr:
      case State::data_lf:
        if (c != (state_ == State::data_cr ? '\r' : '\n')) {
          fail("a chunk's data is not followed by CRLF (its size is wrong)");
          return written;
        }
        ++in;
        if (state_ == State::data_lf) {
          state_ = State::size;
          size_digits_ = 0;
        } else {
          state_ = State::data_lf;
        }
        break;
      case State::trailer:
        if (c == '\r') {
          state_ = State::trailer_lf;
        } else if (c == '\n') {
          fail("a trailer line ends with a bare LF");
          return written;
        } else {
          trailer_line_.push_back(c);
          if (trailer_line_.size() > kMaxLine || ++trailer_bytes_ > kMaxHeadBytes) {
            fail("the trailer fields are too long");
            return written;
          }
        }
        ++in;
        break;
      case State::trailer_lf:
        if (c != '\n') {
          fail("a trailer line holds a CR that does not end it");
          return written;
        }
        ++in;
        if (trailer_line_.empty()) {
          state_ = State::done;
        } else if (auto problem = field_line_problem(trailer_line_)) {
          fail("a trailer line " + *problem);
          return written;
        } else {
          trailer_line_.clear();
          state_ = State::trailer;
        }
        break;
      case State::done:
        break;
    }
  }
  return written;
}

}  // namespace gifkit::tools::serve

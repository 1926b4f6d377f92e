// request_framing.hpp — HTTP/1.1 request framing checked as RFC 9112 says,
// by the connection engine, before httplib's parser sees a request. The head
// (request line and header fields) is read whole and checked strictly: a
// header line without a colon, with whitespace before it, folded onto the
// next line (obs-fold), or holding a NUL, CR or LF, is refused; so are two
// different Content-Length values, a Content-Length with Transfer-Encoding,
// and a transfer coding other than chunked (501); so is an HTTP/1.1 request
// without Host, or any with two, or a Host that is no host, and a target of
// no form; an absolute-form target is read as its path (RFC 9112 §3.2). The
// engine then decides
// where the body ends — its Content-Length, the end of its chunked framing
// (decoded here: a chunk whose data is not followed by CRLF is refused), or
// at once when it has neither — and httplib reads that body and nothing
// past it. cpp-httplib 0.11 on its own skips malformed header lines, takes
// the first of two Content-Length values, reads past a lying chunk size and
// an unknown coding to the end of the connection: the bytes of one request
// read as another (request smuggling behind a proxy that frames them
// otherwise). Every refusal closes the connection.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gifkit::tools::serve {

// A request refused for its framing: the status (400, 413, 414, 431, 501,
// 505), a stable code (docs/serve.md) and a message for people.
struct FramingError {
  int status;
  std::string code;
  std::string message;
};

inline constexpr std::size_t kMaxRequestLine = 8192;  // a longer request line: 414
inline constexpr std::size_t kMaxHeaderLine = 8192;   // a longer header line: 431
inline constexpr std::size_t kMaxHeadBytes = 65536;   // a longer head: 431

enum class BodyFraming {
  none,     // no Content-Length, no Transfer-Encoding: the body is empty
  counted,  // Content-Length
  chunked,  // Transfer-Encoding: chunked
};

// A head that passed the checks.
struct RequestHead {
  // The head httplib parses: the client's, less its Transfer-Encoding and
  // Content-Length fields, with one Content-Length when the body is counted
  // (a chunked body is decoded before httplib reads it, to its end).
  std::string for_parser;
  BodyFraming framing = BodyFraming::none;
  std::uint64_t content_length = 0;
};

// How far find_head_end has looked into the bytes of a head still arriving,
// so that each call reads only what is new (a head trickled a byte at a time
// costs its length, not its square). A new head starts from {}.
struct HeadScan {
  std::size_t line_start = 0;  // where the line not yet ended starts
  bool seen_request_line = false;
};

// Where the head at the start of bytes ends: the length of the request line,
// the header lines and the empty line after them (leading empty lines
// included); 0 while it has not all arrived. A FramingError (414, 431) when
// what has arrived is already too long to be a head. scan: see HeadScan
// (bytes must start with the bytes it was last given).
std::variant<std::size_t, FramingError> find_head_end(std::string_view bytes, HeadScan& scan);

// Checks a whole head (as find_head_end measured it). max_body: a
// Content-Length beyond it is 413.
std::variant<RequestHead, FramingError> check_request_head(std::string_view head,
                                                           std::uint64_t max_body);

// The chunked framing of a body (RFC 9112 §7.1) decoded as its bytes
// arrive: chunk sizes in hex (extensions after ';' skipped), each chunk's
// data followed by CRLF, a last chunk of size 0, trailer fields (checked as
// header lines, then dropped) and the final CRLF.
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(std::uint64_t max_body) : max_body_(max_body) {}
  // Decodes from [in, in_end) into out (at most out_size bytes), advancing
  // in past what it used; returns the data bytes written. Stops at the end
  // of the body (finished) or at the first error (error), leaving the bytes
  // after it unread.
  std::size_t decode(const char*& in, const char* in_end, char* out, std::size_t out_size);
  bool finished() const { return state_ == State::done; }
  const std::optional<FramingError>& error() const { return error_; }

 private:
  enum class State { size, extension, size_lf, data, data_cr, data_lf, trailer, trailer_lf, done };
  void fail(std::string message);

  std::uint64_t max_body_;
  State state_ = State::size;
  std::uint64_t chunk_left_ = 0;
  std::uint64_t decoded_ = 0;
  std::size_t size_digits_ = 0;
  std::size_t line_bytes_ = 0;  // of the current size or trailer line
  std::size_t trailer_bytes_ = 0;
  std::string trailer_line_;
  std::optional<FramingError> error_;
};

}  // namespace gifkit::tools::serve

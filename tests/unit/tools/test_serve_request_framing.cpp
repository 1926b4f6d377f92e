// test_serve_request_framing.cpp — tools/serve/http/request_framing: where a
// request's head ends (and when it is too long to be one), the head's checks
// (each malformed line, Content-Length and Transfer-Encoding refused with its
// status) and the head httplib is given, and the chunked decoder (a body fed
// in pieces of any size, extensions and trailers, a lying chunk size, a body
// over the limit, the bytes after the body left unread).
// room: serve
#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "tools/serve/http/request_framing.hpp"

using namespace gifkit::tools::serve;

namespace {

// The status a head is refused with, or 0 when it passes.
int refusal_of(const std::string& head, std::uint64_t max_body = 1000) {
  auto checked = check_request_head(head, max_body);
  if (auto* error = std::get_if<FramingError>(&checked)) return error->status;
  return 0;
}

RequestHead passed(const std::string& head) {
  auto checked = check_request_head(head, 1000);
  REQUIRE(std::holds_alternative<RequestHead>(checked));
  return std::get<RequestHead>(checked);
}

// Decodes body fed piece bytes at a time, out bytes at most per call.
struct Decoded {
  std::string data;
  std::optional<FramingError> error;
  std::size_t unread = 0;  // bytes after the body's end
};
Decoded decode(const std::string& body, std::size_t piece, std::size_t out = 7,
               std::uint64_t max_body = 1000) {
  ChunkedDecoder decoder(max_body);
  Decoded result;
  std::size_t at = 0;
  while (!decoder.finished() && !decoder.error() && at < body.size()) {
    const std::size_t end = std::min(body.size(), at + piece);
    const char* from = body.data() + at;
    char buffer[64];
    std::size_t n = decoder.decode(from, body.data() + end, buffer, std::min(out, sizeof buffer));
    result.data.append(buffer, n);
    at = static_cast<std::size_t>(from - body.data());
    if (n == 0 && at == end && end == body.size()) break;
  }
  result.error = decoder.error();
  result.unread = body.size() - at;
  if (!decoder.finished() && !result.error) result.error = FramingError{0, "unfinished", ""};
  return result;
}

}  // namespace

namespace {
std::variant<std::size_t, FramingError> find_head_end(const std::string& bytes) {
  HeadScan scan;
  return gifkit::tools::serve::find_head_end(bytes, scan);
}
}  // namespace

TEST_CASE("find_head_end: the empty line after the header lines ends the head") {
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  CHECK(std::get<std::size_t>(find_head_end(head + "rest")) == head.size());
  CHECK(std::get<std::size_t>(find_head_end(head.substr(0, head.size() - 1))) == 0);
  CHECK(std::get<std::size_t>(find_head_end("\r\n" + head)) == head.size() + 2);
  CHECK(std::get<std::size_t>(find_head_end("GET / HTTP/1.1\n\n")) == 16);  // refused by the check
  auto long_line = find_head_end("GET /" + std::string(kMaxRequestLine, 'a'));
  REQUIRE(std::holds_alternative<FramingError>(long_line));
  CHECK(std::get<FramingError>(long_line).status == 414);
  std::string many = "GET / HTTP/1.1\r\n";
  while (many.size() <= kMaxHeadBytes) many += "X-A: " + std::string(100, 'a') + "\r\n";
  auto too_many = find_head_end(many);
  REQUIRE(std::holds_alternative<FramingError>(too_many));
  CHECK(std::get<FramingError>(too_many).status == 431);
}

TEST_CASE("find_head_end: a head arriving a byte at a time is read once, to the same end") {
  const std::string head = "\r\nGET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\r\n";
  HeadScan scan;
  for (std::size_t n = 1; n < head.size(); ++n) {
    CHECK(std::get<std::size_t>(gifkit::tools::serve::find_head_end(head.substr(0, n), scan)) == 0);
  }
  CHECK(std::get<std::size_t>(gifkit::tools::serve::find_head_end(head + "GET", scan)) ==
        head.size());
}

TEST_CASE("check_request_head: malformed lines are 400, unknown codings and methods 501") {
  const std::string line = "POST /v1/validate HTTP/1.1\r\n";
  CHECK(refusal_of(line + "Host: x\r\n\r\n") == 0);
  CHECK(refusal_of(line + "no colon\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Host : x\r\n\r\n") == 400);
  CHECK(refusal_of(line + ": x\r\n\r\n") == 400);
  CHECK(refusal_of(line + "X-A: a\r\n b\r\n\r\n") == 400);
  CHECK(refusal_of(line + "X-A: a" + std::string(1, '\0') + "b\r\n\r\n") == 400);
  CHECK(refusal_of(line + "X-A: a\rb\r\n\r\n") == 400);
  CHECK(refusal_of(line + "X-A: a\nX-B: b\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Content-Length: 4\r\nContent-Length: 5\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Content-Length: 4, 5\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Content-Length: -4\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Content-Length: 99999999999999999999\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Content-Length: 1001\r\n\r\n") == 413);
  CHECK(refusal_of(line + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Transfer-Encoding: gzip\r\n\r\n") == 501);
  CHECK(refusal_of(line + "Transfer-Encoding: gzip, chunked\r\n\r\n") == 501);
  CHECK(refusal_of(line + "Transfer-Encoding: chunked, gzip\r\n\r\n") == 400);
  CHECK(refusal_of(line + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n") ==
        400);
  CHECK(refusal_of(line + "Transfer-Encoding: \r\n\r\n") == 400);
  CHECK(refusal_of("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(refusal_of("BREW / HTTP/1.1\r\n\r\n") == 501);
  CHECK(refusal_of("GET / HTTP/2.0\r\n\r\n") == 505);
  CHECK(refusal_of("GET / HTTX/1.1\r\n\r\n") == 400);
  CHECK(refusal_of("GET  / HTTP/1.1\r\n\r\n") == 400);
  CHECK(refusal_of("GET /a b HTTP/1.1\r\n\r\n") == 400);
}

TEST_CASE("check_request_head: one Host in HTTP/1.1, at most one in HTTP/1.0 (RFC 9112 §3.2)") {
  CHECK(refusal_of("GET / HTTP/1.1\r\n\r\n") == 400);
  CHECK(refusal_of("GET / HTTP/1.1\r\nX-A: a\r\n\r\n") == 400);
  CHECK(refusal_of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(refusal_of("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n") == 400);
  CHECK(refusal_of("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(refusal_of("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == 0);
  CHECK(refusal_of("GET / HTTP/1.1\r\nHOST:\r\n\r\n") == 0);  // empty: no authority
  CHECK(refusal_of("GET / HTTP/1.0\r\n\r\n") == 0);
  auto checked = check_request_head("GET / HTTP/1.1\r\n\r\n", 1000);
  REQUIRE(std::holds_alternative<FramingError>(checked));
  CHECK(std::get<FramingError>(checked).code == "bad-request");
  CHECK(std::get<FramingError>(checked).message.find("Host") != std::string::npos);
}

TEST_CASE("check_request_head: the head httplib reads has one Content-Length, no coding") {
  const std::string line = "POST /v1/validate HTTP/1.1\r\n";
  RequestHead counted =
      passed("\r\n" + line + "Host: x\r\ncontent-length: 4\r\nContent-Length: 4\r\n\r\n");
  CHECK(counted.framing == BodyFraming::counted);
  CHECK(counted.content_length == 4);
  CHECK(counted.for_parser == line + "Host: x\r\nContent-Length: 4\r\n\r\n");
  RequestHead chunked = passed(line + "Transfer-Encoding: Chunked\r\nHost: x\r\n\r\n");
  CHECK(chunked.framing == BodyFraming::chunked);
  CHECK(chunked.for_parser == line + "Host: x\r\n\r\n");
  CHECK(passed("GET / HTTP/1.1\r\nHost: x\r\n\r\n").framing == BodyFraming::none);
}

TEST_CASE("ChunkedDecoder: the data of every chunk, in pieces of any size") {
  const std::string body =
      "3\r\nabc\r\n10;name=value\r\n0123456789abcdef\r\n0\r\nX-T: t\r\n\r\nNEXT";
  for (std::size_t piece : {1, 2, 5, 64}) {
    Decoded decoded = decode(body, piece);
    CHECK_FALSE(decoded.error);
    CHECK(decoded.data == "abc0123456789abcdef");
    CHECK(decoded.unread == 4);  // the next request is not read
  }
}

TEST_CASE("ChunkedDecoder: a lying size, bad size lines and trailers, a body too large") {
  CHECK(decode("2\r\nabc\r\n0\r\n\r\n", 64).error->status == 400);
  CHECK(decode("zz\r\nabc\r\n0\r\n\r\n", 64).error->status == 400);
  CHECK(decode("3x\r\nabc\r\n0\r\n\r\n", 64).error->status == 400);
  CHECK(decode("3\nabc\r\n0\r\n\r\n", 64).error->status == 400);
  CHECK(decode("1000000000000000\r\n", 64).error->status == 400);
  CHECK(decode("3\r\nabc\r\n0\r\nno colon\r\n\r\n", 64).error->status == 400);
  CHECK(decode("3\r\nabc\r\n0\r\n\n", 64).error->status == 400);
  CHECK(decode("3\r\nabc\r\n3\r\nabc\r\n0\r\n\r\n", 64, 7, 5).error->status == 413);
}

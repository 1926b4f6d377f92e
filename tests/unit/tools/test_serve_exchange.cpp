// test_serve_exchange.cpp — tools/serve/http/exchange: gifkit's own request
// and answer, as the routes read and write them: header fields by name in
// any case, the first of a parameter or field given twice, a header field
// holding CR or LF never added, a body's Content-Type replaced by the next
// set_content, and a streamed body's chunks written through its sink.
// room: serve
#include <catch2/catch.hpp>
#include <string>

#include "tools/serve/http/exchange.hpp"

using namespace gifkit::tools::serve;

TEST_CASE("serve-2.1 a request's fields by name in any case; the first of two values", "[serve]") {
  Request request;
  request.headers.emplace("Content-Type", "text/csv");
  request.headers.emplace("origin", "https://a.example");
  request.headers.emplace("ORIGIN", "https://b.example");
  request.params.emplace("q", "文京区");
  request.params.emplace("q", "千代田区");
  CHECK(request.header("content-type") == "text/csv");
  CHECK(request.header("Origin") == "https://a.example");
  CHECK(request.has_header("CONTENT-TYPE"));
  CHECK_FALSE(request.has_header("Accept"));
  CHECK(request.header("Accept").empty());
  CHECK(request.param_count("q") == 2);
  CHECK(request.param("q") == "文京区");
  CHECK_FALSE(request.has_param("Q"));  // parameters are named as given
  CHECK(request.param("limit").empty());
}

TEST_CASE("serve-2.2 an answer: fields added in order, none with CR or LF, one Content-Type",
          "[serve]") {
  Answer answer;
  CHECK(answer.status == 0);
  answer.set_header("Vary", "Origin");
  answer.set_header("vary", "Accept");
  answer.set_header("X-Bad", "a\r\nInjected: yes");
  answer.set_header("X-Bad\n", "a");
  answer.set_content("{}", "application/json");
  answer.set_content("[]\n", "application/x-ndjson");
  CHECK(answer.body == "[]\n");
  CHECK(answer.headers.count("Content-Type") == 1);
  CHECK(answer.headers.find("content-type")->second == "application/x-ndjson");
  CHECK(answer.headers.count("X-Bad") == 0);
  auto [first, end] = answer.headers.equal_range("VARY");
  REQUIRE(std::distance(first, end) == 2);
  CHECK(first->second == "Origin");
  CHECK(std::next(first)->second == "Accept");
}

TEST_CASE("serve-2.3 a streamed answer writes its chunks through the sink until done", "[serve]") {
  struct Collect final : ChunkSink {
    std::string bytes;
    bool ended = false;
    bool write(const char* data, std::size_t size) override {
      bytes.append(data, size);
      return true;
    }
    void done() override { ended = true; }
  } sink;
  Answer answer;
  int calls = 0;
  answer.set_stream("application/x-ndjson", [&calls](ChunkSink& out) {
    const std::string line = "{\"n\":" + std::to_string(++calls) + "}\n";
    if (!out.write(line.data(), line.size())) return false;
    if (calls == 3) out.done();
    return true;
  });
  CHECK(answer.headers.find("Content-Type")->second == "application/x-ndjson");
  while (!sink.ended) REQUIRE(answer.stream(sink));
  CHECK(sink.bytes == "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
}

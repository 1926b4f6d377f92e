// exchange.hpp — gifkit's own request and answer, what the service's routes
// read and write (routes.hpp): a Request (method, path, the route pattern's
// groups, query parameters, header fields, the client's address, the body
// through a reader) and an Answer (status, header fields, a body or a body
// streamed as it is made). The HTTP library's types stay behind the adapter
// (httplib_adapter.hpp), the one place that converts between the two.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::tools::serve {

// Header field names compare without regard to case (RFC 9110 §5.1).
struct FieldNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
// Header fields by name; a name given twice keeps both, in the order given.
using Headers = std::multimap<std::string, std::string, FieldNameLess>;
// Query parameters, decoded; a name given twice keeps both.
using Params = std::multimap<std::string, std::string>;

// How the reading of a request's body ended.
enum class BodyEnd {
  complete,
  too_large,  // past the server's --max-body
  cut_short,  // the client stopped sending, or the receiver stopped the reading
};
// Takes the body a piece at a time as it arrives; false stops the reading.
using BodyReceiver = std::function<bool(const char* data, std::size_t size)>;
// Reads a request's body once, handing each piece to the receiver.
using BodyReader = std::function<BodyEnd(const BodyReceiver& receive)>;

struct Request {
  std::string method;
  std::string path;                  // decoded, without the query
  std::vector<std::string> matches;  // the route's pattern: [0] the path, [1]… its groups
  Params params;
  Headers headers;
  std::string remote_address;
  BodyReader body;  // a POST route's body; none: the body is empty

  bool has_param(const std::string& name) const { return params.count(name) > 0; }
  std::size_t param_count(const std::string& name) const { return params.count(name); }
  // The first value of parameter name, "" when it is absent.
  std::string param(const std::string& name) const;
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  // The first value of header field name, "" when it is absent.
  std::string header(const std::string& name) const;
};

// Where a streamed answer's body goes (Answer::stream).
class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  // Sends bytes to the client; false when it is gone.
  virtual bool write(const char* data, std::size_t size) = 0;
  // The body is whole.
  virtual void done() = 0;
};
// Writes the next part of a streamed body; called again until it calls
// done() on the sink, or returns false (the client is gone: the answer ends).
using ChunkProvider = std::function<bool(ChunkSink& sink)>;

struct Answer {
  int status = 0;  // 0 until set: 200 when a route answered, 404 when none did
  Headers headers;
  std::string body;
  ChunkProvider stream;  // a body sent in chunks as it is made (then body is empty)

  // Adds a header field (a name or value holding CR or LF is not added).
  void set_header(const std::string& name, const std::string& value);
  // The body, and its Content-Type in place of any before.
  void set_content(std::string text, const std::string& type);
  // A streamed body of type.
  void set_stream(const std::string& type, ChunkProvider provider);
};

}  // namespace gifkit::tools::serve

// inflate.hpp — a streaming decoder of DEFLATE (RFC 1951), the compression of
// zip entries, for the browser build's zip reader (no zlib there). It pulls
// compressed bytes from a source as it needs them and yields inflated bytes in
// pieces, so memory stays flat (a 64 KiB window); damaged data (a bad block
// type, an impossible Huffman code, a distance before the start, input that
// ends early) throws InflateError, never reads out of bounds.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>

namespace gifkit::grammars {

struct InflateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Inflater {
 public:
  // Fills up to size bytes of compressed input into buffer; 0 at its end.
  using Source = std::function<std::size_t(unsigned char* buffer, std::size_t size)>;
  explicit Inflater(Source source);
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Up to size inflated bytes into out; fewer only at the end of the stream
  // (0 once its final block is out). Throws InflateError on damaged data.
  std::size_t read(unsigned char* out, std::size_t size);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gifkit::grammars

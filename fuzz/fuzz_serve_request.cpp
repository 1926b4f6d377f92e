// fuzz_serve_request.cpp — libFuzzer target for what `gifkit serve` does
// with the bytes of a request before a route answers it: the framing
// (tools/serve/http/request_framing.hpp: find_head_end, check_request_head,
// ChunkedDecoder) and the body readers (tools/serve/request_body.hpp:
// SpooledBody, LineReader, JsonStringArrayReader, BodyFile). The first byte
// picks the options — how the bytes arrive (blocks of 1–512 bytes or all at
// once: bits 0–2), the memory threshold past which a body is spooled to a
// file (bits 3–4), the longest line or string kept (bits 5–7); the rest is
// the request as a client sends it. Invariants: the head is found at the
// same place, and refused the same way, however its bytes arrive; a head
// that passes gives a parser head that passes again unchanged, ends with an
// empty line and holds no framing field but the one Content-Length of a
// counted body; a chunked body decodes to the same bytes in any blocks and
// into any buffer, never more than max_body, and decodes again the same
// written as one chunk; the spooled body gives back exactly its bytes
// (next, head, rewind, the named file, in a folder of one pool used again
// input after input, and removed after); its lines are the body split at LF
// with one CR dropped, each cut at the longest kept and marked; its JSON
// check agrees with nlohmann's parser, and its strings are nlohmann's.
// room: serve
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "tools/serve/http/request_framing.hpp"
#include "tools/serve/http_answers.hpp"
#include "tools/serve/request_body.hpp"

namespace {

namespace s = gifkit::tools::serve;
using gifkit::fuzz::hex;

constexpr std::uint64_t kMaxBody = 1 << 20;

struct Options {
  std::size_t block = 0;  // bytes a time; 0: all at once
  std::size_t memory_threshold = 0;
  std::size_t max_item_bytes = 0;
};

std::string describe(const s::FramingError& error) {
  return std::to_string(error.status) + " " + error.code + ": " + error.message;
}

// find_head_end over bytes arriving `block` at a time (0: at once).
std::variant<std::size_t, s::FramingError> head_end(std::string_view bytes, std::size_t block) {
  s::HeadScan scan;
  if (block == 0) return s::find_head_end(bytes, scan);
  for (std::size_t arrived = 0;;) {
    arrived = std::min(bytes.size(), arrived + block);
    auto found = s::find_head_end(bytes.substr(0, arrived), scan);
    if (std::holds_alternative<s::FramingError>(found) || std::get<std::size_t>(found) != 0 ||
        arrived == bytes.size())
      return found;
  }
}

void check_parser_head(const s::RequestHead& head, std::uint64_t max_body) {
  const std::string& text = head.for_parser;
  FUZZ_CHECK(text.ends_with("\r\n\r\n"), "the parser's head does not end with an empty line");
  std::size_t lengths = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t newline = text.find('\n', at);
    FUZZ_CHECK(newline != std::string::npos && newline > at && text[newline - 1] == '\r',
               "a parser head line without CRLF: " + hex(text));
    std::string line(text.substr(at, newline - 1 - at));
    for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    FUZZ_CHECK(!line.starts_with("transfer-encoding:"), "a Transfer-Encoding passed to the parser");
    if (line.starts_with("content-length:")) ++lengths;
    at = newline + 1;
  }
  FUZZ_CHECK(lengths == (head.framing == s::BodyFraming::counted ? 1u : 0u),
             std::to_string(lengths) + " Content-Length fields passed to the parser");
  auto again = s::check_request_head(text, max_body);
  if (head.framing == s::BodyFraming::chunked) {
    // Without its Transfer-Encoding the body is no longer framed.
    FUZZ_CHECK(std::holds_alternative<s::RequestHead>(again),
               "the parser's head of a chunked request is refused");
    FUZZ_CHECK(std::get<s::RequestHead>(again).framing == s::BodyFraming::none,
               "the parser's head of a chunked request frames a body");
    return;
  }
  FUZZ_CHECK(std::holds_alternative<s::RequestHead>(again),
             "the parser's head is refused: " + describe(std::get<s::FramingError>(again)));
  const s::RequestHead& checked = std::get<s::RequestHead>(again);
  FUZZ_CHECK(checked.for_parser == text, "checking the parser's head changes it");
  FUZZ_CHECK(checked.framing == head.framing && checked.content_length == head.content_length,
             "checking the parser's head changes its framing");
}

struct Decoded {
  std::string data;
  bool finished = false;
  std::optional<s::FramingError> error;
  std::size_t used = 0;  // input bytes read
};

// A chunked body decoded from bytes arriving `block` at a time into a
// buffer of out_size bytes.
Decoded decode_chunked(std::string_view bytes, std::size_t block, std::size_t out_size) {
  s::ChunkedDecoder decoder(kMaxBody);
  Decoded result;
  std::vector<char> out(out_size);
  const char* in = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  while (!decoder.finished() && !decoder.error()) {
    const char* available = block == 0 ? end : std::min(end, in + block);
    const char* before = in;
    const std::size_t written = decoder.decode(in, available, out.data(), out.size());
    FUZZ_CHECK(written <= out.size() && in >= before && in <= available,
               "decode wrote or read out of bounds");
    result.data.append(out.data(), written);
    if (written == 0 && in == before && available == end) break;  // needs more bytes
  }
  result.finished = decoder.finished();
  result.error = decoder.error();
  result.used = static_cast<std::size_t>(in - bytes.data());
  FUZZ_CHECK(result.data.size() <= kMaxBody, "a chunked body decoded past max_body");
  return result;
}

s::BodyReader reader_of(const std::string& body, std::size_t block, bool complete) {
  return [&body, block, complete](const s::BodyReceiver& receive) {
    const std::size_t step = block == 0 ? std::max<std::size_t>(1, body.size()) : block;
    for (std::size_t at = 0; at < body.size(); at += step) {
      if (!receive(body.data() + at, std::min(step, body.size() - at))) {
        return s::BodyEnd::cut_short;
      }
    }
    return complete ? s::BodyEnd::complete : s::BodyEnd::cut_short;
  };
}

void check_lines(s::SpooledBody& body, const std::string& bytes, std::size_t max_bytes) {
  std::vector<std::pair<std::string, bool>> expected;
  for (std::size_t at = 0; at < bytes.size();) {
    std::size_t newline = bytes.find('\n', at);
    if (newline == std::string::npos) newline = bytes.size();
    std::string line = bytes.substr(at, newline - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool too_long = line.size() > max_bytes;
    if (too_long) line.resize(max_bytes);
    expected.emplace_back(std::move(line), too_long);
    at = newline + 1;
  }
  body.rewind();
  s::LineReader reader(body, max_bytes);
  std::string line;
  bool too_long = false;
  std::size_t count = 0;
  while (reader.next(line, too_long)) {
    FUZZ_CHECK(count < expected.size(), "more lines than the body holds");
    FUZZ_CHECK(line == expected[count].first && too_long == expected[count].second,
               "line " + std::to_string(count + 1) + " is " + hex(line) +
                   (too_long ? " (too long)" : "") + ", expected " + hex(expected[count].first) +
                   (expected[count].second ? " (too long)" : ""));
    ++count;
  }
  FUZZ_CHECK(count == expected.size(), "fewer lines than the body holds");
  FUZZ_CHECK(!reader.next(line, too_long), "a line after the end");
}

void check_json(s::SpooledBody& body, const std::string& bytes, std::size_t max_bytes) {
  s::JsonStringArrayReader reader(body, max_bytes);
  const std::string wrong = reader.check();
  const nlohmann::json parsed = nlohmann::json::parse(bytes, nullptr, false);
  bool strings_only = parsed.is_array();
  if (strings_only) {
    for (const auto& element : parsed) strings_only = strings_only && element.is_string();
  }
  // The reader checks only the strings it keeps whole; nlohmann skips a BOM
  // and takes a NUL byte for the end of the input.
  const bool comparable = max_bytes >= bytes.size() && !bytes.starts_with("\xEF\xBB\xBF") &&
                          bytes.find('\0') == std::string::npos;
  if (comparable) {
    FUZZ_CHECK(wrong.empty() == strings_only,
               "the JSON check says '" + wrong + "', nlohmann " +
                   (strings_only ? "an array of strings" : "not one") + ": " + hex(bytes));
  }
  if (!wrong.empty()) return;
  std::string text;
  bool too_long = false;
  std::size_t count = 0;
  while (reader.next(text, too_long)) {
    if (comparable) {
      FUZZ_CHECK(count < parsed.size(), "more strings than the array holds");
      FUZZ_CHECK(!too_long && text == parsed[count].get<std::string>(),
                 "string " + std::to_string(count + 1) + " is " + hex(text));
    }
    ++count;
  }
  if (comparable) FUZZ_CHECK(count == parsed.size(), "fewer strings than the array holds");
}

// The folders the bodies' files go to: one pool for every input, as a
// server has, so that each input's file goes to a folder used before.
s::BodyFolders& body_folders() {
  static s::BodyFolders folders;
  return folders;
}

void check_body(const std::string& bytes, bool complete, const Options& options, bool as_file) {
  try {
    s::SpooledBody body(reader_of(bytes, options.block, complete), options.memory_threshold,
                        kMaxBody);
    FUZZ_CHECK(complete, "a body that stopped early was taken");
    FUZZ_CHECK(body.size() == bytes.size(), "the body's size is " + std::to_string(body.size()));
    FUZZ_CHECK(body.head(7) == bytes.substr(0, 7), "the body's head differs");
    std::string read;
    for (int c; (c = body.next()) >= 0;) read.push_back(static_cast<char>(c));
    FUZZ_CHECK(read == bytes, "the body read back differs");
    check_lines(body, bytes, options.max_item_bytes);
    check_json(body, bytes, options.max_item_bytes);
    if (as_file) {
      std::filesystem::path path;
      {
        const s::BodyFile file(body_folders(), body, "body.csv");
        path = file.path();
        std::ifstream in(file.path(), std::ios::binary);
        const std::string stored{std::istreambuf_iterator<char>(in),
                                 std::istreambuf_iterator<char>()};
        FUZZ_CHECK(stored == bytes, "the body's file differs");
        FUZZ_CHECK(file.without_folder(file.path().string() + ": x") == "body.csv: x",
                   "without_folder left the folder in");
      }
      FUZZ_CHECK(!std::filesystem::exists(path), "the body's file was left");
    }
  } catch (const s::HttpError& error) {
    FUZZ_CHECK(!complete && error.status() == 400 && error.code() == "body-incomplete",
               "the body was refused: " + std::to_string(error.status()) + " " + error.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::size_t kBlocks[] = {0, 1, 2, 3, 7, 16, 64, 512};
  static constexpr std::size_t kThresholds[] = {0, 16, 4096, std::size_t{1} << 30};
  static constexpr std::size_t kItemBytes[] = {1, 2, 5, 16, 64, 1000, 65536, std::size_t{1} << 30};
  const std::uint8_t control = data[0];
  Options options;
  options.block = kBlocks[control & 0x07];
  options.memory_threshold = kThresholds[(control >> 3) & 0x03];
  options.max_item_bytes = kItemBytes[(control >> 5) & 0x07];
  const std::string_view bytes = gifkit::fuzz::as_text(data + 1, size - 1);

  const auto at_once = head_end(bytes, 0);
  const auto trickled = head_end(bytes, options.block == 0 ? 1 : options.block);
  if (std::holds_alternative<s::FramingError>(at_once)) {
    FUZZ_CHECK(
        std::holds_alternative<s::FramingError>(trickled) &&
            std::get<s::FramingError>(trickled).status == std::get<s::FramingError>(at_once).status,
        "the head is refused only when it arrives at once");
    return 0;
  }
  FUZZ_CHECK(std::holds_alternative<std::size_t>(trickled) &&
                 std::get<std::size_t>(trickled) == std::get<std::size_t>(at_once),
             "the head ends elsewhere when it arrives in blocks");
  const std::size_t head_size = std::get<std::size_t>(at_once);
  FUZZ_CHECK(head_size <= bytes.size(), "the head ends past the bytes");
  if (head_size == 0) {
    // No whole head: what there is may still be a body (a client posting lines).
    check_body(std::string(bytes), true, options, false);
    return 0;
  }

  const auto checked = s::check_request_head(bytes.substr(0, head_size), kMaxBody);
  if (std::holds_alternative<s::FramingError>(checked)) {
    const s::FramingError& error = std::get<s::FramingError>(checked);
    FUZZ_CHECK(!error.code.empty() && !error.message.empty() && error.status >= 400,
               "a refusal without a status, code or message");
    return 0;
  }
  const s::RequestHead& head = std::get<s::RequestHead>(checked);
  check_parser_head(head, kMaxBody);

  const std::string_view rest = bytes.substr(head_size);
  std::string body;
  bool complete = true;
  if (head.framing == s::BodyFraming::counted) {
    body = std::string(rest.substr(0, head.content_length));
    complete = rest.size() >= head.content_length;
  } else if (head.framing == s::BodyFraming::chunked) {
    const Decoded whole = decode_chunked(rest, 0, 1 << 16);
    const Decoded blocks =
        decode_chunked(rest, std::max<std::size_t>(1, options.block), 1 + options.block % 5);
    FUZZ_CHECK(
        whole.finished == blocks.finished && whole.error.has_value() == blocks.error.has_value(),
        "the chunked framing ends otherwise in blocks");
    FUZZ_CHECK(whole.data == blocks.data, "a chunked body decodes otherwise in blocks");
    if (whole.error) return 0;
    FUZZ_CHECK(!whole.finished || whole.used == blocks.used,
               "a chunked body ends elsewhere in blocks");
    if (whole.finished) {
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%zx\r\n", whole.data.size());
      const std::string one_chunk =
          whole.data.empty() ? std::string("0\r\n\r\n") : size_line + whole.data + "\r\n0\r\n\r\n";
      const Decoded again = decode_chunked(one_chunk, 0, 1 << 16);
      FUZZ_CHECK(again.finished && again.data == whole.data,
                 "the body written as one chunk decodes otherwise");
    }
    body = whole.data;
    complete = whole.finished;
  }
  check_body(body, complete, options, size % 16 == 0);
  return 0;
}

// error_text.hpp — the texts the engine and the routes both write: the one
// error body {"error":{"code","message"}} (stable codes, documented in
// docs/serve.md and the OpenAPI document), the JSON media types, the
// messages of the limits that the framing, the library's parser and the
// routes all answer, and a client's text as a message may show it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gifkit::tools::serve {

inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kNdjsonType = "application/x-ndjson; charset=utf-8";

// The error body {"error":{"code":code,"message":message}} and a newline;
// a 個人番号 written in message is masked (grammars::mask_individual_numbers_in).
std::string error_json(std::string_view code, std::string_view message);
// The messages of the limits the framing, the parser and the routes answer.
std::string body_too_large_message(std::uint64_t max_body);
std::string uri_too_long_message(std::size_t longest);
// text for a message or the log: at most 200 bytes, invalid UTF-8 replaced,
// a 個人番号 in it masked.
std::string shown_text(std::string_view text);

}  // namespace gifkit::tools::serve

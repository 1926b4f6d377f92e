// json_text.hpp — how gifkit writes JSON text, for every command and the
// service: one serializer (nlohmann's, never escaping non-ASCII), invalid
// UTF-8 replaced by U+FFFD instead of failing, and a fast path that appends a
// string or a number to a buffer by hand with the same bytes (the streaming
// writers: 100,000+ addresses or problems a second, no DOM per value).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gifkit::tools {

using Json = nlohmann::ordered_json;

// document as JSON text: one line (indent < 0) or indented by indent spaces.
std::string json_text(const Json& document, int indent = -1);

// True when json_text writes text as its own bytes between quotes: no
// control character, quote or backslash (escaped), and well-formed UTF-8 as
// RFC 3629 has it, the form nlohmann's serializer accepts (else U+FFFD).
bool is_plain_json_string(std::string_view text);

// Appends text as a JSON string: the bytes json_text writes for it.
void append_json_string(std::string& out, std::string_view text);

// Appends ,"name":text — one more member of the object out is writing, its
// value text as a JSON string (name is written as it is: plain ASCII).
void append_json_member(std::string& out, std::string_view name, std::string_view text);

// Appends value as the shortest JSON number that reads back as it (null for
// NaN and infinities, which JSON has no number for).
void append_json_number(std::string& out, double value);

}  // namespace gifkit::tools

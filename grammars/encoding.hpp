// encoding.hpp — input encodings: UTF-8 (with or without BOM) and
// Shift_JIS/CP932, detected from the bytes or set by the user, converted to UTF-8.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace gifkit::grammars {

enum class Encoding { automatic, utf8, cp932 };

// Parses a user's --encoding value: "auto", "utf-8"/"utf8", "shift_jis"/"sjis"/
// "cp932"/"windows-31j" (case-insensitive). Nothing for an unknown name.
std::optional<Encoding> parse_encoding_name(std::string_view name);

// "auto", "UTF-8" or "CP932".
std::string_view encoding_name(Encoding encoding);

// Guesses the encoding of the first bytes of a file: utf8 when they are valid
// UTF-8 (a sequence cut at the end of the sample is allowed), cp932 when they
// are not but decode as CP932, utf8 otherwise (the reader then reports the
// bad bytes).
Encoding detect_encoding(std::string_view sample);

// Converts CP932 bytes to UTF-8, appending to out. Returns the byte offset of
// the first byte that is not valid CP932 (converted as U+FFFD, and conversion
// goes on), or std::string_view::npos when all bytes were valid. Requires
// that input does not end inside a double-byte character.
std::size_t cp932_to_utf8(std::string_view input, std::string& out);

}  // namespace gifkit::grammars

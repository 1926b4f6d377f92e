// encoding.hpp — input encodings: UTF-8 (with or without BOM) and
// Shift_JIS/CP932, detected from the bytes or set by the user, converted to UTF-8.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Like detect_encoding, but a sample that is neither valid UTF-8 nor valid
// CP932 gets the encoding under which fewer of its bytes are invalid (ties go
// to UTF-8), so a Shift_JIS file with one stray byte is still read as CP932
// and only that byte is reported. The CSV reader detects with this.
Encoding detect_encoding_tolerant(std::string_view sample);

// Converts CP932 bytes to UTF-8, appending to out. Returns the byte offset of
// the first byte that is not valid CP932 (converted as U+FFFD, and conversion
// goes on), or std::string_view::npos when all bytes were valid. Requires
// that input does not end inside a double-byte character.
std::size_t cp932_to_utf8(std::string_view input, std::string& out);

// Like cp932_to_utf8, but writes to out, which must have room for
// 3 * input.size() bytes (no CP932 character takes more), and returns the
// number of bytes written; first_invalid gets what cp932_to_utf8 returns.
// For readers that convert straight into their own buffer.
std::size_t cp932_to_utf8_into(std::string_view input, char* out, std::size_t& first_invalid);

// Length of the longest prefix of CP932 input that does not end inside a
// double-byte character: input.size(), or input.size() - 1 when the last byte
// is a lead byte waiting for its trail byte. Lets a reader convert a stream
// block by block (cp932_to_utf8 on the prefix, carry the rest to the next
// block). Steps through characters exactly as cp932_to_utf8 does.
std::size_t cp932_complete_prefix_length(std::string_view input);

// The bytes of each character of input that cp932_to_utf8 converts to
// U+FFFD, in order, stepping from from (a character's start: the
// first_invalid it returned). The k-th U+FFFD of the conversion stands for
// the k-th of them (no CP932 character maps to U+FFFD).
std::vector<std::string> cp932_invalid_characters(std::string_view input, std::size_t from);

}  // namespace gifkit::grammars

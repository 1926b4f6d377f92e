// xlsx_text.hpp — the escape an .xlsx sheet's text uses for a character XML
// 1.0 cannot hold (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): _xHHHH_, the
// character's UTF-16 code in hex (a carriage return is _x000D_), and the
// underscore of text that only looks like an escape written as _x005F_.
// XlsxReader decodes shared and inline strings with it; transform's .xlsx
// writer (tools/output/xlsx_table_writer) protects text that looks like an
// escape (libxlsxwriter escapes the control characters itself), so a value
// reads back as it was written.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// Whether text holds an escape _xHHHH_ (any case of hex digits) at `at`.
bool xstring_escape_at(std::string_view text, std::size_t at);

// Replaces every escape in text by its character, left to right (a UTF-16
// surrogate pair written as two escapes is one character). An escape of NUL
// or of a lone surrogate stays as written: no character to put there.
void decode_xstring_escapes(std::string& text);

// text with the underscore of every escape it holds written as _x005F_, so
// that decoding gives text back. Returns text itself when it holds none.
std::string_view protect_xstring_escapes(std::string_view text, std::string& scratch);

}  // namespace gifkit::grammars

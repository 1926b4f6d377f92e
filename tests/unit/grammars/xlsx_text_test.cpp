// xlsx_text_test.cpp — the _xHHHH_ escape of an .xlsx sheet's text
// (grammars/io/xlsx_text.hpp): decoded left to right, a surrogate pair as one
// character, NUL and a lone surrogate left as written; protecting text that
// looks like an escape and decoding it gives the text back.
// room: grammars
#include <catch2/catch.hpp>
#include <string>

#include "grammars/io/xlsx_text.hpp"

using namespace gifkit::grammars;

namespace {
std::string decoded(std::string text) {
  decode_xstring_escapes(text);
  return text;
}
}  // namespace

TEST_CASE("xlsx-text-1.1 escapes decoded: control characters, any hex case, a surrogate pair") {
  CHECK(decoded("a_x000D_\nb") == "a\r\nb");
  CHECK(decoded("_x0001__x001f_") == "\x01\x1f");
  CHECK(decoded("_x3042_") == "あ");
  CHECK(decoded("_xD83D__xDE00_") == "\xF0\x9F\x98\x80");  // U+1F600
  CHECK(decoded("_x005F_x0041_") == "_x0041_");
  CHECK(decoded("_x0000_ _xD800_ _xDC00_") == "_x0000_ _xD800_ _xDC00_");
  CHECK(decoded("_x41_ _X0041_ _x004G_ x0041_ _x0041") == "_x41_ _X0041_ _x004G_ x0041_ _x0041");
  CHECK(decoded("0600001") == "0600001");
}

TEST_CASE("xlsx-text-1.2 protected text decodes to itself") {
  std::string scratch;
  CHECK(protect_xstring_escapes("131059", scratch) == "131059");
  CHECK(protect_xstring_escapes("x_x0041_y", scratch) == "x_x005F_x0041_y");
  for (const std::string text : {"x_x0041_y", "_x005F_", "__x0041__x0042_", "_x_x0000_", "a_x"}) {
    std::string protected_text(protect_xstring_escapes(text, scratch));
    decode_xstring_escapes(protected_text);
    CHECK(protected_text == text);
  }
  CHECK_FALSE(xstring_escape_at("_x0041", 0));
  CHECK(xstring_escape_at("a_x0041_", 1));
  CHECK_FALSE(xstring_escape_at("a_x0041_", 9));
}

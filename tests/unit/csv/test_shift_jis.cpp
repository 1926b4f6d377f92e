// test_shift_jis.cpp — UTF-8 to Shift_JIS as the NTA writes its Shift_JIS
// files (grammars/io/shift_jis.hpp): JIS X 0208 and 0201 only, CP932's
// code points of 0208 characters at their 0208 place, the rest substituted.
// room: grammars
#include <catch2/catch.hpp>

#include <string>

#include "grammars/io/shift_jis.hpp"

using gifkit::grammars::append_shift_jis;
using gifkit::grammars::utf8_to_shift_jis;

namespace {

std::string sjis(char32_t cp) {
  std::string out;
  return append_shift_jis(cp, out) ? out : "none";
}

}  // namespace

TEST_CASE("sjis-1.1 JIS X 0208 and 0201 characters, nothing of CP932's extensions", "[encoding]") {
  CHECK(sjis(U'A') == "A");
  CHECK(sjis(U'\\') == "\\");
  CHECK(sjis(U'あ') == "\x82\xA0");
  CHECK(sjis(U'ｱ') == "\xB1");
  CHECK(sjis(U'凜') == "\xEA\xA3");  // row 84, added in 1990
  CHECK(sjis(U'熙') == "\xEA\xA4");
  CHECK(sjis(U'～') == "\x81\x60");  // CP932's FULLWIDTH TILDE and JIS's WAVE DASH
  CHECK(sjis(U'〜') == "\x81\x60");
  CHECK(sjis(U'－') == "\x81\x7C");
  CHECK(sjis(U'−') == "\x81\x7C");
  CHECK(sjis(U'￢') == "\x81\xCA");
  CHECK(sjis(U'¬') == "\x81\xCA");
  CHECK(sjis(U'①') == "none");   // NEC row 13
  CHECK(sjis(U'髙') == "none");  // IBM extension (0xFBFC in CP932), JIS level 3
  CHECK(sjis(U'﨑') == "none");
  CHECK(sjis(U'𣘺') == "none");
}

TEST_CASE("sjis-1.2 a character outside becomes its substitute, else the fallback", "[encoding]") {
  std::string out;
  auto shrink = [](std::string_view c) { return c == "髙" ? std::string("高") : std::string(); };
  CHECK(utf8_to_shift_jis("髙島屋①", out, shrink, "\x81\x51") == 2);
  CHECK(out == "\x8D\x82\x93\x87\x89\xAE\x81\x51");
  out.clear();
  CHECK(utf8_to_shift_jis("abc", out, {}, "?") == 0);
  CHECK(out == "abc");
}

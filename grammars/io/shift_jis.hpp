// shift_jis.hpp — UTF-8 to Shift_JIS as the National Tax Agency writes its
// Shift_JIS files (houjin FORMAT.md §1): JIS X 0208 (rows 1–8 and 16–84)
// and JIS X 0201 (ASCII, half-width katakana) only, no CP932 extension, so
// that a strict shift_jis decoder reads every byte. The characters CP932
// maps elsewhere in Unicode are taken at their JIS X 0208 place (～ U+FF5E
// and 〜 U+301C are 0x8160, － U+FF0D and − U+2212 0x817C, ∥ ‖, ￠ ¢, ￡ £,
// ￢ ¬). The encoder's caller decides what a character outside them becomes.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The Shift_JIS bytes of cp appended to out; false (out untouched) when cp
// is not in JIS X 0208 nor JIS X 0201.
bool append_shift_jis(char32_t cp, std::string& out);

// utf8 in Shift_JIS, appended to out. A character append_shift_jis refuses
// (an invalid byte is U+FFFD) is replaced by substitute(its UTF-8), itself
// encoded; what of that is still outside becomes fallback (its bytes as
// given). Returns how many characters were replaced.
std::size_t utf8_to_shift_jis(std::string_view utf8, std::string& out,
                              const std::function<std::string(std::string_view)>& substitute,
                              std::string_view fallback);

}  // namespace gifkit::grammars

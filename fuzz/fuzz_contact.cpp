// fuzz_contact.cpp — libFuzzer target for grammars/values/contact.hpp: telephone
// numbers (DS-445, with its repair of loosely written numbers), e-mail
// addresses and URLs on arbitrary text. Invariants: a suggestion passes its
// own check (or is empty); an ok verdict has no suggestion and a problem has a
// reason; an accepted e-mail address or URL is ASCII; a wrong_width verdict
// always comes with the fixed value.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/values/contact.hpp"

namespace {

using gifkit::fuzz::hex;
namespace g = gifkit::grammars;

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

g::ValueVerdict check_verdict(const char* name, g::ValueVerdict (*check)(std::string_view),
                              std::string_view text) {
  g::ValueVerdict verdict = check(text);
  if (verdict.ok()) {
    FUZZ_CHECK(verdict.suggestion.empty(), std::string(name) + ": ok with a suggestion");
    return verdict;
  }
  FUZZ_CHECK(!verdict.reason.empty(), std::string(name) + ": a problem without a reason");
  if (verdict.status == g::ValueStatus::wrong_width) {
    FUZZ_CHECK(!verdict.suggestion.empty(),
               std::string(name) + ": wrong_width without the fixed value for " + hex(text));
  }
  if (!verdict.suggestion.empty()) {
    const g::ValueVerdict again = check(verdict.suggestion);
    FUZZ_CHECK(again.ok(), std::string(name) + " suggests " + hex(verdict.suggestion) + " for " +
                               hex(text) + ", which it rejects: " + again.reason);
    FUZZ_CHECK(verdict.suggestion != text,
               std::string(name) + " suggests the rejected value itself: " + hex(text));
  }
  return verdict;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  check_verdict("check_phone_number", g::check_phone_number, text);
  if (check_verdict("check_email", g::check_email, text).ok()) {
    FUZZ_CHECK(is_ascii(text), "check_email accepts non-ASCII " + hex(text));
  }
  if (check_verdict("check_url", g::check_url, text).ok()) {
    FUZZ_CHECK(is_ascii(text), "check_url accepts non-ASCII " + hex(text));
  }
  return 0;
}

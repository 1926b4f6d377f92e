// fuzz_date.cpp — libFuzzer target for grammars/values/date.hpp: check_date,
// check_date_time and parse_loose_date on arbitrary text (the X3 grammar of
// 和暦 and other written forms included). Invariants: a returned date is a
// valid calendar date and formats to a value check_date accepts; a
// suggestion, when given, passes the same check; check_date and
// parse_loose_date agree on what is a date; an ok verdict has no suggestion.
// room: grammars
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/values/date.hpp"

namespace {

using gifkit::fuzz::hex;
namespace g = gifkit::grammars;

std::string status_name(g::ValueStatus status) {
  return std::to_string(static_cast<int>(status));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gifkit::fuzz::as_text(data, size);

  const std::optional<g::CalendarDate> loose = g::parse_loose_date(text);
  if (loose) {
    FUZZ_CHECK(g::is_valid_date(loose->year, loose->month, loose->day),
               "parse_loose_date returned an impossible date for " + hex(text));
    const std::string iso = g::format_iso_date(*loose);
    FUZZ_CHECK(g::parse_iso_date(iso) == loose, "format_iso_date does not parse back: " + iso);
    FUZZ_CHECK(g::check_date(iso).ok(), "check_date rejects the formatted date " + iso);
  }

  const g::ValueVerdict date = g::check_date(text);
  if (date.ok()) {
    FUZZ_CHECK(date.suggestion.empty(), "an ok date with a suggestion");
    const auto iso = g::parse_iso_date(text);
    FUZZ_CHECK(iso.has_value(), "check_date ok but parse_iso_date fails on " + hex(text));
    FUZZ_CHECK(loose == iso, "parse_loose_date differs from parse_iso_date on " + hex(text));
  }
  if (!date.suggestion.empty()) {
    const g::ValueVerdict again = g::check_date(date.suggestion);
    FUZZ_CHECK(again.ok(), "check_date suggestion " + hex(date.suggestion) + " for " + hex(text) +
                               " is itself rejected: " + again.reason);
    FUZZ_CHECK(loose.has_value() && g::format_iso_date(*loose) == date.suggestion,
               "check_date suggests " + date.suggestion + " but parse_loose_date reads " +
                   (loose ? g::format_iso_date(*loose) : std::string("nothing")) + " in " +
                   hex(text));
  }
  if (loose) {
    FUZZ_CHECK(date.ok() || !date.suggestion.empty(),
               "parse_loose_date reads a date in " + hex(text) + " but check_date says " +
                   status_name(date.status) + " without a suggestion: " + date.reason);
  }
  FUZZ_CHECK(date.ok() || !date.reason.empty(), "a date problem without a reason");

  const g::ValueVerdict date_time = g::check_date_time(text);
  if (date_time.ok()) FUZZ_CHECK(date_time.suggestion.empty(), "an ok date-time with a suggestion");
  if (!date_time.suggestion.empty()) {
    const g::ValueVerdict again = g::check_date_time(date_time.suggestion);
    FUZZ_CHECK(again.ok(), "check_date_time suggestion " + hex(date_time.suggestion) + " for " +
                               hex(text) + " is itself rejected: " + again.reason);
  }
  if (date.ok()) FUZZ_CHECK(date_time.ok(), "a date alone is a valid date-time: " + hex(text));
  FUZZ_CHECK(date_time.ok() || !date_time.reason.empty(), "a date-time problem without a reason");
  return 0;
}

// period.cpp — see period.hpp. A period is read side by side: each side a
// date, a year, a date-time, a time (read by date.hpp's checks and
// detail/iso_shapes.hpp's time), a duration or `..`; the end's left-out parts
// are the start's. Only when that strict reading finds a side of no known
// shape are the other ways of writing it tried, for a suggestion.
#include "grammars/values/period.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/detail/iso_shapes.hpp"

namespace gifkit::grammars {
namespace {

using detail::is_digit;
using detail::date::digits_value;
using detail::date::matches_shape;
using detail::date::read_time;
using detail::date::TimeReading;

// ------------------------------------------------------------- durations

// Why text is no ISO 8601 duration PnYnMnWnDTnHnMnS, or "" when it is one.
std::string iso_duration_problem(std::string_view text) {
  if (text.empty() || text[0] != 'P') return "does not start with P";
  static constexpr std::string_view kDateUnits = "YMWD";
  static constexpr std::string_view kTimeUnits = "HMS";
  std::size_t pos = 1;
  bool in_time = false;
  std::size_t next_unit = 0;  // the first unit still allowed, in the current part's list
  bool any = false;
  bool any_in_time = false;
  bool fraction_seen = false;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time) return "a second T";
      in_time = true;
      next_unit = 0;
      ++pos;
      continue;
    }
    const std::size_t number = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos == number) return "'" + std::string(1, text[pos]) + "' where a number belongs";
    bool fraction = false;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      const std::size_t digits = ++pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      if (pos == digits) return "a decimal sign without digits after it";
      fraction = true;
    }
    const std::string written(text.substr(number, pos - number));
    if (fraction_seen) return "a fraction on a part that is not the last";
    if (pos == text.size()) {
      return written + " has no unit (" +
             (in_time ? std::string("H, M or S")
                      : std::string("Y, M, W or D; after T: H, M or S")) +
             ")";
    }
    const std::string_view units = in_time ? kTimeUnits : kDateUnits;
    const std::size_t unit = units.find(text[pos]);
    if (unit == std::string_view::npos) {
      return "'" + std::string(1, text[pos]) + "' after " + written + " is not a unit (" +
             (in_time ? "H, M or S" : "Y, M, W or D; hours, minutes and seconds come after T") +
             ")";
    }
    if (unit < next_unit)
      return "the unit " + std::string(1, text[pos]) + " repeated or out of order";
    next_unit = unit + 1;
    fraction_seen = fraction;
    any = true;
    any_in_time = any_in_time || in_time;
    ++pos;
  }
  if (!any) return "no length after P";
  if (in_time && !any_in_time) return "T with no hours, minutes or seconds after it";
  return {};
}

bool is_iso_duration(std::string_view text) {
  return iso_duration_problem(text).empty();
}

// DS-441 4.5's 継続・所要時間: hh:mm or hh:mm:ss, the hours two digits or more.
bool is_clock_duration(std::string_view text) {
  std::size_t hours = 0;
  while (hours < text.size() && is_digit(text[hours])) ++hours;
  if (hours < 2 || hours > 6) return false;
  const std::string_view rest = text.substr(hours);
  return (rest.size() == 3 || rest.size() == 6) && matches_shape(rest, 0, ":DD") &&
         digits_value(rest, 1, 2) <= 59 &&
         (rest.size() == 3 || (matches_shape(rest, 3, ":DD") && digits_value(rest, 4, 2) <= 59));
}

// A length written in Japanese (DS-441 4.6's own examples: 10日, 3ヶ月, 2年6か月,
// 1年3か月5日), ASCII digits each followed by its unit, largest first: the
// ISO 8601 form. nullopt for anything else.
std::optional<std::string> duration_from_japanese(std::string_view text) {
  struct Unit {
    std::string_view word;
    char letter;
    int rank;  // Y M W D, then H M S
  };
  static constexpr std::array<Unit, 13> kUnits = {{
      {"年", 'Y', 0},
      {"ヶ月", 'M', 1},
      {"か月", 'M', 1},
      {"カ月", 'M', 1},
      {"ヵ月", 'M', 1},
      {"ケ月", 'M', 1},
      {"箇月", 'M', 1},
      {"週", 'W', 2},
      {"日", 'D', 3},
      {"時間", 'H', 4},
      {"分", 'M', 5},
      {"秒", 'S', 6},
      {"ヶ年", 'Y', 0},
  }};
  std::string date_part;
  std::string time_part;
  int last_rank = -1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t number = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos == number) return std::nullopt;
    const Unit* found = nullptr;
    for (const Unit& unit : kUnits) {
      if (text.substr(pos).starts_with(unit.word)) {
        found = &unit;
        break;
      }
    }
    if (found == nullptr || found->rank <= last_rank) return std::nullopt;
    last_rank = found->rank;
    std::string& part = found->rank >= 4 ? time_part : date_part;
    part.append(text.substr(number, pos - number));
    part += found->letter;
    pos += found->word.size();
    if (text.substr(pos).starts_with("間")) pos += std::string_view("間").size();
  }
  if (last_rank < 0) return std::nullopt;
  std::string iso = "P" + date_part + (time_part.empty() ? "" : "T" + time_part);
  if (!is_iso_duration(iso)) return std::nullopt;
  return iso;
}

// ---------------------------------------------------------------- periods

enum class SideKind { open, duration, year, date, date_time, time };

std::string_view kind_name(SideKind kind) {
  switch (kind) {
    case SideKind::open:
      return "open (..)";
    case SideKind::duration:
      return "a duration";
    case SideKind::year:
      return "a year";
    case SideKind::date:
      return "a date";
    case SideKind::date_time:
      return "a date-time";
    case SideKind::time:
      return "a time";
  }
  return "";
}

enum class SideReading { bad_shape, impossible, ok };

struct Side {
  SideReading reading = SideReading::bad_shape;
  SideKind kind = SideKind::open;
  std::int64_t at = 0;  // the year; days since 1970; seconds since 1970 (local); seconds of the day
  std::int64_t offset = 0;  // seconds east of UTC, when has_offset
  bool has_offset = false;
  std::string reason;  // why impossible
};

// A side's time of day (hh:mm[:ss[.f]][Z|±hh:mm]) into side: its seconds
// (24:00 is 86400, on the end side alone) and offset.
void read_side_time(std::string_view text, bool end, Side& side, std::int64_t& seconds) {
  std::string_view reading = text;
  std::string shifted;
  bool end_of_day = false;
  if (text.starts_with("24:00")) {
    std::string_view rest = text.substr(5);
    if (rest.starts_with(":00")) rest.remove_prefix(3);
    if (!rest.empty() && rest[0] != 'Z' && rest[0] != '+' && rest[0] != '-') {
      side.reading = SideReading::impossible;
      side.reason =
          "time out of range in " + std::string(text) + " (24:00 ends a day; nothing after it)";
      return;
    }
    shifted = "00:00" + std::string(rest);
    reading = shifted;
    end_of_day = true;
  }
  switch (read_time(reading)) {
    case TimeReading::bad_shape:
      side.reading = SideReading::bad_shape;
      return;
    case TimeReading::out_of_range:
      side.reading = SideReading::impossible;
      side.reason = "time out of range in " + std::string(text);
      return;
    case TimeReading::time:
      break;
  }
  if (end_of_day && !end) {
    side.reading = SideReading::impossible;
    side.reason =
        "24:00 is the end of a day; a period that starts then starts at 00:00 of the next";
    return;
  }
  seconds = end_of_day ? 86400
                       : digits_value(reading, 0, 2) * 3600 + digits_value(reading, 3, 2) * 60 +
                             (matches_shape(reading, 5, ":DD") ? digits_value(reading, 6, 2) : 0);
  const std::size_t sign = reading.find_first_of("+-Z", 5);
  if (sign != std::string_view::npos) {
    side.has_offset = true;
    if (reading[sign] != 'Z') {
      side.offset =
          (digits_value(reading, sign + 1, 2) * 3600 + digits_value(reading, sign + 4, 2) * 60) *
          (reading[sign] == '-' ? -1 : 1);
    }
  }
  side.reading = SideReading::ok;
}

Side read_side(std::string_view text, bool end) {
  Side side;
  if (text == "..") {
    side.reading = SideReading::ok;
    return side;
  }
  if (!text.empty() && text[0] == 'P') {
    if (is_iso_duration(text)) {
      side.reading = SideReading::ok;
      side.kind = SideKind::duration;
    }
    return side;
  }
  if (text.size() == 4 && matches_shape(text, 0, "DDDD")) {
    side.kind = SideKind::year;
    side.at = digits_value(text, 0, 4);
    side.reading = side.at >= 1 ? SideReading::ok : SideReading::impossible;
    if (side.at < 1) side.reason = "year 0 is not 0001-9999";
    return side;
  }
  if (matches_shape(text, 0, "DDDD-DD-DD") && (text.size() == 10 || text[10] == 'T')) {
    const std::string_view date_text = text.substr(0, 10);
    const ValueVerdict date = check_date(date_text);
    if (!date.ok()) {
      side.reading = SideReading::impossible;
      side.reason = date.reason;
      return side;
    }
    const std::int64_t days = days_since_epoch(*parse_iso_date(date_text));
    if (text.size() == 10) {
      side.kind = SideKind::date;
      side.at = days;
      side.reading = SideReading::ok;
      return side;
    }
    side.kind = SideKind::date_time;
    std::int64_t seconds = 0;
    read_side_time(text.substr(11), end, side, seconds);
    side.at = days * 86400 + seconds;
    return side;
  }
  if (matches_shape(text, 0, "DD:DD")) {
    side.kind = SideKind::time;
    read_side_time(text, end, side, side.at);
  }
  return side;
}

// The end with the parts it leaves out taken from the start (DS-441 4.3,
// 4.4: 2025-04-01/06-30, 2025-04-01/30; ISO 8601's 2025-04-01T09:00/17:00).
std::string expanded_end(std::string_view start, SideKind start_kind, std::string_view end) {
  if (start_kind == SideKind::date) {
    if (end.size() == 5 && matches_shape(end, 0, "DD-DD"))
      return std::string(start.substr(0, 5)) + std::string(end);
    if (end.size() == 2 && matches_shape(end, 0, "DD"))
      return std::string(start.substr(0, 8)) + std::string(end);
  } else if (start_kind == SideKind::date_time) {
    if (matches_shape(end, 0, "DD-DDT")) return std::string(start.substr(0, 5)) + std::string(end);
    if (matches_shape(end, 0, "DDT")) return std::string(start.substr(0, 8)) + std::string(end);
    if (matches_shape(end, 0, "DD:DD")) return std::string(start.substr(0, 11)) + std::string(end);
  }
  return std::string(end);
}

constexpr std::string_view kPeriodForms =
    "expected start/end: YYYY-MM-DD/YYYY-MM-DD (or /MM-DD, /DD), "
    "YYYY-MM-DDThh:mm:ss+hh:mm/…, hh:mm/hh:mm";

// The strict reading. shaped is false when the text is no period of the
// DS-441 shapes at all (then a suggestion may be looked for).
ValueVerdict strict_period(std::string_view text, bool& shaped) {
  shaped = false;
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos) {
    return {ValueStatus::invalid_format,
            {},
            "not a period (one '/' between its start and its end); " + std::string(kPeriodForms)};
  }
  const std::string_view start_text = text.substr(0, slash);
  const Side start = read_side(start_text, false);
  const std::string end_text = start.reading == SideReading::ok
                                   ? expanded_end(start_text, start.kind, text.substr(slash + 1))
                                   : std::string(text.substr(slash + 1));
  const Side end = read_side(end_text, true);
  if (start.reading == SideReading::bad_shape || end.reading == SideReading::bad_shape) {
    const bool both = start.reading == end.reading;
    const std::string_view which = both                                      ? "start and end"
                                   : start.reading == SideReading::bad_shape ? "start"
                                                                             : "end";
    const std::string shown = both ? std::string(text)
                              : start.reading == SideReading::bad_shape
                                  ? std::string(start_text)
                                  : std::string(text.substr(slash + 1));
    return {ValueStatus::invalid_format,
            {},
            std::string("the ") + std::string(which) + " (" + shown +
                ") not a date, date-time, time or duration; " + std::string(kPeriodForms)};
  }
  shaped = true;
  if (start.reading == SideReading::impossible || end.reading == SideReading::impossible) {
    std::string reason;
    if (start.reading == SideReading::impossible)
      reason = "start " + std::string(start_text) + ": " + start.reason;
    if (end.reading == SideReading::impossible) {
      if (!reason.empty()) reason += "; ";
      reason += "end " + end_text + ": " + end.reason;
    }
    return {ValueStatus::invalid_value, {}, std::move(reason)};
  }
  const bool start_loose = start.kind == SideKind::open || start.kind == SideKind::duration;
  const bool end_loose = end.kind == SideKind::open || end.kind == SideKind::duration;
  if (start_loose && end_loose) {
    shaped = false;
    return {ValueStatus::invalid_format,
            {},
            "neither side is a date or time (start " + std::string(kind_name(start.kind)) +
                ", end " + std::string(kind_name(end.kind)) + ")"};
  }
  if (start_loose || end_loose) return {};
  if (start.kind != end.kind) {
    shaped = false;
    return {ValueStatus::invalid_format,
            {},
            "the start is " + std::string(kind_name(start.kind)) + ", the end " +
                std::string(kind_name(end.kind)) + ": DS-441 writes both sides alike"};
  }
  if (start.kind == SideKind::time) return {};  // an end before the start crosses midnight
  const bool utc = start.has_offset && end.has_offset;
  const std::int64_t from = start.at - (utc ? start.offset : 0);
  const std::int64_t to = end.at - (utc ? end.offset : 0);
  if (to < from) {
    return {ValueStatus::invalid_value,
            {},
            "ends (" + end_text + ") before it starts (" + std::string(start_text) + ")"};
  }
  return {};
}

// A side written otherwise, in its DS-441 form when the date checks know
// it for certain (2025/4/1, 令和7年4月1日, 平成27年, 9:00); an end may stay
// shortened (06-30, 30).
std::optional<std::string> side_form(std::string_view side, bool end) {
  side = trim_blanks(side);
  if (side.empty()) return std::nullopt;
  if (end && ((side.size() == 5 && matches_shape(side, 0, "DD-DD")) ||
              (side.size() == 2 && matches_shape(side, 0, "DD"))))
    return std::string(side);
  if (side.find(':') != std::string_view::npos) {
    std::string time(side);
    if ((time.size() == 4 || time.size() == 7) && matches_shape(time, 0, "D:DD"))
      time.insert(0, "0");
    if (is_time_of_day(time, end)) return time;
    const ValueVerdict verdict = check_date_time(side);
    if (verdict.ok()) return std::string(side);
    if (verdict.status != ValueStatus::invalid_value && !verdict.suggestion.empty())
      return verdict.suggestion;
    return std::nullopt;
  }
  const ValueVerdict verdict = check_date(side);
  if (verdict.ok()) return std::string(side);
  if (verdict.status != ValueStatus::invalid_value && !verdict.suggestion.empty())
    return verdict.suggestion;
  return std::nullopt;
}

// The period text means, written start/end, when exactly one way of
// splitting it at a separator gives two sides side_form knows: 〜 ～ ~ から
// (…まで), '/', or '-' between two whole sides (2015-2017, 9:00-17:00).
std::optional<std::string> rewritten_period(std::string_view text) {
  text = trim_blanks(text);
  if (text.ends_with("まで")) text.remove_suffix(std::string_view("まで").size());
  static constexpr std::array<std::string_view, 7> kSeparators = {"〜", "～", "~", "から",
                                                                  "/",  "-",  "－"};
  std::vector<std::string> found;
  for (const std::string_view separator : kSeparators) {
    for (std::size_t at = text.find(separator); at != std::string_view::npos;
         at = text.find(separator, at + 1)) {
      const auto start = side_form(text.substr(0, at), false);
      if (!start) continue;
      const auto end = side_form(text.substr(at + separator.size()), true);
      if (!end) continue;
      std::string candidate = *start + "/" + *end;
      bool shaped = false;
      if (!strict_period(candidate, shaped).ok()) continue;
      bool known = false;
      for (const std::string& each : found) known = known || each == candidate;
      if (!known) found.push_back(std::move(candidate));
    }
  }
  if (found.size() != 1) return std::nullopt;
  return found.front();
}

}  // namespace

ValueVerdict check_period(std::string_view text) {
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; " + std::string(kPeriodForms)};
  bool shaped = false;
  ValueVerdict verdict = strict_period(text, shaped);
  if (shaped) return verdict;
  if (text.size() > 200) return verdict;
  std::string folded = is_ascii(text) ? std::string(text) : fold_ascii_width(text);
  if (folded != text) {
    bool folded_shaped = false;
    ValueVerdict wide = strict_period(folded, folded_shaped);
    if (wide.ok())
      return {ValueStatus::wrong_width, std::move(folded), "full-width characters in a period"};
    if (folded_shaped) return wide;
  }
  if (auto fixed = rewritten_period(folded)) {
    return {ValueStatus::invalid_format, std::move(*fixed),
            "period not written as start/end (DS-441 4: YYYY-MM-DD/YYYY-MM-DD, hh:mm/hh:mm)"};
  }
  return verdict;
}

ValueVerdict check_duration(std::string_view text) {
  if (is_iso_duration(text) || is_clock_duration(text)) return {};
  constexpr std::string_view kForms =
      "expected ISO 8601 PnYnMnD / PTnHnM (P10D, P2Y6M, PT1H30M) or hh:mm (DS-441 4.5, 4.6)";
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; " + std::string(kForms)};
  if (text.size() > 200)
    return {ValueStatus::invalid_format, {}, "not a duration; " + std::string(kForms)};
  const std::string wide = is_ascii(text) ? std::string(text) : fold_ascii_width(text);
  if (wide != text && (is_iso_duration(wide) || is_clock_duration(wide))) {
    return {ValueStatus::wrong_width, wide, "full-width characters in a duration"};
  }
  const std::string folded(trim_blanks(wide));
  std::string upper = folded;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (upper != folded && is_iso_duration(upper)) {
    return {ValueStatus::invalid_format, upper,
            "small letters; ISO 8601 writes a duration in capitals (P10D, PT1H30M)"};
  }
  if ((folded.size() == 4 || folded.size() == 7) && matches_shape(folded, 0, "D:DD") &&
      is_clock_duration("0" + folded)) {
    return {ValueStatus::invalid_format, "0" + folded,
            "has a one-digit hour; DS-441 writes a duration of time as hh:mm"};
  }
  if (auto iso = duration_from_japanese(folded)) {
    return {
        ValueStatus::invalid_format, std::move(*iso),
        "a length written in words; DS-441 4.6 writes it as ISO 8601 PnYnMnD (PTnHnM for time)"};
  }
  if (!upper.empty() && upper[0] == 'P') {
    return {ValueStatus::invalid_format,
            {},
            "not an ISO 8601 duration: " + iso_duration_problem(upper)};
  }
  return {ValueStatus::invalid_format, {}, "not a duration; " + std::string(kForms)};
}

}  // namespace gifkit::grammars

// date.hpp — dates: the GIF form (DS-441, YYYY-MM-DD, or a year alone YYYY)
// and the forms people write (和暦 such as 令和6年4月18日 / R6.4.18 / 平成31年 /
// 元年, 2024/4/18, 2024年4月18日, full-width digits), recognised so the ISO form
// can be proposed; and the time of day (hh:mm[:ss], 24:00 as the end of a day).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "grammars/values/value_verdict.hpp"

namespace gifkit::grammars {

struct CalendarDate {
  int year = 0;   // Gregorian
  int month = 0;  // 1-12
  int day = 0;    // 1-31, valid for the month
  friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

// Orders dates: YYYYMMDD as one integer.
constexpr int day_number(const CalendarDate& d) {
  return d.year * 10000 + d.month * 100 + d.day;
}

// True when (year, month, day) is a real Gregorian date (leap years included).
bool is_valid_date(int year, int month, int day);

// Strict DS-441 date: exactly YYYY-MM-DD in ASCII digits, a real date.
std::optional<CalendarDate> parse_iso_date(std::string_view text);

// A two-digit Western year (21.08.15, 21/10/4: always year first, the
// Japanese order) is 20YY up to this pivot and 19YY above it: the rule of
// POSIX strptime's %y (00-68 → 2000s, 69-99 → 1900s), fixed so that a
// transform gives the same answer every year it is run.
inline constexpr int kTwoDigitYearPivot = 68;

// Any recognised way of writing a date: ISO, YYYY/M/D, YYYY.M.D, YYYY年M月D日,
// YY/M/D and YY.M.D (kTwoDigitYearPivot),
// 和暦 with era name or initial (明治/大正/昭和/平成/令和, M/T/S/H/R, 元年),
// full-width digits and kanji digits in the year. Era years are checked against the
// era's span (令和 starts 2019-05-01; 平成31年5月1日 is invalid). Returns nothing
// when the text is not a date.
std::optional<CalendarDate> parse_loose_date(std::string_view text);

// The date check_date proposes (invalid_format, the ISO form as suggestion)
// for text written in one of the usual other forms, read without the loose
// grammar: 2015/4/1, 2015.4.1, 平成27年4月1日, 元年, H27.4.1 (ASCII digits,
// an era's spelling from eras.tsv, no spaces). nullopt for every other text
// (YYYY-MM-DD itself, full-width digits, kanji numbers, spaces, an
// impossible date …): check_date decides those.
std::optional<CalendarDate> read_usual_date(std::string_view text);

// YYYY-MM-DD.
std::string format_iso_date(const CalendarDate& date);

// Days since 1970-01-01 (proleptic Gregorian; negative before), and back.
std::int64_t days_since_epoch(const CalendarDate& date);
CalendarDate date_from_days(std::int64_t days);

// The day an Excel serial number stands for: in the 1900 date system serial 1
// is 1900-01-01, and serial 60 is 1900-02-29, a day that never was (Lotus
// 1-2-3's leap-year error, which Excel keeps): nothing for it, and the
// serials before it are one day later than their count (61 is 1900-03-01,
// 45016 is 2023-03-31). In the 1904 system serial 0 is 1904-01-01. Nothing
// past 2958465 (9999-12-31) or below the system's first day.
std::optional<CalendarDate> excel_serial_date(std::int64_t serial, bool date1904 = false);

// Checks a value against DS-441's date form. ok for a strict ISO date and
// for a year alone, YYYY (DS-441 1.1); invalid_format with the ISO form as
// suggestion for a recognisable date in another form (平成27年 → 2015, DS-441
// 8.3); invalid_value for an impossible date (2024-02-30, 平成32年). YYYY-MM,
// which DS-441 does not name, is invalid_format without a suggestion.
ValueVerdict check_date(std::string_view text);

// A DS-441 time of day: hh:mm or hh:mm:ss in ASCII digits (DS-441 2, 「秒は
// 省略可能」), 00:00 to 23:59:59; with end_of_day also 24:00 and 24:00:00
// exactly (ISO 8601: the end of a day, which DS-441's 時間帯 23:00/24:00
// writes), nothing past it.
bool is_time_of_day(std::string_view text, bool end_of_day);

// Checks a DS-441 date-time: YYYY-MM-DDThh:mm:ss with optional fraction and
// offset (Z or ±hh:mm), or a date alone.
ValueVerdict check_date_time(std::string_view text);

}  // namespace gifkit::grammars

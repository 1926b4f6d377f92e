// date_test.cpp — DS-441 dates and date-times: the strict ISO form, 和暦,
// other Western forms, impossible dates and the suggestions check_date gives.
// room: grammars
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/values/date.hpp"
#include "grammars/values/eras.hpp"
#include "verdict_testing.hpp"

using namespace gifkit::grammars;
using gifkit::grammars::testing::check_table;
using gifkit::grammars::testing::VerdictCase;
using S = ValueStatus;

namespace {

CalendarDate ymd(int y, int m, int d) {
  return {y, m, d};
}

}  // namespace

// ---------------------------------------------------------------- 1 ISO

TEST_CASE("date-1.1 ISO dates pass") {
  check_table(check_date, {
                              {"2024-04-18", S::ok},
                              {"2017-09-01", S::ok},
                              {"2024-02-29", S::ok},  // leap year
                              {"2000-02-29", S::ok},  // divisible by 400
                              {"0001-01-01", S::ok},
                              {"9999-12-31", S::ok},
                          });
  CHECK(parse_iso_date("2024-04-18") == ymd(2024, 4, 18));
}

TEST_CASE("date-1.2 is_valid_date") {
  CHECK(is_valid_date(2024, 2, 29));
  CHECK(is_valid_date(2024, 12, 31));
  CHECK_FALSE(is_valid_date(2023, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));  // divisible by 100, not by 400
  CHECK_FALSE(is_valid_date(2024, 4, 31));
  CHECK_FALSE(is_valid_date(2024, 0, 1));
  CHECK_FALSE(is_valid_date(2024, 13, 1));
  CHECK_FALSE(is_valid_date(2024, 1, 0));
  CHECK_FALSE(is_valid_date(0, 1, 1));
  CHECK_FALSE(is_valid_date(10000, 1, 1));
  CHECK_FALSE(is_valid_date(2024, -1, 1));
}

TEST_CASE("date-1.3 parse_iso_date is strict") {
  CHECK_FALSE(parse_iso_date("2024-4-18"));
  CHECK_FALSE(parse_iso_date("2024/04/18"));
  CHECK_FALSE(parse_iso_date("2024-04-18 "));
  CHECK_FALSE(parse_iso_date("２０２４-04-18"));
  CHECK_FALSE(parse_iso_date("2024-02-30"));
  CHECK_FALSE(parse_iso_date(""));
  CHECK_FALSE(parse_iso_date("20240418"));
}

TEST_CASE("date-1.4 format_iso_date pads to YYYY-MM-DD") {
  CHECK(format_iso_date(ymd(2024, 4, 18)) == "2024-04-18");
  CHECK(format_iso_date(ymd(812, 1, 2)) == "0812-01-02");
}

// ------------------------------------------------------------ 2 和暦

TEST_CASE("date-2.1 和暦 with era names convert to the ISO form") {
  check_table(check_date, {
                              {"令和6年4月18日", S::invalid_format, "2024-04-18"},
                              {"令和元年5月1日", S::invalid_format, "2019-05-01"},
                              {"平成31年4月30日", S::invalid_format, "2019-04-30"},
                              {"平成元年1月8日", S::invalid_format, "1989-01-08"},
                              {"昭和64年1月7日", S::invalid_format, "1989-01-07"},
                              {"大正元年7月30日", S::invalid_format, "1912-07-30"},
                              {"明治45年7月29日", S::invalid_format, "1912-07-29"},
                              {"令和 6年 4月 18日", S::invalid_format, "2024-04-18"},
                              {"㋿6年4月18日", S::invalid_format, "2024-04-18"},
                              {"㍻31年4月30日", S::invalid_format, "2019-04-30"},
                          });
}

TEST_CASE("date-2.2 和暦 with era initials and separators") {
  check_table(check_date, {
                              {"R6.4.18", S::invalid_format, "2024-04-18"},
                              {"R06/04/18", S::invalid_format, "2024-04-18"},
                              {"R6-4-18", S::invalid_format, "2024-04-18"},
                              {"H31.4.30", S::invalid_format, "2019-04-30"},
                              {"h31.04.30", S::invalid_format, "2019-04-30"},
                              {"S64.1.7", S::invalid_format, "1989-01-07"},
                              {"T15.12.24", S::invalid_format, "1926-12-24"},
                              {"M45.7.29", S::invalid_format, "1912-07-29"},
                              {"R元.5.1", S::invalid_format, "2019-05-01"},
                              {"R6年4月18日", S::invalid_format, "2024-04-18"},
                              {"Ｒ６．４．１８", S::invalid_format, "2024-04-18"},
                          });
}

TEST_CASE("date-2.3 和暦 in kanji digits") {
  check_table(check_date, {
                              {"令和六年四月十八日", S::invalid_format, "2024-04-18"},
                              {"平成三十一年四月三十日", S::invalid_format, "2019-04-30"},
                              {"令和元年十二月二十日", S::invalid_format, "2019-12-20"},
                              {"昭和四十五年一月一日", S::invalid_format, "1970-01-01"},
                          });
}

TEST_CASE("date-2.4 a 和暦 reason names the calendar") {
  CHECK(check_date("令和6年4月18日").reason.find("和暦") != std::string::npos);
}

// ------------------------------------------------------ 3 impossible dates

TEST_CASE("date-3.1 impossible ISO dates are invalid_value") {
  check_table(check_date, {
                              {"2024-02-30", S::invalid_value},
                              {"2023-02-29", S::invalid_value},
                              {"1900-02-29", S::invalid_value},
                              {"2024-04-31", S::invalid_value},
                              {"2024-13-01", S::invalid_value},
                              {"2024-00-10", S::invalid_value},
                              {"2024-01-00", S::invalid_value},
                              {"0000-01-01", S::invalid_value},
                          });
  CHECK(check_date("2024-02-30").reason == "day 30 does not exist: 2024-02 has 29 days");
  CHECK(check_date("2024-13-01").reason == "month 13 does not exist");
}

TEST_CASE("date-3.2 impossible dates in other forms are invalid_value") {
  check_table(check_date, {
                              {"2024/2/30", S::invalid_value},
                              {"2024年02月30日", S::invalid_value},
                              {"令和6年13月1日", S::invalid_value},
                              {"令和6年2月30日", S::invalid_value},
                          });
}

TEST_CASE("date-3.3 era dates outside the era's span are not dates") {
  check_table(check_date, {
                              {"平成32年4月1日", S::invalid_value},
                              {"平成31年5月1日", S::invalid_value},
                              {"令和元年4月30日", S::invalid_value},
                              {"平成元年1月7日", S::invalid_value},
                              {"S64.1.8", S::invalid_value},
                              {"明治45年7月30日", S::invalid_value},
                              {"平成0年1月1日", S::invalid_value},
                          });
  CHECK_FALSE(parse_loose_date("平成32年4月1日"));
  CHECK_FALSE(parse_loose_date("令和元年4月30日"));
  CHECK(check_date("平成32年4月1日").reason ==
        "平成32年4月1日 would be 2020-04-01, after 平成 ended on 2019-04-30");
  CHECK(check_date("令和元年4月30日").reason ==
        "令和元年4月30日 would be 2019-04-30, before 令和 began on 2019-05-01");
  CHECK(check_date("平成0年1月1日").reason.find("元年") != std::string::npos);
}

// -------------------------------------------------- 4 other Western forms

TEST_CASE("date-4.1 Western dates in other forms get the ISO suggestion") {
  check_table(check_date, {
                              {"2024/4/18", S::invalid_format, "2024-04-18"},
                              {"2024/04/18", S::invalid_format, "2024-04-18"},
                              {"2024.4.18", S::invalid_format, "2024-04-18"},
                              {"2024-4-18", S::invalid_format, "2024-04-18"},
                              {"2024年4月18日", S::invalid_format, "2024-04-18"},
                              {"2024年 4月 18日", S::invalid_format, "2024-04-18"},
                              {"二〇二四年四月十八日", S::invalid_format, "2024-04-18"},
                              {"20240418", S::invalid_format, "2024-04-18"},
                              {" 2024-04-18", S::invalid_format, "2024-04-18"},
                              {"2024-04-18　", S::invalid_format, "2024-04-18"},
                              {"2024ー04ー18", S::invalid_format, "2024-04-18"},
                              {"2024‐04‐18", S::invalid_format, "2024-04-18"},
                          });
}

TEST_CASE("date-4.2 full-width ISO dates are wrong_width") {
  check_table(check_date, {
                              {"２０２４－０４－１８", S::wrong_width, "2024-04-18"},
                              {"2024－04－18", S::wrong_width, "2024-04-18"},
                              {"２０２４/４/１８", S::invalid_format, "2024-04-18"},
                          });
}

TEST_CASE("date-4.3 text that is not a date gets no suggestion") {
  check_table(check_date,
              {
                  {"", S::invalid_format},
                  {"hello", S::invalid_format},
                  {"2024-04", S::invalid_format},  // YYYY-MM: DS-441 names no such date
                  {"99999-01-01", S::invalid_format},
                  {"2024-04-180", S::invalid_format},
                  {"2024/4-18", S::invalid_format},  // mixed separators
                  {"2024/4/18/1", S::invalid_format},
                  {"124/4/18", S::invalid_format},  // a 3-digit year
                  {"令和", S::invalid_format},
                  {"平成年4月1日", S::invalid_format},
                  {"令和100年1月1日", S::invalid_format},
                  {"12345678901234567890123456789012345678901234567890-01-01", S::invalid_format},
                  {"2024-04-18\xFF", S::invalid_format},
                  {"\xE4\xBB", S::invalid_format},
              });
  CHECK_FALSE(parse_loose_date("hello"));
  CHECK_FALSE(parse_loose_date(std::string(500, '1')));
}

TEST_CASE("date-4.4 parse_loose_date returns the Gregorian date") {
  CHECK(parse_loose_date("2024-04-18") == ymd(2024, 4, 18));
  CHECK(parse_loose_date("令和6年4月18日") == ymd(2024, 4, 18));
  CHECK(parse_loose_date("H31.4.30") == ymd(2019, 4, 30));
  CHECK(parse_loose_date("２０２４年４月１８日") == ymd(2024, 4, 18));
  CHECK_FALSE(parse_loose_date("2024-02-30"));
}

TEST_CASE("date-4.6 the loose reading's prefilter keeps every form with a digit or 年") {
  // Read without an ASCII digit: full-width digits alone, kanji numerals with 年.
  CHECK(parse_loose_date("２０２４．４．１８") == ymd(2024, 4, 18));
  CHECK(parse_loose_date("Ｒ６．４．１８") == ymd(2024, 4, 18));
  CHECK(parse_loose_date("令和元年五月一日") == ymd(2019, 5, 1));
  CHECK(parse_loose_date("二〇二四年四月十八日") == ymd(2024, 4, 18));
  CHECK(parse_loose_date("９９．１２．３１") == ymd(1999, 12, 31));
  // Neither: no date, the same verdict as before.
  check_table(check_date, {
                              {"令和元", S::invalid_format},
                              {"四月十八日", S::invalid_format},
                              {"https://www.example.co.jp/", S::invalid_format},
                              {"株式会社ＧＩＦ", S::invalid_format},
                          });
}

TEST_CASE("date-4.5 two-digit years are read year first with the documented pivot") {
  // The Digital Agency's medical example: 21.08.15 and 21/10/4.
  check_table(check_date, {
                              {"21.08.15", S::invalid_format, "2021-08-15"},
                              {"21/10/4", S::invalid_format, "2021-10-04"},
                              {"68-1-1", S::invalid_format, "2068-01-01"},  // the pivot itself
                              {"69/1/1", S::invalid_format, "1969-01-01"},
                              {"00.02.29", S::invalid_format, "2000-02-29"},
                              {"01.02.29", S::invalid_value},  // 2001 is no leap year
                              {"21/13/1", S::invalid_value},
                              {"２１／１０／４", S::invalid_format, "2021-10-04"},
                          });
  CHECK(check_date("21.08.15").reason.find("read as 2021") != std::string::npos);
  CHECK(parse_loose_date("99/12/31") == ymd(1999, 12, 31));
  static_assert(kTwoDigitYearPivot == 68);
}

// ------------------------------------------------------------ 5 date-time

TEST_CASE("date-5.1 DS-441 date-times pass") {
  check_table(check_date_time, {
                                   {"2017-09-01T18:10:50+09:00", S::ok},
                                   {"1970-01-01T00:00:00Z", S::ok},
                                   {"2017-09-01T18:10:50", S::ok},
                                   {"2017-09-01T18:10", S::ok},  // DS-441: seconds optional
                                   {"2017-09-01T18:10:50.123Z", S::ok},
                                   {"2017-09-01T18:10:50-05:30", S::ok},
                                   {"2017-09-01T23:59:59+09:00:00", S::ok},
                                   {"2017-09-01", S::ok},  // a date alone
                               });
}

TEST_CASE("date-5.2 impossible date-times are invalid_value") {
  check_table(check_date_time, {
                                   {"2024-02-30T10:00:00", S::invalid_value},
                                   {"2024-04-18T24:00:00", S::invalid_value},
                                   {"2024-04-18T10:60:00", S::invalid_value},
                                   {"2024-04-18T10:00:60", S::invalid_value},
                                   {"2024-04-18T10:00:00+15:00", S::invalid_value},
                                   {"2024-13-01", S::invalid_value},
                                   {"2024/2/30 10:00", S::invalid_value},
                               });
}

TEST_CASE("date-5.3 date-times in other forms get a suggestion") {
  check_table(check_date_time,
              {
                  {"2024-04-18 10:00:00", S::invalid_format, "2024-04-18T10:00:00"},
                  {"2024/4/18 9:05", S::invalid_format, "2024-04-18T09:05"},
                  {"令和6年4月18日 10:00", S::invalid_format, "2024-04-18T10:00"},
                  {"２０２４－０４－１８Ｔ１０：００：００", S::wrong_width, "2024-04-18T10:00:00"},
                  {"2024/04/18", S::invalid_format, "2024-04-18"},
              });
}

TEST_CASE("date-5.4 broken date-times get no suggestion") {
  check_table(check_date_time, {
                                   {"", S::invalid_format},
                                   {"10:00", S::invalid_format},
                                   {":", S::invalid_format},
                                   {"2024-04-18T", S::invalid_format},
                                   {"2024-04-18T10:00:00.Z", S::invalid_format},
                                   {"2024-04-18T10:00:00+9", S::invalid_format},
                                   {"2024-04-18T10:0", S::invalid_format},
                                   {"hello 10:00", S::invalid_format},
                               });
}

TEST_CASE("date-9.1 days since 1970-01-01 and back") {
  using gifkit::grammars::CalendarDate;
  CHECK(gifkit::grammars::days_since_epoch(CalendarDate{1970, 1, 1}) == 0);
  CHECK(gifkit::grammars::days_since_epoch(CalendarDate{2025, 3, 11}) -
            gifkit::grammars::days_since_epoch(CalendarDate{2024, 4, 1}) ==
        344);
  CHECK(gifkit::grammars::days_since_epoch(CalendarDate{1900, 1, 1}) == -25567);
  for (std::int64_t days : {-25567, -1, 0, 59, 19813, 2932896}) {
    INFO(days);
    CHECK(gifkit::grammars::days_since_epoch(gifkit::grammars::date_from_days(days)) == days);
  }
  CHECK(gifkit::grammars::date_from_days(19814) == CalendarDate{2024, 4, 1});
}

// ------------------------------------------------- the usual forms' reader

namespace {

// text with its ASCII digits full-width: the usual forms' reader declines
// it, and the loose grammar (which normalises them back) reads it.
std::string full_width_digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>('\x90' + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("date-9.2 the usual forms read by hand as the loose grammar reads them") {
  // Every spelling of every era (eras.tsv) and Western years, with years,
  // months and days at and past their limits, in each separator, one and
  // two digits: check_date and parse_loose_date answer for the ASCII text
  // (read by hand) what they answer for it with full-width digits (read by
  // the grammar).
  std::vector<std::string> starts;
  for (const JapaneseEra& era : eras()) {
    std::vector<std::string> spellings = era.variants;
    spellings.push_back(era.name);
    for (const std::string& spelling : spellings)
      for (const char* year : {"元", "0", "1", "01", "2", "9", "27", "30", "31", "45", "64", "99"})
        starts.push_back(spelling + year);
  }
  for (const char* year : {"0000", "1868", "1900", "1989", "2000", "2019", "2024", "9999"})
    starts.push_back(year);
  std::size_t compared = 0, read_as_dates = 0;
  for (const std::string& start : starts) {
    for (const char* month : {"0", "1", "01", "2", "02", "4", "9", "12", "13"}) {
      for (const char* day : {"0", "1", "01", "28", "29", "30", "31", "32"}) {
        for (int form = 0; form < 4; ++form) {
          const std::string text = form == 0
                                       ? start + "年" + month + "月" + day + "日"
                                       : start + "/.-"[form - 1] + month + "/.-"[form - 1] + day;
          // YYYY-MM-DD is the strict form, checked before either reader
          // (its full-width writing is wrong_width, not a date to read).
          if (form == 3 && start.size() == 4 && std::string_view(month).size() == 2 &&
              std::string_view(day).size() == 2)
            continue;
          const std::string by_grammar = full_width_digits(text);
          const ValueVerdict hand = check_date(text), grammar = check_date(by_grammar);
          INFO(text);
          CHECK(hand.status == grammar.status);
          CHECK(hand.suggestion == grammar.suggestion);
          const auto hand_date = parse_loose_date(text),
                     grammar_date = parse_loose_date(by_grammar);
          REQUIRE(hand_date.has_value() == grammar_date.has_value());
          if (hand_date) {
            CHECK(hand_date->year == grammar_date->year);
            CHECK(hand_date->month == grammar_date->month);
            CHECK(hand_date->day == grammar_date->day);
            ++read_as_dates;
          }
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 20000);
  CHECK(read_as_dates > 1000);
}

// ------------------------------------------------------ 6 a year alone

TEST_CASE("date-6.1 a year alone is a DS-441 date (1.1: YYYY)") {
  check_table(check_date, {
                              {"2015", S::ok},
                              {"0001", S::ok},
                              {"9999", S::ok},
                              {"0000", S::invalid_value},
                              {"２０１５", S::wrong_width, "2015"},
                              {"2015年", S::invalid_format, "2015"},
                          });
  CHECK(check_date("2024-04").reason ==
        "a year and a month (YYYY-MM); DS-441 writes a date as YYYY-MM-DD, or a year alone as "
        "YYYY");
  // A year is no calendar date for the readers that need one.
  CHECK_FALSE(parse_loose_date("2015"));
  CHECK_FALSE(parse_loose_date("平成27年"));
  CHECK_FALSE(read_usual_date("平成27年"));
}

TEST_CASE("date-6.2 an era year alone becomes its Western year (DS-441 8.3)") {
  check_table(check_date, {
                              {"平成27年", S::invalid_format, "2015"},  // DS-441 8.3's example
                              {"H27年", S::invalid_format, "2015"},
                              {"令和元年", S::invalid_format, "2019"},
                              {"平成31年", S::invalid_format, "2019"},  // 平成 reaches 2019
                              {"昭和64年", S::invalid_format, "1989"},
                              {"平成 二十七年", S::invalid_format, "2015"},
                              {"平成32年", S::invalid_value},  // 2020: after 平成 ended
                              {"平成0年", S::invalid_value},
                              {"平成27", S::invalid_format},  // no 年: not read
                          });
  CHECK(check_date("平成27年").reason ==
        "和暦 year; DS-441 writes a year alone as the Western year YYYY");
  CHECK(check_date("平成32年").reason == "平成32年 would be 2020, after 平成 ended on 2019-04-30");
}

TEST_CASE("date-6.3 the time of day: 24:00 only as the end of a day") {
  CHECK(is_time_of_day("18:10:50", false));
  CHECK(is_time_of_day("00:00", false));
  CHECK(is_time_of_day("23:59:59", false));
  CHECK_FALSE(is_time_of_day("24:00", false));
  CHECK(is_time_of_day("24:00", true));
  CHECK(is_time_of_day("24:00:00", true));
  CHECK_FALSE(is_time_of_day("24:01", true));
  CHECK_FALSE(is_time_of_day("24:00:01", true));
  CHECK_FALSE(is_time_of_day("9:00", true));
  CHECK_FALSE(is_time_of_day("12:60", true));
}

TEST_CASE("date-7.1 the day an Excel serial number stands for (1900 and 1904 systems)") {
  auto iso = [](std::int64_t serial, bool date1904 = false) {
    const auto date = excel_serial_date(serial, date1904);
    return date ? format_iso_date(*date) : std::string("-");
  };
  CHECK(iso(1) == "1900-01-01");
  CHECK(iso(59) == "1900-02-28");
  CHECK(iso(60) == "-");  // Lotus's 1900-02-29, a day that never was
  CHECK(iso(61) == "1900-03-01");
  CHECK(iso(22196) == "1960-10-07");
  CHECK(iso(45016) == "2023-03-31");
  CHECK(iso(2958465) == "9999-12-31");
  CHECK(iso(2958466) == "-");
  CHECK(iso(0) == "-");
  CHECK(iso(0, true) == "1904-01-01");
  CHECK(iso(43554, true) == "2023-03-31");
}

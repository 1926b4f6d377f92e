// period_test.cpp — DS-441 4's periods (start/end, its shortened forms, the
// 時間帯 hh:mm/hh:mm, 24:00 as the end of a day) and durations (ISO 8601
// PnYnMnD, PTnHnM; 継続・所要時間 hh:mm), DS-441's own examples first.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/values/period.hpp"
#include "verdict_testing.hpp"

using namespace gifkit::grammars;
using gifkit::grammars::testing::check_table;
using S = ValueStatus;

// ------------------------------------------------------------- 1 periods

TEST_CASE("period-1.1 DS-441's period forms pass") {
  check_table(check_period,
              {
                  {"2025-04-01/2025-06-30", S::ok},                                // 4.1
                  {"2017-09-01T18:10:50+09:00/2017-09-02T09:00:00+09:00", S::ok},  // 4.2
                  {"1970-01-01T00:00:00Z/1970-01-01T00:00:01Z", S::ok},
                  {"2025-04-01/06-30", S::ok},       // 4.3 the same year
                  {"2025-04-01/30", S::ok},          // 4.4 the same month
                  {"2025-04-01/2025-04-01", S::ok},  // one day
                  {"09:00/12:00", S::ok},            // 5.1 時間帯
                  {"00:00/01:00", S::ok},
                  {"23:00/24:00", S::ok},  // 5.1's own last row: 24:00 ends the day
                  {"23:00:00/24:00:00", S::ok},
                  {"2025-04-01T09:00/17:00", S::ok},  // ISO 8601: the end's date is the start's
                  {"2025-04-01T22:00/02T06:00", S::ok},
                  {"2025-04-01T09:00+09:00/2025-04-01T24:00+09:00", S::ok},
                  {"2015/2017", S::ok},        // years alone (DS-441 1.1)
                  {"2025-04-01/P3M", S::ok},   // ISO 8601 start/duration
                  {"P10D/2025-06-30", S::ok},  // duration/end
                  {"2025-04-01/..", S::ok},    // an open end
                  {"22:00/05:00", S::ok},      // a time band across midnight
              });
}

TEST_CASE("period-1.2 impossible sides and an end before the start are invalid_value") {
  check_table(check_period, {
                                {"2025-13-01/2025-14-40", S::invalid_value},
                                {"2025-04-01/2025-02-30", S::invalid_value},
                                {"2025-06-30/2025-04-01", S::invalid_value},
                                {"2025-04-20/10", S::invalid_value},  // shortened: 2025-04-10
                                {"2017/2015", S::invalid_value},
                                {"09:00/24:01", S::invalid_value},
                                {"24:00/24:00", S::invalid_value},  // 24:00 is no start
                                {"09:00/25:00", S::invalid_value},
                                {"2025-04-01T10:00+09:00/2025-04-01T00:30Z", S::invalid_value},
                            });
  const ValueVerdict both = check_period("2025-13-01/2025-14-40");
  CHECK(both.reason ==
        "start 2025-13-01: month 13 does not exist; end 2025-14-40: month 14 does not exist");
  CHECK(check_period("2025-04-01/2025-02-30").reason ==
        "end 2025-02-30: day 30 does not exist: 2025-02 has 28 days");
  CHECK(check_period("2025-06-30/2025-04-01").reason ==
        "ends (2025-04-01) before it starts (2025-06-30)");
  CHECK(check_period("2025-04-20/10").reason == "ends (2025-04-10) before it starts (2025-04-20)");
  // Offsets compared in UTC when both sides have one: 01:00Z is 10:00+09:00.
  CHECK(check_period("2025-04-01T10:00+09:00/2025-04-01T01:00Z").ok());
}

TEST_CASE("period-1.3 other ways of writing a period get the DS-441 form when certain") {
  check_table(
      check_period,
      {
          {"2025/4/1～2025/6/30", S::invalid_format, "2025-04-01/2025-06-30"},
          {"2025/4/1〜2025/6/30", S::invalid_format, "2025-04-01/2025-06-30"},
          {"2025-04-01～2025-06-30", S::invalid_format, "2025-04-01/2025-06-30"},
          {"2025-04-01 - 2025-06-30", S::invalid_format, "2025-04-01/2025-06-30"},
          {"2025-04-01-2025-06-30", S::invalid_format, "2025-04-01/2025-06-30"},
          {"令和7年4月1日～令和7年6月30日", S::invalid_format, "2025-04-01/2025-06-30"},
          {"2025年4月1日から2025年6月30日まで", S::invalid_format, "2025-04-01/2025-06-30"},
          {"平成27年～平成29年", S::invalid_format, "2015/2017"},
          {"9:00～17:00", S::invalid_format, "09:00/17:00"},
          {"9:00-17:00", S::invalid_format, "09:00/17:00"},
          {"２０２５－０４－０１／２０２５－０６－３０", S::wrong_width, "2025-04-01/2025-06-30"},
          {"０９：００／１２：００", S::wrong_width, "09:00/12:00"},
      });
}

TEST_CASE("period-1.4 text that is no period gets no suggestion") {
  check_table(check_period, {
                                {"", S::invalid_format},
                                {"2025-04-01", S::invalid_format},
                                {"4月～9月", S::invalid_format},
                                {"2025-04-01/", S::invalid_format},
                                {"2025-04/2025-06", S::invalid_format},
                                {"2025-04-01/2025-06-30/2025-07-01", S::invalid_format},
                                {"2025-04-01/09:00", S::invalid_format},
                                {"P1D/P2D", S::invalid_format},
                                {"../..", S::invalid_format},
                                {"hello/world", S::invalid_format},
                                {"2025/4/1～6/30", S::invalid_format},  // a Japanese short end
                            });
  CHECK(check_period("2025-04-01/09:00").reason ==
        "the start is a date, the end a time: DS-441 writes both sides alike");
}

// ----------------------------------------------------------- 2 durations

TEST_CASE("duration-2.1 DS-441's durations pass") {
  check_table(check_duration, {
                                  {"P10D", S::ok},
                                  {"P3M", S::ok},
                                  {"P2Y6M", S::ok},
                                  {"P1Y3M5D", S::ok},
                                  {"PT1H30M", S::ok},
                                  {"PT45M", S::ok},
                                  {"P1DT12H", S::ok},
                                  {"P2W", S::ok},
                                  {"PT0.5S", S::ok},
                                  {"P0.5Y", S::ok},
                                  {"01:30", S::ok},  // 4.5 継続・所要時間
                                  {"00:45:30", S::ok},
                                  {"36:00", S::ok},  // a length, not a time of day
                              });
}

TEST_CASE("duration-2.2 lengths written otherwise get the ISO form") {
  check_table(check_duration, {
                                  {"10日", S::invalid_format, "P10D"},
                                  {"3ヶ月", S::invalid_format, "P3M"},
                                  {"2年6か月", S::invalid_format, "P2Y6M"},
                                  {"1年3か月5日", S::invalid_format, "P1Y3M5D"},
                                  {"10日間", S::invalid_format, "P10D"},
                                  {"2週間", S::invalid_format, "P2W"},
                                  {"1時間30分", S::invalid_format, "PT1H30M"},
                                  {"1日2時間", S::invalid_format, "P1DT2H"},
                                  {"p10d", S::invalid_format, "P10D"},
                                  {"9:30", S::invalid_format, "09:30"},
                                  {"Ｐ１０Ｄ", S::wrong_width, "P10D"},
                              });
}

TEST_CASE("duration-2.3 text that is no duration gets no suggestion") {
  check_table(check_duration, {
                                  {"", S::invalid_format},
                                  {"P2Y6", S::invalid_format},
                                  {"P", S::invalid_format},
                                  {"PT", S::invalid_format},
                                  {"P1DT", S::invalid_format},
                                  {"P6M2Y", S::invalid_format},
                                  {"P1.5Y2M", S::invalid_format},
                                  {"P1H", S::invalid_format},
                                  {"3月", S::invalid_format},  // March, or 3 months?
                                  {"10:60", S::invalid_format},
                                  {"hello", S::invalid_format},
                              });
  CHECK(check_duration("P2Y6").reason ==
        "not an ISO 8601 duration: 6 has no unit (Y, M, W or D; after T: H, M or S)");
  CHECK(check_duration("P6M2Y").reason ==
        "not an ISO 8601 duration: the unit Y repeated or out of order");
}

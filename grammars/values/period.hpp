// period.hpp — DS-441 4's periods (期間: start/end, its shortened forms and
// the 時間帯 HH:MM/HH:MM) and durations (継続・所要時間 HH:MM; 期間の長さ as ISO
// 8601 PnYnMnD, PTnHnM), each checked and, where the fix is certain, written
// in its DS-441 form. The sides of a period are read with date.hpp's dates,
// date-times and times.
#pragma once
#include <string_view>

#include "grammars/values/value_verdict.hpp"

namespace gifkit::grammars {

// Checks a DS-441 period, 「開始日時/終了日時」:
//   YYYY-MM-DD/YYYY-MM-DD, and the end shortened: YYYY-MM-DD/MM-DD (the same
//   year), YYYY-MM-DD/DD (the same month) (DS-441 4.1, 4.3, 4.4);
//   YYYY-MM-DDThh:mm:ss±hh:mm/… (4.2), the end shortened as ISO 8601 allows
//   (MM-DDThh:mm, DDThh:mm, hh:mm: the parts it leaves out are the start's);
//   hh:mm/hh:mm (5.1's 時間帯; an end before the start crosses midnight);
//   YYYY/YYYY (a year alone, DS-441 1.1); a side `..` for an open end and a
//   duration for one side (ISO 8601: 2025-04-01/P3M, P3M/2025-06-30).
// 24:00 (24:00:00) is accepted as the end of a day on the end side alone.
// ok; invalid_value for an impossible side (naming it: "start 2025-13-01:
// month 13 does not exist") or an end before the start; invalid_format for
// any other text, with the DS-441 form as suggestion when both sides are
// dates or times the date checks read (2025/4/1～2025/6/30 →
// 2025-04-01/2025-06-30, 9:00～17:00 → 09:00/17:00; 〜 ～ ~ から…まで and a
// '-' between two whole sides read as '/'), wrong_width when only the width is.
ValueVerdict check_period(std::string_view text);

// Checks a duration: ISO 8601's PnYnMnWnDTnHnMnS (each part at most once, in
// that order, at least one; a fraction on the last part only: P10D, P3M,
// P2Y6M, P1Y3M5D, PT1H30M) or DS-441 4.5's 継続・所要時間 hh:mm[:ss] (hours of
// two digits or more). invalid_format with the ISO form as suggestion for
// the same length written in Japanese (10日 → P10D, 2年6か月 → P2Y6M,
// 1時間30分 → PT1H30M) or in small letters (p10d), a one-digit hour (9:30 →
// 09:30); wrong_width for full-width text; no suggestion for a number
// without its unit (P2Y6).
ValueVerdict check_duration(std::string_view text);

}  // namespace gifkit::grammars

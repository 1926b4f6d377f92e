// date.cpp — DS-441 dates and date-times. The strict forms (YYYY-MM-DD and
// YYYY-MM-DDThh:mm:ss±hh:mm) are checked by hand-written fast paths that never
// allocate; only when they fail is the text handed to the Boost.Spirit X3
// grammar of the forms people write (和暦, 2024/4/18, 2024年4月18日, kanji and
// full-width digits) so that the ISO form can be proposed.
#include "grammars/values/date.hpp"

#include <array>
#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <vector>

#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/detail/iso_shapes.hpp"
#include "grammars/values/eras.hpp"

namespace gifkit::grammars {

namespace {

using detail::is_digit;
using detail::date::digits_value;
using detail::date::matches_shape;
using detail::date::read_time;
using detail::date::TimeReading;

// ----------------------------------------------------------------- 和暦 eras

// An era as the grammar reads it: 0 for a Western year, else 1 + its index
// in eras() (models/dictionaries/eras.tsv).
using EraNumber = std::size_t;
constexpr EraNumber kWestern = 0;

const JapaneseEra& era_span(EraNumber era) {
  return eras()[era - 1];
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// ------------------------------------------------------ the X3 loose grammar

// What the loose grammar read: an era (or none for Western years) and the
// numbers as written (the era year, not yet converted).
struct DateFields {
  EraNumber era = kWestern;
  int year = 0;
  int month = 0;
  int day = 0;
  bool short_year = false;  // a two-digit Western year (21.08.15), before the pivot
  bool year_only = false;  // a year alone (平成27年, 2015年; DS-441 1.1's YYYY): no month nor day
};

namespace x3 = boost::spirit::x3;

struct date_fields_tag;

template <typename Context>
DateFields& fields_of(Context& ctx) {
  return x3::get<date_fields_tag>(ctx).get();
}

const auto set_era = [](auto& ctx) { fields_of(ctx).era = x3::_attr(ctx); };
const auto set_western = [](auto& ctx) { fields_of(ctx).era = kWestern; };
const auto set_year = [](auto& ctx) { fields_of(ctx).year = x3::_attr(ctx); };
const auto set_short_year = [](auto& ctx) {
  fields_of(ctx).year = x3::_attr(ctx);
  fields_of(ctx).short_year = true;
};
const auto set_first_year = [](auto& ctx) { fields_of(ctx).year = 1; };
const auto set_month = [](auto& ctx) { fields_of(ctx).month = x3::_attr(ctx); };
const auto set_day = [](auto& ctx) { fields_of(ctx).day = x3::_attr(ctx); };
const auto set_year_only = [](auto& ctx) {
  fields_of(ctx).month = 0;
  fields_of(ctx).day = 0;
  fields_of(ctx).short_year = false;  // an alternative tried before may have set it
  fields_of(ctx).year_only = true;
};

// Every spelling of every era (明治 ㍾ M m, …: eras.tsv).
struct EraNames : x3::symbols<EraNumber> {
  EraNames() {
    for (std::size_t index = 0; index < eras().size(); ++index) {
      add(eras()[index].name, index + 1);
      for (const std::string& variant : eras()[index].variants) add(variant, index + 1);
    }
  }
};

struct KanjiDigits : x3::symbols<int> {
  explicit KanjiDigits(bool with_zero) {
    if (with_zero) add("〇", 0)("○", 0)("零", 0);
    add("一", 1)("二", 2)("三", 3)("四", 4)("五", 5)("六", 6)("七", 7)("八", 8)("九", 9);
  }
};

const EraNames era_name;
const KanjiDigits kanji_digit_parser(true);
const KanjiDigits kanji_digit_1_to_9(false);

const auto set_zero = [](auto& ctx) { x3::_val(ctx) = 0; };
const auto append_digit = [](auto& ctx) { x3::_val(ctx) = x3::_val(ctx) * 10 + x3::_attr(ctx); };
const auto set_tens = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx) * 10; };
const auto set_ten = [](auto& ctx) { x3::_val(ctx) = 10; };
const auto add_units = [](auto& ctx) { x3::_val(ctx) += x3::_attr(ctx); };

// 十八, 二十, 三十一, 十 — or digit by digit: 一八, 二〇二四.
const x3::rule<class kanji_number_class, int> kanji_number = "kanji number";
const auto kanji_number_def = (kanji_digit_1_to_9[set_tens] | x3::eps[set_ten]) >> x3::lit("十") >>
                                  (kanji_digit_1_to_9[add_units] | x3::eps) |
                              x3::eps[set_zero] >> x3::repeat(1,
                                                              2)[kanji_digit_parser[append_digit]];
// A Western year digit by digit: 二〇二四.
const x3::rule<class kanji_year_class, int> kanji_year = "kanji year";
const auto kanji_year_def = x3::eps[set_zero] >> x3::repeat(4)[kanji_digit_parser[append_digit]];

const x3::uint_parser<int, 10, 4, 4> four_digits;
const x3::uint_parser<int, 10, 2, 2> two_digits;
const x3::uint_parser<int, 10, 1, 2> one_or_two_digits;

// A month, day or era year: 4, 04, 四, 十八.
const x3::rule<class small_number_class, int> small_number = "small number";
const auto small_number_def = one_or_two_digits | kanji_number;
// A Western year: 2024 or 二〇二四.
const x3::rule<class western_year_class, int> western_year = "western year";
const auto western_year_def = four_digits | kanji_year;
BOOST_SPIRIT_DEFINE(kanji_number, kanji_year, small_number, western_year)

const auto spaces = *x3::lit(' ');

// 4月18日 (after the year).
const auto kanji_month_day = spaces >> x3::lit("年") >> spaces >> small_number[set_month] >> spaces
                             >> x3::lit("月") >> spaces >> small_number[set_day] >> spaces
                             >> x3::lit("日");

// .4.18 or /4/18 or -4-18: the same separator twice.
auto separated_month_day(char separator) {
  return x3::lit(separator) >> one_or_two_digits[set_month] >> x3::lit(separator) >>
         one_or_two_digits[set_day];
}
const auto numeric_month_day =
    separated_month_day('-') | separated_month_day('/') | separated_month_day('.');

const auto era_year = x3::lit("元")[set_first_year] | small_number[set_year];
const auto era_date = era_name[set_era] >> spaces >> era_year >>
                      (kanji_month_day | numeric_month_day);

const auto western_date = x3::eps[set_western] >>
                          (four_digits[set_year] >> numeric_month_day |
                           western_year[set_year] >> kanji_month_day |
                           four_digits[set_year] >> two_digits[set_month] >>
                               two_digits[set_day] |                          // 20240418
                           two_digits[set_short_year] >> numeric_month_day);  // 21.08.15

// A year alone (DS-441 1.1 「年のみ」; 8.3: 入力 平成27年 → データ 2015): 平成27年,
// 令和元年, 2015年, or four digits (２０１５ once folded).
const auto year_only = (era_name[set_era] >> spaces >> era_year >> spaces >> x3::lit("年") |
                        x3::eps[set_western] >> (western_year[set_year] >> spaces >> x3::lit("年") |
                                                 four_digits[set_year])) >>
                       x3::eps[set_year_only];

const auto loose_date_grammar = era_date | western_date | year_only;

// ---------------------------------------------------------- loose reading

// The text with full-width ASCII folded, every dash (and ー/ｰ) made '-', every
// space made ' ', and leading/trailing spaces removed. Kanji stay UTF-8.
// Stays on the stack; fails on invalid UTF-8 or text too long to be a date.
class NormalisedDateText {
 public:
  explicit NormalisedDateText(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t start = pos;
      char32_t cp = decode_utf8(text, pos);
      if (cp == kReplacementChar && pos == start + 1) return;
      if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;
      if (cp == 0x3000 || cp == U'\t') cp = U' ';
      if (is_dash_like(cp)) cp = U'-';
      if (cp < 0x80) {
        if (!push(static_cast<char>(cp))) return;
      } else {
        for (std::size_t i = start; i < pos; ++i) {
          if (!push(text[i])) return;
        }
      }
    }
    valid_ = true;
  }
  bool valid() const { return valid_; }
  std::string_view view() const {
    std::string_view v(bytes_.data(), size_);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  }

 private:
  bool push(char c) {
    if (size_ == bytes_.size()) return false;
    bytes_[size_++] = c;
    return true;
  }
  std::array<char, 96> bytes_{};
  std::size_t size_ = 0;
  bool valid_ = false;
};

enum class DateReading { not_a_date, impossible, date };

struct LooseDate {
  DateReading reading = DateReading::not_a_date;
  DateFields fields;  // as written
  CalendarDate date;  // Gregorian (meaningful unless not_a_date)
};

// Whether text may be a date of the loose grammar at all. Every form it reads
// has a number written in digits (ASCII, or full-width ０–９: U+FF10–FF19,
// EF BC 90–99, which NormalisedDateText folds to ASCII) or 年 (the kanji
// forms: 令和六年四月十八日, 二〇二四年四月十八日): the numeric month-day
// (.4.18) is digits, the kanji one has 年, and every year is one of the two.
// Text with neither (a name, a URL) is no date, so read_loose_date skips the
// normalising and the parse for it; the answer is the same.
bool may_be_loose_date(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= '0' && byte <= '9') return true;
    if (byte == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
        static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x99)
      return true;
    if (byte == 0xE5 && text.substr(i, 3) == "年") return true;
  }
  return false;
}

// One or two ASCII digits at text[at]: their value, at moved past them; -1
// when there is no digit there or a third follows (what one_or_two_digits
// reads, and then no separator can follow: the grammar's to decide).
int read_one_or_two_digits(std::string_view text, std::size_t& at) {
  if (at >= text.size() || !is_digit(text[at])) return -1;
  int value = text[at++] - '0';
  if (at < text.size() && is_digit(text[at])) value = value * 10 + (text[at++] - '0');
  if (at < text.size() && is_digit(text[at])) return -1;
  return value;
}

// True when text[at..] starts with word; at moved past it.
bool skip_word(std::string_view text, std::size_t& at, std::string_view word) {
  if (text.substr(at, word.size()) != word) return false;
  at += word.size();
  return true;
}

// Every spelling of every era (eras.tsv) with its EraNumber, made once.
struct EraSpelling {
  std::string_view spelling;  // of eras()'s strings, which live as long as the program
  EraNumber era;
};
const std::vector<EraSpelling>& era_spellings() {
  static const std::vector<EraSpelling> spellings = [] {
    std::vector<EraSpelling> all;
    for (std::size_t index = 0; index < eras().size(); ++index) {
      all.push_back({eras()[index].name, index + 1});
      for (const std::string& variant : eras()[index].variants) all.push_back({variant, index + 1});
    }
    return all;
  }();
  return spellings;
}

// The era whose spelling text starts with, the longest one as the grammar's
// symbols match it; at moved past it. kWestern for none.
EraNumber read_era_spelling(std::string_view text, std::size_t& at) {
  EraNumber found = kWestern;
  std::size_t longest = 0;
  for (const EraSpelling& each : era_spellings()) {
    if (each.spelling.size() > longest && each.spelling[0] == text[0] &&
        text.starts_with(each.spelling)) {
      longest = each.spelling.size();
      found = each.era;
    }
  }
  at += longest;
  return found;
}

// The fields of the usual ways of writing a date the loose grammar reads,
// read without it: a 4-digit year, or an era's spelling then its year (1 or
// 2 digits, or 元), then 年M月D日 or .M.D, /M/D, -M-D (2015/4/1, H27.4.1) —
// ASCII digits, no spaces, nothing before or after. For such a text the
// grammar reads the same fields (normalising changes none of its bytes);
// false for any other text, which the grammar reads.
bool read_usual_date_fields(std::string_view text, DateFields& fields) {
  if (text.empty() || text.size() > 64) return false;  // NormalisedDateText's room is 96 bytes
  std::size_t at = 0;
  DateFields read;
  if (text.size() > 4 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
      is_digit(text[3])) {
    read.era = kWestern;
    read.year = digits_value(text, 0, 4);
    at = 4;
  } else {
    read.era = read_era_spelling(text, at);
    if (read.era == kWestern) return false;
    read.year = skip_word(text, at, "元") ? 1 : read_one_or_two_digits(text, at);
    if (read.year < 0) return false;
  }
  if (skip_word(text, at, "年")) {
    read.month = read_one_or_two_digits(text, at);
    if (read.month < 0 || !skip_word(text, at, "月")) return false;
    read.day = read_one_or_two_digits(text, at);
    if (read.day < 0 || !skip_word(text, at, "日")) return false;
  } else {
    if (at >= text.size()) return false;
    const char separator = text[at++];
    if (separator != '/' && separator != '.' && separator != '-') return false;
    read.month = read_one_or_two_digits(text, at);
    if (read.month < 0 || at >= text.size() || text[at++] != separator) return false;
    read.day = read_one_or_two_digits(text, at);
    if (read.day < 0) return false;
  }
  if (at != text.size()) return false;
  fields = read;
  return true;
}

// The date of fields as read by either reader, or why it is none.
LooseDate settle_loose_date(const DateFields& fields) {
  LooseDate result;
  result.fields = fields;
  const DateFields& f = result.fields;
  result.reading = DateReading::impossible;
  if (f.year_only) {
    // A year alone: a Western year of 0001-9999, or an era year whose
    // Gregorian year the era reaches (平成31年 is 2019; 平成32年 is none).
    if (f.era == kWestern) {
      result.date = {f.year, 0, 0};
      if (f.year >= 1 && f.year <= 9999) result.reading = DateReading::date;
    } else if (f.year >= 1) {
      result.date = {era_span(f.era).first_day.year + f.year - 1, 0, 0};
      if (result.date.year <= era_span(f.era).last_day.year) result.reading = DateReading::date;
    }
    return result;
  }
  if (f.era == kWestern) {
    const int year = !f.short_year                  ? f.year
                     : f.year <= kTwoDigitYearPivot ? 2000 + f.year
                                                    : 1900 + f.year;
    result.date = {year, f.month, f.day};
  } else {
    if (f.year < 1) return result;
    result.date = {era_span(f.era).first_day.year + f.year - 1, f.month, f.day};
  }
  if (!is_valid_date(result.date.year, result.date.month, result.date.day)) return result;
  if (f.era != kWestern) {
    const JapaneseEra& span = era_span(f.era);
    const int n = day_number(result.date);
    if (n < day_number(span.first_day) || n > day_number(span.last_day)) return result;
  }
  result.reading = DateReading::date;
  return result;
}

LooseDate read_loose_date(std::string_view text) {
  LooseDate result;
  if (read_usual_date_fields(text, result.fields)) return settle_loose_date(result.fields);
  if (!may_be_loose_date(text)) return result;
  const NormalisedDateText normalised(text);
  if (!normalised.valid()) return result;
  const std::string_view view = normalised.view();
  auto first = view.begin();
  const bool parsed = x3::parse(
      first, view.end(), x3::with<date_fields_tag>(std::ref(result.fields))[loose_date_grammar]);
  if (!parsed || first != view.end()) return result;
  return settle_loose_date(result.fields);
}

// ------------------------------------------------------------- messages

std::string two_digit(int n) {
  return std::string{static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
}

// Why a Gregorian (year, month, day) that is_valid_date rejects is no date.
std::string explain_invalid_date(int year, int month, int day) {
  if (year < 1 || year > 9999) return "year " + std::to_string(year) + " is not 0001-9999";
  if (month < 1 || month > 12) return "month " + std::to_string(month) + " does not exist";
  return "day " + std::to_string(day) + " does not exist: " + std::to_string(year) + "-" +
         two_digit(month) + " has " + std::to_string(days_in_month(year, month)) + " days";
}

// Why an era date read by the loose grammar is no date.
std::string explain_impossible_era_date(const LooseDate& loose) {
  const DateFields& f = loose.fields;
  const JapaneseEra& span = era_span(f.era);
  const std::string era_year =
      std::string(span.name) + (f.year == 1 ? "元" : std::to_string(f.year)) + "年";
  if (f.year < 1) return era_year + " does not exist (the first year is 元年)";
  const CalendarDate& d = loose.date;
  if (f.year_only) {
    return era_year + " would be " + std::to_string(d.year) + ", after " + span.name +
           " ended on " + format_iso_date(span.last_day);
  }
  if (!is_valid_date(d.year, d.month, d.day)) return explain_invalid_date(d.year, d.month, d.day);
  const std::string written = era_year + std::to_string(f.month) + "月" + std::to_string(f.day) +
                              "日 would be " + format_iso_date(d);
  if (day_number(d) < day_number(span.first_day)) {
    return written + ", before " + span.name + " began on " + format_iso_date(span.first_day);
  }
  return written + ", after " + span.name + " ended on " + format_iso_date(span.last_day);
}

// ---------------------------------------------------------- strict forms

// YYYY-MM-DD shape (any digits, not yet a real date).
bool has_iso_date_shape(std::string_view text) {
  if (text.size() != 10) return false;
  // The eight digits' bytes at once: 0x30-0x39 each (as a word: the high
  // halves 3, and still 3 with 6 added), the two '-' where they belong.
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::uint64_t word = 0;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) word = word << 8 | byte(i);
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  constexpr std::uint64_t kThrees = 0x3030303030303030ULL;
  return text[4] == '-' && text[7] == '-' && (word & kHigh) == kThrees &&
         ((word + 0x0606060606060606ULL) & kHigh) == kThrees;
}

CalendarDate iso_date_fields(std::string_view text) {
  return {digits_value(text, 0, 4), digits_value(text, 5, 2), digits_value(text, 8, 2)};
}

// check_date_time for values that fail the strict form: splits "date time"
// (separated by 'T' or spaces, the date in any form check_date recognises)
// and proposes YYYY-MM-DDThh:mm:ss, padding a one-digit hour.
ValueVerdict check_loose_date_time(std::string_view original) {
  const std::string folded = fold_ascii_width(original);
  const std::string_view text = folded;
  const std::size_t colon = text.find(':');
  std::size_t hour_start = colon;
  while (hour_start > 0 && colon - hour_start < 2 && is_digit(text[hour_start - 1])) --hour_start;
  std::size_t date_end = hour_start;
  while (date_end > 0 && text[date_end - 1] == ' ') --date_end;
  if (hour_start == colon || date_end == 0) {
    return {ValueStatus::invalid_format, {}, "not a date-time; expected YYYY-MM-DDThh:mm:ss"};
  }
  if (date_end == hour_start && text[date_end - 1] == 'T') --date_end;
  const std::string_view date_part = text.substr(0, date_end);
  const std::string time_part =
      (colon - hour_start == 1 ? "0" : "") + std::string(text.substr(hour_start));

  const ValueVerdict date = check_date(date_part);
  if (date.status == ValueStatus::invalid_value) return date;
  const std::string iso_date = date.ok() ? std::string(date_part) : date.suggestion;
  switch (read_time(time_part)) {
    case TimeReading::bad_shape:
      return {ValueStatus::invalid_format, {}, "time not written as hh:mm:ss (±hh:mm)"};
    case TimeReading::out_of_range:
      return {ValueStatus::invalid_value, {}, "time out of range in " + time_part};
    case TimeReading::time:
      break;
  }
  if (iso_date.empty()) return {ValueStatus::invalid_format, {}, date.reason};
  std::string fixed = iso_date + "T" + time_part;
  if (fixed == text) {
    return {ValueStatus::wrong_width, std::move(fixed), "full-width characters in a date-time"};
  }
  return {ValueStatus::invalid_format, std::move(fixed),
          "date-time not written as YYYY-MM-DDThh:mm:ss ('T' between date and time)"};
}

}  // namespace

bool is_valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

bool is_time_of_day(std::string_view text, bool end_of_day) {
  if (text.size() != 5 && text.size() != 8) return false;
  if (end_of_day && (text == "24:00" || text == "24:00:00")) return true;
  return matches_shape(text, 0, "DD:DD") && digits_value(text, 0, 2) <= 23 &&
         digits_value(text, 3, 2) <= 59 &&
         (text.size() == 5 || (matches_shape(text, 5, ":DD") && digits_value(text, 6, 2) <= 59));
}

std::optional<CalendarDate> parse_iso_date(std::string_view text) {
  if (!has_iso_date_shape(text)) return std::nullopt;
  const CalendarDate date = iso_date_fields(text);
  if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::optional<CalendarDate> parse_loose_date(std::string_view text) {
  if (const auto iso = parse_iso_date(text)) return iso;
  const LooseDate loose = read_loose_date(text);
  if (loose.reading != DateReading::date || loose.fields.year_only) return std::nullopt;
  return loose.date;
}

std::optional<CalendarDate> excel_serial_date(std::int64_t serial, bool date1904) {
  if (serial > 2958465 || serial < (date1904 ? 0 : 1)) return std::nullopt;
  if (date1904) return date_from_days(serial - 24107);  // serial 0 is 1904-01-01
  if (serial == 60) return std::nullopt;                // Lotus's 1900-02-29
  if (serial < 60) ++serial;                            // before the fake day: one later
  return date_from_days(serial - 25569);                // serial 25569 is 1970-01-01
}

std::string format_iso_date(const CalendarDate& date) {
  if (date.year >= 0 && date.year <= 9999 && date.month >= 0 && date.month <= 99 && date.day >= 0 &&
      date.day <= 99) {
    // The usual date: its ten characters at once (no number formatting).
    const char text[10] = {static_cast<char>('0' + date.year / 1000),
                           static_cast<char>('0' + date.year / 100 % 10),
                           static_cast<char>('0' + date.year / 10 % 10),
                           static_cast<char>('0' + date.year % 10),
                           '-',
                           static_cast<char>('0' + date.month / 10),
                           static_cast<char>('0' + date.month % 10),
                           '-',
                           static_cast<char>('0' + date.day / 10),
                           static_cast<char>('0' + date.day % 10)};
    return std::string(text, sizeof text);
  }
  std::string out = std::to_string(date.year);
  if (out.size() < 4) out.insert(0, 4 - out.size(), '0');
  out.reserve(out.size() + 6);
  out += '-';
  out += two_digit(date.month);
  out += '-';
  out += two_digit(date.day);
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days (eras of 400 years).
std::int64_t days_since_epoch(const CalendarDate& date) {
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year =
      (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CalendarDate date_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  CalendarDate date;
  date.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

std::optional<CalendarDate> read_usual_date(std::string_view text) {
  DateFields fields;
  if (has_iso_date_shape(text) || !read_usual_date_fields(text, fields)) return std::nullopt;
  const LooseDate loose = settle_loose_date(fields);
  if (loose.reading != DateReading::date) return std::nullopt;
  return loose.date;
}

ValueVerdict check_date(std::string_view text) {
  if (has_iso_date_shape(text)) {
    const CalendarDate d = iso_date_fields(text);
    if (is_valid_date(d.year, d.month, d.day)) return {};
    return {ValueStatus::invalid_value, {}, explain_invalid_date(d.year, d.month, d.day)};
  }
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; expected YYYY-MM-DD"};
  if (text.size() == 4 && matches_shape(text, 0, "DDDD")) {
    // DS-441 1.1: 「年のみを使用したい場合は、YYYY形式」.
    if (digits_value(text, 0, 4) >= 1) return {};
    return {ValueStatus::invalid_value, {}, "year 0 is not 0001-9999"};
  }
  if (text.size() == 7 && matches_shape(text, 0, "DDDD-DD")) {
    // ISO 8601 writes a month so; DS-441 names no such date: a year alone or
    // a whole date. Which day is meant is not known: no fix.
    return {ValueStatus::invalid_format,
            {},
            "a year and a month (YYYY-MM); DS-441 writes a date as YYYY-MM-DD, or a year alone "
            "as YYYY"};
  }

  const LooseDate loose = read_loose_date(text);
  switch (loose.reading) {
    case DateReading::not_a_date:
      return {ValueStatus::invalid_format, {}, "not a date; expected YYYY-MM-DD"};
    case DateReading::impossible:
      if (loose.fields.year_only && loose.fields.era == kWestern) {
        return {ValueStatus::invalid_value, {}, "year 0 is not 0001-9999"};
      }
      return {ValueStatus::invalid_value,
              {},
              loose.fields.era == kWestern
                  ? explain_invalid_date(loose.date.year, loose.date.month, loose.date.day)
                  : explain_impossible_era_date(loose)};
    case DateReading::date:
      break;
  }
  std::string iso = loose.fields.year_only ? format_iso_date(loose.date).substr(0, 4)
                                           : format_iso_date(loose.date);
  // Only the width wrong: the text folds to the ISO form (ASCII text folds
  // to itself).
  if (is_ascii(text) ? text == iso : fold_ascii_width(text) == iso) {
    return {ValueStatus::wrong_width, std::move(iso), "full-width characters in a date"};
  }
  std::string reason = loose.fields.year_only
                           ? (loose.fields.era != kWestern
                                  ? "和暦 year; DS-441 writes a year alone as the Western year YYYY"
                                  : "year not written as YYYY (DS-441 writes a year alone so)")
                       : loose.fields.era != kWestern
                           ? "和暦 date; DS-441 uses the Western year as YYYY-MM-DD"
                           : "date not written as YYYY-MM-DD (4-digit year, 2-digit month and "
                             "day, '-' between)";
  if (loose.fields.short_year) {
    reason = "two-digit year, read as " + std::to_string(loose.date.year) + " (00-" +
             std::to_string(kTwoDigitYearPivot) + " are 20xx, the rest 19xx); DS-441 writes " +
             "YYYY-MM-DD";
  }
  return {ValueStatus::invalid_format, std::move(iso), std::move(reason)};
}

ValueVerdict check_date_time(std::string_view text) {
  if (text.size() > 11 && has_iso_date_shape(text.substr(0, 10)) && text[10] == 'T') {
    const TimeReading time = read_time(text.substr(11));
    if (time != TimeReading::bad_shape) {
      const CalendarDate d = iso_date_fields(text);
      if (!is_valid_date(d.year, d.month, d.day)) {
        return {ValueStatus::invalid_value, {}, explain_invalid_date(d.year, d.month, d.day)};
      }
      if (time == TimeReading::time) return {};
      return {
          ValueStatus::invalid_value, {}, "time out of range in " + std::string(text.substr(11))};
    }
  }
  if (text.find(':') == std::string_view::npos && text.find("：") == std::string_view::npos) {
    return check_date(text);  // a date alone
  }
  return check_loose_date_time(text);
}

}  // namespace gifkit::grammars

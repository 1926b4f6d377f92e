// test_individual_number.cpp — the 個人番号 (マイナンバー) guard of the engine:
// the header names (models/dictionaries/individual_number_headers.tsv), the
// per-column decision (IndividualNumberColumn: the evidence rule of
// individual_number.hpp, at the values it promises), and validate_files:
// one individual-number problem per such column, and no 個人番号 shown in any
// problem of the report or of the sink. Every number here is made up.
// room: checks
#include <random>
#include <set>

#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;
namespace grammars = gifkit::grammars;

namespace {

const std::filesystem::path kHeadersFile =
    kModelsDir / "dictionaries" / "individual_number_headers.tsv";

const IndividualNumberHeaders& shipped_headers() {
  static const IndividualNumberHeaders headers = [] {
    IndividualNumberHeaders loaded;
    std::vector<std::string> errors;
    const bool ok = loaded.load(kHeadersFile, errors);
    INFO((errors.empty() ? std::string() : errors.front()));
    REQUIRE(ok);
    return loaded;
  }();
  return headers;
}

// eleven digits and their check digit (番号法施行令 第8条; the formula is
// checked on worked examples in tests/unit/grammars/identifiers_test.cpp).
std::string with_check_digit(const std::string& eleven) {
  return eleven + static_cast<char>('0' + grammars::individual_number_check_digit(eleven));
}

// The n-th made-up individual number: 11 digits from a fixed generator.
std::vector<std::string> made_up_numbers(std::size_t count, std::uint64_t seed = 8) {
  std::mt19937_64 random(seed);
  std::vector<std::string> numbers;
  std::set<std::string> seen;
  while (numbers.size() < count) {
    std::string eleven = std::to_string(random() % 100000000000ULL);
    eleven.insert(0, 11 - eleven.size(), '0');
    std::string number = with_check_digit(eleven);
    if (seen.insert(number).second) numbers.push_back(std::move(number));
  }
  return numbers;
}

// count random 12-digit numbers (any last digit: about 1 in 10 passes).
std::vector<std::string> random_twelve_digits(std::size_t count, std::uint64_t seed,
                                              bool ending_in_zero = false) {
  std::mt19937_64 random(seed);
  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < count; ++i) {
    std::string twelve = std::to_string(random() % 1000000000000ULL);
    twelve.insert(0, 12 - twelve.size(), '0');
    if (ending_in_zero) twelve.back() = '0';
    numbers.push_back(std::move(twelve));
  }
  return numbers;
}

IndividualNumberColumn column_of(const std::vector<std::string>& values) {
  IndividualNumberColumn column;
  for (const auto& value : values) column.add(value);
  return column;
}

// number in full-width digits.
std::string full_width(const std::string& number) {
  static constexpr std::string_view kDigits = "０１２３４５６７８９";  // 3 bytes each
  std::string wide;
  for (const char digit : number)
    wide += kDigits.substr(3 * static_cast<std::size_t>(digit - '0'), 3);
  return wide;
}

// A number with a wrong check digit (a typo in the last digit).
std::string typo(std::string number) {
  number.back() = number.back() == '9' ? '0' : static_cast<char>(number.back() + 1);
  return number;
}

}  // namespace

// ------------------------------------------------------------ header names

TEST_CASE("inum-1.1 the shipped names say 個人番号, after the label fold") {
  const IndividualNumberHeaders& names = shipped_headers();
  CHECK(names.size() >= 10);
  for (const char* header :
       {"個人番号", "マイナンバー", "ﾏｲﾅﾝﾊﾞｰ", "マイナンバー（個人番号）", "マイナンバー(個人番号)",
        "個人番号（マイナンバー）", "個人番号 ", "My Number", "MyNumber", "MYNUMBER", "mynumber",
        "my_number", "Individual Number", "individual number", "ＭｙＮｕｍｂｅｒ"}) {
    INFO(header);
    CHECK(header_names_individual_number(header, names));
  }
}

TEST_CASE("inum-1.2 names about the card, other numbers and parts of names are not") {
  const IndividualNumberHeaders& names = shipped_headers();
  for (const char* header :
       {"個人番号カード", "個人番号カード番号", "マイナンバーカード", "マイナンバーカード交付日",
        "マイナンバーカード保有", "マイナンバーカード交付枚数", "法人番号", "住民票コード", "番号",
        "会員番号", "個人", "", "number"}) {
    INFO(header);
    CHECK_FALSE(header_names_individual_number(header, names));
  }
  CHECK_FALSE(header_names_individual_number("個人番号", IndividualNumberHeaders{}));
}

TEST_CASE("inum-1.3 the list refuses a name that folds like another, and a missing file") {
  TempDir dir;
  write_file(dir.path() / "twice.tsv", "# comment\n\nマイナンバー\nﾏｲﾅﾝﾊﾞｰ\n");
  IndividualNumberHeaders names;
  std::vector<std::string> errors;
  CHECK_FALSE(names.load(dir.path() / "twice.tsv", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("twice.tsv:4: ") != std::string::npos);
  CHECK(names.empty());
  errors.clear();
  CHECK_FALSE(names.load(dir.path() / "missing.tsv", errors));
  CHECK(errors.size() == 1);
  write_file(dir.path() / "ok.tsv", "個人番号\r\nMy Number\r\n");
  errors.clear();
  CHECK(names.load(dir.path() / "ok.tsv", errors));
  CHECK(names.size() == 2);
  CHECK(header_names_individual_number("MYNUMBER", names));
}

// ------------------------------------------------------- the column's values

TEST_CASE("inum-2.1 a column of 個人番号 is decided at its 10th value, and stays so") {
  const std::vector<std::string> numbers = made_up_numbers(40);
  IndividualNumberColumn column;
  for (std::size_t i = 0; i < 9; ++i) column.add(numbers[i]);
  CHECK_FALSE(column.holds_individual_numbers());  // 4.4⁹ ≈ 6.2 × 10⁵ < 10⁶
  column.add(numbers[9]);
  CHECK(column.holds_individual_numbers());  // 4.4¹⁰ ≈ 2.7 × 10⁶
  CHECK(column.decided_at() == 10);
  // Then anything: the answer never turns back.
  for (const auto& value : random_twelve_digits(5000, 3)) column.add(value);
  CHECK(column.holds_individual_numbers());
  CHECK(column.decided_at() == 10);
  CHECK(column.values() == 5010);
  CHECK(column.candidates() == 5010);
}

TEST_CASE("inum-2.2 blanks, other text and typos: each typo costs about one value") {
  const std::vector<std::string> numbers = made_up_numbers(40);
  // Blanks do not count at all; 不明 counts as a value, but not as evidence.
  IndividualNumberColumn column;
  for (std::size_t i = 0; i < 10; ++i) {
    column.add("");
    column.add(i == 4 ? "不明" : "");
    column.add(numbers[i]);
  }
  CHECK(column.holds_individual_numbers());
  CHECK(column.values() == 11);
  CHECK(column.decided_at() == 11);
  // One typo among them: 4.4¹⁰ × 0.244 ≈ 6.6 × 10⁵ is not enough; 4.4¹¹ × 0.244 ≈ 2.9 × 10⁶ is.
  std::vector<std::string> with_typo(numbers.begin(), numbers.begin() + 10);
  with_typo.insert(with_typo.begin() + 3, typo(numbers[30]));
  CHECK_FALSE(column_of(with_typo).holds_individual_numbers());
  with_typo.push_back(numbers[10]);
  CHECK(column_of(with_typo).holds_individual_numbers());
  // Ten typos in a hundred: decided long before the end.
  std::vector<std::string> sloppy(numbers.begin(), numbers.end());
  for (std::size_t i = 0; i < sloppy.size(); i += 10) sloppy[i] = typo(sloppy[i]);
  const IndividualNumberColumn sloppy_column = column_of(sloppy);
  CHECK(sloppy_column.holds_individual_numbers());
  CHECK(sloppy_column.decided_at() <= 15);
  CHECK(sloppy_column.valid() == 36);
}

TEST_CASE("inum-2.3 written as people write them: 4-4-4, full-width, spaces") {
  const std::vector<std::string> numbers = made_up_numbers(12);
  IndividualNumberColumn column;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::string& n = numbers[i];
    const std::string grouped = n.substr(0, 4) + "-" + n.substr(4, 4) + "-" + n.substr(8);
    column.add(i % 3 == 0   ? grouped
               : i % 3 == 1 ? " " + n + " "
                            : n.substr(0, 4) + "　" + n.substr(4, 4) + "　" + n.substr(8));
  }
  CHECK(column.holds_individual_numbers());
  CHECK(column.valid() == 12);
}

TEST_CASE("inum-2.4 random 12-digit numbers never, even all ending in 0 (2 in 11 pass)") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const IndividualNumberColumn any = column_of(random_twelve_digits(20000, seed));
    INFO("seed " << seed << ": " << any.valid() << " of " << any.candidates());
    CHECK_FALSE(any.holds_individual_numbers());
    CHECK(any.valid() > 1600);  // about 1 in 10 passes the check digit
    CHECK(any.valid() < 2400);
    const IndividualNumberColumn zeros = column_of(random_twelve_digits(20000, seed, true));
    INFO(zeros.valid() << " of " << zeros.candidates() << " ending in 0");
    CHECK_FALSE(zeros.holds_individual_numbers());
    CHECK(zeros.valid() > 3200);  // about 2 in 11
  }
}

TEST_CASE("inum-2.5 phone numbers, 法人番号, postal codes and names are no evidence") {
  IndividualNumberColumn column;
  for (int i = 0; i < 1000; ++i) {
    const std::string four = std::to_string(1000 + i);
    for (const std::string& value : std::vector<std::string>{
             "03-" + four + "-5678", "090-" + four + "-5678", "0" + four + "23456789",
             "7000012050002", "4000012090001", "1010001072706", "100-" + four, "山田 花子",
             "123-4567-8901", "12345678-9018"}) {
      column.add(value);
    }
  }
  CHECK_FALSE(column.holds_individual_numbers());
  CHECK(column.candidates() == 0);
  CHECK(column.values() == 10000);
}

TEST_CASE("inum-2.6 a repeated value is one piece of evidence: codes and placeholders") {
  // 000000000000 passes the check digit (Σ = 0), and so may a 12-digit code
  // repeated on every row: neither is a column of 個人番号.
  IndividualNumberColumn placeholder;
  IndividualNumberColumn code;
  const std::string passing_code = made_up_numbers(1, 99).front();
  for (int i = 0; i < 10000; ++i) {
    placeholder.add("000000000000");
    code.add(i % 2 == 0 ? passing_code : "");
  }
  CHECK(grammars::is_individual_number("000000000000"));
  CHECK_FALSE(placeholder.holds_individual_numbers());
  CHECK_FALSE(code.holds_individual_numbers());
  CHECK(placeholder.valid() == 10000);  // the counts count every value
  // A few codes used over and over, as a category column: still no.
  const std::vector<std::string> few = made_up_numbers(5, 7);
  IndividualNumberColumn categories;
  for (int i = 0; i < 10000; ++i) categories.add(few[static_cast<std::size_t>(i) % few.size()]);
  CHECK_FALSE(categories.holds_individual_numbers());
}

TEST_CASE("inum-2.7 a column mostly of 個人番号 is found; a quarter is not") {
  const std::vector<std::string> numbers = made_up_numbers(400, 11);
  const std::vector<std::string> others = random_twelve_digits(400, 12);
  IndividualNumberColumn most;
  IndividualNumberColumn quarter;
  for (std::size_t i = 0; i < 400; ++i) {
    most.add(i % 5 < 3 ? numbers[i] : others[i]);  // 60 % 個人番号, + 1 in 10 of the rest
    quarter.add(i % 4 == 0 ? numbers[i] : others[i]);
  }
  CHECK(most.holds_individual_numbers());
  CHECK_FALSE(quarter.holds_individual_numbers());  // 25 % + 7.5 % = 32.5 % pass < 49 %
}

// ------------------------------------------------------------- validate_files

namespace {

struct Guarded {
  TempDir dir;
  std::vector<std::string> numbers = made_up_numbers(30, 2024);
  std::vector<std::string> randoms = random_twelve_digits(30, 2025);
  std::string path;
  RecordingSink sink;

  // gif:Person with 番号 (unknown to the model) holding 個人番号, マイナンバー (named)
  // with two, 会員番号 random 12-digit numbers, a 個人番号 in 生年月日, one as a
  // header of its own, and one in full-width digits in 氏（英字）, whose fix
  // would be the number in ASCII.
  Report run(std::set<std::string> skip = {}) {
    std::string text = "氏,名,生年月日,番号,マイナンバー,会員番号," + numbers[29] + ",氏（英字）\n";
    for (std::size_t i = 0; i < 25; ++i) {
      text += "山田,太郎," + std::string(i == 3 ? numbers[27] : "2000-01-01") + "," +
              (i == 7 ? "" : numbers[i]) + "," + (i < 2 ? numbers[25 + i] : "") + "," + randoms[i] +
              ",x," + (i == 5 ? full_width(numbers[28]) : "Yamada") + "\n";
    }
    path = (dir.path() / "people.csv").string();
    write_file(path, text);
    ValidateOptions options;
    options.model = "gif:Person";
    options.inputs = {path};
    options.skip = std::move(skip);
    REQUIRE(!shipped_headers().empty());
    options.individual_number_headers = shipped_headers();
    ModelCatalog catalog = fresh_catalog();
    return validate_files(options, catalog, CheckResources{}, sink);
  }

  // Every text of every problem and of the quality figures: no number may be there.
  void check_nothing_shown(const Report& report) const {
    std::vector<std::string> texts;
    for (const TaskReport& task : report.tasks) {
      for (const Problem& p : task.problems) {
        for (const std::string* text :
             {&p.field, &p.value, &p.message, &p.suggestion, &p.fix.from, &p.fix.to})
          texts.push_back(*text);
      }
      for (const ItemQuality& item : task.quality) texts.push_back(item.field);
    }
    for (const Problem& p : sink.problems) {
      for (const std::string* text :
           {&p.field, &p.value, &p.message, &p.suggestion, &p.fix.from, &p.fix.to})
        texts.push_back(*text);
    }
    for (const std::string& text : texts) {
      for (const std::string& number : numbers) {
        INFO(text);
        CHECK(text.find(number) == std::string::npos);
        CHECK(text.find(full_width(number)) == std::string::npos);
      }
    }
  }
};

}  // namespace

TEST_CASE("inum-2.8 a column written masked is all masked; one number among masks is not") {
  IndividualNumberColumn masked;
  for (const char* value : {"************", "****-****-****", ""}) masked.add(value);
  CHECK(masked.all_masked());
  CHECK(masked.masked() == 2);
  IndividualNumberColumn mixed;
  for (const char* value : {"************", "123456789018"}) mixed.add(value);
  CHECK_FALSE(mixed.all_masked());
  CHECK_FALSE(IndividualNumberColumn().all_masked());  // no values: nothing says masked
}

TEST_CASE("inum-2.9 a short column: two distinct that pass and none that fails is a column") {
  const std::vector<std::string> n = made_up_numbers(6, 21);
  // 4 of 6 values (the attack's file): a column, though the evidence is short of 10⁶.
  const IndividualNumberColumn four = column_of({n[0], n[1], "K-0012", n[2], "", n[3]});
  CHECK_FALSE(four.holds_individual_numbers());
  CHECK(four.is_individual_number_column());
  // Two are enough; one is not a column, but is masked alone.
  CHECK(column_of({n[0], "山田", n[1]}).is_individual_number_column());
  const IndividualNumberColumn one = column_of({"メモ", n[0], "メモ2"});
  CHECK_FALSE(one.is_individual_number_column());
  CHECK(one.has_lone_individual_numbers());
  CHECK(column_of({n[0]}).has_lone_individual_numbers());
  // The same number twice is one piece of evidence.
  CHECK_FALSE(column_of({n[0], n[0], n[0]}).is_individual_number_column());
  // Written 4-4-4 and in full-width digits, as the detector reads them.
  CHECK(column_of(
            {n[0].substr(0, 4) + "-" + n[0].substr(4, 4) + "-" + n[0].substr(8), full_width(n[1])})
            .is_individual_number_column());
  // One that fails beside them (a code column: 9 in 10 fail) keeps it out,
  // and its chance passes are not masked alone either.
  const IndividualNumberColumn codes = column_of({n[0], n[1], typo(n[2])});
  CHECK_FALSE(codes.is_individual_number_column());
  CHECK_FALSE(codes.has_lone_individual_numbers());
  // ... unless the 12-digit values are a few among other text.
  CHECK(column_of({n[0], typo(n[2]), "a", "b", "c", "d"}).has_lone_individual_numbers());
  // A long column decided by the evidence stays a column whatever follows.
  std::vector<std::string> many(n.begin(), n.end());
  std::vector<std::string> more = made_up_numbers(20, 22);
  many.insert(many.end(), more.begin(), more.end());
  many.push_back(typo(more[0]));
  CHECK(column_of(many).is_individual_number_column());
}

TEST_CASE("inum-2.10 short columns of random 12-digit codes are rarely a column, long ones never") {
  // All k distinct codes pass with probability about 10^-k (at most (2/11)^k).
  for (const std::size_t rows : {std::size_t{3}, std::size_t{5}, std::size_t{8}}) {
    std::size_t flagged = 0;
    const std::size_t columns = 20000;
    for (std::size_t c = 0; c < columns; ++c)
      flagged +=
          column_of(random_twelve_digits(rows, 1000 * rows + c)).is_individual_number_column();
    INFO(rows << " rows: " << flagged << " of " << columns);
    CHECK(flagged <= (rows == 3 ? 60 : 2));  // 3 rows: about 20 expected (10⁻³)
  }
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    CHECK_FALSE(column_of(random_twelve_digits(200, seed)).is_individual_number_column());
    CHECK_FALSE(column_of(random_twelve_digits(200, seed)).has_lone_individual_numbers());
  }
}

TEST_CASE("inum-2.11 a value read once: named columns whole, numbers and labelled ones masked") {
  const std::vector<std::string> n = made_up_numbers(2, 23);
  std::string masked;
  IndividualNumberColumn named;
  CHECK(mask_streamed_value(named, true, "1234", masked));
  CHECK(masked == "****");
  CHECK_FALSE(mask_streamed_value(named, true, "なし", masked));
  IndividualNumberColumn notes;
  CHECK(mask_streamed_value(notes, false, n[0], masked));
  CHECK(masked == "************");
  CHECK(mask_streamed_value(notes, false, "個人番号:" + n[1] + " 確認", masked));
  CHECK(masked == "個人番号:************ 確認");
  masked = "untouched";
  CHECK_FALSE(mask_streamed_value(notes, false, typo(n[1]), masked));
  CHECK_FALSE(mask_streamed_value(notes, false, "", masked));
  CHECK(masked == "untouched");
}

TEST_CASE("validate-inum-3.1 one individual-number per column, at its header, values masked") {
  Guarded guarded;
  const Report report = guarded.run();
  const TaskReport& task = report.tasks.at(0);
  INFO(describe(task));
  CHECK_FALSE(task.valid);
  const std::vector<Problem> found = problems_with(task, "individual-number");
  REQUIRE(found.size() == 2);
  CHECK(found[0].row == 1);
  CHECK(found[0].line == 1);
  CHECK(found[0].column == 4);
  CHECK(found[0].field == "番号");
  CHECK(found[0].value.empty());
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].message ==
        "番号 holds 個人番号 (マイナンバー): 24 of its 24 values pass the 個人番号 check digit");
  CHECK(found[1].column == 5);
  CHECK(found[1].field == "マイナンバー");
  CHECK(found[1].message ==
        "マイナンバー holds 個人番号 (マイナンバー): its header names it; 2 of its 2 values pass "
        "the 個人番号 check digit");
  // 会員番号 (random numbers) is not reported; the 個人番号 in 生年月日 and the
  // one used as a header are shown masked.
  const Problem date = problems_with(task, "invalid-format").at(0);
  CHECK(date.field == "生年月日");
  CHECK(date.value == "************");
  bool masked_header = false;
  for (const Problem& problem : problems_with(task, "unknown-column"))
    masked_header = masked_header || problem.field == "************";
  CHECK(masked_header);
  CHECK(task.quality.at(6).field == "************");
  // The full-width number in 氏（英字）: its fix to ASCII digits is masked too.
  const std::vector<Problem> widths = problems_with(task, "wrong-width");
  REQUIRE(widths.size() == 1);
  CHECK(widths[0].value == "************");
  CHECK(widths[0].fix.to == "************");
  guarded.check_nothing_shown(report);
}

TEST_CASE("validate-inum-3.2 skipped, the code is not reported and numbers stay masked") {
  Guarded guarded;
  const Report report = guarded.run({"individual-number"});
  const TaskReport& task = report.tasks.at(0);
  CHECK(problems_with(task, "individual-number").empty());
  CHECK(count_of(task, "individual-number") == 0);
  guarded.check_nothing_shown(report);
}

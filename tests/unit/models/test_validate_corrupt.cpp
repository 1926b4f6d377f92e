// test_validate_corrupt.cpp — validate_files on corrupt and hostile inputs:
// empty files, a header alone, ragged rows, an unterminated quote, invalid
// UTF-8, Shift_JIS, NUL bytes, a huge cell, XML that is not well-formed and
// an entity bomb. Each must give a precise problem, never a crash or a hang.
// room: validate
#include <chrono>

#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;
using gifkit::grammars::Encoding;

namespace {

const std::string kPersonKanaHeader = "氏,名,氏（カナ）,名（カナ）\n";

struct Outcome {
  Report report;
  RecordingSink sink;
  const TaskReport& task() const { return report.tasks.at(0); }
};

// Writes text to a file in a temp dir and validates it.
Outcome validate_text(const std::string& name, const std::string& text,
                      const std::string& model = "gif:Person",
                      Encoding encoding = Encoding::automatic, bool every_code = false,
                      bool allow_empty = false) {
  static ModelCatalog catalog = fresh_catalog();
  TempDir dir;
  const std::filesystem::path path = dir.path() / name;
  write_file(path, text);
  ValidateOptions options;
  options.model = model;
  options.inputs = {path.string()};
  options.reading.encoding = encoding;
  options.gif_xsd = kGifXsd;
  options.allow_empty = allow_empty;
  // Corrupt input is the subject here, not the required patterns of the
  // headers it is written with (validate-1.21).
  if (!every_code) options.skip = {"required-pattern"};
  Outcome outcome;
  outcome.report = validate_files(options, catalog, check_resources(), outcome.sink);
  return outcome;
}

std::vector<Problem> with_code(const TaskReport& task, const std::string& code) {
  return problems_with(task, code);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

}  // namespace

TEST_CASE("validate-corrupt-1.1 an empty file: empty-file, no rows, the gate fails") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  for (const std::string& text :
       {std::string(), std::string("\n\n\r\n"), std::string("\xEF\xBB\xBF")}) {
    const Outcome outcome = validate_text("empty.csv", text);
    const TaskReport& task = outcome.task();
    INFO(describe(task));
    REQUIRE(task.problems.size() == 1);
    CHECK(task.problems[0].code == "empty-file");
    CHECK(task.problems[0].row == 0);
    CHECK(task.problems[0].column == 0);
    CHECK(task.stats.rows == 0);
    CHECK_FALSE(task.valid);
    CHECK_FALSE(outcome.report.valid);
    CHECK_FALSE(report_has_unreadable_input(outcome.report));
    CHECK(outcome.sink.trace() == "begin " + task.path + ";problem " + task.path +
                                      " empty-file;end " + task.path + ";finish");
  }
  // Also for a model without a header row.
  const Outcome headerless = validate_text("empty.csv", "", "nta:houjin-csv");
  CHECK(count_of(headerless.task(), "empty-file") == 1);
}

TEST_CASE(
    "validate-corrupt-1.2 a header alone fails with a no-data-rows error (--allow-empty: a "
    "warning)") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  for (const bool allow_empty : {false, true}) {
    for (const std::string& text :
         {kPersonKanaHeader, std::string("氏,名,氏（カナ）,名（カナ）")}) {
      const Outcome outcome =
          validate_text("header.csv", text, "gif:Person", Encoding::automatic, false, allow_empty);
      const TaskReport& task = outcome.task();
      INFO(describe(task) << " allow_empty " << allow_empty);
      REQUIRE(task.problems.size() == 1);
      const Problem& none = task.problems.front();
      CHECK(none.code == "no-data-rows");
      CHECK(none.severity == (allow_empty ? Severity::warning : Severity::error));
      CHECK((none.row == 1 && none.line == 1 && none.column == 0));
      CHECK(none.message ==
            task.path + ": the header (line 1) has no data rows under it; no value was checked");
      CHECK(task.stats.rows == 0);
      CHECK(task.stats.columns == 4);
      CHECK(task.valid == allow_empty);  // nothing was checked: not a pass unless allowed
    }
  }
  // A required pattern still reports its missing columns on a header alone.
  const Outcome pattern =
      validate_text("header.csv", kPersonKanaHeader, "gif:Person_MP03", Encoding::automatic, true);
  CHECK(count_of(pattern.task(), "required-pattern") == 1);
  CHECK_FALSE(pattern.task().valid);
}

TEST_CASE("validate-corrupt-1.3 ragged rows: malformed-row at the first missing or extra field") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Outcome outcome = validate_text("ragged.csv", kPersonKanaHeader +
                                                          "山田,花子,ヤマダ,ハナコ\n"
                                                          "鈴木,一郎,スズキ\n"
                                                          "佐藤,次郎,サトウ,ジロウ,余分\n"
                                                          "田中\n"
                                                          "伊藤,三郎,イトウ,サブロウ\n");
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  CHECK(task.stats.rows == 5);
  const std::vector<Problem> ragged = with_code(task, "malformed-row");
  REQUIRE(ragged.size() == 3);
  CHECK(ragged[0].row == 3);
  CHECK(ragged[0].line == 3);
  CHECK(ragged[0].column == 4);  // the first missing field
  CHECK(ragged[0].message == "Line 3: the row has 3 fields, the header has 4");
  CHECK(ragged[1].row == 4);
  CHECK(ragged[1].column == 5);  // the first extra field
  CHECK(ragged[2].row == 5);
  CHECK(ragged[2].column == 2);
  CHECK(task.rows_with_errors == 3);
  // The fields that are there are still checked.
  const Outcome checked = validate_text("ragged.csv", kPersonKanaHeader + "山田,花子,やまだ\n");
  CHECK(count_of(checked.task(), "malformed-row") == 1);
  CHECK(count_of(checked.task(), "character-not-allowed") == 1);
}

TEST_CASE("validate-corrupt-1.4 an unterminated quote is malformed; nothing hangs or crashes") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Outcome outcome = validate_text("unterminated.csv", kPersonKanaHeader +
                                                                "山田,花子,ヤマダ,ハナコ\n"
                                                                "\"鈴木,一郎,スズキ,イチロウ\n"
                                                                "佐藤,次郎,サトウ,ジロウ\n");
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  const std::vector<Problem> malformed = with_code(task, "malformed-row");
  REQUIRE_FALSE(malformed.empty());
  CHECK(malformed[0].row == 3);
  CHECK(malformed[0].line == 3);
  CHECK_FALSE(task.valid);
  CHECK(task.stats.rows >= 2);
  CHECK(task.rows_with_errors >= 1);
  // The first row, before the quote, is read and clean.
  for (const Problem& problem : task.problems) CHECK(problem.row != 2);
}

TEST_CASE("validate-corrupt-1.5 invalid UTF-8: encoding-error where it is; later rows checked") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Outcome outcome = validate_text("invalid.csv",
                                        kPersonKanaHeader +
                                            "山田,花子,ヤマダ,ハナコ\n"
                                            "鈴\xFF木,一郎,スズキ,イチロウ\n"
                                            "佐藤,次郎,さとう,ジロウ\n",
                                        "gif:Person", Encoding::utf8);
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  CHECK(task.stats.rows == 3);
  const std::vector<Problem> encoding = with_code(task, "encoding-error");
  REQUIRE(encoding.size() == 1);
  CHECK(encoding[0].row == 3);
  CHECK(encoding[0].line == 3);
  CHECK(encoding[0].column == 1);
  CHECK(encoding[0].field == "氏");
  CHECK_THAT(encoding[0].message, Catch::StartsWith("Line 3, column 2: "));
  // Row 4 is still read and checked.
  const std::vector<Problem> kana = with_code(task, "character-not-allowed");
  REQUIRE(kana.size() == 1);
  CHECK(kana[0].row == 4);
  CHECK(kana[0].suggestion == "サトウ");
  for (const Problem& problem : task.problems) {
    INFO(problem.code);
    CHECK(is_valid_utf8(problem.value));
    CHECK(is_valid_utf8(problem.message));
  }
  // The U+FFFD put in place of the bad byte is not reported as a character of the data.
  CHECK(count_of(task, "character-not-allowed") == 1);
  // Both rows with a problem count against conformity.
  CHECK(task.rows_with_errors == 2);
  CHECK(task.conformity() == Approx(1.0 / 3.0));
  // An encoding error alone makes its row non-conforming.
  const Outcome alone =
      validate_text("alone.csv", kPersonKanaHeader + "鈴\xFF木,一郎,スズキ,イチロウ\n",
                    "gif:Person", Encoding::utf8);
  INFO(describe(alone.task()));
  CHECK(count_of(alone.task(), "encoding-error") == 1);
  CHECK(alone.task().stats.errors == 1);
  CHECK(alone.task().rows_with_errors == 1);
  CHECK(alone.task().conformity() == 0.0);
  CHECK_FALSE(alone.task().valid);
  // ...unless encoding-error is skipped.
  TempDir dir;
  write_file(dir.path() / "alone.csv", kPersonKanaHeader + "鈴\xFF木,一郎,スズキ,イチロウ\n");
  static ModelCatalog catalog = fresh_catalog();
  ValidateOptions options;
  options.model = "gif:Person";
  options.reading.encoding = Encoding::utf8;
  options.inputs = {(dir.path() / "alone.csv").string()};
  options.skip = {"encoding-error"};
  RecordingSink sink;
  const Report skipped = validate_files(options, catalog, check_resources(), sink);
  CHECK(skipped.tasks.at(0).rows_with_errors == 0);
  CHECK(skipped.valid);
}

TEST_CASE("validate-corrupt-1.6 Shift_JIS (CP932) is detected, converted and noted") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  // 氏,名,氏（カナ） / 鈴木,一郎,ｽｽﾞｷ in CP932.
  const std::string sjis =
      "\x8E\x81,\x96\xBC,\x8E\x81\x81i\x83J\x83i\x81j\r\n"
      "\x97\xE9\x96\xD8,\x88\xEA\x98Y,\xBD\xBD\xDE\xB7\r\n";
  const Outcome outcome = validate_text("sjis.csv", sjis);
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  CHECK(task.encoding == "CP932");
  CHECK(count_of(task, "encoding-error") == 0);
  CHECK(count_of(task, "unknown-column") == 0);  // the header was decoded
  const std::vector<Problem> detected = with_code(task, "encoding-detected");
  REQUIRE(detected.size() == 1);
  CHECK(detected[0].severity == Severity::info);
  CHECK(detected[0].row == 0);
  CHECK_THAT(detected[0].message, Catch::Contains("Shift_JIS (CP932)"));
  const std::vector<Problem> width = with_code(task, "wrong-width");
  REQUIRE(width.size() == 1);
  CHECK(width[0].row == 2);
  CHECK(width[0].column == 3);
  CHECK(width[0].value == "ｽｽﾞｷ");
  CHECK(width[0].suggestion == "スズキ");
  CHECK(task.valid);
  // Read as UTF-8 when told so: encoding errors, no note.
  const Outcome forced = validate_text("sjis.csv", sjis, "gif:Person", Encoding::utf8);
  CHECK(count_of(forced.task(), "encoding-error") > 0);
  CHECK(count_of(forced.task(), "encoding-detected") == 0);
  CHECK(forced.task().encoding == "UTF-8");
}

TEST_CASE("validate-corrupt-1.7 NUL bytes are reported, not cut off or crashed on") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const std::string nul("\0", 1);
  const Outcome outcome =
      validate_text("nul.csv", kPersonKanaHeader + "山" + nul + "田,花子,ヤマダ,ハナコ\n" +
                                   "鈴木,一郎,スズキ,イチロウ\n");
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  CHECK(task.stats.rows == 2);
  REQUIRE(task.stats.errors > 0);
  const std::vector<Problem> at_row_2 = [&] {
    std::vector<Problem> found;
    for (const Problem& problem : task.problems)
      if (problem.row == 2) found.push_back(problem);
    return found;
  }();
  REQUIRE(at_row_2.size() == 1);
  CHECK(at_row_2[0].code == "character-not-allowed");
  CHECK(at_row_2[0].column == 1);
  CHECK(at_row_2[0].value == "山" + nul + "田");  // the whole value, not cut at the NUL
  CHECK_THAT(at_row_2[0].message, Catch::Contains("control character"));
  CHECK_FALSE(task.valid);
  // Row 3 is clean.
  for (const Problem& problem : task.problems) CHECK(problem.row != 3);
  // A NUL byte in a patterned field of a headerless model does not match the pattern's prefix.
  const Outcome patterned =
      validate_text("nul-houjin.csv",
                    "1,1010001072706,01" + nul +
                        ",1,2021-07-14,2015-10-05,名称,,301,東京都,文京区,湯島,,13,"
                        "105,1130034,,,,,,,2015-10-05,1,,,,,トウキョウ,0\n",
                    "nta:houjin-csv");
  INFO(describe(patterned.task()));
  CHECK(patterned.task().stats.errors > 0);
  CHECK_FALSE(patterned.task().valid);
}

TEST_CASE("validate-corrupt-1.8 a 100,000-character cell: the value quoted is shortened") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  std::string kanji;
  for (int i = 0; i < 100000; ++i) kanji += "漢";  // 3 bytes each: 200 is no boundary
  std::string letters(100000, 'x');
  const Outcome outcome =
      validate_text("huge.csv", "氏,氏（カナ）,性別\n山田," + kanji + "," + letters + "\n");
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  const std::vector<Problem> kana = with_code(task, "character-not-allowed");
  const std::vector<Problem> code = with_code(task, "not-in-code-list");
  REQUIRE(kana.size() == 1);
  REQUIRE(code.size() == 1);
  for (const Problem& problem : {kana[0], code[0]}) {
    INFO(problem.code);
    CHECK(problem.value.size() <= 200 + std::string("…").size());
    CHECK(problem.value.size() >= 190);
    CHECK_THAT(problem.value, Catch::EndsWith("…"));
    CHECK(is_valid_utf8(problem.value));
    CHECK(problem.message.size() < 1000);
  }
  CHECK(kana[0].value.rfind("漢漢", 0) == 0);
  CHECK(code[0].value.rfind("xxxx", 0) == 0);
  // What the sink saw was shortened too.
  for (const Problem& problem : outcome.sink.problems) CHECK(problem.value.size() < 300);
  // The quality figures still count the cell.
  CHECK(task.quality.at(1).filled == 1);
  CHECK(task.quality.at(1).invalid == 1);
}

TEST_CASE("validate-corrupt-1.9 an XML entity bomb is an xml-error, at once") {
  const auto started = std::chrono::steady_clock::now();
  const std::filesystem::path bomb = kE2eData / "xml_bomb.xml";
  REQUIRE(std::filesystem::exists(bomb));
  static ModelCatalog catalog = fresh_catalog();
  ValidateOptions options;
  options.inputs = {bomb.string()};
  options.gif_xsd = kGifXsd;
  RecordingSink sink;
  const Report report = validate_files(options, catalog, CheckResources{}, sink);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const TaskReport& task = report.tasks.at(0);
  INFO(describe(task));
  CHECK(task.format == "xml");
  const std::vector<Problem> errors = with_code(task, "xml-error");
  REQUIRE_FALSE(errors.empty());
  CHECK_THAT(errors[0].message, Catch::Contains("entity"));
  CHECK(errors[0].line > 0);
  CHECK(errors[0].column == 0);
  CHECK_FALSE(task.valid);
  CHECK(seconds < 2.0);
}

TEST_CASE("validate-corrupt-1.10 XML that is not well-formed: xml-error with its line, unread") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Outcome outcome = validate_text("broken.xml",
                                        "<?xml version=\"1.0\"?>\n"
                                        "<pd:address_MP02 xmlns:pd=\"http://xxx/xxx/gif/xxx\">\n"
                                        "  <pd:prefecture>東京都</pd:city>\n"
                                        "</pd:address_MP02>\n");
  const TaskReport& task = outcome.task();
  INFO(describe(task));
  const std::vector<Problem> errors = with_code(task, "xml-error");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].line == 3);
  // the file, and the place to the character, in the message
  CHECK_THAT(errors[0].message, Catch::Contains("broken.xml: line 3, column "));
  CHECK_FALSE(task.valid);
  // no XML: the file could not be read, so the run exits 2 (issue #56)
  CHECK(report_has_unreadable_input(outcome.report));
  // An empty .xml file is not well-formed either.
  const Outcome empty = validate_text("empty.xml", "");
  CHECK(empty.task().stats.errors > 0);
  CHECK_FALSE(empty.task().valid);
}

TEST_CASE("validate-corrupt-1.11 a named model that knows fewer than half of the columns") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Outcome poor =
      validate_text("members.csv", "氏,趣味,特技,好きな色,会員種別\n山田,読書,料理,青,正\n");
  INFO(describe(poor.task()));
  REQUIRE(count_of(poor.task(), "poor-model-fit") == 1);
  for (const Problem& problem : poor.task().problems) {
    if (problem.code != "poor-model-fit") continue;
    CHECK(problem.severity == Severity::error);  // named, it fails: most columns unchecked
    CHECK((problem.row == 1 && problem.line == 1 && problem.column == 0));
    CHECK(problem.message ==
          "gif:Person recognises 1 of the 5 columns (20%, fewer than half, for a model named "
          "with --model); not its items: 趣味, 特技, 好きな色 and 1 more");
  }
  CHECK_FALSE(poor.task().valid);
  // Half of the columns is a fit; so is a model without a header row.
  const Outcome half = validate_text("members.csv", "氏,名,趣味,特技\n山田,太郎,読書,料理\n");
  CHECK(count_of(half.task(), "poor-model-fit") == 0);
  CHECK(count_of(validate_text("houjin.csv", "1,2,3\n", "nta:houjin-csv").task(),
                 "poor-model-fit") == 0);
}

// test_validate_files.cpp — validate_files, the library function behind
// `gifkit validate`: the ReportSink protocol, problem positions, required
// items and their alternative forms, duplicate keys, pick/skip, max_errors,
// the gate, unreadable inputs, model choice (given, file, automatic,
// headerless), TSV, XML against the official XSD and the quality figures.
// room: validate
#include <algorithm>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

const std::filesystem::path kRepoDir = kModelsDir.parent_path();
const std::filesystem::path kRegistrationModel =
    kRepoDir / "docs" / "examples" / "registration-model.xml";

// Writes files into a temp dir and validates them.
class Fixture {
 public:
  std::string file(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_.path() / name;
    write_file(path, text);
    return path.string();
  }
  std::string missing(const std::string& name) const { return (dir_.path() / name).string(); }

  Report run(ValidateOptions options) {
    sink = RecordingSink();
    return validate_files(options, catalog, check_resources(), sink);
  }
  // The tests of other subjects leave required-pattern out (its own tests,
  // validate-1.4 and 1.21, run with every code).
  Report run(const std::string& model, const std::vector<std::string>& inputs) {
    ValidateOptions options;
    options.model = model;
    options.inputs = inputs;
    options.skip = {"required-pattern"};
    return run(options);
  }
  Report run_every_code(const std::string& model, const std::vector<std::string>& inputs) {
    ValidateOptions options;
    options.model = model;
    options.inputs = inputs;
    return run(options);
  }

  ModelCatalog catalog = fresh_catalog();
  RecordingSink sink;

 private:
  TempDir dir_;
};

ValidateOptions options_for(const std::string& model, const std::string& input) {
  ValidateOptions options;
  options.model = model;
  options.inputs = {input};
  options.skip = {"required-pattern"};  // as Fixture::run
  return options;
}

// The only listed problem with this code; fails when there is not exactly one.
Problem the_problem(const TaskReport& task, const std::string& code) {
  const std::vector<Problem> found = problems_with(task, code);
  INFO(describe(task));
  INFO("code " << code);
  REQUIRE(found.size() == 1);
  return found[0];
}

void check_position(const Problem& problem, std::uint64_t row, std::uint64_t line,
                    std::uint32_t column, const std::string& field) {
  INFO(problem.code << " " << problem.row << ":" << problem.line << ":" << problem.column << " "
                    << problem.field);
  CHECK(problem.row == row);
  CHECK(problem.line == line);
  CHECK(problem.column == column);
  CHECK(problem.field == field);
}

const std::string kPersonSexHeader = "氏,名,性別\n";

}  // namespace

TEST_CASE("validate-1.1 the sink protocol: begin, problems, end per file, finish once") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string a = fixture.file("a.csv", kPersonSexHeader + "山田,花子,2\n");
  const std::string b = fixture.file("b.csv", kPersonSexHeader + "山田,花子,5\n鈴木,一郎,7\n");
  const Report report = fixture.run("gif:Person", {a, b});
  CHECK(fixture.sink.trace() == "begin " + a + ";end " + a + ";begin " + b + ";problem " + b +
                                    " not-in-code-list;problem " + b + " not-in-code-list;end " +
                                    b + ";finish");
  CHECK(fixture.sink.finished_tasks == 2);
  REQUIRE(report.tasks.size() == 2);
  CHECK(report.tasks[0].path == a);
  CHECK(report.tasks[1].path == b);
  // The sink saw the same problems the report lists, with the final statistics at end_task.
  REQUIRE(fixture.sink.problems.size() == report.tasks[1].problems.size());
  for (std::size_t i = 0; i < fixture.sink.problems.size(); ++i) {
    CHECK(fixture.sink.problems[i].code == report.tasks[1].problems[i].code);
    CHECK(fixture.sink.problems[i].row == report.tasks[1].problems[i].row);
    CHECK(fixture.sink.problems[i].message == report.tasks[1].problems[i].message);
  }
  CHECK(fixture.sink.ended_rows == std::vector<std::uint64_t>{1, 2});
  CHECK(fixture.sink.ended_valid == std::vector<bool>{true, false});
  CHECK(report.tasks[1].model == "gif:Person");
  CHECK(report.tasks[1].format == "csv");
  CHECK(report.tasks[1].encoding == "UTF-8");
  CHECK(report.tasks[1].stats.columns == 3);
  CHECK(report.tasks[1].stats.bytes == read_file(b).size());
  // No inputs: only finish.
  const Report none = fixture.run("gif:Person", {});
  CHECK(none.tasks.empty());
  CHECK(none.valid);
  CHECK(fixture.sink.trace() == "finish");
}

TEST_CASE("validate-1.2 positions: row, physical line, column, field, value, message") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  // Row 3 has a quoted remark over two lines: row 4 starts on line 5.
  const std::string path = fixture.file("positions.csv",
                                        "氏,名,性別,備考\r\n"
                                        "山田,花子,5,\r\n"
                                        "鈴木,一郎,1,\"二行の\r\n備考\"\r\n"
                                        "佐藤,次郎,8,\r\n");
  const Report report = fixture.run("gif:Person", {path});
  const TaskReport& task = report.tasks.at(0);
  INFO(describe(task));
  CHECK(task.stats.rows == 3);
  const std::vector<Problem> codes = problems_with(task, "not-in-code-list");
  REQUIRE(codes.size() == 2);
  check_position(codes[0], 2, 2, 3, "性別");
  CHECK(codes[0].value == "5");
  CHECK(codes[0].severity == Severity::error);
  CHECK(codes[0].message == "性別: 5 is not a code of SexCodeList");
  CHECK_THAT(codes[0].suggestion, Catch::StartsWith("one of: 0 不明"));
  check_position(codes[1], 4, 5, 3, "性別");
  CHECK(codes[1].value == "8");
  // The line break inside the remark is a control character in a text item.
  const Problem remark = the_problem(task, "character-not-allowed");
  check_position(remark, 3, 3, 4, "備考");
  CHECK(remark.value == "二行の\r\n備考");
}

TEST_CASE("validate-1.3 header problems: unknown, equivalent, non-standard, duplicate") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string path = fixture.file("header.csv", "姓,セイ,趣味,氏,市区町村（群）\n");
  const TaskReport task = fixture.run("gif:Person", {path}).tasks.at(0);
  INFO(describe(task));
  const Problem equivalent = the_problem(task, "equivalent-item-name");
  check_position(equivalent, 1, 1, 1, "姓");
  CHECK(equivalent.severity == Severity::info);
  CHECK(equivalent.suggestion == "氏");
  CHECK(equivalent.message == "姓 is read as the GIF item 氏");
  const std::vector<Problem> nonstandard = problems_with(task, "non-standard-item-name");
  REQUIRE(nonstandard.size() == 2);
  check_position(nonstandard[0], 1, 1, 2, "セイ");
  CHECK(nonstandard[0].suggestion == "氏（カナ）");
  check_position(nonstandard[1], 1, 1, 5, "市区町村（群）");
  CHECK(nonstandard[1].suggestion == "市区町村（郡）");
  const Problem unknown = the_problem(task, "unknown-column");
  check_position(unknown, 1, 1, 3, "趣味");
  CHECK(unknown.severity == Severity::warning);
  CHECK(unknown.message == "趣味 is not an item of gif:Person");
  const Problem duplicate = the_problem(task, "duplicate-column");
  check_position(duplicate, 1, 1, 4, "氏");
  CHECK(duplicate.message == "氏 appears more than once (also column 1)");
  CHECK(task.stats.errors == 4);    // and no-data-rows: the file is a header
  CHECK(task.stats.warnings == 1);  // unknown-column
  CHECK(problems_with(task, "no-data-rows").size() == 1);
  CHECK(task.stats.infos == 1);
  CHECK_FALSE(task.valid);
}

TEST_CASE("validate-1.4 required items: another form satisfies them (氏名 for 氏 + 名)") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string rest =
      "氏（カナ）,名（カナ）,性別,生年月日,都道府県,市区町村（郡）,町字,番地以下";
  const std::string values = "ヤマダ,ハナコ,2,2000-01-01,東京都,千代田区,霞が関二丁目,1-2";
  // The combined form: no missing column; an empty 氏名 is one missing value.
  const std::string combined = fixture.file(
      "combined.csv", "氏名," + rest + "\n山田 花子," + values + "\n," + values + "\n");
  TaskReport task = fixture.run("gif:Person_MP03", {combined}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(count_of(task, "missing-column") == 0);
    const Problem missing = the_problem(task, "missing-value");
    check_position(missing, 3, 3, 1, "氏名");
    CHECK(missing.message == "氏名 is required but empty");
    CHECK(task.rows_with_errors == 1);
  }
  // The split form.
  const std::string split =
      fixture.file("split.csv", "氏,名," + rest + "\n山田,花子," + values + "\n");
  task = fixture.run("gif:Person_MP03", {split}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(task.problems.empty());
    CHECK(task.valid);
  }
  // Neither form: the pattern lacks 氏 and 名, one required-pattern error on the header row
  // (not a missing-column each).
  const std::string neither = fixture.file("neither.csv", rest + "\n" + values + "\n");
  task = fixture.run_every_code("gif:Person_MP03", {neither}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(problems_with(task, "missing-column").empty());
    const Problem missing = the_problem(task, "required-pattern");
    check_position(missing, 1, 1, 0, "");
    CHECK(missing.suggestion == "add a column 氏");
    CHECK(missing.message == "gif:Person_MP03 (個人の必須パターン3) lacks 氏, 名");
    CHECK(count_of(task, "missing-value") == 0);
    CHECK_FALSE(task.valid);
  }
  // Half of the split form is not a form: 名 is missing, 氏 is there.
  const std::string half = fixture.file("half.csv", "氏," + rest + "\n山田," + values + "\n");
  task = fixture.run_every_code("gif:Person_MP03", {half}).tasks.at(0);
  {
    INFO(describe(task));
    const Problem missing = the_problem(task, "required-pattern");
    CHECK(missing.suggestion == "add a column 名");
  }
  // Empty cells of the split form: one missing value each.
  const std::string empty = fixture.file("empty.csv", "氏,名," + rest + "\n,," + values + "\n");
  task = fixture.run("gif:Person_MP03", {empty}).tasks.at(0);
  {
    INFO(describe(task));
    const std::vector<Problem> missing = problems_with(task, "missing-value");
    REQUIRE(missing.size() == 2);
    check_position(missing[0], 2, 2, 1, "氏");
    check_position(missing[1], 2, 2, 2, "名");
    // 氏名 would have satisfied both, had the file had it.
  }
  // Both forms present: the combined one fills in for an empty split cell.
  const std::string both =
      fixture.file("both.csv", "氏,名,氏名," + rest + "\n山田,,山田 花子," + values + "\n");
  task = fixture.run("gif:Person_MP03", {both}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(count_of(task, "missing-value") == 0);
  }
}

TEST_CASE("validate-1.5 required address: each empty cell is reported once, where it is") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string person = "氏,名,氏（カナ）,名（カナ）,性別,生年月日";
  const std::string values = "山田,花子,ヤマダ,ハナコ,2,2000-01-01";
  // 連結表記 (as 住所) stands for the four address items; empty, it is one missing value.
  const std::string full = fixture.file(
      "full.csv", person + ",住所\n" + values + ",東京都千代田区霞が関2-1-2\n" + values + ",\n");
  TaskReport task = fixture.run("gif:Person_MP03", {full}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(count_of(task, "missing-column") == 0);
    const Problem missing = the_problem(task, "missing-value");
    check_position(missing, 3, 3, 7, "住所");
    CHECK(task.stats.errors == 1);
  }
  // The 3-item form: an empty 町字以下 is reported at 町字以下, not at 都道府県.
  const std::string three = fixture.file(
      "three.csv", person + ",都道府県,市区町村（郡）,町字以下\n" + values +
                       ",東京都,千代田区,霞が関2-1-2\n" + values + ",東京都,千代田区,\n");
  task = fixture.run("gif:Person_MP03", {three}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(count_of(task, "missing-column") == 0);
    const Problem missing = the_problem(task, "missing-value");
    check_position(missing, 3, 3, 9, "町字以下");
  }
}

TEST_CASE("validate-1.6 duplicate-key, and turning it off (skip, check_duplicate_keys)") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string path = fixture.file("keys.csv",
                                        "法人番号,商号または名称\n"
                                        "4000012090001,国税庁\n"
                                        "1010001072706,東京増田医療器株式会社\n"
                                        ",名称だけの行\n"
                                        ",名称だけの行その二\n"
                                        "4000012090001,国税庁（重複）\n");
  TaskReport task = fixture.run("gif:LegalEntity", {path}).tasks.at(0);
  {
    INFO(describe(task));
    const Problem duplicate = the_problem(task, "duplicate-key");
    check_position(duplicate, 6, 6, 1, "法人番号");
    CHECK(duplicate.value == "4000012090001");
    CHECK(duplicate.message == "法人番号: 4000012090001 already appears in row 2");
    CHECK(task.rows_with_errors == 1);
    CHECK_FALSE(task.valid);
  }
  ValidateOptions skip = options_for("gif:LegalEntity", path);
  skip.skip = {"duplicate-key"};
  task = fixture.run(skip).tasks.at(0);
  CHECK(count_of(task, "duplicate-key") == 0);
  CHECK(task.valid);
  CHECK(task.rows_with_errors == 0);
  ValidateOptions off = options_for("gif:LegalEntity", path);
  off.check_duplicate_keys = false;
  task = fixture.run(off).tasks.at(0);
  CHECK(count_of(task, "duplicate-key") == 0);
  CHECK(task.valid);
}

TEST_CASE("validate-1.7 pick and skip filter problems, counts and the gate") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  // Row 2: a check digit; row 3: a date in 和暦 and half-width digits in 商号.
  const std::string path = fixture.file("corps.csv",
                                        "法人番号,商号または名称,設立年月日,趣味\n"
                                        "4000012090002,国税庁,2001-01-06,\n"
                                        "1010001072706,株式会社GIF,令和6年4月18日,\n");
  ValidateOptions pick = options_for("gif:LegalEntity", path);
  pick.pick = {"invalid-check-digit"};
  TaskReport task = fixture.run(pick).tasks.at(0);
  {
    INFO(describe(task));
    REQUIRE(task.problems.size() == 1);
    CHECK(task.problems[0].code == "invalid-check-digit");
    CHECK(task.counts_by_code.size() == 1);
    CHECK(task.stats.warnings == 0);
    CHECK(task.rows_with_errors == 1);
    CHECK(fixture.sink.problems.size() == 1);
  }
  ValidateOptions skip = options_for("gif:LegalEntity", path);
  skip.skip = {"invalid-check-digit", "invalid-format"};
  task = fixture.run(skip).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(count_of(task, "invalid-check-digit") == 0);
    CHECK(count_of(task, "invalid-format") == 0);
    CHECK(count_of(task, "wrong-width") == 1);
    CHECK(count_of(task, "unknown-column") == 1);
    CHECK(task.stats.errors == 0);
    CHECK(task.valid);
    // Skipped errors do not make rows non-conforming either.
    CHECK(task.rows_with_errors == 0);
    CHECK(task.conformity() == 1.0);
  }
  // A file that cannot be read is reported whatever is picked.
  ValidateOptions unreadable = options_for("gif:LegalEntity", fixture.missing("none.csv"));
  unreadable.pick = {"invalid-format"};
  task = fixture.run(unreadable).tasks.at(0);
  CHECK(count_of(task, "file-error") == 1);
  CHECK_FALSE(task.valid);
}

TEST_CASE("validate-1.8 max_errors lists the first problems; the counts cover the whole file") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  std::string text = kPersonSexHeader;
  for (int i = 0; i < 5; ++i) text += "山田,花子,5\n";
  const std::string path = fixture.file("many.csv", text);
  ValidateOptions options = options_for("gif:Person", path);
  options.max_errors = 2;
  const TaskReport task = fixture.run(options).tasks.at(0);
  INFO(describe(task));
  REQUIRE(task.problems.size() == 2);
  CHECK(task.problems[0].row == 2);
  CHECK(task.problems[1].row == 3);
  CHECK(task.truncated);
  CHECK(count_of(task, "not-in-code-list") == 5);
  CHECK(task.stats.errors == 5);
  CHECK(task.rows_with_errors == 5);
  CHECK(fixture.sink.problems.size() == 2);
  CHECK_FALSE(task.valid);
  // Without a limit nothing is truncated.
  options.max_errors = 0;
  const TaskReport all = fixture.run(options).tasks.at(0);
  CHECK(all.problems.size() == 5);
  CHECK_FALSE(all.truncated);
}

TEST_CASE("validate-1.9 fail_on: warnings pass the error gate and fail the warning gate") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string warned = fixture.file("warned.csv", "氏,氏（カナ）\n山田,ﾔﾏﾀﾞ\n");
  const std::string clean = fixture.file("clean.csv", "氏,氏（カナ）\n山田,ヤマダ\n");
  ValidateOptions options;
  options.model = "gif:Person";
  options.inputs = {warned, clean};
  options.skip = {"required-pattern"};  // as Fixture::run
  Report report = fixture.run(options);
  REQUIRE(report.tasks.size() == 2);
  CHECK(report.tasks[0].stats.warnings == 1);
  CHECK(report.tasks[0].stats.errors == 0);
  CHECK(report.tasks[0].valid);
  CHECK(report.valid);
  options.gate.fail_on = Severity::warning;
  report = fixture.run(options);
  CHECK_FALSE(report.tasks[0].valid);
  CHECK(report.tasks[1].valid);
  CHECK_FALSE(report.valid);
  CHECK(fixture.sink.ended_valid == std::vector<bool>{false, true});
  // An info note never fails a gate.
  const std::string noted = fixture.file("noted.csv", "姓\n山田\n");
  options.inputs = {noted};
  report = fixture.run(options);
  CHECK(report.tasks[0].stats.infos == 1);
  CHECK(report.valid);
}

TEST_CASE("validate-1.10 the gate is per file; report.valid needs every file valid") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string good = fixture.file("good.csv", kPersonSexHeader + "山田,花子,2\n");
  const std::string bad = fixture.file("bad.csv", kPersonSexHeader + "山田,花子,3\n");
  Report report = fixture.run("gif:Person", {good, bad, good});
  REQUIRE(report.tasks.size() == 3);
  CHECK(report.tasks[0].valid);
  CHECK_FALSE(report.tasks[1].valid);
  CHECK(report.tasks[2].valid);
  CHECK_FALSE(report.valid);
  CHECK_FALSE(report_has_unreadable_input(report));
  report = fixture.run("gif:Person", {good, good});
  CHECK(report.valid);
}

TEST_CASE("validate-1.11 an unreadable file is a file-error; the other files are still checked") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string missing = fixture.missing("no-such-file.csv");
  const std::string bad = fixture.file("bad.csv", kPersonSexHeader + "山田,花子,3\n");
  const Report report = fixture.run("gif:Person", {missing, bad});
  REQUIRE(report.tasks.size() == 2);
  const Problem error = the_problem(report.tasks[0], "file-error");
  check_position(error, 0, 0, 0, "");
  CHECK_THAT(error.message, Catch::StartsWith(missing + ": cannot open: "));
  CHECK_THAT(error.message, Catch::Contains("No such file"));
  CHECK_FALSE(report.tasks[0].valid);
  CHECK(report.tasks[0].stats.rows == 0);
  CHECK(count_of(report.tasks[1], "not-in-code-list") == 1);
  CHECK_FALSE(report.valid);
  CHECK(report_has_unreadable_input(report));
  CHECK(fixture.sink.trace() == "begin " + missing + ";problem " + missing + " file-error;end " +
                                    missing + ";begin " + bad + ";problem " + bad +
                                    " not-in-code-list;end " + bad + ";finish");
  // A file with data problems only is not unreadable.
  CHECK_FALSE(report_has_unreadable_input(fixture.run("gif:Person", {bad})));
}

TEST_CASE("validate-1.12 a directory given as an input is a file-error") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string any = fixture.file("sub/a.csv", kPersonSexHeader);
  const std::string directory = std::filesystem::path(any).parent_path().string();
  const Report report = fixture.run("gif:Person", {directory});
  const TaskReport& task = report.tasks.at(0);
  INFO(describe(task));
  CHECK(count_of(task, "file-error") == 1);
  CHECK(count_of(task, "empty-file") == 0);
  CHECK(report_has_unreadable_input(report));
  CHECK_FALSE(report.valid);
}

TEST_CASE("validate-1.13 an unknown model or a broken model file throws ValidateFailure") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string data = fixture.file("a.csv", kPersonSexHeader + "山田,花子,2\n");
  try {
    fixture.run("gif:NoSuch", {data});
    FAIL("no ValidateFailure");
  } catch (const ValidateFailure& failure) {
    CHECK_THAT(failure.message, Catch::StartsWith("unknown model gif:NoSuch"));
  }
  CHECK(fixture.sink.calls.empty());  // nothing was started
  const std::string broken = (kE2eData / "broken_model.xml").string();
  try {
    fixture.run(broken, {data});
    FAIL("no ValidateFailure");
  } catch (const ValidateFailure& failure) {
    CHECK_THAT(failure.message, Catch::StartsWith("cannot load model " + broken));
    CHECK_THAT(failure.message, Catch::Contains("broken_model.xml:"));
  }
  CHECK(fixture.sink.calls.empty());
  CHECK_THROWS_AS(fixture.run(fixture.missing("no-such-model.xml"), {data}), ValidateFailure);
}

TEST_CASE("validate-1.14 a user's model file (docs/examples/registration-model.xml)") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string split = fixture.file(
      "service1.csv",
      "姓,名,姓（カナ）,名（カナ）,都道府県,市区町村（郡）,町字,番地以下,建物名等（方書）,登録日\n"
      "出樽,太郎,デジタル,タロウ,東京都,千代田区,紀尾井町,１－３,紀尾井タワー19階,2024-04-18\n");
  const std::string combined =
      fixture.file("service2.csv",
                   "氏名,氏名（フリガナ）,住所,登録日\n"
                   "出樽 太郎,デジタル タロウ,東京都千代田区紀尾井町1-3,2024-04-18\n");
  const std::string undated = fixture.file("undated.csv", "氏名,氏名（フリガナ）,住所\n");
  ValidateOptions options;
  options.model = kRegistrationModel.string();
  options.inputs = {split, combined, undated};
  const Report report = fixture.run(options);
  REQUIRE(report.tasks.size() == 3);
  for (const TaskReport& task : report.tasks) {
    CHECK(task.model == "example:Registration");
    // The held 住所 has registry rules: run without --registry, they are skipped.
    CHECK(task.model_note.starts_with("given; registry rules skipped (no --registry)"));
  }
  // 出樽 is no name the dictionaries know (出路 is: ENAMDICT reads it デジ, デミチ): デジタル is
  // not checked, never a mismatch; 太郎 タロウ is plausible (the dictionary's own note when it is
  // not installed).
  const std::string readings = gifkit::grammars::default_name_readings() != nullptr
                                   ? "not checked (names the dictionary does not know)"
                                   : "not checked (names the dictionary does not know) — no name";
  CHECK(report.tasks[0].model_note.find(
            "; name readings of 2 pairs: 1 plausible, 0 mismatched, 1 " + readings) !=
        std::string::npos);
  CHECK(report.tasks[1].model_note.find("; name readings of 1 pair: 0 plausible, 0 mismatched, "
                                        "1 " +
                                        readings) != std::string::npos);
  CHECK(report.tasks[2].model_note == "given; registry rules skipped (no --registry)");
  {
    const TaskReport& task = report.tasks[0];
    INFO(describe(task));
    CHECK(count_of(task, "equivalent-item-name") == 2);
    CHECK(count_of(task, "missing-column") == 0);
    CHECK(count_of(task, "unknown-column") == 0);
    check_position(the_problem(task, "wrong-width"), 2, 2, 8, "番地以下");
    CHECK(task.valid);
  }
  {
    const TaskReport& task = report.tasks[1];
    INFO(describe(task));
    CHECK(task.stats.errors == 0);
    CHECK(task.valid);
  }
  {
    const TaskReport& task = report.tasks[2];
    INFO(describe(task));
    CHECK(the_problem(task, "missing-column").suggestion == "add a column 登録日");
    CHECK_FALSE(task.valid);
  }
  // The catalog now holds the model; validating with it again works the same.
  CHECK(fixture.catalog.find("example:Registration") != nullptr);
  const Report again = fixture.run(options);
  CHECK(again.tasks.at(0).model == "example:Registration");
  CHECK(again.tasks.at(1).valid);
  // ...also by its id.
  CHECK(fixture.run("example:Registration", {combined}).valid);
  // The file of a shipped model names that model.
  const Report shipped = fixture.run((kModelsDir / "gif" / "Person.xml").string(), {combined});
  CHECK(shipped.tasks.at(0).model == "gif:Person");
}

TEST_CASE("validate-1.15 the model is picked by header when none is given") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string person = fixture.file("person.csv", "氏,名,趣味\n山田,花子,読書\n");
  const std::string legal = fixture.file(
      "legal.csv", "法人番号,商号または名称,登記住所_都道府県\n4000012090001,国税庁,東京都\n");
  const Report report = fixture.run("", {person, legal});
  REQUIRE(report.tasks.size() == 2);
  CHECK(report.tasks[0].model == "gif:Person");
  // Every release has 個人 and 法人 (models/gif2022, models/gif2024): these headers fit all alike.
  const std::string releases =
      "GIF release 2026 (the header fits releases 2022, 2024 and 2026 alike: releases 2022 and "
      "2024 require items it lacks, so this one is checked; --gif-version picks another)";
  CHECK(report.tasks[0].model_note == "auto: 2 of 3 columns recognised; " + releases);
  CHECK(report.tasks[1].model == "gif:LegalEntity");
  CHECK(report.tasks[1].model_note == "auto: 3 of 3 columns recognised; " + releases +
                                          "; registry rules skipped (no --registry)");
  // Patterns and headerless models are never picked.
  for (const TaskReport& task : report.tasks) {
    const Model* model = fixture.catalog.find(task.model);
    REQUIRE(model != nullptr);
    CHECK_FALSE(model->is_pattern);
    CHECK(model->has_header);
  }
}

TEST_CASE("validate-1.16 a headerless model (nta:houjin-csv): the first record is row 1") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  // Two records of the NTA's published diff file, then one with process 5 (not a 処理区分).
  const std::string path = fixture.file(
      "houjin.csv",
      "1,1010001072706,01,1,2021-07-14,2015-10-05,\"東京増田医療器株式会社\",,301,\"東京都\","
      "\"文京区\",\"湯島２丁目６番２号\",,13,105,1130034,,,,,,,2015-10-05,1,,,,,"
      "\"トウキョウマスダイリョウキ\",0\n"
      "2,1010001097199,12,0,2021-07-14,2021-07-01,\"株式会社ＭＣＡホールディングス\",,301,"
      "\"東京都\",\"中央区\",\"銀座７丁目１０番１６号\",,13,102,1040061,,,,,,,2015-10-05,1,,,,,"
      "\"エムシーエーホールディングス\",0\n"
      "3,4000012090001,5,0,2021-07-14,2021-07-01,\"国税庁\",,101,\"東京都\",\"千代田区\","
      "\"霞が関３丁目１－１\",,13,101,1008978,,,,,,,2015-10-05,1,,,,,\"コクゼイチョウ\",0\n");
  const TaskReport task = fixture.run("nta:houjin-csv", {path}).tasks.at(0);
  INFO(describe(task));
  CHECK(task.model == "nta:houjin-csv");
  CHECK_THAT(task.model_note, Catch::Contains("no header row"));
  CHECK(task.stats.rows == 3);
  CHECK(task.stats.columns == 30);
  REQUIRE(task.problems.size() == 1);
  const Problem& process = task.problems[0];
  CHECK(process.code == "invalid-format");
  check_position(process, 3, 3, 3, "処理区分");
  CHECK(process.value == "5");
  CHECK_THAT(process.message, Catch::Contains("pattern"));
  CHECK(count_of(task, "unknown-column") == 0);
  REQUIRE(task.quality.size() == 30);
  CHECK(task.quality[0].field == "一連番号");
  CHECK(task.quality[0].item == "sequenceNumber");
  CHECK(task.quality[0].filled == 3);
  CHECK(task.quality[2].invalid == 1);
  // A ragged headerless row is measured against the model's 30 fields.
  const std::string short_row = fixture.file("short.csv", "1,1010001072706,01\n");
  const TaskReport ragged = fixture.run("nta:houjin-csv", {short_row}).tasks.at(0);
  INFO(describe(ragged));
  check_position(the_problem(ragged, "malformed-row"), 1, 1, 4, "");
}

TEST_CASE("validate-1.17 TSV by extension, and the delimiter option") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string tsv = fixture.file("people.tsv", "氏\t名\t性別\n山田\t花子\t5\n");
  TaskReport task = fixture.run("gif:Person", {tsv}).tasks.at(0);
  {
    INFO(describe(task));
    CHECK(task.format == "tsv");
    CHECK(task.stats.columns == 3);
    check_position(the_problem(task, "not-in-code-list"), 2, 2, 3, "性別");
  }
  const std::string tab = fixture.file("people.tab", "氏\t名\n山田\t花子\n");
  CHECK(fixture.run("gif:Person", {tab}).tasks.at(0).format == "tsv");
  // The same tabs in a .csv file: one column, an unknown header.
  const std::string csv = fixture.file("tabs.csv", "氏\t名\t性別\n山田\t花子\t5\n");
  task = fixture.run("gif:Person", {csv}).tasks.at(0);
  CHECK(task.format == "csv");
  CHECK(task.stats.columns == 1);
  CHECK(count_of(task, "unknown-column") == 1);
  // ...unless the delimiter is given.
  ValidateOptions options = options_for("gif:Person", csv);
  options.reading.delimiter = '\t';
  task = fixture.run(options).tasks.at(0);
  CHECK(task.format == "tsv");
  CHECK(task.stats.columns == 3);
  CHECK(count_of(task, "not-in-code-list") == 1);
  const std::string semicolons = fixture.file("semi.csv", "氏;名;性別\n山田;花子;5\n");
  options = options_for("gif:Person", semicolons);
  options.reading.delimiter = ';';
  task = fixture.run(options).tasks.at(0);
  CHECK(task.format == "csv");
  CHECK(task.stats.columns == 3);
  CHECK(count_of(task, "not-in-code-list") == 1);
}

TEST_CASE("validate-1.18 XML instances are validated against the official XSD") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  REQUIRE(std::filesystem::exists(kGifXsd));
  Fixture fixture;
  ValidateOptions options;
  options.gif_xsd = kGifXsd;
  options.model = "gif:Person";  // a model is for CSV; XML goes by the XSD
  options.inputs = {(kE2eData / "address_mp02_valid.xml").string(),
                    (kE2eData / "address_mp02_invalid.xml").string()};
  const Report report = fixture.run(options);
  REQUIRE(report.tasks.size() == 2);
  const TaskReport& valid = report.tasks[0];
  {
    INFO(describe(valid));
    CHECK(valid.format == "xml");
    CHECK(valid.model == "GIF_Core_DataModel.xsd");
    CHECK(valid.problems.empty());
    CHECK(valid.valid);
  }
  const TaskReport& invalid = report.tasks[1];
  {
    INFO(describe(invalid));
    const std::vector<Problem> violations = problems_with(invalid, "schema-violation");
    REQUIRE_FALSE(violations.empty());
    CHECK(violations[0].line > 0);
    CHECK(violations[0].row == 0);
    CHECK(violations[0].column == 0);
    CHECK_THAT(violations[0].message, Catch::StartsWith("Line "));
    CHECK_FALSE(invalid.valid);
  }
  CHECK_FALSE(report.valid);
  CHECK_FALSE(report_has_unreadable_input(report));
  // An XML file without the extension is recognised by its declaration.
  const std::string renamed =
      fixture.file("address.dat", read_file(kE2eData / "address_mp02_invalid.xml"));
  options.inputs = {renamed};
  CHECK(fixture.run(options).tasks.at(0).format == "xml");
  // Without the XSD the file cannot be checked: a file-error naming the option.
  options.gif_xsd = fixture.missing("no.xsd");
  const Report no_xsd = fixture.run(options);
  CHECK_THAT(the_problem(no_xsd.tasks.at(0), "file-error").message, Catch::Contains("--gif-xsd"));
  CHECK(report_has_unreadable_input(no_xsd));
}

TEST_CASE("validate-1.19 quality: filled and invalid per column, completeness, conformity") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string path = fixture.file("quality.csv",
                                        "氏,氏（カナ）,趣味\n"
                                        "山田,ヤマダ,読書\n"
                                        "鈴木,すずき,\n"
                                        ",ｻﾄｳ,囲碁\n"
                                        "田中,,\n");
  TaskReport task = fixture.run("gif:Person", {path}).tasks.at(0);
  INFO(describe(task));
  REQUIRE(task.quality.size() == 3);
  CHECK(task.quality[0].field == "氏");
  CHECK(task.quality[0].item == "familyName");
  CHECK(task.quality[0].filled == 3);
  CHECK(task.quality[0].invalid == 0);
  CHECK(task.quality[1].item == "familyNameKana");
  CHECK(task.quality[1].filled == 3);
  CHECK(task.quality[1].invalid == 2);  // すずき (error) and ｻﾄｳ (warning)
  CHECK(task.quality[2].field == "趣味");
  CHECK(task.quality[2].item.empty());
  CHECK(task.quality[2].filled == 2);
  CHECK(task.stats.rows == 4);
  // Only mapped columns count: (3 + 3) / (4 rows × 2 columns).
  CHECK(task.completeness() == Approx(0.75));
  // One row (すずき) has an error; ｻﾄｳ is only a warning.
  CHECK(task.rows_with_errors == 1);
  CHECK(task.conformity() == Approx(0.75));
  // A skipped code leaves both the column and the row clean.
  ValidateOptions options = options_for("gif:Person", path);
  options.skip = {"character-not-allowed"};
  task = fixture.run(options).tasks.at(0);
  CHECK(task.quality[1].invalid == 1);
  CHECK(task.rows_with_errors == 0);
  CHECK(task.conformity() == 1.0);
  // Nothing to judge: both figures are 1.
  const std::string header_only = fixture.file("header.csv", "氏,氏（カナ）\n");
  task = fixture.run("gif:Person", {header_only}).tasks.at(0);
  CHECK(task.completeness() == 1.0);
  CHECK(task.conformity() == 1.0);
}

TEST_CASE("validate-1.20 keep_problems off: the sink gets every problem, the report none") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string path =
      fixture.file("many.csv", kPersonSexHeader + "山田,花子,5\n鈴木,一郎,6\n");
  ValidateOptions options = options_for("gif:Person", path);
  options.keep_problems = false;
  const Report report = fixture.run(options);
  const TaskReport& task = report.tasks.at(0);
  CHECK(task.problems.empty());
  CHECK(fixture.sink.problems.size() == 2);
  CHECK(count_of(task, "not-in-code-list") == 2);
  CHECK(task.stats.errors == 2);
  CHECK(task.rows_with_errors == 2);
  CHECK_FALSE(task.valid);
  CHECK_FALSE(report.valid);
}

TEST_CASE("validate-1.21 required patterns: the ones satisfied, the closest, a pattern named") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Fixture fixture;
  const std::string mp03 =
      fixture.file("mp03.csv",
                   "氏,名,氏（カナ）,名（カナ）,性別,生年月日,住所\n"
                   "山田,花子,ヤマダ,ハナコ,2,2000-01-01,東京都千代田区霞が関1-3-1\n");
  const std::string names = fixture.file("names.csv", "氏名,性別\n山田 花子,2\n");
  // The class: MP03 is satisfied (said in the note, no finding).
  Report report = fixture.run_every_code("gif:Person", {mp03});
  CHECK(problems_with(report.tasks.at(0), "required-pattern").empty());
  CHECK(report.tasks[0].model_note.find(
            "the header satisfies gif:Person_MP03 (個人の必須パターン3)") != std::string::npos);
  CHECK(report.tasks[0].valid);
  // The class, no pattern satisfied: one warning naming the closest (MP02: ID群 and the two
  // カナ; 氏名 stands for 氏 + 名) and what it lacks — no missing-column.
  report = fixture.run_every_code("gif:Person", {names});
  Problem warning = the_problem(report.tasks.at(0), "required-pattern");
  CHECK(warning.severity == Severity::warning);
  CHECK(warning.message ==
        "no required pattern of 個人 is satisfied: the closest, gif:Person_MP02 "
        "(個人の必須パターン2), lacks ID群, 氏（カナ）, 名（カナ）");
  CHECK(warning.suggestion == "add a column ID群");
  CHECK(problems_with(report.tasks[0], "missing-column").empty());
  CHECK(report.tasks[0].valid);  // a warning
  // A pattern named and not satisfied: one error, naming the pattern the header satisfies.
  report = fixture.run_every_code("gif:Person_MP01", {mp03});
  Problem error = the_problem(report.tasks.at(0), "required-pattern");
  CHECK(error.severity == Severity::error);
  check_position(error, 1, 1, 0, "");
  CHECK(error.message ==
        "gif:Person_MP01 (個人の必須パターン1) lacks ID群, 氏（英字）, 名（英字）; the header "
        "satisfies gif:Person_MP03 (個人の必須パターン3)");
  CHECK(problems_with(report.tasks[0], "missing-column").empty());
  CHECK_FALSE(report.tasks[0].valid);
  // A pattern named and satisfied: nothing to say.
  report = fixture.run_every_code("gif:Person_MP03", {mp03});
  CHECK(problems_with(report.tasks.at(0), "required-pattern").empty());
  CHECK(report.tasks[0].valid);
}

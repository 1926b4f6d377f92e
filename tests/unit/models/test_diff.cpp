// test_diff.cpp — the diff engine (models/engine/diff) on small files
// written here: rows added, removed, changed and fold-only, in NEW's order
// with each removed row where it stood; the key from the model or --key;
// columns added, removed, renamed by item and by values, reordered; a key on
// two rows and an empty key reported, a key empty in every row replaced by
// a fallback key; the same answer when the row indexes
// are sorted on disk; and the failures (a key no file has, a missing file).
// room: diff
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "model_test_support.hpp"
#include "models/engine/diff/diff.hpp"
#include "models/engine/diff/value_folds.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

struct Collected : DiffSink {
  DiffLayout layout;
  std::vector<RowDiff> rows;
  std::vector<DiffProblem> problems;
  DiffSummary summary;
  bool all = false;
  void begin(const DiffLayout& l) override { layout = l; }
  bool wants_same_rows() const override { return all; }
  void row(const RowDiff& r) override { rows.push_back(r); }
  void problem(const DiffProblem& p) override { problems.push_back(p); }
  void end(const DiffSummary& s) override { summary = s; }

  // "added 5", "removed 3", "changed 2→2 名称: a → b", …
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const RowDiff& r : rows) {
      std::string line = std::string(row_change_name(r.change)) + " " +
                         (r.old_row ? std::to_string(r.old_row) : "") +
                         (r.old_row && r.new_row ? "→" : "") +
                         (r.new_row ? std::to_string(r.new_row) : "");
      for (const CellDiff& c : r.cells)
        line += " " + layout.columns[c.column].name + ": " + c.old_value + " → " + c.new_value;
      out.push_back(line);
    }
    return out;
  }
};

ModelCatalog& catalog() {
  static ModelCatalog loaded = [] {
    ModelCatalog c;
    std::vector<ModelLoadError> errors;
    c.load_directory(kModelsDir, errors);
    return c;
  }();
  return loaded;
}

Collected diff(DiffOptions options) {
  Collected sink;
  run_diff(options, catalog(), sink);
  return sink;
}

DiffOptions options(const std::string& old_path, const std::string& new_path) {
  DiffOptions o;
  o.old_path = old_path;
  o.new_path = new_path;
  return o;
}

constexpr const char* kOld =
    "法人番号,商号または名称,郵便番号\n"
    "7000012050002,国税庁,1008978\n"
    "4000012090001,ＧＩＦ株式会社,1008926\n"
    "2000012010019,デジタル庁,1020094\n"
    "5010001000001,㈱山田商店,1130001\n"
    "9010001000002,鈴木商事株式会社,1130002\n";

// The options of a diff of kOld, written as old.csv, with new_text, written as new.csv.
DiffOptions against_old(const TempDir& files, const std::string& new_text) {
  return options(files.write("old.csv", kOld), files.write("new.csv", new_text));
}

}  // namespace

TEST_CASE("diff-1.1 rows added, removed, changed in NEW's order; the model's key") {
  const TempDir files;
  const DiffOptions changed = against_old(files,
                                          "法人番号,商号または名称,郵便番号\n"
                                          "7000012050002,国税庁,1008978\n"
                                          "2000012010019,デジタル庁,1020095\n"
                                          "8000012010020,新しい庁,1000001\n"
                                          "5010001000001,株式会社山田商店,1130001\n"
                                          "9010001000002,鈴木商事株式会社,1130002\n");
  const Collected result = diff(changed);
  CHECK(result.layout.model == "gif:LegalEntity");
  REQUIRE(result.layout.key_columns.size() == 1);
  CHECK(result.layout.columns[result.layout.key_columns[0]].name == "法人番号");
  CHECK(result.lines() == std::vector<std::string>{
                              "removed 3",  // after 国税庁, where it stood
                              "changed 4→3 郵便番号: 1020094 → 1020095",
                              "added 4",
                              "changed 5→5 商号または名称: ㈱山田商店 → 株式会社山田商店",
                          });
  CHECK(result.summary.same == 2);
  CHECK(result.summary.changed == 2);
  CHECK(result.summary.added == 1);
  CHECK(result.summary.removed == 1);
  CHECK_FALSE(result.summary.equal());
  CHECK(result.rows[0].key == std::vector<std::string>{"4000012090001"});
  // The same file twice: equal.
  const Collected same = diff(options(changed.old_path, changed.old_path));
  CHECK(same.rows.empty());
  CHECK(same.summary.equal());
  CHECK(same.summary.same == 5);
}

TEST_CASE("diff-1.2 folds: a difference a fold removes is fold_only, not a change") {
  const TempDir files;
  const DiffOptions unfolded = against_old(files,
                                           "法人番号,商号または名称,郵便番号\n"
                                           "7000012050002,国税庁,1008978\n"
                                           "4000012090001,GIF株式会社,1008926\n"
                                           "2000012010019,デジタル庁,1020094\n"
                                           "5010001000001,株式会社山田商店,1130001\n"
                                           "9010001000002,鈴木商事株式会社,1130003\n");
  DiffOptions o = unfolded;
  o.folds = *parse_folds("width,legal-form");
  const Collected result = diff(o);
  CHECK(result.lines() == std::vector<std::string>{
                              "fold_only 3→3 商号または名称: ＧＩＦ株式会社 → GIF株式会社",
                              "fold_only 5→5 商号または名称: ㈱山田商店 → 株式会社山田商店",
                              "changed 6→6 郵便番号: 1130002 → 1130003",
                          });
  CHECK(result.rows[0].cells[0].fold_only);
  CHECK(result.summary.fold_only == 2);
  CHECK(result.summary.changed == 1);
  // Without folds they are changes.
  CHECK(diff(unfolded).summary.changed == 3);
  CHECK(apply_folds(*parse_folds("all"), "（株）ﾔﾏﾀﾞ　１－３") == "株式会社ヤマダ 1-3");
  CHECK_FALSE(parse_folds("width,case").has_value());
}

TEST_CASE("diff-1.3 columns: renamed by item and by values, added, removed, reordered") {
  const TempDir files;
  // Ten corporations; メモ becomes 備考 with one value of ten changed (90 % agree).
  std::string old_text = "法人番号,商号,郵便番号,メモ\n";
  std::string new_text = "郵便番号,法人番号,商号または名称,備考,電話\n";
  const char* numbers[] = {"7000012050002", "4000012090001", "2000012010019", "5010001000001",
                           "9010001000002", "8000012010020", "1000012010018", "3000012010017",
                           "6000012010016", "5000012010014"};
  for (int i = 0; i < 10; ++i) {
    const std::string n = numbers[i], memo = "m" + std::to_string(i);
    old_text += n + ",名" + std::to_string(i) + ",100000" + std::to_string(i) + "," + memo + "\n";
    new_text += "100000" + std::to_string(i) + "," + n + ",名" + std::to_string(i) + "," +
                (i == 3 ? memo + "x" : memo) + ",\n";
  }
  const std::string old_path = files.write("old.csv", old_text);
  const std::string new_path = files.write("new.csv", new_text);
  const Collected result = diff(options(old_path, new_path));
  std::vector<std::string> columns;
  for (const DiffColumn& c : result.layout.columns)
    columns.push_back(c.name + ":" + std::string(column_change_name(c.change)) +
                      (c.renamed_by.empty() ? "" : "/" + c.renamed_by) +
                      (c.old_name != c.name && !c.old_name.empty() ? "<" + c.old_name : "") +
                      (c.moved ? "*" : ""));
  CHECK(columns == std::vector<std::string>{"郵便番号:same*", "法人番号:same",
                                            "商号または名称:renamed/item<商号",
                                            "備考:renamed/values<メモ", "電話:added"});
  CHECK(result.layout.reordered);
  CHECK(result.lines() == std::vector<std::string>{"changed 5→5 備考: m3 → m3x"});
  CHECK(result.summary.columns_renamed == 2);
  CHECK(result.summary.columns_added == 1);
  CHECK_FALSE(result.summary.equal());
}

TEST_CASE("diff-1.4 a key on two rows and an empty key are reported, never merged silently") {
  const TempDir files;
  const std::string old_path = files.write("old.csv",
                                           "ID,名称\n"
                                           "A1,一\n"
                                           "A1,二\n"
                                           ",空\n"
                                           "B2,三\n");
  const std::string new_path = files.write("new.csv",
                                           "ID,名称\n"
                                           "A1,一\n"
                                           "A1,弐\n"
                                           ",空\n"
                                           ",別\n"
                                           "B2,三\n");
  DiffOptions o = options(old_path, new_path);
  o.key = {"ID"};
  const Collected result = diff(o);
  // A1's rows paired in the order they stand; the empty keys matched only by identical rows.
  CHECK(result.lines() == std::vector<std::string>{"changed 3→3 名称: 二 → 弐", "added 5"});
  std::vector<std::string> problems;
  for (const DiffProblem& p : result.problems)
    problems.push_back(p.code + " " + std::to_string(p.row));
  // As they were found: the empty keys while reading (OLD, then NEW), the keys on
  // two rows while matching.
  CHECK(problems == std::vector<std::string>{"empty-key 4", "empty-key 4", "empty-key 5",
                                             "duplicate-key 2", "duplicate-key 2"});
  CHECK(result.summary.duplicate_keys == 2);
  CHECK(result.summary.empty_keys == 3);
  CHECK_THAT(result.problems[3].message, Catch::Contains("ID A1 stands on rows 2, 3"));
}

TEST_CASE("diff-1.5 the same answer with the row indexes sorted on disk") {
  const TempDir files;
  std::string old_text = "ID,値\n", new_text = "ID,値\n";
  for (int i = 0; i < 30000; ++i) {
    const std::string id = "K" + std::to_string((i * 7919) % 30000);
    if (i % 97 != 5) old_text += id + "," + std::to_string(i) + "\n";
    if (i % 89 != 3) new_text += id + "," + std::to_string(i % 101 == 0 ? i + 1 : i) + "\n";
  }
  DiffOptions o = options(files.write("old.csv", old_text), files.write("new.csv", new_text));
  o.key = {"ID"};
  const Collected in_memory = diff(o);
  o.memory_limit = 1;  // the least: runs of 4,096 index entries
  const Collected on_disk = diff(o);
  CHECK(in_memory.summary.sort_runs == 0);
  CHECK(on_disk.summary.sort_runs > 10);
  CHECK(on_disk.lines() == in_memory.lines());
  // As the generator's rules give them (counted apart, in Python).
  CHECK(in_memory.summary.removed == 334);
  CHECK(in_memory.summary.added == 306);
  CHECK(in_memory.summary.changed == 292);
}

TEST_CASE("diff-1.6 no key: rows matched by their values; failures") {
  const TempDir files;
  const std::string old_path = files.write("old.csv", "a,b\n1,2\n3,4\n");
  const std::string new_path = files.write("new.csv", "a,b\n1,2\n3,5\n");
  const Collected result = diff(options(old_path, new_path));
  CHECK(result.layout.whole_row_key);
  CHECK(result.lines() == std::vector<std::string>{"removed 3", "added 3"});
  CHECK_FALSE(result.summary.notes.empty());
  DiffOptions o = options(old_path, new_path);
  o.key = {"c"};
  CHECK_THROWS_MATCHES(diff(o), DiffFailure,
                       Catch::Predicate<DiffFailure>([](const DiffFailure& f) {
                         return f.message == "--key c: neither file has a column c";
                       }));
  o = options(old_path, files.write("other.csv", "a,c\n1,2\n"));
  o.key = {"b"};
  CHECK_THROWS_MATCHES(diff(o), DiffFailure,
                       Catch::Predicate<DiffFailure>([](const DiffFailure& f) {
                         return f.message.find("only OLD") != std::string::npos;
                       }));
  o = options(old_path, (files.path() / "missing.csv").string());
  CHECK_THROWS_MATCHES(diff(o), DiffFailure,
                       Catch::Predicate<DiffFailure>([](const DiffFailure& f) {
                         return f.message.find("missing.csv: cannot open") != std::string::npos;
                       }));
  o = options("-", "-");
  CHECK_THROWS_AS(diff(o), DiffFailure);
}

TEST_CASE("diff-1.7 a key empty in every row falls back to 名称 + 所在地_連結表記, on disk too") {
  const TempDir files;
  const std::string header = "全国地方公共団体コード,ID,名称,所在地_連結表記,備考\n";
  std::string old_text = header, new_text = header;
  for (int i = 0; i < 20000; ++i) {
    const std::string row = "222127,,施設" + std::to_string((i * 7919) % 20000) +
                            ",静岡県焼津市本町" + std::to_string(i % 50) + "-1,";
    if (i != 7) old_text += row + "メモ\n";
    if (i != 11) new_text += row + (i == 300 ? "改修\n" : "メモ\n");
  }
  DiffOptions o = options(files.write("old.csv", old_text), files.write("new.csv", new_text));
  o.model = "opendata:public-facility";
  const Collected in_memory = diff(o);
  std::vector<std::string> key;
  for (std::size_t at : in_memory.layout.key_columns)
    key.push_back(in_memory.layout.columns[at].name);
  CHECK(key == std::vector<std::string>{"全国地方公共団体コード", "名称", "所在地_連結表記"});
  CHECK(in_memory.layout.key_note ==
        "instead of the model's key 全国地方公共団体コード, ID: ID is empty in all 19999 rows of "
        "OLD and all 19999 rows of NEW");
  CHECK(in_memory.summary.key_note == in_memory.layout.key_note);
  CHECK(in_memory.problems.empty());
  CHECK(in_memory.summary.problems == 0);
  CHECK(in_memory.summary.empty_keys == 0);
  CHECK(in_memory.lines() ==
        std::vector<std::string>{"added 9", "removed 12", "changed 301→301 備考: メモ → 改修"});
  o.memory_limit = 1;
  const Collected on_disk = diff(o);
  CHECK(on_disk.summary.sort_runs > 10);
  CHECK(on_disk.lines() == in_memory.lines());
  // An explicit --key empty everywhere is refused, naming the key that would do.
  o.key = {"ID"};
  CHECK_THROWS_MATCHES(diff(o), DiffFailure,
                       Catch::Predicate<DiffFailure>([](const DiffFailure& f) {
                         return f.message ==
                                "--key ID: ID is empty in all 19999 rows of OLD and all 19999 "
                                "rows of NEW, so rows cannot be matched by it; --key "
                                "名称,所在地_連結表記 is filled in the rows";
                       }));
}

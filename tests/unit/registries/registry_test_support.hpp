// registry_test_support.hpp — helpers shared by the registry tests: the
// registry types they name, a scratch directory removed after the test, file writing and reading,
// the edge-case extracts laid out as whole days, a one-call build of a registry from sources, and
// the counts a source left.
#pragma once
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "registries/builder/build_registry.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/rejected_row.hpp"
#include "registries/db/source_importer.hpp"
#include "registries/houjin/changes/change_kinds.hpp"

namespace registry_test {

// The registry types the tests name, for each test's `using namespace registry_test`.
using gifkit::registries::NotRegistrySource;
using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;
using gifkit::registries::RejectedRow;

inline const std::filesystem::path kHoujinSamples =
    std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "houjin" / "samples";
inline const std::filesystem::path kDiffUtf8 =
    kHoujinSamples / "code4fukui_gBizINFO_diff_20210714_utf8.csv";
inline const std::filesystem::path kDiffSjis =
    kHoujinSamples / "code4fukui_gBizINFO_diff_20250311_sjis.csv";
// Rows picked from many days' diffs (SOURCES.md): 2021 only, newest 2021-10-01; and
// 2021–2026, newest 2026-06-05.
inline const std::filesystem::path kEdgeUtf8 =
    kHoujinSamples / "code4fukui_gBizINFO_diff_edgecase_extract_utf8.csv";
inline const std::filesystem::path kEdgeSjis =
    kHoujinSamples / "code4fukui_gBizINFO_diff_edgecase_extract_sjis.csv";
// The NTA's name-history samples, as XML and as its CSV (ver4).
inline const std::filesystem::path kXmlName =
    kHoujinSamples / "minako-ph_jp-opendata-actors_name_ver4_x4.xml";
inline const std::filesystem::path kCsvV4Name =
    kHoujinSamples / "minako-ph_jp-opendata-actors_name_ver4_c4.csv";

// The integer the first column of sql's first row holds (a COUNT(*)); throws when
// sql gives no row.
// The kinds of change of models/dictionaries/houjin_change_kinds.tsv, read once.
inline const std::filesystem::path kChangeKindsFile =
    std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "houjin_change_kinds.tsv";
inline const gifkit::registries::houjin::ChangeKinds& change_kinds() {
  static const gifkit::registries::houjin::ChangeKinds table = [] {
    gifkit::registries::houjin::ChangeKinds loaded;
    std::vector<std::string> errors;
    if (!loaded.load(kChangeKindsFile, errors)) throw std::runtime_error(errors.front());
    return loaded;
  }();
  return table;
}

inline std::int64_t count_rows(const gifkit::registries::RegistryDb& db, const std::string& sql) {
  auto statement = db.prepare(sql);
  if (!statement.step()) throw std::runtime_error("no row from " + sql);
  return statement.column_int64(0);
}

// A fresh directory under the system temp dir, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gifkit-reg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  // Names of the files in the directory, sorted.
  std::vector<std::string> file_names() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The first `count` lines of a file, each with its line end.
inline std::string first_lines(const std::filesystem::path& path, int count) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  std::string line;
  for (int i = 0; i < count && std::getline(in, line); ++i) text += line + "\n";
  return text;
}

// A copy in dir, under the same file name, of an excerpt of diffs (the
// edge-case extracts: rows of many days) laid out as a whole day's file is:
// its records numbered 1, 2, 3, … (sequenceNumber) and a last record with
// latest=0 moved to the front, where it starts its corporation's rows, so
// that `registry update` applies it as a day (import/whole_day_check.hpp). The
// rows are the excerpt's own. Done on bytes: no record spans two lines, and
// neither ',' nor a line end is a Shift_JIS trail byte.
inline std::filesystem::path whole_day_copy(const std::filesystem::path& excerpt,
                                            const std::filesystem::path& dir) {
  std::ifstream in(excerpt, std::ios::binary);
  std::vector<std::string> records;
  for (std::string line; std::getline(in, line);) records.push_back(line.substr(line.find(',')));
  if (records.empty()) throw std::runtime_error(excerpt.string() + ": no records");
  // The last record's latest (field 24), read by the importer's CSV reader.
  std::string last_latest;
  std::FILE* file = std::fopen(excerpt.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error(excerpt.string() + ": cannot read");
  {
    gifkit::grammars::CsvReader reader(file, excerpt.string(), {},
                                       [](const gifkit::grammars::CsvError&) {});
    gifkit::grammars::CsvRecord record;
    while (reader.next(record)) {
      if (record.line != record.number) throw std::runtime_error("a record spans lines");
      last_latest = record.fields.size() > 23 ? std::string(record.fields[23]) : "";
    }
  }
  std::fclose(file);
  if (last_latest == "0") std::rotate(records.begin(), records.end() - 1, records.end());
  std::string text;
  for (std::size_t i = 0; i < records.size(); ++i)
    text += std::to_string(i + 1) + records[i] + "\n";
  auto copy = dir / excerpt.filename();
  write_file(copy, text);
  return copy;
}

// The edge-case extracts as whole days' files (whole_day_copy), written once
// per test program into a folder removed at its end.
inline const std::filesystem::path& whole_day(const std::filesystem::path& excerpt) {
  static const ScratchDir folder;
  static std::map<std::filesystem::path, std::filesystem::path> copies;  // stable references
  auto found = copies.find(excerpt);
  if (found == copies.end())
    found = copies.emplace(excerpt, whole_day_copy(excerpt, folder.path())).first;
  return found->second;
}

// Builds target from the sources with the library's build_registry (what
// `gifkit registry build` runs), every source read as source_kind ("auto":
// detected), and returns the rejected rows. Throws what the build throws.
inline std::vector<gifkit::registries::RejectedRow> build_registry(
    const std::filesystem::path& target, const std::vector<std::filesystem::path>& sources,
    const std::string& source_kind = "auto") {
  std::vector<gifkit::registries::RejectedRow> rejected;
  gifkit::registries::RegistryBuildOptions options;
  options.out = target;
  options.sources = sources;
  options.source_kind = source_kind;
  gifkit::registries::build_registry(
      options, [&](const gifkit::registries::RejectedRow& row) { rejected.push_back(row); });
  return rejected;
}

// A registry built once (per test program) from the two real diff samples
// (as BUILD_REGISTRY in the e2e cases), removed at exit.
inline const std::filesystem::path& houjin_sample_registry() {
  static ScratchDir dir;
  static const std::filesystem::path path = [] {
    std::filesystem::path target = dir / "houjin.db";
    build_registry(target, {kDiffUtf8, kDiffSjis});
    return target;
  }();
  return path;
}

// The one row rejected: REQUIREs that there is one and CHECKs its line.
inline const RejectedRow& only_rejected(const std::vector<RejectedRow>& rejected,
                                        std::uint64_t line) {
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].line == line);
  return rejected[0];
}

// CHECKs what the registry's first source recorded: rows imported and rows rejected.
inline void check_first_source_counts(const gifkit::registries::RegistryDb& db, std::int64_t rows,
                                      std::int64_t rejected) {
  const gifkit::registries::Provenance source = db.provenance().at(0);
  CHECK(source.row_count == rows);
  CHECK(source.rejected_count == rejected);
}

}  // namespace registry_test

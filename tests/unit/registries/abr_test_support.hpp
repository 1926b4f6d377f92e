// abr_test_support.hpp — helpers of the Address Base Registry tests: the
// real ABR folders, a one-call build of a registry from ABR sources (as
// `gifkit registry build` does), the shared registry built once from
// national + wakayama + bunkyo + yakushima, and reading a zip entry whole.
#pragma once
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "registries/abr/abr_import.hpp"
#include "registries/db/source_files.hpp"
#include "registry_test_support.hpp"

namespace abr_test {

namespace abr = gifkit::registries::abr;

inline const std::filesystem::path kAbr = std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "abr";
inline const std::filesystem::path kJapaneseHeaderTown =
    std::filesystem::path(GIFKIT_TEST_FIXTURES_DIR) / ".." / "e2e" / "data" /
    "abr_town_japanese_header.csv";

// Builds target from ABR sources (registry_test::build_registry); returns
// the rejected rows. Throws what the build throws.
inline std::vector<gifkit::registries::RejectedRow> build_abr_registry(
    const std::filesystem::path& target, const std::vector<std::filesystem::path>& sources) {
  return registry_test::build_registry(target, sources);
}

// The registry built once from the real national, wakayama, bunkyo and
// yakushima folders (kept for the whole test run).
inline const std::filesystem::path& real_abr_registry() {
  static registry_test::ScratchDir dir;
  static const std::filesystem::path path = [] {
    auto target = dir / "abr.sqlite";
    build_abr_registry(target,
                       {kAbr / "national", kAbr / "wakayama", kAbr / "bunkyo", kAbr / "yakushima"});
    return target;
  }();
  return path;
}

// The whole decompressed text of the zip's only .csv entry.
inline std::string zip_entry_text(const std::filesystem::path& zip) {
  gifkit::registries::SourceStream source(zip, gifkit::registries::zip_csv_entries(zip).at(0));
  std::string text;
  char buffer[65536];
  std::size_t read;
  while ((read = std::fread(buffer, 1, sizeof buffer, source.file())) > 0)
    text.append(buffer, read);
  return text;
}

// The first count lines of text (with their line ends).
inline std::string first_lines_of(const std::string& text, int count) {
  std::size_t end = 0;
  for (int i = 0; i < count && end != std::string::npos; ++i) {
    end = text.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  return text.substr(0, end);
}

}  // namespace abr_test

// zip_test_support.hpp — for the grammars tests that read files: a temporary
// folder removed at the end of the test, and zip archives written with libzip
// (optionally encrypted with AES-256).
#pragma once
#include <stdlib.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace zip_test {

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gifkit-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
};

using Entries = std::vector<std::pair<std::string, std::string>>;  // name, content

inline void write_zip(const std::filesystem::path& path, const Entries& files,
                      const char* password = nullptr) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    REQUIRE(index >= 0);
    if (password != nullptr)
      REQUIRE(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256,
                                      password) == 0);
  }
  REQUIRE(zip_close(archive) == 0);
}

}  // namespace zip_test

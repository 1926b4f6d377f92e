// name_readings_cache_test.cpp — the cache of the finished name dictionaries
// (grammars/dictionaries/name_readings_cache.hpp): a round trip keeps every
// map, a changed source or a cut or garbled cache file means reading the
// dictionaries again, GIFKIT_CACHE_DIR=none writes nothing.
// room: grammars
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/dictionaries/name_readings_cache.hpp"
#include "grammars/text/utf8.hpp"

using namespace gifkit::grammars;

namespace {

// A fresh empty directory of this process's own.
std::filesystem::path fresh_dir(std::string_view name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("gifkit-namecache-" + std::to_string(::getpid()) + "-" + std::string(name));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string naist_line(std::string_view headword, std::string_view reading) {
  return "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (" + std::string(headword) + " 1667)) (読み " +
         std::string(reading) + ") (発音 " + std::string(reading) + ") )\n";
}

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::size_t files_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

bool from_cache(const NameReadings& dictionary) {
  bool all = !dictionary.sources().empty();
  for (const auto& source : dictionary.sources()) all = all && source.from_cache;
  return all;
}

// Every headword of part in a has the same readings in b, and the counts agree.
void check_part(const NameReadings& a, const NameReadings& b, NamePart part) {
  a.for_each(part, [&](const std::string& headword, const std::vector<std::string>& readings) {
    const auto* other = b.readings(headword, part);
    REQUIRE(other != nullptr);
    CHECK(*other == readings);
    // Every character of every name: its learnt readings are the same.
    for (std::size_t at = 0; at < headword.size();) {
      const char32_t character = decode_utf8(headword, at);
      const auto* mine = a.character_readings(character);
      const auto* theirs = b.character_readings(character);
      REQUIRE((mine == nullptr) == (theirs == nullptr));
      if (mine != nullptr) CHECK(*mine == *theirs);
    }
  });
}

}  // namespace

TEST_CASE("name-readings-cache-1.1 a finished dictionary written and read back is the same") {
  NameReadings original;
  const std::pair<const char*, const char*> families[] = {
      {"山田", "ヤマダ"}, {"山口", "ヤマグチ"}, {"田口", "タグチ"},   {"山本", "ヤマモト"},
      {"本田", "ホンダ"}, {"川口", "カワグチ"}, {"川本", "カワモト"}, {"田中", "タナカ"}};
  for (const auto& [name, reading] : families) original.add(NamePart::family, name, {reading});
  original.add(NamePart::family, "河野", {"コウノ", "カワノ"});
  original.add(NamePart::given, "一", {"はじめ"});
  original.add(NamePart::given, "角栄", {"カクエイ"});
  original.add(NamePart::full, "田中角栄", {"タナカカクエイ"});
  original.add_full_split("田中角栄", "タナカ", "カクエイ");
  original.add_unclassified("目名川", {"メナガワ"});
  original.add_foreign("Joel", "ジョエル");
  original.add_foreign("joelle", "ジョエル");
  original.add_source({"NAIST-jdic", "/somewhere/naist-jdic.dic", true, 9, 12.5});
  original.add_source({"ENAMDICT", "/nowhere/enamdict", false, 0, 0.25});
  original.entries = 9;
  original.skipped = 2;
  CharacterReadingOptions options;
  options.min_names = 2;
  original.finish(options);
  REQUIRE(original.character_readings(U'山') != nullptr);

  const std::string bytes = encode_name_readings(original, "key 1");
  const auto copy = decode_name_readings(bytes, "key 1");
  REQUIRE(copy.has_value());
  CHECK_FALSE(decode_name_readings(bytes, "key 2").has_value());  // another key: not used

  for (NamePart part : {NamePart::family, NamePart::given, NamePart::full}) {
    check_part(original, *copy, part);
    check_part(*copy, original, part);
  }
  CHECK(copy->family_count() == original.family_count());
  CHECK(copy->given_count() == original.given_count());
  CHECK(copy->full_count() == original.full_count());
  CHECK(copy->unclassified_count() == original.unclassified_count());
  CHECK(copy->foreign_count() == original.foreign_count());
  CHECK(copy->character_count() == original.character_count());
  CHECK(copy->longest_family() == original.longest_family());
  CHECK(copy->entries == 9);
  CHECK(copy->skipped == 2);
  REQUIRE(copy->unclassified_readings("目名川") != nullptr);
  CHECK(*copy->unclassified_readings("目名川") == std::vector<std::string>{"メナガワ"});
  REQUIRE(copy->foreign_readings("joel") != nullptr);
  CHECK(*copy->foreign_readings("joel") == *original.foreign_readings("joel"));
  CHECK(*copy->foreign_readings("joelle") == *original.foreign_readings("joelle"));
  const auto* splits = copy->full_name_splits("田中角栄");
  REQUIRE(splits != nullptr);
  REQUIRE(splits->size() == original.full_name_splits("田中角栄")->size());
  const auto& split = splits->front();
  const auto& expected = original.full_name_splits("田中角栄")->front();
  CHECK(split.family == expected.family);
  CHECK(split.family == "田中");
  CHECK(split.given == expected.given);
  CHECK(split.family_reading == expected.family_reading);
  CHECK(split.given_reading == expected.given_reading);
  REQUIRE(copy->sources().size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& a = original.sources()[i];
    const auto& b = copy->sources()[i];
    CHECK(a.name == b.name);
    CHECK(a.path == b.path);
    CHECK(a.found == b.found);
    CHECK(a.entries == b.entries);
    CHECK(a.load_ms == b.load_ms);
    CHECK_FALSE(a.from_cache);
    CHECK(b.from_cache);
  }
  CHECK(copy->character_readings(U'海') == nullptr);

  // Every cut of the file, and a flipped byte, is refused (never trusted).
  for (std::size_t size = 0; size < bytes.size(); size += 7)
    CHECK_FALSE(decode_name_readings(std::string_view(bytes).substr(0, size), "key 1"));
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  CHECK_FALSE(decode_name_readings(flipped, "key 1").has_value());
  CHECK_FALSE(decode_name_readings(bytes + "x", "key 1").has_value());
}

TEST_CASE("name-readings-cache-1.2 a changed source, a cut or garbled cache: read again") {
  const auto dir = fresh_dir("stale");
  const auto cache = dir / "cache";
  const auto naist = dir / "naist-jdic.dic";
  write(naist, naist_line("佐藤", "サトウ"));
  const NameDictionaryPaths paths{naist, dir / "no-enamdict", dir / "no-lex.csv"};

  const NameReadings first = read_name_dictionaries_cached(paths, {}, cache);
  CHECK_FALSE(from_cache(first));
  const auto file = name_readings_cache_file(cache, paths, {});
  REQUIRE(std::filesystem::is_regular_file(file));
  CHECK(files_in(cache) == 1);  // no temporary file left

  const NameReadings second = read_name_dictionaries_cached(paths, {}, cache);
  CHECK(from_cache(second));
  REQUIRE(second.readings("佐藤", NamePart::family) != nullptr);
  CHECK(second.sources()[0].found);
  CHECK_FALSE(second.sources()[1].found);

  // The source rewritten (another size and time): stale, read, rewritten.
  write(naist, naist_line("佐藤", "サトウ") + naist_line("鈴木", "スズキ"));
  std::filesystem::last_write_time(
      naist, std::filesystem::last_write_time(naist) + std::chrono::seconds(2));
  const NameReadings third = read_name_dictionaries_cached(paths, {}, cache);
  CHECK_FALSE(from_cache(third));
  CHECK(third.readings("鈴木", NamePart::family) != nullptr);
  const NameReadings fourth = read_name_dictionaries_cached(paths, {}, cache);
  CHECK(from_cache(fourth));
  CHECK(fourth.readings("鈴木", NamePart::family) != nullptr);

  // Only touched (same bytes, another mtime): stale too.
  std::filesystem::last_write_time(
      naist, std::filesystem::last_write_time(naist) + std::chrono::seconds(2));
  CHECK_FALSE(from_cache(read_name_dictionaries_cached(paths, {}, cache)));

  // Other options: another key.
  CharacterReadingOptions options;
  options.min_names = 5;
  CHECK_FALSE(from_cache(read_name_dictionaries_cached(paths, options, cache)));
  CHECK(from_cache(read_name_dictionaries_cached(paths, options, cache)));

  // The cache file cut in half, then garbage: ignored, and rewritten whole.
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, size / 2);
  const NameReadings cut = read_name_dictionaries_cached(paths, {}, cache);
  CHECK_FALSE(from_cache(cut));
  CHECK(cut.readings("鈴木", NamePart::family) != nullptr);
  CHECK(std::filesystem::file_size(file) == size);
  write(file, "garbage, not a cache");
  CHECK_FALSE(from_cache(read_name_dictionaries_cached(paths, {}, cache)));
  CHECK(from_cache(read_name_dictionaries_cached(paths, {}, cache)));

  // No source at all: nothing worth a cache.
  const auto empty = fresh_dir("none-found");
  const NameDictionaryPaths missing{dir / "a", dir / "b", dir / "c"};
  CHECK_FALSE(from_cache(read_name_dictionaries_cached(missing, {}, empty)));
  CHECK(files_in(empty) == 0);

  // A directory that cannot be made: the dictionaries are read all the same.
  const NameReadings unwritable =
      read_name_dictionaries_cached(paths, {}, naist / "not-a-directory");
  CHECK(unwritable.readings("鈴木", NamePart::family) != nullptr);
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(empty);
}

TEST_CASE("name-readings-cache-1.3 where the cache is; GIFKIT_CACHE_DIR=none writes nothing") {
  const auto keep = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
  };
  const auto cache_dir = keep("GIFKIT_CACHE_DIR");
  const auto xdg = keep("XDG_CACHE_HOME");
  const auto home = keep("HOME");

  ::setenv("GIFKIT_CACHE_DIR", "/tmp/somewhere", 1);
  CHECK(name_readings_cache_dir() == "/tmp/somewhere");
  ::setenv("GIFKIT_CACHE_DIR", "none", 1);
  CHECK(name_readings_cache_dir().empty());
  ::unsetenv("GIFKIT_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  CHECK(name_readings_cache_dir() == std::filesystem::path("/tmp/xdg/gifkit"));
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/tmp/home", 1);
  CHECK(name_readings_cache_dir() == std::filesystem::path("/tmp/home/.cache/gifkit"));

  // none: the dictionaries are read, no file is written anywhere under HOME.
  const auto dir = fresh_dir("off");
  ::setenv("HOME", dir.c_str(), 1);
  ::setenv("GIFKIT_CACHE_DIR", "none", 1);
  const auto naist = dir / "naist-jdic.dic";
  write(naist, naist_line("佐藤", "サトウ"));
  const NameDictionaryPaths paths{naist, dir / "no-enamdict", dir / "no-lex.csv"};
  const NameReadings read = read_name_dictionaries_cached(paths, {}, name_readings_cache_dir());
  CHECK(read.readings("佐藤", NamePart::family) != nullptr);
  CHECK(files_in(dir) == 1);  // the dictionary alone

  const auto restore = [](const char* name, const std::optional<std::string>& value) {
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  };
  restore("GIFKIT_CACHE_DIR", cache_dir);
  restore("XDG_CACHE_HOME", xdg);
  restore("HOME", home);
  std::filesystem::remove_all(dir);
}

// test_chars_scan.cpp — `chars check` on plain text scans whole blocks of
// lines and makes a record only of a line where the set's kernel stops
// (TextChecker, TextRecordReader::next_lines): on random texts — marks and
// selectors, invalid bytes, control characters, CR, CRLF, a last line
// without an end, a BOM, Shift_JIS with bytes that are not — every finding
// (place, line, position, unit, value), every problem and every total is
// what the line-by-line read gives.
// room: chars
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "model_test_support.hpp"
#include "models/engine/chars/chars_check.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/named_sets.hpp"

namespace moji = gifkit::registries::moji;
using gifkit::models::CharacterPlace;
using gifkit::models::OffendingCharacter;
using gifkit::models::TextChecker;
using gifkit::models::TextCheckOptions;
using gifkit::models::TextCheckSink;
using gifkit::models::testing::kDataDir;
using gifkit::models::testing::TempDir;
using gifkit::models::testing::write_file;

namespace {

// Everything a sink is told, one line each.
class LogSink : public TextCheckSink {
 public:
  void character(const CharacterPlace& place, const OffendingCharacter& character,
                 std::string_view unit, std::string_view value) override {
    std::ostringstream line;
    line << "char " << place.file << ":" << place.line << " row " << place.row << " field "
         << place.field << " pos " << place.position << " [" << unit << "] "
         << character.code_points << " in [" << value << "]";
    lines.push_back(line.str());
  }
  void problem(const std::string& file, std::uint64_t line, const std::string& message) override {
    lines.push_back("problem " + file + ":" + std::to_string(line) + " " + message);
  }
  std::vector<std::string> lines;
};

// The same checker reading every record one by one.
class LineChecker : public TextChecker {
 public:
  using TextChecker::TextChecker;

 protected:
  bool scans_whole_lines() const override { return false; }
};

const moji::CharacterData& data() {
  static const moji::CharacterData loaded(moji::folder_rows(kDataDir / "moji"));
  return loaded;
}

std::string u8(char32_t cp) {
  std::string text;
  gifkit::grammars::append_utf8(text, cp);
  return text;
}

// A random UTF-8-ish text of about size bytes: mostly what the set holds,
// now and then something it does not, or bytes that are not UTF-8.
std::string random_text(std::mt19937& random, std::size_t size, int rarity) {
  const std::vector<std::string> common = {"a",  "Z",  "0",  " ",  ",",  "あ", "ア", "漢",
                                           "字", "丁", "目", "番", "号", "１", "\t"};
  const std::vector<std::string> rare = {"髙",
                                         "﨑",
                                         u8(0x20B9F),
                                         "か\xE3\x82\x9A",
                                         u8(0x3099),
                                         u8(0xE0100),
                                         "邉" + u8(0xE0102),
                                         "\xFF",
                                         "\xE3\x81",
                                         "\xC0\xAF",
                                         "\xED\xA0\x80",
                                         "\x01",
                                         "\x7F",
                                         u8(0xFF9E),
                                         "\r",
                                         "é",
                                         u8(0xFFFD),
                                         "\xF0\x9F\x98"};
  std::string text;
  std::uniform_int_distribution<int> roll(0, 999);
  while (text.size() < size) {
    const int r = roll(random);
    if (r < 40) {
      text += r < 30 ? "\n" : "\r\n";
    } else if (r < 40 + rarity) {
      text += rare[static_cast<std::size_t>(roll(random)) % rare.size()];
    } else {
      text += common[static_cast<std::size_t>(roll(random)) % common.size()];
    }
  }
  return text;
}

// Bytes mostly Shift_JIS (ASCII, two-byte kanji, half-width kana), some not.
std::string random_sjis(std::mt19937& random, std::size_t size) {
  std::string text;
  std::uniform_int_distribution<int> roll(0, 999);
  while (text.size() < size) {
    const int r = roll(random);
    if (r < 30) {
      text += "\n";
    } else if (r < 500) {
      text += static_cast<char>('a' + r % 26);
    } else if (r < 950) {
      text += static_cast<char>(0x88 + r % 0x18);
      text += static_cast<char>(0x40 + r % 0x3F);
    } else if (r < 990) {
      text += static_cast<char>(0xB1 + r % 10);
    } else {
      text += static_cast<char>(r % 2 == 0 ? 0x80 : 0xA0);
    }
  }
  return text;
}

struct Result {
  std::vector<std::string> lines;
  std::uint64_t records = 0, characters = 0, problems = 0, bytes = 0;
};

template <class Checker>
Result check(const moji::CharacterSet& set, const std::string& path,
             gifkit::grammars::Encoding encoding = gifkit::grammars::Encoding::automatic) {
  TextCheckOptions options;
  options.reading.encoding = encoding;
  Checker checker(data(), set, options);
  LogSink sink;
  checker.check_file(path, sink);
  return {sink.lines, checker.totals().records, checker.totals().characters,
          checker.totals().problems, checker.totals().bytes};
}

void same(const Result& blocks, const Result& lines) {
  CHECK(blocks.lines == lines.lines);
  CHECK(blocks.records == lines.records);
  CHECK(blocks.characters == lines.characters);
  CHECK(blocks.problems == lines.problems);
  CHECK(blocks.bytes == lines.bytes);
}

}  // namespace

TEST_CASE("chars-scan-1.1 a block scan finds what the line scan finds, where it finds it",
          "[chars]") {
  TempDir dir;
  const moji::CharacterSet jis = moji::character_set_by_argument(data(), "jisx0208");
  const moji::CharacterSet jis2004 = moji::character_set_by_argument(data(), "jisx0213");
  std::mt19937 random(20261126);
  const std::vector<std::size_t> sizes = {0, 1, 5, 100, 5'000, 70'000, 300'000};
  int run = 0;
  for (std::size_t size : sizes) {
    for (int rarity : {0, 1, 20}) {
      for (bool bom : {false, true}) {
        std::string text =
            (bom ? std::string("\xEF\xBB\xBF") : "") + random_text(random, size, rarity);
        if (run % 3 == 0 && !text.empty() && text.back() != '\n') text += '\n';
        const std::string path = (dir.path() / ("t" + std::to_string(run++) + ".txt")).string();
        write_file(path, text);
        INFO("size " << size << " rarity " << rarity << " bom " << bom);
        same(check<TextChecker>(jis, path), check<LineChecker>(jis, path));
        same(check<TextChecker>(jis2004, path), check<LineChecker>(jis2004, path));
      }
    }
  }
  // Findings are there to compare: the test would pass on nothing.
  const std::string path = (dir.path() / "rare.txt").string();
  write_file(path, random_text(random, 200'000, 20));
  const Result found = check<TextChecker>(jis, path);
  CHECK(found.characters > 1000);
  CHECK(found.records > 2000);
}

TEST_CASE("chars-scan-1.2 Shift_JIS read in blocks: the same findings and problems", "[chars]") {
  TempDir dir;
  const moji::CharacterSet jis = moji::character_set_by_argument(data(), "jisx0208");
  std::mt19937 random(32);
  for (std::size_t size : {std::size_t{10}, std::size_t{90'000}, std::size_t{1'200'000}}) {
    const std::string path = (dir.path() / ("s" + std::to_string(size) + ".txt")).string();
    write_file(path, random_sjis(random, size));
    INFO("size " << size);
    const Result blocks = check<TextChecker>(jis, path, gifkit::grammars::Encoding::cp932);
    same(blocks, check<LineChecker>(jis, path, gifkit::grammars::Encoding::cp932));
    if (size > 10) CHECK(blocks.problems > 0);
  }
}

TEST_CASE("chars-scan-1.3 a line longer than the reader's cut, and one without an end", "[chars]") {
  TempDir dir;
  const moji::CharacterSet jis = moji::character_set_by_argument(data(), "jisx0208");
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "漢字の行\n";
  std::string long_line;
  while (long_line.size() < (17u << 20)) long_line += "あいうえお";
  text += long_line + "髙\n" + "最後の行﨑";
  const std::string path = (dir.path() / "long.txt").string();
  write_file(path, text);
  const Result blocks = check<TextChecker>(jis, path);
  same(blocks, check<LineChecker>(jis, path));
  CHECK(blocks.records == 3000 + 2 + 1);  // the long line cut once
  CHECK(blocks.characters == 2);
}

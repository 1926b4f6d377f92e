// text_records_test.cpp — the plain-text side of TextRecordReader read many
// lines at once: count_line_ends against a byte count, and next_lines mixed
// with next giving the records (text, line end, line number) that next alone
// gives, on random texts of CR, LF, CRLF and a last line without an end.
// room: grammars
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "grammars/io/text_records.hpp"

using namespace gifkit::grammars;

namespace {

// The records of text, as "line|text|end", read with next only or with
// next_lines where it gives lines (each split here as next would).
std::vector<std::string> records_of(const std::string& text, bool in_blocks,
                                    std::size_t block_size) {
  std::FILE* file = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
  if (text.empty()) file = std::tmpfile();
  REQUIRE(file != nullptr);
  TextRecordOptions options;
  options.encoding = Encoding::utf8;
  options.block_size = block_size;
  TextRecordReader reader(file, "t", options, [](const TextProblem&) {});
  std::vector<std::string> records;
  TextRecord record;
  TextLines lines;
  while (true) {
    if (in_blocks && reader.next_lines(lines)) {
      REQUIRE(!lines.text.empty());
      CHECK(lines.text.back() == '\n');
      CHECK(lines.count ==
            static_cast<std::uint64_t>(std::count(lines.text.begin(), lines.text.end(), '\n')));
      std::uint64_t line = lines.line;
      std::string_view rest = lines.text;
      while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        std::string_view content = rest.substr(0, end);
        std::string line_end = "\n";
        if (content.ends_with('\r')) {
          content.remove_suffix(1);
          line_end = "\r\n";
        }
        records.push_back(std::to_string(line++) + "|" + std::string(content) + "|" + line_end);
        rest.remove_prefix(end + 1);
      }
      continue;
    }
    if (!reader.next(record)) break;
    records.push_back(std::to_string(record.line) + "|" + std::string(record.text) + "|" +
                      std::string(record.line_end));
  }
  std::fclose(file);
  return records;
}

}  // namespace

TEST_CASE("text-records-1.1 count_line_ends counts every newline", "[text_records]") {
  std::mt19937 random(7);
  for (std::size_t size : {0, 1, 15, 16, 17, 63, 64, 65, 1000, 8128, 8129, 20000, 100000}) {
    for (int density : {0, 1, 50, 1000}) {
      std::string text(size, 'x');
      std::uniform_int_distribution<int> roll(0, 999);
      for (char& c : text) c = roll(random) < density ? '\n' : static_cast<char>(roll(random));
      INFO("size " << size << " density " << density);
      CHECK(count_line_ends(text) ==
            static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')));
    }
  }
  CHECK(count_line_ends(std::string(100000, '\n')) == 100000);
}

TEST_CASE("text-records-1.2 next_lines gives the records next gives", "[text_records]") {
  std::mt19937 random(11);
  const std::vector<std::string> pieces = {"a", "漢字", "\n", "\r\n", "\r", "\xEF\xBB\xBF", " "};
  for (std::size_t size : {0, 1, 10, 300, 5000, 200000}) {
    for (std::size_t block : {std::size_t{7}, std::size_t{1000}, std::size_t{1} << 20}) {
      std::string text = size % 2 == 0 ? "\xEF\xBB\xBF" : "";
      std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
      while (text.size() < size) text += pieces[pick(random)];
      INFO("size " << size << " block " << block);
      const auto by_line = records_of(text, false, block);
      CHECK(records_of(text, true, block) == by_line);
      CHECK(by_line.size() == static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                                  (text.empty() || text.back() == '\n' ? 0 : 1) -
                                  (text == "\xEF\xBB\xBF" ? 1 : 0));
    }
  }
}

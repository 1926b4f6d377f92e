// fuzz_chars_check.cpp — libFuzzer target for `chars check` and `chars
// shrink` as a library (models/engine/chars/chars_check.hpp): the character data
// read once from the published files (GIFKIT_DATA_DIR/moji; exits 77, replay
// test skipped, without them); the first input byte picks the layout (text,
// csv, tsv) and the set (jisx0208, jisx0213, mj, katakana), the rest is the
// file. Invariants: every finding has a place (line ≥ 1, position ≥ 1) and a
// text; every candidate of every finding is inside the set; the totals
// count the findings; shrink replaces exactly the characters that have a
// unique replacement and leaves the others for review (replaced + review =
// found); its output is the input when nothing is replaced (UTF-8 input); checking the
// output again (in UTF-8, as shrink writes) finds no character with a unique
// replacement left.
// room: chars
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/io/xlsx_reader.hpp"
#include "models/engine/chars/chars_check.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

#ifndef GIFKIT_FUZZ_DATA_DIR
#error "GIFKIT_FUZZ_DATA_DIR must name the published data directory"
#endif

namespace {

namespace models = gifkit::models;
namespace moji = gifkit::registries::moji;
using gifkit::fuzz::hex;

struct Setup {
  std::unique_ptr<moji::CharacterData> data;
  std::vector<moji::CharacterSet> sets;
  Setup() {
    const char* from_env = std::getenv("GIFKIT_DATA");
    const std::string dir =
        from_env != nullptr && *from_env != '\0' ? from_env : GIFKIT_FUZZ_DATA_DIR;
    try {
      data = std::make_unique<moji::CharacterData>(moji::folder_rows(dir + "/moji"));
    } catch (const std::exception&) {
      data.reset();
    }
    if (!data || !data->has_jis()) {
      std::fprintf(stderr, "fuzz_chars_check: no character data in %s/moji: skipped\n",
                   dir.c_str());
      std::exit(77);
    }
    for (const char* name : {"jisx0208", "jisx0213", "mj", "katakana"})
      sets.push_back(moji::make_character_set(*data, name));
  }
};

// Collects what a check or a shrink reports.
class Collect : public models::ShrinkSink {
 public:
  void character(const models::CharacterPlace& place, const models::OffendingCharacter& character,
                 std::string_view unit, std::string_view value) override {
    FUZZ_CHECK(place.line >= 1 && place.position >= 1, "a finding without a place");
    FUZZ_CHECK(!unit.empty() && unit.size() <= value.size(), "a finding without its text");
    if (character.choice.unique()) ++unique;
    ++found;
    last = &character;
  }
  void problem(const std::string&, std::uint64_t, const std::string&) override { ++problems; }
  void change(const models::ShrinkChange& change) override {
    FUZZ_CHECK(!change.replacements.empty(), "a change without a replacement");
    FUZZ_CHECK(change.original != change.shrunk, "a change that changed nothing");
    replaced += change.replacements.size();
  }
  std::uint64_t found = 0;
  std::uint64_t unique = 0;
  std::uint64_t problems = 0;
  std::uint64_t replaced = 0;
  const models::OffendingCharacter* last = nullptr;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Setup setup;
  static const gifkit::fuzz::ScratchFile text_file(".txt");
  static const gifkit::fuzz::ScratchFile csv_file(".csv");
  static const gifkit::fuzz::ScratchFile tsv_file(".tsv");
  if (size == 0) return 0;
  const std::uint8_t pick = data[0];
  const std::string_view input = gifkit::fuzz::as_text(data + 1, size - 1);
  const gifkit::fuzz::ScratchFile& file = pick % 3 == 0   ? text_file
                                          : pick % 3 == 1 ? csv_file
                                                          : tsv_file;
  const std::string& path = file.write(input);
  const moji::CharacterSet& set = setup.sets[(pick / 3) % setup.sets.size()];
  models::TextCheckOptions options;
  options.reading.encoding =
      (pick & 0x80) != 0 ? gifkit::grammars::Encoding::utf8 : gifkit::grammars::Encoding::automatic;

  models::TextChecker checker(*setup.data, set, options);
  Collect checked;
  if (!checker.check_file(path, checked)) {
    // Only bytes signed as a workbook's (read as one, and refused) are not read.
    FUZZ_CHECK(gifkit::grammars::may_be_spreadsheet(input), "the scratch file could not be read");
    return 0;
  }
  FUZZ_CHECK(checker.totals().characters == checked.found, "the totals miscount the findings");
  for (const models::OffendingCharacter* character : checker.distinct()) {
    for (const auto& candidate : character->choice.candidates) {
      FUZZ_CHECK(moji::all_in_set(candidate.text, set),
                 "a candidate outside " + set.name() + ": " + hex(candidate.text));
    }
    FUZZ_CHECK(character->count > 0, "a distinct character never found");
  }

  models::TextShrinker shrinker(*setup.data, set, options);
  Collect shrunk;
  std::ostringstream out;
  if (!shrinker.shrink_file(path, out, shrunk)) return 0;  // refused: nothing to check
  FUZZ_CHECK(shrunk.found == checked.found, "shrink and check found different characters");
  const auto& totals = shrinker.shrink_totals();
  FUZZ_CHECK(totals.replaced == shrunk.unique && totals.replaced == shrunk.replaced,
             "shrink did not replace exactly the unique ones");
  FUZZ_CHECK(totals.replaced + totals.review == shrunk.found, "replaced + review != found");
  const std::string output = out.str();
  if (totals.replaced == 0 && checker.last_encoding() == gifkit::grammars::Encoding::utf8) {
    // A BOM the reader set aside is written back: the output is the input
    // (Shift_JIS input is written as UTF-8).
    FUZZ_CHECK(output == input, "nothing replaced, but the output differs: " + hex(input));
  }
  const std::string& again = file.write(output);
  // The output is read as the input was (UTF-8 kept its bytes that are not
  // UTF-8; automatic detection might now take it for Shift_JIS).
  options.reading.encoding = checker.last_encoding() == gifkit::grammars::Encoding::cp932
                                 ? gifkit::grammars::Encoding::utf8  // shrink wrote UTF-8
                                 : checker.last_encoding();
  models::TextChecker recheck(*setup.data, set, options);
  Collect rechecked;
  recheck.check_file(again, rechecked);
  FUZZ_CHECK(rechecked.unique == 0,
             "a unique replacement left after shrink in " + hex(input) + " -> " + hex(output));
  return 0;
}

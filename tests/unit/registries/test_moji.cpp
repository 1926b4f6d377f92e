// test_moji.cpp — the character data on the real published files: the
// import (counts against the files themselves, provenance, verify), the
// flags and levels (JIS X 0213's own ranges against the NTA map's JIS区分),
// the same data from the registry and from the files, the named sets, and
// 縮退 (shrink.hpp) rule by rule.
// room: moji
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/membership_pack.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/name_fold.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::moji;
using namespace registry_test;

namespace {

const std::filesystem::path kMoji = std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji";

// The registry built once from the real character files.
const std::filesystem::path& moji_registry() {
  static ScratchDir dir;
  static const std::filesystem::path path = [] {
    auto target = dir / "moji.sqlite";
    REQUIRE(build_registry(target, {kMoji}).empty());
    return target;
  }();
  return path;
}

const CharacterData& registry_data() {
  static const CharacterData data(registry_rows(moji_registry()));
  return data;
}

// A copy of the registry in dir, named name, changed by sql.
std::filesystem::path changed_copy(const ScratchDir& dir, const std::string& name,
                                   const std::string& sql) {
  const auto copy = dir / name;
  std::filesystem::copy_file(moji_registry(), copy);
  RegistryDb update = RegistryDb::open_for_update(copy, 1000);
  update.execute(sql);
  update.commit();
  return copy;
}

std::int64_t table_rows(const RegistryDb& db, const std::string& table) {
  return count_rows(db, "SELECT COUNT(*) FROM " + table);
}

// Data lines of a file: lines that are not empty, minus header lines.
std::int64_t data_lines(const std::filesystem::path& file, int header_lines) {
  std::ifstream in(file);
  std::string line;
  std::int64_t count = 0;
  while (std::getline(in, line))
    if (!line.empty() && line != "\r") ++count;
  return count - header_lines;
}

std::string u8(char32_t cp) {
  std::string text;
  gifkit::grammars::append_utf8(text, cp);
  return text;
}

}  // namespace

TEST_CASE("moji-1.1 the import keeps every row of the published tables", "[moji]") {
  auto db = RegistryDb::open_existing(moji_registry());
  CHECK(table_rows(db, "moji_mj") == data_lines(kMoji / "mojikiban_moji.csv", 1));
  CHECK(table_rows(db, "moji_mj_ivs") == data_lines(kMoji / "mojikiban_moji_ivs.csv", 1));
  CHECK(table_rows(db, "moji_jis") == 11233);  // the places with a character (not <reserved>)
  CHECK(table_rows(db, "moji_set") == 5);
  // NTA: the map's rows, and one more for each 類似字形 its notes name.
  CHECK(table_rows(db, "moji_nta") == 11388 + 7);
  CHECK(gifkit::registries::verify_registry(db).empty());
  std::size_t kinds = 0;
  for (const auto& source : db.provenance()) {
    CHECK(source.rejected_count == 0);
    if (source.source_kind == "moji-fold-derived") {
      CHECK(source.table_name == "moji_fold");
      continue;
    }
    if (source.source_kind.starts_with("moji-")) ++kinds;
    CHECK(source.sha256.size() == 64);
  }
  CHECK(kinds == 9);
  // The derived name fold: what a character outside JIS X 0208 is compared as.
  auto fold = db.prepare("SELECT folded FROM moji_fold WHERE cp = ?1");
  for (auto [cp, folded] : {std::pair<char32_t, const char*>{0x9AD9, "高"},
                            {0xFA11, "崎"},
                            {0x5A04, "婁"},
                            {0x20BB7, "吉"}}) {
    fold.bind_int64(1, cp);
    REQUIRE(fold.step());
    CHECK(fold.column_text(0) == folded);
    fold.reset();
  }
  CHECK(table_rows(db, "moji_fold") > 10000);
  CHECK(has_moji_data(db));
}

TEST_CASE("moji-1.2 JIS X 0213 levels from the places agree with the NTA map's JIS区分", "[moji]") {
  const CharacterData& data = registry_data();
  std::size_t compared = 0;
  auto db = RegistryDb::open_existing(moji_registry());
  auto rows = db.prepare("SELECT plane, row, cell, kubun FROM moji_nta WHERE plane IS NOT NULL");
  while (rows.step()) {
    JisPosition position{static_cast<int>(rows.column_int64(0)),
                         static_cast<int>(rows.column_int64(1)),
                         static_cast<int>(rows.column_int64(2))};
    std::string kubun(rows.column_text(3));
    int expected = kubun == "JIS1水"   ? 1
                   : kubun == "JIS2水" ? 2
                   : kubun == "JIS3水" ? 3
                   : kubun == "JIS4水" ? 4
                                       : 0;
    INFO(position.text() << " " << kubun);
    CHECK(jis_level(position) == expected);
    ++compared;
  }
  CHECK(compared == 11230);
  CHECK(data.jis_place(JisPosition{1, 25, 66})->sequence == "高");
}

TEST_CASE("moji-1.3 what the data says of 高 髙 﨑 𠮷 驒 and a plane-2 kanji", "[moji]") {
  const CharacterData& data = registry_data();
  CHECK(data.in_jisx0208(U'高'));
  CHECK(data.jis_level(U'高') == 1);
  CHECK_FALSE(data.in_jisx0213(U'髙'));  // not in JIS X 0213 (the published tables)
  CHECK(data.in_jisx0213(0xFA11));       // 﨑
  CHECK_FALSE(data.in_jisx0208(0xFA11));
  CHECK(data.jis_level(0xFA11) == 3);
  CHECK_FALSE(data.in_jisx0213(0x20BB7));  // 𠮷
  CHECK(data.jis_level(U'驒') == 3);
  CHECK(data.jis_level(0x20089) == 4);  // 𠂉, 2-1-2
  CHECK((data.flags(0x20089) & kJisPlane2) != 0);
  CHECK((data.flags(0x4E02) & kInJisX0212) != 0);  // 丂: JIS X 0212 (IMI)
  CHECK((data.flags(0x30A2) & kImiKatakana) != 0);
  CHECK(data.in_jisx0208(0xFF5E));  // ～: CP932's place of 〜 (Windows)
  // MJ: 髙 is MJ028902; 﨑 exists only with selectors, found by its base.
  auto takai = data.mj_of_sequence("髙");
  REQUIRE(takai.size() == 1);
  CHECK(takai[0]->mj == 28902);
  CHECK(takai[0]->strokes == 11);
  CHECK(takai[0]->jis_counterpart == "1-25-66");
  CHECK(data.mj_of_sequence(u8(0xFA11)).empty());
  auto saki = data.mj_of_base(0xFA11);
  REQUIRE(saki.size() == 2);
  CHECK(saki[0]->mj == 30196);
  CHECK(saki[1]->mj == 30197);
  // The IVS table's second sequence of MJ059399 (535A_E010A;2B9E4_E0100).
  auto alias = data.mj_of_sequence(u8(0x2B9E4) + u8(0xE0100));
  REQUIRE(alias.size() == 1);
  CHECK(alias[0]->mj == 59399);
  CHECK(data.nta(u8(0x2014))->replacement == u8(0x2015));  // a 類似字形 of the notes
}

TEST_CASE("moji-1.4 the same data from the registry and from the files", "[moji]") {
  const CharacterData& from_registry = registry_data();
  CharacterData from_files(folder_rows(kMoji));
  std::size_t differing = 0;
  for (char32_t cp = 0; cp < 0x30000; ++cp)
    if (from_registry.flags(cp) != from_files.flags(cp)) ++differing;
  CHECK(differing == 0);
  CHECK(from_files.mj_count() == from_registry.mj_count());
  CHECK(from_files.nta_count() == from_registry.nta_count());
  CHECK(from_files.jis_sequences() == from_registry.jis_sequences());
  // The membership part comes first; the details only when asked.
  CHECK(from_files.mj_count() > 58000);
}

// The published files, counting the parts read.
class CountedRows : public MojiRowSource {
 public:
  explicit CountedRows(std::map<MojiPart, int>& reads) : reads_(reads) {}
  void read(MojiPart part, MojiRowHandler& rows) override {
    ++reads_[part];
    files_->read(part, rows);
  }
  std::string name() const override { return files_->name(); }

 private:
  std::map<MojiPart, int>& reads_;
  std::unique_ptr<MojiRowSource> files_ = folder_rows(kMoji);
};

TEST_CASE("moji-1.7 the MJ tables are read only for what the NTA map does not answer", "[moji]") {
  std::map<MojiPart, int> reads;
  CharacterData data(std::make_unique<CountedRows>(reads));
  CHECK(reads == std::map<MojiPart, int>{{MojiPart::membership, 1}});
  LazyDerivedFold fold(data);
  CHECK(fold.fold_one(U'高') == U'高');  // JIS X 0208: membership alone
  CHECK(reads.count(MojiPart::nta) == 0);
  CHECK(fold.fold_one(0x9115) == U'郷');  // 鄕: the NTA map's row
  CHECK(fold.fold_one(0xFA11) == U'崎');  // 﨑
  CHECK(reads[MojiPart::nta] == 1);
  CHECK(reads.count(MojiPart::mj) == 0);
  CHECK(data.mj_count() > 58000);  // asked: read once
  CHECK(data.mj_count() > 58000);
  CHECK(reads[MojiPart::mj] == 1);
  CHECK(reads[MojiPart::nta] == 1);
  CHECK(reads[MojiPart::membership] == 1);
}

// A registry's rows, counting the whole parts read and the partial reads.
class CountedRegistryRows : public MojiRowSource {
 public:
  CountedRegistryRows(std::filesystem::path registry, std::map<std::string, int>& reads)
      : rows_(registry_rows(std::move(registry))), reads_(reads) {}
  void read(MojiPart part, MojiRowHandler& rows) override {
    count(part == MojiPart::mj ? "mj" : part == MojiPart::nta ? "nta" : "membership");
    rows_->read(part, rows);
  }
  bool read_mj_of_base(char32_t base, MojiRowHandler& rows) override {
    count("mj of base");
    return rows_->read_mj_of_base(base, rows);
  }
  bool read_mj_number(std::int64_t mj, MojiRowHandler& rows) override {
    count("mj number");
    return rows_->read_mj_number(mj, rows);
  }
  bool read_nta_of(std::string_view source, MojiRowHandler& rows) override {
    count("nta of");
    return rows_->read_nta_of(source, rows);
  }
  std::optional<bool> holds(MojiPart part) override { return rows_->holds(part); }
  std::string name() const override { return rows_->name(); }

 private:
  // A whole part may be read on one thread while another reads in part.
  void count(const std::string& what) {
    std::lock_guard<std::mutex> lock(counting_);
    ++reads_[what];
  }
  std::unique_ptr<MojiRowSource> rows_;
  std::map<std::string, int>& reads_;
  std::mutex counting_;
};

// What describe_character and choose_replacement say of text, as text (the
// MJ characters by every field, not by address).
std::string described(const CharacterData& data, const std::string& text) {
  const CharacterInfo info = describe_character(data, text);
  auto characters = [](const std::vector<const MjCharacter*>& list) {
    std::string out;
    for (const MjCharacter* c : list) {
      out += mj_name(c->mj) + "[";
      for (const auto& sequence : c->sequences) out += sequence + ";";
      out += std::to_string(c->strokes) + "|" + c->readings + "|" + c->shrink + "|" +
             c->jis_counterpart + "] ";
    }
    return out;
  };
  std::string out = info.code_points + " flags " + std::to_string(info.flags) + " mj " +
                    characters(info.mj) + (info.mj_of_base ? "of base " : "") +
                    (info.selector_not_in_mj ? "selector not in MJ " : "") + "variants " +
                    characters(info.variants) + "jis " + std::to_string(info.jis.size());
  if (info.nta != nullptr)
    out += " nta " + info.nta->source + "→" + info.nta->replacement + " " + info.nta->kubun;
  static const CharacterSet jisx0208 = make_character_set(registry_data(), "jisx0208");
  const ShrinkChoice choice = choose_replacement(data, text, jisx0208);
  for (const auto& candidate : choice.candidates)
    out += " → " + candidate.text + " (" + candidate.from + ")";
  return out + " " + choice.why_none;
}

TEST_CASE("moji-1.8 the MJ rows and NTA rows of the characters asked for, not the tables",
          "[moji]") {
  // 髙 (one MJ character), 﨑 (only with selectors), 邉+E0102, the IVS table's
  // second sequence of MJ059399 (2B9E4+E0100) and its first base 535A, 𠮷,
  // 가 (absent from MJ and from the NTA map), an emoji.
  const std::vector<std::string> texts = {"髙",
                                          u8(0xFA11),
                                          u8(0x9089) + u8(0xE0102),
                                          u8(0x2B9E4) + u8(0xE0100),
                                          u8(0x535A),
                                          u8(0x20BB7),
                                          u8(0xAC00),
                                          u8(0x1F600)};
  CharacterData whole(folder_rows(kMoji));
  REQUIRE(whole.mj_count() > 58000);  // the whole tables read
  REQUIRE(whole.nta_count() > 10000);
  std::map<std::string, int> reads;
  CharacterData partial(std::make_unique<CountedRegistryRows>(moji_registry(), reads));
  for (const std::string& text : texts) {
    INFO(text);
    CHECK(described(partial, text) == described(whole, text));
  }
  CHECK(described(partial, u8(0xAC00)).find(" mj variants jis 0 ") != std::string::npos);
  // Asked again: answered from what was read.
  const int of_base = reads["mj of base"];
  CHECK(described(partial, "髙") == described(whole, "髙"));
  CHECK(reads["mj of base"] == of_base);
  // MJ numbers: one read, one absent, one of a character read before.
  REQUIRE(partial.mj_number(28902) != nullptr);
  CHECK(partial.mj_number(28902)->sequences == whole.mj_number(28902)->sequences);
  CHECK(partial.mj_number(59399)->sequences == whole.mj_number(59399)->sequences);
  CHECK(partial.mj_number(13904)->readings == whole.mj_number(13904)->readings);
  CHECK(partial.mj_number(99999999) == nullptr);
  CHECK(partial.has_mj());
  CHECK(partial.has_nta());
  CHECK(reads["mj"] == 0);  // neither table read whole
  CHECK(reads["nta"] == 0);
  CHECK(reads["membership"] == 1);
  // A character added later in the run, after the whole MJ table was asked for.
  CHECK(partial.mj_count() == whole.mj_count());
  CHECK(reads["mj"] == 1);
  CHECK(described(partial, u8(0x6852)) == described(whole, u8(0x6852)));  // 桒
  CHECK(described(partial, "髙") == described(whole, "髙"));
}

TEST_CASE("moji-1.9 a registry without the MJ index by code point reads the MJ table whole",
          "[moji]") {
  ScratchDir dir;
  const auto copy = changed_copy(dir, "moji-no-index.sqlite", "DROP TABLE moji_mj_base");
  CharacterData whole(folder_rows(kMoji));
  std::map<std::string, int> reads;
  CharacterData partial(std::make_unique<CountedRegistryRows>(copy, reads));
  CHECK(described(partial, u8(0xFA11)) == described(whole, u8(0xFA11)));
  CHECK(reads["mj of base"] == 1);  // asked, refused: the whole table instead
  CHECK(reads["mj"] == 1);
  CHECK(described(partial, u8(0x2B9E4) + u8(0xE0100)) ==
        described(whole, u8(0x2B9E4) + u8(0xE0100)));
  CHECK(reads["mj of base"] == 1);
  CHECK(reads["mj"] == 1);
  CHECK(reads["nta"] == 0);  // the NTA map's key needs no index
}

TEST_CASE("moji-1.10 a run of many characters reads the tables whole after a few hundred",
          "[moji]") {
  CharacterData whole(folder_rows(kMoji));
  std::vector<std::string> texts;  // 400 characters of MJ of distinct bases, from U+3400 on
  char32_t last_base = 0;
  for (const MjCharacter& character : whole.mj_characters()) {
    const std::string& sequence = character.sequences.front();
    std::size_t pos = 0;
    const char32_t base = gifkit::grammars::decode_utf8(sequence, pos);
    if (base < 0x3400 || base == last_base || whole.in_jisx0208(base)) continue;
    last_base = base;
    texts.push_back(sequence);
    if (texts.size() == 400) break;
  }
  REQUIRE(texts.size() == 400);
  std::map<std::string, int> reads;
  CharacterData partial(std::make_unique<CountedRegistryRows>(moji_registry(), reads));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO(i << " " << texts[i]);
    CHECK(described(partial, texts[i]) == described(whole, texts[i]));
  }
  // Hundreds of partial reads, then each table whole, once.
  CHECK(reads["mj of base"] >= 200);
  CHECK(reads["mj of base"] < 400);
  CHECK(reads["nta of"] >= 100);
  CHECK(reads["mj"] == 1);
  CHECK(reads["nta"] == 1);
}

TEST_CASE("moji-1.11 threads sharing one CharacterData read in part and agree with the whole",
          "[moji]") {
  CharacterData whole(folder_rows(kMoji));
  std::vector<std::string> texts;  // 120 characters of MJ, the same bases met by every thread
  for (const MjCharacter& character : whole.mj_characters()) {
    if (character.mj % 97 != 0) continue;
    texts.push_back(character.sequences.front());
    if (texts.size() == 120) break;
  }
  std::vector<std::string> expected;
  for (const auto& text : texts) expected.push_back(described(whole, text));
  std::map<std::string, int> reads;
  CharacterData partial(std::make_unique<CountedRegistryRows>(moji_registry(), reads));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < texts.size(); ++k) {
        const std::size_t i = (k * 7 + static_cast<std::size_t>(t) * 31) % texts.size();
        if (described(partial, texts[i]) != expected[i]) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == std::vector<int>(4, 0));
  CHECK(reads["mj"] == 0);  // fewer bases than the whole load's threshold
}

// Every membership row a handler is fed, as text, in order.
class MembershipLog : public MojiRowHandler {
 public:
  void jis(const JisRow& row) override {
    std::string line =
        "jis " + row.position.text() + " " + row.sequence + " " + std::to_string(row.added);
    for (char32_t cp : row.alternates) line += " " + std::to_string(cp);
    lines.push_back(line);
  }
  void set(const SetInfo& info) override {
    lines.push_back("set " + info.name + "|" + info.uri + "|" + info.title);
  }
  void set_member(std::string_view set_name, std::string_view sequence) override {
    lines.push_back("member " + std::string(set_name) + " " + std::string(sequence));
  }
  std::vector<std::string> lines;
};

TEST_CASE("moji-1.12 the packed membership gives the rows of the tables, in their order",
          "[moji]") {
  auto db = RegistryDb::open_existing(moji_registry());
  REQUIRE(table_rows(db, "moji_membership_pack") == 1);
  MembershipLog packed;
  read_moji_rows(db, MojiPart::membership, packed);
  // The tables themselves: the same registry without its pack.
  ScratchDir dir;
  const auto copy = changed_copy(dir, "moji-no-pack.sqlite", "DROP TABLE moji_membership_pack");
  MembershipLog tables;
  read_moji_rows(RegistryDb::open_existing(copy), MojiPart::membership, tables);
  CHECK(tables.lines.size() ==
        11233 + 5 + static_cast<std::size_t>(table_rows(db, "moji_set_member")));
  CHECK(packed.lines == tables.lines);
  // And what a run makes of them: the data of the pack, of the tables, of the files.
  const CharacterData from_tables(registry_rows(copy));
  const CharacterData from_files(folder_rows(kMoji));
  for (const char* set : {"jisx0208", "jisx0213", "jisx0213:1-2", "mj", "katakana"}) {
    INFO(set);
    const CharacterSet a = character_set_by_argument(registry_data(), set);
    const CharacterSet b = character_set_by_argument(from_tables, set);
    const CharacterSet c = character_set_by_argument(from_files, set);
    CHECK(a.code_point_count() == b.code_point_count());
    CHECK(a.code_point_count() == c.code_point_count());
    CHECK(a.sequence_count() == b.sequence_count());
    for (char32_t cp = 0; cp < 0x30000; ++cp)
      if (a.contains(cp) != b.contains(cp)) FAIL("U+" << std::hex << static_cast<unsigned>(cp));
  }
  for (const char* text : {"髙", "﨑", "か゚", "漢"}) {
    CHECK(described(registry_data(), text) == described(from_tables, text));
  }
}

TEST_CASE("moji-1.13 a damaged pack is refused, and a pack of another format is not read",
          "[moji]") {
  MembershipPacker packer;
  JisRow row;
  row.position = {1, 16, 1};
  row.sequence = "亜";
  row.alternates = {0xFF0C};
  packer.jis(row);
  packer.set({"s", "https://example.org/s", "S"});
  packer.set_member("s", "亜");
  packer.set_member("s", "か\xE3\x82\x9A");
  packer.set_member("t", "亜");
  const std::string pack = packer.pack();
  MembershipLog log;
  unpack_membership(pack, log);
  CHECK(log.lines == std::vector<std::string>{"jis 1-16-1 亜 0 65292",
                                              "set s|https://example.org/s|S", "member s 亜",
                                              "member s か\xE3\x82\x9A", "member t 亜"});
  for (std::size_t cut = 0; cut < pack.size(); ++cut) {
    MembershipLog none;
    CHECK_THROWS_AS(unpack_membership(std::string_view(pack).substr(0, cut), none),
                    gifkit::registries::RegistryError);
    CHECK(none.lines.empty());  // nothing fed before the pack was found whole
  }
  MembershipLog longer;
  CHECK_THROWS_AS(unpack_membership(pack + "x", longer), gifkit::registries::RegistryError);
  CHECK(longer.lines.empty());
  // A pack of a format this build does not know: the tables are read.
  ScratchDir dir;
  const auto copy =
      changed_copy(dir, "moji-other-pack.sqlite",
                   "UPDATE moji_membership_pack SET format = format + 1, data = x'00'");
  MembershipLog tables;
  read_moji_rows(RegistryDb::open_existing(copy), MojiPart::membership, tables);
  MembershipLog packed;
  read_moji_rows(RegistryDb::open_existing(moji_registry()), MojiPart::membership, packed);
  CHECK(tables.lines == packed.lines);
}

TEST_CASE("moji-1.5 the named sets", "[moji]") {
  const CharacterData& data = registry_data();
  auto jisx0208 = make_character_set(data, "jisx0208");
  CHECK(jisx0208.contains(U'A'));
  CHECK(jisx0208.contains(U'高'));
  CHECK_FALSE(jisx0208.contains(U'﨑'));
  CHECK_FALSE(jisx0208.contains(0xFF76));  // ｶ: JIS X 0201 kana, not JIS X 0208
  auto jisx0213 = make_character_set(data, "jisx0213");
  CHECK(jisx0213.contains(0xFA11));
  CHECK(jisx0213.contains_sequence("か\xE3\x82\x9A"));  // か゚ is a place of JIS X 0213
  auto levels12 = make_character_set(data, "jisx0213:1-2");
  CHECK(levels12.contains(U'高'));
  CHECK_FALSE(levels12.contains(U'驒'));  // level 3
  CHECK(make_character_set(data, "jisx0213:1-3").contains(U'驒'));
  auto mj = make_character_set(data, "mj");
  CHECK(mj.contains(U'髙'));
  CHECK(mj.contains(U'邉'));  // only with selectors in MJ: the base alone counts
  CHECK(mj.contains_sequence(u8(0x9089) + u8(0xE010F)));
  CHECK(mj.contains(U'あ'));         // a non-kanji of JIS X 0213
  CHECK_FALSE(mj.contains(0xAC00));  // 가
  auto katakana = make_character_set(data, "katakana");
  CHECK(katakana.contains(U'ア'));
  CHECK(katakana.contains(0x3000));
  CHECK_FALSE(katakana.contains(U'あ'));
  auto hiragana = make_character_set(data, "hiragana");
  CHECK(hiragana.contains(U'ゑ'));
  CHECK(hiragana.contains(U'ー'));
  CHECK_FALSE(hiragana.contains(U'ア'));
  auto imported = make_character_set(data, "imi_ISOIEC10646-CJK-JISX0212-1990-compliant");
  CHECK(imported.contains(0x4E02));
  CHECK_THROWS_AS(make_character_set(data, "jisx9999"), UnknownCharacterSet);
  CHECK_THROWS_WITH(make_character_set(data, "jisx9999"), Catch::Contains("jisx0208, jisx0213"));
}

TEST_CASE("moji-1.6 a set file: members, sequences, and a file that is not a set", "[moji]") {
  ScratchDir dir;
  write_file(dir / "ours.txt", "# 当市の文字\n4E00\n908A_E0102 # 邊 with a selector\n\n9AD9\n");
  auto set = load_character_set_file(dir / "ours.txt");
  CHECK(set.name() == "ours");
  CHECK(set.contains(U'一'));
  CHECK(set.contains(U'髙'));
  CHECK(set.contains_sequence(u8(0x908A) + u8(0xE0102)));
  CHECK_FALSE(set.contains(U'A'));  // exactly what it lists
  write_file(dir / "bad.txt", "4E00\nhello\n");
  CHECK_THROWS_AS(load_character_set_file(dir / "bad.txt"), CharacterSetFileError);
  CHECK_THROWS_WITH(load_character_set_file(dir / "bad.txt"),
                    Catch::Contains("bad.txt:2: 'hello' is not a hex code point"));
  write_file(dir / "empty.txt", "# nothing\n");
  CHECK_THROWS_WITH(load_character_set_file(dir / "empty.txt"),
                    Catch::Contains("lists no character"));
  CHECK_THROWS_WITH(load_character_set_file(dir / "none.txt"), Catch::Contains("no such set file"));
}

TEST_CASE("moji-2.1 縮退 rule by rule", "[moji][shrink]") {
  const CharacterData& data = registry_data();
  const CharacterSet jisx0208 = make_character_set(data, "jisx0208");
  auto only = [&](std::string_view text) {
    ShrinkChoice choice = choose_replacement(data, text, jisx0208);
    INFO(text << ": " << choice.why_none << " / " << choice.candidates.size() << " candidates");
    REQUIRE(choice.unique());
    return *choice.replacement();
  };
  SECTION("MJ 縮退 of the character itself: 髙 → 高, 𠮷 → 吉, 娄 → 婁") {
    auto takai = only("髙");
    CHECK(takai.text == "高");
    CHECK(takai.rule == ShrinkRule::mj_shrink);
    CHECK(takai.from == "MJ028902");
    CHECK(only(u8(0x20BB7)).text == "吉");
    CHECK(only("娄").text == "婁");
  }
  SECTION("the NTA map first: 﨑 → 崎, 驒 → 騨") {
    auto saki = only(u8(0xFA11));
    CHECK(saki.text == "崎");
    CHECK(saki.rule == ShrinkRule::nta_map);
    CHECK(saki.from == "NTA 1-47-82 JIS3水 code");
    CHECK(only("驒").text == "騨");
  }
  SECTION("a base in the set with a selector: the selector goes") {
    auto hen = only(u8(0x908A) + u8(0xE0102));
    CHECK(hen.text == u8(0x908A));
    CHECK(hen.rule == ShrinkRule::drop_selector);
    // 﨑 + selector: its base is not in JIS X 0208; the NTA map of the base.
    CHECK(only(u8(0xFA11) + u8(0xE0102)).text == "崎");
  }
  SECTION("the same character written another way: NFC, width") {
    auto ga = only("か\xE3\x82\x99");
    CHECK(ga.text == "が");
    CHECK(ga.rule == ShrinkRule::nfc);
    auto kana = only("ｶﾞ");
    CHECK(kana.text == "ガ");
    CHECK(kana.rule == ShrinkRule::width);
  }
  SECTION("several candidates: a person chooses, each names its MJ rows") {
    // 㐄 (U+3404) exists in MJ only with selectors (MJ000007, 08, 068055): 牛井.
    ShrinkChoice choice = choose_replacement(data, u8(0x3404), jisx0208);
    REQUIRE(choice.candidates.size() == 2);
    CHECK_FALSE(choice.unique());
    CHECK(choice.candidates[0].text == "牛");
    CHECK(choice.candidates[0].from == "MJ000007, MJ000008, MJ068055");
    CHECK(choice.candidates[1].text == "井");
  }
  SECTION("nothing to replace with") {
    CHECK(choose_replacement(data, u8(0xAC00), jisx0208).why_none ==
          "neither the NTA map nor MJ has this character");
    CHECK(choose_replacement(data, u8(0xE000), jisx0208).why_none ==
          "a private-use character has no standard replacement");
    CHECK_FALSE(choose_replacement(data, u8(0xE0102), jisx0208).why_none.empty());
  }
}

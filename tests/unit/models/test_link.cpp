// test_link.cpp — link's comparison levels (names, birth dates, 性別,
// addresses), the address fold without a registry, the EM estimate, and
// run_link on small files written to fail the naive way.
// room: link
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "model_test_support.hpp"
#include "models/engine/link/link.hpp"
#include "models/engine/link/link_compare.hpp"
#include "models/engine/link/link_weights.hpp"
#include "models/engine/link/person_normalizer.hpp"

using namespace gifkit::models;
using gifkit::models::testing::kModelsDir;

namespace {

std::string fold_tables() {
  return gifkit::models::testing::read_file(kModelsDir / "dictionaries" / "address_fold.tsv");
}

LinkTexts& texts() {
  static LinkTexts pools;
  return pools;
}

PersonRecord person(std::string_view name, std::string_view kana, std::string_view birth,
                    std::string_view sex, std::string_view address) {
  static PersonNormalizer normalizer(fold_tables(), nullptr, nullptr, texts());
  return normalizer.make(2, {name, kana, birth, sex, address, "", ""});
}

std::string address_key(const PersonRecord& r) {
  return std::string(texts().addresses.text(r.address));
}
std::string town_key(const PersonRecord& r) {
  return std::string(texts().addresses.text(r.town));
}

}  // namespace

TEST_CASE("link-1.1 names: exact, reading, close and disagree") {
  const auto a = person("佐藤 一郎", "サトウ イチロウ", "", "", "");
  CHECK(compare_names(a, person("佐藤 一郎", "ｻﾄｳ ｲﾁﾛｰ", "", "", ""), texts()) ==
        AgreementLevel::exact);
  CHECK(compare_names(a, person("佐藤一郎", "", "", "", ""), texts()) == AgreementLevel::exact);
  // An input method's typo keeps the reading.
  CHECK(compare_names(a, person("佐藤 一朗", "サトウ イチロウ", "", "", ""), texts()) ==
        AgreementLevel::reading);
  // Kanji and reading both differ: two names, not a typo.
  CHECK(compare_names(person("山田 太郎", "ヤマダ タロウ", "", "", ""),
                      person("山田 次郎", "ヤマダ ジロウ", "", "", ""),
                      texts()) == AgreementLevel::disagree);
  // Without readings, one kanji off is close.
  CHECK(compare_names(person("山田 太郎", "", "", "", ""), person("山田 大郎", "", "", "", ""),
                      texts()) == AgreementLevel::close);
  // The same kanji read two ways: at most close.
  CHECK(compare_names(person("河野 一", "コウノ ハジメ", "", "", ""),
                      person("河野 一", "カワノ ハジメ", "", "", ""),
                      texts()) == AgreementLevel::close);
  // 氏 changed, 名 and its reading the same.
  CHECK(compare_names(person("佐藤 花子", "サトウ ハナコ", "", "", ""),
                      person("鈴木 花子", "スズキ ハナコ", "", "", ""),
                      texts()) == AgreementLevel::close);
  // Written with U+3000 between 氏 and 名, as many lists do.
  CHECK(compare_names(person("仲畑　暁斎", "ナカハタ　ギョウサイ", "", "", ""),
                      person("佐藤　暁斎", "サトウ　ギョウサイ", "", "", ""),
                      texts()) == AgreementLevel::close);
  CHECK(compare_names(person("沢 清吾", "サワ セイゴ", "", "", ""),
                      person("小林清吾", "コバヤシセイゴ", "", "", ""),
                      texts()) == AgreementLevel::close);
  CHECK(compare_names(person("沢 清吾", "サワ セイゴ", "", "", ""),
                      person("小林清吾", "コバヤシキヨゴ", "", "", ""),
                      texts()) == AgreementLevel::disagree);
  CHECK(compare_names(a, person("", "", "", "", ""), texts()) == AgreementLevel::missing);
}

TEST_CASE("link-1.2 birth dates: 和暦 is exact, a swap or one digit is close") {
  const auto a = person("", "", "1970-03-01", "", "");
  CHECK(compare_birth_dates(a, person("", "", "昭和45年3月1日", "", "")) == AgreementLevel::exact);
  CHECK(compare_birth_dates(a, person("", "", "1970/3/1", "", "")) == AgreementLevel::exact);
  CHECK(compare_birth_dates(a, person("", "", "1970-01-03", "", "")) == AgreementLevel::close);
  CHECK(compare_birth_dates(a, person("", "", "1971-03-01", "", "")) == AgreementLevel::close);
  CHECK(compare_birth_dates(a, person("", "", "1980-05-09", "", "")) == AgreementLevel::disagree);
  CHECK(compare_birth_dates(a, person("", "", "不明", "", "")) == AgreementLevel::missing);
  // No month 24: read as day 24, month 12, and never more than close.
  const auto swapped = person("", "", "1985-24-12", "", "");
  CHECK(swapped.birth == 19851224);
  CHECK(compare_birth_dates(swapped, person("", "", "1985-12-24", "", "")) ==
        AgreementLevel::close);
}

TEST_CASE("link-1.3 性別: codes and labels, unknown is missing") {
  CHECK(compare_sexes(person("", "", "", "男", "").sex, person("", "", "", "1", "").sex) ==
        AgreementLevel::exact);
  CHECK(compare_sexes(person("", "", "", "女性", "").sex, person("", "", "", "1", "").sex) ==
        AgreementLevel::disagree);
  CHECK(compare_sexes(person("", "", "", "9", "").sex, person("", "", "", "1", "").sex) ==
        AgreementLevel::missing);
}

TEST_CASE("link-1.4 addresses: 丁目/番地 forms, kanji numbers and 都道府県 fold alike") {
  const auto a = person("", "", "", "", "東京都文京区白山2丁目1番地2号");
  CHECK(address_key(a) == "文京区白山|2-1-2");
  CHECK(compare_addresses(a, person("", "", "", "", "文京区白山２－１－２")) ==
        AgreementLevel::exact);
  CHECK(compare_addresses(a, person("", "", "", "", "東京都文京区白山二丁目一番二号")) ==
        AgreementLevel::exact);
  // 方書 set aside.
  CHECK(compare_addresses(a, person("", "", "", "", "東京都文京区白山2-1-2 コーポ白山101号")) ==
        AgreementLevel::exact);
  CHECK(compare_addresses(a, person("", "", "", "", "東京都文京区白山2-3-4")) ==
        AgreementLevel::close);
  CHECK(compare_addresses(a, person("", "", "", "", "東京都文京区本郷2-1-2")) ==
        AgreementLevel::disagree);
  // A number that is part of a place's name (北1条) stays in the place.
  const auto b = person("", "", "", "", "北海道札幌市中央区北1条西2丁目1-1");
  CHECK(town_key(b) == "札幌市中央区北1条西");
  CHECK(address_key(b) == "札幌市中央区北1条西|2-1-1");
}

TEST_CASE("link-1.5 patterns round-trip") {
  const LinkLevels levels = {AgreementLevel::reading, AgreementLevel::close,
                             AgreementLevel::missing, AgreementLevel::disagree};
  CHECK(levels_of(pattern_of(levels)) == levels);
  CHECK(pattern_of({}) == 0);
}

TEST_CASE("link-1.6 EM with u held: the matches among pairs sharing a birth date") {
  // Pairs sharing a birth date: 1,000 of one person (all four agree), 20,000 of two
  // people (only the birth date, and 性別 half the time).
  PatternCounts same_birth{}, same_name{};
  using L = AgreementLevel;
  same_birth[pattern_of({L::exact, L::exact, L::exact, L::exact})] = 1000;
  same_birth[pattern_of({L::disagree, L::exact, L::exact, L::disagree})] = 10000;
  same_birth[pattern_of({L::disagree, L::exact, L::disagree, L::disagree})] = 10000;
  // Pairs sharing a name: the same 1,000, and 5,000 namesakes.
  same_name[pattern_of({L::exact, L::exact, L::exact, L::exact})] = 1000;
  same_name[pattern_of({L::exact, L::disagree, L::exact, L::disagree})] = 5000;
  LevelCounts random;
  random.add({L::disagree, L::disagree, L::exact, L::disagree}, 500000);
  random.add({L::disagree, L::disagree, L::disagree, L::disagree}, 500000);
  const LinkParameters p =
      estimate_link_parameters(same_birth, same_name, random, 1000000, 1e10, 50);
  CHECK(p.expected_matches == Approx(1000).epsilon(0.1));
  CHECK(p.m[0][1] > 0.9);   // names: from the pairs sharing a birth date
  CHECK(p.m[1][1] > 0.9);   // birth dates: from the pairs sharing a name
  CHECK(p.m[3][5] < 0.05);  // addresses rarely disagree for one person here
  CHECK(p.u[0][1] < 1e-4);
  CHECK(p.prior_weight < -20);
  // Nothing to learn from: the starting guesses, and no NaN.
  const LinkParameters empty = estimate_link_parameters({}, {}, LevelCounts{}, 0, 1, 50);
  CHECK(empty.m[0][1] == Approx(0.85).epsilon(0.01));
  CHECK(std::isfinite(empty.prior_weight));
}

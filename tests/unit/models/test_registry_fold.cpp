// test_registry_fold.cpp — the folds behind registry-mismatch: which spellings
// of a corporation's name and address count as the registered one, and which
// differences are still reported (legal form dropped or moved, another
// number, kanji numerals).
// room: checks
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "models/engine/checks/registry_fold.hpp"

using namespace gifkit::models;

namespace {

bool names_agree(const char* a, const char* b) {
  return fold_corporate_name(a) == fold_corporate_name(b);
}

bool same_address(const char* a, const char* b) {
  return addresses_agree(fold_address(a), fold_address(b));
}

}  // namespace

TEST_CASE("registry-fold-1 names: width, spaces, kana and legal-form spellings fold") {
  CHECK(names_agree("株式会社ＭＣＡホールディングス", "株式会社MCAホールディングス"));
  CHECK(names_agree("株式会社ＭＣＡホールディングス", "㈱ＭＣＡホールディングス"));
  CHECK(names_agree("株式会社ＭＣＡホールディングス", "（株）ＭＣＡ ホールディングス"));
  CHECK(names_agree("株式会社ＭＣＡホールディングス", "(株)MCAﾎｰﾙﾃﾞｨﾝｸﾞｽ"));
  CHECK(names_agree("有限会社峰建設", "㈲峰建設"));
  CHECK(names_agree("ＮＳＩ－ＭＩジャパン株式会社", "NSI‐MIジャパン㍿"));
  CHECK(names_agree("株式会社さのう住設", "株式会社サノウ住設"));
  CHECK(fold_corporate_name("㈱ＧＩＦ") == "株式会社GIF");
}

TEST_CASE("registry-fold-2 names: the legal form is kept, and where it stands") {
  CHECK_FALSE(names_agree("株式会社ＭＣＡホールディングス", "ＭＣＡホールディングス"));
  CHECK_FALSE(names_agree("株式会社ＭＣＡホールディングス", "ＭＣＡホールディングス株式会社"));
  CHECK_FALSE(names_agree("株式会社グランシア", "有限会社幸大保険サービス"));
  CHECK_FALSE(names_agree("有限会社峰建設", "株式会社峰建設"));
  CHECK_FALSE(names_agree("株式会社GIF", "株式会社Gif"));  // letter case is not folded
}

TEST_CASE("registry-fold-3 addresses: width, dashes and 丁目/番地/番/号 fold to hyphens") {
  CHECK(fold_address("東京都文京区湯島２丁目６番２号") == "東京都文京区湯島2-6-2");
  CHECK(fold_address("千葉県千葉市美浜区新港１７７番地") == "千葉県千葉市美浜区新港177");
  CHECK(fold_address("埼玉県三郷市東町１０５番地７") == "埼玉県三郷市東町105-7");
  // Every mark of number_marks.tsv: の ノ 之 alike (before #29 ノ and 之 were kept).
  CHECK(fold_address("埼玉県三郷市東町１０５の７") == "埼玉県三郷市東町105-7");
  CHECK(fold_address("埼玉県三郷市東町１０５ノ７") == "埼玉県三郷市東町105-7");
  // の after a mark joins as the mark did (焼津市's 887番地の95).
  CHECK(fold_address("静岡県焼津市上小杉887番地の95") == "静岡県焼津市上小杉887-95");
  CHECK(fold_address("埼玉県三郷市東町１０５之７") == "埼玉県三郷市東町105-7");
  CHECK(fold_address("東町１０５号室") == "東町105号室");
  CHECK(fold_address("東京都港区高輪２丁目１４番１７号８階") == "東京都港区高輪2-14-17-8階");
  CHECK(fold_address("東京都千代田区紀尾井町１－３ 紀尾井タワー") ==
        "東京都千代田区紀尾井町1-3紀尾井タワー");
  // A building after the 号, a hyphen or a space: the same.
  CHECK(fold_address("東京都文京区湯島２丁目２４番１４号ル・グランディール３０１") ==
        "東京都文京区湯島2-24-14ル・グランディール301");
  CHECK(fold_address("東京都文京区湯島2-24-14 ル・グランディール３０１") ==
        "東京都文京区湯島2-24-14ル・グランディール301");
  CHECK(fold_address("東京都文京区湯島2-24-14-ル・グランディール") ==
        "東京都文京区湯島2-24-14ル・グランディール");
  CHECK(fold_address("大阪府大阪市北区梅田1丁目1の3 101号室") ==
        "大阪府大阪市北区梅田1-1-3-101号室");
  CHECK(same_address("東京都文京区湯島２丁目６番２号", "東京都 文京区 湯島2-6-2"));
  CHECK(same_address("東京都文京区湯島２丁目６番２号", "東京都文京区湯島２丁目6-2"));
  CHECK(same_address("東京都中央区銀座７丁目１０番１６号", "東京都中央区銀座7‐10‐16"));
}

TEST_CASE(
    "registry-fold-4 addresses: a building after the number agrees, another number does not") {
  CHECK(same_address("東京都港区高輪２丁目１４番１７号８階", "東京都港区高輪2-14-17"));
  CHECK(
      same_address("東京都中央区銀座７丁目１０番１６号", "東京都中央区銀座7-10-16 ＭＣＡビル３階"));
  CHECK(same_address("東京都中央区銀座7-10-16ビル", "東京都中央区銀座7-10-16"));
  CHECK_FALSE(same_address("東京都港区高輪2-14-17", "東京都港区高輪2-14-170"));
  CHECK_FALSE(same_address("東京都港区高輪2-14-17", "東京都港区高輪2-14-17-8"));
  CHECK_FALSE(same_address("東京都港区高輪2-14", "東京都港区高輪2-14-17-2"));
  CHECK_FALSE(same_address("東京都千代田区", "東京都千代田区霞が関3-1-1"));
  CHECK_FALSE(same_address("千葉県柏市加賀３丁目２５番９号", "千葉県松戸市加賀3-25-9"));
  // Not folded (the address normalizer's job): kanji numerals.
  CHECK_FALSE(same_address("東京都中央区銀座７丁目１０番１６号", "東京都中央区銀座七丁目10-16"));
}

TEST_CASE("registry-fold-5 written_addresses_agree: the answer of folding both whole") {
  CHECK(written_addresses_agree("東京都文京区湯島２丁目６番２号", "東京都文京区湯島2-6-2"));
  // の after 番地 joins as 番地 does (1番地の2 is 1-2, as the address matcher reads it), whole
  // or not.
  CHECK(written_addresses_agree("福島県伊達市堀切端１番地の２", "福島県伊達市堀切端1-2"));
  CHECK(written_addresses_agree("東京都港区高輪２丁目１４番１７号８階", "東京都港区高輪2-14-17"));
  CHECK_FALSE(written_addresses_agree("東京都港区高輪2-14-17", "東京都港区高輪2-14-170"));
  CHECK_FALSE(written_addresses_agree("東京都千代田区", "東京都千代田区霞が関3-1-1"));
  // Random pairs with a common beginning, of the pieces the fold treats
  // specially (markers, digits of both widths, spaces, dashes, half-width
  // kana and its voiced mark, enclosed legal forms, invalid bytes) and plain
  // kana and kanji around them.
  const std::vector<std::string> pieces = {
      "東", "京",   "都",   "湯",   "島", "か", "ケ",   "丁",       "目", "番", "地", "号", "室",
      "の", "丁目", "番地", "号室", "1",  "2",  "１",   "２",       "-",  "－", "ー", " ",  "　",
      "ｶ",  "ﾞ",    "ｶﾞ",   "㈱",   "株", "(",  "\xFF", "\xE3\x81", "A",  "Ａ", "\t"};
  std::mt19937 random(20261122);
  auto text = [&](std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += pieces[random() % pieces.size()];
    return out;
  };
  int disagreements = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string common = text(random() % 8);
    const std::string a = common + text(random() % 6);
    const std::string b = common + text(random() % 6);
    const bool whole = addresses_agree(fold_address(a), fold_address(b));
    if (written_addresses_agree(a, b) != whole) {
      ++disagreements;
      INFO(a << " | " << b);
      CHECK(written_addresses_agree(a, b) == whole);
    }
  }
  CHECK(disagreements == 0);
}

TEST_CASE("registry-fold-6 expand_legal_forms writes the abbreviations out, nothing else") {
  CHECK(expand_legal_forms("㈱山田商店") == "株式会社山田商店");
  CHECK(expand_legal_forms("山田商店（株）") == "山田商店株式会社");
  CHECK(expand_legal_forms("(有)ＧＩＦ") == "有限会社ＧＩＦ");  // the width of the rest is kept
  CHECK(expand_legal_forms("（同）と(名)") == "合同会社と合名会社");
  CHECK(expand_legal_forms("(株") == "(株");                // not closed: as it was
  CHECK(expand_legal_forms("（仮）山田") == "（仮）山田");  // not a legal form
  CHECK(expand_legal_forms("") == "");
}

// identifiers_test.cpp — 法人番号 check digits (with real numbers, and every
// number of a published NTA diff file), 全国地方公共団体コード and 郵便番号.
// room: grammars
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "grammars/values/masked_lines.hpp"
#include "verdict_testing.hpp"

using namespace gifkit::grammars;
using gifkit::grammars::testing::check_table;
using gifkit::grammars::testing::VerdictCase;
using S = ValueStatus;

namespace {

// Splits one line of an NTA CSV file (fields may be "quoted", "" escapes a
// quote; no embedded newlines in these files).
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back().push_back('"');
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

}  // namespace

// ---------------------------------------------------------------- 法人番号

TEST_CASE("corp-1.1 the check digit formula on 国税庁 (7000012050002)") {
  // Σ P_n·Q_n over 000012050002 read from the right = 11; 9 − (11 mod 9) = 7.
  CHECK(corporate_number_check_digit("000012050002") == 7);
  CHECK(corporate_number_check_digit("000012090001") == 4);  // 経済産業省
  CHECK(corporate_number_check_digit("000000000000") == 9);
  CHECK(corporate_number_check_digit("999999999999") == 9);  // 9·(6+12)=162 ≡ 0
}

TEST_CASE("corp-1.2 real corporate numbers pass") {
  check_table(check_corporate_number,
              {
                  {"7000012050002", S::ok},  // 国税庁
                  {"4000012090001", S::ok},  // 経済産業省
                  {"2000012100001", S::ok},  // 国の機関 (IMI sample)
                  {"1430001000343", S::ok},  // 亜光測量株式会社 (IMI sample)
                  {"1010001072706", S::ok},  // NTA diff 2021-07-14, first row
                  {"1010001097199", S::ok},
                  {"1180301018771", S::ok},  // Web-API v1 num sample
                  {"7010001008844", S::ok},
              });
}

TEST_CASE("corp-1.3 a wrong check digit is invalid_check_digit naming the right one") {
  check_table(check_corporate_number, {
                                          {"9000012090004", S::invalid_check_digit},  // IMI sample
                                          {"8000012050002", S::invalid_check_digit},
                                          {"0123456789012", S::invalid_check_digit},
                                          {"7000012050003", S::invalid_check_digit},
                                      });
  CHECK(check_corporate_number("9000012090004").reason.find("expected 1") != std::string::npos);
}

TEST_CASE("corp-1.4 width and separators are fixable") {
  check_table(check_corporate_number,
              {
                  {"７００００１２０５０００２", S::wrong_width, "7000012050002"},
                  {"7000-0120-50002", S::invalid_format, "7000012050002"},
                  {"7000012050002 ", S::invalid_format, "7000012050002"},
                  {"7 0000 1205 0002", S::invalid_format, "7000012050002"},
                  {"７００００１２０５０００２\xFF", S::invalid_format},
                  // fixing the form would still leave a bad check digit
                  {"８００００１２０５０００２", S::invalid_check_digit},
                  {"8000-0120-50002", S::invalid_check_digit},
              });
}

TEST_CASE("corp-1.5 wrong lengths and other text are invalid_format") {
  check_table(check_corporate_number, {
                                          {"", S::invalid_format},
                                          {"100000000", S::invalid_format},
                                          {"10000000000000000", S::invalid_format},
                                          {"700001205000", S::invalid_format},
                                          {"700001205000X", S::invalid_format},
                                          {"7.00001E+12", S::invalid_format},
                                          {"7000012050002\xFF", S::invalid_format},
                                      });
  CHECK(check_corporate_number("100000000").reason == "9 digits; expected 13");
}

TEST_CASE("corp-2.1 every corporate number in a published NTA diff file passes") {
  const std::string path = std::string(GIFKIT_TEST_DATA_DIR) +
                           "/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv";
  std::ifstream in(path);
  if (!in) {
    WARN("published data not found, skipped: " << path);
    return;
  }
  std::size_t rows = 0;
  std::string line;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = split_csv_line(line);
    REQUIRE(fields.size() == 30);
    INFO("row " << rows + 1 << ": " << fields[1]);
    CHECK(check_corporate_number(fields[1]).ok());
    CHECK(check_date(fields[4]).ok());  // updateDate
    if (!fields[15].empty()) CHECK(check_postal_code(fields[15]).ok());
    if (!fields[20].empty()) CHECK(check_corporate_number(fields[20]).ok());  // successor
    ++rows;
  }
  CHECK(rows == 2772);
}

// ------------------------------------------------- 全国地方公共団体コード

TEST_CASE("lgcode-1.1 check digits of known codes") {
  CHECK(local_government_code_check_digit("13101") == 6);  // 千代田区 6+15+4+0+2=27
  CHECK(local_government_code_check_digit("30201") == 5);  // 和歌山市 28 mod 11 = 6
  CHECK(local_government_code_check_digit("46505") == 4);  // 屋久島町 84 mod 11 = 7
  CHECK(local_government_code_check_digit("13105") == 9);  // 文京区 35 mod 11 = 2
  CHECK(local_government_code_check_digit("01100") == 2);  // 札幌市
  CHECK(local_government_code_check_digit("00000") == 1);  // remainder 0 gives 11 → 1
}

TEST_CASE("lgcode-1.2 real codes pass") {
  check_table(check_local_government_code, {
                                               {"131016", S::ok},  // 千代田区
                                               {"302015", S::ok},  // 和歌山市
                                               {"465054", S::ok},  // 屋久島町
                                               {"131059", S::ok},  // 文京区
                                               {"011002", S::ok},  // 札幌市
                                               {"130001", S::ok},  // 東京都
                                           });
}

TEST_CASE("lgcode-1.3 wrong check digits and prefectures") {
  check_table(check_local_government_code, {
                                               {"131017", S::invalid_check_digit},
                                               {"302016", S::invalid_check_digit},
                                               {"000000", S::invalid_check_digit},
                                               {"991236", S::invalid_value},  // prefecture 99
                                               {"000001", S::invalid_value},  // prefecture 00
                                           });
}

TEST_CASE("lgcode-1.4 the old 5-digit form gets its check digit") {
  check_table(check_local_government_code, {
                                               {"13101", S::invalid_format, "131016"},
                                               {"01100", S::invalid_format, "011002"},
                                               {"46505", S::invalid_format, "465054"},
                                               {"11002", S::invalid_format, "110027"},
                                               {"99123", S::invalid_format},  // not a prefecture
                                           });
  // 11002 could also be 011002 with its leading zero lost: the reason says so.
  CHECK(check_local_government_code("11002").reason.find("011002") != std::string::npos);
  CHECK(check_local_government_code("13101").reason.find("or 0") == std::string::npos);
}

TEST_CASE("lgcode-1.5 width, separators, lengths") {
  check_table(check_local_government_code, {
                                               {"１３１０１６", S::wrong_width, "131016"},
                                               {"131-016", S::invalid_format, "131016"},
                                               {"１３１０１７", S::invalid_check_digit},
                                               {"", S::invalid_format},
                                               {"1310", S::invalid_format},
                                               {"1310160", S::invalid_format},
                                               {"13101a", S::invalid_format},
                                               {"千代田区", S::invalid_format},
                                           });
}

// -------------------------------------------------------------- 郵便番号

TEST_CASE("postal-1.1 DS-443 postal codes pass") {
  check_table(check_postal_code, {{"1008926", S::ok}, {"0600000", S::ok}, {"9071801", S::ok}});
}

TEST_CASE("postal-1.2 hyphens, 〒 and full-width digits are fixable") {
  check_table(check_postal_code, {
                                     {"100-8926", S::invalid_format, "1008926"},
                                     {"〒100-8926", S::invalid_format, "1008926"},
                                     {"〒 100-8926", S::invalid_format, "1008926"},
                                     {"100ー8926", S::invalid_format, "1008926"},
                                     {"100 8926", S::invalid_format, "1008926"},
                                     {"１００８９２６", S::wrong_width, "1008926"},
                                     {"１００－８９２６", S::invalid_format, "1008926"},
                                 });
}

TEST_CASE("postal-1.3 wrong lengths and other text are not fixable") {
  check_table(check_postal_code, {
                                     {"", S::invalid_format},
                                     {"600000", S::invalid_format},
                                     {"10089260", S::invalid_format},
                                     {"100-89", S::invalid_format},
                                     {"abcdefg", S::invalid_format},
                                     {"100-8926〒", S::invalid_format},
                                     {"東京都", S::invalid_format},
                                 });
  CHECK(check_postal_code("600000").reason.find("leading 0") != std::string::npos);
}

// ------------------------------------------------------ 個人番号 (マイナンバー)
// No real 個人番号 appears here: every number is made up and given its check
// digit by 番号法施行令 第8条, worked out in the comments.

TEST_CASE("mynumber-1.1 the check digit formula of 番号法施行令 第8条") {
  // 12345678901 read from the right: P = 1,0,9,8,7,6 | 5,4,3,2,1 with
  // Q = 2,3,4,5,6,7 | 2,3,4,5,6: 2+0+36+40+42+42 + 10+12+12+10+6 = 212;
  // 212 mod 11 = 3; 11 − 3 = 8.
  CHECK(individual_number_check_digit("12345678901") == 8);
  // 98765432109: 18+0+4+15+30+49 + 12+21+32+45+2 = 228; 228 mod 11 = 8 → 3.
  CHECK(individual_number_check_digit("98765432109") == 3);
  // 99999999999: 9 × (2+3+4+5+6+7+2+3+4+5+6) = 9 × 47 = 423; mod 11 = 5 → 6.
  CHECK(individual_number_check_digit("99999999999") == 6);
  // Remainder 1 → 0: 27182818284: 8+24+8+40+6+56 + 2+21+4+10+42 = 221 = 20·11 + 1.
  CHECK(individual_number_check_digit("27182818284") == 0);
  // Remainder 0 → 0: 14142135623: 6+6+20+15+6+28 + 2+12+4+5+24 = 132 = 12·11.
  CHECK(individual_number_check_digit("14142135623") == 0);
  CHECK(individual_number_check_digit("00000000000") == 0);
}

TEST_CASE("mynumber-1.2 numbers with their check digit are individual numbers") {
  for (const char* number : {"123456789018", "987654321093", "999999999996", "271828182840",
                             "141421356230", "314159265352", "161803398872"}) {
    INFO(number);
    CHECK(is_individual_number(number));
    CHECK(individual_number_digits(number) == std::string(number));
  }
}

TEST_CASE("mynumber-1.3 the ways people write one: full-width, 4-4-4 groups, spaces around") {
  for (const char* written :
       {"１２３４５６７８９０１８", "1234-5678-9018", "1234 5678 9018", "1234　5678　9018",
        "１２３４－５６７８－９０１８", "1234ー5678ー9018", "1234‐5678‐9018", " 123456789018 ",
        "　1234-5678-9018", "1234-5678 9018"}) {
    INFO(written);
    CHECK(is_individual_number(written));
    CHECK(individual_number_digits(written) == std::string("123456789018"));
  }
}

TEST_CASE("mynumber-1.4 a wrong check digit, other lengths and groupings are not") {
  // Every other last digit of 12345678901_ fails.
  for (char last = '0'; last <= '9'; ++last) {
    std::string number = "12345678901";
    number.push_back(last);
    INFO(number);
    CHECK(is_individual_number(number) == (last == '8'));
    CHECK(individual_number_digits(number) == number);  // written like one all the same
  }
  for (const char* text :
       {"", "12345678901", "1234567890180", "7000012050002", "03-1234-5678", "090-1234-5678",
        "123-4567-89018", "12345678-9018", "1234--5678-9018", "-1234-5678-9018", "1234-5678-9018-",
        "1234-5678-9018-1234", "個人番号123456789018", "123456789018号", "12345678901８a",
        "１２３４５６７８９０１８９"}) {
    INFO(text);
    CHECK_FALSE(is_individual_number(text));
  }
  CHECK_FALSE(individual_number_digits("123-4567-89018"));
  CHECK_FALSE(individual_number_digits("1234567890123"));
}

TEST_CASE("mynumber-1.5 masking keeps the separators as written") {
  CHECK(mask_individual_number("123456789018") == "************");
  CHECK(mask_individual_number("1234-5678-9018") == "****-****-****");
  CHECK(mask_individual_number("１２３４　５６７８　９０１８") == "****　****　****");
  // What it writes reads as masked; a number or a text does not.
  CHECK(is_masked_individual_number(mask_individual_number("1234-5678-9018")));
  CHECK(is_masked_individual_number("************"));
  CHECK_FALSE(is_masked_individual_number("****１"));
  CHECK_FALSE(is_masked_individual_number("123456789018"));
  CHECK_FALSE(is_masked_individual_number("なし"));
  CHECK_FALSE(is_masked_individual_number(""));
}

TEST_CASE("mynumber-1.6b the writer's form: true and the masked text only when one is inside") {
  std::string masked = "untouched";
  CHECK_FALSE(mask_individual_numbers_in("東京都文京区白山2-1-2", masked));
  CHECK_FALSE(mask_individual_numbers_in("123456789012", masked));   // a wrong check digit
  CHECK_FALSE(mask_individual_numbers_in("1234567890123", masked));  // 13 digits: a 法人番号
  CHECK(masked == "untouched");
  CHECK(mask_individual_numbers_in("番号 123456789018 の方", masked));
  CHECK(masked == "番号 ************ の方");
  CHECK(mask_individual_numbers_in("１２３４５６７８９０１８", masked));
  CHECK(masked == mask_individual_numbers_in("１２３４５６７８９０１８"));
}

TEST_CASE("mynumber-1.6c digits counted 16 bytes at once: at any offset, across blocks") {
  // The count of digits (ASCII, and EF BC 90–99 by their last byte, 16
  // bytes at once) lets no number through, wherever it stands in a long text.
  const std::string number = "１２３４５６７８９０１８";  // 36 bytes, EF BC 9x each
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string text = std::string(at, 'a') + "番号" + number + "の方（ビル）";
    std::string masked;
    CHECK(mask_individual_numbers_in(text, masked));
    CHECK(masked ==
          std::string(at, 'a') + "番号" + mask_individual_numbers_in(number) + "の方（ビル）");
    const std::string ascii = std::string(at, 'x') + "番号 123456789018 の方";
    CHECK(mask_individual_numbers_in(ascii, masked));
    CHECK(masked == std::string(at, 'x') + "番号 ************ の方");
  }
  // 11 digits among many full-width forms (EF bytes): no number.
  std::string masked = "untouched";
  CHECK_FALSE(
      mask_individual_numbers_in("（ＡＢＣ）（ＤＥＦ）１２３４５６７８９０１（ＧＨＩ）", masked));
  CHECK_FALSE(mask_individual_numbers_in(std::string(100, '-') + "12345678901", masked));
  CHECK(masked == "untouched");
  // Half-width カナ and full-width letters (EF BD, EF BE, EF BC) are no
  // digits, however many; a number after 5,000 bytes of them (past the 255
  // blocks a lane counts) and one whose full-width digits stand across
  // blocks at every offset are found.
  std::string kana;
  while (kana.size() < 5000) kana += "ﾄｳｷｮｳﾏｽﾀﾞＡＢ";
  CHECK_FALSE(mask_individual_numbers_in(kana + "12345678901" + kana, masked));
  CHECK(masked == "untouched");
  CHECK(mask_individual_numbers_in(kana + "番号" + number, masked));
  CHECK(masked == kana + "番号" + mask_individual_numbers_in(number));
  const std::string mixed = "1２3４5６7８9０1８";  // ASCII and full-width by turns
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string text = std::string(at, 'a') + "ﾏｲﾅﾝﾊﾞｰ" + mixed + "ﾃﾞｽ";
    CHECK(mask_individual_numbers_in(text, masked));
    CHECK(masked == std::string(at, 'a') + "ﾏｲﾅﾝﾊﾞｰ************ﾃﾞｽ");
    // The number last in the text, its digits in the last 16 bytes (counted
    // apart from the blocks before); 11 digits there are none.
    CHECK(mask_individual_numbers_in(std::string(at, 'a') + mixed, masked));
    CHECK(masked == std::string(at, 'a') + "************");
    masked = "untouched";
    CHECK_FALSE(
        mask_individual_numbers_in(std::string(at, 'a') + "ﾃﾞｽ" + "1２3４5６7８9０1", masked));
    CHECK(masked == "untouched");
  }
}

TEST_CASE("mynumber-1.6 the individual numbers inside a text are masked, nothing else") {
  CHECK(mask_individual_numbers_in("123456789018") == "************");
  CHECK(mask_individual_numbers_in("番号 123456789018 の方") == "番号 ************ の方");
  CHECK(mask_individual_numbers_in("'1234-5678-9018' is not a corporate number") ==
        "'****-****-****' is not a corporate number");
  CHECK(mask_individual_numbers_in("ID:１２３４５６７８９０１８。") == "ID:************。");
  // Full-width digits from the first byte, and mixed with ASCII ones: each counts once.
  CHECK(mask_individual_numbers_in("１２３４５６７８９０１８") == "************");
  CHECK(mask_individual_numbers_in("１2３4５6７8９0１8") == "************");
  CHECK(mask_individual_numbers_in("１２３４５６７８９０１") == "１２３４５６７８９０１");
  CHECK(mask_individual_numbers_in("a 987654321093 and 271828182840") ==
        "a ************ and ************");
  CHECK(mask_individual_numbers_in("0120-1234-5678-9018") == "0120-****-****-****");
  // Left alone: a wrong check digit, a 法人番号, a 13-digit run holding a
  // valid 12, a telephone number, short texts.
  for (const char* text :
       {"123456789017", "7000012050002", "1123456789018", "1234567890189", "03-1234-5678",
        "tel 090-1234-5678", "9018", "", "12345678901 8", "個人番号: 1234-5678-901"}) {
    INFO(text);
    CHECK(mask_individual_numbers_in(text) == text);
  }
}

TEST_CASE("mynumber-1.6d invisible characters between the digits do not hide a number") {
  using namespace std::string_literals;
  // A zero-width space, a soft hyphen, a BOM, a NUL (UTF-16 read as bytes), a
  // bidi mark, a variation selector: shown, the text reads as the number.
  for (const std::string& invisible :
       {"\u200b"s, "\u00ad"s, "\ufeff"s, std::string(1, '\0'), "\u200e"s, "\ufe0f"s, "\x01"s}) {
    std::string text = "番号 ";
    std::string expected = "番号 ";
    for (char digit : std::string("123456789018")) {
      text += digit;
      text += invisible;
      expected += '*';
      expected += invisible;
    }
    INFO(text);
    CHECK(mask_individual_numbers_in(text) == expected);
    CHECK(mask_individual_numbers_in("1234" + invisible + "-5678-9018") ==
          "****" + invisible + "-****-****");
    // Still a 13-digit 法人番号, a wrong check digit: left alone.
    const std::string corporate = "7" + invisible + "000012050002";
    CHECK(mask_individual_numbers_in(corporate) == corporate);
    const std::string wrong = "1234567890" + invisible + "17";
    CHECK(mask_individual_numbers_in(wrong) == wrong);
  }
  // A tab, a line end and a letter still cut a number.
  for (const char* text : {"123456\t789018", "123456\n789018", "123456a789018"}) {
    INFO(text);
    CHECK(mask_individual_numbers_in(text) == text);
  }
}

namespace {
// mask_labelled_individual_numbers as a function of the text ("" when nothing is masked).
std::string labelled_masked(std::string_view text) {
  std::string masked;
  return mask_labelled_individual_numbers(text, masked) ? masked : std::string();
}
}  // namespace

TEST_CASE("mynumber-1.7 a labelled individual number is masked whatever its grouping") {
  CHECK(labelled_masked("個人番号:166277306897") == "個人番号:************");
  CHECK(labelled_masked("マイナンバー 1662 7730 6897 確認") == "マイナンバー **** **** **** 確認");
  CHECK(labelled_masked("個人番号（マイナンバー）：1662-773068-97") ==
        "個人番号（マイナンバー）：****-******-**");
  CHECK(labelled_masked("ﾏｲﾅﾝﾊﾞｰは１６６２７７３０６８９７") == "ﾏｲﾅﾝﾊﾞｰは************");
  // The reports' rule masks them too, unlabelled ones as before.
  CHECK(mask_individual_numbers_in("個人番号 1662-773068-97") == "個人番号 ****-******-**");
  // Left alone: no label, a wrong check digit, a 13th digit, a label too far away.
  for (const char* text :
       {"会員番号 166277306897", "個人番号:166277306898", "個人番号:1662773068975",
        "個人番号の控えあり、166277306897", "マイナンバー 1662 7730 689"}) {
    INFO(text);
    CHECK(labelled_masked(text).empty());
  }
}

namespace {
// The chain rule read a character at a time (decode_utf8: an invalid byte
// is one character): the answer TwelveDigitScan must give, wherever the
// pieces cut the text and whatever it skips.
bool chain_rule_finds_twelve(std::string_view text) {
  int digits = 0;
  bool after_separator = false;
  bool found = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = gifkit::grammars::decode_utf8(text, pos);
    const bool digit = (cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９');
    const bool separator = cp == U'-' || cp == U'－' || cp == U'ー' || cp == U'ｰ' || cp == U' ' ||
                           cp == U'　' || cp == U'‐';
    if (digit) {
      ++digits;
      after_separator = false;
    } else if (separator && digits > 0 && !after_separator) {
      after_separator = true;
    } else if (digits > 0) {
      found |= digits == 12;
      digits = 0;
      after_separator = false;
    }
  }
  return found || digits == 12;
}

// TwelveDigitScan's answer for text given in pieces of `piece` bytes (the
// bytes it leaves of a piece given again in front of the next).
bool scanned_in_pieces(std::string_view text, std::size_t piece) {
  TwelveDigitScan scan;
  std::string pending;
  for (std::size_t at = 0; at < text.size(); at += piece) {
    pending += text.substr(at, piece);
    const std::size_t used = scan.feed(pending, false);
    REQUIRE(pending.size() - used <= 3);
    pending.erase(0, used);
  }
  scan.feed(pending, true);
  return scan.found();
}
}  // namespace

TEST_CASE("mynumber-1.8 the scan of a file's bytes finds every way one is written, and labelled") {
  auto scanned = scanned_in_pieces;  // the text in pieces of `piece` bytes
  // Every value individual_number_digits reads as a 個人番号, as a CSV cell.
  for (std::string_view value :
       {"123456789018", "1234-5678-9018", "1234 5678 9018", "１２３４５６７８９０１８",
        "１２３４－５６７８－９０１８", "1234ー5678ー9018", "　123456789018 ", "1234ｰ5678ｰ9018",
        "1234\u22125678\u22129018", "1234\u02D75678\u02D79018"}) {
    REQUIRE(individual_number_digits(value));
    for (const std::string& csv : {std::string(value), "a,\"" + std::string(value) + "\",b\r\n",
                                   "名称,7000012050002," + std::string(value) + "\n"}) {
      for (std::size_t piece : {1, 2, 5, 64}) {
        INFO(csv << " in pieces of " << piece);
        CHECK(scanned(csv, piece));
      }
    }
  }
  // No chain of 12 digits: 法人番号, telephone numbers, dates, cells apart.
  for (std::string_view text :
       {"7000012050002,03-1234-5678,〒113-0034,1951/7/13\n", "123456,789018\n",
        "１２３４５６７８９０１８９", "\"123456\"\"789018\"",
        "電話番号：０９０－１２３４－５６７８", "12345678901あ2", "1234--5678-9018",
        "1234-5678-9018-5", "個人番号:1234567890185"}) {
    for (std::size_t piece : {1, 3, 64}) {
      INFO(text << " in pieces of " << piece);
      CHECK_FALSE(scanned(text, piece));
    }
  }
  // Every number mask_labelled_individual_numbers masks.
  for (std::string_view text :
       {"個人番号:166277306897", "マイナンバー 1662 7730 6897",
        "個人番号（マイナンバー）：1662-773068-97", "個人番号:123456789018- 5"}) {
    std::string masked;
    REQUIRE(mask_labelled_individual_numbers(text, masked));
    for (std::size_t piece : {1, 2, 64}) {
      INFO(text << " in pieces of " << piece);
      CHECK(scanned(text, piece));
    }
  }
  // Bytes that are not UTF-8 end a chain without hiding the digits after them.
  CHECK(scanned("\x82\x4F,123456789018", 64));
  const std::string cut = std::string("123456") + '\xE3' + "789018";  // a lead byte alone
  CHECK_FALSE(scanned(cut, 64));
  // Long stretches without a digit (skipped 16 bytes at a time), then runs
  // of digits, ASCII and full-width: 12 digits found wherever the pieces
  // cut them, 11 and 13 not.
  const std::string names = "東京増田医療器株式会社,ﾄｳｷｮｳﾏｽﾀﾞｲﾘｮｳｷ,https://www.example.co.jp/,";
  struct Case {
    std::string_view value;
    bool found;
  };
  const Case cases[] = {{"123456789018", true},
                        {"12345678901", false},
                        {"1234567890185", false},
                        {"１２３４５６７８９０１８", true},
                        {"１２３４５６７８９０１", false},
                        {"1234５６７８9018", true},
                        {"１２３４－５６７８－９０１８", true},
                        {"０９９７－７７－９００７", false}};
  for (const auto& [cell, found] : cases) {
    const std::string value(cell);
    for (const std::string& text :
         {names + value + "\n", names + names + value, value + "," + names + names,
          "\"" + names + value + "\"," + names}) {
      for (std::size_t piece : {1, 7, 16, 17, 64, 4096}) {
        INFO(text << " in pieces of " << piece);
        CHECK(scanned(text, piece) == found);
      }
    }
  }
}

TEST_CASE("mynumber-1.9 the scan skips short stretches between delimiters: random text") {
  auto reference = chain_rule_finds_twelve;
  auto scanned = scanned_in_pieces;
  const std::vector<std::string> alphabet = {
      "1",  "2",  "3",        "4", "5",  "１", "９", "12",   "1234", "123456",  "１２３",
      "-",  "－", "ー",       " ", "　", "‐",  ",",  "\"",   "\n",   "\r\n",    "\t",
      "あ", "漢", "\xE6\xBC", "ｶ", "Ａ", "x",  "/",  "\xFF", "\xEF", "\xEF\xBC"};
  std::mt19937 random(32);
  int found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t length = random() % 120;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    const bool expected = reference(text);
    found += expected ? 1 : 0;
    for (std::size_t piece : {1, 5, 19, 64, 4096}) {
      INFO("round " << round << " in pieces of " << piece << ": " << text);
      REQUIRE(scanned(text, piece) == expected);
    }
  }
  CHECK(found > 100);  // both answers are tried
}

TEST_CASE("mynumber-1.10 the scan by windows of 64 bytes: long random texts, every piece size") {
  // Runs of digits and of other characters longer than a window, full-width
  // digits and capitals (U+FF00–U+FF3F, told by a table), ｰ and ー
  // (decoded), kana and kanji, cut characters: the scan's answer equals the
  // chain rule's for pieces of every size from 1 to 130 bytes (so every
  // place a 64-byte window can start or end in a run, a character or
  // between them), and a few larger ones.
  const std::vector<std::string> alphabet = {
      "1",
      "7",
      "12",
      "123456",
      "123456789012",
      "1234567890123456789012345678901234567890",
      "１",
      "９",
      "１２３４５６",
      "Ａ",
      "－",
      "ｰ",
      "ー",
      "　",
      " ",
      "-",
      "‐",
      "--",
      ",",
      "\"",
      "\n",
      "あ",
      "漢字",
      "ｶﾀｶﾅ",
      "x",
      "\xEF",
      "\xEF\xBC",
      "\xBC\x90",
      "\x90",
      "\xFF",
      "名称,株式会社ＭＣＡホールディングス,ｴﾑｼｰｴｰﾎｰﾙﾃﾞｨﾝｸﾞｽ,https://www.example1.co.jp/,"};
  // Every size from 1 to 130 bytes, then a few larger ones.
  std::vector<std::size_t> pieces;
  for (std::size_t piece = 1; piece <= 130; ++piece) pieces.push_back(piece);
  pieces.insert(pieces.end(), {191, 256, 4096});
  std::mt19937 random(110);
  int found = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t length = random() % 90;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    const bool expected = chain_rule_finds_twelve(text);
    found += expected ? 1 : 0;
    for (std::size_t piece : pieces) {
      INFO("round " << round << " in pieces of " << piece << ": " << text);
      REQUIRE(scanned_in_pieces(text, piece) == expected);
    }
  }
  CHECK(found > 40);  // both answers are tried
  CHECK(found < 360);
  // A chain of 12 at every place of a window, alone and after 13 digits.
  for (std::size_t lead = 0; lead < 140; ++lead) {
    const std::string before(lead, 'x');
    for (const std::string& number :
         {std::string("123456789012"), std::string("１２３４５６７８９０１２"),
          std::string("1234－5678－9012")}) {
      INFO(lead << " bytes before " << number);
      CHECK(scanned_in_pieces(before + number, 4096));
      CHECK(scanned_in_pieces(before + "1234567890123," + number + ",x", 64));
      CHECK_FALSE(scanned_in_pieces(before + number + "3", 4096));
    }
  }
}

TEST_CASE("mynumber-2.1 MaskedLines: every line passes through the text rule, a number never cut") {
  const std::string number = "166277306897";  // the check digit right
  REQUIRE(is_individual_number(number));
  std::ostringstream target;
  {
    MaskedLines masked(target);
    std::ostream out(&masked);
    out << "file " << number << ".csv: no such file\n";
    CHECK(target.str() == "file ************.csv: no such file\n");
    // A number written in pieces, flushed in the middle: held until it ends.
    out << "id 1662" << std::flush;
    CHECK(target.str().find("1662") == std::string::npos);
    out << "7730";
    out.flush();
    out << "6897 and 1234-5678-9012\r";
    CHECK(target.str().find("1662") == std::string::npos);
    out << "last " << number;  // no line end: written by the destructor
  }
  CHECK(target.str() ==
        "file ************.csv: no such file\nid ************ and 1234-5678-9012\rlast "
        "************");
}

// invariants_test.cpp — properties every check_* keeps on any input, tried on
// many generated values (fixed seed, so failures reproduce): a problem always
// has a reason, an ok value never has one, and a suggestion is itself ok.
// room: grammars
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "grammars/values/contact.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "grammars/values/period.hpp"
#include "verdict_testing.hpp"

using namespace gifkit::grammars;

namespace {

using Check = ValueVerdict (*)(std::string_view);

// Pieces that the grammars react to, plus raw and invalid bytes.
const std::vector<std::string>& pieces() {
  // clang-format off
  static const std::vector<std::string> all = {
      "0", "1", "2", "3", "4", "5", "9", "12", "2024", "03", "090", "0120", "０", "１", "９",
      "-", "－", "‐", "ー", "/", ".", " ", "　", "(", ")", "（", "）", "+", "+81 ", "#",
      "T", ":", "Z", "年", "月", "日", "元", "十", "二", "〇", "令和", "平成", "R", "H", "S",
      "内線", "Ext.", " / ", "@", "＠", "a", "example.jp", "https://", "%", "〒",
      "\xFF", "\xE3\x81", "\x80", std::string(1, '\0')};
  // clang-format on
  return all;
}

// Variations of the seeds: each seed with 0-3 random edits (insert a piece,
// delete a byte, replace a byte with a piece), so that values stay close to
// the forms the grammars know.
std::vector<std::string> generated_values(const std::vector<std::string>& seeds,
                                          std::size_t count) {
  std::mt19937 random(20240418);
  const auto below = [&random](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  std::vector<std::string> values;
  for (std::size_t i = 0; i < count; ++i) {
    std::string value = seeds[below(seeds.size())];
    for (std::size_t edits = below(4); edits > 0; --edits) {
      const std::string& piece = pieces()[below(pieces().size())];
      const std::size_t at = below(value.size() + 1);
      switch (below(3)) {
        case 0:
          value.insert(at, piece);
          break;
        case 1:
          if (at < value.size()) value.erase(at, 1);
          break;
        default:
          if (at < value.size()) value.replace(at, 1, piece);
          break;
      }
    }
    values.push_back(std::move(value));
  }
  return values;
}

void check_invariants(const char* name, Check check, const std::vector<std::string>& seeds) {
  std::size_t ok = 0;
  std::size_t with_suggestion = 0;
  for (const std::string& value : generated_values(seeds, 20000)) {
    const ValueVerdict verdict = check(value);
    INFO(name << " [" << value << "] reason: " << verdict.reason
              << " suggestion: " << verdict.suggestion);
    REQUIRE(verdict.reason.empty() == verdict.ok());
    if (verdict.ok()) {
      REQUIRE(verdict.suggestion.empty());
      ++ok;
    }
    if (!verdict.suggestion.empty()) {
      ++with_suggestion;
      REQUIRE(check(verdict.suggestion).ok());
    }
  }
  // The generator must reach every kind of path, or the test proves little.
  INFO(name << ": " << ok << " ok, " << with_suggestion << " with a suggestion");
  CHECK(ok > 100);
  CHECK(with_suggestion > 100);
}

}  // namespace

TEST_CASE("invariant-1.1 dates") {
  const std::vector<std::string> seeds = {"2024-04-18",           "2024/4/18",
                                          "令和6年4月18日",       "R6.4.18",
                                          "２０２４－０４－１８", "二〇二四年四月十八日"};
  check_invariants("check_date", check_date, seeds);
  check_invariants("check_date_time", check_date_time,
                   {"2017-09-01T18:10:50+09:00", "2024-04-18 10:00", "令和6年4月18日 9:05"});
  check_invariants("check_period", check_period,
                   {"2025-04-01/2025-06-30", "2025/4/1～2025/6/30", "9:00～17:00", "23:00/24:00",
                    "平成27年～平成29年", "2025-04-01/06-30"});
  check_invariants("check_duration", check_duration, {"P1Y3M5D", "2年6か月", "PT1H30M", "9:30"});
}

TEST_CASE("invariant-1.2 identifiers") {
  check_invariants("check_corporate_number", check_corporate_number,
                   {"7000012050002", "4000012090001", "７００００１２０５０００２"});
  check_invariants("check_local_government_code", check_local_government_code,
                   {"131016", "13101", "１３１０１６"});
  check_invariants("check_postal_code", check_postal_code, {"1008926", "〒100-8926"});
}

TEST_CASE("invariant-1.3 contact formats") {
  check_invariants("check_phone_number", check_phone_number,
                   {"03-5253-5111", "(03)5253-5111 内線999", "+81 3-5253-5111", "09012345678",
                    "03-5253-5111 / 03-5253-5112"});
  check_invariants("check_email", check_email, {"info@digital.go.jp", "user＠example.jp"});
  check_invariants("check_url", check_url,
                   {"https://www.digital.go.jp/", "https://example.jp/東京?q=a b#x"});
}

TEST_CASE("invariant-1.4 long inputs are handled without overflow") {
  const std::string digits(100000, '9');
  for (const Check check : {check_date, check_date_time, check_period, check_duration,
                            check_corporate_number, check_local_government_code, check_postal_code,
                            check_phone_number, check_email, check_url}) {
    const ValueVerdict verdict = check(digits);
    CHECK(verdict.status == ValueStatus::invalid_format);
    CHECK(verdict.suggestion.empty());
  }
}

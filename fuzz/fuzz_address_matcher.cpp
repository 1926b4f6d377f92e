// fuzz_address_matcher.cpp — libFuzzer target for the address normalizer
// (registries/abr/address_matcher.hpp) over a REAL registry, and for the
// written-address rules of validate --registry (models/engine/checks/registry_rules.hpp)
// that call it. On the first input it builds a registry in a scratch
// directory from the ABR files of $GIFKIT_DATA (else the configured data
// directory): abr/national (prefectures and cities, with their positions),
// abr/bunkyo (文京区: 町字 and 住居表示 residences), abr/yakushima (屋久島町:
// 町字 and 地番) and abr/ebino (えびの市: 町字 only) — the position files of
// the last three are left out, they are large and only give points. Without
// that data it says so and exits 77 (the replay test is then skipped).
//
// Each input is (1) normalized as one address line, twice (the matcher
// reuses scratch buffers and reads a city's places on first use: both
// results must be equal), and, when it reaches a 町字, its output is
// normalized again and must reach the same 町字; (2) checked as a row of a
// gif:Address dataset (the shipped models/gif/Address.xml) through
// RegistryRules and a SessionLookup on the same registry, as the
// 連結表記 (住所) cell, as 町字以下 beside a 全国地方公共団体コード, as the 町字
// of the 4-item form, and as the 市区町村 of the 3-item form.
//
// Invariants of a normalized address: nothing crashes; match_level, stop,
// ambiguous and the filled fields agree (level unknown => no code; a 町字ID
// => level machiaza or deeper; a number level => its numbers; stop no_city
// => level prefecture; ambiguous <=> stop ambiguous, reason "ambiguous…");
// lg_code is 6 digits and machiaza_id 7; gif.cityBlock is digits joined by
// single '-'; the GIF fields repeat the geocoder fields; every string is
// valid UTF-8 when the input is; invalid UTF-8 is unreadable. Invariants of
// the rules' findings: a known address code, a column of the row, a
// severity that is the code's own or warning, every {name} of the code's
// message template given, valid UTF-8 when the input is.
// room: abr
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "grammars/text/utf8.hpp"
#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/engine/report/problem_codes.hpp"
#include "models/session/session_lookup.hpp"
#include "registries/abr/address_matcher.hpp"
#include "registries/builder/build_registry.hpp"
#include "registries/db/registry_db.hpp"

#ifndef GIFKIT_FUZZ_MODELS_DIR
#error "GIFKIT_FUZZ_MODELS_DIR must name the models directory"
#endif
#ifndef GIFKIT_FUZZ_DATA_DIR
#define GIFKIT_FUZZ_DATA_DIR ""
#endif

namespace {

namespace fs = std::filesystem;
namespace m = gifkit::models;
namespace abr = gifkit::registries::abr;
using abr::MatchLevel;
using abr::MatchStop;
using abr::NormalizedAddress;
using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;

// Exit status that ctest reads as "skipped" (SKIP_RETURN_CODE in replay.cmake).
constexpr int kSkipped = 77;
// AddressMatcherOptions::max_input_chars, the default the matcher runs with.
const std::size_t kMaxInputChars = abr::AddressMatcherOptions().max_input_chars;

fs::path data_dir() {
  const char* env = std::getenv("GIFKIT_DATA");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(GIFKIT_FUZZ_DATA_DIR);
}

// The ABR files the registry is built from; empty when one is missing.
std::vector<fs::path> abr_sources(const fs::path& abr) {
  const std::vector<fs::path> sources = {
      abr / "national" / "mt_pref_all.csv.zip",  abr / "national" / "mt_pref_pos_all.csv.zip",
      abr / "national" / "mt_city_all.csv.zip",  abr / "national" / "mt_city_pos_all.csv.zip",
      abr / "bunkyo" / "mt_town_all.csv.zip",    abr / "bunkyo" / "mt_rsdtdsp_rsdt_pref13.csv.zip",
      abr / "yakushima" / "mt_town_all.csv.zip", abr / "yakushima" / "mt_parcel_city465054.csv.zip",
      abr / "ebino" / "mt_town_pref45.csv.zip",
  };
  for (const fs::path& source : sources) {
    std::error_code ec;
    if (!fs::is_regular_file(source, ec)) {
      std::fprintf(stderr, "fuzz_address_matcher: skipped: %s is missing (set GIFKIT_DATA)\n",
                   source.c_str());
      return {};
    }
  }
  return sources;
}

// A scratch directory (in $TMPDIR, else /dev/shm, else /tmp).
fs::path make_scratch_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp != nullptr && *tmp != '\0' ? tmp : "";
  if (base.empty()) base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string pattern = base + "/gifkit-fuzz-abr-XXXXXX";
  FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr, "cannot create a directory in " + base);
  return pattern;
}

void build_registry(const fs::path& target, const std::vector<fs::path>& sources) {
  gifkit::registries::RegistryBuildOptions options;
  options.out = target;
  options.sources = sources;
  auto result = gifkit::registries::build_registry(options, {});
  FUZZ_CHECK(result.rejected == 0,
             std::to_string(result.rejected) + " rows of the real ABR files rejected");
}

// The columns of the gif:Address row of the rules' part.
enum Column {
  kLgCode,
  kTownId,
  kPostalCode,
  kPrefecture,
  kCity,
  kTown,
  kCityBlock,
  kTownAndBlock,
  kFullAddress,
  kColumns
};
constexpr const char* kColumnPaths[kColumns] = {
    "localGovernmentCode", "streetAddressId", "postalCode", "prefecture",
    "cityAndCounty",       "streetAddress",   "cityBlock",  "streetAddressAndCityBlock",
    "fullAddress"};

struct Setup {
  fs::path fold_tables = fs::path(GIFKIT_FUZZ_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
  std::optional<gifkit::registries::RegistryDb> db;
  std::unique_ptr<abr::AddressMatcher> matcher;
  abr::AddressMatcher::Scratch scratch;  // the fuzzer runs on one thread
  m::ModelCatalog catalog;
  std::unique_ptr<m::LookupSession> session;
  std::unique_ptr<m::SessionLookup> lookup;
  std::vector<std::string> headers;
  std::unique_ptr<m::RegistryRules> rules;
  const bool verbose = std::getenv("GIFKIT_FUZZ_VERBOSE") != nullptr;

  Setup() {
    const std::vector<fs::path> sources = abr_sources(data_dir() / "abr");
    if (sources.empty()) std::exit(kSkipped);
    const fs::path dir = make_scratch_dir();
    const fs::path registry = dir / "abr.sqlite";
    build_registry(registry, sources);
    db.emplace(gifkit::registries::RegistryDb::open_existing(registry));
    abr::AddressMatcherOptions options;
    options.fold_tables = fold_tables;
    matcher = std::make_unique<abr::AddressMatcher>(*db, options);
    session = m::open_lookup_session(registry, GIFKIT_FUZZ_MODELS_DIR, {});
    lookup = session->lookup();
    FUZZ_CHECK(lookup->has_addresses(), "the registry has no ABR data");
    // The session makes its matcher (with a connection of its own) and reads its
    // character data on first use: both now, while the file is still there.
    session->registry().require_address_matcher();
    session->characters();
    // Both connections keep the file open (read only): remove it now, so no
    // run, crashed or not, leaves it behind.
    std::error_code ec;
    fs::remove_all(dir, ec);

    std::vector<m::ModelLoadError> errors;
    FUZZ_CHECK(catalog.load_directory(GIFKIT_FUZZ_MODELS_DIR, errors),
               "cannot load the models from " GIFKIT_FUZZ_MODELS_DIR);
    const m::Model* model = catalog.find("gif:Address");
    FUZZ_CHECK(model != nullptr, "no gif:Address model");
    for (const char* path : kColumnPaths) {
      const m::FieldSpec* field = model->find_field(path);
      FUZZ_CHECK(field != nullptr, std::string("gif:Address has no field ") + path);
      headers.push_back(field->label);
    }
    auto column_of = [](const std::string& path) {
      for (int i = 0; i < kColumns; ++i)
        if (path == kColumnPaths[i]) return i;
      return -1;
    };
    rules = std::make_unique<m::RegistryRules>(*model, headers, column_of, *lookup,
                                               [](std::string_view) { return true; });
    FUZZ_CHECK(!rules->empty(), "gif:Address's registry check did not bind");
  }
};

bool ascii_digits(std::string_view text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// DS-442 番地以下: digits joined by single hyphens ("" allowed).
bool city_block_form(std::string_view block) {
  if (block.empty()) return true;
  if (block.front() == '-' || block.back() == '-' || block.find("--") != std::string_view::npos)
    return false;
  return std::all_of(block.begin(), block.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

int rank(MatchLevel level) {
  return static_cast<int>(level);
}

// The invariants of one result; input is what normalize was given.
void check_result(std::string_view input, const NormalizedAddress& r) {
  const std::string where = " (input " + hex(input) + ")";
  std::string_view line = input;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  FUZZ_CHECK(r.input == line, "input not kept" + where);
  const bool valid = is_valid_utf8(input);
  if (!valid) {
    FUZZ_CHECK(r.stop == MatchStop::unreadable && r.match_level == MatchLevel::unknown,
               "invalid UTF-8 not unreadable" + where);
  }
  if (r.stop == MatchStop::unreadable) {
    FUZZ_CHECK(r.match_level == MatchLevel::unknown && r.output.empty() && r.lg_code.empty(),
               "an unreadable address with a result" + where);
  }
  // Every string is valid UTF-8 (the input's own bytes aside).
  if (valid) {
    for (const std::string* text : {&r.output,
                                    &r.lg_code,
                                    &r.machiaza_id,
                                    &r.pref,
                                    &r.county,
                                    &r.city,
                                    &r.ward,
                                    &r.oaza_cho,
                                    &r.chome,
                                    &r.koaza,
                                    &r.others,
                                    &r.reason,
                                    &r.postal_code,
                                    &r.gif.localGovernmentCode,
                                    &r.gif.streetAddressId,
                                    &r.gif.prefecture,
                                    &r.gif.cityAndCounty,
                                    &r.gif.streetAddress,
                                    &r.gif.cityBlock,
                                    &r.gif.buildingNameEtc}) {
      FUZZ_CHECK(is_valid_utf8(*text), "invalid UTF-8 in the result: " + hex(*text) + where);
    }
  }
  FUZZ_CHECK(r.postal_code.empty() || ascii_digits(r.postal_code, 7),
             "postal code " + r.postal_code + where);

  // The level and the fields it fills.
  const MatchLevel level = r.match_level;
  if (level == MatchLevel::unknown) {
    FUZZ_CHECK(r.lg_code.empty() && r.pref.empty() && r.city.empty() && r.machiaza_id.empty(),
               "level unknown with a place: " + r.lg_code + where);
    FUZZ_CHECK(r.stop == MatchStop::unreadable || r.stop == MatchStop::no_place ||
                   r.stop == MatchStop::ambiguous,
               "level unknown, stop " + std::to_string(static_cast<int>(r.stop)) + where);
    FUZZ_CHECK(!r.reason.empty(), "level unknown without a reason" + where);
  } else {
    FUZZ_CHECK(ascii_digits(r.lg_code, 6), "lg_code '" + r.lg_code + "'" + where);
    FUZZ_CHECK(!r.pref.empty() && r.output.starts_with(r.pref),
               "output '" + r.output + "' does not start with the prefecture" + where);
    FUZZ_CHECK(r.stop != MatchStop::unreadable && r.stop != MatchStop::no_place,
               "a place found, stop unreadable or no_place" + where);
  }
  if (level == MatchLevel::prefecture) {
    FUZZ_CHECK(r.city.empty() && r.machiaza_id.empty(), "level prefecture with a city" + where);
  }
  if (rank(level) >= rank(MatchLevel::city)) {
    FUZZ_CHECK(!r.city.empty(), "level city or deeper without a city" + where);
  }
  if (r.stop == MatchStop::no_city) {
    FUZZ_CHECK(level == MatchLevel::prefecture, "stop no_city below the prefecture" + where);
  }
  if (r.stop == MatchStop::no_town || r.stop == MatchStop::no_town_data) {
    FUZZ_CHECK(level == MatchLevel::city, "stop no_town(_data) at another level" + where);
  }
  if (!r.machiaza_id.empty()) {
    FUZZ_CHECK(rank(level) >= rank(MatchLevel::machiaza),
               "a 町字ID above the machiaza level" + where);
    FUZZ_CHECK(ascii_digits(r.machiaza_id, 7), "machiaza_id '" + r.machiaza_id + "'" + where);
  } else {
    FUZZ_CHECK(rank(level) < rank(MatchLevel::machiaza) ||
                   (level == MatchLevel::machiaza && r.stop == MatchStop::partial_town),
               "level " + std::string(abr::match_level_name(level)) + " without a 町字ID" + where);
  }
  const bool residential =
      level == MatchLevel::residential_block || level == MatchLevel::residential_detail;
  FUZZ_CHECK(residential == !r.blk_num.empty(), "blk_num and the level disagree" + where);
  FUZZ_CHECK((level == MatchLevel::residential_detail) == !r.rsdt_num.empty(),
             "rsdt_num and the level disagree" + where);
  FUZZ_CHECK((level == MatchLevel::parcel) == !r.prc_num1.empty(),
             "prc_num1 and the level disagree" + where);

  // Ambiguity.
  FUZZ_CHECK(r.ambiguous == (r.stop == MatchStop::ambiguous),
             "ambiguous and stop disagree" + where);
  if (r.ambiguous) {
    FUZZ_CHECK(r.reason.starts_with("ambiguous"), "ambiguous, reason '" + r.reason + "'" + where);
  }

  // The GIF form.
  FUZZ_CHECK(city_block_form(r.gif.cityBlock),
             "cityBlock '" + r.gif.cityBlock + "' not in the DS-442 form" + where);
  FUZZ_CHECK(r.gif.cityBlock.empty() || !r.machiaza_id.empty(), "cityBlock without 町字" + where);
  FUZZ_CHECK(r.gif.buildingNameEtc.empty() || !r.machiaza_id.empty(),
             "buildingNameEtc without 町字" + where);
  FUZZ_CHECK(r.gif.localGovernmentCode == r.lg_code && r.gif.streetAddressId == r.machiaza_id &&
                 r.gif.prefecture == r.pref,
             "the GIF codes differ from the geocoder fields" + where);
  if (level != MatchLevel::unknown) {
    FUZZ_CHECK(r.gif.cityAndCounty == r.county + r.city + r.ward &&
                   r.gif.streetAddress == r.oaza_cho + r.chome + r.koaza,
               "the GIF names differ from the geocoder fields" + where);
  }
  if (r.point.known) {
    FUZZ_CHECK(std::isfinite(r.point.lat) && std::isfinite(r.point.lon) &&
                   std::abs(r.point.lat) <= 90 && std::abs(r.point.lon) <= 180,
               "a point out of range" + where);
  }
}

bool same(const NormalizedAddress& a, const NormalizedAddress& b) {
  return a.output == b.output && a.match_level == b.match_level && a.stop == b.stop &&
         a.ambiguous == b.ambiguous && a.reason == b.reason && a.lg_code == b.lg_code &&
         a.machiaza_id == b.machiaza_id && a.others == b.others &&
         a.gif.cityBlock == b.gif.cityBlock && a.gif.buildingNameEtc == b.gif.buildingNameEtc &&
         a.postal_code == b.postal_code && a.point.known == b.point.known &&
         a.point.lat == b.point.lat && a.point.lon == b.point.lon;
}

void check_normalize(Setup& setup, std::string_view input) {
  const NormalizedAddress first = setup.matcher->normalize(input, setup.scratch);
  check_result(input, first);
  const NormalizedAddress again = setup.matcher->normalize(input, setup.scratch);
  FUZZ_CHECK(same(first, again), "normalizing twice gave different results: '" + first.output +
                                     "' / '" + again.output + "' (input " + hex(input) + ")");
  if (setup.verbose) {
    std::fprintf(stderr, "  %s %s stop=%d %s %s | %s\n",
                 std::string(abr::match_level_name(first.match_level)).c_str(),
                 first.output.c_str(), static_cast<int>(first.stop), first.lg_code.c_str(),
                 first.machiaza_id.c_str(), first.reason.c_str());
  }
  // The normalized form reaches the same 町字 again (unless the form, which
  // adds 丁目 and a space, is longer than the matcher takes). Only when
  // nothing follows the 番地以下: the Kyoto street markers are looked for in
  // the whole address, so a marker and a 町字 name in a building (白山1-2-3
  // 東入白山5 → 白山５丁目) win over the 町字 in front — a known limitation,
  // see the street_marker_in_building seed.
  if (!first.machiaza_id.empty() && !first.ambiguous && first.others.empty() &&
      first.gif.buildingNameEtc.empty()) {
    const NormalizedAddress renormalized = setup.matcher->normalize(first.output, setup.scratch);
    check_result(first.output, renormalized);
    if (renormalized.stop == MatchStop::unreadable &&
        gifkit::grammars::count_code_points(first.output) > kMaxInputChars)
      return;
    FUZZ_CHECK(
        renormalized.lg_code == first.lg_code && renormalized.machiaza_id == first.machiaza_id,
        "the output '" + first.output + "' (" + first.lg_code + " " + first.machiaza_id +
            ") normalizes to " + renormalized.lg_code + " " + renormalized.machiaza_id + " '" +
            renormalized.output + "' (input " + hex(input) + ")");
  }
}

// Every {name} of the template is given (field and value are the engine's).
bool template_filled(std::string_view message, const std::map<std::string, std::string>& values) {
  for (std::size_t open = message.find('{'); open != std::string_view::npos;
       open = message.find('{', open + 1)) {
    const std::size_t close = message.find('}', open);
    if (close == std::string_view::npos) return false;
    const std::string name(message.substr(open + 1, close - open - 1));
    if (name != "field" && name != "value" && !values.contains(name)) return false;
  }
  return true;
}

void check_rules(Setup& setup, std::string_view input) {
  const bool valid = is_valid_utf8(input);
  // The rows: the input as 住所 alone, as 住所 beside codes that agree with
  // each other, as 町字以下 beside a code, as the 町字 of the 4-item form,
  // and as the 市区町村 of the 3-item form.
  std::vector<std::vector<std::string_view>> rows(5, std::vector<std::string_view>(kColumns));
  rows[0][kFullAddress] = input;
  rows[1] = {"131059", "0001001", "1120001", "東京都", "文京区", "白山一丁目", "", "", input};
  rows[2][kLgCode] = "465054";
  rows[2][kTownAndBlock] = input;
  rows[3] = {"131059", "0001001", "", "東京都", "文京区", input, "2-3", "", ""};
  rows[4][kPrefecture] = "鹿児島県";
  rows[4][kCity] = input;
  rows[4][kTownAndBlock] = "安房2405-452";
  const std::vector<std::uint8_t> no_problems(kColumns, 0);
  std::vector<m::RegistryFinding> findings;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    findings.clear();
    setup.rules->check_row(rows[row], no_problems, findings);
    for (const m::RegistryFinding& finding : findings) {
      const std::string where = " (row " + std::to_string(row) + ", code " +
                                std::string(finding.code) + ", input " + hex(input) + ")";
      if (setup.verbose) {
        std::fprintf(stderr, "  row %zu: %s col %d '%s' -> '%s'\n", row,
                     std::string(finding.code).c_str(), finding.column, finding.value.c_str(),
                     finding.suggestion.c_str());
      }
      const bool address_code =
          finding.code == "not-in-registry" || finding.code == "registry-not-checked" ||
          finding.code == "registry-mismatch" || finding.code == "inconsistent-address" ||
          finding.code == "invalid-format" || finding.code == "wrong-width";
      FUZZ_CHECK(address_code, "not an address code" + where);
      const m::ProblemCode* code = m::find_problem_code(finding.code);
      FUZZ_CHECK(code != nullptr, "unknown code" + where);
      FUZZ_CHECK(finding.column >= 0 && finding.column < kColumns,
                 "column " + std::to_string(finding.column) + where);
      FUZZ_CHECK(!finding.severity || *finding.severity == m::Severity::warning,
                 "a severity other than warning" + where);
      FUZZ_CHECK(template_filled(code->message, finding.values),
                 "the message template is not filled" + where);
      FUZZ_CHECK(!finding.value.empty(), "a finding without a value" + where);
      if (finding.code == "invalid-format" || finding.code == "wrong-width" ||
          finding.code == "inconsistent-address") {
        FUZZ_CHECK(!finding.suggestion.empty(), "no suggestion" + where);
      }
      if (valid) {
        bool utf8 = is_valid_utf8(finding.field) && is_valid_utf8(finding.value) &&
                    is_valid_utf8(finding.suggestion);
        for (const auto& [name, value] : finding.values) utf8 = utf8 && is_valid_utf8(value);
        FUZZ_CHECK(utf8, "a finding with invalid UTF-8" + where);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Setup setup;
  const std::string_view input = gifkit::fuzz::as_text(data, size);
  check_normalize(setup, input);
  check_rules(setup, input);
  return 0;
}

// link.hpp — `link` as a library function (GDAL style): record linkage of
// people on the 基本4情報 (氏名, 生年月日, 性別, 住所). One file is
// deduplicated (clusters of rows that are one person), two files are linked
// (pairs of rows, one from each). Each item is normalized as gifkit does
// elsewhere (names through the character data's fold, readings through
// grammars/text/kana_reading, dates from 和暦, 性別 codes and labels, addresses
// through the Address Base Registry when a registry is given, else through the
// address fold), candidate pairs come from blocking (near-linear), each pair's
// items are compared at graded levels, and the weights are estimated without
// labels (Fellegi–Sunter, EM; term-frequency adjusted). The gifkit link command
// (and any service) calls run_link; docs/link.md describes the rules.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/engine/checks/individual_number.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/link/link_items.hpp"
#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/lookups/character_lookup.hpp"
#include "models/engine/lookups/corporation_lookup.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

struct LinkOptions {
  std::string left_path;   // the file to deduplicate, or LEFT
  std::string right_path;  // RIGHT, or "" to deduplicate left_path
  // Audit (--audit): left_path and these files are one list whose id_column
  // (required) is already used as a person's ID: report the IDs whose
  // records are not one person, and the people under several IDs.
  bool audit = false;
  std::vector<std::string> more_paths;
  std::string model;      // a model id or file; "" for gif:Person
  std::string id_column;  // a column printed beside each row (a 宛名番号), "" none
  // A pair is a link when its match probability is at least this.
  double threshold = 0.8;
  // How both files are read: encoding, delimiter, an .xlsx's sheet and caps.
  DatasetReadOptions reading;
  // The header names that say a column holds 個人番号: such a column is
  // refused as --id and never read.
  const IndividualNumberHeaders* individual_number_headers = nullptr;
  // Where names are folded (異体字, 縮退) and addresses matched; either may be
  // null (names compared as written after the width fold; addresses by the
  // address fold alone).
  CharacterLookup* characters = nullptr;
  AddressLookup* addresses = nullptr;
  // A list of corporations (gif:LegalEntity) is linked to the 法人番号 data
  // read through this (a registry); null: such a list cannot be linked.
  CorporationLookup* corporations = nullptr;
  // The address fold tables' text (models/dictionaries/address_fold.tsv).
  std::string address_fold_tables;
  // A block (rows sharing one blocking key) larger than this is left out of
  // that key's candidates (the other keys still pair its rows).
  std::size_t max_block = 2000;
  // The most candidate pairs blocking may make (each holds 10 bytes while it
  // is compared, its link more): beyond, link stops with LinkFailure (exit 2)
  // rather than grow without bound (issue #56: 100,000 rows in blocks of
  // 2,000 shared birth dates).
  std::uint64_t max_pairs = 50'000'000;
  int em_iterations = 30;
  std::uint64_t seed = 20231218;
};

// Why link could not run (exit 2): a file that cannot be read, no item to
// compare, a model that cannot be found, a 個人番号 column named as --id.
struct LinkFailure {
  std::string message;
};

// The rule a pair satisfies, from which items agree (exact, folded or
// reading): all four; 氏名, 生年月日 and 住所 with 性別 unknown on a side; or
// fewer. Only the first two are ever called certain.
enum class LinkRule : std::uint8_t { all_four, three_without_sex, fewer };
std::string_view link_rule_name(LinkRule rule);  // "all-four", "three-without-sex", "fewer"

struct LinkPair {
  std::uint32_t left = 0, right = 0;  // indexes into LinkResult's left and right records
  double weight = 0;                  // log2 of the match odds (prior included)
  double probability = 0;
  LinkRule rule = LinkRule::fewer;
  std::array<AgreementLevel, kLinkItemCount> levels{};
  std::array<double, kLinkItemCount> item_weights{};  // what each item adds
};

// The estimated Fellegi–Sunter parameters: per item and level, m (how often
// a true pair is at that level, from EM) and u (how often two records at
// random are, from a sample of random pairs).
struct LinkParameters {
  std::array<std::array<double, kAgreementLevelCount>, kLinkItemCount> m{}, u{};
  double prior_weight = 0;  // log2 of the odds that two records at random are one person
  double expected_matches = 0;
  int em_iterations = 0;
  std::uint64_t random_pairs = 0;  // pairs the u were counted on
};

struct LinkCluster {
  std::vector<std::uint32_t> records;  // indexes into left records, by row
  bool ambiguous = false;              // two of its rows are far from one another
};

// What an audit found (link --audit): an ID whose records are not one
// person, or one person under several IDs.
enum class AuditKind : std::uint8_t { id_records_disagree, person_under_several_ids };
std::string_view audit_kind_name(AuditKind kind);  // "id-records-disagree", …

struct AuditFinding {
  AuditKind kind = AuditKind::id_records_disagree;
  // id_records_disagree: family-member (the same address and 氏, another 名
  // and birth date), namesake (the same 氏名, another birth date) or
  // other-person; person_under_several_ids: the rule of the link.
  std::string pattern;
  std::vector<std::string> ids;  // the ID, or the IDs of the one person
  LinkPair pair;                 // the two records, compared (indexes into left)
};

// A row of a list of corporations linked to the registry's 法人番号 data
// (or not): by its own 法人番号, or by its 商号 and 所在地.
struct CorporationLink {
  std::uint32_t record = 0;  // index into LinkResult's left records
  // number (its 法人番号 is registered), name-and-address (one registered
  // corporation of that name at that address), name-and-town (one of that
  // name in that 町字), name-only (the only one of that name; the row has
  // no address), ambiguous (several fit), address-differs (of that name,
  // none at that address), not-found, not-registered (its 法人番号 is not in
  // the registry).
  std::string rule;
  bool certain = false;  // number (name or address agreeing) or name-and-address
  AgreementLevel name = AgreementLevel::missing, address = AgreementLevel::missing;
  std::size_t candidates = 0;        // registered corporations of that name
  RegisteredCorporation registered;  // the one linked (number empty when none)
  bool review = false;               // for a person to decide
};

struct LinkSummary {
  std::uint64_t left_rows = 0, right_rows = 0;
  std::uint64_t candidate_pairs = 0;
  std::uint64_t links = 0;
  std::uint64_t certain = 0;  // links under all-four or three-without-sex
  std::uint64_t clusters = 0;
  std::uint64_t review = 0;              // links (or clusters) listed for review
  std::uint64_t rows_without_items = 0;  // rows with no item to compare
  std::uint64_t skipped_blocks = 0;
  std::uint64_t findings = 0;     // audit: findings
  std::uint64_t audited_ids = 0;  // audit: IDs on two rows or more
  std::vector<std::string> notes;
};

struct LinkResult {
  bool dedupe = false;
  bool audit = false;
  bool corporations = false;                       // a list of corporations linked to the registry
  std::vector<CorporationLink> corporation_links;  // one per row of such a list
  std::vector<std::string> files;                  // the files read, by PersonRecord::file
  std::string model;                               // the model's id
  LinkItemColumns left_columns, right_columns;
  std::vector<PersonRecord> left, right;  // right empty when deduplicating
  LinkParameters parameters;
  std::vector<LinkPair> links;  // by left row, then right row
  std::vector<LinkCluster> clusters;
  // Indexes into links: 1:N and N:1 (two files), or the links of ambiguous
  // clusters (one file).
  std::vector<std::size_t> review;
  std::vector<AuditFinding> findings;  // audit
  LinkSummary summary;

  // The records a link's right index points into: RIGHT's, or the one file's.
  const std::vector<PersonRecord>& right_side() const { return dedupe ? left : right; }
};

// Links (or deduplicates) as options say; throws LinkFailure when it cannot.
LinkResult run_link(const LinkOptions& options, ModelCatalog& catalog);

}  // namespace gifkit::models

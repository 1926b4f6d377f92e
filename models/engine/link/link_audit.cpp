// link_audit.cpp — the IDs whose records are not one person, and the people
// under several IDs (see link_audit.hpp).
#include "models/engine/link/link_audit.hpp"

#include <algorithm>
#include <cassert>
#include <map>
#include <numeric>

namespace gifkit::models {

namespace {

// Rows of one ID beyond which only each row against the first is compared
// (not every pair).
constexpr std::size_t kEveryPairUpTo = 16;

// The pattern of two records of one ID that are not one person.
std::string pattern_of(const LinkPair& pair, const PersonRecord& a, const PersonRecord& b) {
  const auto name = pair.levels[0], birth = pair.levels[1], address = pair.levels[3];
  const bool other_birth = birth == AgreementLevel::disagree;
  if (address == AgreementLevel::exact && a.family != 0 && a.family == b.family &&
      a.given != b.given && other_birth)
    return "family-member";
  if ((name == AgreementLevel::exact || name == AgreementLevel::folded ||
       name == AgreementLevel::reading) &&
      other_birth)
    return "namesake";
  return "other-person";
}

// The ID as read, to tell IDs apart; the finding's ids are as written
// (shown_id: a 個人番号 masked).
std::string_view id_of(const PersonRecord& r) {
  return r.id_key();
}

std::string_view shown_id(const PersonRecord& r) {
  return r.get(WrittenItem::id);
}

}  // namespace

std::string_view audit_kind_name(AuditKind kind) {
  switch (kind) {
    case AuditKind::id_records_disagree:
      return "id-records-disagree";
    case AuditKind::person_under_several_ids:
      return "person-under-several-ids";
  }
  return "?";
}

void audit_ids(LinkResult& result, const PairScorer& scorer) {
  assert(result.dedupe);
  const std::vector<PersonRecord>& records = result.left;
  // The rows of each ID.
  std::map<std::string_view, std::vector<std::uint32_t>> rows_of;
  for (std::uint32_t i = 0; i < records.size(); ++i)
    if (!id_of(records[i]).empty()) rows_of[id_of(records[i])].push_back(i);
  for (const auto& [id, rows] : rows_of) {
    if (rows.size() < 2) continue;
    ++result.summary.audited_ids;
    for (std::size_t x = 0; x < rows.size(); ++x) {
      if (x > 0 && rows.size() > kEveryPairUpTo) break;
      for (std::size_t y = x + 1; y < rows.size(); ++y) {
        LinkPair pair = scorer.score(records[rows[x]], records[rows[y]]);
        // Not one person: no link, and a name or a birth date that disagrees
        // outright (a typo'd date of a person who moved is no finding).
        if (scorer.is_link(pair) || (pair.levels[0] != AgreementLevel::disagree &&
                                     pair.levels[1] != AgreementLevel::disagree))
          continue;
        pair.left = rows[x];
        pair.right = rows[y];
        result.findings.push_back({AuditKind::id_records_disagree,
                                   pattern_of(pair, records[rows[x]], records[rows[y]]),
                                   {std::string(shown_id(records[rows[x]]))},
                                   pair});
      }
    }
  }
  // One person under several IDs: rows joined by certain links (all four,
  // three without 性別) whose IDs differ; one finding per person, with the
  // strongest such link.
  std::vector<std::uint32_t> parent(records.size());
  std::iota(parent.begin(), parent.end(), 0u);
  const auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const LinkPair& link : result.links)
    if (link.rule != LinkRule::fewer) parent[find(link.left)] = find(link.right);
  std::map<std::uint32_t, std::vector<std::uint32_t>> people;
  for (std::uint32_t i = 0; i < records.size(); ++i)
    if (!id_of(records[i]).empty()) people[find(i)].push_back(i);
  std::map<std::uint32_t, const LinkPair*> strongest;
  for (const LinkPair& link : result.links) {
    if (link.rule == LinkRule::fewer || id_of(records[link.left]) == id_of(records[link.right]) ||
        id_of(records[link.left]).empty() || id_of(records[link.right]).empty())
      continue;
    const LinkPair*& best = strongest[find(link.left)];
    if (best == nullptr || best->weight < link.weight) best = &link;
  }
  for (const auto& [person, link] : strongest) {
    std::vector<std::string> ids;
    for (const std::uint32_t row : people[person]) ids.emplace_back(shown_id(records[row]));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    result.findings.push_back({AuditKind::person_under_several_ids,
                               std::string(link_rule_name(link->rule)), std::move(ids), *link});
  }
  result.summary.findings = result.findings.size();
}

}  // namespace gifkit::models

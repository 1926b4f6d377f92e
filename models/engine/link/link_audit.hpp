// link_audit.hpp — `link --audit`: where an ID (a 宛名番号, a customer
// number — never 個人番号) is already joined to records, the IDs whose
// records are not one person (with the pattern of the 紐付け誤り the
// マイナンバー総点検 found: a family member's record — the same address and 氏,
// another 名 and birth date —, or a namesake's — the same 氏名, another birth
// date), and one person under several IDs (rows linked with certainty that
// carry different IDs).
#pragma once
#include "models/engine/link/link.hpp"
#include "models/engine/link/link_weights.hpp"

namespace gifkit::models {

// Adds the findings of result (deduplicated, its links and clusters made)
// to result.findings, and their counts to its summary.
void audit_ids(LinkResult& result, const PairScorer& scorer);

}  // namespace gifkit::models

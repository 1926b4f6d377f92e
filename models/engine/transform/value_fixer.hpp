// value_fixer.hpp — applies to one value the certain fixes of validate's own
// checks (check_value: the same Fix values validate prints), one after the
// other until the value is clean or no certain fix is left, and says what
// is left for a person. check_value is a function of the item and the value
// alone, so the fixer remembers the outcome of values it has seen twice (a
// bounded memo: the 組織種別, 都道府県 and 市区町村 of a long export repeat
// on most rows) and answers a repeat without checking it again. Before
// either, each item's value plan (checks/value_plan.hpp, compiled on the
// item's first value) passes the usual, correct value in one scan: no
// check, no memo; a fixed value it passes is not checked again either.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/value_checks.hpp"
#include "models/engine/checks/value_plan.hpp"

namespace gifkit::models {

class ValueFixer {
 public:
  // memo_bytes: what the memo of outcomes may hold, about (0: no memo).
  explicit ValueFixer(const CheckResources& resources, std::size_t memo_bytes = kMemoBytes);

  // One fix applied to the value.
  struct Step {
    std::string from;
    std::string to;
    std::string rule;
  };
  // A problem no certain fix settles (value left as the fixes made it).
  struct Leftover {
    std::string code;
    std::string reason;
    std::string suggestion;  // a proposal in words or a review fix's value
    std::string fix_rule;    // the review fix's rule ("city-block-form"), "" when none
    Severity severity = Severity::error;
  };

  // Fixes value in place for field. steps and leftovers are cleared and
  // filled. Returns true when value changed. The clean path (a value
  // without findings) allocates nothing. field must outlive the fixer (the
  // memo knows it by its address).
  // hash: what prefetch returned for field and this value, or 0 (worked out here).
  bool fix(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
           std::vector<Leftover>& leftovers, std::uint64_t hash = 0);

  // The memo's slot of field's value asked of the memory ahead of fix (a
  // row's values one after the other, then prefetch_entries, then each
  // fixed: their cache misses overlap instead of coming one by one).
  // Returns what fix is given for the value: kAccepted when field's value
  // plan passes it (fix then does nothing), kNotRemembered when the memo is
  // not asked about field's values, else the value's hash; 0 for an empty
  // value.
  std::uint64_t prefetch(const FieldSpec& field, std::string_view value);
  static constexpr std::uint64_t kAccepted = ~std::uint64_t{0};
  static constexpr std::uint64_t kNotRemembered = 1;
  // A remembered value's outcome without a copy, for a caller that only
  // counts the steps (what fix would do, for a value fix would answer from
  // the memo with no leftover): true when field's value is remembered so,
  // hash being what prefetch returned for it; fixed then views the value
  // the fixes made (in the memo: valid as long as the fixer) and steps is
  // their count. False (nothing done) for anything else: ask fix.
  bool recall_clean(const FieldSpec& field, std::string_view value, std::uint64_t hash,
                    std::string_view& fixed, std::size_t& steps);
  // The memo's entries of the slots prefetch asked for (hashes: its
  // results, 0 for none) asked of the memory in turn.
  void prefetch_entries(const std::vector<std::uint64_t>& hashes) const;

  // keep: whether fix gives a remembered value's steps, and the step of a
  // value plan's fix (ValuePlan::fixes), with their texts (the default) or,
  // for a caller that only counts them (a transform without a change log),
  // as that many empty steps, not copied.
  void keep_step_texts(bool keep) { keep_step_texts_ = keep; }
  // keep: whether fix gives a remembered value's leftovers whole (the
  // default) or, for a caller that only counts them (a transform without a
  // review list), with their fix_rule and severity alone (code, reason and
  // suggestion empty).
  void keep_leftover_texts(bool keep) { keep_leftover_texts_ = keep; }

  // The memo's default size: the distinct values of the columns that
  // repeat (a few thousand names, places and codes) fit; memory stays flat.
  static constexpr std::size_t kMemoBytes = 1024 * 1024;

 private:
  static constexpr int kMaxSteps = 4;  // width, then kana, then 縮退: never more in practice
  // A value is remembered the second time it is seen (a column of unique
  // values, a telephone number a row, fills nothing): kSeenSlots
  // fingerprints of values seen once.
  static constexpr std::size_t kSeenSlots = 1 << 14;

  // An item's first kTrial misses of the memo: with fewer than one hit for
  // every kTrialShare of them, its values are checked without the memo.
  static constexpr std::uint32_t kTrial = 4096;
  static constexpr std::uint32_t kTrialShare = 16;
  // What the fixer keeps of an item: its value plan and its memo trial.
  struct Item {
    const FieldSpec* field = nullptr;
    ValuePlan plan;
    bool used = true;  // the memo is asked
    std::uint32_t hits = 0;
    std::uint32_t misses = 0;
  };
  // field's item, made on its first ask. A small table from the item's
  // address to its index answers most asks in one look (FieldSpecs lie a
  // fixed size apart: the address mixed, its top bits taken).
  Item& item_of(const FieldSpec& field) {
    const auto at = static_cast<std::size_t>(
        (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&field)) *
         0x9E3779B97F4A7C15ULL) >>
        58);
    static_assert(kItemCache == 64);
    const std::uint8_t cached = item_cache_[at];
    if (cached < items_.size() && items_[cached].field == &field) [[likely]]
      return items_[cached];
    return find_item(field, at);
  }
  // item_of's search (at: field's place in item_cache_).
  Item& find_item(const FieldSpec& field, std::size_t at);

  // The memo's entries are packed one after the other in arena_ (a few
  // dozen bytes each: the item, the value as given, each step's result and
  // rule — a step's from is the value before it — and the leftovers'
  // texts), so that the distinct values of a long export's repeating
  // columns fit the budget. A text: its size (2 bytes), then its bytes.
  // The entry at offset at, read as it was written (remember).
  struct Entry {
    const FieldSpec* field = nullptr;
    std::string_view value;
    std::size_t steps = 0;
    std::size_t next = 0;  // the offset of the steps
  };
  Entry entry_at(std::size_t at) const;
  // check_value's fixes applied to value (fix without the memo).
  // item: field's (its value plan passes a fixed value without a check).
  // step_texts: false when the steps are only counted and not remembered
  // (the value plan's fix is then an empty step).
  void fix_by_checks(const FieldSpec& field, const Item& item, std::string& value,
                     std::vector<Step>& steps, std::vector<Leftover>& leftovers, bool step_texts);
  // Never 0, kNotRemembered nor kAccepted.
  static std::uint64_t hash_of(const FieldSpec& field, std::string_view value);
  // The offset of the remembered outcome of field's value (hash:
  // hash_of) in arena_, or SIZE_MAX.
  std::size_t recall(const FieldSpec& field, std::string_view value, std::uint64_t hash) const;
  // The outcome at offset at into value, steps and leftovers (step texts
  // as keep_step_texts_ says, leftovers' as keep_leftover_texts_).
  void replay(std::size_t at, std::string& value, std::vector<Step>& steps,
              std::vector<Leftover>& leftovers) const;
  // True when a value of this hash was seen before; marks it seen.
  bool seen_before(std::uint64_t hash);
  // Puts an entry's offset (its hash) into the first free slot from the hash on.
  static void place(std::vector<std::uint64_t>& slots, std::uint64_t hash, std::size_t offset);
  // Remembers an outcome while the memo has room.
  void remember(const FieldSpec& field, std::string_view value, std::uint64_t hash,
                const std::vector<Step>& steps, const std::vector<Leftover>& leftovers);

  const CheckResources& resources_;
  std::vector<Finding> findings_;
  std::string fixed_;  // what a value plan's fix made (ValuePlan::fixes)
  bool keep_step_texts_ = true;
  bool keep_leftover_texts_ = true;
  std::size_t memo_bytes_;              // the budget left
  std::string arena_;                   // the memo's entries (Entry), packed
  std::vector<std::uint32_t> entries_;  // their offsets, in the order remembered
  std::vector<Item> items_;             // a few: a linear search, then item_cache_
  // An item's index by its address (item_of; checked against items_, so
  // any stale or unset index is only a miss).
  static constexpr std::size_t kItemCache = 64;
  std::uint8_t item_cache_[kItemCache] = {};
  // Open addressing: the hash's high half, then the entry's offset + 1; 0 empty.
  std::vector<std::uint64_t> slots_;
  std::vector<std::uint32_t> seen_once_;  // fingerprints (never 0) of values seen once
};

}  // namespace gifkit::models

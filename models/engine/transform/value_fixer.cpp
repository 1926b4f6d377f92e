// value_fixer.cpp — see value_fixer.hpp.
#include "models/engine/transform/value_fixer.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <functional>

namespace gifkit::models {
namespace {

constexpr std::size_t kNotKnown = SIZE_MAX;
constexpr std::size_t kTextMax = 0xFFFF;  // a text's size is written in 2 bytes

void put_memo_text(std::string& arena, std::string_view text) {
  assert(text.size() <= kTextMax);
  const char size[2] = {static_cast<char>(text.size() & 0xFF), static_cast<char>(text.size() >> 8)};
  arena.append(size, 2);
  arena.append(text);
}

// The text at at (put_memo_text), at moved past it.
std::string_view get_memo_text(const std::string& arena, std::size_t& at) {
  const std::size_t size = static_cast<unsigned char>(arena[at]) |
                           static_cast<std::size_t>(static_cast<unsigned char>(arena[at + 1])) << 8;
  const std::string_view text(arena.data() + at + 2, size);
  at += 2 + size;
  return text;
}

// A hash of the value's bytes, 8 at a time (the memo's values are a few
// dozen bytes: std::hash's general loop cost more than the look-up): each
// word mixed in by a multiply, the length in the seed, the end mixed again.
std::uint64_t hash_bytes(std::string_view value) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = value.size() * kMultiplier;
  std::size_t at = 0;
  for (; at + 8 <= value.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, value.data() + at, 8);
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  }
  if (at < value.size()) {
    // The last 1-7 bytes, little-endian, zero above (what a memcpy of them
    // into a zeroed word gives), without a call: a value of 8 bytes or more
    // has its last 8 read and shifted, a shorter one is read byte by byte.
    const std::size_t left = value.size() - at;
    std::uint64_t word = 0;
    if (value.size() >= 8) {
      std::memcpy(&word, value.data() + value.size() - 8, 8);
      word >>= 8 * (8 - left);
    } else {
      for (std::size_t k = left; k-- > 0;)
        word = (word << 8) | static_cast<unsigned char>(value[at + k]);
    }
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

}  // namespace

ValueFixer::ValueFixer(const CheckResources& resources, std::size_t memo_bytes)
    : resources_(resources), memo_bytes_(memo_bytes) {}

std::uint64_t ValueFixer::hash_of(const FieldSpec& field, std::string_view value) {
  const std::uint64_t h =
      hash_bytes(value) ^ (reinterpret_cast<std::uintptr_t>(&field) * 0x9E3779B97F4A7C15ULL);
  return h == 0 || h == kNotRemembered || h == kAccepted ? h ^ 2 : h;
}

ValueFixer::Entry ValueFixer::entry_at(std::size_t at) const {
  Entry entry;
  std::memcpy(&entry.field, arena_.data() + at, sizeof(entry.field));
  at += sizeof(entry.field);
  entry.value = get_memo_text(arena_, at);
  entry.steps = static_cast<unsigned char>(arena_[at]);
  entry.next = at + 1;
  return entry;
}

std::size_t ValueFixer::recall(const FieldSpec& field, std::string_view value,
                               std::uint64_t hash) const {
  if (slots_.empty()) return kNotKnown;
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (slot == 0) return kNotKnown;
    if (static_cast<std::uint32_t>(slot >> 32) != tag) continue;  // not read: another hash
    const std::size_t offset = static_cast<std::uint32_t>(slot) - 1;
    const Entry entry = entry_at(offset);
    if (entry.field == &field && entry.value == value) return offset;
  }
}

void ValueFixer::replay(std::size_t at, std::string& value, std::vector<Step>& steps,
                        std::vector<Leftover>& leftovers) const {
  const Entry entry = entry_at(at);
  at = entry.next;
  // Assigned over what steps and leftovers held: their strings' room is reused.
  steps.resize(entry.steps);
  std::string_view from = entry.value;
  for (Step& step : steps) {
    const std::string_view to = get_memo_text(arena_, at);
    const std::string_view rule = get_memo_text(arena_, at);
    if (keep_step_texts_) {
      step.from.assign(from);
      step.to.assign(to);
      step.rule.assign(rule);
    } else {
      step.from.clear();
      step.to.clear();
      step.rule.clear();
    }
    from = to;
  }
  if (entry.steps > 0) value.assign(from);
  leftovers.resize(static_cast<unsigned char>(arena_[at++]));
  for (Leftover& left : leftovers) {
    for (std::string* text : {&left.code, &left.reason, &left.suggestion}) {
      const std::string_view remembered = get_memo_text(arena_, at);
      if (keep_leftover_texts_) {
        text->assign(remembered);
      } else {
        text->clear();
      }
    }
    left.fix_rule.assign(get_memo_text(arena_, at));
    left.severity = static_cast<Severity>(static_cast<unsigned char>(arena_[at++]));
  }
}

bool ValueFixer::seen_before(std::uint64_t hash) {
  if (seen_once_.empty()) seen_once_.assign(kSeenSlots, 0);
  const auto fingerprint = static_cast<std::uint32_t>(hash >> 32) | 1U;
  std::uint32_t& seen = seen_once_[(hash >> 7) & (kSeenSlots - 1)];
  if (seen == fingerprint) return true;
  seen = fingerprint;
  return false;
}

void ValueFixer::remember(const FieldSpec& field, std::string_view value, std::uint64_t hash,
                          const std::vector<Step>& steps, const std::vector<Leftover>& leftovers) {
  assert(memo_bytes_ > 0);
  std::size_t bytes =
      sizeof(&field) + 2 + value.size() + 2 + 2 * sizeof(std::uint64_t) + sizeof(std::uint32_t);
  bool fits = value.size() <= kTextMax && steps.size() <= 255 && leftovers.size() <= 255;
  for (const Step& step : steps) {
    bytes += 4 + step.to.size() + step.rule.size();
    fits = fits && step.to.size() <= kTextMax && step.rule.size() <= kTextMax;
  }
  for (const Leftover& left : leftovers) {
    bytes +=
        9 + left.code.size() + left.reason.size() + left.suggestion.size() + left.fix_rule.size();
    for (const std::string* text : {&left.code, &left.reason, &left.suggestion, &left.fix_rule})
      fits = fits && text->size() <= kTextMax;
  }
  if (!fits) return;  // not remembered: checked each time
  if (bytes > memo_bytes_) {
    memo_bytes_ = 0;  // full: what is remembered stays
    return;
  }
  // The arena never moves once it has its room: the budget, asked for at
  // once (the pages are the system's until written).
  if (arena_.capacity() < memo_bytes_ + arena_.size()) arena_.reserve(memo_bytes_ + arena_.size());
  memo_bytes_ -= bytes;
  // The table at most half full (it doubles; entries_ grows to a known size).
  if ((entries_.size() + 1) * 2 > slots_.size()) {
    std::vector<std::uint64_t> grown(slots_.empty() ? 1024 : slots_.size() * 2, 0);
    for (const std::uint32_t offset : entries_) {
      const Entry entry = entry_at(offset);
      place(grown, hash_of(*entry.field, entry.value), offset);
    }
    slots_ = std::move(grown);
  }
  const std::size_t offset = arena_.size();
  assert(offset < UINT32_MAX);
  const FieldSpec* const item = &field;
  arena_.append(reinterpret_cast<const char*>(&item), sizeof(item));
  put_memo_text(arena_, value);
  arena_ += static_cast<char>(steps.size());
  for (const Step& step : steps) {
    put_memo_text(arena_, step.to);
    put_memo_text(arena_, step.rule);
  }
  arena_ += static_cast<char>(leftovers.size());
  for (const Leftover& left : leftovers) {
    for (const std::string* text : {&left.code, &left.reason, &left.suggestion, &left.fix_rule})
      put_memo_text(arena_, *text);
    arena_ += static_cast<char>(left.severity);
  }
  entries_.push_back(static_cast<std::uint32_t>(offset));
  place(slots_, hash, offset);
}

void ValueFixer::place(std::vector<std::uint64_t>& slots, std::uint64_t hash, std::size_t offset) {
  assert(offset < UINT32_MAX);
  const std::size_t mask = slots.size() - 1;
  std::size_t at = hash & mask;
  while (slots[at] != 0) at = (at + 1) & mask;
  slots[at] = (hash >> 32 << 32) | (offset + 1);
}

std::uint64_t ValueFixer::prefetch(const FieldSpec& field, std::string_view value) {
  if (value.empty()) return 0;
  const Item& item = item_of(field);
  if (item.plan.accepts(value)) return kAccepted;
  if (!item.used) return kNotRemembered;
  const std::uint64_t hash = hash_of(field, value);
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  return hash;
}

void ValueFixer::prefetch_entries(const std::vector<std::uint64_t>& hashes) const {
  if (slots_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t hash : hashes) {
    if (hash == 0 || hash == kNotRemembered || hash == kAccepted) continue;
    const std::uint64_t slot = slots_[hash & mask];
    if (slot != 0 &&
        static_cast<std::uint32_t>(slot >> 32) == static_cast<std::uint32_t>(hash >> 32))
      __builtin_prefetch(arena_.data() + (static_cast<std::uint32_t>(slot) - 1));
  }
}

bool ValueFixer::recall_clean(const FieldSpec& field, std::string_view value, std::uint64_t hash,
                              std::string_view& fixed, std::size_t& steps) {
  if (value.empty() || hash == 0 || hash == kNotRemembered || hash == kAccepted) return false;
  Item& trial = item_of(field);
  if (!trial.used) return false;
  assert(hash == hash_of(field, value));
  const std::size_t known = recall(field, value, hash);
  if (known == kNotKnown) return false;
  const Entry entry = entry_at(known);
  std::size_t at = entry.next;
  std::string_view to = entry.value;
  for (std::size_t step = 0; step < entry.steps; ++step) {
    to = get_memo_text(arena_, at);
    get_memo_text(arena_, at);  // its rule
  }
  if (arena_[at] != 0) return false;  // leftovers: fix gives them
  ++trial.hits;                       // as fix counts a hit
  fixed = to;
  steps = entry.steps;
  return true;
}

bool ValueFixer::fix(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
                     std::vector<Leftover>& leftovers, std::uint64_t hash) {
  if (value.empty()) {
    steps.clear();
    leftovers.clear();
    return false;
  }
  Item& trial = item_of(field);
  if (hash == kAccepted || (hash == 0 && trial.plan.accepts(value))) {
    assert(trial.plan.accepts(value));
    steps.clear();
    leftovers.clear();
    return false;
  }
  if (trial.used) {
    if (hash == 0 || hash == kNotRemembered) hash = hash_of(field, value);
    assert(hash == hash_of(field, value));
    if (const std::size_t known = recall(field, value, hash); known != kNotKnown) {
      replay(known, value, steps, leftovers);
      ++trial.hits;
      return !steps.empty();
    }
    // An item whose values seldom repeat (a telephone number, a date a
    // row) is not looked up after its first kTrial values.
    if (trial.misses < kTrial && ++trial.misses == kTrial && trial.hits * kTrialShare < kTrial)
      trial.used = false;
    steps.clear();
    leftovers.clear();
    // Remembered the second time it is seen (the first time: its fingerprint).
    const bool admit = memo_bytes_ > 0 && seen_before(hash);
    fix_by_checks(field, trial, value, steps, leftovers, keep_step_texts_ || admit);
    // The value as given: the first step's from, else the value itself.
    if (admit) remember(field, steps.empty() ? value : steps.front().from, hash, steps, leftovers);
    return !steps.empty();
  }
  steps.clear();
  leftovers.clear();
  fix_by_checks(field, trial, value, steps, leftovers, keep_step_texts_);
  return !steps.empty();
}

ValueFixer::Item& ValueFixer::find_item(const FieldSpec& field, std::size_t at) {
  std::size_t index = 0;
  while (index < items_.size() && items_[index].field != &field) ++index;
  if (index == items_.size())
    items_.emplace_back(Item{&field, ValuePlan(field, resources_), memo_bytes_ > 0, 0, 0});
  if (index < 0xFF) item_cache_[at] = static_cast<std::uint8_t>(index);
  return items_[index];
}

void ValueFixer::fix_by_checks(const FieldSpec& field, const Item& item, std::string& value,
                               std::vector<Step>& steps, std::vector<Leftover>& leftovers,
                               bool step_texts) {
  for (int step = 0; step <= kMaxSteps; ++step) {
    // A fixed value the plan passes has no finding: done (what check_value would say).
    if (step > 0 && item.plan.accepts(value)) break;
    // The usual wrong date or telephone: the fix check_value would give, without it.
    std::string_view rule;
    if (step == 0 && item.plan.fixes(value, fixed_, rule)) {
      Step& done = steps.emplace_back();
      if (step_texts) {
        done.from = std::move(value);
        done.to = fixed_;
        done.rule.assign(rule);
        value = std::move(fixed_);
      } else {
        value.swap(fixed_);  // an empty step: only counted (fixed_'s room is kept for the next)
      }
      if (item.plan.accepts_what_it_fixes()) break;  // what the next step's ask would say
      continue;
    }
    findings_.clear();
    check_value(field, value, resources_, findings_);
    if (findings_.empty()) break;
    Finding* certain = nullptr;
    for (Finding& finding : findings_) {
      if (!finding.fix.empty() && finding.fix.certainty == FixCertainty::certain &&
          finding.fix.to != value && !finding.fix.to.empty()) {
        certain = &finding;
        break;
      }
    }
    if (certain == nullptr || step == kMaxSteps) {
      for (Finding& finding : findings_) {
        if (finding.severity == Severity::info) continue;
        leftovers.push_back({std::string(finding.code), std::move(finding.reason),
                             std::move(finding.suggestion), std::move(finding.fix.rule),
                             finding.severity});
      }
      break;
    }
    assert(certain->fix.from == value);
    // The step takes the value and the fix's strings (findings_ is cleared
    // next); the value is the fix's result.
    Step& done = steps.emplace_back(
        Step{std::move(value), std::move(certain->fix.to), std::move(certain->fix.rule)});
    value = done.to;
  }
}

}  // namespace gifkit::models

// value_fixer.cpp — see value_fixer.hpp.
#include "models/engine/transform/value_fixer.hpp"

#include <cassert>
#include <functional>

namespace gifkit::models {
namespace {

std::size_t bytes_of(const std::string& text) {
  return text.capacity() > 15 ? text.capacity() + 1 : 0;  // beyond the small-string buffer
}

}  // namespace

ValueFixer::ValueFixer(const CheckResources& resources, std::size_t memo_bytes)
    : resources_(resources), memo_bytes_(memo_bytes) {}

std::uint64_t ValueFixer::hash_of(const FieldSpec& field, std::string_view value) {
  const std::uint64_t h = std::hash<std::string_view>{}(value);
  return h ^ (reinterpret_cast<std::uintptr_t>(&field) * 0x9E3779B97F4A7C15ULL);
}

const ValueFixer::Outcome* ValueFixer::recall(const FieldSpec& field, std::string_view value,
                                              std::uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (slot == 0) return nullptr;
    if (static_cast<std::uint32_t>(slot >> 32) != tag) continue;  // not read: another hash
    const Outcome& outcome = outcomes_[static_cast<std::uint32_t>(slot) - 1];
    if (outcome.field == &field && outcome.value == value) return &outcome;
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
  Outcome outcome{&field, std::string(value), steps, leftovers};
  std::size_t bytes = sizeof(Outcome) + 2 * sizeof(std::uint64_t) + bytes_of(outcome.value);
  for (const Step& step : outcome.steps)
    bytes += sizeof(Step) + bytes_of(step.from) + bytes_of(step.to) + bytes_of(step.rule);
  for (const Leftover& left : outcome.leftovers) {
    bytes += sizeof(Leftover) + bytes_of(left.code) + bytes_of(left.reason) +
             bytes_of(left.suggestion) + bytes_of(left.fix_rule);
  }
  if (bytes > memo_bytes_) {
    memo_bytes_ = 0;  // full: what is remembered stays
    return;
  }
  memo_bytes_ -= bytes;
  // The table at most half full (it doubles; outcomes_ grows to a known size).
  if ((outcomes_.size() + 1) * 2 > slots_.size()) {
    std::vector<std::uint64_t> grown(slots_.empty() ? 1024 : slots_.size() * 2, 0);
    for (std::size_t i = 0; i < outcomes_.size(); ++i)
      place(grown, hash_of(*outcomes_[i].field, outcomes_[i].value), i);
    slots_ = std::move(grown);
  }
  outcomes_.push_back(std::move(outcome));
  place(slots_, hash, outcomes_.size() - 1);
}

void ValueFixer::place(std::vector<std::uint64_t>& slots, std::uint64_t hash, std::size_t index) {
  assert(index < UINT32_MAX);
  const std::size_t mask = slots.size() - 1;
  std::size_t at = hash & mask;
  while (slots[at] != 0) at = (at + 1) & mask;
  slots[at] = (hash >> 32 << 32) | (index + 1);
}

std::uint64_t ValueFixer::prefetch(const FieldSpec& field, std::string_view value) {
  if (value.empty() || !trial_of(field).used) return 0;
  const std::uint64_t hash = hash_of(field, value);
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  return hash;
}

void ValueFixer::prefetch_entries(const std::vector<std::uint64_t>& hashes) const {
  if (slots_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t hash : hashes) {
    if (hash == 0) continue;
    const std::uint64_t slot = slots_[hash & mask];
    if (slot != 0 &&
        static_cast<std::uint32_t>(slot >> 32) == static_cast<std::uint32_t>(hash >> 32))
      __builtin_prefetch(&outcomes_[static_cast<std::uint32_t>(slot) - 1]);
  }
}

bool ValueFixer::fix(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
                     std::vector<Leftover>& leftovers, std::uint64_t hash) {
  if (value.empty()) {
    steps.clear();
    leftovers.clear();
    return false;
  }
  FieldTrial& trial = trial_of(field);
  if (trial.used) {
    if (hash == 0) hash = hash_of(field, value);
    assert(hash == hash_of(field, value));
    if (const Outcome* known = recall(field, value, hash)) {
      // Copied over what steps and leftovers held: their strings' room is reused.
      if (keep_step_texts_) {
        steps = known->steps;
      } else {
        steps.resize(known->steps.size());
        for (Step& step : steps) {
          step.from.clear();
          step.to.clear();
          step.rule.clear();
        }
      }
      leftovers = known->leftovers;
      if (!known->steps.empty()) value = known->steps.back().to;
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
    fix_by_checks(field, value, steps, leftovers);
    // The value as given: the first step's from, else the value itself.
    if (admit) remember(field, steps.empty() ? value : steps.front().from, hash, steps, leftovers);
    return !steps.empty();
  }
  steps.clear();
  leftovers.clear();
  fix_by_checks(field, value, steps, leftovers);
  return !steps.empty();
}

ValueFixer::FieldTrial& ValueFixer::trial_of(const FieldSpec& field) {
  // The items of a row come in the same order: the one after the last asked, most often.
  if (++last_trial_ < trials_.size() && trials_[last_trial_].field == &field)
    return trials_[last_trial_];
  for (last_trial_ = 0; last_trial_ < trials_.size(); ++last_trial_)
    if (trials_[last_trial_].field == &field) return trials_[last_trial_];
  return trials_.emplace_back(FieldTrial{&field, memo_bytes_ > 0, 0, 0});
}

void ValueFixer::fix_by_checks(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
                               std::vector<Leftover>& leftovers) {
  for (int step = 0; step <= kMaxSteps; ++step) {
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

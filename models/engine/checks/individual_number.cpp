// individual_number.cpp — see individual_number.hpp.
#include "models/engine/checks/individual_number.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fstream>

#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::models {
namespace {

// False when value is ASCII and has other than 12 digits: then it is no
// 個人番号 (grammars::individual_number_digits wants exactly 12, and ASCII
// text has no full-width ones). One pass without a branch a byte, which the
// compiler can vectorise.
bool has_twelve_digits_if_ascii(std::string_view value) {
  std::size_t digits = 0;
  unsigned char high = 0;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    digits += static_cast<unsigned char>(byte - '0') < 10;
    high |= byte;
  }
  return (high & 0x80) != 0 || digits == 12;
}

}  // namespace

bool IndividualNumberHeaders::load(const std::filesystem::path& file,
                                   std::vector<std::string>& errors) {
  std::ifstream in(file);
  if (!in) {
    errors.push_back(file.string() + ": cannot read the file");
    return false;
  }
  std::vector<std::string> folded;
  bool ok = true;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::string key = grammars::fold_label(line);
    const std::string where = file.string() + ":" + std::to_string(number) + ": ";
    if (key.empty()) {
      errors.push_back(where + "a name that folds to nothing");
      ok = false;
    } else if (std::find(folded.begin(), folded.end(), key) != folded.end()) {
      errors.push_back(where + "'" + line + "' folds to a name listed before");
      ok = false;
    } else {
      folded.push_back(std::move(key));
    }
  }
  if (!ok) return false;
  std::sort(folded.begin(), folded.end());
  folded_ = std::move(folded);
  return true;
}

bool header_names_individual_number(std::string_view header, const IndividualNumberHeaders& names) {
  if (names.folded_.empty() || header.empty()) return false;
  return std::binary_search(names.folded_.begin(), names.folded_.end(),
                            grammars::fold_label(header));
}

void IndividualNumberColumn::add_cell(std::string_view value) {
  assert(!value.empty());
  ++values_;
  if (value.front() == '*' && grammars::is_masked_individual_number(value)) ++masked_;
  if (value.size() < 12) return;  // the fast way out for most cells
  // Telephone numbers: individual_number_digits would count their digits the slow way.
  const bool digit_first = (value.front() >= '0' && value.front() <= '9') || value.front() == ' ';
  if (digit_first && !has_twelve_digits_if_ascii(value)) return;
  const auto digits = grammars::individual_number_digits(value);
  if (!digits) return;
  ++candidates_;
  const bool passes = (*digits)[11] - '0' == grammars::individual_number_check_digit(*digits);
  if (passes) ++valid_;
  if (decided_at_ != 0) return;  // settled: the counts go on, the evidence need not
  const std::uint64_t key = std::stoull(*digits);
  const bool repeat = key == previous_ || seen_.count(key) != 0;
  previous_ = key;
  if (repeat) return;
  if (seen_.size() < kRemembered) seen_.insert(key);
  ++(passes ? distinct_valid_ : distinct_failed_);
  static const double pass_weight = std::log(kPassFactor);
  static const double fail_weight = std::log(kFailFactor);
  static const double threshold = std::log(kThreshold);
  log_evidence_ += passes ? pass_weight : fail_weight;
  if (log_evidence_ >= threshold) {
    decided_at_ = values_;
    seen_ = {};  // not needed any more
  }
}

bool mask_streamed_value(IndividualNumberColumn& column, bool named, std::string_view value,
                         std::string& masked) {
  if (value.empty()) return false;
  const std::uint64_t valid_before = column.valid();
  column.add(value);
  if (named || column.holds_individual_numbers()) {
    std::string whole = grammars::mask_individual_number(value);
    if (whole == value) return false;  // no digit in it
    masked = std::move(whole);
    return true;
  }
  if (column.valid() != valid_before) {  // the value passed: grammars::is_individual_number
    masked = grammars::mask_individual_number(value);
    return true;
  }
  return value.size() >= 12 && grammars::mask_labelled_individual_numbers(value, masked);
}

}  // namespace gifkit::models

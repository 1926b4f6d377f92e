// name_fold.cpp — see name_fold.hpp.
#include "registries/moji/name_fold.hpp"

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

namespace gifkit::registries::moji {
namespace {

constexpr char32_t kFoldedCodePoints = 0x30000;

bool has_fold_table(const RegistryDb& db) {
  return db.has_table("moji_fold");
}

}  // namespace

bool can_derive_name_fold(const CharacterData& data) {
  return data.has_jis() && (data.has_nta() || data.has_mj());
}

std::string derived_fold_of(const CharacterData& data, const CharacterSet& jisx0208, char32_t cp) {
  if (jisx0208.contains(cp)) return {};
  std::string text;
  grammars::append_utf8(text, cp);
  const bool known =
      data.in_jisx0213(cp) || data.nta(text) != nullptr || !data.mj_of_base(cp).empty();
  if (!known) return {};
  const ShrinkChoice choice = choose_replacement(data, text, jisx0208);
  return choice.candidates.empty() ? std::string() : choice.candidates.front().text;
}

void derive_name_fold(const CharacterData& data,
                      const std::function<void(char32_t cp, std::string_view folded)>& visit) {
  if (!can_derive_name_fold(data)) return;
  const CharacterSet jisx0208 = make_character_set(data, "jisx0208");
  for (char32_t cp = 0x80; cp < kFoldedCodePoints; ++cp) {
    const std::string folded = derived_fold_of(data, jisx0208, cp);
    if (!folded.empty()) visit(cp, folded);
  }
}

LazyDerivedFold::LazyDerivedFold(const CharacterData& data)
    : data_(data), decided_(kFoldedCodePoints) {}

LazyDerivedFold::~LazyDerivedFold() = default;

char32_t LazyDerivedFold::fold_or_keep(char32_t cp) const {
  if (cp < 0x80 || cp >= kFoldedCodePoints) return cp;
  char32_t expected = 0;
  if (decided_[cp].compare_exchange_strong(expected, cp, std::memory_order_acq_rel)) return cp;
  return expected;  // decided before: by an input, or kept
}

char32_t LazyDerivedFold::fold_one(char32_t cp) const {
  if (cp < 0x80 || cp >= kFoldedCodePoints || data_.in_jisx0208(cp)) return cp;
  if (const char32_t answer = decided_[cp].load(std::memory_order_acquire); answer != 0)
    return answer;
  std::lock_guard<std::mutex> lock(deriving_);
  if (const char32_t answer = decided_[cp].load(std::memory_order_acquire); answer != 0)
    return answer;  // decided while this thread waited
  char32_t answer = cp;
  if (can_derive_name_fold(data_)) {
    if (!jisx0208_)
      jisx0208_ = std::make_unique<CharacterSet>(make_character_set(data_, "jisx0208"));
    const std::string folded = derived_fold_of(data_, *jisx0208_, cp);
    std::size_t pos = 0;
    if (!folded.empty()) {
      const char32_t one = grammars::decode_utf8(folded, pos);
      if (pos == folded.size()) answer = one;
    }
  }
  decided_[cp].store(answer, std::memory_order_release);
  return answer;
}

NameFold NameFold::derived(const CharacterData& data) {
  NameFold fold;
  derive_name_fold(data, [&fold](char32_t cp, std::string_view folded) { fold.add(cp, folded); });
  return fold;
}

void NameFold::add(char32_t cp, std::string_view folded) const {
  if (cp >= kFoldedCodePoints || folded.empty() || folded.size() > 255) return;
  if (start_.empty()) start_.assign(kFoldedCodePoints, 0);
  start_[cp] = static_cast<std::uint32_t>(pool_.size() + 1);
  pool_.push_back(static_cast<char>(folded.size()));
  pool_.append(folded);
}

NameFold NameFold::load(const RegistryDb& db) {
  NameFold fold;
  if (!has_fold_table(db)) return fold;
  Statement rows = db.prepare("SELECT cp, folded FROM moji_fold");
  while (rows.step()) fold.add(static_cast<char32_t>(rows.column_int64(0)), rows.column_text(1));
  return fold;
}

NameFold NameFold::lazy(const RegistryDb& db) {
  NameFold fold;
  if (!has_fold_table(db)) return fold;
  fold.lookup_ =
      std::make_unique<Statement>(db.prepare("SELECT folded FROM moji_fold WHERE cp = ?1"));
  fold.looked_up_.assign(kFoldedCodePoints, false);
  return fold;
}

std::string_view NameFold::fold(char32_t cp) const {
  if (cp < 0x80 || cp >= kFoldedCodePoints) return {};
  if (lookup_ && !looked_up_[cp]) {
    looked_up_[cp] = true;
    lookup_->bind_int64(1, cp);
    if (lookup_->step()) add(cp, lookup_->column_text(0));
    lookup_->reset();
  }
  if (start_.empty() || start_[cp] == 0) return {};
  const std::size_t at = start_[cp] - 1;
  return std::string_view(pool_).substr(at + 1, static_cast<unsigned char>(pool_[at]));
}

void NameFold::for_each(
    const std::function<void(char32_t cp, std::string_view folded)>& visit) const {
  for (char32_t cp = 0; cp < start_.size(); ++cp)
    if (start_[cp] != 0) visit(cp, fold(cp));
}

std::string NameFold::apply(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(text, pos);
    if (cp >= 0x80 && grammars::is_variation_selector(cp)) continue;
    std::string_view folded = fold(cp);
    if (folded.empty()) {
      out.append(text.substr(start, pos - start));
    } else {
      out.append(folded);
    }
  }
  return out;
}

}  // namespace gifkit::registries::moji

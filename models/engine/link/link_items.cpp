// link_items.cpp — the names of the items and levels (link_items.hpp).
#include "models/engine/link/link_items.hpp"

#include <functional>

namespace gifkit::models {

std::string_view link_item_name(LinkItem item) {
  switch (item) {
    case LinkItem::name:
      return "name";
    case LinkItem::birth_date:
      return "birth_date";
    case LinkItem::sex:
      return "sex";
    case LinkItem::address:
      return "address";
  }
  return "?";
}

std::string_view agreement_level_name(AgreementLevel level) {
  switch (level) {
    case AgreementLevel::missing:
      return "missing";
    case AgreementLevel::exact:
      return "exact";
    case AgreementLevel::folded:
      return "folded";
    case AgreementLevel::reading:
      return "reading";
    case AgreementLevel::close:
      return "close";
    case AgreementLevel::disagree:
      return "disagree";
  }
  return "?";
}

namespace {

std::uint64_t text_hash(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

}  // namespace

TextPool::TextPool() : slots_(1024, 0) {
  texts_.emplace_back();
}

std::uint32_t TextPool::intern(std::string_view text) {
  if (text.empty()) return 0;
  const std::uint64_t hash = text_hash(text);
  const std::uint64_t tag = hash & 0xFFFFFFFF00000000ULL;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (slot == 0) {
      const auto id = static_cast<std::uint32_t>(texts_.size());
      texts_.emplace_back(text);
      slots_[at] = tag | (std::uint64_t{id} + 1);
      if (texts_.size() * 2 > slots_.size()) grow();
      return id;
    }
    if ((slot & 0xFFFFFFFF00000000ULL) == tag) {
      const auto id = static_cast<std::uint32_t>((slot & 0xFFFFFFFFu) - 1);
      if (texts_[id] == text) return id;
    }
  }
}

void TextPool::grow() {
  std::vector<std::uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t slot : old) {
    if (slot == 0) continue;
    const auto id = static_cast<std::uint32_t>((slot & 0xFFFFFFFFu) - 1);
    std::size_t at = text_hash(texts_[id]) & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

bool LinkItemColumns::has(LinkItem item) const {
  switch (item) {
    case LinkItem::name:
      return family_name >= 0 || given_name >= 0 || full_name >= 0 || family_kana >= 0 ||
             given_kana >= 0 || full_kana >= 0;
    case LinkItem::birth_date:
      return birth_date >= 0;
    case LinkItem::sex:
      return sex >= 0;
    case LinkItem::address:
      return !address.empty();
  }
  return false;
}

}  // namespace gifkit::models

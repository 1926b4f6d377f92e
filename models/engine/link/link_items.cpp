// link_items.cpp — the names of the items and levels (link_items.hpp).
#include "models/engine/link/link_items.hpp"

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

TextPool::TextPool() {
  texts_.emplace_back();
  ids_.emplace(std::string_view(texts_.back()), 0);
}

std::uint32_t TextPool::intern(std::string_view text) {
  if (text.empty()) return 0;
  const auto found = ids_.find(text);
  if (found != ids_.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(text);
  ids_.emplace(std::string_view(texts_.back()), id);
  return id;
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

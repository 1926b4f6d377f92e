// release_columns.cpp — see release_columns.hpp.
#include "models/engine/transform/release_columns.hpp"

#include <algorithm>
#include <cassert>

#include "models/engine/model/release_diff.hpp"

namespace gifkit::models {

ReleaseColumns::ReleaseColumns(const Model& target, const ModelCatalog& catalog,
                               const Crosswalk& crosswalk)
    : target_(target), catalog_(catalog), crosswalk_(crosswalk) {
  const std::optional<std::size_t> release = release_index(target.crosswalk_release());
  if (!release) return;
  release_ = *release;
  const std::string target_class = crosswalk_class_of(target);
  for (const Model* model : catalog.base_models()) {
    const std::optional<std::size_t> earlier = release_index(model->crosswalk_release());
    if (!earlier || *earlier >= release_ || model->is_pattern) continue;
    if (crosswalk.counterpart_class(*earlier, release_, crosswalk_class_of(*model)) != target_class)
      continue;
    earlier_.push_back({model, *earlier, std::make_unique<HeaderMatcher>(*model)});
  }
  std::stable_sort(earlier_.begin(), earlier_.end(),
                   [](const Earlier& a, const Earlier& b) { return a.release > b.release; });
}

void ReleaseColumns::read_header(const std::vector<std::string>& headers) {
  auto known = [&](const HeaderMatcher& matcher) {
    std::size_t count = 0;
    for (const std::string& header : headers) {
      const ColumnBinding binding = matcher.match(header);
      if (binding.field != nullptr && binding.match != HeaderMatch::near_miss) ++count;
    }
    return count;
  };
  std::vector<std::size_t> counts;
  for (const Earlier& earlier : earlier_) counts.push_back(known(*earlier.matcher));
  // earlier_ is newest first: of those that know as many columns, the newer.
  const auto most = std::max_element(counts.begin(), counts.end());
  chosen_ = most == counts.end() ? 0 : static_cast<std::size_t>(most - counts.begin());
  const std::size_t best = most == counts.end() ? 0 : *most;
  const std::size_t target_known = known(HeaderMatcher(target_));
  earlier_form_ = !earlier_.empty() && best > target_known;
  if (!earlier_form_) return;
  std::string also;
  for (std::size_t i = 0; i < earlier_.size(); ++i)
    if (i != chosen_ && counts[i] == best)
      also += (also.empty() ? "" : ", ") + earlier_[i].model->id;
  note_ = "the header follows " + earlier_[chosen_].model->id +
          (also.empty() ? "" : " (as much as " + also + ")") + ": " + std::to_string(best) +
          " of " + std::to_string(headers.size()) + " columns known, " + target_.id + " " +
          std::to_string(target_known) + "; its columns are read by the crosswalk";
}

ReleaseColumns::Step ReleaseColumns::step(std::size_t from, const std::string& class_name,
                                          const std::string& item,
                                          const std::string& target_class) const {
  std::vector<const CrosswalkRow*> rows;
  for (const CrosswalkRow* row : crosswalk_.item_rows_of(from, class_name))
    if (row->items[from] == item) rows.push_back(row);
  const std::string source = std::string(kGifReleases[from]) + " " + class_name + "." + item;
  const std::string release(kGifReleases[release_]);
  if (rows.empty()) return {"", false, source + " is not in the crosswalk", "release-review"};
  const CrosswalkRow& row = *rows.front();
  const CrossRelation relation = crosswalk_.relation_between(row, from, release_);
  const std::string note = row.note.empty() ? "" : " (" + row.note + ")";
  if (relation == CrossRelation::removed)
    return {"", false, source + " has no item in release " + release + note, "release-no-place"};
  std::string targets;
  for (const CrosswalkRow* each : rows)
    targets += (targets.empty() ? "" : ", ") + each->qualified(release_);
  const std::string became = source + " became " + targets + " in release " + release + ": " +
                             std::string(cross_relation_name(relation));
  if (row.classes[release_] != target_class)
    return {"", false, became + note + "; an item of another class", "release-review"};
  const std::string target_item = rows.size() == 1 ? row.items[release_] : "";
  if (rows.size() > 1 || row.value == ValueCarry::review)
    return {target_item, false, became + note + "; converting its value needs a person",
            "release-review"};
  return {target_item, true, "", "rename-release"};
}

std::optional<ReleaseColumn> ReleaseColumns::match(std::string_view header) const {
  if (earlier_.empty()) return std::nullopt;
  assert(chosen_ < earlier_.size());
  {
    const Earlier& earlier = earlier_[chosen_];
    const ColumnBinding binding = earlier.matcher->match(header);
    if (binding.field == nullptr || binding.match == HeaderMatch::near_miss) return std::nullopt;
    const FieldSpec& field = *binding.field;
    ReleaseColumn column;
    column.source = earlier.model->id + " " + field.path;
    const std::string from_class = crosswalk_class_of(*earlier.model);
    const std::string to_class = crosswalk_class_of(target_);
    const PartSpec* part = field.part.empty() ? nullptr : earlier.model->find_part(field.part);
    // The part's own step (居住住所 → 住所), then the item's inside the held class.
    Step outer = step(earlier.release, from_class,
                      part ? crosswalk_item_name(*part) : crosswalk_item_name(field), to_class);
    const PartSpec* target_part = nullptr;
    if (part != nullptr && !outer.carries) {
      outer.item.clear();  // the part itself does not carry: neither do its items
    } else if (part != nullptr) {
      for (const PartSpec& candidate : target_.parts)
        if (crosswalk_item_name(candidate) == outer.item) target_part = &candidate;
      const Model* held = catalog_.find(part->ref);
      const Model* target_held = target_part ? catalog_.find(target_part->ref) : nullptr;
      if (held == nullptr || target_held == nullptr) {
        outer = {"", false,
                 column.source + ": the held class has no model in release " +
                     std::string(kGifReleases[release_]) + " here",
                 "release-review"};
      } else {
        outer = step(earlier.release, crosswalk_class_of(*held), crosswalk_item_name(field),
                     crosswalk_class_of(*target_held));
      }
    }
    if (!outer.item.empty()) {
      for (const FieldSpec& candidate : target_.fields) {
        const bool same_place =
            target_part ? candidate.part == target_part->id : candidate.part.empty();
        if (same_place && crosswalk_item_name(candidate) == outer.item) column.became = &candidate;
      }
      if (column.became == nullptr)
        outer = {"", false,
                 column.source + " became " + outer.item + ", which is no column of " + target_.id,
                 "release-review"};
    }
    if (outer.carries) column.target = column.became;
    column.reviewed = !outer.carries;
    column.why = column.target != nullptr ? "" : std::string(header) + ": " + outer.why;
    column.rule = outer.rule;
    return column;
  }
}

}  // namespace gifkit::models

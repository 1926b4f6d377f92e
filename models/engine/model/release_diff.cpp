// release_diff.cpp — see release_diff.hpp.
#include "models/engine/model/release_diff.hpp"

#include <cassert>
#include <regex>
#include <tuple>

#include "models/engine/model/model_names.hpp"

namespace gifkit::models {

namespace {

std::string diff_occurs_text(int min_occurs, int max_occurs) {
  return std::to_string(min_occurs) + ".." +
         (max_occurs < 0 ? std::string("n") : std::to_string(max_occurs));
}

const ClassItem* diff_item_named(const std::vector<ClassItem>& items, const std::string& name) {
  for (const ClassItem& item : items)
    if (item.name == name) return &item;
  return nullptr;
}

// What differs between the two sides of a correspondence, as readable lines.
std::vector<std::string> diff_item_differences(const ClassItem& from, const ClassItem& to) {
  std::vector<std::string> differences;
  if (from.label() != to.label())
    differences.push_back("label " + from.label() + " → " + to.label());
  if (from.type() != to.type()) differences.push_back("type " + from.type() + " → " + to.type());
  if (from.cardinality() != to.cardinality())
    differences.push_back("cardinality " + from.cardinality() + " → " + to.cardinality());
  return differences;
}

std::size_t diff_release_of(const Model& model) {
  const std::optional<std::size_t> release = release_index(model.crosswalk_release());
  if (!release)
    throw ReleaseDiffError{model.id +
                           " is no GIF class model of a release (2022, 2024, 2025): "
                           "model diff compares the releases of GIF classes"};
  return *release;
}

}  // namespace

std::string ClassItem::label() const {
  return field ? field->label : part->label;
}

std::string ClassItem::type() const {
  if (part) return "part " + part->ref;
  std::string text(value_type_name(field->type));
  if (!field->codelist.empty()) text += " " + field->codelist;
  return text;
}

std::string ClassItem::cardinality() const {
  return field ? diff_occurs_text(field->min_occurs, field->max_occurs)
               : diff_occurs_text(part->min_occurs, part->max_occurs);
}

std::string crosswalk_class_of(const Model& model) {
  static const std::regex pattern_suffix("_MP[0-9]+$");
  // A 2022 class has no XSD type: its id's local name is the catalog's stem (gif2022:Person).
  const std::string name =
      model.gif_class.empty() ? model.id.substr(model.id.find(':') + 1) : model.gif_class;
  return std::regex_replace(name, pattern_suffix, "");
}

std::string crosswalk_item_name(const FieldSpec& field) {
  return field.xsd_element.empty() ? field.id : field.xsd_element;
}

std::string crosswalk_item_name(const PartSpec& part) {
  return part.xsd_element.empty() ? part.id : part.xsd_element;
}

std::vector<ClassItem> crosswalk_items(const Model& model) {
  std::vector<ClassItem> items;
  for (const FieldSpec& field : model.fields)
    if (field.part.empty()) items.push_back({crosswalk_item_name(field), &field, nullptr});
  for (const PartSpec& part : model.parts)
    items.push_back({crosswalk_item_name(part), nullptr, &part});
  return items;
}

ReleaseDiff diff_releases(const Model& from, const Model& to, const Crosswalk& crosswalk) {
  const std::size_t a = diff_release_of(from), b = diff_release_of(to);
  assert(a < kGifReleases.size() && b < kGifReleases.size());
  ReleaseDiff diff{from.release, to.release, crosswalk_class_of(from), crosswalk_class_of(to), {}};
  for (const auto& [model, release, class_name] :
       {std::tuple{&from, a, diff.from_class}, std::tuple{&to, b, diff.to_class}})
    if (crosswalk.item_rows_of(release, class_name).empty() &&
        crosswalk.counterpart_class(release, release, class_name).empty())
      throw ReleaseDiffError{model->id + ": class " + class_name + " of release " + model->release +
                             " is not in the crosswalk " + crosswalk.file()};
  const std::vector<ClassItem> from_items = crosswalk_items(from), to_items = crosswalk_items(to);
  std::vector<bool> reached(to_items.size(), false);
  auto to_index = [&](const ClassItem* item) {
    return static_cast<std::size_t>(item - to_items.data());
  };
  // Same release: the items correspond by name (a class and its pattern).
  if (a == b) {
    for (const ClassItem& item : from_items) {
      ItemCorrespondence entry;
      entry.from_class = diff.from_class, entry.from_item = item.name, entry.from = item;
      if (const ClassItem* other = diff_item_named(to_items, item.name)) {
        entry.to_class = diff.to_class, entry.to_item = other->name, entry.to = *other;
        entry.differences = diff_item_differences(item, *other);
        reached[to_index(other)] = true;
      } else {
        entry.relation = CrossRelation::removed;
      }
      diff.items.push_back(std::move(entry));
    }
  } else {
    for (const ClassItem& item : from_items) {
      std::vector<const CrosswalkRow*> rows;
      for (const CrosswalkRow* row : crosswalk.item_rows_of(a, diff.from_class))
        if (row->items[a] == item.name) rows.push_back(row);
      if (rows.empty()) {
        ItemCorrespondence entry;
        entry.relation = CrossRelation::none;
        entry.from_class = diff.from_class, entry.from_item = item.name, entry.from = item;
        entry.note = "not in the crosswalk";
        diff.items.push_back(std::move(entry));
      }
      for (const CrosswalkRow* row : rows) {
        ItemCorrespondence entry;
        entry.relation = crosswalk.relation_between(*row, a, b);
        entry.from_class = diff.from_class, entry.from_item = item.name, entry.from = item;
        entry.to_class = row->classes[b], entry.to_item = row->items[b];
        entry.value = row->value, entry.note = row->note;
        if (entry.to_class == diff.to_class)
          if (const ClassItem* other = diff_item_named(to_items, entry.to_item)) {
            entry.to = *other;
            entry.differences = diff_item_differences(item, *other);
            reached[to_index(other)] = true;
          }
        diff.items.push_back(std::move(entry));
      }
    }
  }
  // The second model's items no item of the first reached: added, or from another class.
  for (std::size_t i = 0; i < to_items.size(); ++i) {
    if (reached[i]) continue;
    ItemCorrespondence entry;
    entry.relation = CrossRelation::added;
    entry.to_class = diff.to_class, entry.to_item = to_items[i].name, entry.to = to_items[i];
    // An item a guidebook added (DS-442 v2.3's readings and English forms), in no XSD.
    if (to_items[i].field != nullptr && !to_items[i].field->since.empty())
      entry.note = "added by release " + to_items[i].field->since + " (a guidebook's item)";
    if (a != b) {
      // The line that explains it best: from the first model's class, else new (added), else any.
      const CrosswalkRow* best = nullptr;
      auto rank = [&](const CrosswalkRow* row) {
        return row->classes[a] == diff.from_class ? 0 : !row->present(a) ? 1 : 2;
      };
      for (const CrosswalkRow* row : crosswalk.item_rows_of(b, diff.to_class))
        if (row->items[b] == to_items[i].name && (best == nullptr || rank(row) < rank(best)))
          best = row;
      if (best != nullptr) {
        entry.relation = crosswalk.relation_between(*best, a, b);
        entry.from_class = best->classes[a], entry.from_item = best->items[a];
        entry.value = best->value, entry.note = best->note;
      }
    }
    diff.items.push_back(std::move(entry));
  }
  return diff;
}

}  // namespace gifkit::models

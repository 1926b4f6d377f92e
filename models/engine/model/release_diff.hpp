// release_diff.hpp — the item-by-item correspondence between two GIF class
// models (one class in two releases, a class and the class its items moved
// to, or a class and its required pattern), read from the crosswalk
// (crosswalk.hpp): each item's relation, and the labels, types and
// cardinality that differ. `gifkit model diff` prints it (docs/model-diff.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/engine/model/crosswalk.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

// An item of a model as the crosswalk names it: a field of its own or a part.
struct ClassItem {
  std::string name;  // the crosswalk's name: 2022 the field id, 2024/2025 the XSD element
  const FieldSpec* field = nullptr;
  const PartSpec* part = nullptr;
  std::string label() const;
  std::string type() const;         // "text", "code SexCodeList", "part gif:Address"
  std::string cardinality() const;  // "0..1", "1..n"
};

struct ItemCorrespondence {
  CrossRelation relation = CrossRelation::same;
  std::string from_class, from_item;  // the crosswalk's, "" when none
  std::string to_class, to_item;
  std::optional<ClassItem> from, to;  // in the two models; nullopt when not in the model
  std::vector<std::string> differences;  // "label 居住住所 → 住所", "type …", "cardinality …"
  ValueCarry value = ValueCarry::none;
  std::string note;
};

struct ReleaseDiff {
  std::string from_release, to_release;
  std::string from_class, to_class;  // the crosswalk's class names
  std::vector<ItemCorrespondence>
      items;  // the first model's items in its order, then the second's new ones
};

// Why two models cannot be compared (exit 2).
struct ReleaseDiffError {
  std::string message;
};

// The crosswalk class of a GIF class model: its XSD class (a 2022 model, which has
// none: its id's local name), a required pattern's without the _MP suffix.
std::string crosswalk_class_of(const Model& model);

// The crosswalk's name of a field or part: its XSD element, else its id (2022).
std::string crosswalk_item_name(const FieldSpec& field);
std::string crosswalk_item_name(const PartSpec& part);

// The model's own items and parts, by the crosswalk's names, in model order.
std::vector<ClassItem> crosswalk_items(const Model& model);

// Compares model `from` with model `to`. Throws ReleaseDiffError when either
// is no GIF class model (no release) or its class is not in the crosswalk.
ReleaseDiff diff_releases(const Model& from, const Model& to, const Crosswalk& crosswalk);

}  // namespace gifkit::models

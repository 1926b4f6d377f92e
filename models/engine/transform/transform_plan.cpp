// transform_plan.cpp — see transform_plan.hpp. The order of decisions:
// 1. each input column's item: the user's mapping, else the header binding
//    (the item's name, an equivalent, a listed non-standard name, a
//    look-alike or a near miss), else its values where they are certain
//    (checks/column_by_values.hpp) — each rename in the change log;
// 2. the forms: a mapping's split; 氏名 ↔ 氏 + 名 (the model's alternatives
//    with a separator); the address parts ↔ 連結表記 and the codes the
//    registry gives;
// 3. the output: the model's items in its order, then the other columns.
#include "models/engine/transform/transform_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "grammars/text/text_fold.hpp"
#include "models/engine/dataset/header_matcher.hpp"

namespace gifkit::models {
namespace {

// The GIF address items of one address (own fields, or a part's), by id.
struct AddressItems {
  std::string part;  // "" for the model's own fields
  const FieldSpec* lg_code = nullptr;
  const FieldSpec* street_address_id = nullptr;
  const FieldSpec* prefecture = nullptr;
  const FieldSpec* city = nullptr;
  const FieldSpec* town = nullptr;
  const FieldSpec* block = nullptr;
  const FieldSpec* building = nullptr;
  const FieldSpec* full = nullptr;
  const FieldSpec* town_and_block = nullptr;
};

std::vector<AddressItems> address_items_of(const Model& model) {
  std::map<std::string, AddressItems> by_part;
  for (const FieldSpec& field : model.fields) {
    AddressItems& items = by_part[field.part];
    items.part = field.part;
    const std::string& id = field.id;
    if (id == "localGovernmentCode") items.lg_code = &field;
    if (id == "streetAddressId") items.street_address_id = &field;
    if (id == "prefecture") items.prefecture = &field;
    if (id == "cityAndCounty") items.city = &field;
    if (id == "streetAddress") items.town = &field;
    if (id == "cityBlock") items.block = &field;
    if (id == "buildingNameEtc") items.building = &field;
    if (id == "fullAddress") items.full = &field;
    if (id == "streetAddressAndCityBlock") items.town_and_block = &field;
  }
  std::vector<AddressItems> out;
  for (auto& [part, items] : by_part) {
    if (items.prefecture != nullptr && items.city != nullptr && items.full != nullptr)
      out.push_back(items);
  }
  return out;
}

class Planner {
 public:
  Planner(const Model& model, const std::vector<std::string>& headers,
          const TransformOptions& options, RegistryLookup* registry,
          const std::vector<ValueBinding>& by_values, const ReleaseColumns* release,
          KnownItemLabels known_items)
      : model_(model),
        headers_(headers),
        options_(options),
        registry_(registry),
        by_values_(by_values),
        release_(release),
        known_items_(std::move(known_items)) {
    plan_.model = &model;
    plan_.headers = headers;
    if (release_ != nullptr && release_->earlier_form()) plan_.notes.push_back(release_->note());
  }

  TransformPlan run() {
    bind_columns();
    plan_mapping_splits();
    plan_code_tables();
    plan_separator_forms();
    plan_addresses();
    plan_corporations();
    lay_out_columns();
    bind_corporations();
    return std::move(plan_);
  }

 private:
  // 1. Each column's item.
  void bind_columns() {
    const std::size_t n = headers_.size();
    item_of_.assign(n, nullptr);
    consumed_.assign(n, false);
    split_of_.assign(n, nullptr);
    const std::vector<ColumnBinding> bindings =
        HeaderMatcher(model_, known_items_).match_all(headers_);
    std::map<std::string, int> column_of_item;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& header = headers_[i];
      MappingEntry saved;
      saved.header = header;
      if (const MappingEntry* entry = options_.mapping.find(header)) {
        saved = *entry;
        if (entry->split != ColumnSplit::none) {
          split_of_[i] = entry;
        } else if (!entry->items.empty()) {
          item_of_[i] = model_.find_field(entry->items.front());
        }
      } else {
        const ColumnBinding& binding = bindings[i];
        // A header the model does not know (or only as a near miss) that an
        // earlier release of its class does: converted by the crosswalk.
        // In a file that follows the earlier release, also a header the model
        // knows, where the crosswalk names another item for it.
        std::optional<ReleaseColumn> earlier;
        const bool bound = binding.field != nullptr && binding.match != HeaderMatch::near_miss;
        if (release_ != nullptr && (!bound || release_->earlier_form()))
          earlier = release_->match(header);
        // The same item: the model's checks judge its values — unless the
        // crosswalk says its meaning changed (2022 定員 → 2025 定員, 収容人数).
        if (earlier && bound && earlier->became == binding.field && !earlier->reviewed)
          earlier.reset();
        if (earlier && earlier->target != nullptr) {
          item_of_[i] = earlier->target;
          saved.items = {earlier->target->path};
          by_release_.insert(static_cast<int>(i));
          plan_.notes.push_back(header + " read as " + label(*earlier->target) + ": " +
                                earlier->source + " (rename-release)");
        } else if (earlier) {
          release_review_.emplace(static_cast<int>(i), std::move(*earlier));
        } else if (binding.field != nullptr) {
          item_of_[i] = binding.field;
          saved.items = {binding.field->path};
          if (binding.match == HeaderMatch::near_miss) near_miss_.insert(static_cast<int>(i));
        } else if (const ValueBinding* by_values = by_values_of(i)) {
          item_of_[i] = by_values->field;
          saved.items = {by_values->field->path};
          bound_by_values_.insert(static_cast<int>(i));
          plan_.notes.push_back(header + " read as " + label(*by_values->field) + ": " +
                                by_values->evidence + " (rename-by-values)");
        }
      }
      if (item_of_[i] != nullptr) {
        if (const int named = other_column_named(i, *item_of_[i], bindings); named >= 0) {
          // Never a rename onto a name another column has (業種 beside 業態):
          // the column keeps its own name, and its values stay where they were.
          plan_.header_reviews.push_back(
              {1, static_cast<std::uint32_t>(i + 1), label(*item_of_[i]), header,
               header + " keeps its name: column " + std::to_string(named + 1) + " is " +
                   label(*item_of_[i]) + " already (a rename onto it would make two)",
               "duplicate-column", ""});
          item_of_[i] = nullptr;
          saved.items.clear();
          near_miss_.erase(static_cast<int>(i));
          by_release_.erase(static_cast<int>(i));
          bound_by_values_.erase(static_cast<int>(i));
        }
      }
      if (item_of_[i] != nullptr) {
        const auto [at, inserted] = column_of_item.emplace(item_of_[i]->path, static_cast<int>(i));
        if (!inserted) {
          if (options_.mapping.find(header) != nullptr &&
              options_.mapping.find(headers_[at->second]) != nullptr) {
            throw TransformFailure{"the mapping maps two columns to the item " +
                                   item_of_[i]->display_name() + ": " + headers_[at->second] +
                                   " and " + header};
          }
          plan_.header_reviews.push_back(
              {1, static_cast<std::uint32_t>(i + 1), label(*item_of_[i]), header,
               header + " is a second column of the item " + label(*item_of_[i]) + " (column " +
                   std::to_string(at->second + 1) + "): kept as it is at the end",
               "duplicate-column", ""});
          item_of_[i] = nullptr;
          saved.items.clear();
        }
      }
      // A column of an earlier release reviewed by the crosswalk is not saved
      // as "no item" (a replay would keep it): replayed, the crosswalk decides again.
      if (release_review_.count(static_cast<int>(i)) == 0)
        plan_.mapping.entries.push_back(std::move(saved));
    }
    for (std::size_t i = 0; i < n; ++i)
      if (item_of_[i] != nullptr) column_of_path_[item_of_[i]->path] = static_cast<int>(i);
    plan_.mapping.model = model_.id;
    std::set<const MappingEntry*> in_file;  // found as written, or as saved masked
    for (const std::string& header : headers_) in_file.insert(options_.mapping.find(header));
    for (const MappingEntry& entry : options_.mapping.entries) {
      if (in_file.count(&entry) == 0)
        plan_.notes.push_back("the mapping's column " + entry.header + " is not in this file");
    }
  }

  static std::string label(const FieldSpec& field) { return HeaderMatcher::display_label(field); }

  // The other column (0-based) that already has the name column i would be
  // renamed to as field — by that name, or an accepted name of field — or -1;
  // also -1 when column i has the name itself.
  int other_column_named(std::size_t i, const FieldSpec& field,
                         const std::vector<ColumnBinding>& bindings) const {
    const std::string name = grammars::fold_label(label(field));
    if (grammars::fold_label(headers_[i]) == name) return -1;
    for (std::size_t j = 0; j < headers_.size(); ++j) {
      if (j == i) continue;
      const bool by_name = bindings[j].field == &field &&
                           bindings[j].match != HeaderMatch::near_miss &&
                           bindings[j].match != HeaderMatch::unknown;
      if (by_name || grammars::fold_label(headers_[j]) == name) return static_cast<int>(j);
    }
    return -1;
  }

  // The certain binding by its values of column i, or nullptr.
  const ValueBinding* by_values_of(std::size_t i) const {
    for (const ValueBinding& binding : by_values_)
      if (binding.column == i && binding.certain) return &binding;
    return nullptr;
  }

  int column_of(const FieldSpec* field) const {
    if (field == nullptr) return -1;
    const auto at = column_of_path_.find(field->path);
    return at == column_of_path_.end() ? -1 : at->second;
  }
  bool has_column(const FieldSpec* field) const { return column_of(field) >= 0; }
  bool made(const FieldSpec* field) const { return field != nullptr && made_.count(field) != 0; }
  bool present(const FieldSpec* field) const { return has_column(field) || made(field); }

  // Adds a conversion, each input column logged on row 1 with what it becomes
  // (the items of the slots; for a column kept in the output, the items it
  // adds beside it — nothing when it only writes the column again).
  void add_conversion(std::unique_ptr<FormConversion> conversion, std::vector<int> inputs,
                      std::vector<const FieldSpec*> slots) {
    PlannedConversion planned;
    planned.conversion = std::move(conversion);
    const int first =
        inputs.empty() ? -1
                       : *std::find_if(inputs.begin(), inputs.end(), [](int c) { return c >= 0; });
    planned.item = first >= 0 && item_of_[first] != nullptr ? label(*item_of_[first])
                   : first >= 0                             ? headers_[first]
                                                            : "";
    for (const FieldSpec* slot : slots)
      if (slot != nullptr) made_.insert(slot);
    std::vector<const FieldSpec*> added;
    for (const FieldSpec* slot : slots)
      if (slot != nullptr && !has_column(slot)) added.push_back(slot);
    for (int input : inputs) {
      if (input < 0) continue;
      const std::string becomes = joined_labels(consumed_[input] ? slots : added);
      if (becomes.empty()) continue;
      plan_.header_changes.push_back(
          {1, static_cast<std::uint32_t>(input + 1), item_of_[input] ? label(*item_of_[input]) : "",
           headers_[input], becomes, std::string(planned.conversion->rule())});
    }
    planned.inputs = std::move(inputs);
    planned.slots = std::move(slots);
    plan_.conversions.push_back(std::move(planned));
  }

  static std::string joined_labels(const std::vector<const FieldSpec*>& fields) {
    std::string text;
    for (const FieldSpec* field : fields) {
      if (field == nullptr) continue;
      text += (text.empty() ? "" : " + ") + label(*field);
    }
    return text;
  }

  // 2a. A mapping's split of one column into two items.
  void plan_mapping_splits() {
    for (std::size_t i = 0; i < headers_.size(); ++i) {
      const MappingEntry* entry = split_of_[i];
      if (entry == nullptr) continue;
      std::vector<const FieldSpec*> slots;
      for (const std::string& path : entry->items) {
        const FieldSpec* field = model_.find_field(path);
        if (has_column(field) || made(field)) {
          throw TransformFailure{"the mapping splits " + entry->header + " into " +
                                 field->display_name() + ", which already has a column (" +
                                 headers_[std::max(column_of(field), 0)] + ")"};
        }
        slots.push_back(field);
      }
      std::unique_ptr<FormConversion> conversion;
      if (entry->split == ColumnSplit::time_range) {
        conversion = make_time_range_split();
      } else {
        conversion = make_separator_split(separator_for(slots));
      }
      consumed_[i] = true;
      add_conversion(std::move(conversion), {static_cast<int>(i)}, slots);
    }
  }

  // 2b. A mapping's code tables: the standard codes written in place of a
  // column's codes, or beside them into an item (its own column, or one added).
  void plan_code_tables() {
    for (std::size_t i = 0; i < headers_.size(); ++i) {
      const MappingEntry* entry = options_.mapping.find(headers_[i]);
      if (entry == nullptr || !entry->codes) continue;
      const FieldSpec* target = model_.find_field(entry->codes->to);
      if (target == nullptr) continue;  // load_mapping checked it
      if (made(target)) {
        throw TransformFailure{"the mapping writes the codes of " + entry->header + " into " +
                               entry->codes->to + ", which a split writes too"};
      }
      PlannedCodeTable planned;
      planned.input = static_cast<int>(i);
      planned.table = entry->codes->table;
      planned.in_place = item_of_[i] == target;
      code_table_of_[target] = static_cast<int>(plan_.code_tables.size());
      plan_.code_tables.push_back(std::move(planned));
      made_.insert(target);
      if (has_column(target)) continue;  // its values are filled, kept or reviewed
      // A column added: logged on row 1 at the column of the codes read.
      plan_.header_changes.push_back({1, static_cast<std::uint32_t>(i + 1), label(*target),
                                      headers_[i], label(*target), "code-table"});
    }
  }

  // The separator of the model's alternative whose first form is these two
  // items; a half-width space when there is none.
  std::string separator_for(const std::vector<const FieldSpec*>& slots) const {
    for (const Alternative& alternative : model_.alternatives) {
      if (!alternative.has_separator || alternative.forms.front().size() != 2) continue;
      if (alternative.forms.front()[0] == slots[0]->path &&
          alternative.forms.front()[1] == slots[1]->path)
        return alternative.separator;
    }
    return " ";
  }

  // 2c. 氏名 ↔ 氏 + 名 (each alternative with a separator).
  void plan_separator_forms() {
    if (options_.to == TargetForm::as_input) return;
    for (const Alternative& alternative : model_.alternatives) {
      if (!alternative.has_separator) continue;
      std::vector<const FieldSpec*> split;
      for (const std::string& path : alternative.forms.front())
        split.push_back(model_.find_field(path));
      const FieldSpec* combined = model_.find_field(alternative.forms.back().front());
      if (combined == nullptr || std::find(split.begin(), split.end(), nullptr) != split.end())
        continue;
      const bool has_split = std::all_of(split.begin(), split.end(),
                                         [this](const FieldSpec* f) { return has_column(f); });
      if (options_.to == TargetForm::split && has_column(combined) && !present(split[0]) &&
          !present(split[1])) {
        const int column = column_of(combined);
        consumed_[column] = true;
        add_conversion(make_separator_split(alternative.separator), {column}, split);
      } else if (options_.to == TargetForm::combined && has_split && !present(combined)) {
        std::vector<int> inputs;
        for (const FieldSpec* field : split) {
          inputs.push_back(column_of(field));
          consumed_[column_of(field)] = true;
        }
        add_conversion(make_separator_join(alternative.separator), inputs, {combined});
      }
    }
  }

  // 2d. The address forms and the codes the registry gives.
  void plan_addresses() {
    const bool abr = registry_ != nullptr && registry_->has_addresses();
    for (const AddressItems& items : address_items_of(model_)) {
      std::vector<const FieldSpec*> form;
      AddressInput input = AddressInput::one_line;
      if (has_column(items.prefecture) && has_column(items.city) && has_column(items.town) &&
          has_column(items.block)) {
        input = AddressInput::four_items;
        form = {items.prefecture, items.city, items.town, items.block};
      } else if (has_column(items.prefecture) && has_column(items.city) &&
                 has_column(items.town_and_block)) {
        input = AddressInput::three_items;
        form = {items.prefecture, items.city, items.town_and_block};
      } else if (has_column(items.full)) {
        form = {items.full};
      } else {
        continue;
      }
      const bool split_parts_missing = !has_column(items.town) || !has_column(items.block);
      const bool codes_missing =
          (items.lg_code != nullptr && !has_column(items.lg_code)) ||
          (items.street_address_id != nullptr && !has_column(items.street_address_id));
      const bool with_building = has_column(items.building);
      std::vector<int> inputs;
      for (const FieldSpec* field : form) inputs.push_back(column_of(field));
      if (with_building) inputs.push_back(column_of(items.building));
      const std::string place = items.part.empty() ? "the address" : "the " + items.part;

      if (options_.to == TargetForm::combined && input != AddressInput::one_line &&
          !has_column(items.full)) {
        for (int column : inputs) consumed_[column] = true;
        add_conversion(make_address_join(input), inputs, {items.full});
        continue;
      }
      const bool split_wanted = options_.to == TargetForm::split && split_parts_missing &&
                                input != AddressInput::four_items;
      // 連結表記 and 町字以下 are written again in the DS-442 form (湯島2-24-14)
      // where they stay in the output.
      const FieldSpec* rewritten = split_wanted                         ? nullptr
                                   : input == AddressInput::one_line    ? items.full
                                   : input == AddressInput::three_items ? items.town_and_block
                                                                        : nullptr;
      if (!split_wanted && !(abr && (codes_missing || rewritten != nullptr))) continue;
      if (!abr) {
        throw TransformFailure{"--to split of " + place + " (" + headers_[inputs.front()] +
                               ") needs --registry with Address Base Registry data: the ABR "
                               "says where 市区町村, 町字 and 番地以下 begin"};
      }
      // The codes only where they have no column of their own; the parts
      // when splitting (their input columns are then read by the split).
      auto code = [&](const FieldSpec* field) -> const FieldSpec* {
        return present(field) ? nullptr : field;
      };
      auto part = [&](const FieldSpec* field) { return split_wanted ? field : nullptr; };
      std::vector<const FieldSpec*> slots = {code(items.lg_code),    code(items.street_address_id),
                                             part(items.prefecture), part(items.city),
                                             part(items.town),       part(items.block),
                                             part(items.building),   rewritten};
      if (split_wanted) {
        for (int column : inputs) consumed_[column] = true;
      }
      add_conversion(make_address_split(input, *registry_), inputs, slots);
    }
  }

  // In the output: a column not read by a conversion, or a conversion's slot.
  bool in_output(const FieldSpec* field) const {
    const int column = column_of(field);
    return (column >= 0 && !consumed_[column]) || made(field);
  }

  // 2e. The 法人番号 the registry gives a corporation by its name and address
  // (its column added when the input has none), and the registered name and
  // address compared: for each corporation check whose name is in the output.
  void plan_corporations() {
    if (registry_ == nullptr || !registry_->has_corporations()) return;
    for (const RegistryCheck& check : model_.registry_checks) {
      if (check.registry != "corporation") continue;
      PlannedCorporation planned;
      planned.key = model_.find_field(check.key);
      if (planned.key == nullptr) continue;
      for (const RegistryComparison& comparison : check.comparisons) {
        std::vector<const FieldSpec*> items;
        for (const std::string& path : comparison.items) {
          const FieldSpec* field = model_.find_field(path);
          if (!in_output(field)) {
            items.clear();
            break;
          }
          items.push_back(field);
        }
        if (items.empty()) continue;
        if (comparison.with == RegisteredValue::name && planned.name == nullptr &&
            items.size() == 1)
          planned.name = items.front();
        if (comparison.with == RegisteredValue::address && planned.address.empty())
          planned.address = std::move(items);
      }
      if (planned.name == nullptr) continue;
      if (!in_output(planned.key)) {
        if (planned.address.empty()) continue;  // a name alone never gives the number
        registry_filled_.insert(planned.key);
        plan_.header_changes.push_back(
            {1, 0, label(*planned.key), "", label(*planned.key), "corporate-number-from-registry"});
      }
      corporations_.push_back(std::move(planned));
    }
  }

  // The corporation checks bound to the output's columns.
  void bind_corporations() {
    auto output_index = [this](const FieldSpec* field) {
      for (std::size_t i = 0; i < plan_.columns.size(); ++i)
        if (plan_.columns[i].field == field) return static_cast<int>(i);
      return -1;
    };
    for (const PlannedCorporation& planned : corporations_) {
      CorporationColumns bound;
      bound.key = output_index(planned.key);
      bound.name = output_index(planned.name);
      std::vector<std::string> ids;
      for (const FieldSpec* field : planned.address) {
        bound.address.push_back(output_index(field));
        ids.push_back(field->id);
      }
      bound.address_kind_fits = ids == std::vector<std::string>{"fullAddress"} ||
                                ids == std::vector<std::string>{"prefecture", "cityAndCounty",
                                                                "streetAddressAndCityBlock"};
      plan_.corporations.push_back(std::move(bound));
    }
  }

  // 3. The output's columns.
  void lay_out_columns() {
    std::optional<FieldCharset> charset;
    if (!options_.charset.empty()) {
      charset = parse_charset(options_.charset);
      if (!charset) throw TransformFailure{"--charset: unknown character set " + options_.charset};
    }
    auto output_column = [&](const FieldSpec& field) {
      OutputColumn column;
      column.header = label(field);
      column.field = &field;
      column.checked = field;
      if (charset && field.type != ValueType::halfwidth_alnum && !field.charset.any())
        column.checked.charset = *charset;
      return column;
    };
    for (const FieldSpec& field : model_.fields) {
      const int source = column_of(&field);
      const auto code_table = code_table_of_.find(&field);
      if (source >= 0 && !consumed_[source]) {
        OutputColumn column = output_column(field);
        column.source = source;
        if (code_table != code_table_of_.end()) column.code_table = code_table->second;
        // A conversion that writes the column again (an address in the DS-442 form).
        for (std::size_t c = 0; c < plan_.conversions.size(); ++c) {
          const auto& slots = plan_.conversions[c].slots;
          const auto at = std::find(slots.begin(), slots.end(), &field);
          if (at == slots.end()) continue;
          column.conversion = static_cast<int>(c);
          column.slot = static_cast<int>(at - slots.begin());
        }
        plan_.columns.push_back(std::move(column));
        if (headers_[source] != label(field)) {
          // A near miss (one or two characters off an item name: 市区町村（群）) is
          // named as such, so that a reader of the log can undo it in a mapping file.
          plan_.header_changes.push_back({1, static_cast<std::uint32_t>(source + 1), label(field),
                                          headers_[source], label(field),
                                          near_miss_.count(source)         ? "rename-near-miss"
                                          : bound_by_values_.count(source) ? "rename-by-values"
                                          : by_release_.count(source)      ? "rename-release"
                                                                           : "rename-item"});
        }
        continue;
      }
      if (code_table != code_table_of_.end()) {
        OutputColumn column = output_column(field);  // a column the code table adds
        column.code_table = code_table->second;
        plan_.columns.push_back(std::move(column));
        continue;
      }
      if (registry_filled_.count(&field) != 0) {
        plan_.columns.push_back(output_column(field));  // filled by the corporation check
        continue;
      }
      for (std::size_t c = 0; c < plan_.conversions.size(); ++c) {
        const auto& slots = plan_.conversions[c].slots;
        const auto at = std::find(slots.begin(), slots.end(), &field);
        if (at == slots.end()) continue;
        OutputColumn column = output_column(field);
        column.conversion = static_cast<int>(c);
        column.slot = static_cast<int>(at - slots.begin());
        plan_.columns.push_back(std::move(column));
        break;
      }
    }
    for (std::size_t i = 0; i < headers_.size(); ++i) {
      if (item_of_[i] != nullptr || consumed_[i]) continue;
      if (const auto earlier = release_review_.find(static_cast<int>(i));
          earlier != release_review_.end()) {
        // Never dropped: every value of it goes to the review list.
        const ReleaseColumn& column = earlier->second;
        plan_.release_reviews.push_back(
            {0, static_cast<std::uint32_t>(i + 1), column.source, "", column.why, column.rule, ""});
        plan_.header_changes.push_back(
            {1, static_cast<std::uint32_t>(i + 1), column.source, headers_[i], "", column.rule});
        plan_.notes.push_back(column.why + ": its values are in the review list (" + column.rule +
                              ")");
        continue;
      }
      if (options_.drop_unknown) {
        plan_.dropped.push_back(static_cast<int>(i));
        plan_.header_changes.push_back(
            {1, static_cast<std::uint32_t>(i + 1), "", headers_[i], "", "drop-unknown"});
        continue;
      }
      OutputColumn column;
      column.header = headers_[i];
      column.source = static_cast<int>(i);
      plan_.columns.push_back(std::move(column));
    }
    plan_.input_fields = item_of_;
  }

  const Model& model_;
  const std::vector<std::string>& headers_;
  const TransformOptions& options_;
  RegistryLookup* registry_;
  TransformPlan plan_;
  std::vector<const FieldSpec*> item_of_;      // per input column
  std::vector<bool> consumed_;                 // read by a conversion, not copied
  std::vector<const MappingEntry*> split_of_;  // a mapping's split of the column
  std::map<std::string, int> column_of_path_;
  std::set<const FieldSpec*> made_;                // items a conversion or a code table writes
  std::map<const FieldSpec*, int> code_table_of_;  // items a code table writes → its index
  std::set<int> near_miss_;                        // columns bound by a near miss
  const std::vector<ValueBinding>& by_values_;     // columns understood by their values
  std::set<int> bound_by_values_;                  // columns bound by them
  const ReleaseColumns* release_;                  // an earlier release's columns, or null
  KnownItemLabels known_items_;                    // the GIF releases' item names, or null
  std::set<int> by_release_;                       // columns bound through the crosswalk
  std::map<int, ReleaseColumn> release_review_;    // columns of it whose values are reviewed
  struct PlannedCorporation {
    const FieldSpec* key = nullptr;
    const FieldSpec* name = nullptr;
    std::vector<const FieldSpec*> address;
  };
  std::vector<PlannedCorporation> corporations_;
  std::set<const FieldSpec*> registry_filled_;  // 法人番号 items only the registry gives
};

}  // namespace

std::uint32_t OutputColumn::input_number(const std::vector<PlannedConversion>& conversions) const {
  if (source >= 0) return static_cast<std::uint32_t>(source + 1);
  if (conversion < 0) return 0;
  const std::vector<int>& inputs = conversions[static_cast<std::size_t>(conversion)].inputs;
  return inputs.empty() ? 0 : static_cast<std::uint32_t>(inputs.front() + 1);
}

std::string TransformPlan::item_name(std::size_t column) const {
  return column < input_fields.size() && input_fields[column] != nullptr
             ? HeaderMatcher::display_label(*input_fields[column])
             : std::string();
}

TransformPlan plan_transform(const Model& model, const std::vector<std::string>& headers,
                             const TransformOptions& options, RegistryLookup* registry,
                             const std::vector<ValueBinding>& by_values,
                             const ReleaseColumns* release, KnownItemLabels known_items) {
  return Planner(model, headers, options, registry, by_values, release, std::move(known_items))
      .run();
}

}  // namespace gifkit::models

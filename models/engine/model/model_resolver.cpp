// model_resolver.cpp — resolution of model definitions into flat Models (see
// model_resolver.hpp and docs/model-language.md for the rules: extends, omit,
// parts flattened one level, require, alternatives, registry checks, unique headers).
#include "models/engine/model/model_resolver.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "grammars/text/text_fold.hpp"

namespace gifkit::models {

namespace {

bool is_one_level(const Alternative& alternative) {
  for (const auto& form : alternative.forms) {
    for (const std::string& path : form) {
      if (path.find('.') != std::string::npos) return false;
    }
  }
  return true;
}

FieldSpec* find_field_mutable(Model& model, const std::string& path) {
  for (FieldSpec& field : model.fields) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

PartSpec* find_part_mutable(Model& model, const std::string& id) {
  for (PartSpec& part : model.parts) {
    if (part.id == id) return &part;
  }
  return nullptr;
}

// A part is required: its fields take back the minimum the held model gives
// them, and the first form of the held model's first alternative becomes
// required, so that any complete form of that alternative satisfies the part
// (an address in the split form, the 3-item form or as one 連結表記).
void require_part_fields(Model& model, const PartSpec& part, const Model& held) {
  const std::string prefix = part.id + ".";
  for (FieldSpec& field : model.fields) {
    if (field.part != part.id) continue;
    const FieldSpec* held_field = held.find_field(field.path.substr(prefix.size()));
    if (held_field != nullptr)
      field.min_occurs = std::max(field.min_occurs, held_field->min_occurs);
  }
  for (const Alternative& alternative : held.alternatives) {
    if (!is_one_level(alternative) || alternative.forms.empty()) continue;
    for (const std::string& path : alternative.forms.front()) {
      if (FieldSpec* field = find_field_mutable(model, prefix + path)) {
        field->min_occurs = std::max(field->min_occurs, 1);
      }
    }
    break;
  }
}

// A field written with from="…": the taken item's label, type, width, charset,
// lengths, pattern, code list, vocabulary, blank rule, example, description and
// aliases (not with from-item; the written aliases added after them), each overridden by the
// attribute the field writes. Its occurrences, key and xsd-element are the
// field's own: the taking model says how often it holds the item.
FieldSpec take_item(const FieldSpec& item, const FieldDefinition& field) {
  const FieldSpec& local = field.spec;
  const auto given = [&field](std::string_view name) { return field.given.count(name) != 0; };
  FieldSpec merged = item;
  merged.path = local.id;
  merged.id = local.id;
  merged.part.clear();
  merged.part_prefixes.clear();
  merged.prefix_optional = true;
  merged.min_occurs = local.min_occurs;
  merged.max_occurs = local.max_occurs;
  merged.key = local.key;
  merged.xsd_element = local.xsd_element;
  merged.recommended = false;
  merged.id_generated = false;
  if (given("label")) merged.label = local.label;
  if (given("type")) merged.type = local.type;
  if (given("width")) merged.width = local.width;
  if (given("charset") || given("charset-file")) merged.charset = local.charset;
  if (given("min-length")) merged.min_length = local.min_length;
  if (given("max-length")) merged.max_length = local.max_length;
  if (given("pattern")) merged.pattern = local.pattern;
  if (given("codelist") || given("type")) merged.codelist = local.codelist;
  if (given("values")) merged.values = local.values;
  if (given("blank")) {
    merged.blank_allowed = local.blank_allowed;
    merged.blank_meaning = local.blank_meaning;
  }
  if (given("code-information")) merged.code_information = local.code_information;
  if (given("example")) merged.example = local.example;
  if (given("description")) merged.description = local.description;
  // An item taken under another id (from-item: 分校's 都道府県 beside the school's own)
  // is a second copy: the item's aliases would be headers of both, so only the
  // written ones are its.
  if (!field.from_item.empty()) merged.aliases.clear();
  merged.aliases.insert(merged.aliases.end(), local.aliases.begin(), local.aliases.end());
  // A taken alias that is the field's own (written) label says nothing more
  // (地方公共団体コード, a nonstandard name of 全国地方公共団体コード, as the label).
  const std::string label = grammars::fold_label(merged.label);
  std::erase_if(merged.aliases, [&label](const Alias& alias) {
    return grammars::fold_label(alias.label) == label;
  });
  return merged;
}

// The registry checks of a model items were taken from (gif:Address's address
// check), kept when this model took the check's key: the comparisons and
// written forms whose items it all took, the town key and country when taken
// (without the town key, the comparisons that need it go), on the paths of the
// fields that took them (items: the taken item's id → the taking field's path).
void carry_registry_checks(const Model& from, const std::map<std::string, std::string>& items,
                           Model& model) {
  const auto took = [&items](const std::string& path) { return items.count(path) != 0; };
  const auto lacks_any = [&took](const std::vector<std::string>& paths) {
    return !std::all_of(paths.begin(), paths.end(), took);
  };
  const auto to_path = [&items](std::string& path) {
    if (auto found = items.find(path); found != items.end()) path = found->second;
  };
  for (const RegistryCheck& check : from.registry_checks) {
    if (!took(check.key)) continue;
    RegistryCheck carried = check;
    if (!carried.country.empty() && !took(carried.country)) carried.country.clear();
    if (!carried.town_key.empty() && !took(carried.town_key)) carried.town_key.clear();
    std::erase_if(carried.comparisons, [&](const RegistryComparison& comparison) {
      const bool needs_town = comparison.with == RegisteredValue::town ||
                              comparison.with == RegisteredValue::postal_code;
      return lacks_any(comparison.items) || (needs_town && carried.town_key.empty());
    });
    std::erase_if(carried.written, lacks_any);
    to_path(carried.key);
    to_path(carried.town_key);
    to_path(carried.country);
    for (RegistryComparison& comparison : carried.comparisons)
      std::for_each(comparison.items.begin(), comparison.items.end(), to_path);
    for (auto& form : carried.written) std::for_each(form.begin(), form.end(), to_path);
    model.registry_checks.push_back(std::move(carried));
  }
}

std::string chain_text(const std::vector<std::string>& chain) {
  std::string text;
  for (const std::string& id : chain) text += (text.empty() ? "" : " -> ") + id;
  return text;
}

}  // namespace

void ModelResolver::error(const ModelDefinition& definition, int line, std::string message) {
  errors_.push_back({definition.file, line, 0, definition.id + ": " + std::move(message)});
}

const Model* ModelResolver::resolve(const std::string& id) {
  if (auto found = models_.find(id); found != models_.end()) return found->second.get();
  if (failed_.count(id) != 0) return nullptr;
  auto definition = definitions_.find(id);
  if (definition == definitions_.end()) return nullptr;

  in_progress_.push_back(id);
  std::unique_ptr<Model> model = build(*definition->second);
  in_progress_.pop_back();
  if (!model) {
    failed_.insert(id);
    return nullptr;
  }
  const Model* resolved = model.get();
  models_.emplace(id, std::move(model));
  return resolved;
}

const Model* ModelResolver::resolve_reference(const ModelDefinition& definition, int line,
                                              const std::string& ref, const std::string& what) {
  auto in_chain = std::find(in_progress_.begin(), in_progress_.end(), ref);
  if (in_chain != in_progress_.end()) {
    std::vector<std::string> chain(in_chain, in_progress_.end());
    chain.push_back(ref);
    error(definition, line, what + " " + ref + ", which makes a cycle: " + chain_text(chain));
    return nullptr;
  }
  if (definitions_.count(ref) == 0 && models_.count(ref) == 0) {
    error(definition, line, what + " unknown model '" + ref + "'");
    return nullptr;
  }
  const Model* model = resolve(ref);
  if (model == nullptr) error(definition, line, what + " " + ref + ", which failed to load");
  return model;
}

std::unique_ptr<Model> ModelResolver::build(const ModelDefinition& definition) {
  auto model = std::make_unique<Model>();
  model->id = definition.id;
  model->label = definition.label;
  model->gif_class = definition.xsd_type;
  model->has_header = definition.has_header;
  model->partial = definition.partial;
  model->auto_pick = definition.auto_pick;
  model->file_name = definition.file_name;
  model->common = definition.common;
  model->release = definition.release;
  model->also_release = definition.also_release;
  model->extends = definition.extends;
  model->description = definition.description;
  model->source_file = definition.file;
  if (!definition.extends.empty()) {
    const Model* base =
        resolve_reference(definition, definition.line, definition.extends, "extends");
    if (base == nullptr) return nullptr;
    model->fields = base->fields;
    model->alternatives = base->alternatives;
    model->parts = base->parts;
    model->registry_checks = base->registry_checks;
    model->is_pattern = true;
  }

  bool ok = apply_omits(definition, *model);
  TakenItems taken;
  for (const MemberDefinition& member : definition.members) {
    ok = (member.is_part ? add_part(definition, definition.parts[member.index], *model)
                         : add_field(definition, definition.fields[member.index], *model, taken)) &&
         ok;
  }
  for (const auto& [from, items] : taken) carry_registry_checks(*from, items, *model);
  ok = apply_requires(definition, *model) && ok;
  ok = add_alternatives(definition, *model) && ok;
  ok = add_registry_checks(definition, *model) && ok;
  ok = ok && check_headers_unique(definition, *model);
  if (!ok) return nullptr;
  return model;
}

bool ModelResolver::apply_omits(const ModelDefinition& definition, Model& model) {
  bool ok = true;
  std::set<std::string> removed;
  for (const ItemReferenceDefinition& omit : definition.omits) {
    if (find_part_mutable(model, omit.ref) != nullptr) {
      std::erase_if(model.parts, [&](const PartSpec& part) { return part.id == omit.ref; });
      for (const FieldSpec& field : model.fields) {
        if (field.part == omit.ref) removed.insert(field.path);
      }
      std::erase_if(model.fields, [&](const FieldSpec& field) { return field.part == omit.ref; });
    } else if (find_field_mutable(model, omit.ref) != nullptr) {
      removed.insert(omit.ref);
      std::erase_if(model.fields, [&](const FieldSpec& field) { return field.path == omit.ref; });
    } else {
      error(definition, omit.line, "omit: no item '" + omit.ref + "' in the base model");
      ok = false;
    }
  }
  auto loses_item = [&](const std::vector<std::string>& paths) {
    return std::any_of(paths.begin(), paths.end(),
                       [&](const std::string& path) { return removed.count(path) != 0; });
  };
  // A form that lost an item is gone; an alternative needs two forms left.
  for (Alternative& alternative : model.alternatives) std::erase_if(alternative.forms, loses_item);
  std::erase_if(model.alternatives,
                [](const Alternative& alternative) { return alternative.forms.size() < 2; });
  // A registry check goes with its key; a comparison with any of its items.
  std::erase_if(model.registry_checks,
                [&](const RegistryCheck& check) { return removed.count(check.key) != 0; });
  for (RegistryCheck& check : model.registry_checks) {
    std::erase_if(check.comparisons, [&](const RegistryComparison& comparison) {
      return loses_item(comparison.items);
    });
    std::erase_if(check.written, loses_item);
  }
  return ok;
}

bool ModelResolver::add_field(const ModelDefinition& definition, const FieldDefinition& field,
                              Model& model, TakenItems& taken) {
  if (model.find_field(field.spec.id) != nullptr || model.find_part(field.spec.id) != nullptr) {
    error(definition, field.line, "item '" + field.spec.id + "' is defined twice");
    return false;
  }
  if (field.from.empty()) {
    model.fields.push_back(field.spec);
    return true;
  }
  std::optional<FieldSpec> merged = take_field(definition, field, taken);
  if (!merged) return false;
  model.fields.push_back(std::move(*merged));
  return true;
}

std::optional<FieldSpec> ModelResolver::take_field(const ModelDefinition& definition,
                                                   const FieldDefinition& field,
                                                   TakenItems& taken) {
  assert(!field.from.empty());
  const FieldSpec& local = field.spec;
  const Model* from = resolve_reference(definition, field.line, field.from,
                                        "field '" + local.id + "' is taken from");
  if (from == nullptr) return std::nullopt;
  const std::string& item_id = field.from_item.empty() ? local.id : field.from_item;
  const FieldSpec* item = from->find_field(item_id);
  if (item == nullptr || !item->part.empty()) {
    error(definition, field.line,
          "field '" + local.id + "': " + field.from + " has no item '" + item_id +
              "' of its own (from= takes the item of the field's id, or of from-item)");
    return std::nullopt;
  }
  FieldSpec merged = take_item(*item, field);
  if (std::string problem = field_spec_problem(merged); !problem.empty()) {
    error(definition, field.line, problem + " (after taking it from " + field.from + ")");
    return std::nullopt;
  }
  auto entry = std::find_if(taken.begin(), taken.end(),
                            [from](const auto& pair) { return pair.first == from; });
  if (entry == taken.end()) entry = taken.insert(taken.end(), {from, {}});
  entry->second.emplace(item_id, local.id);  // the first field that takes it keeps it
  return merged;
}

bool ModelResolver::add_part(const ModelDefinition& definition, const PartDefinition& part,
                             Model& model) {
  const PartSpec& spec = part.spec;
  if (model.find_field(spec.id) != nullptr || model.find_part(spec.id) != nullptr) {
    error(definition, part.line, "item '" + spec.id + "' is defined twice");
    return false;
  }
  const Model* held =
      resolve_reference(definition, part.line, spec.ref, "part '" + spec.id + "' holds");
  if (held == nullptr) return false;

  model.parts.push_back(spec);
  const std::string prefix = spec.id + ".";
  // One level only: the held model's own fields, not the fields of its parts.
  for (const FieldSpec& held_field : held->fields) {
    if (!held_field.part.empty()) continue;
    FieldSpec field = held_field;
    field.path = prefix + held_field.path;
    field.part = spec.id;
    field.part_prefixes = spec.prefixes;
    field.prefix_optional = spec.prefix_optional;
    field.min_occurs = spec.min_occurs >= 1 ? held_field.min_occurs : 0;
    field.key = false;
    model.fields.push_back(std::move(field));
  }
  bool ok = true;
  for (const PartAliasDefinition& alias : part.aliases) {
    FieldSpec* field = find_field_mutable(model, prefix + alias.field);
    if (field == nullptr) {
      error(
          definition, alias.line,
          "alias '" + alias.alias.label + "': " + spec.ref + " has no field '" + alias.field + "'");
      ok = false;
      continue;
    }
    field->aliases.push_back(alias.alias);
  }
  for (const Alternative& alternative : held->alternatives) {
    if (!is_one_level(alternative)) continue;
    Alternative prefixed;
    for (const auto& form : alternative.forms) {
      auto& prefixed_form = prefixed.forms.emplace_back();
      for (const std::string& path : form) prefixed_form.push_back(prefix + path);
    }
    model.alternatives.push_back(std::move(prefixed));
  }
  // The held model's registry checks, on the part's fields (a 住所 held by
  // 個人 is checked against the ABR like an 住所 of its own).
  for (const RegistryCheck& check : held->registry_checks) {
    if (check.key.find('.') != std::string::npos) continue;  // one level, as the fields
    RegistryCheck prefixed = check;
    auto add_prefix = [&prefix](std::string& path) {
      if (!path.empty()) path = prefix + path;
    };
    prefixed.city_block_form = prefixed.city_block_form && spec.city_block_form;
    add_prefix(prefixed.key);
    add_prefix(prefixed.town_key);
    add_prefix(prefixed.country);
    for (RegistryComparison& comparison : prefixed.comparisons)
      std::for_each(comparison.items.begin(), comparison.items.end(), add_prefix);
    for (auto& form : prefixed.written) std::for_each(form.begin(), form.end(), add_prefix);
    model.registry_checks.push_back(std::move(prefixed));
  }
  if (spec.min_occurs >= 1) require_part_fields(model, spec, *held);
  return ok;
}

bool ModelResolver::apply_requires(const ModelDefinition& definition, Model& model) {
  bool ok = true;
  for (const ItemReferenceDefinition& require : definition.requirements) {
    if (FieldSpec* field = find_field_mutable(model, require.ref)) {
      field->min_occurs = std::max(field->min_occurs, 1);
    } else if (PartSpec* part = find_part_mutable(model, require.ref)) {
      part->min_occurs = std::max(part->min_occurs, 1);
      auto held = models_.find(part->ref);
      if (held != models_.end()) require_part_fields(model, *part, *held->second);
    } else {
      error(definition, require.line, "require: no item '" + require.ref + "' in this model");
      ok = false;
    }
  }
  for (const ItemReferenceDefinition& recommend : definition.recommendations) {
    if (FieldSpec* field = find_field_mutable(model, recommend.ref)) {
      field->recommended = true;
    } else {
      error(definition, recommend.line,
            "recommend: no field '" + recommend.ref + "' in this model (name a field)");
      ok = false;
    }
  }
  return ok;
}

bool ModelResolver::add_alternatives(const ModelDefinition& definition, Model& model) {
  bool ok = true;
  for (const AlternativeDefinition& alternative_definition : definition.alternatives) {
    Alternative alternative;
    alternative.separator = alternative_definition.separator;
    alternative.has_separator = alternative_definition.has_separator;
    if (alternative_definition.has_separator && (alternative_definition.forms.size() != 2 ||
                                                 alternative_definition.forms.back().size() != 1)) {
      error(definition, alternative_definition.line,
            "an alternative with a separator has two forms, the second of one item");
      ok = false;
    }
    for (const auto& form_definition : alternative_definition.forms) {
      ok = resolve_items(definition, form_definition, model, "alternative", " in this model",
                         alternative.forms.emplace_back()) &&
           ok;
    }
    model.alternatives.push_back(std::move(alternative));
  }
  return ok;
}

namespace {

// Why a comparison's registered value does not fit the check, or "".
std::string comparison_problem(const RegistryCheck& check, RegisteredValue with) {
  const bool corporation_value = with == RegisteredValue::name || with == RegisteredValue::address;
  if (check.registry == "corporation")
    return corporation_value ? "" : "the corporation registry compares only name and address";
  if (corporation_value)
    return "the address registry compares prefecture, city, local-government-name, town, "
           "postal-code";
  if ((with == RegisteredValue::town || with == RegisteredValue::postal_code) &&
      check.town_key.empty())
    return "comparing a town or postal-code needs a town-key (the 町字ID field)";
  return "";
}

}  // namespace

// The key must be a field of the registry's number type (the town key a
// 町字ID field), every compared item a field of the model, every compared
// value one the registry has.
bool ModelResolver::add_registry_checks(const ModelDefinition& definition, Model& model) {
  bool ok = true;
  for (const RegistryCheckDefinition& check_definition : definition.registry_checks) {
    RegistryCheck check;
    check.registry = check_definition.registry;
    check.key = check_definition.key.ref;
    check.town_key = check_definition.town_key.ref;
    check.country = check_definition.country.ref;
    check.optional = check_definition.optional;
    const FieldSpec* key = model.find_field(check.key);
    const ValueType key_type = check.registry == "corporation" ? ValueType::corporate_number
                                                               : ValueType::local_government_code;
    if (key == nullptr) {
      error(definition, check_definition.line, "registry-check: no field '" + check.key + "'");
      ok = false;
    } else if (key->type != key_type) {
      error(definition, check_definition.line,
            "registry-check: the key '" + check.key + "' of the " + check.registry +
                " registry is not a " +
                (check.registry == "corporation" ? "corporate-number" : "local-government-code") +
                " field");
      ok = false;
    }
    if (!check.town_key.empty()) {
      const FieldSpec* town_key = model.find_field(check.town_key);
      if (check.registry != "address" || town_key == nullptr ||
          town_key->type != ValueType::street_address_id) {
        error(definition, check_definition.line,
              "registry-check: town-key '" + check.town_key +
                  "' must be a street-address-id field of an address registry check");
        ok = false;
      }
    }
    if (!check.country.empty() &&
        (check.registry != "address" || model.find_field(check.country) == nullptr)) {
      error(definition, check_definition.line,
            "registry-check: country '" + check.country +
                "' must be a field of the model in an address registry check");
      ok = false;
    }
    for (const RegistryComparisonDefinition& comparison_definition : check_definition.comparisons) {
      RegistryComparison comparison;
      comparison.with = comparison_definition.with;
      if (std::string problem = comparison_problem(check, comparison.with); !problem.empty()) {
        error(definition, comparison_definition.line, "registry-check: " + problem);
        ok = false;
      }
      ok = resolve_items(definition, comparison_definition.items, model, "registry-check",
                         " to compare", comparison.items) &&
           ok;
      check.comparisons.push_back(std::move(comparison));
    }
    for (const auto& form_definition : check_definition.written) {
      if (check.registry != "address") {
        error(definition, check_definition.line,
              "registry-check: only an address check has written forms");
        ok = false;
      }
      ok = resolve_items(definition, form_definition, model, "registry-check", " written",
                         check.written.emplace_back()) &&
           ok;
    }
    model.registry_checks.push_back(std::move(check));
  }
  return ok;
}

bool ModelResolver::resolve_items(const ModelDefinition& definition,
                                  const std::vector<ItemReferenceDefinition>& items,
                                  const Model& model, std::string_view context,
                                  std::string_view what, std::vector<std::string>& paths) {
  bool ok = true;
  for (const ItemReferenceDefinition& item : items) {
    if (model.find_field(item.ref) == nullptr) {
      error(definition, item.line,
            std::string(context) + ": no field '" + item.ref + "'" + std::string(what));
      ok = false;
    }
    paths.push_back(item.ref);
  }
  return ok;
}

bool ModelResolver::check_headers_unique(const ModelDefinition& definition, const Model& model) {
  bool ok = true;
  std::map<std::string, const FieldSpec*> owner_of;
  for (const FieldSpec& field : model.fields) {
    for (const AcceptedHeader& header : accepted_headers(field)) {
      const auto [entry, inserted] = owner_of.emplace(grammars::fold_label(header.text), &field);
      if (inserted || entry->second == &field) continue;
      error(definition, definition.line,
            "header '" + header.text + "' would match both '" + entry->second->path + "' and '" +
                field.path + "' (a label or alias of one field is a label or alias of another)");
      ok = false;
    }
  }
  return ok;
}

}  // namespace gifkit::models

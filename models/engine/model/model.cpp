// model.cpp — lookups on a loaded Model (fields, parts, the headers a field
// accepts) and parsing of the model language's width, charset, alias and
// registered-value names.
#include "models/engine/model/model.hpp"

#include <array>
#include <utility>

#include "registries/moji/named_sets.hpp"

namespace gifkit::models {

namespace {

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::pair<Enum, std::string_view>, N>& table,
                               std::string_view name) {
  for (const auto& [value, candidate] : table) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Width, std::string_view>, 3> kWidthNames{{
    {Width::any, "any"},
    {Width::fullwidth, "fullwidth"},
    {Width::halfwidth, "halfwidth"},
}};

constexpr std::array<std::pair<AliasKind, std::string_view>, 3> kAliasKindNames{{
    {AliasKind::standard, "standard"},
    {AliasKind::equivalent, "equivalent"},
    {AliasKind::nonstandard, "nonstandard"},
}};

constexpr std::array<std::pair<RegisteredValue, std::string_view>, 7> kRegisteredValueNames{{
    {RegisteredValue::name, "name"},
    {RegisteredValue::address, "address"},
    {RegisteredValue::prefecture, "prefecture"},
    {RegisteredValue::city, "city"},
    {RegisteredValue::local_government_name, "local-government-name"},
    {RegisteredValue::town, "town"},
    {RegisteredValue::postal_code, "postal-code"},
}};

}  // namespace

std::string_view model_class_name(std::string_view id) {
  const std::size_t colon = id.find(':');
  return colon == std::string_view::npos ? id : id.substr(colon + 1);
}

bool is_gif_pattern(const Model& model) {
  return model.is_pattern && !model.release.empty();
}

const FieldSpec* Model::find_field(const std::string& path) const {
  for (const FieldSpec& field : fields) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

const FieldSpec* Model::find_item(const std::string& name) const {
  if (const FieldSpec* field = find_field(name)) return field;
  for (const FieldSpec& field : fields) {
    if (field.id_generated && field.display_name() == name) return &field;
  }
  return nullptr;
}

const PartSpec* Model::find_part(const std::string& id) const {
  for (const PartSpec& part : parts) {
    if (part.id == id) return &part;
  }
  return nullptr;
}

std::vector<AcceptedHeader> accepted_headers(const FieldSpec& field) {
  std::vector<AcceptedHeader> headers;
  const bool bare = field.part.empty() || field.prefix_optional;
  const std::vector<std::string> no_prefixes;
  const std::vector<std::string>& prefixes = field.part.empty() ? no_prefixes : field.part_prefixes;
  if (bare) headers.push_back({field.label, std::nullopt});
  for (const std::string& prefix : prefixes)
    headers.push_back({prefix + field.label, std::nullopt});
  for (const Alias& alias : field.aliases) {
    if (bare || alias.as_written) headers.push_back({alias.label, alias.kind});
  }
  for (const Alias& alias : field.aliases) {
    if (alias.as_written) continue;
    for (const std::string& prefix : prefixes)
      headers.push_back({prefix + alias.label, alias.kind});
  }
  return headers;
}

std::optional<Width> parse_width(std::string_view name) {
  return parse_name(kWidthNames, name);
}

std::optional<FieldCharset> parse_charset(std::string_view name) {
  FieldCharset charset;
  if (name == "any") return charset;
  const auto& sets = registries::moji::named_sets();
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (sets[i].name != name) continue;
    charset.name = name;
    charset.named_index = static_cast<int>(i);
    return charset;
  }
  return std::nullopt;
}

std::string_view alias_kind_name(AliasKind kind) {
  return name_of(kAliasKindNames, kind);
}
std::optional<AliasKind> parse_alias_kind(std::string_view name) {
  return parse_name(kAliasKindNames, name);
}

std::string_view registered_value_name(RegisteredValue value) {
  return name_of(kRegisteredValueNames, value);
}
std::optional<RegisteredValue> parse_registered_value(std::string_view name) {
  return parse_name(kRegisteredValueNames, name);
}

}  // namespace gifkit::models

// model_resolver.hpp — turns ModelDefinitions into flat Models: copies the base
// of `extends`, flattens parts one level deep, applies <omit> and <require>,
// takes the items named with `from`, checks alternatives and registry checks, and that no two
// fields accept the same header. Detects cycles and unknown references. Internal to the model
// loader (ModelCatalog).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_definition.hpp"
#include "models/engine/model/model_load_error.hpp"

namespace gifkit::models {

using DefinitionMap = std::map<std::string, std::unique_ptr<ModelDefinition>, std::less<>>;
using ModelMap = std::map<std::string, std::unique_ptr<Model>, std::less<>>;

class ModelResolver {
 public:
  // Resolved models are added to models, which may already hold earlier ones.
  ModelResolver(const DefinitionMap& definitions, ModelMap& models,
                std::vector<ModelLoadError>& errors)
      : definitions_(definitions), models_(models), errors_(errors) {}

  // The resolved model with this id, or nullptr when it is not defined or it
  // (or a model it builds on) has an error; the errors are appended once.
  const Model* resolve(const std::string& id);

 private:
  std::unique_ptr<Model> build(const ModelDefinition& definition);
  const Model* resolve_reference(const ModelDefinition& definition, int line,
                                 const std::string& ref, const std::string& what);
  bool apply_omits(const ModelDefinition& definition, Model& model);
  // The items a model took with `from`, per model taken from, in first-use
  // order: the taken item's id → the taking field's path (the first that took it).
  using TakenItems = std::vector<std::pair<const Model*, std::map<std::string, std::string>>>;
  bool add_field(const ModelDefinition& definition, const FieldDefinition& field, Model& model,
                 TakenItems& taken);
  // field with from="…": the item of that model, overridden by what field writes.
  std::optional<FieldSpec> take_field(const ModelDefinition& definition,
                                      const FieldDefinition& field, TakenItems& taken);
  bool add_part(const ModelDefinition& definition, const PartDefinition& part, Model& model);
  bool apply_requires(const ModelDefinition& definition, Model& model);
  bool add_alternatives(const ModelDefinition& definition, Model& model);
  bool add_registry_checks(const ModelDefinition& definition, Model& model);
  bool check_headers_unique(const ModelDefinition& definition, const Model& model);
  void error(const ModelDefinition& definition, int line, std::string message);
  // The refs of items, into paths; an error "<context>: no field '<ref>'<what>"
  // for each ref that is not a field of model. False when there was any.
  bool resolve_items(const ModelDefinition& definition,
                     const std::vector<ItemReferenceDefinition>& items, const Model& model,
                     std::string_view context, std::string_view what,
                     std::vector<std::string>& paths);

  const DefinitionMap& definitions_;
  ModelMap& models_;
  std::vector<ModelLoadError>& errors_;
  std::vector<std::string> in_progress_;  // ids being built, outermost first
  std::set<std::string> failed_;
};

}  // namespace gifkit::models

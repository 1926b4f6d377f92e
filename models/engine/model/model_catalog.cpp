// model_catalog.cpp — loads model files: each is parsed safely (xml_document),
// validated against models/model.xsd, read (model_reader) and resolved
// (model_resolver); the catalog keeps the resolved models by id.
#include "models/engine/model/model_catalog.hpp"

#include <algorithm>
#include <cassert>
#include <mutex>
#include <set>
#include <system_error>

#include "grammars/text/text_fold.hpp"
#include "models/engine/model/model_definition.hpp"
#include "models/engine/model/model_resolver.hpp"

namespace gifkit::models {

namespace {

void append_xml_issues(const std::filesystem::path& file, const std::vector<XmlIssue>& issues,
                       std::vector<ModelLoadError>& errors) {
  for (const XmlIssue& issue : issues) {
    errors.push_back({file.string(), issue.line, issue.column, issue.message});
  }
}

// The *.xml files directly in dir, sorted so that loading is deterministic.
std::vector<std::filesystem::path> model_files_in(const std::filesystem::path& dir,
                                                  std::vector<ModelLoadError>& errors) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    errors.push_back({dir.string(), 0, 0, "cannot list directory: " + ec.message()});
    return files;
  }
  for (const auto& entry : it) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// What was derived from the models so far, by model and kind (a catalog's
// models keep their address: they are added, never replaced or removed).
struct ModelCatalog::DerivedShelf {
  std::mutex mutex;
  std::map<std::pair<const Model*, std::type_index>, std::shared_ptr<const void>> by_model;
  std::shared_ptr<const std::set<std::string, std::less<>>> gif_item_labels;
};

ModelCatalog::ModelCatalog() : derived_(std::make_unique<DerivedShelf>()) {}
ModelCatalog::~ModelCatalog() = default;
ModelCatalog::ModelCatalog(ModelCatalog&&) noexcept = default;
ModelCatalog& ModelCatalog::operator=(ModelCatalog&&) noexcept = default;

bool ModelCatalog::load_schema(const std::filesystem::path& schema_file,
                               std::vector<ModelLoadError>& errors) {
  std::vector<XmlIssue> issues;
  if (!schema_.load(schema_file, issues)) {
    append_xml_issues(schema_file, issues, errors);
    errors.push_back({schema_file.string(), 0, 0, "cannot load the model schema"});
    return false;
  }
  schema_path_ = schema_file;
  return true;
}

std::unique_ptr<ModelDefinition> ModelCatalog::read_file(
    const std::filesystem::path& file, std::vector<ModelLoadError>& errors) const {
  std::vector<XmlIssue> issues;
  XmlDocPtr doc = parse_xml_file(file, issues);
  if (!doc) {
    append_xml_issues(file, issues, errors);
    return nullptr;
  }
  if (!schema_.validate(doc.get(), issues)) {
    append_xml_issues(file, issues, errors);
    return nullptr;
  }
  auto definition = std::make_unique<ModelDefinition>();
  if (!read_model_definition(doc.get(), file, *definition, errors)) return nullptr;
  return definition;
}

bool ModelCatalog::load_directory(const std::filesystem::path& models_dir,
                                  std::vector<ModelLoadError>& errors) {
  if (!load_schema(models_dir / "model.xsd", errors)) return false;

  // The GIF releases (gif/ is the newest, 2025), the implementation data
  // models, the registries' source formats, the municipal datasets; a folder
  // that is not there holds nothing.
  std::vector<std::filesystem::path> files;
  for (const char* folder : {"gif", "gif2024", "gif2022", "impl", "sources", "opendata"}) {
    for (const auto& file : model_files_in(models_dir / folder, errors)) files.push_back(file);
  }

  std::vector<std::string> new_ids;
  for (const auto& file : files) {
    std::unique_ptr<ModelDefinition> definition = read_file(file, errors);
    if (!definition) continue;
    if (auto existing = definitions_.find(definition->id); existing != definitions_.end()) {
      errors.push_back(
          {file.string(), definition->line, 0,
           "model id '" + definition->id + "' is already defined in " + existing->second->file});
      continue;
    }
    new_ids.push_back(definition->id);
    definitions_.emplace(definition->id, std::move(definition));
  }

  ModelResolver resolver(definitions_, models_, errors);
  for (const std::string& id : new_ids) resolver.resolve(id);
  // A definition that failed stays out: later models see it as unknown.
  for (const std::string& id : new_ids) {
    if (models_.count(id) == 0) definitions_.erase(id);
  }
  add_earlier_release_views(new_ids);
  return true;
}

void ModelCatalog::add_earlier_release_views(const std::vector<std::string>& ids) {
  // gif:X → gif2025:X: the prefix of the earlier release's classes.
  auto earlier_id = [](const std::string& id, const std::string& release) {
    return id.starts_with("gif:") ? "gif" + release + id.substr(3) : id;
  };
  for (const std::string& id : ids) {
    const auto found = models_.find(id);
    if (found == models_.end() || found->second->also_release.empty()) continue;
    const Model& model = *found->second;
    auto view = std::make_unique<Model>(model);
    view->release = model.also_release;
    view->also_release.clear();
    view->earlier_view_of = model.id;
    view->id = earlier_id(model.id, view->release);
    view->extends = earlier_id(model.extends, view->release);
    for (PartSpec& part : view->parts) part.ref = earlier_id(part.ref, view->release);
    std::set<std::string> later;  // the paths of the items since a later release
    std::erase_if(view->fields, [&](const FieldSpec& field) {
      const bool is_later = !field.since.empty() && field.since > view->release;
      if (is_later) later.insert(field.path);
      return is_later;
    });
    for (Alternative& alternative : view->alternatives)
      std::erase_if(alternative.forms, [&](const std::vector<std::string>& form) {
        return std::any_of(form.begin(), form.end(),
                           [&](const std::string& path) { return later.count(path) != 0; });
      });
    if (models_.count(view->id) == 0) models_.emplace(view->id, std::move(view));
  }
}

const Model* ModelCatalog::load_file(const std::filesystem::path& file,
                                     std::vector<ModelLoadError>& errors) {
  if (!schema_.loaded()) {
    errors.push_back({file.string(), 0, 0,
                      "no model schema loaded (load the models directory or model.xsd first)"});
    return nullptr;
  }
  std::unique_ptr<ModelDefinition> definition = read_file(file, errors);
  if (!definition) return nullptr;
  const std::string id = definition->id;
  if (auto existing = definitions_.find(id); existing != definitions_.end()) {
    errors.push_back({file.string(), definition->line, 0,
                      "model id '" + id + "' is already defined in " + existing->second->file});
    return nullptr;
  }
  definitions_.emplace(id, std::move(definition));
  ModelResolver resolver(definitions_, models_, errors);
  const Model* model = resolver.resolve(id);
  if (model == nullptr) definitions_.erase(id);
  return model;
}

const Model* ModelCatalog::find(std::string_view id) const {
  auto found = models_.find(id);
  return found == models_.end() ? nullptr : found->second.get();
}

std::vector<const Model*> ModelCatalog::models() const {
  std::vector<const Model*> all;
  for (const auto& [id, model] : models_) all.push_back(model.get());
  return all;
}

std::shared_ptr<const std::set<std::string, std::less<>>> ModelCatalog::gif_item_labels() const {
  const std::lock_guard<std::mutex> lock(derived_->mutex);
  if (!derived_->gif_item_labels) {
    auto labels = std::make_shared<std::set<std::string, std::less<>>>();
    for (const auto& [id, model] : models_) {
      if (model->release.empty()) continue;
      for (const FieldSpec& field : model->fields)
        labels->insert(grammars::fold_label(field.label));
    }
    derived_->gif_item_labels = std::move(labels);
  }
  return derived_->gif_item_labels;
}

std::vector<const Model*> ModelCatalog::base_models() const {
  std::vector<const Model*> bases;
  for (const auto& [id, model] : models_) {
    if (model->is_pattern || !model->auto_pick) continue;
    // gif2025:Address is gif:Address without v2.3's items: the newest by default.
    if (preferred_release_.empty() && !model->earlier_view_of.empty()) continue;
    if (!preferred_release_.empty() && !model->release.empty() &&
        model->release != preferred_release_)
      continue;
    bases.push_back(model.get());
  }
  return bases;
}

bool ModelCatalog::prefer_release(const std::string& asked, std::string& error) {
  // v2.3 is the release of 2026 (the 2025 XSD and the guidebooks of 2026-03-17).
  const std::string release = asked == "v2.3" || asked == "2.3" ? "2026" : asked;
  std::set<std::string> releases;
  for (const auto& [id, model] : models_)
    if (!model->release.empty()) releases.insert(model->release);
  if (!release.empty() && releases.count(release) == 0) {
    error = "unknown GIF release " + release + " (the models hold";
    for (const std::string& known : releases) error += " " + known;
    error += ")";
    return false;
  }
  preferred_release_ = release;
  return true;
}

const Model* ModelCatalog::same_class_in(const Model& model, std::string_view release) const {
  if (model.release.empty()) return nullptr;
  if (model.release == release) return &model;
  const std::string_view name = model_class_name(model.id);
  for (const auto& [id, other] : models_) {
    if (other->release == release && model_class_name(id) == name) return other.get();
  }
  return nullptr;
}

std::vector<const Model*> ModelCatalog::required_patterns(const Model& model) const {
  std::vector<const Model*> patterns;
  if (model.release.empty()) return patterns;
  const std::string& base = is_gif_pattern(model) ? model.extends : model.id;
  for (const auto& [id, other] : models_) {
    if (is_gif_pattern(*other) && other->extends == base && other->release == model.release)
      patterns.push_back(other.get());
  }
  return patterns;
}

const Model* ModelCatalog::find_or_load(const std::string& name, std::string& error) {
  if (!preferred_release_.empty() && name.starts_with("gif:")) {
    for (const auto& [id, model] : models_) {
      if (model->release == preferred_release_ && model_class_name(id) == model_class_name(name))
        return model.get();
    }
    if (const Model* newest = find(name)) {
      error = "GIF release " + preferred_release_ + " has no " + newest->label + " (" + name +
              "; see `gifkit model list`)";
      return nullptr;
    }
  }
  if (const Model* model = find(name)) return model;
  if (name.find('/') == std::string::npos && !name.ends_with(".xml") &&
      !std::filesystem::exists(name)) {
    error = "unknown model " + name + " (see `gifkit model list`, or give a model file)";
    return nullptr;
  }
  // A model already loaded from this file (the shipped model's own file, or
  // a user's model loaded by an earlier call).
  for (const auto& [id, model] : models_) {
    std::error_code ignored;
    if (!model->source_file.empty() && model->earlier_view_of.empty() &&
        std::filesystem::equivalent(model->source_file, name, ignored))
      return model.get();
  }
  std::vector<ModelLoadError> errors;
  if (const Model* model = load_file(name, errors)) return model;
  error = "cannot load model " + name;
  for (const auto& load_error : errors) {
    error += "\n  " + load_error.file + ":" + std::to_string(load_error.line) + ":" +
             std::to_string(load_error.column) + ": " + load_error.message;
  }
  return nullptr;
}

bool ModelCatalog::holds(const Model& model) const {
  return derived_ != nullptr && find(model.id) == &model;
}

std::shared_ptr<const void> ModelCatalog::kept_derived(
    const Model& model, const std::type_info& kind,
    const std::function<std::shared_ptr<const void>()>& make) const {
  assert(holds(model));
  const std::lock_guard lock(derived_->mutex);
  std::shared_ptr<const void>& kept = derived_->by_model[{&model, std::type_index(kind)}];
  if (kept == nullptr) kept = make();
  assert(kept != nullptr);
  return kept;
}

}  // namespace gifkit::models

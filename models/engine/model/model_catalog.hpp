// model_catalog.hpp — loads model files (XML in gifkit's model language),
// validates each against models/model.xsd with libxml2 (no network, no
// entity expansion), resolves `extends` and parts, and keeps them by id.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_load_error.hpp"
#include "models/engine/model/xml_document.hpp"

namespace gifkit::models {

struct ModelDefinition;

class ModelCatalog {
 public:
  ModelCatalog();
  ~ModelCatalog();
  ModelCatalog(ModelCatalog&&) noexcept;
  ModelCatalog& operator=(ModelCatalog&&) noexcept;

  // Loads and compiles the model language's schema (models/model.xsd) without
  // loading any model; load_directory does this itself. load_file needs it.
  bool load_schema(const std::filesystem::path& schema_file, std::vector<ModelLoadError>& errors);

  // Loads model.xsd and every *.xml under models_dir/gif (and models_dir/sources
  // if present). Files that fail are skipped and reported in errors.
  // Returns false when model.xsd itself cannot be loaded.
  bool load_directory(const std::filesystem::path& models_dir, std::vector<ModelLoadError>& errors);

  // Loads one more model file (a user's dataset model, which may extend or
  // hold catalog models). Returns the loaded model, or nullptr with errors.
  const Model* load_file(const std::filesystem::path& file, std::vector<ModelLoadError>& errors);

  const Model* find(std::string_view id) const;
  std::vector<const Model*> models() const;  // sorted by id
  // The auto-pick candidates: not patterns, not auto-pick="false". With a
  // preferred release, the GIF classes of the other releases are left out.
  std::vector<const Model*> base_models() const;

  // The GIF release a command asked for (--gif-version): "2022", "2024",
  // "2025", "2026" (also named v2.3), or "" (any: auto-pick tells the
  // releases apart by the header, an earlier release's view of a newer class
  // — gif2025:Address — is left to a command that asks for it, and an
  // unqualified gif: id is the newest). A release no model has is refused
  // (false, with error).
  bool prefer_release(const std::string& release, std::string& error);
  const std::string& preferred_release() const { return preferred_release_; }

  // The model of the same GIF class (the id's name after the prefix) in
  // another release, or nullptr: same_class_in(gif:Person, "2022") is
  // gif2022:Person.
  const Model* same_class_in(const Model& model, std::string_view release) const;

  // The required patterns (必須パターン) of a GIF class, or of the class a
  // pattern belongs to: gif:Person_MP01..03 for gif:Person and for
  // gif:Person_MP02; by id; empty for a class without patterns and for a
  // model that is no GIF class.
  std::vector<const Model*> required_patterns(const Model& model) const;

  const std::filesystem::path& schema_path() const { return schema_path_; }

  // The item names of every GIF release the catalog holds (the labels of the
  // fields of each model with a release), folded (grammars::fold_label): a
  // header that is one of them is an item in its own right, never a near miss
  // of another (dataset/'s header matcher). Made on the first call, kept.
  std::shared_ptr<const std::set<std::string, std::less<>>> gif_item_labels() const;

  // The model a command names: a catalog id, or a model file (a path, a
  // name ending in .xml, or an existing file) loaded once. nullptr with
  // error set ("unknown model X (…)", or the file's load errors one a line).
  // With a preferred release, an unqualified gif: id (gif:Person) names that
  // release's class (gif2022:Person); gif2022:Person always names itself.
  const Model* find_or_load(const std::string& name, std::string& error);

  // What a room above derives from a model once (dataset/'s header matcher):
  // made by make on the first call for a model this catalog holds and kind
  // (one kind a type), kept as long as the catalog and given to the next calls
  // (safe from several threads; the server chooses a model per request); made
  // anew for any other model.
  template <class Derived, class Make>
  std::shared_ptr<const Derived> derived(const Model& model, Make&& make) const {
    if (!holds(model)) return make(model);
    std::shared_ptr<const void> kept = kept_derived(
        model, typeid(Derived), [&] { return std::shared_ptr<const void>(make(model)); });
    return std::static_pointer_cast<const Derived>(std::move(kept));
  }

 private:
  bool holds(const Model& model) const;
  std::shared_ptr<const void> kept_derived(
      const Model& model, const std::type_info& kind,
      const std::function<std::shared_ptr<const void>()>& make) const;
  // For each of these models that is an earlier release's class too
  // (also-release), that class: gif2025:Address without the items since.
  void add_earlier_release_views(const std::vector<std::string>& ids);
  // Parses, schema-validates and reads one file; nullptr with errors on failure.
  std::unique_ptr<ModelDefinition> read_file(const std::filesystem::path& file,
                                             std::vector<ModelLoadError>& errors) const;

  std::string preferred_release_;
  std::filesystem::path schema_path_;
  XmlSchema schema_;
  std::map<std::string, std::unique_ptr<Model>, std::less<>> models_;
  // Every definition read so far, resolved or not (a user's model may refer to any).
  std::map<std::string, std::unique_ptr<ModelDefinition>, std::less<>> definitions_;
  struct DerivedShelf;
  std::unique_ptr<DerivedShelf> derived_;  // null in a catalog moved from
};

}  // namespace gifkit::models

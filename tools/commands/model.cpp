// model.cpp — `gifkit model list|show|check`: inspect the models and
// check that model files load and follow models/model.xsd. See docs/model.md.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/model_names.hpp"
#include "models/engine/model/xsd_agreement.hpp"
#include "tools/command.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

std::string cardinality(const models::FieldSpec& field) {
  return std::to_string(field.min_occurs) + ".." +
         (field.max_occurs < 0 ? std::string("n") : std::to_string(field.max_occurs));
}

nlohmann::json field_json(const models::FieldSpec& field) {
  nlohmann::json aliases = nlohmann::json::array();
  for (const auto& alias : field.aliases) {
    aliases.push_back(
        {{"label", alias.label}, {"kind", std::string(models::alias_kind_name(alias.kind))}});
  }
  nlohmann::json json = {{"path", field.path},
                         {"id", field.id},
                         {"label", field.label},
                         {"type", models::value_type_name(field.type)},
                         {"minOccurs", field.min_occurs},
                         {"maxOccurs", field.max_occurs},
                         {"required", field.min_occurs > 0},
                         {"width", models::width_name(field.width)},
                         {"charset", models::charset_name(field.charset)},
                         {"aliases", aliases}};
  if (!field.codelist.empty()) json["codelist"] = field.codelist;
  if (!field.part.empty()) json["part"] = field.part;
  if (field.key) json["key"] = true;
  return json;
}

nlohmann::json model_json(const models::Model& model, bool with_fields) {
  nlohmann::json json = {{"id", model.id},
                         {"label", model.label},
                         {"class", model.gif_class},
                         {"extends", model.extends},
                         {"pattern", model.is_pattern},
                         {"fields", model.fields.size()},
                         {"source", model.source_file}};
  if (with_fields) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : model.fields) fields.push_back(field_json(field));
    json["fields"] = fields;
    nlohmann::json alternatives = nlohmann::json::array();
    for (const auto& alternative : model.alternatives) alternatives.push_back(alternative.forms);
    json["alternatives"] = alternatives;
  }
  return json;
}

class ModelCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    auto* list = app.add_subcommand("list", "list the models");
    add_format_option(*list, format_, {OutputFormat::text, OutputFormat::json});
    list->callback([this] { action_ = "list"; });
    auto* show = app.add_subcommand("show", "show a model's items");
    show->add_option("id", id_, "model id, e.g. gif:Person")->required();
    add_format_option(*show, format_, {OutputFormat::text, OutputFormat::json});
    show->callback([this] { action_ = "show"; });
    auto* check = app.add_subcommand(
        "check", "load every model (and the given model files) and report any problem");
    check->add_option("files", files_, "model files to check besides the catalog");
    check->callback([this] { action_ = "check"; });
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err)) return kExitUsage;
    if (action_ == "list") return list(context, data);
    if (action_ == "show") return show(context, data);
    return check(context, data);
  }

 private:
  // The heading of a group of models in `model list`.
  static std::string group_title(const std::string& prefix) {
    if (prefix == "gif") return "GIF core data models (gif:)";
    if (prefix == "opendata") return "自治体標準オープンデータセット (opendata:)";
    if (prefix == "suisho") return "推奨データセット 第2.1版 (suisho:)";
    if (prefix == "nta") return "registry source formats (nta:)";
    return prefix + ":";
  }

  int list(const CommandContext& context, const RuntimeData& data) {
    if (format_ == OutputFormat::json) {
      nlohmann::json models = nlohmann::json::array();
      for (const auto* model : data.catalog.models()) models.push_back(model_json(*model, false));
      context.out << json_text(models, 2) << "\n";
      return kExitOk;
    }
    // Grouped by the id's prefix (models() is sorted by id, so groups are runs).
    std::string group;
    for (const auto* model : data.catalog.models()) {
      const std::string prefix = model->id.substr(0, model->id.find(':'));
      if (prefix != group) {
        context.out << (group.empty() ? "" : "\n") << group_title(prefix) << "\n";
        group = prefix;
      }
      std::string id = model->id;
      if (id.size() < 26) id.resize(26, ' ');
      context.out << "  " << id << " " << model->label << " (" << model->fields.size() << " items"
                  << (model->extends.empty() ? "" : ", extends " + model->extends)
                  << (model->partial ? ", partial" : "") << ")\n";
    }
    return kExitOk;
  }

  int show(const CommandContext& context, RuntimeData& data) {
    const models::Model* model = data.catalog.find(id_);
    if (model == nullptr) {
      std::vector<models::ModelLoadError> errors;
      if (id_.find('/') != std::string::npos || id_.size() > 4) {
        std::error_code ignored;
        if (std::filesystem::exists(id_, ignored)) model = data.catalog.load_file(id_, errors);
      }
      for (const auto& error : errors) context.err << format_load_error(error) << "\n";
    }
    if (model == nullptr) {
      context.err << "gifkit model show: unknown model '" << id_ << "' (see gifkit model list)\n";
      return kExitUsage;
    }
    if (format_ == OutputFormat::json) {
      context.out << json_text(model_json(*model, true), 2) << "\n";
      return kExitOk;
    }
    context.out << model->id << " — " << model->label;
    if (!model->extends.empty()) context.out << " (extends " << model->extends << ")";
    context.out << "\n";
    if (!model->description.empty()) context.out << model->description << "\n";
    context.out << "\n";
    for (const auto& field : model->fields) {
      context.out << (field.min_occurs > 0 ? "* " : "  ")
                  << models::HeaderMatcher::display_label(field) << "  [" << field.path << "] "
                  << models::value_type_name(field.type) << " " << cardinality(field);
      if (!field.codelist.empty()) context.out << " " << field.codelist;
      if (!field.aliases.empty()) {
        context.out << "  aliases:";
        for (const auto& alias : field.aliases) {
          context.out << " " << alias.label
                      << (alias.kind == models::AliasKind::equivalent ? "(=)" : "(≠)");
        }
      }
      context.out << "\n";
    }
    for (const auto& alternative : model->alternatives) {
      context.out << "  forms:";
      for (std::size_t i = 0; i < alternative.forms.size(); ++i) {
        context.out << (i ? " | " : " ");
        for (std::size_t j = 0; j < alternative.forms[i].size(); ++j)
          context.out << (j ? "+" : "") << alternative.forms[i][j];
      }
      context.out << "\n";
    }
    context.out << "\n* required   (=) equivalent name, accepted   (≠) non-standard name, "
                   "reported\n";
    return kExitOk;
  }

  // Loads the given files, then checks every model that names an xsd-type
  // against the official GIF XSD (items, order, cardinality, types).
  int check(const CommandContext& context, RuntimeData& data) {
    int problems = static_cast<int>(data.model_errors.size());
    for (const auto& error : data.model_errors) context.out << format_load_error(error) << "\n";
    for (const auto& file : files_) {
      std::vector<models::ModelLoadError> errors;
      const models::Model* model = data.catalog.load_file(file, errors);
      for (const auto& error : errors) context.out << format_load_error(error) << "\n";
      if (model == nullptr) {
        ++problems;
      } else {
        context.out << file << ": loads (" << model->id << ", " << model->fields.size()
                    << " items)\n";
      }
    }
    auto xsd_path = common_.data() / "gif" / "GIF_Core_DataModel.xsd";
    models::GifXsd xsd;
    std::string error;
    if (!xsd.load(xsd_path, error)) {
      context.err << "gifkit model check: cannot compare with the official XSD: " << error << "\n";
      return kExitUsage;
    }
    auto mismatches = models::check_catalog_against_xsd(data.catalog, xsd);
    for (const auto& mismatch : mismatches) {
      context.out << mismatch.model << ": " << mismatch.item << ": " << mismatch.message << "\n";
    }
    int checked = 0;
    for (const auto* model : data.catalog.models())
      if (!model->gif_class.empty()) ++checked;
    context.out << data.catalog.models().size() << " models loaded, " << checked
                << " compared with " << xsd_path.filename().string() << ": " << problems
                << " files with load problems, " << mismatches.size() << " mismatches\n";
    return problems == 0 && mismatches.empty() ? kExitOk : kExitDataNotOk;
  }

  std::string action_;
  OutputFormat format_ = OutputFormat::text;
  std::string id_;
  std::vector<std::string> files_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_model_command() {
  return std::make_unique<ModelCommand>();
}

}  // namespace gifkit::tools

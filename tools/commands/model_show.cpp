// model_show.cpp — `gifkit model show ID|FILE [--format text|json]`: a
// model's items (label, path, type, cardinality, code list, aliases) and
// its alternative forms; a model file that is not in the catalog is loaded
// first. Registered by model.cpp. See docs/model.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/model_names.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

// "0..1", "1..n": an item's minOccurs..maxOccurs.
std::string cardinality(const models::FieldSpec& field) {
  return std::to_string(field.min_occurs) + ".." +
         (field.max_occurs < 0 ? std::string("n") : std::to_string(field.max_occurs));
}

class ModelShowCommand : public Command {
 public:
  explicit ModelShowCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("id", id_, "model id, e.g. gif:Person")->required();
    add_format_option(app, format_, {OutputFormat::text, OutputFormat::json});
  }

  int run(const CommandContext& context) override {
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err)) return kExitUsage;
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
      // A generated id (item01) is no name a person or a header uses: not shown.
      context.out << (field.min_occurs > 0 ? "* " : "  ")
                  << models::HeaderMatcher::display_label(field) << "  ";
      if (!field.id_generated) context.out << "[" << field.path << "] ";
      context.out << models::value_type_name(field.type) << " " << cardinality(field);
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

 private:
  const CommonOptions& common_;
  OutputFormat format_ = OutputFormat::text;
  std::string id_;
};

}  // namespace

std::unique_ptr<Command> make_model_show_command(const CommonOptions& common) {
  return std::make_unique<ModelShowCommand>(common);
}

}  // namespace gifkit::tools

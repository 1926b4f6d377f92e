// model_export.cpp — `gifkit model export MODEL -f FORM [-o FILE]` and
// `gifkit model export MODEL --all DIR`: a model of the catalog (or a model
// file) in the forms other tools read — table-schema, json-schema,
// jsonld-context, shacl, xsd — written atomically. The form is -f/--format,
// as every command's output format (its old spelling --to still works, with
// a note: --to is transform's split|combined). The work is
// models/engine/export (export_model). Registered by model.cpp. See
// docs/model-export.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>

#include "grammars/io/atomic_file.hpp"
#include "models/engine/export/model_export.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/old_spelling.hpp"
#include "tools/output_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

class ModelExportCommand : public Command {
 public:
  explicit ModelExportCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("model", model_, "model id (gif:Person) or a model file")->required();
    std::string forms;
    for (models::ExportForm form : models::export_forms())
      forms += (forms.empty() ? "" : "|") + std::string(models::export_form_name(form));
    auto* format =
        app.add_option("-f,--format", form_, "the form to write: " + forms)->type_name("FORM");
    old_to_.add_option(app, format, "--to", form_, "FORM");
    auto* all = app.add_option("--all", all_dir_,
                               "write every form into this folder, each named "
                               "<model id with : as ->.<extension>");
    format->excludes(all);  // the old --to with --all: run() refuses the two
    auto* output = output_.add_to(app, "the file to write (default: standard output)");
    output->excludes(all);
  }

  int run(const CommandContext& context) override {
    if (!old_to_.resolve(context)) return kExitUsage;
    if (form_.empty() == all_dir_.empty()) {
      context.err << "gifkit model export: give -f FORM or --all DIR\n";
      return kExitUsage;
    }
    models::ModelExportOptions options;
    if (!form_.empty()) {
      const std::optional<models::ExportForm> form = models::parse_export_form(form_);
      if (!form) {
        context.err << "gifkit model export: unknown form '" << form_
                    << "' (table-schema, json-schema, jsonld-context, shacl or xsd)\n";
        return kExitUsage;
      }
      options.forms = {*form};
    } else {
      options.forms = models::export_forms();
    }
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err)) return kExitUsage;
    if (!data.code_lists_loaded) {
      context.err << "gifkit model export: the GIF code lists (GIF_Core_CodeList.xsd) are not in "
                  << common_.data().string()
                  << "; the code lists' enumerations need them (--data)\n";
      return kExitUsage;
    }
    std::string error;
    const models::Model* model = data.catalog.find_or_load(model_, error);
    if (model == nullptr) {
      context.err << "gifkit model export: " << error << "\n";
      return kExitUsage;
    }
    options.model = model;
    options.catalog = &data.catalog;
    options.code_lists = &data.code_lists;
    models::ModelExportResult result;
    try {
      result = models::export_model(options);
    } catch (const std::runtime_error& failure) {
      context.err << "gifkit model export: " << model->id << ": " << failure.what() << "\n";
      return kExitUsage;
    }
    if (!form_.empty()) {
      std::unique_ptr<OpenOutput> out = output_.open(context);
      if (!out) return kExitUsage;
      out->stream() << result.documents.front().text;
      return out->commit(context) ? kExitOk : kExitUsage;
    }
    return write_all(result, model->id, context);
  }

 private:
  // Every document into all_dir_: all finished before any is put in place,
  // so a folder that cannot take one of them gets none.
  int write_all(const models::ModelExportResult& result, const std::string& model_id,
                const CommandContext& context) const {
    std::error_code failed;
    std::filesystem::create_directories(all_dir_, failed);
    if (failed) {
      context.err << "gifkit model export: cannot create " << all_dir_ << ": " << failed.message()
                  << "\n";
      return kExitUsage;
    }
    try {
      std::vector<std::unique_ptr<grammars::AtomicFile>> files;
      for (const models::ExportedDocument& document : result.documents) {
        const std::filesystem::path path =
            std::filesystem::path(all_dir_) / models::export_file_name(model_id, document.form);
        files.push_back(std::make_unique<grammars::AtomicFile>(path));
        files.back()->stream() << document.text;
        files.back()->finish();
      }
      for (auto& file : files) {
        file->commit();
        context.out << file->target().string() << "\n";
      }
    } catch (const grammars::AtomicFileError& failure) {
      context.err << "gifkit model export: " << failure.what() << "\n";
      return kExitUsage;
    }
    return kExitOk;
  }

  const CommonOptions& common_;
  std::string model_;
  std::string form_;
  OldSpelling old_to_;  // --to FORM, the first spelling of -f/--format
  std::string all_dir_;
  OutputOption output_;
};

}  // namespace

std::unique_ptr<Command> make_model_export_command(const CommonOptions& common) {
  return std::make_unique<ModelExportCommand>(common);
}

}  // namespace gifkit::tools

// runtime_data.cpp — see runtime_data.hpp.
#include "tools/runtime_data.hpp"

#include <ostream>

namespace gifkit::tools {

models::CheckResources RuntimeData::resources() const {
  models::CheckResources resources;
  resources.code_lists = code_lists_loaded ? &code_lists : nullptr;
  resources.charsets = charsets.loaded() ? &charsets : nullptr;
  return resources;
}

std::string format_load_error(const models::ModelLoadError& error) {
  std::string text = error.file;
  if (error.line > 0) text += ":" + std::to_string(error.line);
  if (error.column > 0) text += ":" + std::to_string(error.column);
  return text + ": " + error.message;
}

bool load_runtime_data(const CommonOptions& options, RuntimeData& data, std::ostream& err) {
  if (!data.catalog.load_directory(options.models(), data.model_errors)) {
    err << "gifkit: cannot load the models from " << options.models().string() << "\n";
    for (const auto& error : data.model_errors) err << "  " << format_load_error(error) << "\n";
    return false;
  }
  for (const auto& error : data.model_errors) {
    err << "gifkit: warning: model skipped: " << format_load_error(error) << "\n";
  }
  std::string error;
  auto code_list_xsd = options.data() / "gif" / "GIF_Core_CodeList.xsd";
  data.code_lists_loaded = data.code_lists.load_xsd(code_list_xsd, error);
  if (!data.code_lists_loaded) {
    data.notes.push_back("code lists not loaded (" + error + "): code-list checks skipped");
  }
  error.clear();
  if (!data.charsets.load(options.data() / "moji", error)) {
    data.notes.push_back("character tables not loaded (" + error +
                         "): JIS X 0208/0213 checks skipped");
  }
  return true;
}

}  // namespace gifkit::tools

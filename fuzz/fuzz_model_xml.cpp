// fuzz_model_xml.cpp — libFuzzer target for safe XML parsing and model
// loading (models/engine/model/xml_document.hpp, model_catalog.hpp): the input is
// written to a scratch file and loaded with ModelCatalog::load_file into a
// fresh catalog whose schema is models/model.xsd. A NUL byte (never part of
// XML) splits the input into several model files loaded in order, so later
// ones can extend or hold earlier ones (resolution, cycles). It must never
// crash or hang (run with -timeout), a load fails with at least one error,
// and a document that declares an entity (an XML bomb, XXE) is never loaded:
// that is checked independently by parsing the bytes with libxml2 and
// looking at the DTD the parser kept.
// room: model
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "models/engine/model/model_catalog.hpp"

#ifndef GIFKIT_FUZZ_MODELS_DIR
#error "GIFKIT_FUZZ_MODELS_DIR must name the models directory (with model.xsd)"
#endif

namespace {

namespace m = gifkit::models;

constexpr std::size_t kMaxFiles = 4;

void ignore_libxml_error(void*, xmlErrorPtr) {}

// True when libxml2, parsing the bytes without loading or substituting
// anything, sees an entity declared in the document's DTD.
bool declares_entities(std::string_view bytes) {
  xmlSetStructuredErrorFunc(nullptr, ignore_libxml_error);
  xmlDocPtr doc =
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "fuzz.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr) return false;
  bool declared = false;
  for (const xmlDtd* dtd : {doc->intSubset, doc->extSubset}) {
    if (dtd != nullptr && (dtd->entities != nullptr || dtd->pentities != nullptr)) declared = true;
  }
  xmlFreeDoc(doc);
  return declared;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::unique_ptr<gifkit::fuzz::ScratchFile>> files = [] {
    std::vector<std::unique_ptr<gifkit::fuzz::ScratchFile>> list;
    for (std::size_t i = 0; i < kMaxFiles; ++i) {
      list.push_back(
          std::make_unique<gifkit::fuzz::ScratchFile>("-model" + std::to_string(i) + ".xml"));
    }
    return list;
  }();
  // GIFKIT_FUZZ_VERBOSE=1 prints what each file loaded as (for checking seeds).
  static const bool verbose = std::getenv("GIFKIT_FUZZ_VERBOSE") != nullptr;
  const std::string_view input = gifkit::fuzz::as_text(data, size);

  m::ModelCatalog catalog;
  std::vector<m::ModelLoadError> errors;
  const bool schema_loaded =
      catalog.load_schema(std::string(GIFKIT_FUZZ_MODELS_DIR) + "/model.xsd", errors);
  FUZZ_CHECK(schema_loaded, "cannot load " GIFKIT_FUZZ_MODELS_DIR "/model.xsd");

  std::size_t start = 0;
  for (std::size_t i = 0; i < kMaxFiles && start <= size; ++i) {
    std::size_t end = input.find('\0', start);
    if (end == std::string_view::npos || i + 1 == kMaxFiles) end = size;
    const std::string_view bytes = input.substr(start, end - start);
    start = end + 1;

    errors.clear();
    const m::Model* model = catalog.load_file(files[i]->write(bytes), errors);
    if (verbose) {
      std::fprintf(stderr, "file %zu: %s\n", i + 1, model != nullptr ? model->id.c_str() : "-");
      for (const auto& error : errors) {
        std::fprintf(stderr, "  %d:%d: %s\n", error.line, error.column, error.message.c_str());
      }
    }
    if (model == nullptr) {
      FUZZ_CHECK(!errors.empty(), "a model failed to load without an error");
      continue;
    }
    FUZZ_CHECK(catalog.find(model->id) == model, "a loaded model is not in the catalog");
    FUZZ_CHECK(!declares_entities(bytes),
               "a model file that declares an entity was loaded:\n" + std::string(bytes));
  }
  return 0;
}

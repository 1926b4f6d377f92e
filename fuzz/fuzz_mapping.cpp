// fuzz_mapping.cpp — libFuzzer target for transform's mapping file reader
// (models/engine/dataset/column_mapping.hpp: load_mapping, mapping_json)
// against the shipped gif:Person model. The input is the mapping file,
// written into a private folder (in $TMPDIR, else /dev/shm) that also holds
// two code tables, tables/sex.csv and codes.csv, for its "codes" to name. An
// input whose code table is named outside that folder (an absolute path or
// "..") is skipped: the reader would open whatever it names. Invariants: the
// reader throws nothing but MappingError, whose message is FILE:LINE:COL:
// what; a mapping read names only items of the model, each once, a split
// exactly two; written with mapping_json and read again it is the same
// mapping, and writing it again gives the same text.
// room: transform
#include <stdlib.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz/fuzz_support.hpp"
#include "models/engine/dataset/column_mapping.hpp"
#include "models/engine/model/model_catalog.hpp"

#ifndef GIFKIT_FUZZ_MODELS_DIR
#error "GIFKIT_FUZZ_MODELS_DIR must name the models directory"
#endif

namespace {

namespace m = gifkit::models;
namespace fs = std::filesystem;

// The model and the private folder, made once per process.
struct Setup {
  m::ModelCatalog catalog;
  const m::Model* person = nullptr;
  fs::path folder;

  Setup() {
    std::vector<m::ModelLoadError> errors;
    FUZZ_CHECK(catalog.load_directory(GIFKIT_FUZZ_MODELS_DIR, errors),
               "cannot load the models from " GIFKIT_FUZZ_MODELS_DIR);
    person = catalog.find("gif:Person");
    FUZZ_CHECK(person != nullptr, "no gif:Person model");
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp != nullptr && *tmp != '\0' ? tmp : "";
    if (base.empty()) base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string pattern = base + "/gifkit-fuzz-mapping-XXXXXX";
    FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr, "cannot make " + pattern);
    folder = pattern;
    fs::create_directories(folder / "tables");
    std::ofstream(folder / "tables" / "sex.csv") << "local,standard\nM,1\nF,2\nＸ,9\n";
    std::ofstream(folder / "codes.csv") << "コード,標準コード,名称\r\nA0123,J00-0001,血糖\r\n";
  }
  ~Setup() {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
};

// True when every code table the mapping names is a relative path without
// "..": a file of the private folder (or none there).
bool tables_inside(std::string_view text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object() || !document.contains("columns") || !document["columns"].is_array())
    return true;
  for (const auto& column : document["columns"]) {
    if (!column.is_object() || !column.contains("codes") || !column["codes"].is_object()) continue;
    const auto& codes = column["codes"];
    if (!codes.contains("table") || !codes["table"].is_string()) continue;
    const fs::path table = codes["table"].get<std::string>();
    if (table.is_absolute()) return false;
    for (const auto& part : table)
      if (part == "..") return false;
  }
  return true;
}

// The mapping's choices, for comparing two readings.
std::string choices(const m::ColumnMapping& mapping) {
  std::string text = mapping.model + "\n";
  for (const m::MappingEntry& entry : mapping.entries) {
    text += entry.header + " →";
    for (const auto& item : entry.items) text += " " + item;
    text += " /" + std::string(m::column_split_name(entry.split));
    if (entry.codes) {
      const fs::path& file = entry.codes->file;
      text += " codes→" + entry.codes->to + " " +
              (file.empty() ? std::string() : fs::weakly_canonical(file).string()) + " [" +
              entry.codes->columns.first + "|" + entry.codes->columns.second + "]";
    }
    text += "\n";
  }
  return text;
}

void check_mapping(const m::ColumnMapping& mapping, const m::Model& model) {
  std::set<std::string> items;
  for (const m::MappingEntry& entry : mapping.entries) {
    FUZZ_CHECK(entry.line >= 1, "an entry on line 0: " + entry.header);
    FUZZ_CHECK(mapping.find(entry.header) == &entry, "a header listed twice: " + entry.header);
    FUZZ_CHECK(
        entry.split == m::ColumnSplit::none ? entry.items.size() <= 1 : entry.items.size() == 2,
        "a split of " + std::to_string(entry.items.size()) + " items");
    for (const auto& item : entry.items) {
      FUZZ_CHECK(model.find_field(item) != nullptr, "not an item of the model: " + item);
      FUZZ_CHECK(items.insert(item).second, "an item named twice: " + item);
    }
    if (entry.codes) {
      FUZZ_CHECK(model.find_field(entry.codes->to) != nullptr,
                 "codes written to no item: " + entry.codes->to);
      FUZZ_CHECK(entry.codes->table != nullptr, "codes without a table");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Setup setup;
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  if (!tables_inside(text)) return 0;
  const fs::path path = setup.folder / "mapping.json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;

  m::ColumnMapping mapping;
  try {
    mapping = m::load_mapping(path, *setup.person);
  } catch (const m::MappingError& error) {
    static const std::regex kWhere(R"(^[^:]+:[0-9]+:[0-9]+: .+)");
    FUZZ_CHECK(
        error.message.starts_with(path.string() + ":") && std::regex_search(error.message, kWhere),
        "a MappingError not in the form FILE:LINE:COL: what: " + error.message);
    return 0;
  } catch (const std::exception& error) {
    FUZZ_CHECK(false,
               std::string("load_mapping threw ") + typeid(error).name() + ": " + error.what());
  }
  check_mapping(mapping, *setup.person);

  const fs::path again_path = setup.folder / "again.json";
  const std::string written = m::mapping_json(mapping, again_path);
  std::ofstream(again_path, std::ios::binary | std::ios::trunc) << written;
  m::ColumnMapping again;
  try {
    again = m::load_mapping(again_path, *setup.person);
  } catch (const m::MappingError& error) {
    FUZZ_CHECK(false,
               "the mapping written cannot be read again: " + error.message + "\n" + written);
  } catch (const std::exception& error) {
    FUZZ_CHECK(false, std::string("reading the mapping written threw ") + error.what());
  }
  FUZZ_CHECK(choices(again) == choices(mapping),
             "the mapping read again differs:\n" + choices(mapping) + "---\n" + choices(again));
  FUZZ_CHECK(m::mapping_json(again, again_path) == written,
             "writing the mapping again gives another text:\n" + written);
  return 0;
}

// column_mapping.cpp — see column_mapping.hpp.
#include "models/engine/dataset/column_mapping.hpp"

#include <cassert>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grammars/io/regular_file.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::models {
namespace {

using json = nlohmann::json;

// Line and column (1-based) of a byte offset in text.
std::pair<int, int> position_of(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Where the entry for header is in the text: the first "header" member with
// that string after the previous entry's place.
std::size_t find_entry(std::string_view text, const std::string& header, std::size_t from) {
  const std::string quoted = json(header).dump();
  std::size_t at = text.find(quoted, from);
  return at == std::string_view::npos ? from : at;
}

// The entry's "codes" member: {"to": ITEM, "table": FILE | {CODE: STANDARD, …},
// "columns": [CODE HEADER, STANDARD HEADER]}. "to" defaults to the entry's
// own item (the codes replaced in place). fail(what) makes the error.
CodeMapping read_codes(const json& codes, const MappingEntry& entry,
                       const std::filesystem::path& mapping_file,
                       const std::function<MappingError(const std::string&)>& fail) {
  if (!codes.is_object()) throw fail("an object {\"to\": …, \"table\": …} is expected");
  for (const auto& [member, value] : codes.items()) {
    if (member != "to" && member != "table" && member != "columns")
      throw fail("unknown member \"" + member + "\" (to, table, columns)");
  }
  if (entry.split != ColumnSplit::none) throw fail("a column that is split has no code table");
  CodeMapping mapping;
  if (codes.contains("to")) {
    if (!codes["to"].is_string()) throw fail("\"to\" is an item path");
    mapping.to = codes["to"].get<std::string>();
  } else if (entry.items.size() == 1) {
    mapping.to = entry.items.front();
  } else {
    throw fail("\"to\" names the item the standard codes are written to (the column has none)");
  }
  if (codes.contains("columns")) {
    const json& columns = codes["columns"];
    if (!columns.is_array() || columns.size() != 2 || !columns[0].is_string() ||
        !columns[1].is_string())
      throw fail("\"columns\" names the table's two headers: [codes, standard codes]");
    mapping.columns = {columns[0].get<std::string>(), columns[1].get<std::string>()};
  }
  if (!codes.contains("table")) throw fail("\"table\" is a file or an object of codes");
  const json& table = codes["table"];
  try {
    if (table.is_string()) {
      // Named relative to the mapping file's folder.
      const std::filesystem::path named = table.get<std::string>();
      mapping.file = named.is_absolute() ? named : mapping_file.parent_path() / named;
      mapping.table =
          std::make_shared<CodeTable>(CodeTable::from_file(mapping.file, mapping.columns));
    } else if (table.is_object()) {
      if (codes.contains("columns")) throw fail("\"columns\" applies to a table file only");
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& [code, standard] : table.items()) {
        if (!standard.is_string()) throw fail(code + ": a standard code is a string");
        pairs.emplace_back(code, standard.get<std::string>());
      }
      mapping.table = std::make_shared<CodeTable>(
          CodeTable::from_pairs(pairs, mapping_file.string() + " (" + entry.header + ")"));
    } else {
      throw fail("\"table\" is a file or an object of codes");
    }
  } catch (const CodeTableError& error) {
    throw fail(error.message);
  }
  return mapping;
}

}  // namespace

std::string_view column_split_name(ColumnSplit split) {
  switch (split) {
    case ColumnSplit::separator:
      return "separator";
    case ColumnSplit::time_range:
      return "time-range";
    case ColumnSplit::none:
      break;
  }
  return "";
}

const MappingEntry* ColumnMapping::find(std::string_view header) const {
  for (const MappingEntry& entry : entries)
    if (entry.header == header) return &entry;
  // A header holding a 個人番号 is saved masked (mapping_json): it is found
  // by the header it masks.
  std::string masked;
  if (!grammars::mask_individual_numbers_in(header, masked)) return nullptr;
  for (const MappingEntry& entry : entries)
    if (entry.header == masked) return &entry;
  return nullptr;
}

namespace {

// "FILE:LINE:COL: what", the place of a byte offset of the file's text.
MappingError error_at(const std::filesystem::path& file, std::string_view text, std::size_t offset,
                      const std::string& what) {
  const auto [line, column] = position_of(text, offset);
  return MappingError{file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                      ": " + what};
}

// A mapping file's text and its JSON, checked to be a mapping file.
struct MappingDocument {
  std::string text;
  json document;
};

MappingDocument read_mapping_document(const std::filesystem::path& file) {
  if (const std::string why = grammars::not_regular_file_reason(file); !why.empty())
    throw MappingError{file.string() + ": " + why};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw MappingError{file.string() + ": cannot open"};
  std::stringstream buffer;
  buffer << in.rdbuf();
  MappingDocument read;
  read.text = buffer.str();
  const std::string& text = read.text;
  auto fail = [&](std::size_t offset, const std::string& what) {
    return error_at(file, text, offset, what);
  };
  json& document = read.document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    std::string what = error.what();
    if (const auto colon = what.find("parse error"); colon != std::string::npos)
      what = what.substr(colon);
    throw fail(error.byte > 0 ? error.byte - 1 : 0, "not JSON: " + what);
  } catch (const json::out_of_range& error) {
    // A number past a double's range: "... number overflow parsing '1e999'",
    // placed at the first place the text holds that number.
    std::string what = error.what();
    if (const auto start = what.find("number overflow"); start != std::string::npos)
      what = what.substr(start);
    const auto open = what.find('\''), close = what.rfind('\'');
    const std::size_t at = open != std::string::npos && close > open
                               ? text.find(what.substr(open + 1, close - open - 1))
                               : std::string::npos;
    throw fail(at == std::string::npos ? 0 : at, "not JSON: " + what);
  }
  if (!document.is_object() || !document.contains("gifkitMapping") ||
      document["gifkitMapping"] != 1 || !document.contains("columns") ||
      !document["columns"].is_array()) {
    throw fail(0,
               "not a gifkit mapping file: expected {\"gifkitMapping\": 1, \"model\": …, "
               "\"columns\": [ … ]} (docs/transform.md)");
  }
  return read;
}

// The "model" member, or "".
std::string model_member(const json& document) {
  return document.contains("model") && document["model"].is_string()
             ? document["model"].get<std::string>()
             : std::string();
}

}  // namespace

ColumnMapping load_mapping(const std::filesystem::path& file, const Model& model) {
  return load_mapping(file, [&](const std::string&) -> const Model& { return model; });
}

ColumnMapping load_mapping(const std::filesystem::path& file,
                           const std::function<const Model&(const std::string&)>& model_of) {
  const MappingDocument read = read_mapping_document(file);
  const std::string& text = read.text;
  const json& document = read.document;
  const Model& model = model_of(model_member(document));
  auto fail = [&](std::size_t offset, const std::string& what) {
    return error_at(file, text, offset, what);
  };
  ColumnMapping mapping;
  mapping.model = model_member(document);
  mapping.file = file.string();
  std::map<std::string, std::string> item_owner;  // item path → header naming it
  std::map<std::string, std::string> code_owner;  // item path → header whose codes write it
  std::size_t place = 0;
  for (const json& column : document["columns"]) {
    if (!column.is_object() || !column.contains("header") || !column["header"].is_string())
      throw fail(place, "each column needs a \"header\" string");
    MappingEntry entry;
    entry.header = column["header"].get<std::string>();
    place = find_entry(text, entry.header, place);
    entry.line = position_of(text, place).first;
    if (mapping.find(entry.header) != nullptr)
      throw fail(place, "the header " + entry.header + " is listed twice");
    if (column.contains("item") && column.contains("items"))
      throw fail(place, entry.header + ": give \"item\" or \"items\", not both");
    if (column.contains("item")) {
      if (column["item"].is_string()) {
        entry.items.push_back(column["item"].get<std::string>());
      } else if (!column["item"].is_null()) {
        throw fail(place, entry.header + ": \"item\" is an item path or null");
      }
    } else if (column.contains("items")) {
      if (!column["items"].is_array()) throw fail(place, entry.header + ": \"items\" is a list");
      for (const json& item : column["items"]) {
        if (!item.is_string()) throw fail(place, entry.header + ": \"items\" lists item paths");
        entry.items.push_back(item.get<std::string>());
      }
    } else {
      throw fail(place, entry.header + ": needs \"item\" (a path, or null to keep it as is)");
    }
    if (column.contains("split") && !column["split"].is_string())
      throw fail(place, entry.header + ": \"split\" is \"separator\" or \"time-range\"");
    const std::string split = column.value("split", std::string());
    if (split == "separator") {
      entry.split = ColumnSplit::separator;
    } else if (split == "time-range") {
      entry.split = ColumnSplit::time_range;
    } else if (!split.empty()) {
      throw fail(place,
                 entry.header + ": unknown split \"" + split + "\" (separator or time-range)");
    }
    if (entry.split != ColumnSplit::none && entry.items.size() != 2)
      throw fail(place, entry.header + ": a split names exactly two items");
    if (entry.split == ColumnSplit::none && entry.items.size() > 1)
      throw fail(place, entry.header + ": several items need a \"split\"");
    if (column.contains("codes")) {
      entry.codes = read_codes(column["codes"], entry, file, [&](const std::string& what) {
        return fail(place, entry.header + ": codes: " + what);
      });
      const FieldSpec* to = model.find_item(entry.codes->to);
      if (to == nullptr) {
        throw fail(place, entry.header + ": codes: " + entry.codes->to + " is not an item of " +
                              model.id + " (gifkit model show " + model.id + ")");
      }
      entry.codes->to = to->path;
      const auto [owner, inserted] = code_owner.emplace(entry.codes->to, entry.header);
      if (!inserted) {
        throw fail(place, "two code tables write the item " + to->display_name() + ": " +
                              owner->second + " and " + entry.header);
      }
    }
    for (std::string& path : entry.items) {
      const FieldSpec* item = model.find_item(path);
      if (item == nullptr) {
        throw fail(place, entry.header + ": " + path + " is not an item of " + model.id +
                              " (gifkit model show " + model.id + ")");
      }
      path = item->path;  // an item named by its label (a generated id's) is its path
      const auto [owner, inserted] = item_owner.emplace(path, entry.header);
      if (!inserted) {
        throw fail(place, "two columns map to the item " + item->display_name() + ": " +
                              owner->second + " and " + entry.header);
      }
    }
    mapping.entries.push_back(std::move(entry));
  }
  return mapping;
}

std::string mapping_json(const ColumnMapping& mapping, const std::filesystem::path& saved_at,
                         const Model* model) {
  auto named = [model](const std::string& path) {
    const FieldSpec* field = model != nullptr ? model->find_field(path) : nullptr;
    return field != nullptr ? field->display_name() : path;
  };
  std::string out = "{\n  \"gifkitMapping\": 1,\n  \"model\": " + json(mapping.model).dump() +
                    ",\n  \"columns\": [";
  for (std::size_t i = 0; i < mapping.entries.size(); ++i) {
    const MappingEntry& entry = mapping.entries[i];
    json column = json::object();
    // A mapping file is an output like any: a header (the first row of a
    // file without a header row) never shows a 個人番号.
    column["header"] = grammars::mask_individual_numbers_in(entry.header);
    if (entry.items.empty()) {
      column["item"] = nullptr;
    } else if (entry.items.size() == 1) {
      column["item"] = named(entry.items.front());
    } else {
      json items = json::array();
      for (const std::string& path : entry.items) items.push_back(named(path));
      column["items"] = std::move(items);
      column["split"] = std::string(column_split_name(entry.split));
    }
    if (entry.codes) {
      json codes = json::object();
      codes["to"] = named(entry.codes->to);
      if (!entry.codes->file.empty()) {
        // Named from where the mapping is saved (the file may move to another folder).
        const std::filesystem::path from = std::filesystem::absolute(saved_at).parent_path();
        const std::filesystem::path table = std::filesystem::absolute(entry.codes->file);
        codes["table"] = std::filesystem::proximate(table, from).generic_string();
        if (!entry.codes->columns.first.empty())
          codes["columns"] = {entry.codes->columns.first, entry.codes->columns.second};
      } else {
        json pairs = json::object();
        for (const auto& [code, standard] : entry.codes->table->pairs()) pairs[code] = standard;
        codes["table"] = std::move(pairs);
      }
      column["codes"] = std::move(codes);
    }
    out += (i ? ",\n    " : "\n    ") + column.dump();
  }
  out += "\n  ]\n}\n";
  return out;
}

void apply_mapping(const ColumnMapping& mapping, const std::vector<std::string>& headers,
                   const std::string& input, ModelChoice& choice) {
  assert(choice.model != nullptr && choice.columns.size() == headers.size());
  const Model& model = *choice.model;
  const std::string where = mapping.file.empty() ? std::string("the mapping") : mapping.file;
  // Each header as a saved mapping names it: a 個人番号 in it masked.
  std::vector<std::string> saved_as;
  saved_as.reserve(headers.size());
  for (const std::string& header : headers)
    saved_as.push_back(grammars::mask_individual_numbers_in(header));
  for (const MappingEntry& entry : mapping.entries) {
    const std::string place = where + ":" + std::to_string(entry.line);
    bool found = false;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] != entry.header &&
          (saved_as[i] != entry.header || mapping.find(headers[i]) != &entry))
        continue;
      found = true;
      ColumnBinding& column = choice.columns[i];
      column.match = HeaderMatch::mapped;
      column.field = nullptr;
      column.standard_label.clear();
      HeaderFinding finding;
      finding.code = "mapped-column";
      finding.column = static_cast<std::uint32_t>(i + 1);
      finding.value = headers[i];
      finding.values = {{"mapping", mapping.file.empty() ? std::string("given") : mapping.file},
                        {"entry", std::to_string(entry.line)},
                        {"note", ""}};
      auto label = [&model](const std::string& path) {
        const FieldSpec* field = model.find_field(path);
        return field != nullptr ? HeaderMatcher::display_label(*field) : path;
      };
      if (entry.split != ColumnSplit::none) {
        finding.values["binding"] =
            "is split into " + label(entry.items.front()) + " and " + label(entry.items.back());
        finding.values["note"] =
            ": not checked here (transform --mapping splits it; validate its output)";
      } else if (entry.codes_in_place()) {
        finding.values["binding"] = "holds codes a code table turns into " + label(entry.codes->to);
        finding.values["note"] =
            ": not checked here (transform --mapping writes the standard codes; validate its "
            "output)";
      } else if (entry.items.empty()) {
        finding.values["binding"] = "is said to be no item of " + model.id;
        finding.values["note"] = ": not checked";
      } else {
        column.field = model.find_field(entry.items.front());
        column.standard_label = label(entry.items.front());
        finding.values["binding"] = "is bound to " + column.standard_label;
        finding.suggestion = column.standard_label;
      }
      choice.mapped[i] = std::move(finding);
    }
    if (!found) {
      std::string columns;
      // A header may be a value (a file without its header row): never show a 個人番号.
      for (const std::string& header : headers)
        columns += (columns.empty() ? "" : ", ") + grammars::mask_individual_numbers_in(header);
      throw MappingError{place + ": " + entry.header + " is not a column of " + input +
                         " (its columns: " + columns + ")"};
    }
  }
  choice.recognised = 0;
  for (const ColumnBinding& column : choice.columns) choice.recognised += column.field != nullptr;
}

}  // namespace gifkit::models

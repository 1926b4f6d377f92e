// abr_source.cpp — see abr_source.hpp.
#include "registries/abr/abr_source.hpp"

#include <algorithm>
#include <memory>

#include "grammars/io/csv_reader.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries::abr {
namespace {

bool has_column(const std::vector<std::string_view>& header, std::string_view name) {
  return std::any_of(header.begin(), header.end(), [&](std::string_view field) {
    const ColumnSpec* column = find_column(field);
    return column != nullptr && column->name == name;
  });
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

// True when rest starts with a scope of FORMAT.md's naming: all, prefNN, cityNNNNNN.
bool starts_with_scope(std::string_view rest) {
  return rest.starts_with("all") || rest.starts_with("pref") || rest.starts_with("city");
}

// The first line of a plain file or of a zip's first .csv entry ("" when unreadable).
std::string first_line_of(const std::filesystem::path& path) {
  try {
    std::string entry;
    if (is_zip_source(path)) {
      auto entries = zip_csv_entries(path);
      if (entries.empty()) return {};
      entry = entries.front();
      if (kind_from_file_name(std::filesystem::path(entry).filename().string()) != nullptr)
        return "lg_code";
    }
    SourceStream source(path, entry);
    std::string line(4096, '\0');
    line.resize(std::fread(line.data(), 1, line.size(), source.file()));
    return line.substr(0, line.find_first_of("\r\n"));
  } catch (const RegistryError&) {
    return {};
  }
}

}  // namespace

const AbrKind* kind_from_file_name(std::string_view file_name) {
  std::string name = lowercase(file_name);
  const AbrKind* best = nullptr;
  for (const auto& kind : abr_kinds()) {
    std::string prefix = std::string(kind.file_stem) + "_";
    if (name.starts_with(prefix) &&
        starts_with_scope(std::string_view(name).substr(prefix.size())) &&
        (best == nullptr || kind.file_stem.size() > best->file_stem.size())) {
      best = &kind;
    }
  }
  return best;
}

bool header_needs_first_row(const std::vector<std::string_view>& header, const AbrKind* file_hint) {
  bool area_positions = has_column(header, "lg_code") && has_column(header, "rep_lon") &&
                        !has_column(header, "machiaza_id");
  bool hint_decides = file_hint != nullptr &&
                      (file_hint->name == "abr-pref-pos" || file_hint->name == "abr-city-pos");
  return area_positions && !hint_decides;
}

const AbrKind* kind_from_header(const std::vector<std::string_view>& header,
                                const AbrKind* file_hint, std::string_view first_lg_code) {
  auto has = [&](std::string_view name) { return has_column(header, name); };
  if (!has("lg_code")) return nullptr;
  bool positions = has("rep_lon");
  auto pick = [&](std::string_view base) {
    return find_kind(positions ? std::string(base) + "-pos" : std::string(base));
  };
  if (has("prc_id")) return pick("abr-parcel");
  if (has("rsdt_id")) return pick("abr-rsdt");
  if (has("blk_id")) return pick("abr-rsdt-blk");
  if (has("machiaza_id")) {
    if (!positions && (has("alias_oaza") || has("oaza_cho_uncmn_reg")))
      return find_kind("abr-town-fullset");
    return pick("abr-town");
  }
  if (positions) {
    if (file_hint != nullptr &&
        (file_hint->name == "abr-pref-pos" || file_hint->name == "abr-city-pos"))
      return file_hint;
    bool prefecture = first_lg_code.size() == 6 && first_lg_code.substr(2, 3) == "000";
    return find_kind(prefecture ? "abr-pref-pos" : "abr-city-pos");
  }
  if (has("city") || has("county") || has("ward")) return find_kind("abr-city");
  if (has("pref")) return find_kind("abr-pref");
  return nullptr;
}

HeaderBinding bind_header(const AbrKind& kind, const std::vector<std::string_view>& header,
                          const std::string& file) {
  const AbrTable& table = *kind.table;
  HeaderBinding binding;
  binding.field_count = header.size();
  binding.field_of_column.assign(table.columns.size(), -1);
  for (std::size_t field = 0; field < header.size(); ++field) {
    const ColumnSpec* column = find_column(header[field]);
    auto at = column == nullptr
                  ? table.columns.end()
                  : std::find(table.columns.begin(), table.columns.end(), column->name);
    if (at == table.columns.end()) {
      binding.ignored_columns.emplace_back(header[field]);
      continue;
    }
    int& slot = binding.field_of_column[at - table.columns.begin()];
    if (slot < 0) slot = static_cast<int>(field);
  }
  for (std::string_view key : table.key) {
    auto at = std::find(table.columns.begin(), table.columns.end(), key);
    if (binding.field_of_column[at - table.columns.begin()] < 0) {
      throw NotAbrSource(file + ": the header of this " + std::string(kind.name) + " file has no " +
                         std::string(key) + " column (a key of " + std::string(table.name) + ")");
    }
  }
  return binding;
}

bool looks_like_abr_source(const std::filesystem::path& path) {
  if (kind_from_file_name(path.filename().string()) != nullptr) return true;
  std::string line = first_line_of(path);
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  std::vector<std::string_view> header;
  std::string_view rest = line;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view field = rest.substr(0, comma);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
      field = field.substr(1, field.size() - 2);
    header.push_back(field);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return has_column(header, "lg_code");
}

}  // namespace gifkit::registries::abr

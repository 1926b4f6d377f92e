// problem_codes.cpp — the table of stable problem codes (see problem_codes.hpp).
#include "models/engine/report/problem_codes.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "grammars/text/edit_distance.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::models {
namespace {

// How a character no reader sees is shown inside a quoted value, or "" for
// one shown as it is. A space is shown only at the ends of the value (a
// space between two words is seen); the others wherever they are.
std::string_view invisible_mark(char32_t cp, bool at_an_end) {
  switch (cp) {
    case U' ':
      return at_an_end ? "\u2420" : "";  // ␠
    case U'\t':
      return "\u2409";  // ␉
    case U'\r':
      return "\u240D";  // ␍
    case U'\n':
      return "\u240A";  // ␊
    case U'\u3000':
      return at_an_end ? "[全角空白]" : "";
    case U'\u00A0':
      return "[NBSP]";
    case U'\u200B':
      return "[ZWSP]";
    case U'\uFEFF':
      return "[BOM]";
    default:
      return "";
  }
}

// value as a message quotes it: unchanged when every character is seen; else
// in double quotes, each invisible character shown by its mark
// ("36.54810␠", "山田[全角空白]").
std::string visible_value(std::string_view value) {
  bool invisible = false;
  std::string shown;
  std::size_t pos = 0;
  // The spaces at the ends: [lead, tail) is what lies between them.
  std::size_t lead = 0;
  std::size_t tail = value.size();
  while (lead < value.size()) {
    std::size_t next = lead;
    const char32_t cp = grammars::decode_utf8(value, next);
    if (cp != U' ' && cp != U'\u3000') break;
    lead = next;
  }
  while (tail > lead) {
    if (value[tail - 1] == ' ') {
      --tail;
    } else if (tail - lead >= 3 && value.substr(tail - 3, 3) == "\u3000") {
      tail -= 3;
    } else {
      break;
    }
  }
  while (pos < value.size()) {
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(value, pos);
    const std::string_view mark = invisible_mark(cp, start < lead || start >= tail);
    if (mark.empty()) {
      shown.append(value.substr(start, pos - start));
    } else {
      shown.append(mark);
      invisible = true;
    }
  }
  return invisible ? "\"" + shown + "\"" : std::string(value);
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string_view fix_certainty_name(FixCertainty certainty) {
  return certainty == FixCertainty::certain ? "certain" : "review";
}

const std::vector<ProblemCode>& problem_codes() {
  static const std::vector<ProblemCode> codes = {
      // File and record level.
      {"file-error", Severity::error, "File cannot be read", "{file}: {reason}",
       "Check that the path is right and the file is readable."},
      {"no-model-fits", Severity::error, "No model fits the header",
       "{file}: no model fits its header; the closest are {closest}",
       "Choose a model with --model; `gifkit model list` lists them."},
      {"encoding-error", Severity::error, "Encoding error", "Line {line}, column {col}: {reason}",
       "Save the file as UTF-8, or pass --encoding cp932 for a Shift_JIS file."},
      {"encoding-detected", Severity::info, "Encoding detected",
       "The file is {encoding}, not UTF-8; it was converted before checking",
       "GIF data is exchanged in UTF-8: convert the file (e.g. iconv -f CP932 -t UTF-8)."},
      {"malformed-row", Severity::error, "Malformed row", "Line {line}, column {col}: {reason}",
       "Fix the quoting or the number of fields so that every row has one value per header item."},
      {"empty-file", Severity::error, "Empty file", "The file has no header row",
       "Export the data with a header row naming the GIF items."},
      {"no-data-rows", Severity::error, "No data rows",
       "{file}: the header (line {line}) has no data rows under it; no value was checked",
       "Export the rows too: a file with only its header publishes nothing. If the dataset is "
       "empty on purpose, say so where it is published (and validate it with --allow-empty)."},
      {"xml-error", Severity::error, "XML not well-formed or unsafe", "{file}: {place}{reason}",
       "Fix the XML so that it parses; external entities and DTDs are not allowed."},
      {"schema-violation", Severity::error, "XML does not follow the GIF XSD",
       "Line {line}: {reason}", "Change the element as the official GIF schema requires."},
      // Header level.
      {"unknown-column", Severity::warning, "Unknown item", "{field} {reason}",
       "Rename the column to a GIF item name, or use a dataset model that declares it."},
      {"non-standard-item-name", Severity::error, "Non-standard item name",
       "{field} is not the GIF item name{how}; the standard item is {item}",
       "Rename the column to the GIF item name."},
      {"equivalent-item-name", Severity::info, "Equivalent item name",
       "{field} is read as the GIF item {item}",
       "Nothing to do; renaming the column to the catalog name is optional."},
      {"mapped-column", Severity::info, "Column bound by the mapping",
       "{field} {binding} by the mapping {mapping} (line {entry}){note}",
       "Nothing to do; the mapping file says what the column is (validate --mapping)."},
      {"duplicate-column", Severity::error, "Duplicate item",
       "{field} appears more than once (also column {other})",
       "Keep one column per item, or remove the copy."},
      {"columns-not-checked", Severity::info, "Columns not checked",
       "{count} not checked: {columns} ({model} knows its kind's items only in part)",
       "Check these columns yourself, or name a model that declares them with --model."},
      {"poor-model-fit", Severity::warning, "Model fits few columns",
       "{model} recognises {known} of the {columns} columns ({percent}%, {limit}); not its "
       "items: {unknown}",
       "Name the model of the dataset's kind with --model (gifkit model list), or rename the "
       "columns to its items: the columns it does not know are not checked."},
      {"missing-column", Severity::error, "Required item missing",
       "The required item {item} has no column", "Add a column for the required item."},
      {"required-pattern", Severity::warning, "Required pattern not satisfied",
       "{subject} lacks {lacking}{other}",
       "Add the columns the pattern lacks, or name the required pattern the dataset follows "
       "with --model (an error when the pattern named is not satisfied)."},
      {"value-in-wrong-column", Severity::error, "Value under the wrong header",
       "{field}: {value} looks like {kind}, as most values of this column do: they belong to "
       "another item",
       "Move the values to the column of the item they are (see the suggestion)."},
      {"column-by-values", Severity::info, "Column understood by its values",
       "{field} is not an item of {model}, but {evidence}: it may be {item}{others}",
       "If it is that item, rename the column to the item's name (or bind it with validate "
       "--mapping); transform binds it where nothing else can be meant."},
      {"columns-shifted", Severity::error, "Columns shifted",
       "{columns}, {rows}: each value sits {shift} of its item's column ({samples})",
       "Move the values back to their items' columns: a value (or a column) was left out before "
       "them. The cells' own findings are not listed one by one."},
      {"missing-recommended-column", Severity::warning, "Recommended item missing",
       "The recommended item {item} has no column",
       "Add a column for the item: the dataset's definition asks for it (推奨, ○)."},
      {"individual-number", Severity::error, "個人番号 (マイナンバー) in the data",
       "{field} holds 個人番号 (マイナンバー): {reason}",
       "Remove the column (or mask it) before the data is published or shared: 個人番号 may be "
       "provided only as the 番号法 allows. Reports show such numbers masked (************)."},
      // Value level.
      {"missing-value", Severity::error, "Required value missing", "{field} is required but empty",
       "Fill in the value."},
      {"invalid-format", Severity::error, "Invalid format", "{field}: {value} {reason}",
       "Write the value in the required form (see the suggestion)."},
      {"invalid-value", Severity::error, "Impossible value", "{field}: {value} {reason}",
       "Correct the value; it is well-formed but cannot be right."},
      {"invalid-check-digit", Severity::error, "Invalid check digit", "{field}: {value} {reason}",
       "Correct the number; one of its digits is wrong."},
      {"not-in-code-list", Severity::error, "Value not in code list",
       "{field}: {value} is not a code of {codelist}", "Use one of the listed codes."},
      {"code-label", Severity::warning, "Label instead of code",
       "{field}: {value} {reason} of {codelist}; GIF exchanges the code",
       "Write the code instead of its label (see the suggestion; gifkit transform does it)."},
      {"character-not-allowed", Severity::error, "Character not allowed",
       "{field}: {value} {reason}", "Replace the character as suggested."},
      {"wrong-width", Severity::warning, "Wrong character width", "{field}: {value} {reason}",
       "Convert the value to the width GIF asks for (see the suggestion)."},
      {"too-long", Severity::error, "Value too long", "{field}: {reason}", "Shorten the value."},
      {"too-short", Severity::error, "Value too short", "{field}: {reason}", "Complete the value."},
      {"duplicate-key", Severity::error, "Duplicate key",
       "{field}: {value} already appears in row {other}", "Remove or merge the duplicate row."},
      {"key-column-empty", Severity::warning, "Key item empty",
       "{field}, part of the key ({key}), is empty in {where}: {reason}",
       "Fill the item with each row's own identifier: the rows are then checked for duplicate "
       "keys (duplicate-key)."},
      {"total-mismatch", Severity::warning, "Total does not add up", "{field}: {value} — {reason}",
       "Correct the total or its parts: the definition says the item is the total of the others."},
      {"name-reading-mismatch", Severity::warning, "Kana is not a reading of the name",
       "{field}: {value} is not a reading of {name_field} {name}; {why}",
       "Check the kana (and the name) against the person's own record: a typo, the kana of "
       "another row, or a reading the dictionary does not list (names can be read unusually and "
       "rightly: a warning, never an error by default)."},
      {"character-lost", Severity::error, "Character lost in an encoding round trip",
       "{field}: {value} {reason}",
       "Restore the character from the source (the file before it was saved as Shift_JIS, or the "
       "person who wrote it): ? stands where a character Shift_JIS lacks was (〜, é, 﨑, ㎡). "
       "No fix is made: only a person knows which character it was. In free text a warning, "
       "in an address, a time, a telephone number, a code or a name an error."},
      // Registry level (gifkit registry).
      {"not-in-registry", Severity::error, "Not in the registry",
       "{field}: {value} is not in the registry {registry}{reason}",
       "Check the number or the address: it is well-formed but not registered. If the "
       "registry is old or partial, rebuild it from current data (gifkit registry build)."},
      {"registry-not-checked", Severity::info, "Not checked against the registry",
       "{field}: {value} was not checked against the registry {registry}: {reason}",
       "Build the registry with the data that covers the value (the ABR's 町字 of the city, "
       "the NTA's bulk 全件 file) to check it; nothing is wrong with the value as far as "
       "gifkit can tell."},
      {"registry-mismatch", Severity::warning, "Differs from the registry",
       "{field}: {value} differs from the registered {what} {expected}",
       "Use the registered value (the suggestion), or fix the code if the written value is "
       "right; a renamed or moved corporation keeps its number, so the row may hold its old "
       "name or address."},
      {"closed-corporation", Severity::warning, "Closed corporation",
       "{field}: {value} {name} was closed on {date} ({cause}){successor}",
       "Use the successor's number (the suggestion) for current data, or keep the record as "
       "a closed one on purpose; --fail-on warning fails the gate on it."},
      {"registry-changed", Severity::warning, "Changed in the registry",
       "{field}: {value} {name} changed in the registry on or after {since}: {changes}",
       "Check the row against the corporation's current state (gifkit lookup corporation NUMBER "
       "--history) and update what the change made stale — its name, its address, a closed "
       "corporation's successor; then check again with a later --changed-since."},
      {"inconsistent-address", Severity::error, "Inconsistent address", "{field}: {value} {reason}",
       "Make the address items agree with each other."},
      {"address-parts-disagree", Severity::error, "Address disagrees with itself",
       "{field}: {value} {reason}",
       "Make the one-line address (連結表記, 住所) and its parts say the same place, and the "
       "city names and codes beside it that city (a publisher's own columns may name another "
       "city where the place lies outside it: a warning)."},
      {"address-without-prefecture", Severity::warning, "Address without its 都道府県",
       "{field}: {value} {reason}",
       "Write the address from its 都道府県 on (the suggestion, where the row says which)."},
      // Registry audit (gifkit registry audit): a registry's own consistency.
      {"audit-not-checked", Severity::info, "Not checked by the audit", "{reason}",
       "Build the missing part into the registry to have it checked; nothing is wrong as far as "
       "the audit can tell."},
      {"abr-city-without-rsdt", Severity::warning, "City marked 住居表示 without 住居表示 rows",
       "{subject}: {reason}; {rows}",
       "Build in the city's 住居表示 (mt_rsdtdsp_rsdt/blk of its prefecture), or report the "
       "flags to the ABR (abr-geocoder #372): addresses of the city cannot be matched to a "
       "住居表示 as it is."},
      {"abr-town-without-rsdt", Severity::error, "町字 marked 住居表示 without 住居表示 rows",
       "{subject}: {reason}; {rows}",
       "Check the 町字's rsdt_addr_flg against the 住居表示 tables of the same edition; report "
       "the 町字 to the ABR if the edition is whole."},
      {"abr-rows-without-town", Severity::error, "住居表示 or 地番 rows without their 町字",
       "{subject}: {reason}; {rows}",
       "Build in the 町字 table of the same edition as the rows; a 町字 missing from it is a "
       "defect of the ABR to report."},
      {"abr-rows-of-abolished-town", Severity::error, "Rows in force of an abolished 町字",
       "{subject}: {reason}; {rows}",
       "Use tables of one edition; rows in force under an abolished 町字 are a defect to report "
       "to the ABR."},
      {"abr-duplicate-town-name", Severity::error, "The same 町字 name twice in one city",
       "{subject}: {reason}; {rows}",
       "Two 町字 in force with one name cannot be told apart by an address (abr-geocoder #207): "
       "report them; the same machiaza_id with rsdt_addr_flg 0 and 1 is one 町字 and is not "
       "reported."},
      {"abr-conflicting-rows", Severity::error, "One key, two different rows",
       "{subject}: {reason}; {rows}",
       "The sources give one key (a 町字, a 住居表示, a 地番, a point) twice with different values "
       "(abr-geocoder #207): the build kept the first; build from one edition, or report the "
       "conflict."},
      {"abr-similar-town-name", Severity::warning, "町字 names that differ only in writing",
       "{subject}: {reason}; {rows}",
       "Names that differ only in 大字/字, width or numerals (一丁目, １丁目) read as one "
       "address (abr-geocoder #205): check whether both 町字 are meant."},
      {"abr-position-far", Severity::warning, "Position outside its place",
       "{subject}: {reason}; {rows}",
       "Check the point against the place (a wrong edition, a swapped or shifted coordinate, "
       "abr-geocoder #256); a city spread over distant islands may pass the limits "
       "(--max-town-km, --max-point-km) legitimately."},
      {"abr-position-swapped", Severity::warning, "Longitude and latitude swapped in the source",
       "{subject}: {reason}; {rows}",
       "Nothing to do in the registry (the build put the point right); the source file has the "
       "known defect of some parcel_pos editions (FORMAT.md \"Data bugs\")."},
      {"abr-town-without-position", Severity::warning, "町字 without a position",
       "{subject}: {reason}; {rows}",
       "Build in the 町字 position file (mt_town_pos) of the same edition; a 町字 it lacks cannot "
       "be placed on a map or checked by distance."},
      {"abr-abolished-code-referenced", Severity::error, "Abolished or unknown code referenced",
       "{subject}: {reason}; {rows}",
       "Use the city table (mt_city) of the same edition as the 町字: 町字 in force under an "
       "abolished or unknown 全国地方公共団体コード are a defect (or a mix of editions)."},
      {"abr-dates-out-of-order", Severity::error, "Effective date after the abolition date",
       "{subject}: {reason}; {rows}",
       "A row cannot take effect after it was abolished: report the dates to the ABR."},
      {"houjin-successor-missing", Severity::error, "Successor not in the registry",
       "{subject}: {reason}; {rows}",
       "Check the successor's number (lookup corporation); a complete 全件 file holds every "
       "number, so a successor missing from it is a defect of the data or of the build."},
      {"houjin-closed-without-date", Severity::error, "Closed corporation without a close date",
       "{subject}: {reason}; {rows}",
       "A closure (closeCause, process 21) comes with its date (closeDate): rebuild from the "
       "NTA's file, or report the record."},
      {"houjin-diff-out-of-order", Severity::error, "法人番号 diff files applied out of order",
       "{subject}: {reason}; {rows}",
       "Rebuild the registry from the bulk file and apply the diffs oldest first (registry "
       "update does, unless --allow-out-of-order)."},
  };
  return codes;
}

bool needs_registry(std::string_view code) {
  // The codes of the registry rules (models/engine/checks/registry_rules.hpp).
  static constexpr std::string_view kRegistryCodes[] = {"not-in-registry", "registry-not-checked",
                                                        "registry-mismatch", "closed-corporation",
                                                        "registry-changed"};
  return std::find(std::begin(kRegistryCodes), std::end(kRegistryCodes), code) !=
         std::end(kRegistryCodes);
}

std::string registry_code_without_registry_message(std::string_view option,
                                                   const std::set<std::string>& codes) {
  for (const std::string& code : codes) {
    if (!needs_registry(code)) continue;
    return std::string(option) + ": " + code +
           " is reported only with --registry (a check against a registry): give --registry "
           "DB, or leave it out; nothing was checked";
  }
  return {};
}

const ProblemCode* find_problem_code(std::string_view code) {
  for (const auto& entry : problem_codes()) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

std::string_view nearest_problem_code(std::string_view name) {
  const std::u32string written = grammars::to_code_points(name);
  std::string_view nearest;
  std::size_t nearest_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& entry : problem_codes()) {
    const std::size_t limit = std::max(written.size(), entry.code.size());
    const std::size_t distance =
        grammars::edit_distance(written, grammars::to_code_points(entry.code), limit);
    if (distance < nearest_distance) {
      nearest = entry.code;
      nearest_distance = distance;
    }
  }
  assert(!nearest.empty());
  return nearest;
}

std::string unknown_problem_code_message(std::string_view option,
                                         const std::set<std::string>& codes) {
  for (const auto& name : codes) {
    if (find_problem_code(name) != nullptr) continue;
    return std::string(option) + ": " + name + " is not a problem code (did you mean " +
           std::string(nearest_problem_code(name)) + "?)";
  }
  return {};
}

std::string render_message(std::string_view message_template,
                           const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(message_template.size() + 32);
  std::size_t pos = 0;
  while (pos < message_template.size()) {
    std::size_t open = message_template.find('{', pos);
    if (open == std::string_view::npos) break;
    std::size_t close = message_template.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(message_template.substr(pos, open - pos));
    std::string name(message_template.substr(open + 1, close - open - 1));
    auto it = values.find(name);
    if (it != values.end()) {
      // The one place a message quotes a value: what cannot be seen is shown.
      out += name == "value" ? visible_value(it->second) : it->second;
    } else {
      out.append(message_template.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  out.append(message_template.substr(pos));
  return out;
}

}  // namespace gifkit::models

// address_self_check.cpp — an address agrees with itself (checks/address_self.hpp),
// with or without a registry:
// - address-parts-disagree: a gif:Address part's one-line form (連結表記, the
//   old sheets' 住所) that contradicts its parts (another prefecture, city,
//   町字, 丁目 or numbers; 地先 or 一部 on one side only: errors; a building
//   only in the one-line form: a warning), and the city the address names
//   against the publisher's 市区町村名 / 地方公共団体名 (the names a model's
//   registry-check compares with the publisher's code) and, with a registry,
//   against the city of the publisher's code — a warning, since a publisher
//   may list a place outside its own city — and of the address's own
//   全国地方公共団体コード (an error). A code's city is the registry's, else
//   gifkit's national table's (lookups/city_codes.hpp); a code neither knows
//   is not compared, and the model note says so;
// - address-without-prefecture (a warning): the one-line form written
//   without its 都道府県, with the completed form as the fix where the row
//   says which prefecture (its 都道府県, the code's, or the publisher's
//   when the address starts with the publisher's city).
// A cell a shift covers or that could not be read is not compared.
#include <algorithm>
#include <set>

#include "grammars/text/listing.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/address_self.hpp"
#include "models/engine/lookups/city_codes.hpp"
#include "models/engine/lookups/registry_lookup.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

constexpr std::string_view kDisagree = "address-parts-disagree";
constexpr std::string_view kNoPrefecture = "address-without-prefecture";

// The columns of one gif:Address part (-1 for none).
struct AddressColumns {
  int connected = -1, prefecture = -1, city = -1, town = -1, block = -1, building = -1, code = -1;
  int country = -1;  // rows in another country are not compared
};

// The publisher's columns: a registry-check's code outside the address parts
// and the names compared with it.
struct PublisherColumns {
  int code = -1, prefecture = -1, city = -1, name = -1;
  int compared_city = -1;  // the city column the registry-check compares the code with
  bool any() const { return code >= 0 || city >= 0 || name >= 0; }
};

class AddressSelfCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {kDisagree, kNoPrefecture}; }

  bool bind(TableContext& table) override {
    addresses_.clear();
    publisher_ = PublisherColumns();
    disagree_ = table.problems.wants(kDisagree);
    no_prefecture_ = table.problems.wants(kNoPrefecture);
    if (!disagree_ && !no_prefecture_) return false;
    const Model& model = table.model;
    std::vector<std::string> prefixes;
    if (model.find_field("fullAddress") != nullptr) prefixes.emplace_back();
    for (const PartSpec& part : model.parts)
      if (part.ref.ends_with(":Address")) prefixes.push_back(part.id + ".");
    for (const std::string& prefix : prefixes) {
      AddressColumns columns;
      columns.connected = table.column_of(prefix + "fullAddress");
      columns.prefecture = table.column_of(prefix + "prefecture");
      columns.city = table.column_of(prefix + "cityAndCounty");
      columns.town = table.column_of(prefix + "streetAddress");
      columns.block = table.column_of(prefix + "cityBlock");
      columns.building = table.column_of(prefix + "buildingNameEtc");
      columns.code = table.column_of(prefix + "localGovernmentCode");
      columns.country = table.column_of(prefix + "country");
      if (columns.connected >= 0 || columns.city >= 0) addresses_.push_back(columns);
    }
    if (addresses_.empty()) return false;
    for (const RegistryCheck& check : model.registry_checks) {
      if (check.registry != "address" || check.key.find('.') != std::string::npos) continue;
      publisher_.code = table.column_of(check.key);
      for (const RegistryComparison& comparison : check.comparisons) {
        if (comparison.items.size() != 1) continue;
        const int column = table.column_of(comparison.items.front());
        if (comparison.with == RegisteredValue::prefecture) publisher_.prefecture = column;
        if (comparison.with == RegisteredValue::city) publisher_.city = column;
        if (comparison.with == RegisteredValue::city) publisher_.compared_city = column;
        if (comparison.with == RegisteredValue::local_government_name) publisher_.name = column;
      }
      break;
    }
    cities_ = CityCodes(table.resources.registry);
    unknown_codes_.clear();
    return true;
  }

  void finish(TableContext& table) override {
    if (unknown_codes_.empty()) return;
    const std::vector<std::string> codes(unknown_codes_.begin(), unknown_codes_.end());
    table.task.model_note += "; the city of " + std::to_string(codes.size()) +
                             " 全国地方公共団体コード not compared with the address (not in " +
                             CityCodes::table_name() +
                             (cities_.has_registry() ? " nor in the registry" : "") + ": " +
                             grammars::listed_first(codes, 5) + ")";
  }

  void check_row(TableContext& table, TableRow& row) override {
    const auto& fields = row.fields();
    auto cell = [&](int column) -> std::string_view {
      if (column < 0) return {};
      const auto at = static_cast<std::size_t>(column);
      if (at >= fields.size() || row.covered[at] || row.is_unreadable(at)) return {};
      return grammars::trim_blanks(fields[at]);
    };
    bool first = true;
    for (const AddressColumns& columns : addresses_) {
      check_address(table, row, columns, first, cell);
      first = false;
    }
  }

 private:
  template <typename Cell>
  void check_address(TableContext& table, TableRow& row, const AddressColumns& columns,
                     bool located, const Cell& cell) {
    const std::vector<std::string>& headers = table.binding.headers;
    auto header = [&](int column) { return headers[static_cast<std::size_t>(column)]; };
    if (is_another_country(cell(columns.country))) return;
    const std::string_view connected = cell(columns.connected);
    const AddressParts parts{cell(columns.prefecture), cell(columns.city), cell(columns.town),
                             cell(columns.block), cell(columns.building)};
    AddressDisagreement found;
    if (!connected.empty()) found = compare_address_parts(connected, parts);
    if (found.part == AddressPart::none && !connected.empty() && !parts.city.empty() &&
        parts.town.empty() && parts.block.empty()) {
      // 市区町村 alone beside the one-line form: another city of gifkit's
      // table named there (one written from its 町字 on names none).
      const RegisteredArea city{std::string(parts.prefecture), "", std::string(parts.city), ""};
      if (address_names_another_city(connected, city)) {
        std::string_view after_prefecture;
        const bool other = prefecture_written(connected, parts.prefecture, after_prefecture) ==
                           PrefectureWritten::other;
        found.part = other ? AddressPart::prefecture : AddressPart::city;
        found.written =
            other ? std::string(connected.substr(0, connected.size() - after_prefecture.size()))
                  : city_written(after_prefecture);
      }
    }
    if (disagree_) {
      if (found.part != AddressPart::none) {
        report(table, row, kDisagree, columns.connected, connected,
               reason_of(found, columns, parts, header),
               found.part == AddressPart::building ? Severity::warning : Severity::error);
        return;  // the parts say otherwise: the city below is not the question
      }
    }
    // The address as written: the one-line form, else its parts joined.
    std::string joined;
    std::string_view address = connected;
    if (found.without_city) {
      joined = std::string(parts.city) + std::string(connected);
      address = joined;
    } else if (address.empty() && !parts.city.empty()) {
      joined = std::string(parts.prefecture) + std::string(parts.city) + std::string(parts.town) +
               std::string(parts.block);
      address = joined;
    }
    if (address.empty()) return;
    const std::string_view publisher_prefecture = located ? cell(publisher_.prefecture) : "";
    std::string_view rest;
    const std::string_view own_prefecture =
        !parts.prefecture.empty() ? parts.prefecture : publisher_prefecture;
    const PrefectureWritten written = prefecture_written(address, own_prefecture, rest);
    if (!connected.empty() && written == PrefectureWritten::none && no_prefecture_)
      report_without_prefecture(table, row, columns, parts, connected,
                                found.without_city ? parts.city : std::string_view(), located,
                                cell);
    if (!located || !disagree_) return;
    // The city the address names against the publisher's names and codes
    // (a code that is the address's own is compared below).
    check_publisher_city(table, row, written == PrefectureWritten::other ? address : rest, address,
                         publisher_.code != columns.code, cell);
    // The address's own code: with a registry, the model's registry-check
    // compares it with the 市区町村 written beside it (registry-mismatch).
    const bool compared_by_registry = cities_.has_registry() && columns.code == publisher_.code &&
                                      columns.city == publisher_.compared_city &&
                                      !cell(columns.city).empty();
    RegisteredArea area;
    if (columns.code >= 0 && !compared_by_registry &&
        code_area(row, columns.code, cell(columns.code), area) &&
        address_names_another_city(address, area))
      report(table, row, kDisagree, columns.code, cell(columns.code),
             "is the code of " + area_name(area) + ", not of the city of " + std::string(address) +
                 " (" + city_written(written == PrefectureWritten::other ? address : rest) + ")",
             Severity::error);
  }

  // The area of the code in column (its cell's value code), false when the
  // cell is empty or has a problem (a wrong check digit, the 5-digit form),
  // or no table knows it (counted for the model note).
  bool code_area(const TableRow& row, int column, std::string_view code, RegisteredArea& area) {
    if (code.empty() || (row.marks[static_cast<std::size_t>(column)] & TableRow::kCellHasProblem))
      return false;
    if (cities_.find(code, area)) return true;
    if (grammars::check_local_government_code(code).ok()) unknown_codes_.emplace(code);
    return false;
  }

  static std::string area_name(const RegisteredArea& area) {
    return area.prefecture + area.county + area.city + area.ward;
  }

  // The publisher's 市区町村名 or 地方公共団体名 (else its code's city) against
  // the city the address names: once a row.
  template <typename Cell>
  void check_publisher_city(TableContext& table, TableRow& row, std::string_view rest,
                            std::string_view address, bool with_code, const Cell& cell) {
    const std::string other =
        ", a place outside the publisher's area (right if so) or a wrong city or address";
    // The names against the city the address names (gifkit's table tells a
    // city from a 町字 the address may start with).
    const std::string_view prefecture = cell(publisher_.prefecture);
    const std::string_view city = cell(publisher_.city);
    if (!city.empty()) {
      if (address_names_another_city(
              address, RegisteredArea{std::string(prefecture), "", std::string(city), ""}))
        report(table, row, kDisagree, publisher_.city, city,
               "is not the city of the address " + std::string(address) + " (" +
                   city_written(rest) + ")" + other,
               Severity::warning);
      return;
    }
    const std::string_view name = cell(publisher_.name);
    if (!name.empty()) {
      std::string_view name_city;
      prefecture_written(name, prefecture, name_city);
      const std::string_view name_prefecture =
          grammars::trim_blanks(name.substr(0, name.size() - name_city.size()));
      name_city = grammars::trim_blanks(name_city);
      if (!name_city.empty() &&
          address_names_another_city(
              address,
              RegisteredArea{std::string(name_prefecture.empty() ? prefecture : name_prefecture),
                             "", std::string(name_city), ""}))
        report(table, row, kDisagree, publisher_.name, name,
               "names another city than the address " + std::string(address) + " (" +
                   city_written(rest) + ")" + other,
               Severity::warning);
      if (!name_city.empty()) return;
    }
    const std::string_view code = cell(publisher_.code);
    RegisteredArea area;
    // A prefecture's code: its file lists every city of the prefecture.
    if (with_code && publisher_.code >= 0 && code_area(row, publisher_.code, code, area) &&
        address_names_another_city(address, area))
      report(table, row, kDisagree, publisher_.code, code,
             "is the code of " + area_name(area) + ", not of the city of the address " +
                 std::string(address) + " (" + city_written(rest) + ")" + other,
             Severity::warning);
  }

  // address-without-prefecture, with the completed form where the row says
  // which prefecture.
  template <typename Cell>
  void report_without_prefecture(TableContext& table, TableRow& row, const AddressColumns& columns,
                                 const AddressParts& parts, std::string_view connected,
                                 std::string_view city_left_out, bool located, const Cell& cell) {
    std::string prefecture(parts.prefecture);
    std::string why = prefecture.empty() ? "" : table.binding.headers[columns.prefecture];
    RegisteredArea area;
    auto known_area = [&](int column) { return code_area(row, column, cell(column), area); };
    if (prefecture.empty() && columns.code >= 0 && known_area(columns.code)) {
      prefecture = area.prefecture;
      why = table.binding.headers[columns.code];
    }
    if (prefecture.empty() && located) {
      // The publisher's prefecture, where the address starts with the
      // publisher's own city (a prefecture's file lists other cities too).
      const std::string_view city = cell(publisher_.city);
      if (!city.empty() && !cell(publisher_.prefecture).empty() &&
          address_starts_with_city(connected, city)) {
        prefecture = cell(publisher_.prefecture);
        why = table.binding.headers[publisher_.prefecture] + " and " +
              table.binding.headers[publisher_.city];
      } else if (publisher_.code >= 0 && known_area(publisher_.code) && !area.city.empty() &&
                 address_starts_with_city(connected, area.county + area.city + area.ward)) {
        prefecture = area.prefecture;
        why = table.binding.headers[publisher_.code];
      }
    }
    Problem problem = table.make(kNoPrefecture, row.record->number, row.record->line,
                                 static_cast<std::uint32_t>(columns.connected + 1));
    problem.value = std::string(connected);
    std::string reason = city_left_out.empty() ? "is written without its 都道府県"
                                               : "is written without its 都道府県 and 市区町村";
    if (!prefecture.empty()) {
      problem.fix.rule = "add-prefecture";
      problem.fix.from = problem.value;
      problem.fix.to = prefecture + std::string(city_left_out) + std::string(connected);
      problem.suggestion = problem.fix.to;
      reason += " (" + prefecture + std::string(city_left_out) + ", as the row's " + why +
                (city_left_out.empty() ? "" : " and " + table.binding.headers[columns.city]) +
                " says)";
    } else {
      reason += "; the row does not say which (no 都道府県 beside it)";
    }
    add(table, row, std::move(problem), std::move(reason), columns.connected);
  }

  template <typename Header>
  static std::string reason_of(const AddressDisagreement& found, const AddressColumns& columns,
                               const AddressParts& parts, const Header& header) {
    auto named = [&](int column, std::string_view value) {
      if (column < 0) return std::string("the parts");
      return header(column) + (value.empty() ? " (empty)" : " " + std::string(value));
    };
    const std::string town = named(columns.town, parts.town);
    switch (found.part) {
      case AddressPart::prefecture:
        return "starts with " + found.written + ", not " +
               named(columns.prefecture, parts.prefecture);
      case AddressPart::city:
        return "names the city " + found.written + ", not " + named(columns.city, parts.city);
      case AddressPart::town:
        return "does not name " + town;
      case AddressPart::chome:
        if (found.written.empty()) return "has no 丁目 where " + town + " has one";
        return "has " + found.written + " where " + town +
               (parts.town.find("丁目") != std::string_view::npos ? " has another" : " has none");
      case AddressPart::block:
        return "has " + (found.written.empty() ? std::string("nothing") : found.written) +
               " after the 町字 where " +
               (columns.block < 0 ? std::string("the parts have other numbers")
                                  : header(columns.block) + " has " +
                                        (parts.block.empty() ? std::string("nothing")
                                                             : std::string(parts.block)));
      case AddressPart::building:
        return "has a building or room (" + found.written + ") that " +
               named(columns.building, parts.building) +
               " has not: write it in 建物名等(方書), or take it out of the one-line form";
      case AddressPart::frontage:
      case AddressPart::partial: {
        const std::string word = found.part == AddressPart::frontage ? "地先" : "一部";
        return found.written.empty() ? "has no " + word + ", which the parts have (" + town + ", " +
                                           named(columns.block, parts.block) + ")"
                                     : "has " + word + ", which the parts have not (" + town +
                                           ", " + named(columns.block, parts.block) + ")";
      }
      case AddressPart::none:
        break;
    }
    return {};
  }

  void report(TableContext& table, TableRow& row, std::string_view code, int column,
              std::string_view value, std::string reason, Severity severity) {
    Problem problem = table.make(code, row.record->number, row.record->line,
                                 static_cast<std::uint32_t>(column + 1));
    problem.value = std::string(value);
    problem.severity = severity;
    add(table, row, std::move(problem), std::move(reason), column);
  }

  void add(TableContext& table, TableRow& row, Problem problem, std::string reason, int column) {
    const std::optional<Severity> severity =
        table.problems.add(std::move(problem), {{"reason", std::move(reason)}});
    if (!severity) return;
    if (*severity == Severity::error) row.error = true;
    const auto at = static_cast<std::size_t>(column);
    if (*severity != Severity::info && (row.marks[at] & TableRow::kCellCounted) == 0) {
      ++table.task.quality[at].invalid;
      row.marks[at] |= TableRow::kCellCounted;
    }
  }

  std::vector<AddressColumns> addresses_;
  PublisherColumns publisher_;
  CityCodes cities_;
  std::set<std::string, std::less<>> unknown_codes_;  // codes no table knows, for the note
  bool disagree_ = false;
  bool no_prefecture_ = false;
};

}  // namespace

std::unique_ptr<TableCheck> make_address_self_check() {
  return std::make_unique<AddressSelfCheck>();
}

}  // namespace gifkit::models

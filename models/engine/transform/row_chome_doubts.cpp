// row_chome_doubts.cpp — see row_chome_doubts.hpp.
#include "models/engine/transform/row_chome_doubts.hpp"

#include <string>
#include <string_view>

#include "models/engine/transform/chome_to_town.hpp"

namespace gifkit::models {
namespace {

// The output column of the address item id beside item (the same part), or -1.
int address_column(const TransformPlan& plan, const FieldSpec& item, std::string_view id) {
  for (std::size_t k = 0; k < plan.columns.size(); ++k) {
    const FieldSpec* field = plan.columns[k].field;
    if (field != nullptr && field->part == item.part && field->id == id) return static_cast<int>(k);
  }
  return -1;
}

// A 番地以下 (output cell i) that holds a 丁目: moved into the 町字 where
// the ABR confirms it (chome_to_town.hpp), both changes logged
// `chome-to-town`; else its leftovers to review, the value as it was.
void settle_chome(OutputRow& output, AddressLookup* abr, std::uint64_t row, std::size_t i,
                  std::vector<ValueFixer::Leftover>& doubts) {
  const TransformPlan& plan = output.plan;
  std::vector<std::string>& out = output.values;
  output.leftovers = std::move(doubts);
  const OutputColumn& column = plan.columns[i];
  const int town = address_column(plan, *column.field, "streetAddress");
  const int prefecture = address_column(plan, *column.field, "prefecture");
  const int city = address_column(plan, *column.field, "cityAndCounty");
  if (abr == nullptr || !abr->has_addresses() || town < 0) {
    output.review_leftovers(row, i, "");
    return;
  }
  auto cell = [&out](int k) {
    return k < 0 ? std::string_view() : std::string_view(out[static_cast<std::size_t>(k)]);
  };
  ChomeMove move;
  std::string why;
  if (!move_chome_to_town(*abr, output.fixer, column.checked,
                          {cell(prefecture), cell(city), cell(town), out[i]}, move, why)) {
    output.review_leftovers(row, i, why.empty() ? "" : "; " + why);
    return;
  }
  const OutputColumn& town_column = plan.columns[static_cast<std::size_t>(town)];
  std::string& town_value = out[static_cast<std::size_t>(town)];
  output.log.emit(ChangeRecord{row, town_column.input_number(plan.conversions), town_column.header,
                               town_value, move.town, "chome-to-town"});
  output.log.emit(ChangeRecord{row, column.input_number(plan.conversions), column.header, out[i],
                               move.block, "chome-to-town"});
  town_value = std::move(move.town);
  out[i] = std::move(move.block);
}

}  // namespace

void settle_chome_doubts(OutputRow& output, AddressLookup* abr, std::uint64_t row) {
  for (auto& [i, leftovers] : output.chome_doubts) settle_chome(output, abr, row, i, leftovers);
  output.chome_doubts.clear();
}

}  // namespace gifkit::models

// chome_to_town.cpp — see chome_to_town.hpp.
#include "models/engine/transform/chome_to_town.hpp"

#include <vector>

#include "grammars/dictionaries/number_marks.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/address_fold.hpp"

namespace gifkit::models {

bool move_chome_to_town(AddressLookup& abr, ValueFixer& fixer, const FieldSpec& block_field,
                        const ChomeAddress& address, ChomeMove& out, std::string& why) {
  why.clear();
  // The block as <number><丁目 mark><rest>: the number in digits or kanji.
  const std::string folded = grammars::fold_ascii_width(address.block);
  std::size_t number_end = std::string::npos;
  std::size_t rest_start = 0;
  std::string_view chome;  // the mark as written (丁目)
  for (const grammars::NumberMarkSpelling& spelling : grammars::number_marks().spellings()) {
    if (spelling.mark != grammars::NumberMark::chome) continue;
    const std::size_t at = folded.find(spelling.text);
    if (at != std::string::npos && at < number_end) {
      number_end = at;
      rest_start = at + spelling.text.size();
      chome = spelling.text;
    }
  }
  if (number_end == std::string::npos || number_end == 0) return false;
  const std::string_view number = std::string_view(folded).substr(0, number_end);
  if (grammars::parse_number_text(number) <= 0) return false;
  if (address.town.empty() || address.city.empty()) {
    why = "the row has no 町字 or 市区町村 to move the 丁目 into";
    return false;
  }
  // The rest of the numbers as 番地以下 on its own: it must come out clean.
  std::string rest(std::string_view(folded).substr(rest_start));
  if (!rest.empty()) {
    std::vector<ValueFixer::Step> steps;
    std::vector<ValueFixer::Leftover> leftovers;
    fixer.fix(block_field, rest, steps, leftovers);
    if (!leftovers.empty()) return false;  // 3丁目8号4番: still for a person
  }
  const std::string written = std::string(address.prefecture) + std::string(address.city) +
                              std::string(address.town) + std::string(number) + std::string(chome) +
                              rest;
  MatchedAddress found;
  const std::string place = std::string(address.prefecture) + std::string(address.city);
  const std::string proposed = std::string(address.town) + std::string(number) + std::string(chome);
  if (!abr.normalize_address(written, found)) {
    why = "the registry " + abr.description() + " cannot read addresses";
    return false;
  }
  if (found.ambiguous || found.machiaza_id.empty() || found.chome.empty() || !found.koaza.empty() ||
      found.oaza_cho != address.town) {
    why = "the Address Base Registry (" + abr.description() + ") has no 町字 " + proposed + " in " +
          place + (found.reason.empty() ? "" : " (" + found.reason + ")");
    return false;
  }
  const bool numbers_agree = (found.stop == AddressStop::complete && found.city_block == rest) ||
                             found.stop == AddressStop::number_not_checked;
  if (!numbers_agree) {
    why = "the Address Base Registry (" + abr.description() + ") has the 町字 " + found.town +
          " in " + place + " but not the numbers " + (rest.empty() ? "(none)" : rest) +
          (found.reason.empty() ? "" : " (" + found.reason + ")");
    return false;
  }
  out.town = found.town;
  out.block = std::move(rest);
  return true;
}

}  // namespace gifkit::models

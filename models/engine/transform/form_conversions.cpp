// form_conversions.cpp — see form_conversions.hpp.
#include "models/engine/transform/form_conversions.hpp"

#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/abr/address_fields.hpp"

namespace gifkit::models {
namespace {

using grammars::trim_spaces;

constexpr std::string_view kFullwidthSpace = "\u3000";

// How often needle stands in text.
std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size()))
    ++count;
  return count;
}

class SeparatorSplit : public FormConversion {
 public:
  explicit SeparatorSplit(std::string separator) : separator_(std::move(separator)) {}
  std::string_view rule() const override { return "separator-split"; }

  bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
               ConversionDoubt& doubt) override {
    const std::string_view value = trim_spaces(in[0]);
    if (value.empty()) {
      out.assign(2, std::string());
      return true;
    }
    // A space separator is a space of either width.
    const bool space = separator_ == " ";
    const std::size_t count =
        count_of(value, separator_) + (space ? count_of(value, kFullwidthSpace) : 0);
    if (count != 1) {
      doubt.why = count == 0
                      ? "holds no separator to split at"
                      : "holds the separator more than once: which part is which is not certain";
      return false;
    }
    std::string_view used = separator_;
    std::size_t at = value.find(used);
    if (at == std::string_view::npos) {
      used = kFullwidthSpace;
      at = value.find(used);
    }
    out.clear();
    out.emplace_back(trim_spaces(value.substr(0, at)));
    out.emplace_back(trim_spaces(value.substr(at + used.size())));
    return true;
  }

 private:
  std::string separator_;
};

class SeparatorJoin : public FormConversion {
 public:
  explicit SeparatorJoin(std::string separator) : separator_(std::move(separator)) {}
  std::string_view rule() const override { return "separator-join"; }

  bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
               ConversionDoubt&) override {
    out.assign(1, std::string());
    for (std::string_view part : in) {
      if (part.empty()) continue;
      if (!out[0].empty()) out[0] += separator_;
      out[0] += part;
    }
    return true;
  }

 private:
  std::string separator_;
};

// hh:mm or h:mm in half-width digits (after width folding), as hh:mm.
bool read_time(std::string_view text, std::string& out) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
    return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (i != colon && (text[i] < '0' || text[i] > '9')) return false;
  const int hour = std::stoi(std::string(text.substr(0, colon)));
  const int minute = std::stoi(std::string(text.substr(colon + 1)));
  if (hour > 24 || minute > 59) return false;
  out = (colon == 1 ? "0" : "") + std::string(text);
  return true;
}

class TimeRangeSplit : public FormConversion {
 public:
  std::string_view rule() const override { return "time-range-split"; }

  bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
               ConversionDoubt& doubt) override {
    if (trim_spaces(in[0]).empty()) {
      out.assign(2, std::string());
      return true;
    }
    // Width folded, every dash and wave dash made '~'.
    std::string folded = grammars::fold_ascii_width(trim_spaces(in[0]));
    std::string text;
    for (std::size_t pos = 0; pos < folded.size();) {
      const std::size_t start = pos;
      const char32_t c = grammars::decode_utf8(folded, pos);
      if (c == U'~' || c == U'〜' || c == U'～' || c == U'-' || grammars::is_dash(c)) {
        text += '~';
      } else if (c != ' ') {
        text.append(folded, start, pos - start);
      }
    }
    const std::size_t tilde = text.find('~');
    std::string from, to;
    if (tilde == std::string::npos || text.find('~', tilde + 1) != std::string::npos ||
        !read_time(std::string_view(text).substr(0, tilde), from) ||
        !read_time(std::string_view(text).substr(tilde + 1), to)) {
      doubt.why = "is not one time range hh:mm～hh:mm";
      return false;
    }
    // The times as written again (９:００〜１２:３０ → 09:00～12:30): the change is logged.
    const std::string as_split = from + "～" + to;
    if (as_split != in[0]) doubt.rewritten = as_split;
    out = {std::move(from), std::move(to)};
    return true;
  }
};

// The GIF address parts of in for an AddressInput (町字以下 goes whole into
// streetAddress; 連結表記 whole into prefecture: address_line joins them
// all the same), and its building, the input after them ("" when none).
registries::abr::GifAddress parts_of(AddressInput form, const std::vector<std::string_view>& in,
                                     std::string& building) {
  registries::abr::GifAddress gif;
  switch (form) {
    case AddressInput::four_items:
      gif.prefecture = in[0];
      gif.cityAndCounty = in[1];
      gif.streetAddress = in[2];
      gif.cityBlock = in[3];
      building = in.size() > 4 ? std::string(in[4]) : std::string();
      break;
    case AddressInput::three_items:
      gif.prefecture = in[0];
      gif.cityAndCounty = in[1];
      gif.streetAddress = in[2];
      building = in.size() > 3 ? std::string(in[3]) : std::string();
      break;
    case AddressInput::one_line:
      gif.prefecture = in[0];
      building = in.size() > 1 ? std::string(in[1]) : std::string();
      break;
  }
  return gif;
}

class AddressJoin : public FormConversion {
 public:
  explicit AddressJoin(AddressInput form) : form_(form) {}
  std::string_view rule() const override { return "address-join"; }

  bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
               ConversionDoubt&) override {
    std::string building;
    const registries::abr::GifAddress gif = parts_of(form_, in, building);
    out.assign(1, registries::abr::address_line(gif, trim_spaces(building)));
    if (!out[0].empty() && out[0].front() == ' ') out[0].erase(0, 1);  // only a building
    return true;
  }

 private:
  AddressInput form_;
};

// The end of line that reads as building once widths are folded (the
// normalizer writes what follows an address half-width: 紀尾井タワー１９階 →
// 紀尾井タワー19階), so that the building keeps the characters it was written
// with; building itself when no end of line does.
std::string building_as_written(std::string_view line, const std::string& building) {
  if (building.empty()) return building;
  for (std::size_t pos = 0; pos < line.size();) {
    const std::string_view tail = trim_spaces(line.substr(pos));
    if (grammars::fold_ascii_width(tail) == building) return std::string(tail);
    grammars::decode_utf8(line, pos);
  }
  return building;
}

class AddressSplit : public FormConversion {
 public:
  AddressSplit(AddressInput form, AddressLookup& registry) : form_(form), registry_(registry) {}
  std::string_view rule() const override { return "address-split"; }

  bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
               ConversionDoubt& doubt) override {
    std::string building;
    const registries::abr::GifAddress parts = parts_of(form_, in, building);
    const std::string line = registries::abr::address_line(parts, "");
    if (trim_spaces(line).empty() && trim_spaces(building).empty()) {
      out.assign(8, std::string());
      return true;
    }
    MatchedAddress found;
    if (!registry_.normalize_address(line, found)) {
      doubt.why = "cannot be normalized: the registry has no Address Base Registry data";
      return false;
    }
    if (found.ambiguous) {
      doubt.why = "fits several places of the Address Base Registry";
      doubt.candidates = found.reason;
      return false;
    }
    if (found.machiaza_id.empty()) {
      doubt.why = "was matched only to the " +
                  std::string(found.city_and_county.empty() ? "prefecture" : "city") + " (" +
                  (found.reason.empty() ? "no 町字 fits" : found.reason) + ")";
      doubt.candidates = found.output;
      return false;
    }
    // Numbers left over after the deepest level the ABR matched (白山一丁目1-3
    // where the ABR knows block 1 but no residence 3): where 番地以下 ends is
    // not certain.
    const std::string_view others = trim_spaces(found.others);
    if (!others.empty() &&
        (others.front() == '-' || (others.front() >= '0' && others.front() <= '9'))) {
      doubt.why = "has numbers the Address Base Registry does not list (" + std::string(others) +
                  " after " + found.town + found.city_block +
                  "): where 番地以下 ends is not certain";
      doubt.candidates = found.output;
      return false;
    }
    const std::string line_rest = building_as_written(line, found.building);
    std::string rest = line_rest;
    if (!trim_spaces(building).empty()) rest += (rest.empty() ? "" : " ") + building;
    const std::string as_read = registries::abr::address_line(parts, trim_spaces(building));
    const std::string as_split = address_line(found, rest);
    if (as_split != as_read) doubt.rewritten = as_split;
    out = {found.lg_code, found.machiaza_id, found.prefecture, found.city_and_county,
           found.town,    found.city_block,  std::move(rest),  ds442_form(found, line_rest)};
    return true;
  }

 private:
  // The address in the form it was read in, written as DS-442 asks: 連結表記
  // as 都道府県 + 市区町村 + 町字以下, or 町字以下 alone, with 丁目 and
  // 番地以下 in half-width digits and hyphens (湯島２丁目２４番１４号 →
  // 湯島2-24-14), then what followed the numbers on the line; "" for the
  // four-item form and for an address without numbers (nothing to rewrite).
  std::string ds442_form(const MatchedAddress& found, const std::string& line_rest) {
    if (form_ == AddressInput::four_items || found.city_block.empty()) return std::string();
    RegisteredTown town;
    if (!registry_.find_town(found.lg_code, found.machiaza_id, town)) return std::string();
    if (form_ == AddressInput::one_line) {
      return ds442_address_line(found, town.chome_number, line_rest);
    }
    std::string text = ds442_town_and_block(found, town.chome_number);
    if (!line_rest.empty()) text += " " + line_rest;
    return text;
  }

  AddressInput form_;
  AddressLookup& registry_;
};

}  // namespace

std::unique_ptr<FormConversion> make_separator_split(std::string separator) {
  return std::make_unique<SeparatorSplit>(std::move(separator));
}
std::unique_ptr<FormConversion> make_separator_join(std::string separator) {
  return std::make_unique<SeparatorJoin>(std::move(separator));
}
std::unique_ptr<FormConversion> make_time_range_split() {
  return std::make_unique<TimeRangeSplit>();
}
std::unique_ptr<FormConversion> make_address_join(AddressInput form) {
  return std::make_unique<AddressJoin>(form);
}
std::unique_ptr<FormConversion> make_address_split(AddressInput form, AddressLookup& registry) {
  return std::make_unique<AddressSplit>(form, registry);
}

}  // namespace gifkit::models

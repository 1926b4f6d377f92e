// address_output.hpp — writing the results of `gifkit address normalize` as
// they are made (streaming): ndjson (one object a line), json (one array,
// written element by element), csv (a header, gif fields as gif_*), or text
// (level, codes, normalized address). Field names are the Digital Agency
// geocoder's; see docs/address.md.
#pragma once
#include <iosfwd>
#include <string>

#include "registries/abr/address_matcher.hpp"

namespace gifkit::tools {

class AddressResultWriter {
 public:
  // format: ndjson, json, csv or text.
  AddressResultWriter(std::ostream& out, std::string format);
  // Writes one result (the header or the array's opening first).
  void write(const registries::abr::NormalizedAddress& result);
  // Closes the json array (an empty one when nothing was written).
  void finish();

 private:
  void write_json(const registries::abr::NormalizedAddress& result);
  void write_csv(const registries::abr::NormalizedAddress& result);
  void write_text(const registries::abr::NormalizedAddress& result);

  std::ostream& out_;
  std::string format_;
  std::string buffer_;
  bool started_ = false;
};

}  // namespace gifkit::tools

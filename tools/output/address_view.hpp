// address_view.hpp — the view of a normalized address (NormalizedAddress),
// for `gifkit address normalize` and the service: written as the results
// are made (streaming) as ndjson (one object a line), json (one array,
// written element by element), csv (a header, gif fields as gif_*), or text
// (level, codes, normalized address). Field names are the Digital Agency
// geocoder's; see docs/address.md.
#pragma once
#include <iosfwd>
#include <string>

#include "registries/abr/address_matcher.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

class AddressResultWriter {
 public:
  // The formats it writes.
  static constexpr std::initializer_list<OutputFormat> kFormats = {
      OutputFormat::ndjson, OutputFormat::json, OutputFormat::csv, OutputFormat::text};
  // format: one of kFormats.
  AddressResultWriter(std::ostream& out, OutputFormat format);
  // Writes one result (the header or the array's opening first).
  void write(const registries::abr::NormalizedAddress& result);
  // Closes the json array (an empty one when nothing was written).
  void finish();

 private:
  void write_json(const registries::abr::NormalizedAddress& result);
  void write_csv(const registries::abr::NormalizedAddress& result);
  void write_text(const registries::abr::NormalizedAddress& result);

  std::ostream& out_;
  OutputFormat format_;
  std::string buffer_;
  bool started_ = false;
};

}  // namespace gifkit::tools

// address_view.hpp — the views of addresses, for `gifkit address normalize`
// and `gifkit address reverse` and the service: a normalized address
// (NormalizedAddress) and a reverse geocoding hit (ReverseHit), written as
// the results are made (streaming) as ndjson (one object a line), json (one
// array, written element by element), csv (a header, gif fields as gif_*),
// or text (level, codes, address). Both share the ABR's field names (those
// of the Digital Agency's geocoder) and the GIF object; see docs/address.md.
#pragma once
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>

#include "registries/abr/address_matcher.hpp"
#include "registries/abr/address_reverse.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

// What the writers below share: records written one by one as they come,
// as one json array (opened by the first, closed by finish), ndjson lines,
// csv rows under a header, or text lines.
class RecordStream {
 public:
  // The formats it writes.
  static constexpr std::initializer_list<OutputFormat> kFormats = {
      OutputFormat::ndjson, OutputFormat::json, OutputFormat::csv, OutputFormat::text};
  // Closes the json array (an empty one when nothing was written).
  void finish();

 protected:
  // format: one of kFormats.
  RecordStream(std::ostream& out, OutputFormat format);
  // Starts a record in buffer_ (cleared): the array's opening or a comma
  // for json. The caller then appends the record (and, for csv, the header
  // first when !started_).
  void begin_record();
  // Ends the record (ndjson's line end) and writes buffer_.
  void end_record();

  std::ostream& out_;
  OutputFormat format_;
  std::string buffer_;
  bool started_ = false;
};

class AddressResultWriter : public RecordStream {
 public:
  AddressResultWriter(std::ostream& out, OutputFormat format) : RecordStream(out, format) {}
  // Writes one result (the header or the array's opening first), with
  // full_address, its connected DS-442 form (models::ds442_full_address:
  // SessionLookup::full_address), as gif.fullAddress (csv: gif_fullAddress).
  void write(const registries::abr::NormalizedAddress& result, std::string_view full_address);

 private:
  void write_json(const registries::abr::NormalizedAddress& result, std::string_view full_address);
  void write_csv(const registries::abr::NormalizedAddress& result, std::string_view full_address);
  void write_text(const registries::abr::NormalizedAddress& result);
};

// A reverse geocoding hit as one JSON object on one line: level,
// distance_m (rounded to centimetres), lat, lon, output, the ABR fields
// (lg_code … prc_num3) and gif (DS-442). For the CLI and the service.
std::string reverse_hit_json(const registries::abr::ReverseHit& hit);
// The CSV header of reverse hits, and one hit as a CSV row (each with its
// line end): the JSON's fields in its order, gif fields as gif_*.
std::string reverse_hit_csv_header();
std::string reverse_hit_csv_row(const registries::abr::ReverseHit& hit);
// One hit as a text line: level, distance ("12.34 m"), lg_code,
// machiaza_id and the address, tab-separated.
std::string reverse_hit_text(const registries::abr::ReverseHit& hit);

class ReverseHitWriter : public RecordStream {
 public:
  ReverseHitWriter(std::ostream& out, OutputFormat format) : RecordStream(out, format) {}
  // Writes one hit (the header or the array's opening first).
  void write(const registries::abr::ReverseHit& hit);
};

}  // namespace gifkit::tools

// address_view.cpp — the writers of normalized addresses. JSON is written
// by hand through json_text.hpp's appenders (no DOM per address: the
// normalizer writes 100,000+ results a second). See address_view.hpp.
#include "tools/output/address_view.hpp"

#include <cassert>
#include <optional>
#include <ostream>

#include "grammars/utf8.hpp"
#include "tools/output/csv_field.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

namespace {

namespace abr = gifkit::registries::abr;

// name → value of the flat fields, in the geocoder's order.
template <typename Visit>
void visit_fields(const abr::NormalizedAddress& r, Visit visit) {
  visit("input", r.input);
  visit("output", r.output);
  visit("match_level", std::string(abr::match_level_name(r.match_level)));
  visit("lg_code", r.lg_code);
  visit("machiaza_id", r.machiaza_id);
  visit("pref", r.pref);
  visit("county", r.county);
  visit("city", r.city);
  visit("ward", r.ward);
  visit("oaza_cho", r.oaza_cho);
  visit("chome", r.chome);
  visit("koaza", r.koaza);
  visit("blk_num", r.blk_num);
  visit("rsdt_num", r.rsdt_num);
  visit("rsdt_num2", r.rsdt_num2);
  visit("prc_num1", r.prc_num1);
  visit("prc_num2", r.prc_num2);
  visit("prc_num3", r.prc_num3);
  visit("others", r.others);
}

template <typename Visit>
void visit_gif(const abr::NormalizedAddress& r, Visit visit) {
  visit("localGovernmentCode", r.gif.localGovernmentCode);
  visit("streetAddressId", r.gif.streetAddressId);
  visit("prefecture", r.gif.prefecture);
  visit("cityAndCounty", r.gif.cityAndCounty);
  visit("streetAddress", r.gif.streetAddress);
  visit("cityBlock", r.gif.cityBlock);
  visit("buildingNameEtc", r.gif.buildingNameEtc);
}

}  // namespace

AddressResultWriter::AddressResultWriter(std::ostream& out, OutputFormat format)
    : out_(out), format_(format) {
  assert(format == OutputFormat::ndjson || format == OutputFormat::json ||
         format == OutputFormat::csv || format == OutputFormat::text);
}

void AddressResultWriter::write(const abr::NormalizedAddress& given) {
  // An input that is not UTF-8 is echoed with U+FFFD for its bad bytes (in
  // input, and in output, others and reason, which copy parts of it): every
  // format stays valid text. The normalizer stops such an input as
  // unreadable; a valid input makes valid copies.
  const abr::NormalizedAddress* shown = &given;
  std::optional<abr::NormalizedAddress> repaired;
  if (given.stop == abr::MatchStop::unreadable &&
      grammars::find_invalid_utf8(given.input) != std::string_view::npos) {
    repaired.emplace(given);
    repaired->input = grammars::with_invalid_utf8_replaced(given.input);
    repaired->output = grammars::with_invalid_utf8_replaced(given.output);
    repaired->others = grammars::with_invalid_utf8_replaced(given.others);
    repaired->gif.buildingNameEtc = grammars::with_invalid_utf8_replaced(given.gif.buildingNameEtc);
    repaired->reason = grammars::with_invalid_utf8_replaced(given.reason);
    shown = &*repaired;
  }
  const abr::NormalizedAddress& result = *shown;
  buffer_.clear();
  if (format_ == OutputFormat::csv) {
    write_csv(result);
  } else if (format_ == OutputFormat::text) {
    write_text(result);
  } else {
    if (format_ == OutputFormat::json) buffer_ += started_ ? ",\n" : "[\n";
    write_json(result);
    if (format_ == OutputFormat::ndjson) buffer_ += '\n';
  }
  started_ = true;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void AddressResultWriter::finish() {
  if (format_ == OutputFormat::json) out_ << (started_ ? "\n]\n" : "[]\n");
  out_.flush();
}

void AddressResultWriter::write_json(const abr::NormalizedAddress& result) {
  buffer_ += '{';
  bool first = true;
  auto field = [&](std::string_view name, std::string_view value) {
    if (!first) buffer_ += ',';
    first = false;
    append_json_string(buffer_, name);
    buffer_ += ':';
    append_json_string(buffer_, value);
  };
  visit_fields(result, field);
  for (auto [name, value] : {std::pair{"lat", result.point.lat}, {"lon", result.point.lon}}) {
    buffer_ += ",\"";
    buffer_ += name;
    buffer_ += "\":";
    if (result.point.known) {
      append_json_number(buffer_, value);
    } else {
      buffer_ += "null";
    }
  }
  buffer_ += ",\"coordinate_level\":";
  append_json_string(buffer_, result.coordinate_level);
  buffer_ += ",\"gif\":{";
  first = true;
  visit_gif(result, field);
  buffer_ += "},";
  first = true;
  field("postal_code", result.postal_code);
  field("reason", result.reason);
  buffer_ += ",\"ambiguous\":";
  buffer_ += result.ambiguous ? "true" : "false";
  buffer_ += '}';
}

void AddressResultWriter::write_csv(const abr::NormalizedAddress& result) {
  bool first = true;
  if (!started_) {
    auto name = [&](std::string_view field, std::string_view = {}) {
      buffer_ += first ? "" : ",";
      first = false;
      buffer_ += field;
    };
    visit_fields(result, name);
    buffer_ += ",lat,lon";
    visit_gif(result, [&](std::string_view field, std::string_view) {
      buffer_ += ",gif_";
      buffer_ += field;
    });
    buffer_ += ",postal_code,reason,ambiguous,coordinate_level\n";
    first = true;
  }
  auto value = [&](std::string_view, std::string_view text) {
    buffer_ += first ? "" : ",";
    first = false;
    buffer_ += csv_field(text);
  };
  visit_fields(result, value);
  buffer_ += ',';
  if (result.point.known) append_json_number(buffer_, result.point.lat);
  buffer_ += ',';
  if (result.point.known) append_json_number(buffer_, result.point.lon);
  visit_gif(result, value);
  value("", result.postal_code);
  value("", result.reason);
  buffer_ += result.ambiguous ? ",true" : ",false";
  value("", result.coordinate_level);
  buffer_ += '\n';
}

void AddressResultWriter::write_text(const abr::NormalizedAddress& result) {
  buffer_ += abr::match_level_name(result.match_level);
  buffer_ += '\t';
  buffer_ += result.lg_code.empty() ? "-" : result.lg_code;
  buffer_ += '\t';
  buffer_ += result.machiaza_id.empty() ? "-" : result.machiaza_id;
  buffer_ += '\t';
  buffer_ += result.output;
  if (!result.reason.empty()) {
    buffer_ += "\t(";
    buffer_ += result.reason;
    buffer_ += ')';
  }
  buffer_ += '\n';
}

}  // namespace gifkit::tools

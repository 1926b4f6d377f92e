// address_view.cpp — the writers of normalized addresses and reverse
// geocoding hits. JSON is written by hand through json_text.hpp's appenders
// (no DOM per address: the normalizer writes 100,000+ results a second).
// See address_view.hpp.
#include "tools/output/address_view.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <vector>

#include "grammars/io/csv_writer.hpp"
#include "grammars/text/decimal_text.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

using grammars::csv_field;

namespace {

namespace abr = gifkit::registries::abr;

// name → value of an address's ABR fields, in the geocoder's order.
template <typename Visit>
void visit_address_fields(const abr::AddressFields& r, Visit&& visit) {
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
}

// name → value of the flat fields of a normalized address.
template <typename Visit>
void visit_fields(const abr::NormalizedAddress& r, Visit&& visit) {
  visit("input", r.input);
  visit("output", r.output);
  visit("match_level", abr::match_level_name(r.match_level));
  visit_address_fields(r, visit);
  visit("others", r.others);
}

template <typename Visit>
void visit_gif(const abr::GifAddress& gif, Visit&& visit) {
  visit("localGovernmentCode", gif.localGovernmentCode);
  visit("streetAddressId", gif.streetAddressId);
  visit("prefecture", gif.prefecture);
  visit("cityAndCounty", gif.cityAndCounty);
  visit("streetAddress", gif.streetAddress);
  visit("cityBlock", gif.cityBlock);
  visit("buildingNameEtc", gif.buildingNameEtc);
}

// The JSON object of a normalized address, field by field in its order:
// visit.text(name, value) for a string, visit.number(name, known, value)
// for lat and lon (null when not known), visit.boolean(name, value),
// visit.open(name) and visit.close() around the gif object.
template <typename Visit>
void visit_json_record(const abr::NormalizedAddress& r, std::string_view full_address,
                       Visit& visit) {
  auto text = [&visit](std::string_view name, std::string_view value) { visit.text(name, value); };
  visit_fields(r, text);
  visit.number("lat", r.point.known, r.point.lat);
  visit.number("lon", r.point.known, r.point.lon);
  visit.text("coordinate_level", r.coordinate_level);
  visit.open("gif");
  visit_gif(r.gif, text);
  visit.text("fullAddress", full_address);
  visit.close();
  visit.text("postal_code", r.postal_code);
  visit.text("reason", r.reason);
  visit.boolean("ambiguous", r.ambiguous);
}

// What a normalized address's JSON object holds besides its values, made
// once from visit_json_record: pieces[k] is written before the k-th value
// (the comma, the name and the opening quote, the closing quote of the
// value before), pieces.back() after the last ("}"). Each piece fits a
// slot of kPieceBytes, copied whole (the buffer has that much to spare).
struct JsonRecordPlan {
  static constexpr std::size_t kPieceBytes = 48;
  struct Piece {
    char bytes[kPieceBytes] = {};
    std::size_t size = 0;
  };
  std::vector<Piece> pieces;
  std::size_t bytes = 0;  // of all pieces

  static const JsonRecordPlan& get() {
    static const JsonRecordPlan plan = make();
    return plan;
  }

 private:
  // Records the pieces as visit_json_record names the fields.
  struct Maker {
    JsonRecordPlan& plan;
    std::string pending = "{";
    bool first = true;  // no field yet in the object being written
    void name(std::string_view field) {
      pending += first ? "\"" : ",\"";
      first = false;
      pending += field;
      pending += "\":";
    }
    void value_slot(std::string after) {
      assert(pending.size() <= kPieceBytes);
      Piece piece;
      pending.copy(piece.bytes, pending.size());
      piece.size = pending.size();
      plan.pieces.push_back(piece);
      plan.bytes += piece.size;
      pending = std::move(after);
    }
    void text(std::string_view field, std::string_view) {
      name(field);
      pending += '"';
      value_slot("\"");
    }
    void number(std::string_view field, bool, double) {
      name(field);
      value_slot("");
    }
    void boolean(std::string_view field, bool) {
      name(field);
      value_slot("");
    }
    void open(std::string_view field) {
      name(field);
      pending += '{';
      first = true;
    }
    void close() {
      pending += '}';
      first = false;
    }
  };
  static JsonRecordPlan make() {
    JsonRecordPlan plan;
    Maker maker{plan};
    visit_json_record(abr::NormalizedAddress{}, "", maker);
    maker.pending += '}';
    maker.value_slot("");
    return plan;
  }
};

// Writes a record by its plan at cursor, whose buffer has room for the
// pieces, the values, two numbers, "false" and kPieceBytes to spare; every
// text plain (is_plain_json_string): written as its bytes.
class JsonRecordWriter {
 public:
  JsonRecordWriter(const JsonRecordPlan& plan, char* cursor) : plan_(plan), cursor_(cursor) {}
  char* end() const { return cursor_; }
  void text(std::string_view, std::string_view value) {
    piece();
    if (value.empty()) return;
    std::memcpy(cursor_, value.data(), value.size());
    cursor_ += value.size();
  }
  // As append_json_number: the shortest form that reads back, null when
  // unknown or not finite.
  void number(std::string_view, bool known, double value) {
    piece();
    if (known && std::isfinite(value)) {
      cursor_ = grammars::write_double(cursor_, cursor_ + kNumberBytes, value).ptr;
    } else {
      std::memcpy(cursor_, "null", 4);
      cursor_ += 4;
    }
  }
  void boolean(std::string_view, bool value) {
    piece();
    std::memcpy(cursor_, value ? "true" : "false", value ? 4 : 5);
    cursor_ += value ? 4 : 5;
  }
  void open(std::string_view) {}
  void close() {}
  // The last piece, after the last value.
  void finish() {
    piece();
    assert(next_ == plan_.pieces.size());
  }

  static constexpr std::size_t kNumberBytes = 32;  // a double's shortest form fits

 private:
  void piece() {
    assert(next_ < plan_.pieces.size());
    const JsonRecordPlan::Piece& piece = plan_.pieces[next_++];
    std::memcpy(cursor_, piece.bytes, JsonRecordPlan::kPieceBytes);
    cursor_ += piece.size;
  }
  const JsonRecordPlan& plan_;
  char* cursor_;
  std::size_t next_ = 0;
};

// Sums the bytes of a record's texts, and says whether each is plain.
struct JsonTextCheck {
  std::size_t bytes = 0;
  bool plain = true;
  void text(std::string_view, std::string_view value) {
    bytes += value.size();
    plain = plain && is_plain_json_string(value);
  }
  void number(std::string_view, bool, double) {}
  void boolean(std::string_view, bool) {}
  void open(std::string_view) {}
  void close() {}
};

// A field name JSON writes as its own bytes: letters, digits and '_'.
[[maybe_unused]] bool is_plain_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Appends "name":"value" pairs to a JSON object being written (a comma
// before each but the first).
class JsonFields {
 public:
  explicit JsonFields(std::string& out) : out_(out) {}
  void operator()(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(out_, value);
  }
  // "name": (the value is the caller's to append). The names are this
  // file's own, plain ASCII: written as they are, not checked a record.
  void key(std::string_view name) {
    assert(is_plain_name(name));
    const char* comma_quote = ",\"";
    out_.append(comma_quote + first_, first_ ? 1 : 2);
    first_ = false;
    out_.append(name);
    out_.append("\":", 2);
  }
  // "gif":{…} with gif's fields, then fullAddress when given (normalize's).
  void gif(const abr::GifAddress& gif, std::optional<std::string_view> full_address = {}) {
    key("gif");
    out_ += '{';
    JsonFields inner(out_);
    visit_gif(gif, inner);
    if (full_address) inner("fullAddress", *full_address);
    out_ += '}';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

// Appends the CSV names of fields visited (the gif ones as gif_*).
class CsvNames {
 public:
  CsvNames(std::string& out, std::string_view prefix = {}) : out_(out), prefix_(prefix) {}
  void operator()(std::string_view name, std::string_view = {}) {
    if (!out_.empty() && out_.back() != '\n') out_ += ',';
    out_ += prefix_;
    out_ += name;
  }

 private:
  std::string& out_;
  std::string_view prefix_;
};

// Metres rounded to centimetres (haversine is no closer than that).
double centimetres(double metres) {
  return std::round(metres * 100) / 100;
}

}  // namespace

RecordStream::RecordStream(std::ostream& out, OutputFormat format) : out_(out), format_(format) {
  assert(format == OutputFormat::ndjson || format == OutputFormat::json ||
         format == OutputFormat::csv || format == OutputFormat::text);
}

void RecordStream::begin_record() {
  buffer_.clear();
  if (format_ == OutputFormat::json) buffer_ += started_ ? ",\n" : "[\n";
}

void RecordStream::end_record() {
  if (format_ == OutputFormat::ndjson) buffer_ += '\n';
  started_ = true;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void RecordStream::finish() {
  if (format_ == OutputFormat::json) out_ << (started_ ? "\n]\n" : "[]\n");
  out_.flush();
}

void AddressResultWriter::write(const abr::NormalizedAddress& given,
                                std::string_view full_address) {
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
  // No answer echoes a 個人番号 typed into an address (validate's rule,
  // grammars::mask_individual_numbers_in): in the input or in the parts
  // that copy it.
  // Copied only when one holds a number (most results: no copy).
  std::optional<abr::NormalizedAddress> masked;
  std::string safe;
  for (std::string abr::NormalizedAddress::*text :
       {&abr::NormalizedAddress::input, &abr::NormalizedAddress::output,
        &abr::NormalizedAddress::others, &abr::NormalizedAddress::reason}) {
    if (!grammars::mask_individual_numbers_in(shown->*text, safe)) continue;
    if (!masked) masked.emplace(*shown);
    (*masked).*text = std::move(safe);
  }
  for (std::string abr::GifAddress::*text :
       {&abr::GifAddress::cityBlock, &abr::GifAddress::buildingNameEtc}) {
    if (!grammars::mask_individual_numbers_in(shown->gif.*text, safe)) continue;
    if (!masked) masked.emplace(*shown);
    masked->gif.*text = std::move(safe);
  }
  const abr::NormalizedAddress& result = masked ? *masked : *shown;
  std::string masked_full;
  const std::string_view full =
      grammars::mask_individual_numbers_in(full_address, masked_full) ? masked_full : full_address;
  begin_record();
  if (format_ == OutputFormat::csv) {
    write_csv(result, full);
  } else if (format_ == OutputFormat::text) {
    write_text(result);
  } else {
    write_json(result, full);
  }
  end_record();
}

void AddressResultWriter::write_json(const abr::NormalizedAddress& result,
                                     std::string_view full_address) {
  // Every text plain (all but the rarest results): the record laid out by
  // its plan, each value copied once, into room made once.
  JsonTextCheck check;
  visit_json_record(result, full_address, check);
  if (check.plain && !result.damaged) {
    const JsonRecordPlan& plan = JsonRecordPlan::get();
    const std::size_t at = buffer_.size();
    buffer_.resize(at + plan.bytes + check.bytes + 2 * JsonRecordWriter::kNumberBytes + 5 +
                   JsonRecordPlan::kPieceBytes);
    JsonRecordWriter writer(plan, buffer_.data() + at);
    visit_json_record(result, full_address, writer);
    writer.finish();
    buffer_.resize(static_cast<std::size_t>(writer.end() - buffer_.data()));
    return;
  }
  // A text to escape or repair, or a damaged input (its "damaged": true, which
  // the plan has not): written field by field (the same bytes for the plain ones).
  buffer_ += '{';
  JsonFields field(buffer_);
  visit_fields(result, field);
  for (auto [name, value] : {std::pair{"lat", result.point.lat}, {"lon", result.point.lon}}) {
    field.key(name);
    if (result.point.known) {
      append_json_number(buffer_, value);
    } else {
      buffer_ += "null";
    }
  }
  field("coordinate_level", result.coordinate_level);
  field.gif(result.gif, full_address);
  field("postal_code", result.postal_code);
  field("reason", result.reason);
  field.key("ambiguous");
  buffer_ += result.ambiguous ? "true" : "false";
  if (result.damaged) {
    // Only when true: a character lost in an encoding round trip (reason says where).
    field.key("damaged");
    buffer_ += "true";
  }
  buffer_ += '}';
}

void AddressResultWriter::write_csv(const abr::NormalizedAddress& result,
                                    std::string_view full_address) {
  if (!started_) {
    visit_fields(result, CsvNames(buffer_));
    buffer_ += ",lat,lon";
    visit_gif(result.gif, CsvNames(buffer_, "gif_"));
    buffer_ += ",gif_fullAddress,postal_code,reason,ambiguous,coordinate_level\n";
  }
  bool first = true;
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
  visit_gif(result.gif, value);
  value("", full_address);
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

std::string reverse_hit_json(const abr::ReverseHit& hit) {
  std::string out = "{";
  JsonFields field(out);
  field("level", abr::reverse_level_name(hit.level));
  field.key("distance_m");
  append_json_number(out, centimetres(hit.distance_m));
  field.key("lat");
  append_json_number(out, hit.lat);
  field.key("lon");
  append_json_number(out, hit.lon);
  field("output", hit.output);
  visit_address_fields(hit, field);
  field.gif(hit.gif);
  out += '}';
  return out;
}

std::string reverse_hit_csv_header() {
  std::string out = "level,distance_m,lat,lon,output";
  visit_address_fields(abr::AddressFields{}, CsvNames(out));
  visit_gif(abr::GifAddress{}, CsvNames(out, "gif_"));
  return out + '\n';
}

std::string reverse_hit_csv_row(const abr::ReverseHit& hit) {
  std::string out(abr::reverse_level_name(hit.level));
  for (double number : {centimetres(hit.distance_m), hit.lat, hit.lon}) {
    out += ',';
    append_json_number(out, number);
  }
  auto value = [&](std::string_view, std::string_view text) {
    out += ',';
    out += csv_field(text);
  };
  value("", hit.output);
  visit_address_fields(hit, value);
  visit_gif(hit.gif, value);
  return out + '\n';
}

std::string reverse_hit_text(const abr::ReverseHit& hit) {
  char distance[32];
  std::snprintf(distance, sizeof distance, "%.2f m", hit.distance_m);
  std::string out(abr::reverse_level_name(hit.level));
  for (std::string_view part : {std::string_view(distance), std::string_view(hit.lg_code),
                                std::string_view(hit.machiaza_id), std::string_view(hit.output)}) {
    out += '\t';
    out += part.empty() ? "-" : part;
  }
  return out + '\n';
}

void ReverseHitWriter::write(const abr::ReverseHit& hit) {
  begin_record();
  if (format_ == OutputFormat::csv) {
    if (!started_) buffer_ += reverse_hit_csv_header();
    buffer_ += reverse_hit_csv_row(hit);
  } else if (format_ == OutputFormat::text) {
    buffer_ += reverse_hit_text(hit);
  } else {
    buffer_ += reverse_hit_json(hit);
  }
  end_record();
}

}  // namespace gifkit::tools

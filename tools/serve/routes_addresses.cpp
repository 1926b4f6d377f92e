// routes_addresses.cpp — the Address Base Registry routes: GET
// /v1/addresses/normalize?q= (one address), POST /v1/addresses/normalize
// (one address per line, or a JSON array of strings: answered as NDJSON in
// order, spooled and streamed in bounded memory, cut off at the time limit
// with an error line), GET /v1/addresses/reverse (the places nearest to a
// point, paged: offset, limit, more, count), and GET /v1/towns (a 町字 by lg_code + machiaza_id, or
// the 町字 of a city by the start of its name, paged: offset, limit, count,
// more, and what the registry covers of the city). The matcher and the views
// are `gifkit address normalize`'s and `gifkit lookup address`'s.
#include <sstream>

#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/session/session_lookup.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/address_reverse.hpp"
#include "tools/output/abr_record_view.hpp"
#include "tools/output/address_view.hpp"
#include "tools/serve/request_body.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace abr = gifkit::registries::abr;

std::shared_ptr<const RegistrySnapshot> address_snapshot(const Service& service) {
  auto snapshot = service.snapshot();
  if (!snapshot->has_addresses()) {
    throw HttpError(503, "no-address-data", snapshot->addresses_missing());
  }
  return snapshot;
}

void normalize_one(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/addresses/normalize");
  if (!request.has_param("q")) throw HttpError(400, "missing-parameter", "'q' is required");
  std::string address = text_parameter(request, "q");
  const std::size_t most = service.options().max_address_chars;
  if (grammars::count_code_points(address) > most) {
    throw HttpError(400, "address-too-long",
                    "the address is longer than the server's --max-address-length (" +
                        std::to_string(most) + " characters)");
  }
  auto snapshot = address_snapshot(service);
  thread_local abr::AddressMatcher::Scratch scratch;
  auto result = snapshot->matcher().normalize(address, scratch);
  std::ostringstream line;
  AddressResultWriter writer(line, OutputFormat::ndjson);
  writer.write(result, snapshot->session().lookup()->full_address(result));
  answer.set_content(line.str(), kJsonType);
}

// A batch being answered: the body, where the reader is, the time limit.
struct Batch {
  std::shared_ptr<const RegistrySnapshot> snapshot;
  std::unique_ptr<SpooledBody> body;
  std::unique_ptr<LineReader> lines;
  std::unique_ptr<JsonStringArrayReader> strings;
  std::chrono::steady_clock::time_point deadline;
  std::chrono::milliseconds time_limit;
  std::uint64_t answered = 0;
  bool cut_off = false;  // the time-limit line is written: the answer ends after this chunk
  std::ostringstream out;
  std::unique_ptr<AddressResultWriter> writer;

  bool next(std::string& line, bool& too_long) {
    return lines ? lines->next(line, too_long) : strings->next(line, too_long);
  }
};

// Answers up to a chunk of the batch's lines; false when the client is gone.
bool answer_some(Batch& batch, ChunkSink& sink) {
  thread_local abr::AddressMatcher::Scratch scratch;
  std::string line;
  bool too_long = false;
  // The 町字 of each gif.fullAddress, read through a lookup of this chunk's
  // own: none is held while the client reads.
  auto lookup = batch.snapshot->session().lookup();
  for (int i = 0; i < 512; ++i) {
    if (std::chrono::steady_clock::now() > batch.deadline) {
      std::string error = "{\"error\":{\"code\":\"time-limit\",\"message\":";
      append_json_string(error, "the batch took longer than the server's --time-limit (" +
                                    std::to_string(batch.time_limit.count()) +
                                    " ms) and was cut "
                                    "off after " +
                                    std::to_string(batch.answered) + " addresses");
      error += "}}\n";
      batch.out << error;
      batch.cut_off = true;
      break;
    }
    if (!batch.next(line, too_long)) {
      std::string text = batch.out.str();
      bool written = text.empty() || sink.write(text.data(), text.size());
      if (written) sink.done();
      return written;
    }
    auto result = batch.snapshot->matcher().normalize(line, scratch);
    batch.writer->write(result, lookup->full_address(result));
    ++batch.answered;
  }
  std::string text = batch.out.str();
  batch.out.str("");
  if (!sink.write(text.data(), text.size())) return false;
  if (batch.cut_off) sink.done();
  return true;
}

void normalize_batch(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/addresses/normalize");
  auto batch = std::make_shared<Batch>();
  batch->snapshot = address_snapshot(service);
  batch->body = std::make_unique<SpooledBody>(request.body, service.options().spool_threshold,
                                              service.options().max_body);
  // Long enough that a cut line is still too long for the matcher.
  const std::size_t max_bytes = service.options().max_address_chars * 4 + 4;
  const std::string type = request.header("Content-Type");
  if (type.rfind("application/json", 0) == 0) {
    batch->strings = std::make_unique<JsonStringArrayReader>(*batch->body, max_bytes);
    std::string wrong = batch->strings->check();
    if (!wrong.empty())
      throw HttpError(400, "bad-json", "the body is not a JSON array of strings: " + wrong);
  } else {
    batch->lines = std::make_unique<LineReader>(*batch->body, max_bytes);
  }
  batch->time_limit = service.options().time_limit;
  batch->deadline = current_request().started + batch->time_limit;
  batch->writer = std::make_unique<AddressResultWriter>(batch->out, OutputFormat::ndjson);
  answer.set_stream(kNdjsonType, [batch](ChunkSink& sink) {
    try {
      return answer_some(*batch, sink);
    } catch (const std::exception& error) {
      // The status is sent already: the failure ends the stream as a line.
      std::string line = "{\"error\":{\"code\":\"internal\",\"message\":";
      append_json_string(line, error.what());
      line += "}}\n";
      bool written = sink.write(line.data(), line.size());
      if (written) sink.done();
      return written;
    }
  });
}

void reverse(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/addresses/reverse");
  abr::ReverseQuery query;
  query.lat = number_parameter(request, "lat", 0, -90, 90, true);
  query.lon = number_parameter(request, "lon", 0, -180, 180, true);
  query.radius_m = number_parameter(request, "radius", abr::kDefaultReverseRadiusM, 0,
                                    abr::kMaxReverseRadiusM, false);
  query.limit = static_cast<int>(integer_parameter(request, "limit", 1, 1, abr::kMaxReverseLimit));
  query.offset =
      static_cast<int>(integer_parameter(request, "offset", 0, 0, abr::kMaxReverseOffset));
  const std::string count = text_parameter(request, "count");
  if (!count.empty() && count != "exact")
    throw HttpError(400, "bad-parameter",
                    "'count' is '" + shown_text(count) +
                        "'; it must be exact (count every place within the radius)");
  query.exact_count = count == "exact";
  if (auto problem = abr::reverse_query_problem(query)) {
    throw HttpError(400, "bad-parameter", *problem);
  }
  auto snapshot = address_snapshot(service);
  const registries::RegistryRead read(snapshot->registry());
  abr::ReversePage page;
  try {
    page = registries::AddressReader(read).reverse(query);
  } catch (const registries::RegistryLocked&) {
    throw;
  } catch (const registries::RegistryError& error) {
    // Built before the index, or no positions: say so (the file by its name).
    throw HttpError(503, "no-position-index", snapshot->without_path(error.what()));
  }
  // The page's envelope: count null when the search stopped short of the
  // radius (count_at_least points seen; ?count=exact searches all of it).
  std::string body =
      "{\"offset\":" + std::to_string(query.offset) + ",\"limit\":" + std::to_string(query.limit) +
      ",\"more\":" + (page.more ? "true" : "false") +
      ",\"count\":" + (page.count ? std::to_string(*page.count) : "null") +
      ",\"count_at_least\":" + std::to_string(page.count_at_least) + ",\"results\":[";
  for (std::size_t i = 0; i < page.hits.size(); ++i) {
    if (i > 0) body += ",";
    body += reverse_hit_json(page.hits[i]);
  }
  body += "]}\n";
  answer.set_content(body, kJsonType);
}

// The furthest page of a city's 町字 (the largest city holds some 5,000 rows).
constexpr std::int64_t kMaxTownOffset = 1000000;

void towns(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/towns");
  const std::string lg_code = text_parameter(request, "lg_code");
  const std::string machiaza_id = text_parameter(request, "machiaza_id");
  const std::string prefix = text_parameter(request, "prefix");
  if (lg_code.empty()) throw HttpError(400, "missing-parameter", "'lg_code' is required");
  // As `gifkit lookup address` does: a malformed code is refused, not "nothing found".
  auto verdict = grammars::check_local_government_code(lg_code);
  if (!verdict.ok()) {
    throw HttpError(
        400, "bad-parameter",
        "'" + shown_text(lg_code) + "' is not a 全国地方公共団体コード: " + verdict.reason +
            (verdict.suggestion.empty() ? "" : " (did you mean " + verdict.suggestion + "?)"));
  }
  if (lg_code.compare(2, 3, "000") == 0) {
    throw HttpError(400, "bad-parameter",
                    "'" + lg_code + "' is a prefecture's code: 町字 are listed by a city's");
  }
  if (!machiaza_id.empty() &&
      (machiaza_id.size() != 7 || !grammars::is_ascii_digits(machiaza_id))) {
    throw HttpError(400, "bad-parameter",
                    "'" + shown_text(machiaza_id) + "' is not a 町字ID (7 digits, e.g. 0001001)");
  }
  if (!machiaza_id.empty() && !prefix.empty()) {
    throw HttpError(400, "bad-parameter", "give machiaza_id or prefix, not both");
  }
  const std::int64_t limit =
      integer_parameter(request, "limit", 50, 1, service.options().max_results);
  const std::int64_t offset = integer_parameter(request, "offset", 0, 0, kMaxTownOffset);
  auto snapshot = address_snapshot(service);
  const registries::RegistryRead read(snapshot->registry());
  const registries::AddressReader addresses(read);
  std::vector<abr::AbrRecord> records;
  std::int64_t count = 0;
  if (!machiaza_id.empty()) {
    records = addresses.machiaza(lg_code, machiaza_id);
    count = static_cast<std::int64_t>(records.size());
    records.erase(records.begin(),
                  records.begin() + static_cast<std::ptrdiff_t>(std::min(offset, count)));
    if (static_cast<std::int64_t>(records.size()) > limit)
      records.resize(static_cast<std::size_t>(limit));
  } else {
    abr::TownQuery query;
    query.lg_codes = {lg_code};
    query.prefix = prefix;
    query.limit = limit;
    query.offset = offset;
    records = addresses.search_towns(query);
    count = addresses.count_towns(query);
  }
  Json results = Json::array();
  for (const auto& record : records) results.push_back(abr_record_json(record));
  const bool more = offset + static_cast<std::int64_t>(records.size()) < count;
  answer_json(answer, {{"offset", offset},
                       {"limit", limit},
                       {"more", more},
                       {"count", count},
                       {"coverage", abr::town_coverage_name(addresses.town_coverage(lg_code))},
                       {"results", results}});
}

}  // namespace

void add_address_routes(Routes& server, Service& service) {
  server.Get("/v1/addresses/normalize",
             registry_reads([&service](const Request& request, Answer& answer) {
               normalize_one(service, request, answer);
             }));
  server.Post("/v1/addresses/normalize", [&service](const Request& request, Answer& answer) {
    normalize_batch(service, request, answer);
  });
  server.Get("/v1/addresses/reverse",
             registry_reads([&service](const Request& request, Answer& answer) {
               reverse(service, request, answer);
             }));
  server.Get("/v1/towns", registry_reads([&service](const Request& request, Answer& answer) {
               towns(service, request, answer);
             }));
}

}  // namespace gifkit::tools::serve

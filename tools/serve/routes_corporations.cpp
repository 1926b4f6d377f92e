// routes_corporations.cpp — the 法人番号 routes: GET /v1/corporations/{number}
// (the registry's state, ?history=1 adds every imported row), GET
// /v1/corporations?numbers=A,B,… (up to 10 at once, as the NTA's /num) and
// GET /v1/corporations?name=|furigana=|en_name= with pref, city, kind,
// open_only, include_hidden, limit and offset (with a total count) — the same functions and
// views as `gifkit lookup corporation`, the NTA's field names.
#include <algorithm>
#include <cassert>
#include <chrono>
#include <exception>
#include <optional>
#include <utility>

#include "grammars/values/identifiers.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "tools/output/corporation_view.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace houjin = gifkit::registries::houjin;

// Throws HttpError 400 (bad-check-digit, bad-corporate-number) naming number
// when it is not a well-formed 法人番号.
void require_corporate_number(const std::string& number) {
  require_utf8(number, "the corporate number");
  auto verdict = grammars::check_corporate_number(number);
  if (verdict.ok()) return;
  std::string message =
      "'" + shown_text(number) + "' is not a corporate number: " +
      (verdict.status == grammars::ValueStatus::invalid_check_digit ? "wrong check digit, " : "") +
      verdict.reason;
  if (!verdict.suggestion.empty()) message += " (did you mean " + verdict.suggestion + "?)";
  throw HttpError(400,
                  verdict.status == grammars::ValueStatus::invalid_check_digit
                      ? "bad-check-digit"
                      : "bad-corporate-number",
                  message);
}

// A worker's lookups by number in a registry file read through one
// connection of its own, in one read transaction kept open between them for
// at most kHeldRead: a lookup then takes no lock and checks nothing of the
// file (SQLite's fcntl locks, its stat of the file, of -journal and -wal,
// and its read of the change counter, at every transaction). The
// transaction ends when it is older than that, when the snapshot changed,
// before the worker serves any other request (release_held_read, from the
// service's pre-routing) and when the worker is idle (the engine's
// on_worker_idle): an update of the file in place waits for it at most
// that long, and a lookup sees the file as it was at most that long ago.
constexpr std::chrono::milliseconds kHeldRead{20};
struct HeldRead {
  std::shared_ptr<const RegistrySnapshot> snapshot;
  std::optional<registries::RegistryRead> read;  // ends its transaction when reset
  std::chrono::steady_clock::time_point began;

  void release() {
    read.reset();
    snapshot.reset();
  }
  ~HeldRead() { release(); }
  // The worker's read of snapshot, in a read transaction.
  const registries::RegistryRead& reading(const std::shared_ptr<const RegistrySnapshot>& of) {
    assert(!of->on_server());
    const auto now = std::chrono::steady_clock::now();
    if (read && (snapshot != of || now - began >= kHeldRead)) release();
    if (!read) {
      read.emplace(of->registry());
      snapshot = of;
      began = now;
    }
    return *read;
  }
};
thread_local HeldRead held_read;

// Why the plain path could not read a corporation (a lock held past the
// busy timeout, …), kept for the route that answers the same request next
// on this worker: it throws it at once instead of waiting again.
struct PlainFailure {
  std::string number;
  std::exception_ptr error;
};
thread_local PlainFailure plain_failure;

void by_number(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/corporations/{number}");
  const std::string number = request.matches[1];
  require_corporate_number(number);
  const bool history = flag_parameter(request, "history");
  if (plain_failure.error && plain_failure.number == number && !history) {
    const std::exception_ptr error = std::exchange(plain_failure.error, nullptr);
    plain_failure.number.clear();
    std::rethrow_exception(error);
  }
  auto snapshot = corporation_snapshot(service);
  if (!history && !snapshot->on_server()) {
    houjin::HoujinRecord record;
    bool found = false;
    try {
      found = registries::CorporationReader(held_read.reading(snapshot)).find_into(number, record);
    } catch (...) {
      held_read.release();  // a failed read (a lock held too long) ends the transaction
      throw;
    }
    if (!found) throw HttpError(404, "corporation-not-found", number + " is not in the registry");
    // The text written directly (no JSON document built and dumped): the
    // same bytes, a fifth less CPU a lookup.
    answer.status = 200;
    answer.set_content(corporation_json_text(record) + "\n", kJsonType);
    return;
  }
  // The state and its history agree: one read transaction.
  const registries::RegistryRead read(
      snapshot->registry(),
      history ? RegistrySnapshot::Reads::several : RegistrySnapshot::Reads::one_statement);
  const registries::CorporationReader corporations(read);
  if (!history) {
    houjin::HoujinRecord record;
    if (!corporations.find_into(number, record)) {
      throw HttpError(404, "corporation-not-found", number + " is not in the registry");
    }
    // The text written directly (no JSON document built and dumped): the
    // same bytes, a fifth less CPU a lookup.
    answer.status = 200;
    answer.set_content(corporation_json_text(record) + "\n", kJsonType);
    return;
  }
  auto found = corporations.find(number);
  if (!found) throw HttpError(404, "corporation-not-found", number + " is not in the registry");
  Json json = {{"corporation", corporation_json(*found)}, {"history", Json::array()}};
  for (const auto& row : corporations.history(number)) {
    json["history"].push_back(corporation_json(row));
  }
  answer_json(answer, json);
}

// GET /v1/corporations?numbers=A,B,… (1 to kMostNumbers, as the NTA
// Web-API's /num): {"count","results","notFound"} — the corporations found,
// in the order asked, each as /v1/corporations/{number} answers it; the
// numbers the registry lacks (where that route answers 404) in notFound, in
// the order asked. A malformed number, none, or too many: 400 naming it.
constexpr std::size_t kMostNumbers = 10;
void by_numbers(const Service& service, const Request& request, Answer& answer) {
  const std::vector<std::string> numbers = list_parameter(request, "numbers");
  if (numbers.empty()) {
    throw HttpError(400, "missing-parameter",
                    "'numbers' names no corporate number: give 1 to " +
                        std::to_string(kMostNumbers) + ", separated by commas");
  }
  if (numbers.size() > kMostNumbers) {
    throw HttpError(400, "too-many-numbers",
                    "'numbers' names " + std::to_string(numbers.size()) +
                        " corporate numbers; at most " + std::to_string(kMostNumbers) +
                        " (the 11th is " + shown_text(numbers[kMostNumbers]) + ")");
  }
  for (const auto& number : numbers) require_corporate_number(number);
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry());  // one state for all of them
  const registries::CorporationReader corporations(read);
  Json results = Json::array();
  Json not_found = Json::array();
  for (const auto& number : numbers) {
    if (auto found = corporations.find(number)) {
      results.push_back(corporation_json(*found));
    } else {
      not_found.push_back(number);
    }
  }
  const std::size_t count = results.size();
  answer_json(
      answer,
      {{"count", count}, {"results", std::move(results)}, {"notFound", std::move(not_found)}});
}

void by_name(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/corporations");
  const bool by_number_list = request.has_param("numbers");
  houjin::NameQuery query;
  int given = by_number_list ? 1 : 0;
  for (auto [parameter, field] : {std::pair{"name", houjin::SearchField::name},
                                  std::pair{"furigana", houjin::SearchField::furigana},
                                  std::pair{"en_name", houjin::SearchField::en_name}}) {
    std::string text = text_parameter(request, parameter);
    if (text.empty()) continue;
    ++given;
    query.field = field;
    query.text = text;
  }
  if (given != 1) {
    throw HttpError(400, "missing-parameter",
                    "give exactly one of name, furigana, en_name, numbers");
  }
  if (by_number_list) {
    by_numbers(service, request, answer);
    return;
  }
  if (houjin::name_key(query.text).empty()) {
    throw HttpError(400, "empty-name",
                    "'" + shown_text(query.text) +
                        "' has nothing to search for once legal-form words (株式会社, (株), ...) "
                        "and spaces are removed");
  }
  query.prefecture = text_parameter(request, "pref");
  query.city = text_parameter(request, "city");
  query.kind = text_parameter(request, "kind");
  query.open_only = flag_parameter(request, "open_only");
  query.include_hidden = flag_parameter(request, "include_hidden");
  const std::int64_t most = service.options().max_results;
  const std::int64_t limit = integer_parameter(request, "limit", 20, 1, most);
  const std::int64_t offset = integer_parameter(request, "offset", 0, 0, most - 1);
  // The whole list a client can page through (offset + limit ≤ --max-results)
  // and one more: count is exact up to --max-results; beyond, it is that
  // many and countExact is false (docs/serve.md).
  query.limit = most + 1;
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry());
  auto matches = registries::CorporationReader(read).search(query);
  const bool count_exact = matches.size() <= static_cast<std::size_t>(most);
  const std::size_t count = std::min(matches.size(), static_cast<std::size_t>(most));
  Json results = Json::array();
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < matches.size() && results.size() < static_cast<std::size_t>(limit); ++i) {
    Json record = corporation_json(matches[i].record);
    record["match"] = std::string(houjin::match_kind_name(matches[i].match));
    results.push_back(std::move(record));
  }
  const bool more = matches.size() > static_cast<std::size_t>(offset + limit);
  answer_json(answer, {{"offset", offset},
                       {"limit", limit},
                       {"more", more},
                       {"count", count},
                       {"countExact", count_exact},
                       {"results", results}});
}

// True when name is one of the header fields a plain lookup may carry
// (any other — Origin, Connection, Accept-Encoding, Range, … — may change
// the answer: the routes answer that request), in any case.
bool plain_header(std::string_view name) {
  auto is = [&](std::string_view allowed) {
    return name.size() == allowed.size() &&
           std::equal(name.begin(), name.end(), allowed.begin(),
                      [](char a, char b) { return (a | 0x20) == b; });
  };
  return is("host") || is("user-agent") || is("accept");
}

}  // namespace

void release_held_read() {
  held_read.release();
}

bool plain_lookup_by_number(const Service& service, std::string_view head, std::string& body) {
  constexpr std::string_view kStart = "GET /v1/corporations/";
  constexpr std::string_view kVersion = " HTTP/1.1";
  constexpr std::size_t kDigits = 13;
  plain_failure = {};
  if (!head.starts_with(kStart)) return false;
  const std::size_t line_end = head.find("\r\n");
  if (line_end != kStart.size() + kDigits + kVersion.size() ||
      head.substr(kStart.size() + kDigits, kVersion.size()) != kVersion) {
    return false;
  }
  const std::string number(head.substr(kStart.size(), kDigits));
  for (std::size_t at = line_end + 2; at < head.size();) {
    const std::size_t end = head.find("\r\n", at);
    if (end == std::string_view::npos || end == at) break;  // the empty line: the head's end
    const std::size_t colon = head.find(':', at);
    if (colon == std::string_view::npos || colon > end ||
        !plain_header(head.substr(at, colon - at))) {
      return false;
    }
    at = end + 2;
  }
  if (!service.options().access_log.empty()) return false;  // the access log hook writes it
  auto snapshot = service.snapshot();
  if (!snapshot->has_corporations() || snapshot->on_server()) return false;
  if (!grammars::check_corporate_number(number).ok()) return false;
  houjin::HoujinRecord record;
  try {
    if (!registries::CorporationReader(held_read.reading(snapshot)).find_into(number, record))
      return false;
  } catch (...) {
    plain_failure = {number, std::current_exception()};
    held_read.release();
    return false;  // the route answers it: with this failure
  }
  take_route("/v1/corporations/{number}");
  body += corporation_json_text(record);
  body += '\n';
  return true;
}

std::shared_ptr<const RegistrySnapshot> corporation_snapshot(const Service& service) {
  auto snapshot = service.snapshot();
  if (!snapshot->has_corporations()) {
    throw HttpError(503, "no-corporation-data",
                    "the registry holds no 法人番号 data (build it with the National Tax "
                    "Agency's files: gifkit registry build --out DB …houjin…)");
  }
  return snapshot;
}

void add_corporation_routes(Routes& server, Service& service) {
  server.Get(R"(/v1/corporations/([^/]*))",
             registry_reads([&service](const Request& request, Answer& answer) {
               by_number(service, request, answer);
             }));
  server.Get("/v1/corporations", registry_reads([&service](const Request& request, Answer& answer) {
               by_name(service, request, answer);
             }));
}

}  // namespace gifkit::tools::serve

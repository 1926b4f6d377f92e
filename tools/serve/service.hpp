// service.hpp — `gifkit serve` as a library (GDAL style): ServiceOptions,
// and Service, which loads what the answers need (the registry snapshot,
// the models and code lists for validate), puts the routes in a route table
// (http/routes.hpp; routes_*.cpp, one file per group), writes every error as
// {"error":{"code","message"}} (http_answers.hpp), logs each request as a
// line of NDJSON, answers CORS (--cors-origin: the allowed origin on every
// answer, a preflight OPTIONS with 204), and swaps the registry when its
// file is replaced.
// The command (commands/serve.cpp) parses options and runs the engine
// (http/http_engine.hpp). Routes, limits and errors: docs/serve.md.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "registries/session/registry_watch.hpp"
#include "tools/dataset_options.hpp"
#include "tools/runtime_data.hpp"
#include "tools/serve/http/http_engine.hpp"
#include "tools/serve/http/routes.hpp"
#include "tools/serve/http_answers.hpp"
#include "tools/serve/registry_snapshot.hpp"
#include "tools/serve/request_body.hpp"

namespace gifkit::tools::serve {

struct ServiceOptions {
  std::filesystem::path registry;
  CommonOptions common;  // --models, --data
  // The largest request body: large enough for a 1,000,000-line batch.
  std::size_t max_body = std::size_t{256} << 20;
  // An .xlsx body's parts may each inflate to this many times max_body (all
  // together twice that: grammars::ReadLimits); beyond, 413 over-cap,
  // whatever sizes the zip's headers declare. Once: four times let one
  // sharedStrings part take a request to 2 GB and 24 s (issue #56).
  std::uint64_t inflated_per_body = 1;
  // --max-report: a validation's report (in memory up to spool_threshold,
  // in an unlinked temporary file beyond) may take this many bytes; past
  // them, 507 report-over-cap. A disk figure, apart from max_body: a report
  // runs about 100 times its body (5 MB of bad rows make 590 MB of json).
  std::uint64_t max_report = std::uint64_t{1} << 30;
  // Bodies up to this size stay in memory; larger ones are spooled to a file.
  std::size_t spool_threshold = std::size_t{1} << 20;
  std::size_t max_address_chars = 256;  // characters of one address
  // A request's work stops after this (a batch ends with an error line).
  std::chrono::milliseconds time_limit{60000};
  std::int64_t max_results = 1000;   // name search, town and change feed limits
  std::filesystem::path access_log;  // "" none; "-" stderr
  // --cors-origin: the origins (scheme://host[:port]) whose browsers may read
  // the answers, or "*" for any; none: no CORS header is ever sent.
  std::vector<std::string> cors_origins;
  int connections = 4;  // registry connections opened with a snapshot
  // A read that meets another process's write lock on a registry file waits
  // this long, then answers 503 registry-busy (SQLite's busy timeout).
  std::chrono::milliseconds busy_timeout{10000};
  // --address-cache-mb: the address matcher's budget of cities' places.
  std::size_t address_cache_bytes = registries::abr::AddressIndex::kDefaultCacheBytes;
};

class Service {
 public:
  // Loads the models, code lists, the kinds of change and the registry.
  // Throws RegistryError or std::runtime_error with a message for people.
  // Notes (what could not be loaded, and which checks are skipped) go to
  // notes.
  Service(ServiceOptions options, std::ostream& notes);
  ~Service();

  // Adds the routes, the hooks before routing (CORS), for errors and
  // exceptions, and the access log to server.
  void install(Routes& server);

  // Opens the registry again when its file is another one than the
  // snapshot's (renamed over it, rewritten) or its server's pointer names
  // another schema (a push, a rollback), or always when forced (SIGHUP).
  // When the new one cannot be opened, the old one stays (message to err).
  void refresh(bool forced, std::ostream& err);

  std::shared_ptr<const RegistrySnapshot> snapshot() const;
  const ServiceOptions& options() const { return options_; }
  const RuntimeData& runtime() const { return runtime_; }
  // The kinds of change of the 法人番号 change feed (/v1/changes).
  const registries::houjin::ChangeKinds& change_kinds() const { return change_kinds_; }
  // The models may gain nothing while serving: validate takes model ids only.
  models::ModelCatalog& catalog() { return runtime_.catalog; }
  // The private folders that bodies kept as files are written to (validate,
  // character check); they are removed with the service.
  BodyFolders& body_folders() const { return body_folders_; }
  // What looks damaged in the served registry file ("" when nothing does;
  // a registry on a PostgreSQL server is not looked at): /healthz's cheap
  // look through SQLite (registry_file_damage), made at most once a second
  // and one at a time (callers within the second get the last answer).
  std::string registry_damage() const;
  // "" when the registry is a file or its PostgreSQL server is reached,
  // else why the service cannot reach it now ("… the registry server is
  // unreachable …"; it is tried again with a backoff): /healthz's degraded.
  std::string registry_server_away() const;
  // The data folder (--data), found once when the service started.
  const std::filesystem::path& data() const { return settings_.data; }

  // Writes a line to the access log (a no-op without one).
  void log_request(const Request& request, int status);

 private:
  ServiceOptions options_;
  RuntimeData runtime_;
  registries::houjin::ChangeKinds change_kinds_;
  SnapshotSettings settings_;
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const RegistrySnapshot> snapshot_;
  std::uint64_t generation_ = 0;
  registries::RegistryWatch watch_;  // which version is current (refresh; its thread only)
  std::mutex refresh_mutex_;         // one refresh at a time
  std::mutex log_mutex_;
  std::FILE* log_ = nullptr;
  mutable BodyFolders body_folders_;  // its own lock
  mutable std::mutex damage_mutex_;   // guards the three below
  mutable std::chrono::steady_clock::time_point damage_seen_{};
  mutable std::string damage_;
  mutable std::uint64_t damage_turn_ = 0;
};

// A route's handler that reads the registry, run again when the registry was
// unavailable for a moment (RegistryUnavailable: a connection lost with a
// server's restart, a standby's read cancelled by its replay of a push):
// up to kRegistryTries times in all, after a pause that grows, each time on
// a connection of the service's current snapshot. The last failure goes to
// the exception handler (503 registry-unavailable, with Retry-After).
// A server away (RegistryServerAway: no connection could be made a moment
// ago) goes to the handler at once: the request does not wait for it.
inline constexpr int kRegistryTries = 4;
Routes::Handler registry_reads(Routes::Handler handler);

// The value of Access-Control-Allow-Origin for a request from origin (its
// Origin header, "" when none) under --cors-origin origins: origin itself
// when it is one of them, "*" when they hold "*", else "" (no CORS header).
std::string allowed_cors_origin(const std::vector<std::string>& origins, std::string_view origin);
// "" when text may be given to --cors-origin ("*", or scheme://host[:port]
// with scheme http or https and nothing after the port), else why not.
std::string cors_origin_problem(std::string_view text);

// The route groups (one file each).
void add_meta_routes(Routes& server, Service& service);
void add_corporation_routes(Routes& server, Service& service);
void add_change_routes(Routes& server, Service& service);
void add_address_routes(Routes& server, Service& service);
// GET /geocode: abr-geocoder's server route (routes_geocode.cpp).
void add_geocode_routes(Routes& server, Service& service);
void add_character_routes(Routes& server, Service& service);
void add_name_routes(Routes& server, Service& service);
void add_validate_routes(Routes& server, Service& service);
void add_nta_webapi_routes(Routes& server, Service& service);  // /4/num, /4/diff, /4/name

// Ends the calling worker's read transaction held between its lookups by
// number (routes_corporations.cpp), if it holds one: before it serves any
// other request, and when it is idle.
void release_held_read();

// The plain path of GET /v1/corporations/{number} (HttpEngine::plain_answer):
// given a request's head, appends to body the 200 answer's JSON and returns
// true when the request is GET /v1/corporations/ and 13 digits, HTTP/1.1,
// with no header field but Host, User-Agent and Accept, no access log is
// kept, the registry is a file, and it holds that corporation (its check
// digit right); false, body untouched, for every other request — the routes
// answer it, as before, with what the route answers. The same bytes as the
// route's answer (e2e 19.26).
bool plain_lookup_by_number(const Service& service, std::string_view head, std::string& body);

// The caps of an upload read as a workbook: its parts may inflate to
// inflated_per_body times --max-body (413 over-cap beyond).
grammars::ReadLimits upload_limits(const ServiceOptions& service);

// The parameters of the dataset-input options (tools/dataset_options.hpp)
// that the service takes for input — /v1/validate's encoding and sheet,
// /v1/characters/check's layout, encoding and sheet — read into options, in
// the command line's words. Throws HttpError 400 (bad-parameter) naming the
// parameter when one is refused.
void read_input_parameters(DatasetInput input, const Request& request,
                           models::DatasetReadOptions& options);

// The service's snapshot; throws HttpError 503 (no-corporation-data) when
// its registry holds no 法人番号 data (routes_corporations.cpp).
std::shared_ptr<const RegistrySnapshot> corporation_snapshot(const Service& service);

// Marks the request as taken by route (for the access log).
inline void take_route(std::string_view route) {
  current_request().route = route;
}

}  // namespace gifkit::tools::serve

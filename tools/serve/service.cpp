// service.cpp — see service.hpp.
#include "tools/serve/service.hpp"

#include <ctime>
#include <ostream>
#include <regex>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "registries/session/registry_session.hpp"
#include "tools/serve/http/request_framing.hpp"

namespace gifkit::tools::serve {

namespace {

// The generic answer to an error status that no handler explained (the
// parser's 400/413/414, an unknown route's 404).
void explain_status(const Request& request, Answer& answer, std::size_t max_body) {
  switch (answer.status) {
    case 400:
      answer_error(answer, 400, "bad-request",
                   "the request could not be read (malformed request line, header or body)");
      break;
    case 404:
      answer_error(answer, 404, "not-found",
                   "no route for " + request.method + " " + shown_text(request.path) +
                       " (the routes are listed at /openapi.json)");
      break;
    case 413:
      answer_error(answer, 413, "body-too-large", body_too_large_message(max_body));
      break;
    case 414:
      answer_error(answer, 414, "uri-too-long", uri_too_long_message(kMaxRequestLine));
      break;
    default:
      answer_error(answer, answer.status, "http-" + std::to_string(answer.status),
                   "the request failed with status " + std::to_string(answer.status));
  }
}

std::string utc_now_with_milliseconds() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  std::tm parts{};
  gmtime_r(&now.tv_sec, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  char millis[24];
  std::snprintf(millis, sizeof millis, ".%03ldZ", now.tv_nsec / 1000000);
  return std::string(text) + millis;
}

}  // namespace

Service::Service(ServiceOptions options, std::ostream& notes)
    : options_(std::move(options)), watch_(options_.registry.string()) {
  settings_.registry = options_.registry;
  settings_.models = options_.common.models();
  settings_.data = options_.common.data();
  settings_.tuning.max_address_chars = options_.max_address_chars;
  settings_.tuning.connections = options_.connections;
  settings_.tuning.busy_timeout_ms = static_cast<int>(options_.busy_timeout.count());
  settings_.tuning.address_cache_bytes = options_.address_cache_bytes;
  auto version = watch_.current();
  if (!version) {
    // Missing, or a server that cannot be reached or holds no registry:
    // opening it says which.
    registries::require_registry(options_.registry);
    throw registries::RegistryError(registries::redacted_registry_name(options_.registry.native()) +
                                    ": no such registry file");
  }
  snapshot_ = std::make_shared<RegistrySnapshot>(settings_, ++generation_, *version);
  // The notes say what the first snapshot's session checks characters with;
  // /v1/validate takes the character data of the snapshot it reads.
  if (!load_runtime_data(options_.common, runtime_, notes, &snapshot_->session())) {
    throw std::runtime_error("cannot load the models from " + options_.common.models().string());
  }
  std::ostringstream kind_errors;
  if (!load_change_kinds(options_.common, change_kinds_, kind_errors, "gifkit serve")) {
    throw std::runtime_error("cannot load the kinds of change:\n" + kind_errors.str());
  }
  for (const auto& note : runtime_.notes) notes << "gifkit serve: note: " << note << "\n";
  if (!options_.access_log.empty()) {
    log_ = options_.access_log == "-" ? stderr : std::fopen(options_.access_log.c_str(), "a");
    if (log_ == nullptr) {
      throw std::runtime_error("cannot open the access log " + options_.access_log.string());
    }
  }
}

Service::~Service() {
  if (log_ != nullptr && log_ != stderr) std::fclose(log_);
}

std::shared_ptr<const RegistrySnapshot> Service::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

void Service::refresh(bool forced, std::ostream& err) {
  std::lock_guard one_at_a_time(refresh_mutex_);
  auto current = snapshot();
  auto version = watch_.current();
  if (!version) {
    // Deleted (or being replaced), or the server is away: keep answering
    // from the open snapshot (on a server, requests get 503 until it is back).
    if (forced)
      err << "gifkit serve: " << registries::redacted_registry_name(options_.registry.native())
          << " is " << (current->on_server() ? "not reachable" : "gone") << "; still serving "
          << "generation " << current->generation() << "\n";
    return;
  }
  if (!forced && *version == current->version()) return;
  try {
    auto fresh = std::make_shared<RegistrySnapshot>(settings_, generation_ + 1, *version);
    ++generation_;
    {
      std::lock_guard lock(snapshot_mutex_);
      snapshot_ = fresh;
    }
    const std::string name = registries::redacted_registry_name(options_.registry.native());
    err << "gifkit serve: opened " << name << " again (generation " << fresh->generation()
        << (fresh->on_server() ? ", schema " + fresh->pg_schema() : std::string()) << ", data date "
        << fresh->info().value("dataDate", std::string()) << ")\n";
  } catch (const std::exception& error) {
    err << "gifkit serve: cannot open the new "
        << registries::redacted_registry_name(options_.registry.native()) << " (" << error.what()
        << "); still serving generation " << current->generation() << "\n";
  }
}

std::string Service::registry_damage() const {
  std::lock_guard lock(damage_mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (damage_turn_ > 0 && now - damage_seen_ < std::chrono::seconds(1)) return damage_;
  damage_ = registries::registry_file_damage(options_.registry, damage_turn_++);
  damage_seen_ = now;
  return damage_;
}

std::string Service::registry_server_away() const {
  if (!snapshot()->on_server()) return "";
  return snapshot()->without_path(registries::registry_server_away(options_.registry));
}

Routes::Handler registry_reads(Routes::Handler handler) {
  return [handler = std::move(handler)](const Request& request, Answer& answer) {
    const Headers before = answer.headers;  // CORS, set before routing
    for (int attempt = 1;; ++attempt) {
      try {
        handler(request, answer);
        return;
      } catch (const registries::RegistryServerAway&) {
        throw;  // the server is away: no try would reach it now
      } catch (const registries::RegistryUnavailable&) {
        if (attempt == kRegistryTries) throw;
        answer.status = 0;
        answer.headers = before;
        answer.body.clear();
        // 20, 80, 320 ms: a restart's or a replay's moment passes.
        std::this_thread::sleep_for(std::chrono::milliseconds(20 << (2 * (attempt - 1))));
      }
    }
  };
}

grammars::ReadLimits upload_limits(const ServiceOptions& service) {
  grammars::ReadLimits limits =
      grammars::ReadLimits::with_part_cap(service.inflated_per_body * service.max_body);
  limits.raise_size_hint =
      "the server's cap: " +
      (service.inflated_per_body == 1 ? std::string("its")
                                      : std::to_string(service.inflated_per_body) + " times its") +
      " --max-body of " + grammars::ReadLimits::size_text(service.max_body);
  limits.raise_attributes_hint = "the server's cap";
  return limits;
}

void read_input_parameters(DatasetInput input, const Request& request,
                           models::DatasetReadOptions& options) {
  auto parameter = [&request](const std::string& name) { return text_parameter(request, name); };
  if (auto problem = tools::read_dataset_parameters(input, parameter, options)) {
    throw HttpError(400, "bad-parameter", *problem);
  }
}

std::string allowed_cors_origin(const std::vector<std::string>& origins, std::string_view origin) {
  if (origin.empty()) return std::string();
  bool any = false;
  for (const auto& allowed : origins) {
    if (allowed == origin) return allowed;
    any = any || allowed == "*";
  }
  return any ? "*" : std::string();
}

std::string cors_origin_problem(std::string_view text) {
  if (text == "*") return std::string();
  std::string_view rest = text;
  if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else {
    return "'" + std::string(text) +
           "' is no origin: give * or scheme://host[:port] "
           "(http or https, e.g. https://example.jp)";
  }
  if (rest.empty() || rest.find_first_of("/?#@ \t") != std::string_view::npos) {
    return "'" + std::string(text) +
           "' is no origin: scheme://host[:port] with no path, "
           "query or user (e.g. https://example.jp:8443)";
  }
  return std::string();
}

namespace {

// Before routing: the CORS headers of an allowed origin on every answer
// (errors too), and a preflight (OPTIONS with Access-Control-Request-Method)
// from an allowed origin answered 204 here. Without --cors-origin, nothing.
// True when it answered (a preflight).
std::function<bool(const Request&, Answer&)> cors_answers(std::vector<std::string> origins) {
  return [origins = std::move(origins)](const Request& request, Answer& answer) {
    const std::string allowed = allowed_cors_origin(origins, request.header("Origin"));
    if (allowed.empty()) return false;
    answer.set_header("Access-Control-Allow-Origin", allowed);
    if (allowed != "*") answer.set_header("Vary", "Origin");
    answer.set_header("Access-Control-Expose-Headers", "X-Gifkit-Valid, Retry-After");
    if (request.method != "OPTIONS" || !request.has_header("Access-Control-Request-Method")) {
      return false;
    }
    take_route("OPTIONS");
    answer.status = 204;
    answer.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    answer.set_header("Access-Control-Allow-Headers", "Content-Type");
    answer.set_header("Access-Control-Max-Age", "600");
    return true;
  };
}

}  // namespace

void Service::install(Routes& server) {
  // Before routing: a request that is no lookup by number ends the read
  // transaction its worker held for those (it may take long); then CORS.
  std::function<bool(const Request&, Answer&)> cors;
  if (!options_.cors_origins.empty()) cors = cors_answers(options_.cors_origins);
  server.before_routing = [cors = std::move(cors)](const Request& request, Answer& answer) {
    if (!request.path.starts_with("/v1/corporations/")) release_held_read();
    return cors ? cors(request, answer) : false;
  };
  server.on_exception = [this](const Request&, Answer& answer, std::exception_ptr thrown) {
    try {
      std::rethrow_exception(thrown);
    } catch (const HttpError& error) {
      answer_error(answer, error.status(), error.code(), error.what());
    } catch (const registries::RegistryLocked& error) {
      // Another process holds the file's lock longer than the busy timeout
      // (an update, a backup, a sqlite3 shell): the statement was reset, so
      // the same request succeeds once the lock is gone.
      answer_error(answer, 503, "registry-busy", snapshot()->without_path(error.what()));
      answer.set_header("Retry-After", "1");
    } catch (const registries::RegistryServerAway& error) {
      // The registry's server is away: answered at once, asked again when
      // the service tries it next.
      answer_error(answer, 503, "registry-unavailable", snapshot()->without_path(error.what()));
      answer.set_header("Retry-After", std::to_string(error.retry_after_seconds()));
    } catch (const registries::RegistryUnavailable& error) {
      answer_error(answer, 503, "registry-unavailable", snapshot()->without_path(error.what()));
      answer.set_header("Retry-After", "1");
    } catch (const registries::RegistryError& error) {
      // Not the server away (that is RegistryUnavailable): the registry
      // itself failed this request; asking again will not help.
      answer_error(answer, 500, "registry-error", snapshot()->without_path(error.what()));
    } catch (const std::bad_alloc&) {
      answer_error(answer, 503, "out-of-memory", "the server ran out of memory for this request");
    } catch (const std::exception& error) {
      answer_error(answer, 500, "internal", error.what());
    } catch (...) {
      answer_error(answer, 500, "internal", "unknown failure");
    }
  };
  // The access log: none is written without --access-log.
  if (log_ != nullptr) {
    server.after_answer = [this](const Request& request, int status) {
      log_request(request, status);
    };
  }
  add_meta_routes(server, *this);
  add_corporation_routes(server, *this);
  add_change_routes(server, *this);
  add_address_routes(server, *this);
  add_geocode_routes(server, *this);
  add_character_routes(server, *this);
  add_name_routes(server, *this);
  add_validate_routes(server, *this);
  add_nta_webapi_routes(server, *this);
  // An error no handler explained; a path that a route of another method
  // takes is 405 with Allow (RFC 9110 §15.5.6), not 404.
  std::vector<std::pair<std::regex, std::string>> routes;
  for (const auto& route : server.routes()) routes.emplace_back(route.pattern, route.method);
  const std::size_t max_body = options_.max_body;
  server.on_error_status = [max_body, routes = std::move(routes)](const Request& request,
                                                                  Answer& answer) {
    if (!answer.body.empty()) return false;
    if (answer.status == 404) {
      std::string allow;
      for (const auto& [pattern, method] : routes) {
        if (!std::regex_match(request.path, pattern)) continue;
        const std::string methods = method == "GET" ? "GET, HEAD" : method;
        if (allow.find(methods) == std::string::npos)
          allow += (allow.empty() ? "" : ", ") + methods;
      }
      if (!allow.empty()) {
        answer_error(answer, 405, "method-not-allowed",
                     request.method + " is not a method of " + shown_text(request.path) +
                         " (it takes " + allow + ")");
        answer.set_header("Allow", allow);
        return true;
      }
    }
    explain_status(request, answer, max_body);
    return true;
  };
}

void Service::log_request(const Request& request, int status) {
  if (log_ == nullptr) return;
  const auto& meter = current_request();
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - meter.started)
          .count();
  std::string line = "{\"time\":\"" + utc_now_with_milliseconds() + "\",\"method\":";
  append_json_string(line, request.method.substr(0, 16));
  line += ",\"path\":";
  append_json_string(line, shown_text(request.path));
  line += ",\"route\":";
  if (meter.route.empty()) {
    line += "null";
  } else {
    append_json_string(line, meter.route);
  }
  line += ",\"status\":" + std::to_string(status) + ",\"duration_ms\":";
  append_json_number(line,
                     static_cast<double>(static_cast<std::int64_t>(milliseconds * 1000)) / 1000);
  line += ",\"bytes\":" + std::to_string(meter.bytes_written) + "}\n";
  std::lock_guard lock(log_mutex_);
  std::fwrite(line.data(), 1, line.size(), log_);
  std::fflush(log_);
}

}  // namespace gifkit::tools::serve

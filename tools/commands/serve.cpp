// serve.cpp — `gifkit serve --registry DB [--bind 127.0.0.1]
// [--port 8080] [--threads N] [--access-log FILE] [limits]`: the registry
// lookup service over HTTP/JSON, with a page for people at /. A thin
// command: tools/serve/service.hpp answers, tools/serve/http/http_engine.hpp
// carries the connections. Stops gracefully on SIGTERM/SIGINT; opens the
// registry again on SIGHUP or when its file is replaced. See docs/serve.md.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <ostream>

#include "registries/session/registry_session.hpp"
#include "tools/command.hpp"
#include "tools/registry_option.hpp"
#include "tools/serve/http/http_engine.hpp"
#include "tools/serve/request_body.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools {

namespace {

constexpr int kOwnMappingBytes = 1 << 20;

class ServeCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    // The service opens its sessions itself, one per served snapshot (a
    // SIGHUP or a replaced file opens the next): RegistryOption declares
    // the option only.
    registry_.add_to(app)->required();
    registry_.add_address_cache(app);
    app.add_option("--bind", engine_.bind, "address to listen on (default 127.0.0.1)");
    app.add_option("--port", engine_.port, "port to listen on (default 8080; 0: any free port)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--threads", engine_.threads, "worker threads (default: 2 per core, at least 4)")
        ->check(CLI::Range(1, 1024));
    app.add_option("--access-log", access_log_,
                   "append one NDJSON line per request (time, route, status, duration, bytes; "
                   "never a body) to FILE ('-': stderr)");
    app.add_option("--max-body", max_body_mib_,
                   "largest request body in MiB (default 256: a 1,000,000-line batch)")
        ->check(CLI::Range(1, 1 << 20));
    app.add_option("--max-report", max_report_mib_,
                   "largest validation report in MiB (default 1024), kept in a temporary file "
                   "past 1 MiB, never in memory: a disk figure, apart from --max-body (a report "
                   "runs about 100 times its body); beyond, 507 report-over-cap")
        ->check(CLI::Range(1, 1 << 24));
    app.add_option("--max-address-length", service_.max_address_chars,
                   "longest address in characters (default 256)")
        ->check(CLI::Range(1, 100000));
    app.add_option("--time-limit", time_limit_ms_,
                   "milliseconds one request may work (default 60000); a batch is cut off there")
        ->check(CLI::Range(1, 24 * 3600 * 1000));
    app.add_option("--max-connections", engine_.max_connections,
                   "open connections at most (default 1000); beyond, the connection that has "
                   "waited longest (a second at least) for a request is closed, or when none "
                   "has, the new one gets 503 and is closed at once")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--max-connections-per-address", engine_.max_connections_per_address,
                   "open connections from one client address (IPv6: its /64) at most (default "
                   "64); beyond, a "
                   "connection gets 503 and is closed at once")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--max-idle-connections", engine_.max_idle_connections,
                   "connections waiting for a request (idle, or sending its head) at most "
                   "(default: half of --max-connections); beyond, the one that has waited "
                   "longest is closed")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--shutdown-grace", grace_ms_,
                   "milliseconds SIGTERM/SIGINT lets requests under way finish (default 30000); "
                   "then the server ends, cutting off what still runs")
        ->check(CLI::Range(0, 3600 * 1000));
    app.add_option("--keep-alive-timeout", keep_alive_ms_,
                   "milliseconds an idle connection stays open (default 5000)")
        ->check(CLI::Range(1, 3600 * 1000));
    app.add_option("--request-timeout", arrival_ms_,
                   "milliseconds a request may take to arrive (default 60000; slow clients are "
                   "cut off)")
        ->check(CLI::Range(1, 3600 * 1000));
    app.add_option("--busy-timeout", busy_timeout_ms_,
                   "milliseconds a read waits for another process's write lock on the registry "
                   "file (default 10000); then 503 registry-busy with Retry-After")
        ->check(CLI::Range(0, 3600 * 1000));
    app.add_option("--max-results", service_.max_results,
                   "most results a search or the change feed answers, and how far a name "
                   "search's count is exact (default 1000)")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--cors-origin", service_.cors_origins,
                   "let browsers of this origin (scheme://host[:port], or * for any) read the "
                   "answers: Access-Control-Allow-Origin on answers to its requests and its "
                   "preflight OPTIONS answered (repeatable; default: no CORS headers)")
        ->check([](const std::string& text) { return serve::cors_origin_problem(text); });
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    service_.registry = registry_.location();
    service_.common = common_;
    service_.max_body = max_body_mib_ << 20;
    engine_.max_body = service_.max_body;
    service_.max_report = std::uint64_t{max_report_mib_} << 20;
    service_.time_limit = std::chrono::milliseconds(time_limit_ms_);
    service_.access_log = access_log_;
    service_.busy_timeout = std::chrono::milliseconds(busy_timeout_ms_);
    service_.address_cache_bytes = registry_.address_cache_bytes();
    engine_.keep_alive_timeout = std::chrono::milliseconds(keep_alive_ms_);
    engine_.request_arrival_limit = std::chrono::milliseconds(arrival_ms_);
    engine_.shutdown_grace = std::chrono::milliseconds(grace_ms_);
    // One registry connection per worker, opened with the snapshot.
    service_.connections = serve::worker_count(engine_.threads);
    serve::block_stop_signals();             // before any thread starts
    serve::remove_abandoned_body_folders();  // what a killed server left
    // Blocks of 1 MiB or more (a report, a spooled body, a workbook's shared
    // strings) are mapped on their own and go back to the system when freed,
    // not kept in an arena (glibc's threshold otherwise grows to 32 MiB).
    ::mallopt(M_MMAP_THRESHOLD, kOwnMappingBytes);
    std::unique_ptr<serve::Service> service;
    try {
      service = std::make_unique<serve::Service>(service_, context.err);
    } catch (const std::exception& error) {
      context.err << "gifkit serve: " << error.what() << "\n";
      return kExitUsage;
    }
    serve::Routes routes;
    service->install(routes);
    serve::HttpEngine engine(routes, engine_);
    try {
      engine.bind();
    } catch (const std::exception& error) {
      context.err << "gifkit serve: " << error.what() << "\n";
      return kExitUsage;
    }
    engine.on_hangup = [&] { service->refresh(true, context.err); };
    engine.on_tick = [&] { service->refresh(false, context.err); };
    engine.on_worker_idle = [] { serve::release_held_read(); };
    engine.plain_answer = [&](std::string_view head, std::string& body) {
      return serve::plain_lookup_by_number(*service, head, body);
    };
    context.err << "gifkit serve: listening on http://" << engine_.bind << ":" << engine.port()
                << "/ (registry " << registries::redacted_registry_name(registry_.location())
                << ", data date " << service->snapshot()->info().value("dataDate", std::string())
                << ")" << std::endl;
    const std::size_t cut_off = engine.run();
    context.err << "gifkit serve: stopped after " << engine.stats().requests << " requests";
    if (cut_off > 0) {
      // Workers still serving at the grace's end use the service: the
      // process ends here, without destroying it (the access log is written
      // line by line; bodies kept as files are removed at the next start).
      context.err << "; cut off at the end of the " << grace_ms_ << " ms grace: " << cut_off
                  << " request" << (cut_off == 1 ? "" : "s") << " under way" << std::endl;
      std::_Exit(kExitOk);
    }
    context.err << std::endl;
    return kExitOk;
  }

 private:
  RegistryOption registry_;
  std::string access_log_;
  std::size_t max_body_mib_ = 256;
  std::uint32_t max_report_mib_ = serve::ServiceOptions{}.max_report >> 20;
  std::int64_t time_limit_ms_ = 60000;
  std::int64_t keep_alive_ms_ = 5000;
  std::int64_t arrival_ms_ = 60000;
  std::int64_t grace_ms_ = 30000;
  std::int64_t busy_timeout_ms_ = serve::ServiceOptions{}.busy_timeout.count();
  serve::HttpEngineOptions engine_;
  serve::ServiceOptions service_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() {
  return std::make_unique<ServeCommand>();
}

}  // namespace gifkit::tools

// routes_meta.cpp — the routes about the service itself: GET /healthz and
// GET /health (one handler: is it up, which registry generation, does its
// file look whole: Service::registry_damage, is its server reached:
// Service::registry_server_away), GET /v1/registry (sources, data
// dates, gifkit version: how fresh the answers are), GET /v1/models (the models a validation may
// name), GET /openapi.json (the API's OpenAPI 3.1 document) and the page for people at /
// (index.html, app.js, style.css, embedded in the binary).
#include "tools/command.hpp"
#include "tools/serve/embedded_files.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

// Serves the embedded file name as type at path.
void serve_embedded(Routes& server, const std::string& path, std::string_view name,
                    const char* type) {
  server.Get(path, [path, name, type](const Request&, Answer& answer) {
    take_route(path);
    auto content = embedded_file(name);
    if (!content) throw HttpError(404, "not-found", "this build has no " + std::string(name));
    answer.set_content(std::string(*content), type);
    answer.set_header("Cache-Control", "no-cache");
    answer.set_header("X-Content-Type-Options", "nosniff");
  });
}

}  // namespace

void add_meta_routes(Routes& server, Service& service) {
  // /health as well as /healthz: the name load balancers and abr-geocoder's
  // clients ask for; the same answer.
  for (const char* route : {"/healthz", "/health"}) {
    server.Get(route, [&service, route](const Request&, Answer& answer) {
      take_route(route);
      auto snapshot = service.snapshot();
      // The registry file damaged, cut short, deleted or replaced by no
      // registry (Service::registry_damage): degraded, 503, so that a load
      // balancer sends the requests elsewhere.
      // Its PostgreSQL server away: degraded too (what the service holds
      // in memory still answers; the rest answers 503 until it is back).
      std::string damage = service.registry_damage();
      if (damage.empty()) damage = service.registry_server_away();
      Json health = {{"status", damage.empty() ? "ok" : "degraded"},
                     {"generation", snapshot->generation()},
                     {"dataDate", snapshot->info().value("dataDate", std::string())},
                     {"corporations", snapshot->has_corporations()},
                     {"addresses", snapshot->has_addresses()},
                     {"characters", snapshot->has_characters()},
                     // What the build recorded (registry_info_json's completeness): an
                     // incomplete registry still answers, ok.
                     {"sourceSet", snapshot->info()
                                       .value("completeness", Json::object())
                                       .value("state", std::string("not-recorded"))}};
      if (!damage.empty()) health["problem"] = damage;
      answer_json(answer, health, damage.empty() ? 200 : 503);
    });
  }
  server.Get("/v1/registry", [&service](const Request&, Answer& answer) {
    take_route("/v1/registry");
    auto snapshot = service.snapshot();
    Json info = snapshot->info();
    info["gifkitVersion"] = std::string(gifkit_version());
    answer_json(answer, info);
  });
  // The models a validation may name (?model=): what the page offers when no
  // model fits a file.
  server.Get("/v1/models", [&service](const Request&, Answer& answer) {
    take_route("/v1/models");
    Json models = Json::array();
    for (const models::Model* model : service.catalog().models()) {
      models.push_back({{"id", model->id},
                        {"label", model->label},
                        {"fileName", model->file_name},
                        {"partial", model->partial},
                        {"items", model->fields.size()}});
    }
    answer_json(answer, Json{{"models", std::move(models)}});
  });
  serve_embedded(server, "/openapi.json", "openapi.json", kJsonType);
  serve_embedded(server, "/", "index.html", "text/html; charset=utf-8");
  serve_embedded(server, "/app.js", "app.js", "text/javascript; charset=utf-8");
  serve_embedded(server, "/style.css", "style.css", "text/css; charset=utf-8");
}

}  // namespace gifkit::tools::serve

// routes_changes.cpp — GET /v1/changes?since=&until=&by=&kind=&pref=&limit=&offset=:
// the 法人番号 change feed (registries/houjin/changes/change_feed.hpp), the same
// function, checks and view as `gifkit registry changes`, a page of events
// in the envelope {offset, limit, more, count, results} of /v1/corporations
// (count null when the feed was too long to count in half the time limit:
// count_at_least says how many the walk saw).
#include "registries/houjin/changes/change_feed.hpp"
#include "tools/output/change_view.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace houjin = gifkit::registries::houjin;

// The farthest page start: a client pages further by narrowing since/until.
constexpr std::int64_t kMaxOffset = 1000000;

houjin::ChangeFeedOptions feed_options(const Request& request, const houjin::ChangeKinds& kinds) {
  houjin::ChangeFeedOptions options;
  options.since = text_parameter(request, "since");
  if (options.since.empty())
    throw HttpError(400, "missing-parameter", "'since' is required: the first date, YYYY-MM-DD");
  options.until = text_parameter(request, "until");
  const std::string by = text_parameter(request, "by");
  if (!by.empty()) {
    auto parsed = houjin::parse_change_date(by);
    if (!parsed) {
      throw HttpError(400, "bad-parameter",
                      "'by' is '" + shown_text(by) + "'; it must be update or change");
    }
    options.by = *parsed;
  }
  options.kinds = list_parameter(request, "kind");
  options.prefectures = list_parameter(request, "pref");
  if (auto problem = houjin::check_change_feed_options(options, kinds)) {
    throw HttpError(400, "bad-parameter",
                    "'" + problem->option + "': " + shown_text(problem->message));
  }
  return options;
}

void changes(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/changes");
  houjin::ChangeFeedOptions options = feed_options(request, service.change_kinds());
  const std::int64_t limit =
      integer_parameter(request, "limit", 100, 1, service.options().max_results);
  const std::int64_t offset = integer_parameter(request, "offset", 0, 0, kMaxOffset);
  const auto deadline = current_request().started + service.options().time_limit;
  options.keep_going = [deadline] { return std::chrono::steady_clock::now() < deadline; };
  // The events after the page are counted for half the time limit at most: a
  // feed longer than that answers count null and count_at_least.
  const auto count_deadline = current_request().started + service.options().time_limit / 2;
  const auto keep_counting = [count_deadline] {
    return std::chrono::steady_clock::now() < count_deadline;
  };
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry());
  const registries::CorporationReader corporations(read);
  // A registry whose snapshot counted no history rows holds no feed (503,
  // saying why); any other failure to read it is the registry's own (a
  // damaged file: 500 registry-error, from the exception handler).
  const Json::json_pointer history_rows("/tables/corporation_history");
  if (snapshot->info().value(history_rows, std::int64_t{0}) == 0) {
    try {
      corporations.require_history();
    } catch (const registries::RegistryUnavailable&) {
      throw;
    } catch (const registries::RegistryLocked&) {
      throw;
    } catch (const registries::RegistryError& error) {
      throw HttpError(503, "no-corporation-data", snapshot->without_path(error.what()));
    }
  }
  houjin::ChangeFeedPage page;
  try {
    page = corporations.change_page(service.change_kinds(), options,
                                    static_cast<std::uint64_t>(offset),
                                    static_cast<std::uint64_t>(limit), keep_counting);
  } catch (const houjin::ChangeFeedStopped& stopped) {
    throw HttpError(503, "time-limit",
                    "the change feed took longer than the server's --time-limit (" +
                        std::to_string(service.options().time_limit.count()) +
                        " ms) and was stopped after " + std::to_string(stopped.rows) +
                        " rows; narrow since and until, or use `gifkit registry changes`");
  }
  Json results = Json::array();
  for (const auto& event : page.events) results.push_back(change_json(event));
  answer_json(answer, {{"offset", offset},
                       {"limit", limit},
                       {"more", page.more},
                       {"count", page.total ? Json(*page.total) : Json(nullptr)},
                       {"count_at_least", page.total_at_least},
                       {"results", results}});
}

}  // namespace

void add_change_routes(Routes& server, Service& service) {
  server.Get("/v1/changes", registry_reads([&service](const Request& request, Answer& answer) {
               changes(service, request, answer);
             }));
}

}  // namespace gifkit::tools::serve

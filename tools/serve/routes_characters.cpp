// routes_characters.cpp — the character routes, answered from the registry's
// character data (MJ, JIS X 0213, the NTA's 縮退 map): GET
// /v1/characters/{key} with `gifkit lookup char`'s keys (the character, U+,
// an IVS sequence, an MJ number, a 面区点) and ?to=SET, and POST
// /v1/characters/check?charset=SET (a text, CSV or TSV body, read as the
// command reads it: layout, encoding and sheet are its --as, --encoding and
// --sheet, tools/dataset_options.hpp; the findings as `gifkit chars check
// --format json` writes them). 503 when the registry holds no character data.
#include <cstdint>
#include <sstream>

#include "grammars/io/read_limits.hpp"
#include "models/engine/chars/chars_check.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/named_sets.hpp"
#include "tools/output/character_view.hpp"
#include "tools/output/chars_check_view.hpp"
#include "tools/serve/request_body.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace moji = gifkit::registries::moji;

std::shared_ptr<const RegistrySnapshot> character_snapshot(const Service& service) {
  auto snapshot = service.snapshot();
  if (!snapshot->has_characters()) {
    throw HttpError(503, "no-character-data",
                    "the registry holds no character data (build it with the files of "
                    "../shared/data/moji: gifkit registry build --out DB …/moji)");
  }
  return snapshot;
}

// The sets for a set name given as parameter name (default jisx0208): 400
// when it is not a built-in set name (a file is never read).
const CharacterSetsInUse& sets_named(const RegistrySnapshot& snapshot, const Request& request,
                                     const std::string& name) {
  std::string set = text_parameter(request, name);
  if (set.empty()) set = "jisx0208";
  if (!moji::is_named_set(set)) {
    std::string names;
    for (const auto& info : moji::named_sets())
      names += (names.empty() ? "" : ", ") + std::string(info.name);
    throw HttpError(400, "unknown-charset",
                    "'" + shown_text(set) + "' is not a character set name: " + names);
  }
  return snapshot.character_sets(set);
}

void lookup(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/characters/{key}");
  const std::string key = request.matches[1];
  require_utf8(key, "the key");
  auto snapshot = character_snapshot(service);
  const auto& sets = sets_named(*snapshot, request, "to");
  auto resolved = moji::resolve_character_key(snapshot->characters(), key);
  resolved.message = snapshot->without_path(resolved.message);
  if (resolved.status == moji::CharacterKey::Status::malformed) {
    throw HttpError(400, "bad-character-key", resolved.message);
  }
  if (resolved.status == moji::CharacterKey::Status::not_found) {
    throw HttpError(404, "character-not-found", resolved.message);
  }
  CharacterView view(snapshot->characters(), sets);
  answer_json(answer, view.json(key, resolved.text));
}

void check(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/characters/check");
  auto snapshot = character_snapshot(service);
  const auto& sets = sets_named(*snapshot, request, "charset");
  models::TextCheckOptions options;
  // layout, encoding and sheet: read as `gifkit chars check` reads --as,
  // --encoding and --sheet; a workbook's caps are the server's.
  options.reading.limits = upload_limits(service.options());
  read_input_parameters(DatasetInput::texts, request, options.reading);
  options.columns = list_parameter(request, "columns");
  SpooledBody body(request.body, service.options().spool_threshold, service.options().max_body);
  const std::string type = request.header("Content-Type");
  const char* name = type.rfind("text/csv", 0) == 0                    ? "body.csv"
                     : type.rfind("text/tab-separated-values", 0) == 0 ? "body.tsv"
                                                                       : "body.txt";
  BodyFile file(service.body_folders(), body, name);
  // The findings, written within the time limit (the checker streams them),
  // in memory up to the spool threshold and in a temporary file past it,
  // --max-report at most (a finding's context runs several times its text),
  // naming the body as the client did, never the server's folder.
  AnswerText out(current_request().started + service.options().time_limit,
                 service.options().spool_threshold, service.options().max_report);
  out.hide(file.folder_text());
  auto writer = make_chars_check_writer(OutputFormat::json, out, false);
  models::TextChecker checker(snapshot->characters(), sets.target, options);
  try {
    checker.check_file(file.path().string(), *writer);
    writer->finish(checker);
  } catch (const std::ios_base::failure&) {
    if (out.over_cap()) {
      throw HttpError(507, "report-over-cap",
                      "the findings pass the server's --max-report (" +
                          grammars::ReadLimits::size_text(service.options().max_report) +
                          "); check a large text with `gifkit chars check`, or start the server "
                          "with a larger --max-report");
    }
    if (!out.past_deadline()) throw;
    throw HttpError(503, "time-limit",
                    "the check took longer than the server's --time-limit (" +
                        std::to_string(service.options().time_limit.count()) +
                        " ms); check a large text with `gifkit chars check`");
  }
  const auto& totals = checker.totals();
  if (totals.unknown_columns > 0) {
    throw HttpError(400, "unknown-column", "a column of 'columns' is not in the body's header");
  }
  out.answer(answer, kJsonType);
}

}  // namespace

void add_character_routes(Routes& server, Service& service) {
  server.Post("/v1/characters/check", [&service](const Request& request, Answer& answer) {
    check(service, request, answer);
  });
  server.Get(R"(/v1/characters/(.+))", [&service](const Request& request, Answer& answer) {
    lookup(service, request, answer);
  });
}

}  // namespace gifkit::tools::serve

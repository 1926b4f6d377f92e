// routes_names.cpp — the name route: GET /v1/names/reading?name=…&kana=…
// [&part=family|given|full] — whether the カナ is a plausible reading of a
// person's name, by the judgement validate, link, transform's review and
// `gifkit lookup reading` make (models/engine/checks/name_reading.hpp), with
// the characters of the snapshot's session (the registry's character data,
// else the data folder's) and the name dictionaries installed on the host;
// the answer is lookup reading's JSON (tools/output/reading_view.hpp).
#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "models/session/session_lookup.hpp"
#include "tools/output/reading_view.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

// The most bytes a name or a カナ may have: a person's name is short, and the
// judgement's work grows with its length.
constexpr std::size_t kMostNameBytes = 1024;

std::string name_parameter(const Request& request, const std::string& which) {
  std::string value = text_parameter(request, which);
  if (value.empty())
    throw HttpError(400, "missing-parameter", "give ?name=…&kana=…: " + which + " is missing");
  if (value.size() > kMostNameBytes)
    throw HttpError(400, "bad-parameter",
                    which + " has " + std::to_string(value.size()) + " bytes; a name of at most " +
                        std::to_string(kMostNameBytes) + " is judged");
  return value;
}

void reading(const Service& service, const Request& request, Answer& answer) {
  take_route("/v1/names/reading");
  const std::string name = name_parameter(request, "name");
  const std::string kana = name_parameter(request, "kana");
  const std::string part_word = text_parameter(request, "part");
  const auto part =
      part_word.empty() ? std::optional(grammars::NamePart::full) : parse_name_part(part_word);
  if (!part)
    throw HttpError(400, "bad-parameter",
                    "part is family, given or full, not '" + shown_text(part_word) + "'");
  auto snapshot = service.snapshot();
  const std::unique_ptr<models::SessionLookup> characters = snapshot->session().lookup();
  const models::ReadingResult result = models::judge_name_reading(
      grammars::default_name_readings(), characters.get(), name, kana, *part);
  answer_json(answer, reading_json(name, kana, *part, result));
}

}  // namespace

void add_name_routes(Routes& server, Service& service) {
  server.Get("/v1/names/reading", [&service](const Request& request, Answer& answer) {
    reading(service, request, answer);
  });
}

}  // namespace gifkit::tools::serve

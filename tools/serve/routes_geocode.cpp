// routes_geocode.cpp — GET /geocode, the route of the Digital Agency's
// abr-geocoder server (v2, `abrg serve`), so that its clients work with
// gifkit by their base URL alone: address (required, trimmed), format
// (json by default; geojson, ndjson, ndgeojson, csv, simplified), target
// (all, residential, parcel) and fuzzy (one character) checked as
// abr-geocoder checks them, in its order, with its 400 answers
// ({"status":"error","message":…}; a bad format as the plain text "format
// is invalid"). The address is normalized by `gifkit address normalize`'s
// matcher and written by tools/output/geocoder_view. target, fuzzy and
// debug are accepted and not applied (docs/serve.md "abr-geocoder route").
#include <cctype>

#include "grammars/text/utf8.hpp"
#include "tools/output/geocoder_view.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace abr = gifkit::registries::abr;

// abr-geocoder's error answer: 400 and {"status":"error","message":…}.
void geocoder_refusal(Answer& answer, std::string_view message) {
  answer_json(answer, {{"status", "error"}, {"message", std::string(message)}}, 400);
}

void geocode(const Service& service, const Request& request, Answer& answer) {
  take_route("/geocode");
  const std::string address(js_trimmed(text_parameter(request, "address")));
  // abr-geocoder's messages, spelling and all.
  if (address.empty()) return geocoder_refusal(answer, "The address paramaeter is empty");
  const std::string target(js_trimmed(text_parameter(request, "target")));
  if (!target.empty() && target != "all" && target != "residential" && target != "parcel")
    return geocoder_refusal(answer, "The target paramaeter is invalid");
  const std::string fuzzy(js_trimmed(text_parameter(request, "fuzzy")));
  if (!fuzzy.empty() && grammars::count_code_points(fuzzy) != 1)
    return geocoder_refusal(answer, "The fuzzy paramaeter is invalid");
  std::string name = text_parameter(request, "format");
  if (name.empty()) name = "json";
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::optional<GeocoderFormat> format = geocoder_format(name);
  if (!format) {
    answer.set_content("format is invalid", "text/plain; charset=utf-8");
    answer.status = 400;
    return;
  }
  const std::size_t most = service.options().max_address_chars;
  if (grammars::count_code_points(address) > most) {
    return geocoder_refusal(answer,
                            "The address is longer than the server's --max-address-length (" +
                                std::to_string(most) + " characters)");
  }
  auto snapshot = service.snapshot();
  if (!snapshot->has_addresses()) {
    throw HttpError(503, "no-address-data", snapshot->addresses_missing());
  }
  thread_local abr::AddressMatcher::Scratch scratch;
  const abr::NormalizedAddress result = snapshot->matcher().normalize(address, scratch);
  const registries::RegistryRead read(snapshot->registry());
  const abr::PlaceIds ids = registries::AddressReader(read).place_ids(result);
  answer.set_content(geocoder_answer(*format, address, result, ids),
                     std::string(geocoder_media_type(*format)) + "; charset=utf-8");
}

}  // namespace

void add_geocode_routes(Routes& server, Service& service) {
  server.Get("/geocode", registry_reads([&service](const Request& request, Answer& answer) {
               geocode(service, request, answer);
             }));
}

}  // namespace gifkit::tools::serve

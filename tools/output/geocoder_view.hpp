// geocoder_view.hpp — a normalized address as the Digital Agency's
// abr-geocoder (v2, `abrg serve`, GET /geocode) writes a result, for the
// route of `gifkit serve` that answers its clients: the formats json,
// geojson, ndjson, ndgeojson, csv and simplified, with its field names,
// their order, null for a value it has none of, its `output` (the address
// written from the parts) and `score` (the similarity of output and input).
// The one place where gifkit's result is mapped onto abr-geocoder's; what
// is approximated is in docs/serve.md "abr-geocoder route".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "registries/abr/address_matcher.hpp"
#include "registries/abr/place_ids.hpp"

namespace gifkit::tools {

enum class GeocoderFormat { json, csv, geojson, ndjson, ndgeojson, simplified };

// The format of its name (abr-geocoder's names, lower case), or none.
std::optional<GeocoderFormat> geocoder_format(std::string_view name);
// abr-geocoder's Content-Type of a format: application/json or text/x-csv.
std::string_view geocoder_media_type(GeocoderFormat format);

// text without the white space JavaScript's String.prototype.trim removes
// at either end (U+3000 and U+FEFF among it).
std::string_view js_trimmed(std::string_view text);

// abr-geocoder's `output`: 都道府県 to 区, 町字 (大字, 丁目, 小字), the numbers
// joined by '-' (the 地番's at level parcel, else 街区・住居番号), then what
// remained (`others`), after a space where a digit would run into it.
std::string geocoder_output(const registries::abr::NormalizedAddress& result);
// abr-geocoder's `score`: 1 less the Levenshtein distance (in UTF-16 units,
// full-width letters and digits as ASCII, runs of spaces as one) over the
// longer length, floored to hundredths.
double geocoder_score(std::string_view output, std::string_view input);
// abr-geocoder's `coordinate_level` of where result's point comes from.
std::string_view geocoder_coordinate_level(const registries::abr::NormalizedAddress& result);

// The whole answer's body for one address: input as it was asked (trimmed),
// result its normalization and ids its place's ABR keys.
std::string geocoder_answer(GeocoderFormat format, std::string_view input,
                            const registries::abr::NormalizedAddress& result,
                            const registries::abr::PlaceIds& ids);

}  // namespace gifkit::tools

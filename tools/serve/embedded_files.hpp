// embedded_files.hpp — the files the service serves from inside the binary:
// the page at / (index.html, app.js, style.css of tools/serve/page/) and the
// OpenAPI document (docs/openapi.json). Made at build time by
// cmake/embed_files.cmake.
#pragma once
#include <optional>
#include <string_view>
#include <utility>

namespace gifkit::tools::serve {

// The content of the embedded file name ("index.html", "openapi.json", …).
std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace gifkit::tools::serve

// error_text.cpp — see error_text.hpp.
#include "tools/serve/http/error_text.hpp"

#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools::serve {

std::string error_json(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":{\"code\":";
  append_json_string(body, code);
  body += ",\"message\":";
  // Messages quote what was asked: never a 個人番号 (DESIGN.md §9).
  append_json_string(body, grammars::mask_individual_numbers_in(message));
  body += "}}\n";
  return body;
}

std::string body_too_large_message(std::uint64_t max_body) {
  return "the request body is larger than the server's --max-body (" + std::to_string(max_body) +
         " bytes)";
}

std::string uri_too_long_message(std::size_t longest) {
  return "the request line is longer than the server accepts (" + std::to_string(longest) +
         " bytes); send long input in a POST body";
}

std::string shown_text(std::string_view text) {
  constexpr std::size_t kMost = 200;
  // Masked before the cut: a number across it shows none of its digits.
  const std::string masked = grammars::mask_individual_numbers_in(text);
  std::string shown =
      grammars::with_invalid_utf8_replaced(std::string_view(masked).substr(0, kMost));
  if (masked.size() > kMost) shown += "…";
  return shown;
}

}  // namespace gifkit::tools::serve

// http_answers.cpp — see http_answers.hpp.
#include "tools/serve/http_answers.hpp"

#include <charconv>
#include <cmath>

#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::tools::serve {

void answer_json(httplib::Response& response, const Json& document, int status) {
  response.status = status;
  response.set_content(json_text(document) + "\n", kJsonType);
}

std::string error_json(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":{\"code\":";
  append_json_string(body, code);
  body += ",\"message\":";
  // Messages quote what was asked: never a 個人番号 (DESIGN.md §9).
  append_json_string(body, grammars::mask_individual_numbers_in(message));
  body += "}}\n";
  return body;
}

void answer_error(httplib::Response& response, int status, std::string_view code,
                  std::string_view message) {
  response.status = status;
  response.set_content(error_json(code, message), kJsonType);
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

void require_utf8(std::string_view text, std::string_view what) {
  auto at = grammars::find_invalid_utf8(text);
  if (at != std::string_view::npos) {
    throw HttpError(
        400, "not-utf8",
        std::string(what) + " is not UTF-8 (invalid byte at offset " + std::to_string(at) + ")");
  }
}

std::string text_parameter(const httplib::Request& request, const std::string& name) {
  auto count = request.get_param_value_count(name.c_str());
  if (count == 0) return "";
  if (count > 1) throw HttpError(400, "bad-parameter", "'" + name + "' is given more than once");
  std::string value = request.get_param_value(name.c_str());
  require_utf8(value, "'" + name + "'");
  return value;
}

std::vector<std::string> list_parameter(const httplib::Request& request, const std::string& name) {
  const std::string text = text_parameter(request, name);
  std::vector<std::string> values;
  for (std::size_t start = 0; start < text.size();) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) values.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return values;
}

std::int64_t integer_parameter(const httplib::Request& request, const std::string& name,
                               std::int64_t fallback, std::int64_t low, std::int64_t high) {
  std::string text = text_parameter(request, name);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw HttpError(400, "bad-parameter",
                    "'" + name + "' must be a whole number from " + std::to_string(low) + " to " +
                        std::to_string(high) + ", not '" + shown_text(text) + "'");
  }
  return value;
}

double number_parameter(const httplib::Request& request, const std::string& name, double fallback,
                        double low, double high, bool required) {
  std::string text = text_parameter(request, name);
  if (text.empty()) {
    if (required) throw HttpError(400, "missing-parameter", "'" + name + "' is required");
    return fallback;
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < low || value > high) {
    std::string range = json_text(Json(low)) + " to " + json_text(Json(high));
    throw HttpError(
        400, "bad-parameter",
        "'" + name + "' must be a number from " + range + ", not '" + shown_text(text) + "'");
  }
  return value;
}

bool flag_parameter(const httplib::Request& request, const std::string& name) {
  std::string text = text_parameter(request, name);
  if (text.empty() || text == "0" || text == "false") return false;
  if (text == "1" || text == "true") return true;
  throw HttpError(400, "bad-parameter", "'" + name + "' must be 1, 0, true or false");
}

}  // namespace gifkit::tools::serve

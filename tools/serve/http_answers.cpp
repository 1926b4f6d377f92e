// http_answers.cpp — see http_answers.hpp.
#include "tools/serve/http_answers.hpp"

#include <charconv>
#include <cmath>

#include "grammars/text/utf8.hpp"

namespace gifkit::tools::serve {

AnswerText::AnswerText(std::chrono::steady_clock::time_point deadline)
    : std::ostream(nullptr), buffer_(deadline) {
  rdbuf(&buffer_);
  exceptions(std::ios::badbit);  // the buffer's AnswerPastDeadline reaches the caller
}

void AnswerText::Buffer::count(std::streamsize bytes) {
  constexpr std::uint64_t kEvery = std::uint64_t{1} << 20;
  written_ += static_cast<std::uint64_t>(bytes);
  if (written_ < next_check_) return;
  next_check_ = written_ + kEvery;
  if (std::chrono::steady_clock::now() > deadline_) {
    past_deadline = true;
    throw AnswerPastDeadline();
  }
}

std::streamsize AnswerText::Buffer::xsputn(const char* text, std::streamsize count_of) {
  count(count_of);
  return std::stringbuf::xsputn(text, count_of);
}

AnswerText::Buffer::int_type AnswerText::Buffer::overflow(int_type c) {
  count(1);
  return std::stringbuf::overflow(c);
}

void answer_json(Answer& answer, const Json& document, int status) {
  answer.status = status;
  answer.set_content(json_text(document) + "\n", kJsonType);
}

void answer_error(Answer& answer, int status, std::string_view code, std::string_view message) {
  answer.status = status;
  answer.set_content(error_json(code, message), kJsonType);
}

void require_utf8(std::string_view text, std::string_view what) {
  auto at = grammars::find_invalid_utf8(text);
  if (at != std::string_view::npos) {
    throw HttpError(
        400, "not-utf8",
        std::string(what) + " is not UTF-8 (invalid byte at offset " + std::to_string(at) + ")");
  }
}

std::string text_parameter(const Request& request, const std::string& name) {
  auto count = request.param_count(name);
  if (count == 0) return "";
  if (count > 1) throw HttpError(400, "bad-parameter", "'" + name + "' is given more than once");
  std::string value = request.param(name);
  require_utf8(value, "'" + name + "'");
  return value;
}

std::vector<std::string> list_parameter(const Request& request, const std::string& name) {
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

std::int64_t integer_parameter(const Request& request, const std::string& name,
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

double number_parameter(const Request& request, const std::string& name, double fallback,
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

bool flag_parameter(const Request& request, const std::string& name) {
  std::string text = text_parameter(request, name);
  if (text.empty() || text == "0" || text == "false") return false;
  if (text == "1" || text == "true") return true;
  throw HttpError(400, "bad-parameter", "'" + name + "' must be 1, 0, true or false");
}

}  // namespace gifkit::tools::serve

// http_answers.hpp — how the service answers: JSON bodies, the one error
// shape {"error":{"code","message"}} (http/error_text.hpp), and the reading
// of query parameters with a 400 that names the parameter when one is
// malformed, in gifkit's request and answer (http/exchange.hpp). Handlers
// throw HttpError; the service's exception hook writes it.
#pragma once
#include <chrono>
#include <cstdint>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tools/output/json_text.hpp"
#include "tools/serve/http/error_text.hpp"
#include "tools/serve/http/exchange.hpp"

namespace gifkit::tools::serve {

// An answer other than 200: status, a stable code, a message for people.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// An answer's text made in memory (a report, the findings of a character
// check) that honours the request's --time-limit while it is written: past
// the deadline, the next write (checked every 1 MiB) throws
// AnswerPastDeadline, which a writer that flushes or catches may turn into
// another std::ios_base::failure: a handler catches std::ios_base::failure
// and asks past_deadline(). A report of 244,000 findings is 300 MB of SARIF that
// took its writer 15 s after a validation that ended in time (issue #56).
class AnswerText : public std::ostream {
 public:
  explicit AnswerText(std::chrono::steady_clock::time_point deadline);
  std::string str() const { return buffer_.str(); }
  // True once a write came after the deadline.
  bool past_deadline() const { return buffer_.past_deadline; }

 private:
  class Buffer : public std::stringbuf {
   public:
    explicit Buffer(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
    bool past_deadline = false;

   protected:
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int_type overflow(int_type c) override;

   private:
    void count(std::streamsize bytes);
    std::chrono::steady_clock::time_point deadline_;
    std::uint64_t written_ = 0;
    std::uint64_t next_check_ = 0;
  };
  Buffer buffer_;
};
// Thrown by an AnswerText written past its deadline.
struct AnswerPastDeadline : std::ios_base::failure {
  AnswerPastDeadline() : std::ios_base::failure("the answer's deadline has passed") {}
};

// document as the body (one line and a newline), with status.
void answer_json(Answer& answer, const Json& document, int status = 200);
// error_json(code, message) with status.
void answer_error(Answer& answer, int status, std::string_view code, std::string_view message);

// The value of query parameter name ("" when absent). Throws HttpError 400
// (bad-parameter) when it is given twice or is not UTF-8.
std::string text_parameter(const Request& request, const std::string& name);
// A comma-separated parameter's values, empty ones left out (none when
// absent); 400 as text_parameter.
std::vector<std::string> list_parameter(const Request& request, const std::string& name);
// An integer parameter in [low, high] (fallback when absent); 400 otherwise.
std::int64_t integer_parameter(const Request& request, const std::string& name,
                               std::int64_t fallback, std::int64_t low, std::int64_t high);
// A number parameter (finite, in [low, high]); 400 when absent and required.
double number_parameter(const Request& request, const std::string& name, double fallback,
                        double low, double high, bool required);
// A flag: absent, "", "0", "false" → false; "1", "true" → true; else 400.
bool flag_parameter(const Request& request, const std::string& name);
// Throws HttpError 400 (not-utf8) when text is not UTF-8; what names it.
void require_utf8(std::string_view text, std::string_view what);

}  // namespace gifkit::tools::serve

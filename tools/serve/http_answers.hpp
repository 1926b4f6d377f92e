// http_answers.hpp — how the service answers: JSON bodies, the one error
// shape {"error":{"code","message"}} (http/error_text.hpp), and the reading
// of query parameters with a 400 that names the parameter when one is
// malformed, in gifkit's request and answer (http/exchange.hpp). Handlers
// throw HttpError; the service's exception hook writes it.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
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

// An answer's text (a report, the findings of a character check) made
// within the request's --time-limit and in bounded memory: kept in memory up
// to a threshold (the server's spool threshold), past it in an unlinked
// temporary file, and sent from there a block at a time (answer()); it
// passes max_bytes at most. Past the deadline, the next write (checked every
// 1 MiB) throws AnswerPastDeadline; past max_bytes, AnswerOverCap — both
// std::ios_base::failure, which a writer that flushes or catches may turn
// into another: a handler catches std::ios_base::failure and asks
// past_deadline() and over_cap(). A report of 244,000 findings is 300 MB of
// SARIF that took its writer 15 s after a validation that ended in time, and
// a report of 1,000,000 bad rows held 7.7 GB in memory (issue #56).
// Text hidden with hide() (the body's private folder) is left out wherever it
// is written, also across writes, in one pass.
class AnswerText : public std::ostream {
 public:
  // Everything in memory, no cap: for answers bounded by their input.
  explicit AnswerText(std::chrono::steady_clock::time_point deadline);
  AnswerText(std::chrono::steady_clock::time_point deadline, std::size_t memory_threshold,
             std::uint64_t max_bytes);
  ~AnswerText() override;
  AnswerText(const AnswerText&) = delete;
  AnswerText& operator=(const AnswerText&) = delete;

  // Leaves text out of what is written from now on (non-empty).
  void hide(std::string text) { buffer_.hidden = std::move(text); }
  // The bytes kept so far (after hiding), pending ones included once flushed.
  std::uint64_t size() const { return buffer_.kept; }
  // True once a write came after the deadline, or would have passed max_bytes.
  bool past_deadline() const { return buffer_.past_deadline; }
  bool over_cap() const { return buffer_.over_cap; }
  // Makes the text the answer's body of type: the whole text when it stayed
  // in memory, else streamed from its file (which the answer then owns).
  void answer(Answer& answer, const std::string& type);
  // The whole text, when it stayed in memory (tests, small answers).
  std::string str();

 private:
  class Buffer : public std::streambuf {
   public:
    Buffer(std::chrono::steady_clock::time_point deadline, std::size_t memory_threshold,
           std::uint64_t max_bytes);
    ~Buffer() override;
    // Moves the bytes written to memory or the file; final: the last ones
    // (no hidden text can start in them any more).
    void drain(bool final);
    std::string hidden;
    bool past_deadline = false;
    bool over_cap = false;
    std::uint64_t kept = 0;
    std::string memory;         // the text, while it fits the threshold
    std::FILE* file = nullptr;  // the text, past it (unlinked)

   protected:
    int_type overflow(int_type c) override;
    int sync() override;

   private:
    void keep(std::string_view text);
    void count(std::size_t bytes);
    std::chrono::steady_clock::time_point deadline_;
    std::size_t memory_threshold_;
    std::uint64_t max_bytes_;
    std::uint64_t written_ = 0;
    std::uint64_t next_check_ = 0;
    std::string pending_;  // written, not yet searched for hidden text
    std::unique_ptr<char[]> block_;
  };
  Buffer buffer_;
};
// Thrown by an AnswerText written past its deadline.
struct AnswerPastDeadline : std::ios_base::failure {
  AnswerPastDeadline() : std::ios_base::failure("the answer's deadline has passed") {}
};
// Thrown by an AnswerText that would pass its max_bytes.
struct AnswerOverCap : std::ios_base::failure {
  AnswerOverCap() : std::ios_base::failure("the answer passes its cap") {}
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

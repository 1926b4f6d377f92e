// http_answers.cpp — see http_answers.hpp.
#include "tools/serve/http_answers.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <utility>

#include "grammars/text/decimal_text.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::tools::serve {

namespace {

constexpr std::size_t kAnswerBlock = std::size_t{1} << 16;  // written a block at a time

[[noreturn]] void answer_file_failed() {
  throw std::ios_base::failure("the answer's temporary file cannot be written");
}

}  // namespace

AnswerText::AnswerText(std::chrono::steady_clock::time_point deadline)
    : AnswerText(deadline, std::numeric_limits<std::size_t>::max(),
                 std::numeric_limits<std::uint64_t>::max()) {}

AnswerText::AnswerText(std::chrono::steady_clock::time_point deadline, std::size_t memory_threshold,
                       std::uint64_t max_bytes)
    : std::ostream(nullptr), buffer_(deadline, memory_threshold, max_bytes) {
  rdbuf(&buffer_);
  exceptions(std::ios::badbit);  // the buffer's AnswerPastDeadline reaches the caller
}

AnswerText::~AnswerText() = default;

std::string AnswerText::str() {
  flush();
  buffer_.drain(/*final=*/true);
  assert(buffer_.file == nullptr);
  return buffer_.memory;
}

void AnswerText::answer(Answer& answer, const std::string& type) {
  flush();
  buffer_.drain(/*final=*/true);
  if (buffer_.file == nullptr) {
    answer.set_content(std::move(buffer_.memory), type);
    return;
  }
  if (std::fflush(buffer_.file) != 0 || std::fseek(buffer_.file, 0, SEEK_SET) != 0)
    answer_file_failed();
  // The provider owns the file from here: it sends a block a call.
  std::shared_ptr<std::FILE> file(std::exchange(buffer_.file, nullptr), &std::fclose);
  answer.set_stream(type, [file, block = std::make_shared<std::string>()](ChunkSink& sink) {
    block->resize(kAnswerBlock);
    const std::size_t got = std::fread(block->data(), 1, block->size(), file.get());
    if (got == 0) {
      sink.done();
      return true;
    }
    return sink.write(block->data(), got);
  });
}

AnswerText::Buffer::Buffer(std::chrono::steady_clock::time_point deadline,
                           std::size_t memory_threshold, std::uint64_t max_bytes)
    : deadline_(deadline),
      memory_threshold_(memory_threshold),
      max_bytes_(max_bytes),
      block_(new char[kAnswerBlock]) {
  setp(block_.get(), block_.get() + kAnswerBlock);
}

AnswerText::Buffer::~Buffer() {
  if (file != nullptr) std::fclose(file);
}

void AnswerText::Buffer::count(std::size_t bytes) {
  constexpr std::uint64_t kEvery = std::uint64_t{1} << 20;
  written_ += bytes;
  if (written_ < next_check_) return;
  next_check_ = written_ + kEvery;
  if (std::chrono::steady_clock::now() > deadline_) {
    past_deadline = true;
    throw AnswerPastDeadline();
  }
}

void AnswerText::Buffer::keep(std::string_view text) {
  if (text.empty()) return;
  if (text.size() > max_bytes_ - std::min(kept, max_bytes_)) {
    over_cap = true;
    throw AnswerOverCap();
  }
  kept += text.size();
  if (file == nullptr && memory.size() + text.size() <= memory_threshold_) {
    memory += text;
    return;
  }
  if (file == nullptr) {
    file = std::tmpfile();
    if (file == nullptr) answer_file_failed();
    if (std::fwrite(memory.data(), 1, memory.size(), file) != memory.size()) answer_file_failed();
    std::string().swap(memory);
  }
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) answer_file_failed();
}

// The pending text is searched for the hidden text in one pass; the last
// hidden.size() - 1 bytes wait for the next write (the hidden text may start
// there), unless final. An occurrence that starts before them ends within
// the pending text.
void AnswerText::Buffer::drain(bool final) {
  const std::size_t written = static_cast<std::size_t>(pptr() - pbase());
  if (written > 0) {
    pending_.append(pbase(), written);
    setp(block_.get(), block_.get() + kAnswerBlock);
    count(written);
  }
  const std::size_t wait = final || hidden.empty() ? 0 : hidden.size() - 1;
  if (pending_.size() <= wait) return;
  const std::size_t limit = pending_.size() - wait;
  const std::string_view text(pending_);
  std::size_t from = 0;
  while (!hidden.empty()) {
    const std::size_t at = text.find(hidden, from);
    if (at == std::string_view::npos || at >= limit) break;
    keep(text.substr(from, at - from));
    from = at + hidden.size();
  }
  const std::size_t end = std::max(from, limit);
  keep(text.substr(from, end - from));
  pending_.erase(0, end);
}

AnswerText::Buffer::int_type AnswerText::Buffer::overflow(int_type c) {
  drain(/*final=*/false);
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int AnswerText::Buffer::sync() {
  drain(/*final=*/false);
  return 0;
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
  auto [end, error] = grammars::read_double(text.data(), text.data() + text.size(), value);
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

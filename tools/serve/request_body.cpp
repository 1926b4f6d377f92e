// request_body.cpp — see request_body.hpp.
#include "tools/serve/request_body.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cassert>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "grammars/atomic_file.hpp"
#include "tools/serve/http_answers.hpp"

namespace gifkit::tools::serve {

namespace {
constexpr std::size_t kWindow = 1 << 16;
// The name of a body's private folder in the temporary directory, before
// mkdtemp's random part.
constexpr const char* kBodyFolderPrefix = "gifkit-serve-";
}  // namespace

std::size_t remove_abandoned_body_folders() {
  std::error_code error;
  const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
  if (error) return 0;
  return grammars::remove_abandoned_temporaries(directory, kBodyFolderPrefix);
}

SpooledBody::SpooledBody(const httplib::ContentReader& reader, const httplib::Response& response,
                         std::size_t memory_threshold, std::size_t max_body) {
  bool write_failed = false;
  bool read = reader([&](const char* data, std::size_t length) {
    size_ += length;
    if (file_ == nullptr && memory_.size() + length <= memory_threshold) {
      memory_.append(data, length);
      return true;
    }
    if (file_ == nullptr) {
      file_ = std::tmpfile();
      if (file_ == nullptr ||
          std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size()) {
        write_failed = true;
        return false;
      }
      memory_.clear();
      memory_.shrink_to_fit();
    }
    if (std::fwrite(data, 1, length, file_) != length) {
      write_failed = true;
      return false;
    }
    return true;
  });
  if (write_failed) {
    throw HttpError(507, "no-space",
                    std::string("the request body could not be stored for reading (") +
                        std::strerror(errno) + ")");
  }
  if (!read && response.status == 413) {
    throw HttpError(413, "body-too-large", body_too_large_message(max_body));
  }
  if (!read) throw HttpError(400, "body-incomplete", "the request body ended early");
  if (file_ != nullptr) buffer_ = std::make_unique<char[]>(kWindow);
  rewind();
}

SpooledBody::~SpooledBody() {
  if (file_ != nullptr) std::fclose(file_);
}

void SpooledBody::rewind() {
  position_ = 0;
  if (file_ == nullptr) {
    window_ = memory_.data();
    available_ = memory_.size();
    return;
  }
  std::fflush(file_);
  std::fseek(file_, 0, SEEK_SET);
  window_ = buffer_.get();
  available_ = 0;
}

int SpooledBody::refill() {
  if (file_ == nullptr) return -1;
  available_ = std::fread(buffer_.get(), 1, kWindow, file_);
  position_ = 0;
  if (available_ == 0) return -1;
  return static_cast<unsigned char>(window_[position_++]);
}

std::string SpooledBody::head(std::size_t n) {
  rewind();
  std::string bytes;
  for (int c; bytes.size() < n && (c = next()) >= 0;) bytes.push_back(static_cast<char>(c));
  rewind();
  return bytes;
}

bool LineReader::next(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  if (at_end_) return false;
  int c = body_.next();
  if (c < 0) {
    at_end_ = true;
    return false;
  }
  // A CR just past the limit is the line's end when nothing but LF (or the
  // end of the body) follows it, and one byte too many otherwise.
  bool cr_past_limit = false;
  for (; c >= 0 && c != '\n'; c = body_.next()) {
    if (cr_past_limit) too_long = true;
    cr_past_limit = false;
    if (line.size() < max_bytes_) {
      line.push_back(static_cast<char>(c));
    } else if (c == '\r' && !too_long) {
      cr_past_limit = true;
    } else {
      too_long = true;
    }
  }
  if (c < 0) at_end_ = true;
  if (!cr_past_limit && !too_long && !line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

int JsonStringArrayReader::skip_space() {
  for (;;) {
    int c = body_.next();
    ++offset_;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
  }
}

bool JsonStringArrayReader::read_token(std::string& token, bool& too_long) {
  token.clear();
  too_long = false;
  for (;;) {
    int c = body_.next();
    ++offset_;
    if (c < 0) return false;
    if (c == '"') return true;
    auto keep = [&](int byte) {
      if (token.size() < max_bytes_) {
        token.push_back(static_cast<char>(byte));
      } else {
        too_long = true;
      }
    };
    keep(c);
    if (c == '\\') {
      int escaped = body_.next();
      ++offset_;
      if (escaped < 0) return false;
      keep(escaped);
    }
  }
}

std::string JsonStringArrayReader::check() {
  body_.rewind();
  offset_ = 0;
  auto fail = [&](const std::string& what) {
    body_.rewind();
    return what + " at byte " + std::to_string(offset_);
  };
  if (skip_space() != '[') return fail("expected a JSON array of strings: no '['");
  std::string token;
  bool too_long = false;
  int c = skip_space();
  if (c != ']') {
    for (;;) {
      if (c != '"') return fail("expected a string");
      if (!read_token(token, too_long)) return fail("unterminated string");
      if (!too_long && !nlohmann::json::accept("\"" + token + "\"")) {
        return fail("not a valid JSON string (bad escape, control character or invalid UTF-8)");
      }
      c = skip_space();
      if (c == ']') break;
      if (c != ',') return fail("expected ',' or ']'");
      c = skip_space();
    }
  }
  if (skip_space() != -1) return fail("text after the array");
  body_.rewind();
  offset_ = 0;
  return "";
}

bool JsonStringArrayReader::next(std::string& text, bool& too_long) {
  if (finished_) return false;
  int c = skip_space();
  if (!started_) {
    assert(c == '[');
    started_ = true;
    c = skip_space();
  } else if (c == ',') {
    c = skip_space();
  }
  if (c != '"') {
    finished_ = true;
    return false;
  }
  std::string token;
  read_token(token, too_long);
  text.clear();
  if (too_long) return true;
  auto parsed = nlohmann::json::parse("\"" + token + "\"", nullptr, false);
  if (parsed.is_string()) text = parsed.get<std::string>();
  return true;
}

BodyFile::BodyFile(SpooledBody& body, const std::string& file_name) {
  assert(file_name.find('/') == std::string::npos && !file_name.empty());
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string(kBodyFolderPrefix) + "XXXXXX"))
          .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw HttpError(507, "no-space",
                    std::string("cannot make a temporary folder: ") + std::strerror(errno));
  }
  folder_ = pattern;
  // Held while the body is kept: a later server's cleaning passes it by.
  // Not taken only when another server's cleaning took the new folder first.
  if (!lock_.try_take(folder_)) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
    throw HttpError(507, "no-space", "cannot lock a temporary folder; try again");
  }
  path_ = folder_ / file_name;
  std::ofstream out(path_, std::ios::binary);
  body.rewind();
  char chunk[1 << 16];
  std::size_t used = 0;
  for (int c; (c = body.next()) >= 0;) {
    chunk[used++] = static_cast<char>(c);
    if (used == sizeof chunk) {
      out.write(chunk, static_cast<std::streamsize>(used));
      used = 0;
    }
  }
  out.write(chunk, static_cast<std::streamsize>(used));
  out.close();
  body.rewind();
  if (!out) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
    throw HttpError(507, "no-space", "cannot store the request body in a temporary file");
  }
}

std::string BodyFile::without_folder(std::string text) const {
  const std::string prefix = folder_.string() + "/";
  for (std::size_t at = 0; (at = text.find(prefix, at)) != std::string::npos;) {
    text.erase(at, prefix.size());
  }
  return text;
}

BodyFile::~BodyFile() {
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace gifkit::tools::serve

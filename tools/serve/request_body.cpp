// request_body.cpp — see request_body.hpp.
#include "tools/serve/request_body.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "grammars/io/atomic_file.hpp"
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

SpooledBody::SpooledBody(const BodyReader& reader, std::size_t memory_threshold,
                         std::size_t max_body) {
  bool write_failed = false;
  const BodyReceiver receive = [&](const char* data, std::size_t length) {
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
  };
  const BodyEnd end = reader ? reader(receive) : BodyEnd::complete;
  if (write_failed) {
    throw HttpError(507, "no-space",
                    std::string("the request body could not be stored for reading (") +
                        std::strerror(errno) + ")");
  }
  if (end == BodyEnd::too_large) {
    throw HttpError(413, "body-too-large", body_too_large_message(max_body));
  }
  if (end != BodyEnd::complete) {
    throw HttpError(400, "body-incomplete", "the request body ended early");
  }
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

namespace {

// Removes a body folder with what is in it, then lets its lock go.
void remove_folder(BodyFolders::Folder& folder) {
  std::error_code ignored;
  std::filesystem::remove_all(folder.path, ignored);
  folder.lock = grammars::HeldLock();
}

// Writes bytes to fd whole: false on an error.
bool write_all(int fd, const char* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

BodyFolders::~BodyFolders() {
  for (Folder& folder : free_) remove_folder(folder);
}

BodyFolders::Folder BodyFolders::take() {
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      Folder folder = std::move(free_.back());
      free_.pop_back();
      assert(folder.lock.held());
      return folder;
    }
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string(kBodyFolderPrefix) + "XXXXXX"))
          .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw HttpError(507, "no-space",
                    std::string("cannot make a temporary folder: ") + std::strerror(errno));
  }
  Folder folder;
  folder.path = pattern;
  // Held while the server keeps the folder: a later server's cleaning passes
  // it by. Not taken only when another server's cleaning took the new folder
  // first.
  if (!folder.lock.try_take(folder.path)) {
    std::error_code ignored;
    std::filesystem::remove_all(folder.path, ignored);
    throw HttpError(507, "no-space", "cannot lock a temporary folder; try again");
  }
  return folder;
}

void BodyFolders::give_back(Folder folder, bool empty) {
  assert(folder.lock.held() && !folder.path.empty());
  if (empty) {
    std::lock_guard lock(mutex_);
    if (free_.size() < kKept) {
      free_.push_back(std::move(folder));
      return;
    }
  }
  remove_folder(folder);
}

std::size_t BodyFolders::free_count() {
  std::lock_guard lock(mutex_);
  return free_.size();
}

BodyFile::BodyFile(BodyFolders& folders, SpooledBody& body, const std::string& file_name)
    : folders_(folders), folder_(folders.take()) {
  assert(file_name.find('/') == std::string::npos && !file_name.empty() && file_name != "." &&
         file_name != "..");
  path_ = folder_.path / file_name;
  // A new file (O_EXCL): a folder is given back only empty.
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == ENOENT) {
    // A kept folder removed from outside (a cleaner of the temporary
    // directory): a new one, once.
    folders_.give_back(std::move(folder_), false);
    folder_ = folders_.take();
    path_ = folder_.path / file_name;
    fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  }
  bool written = fd >= 0;
  body.rewind();
  char chunk[1 << 16];
  std::size_t used = 0;
  for (int c; written && (c = body.next()) >= 0;) {
    chunk[used++] = static_cast<char>(c);
    if (used == sizeof chunk) {
      written = write_all(fd, chunk, used);
      used = 0;
    }
  }
  if (written) written = write_all(fd, chunk, used);
  if (fd >= 0 && ::close(fd) != 0) written = false;
  body.rewind();
  if (!written) {
    folders_.give_back(std::move(folder_), false);
    throw HttpError(507, "no-space", "cannot store the request body in a temporary file");
  }
}

std::string BodyFile::without_folder(std::string text) const {
  // One pass, the kept stretches moved down in place: erasing each
  // occurrence where it stood moved the rest of the text every time, a time
  // quadratic in the findings (a report of 100,000 findings held a worker
  // for minutes, issue #56).
  const std::string prefix = folder_text();
  std::size_t from = text.find(prefix);
  if (from == std::string::npos) return text;
  std::size_t to = from;
  while (from != std::string::npos) {
    from += prefix.size();
    const std::size_t next = text.find(prefix, from);
    const std::size_t end = next == std::string::npos ? text.size() : next;
    std::copy(text.begin() + static_cast<std::ptrdiff_t>(from),
              text.begin() + static_cast<std::ptrdiff_t>(end),
              text.begin() + static_cast<std::ptrdiff_t>(to));  // to <= from: a forward copy
    to += end - from;
    from = next;
  }
  text.resize(to);
  return text;
}

BodyFile::~BodyFile() {
  std::error_code error;
  std::filesystem::remove(path_, error);
  folders_.give_back(std::move(folder_), !error);
}

}  // namespace gifkit::tools::serve

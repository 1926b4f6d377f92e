// request_body.hpp — request bodies of any size in bounded memory: a body is
// read through the request's body reader (http/exchange.hpp) into memory up
// to a threshold and into an unlinked temporary file beyond it (an answer
// is written only after its handler returns, so a 1,000,000-line batch is
// spooled first, then answered line by line). Readers of lines and of a JSON array
// of strings take one item at a time, each bounded in length, so a 2 GB line
// costs no more memory than a short one. For handlers that need a file
// (validate, character check), the body is written to a named file in a
// private temporary folder (gifkit-serve-XXXXXX, mode 0700), and the file is
// removed when the request ends. The folders are the server's (BodyFolders):
// made on first need, used again by later requests one at a time, removed
// when the server stops; the server holds an flock on each meanwhile, so
// that a server killed leaves folders the next one removes
// (remove_abandoned_body_folders) and a live server's are never touched.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/atomic_file.hpp"
#include "tools/serve/http/exchange.hpp"

namespace gifkit::tools::serve {

// Removes the body folders of the temporary directory that no live server
// holds (what a killed server left); called when a server starts. Returns
// how many were removed.
std::size_t remove_abandoned_body_folders();

class SpooledBody {
 public:
  // Reads the whole body through reader (none: an empty body). Throws
  // HttpError 413 when it is larger than the server's --max-body, 400 when
  // the client stops sending, 507 when the spool file cannot be written.
  SpooledBody(const BodyReader& reader, std::size_t memory_threshold, std::size_t max_body);
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;

  std::uint64_t size() const { return size_; }
  // Starts reading from the first byte again.
  void rewind();
  // The next byte, or -1 at the end.
  int next() {
    if (position_ < available_) return static_cast<unsigned char>(window_[position_++]);
    return refill();
  }
  // The first bytes (up to n), for sniffing the format.
  std::string head(std::size_t n);
  // The whole body when it was kept in memory (at most the threshold), else
  // nullptr (it was spooled to a file). Valid while the body lives.
  const std::string* in_memory() const { return file_ == nullptr ? &memory_ : nullptr; }

 private:
  int refill();
  std::string memory_;         // the body, when small
  std::FILE* file_ = nullptr;  // the body, when large (unlinked)
  std::uint64_t size_ = 0;
  const char* window_ = nullptr;
  std::size_t position_ = 0;
  std::size_t available_ = 0;
  std::unique_ptr<char[]> buffer_;
};

// Reads a body as lines ("\n" or "\r\n"; a last line without one counts).
class LineReader {
 public:
  // Lines longer than max_bytes are cut there (the rest skipped) and
  // marked too_long.
  LineReader(SpooledBody& body, std::size_t max_bytes) : body_(body), max_bytes_(max_bytes) {}
  // The next line into line; false at the end of the body.
  bool next(std::string& line, bool& too_long);

 private:
  SpooledBody& body_;
  std::size_t max_bytes_;
  bool at_end_ = false;
};

// Reads a body that is a JSON array of strings, one string at a time.
class JsonStringArrayReader {
 public:
  JsonStringArrayReader(SpooledBody& body, std::size_t max_bytes)
      : body_(body), max_bytes_(max_bytes) {}
  // Checks the whole body without keeping it: "" when it is an array of
  // strings, else what is wrong and at which byte. Rewinds the body.
  std::string check();
  // The next string into text (too_long: cut at max_bytes); false after the
  // last. Call after check() succeeded.
  bool next(std::string& text, bool& too_long);

 private:
  // Reads a string's raw JSON token after its opening quote: false when it
  // is unterminated. Keeps at most max_bytes_ of it in token.
  bool read_token(std::string& token, bool& too_long);
  int skip_space();
  SpooledBody& body_;
  std::size_t max_bytes_;
  std::uint64_t offset_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

// A server's private folders for bodies kept as files (gifkit-serve-XXXXXX in
// the temporary directory, mode 0700, each locked with an flock while the
// server keeps it). A folder holds one request's file at a time and is used
// again by later requests: making and removing a folder per request cost
// milliseconds (issue #29: on a file system mounted with discard, freeing a
// folder's block waits for the disk). Safe to use from every worker thread.
class BodyFolders {
 public:
  BodyFolders() { free_.reserve(kKept); }  // giving back never allocates
  // Removes every folder it keeps (those in use are removed by their
  // BodyFile, which must not outlive the pool).
  ~BodyFolders();
  BodyFolders(const BodyFolders&) = delete;
  BodyFolders& operator=(const BodyFolders&) = delete;

  // How many free folders it keeps at most; more are removed when given back.
  static constexpr std::size_t kKept = 16;

  struct Folder {
    std::filesystem::path path;
    grammars::HeldLock lock;  // on path, while the server keeps the folder
  };
  // An empty folder for one request: a free one, or a new one. Throws
  // HttpError 507 when none can be made.
  Folder take();
  // Gives back a folder taken: kept for the next request when empty is true
  // (its file was removed), else removed with what is in it.
  void give_back(Folder folder, bool empty);
  // How many folders are free (for tests).
  std::size_t free_count();

 private:
  std::mutex mutex_;
  std::vector<Folder> free_;
};

// The body as a named file in a folder of folders; the file is removed and
// the folder given back when destroyed.
class BodyFile {
 public:
  // Writes body to folder/file_name (file_name must be a plain name, and the
  // file a new one). Throws HttpError 507 when it cannot be written.
  BodyFile(BodyFolders& folders, SpooledBody& body, const std::string& file_name);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // text with the private folder taken out of every path in it: a report
  // names the file as the client did ("body.csv"), not where it was kept.
  std::string without_folder(std::string text) const;
  // What without_folder takes out: the folder's path and a slash.
  std::string folder_text() const { return folder_.path.string() + "/"; }

 private:
  BodyFolders& folders_;
  BodyFolders::Folder folder_;
  std::filesystem::path path_;
};

}  // namespace gifkit::tools::serve

// listed_problems.cpp — see listed_problems.hpp. A problem is packed as its
// numbers (LEB128) and its texts (a length, then the bytes), in the order of
// pack_problem; read back by unpack in the same order.
#include "tools/report/listed_problems.hpp"

#include <algorithm>
#include <cassert>
#include <ios>

namespace gifkit::tools::report_detail {

namespace {

// Problems are packed in memory up to this many bytes, then in a file.
constexpr std::size_t kSpillBytes = std::size_t{1} << 20;
// The block read back from the file at a time.
constexpr std::size_t kReadBlock = std::size_t{1} << 16;

void pack_number(std::string& out, std::uint64_t number) {
  do {
    auto byte = static_cast<unsigned char>(number & 0x7F);
    number >>= 7;
    if (number != 0) byte |= 0x80;
    out += static_cast<char>(byte);
  } while (number != 0);
}

void pack_text(std::string& out, const std::string& text) {
  pack_number(out, text.size());
  out += text;
}

void pack_problem(std::string& out, const models::Problem& problem) {
  pack_text(out, problem.code);
  pack_number(out, static_cast<std::uint64_t>(problem.severity));
  pack_number(out, problem.row);
  pack_number(out, problem.line);
  pack_number(out, problem.column);
  pack_text(out, problem.field);
  pack_text(out, problem.value);
  pack_text(out, problem.message);
  pack_text(out, problem.suggestion);
  pack_text(out, problem.cell);
  pack_text(out, problem.fix.rule);
  pack_text(out, problem.fix.from);
  pack_text(out, problem.fix.to);
  pack_number(out, static_cast<std::uint64_t>(problem.fix.certainty));
  pack_number(out, problem.key.size());
  for (const models::KeyValue& part : problem.key) {
    pack_text(out, part.name);
    pack_text(out, part.value);
  }
  pack_number(out, static_cast<std::uint64_t>(problem.baseline));
  pack_number(out, problem.rows);
}

[[noreturn]] void spool_failed(const char* what) {
  throw std::ios_base::failure(std::string("the report's temporary file: ") + what);
}

}  // namespace

ListedProblems::~ListedProblems() {
  if (file_ != nullptr) std::fclose(file_);
}

void ListedProblems::begin_task() {
  tasks_.emplace_back();
}

void ListedProblems::add(const models::Problem& problem) {
  assert(!reading_);
  if (tasks_.empty()) begin_task();
  Task& task = tasks_.back();
  ++task.count;
  if (std::find(task.codes.begin(), task.codes.end(), problem.code) == task.codes.end())
    task.codes.push_back(problem.code);
  pack_problem(buffer_, problem);
  if (buffer_.size() >= kSpillBytes) spill();
}

void ListedProblems::spill() {
  if (buffer_.empty()) return;
  if (file_ == nullptr) {
    file_ = std::tmpfile();
    if (file_ == nullptr) spool_failed("cannot be made");
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    spool_failed("cannot be written");
  buffer_.clear();
}

std::uint64_t ListedProblems::count(std::size_t task, const models::TaskReport& report_task) const {
  return spooled(task) ? tasks_[task].count : report_task.problems.size();
}

std::vector<std::string> ListedProblems::codes(std::size_t task,
                                               const models::TaskReport& report_task) const {
  if (spooled(task)) return tasks_[task].codes;
  std::vector<std::string> codes;
  for (const models::Problem& problem : report_task.problems)
    if (std::find(codes.begin(), codes.end(), problem.code) == codes.end())
      codes.push_back(problem.code);
  return codes;
}

bool ListedProblems::read_byte(unsigned char& byte) {
  if (file_ == nullptr) {
    if (read_at_ >= buffer_.size()) return false;
    byte = static_cast<unsigned char>(buffer_[read_at_++]);
    return true;
  }
  if (read_at_ >= window_.size()) {
    window_.resize(kReadBlock);
    const std::size_t got = std::fread(window_.data(), 1, kReadBlock, file_);
    window_.resize(got);
    read_at_ = 0;
    if (got == 0) return false;
  }
  byte = static_cast<unsigned char>(window_[read_at_++]);
  return true;
}

std::uint64_t ListedProblems::read_number() {
  std::uint64_t number = 0;
  unsigned shift = 0;
  unsigned char byte = 0;
  do {
    if (!read_byte(byte) || shift > 63) spool_failed("ends early");
    number |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    shift += 7;
  } while ((byte & 0x80) != 0);
  return number;
}

void ListedProblems::read_text(std::string& text) {
  const std::uint64_t size = read_number();
  text.clear();
  unsigned char byte = 0;
  for (std::uint64_t i = 0; i < size; ++i) {
    if (!read_byte(byte)) spool_failed("ends early");
    text += static_cast<char>(byte);
  }
}

const models::Problem& ListedProblems::next(std::size_t task,
                                            const models::TaskReport& report_task) {
  if (!reading_) {
    reading_ = true;
    if (file_ != nullptr) {
      spill();
      if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)
        spool_failed("cannot be read back");
    }
    read_at_ = 0;
  }
  if (task != read_task_) {
    read_task_ = task;
    read_count_ = 0;
  }
  const std::uint64_t index = read_count_++;
  if (!spooled(task)) {
    assert(index < report_task.problems.size());
    return report_task.problems[index];
  }
  models::Problem& problem = current_;
  read_text(problem.code);
  problem.severity = static_cast<models::Severity>(read_number());
  problem.row = read_number();
  problem.line = read_number();
  problem.column = static_cast<std::uint32_t>(read_number());
  read_text(problem.field);
  read_text(problem.value);
  read_text(problem.message);
  read_text(problem.suggestion);
  read_text(problem.cell);
  read_text(problem.fix.rule);
  read_text(problem.fix.from);
  read_text(problem.fix.to);
  problem.fix.certainty = static_cast<models::FixCertainty>(read_number());
  problem.key.resize(read_number());
  for (models::KeyValue& part : problem.key) {
    read_text(part.name);
    read_text(part.value);
  }
  problem.baseline = static_cast<models::BaselineState>(read_number());
  problem.rows = read_number();
  return problem;
}

}  // namespace gifkit::tools::report_detail

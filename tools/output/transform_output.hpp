// transform_output.hpp — where `gifkit transform` writes: the dataset as CSV,
// the change log as NDJSON (one {row, column, item, from, to, rule} a
// line) and the review list as CSV (row, column, item, value, why, code,
// candidates). docs/transform.md describes the formats.
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "grammars/csv_writer.hpp"
#include "models/engine/transform/transform.hpp"

namespace gifkit::tools {

// The change log: one JSON object a line; "file" first when file is not "".
class ChangeLogWriter {
 public:
  explicit ChangeLogWriter(std::ostream& out) : out_(out) {}
  ~ChangeLogWriter() { flush(); }
  void set_file(std::string file) { file_ = std::move(file); }
  void write(const models::ChangeRecord& change);
  void flush();

 private:
  std::ostream& out_;
  std::string file_;
  std::string buffer_;
};

// The review list: a CSV with a header row (and a file column first when
// several inputs share it).
class ReviewListWriter {
 public:
  ReviewListWriter(std::ostream& out, bool with_file, bool bom);
  void set_file(std::string file) { file_ = std::move(file); }
  void write(const models::ReviewRecord& review);
  void flush() { csv_.flush(); }

 private:
  grammars::CsvWriter csv_;
  bool with_file_;
  std::string file_;
};

// A TransformSink writing the dataset to a CSV and the changes and review
// items to their writers (either may be null: not asked for).
class CsvTransformSink : public models::TransformSink {
 public:
  CsvTransformSink(std::ostream& out, bool bom, ChangeLogWriter* log, ReviewListWriter* review);
  void header(const std::vector<std::string>& labels) override { csv_.write_row(labels); }
  void row(const std::vector<std::string>& values) override { csv_.write_row(values); }
  void change(const models::ChangeRecord& change) override {
    if (log_ != nullptr) log_->write(change);
  }
  bool keeps_changes() const override { return log_ != nullptr; }
  void review(const models::ReviewRecord& review) override {
    if (review_ != nullptr) review_->write(review);
  }
  void flush() { csv_.flush(); }

 private:
  grammars::CsvWriter csv_;
  ChangeLogWriter* log_;
  ReviewListWriter* review_;
};

}  // namespace gifkit::tools

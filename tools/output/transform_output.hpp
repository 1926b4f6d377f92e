// transform_output.hpp — where `gifkit transform` writes: the dataset as a
// table (CSV or .xlsx: table_writer.hpp), the change log as NDJSON (one
// {row, column, item, from, to, rule} a line) and the review list as a table
// (row, column, item, value, why, code, candidates). docs/transform.md
// describes the formats.
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "models/engine/transform/transform.hpp"
#include "tools/output/table_writer.hpp"

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

// The review list: a table with a header row (and a file column first when
// several inputs share it). table_ is the caller's to commit.
class ReviewListWriter {
 public:
  ReviewListWriter(TableWriter& table, bool with_file);
  void set_file(std::string file) { file_ = std::move(file); }
  void write(const models::ReviewRecord& review);

 private:
  TableWriter& table_;
  bool with_file_;
  std::string file_;
};

// A TransformSink writing the dataset to a table and the changes and review
// items to their writers (either may be null: not asked for). The table is
// the caller's to commit (or to drop: the output refused).
class TableTransformSink : public models::TransformSink {
 public:
  TableTransformSink(TableWriter& table, ChangeLogWriter* log, ReviewListWriter* review)
      : table_(table), log_(log), review_(review) {}
  void header(const std::vector<std::string>& labels) override { table_.write_row(labels); }
  void row(const std::vector<std::string_view>& values) override { table_.write_view_row(values); }
  void change(const models::ChangeRecord& change) override {
    if (log_ != nullptr) log_->write(change);
  }
  bool keeps_changes() const override { return log_ != nullptr; }
  void review(const models::ReviewRecord& review) override {
    if (review_ != nullptr) review_->write(review);
  }
  bool keeps_reviews() const override { return review_ != nullptr; }

 private:
  TableWriter& table_;
  ChangeLogWriter* log_;
  ReviewListWriter* review_;
};

}  // namespace gifkit::tools

// transform_output.cpp — see transform_output.hpp.
#include "tools/output/transform_output.hpp"

#include "tools/output/json_text.hpp"

namespace gifkit::tools {

void ChangeLogWriter::write(const models::ChangeRecord& change) {
  buffer_ += '{';
  if (!file_.empty()) {
    buffer_ += "\"file\":";
    append_json_string(buffer_, file_);
    buffer_ += ',';
  }
  buffer_ += "\"row\":" + std::to_string(change.row) +
             ",\"column\":" + std::to_string(change.column) + ",\"item\":";
  append_json_string(buffer_, change.item);
  append_json_member(buffer_, "from", change.from);
  append_json_member(buffer_, "to", change.to);
  append_json_member(buffer_, "rule", change.rule);
  buffer_ += "}\n";
  if (buffer_.size() > 64 * 1024) flush();
}

void ChangeLogWriter::flush() {
  out_ << buffer_;
  buffer_.clear();
}

ReviewListWriter::ReviewListWriter(TableWriter& table, bool with_file)
    : table_(table), with_file_(with_file) {
  std::vector<std::string> header = {"row", "column", "item", "value", "why", "code", "candidates"};
  if (with_file_) header.insert(header.begin(), "file");
  table_.write_row(header);
}

void ReviewListWriter::write(const models::ReviewRecord& review) {
  std::vector<std::string> fields = {std::to_string(review.row),
                                     std::to_string(review.column),
                                     review.item,
                                     review.value,
                                     review.why,
                                     review.code,
                                     review.candidates};
  if (with_file_) fields.insert(fields.begin(), file_);
  table_.write_row(fields);
}

}  // namespace gifkit::tools

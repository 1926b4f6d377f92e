// registry_diff_output.cpp — see registry_diff_output.hpp.
#include "tools/output/registry_diff_output.hpp"

#include "grammars/io/csv_writer.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

namespace reg = gifkit::registries;

namespace {

std::string joined_kinds(const reg::RecordChange& change, const char* separator) {
  std::string kinds;
  for (const std::string& kind : change.kinds) kinds += (kinds.empty() ? "" : separator) + kind;
  return kinds;
}

Json change_json(const reg::RecordChange& change) {
  Json fields = Json::array();
  for (const reg::FieldChange& field : change.fields)
    fields.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
  return {{"part", std::string(reg::registry_part_name(change.part))},
          {"table", change.table},
          {"key", change.key},
          {"label", change.label},
          {"kinds", change.kinds},
          {"inOld", change.in_old},
          {"inNew", change.in_new},
          {"fields", std::move(fields)}};
}

Json summary_json(const reg::RegistryDiffSummary& summary) {
  Json parts = Json::array();
  for (const reg::PartSummary& part : summary.parts) {
    Json kinds = Json::object();
    for (const auto& [kind, count] : part.kinds) kinds[kind] = count;
    parts.push_back({{"part", std::string(reg::registry_part_name(part.part))},
                     {"oldRecords", part.old_records},
                     {"newRecords", part.new_records},
                     {"changedRecords", part.changed_records},
                     {"unchanged", part.unchanged},
                     {"kinds", std::move(kinds)}});
  }
  return parts;
}

class RegistryDiffTextWriter : public RegistryDiffWriter {
 public:
  RegistryDiffTextWriter(std::ostream& out, const std::string& old_path,
                         const std::string& new_path)
      : out_(out) {
    out_ << "--- " << old_path << "\n+++ " << new_path << "\n";
  }

  void change(const reg::RecordChange& change) override {
    out_ << reg::registry_part_name(change.part) << "  " << joined_kinds(change, ",") << "  "
         << change.key << "  " << change.label << "  ";
    bool first = true;
    for (const reg::FieldChange& field : change.fields) {
      out_ << (first ? "" : "; ") << field.field << ": ";
      if (!change.in_old || !change.in_new)
        out_ << (change.in_new ? field.after : field.before);
      else
        out_ << shown(field.before) << " → " << shown(field.after);
      first = false;
    }
    out_ << "\n";
  }

  void finish(const reg::RegistryDiffSummary& summary) override {
    out_ << registry_diff_summary(summary);
  }

 private:
  static std::string shown(const std::string& value) { return value.empty() ? "(empty)" : value; }

  std::ostream& out_;
};

// json: the changes written one a line as they come, the counts after them.
class RegistryDiffJsonWriter : public RegistryDiffWriter {
 public:
  RegistryDiffJsonWriter(std::ostream& out, const std::string& old_path,
                         const std::string& new_path)
      : out_(out) {
    out_ << "{\n  \"old\": " << json_text(Json{{"path", old_path}})
         << ",\n  \"new\": " << json_text(Json{{"path", new_path}}) << ",\n  \"changes\": [";
  }

  void change(const reg::RecordChange& change) override {
    out_ << (first_ ? "\n    " : ",\n    ") << json_text(change_json(change));
    first_ = false;
  }

  void finish(const reg::RegistryDiffSummary& summary) override {
    out_ << (first_ ? "]" : "\n  ]") << ",\n  \"oldDataDate\": " << json_text(summary.old_data_date)
         << ",\n  \"newDataDate\": " << json_text(summary.new_data_date)
         << ",\n  \"equal\": " << (summary.equal() ? "true" : "false")
         << ",\n  \"parts\": " << json_text(summary_json(summary)) << "\n}\n";
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

class RegistryDiffNdjsonWriter : public RegistryDiffWriter {
 public:
  explicit RegistryDiffNdjsonWriter(std::ostream& out) : out_(out) {}
  void change(const reg::RecordChange& change) override {
    out_ << json_text(change_json(change)) << "\n";
  }
  void finish(const reg::RegistryDiffSummary&) override {}

 private:
  std::ostream& out_;
};

// csv: a row a changed field (a record without fields: one row, field empty).
class CsvWriter : public RegistryDiffWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {
    out_ << "part,table,key,label,kinds,field,before,after\n";
  }

  void change(const reg::RecordChange& change) override {
    std::string start = std::string(reg::registry_part_name(change.part)) + "," +
                        grammars::csv_field(change.table) + "," + grammars::csv_field(change.key) +
                        "," + grammars::csv_field(change.label) + "," +
                        grammars::csv_field(joined_kinds(change, " ")) + ",";
    if (change.fields.empty()) out_ << start << ",,\n";
    for (const reg::FieldChange& field : change.fields) {
      out_ << start << grammars::csv_field(field.field) << "," << grammars::csv_field(field.before)
           << "," << grammars::csv_field(field.after) << "\n";
    }
  }
  void finish(const reg::RegistryDiffSummary&) override {}

 private:
  std::ostream& out_;
};

std::string with_commas(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

}  // namespace

std::string registry_diff_summary(const reg::RegistryDiffSummary& summary) {
  std::string text =
      "data dates: " + (summary.old_data_date.empty() ? "unknown" : summary.old_data_date) + " → " +
      (summary.new_data_date.empty() ? "unknown" : summary.new_data_date) + "\n";
  for (const reg::PartSummary& part : summary.parts) {
    text += std::string(reg::registry_part_name(part.part)) + ": ";
    if (part.kinds.empty()) text += "no change";
    bool first = true;
    for (const auto& [kind, count] : part.kinds) {
      text += (first ? "" : ", ") + with_commas(count) + " " + kind;
      first = false;
    }
    text += " (" + with_commas(part.old_records) + " records in OLD, " +
            with_commas(part.new_records) + " in NEW; " + with_commas(part.unchanged) +
            " unchanged)\n";
  }
  return text;
}

std::unique_ptr<RegistryDiffWriter> make_registry_diff_writer(OutputFormat format,
                                                              std::ostream& out,
                                                              const std::string& old_path,
                                                              const std::string& new_path) {
  switch (format) {
    case OutputFormat::json:
      return std::make_unique<RegistryDiffJsonWriter>(out, old_path, new_path);
    case OutputFormat::ndjson:
      return std::make_unique<RegistryDiffNdjsonWriter>(out);
    case OutputFormat::csv:
      return std::make_unique<CsvWriter>(out);
    default:
      return std::make_unique<RegistryDiffTextWriter>(out, old_path, new_path);
  }
}

}  // namespace gifkit::tools

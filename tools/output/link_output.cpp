// link_output.cpp — `gifkit link`'s result as csv, json, ndjson or text, and
// its review list (see link_output.hpp).
#include "tools/output/link_output.hpp"

#include <cmath>
#include <cstdio>

#include "grammars/io/csv_writer.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

namespace {

using models::AgreementLevel;
using models::LinkItem;
using models::LinkPair;
using models::LinkResult;
using models::PersonRecord;

constexpr std::size_t kItems = models::kLinkItemCount;

std::string_view item_name(std::size_t i) {
  return models::link_item_name(static_cast<LinkItem>(i));
}

// A weight with two decimals ("13.25", "-4.10").
std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string probability_text(double p) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", p);
  return text;
}

// An item's value as written in a record.
std::string written(const PersonRecord& r, std::size_t item) {
  static constexpr models::WrittenItem kWritten[kItems] = {
      models::WrittenItem::name, models::WrittenItem::birth_date, models::WrittenItem::sex,
      models::WrittenItem::address};
  return std::string(r.get(kWritten[item]));
}

std::string written(const PersonRecord& r, models::WrittenItem item) {
  return std::string(r.get(item));
}

// The columns of a link after its two rows: weight, rule, the levels, the
// probability, the item weights, the ids and the values of both sides.
std::vector<std::string> link_header_tail() {
  std::vector<std::string> header = {"weight", "rule"};
  for (std::size_t i = 0; i < kItems; ++i) header.emplace_back(item_name(i));
  header.emplace_back("probability");
  for (std::size_t i = 0; i < kItems; ++i) header.push_back(std::string(item_name(i)) + "_weight");
  header.insert(header.end(),
                {"left_id", "right_id", "left_name", "right_name", "left_kana", "right_kana"});
  for (std::size_t i = 1; i < kItems; ++i) {
    header.push_back("left_" + std::string(item_name(i)));
    header.push_back("right_" + std::string(item_name(i)));
  }
  return header;
}

void append_link_tail(std::vector<std::string>& row, const LinkResult& result,
                      const LinkPair& link) {
  const PersonRecord& a = result.left[link.left];
  const PersonRecord& b = result.right_side()[link.right];
  row.push_back(fixed(link.weight));
  row.emplace_back(models::link_rule_name(link.rule));
  for (const AgreementLevel level : link.levels)
    row.emplace_back(models::agreement_level_name(level));
  row.push_back(probability_text(link.probability));
  for (const double weight : link.item_weights) row.push_back(fixed(weight));
  for (const auto item :
       {models::WrittenItem::id, models::WrittenItem::name, models::WrittenItem::kana}) {
    row.push_back(written(a, item));
    row.push_back(written(b, item));
  }
  for (std::size_t i = 1; i < kItems; ++i) {
    row.push_back(written(a, i));
    row.push_back(written(b, i));
  }
}

// Per row of the file (one file), the index of its strongest link, or -1.
std::vector<std::int64_t> strongest_links(const LinkResult& result) {
  std::vector<std::int64_t> best(result.left.size(), -1);
  for (std::size_t l = 0; l < result.links.size(); ++l) {
    for (const std::uint32_t row : {result.links[l].left, result.links[l].right})
      if (best[row] < 0 || result.links[std::size_t(best[row])].weight < result.links[l].weight)
        best[row] = std::int64_t(l);
  }
  return best;
}

void write_csv(const LinkResult& result, std::ostream& out) {
  grammars::CsvWriter csv(out, ',', "\n");
  std::vector<std::string> row;
  if (!result.dedupe) {
    row = {"left_row", "right_row"};
    for (auto& column : link_header_tail()) row.push_back(column);
    csv.write_row(row);
    for (const LinkPair& link : result.links) {
      row = {std::to_string(result.left[link.left].row),
             std::to_string(result.right[link.right].row)};
      append_link_tail(row, result, link);
      csv.write_row(row);
    }
    return;
  }
  // One file: a row per row of a cluster, with its strongest link.
  row = {"cluster", "row", "linked_row", "ambiguous"};
  for (auto& column : link_header_tail()) row.push_back(column);
  csv.write_row(row);
  const std::vector<std::int64_t> best = strongest_links(result);
  for (std::size_t c = 0; c < result.clusters.size(); ++c) {
    for (const std::uint32_t member : result.clusters[c].records) {
      const LinkPair& link = result.links[std::size_t(best[member])];
      const std::uint32_t other = link.left == member ? link.right : link.left;
      row = {std::to_string(c + 1), std::to_string(result.left[member].row),
             std::to_string(result.left[other].row), result.clusters[c].ambiguous ? "yes" : "no"};
      append_link_tail(row, result, link);
      csv.write_row(row);
    }
  }
}

Json link_json(const LinkResult& result, const LinkPair& link) {
  const PersonRecord& a = result.left[link.left];
  const PersonRecord& b = result.right_side()[link.right];
  Json items = Json::object();
  for (std::size_t i = 0; i < kItems; ++i) {
    Json item = {{"level", models::agreement_level_name(link.levels[i])},
                 {"weight", std::round(link.item_weights[i] * 100) / 100},
                 {"left", written(a, i)},
                 {"right", written(b, i)}};
    if (i == 0) {
      item["left_kana"] = written(a, models::WrittenItem::kana);
      item["right_kana"] = written(b, models::WrittenItem::kana);
    }
    items[std::string(item_name(i))] = std::move(item);
  }
  Json json = {{"left_row", a.row},
               {"right_row", b.row},
               {"weight", std::round(link.weight * 100) / 100},
               {"probability", link.probability},
               {"rule", models::link_rule_name(link.rule)},
               {"certain", link.rule != models::LinkRule::fewer},
               {"items", std::move(items)}};
  if (!a.get(models::WrittenItem::id).empty() || !b.get(models::WrittenItem::id).empty()) {
    json["left_id"] = written(a, models::WrittenItem::id);
    json["right_id"] = written(b, models::WrittenItem::id);
  }
  return json;
}

Json cluster_json(const LinkResult& result, std::size_t c) {
  Json rows = Json::array();
  for (const std::uint32_t member : result.clusters[c].records)
    rows.push_back(result.left[member].row);
  return {
      {"cluster", c + 1}, {"rows", std::move(rows)}, {"ambiguous", result.clusters[c].ambiguous}};
}

Json summary_json(const LinkResult& result) {
  const models::LinkSummary& s = result.summary;
  Json json = {{"mode", result.dedupe ? "dedupe" : "link"},
               {"model", result.model},
               {"left_rows", s.left_rows},
               {"candidate_pairs", s.candidate_pairs},
               {"links", s.links},
               {"certain", s.certain},
               {"review", s.review},
               {"rows_without_items", s.rows_without_items},
               {"skipped_blocks", s.skipped_blocks}};
  if (!result.dedupe) json["right_rows"] = s.right_rows;
  if (result.dedupe) json["clusters"] = s.clusters;
  if (result.audit) {
    json["mode"] = "audit";
    json["files"] = result.files;
    json["audited_ids"] = s.audited_ids;
    json["findings"] = s.findings;
  }
  json["notes"] = s.notes;
  return json;
}

Json parameters_json(const models::LinkParameters& p) {
  Json items = Json::object();
  for (std::size_t i = 0; i < kItems; ++i) {
    Json levels = Json::object();
    for (std::size_t l = 1; l < models::kAgreementLevelCount; ++l) {
      if (p.m[i][l] <= 0 && p.u[i][l] <= 0) continue;
      levels[std::string(models::agreement_level_name(static_cast<AgreementLevel>(l)))] = {
          {"m", p.m[i][l]},
          {"u", p.u[i][l]},
          {"weight",
           std::round(std::log2(std::max(p.m[i][l], 1e-12) / std::max(p.u[i][l], 1e-12)) * 100) /
               100}};
    }
    items[std::string(item_name(i))] = std::move(levels);
  }
  return {{"prior_weight", std::round(p.prior_weight * 100) / 100},
          {"expected_matches", std::round(p.expected_matches)},
          {"em_iterations", p.em_iterations},
          {"random_pairs", p.random_pairs},
          {"items", std::move(items)}};
}

void write_text(const LinkResult& result, std::ostream& out) {
  for (const LinkPair& link : result.links) {
    out << (result.dedupe ? "row " : "left row ") << result.left[link.left].row
        << (result.dedupe ? " = row " : " ↔ right row ") << result.right_side()[link.right].row
        << ": weight " << fixed(link.weight) << " (" << models::link_rule_name(link.rule) << ")";
    for (std::size_t i = 0; i < kItems; ++i) {
      out << (i == 0 ? "; " : ", ") << item_name(i) << " "
          << models::agreement_level_name(link.levels[i]);
      if (link.levels[i] != AgreementLevel::missing)
        out << " " << (link.item_weights[i] >= 0 ? "+" : "") << fixed(link.item_weights[i]);
    }
    out << "\n";
  }
  out << link_summary_line(result) << "\n";
}

Json finding_json(const LinkResult& result, const models::AuditFinding& finding) {
  Json json = {{"finding", models::audit_kind_name(finding.kind)},
               {"pattern", finding.pattern},
               {"ids", finding.ids},
               {"left_file", result.files[result.left[finding.pair.left].file]},
               {"right_file", result.files[result.left[finding.pair.right].file]}};
  json.update(link_json(result, finding.pair));
  return json;
}

void write_audit_text(const LinkResult& result, std::ostream& out) {
  for (const models::AuditFinding& finding : result.findings) {
    const PersonRecord& a = result.left[finding.pair.left];
    const PersonRecord& b = result.left[finding.pair.right];
    out << models::audit_kind_name(finding.kind) << " (" << finding.pattern << ") ID";
    for (std::size_t i = 0; i < finding.ids.size(); ++i) out << (i ? ", " : " ") << finding.ids[i];
    out << ": " << result.files[a.file] << " row " << a.row << " and " << result.files[b.file]
        << " row " << b.row << ": weight " << fixed(finding.pair.weight);
    for (std::size_t i = 0; i < kItems; ++i)
      out << (i == 0 ? "; " : ", ") << item_name(i) << " "
          << models::agreement_level_name(finding.pair.levels[i]);
    out << "\n";
  }
  out << link_summary_line(result) << "\n";
}

// A registered corporation's status: open, closed (with its date and
// cause) or deleted.
std::string status_of(const models::RegisteredCorporation& c) {
  if (c.number.empty()) return "";
  if (c.deleted()) return "deleted";
  if (!c.close_date.empty())
    return "closed " + c.close_date + (c.close_cause_name.empty() ? "" : " " + c.close_cause_name);
  return "open";
}

Json corporation_json(const LinkResult& result, const models::CorporationLink& link) {
  const PersonRecord& row = result.left[link.record];
  Json json = {{"left_row", row.row},
               {"corporate_number", link.registered.number},
               {"rule", link.rule},
               {"certain", link.certain},
               {"review", link.review},
               {"candidates", link.candidates},
               {"name",
                {{"level", models::agreement_level_name(link.name)},
                 {"left", written(row, models::WrittenItem::name)},
                 {"registered", link.registered.name}}},
               {"address",
                {{"level", models::agreement_level_name(link.address)},
                 {"left", written(row, models::WrittenItem::address)},
                 {"registered", link.registered.address()}}},
               {"status", status_of(link.registered)}};
  if (!row.get(models::WrittenItem::id).empty())
    json["left_id"] = written(row, models::WrittenItem::id);
  return json;
}

Json corporation_summary_json(const LinkResult& result) {
  const models::LinkSummary& s = result.summary;
  return {{"mode", "corporations"}, {"model", result.model}, {"left_rows", s.left_rows},
          {"links", s.links},       {"certain", s.certain},  {"review", s.review},
          {"notes", s.notes}};
}

}  // namespace

void write_corporation_links(const LinkResult& result, OutputFormat format, std::ostream& out,
                             bool review_only) {
  switch (format) {
    case OutputFormat::csv: {
      grammars::CsvWriter csv(out, ',', "\n");
      csv.write_row(std::vector<std::string>{"left_row", "corporate_number", "rule", "certain",
                                             "name", "address", "candidates", "left_id",
                                             "left_name", "registered_name", "left_address",
                                             "registered_address", "status"});
      for (const models::CorporationLink& link : result.corporation_links) {
        if (review_only && !link.review) continue;
        const PersonRecord& row = result.left[link.record];
        csv.write_row(std::vector<std::string>{
            std::to_string(row.row), link.registered.number, link.rule, link.certain ? "yes" : "no",
            std::string(models::agreement_level_name(link.name)),
            std::string(models::agreement_level_name(link.address)),
            std::to_string(link.candidates), written(row, models::WrittenItem::id),
            written(row, models::WrittenItem::name), link.registered.name,
            written(row, models::WrittenItem::address), link.registered.address(),
            status_of(link.registered)});
      }
      return;
    }
    case OutputFormat::ndjson:
      for (const models::CorporationLink& link : result.corporation_links)
        out << json_text(corporation_json(result, link)) << "\n";
      out << json_text(Json{{"summary", corporation_summary_json(result)}}) << "\n";
      return;
    case OutputFormat::json: {
      Json rows = Json::array();
      for (const models::CorporationLink& link : result.corporation_links)
        rows.push_back(corporation_json(result, link));
      out << json_text(Json{{"summary", corporation_summary_json(result)}, {"rows", rows}}, 2)
          << "\n";
      return;
    }
    default:
      for (const models::CorporationLink& link : result.corporation_links) {
        out << "row " << result.left[link.record].row << ": " << link.rule;
        if (!link.registered.number.empty())
          out << " → " << link.registered.number << " " << link.registered.name << " ("
              << link.registered.address() << ", " << status_of(link.registered) << ")";
        out << "; name " << models::agreement_level_name(link.name) << ", address "
            << models::agreement_level_name(link.address) << ", " << link.candidates
            << " of that name"
            << (link.certain  ? ""
                : link.review ? "; for review"
                              : "")
            << "\n";
      }
      out << link_summary_line(result) << "\n";
      return;
  }
}

void write_link_audit(const LinkResult& result, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::csv: {
      grammars::CsvWriter csv(out, ',', "\n");
      std::vector<std::string> row = {"finding",  "pattern",    "ids",      "left_file",
                                      "left_row", "right_file", "right_row"};
      for (auto& column : link_header_tail()) row.push_back(column);
      csv.write_row(row);
      for (const models::AuditFinding& finding : result.findings) {
        const PersonRecord& a = result.left[finding.pair.left];
        const PersonRecord& b = result.left[finding.pair.right];
        std::string ids;
        for (const std::string& id : finding.ids) ids += (ids.empty() ? "" : ";") + id;
        row = {std::string(models::audit_kind_name(finding.kind)),
               finding.pattern,
               ids,
               result.files[a.file],
               std::to_string(a.row),
               result.files[b.file],
               std::to_string(b.row)};
        append_link_tail(row, result, finding.pair);
        csv.write_row(row);
      }
      return;
    }
    case OutputFormat::ndjson:
      for (const models::AuditFinding& finding : result.findings)
        out << json_text(finding_json(result, finding)) << "\n";
      out << json_text(Json{{"summary", summary_json(result)}}) << "\n";
      return;
    case OutputFormat::json: {
      Json findings = Json::array();
      for (const models::AuditFinding& finding : result.findings)
        findings.push_back(finding_json(result, finding));
      Json document = {{"summary", summary_json(result)},
                       {"parameters", parameters_json(result.parameters)},
                       {"findings", std::move(findings)}};
      out << json_text(document, 2) << "\n";
      return;
    }
    default:
      write_audit_text(result, out);
      return;
  }
}

void write_link_result(const LinkResult& result, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::csv:
      write_csv(result, out);
      return;
    case OutputFormat::ndjson: {
      for (const LinkPair& link : result.links) out << json_text(link_json(result, link)) << "\n";
      for (std::size_t c = 0; c < result.clusters.size(); ++c)
        out << json_text(cluster_json(result, c)) << "\n";
      out << json_text(Json{{"summary", summary_json(result)}}) << "\n";
      return;
    }
    case OutputFormat::json: {
      Json links = Json::array(), clusters = Json::array(), review = Json::array();
      for (const LinkPair& link : result.links) links.push_back(link_json(result, link));
      for (std::size_t c = 0; c < result.clusters.size(); ++c)
        clusters.push_back(cluster_json(result, c));
      for (const std::size_t l : result.review)
        review.push_back(link_json(result, result.links[l]));
      Json document = {{"summary", summary_json(result)},
                       {"parameters", parameters_json(result.parameters)},
                       {"links", std::move(links)}};
      if (result.dedupe) document["clusters"] = std::move(clusters);
      document["review"] = std::move(review);
      out << json_text(document, 2) << "\n";
      return;
    }
    default:
      write_text(result, out);
      return;
  }
}

void write_link_review(const LinkResult& result, std::ostream& out) {
  grammars::CsvWriter csv(out, ',', "\n");
  std::vector<std::string> row = {"reason", "left_row", "right_row"};
  for (auto& column : link_header_tail()) row.push_back(column);
  csv.write_row(row);
  std::vector<std::uint32_t> left_links(result.left.size()),
      right_links(result.right_side().size());
  for (const LinkPair& link : result.links) {
    ++left_links[link.left];
    ++right_links[link.right];
  }
  for (const std::size_t l : result.review) {
    const LinkPair& link = result.links[l];
    std::string reason;
    if (result.dedupe) {
      reason = "cluster joined through another row";
    } else {
      const bool one_to_many = left_links[link.left] > 1, many_to_one = right_links[link.right] > 1;
      reason = one_to_many && many_to_one ? "N:M" : one_to_many ? "1:N" : "N:1";
    }
    row = {reason, std::to_string(result.left[link.left].row),
           std::to_string(result.right_side()[link.right].row)};
    append_link_tail(row, result, link);
    csv.write_row(row);
  }
}

std::string link_summary_line(const LinkResult& result) {
  const models::LinkSummary& s = result.summary;
  if (result.corporations)
    return std::to_string(s.left_rows) + " rows: " + std::to_string(s.links) +
           " linked to a 法人番号 (" + std::to_string(s.certain) + " certain), " +
           std::to_string(s.review) + " for review";
  std::string line = std::to_string(s.left_rows) + " rows";
  if (!result.dedupe) line += " and " + std::to_string(s.right_rows) + " rows";
  line += ": " + std::to_string(s.candidate_pairs) + " candidate pairs, " +
          std::to_string(s.links) + " links (" + std::to_string(s.certain) + " certain)";
  if (result.dedupe) line += ", " + std::to_string(s.clusters) + " clusters";
  line += ", " + std::to_string(s.review) + " for review";
  if (result.audit)
    line += "; " + std::to_string(s.audited_ids) + " IDs on two rows or more, " +
            std::to_string(s.findings) + " findings";
  return line;
}

}  // namespace gifkit::tools

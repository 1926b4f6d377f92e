// link_html.cpp — `gifkit link -f html`: one page a person reviews in a
// browser, in the look of validate's and diff's pages (html_page.hpp): the
// files and the summary, what needs a person first (the review list, or an
// audit's findings), then every link with its explanation — per item the
// level, the weight it adds and both values as written — and, for a list of
// corporations, each row with the 法人番号 it was linked to. The summary's
// numbers are also data- attributes, for scripts and tests. Nothing is
// fetched.
#include <cstdio>

#include "tools/output/html_page.hpp"
#include "tools/output/link_output.hpp"

namespace gifkit::tools {

namespace {

using models::AgreementLevel;
using models::LinkPair;
using models::LinkResult;
using models::PersonRecord;
using models::WrittenItem;

constexpr std::string_view kStyle =
    ".level{font-size:85%;padding:0 .3em;border-radius:3px}"
    ".exact,.folded{background:#e6ffe6}.reading{background:#eef6ff}.close{background:#fff6d6}"
    ".disagree{background:#ffe6e6}.missing{color:#888}.weight{color:#555;font-size:85%}"
    "tr.fewer td.rule{color:#a50}tr.review{outline:2px solid #e0a000}"
    "#summary{margin-top:1em;font-weight:bold}td.values{white-space:nowrap}";

std::string signed_weight(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f", value);
  return text;
}

std::string where(const LinkResult& result, const PersonRecord& r) {
  std::string text = "row " + std::to_string(r.row);
  if (result.audit && result.files.size() > 1) text = result.files[r.file] + " " + text;
  const std::string_view id = r.get(WrittenItem::id);
  if (!id.empty()) text += " (" + std::string(id) + ")";
  return text;
}

void write_link_row(std::ostream& out, const LinkResult& result, const LinkPair& link,
                    std::string_view label, bool review) {
  static constexpr WrittenItem kWritten[] = {WrittenItem::name, WrittenItem::birth_date,
                                             WrittenItem::sex, WrittenItem::address};
  const PersonRecord& a = result.left[link.left];
  const PersonRecord& b = result.right_side()[link.right];
  out << "<tr class=\"" << models::link_rule_name(link.rule) << (review ? " review" : "")
      << "\"><td>" << html_escape(label) << "</td><td>" << html_escape(where(result, a)) << "<br>"
      << html_escape(where(result, b)) << "</td><td>" << signed_weight(link.weight)
      << "</td><td class=\"rule\">" << models::link_rule_name(link.rule) << "</td>";
  for (std::size_t i = 0; i < models::kLinkItemCount; ++i) {
    const std::string_view level = models::agreement_level_name(link.levels[i]);
    out << "<td class=\"values\"><span class=\"level " << level << "\">" << level << "</span>";
    if (link.levels[i] != AgreementLevel::missing)
      out << " <span class=\"weight\">" << signed_weight(link.item_weights[i]) << "</span>";
    out << "<br>" << html_escape(a.get(kWritten[i]));
    if (i == 0 && !a.get(WrittenItem::kana).empty())
      out << " <small>" << html_escape(a.get(WrittenItem::kana)) << "</small>";
    out << "<br>" << html_escape(b.get(kWritten[i]));
    if (i == 0 && !b.get(WrittenItem::kana).empty())
      out << " <small>" << html_escape(b.get(WrittenItem::kana)) << "</small>";
    out << "</td>";
  }
  out << "</tr>\n";
}

void open_table(std::ostream& out, std::string_view id, std::string_view first) {
  out << "<table id=\"" << id << "\" class=\"rows\"><thead><tr><th>" << first
      << "</th><th>rows</th><th>weight</th><th>rule</th><th>氏名</th><th>生年月日</th>"
         "<th>性別</th><th>住所</th></tr></thead><tbody>\n";
}

void write_corporations(std::ostream& out, const LinkResult& result) {
  out << "<table id=\"corporations\" class=\"rows\"><thead><tr><th>row</th><th>法人番号</th>"
         "<th>rule</th><th>商号</th><th>所在地</th><th>candidates</th></tr></thead><tbody>\n";
  for (const models::CorporationLink& link : result.corporation_links) {
    const PersonRecord& row = result.left[link.record];
    out << "<tr class=\"" << html_escape(link.rule) << (link.review ? " review" : "") << "\"><td>"
        << html_escape(where(result, row)) << "</td><td>" << html_escape(link.registered.number)
        << "</td><td class=\"rule\">" << html_escape(link.rule)
        << (link.certain ? " (certain)" : "") << "</td><td>"
        << "<span class=\"level " << models::agreement_level_name(link.name) << "\">"
        << models::agreement_level_name(link.name) << "</span><br>"
        << html_escape(row.get(WrittenItem::name)) << "<br>" << html_escape(link.registered.name)
        << "</td><td><span class=\"level " << models::agreement_level_name(link.address) << "\">"
        << models::agreement_level_name(link.address) << "</span><br>"
        << html_escape(row.get(WrittenItem::address)) << "<br>"
        << html_escape(link.registered.address()) << "</td><td>" << link.candidates
        << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

void write_link_html(const LinkResult& result, std::ostream& out) {
  std::string title = "gifkit link: ";
  for (std::size_t f = 0; f < result.files.size(); ++f) title += (f ? " ↔ " : "") + result.files[f];
  begin_html_page(out, title, kStyle);
  out << "<h1>gifkit link</h1>\n<p class=\"files\">";
  for (std::size_t f = 0; f < result.files.size(); ++f)
    out << (f ? " ↔ " : "") << html_escape(result.files[f]);
  out << "</p>\n<p class=\"how\">model: " << html_escape(result.model);
  if (!result.corporations)
    out << "; prior weight " << signed_weight(result.parameters.prior_weight) << ", EM "
        << result.parameters.em_iterations << " iterations, u from "
        << result.parameters.random_pairs << " random pairs";
  out << "</p>\n";
  if (result.corporations) {
    write_corporations(out, result);
  } else {
    if (result.audit) {
      out << "<h2>Findings</h2>\n";
      open_table(out, "findings", "finding");
      for (const models::AuditFinding& finding : result.findings) {
        std::string label =
            std::string(models::audit_kind_name(finding.kind)) + " (" + finding.pattern + ")";
        write_link_row(out, result, finding.pair, label, true);
      }
      out << "</tbody></table>\n";
    } else if (!result.review.empty()) {
      out << "<h2>For review</h2>\n";
      open_table(out, "review", "link");
      for (const std::size_t l : result.review)
        write_link_row(out, result, result.links[l], std::to_string(l + 1), true);
      out << "</tbody></table>\n";
    }
    out << "<h2>Links</h2>\n";
    open_table(out, "links", "link");
    for (std::size_t l = 0; l < result.links.size(); ++l)
      write_link_row(out, result, result.links[l], std::to_string(l + 1), false);
    out << "</tbody></table>\n";
  }
  for (const std::string& note : result.summary.notes)
    out << "<p class=\"note\">" << html_escape(note) << "</p>\n";
  const models::LinkSummary& s = result.summary;
  out << "<p id=\"summary\" data-links=\"" << s.links << "\" data-certain=\"" << s.certain
      << "\" data-review=\"" << s.review << "\" data-findings=\"" << s.findings << "\">"
      << html_escape(link_summary_line(result)) << "</p>\n";
  end_html_page(out);
}

}  // namespace gifkit::tools

// routes_nta_webapi.cpp — the 国税庁 法人番号システム Web-API (version 4) served
// beside /v1, so that a client of the NTA's API works unchanged with its base
// URL pointed at gifkit (issue #58): GET /4/num (up to 10 numbers, history=1
// every imported row), GET /4/diff (the rows published in [from, to], by
// address and kind, 2,000 a divide) and GET /4/name (the name index, mode
// and target mapped onto it), in the NTA's CSV (Shift_JIS or UTF-8) or XML
// (nta_webapi_body.hpp). id (the application id) is taken and ignored. An
// error is a 400 in the form type asks for (docs/serve.md "NTA Web-API
// routes" says what is approximated).
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "registries/moji/shrink.hpp"
#include "tools/output/character_view.hpp"
#include "tools/serve/nta_webapi_body.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

namespace houjin = gifkit::registries::houjin;

constexpr std::size_t kNtaMostNumbers = 10;       // the NTA's limit of /num
constexpr std::uint64_t kNtaDivideRows = 2000;    // rows in one part (divide) of an answer
constexpr std::int64_t kNtaMostNameRows = 10000;  // name matches read (count stops there)

NtaType nta_answer_type(const Request& request) {
  const std::string text = text_parameter(request, "type");
  if (text.empty()) throw HttpError(400, "missing-parameter", "'type' is required: 01, 02 or 12");
  auto type = parse_nta_type(text);
  if (!type) {
    throw HttpError(400, "bad-parameter",
                    "'type' is '" + shown_text(text) +
                        "'; it must be 01 (CSV Shift_JIS), 02 (CSV Unicode) or 12 (XML)");
  }
  return *type;
}

// A parameter that is one of choices ("" → fallback).
std::string nta_choice_parameter(const Request& request, const std::string& name,
                                 std::initializer_list<std::string_view> choices,
                                 std::string fallback) {
  std::string text = text_parameter(request, name);
  if (text.empty()) return fallback;
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
  std::string allowed;
  for (auto choice : choices) allowed += (allowed.empty() ? "" : ", ") + std::string(choice);
  throw HttpError(400, "bad-parameter",
                  "'" + name + "' is '" + shown_text(text) + "'; it must be one of " + allowed);
}

// A YYYY-MM-DD date parameter ("" when absent and not required).
std::string nta_date_parameter(const Request& request, const std::string& name, bool required) {
  std::string text = text_parameter(request, name);
  if (text.empty()) {
    if (required)
      throw HttpError(400, "missing-parameter", "'" + name + "' is required: YYYY-MM-DD");
    return text;
  }
  if (text.size() != 10 || !grammars::parse_iso_date(text)) {
    throw HttpError(400, "bad-parameter",
                    "'" + name + "' is '" + shown_text(text) + "'; it must be a date YYYY-MM-DD");
  }
  return text;
}

// kind=01,02,03,04 (国の機関, 地方公共団体, 設立登記法人, 外国会社等・その他) as
// the first digits of the kinds (101, 201, 301–399, 401 and 499): "" all.
std::string nta_kind_leads(const Request& request) {
  std::string leads;
  for (const auto& kind : list_parameter(request, "kind")) {
    if (kind.size() != 2 || kind[0] != '0' || kind[1] < '1' || kind[1] > '4') {
      throw HttpError(400, "bad-parameter",
                      "'kind' holds '" + shown_text(kind) + "'; each must be 01, 02, 03 or 04");
    }
    if (leads.find(kind[1]) == std::string::npos) leads += kind[1];
  }
  return leads;
}

// address=PP (JIS X 0401) or PPCCC (with JIS X 0402's city): {PP, CCC}.
std::pair<std::string, std::string> nta_address_parameter(const Request& request) {
  const std::string text = text_parameter(request, "address");
  if (text.empty()) return {};
  const bool digits =
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (text.size() != 2 && text.size() != 5)) {
    throw HttpError(400, "bad-parameter",
                    "'address' is '" + shown_text(text) +
                        "'; it must be a prefecture code (2 digits) or a prefecture and city "
                        "code (5 digits)");
  }
  return {text.substr(0, 2), text.size() == 5 ? text.substr(2) : ""};
}

// The part asked for (divide, from 1) of count rows.
NtaAnswerHead nta_head_of(const Request& request, std::string last_update_date,
                          std::uint64_t count) {
  NtaAnswerHead head;
  head.last_update_date = std::move(last_update_date);
  head.count = count;
  head.divide_size = std::max<std::uint64_t>(1, (count + kNtaDivideRows - 1) / kNtaDivideRows);
  head.divide_number =
      static_cast<std::uint64_t>(integer_parameter(request, "divide", 1, 1, 99999));
  if (head.divide_number > head.divide_size) {
    throw HttpError(400, "bad-parameter",
                    "'divide' is " + std::to_string(head.divide_number) + " but the answer has " +
                        std::to_string(head.divide_size) + " part(s) of " +
                        std::to_string(kNtaDivideRows) + " rows");
  }
  head.first_sequence = (head.divide_number - 1) * kNtaDivideRows + 1;
  return head;
}

// What a character outside JIS X 0208 becomes in a Shift_JIS answer: the
// first replacement of the character data's 縮退 (the NTA's JIS縮退マップ
// first) into jisx0208, when the registry holds character data.
ShiftJisSubstitute nta_substitute_of(const RegistrySnapshot& snapshot) {
  if (!snapshot.has_characters()) return {};
  const auto& target = snapshot.character_sets("jisx0208").target;
  return [&snapshot, &target](std::string_view character) -> std::string {
    auto choice = registries::moji::choose_replacement(snapshot.characters(), character, target);
    return choice.candidates.empty() ? std::string() : choice.candidates.front().text;
  };
}

void nta_answer_rows(Answer& answer, NtaType type, const NtaAnswerHead& head,
                     const std::vector<houjin::HoujinRecord>& rows,
                     const RegistrySnapshot& snapshot) {
  answer.status = 200;
  answer.set_content(nta_body(type, head, rows, nta_substitute_of(snapshot)),
                     nta_content_type(type));
}

void nta_num(const Service& service, const Request& request, Answer& answer, NtaType type) {
  const std::vector<std::string> numbers = list_parameter(request, "number");
  if (numbers.empty())
    throw HttpError(400, "missing-parameter", "'number' is required: 1 to 10 corporate numbers");
  if (numbers.size() > kNtaMostNumbers) {
    throw HttpError(400, "too-many-numbers",
                    "'number' names " + std::to_string(numbers.size()) + "; at most 10");
  }
  for (const auto& number : numbers) {
    const auto verdict = grammars::check_corporate_number(number);
    if (verdict.ok()) continue;
    const bool digit = verdict.status == grammars::ValueStatus::invalid_check_digit;
    throw HttpError(400, digit ? "bad-check-digit" : "bad-corporate-number",
                    "'" + shown_text(number) + "' is not a corporate number: " + verdict.reason);
  }
  const bool history = nta_choice_parameter(request, "history", {"0", "1"}, "0") == "1";
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry(), RegistrySnapshot::Reads::several);
  const registries::CorporationReader corporations(read);
  std::vector<houjin::HoujinRecord> rows;
  for (const auto& number : numbers) {
    if (history) {
      for (auto& row : corporations.history(number)) rows.push_back(std::move(row));
    } else if (auto found = corporations.find(number)) {
      rows.push_back(std::move(*found));
    }
  }
  NtaAnswerHead head;
  head.last_update_date = corporations.newest_update_date();
  head.count = rows.size();
  nta_answer_rows(answer, type, head, rows, *snapshot);
}

void nta_diff(const Service& service, const Request& request, Answer& answer, NtaType type) {
  houjin::PublishedRowsQuery query;
  query.from = nta_date_parameter(request, "from", true);
  query.to = nta_date_parameter(request, "to", true);
  if (query.to < query.from) {
    throw HttpError(400, "bad-parameter",
                    "'from' (" + query.from + ") is after 'to' (" + query.to + ")");
  }
  std::tie(query.prefecture_code, query.city_code) = nta_address_parameter(request);
  query.kind_leads = nta_kind_leads(request);
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry(), RegistrySnapshot::Reads::several);
  const registries::CorporationReader corporations(read);
  // One read: the part asked for, and the count it is then checked against.
  const auto divide = static_cast<std::uint64_t>(integer_parameter(request, "divide", 1, 1, 99999));
  query.offset = (divide - 1) * kNtaDivideRows;
  query.limit = kNtaDivideRows;
  const auto published = corporations.published(query);
  const NtaAnswerHead head =
      nta_head_of(request, corporations.newest_update_date(), published.count);
  nta_answer_rows(answer, type, head, published.rows, *snapshot);
}

void nta_name(const Service& service, const Request& request, Answer& answer, NtaType type) {
  houjin::NameQuery query;
  query.text = text_parameter(request, "name");
  if (query.text.empty()) throw HttpError(400, "missing-parameter", "'name' is required");
  const bool prefix_only = nta_choice_parameter(request, "mode", {"1", "2"}, "1") == "1";
  const std::string target = nta_choice_parameter(request, "target", {"1", "2", "3"}, "1");
  if (target == "3") query.field = houjin::SearchField::en_name;
  if (houjin::name_key(query.text).empty()) {
    throw HttpError(400, "empty-name",
                    "'" + shown_text(query.text) +
                        "' has nothing to search for once legal-form "
                        "words (株式会社, (株), ...) and spaces are removed");
  }
  const auto [prefecture_code, city_code] = nta_address_parameter(request);
  const std::string leads = nta_kind_leads(request);
  nta_choice_parameter(request, "change", {"0", "1"}, "0");  // past names: not searched (docs)
  query.open_only = nta_choice_parameter(request, "close", {"0", "1"}, "1") == "0";
  const std::string from = nta_date_parameter(request, "from", false);
  const std::string to = nta_date_parameter(request, "to", false);
  if (!from.empty() && !to.empty() && to < from) {
    throw HttpError(400, "bad-parameter", "'from' (" + from + ") is after 'to' (" + to + ")");
  }
  query.limit = kNtaMostNameRows;
  auto snapshot = corporation_snapshot(service);
  const registries::RegistryRead read(snapshot->registry(), RegistrySnapshot::Reads::several);
  const registries::CorporationReader corporations(read);
  const std::size_t column = target == "3" ? houjin::kEnName : houjin::kName;
  std::vector<houjin::HoujinRecord> rows;
  for (auto& match : corporations.search(query)) {
    const auto& row = match.record;
    if (prefix_only && match.match == houjin::MatchKind::substring) continue;
    if (target == "2") {  // 完全一致: the name as written, not folded
      const auto at = row[column].find(query.text);
      if (at == std::string::npos || (prefix_only && at != 0)) continue;
    }
    if (!leads.empty() &&
        (row[houjin::kKind].empty() || leads.find(row[houjin::kKind][0]) == std::string::npos))
      continue;
    if (!prefecture_code.empty() && row[houjin::kPrefectureCode] != prefecture_code) continue;
    if (!city_code.empty() && row[houjin::kPrefectureCode + 1] != city_code) continue;
    if (!from.empty() && row[houjin::kAssignmentDate] < from) continue;
    if (!to.empty() && row[houjin::kAssignmentDate] > to) continue;
    rows.push_back(std::move(match.record));
  }
  NtaAnswerHead head = nta_head_of(request, corporations.newest_update_date(), rows.size());
  const auto first = static_cast<std::ptrdiff_t>(head.first_sequence - 1);
  std::vector<houjin::HoujinRecord> part(
      rows.begin() + first,
      rows.begin() + std::min<std::ptrdiff_t>(first + static_cast<std::ptrdiff_t>(kNtaDivideRows),
                                              static_cast<std::ptrdiff_t>(rows.size())));
  nta_answer_rows(answer, type, head, part, *snapshot);
}

using NtaRoute = void (*)(const Service&, const Request&, Answer&, NtaType);

// The route, its HttpErrors answered in the NTA's form (type's, or CSV in
// UTF-8 when type itself is wrong).
Routes::Handler nta_route(Service& service, std::string_view path, NtaRoute route) {
  return registry_reads([&service, path, route](const Request& request, Answer& answer) {
    take_route(path);
    NtaType type = NtaType::csv_utf8;
    try {
      type = nta_answer_type(request);
      route(service, request, answer, type);
    } catch (const HttpError& error) {
      answer.status = error.status();
      answer.set_content(nta_error_body(type, error.code(), error.what(), {}),
                         nta_content_type(type));
    }
  });
}

}  // namespace

void add_nta_webapi_routes(Routes& server, Service& service) {
  server.Get("/4/num", nta_route(service, "/4/num", nta_num));
  server.Get("/4/diff", nta_route(service, "/4/diff", nta_diff));
  server.Get("/4/name", nta_route(service, "/4/name", nta_name));
}

}  // namespace gifkit::tools::serve

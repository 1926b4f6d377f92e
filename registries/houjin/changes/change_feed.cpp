// change_feed.cpp — see change_feed.hpp. The rows dated in the range are
// read in order of that date and import; for each, the whole history of its
// corporation is read once (while its rows follow each other) and turned
// into events, so that every row has its before and its re-sent mark. On a
// server, the histories of the next rows' corporations are read together.
#include "registries/houjin/changes/change_feed.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::registries::houjin {
namespace {

// The end of an open range: after every YYYY-MM-DD.
constexpr std::string_view kNoEnd = "9999-99-99";

// Rows of the range a server's feed reads before it reads their
// corporations' histories together.
constexpr std::size_t kServerLookahead = 256;

// The columns two rows are compared on for a re-send: the state and the
// number, process and changeDate (sequenceNumber, correct, updateDate and
// latest differ between a row and its re-sent copy).
bool is_resend_column(std::size_t column) {
  return column != kSequenceNumber && column != kCorrect && column != kUpdateDate &&
         column != kLatest;
}

bool same_published_state(const HoujinRecord& a, const HoujinRecord& b) {
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    if (is_resend_column(i) && a[i] != b[i]) return false;
  return true;
}

// A row carries the corporation's state unless it is a deletion's (process
// 99: FORMAT.md §4.1, every field but number, process and dates empty; its
// kind, never empty otherwise, tells).
bool carries_state(const HoujinRecord& row) {
  return !row[kKind].empty();
}

// The day a row took effect: its changeDate, or for a deletion (none) its
// updateDate.
const std::string& effective_date(const HoujinRecord& row) {
  return row[kChangeDate].empty() ? row[kUpdateDate] : row[kChangeDate];
}

std::string written_address(const HoujinRecord& row) {
  return row[kPrefectureName] + row[kCityName] + row[kStreetNumber];
}

std::string shown_value(const HoujinRecord& row, std::size_t field) {
  if (field == kAddressShown) return written_address(row);
  const std::string& value = row[field];
  if (field == kCloseCause && !value.empty()) {
    std::string_view name = close_cause_name(value);
    if (!name.empty()) return value + " " + std::string(name);
  }
  return value;
}

std::string date_problem(std::string_view option, const std::string& value) {
  if (grammars::parse_iso_date(value)) return {};
  std::string message = option == "since" && value.empty()
                            ? "a start date is required (YYYY-MM-DD)"
                            : "'" + value + "' is not a date in the form YYYY-MM-DD";
  if (auto loose = grammars::parse_loose_date(value)) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", loose->year, loose->month, loose->day);
    message += " (did you mean " + std::string(iso) + "?)";
  }
  return message;
}

bool is_prefecture_name(std::string_view name) {
  for (std::string_view suffix : {"都", "道", "府", "県"})
    if (name.size() > suffix.size() && name.ends_with(suffix)) return true;
  return false;
}

bool in_prefecture(const HoujinRecord& row, const std::vector<std::string>& prefectures) {
  for (const std::string& wanted : prefectures) {
    const bool code = grammars::is_jis_prefecture_code(wanted);
    if (row[code ? kPrefectureCode : kPrefectureName] == wanted) return true;
  }
  return false;
}

bool matches(const ChangeEvent& event, const ChangeFeedOptions& options) {
  if (!options.kinds.empty() &&
      std::find(options.kinds.begin(), options.kinds.end(), event.kind()) == options.kinds.end())
    return false;
  if (options.prefectures.empty()) return true;
  return in_prefecture(event.after, options.prefectures) ||
         (event.before && in_prefecture(*event.before, options.prefectures));
}

std::string candidates_sql(ChangeDate by, bool one_corporation) {
  const std::string date =
      by == ChangeDate::update ? "update_date" : "COALESCE(change_date, update_date)";
  return "SELECT id, corporate_number FROM corporation_history WHERE " + date +
         " BETWEEN ?1 AND ?2" + (one_corporation ? " AND corporate_number = ?3" : "") +
         " ORDER BY " + date + ", id";
}

}  // namespace

bool is_state_column(std::size_t column) {
  switch (column) {
    case kSequenceNumber:
    case kCorporateNumber:
    case kProcess:
    case kCorrect:
    case kUpdateDate:
    case kChangeDate:
    case kLatest:
      return false;
    default:
      return true;
  }
}

std::optional<ChangeDate> parse_change_date(std::string_view name) {
  if (name == "update") return ChangeDate::update;
  if (name == "change") return ChangeDate::change;
  return std::nullopt;
}

std::string_view change_date_name(ChangeDate by) {
  return by == ChangeDate::update ? "update" : "change";
}

std::optional<ChangeFeedOptionError> check_change_feed_options(const ChangeFeedOptions& options,
                                                               const ChangeKinds& kinds) {
  if (std::string problem = date_problem("since", options.since); !problem.empty())
    return ChangeFeedOptionError{"since", problem};
  if (!options.until.empty()) {
    if (std::string problem = date_problem("until", options.until); !problem.empty())
      return ChangeFeedOptionError{"until", problem};
    if (options.until < options.since) {
      return ChangeFeedOptionError{
          "until", "'" + options.until + "' is before since '" + options.since + "'"};
    }
  }
  for (const std::string& kind : options.kinds) {
    if (!kinds.has_kind(kind)) {
      return ChangeFeedOptionError{
          "kind", "'" + kind + "' is not a kind of change; the kinds are " + kinds.kind_list()};
    }
  }
  for (const std::string& prefecture : options.prefectures) {
    if (!grammars::is_jis_prefecture_code(prefecture) && !is_prefecture_name(prefecture)) {
      return ChangeFeedOptionError{"pref", "'" + prefecture +
                                               "' is not a prefecture: give its JIS X 0401 "
                                               "code (13) or its full name (東京都)"};
    }
  }
  if (!options.corporate_number.empty() &&
      !grammars::check_corporate_number(options.corporate_number).ok()) {
    return ChangeFeedOptionError{"corporate_number",
                                 "'" + options.corporate_number + "' is not a corporate number"};
  }
  return std::nullopt;
}

ChangeEvent make_change_event(const ChangeKinds& kinds, const HoujinRecord* before,
                              const HoujinRecord& after) {
  ChangeEvent event;
  event.rule = kinds.rule_for(after[kProcess], !after[kSuccessorCorporateNumber].empty());
  if (event.rule == nullptr) {
    throw RegistryError("process '" + after[kProcess] + "' of " + after[kCorporateNumber] +
                        " has no kind of change in the table of kinds");
  }
  event.correction = after[kCorrect] == "1";
  event.after = after;
  if (before != nullptr) {
    event.before = *before;
    if (carries_state(*before) && carries_state(after)) {
      for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
        if (is_state_column(i) && (*before)[i] != after[i]) event.changed.push_back(i);
    }
  }
  return event;
}

std::string change_headline(const ChangeEvent& event) {
  std::string line = event.kind() + " (" + event.process() + ") published " + event.update_date();
  if (!event.change_date().empty()) line += ", effective " + event.change_date();
  if (event.correction) line += ", a correction";
  return line;
}

std::string change_details(const ChangeEvent& event) {
  std::string details;
  bool shown_changed = false;  // a field the kind shows has another value than before
  auto add = [&](std::string_view name, const std::string& before, const std::string& after) {
    if (after.empty() && before.empty()) return;
    if (!details.empty()) details += "; ";
    details += std::string(name) + ": ";
    if (before.empty() || before == after) {
      details += after;
    } else {
      details += before + " → " + (after.empty() ? "(empty)" : after);
    }
  };
  for (std::size_t field : event.rule->shows) {
    const std::string before = event.before ? shown_value(*event.before, field) : std::string();
    const std::string after = shown_value(event.after, field);
    if (event.before && before != after) shown_changed = true;
    add(shown_field_name(field), before, after);
  }
  if (shown_changed) return details;
  // Nothing the kind shows changed (a correction, most often): what did.
  for (std::size_t column : event.changed) {
    const auto& shows = event.rule->shows;
    if (std::find(shows.begin(), shows.end(), column) != shows.end()) continue;
    add(kHoujinColumns[column].nta_name, shown_value(*event.before, column),
        shown_value(event.after, column));
  }
  return details;
}

std::string change_summary(const ChangeEvent& event) {
  std::string details = change_details(event);
  return details.empty() ? change_headline(event) : change_headline(event) + ": " + details;
}

// db, once it is known to hold 法人番号 history.
static const RegistryDb& with_history(const RegistryDb& db) {
  require_houjin_history(db);
  return db;
}

ChangeFeed::ChangeFeed(const RegistryDb& db, const ChangeKinds& kinds)
    : db_(db), kinds_(kinds), history_(with_history(db)) {}

void ChangeFeed::load_corporation(std::string_view number) {
  loaded_number_ = number;
  history_.read(number, rows_);
  // The timeline: by the day each row took effect, then as published.
  std::vector<std::size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const HoujinRecord& x = rows_[a].record;
    const HoujinRecord& y = rows_[b].record;
    if (effective_date(x) != effective_date(y)) return effective_date(x) < effective_date(y);
    if (x[kUpdateDate] != y[kUpdateDate]) return x[kUpdateDate] < y[kUpdateDate];
    return rows_[a].id < rows_[b].id;
  });
  std::vector<HistoryRow> timeline;
  timeline.reserve(rows_.size());
  for (std::size_t i : order) timeline.push_back(std::move(rows_[i]));
  rows_ = std::move(timeline);
  events_.clear();
  resent_.assign(rows_.size(), 0);
  const HoujinRecord* state = nullptr;  // the last row that carries a state
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const HistoryRow& row = rows_[i];
    for (const HistoryRow& other : rows_) {
      const bool published_before = other.record[kUpdateDate] != row.record[kUpdateDate]
                                        ? other.record[kUpdateDate] < row.record[kUpdateDate]
                                        : other.id < row.id;
      if (published_before && same_published_state(other.record, row.record)) {
        resent_[i] = 1;
        break;
      }
    }
    events_.push_back(make_change_event(kinds_, state, row.record));
    if (carries_state(row.record)) state = &row.record;
  }
}

const ChangeEvent* ChangeFeed::event_of(std::int64_t id, bool& resent) const {
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].id != id) continue;
    resent = resent_[i] != 0;
    return &events_[i];
  }
  return nullptr;
}

Statement& ChangeFeed::candidates(ChangeDate by, bool one_corporation) {
  auto& slot = candidates_[(by == ChangeDate::update ? 0 : 2) + (one_corporation ? 1 : 0)];
  if (!slot) slot.emplace(db_.prepare_scan(candidates_sql(by, one_corporation)));
  return *slot;
}

ChangeFeedCounts ChangeFeed::for_each(const ChangeFeedOptions& options,
                                      const std::function<bool(const ChangeEvent&)>& on_event) {
  const bool one_corporation = !options.corporate_number.empty();
  Statement& candidates = this->candidates(options.by, one_corporation);
  candidates.reset();  // a run that stopped (an exception) may have left it mid-way
  candidates.bind_text(1, options.since);
  candidates.bind_text(2, options.until.empty() ? kNoEnd : std::string_view(options.until));
  if (one_corporation) candidates.bind_text(3, options.corporate_number);
  ChangeFeedCounts counts;
  loaded_number_.clear();
  // On a server the rows come kServerLookahead at a time, their
  // corporations' histories read together (HistoryReader::read_ahead); on
  // a file one at a time.
  const std::size_t batch_rows = db_.on_server() ? kServerLookahead : 1;
  std::vector<std::pair<std::int64_t, std::string>> batch;  // (history id, number)
  for (bool more = true; more;) {
    batch.clear();
    while (batch.size() < batch_rows && (more = candidates.step()))
      batch.emplace_back(candidates.column_int64(0), std::string(candidates.column_text(1)));
    if (batch_rows > 1) {
      std::vector<std::string> numbers;
      for (const auto& [id, number] : batch)
        if (number != loaded_number_) numbers.push_back(number);
      history_.read_ahead(numbers);
    }
    for (const auto& [id, number] : batch) {
      if ((++counts.rows & 1023) == 0 && options.keep_going && !options.keep_going())
        throw ChangeFeedStopped{counts.rows};
      if (number != loaded_number_) load_corporation(number);
      bool resent = false;
      const ChangeEvent* event = event_of(id, resent);
      if (event == nullptr || !matches(*event, options)) continue;
      if (resent) {
        ++counts.resent;
        continue;
      }
      ++counts.events;
      if (!on_event(*event)) {
        more = false;
        break;
      }
    }
  }
  candidates.reset();
  return counts;
}

ChangeFeedPage list_changes(const RegistryDb& db, const ChangeKinds& kinds,
                            const ChangeFeedOptions& options, std::uint64_t offset,
                            std::uint64_t limit, const std::function<bool()>& keep_counting) {
  ChangeFeedPage page;
  std::uint64_t seen = 0;
  bool stopped = false;
  page.counts = ChangeFeed(db, kinds).for_each(options, [&](const ChangeEvent& event) {
    if (seen++ < offset) return true;
    if (page.events.size() == limit) {
      page.more = true;
      stopped = !keep_counting || !keep_counting();
      return !stopped;
    }
    page.events.push_back(event);
    return true;
  });
  page.total_at_least = seen;
  if (!stopped) page.total = seen;
  return page;
}

}  // namespace gifkit::registries::houjin

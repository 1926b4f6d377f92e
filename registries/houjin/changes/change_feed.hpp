// change_feed.hpp — the 法人番号 change feed (issue #13): what changed in the
// registry between two dates, read from its history (corporation_history),
// one event per change with the state before and after it, the NTA's
// process code and its kind (change_kinds.hpp). A library function with an
// options struct (GDAL style) that `gifkit registry changes`, the service's
// GET /v1/changes and validate --changed-since all call; make_change_event
// classifies one change for any caller that has a before and an after (the
// registry diff). docs/registry.md "registry changes" says what
// the feed does with corrections and re-sent rows.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/changes/change_kinds.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"

namespace gifkit::registries::houjin {

// Which date of a row the feed compares with since and until.
enum class ChangeDate {
  update,  // 更新年月日: the day the NTA published the row
  change,  // 変更年月日: the day the change took effect (a deletion has none: its 更新年月日)
};

// "update" / "change"; nothing for another name.
std::optional<ChangeDate> parse_change_date(std::string_view name);
std::string_view change_date_name(ChangeDate by);

struct ChangeFeedOptions {
  std::string since;  // YYYY-MM-DD, required: rows dated on or after it
  std::string until;  // YYYY-MM-DD, rows dated on or before it; "" for no end
  ChangeDate by = ChangeDate::update;
  std::vector<std::string> kinds;  // kind names (change_kinds.hpp); empty: every kind
  // JIS X 0401 codes ("13") or prefecture names ("東京都"): events whose
  // state before or after is in one of them; empty: everywhere.
  std::vector<std::string> prefectures;
  std::string corporate_number;  // "": every corporation; else this one only
  // Asked every 1,024 rows read (a service's time limit); when it answers
  // false the feed throws ChangeFeedStopped. Empty: always go on.
  std::function<bool()> keep_going;
};

// What is wrong with one option: its name (since, until, by, kind, pref)
// and a message for people that shows the value.
struct ChangeFeedOptionError {
  std::string option;
  std::string message;
};

// The first problem of options, or nothing: since missing or not a
// YYYY-MM-DD date (a date written another way gets its ISO form suggested),
// until not a date or before since, an unknown kind (the known ones
// listed), a prefecture that is neither a code 01–47 nor a name ending in
// 都, 道, 府 or 県, a corporate_number that is not one.
std::optional<ChangeFeedOptionError> check_change_feed_options(const ChangeFeedOptions& options,
                                                               const ChangeKinds& kinds);

// The feed stopped because keep_going answered false.
struct ChangeFeedStopped {
  std::uint64_t rows = 0;  // history rows read when it stopped
};

// One change of one corporation.
struct ChangeEvent {
  const ChangeKindRule* rule = nullptr;  // its kind and what it shows (the table's line)
  bool correction = false;               // 訂正区分 1: the NTA corrected a row it had published
  std::optional<HoujinRecord> before;    // the state just before, when the registry holds it
  HoujinRecord after;                    // the row that records the change
  std::vector<std::size_t> changed;      // the state's columns that differ between before and after

  const std::string& corporate_number() const { return after[kCorporateNumber]; }
  const std::string& process() const { return after[kProcess]; }
  const std::string& update_date() const { return after[kUpdateDate]; }
  const std::string& change_date() const { return after[kChangeDate]; }
  const std::string& kind() const { return rule->kind; }
};

// True for the columns of a corporation's state (name, kind, address,
// close date and cause, successor, …): every column but the bookkeeping ones
// (sequenceNumber, corporateNumber, process, correct, updateDate,
// changeDate, latest).
bool is_state_column(std::size_t column);

// The event of after (a row of the NTA's 30 columns) following before
// (nullptr when unknown): its kind from the table, whether it is a
// correction, and the state columns (is_state_column) that changed; none
// when either side carries no state
// (a deletion's row is empty but for its number and dates). Throws
// RegistryError when after's process has no kind in the table. kinds must
// outlive the event.
ChangeEvent make_change_event(const ChangeKinds& kinds, const HoujinRecord* before,
                              const HoujinRecord& after);

// "renamed (11) published 2025-03-11, effective 2025-03-01, a correction":
// the kind, the process code, the dates and the 訂正区分.
std::string change_headline(const ChangeEvent& event);
// The fields the kind shows, each "field: before → after" ("field: after"
// when the before is unknown, empty or the same): "name: 日本エムアイ株式会社
// → ＮＳＩ－ＭＩジャパン株式会社". When none of them changed but other
// columns did (a correction, most often), those columns too. A closeCause is
// followed by its name. "" when there is nothing to show.
std::string change_details(const ChangeEvent& event);
// The headline, then ": " and the details when there are some.
std::string change_summary(const ChangeEvent& event);

// What one run of the feed read and left out.
struct ChangeFeedCounts {
  std::uint64_t rows = 0;    // history rows dated in the range
  std::uint64_t events = 0;  // events that matched the kinds and prefectures
  std::uint64_t resent = 0;  // matching rows left out as re-sent (the same state published before)
};

// The feed over one registry: prepared statements kept for many runs (one
// per row of a dataset for validate --changed-since). Not thread-safe; db
// and kinds must outlive it.
class ChangeFeed {
 public:
  // Throws RegistryError naming the file when db has no 法人番号 history.
  ChangeFeed(const RegistryDb& db, const ChangeKinds& kinds);

  // Calls on_event with each event of options, in order of the date
  // compared (by), then of import, until on_event returns false. options
  // must pass check_change_feed_options. A row is an event unless its
  // state (every column but sequenceNumber, correct, updateDate and
  // latest) was published before, by an earlier updateDate or an earlier
  // import of the same date: such a re-sent row is only counted. The before
  // of an event is the state that precedes it in the corporation's history
  // as the registry holds it now: its rows ordered by changeDate (a
  // deletion: its updateDate), then updateDate, then import, so a
  // correction follows the row it corrects. Throws ChangeFeedStopped, or
  // RegistryError when the registry cannot be read.
  ChangeFeedCounts for_each(const ChangeFeedOptions& options,
                            const std::function<bool(const ChangeEvent&)>& on_event);

 private:
  // The statement that reads the rows dated in the range (prepared once).
  Statement& candidates(ChangeDate by, bool one_corporation);
  // The events of one corporation's history, by history row id.
  void load_corporation(std::string_view number);
  const ChangeEvent* event_of(std::int64_t id, bool& resent) const;

  const RegistryDb& db_;
  const ChangeKinds& kinds_;
  HistoryReader history_;
  std::array<std::optional<Statement>, 4> candidates_;  // by date, with and without a number
  std::string loaded_number_;
  std::vector<HistoryRow> rows_;      // the loaded corporation's rows, in timeline order
  std::vector<ChangeEvent> events_;   // one per row of rows_
  std::vector<std::uint8_t> resent_;  // per row of rows_
};

// One page of the feed: the events after the first offset, at most limit,
// whether more follow, and how many there are in all when the walk reached
// the feed's end (else at least total_at_least).
struct ChangeFeedPage {
  std::vector<ChangeEvent> events;
  bool more = false;
  ChangeFeedCounts counts;
  std::optional<std::uint64_t> total;
  std::uint64_t total_at_least = 0;  // the events the walk saw (== *total when known)
};

// The events of options from offset on, at most limit (ChangeFeed::for_each
// on a feed made for the call). Once the page is full, the walk goes on
// counting the events after it while keep_counting answers true (not at all
// when it is empty): total is known when the walk reached the end.
ChangeFeedPage list_changes(const RegistryDb& db, const ChangeKinds& kinds,
                            const ChangeFeedOptions& options, std::uint64_t offset,
                            std::uint64_t limit, const std::function<bool()>& keep_counting = {});

}  // namespace gifkit::registries::houjin

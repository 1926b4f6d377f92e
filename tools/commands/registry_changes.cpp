// registry_changes.cpp — `gifkit registry changes DB --since DATE`: the
// 法人番号 change feed (registries/houjin/changes/change_feed.hpp), one event
// per change with the state before and after it, filtered by date
// (published or effective), kind and prefecture, as text, JSON, NDJSON or
// CSV. Registered by registry.cpp. See docs/registry.md "registry changes".
#include <CLI/CLI.hpp>
#include <map>
#include <ostream>

#include "registries/houjin/changes/change_feed.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/commands/registry_subcommands.hpp"
#include "tools/output/change_view.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {

namespace houjin = gifkit::registries::houjin;

namespace {

constexpr std::string_view kChangesWho = "gifkit registry changes";

// Writes the events as they come in one format: text lines, NDJSON lines,
// CSV rows after the header, or one JSON object whose events are written
// one a line (so that a long feed is never held whole).
class ChangeWriter {
 public:
  ChangeWriter(std::ostream& out, OutputFormat format, const houjin::ChangeFeedOptions& options)
      : out_(out), format_(format) {
    if (format_ == OutputFormat::csv) out_ << change_csv_header();
    if (format_ != OutputFormat::json) return;
    Json kinds = options.kinds;
    Json prefectures = options.prefectures;
    out_ << "{\n  \"since\": " << json_text(options.since)
         << ",\n  \"until\": " << (options.until.empty() ? "null" : json_text(options.until))
         << ",\n  \"by\": " << json_text(std::string(houjin::change_date_name(options.by)))
         << ",\n  \"kinds\": " << json_text(kinds)
         << ",\n  \"prefectures\": " << json_text(prefectures) << ",\n  \"events\": [";
  }

  void write(const houjin::ChangeEvent& event) {
    switch (format_) {
      case OutputFormat::json:
        out_ << (first_ ? "\n    " : ",\n    ") << json_text(change_json(event));
        break;
      case OutputFormat::ndjson:
        out_ << json_text(change_json(event)) << "\n";
        break;
      case OutputFormat::csv:
        out_ << change_csv_row(event);
        break;
      default:
        write_change_text(out_, event);
    }
    first_ = false;
  }

  void finish(const houjin::ChangeFeedCounts& counts) {
    if (format_ != OutputFormat::json) return;
    Json summary = {{"events", counts.events}, {"resent", counts.resent}};
    out_ << (first_ ? "]" : "\n  ]") << ",\n  \"counts\": " << json_text(summary) << "\n}\n";
  }

 private:
  std::ostream& out_;
  OutputFormat format_;
  bool first_ = true;
};

class RegistryChangesCommand : public Command {
 public:
  explicit RegistryChangesCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    registry_.add_argument(app);
    app.add_option("--since", since_, "first date, YYYY-MM-DD (included)")->required();
    app.add_option("--until", until_, "last date, YYYY-MM-DD (included; default: none)");
    app.add_option("--by", by_,
                   "the date compared: update (更新年月日, the day the NTA published the change; "
                   "default) or change (変更年月日, the day it took effect)")
        ->check(CLI::IsMember({"update", "change"}));
    app.add_option("--kind", kinds_,
                   "only these kinds, comma-separated (new, renamed, moved, …: the table of "
                   "kinds in docs/registry.md)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--pref", prefectures_,
                   "only corporations in these prefectures before or after the change, "
                   "comma-separated: JIS X 0401 codes (13) or names (東京都)")
        ->delimiter(',')
        ->allow_extra_args(false);
    add_format_option(app, format_, kLookupFormats);
  }

  // Exit 0 listed (none is still 0), 2 a bad option, a registry without
  // 法人番号 history, or a table of kinds that does not load.
  int run(const CommandContext& context) override {
    houjin::ChangeKinds kinds;
    if (!load_change_kinds(common_, kinds, context.err, kChangesWho)) return kExitUsage;
    houjin::ChangeFeedOptions options;
    options.since = since_;
    options.until = until_;
    options.by = houjin::parse_change_date(by_).value_or(houjin::ChangeDate::update);
    options.kinds = kinds_;
    options.prefectures = prefectures_;
    if (auto problem = houjin::check_change_feed_options(options, kinds)) {
      context.err << kChangesWho << ": --" << problem->option << ": " << problem->message << "\n";
      return kExitUsage;
    }
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    // A registry without 法人番号 history, or one that fails while it is read:
    // the RegistryError ends the command in run_gifkit.
    const registries::RegistryRead read(session->registry());
    houjin::ChangeFeed feed = registries::CorporationReader(read).change_feed(kinds);
    ChangeWriter writer(context.out, format_, options);
    std::map<std::string, std::uint64_t> per_kind;
    auto counts = feed.for_each(options, [&](const houjin::ChangeEvent& event) {
      writer.write(event);
      ++per_kind[event.kind()];
      return true;
    });
    writer.finish(counts);
    context.err << read.db().path().string() << ": " << counts.events << " changes "
                << (options.by == houjin::ChangeDate::update ? "published" : "effective")
                << " from " << options.since << " to "
                << (options.until.empty() ? "now" : options.until);
    std::string separator = ": ";
    for (const auto& [kind, count] : per_kind) {
      context.err << separator << kind << " " << count;
      separator = ", ";
    }
    context.err << "; " << counts.resent << " re-sent rows left out\n";
    return kExitOk;
  }

 private:
  const CommonOptions& common_;
  RegistryOption registry_;
  std::string since_;
  std::string until_;
  std::string by_ = "update";
  std::vector<std::string> kinds_;
  std::vector<std::string> prefectures_;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_registry_changes_command(const CommonOptions& common) {
  return std::make_unique<RegistryChangesCommand>(common);
}

}  // namespace gifkit::tools

// link.cpp — `gifkit link FILE` (one file deduplicated: clusters of rows that
// are one person) and `gifkit link LEFT RIGHT` (two files linked: pairs of
// rows): the thin command over models::run_link (options → LinkOptions; the
// result written by tools/output/link_output to standard output or
// atomically to -o FILE, the review list to --review FILE); `gifkit link
// --audit --id COLUMN FILE…` (the IDs whose records are not one person, and
// the people under several IDs). Exit 0 when it ran (an audit: and found
// nothing), 1 when an audit found something, 2 when it could not. See
// docs/link.md.
#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "models/session/session_lookup.hpp"

#include "grammars/io/atomic_file.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/link/link.hpp"
#include "tools/command.hpp"
#include "tools/dataset_options.hpp"
#include "tools/output/link_output.hpp"
#include "tools/output_option.hpp"
#include "tools/registry_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

const std::string kLinkWho = "gifkit link: ";

class LinkCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("files", files_,
                   "one file to deduplicate, or LEFT and RIGHT to link (with --audit: one file "
                   "or more, read as one list): CSV, TSV or .xlsx (gif:Person's names: 氏名 or 氏 "
                   "and 名, their カナ, 生年月日, 性別, 住所)")
        ->required()
        ->expected(1, -1);
    app.add_flag("--audit", audit_,
                 "the --id column already joins records to people: report each ID whose records "
                 "are not one person (family-member, namesake, other-person) and each person "
                 "under several IDs; exit 1 when there is a finding");
    add_format_option(app, format_, kLinkFormats, "output format");
    output_.add_to(app, "write the links to this file (atomically)");
    app.add_option("--review", review_,
                   "write the links a person must look at to this file (csv): 1:N and N:1 "
                   "(two files), clusters joined through a third row (one file)");
    app.add_option("--threshold", threshold_,
                   "the match probability a pair needs to be a link (default 0.8)")
        ->check(CLI::Range(0.000001, 0.999999));
    app.add_option("--id", id_,
                   "a column printed beside each row (a 宛名番号, a customer number; never "
                   "個人番号: refused)");
    app.add_option("-m,--model", model_,
                   "the model whose names the headers use (default gif:Person)");
    registry_.add_to(app,
                     ": addresses compared by their 町字 and numbers, names by its characters");
    app.add_option("--max-block", max_block_,
                   "rows sharing one blocking key beyond which that key pairs none of them "
                   "(default 2000)")
        ->check(CLI::Range(2, 1 << 24));
    app.add_option("--max-pairs", max_pairs_,
                   "the most candidate pairs blocking may make (about 10 bytes of memory each); "
                   "beyond, link stops with exit 2 (default 50000000)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
    dataset_.add_to(app);
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    models::LinkOptions options;
    options.left_path = files_.at(0);
    if (audit_) {
      if (id_.empty()) {
        context.err << kLinkWho
                    << "--audit needs --id COLUMN (the ID already joined to the rows)\n";
        return kExitUsage;
      }
      options.audit = true;
      options.more_paths.assign(files_.begin() + 1, files_.end());
    } else if (files_.size() > 2) {
      context.err << kLinkWho
                  << "one file (deduplicate) or two (LEFT RIGHT); several files "
                     "only with --audit\n";
      return kExitUsage;
    } else if (files_.size() == 2) {
      options.right_path = files_[1];
    }
    options.model = model_;
    options.id_column = id_;
    options.threshold = threshold_;
    options.max_block = max_block_;
    options.max_pairs = max_pairs_;
    auto reading = dataset_.read_options(context.err, "gifkit link");
    if (!reading) return kExitUsage;
    options.reading = std::move(*reading);

    std::unique_ptr<models::LookupSession> session;
    if (registry_.given() && !(session = registry_.open(common_, context))) return kExitUsage;
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err, session.get())) return kExitUsage;
    options.individual_number_headers = &data.individual_number_headers;
    std::unique_ptr<models::SessionLookup> registry;
    std::unique_ptr<models::CharacterDataLookup> tables;
    if (session) {
      try {
        registry = session->lookup();
      } catch (const std::exception& failure) {
        context.err << kLinkWho << "--registry: " << failure.what() << "\n";
        return kExitUsage;
      }
      options.characters = registry.get();
      options.addresses = registry.get();
      options.corporations = registry.get();
    } else if (data.characters) {
      tables = std::make_unique<models::CharacterDataLookup>(data.characters->data());
      options.characters = tables.get();
    }
    for (const std::string& note : data.notes) context.err << kLinkWho << note << "\n";
    const std::filesystem::path fold_tables =
        common_.models() / "dictionaries" / "address_fold.tsv";
    std::ifstream fold_file(fold_tables, std::ios::binary);
    std::ostringstream fold_text;
    fold_text << fold_file.rdbuf();
    if (!fold_file) {
      context.err << kLinkWho << fold_tables.string() << ": cannot read the address fold tables\n";
      return kExitUsage;
    }
    options.address_fold_tables = fold_text.str();

    models::LinkResult result;
    try {
      result = models::run_link(options, data.catalog);
    } catch (const models::LinkFailure& failure) {
      context.err << kLinkWho << failure.message << "\n";
      return kExitUsage;
    } catch (const std::runtime_error& failure) {
      context.err << kLinkWho << failure.what() << "\n";
      return kExitUsage;
    }
    for (const std::string& note : result.summary.notes) context.err << kLinkWho << note << "\n";
    if (!review_.empty()) {
      try {
        grammars::AtomicFile review(review_);
        if (result.corporations)
          write_corporation_links(result, OutputFormat::csv, review.stream(), true);
        else
          write_link_review(result, review.stream());
        review.commit();
      } catch (const std::exception& failure) {
        context.err << kLinkWho << "--review " << review_ << ": " << failure.what() << "\n";
        return kExitUsage;
      }
    }
    const std::unique_ptr<OpenOutput> output = output_.open(context);
    if (!output) return kExitUsage;
    if (format_ == OutputFormat::html)
      write_link_html(result, output->stream());
    else if (result.corporations)
      write_corporation_links(result, format_, output->stream());
    else if (audit_)
      write_link_audit(result, format_, output->stream());
    else
      write_link_result(result, format_, output->stream());
    if (!output->commit(context)) return kExitUsage;
    if (output_.to_file() || format_ != OutputFormat::text)
      context.err << kLinkWho << link_summary_line(result) << "\n";
    return audit_ && !result.findings.empty() ? kExitDataNotOk : kExitOk;
  }

 private:
  std::vector<std::string> files_;
  bool audit_ = false;
  std::string review_, id_, model_;
  double threshold_ = 0.8;
  std::size_t max_block_ = 2000;
  std::uint64_t max_pairs_ = 50'000'000;
  OutputFormat format_ = OutputFormat::csv;
  OutputOption output_;
  RegistryOption registry_;
  DatasetOptions dataset_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_link_command() {
  return std::make_unique<LinkCommand>();
}

}  // namespace gifkit::tools

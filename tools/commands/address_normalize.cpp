// address_normalize.cpp — `gifkit address normalize --registry DB [-i
// FILE|-] [--format ndjson|json|csv|text] [ADDRESS...]`: normalizes
// addresses against the Address Base Registry of a registry
// (registries/abr/address_matcher.hpp), one result per input line, written
// as it is made; a progress bar on a terminal's stderr. Exit 0 every
// address matched, 1 one or more unknown or damaged (a character lost), 2 usage or no ABR data.
// Registered by address.cpp. See docs/address.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "models/session/session_lookup.hpp"
#include "registries/abr/address_matcher.hpp"
#include "tools/commands/address_subcommands.hpp"
#include "tools/output/address_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace abr = gifkit::registries::abr;

class AddressNormalizeCommand : public Command {
 public:
  explicit AddressNormalizeCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    registry_.add_to(app, ", with ABR data")->required();
    registry_.add_address_cache(app);
    app.add_option("-i,--input", input_, "file of addresses, one a line ('-': stdin)");
    app.add_option("addresses", addresses_, "addresses to normalize");
    add_format_option(app, format_, AddressResultWriter::kFormats);
  }

  int run(const CommandContext& context) override {
    if (input_.empty() == addresses_.empty()) {
      context.err << "gifkit address normalize: give addresses or -i FILE (or '-'), not both\n";
      return kExitUsage;
    }
    if (!input_.empty() && input_ != "-") {
      file_.open(input_, std::ios::binary);
      std::error_code ignored;
      auto size = std::filesystem::file_size(input_, ignored);
      file_size_ = ignored ? 0 : static_cast<double>(size);
      if (!file_) {
        context.err << "gifkit address normalize: cannot read " << input_ << "\n";
        return kExitUsage;
      }
    }
    auto started = std::chrono::steady_clock::now();
    // The session decides the variant kanji: the registry's character
    // data, else --data's tables.
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    // Without ABR data or fold tables, and a registry that fails while it
    // is read: the RegistryError ends the command in run_gifkit.
    const abr::AddressMatcher& matcher = session->registry().require_address_matcher();
    abr::AddressMatcher::Scratch scratch;  // this thread's, reused for every line
    auto lookup = session->lookup();       // the 町字 each gif.fullAddress is written with
    AddressResultWriter writer(context.out, format_);
    std::uint64_t count = 0;
    std::uint64_t unknown = 0;
    auto normalize = [&](std::string_view line) {
      auto result = matcher.normalize(line, scratch);
      // An unknown address, or one with a character lost (damaged input): not all right.
      unknown += result.match_level == abr::MatchLevel::unknown || result.damaged;
      writer.write(result, lookup->full_address(result));
      if (context.err_is_terminal && ++count % 8192 == 0) show_progress(context, count);
    };
    if (!addresses_.empty()) {
      for (const auto& address : addresses_) normalize(address);
    } else {
      std::istream& in = input_ == "-" ? std::cin : file_;
      std::string line;
      while (std::getline(in, line)) normalize(line);
    }
    writer.finish();
    if (context.err_is_terminal && count >= 8192) {
      std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
      context.err << "\rgifkit address normalize: " << count << " addresses in " << seconds.count()
                  << " s\n";
    }
    return unknown > 0 ? kExitDataNotOk : kExitOk;
  }

 private:
  // The progress bar on a terminal's stderr: a bar and percent of the file
  // read (unknown for stdin and arguments), and the addresses so far.
  void show_progress(const CommandContext& context, std::uint64_t count) {
    std::string bar;
    if (file_size_ > 0 && file_.is_open()) {
      auto position = static_cast<double>(file_.tellg());
      int percent = position < 0 ? 100 : static_cast<int>(100 * position / file_size_);
      bar = "[" + std::string(percent / 5, '#') + std::string(20 - percent / 5, '.') + "] " +
            std::to_string(percent) + "% ";
    }
    context.err << "\rgifkit address normalize: " << bar << count << " addresses" << std::flush;
  }

  const CommonOptions& common_;
  RegistryOption registry_;
  std::string input_;
  std::vector<std::string> addresses_;
  OutputFormat format_ = OutputFormat::ndjson;
  std::ifstream file_;
  double file_size_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_address_normalize_command(const CommonOptions& common) {
  return std::make_unique<AddressNormalizeCommand>(common);
}

}  // namespace gifkit::tools

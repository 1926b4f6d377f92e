// command_address.cpp — `gifkit address normalize --registry DB [-i FILE|-]
// [--format ndjson|json|csv|text] [ADDRESS...]`: normalizes addresses
// against the Address Base Registry of a registry (registries/abr/
// address_matcher.hpp), one result per input line, written as it is made.
// A thin command: the matcher does the work. See docs/address.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "registries/abr/address_matcher.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/moji_store.hpp"
#include "tools/command.hpp"
#include "tools/output/address_view.hpp"

namespace gifkit::tools {

namespace {

namespace abr = gifkit::registries::abr;

class AddressCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    normalize_ = app.add_subcommand(
        "normalize",
        "normalize addresses to the GIF form with the Address Base Registry's codes (one result "
        "per line, to the deepest level matched)");
    normalize_->add_option("--registry", registry_, "registry file with ABR data")->required();
    normalize_->add_option("-i,--input", input_, "file of addresses, one a line ('-': stdin)");
    normalize_->add_option("addresses", addresses_, "addresses to normalize");
    add_format_option(*normalize_, format_, AddressResultWriter::kFormats);
    common_.add_to(*normalize_);
  }

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

  int run(const CommandContext& context) override {
    if (input_.empty() == addresses_.empty()) {
      context.err << "gifkit address normalize: give addresses or -i FILE (or '-'), not both\n";
      return kExitUsage;
    }
    std::ifstream& file = file_;
    if (!input_.empty() && input_ != "-") {
      file.open(input_, std::ios::binary);
      std::error_code ignored;
      auto size = std::filesystem::file_size(input_, ignored);
      file_size_ = ignored ? 0 : static_cast<double>(size);
      if (!file) {
        context.err << "gifkit address normalize: cannot read " << input_ << "\n";
        return kExitUsage;
      }
    }
    try {
      auto started = std::chrono::steady_clock::now();
      auto db = registries::RegistryDb::open_existing(registry_);
      abr::AddressMatcherOptions options;
      options.fold_tables = common_.models() / "dictionaries" / "address_fold.tsv";
      // Variant kanji: the registry's character data, else --data's tables.
      std::unique_ptr<registries::moji::CharacterData> characters;
      const std::filesystem::path moji_folder = common_.data() / "moji";
      if (!registries::moji::has_moji_data(db) && std::filesystem::is_directory(moji_folder)) {
        characters = std::make_unique<registries::moji::CharacterData>(
            registries::moji::folder_rows(moji_folder));
        options.character_data = characters.get();
      }
      abr::AddressMatcher matcher(db, options);
      abr::AddressMatcher::Scratch scratch;  // this thread's, reused for every line
      AddressResultWriter writer(context.out, format_);
      std::uint64_t count = 0;
      std::uint64_t unknown = 0;
      auto normalize = [&](std::string_view line) {
        auto result = matcher.normalize(line, scratch);
        unknown += result.match_level == abr::MatchLevel::unknown;
        writer.write(result);
        if (context.err_is_terminal && ++count % 8192 == 0) show_progress(context, count);
      };
      if (!addresses_.empty()) {
        for (const auto& address : addresses_) normalize(address);
      } else {
        std::istream& in = input_ == "-" ? std::cin : file;
        std::string line;
        while (std::getline(in, line)) normalize(line);
      }
      writer.finish();
      if (context.err_is_terminal && count >= 8192) {
        std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
        context.err << "\rgifkit address normalize: " << count << " addresses in "
                    << seconds.count() << " s\n";
      }
      return unknown > 0 ? kExitDataNotOk : kExitOk;
    } catch (const registries::RegistryError& error) {
      context.err << "gifkit address normalize: " << error.what() << "\n";
      return kExitUsage;
    }
  }

 private:
  CLI::App* normalize_ = nullptr;
  std::string registry_;
  std::string input_;
  std::vector<std::string> addresses_;
  OutputFormat format_ = OutputFormat::ndjson;
  CommonOptions common_;
  std::ifstream file_;
  double file_size_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_address_command() {
  return std::make_unique<AddressCommand>();
}

}  // namespace gifkit::tools

// address.cpp — `gifkit address normalize --registry DB [-i FILE|-]
// [--format ndjson|json|csv|text] [ADDRESS...]`: normalizes addresses
// against the Address Base Registry of a registry (registries/abr/
// address_matcher.hpp), one result per input line, written as it is made;
// `gifkit address reverse --registry DB [--radius M] [--limit N] [--format
// …] LAT LON`: the ABR places nearest to a point (registries/abr/
// address_reverse.hpp). Thin commands: the library does the work. See
// docs/address.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <tuple>

#include "registries/abr/address_matcher.hpp"
#include "registries/abr/address_reverse.hpp"
#include "tools/command.hpp"
#include "tools/output/address_view.hpp"
#include "tools/registry_option.hpp"

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
    normalize_registry_.add_to(*normalize_, ", with ABR data")->required();
    normalize_->add_option("-i,--input", input_, "file of addresses, one a line ('-': stdin)");
    normalize_->add_option("addresses", addresses_, "addresses to normalize");
    add_format_option(*normalize_, format_, AddressResultWriter::kFormats);
    common_.add_to(*normalize_);

    reverse_ = app.add_subcommand(
        "reverse",
        "the Address Base Registry places (residence, parcel or 町字) nearest to a point, with "
        "their distance; a negative LAT or LON may follow `--` (`-- -33.86 151.2`)");
    reverse_registry_.add_to(*reverse_, ", with ABR data")->required();
    reverse_->add_option("lat", reverse_lat_, "latitude in decimal degrees (-90 to 90)")
        ->required();
    reverse_->add_option("lon", reverse_lon_, "longitude in decimal degrees (-180 to 180)")
        ->required();
    reverse_
        ->add_option("--radius", reverse_query_.radius_m,
                     "search radius in metres (0 to " +
                         std::to_string(static_cast<int>(abr::kMaxReverseRadiusM)) + ")")
        ->capture_default_str();
    reverse_
        ->add_option(
            "--limit", reverse_query_.limit,
            "how many places, nearest first (1 to " + std::to_string(abr::kMaxReverseLimit) + ")")
        ->capture_default_str();
    reverse_format_ = OutputFormat::text;
    add_format_option(*reverse_, reverse_format_, ReverseHitWriter::kFormats);
  }

  // `address reverse`: 0 with the places found, 1 when none is within the
  // radius, 2 for a bad point or a registry that cannot answer.
  int run_reverse(const CommandContext& context) {
    // The positionals are read as text: a strict parse, and a clear message.
    for (auto [text, value, name] : {std::tuple{&reverse_lat_, &reverse_query_.lat, "LAT"},
                                     std::tuple{&reverse_lon_, &reverse_query_.lon, "LON"}}) {
      std::size_t used = 0;
      try {
        *value = std::stod(*text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != text->size()) {
        context.err << "gifkit address reverse: " << name << " '" << *text
                    << "' is not a number in decimal degrees\n";
        return kExitUsage;
      }
    }
    // A bad value is a usage error whatever the registry.
    if (auto problem = abr::reverse_query_problem(reverse_query_)) {
      context.err << "gifkit address reverse: " << *problem << "\n";
      return kExitUsage;
    }
    auto session = reverse_registry_.open(common_, context);
    if (!session) return kExitUsage;
    // A registry that fails while it is read ends the command in run_gifkit.
    auto hits = abr::reverse_geocode(session->borrow()->db, reverse_query_);
    ReverseHitWriter writer(context.out, reverse_format_);
    for (const auto& hit : hits) writer.write(hit);
    writer.finish();
    if (hits.empty()) {
      context.err << "gifkit address reverse: no residence, parcel or 町字 within "
                  << reverse_query_.radius_m << " m of " << reverse_lat_ << ", " << reverse_lon_
                  << "\n";
      return kExitDataNotOk;
    }
    return kExitOk;
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
    if (reverse_->parsed()) return run_reverse(context);
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
    auto started = std::chrono::steady_clock::now();
    // The session decides the variant kanji: the registry's character
    // data, else --data's tables.
    auto session = normalize_registry_.open(common_, context);
    if (!session) return kExitUsage;
    // Without ABR data or fold tables, and a registry that fails while it
    // is read: the RegistryError ends the command in run_gifkit.
    const abr::AddressMatcher& matcher = session->require_address_matcher();
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
      context.err << "\rgifkit address normalize: " << count << " addresses in " << seconds.count()
                  << " s\n";
    }
    return unknown > 0 ? kExitDataNotOk : kExitOk;
  }

 private:
  CLI::App* normalize_ = nullptr;
  CLI::App* reverse_ = nullptr;
  std::string reverse_lat_, reverse_lon_;  // as written (parsed in run_reverse)
  abr::ReverseQuery reverse_query_;
  OutputFormat reverse_format_ = OutputFormat::text;
  RegistryOption normalize_registry_;
  RegistryOption reverse_registry_;
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

// address_reverse.cpp — `gifkit address reverse --registry DB [--radius M]
// [--limit N] [--offset N] [--format …] LAT LON`: the Address Base Registry
// places (residence, parcel or 町字) nearest to a point, with their distance
// (registries/abr/address_reverse.hpp); a page that is not all of them says
// on standard error which places of how many it wrote. Exit 0 with the places
// found, 1 when none is within the radius (or past the offset), 2 for a bad
// point or a registry that cannot answer. Registered by address.cpp. See
// docs/address.md.
#include <CLI/CLI.hpp>
#include <ostream>
#include <tuple>

#include "registries/abr/address_reverse.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/commands/address_subcommands.hpp"
#include "tools/output/address_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace abr = gifkit::registries::abr;

class AddressReverseCommand : public Command {
 public:
  explicit AddressReverseCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    registry_.add_to(app, ", with ABR data")->required();
    app.add_option("lat", lat_, "latitude in decimal degrees (-90 to 90)")->required();
    app.add_option("lon", lon_, "longitude in decimal degrees (-180 to 180)")->required();
    app.add_option("--radius", query_.radius_m,
                   "search radius in metres (0 to " +
                       std::to_string(static_cast<int>(abr::kMaxReverseRadiusM)) + ")")
        ->capture_default_str();
    app.add_option(
           "--limit", query_.limit,
           "how many places, nearest first (1 to " + std::to_string(abr::kMaxReverseLimit) + ")")
        ->capture_default_str();
    app.add_option("--offset", query_.offset,
                   "skip the nearest N places: the next page (0 to " +
                       std::to_string(abr::kMaxReverseOffset) + ")")
        ->capture_default_str();
    add_format_option(app, format_, ReverseHitWriter::kFormats);
  }

  int run(const CommandContext& context) override {
    // The positionals are read as text: a strict parse, and a clear message.
    for (auto [text, value, name] :
         {std::tuple{&lat_, &query_.lat, "LAT"}, std::tuple{&lon_, &query_.lon, "LON"}}) {
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
    if (auto problem = abr::reverse_query_problem(query_)) {
      context.err << "gifkit address reverse: " << *problem << "\n";
      return kExitUsage;
    }
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    // A registry that fails while it is read ends the command in run_gifkit.
    const registries::RegistryRead read(session->registry());
    const auto page = registries::AddressReader(read).reverse(query_);
    ReverseHitWriter writer(context.out, format_);
    for (const auto& hit : page.hits) writer.write(hit);
    writer.finish();
    if (page.hits.empty()) {
      context.err << "gifkit address reverse: no residence, parcel or 町字 within "
                  << query_.radius_m << " m of " << lat_ << ", " << lon_
                  << (query_.offset > 0 ? " past the nearest " + std::to_string(query_.offset)
                                        : std::string())
                  << "\n";
      return kExitDataNotOk;
    }
    if (query_.offset > 0 || page.more) {
      const auto last = static_cast<std::size_t>(query_.offset) + page.hits.size();
      context.err << "gifkit address reverse: places " << query_.offset + 1 << "–" << last << " of "
                  << (page.count ? std::to_string(*page.count)
                                 : "at least " + std::to_string(page.count_at_least))
                  << " within " << query_.radius_m << " m"
                  << (page.more ? "; --offset " + std::to_string(last) + " for the next" : "")
                  << "\n";
    }
    return kExitOk;
  }

 private:
  const CommonOptions& common_;
  RegistryOption registry_;
  std::string lat_, lon_;  // as written (parsed in run)
  abr::ReverseQuery query_;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_address_reverse_command(const CommonOptions& common) {
  return std::make_unique<AddressReverseCommand>(common);
}

}  // namespace gifkit::tools

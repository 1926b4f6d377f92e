// registry.cpp — `gifkit registry build|update|info|verify|audit|push|
// rollback|changes`: build a local registry file from the published sources
// (atomically), apply daily diff files to it (in one transaction), show its
// provenance and counts, check it, copy it to a PostgreSQL server (and back
// to the previous copy), list what changed. Each subcommand is a class in
// its own file (registry_subcommands.hpp); this file registers them (info,
// verify and changes given -o,--output by with_output, output_option.hpp). See
// docs/registry.md, docs/postgresql.md.
#include "tools/commands/registry_subcommands.hpp"
#include "tools/output_option.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_registry_command() {
  return std::make_unique<CommandGroup>(std::vector<SubcommandEntry>{
      {"build",
       "build a registry file from 法人番号 CSV or XML files, Address Base Registry (ABR) "
       "tables and character data (MJ, JIS X 0213, IMI sets, the NTA JIS縮退マップ), plain or "
       "zipped, or folders of them",
       &make_registry_build_command},
      {"update", "apply 法人番号 daily diff files (plain, zipped or folders) to a registry",
       &make_registry_update_command},
      {"info", "show a registry's sources (provenance) and counts",
       &with_output<&make_registry_info_command>},
      {"verify", "check a registry: SQLite integrity and row counts against provenance",
       &with_output<&make_registry_verify_command>},
      {"audit",
       "check a registry's own consistency: the ABR's 町字, 住居表示, 地番 and positions against "
       "each other, the 法人番号 data's successors, closures and diff order (a report like "
       "validate's)",
       &make_registry_audit_command},
      {"push",
       "copy a registry file into a new schema of a PostgreSQL server and switch its readers "
       "to it (the previous one is kept for rollback)",
       &make_registry_push_command},
      {"rollback", "switch a PostgreSQL server's readers back to the registry pushed before",
       &make_registry_rollback_command},
      {"changes",
       "list what changed in a registry's 法人番号 data between two dates: one event per change "
       "(new, renamed, moved, closed, merged, …) with the values before and after",
       &with_output<&make_registry_changes_command>},
  });
}

}  // namespace gifkit::tools

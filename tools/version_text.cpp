// version_text.cpp — see version_text.hpp.
#include "tools/version_text.hpp"

#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "registries/session/registry_session.hpp"
#include "tools/build_info.hpp"
#include "tools/runtime_dirs.hpp"

namespace gifkit::tools {
namespace {

// One "part  text" line, the parts' names in one column.
void line(std::ostream& out, std::string part, const std::string& text) {
  part.resize(12, ' ');
  out << part << text << "\n";
}

// libpq's PQlibVersion (150018) as PostgreSQL writes it (15.18).
std::string postgresql_version_text(int version) {
  if (version >= 100000)
    return std::to_string(version / 10000) + "." + std::to_string(version % 10000);
  return std::to_string(version / 10000) + "." + std::to_string(version / 100 % 100) + "." +
         std::to_string(version % 100);
}

std::string postgresql_client_text() {
  try {
    return "libpq " + postgresql_version_text(registries::postgresql_client_version()) +
           ": registries on a PostgreSQL server (postgresql://…, pg:SERVICE) can be read";
  } catch (const registries::RegistryError& error) {
    return std::string("not found — only registry files can be read: ") + error.what();
  }
}

// Where a name dictionary is looked for, and whether it is there (without reading it).
std::string name_dictionary_text(const std::filesystem::path& path, std::string_view package) {
  std::error_code error;
  if (!path.empty() && std::filesystem::is_regular_file(path, error))
    return path.string() + ": name readings (name-reading-mismatch, lookup reading)";
  return "not found at " + (path.empty() ? std::string("(none)") : path.string()) +
         " (Debian package " + std::string(package) + "): names only it knows are not checked";
}

// The folder a command run without the option would read, and whether it is there.
std::string runtime_dir_text(RuntimeDir kind, const char* marker, const char* missing) {
  const std::filesystem::path dir = resolve_runtime_dir(kind, runtime_dir_inputs(kind, ""));
  std::error_code error;
  if (std::filesystem::exists(dir / marker, error)) return dir.string();
  return dir.string() + " (not found: " + missing + ")";
}

}  // namespace

void write_version(std::ostream& out) {
  const BuildInfo& build = build_info();
  out << "gifkit " << build.version << "\n";
  line(out, "commit", std::string(build.commit));
  line(out, "build",
       std::string(build.build_type) + ", " + std::string(build.compiler) +
           ", sanitizers: " + std::string(build.sanitizers));
  line(out, "PostgreSQL", postgresql_client_text());
  const grammars::NameDictionaryPaths names = grammars::default_name_dictionary_paths();
  line(out, "NAIST-jdic", name_dictionary_text(names.naist, "naist-jdic-utf8"));
  line(out, "ENAMDICT", name_dictionary_text(names.enamdict, "enamdict"));
  line(out, "UniDic", name_dictionary_text(names.unidic, "unidic-mecab"));
  line(out, "models",
       runtime_dir_text(RuntimeDir::models, "model.xsd", "give --models or set GIFKIT_MODELS"));
  line(out, "data",
       runtime_dir_text(RuntimeDir::data, "gif",
                        "give --data or set GIFKIT_DATA; code-list and character checks are "
                        "skipped without it"));
}

}  // namespace gifkit::tools

// regular_file.hpp — whether a path a command reads whole (a baseline, a
// mapping, a gifkit.toml, a schema, a 法人番号 diff) is a regular file: a
// FIFO, a device or a socket would block the read or never end, so it is
// refused before it is opened, with what it is. The one such test of the
// project (the CLI's option checks and the readers behind them use it).
#pragma once
#include <filesystem>
#include <string>

namespace gifkit::grammars {

// "" when path is a regular file once its links are followed (or, with
// folder_ok, a folder), and when nothing is there (opening it then says why);
// else why it is refused, e.g. "is a FIFO (named pipe), not a regular file".
std::string not_regular_file_reason(const std::filesystem::path& path, bool folder_ok = false);

}  // namespace gifkit::grammars

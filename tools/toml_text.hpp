// toml_text.hpp — a gifkit.toml's text as toml++ may be given it. toml++ 3.3
// (Debian 12's) reaches __builtin_unreachable in its whitespace test for most
// characters other than ASCII (U+00A1–U+0499, U+3001–U+3058 …) wherever it
// asks whether one is whitespace: in a key, a table name, a value it cannot
// read, after a backslash in a string (upstream issues 190 and 295, fixed
// after 3.3). So it is given ASCII text only, twice: once with every such
// character as one `x` (the same lines and columns, for its error messages),
// and, when that reads, once with each written as a \u escape (the same
// values). TOML allows them only inside strings and comments; anywhere else,
// and text that is not UTF-8, is refused here with its line and column.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::tools {

struct TomlTexts {
  std::string problem;      // "LINE:COLUMN: what" when the text is refused, else ""
  std::string same_places;  // each character other than ASCII as `x`
  std::string same_values;  // each as a \u escape in a basic string; literal strings made basic
};

TomlTexts toml_ascii_texts(std::string_view text);

}  // namespace gifkit::tools

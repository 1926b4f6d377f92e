// dictionaries.hpp — the lexical facts gifkit keeps as data, one file per
// category in models/dictionaries/ (legal_forms.tsv, …), in the style of
// libpostal's resources/dictionaries: a line per entry, its canonical
// spelling first and its variants after a |. The files are compiled into the
// binary at build time (cmake/embed_files.cmake): a fact that a registry
// stores at `registry build` and recomputes at query time (the name search
// key) must not depend on which models folder a later command is given.
// Each category has its own reader (legal_forms.hpp, …) built on these.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// The text of models/dictionaries/<name> as it was when gifkit was built
// ("legal_forms.tsv"); nothing for a file that is not compiled in.
std::optional<std::string_view> embedded_dictionary(std::string_view name);

// The embedded text of name; throws std::logic_error when it is not
// compiled in (a build error, not a user's).
std::string_view dictionary_text(std::string_view name);

// The spellings of a `canonical|variant|…` field, canonical first. Empty,
// with the reason in why, when a spelling is empty or holds a space.
std::vector<std::string> split_spellings(std::string_view field, std::string& why);

}  // namespace gifkit::grammars

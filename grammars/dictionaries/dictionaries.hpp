// dictionaries.hpp — the lexical facts gifkit keeps as data, one file per
// category in models/dictionaries/ (legal_forms.tsv, …), in the style of
// libpostal's resources/dictionaries: a line per entry, its canonical
// spelling first and its variants after a |. The files are compiled into the
// binary at build time (cmake/embed_files.cmake): a fact that a registry
// stores at `registry build` and recomputes at query time (the name search
// key) must not depend on which models folder a later command is given.
// Each category has its own reader (legal_forms.hpp, …) built on these.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
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

// One line of a dictionary as read_dictionary_entries gives it: its
// number, its fields before the spellings (pointing into the text read),
// and its spellings, canonical first.
struct DictionaryEntry {
  std::size_t line = 0;
  std::vector<std::string_view> fields;
  std::vector<std::string> spellings;
};

// The entries of a dictionary (text; source names it in errors): every line
// that is neither blank nor a # comment is `leading_fields` tab-separated
// fields, then `canonical|variant|…`. check sees each well-formed line and
// returns "" to keep it or the reason it is wrong; it may add spellings
// (more forms of one written). Every spelling of a kept entry must be new
// in the file. Errors go to errors as "source:line: reason", and their
// lines are left out.
std::vector<DictionaryEntry> read_dictionary_entries(
    std::string_view text, std::string_view source, std::size_t leading_fields,
    std::vector<std::string>& errors, const std::function<std::string(DictionaryEntry&)>& check);

// The table of the compiled-in dictionary name, read by read (the
// category's reader). Throws std::logic_error when it has an error: the
// unit tests read the same files, so a release never does.
template <class Table>
Table read_compiled_dictionary(std::string_view name,
                               Table (*read)(std::string_view text, std::string_view source,
                                             std::vector<std::string>& errors)) {
  std::vector<std::string> errors;
  Table table = read(dictionary_text(name), name, errors);
  if (!errors.empty()) throw std::logic_error("models/dictionaries/" + errors.front());
  return table;
}

}  // namespace gifkit::grammars

// code_lists.hpp — GIF code lists (性別, 法人種別, 国・地域, ...) read at run time
// from the official GIF_Core_CodeList.xsd: each <simpleType name="XCodeList_code_simpleType">
// gives the codes, each enumeration's documentation gives the name.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gifkit::models {

struct CodeEntry {
  std::string code;         // "2"
  std::string name;         // "女性"
  std::string folded_name;  // grammars::fold_label(name): a label as people write it matches
};

// The first of entries whose name is value or whose folded name is value's
// (grammars::fold_label: a label as people write it), or nullptr: 株式会社
// is the label of LegalEntityKindCodeList's 301. A label written exactly as
// listed (the usual case) is found without folding value. Used by the code
// check (code-label) and by the columns understood by their values.
const CodeEntry* find_code_label(const std::vector<CodeEntry>& entries, std::string_view value);
// Its two steps, for a caller that compares one value with several lists and
// folds it once: the entry whose name is value (the first of those that fold
// as it does), and the first entry whose folded name is folded.
const CodeEntry* find_exact_code_label(const std::vector<CodeEntry>& entries,
                                       std::string_view value);
const CodeEntry* find_folded_code_label(const std::vector<CodeEntry>& entries,
                                        std::string_view folded);

class CodeLists {
 public:
  // Reads the code list XSD. Returns false and sets error on failure.
  bool load_xsd(const std::filesystem::path& xsd, std::string& error);

  // The entries of a list by its name ("SexCodeList"), or nullptr.
  const std::vector<CodeEntry>* find(std::string_view list_name) const;
  std::vector<std::string> names() const;

 private:
  // Found by name for every code cell validate checks: hashed, not ordered
  // (names() sorts).
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const {
      return std::hash<std::string_view>{}(name);
    }
  };
  std::unordered_map<std::string, std::vector<CodeEntry>, NameHash, std::equal_to<>> lists_;
};

}  // namespace gifkit::models

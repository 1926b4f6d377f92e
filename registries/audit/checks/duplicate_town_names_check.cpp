// duplicate_town_names_check.cpp — the audit check of 町字 in force of one city that share a name
// (abr-duplicate-town-name) or differ only in 大字/字, width or the writing of their
// numerals (abr-similar-town-name).
#include <algorithm>
#include <map>
#include <set>

#include "grammars/dictionaries/place_qualifiers.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/address_fold.hpp"
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

// A name folded so that spellings of one 町字 meet: the 大字/字 qualifier
// dropped, full-width ASCII folded, every kanji numeral run written in digits
// and 丁目 dropped (大字小原 = 小原; 白山一丁目 = 白山１丁目 = 白山1).
std::string near_name_key(std::string_view oaza_cho, std::string_view chome,
                          std::string_view koaza) {
  const grammars::PlaceQualifiers& qualifiers = grammars::place_qualifiers();
  const std::string joined = grammars::fold_ascii_width(
      std::string(qualifiers.without_qualifier(oaza_cho)) + std::string(chome) +
      std::string(qualifiers.without_qualifier(koaza)));
  std::string key;
  std::size_t pos = 0;
  while (pos < joined.size()) {
    std::size_t start = pos;
    char32_t cp = grammars::decode_utf8(joined, pos);
    if (!grammars::is_kanji_numeral(cp)) {
      key.append(joined, start, pos - start);
      continue;
    }
    std::size_t end = pos;
    while (end < joined.size()) {
      std::size_t next = end;
      if (!grammars::is_kanji_numeral(grammars::decode_utf8(joined, next))) break;
      end = next;
    }
    const std::int64_t value =
        grammars::parse_number_text(std::string_view(joined).substr(start, end - start));
    key += value >= 0 ? std::to_string(value) : joined.substr(start, end - start);
    pos = end;
  }
  for (std::size_t at = key.find("丁目"); at != std::string::npos; at = key.find("丁目"))
    key.erase(at, std::string_view("丁目").size());
  return key;
}

class DuplicateTownNamesCheck : public AuditCheck {
 public:
  DuplicateTownNamesCheck()
      : AuditCheck(AuditPart::abr, {"abr-duplicate-town-name", "abr-similar-town-name"}) {}

  void city_towns(AuditContext& context, const std::string& lg_code,
                  const std::vector<TownRow>& towns) override {
    // Live rows by exact name (and 同一町字識別情報, which tells same names apart)
    // and by near key; one id per row (the 0 and 1 rows of one id are one 町字).
    std::map<std::string, std::vector<const TownRow*>> exact, near;
    for (const TownRow& town : towns) {
      if (!live(town.ablt_date) || town.name().empty()) continue;
      auto add = [&](std::vector<const TownRow*>& list) {
        for (const TownRow* other : list)
          if (other->machiaza_id == town.machiaza_id) return;
        list.push_back(&town);
      };
      add(exact[town.name() + "\x1f" + town.dist]);
      const std::string chome = town.chome_number.empty() ? town.chome : town.chome_number;
      add(near[near_name_key(town.oaza_cho, chome, town.koaza) + "\x1f" + town.dist]);
    }
    auto emit = [&](const std::vector<const TownRow*>& list, const char* code, std::string reason) {
      context.report(context.town_finding(code, lg_code, list,
                                          context.city_name(lg_code) + " " + list.front()->name(),
                                          std::move(reason)));
    };
    std::set<std::string> reported;  // ids already in a duplicate-name finding
    for (const auto& [name, list] : exact) {
      if (list.size() < 2) continue;
      std::string ids;
      for (const TownRow* town : list) {
        ids += (ids.empty() ? "" : ", ") + town->machiaza_id;
        reported.insert(town->machiaza_id);
      }
      emit(list, "abr-duplicate-town-name",
           "the name " + list.front()->name() + " is used by " + std::to_string(list.size()) +
               " 町字 in force of one city (machiaza_id " + ids + ")");
    }
    for (const auto& [key, list] : near) {
      if (list.size() < 2) continue;
      bool all_reported = std::all_of(list.begin(), list.end(), [&](const TownRow* town) {
        return reported.contains(town->machiaza_id);
      });
      if (all_reported) continue;
      std::string names;
      for (const TownRow* town : list)
        names += (names.empty() ? "" : ", ") + town->name() + " (" + town->machiaza_id + ")";
      emit(list, "abr-similar-town-name",
           std::to_string(list.size()) +
               " 町字 in force of one city differ only in 大字/字, "
               "width or the writing of their numerals: " +
               names);
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_duplicate_town_names_check(const AuditContext&) {
  return std::make_unique<DuplicateTownNamesCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit

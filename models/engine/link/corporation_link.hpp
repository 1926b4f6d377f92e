// corporation_link.hpp — a list of corporations (gif:LegalEntity: 商号,
// 法人番号, 所在地) linked to a registry's 法人番号 data: each row by its own
// 法人番号 when it has a valid one (and its name and address compared with
// the registered ones), else by its 商号 through the registry's name index
// (㈱ = 株式会社, 髙 = 高) and its 所在地 (the same comparison as people's
// addresses). Several corporations of one name are told apart by address;
// what stays ambiguous goes to review.
#pragma once
#include "models/engine/link/link.hpp"
#include "models/engine/link/person_normalizer.hpp"

namespace gifkit::models {

// result.left holds the rows (read); fills result.corporation_links and the
// summary. options.corporations must not be null.
void link_corporations(const LinkOptions& options, PersonNormalizer& normalizer,
                       LinkResult& result);

}  // namespace gifkit::models

// unidic_names.hpp — the persons' names of UniDic (Debian's unidic-mecab:
// /usr/share/mecab/dic/unidic/lex_3_1.csv, UTF-8, BSD/GPL/LGPL), read into
// the name dictionary (name_reading_dictionary.hpp). One entry a CSV line:
// column 0 the surface, 4–9 the part of speech (`名詞,固有名詞,人名,姓` a
// family name, `…,人名,名` a given one; `…,人名,一般` a person known by one
// name, not read), 10 the lemma's reading in katakana (lForm):
// `愛内,4043,7183,5892,名詞,固有名詞,人名,姓,*,*,アイウチ,…`.
#pragma once
#include <cstdint>
#include <string_view>

#include "grammars/dictionaries/name_reading_dictionary.hpp"

namespace gifkit::grammars {

// Adds UniDic's family and given names of text (the lex CSV) to into, only
// the headwords keep keeps (an empty keep keeps all); a line whose surface
// is quoted, in kana only, or whose reading is empty is left out. Returns
// the number of entries added. Only the person lines are looked at (memmem
// jumps from one to the next: 87k of 879k lines).
std::uint64_t parse_unidic_names_into(std::string_view text, NameReadings& into,
                                      const KeepHeadword& keep);

}  // namespace gifkit::grammars

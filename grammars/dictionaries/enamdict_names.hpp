// enamdict_names.hpp — the persons' names of the EDRDG's ENAMDICT (Debian's
// enamdict: /usr/share/edict/enamdict, EUC-JP, CC BY-SA 4.0), read into the
// name dictionary (name_reading_dictionary.hpp). One entry a line:
// `見出し [よみ] /(tags) Gloss/(tags) Gloss/`, or `ジョエル /(m) Joel/(f) Joelle/`
// for a headword in kana. Tags: s family, g f m given, h the full name of a
// particular person (its gloss `Tanaka Kakuei (1918-1993)` shows where
// family and given meet), u a person's or a place's name, the rest (p
// place, st station, c company, …) not persons and left alone.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "grammars/dictionaries/name_reading_dictionary.hpp"

namespace gifkit::grammars {

// Adds ENAMDICT's persons' names of text (the file's EUC-JP bytes) to into:
// s → family, g/f/m → given, h → full (and, with a gloss of two words, its
// split: add_full_split), u → unclassified; a headword written in kana only
// is not added as a name (it is its own reading) but, when katakana with a
// Latin gloss of one word and a person's tag (s g f m u), as that word's
// foreign reading (and an h name in katakana with ・ between as many parts as
// its gloss has words, each part). Only headwords keep keeps (an empty keep
// keeps all). Returns the number of entries added.
std::uint64_t parse_enamdict_into(std::string_view text, NameReadings& into,
                                  const KeepHeadword& keep);

// A Latin word as foreign_readings looks it up: ASCII letters lower-cased,
// Latin-1 and Latin Extended-A letters without their accents (é → e, ß →
// ss), apostrophes, hyphens and dots dropped; "" when anything else is in it
// (a digit, a space, a kanji).
std::string fold_latin_word(std::string_view utf8);

// The reading (katakana or hiragana) in ENAMDICT's romanisation (modified
// Hepburn with long vowels spelled out: トウシバ → toushiba, ン → n), and
// after each code point of reading the length romanised so far (0 where a
// part cannot end: before a small kana). What splits an h name's reading at
// its gloss's first word.
std::string romanize_reading(std::u32string_view reading, std::vector<std::size_t>& ends);

}  // namespace gifkit::grammars

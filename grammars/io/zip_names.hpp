// zip_names.hpp — an entry's name in a zip directory as UTF-8, decided as
// libzip decides it (so that both readers name entries alike): the bytes as
// they are when they are ASCII or look like UTF-8, else read as code page 437;
// an Info-ZIP Unicode Path field (0x7075) whose CRC matches the name wins; a
// name flagged UTF-8 that is not is refused.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The UTF-8 name of raw; utf8_flag is general purpose bit 11, extra the entry's
// extra fields. Nothing when the flag says UTF-8 and raw is not.
std::optional<std::string> zip_entry_name(std::string_view raw, bool utf8_flag,
                                          std::string_view extra);

// The extra field of that id in extra (id, size, data…), nullopt when absent
// or cut short.
std::optional<std::string_view> zip_extra_field(std::string_view extra, unsigned id);

}  // namespace gifkit::grammars

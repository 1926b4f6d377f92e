// euc_jp.hpp — EUC-JP (JIS X 0208, JIS X 0201 kana after SS2, JIS X 0212
// after SS3) to UTF-8: how ENAMDICT (Debian's /usr/share/edict/enamdict) is
// written. The tables are built once from glibc iconv ("EUC-JP"), the first
// time a text is converted, so conversion is a table look-up per character.
// In text/ rather than io/ (beside encoding.hpp's CP932) because the name
// dictionaries of dictionaries/ read it, and dictionaries/ sits below io/.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// Converts EUC-JP bytes to UTF-8, appending to out. Returns the offset of the
// first byte that is not valid EUC-JP (converted as U+FFFD, and conversion
// goes on), or std::string_view::npos when all bytes were valid.
std::size_t euc_jp_to_utf8(std::string_view input, std::string& out);

}  // namespace gifkit::grammars

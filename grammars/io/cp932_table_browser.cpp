// cp932_table_browser.cpp — cp932_table.hpp's table in the browser build,
// whose musl iconv has no CP932: from the pairs generated from glibc iconv
// (cp932_table_data.cpp). Nothing here calls iconv.
#include "grammars/io/cp932_table.hpp"

namespace gifkit::grammars {

const Cp932Table& cp932_table() {
  static const Cp932Table table = cp932_table_from_data();
  return table;
}

}  // namespace gifkit::grammars

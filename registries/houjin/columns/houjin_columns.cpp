// houjin_columns.cpp — the names of the 法人番号 code values (FORMAT.md §4).
#include "registries/houjin/columns/houjin_columns.hpp"

#include <utility>

namespace gifkit::registries::houjin {
namespace {

using CodeName = std::pair<std::string_view, std::string_view>;

template <std::size_t N>
std::string_view name_of(const CodeName (&table)[N], std::string_view code) {
  for (const auto& [candidate, name] : table)
    if (candidate == code) return name;
  return {};
}

constexpr CodeName kProcesses[] = {
    {"01", "新規"},
    {"11", "商号又は名称の変更"},
    {"12", "国内所在地の変更"},
    {"13", "国外所在地の変更"},
    {"21", "登記記録の閉鎖等"},
    {"22", "登記記録の復活等"},
    {"71", "吸収合併"},
    {"72", "吸収合併無効"},
    {"81", "商号の登記の抹消"},
    {"99", "削除"},
};

constexpr CodeName kKinds[] = {
    {"101", "国の機関"},   {"201", "地方公共団体"},
    {"301", "株式会社"},   {"302", "有限会社"},
    {"303", "合名会社"},   {"304", "合資会社"},
    {"305", "合同会社"},   {"399", "その他の設立登記法人"},
    {"401", "外国会社等"}, {"499", "その他"},
};

constexpr CodeName kCloseCauses[] = {
    {"01", "清算の結了等"},
    {"11", "合併による解散等"},
    {"21", "登記官による閉鎖"},
    {"31", "その他の清算の結了等"},
};

}  // namespace

std::string_view process_name(std::string_view code) {
  return name_of(kProcesses, code);
}

std::vector<std::string_view> process_codes() {
  std::vector<std::string_view> codes;
  for (const auto& [code, name] : kProcesses) codes.push_back(code);
  return codes;
}

std::string_view kind_name(std::string_view code) {
  return name_of(kKinds, code);
}

std::string_view close_cause_name(std::string_view code) {
  return name_of(kCloseCauses, code);
}

}  // namespace gifkit::registries::houjin

// test_dataset_options.cpp — tools/dataset_options: the dataset-input
// options declared once. The command line and the service read a value
// into the same DatasetReadOptions and refuse it in the same words (the
// command line "WHO: --NAME: why", the service "'NAME': why"); the chars
// tool takes --as, not --delimiter; the service takes no cap (the server's
// own) and no delimiter; the command line's caps name the options that
// raise them.
// room: cli
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>

#include "tools/dataset_options.hpp"

using namespace gifkit::tools;
using gifkit::grammars::Encoding;
using gifkit::grammars::TextLayout;
using gifkit::models::DatasetReadOptions;

namespace {

// `gifkit test ARGS` with the group for input: the options read, or the message.
struct GroupRead {
  std::optional<DatasetReadOptions> options;
  std::string err;
};
GroupRead group_read(const std::string& args, DatasetInput input = DatasetInput::tables) {
  CLI::App app{"", "gifkit test"};
  DatasetOptions group(input);
  group.add_to(app);
  app.parse(args, false);
  std::ostringstream err;
  GroupRead parsed{group.read_options(err, "gifkit test"), ""};
  parsed.err = err.str();
  return parsed;
}

// The service's reading of parameters (name → value); the message, or "".
std::string served_read(const std::map<std::string, std::string>& parameters,
                        DatasetReadOptions& options, DatasetInput input = DatasetInput::tables) {
  auto problem = read_dataset_parameters(
      input,
      [&](const std::string& name) {
        auto found = parameters.find(name);
        return found == parameters.end() ? std::string() : found->second;
      },
      options);
  return problem.value_or("");
}

}  // namespace

TEST_CASE("dataset-options-1.1 the command line and the service read a value alike",
          "[dataset-options]") {
  auto parsed = group_read("--encoding cp932 --sheet 名簿");
  REQUIRE(parsed.options);
  CHECK(parsed.options->encoding == Encoding::cp932);
  CHECK(parsed.options->sheet == "名簿");
  DatasetReadOptions served;
  CHECK(served_read({{"encoding", "cp932"}, {"sheet", "名簿"}}, served).empty());
  CHECK(served.encoding == Encoding::cp932);
  CHECK(served.sheet == "名簿");
  // Absent or empty: the default.
  DatasetReadOptions none;
  CHECK(served_read({{"encoding", ""}}, none).empty());
  CHECK(none.encoding == Encoding::automatic);
}

TEST_CASE("dataset-options-1.2 a value refused in the same words on both sides",
          "[dataset-options]") {
  for (auto [name, value] :
       {std::pair{"encoding", "utf9"}, std::pair{"sheet", "99999999999999999999999"}}) {
    INFO(name << "=" << value);
    auto parsed = group_read(std::string("--") + name + " " + value);
    CHECK_FALSE(parsed.options);
    DatasetReadOptions served;
    const std::string message = served_read({{name, value}}, served);
    const std::string prefix = std::string("'") + name + "': ";
    REQUIRE(message.starts_with(prefix));
    CHECK(parsed.err ==
          std::string("gifkit test: --") + name + ": " + message.substr(prefix.size()) + "\n");
  }
  CHECK(group_read("--encoding utf9").err ==
        "gifkit test: --encoding: unknown encoding 'utf9' (use auto, utf-8 or cp932)\n");
}

TEST_CASE("dataset-options-1.3 what each side takes: chars --as, no delimiter; no cap served",
          "[dataset-options]") {
  auto texts = group_read("--as tsv --max-inflated-size 3", DatasetInput::texts);
  REQUIRE(texts.options);
  CHECK(texts.options->layout == TextLayout::tsv);
  CHECK(texts.options->limits.max_part_bytes == std::uint64_t{3} << 20);
  CHECK(texts.options->limits.max_total_bytes == std::uint64_t{6} << 20);
  CHECK(texts.options->limits.raise_size_hint == "raise it with --max-inflated-size MIB");
  CHECK_THROWS_AS(group_read("--delimiter tab", DatasetInput::texts), CLI::ParseError);
  CHECK_THROWS_AS(group_read("--as csv"), CLI::ParseError);
  CHECK(group_read("--delimiter tab").options->delimiter == '\t');
  CHECK(group_read("--delimiter ';;'").err ==
        "gifkit test: --delimiter: ';;' is not one character or 'tab'\n");
  CHECK(group_read("--max-attributes 0").err ==
        "gifkit test: --max-attributes: '0' is not a whole number from 1 to 16777216\n");

  DatasetReadOptions served;
  served.limits.max_part_bytes = 7;
  CHECK(served_read({{"max-inflated-size", "1"}, {"max_inflated_size", "1"}, {"delimiter", ";"}},
                    served)
            .empty());
  CHECK(served.limits.max_part_bytes == 7);  // the server's cap stays
  CHECK(served.delimiter == 0);
  CHECK(served_read({{"layout", "xml"}}, served, DatasetInput::texts) ==
        "'layout': 'xml' is not auto, text, csv or tsv");
  CHECK(served_read({{"layout", "xml"}}, served).empty());  // validate takes no layout
}

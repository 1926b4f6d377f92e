// chars_check_view.hpp — the view of a text check's findings, for `gifkit
// chars check`, `chars shrink` and the service: the findings as text, JSON
// or NDJSON (streamed as they are found, the summary per character at the
// end), shrink's review list (CSV) and change log (NDJSON). Field names are
// documented in docs/chars.md.
#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/chars/chars_check.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

namespace moji = gifkit::registries::moji;

// Streams the findings of `chars check` in one format (one of
// kCharsCheckFormats); finish() writes the summary.
class CharsCheckWriter : public models::TextCheckSink {
 public:
  virtual void finish(const models::TextChecker& checker) = 0;
};
inline constexpr std::initializer_list<OutputFormat> kCharsCheckFormats = {
    OutputFormat::text, OutputFormat::json, OutputFormat::ndjson};
std::unique_ptr<CharsCheckWriter> make_chars_check_writer(OutputFormat format, std::ostream& out,
                                                          bool summary_only);

// shrink's sink: review rows (CSV) for every character without a unique
// replacement, a log line (NDJSON) for every changed value, problems to err.
class ShrinkOutputs : public models::ShrinkSink {
 public:
  ShrinkOutputs(std::ostream& review, std::ostream& log, std::ostream& err);
  void character(const models::CharacterPlace& place, const models::OffendingCharacter& character,
                 std::string_view unit, std::string_view value) override;
  void problem(const std::string& file, std::uint64_t line, const std::string& message) override;
  void change(const models::ShrinkChange& change) override;
  std::uint64_t problems() const { return problems_; }

 private:
  std::ostream& review_;
  std::ostream& log_;
  std::ostream& err_;
  std::uint64_t problems_ = 0;
};

// "1 character", "3 characters".
std::string counted(std::uint64_t count, std::string_view noun);

// "MJ028902, MJ030196" (or "base MJ…"); after most of them "… (N in all)".
std::string mj_names_of(const models::OffendingCharacter& character, std::size_t most = 1000);
// "牛 (mj-shrink: MJ000007) | 井 (mj-shrink: MJ000008)"
std::string candidates_text(const moji::ShrinkChoice& choice);

}  // namespace gifkit::tools

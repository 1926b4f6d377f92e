// individual_number_masks.hpp — how a transform never writes a 個人番号
// (マイナンバー) in clear (the rule: transform.hpp, TransformOptions::
// mask_individual_numbers): which input columns are masked, decided before
// anything is written — a column named so refused or masked, a file read a
// first time for the columns that hold them by their values and the lone
// ones — and each row's values masked as they are read, each masked value
// logged masked.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/transform/transform_input.hpp"
#include "models/engine/transform/transform_log.hpp"
#include "models/engine/transform/transform_plan.hpp"

namespace gifkit::models {

class IndividualNumberMasks {
 public:
  explicit IndividualNumberMasks(const TransformOptions& options) : options_(options) {}

  // Decides, before anything is written, how each column is masked: a
  // column named 個人番号 is refused (TransformFailure) unless --mask
  // individual-number; a file is read a first time, and a column that holds
  // 個人番号 by its values (IndividualNumberColumn::is_individual_number_column,
  // the rule validate uses) is masked whole, a lone 個人番号 alone
  // (has_lone_individual_numbers) unless the model types the column as a number. Standard input is
  // read once: every 個人番号 is masked as it comes, a column whole once its values say so. The
  // first reading also gives kinds what every value is (checks/column_kinds.hpp) — needed only
  // where a column is unbound (unbound); without one, a UTF-8 file whose bytes hold no value
  // written like a 個人番号 (grammars::TwelveDigitScan) is not read as records. first: the reader
  // of input that read the header; fields: each input column's item (nullptr: none), for the
  // columns typed as numbers.
  void find(TransformInput& input, const DatasetReader& first, const grammars::CsvRecord& header,
            const std::vector<const FieldSpec*>& fields, bool unbound, ColumnKinds& kinds);

  // Writes every digit of the masked columns, each stray 個人番号 and each
  // labelled one inside a text as '*' (the record's fields then view
  // values this holds), each masked value logged masked: never the number.
  // plan: for the item names of the log.
  void mask(grammars::CsvRecord& record, const TransformPlan& plan, TransformLog& log);

  // The columns (headers, masked) of 個人番号, by their header or their
  // values (the rule of checks/individual_number.hpp, as validate decides):
  // written masked.
  std::vector<std::string> masked_columns(const std::vector<std::string>& headers) const;

 private:
  // What is masked in an input column: every value; only the cells that
  // are a 個人番号; those, and every value once the column is found to hold
  // 個人番号 (standard input, read once); or only the labelled numbers
  // inside a text (grammars::mask_labelled_individual_numbers), as in every
  // column.
  enum class Mask : std::uint8_t { labelled, column, strays, watched };

  bool names_individual_number(std::string_view header) const;
  // True when the file's bytes are its text as the reader decodes it (a
  // regular UTF-8 CSV or TSV file, the encoding settled by a header with
  // more than ASCII, or given) and its delimiter ends a stretch of digits.
  bool bytes_can_be_scanned(const DatasetReader& first, const grammars::CsvRecord& header) const;
  // True when the input file holds a stretch of 12 digits
  // (grammars::TwelveDigitScan), or cannot be read here (the records are
  // then read: they say why). Reads it a piece at a time.
  bool bytes_hold_twelve_digits() const;
  // The masked text of value in column i into masked; false when nothing
  // in it is masked.
  bool mask_value(std::size_t i, std::string_view value, std::string& masked);

  const TransformOptions& options_;
  std::vector<Mask> masked_;                     // per input column
  std::vector<IndividualNumberColumn> watched_;  // per input column, from standard input
  std::vector<std::string> masked_values_;       // this row's masked values
  // The file's bytes hold no chain of 12 digits (grammars::TwelveDigitScan):
  // nothing in it is a 個人番号, labelled or not.
  bool no_twelve_digits_ = false;
};

}  // namespace gifkit::models

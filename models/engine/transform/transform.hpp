// transform.hpp — `transform` as a library function (GDAL style): a
// non-compliant dataset rewritten in a model's GIF form — items renamed and
// ordered as the model has them, every certain fix of validate's checks
// applied (value_checks.hpp: the same Fix values validate prints), split and
// combined forms converted, codes added from the registry — with every
// change reported to a sink and whatever needs a person reported as a
// review item, its value left as it was. The gifkit transform command and
// any service call run_transform; docs/transform.md describes the rules.
#pragma once
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/individual_number.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/dataset/column_mapping.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

class Crosswalk;

// Which GIF form the output takes where a model has split and combined
// forms of one piece of information (氏 + 名 | 氏名; the address parts | 連結表記).
enum class TargetForm {
  as_input,  // the form the input has
  split,     // the first (most split) form
  combined,  // the one-item form
};

struct TransformOptions {
  std::string input;  // a path, or "-" for standard input
  std::string model;  // a model id or a model file; "": chosen by the header (choose_model)
  TargetForm to = TargetForm::as_input;
  // How the input is read: encoding, delimiter, an .xlsx's sheet and caps
  // (a cap reached: TransformFailure).
  DatasetReadOptions reading;
  ColumnMapping mapping;      // --mapping: confirmed header → item choices
  std::string charset;        // --charset: the set every text item is shrunk to ("": the item's)
  bool drop_unknown = false;  // columns the model lacks go to the change log, not the output
  // --update-from-registry: a stale name or address of a corporation is
  // replaced by the registered one (else it goes to review).
  bool update_from_registry = false;
  // The header names that say a column holds 個人番号 (nullptr: found by values only).
  const IndividualNumberHeaders* individual_number_headers = nullptr;
  // No 個人番号 is ever written in clear, not even to a temporary file: a
  // column that holds them by its values (found in a first reading of a
  // file; from standard input, once its values say so), a lone one among
  // other values, and one labelled inside a text
  // (grammars::mask_labelled_individual_numbers) are written masked. A
  // column named so (individual_number_headers) makes run_transform throw
  // TransformFailure before the sink gets anything — unless
  // mask_individual_numbers (--mask individual-number): it is then masked too.
  bool mask_individual_numbers = false;
  // The crosswalk between GIF releases (model/crosswalk.hpp), or nullptr: with
  // it, a column the model does not know but the same class of an earlier
  // release does is converted (release_columns.hpp: renamed where its value
  // carries over, else each of its values reviewed).
  const Crosswalk* crosswalk = nullptr;
  // Asked every 1,024 rows whether to go on (a progress hook); false stops
  // with TransformFailure.
  std::function<bool(std::uint64_t rows)> keep_going;
};

// One change: the value of input row `row`, column `column` (1-based; the
// header is row 1), as item `item`, went from `from` to `to` by `rule`.
struct ChangeRecord {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
  std::string item;  // the GIF item name it was read as ("" for a column the model lacks)
  std::string from;
  std::string to;
  std::string rule;  // a Fix rule (docs/codes.md#fix-rules) or a transform rule (docs/transform.md)
};

// Something only a person can settle; the value was left as it was.
struct ReviewRecord {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
  std::string item;
  std::string value;
  std::string why;         // the problem's message, or why a conversion was not certain
  std::string code;        // the problem code, or the transform rule
  std::string candidates;  // what it might be, "" when nothing can be proposed
};

// Where the output rows, changes and review items go, as they are made.
class TransformSink {
 public:
  virtual ~TransformSink() = default;
  virtual void header(const std::vector<std::string>& labels) = 0;
  // A row's values: views valid during the call (of the input where a value
  // is written as it was read).
  virtual void row(const std::vector<std::string_view>& values) = 0;
  virtual void change(const ChangeRecord& change) = 0;
  // False when change() keeps nothing (no change log asked for): the
  // changes are then only counted.
  virtual bool keeps_changes() const { return true; }
  virtual void review(const ReviewRecord& review) = 0;
  // False when review() keeps nothing (no review list asked for): the
  // fixer's leftovers are then only counted, their messages not rendered.
  virtual bool keeps_reviews() const { return true; }
};

struct TransformResult {
  std::string model;  // the model id used
  std::string format;
  std::string encoding;
  std::uint64_t rows = 0;  // data rows
  std::uint64_t changes = 0;
  std::uint64_t reviews = 0;
  std::uint32_t columns_in = 0;
  std::uint32_t columns_out = 0;
  ColumnMapping mapping;  // the header → item choices made (for --save-mapping)
  // The columns (headers, masked) that hold 個人番号 (マイナンバー), by their
  // name (with mask_individual_numbers) or by their values: written masked.
  std::vector<std::string> masked_columns;
  std::vector<std::string> notes;  // what the caller tells the user (registry skipped, …)
};

// Why the transform could not run (a usage or input error: exit 2).
struct TransformFailure {
  std::string message;
};

// Reads options.input, binds its header to the model (and options.mapping),
// and writes the transformed dataset to sink. Without options.model the model
// is chosen as validate chooses it (choose_model: the file name's kind, the
// header). Throws TransformFailure when the input cannot be read, the model
// cannot be found, no model fits the header (no-model-fits), or the mapping
// does not fit. catalog may gain the model loaded from a file.
TransformResult run_transform(const TransformOptions& options, ModelCatalog& catalog,
                              const CheckResources& resources, TransformSink& sink);

}  // namespace gifkit::models

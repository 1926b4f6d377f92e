// transform_plan.hpp — what transform will do with a dataset, decided from
// its header (and, for a column the header leaves unbound, its values, read
// a first time): which input column becomes which item (the header binding,
// a user's mapping, the values), which split/combined forms are
// converted and by which conversion, and the output's columns in the
// model's order with the columns the model lacks at the end.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/lookups/registry_lookup.hpp"
#include "models/engine/transform/corporation_codes.hpp"
#include "models/engine/transform/form_conversions.hpp"
#include "models/engine/transform/release_columns.hpp"
#include "models/engine/transform/transform.hpp"

namespace gifkit::models {

// A conversion bound to the columns: the input columns it reads, in its
// order (-1: an input it has no column for, read as ""), and the item of
// each of its slots (nullptr: a slot the output does not take).
struct PlannedConversion {
  std::unique_ptr<FormConversion> conversion;
  std::vector<int> inputs;
  std::vector<const FieldSpec*> slots;
  std::string item;  // the item name it is reported under (its first input's)
};

// A user's code table (column_mapping.hpp CodeMapping) bound to the input.
struct PlannedCodeTable {
  int input = -1;  // the input column (0-based) whose codes are read
  std::shared_ptr<const CodeTable> table;
  bool in_place = false;  // the standard code replaces the code in its own column
};

struct OutputColumn {
  std::string header;                // the output's header for it
  const FieldSpec* field = nullptr;  // the model's item; nullptr for a column the model lacks
  FieldSpec checked;                 // the item as its values are checked (--charset applied)
  // Where its values come from: an input column (0-based), or a
  // conversion's slot, or neither (a 法人番号 only the registry gives:
  // corporation_codes.hpp; a code table's column). With both, the input
  // column as the conversion writes it again where it is certain (an
  // address in the DS-442 form), else as read.
  int source = -1;
  int conversion = -1;
  int slot = -1;
  int code_table = -1;  // the code table that writes it, or -1

  // The input column (1-based) its values are logged at: its source, its
  // conversion's first input, 0 for a column the registry fills.
  std::uint32_t input_number(const std::vector<PlannedConversion>& conversions) const;
};

struct TransformPlan {
  const Model* model = nullptr;
  std::vector<std::string> headers;            // the input's
  std::vector<const FieldSpec*> input_fields;  // per input column: its item (nullptr: none)
  std::vector<OutputColumn> columns;           // the output's
  std::vector<PlannedConversion> conversions;
  std::vector<PlannedCodeTable> code_tables;
  std::vector<CorporationColumns> corporations;  // the registry's 法人番号 checks (output columns)
  std::vector<int> dropped;                  // input columns the model lacks, with --drop-unknown
  std::vector<ChangeRecord> header_changes;  // renames, splits, joins, drops (row 1)
  std::vector<ReviewRecord> header_reviews;  // near misses, duplicates (row 1)
  // Columns of an earlier release with no certain place in the model
  // (release_columns.hpp): left out of the output, each of their values
  // reviewed — one record a column, its row and value filled per row.
  std::vector<ReviewRecord> release_reviews;
  ColumnMapping mapping;  // the choices made, for --save-mapping
  std::vector<std::string> notes;

  // The GIF item name an input column (0-based) was read as; "" for none.
  std::string item_name(std::size_t column) const;
};

// Plans the transform of a dataset with these headers. registry may be null
// (no address splitting or codes). by_values: the columns understood by their
// values (checks/column_by_values.hpp); a certain one the header and the
// mapping leave unbound is read as its item (a note says why, its rename is
// logged as rename-by-values). release (may be null): the columns of an
// earlier release of the model's class (rename-release, release-review,
// release-no-place). known_items (may be null): the item names of every GIF
// release (ModelCatalog::gif_item_labels), which the header binding never
// reads as near misses. A column is never renamed onto a name another column
// of the file has: it keeps its own (a duplicate-column review). Throws TransformFailure when the
// mapping does not fit the header or a conversion the target form needs is impossible.
TransformPlan plan_transform(const Model& model, const std::vector<std::string>& headers,
                             const TransformOptions& options, RegistryLookup* registry,
                             const std::vector<ValueBinding>& by_values = {},
                             const ReleaseColumns* release = nullptr,
                             KnownItemLabels known_items = nullptr);

}  // namespace gifkit::models

// header_findings.hpp — validate's findings about a table's header, before
// any row: what the header binding found (unknown, non-standard, duplicate,
// missing items: dataset/header_binding), how few of the columns the model
// knows (poor-model-fit), and the required patterns (必須パターン) of a GIF
// class (required-pattern).
#pragma once
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/engine/validate/table_checks/table_check.hpp"

namespace gifkit::models {

// The header's findings in their order: the binding's, then (for a file
// with a header row) the model's fit and its required patterns. model_named:
// the model was named (--model, a mapping's model), not chosen from the header.
void report_header_findings(TableContext& table, const ModelCatalog& catalog,
                            const ModelChoice& choice, bool header_row, bool model_named);

}  // namespace gifkit::models

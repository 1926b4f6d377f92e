// person_reader.hpp — a dataset's rows read into link's PersonRecords: the
// header bound to the model (gif:Person, or the one given), the columns of
// the four items found, and each row's items normalized (person_normalizer).
#pragma once
#include <string>
#include <vector>

#include "models/engine/link/link.hpp"
#include "models/engine/link/person_normalizer.hpp"

namespace gifkit::models {

struct PersonFile {
  std::string model;  // the model's id
  LinkItemColumns columns;
  std::vector<PersonRecord> records;
  // The reader's problems ("file:line:column: why"), the first few; rows
  // with problems are read as well as they can be.
  std::vector<std::string> problems;
  std::uint64_t problem_count = 0;
};

// Reads path; throws LinkFailure when it cannot be read, when its header
// names no item to compare, or when --id names a column that is not there or
// that holds 個人番号.
PersonFile read_person_file(const std::string& path, const LinkOptions& options,
                            ModelCatalog& catalog, PersonNormalizer& normalizer);

}  // namespace gifkit::models

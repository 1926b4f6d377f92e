// model_load_error.hpp — a problem loading a model file (where and what),
// shared by the catalog, the model reader and the resolver without either
// including the other.
#pragma once
#include <string>

namespace gifkit::models {

struct ModelLoadError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

}  // namespace gifkit::models

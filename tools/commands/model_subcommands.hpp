// model_subcommands.hpp — the subcommands of `gifkit model`, each a Command
// class in its own file (model_list.cpp, model_show.cpp, model_check.cpp,
// model_export.cpp),
// registered by model.cpp; and what list and show share: a model as JSON
// (defined in model.cpp). See docs/model.md.
#pragma once
#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "models/engine/model/model.hpp"
#include "tools/command.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_model_list_command(const CommonOptions& common);
std::unique_ptr<Command> make_model_show_command(const CommonOptions& common);
std::unique_ptr<Command> make_model_check_command(const CommonOptions& common);
std::unique_ptr<Command> make_model_export_command(const CommonOptions& common);
std::unique_ptr<Command> make_model_diff_command(const CommonOptions& common);

// A model as `model list --format json` (with_fields false: the number of
// its items) and `model show --format json` (with_fields: each item, and
// the alternative forms) write it.
nlohmann::json model_json(const models::Model& model, bool with_fields);

}  // namespace gifkit::tools

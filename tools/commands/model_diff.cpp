// model_diff.cpp — `gifkit model diff MODEL_A MODEL_B [--format text|json]`:
// the item-by-item correspondence between two GIF class models — one class in
// two releases (gif2022:Person gif:Person), a class and the class its items
// moved to, a class and its required pattern — from the crosswalk
// (models/crosswalks/gif-releases.tsv): each item's relation, and the labels,
// types and cardinality that differ. Registered by model.cpp. See
// docs/model-diff.md.
#include <CLI/CLI.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "models/engine/model/crosswalk.hpp"
#include "models/engine/model/release_diff.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

// "Person.residenceAddress" or the bare item when it stays in the diff's class.
std::string side_name(const std::string& class_name, const std::string& item,
                      const std::string& diff_class) {
  if (item.empty()) return "-";
  return class_name == diff_class ? item : class_name + "." + item;
}

nlohmann::json side_json(const std::string& class_name, const std::string& item,
                         const std::optional<models::ClassItem>& in_model) {
  if (item.empty()) return nullptr;
  nlohmann::json json = {{"class", class_name}, {"item", item}};
  if (in_model) {
    json["label"] = in_model->label();
    json["type"] = in_model->type();
    json["cardinality"] = in_model->cardinality();
  }
  return json;
}

class ModelDiffCommand : public Command {
 public:
  explicit ModelDiffCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("from", from_, "the model compared from, e.g. gif2022:Person")->required();
    app.add_option("to", to_, "the model compared with, e.g. gif:Person")->required();
    add_format_option(app, format_, {OutputFormat::text, OutputFormat::json});
  }

  int run(const CommandContext& context) override {
    RuntimeData data;
    if (!load_model_catalog(common_, data, context.err)) return kExitUsage;
    std::string error;
    const models::Model* from = data.catalog.find_or_load(from_, error);
    if (from == nullptr) return usage_error(context, error);
    const models::Model* to = data.catalog.find_or_load(to_, error);
    if (to == nullptr) return usage_error(context, error);
    try {
      const models::Crosswalk crosswalk =
          models::read_crosswalk(models::crosswalk_path(common_.models()));
      const models::ReleaseDiff diff = models::diff_releases(*from, *to, crosswalk);
      if (format_ == OutputFormat::json)
        print_json(context.out, *from, *to, diff);
      else
        print_text(context.out, *from, *to, diff);
    } catch (const models::CrosswalkError& failure) {
      return usage_error(context, failure.message);
    } catch (const models::ReleaseDiffError& failure) {
      return usage_error(context, failure.message);
    }
    return kExitOk;
  }

 private:
  static int usage_error(const CommandContext& context, const std::string& message) {
    context.err << "gifkit model diff: " << message << "\n";
    return kExitUsage;
  }

  static void print_text(std::ostream& out, const models::Model& from, const models::Model& to,
                         const models::ReleaseDiff& diff) {
    out << from.id << " (" << diff.from_release << ", " << from.label << ") → " << to.id << " ("
        << diff.to_release << ", " << to.label << ")\n\n";
    std::map<std::string, int> counts;
    for (const models::ItemCorrespondence& item : diff.items) {
      const std::string relation(item.relation == models::CrossRelation::none
                                     ? "unknown"
                                     : models::cross_relation_name(item.relation));
      ++counts[relation];
      out << "  " << relation << std::string(relation.size() < 8 ? 8 - relation.size() : 0, ' ')
          << "  " << side_name(item.from_class, item.from_item, diff.from_class) << " → "
          << side_name(item.to_class, item.to_item, diff.to_class);
      const std::optional<models::ClassItem>& shown = item.from ? item.from : item.to;
      if (shown) out << "  " << shown->label();
      for (const std::string& difference : item.differences) out << "; " << difference;
      if (item.relation != models::CrossRelation::added &&
          item.relation != models::CrossRelation::removed && item.to_class == diff.to_class &&
          !item.to && !item.to_item.empty())
        out << "; not an item of " << to.id;
      if (item.relation == models::CrossRelation::removed) out << "; no place in " << to.id;
      if (item.value == models::ValueCarry::review || item.value == models::ValueCarry::check)
        out << "; value: " << models::value_carry_name(item.value);
      if (!item.note.empty()) out << "  (" << item.note << ")";
      out << "\n";
    }
    out << "\n";
    bool first = true;
    for (const auto& [relation, count] : counts) {
      out << (first ? "" : ", ") << count << " " << relation;
      first = false;
    }
    out << "\n";
  }

  static void print_json(std::ostream& out, const models::Model& from, const models::Model& to,
                         const models::ReleaseDiff& diff) {
    nlohmann::json items = nlohmann::json::array();
    for (const models::ItemCorrespondence& item : diff.items) {
      nlohmann::json json = {
          {"relation",
           item.relation == models::CrossRelation::none
               ? nlohmann::json(nullptr)
               : nlohmann::json(std::string(models::cross_relation_name(item.relation)))},
          {"from", side_json(item.from_class, item.from_item, item.from)},
          {"to", side_json(item.to_class, item.to_item, item.to)},
          {"differences", item.differences},
          {"value", item.value == models::ValueCarry::none
                        ? nlohmann::json(nullptr)
                        : nlohmann::json(std::string(models::value_carry_name(item.value)))},
          {"note", item.note}};
      items.push_back(std::move(json));
    }
    const nlohmann::json json = {
        {"from", {{"model", from.id}, {"release", diff.from_release}, {"class", diff.from_class}}},
        {"to", {{"model", to.id}, {"release", diff.to_release}, {"class", diff.to_class}}},
        {"items", items}};
    out << json_text(json, 2) << "\n";
  }

  const CommonOptions& common_;
  OutputFormat format_ = OutputFormat::text;
  std::string from_, to_;
};

}  // namespace

std::unique_ptr<Command> make_model_diff_command(const CommonOptions& common) {
  return std::make_unique<ModelDiffCommand>(common);
}

}  // namespace gifkit::tools

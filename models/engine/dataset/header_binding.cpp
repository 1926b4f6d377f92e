// header_binding.cpp — see header_binding.hpp.
#include "models/engine/dataset/header_binding.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <filesystem>
#include <set>

#include "grammars/text/listing.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/kind_words.hpp"

namespace gifkit::models {
namespace {

HeaderFinding header_finding(const char* code, std::uint32_t column, const ColumnBinding& binding) {
  HeaderFinding finding;
  finding.code = code;
  finding.column = column;
  finding.value = binding.header;
  return finding;
}

// The complete column sets of the other forms of every alternative that
// holds the item at path (氏 + 名 for 氏名).
std::vector<std::vector<int>> other_forms_of(const Model& model, const std::string& path,
                                             const HeaderBinding& binding) {
  std::vector<std::vector<int>> result;
  for (const auto& alternative : model.alternatives) {
    bool in_alternative = false;
    for (const auto& form : alternative.forms)
      for (const auto& form_path : form)
        if (form_path == path) in_alternative = true;
    if (!in_alternative) continue;
    for (const auto& form : alternative.forms) {
      bool contains_field = false;
      std::vector<int> columns;
      for (const auto& form_path : form) {
        if (form_path == path) contains_field = true;
        int column = binding.column_of(form_path);
        if (column < 0) {
          columns.clear();
          break;
        }
        columns.push_back(column);
      }
      if (!contains_field && !columns.empty()) result.push_back(columns);
    }
  }
  return result;
}

}  // namespace

int HeaderBinding::column_of(const std::string& path) const {
  auto it = column_of_path.find(path);
  return it == column_of_path.end() ? -1 : it->second;
}

std::vector<std::string> file_name_tokens(const std::string& file_path) {
  std::vector<std::string> tokens;
  if (file_path.empty() || file_path == "-") return tokens;
  std::string stem = std::filesystem::path(file_path).stem().string();
  std::transform(stem.begin(), stem.end(), stem.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t start = 0;
  while (start <= stem.size()) {
    std::size_t end = stem.find('_', start);
    if (end == std::string::npos) end = stem.size();
    if (end > start) tokens.push_back(stem.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

namespace {

// True when kind's tokens occur side by side, in order, among tokens.
bool carries_kind(const std::vector<std::string>& tokens, const std::string& kind) {
  std::vector<std::string> wanted = file_name_tokens(kind + ".x");
  if (wanted.empty() || wanted.size() > tokens.size()) return false;
  for (std::size_t at = 0; at + wanted.size() <= tokens.size(); ++at) {
    if (std::equal(wanted.begin(), wanted.end(), tokens.begin() + static_cast<std::ptrdiff_t>(at)))
      return true;
  }
  return false;
}

}  // namespace

std::string kind_in_file_name(const std::vector<std::string>& kinds, const std::string& file_path) {
  const std::vector<std::string> tokens = file_name_tokens(file_path);
  std::string found;
  for (const std::string& kind : kinds) {
    if (kind.size() > found.size() && carries_kind(tokens, kind)) found = kind;
  }
  return found;
}

bool follows_file_name_rule(const Model& model, const std::string& file_path) {
  return !model.file_name.empty() && carries_kind(file_name_tokens(file_path), model.file_name);
}

namespace {

// A candidate scored, with its columns.
struct ScoredModel {
  ModelCandidate candidate;
  std::vector<ColumnBinding> columns;
};

// The columns (0-based) that set[i] holds and no other set of sets holds.
std::vector<std::vector<std::size_t>> only_in(const std::vector<std::vector<bool>>& sets) {
  std::vector<std::vector<std::size_t>> only(sets.size());
  const std::size_t columns = sets.empty() ? 0 : sets.front().size();
  for (std::size_t column = 0; column < columns; ++column) {
    std::size_t holders = 0, holder = 0;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if (sets[i][column]) {
        ++holders;
        holder = i;
      }
    }
    if (holders == 1) only[holder].push_back(column);
  }
  return only;
}

// The index of the one greatest count, or counts.size() when none is above
// zero or the greatest is had by more than one: the candidate a tie-break
// step picks, if it picks one.
std::size_t sole_greatest(const std::vector<std::size_t>& counts) {
  std::size_t best = counts.size(), best_count = 0, with_best = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > best_count) {
      best = i;
      best_count = counts[i];
      with_best = 1;
    } else if (counts[i] == best_count) {
      ++with_best;
    }
  }
  return best_count > 0 && with_best == 1 ? best : counts.size();
}

// The one of candidates with the most columns of its own (only_in), or
// candidates.size() when the most are had by more than one.
std::size_t most_of_its_own(const std::vector<std::vector<std::size_t>>& own) {
  std::vector<std::size_t> counts;
  for (const auto& columns : own) counts.push_back(columns.size());
  return sole_greatest(counts);
}

// The one of the tied candidates (scored[0 .. tied)) with the most columns
// bound to its own items rather than a held part's — a file of addresses is
// 住所, not the 個人 or 施設 whose 住所 part holds the same items —, or tied
// when the most are had by more than one.
std::size_t most_items_of_its_own(const std::vector<ScoredModel>& scored, std::size_t tied) {
  std::vector<std::size_t> counts(tied, 0);
  for (std::size_t i = 0; i < tied; ++i)
    for (const ColumnBinding& column : scored[i].columns)
      if (column.field != nullptr && column.field->part.empty()) ++counts[i];
  return sole_greatest(counts);
}

// "gif:Person, gif:Facility, gif:Event and 3 more": the tied candidates but one.
std::string equal_models(const std::vector<ScoredModel>& scored, std::size_t tied,
                         std::size_t except) {
  std::vector<std::string> others;
  for (std::size_t i = 0; i < tied; ++i)
    if (i != except) others.push_back(scored[i].candidate.model->id);
  return grammars::listed_first(others, 3);
}

// How a tie was broken, for the note.
struct TieBreak {
  std::string how;        // "" when there was no tie
  bool unbroken = false;  // nothing told the tied candidates apart
};

// Breaks the tie of the equally best candidates (scored[0 .. tied)) by the
// columns that tell kinds apart, and moves the winner to the front:
// 1. the columns a candidate recognises and no other tied one does;
// 2. else the columns its kind recognises (any model with its file-name
//    rule: the old 推奨データセット model knows 口径 where the new, partial
//    one does not) and no other tied candidate's kind does;
// 3. else the most columns bound to its own items, not a part's (a file of
//    addresses is 住所, not 個人 whose 住所 part holds the same items).
// Never the catalog's order: a tie nothing breaks is said ("as good as").
TieBreak break_tie(std::vector<ScoredModel>& scored, std::size_t tied,
                   const std::vector<std::string>& headers) {
  TieBreak result;
  if (tied < 2) return result;
  std::vector<std::vector<bool>> own(tied), of_kind(tied);
  for (std::size_t i = 0; i < tied; ++i) {
    for (const ColumnBinding& column : scored[i].columns)
      own[i].push_back(column.match != HeaderMatch::unknown);
    of_kind[i] = own[i];
    const std::string& kind = scored[i].candidate.model->file_name;
    if (kind.empty()) continue;
    for (const ScoredModel& other : scored) {
      if (other.candidate.model->file_name != kind) continue;
      for (std::size_t column = 0; column < other.columns.size(); ++column)
        if (other.columns[column].match != HeaderMatch::unknown) of_kind[i][column] = true;
    }
  }
  auto named = [&headers](const std::vector<std::size_t>& columns) {
    std::string text;
    for (std::size_t column : columns) text += (text.empty() ? "" : ", ") + headers[column];
    return text;
  };
  const auto own_columns = only_in(own);
  std::size_t winner = most_of_its_own(own_columns);
  if (winner < tied) {
    result.how = ", chosen over equally scored models by the columns only it knows (" +
                 named(own_columns[winner]) + ")";
  } else {
    const auto kind_columns = only_in(of_kind);
    winner = most_of_its_own(kind_columns);
    if (winner < tied) {
      result.how =
          ", chosen over equally scored models by the columns only its kind's models "
          "know (" +
          named(kind_columns[winner]) + ")";
    } else {
      winner = most_items_of_its_own(scored, tied);
      if (winner < tied)
        result.how = ", chosen over equally scored models whose parts hold its items (" +
                     equal_models(scored, tied, winner) + ")";
    }
  }
  if (winner < tied) {
    std::swap(scored[0], scored[winner]);
    return result;
  }
  std::string equal;
  for (std::size_t i = 1; i < tied; ++i)
    equal += (equal.empty() ? "" : ", ") + scored[i].candidate.model->id;
  result.how = ", as good as " + equal + " (name one with --model)";
  result.unbroken = true;
  return result;
}

// Scores candidates against headers, best first (a stable order among equals).
std::vector<ScoredModel> score_models(const ModelCatalog& catalog,
                                      const std::vector<const Model*>& candidates,
                                      const std::vector<std::string>& headers) {
  std::vector<ScoredModel> scored;
  for (const Model* candidate : candidates) {
    ScoredModel entry;
    entry.columns = header_matcher_of(catalog, *candidate)->match_all(headers);
    entry.candidate.model = candidate;
    entry.candidate.score = HeaderMatcher::score_bindings(entry.columns);
    for (const auto& column : entry.columns)
      entry.candidate.recognised += column.match != HeaderMatch::unknown;
    scored.push_back(std::move(entry));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.candidate.score > b.candidate.score;
  });
  return scored;
}

// What the note says of the release a GIF class was checked against: the
// model's own release, and how the header told it from the class's other
// releases ("" for a model that is no GIF class).
std::string release_note(const Model& model, const std::string& how = "") {
  if (model.release.empty()) return "";
  return "; GIF release " + model.release + how;
}

// The required items of model that the columns (bound to model) lack.
std::vector<const FieldSpec*> lacking_of(const Model& model,
                                         const std::vector<ColumnBinding>& columns) {
  HeaderBinding bound;
  bound.model = &model;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].field != nullptr) bound.column_of_path.emplace(columns[i].field->path, i);
  return required_items_without_column(model, bound);
}

// The releases of one GIF class are one candidate: of gif2022:Person,
// gif2024:Person and gif:Person the best scored stays; among equal scores
// the one whose required items the header holds (the fewest lacking: the
// 2024 XSD requires 生年月日 where the 2022 catalog does not), then the
// newest (what the header cannot tell apart is checked against the newest).
// The other releases leave scored; how the kept one was told from them goes
// into release_how, by model.
void keep_one_release_per_class(std::vector<ScoredModel>& scored,
                                const std::vector<std::string>& headers,
                                std::map<const Model*, std::string>& release_how) {
  std::map<std::string_view, std::vector<std::size_t>> by_class;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const Model* model = scored[i].candidate.model;
    if (!model->release.empty()) by_class[model_class_name(model->id)].push_back(i);
  }
  std::vector<bool> dropped(scored.size(), false);
  for (const auto& [name, members] : by_class) {
    if (members.size() < 2) continue;
    int best_score = scored[members.front()].candidate.score;
    for (std::size_t i : members) best_score = std::max(best_score, scored[i].candidate.score);
    std::map<std::size_t, std::size_t> lacking;  // member → required items it lacks
    std::size_t best = scored.size();
    for (std::size_t i : members) {
      if (scored[i].candidate.score != best_score) continue;
      lacking[i] = lacking_of(*scored[i].candidate.model, scored[i].columns).size();
      if (best == scored.size() || lacking[i] < lacking[best] ||
          (lacking[i] == lacking[best] &&
           scored[i].candidate.model->release > scored[best].candidate.model->release))
        best = i;
    }
    const Model& kept = *scored[best].candidate.model;
    std::vector<std::string> equal, needing, below;
    std::vector<bool> known_below(headers.size(), false);
    for (std::size_t i : members) {
      if (i == best) continue;
      dropped[i] = true;
      const Model& other = *scored[i].candidate.model;
      if (scored[i].candidate.score != best_score) {
        below.push_back(other.release);
        for (std::size_t column = 0; column < scored[i].columns.size(); ++column)
          if (scored[i].columns[column].match != HeaderMatch::unknown) known_below[column] = true;
        continue;
      }
      equal.push_back(other.release);
      if (lacking[i] > lacking[best]) needing.push_back(other.release);
    }
    std::sort(equal.begin(), equal.end());
    std::sort(below.begin(), below.end());
    std::vector<std::string> own;
    for (std::size_t column = 0; column < scored[best].columns.size(); ++column)
      if (scored[best].columns[column].match != HeaderMatch::unknown && !known_below[column])
        own.push_back(headers[column]);
    std::string how;
    if (!below.empty()) {
      how = own.empty()
                ? "the header follows it better than release " + grammars::listed(below)
                : grammars::listed(own) + " are no items of release " + grammars::listed(below);
    }
    if (!equal.empty()) {
      std::vector<std::string> alike = equal;
      alike.push_back(kept.release);
      std::sort(alike.begin(), alike.end());
      how += (how.empty() ? "" : "; ") + std::string("the header fits releases ") +
             grammars::listed(alike) + " alike: ";
      how += needing.empty() ? "the newest is checked"
             : needing.size() == 1
                 ? "release " + needing.front() + " requires items it lacks, so this one is checked"
                 : "releases " + grammars::listed(needing) +
                       " require items it lacks, so this one is checked";
      how += "; --gif-version picks another";
    }
    release_how[&kept] = " (" + how + ")";
  }
  std::vector<ScoredModel> kept;
  for (std::size_t i = 0; i < scored.size(); ++i)
    if (!dropped[i]) kept.push_back(std::move(scored[i]));
  scored = std::move(kept);
}

// What a header says of the municipal datasets' families and kinds (see
// choose_model): the common block whose keys it holds, the columns any common
// block knows, and each kind's own columns.
struct KindReading {
  const Model* family = nullptr;  // the common block whose keys the header holds
  std::vector<bool> common;       // by column: a common block knows it
  std::map<std::string, std::vector<std::size_t>> own;  // kind → its own columns
  std::vector<int> owners;                              // by column: how many kinds own it
  std::set<const FieldSpec*> common_fields;             // kind models' fields a common block knows
};

KindReading read_kinds(const ModelCatalog& catalog, const std::vector<ScoredModel>& scored,
                       const std::vector<std::string>& headers) {
  KindReading reading;
  reading.common.assign(headers.size(), false);
  std::vector<const Model*> blocks;
  for (const ScoredModel& entry : scored) {
    const Model* block = entry.candidate.model->common.empty()
                             ? nullptr
                             : catalog.find(entry.candidate.model->common);
    if (block != nullptr && std::find(blocks.begin(), blocks.end(), block) == blocks.end())
      blocks.push_back(block);
  }
  // The labels of the kind models' fields, to tell their own items from the block's.
  std::vector<const FieldSpec*> fields;
  std::vector<std::string> labels;
  for (const ScoredModel& entry : scored) {
    if (entry.candidate.model->file_name.empty()) continue;
    for (const FieldSpec& field : entry.candidate.model->fields) {
      fields.push_back(&field);
      labels.push_back(field.label);
    }
  }
  int family_known = 0;
  for (const Model* block : blocks) {
    const auto matcher = header_matcher_of(catalog, *block);
    const std::vector<ColumnBinding> columns = matcher->match_all(headers);
    int known = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].match == HeaderMatch::unknown) continue;
      reading.common[i] = true;
      ++known;
    }
    bool has_keys = false, lacks_key = false;
    for (const FieldSpec& field : block->fields) {
      if (!field.key) continue;
      const bool bound = std::any_of(columns.begin(), columns.end(), [&field](const auto& column) {
        return column.field == &field;
      });
      (bound ? has_keys : lacks_key) = true;
    }
    if (has_keys && !lacks_key && known > family_known) {
      reading.family = block;
      family_known = known;
    }
    const std::vector<ColumnBinding> items = matcher->match_all(labels);
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].match != HeaderMatch::unknown || fields[i]->part != "")
        reading.common_fields.insert(fields[i]);
  }
  std::map<std::string, std::set<std::size_t>> own;
  for (const ScoredModel& entry : scored) {
    const std::string& kind = entry.candidate.model->file_name;
    if (kind.empty()) continue;
    auto& columns = own[kind];
    for (std::size_t i = 0; i < entry.columns.size(); ++i)
      if (entry.columns[i].match != HeaderMatch::unknown && !reading.common[i]) columns.insert(i);
  }
  reading.owners.assign(headers.size(), 0);
  for (const auto& [kind, columns] : own) {
    reading.own[kind].assign(columns.begin(), columns.end());
    for (std::size_t column : columns) ++reading.owners[column];
  }
  return reading;
}

// The required items of a complete kind model beyond the common block, and
// how many of them the header holds; {0, 0} when that does not tell the kind:
// a partial model, or a header whose columns the model all knows (a list of
// the kind that lacks a column, which missing-column says).
std::pair<std::size_t, std::size_t> required_own_items(const ScoredModel& entry,
                                                       const KindReading& reading) {
  std::size_t present = 0, total = 0;
  if (entry.candidate.model->partial) return {0, 0};
  if (std::none_of(entry.columns.begin(), entry.columns.end(), [](const auto& column) {
        return column.match == HeaderMatch::unknown &&
               !grammars::trim_blanks(column.header).empty();
      }))
    return {0, 0};
  for (const FieldSpec& field : entry.candidate.model->fields) {
    if (field.min_occurs < 1 || reading.common_fields.count(&field) != 0) continue;
    ++total;
    present += std::any_of(entry.columns.begin(), entry.columns.end(),
                           [&field](const auto& column) { return column.field == &field; });
  }
  return {present, total};
}

// Why the header does not make entry a candidate of its kind ("" when it
// does): a kind model needs its own items (see choose_model).
std::string kind_refusal(const ScoredModel& entry, const KindReading& reading) {
  const Model& model = *entry.candidate.model;
  if (model.file_name.empty()) return "";
  const auto found = reading.own.find(model.file_name);
  const std::size_t evidence = found == reading.own.end() ? 0 : found->second.size();
  if (evidence == 0) return "the header has none of " + model.label + "'s own items";
  // One own column says the kind only when no other kind has it (口径, not 種別).
  if (evidence == 1 && reading.owners[found->second.front()] > 1)
    return "the header has one of " + model.label + "'s own items, " +
           entry.columns[found->second.front()].header + ", which other kinds have too";
  const auto [present, total] = required_own_items(entry, reading);
  if (total > 0 && total - present > evidence) {
    std::vector<std::string> lacking;
    for (const FieldSpec& field : model.fields) {
      if (field.min_occurs < 1 || reading.common_fields.count(&field) != 0) continue;
      if (std::none_of(entry.columns.begin(), entry.columns.end(),
                       [&field](const auto& column) { return column.field == &field; }))
        lacking.push_back(field.label);
    }
    std::vector<std::string> unknown;
    for (const ColumnBinding& column : entry.columns)
      if (column.match == HeaderMatch::unknown && !grammars::trim_blanks(column.header).empty())
        unknown.push_back(column.header);
    return "the header lacks " + std::to_string(total - present) + " of the " +
           std::to_string(total) + " items " + model.label + " requires beyond the common block (" +
           grammars::listed_first(lacking, 3) + ") and has columns it does not know (" +
           grammars::listed_first(unknown, 3) + ")";
  }
  return "";
}

// The own columns of a kind, by name: "料金(基本), 説明, アクセス方法 and 4 more".
std::string own_columns_text(const KindReading& reading, const std::string& kind,
                             const std::vector<std::string>& headers) {
  std::vector<std::string> named;
  if (const auto found = reading.own.find(kind); found != reading.own.end())
    for (std::size_t column : found->second) named.push_back(headers[column]);
  return grammars::listed_first(named, 4);
}

std::size_t evidence_of(const KindReading& reading, const Model& model) {
  const auto found = reading.own.find(model.file_name);
  return model.file_name.empty() || found == reading.own.end() ? 0 : found->second.size();
}

// The model of the kind whose words a header uses in most columns — at
// least three, and more than any other kind's — that knows the most of its
// columns; nullptr when no kind stands out so.
const ScoredModel* kind_named_by_words(const std::vector<ScoredModel>& scored,
                                       const std::vector<KindWordsInHeader>& kinds) {
  if (kinds.empty() || kinds.front().columns < 3 ||
      (kinds.size() > 1 && kinds[1].columns == kinds.front().columns))
    return nullptr;
  const ScoredModel* best = nullptr;
  for (const ScoredModel& entry : scored)
    if (entry.candidate.model->file_name == kinds.front().kind &&
        (best == nullptr || entry.candidate.recognised > best->candidate.recognised))
      best = &entry;
  return best;
}

}  // namespace

// The longest header that may name an item: a longer one (a title row of
// megabytes) names none.
constexpr std::size_t kLongestHeaderBytes = 1024;

ModelChoice choose_model(const ModelCatalog& catalog, const Model* given,
                         const std::vector<std::string>& headers, const std::string& file_path) {
  // Without a model, every model binds every header: a header longer than any
  // name is bound as an empty one, not folded and copied for each model (a
  // header of 10 MB cost 77 s and 2.4 GB), and shown as written.
  if (given == nullptr && std::any_of(headers.begin(), headers.end(), [](const std::string& h) {
        return h.size() > kLongestHeaderBytes;
      })) {
    std::vector<std::string> named = headers;
    for (std::string& header : named)
      if (header.size() > kLongestHeaderBytes) header.clear();
    ModelChoice choice = choose_model(catalog, nullptr, named, file_path);
    for (std::size_t i = 0; i < choice.columns.size() && i < headers.size(); ++i)
      if (headers[i].size() > kLongestHeaderBytes) choice.columns[i].header = headers[i];
    return choice;
  }
  ModelChoice choice;
  if (given != nullptr) {
    choice.model = given;
    choice.note = "given" + release_note(*given);
    choice.columns = header_matcher_of(catalog, *given)->match_all(headers);
    for (const auto& column : choice.columns)
      choice.recognised += column.match != HeaderMatch::unknown;
    return choice;
  }
  std::vector<const Model*> with_header;
  std::vector<std::string> kinds;
  for (const Model* model : catalog.base_models()) {
    if (!model->has_header) continue;  // a headerless model must be named
    with_header.push_back(model);
    if (!model->file_name.empty()) kinds.push_back(model->file_name);
  }
  const std::vector<ScoredModel> all_scored = score_models(catalog, with_header, headers);
  const KindReading reading = read_kinds(catalog, all_scored, headers);
  // In a family (the header holds a common block's keys), its models only.
  const auto in_family = [&reading](const Model* model) {
    return reading.family == nullptr || model->common == reading.family->id;
  };
  const std::string kind = kind_in_file_name(kinds, file_path);
  std::vector<ScoredModel> scored;
  std::string name_overruled;
  if (!kind.empty()) {
    std::vector<const Model*> of_kind, of_kind_in_family;
    for (const Model* model : with_header) {
      if (model->file_name != kind) continue;
      of_kind.push_back(model);
      if (in_family(model)) of_kind_in_family.push_back(model);
    }
    scored =
        score_models(catalog, of_kind_in_family.empty() ? of_kind : of_kind_in_family, headers);
    // The file name says the kind; a header none of its models knows at all does not.
    choice.by_file_name = !scored.empty() && scored.front().candidate.recognised > 0;
    // The name helps, the columns decide: not the name's kind when the header
    // has none of its own items and another kind's, or lacks most of the
    // items its complete model requires beyond the common block.
    if (choice.by_file_name) {
      const bool own = evidence_of(reading, *scored.front().candidate.model) > 0;
      const bool other =
          std::any_of(all_scored.begin(), all_scored.end(), [&](const ScoredModel& entry) {
            const Model& model = *entry.candidate.model;
            return !model.file_name.empty() && model.file_name != kind && in_family(&model) &&
                   kind_refusal(entry, reading).empty();
          });
      const auto [present, total] = required_own_items(scored.front(), reading);
      if ((!own && other) ||
          (total > 0 && total - present > evidence_of(reading, *scored.front().candidate.model))) {
        choice.by_file_name = false;
        name_overruled =
            "not the file name's _" + kind + ": " +
            (total > 0 && total - present > evidence_of(reading, *scored.front().candidate.model)
                 ? kind_refusal(scored.front(), reading)
                 : "the header has none of " + scored.front().candidate.model->label +
                       "'s own items");
      }
    }
  }
  // The file name's kind, knowing fewer than half of the columns, yields to a
  // GIF class that knows nine in ten of them (a 2022 イベント file named
  // event.csv is gif2022:Event's, not the 推奨データセット's _event; a portal's
  // tourism list that a class knows in part stays the kind's).
  std::string kind_yielded;
  if (choice.by_file_name && reading.family == nullptr &&
      scored.front().candidate.recognised * 2 < static_cast<int>(headers.size())) {
    std::vector<const Model*> classes;
    for (const Model* model : with_header)
      if (!model->release.empty()) classes.push_back(model);
    std::vector<ScoredModel> by_header = score_models(catalog, classes, headers);
    const int known = by_header.empty() ? 0 : by_header.front().candidate.recognised;
    if (known * 10 >= static_cast<int>(headers.size()) * 9 &&
        known > scored.front().candidate.recognised) {
      kind_yielded = ", not the file name's _" + kind + " (" + scored.front().candidate.model->id +
                     " knows " + std::to_string(scored.front().candidate.recognised) + " of " +
                     std::to_string(headers.size()) + " columns)";
      choice.by_file_name = false;
    }
  }
  // By the header: a kind model is a candidate only with its own items.
  std::vector<ScoredModel> refused;
  if (!choice.by_file_name) {
    scored.clear();
    for (const ScoredModel& entry : all_scored)
      if (in_family(entry.candidate.model))
        (kind_refusal(entry, reading).empty() ? scored : refused).push_back(entry);
    // In a family, the kind with the most own columns.
    if (reading.family != nullptr) {
      const auto by_evidence = [&reading](const ScoredModel& a, const ScoredModel& b) {
        return evidence_of(reading, *a.candidate.model) > evidence_of(reading, *b.candidate.model);
      };
      std::stable_sort(scored.begin(), scored.end(), by_evidence);
      std::stable_sort(refused.begin(), refused.end(), by_evidence);
    }
  }
  std::map<const Model*, std::string> release_how;
  keep_one_release_per_class(scored, headers, release_how);
  // What the header says of the municipal datasets, when no model fits.
  const auto no_kind = [&]() {
    std::vector<std::string> common;
    for (std::size_t i = 0; i < headers.size(); ++i)
      if (reading.common[i]) common.push_back(headers[i]);
    std::string why = name_overruled;
    if (reading.family != nullptr) {
      why += std::string(why.empty() ? "" : "; ") + "a file with the " + reading.family->label +
             " (" + grammars::listed_first(common, 3) + ": " + std::to_string(common.size()) +
             " columns) whose kind no model tells by its own items";
      if (!refused.empty() && name_overruled.empty())
        why += " (" + kind_refusal(refused.front(), reading) + ")";
      why += "; --model " + reading.family->id + " checks the common block alone";
    }
    choice.why = why;
  };
  // The closest of a family are named with their own items too.
  const auto closest = [&](const ScoredModel& entry) {
    ModelCandidate candidate = entry.candidate;
    if (reading.family != nullptr && !entry.candidate.model->file_name.empty())
      candidate.own_items = static_cast<int>(evidence_of(reading, *entry.candidate.model));
    choice.closest.push_back(candidate);
  };
  // Nothing fits: the two closest, a kind whose words most of the header
  // uses first (a toilet list's トイレ, 洋式, 和式: kind_words.hpp).
  const auto name_closest = [&](const std::vector<ScoredModel>& pool) {
    const std::vector<KindWordsInHeader> kinds = kind_words_in(catalog, headers);
    std::vector<ScoredModel> of_family;
    for (const ScoredModel& entry : all_scored)
      if (in_family(entry.candidate.model)) of_family.push_back(entry);
    const ScoredModel* by_words = kind_named_by_words(of_family, kinds);
    if (by_words != nullptr) closest(*by_words);
    for (const ScoredModel& entry : pool) {
      if (choice.closest.size() >= 2) break;
      if (by_words == nullptr || entry.candidate.model != by_words->candidate.model) closest(entry);
    }
    if (by_words != nullptr) {
      choice.closest.front().word_columns = kinds.front().columns;
      choice.closest.front().words = kinds.front().words;
    }
    no_kind();
  };
  if (scored.empty()) {
    name_closest(refused);
    return choice;
  }
  const auto same_rank = [&](const ScoredModel& a, const ScoredModel& b) {
    if (reading.family != nullptr && !choice.by_file_name)
      return evidence_of(reading, *a.candidate.model) == evidence_of(reading, *b.candidate.model);
    return a.candidate.score == b.candidate.score;
  };
  std::size_t tied = 1;
  while (tied < scored.size() && same_rank(scored[tied], scored.front())) ++tied;
  const TieBreak tie = break_tie(scored, tied, headers);
  ScoredModel& best = scored.front();
  const int recognised = best.candidate.recognised;
  // A family's kind told by its own items fits as the file name's kind does.
  const bool by_own_items = reading.family != nullptr && !choice.by_file_name;
  const bool fits = recognised > 0 && (choice.by_file_name || by_own_items ||
                                       recognised * 2 >= static_cast<int>(headers.size()));
  // Models of different kinds that nothing tells apart: the catalog's order
  // would pick the kind, and a gate never guesses one. (Two generations of one
  // kind check the columns they share alike: the first is used, the note says so.)
  const bool kinds_tied =
      tie.unbroken &&
      std::any_of(scored.begin() + 1, scored.begin() + tied, [&](const auto& other) {
        return best.candidate.model->file_name.empty() ||
               other.candidate.model->file_name != best.candidate.model->file_name;
      });
  if (fits && kinds_tied) {
    for (std::size_t i = 0; i < tied; ++i) choice.closest.push_back(scored[i].candidate);
    choice.tied = true;
    return choice;
  }
  if (!fits) {
    name_closest(scored);
    return choice;
  }
  choice.model = best.candidate.model;
  choice.columns = std::move(best.columns);
  choice.recognised = recognised;
  choice.note = "auto: " + std::to_string(recognised) + " of " + std::to_string(headers.size()) +
                " columns recognised";
  if (choice.by_file_name) choice.note += ", file name _" + kind;
  if (!name_overruled.empty()) choice.note += ", " + name_overruled;
  if (by_own_items)
    choice.note += ", the " + reading.family->label + " and " + choice.model->label +
                   "'s own items (" + own_columns_text(reading, choice.model->file_name, headers) +
                   ")";
  choice.note += kind_yielded;
  choice.note += tie.how;
  choice.note += release_note(*choice.model, release_how[choice.model]);
  if (choice.model->partial)
    choice.note +=
        "; partial model: its items are known only in part, the columns it does "
        "not know are info";
  return choice;
}

// Where an empty header cell is: "has no header (the last column: a trailing
// comma?)", "has no header (between 備考 and URL)", "has no header (the first
// column, before 名称)".
std::string where_empty_header_is(const std::vector<std::string>& headers, std::size_t index) {
  assert(index < headers.size());
  const auto named = [&](std::size_t i) {
    if (grammars::trim_blanks(headers[i]).empty()) return "column " + std::to_string(i + 1);
    return "「" + grammars::mask_individual_numbers_in(headers[i]) + "」";
  };
  std::string reason = "has no header (";
  if (index + 1 == headers.size()) {
    reason += "the last column: a trailing comma?";
  } else if (index == 0) {
    reason += "the first column, before " + named(1);
  } else {
    reason += "between " + named(index - 1) + " and " + named(index + 1);
  }
  return reason + ")";
}

std::string closest_models_text(const ModelChoice& choice, std::size_t columns) {
  std::vector<std::string> closest;
  for (const ModelCandidate& candidate : choice.closest)
    closest.push_back(
        candidate.model->id + " (" + candidate.model->label + ", " +
        std::to_string(candidate.recognised) + " of " + std::to_string(columns) + " columns" +
        (candidate.own_items < 0
             ? std::string()
             : ", " + std::to_string(candidate.own_items) + " of them its own items") +
        (candidate.word_columns == 0
             ? std::string()
             : ", its words in " + std::to_string(candidate.word_columns) +
                   " columns: " + grammars::listed_first(candidate.words, 4)) +
        ")");
  std::string text = grammars::listed(closest);
  if (choice.tied) text += ", which fit it equally: no column tells their kinds apart";
  if (!choice.why.empty()) text += "; " + choice.why;
  return text;
}

HeaderBinding bind_header(const ModelChoice& choice, const std::vector<std::string>& headers,
                          bool with_keys) {
  assert(choice.model != nullptr && choice.columns.size() == headers.size());
  HeaderBinding binding;
  binding.model = choice.model;
  binding.headers = headers;
  binding.columns = choice.columns;
  std::vector<std::string> not_checked;  // the columns a partial model does not know
  for (std::size_t i = 0; i < binding.columns.size(); ++i) {
    ColumnBinding& column = binding.columns[i];
    const auto number = static_cast<std::uint32_t>(i + 1);
    switch (column.match) {
      case HeaderMatch::exact:
        break;
      case HeaderMatch::mapped:
        if (const auto found = choice.mapped.find(i); found != choice.mapped.end())
          binding.findings.push_back(found->second);
        break;
      case HeaderMatch::equivalent:
      case HeaderMatch::nonstandard:
      case HeaderMatch::look_alike:
      case HeaderMatch::near_miss: {
        HeaderFinding finding =
            header_finding(column.match == HeaderMatch::equivalent ? "equivalent-item-name"
                                                                   : "non-standard-item-name",
                           number, column);
        finding.suggestion = column.standard_label;
        finding.values = {{"item", column.standard_label}, {"how", ""}};
        if (column.match == HeaderMatch::look_alike)
          finding.values["how"] =
              " (written with " + HeaderMatcher::describe_lookalike(column.header) + ")";
        binding.findings.push_back(std::move(finding));
        break;
      }
      case HeaderMatch::unknown: {
        // A partial model does not know every item of its kind: the columns it
        // does not know are not checked, said once (columns-not-checked).
        if (choice.model->partial && !grammars::trim_blanks(column.header).empty()) {
          not_checked.push_back(grammars::mask_individual_numbers_in(column.header));
          break;
        }
        HeaderFinding finding = header_finding("unknown-column", number, column);
        // A partial model does not know every item of its dataset.
        if (choice.model->partial) finding.severity = Severity::info;
        // An empty header cell names no item at all: say which column it is.
        if (grammars::trim_blanks(column.header).empty()) {
          finding.values = {{"field", "column " + std::to_string(number)},
                            {"reason", where_empty_header_is(headers, number - 1)}};
        } else if (!column.unbound_because.empty()) {
          finding.values = {{"reason", column.unbound_because}};
        } else {
          finding.values = {{"reason", "is not an item of " + choice.model->id}};
        }
        binding.findings.push_back(std::move(finding));
        break;
      }
    }
    if (column.field == nullptr) continue;
    auto [it, inserted] = binding.column_of_path.emplace(column.field->path, static_cast<int>(i));
    if (!inserted) {
      HeaderFinding finding = header_finding("duplicate-column", number, column);
      finding.values = {{"other", std::to_string(it->second + 1)}};
      binding.findings.push_back(std::move(finding));
      column.field = nullptr;  // check the first copy only
    } else if (column.field->key && with_keys) {
      binding.key_columns.push_back(static_cast<int>(i));
    }
  }
  if (!not_checked.empty()) {
    HeaderFinding finding;
    finding.code = "columns-not-checked";
    finding.values = {{"count", std::to_string(not_checked.size()) +
                                    (not_checked.size() == 1 ? " column is" : " columns are")},
                      {"columns", grammars::listed(not_checked)},
                      {"model", choice.model->id}};
    binding.findings.push_back(std::move(finding));
  }
  // A required (or recommended) item without a column.
  auto missing = [&binding](const char* code, const FieldSpec& field) {
    HeaderFinding finding;
    finding.code = code;
    std::string label = HeaderMatcher::display_label(field);
    finding.suggestion = "add a column " + label;
    finding.values = {{"item", label}};
    binding.findings.push_back(std::move(finding));
  };
  for (const auto& field : choice.model->fields) {
    if (field.min_occurs <= 0 && field.recommended && binding.column_of(field.path) < 0) {
      missing("missing-recommended-column", field);
      continue;
    }
    if (field.min_occurs <= 0) continue;
    RequiredItem item;
    item.field = &field;
    item.column = binding.column_of(field.path);
    item.other_forms = other_forms_of(*choice.model, field.path, binding);
    if (item.column < 0 && item.other_forms.empty()) {
      // A GIF required pattern's items are reported together, as the pattern
      // the header does not satisfy (validate's required-pattern).
      if (!is_gif_pattern(*choice.model)) missing("missing-column", field);
      continue;
    }
    if (field.blank_allowed) continue;  // the column is there; empty is a value
    binding.required.push_back(std::move(item));
  }
  return binding;
}

std::vector<const FieldSpec*> required_items_without_column(const Model& model,
                                                            const HeaderBinding& binding) {
  std::vector<const FieldSpec*> lacking;
  for (const auto& field : model.fields) {
    if (field.min_occurs <= 0 || binding.column_of(field.path) >= 0) continue;
    if (other_forms_of(model, field.path, binding).empty()) lacking.push_back(&field);
  }
  return lacking;
}

}  // namespace gifkit::models

// release_columns.hpp — transform's reading of a file written to an earlier
// release of the model's GIF class (a 2022-form 個人 file transformed to
// gif:Person): a column the model does not know, but the same class of an
// earlier release does (gif2022:Person's 居住住所都道府県, 年齢), is
// converted by the crosswalk (models/engine/model/crosswalk.hpp): to the item
// it became where the crosswalk says its value carries over (unchanged, or
// as the item's checks pass or fix it: the header renamed, rule
// rename-release); else every value of it goes to the review list
// (release-review: the item's meaning or structure changed, it was split,
// merged or moved; release-no-place: the release has no item for it) — never
// dropped.
// When the header follows the earlier model more than the target (it knows
// more of its columns), a column both know is read the crosswalk's way where
// the two disagree (a 2022 個人's 郵便番号 is its contact's, which 2025 moved
// into the contact's address; gif:Person's 郵便番号 is the residence's).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/crosswalk.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

struct ReleaseColumn {
  const FieldSpec* target = nullptr;  // the model's item it becomes; nullptr: reviewed
  const FieldSpec* became = nullptr;  // the model's item the crosswalk names (also when reviewed)
  bool reviewed = false;              // the crosswalk says a person converts its values
  std::string source;                 // "gif2022:Person residenceAddress.prefecture"
  std::string why;                    // with no target: why its values need a person
  std::string rule;                   // rename-release, release-review, release-no-place
};

class ReleaseColumns {
 public:
  // The earlier releases' models of target's class in catalog (base models
  // whose release is older and whose crosswalk class corresponds), newest first.
  ReleaseColumns(const Model& target, const ModelCatalog& catalog, const Crosswalk& crosswalk);

  // Decides from a file's header which earlier model it is read against:
  // the one that knows the most of its columns (by label, id or alias; ties:
  // the newer), and whether that one knows more of them than the target.
  void read_header(const std::vector<std::string>& headers);

  // What a header of the chosen earlier model becomes in the target model;
  // nullopt when that model does not know it (a near miss is not enough).
  std::optional<ReleaseColumn> match(std::string_view header) const;

  // The header follows the earlier model more than the target (read_header).
  bool earlier_form() const { return earlier_form_; }
  // "the header follows gif2022:Person (…)" for the notes; "" when not earlier_form().
  const std::string& note() const { return note_; }

  bool empty() const { return earlier_.empty(); }

 private:
  struct Earlier {
    const Model* model = nullptr;
    std::size_t release = 0;
    std::unique_ptr<HeaderMatcher> matcher;
  };
  // The target item of one crosswalk step, or why there is none.
  struct Step {
    std::string item;  // the target release's item name in the target class ("" when none)
    bool carries = false;
    std::string why;  // when the value does not carry
    std::string rule;
  };
  Step step(std::size_t from, const std::string& class_name, const std::string& item,
            const std::string& target_class) const;

  const Model& target_;
  const ModelCatalog& catalog_;
  const Crosswalk& crosswalk_;
  std::size_t release_ = 0;
  std::vector<Earlier> earlier_;
  std::size_t chosen_ = 0;  // the index in earlier_ read_header chose
  bool earlier_form_ = false;
  std::string note_;
};

}  // namespace gifkit::models

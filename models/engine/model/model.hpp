// model.hpp — the in-memory form of a gifkit model: a GIF class (or a dataset
// layout) as a flat list of fields, each with its GIF item name, English id,
// cardinality, value type, constraints and the header names seen in the wild.
// Models are written in XML (models/model.xsd, docs/model-language.md) and
// loaded by ModelCatalog (model_catalog.hpp).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::moji {
class CharacterSet;
}

namespace gifkit::models {

// The value types a field can have. Each maps to one checker in the engine.
enum class ValueType {
  text,                   // 文字列
  katakana,               // 文字列（全角カナ）
  address_kana,           // DS-442's reading of an address: katakana and the numbers' 1-2
  halfwidth_alnum,        // 文字列（半角英数字）
  integer,                // 数値（半角数字）, whole
  decimal,                // 数値（半角数字）, may have a fraction (緯度, 経度)
  date,                   // 日付（YYYY-MM-DD）, DS-441
  date_time,              // 日時, DS-441
  time,                   // 時刻 hh:mm[:ss], 24:00 as the end of a day
  period,                 // 期間, DS-441 4: start/end (2025-04-01/2025-06-30, 09:00/12:00)
  duration,               // 期間の長さ・所要時間, DS-441 4.5-4.6: P2Y6M, PT1H30M, hh:mm
  code,                   // a value from a code list (codelist names it)
  corporate_number,       // 法人番号
  local_government_code,  // 全国地方公共団体コード
  street_address_id,      // 町字ID (7 ASCII digits)
  postal_code,            // 郵便番号, DS-443
  phone,                  // 電話番号, DS-445
  email,
  url,
  city_block,  // 番地以下, DS-442: half-width digits and hyphens
  latitude,    // 緯度: decimal degrees inside Japan (20–46)
  longitude,   // 経度: decimal degrees inside Japan (122–154)
};

enum class Width { any, fullwidth, halfwidth };

// The characters a field may hold (the model language's charset="…" or
// charset-file="…"): any, one of the named sets (registries/moji/
// named_sets.hpp: jisx0208, jisx0213, jisx0213:1-2, mj, katakana, …), or the
// characters a set file lists.
struct FieldCharset {
  std::string name;      // "" for any; the set's name; for a file its path as written
  int named_index = -1;  // the set's place in named_sets(), -1 for any and a file
  std::shared_ptr<const registries::moji::CharacterSet> file_set;  // a loaded set file
  bool any() const { return name.empty(); }
};

enum class AliasKind {
  standard,     // the item's name in a dataset standard that holds it (a municipal
                // dataset's 町字ID for its 所在地's 町字ID): as good as the label
  equivalent,   // an everyday name GIF's own examples use (姓 for 氏): accepted, info note
  nonstandard,  // a form's or vendor's own name (セイ for 氏（カナ）): error
};

struct Alias {
  std::string label;
  AliasKind kind = AliasKind::nonstandard;
  // Added by a holding model's <part> (登記住所 for registeredAddress.fullAddress):
  // the whole header as written, never combined with the part's prefixes.
  bool as_written = false;
};

struct FieldSpec {
  std::string path;         // unique within the model: "familyName", "address.prefecture"
  std::string id;           // GIF English item name: "prefecture"
  std::string label;        // GIF item name (項目名): "都道府県"
  std::string description;  // from the catalog
  std::string example;      // 記入例
  std::string xsd_element;  // element name in GIF_Core_DataModel.xsd ("" if none)
  // since="2026": the GIF release that added the item from a guidebook (DS-442 v2.3's
  // readings and English forms), not from its release's XSD; "" for an XSD's item.
  std::string since;
  ValueType type = ValueType::text;
  int min_occurs = 0;  // > 0: required
  int max_occurs = 1;  // -1: unbounded
  Width width = Width::any;
  FieldCharset charset;
  int min_length = 0;    // in characters; 0: no minimum
  int max_length = 0;    // 0: no maximum
  std::string codelist;  // for ValueType::code: the code list name (SexCodeList)
  std::vector<Alias> aliases;
  // For a field that comes from a part (a held class flattened into the row):
  // the part's labels, any of which may prefix the header ("登記住所" + "都道府県"),
  // and whether the bare label is accepted too (one such part per model).
  std::string part;                        // part id ("address"), "" for own fields
  std::vector<std::string> part_prefixes;  // "住所", "登記住所", "本店所在地"
  bool prefix_optional = true;
  bool key = false;  // part of the model's unique key (duplicate-key)
  // blank="allowed": an empty value is a value (「対応なし：空文字」), so a
  // required item needs its column but not a value.
  bool blank_allowed = false;
  // blank="未対応" (what a blank means, the sheet's 特記事項 saying so): blank
  // allowed, and this said where a finding names the item's values; "" for
  // blank="allowed".
  std::string blank_meaning;
  // code-information="true": a code item the release writes as GIF's
  // コード情報型 (2022 catalogs, 2024 XSD: 性別 {"種別": "2", "種別関連情報": "女性"});
  // a value written so is checked by its 種別, as the code.
  bool code_information = false;
  // total-of="a b c": the item is the total of those items of the row (their
  // ids, the model's own fields); total_at_least for total-rule="at-least"
  // (the total may hold more than its parts). Checked by total-mismatch.
  std::vector<std::string> total_of;
  bool total_at_least = false;
  // Recommended (推奨, ○): a missing column is a warning (<recommend ref>).
  bool recommended = false;
  // A controlled vocabulary (統制語彙, values="有|無"): the value must be one
  // of these, as written. Empty: any value.
  std::vector<std::string> values;
  // Optional XML Schema regular expression (the xs:pattern language: Unicode
  // aware, implicitly anchored) the whole value must match; libxml2's
  // xmlRegexpCompile/xmlRegexpExec run it.
  std::string pattern;
  // id-generated="true": id is gifkit's own (item01), no name a user knows; outputs
  // name the item by display_name().
  bool id_generated = false;
  // How outputs (reports, logs, quality tables, mappings shown to a person) name
  // the item: its path, or its label when the id is generated (item01).
  const std::string& display_name() const { return id_generated ? label : path; }
};

// A held class flattened into the row (個人 holds 住所 as "address"). Its fields
// appear in Model::fields with paths "address.prefecture"; this records the part
// itself, as the official XSD sees it (one element of the holder's sequence).
struct PartSpec {
  std::string id;     // "address"
  std::string ref;    // the held model: "gif:Address"
  std::string label;  // "住所"
  std::string description;
  std::string xsd_element;  // "address_MP00" ("" if none)
  int min_occurs = 0;
  int max_occurs = 1;                 // -1: unbounded
  std::vector<std::string> prefixes;  // label first, then the extra <prefix>es
  bool prefix_optional = false;
  bool city_block_form = true;  // city-block-form="as-written": false (RegistryCheck)
};

// Split and combined forms of the same information (氏 + 名 or 氏名; the
// address parts or 連結表記). A requirement on a field of one form is
// satisfied when every field of another form is present.
struct Alternative {
  std::vector<std::vector<std::string>> forms;  // field paths per form
  // With a separator, the second form's one item is the first form's items
  // joined with it (氏名 = 氏 + " " + 名): transform joins and splits by it.
  std::string separator;
  bool has_separator = false;
};

// A registered value a registry rule compares the row with.
enum class RegisteredValue {
  name,        // the corporation's 商号又は名称
  address,     // its 国内所在地: 都道府県 + 市区町村 + 丁目番地等, joined
  prefecture,  // an ABR area's 都道府県
  city,        // an ABR area's 郡 + 市区町村 + 政令市の区
  local_government_name,  // an ABR area's 都道府県 + 郡 + 市区町村 + 区 (北海道札幌市), or
                          // the 都道府県 alone for a prefecture's code
  town,         // an ABR 町字: 大字・町 + 丁目 + 小字
  postal_code,  // the 町字's 郵便番号, where the ABR has one
};

// One <compare>: the row's items, joined in order, against a registered value.
struct RegistryComparison {
  RegisteredValue with = RegisteredValue::name;
  std::vector<std::string> items;  // field paths
};

// A rule of the model checked against a base registry (<registry-check>):
// the number in field `key` must be registered (not-in-registry), open
// (closed-corporation), and agree with the compared values (registry-mismatch;
// a postal code: inconsistent-address); an address check also normalizes
// the written address (written). Skipped when validate runs without a
// registry, or without the registry's kind of data.
struct RegistryCheck {
  std::string registry;  // "corporation": the 法人番号 registry; "address": the ABR
  std::string key;  // path of the field holding the number (or 全国地方公共団体コード)
  std::string town_key;  // "address": path of the field holding the 町字ID ("" = none)
  std::string country;   // "address": path of the country field; rows not JPN skipped ("" = none)
  std::vector<RegistryComparison> comparisons;
  // "address": written forms of the address (field paths joined in order),
  // normalized with the ABR in each row (registry_rules.hpp); the first
  // form with columns and values is used.
  std::vector<std::vector<std::string>> written;
  // "address": whether 番地以下 inside a written form must be in the DS-442
  // form (白山1-2-3); a holder's part with city-block-form="as-written" (a
  // municipal dataset, whose sheets write 青葉町一丁目○-○) turns it off.
  bool city_block_form = true;
  // optional="true": a registry without this kind of data skips the check
  // (validate's note says so) instead of refusing the run. For an item
  // beside a dataset's subject (the 法人番号 of a hospital's operator).
  bool optional = false;
};

struct Model {
  std::string id;         // "gif:Person", "gif:Person_MP03", or a user's own id
  std::string label;      // "個人"
  std::string gif_class;  // "Person" (the XSD complexType it corresponds to)
  std::string extends;    // the model it was derived from ("" for a base)
  std::string description;
  std::string source_file;  // where it was loaded from
  bool has_header = true;   // false: the data has no header row, columns are the fields in order
  bool is_pattern = false;  // a required pattern (MP01...) or a dataset model
  // partial="true": the items are known only in part (a sheet not found
  // whole); columns it does not know are info, not warnings.
  bool partial = false;
  // auto-pick="false": used only when a command names it (--model, a mapping's
  // "model"); never among the auto-pick candidates (ModelCatalog::base_models).
  bool auto_pick = true;
  // The dataset's file-name rule (file-name="public_toilet": files named
  // <code>_public_toilet.csv are of this model), "" when it has none.
  std::string file_name;
  // common="opendata:common": the model holding the items every sheet of this
  // model's family shares (the 自治体標準オープンデータセット's common block);
  // they say the family, the model's other items its kind. "" when it has none.
  std::string common;
  // The GIF release this model is a class (or required pattern) of: "2022",
  // "2024", "2025", "2026" (v2.3: the 2025 XSD and the guidebooks of 2026-03);
  // "" for a model that is no GIF class.
  std::string release;
  // also-release="2025": the model is that earlier release's class too,
  // without its items since a later release; the catalog holds it as such
  // (gif2025:Address), with earlier_view_of naming this model's id.
  std::string also_release;
  std::string earlier_view_of;  // for gif2025:Address: "gif:Address"; else ""
  // The release whose crosswalk column (crosswalks/gif-releases.tsv) holds
  // the model's items: also_release when set (v2.3's items are 2025's and
  // the guidebooks'), else release.
  const std::string& crosswalk_release() const {
    return also_release.empty() ? release : also_release;
  }
  std::vector<FieldSpec> fields;
  std::vector<Alternative> alternatives;
  std::vector<PartSpec> parts;  // the held classes, in document order
  std::vector<RegistryCheck> registry_checks;

  // The field with this path, or nullptr.
  const FieldSpec* find_field(const std::string& path) const;
  // The field a person names: by its path, or by its display_name() (the label
  // of a field whose id is generated); nullptr when none.
  const FieldSpec* find_item(const std::string& name) const;
  // The part with this id, or nullptr.
  const PartSpec* find_part(const std::string& id) const;
};

// The class a model id names, without its prefix: "Person" for gif:Person and
// gif2022:Person (the same class in two releases), "Person_MP01".
std::string_view model_class_name(std::string_view id);

// True for a required pattern of a GIF class (gif:Person_MP01): a pattern
// with a release, not a user's dataset model that extends a class.
bool is_gif_pattern(const Model& model);

// One header under which a field may appear in a dataset.
struct AcceptedHeader {
  std::string text;                     // as written in the model, not folded
  std::optional<AliasKind> alias_kind;  // nullopt: the item's own label
};

// Every header a field accepts: its label and its aliases; for a part field each
// preceded by every part prefix ("登記住所都道府県"), and bare as well when the
// prefix is optional; an as_written alias only as written. The loader rejects a
// model in which two fields accept the same header (after fold_label). Labels
// come before aliases: when one field accepts a text twice, the first entry wins.
std::vector<AcceptedHeader> accepted_headers(const FieldSpec& field);

// The model language's names for widths, character sets and alias kinds
// ("fullwidth", "jisx0213", "nonstandard") back to the enums; nullopt for an
// unknown name. Value type names and the enum-to-name direction of widths and
// character sets are in model_names.hpp.
std::optional<Width> parse_width(std::string_view name);
// The charset attribute's value as a FieldCharset (nullopt: not a set name).
std::optional<FieldCharset> parse_charset(std::string_view name);
std::string_view alias_kind_name(AliasKind kind);
std::optional<AliasKind> parse_alias_kind(std::string_view name);
// "name", "address" and back.
std::string_view registered_value_name(RegisteredValue value);
std::optional<RegisteredValue> parse_registered_value(std::string_view name);

}  // namespace gifkit::models

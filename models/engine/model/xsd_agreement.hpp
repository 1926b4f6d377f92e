// xsd_agreement.hpp — checks gifkit's models against the official GIF XSD
// (GIF_Core_DataModel.xsd): for every model that names an xsd-type, its items
// (own fields with an xsd-element, and parts) must be exactly the element refs
// of that complexType, in the same order, with the same minOccurs/maxOccurs,
// and each item's type must fit the element's XSD type. Used by
// `gifkit model check` and by the unit tests.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

// How an element's type is expressed in the XSD.
enum class XsdTypeKind {
  builtin,   // xsd:string, xsd:date, xsd:anyURI, ... (after resolving pd:X_simpleType)
  codelist,  // pcd:XxxCodeList_code_value or pcd:XxxCodeList_code_simpleType
  complex,   // pd:Address, pd:Person, pd:IdInformationModel, ...
};

struct XsdItem {
  std::string element;  // "familyName", "address_MP00"
  int min_occurs = 1;
  int max_occurs = 1;  // -1: unbounded
  XsdTypeKind kind = XsdTypeKind::builtin;
  std::string type;  // "string", "date", "SexCodeList", "Address" (local names)
};

// The element refs of every complexType of the official data-model XSD.
class GifXsd {
 public:
  // Parses the XSD (safely, see xml_document.hpp). Returns false and sets error on failure.
  bool load(const std::filesystem::path& xsd, std::string& error);

  // The items of a complexType (its group's sequence, or a restriction's sequence), or nullptr.
  const std::vector<XsdItem>* items_of(std::string_view complex_type) const;
  std::vector<std::string> complex_types() const;
  // True when some element's type is a code list (2025, with GIF_Core_CodeList.xsd);
  // the 2024 XSD has none and carries codes as コード情報型.
  bool has_code_lists() const { return has_code_lists_; }

 private:
  bool has_code_lists_ = false;
  std::map<std::string, std::vector<XsdItem>, std::less<>> items_;
};

// One item of a model as an official file counts it: an own field or a part
// (a part once, where its first field stands), in the model's order.
struct ModelItem {
  std::string id;
  std::string element;  // xsd-element ("" if none)
  int min_occurs = 0;
  int max_occurs = 1;  // -1: unbounded
  const FieldSpec* field = nullptr;
  const PartSpec* part = nullptr;
};
std::vector<ModelItem> model_items(const Model& model);

// "0..1", "1..unbounded".
std::string occurs_text(int min_occurs, int max_occurs);

struct XsdMismatch {
  std::string model;  // model id
  std::string item;   // element or field/part id
  std::string message;
};

// Checks one model (no mismatches when it names no xsd-type). catalog is used
// to find the models its parts hold.
std::vector<XsdMismatch> check_model_against_xsd(const Model& model, const ModelCatalog& catalog,
                                                 const GifXsd& xsd);

// Checks every model of the catalog that names an xsd-type and is of this
// release (a model naming an xsd-type without a release counts as 2025, the
// release of models/gif/).
std::vector<XsdMismatch> check_catalog_against_xsd(const ModelCatalog& catalog, const GifXsd& xsd,
                                                   std::string_view release = "2025");

// True when a field of this value type (and code list) can hold values of the XSD item's type.
// xsd_has_code_lists: GifXsd::has_code_lists() of the XSD the item comes from.
bool value_type_fits(const FieldSpec& field, const XsdItem& item, bool xsd_has_code_lists = true);

}  // namespace gifkit::models

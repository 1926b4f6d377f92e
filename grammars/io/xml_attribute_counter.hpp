// xml_attribute_counter.hpp — counts the attributes of each start tag in the
// bytes of an XML document as they are read, before libxml2 sees them, and
// says when one element has more than a cap (ReadLimits::max_attributes):
// libxml2 2.9 (Debian 12's) checks an element's attributes for duplicates in
// quadratic time, so 40,000 attributes on one element hold a parser for
// seconds in a single call that no clock can interrupt. A small state
// machine of markup (start and end tags, quoted values, comments, CDATA,
// processing instructions, a DOCTYPE with its internal subset), fed block by
// block: a tag may span blocks. It only counts; libxml2 still decides what is
// well-formed.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace gifkit::grammars {

class XmlAttributeCounter {
 public:
  explicit XmlAttributeCounter(std::uint32_t max_attributes) : max_attributes_(max_attributes) {}

  // Reads the next bytes of the document. False (and every call after) once
  // an element has more than max_attributes: element() and line() say which.
  bool scan(std::string_view bytes);

  bool exceeded() const { return exceeded_; }
  // The element over the cap (its name's first 64 bytes) and the line its
  // start tag begins on (1-based).
  const std::string& element() const { return element_; }
  std::uint64_t line() const { return element_line_; }
  std::uint32_t max_attributes() const { return max_attributes_; }

  // "line L: the element <NAME> has more than N attributes (the cap on one
  // element[; HINT])", for a message that starts with the file (and part).
  std::string refusal(const std::string& raise_hint) const;

 private:
  enum class State : std::uint8_t {
    text,          // content
    open,          // after '<'
    bang,          // after "<!"
    bang_dash,     // after "<!-"
    comment,       // in <!-- … -->
    cdata,         // in <![ … ]]>
    instruction,   // in <? … ?>
    declaration,   // in <!DOCTYPE …> (its internal subset included)
    end_tag,       // in </ … >
    element_name,  // the name of a start tag
    in_tag,        // between a start tag's name and its '>'
    quoted,        // an attribute's value (or a quoted literal of a declaration)
  };
  void step(char c);
  // Whether c completes the terminator (of comment, CDATA or instruction)
  // whose first terminator_matched_ bytes were seen last.
  bool ends(char c, std::string_view terminator);

  std::uint32_t max_attributes_;
  State state_ = State::text;
  State after_markup_ = State::text;  // where a comment or instruction returns to
  State after_quote_ = State::in_tag;
  char quote_ = '"';
  std::size_t terminator_matched_ = 0;
  std::uint32_t subset_depth_ = 0;     // '[' of a DOCTYPE's internal subset
  bool declaration_saw_less_ = false;  // '<' inside a declaration: maybe "<!--" or "<?"
  bool declaration_saw_bang_ = false;
  bool declaration_saw_dash_ = false;
  std::uint32_t attributes_ = 0;
  std::uint64_t line_ = 1;
  std::uint64_t element_line_ = 0;
  std::string element_;
  bool exceeded_ = false;
};

}  // namespace gifkit::grammars

// reviewkit/templating — what the two stages of a part template share: the compiled tree's nodes
// and the tags they come from. Internal to templating (part_compile.cpp builds it, part_render.cpp
// renders it).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expressions/expression.hpp"
#include "templating/part_template.hpp"

namespace reviewkit::templating {

// The expression language's names, for both stages of a part.
using expressions::describe;
using expressions::evaluate;
using expressions::Evaluation;
using expressions::Expr;
using expressions::ExprPtr;
using expressions::parse_expression;
using expressions::Scope;
using expressions::Value;

// The elements that matter to a tag's scope.
enum class Box { None, P, Tr, Tc, Tbl, Txbx, Root };

Box box_of(std::string_view name);

// Containers Word requires to end with a paragraph.
inline bool needs_paragraph(Box b) { return b == Box::Tc || b == Box::Txbx || b == Box::Root; }

enum class TagKind { Value, For, EndFor, If, Elif, Else, EndIf, PageBreak, Image, Figure, Comment };

struct TagInfo {
  TagKind kind = TagKind::Value;
  std::string source;  // the tag as typed: "{{ child.pseudonym }}"
  expressions::ExprPtr expr;
  std::string var, value_var;  // for NAME in LIST; for KEY, VALUE in MAP
  bool restart_numbering = false;  // for … restart-numbering
  double width_cm = 0, height_cm = 0;  // image, figure
  std::string figure;                  // figure: its name
  Location where;
  bool ok = true;
};

struct PartTemplate::Node {
  enum Kind { Xml, Value, PageBreak, Image, Figure, For, If, Open, Close } kind = Xml;
  std::string xml;
  Box box = Box::None;
  bool paragraph_mark = false;
  bool broken = false;  // If: a branch's condition could not be read (reported); renders nothing
  std::shared_ptr<const TagInfo> tag;
  std::vector<std::shared_ptr<const Node>> children;  // For
  std::vector<std::pair<expressions::ExprPtr, std::vector<std::shared_ptr<const Node>>>> branches;  // If; else has no expr
};

/// Empty, or only spaces and the non-breaking spaces Word puts in.
bool blank(const std::string& s);

}  // namespace reviewkit::templating

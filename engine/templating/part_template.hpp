// reviewkit/templating — one XML part of a Word document (document, header, footer) as a template.
//
// Stages, each with its own output: find the tags in each paragraph's text, joined across Word's
// runs (split by spell-check marks, revision ids, bookmarks) and moved whole into the run where each
// tag begins; parse the tags into for/if blocks; decide each block's scope from where its tags stand
// (one paragraph: inline; a row's cells: the row; paragraphs of their own: the paragraphs between);
// build an immutable tree that renders to XML once per letter. Every problem is collected with the
// part, the paragraph number and the paragraph's text.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "templating/expression.hpp"

namespace reviewkit::templating {

/// Limits that keep a crafted template or data file from exhausting the stack or the memory
/// (docs/reliability.md lists every limit reviewkit enforces).
constexpr int kMaxBlockDepth = 50;                          ///< {% if %}/{% for %} nested in each other
constexpr std::size_t kMaxLoopIterations = 1'000'000;       ///< repetitions of all loops of one part
constexpr std::size_t kMaxFilledPartBytes = 512u << 20;     ///< one filled part's XML

/// An image a template asks for with {% image SOURCE width: 5cm %}: the loader (files, or the
/// figures the engine draws) gives its bytes; the package writer adds the media part and returns
/// the relationship id to reference.
struct ImageRequest {
  std::string source;
  double width_cm = 0, height_cm = 0;  ///< 0 when not given
};
struct ImagePlacement {
  std::string relationship_id;
  long width_emu = 0, height_emu = 0;
  std::string name;
};
/// Returns the placement, or sets `error` (a missing file, not a PNG or JPEG, too large).
using ImageHandler = std::function<std::optional<ImagePlacement>(const ImageRequest&, std::string& error)>;

struct RenderOptions {
  bool lenient = false;  ///< missing values render empty, with a warning each
  ImageHandler images;
  /// Names bound beside the data, like the recipient of a letter: {"recipient", node}.
  std::vector<std::pair<std::string, const data::Node*>> bindings;
  std::string label;     ///< prefixed to every message of this render ("letter 3 (agencies[2])")
};

class PartTemplate {
 public:
  /// Compiles one part. `file` and `part` name it in messages ("letter.docx", "word/document.xml").
  static std::shared_ptr<const PartTemplate> compile(const std::string& xml, const std::string& file,
                                                     const std::string& part, Diagnostics& diags);

  /// Renders with `data` as the root of every name. Problems go to `diags` (errors unless lenient).
  std::string render(const data::Node& data, const RenderOptions& options, Diagnostics& diags) const;

  bool has_tags() const { return tag_count_ > 0; }
  /// The compiled tree printed for tests: one node a line.
  std::string dump() const;

  struct Node;
  PartTemplate();
  ~PartTemplate();

 private:
  std::vector<std::shared_ptr<const Node>> nodes_;
  std::size_t tag_count_ = 0;
  std::size_t size_hint_ = 0;
};

}  // namespace reviewkit::templating

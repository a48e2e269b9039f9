// reviewkit/templating — one XML part of a Word document (document, header, footer) as a template.
//
// Stages, each with its own output: find the tags in each paragraph's text, joined across Word's
// runs (split by spell-check marks, revision ids, bookmarks) and moved whole into the run where each
// tag begins; parse the tags into for/if blocks; decide each block's scope from where its tags stand
// (one paragraph: inline; a row's cells: the row; paragraphs of their own: the paragraphs between);
// build an immutable tree that renders to XML once per letter. Every problem is collected with the
// part, the paragraph number and the paragraph's text.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "expressions/expression.hpp"

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

/// A figure the engine draws, asked for with {% figure NAME width: 16cm %}: the caller (which knows
/// the case) draws it; templating only places it.
struct FigureRequest {
  std::string name;                    ///< a bare lower-case word: "timeline", "genogram"
  double width_cm = 0, height_cm = 0;  ///< 0 when not given
  const data::Node* data = nullptr;    ///< the root the document is filled from
};
/// The figure drawn: PNG (what every Word shows), SVG (shown by Word 2016 and later, beside the
/// PNG), PDF (vector art for reviewkit's own PDF); its size in points; its alternative text.
struct FigureImage {
  std::string png, svg, pdf;
  double width_pt = 0, height_pt = 0;
  std::string description;  ///< alt text
};
/// Returns the figure, or sets `error` (an unknown figure, one that cannot be drawn for this case).
using FigureHandler = std::function<std::optional<FigureImage>(const FigureRequest&, std::string& error)>;
/// What the package writer does with a figure drawn: adds its media parts and relationships (the
/// PNG or, with figures_as_pdf, the PDF; the SVG beside the PNG) and says where it is and how large.
struct FigurePlacement {
  std::string relationship_id;      ///< the blip: the PNG, or the PDF
  std::string svg_relationship_id;  ///< empty: no SVG beside it
  long width_emu = 0, height_emu = 0;
  std::string name;
};
using FigurePlacer =
    std::function<std::optional<FigurePlacement>(const FigureRequest&, const FigureImage&, std::string& error)>;

struct RenderOptions {
  bool lenient = false;  ///< missing values render empty, with a warning each
  ImageHandler images;
  /// Draws the figures of {% figure NAME %}; without one, a figure tag is an error.
  FigureHandler figures;
  /// The figures as PDF (vector art) instead of PNG + SVG: for a .docx that is only the step
  /// before reviewkit's own PDF.
  bool figures_as_pdf = false;
  /// Puts a drawn figure into the package (DocxTemplate gives it).
  FigurePlacer place_figure;
  /// Names bound beside the data, like the recipient of a letter: {"recipient", node}.
  std::vector<std::pair<std::string, const data::Node*>> bindings;
  std::string label;     ///< prefixed to every message of this render ("letter 3 (agencies[2])")
  /// Names the data may lack for a reason the caller knows, with what to tell the user: fill gives
  /// {"recipient", "this template is written for one recipient at a time: …"}.
  std::map<std::string, std::string> unbound_hints;
  /// For {% for … restart-numbering %}: a new list numbering (a numId of numbering.xml) that counts
  /// from the start again, like the list `num_id` names; empty when there is none.
  std::function<std::string(const std::string& num_id)> restart_numbering;
  /// Paragraph styles that number their paragraphs (styles.xml): style id -> {numId, ilvl}.
  const std::map<std::string, std::pair<std::string, std::string>>* numbered_styles = nullptr;
  /// Where new w14:paraId values for repeated paragraphs and rows start (one per part, so that the
  /// parts of one document do not clash).
  std::uint32_t para_id_seed = 0x10000000;
  /// The wp:docPr id of the first picture {% image %} puts in (then counting up): one range per part.
  int first_drawing_id = 1000;
};

/// Gives each w14:paraId and w14:textId in xml[from…] a new value from `next` (which it advances):
/// Word reports a document whose paragraphs share one as damaged. Values the template used are
/// listed in `taken` and skipped.
void renumber_paragraph_ids(std::string& xml, std::size_t from, std::uint32_t& next,
                            const std::set<std::string>* taken = nullptr);

class PartTemplate {
 public:
  /// Compiles one part. `file` and `part` name it in messages ("letter.docx", "word/document.xml").
  static std::shared_ptr<const PartTemplate> compile(const std::string& xml, const std::string& file,
                                                     const std::string& part, Diagnostics& diags);

  /// Renders with `data` as the root of every name. Problems go to `diags` (errors unless lenient).
  std::string render(const data::Node& data, const RenderOptions& options, Diagnostics& diags) const;

  bool has_tags() const { return tag_count_ > 0; }
  /// It holds a {% figure %} tag.
  bool has_figures() const { return has_figures_; }
  /// Some tags could not be read (each reported when compiling). The part still renders, so that
  /// the data's problems show in the same run, but what it renders must never be written.
  bool has_errors() const { return broken_; }
  /// The compiled tree printed for tests: one node a line.
  std::string dump() const;

  struct Node;
  PartTemplate();
  ~PartTemplate();

 private:
  std::vector<std::shared_ptr<const Node>> nodes_;
  std::size_t tag_count_ = 0;
  std::size_t size_hint_ = 0;
  bool broken_ = false;
  bool has_figures_ = false;
  std::set<std::string> para_ids_;  ///< the w14:paraId and w14:textId values the template holds
};

}  // namespace reviewkit::templating

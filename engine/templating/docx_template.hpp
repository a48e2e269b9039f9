// reviewkit/templating — a whole Word document as a template: compiled once, filled many times.
//
// In: a .docx. Its body, headers, footers, footnotes and endnotes are compiled to PartTemplates;
// every other part (styles, numbering, images, the user's letterhead) is kept as stored. Out: a
// filled .docx for each set of data, with the untouched parts copied without recompressing; or,
// for printing a batch, one document that holds many letters, each starting on a new page.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "ooxml/package.hpp"
#include "templating/part_template.hpp"

namespace reviewkit::templating {

struct FillOptions {
  bool lenient = false;
  std::vector<std::pair<std::string, const data::Node*>> bindings;
  std::string label;                 ///< prefixed to messages ("letter 3 (agencies[2])")
  std::filesystem::path image_base;  ///< relative image paths are read from here (the data file's folder)
  /// Folders pictures may come from besides image_base (the template's folder, --assets DIR): a
  /// picture's path must stay inside one of them, so a template or data file cannot put any local
  /// file into an outgoing letter. Absolute paths and '..' that leave them are refused.
  std::vector<std::filesystem::path> image_roots;
  /// Names the data may lack, with what to tell the user (see RenderOptions::unbound_hints).
  std::map<std::string, std::string> unbound_hints;
  /// Draws the figures of {% figure NAME %} (the caller knows the case); none: a figure tag is an
  /// error.
  FigureHandler figures;
  /// Each figure as its PDF (vector art) instead of its PNG with the SVG beside it: for a .docx that
  /// only goes on to reviewkit's own PDF layout, never to a reader.
  bool figures_as_pdf = false;
};

class DocxTemplate {
 public:
  /// Reads and compiles a template; every problem in every part goes to `diags`.
  static std::shared_ptr<const DocxTemplate> load(const std::filesystem::path& path, Diagnostics& diags);
  static std::shared_ptr<const DocxTemplate> from_bytes(std::string bytes, const std::string& name, Diagnostics& diags);

  /// The filled .docx, or nothing when any problem is an error.
  std::optional<std::string> fill(const data::Node& data, const FillOptions& options, Diagnostics& diags) const;

  const std::string& name() const { return name_; }
  /// Some tags could not be read (each reported by load): fill and Combined still render, to report
  /// the data's problems in the same run, but never give a document.
  bool has_errors() const { return broken_; }
  /// Some part holds a {% figure %} tag (so that a PDF needs a fill of its own, with the figures as
  /// vector art).
  bool has_figures() const;
  /// Names of the parts that hold tags.
  std::vector<std::string> templated_parts() const;

  class Combined;

 private:
  friend class Combined;
  struct Rendered {
    std::map<std::string, std::string> parts;  // part name -> XML
    std::vector<std::pair<std::string, std::string>> media;  // part name -> bytes
    std::map<std::string, std::vector<std::string>> relationships;  // rels part -> <Relationship/> elements
  };
  /// What the letters of one output add to the package: pictures, and list numberings restarted.
  struct Additions {
    int images = 0;
    int figures = 0;
    long last_num_id = 0;  ///< the highest w:numId used so far
    std::string nums;      ///< <w:num> elements for numbering.xml
  };
  std::optional<Rendered> render(const data::Node& data, const FillOptions& options, Diagnostics& diags,
                                 Additions& added) const;
  std::string numbering_with(const Additions& added) const;
  void read_numbering();

  std::string name_;
  ooxml::Package package_;
  std::map<std::string, std::shared_ptr<const PartTemplate>> parts_;
  bool broken_ = false;
  // numbering.xml: each list numbering's abstract definition, and where each level starts.
  std::map<std::string, std::string> num_abstract_;
  std::map<std::string, std::vector<std::string>> abstract_starts_;
  long max_num_id_ = 0;
  std::map<std::string, std::pair<std::string, std::string>> numbered_styles_;
};

/// Many letters in one document, each in its own section starting on a new page (so that a
/// header or footer with tags shows each letter's own values).
class DocxTemplate::Combined {
 public:
  explicit Combined(std::shared_ptr<const DocxTemplate> tmpl) : tmpl_(std::move(tmpl)) {}
  /// Adds one letter; false (with diagnostics) when it cannot be filled.
  bool add(const data::Node& data, const FillOptions& options, Diagnostics& diags);
  std::size_t size() const { return letters_; }
  std::string finish();

 private:
  std::shared_ptr<const DocxTemplate> tmpl_;
  std::string body_;         // the letters' body XML so far
  std::string last_section_;  // the body's own sectPr for the last letter
  std::vector<std::pair<std::string, std::string>> extra_parts_;
  std::vector<std::string> extra_relationships_;
  std::size_t letters_ = 0;
  Additions added_;
  int docpr_counter_ = 1;
  std::uint32_t para_ids_ = 0x20000000;
  std::set<std::string> template_ids_;
};

}  // namespace reviewkit::templating

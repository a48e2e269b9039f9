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
};

class DocxTemplate {
 public:
  /// Reads and compiles a template; every problem in every part goes to `diags`.
  static std::shared_ptr<const DocxTemplate> load(const std::filesystem::path& path, Diagnostics& diags);
  static std::shared_ptr<const DocxTemplate> from_bytes(std::string bytes, const std::string& name, Diagnostics& diags);

  /// The filled .docx, or nothing when any problem is an error.
  std::optional<std::string> fill(const data::Node& data, const FillOptions& options, Diagnostics& diags) const;

  const std::string& name() const { return name_; }
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
  std::optional<Rendered> render(const data::Node& data, const FillOptions& options, Diagnostics& diags,
                                 int& image_counter) const;

  std::string name_;
  ooxml::Package package_;
  std::map<std::string, std::shared_ptr<const PartTemplate>> parts_;
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
  int image_counter_ = 0;
  int docpr_counter_ = 1;
};

}  // namespace reviewkit::templating

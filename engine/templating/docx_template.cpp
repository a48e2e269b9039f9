#include "docx_template.hpp"

#include <algorithm>

#include "common/files.hpp"
#include "common/numbers.hpp"
#include "ooxml/image_info.hpp"
#include "ooxml/xml_tokens.hpp"

namespace reviewkit::templating {

namespace fs = std::filesystem;

namespace {

bool templated_part(const std::string& name) {
  if (name == "word/document.xml" || name == "word/footnotes.xml" || name == "word/endnotes.xml") return true;
  auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
  bool xml = name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
  return xml && name.find('/', 5) == std::string::npos && (starts("word/header") || starts("word/footer"));
}

std::string rels_of(const std::string& part) {
  auto slash = part.rfind('/');
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

std::string insert_before(const std::string& xml, const std::string& closing, const std::string& text) {
  auto at = xml.rfind(closing);
  if (at == std::string::npos) return xml;
  return xml.substr(0, at) + text + xml.substr(at);
}

constexpr std::uintmax_t kImageLimit = 50u * 1024 * 1024;
constexpr long kEmuPerCm = 360000;

}  // namespace

std::shared_ptr<const DocxTemplate> DocxTemplate::load(const fs::path& path, Diagnostics& diags) {
  std::string why;
  auto bytes = read_file(path, why);
  if (!bytes) {
    diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "cannot read the template: " + why, "check the path");
    return nullptr;
  }
  return from_bytes(std::move(*bytes), path.string(), diags);
}

std::shared_ptr<const DocxTemplate> DocxTemplate::from_bytes(std::string bytes, const std::string& name,
                                                             Diagnostics& diags) {
  std::string why;
  auto package = ooxml::Package::from_bytes(std::move(bytes), why);
  Location at{name, 0, 0, {}, {}, 0};
  if (!package) {
    diags.error(at, "cannot open the template: " + why);
    return nullptr;
  }
  if (!package->has("word/document.xml")) {
    diags.error(at, "cannot open the template: it is a zip file but not a Word document (it has no word/document.xml)",
                "save it from Word as Word Document (.docx)");
    return nullptr;
  }
  auto t = std::make_shared<DocxTemplate>();
  t->name_ = name;
  t->package_ = std::move(*package);
  // Word writes w: for WordprocessingML, but other tools may bind it to another prefix or the
  // default namespace: what counts is the namespace, so such parts are renamed to w: first.
  std::vector<std::string> word_parts;
  for (const auto& part : t->package_.parts())
    if (part.name.rfind("word/", 0) == 0 && part.name.find("/_rels/") == std::string::npos && ooxml::is_xml_part(part.name))
      word_parts.push_back(part.name);
  for (const auto& part_name : word_parts) {
    std::string problem;
    auto renamed = ooxml::with_word_prefix(t->package_.read(part_name), problem);
    if (!problem.empty()) {
      diags.error(Location{name, 0, 0, part_name, {}, 0}, "cannot open the template: " + problem,
                  "open it in Word and save it again");
      return nullptr;
    }
    if (renamed) t->package_.replace(part_name, std::move(*renamed));
  }
  t->read_numbering();
  bool ok = true;
  for (const auto& part : t->package_.parts()) {
    if (!templated_part(part.name)) continue;
    std::string xml;
    try {
      xml = t->package_.read(part.name);
    } catch (const std::exception& e) {
      diags.error(at, std::string("cannot open the template: ") + e.what(), "open it in Word and save it again");
      return nullptr;
    }
    auto compiled = PartTemplate::compile(xml, name, part.name, diags);
    if (!compiled) {
      ok = false;
      continue;
    }
    if (compiled->has_errors()) t->broken_ = true;
    if (compiled->has_tags()) t->parts_[part.name] = compiled;
  }
  if (!ok) return nullptr;
  return t;
}

bool DocxTemplate::has_figures() const {
  return std::any_of(parts_.begin(), parts_.end(), [](const auto& p) { return p.second->has_figures(); });
}

std::vector<std::string> DocxTemplate::templated_parts() const {
  std::vector<std::string> out;
  for (const auto& [name, part] : parts_) out.push_back(name);
  return out;
}

// The list numberings of numbering.xml and the paragraph styles that number, for restarting lists.
void DocxTemplate::read_numbering() {
  std::string why;
  if (package_.has("word/numbering.xml")) {
    const std::string xml = package_.read("word/numbering.xml");  // the tokens point into it
    if (auto tokens = ooxml::tokenize(xml, why)) {
      std::string num, abstract;
      for (const auto& t : *tokens) {
        if (t.kind != ooxml::XmlToken::Open && t.kind != ooxml::XmlToken::Empty) continue;
        std::string_view raw = std::string_view(xml).substr(t.begin, t.end - t.begin);
        if (t.name == "w:abstractNum") {
          abstract = ooxml::attribute(raw, "w:abstractNumId").value_or("");
          num.clear();
        } else if (t.name == "w:num") {
          num = ooxml::attribute(raw, "w:numId").value_or("");
          if (auto n = parse_integer<long>(num); n && *n > max_num_id_ && *n < 1000000000) max_num_id_ = *n;
        } else if (t.name == "w:abstractNumId" && !num.empty()) {
          num_abstract_[num] = ooxml::attribute(raw, "w:val").value_or("");
        } else if (t.name == "w:lvl" && !abstract.empty()) {
          abstract_starts_[abstract].push_back("1");
        } else if (t.name == "w:start" && !abstract.empty() && !abstract_starts_[abstract].empty()) {
          auto v = ooxml::attribute(raw, "w:val");
          if (v && parse_integer<long>(*v)) abstract_starts_[abstract].back() = *v;
        }
      }
    }
  }
  if (!package_.has("word/styles.xml")) return;
  std::string xml = package_.read("word/styles.xml");
  auto tokens = ooxml::tokenize(xml, why);
  if (!tokens) return;
  struct Style {
    std::string based_on, num, level = "0";
    bool has_num = false;
  };
  std::map<std::string, Style> styles;
  std::string current;
  bool in_ppr = false;
  for (const auto& t : *tokens) {
    std::string_view raw = std::string_view(xml).substr(t.begin, t.end - t.begin);
    if (t.kind == ooxml::XmlToken::Close && t.name == "w:style") current.clear();
    if (t.kind == ooxml::XmlToken::Close && t.name == "w:pPr") in_ppr = false;
    if (t.kind != ooxml::XmlToken::Open && t.kind != ooxml::XmlToken::Empty) continue;
    if (t.name == "w:style") {
      current = ooxml::attribute(raw, "w:type").value_or("paragraph") == "paragraph" ? ooxml::attribute(raw, "w:styleId").value_or("") : "";
      if (!current.empty()) styles[current];
    } else if (current.empty()) {
      continue;
    } else if (t.name == "w:pPr" && t.kind == ooxml::XmlToken::Open) {
      in_ppr = true;
    } else if (t.name == "w:basedOn") {
      styles[current].based_on = ooxml::attribute(raw, "w:val").value_or("");
    } else if (t.name == "w:numId" && in_ppr) {
      styles[current].num = ooxml::attribute(raw, "w:val").value_or("");
      styles[current].has_num = true;
    } else if (t.name == "w:ilvl" && in_ppr) {
      styles[current].level = ooxml::attribute(raw, "w:val").value_or("0");
    }
  }
  for (const auto& [id, style] : styles) {
    const Style* s = &style;
    for (int depth = 0; s && !s->has_num && depth < 20; ++depth) {  // inherited through w:basedOn
      auto base = styles.find(s->based_on);
      s = base == styles.end() ? nullptr : &base->second;
    }
    if (s && s->has_num && s->num != "0" && num_abstract_.count(s->num)) numbered_styles_[id] = {s->num, s->level};
  }
}

std::string DocxTemplate::numbering_with(const Additions& added) const {
  std::string xml = package_.read("word/numbering.xml");
  auto at = xml.find("<w:numIdMacAtCleanup");  // it comes last, after the w:num elements
  if (at == std::string::npos) at = xml.rfind("</w:numbering>");
  if (at == std::string::npos) return xml;
  return xml.insert(at, added.nums);
}

std::optional<DocxTemplate::Rendered> DocxTemplate::render(const data::Node& data, const FillOptions& options,
                                                           Diagnostics& diags, Additions& added) const {
  Rendered out;
  std::size_t errors_before = diags.error_count();
  if (added.last_num_id < max_num_id_) added.last_num_id = max_num_id_;
  std::uint32_t seed = 0x10000000;
  for (const auto& [name, part] : parts_) {
    RenderOptions ro;
    ro.lenient = options.lenient;
    ro.bindings = options.bindings;
    ro.label = options.label;
    ro.unbound_hints = options.unbound_hints;
    ro.para_id_seed = seed;
    ro.first_drawing_id = static_cast<int>(1000 + ((seed - 0x10000000) >> 24) * 100000);
    seed += 0x01000000;  // each part its own range of new paragraph and drawing ids
    ro.numbered_styles = &numbered_styles_;
    ro.restart_numbering = [&](const std::string& num_id) -> std::string {
      auto abstract = num_abstract_.find(num_id);
      if (abstract == num_abstract_.end()) return {};
      std::string id = std::to_string(++added.last_num_id);
      added.nums += "<w:num w:numId=\"" + id + "\"><w:abstractNumId w:val=\"" + abstract->second + "\"/>";
      auto starts = abstract_starts_.find(abstract->second);
      std::size_t levels = starts == abstract_starts_.end() ? 0 : std::min<std::size_t>(starts->second.size(), 9);
      for (std::size_t level = 0; level < levels; ++level)
        added.nums += "<w:lvlOverride w:ilvl=\"" + std::to_string(level) + "\"><w:startOverride w:val=\"" +
                      starts->second[level] + "\"/></w:lvlOverride>";
      added.nums += "</w:num>";
      return id;
    };
    std::string rels = rels_of(name);
    ro.images = [&, rels](const ImageRequest& request, std::string& error) -> std::optional<ImagePlacement> {
      fs::path file = fs::path(request.source);
      std::error_code ec;
      // Only pictures inside the allowed folders; say nothing about files elsewhere.
      if (file.is_absolute()) {
        error = "an absolute path is not allowed: put the picture beside the data file or the template, or in "
                "the folder given with --assets, and name it relative to that folder";
        return std::nullopt;
      }
      // Decided on the path as written first, so that the answer never depends on what exists outside.
      fs::path normal = file.lexically_normal();
      if (!normal.empty() && *normal.begin() == "..") {
        error = "the path leaves the folders pictures are read from (the data file's and the template's "
                "folders, and --assets DIR); '..' may not climb out of them";
        return std::nullopt;
      }
      std::vector<fs::path> roots{options.image_base.empty() ? fs::path(".") : options.image_base};
      for (const auto& r : options.image_roots) roots.push_back(r.empty() ? fs::path(".") : r);
      std::optional<fs::path> found;
      bool outside = false;
      for (const auto& root : roots) {
        fs::path real_root = fs::weakly_canonical(root, ec);
        if (ec) continue;
        fs::path candidate = fs::weakly_canonical(root / file, ec);  // follows links and '..'
        if (ec) continue;
        auto rel = candidate.lexically_relative(real_root);
        if (rel.empty() || *rel.begin() == "..") {
          outside = true;
          continue;
        }
        if (fs::is_regular_file(candidate, ec)) {
          found = candidate;
          break;
        }
      }
      if (!found) {
        error = outside ? "the path leaves the folders pictures are read from (the data file's and the template's "
                          "folders, and --assets DIR); '..' may not climb out of them"
                        : "no such picture beside the data file or the template (or in --assets DIR)";
        return std::nullopt;
      }
      file = *found;
      auto size = fs::file_size(file, ec);
      if (ec) {
        error = "it cannot be read";
        return std::nullopt;
      }
      if (size > kImageLimit) {
        error = "the file is too large (" + std::to_string(size / (1024 * 1024)) + " MB; the limit is 50 MB)";
        return std::nullopt;
      }
      std::string why;
      auto bytes = read_file(file, why);
      if (!bytes) {
        error = why;
        return std::nullopt;
      }
      auto info = ooxml::inspect_image(*bytes);
      if (!info || info->extension == "pdf") {  // Word shows no PDF as a picture
        error = "it is not a PNG or JPEG image (or it is damaged)";
        return std::nullopt;
      }
      if (info->width > ooxml::kMaxImagePixels || info->height > ooxml::kMaxImagePixels) {
        error = "the image is too large (" + std::to_string(info->width) + " x " + std::to_string(info->height) + " pixels)";
        return std::nullopt;
      }
      double w = request.width_cm, h = request.height_cm;
      double natural_w = static_cast<double>(info->width) / info->dpi_x * 2.54;
      double natural_h = static_cast<double>(info->height) / info->dpi_y * 2.54;
      if (w > 0 && h <= 0) h = w * natural_h / natural_w;
      if (h > 0 && w <= 0) w = h * natural_w / natural_h;
      if (w <= 0 && h <= 0) {
        w = natural_w;
        h = natural_h;
        if (w > 16) {  // wider than an A4 page's text: fit it
          h = h * 16 / w;
          w = 16;
        }
      }
      int n = ++added.images;
      std::string media = "media/reviewkit-image" + std::to_string(n) + "." + info->extension;
      std::string id = "rkImage" + std::to_string(n);
      out.media.push_back({"word/" + media, std::move(*bytes)});
      out.relationships[rels].push_back(
          "<Relationship Id=\"" + id +
          "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"" + media + "\"/>");
      return ImagePlacement{id, static_cast<long>(w * kEmuPerCm), static_cast<long>(h * kEmuPerCm),
                            fs::path(request.source).filename().string()};
    };
    ro.figures = options.figures;
    ro.figures_as_pdf = options.figures_as_pdf;
    ro.place_figure = [&, rels](const FigureRequest& request, const FigureImage& figure,
                                std::string& error) -> std::optional<FigurePlacement> {
      // The blip: the PNG every Word shows, with the SVG beside it; or, for reviewkit's own PDF,
      // the PDF (a PNG when the figure has none).
      bool as_pdf = options.figures_as_pdf && !figure.pdf.empty();
      const std::string& blip = as_pdf ? figure.pdf : figure.png;
      auto info = ooxml::inspect_image(blip);
      if (blip.empty() || !info || info->extension != (as_pdf ? "pdf" : "png")) {
        error = std::string("it was drawn without a ") + (as_pdf ? "readable PDF" : "readable PNG") +
                " (a fault of reviewkit: please report it)";
        return std::nullopt;
      }
      if (blip.size() + figure.svg.size() > kImageLimit) {
        error = "it is too large (" + std::to_string((blip.size() + figure.svg.size()) >> 20) + " MB)";
        return std::nullopt;
      }
      double natural_w = figure.width_pt / 72 * 2.54, natural_h = figure.height_pt / 72 * 2.54;
      if (!(natural_w > 0 && natural_h > 0)) {
        error = "it was drawn without a size (a fault of reviewkit: please report it)";
        return std::nullopt;
      }
      double w = request.width_cm, h = request.height_cm;
      if (w > 0 && h <= 0) h = w * natural_h / natural_w;
      if (h > 0 && w <= 0) w = h * natural_w / natural_h;
      if (w <= 0 && h <= 0) {
        w = natural_w;
        h = natural_h;
        if (w > 16) {  // wider than an A4 page's text: fit it
          h = h * 16 / w;
          w = 16;
        }
      }
      int n = ++added.figures;
      const std::string image_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
      auto add = [&](const std::string& id, const std::string& extension, const std::string& bytes) {
        std::string media = "media/reviewkit-figure" + std::to_string(n) + "." + extension;
        out.media.push_back({"word/" + media, bytes});
        out.relationships[rels].push_back("<Relationship Id=\"" + id + "\" Type=\"" + image_type + "\" Target=\"" + media +
                                          "\"/>");
      };
      FigurePlacement placed;
      placed.relationship_id = "rkFigure" + std::to_string(n);
      add(placed.relationship_id, as_pdf ? "pdf" : "png", blip);
      if (!options.figures_as_pdf && !figure.svg.empty()) {
        placed.svg_relationship_id = placed.relationship_id + "svg";
        add(placed.svg_relationship_id, "svg", figure.svg);
      }
      placed.width_emu = static_cast<long>(w * kEmuPerCm);
      placed.height_emu = static_cast<long>(h * kEmuPerCm);
      placed.name = "Figure " + std::to_string(n) + ": " + request.name;
      return placed;
    };
    out.parts[name] = part->render(data, ro, diags);
  }
  if (diags.error_count() != errors_before || broken_) return std::nullopt;
  return out;
}

namespace {

std::string with_content_types(std::string types, const std::vector<std::pair<std::string, std::string>>& media,
                               const std::vector<std::pair<std::string, std::string>>& overrides) {
  for (const auto& [name, bytes] : media) {
    std::string ext = name.substr(name.rfind('.') + 1);
    if (types.find("Extension=\"" + ext + "\"") != std::string::npos) continue;
    std::string type = ext == "svg" ? "image/svg+xml" : ext == "pdf" ? "application/pdf" : ext == "jpg" ? "image/jpeg" : "image/" + ext;
    types = insert_before(types, "</Types>", "<Default Extension=\"" + ext + "\" ContentType=\"" + type + "\"/>");
  }
  for (const auto& [part, type] : overrides)
    types = insert_before(types, "</Types>", "<Override PartName=\"/" + part + "\" ContentType=\"" + type + "\"/>");
  return types;
}

std::string empty_rels() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>";
}

}  // namespace

std::optional<std::string> DocxTemplate::fill(const data::Node& data, const FillOptions& options,
                                              Diagnostics& diags) const {
  Additions added;
  auto rendered = render(data, options, diags, added);
  if (!rendered) return std::nullopt;
  if (!added.nums.empty()) rendered->parts["word/numbering.xml"] = numbering_with(added);
  ooxml::ZipWriter zip;
  std::map<std::string, std::vector<std::string>> pending = rendered->relationships;
  for (const auto& part : package_.parts()) {
    if (auto r = rendered->parts.find(part.name); r != rendered->parts.end()) {
      zip.add(part.name, r->second);
    } else if (auto rel = pending.find(part.name); rel != pending.end()) {
      std::string xml = package_.read(part.name);
      for (const auto& element : rel->second) xml = insert_before(xml, "</Relationships>", element);
      zip.add(part.name, xml);
      pending.erase(rel);
    } else if (part.name == "[Content_Types].xml" && !rendered->media.empty()) {
      zip.add(part.name, with_content_types(package_.read(part.name), rendered->media, {}));
    } else {
      zip.add_stored(part);
    }
  }
  for (const auto& [rels, elements] : pending) {
    std::string xml = empty_rels();
    for (const auto& element : elements) xml = insert_before(xml, "</Relationships>", element);
    zip.add(rels, xml);
  }
  for (const auto& [name, bytes] : rendered->media) zip.add(name, bytes, false);
  return zip.finish();
}

// ------------------------------------------------------------------ many letters in one document

namespace {

// Where the body's content starts (after <w:body ...>) and ends (at </w:body>), or false.
bool find_body(const std::string& xml, std::size_t& open, std::size_t& close) {
  for (open = xml.find("<w:body"); open != std::string::npos; open = xml.find("<w:body", open + 7)) {
    char next = open + 7 < xml.size() ? xml[open + 7] : '\0';
    if (next == '>' || next == ' ' || next == '\t' || next == '\r' || next == '\n') break;
  }
  close = xml.rfind("</w:body");
  if (open == std::string::npos || close == std::string::npos) return false;
  auto end = xml.find('>', open);
  if (end == std::string::npos || end > close || xml[end - 1] == '/') return false;
  open = end + 1;
  return true;
}

// The body's content, and the section properties that close it.
void split_body(const std::string& xml, std::string& content, std::string& section) {
  std::size_t open = 0, close = 0;
  if (!find_body(xml, open, close)) {
    content.clear();
    section.clear();
    return;
  }
  auto sect = xml.rfind("<w:sectPr", close);
  if (sect == std::string::npos || sect < open) {
    content = xml.substr(open, close - open);
    section.clear();
    return;
  }
  content = xml.substr(open, sect - open);
  section = xml.substr(sect, close - sect);
}

// Gives every drawing a new id: Word repairs a document whose drawings share ids.
std::string renumber_drawings(const std::string& xml, int& counter) {
  std::string out;
  out.reserve(xml.size());
  std::size_t at = 0;
  const std::string key = "<wp:docPr";
  for (std::size_t found = xml.find(key); found != std::string::npos; found = xml.find(key, found + key.size())) {
    std::size_t tag_end = xml.find('>', found);
    if (tag_end == std::string::npos) break;
    // The id attribute wherever it stands in the tag, in either kind of quotes.
    std::size_t id = std::string::npos;
    for (std::size_t k = xml.find("id=", found); k != std::string::npos && k < tag_end; k = xml.find("id=", k + 3)) {
      char before = xml[k - 1];
      if (before == ' ' || before == '\t' || before == '\r' || before == '\n') {
        id = k;
        break;
      }
    }
    if (id == std::string::npos || id + 3 >= tag_end) continue;
    char quote = xml[id + 3];
    if (quote != '"' && quote != '\'') continue;
    std::size_t value_end = xml.find(quote, id + 4);
    if (value_end == std::string::npos || value_end > tag_end) continue;
    out.append(xml, at, id + 4 - at);
    out += std::to_string(counter++);
    at = value_end;
  }
  out.append(xml, at, std::string::npos);
  return out;
}

// Each letter numbers its own pages: the section restarts at 1 ...
std::string restart_page_numbers(std::string section) {
  if (auto at = section.find("<w:pgNumType"); at != std::string::npos) {
    auto end = section.find('>', at);
    std::string tag = section.substr(at, end - at + 1);
    if (tag.find("w:start=") != std::string::npos) return section;
    section.insert(at + 12, " w:start=\"1\"");
    return section;
  }
  // pgNumType comes before these in a sectPr.
  for (const char* next : {"<w:cols", "<w:formProt", "<w:vAlign", "<w:noEndnote", "<w:titlePg", "<w:textDirection",
                           "<w:bidi", "<w:rtlGutter", "<w:docGrid", "<w:printerSettings", "<w:sectPrChange", "</w:sectPr>"}) {
    if (auto at = section.find(next); at != std::string::npos) {
      section.insert(at, "<w:pgNumType w:start=\"1\"/>");
      return section;
    }
  }
  return section;
}

// ... and "page X of Y" counts the letter's pages, not the batch's.
std::string count_section_pages(std::string xml) {
  for (std::size_t at = xml.find("NUMPAGES"); at != std::string::npos; at = xml.find("NUMPAGES", at + 12))
    xml.replace(at, 8, "SECTIONPAGES");
  return xml;
}

}  // namespace

bool DocxTemplate::Combined::add(const data::Node& data, const FillOptions& options, Diagnostics& diags) {
  // Footnotes are shared by the whole document, so ones that differ from letter to letter cannot be
  // combined; say so rather than print one letter's footnotes under all of them.
  for (const char* notes : {"word/footnotes.xml", "word/endnotes.xml"}) {
    if (tmpl_->parts_.count(notes)) {
      diags.error(Location{tmpl_->name_, 0, 0, notes, {}, 0},
                  "footnotes or endnotes with tags cannot go into a combined document",
                  "write the letters one a file (-o DIR), or move the tags out of the notes");
      return false;
    }
  }
  auto rendered = tmpl_->render(data, options, diags, added_);
  if (!rendered) return false;
  ++letters_;
  std::string document = rendered->parts.count("word/document.xml") ? rendered->parts["word/document.xml"]
                                                                     : tmpl_->package_.read("word/document.xml");
  std::size_t body_open = 0, body_close = 0;
  if (!find_body(document, body_open, body_close)) {
    diags.error(Location{tmpl_->name_, 0, 0, "word/document.xml", {}, 0},
                "the document has no body (<w:body>) to combine letters in", "open the template in Word and save it again");
    return false;
  }
  std::string content, section;
  split_body(document, content, section);
  // Headers and footers with tags: a copy for this letter, referenced by its own section.
  for (const auto& [name, xml] : rendered->parts) {
    if (name == "word/document.xml" || name == "word/footnotes.xml" || name == "word/endnotes.xml") continue;
    std::string base = name.substr(5, name.size() - 9);  // header1
    std::string copy = "word/" + base + "-letter" + std::to_string(letters_) + ".xml";
    std::string id = "rkLetter" + std::to_string(letters_) + base;
    extra_parts_.push_back({copy, count_section_pages(xml)});
    extra_relationships_.push_back("<Relationship Id=\"" + id +
                                   "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
                                   (base.rfind("header", 0) == 0 ? "header" : "footer") + "\" Target=\"" +
                                   copy.substr(5) + "\"/>");
    // Point this section's reference at the copy: find the relationship id of the original.
    std::string rels = tmpl_->package_.read("word/_rels/document.xml.rels");
    auto target = rels.find("Target=\"" + name.substr(5) + "\"");
    if (target == std::string::npos) continue;
    auto start = rels.rfind("<Relationship", target);
    auto end = start == std::string::npos ? std::string::npos : rels.find('>', start);
    if (end == std::string::npos) continue;
    auto original = ooxml::attribute(rels.substr(start, end - start + 1), "Id");
    if (!original) continue;
    std::string from = "r:id=\"" + *original + "\"", to = "r:id=\"" + id + "\"";
    for (std::size_t at = section.find(from); at != std::string::npos; at = section.find(from, at + to.size()))
      section.replace(at, from.size(), to);
  }
  for (const auto& [rels, elements] : rendered->relationships)
    if (rels == "word/_rels/document.xml.rels")
      extra_relationships_.insert(extra_relationships_.end(), elements.begin(), elements.end());
  for (auto& media : rendered->media) extra_parts_.push_back(media);
  content = renumber_drawings(content, docpr_counter_);
  // Every letter after the first repeats the template's paragraphs: each needs its own ids.
  if (letters_ == 1) {
    for (const char* key : {"w14:paraId=\"", "w14:textId=\""})
      for (std::size_t at = document.find(key); at != std::string::npos; at = document.find(key, at + 1))
        template_ids_.insert(document.substr(at + 12, 8));
  } else {
    renumber_paragraph_ids(content, 0, para_ids_, &template_ids_);
  }
  section = restart_page_numbers(section);
  // Each letter ends its own section, so the next starts on a new page with its own header.
  if (!last_section_.empty()) body_ += "<w:p><w:pPr>" + last_section_ + "</w:pPr></w:p>";
  body_ += content;
  last_section_ = section;
  return true;
}

namespace {
// Removes the XML element (from '<' to '/>') that contains `needle`.
std::string remove_element(const std::string& xml, const std::string& needle) {
  auto at = xml.find(needle);
  if (at == std::string::npos) return xml;
  auto start = xml.rfind('<', at);
  auto end = xml.find("/>", at);
  if (start == std::string::npos || end == std::string::npos) return xml;
  return xml.substr(0, start) + xml.substr(end + 2);
}
}  // namespace

std::string DocxTemplate::Combined::finish() {
  const auto& pkg = tmpl_->package_;
  // The template's own headers and footers with tags are replaced by each letter's copy: drop them,
  // so that no unfilled tag is left in the file.
  std::vector<std::string> replaced;
  for (const auto& [name, part] : tmpl_->parts_)
    if (name.rfind("word/header", 0) == 0 || name.rfind("word/footer", 0) == 0) replaced.push_back(name);
  std::string document = pkg.read("word/document.xml");
  std::size_t open = 0, close = 0;
  if (!find_body(document, open, close)) {
    open = close = document.size();  // add() already refused a template without a body
  }
  std::string combined = document.substr(0, open) + body_ + last_section_ + document.substr(close);
  std::vector<std::pair<std::string, std::string>> overrides;
  std::string types = pkg.read("[Content_Types].xml");
  for (const auto& name : replaced) types = remove_element(types, "PartName=\"/" + name + "\"");
  for (const auto& [name, xml] : extra_parts_) {
    if (name.rfind("word/media/", 0) == 0) continue;
    bool header = name.rfind("word/header", 0) == 0;
    overrides.push_back({name, std::string("application/vnd.openxmlformats-officedocument.wordprocessingml.") +
                                   (header ? "header+xml" : "footer+xml")});
  }
  std::vector<std::pair<std::string, std::string>> media;
  for (const auto& p : extra_parts_)
    if (p.first.rfind("word/media/", 0) == 0) media.push_back(p);
  ooxml::ZipWriter zip;
  for (const auto& part : pkg.parts()) {
    if (std::find(replaced.begin(), replaced.end(), part.name) != replaced.end()) continue;
    if (part.name == "word/document.xml") {
      zip.add(part.name, combined);
    } else if (part.name == "word/_rels/document.xml.rels") {
      std::string xml = pkg.read(part.name);
      for (const auto& name : replaced) xml = remove_element(xml, "Target=\"" + name.substr(5) + "\"");
      for (const auto& element : extra_relationships_) xml = insert_before(xml, "</Relationships>", element);
      zip.add(part.name, xml);
    } else if (part.name == "[Content_Types].xml") {
      zip.add(part.name, with_content_types(types, media, overrides));
    } else if (part.name == "word/numbering.xml" && !added_.nums.empty()) {
      zip.add(part.name, tmpl_->numbering_with(added_));
    } else if ((part.name.rfind("word/header", 0) == 0 || part.name.rfind("word/footer", 0) == 0) &&
               pkg.read(part.name).find("NUMPAGES") != std::string::npos) {
      zip.add(part.name, count_section_pages(pkg.read(part.name)));
    } else {
      zip.add_stored(part);
    }
  }
  for (const auto& [name, bytes] : extra_parts_) zip.add(name, bytes, name.rfind("word/media/", 0) != 0);
  return zip.finish();
}

}  // namespace reviewkit::templating

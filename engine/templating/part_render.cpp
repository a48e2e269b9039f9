#include "part_template.hpp"

#include <cstdio>
#include <map>
#include <set>

#include "ooxml/xml_tokens.hpp"
#include "part_nodes.hpp"

namespace reviewkit::templating {


using NodePtr = std::shared_ptr<const PartTemplate::Node>;

namespace {

struct Renderer {
  const RenderOptions& options;
  Diagnostics& diags;
  Scope scope;
  std::string out;
  std::vector<int> paragraphs;  // paragraphs emitted in each open container that needs one
  std::vector<int> rows;        // rows emitted in each open table
  std::set<std::string> reported;
  int repeating = 0;            // loop repetitions after the first that enclose what renders now
  int next_drawing_id = 1000;   // wp:docPr ids of the pictures this render puts in
  std::uint32_t next_para_id = 0;
  const std::set<std::string>* template_ids = nullptr;
  const data::Node* root = nullptr;  // the data the part is filled from, for the figures

  void problem(const TagInfo& tag, bool warning, std::string message, std::string hint) {
    if (!options.label.empty()) message = options.label + ": " + message;
    std::string key = tag.where.part + "|" + message;
    if (!reported.insert(key).second) return;
    Location at = tag.where;
    at.excerpt = at.excerpt;
    if (warning)
      diags.warning(at, std::move(message), std::move(hint));
    else
      diags.error(at, std::move(message), std::move(hint));
  }

  // Missing data: an error (a letter must never go out with a blank), a warning when lenient.
  void missing(const TagInfo& tag, const Evaluation& ev, const Expr& expr) {
    std::string name = ev.value.path;
    const Expr* e = expr.kind == Expr::Filtered ? expr.operands[0].get() : &expr;
    if (name.empty() && e->kind == Expr::Path) name = e->text;
    if (ev.value.kind == Value::Missing)
      problem(tag, options.lenient, "unknown variable '" + name + "'", unbound_hint(name, ev.hint));
    else
      problem(tag, options.lenient, (name.empty() ? "the value of " + tag.source : "'" + name + "'") + " is empty",
              "fill it in the data, or write | default: \"...\" after it");
  }

  // What the caller knows about a name the data lacks ("recipient" outside `letters`).
  // The name reported is the first part the data lacks ("recipient" when nothing binds it;
  // "panel.author" when there is a panel but no author): a hint for exactly that name.
  std::string unbound_hint(const std::string& name, const std::string& hint) const {
    auto it = options.unbound_hints.find(name);
    return it == options.unbound_hints.end() ? hint : it->second;
  }

  void text(const std::string& value) {
    // Trailing newlines of YAML block text (|) would make empty lines.
    std::size_t end = value.size();
    while (end > 0 && value[end - 1] == '\n') --end;
    for (std::size_t i = 0; i < end; ++i) {
      char c = value[i];
      if (c == '\n') out += "</w:t><w:br/><w:t xml:space=\"preserve\">";
      else if (c == '\t') out += "</w:t><w:tab/><w:t xml:space=\"preserve\">";
      else if (c == '\r') continue;
      else if (c == '&') out += "&amp;";
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else out += c;
    }
  }

  // A bound on the work one part may take, so that loops nested over long lists end with a message
  // instead of filling the memory (docs/reliability.md).
  std::size_t iterations = 0;
  bool stopped = false;

  void render(const std::vector<NodePtr>& nodes) {
    for (const auto& n : nodes) {
      if (stopped) return;
      render(*n);
    }
  }

  bool over_budget(const TagInfo& tag) {
    if (stopped) return true;
    if (++iterations <= kMaxLoopIterations && out.size() <= kMaxFilledPartBytes) return false;
    stopped = true;
    problem(tag, false,
            iterations > kMaxLoopIterations
                ? "the loops of this part repeat more than " + std::to_string(kMaxLoopIterations) + " times in all"
                : "the filled part would be larger than " + std::to_string(kMaxFilledPartBytes >> 20) + " MB",
            "check the lists it loops over: nested loops multiply their lengths");
    return true;
  }

  void render(const PartTemplate::Node& n) {
    using N = PartTemplate::Node;
    switch (n.kind) {
      case N::Xml:
        if (n.paragraph_mark && !paragraphs.empty()) ++paragraphs.back();
        if (n.paragraph_mark && repeating > 0) return repeated(n.xml);
        out += n.xml;
        return;
      case N::Open:
        if (repeating > 0 && (n.box == Box::P || n.box == Box::Tr)) repeated(n.xml);
        else out += n.xml;
        if (n.box == Box::P && !paragraphs.empty()) ++paragraphs.back();
        if (n.box == Box::Tr && !rows.empty()) ++rows.back();
        if (needs_paragraph(n.box)) paragraphs.push_back(0);
        if (n.box == Box::Tbl) rows.push_back(0);
        return;
      case N::Close:
        if (needs_paragraph(n.box) && !paragraphs.empty()) {
          if (paragraphs.back() == 0) out += "<w:p/>";
          paragraphs.pop_back();
        }
        if (n.box == Box::Tbl && !rows.empty()) {
          if (rows.back() == 0) out += "<w:tr><w:tc><w:p/></w:tc></w:tr>";
          rows.pop_back();
        }
        out += n.xml;
        return;
      case N::Value: {
        if (!n.tag->ok) return;  // reported when compiling
        Evaluation ev = evaluate(*n.tag->expr, scope);
        if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
        const Value& v = ev.value;
        if (v.kind == Value::Missing || v.kind == Value::Null) return missing(*n.tag, ev, *n.tag->expr);
        // "" or "   " is not filled in, unless the template's own default says so: | default: ""
        if (v.kind == Value::Text && blank(v.text)) {
          if (ev.defaulted) return;
          return missing(*n.tag, ev, *n.tag->expr);
        }
        if (v.kind == Value::List || v.kind == Value::Map) {
          std::string name = v.path.empty() ? "the value" : "'" + v.path + "'";
          return problem(*n.tag, false, name + " is " + describe(v) + ", not a single value",
                         v.kind == Value::List ? "use | join: \", \", | count, or a {% for %} loop"
                                               : "name one of its fields, like " + (v.path.empty() ? std::string("x") : v.path) + ".name");
        }
        text(v.text);
        if (out.size() > kMaxFilledPartBytes && !stopped) {
          stopped = true;
          problem(*n.tag, false, "the filled part would be larger than " + std::to_string(kMaxFilledPartBytes >> 20) + " MB",
                  "check the values this part repeats: one of them is enormous");
        }
        return;
      }
      case N::PageBreak:
        out += "</w:t><w:br w:type=\"page\"/><w:t xml:space=\"preserve\">";
        return;
      case N::Image: return image(n);
      case N::Figure: return figure(n);
      case N::For: return loop(n);
      case N::If: return condition(n);
    }
  }

  // A paragraph or row that a loop puts in again: its w14:paraId must be new.
  void repeated(const std::string& xml) {
    std::size_t at = out.size();
    out += xml;
    renumber_paragraph_ids(out, at, next_para_id, template_ids);
  }

  void image(const PartTemplate::Node& n) {
    if (!n.tag->ok) return;
    Evaluation ev = evaluate(*n.tag->expr, scope);
    if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
    if (ev.value.kind == Value::Missing || ev.value.kind == Value::Null) return missing(*n.tag, ev, *n.tag->expr);
    if (!options.images) return problem(*n.tag, false, "images cannot be inserted here", "");
    std::string error;
    auto placed = options.images({ev.value.text, n.tag->width_cm, n.tag->height_cm}, error);
    if (!placed) return problem(*n.tag, false, "image '" + ev.value.text + "': " + error, "");
    int id = next_drawing_id++;
    std::string cx = std::to_string(placed->width_emu), cy = std::to_string(placed->height_emu);
    out += "</w:t><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx +
           "\" cy=\"" + cy + "\"/><wp:docPr id=\"" + std::to_string(id) + "\" name=\"" + placed->name +
           "\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData "
           "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic "
           "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"0\" "
           "name=\"" + placed->name + "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" +
           placed->relationship_id +
           "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" +
           cx + "\" cy=\"" + cy +
           "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></"
           "a:graphic></wp:inline></w:drawing><w:t xml:space=\"preserve\">";
  }

  // {% figure NAME %}: drawn by the caller, put into the package by the package writer, and placed
  // inline with its alternative text (docPr and cNvPr descr), with the SVG beside the PNG for the
  // Word versions that show SVG (Word 2016 and later write it so: an svgBlip in the blip's extLst).
  void figure(const PartTemplate::Node& n) {
    if (!n.tag->ok) return;  // reported when compiling
    const std::string& name = n.tag->figure;
    if (!options.figures || !options.place_figure)
      return problem(*n.tag, false, "figures cannot be drawn here",
                     "the engine draws figures from a case file: fill the template from one (reviewkit generate "
                     "CASE.yaml, or reviewkit fill or letters with a case file as the data)");
    FigureRequest request{name, n.tag->width_cm, n.tag->height_cm, root};
    std::string error;
    auto drawn = options.figures(request, error);
    if (!drawn) return problem(*n.tag, false, "figure '" + name + "': " + error, "");
    auto placed = options.place_figure(request, *drawn, error);
    if (!placed) return problem(*n.tag, false, "figure '" + name + "': " + error, "");
    int id = next_drawing_id++;
    std::string cx = std::to_string(placed->width_emu), cy = std::to_string(placed->height_emu);
    std::string descr = ooxml::escape_attribute(drawn->description);
    std::string label = ooxml::escape_attribute(placed->name);
    // wp: and r: declared here too, for a template whose root does not (one not made by Word).
    std::string blip = "<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"" +
                       placed->relationship_id + "\"";
    if (!options.figures_as_pdf && !placed->svg_relationship_id.empty())
      blip += "><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\"><asvg:svgBlip "
              "xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"" +
              placed->svg_relationship_id + "\"/></a:ext></a:extLst></a:blip>";
    else
      blip += "/>";
    out += "</w:t><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
           "distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx +
           "\" cy=\"" + cy + "\"/><wp:docPr id=\"" + std::to_string(id) + "\" name=\"" + label + "\" descr=\"" + descr +
           "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
           "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData "
           "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic "
           "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"0\" "
           "name=\"" + label + "\" descr=\"" + descr + "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>" + blip +
           "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" +
           cx + "\" cy=\"" + cy +
           "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></"
           "a:graphic></wp:inline></w:drawing><w:t xml:space=\"preserve\">";
  }

  void loop(const PartTemplate::Node& n) {
    if (!n.tag->ok) return;  // reported when compiling
    Evaluation ev = evaluate(*n.tag->expr, scope);
    if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
    const Value& list = ev.value;
    if (list.kind == Value::Missing) return missing(*n.tag, ev, *n.tag->expr);
    if (list.kind == Value::Null) return;  // an empty list written as nothing
    std::string name = list.path.empty() ? "the value" : "'" + list.path + "'";
    const bool entries = !n.tag->value_var.empty();
    if (entries && list.kind != Value::Map)
      return problem(*n.tag, false, "{% for " + n.tag->var + ", " + n.tag->value_var + " in … %} needs a map, but " + name +
                                        " is " + describe(list),
                     list.kind == Value::List ? "loop over a list with one name: {% for item in " + list.path + " %}" : "");
    if (!entries && list.kind == Value::Map)
      return problem(*n.tag, false, name + " is a map, not a list",
                     "loop over its entries with {% for key, value in " + list.path + " %}");
    if (!entries && list.kind != Value::List)
      return problem(*n.tag, false, "{% for %} needs a list, but " + name + " is " + describe(list),
                     "loop over a list, like agencies or panel.members");
    const std::size_t count = entries ? list.node->entries.size() : list.node->items.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (over_budget(*n.tag)) return;
      auto info = data::Node::make_map();
      info->set("index", data::Node::make_scalar(std::to_string(i + 1), false));
      info->set("index0", data::Node::make_scalar(std::to_string(i), false));
      info->set("first", data::Node::make_scalar(i == 0 ? "true" : "false", false));
      info->set("last", data::Node::make_scalar(i + 1 == count ? "true" : "false", false));
      info->set("length", data::Node::make_scalar(std::to_string(count), false));
      std::map<std::string, Value> frame{{"loop", Value::of(info.get(), "loop")}};
      if (entries) {
        const auto& entry = list.node->entries[i];
        Value key = Value::of_text(entry.key);
        key.path = list.path + " (a key)";
        frame[n.tag->var] = key;
        frame[n.tag->value_var] = Value::of(entry.value.get(), list.path + "." + entry.key);
      } else {
        frame[n.tag->var] = Value::of(list.node->items[i].get(), list.path + "[" + std::to_string(i) + "]");
      }
      scope.push(std::move(frame));
      if (i > 0) ++repeating;
      std::size_t start = out.size();
      render(n.children);
      if (n.tag->restart_numbering) restart_lists(*n.tag, start);
      if (i > 0) --repeating;
      scope.pop();
    }
  }

  // Each item of a `restart-numbering` loop numbers its lists from the start: the paragraphs it
  // put out get new list numberings, whether they are numbered directly (w:numPr) or by their
  // style (List Number and the like).
  void restart_lists(const TagInfo& tag, std::size_t start) {
    if (!options.restart_numbering) return;
    std::map<std::string, std::string> fresh;
    auto renumbered = [&](const std::string& id) {
      auto it = fresh.find(id);
      if (it != fresh.end()) return it->second;
      std::string n = id == "0" ? std::string() : options.restart_numbering(id);
      if (n.empty() && id != "0")
        problem(tag, true, "the list numbering " + id + " cannot be restarted: numbering.xml does not define it",
                "open the template in Word, apply the list style again, and save it");
      return fresh[id] = n;
    };
    static const char* after_numpr[] = {"suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
                                        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
                                        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                                        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                                        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"};
    auto value_at = [&](std::size_t attr) {  // after `w:val="`
      std::size_t end = out.find('"', attr);
      return end == std::string::npos ? std::string() : out.substr(attr, end - attr);
    };
    for (std::size_t at = out.find("<w:pPr", start); at != std::string::npos; at = out.find("<w:pPr", at + 6)) {
      char next = at + 6 < out.size() ? out[at + 6] : '\0';
      if (next != '>' && next != ' ') continue;  // w:pPrChange, w:pPrDefault
      std::size_t end = out.find("</w:pPr>", at);
      std::size_t tag_end = out.find('>', at);
      if (end == std::string::npos || tag_end == std::string::npos || out[tag_end - 1] == '/') continue;
      std::size_t num = out.find("<w:numId w:val=\"", at);
      if (num != std::string::npos && num < end) {
        std::size_t value = num + 16;
        std::string id = value_at(value), n = renumbered(id);
        if (!n.empty()) out.replace(value, id.size(), n);
        continue;
      }
      if (!options.numbered_styles) continue;
      std::size_t style = out.find("<w:pStyle w:val=\"", at);
      if (style == std::string::npos || style > end) continue;
      auto found = options.numbered_styles->find(value_at(style + 17));
      if (found == options.numbered_styles->end()) continue;
      std::string n = renumbered(found->second.first);
      if (n.empty()) continue;
      std::size_t insert = end;
      for (const char* name : after_numpr) {
        std::string open = std::string("<w:") + name;
        for (std::size_t k = out.find(open, at); k != std::string::npos && k < insert; k = out.find(open, k + 1)) {
          char c = out[k + open.size()];
          if (c == ' ' || c == '>' || c == '/') {
            insert = k;
            break;
          }
        }
      }
      out.insert(insert, "<w:numPr><w:ilvl w:val=\"" + found->second.second + "\"/><w:numId w:val=\"" + n + "\"/></w:numPr>");
    }
  }

  void condition(const PartTemplate::Node& n) {
    if (n.broken) return;  // a condition could not be read (reported when compiling)
    for (const auto& [expr, children] : n.branches) {
      if (!expr) {
        render(children);
        return;
      }
      Evaluation ev = evaluate(*expr, scope);
      if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
      if (ev.value.kind == Value::Missing) {
        std::string name = ev.value.path.empty() ? "the value" : ev.value.path;
        problem(*n.tag, options.lenient, "unknown variable '" + name + "'",
                ev.hint.empty() ? "if it may be absent, write {% if " + name + " is defined %}" : ev.hint);
        continue;
      }
      if (ev.value.truthy()) {
        render(children);
        return;
      }
    }
  }
};

}  // namespace

std::string PartTemplate::render(const data::Node& data, const RenderOptions& options, Diagnostics& diags) const {
  Renderer r{options, diags, Scope(&data), {}, {}, {}, {}};
  r.next_para_id = options.para_id_seed;
  r.next_drawing_id = options.first_drawing_id;
  r.template_ids = &para_ids_;
  r.root = &data;
  if (!options.bindings.empty()) {
    std::map<std::string, Value> frame;
    for (const auto& [name, node] : options.bindings) frame[name] = Value::of(node, name);
    r.scope.push(std::move(frame));
  }
  r.out.reserve(size_hint_);
  r.render(nodes_);
  return std::move(r.out);
}

void renumber_paragraph_ids(std::string& xml, std::size_t from, std::uint32_t& next, const std::set<std::string>* taken) {
  for (std::size_t at = xml.find("w14:", from); at != std::string::npos; at = xml.find("w14:", at + 4)) {
    if (xml.compare(at, 12, "w14:paraId=\"") != 0 && xml.compare(at, 12, "w14:textId=\"") != 0) continue;
    std::size_t value = at + 12, end = xml.find('"', value);
    if (end == std::string::npos) return;
    char id[9];
    do {
      next = (next + 1) & 0x7FFFFFFF;  // the values are below 0x80000000
      if (next == 0) next = 1;
      std::snprintf(id, sizeof id, "%08X", next);
    } while (taken && taken->count(id));
    xml.replace(value, end - value, id);
  }
}

}  // namespace reviewkit::templating

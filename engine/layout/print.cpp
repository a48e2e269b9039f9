#include <cstdio>

#include "layout.hpp"

namespace reviewkit::layout {

namespace {
std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}
}  // namespace

std::string print(const Layout& layout) {
  std::string out;
  for (std::size_t i = 0; i < layout.pages.size(); ++i) {
    const Page& p = layout.pages[i];
    out += "page " + std::to_string(i + 1) + " (numbered " + std::to_string(p.number) + ") " + num(p.width) + " x " +
           num(p.height) + "\n";
    for (const auto& f : p.fills) out += "  fill " + num(f.x) + "," + num(f.y) + " " + num(f.w) + "x" + num(f.h) + "\n";
    for (const auto& r : p.rules)
      out += "  rule " + num(r.x1) + "," + num(r.y1) + " - " + num(r.x2) + "," + num(r.y2) + " width " + num(r.width) + "\n";
    for (const auto& pic : p.pictures)
      out += "  picture " + num(pic.x) + "," + num(pic.y) + " " + num(pic.w) + "x" + num(pic.h) + "\n";
    for (const auto& t : p.texts)
      out += "  text " + num(t.x) + "," + num(t.baseline) + " w " + num(t.width) + " " + (t.face ? t.face->family() : "?") +
             (t.face && t.face->bold() ? " bold" : "") + (t.face && t.face->italic() ? " italic" : "") + " " + num(t.size) +
             (t.underline ? " underline" : "") + (t.field.empty() ? "" : " field " + t.field) + " \"" + t.text + "\"\n";
    for (const auto& l : p.links)
      out += "  link " + num(l.x) + "," + num(l.y) + " " + num(l.w) + "x" + num(l.h) + " " + (l.url.empty() ? "#" + l.anchor : l.url) + "\n";
  }
  for (const auto& o : layout.outline) out += "outline " + std::to_string(o.level) + " p" + std::to_string(o.page + 1) + " \"" + o.title + "\"\n";
  for (const auto& w : layout.warnings) out += "warning " + w + "\n";
  return out;
}

}  // namespace reviewkit::layout

// The genogram drawn from its plan with cairo, and told in words.
#include <cmath>
#include <map>
#include <set>

#include "figures/genogram.hpp"
#include "figures/measure.hpp"
#include "figures/surface.hpp"

namespace reviewkit::figures {

namespace {

constexpr double kLine = 0.9;
constexpr Rgb kTint{0.91, 0.94, 0.97}, kOutline{0.45, 0.60, 0.75};

void set(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void style(cairo_t* cr, LineStyle s) {
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width(cr, s == LineStyle::Thin ? 0.6 : kLine);
  set(cr, s == LineStyle::Thin ? kMuted : kInk);
  if (s == LineStyle::Dashed) {
    const double d[] = {4, 2.5};
    cairo_set_dash(cr, d, 2, 0);
  } else if (s == LineStyle::LongDashed) {  // adoption: long dashes with a dot, unlike a transitory couple's
    const double d[] = {7, 2, 1.2, 2};
    cairo_set_dash(cr, d, 4, 0);
  } else if (s == LineStyle::Dotted) {
    const double d[] = {0.1, 2.2};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, d, 2, 0);
  } else {
    cairo_set_dash(cr, nullptr, 0, 0);
  }
}

void line(cairo_t* cr, double x1, double y1, double x2, double y2, LineStyle s) {
  style(cr, s);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

void rounded(cairo_t* cr, const Box& b, double r) {
  r = std::min({r, b.w / 2, b.h / 2});
  cairo_new_sub_path(cr);
  cairo_arc(cr, b.x + b.w - r, b.y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, b.x + b.w - r, b.y + b.h - r, r, 0, M_PI / 2);
  cairo_arc(cr, b.x + r, b.y + b.h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, b.x + r, b.y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

void text(cairo_t* cr, const PlacedText& t, const Rgb& colour = kInk) {
  if (t.text.empty()) return;
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, t.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, t.size);
  set(cr, colour);
  cairo_move_to(cr, t.x, t.baseline);
  cairo_show_text(cr, t.text.c_str());
}

/// The outline of a symbol's shape, centred on (x, y), `s` a side.
void shape(cairo_t* cr, Sex sex, GenoSymbol kind, double x, double y, double s) {
  double h = s / 2;
  cairo_new_path(cr);
  if (kind == GenoSymbol::Pregnancy) {
    cairo_move_to(cr, x, y - h);
    cairo_line_to(cr, x + h, y + h);
    cairo_line_to(cr, x - h, y + h);
    cairo_close_path(cr);
  } else if (kind == GenoSymbol::Miscarriage) {
    cairo_arc(cr, x, y, h, 0, 2 * M_PI);
  } else if (sex == Sex::Male) {
    cairo_rectangle(cr, x - h, y - h, s, s);
  } else if (sex == Sex::Female) {
    cairo_arc(cr, x, y, h, 0, 2 * M_PI);
  } else {
    cairo_move_to(cr, x, y - h);
    cairo_line_to(cr, x + h, y);
    cairo_line_to(cr, x, y + h);
    cairo_line_to(cr, x - h, y);
    cairo_close_path(cr);
  }
}

void symbol(cairo_t* cr, const GenoPerson& p, double x, double y, double s) {
  double h = s / 2;
  if (p.symbol == GenoSymbol::Termination) {  // a small cross
    line(cr, x - h, y - h, x + h, y + h, LineStyle::Solid);
    line(cr, x - h, y + h, x + h, y - h, LineStyle::Solid);
    return;
  }
  shape(cr, p.sex, p.symbol, x, y, s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  style(cr, p.placeholder ? LineStyle::Dashed : LineStyle::Solid);
  cairo_set_line_width(cr, p.subject ? 1.1 : kLine);
  if (p.symbol == GenoSymbol::Miscarriage) {
    set(cr, kInk);
    cairo_fill(cr);
  } else {
    cairo_stroke(cr);
  }
  if (p.subject) {  // the double line
    shape(cr, p.sex, p.symbol, x, y, s - 5.5);
    style(cr, LineStyle::Solid);
    cairo_set_line_width(cr, 1.1);
    cairo_stroke(cr);
  }
  if (p.died || p.symbol == GenoSymbol::Stillbirth) {
    double d = h + 2;
    line(cr, x - d, y - d, x + d, y + d, LineStyle::Solid);
    line(cr, x - d, y + d, x + d, y - d, LineStyle::Solid);
  }
}

void key_symbol(cairo_t* cr, const GenoLegendEntry& e, Sex subject_sex) {
  const Box& b = e.symbol;
  double cx = b.x + b.w / 2, cy = b.y + b.h / 2, s = 10;
  GenoPerson p;
  auto person = [&](Sex sex) {
    p.sex = sex;
    symbol(cr, p, cx, cy, s);
  };
  const std::string& w = e.what;
  if (w == "subject") {
    p.subject = true;
    person(subject_sex);
  } else if (w == "male") {
    person(Sex::Male);
  } else if (w == "female") {
    person(Sex::Female);
  } else if (w == "unknown") {
    person(Sex::Unknown);
  } else if (w == "pregnancy") {
    p.symbol = GenoSymbol::Pregnancy;
    person(Sex::Unknown);
  } else if (w == "death") {
    p.died = true;
    person(Sex::Male);
  } else if (w == "miscarriage") {
    p.symbol = GenoSymbol::Miscarriage;
    symbol(cr, p, cx, cy, 6);
  } else if (w == "termination") {
    p.symbol = GenoSymbol::Termination;
    symbol(cr, p, cx, cy, 6);
  } else if (w == "stillbirth") {
    p.symbol = GenoSymbol::Stillbirth;
    symbol(cr, p, cx, cy, 7);
  } else if (w == "not-recorded") {
    p.placeholder = true;
    person(Sex::Male);
    cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 6.5);
    set(cr, kInk);
    cairo_move_to(cr, cx - 1.8, cy + 2.3);
    cairo_show_text(cr, "?");
  } else if (w == "enduring" || w == "transitory" || w == "separated" || w == "divorced" || w == "unrecorded") {
    LineStyle st = w == "transitory" ? LineStyle::Dashed : w == "unrecorded" ? LineStyle::Thin : LineStyle::Solid;
    line(cr, b.x, cy, b.x + b.w, cy, st);
    if (w == "separated" || w == "divorced") {
      for (double sx : w == "divorced" ? std::vector<double>{cx - 2.5, cx + 2.5} : std::vector<double>{cx})
        line(cr, sx - 3, cy + 5, sx + 3, cy - 5, LineStyle::Solid);
    }
  } else if (w == "twins" || w == "identical") {
    line(cr, cx, b.y, b.x + 3, b.y + b.h, LineStyle::Solid);
    line(cr, cx, b.y, b.x + b.w - 3, b.y + b.h, LineStyle::Solid);
    if (w == "identical") line(cr, cx - 4.5, cy, cx + 4.5, cy, LineStyle::Solid);
  } else if (w == "adopted" || w == "fostered" || w == "significant") {
    line(cr, b.x, cy, b.x + b.w, cy, w == "adopted" ? LineStyle::LongDashed : LineStyle::Dotted);
  } else if (w == "estimated") {
    // words only
  } else if (w == "household") {
    rounded(cr, b, 4);
    set(cr, kTint);
    cairo_fill_preserve(cr);
    set(cr, kOutline);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
  }
}

void draw_plan(cairo_t* cr, const Genogram& g, const GenogramPlan& plan) {
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  // The household: its boxes' outlines, then their insides over the inner parts of the outlines,
  // which leaves one outline round them all.
  // The corridors joining them are tinted only, so that they read as one shape, not as lines.
  if (!plan.household.empty()) {
    cairo_set_dash(cr, nullptr, 0, 0);
    for (const auto& b : plan.household) rounded(cr, b, 6);
    set(cr, kOutline);
    cairo_set_line_width(cr, 2.4);
    cairo_stroke(cr);
    for (const auto& b : plan.household) rounded(cr, b, 6);
    for (const auto& b : plan.corridors) cairo_rectangle(cr, b.x, b.y, b.w, b.h);
    set(cr, kTint);
    cairo_fill(cr);
  }
  for (const auto& s : plan.lines) line(cr, s.x1, s.y1, s.x2, s.y2, s.style);
  for (std::size_t i = 0; i < plan.symbols.size() && i < g.people.size(); ++i)
    symbol(cr, g.people[i], plan.symbols[i].x, plan.symbols[i].y, plan.symbols[i].size);
  for (std::size_t i = g.people.size(); i < plan.symbols.size() && i - g.people.size() < plan.added.size(); ++i)
    symbol(cr, plan.added[i - g.people.size()], plan.symbols[i].x, plan.symbols[i].y, plan.symbols[i].size);
  for (const auto& t : plan.insides) {
    // On a white ground, so that a death's cross does not run through the age.
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, t.box.x - 0.8, t.box.y + 0.6, t.box.w + 1.6, t.box.h - 1.2);
    cairo_fill(cr);
    text(cr, t);
  }
  for (const auto& lines : plan.labels)
    for (std::size_t l = 0; l < lines.size(); ++l) text(cr, lines[l], l == 0 ? kInk : kMuted);
  for (const auto& h : plan.headings) text(cr, h);
  Sex subject_sex = Sex::Unknown;
  for (const auto& p : g.people)
    if (p.subject) subject_sex = p.sex;
  for (const auto& e : plan.legend) {
    key_symbol(cr, e, subject_sex);
    text(cr, e.label);
  }
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::pair<double, double> genogram_size(const Genogram& g) {
  auto plan = plan_genogram(g);
  if (!plan) return {0, 0};
  return {plan->width, plan->height};
}

std::string draw_genogram(const Genogram& g, Format f, int dpi) {
  auto plan = plan_genogram(g);
  if (!plan || dpi < 10 || dpi > 1200) return {};
  if (plan->width > kMaxFigureSide || plan->height > kMaxFigureSide) return {};
  if (f == Format::Png && (plan->width * dpi / 72 > kMaxFigureSide || plan->height * dpi / 72 > kMaxFigureSide)) return {};
  FigureWords words{printable(g.title), printable(describe_genogram(g))};
  return render_to_bytes(f, plan->width, plan->height, dpi, words, [&](cairo_t* cr) { draw_plan(cr, g, *plan); });
}

std::string describe_genogram(const Genogram& g) {
  std::map<std::string, const GenoPerson*> by_id;
  for (const auto& p : g.people) by_id[p.id] = &p;
  auto name = [&](const std::string& id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? std::string("a parent not recorded") : it->second->name;
  };
  auto who = [&](const GenoPerson& p) {
    std::string s = p.name;
    std::vector<std::string> about;
    if (!p.relationship.empty() && !p.subject) about.push_back(p.relationship);
    if (p.symbol == GenoSymbol::Pregnancy) about.push_back("a pregnancy");
    if (p.symbol == GenoSymbol::Miscarriage) about.push_back("a miscarriage");
    if (p.symbol == GenoSymbol::Termination) about.push_back("a termination");
    if (p.symbol == GenoSymbol::Stillbirth) about.push_back("stillborn");
    if (!p.inside.empty() && p.symbol == GenoSymbol::Person) about.push_back((p.died ? "died aged " : "aged ") + p.inside);
    else if (p.died) about.push_back("died");
    if (!p.note.empty()) about.push_back(p.note);
    std::string all;
    for (const auto& a : about) all += (all.empty() ? "" : ", ") + a;
    if (!all.empty()) s += " (" + all + ")";
    return s;
  };
  std::string out = g.title.empty() ? "Genogram." : g.title + ".";
  if (!g.as_of.empty()) out += " " + g.as_of + ".";
  for (const auto& p : g.people)
    if (p.subject) out += " " + who(p) + " is the child at the centre of the review.";
  // Who the child lives with (lived with, when they have died); else who lives in the household.
  const GenoPerson* centre = nullptr;
  for (const auto& p : g.people)
    if (p.subject && p.household && !centre) centre = &p;
  std::vector<std::string> home;
  for (const auto& p : g.people)
    if (p.household && &p != centre) home.push_back(who(p));
  if (centre && !home.empty()) out += " " + centre->name + (centre->died ? " lived with " : " lives with ") + joined(home) + ".";
  else if (!home.empty()) out += " Living in the household: " + joined(home) + ".";
  // Each couple with their children, then children of one recorded parent.
  std::set<std::string> told;
  for (const auto& u : g.unions) {
    auto a = by_id.find(u.a), b = by_id.find(u.b);
    if (a == by_id.end() || b == by_id.end()) continue;
    std::string kind = u.kind == UnionKind::Married      ? "married"
                       : u.kind == UnionKind::Transitory ? "in a transitory relationship"
                       : u.kind == UnionKind::Unrecorded ? "parents together"
                                                         : "partners";
    if (u.end == UnionEnd::Separated) kind += ", now separated";
    if (u.end == UnionEnd::Divorced) kind = "divorced";
    std::string s = " " + who(*a->second) + " and " + who(*b->second) + ": " + kind;
    if (!u.years.empty()) s += " (" + u.years + ")";
    std::vector<std::string> kids;
    for (const auto& p : g.people) {
      if (p.parents.size() != 2) continue;
      if ((p.parents[0] == u.a && p.parents[1] == u.b) || (p.parents[0] == u.b && p.parents[1] == u.a)) {
        kids.push_back(who(p));
        told.insert(p.id);
      }
    }
    if (!kids.empty()) s += "; their children: " + joined(kids);
    out += s + ".";
  }
  for (const auto& p : g.people) {
    if (told.count(p.id) || p.parents.empty()) continue;
    std::vector<std::string> ps;
    for (const auto& id : p.parents) ps.push_back(name(id));
    if (ps.size() == 1) ps.push_back("a parent not recorded");
    out += " " + who(p) + " is the child of " + joined(ps) + ".";
  }
  for (const auto& c : g.cares) {
    std::vector<std::string> carers;
    for (const auto& id : c.carers) carers.push_back(name(id));
    out += " " + name(c.child) + (c.kind == CareKind::Adoption ? " was adopted by " : " is fostered by ") + joined(carers) +
           (c.years.empty() ? "" : " (" + c.years + ")") + ".";
  }
  std::set<std::string> twins_told;
  for (const auto& p : g.people) {
    if (p.twin_of.empty() || !by_id.count(p.twin_of) || twins_told.count(p.id)) continue;
    twins_told.insert(p.twin_of);
    bool identical = p.identical_twin || by_id.at(p.twin_of)->identical_twin;
    out += " " + p.name + " and " + name(p.twin_of) + " are " + (identical ? "identical twins." : "twins.");
  }
  std::vector<std::string> others;
  for (const auto& p : g.people) {
    bool linked = !p.parents.empty() || p.subject;
    for (const auto& u : g.unions) linked = linked || u.a == p.id || u.b == p.id;
    for (const auto& q : g.people)
      for (const auto& id : q.parents) linked = linked || id == p.id;
    for (const auto& c : g.cares) {
      linked = linked || c.child == p.id;
      for (const auto& id : c.carers) linked = linked || id == p.id;
    }
    if (!linked) others.push_back(who(p));
  }
  if (!others.empty()) out += " Also significant: " + joined(others) + ".";
  return out;
}

}  // namespace reviewkit::figures

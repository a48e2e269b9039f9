// The genogram (engine/figures/genogram*, engine/casefile/genogram.cpp): families drawn with the
// symbols of 004 k, checked by reading the drawing's geometry — no symbol, label or line on
// another, no line through a symbol or a label, and no lines crossing for the families a
// genogram must draw cleanly (issue 13): a nuclear family over three generations, one adult with
// three partners and children by each, two sets of half-siblings sharing one parent, twins, an
// adopted child with birth and adoptive parents, and four generations of 30 people. Random
// families of up to 30 people are checked for overlaps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "casefile/genogram.hpp"
#include "figures/genogram.hpp"
#include "ooxml/image_info.hpp"
#include "support.hpp"

using namespace reviewkit;
using namespace reviewkit::figures;
namespace fs = std::filesystem;

namespace {

// ---- Families built in code --------------------------------------------------------------------

struct Family {
  Genogram g;
  GenoPerson& add(const std::string& id, Sex sex, int born, std::vector<std::string> parents = {}) {
    GenoPerson p;
    p.id = id;
    p.name = id;
    p.sex = sex;
    p.born = Date{born, 6, 1};
    p.lines = {"b. " + std::to_string(born)};
    p.inside = std::to_string(2026 - born);
    p.parents = std::move(parents);
    g.people.push_back(p);
    return g.people.back();
  }
  void couple(const std::string& a, const std::string& b, UnionKind kind = UnionKind::Married, UnionEnd end = UnionEnd::None,
              int from = 0) {
    GenoUnion u;
    u.a = a;
    u.b = b;
    u.kind = kind;
    u.end = end;
    if (from) u.from = Date{from, 1, 1};
    g.unions.push_back(u);
  }
  GenoPerson& person(const std::string& id) {
    for (auto& p : g.people)
      if (p.id == id) return p;
    throw std::runtime_error("no " + id);
  }
};

Family nuclear_three_generations() {
  Family f;
  f.add("mgm", Sex::Female, 1952);
  f.add("mgf", Sex::Male, 1950);
  f.add("pgm", Sex::Female, 1953);
  f.add("pgf", Sex::Male, 1951);
  f.couple("mgf", "mgm", UnionKind::Married, UnionEnd::None, 1975);
  f.couple("pgf", "pgm", UnionKind::Married, UnionEnd::None, 1974);
  f.add("aunt", Sex::Female, 1977, {"mgm", "mgf"});
  f.add("mother", Sex::Female, 1980, {"mgm", "mgf"});
  f.add("uncle", Sex::Male, 1982, {"mgm", "mgf"});
  f.add("father", Sex::Male, 1979, {"pgm", "pgf"});
  f.add("father-brother", Sex::Male, 1983, {"pgm", "pgf"});
  f.add("aunt-husband", Sex::Male, 1976);
  f.couple("aunt-husband", "aunt", UnionKind::Married, UnionEnd::None, 2000);
  f.add("cousin-1", Sex::Female, 2002, {"aunt", "aunt-husband"});
  f.add("cousin-2", Sex::Male, 2005, {"aunt", "aunt-husband"});
  f.couple("father", "mother", UnionKind::Married, UnionEnd::None, 2005);
  f.add("child", Sex::Male, 2010, {"mother", "father"}).subject = true;
  f.add("sister", Sex::Female, 2008, {"mother", "father"});
  f.add("brother", Sex::Male, 2014, {"mother", "father"});
  for (const char* id : {"mother", "father", "child", "sister", "brother"}) f.person(id).household = true;
  return f;
}

Family three_partners() {
  Family f;
  f.add("adult", Sex::Male, 1978);
  f.add("partner-1", Sex::Female, 1980);
  f.add("partner-2", Sex::Female, 1983);
  f.add("partner-3", Sex::Female, 1986);
  f.couple("adult", "partner-1", UnionKind::Married, UnionEnd::Divorced, 1999);
  f.couple("adult", "partner-2", UnionKind::Enduring, UnionEnd::Separated, 2006);
  f.couple("adult", "partner-3", UnionKind::Enduring, UnionEnd::None, 2012);
  f.add("a-1", Sex::Female, 2000, {"adult", "partner-1"});
  f.add("a-2", Sex::Male, 2003, {"adult", "partner-1"});
  f.add("b-1", Sex::Male, 2008, {"adult", "partner-2"});
  f.add("child", Sex::Female, 2014, {"adult", "partner-3"}).subject = true;
  f.add("c-2", Sex::Unknown, 2017, {"adult", "partner-3"});
  return f;
}

Family half_siblings() {
  Family f;
  f.add("mother", Sex::Female, 1988);
  f.add("father-1", Sex::Male, 1985);
  f.add("father-2", Sex::Male, 1986);
  f.add("father-2-ex", Sex::Female, 1987);
  f.couple("mother", "father-1", UnionKind::Enduring, UnionEnd::Separated, 2006);
  f.couple("mother", "father-2", UnionKind::Enduring, UnionEnd::None, 2013);
  f.couple("father-2", "father-2-ex", UnionKind::Transitory, UnionEnd::None, 2009);
  f.add("h-1", Sex::Male, 2007, {"mother", "father-1"});
  f.add("h-2", Sex::Female, 2010, {"mother", "father-1"});
  f.add("child", Sex::Male, 2015, {"mother", "father-2"}).subject = true;
  f.add("full", Sex::Female, 2018, {"mother", "father-2"});
  f.add("other-half", Sex::Female, 2010, {"father-2", "father-2-ex"});
  return f;
}

Family twins() {
  Family f;
  f.add("mother", Sex::Female, 1990);
  f.add("father", Sex::Male, 1989);
  f.couple("father", "mother", UnionKind::Enduring, UnionEnd::None, 2010);
  f.add("older", Sex::Female, 2011, {"mother", "father"});
  auto& a = f.add("child", Sex::Male, 2015, {"mother", "father"});
  a.subject = true;
  a.twin_of = "twin";
  a.identical_twin = true;
  f.add("twin", Sex::Male, 2015, {"mother", "father"}).twin_of = "child";
  f.add("twin-x", Sex::Female, 2019, {"mother", "father"}).twin_of = "twin-y";
  f.add("twin-y", Sex::Male, 2019, {"mother", "father"}).twin_of = "twin-x";
  return f;
}

Family adoption() {
  Family f;
  f.add("birth-mother", Sex::Female, 1995);
  f.add("birth-father", Sex::Male, 1993);
  f.couple("birth-father", "birth-mother", UnionKind::Transitory, UnionEnd::Separated, 2014);
  f.add("child", Sex::Female, 2015, {"birth-mother", "birth-father"}).subject = true;
  f.add("adoptive-mother", Sex::Female, 1980);
  f.add("adoptive-father", Sex::Male, 1979);
  f.couple("adoptive-father", "adoptive-mother", UnionKind::Married, UnionEnd::None, 2005);
  f.add("adoptive-son", Sex::Male, 2008, {"adoptive-mother", "adoptive-father"});
  f.g.cares.push_back({"child", {"adoptive-mother", "adoptive-father"}, CareKind::Adoption, ""});
  for (const char* id : {"child", "adoptive-mother", "adoptive-father", "adoptive-son"}) f.person(id).household = true;
  return f;
}

/// Four generations, 30 people: great-grandparents, grandparents with a death, a mother with three
/// partners (a divorce, a separation) and children by each, a pregnancy and a loss, an aunt's
/// family, and a child of the mother's first marriage adopted by a couple.
Family four_generations() {
  Family f;
  f.add("ggm", Sex::Female, 1930);
  f.add("ggf", Sex::Male, 1928).died = true;
  f.couple("ggf", "ggm", UnionKind::Married, UnionEnd::None, 1950);
  f.add("mgm", Sex::Female, 1955, {"ggm", "ggf"});
  f.add("mgm-brother", Sex::Male, 1952, {"ggm", "ggf"});
  f.add("mgf", Sex::Male, 1953).died = true;
  f.couple("mgf", "mgm", UnionKind::Married, UnionEnd::None, 1976);
  f.add("pgm", Sex::Female, 1958);
  f.add("pgf", Sex::Male, 1956);
  f.couple("pgf", "pgm", UnionKind::Married, UnionEnd::Divorced, 1980);
  f.add("mother", Sex::Female, 1984, {"mgm", "mgf"});
  f.add("aunt", Sex::Female, 1979, {"mgm", "mgf"});
  f.add("aunt-partner", Sex::Male, 1978);
  f.couple("aunt-partner", "aunt", UnionKind::Enduring, UnionEnd::None, 2001);
  f.add("cousin-1", Sex::Male, 2003, {"aunt", "aunt-partner"});
  f.add("cousin-2", Sex::Female, 2006, {"aunt", "aunt-partner"});
  f.add("husband-1", Sex::Male, 1980);
  f.add("father", Sex::Male, 1983, {"pgm", "pgf"});
  f.add("father-sister", Sex::Female, 1986, {"pgm", "pgf"});
  f.add("partner-3", Sex::Male, 1990);
  f.couple("mother", "husband-1", UnionKind::Married, UnionEnd::Divorced, 2002);
  f.couple("father", "mother", UnionKind::Enduring, UnionEnd::Separated, 2010);
  f.couple("mother", "partner-3", UnionKind::Transitory, UnionEnd::None, 2020);
  f.add("h-1", Sex::Female, 2004, {"mother", "husband-1"});
  f.add("h-2", Sex::Male, 2007, {"mother", "husband-1"});
  f.add("child", Sex::Male, 2012, {"mother", "father"}).subject = true;
  f.add("sister", Sex::Female, 2014, {"mother", "father"});
  auto& loss = f.add("loss", Sex::Unknown, 2016, {"mother", "father"});
  loss.symbol = GenoSymbol::Miscarriage;
  loss.inside.clear();
  f.add("baby", Sex::Female, 2021, {"mother", "partner-3"});
  auto& unborn = f.add("unborn", Sex::Unknown, 2027, {"mother", "partner-3"});
  unborn.symbol = GenoSymbol::Pregnancy;
  unborn.inside.clear();
  f.add("adopter-1", Sex::Female, 1975);
  f.add("adopter-2", Sex::Male, 1974);
  f.couple("adopter-2", "adopter-1", UnionKind::Married, UnionEnd::None, 2000);
  f.g.cares.push_back({"h-2", {"adopter-1", "adopter-2"}, CareKind::Adoption, ""});
  f.add("h-2-grandchild", Sex::Female, 2025, {"h-1"});
  f.add("father-sister-partner", Sex::Male, 1985);
  f.couple("father-sister-partner", "father-sister", UnionKind::Married, UnionEnd::None, 2011);
  f.add("father-sister-kid", Sex::Female, 2013, {"father-sister", "father-sister-partner"});
  f.add("mgm-brother-wife", Sex::Female, 1954);
  f.couple("mgm-brother", "mgm-brother-wife", UnionKind::Married, UnionEnd::None, 1975);
  f.add("mother-cousin", Sex::Male, 1978, {"mgm-brother", "mgm-brother-wife"});  // the fourth generation below the great-grandparents' third
  for (const char* id : {"mother", "partner-3", "child", "sister", "baby"}) f.person(id).household = true;
  f.g.title = "Genogram: four generations";
  f.g.as_of = "As known on 1 December 2026";
  f.g.marking = "OFFICIAL-SENSITIVE";
  return f;
}

/// A random family of up to `n` people around a child: parents, their other partners and
/// children, grandparents, aunts and uncles with families, a significant adult.
Family random_family(unsigned seed, std::size_t n) {
  std::mt19937 rng(seed);
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  Family f;
  int next = 0;
  auto id = [&](const char* what) { return std::string(what) + "-" + std::to_string(next++); };
  std::string child = "child";
  std::string m = id("mother"), d = id("father");
  f.add(m, Sex::Female, 1985 + static_cast<int>(rng() % 8));
  f.add(d, Sex::Male, 1982 + static_cast<int>(rng() % 10));
  f.couple(d, m, chance(50) ? UnionKind::Married : UnionKind::Enduring, chance(40) ? UnionEnd::Separated : UnionEnd::None, 2008);
  f.add(child, Sex::Male, 2014, {m, d}).subject = true;
  std::vector<std::string> adults{m, d};
  while (f.g.people.size() < n) {
    int what = static_cast<int>(rng() % 7);
    std::string a = adults[rng() % adults.size()];
    GenoPerson& pa = f.person(a);
    int year = pa.born ? pa.born->year : 1980;
    if (what == 0) {  // a child of an existing couple
      const auto& u = f.g.unions[rng() % f.g.unions.size()];
      int y = std::max(f.person(u.a).born->year, f.person(u.b).born->year) + 20 + static_cast<int>(rng() % 10);
      if (y > 2025) continue;
      auto& k = f.add(id("kid"), chance(50) ? Sex::Female : Sex::Male, y, {u.a, u.b});
      if (chance(10) && f.g.people.size() < n) {
        std::vector<std::string> ps = k.parents;
        std::string kid = k.id;
        auto& t = f.add(id("twin"), Sex::Female, y, ps);
        t.twin_of = kid;
        t.identical_twin = chance(50);
      }
    } else if (what == 1) {  // another partner, perhaps with children
      std::string p = id("partner");
      f.add(p, pa.sex == Sex::Female ? Sex::Male : Sex::Female, year + static_cast<int>(rng() % 5));
      f.couple(a, p, chance(40) ? UnionKind::Transitory : UnionKind::Enduring, chance(30) ? UnionEnd::Divorced : UnionEnd::None,
               year + 20 + static_cast<int>(rng() % 15));
      adults.push_back(p);
    } else if (what == 2 && pa.parents.empty()) {  // their parents
      std::string gm = id("gm"), gf = id("gf");
      f.add(gm, Sex::Female, year - 25);
      f.add(gf, Sex::Male, year - 27);
      if (chance(30)) f.person(gf).died = true;
      f.couple(gf, gm, UnionKind::Married, chance(20) ? UnionEnd::Divorced : UnionEnd::None, year - 2);
      f.person(a).parents = {gm, gf};
      adults.push_back(gm);
      adults.push_back(gf);
    } else if (what == 3 && !pa.parents.empty()) {  // a brother or sister
      std::vector<std::string> ps = pa.parents;
      std::string s = id("sib");
      f.add(s, chance(50) ? Sex::Female : Sex::Male, year + static_cast<int>(rng() % 7) - 3, ps);
      adults.push_back(s);
    } else if (what == 4) {  // a child of one parent alone
      if (year + 20 > 2025) continue;
      f.add(id("single"), Sex::Unknown, year + 20 + static_cast<int>(rng() % 5), {a});
    } else if (what == 5 && chance(30)) {  // a significant adult, not related
      auto& s = f.add(id("friend"), Sex::Male, 1980);
      s.relationship = "family friend";
      s.household = chance(50);
    } else if (what == 6 && chance(40)) {
      for (auto& p : f.g.people) p.household = p.household || chance(20);
    }
  }
  return f;
}

// ---- Reading the geometry ----------------------------------------------------------------------

bool inside_box(const Box& b, double x, double y, double shrink) {
  return x > b.x + shrink && x < b.x + b.w - shrink && y > b.y + shrink && y < b.y + b.h - shrink;
}

/// Does the segment pass through the box's inside (shrunk by `shrink`)? Liang–Barsky clipping.
bool segment_in_box(const GenoSegment& s, const Box& b, double shrink) {
  double x0 = b.x + shrink, x1 = b.x + b.w - shrink, y0 = b.y + shrink, y1 = b.y + b.h - shrink;
  if (x1 <= x0 || y1 <= y0) return false;
  double t0 = 0, t1 = 1, dx = s.x2 - s.x1, dy = s.y2 - s.y1;
  auto clip = [&](double p, double q) {
    if (std::abs(p) < 1e-12) return q > 0;
    double r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      t0 = std::max(t0, r);
    } else {
      if (r < t0) return false;
      t1 = std::min(t1, r);
    }
    return true;
  };
  if (!clip(-dx, s.x1 - x0) || !clip(dx, x1 - s.x1) || !clip(-dy, s.y1 - y0) || !clip(dy, y1 - s.y1)) return false;
  return t1 - t0 > 1e-9;
}

/// Does the segment pass through the inside of the symbol's own shape (shrunk by `shrink`)?
/// Walked in steps of a tenth of a point.
bool segment_in_symbol(const GenoSegment& s, const PlacedSymbol& sym, double shrink) {
  if (!segment_in_box(s, sym.box, shrink)) return false;
  double h = sym.size / 2 - shrink;
  double len = std::hypot(s.x2 - s.x1, s.y2 - s.y1);
  int steps = std::max(1, static_cast<int>(len * 10));
  for (int i = 0; i <= steps; ++i) {
    double t = static_cast<double>(i) / steps;
    double dx = s.x1 + t * (s.x2 - s.x1) - sym.x, dy = s.y1 + t * (s.y2 - s.y1) - sym.y;
    bool in = false;
    switch (sym.shape) {
      case Shape::Circle: in = dx * dx + dy * dy < h * h; break;
      case Shape::Diamond: in = std::abs(dx) + std::abs(dy) < h; break;
      case Shape::Triangle: in = dy < h && dy > -h && std::abs(dx) < (dy + h) / 2; break;  // apex up
      default: in = std::abs(dx) < h && std::abs(dy) < h;
    }
    if (in) return true;
  }
  return false;
}

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

/// Do two segments meet (cross, touch, or lie on each other)? Within `tol` points.
bool segments_meet(const GenoSegment& a, const GenoSegment& b, double tol) {
  auto dist = [](double px, double py, const GenoSegment& s) {
    double dx = s.x2 - s.x1, dy = s.y2 - s.y1, len = dx * dx + dy * dy;
    double t = len == 0 ? 0 : std::clamp(((px - s.x1) * dx + (py - s.y1) * dy) / len, 0.0, 1.0);
    return std::hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
  };
  if (dist(a.x1, a.y1, b) < tol || dist(a.x2, a.y2, b) < tol || dist(b.x1, b.y1, a) < tol || dist(b.x2, b.y2, a) < tol) return true;
  double d1 = cross(b.x2 - b.x1, b.y2 - b.y1, a.x1 - b.x1, a.y1 - b.y1);
  double d2 = cross(b.x2 - b.x1, b.y2 - b.y1, a.x2 - b.x1, a.y2 - b.y1);
  double d3 = cross(a.x2 - a.x1, a.y2 - a.y1, b.x1 - a.x1, b.y1 - a.y1);
  double d4 = cross(a.x2 - a.x1, a.y2 - a.y1, b.x2 - a.x1, b.y2 - a.y1);
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

bool collinear_overlap(const GenoSegment& a, const GenoSegment& b) {
  auto horizontal = [](const GenoSegment& s) { return std::abs(s.y1 - s.y2) < 0.01; };
  auto vertical = [](const GenoSegment& s) { return std::abs(s.x1 - s.x2) < 0.01; };
  auto overlap = [](double a1, double a2, double b1, double b2) {
    return std::min(std::max(a1, a2), std::max(b1, b2)) - std::max(std::min(a1, a2), std::min(b1, b2)) > 0.5;
  };
  if (horizontal(a) && horizontal(b) && std::abs(a.y1 - b.y1) < 0.8) return overlap(a.x1, a.x2, b.x1, b.x2);
  if (vertical(a) && vertical(b) && std::abs(a.x1 - b.x1) < 0.8) return overlap(a.y1, a.y2, b.y1, b.y2);
  return false;
}

std::string where(const GenoSegment& s) {
  std::ostringstream o;
  o << "line (" << s.x1 << "," << s.y1 << ")-(" << s.x2 << "," << s.y2 << ") of";
  for (const auto& e : s.ends) o << " " << e;
  return o.str();
}

/// Everything wrong with a drawing; crossings only when `crossings` is asked for.
std::vector<std::string> problems(const GenogramPlan& plan, bool crossings) {
  std::vector<std::string> out;
  std::vector<std::pair<std::string, Box>> texts;
  for (std::size_t i = 0; i < plan.labels.size(); ++i)
    for (const auto& t : plan.labels[i]) texts.push_back({"label '" + t.text + "' of " + plan.symbols[i].id, t.box});
  for (std::size_t i = 0; i < plan.symbols.size(); ++i) {
    for (std::size_t j = i + 1; j < plan.symbols.size(); ++j)
      if (overlap(plan.symbols[i].box, plan.symbols[j].box))
        out.push_back("symbols of " + plan.symbols[i].id + " and " + plan.symbols[j].id + " overlap");
    for (const auto& [what, box] : texts)
      if (overlap(plan.symbols[i].box, box)) out.push_back("symbol of " + plan.symbols[i].id + " and " + what + " overlap");
  }
  for (std::size_t i = 0; i < texts.size(); ++i)
    for (std::size_t j = i + 1; j < texts.size(); ++j)
      if (overlap(texts[i].second, texts[j].second)) out.push_back(texts[i].first + " and " + texts[j].first + " overlap");
  for (const auto& s : plan.lines) {
    for (const auto& sym : plan.symbols)
      if (segment_in_symbol(s, sym, 0.5)) out.push_back(where(s) + " runs through the symbol of " + sym.id);
    for (const auto& [what, box] : texts)
      if (segment_in_box(s, box, 0.2)) out.push_back(where(s) + " runs through " + what);
    for (const auto& t : plan.insides)
      if (segment_in_box(s, t.box, 0.2)) out.push_back(where(s) + " runs through the age '" + t.text + "'");
  }
  for (std::size_t i = 0; i < plan.lines.size(); ++i)
    for (std::size_t j = i + 1; j < plan.lines.size(); ++j) {
      const auto& a = plan.lines[i];
      const auto& b = plan.lines[j];
      if (a.group == b.group) continue;
      if (collinear_overlap(a, b)) out.push_back(where(a) + " lies on " + where(b));
      else if (crossings && segments_meet(a, b, 0.3)) out.push_back(where(a) + " crosses " + where(b));
    }
  for (const auto& e : plan.legend)
    if (e.label.box.y < plan.drawing.y + plan.drawing.h) out.push_back("the key starts inside the drawing");
  for (const auto& sym : plan.symbols)
    if (sym.box.x < 0 || sym.box.y < 0 || sym.box.x + sym.box.w > plan.width || sym.box.y + sym.box.h > plan.height)
      out.push_back("the symbol of " + sym.id + " is outside the drawing");
  return out;
}

std::string listed(const std::vector<std::string>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < 12; ++i) s += "\n  " + v[i];
  if (v.size() > 12) s += "\n  … and " + std::to_string(v.size() - 12) + " more";
  return s;
}

const PlacedSymbol& symbol_of(const GenogramPlan& plan, const std::string& id) {
  for (const auto& s : plan.symbols)
    if (s.id == id) return s;
  throw std::runtime_error("no symbol for " + id);
}

/// The x of each child's symbol, in the order given.
std::vector<double> xs(const GenogramPlan& plan, const std::vector<std::string>& ids) {
  std::vector<double> out;
  for (const auto& id : ids) out.push_back(symbol_of(plan, id).x);
  return out;
}

bool ascending(const std::vector<double>& v) { return std::is_sorted(v.begin(), v.end()); }

}  // namespace

TEST_CASE("the families a genogram must draw cleanly have no overlaps and no crossing lines", "[genogram]") {
  struct Named {
    const char* name;
    Family f;
  };
  std::vector<Named> cases{{"nuclear family over three generations", nuclear_three_generations()},
                          {"one adult with three partners and children by each", three_partners()},
                          {"two sets of half-siblings sharing one parent", half_siblings()},
                          {"twins", twins()},
                          {"an adopted child with birth and adoptive parents", adoption()}};
  for (auto& c : cases) {
    INFO(c.name);
    auto plan = plan_genogram(c.f.g);
    REQUIRE(plan);
    CHECK(plan->symbols.size() >= c.f.g.people.size());
    auto found = problems(*plan, true);
    INFO(listed(found));
    CHECK(found.empty());
  }
}

TEST_CASE("four generations of 30 people, three partners, half-siblings, a death, a divorce and an adoption", "[genogram]") {
  auto f = four_generations();
  CHECK(f.g.people.size() == 30);
  auto plan = plan_genogram(f.g);
  REQUIRE(plan);
  auto found = problems(*plan, false);
  INFO(listed(found));
  CHECK(found.empty());
  std::set<double> rows;
  for (const auto& s : plan->symbols) rows.insert(s.y);
  CHECK(rows.size() == 5);  // great-grandparents to the grandchild of the mother's first marriage
}

TEST_CASE("children stand beneath their parents in birth order, oldest left", "[genogram]") {
  auto plan = plan_genogram(nuclear_three_generations().g);
  REQUIRE(plan);
  CHECK(ascending(xs(*plan, {"sister", "child", "brother"})));
  CHECK(ascending(xs(*plan, {"cousin-1", "cousin-2"})));
  // Beneath: every child of the couple lower than the couple, and their line between the parents.
  double parents = symbol_of(*plan, "mother").y;
  for (const char* k : {"sister", "child", "brother"}) CHECK(symbol_of(*plan, k).y > parents);
  auto tp = plan_genogram(three_partners().g);
  REQUIRE(tp);
  CHECK(ascending(xs(*tp, {"a-1", "a-2"})));
  CHECK(ascending(xs(*tp, {"child", "c-2"})));
  // Partners in a row, the three generations in three rows.
  CHECK(symbol_of(*tp, "partner-1").y == symbol_of(*tp, "adult").y);
  std::set<double> rows;
  for (const auto& s : plan->symbols) rows.insert(s.y);
  CHECK(rows.size() == 3);
}

TEST_CASE("twins hang from one point and identical twins have a bar between", "[genogram]") {
  auto plan = plan_genogram(twins().g);
  REQUIRE(plan);
  const auto& a = symbol_of(*plan, "child");
  const auto& b = symbol_of(*plan, "twin");
  // Two lines that start at one point and end on the twins' tops.
  std::vector<const GenoSegment*> to_twins;
  for (const auto& s : plan->lines)
    if ((std::abs(s.x2 - a.x) < 0.01 || std::abs(s.x2 - b.x) < 0.01) && std::abs(s.y2 - a.box.y) < 0.01 && s.x1 != s.x2)
      to_twins.push_back(&s);
  REQUIRE(to_twins.size() == 2);
  CHECK(to_twins[0]->x1 == Approx(to_twins[1]->x1));
  CHECK(to_twins[0]->y1 == Approx(to_twins[1]->y1));
  // The identical pair's bar: a level line between the two lines, above the twins.
  int bars = 0;
  for (const auto& s : plan->lines)
    if (s.y1 == s.y2 && s.y1 > to_twins[0]->y1 && s.y1 < a.box.y && std::min(s.x1, s.x2) > std::min(a.x, b.x) &&
        std::max(s.x1, s.x2) < std::max(a.x, b.x))
      ++bars;
  CHECK(bars == 1);
}

TEST_CASE("a separation is one stroke across the couple's line, a divorce two", "[genogram]") {
  auto plan = plan_genogram(three_partners().g);
  REQUIRE(plan);
  auto strokes_of = [&](const std::string& partner) {
    int n = 0;
    for (const auto& s : plan->lines)
      if (s.x1 != s.x2 && s.y1 != s.y2 && std::find(s.ends.begin(), s.ends.end(), partner) != s.ends.end() && s.ends.size() == 2) ++n;
    return n;
  };
  CHECK(strokes_of("partner-1") == 2);
  CHECK(strokes_of("partner-2") == 1);
  CHECK(strokes_of("partner-3") == 0);
  // Transitory relationships are dashed; adoption dashed, fostering dotted.
  auto hp = plan_genogram(half_siblings().g);
  REQUIRE(hp);
  bool dashed = false;
  for (const auto& s : hp->lines)
    dashed = dashed || (s.style == LineStyle::Dashed && std::find(s.ends.begin(), s.ends.end(), "father-2-ex") != s.ends.end());
  CHECK(dashed);
  auto ap = plan_genogram(adoption().g);
  REQUIRE(ap);
  int adoption_lines = 0;
  for (const auto& s : ap->lines)
    if (s.style == LineStyle::LongDashed && std::find(s.ends.begin(), s.ends.end(), "child") != s.ends.end()) ++adoption_lines;
  CHECK(adoption_lines >= 2);
}

TEST_CASE("a child with one parent recorded hangs from a couple with a parent marked not recorded", "[genogram]") {
  Family f;
  f.add("mother", Sex::Female, 1990);
  f.add("child", Sex::Male, 2015, {"mother"}).subject = true;
  auto plan = plan_genogram(f.g);
  REQUIRE(plan);
  REQUIRE(plan->added.size() == 1);
  CHECK(plan->added[0].placeholder);
  CHECK(plan->added[0].sex == Sex::Male);
  CHECK(plan->labels.back().front().text == "Not recorded");
  CHECK(problems(*plan, true).empty());
  bool key = false;
  for (const auto& e : plan->legend) key = key || e.what == "not-recorded";
  CHECK(key);
}

TEST_CASE("random families of up to 30 people draw with nothing on anything else", "[genogram]") {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    auto f = random_family(seed, 6 + seed % 25);
    INFO("seed " << seed << ", " << f.g.people.size() << " people");
    auto plan = plan_genogram(f.g);
    REQUIRE(plan);
    auto found = problems(*plan, false);
    INFO(listed(found));
    CHECK(found.empty());
  }
}

TEST_CASE("the key lists what the drawing uses in 004 k's words", "[genogram]") {
  auto plan = plan_genogram(four_generations().g);
  REQUIRE(plan);
  std::map<std::string, std::string> key;
  for (const auto& e : plan->legend) key[e.what] = e.label.text;
  CHECK(key.at("male") == "Male");
  CHECK(key.at("female") == "Female");
  CHECK(key.at("death") == "Death");
  CHECK(key.at("enduring") == "Enduring relationship (marriage or co-habitation)");
  CHECK(key.at("transitory") == "Transitory relationship");
  CHECK(key.at("separated") == "Separation");
  CHECK(key.at("divorced") == "Divorce");
  CHECK(key.count("miscarriage") == 1);
  CHECK(key.count("pregnancy") == 1);
  CHECK(key.count("adopted") == 1);
  CHECK(key.count("twins") == 0);  // none in this family
  std::vector<std::string> headings;
  for (const auto& h : plan->headings) headings.push_back(h.text);
  CHECK(std::count(headings.begin(), headings.end(), "OFFICIAL-SENSITIVE") == 2);  // top and foot
  CHECK(std::find(headings.begin(), headings.end(), "As known on 1 December 2026") != headings.end());
}

TEST_CASE("the genogram is written as SVG, PDF and PNG with its description", "[genogram]") {
  auto f = four_generations();
  std::string svg = draw_genogram(f.g, Format::Svg);
  REQUIRE(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("<title>Genogram: four generations</title>") != std::string::npos);
  CHECK(svg.find("<desc>") != std::string::npos);
  std::string pdf = draw_genogram(f.g, Format::Pdf);
  CHECK(pdf.rfind("%PDF", 0) == 0);
  std::string png = draw_genogram(f.g, Format::Png, 150);
  auto info = ooxml::inspect_image(png);
  REQUIRE(info);
  auto [w, h] = genogram_size(f.g);
  CHECK(info->width == static_cast<int>(std::lround(w * 150 / 72)));
  CHECK(info->height == static_cast<int>(std::lround(h * 150 / 72)));
  CHECK(draw_genogram(f.g, Format::Png, 150) == png);  // the same family, the same bytes
  Genogram none;
  CHECK(draw_genogram(none, Format::Svg).empty());
  Genogram huge;
  for (std::size_t i = 0; i <= kMaxGenogramPeople; ++i) {
    GenoPerson p;
    p.id = "p" + std::to_string(i);
    p.name = "P";
    huge.people.push_back(p);
  }
  CHECK(draw_genogram(huge, Format::Svg).empty());
}

TEST_CASE("the description tells the family in words", "[genogram]") {
  auto f = adoption();
  f.g.title = "Genogram: child's family";
  f.person("child").relationship = "";
  f.person("birth-mother").relationship = "birth mother";
  std::string words = describe_genogram(f.g);
  CHECK(words.find("child (aged 11) is the child at the centre of the review.") != std::string::npos);
  CHECK(words.find("child lives with adoptive-mother (aged 46), adoptive-father (aged 47) and adoptive-son (aged 18).") != std::string::npos);
  CHECK(words.find("birth-father (aged 33) and birth-mother (birth mother, aged 31): in a transitory relationship, now separated; "
                   "their children: child (aged 11).") != std::string::npos);
  CHECK(words.find("child was adopted by adoptive-mother and adoptive-father.") != std::string::npos);
}

// ---- The sample case's family (samples/child-a/case.yaml) -------------------------------------

namespace {

const casefile::Case& sample() {
  static const casefile::Case c = [] {
    Diagnostics diags;
    auto loaded = casefile::load_case(test::repo_path("samples/child-a/case.yaml").string(), diags, Date{2026, 6, 1});
    REQUIRE(loaded);
    REQUIRE_FALSE(diags.has_errors());
    return *loaded;
  }();
  return c;
}

const GenoPerson* person_in(const Genogram& g, const std::string& id) {
  for (const auto& p : g.people)
    if (p.id == id) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the sample family: three generations, twins, a pregnancy and a loss, a transitory partner", "[genogram]") {
  auto g = casefile::genogram_of(sample(), {Date{2026, 6, 1}, false});
  auto plan = plan_genogram(g);
  REQUIRE(plan);
  auto found = problems(*plan, true);
  INFO(listed(found));
  CHECK(found.empty());
  const GenoPerson* child = person_in(g, "child");
  REQUIRE(child);
  CHECK(child->name == "Child A");
  CHECK(child->subject);
  CHECK(child->died);       // 15 January 2025
  CHECK(child->inside == "2");  // aged two at death
  CHECK(person_in(g, "unborn")->symbol == GenoSymbol::Pregnancy);
  CHECK(person_in(g, "loss")->symbol == GenoSymbol::Miscarriage);
  CHECK(person_in(g, "uncle")->identical_twin);
  CHECK(person_in(g, "grandfather")->died);
  CHECK(person_in(g, "partner")->inside == "c.31");  // an estimated date of birth
  // The couples: Parent 1 and Parent 2 separated; the grandparents' marriage ended with a death
  // (no stroke); the transitory partner's relationship ended and is marked as ended.
  for (const auto& u : g.unions) {
    if (u.a == "mother" && u.b == "father") CHECK(u.end == UnionEnd::Separated);
    if (u.a == "grandmother") CHECK(u.end == UnionEnd::None);
    if (u.b == "transitory-partner") {
      CHECK(u.kind == UnionKind::Transitory);
      CHECK(u.end == UnionEnd::Separated);
    }
  }
  // The household on the day: Parent 1, Sibling 1 and Adult 1 (the transitory partner left; Child A
  // died); on the day of the incident, Child A too.
  auto household = [](const Genogram& on) {
    std::set<std::string> home;
    for (const auto& p : on.people)
      if (p.household) home.insert(p.id);
    return home;
  };
  CHECK(household(g) == std::set<std::string>{"mother", "sister", "partner"});
  CHECK(household(casefile::genogram_of(sample(), {Date{2025, 1, 14}, false})) ==
        std::set<std::string>{"child", "mother", "sister", "partner"});
  // Pseudonyms by default, real names (with the pseudonym under) for the restricted copy.
  for (const auto& p : g.people) CHECK(p.name.find("Marlow") == std::string::npos);
  auto named = casefile::genogram_of(sample(), {Date{2026, 6, 1}, true});
  CHECK(person_in(named, "mother")->name == "Shannon Marlow");
  CHECK(person_in(named, "mother")->lines.front() == "Parent 1");
  CHECK(named.marking == "RESTRICTED \u2014 COPY WITH REAL NAMES");
  CHECK(person_in(named, "uncle")->lines.back() == "lives abroad");  // the note kept with the pseudonym's line
  CHECK(g.marking == "RESTRICTED");
}

TEST_CASE("the sample family as it was on a date", "[genogram]") {
  // 10 January 2024: Adult 2 lived in the household; Adult 1 was not yet in the picture and Sibling
  // 2 not yet expected; Child A was one.
  auto then = casefile::genogram_of(sample(), {Date{2024, 1, 10}, false});
  CHECK(person_in(then, "partner") == nullptr);
  CHECK(person_in(then, "unborn") == nullptr);
  REQUIRE(person_in(then, "transitory-partner"));
  CHECK(person_in(then, "transitory-partner")->household);
  CHECK(person_in(then, "child")->inside == "1");
  CHECK_FALSE(person_in(then, "child")->died);
  for (const auto& u : then.unions)
    if (u.b == "transitory-partner") CHECK(u.end == UnionEnd::None);
  CHECK(then.as_of == "As known on 10 January 2024");
  // 1 January 2020: before Child A was born, and before the miscarriage; the child at the centre
  // is not drawn, and the family still is.
  auto before = casefile::genogram_of(sample(), {Date{2020, 1, 1}, false});
  CHECK(person_in(before, "child") == nullptr);
  CHECK(person_in(before, "loss") == nullptr);
  CHECK(person_in(before, "sister") != nullptr);
  auto plan = plan_genogram(before);
  REQUIRE(plan);
  CHECK(problems(*plan, true).empty());
}

TEST_CASE("the sample family in words", "[genogram]") {
  auto g = casefile::genogram_of(sample(), {Date{2026, 6, 1}, false});
  std::string words = describe_genogram(g);
  CHECK(words.find("Child A (died aged 2) is the child at the centre of the review.") != std::string::npos);
  CHECK(words.find("Living in the household: Parent 1 (mother, aged 25), Adult 1 (mother's partner (significant adult), aged c.31) "
                   "and Sibling 1 (maternal half-sister, aged 6).") != std::string::npos);
  CHECK(words.find("Parent 1 (mother, aged 25) and Parent 2 (father, aged 26): partners, now separated (2021 to 2023); their "
                   "children: Child A (died aged 2) and Pregnancy 1 (pregnancy loss, a miscarriage).") != std::string::npos);
  CHECK(words.find("Grandparent 1 (maternal grandmother, aged 54) and Grandparent 2 (maternal grandfather, died aged c.51): married "
                   "(from 1995 until Grandparent 2 died in 2021)") != std::string::npos);
  CHECK(words.find("Uncle 1 (paternal uncle (the father's twin), aged 26, lives abroad)") != std::string::npos);
  auto then = describe_genogram(casefile::genogram_of(sample(), {Date{2025, 1, 14}, false}));
  CHECK(then.find("Child A (aged 2) is the child at the centre of the review. Child A lives with Parent 1 (mother, aged 23), "
                  "Adult 1 (mother's partner (significant adult), aged c.29) and Sibling 1 (maternal half-sister, aged 5).") !=
        std::string::npos);
  CHECK(words.find("Parent 2 and Uncle 1 are identical twins.") != std::string::npos);
  CHECK(words.find("Sibling 1 (maternal half-sister, aged 6) is the child of Parent 1 and a parent not recorded.") != std::string::npos);
  CHECK(words.find("Shannon") == std::string::npos);
}

TEST_CASE("reviewkit figure genogram", "[genogram][cli]") {
  test::TempDir dir;
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  for (const char* ext : {"svg", "pdf", "png"}) {
    fs::path out = dir.path / (std::string("g.") + ext);
    auto r = test::run_cli({"figure", "genogram", kase, "-o", out.string(), "--today", "2026-06-01"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "wrote " + out.string() + ": the genogram of 12 people as known on 1 June 2026\n");
  }
  std::string svg = test::read_fixture((dir.path / "g.svg").string());
  CHECK(svg.find("<desc>Genogram: Child A\u2019s family. As known on 1 June 2026.") != std::string::npos);
  CHECK(svg.find("Marlow") == std::string::npos);
  auto then = test::run_cli({"figure", "genogram", kase, "-o", (dir.path / "then.svg").string(), "--as-of", "2024-01-10",
                             "--named", "--today", "2026-06-01"});
  CHECK(then.status == 0);
  CHECK(then.out == "wrote " + (dir.path / "then.svg").string() +
                        ": the genogram of 10 people as known on 10 January 2024, with real names (restricted)\n");
  CHECK(test::read_fixture((dir.path / "then.svg").string()).find("Shannon Marlow") != std::string::npos);
  // Mistakes: a date that is not one, an extension that is no format, an output that exists.
  auto bad = test::run_cli({"figure", "genogram", kase, "-o", (dir.path / "x.svg").string(), "--as-of", "10/01/2024"});
  CHECK(bad.status == 2);
  CHECK(bad.err == "reviewkit figure: error: --as-of must be a date written YYYY-MM-DD, not '10/01/2024' (usage: reviewkit figure "
                   "genogram CASE.yaml -o OUT.svg|.pdf|.png [--named] [--as-of D] [--force])\n");
  auto ext = test::run_cli({"figure", "genogram", kase, "-o", (dir.path / "x.gif").string()});
  CHECK(ext.status == 2);
  auto again = test::run_cli({"figure", "genogram", kase, "-o", (dir.path / "g.svg").string()});
  CHECK(again.status == 1);
  auto empty = test::run_cli({"figure", "genogram", kase, "-o", (dir.path / "old.svg").string(), "--as-of", "1960-01-01"});
  CHECK(empty.status == 1);
  CHECK(empty.err == kase + ": error: nobody in the case was born or known of by 1 January 1960, so there is no family to draw "
                            "(check --as-of)\n");
}

// Not run by default: writes the generated families' drawings for a person to look at
// (reviewkit_tests "[.pictures]" with GENOGRAM_PICTURES=DIR).
TEST_CASE("genogram pictures of the generated families", "[.pictures]") {
  const char* dir = std::getenv("GENOGRAM_PICTURES");
  REQUIRE(dir);
  std::vector<std::pair<std::string, Family>> all{{"nuclear", nuclear_three_generations()}, {"partners", three_partners()},
                                                  {"half", half_siblings()},                {"twins", twins()},
                                                  {"adoption", adoption()},                 {"four", four_generations()},
                                                  {"random-7", random_family(7, 30)},       {"random-40", random_family(40, 30)}};
  for (auto& [name, f] : all) {
    std::string png = draw_genogram(f.g, Format::Png, 100);
    REQUIRE_FALSE(png.empty());
    std::ofstream(std::string(dir) + "/" + name + ".png", std::ios::binary) << png;
  }
}
TEST_CASE("dump", "[.dump]") {
  auto f = random_family(40, 30);
  for (auto& p : f.g.people) {
    std::string ps;
    for (auto& q : p.parents) ps += q + " ";
    WARN(p.id << " parents: " << ps);
  }
  for (auto& u : f.g.unions) WARN("union " << u.a << " " << u.b);
}

TEST_CASE("a family that loops back on itself, and other impossible data, still draws each person once", "[genogram]") {
  Family f;
  f.add("a", Sex::Female, 1980, {"b"});
  f.add("b", Sex::Male, 1982, {"a"});      // each the other's parent
  f.add("c", Sex::Male, 2000, {"c", "a"}).subject = true;  // their own parent
  f.person("c").twin_of = "c";
  f.add("d", Sex::Female, 1990, {"nobody", "a", "b"});
  f.couple("a", "a");
  f.couple("a", "b");
  f.couple("b", "a");
  f.couple("a", "missing");
  f.g.cares.push_back({"c", {"c", "ghost"}, CareKind::Fostering, ""});
  auto plan = plan_genogram(f.g);
  REQUIRE(plan);
  std::set<std::string> ids;
  for (const auto& s : plan->symbols) CHECK(ids.insert(s.id).second);
  auto found = problems(*plan, false);
  INFO(listed(found));
  CHECK(found.empty());
  CHECK_FALSE(describe_genogram(f.g).empty());
}

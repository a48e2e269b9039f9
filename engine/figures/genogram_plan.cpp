// The genogram's layout. Generations are rows; each family is built as a block whose extent is
// known row by row (its contour), and blocks are packed side by side so that nothing of one
// reaches into another (as Reingold and Tilford pack the subtrees of a tidy tree):
// - a person's block: them, their partners beside them (the first on the left, the second on the
//   right, further ones outside those, or all on one side when the other is taken), and beneath
//   each couple its children's blocks in birth order, centred under the couple where they can be;
// - a couple whose two partners both have parents drawn: each partner's family above and beside
//   them (their brothers and sisters on the far side, their parents' couple above), the couple
//   side by side in the middle and their children beneath them.
// The child at the centre of the review is the start: their parents' couple, their brothers and
// sisters, and each side of the family out from there. Whoever that leaves (someone related only
// through a line the layout could not keep, a significant adult who is not related) is laid out
// the same way to the right. Partners next to each other are joined below their symbols' middles;
// partners further apart by a line over the top of those between, at its own height.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "figures/genogram.hpp"
#include "figures/measure.hpp"

namespace reviewkit::figures {

namespace {

constexpr double kSymbol = 22;        ///< the side of a symbol
constexpr double kSmall = 10;         ///< a miscarriage or a termination
constexpr double kStillbirth = 15;
constexpr double kLabelSize = 7, kLabelLine = 8.2, kInsideSize = 7.5;
constexpr double kMaxLabel = 86;      ///< the widest label line
constexpr double kGap = 10;           ///< between neighbours in a row
constexpr double kDropClear = 7;      ///< from a line passing between neighbours to their labels
constexpr double kStrokeRoom = 34;    ///< of a couple's line, for the strokes of a separation
constexpr double kTopBand = 26;       ///< above a row: the line to the children, lines over the top
constexpr double kBarAbove = 22;      ///< that line, above the row's symbols
constexpr std::size_t kMaxLabelLines = 4;  ///< the name, the pseudonym (restricted copy), the years, a note
constexpr double kLabelBand = kMaxLabelLines * kLabelLine + 4;
constexpr double kBand = 10;          ///< below the labels
constexpr double kPitch = kTopBand + kSymbol + kLabelBand + kBand;
constexpr double kMargin = 14;
constexpr double kTitleSize = 11, kHeadSize = 8, kLegendSize = 7.5;
constexpr double kInf = std::numeric_limits<double>::infinity();

enum Side { None = 0, Left = 1, Right = 2, Both = 3 };

struct Couple {
  int a = -1, b = -1;
  int source = -1;  ///< index into Genogram::unions, or -1 when the drawing adds it
  UnionKind kind = UnionKind::Unrecorded;
  UnionEnd end = UnionEnd::None;
  std::optional<Date> from;
  std::vector<int> children;
};

/// Everything placed of one family, and how far it reaches in each row.
struct Block {
  std::map<int, std::pair<double, double>> extent;  ///< row -> left, right
  std::vector<std::pair<int, double>> xs;            ///< person -> x
  double anchor = 0;                                 ///< a family of children: the middle of their line

  bool empty() const { return xs.empty(); }
  void reach(int row, double l, double r) {
    auto [it, fresh] = extent.try_emplace(row, l, r);
    if (!fresh) {
      it->second.first = std::min(it->second.first, l);
      it->second.second = std::max(it->second.second, r);
    }
  }
  void shift(double d) {
    for (auto& [row, e] : extent) e = {e.first + d, e.second + d};
    for (auto& p : xs) p.second += d;
    anchor += d;
  }
  void take(const Block& o) {
    for (const auto& [row, e] : o.extent) reach(row, e.first, e.second);
    xs.insert(xs.end(), o.xs.begin(), o.xs.end());
  }
};

/// How far `b` must move right so that it clears `a` by `gap` in every row they share; -inf when
/// they share none.
double clearance(const Block& a, const Block& b, double gap) {
  double need = -kInf;
  for (const auto& [row, e] : b.extent) {
    auto it = a.extent.find(row);
    if (it != a.extent.end()) need = std::max(need, it->second.second + gap - e.first);
  }
  return need;
}

int opposite(int side) { return side == Left ? Right : side == Right ? Left : Both; }

class Layout {
 public:
  explicit Layout(const Genogram& g) : g_(g) {}

  std::optional<GenogramPlan> run();

 private:
  const Genogram& g_;
  Measure measure_;
  std::vector<GenoPerson> people_;
  std::vector<Couple> couples_;
  std::vector<int> birth_;                 // person -> couple of their parents, or -1
  std::vector<std::vector<int>> couples_of_;
  std::vector<int> placed_by_care_;        // person -> index of a care, or -1
  std::vector<std::vector<std::string>> lines_;  // label lines, fitted
  std::vector<double> width_;
  std::vector<bool> placed_, unrelated_;
  std::vector<int> row_;
  std::vector<int> hub_;  // couple -> the partner whose block placed the other beside them
  struct Family {
    int couple;
    std::vector<int> children;
  };
  std::vector<Family> families_;
  std::map<std::string, int> index_;

  bool prepare();
  double order_key(int p) const;
  std::vector<int> birth_order(std::vector<int> kids) const;
  int partner(int c, int p) const { return couples_[c].a == p ? couples_[c].b : couples_[c].a; }
  bool has_other_family(int p, int except) const;

  Block person(int x, int row, int sides, int exclude);
  Block children(int c, std::vector<int> kids, int row, int end_person = -1, int end_side = None, int end_sides = Both,
                 int end_exclude = -1);
  Block ancestors(int x, int row, int side, int exclude);
  Block join(int c, int row, Block kids, int forbid);
  int guess_row(int p) const;
  GenogramPlan draw(const Block& all);
};

double Layout::order_key(int p) const {
  const auto& born = people_[p].born;
  return born ? static_cast<double>(born->days()) : 1e9 + p;  // unknown dates last, as written
}

std::vector<int> Layout::birth_order(std::vector<int> kids) const {
  std::stable_sort(kids.begin(), kids.end(), [&](int a, int b) { return order_key(a) < order_key(b); });
  // A twin straight after the other; a child placed with carers last, next to where they are.
  std::vector<int> out;
  std::set<int> done;
  for (int k : kids) {
    if (done.count(k)) continue;
    out.push_back(k);
    done.insert(k);
    auto it = index_.find(people_[k].twin_of);
    if (it != index_.end() && !done.count(it->second) && std::find(kids.begin(), kids.end(), it->second) != kids.end()) {
      out.push_back(it->second);
      done.insert(it->second);
    }
  }
  std::stable_partition(out.begin(), out.end(), [&](int k) {
    if (placed_by_care_[k] < 0) return true;
    auto it = index_.find(people_[k].twin_of);  // twins stay together
    return it != index_.end() && placed_by_care_[it->second] < 0;
  });
  return out;
}

bool Layout::has_other_family(int p, int except) const {
  for (int c : couples_of_[p])
    if (c != except) return true;
  int b = birth_[p];
  return b >= 0 && couples_[b].children.size() > 1;
}

bool Layout::prepare() {
  people_ = g_.people;
  for (std::size_t i = 0; i < people_.size(); ++i) index_.emplace(people_[i].id, static_cast<int>(i));
  auto find = [&](const std::string& id) {
    auto it = index_.find(id);
    return it == index_.end() ? -1 : it->second;
  };
  auto couple_of = [&](int a, int b) {
    for (std::size_t c = 0; c < couples_.size(); ++c)
      if ((couples_[c].a == a && couples_[c].b == b) || (couples_[c].a == b && couples_[c].b == a)) return static_cast<int>(c);
    return -1;
  };
  for (std::size_t u = 0; u < g_.unions.size(); ++u) {
    int a = find(g_.unions[u].a), b = find(g_.unions[u].b);
    if (a < 0 || b < 0 || a == b || couple_of(a, b) >= 0) continue;
    couples_.push_back({a, b, static_cast<int>(u), g_.unions[u].kind, g_.unions[u].end, g_.unions[u].from, {}});
  }
  // Children with one parent recorded get a parent marked as not recorded (one for all the
  // children of that parent alone), so that every child hangs from a couple's line.
  std::map<int, int> unknown_partner;
  std::size_t real = people_.size();
  birth_.assign(real, -1);
  for (std::size_t i = 0; i < real; ++i) {
    std::vector<int> ps;
    for (const auto& id : people_[i].parents) {
      int p = find(id);
      if (p >= 0 && p != static_cast<int>(i) && std::find(ps.begin(), ps.end(), p) == ps.end()) ps.push_back(p);
    }
    if (ps.size() > 2) ps.resize(2);
    if (ps.empty()) continue;
    if (ps.size() == 1) {
      auto it = unknown_partner.find(ps[0]);
      if (it == unknown_partner.end()) {
        GenoPerson q;
        q.id = "\x01not-recorded-" + people_[ps[0]].id;
        q.name = "Not recorded";
        q.placeholder = true;
        q.sex = people_[ps[0]].sex == Sex::Female ? Sex::Male : people_[ps[0]].sex == Sex::Male ? Sex::Female : Sex::Unknown;
        q.relationship = "other parent, not recorded";
        people_.push_back(q);
        it = unknown_partner.emplace(ps[0], static_cast<int>(people_.size() - 1)).first;
      }
      ps.push_back(it->second);
    }
    int c = couple_of(ps[0], ps[1]);
    if (c < 0) {
      couples_.push_back({ps[0], ps[1], -1, UnionKind::Unrecorded, UnionEnd::None, {}, {}});
      c = static_cast<int>(couples_.size() - 1);
    }
    birth_[i] = c;
    couples_[c].children.push_back(static_cast<int>(i));
  }
  for (auto& [p, q] : unknown_partner) index_.emplace(people_[q].id, q);
  birth_.resize(people_.size(), -1);
  couples_of_.assign(people_.size(), {});
  for (std::size_t c = 0; c < couples_.size(); ++c) {
    couples_of_[couples_[c].a].push_back(static_cast<int>(c));
    couples_of_[couples_[c].b].push_back(static_cast<int>(c));
  }
  placed_by_care_.assign(people_.size(), -1);
  for (std::size_t k = 0; k < g_.cares.size(); ++k) {
    int child = find(g_.cares[k].child);
    if (child >= 0) placed_by_care_[child] = static_cast<int>(k);
  }
  // Someone with no line to anyone is a significant adult who is not related: their label says
  // how they are related to the child.
  unrelated_.assign(people_.size(), false);
  for (std::size_t i = 0; i < real; ++i) {
    bool cared_for = false;
    for (const auto& care : g_.cares)
      if (care.child == people_[i].id || std::find(care.carers.begin(), care.carers.end(), people_[i].id) != care.carers.end())
        cared_for = true;
    unrelated_[i] = !people_[i].subject && couples_of_[i].empty() && birth_[i] < 0 && !cared_for;
  }
  lines_.assign(people_.size(), {});
  width_.assign(people_.size(), kSymbol);
  for (std::size_t i = 0; i < people_.size(); ++i) {
    std::vector<std::string> raw{people_[i].name};
    raw.insert(raw.end(), people_[i].lines.begin(), people_[i].lines.end());
    if (unrelated_[i] && !people_[i].relationship.empty()) raw.push_back(people_[i].relationship);
    for (std::size_t l = 0; l < raw.size() && lines_[i].size() < kMaxLabelLines; ++l) {
      std::string fitted = measure_.fit(printable(raw[l]), kMaxLabel, kLabelSize, l == 0 && people_[i].subject);
      if (fitted.empty()) continue;
      lines_[i].push_back(fitted);
      width_[i] = std::max(width_[i], measure_.width(fitted, kLabelSize, l == 0 && people_[i].subject));
    }
  }
  placed_.assign(people_.size(), false);
  row_.assign(people_.size(), 0);
  hub_.assign(couples_.size(), -1);
  return measure_.ok();
}

Block Layout::person(int x, int row, int sides, int exclude) {
  Block out;
  placed_[x] = true;
  row_[x] = row;
  auto when = [&](int c) {
    if (couples_[c].from) return static_cast<double>(couples_[c].from->days());
    double first = 1e9 + c;
    for (int k : couples_[c].children) first = std::min(first, order_key(k));
    return first;
  };
  auto partners_of = [&](int p, int excl) {
    std::vector<int> m;
    for (int c : couples_of_[p])
      if (c != excl && !placed_[partner(c, p)]) m.push_back(c);
    std::stable_sort(m.begin(), m.end(), [&](int a, int b) { return when(a) < when(b); });
    return m;
  };
  std::vector<int> mine = partners_of(x, exclude);
  std::vector<int> left, right;  // nearest first
  if (sides == Both) {
    for (std::size_t i = 0; i < mine.size(); ++i) (i % 2 == 0 ? left : right).push_back(mine[i]);
  } else {
    // One side only: the latest partner next to them, earlier ones further out.
    auto& only = sides == Right ? right : left;
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) only.push_back(*it);
  }
  // A partner with other partners of their own goes outermost on their side, where the chain
  // outwards can take those in.
  auto has_more = [&](int c) {
    int q = partner(c, x);
    for (int d : couples_of_[q])
      if (d != c && !placed_[partner(d, q)] && partner(d, q) != x) return true;
    return false;
  };
  std::stable_partition(left.begin(), left.end(), [&](int c) { return !has_more(c); });
  std::stable_partition(right.begin(), right.end(), [&](int c) { return !has_more(c); });
  std::vector<int> seq{x}, couples;
  auto add_side = [&](int hub, const std::vector<int>& list, bool to_left) {
    for (int c : list) {
      int q = partner(c, hub);
      placed_[q] = true;
      row_[q] = row;
      hub_[c] = hub;
      couples.push_back(c);
      if (to_left) seq.insert(seq.begin(), q);
      else seq.push_back(q);
    }
  };
  for (int c : mine) placed_[partner(c, x)] = true;
  add_side(x, left, true);
  add_side(x, right, false);
  // The outermost partner on each side has their own other partners further out, the latest
  // nearest, and so on outwards: a chain in which every line runs over only those it must.
  for (bool to_left : {true, false}) {
    const auto& list = to_left ? left : right;
    int outer = list.empty() ? -1 : partner(list.back(), x);
    for (std::size_t guard = 0; outer >= 0 && guard < people_.size(); ++guard) {
      auto more = partners_of(outer, -1);
      if (more.empty()) break;
      std::reverse(more.begin(), more.end());
      for (int c : more) placed_[partner(c, outer)] = true;
      add_side(outer, more, to_left);
      outer = partner(more.back(), outer);
    }
  }
  std::map<int, int> pos;
  for (std::size_t j = 0; j < seq.size(); ++j) pos[seq[j]] = static_cast<int>(j);
  // Which gap (between seq[j] and seq[j+1]) each couple's children hang from: beside the partner
  // further out, on the side towards the one whose line it is.
  std::map<int, int> gap_couple;
  std::set<int> stroke_gaps;
  for (int c : couples) {
    int h = pos[hub_[c]], q = pos[partner(c, hub_[c])];
    int gap = q < h ? q : q - 1;
    gap_couple[gap] = c;
    if (std::abs(q - h) == 1 && couples_[c].end != UnionEnd::None) stroke_gaps.insert(gap);
  }
  std::map<int, Block> kids;
  for (const auto& [gap, c] : gap_couple) {
    std::vector<int> todo;
    for (int k : couples_[c].children)
      if (!placed_[k]) todo.push_back(k);
    if (!todo.empty()) kids[gap] = children(c, todo, row + 1);
  }
  std::vector<double> xs(seq.size(), 0);
  Block below;
  for (std::size_t j = 0; j + 1 < seq.size(); ++j) {
    auto kid = kids.find(static_cast<int>(j));
    bool drop = kid != kids.end();
    double g = width_[seq[j]] / 2 + width_[seq[j + 1]] / 2 + (drop ? 2 * kDropClear : kGap);
    if (stroke_gaps.count(static_cast<int>(j))) g = std::max(g, kSymbol + kStrokeRoom);
    if (drop) {
      Block& k = kid->second;
      k.shift(-k.anchor);
      double want = below.empty() ? -kInf : clearance(below, k, kGap);
      if (want > -kInf) g = std::max(g, 2 * (want - xs[j]));
      xs[j + 1] = xs[j] + g;
      k.shift(xs[j] + g / 2);
      below.take(k);
    } else {
      xs[j + 1] = xs[j] + g;
    }
  }
  // A couple at either end whose children are wider than the row: nothing to balance.
  for (std::size_t j = 0; j < seq.size(); ++j) out.xs.emplace_back(seq[j], xs[j]);
  out.reach(row, xs.front() - width_[seq.front()] / 2, xs.back() + width_[seq.back()] / 2);
  out.take(below);
  double at_x = 0;
  for (std::size_t j = 0; j < seq.size(); ++j)
    if (seq[j] == x) at_x = xs[j];
  out.anchor = at_x;
  return out;
}

Block Layout::children(int c, std::vector<int> kids, int row, int end_person, int end_side, int end_sides, int end_exclude) {
  kids = birth_order(std::move(kids));
  if (end_person >= 0) {
    // The one who continues the line outwards stands at that end, their twin beside them.
    auto twin = index_.find(people_[end_person].twin_of);
    int t = twin != index_.end() && std::find(kids.begin(), kids.end(), twin->second) != kids.end() ? twin->second : -1;
    std::vector<int> rest;
    for (int k : kids)
      if (k != end_person && k != t) rest.push_back(k);
    if (end_side == Right) {
      if (t >= 0) rest.push_back(t);
      rest.push_back(end_person);
    } else {
      std::vector<int> front{end_person};
      if (t >= 0) front.push_back(t);
      rest.insert(rest.begin(), front.begin(), front.end());
    }
    kids = rest;
  }
  Block out;
  std::vector<int> order;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    int k = kids[i];
    if (placed_[k]) continue;
    auto is_twin = [&](std::size_t j) {
      return j < kids.size() && (people_[k].twin_of == people_[kids[j]].id || people_[kids[j]].twin_of == people_[k].id);
    };
    int sides = Both;
    if (is_twin(i + 1)) sides &= Left;
    if (i > 0 && is_twin(i - 1)) sides &= Right;
    int exclude = -1;
    if (k == end_person) {
      sides &= end_sides;
      exclude = end_exclude;
    }
    if (sides == None) sides = (k == end_person) ? end_sides : Left;
    Block b = person(k, row, sides, exclude);
    if (!out.empty()) {
      double d = clearance(out, b, kGap);
      if (d > -kInf) b.shift(d);
    }
    out.take(b);
    order.push_back(k);
  }
  families_.push_back({c, order});
  double lo = kInf, hi = -kInf;
  for (const auto& [p, x] : out.xs)
    if (std::find(order.begin(), order.end(), p) != order.end()) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  out.anchor = lo <= hi ? (lo + hi) / 2 : 0;
  return out;
}

Block Layout::ancestors(int x, int row, int side, int exclude) {
  int b = birth_[x];
  if (b < 0 || placed_[couples_[b].a] || placed_[couples_[b].b]) return person(x, row, opposite(side), exclude);
  std::vector<int> kids;
  for (int k : couples_[b].children)
    if (!placed_[k]) kids.push_back(k);
  Block sibs = children(b, kids, row, x, side, opposite(side), exclude);
  return join(b, row - 1, sibs, side);
}

Block Layout::join(int c, int row, Block kids, int forbid) {
  int l = couples_[c].a, r = couples_[c].b;
  if (people_[l].sex == Sex::Female && people_[r].sex == Sex::Male) std::swap(l, r);
  // Nothing of the couple's other families may stand on the side where their child's line goes on.
  if (forbid == Right && has_other_family(r, c) && !has_other_family(l, c)) std::swap(l, r);
  if (forbid == Left && has_other_family(l, c) && !has_other_family(r, c)) std::swap(l, r);
  Block L = placed_[l] ? Block{} : ancestors(l, row, Right, c);
  Block R = placed_[r] ? Block{} : ancestors(r, row, Left, c);  // a family that loops back on itself
  if (L.empty() || R.empty()) {
    Block out = L.empty() ? R : L;
    if (!kids.empty()) {
      double d = out.empty() ? -kInf : clearance(out, kids, kGap);
      if (d > -kInf) kids.shift(d);
      out.take(kids);
    }
    return out;
  }
  double xl = 0, xr = 0;
  for (const auto& [p, x] : L.xs)
    if (p == l) xl = x;
  for (const auto& [p, x] : R.xs)
    if (p == r) xr = x;
  double min_pair = width_[l] / 2 + width_[r] / 2 + (kids.empty() ? kGap : 2 * kDropClear);
  if (couples_[c].end != UnionEnd::None) min_pair = std::max(min_pair, kSymbol + kStrokeRoom);
  double off = std::max(clearance(L, R, kGap), xl + min_pair - xr);
  if (!kids.empty()) {
    kids.shift(-kids.anchor);
    double kid_min = clearance(L, kids, kGap);
    for (int i = 0; i < 80; ++i) {
      double drop = (xl + xr + off) / 2;
      double at = std::max(kid_min, drop);
      Block k = kids;
      k.shift(at);
      double need = clearance(k, R, kGap);
      if (need > off + 0.01) {
        off = need;
        continue;
      }
      if (at > drop + 0.01) {
        off += 2 * (at - drop);
        continue;
      }
      break;
    }
    double drop = (xl + xr + off) / 2;
    kids.shift(std::max(kid_min, drop));
    double need = clearance(kids, R, kGap);
    if (need > off) off = need;
  }
  R.shift(off);
  Block out = L;
  out.take(kids);
  out.take(R);
  out.anchor = (xl + xr + off) / 2;
  return out;
}

int Layout::guess_row(int p) const {
  for (int c : couples_of_[p])
    if (placed_[partner(c, p)]) return row_[partner(c, p)];
  if (birth_[p] >= 0) {
    const Couple& c = couples_[birth_[p]];
    if (placed_[c.a]) return row_[c.a] + 1;
    if (placed_[c.b]) return row_[c.b] + 1;
  }
  for (int c : couples_of_[p])
    for (int k : couples_[c].children)
      if (placed_[k]) return row_[k] - 1;
  for (const auto& care : g_.cares) {
    auto child = index_.find(care.child);
    if (child == index_.end()) continue;
    if (child->second == p)
      for (const auto& id : care.carers) {
        auto it = index_.find(id);
        if (it != index_.end() && placed_[it->second]) return row_[it->second] + 1;
      }
    if (std::find(care.carers.begin(), care.carers.end(), people_[p].id) != care.carers.end() && placed_[child->second])
      return row_[child->second] - 1;
  }
  // By age against the child at the centre: a generation every 25 years.
  const GenoPerson* subject = nullptr;
  for (const auto& q : people_)
    if (q.subject) subject = &q;
  if (subject && subject->born && people_[p].born)
    return -static_cast<int>(std::lround(static_cast<double>(subject->born->days() - people_[p].born->days()) / (25 * 365.25)));
  return -1;
}

std::optional<GenogramPlan> Layout::run() {
  if (g_.people.empty() || g_.people.size() > kMaxGenogramPeople) return std::nullopt;
  if (!prepare()) return std::nullopt;
  int s = 0;
  for (std::size_t i = 0; i < g_.people.size(); ++i)
    if (g_.people[i].subject) {
      s = static_cast<int>(i);
      break;
    }
  Block all;
  if (birth_[s] >= 0) {
    std::vector<int> kids = couples_[birth_[s]].children;
    all = join(birth_[s], -1, children(birth_[s], kids, 0), None);
  } else {
    all = person(s, 0, Both, -1);
  }
  for (std::size_t p = 0; p < people_.size(); ++p) {
    if (placed_[p]) continue;
    int seed = static_cast<int>(p);
    int row = guess_row(seed);
    Block more;
    int b = birth_[seed];
    if (b >= 0 && !placed_[couples_[b].a] && !placed_[couples_[b].b]) {
      std::vector<int> kids;
      for (int k : couples_[b].children)
        if (!placed_[k]) kids.push_back(k);
      more = join(b, row - 1, children(b, kids, row), None);
    } else {
      more = person(seed, row, Both, -1);
    }
    double d = clearance(all, more, 3 * kGap);
    if (d == -kInf) {
      double right = -kInf, left = kInf;
      for (const auto& [r, e] : all.extent) right = std::max(right, e.second);
      for (const auto& [r, e] : more.extent) left = std::min(left, e.first);
      d = right + 3 * kGap - left;
    }
    more.shift(d);
    all.take(more);
  }
  return draw(all);
}

// ---- From the placed blocks to the drawing's geometry ----------------------------------------

struct Interval {
  double lo, hi;
};

bool segments_meet_x(const Interval& a, const Interval& b) { return a.lo <= b.hi + 1 && b.lo <= a.hi + 1; }

GenogramPlan Layout::draw(const Block& all) {
  GenogramPlan plan;
  std::vector<double> x(people_.size(), 0);
  int min_row = 0, max_row = 0;
  bool first = true;
  for (const auto& [p, px] : all.xs) {
    x[p] = px;
    if (first || row_[p] < min_row) min_row = row_[p];
    if (first || row_[p] > max_row) max_row = row_[p];
    first = false;
  }
  double left = kInf, right = -kInf;
  for (const auto& [r, e] : all.extent) {
    left = std::min(left, e.first);
    right = std::max(right, e.second);
  }
  // Headings above the drawing.
  double y = kMargin;
  auto heading = [&](const std::string& text, double size, bool bold) {
    if (text.empty()) return;
    PlacedText t = measure_.text(printable(text), kMargin, size, bold);
    set_text_top(t, y);
    plan.headings.push_back(t);
    y += size * kLineHeight + 2;
  };
  heading(g_.marking, kHeadSize, true);
  heading(g_.title, kTitleSize, true);
  heading(g_.as_of, kHeadSize, false);
  double top = y + 6;
  double dx = kMargin - left;
  auto row_y = [&](int row) { return top + kTopBand + (row - min_row) * kPitch; };  // top of the symbols
  for (auto& v : x) v += dx;
  double drawing_right = right + dx;

  plan.added.assign(people_.begin() + static_cast<long>(g_.people.size()), people_.end());
  // Symbols, the ages inside them and the labels under them.
  plan.symbols.resize(people_.size());
  plan.labels.resize(people_.size());
  for (std::size_t p = 0; p < people_.size(); ++p) {
    double ry = row_y(row_[p]);
    double size = people_[p].symbol == GenoSymbol::Miscarriage || people_[p].symbol == GenoSymbol::Termination ? kSmall
                  : people_[p].symbol == GenoSymbol::Stillbirth                                               ? kStillbirth
                                                                                                              : kSymbol;
    PlacedSymbol& sym = plan.symbols[p];
    sym.id = people_[p].id;
    sym.x = x[p];
    sym.y = ry + kSymbol / 2;
    sym.size = size;
    sym.box = {x[p] - size / 2, ry + (kSymbol - size) / 2, size, size};
    const GenoPerson& q = people_[p];
    sym.shape = q.symbol == GenoSymbol::Pregnancy     ? Shape::Triangle
                : q.symbol == GenoSymbol::Miscarriage ? Shape::Circle
                : q.symbol == GenoSymbol::Termination ? Shape::Cross
                : q.symbol == GenoSymbol::Stillbirth || q.sex == Sex::Male ? Shape::Square
                : q.sex == Sex::Female                                     ? Shape::Circle
                                                                           : Shape::Diamond;
    double ly = ry + kSymbol + 2;
    for (std::size_t l = 0; l < lines_[p].size(); ++l) {
      bool bold = l == 0 && people_[p].subject;
      PlacedText t = measure_.text(lines_[p][l], 0, kLabelSize, bold);
      t.x = x[p] - t.box.w / 2;
      t.box.x = t.x;
      set_text_top(t, ly);
      plan.labels[p].push_back(t);
      ly += kLabelLine;
    }
    std::string inside = people_[p].placeholder ? "?" : people_[p].inside;
    if (!inside.empty() && people_[p].symbol == GenoSymbol::Person) {
      std::string fitted = measure_.fit(printable(inside), kSymbol - 6, kInsideSize, false);
      if (!fitted.empty()) {
        PlacedText t = measure_.text(fitted, 0, kInsideSize, false);
        t.x = x[p] - t.box.w / 2;
        t.box.x = t.x;
        set_text_top(t, sym.y - t.box.h / 2);
        plan.insides.push_back(t);
      }
    }
  }

  // Where a line meets a symbol's outline: at height y on its left (-1) or right (+1) side, and
  // its top at x. Squares, circles and diamonds (a placeholder's shape is its sex's).
  auto shape_of = [&](int p) {
    switch (plan.symbols[p].shape) {
      case Shape::Circle: return 1;
      case Shape::Diamond: return 2;
      case Shape::Triangle: return 3;
      default: return 0;
    }
  };
  auto side_x = [&](int p, double yy, double dir) {
    const PlacedSymbol& sy = plan.symbols[p];
    double h = sy.size / 2, dy = std::min(h, std::abs(yy - sy.y));
    switch (shape_of(p)) {
      case 1: return sy.x + dir * std::sqrt(std::max(0.0, h * h - dy * dy));
      case 2: return sy.x + dir * (h - dy);
      case 3: return sy.x + dir * h * std::clamp((yy - sy.box.y) / sy.size, 0.0, 1.0);
      default: return sy.x + dir * h;
    }
  };
  auto top_at = [&](int p, double xx) {
    const PlacedSymbol& sy = plan.symbols[p];
    double h = sy.size / 2, dx = std::min(h, std::abs(xx - sy.x));
    switch (shape_of(p)) {
      case 1: return sy.y - std::sqrt(std::max(0.0, h * h - dx * dx));
      case 2: return sy.y - (h - dx);
      case 3: return sy.box.y + sy.size * dx / h;
      default: return sy.box.y;
    }
  };

  // Who stands next to whom in each row.
  std::map<int, std::vector<int>> rows;
  for (const auto& [p, px] : all.xs) rows[row_[p]].push_back(p);
  std::vector<int> pos(people_.size(), 0);
  for (auto& [r, members] : rows) {
    std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return x[a] < x[b]; });
    for (std::size_t i = 0; i < members.size(); ++i) pos[members[i]] = static_cast<int>(i);
  }
  auto adjacent = [&](int a, int b) { return row_[a] == row_[b] && std::abs(pos[a] - pos[b]) == 1; };
  auto top_of = [&](int p) { return plan.symbols[p].box.y; };

  // Couples: a line below the middles of neighbours, over the top of those between otherwise.
  int group = 0;
  std::vector<int> couple_group(couples_.size(), -1);
  std::vector<std::pair<double, double>> drop_at(couples_.size(), {0, 0});  // x, y where children hang
  struct OverTop {
    int c, row;
    double x1, x2;  // from, to (the partners' x)
    int level = 0;
  };
  std::vector<OverTop> over;
  auto style_of = [&](const Couple& c) {
    return c.kind == UnionKind::Transitory ? LineStyle::Dashed : c.kind == UnionKind::Unrecorded ? LineStyle::Thin : LineStyle::Solid;
  };
  std::set<int> with_children;
  for (const auto& f : families_)
    if (!f.children.empty()) with_children.insert(f.couple);
  for (std::size_t c = 0; c < couples_.size(); ++c) {
    int a = couples_[c].a, b = couples_[c].b;
    if (!placed_[a] || !placed_[b]) continue;
    couple_group[c] = ++group;
    if (adjacent(a, b)) {
      int l = x[a] < x[b] ? a : b, r = l == a ? b : a;
      double ly = plan.symbols[l].y;
      double x1 = x[l] + plan.symbols[l].size / 2, x2 = x[r] - plan.symbols[r].size / 2;
      std::vector<std::string> ends{people_[a].id, people_[b].id};
      plan.lines.push_back({x1, ly, x2, ly, style_of(couples_[c]), group, ends});
      double mid = (x[l] + x[r]) / 2;
      drop_at[c] = {mid, ly};
      if (couples_[c].end != UnionEnd::None) {
        double at = with_children.count(static_cast<int>(c)) ? (x1 + mid) / 2 : mid;
        std::vector<double> strokes = couples_[c].end == UnionEnd::Divorced ? std::vector<double>{at - 2.5, at + 2.5} : std::vector<double>{at};
        for (double sx : strokes) plan.lines.push_back({sx - 3, ly + 5, sx + 3, ly - 5, LineStyle::Solid, group, ends});
      }
    } else {
      over.push_back({static_cast<int>(c), std::min(row_[a], row_[b]), x[a], x[b]});
    }
  }
  // Lines over the top: the shorter lower, none sharing a height where they would meet.
  std::stable_sort(over.begin(), over.end(), [](const OverTop& p, const OverTop& q) {
    return std::abs(p.x2 - p.x1) < std::abs(q.x2 - q.x1);
  });
  std::map<int, std::vector<std::vector<Interval>>> levels;  // row -> level -> spans
  for (auto& o : over) {
    auto& lv = levels[o.row];
    Interval span{std::min(o.x1, o.x2), std::max(o.x1, o.x2)};
    std::size_t k = 0;
    for (; k < lv.size(); ++k) {
      bool clash = false;
      for (const auto& s : lv[k]) clash = clash || segments_meet_x(s, span);
      if (!clash) break;
    }
    if (k == lv.size()) lv.emplace_back();
    lv[k].push_back(span);
    o.level = static_cast<int>(k);
  }
  // A line over the top leaves each partner from the side facing the other, above the middle
  // (where the line to a neighbouring partner is), goes out a little, up to its height, across and
  // down the same way: a bracket over those between. On one side of a person, the higher lines
  // leave higher and turn up nearer, so that none runs into another.
  std::stable_sort(over.begin(), over.end(), [](const OverTop& p, const OverTop& q) { return p.level < q.level; });
  std::map<std::pair<int, int>, int> slot_count, slot_next;  // (person, side) -> lines there
  auto hub_of = [&](const OverTop& o) { return hub_[o.c] >= 0 ? hub_[o.c] : couples_[o.c].a; };
  for (const auto& o : over) {
    int a = hub_of(o), b = partner(o.c, a);
    int dir = x[b] > x[a] ? 1 : -1;
    ++slot_count[{a, dir}];
    ++slot_count[{b, -dir}];
  }
  auto slot = [&](int person, int side) {
    int n = slot_count[{person, side}], k = slot_next[{person, side}]++;
    int out = n - 1 - k;  // the first (lowest) line leaves lowest and turns up furthest out
    double step = std::min(2.5, (kSymbol / 2 - 6) / std::max(1, n - 1));
    return std::pair<double, double>{4.0 + step * out, 3.0 + step * out};
  };
  for (const auto& o : over) {
    const Couple& c = couples_[o.c];
    int a = hub_of(o), b = partner(o.c, a);
    std::size_t count = levels[o.row].size();
    double step = std::min(5.0, (kBarAbove - 8) / static_cast<double>(std::max<std::size_t>(count, 1)));
    double ly = row_y(o.row) - 6 - step * o.level;
    double dir = x[b] > x[a] ? 1 : -1;
    auto [a_down, a_out] = slot(a, static_cast<int>(dir));
    auto [b_down, b_out] = slot(b, static_cast<int>(-dir));
    double ay = plan.symbols[a].box.y + a_down, by = plan.symbols[b].box.y + b_down;
    double ax = side_x(a, ay, dir), bx = side_x(b, by, -dir);
    double va = x[a] + dir * (plan.symbols[a].size / 2 + a_out), vb = x[b] - dir * (plan.symbols[b].size / 2 + b_out);
    std::vector<std::string> ends{people_[a].id, people_[b].id};
    LineStyle st = style_of(c);
    int gr = couple_group[o.c];
    plan.lines.push_back({ax, ay, va, ay, st, gr, ends});
    plan.lines.push_back({va, ay, va, ly, st, gr, ends});
    plan.lines.push_back({va, ly, vb, ly, st, gr, ends});
    plan.lines.push_back({vb, ly, vb, by, st, gr, ends});
    plan.lines.push_back({vb, by, bx, by, st, gr, ends});
    // The children hang from the gap beside the far partner, on the near side, between the labels.
    std::vector<int>& members = rows[row_[b]];
    int inner = pos[b] - static_cast<int>(dir);
    double hang = vb - dir * 6;
    if (inner >= 0 && inner < static_cast<int>(members.size())) {
      int n = members[inner];
      hang = (x[n] + dir * width_[n] / 2 + x[b] - dir * width_[b] / 2) / 2;
      if (std::abs(hang - vb) < 2.5) hang -= dir * 3;
    }
    drop_at[o.c] = {hang, ly};
    if (c.end != UnionEnd::None) {
      double at = (va + vb) / 2;
      if (std::abs(at - hang) < 7) at = hang - dir * 8;
      std::vector<double> strokes = c.end == UnionEnd::Divorced ? std::vector<double>{at - 2.5, at + 2.5} : std::vector<double>{at};
      double half = std::max(0.8, std::min(4.0, step / 2 - 0.4));  // clear of the lines above and below
      for (double sx : strokes) plan.lines.push_back({sx - 0.75 * half, ly + half, sx + 0.75 * half, ly - half, LineStyle::Solid, gr, ends});
    }
  }

  // Families: a line down from the couple to a line over the children, and down to each child;
  // twins from one point, identical twins with a bar between.
  for (const auto& f : families_) {
    int gr = couple_group[f.couple];
    if (gr < 0 || f.children.empty()) continue;
    const Couple& c = couples_[f.couple];
    std::vector<std::string> ends{people_[c.a].id, people_[c.b].id};
    for (int k : f.children) ends.push_back(people_[k].id);
    int krow = row_[f.children.front()];
    double bar = row_y(krow) - kBarAbove;
    auto [hx, hy] = drop_at[f.couple];
    // The line over the children reaches each child's line down, a pair of twins' shared point.
    double lo = hx, hi = hx;
    for (std::size_t i = 0; i < f.children.size(); ++i) {
      int k = f.children[i];
      double at = x[k];
      for (std::size_t j : {i - 1, i + 1}) {
        if (j >= f.children.size()) continue;
        int n = f.children[j];
        if (people_[k].twin_of == people_[n].id || people_[n].twin_of == people_[k].id) at = (x[k] + x[n]) / 2;
      }
      lo = std::min(lo, at);
      hi = std::max(hi, at);
    }
    plan.lines.push_back({hx, hy, hx, bar, LineStyle::Solid, gr, ends});
    if (hi > lo) plan.lines.push_back({lo, bar, hi, bar, LineStyle::Solid, gr, ends});
    std::set<int> done;
    for (std::size_t i = 0; i < f.children.size(); ++i) {
      int k = f.children[i];
      if (done.count(k)) continue;
      int t = -1;
      if (i + 1 < f.children.size()) {
        int n = f.children[i + 1];
        if (people_[k].twin_of == people_[n].id || people_[n].twin_of == people_[k].id) t = n;
      }
      if (t < 0) {
        plan.lines.push_back({x[k], bar, x[k], top_of(k), LineStyle::Solid, gr, ends});
        continue;
      }
      done.insert(t);
      double jx = (x[k] + x[t]) / 2;
      plan.lines.push_back({jx, bar, x[k], top_of(k), LineStyle::Solid, gr, ends});
      plan.lines.push_back({jx, bar, x[t], top_of(t), LineStyle::Solid, gr, ends});
      if (people_[k].identical_twin || people_[t].identical_twin) {
        double my = bar + (std::min(top_of(k), top_of(t)) - bar) * 0.6;
        auto along = [&](int who) {
          double ty = top_of(who);
          return jx + (x[who] - jx) * (my - bar) / (ty - bar);
        };
        plan.lines.push_back({along(k), my, along(t), my, LineStyle::Solid, gr, ends});
      }
    }
  }

  // Lines that run across the band under a row (to a child placed away from its parents or with
  // carers) each on a track of their own where they would meet.
  std::map<int, std::vector<std::vector<Interval>>> tracks;
  auto track = [&](int row, double x1, double x2) {
    double first = row_y(row) + kSymbol + kLabelBand + 1.5, last = row_y(row + 1) - kBarAbove - 1.5;
    int count = std::max(1, static_cast<int>((last - first) / 2.5) + 1);
    auto& used = tracks[row];
    Interval span{std::min(x1, x2), std::max(x1, x2)};
    int k = 0;
    for (; k < count; ++k) {
      if (k >= static_cast<int>(used.size())) used.resize(static_cast<std::size_t>(k) + 1);
      bool clash = false;
      for (const auto& s : used[static_cast<std::size_t>(k)]) clash = clash || segments_meet_x(s, span);
      if (!clash) break;
    }
    if (k == count) k = count - 1;
    used[static_cast<std::size_t>(k)].push_back(span);
    return first + 2.5 * k;
  };

  // A child whose line to their parents the layout could not keep beneath them (a family that
  // joins another twice): still joined, down from the parents' line and across to the child.
  std::set<int> covered;
  for (const auto& f : families_) covered.insert(f.children.begin(), f.children.end());
  for (std::size_t k = 0; k < people_.size(); ++k) {
    int c = birth_[k];
    if (c < 0 || covered.count(static_cast<int>(k)) || !placed_[k] || couple_group[c] < 0) continue;
    int gr = couple_group[c];
    auto [hx, hy] = drop_at[c];
    int prow = std::min(row_[couples_[c].a], row_[couples_[c].b]);
    if (row_[k] != prow + 1) continue;  // a family that loops back on itself: no line upwards
    double band = track(prow, hx, x[k]);
    std::vector<std::string> ends{people_[couples_[c].a].id, people_[couples_[c].b].id, people_[k].id};
    plan.lines.push_back({hx, hy, hx, band, LineStyle::Solid, gr, ends});
    plan.lines.push_back({hx, band, x[k], band, LineStyle::Solid, gr, ends});
    plan.lines.push_back({x[k], band, x[k], top_of(static_cast<int>(k)), LineStyle::Solid, gr, ends});
  }

  // Placements: a dashed (adoption) or dotted (fostering) line from the carers to the child.
  for (const auto& care : g_.cares) {
    auto child = index_.find(care.child);
    if (child == index_.end() || !placed_[child->second]) continue;
    int k = child->second;
    std::vector<int> carers;
    for (const auto& id : care.carers) {
      auto it = index_.find(id);
      if (it != index_.end() && placed_[it->second] && it->second != k) carers.push_back(it->second);
    }
    if (carers.empty()) continue;
    LineStyle st = care.kind == CareKind::Adoption ? LineStyle::LongDashed : LineStyle::Dotted;
    std::vector<std::string> ends{people_[k].id};
    for (int c : carers) ends.push_back(people_[c].id);
    int gr = ++group;
    double sx, sy;
    int crow = row_[carers[0]];
    int cp = -1;
    if (carers.size() == 2)
      for (std::size_t c = 0; c < couples_.size(); ++c)
        if ((couples_[c].a == carers[0] && couples_[c].b == carers[1]) || (couples_[c].a == carers[1] && couples_[c].b == carers[0]))
          cp = static_cast<int>(c);
    double dir = 0;
    if (cp >= 0 && couple_group[cp] >= 0) {
      // Starts on the couple's line, so it is drawn as part of the couple's lines.
      auto [hx, hy] = drop_at[cp];
      dir = x[k] < hx ? -1 : 1;
      sx = hx + dir * 4;
      sy = hy;
      gr = couple_group[cp];
      --group;
    } else {
      int c = carers[0];
      dir = x[k] < x[c] ? -1 : 1;
      // From the carer's side, out to the gap beside them.
      sx = x[c] + dir * (plan.symbols[c].size / 2);
      sy = plan.symbols[c].y + kSymbol / 4;
      int nb = pos[c] + static_cast<int>(dir);
      const auto& members = rows[crow];
      double gx = nb >= 0 && nb < static_cast<int>(members.size()) ? (x[c] + x[members[nb]]) / 2 : x[c] + dir * (width_[c] / 2 + kGap);
      plan.lines.push_back({sx, sy, gx, sy, st, gr, ends});
      sx = gx;
    }
    double cx = x[k] - dir * kSymbol / 4;
    double band = track(crow, sx, cx);
    plan.lines.push_back({sx, sy, sx, band, st, gr, ends});
    plan.lines.push_back({sx, band, cx, band, st, gr, ends});
    plan.lines.push_back({cx, band, cx, top_at(k, cx), st, gr, ends});
  }

  // A significant adult who is not related: a dotted line to the household beside them.
  bool drew_significant = false;
  for (std::size_t p = 0; p < people_.size(); ++p) {
    if (!unrelated_[p] || !placed_[p] || people_[p].household) continue;  // in the household: inside its outline
    const auto& members = rows[row_[p]];
    for (int dir : {-1, 1}) {
      int nb = pos[p] + dir;
      if (nb < 0 || nb >= static_cast<int>(members.size()) || !people_[members[nb]].household || unrelated_[members[nb]]) continue;
      int q = members[nb];
      double yy = plan.symbols[p].y;
      double x1 = x[p] + dir * plan.symbols[p].size / 2, x2 = x[q] - dir * plan.symbols[q].size / 2;
      plan.lines.push_back({x1, yy, x2, yy, LineStyle::Dotted, ++group, {people_[p].id, people_[q].id}});
      drew_significant = true;
      break;
    }
  }

  // The household: a box round each run of neighbours who live together, joined by corridors
  // through the bands between rows, where only lines run.
  struct Run {
    int row;
    double lo, hi;
  };
  std::vector<Run> runs;
  for (const auto& [r, members] : rows) {
    for (std::size_t i = 0; i < members.size();) {
      if (!people_[members[i]].household) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < members.size() && people_[members[j + 1]].household) ++j;
      runs.push_back({r, x[members[i]] - width_[members[i]] / 2 - 4, x[members[j]] + width_[members[j]] / 2 + 4});
      i = j + 1;
    }
  }
  auto run_box = [&](const Run& r) {
    double ry = row_y(r.row);
    return Box{r.lo, ry - 3, r.hi - r.lo, kSymbol + kLabelBand + 1};
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    plan.household.push_back(run_box(runs[i]));
    if (i == 0) continue;
    // Join it to the nearest run before it in its own row or the row above.
    int best = -1;
    double best_d = kInf;
    for (std::size_t j = 0; j < i; ++j) {
      if (runs[i].row - runs[j].row > 1) continue;
      double d = std::abs((runs[i].lo + runs[i].hi) / 2 - (runs[j].lo + runs[j].hi) / 2);
      if (d < best_d) {
        best_d = d;
        best = static_cast<int>(j);
      }
    }
    if (best < 0) continue;
    const Run& a = runs[best];
    const Run& b = runs[i];
    double ax = (std::max(a.lo, b.lo) < std::min(a.hi, b.hi)) ? (std::max(a.lo, b.lo) + std::min(a.hi, b.hi)) / 2 : (a.lo + a.hi) / 2;
    double bx = (std::max(a.lo, b.lo) < std::min(a.hi, b.hi)) ? ax : (b.lo + b.hi) / 2;
    Box ab = run_box(a), bb = run_box(b);
    double band = row_y(a.row) + kSymbol + kLabelBand + 1;  // the band under row a
    double w = 8;
    plan.corridors.push_back({ax - w / 2, ab.y + ab.h - 1, w, band + kBand - 2 - (ab.y + ab.h - 1)});
    plan.corridors.push_back({std::min(ax, bx) - w / 2, band + 1, std::abs(bx - ax) + w, kBand - 3});
    if (b.row == a.row)
      plan.corridors.push_back({bx - w / 2, bb.y + bb.h - 1, w, band + kBand - 2 - (bb.y + bb.h - 1)});
    else
      plan.corridors.push_back({bx - w / 2, band + 1, w, bb.y + 1 - (band + 1)});
  }

  double bottom = row_y(max_row) + kSymbol + kLabelBand;
  plan.drawing = {kMargin, top, drawing_right - kMargin, bottom - top};

  // The key: only what the drawing uses, in 004 k's words where it has them.
  bool male = false, female = false, unknown = false, pregnancy = false, death = false, miscarriage = false,
       termination = false, stillbirth = false, twins = false, identical = false, placeholder = false;
  for (const auto& p : people_) {
    if (p.symbol == GenoSymbol::Person && !p.placeholder) {
      male = male || p.sex == Sex::Male;
      female = female || p.sex == Sex::Female;
      unknown = unknown || p.sex == Sex::Unknown;
    }
    pregnancy = pregnancy || p.symbol == GenoSymbol::Pregnancy;
    miscarriage = miscarriage || p.symbol == GenoSymbol::Miscarriage;
    termination = termination || p.symbol == GenoSymbol::Termination;
    stillbirth = stillbirth || p.symbol == GenoSymbol::Stillbirth;
    death = death || p.died;
    placeholder = placeholder || p.placeholder;
    if (!p.twin_of.empty() && index_.count(p.twin_of))
      (p.identical_twin || people_[index_.at(p.twin_of)].identical_twin ? identical : twins) = true;
  }
  bool married = false, transitory = false, separated = false, divorced = false, unrecorded = false;
  for (const auto& c : couples_) {
    if (!placed_[c.a] || !placed_[c.b]) continue;
    married = married || c.kind == UnionKind::Married || c.kind == UnionKind::Enduring;
    transitory = transitory || c.kind == UnionKind::Transitory;
    unrecorded = unrecorded || c.kind == UnionKind::Unrecorded;
    separated = separated || c.end == UnionEnd::Separated;
    divorced = divorced || c.end == UnionEnd::Divorced;
  }
  bool adoption = false, fostering = false;
  for (const auto& c : g_.cares) (c.kind == CareKind::Adoption ? adoption : fostering) = true;
  bool household = !runs.empty(), significant;
  significant = drew_significant;
  bool estimated = false;
  for (const auto& p : people_) estimated = estimated || p.inside.rfind("c.", 0) == 0;
  std::vector<std::pair<std::string, std::string>> keys;
  keys.push_back({"subject", "The child at the centre of the review"});
  if (male) keys.push_back({"male", "Male"});
  if (female) keys.push_back({"female", "Female"});
  if (unknown) keys.push_back({"unknown", "Gender unknown"});
  if (pregnancy) keys.push_back({"pregnancy", "Pregnancy"});
  if (death) keys.push_back({"death", "Death"});
  if (miscarriage) keys.push_back({"miscarriage", "Miscarriage"});
  if (termination) keys.push_back({"termination", "Abortion (termination)"});
  if (stillbirth) keys.push_back({"stillbirth", "Stillbirth"});
  if (married) keys.push_back({"enduring", "Enduring relationship (marriage or co-habitation)"});
  if (transitory) keys.push_back({"transitory", "Transitory relationship"});
  if (separated) keys.push_back({"separated", "Separation"});
  if (divorced) keys.push_back({"divorced", "Divorce"});
  if (unrecorded) keys.push_back({"unrecorded", "Relationship not recorded"});
  if (twins) keys.push_back({"twins", "Twins"});
  if (identical) keys.push_back({"identical", "Identical twins"});
  if (adoption) keys.push_back({"adopted", "Adopted (to the adoptive parents)"});
  if (fostering) keys.push_back({"fostered", "Fostered (to the foster carers)"});
  if (placeholder) keys.push_back({"not-recorded", "Parent not recorded"});
  if (household) keys.push_back({"household", "Household (living together)"});
  if (significant) keys.push_back({"significant", "Significant adult, not related"});
  if (estimated) keys.push_back({"estimated", "c. \u2014 date of birth estimated"});
  double ky = bottom + 18;
  PlacedText key_title = measure_.text("Key", kMargin, kLegendSize + 0.5, true);
  set_text_top(key_title, ky);
  plan.headings.push_back(key_title);
  ky += 12;
  // Entries flow left to right in columns of one width, as many as the drawing is wide.
  double col_w = 0;
  for (const auto& [what, label] : keys) col_w = std::min(215.0, std::max(col_w, 30 + measure_.width(label, kLegendSize, false)));
  col_w += 12;
  double avail = std::max(drawing_right - kMargin, 2 * col_w);
  int cols = std::max(1, static_cast<int>(avail / col_w));
  int per_col = static_cast<int>((keys.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    int col = static_cast<int>(i) / per_col, line = static_cast<int>(i) % per_col;
    double kx = kMargin + col * col_w, yy = ky + line * 16;
    GenoLegendEntry e;
    e.what = keys[i].first;
    e.symbol = {kx, yy, 24, 12};
    std::string label = measure_.fit(keys[i].second, col_w - 42, kLegendSize, false);
    e.label = measure_.text(label, kx + 30, kLegendSize, false);
    set_text_top(e.label, yy + 6 - e.label.box.h / 2);
    plan.legend.push_back(e);
  }
  double end = ky + per_col * 16 + 4;
  if (!g_.marking.empty()) {
    PlacedText t = measure_.text(printable(g_.marking), kMargin, kHeadSize, true);
    set_text_top(t, end + 2);
    plan.headings.push_back(t);
    end += kHeadSize * kLineHeight + 4;
  }
  double widest = drawing_right;
  for (const auto& h : plan.headings) widest = std::max(widest, h.box.x + h.box.w);
  for (const auto& e : plan.legend) widest = std::max(widest, e.label.box.x + e.label.box.w);
  plan.width = std::ceil(widest + kMargin);
  plan.height = std::ceil(end + kMargin);
  // The marking at the top, in the middle.
  if (!plan.headings.empty() && !g_.marking.empty()) {
    auto centre = [&](PlacedText& t) {
      t.x = (plan.width - t.box.w) / 2;
      t.box.x = t.x;
    };
    centre(plan.headings.front());
    centre(plan.headings.back());
  }
  return plan;
}

}  // namespace

void set_text_top(PlacedText& t, double top) {
  t.box.y = top;
  t.baseline = top + kAscent * t.size;
}

std::optional<GenogramPlan> plan_genogram(const Genogram& g) {
  Layout layout(g);
  return layout.run();
}

}  // namespace reviewkit::figures

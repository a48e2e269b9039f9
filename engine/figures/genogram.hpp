// reviewkit/figures — the genogram: a family drawn with the standard symbols, laid out
// automatically, as SVG, PDF or PNG.
//
// In: a Genogram — the people (sex, the child at the centre of the review, death, pregnancy and its
// outcome, twins, household, labels already in the words to show), the couples (their kind, and
// whether they separated or divorced) and the children placed with carers (adoption, fostering).
// Out: a GenogramPlan — every symbol, line and label with its place in points — and the drawing
// made from it, or the family in words. The symbols are those of the DOH Framework's guide that
// 004 k reproduces: male square, female circle, sex unknown diamond, pregnancy triangle, death a
// cross, miscarriage a small filled circle, termination a small cross, stillbirth a small symbol
// crossed; the child at the centre drawn with a double line; couples joined by a line below the
// symbols' middles (solid: married or enduring; dashed: transitory), one stroke for a separation,
// two for a divorce; children on a line beneath their parents, oldest left; twins from one point,
// identical twins with a bar between; adopted children joined to their adoptive parents by a
// dashed line, fostered by a dotted one; the household inside one outline. Never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "figures/plan.hpp"
#include "figures/timeline.hpp"

namespace reviewkit::figures {

enum class Sex { Male, Female, Unknown };
enum class GenoSymbol { Person, Pregnancy, Miscarriage, Termination, Stillbirth };

struct GenoPerson {
  std::string id;
  std::string name;                ///< the first line of the label: "Child A" (or the real name)
  std::vector<std::string> lines;  ///< more lines under it: "b. 2001", "d. 2021", a short note
  std::string inside;              ///< written inside the symbol: the age ("34")
  std::string relationship;        ///< to the child, for the words: "mother"
  std::string note;                ///< the short note of the case file, for the words too
  Sex sex = Sex::Unknown;
  GenoSymbol symbol = GenoSymbol::Person;
  bool subject = false;      ///< the child at the centre of the review: a double line
  bool died = false;         ///< a cross through the symbol
  bool household = false;    ///< inside the household's outline
  bool placeholder = false;  ///< a parent the case does not record: drawn dashed with "?"
  std::optional<Date> born;  ///< birth order (for a pregnancy, its expected or outcome date)
  std::vector<std::string> parents;  ///< ids of the birth parents drawn (0 to 2)
  std::string twin_of;
  bool identical_twin = false;
};

enum class UnionKind { Married, Enduring, Transitory, Unrecorded };
enum class UnionEnd { None, Separated, Divorced };
struct GenoUnion {
  std::string a, b;
  UnionKind kind = UnionKind::Enduring;
  UnionEnd end = UnionEnd::None;
  std::optional<Date> from;  ///< orders a person's partners in time
  std::string years;         ///< for the words: "2021 to 2023"
};

enum class CareKind { Adoption, Fostering };
struct GenoCare {
  std::string child;
  std::vector<std::string> carers;  ///< one or two ids
  CareKind kind = CareKind::Adoption;
  std::string years;
};

struct Genogram {
  std::string title;    ///< "Genogram: Child A's family"
  std::string as_of;    ///< "As known on 1 December 2026"
  std::string marking;  ///< the security marking, at the top and the foot
  std::vector<GenoPerson> people;
  std::vector<GenoUnion> unions;
  std::vector<GenoCare> cares;
};

/// The most people a genogram draws; more is refused (nothing is drawn).
constexpr std::size_t kMaxGenogramPeople = 400;

enum class LineStyle { Solid, Dashed, LongDashed, Dotted, Thin };
/// One straight line of the drawing. Lines of one connection (a couple's line and its strokes; a
/// family's drop, bar and lines to each child; a placement's line) share `group`; lines of
/// different groups never meet. `ends` are the people the connection joins, whose symbols its
/// lines may touch.
struct GenoSegment {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  LineStyle style = LineStyle::Solid;
  int group = 0;
  std::vector<std::string> ends;
};

enum class Shape { Square, Circle, Diamond, Triangle, Cross };
struct PlacedSymbol {
  std::string id;
  Shape shape = Shape::Square;  ///< the outline lines meet (a termination's small cross: none)
  double x = 0, y = 0;  ///< the centre
  double size = 0;      ///< the side of its square
  Box box;              ///< what it covers
};

struct GenoLegendEntry {
  std::string what;  ///< "male", "female", "transitory"… (what the key draws)
  Box symbol;
  PlacedText label;
};

struct GenogramPlan {
  double width = 0, height = 0;
  std::vector<PlacedText> headings;  ///< title, as-of line, marking (top), marking (foot)
  std::vector<PlacedSymbol> symbols;  ///< one per person, in the order of Genogram::people, then `added`
  std::vector<GenoPerson> added;      ///< parents the case does not record, drawn for their children
  std::vector<std::vector<PlacedText>> labels;  ///< each person's label lines, in the same order
  std::vector<PlacedText> insides;              ///< the ages written inside symbols
  std::vector<GenoSegment> lines;
  std::vector<Box> household;  ///< boxes round neighbours who live together (outlined and tinted)
  std::vector<Box> corridors;  ///< tinted bridges joining them into one shape
  std::vector<GenoLegendEntry> legend;
  Box drawing;  ///< the family, without headings and key
};

/// Nothing when the genogram has no people, more than kMaxGenogramPeople, or text cannot be measured.
std::optional<GenogramPlan> plan_genogram(const Genogram& g);

/// The drawing at its own size (PNG at `dpi`); empty when it cannot be drawn.
std::string draw_genogram(const Genogram& g, Format f, int dpi = 300);
/// Its size in points, {0, 0} when it cannot be drawn.
std::pair<double, double> genogram_size(const Genogram& g);

/// The family in words, for readers who cannot see the drawing.
std::string describe_genogram(const Genogram& g);

}  // namespace reviewkit::figures

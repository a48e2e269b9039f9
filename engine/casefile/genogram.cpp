#include "casefile/genogram.hpp"

#include <algorithm>
#include <set>

namespace reviewkit::casefile {

namespace {

bool in_period(const Date& d, const std::optional<Date>& from, const std::optional<Date>& to) {
  return (!from || !(d < *from)) && (!to || d < *to);
}

std::string month_year(const Date& d) { return d.format("%b %Y"); }

}  // namespace

figures::Genogram genogram_of(const Case& c, const GenogramOptions& options) {
  using namespace figures;
  const Date& on = options.as_of;
  Genogram g;
  const Person& child = c.child;
  std::string child_label = child.pseudonym.empty() ? child.name : child.pseudonym;
  g.title = "Genogram: " + child_label + "\u2019s family";
  g.as_of = "As known on " + on.uk();
  if (c.data && c.data->get("review") && c.data->get("review")->get("security_marking"))
    g.marking = c.data->get("review")->get("security_marking")->text();
  if (options.named)
    g.marking = g.marking.empty() ? "RESTRICTED \u2014 COPY WITH REAL NAMES" : g.marking + " \u2014 COPY WITH REAL NAMES";

  std::set<std::string> drawn;
  for (const Person* p : c.people()) {
    GenoPerson q;
    q.id = p->id;
    bool pregnancy = !p->pregnancy_outcome.empty() && p->pregnancy_outcome != "born";
    if (pregnancy) {
      const std::string& o = p->pregnancy_outcome;
      if (o == "ongoing") {
        // Known from about nine months before it was due.
        if (p->expected && on < p->expected->add_days(-280)) continue;
        q.symbol = GenoSymbol::Pregnancy;
        if (p->expected) q.lines.push_back("due " + month_year(*p->expected));
        q.born = p->expected;
      } else {
        // A loss is drawn from its date on (when the pregnancy became known is not recorded).
        if (p->outcome_date && on < *p->outcome_date) continue;
        q.symbol = o == "miscarriage" ? GenoSymbol::Miscarriage : o == "stillbirth" ? GenoSymbol::Stillbirth : GenoSymbol::Termination;
        std::string what = o == "miscarriage" ? "miscarriage" : o == "stillbirth" ? "stillbirth" : "termination";
        q.lines.push_back(p->outcome_date ? what + " " + month_year(*p->outcome_date) : what);
        q.born = p->outcome_date;
      }
    } else {
      if (p->date_of_birth && on < *p->date_of_birth) continue;  // not yet born
      q.born = p->date_of_birth;
      bool dead = p->died && !(on < *p->died);
      q.died = dead;
      if (p->date_of_birth) {
        Date at = dead ? *p->died : on;
        int age = age_in_years(*p->date_of_birth, at);
        if (age >= 0) q.inside = (p->date_of_birth_approximate ? "c." : "") + std::to_string(age);
        q.lines.push_back(std::string("b. ") + (p->date_of_birth_approximate ? "c." : "") + std::to_string(p->date_of_birth->year) +
                          (dead ? "  d. " + std::to_string(p->died->year) : ""));
      } else if (dead) {
        q.lines.push_back("d. " + std::to_string(p->died->year));
      }
    }
    std::string label = p->pseudonym.empty() ? p->name : p->pseudonym;
    if (options.named && !p->name.empty()) {
      q.name = p->name;
      q.lines.insert(q.lines.begin(), label);
    } else {
      q.name = label;
    }
    if (!p->genogram_note.empty()) {
      q.lines.push_back(p->genogram_note);
      q.note = p->genogram_note;
    }
    q.relationship = p->relationship;
    q.sex = p->sex == "male" ? Sex::Male : p->sex == "female" ? Sex::Female : Sex::Unknown;
    q.subject = p->is_child;
    q.household = p->household;
    if (!p->household_periods.empty()) {
      q.household = false;
      for (const auto& h : p->household_periods) q.household = q.household || in_period(on, h.from, h.to);
    }
    if (pregnancy) q.household = false;  // a pregnancy is drawn with its mother, who is in or out
    if (q.died) q.household = false;     // no one lives anywhere after their death
    q.parents = p->parents;
    q.twin_of = p->twin_of;
    q.identical_twin = p->identical_twin;
    drawn.insert(q.id);
    g.people.push_back(q);
  }
  for (auto& q : g.people) {
    std::vector<std::string> parents;
    for (const auto& id : q.parents)
      if (drawn.count(id)) parents.push_back(id);
    q.parents = parents;
    if (!drawn.count(q.twin_of)) q.twin_of.clear();
  }
  auto died_on = [&](const std::string& id) -> std::optional<Date> {
    const Person* p = c.person(id);
    return p ? p->died : std::nullopt;
  };
  for (const auto& pair : c.partnerships) {
    if (pair.partners.size() != 2 || !drawn.count(pair.partners[0]) || !drawn.count(pair.partners[1])) continue;
    if (pair.from && on < *pair.from) continue;  // not begun (a couple with children is still drawn, unrecorded)
    GenoUnion u;
    u.a = pair.partners[0];
    u.b = pair.partners[1];
    u.from = pair.from;
    bool ended = pair.to && !(on < *pair.to);
    std::string ended_by_death;
    const std::string& k = pair.kind;
    u.kind = k == "married" || k == "divorced" ? UnionKind::Married : k == "transitory" ? UnionKind::Transitory : UnionKind::Enduring;
    if (ended) {
      if (k == "divorced") u.end = UnionEnd::Divorced;
      else if (k == "separated") u.end = UnionEnd::Separated;
      else {
        auto da = died_on(u.a), db = died_on(u.b);
        bool by_death = (da && *da == *pair.to) || (db && *db == *pair.to);
        if (!by_death) u.end = UnionEnd::Separated;
        if (by_death) {
          const Person* gone = c.person(da && *da == *pair.to ? u.a : u.b);
          ended_by_death = gone ? (gone->pseudonym.empty() ? gone->name : gone->pseudonym) : std::string();
          if (options.named && gone && !gone->name.empty()) ended_by_death = gone->name;
        }
      }
    } else if (!pair.to) {
      // No end date: as the kind says.
      if (k == "divorced") u.end = UnionEnd::Divorced;
      else if (k == "separated") u.end = UnionEnd::Separated;
    }
    if (!ended_by_death.empty())
      u.years = (pair.from ? "from " + std::to_string(pair.from->year) + " " : std::string()) + "until " + ended_by_death +
                " died in " + std::to_string(pair.to->year);
    else if (pair.from && pair.to && ended) u.years = std::to_string(pair.from->year) + " to " + std::to_string(pair.to->year);
    else if (pair.from) u.years = "from " + std::to_string(pair.from->year);
    else if (pair.to && ended) u.years = "until " + std::to_string(pair.to->year);
    g.unions.push_back(u);
  }
  for (const Person* p : c.people()) {
    if (!drawn.count(p->id)) continue;
    for (const auto& pl : p->placements) {
      if (pl.from && on < *pl.from) continue;
      bool fostering = pl.kind == "fostering";
      if (fostering && pl.to && !(on < *pl.to)) continue;  // a fostering that has ended
      GenoCare care;
      care.child = p->id;
      for (const auto& id : pl.carers)
        if (drawn.count(id)) care.carers.push_back(id);
      if (care.carers.empty()) continue;
      care.kind = fostering ? CareKind::Fostering : CareKind::Adoption;
      if (pl.from) care.years = "from " + pl.from->uk();
      g.cares.push_back(care);
    }
  }
  // Someone joined to the family only by lines not yet drawn on the day (a partner who came later,
  // the parent of a child not yet born) was not yet part of the picture: left out. Someone with no
  // line to anyone in the case at all is a significant adult who is not related, and stays.
  auto linked_in_case = [&](const Person& p) {
    if (!p.parents.empty() || !p.placements.empty() || p.is_child) return true;
    for (const auto& pair : c.partnerships)
      if (std::find(pair.partners.begin(), pair.partners.end(), p.id) != pair.partners.end()) return true;
    for (const Person* q : c.people()) {
      if (std::find(q->parents.begin(), q->parents.end(), p.id) != q->parents.end()) return true;
      for (const auto& pl : q->placements)
        if (std::find(pl.carers.begin(), pl.carers.end(), p.id) != pl.carers.end()) return true;
    }
    return false;
  };
  std::set<std::string> linked;
  for (const auto& q : g.people) {
    for (const auto& id : q.parents)
      if (drawn.count(id)) {
        linked.insert(id);
        linked.insert(q.id);
      }
    if (q.subject) linked.insert(q.id);
  }
  for (const auto& u : g.unions) linked.insert({u.a, u.b});
  for (const auto& care : g.cares) {
    linked.insert(care.child);
    linked.insert(care.carers.begin(), care.carers.end());
  }
  std::vector<GenoPerson> kept;
  for (auto& q : g.people) {
    const Person* p = c.person(q.id);
    if (p && linked_in_case(*p) && !linked.count(q.id)) {
      drawn.erase(q.id);
      continue;
    }
    kept.push_back(std::move(q));
  }
  g.people = std::move(kept);
  return g;
}

}  // namespace reviewkit::casefile

#include "summary.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <functional>
#include <sstream>

#include "common/text.hpp"
#include "common/utf8.hpp"
#include "guidance.hpp"
#include "read.hpp"
#include "schema.hpp"

namespace reviewkit::casefile {

std::string review_kind_name(const std::string& kind) {
  static const std::map<std::string, std::string> names = {
      {"scr", "Serious Case Review"},
      {"lcspr", "Local Child Safeguarding Practice Review"},
      {"rapid-review", "Rapid Review"},
      {"sar", "Safeguarding Adults Review"},
      {"dhr", "Domestic Homicide Review"},
      {"silp", "Significant Incident Learning Process"},
      {"multi-agency-review", "Multi-Agency Review"},
      {"single-agency-review", "Single-Agency Review"},
      {"audit", "Audit"},
  };
  auto it = names.find(kind);
  return it == names.end() ? kind : it->second;
}

namespace {

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Counts of a field's values in the order given, "5 agency reports, 1 nil return".
template <typename T, typename F>
std::string tally(const std::vector<T>& items, F value, const std::vector<std::string>& order,
                  const std::map<std::string, std::pair<std::string, std::string>>& names) {
  std::map<std::string, std::size_t> counts;
  for (const auto& i : items) ++counts[value(i)];
  std::vector<std::string> keys = order;
  for (const auto& [key, n] : counts)
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  std::string out;
  for (const auto& key : keys) {
    if (key.empty() || !counts.count(key)) continue;
    std::size_t n = counts[key];
    auto it = names.find(key);
    std::string label = it == names.end() ? plural(n, key, key) : plural(n, it->second.first, it->second.second);
    out += (out.empty() ? "" : ", ") + label;
  }
  return out;
}

int generations(const Case& c) {
  std::map<std::string, int> depth;
  std::function<int(const Person*, int)> up = [&](const Person* p, int guard) -> int {
    if (!p || guard > 20) return 0;
    if (auto it = depth.find(p->id); it != depth.end()) return it->second;
    int d = 1;
    for (const auto& id : p->parents) d = std::max(d, 1 + up(c.person(id), guard + 1));
    depth[p->id] = d;
    return d;
  };
  int most = 0;
  for (const auto* p : c.people()) most = std::max(most, up(p, 0));
  return most;
}

std::string pad(const std::string& s, std::size_t width) {
  // Width in characters, not bytes (dates and labels are ASCII; names may not be).
  std::size_t chars = 0;
  for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
  return s + std::string(chars < width ? width - chars : 1, ' ');
}

}  // namespace

std::string stage_line(const Case& c) {
  const auto& stage = stage_table()[c.progress.index];
  std::string out = "Stage: " + stage.id;
  if (c.progress.track == "no-review") out += " (no review: " + decision_clause(c.decision_options) + ")";
  else if (c.progress.track == "alternative") out += " (an alternative review: " + decision_clause(c.decision_options) + ")";
  else if (c.progress.track == "awaiting-information") out += " (the decision waits for further information)";
  if (auto how = c.progress.reached(stage.id)) out += " — " + *how;
  return out;
}

std::string deadline_status(const Deadline& d, const Date& today) {
  auto days = [](long n) { return counted(n, "day"); };
  switch (d.status(today)) {
    case DeadlineStatus::Waiting: return "waiting";
    case DeadlineStatus::Met: return "met on " + d.done->uk();
    case DeadlineStatus::Late: return "LATE: done " + d.done->uk() + ", " + days(d.days_over(today)) + " late";
    case DeadlineStatus::Due: return "not done yet";
    case DeadlineStatus::Overdue: return "OVERDUE by " + days(d.days_over(today));
  }
  return {};
}

std::string deadline_line(const Deadline& d, const Date& today) {
  std::string out = pad(d.label(), 52);
  if (!d.due) return out + "not yet set (" + d.rule->describe() + ")";
  out += "due " + pad(d.due->uk(), 19) + deadline_status(d, today) + "  (" + d.rule->describe();
  if (d.statutory && *d.statutory != *d.due) out += "; extended from " + d.statutory->uk();
  if (!d.note.empty()) out += "; " + d.note;
  return out + ")";
}

std::string summary(const Case& c, const Date& today) {
  std::ostringstream out;
  out << review_kind_name(c.kind) << " " << c.reference << ": " << c.child.pseudonym << " — "
      << (c.board.name.empty() ? c.board_id : c.board.name) << "\n";
  if (auto incident = c.date("incident"))
    out << "  incident:        " << (c.incident_kind == "death" ? "death" : "serious harm") << " on " << incident->uk()
        << "; abuse or neglect " << c.abuse_or_neglect << "\n";
  out << "  people:          the child and " << plural(c.family.size(), "family member or significant adult",
                                                          "family members and significant adults")
      << " (" << plural(static_cast<std::size_t>(generations(c)), "generation", "generations") << ")";
  if (!c.places.empty()) out << "; " << plural(c.places.size(), "place", "places") << " anonymised";
  out << "\n";
  out << "  agencies:        " << c.agencies.size();
  std::string contributions = tally(c.agencies, [](const Agency& a) { return a.contribution; },
                                    {"agency-report", "statement-of-information", "nil-return", "none"},
                                    {{"agency-report", {"agency report", "agency reports"}},
                                     {"statement-of-information", {"statement of information", "statements of information"}},
                                     {"nil-return", {"nil return", "nil returns"}},
                                     {"none", {"with no contribution", "with no contribution"}}});
  if (!contributions.empty()) out << " (" << contributions << ")";
  out << "; " << plural(c.professionals.size(), "professional", "professionals") << "\n";
  const data::Node* panel = c.data->get("panel");
  std::size_t meetings = read::items(panel, "meetings").size();
  if (!panel) {
    out << "  panel:           not yet appointed\n";
  } else {
    out << "  panel:           " << (c.panel_chair.name.empty() ? "no chair yet" : "chair") << ", "
        << plural(c.panel_members.size(), "member", "members") << ", overview author "
        << (c.author.name.empty() ? "not yet appointed" : c.author.name);
    if (meetings) out << "; " << plural(meetings, "meeting", "meetings");
    out << "\n";
  }
  if (!c.chronology.empty()) {
    std::set<std::string> agencies;
    for (const auto& e : c.chronology) agencies.insert(e.agency);
    out << "  chronology:      " << plural(c.chronology.size(), "entry", "entries") << " from "
        << plural(agencies.size(), "agency", "agencies") << ", " << c.chronology.front().date.uk() << " to "
        << c.chronology.back().date.uk() << "\n";
  } else {
    out << "  chronology:      no entries yet\n";
  }
  out << "  recommendations: " << c.recommendations.size();
  std::string scopes = tally(c.recommendations, [](const Recommendation& r) { return r.scope; },
                             {"multi-agency", "single-agency"}, {{"single-agency", {"single-agency", "single-agency"}},
                              {"multi-agency", {"multi-agency", "multi-agency"}}});
  if (!scopes.empty()) out << " (" << scopes << ")";
  out << "; action plan: " << plural(c.actions.size(), "action", "actions");
  std::string rag = tally(c.actions, [](const ActionPlanItem& a) { return a.rag; }, {"red", "amber", "green", "blue"}, {});
  if (!rag.empty()) out << " (" << rag << ")";
  out << "\n";

  out << stage_line(c) << "\n";
  if (std::string next = c.progress.next(); !next.empty()) out << "  next: " << next << "\n";
  for (const auto& p : c.progress.pending) out << "  planned: review.dates." << p << " (after today: a plan, not yet an event)\n";
  out << "Key dates:\n";
  std::vector<std::pair<Date, std::string>> key_dates;
  for (const auto& f : review_dates_shape().fields)
    if (auto d = c.date(f.key)) key_dates.push_back({*d, f.doc});
  std::stable_sort(key_dates.begin(), key_dates.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [d, label] : key_dates) out << "  " << pad(d.uk(), 19) << label << "\n";

  auto deadlines = c.deadlines(today);
  if (!deadlines.empty()) {
    out << "Deadlines (" << (c.board.name.empty() ? c.board_id : c.board.name) << ", Working Together "
        << c.working_together << "), as of " << today.uk() << ":\n";
    for (const auto& d : deadlines) out << "  " << deadline_line(d, today) << "\n";
  }
  return out.str();
}

namespace {

data::NodePtr clone(const data::Node& n) {
  auto out = std::make_shared<data::Node>(n);
  for (auto& item : out->items) item = clone(*item);
  for (auto& e : out->entries) e.value = clone(*e.value);
  return out;
}

void add_ages(data::Node* person, const Person& p, const std::optional<Date>& incident) {
  if (!person || !p.date_of_birth || !incident) return;
  std::string age = describe_age(*p.date_of_birth, *incident);
  if (age.empty()) return;
  person->set("age_at_incident", data::Node::make_scalar(age));
  person->set("age_at_incident_years",
              data::Node::make_scalar(std::to_string(age_in_years(*p.date_of_birth, *incident)), false));
}

}  // namespace

data::NodePtr template_data(const Case& c, const Date& today) {
  auto root = clone(*c.data);
  auto incident = c.date("incident");
  add_ages(root->get("child"), c.child, incident);
  if (data::Node* children = root->get("children"); children && children->is_list()) {
    for (std::size_t i = 0; i < children->items.size(); ++i)
      add_ages(children->items[i].get(), i == 0 ? c.child : c.other_children.at(i - 1), incident);
    if (!root->get("child") && !children->items.empty()) root->set("child", clone(*children->items[0]));
  } else if (const data::Node* one = root->get("child")) {
    auto list = data::Node::make_list();
    list->items.push_back(clone(*one));
    root->set("children", list);
  }
  // The children as letters speak of them: "Child A", or "Child A and Child B", with what happened
  // to each ("Child A, who died on 15 January 2025").
  {
    std::vector<const Person*> kids{&c.child};
    for (const auto& k : c.other_children) kids.push_back(&k);
    std::vector<std::string> names, pseudonyms, initials_, born, named, pseudonymous, initialled;
    for (const auto* k : kids) {
      // Only what the case file records: a death from the child's death.date; serious harm on the
      // incident's date when the review is of serious harm.
      std::string what;
      if (k->died) what = "who died on " + k->died->uk();
      else if (c.incident_kind == "serious-harm" && incident) what = "who was seriously harmed on " + incident->uk();
      names.push_back(k->name);
      pseudonyms.push_back(k->pseudonym);
      initials_.push_back(initials(k->name));
      born.push_back(k->name + (k->date_of_birth ? " (born " + k->date_of_birth->uk() + ")" : std::string()));
      named.push_back(k->name + (what.empty() ? "" : ", " + what));
      pseudonymous.push_back(k->pseudonym + (what.empty() ? "" : ", " + what));
      initialled.push_back(initials(k->name) + (what.empty() ? "" : ", " + what));
    }
    // Items that hold commas of their own take one before "and" too: "Child A, who died on 15 January
    // 2025, and Child B".
    auto clauses = [](const std::vector<std::string>& items) {
      bool commas = std::any_of(items.begin(), items.end(), [](const std::string& i) { return i.find(',') != std::string::npos; });
      std::string out = listed(items);
      if (commas && items.size() > 1) {
        auto at = out.rfind(" and " + items.back());
        if (at != std::string::npos) out.insert(at, ",");
      }
      return out;
    };
    auto the = data::Node::make_map();
    the->set("names", data::Node::make_scalar(listed(names)));
    the->set("pseudonyms", data::Node::make_scalar(listed(pseudonyms)));
    the->set("initials", data::Node::make_scalar(listed(initials_)));
    the->set("names_born", data::Node::make_scalar(listed(born)));
    the->set("names_and_what_happened", data::Node::make_scalar(clauses(named)));
    the->set("pseudonyms_and_what_happened", data::Node::make_scalar(clauses(pseudonymous)));
    the->set("initials_and_what_happened", data::Node::make_scalar(clauses(initialled)));
    the->set("count", data::Node::make_scalar(std::to_string(kids.size()), false));
    root->set("the_children", the);
  }
  if (data::Node* family = root->get("family"); family && family->is_list())
    for (std::size_t i = 0; i < family->items.size() && i < c.family.size(); ++i)
      add_ages(family->items[i].get(), c.family[i], incident);

  if (data::Node* review = root->get("review")) {
    review->set("kind_name", data::Node::make_scalar(review_kind_name(c.kind)));
    review->set("stage", data::Node::make_scalar(c.progress.stage()));
    review->set("track", data::Node::make_scalar(c.progress.track));
    if (data::Node* decision = review->get("decision"); decision && !c.decision_option.empty()) {
      auto it = decision_options().find(c.decision_option);
      if (it != decision_options().end()) decision->set("option_text", data::Node::make_scalar(it->second));
      std::string clause = decision_clause(c.decision_options);
      if (!clause.empty()) decision->set("decided", data::Node::make_scalar(clause));
      for (const auto& o : c.decision_options)
        if (o >= "c" && o <= "g") decision->set("alternative", data::Node::make_scalar(o));
    }
  }
  // Each agency's representative on the panel, and whether a criminal process runs beside the review
  // (staff interviews are then cleared with the police first: 004 b).
  if (data::Node* agencies = root->get("agencies"); agencies && agencies->is_list()) {
    for (auto& item : agencies->items) {
      std::string abbreviation = read::str(item.get(), "abbreviation");
      for (const auto* m : read::items(c.data->get("panel"), "members"))
        if (!abbreviation.empty() && read::str(m, "agency") == abbreviation && item->is_map())
          item->set("panel_representative", data::Node::make_scalar(read::str(m, "name") + ", " + read::str(m, "job_title")));
    }
  }
  if (data::Node* review = root->get("review")) {
    bool criminal = false;
    for (const auto* p : read::items(c.data.get(), "parallel_processes")) {
      std::string kind = read::str(p, "kind");
      criminal = criminal || kind == "criminal-investigation" || kind == "prosecution";
    }
    review->set("criminal_proceedings", data::Node::make_scalar(criminal ? "true" : "false", false));
  }
  // Each professional's agency, by name and with its report author, so a letter to a practitioner
  // can say who is writing to them without looking the agency up.
  if (data::Node* professionals = root->get("professionals"); professionals && professionals->is_list()) {
    for (auto& item : professionals->items) {
      const Agency* a = c.agency(read::str(item.get(), "agency"));
      if (!a || !item->is_map()) continue;
      item->set("agency_name", data::Node::make_scalar(a->name));
      std::string author = read::str(a->node ? a->node->get("author") : nullptr, "name");
      if (!author.empty()) item->set("agency_report_author", data::Node::make_scalar(author));
    }
  }
  auto deadlines = data::Node::make_map();
  for (const auto& d : c.deadlines(today)) {
    if (!d.subject.empty()) continue;  // an agency's own deadlines are read from the agency
    auto entry = data::Node::make_map();
    entry->set("label", data::Node::make_scalar(d.rule->label));
    entry->set("rule", data::Node::make_scalar(d.rule->describe()));
    if (d.due) entry->set("due", data::Node::make_scalar(d.due->iso(), false));
    if (d.statutory) entry->set("statutory_due", data::Node::make_scalar(d.statutory->iso(), false));
    if (!d.note.empty()) entry->set("note", data::Node::make_scalar(d.note));
    if (auto late = d.days_late()) {
      entry->set("met", data::Node::make_scalar(*late <= 0 ? "true" : "false", false));
      entry->set("days_late", data::Node::make_scalar(std::to_string(std::max(0L, *late)), false));
    }
    deadlines->set(d.rule->name, entry);
  }
  root->set("deadlines", deadlines);
  if (c.board.node && c.board.node->is_map()) {
    auto board = clone(*c.board.node);
    board->entries.erase(std::remove_if(board->entries.begin(), board->entries.end(),
                                        [](const data::Entry& e) { return e.key == "deadlines"; }),
                         board->entries.end());
    root->set("board", board);
  }
  root->set("today", data::Node::make_scalar(today.iso(), false));
  if (const Edition* e = edition(c.working_together)) {
    auto guidance = data::Node::make_map();
    guidance->set("edition", data::Node::make_scalar(e->year));
    guidance->set("citation", data::Node::make_scalar(e->citation));
    std::vector<std::string> bodies = e->decision_bodies;
    for (const auto& b : c.board.decision_bodies)
      if (std::find(bodies.begin(), bodies.end(), b) == bodies.end()) bodies.push_back(b);
    guidance->set("decision_bodies", data::Node::make_scalar(listed(bodies)));
    guidance->set("extension_agreed_by",
                  data::Node::make_scalar(c.board.extension_agreed_by.empty() ? e->extension_agreed_by : c.board.extension_agreed_by));
    guidance->set("review_name", data::Node::make_scalar(e->review_name));
    guidance->set("publication_told", data::Node::make_scalar(e->publication_told));
    root->set("guidance", guidance);
  }
  return root;
}

}  // namespace reviewkit::casefile

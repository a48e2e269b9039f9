#include <algorithm>
#include <filesystem>
#include <set>

#include "case.hpp"
#include "checks.hpp"
#include "common/numbers.hpp"
#include "common/text.hpp"
#include "expressions/expression.hpp"
#include "read.hpp"
#include "schema.hpp"

namespace reviewkit::casefile {

namespace fs = std::filesystem;
using read::date;
using read::flag;
using read::items;
using read::str;
using read::strs;

std::vector<const Person*> Case::people() const {
  std::vector<const Person*> out{&child};
  for (const auto& p : other_children) out.push_back(&p);
  for (const auto& p : family) out.push_back(&p);
  return out;
}

const Person* Case::person(const std::string& id) const {
  for (const auto* p : people())
    if (p->id == id) return p;
  return nullptr;
}

const Agency* Case::agency(const std::string& abbreviation) const {
  for (const auto& a : agencies)
    if (a.abbreviation == abbreviation) return &a;
  return nullptr;
}

std::optional<Date> Case::date(const std::string& key) const {
  auto it = dates.find(key);
  if (it == dates.end()) return std::nullopt;
  return it->second;
}

std::optional<Date> Case::agency_date(const std::string& abbreviation, const std::string& key) const {
  const Agency* a = agency(abbreviation);
  if (!a || !a->node) return std::nullopt;
  auto dot = key.find('.');
  if (dot == std::string::npos) return read::date(a->node, key);
  return read::date(a->node->get(key.substr(0, dot)), key.substr(dot + 1));
}

std::vector<Deadline> Case::deadlines(const std::optional<Date>& today) const {
  std::vector<std::string> agencies_;
  for (const auto& a : agencies) agencies_.push_back(a.abbreviation);
  auto date_of = [&](const std::string& key, const std::string& subject) -> std::optional<Date> {
    if (!subject.empty() && key.find('.') != std::string::npos) return agency_date(subject, key);
    return date(key);
  };
  // Off the review's track (no review, or the decision still waiting for information), only the
  // deadlines of the referral and its decision apply; and a decision to gather information first
  // is not the decision the rule times.
  bool off_track = progress.track == "no-review" || progress.track == "awaiting-information";
  static const std::set<std::string> decision_deadlines = {"decision", "decision_notified", "agencies_notified",
                                                           "ofsted_notified", "information_due"};
  auto applies = [&](const DeadlineRule& rule) {
    if (off_track && (!rule.each.empty() || !decision_deadlines.count(rule.done_key()))) return false;
    if (rule.when.empty()) return true;
    std::string error;
    auto condition = expressions::parse_expression(rule.when, error);
    if (!condition) return false;  // the board loader has reported it
    expressions::Scope scope(data.get());
    auto ev = expressions::evaluate(*condition, scope);
    return ev.error.empty() && ev.value.truthy();
  };
  auto out = compute_deadlines(board.deadlines, date_of, agencies_, applies, today);
  if (progress.track == "awaiting-information")
    for (auto& d : out)
      if (d.rule->done_key() == "decision") d.done.reset();
  // An agreed extension moves the completion deadline to the date proposed, when it was asked for
  // in time; one asked for after the deadline leaves the completion late.
  auto requested = date("extension_requested");
  if (requested && today && *today < *requested) requested.reset();
  for (auto& d : out) {
    if (d.rule->done_key() != "completion" || d.rule->due.size()) continue;
    if (!requested || !d.statutory) continue;
    if (*d.statutory < *requested) {
      d.note = "the extension was asked for " + counted(requested->days() - d.statutory->days(), "day") +
               " after the deadline";
    } else if (auto agreed = date("extension_agreed"); agreed && extension_proposed && !(today && *today < *agreed)) {
      d.due = extension_proposed;
    }
  }
  return out;
}

namespace {

Person read_person(const data::Node* n, bool is_child) {
  Person p;
  p.id = str(n, "id");
  p.name = str(n, "name");
  p.pseudonym = str(n, "pseudonym");
  p.relationship = str(n, "relationship");
  p.date_of_birth = date(n, "date_of_birth");
  p.date_of_birth_approximate = flag(n, "date_of_birth_approximate").value_or(false);
  p.sex = str(n, "sex");
  p.household = flag(n, "household").value_or(false);
  p.parents = strs(n, "parents");
  p.twin_of = str(n, "twin_of");
  p.identical_twin = flag(n, "identical_twin").value_or(false);
  for (const auto* h : items(n, "household_periods")) p.household_periods.push_back({date(h, "from"), date(h, "to"), h});
  for (const auto* pl : items(n, "placements"))
    p.placements.push_back({str(pl, "kind"), strs(pl, "carers"), date(pl, "from"), date(pl, "to"), pl});
  p.genogram_note = str(n, "genogram_note");
  p.died = date(n ? n->get("death") : nullptr, "date");
  const data::Node* pregnancy = n ? n->get("pregnancy") : nullptr;
  p.pregnancy_outcome = str(pregnancy, "outcome");
  p.expected = date(pregnancy, "expected");
  p.outcome_date = date(pregnancy, "date");
  p.is_child = is_child;
  p.node = n;
  return p;
}

PanelPerson read_panel_person(const data::Node* n, bool named_by_default) {
  return {str(n, "name"), str(n, "job_title"), str(n, "organisation"),
          flag(n, "named_in_publication").value_or(named_by_default)};
}

ChronologyEntry read_entry(const data::Node* n) {
  ChronologyEntry e;
  e.date = date(n, "date").value_or(Date{});
  e.date_estimated = flag(n, "date_estimated").value_or(false);
  e.time = str(n, "time");
  e.time_estimated = flag(n, "time_estimated").value_or(false);
  e.agency = str(n, "agency");
  e.subjects = strs(n, "subjects");
  e.age = str(n, "age");
  e.from = str(n, "from");
  e.child_seen = flag(n, "child_seen");
  e.seen_alone = flag(n, "seen_alone");
  e.wishes_and_feelings = flag(n, "wishes_and_feelings");
  e.contact_type = str(n, "contact_type");
  e.source = str(n, "source");
  e.event = str(n, "event");
  e.response = str(n, "response");
  e.comment = str(n, "comment");
  e.staff = strs(n, "staff");
  e.node = n;
  return e;
}

void build_model(Case& c) {
  const data::Node* root = c.data.get();
  const data::Node* review = root->get("review");
  c.kind = str(review, "kind");
  c.reference = str(review, "reference");
  c.board_id = str(review, "board");
  c.working_together = str(review, "working_together");
  c.incident_kind = str(review, "incident_kind");
  c.abuse_or_neglect = str(review, "abuse_or_neglect");
  if (const data::Node* dates = review ? review->get("dates") : nullptr; dates && dates->is_map())
    for (const auto& e : dates->entries)
      if (auto d = Date::parse(e.value->text())) c.dates[e.key] = *d;
  const data::Node* decision = review ? review->get("decision") : nullptr;
  c.decision_options = strs(decision, "options");
  if (std::string one = str(decision, "option"); !one.empty()) c.decision_options.insert(c.decision_options.begin(), one);
  if (!c.decision_options.empty()) c.decision_option = c.decision_options.front();
  c.extension_proposed = date(review ? review->get("extension") : nullptr, "proposed_date");

  if (const data::Node* one = root->get("child"); one || !root->get("children")) {
    c.child = read_person(one, true);
  } else {
    auto children = items(root, "children");
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (i == 0) c.child = read_person(children[i], true);
      else c.other_children.push_back(read_person(children[i], true));
    }
    if (children.empty()) c.child = read_person(nullptr, true);
  }
  for (const auto* n : items(root, "family")) c.family.push_back(read_person(n, false));
  for (const auto* n : items(root, "partnerships")) c.partnerships.push_back({strs(n, "partners"), str(n, "kind"), date(n, "from"), date(n, "to"), n});
  for (const auto* n : items(root, "places")) c.places.push_back({str(n, "id"), str(n, "name"), str(n, "pseudonym")});
  for (const auto* n : items(root, "agencies"))
    c.agencies.push_back({str(n, "abbreviation"), str(n, "name"), str(n, "kind"), str(n, "contribution"),
                          str(n ? n->get("chronology") : nullptr, "status"), n});
  for (const auto* n : items(root, "professionals"))
    c.professionals.push_back({str(n, "role_code"), str(n, "name"), str(n, "role"), str(n, "agency"), n});

  const data::Node* panel = root->get("panel");
  if (panel) {
    c.board_chair = read_panel_person(panel->get("board_chair"), true);
    c.panel_chair = read_panel_person(panel->get("chair"), true);
    c.author = read_panel_person(panel->get("author"), true);
    for (const auto* n : items(panel, "members")) c.panel_members.push_back(read_panel_person(n, false));
  }
  const data::Node* period = root->get("terms_of_reference") ? root->get("terms_of_reference")->get("period") : nullptr;
  c.period_from = date(period, "from");
  c.period_to = date(period, "to");

  const data::Node* chronology = root->get("chronology");
  for (const auto& file : c.chronology_files)
    for (const auto* n : items(file.get(), "entries")) c.chronology.push_back(read_entry(n));
  for (const auto* n : items(chronology, "entries")) c.chronology.push_back(read_entry(n));
  std::stable_sort(c.chronology.begin(), c.chronology.end(), [](const ChronologyEntry& a, const ChronologyEntry& b) {
    return a.date != b.date ? a.date < b.date : a.time < b.time;
  });

  for (const auto* n : items(root, "findings")) {
    Finding f{str(n, "id"), str(n, "text"), 0, n};
    if (auto focus = parse_integer<int>(str(n, "focus"))) f.focus = *focus;  // the schema tells a value that is not a number
    c.findings.push_back(std::move(f));
  }
  for (const auto* n : items(root, "recommendations"))
    c.recommendations.push_back({str(n, "id"), str(n, "text"), str(n, "source"), str(n, "scope"), str(n, "agency"), n, strs(n, "findings")});
  for (const auto* n : items(root, "action_plan"))
    c.actions.push_back({str(n, "recommendation"), str(n, "action"), str(n, "lead"), str(n, "lead_agency"),
                         str(n ? n->get("progress") : nullptr, "rag"), date(n, "target_date"), n});
}

// Agency chronology files named under chronology.files, each YAML with an `entries:` list.
void load_chronology_files(Case& c, data::IdTable& ids, Diagnostics& diags) {
  static const data::Shape entry_list = [] {
    data::Shape s{"agency chronology file", {}};
    const data::Field* entries = case_shape().field("chronology")->type.shape->field("entries");
    s.fields = {{"entries", entries->type, true, "the agency's chronology entries"}};
    return s;
  }();
  const data::Node* chronology = c.data->get("chronology");
  const data::Node* files = chronology ? chronology->get("files") : nullptr;
  if (!files || !files->is_list()) return;
  fs::path base = fs::path(c.file).parent_path();
  for (std::size_t i = 0; i < files->items.size(); ++i) {
    const data::Node& item = *files->items[i];
    if (!item.is_scalar() || item.scalar.empty()) continue;
    fs::path path = fs::path(item.scalar).is_absolute() ? fs::path(item.scalar) : base / item.scalar;
    Diagnostics file_diags;
    auto root = data::load_yaml_file(path.string(), file_diags);
    if (!root) {
      // Say where the file was named, not only that it is missing.
      for (const auto& d : file_diags.items()) {
        if (d.where.line == 0) {
          diags.error(item.where(), "chronology file '" + item.scalar + "': " + d.message,
                      "the path is relative to the case file's folder");
        } else {
          diags.add(d);
        }
      }
      continue;
    }
    diags.append(file_diags);
    data::check(*root, entry_list, "", ids, diags);
    c.chronology_files.push_back(root);
  }
}

}  // namespace

std::optional<Case> load_case(const std::string& path, Diagnostics& diags, const std::optional<Date>& today) {
  auto root = data::load_yaml_file(path, diags);
  if (!root) return std::nullopt;
  Case c;
  c.file = path;
  c.data = root;
  data::IdTable ids;
  if (!root->is_map()) {
    data::check(*root, case_shape(), "", ids, diags);
    return std::nullopt;
  }
  c.progress = progress_of(*root, today);
  c.today = today;
  data::check(*root, case_shape(), "", ids, diags,
              [&](const std::string& stage) { return c.progress.reached(stage); });
  if (const data::Node* version = root->get("reviewkit"); version && version->text() != "1")
    diags.error(version->where(), "this case file is for reviewkit format " + version->text() + "; this reviewkit reads format 1",
                "update reviewkit, or set reviewkit: 1");
  load_chronology_files(c, ids, diags);
  data::resolve_references(ids, id_space_homes(), diags);
  build_model(c);
  const data::Node* review = root->get("review");
  if (review && review->is_map() && !c.board_id.empty()) {
    if (auto board = load_board(c.board_id, path, read::at(review, "board"), diags)) c.board = std::move(*board);
  }
  check_case(c, diags);
  return c;
}

}  // namespace reviewkit::casefile

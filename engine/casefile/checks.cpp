#include "checks.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/text.hpp"
#include "expressions/expression.hpp"
#include "guidance.hpp"
#include "read.hpp"
#include "schema.hpp"

namespace reviewkit::casefile {

namespace {

using read::at;

std::string lower(const std::string& s) { return ascii_lower(s); }

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s + " ") {
    if (std::isalpha(static_cast<unsigned char>(ch)) || (ch & 0x80) || ch == '\'' || ch == '-') {
      cur += ch;
    } else if (!cur.empty()) {
      out.push_back(lower(cur));
      cur.clear();
    }
  }
  return out;
}

// The referral form's decision: one option, or b) with one of c) to g) "clearly documented on the
// referral" (003 Appendix 1); the option and the kind of review should agree.
void check_decision(const Case& c, Diagnostics& diags) {
  const data::Node* review = c.data->get("review");
  const data::Node* decision = review ? review->get("decision") : nullptr;
  const auto& opts = c.decision_options;
  bool has_one = decision && decision->get("option") && !read::str(decision, "option").empty();
  bool has_list = decision && decision->get("options") && !read::strs(decision, "options").empty();
  if (has_one && has_list) {
    diags.error(at(decision, "options"), "review.decision has both option and options",
                "write option: for one decision, or options: [b, d] for two decided together");
    return;
  }
  if (c.progress.reached("decided") && decision && decision->is_map() && !has_one && !has_list)
    diags.error(decision->where(), "review.decision records no option",
                "add option: (the referral form's decision, a) to i)); it is needed now that " +
                    *c.progress.reached("decided"));
  if (has_list) {
    auto alternative = [](const std::string& o) { return o.size() == 1 && o[0] >= 'c' && o[0] <= 'g'; };
    bool ok = opts.size() == 2 && std::count(opts.begin(), opts.end(), "b") == 1 &&
              std::count_if(opts.begin(), opts.end(), alternative) == 1;
    if (opts.size() == 1) {
      diags.error(at(decision, "options"), "review.decision.options lists one option",
                  "write option: " + opts.front() + " for a single decision");
      return;
    }
    if (!ok) {
      diags.error(at(decision, "options"),
                  "the options " + listed(opts) + " cannot be decided together",
                  "the referral form combines b) (not a serious case review) with one of c) to g) (the review to hold "
                  "instead); any other decision is one option: write option: X");
      return;
    }
  }
  // Not a serious case review where the guidance says there must be one: a child died and abuse or
  // neglect is known or suspected (000, Introduction: "should always be undertaken"; 001 §1.1 under
  // Working Together 2013: "must always trigger an SCR").
  bool not_a_review = !opts.empty() && std::find(opts.begin(), opts.end(), "a") == opts.end() &&
                      std::find(opts.begin(), opts.end(), "h") == opts.end();
  if (not_a_review && c.incident_kind == "death" && !c.abuse_or_neglect.empty() && c.working_together <= "2015")
    diags.warning(at(decision, has_list ? "options" : "option"),
                  "the decision is not to hold a serious case review, but the child died and abuse or neglect is " +
                      c.abuse_or_neglect,
                  "under Working Together " + c.working_together +
                      " such a case must always have a serious case review (000, Introduction; 001 §1.1): check the "
                      "decision, or record in the reasons why the criteria are not met");
  if (not_a_review && c.progress.track == "no-review" && decision && decision->is_map() &&
      read::str(decision, "alternatives_considered").empty())
    diags.warning(at(decision, has_list ? "options" : "option"),
                  "the decision is not to hold a serious case review, and review.decision.alternatives_considered is empty",
                  "record the alternative reviews considered and the outcome: \"it must be clearly documented on the "
                  "referral that consideration for an alternative review has taken place\" (003 §1.2)");
  static const std::map<std::string, std::vector<std::string>> kinds_for_option = {
      {"a", {"scr", "lcspr"}},         {"c", {"silp"}},  {"d", {"multi-agency-review"}},
      {"e", {"single-agency-review"}}, {"f", {"audit"}}, {"g", {"audit"}},
  };
  const auto& valid_kinds = review_kinds();
  bool kind_valid = std::find(valid_kinds.begin(), valid_kinds.end(), c.kind) != valid_kinds.end();
  for (const auto& option : opts) {
    auto it = kinds_for_option.find(option);
    if (!kind_valid || it == kinds_for_option.end()) continue;
    const auto& kinds = it->second;
    if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end())
      diags.warning(at(decision, has_list ? "options" : "option"),
                    "the decision is option " + option + ") but review.kind is '" + c.kind + "'",
                    "option " + option + ") leads to a review of kind '" + kinds.front() + "'");
  }
}

void check_review_dates(const Case& c, Diagnostics& diags) {
  struct Order {
    const char* earlier;
    const char* later;
    const char* why;
  };
  static const Order orders[] = {
      {"incident", "referral", "a case is referred after the incident"},
      {"incident", "ofsted_notified", "Ofsted is told of an incident after it happens"},
      {"referral", "decision", "the decision is made on the referral"},
      {"decision", "decision_notified", "Ofsted and the National Panel are told of a decision already made"},
      {"decision", "scoping_meeting", "the scoping meeting follows the decision"},
      {"decision", "chronologies_due", "chronologies are asked for after the decision"},
      {"decision", "agency_reports_due", "agency reports are asked for after the decision"},
      {"decision", "extension_requested", "an extension is asked for once the review is under way"},
      {"extension_requested", "extension_agreed", "an extension is agreed after it is asked for"},
      {"decision", "completion", "a review is completed after it is decided on"},
      {"completion", "publication", "a report is published after the review is completed"},
      {"publication_notified", "publication", "the National Panel is told before publication"},
  };
  const data::Node* review = c.data->get("review");
  const data::Node* dates = review ? review->get("dates") : nullptr;
  for (const auto& o : orders) {
    auto a = c.date(o.earlier), b = c.date(o.later);
    if (a && b && *b < *a)
      diags.error(at(dates, o.later),
                  std::string("review.dates.") + o.later + " (" + b->uk() + ") is before review.dates." + o.earlier +
                      " (" + a->uk() + ")",
                  std::string(o.why) + ": check both dates");
  }
  if (c.date("extension_agreed") && !c.date("extension_requested"))
    diags.error(at(dates, "extension_agreed"), "an extension is agreed but review.dates.extension_requested is not set",
                "add the date the extension was asked for");
  const data::Node* extension = review ? review->get("extension") : nullptr;
  if (c.extension_proposed) {
    auto from = c.date("extension_requested");
    if (from && *c.extension_proposed <= *from)
      diags.error(at(extension, "proposed_date"),
                  "review.extension.proposed_date (" + c.extension_proposed->uk() +
                      ") is not after the extension was requested (" + from->uk() + ")",
                  "the proposed date is the new completion date");
  }
  check_decision(c, diags);
}

// A date the board's rules count from must be in the case file once it matters: when the thing
// it times is done, or from the start when it is a fact of the referral (Enfield and Tameside count
// the decision from the day the case came to the chair's attention).
void check_deadline_dates(const Case& c, Diagnostics& diags) {
  const data::Node* review = c.data->get("review");
  const data::Node* dates = review ? review->get("dates") : nullptr;
  std::set<std::string> told;
  for (const auto& d : c.deadlines(c.today)) {
    if (!d.subject.empty() || !d.rule->due.empty() || d.rule->before || d.anchor || told.count(d.rule->anchor)) continue;
    static const std::set<std::string> referral_facts = {"incident", "referral", "chair_aware", "ofsted_notified"};
    bool done = d.done.has_value();
    if (!done && !referral_facts.count(d.rule->anchor)) continue;
    if (dates && dates->get(d.rule->anchor)) continue;  // written, but not a date: reported as such
    told.insert(d.rule->anchor);
    std::string message = "the board's rule for '" + d.rule->label + "' counts from review.dates." + d.rule->anchor +
                          ", which the case file does not record";
    std::string hint = "add review.dates." + d.rule->anchor + " (board profile '" + c.board.id + "': " + d.rule->describe() +
                       (d.rule->source.empty() ? "" : ", " + d.rule->source) + ")";
    Location where = dates ? dates->where() : (review ? review->where() : Location{c.file, 0, 0, {}, {}, 0});
    diags.error(where, message, hint);
  }
  // A rule whose condition cannot be evaluated for this case (a filter on a value of another kind)
  // would be left out without a word.
  for (std::size_t i = 0; i < c.board.deadlines.size(); ++i) {
    const auto& rule = c.board.deadlines[i];
    if (rule.when.empty()) continue;
    std::string error;
    auto condition = expressions::parse_expression(rule.when, error);
    if (!condition) continue;  // the board loader has reported it
    expressions::Scope scope(c.data.get());
    auto ev = expressions::evaluate(*condition, scope);
    if (!ev.error.empty())
      diags.warning(i < c.board.deadline_places.size() ? c.board.deadline_places[i] : Location{c.board.file, 0, 0, {}, {}, 0},
                    "the board's rule '" + rule.name + "' cannot be decided for this case: when " + rule.when + ": " +
                        ev.error,
                    ev.hint.empty() ? "check the condition against the case file" : ev.hint);
  }
  // Who agreed an extension, and how: the edition's body, in writing (004 f: "agreed in writing by
  // Government Office"; 001 §4.4: "agreed OFSTED"; 003 §1.4: Ofsted and the National Panel).
  const data::Node* extension = review ? review->get("extension") : nullptr;
  if (c.date("extension_agreed") && read::str(extension, "agreed_by").empty()) {
    const Edition* e = edition(c.working_together);
    diags.warning(at(dates, "extension_agreed"), "the extension is agreed but review.extension.agreed_by does not say by whom",
                  "add agreed_by: under review.extension" + (e ? " (for a " + e->year + " review, " + e->extension_agreed_by + ")" : std::string()) +
                      ", and agreed_in_writing: true when it was agreed in writing");
  }
  // A body the board's procedure tells of decisions needs a contact for its notice.
  static const std::map<std::string, std::string> contact_of = {{"the Department for Education", "dfe"}};
  const data::Node* contacts = c.data->get("contacts");
  for (const auto& body : c.board.decision_bodies) {
    auto it = contact_of.find(body);
    if (it != contact_of.end() && !(contacts && contacts->get(it->second)))
      diags.warning(at(c.data.get(), "contacts"),
                    "the board's procedure tells " + body + " of decisions, but the case file has no contacts." + it->second,
                    "add contacts." + it->second + " so that the decision notice is made for it, and letters that say it was "
                    "told are true");
  }
  if (!c.board.editions.empty() && !c.working_together.empty() &&
      std::find(c.board.editions.begin(), c.board.editions.end(), c.working_together) == c.board.editions.end())
    diags.warning(at(review, "working_together"),
                  "the board profile '" + c.board.id + "' covers Working Together " + listed(c.board.editions) +
                      ", not " + c.working_together,
                  "its timescales may not be the ones this review follows: check the profile's editions and "
                  "deadlines, or name the profile written for this edition");
}

void check_pseudonyms(const Case& c, Diagnostics& diags) {
  struct Alias {
    std::string pseudonym, name, owner;
    const data::Node* node;
    bool person = true;  // a person's name words identify them; a place's ("Nursery", "ward") need not
  };
  std::vector<Alias> aliases;
  for (const auto* p : c.people()) aliases.push_back({p->pseudonym, p->name, "person '" + p->id + "'", p->node});
  const auto places = read::items(c.data.get(), "places");
  for (std::size_t i = 0; i < c.places.size() && i < places.size(); ++i)
    aliases.push_back({c.places[i].pseudonym, c.places[i].name, "place '" + c.places[i].id + "'", places[i], false});

  std::vector<std::pair<std::string, std::string>> real_names;  // name, whose
  for (const auto& a : aliases)
    if (!a.name.empty()) real_names.push_back({a.name, a.owner});
  for (const auto& p : c.professionals) real_names.push_back({p.name, "professional '" + p.role_code + "'"});

  std::map<std::string, const Alias*> seen;
  for (const auto& a : aliases) {
    if (a.pseudonym.empty()) continue;
    Location where = at(a.node, "pseudonym");
    auto key = lower(a.pseudonym);
    if (auto it = seen.find(key); it != seen.end()) {
      diags.error(where, "the pseudonym '" + a.pseudonym + "' is used twice",
                  "it is also the pseudonym of " + it->second->owner + " at line " +
                      std::to_string(at(it->second->node, "pseudonym").line) + ": each needs its own");
      continue;
    }
    seen[key] = &a;
    bool leaked = false;
    for (const auto& [name, whose] : real_names) {
      if (lower(name) == key) {
        diags.error(where, "the pseudonym '" + a.pseudonym + "' is the real name of " + whose,
                    "choose a pseudonym such as 'Parent 1' or 'Adult 2'");
        leaked = true;
        break;
      }
    }
    if (leaked || a.name.empty() || !a.person) continue;
    auto pseudo_words = words(a.pseudonym);
    for (const auto& w : words(a.name)) {
      if (w.size() >= 3 && std::find(pseudo_words.begin(), pseudo_words.end(), w) != pseudo_words.end()) {
        diags.error(where, "the pseudonym '" + a.pseudonym + "' contains '" + w + "' from the real name",
                    "a pseudonym must not give away any part of the real name");
        break;
      }
    }
  }
}

void check_person(const Case& c, const Person& p, Diagnostics& diags) {
  const data::Node* n = p.node;
  auto incident = c.date("incident");
  bool pregnancy = !p.pregnancy_outcome.empty();
  if (!p.is_child && p.name.empty() && !pregnancy)
    diags.error(n ? n->where() : Location{c.file, 0, 0, {}, {}, 0}, "family member '" + p.id + "' is missing 'name'",
                "add name: (their real full name); only a pregnancy may be recorded without one");
  if (p.is_child && n && !p.date_of_birth && !(pregnancy && p.expected))  // no child at all is told once, as such
    diags.error(n ? n->where() : Location{c.file, 0, 0, {}, {}, 0}, "the child is missing 'date_of_birth'",
                "add date_of_birth: YYYY-MM-DD (for an unborn child, pregnancy: with its expected date)");
  if (p.date_of_birth && incident && *incident < *p.date_of_birth && !pregnancy)
    diags.error(at(n, "date_of_birth"),
                "'" + p.id + "' was born (" + p.date_of_birth->uk() + ") after the incident (" + incident->uk() + ")",
                "check the date of birth; an unborn child is recorded with pregnancy: and its expected date");
  if (p.date_of_birth_approximate && !p.date_of_birth)
    diags.warning(at(n, "date_of_birth_approximate"), "'" + p.id + "' has an approximate date of birth but no date_of_birth",
                  "add the estimated date as date_of_birth");
  if (p.died && p.date_of_birth && *p.died < *p.date_of_birth)
    diags.error(at(n ? n->get("death") : nullptr, "date"),
                "'" + p.id + "' died (" + p.died->uk() + ") before being born (" + p.date_of_birth->uk() + ")",
                "check both dates");
  for (const auto* plan : read::items(n, "child_protection_plans")) {
    auto from = read::date(plan, "from"), to = read::date(plan, "to");
    if (from && to && *to < *from)
      diags.error(at(plan, "to"), "a child protection plan of '" + p.id + "' ends (" + to->uk() + ") before it starts (" +
                                      from->uk() + ")",
                  "check both dates");
  }
  if (p.parents.size() > 2)
    diags.error(at(n, "parents"), "'" + p.id + "' has " + std::to_string(p.parents.size()) + " parents",
                "list the two birth parents here; step-parents and carers are partnerships or significant adults");
  for (const auto& parent_id : p.parents) {
    if (parent_id == p.id) {
      diags.error(at(n, "parents"), "'" + p.id + "' is listed as their own parent", "remove their own id");
      continue;
    }
    const Person* parent = c.person(parent_id);
    if (parent && parent->date_of_birth && p.date_of_birth && *p.date_of_birth <= *parent->date_of_birth)
      diags.error(at(n, "parents"),
                  "'" + p.id + "' (born " + p.date_of_birth->uk() + ") is not younger than their parent '" + parent_id +
                      "' (born " + parent->date_of_birth->uk() + ")",
                  "check the dates of birth and the parents listed");
  }
  if (p.identical_twin && p.twin_of.empty())
    diags.warning(at(n, "identical_twin"), "'" + p.id + "' is marked an identical twin but names no twin",
                  "add twin_of: with the id of their twin");
  const DatedPeriod* open_period = nullptr;
  const DatedPeriod* last = nullptr;
  for (const auto& h : p.household_periods) {
    if (h.from && h.to && *h.to < *h.from)
      diags.error(at(h.node, "to"), "'" + p.id + "' leaves the household (" + h.to->uk() + ") before joining it (" + h.from->uk() + ")",
                  "check both dates");
    if (!h.to) open_period = &h;
    if (!last || (h.from && last->from && *last->from < *h.from)) last = &h;
  }
  if (!p.household_periods.empty()) {
    bool lives_there = p.household;
    if (lives_there && !open_period && last && last->to)
      diags.warning(at(n, "household"), "'" + p.id + "' is marked household: true but left the household on " + last->to->uk(),
                    "write household: false, or leave the last period's 'to' empty if they came back");
    if (!lives_there && open_period)
      diags.warning(at(n, "household"), "'" + p.id + "' has a household period with no end but is not marked household: true",
                    "write household: true, or give the period the day they left as 'to'");
  }
  for (const auto& pl : p.placements) {
    if (pl.carers.empty() || pl.carers.size() > 2)
      diags.error(at(pl.node, "carers"), "a placement of '" + p.id + "' names " + std::to_string(pl.carers.size()) + " carers",
                  "name the one or two adoptive parents or foster carers by their ids");
    for (const auto& carer : pl.carers)
      if (carer == p.id) diags.error(at(pl.node, "carers"), "'" + p.id + "' is listed as their own carer", "remove their own id");
    if (pl.from && pl.to && *pl.to < *pl.from)
      diags.error(at(pl.node, "to"), "a placement of '" + p.id + "' ends (" + pl.to->uk() + ") before it begins (" + pl.from->uk() + ")",
                  "check both dates");
  }
  if (!p.twin_of.empty()) {
    if (p.twin_of == p.id) {
      diags.error(at(n, "twin_of"), "'" + p.id + "' is listed as their own twin", "name the other twin's id");
    } else if (const Person* twin = c.person(p.twin_of);
               twin && twin->date_of_birth && p.date_of_birth &&
               std::labs(twin->date_of_birth->days() - p.date_of_birth->days()) > 1) {
      diags.warning(at(n, "twin_of"), "'" + p.id + "' and their twin '" + p.twin_of + "' have different dates of birth",
                    "check both dates of birth");
    }
  }
}

void check_family(const Case& c, Diagnostics& diags) {
  for (const auto* p : c.people()) check_person(c, *p, diags);
  for (const auto& pair : c.partnerships) {
    std::set<std::string> distinct(pair.partners.begin(), pair.partners.end());
    if (pair.partners.size() != 2 || distinct.size() != 2)
      diags.error(at(pair.node, "partners"), "a partnership needs two different partners",
                  "write partners: [first-id, second-id]");
    auto from = read::date(pair.node, "from"), to = read::date(pair.node, "to");
    if (from && to && *to < *from)
      diags.error(at(pair.node, "to"), "a partnership ends (" + to->uk() + ") before it begins (" + from->uk() + ")",
                  "check both dates");
  }
}

void check_agencies(const Case& c, Diagnostics& diags) {
  for (const auto& a : c.agencies) {
    const data::Node* author = a.node ? a.node->get("author") : nullptr;
    if (a.contribution == "agency-report" && !author) {
      if (auto how = c.progress.reached("reports-in"))
        diags.error(at(a.node, "contribution"), "agency '" + a.abbreviation + "' sent an agency report but names no author",
                    "add author: with their name and independence; it is needed now that " + *how);
      else
        diags.warning(at(a.node, "contribution"), "agency '" + a.abbreviation + "' is asked for an agency report but has no author",
                      "add author: with their name and independence once one is named");
    }
    if (author) {
      for (const char* key : {"independent_of_case", "independent_of_line_management"})
        if (read::flag(author, key) == false)
          diags.warning(at(author, key), "the author of " + a.abbreviation + "'s agency report is not independent (" + key + ")",
                        "the guidance asks for an author with no involvement in the case or its line management");
    }
    const data::Node* report = a.node ? a.node->get("report") : nullptr;
    auto requested = read::date(report, "requested"), received = read::date(report, "received"),
         signed_off = read::date(report, "signed_off"), due = read::date(report, "due");
    std::optional<Date> received_by_today = received && !(c.today && *c.today < *received) ? received : std::nullopt;
    if (requested && received && *received < *requested)
      diags.error(at(report, "received"), a.abbreviation + "'s agency report was received (" + received->uk() +
                                              ") before it was requested (" + requested->uk() + ")",
                  "check both dates");
    if (requested && due && *due < *requested)
      diags.error(at(report, "due"), a.abbreviation + "'s agency report is due (" + due->uk() + ") before it was requested (" +
                                         requested->uk() + ")",
                  "check both dates");
    // Sign-off comes before submission (000: "before it goes to the SCR Panel"; 003: "before its
    // submission"; 004: "prior to submission").
    std::string rule = c.board.sign_off_rule.empty()
                           ? "an agency report is signed off by the agency's senior manager before it is submitted"
                           : c.board.sign_off_rule;
    if (a.contribution != "agency-report") continue;
    if (received_by_today && !signed_off)
      diags.warning(at(report, "received"), a.abbreviation + "'s agency report was received (" + received->uk() +
                                                ") with no sign-off recorded",
                    "the board's procedure says: " + rule + "; add signed_off: with the date it was signed off");
    else if (received_by_today && signed_off && *received < *signed_off)
      diags.warning(at(report, "signed_off"), a.abbreviation + "'s agency report was signed off (" + signed_off->uk() +
                                                  ") after it was received (" + received->uk() + ")",
                    "the board's procedure says: " + rule + "; check both dates");
  }
}

void check_chronology(const Case& c, Diagnostics& diags) {
  for (const auto& e : c.chronology) {
    if (e.seen_alone == true && e.child_seen == false)
      diags.error(at(e.node, "seen_alone"), "the child is recorded as seen alone but not seen",
                  "set child_seen: true, or seen_alone: false");
    if (c.period_from && c.period_to && e.date.year && (e.date < *c.period_from || *c.period_to < e.date))
      diags.warning(at(e.node, "date"), "chronology entry of " + e.date.uk() + " is outside the period under review (" +
                                            c.period_from->uk() + " to " + c.period_to->uk() + ")",
                    "the chronology should cover only the period in the terms of reference");
    for (const auto& code : e.staff) {
      auto it = std::find_if(c.professionals.begin(), c.professionals.end(),
                             [&](const Professional& p) { return p.role_code == code; });
      if (it != c.professionals.end() && c.agency(it->agency) && it->agency != e.agency)
        diags.warning(at(e.node, "staff"), code + " works for " + it->agency + ", but the entry is " + e.agency + "'s",
                      "an agency's chronology records its own staff; check the agency or the role code");
    }
  }
}

void check_findings(const Case& c, Diagnostics& diags) {
  // The chain a report shows: finding → recommendation → action. Checked once the review records
  // findings: a finding no recommendation answers, a recommendation that answers none.
  if (c.findings.empty()) return;
  std::size_t questions = read::items(c.data && c.data->get("terms_of_reference") ? c.data->get("terms_of_reference") : nullptr,
                                      "focus_questions").size();
  for (const auto& f : c.findings) {
    Location at = f.node ? f.node->where() : Location{c.file, 0, 0, {}, {}, 0};
    if (f.node && f.node->get("focus") && (f.focus < 1 || static_cast<std::size_t>(f.focus) > questions))
      diags.error(f.node->get("focus")->where(),
                  "finding '" + f.id + "' answers focus question " + f.node->get("focus")->text() + ", but the terms of reference have " +
                      counted(static_cast<long long>(questions), "focus question"),
                  "give the number of the question it answers, from 1 to " + std::to_string(questions) + " (terms_of_reference.focus_questions)");
    bool answered = std::any_of(c.recommendations.begin(), c.recommendations.end(), [&](const Recommendation& r) {
      return std::find(r.findings.begin(), r.findings.end(), f.id) != r.findings.end();
    });
    if (!answered)
      diags.warning(at, "finding '" + f.id + "' has no recommendation that answers it",
                    "add findings: [" + f.id + "] to the recommendation that answers it, or say in the report why none is needed");
  }
  for (const auto& r : c.recommendations)
    if (r.findings.empty())
      diags.warning(r.node ? r.node->where() : Location{c.file, 0, 0, {}, {}, 0}, "recommendation '" + r.id + "' answers no finding",
                    "add findings: [F…] with the ids of the findings it answers");
}

void check_recommendations(const Case& c, Diagnostics& diags) {
  check_findings(c, diags);
  for (const auto& r : c.recommendations) {
    if (r.scope == "single-agency" && r.agency.empty())
      diags.error(r.node ? r.node->where() : Location{c.file, 0, 0, {}, {}, 0}, "single-agency recommendation '" + r.id + "' names no agency",
                  "add agency: with the agency's abbreviation");
    else if (r.source == "agency-report" && r.agency.empty())
      diags.error(r.node ? r.node->where() : Location{c.file, 0, 0, {}, {}, 0}, "recommendation '" + r.id + "' comes from an agency report but names no agency",
                  "add agency: with the abbreviation of the agency whose report made it");
    bool has_action = std::any_of(c.actions.begin(), c.actions.end(),
                                  [&](const ActionPlanItem& a) { return a.recommendation == r.id; });
    if (!has_action && !c.actions.empty())
      diags.warning(r.node ? r.node->where() : Location{c.file, 0, 0, {}, {}, 0}, "recommendation '" + r.id + "' has no action in the action plan",
                    "add an action_plan item with recommendation: " + r.id);
  }
  std::map<std::string, int> terms;
  for (const auto* t : read::items(c.data.get(), "glossary")) {
    std::string term = read::str(t, "term");
    if (term.empty()) continue;
    if (terms.count(term))
      diags.error(at(t, "term"), "the glossary defines '" + term + "' twice",
                  "the first is at line " + std::to_string(terms[term]) + ": keep one");
    else
      terms[term] = at(t, "term").line;
  }
}

}  // namespace

void check_children(const Case& c, Diagnostics& diags) {
  const data::Node* one = c.data->get("child");
  const data::Node* many = c.data->get("children");
  if (one && one->is_null()) one = nullptr;
  if (many && many->is_null()) many = nullptr;
  if (one && many)
    diags.error(many->where(), "the case file has both child and children",
                "write child: for one child, or children: with an entry for each; not both");
  else if (!one && (!many || read::items(c.data.get(), "children").empty()))
    diags.error(c.data->where(), "the case file is missing 'child'",
                "add child: (the child the review is about), or children: with an entry for each child");
}

void check_case(const Case& c, Diagnostics& diags) {
  check_children(c, diags);
  if (c.incident_kind == "death" && !c.child.died &&
      std::none_of(c.other_children.begin(), c.other_children.end(), [](const Person& p) { return p.died.has_value(); }))
    diags.error(at(c.data->get("review"), "incident_kind"),
                "the review is of a child's death, but no child records the date of death",
                "add death: {date: YYYY-MM-DD} to the child who died; letters state a death only from it");
  check_review_dates(c, diags);
  check_deadline_dates(c, diags);
  check_pseudonyms(c, diags);
  check_family(c, diags);
  check_agencies(c, diags);
  if (c.period_from && c.period_to && *c.period_to < *c.period_from) {
    const data::Node* tor = c.data->get("terms_of_reference");
    diags.error(at(tor ? tor->get("period") : nullptr, "to"),
                "the period under review ends (" + c.period_to->uk() + ") before it starts (" + c.period_from->uk() + ")",
                "check terms_of_reference.period");
  }
  check_chronology(c, diags);
  check_recommendations(c, diags);
}

}  // namespace reviewkit::casefile

// reviewkit/casefile — a case file read, checked and turned into a Case.
//
// In: case.yaml (and the agency chronology files and board profile it names). Out: a Case — the
// tree as written (which templates read) and typed records of the people, agencies, chronology,
// recommendations and action plan (which later stages read) — plus every problem found, each with
// file:line:col and a hint. A Case is only used when the diagnostics hold no errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "data/node.hpp"
#include "stages.hpp"
#include "timescales/deadlines.hpp"

namespace reviewkit::casefile {

struct DatedPeriod {
  std::optional<Date> from, to;
  const data::Node* node = nullptr;
};

struct Placement {
  std::string kind;  ///< adoption, fostering
  std::vector<std::string> carers;
  std::optional<Date> from, to;
  const data::Node* node = nullptr;
};

struct Person {
  std::string id, name, pseudonym, relationship;  ///< relationship is empty for the child
  std::optional<Date> date_of_birth;
  bool date_of_birth_approximate = false;
  std::string sex;
  bool household = false;
  std::vector<std::string> parents;
  std::vector<DatedPeriod> household_periods;  ///< when they joined and left the household
  std::string twin_of;
  bool identical_twin = false;
  std::vector<Placement> placements;
  std::string genogram_note;
  std::optional<Date> died;
  std::string pregnancy_outcome;  ///< empty when not a pregnancy
  std::optional<Date> expected;   ///< expected date of delivery, for a pregnancy
  std::optional<Date> outcome_date;  ///< the date of a pregnancy's outcome
  bool is_child = false;
  const data::Node* node = nullptr;
};

struct Partnership {
  std::vector<std::string> partners;
  std::string kind;
  std::optional<Date> from, to;
  const data::Node* node = nullptr;
};

struct Place {
  std::string id, name, pseudonym;
};

struct Agency {
  std::string abbreviation, name, kind, contribution;
  std::string chronology_status;
  const data::Node* node = nullptr;
};

struct Professional {
  std::string role_code, name, role, agency;
  const data::Node* node = nullptr;
};

/// A named person on the panel or at the board; `named_in_publication` says whether published
/// documents may name them or must use their job title.
struct PanelPerson {
  std::string name, job_title, organisation;
  bool named_in_publication = false;
};

struct ChronologyEntry {
  Date date;
  bool date_estimated = false;
  std::string time;
  bool time_estimated = false;
  std::string agency;
  std::vector<std::string> subjects;
  std::string age;  ///< as written: the subject's age if under 18
  std::optional<bool> child_seen, seen_alone, wishes_and_feelings;
  std::string contact_type, source, event, response, comment;
  std::vector<std::string> staff;
  std::string from;  ///< the return and row it came from, when merged
  const data::Node* node = nullptr;
};

struct Finding {
  std::string id, text;
  int focus = 0;  ///< the focus question it answers, from 1; 0 when not said
  const data::Node* node = nullptr;
};

struct Recommendation {
  std::string id, text, source, scope, agency;
  const data::Node* node = nullptr;
  std::vector<std::string> findings;  ///< ids of the findings it answers
};

struct ActionPlanItem {
  std::string recommendation, action, lead, lead_agency, rag;
  std::optional<Date> target_date;
  const data::Node* node = nullptr;
};

struct Board {
  std::string id, name, short_name;
  std::string file;
  std::vector<std::string> editions;  ///< the editions of Working Together its procedure covers
  std::string sign_off_rule;          ///< its procedure's rule on signing off an agency report, quoted
  std::string chronology_columns;     ///< the column set of its agencies' chronologies; empty: chronolator
  std::vector<std::string> decision_bodies;  ///< who it tells of a decision, when it says more than its edition
  std::string extension_agreed_by;           ///< who agrees an extension, when its procedure differs from its edition
  /// "reference_number": generate encrypts every document of its cases with the case's
  /// review.reference (Milton Keynes, 003 §1.1) unless another password is given; empty: none.
  std::string protect_documents;
  std::vector<DeadlineRule> deadlines;
  std::vector<Location> deadline_places;  ///< where each rule is written, for messages
  data::NodePtr node;
};

struct Case {
  std::string file;
  data::NodePtr data;  ///< the case file as written
  std::vector<data::NodePtr> chronology_files;

  std::string kind, reference, board_id, working_together, incident_kind, abuse_or_neglect;
  std::map<std::string, Date> dates;  ///< review.dates by key
  std::string decision_option;              ///< the first option decided ("a")
  std::vector<std::string> decision_options;  ///< every option decided: option, or options ("b", "d")
  std::optional<Date> extension_proposed;

  Person child;                       ///< the child, or the first of children:
  std::vector<Person> other_children;  ///< the rest of children:, when the review is about several
  std::vector<Person> family;
  std::vector<Partnership> partnerships;
  std::vector<Place> places;
  std::vector<Agency> agencies;
  std::vector<Professional> professionals;
  PanelPerson board_chair, panel_chair, author;
  std::vector<PanelPerson> panel_members;
  std::optional<Date> period_from, period_to;
  std::vector<ChronologyEntry> chronology;
  std::vector<Finding> findings;
  std::vector<Recommendation> recommendations;
  std::vector<ActionPlanItem> actions;
  Board board;
  Progress progress;  ///< the stage the review has reached as of the day it was loaded for
  std::optional<Date> today;  ///< that day; without it, every recorded date counts as passed

  /// Every person: the children first, then the family in the order written.
  std::vector<const Person*> people() const;
  const Person* person(const std::string& id) const;
  const Agency* agency(const std::string& abbreviation) const;
  std::optional<Date> date(const std::string& key) const;
  /// The statutory deadlines the board's rules and the case's dates imply (recurring ones: the next
  /// on or after `today`).
  std::vector<Deadline> deadlines(const std::optional<Date>& today = {}) const;
  /// A date of an agency's record by its path under the agency: "report.received".
  std::optional<Date> agency_date(const std::string& abbreviation, const std::string& key) const;
};

/// Reads and checks a case file as it stands on `today` (its stage, and so what it must hold, follows
/// from the dates on or before it; without it every recorded date counts). Every problem goes to
/// `diags`; the Case is returned whenever the file could be parsed, but must not be used to write
/// documents when diags.has_errors().
std::optional<Case> load_case(const std::string& path, Diagnostics& diags, const std::optional<Date>& today = {});

/// Reads and checks a board profile by name (templates/boards/NAME.yaml under data_dir(), or a
/// boards/ folder beside the case file first).
std::optional<Board> load_board(const std::string& name, const std::string& case_file, const Location& named_at,
                                Diagnostics& diags);

}  // namespace reviewkit::casefile

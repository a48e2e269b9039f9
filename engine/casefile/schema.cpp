#include "schema.hpp"

namespace reviewkit::casefile {

using namespace reviewkit::data;

const std::vector<std::string>& review_kinds() {
  static const std::vector<std::string> kinds = {
      "scr", "lcspr", "rapid-review", "sar", "dhr", "silp", "multi-agency-review", "single-agency-review", "audit"};
  return kinds;
}

const std::map<std::string, std::string>& decision_options() {
  // The referral form's options, section 2 (Milton Keynes toolkit, Appendix 1).
  static const std::map<std::string, std::string> options = {
      {"a", "Meets the threshold for a Serious Case Review"},
      {"b", "Does not meet the threshold for a Serious Case Review"},
      {"c", "Warrants a Significant Incident Learning Review (SILP)"},
      {"d", "Warrants a Multi-Agency Review"},
      {"e", "Warrants a Single-Agency Review"},
      {"f", "Warrants a Multi-Agency Audit"},
      {"g", "Warrants a Single Agency Audit"},
      {"h", "Further information to be gathered before a decision can be made"},
      {"i", "Needs no further action"},
  };
  return options;
}

std::string decision_clause(const std::vector<std::string>& options) {
  // The options of 003 Appendix 1, each made a clause that follows "I decided that".
  static const std::map<std::string, std::string> clauses = {
      {"a", "this case meets the threshold for a Serious Case Review"},
      {"b", "this case does not meet the threshold for a Serious Case Review"},
      {"c", "this case warrants a Significant Incident Learning Review (SILP)"},
      {"d", "this case warrants a Multi-Agency Review"},
      {"e", "this case warrants a Single-Agency Review"},
      {"f", "this case warrants a Multi-Agency Audit"},
      {"g", "this case warrants a Single Agency Audit"},
      {"h", "further information is to be gathered before a decision can be made"},
      {"i", "this case needs no further action"},
  };
  std::string out;
  for (const auto& o : options) {
    auto it = clauses.find(o);
    if (it == clauses.end()) return {};
    if (out.empty()) {
      out = it->second;
    } else {
      // b) with one of c) to g): "… does not meet the threshold for a Serious Case Review but warrants …"
      std::string rest = it->second;
      const std::string subject = "this case ";
      if (rest.compare(0, subject.size(), subject) == 0) rest = rest.substr(subject.size());
      out += " but " + rest;
    }
  }
  return out;
}

const std::map<std::string, std::string>& id_space_homes() {
  static const std::map<std::string, std::string> homes = {
      {"person", "child.id and family[].id"},
      {"agency", "agencies[].abbreviation"},
      {"professional", "professionals[].role_code"},
      {"recommendation", "recommendations[].id"},
      {"finding", "findings[].id"},
      {"place", "places[].id"},
  };
  return homes;
}

namespace {

std::vector<std::string> option_letters() {
  std::vector<std::string> out;
  for (const auto& [k, v] : decision_options()) out.push_back(k);
  return out;
}

// All shapes live here, built once; FieldTypes point at them.
struct CaseSchema {
  Shape contact{"contact", {}};
  Shape dates{"set of review dates", {}};
  Shape decision{"decision", {}};
  Shape extension{"extension", {}};
  Shape debrief{"debrief", {}};
  Shape evaluation{"evaluation", {}};
  Shape review{"review", {}};
  Shape cp_plan{"child protection plan", {}};
  Shape death{"death", {}};
  Shape visit{"visit", {}};
  Shape pregnancy{"pregnancy", {}};
  Shape stay{"household period", {}};
  Shape placement{"placement", {}};
  Shape child{"child", {}};
  Shape member{"family member", {}};
  Shape partnership{"partnership", {}};
  Shape place{"place", {}};
  Shape contacts{"set of contacts", {}};
  Shape author{"agency report author", {}};
  Shape report{"agency report", {}};
  Shape chronology_status{"agency chronology", {}};
  Shape agency{"agency", {}};
  Shape professional{"professional", {}};
  Shape panel_person{"panel member", {}};
  Shape overview_author{"overview author", {}};
  Shape meeting{"panel meeting", {}};
  Shape panel{"panel", {}};
  Shape period{"period", {}};
  Shape terms{"terms of reference", {}};
  Shape involvement{"family involvement record", {}};
  Shape parallel{"parallel process", {}};
  Shape entry{"chronology entry", {}};
  Shape key_event{"key event", {}};
  Shape chronology{"chronology", {}};
  Shape finding{"finding", {}};
  Shape recommendation{"recommendation", {}};
  Shape progress{"progress", {}};
  Shape action{"action", {}};
  Shape term{"glossary entry", {}};
  Shape root{"case file", {}};

  Shape deadline_rule{"deadline rule", {}};
  Shape board_terms{"set of terms", {}};
  Shape board_timescales{"set of timescales", {}};
  Shape board{"board profile", {}};

  CaseSchema() {
    contact.fields = {
        {"name", text(), true, "the person's full name"},
        {"salutation", text(), false, "how a letter greets them: 'Dr Okafor', 'Sir or Madam'"},
        {"role", text(), false, "job title or role: 'Senior Coroner'"},
        {"organisation", text(), false, "the organisation they work for"},
        {"address", text(), false, "postal address, one line each (use |)"},
        {"email", email(), false, "e-mail address"},
        {"phone", text(), false, "telephone number"},
        {"agency", ref("agency"), false, "the agency they belong to, if one of agencies[]"},
    };
    dates.fields = {
        {"incident", date(), true, "the incident that led to the referral"},
        {"referral", date(), true, "the case was referred to the board"},
        {"chair_aware", date(), false,
         "the case came to the attention of the board's chair (Enfield and Tameside count the decision's month from it)"},
        {"ofsted_notified", date(), false, "Ofsted was told of the incident"},
        {"information_due", date(), false, "deadline set for agencies' information for the decision on the referral"},
        {"decision", date(), false, "the chair decided whether to hold a review"},
        {"decision_notified", date(), false, "Ofsted and the National Panel were told of the decision"},
        {"agencies_notified", date(), false, "the agencies were told of the review and asked to secure their records"},
        {"scoping_meeting", date(), false, "the panel's scoping meeting"},
        {"nominations_due", date(), false, "deadline set for agencies to nominate their agency report authors"},
        {"chronologies_due", date(), false, "deadline set for agency chronologies"},
        {"agency_reports_due", date(), false, "deadline set for agency reports (IMRs)"},
        {"extension_requested", date(), false, "an extension was asked of Ofsted and the National Panel"},
        {"extension_agreed", date(), false, "the extension was agreed"},
        {"completion", date(), false, "the review was completed (overview report signed off)"},
        {"publication_notified", date(), false, "the National Panel was told of publication", "published"},
        {"publication", date(), false, "the report was published"},
        {"evaluated", date(), false, "the evaluation of the review (Ofsted's, before 2013) was received"},
        {"action_plan_resubmitted", date(), false, "the action plan answering an evaluation of inadequate was sent"},
    };
    decision.fields = {
        {"option", choice(option_letters()), false, "the referral form's decision, a) to i)"},
        {"options", list_of(choice(option_letters())), false,
         "two options decided together instead of option: b) with one of c) to g), as the referral form allows"},
        {"reasons", text(), false, "the reasons recorded for the decision", "decided"},
        {"subgroup_meeting", date(), false, "date of the subgroup meeting that recommended it"},
        {"legal_advice", text(), false, "legal advice sought, if any"},
        {"agency", ref("agency"), false, "for a single-agency review or audit (e), g)): the agency asked to hold it"},
        {"alternatives_considered", text(), false,
         "for a decision not to hold a serious case review: the alternative reviews considered, and why not (003 §1.2)"},
        {"peer_challenge", text(), false, "the other board's chair who gave peer challenge on the decision (003 §1.2), if any"},
    };
    extension.fields = {
        {"reasons", text(), false, "why the review cannot finish on time"},
        {"progress", text(), false, "the progress made so far"},
        {"proposed_date", date(), false, "the proposed new completion date"},
        {"agreed_by", text(), false,
         "who agreed the extension: 'Ofsted and the National Panel', 'the Government Office' (2006 and 2010)"},
        {"agreed_in_writing", boolean(), false, "true when the agreement was given in writing"},
    };
    debrief.fields = {
        {"date", date(), false, "date of the debrief for practitioners"},
        {"time", time_of_day(), false, "start time"},
        {"venue", text(), false, "where it is held"},
    };
    evaluation.fields = {
        {"grade", choice({"outstanding", "good", "adequate", "satisfactory", "inadequate"}), true,
         "the grade the evaluation gave"},
        {"by", text(), false, "who evaluated it: 'Ofsted'"},
    };
    review.fields = {
        {"kind", choice(review_kinds()), true, "the kind of review"},
        {"reference", text(), true, "the board's reference number for the review"},
        {"title", text(), false, "title for covers: 'Serious Case Review: Child A'"},
        {"board", text(), true, "the board profile: a file name in templates/boards/ without .yaml"},
        {"working_together", choice({"2006", "2010", "2013", "2015", "2018", "2023"}), true,
         "the edition of Working Together the review follows"},
        {"incident_kind", choice({"death", "serious-harm"}), true, "whether the child died or was seriously harmed"},
        {"abuse_or_neglect", choice({"known", "suspected"}), true, "whether abuse or neglect is known or suspected"},
        {"incident_summary", text(), false, "a few sentences on what happened"},
        {"security_marking", text(), false, "the protective marking: RESTRICTED, CONFIDENTIAL"},
        {"dates", map_of(dates), true, "the dates of the review process"},
        {"decision", map_of(decision), false, "the decision on the referral", "decided"},
        {"extension", map_of(extension), false, "an extension of the timescale"},
        {"debrief", map_of(debrief), false, "the debrief for practitioners"},
        {"evaluation", map_of(evaluation), false, "the evaluation of the completed review"},
    };
    cp_plan.fields = {
        {"from", date(), true, "start of the child protection plan"},
        {"to", date(), false, "end of the plan (empty while it continues)"},
        {"category", choice({"neglect", "physical-abuse", "emotional-abuse", "sexual-abuse", "multiple"}), false,
         "the category of abuse"},
    };
    visit.fields = {
        {"date", date(), true, "the day of the visit"},
        {"time", time_of_day(), false, "the time"},
        {"by", text(), true, "who will visit, by name and role: 'Alan Pemberton, the independent author'"},
        {"worker", text(), false, "a worker who knows the family and comes too (000 §2.5), by role"},
    };
    death.fields = {
        {"date", date(), true, "date of death"},
        {"cause", text(), false, "cause, as far as known"},
    };
    pregnancy.fields = {
        {"expected", date(), false, "expected date of delivery"},
        {"outcome", choice({"ongoing", "born", "miscarriage", "stillbirth", "termination"}), true,
         "what became of the pregnancy"},
        {"date", date(), false, "date of the outcome"},
    };
    stay.fields = {
        {"from", date(), false, "the day they joined the household (empty: before anything the review knows)"},
        {"to", date(), false, "the day they left it (empty: they still live there)"},
    };
    placement.fields = {
        {"kind", choice({"adoption", "fostering"}), true, "adopted, or fostered"},
        {"carers", list_of(ref("person")), true, "ids of the adoptive parents or foster carers (one or two)"},
        {"from", date(), false, "the day the placement began (for an adoption: the order)"},
        {"to", date(), false, "the day a fostering placement ended"},
    };
    auto person_fields = [&](bool family) {
      std::vector<Field> f = {
          {"id", id("person"), true, "a short name used to refer to them elsewhere: 'child', 'mother'"},
          {"name", text(), !family, "real full name (never in published documents)"},
          {"pseudonym", text(), true, "the name used in documents: 'Child A', 'Parent 1'"},
      };
      if (family) f.push_back({"relationship", text(), true, "relationship to the child: 'mother', 'maternal grandmother'"});
      std::vector<Field> rest = {
          {"date_of_birth", date(), false, "date of birth"},
          {"date_of_birth_approximate", boolean(), false, "true when the date of birth is an estimate"},
          {"sex", choice({"female", "male", "unknown"}), false, "sex, as the genogram shows it"},
          {"ethnicity", text(), false, "ethnic origin"},
          {"religion", text(), false, "religion"},
          {"language", text(), false, "language(s) spoken at home"},
          {"disability", text(), false, "any disability"},
          {"legal_status", text(), false, "legal status (for a child: 'Child in need', 'Looked after')"},
          {"child_protection_plans", list_of(map_of(cp_plan)), false, "periods subject to a child protection plan"},
          {"household", boolean(), false, "true when they lived in the child's household"},
          {"household_periods", list_of(map_of(stay)), false,
           "when they joined and left the child's household, each time (the genogram drawn as of a date uses them)"},
          {"parents", list_of(ref("person")), false, "ids of their birth parents (for the genogram)"},
          {"twin_of", ref("person"), false, "id of their twin"},
          {"identical_twin", boolean(), false, "true when they and their twin are identical twins"},
          {"placements", list_of(map_of(placement)), false, "adoption or fostering: with whom and when"},
          {"genogram_note", text(), false, "a few words shown under their symbol on the genogram: 'in prison', 'lives abroad'"},
          {"pregnancy", map_of(pregnancy), false, "for an unborn child or a pregnancy loss"},
          {"death", map_of(death), false, "if they have died"},
          {"address", text(), false, "postal address, for letters"},
          {"email", email(), false, "e-mail address, for letters"},
          {"phone", text(), false, "telephone number"},
          {"salutation", text(), false, "how a letter greets them: 'Ms Doe'"},
          {"visit", map_of(visit), false, "the visit arranged to tell them of the review and hear their views (the family letter confirms it)"},
          {"notes", text(), false, "anything else the review should know"},
      };
      f.insert(f.end(), rest.begin(), rest.end());
      return f;
    };
    child.fields = person_fields(false);
    member.fields = person_fields(true);
    partnership.fields = {
        {"partners", list_of(ref("person")), true, "the ids of the two partners"},
        {"kind", choice({"married", "enduring", "transitory", "separated", "divorced"}), true,
         "the kind of relationship, as the genogram draws it"},
        {"from", date(), false, "when it began"},
        {"to", date(), false, "when it ended"},
        {"notes", text(), false, "anything else"},
    };
    place.fields = {
        {"id", id("place"), true, "a short name for references"},
        {"name", text(), true, "real name (never in published documents)"},
        {"pseudonym", text(), true, "the name used in documents: 'School 1', 'the family home'"},
        {"kind", text(), false, "school, GP practice, hospital, address…"},
    };
    contacts.fields = {
        {"business_manager", map_of(contact), true, "the board's business manager, who signs most letters"},
        {"administrator", map_of(contact), false, "the board's administrator for the review"},
        {"coroner", map_of(contact), false, "the Coroner (for a child's death)"},
        {"cps", map_of(contact), false, "the Crown Prosecution Service contact"},
        {"ofsted", map_of(contact), false, "Ofsted"},
        {"national_panel", map_of(contact), false, "the National Panel (of independent experts / for child safeguarding practice reviews)"},
        {"referrer", map_of(contact), true, "who referred the case"},
        {"board_members", list_of(map_of(contact)), false, "board members to be told of the review"},
        {"dfe", map_of(contact), false, "the Department for Education, where the board's procedure tells it of decisions"},
        {"government_office", map_of(contact), false, "the Government Office for the region (reviews under Working Together 2006 and 2010)"},
        {"other_boards", list_of(map_of(contact)), false, "other areas' boards whose agencies were involved"},
        {"others", list_of(map_of(contact)), false, "anyone else letters go to"},
    };
    author.fields = {
        {"name", text(), true, "the author's name"},
        {"role", text(), false, "job title"},
        {"appointed", date(), false, "the date the agency appointed them"},
        {"email", email(), false, "e-mail address"},
        {"independent_of_case", boolean(), false, "true when they had no involvement with the case"},
        {"independent_of_line_management", boolean(), false, "true when they do not manage anyone involved"},
    };
    report.fields = {
        {"requested", date(), false, "the report was asked for"},
        {"due", date(), false, "the date it is due"},
        {"received", date(), false, "the date it arrived"},
        {"signed_off", date(), false, "the date the senior manager signed it off"},
    };
    chronology_status.fields = {
        {"status", choice({"not-requested", "requested", "received", "nil-return"}), false, "where the agency's chronology stands"},
        {"requested", date(), false, "the chronology was asked for"},
        {"due", date(), false, "the date it is due"},
        {"received", date(), false, "the date it arrived"},
    };
    agency.fields = {
        {"abbreviation", id("agency"), true, "short name used everywhere else: 'CSC', 'Police'"},
        {"name", text(), true, "full name of the agency"},
        {"kind", choice({"children-social-care", "police", "health", "education", "probation", "housing",
                         "adult-services", "voluntary", "other"}),
         true, "the kind of agency"},
        {"address", text(), false, "postal address"},
        {"email", email(), false, "general e-mail address"},
        {"chief_officer", map_of(contact), false, "the chief executive or chief officer, for formal letters"},
        {"senior_manager", map_of(contact), false, "the designated senior manager for the review", "decided"},
        {"contribution", choice({"agency-report", "statement-of-information", "nil-return", "none"}), false,
         "what the review asks of the agency", "scoped"},
        {"author", map_of(author), false, "who writes its agency report"},
        {"report", map_of(report), false, "dates of its agency report"},
        {"chronology", map_of(chronology_status), false, "where its chronology stands"},
        {"involvement", text(), false, "the agency's involvement with the family, in brief"},
    };
    professional.fields = {
        {"role_code", id("professional"), true, "anonymised code used in documents: 'HV1', 'SW2'"},
        {"name", text(), true, "real name (never in published documents)"},
        {"role", text(), true, "job title: 'Health visitor'"},
        {"agency", ref("agency"), true, "abbreviation of their agency"},
        {"interviewed", boolean(), false, "true when interviewed for the review"},
        {"in_post", boolean(), false, "false when no longer in post"},
        {"email", email(), false, "e-mail address, for letters"},
    };
    panel_person.fields = {
        {"name", text(), true, "full name"},
        {"job_title", text(), true, "job title"},
        {"organisation", text(), true, "employing organisation"},
        {"agency", ref("agency"), false, "abbreviation of the agency they represent, if any"},
        {"email", email(), false, "e-mail address"},
        {"address", text(), false, "postal address"},
        {"salutation", text(), false, "how a letter greets them"},
        {"qualifications", text(), false, "qualifications and experience, for the notice of the reviewers to the National Panel"},
        {"named_in_publication", boolean(), false,
         "whether published documents may name them (default: yes for the board chair, panel chair and "
         "author; panel members appear by job title)"},
    };
    overview_author.fields = panel_person.fields;
    overview_author.fields.push_back({"background", text(), false, "professional background and experience"});
    overview_author.fields.push_back({"independence", text(), true, "how they are independent of the agencies and the case"});
    meeting.fields = {
        {"date", date(), true, "date of the meeting"},
        {"time", time_of_day(), false, "start time"},
        {"venue", text(), false, "where"},
        {"purpose", text(), false, "what the meeting is for: 'scoping', 'consider the draft overview report'"},
    };
    panel.fields = {
        {"board_chair", map_of(panel_person), true, "the chair of the board"},
        {"chair", map_of(panel_person), false, "the chair of the review panel", "scoped"},
        {"author", map_of(overview_author), false, "the independent overview author", "reports-in"},
        {"members", list_of(map_of(panel_person)), false, "the panel members", "scoped"},
        {"meetings", list_of(map_of(meeting)), false, "panel meetings"},
    };
    period.fields = {
        {"from", date(), true, "first day"},
        {"to", date(), true, "last day"},
    };
    terms.fields = {
        {"period", map_of(period), true, "the period under review"},
        {"focus_questions", list_of(text()), true, "the questions the review must answer"},
        {"staff_interviews", boolean(), false, "whether agencies' report authors interview their staff (004, the IMR request)"},
        {"family_involvement_plan", text(), false, "how the family will be told and involved"},
        {"parallel_processes", text(), false, "how the review works alongside other processes"},
        {"other_boards", list_of(text()), false, "other areas' boards involved"},
        {"legal_advice", text(), false, "arrangements for legal advice"},
        {"media", text(), false, "media handling and FOI requests"},
        {"methodology", text(), false, "the method the review uses"},
    };
    involvement.fields = {
        {"person", ref("person"), true, "id of the family member"},
        {"date", date(), true, "date of the contact"},
        {"method", choice({"letter", "meeting", "phone", "email", "other"}), false, "how"},
        {"by", text(), false, "who made the contact"},
        {"outcome", text(), false, "what came of it: declined, met the author, views recorded"},
    };
    parallel.fields = {
        {"kind", choice({"criminal-investigation", "prosecution", "inquest", "child-death-review",
                         "domestic-homicide-review", "care-proceedings", "disciplinary", "complaint", "other"}),
         true, "the kind of process"},
        {"description", text(), false, "what it is"},
        {"lead", text(), false, "who leads it"},
        {"status", text(), false, "where it stands"},
        {"date", date(), false, "a key date (hearing, trial)"},
    };
    entry.fields = {
        {"date", date(), true, "date of the event (the start of a period)"},
        {"date_estimated", boolean(), false, "true when the date is an estimate"},
        {"time", time_of_day(), false, "time, 24-hour clock"},
        {"time_estimated", boolean(), false, "true when the time is an estimate"},
        {"agency", ref("agency"), true, "abbreviation of the agency recording it"},
        {"subjects", list_of(ref("person")), false, "ids of the people the entry is about"},
        {"age", text(), false, "the subject's age if under 18 (worked out from date of birth when left out)"},
        {"child_seen", boolean(), false, "whether the child was seen"},
        {"seen_alone", boolean(), false, "whether the child was seen alone"},
        {"wishes_and_feelings", boolean(), false, "whether the child's wishes and feelings were recorded"},
        {"contact_type", choice({"with-child", "with-parents-carers", "inter-agency", "intra-agency"}), false,
         "the kind of contact"},
        {"source", text(), true, "the record the entry comes from: 'GP records'"},
        {"staff", list_of(ref("professional")), false, "role codes of the staff involved"},
        {"event", text(), true, "what happened, in summary"},
        {"response", text(), false, "the response or outcome"},
        {"comment", text(), false, "the agency author's comment"},
        {"from", text(), false, "where the entry came from: the agency's return and its row (chronology merge writes it)"},
    };
    key_event.fields = {
        {"date", date(), true, "when it happened, or the start of a period"},
        {"to", date(), false, "the end of a period"},
        {"label", text(), true, "what it was: 'moved to the family home', 'Parent 3 joined the household'"},
    };
    chronology.fields = {
        {"files", list_of(text()), false, "agency chronology files (YAML with entries:), relative to the case file"},
        {"entries", list_of(map_of(entry)), false, "chronology entries written here"},
        {"gap_days", integer(), false, "the integrated chronology's analysis lists periods without agency contact longer than this (default 28 days)"},
        {"key_events", list_of(map_of(key_event)), false, "events drawn across the timeline besides the incident, plans, births and deaths (moves, a partner joining)"},
    };
    finding.fields = {
        {"id", id("finding"), true, "a short reference: 'F1'"},
        {"text", text(), true, "what the review found"},
        {"focus", integer(), false, "the number of the terms of reference's focus question it answers (1 for the first)"},
        {"evidence", list_of(text()), false, "where it is shown: chronology entries ('HV-chronology.docx, row 4') or report paragraphs ('CSC report 5.3')"},
    };
    recommendation.fields = {
        {"id", id("recommendation"), true, "a short reference: 'R1', 'CSC1'"},
        {"text", text(), true, "the recommendation"},
        {"source", choice({"agency-report", "overview-author", "panel"}), true, "who made it"},
        {"scope", choice({"single-agency", "multi-agency"}), true, "single- or multi-agency"},
        {"agency", ref("agency"), false, "the agency it is for (single-agency) or from (agency report)"},
        {"national", boolean(), false, "true when it is a lesson for national policy"},
        {"findings", list_of(ref("finding")), false, "ids of the findings it answers"},
    };
    progress.fields = {
        {"rag", choice({"red", "amber", "green", "blue"}), true, "RAG rating (blue: complete)"},
        {"note", text(), false, "the progress so far"},
        {"updated", date(), false, "when the rating was last reviewed"},
    };
    action.fields = {
        {"recommendation", ref("recommendation"), true, "id of the recommendation it serves"},
        {"action", text(), true, "the action"},
        {"lead", text(), true, "the person responsible (job title)"},
        {"lead_agency", ref("agency"), false, "abbreviation of the lead agency"},
        {"target_date", date(), true, "when it should be done"},
        {"outcome", text(), false, "the outcome it should bring"},
        {"evidence", text(), false, "evidence of progress or completion"},
        {"audit", text(), false, "the method of audit"},
        {"cross_reference", text(), false, "cross reference to other plans"},
        {"progress", map_of(progress), false, "progress with its RAG rating"},
    };
    term.fields = {
        {"term", text(), true, "the acronym or term: 'HV'"},
        {"meaning", text(), true, "what it stands for: 'Health visitor'"},
    };
    root.fields = {
        {"reviewkit", integer(), false, "the case file format version (1)"},
        {"review", map_of(review), true, "the review itself"},
        {"child", map_of(child), false, "the child the review is about (required, unless children: lists them)"},
        {"children", list_of(map_of(child)), false,
         "when the review is about more than one child: each as child: would be, the first the one letters name first"},
        {"family", list_of(map_of(member)), false, "every family member and significant adult"},
        {"partnerships", list_of(map_of(partnership)), false, "couples, for the genogram"},
        {"places", list_of(map_of(place)), false, "places that must be anonymised"},
        {"contacts", map_of(contacts), true, "everyone letters go to, other than agencies and the family"},
        {"agencies", list_of(map_of(agency)), true, "the agencies involved"},
        {"professionals", list_of(map_of(professional)), false, "practitioners, by role code"},
        {"panel", map_of(panel), false, "the review panel (from the decision: the board's chair, who signs the first letters)", "decided"},
        {"terms_of_reference", map_of(terms), false, "the terms of reference", "scoped"},
        {"family_involvement", list_of(map_of(involvement)), false, "contacts with the family about the review"},
        {"parallel_processes", list_of(map_of(parallel)), false, "processes running alongside the review"},
        {"chronology", map_of(chronology), false, "the agencies' chronology entries"},
        {"findings", list_of(map_of(finding)), false, "what the review found, each answering a focus question, with its evidence"},
        {"recommendations", list_of(map_of(recommendation)), false, "the review's recommendations", "completed"},
        {"action_plan", list_of(map_of(action)), false, "the multi-agency action plan", "completed"},
        {"glossary", list_of(map_of(term)), false, "acronyms and terms used"},
    };

    deadline_rule.fields = {
        {"label", text(), true, "what the deadline is, for summaries and letters"},
        {"after", text(), false, "the date it counts from (a key of review.dates; for each agency also report.requested …)"},
        {"before", text(), false, "the date it must come before (a key of review.dates)"},
        {"due", text(), false, "a date the case records as the deadline itself (for each agency: report.due, chronology.due)"},
        {"done", text(), false, "the date that records it done (the rule's own name, a key of review.dates, when left out)"},
        {"each", choice({"agency"}), false, "agency: a deadline for every agency whose record holds the date it counts from"},
        {"when", text(), false, "a condition over the case in the template language: the rule applies only when it holds"},
        {"source", text(), false, "where the rule comes from in the board's procedure: '001 §4.3'"},
        {"every_months", integer(), false, "recurring: due every so many months from the date it counts from"},
        {"months", integer(), false, "months"},
        {"days", integer(), false, "calendar days"},
        {"working_days", integer(), false, "working days (weekends and bank holidays in England excluded)"},
    };
    board_terms.fields = {
        {"agency_report", text(), false, "what the procedure calls an agency's report: 'IMR', 'agency report'"},
        {"agency_report_long", text(), false, "the same in full: 'Individual Management Review'"},
        {"review_group", text(), false, "the group that considers referrals: 'SCR Sub-Group (SCRSG)'"},
        {"panel", text(), false, "the review's panel: 'SCR Panel'"},
    };
    board.fields = {
        {"name", text(), true, "the board's full name"},
        {"short_name", text(), false, "abbreviation: 'NSCP'"},
        {"address", text(), false, "postal address for letterheads"},
        {"email", email(), false, "the board's e-mail address"},
        {"phone", text(), false, "telephone"},
        {"website", text(), false, "web address"},
        {"editions", list_of(choice({"2006", "2010", "2013", "2015", "2018", "2023"})), false,
         "the editions of Working Together the board's procedure covers (validate warns about a case of another)"},
        {"terms", map_of(board_terms), false, "the board's own words for the review's parts"},
        {"sign_off", text(), false, "the procedure's rule on signing off an agency report, in its words"},
        {"chronology_columns", text(), false,
         "the column set of its agencies' chronologies (templates/chronology/columns.yaml: chronolator, milton-keynes, enfield); default chronolator"},
        {"decision_bodies", list_of(text()), false,
         "who the board tells of a decision, when its procedure names more than its edition does ('the Department for Education')"},
        {"extension_agreed_by", text(), false,
         "who agrees an extension, when the board's procedure says otherwise than its edition ('Ofsted')"},
        {"protect_documents", choice({"reference_number"}), false,
         "reference_number: generate encrypts every document of the board's cases with the case's review.reference "
         "(a weak password: docs/security.md)"},
        {"deadlines", any(), false, "deadline rules, each under the review date it sets (checked by the board loader)"},
        {"documents", any(), false,
         "this board's own audience for a kind of document: {overview-report: {audience: anonymised}} (checked against templates/documents.yaml)"},
    };
  }
};

const CaseSchema& schema() {
  static const CaseSchema s;
  return s;
}

}  // namespace

const Shape& case_shape() { return schema().root; }
const Shape& board_shape() { return schema().board; }
const Shape& deadline_rule_shape() { return schema().deadline_rule; }
const Shape& review_dates_shape() { return schema().dates; }

}  // namespace reviewkit::casefile

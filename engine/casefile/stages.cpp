#include "stages.hpp"

#include <algorithm>

#include "read.hpp"
#include "schema.hpp"

namespace reviewkit::casefile {

const std::vector<StageDef>& stage_table() {
  static const std::vector<StageDef> table = {
      {"referred", "review.dates.referral", "the child, the incident, the referrer, the agencies, the board and the edition"},
      {"decided", "review.dates.decision and review.decision",
       "the decision's option(s) and reasons, and each agency's senior manager"},
      {"scoped", "review.dates.scoping_meeting",
       "the terms of reference, the panel and its chair, and what each agency is asked to contribute"},
      {"reports-in", "a received date for every agency asked for an agency report",
       "each agency report's author and dates, and the overview author"},
      {"completed", "review.dates.completion", "the recommendations and the action plan"},
      {"published", "review.dates.publication", "review.dates.publication_notified (the notice before publication)"},
  };
  return table;
}

std::map<std::string, std::string> stage_hints() {
  std::map<std::string, std::string> out;
  for (const auto& d : data::document(case_shape())) {
    if (d.required_from.empty() || d.path.find('[') != std::string::npos) continue;
    for (const auto& s : stage_table())
      if (s.id == d.required_from)
        out[d.path] = "the case file has no " + d.path + " yet: it is normally known once the review is " + s.id +
                      " (from " + s.starts_with + "); add it to the case file, or make this document at that stage";
  }
  return out;
}

std::optional<std::string> Progress::reached(const std::string& stage) const {
  auto it = how.find(stage);
  if (it == how.end()) return std::nullopt;
  return it->second;
}

std::string Progress::next() const {
  const auto& table = stage_table();
  if (index + 1 >= table.size()) return {};
  if (index >= 1 && track != "review" && track != "alternative") return {};
  const auto& n = table[index + 1];
  return n.id + " begins with " + n.starts_with + "; it will need " + n.needs;
}

Progress progress_of(const data::Node& root, const std::optional<Date>& today) {
  Progress p;
  const data::Node* review = root.get("review");
  const data::Node* dates = review ? review->get("dates") : nullptr;
  auto happened = [&](const std::string& key) -> std::optional<Date> {
    auto d = read::date(dates, key);
    if (!d) return std::nullopt;
    if (today && *today < *d) return std::nullopt;
    return d;
  };
  // Events recorded ahead of time (a deadline's own date, such as chronologies_due, always lies ahead
  // and is not an event).
  if (today && dates && dates->is_map())
    for (const auto& e : dates->entries) {
      bool deadline = e.key.size() > 4 && e.key.compare(e.key.size() - 4, 4, "_due") == 0;
      if (auto d = Date::parse(e.value->text()); d && *today < *d && !deadline)
        p.pending.push_back(e.key + " (" + d->uk() + ")");
    }
  auto said = [](const std::string& key, const Date& d) { return "review.dates." + key + " is " + d.uk(); };
  auto referral = happened("referral");
  p.how["referred"] = referral ? "the case is referred (" + said("referral", *referral) + ")" : "the case is referred";

  const data::Node* decision = review ? review->get("decision") : nullptr;
  std::vector<std::string> options = read::strs(decision, "options");
  if (std::string one = read::str(decision, "option"); !one.empty()) options.insert(options.begin(), one);
  auto has = [&](const std::string& o) { return std::find(options.begin(), options.end(), o) != options.end(); };
  if (has("a")) p.track = "review";
  else if (has("c") || has("d") || has("e") || has("f") || has("g")) p.track = "alternative";
  else if (has("h")) p.track = "awaiting-information";
  else if (has("b") || has("i")) p.track = "no-review";

  auto decided = happened("decision");
  if (!decided) {
    p.track = "review";  // the decision is not made yet: no track is chosen
    return p;
  }
  if (p.track == "awaiting-information") return p;
  p.index = 1;
  p.how["decided"] = "the referral is decided (" + said("decision", *decided) + ")";
  if (p.track == "no-review") return p;

  auto scoped = happened("scoping_meeting");
  if (!scoped) return p;
  p.index = 2;
  p.how["scoped"] = "the review is scoped (" + said("scoping_meeting", *scoped) + ")";

  std::optional<Date> last;
  bool any = false, all = true;
  for (const auto* a : read::items(&root, "agencies")) {
    if (read::str(a, "contribution") != "agency-report") continue;
    any = true;
    auto received = read::date(a ? a->get("report") : nullptr, "received");
    if (received && today && *today < *received) received.reset();
    if (!received) {
      all = false;
      break;
    }
    if (!last || *last < *received) last = received;
  }
  // A review asks for no agency report, or is completed before a report's date is recorded: the
  // later event still moves the review on.
  auto completed = happened("completion");
  if (any && all) {
    p.index = 3;
    p.how["reports-in"] = "every agency report is in (the last on " + last->uk() + ")";
  } else if (!any && completed) {
    p.index = 3;
    p.how["reports-in"] = "no agency report was asked for";
  } else if (!completed) {
    return p;
  }
  if (!completed) return p;
  if (p.index < 3) {
    p.index = 3;
    p.how["reports-in"] = "the review is completed (" + said("completion", *completed) + "), though not every agency "
                          "report records when it was received";
  }
  p.index = 4;
  p.how["completed"] = "the review is completed (" + said("completion", *completed) + ")";

  auto published = happened("publication");
  if (!published) return p;
  p.index = 5;
  p.how["published"] = "the report is published (" + said("publication", *published) + ")";
  return p;
}

}  // namespace reviewkit::casefile

#include <filesystem>
#include <functional>

#include "case.hpp"
#include "common/files.hpp"
#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "expressions/expression.hpp"
#include "read.hpp"
#include "schema.hpp"

namespace reviewkit::casefile {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> date_keys() {
  std::vector<std::string> out;
  for (const auto& f : review_dates_shape().fields) out.push_back(f.key);
  return out;
}

// The dates of an agency's own records a deadline "each: agency" may name.
const std::vector<std::string>& agency_date_keys() {
  static const std::vector<std::string> keys = {"report.requested", "report.due", "report.received", "report.signed_off",
                                                "author.appointed", "chronology.requested", "chronology.due",
                                                "chronology.received"};
  return keys;
}

std::vector<fs::path> board_folders(const std::string& case_file) {
  fs::path beside = fs::path(case_file).parent_path() / "boards";
  return {beside, data_dir() / "templates" / "boards"};
}

void read_deadlines(const data::Node& board, Board& out, Diagnostics& diags) {
  const data::Node* rules = board.get("deadlines");
  if (!rules || rules->is_null()) return;
  if (!rules->is_map()) {
    diags.error(rules->where(), "'deadlines' must be a map: each deadline under the review date it sets",
                "for example  decision: {label: Decision made, after: referral, months: 1}");
    return;
  }
  for (const auto& e : rules->entries) {
    Location key_at = e.value->where();
    key_at.line = e.key_mark.line;
    key_at.column = e.key_mark.column;
    data::IdTable unused;
    std::size_t before = diags.error_count();
    data::check(*e.value, deadline_rule_shape(), "deadlines." + e.key, unused, diags);
    if (diags.error_count() != before) continue;
    DeadlineRule rule;
    rule.name = e.key;
    rule.label = read::str(e.value.get(), "label");
    rule.done = read::str(e.value.get(), "done");
    rule.due = read::str(e.value.get(), "due");
    rule.each = read::str(e.value.get(), "each");
    rule.when = read::str(e.value.get(), "when");
    rule.source = read::str(e.value.get(), "source");
    bool per_agency = rule.each == "agency";
    // The dates a rule may name: the review's, and for each agency its own records' too.
    auto known = date_keys();
    if (per_agency) known.insert(known.end(), agency_date_keys().begin(), agency_date_keys().end());
    auto check_key = [&](const char* field, const std::string& key, const std::string& what) {
      if (std::find(known.begin(), known.end(), key) != known.end()) return true;
      std::string hint = did_you_mean(key, known);
      diags.error(read::at(e.value.get(), field),
                  "deadline '" + e.key + "' " + what + " '" + key + "', which is not one of the " +
                      (per_agency ? "review's or an agency's dates" : "review's dates"),
                  hint.empty() ? "use one of " + one_of(known) : hint);
      return false;
    };
    bool recurring = !read::str(e.value.get(), "every_months").empty();
    if (!recurring && rule.done.empty() && std::find(known.begin(), known.end(), rule.name) == known.end()) {
      diags.error(key_at, "deadline '" + e.key + "' is not one of the review's dates, and has no done:",
                  "add done: naming the date that records it done (" + one_of(date_keys()) + ")");
      continue;
    }
    if (!recurring && !check_key("done", rule.done_key(), "is done by")) continue;
    std::string after = read::str(e.value.get(), "after"), before_key = read::str(e.value.get(), "before");
    if (!rule.due.empty()) {
      if (!after.empty() || !before_key.empty()) {
        diags.error(e.value->where(), "deadline '" + e.key + "' has both 'due' and a date to count from",
                    "'due' names the date the case records as the deadline; leave out 'after' and 'before'");
        continue;
      }
      if (!check_key("due", rule.due, "is due on")) continue;
    } else {
      if (after.empty() == before_key.empty()) {
        diags.error(e.value->where(), "deadline '" + e.key + "' needs exactly one of 'after' or 'before'",
                    "name the date it counts from");
        continue;
      }
      rule.anchor = after.empty() ? before_key : after;
      rule.before = !before_key.empty();
      if (!check_key(rule.before ? "before" : "after", rule.anchor, "counts from")) continue;
    }
    if (!rule.when.empty()) {
      std::string error;
      auto condition = expressions::parse_expression(rule.when, error);
      // A misspelt name would read as missing and the rule would silently never apply.
      std::vector<std::string> roots;
      for (const auto& f : case_shape().fields) roots.push_back(f.key);
      for (const char* derived : {"board", "deadlines", "guidance", "the_children", "today"}) roots.push_back(derived);
      std::string unknown;
      std::function<void(const expressions::Expr&)> names = [&](const expressions::Expr& x) {
        if (x.kind == expressions::Expr::Path) {
          std::string root = x.text.substr(0, x.text.find_first_of(".["));
          if (unknown.empty() && std::find(roots.begin(), roots.end(), root) == roots.end()) unknown = root;
        }
        for (const auto& o : x.operands)
          if (o) names(*o);
      };
      if (condition) names(*condition);
      if (!unknown.empty()) {
        std::string hint = did_you_mean(unknown, roots);
        diags.error(read::at(e.value.get(), "when"),
                    "deadline '" + e.key + "': when " + rule.when + ": '" + unknown + "' is not a part of a case file",
                    hint.empty() ? "a condition reads the case file: review.…, child.…, agencies…" : hint);
        continue;
      }
      if (!condition) {
        diags.error(read::at(e.value.get(), "when"), "deadline '" + e.key + "': when " + rule.when + ": " + error,
                    "write a condition over the case, like review.working_together == \"2010\"");
        continue;
      }
    }
    bool numbers_ok = true;
    auto number = [&](const char* key) {
      std::string s = read::str(e.value.get(), key);
      if (s.empty()) return 0;
      auto n = parse_integer<int>(s);
      if (!n || *n > 1200) {
        const data::Node* at = e.value->get(key);
        diags.error(at ? at->where() : e.value->where(),
                    "deadline '" + e.key + "': " + key + " must be a whole number from 0 to 1200, not '" + s + "'",
                    "write the amount as digits, like " + std::string(key) + ": 6");
        numbers_ok = false;
        return 0;
      }
      return *n;
    };
    rule.months = number("months");
    rule.days = number("days");
    rule.working_days = number("working_days");
    rule.every_months = number("every_months");
    if (!numbers_ok) continue;
    if (!read::str(e.value.get(), "every_months").empty() && rule.every_months < 1) {
      diags.error(read::at(e.value.get(), "every_months"), "deadline '" + e.key + "': every_months must be 1 or more",
                  "a recurring deadline comes every so many months: 1 for monthly, 3 for quarterly");
      continue;
    }
    if (rule.months < 0 || rule.days < 0 || rule.working_days < 0) {
      diags.error(e.value->where(), "deadline '" + e.key + "' has a negative amount",
                  "use 'before' instead of a negative number");
      continue;
    }
    out.deadlines.push_back(rule);
    out.deadline_places.push_back(key_at);
  }
}

}  // namespace

std::optional<Board> load_board(const std::string& name, const std::string& case_file, const Location& named_at,
                                Diagnostics& diags) {
  if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name[0] == '.') {
    diags.error(named_at, "'review.board' must be the name of a board profile, not a path: '" + name + "'",
                "write the file's name without .yaml, for example 'northbrook'");
    return std::nullopt;
  }
  std::vector<std::string> known;
  for (const auto& folder : board_folders(case_file)) {
    fs::path file = folder / (name + ".yaml");
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
      Diagnostics board_diags;
      auto root = data::load_yaml_file(file.string(), board_diags);
      Board board;
      board.id = name;
      board.file = file.string();
      if (root) {
        data::IdTable unused;
        data::check(*root, board_shape(), "", unused, board_diags);
        if (root->is_map()) {
          read_deadlines(*root, board, board_diags);
          board.name = read::str(root.get(), "name");
          board.short_name = read::str(root.get(), "short_name");
          board.editions = read::strs(root.get(), "editions");
          board.sign_off_rule = read::str(root.get(), "sign_off");
          board.chronology_columns = read::str(root.get(), "chronology_columns");
          board.decision_bodies = read::strs(root.get(), "decision_bodies");
          board.extension_agreed_by = read::str(root.get(), "extension_agreed_by");
          board.protect_documents = read::str(root.get(), "protect_documents");
        }
        board.node = root;
      }
      diags.append(board_diags);
      if (board_diags.has_errors() || !root) return std::nullopt;
      return board;
    }
    if (fs::is_directory(folder, ec))
      for (const auto& f : fs::directory_iterator(folder, ec))
        if (f.path().extension() == ".yaml") known.push_back(f.path().stem().string());
  }
  std::string hint = did_you_mean(name, known);
  if (hint.empty())
    hint = known.empty() ? "add templates/boards/" + name + ".yaml"
                         : "the board profiles are " + one_of(known) + "; add templates/boards/" + name + ".yaml for a new board";
  diags.error(named_at, "unknown board profile '" + name + "'", hint);
  return std::nullopt;
}

}  // namespace reviewkit::casefile

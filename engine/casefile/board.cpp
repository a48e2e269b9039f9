#include <filesystem>

#include "case.hpp"
#include "common/files.hpp"
#include "common/numbers.hpp"
#include "common/suggest.hpp"
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

bool is_date_key(const std::string& key) {
  auto keys = date_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
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
    if (!is_date_key(e.key)) {
      std::string hint = did_you_mean(e.key, date_keys());
      diags.error(key_at, "'deadlines." + e.key + "' is not one of the review's dates",
                  hint.empty() ? "a deadline sets one of " + one_of(date_keys()) : hint);
      continue;
    }
    data::IdTable unused;
    std::size_t before = diags.error_count();
    data::check(*e.value, deadline_rule_shape(), "deadlines." + e.key, unused, diags);
    if (diags.error_count() != before) continue;
    DeadlineRule rule;
    rule.name = e.key;
    rule.label = read::str(e.value.get(), "label");
    std::string after = read::str(e.value.get(), "after"), before_key = read::str(e.value.get(), "before");
    if (after.empty() == before_key.empty()) {
      diags.error(e.value->where(), "deadline '" + e.key + "' needs exactly one of 'after' or 'before'",
                  "name the review date it counts from");
      continue;
    }
    rule.anchor = after.empty() ? before_key : after;
    rule.before = !before_key.empty();
    if (!is_date_key(rule.anchor)) {
      std::string hint = did_you_mean(rule.anchor, date_keys());
      diags.error(read::at(e.value.get(), rule.before ? "before" : "after"),
                  "deadline '" + e.key + "' counts from '" + rule.anchor + "', which is not one of the review's dates",
                  hint.empty() ? "use one of " + one_of(date_keys()) : hint);
      continue;
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
    if (!numbers_ok) continue;
    if (rule.months < 0 || rule.days < 0 || rule.working_days < 0) {
      diags.error(e.value->where(), "deadline '" + e.key + "' has a negative amount",
                  "use 'before' instead of a negative number");
      continue;
    }
    out.deadlines.push_back(rule);
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

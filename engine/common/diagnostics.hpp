// reviewkit/common — the one type for every problem a user must fix.
//
// Problems in user input (a case file, a template, a checklist) are data: each is a Diagnostic with
// where it is, what is wrong and how to mend it. Stages add them to a Diagnostics list and carry on,
// so the user sees every problem in one run; the CLI prints them together, in file:line:col order.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace reviewkit {

enum class Severity { Error, Warning, Note };

/// Where a problem is: a line and column (1-based) in a text file, or a part of a Word document
/// ("word/header1.xml ¶3") with the paragraph's text.
struct Location {
  std::string file;
  int line = 0, column = 0;
  std::string part;     ///< Word documents: "word/document.xml ¶12"
  std::string excerpt;  ///< Word documents: the paragraph's text, quoted after the message
  int paragraph = 0;    ///< Word documents: the paragraph's number, for ordering
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Location where;
  std::string message;
  std::string hint;  ///< how to mend it; printed in parentheses after the message
};

/// Formats one diagnostic on one line, as DESIGN.md's CLI contract says:
/// `file:line:col: error: message (hint)` or `file: part: error: message in "text" (hint)`.
std::string format(const Diagnostic& d);

class Diagnostics {
 public:
  void add(Diagnostic d);
  void error(Location where, std::string message, std::string hint = {});
  void warning(Location where, std::string message, std::string hint = {});
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Sorted by file, line, column (stable for equal positions), one a line.
  std::vector<Diagnostic> sorted() const;
  void print(std::ostream& out) const;

  static constexpr std::size_t kMaxKept = 20'000;  ///< diagnostics kept; more are only counted
  static constexpr std::size_t kMaxShown = 500;    ///< lines print() shows

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0, warnings_ = 0, dropped_ = 0;
};

}  // namespace reviewkit

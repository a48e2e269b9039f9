#include "diagnostics.hpp"

#include <algorithm>
#include <ostream>
#include <unordered_set>

namespace reviewkit {

namespace {
const char* label(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}
}  // namespace

std::string format(const Diagnostic& d) {
  std::string out = d.where.file;
  if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  } else if (!d.where.part.empty()) {
    out += ": " + d.where.part;
  }
  out += std::string(": ") + label(d.severity) + ": " + d.message;
  if (!d.where.excerpt.empty()) out += " in \"" + d.where.excerpt + "\"";
  if (!d.hint.empty()) out += " (" + d.hint + ")";
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  // A crafted file can hold a million mistakes; they are counted, and the first ones kept.
  if (items_.size() < kMaxKept) items_.push_back(std::move(d));
  else ++dropped_;
}

void Diagnostics::error(Location where, std::string message, std::string hint) {
  add({Severity::Error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(Location where, std::string message, std::string hint) {
  add({Severity::Warning, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
  dropped_ += other.dropped_;
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const { return errors_; }

std::size_t Diagnostics::warning_count() const { return warnings_; }

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    if (a.where.column != b.where.column) return a.where.column < b.where.column;
    auto part_name = [](const std::string& part) { return part.substr(0, part.find(' ')); };
    if (part_name(a.where.part) != part_name(b.where.part)) return part_name(a.where.part) < part_name(b.where.part);
    return a.where.paragraph < b.where.paragraph;
  });
  return out;
}

void Diagnostics::print(std::ostream& out) const {
  // The same problem found again (the same warning for each of many letters) is said once, and
  // at most kMaxShown lines are printed: the rest are counted.
  std::unordered_set<std::string> seen;
  std::size_t shown = 0, more = dropped_;
  for (const auto& d : sorted()) {
    std::string line = format(d);
    if (!seen.insert(line).second) continue;
    if (shown == kMaxShown) {
      ++more;
      continue;
    }
    ++shown;
    out << line << '\n';
  }
  if (more) out << "reviewkit: " << more << " more problem" << (more == 1 ? "" : "s") << " not shown (mend these first)\n";
}

}  // namespace reviewkit

#include "suggest.hpp"

#include <algorithm>
#include <cctype>

namespace reviewkit {

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  // Compared without case (ASCII), each word lowered once; three rows of the table (the
  // transposition looks two rows back) in one buffer.
  thread_local std::string a, b;
  thread_local std::vector<std::size_t> rows;
  auto lower = [](std::string& out, std::string_view in) {
    out.assign(in);
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  };
  lower(a, a_in);
  lower(b, b_in);
  const std::size_t n = a.size(), m = b.size();
  rows.assign(3 * (m + 1), 0);
  auto row = [&](std::size_t i) { return rows.data() + (i % 3) * (m + 1); };
  for (std::size_t j = 0; j <= m; ++j) row(0)[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t* cur = row(i);
    const std::size_t* up = row(i - 1);
    const std::size_t* up2 = row(i + 1);  // i - 2, modulo 3
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], up2[j - 2] + 1);
    }
  }
  return row(n)[m];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  for (const auto& c : candidates) {
    std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap > limit) continue;  // the distance is at least the difference in length
    if (c == word) continue;
    std::size_t dist = edit_distance(word, c);  // 0 when only the case differs: the best guess of all
    if (dist > limit) continue;
    if (!best || dist < best_distance) {
      best = c;
      best_distance = dist;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = closest(word, candidates);
  return best ? "did you mean '" + *best + "'?" : std::string();
}

std::string one_of(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += "'" + values[i] + "'";
  }
  return out;
}

}  // namespace reviewkit

// reviewkit/common — the one date library: calendar dates, parsing, UK formatting, ages.
//
// Dates in case files are written YYYY-MM-DD. Working days and bank holidays are in timescales/.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace reviewkit {

struct Date {
  int year = 0, month = 0, day = 0;

  /// Strict YYYY-MM-DD of a date that exists (no 2025-02-30).
  static std::optional<Date> parse(std::string_view text);
  /// What a user probably meant by a date written another way ("14/02/2025", "14.2.2025",
  /// "2025/2/14", "14 February 2025"), for a "did you mean" hint; UK day-first order.
  static std::optional<Date> guess(std::string_view text);
  static Date from_days(long days);  ///< days since 1970-01-01
  static bool exists(int year, int month, int day);

  long days() const;  ///< days since 1970-01-01
  int weekday() const;  ///< 0 Monday … 6 Sunday
  Date add_days(long n) const;
  /// Same day n months later; the last day of the month when it has no such day (31 Jan + 1 month = 28/29 Feb).
  Date add_months(int n) const;

  std::string iso() const;  ///< 2025-03-02
  std::string uk() const;   ///< 2 March 2025
  /// strftime-like: %d %-d %m %-m %B %b %Y %y %A %a %%.
  std::string format(std::string_view pattern) const;

  auto operator<=>(const Date&) const = default;
};

int days_in_month(int year, int month);

/// The age at `at` of someone born on `born`, as reviews write it: "3 days", "5 weeks",
/// "14 months" (under two), "3 years". Empty if `at` is before `born`.
std::string describe_age(const Date& born, const Date& at);
/// Whole years between born and at (negative if at is earlier).
int age_in_years(const Date& born, const Date& at);

}  // namespace reviewkit

#include "working_days.hpp"

#include <algorithm>

namespace reviewkit {

Date easter_sunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date{y, month, day};
}

namespace {

Date first_monday(int year, int month) {
  Date d{year, month, 1};
  return d.add_days((7 - d.weekday()) % 7);
}

Date last_monday(int year, int month) {
  Date d{year, month, days_in_month(year, month)};
  return d.add_days(-d.weekday());
}

// A weekend holiday moves to the next weekday that is not already taken.
void add_with_substitute(std::vector<Date>& out, Date d) {
  while (d.weekday() >= 5 || std::find(out.begin(), out.end(), d) != out.end()) d = d.add_days(1);
  out.push_back(d);
}

}  // namespace

std::vector<Date> bank_holidays_england(int year) {
  std::vector<Date> out;
  add_with_substitute(out, Date{year, 1, 1});
  Date easter = easter_sunday(year);
  out.push_back(easter.add_days(-2));
  out.push_back(easter.add_days(1));

  // Early May bank holiday: first Monday of May, moved for VE Day anniversaries.
  if (year == 1995 || year == 2020)
    out.push_back(Date{year, 5, 8});
  else
    out.push_back(first_monday(year, 5));

  // Spring bank holiday: last Monday of May, moved for jubilees.
  if (year == 2002) {
    out.push_back(Date{2002, 6, 3});
    out.push_back(Date{2002, 6, 4});
  } else if (year == 2012) {
    out.push_back(Date{2012, 6, 4});
    out.push_back(Date{2012, 6, 5});
  } else if (year == 2022) {
    out.push_back(Date{2022, 6, 2});
    out.push_back(Date{2022, 6, 3});
  } else {
    out.push_back(last_monday(year, 5));
  }
  out.push_back(last_monday(year, 8));
  add_with_substitute(out, Date{year, 12, 25});
  add_with_substitute(out, Date{year, 12, 26});

  // One-off holidays.
  for (Date d : {Date{1999, 12, 31}, Date{2011, 4, 29}, Date{2022, 9, 19}, Date{2023, 5, 8}})
    if (d.year == year) out.push_back(d);
  std::sort(out.begin(), out.end());
  return out;
}

bool is_bank_holiday_england(const Date& d) {
  auto days = bank_holidays_england(d.year);
  return std::binary_search(days.begin(), days.end(), d);
}

bool is_working_day(const Date& d) { return d.weekday() < 5 && !is_bank_holiday_england(d); }

Date add_working_days(const Date& from, int n) {
  Date d = from;
  int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    d = d.add_days(step);
    if (is_working_day(d)) --left;
  }
  return d;
}

int working_days_between(const Date& from, const Date& to) {
  int count = 0;
  for (Date d = from.add_days(1); d <= to; d = d.add_days(1))
    if (is_working_day(d)) ++count;
  return count;
}

}  // namespace reviewkit

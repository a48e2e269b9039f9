#include "date.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace reviewkit {

namespace {
constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool Date::exists(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d))
    return std::nullopt;
  if (!exists(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<Date> Date::guess(std::string_view text) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (!cur.empty()) {
      parts.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  if (parts.size() != 3) return std::nullopt;
  int a = 0, b = 0, c = 0;
  bool an = parse_int(parts[0], a), cn = parse_int(parts[2], c);
  bool bn = parse_int(parts[1], b);
  if (!bn) {  // 14 February 2025, 14 Feb 2025
    for (int i = 0; i < 12; ++i) {
      std::string name = kMonths[static_cast<std::size_t>(i)];
      std::string word = parts[1];
      for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (word.size() >= 3 && name.compare(0, word.size(), word) == 0) {
        b = i + 1;
        bn = true;
      }
    }
  }
  if (!an || !bn || !cn) return std::nullopt;
  if (parts[0].size() == 4 && exists(a, b, c)) return Date{a, b, c};  // 2025/2/14
  if (c < 100) c += 2000;
  if (exists(c, b, a)) return Date{c, b, a};  // 14/02/2025, UK order
  return std::nullopt;
}

long Date::days() const {
  // Howard Hinnant's days_from_civil.
  int y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int Date::weekday() const {
  long d = days();  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

Date Date::add_days(long n) const { return from_days(days() + n); }

Date Date::add_months(int n) const {
  // Floor division, so that counting back past year 0 stays a real month (never month 0 or -3).
  long total = static_cast<long>(year) * 12 + (month - 1) + n;
  long y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  int m = static_cast<int>(total - y * 12) + 1;
  int yy = static_cast<int>(y);
  int d = day <= days_in_month(yy, m) ? day : days_in_month(yy, m);
  return Date{yy, m, d};
}

std::string Date::iso() const { return std::to_string(year) + "-" + two(month) + "-" + two(day); }

std::string Date::uk() const {
  return std::to_string(day) + " " + kMonths[static_cast<std::size_t>(month - 1)] + " " + std::to_string(year);
}

std::string Date::format(std::string_view pattern) const {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 >= pattern.size()) {
      out += pattern[i];
      continue;
    }
    char c = pattern[++i];
    bool no_pad = false;
    if (c == '-' && i + 1 < pattern.size()) {
      no_pad = true;
      c = pattern[++i];
    }
    switch (c) {
      case 'd': out += no_pad ? std::to_string(day) : two(day); break;
      case 'm': out += no_pad ? std::to_string(month) : two(month); break;
      case 'Y': out += std::to_string(year); break;
      case 'y': out += two(year % 100); break;
      case 'B': out += kMonths[static_cast<std::size_t>(month - 1)]; break;
      case 'b': out += std::string(kMonths[static_cast<std::size_t>(month - 1)]).substr(0, 3); break;
      case 'A': out += kWeekdays[static_cast<std::size_t>(weekday())]; break;
      case 'a': out += std::string(kWeekdays[static_cast<std::size_t>(weekday())]).substr(0, 3); break;
      case '%': out += '%'; break;
      default: out += '%'; out += c;
    }
  }
  return out;
}

int age_in_years(const Date& born, const Date& at) {
  int years = at.year - born.year;
  if (at.month < born.month || (at.month == born.month && at.day < born.day)) --years;
  return years;
}

std::string describe_age(const Date& born, const Date& at) {
  if (at < born) return {};
  auto plural = [](long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  long days = at.days() - born.days();
  if (days < 28) return days < 14 ? plural(days, "day") : plural(days / 7, "week");
  int months = (at.year - born.year) * 12 + (at.month - born.month) - (at.day < born.day ? 1 : 0);
  if (months < 2) return plural(days / 7, "week");
  if (months < 24) return plural(months, "month");
  return plural(age_in_years(born, at), "year");
}

}  // namespace reviewkit

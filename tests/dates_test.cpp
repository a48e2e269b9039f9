#include <catch2/catch.hpp>

#include <map>

#include "common/date.hpp"
#include "timescales/deadlines.hpp"
#include "timescales/working_days.hpp"

using reviewkit::Date;

TEST_CASE("dates are read only as YYYY-MM-DD of a day that exists", "[date]") {
  CHECK(Date::parse("2025-03-02") == Date{2025, 3, 2});
  CHECK(Date::parse("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(Date::parse("2025-02-29"));
  CHECK_FALSE(Date::parse("2025-13-01"));
  CHECK_FALSE(Date::parse("2025-3-2"));
  CHECK_FALSE(Date::parse("02/03/2025"));
  CHECK_FALSE(Date::parse(""));
}

TEST_CASE("a date written another way is guessed in UK day-first order for hints", "[date]") {
  CHECK(Date::guess("14/02/2025") == Date{2025, 2, 14});
  CHECK(Date::guess("14.2.2025") == Date{2025, 2, 14});
  CHECK(Date::guess("2025/2/14") == Date{2025, 2, 14});
  CHECK(Date::guess("14 February 2025") == Date{2025, 2, 14});
  CHECK(Date::guess("14 Feb 25") == Date{2025, 2, 14});
  CHECK_FALSE(Date::guess("yesterday"));
  CHECK_FALSE(Date::guess("31/02/2025"));
}

TEST_CASE("dates print in UK style and by pattern", "[date]") {
  Date d{2015, 3, 2};
  CHECK(d.uk() == "2 March 2015");
  CHECK(d.iso() == "2015-03-02");
  CHECK(d.format("%d/%m/%Y") == "02/03/2015");
  CHECK(d.format("%A %-d %B %Y") == "Monday 2 March 2015");
  CHECK(d.format("%a %b %y %%") == "Mon Mar 15 %");
}

TEST_CASE("day arithmetic round-trips and months clamp to the month's end", "[date]") {
  CHECK(Date::from_days(0) == Date{1970, 1, 1});
  CHECK(Date{2000, 2, 29}.add_days(366) == Date{2001, 3, 1});
  CHECK(Date{2025, 1, 31}.add_months(1) == Date{2025, 2, 28});
  CHECK(Date{2024, 1, 31}.add_months(1) == Date{2024, 2, 29});
  CHECK(Date{2025, 8, 10}.add_months(6) == Date{2026, 2, 10});
  CHECK(Date{2025, 3, 1}.add_months(-1) == Date{2025, 2, 1});
  CHECK(Date{2025, 11, 23}.weekday() == 6);
}

TEST_CASE("ages are described as reviews write them", "[date]") {
  Date born{2023, 1, 10};
  CHECK(reviewkit::describe_age(born, Date{2023, 1, 15}) == "5 days");
  CHECK(reviewkit::describe_age(born, Date{2023, 2, 20}) == "5 weeks");
  CHECK(reviewkit::describe_age(born, Date{2024, 3, 9}) == "13 months");
  CHECK(reviewkit::describe_age(born, Date{2025, 1, 9}) == "23 months");
  CHECK(reviewkit::describe_age(born, Date{2025, 1, 10}) == "2 years");
  CHECK(reviewkit::describe_age(born, Date{2022, 1, 10}).empty());
  CHECK(reviewkit::age_in_years(Date{2008, 2, 29}, Date{2026, 2, 28}) == 17);
}

TEST_CASE("bank holidays in England include substitutes and one-off days", "[timescales]") {
  using reviewkit::bank_holidays_england;
  CHECK(bank_holidays_england(2025) == std::vector<Date>{{2025, 1, 1}, {2025, 4, 18}, {2025, 4, 21}, {2025, 5, 5},
                                                         {2025, 5, 26}, {2025, 8, 25}, {2025, 12, 25}, {2025, 12, 26}});
  // Christmas on a Saturday: Monday 27 and Tuesday 28 instead.
  auto y2021 = bank_holidays_england(2021);
  CHECK(std::count(y2021.begin(), y2021.end(), Date{2021, 12, 27}) == 1);
  CHECK(std::count(y2021.begin(), y2021.end(), Date{2021, 12, 28}) == 1);
  // 2022: Platinum Jubilee moved the spring holiday, and the state funeral.
  auto y2022 = bank_holidays_england(2022);
  CHECK(std::count(y2022.begin(), y2022.end(), Date{2022, 6, 2}) == 1);
  CHECK(std::count(y2022.begin(), y2022.end(), Date{2022, 6, 3}) == 1);
  CHECK(std::count(y2022.begin(), y2022.end(), Date{2022, 5, 30}) == 0);
  CHECK(std::count(y2022.begin(), y2022.end(), Date{2022, 9, 19}) == 1);
  CHECK(reviewkit::is_bank_holiday_england(Date{2020, 5, 8}));
  CHECK_FALSE(reviewkit::is_bank_holiday_england(Date{2020, 5, 4}));
  CHECK(reviewkit::is_bank_holiday_england(Date{2023, 5, 8}));
  CHECK(reviewkit::easter_sunday(2024) == Date{2024, 3, 31});
}

TEST_CASE("working days skip weekends and bank holidays", "[timescales]") {
  // Thursday 17 April 2025, then Good Friday, the weekend and Easter Monday.
  CHECK(reviewkit::add_working_days(Date{2025, 4, 17}, 1) == Date{2025, 4, 22});
  CHECK(reviewkit::add_working_days(Date{2025, 2, 10}, 5) == Date{2025, 2, 17});
  CHECK(reviewkit::add_working_days(Date{2025, 2, 17}, -5) == Date{2025, 2, 10});
  CHECK(reviewkit::working_days_between(Date{2025, 12, 24}, Date{2026, 1, 2}) == 4);
  CHECK(reviewkit::working_days_between(Date{2025, 2, 10}, Date{2025, 2, 10}) == 0);
}

TEST_CASE("a deadline rule says what it is and when it falls due", "[timescales]") {
  auto rule = [](std::string name, std::string anchor, int months, int days, int working_days, bool before) {
    reviewkit::DeadlineRule r;
    r.name = std::move(name);
    r.label = "Label";
    r.anchor = std::move(anchor);
    r.months = months;
    r.days = days;
    r.working_days = working_days;
    r.before = before;
    return r;
  };
  auto month = rule("decision", "referral", 1, 0, 0, false);
  auto week = rule("publication_notified", "publication", 0, 7, 0, true);
  auto work = rule("decision_notified", "decision", 0, 0, 5, false);
  CHECK(month.describe() == "one month after referral");
  CHECK(week.describe() == "one week before publication");
  CHECK(work.describe() == "five working days after decision");
  CHECK(month.due_from(Date{2025, 1, 31}) == Date{2025, 2, 28});
  CHECK(week.due_from(Date{2025, 9, 1}) == Date{2025, 8, 25});
  CHECK(work.due_from(Date{2025, 12, 22}) == Date{2025, 12, 31});
}

TEST_CASE("a deadline is met, late, due, overdue or waiting on a given day", "[timescales]") {
  using reviewkit::DeadlineStatus;
  reviewkit::DeadlineRule r;
  r.name = "decision";
  r.label = "Decision";
  r.anchor = "referral";
  r.months = 1;
  std::map<std::string, Date> dates = {{"referral", Date{2025, 1, 13}}};
  auto date_of = [&](const std::string& key, const std::string&) -> std::optional<Date> {
    auto it = dates.find(key);
    return it == dates.end() ? std::nullopt : std::optional<Date>(it->second);
  };
  auto one = [&](const Date& today) {
    auto out = reviewkit::compute_deadlines({r}, date_of, {}, {}, today);
    REQUIRE(out.size() == 1);
    return out[0];
  };
  CHECK(one(Date{2025, 2, 13}).status(Date{2025, 2, 13}) == DeadlineStatus::Due);
  CHECK(one(Date{2025, 2, 16}).status(Date{2025, 2, 16}) == DeadlineStatus::Overdue);
  CHECK(one(Date{2025, 2, 16}).days_over(Date{2025, 2, 16}) == 3);
  dates["decision"] = Date{2025, 2, 13};
  CHECK(one(Date{2025, 3, 1}).status(Date{2025, 3, 1}) == DeadlineStatus::Met);
  dates["decision"] = Date{2025, 2, 22};
  CHECK(one(Date{2025, 3, 1}).status(Date{2025, 3, 1}) == DeadlineStatus::Late);
  CHECK(one(Date{2025, 3, 1}).days_over(Date{2025, 3, 1}) == 9);
  dates.erase("referral");
  CHECK(one(Date{2025, 3, 1}).status(Date{2025, 3, 1}) == DeadlineStatus::Waiting);
}

TEST_CASE("deadlines for each agency and recurring ones", "[timescales]") {
  reviewkit::DeadlineRule author;
  author.name = "imr_author";
  author.label = "IMR author appointed";
  author.each = "agency";
  author.anchor = "report.requested";
  author.done = "author.appointed";
  author.months = 2;
  reviewkit::DeadlineRule monthly;
  monthly.name = "monitoring";
  monthly.label = "Action plan progress";
  monthly.anchor = "completion";
  monthly.every_months = 1;
  auto date_of = [](const std::string& key, const std::string& agency) -> std::optional<Date> {
    if (key == "report.requested" && agency == "CSC") return Date{2025, 2, 14};
    if (key == "author.appointed" && agency == "CSC") return Date{2025, 4, 20};
    if (key == "completion") return Date{2025, 10, 24};
    return std::nullopt;
  };
  const std::vector<reviewkit::DeadlineRule> rules = {author, monthly};  // deadlines point at their rules
  auto out = reviewkit::compute_deadlines(rules, date_of, {"CSC", "GP"}, {}, Date{2026, 1, 2});
  REQUIRE(out.size() == 2);  // the GP was never asked, so has no deadline
  CHECK(out[0].id() == "imr_author.CSC");
  CHECK(out[0].label() == "IMR author appointed (CSC)");
  CHECK(out[0].due == Date{2025, 4, 14});
  CHECK(out[0].days_over(Date{2026, 1, 2}) == 6);
  CHECK(out[1].due == Date{2026, 1, 24});
  CHECK(out[1].rule->describe() == "every month from completion");
}

TEST_CASE("counting months back past the first year stays a real date", "[dates]") {
  CHECK(Date{2025, 3, 31}.add_months(-3) == Date{2024, 12, 31});
  CHECK(Date{1, 2, 1}.add_months(-14) == Date{-1, 12, 1});
  CHECK(Date{1, 1, 31}.add_months(-1200) == Date{-99, 1, 31});
}

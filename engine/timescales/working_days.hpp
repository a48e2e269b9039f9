// reviewkit/timescales — working days in England: weekends and England and Wales bank holidays.
//
// Statutory timescales in the boards' procedures are in months ("decide within one month"), days
// ("one week before publication") and working days ("tell Ofsted within five working days").
#pragma once

#include <vector>

#include "common/date.hpp"

namespace reviewkit {

/// Bank holidays in England and Wales in `year`, in date order, including substitute days and the
/// one-off holidays proclaimed since 1995 (jubilees, royal weddings, the 2022 state funeral,
/// the 2023 coronation).
std::vector<Date> bank_holidays_england(int year);
bool is_bank_holiday_england(const Date& d);
bool is_working_day(const Date& d);

/// The date `n` working days after `from` (n > 0) or before it (n < 0); `from` itself never counts.
Date add_working_days(const Date& from, int n);
/// Working days after `from` up to and including `to` (0 when to <= from).
int working_days_between(const Date& from, const Date& to);

Date easter_sunday(int year);

}  // namespace reviewkit

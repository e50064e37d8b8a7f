// Private: local calendar dates for the compliance calendar (a date in the organization's time zone,
// its start and end instants, calendar months and years added to it).
#pragma once

#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <system_error>

#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/core/timezone.hpp"

namespace propos::dates {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
};

struct MonthDay {
    int month = 1;
    int day = 1;
};

inline bool valid_month_day(int month, int day) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // Feb 29 is not a yearly date
    return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

inline std::chrono::year_month_day ymd(const Date& d) {
    return std::chrono::year_month_day{std::chrono::year(d.year), std::chrono::month(static_cast<unsigned>(d.month)),
                                       std::chrono::day(static_cast<unsigned>(d.day))};
}

// The years a pack's dates may name: every date the calendar derives from them (plus at most one
// period, itself at most kMaxPeriodYears) stays inside what a Timestamp holds (1678-2262).
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;
inline constexpr int kMaxPeriodYears = 50;

inline std::optional<Date> parse_date(const std::string& text) {
    Date d;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3) return std::nullopt;
    if (!ymd(d).ok()) return std::nullopt;
    return d;
}

/// A period "<n>d", "<n>M" or "<n>Y": its count and unit; nullopt unless 1 <= n and the period is at
/// most kMaxPeriodYears long.
struct Period {
    int n = 1;
    char unit = 'd';
};
inline std::optional<Period> parse_period(const std::string& text) {
    if (text.size() < 2) return std::nullopt;
    Period p;
    p.unit = text.back();
    const char* end = text.data() + text.size() - 1;
    const auto [ptr, ec] = std::from_chars(text.data(), end, p.n);
    if (ec != std::errc() || ptr != end || p.n < 1) return std::nullopt;
    const long limit = p.unit == 'd' ? 366L * kMaxPeriodYears : p.unit == 'M' ? 12L * kMaxPeriodYears
                                                             : p.unit == 'Y' ? kMaxPeriodYears : 0;
    if (p.n > limit) return std::nullopt;
    return p;
}

inline MonthDay month_day_of(const Json& j) { return {j.at("month").get<int>(), j.at("day").get<int>()}; }

inline Date on(int year, MonthDay md) { return {year, md.month, md.day}; }

inline std::string format(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

/// The local date of `t` in `tz`.
inline Date local_date(Timestamp t, const std::string& tz) {
    const auto text = format_local_time(t, tz, "%Y-%m-%d");
    auto d = parse_date(text);
    if (!d) throw Error(ErrorCode::kInternal, "cannot read local date '" + text + "'");
    return *d;
}

/// Local midnight starting `d` in `tz` (from noon UTC of that date: the same local date in every
/// zone between UTC-11 and UTC+11).
inline Timestamp start_of_day(const Date& d, const std::string& tz) {
    const auto noon = std::chrono::sys_days(ymd(d)) + std::chrono::hours(12);
    return local_day_time(std::chrono::time_point_cast<Timestamp::duration>(noon), tz, 0, 0);
}

/// The last second of `d` in `tz` (23:59:59 local).
inline Timestamp end_of_day(const Date& d, const std::string& tz) {
    const auto noon = std::chrono::sys_days(ymd(d)) + std::chrono::hours(12);
    return local_day_time(std::chrono::time_point_cast<Timestamp::duration>(noon), tz, 1, 0) -
           std::chrono::seconds(1);
}

/// `d` plus `times` periods of "<n>d", "<n>M" or "<n>Y" (months and years keep the day, clamped to
/// the month's last day). The period was checked by parse_period when the pack was read.
inline Date add_period(const Date& d, const std::string& period, int times) {
    const auto p = parse_period(period);
    if (!p) throw Error(ErrorCode::kInvalidArgument, "'" + period + "' is not a period");
    const int n = p->n * times;
    const char unit = p->unit;
    if (unit == 'd') {
        const auto days = std::chrono::sys_days(ymd(d)) + std::chrono::days(n);
        const std::chrono::year_month_day r(days);
        return {int(r.year()), int(unsigned(r.month())), int(unsigned(r.day()))};
    }
    const int months = unit == 'Y' ? n * 12 : n;
    const int total = d.year * 12 + (d.month - 1) + months;
    Date r{total / 12, total % 12 + 1, d.day};
    const auto last = std::chrono::year_month_day_last(std::chrono::year(r.year),
                                                       std::chrono::month_day_last(std::chrono::month(unsigned(r.month))));
    r.day = std::min(r.day, int(unsigned(last.day())));
    return r;
}

/// The first multiple of `period` after `start` worth computing for dates from `from` on: the
/// periods that all end before `from` are skipped (a 30-day cycle that started in 1990 is not walked
/// from 1990, and never runs out of its bounded steps before today).
inline int first_period_index(const Date& start, const std::string& period, const Date& from) {
    const auto p = parse_period(period);
    if (!p) throw Error(ErrorCode::kInvalidArgument, "'" + period + "' is not a period");
    long k = 0;
    if (p->unit == 'd') {
        k = (std::chrono::sys_days(ymd(from)) - std::chrono::sys_days(ymd(start))).count() / p->n;
    } else {
        const long months = (long(from.year) * 12 + from.month) - (long(start.year) * 12 + start.month);
        k = months / (p->unit == 'Y' ? 12L * p->n : p->n);
    }
    return k > 1 ? static_cast<int>(k - 1) : 0;
}

}  // namespace propos::dates

/// @file timezone.hpp
/// @brief Local time in an IANA time zone ("America/New_York"), from the system tz database: the
/// one place PropOS turns a UTC `Timestamp` into a local hour, a local day or a local wall-clock
/// time, and back. Daylight saving time is handled; a nonexistent local time (the spring-forward
/// gap) resolves to the transition, an ambiguous one (fall-back) to the first occurrence.
///
/// Unknown or empty zone names count as UTC everywhere here (a workflow must not stop because an
/// organization's zone is misspelled); `is_known_time_zone` tells them apart. All functions are
/// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief True when `timezone` names a zone of the tz database ("Europe/Paris", "UTC").
PROPOS_EXPORT bool is_known_time_zone(std::string_view timezone) noexcept;

/// @brief The hour (0-23) at `t` in `timezone`; unknown zones count as UTC.
PROPOS_EXPORT int local_hour(Timestamp t, const std::string& timezone);

/// @brief The minute of the day (0-1439) at `t` in `timezone`; unknown zones count as UTC.
PROPOS_EXPORT int local_minute_of_day(Timestamp t, const std::string& timezone);

/// @brief The day of the week at `t` in `timezone`: 0 = Sunday ... 6 = Saturday.
PROPOS_EXPORT int local_weekday(Timestamp t, const std::string& timezone);

/// @brief True when `t` falls on a Saturday or Sunday in `timezone`.
PROPOS_EXPORT bool is_local_weekend(Timestamp t, const std::string& timezone);

/// @brief The instant of local midnight that starts the day `days` after the local day of `t`
/// (0: the day of `t`) in `timezone`, plus `minutes` of local wall-clock time; e.g.
/// `local_day_time(now, tz, 1, 600)` is tomorrow at 10:00 local.
PROPOS_EXPORT Timestamp local_day_time(Timestamp t, const std::string& timezone, int days, int minutes);

/// @brief The next instant at or after `t` when it is `hour`:00 local time in `timezone`.
PROPOS_EXPORT Timestamp next_local_time(Timestamp t, const std::string& timezone, int hour);

/// @brief `t` as local wall-clock text in `timezone`, with a strftime-like `format` of the date
/// library (e.g. "%a %b %d, %I:%M %p" -> "Tue Jan 06, 10:00 AM").
PROPOS_EXPORT std::string format_local_time(Timestamp t, const std::string& timezone,
                                            const std::string& format);

}  // namespace propos

/// @file quiet_hours.hpp
/// @brief Quiet hours: whether a non-urgent message to a tenant should wait, and until when, in the
/// tenant's local time (IANA zone from the system tz database, or a fixed UTC offset).
#pragma once

#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"
#include "propos/model/work_order.hpp"

namespace propos::channels {

/// @brief The local-time window in which tenants are not messaged.
struct QuietHours {
    /// Start, minutes after local midnight. Default: 21:00.
    int start_minute = 21 * 60;
    /// End, minutes after local midnight (the window wraps midnight when end <= start).
    /// Default: 08:00. Equal start and end: no quiet hours.
    int end_minute = 8 * 60;
    /// When true, urgent messages also ignore quiet hours. Default: false (only emergencies do).
    bool urgent_exempt = false;
};

/// @brief The answer of `check_quiet_hours`.
struct QuietHoursCheck {
    bool quiet = false;      ///< True: hold the message until `send_at`.
    Timestamp send_at{};     ///< When it may be sent: the given time when not quiet, else the end
                             ///< of the window (first instant at or after the local end time).
    int local_minute = 0;    ///< Minutes after local midnight at the given time.
};

/// @brief Checks `at` against `hours` in `time_zone`.
///
/// `time_zone` is an IANA name ("America/New_York", "Europe/Paris"; daylight saving time handled
/// by the system tz database at /usr/share/zoneinfo) or a fixed offset ("UTC", "Z", "+05:30",
/// "-0500", "UTC-5", "GMT+1"); an empty zone means UTC. Emergencies are never quiet (nor urgent
/// messages when `hours.urgent_exempt`). Throws `Error(kInvalidArgument)` naming the zone when it
/// is neither, or when the minutes are outside 0..1439.
PROPOS_EXPORT QuietHoursCheck check_quiet_hours(Timestamp at, std::string_view time_zone,
                                                Priority priority, const QuietHours& hours = {});

/// @brief True when `time_zone` is a known IANA name or a fixed offset accepted above.
PROPOS_EXPORT bool is_valid_time_zone(std::string_view time_zone) noexcept;

}  // namespace propos::channels

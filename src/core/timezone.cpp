// Local time in IANA zones (system tz database through the date library).
#include "propos/core/timezone.hpp"

#include "core/tz.hpp"

namespace propos {
namespace detail {

const date::time_zone* find_time_zone(std::string_view name) noexcept {
    if (name.empty()) return nullptr;
    try {
        return date::locate_zone(std::string(name));
    } catch (...) {
        return nullptr;
    }
}

const date::time_zone& zone_or_utc(std::string_view name) {
    if (const auto* z = find_time_zone(name)) return *z;
    return *date::locate_zone("UTC");
}

}  // namespace detail

namespace {
using std::chrono::seconds;

date::local_seconds to_local(Timestamp t, const std::string& timezone) {
    return detail::zone_or_utc(timezone).to_local(std::chrono::floor<seconds>(t));
}

Timestamp to_sys(date::local_seconds local, const date::time_zone& z) {
    const auto utc = z.to_sys(local, date::choose::earliest);
    return Timestamp(std::chrono::duration_cast<Timestamp::duration>(utc.time_since_epoch()));
}
}  // namespace

bool is_known_time_zone(std::string_view timezone) noexcept {
    return detail::find_time_zone(timezone) != nullptr;
}

int local_hour(Timestamp t, const std::string& timezone) {
    return local_minute_of_day(t, timezone) / 60;
}

int local_minute_of_day(Timestamp t, const std::string& timezone) {
    const auto local = to_local(t, timezone);
    const auto day = date::floor<date::days>(local);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
}

int local_weekday(Timestamp t, const std::string& timezone) {
    return static_cast<int>(date::weekday{date::floor<date::days>(to_local(t, timezone))}.c_encoding());
}

bool is_local_weekend(Timestamp t, const std::string& timezone) {
    const int wd = local_weekday(t, timezone);
    return wd == 0 || wd == 6;
}

Timestamp local_day_time(Timestamp t, const std::string& timezone, int days, int minutes) {
    const auto& z = detail::zone_or_utc(timezone);
    const auto day = date::floor<date::days>(z.to_local(std::chrono::floor<seconds>(t)));
    return to_sys(day + date::days(days) + std::chrono::minutes(minutes), z);
}

Timestamp next_local_time(Timestamp t, const std::string& timezone, int hour) {
    for (int i = 0; i < 3; ++i) {
        const auto candidate = local_day_time(t, timezone, i, hour * 60);
        if (candidate >= t) return candidate;
    }
    return t;
}

std::string format_local_time(Timestamp t, const std::string& timezone, const std::string& format) {
    const auto local = date::zoned_time<seconds>(&detail::zone_or_utc(timezone),
                                                 std::chrono::floor<seconds>(t));
    return date::format(format, local);
}

}  // namespace propos

#include "propos/channels/quiet_hours.hpp"

#include <cctype>
#include <chrono>
#include <optional>

#include "channels/util.hpp"
#include "core/tz.hpp"
#include "propos/core/error.hpp"

namespace propos::channels {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// "+05:30", "-0500", "+5", "UTC-5", "GMT+1", "UTC", "Z" -> offset east of UTC.
std::optional<minutes> parse_fixed_offset(std::string_view tz) {
    auto t = detail::trim(tz);
    if (t.empty() || t == "Z" || detail::iequals(t, "UTC") || detail::iequals(t, "GMT")) {
        return minutes(0);
    }
    if (detail::starts_with_ci(t, "UTC") || detail::starts_with_ci(t, "GMT")) t.remove_prefix(3);
    if (t.empty() || (t[0] != '+' && t[0] != '-')) return std::nullopt;
    const int sign = t[0] == '-' ? -1 : 1;
    t.remove_prefix(1);
    std::string digits;
    bool colon = false;
    for (char c : t) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits.push_back(c);
        } else if (c == ':' && !colon) {
            colon = true;
            if (digits.empty() || digits.size() > 2) return std::nullopt;
            if (digits.size() == 1) digits.insert(0, "0");
        } else {
            return std::nullopt;
        }
    }
    int h = 0, m = 0;
    if (digits.size() <= 2 && !colon) {
        if (digits.empty()) return std::nullopt;
        h = std::stoi(digits);
    } else if (digits.size() == 3 && !colon) {
        h = digits[0] - '0';
        m = std::stoi(digits.substr(1));
    } else if (digits.size() == 4) {
        h = std::stoi(digits.substr(0, 2));
        m = std::stoi(digits.substr(2));
    } else {
        return std::nullopt;
    }
    if (h > 14 || m > 59) return std::nullopt;
    return minutes(sign * (h * 60 + m));
}

const date::time_zone* find_zone(std::string_view tz) {
    if (tz.find('/') == std::string_view::npos && !detail::starts_with_ci(tz, "Etc")) {
        // Bare names ("EST", "CET") exist in the database too; try it, but offsets first.
        if (parse_fixed_offset(tz)) return nullptr;
    }
    return propos::detail::find_time_zone(tz);
}

}  // namespace

bool is_valid_time_zone(std::string_view time_zone) noexcept {
    try {
        return find_zone(time_zone) != nullptr || parse_fixed_offset(time_zone).has_value();
    } catch (...) {
        return false;
    }
}

QuietHoursCheck check_quiet_hours(Timestamp at, std::string_view time_zone, Priority priority,
                                  const QuietHours& hours) {
    if (hours.start_minute < 0 || hours.start_minute >= 1440 || hours.end_minute < 0 ||
        hours.end_minute >= 1440) {
        throw Error(ErrorCode::kInvalidArgument,
                    "quiet hours must be minutes within a day (0..1439), got start " +
                        std::to_string(hours.start_minute) + " and end " +
                        std::to_string(hours.end_minute));
    }
    const date::time_zone* zone = find_zone(time_zone);
    std::optional<minutes> offset;
    if (zone == nullptr) {
        offset = parse_fixed_offset(time_zone);
        if (!offset) {
            throw Error(ErrorCode::kInvalidArgument,
                        "unknown time zone '" + std::string(time_zone) +
                            "' (expected an IANA name such as America/New_York or an offset such "
                            "as -05:00)");
        }
    }
    const auto at_s = std::chrono::floor<seconds>(at);
    // Local wall-clock time as a sys_time-shaped value (seconds since local epoch).
    const auto local = zone ? date::sys_seconds(zone->to_local(at_s).time_since_epoch())
                            : date::sys_seconds(at_s.time_since_epoch() + *offset);
    const auto local_day = date::floor<date::days>(local);
    const int m = static_cast<int>(std::chrono::duration_cast<minutes>(local - local_day).count());

    QuietHoursCheck out;
    out.local_minute = m;
    out.send_at = at;
    const bool exempt = priority == Priority::kEmergency ||
                        (priority == Priority::kUrgent && hours.urgent_exempt);
    const int start = hours.start_minute;
    const int end = hours.end_minute;
    if (exempt || start == end) return out;
    bool quiet = false;
    auto end_day = local_day;
    if (start < end) {
        quiet = m >= start && m < end;
    } else {
        quiet = m >= start || m < end;
        if (m >= start) end_day += date::days(1);
    }
    if (!quiet) return out;
    const auto local_end = end_day + minutes(end);  // local wall time as sys-shaped
    Timestamp resume;
    if (zone) {
        const auto lt = date::local_seconds(
            std::chrono::duration_cast<seconds>(local_end.time_since_epoch()));
        // A nonexistent local time (DST gap) resolves to the transition; ambiguous: the first.
        const auto sys = zone->to_sys(lt, date::choose::earliest);
        resume = Timestamp(std::chrono::duration_cast<Timestamp::duration>(sys.time_since_epoch()));
    } else {
        resume = Timestamp(std::chrono::duration_cast<Timestamp::duration>(
            local_end.time_since_epoch() - *offset));
    }
    out.quiet = true;
    out.send_at = resume < at ? at : resume;
    return out;
}

}  // namespace propos::channels

/// @file time.hpp
/// @brief ISO-8601 timestamps and human durations ("90m", "3d") for JSON, the CLI and logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief Formats as "2026-01-05T09:00:00Z", or with milliseconds ("...:00.250Z") when they are not 0.
PROPOS_EXPORT std::string format_time(Timestamp t);

/// @brief Parses ISO-8601 / RFC 3339: "2026-01-05T09:00:00Z", "...00.250Z", "...00+02:00", "2026-01-05"
/// (midnight UTC). Throws `Error(kInvalidArgument)` naming the text when it is not such a time.
PROPOS_EXPORT Timestamp parse_time(std::string_view text);

/// @brief Parses a duration: a number followed by ms, s, m, h, d or w ("90m", "3d", "1.5h": a decimal
/// fraction is rounded to the millisecond), or several such parts ("1d12h"). Throws
/// `Error(kInvalidArgument)` on anything else.
PROPOS_EXPORT Millis parse_duration(std::string_view text);

/// @brief Formats a duration compactly ("1d2h", "45m", "0s").
PROPOS_EXPORT std::string format_duration(Millis d);

/// @brief Milliseconds since the Unix epoch.
inline std::int64_t to_unix_millis(Timestamp t) noexcept {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}
/// @brief The instant `ms` milliseconds after the Unix epoch.
inline Timestamp from_unix_millis(std::int64_t ms) noexcept { return Timestamp(Millis(ms)); }

}  // namespace propos

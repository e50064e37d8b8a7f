// Private: the tz database lookup behind propos/core/timezone.hpp, for the few callers that need
// the date library's zone itself (quiet hours with fixed offsets, availability windows).
#pragma once

#include <date/tz.h>

#include <string_view>

namespace propos::detail {

/// The zone named `name`, or null when the tz database has no such zone.
const date::time_zone* find_time_zone(std::string_view name) noexcept;

/// The zone named `name`; UTC when it is empty or unknown.
const date::time_zone& zone_or_utc(std::string_view name);

}  // namespace propos::detail

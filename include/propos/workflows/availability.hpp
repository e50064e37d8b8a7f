/// @file availability.hpp
/// @brief Reading a tenant's answer about access: when they are home, whether a technician may let
/// themselves in, and whether there are pets — from free text such as "weekdays after 5pm, you can
/// go in if I'm out, I have a cat" or "mañana por la tarde".
///
/// The parser is deterministic and conservative: it reports only what the text states, and an
/// answer it cannot read yields no windows (the workflow then keeps its default slot). Keywords
/// cover English and common Spanish.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"
#include "propos/model/work_order.hpp"

namespace propos {

/// @brief What a tenant's access answer says.
struct AvailabilityAnswer {
    /// True: the technician may enter when nobody is home; false: someone must be present;
    /// unset: not said.
    std::optional<bool> entry_permitted;
    /// True: pets in the unit ("I have a dog"); false: "no pets"; unset: not said.
    std::optional<bool> pets;
    /// Concrete windows within the next 7 days (local hours converted to UTC), earliest first, none
    /// starting before `now`. Empty when the text names no usable time.
    std::vector<TimeWindow> windows;
    /// The tenant said any time works ("anytime", "all day", "cualquier hora").
    bool anytime = false;
};

/// @brief Reads `text` as of `now`, interpreting days and hours in the IANA time zone `timezone`
/// (unknown zones count as UTC). Understands ISO-8601 times ("2026-01-06T10:00"), day words (today,
/// tomorrow, weekday names, weekdays, weekends), parts of the day (mornings 8-12, afternoons 12-17,
/// evenings 17-20), "after 5pm", "before noon", "between 9 and 11", "10-2", "anytime", and the
/// same in Spanish. Without a day, the next 7 days are meant; without hours, 8-20. Never throws for
/// any text.
PROPOS_EXPORT AvailabilityAnswer parse_availability(const std::string& text, Timestamp now,
                                                    const std::string& timezone);

/// @brief True when [start, end) lies inside one of `windows`.
PROPOS_EXPORT bool window_fits(const std::vector<TimeWindow>& windows, Timestamp start, Timestamp end);

}  // namespace propos

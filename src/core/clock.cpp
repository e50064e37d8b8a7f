#include "propos/core/clock.hpp"

#include "propos/core/error.hpp"
#include "propos/core/time.hpp"

namespace propos {

Timestamp SystemClock::now() const noexcept { return std::chrono::system_clock::now(); }

ManualClock::ManualClock(Timestamp start) : ms_(to_unix_millis(start)) {}

Timestamp ManualClock::now() const noexcept { return from_unix_millis(ms_.load()); }

Timestamp ManualClock::advance(Millis d) {
    if (d.count() < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "ManualClock::advance: negative duration " + format_duration(d));
    }
    return from_unix_millis(ms_.fetch_add(d.count()) + d.count());
}

void ManualClock::set(Timestamp t) {
    const auto target = to_unix_millis(t);
    auto cur = ms_.load();
    if (target < cur) {
        throw Error(ErrorCode::kInvalidArgument, "ManualClock::set: " + format_time(t) +
                                                     " is before the current time " +
                                                     format_time(from_unix_millis(cur)));
    }
    ms_.store(target);
}

Timestamp ManualClock::default_start() noexcept {
    return from_unix_millis(1767603600000LL);  // 2026-01-05T09:00:00Z
}

std::shared_ptr<Clock> system_clock() {
    static const auto clock = std::make_shared<SystemClock>();
    return clock;
}

}  // namespace propos

/// @file clock.hpp
/// @brief The injectable `Clock`: everything in PropOS reads time from one, so tests and simulations
/// can drive days of activity in milliseconds.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "propos/export.hpp"

namespace propos {

/// @brief A UTC instant. PropOS stores and compares time only in this form.
using Timestamp = std::chrono::system_clock::time_point;
/// @brief Durations are in milliseconds unless stated otherwise.
using Millis = std::chrono::milliseconds;

/// @brief A source of the current time. Implementations must be thread-safe.
class PROPOS_EXPORT Clock {
public:
    virtual ~Clock() = default;
    Clock() = default;
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;

    /// @brief The current UTC time. Never throws. May be called from any thread.
    virtual Timestamp now() const noexcept = 0;
};

/// @brief The wall clock (`std::chrono::system_clock`).
class PROPOS_EXPORT SystemClock final : public Clock {
public:
    Timestamp now() const noexcept override;
};

/// @brief A clock that moves only when told to: drives tests and the simulated days of `propos demo`.
///
/// Time never goes backwards: `set()` to an earlier instant throws `Error(kInvalidArgument)`.
class PROPOS_EXPORT ManualClock final : public Clock {
public:
    /// @brief Starts at `start`. Default: 2026-01-05T09:00:00Z (a Monday morning).
    explicit ManualClock(Timestamp start = default_start());

    Timestamp now() const noexcept override;
    /// @brief Moves the clock forward by `d` (which must not be negative) and returns the new time.
    Timestamp advance(Millis d);
    /// @brief Moves the clock to `t` (not earlier than now()).
    void set(Timestamp t);

    /// @brief 2026-01-05T09:00:00Z.
    static Timestamp default_start() noexcept;

private:
    std::atomic<std::int64_t> ms_;
};

/// @brief The process-wide system clock as a shared pointer (a stateless object, safe to share).
PROPOS_EXPORT std::shared_ptr<Clock> system_clock();

}  // namespace propos

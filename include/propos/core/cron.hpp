/// @file cron.hpp
/// @brief `CronExpr`: five-field cron expressions evaluated in UTC, for recurring jobs.
#pragma once

#include <bitset>
#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief A parsed cron expression: "minute hour day-of-month month day-of-week".
///
/// Each field accepts `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, and comma lists; months
/// and weekdays also accept names (jan..dec, sun..sat; 0 and 7 are Sunday). The shortcuts @hourly,
/// @daily (@midnight), @weekly, @monthly and @yearly are accepted. As in Vixie cron, when both
/// day-of-month and day-of-week are restricted a day matching either fires.
class PROPOS_EXPORT CronExpr {
public:
    /// @brief Parses; throws `Error(kInvalidArgument)` naming the bad field.
    explicit CronExpr(std::string_view text);

    /// @brief The first firing time strictly after `after` (whole minutes, UTC). Throws
    /// `Error(kInvalidArgument)` when the expression never fires (e.g. "0 0 31 2 *").
    Timestamp next_after(Timestamp after) const;
    const std::string& text() const noexcept { return text_; }

private:
    bool day_matches(int mday, int month, int wday) const;
    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> mdays_;
    std::bitset<13> months_;
    std::bitset<7> wdays_;
    bool mday_star_ = true;
    bool wday_star_ = true;
};

}  // namespace propos

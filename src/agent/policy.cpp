#include "propos/agent/policy.hpp"

#include <algorithm>
#include <chrono>

namespace propos {

bool HeatSeason::valid() const noexcept {
    auto ok = [](int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= 31; };
    return ok(start_month, start_day) && ok(end_month, end_day);
}

bool HeatSeason::contains(Timestamp t) const noexcept {
    if (!valid()) return false;
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    const int key =
        static_cast<int>(unsigned(ymd.month())) * 100 + static_cast<int>(unsigned(ymd.day()));
    const int from = start_month * 100 + start_day;
    const int to = end_month * 100 + end_day;
    return from <= to ? (key >= from && key <= to) : (key >= from || key <= to);
}

Money Policy::spend_limit(const Property& property, bool emergency) noexcept {
    return std::min(property.owner_approval_threshold,
                    emergency ? property.emergency_nte_limit : property.nte_limit);
}

SpendDecision Policy::evaluate_spend(const Property& property, Money amount, bool emergency) const {
    SpendDecision d;
    d.nte = emergency ? property.emergency_nte_limit : property.nte_limit;
    const std::string amt = amount.to_string();
    if (amount > property.owner_approval_threshold) {
        d.needs_owner_approval = true;
        d.needs_bids = !emergency;
        d.reason = amt + " is above the owner-approval threshold " +
                   property.owner_approval_threshold.to_string() + " of " + property.name;
        return d;
    }
    if (emergency) {
        d.within_nte = amount <= d.nte;
        d.needs_owner_approval = !d.within_nte;
        d.reason = d.within_nte ? amt + " is within the emergency NTE " + d.nte.to_string()
                                : amt + " is above the emergency NTE " + d.nte.to_string() +
                                      ": owner approval needed";
        return d;
    }
    d.needs_bids = amount > bid_threshold;
    if (amount > d.nte) {
        d.needs_owner_approval = true;
        d.reason = amt + " is above the NTE " + d.nte.to_string() + " of " + property.name +
                   ": owner approval needed" + (d.needs_bids ? " after comparing bids" : "");
        return d;
    }
    d.within_nte = !d.needs_bids;
    d.reason = d.needs_bids ? amt + " is above the bid threshold " + bid_threshold.to_string() +
                                  ": compare at least " + std::to_string(min_bids) + " bids"
                            : amt + " is within the NTE " + d.nte.to_string();
    return d;
}

bool Policy::is_quiet_hour(int local_hour) const noexcept {
    if (quiet_start_hour == quiet_end_hour) return false;
    if (quiet_start_hour < quiet_end_hour) {
        return local_hour >= quiet_start_hour && local_hour < quiet_end_hour;
    }
    return local_hour >= quiet_start_hour || local_hour < quiet_end_hour;
}

bool Policy::tool_allowed(const std::string& workflow, const std::string& tool) const {
    auto it = tool_allow_list.find(workflow);
    if (it == tool_allow_list.end()) return true;
    return it->second.count(tool) > 0;
}

}  // namespace propos

/// @file dispatch.hpp
/// @brief Vendor ranking: a deterministic, explainable score with reason codes, and cost estimates.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/money.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/work_order.hpp"

namespace propos {

/// @brief One vendor's place in a ranking.
struct VendorRank {
    Vendor vendor;
    bool eligible = false;
    double score = 0;  ///< 0-100; higher is better. Ineligible vendors score 0.
    Money estimate;    ///< Callout fee + expected hours x hourly rate.
    /// Why: "trade:plumbing", "in_area", "insured", "after_hours", "on_time:92%", "completion:97%",
    /// "callbacks:3%", "rating:4.6", "cost:$285.00", "busy:3_open_jobs"; ineligible: "no_trade",
    /// "out_of_area", "insurance_expired", "inactive", "not_after_hours", "already_tried".
    std::vector<std::string> reasons;
};

/// @brief What the ranking needs besides the vendors.
struct RankRequest {
    std::string category;
    std::string scope = "standard";  ///< "minor", "standard" or "major" (see `WorkOrder::scope`).
    bool emergency = false;
    /// Local time of the job (the organization's time zone): emergencies outside a vendor's business
    /// hours need a vendor on the after-hours list; inside them any vendor of the trade will do.
    int local_hour = 12;
    bool weekend = false;
    std::string postal_code;
    std::string city;
    Timestamp now{};
    std::set<std::string> exclude;  ///< Vendor ids already tried for this job.
    /// Open jobs per vendor id (dispatched/scheduled/in progress): busy vendors rank lower.
    std::map<std::string, int> open_jobs;
};

/// @brief Expected hours on site per category (e.g. plumbing 2, pest 1, appliance 1.5).
PROPOS_EXPORT double expected_hours(const std::string& category) noexcept;

/// @brief Expected hours for a job of `scope`: x0.5 for "minor", x4 for "major".
PROPOS_EXPORT double expected_hours(const std::string& category, const std::string& scope) noexcept;
/// @brief Estimated cost: callout + expected hours (for `scope`) x hourly rate, labour x1.5 for
/// emergencies (after-hours rates).
PROPOS_EXPORT Money estimate_cost(const Vendor& v, const std::string& category, bool emergency,
                                  const std::string& scope = "standard");
/// @brief True when `local_hour` (0-23) on a weekday (or weekend) is inside the vendor's hours.
PROPOS_EXPORT bool vendor_open(const Vendor& v, int local_hour, bool weekend) noexcept;

/// @brief Ranks every vendor; eligible ones first by score (ties by lower estimate, then id).
///
/// Score = 30 x on-time rate + 25 x completion rate + 20 x (1 - callback rate) + 15 x rating/5
/// + 10 x (cheapest estimate / this estimate) - 5 per open job beyond 2. Vendors with no history get
/// neutral rates (0.8). Eligibility: serves the trade, covers the postal code or city, insurance valid
/// at `now`, active, not excluded, and for an emergency outside the vendor's business hours, on the
/// after-hours list.
PROPOS_EXPORT std::vector<VendorRank> rank_vendors(const std::vector<Vendor>& vendors,
                                                   const RankRequest& request);

}  // namespace propos

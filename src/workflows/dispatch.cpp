#include "propos/workflows/dispatch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace propos {
namespace {
std::string pct(double r) { return std::to_string(static_cast<int>(std::lround(r * 100))) + "%"; }
}  // namespace

double expected_hours(const std::string& category) noexcept {
    if (category == "pest" || category == "door_window_lock" || category == "fire_safety") return 1.0;
    if (category == "appliance" || category == "electrical" || category == "gas") return 1.5;
    if (category == "structural" || category == "flooring" || category == "paint_plaster") return 4.0;
    if (category == "water_leak" || category == "heat_hot_water" || category == "hvac") return 2.5;
    return 2.0;
}

double expected_hours(const std::string& category, const std::string& scope) noexcept {
    const double base = expected_hours(category);
    if (scope == "minor") return base / 2;
    if (scope == "major") return base * 4;
    return base;
}

bool vendor_open(const Vendor& v, int local_hour, bool weekend) noexcept {
    if (weekend && !v.weekends) return false;
    return local_hour >= v.hours_start && local_hour < v.hours_end;
}

Money estimate_cost(const Vendor& v, const std::string& category, bool emergency, const std::string& scope) {
    const auto hours_x100 = static_cast<std::int64_t>(std::lround(expected_hours(category, scope) * 100));
    Money labor = Money::cents(v.hourly_rate.in_cents() * hours_x100 / 100);
    if (emergency) labor = labor.scaled_bp(15000);
    return v.callout_fee + labor;
}

std::vector<VendorRank> rank_vendors(const std::vector<Vendor>& vendors, const RankRequest& req) {
    std::vector<VendorRank> out;
    for (const auto& v : vendors) {
        VendorRank r;
        r.vendor = v;
        r.estimate = estimate_cost(v, req.category, req.emergency, req.scope);
        const bool trade = std::find(v.trades.begin(), v.trades.end(), req.category) != v.trades.end() ||
                           (req.category == "general" &&
                            std::find(v.trades.begin(), v.trades.end(), "general") != v.trades.end());
        const bool area = v.service_area.empty() ||
                          std::find(v.service_area.begin(), v.service_area.end(), req.postal_code) !=
                              v.service_area.end() ||
                          (!req.city.empty() && std::find(v.service_area.begin(), v.service_area.end(),
                                                          req.city) != v.service_area.end());
        const bool insured = v.insurance_expires && *v.insurance_expires > req.now;
        bool eligible = true;
        if (!v.active) { eligible = false; r.reasons.push_back("inactive"); }
        if (!trade) { eligible = false; r.reasons.push_back("no_trade"); }
        if (!area) { eligible = false; r.reasons.push_back("out_of_area"); }
        if (!insured) { eligible = false; r.reasons.push_back("insurance_expired"); }
        const bool open = vendor_open(v, req.local_hour, req.weekend);
        if (req.emergency && !open && !v.after_hours) {
            eligible = false;
            r.reasons.push_back("not_after_hours");
        }
        if (req.exclude.count(v.id.str())) { eligible = false; r.reasons.push_back("already_tried"); }
        r.eligible = eligible;
        if (eligible) {
            r.reasons.push_back("trade:" + req.category);
            r.reasons.push_back("in_area");
            r.reasons.push_back("insured");
            if (req.emergency) r.reasons.push_back(open ? "open_now" : "after_hours");
        }
        out.push_back(std::move(r));
    }
    Money cheapest;
    bool any = false;
    for (const auto& r : out) {
        if (r.eligible && (!any || r.estimate < cheapest)) {
            cheapest = r.estimate;
            any = true;
        }
    }
    for (auto& r : out) {
        if (!r.eligible) continue;
        const auto& s = r.vendor.scorecard;
        const double on_time = s.jobs_completed > 0 ? double(s.on_time_jobs) / s.jobs_completed : 0.8;
        const double completion = s.jobs_assigned > 0 ? double(s.jobs_completed) / s.jobs_assigned : 0.8;
        const double callbacks = s.jobs_completed > 0 ? double(s.callbacks) / s.jobs_completed : 0.1;
        const double rating = s.rating > 0 ? s.rating : 4.0;
        const double cost = r.estimate.in_cents() > 0
                                ? double(cheapest.in_cents()) / double(r.estimate.in_cents())
                                : 1.0;
        double score = 30 * std::clamp(on_time, 0.0, 1.0) + 25 * std::clamp(completion, 0.0, 1.0) +
                       20 * (1 - std::clamp(callbacks, 0.0, 1.0)) + 15 * std::clamp(rating / 5, 0.0, 1.0) +
                       10 * std::clamp(cost, 0.0, 1.0);
        const auto busy = req.open_jobs.count(r.vendor.id.str()) ? req.open_jobs.at(r.vendor.id.str()) : 0;
        if (busy > 2) {
            score -= 5.0 * (busy - 2);
            r.reasons.push_back("busy:" + std::to_string(busy) + "_open_jobs");
        }
        r.score = std::round(std::max(score, 0.0) * 10) / 10;
        r.reasons.push_back("on_time:" + pct(on_time));
        r.reasons.push_back("completion:" + pct(completion));
        r.reasons.push_back("callbacks:" + pct(callbacks));
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", rating);
        r.reasons.push_back(std::string("rating:") + buf);
        r.reasons.push_back("cost:" + r.estimate.to_string());
    }
    std::stable_sort(out.begin(), out.end(), [](const VendorRank& a, const VendorRank& b) {
        if (a.eligible != b.eligible) return a.eligible;
        if (a.score != b.score) return a.score > b.score;
        if (a.estimate != b.estimate) return a.estimate < b.estimate;
        return a.vendor.id < b.vendor.id;
    });
    return out;
}

}  // namespace propos

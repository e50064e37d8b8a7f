/// @file policy.hpp
/// @brief `Policy`: the rules in code that bound what the agent may do — spending limits (NTE,
/// emergency NTE, bid and owner-approval thresholds), quiet hours, per-workflow tool allow-lists and
/// run budgets. The model never sees or changes these; tools consult them.
#pragma once

#include <map>
#include <set>
#include <string>

#include "propos/core/clock.hpp"
#include "propos/core/money.hpp"
#include "propos/model/portfolio.hpp"

namespace propos {

/// @brief Limits on one agent run and on an organization's daily model spend. Checked before every
/// model call; reaching one ends the run with an escalation.
struct RunBudget {
    /// Model calls per run. Default: 10.
    int max_steps = 10;
    /// Input tokens (incl. cached) per run. Default: 200,000.
    std::int64_t max_input_tokens = 200000;
    /// Output tokens per run. Default: 20,000.
    std::int64_t max_output_tokens = 20000;
    /// Model cost per run in micro-dollars. Default: $2.00.
    std::int64_t max_cost_micros = 2000000;
    /// Model cost per organization per UTC day in micro-dollars. Default: $50.00.
    std::int64_t max_org_daily_cost_micros = 50000000;
};

/// @brief What the spending rules say about an amount of work.
struct SpendDecision {
    /// May be dispatched directly (within the NTE, no bids needed, no approval needed).
    bool within_nte = false;
    /// At least `min_bids` bids must be compared before dispatch.
    bool needs_bids = false;
    /// The owner must approve (an escalation) before dispatch.
    bool needs_owner_approval = false;
    Money nte;        ///< The cap that applies (emergency or routine).
    std::string reason;  ///< Human-readable explanation with the amounts.
};

/// @brief The policy. Copyable value; defaults follow published industry practice.
struct Policy {
    /// Amount above which at least `min_bids` bids are solicited. Default: $500.
    Money bid_threshold = Money::dollars(500);
    /// Bids to compare above the threshold. Default: 2.
    int min_bids = 2;
    /// Quiet hours for non-emergency tenant messages, local time [start, end). Default: 21-8.
    int quiet_start_hour = 21;
    int quiet_end_hour = 8;
    /// Consecutive failed tool calls in a run that trigger an escalation. Default: 3.
    int max_tool_failures = 3;
    /// Below this self-reported confidence (0-1) a triage or decision is escalated. Default: 0.5.
    double min_confidence = 0.5;
    /// Budgets of one run.
    RunBudget budget;
    /// Per workflow, the tools the agent may call (empty set or missing workflow: all registered).
    std::map<std::string, std::set<std::string>> tool_allow_list;

    /// @brief Applies the property's NTE / emergency NTE / owner-approval threshold and this policy's
    /// bid threshold to `amount`. Emergencies use the emergency NTE and skip bidding.
    SpendDecision evaluate_spend(const Property& property, Money amount, bool emergency) const;

    /// @brief True when `local_hour` (0-23, the tenant's local time) is inside quiet hours.
    bool is_quiet_hour(int local_hour) const noexcept;

    /// @brief True when `tool` may be used in `workflow`.
    bool tool_allowed(const std::string& workflow, const std::string& tool) const;
};

}  // namespace propos

/// @file policy.hpp
/// @brief `Policy`: the rules in code that bound what the agent may do — spending limits (NTE,
/// emergency NTE, bid and owner-approval thresholds), quiet hours, per-workflow tool allow-lists
/// and run budgets. The model never sees or changes these; tools consult them.
#pragma once

#include <map>
#include <set>
#include <string>

#include "propos/core/clock.hpp"
#include "propos/core/money.hpp"
#include "propos/model/portfolio.hpp"

namespace propos {

/// @brief Limits on one agent run and on an organization's daily model use. Checked before every
/// model call against what was used so far (a limit is reached when the total is at or above it);
/// reaching one ends the run (`RunStatus::kFailed`, reason `budget:<limit>`) with a
/// `budget_exhausted` escalation, never silently. Cost is priced by
/// `AgentRunnerOptions::cost_micros` (default: the list prices of `llm::PriceTable::defaults()`).
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
    /// Tokens (all input incl. cached, plus output) per organization per UTC day: the guard for
    /// models priced at 0 (local Ollama / vLLM servers). Default: 20,000,000.
    std::int64_t max_org_daily_tokens = 20000000;
};

/// @brief The heating season: when a tenant reporting "no heat" is an emergency without a known
/// outdoor temperature. Month/day bounds are inclusive, read in UTC, and may wrap the new year.
/// The default is New York City's heat season (October 1 – May 31, NYC Housing Maintenance Code).
struct HeatSeason {
    int start_month = 10;  ///< 1-12. Default: 10 (October).
    int start_day = 1;     ///< 1-31. Default: 1.
    int end_month = 5;     ///< 1-12. Default: 5 (May).
    int end_day = 31;      ///< 1-31. Default: 31.

    /// @brief Oct 1 – May 31 (the default).
    static HeatSeason northern() noexcept { return {}; }
    /// @brief Apr 1 – Nov 30: the northern season shifted by six months.
    static HeatSeason southern() noexcept { return {4, 1, 11, 30}; }
    /// @brief Jan 1 – Dec 31: "no heat" is always an emergency.
    static HeatSeason all_year() noexcept { return {1, 1, 12, 31}; }

    /// @brief True when the UTC date of `t` is inside the season. False for out-of-range bounds
    /// (`EscalationEngine`'s constructor rejects those).
    bool contains(Timestamp t) const noexcept;
    /// @brief True when every bound is in range (month 1-12, day 1-31).
    bool valid() const noexcept;
};

/// @brief What the spending rules say about an amount of work.
struct SpendDecision {
    /// May be dispatched directly (within the NTE, no bids needed, no approval needed).
    bool within_nte = false;
    /// At least `min_bids` bids must be compared before dispatch.
    bool needs_bids = false;
    /// The owner must approve (an escalation) before dispatch.
    bool needs_owner_approval = false;
    Money nte;           ///< The cap that applies (emergency or routine).
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
    /// When "no heat" counts as an emergency (without a known outdoor temperature). Default: Oct 1
    /// – May 31.
    HeatSeason heat_season;
    /// With a known outdoor temperature (the run context's number `outdoor_temperature_c`), "no
    /// heat" is an emergency below this, whatever the season. Default: 12.8 °C (55 °F, NYC's
    /// daytime rule).
    double cold_below_celsius = 12.8;
    /// Top-level tool-call arguments read as an amount in integer cents by the `spend_above_limit`
    /// escalation rule. Default: {"amount_cents"}.
    std::set<std::string> spend_arguments{"amount_cents"};
    /// The spend limit of the `spend_above_limit` rule when the run's context names no property
    /// (with a `property_id`, that property's NTE / emergency NTE / owner-approval threshold
    /// apply). Default: $500 (a property's default NTE).
    Money default_spend_limit = Money::dollars(500);
    /// The largest amount accepted from outside — a hand assignment, a vendor's bid, an invoice
    /// (total and lines), an approval's amount: more is refused with `Error(kInvalidArgument)`
    /// naming the field (see `check_amount`), as is anything not above $0.00. Default: $100,000
    /// (`kDefaultMaxAmount`).
    Money max_amount = kDefaultMaxAmount;
    /// Budgets of one run.
    RunBudget budget;
    /// Per workflow, the tools the agent may call. A workflow that is missing from the map is not
    /// filtered (every tool the task offers); a workflow present with an empty set may call no
    /// tool.
    std::map<std::string, std::set<std::string>> tool_allow_list;

    /// @brief Applies the property's NTE / emergency NTE / owner-approval threshold and this
    /// policy's bid threshold to `amount`. Emergencies use the emergency NTE and skip bidding.
    SpendDecision evaluate_spend(const Property& property, Money amount, bool emergency) const;

    /// @brief True when `local_hour` (0-23, the tenant's local time) is inside quiet hours.
    bool is_quiet_hour(int local_hour) const noexcept;

    /// @brief The amount above which a proposed spend needs a person for `property`: the lower of
    /// its owner-approval threshold and its NTE (emergency NTE when `emergency`), as
    /// `evaluate_spend` decides `needs_owner_approval`.
    static Money spend_limit(const Property& property, bool emergency) noexcept;

    /// @brief True when `tool` may be used in `workflow` (see `tool_allow_list`).
    bool tool_allowed(const std::string& workflow, const std::string& tool) const;
};

}  // namespace propos

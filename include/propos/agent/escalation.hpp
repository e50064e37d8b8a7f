/// @file escalation.hpp
/// @brief `EscalationEngine`: the rules that decide when a person must be told or must decide, and
/// the helpers that record and resolve escalations durably.
///
/// The runner evaluates the rules in three phases (see `AgentRunner`):
/// - **input** (`evaluate_input`), on the untrusted inbound text, before the first model call:
///   - `emergency`: safety keywords (gas smell, fire/smoke, CO alarm, flooding, sewage backup,
///     sparks, no water/power, unsecured entry, elevator entrapment, and "no heat" in cold weather:
///     outdoor temperature below `Policy::cold_below_celsius` when known, else inside
///     `Policy::heat_season`) — severity critical; does NOT pause (emergency dispatch must not wait
///     for a person) but on-call staff are notified.
///   - `legal_threat`: lawyer/attorney/sue/court/housing authority/withholding rent — pauses.
///   - `harassment_discrimination`: harassment, discrimination, fair housing, threats — pauses.
///   - `human_requested`: the tenant asks for a person or manager — pauses.
///   When the text is also an emergency, these three are still recorded but do not pause (their
///   context says `"pause_waived": "emergency"`): the emergency work goes on while a person looks.
/// - **proposal** (`evaluate_proposal`), on the tool calls of a model reply, before any of them
/// runs:
///   - `low_confidence`: a call's `confidence` argument is below `Policy::min_confidence` — pauses.
///   - `spend_above_limit`: a call's amount argument (`Policy::spend_arguments`, integer cents) is
///     above the step's spend limit (`StepObservation::spend_limit`, else
///     `Policy::default_spend_limit`) — pauses.
/// - **outcome** (`evaluate_outcome`), after the step's tools ran:
///   - `repeated_tool_failures`: `Policy::max_tool_failures` failed tool calls in a row — pauses.
///
/// Raised by others: `budget_exhausted` (the runner, when a budget is reached: it does not pause,
/// the run ends as failed and the escalation tells a person), and anything a tool raises through
/// `ToolContext::escalate` (e.g. `owner_approval`). Each rule fires at most once per run. Keyword
/// rules read the untrusted inbound text only (English and common Spanish phrasings).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/agent/policy.hpp"
#include "propos/core/json.hpp"
#include "propos/llm/types.hpp"
#include "propos/model/oversight.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief One reason to involve a person.
struct EscalationTrigger {
    std::string reason;
    Severity severity = Severity::kMedium;
    std::string summary;
    bool pause = true;
    Json context = Json::object();
};

/// @brief What the engine looks at. Each phase reads only some fields (see the file comment).
struct StepObservation {
    /// The untrusted inbound text the run is about (tenant message etc.). Input phase.
    std::string inbound_text;
    /// The model's reply whose tool calls are proposed (null before the first call). Proposal
    /// phase.
    const llm::LlmResponse* response = nullptr;
    /// Failed tool calls in a row, including this step. Outcome phase.
    int consecutive_tool_failures = 0;
    /// Reason codes already raised in this run (each rule fires once per run). All phases.
    std::vector<std::string> already_raised;
    /// When the inbound message is evaluated (the runner passes its clock's now()): decides whether
    /// "no heat" falls in the heating season. Input phase.
    Timestamp at{};
    /// The outdoor temperature in °C when known; it overrides the season for "no heat". Input
    /// phase.
    std::optional<double> outdoor_temperature_c;
    /// Proposed spend above this needs a person; nullopt: `Policy::default_spend_limit`. Proposal
    /// phase.
    std::optional<Money> spend_limit;
};

/// @brief Rule evaluation. Immutable after construction: every method may run concurrently.
class PROPOS_EXPORT EscalationEngine {
public:
    /// @brief Uses `policy`'s thresholds. Throws `Error(kInvalidArgument)` when
    /// `policy.heat_season` has a month outside 1-12 or a day outside 1-31.
    explicit EscalationEngine(Policy policy = {});

    /// @brief Input rules (emergency, harassment_discrimination, legal_threat, human_requested) on
    /// `step.inbound_text`, most severe first; rules already raised are skipped.
    std::vector<EscalationTrigger> evaluate_input(const StepObservation& step) const;
    /// @brief Proposal rules (low_confidence, spend_above_limit) on `step.response`'s tool calls;
    /// empty when `step.response` is null.
    std::vector<EscalationTrigger> evaluate_proposal(const StepObservation& step) const;
    /// @brief Outcome rules (repeated_tool_failures).
    std::vector<EscalationTrigger> evaluate_outcome(const StepObservation& step) const;
    /// @brief All three phases at once, most severe first.
    std::vector<EscalationTrigger> evaluate(const StepObservation& step) const;

    /// @brief The emergency reasons in `text` as of `at`: like `emergency_reasons(text)`, but "no
    /// heat" counts only in cold weather (below `Policy::cold_below_celsius` when
    /// `outdoor_temperature_c` is known, else inside `Policy::heat_season`).
    std::vector<std::string> emergency_reasons_at(
        const std::string& text, Timestamp at, std::optional<double> outdoor_temperature_c) const;
    /// @brief True when "no heat" is an emergency at `at` (see `emergency_reasons_at`).
    bool is_cold(Timestamp at, std::optional<double> outdoor_temperature_c) const noexcept;

    /// @brief The safety keywords alone, season-agnostic ("no heat" always counts): the emergency
    /// reasons found in `text` (empty: none).
    static std::vector<std::string> emergency_reasons(const std::string& text);
    /// @brief True when `text` asks for a human.
    static bool asks_for_human(const std::string& text);
    /// @brief Legal-threat reasons found in `text`.
    static std::vector<std::string> legal_reasons(const std::string& text);
    /// @brief Harassment / discrimination reasons found in `text`.
    static std::vector<std::string> harassment_reasons(const std::string& text);

    /// @brief SLA for a person to act on an escalation: critical 1 h, high 4 h, medium 24 h, low 72
    /// h.
    static Millis sla(Severity s) noexcept;

private:
    Policy policy_;
};

/// @brief Records an escalation (with its audit entry) inside `tx` and returns it. When `t.pause`,
/// the escalation carries `run_id` (the run waits for it); otherwise it only notifies. Throws what
/// `tx` throws (e.g. `Error(kNotFound)` for an unknown organization).
PROPOS_EXPORT Escalation record_escalation(Transaction& tx, const OrgId& org,
                                           const EscalationTrigger& t, Timestamp now,
                                           const std::string& run_id,
                                           std::optional<WorkOrderId> work_order,
                                           const std::string& correlation_id);

/// @brief Marks an open escalation resolved with a person's decision (audit entry included).
/// Throws `Error(kNotFound)` for an unknown id and `Error(kFailedPrecondition)` when already
/// resolved.
PROPOS_EXPORT Escalation resolve_escalation(Transaction& tx, const OrgId& org,
                                            const EscalationId& id, const std::string& decision,
                                            const std::string& resolved_by, Timestamp now);

}  // namespace propos

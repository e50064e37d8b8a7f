/// @file escalation.hpp
/// @brief `EscalationEngine`: rules evaluated after every agent step that decide when a person must
/// be told or must decide, and the helpers that record and resolve escalations durably.
///
/// Rules (each yields a reason code):
/// - `emergency`: safety keywords (gas smell, fire/smoke, CO alarm, flooding, sewage backup, sparks,
///   no heat in cold weather, no water/power, unsecured entry) — severity critical; the run is NOT
///   paused (emergency dispatch must not wait for a person) but on-call staff are notified.
/// - `legal_threat`: lawyer/attorney/sue/court/housing authority/withholding rent — pauses.
/// - `harassment_discrimination`: harassment, discrimination, fair housing, threats — pauses.
/// - `human_requested`: the tenant asks for a person or manager — pauses.
/// - `low_confidence`: a proposed tool call reports confidence below the policy minimum — pauses.
/// - `repeated_tool_failures`: that many failed tool calls in a row — pauses.
/// - `budget_exhausted`: raised by the runner when a budget is reached — pauses (ends the run).
/// - anything a tool raises through `ToolContext::escalate` (e.g. `owner_approval`).
/// Keyword rules read the untrusted inbound text only (English and common Spanish phrasings).
#pragma once

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

/// @brief What the engine looks at after a step.
struct StepObservation {
    /// The untrusted inbound text the run is about (tenant message etc.).
    std::string inbound_text;
    /// The model's reply for this step (may be null before the first call).
    const llm::LlmResponse* response = nullptr;
    /// Failed tool calls in a row, including this step.
    int consecutive_tool_failures = 0;
    /// Reason codes already raised in this run (each rule fires once per run).
    std::vector<std::string> already_raised;
};

/// @brief Rule evaluation. Stateless and thread-safe.
class PROPOS_EXPORT EscalationEngine {
public:
    explicit EscalationEngine(Policy policy = {}) : policy_(std::move(policy)) {}

    /// @brief Triggers for this step, most severe first; rules already raised in the run are skipped.
    std::vector<EscalationTrigger> evaluate(const StepObservation& step) const;

    /// @brief The safety rule alone: the emergency reasons found in `text` (empty: none).
    static std::vector<std::string> emergency_reasons(const std::string& text);
    /// @brief True when `text` asks for a human.
    static bool asks_for_human(const std::string& text);
    /// @brief Legal-threat reasons found in `text`.
    static std::vector<std::string> legal_reasons(const std::string& text);
    /// @brief Harassment / discrimination reasons found in `text`.
    static std::vector<std::string> harassment_reasons(const std::string& text);

    /// @brief SLA for a person to act on an escalation: critical 1 h, high 4 h, medium 24 h, low 72 h.
    static Millis sla(Severity s) noexcept;

private:
    Policy policy_;
};

/// @brief Records an escalation (with its audit entry) inside `tx` and returns it.
PROPOS_EXPORT Escalation record_escalation(Transaction& tx, const OrgId& org, const EscalationTrigger& t,
                                           Timestamp now, const std::string& run_id,
                                           std::optional<WorkOrderId> work_order,
                                           const std::string& correlation_id);

/// @brief Marks an open escalation resolved with a person's decision (audit entry included).
/// Throws `Error(kNotFound)` for an unknown id and `Error(kFailedPrecondition)` when already resolved.
PROPOS_EXPORT Escalation resolve_escalation(Transaction& tx, const OrgId& org, const EscalationId& id,
                                            const std::string& decision, const std::string& resolved_by,
                                            Timestamp now);

}  // namespace propos

/// @file oversight.hpp
/// @brief ComplianceItem, Escalation and AuditEvent: what people must decide or be able to check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief State of a compliance obligation.
enum class ComplianceStatus { kOpen, kScheduled, kDone, kOverdue, kWaived };
template <>
struct EnumTraits<ComplianceStatus> {
    static constexpr std::string_view kWhat = "compliance status";
    static constexpr std::array<std::pair<ComplianceStatus, std::string_view>, 5> kNames{
        {{ComplianceStatus::kOpen, "open"},
         {ComplianceStatus::kScheduled, "scheduled"},
         {ComplianceStatus::kDone, "done"},
         {ComplianceStatus::kOverdue, "overdue"},
         {ComplianceStatus::kWaived, "waived"}}};
};
PROPOS_ENUM_JSON(ComplianceStatus)

/// @brief A document or photo attached to a compliance item: its bytes are in the blob store under
/// `blob_key` ("sha256:<hex>"), and `sha256` is also written in the audit entry that attached it.
struct ComplianceProof {
    std::string blob_key;
    std::string sha256;  ///< 64 lowercase hex digits.
    std::string name;    ///< File name as given, e.g. "boiler-report.pdf".
    std::string content_type;
    std::int64_t size = 0;
    Timestamp at{};
    std::string by;  ///< Who attached it, e.g. "user:ana".
    bool operator==(const ComplianceProof&) const = default;
};

/// @brief A dated legal or safety obligation (boiler inspection, smoke/CO alarm check, elevator permit).
struct ComplianceItem {
    ComplianceItemId id;
    PropertyId property_id;
    std::optional<UnitId> unit_id;
    std::string kind;  ///< e.g. "smoke_co_alarm_inspection".
    std::string description;
    Timestamp due_at{};
    std::string recurrence;  ///< Duration text such as "365d"; empty: one-off.
    ComplianceStatus status = ComplianceStatus::kOpen;
    std::optional<Timestamp> completed_at;
    // ---- compliance rule packs (propos/workflows/compliance.hpp); every field below is optional in
    // JSON, so items written before them (or imported with a portfolio) read as before ----
    std::string jurisdiction;  ///< The pack that produced it ("nyc", "ca", "tx", "generic"...); "" for imported items.
    std::string rule_id;       ///< The pack rule (or "<rule>.<follow-up kind>"); "" for imported items.
    std::string source;        ///< The legal source cited by the rule, e.g. "LL1/2004 [R25]".
    std::optional<Timestamp> window_start;  ///< Start of the window the obligation may be met in.
    bool requires_proof = false;            ///< Completing it needs a proof attached first.
    std::string parent_id;                  ///< The notice item a follow-up comes from.
    // Tenant notices: when it went out, when the tenants must answer, and their answer.
    std::optional<Timestamp> notice_sent_at;
    std::optional<Timestamp> reply_due_at;
    /// The notice messages sent (one per tenant of the unit): a tenant's message is read as the
    /// answer only when the last message sent to that tenant before it is one of these.
    std::vector<std::string> notice_message_ids;
    std::optional<Timestamp> reply_received_at;
    std::string reply_message_id;             ///< The tenant message recorded as the reply, if any.
    Json reply = Json::object();              ///< The answers, e.g. {"child_under_6": false}.
    std::vector<ComplianceProof> proofs;      ///< Documents and photos attached (the proof log).
    std::string at_risk_escalation_id;        ///< The `compliance_at_risk` escalation, once raised.
    std::string overdue_escalation_id;        ///< The `compliance_overdue` escalation, once raised.
    std::string completed_by;
    std::string completion_note;
    bool operator==(const ComplianceItem&) const = default;
};

/// @brief How urgently a person must look at an escalation.
enum class Severity { kLow, kMedium, kHigh, kCritical };
template <>
struct EnumTraits<Severity> {
    static constexpr std::string_view kWhat = "severity";
    static constexpr std::array<std::pair<Severity, std::string_view>, 4> kNames{
        {{Severity::kLow, "low"},
         {Severity::kMedium, "medium"},
         {Severity::kHigh, "high"},
         {Severity::kCritical, "critical"}}};
};
PROPOS_ENUM_JSON(Severity)

/// @brief Escalation state.
enum class EscalationStatus { kOpen, kResolved };
template <>
struct EnumTraits<EscalationStatus> {
    static constexpr std::string_view kWhat = "escalation status";
    static constexpr std::array<std::pair<EscalationStatus, std::string_view>, 2> kNames{
        {{EscalationStatus::kOpen, "open"}, {EscalationStatus::kResolved, "resolved"}}};
};
PROPOS_ENUM_JSON(EscalationStatus)

/// @brief A question for a person. Durable; the workflow that raised it waits for `decision`.
struct Escalation {
    EscalationId id;
    std::string reason;  ///< Machine-readable reason code, e.g. "owner_approval", "emergency".
    std::string summary;
    Severity severity = Severity::kMedium;
    EscalationStatus status = EscalationStatus::kOpen;
    std::optional<WorkOrderId> work_order_id;
    std::string run_id;        ///< The paused agent run, if any.
    Json context = Json::object();
    Timestamp created_at{};
    Timestamp sla_due_at{};
    std::optional<Timestamp> resolved_at;
    std::string resolved_by;
    std::string decision;
    /// The structured decision, when the escalation asks for one: an owner approval's
    /// `{"decision":"approve"|"decline","amount_cents":...,"vendor_id":...,"note":...}` (see
    /// `propos/workflows/approval.hpp`). Empty otherwise.
    Json resolution = Json::object();
    /// How many times it went past its SLA while open: 1 after the reminder to the organization's
    /// escalation contact, 2 after the fallback contact was told. Default: 0.
    int sla_misses = 0;
    bool operator==(const Escalation&) const = default;
};

/// @brief One entry of the hash-chained audit log. `seq`, `prev_hash` and `hash` are set by the store.
struct AuditEvent {
    std::int64_t seq = 0;  ///< 1, 2, 3... per organization.
    Timestamp at{};
    std::string actor;        ///< "agent", "system", "user:<name>", "webhook:twilio"...
    std::string action;       ///< e.g. "work_order.created", "tool.dispatch_vendor".
    std::string entity_kind;  ///< e.g. "work_order".
    std::string entity_id;
    std::string correlation_id;
    Json data = Json::object();  ///< Details: arguments, results, reasons, hashes of prompts.
    std::string prev_hash;
    std::string hash;
    bool operator==(const AuditEvent&) const = default;

    /// @brief An entry about one entity, ready to append (sequence and hashes are set then).
    static AuditEvent about(std::string action, std::string entity_kind, std::string entity_id, Timestamp at,
                            std::string actor, std::string correlation_id, Json data = Json::object()) {
        AuditEvent a;
        a.at = at;
        a.actor = std::move(actor);
        a.action = std::move(action);
        a.entity_kind = std::move(entity_kind);
        a.entity_id = std::move(entity_id);
        a.correlation_id = std::move(correlation_id);
        a.data = std::move(data);
        return a;
    }
};

/// @brief Something that happened, for hosts: delivered to callbacks and kept in a pollable log.
/// Written in the same transaction as the change it reports.
struct Event {
    std::string id;    ///< Time-ordered ("evt_..."): poll with "after this id".
    std::string type;  ///< e.g. "work_order.created", "work_order.dispatched", "escalation.raised".
    OrgId org_id;
    std::string correlation_id;
    Timestamp at{};
    Json payload = Json::object();
    bool operator==(const Event&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const Event& v);
PROPOS_EXPORT void from_json(const Json& j, Event& v);
PROPOS_EXPORT void to_json(Json& j, const ComplianceProof& v);
PROPOS_EXPORT void from_json(const Json& j, ComplianceProof& v);
PROPOS_EXPORT void to_json(Json& j, const ComplianceItem& v);
PROPOS_EXPORT void from_json(const Json& j, ComplianceItem& v);
PROPOS_EXPORT void to_json(Json& j, const Escalation& v);
PROPOS_EXPORT void from_json(const Json& j, Escalation& v);
PROPOS_EXPORT void to_json(Json& j, const AuditEvent& v);
PROPOS_EXPORT void from_json(const Json& j, AuditEvent& v);

}  // namespace propos

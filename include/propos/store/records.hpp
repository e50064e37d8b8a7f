/// @file records.hpp
/// @brief How each domain type is stored: its record kind and the keys it is indexed by.
///
/// The store keeps every entity as a JSON document in a record of a kind ("work_order", "tenant"...)
/// with a few indexed keys (parent, status, lookup). `RecordTraits<T>` says which; hosts can add their
/// own record types by specializing it.
#pragma once

#include <cstdint>
#include <string>

#include "propos/core/time.hpp"
#include "propos/model/cadence.hpp"  // follow-up cadences (issue 17)
#include "propos/model/decision.hpp"  // staff decisions as precedent (issue 20)
#include "propos/model/knowledge.hpp"
#include "propos/model/message.hpp"
#include "propos/model/note.hpp"
#include "propos/model/onboarding.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"

namespace propos {

/// @brief The indexed keys of one record. Empty strings mean "not set".
struct RecordKeys {
    std::string parent;      ///< Owning entity (unit of a tenant, property of a unit, work order of a bid...).
    std::string status;      ///< Lifecycle state, for "open work orders" style queries.
    std::string lookup;      ///< A unique-ish key: phone, provider message id, invoice number...
    std::string alt_lookup;  ///< A second one: email.
    std::int64_t time_ms = 0;  ///< Sort key (creation time); lists are ordered by it, then by id.
    /// A related entity that is not the owner: the vendor assigned to a work order. Filtered by
    /// `ListOptions::ref` and counted per value by `Transaction::count_by_ref` from an index (no
    /// record is read).
    std::string ref{};
};

/// @brief Specialize for each stored type: `kKind`, `id(v)` and `keys(v)`.
template <class T>
struct RecordTraits;

// clang-format off
template <> struct RecordTraits<Property> {
    static constexpr const char* kKind = "property";
    static const std::string& id(const Property& v) { return v.id.str(); }
    static RecordKeys keys(const Property& v) { return {"", "", v.postal_code, v.name, 0}; }
};
template <> struct RecordTraits<Unit> {
    static constexpr const char* kKind = "unit";
    static const std::string& id(const Unit& v) { return v.id.str(); }
    static RecordKeys keys(const Unit& v) { return {v.property_id.str(), "", v.label, "", 0}; }
};
template <> struct RecordTraits<Tenant> {
    static constexpr const char* kKind = "tenant";
    static const std::string& id(const Tenant& v) { return v.id.str(); }
    static RecordKeys keys(const Tenant& v) { return {v.unit_id.str(), "", v.phone, v.email, 0}; }
};
template <> struct RecordTraits<Lease> {
    static constexpr const char* kKind = "lease";
    static const std::string& id(const Lease& v) { return v.id.str(); }
    static RecordKeys keys(const Lease& v) { return {v.unit_id.str(), "", "", "", to_unix_millis(v.start)}; }
};
template <> struct RecordTraits<Vendor> {
    static constexpr const char* kKind = "vendor";
    static const std::string& id(const Vendor& v) { return v.id.str(); }
    static RecordKeys keys(const Vendor& v) { return {"", v.active ? "active" : "inactive", v.phone, v.email, 0}; }
};
template <> struct RecordTraits<WorkOrder> {
    static constexpr const char* kKind = "work_order";
    static const std::string& id(const WorkOrder& v) { return v.id.str(); }
    static RecordKeys keys(const WorkOrder& v) {
        return {v.unit_id.str(), std::string(enum_name(v.status)), v.thread_id.str(), v.property_id.str(),
                to_unix_millis(v.created_at), v.vendor_id ? v.vendor_id->str() : std::string()};
    }
};
template <> struct RecordTraits<Thread> {
    static constexpr const char* kKind = "thread";
    static const std::string& id(const Thread& v) { return v.id.str(); }
    static RecordKeys keys(const Thread& v) {
        return {v.work_order_id ? v.work_order_id->str() : "", "",
                v.tenant_id ? v.tenant_id->str() : (v.vendor_id ? v.vendor_id->str() : ""), v.address,
                to_unix_millis(v.created_at)};
    }
};
template <> struct RecordTraits<Message> {
    static constexpr const char* kKind = "message";
    static const std::string& id(const Message& v) { return v.id.str(); }
    static RecordKeys keys(const Message& v) {
        return {v.thread_id.str(), std::string(enum_name(v.status)), v.provider_message_id,
                v.work_order_id ? v.work_order_id->str() : "", to_unix_millis(v.at)};
    }
};
template <> struct RecordTraits<Bid> {
    static constexpr const char* kKind = "bid";
    static const std::string& id(const Bid& v) { return v.id.str(); }
    static RecordKeys keys(const Bid& v) {
        return {v.work_order_id.str(), std::string(enum_name(v.status)), v.vendor_id.str(), "",
                to_unix_millis(v.requested_at)};
    }
};
template <> struct RecordTraits<PurchaseOrder> {
    static constexpr const char* kKind = "purchase_order";
    static const std::string& id(const PurchaseOrder& v) { return v.id.str(); }
    static RecordKeys keys(const PurchaseOrder& v) {
        return {v.work_order_id.str(), std::string(enum_name(v.status)), v.number, v.vendor_id.str(),
                to_unix_millis(v.issued_at)};
    }
};
template <> struct RecordTraits<Invoice> {
    static constexpr const char* kKind = "invoice";
    static const std::string& id(const Invoice& v) { return v.id.str(); }
    static RecordKeys keys(const Invoice& v) {
        return {v.work_order_id ? v.work_order_id->str() : "", std::string(enum_name(v.status)),
                v.vendor_id.str() + "#" + v.number, v.vendor_id.str(), to_unix_millis(v.received_at)};
    }
};
template <> struct RecordTraits<ComplianceItem> {
    static constexpr const char* kKind = "compliance_item";
    static const std::string& id(const ComplianceItem& v) { return v.id.str(); }
    static RecordKeys keys(const ComplianceItem& v) {
        return {v.property_id.str(), std::string(enum_name(v.status)), v.kind, "", to_unix_millis(v.due_at)};
    }
};
template <> struct RecordTraits<Escalation> {
    static constexpr const char* kKind = "escalation";
    static const std::string& id(const Escalation& v) { return v.id.str(); }
    static RecordKeys keys(const Escalation& v) {
        return {v.work_order_id ? v.work_order_id->str() : "", std::string(enum_name(v.status)), v.reason,
                v.run_id, to_unix_millis(v.created_at)};
    }
};
template <> struct RecordTraits<Event> {
    static constexpr const char* kKind = "event";
    static const std::string& id(const Event& v) { return v.id; }
    static RecordKeys keys(const Event& v) { return {v.correlation_id, "", v.type, "", to_unix_millis(v.at)}; }
};
template <> struct RecordTraits<KnowledgeArticle> {
    static constexpr const char* kKind = "knowledge_article";
    static const std::string& id(const KnowledgeArticle& v) { return v.id.str(); }
    static RecordKeys keys(const KnowledgeArticle& v) {
        return {v.property_id ? v.property_id->str() : "", v.category, v.language, "",
                to_unix_millis(v.updated_at)};
    }
};
// clang-format on

/// @brief Notes are records of kind "note", parented by their work order (else unit, else property)
/// and ordered by time.
template <>
struct RecordTraits<Note> {
    static constexpr const char* kKind = "note";
    static const std::string& id(const Note& v) { return v.id.str(); }
    static RecordKeys keys(const Note& v) {
        std::string parent = v.work_order_id ? v.work_order_id->str()
                             : v.unit_id     ? v.unit_id->str()
                             : v.property_id ? v.property_id->str()
                                             : std::string();
        return {std::move(parent), "", "", "", to_unix_millis(v.at)};
    }
};

// ---- Staff decisions as precedent (issue 20) ----
/// @brief Staff decisions are records of kind "staff_decision": parent = the work order (else the
/// escalation), status = the decision's kind, lookup = the escalation id, ordered by time.
template <>
struct RecordTraits<StaffDecision> {
    static constexpr const char* kKind = "staff_decision";
    static const std::string& id(const StaffDecision& v) { return v.id; }
    static RecordKeys keys(const StaffDecision& v) {
        std::string parent = v.work_order_id ? v.work_order_id->str()
                             : v.escalation_id ? v.escalation_id->str()
                                               : std::string();
        return {std::move(parent), v.kind, v.escalation_id ? v.escalation_id->str() : std::string(), "",
                to_unix_millis(v.at)};
    }
};
// ---- end staff decisions ----

// ---- Onboarding (issue 17) ----
/// @brief Onboardings are records of kind "onboarding": parent = unit, status = open / completed /
/// cancelled, lookup = lease id, alt_lookup = first tenant id, ordered by move-in time.
template <>
struct RecordTraits<Onboarding> {
    static constexpr const char* kKind = "onboarding";
    static const std::string& id(const Onboarding& v) { return v.id; }
    static RecordKeys keys(const Onboarding& v) {
        return {v.unit_id.str(), std::string(enum_name(v.status)), v.lease_id.str(),
                v.tenant_ids.empty() ? std::string() : v.tenant_ids.front().str(), to_unix_millis(v.move_in_at)};
    }
};
/// @brief An organization's own move-in checklist: one record of kind "onboarding_checklist".
template <>
struct RecordTraits<OnboardingChecklistRecord> {
    static constexpr const char* kKind = "onboarding_checklist";
    static const std::string& id(const OnboardingChecklistRecord& v) { return v.id; }
    static RecordKeys keys(const OnboardingChecklistRecord& v) { return {"", "", "", "", to_unix_millis(v.updated_at)}; }
};
// ---- end Onboarding ----
// ---- Follow-up cadences (issue 17): enrolments and an organization's own definitions ----
/// @brief Cadence enrolments: parented by their tenant, status "active" / "completed" /
/// "cancelled", looked up by "tenant#purpose" (one active enrolment per contact and purpose) and by
/// their work order reference, ordered by enrolment time.
template <>
struct RecordTraits<CadenceEnrollment> {
    static constexpr const char* kKind = "cadence_enrollment";
    static const std::string& id(const CadenceEnrollment& v) { return v.id; }
    static RecordKeys keys(const CadenceEnrollment& v) {
        const auto wo = v.references.find("work_order_id");
        return {v.tenant_id.str(), std::string(enum_name(v.status)), v.tenant_id.str() + "#" + v.purpose,
                wo == v.references.end() ? std::string() : wo->second, to_unix_millis(v.enrolled_at)};
    }
};
/// @brief An organization's own cadence definitions (by name; they replace a built-in one of the
/// same name), with their purpose as status.
template <>
struct RecordTraits<CadenceDefinition> {
    static constexpr const char* kKind = "cadence_definition";
    static const std::string& id(const CadenceDefinition& v) { return v.name; }
    static RecordKeys keys(const CadenceDefinition& v) { return {"", v.purpose, "", "", 0}; }
};
// ---- end follow-up cadences ----

}  // namespace propos

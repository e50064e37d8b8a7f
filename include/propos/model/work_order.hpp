/// @file work_order.hpp
/// @brief `WorkOrder` and its explicit state machine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/money.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Work-order states. Legal moves (anything else throws, see `can_transition`):
///
///     new -> triaged | cancelled
///     triaged -> awaiting_bids | awaiting_approval | dispatched | cancelled
///     awaiting_bids -> awaiting_approval | dispatched | cancelled
///     awaiting_approval -> awaiting_bids | dispatched | cancelled
///     dispatched -> scheduled | in_progress | triaged (vendor declined or no response) | cancelled
///     scheduled -> in_progress | scheduled (rescheduled) | triaged (vendor declined) | cancelled
///     in_progress -> completed | scheduled (return visit) | cancelled
///     completed -> invoiced | closed | triaged (tenant says "not fixed": reopened, re-dispatched)
///     invoiced -> closed | triaged (reopened)
///     closed, cancelled: terminal
enum class WorkOrderStatus {
    kNew,
    kTriaged,
    kAwaitingBids,
    kAwaitingApproval,
    kDispatched,
    kScheduled,
    kInProgress,
    kCompleted,
    kInvoiced,
    kClosed,
    kCancelled,
};
template <>
struct EnumTraits<WorkOrderStatus> {
    static constexpr std::string_view kWhat = "work order status";
    static constexpr std::array<std::pair<WorkOrderStatus, std::string_view>, 11> kNames{{
        {WorkOrderStatus::kNew, "new"},
        {WorkOrderStatus::kTriaged, "triaged"},
        {WorkOrderStatus::kAwaitingBids, "awaiting_bids"},
        {WorkOrderStatus::kAwaitingApproval, "awaiting_approval"},
        {WorkOrderStatus::kDispatched, "dispatched"},
        {WorkOrderStatus::kScheduled, "scheduled"},
        {WorkOrderStatus::kInProgress, "in_progress"},
        {WorkOrderStatus::kCompleted, "completed"},
        {WorkOrderStatus::kInvoiced, "invoiced"},
        {WorkOrderStatus::kClosed, "closed"},
        {WorkOrderStatus::kCancelled, "cancelled"},
    }};
};
PROPOS_ENUM_JSON(WorkOrderStatus)

/// @brief Triage priority; the response targets are 4 h / 24 h / 48 h.
enum class Priority { kEmergency, kUrgent, kRoutine };
template <>
struct EnumTraits<Priority> {
    static constexpr std::string_view kWhat = "priority";
    static constexpr std::array<std::pair<Priority, std::string_view>, 3> kNames{
        {{Priority::kEmergency, "emergency"}, {Priority::kUrgent, "urgent"},
         {Priority::kRoutine, "routine"}}};
};
PROPOS_ENUM_JSON(Priority)

/// @brief Response target for a priority: 4 h, 24 h or 48 h.
PROPOS_EXPORT Millis response_target(Priority p) noexcept;

/// @brief The housing-code categories of DESIGN.md ("plumbing", "water_leak", ...).
PROPOS_EXPORT const std::vector<std::string>& triage_categories();
/// @brief True when `category` is one of `triage_categories()`.
PROPOS_EXPORT bool is_triage_category(std::string_view category);

/// @brief True when a work order may move from `from` to `to`.
PROPOS_EXPORT bool can_transition(WorkOrderStatus from, WorkOrderStatus to) noexcept;
/// @brief The states reachable from `from` in one move.
PROPOS_EXPORT std::vector<WorkOrderStatus> allowed_transitions(WorkOrderStatus from);
/// @brief True for closed and cancelled.
PROPOS_EXPORT bool is_terminal(WorkOrderStatus s) noexcept;

/// @brief One entry of a work order's status history.
struct StatusChange {
    WorkOrderStatus from = WorkOrderStatus::kNew;
    WorkOrderStatus to = WorkOrderStatus::kNew;
    Timestamp at{};
    std::string reason;
    bool operator==(const StatusChange&) const = default;
};

/// @brief A time window (e.g. when the tenant is home).
struct TimeWindow {
    Timestamp start{};
    Timestamp end{};
    bool operator==(const TimeWindow&) const = default;
};

/// @brief A maintenance job on a unit, from triage to close.
struct WorkOrder {
    WorkOrderId id;
    PropertyId property_id;
    UnitId unit_id;
    TenantId tenant_id;
    ThreadId thread_id;
    std::string title;
    std::string description;
    std::string category = "general";
    /// Size of the job, which scales the cost estimate: "minor" (half the usual hours), "standard"
    /// or "major" (a replacement or overhaul: four times the usual hours, usually out to bid).
    std::string scope = "standard";
    Priority priority = Priority::kRoutine;
    bool emergency = false;
    std::vector<std::string> triage_reasons;
    WorkOrderStatus status = WorkOrderStatus::kNew;
    std::optional<VendorId> vendor_id;
    std::optional<PurchaseOrderId> purchase_order_id;
    Money nte;                       ///< Spending cap that applies to this job.
    Money approved_amount;           ///< What the PO/bid approved; invoices are checked against it.
    std::optional<bool> entry_permitted;
    std::optional<bool> pets_present;
    std::string access_notes;
    std::optional<Timestamp> scheduled_start;
    std::optional<Timestamp> scheduled_end;
    std::string next_action;          ///< What happens next; every open work order has one.
    std::optional<Timestamp> next_action_due;
    int reopen_count = 0;
    int follow_ups = 0;  ///< Follow-ups sent because the job stalled, since its last status change.
    /// What the tenant was last asked and has not answered: "", "troubleshooting", "clarify",
    /// "access", "availability" or "confirmation".
    std::string awaiting_tenant;
    std::vector<TimeWindow> tenant_availability;  ///< When the tenant said they are available.
    std::vector<std::string> tried_vendors; ///< Vendors already dispatched or asked (ids).
    std::vector<MessageId> message_ids;     ///< Inbound messages merged into this work order.
    std::string resolution;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> first_response_at;
    std::optional<Timestamp> dispatched_at;  ///< The first dispatch (a re-dispatch keeps it).
    std::optional<Timestamp> completed_at;
    std::optional<Timestamp> closed_at;
    std::vector<StatusChange> history;
    // ---- legal repair deadline (propos/workflows/compliance.hpp: the jurisdiction's rule pack),
    // set when the work order is created; optional in JSON ----
    std::optional<Timestamp> legal_due_at;  ///< When the law expects the repair done.
    std::string legal_class;                ///< The violation class, e.g. "C" (NYC HPD), "habitability".
    std::string legal_basis;                ///< Why: the mapping's basis and the class's source.

    /// @brief Moves to `to`, recording the change in `history` and the matching milestone time.
    /// Throws `Error(kFailedPrecondition)` naming both states and the allowed targets when illegal.
    void transition_to(WorkOrderStatus to, Timestamp at, std::string reason = {});

    bool operator==(const WorkOrder&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const TimeWindow& v);
PROPOS_EXPORT void from_json(const Json& j, TimeWindow& v);
PROPOS_EXPORT void to_json(Json& j, const StatusChange& v);
PROPOS_EXPORT void from_json(const Json& j, StatusChange& v);
PROPOS_EXPORT void to_json(Json& j, const WorkOrder& v);
PROPOS_EXPORT void from_json(const Json& j, WorkOrder& v);

}  // namespace propos

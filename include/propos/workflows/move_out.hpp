/// @file move_out.hpp
/// @brief The move-out workflow: after a tenant's move-out notice (`route_tenant_request`, intent
/// `move_out`) it carries the move-out inspection and the deposit-return deadline through to a
/// person's decision.
///
/// The notice fixes a move-out date: the end of the current lease when it is still ahead, else 30
/// days after the notice (the staff escalation asks a person to confirm it). The inspection is
/// offered for 10:00 local time on that day (the tenant may reply with another time: that reply
/// reaches a person through the move-out escalation) and the tenant is reminded the day before.
/// Where the property's state has a deposit-return deadline (`deposit_return_days`), staff are
/// reminded three days before it (a `deposit_return_due` escalation) and, if that escalation is
/// still open when the deadline passes, a `deposit_return_overdue` escalation (high) is raised.
/// Every step writes its audit entry and its event together.
#pragma once

#include <string>
#include <vector>

#include "propos/workflows/workflow.hpp"

namespace propos {

namespace job_types {
inline constexpr const char* kMoveOutInspectionReminder = "move_out.inspection_reminder";  // {tenant_id, unit_id, inspection_at}
inline constexpr const char* kMoveOutDepositDue = "move_out.deposit_due";          // {tenant_id, unit_id, due_at}
inline constexpr const char* kMoveOutDepositDeadline = "move_out.deposit_deadline";  // {tenant_id, unit_id, due_at, escalation_id}
}  // namespace job_types

/// @brief The dates a move-out notice sets (`plan_move_out`).
struct MoveOutPlan {
    Timestamp move_out_at{};          ///< The move-out date (10:00 local time that day).
    std::string basis;                ///< "lease_end" or "notice_plus_30_days".
    Timestamp inspection_at{};        ///< The inspection offered (= move_out_at).
    std::optional<int> deposit_days;  ///< The state's deposit-return deadline, when known.
    std::optional<Timestamp> deposit_due_at;  ///< move_out_at + deposit_days.
};

/// @brief The plan for a notice received at `now`: the move-out date from `lease_end` (when it is
/// after `now`) or 30 days after `now`, at 10:00 in `timezone`; the deposit deadline of `state`.
PROPOS_EXPORT MoveOutPlan plan_move_out(Timestamp now, std::optional<Timestamp> lease_end, const std::string& state,
                                        const std::string& timezone);

/// @brief Schedules the plan's jobs in `tx` (the inspection reminder, the staff reminder before the
/// deposit deadline), keyed by the notice message so that a retried notice schedules nothing twice.
PROPOS_EXPORT void schedule_move_out(Transaction& tx, const WorkflowServices& services, const OrgId& org,
                                     const MoveOutPlan& plan, const TenantId& tenant, const UnitId& unit,
                                     const std::string& notice_message_id);

/// @brief The unit that runs the move-out jobs.
class PROPOS_EXPORT MoveOutWorkflow final : public Workflow {
public:
    /// @brief `services` must outlive the unit.
    explicit MoveOutWorkflow(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "move_out"; }
    std::vector<std::string> intents() const override { return {"move_out"}; }
    std::vector<std::string> job_types() const override {
        return {job_types::kMoveOutInspectionReminder, job_types::kMoveOutDepositDue,
                job_types::kMoveOutDepositDeadline};
    }
    void handle(const Job& job) override;

private:
    const WorkflowServices& services_;
};

}  // namespace propos

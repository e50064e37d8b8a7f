/// @file maintenance.hpp
/// @brief The maintenance loop as durable, job-driven state machines: tenant message -> triage ->
/// work order (or merge into an open one) -> troubleshooting -> vendor ranking -> bids / owner approval
/// -> dispatch with a purchase order -> scheduling and reminders -> completion and tenant confirmation
/// -> invoice reconciliation, with follow-ups on stalled work and escalations where rules say so.
///
/// Decisions about a tenant's request go through the `AgentRunner` with the typed tools registered by
/// `register_maintenance_tools` (the model, or the offline rules of `maintenance_rules_step`, proposes;
/// the tools validate against schema and policy and act). Vendor replies, timers and confirmations are
/// deterministic handlers of jobs, each owned by one unit of `MaintenanceWorkflow`. What every
/// workflow stands on (services, job types, `queue_outbound`, the `Workflow` interface) is in
/// `workflow.hpp`; messages reach maintenance through intake (`intake.hpp`). `local_hour` and
/// `next_local_time` are in `propos/core/timezone.hpp` (included here for code that found them in
/// this header).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propos/agent/agent_runner.hpp"
#include "propos/agent/tool.hpp"
#include "propos/core/timezone.hpp"
#include "propos/llm/types.hpp"
#include "propos/workflows/dispatch.hpp"
#include "propos/workflows/triage.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

/// @brief Registers the maintenance tools (triage_request, create_work_order, merge_into_work_order,
/// ask_tenant, reply_to_tenant, rank_vendors, request_bids, dispatch_vendor, schedule_visit, escalate,
/// close_work_order, reconcile_invoice, search_history — an error result for the model when
/// `services.search` is null).
/// `services` must outlive the registry.
PROPOS_EXPORT void register_maintenance_tools(ToolRegistry& registry, const WorkflowServices& services);

/// @brief The tool names of the maintenance workflow.
PROPOS_EXPORT const std::vector<std::string>& maintenance_tool_names();

/// @brief The offline decision rules for one step of a maintenance run: reads the conversation (the
/// trusted <context> block, the delimited tenant message, earlier tool results) and proposes the next
/// tool calls exactly as a model would — the calls that do not depend on one another's results
/// together, in the order they must run (e.g. triage, open the work order and rank vendors in one
/// turn). Returns an empty list when the run is done.
PROPOS_EXPORT std::vector<llm::ContentBlock> maintenance_rules_step(const llm::LlmRequest& request);

/// @brief The maintenance workflow's system prompt (trusted instructions, stable for caching).
PROPOS_EXPORT const std::string& maintenance_system_prompt();

/// @brief When an open escalation is next chased: its SLA deadline (`sla_due_at`), then one SLA
/// period later for the fallback contact (see `Escalation::sla_misses`).
PROPOS_EXPORT Timestamp sla_next_due(const Escalation& e);
/// @brief True when `e` is open and past its SLA deadline at `now`.
PROPOS_EXPORT bool is_overdue(const Escalation& e, Timestamp now) noexcept;

/// @brief The maintenance workflow: the units of a repair composed into one `Workflow`, the owner of
/// the `maintenance` intent.
///
/// Its units (each a `Workflow` with its own job types and tools, see `units()`): repair intake
/// (the agent on a tenant's request, the tenant's answers, `agent.resume`), vendor dispatch (vendor
/// messages, `vendor.response_due`, `bids.due`, `approval.decided`, `assign_vendor`), scheduling
/// (`visit.reminder`, `tenant.reply_due`), completion (`completion.confirmation_due`,
/// `workorders.stall_check`), invoices (`submit_invoice`) and the escalation SLA
/// (`escalations.sla_check`, every 15 minutes per organization: an open escalation past its SLA is
/// reminded once — an `escalation.overdue` event and audit entry, and a message to
/// `Organization::escalation_contact` when set — and, past due again one SLA period later, the
/// organization's `fallback_contact` is told). The Coordinator puts the units in its job table;
/// `handle` runs any of their jobs for a host that drives the workflow itself.
class PROPOS_EXPORT MaintenanceWorkflow : public Workflow {
public:
    /// @brief `services` is copied; `runner` must outlive the workflow.
    MaintenanceWorkflow(WorkflowServices services, AgentRunner& runner);
    ~MaintenanceWorkflow() override;

    std::string name() const override { return "maintenance"; }
    std::vector<std::string> intents() const override { return {"maintenance"}; }
    /// @brief The job types of every unit (`inbound.message` is intake's, `intake.hpp`).
    std::vector<std::string> job_types() const override;
    std::vector<std::string> tool_names() const override { return maintenance_tool_names(); }
    /// @brief Registers every unit's tools (the same set as `register_maintenance_tools`).
    void register_tools(ToolRegistry& registry) const override;
    /// @brief Runs one claimed job of `job_types()`. Throws on failure (the queue retries it).
    void handle(const Job& job) override;

    /// @brief The units, in a stable order; owned by this workflow (valid while it lives).
    std::vector<Workflow*> units() const;

    /// @brief From intake: a vendor's message (a bid, YES / NO / ARRIVED / DONE, or a note for a
    /// person), to vendor dispatch.
    void take_vendor_message(const OrgId& org, const Message& message, const Vendor& vendor);
    /// @brief From intake: true when `message` answers the question an open work order of `tenant`
    /// waits on (troubleshooting, safety check, access, availability, confirmation) and was acted
    /// on; false when it is a new message.
    bool take_tenant_answer(const OrgId& org, const Message& message, const Tenant& tenant);
    /// @brief From intake: a tenant's repair request; the agent runs on it (triage, work order or
    /// merge, vendor). `triage`: the offline triage of `message_text(message)` for this tenant
    /// when the caller has it (`IntentAssessment::triage`); assessed here when nullopt.
    void start_repair(const OrgId& org, const Message& message, const Tenant& tenant,
                      const std::optional<Triage>& triage = std::nullopt);

    /// @brief Records a vendor invoice and reconciles it (see reconcile_invoice).
    Invoice submit_invoice(const OrgId& org, Invoice invoice);

    /// @brief A person assigns `vendor` to a work order that is triaged, awaiting bids or awaiting
    /// approval (e.g. after every ranked vendor declined): issues the purchase order for `amount`
    /// (default: the vendor's estimate) under the spending policy — above the owner-approval
    /// threshold this raises an approval request instead — messages the vendor and resolves the
    /// escalations that asked for a vendor. Audited as `assigned_by`. Throws `Error(kNotFound)` for
    /// an unknown work order or vendor, `Error(kFailedPrecondition)` when the work order is past
    /// dispatch or the vendor is inactive, `Error(kInvalidArgument)` when `assigned_by` is empty.
    /// The assignment is kept as a `StaffDecision` (kind "vendor_assigned") with `note`, the
    /// person's reason (optional; `Error(kInvalidArgument)` over `kMaxNoteBytes`), see
    /// propos/workflows/decisions.hpp.
    WorkOrder assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor,
                            std::optional<Money> amount, const std::string& assigned_by,
                            const std::string& note = {});

    const WorkflowServices& services() const noexcept { return services_; }

private:
    struct Units;

    WorkflowServices services_;
    std::unique_ptr<Units> units_;
};

}  // namespace propos

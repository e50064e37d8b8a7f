// Private: the maintenance units behind `MaintenanceWorkflow` (propos/workflows/maintenance.hpp),
// each a `Workflow` with its own job types and tools, split along the seams of a repair:
// - RepairIntake: the tenant's side — starts the agent on a repair, reads the tenant's answers to
//   the questions a work order waits on, resumes paused runs (agent.resume);
// - VendorDispatch: vendor messages (BID / YES / NO / ARRIVED / DONE), response deadlines
//   (vendor.response_due), bids (bids.due), owner approvals (approval.decided), assign_vendor;
// - Scheduling: visit reminders (visit.reminder) and unanswered tenant questions (tenant.reply_due);
// - Completion: confirmation and auto-close (completion.confirmation_due), stalled work
//   (workorders.stall_check);
// - Invoices: submit_invoice and the reconcile tool;
// - EscalationSla: escalations past their SLA (escalations.sla_check).
// Every unit keeps a reference to the services, which must outlive it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/workflows/maintenance.hpp"

namespace propos {

// The tools of each unit (the tool names are in maintenance_tools.cpp, in the order offered).
void register_repair_intake_tools(ToolRegistry& registry, const WorkflowServices& services);
void register_vendor_dispatch_tools(ToolRegistry& registry, const WorkflowServices& services);
void register_scheduling_tools(ToolRegistry& registry, const WorkflowServices& services);
void register_completion_tools(ToolRegistry& registry, const WorkflowServices& services);
void register_invoice_tools(ToolRegistry& registry, const WorkflowServices& services);

// The tool names of one unit, in the order of maintenance_tool_names().
std::vector<std::string> unit_tool_names(std::initializer_list<const char*> names);

class RepairIntake final : public Workflow {
public:
    RepairIntake(const WorkflowServices& services, AgentRunner& runner) : services_(services), runner_(runner) {}
    std::string name() const override { return "repair_intake"; }
    std::vector<std::string> intents() const override { return {"maintenance"}; }
    std::vector<std::string> job_types() const override { return {job_types::kResumeRun}; }
    std::vector<std::string> tool_names() const override;
    void register_tools(ToolRegistry& registry) const override {
        register_repair_intake_tools(registry, services_);
    }
    void handle(const Job& job) override;

    // The tenant's answer to the question an open work order of theirs waits on (troubleshooting,
    // safety check, access, availability, confirmation): true when it was that answer and was
    // acted on; false when it is a new message.
    bool take_answer(const OrgId& org, const Message& msg, const Tenant& tenant);
    // Starts the agent on a tenant's repair request (triage, work order or merge, vendor);
    // `triage`: the offline triage of the message's text when the caller has it.
    void start(const OrgId& org, const Message& msg, const Tenant& tenant,
               const std::optional<Triage>& triage);

private:
    const WorkflowServices& services_;
    AgentRunner& runner_;
};

class VendorDispatch final : public Workflow {
public:
    explicit VendorDispatch(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "vendor_dispatch"; }
    std::vector<std::string> job_types() const override {
        return {job_types::kVendorResponseDue, job_types::kBidsDue, job_types::kApprovalDecided};
    }
    std::vector<std::string> tool_names() const override;
    void register_tools(ToolRegistry& registry) const override {
        register_vendor_dispatch_tools(registry, services_);
    }
    void handle(const Job& job) override;

    // A vendor's message: a bid, an acceptance (schedules the visit), a decline, on site, done
    // (completes the work order), or a note for a person.
    void take_message(const OrgId& org, const Message& msg, const Vendor& vendor);
    // MaintenanceWorkflow::assign_vendor.
    WorkOrder assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor,
                            std::optional<Money> amount, const std::string& assigned_by,
                            const std::string& note = {});

private:
    void on_response_due(const OrgId& org, const Job& job);
    void on_bids_due(const OrgId& org, const Job& job);
    void on_approval_decided(const OrgId& org, const Job& job);

    const WorkflowServices& services_;
};

class Scheduling final : public Workflow {
public:
    explicit Scheduling(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "scheduling"; }
    std::vector<std::string> job_types() const override {
        return {job_types::kVisitReminder, job_types::kTenantReplyDue};
    }
    std::vector<std::string> tool_names() const override;
    void register_tools(ToolRegistry& registry) const override { register_scheduling_tools(registry, services_); }
    void handle(const Job& job) override;

private:
    void on_visit_reminder(const OrgId& org, const Job& job);
    void on_tenant_reply_due(const OrgId& org, const Job& job);

    const WorkflowServices& services_;
};

class Completion final : public Workflow {
public:
    explicit Completion(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "completion"; }
    std::vector<std::string> job_types() const override {
        return {job_types::kConfirmationDue, job_types::kStallCheck};
    }
    std::vector<std::string> tool_names() const override;
    void register_tools(ToolRegistry& registry) const override { register_completion_tools(registry, services_); }
    void handle(const Job& job) override;

private:
    void on_confirmation_due(const OrgId& org, const Job& job);
    void on_stall_check(const OrgId& org, const Job& job);

    const WorkflowServices& services_;
};

class Invoices final : public Workflow {
public:
    explicit Invoices(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "invoices"; }
    std::vector<std::string> job_types() const override { return {}; }
    std::vector<std::string> tool_names() const override;
    void register_tools(ToolRegistry& registry) const override { register_invoice_tools(registry, services_); }
    // No jobs: invoices arrive through submit().
    void handle(const Job& job) override;

    // MaintenanceWorkflow::submit_invoice.
    Invoice submit(const OrgId& org, Invoice invoice);

private:
    const WorkflowServices& services_;
};

class EscalationSla final : public Workflow {
public:
    explicit EscalationSla(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "escalation_sla"; }
    std::vector<std::string> job_types() const override { return {job_types::kEscalationSlaCheck}; }
    void handle(const Job& job) override;

private:
    const WorkflowServices& services_;
};

// Throws the error of a job handed to a unit that does not own its type.
[[noreturn]] void unowned_job(const Workflow& unit, const Job& job);

}  // namespace propos

// The maintenance facade: the units of a repair (units.hpp) composed into one workflow.
#include "propos/workflows/maintenance.hpp"

#include <algorithm>

#include "ops.hpp"
#include "units.hpp"

namespace propos {

[[noreturn]] void unowned_job(const Workflow& unit, const Job& job) {
    throw Error(ErrorCode::kInvalidArgument,
                "workflow unit '" + unit.name() + "' does not handle job type '" + job.type + "'");
}

struct MaintenanceWorkflow::Units {
    Units(const WorkflowServices& s, AgentRunner& runner)
        : repair_intake(s, runner), vendor_dispatch(s), scheduling(s), completion(s), invoices(s), escalation_sla(s) {}
    RepairIntake repair_intake;
    VendorDispatch vendor_dispatch;
    Scheduling scheduling;
    Completion completion;
    Invoices invoices;
    EscalationSla escalation_sla;
    std::vector<Workflow*> all() {
        return {&repair_intake, &vendor_dispatch, &scheduling, &completion, &invoices, &escalation_sla};
    }
};

MaintenanceWorkflow::MaintenanceWorkflow(WorkflowServices services, AgentRunner& runner)
    : services_(std::move(services)), units_(std::make_unique<Units>(services_, runner)) {}

MaintenanceWorkflow::~MaintenanceWorkflow() = default;

std::vector<Workflow*> MaintenanceWorkflow::units() const { return units_->all(); }

std::vector<std::string> MaintenanceWorkflow::job_types() const {
    std::vector<std::string> out;
    for (const auto* unit : units_->all()) {
        for (auto& type : unit->job_types()) out.push_back(std::move(type));
    }
    return out;
}

void MaintenanceWorkflow::register_tools(ToolRegistry& registry) const {
    register_maintenance_tools(registry, services_);
}

void MaintenanceWorkflow::handle(const Job& job) {
    for (auto* unit : units_->all()) {
        const auto types = unit->job_types();
        if (std::find(types.begin(), types.end(), job.type) != types.end()) return unit->handle(job);
    }
    unowned_job(*this, job);
}

Invoice MaintenanceWorkflow::submit_invoice(const OrgId& org, Invoice invoice) {
    return units_->invoices.submit(org, std::move(invoice));
}

void MaintenanceWorkflow::take_vendor_message(const OrgId& org, const Message& message, const Vendor& vendor) {
    units_->vendor_dispatch.take_message(org, message, vendor);
}

bool MaintenanceWorkflow::take_tenant_answer(const OrgId& org, const Message& message, const Tenant& tenant) {
    return units_->repair_intake.take_answer(org, message, tenant);
}

void MaintenanceWorkflow::start_repair(const OrgId& org, const Message& message, const Tenant& tenant,
                                       const std::optional<Triage>& triage) {
    units_->repair_intake.start(org, message, tenant, triage);
}

WorkOrder MaintenanceWorkflow::assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor,
                                             std::optional<Money> amount, const std::string& assigned_by,
                                             const std::string& note) {
    return units_->vendor_dispatch.assign_vendor(org, id, vendor, amount, assigned_by, note);
}


}  // namespace propos

// The maintenance facade: the units of a repair (units.hpp) composed into one workflow, and the
// routing of an inbound message to them.
#include "propos/workflows/maintenance.hpp"

#include <algorithm>

#include "ops.hpp"
#include "propos/channels/contact.hpp"
#include "propos/workflows/intent.hpp"
#include "units.hpp"

namespace propos {
namespace {
using namespace std::chrono;
}  // namespace

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
    std::vector<std::string> out{job_types::kInboundMessage};
    for (const auto* unit : units_->all()) {
        for (auto& type : unit->job_types()) out.push_back(std::move(type));
    }
    return out;
}

void MaintenanceWorkflow::register_tools(ToolRegistry& registry) const {
    register_maintenance_tools(registry, services_);
}

void MaintenanceWorkflow::handle(const Job& job) {
    if (job.type == job_types::kInboundMessage) return on_inbound(job.org_id, job);
    for (auto* unit : units_->all()) {
        const auto types = unit->job_types();
        if (std::find(types.begin(), types.end(), job.type) != types.end()) return unit->handle(job);
    }
    unowned_job(*this, job);
}

Invoice MaintenanceWorkflow::submit_invoice(const OrgId& org, Invoice invoice) {
    return units_->invoices.submit(org, std::move(invoice));
}

WorkOrder MaintenanceWorkflow::assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor,
                                             std::optional<Money> amount, const std::string& assigned_by) {
    return units_->vendor_dispatch.assign_vendor(org, id, vendor, amount, assigned_by);
}

void MaintenanceWorkflow::on_inbound(const OrgId& org, const Job& job) {
    const auto id = job.payload.value("message_id", "");
    auto& s = services_;
    const auto msg = s.store.read_result([&](Transaction& tx) { return tx.get<Message>(org, id); });
    if (msg.vendor_id) {
        const auto vendor = s.store.read_result([&](Transaction& tx) { return tx.get<Vendor>(org, msg.vendor_id->str()); });
        return units_->vendor_dispatch.take_message(org, msg, vendor);
    }
    if (!msg.tenant_id) {
        // Unknown sender: a polite "who are you", at most once a day per address; no work order.
        s.store.write([&](Transaction& tx) {
            const auto now = s.clock->now();
            bool recently = false;
            for (const auto& m : tx.list<Message>(org, {.parent = msg.thread_id.str()})) {
                if (m.direction == Direction::kOutbound && m.at + hours(24) > now) recently = true;
            }
            const auto o = tx.require_organization(org);
            if (!recently) {
                OutboundSpec spec;
                spec.channel = msg.channel == Channel::kEmail ? Channel::kEmail : Channel::kSms;
                spec.to = msg.from;
                spec.subject = "Re: " + (msg.subject.empty() ? std::string("your message") : msg.subject);
                spec.body = "Hi, this is the maintenance line of " + o.name +
                            ". We couldn't match this " +
                            (msg.channel == Channel::kEmail ? "email address" : "number") +
                            " to a resident. Please reply with your name, building and unit, or contact "
                            "the office. / No pudimos identificarle: responda con su nombre, edificio y "
                            "apartamento.";
                spec.thread_id = msg.thread_id;
                spec.urgent = true;
                spec.correlation_id = msg.id.str();
                queue_outbound(tx, s, org, spec);
            }
            AuditEvent a;
            a.at = now;
            a.actor = "system";
            a.action = "message.unknown_sender";
            a.entity_kind = "message";
            a.entity_id = msg.id.str();
            a.correlation_id = msg.id.str();
            a.data = {{"channel", enum_name(msg.channel)}, {"replied", !recently}};
            record_decision(tx, org, std::move(a), Json{{"message_id", msg.id.str()}});
        });
        return;
    }
    const auto tenant = s.store.read_result([&](Transaction& tx) { return tx.get<Tenant>(org, msg.tenant_id->str()); });
    // Carrier keywords (the whole message is the keyword: "STOP" opts out, "stop the leak" does not).
    const auto keyword = msg.channel == Channel::kSms ? channels::detect_sms_keyword(msg.body, tenant.sms_opt_out)
                                                      : channels::SmsKeyword::kNone;
    if (keyword == channels::SmsKeyword::kStop || keyword == channels::SmsKeyword::kStart) {
        s.store.write([&](Transaction& tx) {
            auto t = tx.get<Tenant>(org, tenant.id.str());
            t.sms_opt_out = keyword == channels::SmsKeyword::kStop;
            tx.put(org, t);
            AuditEvent a;
            a.at = s.clock->now();
            a.actor = "tenant:" + t.id.str();
            a.action = t.sms_opt_out ? "tenant.sms_opt_out" : "tenant.sms_opt_in";
            a.entity_kind = "tenant";
            a.entity_id = t.id.str();
            a.correlation_id = msg.id.str();
            record_decision(tx, org, std::move(a), Json{{"tenant_id", t.id.str()}});
        });
        return;
    }
    if (keyword == channels::SmsKeyword::kHelp) {
        s.store.write([&](Transaction& tx) {
            const auto o = tx.require_organization(org);
            OutboundSpec spec;
            spec.channel = Channel::kSms;
            spec.to = msg.from;
            spec.body = o.name + " maintenance line: text us what needs repair. Emergencies (gas, fire, "
                        "flooding): call 911 first. Reply STOP to opt out.";
            spec.tenant_id = tenant.id;
            spec.thread_id = msg.thread_id;
            spec.urgent = true;
            spec.correlation_id = msg.id.str();
            queue_outbound(tx, s, org, spec);
        });
        return;
    }
    if (units_->repair_intake.take_answer(org, msg, tenant)) return;
    // Every message to its owner: what is not a repair (a renewal, a payment question, a neighbor
    // report...) goes to its owner; an emergency is always a repair (docs/workflows.md).
    IntentOptions io;
    io.at = msg.at;
    io.vulnerable_occupant = tenant.vulnerable_occupant;
    const auto intent = classify_intent(msg.subject.empty() ? msg.body : msg.subject + "\n" + msg.body, io);
    if (route_tenant_request(s, org, msg, tenant, intent).handled) return;
    units_->repair_intake.start(org, msg, tenant);
}

}  // namespace propos

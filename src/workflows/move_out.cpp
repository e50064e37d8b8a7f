// The move-out workflow (see move_out.hpp).
#include "propos/workflows/move_out.hpp"

#include <chrono>

#include "ops.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"
#include "propos/workflows/tenant_requests.hpp"

namespace propos {
namespace {

using std::chrono::hours;

constexpr auto kDepositReminderLead = hours(24 * 3);

AuditEvent entry(const std::string& action, const std::string& tenant, const std::string& unit, Timestamp now,
                 const std::string& correlation) {
    return AuditEvent::about(action, "unit", unit, now, "system", correlation, {{"tenant_id", tenant}});
}

std::string day(Timestamp t, const std::string& tz) { return format_local_time(t, tz, "%Y-%m-%d %H:%M"); }

}  // namespace

MoveOutPlan plan_move_out(Timestamp now, std::optional<Timestamp> lease_end, const std::string& state,
                          const std::string& timezone) {
    MoveOutPlan p;
    const bool lease = lease_end && *lease_end > now;
    const Timestamp base = lease ? *lease_end : now + hours(24 * 30);
    p.basis = lease ? "lease_end" : "notice_plus_30_days";
    // 10:00 local on that day: the day's start is found from 00:00 local of `base`.
    p.move_out_at = local_day_time(base, timezone, 0, 600);
    p.inspection_at = p.move_out_at;
    p.deposit_days = deposit_return_days(state);
    if (p.deposit_days) p.deposit_due_at = p.move_out_at + hours(24 * *p.deposit_days);
    return p;
}

void schedule_move_out(Transaction& tx, const WorkflowServices& s, const OrgId& org, const MoveOutPlan& plan,
                       const TenantId& tenant, const UnitId& unit, const std::string& notice_message_id) {
    const Json ids{{"tenant_id", tenant.str()}, {"unit_id", unit.str()}};
    Json inspection = ids;
    inspection["inspection_at"] = format_time(plan.inspection_at);
    s.jobs.enqueue(tx, org,
                   JobSpec{.type = job_types::kMoveOutInspectionReminder,
                           .payload = inspection,
                           .run_at = plan.inspection_at - hours(24),
                           .idempotency_key = "move_out.inspection_reminder:" + notice_message_id,
                           .correlation_id = notice_message_id});
    if (plan.deposit_due_at) {
        Json due = ids;
        due["due_at"] = format_time(*plan.deposit_due_at);
        s.jobs.enqueue(tx, org,
                       JobSpec{.type = job_types::kMoveOutDepositDue,
                               .payload = due,
                               .run_at = *plan.deposit_due_at - kDepositReminderLead,
                               .idempotency_key = "move_out.deposit_due:" + notice_message_id,
                               .correlation_id = notice_message_id});
    }
}

void MoveOutWorkflow::handle(const Job& job) {
    const auto& s = services_;
    const auto& org = job.org_id;
    const auto tenant_id = job.payload.value("tenant_id", "");
    const auto unit_id = job.payload.value("unit_id", "");
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto tz = ops::org_timezone(tx, org);
        const auto tenant = tx.find<Tenant>(org, tenant_id);
        const std::string label = ops::unit_label(tx, org, UnitId(unit_id));
        if (job.type == job_types::kMoveOutInspectionReminder) {
            const auto at = parse_time(job.payload.at("inspection_at").get<std::string>());
            if (!tenant) return;  // the tenant record is gone: nobody to remind
            OutboundSpec spec;
            spec.channel = tenant->phone.empty() ? Channel::kEmail : Channel::kSms;
            spec.to = tenant->phone.empty() ? tenant->email : tenant->phone;
            spec.subject = "Your move-out inspection";
            spec.body = ops::tenant_text(
                *tenant,
                "Reminder: your move-out inspection is " + day(at, tz) +
                    ". Please have the unit empty and clean; reply if you need another time.",
                "Recordatorio: su inspección de salida es el " + day(at, tz) +
                    ". Deje la vivienda vacía y limpia; responda si necesita otro horario.");
            spec.tenant_id = tenant->id;
            spec.correlation_id = job.correlation_id;
            if (!spec.to.empty()) queue_outbound(tx, s, org, spec);
            record_decision(tx, org, entry("move_out.inspection_reminded", tenant_id, unit_id, now, job.correlation_id),
                            Json{{"tenant_id", tenant_id}, {"unit_id", unit_id}, {"inspection_at", format_time(at)},
                                 {"sent", !spec.to.empty()}});
            return;
        }
        const auto due = parse_time(job.payload.at("due_at").get<std::string>());
        // A deposit escalation, its audit entry and its event, together.
        auto escalate = [&](const char* reason, Severity severity, const std::string& summary, const char* action) {
            const Json ids{{"tenant_id", tenant_id}, {"unit_id", unit_id}, {"due_at", format_time(due)}};
            const auto e = ops::raise(tx, org, reason, severity, summary, std::nullopt, ids, now, job.correlation_id);
            Json payload = ids;
            payload["escalation_id"] = e.id.str();
            record_decision(tx, org, entry(action, tenant_id, unit_id, now, job.correlation_id), payload);
            return e;
        };
        if (job.type == job_types::kMoveOutDepositDue) {
            const auto e = escalate("deposit_return_due", Severity::kMedium,
                                    "Deposit for unit " + label + " must be returned (or itemized) by " +
                                        day(due, tz) + ": resolve this when it is sent",
                                    "move_out.deposit_reminder");
            Json payload = job.payload;
            payload["escalation_id"] = e.id.str();
            s.jobs.enqueue(tx, org,
                           JobSpec{.type = job_types::kMoveOutDepositDeadline,
                                   .payload = payload,
                                   .run_at = due,
                                   .idempotency_key = "move_out.deposit_deadline:" + e.id.str(),
                                   .correlation_id = job.correlation_id});
            return;
        }
        // The deadline: done when the reminder was resolved; otherwise a person must act now.
        const auto reminder = tx.find<Escalation>(org, job.payload.value("escalation_id", ""));
        if (reminder && reminder->status != EscalationStatus::kOpen) return;
        escalate("deposit_return_overdue", Severity::kHigh,
                 "Deposit deadline for unit " + label + " passed on " + day(due, tz) +
                     " with no record that it was returned",
                 "move_out.deposit_overdue");
    });
}

}  // namespace propos

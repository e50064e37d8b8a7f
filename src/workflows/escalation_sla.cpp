// Escalations past their SLA: a reminder to the organization's escalation contact on the first
// miss, the fallback contact on the second; each miss an `escalation.overdue` event and audit entry.
#include <string>

#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/maintenance.hpp"
#include "units.hpp"

namespace propos {
namespace {

std::string mask_contact(const std::string& contact) {
    return contact.find('@') != std::string::npos ? mask_email(contact) : mask_phone(contact);
}

}  // namespace

Timestamp sla_next_due(const Escalation& e) {
    return e.sla_due_at + e.sla_misses * EscalationEngine::sla(e.severity);
}

bool is_overdue(const Escalation& e, Timestamp now) noexcept {
    return e.status == EscalationStatus::kOpen && e.sla_due_at != Timestamp{} && now > e.sla_due_at;
}

void EscalationSla::handle(const Job& job) {
    if (job.type != job_types::kEscalationSlaCheck) unowned_job(*this, job);
    const auto& org = job.org_id;
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto o = tx.find_organization(org);
        for (auto& e : tx.list<Escalation>(org, {.status = "open"})) {
            if (e.sla_due_at == Timestamp{} || e.sla_misses >= 2 || now < sla_next_due(e)) continue;
            ++e.sla_misses;
            tx.put(org, e);
            const bool fallback = e.sla_misses >= 2;
            const std::string role = fallback ? "fallback_contact" : "escalation_contact";
            const std::string contact = o ? (fallback ? o->fallback_contact : o->escalation_contact) : "";
            const auto corr = job.correlation_id.empty() ? e.id.str() : job.correlation_id;
            if (!contact.empty()) {
                OutboundSpec spec;
                spec.channel = contact.find('@') != std::string::npos ? Channel::kEmail : Channel::kSms;
                spec.to = contact;
                spec.subject = std::string(fallback ? "Still no decision" : "Overdue") + ": escalation " + e.id.str();
                spec.body = (fallback ? "Escalation " + e.id.str() +
                                            " has missed its deadline twice and nobody has acted on it; as the "
                                            "fallback contact, please step in. "
                                      : "Reminder: escalation " + e.id.str() + " is overdue. ") +
                            "(" + std::string(enum_name(e.severity)) + ", " + e.reason +
                            (e.work_order_id ? ", " + e.work_order_id->str() : std::string()) + ") " + e.summary +
                            " — due " + format_time(e.sla_due_at) + ".";
                spec.work_order_id = e.work_order_id;
                spec.urgent = true;
                spec.correlation_id = corr;
                queue_outbound(tx, s, org, spec);
            }
            AuditEvent a;
            a.at = now;
            a.actor = "system";
            a.action = "escalation.overdue";
            a.entity_kind = "escalation";
            a.entity_id = e.id.str();
            a.correlation_id = corr;
            a.data = {{"reason", e.reason},
                      {"severity", enum_name(e.severity)},
                      {"sla_due_at", format_time(e.sla_due_at)},
                      {"miss", e.sla_misses},
                      {"notified", contact.empty() ? "" : role},
                      {"to", contact.empty() ? "" : mask_contact(contact)}};
            if (e.work_order_id) a.data["work_order_id"] = e.work_order_id->str();
            record_decision(tx, org, std::move(a),
                       Json{{"escalation_id", e.id.str()},
                            {"reason", e.reason},
                            {"severity", enum_name(e.severity)},
                            {"summary", e.summary},
                            {"sla_due_at", format_time(e.sla_due_at)},
                            {"miss", e.sla_misses},
                            {"reminder", !fallback},
                            {"fallback", fallback},
                            {"notified", contact.empty() ? "" : role},
                            {"work_order_id", e.work_order_id ? e.work_order_id->str() : ""}});
        }
    });
}

}  // namespace propos

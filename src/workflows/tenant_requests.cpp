// The owners of tenant messages that are not repairs (see tenant_requests.hpp).
#include "propos/workflows/tenant_requests.hpp"

#include <chrono>
#include <cmath>

#include "core/log.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/time.hpp"
#include "propos/model/note.hpp"
#include "propos/workflows/knowledge.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/move_out.hpp"

namespace propos {
namespace {

using std::chrono::hours;

constexpr int kNeighborReportsBeforeEscalation = 3;
constexpr auto kNeighborWindow = hours(24 * 30);

struct Context {
    const WorkflowServices& s;
    const OrgId& org;
    const Message& msg;
    const Tenant& tenant;
    const IntentAssessment& intent;
    Timestamp now;
};

void reply(Transaction& tx, const Context& c, const std::string& en, const std::string& es) {
    OutboundSpec spec;
    spec.channel = c.msg.channel == Channel::kEmail ? Channel::kEmail : Channel::kSms;
    spec.to = c.msg.from;
    if (spec.channel == Channel::kEmail) {
        spec.subject = "Re: " + (c.msg.subject.empty() ? std::string("your message") : c.msg.subject);
    }
    spec.body = ops::tenant_text(c.tenant, en, es);
    spec.tenant_id = c.tenant.id;
    spec.thread_id = c.msg.thread_id;
    spec.correlation_id = c.msg.id.str();
    queue_outbound(tx, c.s, c.org, spec);
}

void audit(Transaction& tx, const Context& c, const std::string& action, Json data) {
    AuditEvent a;
    a.at = c.now;
    a.actor = "system";
    a.action = action;
    a.entity_kind = "message";
    a.entity_id = c.msg.id.str();
    a.correlation_id = c.msg.id.str();
    data["intent"] = enum_name(c.intent.intent);
    data["reasons"] = c.intent.reasons;
    data["tenant_id"] = c.tenant.id.str();
    a.data = std::move(data);
    tx.append_audit(c.org, a);
}

Escalation escalate(Transaction& tx, const Context& c, const std::string& reason, Severity severity,
                    const std::string& summary, Json context = Json::object()) {
    context["message_id"] = c.msg.id.str();
    context["tenant_id"] = c.tenant.id.str();
    context["unit_id"] = c.tenant.unit_id.str();
    context["intent"] = enum_name(c.intent.intent);
    return ops::raise(tx, c.org, reason, severity, summary, std::nullopt, std::move(context), c.now,
                      c.msg.id.str());
}

// An acknowledgement to the tenant and an escalation to staff: the owner of this intent is a person.
RouteOutcome hand_off(Transaction& tx, const Context& c, const std::string& reason, const std::string& what_en,
                      const std::string& what_es, Json context = Json::object()) {
    const auto e = escalate(tx, c, reason, Severity::kMedium,
                            "A tenant's " + std::string(enum_name(c.intent.intent)) +
                                " message needs a person: read it and reply",
                            std::move(context));
    reply(tx, c,
          "Thanks, we received your message about " + what_en +
              ". A member of our team will get back to you within one business day.",
          "Gracias, recibimos su mensaje sobre " + what_es +
              ". Alguien de nuestro equipo le responderá en un día hábil.");
    audit(tx, c, "message.routed", {{"owner", "staff"}, {"escalation_id", e.id.str()}});
    return {true, "handed_off", e.id};
}

std::optional<Lease> current_lease(Transaction& tx, const Context& c) {
    std::optional<Lease> best;
    for (const auto& l : tx.list<Lease>(c.org, {.parent = c.tenant.unit_id.str()})) {
        const bool theirs = l.tenant_ids.empty() ||
                            std::find(l.tenant_ids.begin(), l.tenant_ids.end(), c.tenant.id) != l.tenant_ids.end();
        if (theirs && (!best || l.start > best->start)) best = l;
    }
    return best;
}

Note unit_note(const Context& c, const std::string& text) {
    Note n;
    n.id = NoteId(new_id("note"));
    n.text = text;
    n.author = "intake:" + std::string(enum_name(c.intent.intent));
    n.unit_id = c.tenant.unit_id;
    n.at = c.now;
    return n;
}

// "2026-12-04" (UTC date of the ledger's facts).
std::string day_of(Timestamp t) { return format_time(t).substr(0, 10); }

RouteOutcome move_out(Transaction& tx, const Context& c) {
    const auto unit = tx.get<Unit>(c.org, c.tenant.unit_id.str());
    const auto property = tx.get<Property>(c.org, unit.property_id.str());
    const auto lease = current_lease(tx, c);
    const auto days = deposit_return_days(property.state);
    Json facts{{"state", property.state}};
    if (lease) {
        facts["lease_id"] = lease->id.str();
        facts["lease_end"] = format_time(lease->end);
        if (lease->deposit.in_cents() != 0) facts["deposit_cents"] = lease->deposit.in_cents();
    }
    if (days) {
        facts["deposit_return_days"] = *days;
        if (lease && lease->end != Timestamp{}) {
            facts["deposit_return_due_if_moving_out_at_lease_end"] = format_time(lease->end + hours(24 * *days));
        }
    }
    // The move-out date, the inspection and the deposit deadline (move_out.hpp), scheduled with
    // the notice.
    const auto tz = ops::org_timezone(tx, c.org);
    const auto plan = plan_move_out(c.now, lease ? std::optional(lease->end) : std::nullopt, property.state, tz);
    facts["move_out_at"] = format_time(plan.move_out_at);
    facts["move_out_date_basis"] = plan.basis;
    facts["inspection_at"] = format_time(plan.inspection_at);
    if (plan.deposit_due_at) facts["deposit_return_due"] = format_time(*plan.deposit_due_at);
    schedule_move_out(tx, c.s, c.org, plan, c.tenant.id, c.tenant.unit_id, c.msg.id.str());
    // Lease renewals (issue 17): a move-out notice declines the renewal (no offer goes out after it);
    // an accepted renewal stays for the person who reads the notice.
    if (lease && lease->renewal_status != RenewalStatus::kAccepted && lease->renewal_status != RenewalStatus::kDeclined) {
        auto l = *lease;
        l.renewal_status = RenewalStatus::kDeclined;
        l.renewal_decided_at = c.now;
        tx.put(c.org, l);
        facts["renewal_status"] = "declined";
    }
    tx.put(c.org, unit_note(c, "Move-out notice received by message " + c.msg.id.str()));
    AuditEvent a;
    a.at = c.now;
    a.actor = "tenant:" + c.tenant.id.str();
    a.action = "lease.move_out_notice";
    a.entity_kind = lease ? "lease" : "unit";
    a.entity_id = lease ? lease->id.str() : unit.id.str();
    a.correlation_id = c.msg.id.str();
    a.data = facts;
    a.data["message_id"] = c.msg.id.str();
    tx.append_audit(c.org, a);
    emit_event(tx, c.org, "lease.move_out_notice", c.msg.id.str(), facts, c.now);
    const auto e = escalate(tx, c, "move_out_notice", Severity::kMedium,
                            "Move-out notice from the tenant of unit " + unit.label + ": confirm the move-out date (" +
                                format_local_time(plan.move_out_at, tz, "%Y-%m-%d") +
                                (plan.basis == "lease_end" ? ", the lease end" : ", 30 days after the notice") +
                                ") and the inspection",
                            facts);
    const std::string deposit_en =
        days ? " In " + property.state + ", the deposit (or an itemized statement) is returned within " +
                   std::to_string(*days) + " days after you move out."
             : "";
    const std::string deposit_es =
        days ? " En " + property.state + ", el depósito (o un estado detallado) se devuelve dentro de " +
                   std::to_string(*days) + " días después de la mudanza."
             : "";
    const std::string when = format_local_time(plan.inspection_at, tz, "%Y-%m-%d %H:%M");
    reply(tx, c,
          "Thanks, we've recorded your move-out notice. We've set your move-out inspection for " + when +
              "; reply if another time suits you better, and our team will confirm your move-out date." +
              deposit_en,
          "Gracias, registramos su aviso de mudanza. Programamos su inspección de salida para el " + when +
              "; responda si le conviene otro horario, y nuestro equipo confirmará la fecha de mudanza." +
              deposit_es);
    audit(tx, c, "message.routed", {{"owner", "move_out"}, {"escalation_id", e.id.str()}});
    return {true, "recorded", e.id};
}

RouteOutcome payment(Transaction& tx, const Context& c) {
    std::optional<LedgerFacts> facts;
    std::string why_not = "no ledger configured";
    if (c.s.ledger) {
        try {
            facts = c.s.ledger(c.org, c.tenant);
            if (!facts) why_not = "the ledger has no facts for this tenant";
        } catch (const std::exception& e) {
            why_not = "the ledger lookup failed";
            detail::logger()->warn("ledger lookup for a tenant of {} failed: {}", c.org.str(), e.what());
        }
    }
    if (!facts) return hand_off(tx, c, "payment_question", "your payment", "su pago", {{"why", why_not}});
    const auto& f = *facts;
    std::string en = "According to our ledger as of " + day_of(f.as_of) + ", ";
    std::string es = "Según nuestro registro al " + day_of(f.as_of) + ", ";
    if (f.balance.in_cents() > 0) {
        en += "your balance is " + f.balance.to_string() + ".";
        es += "su saldo es de " + f.balance.to_string() + ".";
    } else if (f.balance.in_cents() < 0) {
        en += "you have a credit of " + Money::cents(-f.balance.in_cents()).to_string() + ".";
        es += "tiene un crédito de " + Money::cents(-f.balance.in_cents()).to_string() + ".";
    } else {
        en += "you have no balance due.";
        es += "no tiene saldo pendiente.";
    }
    if (f.next_due) {
        en += " Your next payment" + (f.next_amount ? " of " + f.next_amount->to_string() : std::string()) + " is due " +
              day_of(*f.next_due) + ".";
        es += " Su próximo pago" + (f.next_amount ? " de " + f.next_amount->to_string() : std::string()) + " vence el " +
              day_of(*f.next_due) + ".";
    }
    if (!f.payment_instructions.empty()) {
        en += " " + f.payment_instructions;
        es += " " + f.payment_instructions;
    }
    en += " For anything else about your account, reply and a person will follow up.";
    es += " Para cualquier otra consulta sobre su cuenta, responda y una persona le atenderá.";
    reply(tx, c, en, es);
    audit(tx, c, "message.routed",
          {{"owner", "payment"}, {"answered_from", "host_ledger"}, {"balance_cents", f.balance.in_cents()}});
    emit_event(tx, c.org, "payment.question_answered", c.msg.id.str(),
               Json{{"message_id", c.msg.id.str()}, {"tenant_id", c.tenant.id.str()}}, c.now);
    return {true, "answered", std::nullopt};
}

RouteOutcome neighbor(Transaction& tx, const Context& c) {
    const auto note = unit_note(c, "Neighbor report by message " + c.msg.id.str());
    tx.put(c.org, note);
    int reports = 0;
    for (const auto& n : tx.list<Note>(c.org, {.parent = c.tenant.unit_id.str()})) {
        if (n.author == note.author && n.at + kNeighborWindow >= c.now) ++reports;
    }
    emit_event(tx, c.org, "neighbor.report_recorded", c.msg.id.str(),
               Json{{"message_id", c.msg.id.str()}, {"unit_id", c.tenant.unit_id.str()}, {"reports_30d", reports}},
               c.now);
    std::optional<EscalationId> esc;
    if (reports >= kNeighborReportsBeforeEscalation) {
        esc = escalate(tx, c, "neighbor_dispute", Severity::kMedium,
                       std::to_string(reports) + " neighbor reports from unit " +
                           ops::unit_label(tx, c.org, c.tenant.unit_id) + " in 30 days",
                       {{"reports_30d", reports}})
                  .id;
    }
    reply(tx, c,
          "Thank you for letting us know; we've recorded your report. Our community rules ask residents to "
          "respect quiet hours and common areas, and we follow up on repeated reports. If you ever feel "
          "unsafe or are threatened, call 911.",
          "Gracias por avisarnos; registramos su reporte. Las normas de la comunidad piden respetar las "
          "horas de silencio y las áreas comunes, y damos seguimiento a los reportes repetidos. Si se siente "
          "en peligro o le amenazan, llame al 911.");
    audit(tx, c, "message.routed",
          {{"owner", "neighbor"}, {"reports_30d", reports}, {"escalation_id", esc ? esc->str() : ""}});
    return {true, esc ? "escalated" : "recorded", esc};
}

// A question: answered with the words of the organization's knowledge base when one article
// clearly answers it (quoted, with its source), else handed to a person.
RouteOutcome question(Transaction& tx, const Context& c) {
    const auto unit = tx.find<Unit>(c.org, c.tenant.unit_id.str());
    const std::optional<PropertyId> property = unit ? std::optional(unit->property_id) : std::nullopt;
    const std::string text = c.msg.subject.empty() ? c.msg.body : c.msg.subject + "\n" + c.msg.body;
    const auto match = answer_from_knowledge_base(tx, c.org, text, property);
    if (!match) {
        return hand_off(tx, c, "tenant_question", "your question", "su pregunta",
                        {{"why", "no knowledge-base article answers it"}});
    }
    const auto& a = match->article;
    const std::string from_en = a.source.empty() ? "our resident information (\"" + a.title + "\")"
                                                 : a.source + " (\"" + a.title + "\")";
    const std::string from_es = a.source.empty() ? "nuestra información para residentes (\"" + a.title + "\")"
                                                 : a.source + " (\"" + a.title + "\")";
    reply(tx, c,
          "From " + from_en + ": \"" + match->quote +
              "\" If that doesn't answer your question, reply and a person will follow up.",
          "Según " + from_es + ": \"" + match->quote +
              "\" Si esto no responde a su pregunta, responda y una persona le atenderá.");
    const Json facts{{"message_id", c.msg.id.str()},
                     {"tenant_id", c.tenant.id.str()},
                     {"knowledge_article_id", a.id.str()},
                     {"matched_terms", match->matched_terms},
                     {"score", std::round(match->score * 100) / 100}};
    audit(tx, c, "message.routed",
          {{"owner", "knowledge_base"}, {"knowledge_article_id", a.id.str()},
           {"matched_terms", match->matched_terms}, {"score", facts["score"]}});
    emit_event(tx, c.org, "question.answered", c.msg.id.str(), facts, c.now);
    return {true, "answered", std::nullopt};
}

RouteOutcome kept(Transaction& tx, const Context& c) {
    audit(tx, c, "message.kept", {{"replied", false}});
    emit_event(tx, c.org, "message.kept", c.msg.id.str(),
               Json{{"message_id", c.msg.id.str()}, {"tenant_id", c.tenant.id.str()},
                    {"reasons", c.intent.reasons}},
               c.now);
    return {true, "kept", std::nullopt};
}

bool open_work_order_in_thread(Transaction& tx, const Context& c) {
    const auto thread = tx.find<Thread>(c.org, c.msg.thread_id.str());
    if (!thread || !thread->work_order_id) return false;
    const auto wo = tx.find<WorkOrder>(c.org, thread->work_order_id->str());
    return wo && !is_terminal(wo->status);
}

}  // namespace

std::optional<int> deposit_return_days(const std::string& state) {
    if (state == "NY") return 14;
    if (state == "CA") return 21;
    if (state == "TX") return 30;
    return std::nullopt;
}

RouteOutcome route_tenant_request(const WorkflowServices& services, const OrgId& org, const Message& message,
                                  const Tenant& tenant, const IntentAssessment& intent) {
    if (intent.intent == Intent::kMaintenance) return {};
    return services.store.write_result([&](Transaction& tx) -> RouteOutcome {
        const Context c{services, org, message, tenant, intent, services.clock->now()};
        // In a conversation about an open repair, a question, a request for a person or an unclear
        // message is a follow-up of that repair.
        const bool weak = intent.intent == Intent::kQuestion || intent.intent == Intent::kHuman ||
                          intent.intent == Intent::kOther;
        if (weak && open_work_order_in_thread(tx, c)) return {};
        // The input rules of the maintenance line hold for every owner: a legal threat, harassment
        // or discrimination reaches a person at high severity, whatever else the message asks.
        const std::string text = message.subject.empty() ? message.body : message.subject + "\n" + message.body;
        if (const auto legal = EscalationEngine::legal_reasons(text); !legal.empty()) {
            escalate(tx, c, "legal_threat", Severity::kHigh, "Legal matter in a tenant message: a person must respond",
                     {{"reasons", legal}});
        }
        if (const auto harass = EscalationEngine::harassment_reasons(text); !harass.empty()) {
            escalate(tx, c, "harassment_discrimination", Severity::kHigh,
                     "Tenant message raises harassment or discrimination: a person must respond",
                     {{"reasons", harass}});
        }
        switch (intent.intent) {
            case Intent::kRenewal:
                return hand_off(tx, c, "renewal_request", "your lease renewal", "la renovación de su contrato");
            case Intent::kMoveIn:
                return hand_off(tx, c, "move_in_request", "your move-in", "su mudanza de entrada");
            case Intent::kMoveOut: return move_out(tx, c);
            case Intent::kPayment: return payment(tx, c);
            case Intent::kNeighbor: return neighbor(tx, c);
            case Intent::kQuestion: return question(tx, c);
            case Intent::kHuman:
                return hand_off(tx, c, "human_requested", "your request to talk to a person",
                                "su solicitud de hablar con una persona");
            case Intent::kOther: return kept(tx, c);
            case Intent::kMaintenance: break;
        }
        return RouteOutcome{};
    });
}

}  // namespace propos

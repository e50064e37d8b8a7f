// The lease-renewal unit (see renewal.hpp): the daily nudge, the tenant's replies and the host's
// decisions. The rules it applies are in renewal_rules.cpp.
#include "propos/workflows/renewal.hpp"

#include <algorithm>
#include <chrono>

#include "core/log.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"
#include "propos/workflows/knowledge.hpp"
#include "propos/workflows/move_out.hpp"

namespace propos {
namespace {

using std::chrono::hours;
constexpr auto kDay = hours(24);

int days_until(Timestamp now, Timestamp end) {
    return static_cast<int>(std::chrono::floor<std::chrono::days>(end - now).count());
}

// A text in the tenant's language: en, es, fr, ru, zh (English for the others).
struct Texts {
    std::string en, es, fr, ru, zh;
};
std::string in_language(const Tenant* t, const Texts& x) {
    const std::string lang = t ? t->language.substr(0, 2) : "en";
    if (lang == "es" && !x.es.empty()) return x.es;
    if (lang == "fr" && !x.fr.empty()) return x.fr;
    if (lang == "ru" && !x.ru.empty()) return x.ru;
    if (lang == "zh" && !x.zh.empty()) return x.zh;
    return x.en;
}

// The acknowledgement of a renewal message a person will answer.
Texts received_texts() {
    return {"Thanks, we received your message about your lease renewal. A member of our team will get back to you "
            "within one business day.",
            "Gracias, recibimos su mensaje sobre la renovación de su contrato. Alguien de nuestro equipo le "
            "responderá en un día hábil.",
            "Merci, nous avons bien reçu votre message sur le renouvellement de votre bail. Notre équipe vous "
            "répondra sous un jour ouvré.",
            "Спасибо, мы получили ваше сообщение о продлении аренды. Мы ответим в течение одного рабочего дня.",
            "谢谢，我们已收到您关于续租的消息。我们的团队会在一个工作日内回复您。"};
}

// The acknowledgement of a decline; `end` is the lease's last day.
Texts declined_texts(const std::string& end) {
    return {"Thanks for letting us know you will not renew. Your lease ends on " + end +
                "; we will confirm your move-out inspection.",
            "Gracias por avisarnos que no renovará. Su contrato termina el " + end +
                "; confirmaremos su inspección de salida.",
            "Merci de nous avoir prévenus que vous ne renouvelez pas. Votre bail se termine le " + end +
                " ; nous confirmerons l'état des lieux de sortie.",
            "Спасибо, что сообщили, что не будете продлевать аренду. Договор заканчивается " + end +
                "; мы подтвердим осмотр при выезде.",
            "感谢您告知不再续租。您的租约于" + end + "到期；我们会确认退房检查时间。"};
}

// One lease with what its renewal needs.
struct Prepared {
    Lease lease;
    Unit unit;
    Property property;
    std::optional<Tenant> tenant;
    std::string tz;
    RenewalTerms terms;
    RenewalSchedule schedule;
    int days_left = 0;
};

// True when a later lease of the same unit exists (this one was renewed or replaced).
bool superseded(Transaction& tx, const OrgId& org, const Lease& l) {
    for (const auto& other : tx.list<Lease>(org, {.parent = l.unit_id.str()})) {
        if (other.id != l.id && other.start > l.start) return true;
    }
    return false;
}

Prepared prepare(Transaction& tx, const OrgId& org, const Lease& l, Timestamp now, const RenewalOptions& o) {
    Prepared p;
    p.lease = l;
    p.unit = tx.get<Unit>(org, l.unit_id.str());
    p.property = tx.get<Property>(org, p.unit.property_id.str());
    if (!l.tenant_ids.empty()) p.tenant = tx.find<Tenant>(org, l.tenant_ids.front().str());
    p.tz = ops::org_timezone(tx, org);
    // The tenancy began with the earliest lease of this unit the first tenant is on (RPL 226-c).
    Timestamp tenancy_start = l.start;
    if (!l.tenant_ids.empty()) {
        for (const auto& other : tx.list<Lease>(org, {.parent = l.unit_id.str()})) {
            if (std::find(other.tenant_ids.begin(), other.tenant_ids.end(), l.tenant_ids.front()) !=
                other.tenant_ids.end()) {
                tenancy_start = std::min(tenancy_start, other.start);
            }
        }
    }
    p.terms = renewal_terms(l, p.property, now, o);
    if (l.renewal_rent.in_cents() != 0) {  // an offer made keeps its terms
        p.terms.offered_rent = l.renewal_rent;
        p.terms.term_months = l.renewal_term_months;
    }
    p.schedule = renewal_schedule(l, p.property, p.terms, tenancy_start, o);
    p.days_left = days_until(now, l.end);
    return p;
}

std::string day(Timestamp t, const std::string& tz) { return format_local_time(t, tz, "%Y-%m-%d"); }

// The dates of an offer made at `now`.
struct OfferDates {
    Timestamp reply_by{};
    Timestamp effective_at{};
    bool late = false;
};
OfferDates offer_dates(const Prepared& p, Timestamp now) {
    OfferDates d;
    const auto& s = p.schedule;
    d.late = p.days_left < s.minimum_notice_days;
    d.effective_at = p.lease.end;
    if (d.late) d.effective_at = std::max(p.lease.end, now + kDay * s.minimum_notice_days);
    // The tenant's time to answer; never after the lease end, except where a regulation gives the
    // tenant a fixed period (NYC rent-stabilized: 60 days).
    auto reply = now + kDay * s.reply_days;
    if (!s.earliest_days) reply = std::min(reply, p.lease.end - kDay);
    reply = std::max(reply, now + kDay);
    d.reply_by = local_day_time(reply, p.tz, 0, 23 * 60 + 59);
    return d;
}

// When a negotiation the tenant started at `started` must be decided: `days` later, but never after
// the notice minimum before the end (while that is still ahead) nor after the day before the end.
Timestamp negotiation_deadline(const Prepared& p, Timestamp started, int days) {
    auto by = started + kDay * days;
    const auto notice = p.lease.end - kDay * p.schedule.minimum_notice_days;
    if (p.schedule.minimum_notice_days > 0 && notice > started) by = std::min(by, notice);
    return std::max(started, std::min(by, p.lease.end - kDay));
}

RenewalOfferFacts facts_of(const Prepared& p, Timestamp reply_by, Timestamp effective_at, bool reminder) {
    RenewalOfferFacts f;
    f.tenant_name = p.tenant ? p.tenant->name : std::string("resident");
    if (const auto space = f.tenant_name.find(' '); space != std::string::npos) f.tenant_name.resize(space);
    f.unit_label = p.unit.label;
    f.lease_end = day(p.lease.end, p.tz);
    f.new_rent = p.terms.offered_rent.to_string();
    f.current_rent = p.lease.monthly_rent.to_string();
    f.term_months = p.terms.term_months;
    f.reply_by = day(reply_by, p.tz);
    f.effective_from = day(effective_at, p.tz);
    f.reminder = reminder;
    return f;
}

Json facts_json(const RenewalOfferFacts& f) {
    return Json{{"lease_end", f.lease_end},         {"new_rent", f.new_rent},   {"current_rent", f.current_rent},
                {"term_months", f.term_months},     {"reply_by", f.reply_by},   {"effective_from", f.effective_from},
                {"reminder", f.reminder}};
}

// The text of an offer: the model's when one is configured and its text states the facts
// unchanged, else the template. `writer` says which and why.
std::string write_offer(const std::shared_ptr<llm::LlmProvider>& provider, const RenewalOfferFacts& f,
                        const std::string& language, Json& writer) {
    const auto fallback = [&](const std::string& why) {
        writer = Json{{"by", "template"}, {"language", language}, {"why", why}};
        return renewal_offer_template(f, language);
    };
    if (!provider) return fallback("no model configured");
    if (provider->name() == "rules") return fallback("offline rules provider");
    llm::LlmRequest r;
    r.system.push_back({"You write lease-renewal offers from a property manager to a tenant. Write one short, "
                        "warm message (at most 90 words) in the language with code '" + language +
                            "'. State every fact exactly as given: amounts exactly as written (e.g. $2,575.00), "
                            "dates exactly as YYYY-MM-DD, the term in months. Mention no other amount or date. "
                            "Tell the tenant to reply ACCEPT to renew, NO if they will not renew, or with "
                            "questions. Reply with the message text only.",
                        false});
    r.messages.push_back(llm::ChatMessage::user(facts_json(f).dump() + "\nTenant first name: " + f.tenant_name +
                                                "\nUnit: " + f.unit_label));
    r.max_tokens = 400;
    r.metadata = Json{{"purpose", "renewal.offer"}};
    r.context = facts_json(f);
    try {
        const auto resp = provider->complete(r);
        if (resp.stop_reason != llm::StopReason::kEndTurn && resp.stop_reason != llm::StopReason::kStopSequence) {
            return fallback("the model stopped: " + std::string(llm::to_string(resp.stop_reason)));
        }
        std::string text = resp.text();
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (const auto problem = renewal_text_problem(text, f)) return fallback("model text refused: " + *problem);
        writer = Json{{"by", "model"}, {"provider", resp.provider}, {"model", resp.model}, {"language", language}};
        return text;
    } catch (const std::exception& e) {
        detail::logger()->warn("renewal offer text from the model failed: {}", e.what());
        return fallback(std::string("the model failed: ") + e.what());
    }
}

AuditEvent entry(const std::string& action, const Lease& l, Timestamp now, const std::string& actor,
                 const std::string& correlation, Json data) {
    data["lease_id"] = l.id.str();
    data["unit_id"] = l.unit_id.str();
    data["renewal_status"] = enum_name(l.renewal_status);
    if (!l.tenant_ids.empty()) data["tenant_id"] = l.tenant_ids.front().str();
    return AuditEvent::about(action, "lease", l.id.str(), now, actor, correlation, std::move(data));
}

void decide(Transaction& tx, const OrgId& org, const std::string& action, const Lease& l, Timestamp now,
            const std::string& actor, const std::string& correlation, Json data) {
    auto a = entry(action, l, now, actor, correlation, std::move(data));
    Json payload = a.data;
    record_decision(tx, org, std::move(a), std::move(payload));
}

Escalation escalate(Transaction& tx, const OrgId& org, const std::string& reason, Severity severity,
                    const std::string& summary, const Lease& l, Timestamp now, const std::string& correlation,
                    Json context = Json::object()) {
    context["lease_id"] = l.id.str();
    context["unit_id"] = l.unit_id.str();
    if (!l.tenant_ids.empty()) context["tenant_id"] = l.tenant_ids.front().str();
    return ops::raise(tx, org, reason, severity, summary, std::nullopt, std::move(context), now, correlation);
}

// A message to the lease's tenant on their channel; false when there is no way to reach them.
bool message_tenant(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Prepared& p,
                    const std::string& subject, const std::string& body, const std::string& correlation) {
    if (!p.tenant) return false;
    const auto& t = *p.tenant;
    OutboundSpec spec;
    const bool email = (t.preferred_channel == Channel::kEmail && !t.email.empty()) || t.phone.empty();
    spec.channel = email ? Channel::kEmail : Channel::kSms;
    spec.to = email ? t.email : t.phone;
    if (spec.to.empty()) return false;
    spec.subject = subject;
    spec.body = body;
    spec.tenant_id = t.id;
    spec.correlation_id = correlation;
    spec.topic = "renewal";
    queue_outbound(tx, s, org, spec);
    return true;
}

// A reply on the channel the tenant wrote from.
void reply(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Message& msg, const Tenant& t,
           const Texts& x) {
    OutboundSpec spec;
    spec.channel = msg.channel == Channel::kEmail ? Channel::kEmail : Channel::kSms;
    spec.to = msg.from;
    if (spec.channel == Channel::kEmail) {
        spec.subject = "Re: " + (msg.subject.empty() ? std::string("your lease renewal") : msg.subject);
    }
    spec.body = in_language(&t, x);
    spec.tenant_id = t.id;
    spec.thread_id = msg.thread_id;
    spec.correlation_id = msg.id.str();
    spec.topic = "renewal";
    queue_outbound(tx, s, org, spec);
}

// The tenant's current lease of their unit (latest start), if any.
std::optional<Lease> current_lease(Transaction& tx, const OrgId& org, const Tenant& t) {
    std::optional<Lease> best;
    for (const auto& l : tx.list<Lease>(org, {.parent = t.unit_id.str()})) {
        const bool theirs = l.tenant_ids.empty() ||
                            std::find(l.tenant_ids.begin(), l.tenant_ids.end(), t.id) != l.tenant_ids.end();
        if (theirs && (!best || l.start > best->start)) best = l;
    }
    return best;
}

bool pending(const Lease& l) {
    return l.renewal_status == RenewalStatus::kOffered || l.renewal_status == RenewalStatus::kNegotiating;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The unit's steps, shared by the nudge, the replies and the host calls. Each runs in the
// caller's transaction.
struct RenewalSteps {
    const WorkflowServices& s;
    const RenewalOptions& o;
    const OrgId& org;
    Timestamp now;

    // The offer (or a reminder of it), with `text` written before the transaction.
    void offer(Transaction& tx, Prepared& p, const OfferDates& d, const std::string& text, const Json& writer,
               const std::string& actor, const std::string& correlation) {
        auto& l = p.lease;
        const bool reminder = l.renewal_status == RenewalStatus::kOffered;
        if (!reminder) {
            l.renewal_status = RenewalStatus::kOffered;
            l.renewal_offered_at = now;
            l.renewal_rent = p.terms.offered_rent;
            l.renewal_term_months = p.terms.term_months;
            l.renewal_reply_by = d.reply_by;
            l.renewal_effective_at = d.effective_at;
            l.renewal_negotiation_by.reset();  // a new offer: any earlier negotiation is over
        }
        l.renewal_notices.push_back(now);
        tx.put(org, l);
        const bool sent = message_tenant(tx, s, org, p, "Your lease renewal", text, correlation);
        Json data = facts_json(facts_of(p, *l.renewal_reply_by, *l.renewal_effective_at, reminder));
        data["sent"] = sent;
        data["writer"] = writer;
        data["jurisdiction"] = p.schedule.jurisdiction;
        data["rule"] = p.schedule.rule;
        data["minimum_notice_days"] = p.schedule.minimum_notice_days;
        data["days_before_end"] = p.days_left;
        data["increase_percent"] = p.terms.increase_percent;
        if (p.terms.cap_percent) {
            data["cap_percent"] = *p.terms.cap_percent;
            data["cap_rule"] = p.terms.cap_rule;
        }
        data["late"] = d.late;
        decide(tx, org, reminder ? "renewal.reminded" : "renewal.offered", l, now, actor, correlation, data);
        const std::string label = p.unit.label;
        if (!sent) {
            escalate(tx, org, "renewal_offer_undelivered", Severity::kMedium,
                     "The renewal offer for unit " + label + " could not be sent: the tenant has no phone or email "
                     "on record. Deliver it by hand.",
                     l, now, correlation, data);
        }
        if (!reminder && d.late) {
            escalate(tx, org, "renewal_notice_late", Severity::kMedium,
                     "Renewal offer for unit " + label + " went out " + std::to_string(p.days_left) +
                         " days before the lease end, under the " + std::to_string(p.schedule.minimum_notice_days) +
                         "-day minimum of " + p.schedule.rule + ": the tenancy continues on current terms until " +
                         day(d.effective_at, p.tz),
                     l, now, correlation, data);
        }
    }

    void no_answer(Transaction& tx, Prepared& p, const std::string& correlation) {
        auto& l = p.lease;
        l.renewal_status = RenewalStatus::kNoAnswer;
        tx.put(org, l);
        const auto e = escalate(tx, org, "renewal_no_answer", Severity::kMedium,
                                "No answer to the renewal offer for unit " + p.unit.label + " by " +
                                    day(*l.renewal_reply_by, p.tz) + " (lease ends " + day(l.end, p.tz) +
                                    "): call the tenant",
                                l, now, correlation);
        decide(tx, org, "renewal.no_answer", l, now, "system", correlation,
               Json{{"reply_by", format_time(*l.renewal_reply_by)}, {"escalation_id", e.id.str()}});
    }

    // A negotiation nobody decided by its deadline: a person is told again, at high severity.
    void undecided(Transaction& tx, Prepared& p, Timestamp by, const std::string& correlation) {
        const auto& l = p.lease;
        const std::string notice = p.schedule.minimum_notice_days > 0
                                       ? "; " + p.schedule.rule + " needs " +
                                             std::to_string(p.schedule.minimum_notice_days) +
                                             " days' notice of new terms before the end"
                                       : "";
        const auto e = escalate(tx, org, "renewal_negotiation_undecided", Severity::kHigh,
                                "The renewal negotiation for unit " + p.unit.label + " is still undecided after its " +
                                    "deadline " + day(by, p.tz) + " (offer " + l.renewal_rent.to_string() +
                                    ", lease ends " + day(l.end, p.tz) + notice +
                                    "): decide the terms and record the decision",
                                l, now, correlation, Json{{"negotiation_by", format_time(by)}});
        decide(tx, org, "renewal.negotiation_undecided", l, now, "system", correlation,
               Json{{"negotiation_by", format_time(by)}, {"escalation_id", e.id.str()}});
    }

    // A decision: the status and when it was taken, stored.
    void settle(Transaction& tx, Lease& l, RenewalStatus status) {
        l.renewal_status = status;
        l.renewal_decided_at = now;
        tx.put(org, l);
    }

    void accepted(Transaction& tx, Prepared& p, const std::string& actor, const std::string& correlation,
                  Json data) {
        auto& l = p.lease;
        settle(tx, l, RenewalStatus::kAccepted);
        const bool stabilized = p.schedule.earliest_days.has_value();
        const int days = stabilized ? 30 : o.countersign_days;
        const auto e = escalate(tx, org, "renewal_countersign", Severity::kMedium,
                                "Renewal accepted for unit " + p.unit.label + " (" + l.renewal_rent.to_string() + ", " +
                                    std::to_string(l.renewal_term_months) + " months): countersign and return the lease by " +
                                    day(now + kDay * days, p.tz) +
                                    (stabilized ? " (9 NYCRR 2523.5: within 30 days) [R52]" : ""),
                                l, now, correlation);
        data["escalation_id"] = e.id.str();
        data["countersign_by"] = format_time(now + kDay * days);
        decide(tx, org, "renewal.accepted", l, now, actor, correlation, data);
    }

    void declined(Transaction& tx, Prepared& p, const std::string& actor, const std::string& correlation,
                  Json data) {
        auto& l = p.lease;
        settle(tx, l, RenewalStatus::kDeclined);
        const auto plan = plan_move_out(now, l.end, p.property.state, p.tz);
        if (p.tenant) schedule_move_out(tx, s, org, plan, p.tenant->id, l.unit_id, correlation);
        data["move_out_at"] = format_time(plan.move_out_at);
        data["inspection_at"] = format_time(plan.inspection_at);
        if (plan.deposit_due_at) data["deposit_return_due"] = format_time(*plan.deposit_due_at);
        const auto e = escalate(tx, org, "renewal_declined", Severity::kMedium,
                                "The tenant of unit " + p.unit.label + " will not renew: confirm the move-out on " +
                                    day(plan.move_out_at, p.tz) + " and the inspection; list the unit",
                                l, now, correlation, data);
        data["escalation_id"] = e.id.str();
        decide(tx, org, "renewal.declined", l, now, actor, correlation, data);
    }
};

RenewalWorkflow::RenewalWorkflow(const WorkflowServices& services, std::shared_ptr<llm::LlmProvider> provider,
                                 RenewalOptions options)
    : services_(services), provider_(std::move(provider)), options_(std::move(options)) {
    // Fails early on bad offsets (the schedule throws naming the option).
    renewal_schedule(Lease{}, Property{}, RenewalTerms{}, Timestamp{}, options_);
    if (options_.negotiation_days <= 0) {
        throw Error(ErrorCode::kInvalidArgument, "RenewalOptions::negotiation_days must be positive (got " +
                                                     std::to_string(options_.negotiation_days) + ")");
    }
}

void RenewalWorkflow::handle(const Job& job) {
    if (job.type != job_types::kRenewalNudge) {
        throw Error(ErrorCode::kInvalidArgument, "renewal unit got a job of type " + job.type);
    }
    const auto& s = services_;
    const auto& org = job.org_id;
    const auto now = s.clock->now();
    const auto leases = s.store.read_result([&](Transaction& tx) { return tx.list<Lease>(org); });
    for (const auto& listed : leases) {
        if (listed.end <= now) continue;
        if (listed.renewal_status != RenewalStatus::kNone && listed.renewal_status != RenewalStatus::kOffered &&
            listed.renewal_status != RenewalStatus::kNegotiating) {
            continue;
        }
        // What is due for this lease, read first; the text is written outside the transaction.
        enum class Due { kNothing, kOffer, kReminder, kNoAnswer, kUndecided } due = Due::kNothing;
        Prepared p;
        OfferDates dates;
        Timestamp negotiation_by{};
        s.store.read([&](Transaction& tx) {
            if (superseded(tx, org, listed)) return;
            p = prepare(tx, org, listed, now, options_);
            if (listed.renewal_status == RenewalStatus::kNegotiating) {
                // Past its deadline and not escalated since the offer (a lease stored before
                // deadlines existed counts from the negotiation's first audit entry).
                bool escalated = false;
                std::optional<Timestamp> started;
                for (const auto& a : tx.list_audit_for(org, "lease", listed.id.str())) {
                    if (a.action == "renewal.offered") {
                        escalated = false;
                        started.reset();
                    } else if (a.action == "renewal.negotiating" && !started) {
                        started = a.at;
                    } else if (a.action == "renewal.negotiation_undecided") {
                        escalated = true;
                    }
                }
                auto by = listed.renewal_negotiation_by;
                if (!by && started) by = negotiation_deadline(p, *started, options_.negotiation_days);
                if (!escalated && by && now >= *by) {
                    due = Due::kUndecided;
                    negotiation_by = *by;
                }
                return;
            }
            if (listed.renewal_status == RenewalStatus::kNone) {
                if (p.days_left <= p.schedule.offer_days) {
                    due = Due::kOffer;
                    dates = offer_dates(p, now);
                }
                return;
            }
            if (listed.renewal_reply_by && now >= *listed.renewal_reply_by) {
                due = Due::kNoAnswer;
                return;
            }
            for (int d : p.schedule.reminder_days) {
                // Reminded when a notice went out once `d` days or fewer were left.
                const auto from = listed.end - kDay * (d + 1);
                const bool reminded = std::any_of(listed.renewal_notices.begin(), listed.renewal_notices.end(),
                                                  [&](Timestamp t) { return t > from; });
                if (p.days_left <= d && !reminded) {
                    due = Due::kReminder;
                    dates.reply_by = *listed.renewal_reply_by;
                    dates.effective_at = listed.renewal_effective_at.value_or(listed.end);
                    return;
                }
            }
        });
        if (due == Due::kNothing) continue;
        std::string text;
        Json writer;
        if (due == Due::kOffer || due == Due::kReminder) {
            const auto f = facts_of(p, dates.reply_by, dates.effective_at, due == Due::kReminder);
            text = write_offer(provider_, f, p.tenant ? p.tenant->language : "en", writer);
        }
        s.store.write([&](Transaction& tx) {
            const auto fresh = tx.find<Lease>(org, listed.id.str());
            if (!fresh || !(*fresh == listed)) return;  // changed since it was read: the next nudge decides
            RenewalSteps steps{s, options_, org, now};
            const std::string correlation = "renewal:" + listed.id.str();
            if (due == Due::kNoAnswer) steps.no_answer(tx, p, correlation);
            else if (due == Due::kUndecided) steps.undecided(tx, p, negotiation_by, correlation);
            else steps.offer(tx, p, dates, text, writer, "system", correlation);
        });
    }
}

bool RenewalWorkflow::take_tenant_message(const OrgId& org, const Message& msg, const Tenant& tenant,
                                          const IntentAssessment& intent) {
    if (intent.intent == Intent::kMaintenance) return false;
    const auto& s = services_;
    const std::string text = msg.subject.empty() ? msg.body : msg.subject + "\n" + msg.body;
    const auto reading = read_renewal_reply(text);
    const auto now = s.clock->now();
    // A bare "yes" / "no" answers the last message sent to the tenant: it accepts or declines the
    // offer only when that message was the renewal's (not a repair check, a notice, a reminder).
    std::optional<Message> last;
    auto lease = s.store.read_result([&](Transaction& tx) {
        last = ops::last_sent_to_tenant(tx, org, tenant.id, msg.at, msg.id);
        return current_lease(tx, org, tenant);
    });
    const bool has_offer = lease && pending(*lease) && lease->end > now;
    if (has_offer) {
        const bool answer = reading.kind == RenewalReplyKind::kAccept || reading.kind == RenewalReplyKind::kDecline ||
                            reading.kind == RenewalReplyKind::kNegotiate;
        const bool about = intent.intent == Intent::kRenewal || intent.intent == Intent::kMoveOut ||
                           reading.about_renewal;
        if (!answer && !about) return false;  // another subject: its owner answers it
        // (Offers sent before messages carried their topic are known by their subject.)
        const bool after_offer = last && (last->topic == "renewal" ||
                                          (last->topic.empty() && last->subject.find("lease renewal") != std::string::npos));
        const bool named = intent.intent == Intent::kRenewal || intent.intent == Intent::kMoveOut || reading.names_renewal;
        if (!named && !after_offer) return false;  // an answer to something else
    } else if (intent.intent != Intent::kRenewal) {
        return false;
    }
    // A renewal request with no offer yet, close enough to the end: the offer goes out now (its
    // text written before the transaction).
    std::string offer_text;
    Json writer;
    std::optional<Prepared> to_offer;
    OfferDates dates;
    if (!has_offer && lease && lease->renewal_status == RenewalStatus::kNone && lease->end > now &&
        reading.kind != RenewalReplyKind::kDecline && days_until(now, lease->end) <= options_.early_request_days) {
        s.store.read([&](Transaction& tx) {
            if (superseded(tx, org, *lease)) return;
            to_offer = prepare(tx, org, *lease, now, options_);
        });
        if (to_offer) {
            dates = offer_dates(*to_offer, now);
            offer_text = write_offer(provider_, facts_of(*to_offer, dates.reply_by, dates.effective_at, false),
                                     tenant.language, writer);
        }
    }
    s.store.write([&](Transaction& tx) {
        RenewalSteps steps{s, options_, org, now};
        const std::string correlation = msg.id.str();
        Json data{{"message_id", msg.id.str()},
                  {"reading", to_string(reading.kind)},
                  {"reasons", reading.reasons},
                  {"intent", enum_name(intent.intent)}};
        // The input rules of every tenant line: a legal threat, harassment or discrimination reaches
        // a person at high severity.
        const auto fresh = lease ? tx.find<Lease>(org, lease->id.str()) : std::nullopt;
        if (const auto legal = EscalationEngine::legal_reasons(text); !legal.empty() && fresh) {
            escalate(tx, org, "legal_threat", Severity::kHigh, "Legal matter in a tenant message: a person must respond",
                     *fresh, now, correlation, Json{{"reasons", legal}, {"message_id", msg.id.str()}});
        }
        if (const auto harass = EscalationEngine::harassment_reasons(text); !harass.empty() && fresh) {
            escalate(tx, org, "harassment_discrimination", Severity::kHigh,
                     "Tenant message raises harassment or discrimination: a person must respond", *fresh, now,
                     correlation, Json{{"reasons", harass}, {"message_id", msg.id.str()}});
        }
        if (!fresh) {
            // No lease on record: a person answers.
            const auto e = ops::raise(tx, org, "renewal_request", Severity::kMedium,
                                      "A tenant asks about renewing but has no lease on record: read it and reply",
                                      std::nullopt,
                                      Json{{"message_id", msg.id.str()}, {"tenant_id", tenant.id.str()},
                                           {"unit_id", tenant.unit_id.str()}},
                                      now, correlation);
            reply(tx, s, org, msg, tenant,
                  received_texts());
            AuditEvent a;
            a.at = now;
            a.actor = "system";
            a.action = "renewal.request";
            a.entity_kind = "message";
            a.entity_id = msg.id.str();
            a.correlation_id = correlation;
            a.data = data;
            a.data["escalation_id"] = e.id.str();
            propos::record_decision(tx, org, std::move(a), data);
            return;
        }
        Prepared p = prepare(tx, org, *fresh, now, options_);
        const std::string label = p.unit.label;
        const std::string actor = "tenant:" + tenant.id.str();
        if (!pending(*fresh)) {
            if (to_offer && *fresh == to_offer->lease) {
                steps.offer(tx, p, dates, offer_text, writer, actor, correlation);
                return;
            }
            if (reading.kind == RenewalReplyKind::kDecline &&
                (fresh->renewal_status == RenewalStatus::kNone || fresh->renewal_status == RenewalStatus::kNoAnswer)) {
                steps.declined(tx, p, actor, correlation, data);
                reply(tx, s, org, msg, tenant,
                      declined_texts(day(fresh->end, p.tz)));
                return;
            }
            // Too early for an offer, or already decided: a person answers.
            const auto e = escalate(tx, org, "renewal_request", Severity::kMedium,
                                    "The tenant of unit " + label + " writes about renewing (renewal " +
                                        std::string(enum_name(fresh->renewal_status)) + ", lease ends " +
                                        day(fresh->end, p.tz) + "): read it and reply",
                                    *fresh, now, correlation, data);
            data["escalation_id"] = e.id.str();
            const int offer_in = p.days_left - p.schedule.offer_days;
            const std::string when = day(fresh->end - kDay * p.schedule.offer_days, p.tz);
            if (fresh->renewal_status == RenewalStatus::kNone && offer_in > 0) {
                reply(tx, s, org, msg, tenant,
                      {"Thanks for your message about renewing. Your renewal offer will be sent by " + when +
                           "; a member of our team will also get back to you.",
                       "Gracias por su mensaje sobre la renovación. Le enviaremos su oferta de renovación a más tardar "
                       "el " + when + "; alguien de nuestro equipo también le responderá.",
                       "Merci pour votre message sur le renouvellement. Votre offre vous sera envoyée au plus tard le " +
                           when + " ; notre équipe vous répondra aussi.",
                       "Спасибо за сообщение о продлении. Предложение о продлении будет отправлено не позднее " + when +
                           "; наш сотрудник также свяжется с вами.",
                       "感谢您关于续租的消息。续租报价将于" + when + "之前发送；我们的团队也会回复您。"});
            } else {
                reply(tx, s, org, msg, tenant,
                      received_texts());
            }
            decide(tx, org, "renewal.request", *fresh, now, actor, correlation, data);
            return;
        }
        // A reply to the pending offer.
        const std::string rent = fresh->renewal_rent.to_string();
        const std::string end = day(fresh->end, p.tz);
        switch (reading.kind) {
            case RenewalReplyKind::kAccept:
                steps.accepted(tx, p, actor, correlation, data);
                reply(tx, s, org, msg, tenant,
                      {"Thank you! We've recorded your renewal: " + std::to_string(fresh->renewal_term_months) +
                           " months at " + rent + " from " + end + ". We'll send the lease for signature shortly.",
                       "¡Gracias! Registramos su renovación: " + std::to_string(fresh->renewal_term_months) +
                           " meses a " + rent + " desde el " + end + ". Pronto le enviaremos el contrato para firmar.",
                       "Merci ! Nous avons enregistré votre renouvellement : " +
                           std::to_string(fresh->renewal_term_months) + " mois à " + rent + " à partir du " + end +
                           ". Nous vous enverrons le bail à signer prochainement.",
                       "Спасибо! Мы записали продление: " + std::to_string(fresh->renewal_term_months) + " мес. по " +
                           rent + " с " + end + ". Скоро пришлём договор на подпись.",
                       "谢谢！我们已记录您的续租：" + std::to_string(fresh->renewal_term_months) + "个月，月租" + rent +
                           "，自" + end + "起。我们会尽快发送租约供您签署。"});
                return;
            case RenewalReplyKind::kDecline:
                steps.declined(tx, p, actor, correlation, data);
                reply(tx, s, org, msg, tenant,
                      declined_texts(end));
                return;
            case RenewalReplyKind::kNegotiate: {
                auto l = *fresh;
                l.renewal_status = RenewalStatus::kNegotiating;
                // The first request sets the deadline; a second one does not move it.
                if (!l.renewal_negotiation_by) {
                    l.renewal_negotiation_by = negotiation_deadline(p, now, options_.negotiation_days);
                }
                tx.put(org, l);
                const auto by = day(*l.renewal_negotiation_by, p.tz);
                data["negotiation_by"] = format_time(*l.renewal_negotiation_by);
                const auto e = escalate(tx, org, "renewal_negotiation", Severity::kMedium,
                                        "The tenant of unit " + label + " asks for other renewal terms (offer " + rent +
                                            "): negotiate and record the decision by " + by,
                                        l, now, correlation, data);
                data["escalation_id"] = e.id.str();
                decide(tx, org, "renewal.negotiating", l, now, actor, correlation, data);
                reply(tx, s, org, msg, tenant,
                      {"Thanks, we've passed your request about the renewal terms to our team; a person will get back "
                       "to you shortly.",
                       "Gracias, pasamos su solicitud sobre las condiciones de renovación a nuestro equipo; una persona "
                       "le responderá pronto.",
                       "Merci, nous avons transmis votre demande sur les conditions du renouvellement à notre équipe ; "
                       "une personne vous répondra bientôt.",
                       "Спасибо, мы передали ваш запрос об условиях продления нашей команде; сотрудник скоро ответит.",
                       "谢谢，我们已将您关于续租条件的请求转交给团队，工作人员会尽快回复您。"});
                return;
            }
            case RenewalReplyKind::kQuestion: {
                const auto match = answer_from_knowledge_base(tx, org, text, p.property.id);
                if (match) {
                    const auto& a = match->article;
                    data["knowledge_article_id"] = a.id.str();
                    data["matched_terms"] = match->matched_terms;
                    decide(tx, org, "renewal.question", *fresh, now, actor, correlation, data);
                    reply(tx, s, org, msg, tenant,
                          {"From " + (a.source.empty() ? std::string("our resident information") : a.source) + " (\"" +
                               a.title + "\"): \"" + match->quote + "\" Your renewal offer stands: " + rent +
                               "; please reply ACCEPT or NO by " + day(*fresh->renewal_reply_by, p.tz) + ".",
                           "Según " + (a.source.empty() ? std::string("nuestra información para residentes") : a.source) +
                               " (\"" + a.title + "\"): \"" + match->quote + "\" Su oferta de renovación sigue en pie: " +
                               rent + "; responda ACEPTO o NO antes del " + day(*fresh->renewal_reply_by, p.tz) + "."});
                    return;
                }
                const auto e = escalate(tx, org, "renewal_question", Severity::kMedium,
                                        "The tenant of unit " + label + " has a question about the renewal offer: answer it",
                                        *fresh, now, correlation, data);
                data["escalation_id"] = e.id.str();
                decide(tx, org, "renewal.question", *fresh, now, actor, correlation, data);
                break;
            }
            case RenewalReplyKind::kUnclear: {
                const auto e = escalate(tx, org, "renewal_reply_unclear", Severity::kMedium,
                                        "The reply of the tenant of unit " + label +
                                            " to the renewal offer is unclear: read it and record the decision",
                                        *fresh, now, correlation, data);
                data["escalation_id"] = e.id.str();
                decide(tx, org, "renewal.reply_unclear", *fresh, now, actor, correlation, data);
                break;
            }
        }
        reply(tx, s, org, msg, tenant,
              {"Thanks, we received your message about your renewal offer. A member of our team will get back to you "
               "within one business day.",
               "Gracias, recibimos su mensaje sobre su oferta de renovación. Alguien de nuestro equipo le responderá en "
               "un día hábil.",
               "Merci, nous avons bien reçu votre message sur votre offre de renouvellement. Notre équipe vous répondra "
               "sous un jour ouvré.",
               "Спасибо, мы получили ваше сообщение о предложении продления. Мы ответим в течение одного рабочего дня.",
               "谢谢，我们已收到您关于续租报价的消息。我们的团队会在一个工作日内回复您。"});
    });
    return true;
}

Lease RenewalWorkflow::offer_now(const OrgId& org, const LeaseId& id, const std::string& by) {
    const auto& s = services_;
    const auto now = s.clock->now();
    Prepared p;
    s.store.read([&](Transaction& tx) {
        const auto l = tx.find<Lease>(org, id.str());
        if (!l) throw Error(ErrorCode::kNotFound, "lease " + id.str() + " not found in " + org.str());
        if (l->end <= now) {
            throw Error(ErrorCode::kFailedPrecondition, "lease " + id.str() + " ended on " + format_time(l->end));
        }
        if (l->renewal_status != RenewalStatus::kNone && l->renewal_status != RenewalStatus::kNoAnswer) {
            throw Error(ErrorCode::kFailedPrecondition, "lease " + id.str() + " renewal is already " +
                                                            std::string(enum_name(l->renewal_status)));
        }
        p = prepare(tx, org, *l, now, options_);
    });
    // A new offer after no answer starts over.
    p.lease.renewal_status = RenewalStatus::kNone;
    p.terms = renewal_terms(p.lease, p.property, now, options_);
    const auto dates = offer_dates(p, now);
    Json writer;
    const auto text = write_offer(provider_, facts_of(p, dates.reply_by, dates.effective_at, false),
                                  p.tenant ? p.tenant->language : "en", writer);
    return s.store.write_result([&](Transaction& tx) {
        RenewalSteps steps{s, options_, org, now};
        steps.offer(tx, p, dates, text, writer, by.empty() ? "host" : by, "renewal:" + id.str());
        return p.lease;
    });
}

Lease RenewalWorkflow::record_decision(const OrgId& org, const LeaseId& id, RenewalDecision decision,
                                       const std::string& by, const std::string& note) {
    const auto& s = services_;
    const auto now = s.clock->now();
    return s.store.write_result([&](Transaction& tx) {
        const auto l = tx.find<Lease>(org, id.str());
        if (!l) throw Error(ErrorCode::kNotFound, "lease " + id.str() + " not found in " + org.str());
        if (l->renewal_status == RenewalStatus::kAccepted || l->renewal_status == RenewalStatus::kDeclined) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "lease " + id.str() + " renewal is already " + std::string(enum_name(l->renewal_status)));
        }
        Prepared p = prepare(tx, org, *l, now, options_);
        if (p.lease.renewal_rent.in_cents() == 0) {  // decided without an offer: the terms it would have had
            p.lease.renewal_rent = p.terms.offered_rent;
            p.lease.renewal_term_months = p.terms.term_months;
        }
        RenewalSteps steps{s, options_, org, now};
        const std::string actor = by.empty() ? "host" : by;
        Json data{{"recorded_by", actor}, {"note", note}};
        if (decision == RenewalDecision::kAccepted) steps.accepted(tx, p, actor, "renewal:" + id.str(), data);
        else steps.declined(tx, p, actor, "renewal:" + id.str(), data);
        return p.lease;
    });
}

}  // namespace propos

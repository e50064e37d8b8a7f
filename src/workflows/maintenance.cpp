// Deterministic handlers of the maintenance jobs: inbound routing, vendor replies, timers,
// confirmations, stalled work, approvals.
#include "propos/workflows/maintenance.hpp"

#include "propos/workflows/intent.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "core/log.hpp"
#include "core/strings.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/channels/contact.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/availability.hpp"
#include "propos/workflows/invoice.hpp"

namespace propos {
namespace {
using namespace std::chrono;

std::string upper_words(const std::string& text) {
    std::string out;
    for (unsigned char c : text) out += static_cast<char>(std::toupper(c));
    return out;
}

std::string first_word(const std::string& upper) {
    size_t i = 0;
    while (i < upper.size() && !std::isalnum(static_cast<unsigned char>(upper[i]))) ++i;
    size_t j = i;
    while (j < upper.size() && std::isalnum(static_cast<unsigned char>(upper[j]))) ++j;
    return upper.substr(i, j - i);
}

bool any_of_words(const std::string& upper, std::initializer_list<const char*> words) {
    std::string padded = " ";
    for (unsigned char c : upper) padded += std::isalnum(c) || c >= 0x80 ? static_cast<char>(c) : ' ';
    padded += ' ';
    for (const char* w : words) {
        if (padded.find(" " + std::string(w) + " ") != std::string::npos) return true;
    }
    return false;
}

// A tenant's answer to "is it fixed?": yes, no, or neither (a new topic, a question...).
enum class Answer { kYes, kNo, kUnclear };

bool contains_any(const std::string& text, std::initializer_list<const char*> parts) {
    return std::any_of(parts.begin(), parts.end(), [&](const char* p) { return text.find(p) != std::string::npos; });
}

Answer classify_answer(const std::string& text) {
    // Chinese has no spaces between words: look for the characters themselves.
    if (contains_any(text, {"没有", "沒有", "还是", "還是", "不行", "没修好", "坏"})) return Answer::kNo;
    if (contains_any(text, {"修好", "好了", "谢谢", "謝謝", "可以了"})) return Answer::kYes;
    const auto upper = upper_words(text);
    // Negative words first: "not fixed", "still leaking", "no, it didn't work".
    if (any_of_words(upper, {"NOT FIXED", "NOT WORKING", "STILL", "DIDNT", "DOESNT", "NOT", "NO", "NOPE",
                             "AGAIN", "SIGUE", "TODAVIA", "TODAVÍA", "NON", "PAS", "НЕТ", "Нет", "нет",
                             "不", "没有", "还是"})) {
        return Answer::kNo;
    }
    if (any_of_words(upper, {"FIXED", "YES", "YEP", "YEAH", "WORKS", "WORKING", "SOLVED", "GOOD", "THANKS",
                             "THANK", "OK", "OKAY", "GREAT", "SI", "SÍ", "ARREGLADO", "FUNCIONA", "GRACIAS",
                             "RESOLVED", "PERFECT", "ALL GOOD", "OUI", "MERCI", "ДА", "Да", "да", "СПАСИБО",
                             "Спасибо", "спасибо"})) {
        return Answer::kYes;
    }
    return Answer::kUnclear;
}

std::optional<Timestamp> find_time(const std::string& text) {
    // Any ISO-8601 timestamp in the text ("YES 2026-01-06T10:00" or with Z / offset).
    for (size_t i = 0; i + 16 <= text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || text[i + 4] != '-' || text[i + 10] != 'T') continue;
        size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        std::string token = text.substr(i, j - i);
        if (token.back() == '.' || token.back() == ',') token.pop_back();
        if (token.find('Z') == std::string::npos && token.find('+') == std::string::npos &&
            token.size() <= 19) {
            token += "Z";
        }
        try {
            return parse_time(token);
        } catch (const Error&) {
        }
    }
    return std::nullopt;
}

std::optional<Money> find_amount(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
        size_t j = i;
        while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.' ||
                                   text[j] == ',')) {
            ++j;
        }
        std::string token = text.substr(i, j - i);
        while (!token.empty() && (token.back() == '.' || token.back() == ',')) token.pop_back();
        try {
            return Money::parse(token);
        } catch (const Error&) {
        }
        i = j;
    }
    return std::nullopt;
}

std::string wo_ref(const std::string& text) {
    const auto p = text.find("wo_");
    if (p == std::string::npos) return {};
    size_t j = p;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    return text.substr(p, j - p);
}

// What a vendor's reply asks for, from its first word. Anything else is free text: a note for a
// person, never an instruction.
enum class VendorReply { kBid, kAccept, kDecline, kArrived, kDone, kNote };

VendorReply vendor_reply_kind(const std::string& word, const std::string& upper) {
    static const std::set<std::string> kAccept = {"YES", "Y", "ACCEPT", "ACCEPTED", "CONFIRM", "OK"};
    static const std::set<std::string> kDecline = {"NO", "N", "DECLINE", "DECLINED"};
    static const std::set<std::string> kArrived = {"ARRIVED", "ONSITE", "STARTED"};
    static const std::set<std::string> kDone = {"DONE", "COMPLETE", "COMPLETED", "FINISHED", "FIXED"};
    if (word == "BID") return VendorReply::kBid;
    if (kAccept.count(word)) return VendorReply::kAccept;
    if (kDecline.count(word)) return VendorReply::kDecline;
    if (kArrived.count(word) || upper.rfind("ON SITE", 0) == 0) return VendorReply::kArrived;
    if (kDone.count(word)) return VendorReply::kDone;
    return VendorReply::kNote;
}

// The states a reply may act on: accept only a dispatched job; decline or arrive on a dispatched or
// scheduled one; done only on an accepted (scheduled) or in-progress one. A note may be about any
// open job.
std::vector<WorkOrderStatus> eligible_states(VendorReply kind) {
    using S = WorkOrderStatus;
    switch (kind) {
        case VendorReply::kAccept: return {S::kDispatched};
        case VendorReply::kDecline:
        case VendorReply::kArrived: return {S::kDispatched, S::kScheduled};
        case VendorReply::kDone: return {S::kScheduled, S::kInProgress};
        case VendorReply::kBid: return {S::kAwaitingBids};
        case VendorReply::kNote: break;
    }
    return {S::kDispatched, S::kScheduled, S::kInProgress};
}

const char* reply_verb(VendorReply kind) {
    switch (kind) {
        case VendorReply::kAccept: return "YES (accept)";
        case VendorReply::kDecline: return "NO (decline)";
        case VendorReply::kArrived: return "ARRIVED";
        case VendorReply::kDone: return "DONE";
        case VendorReply::kBid: return "BID";
        case VendorReply::kNote: break;
    }
    return "your message";
}

// The vendor's open jobs (dispatched, scheduled or in progress), oldest first.
std::vector<WorkOrder> open_jobs_of(Transaction& tx, const OrgId& org, const VendorId& vendor) {
    std::vector<WorkOrder> out;
    for (const char* status : {"dispatched", "scheduled", "in_progress"}) {
        for (auto& wo : tx.list<WorkOrder>(org, {.status = status})) {
            if (wo.vendor_id == vendor) out.push_back(std::move(wo));
        }
    }
    std::sort(out.begin(), out.end(), [](const WorkOrder& a, const WorkOrder& b) { return a.created_at < b.created_at; });
    return out;
}

// "wo_1 (leaking faucet, dispatched), wo_2 (...)" for a message to the vendor.
std::string job_list(const std::vector<WorkOrder>& jobs) {
    std::string out;
    for (const auto& wo : jobs) {
        if (!out.empty()) out += ", ";
        out += wo.id.str() + " (" + wo.title + ", " + std::string(enum_name(wo.status)) + ")";
    }
    return out;
}

bool in_states(const WorkOrder& wo, const std::vector<WorkOrderStatus>& states) {
    return std::find(states.begin(), states.end(), wo.status) != states.end();
}

// True when `wo` is already past the step the reply reports (a repeated ARRIVED or DONE, a YES on
// a job already scheduled with no new time): nothing to do and nothing wrong.
bool already_past(VendorReply kind, const WorkOrder& wo, bool names_a_time) {
    using S = WorkOrderStatus;
    switch (kind) {
        case VendorReply::kAccept: return wo.status == S::kScheduled && !names_a_time;
        case VendorReply::kArrived:
            return wo.status == S::kInProgress || wo.status == S::kCompleted || wo.status == S::kInvoiced ||
                   wo.status == S::kClosed;
        case VendorReply::kDone: return wo.status == S::kCompleted || wo.status == S::kInvoiced || wo.status == S::kClosed;
        default: return false;
    }
}

Json recent_tenant_text(Transaction& tx, const OrgId& org, const Message& msg) {
    std::string text;
    for (const auto& m : tx.list<Message>(org, {.parent = msg.thread_id.str()})) {
        if (m.id == msg.id || m.direction != Direction::kInbound || m.work_order_id) continue;
        if (m.at + hours(48) < msg.at || m.at > msg.at) continue;
        if (!text.empty()) text += "\n";
        text += m.body;
    }
    return text;
}


// True when a run did something the tenant or a person sees: a work order opened or merged into, an
// answer or question to the tenant, an escalation (the run's own, or one it waits for).
bool run_had_outcome(const AgentRun& run) {
    if (!run.raised.empty() || run.pending_escalation) return true;
    if (const auto it = run.context.find("work_order_id");
        it != run.context.end() && it->is_string() && !it->get<std::string>().empty()) {
        return true;
    }
    static const std::set<std::string> kOutcomeTools = {"create_work_order", "merge_into_work_order",
                                                         "reply_to_tenant", "ask_tenant", "escalate"};
    std::map<std::string, std::string> calls;  // tool_use id -> tool name
    for (const auto& m : run.messages) {
        for (const auto& b : m.content) {
            if (b.type == llm::ContentBlock::Type::kToolUse) {
                calls[b.id] = b.name;
            } else if (b.type == llm::ContentBlock::Type::kToolResult && !b.is_error) {
                const auto it = calls.find(b.id);
                if (it != calls.end() && kOutcomeTools.count(it->second)) return true;
            }
        }
    }
    return false;
}

// A finished run that did nothing for the message gets a `no_outcome` escalation of its own
// (principle: nothing ends in silence). The escalations the run raised announced themselves when
// they committed (`record_escalation` writes their event).
void report_run(const WorkflowServices& s, const OrgId& org, const RunOutcome& out) {
    const AgentRun& run = out.run;
    const bool finished = run.status == RunStatus::kCompleted || run.status == RunStatus::kFailed;
    if (!finished || run_had_outcome(run)) return;
    s.store.write([&](Transaction& tx) {
        EscalationTrigger t;
        t.reason = "no_outcome";
        t.severity = Severity::kHigh;
        t.summary = "The agent run ended (" + run.status_reason + ", provider " +
                    (run.provider.empty() ? std::string("none") : run.provider) +
                    ") without a work order, a reply to the tenant or an escalation: please read the "
                    "message and act";
        t.pause = false;
        t.context = {{"run_id", run.id}, {"status", enum_name(run.status)},
                     {"status_reason", run.status_reason}, {"provider", run.provider}};
        record_escalation(tx, org, t, s.clock->now(), "", std::nullopt, run.correlation_id);
    });
}

}  // namespace

namespace ops {

void score_completion(Transaction& tx, const OrgId& org, const WorkOrder& wo, bool callback) {
    if (!wo.vendor_id) return;
    auto v = tx.find<Vendor>(org, wo.vendor_id->str());
    if (!v) return;
    if (callback) {
        ++v->scorecard.callbacks;
        v->scorecard.rating = std::max(1.0, v->scorecard.rating - 0.1);
    } else {
        ++v->scorecard.jobs_completed;
        const Timestamp deadline = wo.scheduled_end ? *wo.scheduled_end + hours(2)
                                                    : wo.created_at + 2 * response_target(wo.priority);
        if (wo.completed_at && *wo.completed_at <= deadline) ++v->scorecard.on_time_jobs;
        v->scorecard.rating = std::min(5.0, v->scorecard.rating + 0.02);
    }
    tx.put(org, *v);
}

std::string auto_dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                          const std::string& correlation) {
    const auto now = s.clock->now();
    const auto ranked = rank_for(tx, org, wo, now);
    std::vector<const VendorRank*> eligible;
    for (const auto& r : ranked) {
        if (r.eligible) eligible.push_back(&r);
    }
    if (eligible.empty()) {
        raise(tx, org, "vendors_exhausted", wo.emergency ? Severity::kCritical : Severity::kHigh,
              "No eligible vendor left for " + wo.id.str() + " (" + wo.category + "); tried " +
                  std::to_string(wo.tried_vendors.size()),
              wo.id, Json{{"tried", wo.tried_vendors}}, now, correlation);
        wo.next_action = "a person must find a vendor";
        wo.next_action_due = now + hours(wo.emergency ? 1 : 4);
        save(tx, org, wo, now, "work_order.vendors_exhausted", correlation);
        return "escalated: no eligible vendor";
    }
    const auto property = property_of(tx, org, wo);
    const auto d = s.policy.evaluate_spend(property, eligible.front()->estimate, wo.emergency);
    if (d.needs_bids && !wo.emergency && eligible.size() >= 2 && wo.status == WorkOrderStatus::kTriaged) {
        const auto due = now + hours(48);
        for (size_t i = 0; i < eligible.size() && i < 3; ++i) {
            Bid b;
            b.id = BidId(new_id("bid"));
            b.work_order_id = wo.id;
            b.vendor_id = eligible[i]->vendor.id;
            b.requested_at = now;
            b.due_at = due;
            tx.put(org, b);
            message_vendor(tx, s, org, eligible[i]->vendor, wo,
                           "Bid request " + wo.id.str() + ": " + wo.title + ". Reply BID <amount> by " +
                               format_time(due) + ".",
                           correlation);
        }
        wo.transition_to(WorkOrderStatus::kAwaitingBids, now, d.reason);
        wo.next_action = "compare bids";
        wo.next_action_due = due;
        save(tx, org, wo, now, "work_order.bids_requested", correlation);
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kBidsDue,
                                        .payload = {{"work_order_id", wo.id.str()}},
                                        .run_at = due,
                                        .idempotency_key = "bids-due:" + wo.id.str() + ":" + format_time(due),
                                        .correlation_id = correlation});
        return "requested bids";
    }
    const auto out = dispatch(tx, s, org, wo, eligible.front()->vendor, eligible.front()->estimate,
                              std::nullopt, correlation,
                              [&](const std::string& reason, const std::string& summary, Json c) {
                                  raise(tx, org, reason, Severity::kHigh, summary, wo.id, std::move(c), now,
                                        correlation);
                              });
    return out.status + " " + eligible.front()->vendor.name;
}

}  // namespace ops

MaintenanceWorkflow::MaintenanceWorkflow(WorkflowServices services, AgentRunner& runner)
    : services_(std::move(services)), runner_(runner) {}

std::vector<std::string> MaintenanceWorkflow::job_types() const {
    return {job_types::kInboundMessage, job_types::kResumeRun, job_types::kVendorResponseDue,
            job_types::kBidsDue, job_types::kVisitReminder, job_types::kTenantReplyDue,
            job_types::kConfirmationDue, job_types::kStallCheck, job_types::kApprovalDecided,
            job_types::kEscalationSlaCheck};
}

void MaintenanceWorkflow::handle(const Job& job) {
    const auto& org = job.org_id;
    if (job.type == job_types::kInboundMessage) return on_inbound(org, job);
    if (job.type == job_types::kResumeRun) return on_resume(org, job);
    if (job.type == job_types::kVendorResponseDue) return on_vendor_response_due(org, job);
    if (job.type == job_types::kBidsDue) return on_bids_due(org, job);
    if (job.type == job_types::kVisitReminder) return on_visit_reminder(org, job);
    if (job.type == job_types::kTenantReplyDue) return on_tenant_reply_due(org, job);
    if (job.type == job_types::kConfirmationDue) return on_confirmation_due(org, job);
    if (job.type == job_types::kStallCheck) return on_stall_check(org, job);
    if (job.type == job_types::kApprovalDecided) return on_approval_decided(org, job);
    if (job.type == job_types::kEscalationSlaCheck) return on_escalation_sla_check(org, job);
    throw Error(ErrorCode::kInvalidArgument, "maintenance workflow: unknown job type '" + job.type + "'");
}

void MaintenanceWorkflow::on_inbound(const OrgId& org, const Job& job) {
    const auto id = job.payload.value("message_id", "");
    auto& s = services_;
    const auto msg = s.store.read_result([&](Transaction& tx) { return tx.get<Message>(org, id); });
    if (msg.vendor_id) {
        const auto vendor = s.store.read_result([&](Transaction& tx) { return tx.get<Vendor>(org, msg.vendor_id->str()); });
        return on_vendor_message(org, msg, vendor);
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
    if (on_tenant_reply(org, msg, tenant)) return;
    // Every message to its owner: what is not a repair (a renewal, a payment question, a neighbor
    // report...) goes to its owner; an emergency is always a repair (docs/workflows.md).
    IntentOptions io;
    io.at = msg.at;
    io.vulnerable_occupant = tenant.vulnerable_occupant;
    const auto intent = classify_intent(msg.subject.empty() ? msg.body : msg.subject + "\n" + msg.body, io);
    if (route_tenant_request(s, org, msg, tenant, intent).handled) return;
    start_agent(org, msg, tenant);
}

void MaintenanceWorkflow::start_agent(const OrgId& org, const Message& msg, const Tenant& tenant) {
    auto& s = services_;
    AgentTask task;
    task.workflow = "maintenance";
    task.system = {{maintenance_system_prompt(), false}};
    task.tools = maintenance_tool_names();
    task.correlation_id = msg.id.str();
    task.run_id = "run_" + msg.id.str();
    task.untrusted_text = msg.subject.empty() ? msg.body : msg.subject + "\n" + msg.body;
    task.untrusted_label = msg.channel == Channel::kEmail ? "email" : "tenant_message";
    // The offline rules read <tenant_message>; keep that label for every channel.
    task.untrusted_label = "tenant_message";
    // History: the most similar work orders of this property — closed ones are precedent (who fixed
    // what, for how much), open ones on this unit tell how alike a possible duplicate is.
    std::vector<SearchHit> history;
    if (s.search) {
        const auto unit = s.store.read_result([&](Transaction& tx) { return tx.get<Unit>(org, tenant.unit_id.str()); });
        SearchQuery q;
        q.text = task.untrusted_text;
        q.k = 8;
        q.kinds = {std::string(kSearchKindWorkOrder)};
        q.property_id = unit.property_id;
        try {
            history = s.search->search(org, q);
        } catch (const Error& e) {
            detail::logger()->warn("history search for {} failed: {}", msg.id.str(), redact(e.what()));
        }
    }
    s.store.read([&](Transaction& tx) {
        const auto unit = tx.get<Unit>(org, tenant.unit_id.str());
        const auto property = tx.get<Property>(org, unit.property_id.str());
        Json open = Json::array();
        for (const auto& wo : tx.list<WorkOrder>(org, {.parent = unit.id.str()})) {
            if (is_terminal(wo.status)) continue;
            Json o{{"id", wo.id.str()}, {"category", wo.category}, {"status", enum_name(wo.status)},
                   {"title", wo.title}, {"created_at", format_time(wo.created_at)}, {"similarity", 0.0}};
            for (const auto& h : history) {
                if (h.id == wo.id.str() && h.vector_rank > 0) o["similarity"] = std::round(h.similarity * 100) / 100;
            }
            open.push_back(std::move(o));
        }
        Json precedent = Json::array();
        for (const auto& h : history) {
            if (precedent.size() >= 3 || h.resolution.empty() || (h.status != "closed" && h.status != "invoiced")) {
                continue;
            }
            precedent.push_back({{"work_order_id", h.id},
                                 {"same_unit", h.unit_id == unit.id.str()},
                                 {"category", h.category},
                                 {"title", h.title},
                                 {"resolution", h.resolution},
                                 {"vendor_id", h.vendor_id ? Json(h.vendor_id->str()) : Json(nullptr)},
                                 {"vendor_name", h.vendor_name},
                                 {"cost_cents", h.cost ? Json(h.cost->in_cents()) : Json(nullptr)},
                                 {"completed_at", h.completed_at ? Json(format_time(*h.completed_at)) : Json(nullptr)},
                                 {"score", h.score}});
        }
        Json ctx{{"now", format_time(s.clock->now())},
                 {"organization", org.str()},
                 {"tenant", {{"id", tenant.id.str()}, {"name", tenant.name}, {"language", tenant.language},
                             {"has_pets", tenant.has_pets}, {"vulnerable_occupant", tenant.vulnerable_occupant},
                             {"preferred_channel", enum_name(tenant.preferred_channel)}}},
                 {"unit", {{"id", unit.id.str()}, {"label", unit.label}, {"floor", unit.floor}}},
                 {"property", {{"id", property.id.str()}, {"name", property.name}, {"address", property.address},
                               {"city", property.city}, {"nte_cents", property.nte_limit.in_cents()},
                               {"emergency_nte_cents", property.emergency_nte_limit.in_cents()}}},
                 {"open_work_orders", open},
                 {"precedent", precedent},
                 {"message", {{"id", msg.id.str()}, {"channel", enum_name(msg.channel)},
                              {"received_at", format_time(msg.at)}}},
                 {"recent_tenant_text", recent_tenant_text(tx, org, msg)}};
        task.context_text = "Facts from the property-management system (trusted):\n<context>" + ctx.dump() +
                            "</context>\nThe tenant wrote:";
        task.context = {{"organization_id", org.str()}, {"workflow", task.workflow},
                        {"tenant_id", tenant.id.str()}, {"unit_id", unit.id.str()},
                        {"property_id", property.id.str()}, {"message_id", msg.id.str()},
                        {"thread_id", msg.thread_id.str()}};
    });
    // The deterministic triage as data for a host's provider (`LlmRequest::context`); the same
    // floor the triage tool applies. A message with no text has none.
    if (task.untrusted_text.find_first_not_of(" \t\r\n") != std::string::npos) {
        task.context["triage"] = triage_to_json(
            triage_text(task.untrusted_text, msg.at, {.vulnerable_occupant = tenant.vulnerable_occupant}));
    }
    report_run(s, org, runner_.start(org, task));
}

bool MaintenanceWorkflow::on_tenant_reply(const OrgId& org, const Message& msg, const Tenant& tenant) {
    auto& s = services_;
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        std::optional<WorkOrder> wo;
        for (auto& w : tx.list<WorkOrder>(org, {.parent = tenant.unit_id.str(), .newest_first = true})) {
            if (!w.awaiting_tenant.empty() && !is_terminal(w.status) && w.tenant_id == tenant.id) {
                wo = w;
                break;
            }
        }
        if (!wo) return false;
        const std::string kind = wo->awaiting_tenant;
        const auto answer = classify_answer(msg.body);
        if (kind == "access" || kind == "availability") {
            // Only an answer that says something about access or time counts; anything else is a
            // new message (e.g. another problem) and the question stays open.
            const auto a = parse_availability(msg.body, now, ops::org_timezone(tx, org));
            if (!a.entry_permitted && !a.pets && a.windows.empty() && !a.anytime) return false;
        }
        // A message about another problem is a new request, not the answer we are waiting for.
        if (answer == Answer::kUnclear && (kind == "troubleshooting" || kind == "confirmation")) {
            try {
                const auto t = triage_text(msg.body, now);
                if (!t.vague && t.category != wo->category) return false;
            } catch (const Error&) {
                return false;
            }
        }
        const std::string corr = msg.id.str();
        const std::string who = "tenant:" + tenant.id.str();
        // The reply belongs to this work order's conversation.
        auto m = tx.get<Message>(org, msg.id.str());
        m.work_order_id = wo->id;
        tx.put(org, m);
        wo->message_ids.push_back(msg.id);
        wo->awaiting_tenant.clear();
        if (kind == "troubleshooting") {
            if (answer == Answer::kYes) {
                const bool vendor_sent = wo->vendor_id.has_value();
                if (vendor_sent) ops::release_vendor(tx, s, org, *wo, "the tenant fixed it themselves", corr);
                wo->transition_to(WorkOrderStatus::kCancelled, now, "resolved by the tenant (self-fix)");
                wo->resolution = "Resolved by the tenant following troubleshooting steps.";
                wo->next_action.clear();
                wo->next_action_due.reset();
                ops::save(tx, org, *wo, now, "work_order.closed", corr,
                          Json{{"resolution", wo->resolution}, {"self_fix", true}}, who);
                ops::message_tenant(tx, s, org, *wo, "Great, glad it's working! We've closed " + wo->id.str() +
                                                         ". Just reply if it happens again.",
                                    "¡Qué bien! Cerramos " + wo->id.str() + ". Responda si vuelve a pasar.",
                                    false, corr);
            } else if (wo->status == WorkOrderStatus::kTriaged) {
                ops::auto_dispatch(tx, s, org, *wo, corr);
                ops::message_tenant(tx, s, org, *wo, "Thanks for trying. We're sending a technician for " +
                                                         wo->id.str() + " and will confirm a time.",
                                    "Gracias por intentarlo. Enviaremos un técnico para " + wo->id.str() +
                                        " y confirmaremos la hora.",
                                    false, corr);
            } else {
                // A technician is already on the way (e.g. a person dispatched meanwhile).
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}}, who);
            }
            return true;
        }
        if (kind == "hazard_check") {
            // The answer to "may this be an emergency?": the original report and the answer together
            // are assessed again; an emergency (or a plain yes) raises the work order at once.
            bool emergency = answer == Answer::kYes;
            Triage again;
            try {
                again = triage_text(wo->description + "\n" + msg.body, now,
                                    {.vulnerable_occupant = tenant.vulnerable_occupant});
                emergency = emergency || again.emergency;
            } catch (const Error&) {
            }
            if (emergency && !wo->emergency) {
                ops::raise_to_emergency(tx, s, org, *wo, again.hazards, corr);
            } else {
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr,
                          Json{{"kind", kind}, {"emergency", emergency}}, who);
            }
            return true;
        }
        if (kind == "confirmation") {
            if (wo->status != WorkOrderStatus::kCompleted && wo->status != WorkOrderStatus::kInvoiced) {
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}}, who);
                return true;
            }
            if (answer == Answer::kYes) {
                wo->transition_to(WorkOrderStatus::kClosed, now, "tenant confirmed the fix");
                wo->resolution = wo->resolution.empty() ? "Completed; confirmed by the tenant." : wo->resolution;
                wo->next_action.clear();
                wo->next_action_due.reset();
                ops::score_completion(tx, org, *wo, false);
                ops::save(tx, org, *wo, now, "work_order.closed", corr, Json{{"confirmed_by_tenant", true}}, who);
                ops::message_tenant(tx, s, org, *wo, "Thanks for confirming — " + wo->id.str() + " is closed.",
                                    "Gracias por confirmar — " + wo->id.str() + " está cerrada.", false, corr);
            } else if (answer == Answer::kNo) {
                // "Not fixed": reopen and send the same vendor back at no charge (a callback on
                // their scorecard).
                wo->transition_to(WorkOrderStatus::kTriaged, now, "tenant reports it is not fixed");
                ops::score_completion(tx, org, *wo, true);
                const auto vendor_id = wo->vendor_id;
                std::optional<Vendor> v;
                if (vendor_id) v = tx.find<Vendor>(org, vendor_id->str());
                if (v) {
                    ops::dispatch(tx, s, org, *wo, *v, Money::cents(0), std::nullopt, corr,
                                  [&](const std::string& r, const std::string& sum, Json c) {
                                      ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now, corr);
                                  });
                } else {
                    ops::auto_dispatch(tx, s, org, *wo, corr);
                }
                ops::message_tenant(tx, s, org, *wo, "Sorry it's not fixed. We've reopened " + wo->id.str() +
                                                         " and are sending the technician back.",
                                    "Lamentamos que no esté arreglado. Reabrimos " + wo->id.str() +
                                        " y enviaremos al técnico de nuevo.",
                                    false, corr);
            } else {
                // Neither yes nor no: keep waiting for the confirmation, and let a person read it.
                wo->awaiting_tenant = kind;
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}}, who);
                ops::raise(tx, org, "tenant_reply_unclear", Severity::kLow,
                           "The tenant's reply on " + wo->id.str() + " is neither a confirmation nor a "
                           "not-fixed report; please read it",
                           wo->id, Json{{"message_id", msg.id.str()}}, now, corr);
            }
            return true;
        }
        if (kind == "access" || kind == "availability") {
            const auto tz = ops::org_timezone(tx, org);
            const auto a = parse_availability(msg.body, now, tz);
            if (a.entry_permitted) wo->entry_permitted = a.entry_permitted;
            if (a.pets) wo->pets_present = a.pets;
            if (!a.windows.empty()) wo->tenant_availability = a.windows;
            Json noted{{"kind", kind}, {"windows", a.windows.size()}};
            if (a.entry_permitted) noted["entry_permitted"] = *a.entry_permitted;
            if (a.pets) noted["pets"] = *a.pets;
            // A visit already booked outside the tenant's windows is moved when they must be present.
            bool rescheduled = false;
            if (wo->status == WorkOrderStatus::kScheduled && wo->scheduled_start && wo->scheduled_end &&
                !wo->tenant_availability.empty() && !wo->entry_permitted.value_or(false) &&
                !window_fits(wo->tenant_availability, *wo->scheduled_start, *wo->scheduled_end) && wo->vendor_id) {
                if (auto v = tx.find<Vendor>(org, wo->vendor_id->str())) {
                    const auto when = ops::propose_slot(*wo, &*v, now, tz);
                    ops::schedule(tx, s, org, *wo, when, corr);
                    rescheduled = true;
                }
            }
            noted["rescheduled"] = rescheduled;
            ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, noted, who);
            if (!rescheduled) {
                std::string what;
                if (!a.windows.empty()) what = "your availability";
                if (a.entry_permitted) what += std::string(what.empty() ? "" : " and ") + "access instructions";
                if (what.empty()) what = "your reply";
                ops::message_tenant(tx, s, org, *wo,
                                    "Thanks — we've noted " + what + " for " + wo->id.str() + ".",
                                    "Gracias — tomamos nota para " + wo->id.str() + ".", false, corr);
            }
            return true;
        }
        return false;
    });
}

void MaintenanceWorkflow::on_vendor_message(const OrgId& org, const Message& msg, const Vendor& vendor) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto up = upper_words(msg.body);
        const auto w = first_word(up);
        const auto kind = vendor_reply_kind(w, up);
        const std::string corr = msg.id.str();
        const std::string who = "vendor:" + vendor.id.str();
        const auto ref = wo_ref(msg.body);
        const auto jobs = open_jobs_of(tx, org, vendor.id);
        auto m = tx.get<Message>(org, msg.id.str());
        auto attach = [&](const WorkOrder& wo) {
            m.work_order_id = wo.id;
            tx.put(org, m);
        };
        // An answer to the vendor on their thread.
        auto answer = [&](const std::string& text) {
            OutboundSpec spec;
            spec.channel = vendor.phone.empty() ? Channel::kEmail : Channel::kSms;
            spec.to = vendor.phone.empty() ? vendor.email : vendor.phone;
            spec.subject = "Your reply";
            spec.body = text;
            spec.vendor_id = vendor.id;
            spec.thread_id = msg.thread_id;
            spec.urgent = true;
            spec.correlation_id = corr;
            queue_outbound(tx, s, org, spec);
        };
        // Nothing changes: the vendor is asked which job they mean and a person sees it.
        auto unmatched = [&](const std::string& why, std::optional<WorkOrderId> about) {
            std::string ask = why + " Nothing was changed. Which job do you mean? ";
            if (jobs.empty()) {
                ask += "You have no open job with us right now.";
            } else {
                ask += "Your open jobs: " + job_list(jobs) + ". Reply with the job id, e.g. " +
                       (kind == VendorReply::kNote ? std::string("YES") : std::string(w)) + " " +
                       jobs.front().id.str() + ".";
            }
            answer(ask);
            ops::raise(tx, org, "vendor_reply_unmatched", Severity::kMedium,
                       vendor.name + " replied '" + std::string(detail::utf8_prefix(msg.body, 60)) + "': " + why,
                       about,
                       Json{{"message_id", msg.id.str()}, {"vendor_id", vendor.id.str()},
                            {"work_order_ref", ref}, {"reply", reply_verb(kind)}},
                       now, corr);
        };
        // A step already recorded (e.g. DONE sent twice): acknowledged, audited, nothing changes.
        auto repeated = [&](const WorkOrder& wo) {
            attach(wo);
            answer("Already noted: " + wo.id.str() + " is " + std::string(enum_name(wo.status)) +
                   ". Nothing was changed.");
            AuditEvent a;
            a.at = now;
            a.actor = "vendor:" + vendor.id.str();
            a.action = "vendor.reply_repeated";
            a.entity_kind = "work_order";
            a.entity_id = wo.id.str();
            a.correlation_id = corr;
            a.data = {{"reply", reply_verb(kind)}, {"status", enum_name(wo.status)}, {"message_id", msg.id.str()}};
            tx.append_audit(org, a);
        };
        auto note = [&](const std::optional<WorkOrder>& wo) {
            if (wo) attach(*wo);
            ops::raise(tx, org, "vendor_message", Severity::kLow,
                       wo ? vendor.name + " wrote about " + wo->id.str() + " (not a recognized reply)"
                          : "Message from " + vendor.name + " that matches no single open job",
                       wo ? std::optional<WorkOrderId>(wo->id) : std::nullopt, Json{{"message_id", msg.id.str()}},
                       now, corr);
        };

        if (kind == VendorReply::kBid) {
            // A bid answers a bid request sent to this vendor: the one named, else their latest.
            std::optional<WorkOrder> wo;
            std::optional<Bid> bid;
            for (const auto& b : tx.list<Bid>(org, {.lookup = vendor.id.str(), .newest_first = true})) {
                if (b.vendor_id != vendor.id) continue;
                if (ref.empty() ? b.status != BidStatus::kRequested : b.work_order_id.str() != ref) continue;
                wo = tx.find<WorkOrder>(org, b.work_order_id.str());
                if (wo) {
                    bid = b;
                    break;
                }
            }
            if (!wo) {
                unmatched(ref.empty() ? "We have no bid request open for you."
                                      : "We sent you no bid request for " + ref + ".",
                          std::nullopt);
                return;
            }
            attach(*wo);
            auto rest = up.substr(3);
            if (!ref.empty()) {
                const auto p = rest.find(upper_words(ref));
                if (p != std::string::npos) rest.erase(p, ref.size());
            }
            const auto amount = find_amount(rest);
            std::string problem;
            if (!amount) {
                problem = "we could not read an amount";
            } else {
                try {
                    check_amount(*amount, "bid", s.policy.max_amount);
                } catch (const Error& e) {
                    problem = e.what();
                }
            }
            if (!problem.empty() || wo->status != WorkOrderStatus::kAwaitingBids) {
                if (problem.empty()) problem = wo->id.str() + " is no longer taking bids";
                answer("Your bid for " + wo->id.str() + " was not taken: " + problem +
                       ". Reply BID <amount> " + wo->id.str() + ", e.g. BID 450 " + wo->id.str() + ".");
                ops::raise(tx, org, "vendor_message", Severity::kLow,
                           vendor.name + " sent a bid we could not take for " + wo->id.str() + ": " + problem, wo->id,
                           Json{{"message_id", msg.id.str()}}, now, corr);
                return;
            }
            auto b = *bid;
            b.amount = *amount;
            b.status = BidStatus::kReceived;
            b.received_at = now;
            tx.put(org, b);
            ops::save(tx, org, *wo, now, "bid.received", corr,
                      Json{{"vendor_id", vendor.id.str()}, {"amount_cents", amount->in_cents()}}, who);
            bool all_in = true;
            for (const auto& other : tx.list<Bid>(org, {.parent = wo->id.str()})) {
                all_in = all_in && other.status != BidStatus::kRequested;
            }
            if (all_in) {
                s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kBidsDue,
                                                .payload = {{"work_order_id", wo->id.str()}},
                                                .idempotency_key = "bids-complete:" + wo->id.str() + ":" +
                                                                   std::to_string(wo->reopen_count),
                                                .correlation_id = corr});
            }
            return;
        }

        // Which job: the one named, when it is theirs and in a state that allows the step; else
        // the only one of theirs that allows it. Anything else changes nothing.
        const auto states = eligible_states(kind);
        std::optional<WorkOrder> wo;
        if (!ref.empty()) {
            auto named = tx.find<WorkOrder>(org, ref);
            if (!named || named->vendor_id != vendor.id) {
                unmatched("We found no job " + ref + " assigned to you.", std::nullopt);
                return;
            }
            if (kind == VendorReply::kNote) return note(named);
            if (!in_states(*named, states)) {
                if (already_past(kind, *named, find_time(msg.body).has_value())) return repeated(*named);
                if (kind == VendorReply::kAccept && named->status == WorkOrderStatus::kScheduled) {
                    return note(named);  // a new time for a booked visit: a person arranges it
                }
                attach(*named);
                const bool unaccepted = kind == VendorReply::kDone && named->status == WorkOrderStatus::kDispatched;
                unmatched(std::string(reply_verb(kind)) + " does not apply to " + named->id.str() + ", which is " +
                              std::string(enum_name(named->status)) +
                              (unaccepted ? " (reply YES " + named->id.str() + " to accept it first)." : "."),
                          named->id);
                return;
            }
            wo = named;
        } else {
            std::vector<WorkOrder> candidates;
            for (const auto& j : jobs) {
                if (in_states(j, states)) candidates.push_back(j);
            }
            if (kind == VendorReply::kNote) {
                return note(candidates.size() == 1 ? std::optional<WorkOrder>(candidates.front()) : std::nullopt);
            }
            if (candidates.empty() && (kind == VendorReply::kDone || kind == VendorReply::kArrived)) {
                // DONE or ARRIVED again after the job moved on: the vendor's latest such job.
                std::optional<WorkOrder> last;
                for (const char* st : {"in_progress", "completed"}) {
                    for (auto& j : tx.list<WorkOrder>(org, {.status = st})) {
                        if (j.vendor_id == vendor.id && already_past(kind, j, false) &&
                            (!last || j.updated_at > last->updated_at)) {
                            last = std::move(j);
                        }
                    }
                }
                const bool only_that = jobs.empty() || (jobs.size() == 1 && last && jobs.front().id == last->id);
                if (last && only_that) return repeated(*last);
            }
            if (candidates.empty()) {
                std::string why = std::string("None of your jobs can take ") + reply_verb(kind) + " now.";
                if (kind == VendorReply::kDone && !jobs.empty()) {
                    why += " DONE applies to a job you accepted or started; reply YES " + jobs.front().id.str() +
                           " to accept it first.";
                }
                unmatched(why, jobs.size() == 1 ? std::optional<WorkOrderId>(jobs.front().id) : std::nullopt);
                return;
            }
            if (candidates.size() > 1) {
                answer("You have " + std::to_string(candidates.size()) + " jobs this could be about: " +
                       job_list(candidates) + ". Nothing was changed. Please reply " + w + " with the job id, e.g. " +
                       w + " " + candidates.front().id.str() + ".");
                AuditEvent a;
                a.at = now;
                a.actor = "vendor:" + vendor.id.str();
                a.action = "vendor.reply_ambiguous";
                a.entity_kind = "message";
                a.entity_id = msg.id.str();
                a.correlation_id = corr;
                Json ids = Json::array();
                for (const auto& c : candidates) ids.push_back(c.id.str());
                a.data = {{"reply", reply_verb(kind)}, {"candidates", ids}};
                record_decision(tx, org, std::move(a),
                                Json{{"message_id", msg.id.str()}, {"vendor_id", vendor.id.str()},
                                     {"candidates", ids}});
                return;
            }
            wo = candidates.front();
        }
        attach(*wo);
        if (kind == VendorReply::kAccept) {
            bool moved = false;
            const auto when = ops::choose_visit(*wo, vendor, find_time(msg.body), now,
                                                ops::org_timezone(tx, org), &moved);
            ops::schedule(tx, s, org, *wo, when, corr,
                          moved ? "Your proposed time is outside the tenant's availability and they must "
                                  "be present, so the visit moves; reply with another time if this one "
                                  "does not work."
                                : "");
            return;
        }
        if (kind == VendorReply::kDecline) {
            if (wo->purchase_order_id) {
                if (auto po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str())) {
                    po->status = PurchaseOrderStatus::kCancelled;
                    tx.put(org, *po);
                }
            }
            wo->transition_to(WorkOrderStatus::kTriaged, now, vendor.name + " declined");
            wo->vendor_id.reset();
            wo->purchase_order_id.reset();
            ops::save(tx, org, *wo, now, "work_order.vendor_declined", corr, Json{{"vendor_id", vendor.id.str()}}, who);
            ops::auto_dispatch(tx, s, org, *wo, corr);
            return;
        }
        if (kind == VendorReply::kArrived) {
            wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
            wo->next_action = "vendor to finish";
            wo->next_action_due = now + hours(4);
            ops::save(tx, org, *wo, now, "work_order.in_progress", corr, Json::object(), who);
            return;
        }
        // DONE on an accepted (scheduled) or in-progress job. The words after it are the vendor's
        // notes on the work (not instructions).
        if (wo->status == WorkOrderStatus::kScheduled) {
            wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
        }
        const auto word_at = up.find(w);
        auto notes = msg.body.substr(std::min(msg.body.size(), (word_at == std::string::npos ? 0 : word_at) + w.size()));
        if (!ref.empty()) {
            if (const auto p = notes.find(ref); p != std::string::npos) notes.erase(p, ref.size());
        }
        while (!notes.empty() && (std::isspace(static_cast<unsigned char>(notes.front())) || notes.front() == ':' ||
                                  notes.front() == '-' || notes.front() == ',')) {
            notes.erase(notes.begin());
        }
        wo->transition_to(WorkOrderStatus::kCompleted, now, vendor.name + " reports done");
        wo->resolution = notes.empty() ? "Completed by " + vendor.name : notes + " (" + vendor.name + ")";
        wo->awaiting_tenant = "confirmation";
        const auto ask = wo->emergency ? hours(2) : hours(24);
        wo->next_action = "tenant to confirm the fix";
        wo->next_action_due = now + ask;
        ops::save(tx, org, *wo, now, "work_order.completed", corr, Json{{"resolution", wo->resolution}}, who);
        ops::message_tenant(tx, s, org, *wo,
                            vendor.name + " reports " + wo->id.str() + " is done. Is it fixed? Reply YES, "
                            "or NOT FIXED if there is still a problem.",
                            vendor.name + " informa que " + wo->id.str() + " está terminada. ¿Está "
                            "arreglado? Responda SÍ, o NO si sigue el problema.",
                            false, corr);
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kConfirmationDue,
                                        .payload = {{"work_order_id", wo->id.str()}, {"final", false}},
                                        .run_at = now + ask,
                                        .idempotency_key = "confirm:" + wo->id.str() + ":" + format_time(now),
                                        .correlation_id = corr});
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kConfirmationDue,
                                        .payload = {{"work_order_id", wo->id.str()}, {"final", true}},
                                        .run_at = now + hours(48),
                                        .idempotency_key = "autoclose:" + wo->id.str() + ":" + format_time(now),
                                        .correlation_id = corr});
    });
}

void MaintenanceWorkflow::on_vendor_response_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        const auto vendor_id = job.payload.value("vendor_id", "");
        if (!wo || wo->status != WorkOrderStatus::kDispatched || !wo->vendor_id ||
            wo->vendor_id->str() != vendor_id) {
            return;  // the vendor answered (or the job moved on)
        }
        const auto corr = job.correlation_id;
        if (wo->purchase_order_id) {
            if (auto po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str())) {
                po->status = PurchaseOrderStatus::kCancelled;
                tx.put(org, *po);
            }
        }
        wo->transition_to(WorkOrderStatus::kTriaged, now, "no response from vendor " + vendor_id + " in time");
        wo->vendor_id.reset();
        wo->purchase_order_id.reset();
        ops::save(tx, org, *wo, now, "work_order.vendor_timeout", corr, Json{{"vendor_id", vendor_id}});
        ops::auto_dispatch(tx, s, org, *wo, corr);
    });
}

void MaintenanceWorkflow::on_bids_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kAwaitingBids) return;
        const auto corr = job.correlation_id;
        auto bids = tx.list<Bid>(org, {.parent = wo->id.str()});
        std::vector<Bid*> received;
        for (auto& b : bids) {
            if (b.status == BidStatus::kReceived) received.push_back(&b);
        }
        if (received.empty()) {
            for (auto& b : bids) {
                if (b.status == BidStatus::kRequested) {
                    b.status = BidStatus::kExpired;
                    tx.put(org, b);
                }
            }
            ops::raise(tx, org, "no_bids", Severity::kHigh, "No bids received for " + wo->id.str(), wo->id,
                       Json::object(), now, corr);
            wo->next_action = "a person must find a vendor (no bids)";
            wo->next_action_due = now + hours(24);
            ops::save(tx, org, *wo, now, "work_order.no_bids", corr);
            return;
        }
        // Lowest amount wins; ties go to the better-ranked vendor.
        const auto ranked = ops::rank_for(tx, org, *wo, now, true);
        auto score = [&](const VendorId& v) {
            for (const auto& r : ranked) {
                if (r.vendor.id == v) return r.score;
            }
            return 0.0;
        };
        std::sort(received.begin(), received.end(), [&](const Bid* a, const Bid* b) {
            if (a->amount != b->amount) return a->amount < b->amount;
            return score(a->vendor_id) > score(b->vendor_id);
        });
        Bid* win = received.front();
        std::vector<std::string> reasons{"lowest of " + std::to_string(received.size()) + " bids: " +
                                         win->amount.to_string()};
        if (received.size() < static_cast<size_t>(s.policy.min_bids)) {
            reasons.push_back("only " + std::to_string(received.size()) + " bid(s) received");
        }
        for (auto& b : bids) {
            if (&b == win) continue;
            if (b.status == BidStatus::kReceived) b.status = BidStatus::kRejected;
            if (b.status == BidStatus::kRequested) b.status = BidStatus::kExpired;
            tx.put(org, b);
        }
        win->status = BidStatus::kAccepted;
        tx.put(org, *win);
        const auto vendor = tx.get<Vendor>(org, win->vendor_id.str());
        AuditEvent a;
        a.at = now;
        a.actor = "system";
        a.action = "bids.compared";
        a.entity_kind = "work_order";
        a.entity_id = wo->id.str();
        a.correlation_id = corr;
        Json all = Json::array();
        for (const auto* b : received) all.push_back({{"vendor_id", b->vendor_id.str()}, {"amount_cents", b->amount.in_cents()}});
        a.data = {{"winner", vendor.id.str()}, {"amount_cents", win->amount.in_cents()}, {"reasons", reasons},
                  {"bids", all}};
        tx.append_audit(org, a);
        ops::dispatch(tx, s, org, *wo, vendor, win->amount, win->id, corr,
                      [&](const std::string& r, const std::string& sum, Json c) {
                          ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now, corr);
                      });
    });
}

void MaintenanceWorkflow::on_visit_reminder(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kScheduled || !wo->scheduled_start ||
            format_time(*wo->scheduled_start) != job.payload.value("start", "")) {
            return;
        }
        const auto before = job.payload.value("before", "24h");
        ops::message_tenant(tx, s, org, *wo,
                            "Reminder: the repair visit for " + wo->id.str() + " is in " + before + ".",
                            "Recordatorio: la visita de reparación para " + wo->id.str() + " es en " + before + ".",
                            false, job.correlation_id);
        if (wo->vendor_id) {
            if (auto v = tx.find<Vendor>(org, wo->vendor_id->str())) {
                ops::message_vendor(tx, s, org, *v, *wo, "Reminder: " + wo->id.str() + " visit in " + before + ".",
                                    job.correlation_id);
            }
        }
    });
}

void MaintenanceWorkflow::on_tenant_reply_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        const auto kind = job.payload.value("kind", "");
        if (!wo || wo->awaiting_tenant != kind || is_terminal(wo->status)) return;
        wo->awaiting_tenant.clear();
        if (kind == "troubleshooting" && wo->status == WorkOrderStatus::kTriaged) {
            ops::auto_dispatch(tx, s, org, *wo, job.correlation_id);
        } else if (kind == "hazard_check") {
            // Nobody answered whether it may be an emergency: a person must call the tenant.
            ops::save(tx, org, *wo, s.clock->now(), "work_order.hazard_unconfirmed", job.correlation_id);
            ops::raise(tx, org, "hazard_unconfirmed", Severity::kHigh,
                       "The tenant has not answered whether " + wo->id.str() +
                           " is an emergency; please call them",
                       wo->id, Json{{"category", wo->category}}, s.clock->now(), job.correlation_id);
        } else {
            ops::save(tx, org, *wo, s.clock->now(), "", job.correlation_id);
        }
    });
}

void MaintenanceWorkflow::on_confirmation_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kCompleted || wo->awaiting_tenant != "confirmation") return;
        if (job.payload.value("final", false)) {
            wo->transition_to(WorkOrderStatus::kClosed, now, "auto-closed: no reply from the tenant in 48 h");
            wo->awaiting_tenant.clear();
            wo->next_action.clear();
            wo->next_action_due.reset();
            ops::score_completion(tx, org, *wo, false);
            ops::save(tx, org, *wo, now, "work_order.closed", job.correlation_id, Json{{"auto_closed", true}});
            return;
        }
        ops::message_tenant(tx, s, org, *wo,
                            "Is the repair for " + wo->id.str() + " holding up? Reply YES, or NOT FIXED. We'll "
                            "close it automatically in 48 hours otherwise.",
                            "¿Funciona la reparación de " + wo->id.str() + "? Responda SÍ o NO. La cerraremos "
                            "en 48 horas si no hay respuesta.",
                            false, job.correlation_id);
        wo->next_action = "tenant to confirm (auto-close at 48 h)";
        wo->next_action_due = *wo->completed_at + hours(48);
        ops::save(tx, org, *wo, now, "", job.correlation_id);
    });
}

void MaintenanceWorkflow::on_stall_check(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        for (const char* st : {"triaged", "awaiting_bids", "awaiting_approval", "dispatched", "scheduled",
                               "in_progress", "completed", "invoiced"}) {
            for (auto& wo : tx.list<WorkOrder>(org, {.status = st})) {
                if (wo.next_action.empty() || !wo.next_action_due) {
                    // Invariant: every open work order has a next action and a due time.
                    wo.next_action = "review: no next action was set";
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "", job.correlation_id);
                    continue;
                }
                if (*wo.next_action_due > now || wo.follow_ups >= 2) continue;
                const auto corr = job.correlation_id.empty() ? wo.id.str() : job.correlation_id;
                if (wo.follow_ups == 0) {
                    if (wo.vendor_id && (wo.status == WorkOrderStatus::kScheduled ||
                                         wo.status == WorkOrderStatus::kInProgress)) {
                        if (auto v = tx.find<Vendor>(org, wo.vendor_id->str())) {
                            ops::message_vendor(tx, s, org, *v, wo,
                                                "Following up on " + wo.id.str() + " (" + wo.next_action +
                                                    "). Please reply with an update, or DONE when finished.",
                                                corr);
                        }
                    } else if (!wo.awaiting_tenant.empty() && wo.status != WorkOrderStatus::kCompleted) {
                        ops::message_tenant(tx, s, org, wo, "Following up on " + wo.id.str() + ": " + wo.next_action + ".",
                                            "Seguimiento de " + wo.id.str() + ".", false, corr);
                    }
                    wo.follow_ups = 1;
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "work_order.followed_up", corr);
                } else {
                    wo.follow_ups = 2;
                    // One escalation at a time: a work order a person already has does not get another.
                    if (!ops::has_open_escalation(tx, org, wo.id)) {
                        ops::raise(tx, org, "stalled", wo.emergency ? Severity::kCritical : Severity::kMedium,
                                   wo.id.str() + " is stalled: '" + wo.next_action + "' overdue since " +
                                       format_time(*wo.next_action_due),
                                   wo.id, Json{{"status", enum_name(wo.status)}}, now, corr);
                    }
                    wo.next_action = "a person to review (stalled: " + wo.next_action + ")";
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "", corr);
                }
            }
        }
    });
}

void MaintenanceWorkflow::on_resume(const OrgId& org, const Job& job) {
    const auto run_id = job.payload.value("run_id", "");
    auto run = runner_.find_run(org, run_id);
    if (!run || run->status != RunStatus::kRunning) return;
    report_run(services_, org, runner_.resume(org, run_id));
}

void MaintenanceWorkflow::on_approval_decided(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto e = tx.get<Escalation>(org, job.payload.value("escalation_id", ""));
        if (e.reason != "owner_approval" || !e.work_order_id) return;
        auto wo = tx.find<WorkOrder>(org, e.work_order_id->str());
        if (!wo || wo->status != WorkOrderStatus::kAwaitingApproval) return;
        const auto d = ops::approval_of(e);
        if (d && d->approve) {
            // The approval covers the vendor and amount it names (else those it was asked about).
            const auto vendor = tx.get<Vendor>(org, d->vendor_id ? d->vendor_id->str() : e.context.value("vendor_id", ""));
            const auto asked = Money::cents(e.context.value("amount_cents", std::int64_t{0}));
            const auto amount = d->amount && (*d->amount < asked || asked.in_cents() <= 0) ? *d->amount : asked;
            std::optional<BidId> bid;
            for (const auto& b : tx.list<Bid>(org, {.parent = wo->id.str(), .status = "accepted"})) {
                if (b.vendor_id == vendor.id) bid = b.id;
            }
            ops::dispatch(tx, s, org, *wo, vendor, amount, bid, job.correlation_id,
                          [&](const std::string& r, const std::string& sum, Json c) {
                              ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now,
                                         job.correlation_id);
                          });
        } else {
            const auto why = d && !d->note.empty() ? d->note : e.decision;
            wo->transition_to(WorkOrderStatus::kCancelled, now, "owner declined: " + why);
            wo->resolution = "Owner declined the cost: " + why;
            wo->next_action.clear();
            wo->next_action_due.reset();
            ops::save(tx, org, *wo, now, "work_order.closed", job.correlation_id, Json{{"owner_declined", true}});
            ops::message_tenant(tx, s, org, *wo,
                                "The owner did not approve the repair cost for " + wo->id.str() +
                                    ". Your property manager will contact you.",
                                "El propietario no aprobó el costo de " + wo->id.str() +
                                    ". Su administrador se comunicará con usted.",
                                false, job.correlation_id);
        }
    });
}

WorkOrder MaintenanceWorkflow::assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor_id,
                                             std::optional<Money> amount, const std::string& assigned_by) {
    if (assigned_by.empty()) throw Error(ErrorCode::kInvalidArgument, "assign_vendor: who assigns is empty");
    auto& s = services_;
    if (amount) check_amount(*amount, "amount", s.policy.max_amount);
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.get<WorkOrder>(org, id.str());
        if (wo.status != WorkOrderStatus::kTriaged && wo.status != WorkOrderStatus::kAwaitingBids &&
            wo.status != WorkOrderStatus::kAwaitingApproval) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "work order " + id.str() + " is " + std::string(enum_name(wo.status)) +
                            "; a vendor can be assigned only while it is triaged, awaiting bids or awaiting approval");
        }
        const auto vendor = tx.get<Vendor>(org, vendor_id.str());
        if (!vendor.active) {
            throw Error(ErrorCode::kFailedPrecondition, "vendor " + vendor_id.str() + " is inactive");
        }
        const auto corr = "assign:" + wo.id.str();
        const auto price = amount.value_or(estimate_cost(vendor, wo.category, wo.emergency, wo.scope));
        AuditEvent a;
        a.at = now;
        a.actor = "user:" + assigned_by;
        a.action = "work_order.vendor_assigned";
        a.entity_kind = "work_order";
        a.entity_id = wo.id.str();
        a.correlation_id = corr;
        a.data = {{"vendor_id", vendor_id.str()}, {"amount_cents", price.in_cents()}};
        tx.append_audit(org, a);
        // The spending policy still applies: above the owner-approval threshold this asks the owner.
        const auto out = ops::dispatch(tx, s, org, wo, vendor, price, std::nullopt, corr,
                                       [&](const std::string& r, const std::string& sum, Json c) {
                                           ops::raise(tx, org, r, Severity::kHigh, sum, wo.id, std::move(c), now,
                                                      corr);
                                       });
        if (out.status == "refused") {
            throw Error(ErrorCode::kFailedPrecondition, "cannot assign " + vendor_id.str() + ": " + out.reason);
        }
        // The person has found a vendor: escalations asking for one are done.
        for (const auto& e : tx.list<Escalation>(org, {.parent = wo.id.str(), .status = "open"})) {
            if (!e.run_id.empty() ||
                (e.reason != "vendors_exhausted" && e.reason != "no_vendor" && e.reason != "no_bids" &&
                 e.reason != "stalled")) {
                continue;
            }
            resolve_escalation(tx, org, e.id, "vendor " + vendor_id.str() + " assigned", assigned_by, now);
            emit_event(tx, org, "escalation.resolved", corr,
                       Json{{"escalation_id", e.id.str()}, {"reason", e.reason},
                            {"decision", "vendor assigned"}, {"resolved_by", assigned_by}},
                       now);
        }
        return wo;
    });
}

Invoice MaintenanceWorkflow::submit_invoice(const OrgId& org, Invoice invoice) {
    check_invoice_amounts(invoice, services_.policy.max_amount);
    if (invoice.id.empty()) invoice.id = InvoiceId(new_id("inv"));
    return services_.store.write_result([&](Transaction& tx) {
        const auto now = services_.clock->now();
        const auto r = reconcile_invoice(tx, org, invoice, now);
        invoice.status = r.status;
        invoice.findings = r.findings;
        emit_event(tx, org, "invoice.reconciled", invoice.id.str(),
                   Json{{"invoice_id", invoice.id.str()}, {"number", invoice.number},
                        {"status", enum_name(r.status)}, {"findings", r.findings},
                        {"work_order_id", invoice.work_order_id ? invoice.work_order_id->str() : ""}},
                   now);
        if (r.status == InvoiceStatus::kBlocked || r.status == InvoiceStatus::kFlagged) {
            ops::raise(tx, org, "invoice_" + std::string(enum_name(r.status)), Severity::kMedium,
                       "Invoice " + invoice.number + " " + std::string(enum_name(r.status)) + ": " +
                           (r.findings.empty() ? std::string() : r.findings.front()),
                       invoice.work_order_id, Json{{"invoice_id", invoice.id.str()}, {"findings", r.findings}},
                       now, invoice.id.str());
        }
        return invoice;
    });
}

}  // namespace propos

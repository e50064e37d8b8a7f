// Deterministic handlers of the maintenance jobs: inbound routing, vendor replies, timers,
// confirmations, stalled work, approvals.
#include "propos/workflows/maintenance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/log.hpp"
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

// The vendor's job a reply without a work-order reference is about:
//  YES/NO: the job waiting longest for their acceptance;
//  ARRIVED: the scheduled job whose visit is nearest now, else the one in progress;
//  DONE and anything else: the job in progress, else the scheduled one nearest now, else the job
//  waiting for acceptance.
std::optional<WorkOrder> vendor_job_for_reply(Transaction& tx, const OrgId& org, const VendorId& vendor,
                                              const std::string& word, Timestamp now) {
    auto jobs = [&](const char* status) {
        std::vector<WorkOrder> out;
        for (auto& wo : tx.list<WorkOrder>(org, {.status = status})) {
            if (wo.vendor_id == vendor) out.push_back(std::move(wo));
        }
        return out;
    };
    auto oldest_request = [](std::vector<WorkOrder> v) -> std::optional<WorkOrder> {
        if (v.empty()) return std::nullopt;
        return *std::min_element(v.begin(), v.end(), [](const WorkOrder& a, const WorkOrder& b) {
            return a.next_action_due.value_or(a.updated_at) < b.next_action_due.value_or(b.updated_at);
        });
    };
    auto nearest_visit = [&](std::vector<WorkOrder> v) -> std::optional<WorkOrder> {
        if (v.empty()) return std::nullopt;
        auto distance = [&](const WorkOrder& w) {
            const auto start = w.scheduled_start.value_or(now);
            return start > now ? start - now : now - start;
        };
        return *std::min_element(v.begin(), v.end(),
                                 [&](const WorkOrder& a, const WorkOrder& b) { return distance(a) < distance(b); });
    };
    static const std::set<std::string> kAnswers = {"YES", "Y", "ACCEPT", "ACCEPTED", "CONFIRM", "OK",
                                                   "NO", "N", "DECLINE", "DECLINED"};
    if (kAnswers.count(word)) {
        if (auto wo = oldest_request(jobs("dispatched"))) return wo;
        return nearest_visit(jobs("scheduled"));
    }
    if (word == "ARRIVED" || word == "ONSITE" || word == "STARTED") {
        if (auto wo = nearest_visit(jobs("scheduled"))) return wo;
        if (auto wo = oldest_request(jobs("in_progress"))) return wo;
        return oldest_request(jobs("dispatched"));
    }
    if (auto wo = oldest_request(jobs("in_progress"))) return wo;
    if (auto wo = nearest_visit(jobs("scheduled"))) return wo;
    if (auto wo = oldest_request(jobs("dispatched"))) return wo;
    return oldest_request(jobs("completed"));
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

bool MaintenanceWorkflow::handles(const std::string& type) {
    for (const char* t : {job_types::kInboundMessage, job_types::kResumeRun, job_types::kVendorResponseDue,
                          job_types::kBidsDue, job_types::kVisitReminder, job_types::kTenantReplyDue,
                          job_types::kConfirmationDue, job_types::kStallCheck, job_types::kApprovalDecided}) {
        if (type == t) return true;
    }
    return false;
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
            tx.append_audit(org, a);
            emit_event(tx, org, "message.unknown_sender", msg.id.str(), Json{{"message_id", msg.id.str()}}, now);
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
            tx.append_audit(org, a);
            emit_event(tx, org, a.action, msg.id.str(), Json{{"tenant_id", t.id.str()}}, a.at);
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
        task.context = {{"tenant_id", tenant.id.str()}, {"unit_id", unit.id.str()},
                        {"property_id", property.id.str()}, {"message_id", msg.id.str()},
                        {"thread_id", msg.thread_id.str()}};
    });
    const auto out = runner_.start(org, task);
    if (!out.escalations.empty()) {
        s.store.write([&](Transaction& tx) {
            for (const auto& e : out.escalations) {
                emit_event(tx, org, "escalation.raised", msg.id.str(),
                           Json{{"escalation_id", e.id.str()}, {"reason", e.reason},
                                {"severity", enum_name(e.severity)}, {"summary", e.summary},
                                {"run_id", out.run.id}},
                           s.clock->now());
            }
        });
    }
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
                          Json{{"resolution", wo->resolution}, {"self_fix", true}});
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
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}});
            }
            return true;
        }
        if (kind == "confirmation") {
            if (wo->status != WorkOrderStatus::kCompleted && wo->status != WorkOrderStatus::kInvoiced) {
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}});
                return true;
            }
            if (answer == Answer::kYes) {
                wo->transition_to(WorkOrderStatus::kClosed, now, "tenant confirmed the fix");
                wo->resolution = wo->resolution.empty() ? "Completed; confirmed by the tenant." : wo->resolution;
                wo->next_action.clear();
                wo->next_action_due.reset();
                ops::score_completion(tx, org, *wo, false);
                ops::save(tx, org, *wo, now, "work_order.closed", corr, Json{{"confirmed_by_tenant", true}});
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
                ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, Json{{"kind", kind}});
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
            ops::save(tx, org, *wo, now, "work_order.tenant_answered", corr, noted);
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
        const std::string corr = msg.id.str();
        // Which work order: an explicit reference, else this vendor's most recent open one.
        std::optional<WorkOrder> wo;
        const auto ref = wo_ref(msg.body);
        if (!ref.empty()) wo = tx.find<WorkOrder>(org, ref);
        if (!wo && w == "BID") {
            for (const auto& b : tx.list<Bid>(org, {.status = "requested", .lookup = vendor.id.str(),
                                                    .newest_first = true})) {
                wo = tx.find<WorkOrder>(org, b.work_order_id.str());
                if (wo) break;
            }
        }
        if (!wo) wo = vendor_job_for_reply(tx, org, vendor.id, w, now);
        auto m = tx.get<Message>(org, msg.id.str());
        if (wo) {
            m.work_order_id = wo->id;
            tx.put(org, m);
        }
        if (!wo) {
            ops::raise(tx, org, "vendor_message", Severity::kLow,
                       "Message from " + vendor.name + " that matches no open job", std::nullopt,
                       Json{{"message_id", msg.id.str()}}, now, corr);
            return;
        }
        if (w == "BID") {
            auto amount = find_amount(up.substr(3));
            auto bids = tx.list<Bid>(org, {.parent = wo->id.str(), .lookup = vendor.id.str()});
            if (!amount || bids.empty()) {
                ops::raise(tx, org, "vendor_message", Severity::kLow,
                           vendor.name + " sent a bid we could not read for " + wo->id.str(), wo->id,
                           Json{{"message_id", msg.id.str()}}, now, corr);
                return;
            }
            auto b = bids.back();
            b.amount = *amount;
            b.status = BidStatus::kReceived;
            b.received_at = now;
            tx.put(org, b);
            ops::save(tx, org, *wo, now, "bid.received", corr,
                      Json{{"vendor_id", vendor.id.str()}, {"amount_cents", amount->in_cents()}});
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
        if (wo->vendor_id != vendor.id) {
            ops::raise(tx, org, "vendor_message", Severity::kLow,
                       vendor.name + " wrote about " + wo->id.str() + ", which is not assigned to them", wo->id,
                       Json{{"message_id", msg.id.str()}}, now, corr);
            return;
        }
        if (w == "YES" || w == "Y" || w == "ACCEPT" || w == "ACCEPTED" || w == "CONFIRM" || w == "OK") {
            if (wo->status != WorkOrderStatus::kDispatched && wo->status != WorkOrderStatus::kScheduled) return;
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
        if (w == "NO" || w == "DECLINE" || w == "DECLINED" || w == "N") {
            if (wo->status != WorkOrderStatus::kDispatched && wo->status != WorkOrderStatus::kScheduled) return;
            if (wo->purchase_order_id) {
                if (auto po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str())) {
                    po->status = PurchaseOrderStatus::kCancelled;
                    tx.put(org, *po);
                }
            }
            wo->transition_to(WorkOrderStatus::kTriaged, now, vendor.name + " declined");
            wo->vendor_id.reset();
            wo->purchase_order_id.reset();
            ops::save(tx, org, *wo, now, "work_order.vendor_declined", corr, Json{{"vendor_id", vendor.id.str()}});
            ops::auto_dispatch(tx, s, org, *wo, corr);
            return;
        }
        if (w == "ARRIVED" || w == "ONSITE" || up.find("ON SITE") != std::string::npos || w == "STARTED") {
            if (wo->status == WorkOrderStatus::kDispatched || wo->status == WorkOrderStatus::kScheduled) {
                wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
                wo->next_action = "vendor to finish";
                wo->next_action_due = now + hours(4);
                ops::save(tx, org, *wo, now, "work_order.in_progress", corr);
            }
            return;
        }
        if (w == "DONE" || w == "COMPLETE" || w == "COMPLETED" || w == "FINISHED" || w == "FIXED") {
            if (wo->status == WorkOrderStatus::kDispatched || wo->status == WorkOrderStatus::kScheduled) {
                wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
            }
            if (wo->status != WorkOrderStatus::kInProgress) return;
            auto notes = msg.body.substr(std::min(msg.body.size(), w.size()));
            while (!notes.empty() && (std::isspace(static_cast<unsigned char>(notes.front())) ||
                                      notes.front() == ':' || notes.front() == '-')) {
                notes.erase(notes.begin());
            }
            wo->transition_to(WorkOrderStatus::kCompleted, now, vendor.name + " reports done");
            wo->resolution = notes.empty() ? "Completed by " + vendor.name : notes + " (" + vendor.name + ")";
            wo->awaiting_tenant = "confirmation";
            const auto ask = wo->emergency ? hours(2) : hours(24);
            wo->next_action = "tenant to confirm the fix";
            wo->next_action_due = now + ask;
            ops::save(tx, org, *wo, now, "work_order.completed", corr, Json{{"resolution", wo->resolution}});
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
            return;
        }
        ops::raise(tx, org, "vendor_message", Severity::kLow,
                   vendor.name + " wrote about " + wo->id.str() + " (not a recognized reply)", wo->id,
                   Json{{"message_id", msg.id.str()}}, now, corr);
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
    const auto out = runner_.resume(org, run_id);
    if (!out.escalations.empty()) {
        services_.store.write([&](Transaction& tx) {
            for (const auto& e : out.escalations) {
                emit_event(tx, org, "escalation.raised", run->correlation_id,
                           Json{{"escalation_id", e.id.str()}, {"reason", e.reason},
                                {"severity", enum_name(e.severity)}, {"summary", e.summary}},
                           services_.clock->now());
            }
        });
    }
}

void MaintenanceWorkflow::on_approval_decided(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto e = tx.get<Escalation>(org, job.payload.value("escalation_id", ""));
        if (e.reason != "owner_approval" || !e.work_order_id) return;
        auto wo = tx.find<WorkOrder>(org, e.work_order_id->str());
        if (!wo || wo->status != WorkOrderStatus::kAwaitingApproval) return;
        if (ops::owner_approved(tx, org, wo->id)) {
            const auto vendor = tx.get<Vendor>(org, e.context.value("vendor_id", ""));
            const auto amount = Money::cents(e.context.value("amount_cents", std::int64_t{0}));
            std::optional<BidId> bid;
            for (const auto& b : tx.list<Bid>(org, {.parent = wo->id.str(), .status = "accepted"})) bid = b.id;
            ops::dispatch(tx, s, org, *wo, vendor, amount, bid, job.correlation_id,
                          [&](const std::string& r, const std::string& sum, Json c) {
                              ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now,
                                         job.correlation_id);
                          });
        } else {
            wo->transition_to(WorkOrderStatus::kCancelled, now, "owner declined: " + e.decision);
            wo->resolution = "Owner declined the cost: " + e.decision;
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

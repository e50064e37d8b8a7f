// Intake: deduplication, sender matching, threading and the SMS keyword when a message arrives;
// keywords, unknown senders and routing to the owner of the message's intent when its job runs.
#include "propos/workflows/intake.hpp"

#include <algorithm>

#include "propos/agent/escalation.hpp"
#include "propos/channels/contact.hpp"
#include "propos/core/logging.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/intent.hpp"
#include "propos/workflows/tenant_requests.hpp"

namespace propos {
namespace {
using namespace std::chrono;

// The thread of the email `in` answers: the first of In-Reply-To / References that names one of
// our messages, by provider id or by the id in our own Message-ID ("<msg_...@domain>").
std::optional<Thread> answered_thread(Transaction& tx, const OrgId& org, const IncomingMessage& in) {
    std::vector<std::string> keys;
    if (!in.in_reply_to.empty()) keys.push_back(in.in_reply_to);
    keys.insert(keys.end(), in.references.begin(), in.references.end());
    for (const auto& key : keys) {
        for (const auto& prev : tx.list<Message>(org, {.lookup = key, .limit = 1})) {
            return tx.find<Thread>(org, prev.thread_id.str());
        }
        const auto local = key.substr(0, key.find('@'));
        if (local.starts_with("msg_")) {
            if (auto ours = tx.find<Message>(org, local); ours && ours->direction == Direction::kOutbound) {
                return tx.find<Thread>(org, ours->thread_id.str());
            }
        }
    }
    return std::nullopt;
}

// The keyword intake recorded on the job; jobs queued before it was recorded read the text.
channels::SmsKeyword recorded_keyword(const Job& job, const Message& msg) {
    if (msg.channel != Channel::kSms) return channels::SmsKeyword::kNone;
    const auto k = job.payload.value("keyword", "");
    if (k.empty()) return channels::detect_sms_keyword(msg.body);
    for (const auto kw : {channels::SmsKeyword::kStop, channels::SmsKeyword::kStart, channels::SmsKeyword::kHelp}) {
        if (k == channels::to_string(kw)) return kw;
    }
    return channels::SmsKeyword::kNone;
}

}  // namespace

IncomingMessage incoming_from(const channels::InboundMessage& m) {
    IncomingMessage in;
    in.provider = m.provider;
    in.provider_message_id = m.provider_message_id;
    in.channel = m.channel;
    in.from = m.from;
    in.to = m.to;
    in.subject = m.subject;
    in.text = m.text;
    // A mail with only a subject ("No heat in 4B") still says something.
    if (in.text.find_first_not_of(" \t\r\n") == std::string::npos && m.channel == Channel::kEmail) in.text = m.subject;
    in.received_at = m.received_at;
    for (const auto& item : m.media) {
        if (!item.blob_key.empty()) in.media.push_back(item.blob_key);
    }
    in.references = channels::thread_match_keys(m);
    if (m.channel == Channel::kSms) in.keyword = m.keyword;
    return in;
}

IntakeWorkflow::IntakeWorkflow(const WorkflowServices& services, MaintenanceWorkflow& maintenance)
    : services_(services), maintenance_(maintenance) {}

IngestResult IntakeWorkflow::accept(Transaction& tx, const OrgId& org, const IncomingMessage& in,
                                    std::int64_t raw_id, Timestamp now) const {
    {
        IngestResult r;
        r.raw_payload_id = raw_id;
        for (const auto& m : tx.list<Message>(org, {.lookup = in.provider_message_id})) {
            if (m.direction == Direction::kInbound) {
                tx.set_raw_payload_status(org, raw_id, "processed", "duplicate of " + m.id.str());
                r.message_id = m.id;
                r.duplicate = true;
                r.tenant_id = m.tenant_id;
                r.vendor_id = m.vendor_id;
                return r;
            }
        }
        const bool email = in.from.find('@') != std::string::npos;
        const std::string address = email ? normalize_email(in.from) : normalize_phone(in.from);
        Message m;
        m.id = MessageId(new_id("msg"));
        m.channel = in.channel;
        m.direction = Direction::kInbound;
        m.from = address;
        m.to = in.to;
        m.subject = in.subject;
        m.body = in.text;
        m.provider_message_id = in.provider_message_id;
        m.status = DeliveryStatus::kReceived;
        m.at = in.received_at == Timestamp{} ? now : in.received_at;
        m.media = in.media;
        const auto tenants = tx.list<Tenant>(org, {.lookup = address, .limit = 1});
        if (!tenants.empty()) {
            m.tenant_id = tenants.front().id;
        } else {
            const auto vendors = tx.list<Vendor>(org, {.lookup = address, .limit = 1});
            if (!vendors.empty()) m.vendor_id = vendors.front().id;
        }
        // Thread: the email being answered, else the sender's recent thread, else a new one.
        std::optional<Thread> thread = answered_thread(tx, org, in);
        if (!thread) {
            const std::string key = m.tenant_id ? m.tenant_id->str() : m.vendor_id ? m.vendor_id->str() : address;
            for (const auto& th : tx.list<Thread>(org, {.lookup = key, .newest_first = true, .limit = 5})) {
                if (th.last_message_at + std::chrono::hours(24 * 7) >= m.at && !th.vendor_id == !m.vendor_id) {
                    thread = th;
                    break;
                }
            }
        }
        if (!thread) {
            Thread th;
            th.id = ThreadId(new_id("th"));
            th.channel = m.channel;
            th.tenant_id = m.tenant_id;
            th.vendor_id = m.vendor_id;
            th.address = address;
            th.subject = in.subject;
            th.created_at = m.at;
            thread = th;
        }
        thread->last_message_at = std::max(thread->last_message_at, m.at);
        m.thread_id = thread->id;
        if (thread->work_order_id && m.tenant_id) m.work_order_id.reset();
        tx.put(org, *thread);
        tx.put(org, m);
        const bool emergency = !EscalationEngine::emergency_reasons(in.text).empty();
        // The SMS keyword, read once: the channel's verdict when it gave one, else the text's.
        auto keyword = channels::SmsKeyword::kNone;
        if (m.channel == Channel::kSms) keyword = in.keyword ? *in.keyword : channels::detect_sms_keyword(in.text);
        services_.jobs.enqueue(
            tx, org,
            JobSpec{.type = job_types::kInboundMessage,
                    .payload = {{"message_id", m.id.str()}, {"keyword", channels::to_string(keyword)}},
                    .priority = emergency ? 100 : (m.vendor_id ? 50 : 30),
                    .idempotency_key = "inbound:" + in.provider_message_id,
                    .correlation_id = m.id.str()});
        AuditEvent a;
        a.at = now;
        a.actor = "webhook:" + in.provider;
        a.action = "message.received";
        a.entity_kind = "message";
        a.entity_id = m.id.str();
        a.correlation_id = m.id.str();
        a.data = {{"channel", enum_name(m.channel)},
                  {"from", email ? mask_email(address) : mask_phone(address)},
                  {"provider_message_id", in.provider_message_id},
                  {"raw_payload_id", raw_id},
                  {"sender", m.tenant_id ? "tenant" : m.vendor_id ? "vendor" : "unknown"},
                  {"chars", m.body.size()},
                  {"possible_emergency", emergency},
                  {"keyword", channels::to_string(keyword)}};
        record_decision(tx, org, std::move(a),
                        Json{{"message_id", m.id.str()}, {"channel", enum_name(m.channel)},
                             {"tenant_id", m.tenant_id ? m.tenant_id->str() : ""},
                             {"vendor_id", m.vendor_id ? m.vendor_id->str() : ""}});
        tx.set_raw_payload_status(org, raw_id, "processed", "");
        r.message_id = m.id;
        r.tenant_id = m.tenant_id;
        r.vendor_id = m.vendor_id;
        return r;
    }
}

void IntakeWorkflow::handle(const Job& job) {
    if (job.type != job_types::kInboundMessage) {
        throw Error(ErrorCode::kInvalidArgument, "intake does not handle job type '" + job.type + "'");
    }
    const auto& org = job.org_id;
    const auto id = job.payload.value("message_id", "");
    auto& s = services_;
    const auto msg = s.store.read_result([&](Transaction& tx) { return tx.get<Message>(org, id); });
    if (msg.vendor_id) {
        const auto vendor = s.store.read_result([&](Transaction& tx) { return tx.get<Vendor>(org, msg.vendor_id->str()); });
        return maintenance_.take_vendor_message(org, msg, vendor);
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
    for (auto* unit : listeners_) unit->observe_tenant_message(org, msg, tenant);
    // The keyword intake recorded when the message arrived; a YES opts back in only when the tenant
    // has opted out by the time it is read (channels leave YES to the caller).
    auto keyword = recorded_keyword(job, msg);
    if (keyword == channels::SmsKeyword::kNone && msg.channel == Channel::kSms && tenant.sms_opt_out &&
        channels::is_sms_yes(msg.body)) {
        keyword = channels::SmsKeyword::kStart;
    }
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
    if (maintenance_.take_tenant_answer(org, msg, tenant)) return;
    // Every message to its owner: what is not a repair (a renewal, a payment question, a neighbor
    // report...) goes to its owner; an emergency is always a repair (docs/workflows.md).
    IntentOptions io;
    io.at = msg.at;
    io.vulnerable_occupant = tenant.vulnerable_occupant;
    const auto intent = classify_intent(msg.subject.empty() ? msg.body : msg.subject + "\n" + msg.body, io);
    for (auto* unit : listeners_) {
        if (unit->take_tenant_message(org, msg, tenant, intent)) return;
    }
    if (route_tenant_request(s, org, msg, tenant, intent).handled) return;
    maintenance_.start_repair(org, msg, tenant, intent.triage);  // one triage per message
}

}  // namespace propos

// make_channel_deliverer: the Coordinator's outbox delivered through a channels::OutboundChannel
// (Twilio, SendGrid), with email threading headers and provider-reported opt-outs recorded.
#include <algorithm>

#include "core/log.hpp"
#include "propos/coordinator.hpp"
#include "propos/core/logging.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {
namespace {

// How far back the References header reaches (mail clients keep about this many).
constexpr std::size_t kMaxReferences = 10;

std::string bare_id(std::string_view id) {
    while (!id.empty() && (id.front() == '<' || id.front() == ' ')) id.remove_prefix(1);
    while (!id.empty() && (id.back() == '>' || id.back() == ' ')) id.remove_suffix(1);
    return std::string(id);
}

// In-Reply-To / References for an email on a thread: the Message-IDs of the thread's earlier email,
// oldest first; the reply answers the newest inbound one.
void add_thread_headers(Transaction& tx, const OrgId& org, const Message& m,
                        const std::string& domain, channels::OutboundMessage& out) {
    if (m.thread_id.empty()) return;
    std::vector<std::string> refs;
    std::string answers;
    for (const auto& prior : tx.list<Message>(org, {.parent = m.thread_id.str()})) {
        if (prior.id == m.id || prior.channel != Channel::kEmail || prior.at > m.at) continue;
        std::string id;
        if (prior.direction == Direction::kInbound) {
            // Inbound mail is deduplicated by its Message-ID (or a content hash when it had none).
            if (!prior.provider_message_id.starts_with("sha256:"))
                id = bare_id(prior.provider_message_id);
            if (!id.empty()) answers = id;
        } else if (!domain.empty()) {
            id = bare_id(channels::make_message_id(prior.id.str(), domain));
        }
        if (!id.empty() && std::find(refs.begin(), refs.end(), id) == refs.end())
            refs.push_back(id);
    }
    if (refs.size() > kMaxReferences) refs.erase(refs.begin(), refs.end() - kMaxReferences);
    out.in_reply_to = answers;
    out.references = std::move(refs);
}

void record_sms_opt_out(Store& store, Clock& clock, const OrgId& org, const Message& m,
                        std::string_view provider) {
    store.write([&](Transaction& tx) {
        auto tenant = tx.find<Tenant>(org, m.tenant_id->str());
        if (!tenant || tenant->sms_opt_out) return;
        tenant->sms_opt_out = true;
        tx.put(org, *tenant);
        const auto now = clock.now();
        AuditEvent a;
        a.at = now;
        a.actor = "provider:" + std::string(provider);
        a.action = "tenant.sms_opt_out";
        a.entity_kind = "tenant";
        a.entity_id = tenant->id.str();
        a.correlation_id = m.id.str();
        a.data = {{"message_id", m.id.str()},
                  {"reason", "the provider refused the SMS: the recipient opted out"}};
        record_decision(tx, org, std::move(a), Json{{"tenant_id", tenant->id.str()}});
    });
}

}  // namespace

Deliverer make_channel_deliverer(std::shared_ptr<channels::OutboundChannel> channel,
                                 ChannelDelivererOptions options) {
    if (!channel)
        throw Error(ErrorCode::kInvalidArgument, "make_channel_deliverer needs a channel");
    if (!options.clock) options.clock = system_clock();
    return [channel = std::move(channel), o = std::move(options)](const OrgId& org,
                                                                  const Message& m) -> std::string {
        auto out = channels::to_outbound_message(m);
        if (m.channel == Channel::kEmail) {
            if (!o.email_domain.empty())
                out.headers["Message-ID"] = channels::make_message_id(m.id.str(), o.email_domain);
            if (out.subject.find_first_not_of(" \t") == std::string::npos)
                out.subject = "Update on your maintenance request";
        }
        if (o.store) {
            const bool opted_out = o.store->read_result([&](Transaction& tx) {
                if (m.channel == Channel::kEmail)
                    add_thread_headers(tx, org, m, o.email_domain, out);
                if (m.channel != Channel::kSms || !m.tenant_id) return false;
                const auto t = tx.find<Tenant>(org, m.tenant_id->str());
                return t && t->sms_opt_out;
            });
            if (opted_out) {
                throw Error(ErrorCode::kFailedPrecondition,
                            "message " + m.id.str() +
                                " not sent: the tenant opted out of SMS after it was queued");
            }
        }
        try {
            return channel->send(out).provider_message_id;
        } catch (const Error& e) {
            // kFailedPrecondition from an SMS channel: the recipient opted out at the provider
            // (Twilio 21610, "replied STOP"). Remember it so the workflows switch to email.
            if (e.code() == ErrorCode::kFailedPrecondition && m.channel == Channel::kSms &&
                o.store && m.tenant_id) {
                try {
                    record_sms_opt_out(*o.store, *o.clock, org, m, channel->provider());
                } catch (const Error& inner) {
                    detail::logger()->error(
                        "deliver: cannot record the SMS opt-out of message {}: {}", m.id.str(),
                        inner.what());
                }
            }
            throw;
        }
    };
}

}  // namespace propos

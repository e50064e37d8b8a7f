// The delivery unit: message.deliver over OutboundChannel (a host's provider or the outbox).
#include "propos/workflows/delivery.hpp"

#include "propos/channels/inbound.hpp"
#include "propos/channels/outbox.hpp"

namespace propos {

Deliverer deliver_through(std::shared_ptr<channels::OutboundChannel> channel) {
    if (!channel) throw Error(ErrorCode::kInvalidArgument, "deliver_through needs a channel");
    return [channel = std::move(channel)](const OrgId&, const Message& m) {
        return channel->send(channels::to_outbound_message(m)).provider_message_id;
    };
}

DeliveryWorkflow::DeliveryWorkflow(const WorkflowServices& services, std::map<Channel, Deliverer> deliverers)
    : services_(services) {
    for (auto& [channel, deliverer] : deliverers) {
        if (deliverer) {
            deliverers_[channel] = std::move(deliverer);
            records_only_ = false;
        }
    }
    for (const auto channel : {Channel::kSms, Channel::kEmail, Channel::kPortal, Channel::kVoice}) {
        if (!deliverers_.count(channel)) {
            deliverers_[channel] = deliver_through(channels::make_outbox_channel(channel));
        }
    }
}

std::vector<std::string> DeliveryWorkflow::job_types() const { return {job_types::kDeliverMessage}; }

void DeliveryWorkflow::handle(const Job& job) {
    auto& s = services_;
    const auto& org = job.org_id;
    const auto id = job.payload.value("message_id", "");
    const auto msg = s.store.read_result([&](Transaction& tx) { return tx.get<Message>(org, id); });
    if (!msg.provider_message_id.empty() || msg.status == DeliveryStatus::kSuppressed) return;
    std::string provider_id;
    std::string error;
    try {
        provider_id = deliverers_.at(msg.channel)(org, msg);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::kUnavailable) throw;  // retried with backoff
        error = e.what();
    }
    const auto now = s.clock->now();
    s.store.write([&](Transaction& tx) {
        auto m = tx.get<Message>(org, id);
        if (!m.provider_message_id.empty()) return;
        AuditEvent a;
        a.at = now;
        a.actor = "system";
        a.entity_kind = "message";
        a.entity_id = m.id.str();
        a.correlation_id = job.correlation_id;
        if (error.empty()) {
            m.provider_message_id = provider_id;
            // A status callback may have arrived first (delivered...): never move backwards.
            if (channels::should_apply_status(m.status, DeliveryStatus::kSent)) m.status = DeliveryStatus::kSent;
            a.action = "message.sent";
            a.data = {{"provider_message_id", provider_id}, {"channel", enum_name(m.channel)}};
        } else {
            m.status = DeliveryStatus::kFailed;
            a.action = "message.failed";
            a.data = {{"error", error}};
        }
        tx.put(org, m);
        record_decision(tx, org, std::move(a),
                        Json{{"message_id", m.id.str()},
                             {"channel", enum_name(m.channel)},
                             {"work_order_id", m.work_order_id ? m.work_order_id->str() : ""}});
    });
}

}  // namespace propos

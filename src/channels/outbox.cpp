// The offline outbox channel: records, sends nothing.
#include "propos/channels/outbox.hpp"

#include <map>
#include <mutex>
#include <set>

#include "core/log.hpp"
#include "propos/core/error.hpp"

namespace propos::channels {
namespace {

class OutboxChannel final : public OutboundChannel {
public:
    explicit OutboxChannel(Channel channel) : channel_(channel) {}

    Channel channel() const noexcept override { return channel_; }
    std::string_view provider() const noexcept override { return "outbox"; }

    SendResult send(const OutboundMessage& message) override {
        if (message.idempotency_key.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "outbox: the message has no idempotency key");
        }
        std::lock_guard lock(mu_);
        if (auto known = find_locked(message.idempotency_key)) {
            known->duplicate = true;
            known->attempts = 0;
            return *known;
        }
        sent_.insert(message.idempotency_key);
        propos::detail::logger()->debug("outbox: recorded {}", message.idempotency_key);
        return recorded(message.idempotency_key);
    }

    std::optional<SendResult> find_sent(std::string_view idempotency_key) const override {
        std::lock_guard lock(mu_);
        return find_locked(idempotency_key);
    }

    void remember(std::string_view idempotency_key, const SendResult& result) override {
        std::lock_guard lock(mu_);
        remembered_[std::string(idempotency_key)] = result;
    }

private:
    // What the outbox answers for a key: the same every time, so only the key is kept (a long
    // run records many messages).
    static SendResult recorded(std::string_view key) {
        SendResult r;
        r.provider = "outbox";
        r.provider_message_id = "outbox:" + std::string(key);
        r.status = DeliveryStatus::kSent;
        r.provider_status = "recorded";
        r.attempts = 1;
        return r;
    }

    std::optional<SendResult> find_locked(std::string_view key) const {
        if (auto it = remembered_.find(key); it != remembered_.end()) return it->second;
        if (sent_.find(key) != sent_.end()) return recorded(key);
        return std::nullopt;
    }

    Channel channel_;
    mutable std::mutex mu_;
    std::set<std::string, std::less<>> sent_;
    std::map<std::string, SendResult, std::less<>> remembered_;
};

}  // namespace

std::unique_ptr<OutboundChannel> make_outbox_channel(Channel channel) {
    return std::make_unique<OutboxChannel>(channel);
}

}  // namespace propos::channels

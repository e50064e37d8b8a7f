/// @file delivery.hpp
/// @brief The delivery unit: the handler of `message.deliver` jobs. It sends a queued outbound
/// message through the `Deliverer` of its channel — a host's provider (e.g.
/// `make_channel_deliverer` over a Twilio or SendGrid `OutboundChannel`), else the offline outbox
/// (`channels::make_outbox_channel`) — and records the outcome: the provider message id and
/// status sent with a `message.sent` audit entry and event, or status failed with
/// `message.failed`, written together by `record_decision`.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "propos/channels/outbound.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

/// @brief Delivers one outbound message. Implementations: Twilio, SendGrid (channels layer), or the
/// default outbox that only records. Returns the provider's message id; throws `Error(kUnavailable)`
/// for a failure worth retrying and any other `Error` for a permanent failure. Must be thread-safe.
/// The Coordinator never calls it twice for a message that already has a provider id (idempotent
/// retries), and passes the message id as the idempotency key.
using Deliverer = std::function<std::string(const OrgId& org, const Message& message)>;

/// @brief A `Deliverer` that sends `channels::to_outbound_message(message)` through `channel` and
/// returns its provider message id (errors as the channel throws them). Throws
/// `Error(kInvalidArgument)` for a null channel. The deliverer shares ownership of `channel`.
PROPOS_EXPORT Deliverer deliver_through(std::shared_ptr<channels::OutboundChannel> channel);

/// @brief The delivery unit (job type `message.deliver`).
class PROPOS_EXPORT DeliveryWorkflow final : public Workflow {
public:
    /// @brief `deliverers`: per channel; a channel without one (or with an empty one) is delivered
    /// to the offline outbox. `services` must outlive the unit.
    DeliveryWorkflow(const WorkflowServices& services, std::map<Channel, Deliverer> deliverers);

    std::string name() const override { return "delivery"; }
    std::vector<std::string> job_types() const override;
    /// @brief Sends the job's message unless it already has a provider id or was suppressed.
    /// A `kUnavailable` error is rethrown (the job is retried with backoff); any other error marks
    /// the message failed.
    void handle(const Job& job) override;

    /// @brief True when every channel goes to the outbox (nothing leaves the process, so delivery
    /// jobs may share a group commit).
    bool records_only() const noexcept { return records_only_; }

private:
    const WorkflowServices& services_;
    std::map<Channel, Deliverer> deliverers_;
    bool records_only_ = true;
};

}  // namespace propos

/// @file outbox.hpp
/// @brief The offline outbox: an `OutboundChannel` that sends nothing anywhere. It accepts every
/// message and answers with provider "outbox" and provider message id "outbox:<idempotency key>",
/// so the Coordinator records the message as sent and demos, tests and hosts without a provider
/// read it from `Coordinator::outbox()`. It is the default delivery of every channel that has no
/// real provider configured (`CoordinatorOptions::deliverers`).
#pragma once

#include <memory>

#include "propos/channels/outbound.hpp"

namespace propos::channels {

/// @brief Makes an outbox for `channel` (kSms, kEmail, kPortal...). `send` never fails for a
/// message that has an idempotency key (else `Error(kInvalidArgument)`); a key sent before is
/// answered as a duplicate, as by every `OutboundChannel`. Nothing is logged but the key at debug
/// level. Thread-safe. The caller owns the channel.
PROPOS_EXPORT std::unique_ptr<OutboundChannel> make_outbox_channel(Channel channel);

}  // namespace propos::channels

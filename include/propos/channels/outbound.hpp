/// @file outbound.hpp
/// @brief `OutboundChannel`: delivers one outbound message through a provider (Twilio SMS,
/// SendGrid email), at most once per idempotency key within the channel's lifetime.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/export.hpp"
#include "propos/model/message.hpp"
#include "propos/model/portfolio.hpp"

namespace propos::channels {

/// @brief One message to send.
struct OutboundMessage {
    Channel channel = Channel::kSms;
    /// Required. The same key is never sent twice by one channel object (use the PropOS message id).
    std::string idempotency_key;
    /// Recipient: a phone number (normalized to E.164 before sending) or an email address.
    std::string to;
    /// Sender; empty: the channel's configured default (Twilio From / messaging service, SendGrid
    /// from address).
    std::string from;
    std::string subject;  ///< Email: required.
    std::string text;     ///< The body. SMS: at most 1600 characters; required unless media_urls.
    std::string html;     ///< Email: optional HTML alternative.
    std::vector<std::string> media_urls;  ///< MMS: public URLs Twilio fetches (at most 10).
    /// Email threading: the Message-ID this answers and the References chain (no angle brackets
    /// needed; they are added).
    std::string in_reply_to;
    std::vector<std::string> references;
    /// Email: extra headers (e.g. "Message-ID" from `make_message_id`). Reserved headers
    /// (To, From, Subject, Content-Type...) are rejected by SendGrid.
    std::map<std::string, std::string> headers;
    /// Email: SendGrid custom_args, echoed back in Event Webhook events (the channel adds
    /// "propos_key" = idempotency key). Ignored by Twilio.
    std::map<std::string, std::string> metadata;
    /// SMS: status callback URL for this message; empty: the channel's default (if any).
    std::string status_callback;
};

/// @brief What a provider answered for an accepted message.
struct SendResult {
    std::string provider;             ///< "twilio", "sendgrid".
    std::string provider_message_id;  ///< Twilio sid "SM..."; SendGrid X-Message-Id.
    DeliveryStatus status = DeliveryStatus::kQueued;  ///< Usually kQueued (accepted, not yet sent).
    std::string provider_status;      ///< As the provider said it ("queued", "accepted"...).
    /// True when an earlier send with the same idempotency key answered this (nothing was sent now).
    bool duplicate = false;
    int attempts = 0;                 ///< HTTP attempts made (0 for a duplicate).
    int http_status = 0;
};

/// @brief Delivers messages through one provider.
///
/// `send` either returns a `SendResult` (the provider accepted the message) or throws
/// `propos::Error`: kUnavailable when it may succeed later (429/5xx after the retries, network
/// failure), kPermissionDenied for rejected credentials (401/403), kFailedPrecondition when the
/// recipient opted out or is blocked at the provider, kInvalidArgument when the message or
/// recipient is malformed or the provider rejected it (other 4xx). Errors never contain the body.
///
/// Idempotency: a key whose send succeeded is answered from memory (duplicate = true) for the
/// lifetime of the object, also when two threads send it concurrently (the second waits for the
/// first). A send that threw does not consume the key, so the caller may retry it. The durable
/// guarantee across restarts is the caller's: store the provider message id, and `remember` the
/// keys already sent when building a new channel. Thread-safe: any method from any thread.
class PROPOS_EXPORT OutboundChannel {
public:
    virtual ~OutboundChannel() = default;
    OutboundChannel() = default;
    OutboundChannel(const OutboundChannel&) = delete;
    OutboundChannel& operator=(const OutboundChannel&) = delete;

    /// @brief The channel this delivers on (kSms, kEmail).
    virtual Channel channel() const noexcept = 0;
    /// @brief The provider name ("twilio", "sendgrid").
    virtual std::string_view provider() const noexcept = 0;
    /// @brief Sends `message` (see the class comment for results and errors).
    virtual SendResult send(const OutboundMessage& message) = 0;
    /// @brief The result remembered for `idempotency_key`, if it was sent (or remembered).
    virtual std::optional<SendResult> find_sent(std::string_view idempotency_key) const = 0;
    /// @brief Marks `idempotency_key` as already sent with `result` (e.g. loaded from the store
    /// after a restart); later sends with that key return it as a duplicate.
    virtual void remember(std::string_view idempotency_key, const SendResult& result) = 0;
};

/// @brief An outbound message for a stored `Message`: idempotency key = message id, channel, to,
/// from, subject, text = body. Media blob keys are not URLs and are not carried over.
PROPOS_EXPORT OutboundMessage to_outbound_message(const Message& message);

/// @brief A Message-ID for an outbound email, "<key@domain>" with characters outside
/// [A-Za-z0-9._-] in `key` replaced by '.'; replies carry it back in In-Reply-To, so the thread can
/// be found by `thread_match_keys`. Throws `Error(kInvalidArgument)` for an empty key or domain.
PROPOS_EXPORT std::string make_message_id(std::string_view key, std::string_view domain);

}  // namespace propos::channels

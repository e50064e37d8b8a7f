/// @file inbound.hpp
/// @brief `InboundMessage` (a tenant's or vendor's SMS or email, normalized from any provider),
/// `DeliveryUpdate` (a provider's report on an outbound message) and `WebhookResult`, what every
/// webhook handler of the channels layer returns to the host.
///
/// The handlers (`handle_twilio_webhook`, `handle_sendgrid_inbound`, `handle_sendgrid_events`) are
/// pure library functions: the host's HTTP layer hands them the request as received (method, full
/// URL, headers, raw body) and answers with `WebhookResult::http_status` and `response_body`. They
/// verify and parse only; storing the raw payload, deduplicating by `provider_message_id`, matching
/// the sender to a tenant and running the workflow are the Coordinator's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/message.hpp"
#include "propos/model/portfolio.hpp"

namespace propos::channels {

/// @brief An attachment of an inbound message (MMS picture, email attachment).
///
/// Exactly one of `blob_key` (the bytes are in the `BlobStore`) or `url` (the provider still holds
/// them, e.g. a Twilio MediaUrl not fetched yet) is normally set; `error` says why an attachment
/// could not be kept (too large, store failure) and then neither may be set.
struct MediaItem {
    std::string content_type;  ///< e.g. "image/jpeg" (lower case, no parameters).
    std::string filename;      ///< As sent, or derived from the URL; may be empty.
    std::string blob_key;      ///< `BlobStore` key ("sha256:<hex>") once stored.
    std::string url;           ///< Provider URL (Twilio MediaUrlN); empty for email attachments.
    std::uint64_t size = 0;    ///< Bytes; 0 when unknown (not downloaded yet).
    std::string content_id;    ///< Email inline image id (cid), without angle brackets.
    std::string error;         ///< Why it was not stored; empty when all is well.
    bool operator==(const MediaItem&) const = default;
};

/// @brief What an inbound SMS is, when its whole text is a carrier keyword.
enum class SmsKeyword {
    kNone,   ///< An ordinary message.
    kStop,   ///< STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE: opt out of SMS.
    kStart,  ///< START, UNSTOP (and YES from an opted-out sender): opt back in.
    kHelp,   ///< HELP, INFO.
};

/// @brief The stable name of a keyword: "none", "stop", "start", "help".
PROPOS_EXPORT std::string_view to_string(SmsKeyword keyword) noexcept;

/// @brief A message as it arrived, normalized across providers, before PropOS knows who sent it.
///
/// `text` and `raw_text` are personal data: never log them above debug level.
struct InboundMessage {
    std::string provider;             ///< "twilio", "sendgrid", "portal", "cli".
    /// Deduplication key: Twilio MessageSid; for email the Message-ID header, else "sha256:<hex of
    /// the raw payload>". Never empty in a handler's result.
    std::string provider_message_id;
    Channel channel = Channel::kSms;
    /// Sender: E.164 phone ("+14155550100") for SMS; lower-case address for email (see
    /// `normalize_phone` / `normalize_email`). When a phone cannot be normalized it is kept as sent.
    std::string from;
    std::string from_name;            ///< Email display name ("Maria Lopez"); empty for SMS.
    std::string to;                   ///< Our number / address the message was sent to, normalized.
    std::string subject;              ///< Email subject (decoded); empty for SMS.
    /// What the agent sees: for email the reply without quoted history and signature (see
    /// `strip_quoted_reply`), else the body. Valid UTF-8.
    std::string text;
    std::string raw_text;             ///< The full text body as received (UTF-8).
    Timestamp received_at{};          ///< When the handler ran (providers give no reliable time).
    std::vector<MediaItem> media;
    /// Email threading: this message's Message-ID, the one it answers (In-Reply-To) and its
    /// References chain, all without angle brackets. Empty for SMS.
    std::string message_id;
    std::string in_reply_to;
    std::vector<std::string> references;
    SmsKeyword keyword = SmsKeyword::kNone;  ///< For SMS: STOP/START/HELP (YES is left to the caller).
    /// Provider details worth keeping (Twilio AccountSid, FromCity...; SendGrid envelope, SPF,
    /// spam score, Date header). Never contains the body.
    Json metadata = Json::object();
    bool operator==(const InboundMessage&) const = default;
};

/// @brief The ids an email may answer, best first: In-Reply-To, then References from the newest.
/// The Coordinator looks each up among the provider message ids / Message-IDs of its outbound
/// messages to attach the reply to its thread. Empty for SMS (thread SMS by phone number instead).
PROPOS_EXPORT std::vector<std::string> thread_match_keys(const InboundMessage& message);

/// @brief A provider's report on an outbound message (Twilio status callback, SendGrid event).
struct DeliveryUpdate {
    std::string provider;             ///< "twilio" or "sendgrid".
    /// The id `OutboundChannel::send` returned (Twilio MessageSid; SendGrid X-Message-Id, the part
    /// of `sg_message_id` before the first '.').
    std::string provider_message_id;
    DeliveryStatus status = DeliveryStatus::kSent;
    std::string event;                ///< Provider's own name: "delivered", "bounce", "undelivered"...
    /// Provider event id for deduplication (SendGrid sg_event_id); empty when the provider has none.
    std::string event_id;
    Timestamp at{};                   ///< When the provider says it happened (else receipt time).
    std::string recipient;            ///< Normalized phone / email (personal data: mask in logs).
    std::string reason;               ///< Bounce/drop reason, Twilio ErrorCode; empty otherwise.
    bool engagement = false;          ///< open / click: the mail was delivered and read.
    bool opt_out = false;             ///< The recipient unsubscribed or reported spam.
    Json metadata = Json::object();   ///< custom_args (e.g. "propos_key"), url clicked, sg fields.
    bool operator==(const DeliveryUpdate&) const = default;
};

/// @brief How far along a delivery status is, for ignoring events that arrive out of order:
/// queued 1, sent 2, delivered 3, failed/suppressed 4 (final), received 0.
PROPOS_EXPORT int delivery_status_rank(DeliveryStatus status) noexcept;
/// @brief True when a message now in `current` should move to `update` (a later stage; a final
/// failure never reverts to delivered, and delivered is not overwritten by a late "sent").
PROPOS_EXPORT bool should_apply_status(DeliveryStatus current, DeliveryStatus update) noexcept;

/// @brief What a webhook handler made of a request.
enum class WebhookKind {
    kMessage,          ///< `message` holds an inbound message.
    kDeliveryUpdates,  ///< `updates` holds status reports on outbound messages.
    kIgnored,          ///< Valid, verified, but nothing to do (e.g. an event type we do not track).
    kDeadLetter,       ///< Unverifiable or unparseable: keep the raw payload as a dead letter.
};

/// @brief The stable name: "message", "delivery_updates", "ignored", "dead_letter".
PROPOS_EXPORT std::string_view to_string(WebhookKind kind) noexcept;

/// @brief The result of a webhook handler. Handlers never throw for bad input (only
/// `std::bad_alloc` may escape): every problem is a dead letter with a reason and an HTTP status.
struct WebhookResult {
    WebhookKind kind = WebhookKind::kDeadLetter;
    std::optional<InboundMessage> message;
    std::vector<DeliveryUpdate> updates;
    /// The status the host should answer: 200 on success; 400 unparseable, 401 signature missing,
    /// 403 signature invalid or timestamp outside the tolerance (replay), 405 wrong method,
    /// 413 body too large, 415 wrong content type, 422 valid but unusable (unknown number,
    /// invalid UTF-8), 500 handler misconfigured (no auth token / key).
    int http_status = 200;
    std::string response_content_type;  ///< e.g. "text/xml" for TwiML; empty with an empty body.
    std::string response_body;          ///< e.g. an empty TwiML `<Response/>`.
    /// Why this is a dead letter (never contains the body or secrets); empty otherwise.
    std::string dead_letter_reason;
    /// The kind of failure for a dead letter: kPermissionDenied (signature, replay),
    /// kInvalidArgument (parse, content type, method, UTF-8, unknown number), kResourceExhausted
    /// (size), kFailedPrecondition (misconfigured handler).
    ErrorCode error_code = ErrorCode::kInvalidArgument;
    /// Non-fatal problems (an attachment too large to keep, an unknown event type skipped).
    std::vector<std::string> warnings;
    /// The source name and content type under which the raw payload should be stored
    /// (e.g. "twilio", "application/x-www-form-urlencoded").
    std::string source;
    std::string content_type;

    /// @brief True unless this is a dead letter.
    bool ok() const noexcept { return kind != WebhookKind::kDeadLetter; }
};

/// @brief JSON form of an inbound message (for logs at debug level, fixtures and storage of
/// metadata). Timestamps are ISO-8601; `keyword` is its stable name.
PROPOS_EXPORT void to_json(Json& j, const InboundMessage& m);
PROPOS_EXPORT void from_json(const Json& j, InboundMessage& m);
PROPOS_EXPORT void to_json(Json& j, const MediaItem& m);
PROPOS_EXPORT void from_json(const Json& j, MediaItem& m);
PROPOS_EXPORT void to_json(Json& j, const DeliveryUpdate& u);

}  // namespace propos::channels

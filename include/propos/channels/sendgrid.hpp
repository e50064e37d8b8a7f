/// @file sendgrid.hpp
/// @brief SendGrid email: Inbound Parse webhook (parsed multipart/form-data or raw MIME, through
/// GMime), Event Webhook (ECDSA P-256 signed delivery events) and the v3 Mail Send client
/// (`OutboundChannel`).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "propos/channels/blob_store.hpp"
#include "propos/channels/inbound.hpp"
#include "propos/channels/outbound.hpp"
#include "propos/core/http.hpp"
#include "propos/export.hpp"

namespace propos::channels {

/// @brief Verifies a SendGrid Event Webhook signature: ECDSA P-256 with SHA-256 over
/// `timestamp + payload`, where `public_key_b64` is the base64 SubjectPublicKeyInfo DER from the
/// SendGrid settings page and `signature_b64` the base64 DER signature
/// (X-Twilio-Email-Event-Webhook-Signature). Checks only the cryptography, not the timestamp's
/// age (`handle_sendgrid_events` does). Returns false (never throws) for malformed keys or
/// signatures, keys of another curve, or a mismatch.
PROPOS_EXPORT bool verify_sendgrid_signature(std::string_view public_key_b64,
                                             std::string_view timestamp,
                                             std::string_view signature_b64,
                                             std::string_view payload);

/// @brief Options of `handle_sendgrid_inbound`.
struct SendGridInboundOptions {
    /// Where attachments go. Default: none — attachments are listed (name, type, size) with
    /// `error` "no blob store configured" and their bytes dropped.
    std::shared_ptr<BlobStore> blob_store;
    /// Larger bodies are dead letters (413). Default: 32 MiB (SendGrid accepts up to 30 MB mail).
    std::size_t max_body_bytes = 32u << 20;
    /// Larger attachments are listed with `error` set and not stored. Default: 10 MiB.
    std::uint64_t max_attachment_bytes = 10u << 20;
    /// Attachments beyond this count are listed with `error` set and not stored. Default: 20.
    std::size_t max_attachments = 20;
    /// Our receiving addresses (any case); when not empty, mail to none of them (envelope "to" or
    /// To header) is a dead letter "unknown recipient". Default: any.
    std::set<std::string> our_addresses;
    /// When not empty, the URL query must carry `token=<this secret>` (compared in constant time;
    /// else a dead letter, 403). Inbound Parse has no signature: a secret URL, plus basic auth at
    /// the host, is the usual protection. Default: "" (not checked).
    std::string url_token;
};

/// @brief Handles an Inbound Parse POST (multipart/form-data). Both forms are understood: parsed
/// fields (headers, from, to, subject, text, html, envelope, charsets, attachment-info,
/// attachment1..N) and "Send Raw" (`email` holds the whole MIME message). Text is converted to
/// UTF-8 by the declared charsets (invalid UTF-8 is a dead letter), the agent's `text` has quoted
/// history and signature stripped (HTML-only mail is converted to text first), threading headers
/// (Message-ID, In-Reply-To, References) are read from the headers, and attachments are saved to
/// the blob store. Answers 200 with an empty body. Never throws for bad input.
PROPOS_EXPORT WebhookResult handle_sendgrid_inbound(const SendGridInboundOptions& options,
                                                    std::string_view method, std::string_view url,
                                                    const HttpHeaders& headers,
                                                    std::string_view body, Timestamp now);

/// @brief Options of `handle_sendgrid_events`.
struct SendGridEventOptions {
    /// The verification key (base64 SubjectPublicKeyInfo DER). Required while `verify_signature`.
    std::string public_key;
    /// Check the signature and timestamp. Default: true. Turn off only for local tests.
    bool verify_signature = true;
    /// Requests whose timestamp is further than this from `now` (either way) are rejected as
    /// replays. Default: 10 minutes.
    Millis timestamp_tolerance{10 * 60 * 1000};
    /// Larger bodies are dead letters (413). Default: 8 MiB.
    std::size_t max_body_bytes = 8u << 20;
};

/// @brief Handles an Event Webhook POST (a JSON array of events). processed/deferred -> kQueued,
/// delivered -> kDelivered, open/click -> kDelivered with `engagement`, bounce/blocked -> kFailed,
/// dropped -> kSuppressed when the address is on a suppression list (unsubscribed, bounced, spam
/// reporting) else kFailed, spamreport/unsubscribe/group_unsubscribe -> kSuppressed with `opt_out`.
/// Other event types are skipped with a warning; an array with nothing we track is kIgnored.
/// Never throws for bad input.
PROPOS_EXPORT WebhookResult handle_sendgrid_events(const SendGridEventOptions& options,
                                                   std::string_view method, std::string_view url,
                                                   const HttpHeaders& headers,
                                                   std::string_view body, Timestamp now);

/// @brief Options of the SendGrid v3 Mail Send client.
struct SendGridOptions {
    std::string api_key;     ///< Required (secret, "SG....").
    std::string from_email;  ///< Default sender address (verified in SendGrid). Required unless
                             ///< every message sets `from`.
    std::string from_name;   ///< Display name; empty: none.
    std::string reply_to;    ///< Reply-To address (e.g. the Inbound Parse address); empty: none.
    /// API base URL (tests point it at a loopback server). Default: "https://api.sendgrid.com".
    std::string base_url = "https://api.sendgrid.com";
    RetryPolicy retry;       ///< Default: `RetryPolicy{}`.
    Sleeper sleeper;         ///< Default (empty): really sleep.
    Millis timeout{30000};   ///< Per-request timeout. Default: 30 s.
};

/// @brief A SendGrid email channel: `POST {base_url}/v3/mail/send` with a bearer key and a JSON
/// body (personalizations, from, reply_to, subject, content text/plain [+ text/html], headers
/// In-Reply-To/References and extras, custom_args with "propos_key"); success is 202 with the
/// X-Message-Id header. Throws `Error(kInvalidArgument)` when the key or default sender is
/// missing. The channel shares `http`; the caller owns the result.
PROPOS_EXPORT std::unique_ptr<OutboundChannel> make_sendgrid_channel(std::shared_ptr<HttpClient> http,
                                                                    SendGridOptions options);

}  // namespace propos::channels

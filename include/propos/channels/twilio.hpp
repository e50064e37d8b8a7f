/// @file twilio.hpp
/// @brief Twilio SMS/MMS: request signature verification, the inbound-message and status-callback
/// webhook handler (with TwiML answers), media download into a `BlobStore`, and the Messages API
/// client (`OutboundChannel`).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "propos/channels/blob_store.hpp"
#include "propos/channels/inbound.hpp"
#include "propos/channels/outbound.hpp"
#include "propos/core/http.hpp"
#include "propos/export.hpp"

namespace propos::channels {

/// @brief Form parameters of a request; repeated keys are allowed.
using FormParams = std::multimap<std::string, std::string>;

/// @brief The X-Twilio-Signature Twilio sends for `url` and `params`: base64(HMAC-SHA1(auth_token,
/// url + every key+value sorted by key, then value)). For JSON bodies pass no params.
PROPOS_EXPORT std::string compute_twilio_signature(std::string_view url, std::string_view auth_token,
                                                   const FormParams& params);

/// @brief True when `signature` is one base64 value (letters, digits, '+', '/', '='), nothing
/// else: no whitespace, no newline. `verify_twilio_signature` refuses any other signature.
PROPOS_EXPORT bool twilio_signature_well_formed(std::string_view signature) noexcept;

/// @brief Verifies an X-Twilio-Signature, as Twilio's own validators do.
///
/// Form posts: pass the decoded POST parameters in `params` and no `body`. JSON posts: pass the raw
/// `body`; the URL must then carry `bodySHA256=<hex SHA-256 of body>`, which must match, and the
/// signature covers the URL alone (`params` is ignored). The URL is tried as given, with the
/// default port added (":443" for https, ":80" for http) or with its port removed, and with "'"
/// and "%27" swapped in the query, because proxies rewrite these. Comparison is constant-time.
/// Returns false (never throws) for an empty token or signature, a signature that is not one
/// base64 value once the spaces and tabs around it are removed (e.g. it ends in a newline: see
/// `twilio_signature_well_formed`), or any mismatch.
PROPOS_EXPORT bool verify_twilio_signature(std::string_view url, std::string_view auth_token,
                                           std::string_view signature, const FormParams& params,
                                           std::optional<std::string_view> body = std::nullopt);

/// @brief Options of `handle_twilio_webhook`.
struct TwilioWebhookOptions {
    /// The account's auth token (secret). Required while `verify_signature` is on.
    std::string auth_token;
    /// Check X-Twilio-Signature. Default: true. Turn off only for local tests.
    bool verify_signature = true;
    /// When set, the request's AccountSid must equal it (else a dead letter). Default: any.
    std::string account_sid;
    /// The organization's own numbers (any format); when not empty, a message or status for another
    /// number is a dead letter "unknown number". Default: any.
    std::set<std::string> our_numbers;
    /// Larger bodies are dead letters (413). Default: 256 KiB (a 1600-character SMS with ten media
    /// URLs is well under 16 KiB).
    std::size_t max_body_bytes = 256u << 10;
    /// Default region for numbers without a country code. Default: "1".
    std::string default_country_code = "1";
};

/// @brief Handles a Twilio webhook: an inbound SMS/MMS (MessageSid, From, To, Body, NumMedia,
/// MediaUrlN, MediaContentTypeN...) becomes a `kMessage` with an empty TwiML answer
/// (`<Response></Response>`, text/xml) that the host may replace with `twiml_message(...)`; a status
/// callback (MessageStatus queued/sent/delivered/undelivered/failed/read) becomes a
/// `kDeliveryUpdates`. Accepts application/x-www-form-urlencoded (and JSON with bodySHA256) POSTs.
/// `url` is the full URL Twilio called (scheme, host, port, path and query, as configured in the
/// Twilio console); `now` stamps `received_at`. Media stay URLs: see `fetch_twilio_media`.
/// Never throws for bad input (see `WebhookResult`).
PROPOS_EXPORT WebhookResult handle_twilio_webhook(const TwilioWebhookOptions& options,
                                                  std::string_view method, std::string_view url,
                                                  const HttpHeaders& headers, std::string_view body,
                                                  Timestamp now);

/// @brief A TwiML document answering with one SMS (`text` XML-escaped) and optional media URLs.
PROPOS_EXPORT std::string twiml_message(std::string_view text,
                                        const std::vector<std::string>& media_urls = {});
/// @brief The empty TwiML document `<?xml ...?><Response></Response>` (no reply).
PROPOS_EXPORT std::string twiml_empty();

/// @brief Credentials and limits for `fetch_twilio_media`.
struct TwilioMediaOptions {
    std::string account_sid;
    std::string auth_token;
    /// Largest media file kept; a larger one is left as a URL with `error` set. Default: 5 MiB
    /// (Twilio's MMS limit).
    std::uint64_t max_bytes = 5u << 20;
    /// Redirects followed (Twilio answers media URLs with a redirect to storage). Default: 3.
    int max_redirects = 3;
};

/// @brief Downloads each media item of `message` that has a URL and no blob key into `blobs`,
/// setting `blob_key` and `size` (or `error` when it fails or is too large; the others are still
/// tried). Sends basic auth only to the media URL's own host, never to a redirect target. Returns
/// how many items were stored. Throws only `Error(kInvalidArgument)` when credentials are missing.
PROPOS_EXPORT int fetch_twilio_media(HttpClient& http, BlobStore& blobs,
                                     const TwilioMediaOptions& options, InboundMessage& message);

/// @brief Options of the Twilio Messages API client.
struct TwilioOptions {
    std::string account_sid;  ///< Required ("AC...").
    std::string auth_token;   ///< Required (secret).
    /// Default sender: a phone number; or leave empty and set `messaging_service_sid`.
    std::string from;
    std::string messaging_service_sid;  ///< "MG..."; used when neither message nor options give from.
    /// Default StatusCallback URL for sent messages; empty: none.
    std::string status_callback;
    /// API base URL (tests point it at a loopback server). Default: "https://api.twilio.com".
    std::string base_url = "https://api.twilio.com";
    /// Retries on 429/5xx and network failures (see `send_with_retry`). Default: `RetryPolicy{}`.
    RetryPolicy retry;
    /// How to wait between retries. Default (empty): really sleep.
    Sleeper sleeper;
    /// Per-request timeout. Default: 30 s.
    Millis timeout{30000};
    /// Default region for `to` numbers without a country code. Default: "1".
    std::string default_country_code = "1";
};

/// @brief A Twilio SMS/MMS channel: `POST {base_url}/2010-04-01/Accounts/{AccountSid}/Messages.json`
/// with To, From (or MessagingServiceSid), Body, MediaUrl, StatusCallback and basic auth; expects
/// 201 with JSON `sid` and `status`. Twilio error 21610 (recipient replied STOP) and 21614/21211
/// (not a mobile / invalid number) map to kFailedPrecondition / kInvalidArgument. Throws
/// `Error(kInvalidArgument)` when the account sid, auth token or a sender is missing. The channel
/// shares `http` (which must outlive it); the caller owns the result.
PROPOS_EXPORT std::unique_ptr<OutboundChannel> make_twilio_channel(std::shared_ptr<HttpClient> http,
                                                                  TwilioOptions options);

}  // namespace propos::channels

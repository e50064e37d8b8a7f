/// @file webhook_auth.hpp
/// @brief Authentication of provider webhooks on their own, before anything is stored or parsed
/// (issue 23): a host checks the signature or token of a request first, keeps the raw body only
/// when it passes, and records a failure as a count with a bounded sample of its body.
///
/// Each function checks only what proves the request came from the provider (a signature, a
/// secret token, a replay window) and whether the route is configured at all; the full handlers
/// (`handle_twilio_webhook`, `handle_sendgrid_inbound`, `handle_sendgrid_events`) check it again
/// and parse. None of them throws for bad input; none reads anything but its arguments.
#pragma once

#include <string>
#include <string_view>

#include "propos/channels/sendgrid.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/core/error.hpp"
#include "propos/core/http.hpp"
#include "propos/core/time.hpp"
#include "propos/export.hpp"

namespace propos::channels {

/// @brief The verdict of a webhook authentication.
struct WebhookAuth {
    /// False when the route has no credentials configured (and verification is on): the host
    /// should answer 404 and keep nothing.
    bool configured = true;
    /// True when the request is authentic (or verification is turned off in the options).
    bool ok = false;
    /// The status to answer when not ok: 401 (signature or token missing), 403 (wrong, or outside
    /// the replay window), 400 (a form body that cannot be read to check its signature), 404
    /// (not configured).
    int http_status = 200;
    /// kPermissionDenied, kInvalidArgument (unreadable body) or kNotFound (not configured).
    ErrorCode error_code = ErrorCode::kPermissionDenied;
    /// Why (never the body or a secret); empty when ok.
    std::string reason;
};

/// @brief Checks X-Twilio-Signature of a Twilio webhook: `url` is the URL Twilio signed (the
/// public URL behind a proxy), form bodies are decoded to their parameters, JSON bodies are
/// checked with their bodySHA256. Not configured: `verify_signature` on and no `auth_token`.
PROPOS_EXPORT WebhookAuth authenticate_twilio_webhook(const TwilioWebhookOptions& options,
                                                      std::string_view url,
                                                      const HttpHeaders& headers,
                                                      std::string_view body);

/// @brief Checks the `token` query parameter of an Inbound Parse request against `url_token`
/// (constant time). Not configured: neither `url_token` nor `our_addresses` set. Configured with
/// `our_addresses` only, the route is open (Inbound Parse is unsigned): every request passes.
PROPOS_EXPORT WebhookAuth authenticate_sendgrid_inbound(const SendGridInboundOptions& options,
                                                        std::string_view url);

/// @brief Checks the ECDSA signature and the timestamp (within `timestamp_tolerance` of `now`)
/// of an Event Webhook request. Not configured: `verify_signature` on and no `public_key`.
PROPOS_EXPORT WebhookAuth authenticate_sendgrid_events(const SendGridEventOptions& options,
                                                       const HttpHeaders& headers,
                                                       std::string_view body, Timestamp now);

}  // namespace propos::channels

// Webhook authentication before storage (issue 23): the checks of the handlers, on their own.
#include "propos/channels/webhook_auth.hpp"

#include <charconv>

#include "propos/core/crypto.hpp"
#include "util.hpp"

namespace propos::channels {
namespace {

WebhookAuth deny(int status, ErrorCode code, std::string reason) {
    WebhookAuth a;
    a.ok = false;
    a.http_status = status;
    a.error_code = code;
    a.reason = std::move(reason);
    return a;
}

WebhookAuth not_configured(std::string what) {
    auto a = deny(404, ErrorCode::kNotFound, std::move(what));
    a.configured = false;
    return a;
}

WebhookAuth pass() {
    WebhookAuth a;
    a.ok = true;
    return a;
}

}  // namespace

WebhookAuth authenticate_twilio_webhook(const TwilioWebhookOptions& options, std::string_view url,
                                        const HttpHeaders& headers, std::string_view body) {
    if (!options.verify_signature) return pass();
    if (options.auth_token.empty())
        return not_configured("no Twilio auth token is configured for this organization");
    const auto signature = find_header(headers, "X-Twilio-Signature");
    if (signature.empty())
        return deny(401, ErrorCode::kPermissionDenied, "missing X-Twilio-Signature header");
    const bool is_json = detail::media_type(find_header(headers, "Content-Type")) == "application/json";
    bool ok = false;
    if (is_json) {
        ok = verify_twilio_signature(url, options.auth_token, signature, {}, body);
    } else {
        auto form = detail::parse_form(body);
        if (!form) {
            return deny(400, ErrorCode::kInvalidArgument,
                        "malformed form body (bad % escape): its signature cannot be checked");
        }
        FormParams params;
        for (auto& [k, v] : *form) params.emplace(std::move(k), std::move(v));
        ok = verify_twilio_signature(url, options.auth_token, signature, params);
    }
    if (!ok) {
        return deny(403, ErrorCode::kPermissionDenied,
                    "X-Twilio-Signature does not match (check the auth token, and that the URL is "
                    "exactly the webhook URL configured in Twilio)");
    }
    return pass();
}

WebhookAuth authenticate_sendgrid_inbound(const SendGridInboundOptions& options,
                                          std::string_view url) {
    if (options.url_token.empty()) {
        if (options.our_addresses.empty()) {
            return not_configured(
                "SendGrid Inbound Parse is not configured for this organization (no token, no "
                "addresses)");
        }
        return pass();
    }
    std::string token;
    if (auto q = detail::parse_form(detail::url_query(url))) {
        for (const auto& [k, v] : *q) {
            if (k == "token") token = v;
        }
    }
    if (token.empty())
        return deny(401, ErrorCode::kPermissionDenied, "missing token in the webhook URL");
    if (!constant_time_equal(token, options.url_token))
        return deny(403, ErrorCode::kPermissionDenied, "wrong token in the webhook URL");
    return pass();
}

WebhookAuth authenticate_sendgrid_events(const SendGridEventOptions& options,
                                         const HttpHeaders& headers, std::string_view body,
                                         Timestamp now) {
    if (!options.verify_signature) return pass();
    if (options.public_key.empty()) {
        return not_configured(
            "no SendGrid Event Webhook verification key is configured for this organization");
    }
    const auto signature = find_header(headers, "X-Twilio-Email-Event-Webhook-Signature");
    const auto timestamp =
        std::string(detail::trim(find_header(headers, "X-Twilio-Email-Event-Webhook-Timestamp")));
    if (signature.empty() || timestamp.empty()) {
        return deny(401, ErrorCode::kPermissionDenied,
                    "missing X-Twilio-Email-Event-Webhook-Signature or -Timestamp header");
    }
    std::int64_t ts = 0;
    const auto res = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
    if (res.ec != std::errc() || res.ptr != timestamp.data() + timestamp.size())
        return deny(403, ErrorCode::kPermissionDenied, "malformed event webhook timestamp");
    const auto sent = Timestamp(std::chrono::seconds(ts));
    const auto skew = now > sent ? now - sent : sent - now;
    if (skew > options.timestamp_tolerance) {
        return deny(403, ErrorCode::kPermissionDenied,
                    "event webhook timestamp outside the " +
                        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                           options.timestamp_tolerance)
                                           .count()) +
                        " s tolerance (replayed or delayed request)");
    }
    if (!verify_sendgrid_signature(options.public_key, timestamp, signature, body)) {
        return deny(403, ErrorCode::kPermissionDenied,
                    "event webhook signature does not match (check the verification key)");
    }
    return pass();
}

}  // namespace propos::channels

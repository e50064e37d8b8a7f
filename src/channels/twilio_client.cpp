// Twilio Messages API client.
#include "channels/send_once.hpp"
#include "channels/util.hpp"
#include "core/log.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/text.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/core/json.hpp"
#include "propos/core/logging.hpp"

namespace propos::channels {
namespace {

DeliveryStatus status_of(std::string_view s) {
    if (s == "sending" || s == "sent") return DeliveryStatus::kSent;
    if (s == "delivered" || s == "read") return DeliveryStatus::kDelivered;
    if (s == "failed" || s == "undelivered" || s == "canceled") return DeliveryStatus::kFailed;
    return DeliveryStatus::kQueued;  // accepted, scheduled, queued
}

class TwilioChannel final : public OutboundChannel {
public:
    TwilioChannel(std::shared_ptr<HttpClient> http, TwilioOptions o)
        : http_(std::move(http)), options_(std::move(o)) {
        if (!http_) throw Error(ErrorCode::kInvalidArgument, "Twilio channel needs an HttpClient");
        if (options_.account_sid.empty() || options_.auth_token.empty()) {
            throw Error(ErrorCode::kInvalidArgument,
                        "Twilio channel needs the account sid and auth token");
        }
        if (options_.from.empty() && options_.messaging_service_sid.empty()) {
            throw Error(ErrorCode::kInvalidArgument,
                        "Twilio channel needs a default sender: set `from` or `messaging_service_sid`");
        }
        while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
    }

    Channel channel() const noexcept override { return Channel::kSms; }
    std::string_view provider() const noexcept override { return "twilio"; }

    SendResult send(const OutboundMessage& message) override {
        if (message.idempotency_key.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "outbound SMS needs an idempotency key");
        }
        return once_.run(message.idempotency_key, [&] { return do_send(message); });
    }

    std::optional<SendResult> find_sent(std::string_view key) const override { return once_.find(key); }
    void remember(std::string_view key, const SendResult& result) override { once_.remember(key, result); }

private:
    SendResult do_send(const OutboundMessage& m) {
        if (m.channel != Channel::kSms) {
            throw Error(ErrorCode::kInvalidArgument, "the Twilio channel sends SMS, not " +
                                                         std::string(enum_name(m.channel)));
        }
        const auto to = normalize_phone(m.to, options_.default_country_code);
        if (!to) {
            throw Error(ErrorCode::kInvalidArgument,
                        "recipient '" + mask_phone(m.to) + "' is not a phone number");
        }
        if (m.text.empty() && m.media_urls.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "SMS has neither text nor media");
        }
        if (!is_valid_utf8(m.text)) throw Error(ErrorCode::kInvalidArgument, "SMS text is not valid UTF-8");
        if (const auto n = utf8_length(m.text); n > 1600) {
            throw Error(ErrorCode::kInvalidArgument, "SMS text has " + std::to_string(n) +
                                                         " characters; Twilio accepts at most 1600");
        }
        if (m.media_urls.size() > 10) {
            throw Error(ErrorCode::kInvalidArgument, "MMS has " + std::to_string(m.media_urls.size()) +
                                                         " media URLs; Twilio accepts at most 10");
        }
        std::string body = "To=" + detail::form_encode(*to);
        if (!m.from.empty() || !options_.from.empty()) {
            const std::string& from = m.from.empty() ? options_.from : m.from;
            body += "&From=" + detail::form_encode(normalize_phone(from, options_.default_country_code).value_or(from));
        } else {
            body += "&MessagingServiceSid=" + detail::form_encode(options_.messaging_service_sid);
        }
        if (!m.text.empty()) body += "&Body=" + detail::form_encode(m.text);
        for (const auto& u : m.media_urls) body += "&MediaUrl=" + detail::form_encode(u);
        const auto& callback = m.status_callback.empty() ? options_.status_callback : m.status_callback;
        if (!callback.empty()) body += "&StatusCallback=" + detail::form_encode(callback);

        HttpRequest req;
        req.method = "POST";
        req.url = options_.base_url + "/2010-04-01/Accounts/" + options_.account_sid + "/Messages.json";
        req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
        req.body = std::move(body);
        req.basic_auth = options_.account_sid + ":" + options_.auth_token;
        req.timeout = options_.timeout;

        int attempts = 0;
        const auto resp = send_with_retry(*http_, req, options_.retry,
                                          options_.sleeper ? options_.sleeper : real_sleeper(), &attempts);
        if (resp.status == 200 || resp.status == 201) {
            Json j;
            try {
                j = Json::parse(resp.body);
            } catch (const Json::exception&) {
                throw Error(ErrorCode::kInternal,
                            "Twilio accepted the message (HTTP " + std::to_string(resp.status) +
                                ") but its answer is not JSON; check the message in the Twilio console "
                                "before retrying");
            }
            SendResult r;
            r.provider = "twilio";
            r.provider_message_id = j.value("sid", std::string());
            r.provider_status = j.value("status", std::string("queued"));
            r.status = status_of(r.provider_status);
            r.attempts = attempts;
            r.http_status = resp.status;
            if (r.provider_message_id.empty()) {
                throw Error(ErrorCode::kInternal, "Twilio accepted the message but returned no sid");
            }
            propos::detail::logger()->info("twilio: sent SMS {} to {} ({}, {} attempt(s))",
                                           r.provider_message_id, mask_phone(*to), r.provider_status,
                                           attempts);
            return r;
        }
        // Twilio errors: {"code": 21211, "message": "...", "more_info": "...", "status": 400}
        int code = 0;
        std::string text;
        try {
            const auto j = Json::parse(resp.body);
            code = j.value("code", 0);
            text = j.value("message", std::string());
        } catch (const Json::exception&) {
        }
        std::string what = "Twilio answered HTTP " + std::to_string(resp.status);
        if (code != 0) what += " (error " + std::to_string(code) + ")";
        if (!text.empty()) what += ": " + redact(text.substr(0, 300));
        propos::detail::logger()->warn("twilio: send to {} failed: {}", mask_phone(*to), what);
        if (resp.status == 401 || resp.status == 403) throw Error(ErrorCode::kPermissionDenied, what);
        if (is_retryable_status(resp.status)) throw Error(ErrorCode::kUnavailable, what);
        if (code == 21610) {
            throw Error(ErrorCode::kFailedPrecondition, what + " (the recipient replied STOP)");
        }
        throw Error(ErrorCode::kInvalidArgument, what);
    }

    std::shared_ptr<HttpClient> http_;
    TwilioOptions options_;
    detail::SendOnce once_;
};

}  // namespace

std::unique_ptr<OutboundChannel> make_twilio_channel(std::shared_ptr<HttpClient> http, TwilioOptions options) {
    return std::make_unique<TwilioChannel>(std::move(http), std::move(options));
}

}  // namespace propos::channels

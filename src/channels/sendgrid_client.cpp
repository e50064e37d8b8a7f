// SendGrid v3 Mail Send client.
#include "channels/send_once.hpp"
#include "channels/util.hpp"
#include "core/log.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/channels/text.hpp"
#include "propos/core/json.hpp"
#include "propos/core/logging.hpp"

namespace propos::channels {
namespace {

std::string angle(std::string_view id) {
    auto t = std::string(detail::trim(id));
    if (t.empty()) return t;
    if (t.front() != '<') t = "<" + t;
    if (t.back() != '>') t += ">";
    return t;
}

class SendGridChannel final : public OutboundChannel {
public:
    SendGridChannel(std::shared_ptr<HttpClient> http, SendGridOptions o)
        : http_(std::move(http)), options_(std::move(o)) {
        if (!http_) throw Error(ErrorCode::kInvalidArgument, "SendGrid channel needs an HttpClient");
        if (options_.api_key.empty()) throw Error(ErrorCode::kInvalidArgument, "SendGrid channel needs an API key");
        if (options_.from_email.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "SendGrid channel needs a default sender (from_email)");
        }
        if (!normalize_email(options_.from_email)) {
            throw Error(ErrorCode::kInvalidArgument, "SendGrid from_email '" + mask_email(options_.from_email) +
                                                         "' is not an email address");
        }
        while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
    }

    Channel channel() const noexcept override { return Channel::kEmail; }
    std::string_view provider() const noexcept override { return "sendgrid"; }

    SendResult send(const OutboundMessage& message) override {
        if (message.idempotency_key.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "outbound email needs an idempotency key");
        }
        return once_.run(message.idempotency_key, [&] { return do_send(message); });
    }
    std::optional<SendResult> find_sent(std::string_view key) const override { return once_.find(key); }
    void remember(std::string_view key, const SendResult& result) override { once_.remember(key, result); }

private:
    SendResult do_send(const OutboundMessage& m) {
        if (m.channel != Channel::kEmail) {
            throw Error(ErrorCode::kInvalidArgument, "the SendGrid channel sends email, not " +
                                                         std::string(enum_name(m.channel)));
        }
        const auto to = normalize_email(m.to);
        if (!to) throw Error(ErrorCode::kInvalidArgument, "recipient '" + mask_email(m.to) + "' is not an email address");
        if (detail::trim(m.subject).empty()) throw Error(ErrorCode::kInvalidArgument, "email needs a subject");
        if (m.text.empty() && m.html.empty()) throw Error(ErrorCode::kInvalidArgument, "email has no body");
        for (const auto* s : {&m.subject, &m.text, &m.html}) {
            if (!is_valid_utf8(*s)) throw Error(ErrorCode::kInvalidArgument, "email subject or body is not valid UTF-8");
        }
        const std::string from_raw = m.from.empty() ? options_.from_email : m.from;
        const auto from = normalize_email(from_raw);
        if (!from) throw Error(ErrorCode::kInvalidArgument, "sender '" + mask_email(from_raw) + "' is not an email address");

        Json from_j{{"email", *from}};
        if (m.from.empty() && !options_.from_name.empty()) from_j["name"] = options_.from_name;
        Json content = Json::array();
        content.push_back({{"type", "text/plain"}, {"value", m.text.empty() ? html_to_text(m.html) : m.text}});
        if (!m.html.empty()) content.push_back({{"type", "text/html"}, {"value", m.html}});
        Json body{{"personalizations", Json::array({Json{{"to", Json::array({Json{{"email", *to}}})}}})},
                  {"from", from_j},
                  {"subject", m.subject},
                  {"content", content}};
        if (!options_.reply_to.empty()) body["reply_to"] = Json{{"email", options_.reply_to}};
        Json hdrs = Json::object();
        for (const auto& [k, v] : m.headers) hdrs[k] = v;
        if (!m.in_reply_to.empty()) hdrs["In-Reply-To"] = angle(m.in_reply_to);
        if (!m.references.empty()) {
            std::string refs;
            for (const auto& r : m.references) refs += (refs.empty() ? "" : " ") + angle(r);
            hdrs["References"] = refs;
        }
        if (!hdrs.empty()) body["headers"] = hdrs;
        Json args = Json::object();
        for (const auto& [k, v] : m.metadata) args[k] = v;
        args["propos_key"] = m.idempotency_key;
        body["custom_args"] = args;

        HttpRequest req;
        req.method = "POST";
        req.url = options_.base_url + "/v3/mail/send";
        req.headers = {{"Authorization", "Bearer " + options_.api_key},
                       {"Content-Type", "application/json"},
                       {"Accept", "application/json"}};
        req.body = body.dump();
        req.timeout = options_.timeout;
        int attempts = 0;
        const auto resp = send_with_retry(*http_, req, options_.retry,
                                          options_.sleeper ? options_.sleeper : real_sleeper(), &attempts);
        if (resp.status == 202 || resp.status == 200) {
            SendResult r;
            r.provider = "sendgrid";
            r.provider_message_id = std::string(detail::trim(resp.header("X-Message-Id")));
            if (r.provider_message_id.empty()) {
                // Events still carry custom_args.propos_key, so they can be matched by the key.
                r.provider_message_id = "sendgrid-key:" + m.idempotency_key;
            }
            r.provider_status = "accepted";
            r.status = DeliveryStatus::kQueued;
            r.attempts = attempts;
            r.http_status = resp.status;
            propos::detail::logger()->info("sendgrid: sent email {} to {} ({} attempt(s))",
                                           r.provider_message_id, mask_email(*to), attempts);
            return r;
        }
        std::string what = "SendGrid answered HTTP " + std::to_string(resp.status);
        try {
            const auto j = Json::parse(resp.body);
            if (auto e = j.find("errors"); e != j.end() && e->is_array()) {
                std::string msgs;
                for (const auto& x : *e) {
                    if (x.is_object() && x.contains("message") && x["message"].is_string()) {
                        msgs += (msgs.empty() ? "" : "; ") + x["message"].get<std::string>();
                        if (x.contains("field") && x["field"].is_string()) {
                            msgs += " (" + x["field"].get<std::string>() + ")";
                        }
                    }
                }
                if (!msgs.empty()) what += ": " + redact(msgs.substr(0, 300));
            }
        } catch (const Json::exception&) {
        }
        propos::detail::logger()->warn("sendgrid: send to {} failed: {}", mask_email(*to), what);
        if (resp.status == 401 || resp.status == 403) throw Error(ErrorCode::kPermissionDenied, what);
        if (is_retryable_status(resp.status)) throw Error(ErrorCode::kUnavailable, what);
        throw Error(ErrorCode::kInvalidArgument, what);
    }

    std::shared_ptr<HttpClient> http_;
    SendGridOptions options_;
    detail::SendOnce once_;
};

}  // namespace

std::unique_ptr<OutboundChannel> make_sendgrid_channel(std::shared_ptr<HttpClient> http, SendGridOptions options) {
    return std::make_unique<SendGridChannel>(std::move(http), std::move(options));
}

}  // namespace propos::channels

// SendGrid Event Webhook: ECDSA P-256 signature, replay window, events -> DeliveryUpdate.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <new>
#include <optional>

#include "channels/util.hpp"
#include "core/log.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/sendgrid.hpp"

namespace propos::channels {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};

constexpr std::string_view kSource = "sendgrid";

// Unix seconds as a Timestamp, or nothing when a Timestamp (nanoseconds in 64 bits: 1677 to 2262)
// cannot hold them — the conversion would overflow (found by fuzz_sendgrid_events, issue 19).
std::optional<Timestamp> from_unix_seconds(std::int64_t s) {
    constexpr auto kMax = std::chrono::duration_cast<std::chrono::seconds>(Timestamp::max().time_since_epoch()).count();
    if (s > kMax || s < -kMax) return std::nullopt;
    return Timestamp(std::chrono::seconds(s));
}

}  // namespace

bool verify_sendgrid_signature(std::string_view public_key_b64, std::string_view timestamp,
                               std::string_view signature_b64, std::string_view payload) {
    try {
        const auto der = detail::base64_decode(detail::trim(public_key_b64));
        const auto sig = detail::base64_decode(detail::trim(signature_b64));
        if (!der || !sig || der->empty() || sig->empty()) return false;
        const auto* p = reinterpret_cast<const unsigned char*>(der->data());
        std::unique_ptr<EVP_PKEY, PkeyFree> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der->size())));
        if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC) return false;
        char group[64] = {0};
        std::size_t group_len = 0;
        if (EVP_PKEY_get_group_name(key.get(), group, sizeof(group), &group_len) != 1 ||
            std::string_view(group, group_len) != "prime256v1") {
            return false;
        }
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
            return false;
        }
        std::string data;
        data.reserve(timestamp.size() + payload.size());
        data.append(timestamp);
        data.append(payload);
        return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                                reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    } catch (...) {
        return false;
    }
}

namespace {

std::string string_of(const Json& e, const char* key) {
    auto it = e.find(key);
    if (it == e.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

bool contains_ci(std::string_view s, std::string_view what) {
    return detail::lower(s).find(detail::lower(what)) != std::string::npos;
}

// Fields SendGrid itself sets; everything else at the top level of an event is a custom arg.
bool is_standard_field(std::string_view k) {
    static constexpr std::string_view kStd[] = {
        "email", "timestamp", "event", "sg_event_id", "sg_message_id", "smtp-id", "reason", "status",
        "response", "attempt", "type", "category", "url", "url_offset", "useragent", "ip", "tls",
        "cert_err", "asm_group_id", "marketing_campaign_id", "marketing_campaign_name", "pool",
        "sg_machine_open", "bounce_classification", "sg_content_type", "sg_template_id",
        "sg_template_name", "send_at"};
    for (auto s : kStd) {
        if (s == k) return true;
    }
    return false;
}

}  // namespace

WebhookResult handle_sendgrid_events(const SendGridEventOptions& options, std::string_view method,
                                     std::string_view /*url*/, const HttpHeaders& headers,
                                     std::string_view body, Timestamp now) {
    const std::string content_type = find_header(headers, "Content-Type");
    auto fail = [&](int status, ErrorCode code, std::string reason) {
        return detail::dead_letter(status, code, std::move(reason), kSource, content_type);
    };
    try {
        if (!detail::iequals(method, "POST")) {
            return fail(405, ErrorCode::kInvalidArgument,
                        "method " + std::string(method.substr(0, 16)) + " not allowed (the Event Webhook POSTs)");
        }
        if (body.size() > options.max_body_bytes) {
            return fail(413, ErrorCode::kResourceExhausted,
                        "body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                            std::to_string(options.max_body_bytes) + " bytes");
        }
        if (detail::media_type(content_type) != "application/json") {
            return fail(415, ErrorCode::kInvalidArgument,
                        "content type '" + content_type.substr(0, 80) + "' is not application/json");
        }
        if (options.verify_signature) {
            if (options.public_key.empty()) {
                return fail(500, ErrorCode::kFailedPrecondition,
                            "SendGrid verification key not configured: cannot verify the Event Webhook");
            }
            const auto signature = find_header(headers, "X-Twilio-Email-Event-Webhook-Signature");
            const auto timestamp = std::string(detail::trim(find_header(headers, "X-Twilio-Email-Event-Webhook-Timestamp")));
            if (signature.empty() || timestamp.empty()) {
                return fail(401, ErrorCode::kPermissionDenied,
                            "missing X-Twilio-Email-Event-Webhook-Signature or -Timestamp header");
            }
            std::int64_t ts = 0;
            const auto res = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
            if (res.ec != std::errc() || res.ptr != timestamp.data() + timestamp.size()) {
                return fail(403, ErrorCode::kPermissionDenied, "malformed event webhook timestamp");
            }
            const auto sent_at = from_unix_seconds(ts);
            if (!sent_at) return fail(403, ErrorCode::kPermissionDenied, "malformed event webhook timestamp");
            const auto sent = *sent_at;
            const auto skew = now > sent ? now - sent : sent - now;
            if (skew > options.timestamp_tolerance) {
                return fail(403, ErrorCode::kPermissionDenied,
                            "event webhook timestamp " + timestamp + " is " +
                                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(skew).count()) +
                                " s away from now, outside the " +
                                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options.timestamp_tolerance).count()) +
                                " s tolerance (replayed or delayed request)");
            }
            if (!verify_sendgrid_signature(options.public_key, timestamp, signature, body)) {
                return fail(403, ErrorCode::kPermissionDenied,
                            "event webhook signature does not match (check the verification key)");
            }
        }
        Json j;
        try {
            j = parse_json(body, "SendGrid event webhook body");
        } catch (const Error& e) {
            return fail(400, ErrorCode::kInvalidArgument, e.what());
        }
        if (j.is_object()) j = Json::array({j});
        if (!j.is_array()) return fail(400, ErrorCode::kInvalidArgument, "event webhook body is not a JSON array");

        WebhookResult r;
        r.source = std::string(kSource);
        r.content_type = content_type;
        r.http_status = 200;
        for (const auto& e : j) {
            if (!e.is_object()) {
                r.warnings.push_back("skipped an event that is not a JSON object");
                continue;
            }
            const auto event = string_of(e, "event");
            DeliveryUpdate u;
            u.provider = std::string(kSource);
            u.event = event;
            const auto reason = string_of(e, "reason");
            if (event == "processed" || event == "deferred") {
                u.status = DeliveryStatus::kQueued;
            } else if (event == "delivered") {
                u.status = DeliveryStatus::kDelivered;
            } else if (event == "open" || event == "click") {
                u.status = DeliveryStatus::kDelivered;
                u.engagement = true;
            } else if (event == "bounce" || event == "blocked") {
                u.status = DeliveryStatus::kFailed;
            } else if (event == "dropped") {
                const bool unsub = contains_ci(reason, "unsubscribed") || contains_ci(reason, "spam reporting");
                u.status = unsub || contains_ci(reason, "bounced address") ? DeliveryStatus::kSuppressed
                                                                             : DeliveryStatus::kFailed;
                u.opt_out = unsub;
            } else if (event == "spamreport" || event == "unsubscribe" || event == "group_unsubscribe") {
                u.status = DeliveryStatus::kSuppressed;
                u.opt_out = true;
            } else {
                r.warnings.push_back("skipped untracked event type '" + event.substr(0, 40) + "'");
                continue;
            }
            auto sg_id = string_of(e, "sg_message_id");
            if (sg_id.empty()) {
                r.warnings.push_back("skipped a '" + event + "' event without sg_message_id");
                continue;
            }
            u.provider_message_id = sg_id.substr(0, sg_id.find('.'));
            u.event_id = string_of(e, "sg_event_id");
            u.recipient = normalize_email(string_of(e, "email")).value_or(string_of(e, "email"));
            u.reason = reason.empty() ? string_of(e, "response") : reason;
            if (auto ts = e.find("timestamp"); ts != e.end() && ts->is_number_integer()) {
                const auto at = from_unix_seconds(ts->get<std::int64_t>());
                if (!at) r.warnings.push_back("a '" + event + "' event's timestamp is out of range: received time used");
                u.at = at.value_or(now);
            } else {
                u.at = now;
            }
            u.metadata["sg_message_id"] = sg_id;
            for (const char* k : {"type", "status", "url", "category", "bounce_classification", "attempt"}) {
                if (auto it = e.find(k); it != e.end() && !it->is_null()) u.metadata[k] = *it;
            }
            for (auto it = e.begin(); it != e.end(); ++it) {
                if (!is_standard_field(it.key())) u.metadata[it.key()] = *it;
            }
            r.updates.push_back(std::move(u));
        }
        r.kind = r.updates.empty() ? WebhookKind::kIgnored : WebhookKind::kDeliveryUpdates;
        propos::detail::logger()->info("sendgrid: {} delivery update(s), {} skipped", r.updates.size(),
                                       r.warnings.size());
        return r;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return fail(400, ErrorCode::kInvalidArgument, std::string("unreadable event webhook payload: ") + e.what());
    }
}

}  // namespace propos::channels

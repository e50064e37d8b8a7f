#include "propos/channels/inbound.hpp"

#include <algorithm>
#include <cctype>

#include "propos/channels/outbound.hpp"
#include "propos/core/time.hpp"

namespace propos::channels {

std::string_view to_string(SmsKeyword keyword) noexcept {
    switch (keyword) {
        case SmsKeyword::kNone: return "none";
        case SmsKeyword::kStop: return "stop";
        case SmsKeyword::kStart: return "start";
        case SmsKeyword::kHelp: return "help";
    }
    return "none";
}

std::string_view to_string(WebhookKind kind) noexcept {
    switch (kind) {
        case WebhookKind::kMessage: return "message";
        case WebhookKind::kDeliveryUpdates: return "delivery_updates";
        case WebhookKind::kIgnored: return "ignored";
        case WebhookKind::kDeadLetter: return "dead_letter";
    }
    return "dead_letter";
}

std::vector<std::string> thread_match_keys(const InboundMessage& message) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& k) {
        if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    add(message.in_reply_to);
    for (auto it = message.references.rbegin(); it != message.references.rend(); ++it) add(*it);
    return keys;
}

int delivery_status_rank(DeliveryStatus status) noexcept {
    switch (status) {
        case DeliveryStatus::kReceived: return 0;
        case DeliveryStatus::kQueued: return 1;
        case DeliveryStatus::kSent: return 2;
        case DeliveryStatus::kDelivered: return 3;
        case DeliveryStatus::kFailed:
        case DeliveryStatus::kSuppressed: return 4;
    }
    return 0;
}

bool should_apply_status(DeliveryStatus current, DeliveryStatus update) noexcept {
    if (current == update) return false;
    const int a = delivery_status_rank(current);
    const int b = delivery_status_rank(update);
    if (a == 4) return false;  // final
    return b > a;
}

namespace {
SmsKeyword keyword_from(std::string_view s) {
    for (auto k : {SmsKeyword::kNone, SmsKeyword::kStop, SmsKeyword::kStart, SmsKeyword::kHelp}) {
        if (to_string(k) == s) return k;
    }
    throw Error(ErrorCode::kInvalidArgument, "unknown SMS keyword '" + std::string(s) + "'");
}
}  // namespace

void to_json(Json& j, const MediaItem& m) {
    j = Json{{"content_type", m.content_type}, {"filename", m.filename}, {"blob_key", m.blob_key},
             {"url", m.url},                   {"size", m.size},         {"content_id", m.content_id},
             {"error", m.error}};
}

void from_json(const Json& j, MediaItem& m) {
    FieldReader r(j, "media item");
    r.opt("content_type", m.content_type);
    r.opt("filename", m.filename);
    r.opt("blob_key", m.blob_key);
    r.opt("url", m.url);
    r.opt("size", m.size);
    r.opt("content_id", m.content_id);
    r.opt("error", m.error);
}

void to_json(Json& j, const InboundMessage& m) {
    j = Json{{"provider", m.provider},
             {"provider_message_id", m.provider_message_id},
             {"channel", m.channel},
             {"from", m.from},
             {"from_name", m.from_name},
             {"to", m.to},
             {"subject", m.subject},
             {"text", m.text},
             {"raw_text", m.raw_text},
             {"received_at", m.received_at},
             {"media", m.media},
             {"message_id", m.message_id},
             {"in_reply_to", m.in_reply_to},
             {"references", m.references},
             {"keyword", std::string(to_string(m.keyword))},
             {"metadata", m.metadata}};
}

void from_json(const Json& j, InboundMessage& m) {
    FieldReader r(j, "inbound message");
    r.opt("provider", m.provider);
    r.req("provider_message_id", m.provider_message_id);
    r.opt_enum("channel", m.channel);
    r.opt("from", m.from);
    r.opt("from_name", m.from_name);
    r.opt("to", m.to);
    r.opt("subject", m.subject);
    r.opt("text", m.text);
    r.opt("raw_text", m.raw_text);
    r.opt("received_at", m.received_at);
    r.opt("media", m.media);
    r.opt("message_id", m.message_id);
    r.opt("in_reply_to", m.in_reply_to);
    r.opt("references", m.references);
    std::string keyword = "none";
    r.opt("keyword", keyword);
    m.keyword = keyword_from(keyword);
    if (auto it = j.find("metadata"); it != j.end() && it->is_object()) m.metadata = *it;
}

void to_json(Json& j, const DeliveryUpdate& u) {
    j = Json{{"provider", u.provider},   {"provider_message_id", u.provider_message_id},
             {"status", u.status},       {"event", u.event},
             {"event_id", u.event_id},   {"at", u.at},
             {"recipient", u.recipient}, {"reason", u.reason},
             {"engagement", u.engagement}, {"opt_out", u.opt_out},
             {"metadata", u.metadata}};
}

OutboundMessage to_outbound_message(const Message& message) {
    OutboundMessage out;
    out.channel = message.channel;
    out.idempotency_key = message.id.str();
    out.to = message.to;
    out.from = message.from;
    out.subject = message.subject;
    out.text = message.body;
    return out;
}

std::string make_message_id(std::string_view key, std::string_view domain) {
    if (key.empty() || domain.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "a Message-ID needs a non-empty key and domain");
    }
    std::string local;
    for (char c : key) {
        local.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'
                            ? c
                            : '.');
    }
    std::string dom;
    for (char c : domain) {
        dom.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-');
    }
    return "<" + local + "@" + dom + ">";
}

}  // namespace propos::channels

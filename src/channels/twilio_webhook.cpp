// Twilio inbound webhooks: signature verification, SMS/MMS and status callbacks, TwiML, media.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <vector>

#include "channels/util.hpp"
#include "core/log.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/text.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/logging.hpp"

namespace propos::channels {

using detail::dead_letter;

std::string compute_twilio_signature(std::string_view url, std::string_view auth_token,
                                     const FormParams& params) {
    std::vector<std::pair<std::string_view, std::string_view>> sorted(params.begin(), params.end());
    std::sort(sorted.begin(), sorted.end());
    std::string data(url);
    for (const auto& [k, v] : sorted) {
        data += k;
        data += v;
    }
    return detail::base64_encode(detail::hmac_sha1(auth_token, data));
}

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
        s.replace(p, from.size(), to);
    }
}

// The URL spellings Twilio may have signed: as given, with the default port added or the port
// removed, and with ' / %27 swapped in the query.
std::vector<std::string> url_variants(std::string_view url) {
    std::vector<std::string> base{std::string(url)};
    if (auto parts = detail::split_url(url)) {
        if (parts->port.empty()) {
            if (parts->scheme == "https" || parts->scheme == "http") {
                auto with_port = *parts;
                with_port.port = parts->scheme == "https" ? "443" : "80";
                base.push_back(detail::join_url(with_port));
            }
        } else {
            auto without = *parts;
            without.port.clear();
            base.push_back(detail::join_url(without));
        }
    }
    std::vector<std::string> out;
    for (const auto& u : base) {
        out.push_back(u);
        const auto q = u.find('?');
        if (q == std::string::npos) continue;
        std::string head = u.substr(0, q);
        std::string query = u.substr(q);
        if (query.find('\'') != std::string::npos) {
            std::string v = query;
            replace_all(v, "'", "%27");
            out.push_back(head + v);
        }
        if (query.find("%27") != std::string::npos) {
            std::string v = query;
            replace_all(v, "%27", "'");
            out.push_back(head + v);
        }
    }
    return out;
}

}  // namespace

bool twilio_signature_well_formed(std::string_view signature) noexcept {
    if (signature.empty()) return false;
    for (const char ch : signature) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || c == '+' || c == '/' || c == '=')) return false;
    }
    return true;
}

bool verify_twilio_signature(std::string_view url, std::string_view auth_token,
                             std::string_view signature, const FormParams& params,
                             std::optional<std::string_view> body) {
    try {
        // Spaces and tabs around a header value are not part of it (RFC 9110 OWS); anything else
        // outside the base64 alphabet (a newline, a second value) makes the signature invalid.
        const auto sig = signature.substr(
            std::min(signature.size(), signature.find_first_not_of(" \t")));
        const auto end = sig.find_last_not_of(" \t");
        const auto bare = end == std::string_view::npos ? std::string_view() : sig.substr(0, end + 1);
        if (auth_token.empty() || bare.empty() || url.empty() || !twilio_signature_well_formed(bare)) {
            return false;
        }
        const FormParams none;
        const FormParams* signed_params = &params;
        if (body) {
            auto query = detail::parse_form(detail::url_query(url));
            if (!query) return false;
            std::string expected;
            for (const auto& [k, v] : *query) {
                if (k == "bodySHA256") expected = detail::lower(v);
            }
            if (expected.empty() || !constant_time_equal(expected, sha256_hex(*body))) return false;
            signed_params = &none;
        }
        bool ok = false;
        for (const auto& candidate : url_variants(url)) {
            // Every candidate is checked so the time taken does not tell which one matched.
            ok |= constant_time_equal(compute_twilio_signature(candidate, auth_token, *signed_params),
                                      bare);
        }
        return ok;
    } catch (...) {
        return false;
    }
}

std::string twiml_empty() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
}

std::string twiml_message(std::string_view text, const std::vector<std::string>& media_urls) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>";
    if (media_urls.empty()) {
        out += detail::xml_escape(text);
    } else {
        out += "<Body>" + detail::xml_escape(text) + "</Body>";
        for (const auto& u : media_urls) out += "<Media>" + detail::xml_escape(u) + "</Media>";
    }
    out += "</Message></Response>";
    return out;
}

namespace {

constexpr std::string_view kSource = "twilio";

DeliveryStatus twilio_status(std::string_view s, bool* known) {
    *known = true;
    if (s == "accepted" || s == "scheduled" || s == "queued") return DeliveryStatus::kQueued;
    if (s == "sending" || s == "sent") return DeliveryStatus::kSent;
    if (s == "delivered" || s == "read") return DeliveryStatus::kDelivered;
    if (s == "undelivered" || s == "failed" || s == "canceled") return DeliveryStatus::kFailed;
    *known = false;
    return DeliveryStatus::kSent;
}

std::string extension_for(std::string_view content_type) {
    static constexpr std::pair<std::string_view, std::string_view> kExt[] = {
        {"image/jpeg", ".jpg"}, {"image/png", ".png"},       {"image/gif", ".gif"},
        {"image/heic", ".heic"}, {"image/webp", ".webp"},    {"video/mp4", ".mp4"},
        {"video/3gpp", ".3gp"}, {"audio/amr", ".amr"},       {"audio/mpeg", ".mp3"},
        {"text/vcard", ".vcf"}, {"application/pdf", ".pdf"}, {"text/plain", ".txt"},
    };
    for (const auto& [t, e] : kExt) {
        if (t == content_type) return std::string(e);
    }
    return "";
}

std::string masked(std::string_view phone) { return mask_phone(phone); }

}  // namespace

WebhookResult handle_twilio_webhook(const TwilioWebhookOptions& options, std::string_view method,
                                    std::string_view url, const HttpHeaders& headers,
                                    std::string_view body, Timestamp now) {
    const std::string content_type = find_header(headers, "Content-Type");
    auto fail = [&](int status, ErrorCode code, std::string reason) {
        return dead_letter(status, code, std::move(reason), kSource, content_type);
    };
    if (!detail::iequals(method, "POST")) {
        return fail(405, ErrorCode::kInvalidArgument,
                    "method " + std::string(method.substr(0, 16)) + " not allowed (Twilio POSTs)");
    }
    if (body.size() > options.max_body_bytes) {
        return fail(413, ErrorCode::kResourceExhausted,
                    "body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                        std::to_string(options.max_body_bytes) + " bytes");
    }
    const auto type = detail::media_type(content_type);
    const bool is_json = type == "application/json";
    if (type != "application/x-www-form-urlencoded" && !is_json) {
        return fail(415, ErrorCode::kInvalidArgument,
                    "content type '" + content_type.substr(0, 80) +
                        "' is not application/x-www-form-urlencoded or application/json");
    }

    // Fields: form pairs, or the members of a JSON object (strings and numbers).
    FormParams params;
    std::map<std::string, std::string> fields;  // first value of each key
    if (is_json) {
        Json j;
        try {
            j = parse_json(body, "Twilio JSON body");
        } catch (const Error& e) {
            return fail(400, ErrorCode::kInvalidArgument, e.what());
        }
        if (!j.is_object()) return fail(400, ErrorCode::kInvalidArgument, "JSON body is not an object");
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it->is_string()) {
                fields.emplace(it.key(), it->get<std::string>());
            } else if (it->is_number() || it->is_boolean()) {
                fields.emplace(it.key(), it->dump());
            }
        }
    } else {
        auto form = detail::parse_form(body);
        if (!form) return fail(400, ErrorCode::kInvalidArgument, "malformed form body (bad % escape)");
        for (auto& [k, v] : *form) {
            fields.emplace(k, v);
            params.emplace(std::move(k), std::move(v));
        }
    }

    if (options.verify_signature) {
        if (options.auth_token.empty()) {
            return fail(500, ErrorCode::kFailedPrecondition,
                        "Twilio auth token not configured: cannot verify X-Twilio-Signature");
        }
        const auto signature = find_header(headers, "X-Twilio-Signature");
        if (signature.empty()) {
            return fail(401, ErrorCode::kPermissionDenied, "missing X-Twilio-Signature header");
        }
        const bool ok = is_json ? verify_twilio_signature(url, options.auth_token, signature, {}, body)
                                : verify_twilio_signature(url, options.auth_token, signature, params);
        if (!ok) {
            return fail(403, ErrorCode::kPermissionDenied,
                        "X-Twilio-Signature does not match (check the auth token, and that the URL "
                        "is exactly the webhook URL configured in Twilio: scheme, host, port, path "
                        "and query)");
        }
    }

    for (const auto& [k, v] : fields) {
        if (!is_valid_utf8(k) || !is_valid_utf8(v)) {
            return fail(422, ErrorCode::kInvalidArgument,
                        "field '" + (is_valid_utf8(k) ? k : std::string("?")) +
                            "' is not valid UTF-8");
        }
    }
    auto field = [&](std::string_view name) -> std::string {
        auto it = fields.find(std::string(name));
        return it == fields.end() ? std::string() : it->second;
    };

    if (!options.account_sid.empty() && field("AccountSid") != options.account_sid) {
        return fail(403, ErrorCode::kPermissionDenied,
                    "AccountSid does not match this organization's Twilio account");
    }

    std::string sid = field("MessageSid");
    if (sid.empty()) sid = field("SmsMessageSid");
    if (sid.empty()) sid = field("SmsSid");
    if (sid.empty()) {
        return fail(400, ErrorCode::kInvalidArgument, "missing MessageSid: not a Twilio messaging webhook");
    }

    std::set<std::string> ours;
    for (const auto& n : options.our_numbers) ours.insert(normalize_phone(n, options.default_country_code).value_or(n));
    const auto to_raw = field("To");
    const auto to = normalize_phone(to_raw, options.default_country_code).value_or(to_raw);
    const auto from_raw = field("From");

    std::string status = field("MessageStatus");
    if (status.empty()) status = field("SmsStatus");
    const bool is_message = status.empty() || status == "received" || status == "receiving";

    if (!is_message) {
        // A status callback about a message we sent: To is the recipient, From is our number.
        const auto from = normalize_phone(from_raw, options.default_country_code).value_or(from_raw);
        if (!ours.empty() && ours.count(from) == 0) {
            return fail(422, ErrorCode::kInvalidArgument,
                        "status callback for unknown sender number " + masked(from) +
                            " (not one of this organization's numbers)");
        }
        WebhookResult r;
        r.source = std::string(kSource);
        r.content_type = content_type;
        r.http_status = 200;
        bool known = false;
        DeliveryUpdate u;
        u.provider = std::string(kSource);
        u.provider_message_id = sid;
        u.status = twilio_status(status, &known);
        u.event = status;
        u.at = now;
        u.recipient = to;
        u.reason = field("ErrorCode");
        if (u.reason == "21610") {  // recipient replied STOP: Twilio refuses to send
            u.status = DeliveryStatus::kSuppressed;
            u.opt_out = true;
        }
        if (auto m = field("ErrorMessage"); !m.empty()) u.metadata["error_message"] = redact(m);
        if (auto a = field("AccountSid"); !a.empty()) u.metadata["account_sid"] = a;
        if (!known) {
            r.kind = WebhookKind::kIgnored;
            r.warnings.push_back("unknown Twilio message status '" + status.substr(0, 40) + "'");
            return r;
        }
        r.kind = WebhookKind::kDeliveryUpdates;
        r.updates.push_back(std::move(u));
        return r;
    }

    const auto from = normalize_phone(from_raw, options.default_country_code);
    if (!from) {
        return fail(422, ErrorCode::kInvalidArgument,
                    from_raw.empty() ? std::string("missing From number")
                                     : "From '" + masked(from_raw) + "' is not a phone number");
    }
    if (to_raw.empty()) return fail(400, ErrorCode::kInvalidArgument, "missing To number");
    if (!ours.empty() && ours.count(to) == 0) {
        return fail(422, ErrorCode::kInvalidArgument,
                    "message to unknown number " + masked(to) +
                        " (not one of this organization's numbers)");
    }

    InboundMessage m;
    m.provider = std::string(kSource);
    m.provider_message_id = sid;
    m.channel = Channel::kSms;
    m.from = *from;
    m.to = to;
    m.raw_text = field("Body");
    m.text = std::string(detail::trim(m.raw_text));
    m.received_at = now;

    WebhookResult r;
    r.source = std::string(kSource);
    r.content_type = content_type;

    int num_media = 0;
    if (const auto nm = field("NumMedia"); !nm.empty()) {
        const auto res = std::from_chars(nm.data(), nm.data() + nm.size(), num_media);
        if (res.ec != std::errc() || res.ptr != nm.data() + nm.size() || num_media < 0 || num_media > 20) {
            return fail(400, ErrorCode::kInvalidArgument, "NumMedia '" + nm.substr(0, 16) + "' is not a media count");
        }
    }
    for (int i = 0; i < num_media; ++i) {
        MediaItem item;
        item.url = field("MediaUrl" + std::to_string(i));
        item.content_type = detail::media_type(field("MediaContentType" + std::to_string(i)));
        if (item.url.empty()) {
            r.warnings.push_back("MediaUrl" + std::to_string(i) + " missing though NumMedia is " +
                                 std::to_string(num_media));
            continue;
        }
        auto path = item.url.substr(0, item.url.find('?'));
        item.filename = path.substr(path.rfind('/') + 1) + extension_for(item.content_type);
        m.media.push_back(std::move(item));
    }

    // Twilio Advanced Opt-Out reports the keyword it recognized; otherwise detect it ourselves.
    const auto opt_out_type = detail::lower(field("OptOutType"));
    if (opt_out_type == "stop") {
        m.keyword = SmsKeyword::kStop;
    } else if (opt_out_type == "start") {
        m.keyword = SmsKeyword::kStart;
    } else if (opt_out_type == "help") {
        m.keyword = SmsKeyword::kHelp;
    } else {
        m.keyword = detect_sms_keyword(m.raw_text);
    }

    for (std::string_view k : {"AccountSid", "MessagingServiceSid", "FromCity", "FromState", "FromZip",
                               "FromCountry", "ToCity", "ToState", "ToZip", "ToCountry", "NumSegments",
                               "ApiVersion", "OptOutType"}) {
        if (auto v = field(k); !v.empty()) m.metadata[std::string(k)] = v;
    }

    propos::detail::logger()->info("twilio: inbound SMS {} from {} ({} media)", sid, masked(m.from),
                                   m.media.size());
    propos::detail::logger()->debug("twilio: inbound SMS {} text: {}", sid, m.text);
    r.kind = WebhookKind::kMessage;
    r.message = std::move(m);
    r.http_status = 200;
    r.response_content_type = "text/xml";
    r.response_body = twiml_empty();
    return r;
}

int fetch_twilio_media(HttpClient& http, BlobStore& blobs, const TwilioMediaOptions& options,
                       InboundMessage& message) {
    if (options.account_sid.empty() || options.auth_token.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "fetch_twilio_media needs the Twilio account sid and auth token");
    }
    int stored = 0;
    const std::uint64_t limit = std::min<std::uint64_t>(options.max_bytes, blobs.max_blob_bytes());
    for (auto& item : message.media) {
        if (item.url.empty() || !item.blob_key.empty()) continue;
        try {
            const auto origin = detail::split_url(item.url);
            if (!origin || (origin->scheme != "https" && origin->scheme != "http")) {
                item.error = "media URL is not an http(s) URL";
                continue;
            }
            std::string url = item.url;
            HttpResponse resp;
            for (int hop = 0;; ++hop) {
                HttpRequest req;
                req.method = "GET";
                req.url = url;
                const auto here = detail::split_url(url);
                if (here && detail::iequals(here->host, origin->host) && here->scheme == origin->scheme) {
                    req.basic_auth = options.account_sid + ":" + options.auth_token;
                }
                resp = http.send(req);
                const bool redirect = resp.status == 301 || resp.status == 302 || resp.status == 303 ||
                                      resp.status == 307 || resp.status == 308;
                if (!redirect) break;
                if (hop >= options.max_redirects) {
                    throw Error(ErrorCode::kUnavailable, "too many redirects fetching media");
                }
                auto location = resp.header("Location");
                if (location.empty()) throw Error(ErrorCode::kUnavailable, "redirect without Location");
                if (location.starts_with("/") && here) {
                    auto p = *here;
                    p.rest = location;
                    location = detail::join_url(p);
                }
                url = location;
            }
            if (resp.status != 200) {
                item.error = "media download answered HTTP " + std::to_string(resp.status);
                continue;
            }
            if (resp.body.size() > limit) {
                item.error = "media of " + std::to_string(resp.body.size()) +
                             " bytes exceeds the limit of " + std::to_string(limit) + " bytes";
                item.size = resp.body.size();
                continue;
            }
            item.blob_key = blobs.put(resp.body);
            item.size = resp.body.size();
            if (item.content_type.empty()) item.content_type = detail::media_type(resp.header("Content-Type"));
            item.error.clear();
            ++stored;
        } catch (const Error& e) {
            item.error = e.what();
        }
    }
    return stored;
}

}  // namespace propos::channels

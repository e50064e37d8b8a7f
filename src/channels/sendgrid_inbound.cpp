// SendGrid Inbound Parse: multipart/form-data (parsed fields or raw MIME) -> InboundMessage.
#include <algorithm>
#include <map>
#include <new>
#include <set>

#include "channels/mime.hpp"
#include "channels/util.hpp"
#include "core/log.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/channels/text.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/logging.hpp"

namespace propos::channels {
namespace {

constexpr std::string_view kSource = "sendgrid";

// "attachment12" -> 12; -1 for other names.
int attachment_index(std::string_view name) {
    if (!name.starts_with("attachment") || name.size() == 10) return -1;
    int n = 0;
    for (char c : name.substr(10)) {
        if (c < '0' || c > '9' || n > 100000) return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::vector<std::string> split_addresses(std::string_view list) {
    // Commas inside quoted display names are rare in To fields; a quote-aware split is enough.
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (char c : list) {
        if (c == '"') quoted = !quoted;
        if (c == ',' && !quoted) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!detail::trim(cur).empty()) out.push_back(cur);
    return out;
}

std::string display_name(std::string_view from) {
    const auto lt = from.rfind('<');
    if (lt == std::string_view::npos) return "";
    auto name = std::string(detail::trim(from.substr(0, lt)));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    return name;
}

}  // namespace

WebhookResult handle_sendgrid_inbound(const SendGridInboundOptions& options, std::string_view method,
                                      std::string_view url, const HttpHeaders& headers,
                                      std::string_view body, Timestamp now) {
    const std::string content_type = find_header(headers, "Content-Type");
    auto fail = [&](int status, ErrorCode code, std::string reason) {
        return detail::dead_letter(status, code, std::move(reason), kSource, content_type);
    };
    try {
        if (!detail::iequals(method, "POST")) {
            return fail(405, ErrorCode::kInvalidArgument,
                        "method " + std::string(method.substr(0, 16)) + " not allowed (Inbound Parse POSTs)");
        }
        if (!options.url_token.empty()) {
            std::string token;
            if (auto q = detail::parse_form(detail::url_query(url))) {
                for (const auto& [k, v] : *q) {
                    if (k == "token") token = v;
                }
            }
            if (token.empty()) return fail(401, ErrorCode::kPermissionDenied, "missing token in the webhook URL");
            if (!constant_time_equal(token, options.url_token)) {
                return fail(403, ErrorCode::kPermissionDenied, "wrong token in the webhook URL");
            }
        }
        if (body.size() > options.max_body_bytes) {
            return fail(413, ErrorCode::kResourceExhausted,
                        "body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                            std::to_string(options.max_body_bytes) + " bytes");
        }
        if (detail::media_type(content_type) != "multipart/form-data") {
            return fail(415, ErrorCode::kInvalidArgument,
                        "content type '" + content_type.substr(0, 80) + "' is not multipart/form-data");
        }
        if (!detail::mime_available()) {
            return fail(500, ErrorCode::kFailedPrecondition, detail::kEmailUnavailable);
        }
        std::vector<detail::FormPart> parts;
        try {
            parts = detail::parse_form_data(content_type, body);
        } catch (const Error& e) {
            return fail(400, ErrorCode::kInvalidArgument, e.what());
        }
        std::map<std::string, const detail::FormPart*> fields;
        std::vector<const detail::FormPart*> files;
        for (const auto& p : parts) {
            if (!p.filename.empty() || attachment_index(p.name) >= 0) {
                files.push_back(&p);
            } else {
                fields.emplace(p.name, &p);
            }
        }
        auto raw_field = [&](const std::string& name) -> std::string {
            auto it = fields.find(name);
            return it == fields.end() ? std::string() : it->second->data;
        };

        Json charsets = Json::object();
        if (auto cs = raw_field("charsets"); !cs.empty()) {
            try {
                charsets = Json::parse(cs);
            } catch (const Json::exception&) {
                return fail(400, ErrorCode::kInvalidArgument, "field 'charsets' is not JSON");
            }
            if (!charsets.is_object()) charsets = Json::object();
        }
        // A text field in UTF-8, converted from its declared charset (charsets JSON or the part's own).
        std::string bad_field;
        auto text_field = [&](const std::string& name) -> std::string {
            auto it = fields.find(name);
            if (it == fields.end()) return {};
            std::string charset = it->second->charset;
            if (auto c = charsets.find(name); c != charsets.end() && c->is_string()) {
                charset = c->get<std::string>();
            }
            auto text = detail::to_utf8(it->second->data, charset);
            if (!text) {
                if (bad_field.empty()) {
                    bad_field = "field '" + name + "' is not valid " + (charset.empty() ? "UTF-8" : charset);
                }
                return {};
            }
            return std::move(*text);
        };

        InboundMessage m;
        m.provider = std::string(kSource);
        m.channel = Channel::kEmail;
        m.received_at = now;
        WebhookResult r;
        r.source = std::string(kSource);
        r.content_type = content_type;

        std::vector<std::string> recipients;
        Json envelope;
        if (auto env = text_field("envelope"); !env.empty()) {
            try {
                envelope = Json::parse(env);
            } catch (const Json::exception&) {
                return fail(400, ErrorCode::kInvalidArgument, "field 'envelope' is not JSON");
            }
            if (envelope.is_object()) {
                if (auto t = envelope.find("to"); t != envelope.end() && t->is_array()) {
                    for (const auto& a : *t) {
                        if (a.is_string()) recipients.push_back(a.get<std::string>());
                    }
                }
                m.metadata["envelope"] = envelope;
            }
        }

        std::vector<detail::MimeAttachment> raw_attachments;  // from the raw MIME variant
        std::string raw_from;
        std::string header_date;
        std::vector<std::string> header_to;
        std::string html;
        if (fields.count("email")) {
            // "Send Raw": the whole message in one field.
            detail::MimeMail mail;
            try {
                mail = detail::parse_mail(fields.at("email")->data);
            } catch (const Error& e) {
                return fail(400, ErrorCode::kInvalidArgument, std::string("field 'email': ") + e.what());
            }
            if (!mail.problems.empty()) return fail(422, ErrorCode::kInvalidArgument, mail.problems.front());
            raw_from = mail.from;
            m.from_name = mail.from_name;
            header_to = mail.to;
            m.subject = mail.subject;
            m.message_id = mail.message_id;
            m.in_reply_to = mail.in_reply_to;
            m.references = mail.references;
            header_date = mail.date;
            m.raw_text = mail.text;
            html = mail.html;
            raw_attachments = std::move(mail.attachments);
        } else {
            raw_from = text_field("from");
            m.from_name = display_name(raw_from);
            m.subject = text_field("subject");
            m.raw_text = text_field("text");
            html = text_field("html");
            for (const auto& a : split_addresses(text_field("to"))) header_to.push_back(a);
            if (auto hdrs = text_field("headers"); !hdrs.empty()) {
                try {
                    auto mail = detail::parse_mail(hdrs + "\n\n");
                    m.message_id = mail.message_id;
                    m.in_reply_to = mail.in_reply_to;
                    m.references = mail.references;
                    header_date = mail.date;
                    if (raw_from.empty()) raw_from = mail.from;
                    if (m.from_name.empty()) m.from_name = mail.from_name;
                } catch (const Error& e) {
                    r.warnings.push_back(std::string("field 'headers' unreadable: ") + e.what());
                }
            }
        }
        if (!bad_field.empty()) return fail(422, ErrorCode::kInvalidArgument, bad_field);
        for (const auto* s : {&m.subject, &m.from_name, &raw_from}) {
            if (!is_valid_utf8(*s)) return fail(422, ErrorCode::kInvalidArgument, "a header is not valid UTF-8");
        }

        const auto from = normalize_email(raw_from);
        if (!from) {
            return fail(422, ErrorCode::kInvalidArgument,
                        raw_from.empty() ? std::string("missing sender address")
                                         : "sender '" + redact(raw_from.substr(0, 120)) +
                                               "' is not an email address");
        }
        m.from = *from;
        for (const auto& a : header_to) recipients.push_back(a);
        std::vector<std::string> normalized;
        for (const auto& a : recipients) {
            if (auto e = normalize_email(a)) normalized.push_back(*e);
        }
        if (!options.our_addresses.empty()) {
            std::set<std::string> ours;
            for (const auto& a : options.our_addresses) ours.insert(normalize_email(a).value_or(detail::lower(a)));
            auto it = std::find_if(normalized.begin(), normalized.end(),
                                   [&](const std::string& a) { return ours.count(a) > 0; });
            if (it == normalized.end()) {
                return fail(422, ErrorCode::kInvalidArgument,
                            normalized.empty() ? std::string("mail has no recipient address")
                                               : "mail to unknown recipient " + mask_email(normalized.front()) +
                                                     " (not one of this organization's addresses)");
            }
            m.to = *it;
        } else if (!normalized.empty()) {
            m.to = normalized.front();
        }

        if (m.raw_text.empty() && !html.empty()) m.raw_text = html_to_text(html);
        m.text = strip_quoted_reply(m.raw_text);
        m.provider_message_id = m.message_id.empty() ? blob_key_for(body) : m.message_id;

        // Attachments: the raw variant's MIME parts, or the attachmentN files with attachment-info.
        Json info = Json::object();
        if (auto ai = text_field("attachment-info"); !ai.empty()) {
            try {
                info = Json::parse(ai);
            } catch (const Json::exception&) {
                r.warnings.push_back("field 'attachment-info' is not JSON");
            }
            if (!info.is_object()) info = Json::object();
        }
        std::vector<detail::MimeAttachment> attachments = std::move(raw_attachments);
        std::stable_sort(files.begin(), files.end(), [](const auto* a, const auto* b) {
            return attachment_index(a->name) < attachment_index(b->name);
        });
        for (const auto* f : files) {
            detail::MimeAttachment a;
            a.filename = f->filename;
            a.content_type = f->content_type;
            if (auto it = info.find(f->name); it != info.end() && it->is_object()) {
                if (a.filename.empty()) a.filename = it->value("filename", it->value("name", std::string()));
                if (a.content_type.empty() || a.content_type == "application/octet-stream") {
                    a.content_type = detail::media_type(it->value("type", a.content_type));
                }
                a.content_id = it->value("content-id", std::string());
            }
            if (a.content_type.empty()) a.content_type = "application/octet-stream";
            a.data = f->data;
            attachments.push_back(std::move(a));
        }
        const std::uint64_t limit = options.blob_store
                                        ? std::min(options.max_attachment_bytes, options.blob_store->max_blob_bytes())
                                        : options.max_attachment_bytes;
        for (std::size_t i = 0; i < attachments.size(); ++i) {
            auto& a = attachments[i];
            MediaItem item;
            item.content_type = a.content_type;
            item.filename = is_valid_utf8(a.filename) ? a.filename : std::string("attachment");
            item.content_id = a.content_id;
            item.size = a.data.size();
            if (i >= options.max_attachments) {
                item.error = "more than " + std::to_string(options.max_attachments) + " attachments; not kept";
            } else if (a.data.size() > limit) {
                item.error = "attachment of " + std::to_string(a.data.size()) +
                             " bytes exceeds the limit of " + std::to_string(limit) + " bytes";
            } else if (!options.blob_store) {
                item.error = "no blob store configured; attachment not kept";
            } else {
                try {
                    item.blob_key = options.blob_store->put(a.data);
                } catch (const Error& e) {
                    item.error = e.what();
                }
            }
            if (!item.error.empty()) r.warnings.push_back("attachment '" + item.filename + "': " + item.error);
            m.media.push_back(std::move(item));
        }

        for (std::string_view k : {"SPF", "dkim", "spam_score", "sender_ip"}) {
            if (auto v = text_field(std::string(k)); !v.empty()) m.metadata[std::string(k)] = v;
        }
        if (!header_date.empty() && is_valid_utf8(header_date)) m.metadata["date"] = header_date;
        if (!charsets.empty()) m.metadata["charsets"] = charsets;

        propos::detail::logger()->info("sendgrid: inbound email {} from {} ({} attachment(s))",
                                       m.provider_message_id.substr(0, 80), mask_email(m.from),
                                       m.media.size());
        propos::detail::logger()->debug("sendgrid: inbound email text: {}", m.text);
        r.kind = WebhookKind::kMessage;
        r.message = std::move(m);
        r.http_status = 200;
        return r;
    } catch (const Error& e) {
        return fail(400, e.code(), e.what());
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return fail(400, ErrorCode::kInvalidArgument, std::string("unreadable Inbound Parse payload: ") + e.what());
    }
}

}  // namespace propos::channels

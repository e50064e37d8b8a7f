#include "channels/mime.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "channels/util.hpp"
#include "propos/channels/text.hpp"
#include "propos/core/error.hpp"

namespace propos::channels::detail {

bool mime_available() noexcept { return true; }

namespace {

void ensure_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

struct GObjectDeleter {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectDeleter>;

struct GFreeDeleter {
    void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFreeDeleter>;

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

std::string strip_angles(std::string s) {
    auto t = std::string(trim(s));
    if (t.size() >= 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
    return t;
}

// The bytes of a leaf part, with its Content-Transfer-Encoding undone.
std::string part_bytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return {};
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, out.get()) < 0) {
        throw Error(ErrorCode::kInvalidArgument, "a MIME part's content cannot be decoded");
    }
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : std::string();
}

// The whole serialized object (headers and body), e.g. an attached message/rfc822.
std::string object_bytes(GMimeObject* obj) {
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    if (g_mime_object_write_to_stream(obj, nullptr, out.get()) < 0) {
        throw Error(ErrorCode::kInvalidArgument, "an attached message cannot be serialized");
    }
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : std::string();
}

std::string mime_type_of(GMimeObject* obj) {
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    if (!ct) return {};
    GString_ type(g_mime_content_type_get_mime_type(ct));
    return lower(str(type.get()));
}

std::string charset_of(GMimeObject* obj) {
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    return ct ? str(g_mime_content_type_get_parameter(ct, "charset")) : std::string();
}

GPtr<GMimeParser> parser_for(GMimeStream* stream) {
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    return parser;
}

void first_mailbox(InternetAddressList* list, std::string& addr, std::string* name) {
    if (!list) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n && addr.empty(); ++i) {
        InternetAddress* ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            addr = str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
            if (name) *name = str(internet_address_get_name(ia));
        } else if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), addr, name);
        }
    }
}

void all_mailboxes(InternetAddressList* list, std::vector<std::string>& out) {
    if (!list) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            out.push_back(str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))));
        } else if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            all_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out);
        }
    }
}

std::vector<std::string> references_of(const char* header) {
    std::vector<std::string> out;
    if (!header) return out;
    GMimeReferences* refs = g_mime_references_parse(nullptr, header);
    if (!refs) return out;
    const int n = g_mime_references_length(refs);
    for (int i = 0; i < n; ++i) out.push_back(str(g_mime_references_get_message_id(refs, i)));
    g_mime_references_free(refs);
    return out;
}

void walk(GMimeObject* obj, MimeMail& mail, int depth) {
    if (depth > 32) throw Error(ErrorCode::kInvalidArgument, "MIME structure nested too deeply");
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart* mp = GMIME_MULTIPART(obj);
        const int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; ++i) walk(g_mime_multipart_get_part(mp, i), mail, depth + 1);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(obj)) {
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        MimeAttachment a;
        a.content_type = "message/rfc822";
        a.filename = str(g_mime_object_get_content_disposition_parameter(obj, "filename"));
        if (a.filename.empty()) a.filename = "forwarded-message.eml";
        a.data = inner ? object_bytes(GMIME_OBJECT(inner)) : std::string();
        mail.attachments.push_back(std::move(a));
        return;
    }
    if (!GMIME_IS_PART(obj)) return;
    GMimePart* part = GMIME_PART(obj);
    const auto type = mime_type_of(obj);
    const char* filename = g_mime_part_get_filename(part);
    const bool attachment = g_mime_part_is_attachment(part) || (filename && *filename);
    if (!attachment && (type == "text/plain" || type == "text/html")) {
        std::string& slot = type == "text/plain" ? mail.text : mail.html;
        if (slot.empty()) {
            const auto charset = charset_of(obj);
            auto text = to_utf8(part_bytes(part), charset);
            if (!text) {
                mail.problems.push_back(type + " body is not valid " +
                                        (charset.empty() ? std::string("UTF-8") : charset));
            } else {
                slot = std::move(*text);
            }
            return;
        }
    }
    MimeAttachment a;
    a.filename = str(filename);
    a.content_type = type.empty() ? "application/octet-stream" : type;
    a.content_id = strip_angles(str(g_mime_part_get_content_id(part)));
    a.data = part_bytes(part);
    mail.attachments.push_back(std::move(a));
}

}  // namespace

std::optional<std::string> to_utf8(std::string_view data, std::string_view charset) {
    std::string cs = lower(trim(charset));
    if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii") {
        if (!is_valid_utf8(data)) return std::nullopt;
        return std::string(data);
    }
    ensure_gmime();
    const char* iconv_name = g_mime_charset_iconv_name(cs.c_str());
    if (!iconv_name) return std::nullopt;
    gsize written = 0;
    GError* error = nullptr;
    GString_ out(g_convert(data.data(), static_cast<gssize>(data.size()), "UTF-8", iconv_name, nullptr,
                           &written, &error));
    if (error) {
        g_error_free(error);
        return std::nullopt;
    }
    if (!out) return std::nullopt;
    std::string result(out.get(), written);
    if (!is_valid_utf8(result)) return std::nullopt;
    return result;
}

std::vector<FormPart> parse_form_data(std::string_view content_type, std::string_view body) {
    ensure_gmime();
    if (media_type_param(content_type, "boundary").empty()) {
        throw Error(ErrorCode::kInvalidArgument, "multipart/form-data without a boundary parameter");
    }
    // GMime parses MIME entities: give it the body as one, headed by its Content-Type.
    std::string entity = "Content-Type: " + std::string(content_type) + "\r\n\r\n";
    entity.append(body.data(), body.size());
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(entity.data(), entity.size()));
    auto parser = parser_for(stream.get());
    GPtr<GMimeObject> root(g_mime_parser_construct_part(parser.get(), nullptr));
    if (!root || !GMIME_IS_MULTIPART(root.get())) {
        throw Error(ErrorCode::kInvalidArgument, "body is not a multipart/form-data entity");
    }
    GMimeMultipart* mp = GMIME_MULTIPART(root.get());
    const int n = g_mime_multipart_get_count(mp);
    if (n == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "multipart/form-data body has no parts (wrong boundary or truncated body)");
    }
    std::vector<FormPart> parts;
    for (int i = 0; i < n; ++i) {
        GMimeObject* obj = g_mime_multipart_get_part(mp, i);
        FormPart p;
        p.name = str(g_mime_object_get_content_disposition_parameter(obj, "name"));
        p.filename = str(g_mime_object_get_content_disposition_parameter(obj, "filename"));
        if (g_mime_object_get_header(obj, "Content-Type")) {
            p.content_type = mime_type_of(obj);
            p.charset = charset_of(obj);
        }
        if (GMIME_IS_PART(obj)) {
            p.data = part_bytes(GMIME_PART(obj));
        } else {
            // A field that is itself a MIME entity (message/rfc822, nested multipart): its body.
            std::string all = object_bytes(obj);
            const auto split = all.find("\n\n");
            const auto split_crlf = all.find("\r\n\r\n");
            if (split_crlf != std::string::npos && (split == std::string::npos || split_crlf < split)) {
                p.data = all.substr(split_crlf + 4);
            } else if (split != std::string::npos) {
                p.data = all.substr(split + 2);
            } else {
                p.data = std::move(all);
            }
        }
        parts.push_back(std::move(p));
    }
    return parts;
}

MimeMail parse_mail(std::string_view raw) {
    ensure_gmime();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    auto parser = parser_for(stream.get());
    GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!msg) throw Error(ErrorCode::kInvalidArgument, "not an RFC 5322 email message");
    MimeMail mail;
    first_mailbox(g_mime_message_get_from(msg.get()), mail.from, &mail.from_name);
    all_mailboxes(g_mime_message_get_to(msg.get()), mail.to);
    mail.subject = str(g_mime_message_get_subject(msg.get()));
    mail.message_id = strip_angles(str(g_mime_message_get_message_id(msg.get())));
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    const auto in_reply_to = references_of(g_mime_object_get_header(obj, "In-Reply-To"));
    if (!in_reply_to.empty()) mail.in_reply_to = in_reply_to.front();
    mail.references = references_of(g_mime_object_get_header(obj, "References"));
    mail.date = str(g_mime_object_get_header(obj, "Date"));
    if (GMimeObject* body = g_mime_message_get_mime_part(msg.get())) walk(body, mail, 0);
    return mail;
}

}  // namespace propos::channels::detail

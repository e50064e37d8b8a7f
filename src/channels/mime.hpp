// Private: MIME parsing on GMime 3 (multipart/form-data bodies and RFC 5322 messages), keeping
// GMime and GLib types out of every other file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace propos::channels::detail {

/// False when PropOS was built without GMime (PROPOS_WITH_EMAIL=OFF): every parse below then
/// throws Error(kFailedPrecondition) saying so (kEmailUnavailable).
bool mime_available() noexcept;
inline constexpr const char* kEmailUnavailable =
    "this PropOS was built without email support (PROPOS_WITH_EMAIL=OFF, no GMime), so inbound "
    "email cannot be parsed; rebuild with -DPROPOS_WITH_EMAIL=ON (needs libgmime-3.0-dev)";

/// One field of a multipart/form-data body.
struct FormPart {
    std::string name;          // Content-Disposition name
    std::string filename;      // Content-Disposition filename ("" for plain fields)
    std::string content_type;  // lower case, no parameters ("" when the part had none)
    std::string charset;       // Content-Type charset parameter, if any
    std::string data;          // the bytes, exactly as sent
};

/// Parses a multipart/form-data body whose Content-Type header value is `content_type` (it must
/// carry the boundary). Throws Error(kInvalidArgument) when the body is not such a multipart.
std::vector<FormPart> parse_form_data(std::string_view content_type, std::string_view body);

/// An attachment of a parsed message.
struct MimeAttachment {
    std::string filename;
    std::string content_type;
    std::string content_id;
    std::string data;  // transfer-decoded bytes
};

/// What PropOS needs from an email.
struct MimeMail {
    std::string from;          // first sender address (as written; normalize afterwards)
    std::string from_name;     // its display name, decoded to UTF-8
    std::vector<std::string> to;  // To addresses
    std::string subject;       // decoded to UTF-8
    std::string message_id;    // without <>
    std::string in_reply_to;   // first id of In-Reply-To, without <>
    std::vector<std::string> references;  // without <>, oldest first
    std::string date;          // Date header as written
    std::string text;          // first text/plain body part, converted to UTF-8
    std::string html;          // first text/html body part, converted to UTF-8
    std::vector<MimeAttachment> attachments;
    std::vector<std::string> problems;  // text parts whose charset could not be converted
};

/// Parses an RFC 5322 message (a header block alone is fine). Throws Error(kInvalidArgument)
/// when it is not a message.
MimeMail parse_mail(std::string_view raw);

/// Converts `data` from `charset` (any alias GMime knows; empty: UTF-8) to UTF-8. nullopt when the
/// charset is unknown or the data is not valid in it.
std::optional<std::string> to_utf8(std::string_view data, std::string_view charset);

}  // namespace propos::channels::detail

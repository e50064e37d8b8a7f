/// @file text.hpp
/// @brief Text helpers for inbound messages: UTF-8 validation, stripping quoted replies and
/// signatures from email, and plain text from HTML mail.
#pragma once

#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos::channels {

/// @brief True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most
/// U+10FFFF). Never throws.
PROPOS_EXPORT bool is_valid_utf8(std::string_view text) noexcept;

/// @brief The number of Unicode code points in valid UTF-8 `text` (Twilio counts message length so).
PROPOS_EXPORT std::size_t utf8_length(std::string_view text) noexcept;

/// @brief The new part of an email reply: cuts at the first line that starts quoted history
/// ("On <date>, <name> wrote:" also when wrapped onto two lines, its Spanish/French/German forms,
/// "-----Original Message-----", an Outlook "From:" header block or "____" rule) or a signature
/// ("-- " delimiter, "Sent from my iPhone"/"Get Outlook for ..."), drops ">"-quoted lines, and
/// trims. When nothing would remain (the whole mail is quoted) it returns `text` trimmed, so the
/// agent never gets an empty message for a non-empty mail. Line endings become "\n".
PROPOS_EXPORT std::string strip_quoted_reply(std::string_view text);

/// @brief Readable plain text from an HTML mail body: drops head/script/style, turns block
/// elements and <br> into line breaks, decodes common entities (&amp; &lt; &gt; &quot; &#39; &nbsp;
/// and numeric ones), collapses runs of blank space. Quoted history in <blockquote> is dropped.
PROPOS_EXPORT std::string html_to_text(std::string_view html);

}  // namespace propos::channels

// Private helpers of the channels layer: form and URL parsing, media type parameters, TwiML
// escaping, dead letters; encodings and digests come from src/core/strings.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.hpp"
#include "propos/channels/inbound.hpp"
#include "propos/core/http.hpp"

namespace propos::channels::detail {

// lower, trim, iequals, media_type, base64, HMAC, SHA-256...: shared with the pms layer.
using namespace propos::detail;  // NOLINT(google-build-using-namespace): src/core/strings.hpp

/// Percent-decoding; `plus_is_space` for form encoding. nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);
/// application/x-www-form-urlencoded encoding of one key or value.
inline std::string form_encode(std::string_view s) {
    return propos::detail::percent_encode(s, true);
}
/// Parses a form body (or URL query) into pairs, in order. nullopt on a malformed escape.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view body);

/// A parameter of a Content-Type value ("boundary", "charset"), unquoted; "" when absent.
std::string media_type_param(std::string_view content_type, std::string_view name);

/// The parts of an absolute http(s) URL.
struct UrlParts {
    std::string scheme;    // lower case
    std::string userinfo;  // "user:pw" or ""
    std::string host;
    std::string port;      // "" when absent
    std::string rest;      // path + query + fragment, starting with '/' or '?' or empty
};
std::optional<UrlParts> split_url(std::string_view url);
std::string join_url(const UrlParts& p);
/// The query string of a URL (after '?', before '#'), or "".
std::string_view url_query(std::string_view url);

/// XML escaping for TwiML text and attribute values.
std::string xml_escape(std::string_view s);

/// A dead-letter result with `status`, `code` and `reason`, tagged with `source`/`content_type`.
WebhookResult dead_letter(int status, ErrorCode code, std::string reason, std::string_view source,
                          std::string_view content_type);

/// Logs a dead letter at warn level (reason only: never the body).
void log_dead_letter(const WebhookResult& r);

}  // namespace propos::channels::detail

// Private helpers of the pms layer: lenient JSON field access, HTTP calls with error
// mapping, status/priority vocabularies, dead letters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/strings.hpp"
#include "propos/core/http.hpp"
#include "propos/core/json.hpp"
#include "propos/pms/pms.hpp"

namespace propos::pms::detail {

// lower, trim, iequals, media_type, base64, HMAC, SHA-256...: shared with the channels layer.
using namespace propos::detail;  // NOLINT(google-build-using-namespace): src/core/strings.hpp

/// RFC 3986 percent-encoding of one URL component.
inline std::string url_encode(std::string_view s) {
    return propos::detail::percent_encode(s, false);
}
/// True for a non-empty id of letters, digits, '-', '_' and '.' only (safe in a URL path).
bool is_safe_id(std::string_view id) noexcept;

/// The first of `keys` present and not null in `j`, as text (numbers and booleans printed).
std::string text(const Json& j, std::initializer_list<const char*> keys);
/// A nested object member (j[a][b]) as text.
std::string nested_text(const Json& j, const char* a, const char* b);
std::optional<bool> boolean(const Json& j, std::initializer_list<const char*> keys);
std::optional<Money> money(const Json& j, std::initializer_list<const char*> keys);
std::optional<Timestamp> time(const Json& j, std::initializer_list<const char*> keys);

/// Maps free-text PMS priorities: "emergency" -> kEmergency; "high", "urgent", "24 hours" ->
/// kUrgent; everything else -> kRoutine.
Priority priority_from(std::string_view pms_priority);

/// Sends with retries and maps failures to Error: 401/403 kPermissionDenied, 404 kNotFound,
/// retryable statuses kUnavailable, other non-2xx kInvalidArgument. `what` names the call.
HttpResponse call(HttpClient& http, const HttpRequest& request, const RetryPolicy& retry,
                  const Sleeper& sleeper, std::string_view what);
/// Parses a JSON answer; Error(kInvalidArgument) naming `what` when it is not JSON.
Json parse_answer(const HttpResponse& response, std::string_view what);

PmsWebhookResult dead_letter(int status, ErrorCode code, std::string reason, std::string_view source,
                             std::string_view content_type);

}  // namespace propos::pms::detail

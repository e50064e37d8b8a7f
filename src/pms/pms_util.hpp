// Private helpers of the pms layer: encodings, lenient JSON field access, HTTP calls with error
// mapping, status/priority vocabularies, dead letters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propos/core/http.hpp"
#include "propos/core/json.hpp"
#include "propos/pms/pms.hpp"

namespace propos::pms::detail {

std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64_encode(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b) noexcept;
std::string media_type(std::string_view content_type);
std::string url_encode(std::string_view s);
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

// Private: what the HTTP-backed providers (Anthropic, OpenAI-compatible) share: status -> error
// code mapping, tool-name validation, JSON POST with retries and transport errors as ProviderError.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "propos/core/http.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm::detail {

/// kUnavailable for retryable statuses (408/409/429/5xx) and anything unexpected (1xx/3xx),
/// kPermissionDenied for 401/403, kInvalidArgument for other 4xx.
ErrorCode code_for_status(int status) noexcept;

/// Throws Error(kInvalidArgument) naming the provider and the tool when a tool name (or the forced
/// tool_choice name) does not match ^[a-zA-Z0-9_-]{1,64}$.
void validate_tool_names(const LlmRequest& request, std::string_view provider);

/// At most `n` bytes of `s` (cut on a UTF-8 boundary), with "..." when shortened.
std::string truncate(std::string_view s, std::size_t n);

/// `base_url` without trailing slashes.
std::string trim_slashes(std::string base_url);

/// The http client to use: `given`, or a new curl client when null.
std::shared_ptr<HttpClient> client_or_default(std::shared_ptr<HttpClient> given);

/// Sends with `send_with_retry`. Transport failures (after the retries) become ProviderError with
/// the transport error's code, prefixed with the provider name and the attempt count.
HttpResponse send_json(HttpClient& client, const HttpRequest& request, const RetryPolicy& policy,
                       const Sleeper& sleep, std::string_view provider, int& attempts);

/// Parses a 200 body; a malformed or truncated body throws ProviderError(kUnavailable).
Json parse_response_body(const HttpResponse& response, std::string_view provider,
                         const std::string& request_id);

/// The server's requested wait on an error response when it is longer than the client's patience
/// (`policy.max_retry_after`, so `send_with_retry` did not sleep on it), else nullopt.
std::optional<Millis> unslept_retry_after(const HttpResponse& response, const RetryPolicy& policy);

/// " (request req_..., 3 attempts)" style suffix for error messages.
std::string error_suffix(const std::string& request_id, int attempts);

}  // namespace propos::llm::detail

/// @file provider.hpp
/// @brief `LlmProvider`, the interface every model back end implements, and `ProviderError`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "propos/core/error.hpp"
#include "propos/llm/types.hpp"

namespace propos::llm {

/// @brief A failed provider call: a `propos::Error` that also carries the HTTP status (0 when no
/// response arrived), the provider's error type and the provider's request id.
///
/// `code()` says what the caller can do:
/// - `kUnavailable`: retrying later, or with another provider, may help — timeouts and other
///   transport failures, 408/409/429/5xx/529 still failing after the retries, a malformed or
///   truncated reply, 402 (billing: the account has no credit — an outage until someone pays; the
///   provider does not retry it itself). Only this code is `retryable()`.
/// - `kPermissionDenied`: 401/403 (missing, wrong or unauthorized API key).
/// - `kInvalidArgument`: 400/404/413 and other 4xx — the request itself is wrong.
/// - `kResourceExhausted`: a quota or budget refusal (OpenAI `insufficient_quota`);
///   `FallbackProvider` moves on to the next provider.
/// - `kNotFound`: a `ScriptedProvider` replay miss.
/// The message names the provider, status, error type and request id, never the API key or the
/// request body. `retry_after()` carries the wait the server asked for when it was longer than the
/// client's patience (`RetryPolicy::max_retry_after`): the call gave up at once instead of sleeping,
/// and the caller comes back after that delay (the Coordinator puts the job back on the queue).
class PROPOS_EXPORT ProviderError : public Error {
public:
    ProviderError(ErrorCode code, const std::string& message, int http_status = 0,
                  std::string error_type = {}, std::string request_id = {},
                  std::optional<Millis> retry_after = std::nullopt);
    /// @brief The final HTTP status, or 0 when no response arrived (or the provider is not HTTP).
    int http_status() const noexcept { return http_status_; }
    /// @brief The provider's error type, e.g. "overloaded_error", "rate_limit_error".
    const std::string& error_type() const noexcept { return error_type_; }
    /// @brief The provider's request id (for support tickets), or "".
    const std::string& request_id() const noexcept { return request_id_; }
    /// @brief True when another attempt (or another provider) may succeed.
    bool retryable() const noexcept { return code() == ErrorCode::kUnavailable; }
    /// @brief The server's requested wait (`retry-after-ms` / `retry-after`) when it was not slept
    /// on, or nullopt.
    const std::optional<Millis>& retry_after() const noexcept { return retry_after_; }

private:
    int http_status_;
    std::string error_type_;
    std::string request_id_;
    std::optional<Millis> retry_after_;
};

/// @brief A model back end. Implementations are thread-safe and stateless between calls.
class PROPOS_EXPORT LlmProvider {
public:
    virtual ~LlmProvider() = default;
    LlmProvider() = default;
    LlmProvider(const LlmProvider&) = delete;
    LlmProvider& operator=(const LlmProvider&) = delete;

    /// @brief Sends one request and returns the model's reply (with usage and latency filled in).
    /// Throws `ProviderError` on failure (after the provider's own retries),
    /// `Error(kInvalidArgument)` for a request it cannot express (e.g. a bad tool name).
    virtual LlmResponse complete(const LlmRequest& request) = 0;

    /// @brief Short provider name ("anthropic", "openai", "rules", "scripted", "fallback").
    virtual std::string name() const = 0;
    /// @brief The model used when a request leaves `model` empty.
    virtual std::string default_model() const = 0;
};

}  // namespace propos::llm

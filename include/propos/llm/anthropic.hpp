/// @file anthropic.hpp
/// @brief `AnthropicProvider`: the Anthropic Messages API (`POST {base_url}/v1/messages`) over the
/// core `HttpClient`, with SDK-style retries and prompt caching of the stable prefix.
#pragma once

#include <memory>
#include <string>

#include "propos/core/http.hpp"
#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief Configuration of `AnthropicProvider`.
struct AnthropicOptions {
    /// The API key sent as `x-api-key`. Default: empty (the factory then reads
    /// `ANTHROPIC_API_KEY`).
    std::string api_key;
    /// Scheme, host and optional path prefix; "/v1/messages" is appended. Default:
    /// "https://api.anthropic.com".
    std::string base_url = "https://api.anthropic.com";
    /// Model used when a request leaves `model` empty. Default: "claude-sonnet-4-5".
    std::string model = "claude-sonnet-4-5";
    /// The `anthropic-version` header. Default: "2023-06-01".
    std::string anthropic_version = "2023-06-01";
    /// Extra headers sent with every request, e.g. {"anthropic-beta", "context-1m-2025-08-07"}.
    /// Default: none.
    HttpHeaders extra_headers;
    /// Whole-request timeout per attempt. Default: 120 s.
    Millis timeout{120000};
    /// Connection timeout per attempt. Default: 10 s.
    Millis connect_timeout{10000};
    /// Retries of 408/409/429/5xx/529 and transport failures. Default: 2 retries, 0.5 s x 2^n, cap
    /// 8 s.
    RetryPolicy retry;
    /// Mark the stable prefix for prompt caching: `cache_control` on the last tool, on the last
    /// system block and on system blocks with `cache` set (at most 4 breakpoints; the last ones
    /// win). Default: true.
    bool prompt_caching = true;
    /// Cache lifetime sent as `cache_control.ttl` ("5m" or "1h"); empty sends none (the API's 5m).
    /// 1-hour writes are priced at their own rate (`Usage::cache_creation_1h_input_tokens`, from
    /// the reply's `usage.cache_creation`; with "1h" and no breakdown in the reply, every write).
    /// Default: empty.
    std::string cache_ttl;
    /// The transport, shared by the caller. Default (null): a new libcurl client.
    std::shared_ptr<HttpClient> http;
    /// Waits between retries. Default (empty): really sleeps. Tests inject a recorder.
    Sleeper sleeper;
};

/// @brief Talks to the Anthropic Messages API.
///
/// Request mapping: `system` blocks become `system` text blocks; `tools` become
/// `{name, description, input_schema}`; `tool_choice` is sent only when tools are offered; text,
/// tool_use and tool_result blocks map one to one (empty text blocks are dropped, the API rejects
/// them); `metadata` is never sent. Response: text and tool_use blocks (other block types are
/// skipped), `stop_reason`, usage including cache tokens, the message id and the `request-id`
/// header.
///
/// Errors: the API's `{"type":"error","error":{"type","message"},"request_id"}` becomes a
/// `ProviderError` carrying the HTTP status, error type and request id, with code kUnavailable for
/// retryable statuses (after the retries), kPermissionDenied for 401/403 and kInvalidArgument for
/// 400/404/413 (never retried). A 200 whose body is not the expected JSON throws
/// `ProviderError(kUnavailable)`. Transport failures after the retries throw
/// `ProviderError(kUnavailable)`. A tool name outside ^[a-zA-Z0-9_-]{1,64}$ throws
/// `Error(kInvalidArgument)` before anything is sent.
///
/// Thread-safety: immutable after construction; `complete` may be called from any thread
/// concurrently (the `HttpClient` must be thread-safe, as the curl client is).
class PROPOS_EXPORT AnthropicProvider final : public LlmProvider {
public:
    /// @brief Throws `Error(kInvalidArgument)` when `options.api_key` or `options.base_url` is
    /// empty.
    explicit AnthropicProvider(AnthropicOptions options);

    LlmResponse complete(const LlmRequest& request) override;
    /// @brief "anthropic".
    std::string name() const override;
    std::string default_model() const override;

    /// @brief The JSON body `complete` would send for `request` (for inspection and tests). Throws
    /// `Error(kInvalidArgument)` on an invalid tool name.
    Json build_body(const LlmRequest& request) const;

private:
    AnthropicOptions options_;
    std::string url_;
};

/// @brief Creates an `AnthropicProvider`; an empty `options.api_key` is read from the
/// `ANTHROPIC_API_KEY` environment variable. Throws `Error(kInvalidArgument)` ("ANTHROPIC_API_KEY
/// is not set...") when there is no key. The caller owns the result.
PROPOS_EXPORT std::unique_ptr<AnthropicProvider> make_anthropic_provider(
    AnthropicOptions options = {});

}  // namespace propos::llm

/// @file openai.hpp
/// @brief `OpenAiCompatibleProvider`: chat completions (`POST {base_url}/v1/chat/completions`) for
/// OpenAI and the servers that speak its dialect (Ollama, vLLM, llama.cpp server), tolerant of
/// their quirks.
#pragma once

#include <memory>
#include <string>

#include "propos/core/http.hpp"
#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief Configuration of `OpenAiCompatibleProvider`.
struct OpenAiOptions {
    /// Sent as `Authorization: Bearer <key>`; empty sends no Authorization header (local servers).
    /// Default: empty (the factory reads `OPENAI_API_KEY`).
    std::string api_key;
    /// Scheme, host and optional path prefix; "/v1/chat/completions" is appended (a trailing "/v1"
    /// is not doubled). Default: "https://api.openai.com". Ollama: "http://localhost:11434"; vLLM:
    /// "http://localhost:8000"; llama.cpp server: "http://localhost:8080".
    std::string base_url = "https://api.openai.com";
    /// Model used when a request leaves `model` empty. Default: "gpt-4.1-mini".
    std::string model = "gpt-4.1-mini";
    /// `name()` and `LlmResponse::provider`, e.g. "ollama" or "vllm". Default: "openai".
    std::string provider_name = "openai";
    /// Send `max_completion_tokens` (current OpenAI); false sends `max_tokens` (older servers).
    /// Default: true.
    bool use_max_completion_tokens = true;
    /// Send `tool_choice` and `parallel_tool_calls`. False leaves both out, for servers that
    /// ignore or reject them (Ollama): the model then chooses freely. Default: true.
    bool send_tool_choice = true;
    /// Extra headers, e.g. {"OpenAI-Organization", "org_..."}. Default: none.
    HttpHeaders extra_headers;
    /// Whole-request timeout per attempt. Default: 120 s (local models can be slow).
    Millis timeout{120000};
    /// Connection timeout per attempt. Default: 10 s.
    Millis connect_timeout{10000};
    /// Retries of 408/409/429/5xx and transport failures. Default: 2 retries, 0.5 s x 2^n, cap 8 s.
    RetryPolicy retry;
    /// The transport, shared by the caller. Default (null): a new libcurl client.
    std::shared_ptr<HttpClient> http;
    /// Waits between retries. Default (empty): really sleeps.
    Sleeper sleeper;

    /// @brief Ollama (`ollama serve`, OpenAI-compatible endpoint): provider name "ollama", no API
    /// key, `max_tokens`, no `tool_choice` / `parallel_tool_calls` (Ollama ignores them).
    static OpenAiOptions ollama(std::string model, std::string base_url = "http://localhost:11434");
    /// @brief vLLM (`vllm serve --enable-auto-tool-choice ...`): provider name "vllm", no API key
    /// (set one for `--api-key`), `max_tokens`. Its older top-level error body
    /// `{"object":"error","message","type","code"}` is read like OpenAI's.
    static OpenAiOptions vllm(std::string model, std::string base_url = "http://localhost:8000");
    /// @brief llama.cpp server (`llama-server --jinja` for tools): provider name "llama.cpp", no API
    /// key, `max_tokens`.
    static OpenAiOptions llama_cpp(std::string model,
                                   std::string base_url = "http://localhost:8080");
};

/// @brief Talks to an OpenAI-compatible chat-completions endpoint.
///
/// Request mapping: all system blocks become one "system" message (joined by blank lines); a user
/// message's tool_result blocks become "tool" messages (`tool_call_id`, content; an error result is
/// prefixed "ERROR: ") placed before its text; assistant tool_use blocks become `tool_calls` with
/// JSON-string `arguments`; tools become `{"type":"function","function":{name, description,
/// parameters}}`; tool choice auto/any/none/tool -> "auto"/"required"/"none"/{function};
/// `disable_parallel_tool_use` -> `parallel_tool_calls: false`.
///
/// Response quirks tolerated (never a crash, never an exception for a model's bad output):
/// `arguments` given as an object instead of a string; `arguments` that are not valid JSON or not
/// an object -> the block's `input` is {} and `input_error` says why; a missing tool-call id -> a
/// stable synthesized "call_<index>_<hash>"; `finish_reason` "stop" alongside tool calls ->
/// kToolUse; content given as an array of parts. `finish_reason` tool_calls -> kToolUse, stop ->
/// kEndTurn, length -> kMaxTokens, content_filter -> kContentFilter, anything else -> kOther.
/// Usage: `prompt_tokens` minus `prompt_tokens_details.cached_tokens` -> input_tokens, cached ->
/// cache_read_input_tokens.
///
/// Errors: `{"error":{"message","type","code"}}` (or Ollama's `{"error":"..."}`, or vLLM's older
/// top-level `{"object":"error","message","type","code"}`) becomes a
/// `ProviderError` with the status, type (else code) and `x-request-id`; code mapping as for
/// Anthropic (retryable statuses after retries -> kUnavailable, 401/403 -> kPermissionDenied, other
/// 4xx -> kInvalidArgument), except `insufficient_quota` -> kResourceExhausted. A malformed 200
/// body -> `ProviderError(kUnavailable)`.
///
/// Thread-safety: immutable after construction; `complete` may be called from any thread.
class PROPOS_EXPORT OpenAiCompatibleProvider final : public LlmProvider {
public:
    /// @brief Throws `Error(kInvalidArgument)` when `base_url` or `model` is empty. No key is
    /// needed.
    explicit OpenAiCompatibleProvider(OpenAiOptions options);

    LlmResponse complete(const LlmRequest& request) override;
    /// @brief `options.provider_name` ("openai" by default).
    std::string name() const override;
    std::string default_model() const override;

    /// @brief The JSON body `complete` would send for `request`. Throws `Error(kInvalidArgument)`
    /// on an invalid tool name.
    Json build_body(const LlmRequest& request) const;
    /// @brief The endpoint URL, e.g. "http://localhost:11434/v1/chat/completions".
    const std::string& url() const noexcept { return url_; }

private:
    OpenAiOptions options_;
    std::string url_;
};

/// @brief Creates an `OpenAiCompatibleProvider`. An empty `options.api_key` is read from
/// `OPENAI_API_KEY`; when the base URL is api.openai.com and there is still no key, throws
/// `Error(kInvalidArgument)` ("OPENAI_API_KEY is not set..."). Local servers need no key. The
/// caller owns the result.
PROPOS_EXPORT std::unique_ptr<OpenAiCompatibleProvider> make_openai_provider(
    OpenAiOptions options = {});

}  // namespace propos::llm

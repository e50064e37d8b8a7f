/// @file fallback.hpp
/// @brief `FallbackProvider`: an ordered chain of providers; when one fails (outage, bad key, no
/// credit, bad request, an exception from a host's provider) or gives an unusable reply (a refusal,
/// a reply cut off by max_tokens) the next one answers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "propos/llm/types.hpp"

#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief Configuration of `FallbackProvider`.
struct FallbackOptions {
    /// The providers after the first get the request with `model` cleared, so each uses its own
    /// default model (a Claude model name means nothing to an OpenAI server). Default: true.
    bool default_model_for_fallbacks = true;
    /// Which failures move on to the next provider. true: any exception a provider throws — a
    /// `propos::Error` of any code (401/403 `permission_denied`, 400 `invalid_argument`, 402
    /// billing, transport and 5xx `unavailable`, a replay miss) or any other `std::exception` (a
    /// host's `LlmProvider` subclass). false: only `kUnavailable` and `kResourceExhausted` move on
    /// and any other error propagates at once (for a chain of equivalent remote providers where a
    /// bad key or a bad request should surface rather than be answered by the next one).
    /// Default: true (an emergency must be acted on whatever the remote model does).
    bool fall_back_on_any_error = true;
    /// Replies with one of these stop reasons are unusable: the next provider is asked instead, and
    /// the reply (with any tool call in it) is never returned. A reply cut off by `max_tokens` may
    /// hold a tool call with partial arguments; a refusal or a content filter stop holds no
    /// answer. Empty: every reply is returned as it is. Default: refusal, content_filter,
    /// max_tokens, model_context_window_exceeded.
    std::vector<StopReason> unusable_stop_reasons = {StopReason::kRefusal,
                                                     StopReason::kContentFilter,
                                                     StopReason::kMaxTokens,
                                                     StopReason::kContextWindowExceeded};
};

/// @brief Tries each provider of the chain in order.
///
/// By default any exception a provider throws moves on to the next provider, and so does a reply
/// whose stop reason is in `FallbackOptions::unusable_stop_reasons` (refusal, content filter,
/// max_tokens, context window exceeded); with `fall_back_on_any_error` off only kUnavailable
/// (timeouts, 429/5xx/529 after that provider's own retries, malformed replies) and
/// kResourceExhausted (a budget, quota or billing refusal) move on. When every provider fails,
/// throws a `ProviderError` with the last failure's code (kUnavailable for an unusable reply or an
/// exception that is not a `propos::Error`), status, type and request id and a message listing
/// each provider's failure in order.
///
/// `LlmResponse::provider` names the provider that answered (its `name()` when it left it empty);
/// `LlmResponse::fallback_reason` lists why the providers before it did not.
///
/// Thread-safety: the chain is fixed at construction; `complete` may be called from any thread when
/// the chained providers allow it.
class PROPOS_EXPORT FallbackProvider final : public LlmProvider {
public:
    /// @brief Throws `Error(kInvalidArgument)` when `chain` is empty or holds a null provider.
    explicit FallbackProvider(std::vector<std::shared_ptr<LlmProvider>> chain,
                              FallbackOptions options = {});

    LlmResponse complete(const LlmRequest& request) override;
    /// @brief "fallback".
    std::string name() const override;
    /// @brief The first provider's default model.
    std::string default_model() const override;

    /// @brief The chain, in order.
    const std::vector<std::shared_ptr<LlmProvider>>& chain() const noexcept { return chain_; }

private:
    std::vector<std::shared_ptr<LlmProvider>> chain_;
    FallbackOptions options_;
};

}  // namespace propos::llm

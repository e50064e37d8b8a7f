/// @file fallback.hpp
/// @brief `FallbackProvider`: an ordered chain of providers; when one fails in a way another may
/// not (outage, overload, rate limit, budget refusal) the next one answers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief Configuration of `FallbackProvider`.
struct FallbackOptions {
    /// The providers after the first get the request with `model` cleared, so each uses its own
    /// default model (a Claude model name means nothing to an OpenAI server). Default: true.
    bool default_model_for_fallbacks = true;
};

/// @brief Tries each provider of the chain in order.
///
/// A provider's failure moves on to the next provider when it is an `Error` (usually a
/// `ProviderError`) with code kUnavailable (retryable: timeouts, 429/5xx/529 after that provider's
/// own retries, malformed replies) or kResourceExhausted (a budget or quota refusal). Any other
/// error (bad key, invalid request, an invalid tool name...) propagates at once: another provider
/// would fail the same way or mask a bug. When every provider fails, throws a `ProviderError` with
/// the last failure's code, status, type and request id and a message listing each provider's
/// failure in order.
///
/// `LlmResponse::provider` names the provider that answered (its `name()` when it left it empty).
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

#include "propos/llm/fallback.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace propos::llm {

FallbackProvider::FallbackProvider(std::vector<std::shared_ptr<LlmProvider>> chain,
                                   FallbackOptions options)
    : chain_(std::move(chain)), options_(std::move(options)) {
    if (chain_.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "fallback provider: the chain of providers is empty");
    }
    for (std::size_t i = 0; i < chain_.size(); ++i) {
        if (!chain_[i]) {
            throw Error(
                ErrorCode::kInvalidArgument,
                "fallback provider: provider " + std::to_string(i) + " of the chain is null");
        }
    }
}

std::string FallbackProvider::name() const {
    return "fallback";
}
std::string FallbackProvider::default_model() const {
    return chain_.front()->default_model();
}

LlmResponse FallbackProvider::complete(const LlmRequest& request) {
    std::string failures;
    ErrorCode last_code = ErrorCode::kUnavailable;
    int last_status = 0;
    std::string last_type, last_request_id;
    std::optional<Millis> last_retry_after;  // the last provider's unslept retry-after
    auto failed = [&](std::size_t i, const std::string& pname, const std::string& why) {
        if (!failures.empty()) failures += "; ";
        failures += pname + ": " + why;
        if (i + 1 < chain_.size()) {
            propos::detail::logger()->warn("fallback: '{}' failed ({}); trying '{}'", pname,
                                           to_string(last_code), chain_[i + 1]->name());
        }
    };

    for (std::size_t i = 0; i < chain_.size(); ++i) {
        auto& provider = *chain_[i];
        const std::string pname = provider.name();
        LlmResponse response;
        try {
            if (i > 0 && options_.default_model_for_fallbacks && !request.model.empty()) {
                LlmRequest copy = request;
                copy.model.clear();
                copy.prompt_hash.clear();  // the model is part of the hash
                response = provider.complete(copy);
            } else {
                response = provider.complete(request);
            }
        } catch (const Error& e) {
            const bool next = options_.fall_back_on_any_error ||
                              e.code() == ErrorCode::kUnavailable ||
                              e.code() == ErrorCode::kResourceExhausted;
            if (!next) throw;
            last_code = e.code();
            last_status = 0;
            last_type.clear();
            last_request_id.clear();
            last_retry_after.reset();
            if (const auto* pe = dynamic_cast<const ProviderError*>(&e)) {
                last_status = pe->http_status();
                last_type = pe->error_type();
                last_request_id = pe->request_id();
                last_retry_after = pe->retry_after();
            }
            failed(i, pname, e.what());
            continue;
        } catch (const std::exception& e) {
            if (!options_.fall_back_on_any_error) throw;
            last_code = ErrorCode::kUnavailable;
            last_status = 0;
            last_type = "exception";
            last_request_id.clear();
            last_retry_after.reset();
            failed(i, pname, std::string("unexpected exception: ") + e.what());
            continue;
        }
        const auto& unusable = options_.unusable_stop_reasons;
        if (std::find(unusable.begin(), unusable.end(), response.stop_reason) != unusable.end()) {
            last_code = ErrorCode::kUnavailable;
            last_status = 0;
            last_type = std::string(to_string(response.stop_reason));
            last_request_id = response.request_id;
            last_retry_after.reset();
            failed(i, pname,
                   "unusable reply (stop reason " + std::string(to_string(response.stop_reason)) +
                       ", " + std::to_string(response.tool_uses().size()) +
                       " tool call(s) not used)");
            continue;
        }
        if (response.provider.empty()) response.provider = pname;
        if (i > 0) {
            response.fallback_reason = failures;
            propos::detail::logger()->warn("fallback: answered by '{}' after {} failure(s)", pname,
                                           i);
        }
        return response;
    }
    throw ProviderError(last_code,
                        "all " + std::to_string(chain_.size()) + " providers failed: " + failures,
                        last_status, last_type, last_request_id, last_retry_after);
}

}  // namespace propos::llm

#include "providers.hpp"

#include <cstdlib>

#include "propos/llm/anthropic.hpp"
#include "propos/llm/openai.hpp"

namespace propos::cli {

std::shared_ptr<llm::LlmProvider> make_provider(const ProviderOptions& p) {
    if (p.provider.empty() || p.provider == "rules") return nullptr;
    if (p.provider == "anthropic") {
        llm::AnthropicOptions o;
        if (!p.model.empty()) o.model = p.model;
        if (!p.base_url.empty()) o.base_url = p.base_url;
        const char* key = std::getenv("ANTHROPIC_API_KEY");
        if (!key || !*key) {
            throw Error(ErrorCode::kInvalidArgument,
                        "--provider anthropic needs an API key: set ANTHROPIC_API_KEY");
        }
        o.api_key = key;
        return llm::make_anthropic_provider(std::move(o));
    }
    if (p.provider == "openai") {
        llm::OpenAiOptions o;
        if (!p.model.empty()) o.model = p.model;
        if (!p.base_url.empty()) o.base_url = p.base_url;
        const char* key = std::getenv("OPENAI_API_KEY");
        if (key && *key) o.api_key = key;
        if (o.api_key.empty() && o.base_url.find("api.openai.com") != std::string::npos) {
            throw Error(ErrorCode::kInvalidArgument,
                        "--provider openai needs an API key: set OPENAI_API_KEY (or point --base-url at a "
                        "local server such as Ollama)");
        }
        return llm::make_openai_provider(std::move(o));
    }
    throw Error(ErrorCode::kInvalidArgument,
                "unknown provider '" + p.provider + "' (use rules, anthropic or openai)");
}

}  // namespace propos::cli

// Builds the LLM provider the CLI's --provider/--model/--base-url options ask for.
#pragma once

#include <memory>

#include "commands.hpp"
#include "propos/llm/provider.hpp"

namespace propos::cli {

/// nullptr for "rules" (the Coordinator's offline default); a remote provider otherwise. A missing
/// API key is an Error naming the environment variable.
std::shared_ptr<llm::LlmProvider> make_provider(const ProviderOptions& p);

}  // namespace propos::cli

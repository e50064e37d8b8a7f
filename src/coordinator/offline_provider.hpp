// Private: the default offline provider of the Coordinator (the maintenance rules on the
// LlmProvider interface).
#pragma once

#include <memory>

#include "propos/llm/provider.hpp"

namespace propos {

/// The offline, deterministic provider the Coordinator uses when the host configures none.
std::shared_ptr<llm::LlmProvider> make_offline_maintenance_provider();

}  // namespace propos

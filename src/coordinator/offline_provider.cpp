#include "propos/coordinator.hpp"

#include "propos/llm/rules.hpp"
#include "propos/workflows/maintenance.hpp"

namespace propos {

std::shared_ptr<llm::LlmProvider> make_offline_maintenance_provider() {
    llm::RulesOptions options;
    options.model = "propos-rules-1";
    options.no_match_text = "Done.";
    // One rule: in a maintenance conversation (the maintenance tools are offered), propose the next
    // step exactly as a model would; an empty proposal falls through to end_turn.
    std::vector<llm::Rule> rules{{"maintenance",
                                  [](const llm::LlmRequest& r) { return llm::offers_tool(r, "create_work_order"); },
                                  [](const llm::LlmRequest& r) { return maintenance_rules_step(r); }}};
    return std::make_shared<llm::RulesProvider>(std::move(rules), options);
}

}  // namespace propos

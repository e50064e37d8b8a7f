// Private: what the maintenance units' tools share — schemas, argument access, the run's work
// order and message, vendor rankings as JSON, the deterministic triage floor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/agent/tool.hpp"
#include "propos/workflows/dispatch.hpp"
#include "propos/workflows/triage.hpp"

namespace propos::tool_util {

inline const Json kPriority = {{"type", "string"}, {"enum", {"emergency", "urgent", "routine"}}};
inline const Json kId = {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}};

/// The triage categories as a JSON Schema enum.
Json categories_enum();
/// An object schema with `properties`, `required` and no other properties.
Json schema(Json properties, std::vector<std::string> required);
/// The string argument `key`, else `fallback`.
std::string str(const Json& args, const char* key, const std::string& fallback = "");
/// The work order named in the arguments (else the run's), which must belong to the run's unit.
WorkOrder load_wo(ToolContext& ctx, const Json& args);
/// Attaches the run's message (and its thread) to `wo`.
void link_message(ToolContext& ctx, WorkOrder& wo);
/// The first `max` ranked vendors as JSON.
Json rank_json(const std::vector<VendorRank>& ranked, size_t max);
/// The offline triage of the run's inbound message (the floor a model's triage may not go below);
/// nullopt when the run has no message.
std::optional<Triage> deterministic_triage(ToolContext& ctx, const WorkflowServices& services);
/// "a, b, c".
std::string join_hazards(const std::vector<std::string>& hazards);

}  // namespace propos::tool_util

/// @file tool.hpp
/// @brief Typed tools: the only way an LLM reply changes state. A `Tool` has a name, a description,
/// a JSON Schema for its arguments and a handler; `ToolRegistry` validates arguments against the schema
/// (valijson) before any handler runs.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "propos/agent/policy.hpp"
#include "propos/core/clock.hpp"
#include "propos/core/json.hpp"
#include "propos/llm/types.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief Everything a tool handler may use. Valid only during the call.
///
/// The handler runs inside `tx`: every change it makes, every audit entry it appends and every job it
/// enqueues commits together with the runner's own audit entry for the call, or not at all.
struct ToolContext {
    Transaction& tx;
    const OrgId& org;
    Timestamp now;
    const Policy& policy;
    JobQueue& jobs;
    std::string run_id;
    std::string tool_call_id;
    std::string correlation_id;
    std::string workflow;
    /// The run's context (e.g. {"work_order_id": ...}); a handler may update it for later steps.
    Json& run_context;
    /// Escalation requests raised by the handler (e.g. owner approval needed): the runner records
    /// them durably in the same transaction and pauses the run when any pauses.
    std::vector<Json>& escalations;

    /// @brief Enqueues a job in this transaction, tagged with the run's correlation id.
    JobId enqueue(JobSpec spec) const;
    /// @brief Appends an audit entry in this transaction (actor "agent").
    void audit(const std::string& action, const std::string& entity_kind, const std::string& entity_id,
               Json data) const;
    /// @brief Requests an escalation: reason code, severity ("low".."critical"), summary, whether the
    /// run must wait for a person, extra context.
    void escalate(const std::string& reason, const std::string& severity, const std::string& summary,
                  bool pause, Json context = Json::object()) const;
};

/// @brief What a handler returns. `content` goes back to the model as the tool_result (JSON text).
struct ToolResult {
    Json content = Json::object();
    bool is_error = false;
    static ToolResult ok(Json content) { return ToolResult{std::move(content), false}; }
    static ToolResult error(const std::string& message) {
        return ToolResult{Json{{"error", message}}, true};
    }
};

/// @brief A handler. May throw `propos::Error`: the transaction is rolled back and the model gets an
/// error result with the message (a policy refusal should instead return `ToolResult::error`).
using ToolHandler = std::function<ToolResult(ToolContext&, const Json& arguments)>;

/// @brief A typed action the model may propose.
struct Tool {
    std::string name;          ///< ^[a-zA-Z0-9_-]{1,64}$
    std::string description;
    Json input_schema;         ///< JSON Schema (draft 4/7 keywords) of the arguments object.
    ToolHandler handler;
};

/// @brief Registered tools. Add tools at start-up; lookups are then thread-safe.
class PROPOS_EXPORT ToolRegistry {
public:
    ToolRegistry();
    ~ToolRegistry();
    ToolRegistry(ToolRegistry&&) noexcept;
    ToolRegistry& operator=(ToolRegistry&&) noexcept;

    /// @brief Registers a tool. Throws `Error(kInvalidArgument)` for a bad name, a duplicate name, a
    /// missing handler or a schema valijson cannot compile (the message says which and why).
    void add(Tool tool);
    /// @brief The tool, or nullptr.
    const Tool* find(const std::string& name) const;
    /// @brief Names in registration order.
    std::vector<std::string> names() const;
    /// @brief Definitions to offer the model, restricted to `allowed` (empty: all).
    std::vector<llm::ToolDefinition> definitions(const std::vector<std::string>& allowed = {}) const;
    /// @brief Validates `arguments` against the tool's schema. Returns "" when valid, else a readable
    /// list of problems ("/amount_cents: value is below the minimum 0; ...") the model can act on.
    std::string validate(const std::string& name, const Json& arguments) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// @brief True when `name` matches ^[a-zA-Z0-9_-]{1,64}$.
PROPOS_EXPORT bool is_valid_tool_name(std::string_view name) noexcept;

}  // namespace propos

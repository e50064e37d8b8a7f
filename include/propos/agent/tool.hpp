/// @file tool.hpp
/// @brief Typed tools: the only way an LLM reply changes state. A `Tool` has a name, a description,
/// a JSON Schema for its arguments and a handler; `ToolRegistry` validates arguments against the
/// schema (valijson) before any handler runs.
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

/// @brief Everything a tool handler may use. Valid only during the call; used only by the thread
/// running the handler.
///
/// The handler runs inside `tx`: every change it makes, every audit entry it appends and every job
/// it enqueues commits together with the runner's own audit entry for the call, or not at all.
/// Whatever escapes the handler (from these helpers or its own code) rolls all of it back; the
/// runner then answers the call with an `is_error` tool result and a `tool.failed` audit entry in a
/// new transaction.
struct ToolContext {
    Transaction& tx;
    const OrgId& org;
    Timestamp now;  ///< The runner's clock at the start of the call.
    const Policy& policy;
    JobQueue& jobs;
    std::string run_id;
    /// The call's key in its run, by step and position ("s3.c0"; the model's own tool_use id may
    /// repeat across turns); with `run_id`, the call's idempotency key.
    std::string tool_call_id;
    std::string correlation_id;
    std::string workflow;
    /// The run's context (e.g. {"work_order_id": ...}); a handler may update it for later steps. On
    /// a rollback the runner restores the context as it was before the call.
    Json& run_context;
    /// Escalation requests raised by the handler (e.g. owner approval needed): the runner records
    /// them durably in the same transaction and pauses the run when any pauses.
    std::vector<Json>& escalations;

    /// @brief Enqueues a job in this transaction, tagged with the run's correlation id (unless the
    /// spec has its own). Returns the job id; with an idempotency key already used in the
    /// organization, the existing job's id. Throws what `JobQueue::enqueue` throws
    /// (`Error(kInvalidArgument)` for an empty type, store errors), which fails the call.
    JobId enqueue(JobSpec spec) const;
    /// @brief Appends an audit entry in this transaction (actor "agent", this call's time and
    /// correlation id). Throws store errors, which fail the call.
    void audit(const std::string& action, const std::string& entity_kind,
               const std::string& entity_id, Json data) const;
    /// @brief Requests an escalation: reason code, severity ("low", "medium", "high" or
    /// "critical"), summary, whether the run must wait for a person, extra context. Nothing is
    /// written until the handler returns; the runner then records it in `tx` (an unknown severity
    /// makes the runner's `parse_enum` throw `Error(kInvalidArgument)`, which fails the call).
    /// Never throws itself except on allocation failure.
    void escalate(const std::string& reason, const std::string& severity,
                  const std::string& summary, bool pause, Json context = Json::object()) const;
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

/// @brief A handler. May throw: the transaction is rolled back and the model gets an `is_error`
/// result (the message of a `propos::Error`; "internal error: ..." for any other `std::exception`),
/// which counts as a failed call toward `Policy::max_tool_failures`. A policy refusal should
/// instead return `ToolResult::error`, which commits (with the audit entry) and also counts as a
/// failure. Anything not derived from `std::exception` propagates out of the runner (the run
/// resumes from its last saved state).
using ToolHandler = std::function<ToolResult(ToolContext&, const Json& arguments)>;

/// @brief A typed action the model may propose.
struct Tool {
    std::string name;  ///< ^[a-zA-Z0-9_-]{1,64}$
    std::string description;
    Json input_schema;  ///< JSON Schema (draft 4/7 keywords) of the arguments object.
    ToolHandler handler;
};

/// @brief Registered tools. Add tools at start-up; lookups are then thread-safe.
class PROPOS_EXPORT ToolRegistry {
public:
    ToolRegistry();
    ~ToolRegistry();
    ToolRegistry(ToolRegistry&&) noexcept;
    ToolRegistry& operator=(ToolRegistry&&) noexcept;

    /// @brief Registers a tool. Throws `Error(kInvalidArgument)` for a bad name, a duplicate name,
    /// a missing handler or a schema valijson cannot compile (the message says which and why).
    void add(Tool tool);
    /// @brief The tool, or nullptr.
    const Tool* find(const std::string& name) const;
    /// @brief Names in registration order.
    std::vector<std::string> names() const;
    /// @brief Definitions of every registered tool, in registration order.
    std::vector<llm::ToolDefinition> definitions() const;
    /// @brief Definitions of the tools named in `names` that are registered, in registration order.
    /// An empty list gives no definitions (it is an allow-list, not "no filter").
    std::vector<llm::ToolDefinition> definitions(const std::vector<std::string>& names) const;
    /// @brief Validates `arguments` against the tool's schema. Returns "" when valid, else a
    /// readable list of problems ("/amount_cents: value is below the minimum 0; ...") the model can
    /// act on.
    std::string validate(const std::string& name, const Json& arguments) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// @brief True when `name` matches ^[a-zA-Z0-9_-]{1,64}$.
PROPOS_EXPORT bool is_valid_tool_name(std::string_view name) noexcept;

}  // namespace propos

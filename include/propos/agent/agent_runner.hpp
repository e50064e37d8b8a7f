/// @file agent_runner.hpp
/// @brief `AgentRunner`: the decision loop. Assemble context, call the model, validate and execute the
/// proposed tool calls as typed actions, feed results back, stop on end_turn — within budgets, with an
/// escalation check after every step, durably (a killed process resumes from the last completed step).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propos/agent/escalation.hpp"
#include "propos/agent/policy.hpp"
#include "propos/agent/tool.hpp"
#include "propos/llm/provider.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief Where a run is.
enum class RunStatus { kRunning, kPaused, kCompleted, kFailed };
template <>
struct EnumTraits<RunStatus> {
    static constexpr std::string_view kWhat = "run status";
    static constexpr std::array<std::pair<RunStatus, std::string_view>, 4> kNames{
        {{RunStatus::kRunning, "running"},
         {RunStatus::kPaused, "paused"},
         {RunStatus::kCompleted, "completed"},
         {RunStatus::kFailed, "failed"}}};
};
PROPOS_ENUM_JSON(RunStatus)

/// @brief The durable state of one run, saved after every step (record kind "agent_run").
struct AgentRun {
    std::string id;
    std::string workflow;
    RunStatus status = RunStatus::kRunning;
    std::string status_reason;  ///< e.g. "end_turn", "escalation:legal_threat", "budget:max_steps".
    int step = 0;               ///< Model calls made.
    std::vector<llm::SystemBlock> system;
    std::vector<llm::ChatMessage> messages;
    std::vector<std::string> allowed_tools;
    llm::Usage usage;
    std::int64_t cost_micros = 0;
    std::string model;
    std::string inbound_text;  ///< Untrusted text the escalation rules read.
    Json context = Json::object();
    /// Results of tool calls whose effects committed, by tool_use id (idempotency on resume).
    std::map<std::string, llm::ContentBlock> executed;
    int consecutive_tool_failures = 0;
    std::vector<std::string> raised;  ///< Escalation reasons raised so far.
    std::optional<EscalationId> pending_escalation;
    std::string correlation_id;
    Timestamp created_at{};
    Timestamp updated_at{};
};
PROPOS_EXPORT void to_json(Json& j, const AgentRun& v);
PROPOS_EXPORT void from_json(const Json& j, AgentRun& v);

template <>
struct RecordTraits<AgentRun> {
    static constexpr const char* kKind = "agent_run";
    static const std::string& id(const AgentRun& v) { return v.id; }
    static RecordKeys keys(const AgentRun& v) {
        return {v.workflow, std::string(enum_name(v.status)), v.correlation_id, "",
                to_unix_millis(v.created_at)};
    }
};

/// @brief What to run.
struct AgentTask {
    std::string workflow;                   ///< e.g. "maintenance"; selects the tool allow-list.
    std::vector<llm::SystemBlock> system;   ///< Instructions (trusted), cached as a prefix.
    /// Trusted context for the model (facts from the store, rendered by the workflow).
    std::string context_text;
    /// Untrusted content (tenant message, email, PMS note): delimited as data, never instructions.
    std::string untrusted_text;
    std::string untrusted_label = "tenant_message";
    Json context = Json::object();          ///< Machine context kept in the run (ids...).
    std::vector<std::string> tools;         ///< Tools to offer (filtered by the policy allow-list).
    std::string correlation_id;
    std::string run_id;                     ///< Optional: a stable id makes start() idempotent.
};

/// @brief Options for `AgentRunner`.
struct AgentRunnerOptions {
    /// Model to request; empty: the provider's default.
    std::string model;
    /// max_tokens per call. Default: 1024.
    int max_tokens = 1024;
    /// Per-model prices for cost accounting (micro-dollars per million tokens); a function so the
    /// agent layer stays independent of any price table. Default: cost 0.
    std::function<std::int64_t(const std::string& model, const llm::Usage&)> cost_micros;
};

/// @brief The result of start()/resume().
struct RunOutcome {
    AgentRun run;
    std::vector<Escalation> escalations;  ///< Raised during this call.
};

/// @brief Runs agent loops. Thread-safe for different runs; one run must not be driven by two
/// threads at once (the job queue's lease guarantees that in the Coordinator).
class PROPOS_EXPORT AgentRunner {
public:
    /// @brief All references must outlive the runner.
    AgentRunner(Store& store, JobQueue& jobs, std::shared_ptr<llm::LlmProvider> provider,
                const ToolRegistry& tools, EscalationEngine escalations, Policy policy,
                std::shared_ptr<Clock> clock, AgentRunnerOptions options = {});

    /// @brief Starts a run in `org` and drives it until it completes, pauses or fails. With a
    /// `task.run_id` that already exists, resumes that run instead (idempotent retries).
    /// Provider failures propagate as `llm::ProviderError` after the run state is saved, so a retry
    /// (`resume`) continues from the last completed step.
    RunOutcome start(const OrgId& org, const AgentTask& task);

    /// @brief Continues a running or paused (and since resolved) run from its saved state. Tool calls
    /// of the last step that have no result yet are executed (those already committed are not run
    /// again); then the loop continues. Throws `Error(kNotFound)` for an unknown run and
    /// `Error(kFailedPrecondition)` for a run waiting on an open escalation or already finished.
    RunOutcome resume(const OrgId& org, const std::string& run_id);

    /// @brief Resolves an escalation; when it paused a run, appends the decision to the run as a
    /// trusted message from staff and marks it running again (call `resume` to continue).
    Escalation resolve(const OrgId& org, const EscalationId& id, const std::string& decision,
                       const std::string& resolved_by);
    /// @brief The same inside the caller's transaction (e.g. together with the job that resumes it).
    Escalation resolve(Transaction& tx, const OrgId& org, const EscalationId& id,
                       const std::string& decision, const std::string& resolved_by);

    /// @brief A saved run, or nullopt.
    std::optional<AgentRun> find_run(const OrgId& org, const std::string& run_id);

    /// @brief Wraps untrusted text as data: `<label>` tags around it, with any tag-like sequences in the
    /// text neutralized so it cannot close the block.
    static std::string delimit_untrusted(const std::string& label, const std::string& text);

    /// @brief The standing instruction added to every run's system prompt about untrusted data.
    static const std::string& untrusted_data_notice();

private:
    RunOutcome drive(const OrgId& org, AgentRun run);
    bool check_budget(const OrgId& org, AgentRun& run, std::string& why);
    void execute_tool_calls(const OrgId& org, AgentRun& run, const std::vector<llm::ContentBlock>& calls,
                            std::vector<Escalation>& raised, bool& pause);

    Store& store_;
    JobQueue& jobs_;
    std::shared_ptr<llm::LlmProvider> provider_;
    const ToolRegistry& tools_;
    EscalationEngine escalations_;
    Policy policy_;
    std::shared_ptr<Clock> clock_;
    AgentRunnerOptions options_;
};

}  // namespace propos

/// @file agent_runner.hpp
/// @brief `AgentRunner`: the decision loop. Assemble context, call the model, validate and execute
/// the proposed tool calls as typed actions, feed results back, stop on end_turn — within budgets,
/// with escalation rules before the first call (input), before a step's tools run (proposal) and
/// after them (outcome), durably (a killed process resumes from the last completed step).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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

/// @brief Where a run is. `kRunning` may continue (`resume`); `kPaused` waits for the escalation in
/// `AgentRun::pending_escalation`; `kCompleted` and `kFailed` are final.
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

/// @brief The durable state of one run, saved after every step (record kind "agent_run", scoped to
/// its organization; the conversation is kept in record parts of that record, one per message, so
/// a step writes only what it added). Hosts read it with `AgentRunner::find_run` or
/// `load_agent_run` (`Transaction::find<AgentRun>` returns it without `system`, `messages` and
/// `inbound_text`) and from `RunOutcome::run`; only the runner writes it.
struct AgentRun {
    std::string id;        ///< "run_..." (or the task's `run_id`); unique in the organization.
    std::string workflow;  ///< The task's workflow name (selects the tool allow-list).
    RunStatus status = RunStatus::kRunning;
    /// Why the run is where it is: the stop reason when completed ("end_turn", "stop_sequence"...),
    /// "escalation:<reason>" when paused, "budget:<limit>" (e.g. "budget:max_steps") or
    /// "unusable:<stop reason>" (e.g. "unusable:refusal") when failed, "resumed after escalation
    /// <id>" when a resolved run may continue.
    std::string status_reason;
    int step = 0;  ///< Model calls made.
    /// The system prompt: the task's blocks, then the standing untrusted-data notice, which alone
    /// is marked `cache` (the end of the cacheable prefix).
    std::vector<llm::SystemBlock> system;
    /// The conversation so far: the first user message (trusted context + delimited untrusted
    /// text), then alternating assistant replies and user messages with one tool_result per
    /// tool_use (and staff decisions as text).
    std::vector<llm::ChatMessage> messages;
    /// Tools the model is offered: the task's tools (all registered when the task names none) that
    /// the policy allows in `workflow`. May be empty: then no tool is offered.
    std::vector<std::string> allowed_tools;
    llm::Usage usage;  ///< Tokens used by all calls of the run.
    std::int64_t cost_micros =
        0;                     ///< Their cost in micro-dollars (`AgentRunnerOptions::cost_micros`).
    std::string model;         ///< The model requested.
    /// The provider that answered the latest model call (`LlmResponse::provider`, else the
    /// runner's provider's `name()`): "anthropic", "openai", "rules"... With a
    /// `llm::FallbackProvider`, the provider of the chain that answered. Empty before the first.
    std::string provider;
    std::string inbound_text;  ///< The untrusted text the input escalation rules read.
    /// The stored message `inbound_text` is the text of (`AgentTask::untrusted_message_id`), if
    /// any. The saved run then refers to the message instead of keeping a copy of its text (issue
    /// 19: a message's text is stored once); loading reads it back from the message.
    std::optional<MessageId> inbound_message_id;
    /// Machine context (ids such as "work_order_id", "property_id"); tools may update it. The
    /// runner reads "work_order_id" (attached to escalations), "property_id" (spend limit) and the
    /// number "outdoor_temperature_c" ("no heat" rule).
    Json context = Json::object();
    /// Tool results of the current step's calls answered so far (executed, rejected, failed or not
    /// executed because of a pause), keyed by step and position ("s3.c0": the third model call's
    /// first tool call), not by the provider's tool_use id, which some servers reuse across turns
    /// or leave empty. A call found here is never executed again (idempotency key = run id + this
    /// key). Earlier steps' results are in `messages`.
    std::map<std::string, llm::ContentBlock> executed;
    int consecutive_tool_failures = 0;  ///< Failed or rejected calls in a row.
    std::vector<std::string> raised;  ///< Escalation reasons raised so far (each rule fires once).
    std::optional<EscalationId> pending_escalation;  ///< The escalation a paused run waits for.
    std::string correlation_id;  ///< Tags audit entries and jobs (the task's, else the run id).
    Timestamp created_at{};
    Timestamp updated_at{};
};
/// @brief JSON form: every field under its member name (`status` as its name, timestamps as
/// ISO-8601, `executed` as an object by call key, `pending_escalation` null when unset).
/// `from_json` needs `id`, defaults every other missing field, and throws `Error(kInvalidArgument)`
/// naming a field of the wrong type or an unknown status.
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

/// @brief A saved run with its whole conversation, read in the caller's transaction; nullopt when
/// the organization has no run `id`. Throws `Error(kCorrupt)` when parts of it are missing.
PROPOS_EXPORT std::optional<AgentRun> load_agent_run(Transaction& tx, const OrgId& org,
                                                     const std::string& id);

/// @brief What to run.
struct AgentTask {
    std::string workflow;                  ///< e.g. "maintenance"; selects the tool allow-list.
    std::vector<llm::SystemBlock> system;  ///< Instructions (trusted), cached as a prefix.
    /// Trusted context for the model (facts from the store, rendered by the workflow).
    std::string context_text;
    /// Untrusted content (tenant message, email, PMS note): delimited as data, never instructions.
    std::string untrusted_text;
    std::string untrusted_label = "tenant_message";
    /// The stored message whose text `untrusted_text` is (`message_text(message)`: subject and
    /// body). When set and the message in the store has that text, the saved run refers to the
    /// message instead of copying the text into its conversation (issue 19: a message's text is
    /// stored once). Unset, or a text that differs: the run keeps its own copy. Default: unset.
    std::optional<MessageId> untrusted_message_id;
    Json context = Json::object();  ///< Machine context kept in the run (see `AgentRun::context`).
    /// Tools to offer, by name (empty: every registered tool), filtered by the policy allow-list.
    std::vector<std::string> tools;
    std::string correlation_id;
    std::string run_id;  ///< Optional: a stable id makes start() idempotent.
};

/// @brief Options for `AgentRunner`.
struct AgentRunnerOptions {
    /// Model to request; empty: the provider's default.
    std::string model;
    /// max_tokens per call. Default: 1024.
    int max_tokens = 1024;
    /// The cost of one call in micro-dollars, from the model that answered (the response's, else
    /// the requested one) and its usage; it feeds the cost budgets. Called from the thread driving
    /// the run; must not throw. Default (empty): the list prices of `llm::PriceTable::defaults()`
    /// (unknown and local models cost 0). Return 0 to turn cost accounting off.
    std::function<std::int64_t(const std::string& model, const llm::Usage&)> cost_micros;
    /// Replies with one of these stop reasons are unusable: none of their tool calls runs (a reply
    /// cut off by max_tokens may hold partial arguments) and the run ends `kFailed`
    /// ("unusable:<stop reason>") with a `model_unusable` escalation (critical after an emergency,
    /// else high) — never "completed" in silence. Put a `llm::FallbackProvider` in front to have
    /// another provider answer instead. Default: refusal, content_filter, max_tokens,
    /// model_context_window_exceeded.
    std::vector<llm::StopReason> unusable_stop_reasons = {
        llm::StopReason::kRefusal, llm::StopReason::kContentFilter, llm::StopReason::kMaxTokens,
        llm::StopReason::kContextWindowExceeded};
};

/// @brief The result of start()/resume().
struct RunOutcome {
    AgentRun run;  ///< The run as saved when the call returned.
    /// Escalations recorded during this call (pausing or not), in the order raised.
    std::vector<Escalation> escalations;
};

/// @brief Runs agent loops.
///
/// One run: before the first model call the input escalation rules read the untrusted text (a legal
/// threat, harassment or a request for a person pauses the run there; an emergency only notifies).
/// Each step then checks the budgets, calls the provider, records the step (usage, cost, audit) and
/// applies the proposal rules to the reply's tool calls (low confidence, spend above the limit: the
/// run pauses and none of them runs). Otherwise the calls run one by one, each validated and
/// executed in its own transaction; a call that raises a pausing escalation stops the step (the
/// later calls are answered "not executed"). Calls are tracked by step and position: a call
/// without an id gets one ("call_s<step>.c<position>"), an id reused from an earlier turn is a new
/// call, and a call repeating an id of the same turn is not run but answered as a rejected call
/// (`tool.rejected`). The outcome rule (repeated failures) follows. A reply
/// without tool calls completes the run; a `pause_turn` reply is sent back as it is so the model
/// continues; an unusable reply (`AgentRunnerOptions::unusable_stop_reasons`) ends it failed with
/// a `model_unusable` escalation.
///
/// Thread-safety: thread-safe for different runs; one run must not be driven by two threads at once
/// (the job queue's lease guarantees that in the Coordinator).
class PROPOS_EXPORT AgentRunner {
public:
    /// @brief All references must outlive the runner; the provider and clock are shared.
    /// `escalations` and `policy` are copied (normally built from the same `Policy`). Throws
    /// `Error(kInvalidArgument)` when `provider` or `clock` is null.
    AgentRunner(Store& store, JobQueue& jobs, std::shared_ptr<llm::LlmProvider> provider,
                const ToolRegistry& tools, EscalationEngine escalations, Policy policy,
                std::shared_ptr<Clock> clock, AgentRunnerOptions options = {});

    /// @brief Starts a run in `org` and drives it until it completes, pauses or fails. With a
    /// `task.run_id` that already exists, resumes that run when it is running, or returns it as it
    /// is (no escalations) when paused or finished (idempotent retries). Throws
    /// `Error(kInvalidArgument)` when the task has neither context nor untrusted text or offers an
    /// unregistered tool, `Error(kNotFound)` for an unknown organization, and store errors.
    /// Provider failures propagate as `llm::ProviderError` after the run state is saved (with an
    /// `agent.provider_failed` audit entry; any other `std::exception` from the provider becomes a
    /// `ProviderError` with code kUnavailable naming it), so a retry (`resume`, or `start` with the same run id)
    /// continues from the last completed step. Budget exhaustion is not an exception: the run ends
    /// `kFailed` with a `budget_exhausted` escalation in the outcome.
    RunOutcome start(const OrgId& org, const AgentTask& task);

    /// @brief Continues a running (or resolved) run from its saved state. Tool calls of the last
    /// step that have no result yet are executed (those already answered are not run again); then
    /// the loop continues. Throws `Error(kNotFound)` for an unknown run and
    /// `Error(kFailedPrecondition)` for a run waiting on an open escalation or already finished;
    /// provider and store errors as `start`.
    RunOutcome resume(const OrgId& org, const std::string& run_id);

    /// @brief Resolves an escalation; when it paused a run, appends the decision to the run as a
    /// trusted message from staff (after the results of the step it interrupted, calls that did not
    /// run answered "not executed") and marks it running again (call `resume` to continue).
    /// Throws `Error(kInvalidArgument)` for an empty decision or `resolved_by`, `Error(kNotFound)`
    /// for an unknown escalation and `Error(kFailedPrecondition)` when it is already resolved.
    Escalation resolve(const OrgId& org, const EscalationId& id, const std::string& decision,
                       const std::string& resolved_by);
    /// @brief The same inside the caller's transaction (e.g. together with the job that resumes
    /// it).
    Escalation resolve(Transaction& tx, const OrgId& org, const EscalationId& id,
                       const std::string& decision, const std::string& resolved_by);

    /// @brief A saved run, or nullopt.
    std::optional<AgentRun> find_run(const OrgId& org, const std::string& run_id);

    /// @brief Wraps untrusted text as data: `<label>` tags around it, with any tag-like sequences
    /// in the text neutralized so it cannot close the block.
    static std::string delimit_untrusted(const std::string& label, const std::string& text);

    /// @brief The standing instruction added to every run's system prompt about untrusted data.
    static const std::string& untrusted_data_notice();

private:
    struct PendingStep;
    struct Drive;
    RunOutcome drive(const OrgId& org, AgentRun run, std::size_t stored_parts);
    void flush_step(Transaction& tx, const OrgId& org, Drive& d);
    static void step_committed(Drive& d);
    void write(const OrgId& org, Drive& d, const std::function<void(Transaction&)>& fn);
    bool check_budget(const OrgId& org, Drive& d, std::string& why);
    void stop_for_budget(const OrgId& org, Drive& d, const std::string& why);
    bool record_step(const OrgId& org, Drive& d, const llm::LlmRequest& request,
                     const std::string& prompt_hash, llm::LlmResponse& response);
    bool finish_step(const OrgId& org, Drive& d, const llm::LlmResponse& response);
    bool execute_tool_calls(const OrgId& org, Drive& d,
                            const std::vector<llm::ContentBlock>& calls);
    StepObservation observe(const OrgId& org, const AgentRun& run,
                            const llm::LlmResponse* response) const;
    bool raise(const OrgId& org, Drive& d, const std::vector<EscalationTrigger>& triggers,
               const std::vector<llm::ContentBlock>* unanswered = nullptr);
    void save(const OrgId& org, Drive& d);
    static void answer_unexecuted(AgentRun& run, const std::vector<llm::ContentBlock>& calls,
                                  const std::string& why);

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

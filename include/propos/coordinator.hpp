/// @file coordinator.hpp
/// @brief `Coordinator`: the facade a host embeds. It owns the store, the LLM provider, the agent,
/// the job queue and the workflows; hosts feed it inbound messages (or webhooks), let it run, and
/// query work orders, threads, escalations, events and the audit trail.
///
/// Threading: every public method may be called from any thread. `run_until_idle()` and `tick()` run
/// jobs on the calling thread; run them from one worker thread (or several processes sharing a
/// database that supports it).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propos/agent/agent_runner.hpp"
#include "propos/agent/policy.hpp"
#include "propos/core/clock.hpp"
#include "propos/llm/provider.hpp"
#include "propos/model/message.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief A message as it arrives, before PropOS knows who sent it. Normalized by the channel
/// parsers (Twilio, SendGrid, PMS) or built by the host.
struct IncomingMessage {
    std::string provider = "host";       ///< "twilio", "sendgrid", "portal", "cli", "host"...
    std::string provider_message_id;     ///< Deduplication key (e.g. Twilio MessageSid). Required.
    Channel channel = Channel::kSms;
    std::string from;                    ///< Phone (any format) or email.
    std::string to;
    std::string subject;
    std::string text;                    ///< What the agent reads (quotes/signatures stripped).
    Timestamp received_at{};             ///< Default: now.
    std::vector<std::string> media;      ///< Blob keys of attachments.
    std::string in_reply_to;             ///< Email threading: provider id of the message answered.
    /// The raw payload as received (stored before anything is parsed) and its content type.
    std::string raw_payload;
    std::string raw_content_type = "application/json";
};

/// @brief The result of `ingest`.
struct IngestResult {
    MessageId message_id;
    bool duplicate = false;  ///< Already ingested: nothing new was stored or enqueued.
    std::optional<TenantId> tenant_id;
    std::optional<VendorId> vendor_id;
    std::int64_t raw_payload_id = 0;
};

/// @brief Delivers one outbound message. Implementations: Twilio, SendGrid (channels layer), or the
/// default outbox that only records. Returns the provider's message id; throws `Error(kUnavailable)`
/// for a failure worth retrying and any other `Error` for a permanent failure. Must be thread-safe.
/// The Coordinator never calls it twice for a message that already has a provider id (idempotent
/// retries), and passes the message id as the idempotency key.
using Deliverer = std::function<std::string(const OrgId& org, const Message& message)>;

/// @brief Options for `Coordinator`. Fields with defaults may be left unset.
struct CoordinatorOptions {
    /// The store. Default: none — set it, or set `database_path`.
    std::shared_ptr<Store> store;
    /// Opens a SQLite store here when `store` is not set (":memory:" works).
    std::string database_path;
    /// The model. Default: the offline rules provider (deterministic, no network).
    std::shared_ptr<llm::LlmProvider> provider;
    /// Time. Default: the system clock. A `ManualClock` makes simulations and tests exact.
    std::shared_ptr<Clock> clock;
    /// Spending limits, quiet hours, budgets. Default: `Policy{}`.
    Policy policy;
    /// Delivery per channel. Default (missing channel): the outbox — the message is recorded as sent
    /// with provider id "outbox:<message id>" so demos and tests can read it.
    std::map<Channel, Deliverer> deliverers;
    /// Jobs claimed and completed per transaction (group commit). Default: 32.
    std::size_t batch_size = 32;
    /// Worker name recorded in job leases. Default: "coordinator".
    std::string worker = "coordinator";
    /// Model name / per-call max tokens / cost function for the agent.
    AgentRunnerOptions agent;
    /// Seed for job-retry jitter (0: random). Default: 0.
    std::uint64_t seed = 0;
};

/// @brief Counts from `run_until_idle` / `tick`.
struct RunStats {
    std::size_t jobs_run = 0;
    std::size_t jobs_failed = 0;   ///< Failed attempts (retried later or dead-lettered).
    std::size_t jobs_dead = 0;     ///< Dead-lettered in this call.
    std::size_t schedules_fired = 0;
};

/// @brief A host callback for events. Called after the change committed, on the thread that ran the
/// job; must not call back into the Coordinator's run methods.
using EventCallback = std::function<void(const Event&)>;

/// @brief Filters for `work_orders()`.
struct WorkOrderQuery {
    std::string status;    ///< e.g. "dispatched"; empty: all.
    std::string unit_id;   ///< Empty: all units.
    bool open_only = false;
    std::size_t limit = 0;
};

/// @brief The embeddable coordinator.
class PROPOS_EXPORT Coordinator {
public:
    /// @brief Builds the coordinator: opens the store if needed, registers the maintenance tools and
    /// (for the offline provider) their rules, and schedules the hourly stall check for every
    /// organization. Throws `Error(kInvalidArgument)` when neither a store nor a database path is set.
    explicit Coordinator(CoordinatorOptions options);
    ~Coordinator();
    Coordinator(const Coordinator&) = delete;
    Coordinator& operator=(const Coordinator&) = delete;

    /// @brief Stores the raw payload first, then the message (deduplicated by provider message id,
    /// matched to a tenant or vendor by phone/email within `org`, threaded), and enqueues its workflow
    /// job — message and job in one transaction. A message that cannot be parsed or lacks required
    /// fields is kept as a dead letter and `Error(kInvalidArgument)` names the problem.
    IngestResult ingest(const OrgId& org, const IncomingMessage& message);

    /// @brief Keeps a payload that could not be turned into a message (e.g. malformed JSON) as a dead
    /// letter with `reason`; returns its raw payload id.
    std::int64_t dead_letter(const OrgId& org, const std::string& source, const std::string& content_type,
                             const std::string& payload, const std::string& reason);

    /// @brief Runs due jobs of every organization until none is due. Returns what it did.
    RunStats run_until_idle(std::size_t max_jobs = 0);

    /// @brief Advances a `ManualClock` to `now` (ignored for other clocks when `now` is not later),
    /// fires due schedules and runs due jobs until idle.
    RunStats tick(Timestamp now);

    /// @brief Simulates `duration` of time passing: advances a ManualClock step by step to each due
    /// job (so timers fire at their own times) and runs them. Throws `Error(kFailedPrecondition)`
    /// when the clock is not a ManualClock.
    RunStats advance(Millis duration);

    /// @brief Records and reconciles a vendor invoice (approved / blocked / flagged, with findings).
    Invoice submit_invoice(const OrgId& org, Invoice invoice);

    /// @brief Resolves an escalation with a person's decision and resumes whatever waited on it
    /// (an agent run, or an approval-dependent dispatch). Runs nothing itself: call `run_until_idle`.
    Escalation resolve_escalation(const OrgId& org, const EscalationId& id, const std::string& decision,
                                  const std::string& resolved_by);

    // ---- queries (all organization-scoped) ----
    std::vector<WorkOrder> work_orders(const OrgId& org, const WorkOrderQuery& query = {});
    WorkOrder work_order(const OrgId& org, const WorkOrderId& id);
    /// @brief A thread's messages, oldest first.
    std::vector<Message> thread_messages(const OrgId& org, const ThreadId& thread);
    /// @brief Outbound messages (the outbox), oldest first.
    std::vector<Message> outbox(const OrgId& org, std::size_t limit = 0);
    std::vector<Escalation> escalations(const OrgId& org, bool open_only = true);
    /// @brief Events after `after_id` ("" from the start), oldest first.
    std::vector<Event> events(const OrgId& org, const std::string& after_id = "", std::size_t limit = 0);
    std::vector<AuditEvent> audit(const OrgId& org, std::int64_t after_seq = 0, std::size_t limit = 0);
    AuditVerification verify_audit(const OrgId& org);
    std::vector<Organization> organizations();

    /// @brief Registers a callback for every event of every organization.
    void on_event(EventCallback callback);

    Store& store() noexcept;
    JobQueue& jobs() noexcept;
    AgentRunner& agent() noexcept;
    Clock& clock() noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos

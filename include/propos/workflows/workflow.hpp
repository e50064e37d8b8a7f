/// @file workflow.hpp
/// @brief What every workflow unit stands on: the `Workflow` interface (the intents and job types a
/// unit owns, the tools it registers, `handle(job)`), the `JobTable` the Coordinator dispatches
/// jobs from, the services a unit gets from its host (`WorkflowServices`) and the way a unit sends
/// a message (`queue_outbound`).
///
/// A unit is a durable state machine driven by jobs: each job it owns arrives in `handle`, which
/// changes state in store transactions (state, audit entry, events and the jobs it enqueues commit
/// together) and throws to have the job retried. The units of PropOS: intake (`intake.hpp`), the
/// maintenance units (`maintenance.hpp`: repair intake, vendor dispatch, scheduling, completion,
/// invoices, escalation SLA), delivery (`delivery.hpp`), move-out (`move_out.hpp`) and lease
/// renewals (`renewal.hpp`); the owners
/// of the other intents are reached through `route_tenant_request` (`tenant_requests.hpp`).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "propos/agent/policy.hpp"
#include "propos/agent/tool.hpp"
#include "propos/core/clock.hpp"
#include "propos/export.hpp"
#include "propos/model/message.hpp"
#include "propos/search/history_search.hpp"
#include "propos/store/events.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/workflows/tenant_requests.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {

class RuleBook;  // propos/workflows/compliance.hpp

/// @brief The built-in job types (payloads are JSON objects with the named ids). Each belongs to
/// exactly one unit; a host cannot register a handler for any of them.
namespace job_types {
inline constexpr const char* kInboundMessage = "inbound.message";        // {message_id}: intake
inline constexpr const char* kDeliverMessage = "message.deliver";        // {message_id}: delivery
inline constexpr const char* kResumeRun = "agent.resume";                // {run_id}: repair intake
inline constexpr const char* kVendorResponseDue = "vendor.response_due"; // {work_order_id, vendor_id}
inline constexpr const char* kBidsDue = "bids.due";                      // {work_order_id}
inline constexpr const char* kVisitReminder = "visit.reminder";          // {work_order_id, before}
inline constexpr const char* kTenantReplyDue = "tenant.reply_due";       // {work_order_id, kind}
inline constexpr const char* kConfirmationDue = "completion.confirmation_due";  // {work_order_id}
inline constexpr const char* kStallCheck = "workorders.stall_check";     // {}
inline constexpr const char* kApprovalDecided = "approval.decided";      // {escalation_id}
inline constexpr const char* kEscalationSlaCheck = "escalations.sla_check";  // {}
}  // namespace job_types

/// @brief An outbound message to queue.
struct OutboundSpec {
    Channel channel = Channel::kSms;
    std::string to;
    std::string subject;
    std::string body;
    std::optional<TenantId> tenant_id;
    std::optional<VendorId> vendor_id;
    std::optional<WorkOrderId> work_order_id;
    std::optional<ThreadId> thread_id;
    /// Emergency / safety messages ignore quiet hours.
    bool urgent = false;
    std::string correlation_id;
    /// What the message is about (`Message::topic`), e.g. "renewal". Default: not recorded.
    std::string topic;
};

/// @brief What the workflows need from their host (the Coordinator).
struct WorkflowServices {
    Store& store;
    JobQueue& jobs;
    std::shared_ptr<Clock> clock;
    Policy policy;
    /// History search: precedent for the agent's context, similarity for duplicate detection and the
    /// `search_history` tool. Null: none of these (the rest works the same). Must outlive the
    /// workflow when set.
    HistorySearch* search = nullptr;
    /// The host's ledger, for answering payment questions from facts (`propos/workflows/
    /// tenant_requests.hpp`). Empty: payment questions go to a person.
    LedgerLookup ledger;
    /// The host's own triage model (raise-only; see `TriageHook` in triage.hpp). Empty: none.
    TriageHook triage_hook;
    // ---- compliance (propos/workflows/compliance.hpp) ----
    /// The jurisdiction rule packs: legal repair deadlines are set on new work orders from them.
    /// Null: no legal deadlines. Must outlive the workflow when set.
    const RuleBook* compliance_rules = nullptr;
};

/// @brief Queues an outbound message in `tx`: stores it (status queued) on its thread and enqueues its
/// delivery job (idempotency key = message id). Non-urgent tenant messages in quiet hours (organization
/// time zone) are delivered when quiet hours end; tenants who opted out of SMS get email when they
/// have an address, else the message is suppressed. Returns the stored message.
PROPOS_EXPORT Message queue_outbound(Transaction& tx, const WorkflowServices& services, const OrgId& org,
                                     OutboundSpec spec);

/// @brief A workflow unit: the intents and job types it owns, the tools it offers the model, and
/// the handler of its jobs.
///
/// Implementations are built by their host with the `WorkflowServices` (and whatever else they
/// need, e.g. the `AgentRunner`), which must outlive them. `handle` is called from the thread that
/// runs jobs, one job at a time per call; units keep no per-job state in members, so one unit may
/// serve several threads when its host runs jobs on them.
class PROPOS_EXPORT Workflow {
public:
    Workflow() = default;
    virtual ~Workflow() = default;
    Workflow(const Workflow&) = delete;
    Workflow& operator=(const Workflow&) = delete;

    /// @brief A stable name, e.g. "intake", "vendor_dispatch", "delivery".
    virtual std::string name() const = 0;
    /// @brief The intents (`to_string(Intent)`) whose messages this unit takes from intake; empty
    /// for units that only run jobs.
    virtual std::vector<std::string> intents() const { return {}; }
    /// @brief The job types this unit handles; `handle` receives only these.
    virtual std::vector<std::string> job_types() const = 0;
    /// @brief The names of the tools `register_tools` adds, in the order they are offered.
    virtual std::vector<std::string> tool_names() const { return {}; }
    /// @brief Adds this unit's tools to `registry` (nothing by default). The tools use the unit's
    /// services: the unit must outlive the registry's use of them.
    virtual void register_tools(ToolRegistry& registry) const { (void)registry; }
    /// @brief Runs one claimed job of one of `job_types()`. Throws on failure: the queue retries
    /// the job with backoff until its attempts are spent, then dead-letters it.
    virtual void handle(const Job& job) = 0;

    /// @brief Sees every message from a known tenant as soon as intake reads it — before the SMS
    /// keyword, before any routing — for units whose state a reply changes whatever it says (a
    /// follow-up cadence cancelled by any reply, a notice's reply recorded, a document received).
    /// Units subscribe with `IntakeWorkflow::add_listener`. Writes its own transactions; throws to
    /// have the inbound job retried (so it must be idempotent per message). Default: nothing.
    /// (`org`: the organization the message arrived in — every store call of the unit needs it.)
    virtual void observe_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant) {
        (void)org;
        (void)message;
        (void)tenant;
    }
    /// @brief Offered a tenant's message after the answer an open work order waits on and before
    /// intent routing, with the intent `classify_intent` read; returns true when this unit took it
    /// (nothing else routes it): a reply to a renewal offer, a document an onboarding waits for.
    /// Subscribed units are asked in the order they subscribed. Default: false.
    virtual bool take_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant,
                                     const IntentAssessment& intent) {
        (void)org;
        (void)message;
        (void)tenant;
        (void)intent;
        return false;
    }
};

/// @brief The Coordinator's dispatch table: job type -> handler, filled with the units' job types
/// (built in) and the host's own (`Coordinator::register_job_handler`). Thread-safe: handlers may
/// be added while jobs run (a job runs the handler found when it is dispatched).
class PROPOS_EXPORT JobTable {
public:
    using Handler = std::function<void(const Job&)>;

    /// @brief Adds every job type of `unit` as built in. `groupable`: its jobs may share a group
    /// commit (they only change the store). Throws `Error(kAlreadyExists)` when another handler
    /// owns one of the types (no type has two owners). `unit` must outlive the table.
    void add_unit(Workflow& unit, bool groupable = true);
    /// @brief Adds one built-in type (see `add_unit`).
    void add_builtin(const std::string& type, Handler handler, bool groupable = true);
    /// @brief Adds a host's handler. Throws `Error(kInvalidArgument)` for an empty type or handler,
    /// `Error(kAlreadyExists)` for a built-in type ("built in and cannot be replaced") and for a
    /// type registered before.
    void add_host(const std::string& type, Handler handler);

    /// @brief True when `type` is one of the built-in types.
    bool is_builtin(const std::string& type) const;
    /// @brief True when `type` has a handler.
    bool contains(const std::string& type) const;
    /// @brief False for host handlers and built-in types added as not groupable; true otherwise
    /// (an unknown type fails without touching anything).
    bool groupable(const std::string& type) const;
    /// @brief Runs the handler of `job.type`. Throws `Error(kInvalidArgument)` naming the type when
    /// there is none, and whatever the handler throws.
    void run(const Job& job) const;
    /// @brief Every type with a handler, sorted.
    std::vector<std::string> types() const;

private:
    struct Entry {
        Handler handler;
        bool builtin = false;
        bool groupable = false;
    };
    mutable std::mutex mu_;
    std::map<std::string, Entry> entries_;
};

}  // namespace propos

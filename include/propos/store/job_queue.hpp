/// @file job_queue.hpp
/// @brief `JobQueue`: the durable queue that drives every workflow, stored in the same database.
///
/// - Transactional outbox: `JobQueue::enqueue(tx, ...)` adds a job inside the caller's transaction,
///   so a state change and the jobs it implies commit (or roll back) together.
/// - Delayed jobs (`run_at`), priorities, idempotency keys (enqueueing an existing key is a no-op).
/// - `claim()` leases jobs to a worker; a crashed worker's jobs are reclaimed once the lease expires.
/// - `fail()` retries with exponential backoff and full jitter, `min(cap, base * 2^(attempt-1))` scaled
///   by a uniform random factor; after `max_attempts` the job is dead-lettered with its last error.
/// - Recurring schedules (cron, UTC) fire through `run_schedules()`, driven by the injected `Clock`.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/cron.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief Options for `JobQueue`.
struct JobQueueOptions {
    /// How long a claim is valid before another worker may take the job. Default: 5 min.
    Millis lease{5 * 60 * 1000};
    /// First retry delay upper bound. Default: 1 s.
    Millis backoff_base{1000};
    /// Largest retry delay. Default: 1 h.
    Millis backoff_cap{60 * 60 * 1000};
    /// Seed for the jitter; 0 seeds from the operating system. Default: 0.
    std::uint64_t seed = 0;
    /// How many times `defer()` may put a job back without spending an attempt; later deferrals
    /// count as failed attempts (so a server that always says "later" cannot hold a job forever).
    /// Default: 10.
    int max_deferrals = 10;
};

/// @brief The durable job queue. Thread-safe.
class PROPOS_EXPORT JobQueue {
public:
    /// @brief `store` must outlive the queue; the queue shares ownership of `clock`.
    JobQueue(Store& store, std::shared_ptr<Clock> clock, JobQueueOptions options = {});

    /// @brief Enqueues inside the caller's transaction (the outbox pattern). Returns the job id (the
    /// existing one when the idempotency key is taken). Throws `Error(kInvalidArgument)` for an empty
    /// type or max_attempts < 1.
    JobId enqueue(Transaction& tx, const OrgId& org, const JobSpec& spec);
    /// @brief Enqueues in a transaction of its own.
    JobId enqueue(const OrgId& org, const JobSpec& spec);

    /// @brief Claims up to `max` due jobs of `org` for `worker`.
    std::vector<Job> claim(const OrgId& org, std::string_view worker, std::size_t max = 1);
    /// @brief Claims inside the caller's transaction, e.g. to complete one batch and claim the next
    /// in one commit (group commit).
    std::vector<Job> claim(Transaction& tx, const OrgId& org, std::string_view worker,
                           std::size_t max = 1);
    /// @brief Marks the job done in its own transaction.
    void complete(const Job& job);
    /// @brief Marks the job done inside the caller's transaction (together with the job's effects).
    void complete(Transaction& tx, const Job& job);
    /// @brief Records a failure: retry after a jittered backoff, or dead letter. Returns the new state.
    JobState fail(const Job& job, std::string_view error);
    /// @brief The same inside the caller's transaction, e.g. together with the escalation that
    /// announces a dead job. Throws `Error(kFailedPrecondition)` when the job's lease was lost.
    JobState fail(Transaction& tx, const Job& job, std::string_view error);
    /// @brief Puts a running job back on the queue `delay` from now because a dependency asked to be
    /// called later (e.g. a model provider's long `retry-after`), inside the caller's transaction.
    /// The first `JobQueueOptions::max_deferrals` deferrals of a job spend no attempt (counted in
    /// its payload under "_deferrals"); later ones are failed attempts (`fail`, retried no sooner
    /// than `delay`). Returns the new state (kDead only for a counted attempt that was the last).
    JobState defer(Transaction& tx, const Job& job, Millis delay, std::string_view reason);
    /// @brief The delay before retry number `attempt` (1-based) with jitter applied.
    Millis backoff(int attempt);

    std::optional<Job> find(const OrgId& org, const JobId& id);
    std::vector<Job> dead_letters(const OrgId& org, std::size_t limit = 0);
    JobCounts counts(const OrgId& org);
    /// @brief `counts` per job type, by type name (types with no job are absent).
    std::map<std::string, JobCounts> counts_by_type(const OrgId& org);
    /// @brief Gives a dead job a fresh attempt budget.
    void retry_dead(const OrgId& org, const JobId& id);
    /// @brief Deletes done jobs older than `age` (their idempotency keys are then free again).
    std::int64_t purge_done(const OrgId& org, Millis age);
    /// @brief When the next pending job or schedule is due, if any.
    std::optional<Timestamp> next_due(const OrgId& org);

    /// @brief Adds or replaces a recurring schedule; its first run is the next cron time after now.
    /// Throws `Error(kInvalidArgument)` for a bad cron expression or an empty name/type.
    void add_schedule(const OrgId& org, const std::string& name, const std::string& cron,
                      const JobSpec& job);
    bool remove_schedule(const OrgId& org, std::string_view name);
    std::vector<Schedule> schedules(const OrgId& org);
    /// @brief Enqueues one job for every schedule that is due (missed periods are coalesced into one
    /// firing) and advances each to its next time. Idempotent per firing. Returns jobs enqueued.
    std::size_t run_schedules(const OrgId& org);

    const JobQueueOptions& options() const noexcept { return options_; }
    Clock& clock() const noexcept { return *clock_; }

private:
    Store& store_;
    std::shared_ptr<Clock> clock_;
    JobQueueOptions options_;
    std::mutex rng_mu_;
    std::mt19937_64 rng_;
};

}  // namespace propos

/// @file job_store.hpp
/// @brief The jobs capability of a store transaction: durable jobs with leases, idempotency keys and
/// cron schedules, claimed by any number of workers (see `JobQueue`).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/store/job.hpp"

namespace propos {

/// @brief Jobs and schedules of one organization. Reached as `Transaction::jobs()`.
class PROPOS_EXPORT JobStore {
public:
    virtual ~JobStore() = default;

    /// @brief Adds a job; with an idempotency key that already exists in `org`, returns that job's id
    /// and changes nothing. `now` fills run_at when the spec has none.
    virtual JobId enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) = 0;
    /// @brief Reclaims expired leases, then claims up to `max` due jobs (priority desc, run_at, id).
    virtual std::vector<Job> claim_jobs(const OrgId& org, std::string_view worker, Timestamp now,
                                        Millis lease, std::size_t max) = 0;
    /// @brief Marks a running job done. Throws `Error(kFailedPrecondition)` if its lease was lost.
    virtual void complete_job(const OrgId& org, const Job& job, Timestamp now) = 0;
    /// @brief Records a failure: back to pending at `retry_at`, or dead when out of attempts.
    /// Returns the new state.
    virtual JobState fail_job(const OrgId& org, const Job& job, std::string_view error,
                              Timestamp now, Timestamp retry_at) = 0;
    /// @brief Puts a running job back to pending at `run_at` without spending an attempt (its
    /// claim is given back), with `payload` as its new payload and `reason` as its last error.
    /// Throws `Error(kFailedPrecondition)` if its lease was lost. The default implementation (for
    /// stores written before it existed) records a failed attempt instead: `fail_job`.
    virtual JobState defer_job(const OrgId& org, const Job& job, const Json& payload,
                               std::string_view reason, Timestamp now, Timestamp run_at) {
        (void)payload;
        return fail_job(org, job, reason, now, run_at);
    }
    virtual std::optional<Job> find_job(const OrgId& org, const JobId& id) = 0;
    /// @brief Jobs in one state, oldest first, at most `limit` (0: all).
    virtual std::vector<Job> list_jobs(const OrgId& org, JobState state, std::size_t limit) = 0;
    virtual JobCounts count_jobs(const OrgId& org) = 0;
    /// @brief `count_jobs` per job type (types with no job are absent), by type name. The default
    /// implementation lists the jobs of each state; stores override it with an aggregate query.
    virtual std::map<std::string, JobCounts> count_jobs_by_type(const OrgId& org) {
        std::map<std::string, JobCounts> out;
        for (const auto state : {JobState::kPending, JobState::kRunning, JobState::kDone, JobState::kDead}) {
            for (const auto& job : list_jobs(org, state, 0)) {
                auto& c = out[job.type];
                (state == JobState::kPending   ? c.pending
                 : state == JobState::kRunning ? c.running
                 : state == JobState::kDone    ? c.done
                                               : c.dead) += 1;
            }
        }
        return out;
    }
    /// @brief Earliest run_at among pending jobs and next_run_at among schedules.
    virtual std::optional<Timestamp> next_job_due(const OrgId& org) = 0;
    /// @brief Puts a dead job back to pending with a fresh attempt budget.
    virtual void retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) = 0;
    /// @brief Deletes done jobs last updated before `before` (their idempotency keys are released).
    /// Returns how many were deleted.
    virtual std::int64_t purge_done_jobs(const OrgId& org, Timestamp before) = 0;
    virtual void put_schedule(const OrgId& org, const Schedule& schedule) = 0;
    virtual bool erase_schedule(const OrgId& org, std::string_view name) = 0;
    virtual std::vector<Schedule> list_schedules(const OrgId& org) = 0;
    /// @brief The schedules whose next_run_at is at or before `by`, earliest first (then by name):
    /// what the job loop fires each pass, without reading the others.
    virtual std::vector<Schedule> list_due_schedules(const OrgId& org, Timestamp by) = 0;

};

}  // namespace propos

/// @file job.hpp
/// @brief Job types for the durable `JobQueue`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Lifecycle of a job.
enum class JobState { kPending, kRunning, kDone, kDead };
template <>
struct EnumTraits<JobState> {
    static constexpr std::string_view kWhat = "job state";
    static constexpr std::array<std::pair<JobState, std::string_view>, 4> kNames{
        {{JobState::kPending, "pending"},
         {JobState::kRunning, "running"},
         {JobState::kDone, "done"},
         {JobState::kDead, "dead"}}};
};
PROPOS_ENUM_JSON(JobState)

/// @brief What to enqueue.
struct JobSpec {
    std::string type;                  ///< Handler name, e.g. "inbound-message". Required.
    Json payload = Json::object();
    int priority = 0;                  ///< Higher runs first. Default: 0.
    std::optional<Timestamp> run_at;   ///< Not before this time. Default: now.
    std::string idempotency_key;       ///< Enqueueing a key that exists in the org is a no-op.
    int max_attempts = 5;              ///< Then the job is dead-lettered. Default: 5.
    std::string correlation_id;        ///< Carried into audit entries and events.
};

/// @brief A stored job.
struct Job {
    JobId id;
    OrgId org_id;
    std::string type;
    Json payload = Json::object();
    int priority = 0;
    JobState state = JobState::kPending;
    Timestamp run_at{};
    int attempts = 0;  ///< Claims so far, including the current one.
    int max_attempts = 5;
    std::string idempotency_key;
    std::string correlation_id;
    std::string lease_token;  ///< Set while running; completion must present it.
    std::optional<Timestamp> lease_until;
    std::string last_error;
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// @brief Counts of jobs by state in one organization.
struct JobCounts {
    std::int64_t pending = 0;
    std::int64_t running = 0;
    std::int64_t done = 0;
    std::int64_t dead = 0;
};

/// @brief A recurring job fired on a cron schedule.
struct Schedule {
    std::string name;  ///< Unique within the organization.
    std::string cron;  ///< 5-field cron expression in UTC, or @hourly/@daily/@weekly/@monthly.
    JobSpec job;       ///< `run_at` and `idempotency_key` are set for each firing.
    Timestamp next_run_at{};
};

PROPOS_EXPORT void to_json(Json& j, const Job& v);

}  // namespace propos

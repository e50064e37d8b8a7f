// Private checks and helpers shared by the store's engines and the capabilities' defaults.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "propos/core/error.hpp"
#include "propos/core/ids.hpp"
#include "propos/store/job.hpp"

namespace propos::store_detail {

/// Throws `Error(kInvalidArgument)` unless `field` is a plain JSON field name ([A-Za-z0-9_]+), the
/// only names `RecordStore::count_by` accepts (engines put it in SQL).
void check_record_field_name(const std::string& field);

/// The error for a job update whose lease this worker no longer holds (`complete_job`: what
/// happened instead; release: what did not happen).
inline Error lease_lost(const Job& job, const std::string& consequence) {
    return Error(ErrorCode::kFailedPrecondition,
                 "job " + job.id.str() + " (" + job.type + ") is no longer leased to this worker" + consequence);
}
inline const char* const kLeaseExpiredOrFinished =
    ": its lease expired and it was reclaimed, or it already finished";

/// Adds a `state` count ("pending", "running", "done", "dead") to `c`.
inline void add_job_count(JobCounts& c, const std::string& state, std::int64_t n) {
    if (state == "pending") c.pending = n;
    else if (state == "running") c.running = n;
    else if (state == "done") c.done = n;
    else if (state == "dead") c.dead = n;
}

/// The row number a job id names (the decimal of its row id), or nullopt when it names no job
/// (PostgreSQL and in-memory engines).
inline std::optional<std::int64_t> job_number(const JobId& id) {
    try {
        std::size_t used = 0;
        const auto n = std::stoll(id.str(), &used);
        if (used != id.str().size()) return std::nullopt;
        return n;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace propos::store_detail

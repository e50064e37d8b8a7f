// PostgreSQL engine: the jobs capability. Workers in many processes claim jobs with
// FOR UPDATE SKIP LOCKED (no two claim one job, none waits for another's claim) and leases (a worker
// that dies leaves its jobs to be reclaimed when the lease expires); a transaction that enqueued
// notifies idle workers when it commits (NOTIFY propos_jobs, sent with the COMMIT; see PgStore::run).
#include <algorithm>
#include <limits>

#include "core/log.hpp"
#include "pg_impl.hpp"
#include "store_checks.hpp"

namespace propos::pg_impl {

namespace {
constexpr const char* kJobColumns =
    "id, org_id, type, payload, priority, state, run_at_ms, attempts, max_attempts, "
    "idempotency_key, correlation_id, lease_token, lease_until_ms, last_error, created_ms, "
    "updated_ms";

Job job_from_row(const Result& r, int i) {
    Job j;
    j.id = JobId(std::to_string(r.i64(i, 0)));
    j.org_id = OrgId(r.str(i, 1));
    j.type = r.str(i, 2);
    j.payload = parse_json(r.str(i, 3), "job payload");
    j.priority = static_cast<int>(r.i64(i, 4));
    j.state = parse_enum<JobState>(r.str(i, 5));
    j.run_at = from_unix_millis(r.i64(i, 6));
    j.attempts = static_cast<int>(r.i64(i, 7));
    j.max_attempts = static_cast<int>(r.i64(i, 8));
    if (!r.null(i, 9)) j.idempotency_key = r.str(i, 9);
    j.correlation_id = r.str(i, 10);
    j.lease_token = r.str(i, 11);
    if (!r.null(i, 12)) j.lease_until = from_unix_millis(r.i64(i, 12));
    j.last_error = r.str(i, 13);
    j.created_at = from_unix_millis(r.i64(i, 14));
    j.updated_at = from_unix_millis(r.i64(i, 15));
    return j;
}

// A job id is the decimal of its row id; anything else names no job (shared with the in-memory store).
using store_detail::job_number;

}  // namespace

JobId PgTransaction::enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) {
    require_writable("enqueue");
    check_org(org);
    Params p;
    p.text(org.str()).text(spec.type).text(canonical_json(spec.payload)).num(spec.priority)
        .num(ms(spec.run_at.value_or(now))).num(spec.max_attempts);
    if (spec.idempotency_key.empty()) {
        p.null();
    } else {
        p.text(spec.idempotency_key);
    }
    p.text(spec.correlation_id).num(ms(now));
    notify_jobs = true;  // idle workers are woken at commit (NOTIFY propos_jobs)
    // Inserted, or the job that already holds the idempotency key. When another transaction holds
    // the key, ON CONFLICT waits for it to end; its row is then visible to a new statement (READ
    // COMMITTED), or it rolled back and the insert is tried again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto r = exec("INSERT INTO jobs (org_id, type, payload, priority, state, run_at_ms, "
                      "max_attempts, idempotency_key, correlation_id, created_ms, updated_ms) VALUES "
                      "($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $9) ON CONFLICT (org_id, "
                      "idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id",
                      p, "enqueue job");
        if (r.rows() > 0) return JobId(std::to_string(r.i64(0, 0)));
        Params q;
        q.text(org.str()).text(spec.idempotency_key);
        auto e = exec("SELECT id FROM jobs WHERE org_id = $1 AND idempotency_key = $2", q,
                      "find job by idempotency key");
        if (e.rows() > 0) return JobId(std::to_string(e.i64(0, 0)));
    }
    throw Error(ErrorCode::kBusy, "job with idempotency key '" + spec.idempotency_key +
                                      "' is being enqueued and rolled back by other transactions; retry");
}

std::vector<Job> PgTransaction::claim_jobs(const OrgId& org, std::string_view worker, Timestamp now,
                                           Millis lease, std::size_t max) {
    require_writable("claim_jobs");
    check_org(org);
    {
        Params p;
        p.num(ms(now)).text(org.str());
        // Expired leases first: their workers died or stalled. SKIP LOCKED: a job another worker is
        // finishing right now is its business.
        // The candidates are chosen once (a MATERIALIZED CTE): as the inner side of a nested loop, a
        // locking subquery would be run again for each row and skip the rows just updated.
        auto r = exec("WITH expired AS MATERIALIZED (SELECT id FROM jobs WHERE org_id = $2 AND state = "
                      "'running' AND lease_until_ms <= $1 FOR UPDATE SKIP LOCKED) UPDATE jobs SET "
                      "state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END, "
                      "last_error = 'lease expired: ' || lease_token || ' did not finish in time', "
                      "lease_token = '', lease_until_ms = NULL, run_at_ms = $1, updated_ms = $1 FROM "
                      "expired WHERE jobs.org_id = $2 AND jobs.id = expired.id",
                      p, "reclaim expired job leases");
        if (const auto n = r.affected(); n > 0) {
            detail::logger()->warn("reclaimed {} expired job lease(s) in organization {}", n, org.str());
        }
    }
    if (max == 0) return {};
    Params p;
    p.text(worker).num(ms(now + lease)).num(ms(now)).text(org.str());
    std::string columns;  // RETURNING the updated row's columns, qualified
    for (std::string_view c = kJobColumns;;) {
        const auto comma = c.find(", ");
        columns += "jobs." + std::string(c.substr(0, comma));
        if (comma == std::string_view::npos) break;
        columns += ", ";
        c.remove_prefix(comma + 2);
    }
    auto r = exec(std::string("WITH due AS MATERIALIZED (SELECT id FROM jobs WHERE org_id = $4 AND "
                              "state = 'pending' AND run_at_ms <= $3 ORDER BY priority DESC, run_at_ms, "
                              "id LIMIT ") +
                      std::to_string(max) +
                      " FOR UPDATE SKIP LOCKED) UPDATE jobs SET state = 'running', attempts = "
                      "jobs.attempts + 1, lease_token = $1 || ':' || jobs.id || ':' || (jobs.attempts + 1), "
                      "lease_until_ms = $2, updated_ms = $3 FROM due WHERE jobs.org_id = $4 AND "
                      "jobs.id = due.id RETURNING " + columns,
                  p, "claim jobs");
    std::vector<Job> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(job_from_row(r, i));
    // RETURNING gives rows in no particular order: restore the claim order.
    std::sort(out.begin(), out.end(), [](const Job& a, const Job& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        if (a.run_at != b.run_at) return a.run_at < b.run_at;
        return std::stoll(a.id.str()) < std::stoll(b.id.str());
    });
    return out;
}

void PgTransaction::complete_job(const OrgId& org, const Job& job, Timestamp now) {
    require_writable("complete_job");
    check_org(org);
    const auto n = job_number(job.id);
    Params p;
    p.num(ms(now)).text(org.str()).num(n.value_or(-1)).text(job.lease_token);
    auto r = exec("UPDATE jobs SET state = 'done', lease_token = '', lease_until_ms = NULL, "
                  "updated_ms = $1 WHERE org_id = $2 AND id = $3 AND state = 'running' AND "
                  "lease_token = $4",
                  p, "complete job");
    if (r.affected() == 0) {
        throw store_detail::lease_lost(job, store_detail::kLeaseExpiredOrFinished);
    }
}

JobState PgTransaction::fail_job(const OrgId& org, const Job& job, std::string_view error,
                                 Timestamp now, Timestamp retry_at) {
    require_writable("fail_job");
    return release_job(org, job,
                       "state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END",
                       nullptr, error, now, retry_at, "its failure was not recorded");
}

JobState PgTransaction::defer_job(const OrgId& org, const Job& job, const Json& payload,
                                  std::string_view reason, Timestamp now, Timestamp run_at) {
    require_writable("defer_job");
    const std::string text = payload.dump();
    return release_job(org, job, "state = 'pending', attempts = GREATEST(attempts - 1, 0)", &text,
                       reason, now, run_at, "it was not put back");
}

JobState PgTransaction::release_job(const OrgId& org, const Job& job, const char* set_state,
                                    const std::string* payload, std::string_view error, Timestamp now,
                                    Timestamp run_at, const char* otherwise) {
    check_org(org);
    Params p;
    if (payload) {
        p.text(*payload);
    } else {
        p.null();
    }
    p.num(ms(run_at)).text(error).num(ms(now)).text(org.str()).num(job_number(job.id).value_or(-1))
        .text(job.lease_token);
    auto r = exec(std::string("UPDATE jobs SET ") + set_state +
                      ", payload = COALESCE($1, payload), run_at_ms = $2, last_error = $3, "
                      "lease_token = '', lease_until_ms = NULL, updated_ms = $4 WHERE org_id = $5 AND "
                      "id = $6 AND state = 'running' AND lease_token = $7 RETURNING state",
                  p, "release job");
    if (r.rows() == 0) {
        throw store_detail::lease_lost(job, std::string("; ") + otherwise);
    }
    return parse_enum<JobState>(r.str(0, 0));
}

std::optional<Job> PgTransaction::find_job(const OrgId& org, const JobId& id) {
    check_org(org);
    const auto n = job_number(id);
    if (!n) return std::nullopt;
    Params p;
    p.text(org.str()).num(*n);
    auto r = exec(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE org_id = $1 AND id = $2", p,
                  "find job");
    if (r.rows() == 0) return std::nullopt;
    return job_from_row(r, 0);
}

std::vector<Job> PgTransaction::list_jobs(const OrgId& org, JobState state, std::size_t limit) {
    check_org(org);
    Params p;
    p.text(org.str()).text(enum_name(state));
    std::string sql = std::string("SELECT ") + kJobColumns +
                      " FROM jobs WHERE org_id = $1 AND state = $2 ORDER BY id";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    auto r = exec(sql, p, "list jobs");
    std::vector<Job> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(job_from_row(r, i));
    return out;
}

JobCounts PgTransaction::count_jobs(const OrgId& org) {
    check_org(org);
    Params p;
    p.text(org.str());
    auto r = exec("SELECT state, count(*) FROM jobs WHERE org_id = $1 GROUP BY state", p, "count jobs");
    JobCounts c;
    for (int i = 0; i < r.rows(); ++i) store_detail::add_job_count(c, r.str(i, 0), r.i64(i, 1));
    return c;
}

std::map<std::string, JobCounts> PgTransaction::count_jobs_by_type(const OrgId& org) {
    check_org(org);
    Params p;
    p.text(org.str());
    auto r = exec("SELECT type, state, count(*) FROM jobs WHERE org_id = $1 GROUP BY type, state", p,
                  "count jobs by type");
    std::map<std::string, JobCounts> out;
    for (int i = 0; i < r.rows(); ++i) store_detail::add_job_count(out[r.str(i, 0)], r.str(i, 1), r.i64(i, 2));
    return out;
}

std::optional<Timestamp> PgTransaction::next_job_due(const OrgId& org) {
    check_org(org);
    Params p;
    p.text(org.str());
    auto r = exec("SELECT LEAST((SELECT min(run_at_ms) FROM jobs WHERE org_id = $1 AND state = "
                  "'pending'), (SELECT min(lease_until_ms) FROM jobs WHERE org_id = $1 AND state = "
                  "'running'), (SELECT min(next_run_ms) FROM schedules WHERE org_id = $1))",
                  p, "next job due");
    if (r.rows() == 0 || r.null(0, 0)) return std::nullopt;
    return from_unix_millis(r.i64(0, 0));
}

void PgTransaction::retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) {
    require_writable("retry_dead_job");
    check_org(org);
    const auto n = job_number(id);
    std::int64_t changed = 0;
    if (n) {
        Params p;
        p.num(ms(now)).text(org.str()).num(*n);
        changed = exec("UPDATE jobs SET state = 'pending', attempts = 0, run_at_ms = $1, updated_ms = $1 "
                       "WHERE org_id = $2 AND id = $3 AND state = 'dead'",
                       p, "retry dead job")
                      .affected();
    }
    if (changed == 0) {
        throw Error(ErrorCode::kNotFound, "no dead job '" + id.str() + "' in organization '" +
                                              org.str() + "'");
    }
}

std::int64_t PgTransaction::purge_done_jobs(const OrgId& org, Timestamp before) {
    require_writable("purge_done_jobs");
    check_org(org);
    Params p;
    p.text(org.str()).num(ms(before));
    return exec("DELETE FROM jobs WHERE org_id = $1 AND state = 'done' AND updated_ms < $2", p,
                "purge done jobs")
        .affected();
}

void PgTransaction::put_schedule(const OrgId& org, const Schedule& schedule) {
    require_writable("put_schedule");
    check_org(org);
    Json job{{"type", schedule.job.type},
             {"payload", schedule.job.payload},
             {"priority", schedule.job.priority},
             {"max_attempts", schedule.job.max_attempts},
             {"correlation_id", schedule.job.correlation_id}};
    Params p;
    p.text(org.str()).text(schedule.name).text(schedule.cron).text(canonical_json(job))
        .num(ms(schedule.next_run_at));
    exec("INSERT INTO schedules (org_id, name, cron, job, next_run_ms) VALUES ($1, $2, $3, $4, $5) "
         "ON CONFLICT (org_id, name) DO UPDATE SET cron = excluded.cron, job = excluded.job, "
         "next_run_ms = excluded.next_run_ms",
         p, "put schedule");
}

bool PgTransaction::erase_schedule(const OrgId& org, std::string_view name) {
    require_writable("erase_schedule");
    check_org(org);
    Params p;
    p.text(org.str()).text(name);
    return exec("DELETE FROM schedules WHERE org_id = $1 AND name = $2", p, "erase schedule").affected() > 0;
}

std::vector<Schedule> PgTransaction::list_schedules(const OrgId& org) {
    return schedules_due_by(org, std::numeric_limits<std::int64_t>::max());
}

std::vector<Schedule> PgTransaction::list_due_schedules(const OrgId& org, Timestamp by) {
    return schedules_due_by(org, ms(by));
}

std::vector<Schedule> PgTransaction::schedules_due_by(const OrgId& org, std::int64_t by_ms) {
    check_org(org);
    Params p;
    p.text(org.str()).num(by_ms);
    auto r = exec("SELECT name, cron, job, next_run_ms FROM schedules WHERE org_id = $1 AND next_run_ms <= $2 "
                  "ORDER BY next_run_ms, name",
                  p, "list schedules");
    std::vector<Schedule> out;
    for (int i = 0; i < r.rows(); ++i) {
        Schedule sc;
        sc.name = r.str(i, 0);
        sc.cron = r.str(i, 1);
        const Json job = parse_json(r.str(i, 2), "schedule job");
        sc.job.type = job.at("type").get<std::string>();
        sc.job.payload = job.at("payload");
        sc.job.priority = job.at("priority").get<int>();
        sc.job.max_attempts = job.at("max_attempts").get<int>();
        sc.job.correlation_id = job.at("correlation_id").get<std::string>();
        sc.next_run_at = from_unix_millis(r.i64(i, 3));
        out.push_back(std::move(sc));
    }
    return out;
}

}  // namespace propos::pg_impl

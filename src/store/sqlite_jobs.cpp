// SQLite engine: the jobs capability (jobs with leases and idempotency keys, schedules).
#include <limits>

#include "sqlite_impl.hpp"
#include "store_checks.hpp"

namespace propos::sqlite_impl {

JobId SqliteTransaction::enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) {
    require_writable("enqueue");
    check_org(org);
    return guarded("enqueue job", [&] {
        auto s = stmt(
            "INSERT INTO jobs (org_id, type, payload, priority, state, run_at_ms, max_attempts, "
            "idempotency_key, correlation_id, created_ms, updated_ms) "
            "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(org_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING");
        s->bindNoCopy(1, org.str());
        s->bindNoCopy(2, spec.type);
        s->bind(3, canonical_json(spec.payload));
        s->bind(4, spec.priority);
        s->bind(5, static_cast<int64_t>(ms(spec.run_at.value_or(now))));
        s->bind(6, spec.max_attempts);
        if (spec.idempotency_key.empty()) {
            s->bind(7);
        } else {
            s->bindNoCopy(7, spec.idempotency_key);
        }
        s->bindNoCopy(8, spec.correlation_id);
        s->bind(9, static_cast<int64_t>(ms(now)));
        s->bind(10, static_cast<int64_t>(ms(now)));
        if (s->exec() > 0) return JobId(std::to_string(store_.db().getLastInsertRowid()));
        auto q = stmt("SELECT id FROM jobs WHERE org_id = ? AND idempotency_key = ?");
        q->bind(1, org.str());
        q->bind(2, spec.idempotency_key);
        if (!q->executeStep()) {
            throw Error(ErrorCode::kInternal, "job insert ignored but no job has key '" +
                                                  spec.idempotency_key + "'");
        }
        return JobId(std::to_string(q->getColumn(0).getInt64()));
    });
}

std::vector<Job> SqliteTransaction::claim_jobs(const OrgId& org, std::string_view worker,
                                               Timestamp now, Millis lease, std::size_t max) {
    require_writable("claim_jobs");
    check_org(org);
    return guarded("claim jobs", [&] {
        {
            auto r = stmt(
                "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE "
                "'pending' END, last_error = 'lease expired: ' || lease_token || ' did not finish "
                "in time', lease_token = '', lease_until_ms = NULL, run_at_ms = ?1, "
                "updated_ms = ?1 WHERE org_id = ?2 AND state = 'running' AND lease_until_ms <= ?1");
            r->bind(1, static_cast<int64_t>(ms(now)));
            r->bind(2, org.str());
            if (const int n = r->exec(); n > 0) {
                detail::logger()->warn("reclaimed {} expired job lease(s) in organization {}", n,
                                       org.str());
            }
        }
        auto s = stmt(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, "
            "lease_token = ?1 || ':' || id || ':' || (attempts + 1), lease_until_ms = ?2, "
            "updated_ms = ?3 WHERE id IN (SELECT id FROM jobs WHERE org_id = ?4 AND "
            "state = 'pending' AND run_at_ms <= ?3 ORDER BY priority DESC, run_at_ms, id LIMIT ?5) "
            "RETURNING id, org_id, type, payload, priority, state, run_at_ms, attempts, "
            "max_attempts, idempotency_key, correlation_id, lease_token, lease_until_ms, "
            "last_error, created_ms, updated_ms");
        s->bind(1, std::string(worker));
        s->bind(2, static_cast<int64_t>(ms(now + lease)));
        s->bind(3, static_cast<int64_t>(ms(now)));
        s->bind(4, org.str());
        s->bind(5, static_cast<int64_t>(max));
        // RETURNING gives rows in no particular order: restore the claim order.
        std::vector<std::pair<std::int64_t, Job>> rows;
        while (s->executeStep()) rows.emplace_back(s->getColumn(0).getInt64(), read_job(*s));
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            if (a.second.priority != b.second.priority) return a.second.priority > b.second.priority;
            if (a.second.run_at != b.second.run_at) return a.second.run_at < b.second.run_at;
            return a.first < b.first;
        });
        std::vector<Job> out;
        out.reserve(rows.size());
        for (auto& r : rows) out.push_back(std::move(r.second));
        return out;
    });
}

void SqliteTransaction::complete_job(const OrgId& org, const Job& job, Timestamp now) {
    require_writable("complete_job");
    check_org(org);
    guarded("complete job", [&] {
        auto s = stmt(
            "UPDATE jobs SET state = 'done', lease_token = '', lease_until_ms = NULL, "
            "updated_ms = ? WHERE org_id = ? AND id = ? AND state = 'running' AND lease_token = ?");
        s->bind(1, static_cast<int64_t>(ms(now)));
        s->bind(2, org.str());
        s->bind(3, static_cast<int64_t>(std::stoll(job.id.str())));
        s->bind(4, job.lease_token);
        if (s->exec() == 0) {
            throw store_detail::lease_lost(job, store_detail::kLeaseExpiredOrFinished);
        }
    });
}

JobState SqliteTransaction::fail_job(const OrgId& org, const Job& job, std::string_view error,
                                     Timestamp now, Timestamp retry_at) {
    require_writable("fail_job");
    return release_job(org, job,
                       "state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END",
                       nullptr, error, now, retry_at, "its failure was not recorded");
}

JobState SqliteTransaction::defer_job(const OrgId& org, const Job& job, const Json& payload,
                                      std::string_view reason, Timestamp now, Timestamp run_at) {
    require_writable("defer_job");
    const std::string text = payload.dump();
    return release_job(org, job, "state = 'pending', attempts = MAX(attempts - 1, 0)", &text, reason,
                       now, run_at, "it was not put back");
}

JobState SqliteTransaction::release_job(const OrgId& org, const Job& job, const char* set_state,
                                        const std::string* payload, std::string_view error,
                                        Timestamp now, Timestamp run_at, const char* otherwise) {
    check_org(org);
    return guarded("release job", [&] {
        auto s = store_.stmt_text(std::string("UPDATE jobs SET ") + set_state +
                      ", payload = COALESCE(?, payload), run_at_ms = ?, last_error = ?, "
                      "lease_token = '', lease_until_ms = NULL, updated_ms = ? WHERE org_id = ? AND "
                      "id = ? AND state = 'running' AND lease_token = ? RETURNING state");
        if (payload) {
            s->bind(1, *payload);
        } else {
            s->bind(1);
        }
        s->bind(2, static_cast<int64_t>(ms(run_at)));
        s->bind(3, std::string(error));
        s->bind(4, static_cast<int64_t>(ms(now)));
        s->bind(5, org.str());
        s->bind(6, static_cast<int64_t>(std::stoll(job.id.str())));
        s->bind(7, job.lease_token);
        if (!s->executeStep()) {
            throw store_detail::lease_lost(job, std::string("; ") + otherwise);
        }
        return parse_enum<JobState>(s->getColumn(0).getString());
    });
}

std::optional<Job> SqliteTransaction::find_job(const OrgId& org, const JobId& id) {
    check_org(org);
    std::int64_t n = 0;
    try {
        n = std::stoll(id.str());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return guarded("find job", [&]() -> std::optional<Job> {
        SQLite::Statement s(store_.db(), std::string("SELECT ") + kJobColumns +
                                             " FROM jobs WHERE org_id = ? AND id = ?");
        s.bind(1, org.str());
        s.bind(2, static_cast<int64_t>(n));
        if (!s.executeStep()) return std::nullopt;
        return read_job(s);
    });
}

std::vector<Job> SqliteTransaction::list_jobs(const OrgId& org, JobState state, std::size_t limit) {
    check_org(org);
    return guarded("list jobs", [&] {
        SQLite::Statement s(store_.db(), std::string("SELECT ") + kJobColumns +
                                             " FROM jobs WHERE org_id = ? AND state = ? ORDER BY "
                                             "id LIMIT ?");
        s.bind(1, org.str());
        s.bind(2, std::string(enum_name(state)));
        s.bind(3, limit > 0 ? static_cast<int64_t>(limit) : static_cast<int64_t>(-1));
        std::vector<Job> out;
        while (s.executeStep()) out.push_back(read_job(s));
        return out;
    });
}

JobCounts SqliteTransaction::count_jobs(const OrgId& org) {
    check_org(org);
    return guarded("count jobs", [&] {
        auto s = stmt("SELECT state, count(*) FROM jobs WHERE org_id = ? GROUP BY state");
        s->bind(1, org.str());
        JobCounts c;
        while (s->executeStep()) store_detail::add_job_count(c, s->getColumn(0).getString(), s->getColumn(1).getInt64());
        return c;
    });
}

std::map<std::string, JobCounts> SqliteTransaction::count_jobs_by_type(const OrgId& org) {
    check_org(org);
    return guarded("count jobs by type", [&] {
        auto s = stmt("SELECT type, state, count(*) FROM jobs WHERE org_id = ? GROUP BY type, state");
        s->bind(1, org.str());
        std::map<std::string, JobCounts> out;
        while (s->executeStep()) {
            store_detail::add_job_count(out[s->getColumn(0).getString()], s->getColumn(1).getString(),
                          s->getColumn(2).getInt64());
        }
        return out;
    });
}

std::optional<Timestamp> SqliteTransaction::next_job_due(const OrgId& org) {
    check_org(org);
    return guarded("next job due", [&]() -> std::optional<Timestamp> {
        auto s = stmt(
            "SELECT min(t) FROM (SELECT min(run_at_ms) AS t FROM jobs WHERE org_id = ?1 AND "
            "state = 'pending' UNION ALL SELECT min(lease_until_ms) FROM jobs WHERE org_id = ?1 "
            "AND state = 'running' UNION ALL SELECT min(next_run_ms) FROM schedules WHERE "
            "org_id = ?1)");
        s->bind(1, org.str());
        if (!s->executeStep() || s->getColumn(0).isNull()) return std::nullopt;
        return from_unix_millis(s->getColumn(0).getInt64());
    });
}

void SqliteTransaction::retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) {
    require_writable("retry_dead_job");
    check_org(org);
    guarded("retry dead job", [&] {
        auto s = stmt(
            "UPDATE jobs SET state = 'pending', attempts = 0, run_at_ms = ?, updated_ms = ? "
            "WHERE org_id = ? AND id = ? AND state = 'dead'");
        s->bind(1, static_cast<int64_t>(ms(now)));
        s->bind(2, static_cast<int64_t>(ms(now)));
        s->bind(3, org.str());
        s->bind(4, id.str());
        if (s->exec() == 0) {
            throw Error(ErrorCode::kNotFound, "no dead job '" + id.str() + "' in organization '" +
                                                  org.str() + "'");
        }
    });
}

std::int64_t SqliteTransaction::purge_done_jobs(const OrgId& org, Timestamp before) {
    require_writable("purge_done_jobs");
    check_org(org);
    return guarded("purge done jobs", [&] {
        auto s = stmt("DELETE FROM jobs WHERE org_id = ? AND state = 'done' AND updated_ms < ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(ms(before)));
        return static_cast<std::int64_t>(s->exec());
    });
}

void SqliteTransaction::put_schedule(const OrgId& org, const Schedule& schedule) {
    require_writable("put_schedule");
    check_org(org);
    guarded("put schedule", [&] {
        Json job{{"type", schedule.job.type},
                 {"payload", schedule.job.payload},
                 {"priority", schedule.job.priority},
                 {"max_attempts", schedule.job.max_attempts},
                 {"correlation_id", schedule.job.correlation_id}};
        auto s = stmt(
            "INSERT OR REPLACE INTO schedules (org_id, name, cron, job, next_run_ms) VALUES (?, ?, "
            "?, ?, ?)");
        s->bind(1, org.str());
        s->bind(2, schedule.name);
        s->bind(3, schedule.cron);
        s->bind(4, canonical_json(job));
        s->bind(5, static_cast<int64_t>(ms(schedule.next_run_at)));
        s->exec();
    });
}

bool SqliteTransaction::erase_schedule(const OrgId& org, std::string_view name) {
    require_writable("erase_schedule");
    check_org(org);
    return guarded("erase schedule", [&] {
        auto s = stmt("DELETE FROM schedules WHERE org_id = ? AND name = ?");
        s->bind(1, org.str());
        s->bind(2, std::string(name));
        return s->exec() > 0;
    });
}

std::vector<Schedule> SqliteTransaction::list_schedules(const OrgId& org) {
    return schedules_due_by(org, std::numeric_limits<std::int64_t>::max());
}

std::vector<Schedule> SqliteTransaction::list_due_schedules(const OrgId& org, Timestamp by) {
    return schedules_due_by(org, ms(by));
}

std::vector<Schedule> SqliteTransaction::schedules_due_by(const OrgId& org, std::int64_t by_ms) {
    check_org(org);
    return guarded("list schedules", [&] {
        auto s = stmt("SELECT name, cron, job, next_run_ms FROM schedules WHERE org_id = ? AND next_run_ms <= ? "
                      "ORDER BY next_run_ms, name");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(by_ms));
        std::vector<Schedule> out;
        while (s->executeStep()) {
            Schedule sc;
            sc.name = s->getColumn(0).getString();
            sc.cron = s->getColumn(1).getString();
            const Json job = parse_json(s->getColumn(2).getString(), "schedule job");
            sc.job.type = job.at("type").get<std::string>();
            sc.job.payload = job.at("payload");
            sc.job.priority = job.at("priority").get<int>();
            sc.job.max_attempts = job.at("max_attempts").get<int>();
            sc.job.correlation_id = job.at("correlation_id").get<std::string>();
            sc.next_run_at = from_unix_millis(s->getColumn(3).getInt64());
            out.push_back(std::move(sc));
        }
        return out;
    });
}

}  // namespace propos::sqlite_impl

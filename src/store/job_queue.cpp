#include "propos/store/job_queue.hpp"

#include <algorithm>

#include "propos/core/time.hpp"

namespace propos {

JobQueue::JobQueue(Store& store, std::shared_ptr<Clock> clock, JobQueueOptions options)
    : store_(store), clock_(std::move(clock)), options_(options) {
    if (!clock_) throw Error(ErrorCode::kInvalidArgument, "JobQueue needs a clock");
    if (options_.lease.count() <= 0) {
        throw Error(ErrorCode::kInvalidArgument, "JobQueue lease must be positive");
    }
    if (options_.seed != 0) {
        rng_.seed(options_.seed);
    } else {
        std::random_device rd;
        rng_.seed((static_cast<std::uint64_t>(rd()) << 32) | rd());
    }
}

namespace {
void validate(const JobSpec& spec) {
    if (spec.type.empty()) throw Error(ErrorCode::kInvalidArgument, "job type is empty");
    if (spec.max_attempts < 1) {
        throw Error(ErrorCode::kInvalidArgument,
                    "job '" + spec.type + "': max_attempts must be at least 1");
    }
}
}  // namespace

JobId JobQueue::enqueue(Transaction& tx, const OrgId& org, const JobSpec& spec) {
    validate(spec);
    return tx.enqueue(org, spec, clock_->now());
}

JobId JobQueue::enqueue(const OrgId& org, const JobSpec& spec) {
    return store_.write_result([&](Transaction& tx) { return enqueue(tx, org, spec); });
}

std::vector<Job> JobQueue::claim(const OrgId& org, std::string_view worker, std::size_t max) {
    return store_.write_result([&](Transaction& tx) { return claim(tx, org, worker, max); });
}

std::vector<Job> JobQueue::claim(Transaction& tx, const OrgId& org, std::string_view worker,
                                 std::size_t max) {
    if (worker.empty()) throw Error(ErrorCode::kInvalidArgument, "worker name is empty");
    if (max == 0) return {};
    return tx.claim_jobs(org, worker, clock_->now(), options_.lease, max);
}

std::int64_t JobQueue::purge_done(const OrgId& org, Millis age) {
    return store_.write_result(
        [&](Transaction& tx) { return tx.purge_done_jobs(org, clock_->now() - age); });
}

void JobQueue::complete(const Job& job) {
    store_.write([&](Transaction& tx) { complete(tx, job); });
}

void JobQueue::complete(Transaction& tx, const Job& job) {
    tx.complete_job(job.org_id, job, clock_->now());
}

Millis JobQueue::backoff(int attempt) {
    const int shift = std::clamp(attempt - 1, 0, 40);
    const auto base = options_.backoff_base.count();
    const auto cap = options_.backoff_cap.count();
    const auto ceiling = (base > 0 && shift < 62 && base <= (cap >> shift)) ? (base << shift) : cap;
    const auto upper = std::min<std::int64_t>(ceiling, cap);
    std::lock_guard lock(rng_mu_);
    std::uniform_int_distribution<std::int64_t> dist(0, std::max<std::int64_t>(upper, 0));
    return Millis(dist(rng_));
}

JobState JobQueue::fail(const Job& job, std::string_view error) {
    return store_.write_result([&](Transaction& tx) { return fail(tx, job, error); });
}

JobState JobQueue::fail(Transaction& tx, const Job& job, std::string_view error) {
    const auto now = clock_->now();
    const auto retry_at = now + backoff(job.attempts);
    return tx.fail_job(job.org_id, job, error, now, retry_at);
}

JobState JobQueue::defer(Transaction& tx, const Job& job, Millis delay, std::string_view reason) {
    const auto now = clock_->now();
    const auto run_at = now + std::max(delay, Millis(0));
    const int deferrals = job.payload.is_object() ? job.payload.value("_deferrals", 0) : 0;
    if (deferrals >= options_.max_deferrals || !job.payload.is_object()) {
        return tx.fail_job(job.org_id, job, reason, now, std::max(run_at, now + backoff(job.attempts)));
    }
    Json payload = job.payload;
    payload["_deferrals"] = deferrals + 1;
    return tx.defer_job(job.org_id, job, payload, reason, now, run_at);
}

std::optional<Job> JobQueue::find(const OrgId& org, const JobId& id) {
    return store_.read_result([&](Transaction& tx) { return tx.find_job(org, id); });
}

std::vector<Job> JobQueue::dead_letters(const OrgId& org, std::size_t limit) {
    return store_.read_result(
        [&](Transaction& tx) { return tx.list_jobs(org, JobState::kDead, limit); });
}

JobCounts JobQueue::counts(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.count_jobs(org); });
}

std::map<std::string, JobCounts> JobQueue::counts_by_type(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.count_jobs_by_type(org); });
}

void JobQueue::retry_dead(const OrgId& org, const JobId& id) {
    store_.write([&](Transaction& tx) { tx.retry_dead_job(org, id, clock_->now()); });
}

std::optional<Timestamp> JobQueue::next_due(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.next_job_due(org); });
}

void JobQueue::add_schedule(const OrgId& org, const std::string& name, const std::string& cron,
                            const JobSpec& job) {
    if (name.empty()) throw Error(ErrorCode::kInvalidArgument, "schedule name is empty");
    validate(job);
    const CronExpr expr(cron);
    Schedule s{name, cron, job, expr.next_after(clock_->now())};
    store_.write([&](Transaction& tx) { tx.put_schedule(org, s); });
}

bool JobQueue::remove_schedule(const OrgId& org, std::string_view name) {
    return store_.write_result([&](Transaction& tx) { return tx.erase_schedule(org, name); });
}

std::vector<Schedule> JobQueue::schedules(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.list_schedules(org); });
}

std::size_t JobQueue::run_schedules(const OrgId& org) {
    const auto now = clock_->now();
    return store_.write_result([&](Transaction& tx) {
        std::size_t fired = 0;
        for (auto s : tx.list_due_schedules(org, now)) {
            JobSpec spec = s.job;
            spec.run_at = s.next_run_at;
            spec.idempotency_key = "schedule:" + s.name + "@" + format_time(s.next_run_at);
            tx.enqueue(org, spec, now);
            ++fired;
            // Missed periods (the host was down) coalesce into this one firing.
            s.next_run_at = CronExpr(s.cron).next_after(now);
            tx.put_schedule(org, s);
        }
        return fired;
    });
}

void to_json(Json& j, const Job& v) {
    j = Json{{"id", v.id},
             {"org_id", v.org_id},
             {"type", v.type},
             {"payload", v.payload},
             {"priority", v.priority},
             {"state", v.state},
             {"run_at", v.run_at},
             {"attempts", v.attempts},
             {"max_attempts", v.max_attempts},
             {"idempotency_key", v.idempotency_key},
             {"correlation_id", v.correlation_id},
             {"lease_until", v.lease_until},
             {"last_error", v.last_error},
             {"created_at", v.created_at},
             {"updated_at", v.updated_at}};
}

}  // namespace propos

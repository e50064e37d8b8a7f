#include <gtest/gtest.h>

#include "store_engines.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::Engine;
using propos::testing::EngineStore;
using propos::testing::TempDir;

// Every engine (SQLite, PostgreSQL): part of the store conformance suite (issue 18).
class JobQueueTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        engine = std::make_unique<EngineStore>(GetParam(), dir, "jobs.db");
        PROPOS_SKIP_WITHOUT_ENGINE(*engine);
        store = engine->store().get();
        org = make_org(*store, "org-a");
        other = make_org(*store, "org-b");
        queue = std::make_unique<JobQueue>(*store, clock,
                                           JobQueueOptions{.lease = 1min, .backoff_base = 1s,
                                                           .backoff_cap = 30s, .seed = 42});
    }
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<EngineStore> engine;
    Store* store = nullptr;
    std::unique_ptr<JobQueue> queue;
    OrgId org, other;
};

INSTANTIATE_TEST_SUITE_P(Engines, JobQueueTest, propos::testing::all_engines(), propos::testing::EngineName());

TEST_P(JobQueueTest, ClaimsByPriorityThenTimeAndHonoursDelays) {
    queue->enqueue(org, {.type = "low", .priority = 0});
    queue->enqueue(org, {.type = "high", .priority = 10});
    queue->enqueue(org, {.type = "later", .priority = 100, .run_at = clock->now() + 1h});
    auto jobs = queue->claim(org, "w1", 10);
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0].type, "high");
    EXPECT_EQ(jobs[1].type, "low");
    EXPECT_EQ(jobs[0].state, JobState::kRunning);
    EXPECT_EQ(jobs[0].attempts, 1);
    EXPECT_TRUE(queue->claim(org, "w1", 10).empty());
    EXPECT_EQ(queue->next_due(org), clock->now() + 1min);  // the earliest lease expiry
    clock->advance(1h);
    for (const auto& j : jobs) queue->complete(j);
    jobs = queue->claim(org, "w1", 10);
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_EQ(jobs[0].type, "later");
}

TEST_P(JobQueueTest, QueuesAreSeparatePerOrganization) {
    queue->enqueue(org, {.type = "a"});
    EXPECT_TRUE(queue->claim(other, "w", 10).empty());
    EXPECT_EQ(queue->claim(org, "w", 10).size(), 1u);
    expect_error([&] { queue->claim(OrgId("ghost"), "w", 1); }, ErrorCode::kNotFound, "ghost");
}

TEST_P(JobQueueTest, IdempotencyKeyMakesEnqueueANoOp) {
    const auto a = queue->enqueue(org, {.type = "send", .idempotency_key = "msg-1"});
    const auto b = queue->enqueue(org, {.type = "send", .idempotency_key = "msg-1"});
    EXPECT_EQ(a, b);
    EXPECT_EQ(queue->counts(org).pending, 1);
    // Still a no-op after the job completed.
    auto jobs = queue->claim(org, "w", 1);
    queue->complete(jobs[0]);
    EXPECT_EQ(queue->enqueue(org, {.type = "send", .idempotency_key = "msg-1"}), a);
    EXPECT_EQ(queue->counts(org).pending, 0);
    // The same key in another organization is a different job.
    EXPECT_NE(queue->enqueue(other, {.type = "send", .idempotency_key = "msg-1"}), a);
}

TEST_P(JobQueueTest, EnqueueInsideTheCallersTransactionIsAtomic) {
    EXPECT_THROW(store->write([&](Transaction& tx) {
        queue->enqueue(tx, org, {.type = "outbox"});
        throw std::runtime_error("the state change failed");
    }), std::runtime_error);
    EXPECT_EQ(queue->counts(org).pending, 0);
    store->write([&](Transaction& tx) { queue->enqueue(tx, org, {.type = "outbox"}); });
    EXPECT_EQ(queue->counts(org).pending, 1);
}

TEST_P(JobQueueTest, CrashedWorkersJobIsReclaimedAfterTheLease) {
    queue->enqueue(org, {.type = "work"});
    auto first = queue->claim(org, "crashed", 1);
    ASSERT_EQ(first.size(), 1u);
    clock->advance(30s);
    EXPECT_TRUE(queue->claim(org, "w2", 1).empty());  // still leased
    clock->advance(31s);
    auto second = queue->claim(org, "w2", 1);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].id, first[0].id);
    EXPECT_EQ(second[0].attempts, 2);
    EXPECT_NE(second[0].lease_token, first[0].lease_token);
    // The crashed worker coming back cannot complete a job it no longer holds.
    expect_error([&] { queue->complete(first[0]); }, ErrorCode::kFailedPrecondition, "no longer leased");
    queue->complete(second[0]);
    EXPECT_EQ(queue->counts(org).done, 1);
}

TEST_P(JobQueueTest, FailuresRetryWithBackoffThenDeadLetter) {
    queue->enqueue(org, {.type = "flaky", .max_attempts = 3});
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto jobs = queue->claim(org, "w", 1);
        ASSERT_EQ(jobs.size(), 1u) << "attempt " << attempt;
        EXPECT_EQ(jobs[0].attempts, attempt);
        const auto state = queue->fail(jobs[0], "provider said 503 (attempt " + std::to_string(attempt) + ")");
        if (attempt < 3) {
            EXPECT_EQ(state, JobState::kPending);
            const auto job = queue->find(org, jobs[0].id);
            ASSERT_TRUE(job);
            EXPECT_LE(job->run_at - clock->now(), 30s);  // within the cap
            clock->advance(31s);
        } else {
            EXPECT_EQ(state, JobState::kDead);
        }
    }
    const auto dead = queue->dead_letters(org);
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].last_error, "provider said 503 (attempt 3)");
    EXPECT_TRUE(queue->claim(org, "w", 1).empty());
    queue->retry_dead(org, dead[0].id);
    EXPECT_EQ(queue->claim(org, "w", 1).size(), 1u);
}

TEST_P(JobQueueTest, LeaseExpiryOnTheLastAttemptDeadLetters) {
    queue->enqueue(org, {.type = "hangs", .max_attempts = 1});
    ASSERT_EQ(queue->claim(org, "w", 1).size(), 1u);
    clock->advance(2min);
    EXPECT_TRUE(queue->claim(org, "w", 1).empty());
    const auto dead = queue->dead_letters(org);
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_NE(dead[0].last_error.find("lease expired"), std::string::npos);
}

TEST_P(JobQueueTest, BackoffIsFullJitterUnderAnExponentialCap) {
    for (int attempt = 1; attempt <= 8; ++attempt) {
        const auto ceiling = std::min<Millis>(Millis(1000LL << (attempt - 1)), Millis(30000));
        Millis max_seen{0};
        for (int i = 0; i < 200; ++i) {
            const auto d = queue->backoff(attempt);
            EXPECT_GE(d.count(), 0);
            EXPECT_LE(d, ceiling);
            max_seen = std::max(max_seen, d);
        }
        EXPECT_GT(max_seen, ceiling / 2) << "jitter should spread over [0, ceiling]";
    }
}

TEST_P(JobQueueTest, GroupCommitCompletesAndClaimsInOneTransaction) {
    for (int i = 0; i < 5; ++i) queue->enqueue(org, {.type = "batch", .payload = {{"i", i}}});
    auto batch = queue->claim(org, "w", 2);
    ASSERT_EQ(batch.size(), 2u);
    store->write([&](Transaction& tx) {
        for (const auto& j : batch) queue->complete(tx, j);
        batch = queue->claim(tx, org, "w", 2);
    });
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0].payload["i"], 2);
    const auto c = queue->counts(org);
    EXPECT_EQ(c.done, 2);
    EXPECT_EQ(c.running, 2);
    EXPECT_EQ(c.pending, 1);
}

TEST_P(JobQueueTest, PurgeDoneReleasesOldJobsOnly) {
    queue->enqueue(org, {.type = "old", .idempotency_key = "k-old"});
    queue->complete(queue->claim(org, "w", 1).at(0));
    clock->advance(48h);
    queue->enqueue(org, {.type = "new"});
    queue->complete(queue->claim(org, "w", 1).at(0));
    EXPECT_EQ(queue->purge_done(org, 24h), 1);
    EXPECT_EQ(queue->counts(org).done, 1);
    // The purged job's idempotency key can be used again.
    queue->enqueue(org, {.type = "old", .idempotency_key = "k-old"});
    EXPECT_EQ(queue->counts(org).pending, 1);
}

TEST_P(JobQueueTest, RejectsBadSpecs) {
    expect_error([&] { queue->enqueue(org, {.type = ""}); }, ErrorCode::kInvalidArgument, "job type is empty");
    expect_error([&] { queue->enqueue(org, {.type = "x", .max_attempts = 0}); }, ErrorCode::kInvalidArgument,
                 "max_attempts");
    expect_error([&] { queue->add_schedule(org, "s", "not cron", {.type = "x"}); },
                 ErrorCode::kInvalidArgument, "invalid cron expression");
}

TEST_P(JobQueueTest, SchedulesFireOnTheClockAndCoalesceMissedRuns) {
    // 09:00 Monday; fires every day at 10:00 UTC.
    queue->add_schedule(org, "compliance-scan", "0 10 * * *", {.type = "compliance.scan"});
    EXPECT_EQ(queue->run_schedules(org), 0u);
    clock->advance(1h);
    EXPECT_EQ(queue->run_schedules(org), 1u);
    EXPECT_EQ(queue->run_schedules(org), 0u);  // once per firing
    auto jobs = queue->claim(org, "w", 10);
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_EQ(jobs[0].type, "compliance.scan");
    EXPECT_EQ(jobs[0].idempotency_key, "schedule:compliance-scan@2026-01-05T10:00:00Z");
    // Three days offline: one catch-up firing, then the schedule points at the next 10:00.
    clock->advance(72h);
    EXPECT_EQ(queue->run_schedules(org), 1u);
    const auto s = queue->schedules(org);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(format_time(s[0].next_run_at), "2026-01-09T10:00:00Z");
    EXPECT_TRUE(queue->remove_schedule(org, "compliance-scan"));
    EXPECT_TRUE(queue->schedules(org).empty());
}

TEST_P(JobQueueTest, OnlyDueSchedulesAreListedForFiringEarliestFirst) {
    // 09:00 Monday: one due an hour ago, one due now, one tomorrow.
    const auto now = clock->now();
    store->write([&](Transaction& tx) {
        tx.put_schedule(org, {.name = "b-now", .cron = "0 9 * * *", .job = {.type = "x"}, .next_run_at = now});
        tx.put_schedule(org, {.name = "a-later", .cron = "0 9 * * *", .job = {.type = "x"}, .next_run_at = now + 24h});
        tx.put_schedule(org, {.name = "c-past", .cron = "0 8 * * *", .job = {.type = "y", .priority = 3},
                              .next_run_at = now - 1h});
    });
    const auto due = store->read_result([&](Transaction& tx) { return tx.list_due_schedules(org, now); });
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].name, "c-past");
    EXPECT_EQ(due[0].job.type, "y");
    EXPECT_EQ(due[0].job.priority, 3);
    EXPECT_EQ(due[0].next_run_at, now - 1h);
    EXPECT_EQ(due[1].name, "b-now");
    EXPECT_TRUE(store->read_result([&](Transaction& tx) { return tx.list_due_schedules(org, now - 2h); }).empty());
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.list_schedules(org); }).size(), 3u);
    EXPECT_EQ(queue->run_schedules(org), 2u);
    EXPECT_TRUE(store->read_result([&](Transaction& tx) { return tx.list_due_schedules(org, now); }).empty());
}

TEST_P(JobQueueTest, ADeferredJobComesBackAfterItsDelayWithoutSpendingAnAttemptUpToTheBound) {
    JobQueue q(*store, clock, JobQueueOptions{.lease = 1min, .seed = 42, .max_deferrals = 2});
    const auto id = q.enqueue(org, {.type = "llm", .payload = {{"message_id", "m1"}}, .max_attempts = 1});
    auto defer_once = [&](Millis delay) {
        const auto claimed = q.claim(org, "w", 1);
        EXPECT_EQ(claimed.size(), 1u);
        if (claimed.empty()) return JobState::kRunning;
        return store->write_result(
            [&](Transaction& tx) { return q.defer(tx, claimed[0], delay, "HTTP 429: retry in 10 min"); });
    };
    for (int i = 1; i <= 2; ++i) {
        EXPECT_EQ(defer_once(10min), JobState::kPending);
        const auto job = q.find(org, id);
        ASSERT_TRUE(job);
        EXPECT_EQ(job->attempts, 0);  // the claim was given back
        EXPECT_EQ(job->payload.value("_deferrals", 0), i);
        EXPECT_EQ(job->payload.value("message_id", ""), "m1");
        EXPECT_EQ(job->last_error, "HTTP 429: retry in 10 min");
        EXPECT_EQ(job->run_at, clock->now() + 10min);
        EXPECT_TRUE(q.claim(org, "w", 1).empty());  // not before its time
        clock->advance(10min);
    }
    // Past the bound a deferral is a failed attempt: this job had one, so it is dead.
    EXPECT_EQ(defer_once(10min), JobState::kDead);
    EXPECT_EQ(q.dead_letters(org).size(), 1u);
}

}  // namespace
}  // namespace propos

// Store benchmarks: work-order writes, the job queue and the audit log on a real SQLite file (WAL),
// each beside a raw SQLiteCpp baseline measured in the same run. See docs/benchmarks.md.
//
// Every benchmark opens a fresh database in a temporary directory (under $PROPOS_BENCH_DIR when set,
// else the system temp directory) and removes it afterwards. Times are wall-clock (UseRealTime):
// fsync waits cost no CPU time but are what a caller waits for.
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "bench_util.hpp"
#include "propos/core/clock.hpp"
#include "propos/core/json.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/records.hpp"
#include "propos/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using propos::Synchronous;

using propos::bench::TempDir;

const propos::OrgId& bench_org() {
    static const propos::OrgId org("org-bench");
    return org;
}

std::string padded_id(const char* prefix, std::int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s_%010lld", prefix, static_cast<long long>(n));
    return buf;
}

// A fresh store in `dir` with the bench organization created.
std::unique_ptr<propos::Store> open_store(const TempDir& dir, Synchronous sync) {
    auto store = propos::open_sqlite_store(dir.file("propos.db"), {.synchronous = sync});
    store->write([](propos::Transaction& tx) {
        tx.put_organization(propos::Organization{bench_org(), "Bench"});
    });
    return store;
}

const char* sync_pragma(Synchronous sync) {
    return sync == Synchronous::kNormal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL";
}

// ~300 bytes of JSON shaped like a small work order: the raw baseline's row payload.
const std::string& raw_json() {
    static const std::string text = [] {
        propos::Json j{
            {"id", "wo_0000000001"},
            {"unit_id", "unit-4b"},
            {"property_id", "prop-maple-court"},
            {"title", "Kitchen sink leaking under the cabinet"},
            {"description",
             "Tenant reports a steady drip from the trap under the kitchen sink; the cabinet floor "
             "is wet. No flooding."},
            {"category", "plumbing"},
            {"priority", "routine"},
            {"status", "new"},
            {"created_at", "2026-01-05T09:00:00Z"}};
        return propos::canonical_json(j);
    }();
    return text;
}

// The work order the store benchmarks write (only the id changes between writes).
propos::WorkOrder sample_work_order() {
    propos::WorkOrder wo;
    wo.property_id = propos::PropertyId("prop-maple-court");
    wo.unit_id = propos::UnitId("unit-4b");
    wo.tenant_id = propos::TenantId("tenant-jane");
    wo.thread_id = propos::ThreadId("thread-0001");
    wo.title = "Kitchen sink leaking under the cabinet";
    wo.description =
        "Tenant reports a steady drip from the trap under the kitchen sink; the cabinet floor is "
        "wet. No flooding.";
    wo.category = "plumbing";
    wo.created_at = propos::ManualClock::default_start();
    wo.updated_at = wo.created_at;
    return wo;
}

// ---- raw SQLite baseline ----

// Plain SQLiteCpp: one prepared INSERT into a table with a primary key and no secondary index,
// `batch` rows per transaction.
void BM_RawSqliteInsert(benchmark::State& state, int batch, Synchronous sync) {
    TempDir dir;
    SQLite::Database db(dir.file("raw.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec(sync_pragma(sync));
    db.exec(
        "CREATE TABLE rows (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, "
        "data TEXT NOT NULL)");
    SQLite::Statement insert(db, "INSERT INTO rows (id, org_id, kind, data) VALUES (?, ?, ?, ?)");
    const std::string& json = raw_json();
    std::int64_t n = 0;
    for (auto _ : state) {
        db.exec("BEGIN IMMEDIATE");
        for (int i = 0; i < batch; ++i) {
            insert.bind(1, padded_id("wo", ++n));
            insert.bind(2, bench_org().str());
            insert.bind(3, "work_order");
            insert.bindNoCopy(4, json);
            insert.exec();
            insert.reset();
        }
        db.exec("COMMIT");
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["json_bytes"] = static_cast<double>(json.size());
}
BENCHMARK_CAPTURE(BM_RawSqliteInsert, single_full, 1, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, single_normal, 1, Synchronous::kNormal)->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, batch100_full, 100, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, batch100_normal, 100, Synchronous::kNormal)->UseRealTime();

// The same loop against a copy of the store's `records` table (schema v1: WITHOUT ROWID, five
// secondary indexes) with the store's index keys and the canonical JSON of the work order the store
// benchmarks write: the SQLite floor for `put<WorkOrder>`, so the rest of the gap is PropOS's own.
void BM_RawSqliteInsertStoreSchema(benchmark::State& state, int batch, Synchronous sync) {
    TempDir dir;
    SQLite::Database db(dir.file("raw.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec(sync_pragma(sync));
    db.exec("PRAGMA cache_size=-16384");
    db.exec(R"sql(
CREATE TABLE records (
    org_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',
    lookup TEXT NOT NULL DEFAULT '', alt_lookup TEXT NOT NULL DEFAULT '',
    time_ms INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, id)
) WITHOUT ROWID;
CREATE INDEX records_by_parent ON records (org_id, kind, parent, time_ms);
CREATE INDEX records_by_status ON records (org_id, kind, status, time_ms);
CREATE INDEX records_by_lookup ON records (org_id, kind, lookup);
CREATE INDEX records_by_alt_lookup ON records (org_id, kind, alt_lookup);
CREATE INDEX records_by_time ON records (org_id, kind, time_ms, id);
)sql");
    SQLite::Statement insert(
        db,
        "INSERT OR REPLACE INTO records (org_id, kind, id, parent, status, lookup, alt_lookup, "
        "time_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    propos::WorkOrder wo = sample_work_order();
    wo.id = propos::WorkOrderId(padded_id("wo", 1));
    const std::string json = propos::canonical_json(propos::Json(wo));
    const propos::RecordKeys keys = propos::RecordTraits<propos::WorkOrder>::keys(wo);
    std::int64_t n = 0;
    for (auto _ : state) {
        db.exec("BEGIN IMMEDIATE");
        for (int i = 0; i < batch; ++i) {
            insert.bind(1, bench_org().str());
            insert.bind(2, "work_order");
            insert.bind(3, padded_id("wo", ++n));
            insert.bindNoCopy(4, keys.parent);
            insert.bindNoCopy(5, keys.status);
            insert.bindNoCopy(6, keys.lookup);
            insert.bindNoCopy(7, keys.alt_lookup);
            insert.bind(8, static_cast<std::int64_t>(keys.time_ms));
            insert.bindNoCopy(9, json);
            insert.exec();
            insert.reset();
        }
        db.exec("COMMIT");
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["json_bytes"] = static_cast<double>(json.size());
}
BENCHMARK_CAPTURE(BM_RawSqliteInsertStoreSchema, single_full, 1, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsertStoreSchema, single_normal, 1, Synchronous::kNormal)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsertStoreSchema, batch100_full, 100, Synchronous::kFull)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsertStoreSchema, batch100_normal, 100, Synchronous::kNormal)
    ->UseRealTime();

// ---- store writes ----

// `Transaction::put<WorkOrder>`, `batch` puts per `Store::write`.
void BM_StorePutWorkOrder(benchmark::State& state, int batch, Synchronous sync) {
    TempDir dir;
    auto store = open_store(dir, sync);
    propos::WorkOrder wo = sample_work_order();
    std::int64_t n = 0;
    for (auto _ : state) {
        store->write([&](propos::Transaction& tx) {
            for (int i = 0; i < batch; ++i) {
                wo.id = propos::WorkOrderId(padded_id("wo", ++n));
                tx.put(bench_org(), wo);
            }
        });
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["json_bytes"] =
        static_cast<double>(propos::canonical_json(propos::Json(wo)).size());
}
BENCHMARK_CAPTURE(BM_StorePutWorkOrder, single_full, 1, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_StorePutWorkOrder, single_normal, 1, Synchronous::kNormal)->UseRealTime();
BENCHMARK_CAPTURE(BM_StorePutWorkOrder, batch100_full, 100, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_StorePutWorkOrder, batch100_normal, 100, Synchronous::kNormal)->UseRealTime();

// ---- job queue ----

propos::JobSpec job_spec(std::int64_t n) {
    propos::JobSpec spec;
    spec.type = "bench";
    spec.payload = propos::Json{{"work_order_id", padded_id("wo", n)}};
    spec.idempotency_key = padded_id("bench", n);
    return spec;
}

// One job per cycle: `JobQueue::enqueue`, `claim(org, "w", 1)` and `complete(job)`, each in a
// transaction of its own (three commits per job).
void BM_JobCycleSingle(benchmark::State& state, Synchronous sync) {
    TempDir dir;
    auto store = open_store(dir, sync);
    propos::JobQueue queue(*store, propos::system_clock());
    std::int64_t n = 0;
    for (auto _ : state) {
        queue.enqueue(bench_org(), job_spec(++n));
        auto jobs = queue.claim(bench_org(), "w", 1);
        if (jobs.size() != 1) {
            state.SkipWithError("claim returned no job");
            break;
        }
        queue.complete(jobs.front());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_JobCycleSingle, full, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_JobCycleSingle, normal, Synchronous::kNormal)->UseRealTime();

// 100 jobs per cycle: enqueue 100 in one write, claim 100 in one call, complete the 100 in one
// write (three commits per 100 jobs).
void BM_JobCycleBatch100(benchmark::State& state, Synchronous sync) {
    constexpr int kBatch = 100;
    TempDir dir;
    auto store = open_store(dir, sync);
    propos::JobQueue queue(*store, propos::system_clock());
    std::int64_t n = 0;
    for (auto _ : state) {
        store->write([&](propos::Transaction& tx) {
            for (int i = 0; i < kBatch; ++i) queue.enqueue(tx, bench_org(), job_spec(++n));
        });
        auto jobs = queue.claim(bench_org(), "w", kBatch);
        if (jobs.size() != kBatch) {
            state.SkipWithError("claim returned fewer jobs than were enqueued");
            break;
        }
        store->write([&](propos::Transaction& tx) {
            for (const auto& job : jobs) queue.complete(tx, job);
        });
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK_CAPTURE(BM_JobCycleBatch100, full, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_JobCycleBatch100, normal, Synchronous::kNormal)->UseRealTime();

// ---- audit log ----

propos::AuditEvent audit_event(std::int64_t n, propos::Timestamp at) {
    propos::AuditEvent e;
    e.at = at;
    e.actor = "agent";
    e.action = "tool.dispatch_vendor";
    e.entity_kind = "work_order";
    e.entity_id = padded_id("wo", n);
    e.correlation_id = padded_id("corr", n);
    e.data = propos::Json{{"vendor_id", "vendor-acme-plumbing"},
                          {"nte_cents", 50000},
                          {"reason", "closest licensed plumber with capacity today"}};
    return e;
}

void append_audit_batch(propos::Store& store, int batch, std::int64_t& n) {
    const auto at = propos::ManualClock::default_start();
    store.write([&](propos::Transaction& tx) {
        for (int i = 0; i < batch; ++i) tx.append_audit(bench_org(), audit_event(++n, at));
    });
}

// `Transaction::append_audit`, 100 per write.
void BM_AuditAppendBatch100(benchmark::State& state, Synchronous sync) {
    constexpr int kBatch = 100;
    TempDir dir;
    auto store = open_store(dir, sync);
    std::int64_t n = 0;
    for (auto _ : state) append_audit_batch(*store, kBatch, n);
    state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK_CAPTURE(BM_AuditAppendBatch100, full, Synchronous::kFull)->UseRealTime();
BENCHMARK_CAPTURE(BM_AuditAppendBatch100, normal, Synchronous::kNormal)->UseRealTime();

// `AuditLog::verify` over a 10,000-entry chain (built before timing starts).
void BM_AuditVerify10k(benchmark::State& state) {
    constexpr int kEntries = 10000;
    TempDir dir;
    auto store = open_store(dir, Synchronous::kNormal);
    std::int64_t n = 0;
    for (int i = 0; i < kEntries / 100; ++i) append_audit_batch(*store, 100, n);
    propos::AuditLog log(*store);
    for (auto _ : state) {
        const auto r = log.verify(bench_org());
        if (!r.ok || r.entries != kEntries) {
            state.SkipWithError("verify did not accept the 10,000-entry chain");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * kEntries);
}
BENCHMARK(BM_AuditVerify10k)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// End-to-end pipeline throughput: tenant messages fully processed by the Coordinator with the offline
// provider — ingested (raw payload, message, job), triaged, a work order opened, a vendor ranked and
// dispatched with a purchase order, the tenant and the vendor messaged (queued and recorded in the
// outbox), history search indexed, every step audited — on a real SQLite file (WAL), per second.
//
// Beside it, in the same run, the raw SQLite rate for the same number of rows of the same sizes,
// inserted in the same batches: the ceiling any store layer could reach. See docs/benchmarks.md.
//
//   propos_bench_pipeline [--benchmark_filter=...]        (PROPOS_BENCH_DIR: where the files go)
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "propos/coordinator.hpp"
#include "propos/propos.hpp"

namespace {
namespace fs = std::filesystem;
using namespace propos;

using propos::bench::TempDir;

constexpr int kUnits = 400;

// One organization: 400 units with a tenant each, and two insured, all-hours vendors per trade.
Json portfolio() {
    Json org{{"organization", {{"id", "bench"}, {"name", "Bench PM"}, {"timezone", "America/New_York"}}},
             {"properties", Json::array()},
             {"units", Json::array()},
             {"tenants", Json::array()},
             {"vendors", Json::array()}};
    org["properties"].push_back({{"id", "p1"}, {"name", "Tower"}, {"address", "1 Main St"}, {"city", "New York"},
                                 {"state", "NY"}, {"postal_code", "10001"}, {"nte_limit", 100000},
                                 {"emergency_nte_limit", 300000}, {"owner_approval_threshold", 500000}});
    for (int u = 0; u < kUnits; ++u) {
        const auto uid = "u" + std::to_string(u);
        org["units"].push_back({{"id", uid}, {"property_id", "p1"}, {"label", std::to_string(u)}});
        char phone[32];
        std::snprintf(phone, sizeof phone, "+1212%07d", 1000000 + u);
        org["tenants"].push_back({{"id", "t" + std::to_string(u)}, {"unit_id", uid}, {"name", "Tenant " + uid},
                                  {"phone", phone}, {"email", "t" + std::to_string(u) + "@example.com"}});
    }
    int v = 0;
    for (const auto& trade : triage_categories()) {
        for (int k = 0; k < 2; ++k, ++v) {
            char phone[32];
            std::snprintf(phone, sizeof phone, "+1917%07d", 2000000 + v);
            org["vendors"].push_back({{"id", "v" + std::to_string(v)}, {"name", "Vendor " + std::to_string(v)},
                                      {"trades", {trade}}, {"service_area", {"10001"}}, {"phone", phone},
                                      {"hourly_rate", 9000 + 500 * k}, {"callout_fee", 5000}, {"after_hours", true},
                                      {"hours_start", 0}, {"hours_end", 24}, {"weekends", true},
                                      {"insurance_expires", "2030-01-01T00:00:00Z"}});
        }
    }
    return Json{{"format", "propos.portfolio/1"}, {"organizations", {org}}};
}

// Routine requests across trades (no self-fix tips, nothing vague, no emergencies): each becomes a
// work order dispatched to a vendor.
const char* kRequests[] = {
    "The kitchen sink is leaking under the cabinet",
    "Roaches in the kitchen, saw several last night",
    "The dishwasher won't drain, standing water after every cycle",
    "Peeling paint on the living room ceiling",
    "Floor tiles in the bathroom are cracked and loose",
    "The front door lock sticks and the key barely turns",
    "The air conditioner rattles loudly",
    "Toilet is clogged and won't flush",
};

struct Run {
    double seconds = 0;
    std::int64_t rows = 0;        // rows written to every table
    std::int64_t bytes = 0;       // payload bytes of those rows (text and blob columns)
    std::int64_t work_orders = 0;
};

// Message i of a run: from the tenant of unit i % 400, one of the requests.
IncomingMessage bench_message(std::size_t i, const std::string& id_prefix) {
    IncomingMessage m;
    m.provider = "bench";
    m.provider_message_id = id_prefix + std::to_string(i);
    char phone[32];
    std::snprintf(phone, sizeof phone, "+1212%07d", 1000000 + static_cast<int>(i % kUnits));
    m.from = phone;
    m.text = kRequests[(i / kUnits) % std::size(kRequests)];
    return m;
}

// A coordinator on a new store at `db` (returned in `store`) with the bench portfolio, its
// schedules set and the first search indexing done.
std::unique_ptr<Coordinator> seeded(const std::string& db, Synchronous sync, bool group,
                                    const std::shared_ptr<ManualClock>& clock, std::shared_ptr<Store>& store) {
    store = std::shared_ptr<Store>(open_sqlite_store(db, {.synchronous = sync}));
    import_portfolio(*store, portfolio(), clock->now(), "bench");
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.seed = 1;
    o.group_commit = group;
    auto c = std::make_unique<Coordinator>(std::move(o));
    c->run_until_idle();
    return c;
}

Run run_pipeline(const std::string& db, Synchronous sync, bool group, std::size_t n) {
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T15:00:00Z"));  // 10:00 in New York
    std::shared_ptr<Store> store;
    // Schedules and the first search indexing, outside the measurement.
    auto seeded_coordinator = seeded(db, sync, group, clock, store);
    auto& c = *seeded_coordinator;
    const OrgId org("bench");
    std::vector<IncomingMessage> batch;
    for (std::size_t i = 0; i < n; ++i) batch.push_back(bench_message(i, "m"));
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    auto count_rows = [&] {
        std::int64_t rows = 0;
        SQLite::Statement tables(raw, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                                      "AND name NOT LIKE '%_data' AND name NOT LIKE '%_idx' AND name NOT LIKE '%_docsize' "
                                      "AND name NOT LIKE '%_content' AND name NOT LIKE '%_config'");
        while (tables.executeStep()) {
            rows += raw.execAndGet("SELECT count(*) FROM \"" + tables.getColumn(0).getString() + "\"").getInt64();
        }
        return rows;
    };
    const auto rows_before = count_rows();
    const auto bytes_before = raw.execAndGet("PRAGMA page_count").getInt64();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < batch.size(); i += kUnits) {
        // One message per unit at a time: later messages of a unit would merge into its open job.
        const std::vector<IncomingMessage> slice(batch.begin() + static_cast<std::ptrdiff_t>(i),
                                                 batch.begin() + static_cast<std::ptrdiff_t>(std::min(i + kUnits, batch.size())));
        c.ingest_batch(org, slice);
        c.run_until_idle();
        // Close the jobs so the next round opens new ones (outside the measurement would be nicer, but
        // closing is part of the loop's work too).
        for (auto& wo : c.work_orders(org, {.open_only = true})) {
            store->write([&](Transaction& tx) {
                auto w = tx.get<WorkOrder>(org, wo.id.str());
                w.transition_to(WorkOrderStatus::kCancelled, clock->now(), "bench round over");
                tx.put(org, w);
            });
        }
    }
    Run r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.rows = count_rows() - rows_before;
    r.bytes = (raw.execAndGet("PRAGMA page_count").getInt64() - bytes_before) *
              raw.execAndGet("PRAGMA page_size").getInt64();
    r.work_orders = static_cast<std::int64_t>(c.work_orders(org).size());
    if (r.work_orders != static_cast<std::int64_t>(n)) {
        std::fprintf(stderr, "pipeline: %lld work orders for %zu messages\n", static_cast<long long>(r.work_orders), n);
        std::abort();
    }
    return r;
}

// Args: messages, synchronous (0 NORMAL, 1 FULL), group commit (0/1).
void BM_Pipeline(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto sync = state.range(1) ? Synchronous::kFull : Synchronous::kNormal;
    const bool group = state.range(2) != 0;
    Run last;
    double seconds = 0;
    for (auto _ : state) {
        TempDir dir;
        last = run_pipeline(dir.file("p.db"), sync, group, n);
        seconds += last.seconds;
        state.SetIterationTime(last.seconds);
    }
    state.counters["msgs_per_s"] = static_cast<double>(n) * static_cast<double>(state.iterations()) / seconds;
    state.counters["rows_per_msg"] = static_cast<double>(last.rows) / static_cast<double>(n);
    state.counters["bytes_per_msg"] = static_cast<double>(last.bytes) / static_cast<double>(n);
}
BENCHMARK(BM_Pipeline)
    ->ArgNames({"msgs", "full", "group"})
    ->Args({1000, 1, 1})
    ->Args({1000, 0, 1})
    ->Args({400, 1, 0})
    ->Args({400, 0, 0})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// ---- Issue 19: cost flat with the backlog ----
// The same loop with a backlog of `backlog` messages already ingested (one organization, spread
// over the 400 units): how fast the first 400 jobs run. The target is that 20,000 waiting messages
// leave at least half the throughput of 300; indexing the backlog for search happens in these
// jobs' passes too (it is part of the cost). And after a kill -9 of a process working through
// that backlog, how long a new process takes to finish its first job (target: within 5 s).

// Opens `db` with the bench portfolio and `backlog` messages ingested (nothing run but the
// schedules and the first indexing).
void make_backlog(const std::string& db, std::size_t backlog) {
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T15:00:00Z"));
    std::shared_ptr<Store> store;
    auto c = seeded(db, Synchronous::kNormal, true, clock, store);
    std::vector<IncomingMessage> batch;
    for (std::size_t i = 0; i < backlog; ++i) {
        auto m = bench_message(i, "b");
        m.text += " (ticket " + std::to_string(i) + ")";
        m.received_at = clock->now() + std::chrono::seconds(static_cast<long>(i));
        batch.push_back(std::move(m));
        if (batch.size() == 1000 || i + 1 == backlog) {
            c->ingest_batch(OrgId("bench"), batch);
            batch.clear();
        }
    }
}

std::unique_ptr<Coordinator> open_coordinator(const std::string& db) {
    CoordinatorOptions o;
    o.store = std::shared_ptr<Store>(open_sqlite_store(db, {.synchronous = Synchronous::kNormal}));
    o.clock = std::make_shared<ManualClock>(parse_time("2026-01-05T15:00:00Z") + std::chrono::hours(24));
    o.seed = 2;
    o.group_commit = true;
    return std::make_unique<Coordinator>(std::move(o));
}

// Args: backlog (messages waiting when the run starts).
void BM_PipelineBacklog(benchmark::State& state) {
    const auto backlog = static_cast<std::size_t>(state.range(0));
    constexpr std::size_t kJobs = 400;
    double seconds = 0;
    std::int64_t jobs = 0, work_orders = 0;
    for (auto _ : state) {
        TempDir dir;
        const auto db = dir.file("b.db");
        make_backlog(db, backlog);
        auto c = open_coordinator(db);
        const auto start = std::chrono::steady_clock::now();
        const auto stats = c->run_until_idle(kJobs);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        seconds += s;
        jobs += static_cast<std::int64_t>(stats.jobs_run);
        work_orders += static_cast<std::int64_t>(c->work_orders(OrgId("bench")).size());
        state.SetIterationTime(s);
    }
    state.counters["jobs_per_s"] = static_cast<double>(jobs) / seconds;
    state.counters["work_orders_per_s"] = static_cast<double>(work_orders) / seconds;
}
BENCHMARK(BM_PipelineBacklog)
    ->ArgNames({"backlog"})
    ->Arg(300)
    ->Arg(20000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Args: backlog. A child process works through the backlog and is killed (SIGKILL) after
// `kill_after_ms`; then a new coordinator on the same files runs one job. Reported: the time from
// opening the store to that job done (`first_job_ms`), and the jobs the child finished.
void BM_RestartAfterKill(benchmark::State& state) {
    const auto backlog = static_cast<std::size_t>(state.range(0));
    const auto kill_after = std::chrono::milliseconds(state.range(1));
    double seconds = 0;
    for (auto _ : state) {
        TempDir dir;
        const auto db = dir.file("k.db");
        make_backlog(db, backlog);
        const pid_t child = ::fork();
        if (child == 0) {
            auto c = open_coordinator(db);
            c->run_until_idle();
            ::_exit(0);
        }
        std::this_thread::sleep_for(kill_after);
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        const auto start = std::chrono::steady_clock::now();
        auto c = open_coordinator(db);
        const auto stats = c->run_until_idle(1);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (stats.jobs_run != 1) {
            std::fprintf(stderr, "restart: %zu jobs run\n", stats.jobs_run);
            std::abort();
        }
        seconds += s;
        state.SetIterationTime(s);
    }
    state.counters["first_job_ms"] = 1000.0 * seconds / static_cast<double>(state.iterations());
}
BENCHMARK(BM_RestartAfterKill)
    ->ArgNames({"backlog", "kill_after_ms"})
    ->Args({20000, 8000})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// The same rows a message writes (rows_per_msg of the pipeline, ~bytes_per_msg / rows_per_msg each)
// inserted raw into a table with a primary key, in transactions of one round's worth of messages.
void BM_RawRowsForTheSameMessages(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto rows_per_msg = static_cast<std::size_t>(state.range(1));
    const auto bytes_per_row = static_cast<std::size_t>(state.range(2));
    const auto sync = state.range(3) ? "FULL" : "NORMAL";
    const std::string payload(bytes_per_row, 'x');
    double seconds = 0;
    for (auto _ : state) {
        TempDir dir;
        SQLite::Database db(dir.file("raw.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA journal_mode=WAL");
        db.exec(std::string("PRAGMA synchronous=") + sync);
        db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, data TEXT)");
        SQLite::Statement ins(db, "INSERT INTO t (kind, data) VALUES (?, ?)");
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < n; i += kUnits) {
            SQLite::Transaction tx(db);
            for (std::size_t m = i; m < std::min(n, i + kUnits); ++m) {
                for (std::size_t r = 0; r < rows_per_msg; ++r) {
                    ins.bind(1, "row");
                    ins.bind(2, payload);
                    ins.exec();
                    ins.reset();
                }
            }
            tx.commit();
        }
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        seconds += s;
        state.SetIterationTime(s);
    }
    state.counters["msgs_per_s"] = static_cast<double>(n) * static_cast<double>(state.iterations()) / seconds;
}
// rows_per_msg and bytes_per_row: from BM_Pipeline's counters on this machine (56 rows and 59.2 kB
// per message, so about 1,057 bytes per row; docs/benchmarks.md).
BENCHMARK(BM_RawRowsForTheSameMessages)
    ->ArgNames({"msgs", "rows", "bytes", "full"})
    ->Args({1000, 56, 1057, 1})
    ->Args({1000, 56, 1057, 0})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace

BENCHMARK_MAIN();

/// @file memory_store.hpp
/// @brief An in-memory `Store` for a host's tests, with fault injection: `open_memory_store()`.
///
/// The in-memory store keeps the whole store contract (records and their keys, counters, events,
/// raw payloads, the audit chain, jobs and schedules, search documents with BM25 keyword search)
/// with the same semantics and the same error codes and messages as the SQLite store, and runs the
/// same conformance tests. It is transactional: the writes of a transaction are invisible to others
/// until it commits and vanish when it rolls back; transactions are serialized (one at a time, like
/// SQLite), so reads see a consistent snapshot. Nothing touches the disk.
///
/// `MemoryStoreFaults` makes the store fail on purpose — the n-th write, the n-th commit, a busy
/// store — so that a host's tests can drive its failure paths (a job whose commit fails is retried;
/// an ingest whose commit fails leaves nothing half-written) without mocking the store.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "propos/core/error.hpp"
#include "propos/export.hpp"
#include "propos/store/store.hpp"

namespace propos::memory_impl {
struct FaultHooks;
}  // namespace propos::memory_impl

namespace propos::testing {

/// @brief Faults to inject into in-memory stores, and counters of what they did. Shared by the
/// test and the store(s) it is given to (`MemoryStoreOptions::faults`); thread-safe, and may be
/// changed while the store is in use (from any thread, also inside a transaction's callback).
///
/// What counts as a *write*: every call of a mutating method of a `Transaction` that the engine
/// implements (`put_record`, `erase_record`, `put_record_part`, `next_counter`, `put_organization`,
/// `store_raw_payload`, `set_raw_payload_status`, `insert_audit_entry`, `enqueue`, `claim_jobs`,
/// `complete_job`, `fail_job`, `defer_job`, `retry_dead_job`, `purge_done_jobs`, `put_schedule`,
/// `erase_schedule`, the search-document writes). Calls made by shared code count once per engine
/// call they make: `put<T>` is one `put_record`; `append_event` is `next_counter` + `put_record`
/// (two); `append_audit` is one `insert_audit_entry`. Reads never count.
///
/// Each injected failure throws `Error(code)` whose message contains "injected" and names the
/// call, so a test can tell it from a real one.
class PROPOS_EXPORT MemoryStoreFaults {
public:
    MemoryStoreFaults() = default;
    MemoryStoreFaults(const MemoryStoreFaults&) = delete;
    MemoryStoreFaults& operator=(const MemoryStoreFaults&) = delete;

    /// @brief The `n`-th write from now (1: the next one) throws `Error(code)` before it changes
    /// anything; the exception propagates through the transaction's callback like any store error
    /// (uncaught, the whole transaction rolls back). Fires once. Replaces an earlier
    /// `fail_nth_write`. Throws `Error(kInvalidArgument)` when `n < 1`. Default code: kIo.
    void fail_nth_write(int n, ErrorCode code = ErrorCode::kIo);
    /// @brief The `n`-th commit of a write transaction from now (1: the next one) throws
    /// `Error(code)` instead of committing: everything that transaction wrote is rolled back, as if
    /// the disk had failed at COMMIT. Read transactions do not count. Fires once. Replaces an
    /// earlier `fail_nth_commit`. Throws `Error(kInvalidArgument)` when `n < 1`. Default code: kIo.
    void fail_nth_commit(int n, ErrorCode code = ErrorCode::kIo);
    /// @brief The next `transactions` transactions (writes and reads) throw `Error(kBusy)` when
    /// they begin, before their callback runs, as a store locked by another process does; the
    /// ones after run normally. 0 turns it off. Throws `Error(kInvalidArgument)` when negative.
    void busy_for(int transactions);
    /// @brief Cancels every pending fault (the counters are kept).
    void clear();
    /// @brief Sets every counter back to 0 (pending faults are kept).
    void reset_counters();

    /// @brief Writes attempted so far (including those that failed by injection).
    std::int64_t writes() const;
    /// @brief Write transactions committed so far.
    std::int64_t commits() const;
    /// @brief Write transactions rolled back so far (their callback threw, a write or the commit
    /// failed).
    std::int64_t rollbacks() const;
    /// @brief Failures injected so far (writes, commits and busy transactions).
    std::int64_t injected() const;

private:
    friend struct memory_impl::FaultHooks;  // the in-memory store reports to it through these
    // Counts a write; throws the injected error when it is the one to fail. `op` names it.
    void on_write(const char* op);
    // Before a write transaction commits: throws the injected error when it is the one to fail
    // (the store then rolls back); else counts the commit.
    void on_commit();
    // Counts a rollback of a write transaction.
    void on_rollback();
    // When a transaction begins: throws `Error(kBusy)` while `busy_for` lasts.
    void on_begin(bool write);

    mutable std::mutex mu_;
    int write_countdown_ = 0;  // 0: no write fault pending
    ErrorCode write_code_ = ErrorCode::kIo;
    int commit_countdown_ = 0;
    ErrorCode commit_code_ = ErrorCode::kIo;
    int busy_ = 0;
    std::int64_t writes_ = 0, commits_ = 0, rollbacks_ = 0, injected_ = 0;
};

/// @brief The data of in-memory stores. Opaque: make one with `new_memory_database()` and open
/// stores on it (`MemoryStoreOptions::database`); it lives while a store (or the caller) holds it.
class MemoryDatabase;

/// @brief A new, empty in-memory database, for stores that should share their data: several
/// stores opened on one database see the same data and serialize their transactions together, as
/// two processes opening one SQLite file do (e.g. a test that "restarts" its host opens a second
/// store on the database of the first).
PROPOS_EXPORT std::shared_ptr<MemoryDatabase> new_memory_database();

/// @brief Options for `open_memory_store`.
struct MemoryStoreOptions {
    /// The data to work on. Default (null): a new, private database that lives as long as the store.
    std::shared_ptr<MemoryDatabase> database;
    /// Faults to inject and where to count writes, commits and rollbacks. Default (null): none.
    std::shared_ptr<MemoryStoreFaults> faults;
};

/// @brief Opens an in-memory store (see the file comment): the contract of `Store`, same semantics
/// and errors as `open_sqlite_store`, nothing on disk. `location()` is ":memory:" (history search
/// then keeps its index in memory too), `local_file()` is "", `schema_version()` is
/// `memory_schema_version()`. `batch` groups as SQLite's does (the batch's transactions join it, a
/// failed one is dropped alone, one commit at the end; fault hooks count that one commit).
/// `wait_for_work` wakes when another thread commits a change to jobs. Thread-safe; nested
/// transactions on one thread throw `Error(kFailedPrecondition)` naming the nesting.
PROPOS_EXPORT std::unique_ptr<Store> open_memory_store(MemoryStoreOptions options = {});

/// @brief The schema version in-memory stores report (they have no schema to migrate): 1.
PROPOS_EXPORT int memory_schema_version() noexcept;

}  // namespace propos::testing

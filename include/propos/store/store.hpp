/// @file store.hpp
/// @brief The `Store` interface: durable, transactional, organization-scoped storage of everything
/// PropOS knows, plus `open_sqlite_store()`, the embedded default.
///
/// Every read and write takes an `OrgId`; no call reads across organizations (the one exception is
/// `Store::list_organizations()`, which reads only the organizations themselves). The interface assumes
/// nothing SQLite-specific, so it can be implemented on PostgreSQL without changing callers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/store/audit_store.hpp"
#include "propos/store/event_log.hpp"
#include "propos/store/inbox_store.hpp"
#include "propos/store/job.hpp"
#include "propos/store/job_store.hpp"
#include "propos/store/record_store.hpp"
#include "propos/store/records.hpp"
#include "propos/store/search_store.hpp"

namespace propos {

/// @brief One unit of work against the store, handed to `Store::write` / `Store::read` callbacks.
///
/// A transaction offers the store's capabilities, each an interface of its own that an engine
/// implements: `records()` (organizations, entities, counters), `inbox()` (raw payloads and dead
/// letters), `audit()` (the hash chain), `events()` (the host's event log), `jobs()` (durable jobs and
/// schedules) and `search_documents()` (what history search builds on). A transaction is each of
/// them too, so `tx.put(org, work_order)` and `tx.records().put(org, work_order)` are the same call.
///
/// Valid only inside the callback and only on the thread that runs it. In a read transaction every
/// mutating call throws `Error(kFailedPrecondition)`.
class PROPOS_EXPORT Transaction : public RecordStore,
                                  public InboxStore,
                                  public AuditStore,
                                  public EventLog,
                                  public JobStore,
                                  public SearchDocumentStore {
public:
    ~Transaction() override = default;
    Transaction() = default;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    RecordStore& records() noexcept { return *this; }
    InboxStore& inbox() noexcept { return *this; }
    AuditStore& audit() noexcept { return *this; }
    EventLog& events() noexcept { return *this; }
    JobStore& jobs() noexcept { return *this; }
    SearchDocumentStore& search_documents() noexcept { return *this; }

    /// @brief `EventLog` kept as records of kind "event" numbered by `next_counter(org, "event_seq")`;
    /// engines may override both with their own table.
    Event append_event(const OrgId& org, const std::string& type, const std::string& correlation_id,
                       Json payload, Timestamp now) override;
    std::vector<Event> list_events(const OrgId& org, const std::string& after_id,
                                   std::size_t limit) override;
};

/// @brief Durable storage. Thread-safe: calls from several threads are serialized as needed.
class PROPOS_EXPORT Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// @brief Runs `fn` in one write transaction: commits when it returns, rolls back everything when
    /// it throws (the exception propagates). Nesting `write` inside `write` on one thread throws
    /// `Error(kFailedPrecondition)`.
    virtual void write(const std::function<void(Transaction&)>& fn) = 0;
    /// @brief Runs `fn` in a read-only transaction over a consistent snapshot.
    virtual void read(const std::function<void(Transaction&)>& fn) = 0;
    /// @brief Group commit: runs `fn` with one write transaction open on this thread, which every
    /// `write` and `read` that `fn` (or anything it calls) makes on this thread joins. A joined
    /// `write` that throws is rolled back alone (a savepoint) and its exception propagates as usual;
    /// everything else becomes durable together, with one commit, when `fn` returns. When `fn` throws,
    /// everything is rolled back. Other threads' transactions wait until the batch ends, so keep
    /// slow work (network calls) out of it. Batches do not nest (`Error(kFailedPrecondition)`).
    ///
    /// The default implementation runs `fn` without grouping (each transaction commits on its own),
    /// which is always correct: stores that cannot group keep it.
    virtual void batch(const std::function<void()>& fn) { fn(); }
    /// @brief `batch` for the work of one organization, if nobody else is writing it now. Where the
    /// writers of an organization take turns across processes (PostgreSQL: one writer per
    /// organization at a time), returns false at once, without running `fn`, while another
    /// transaction writes `org`, so that a worker turns to another organization instead of waiting;
    /// else runs `batch(fn)` and returns true. The default: `batch(fn)`, true. Throws
    /// `Error(kNotFound)` for an unknown organization where it checks.
    virtual bool try_batch(const OrgId& org, const std::function<void()>& fn) {
        (void)org;
        batch(fn);
        return true;
    }
    /// @brief All organizations (ids and names only; no organization's data).
    virtual std::vector<Organization> list_organizations() = 0;
    /// @brief Schema version of the open database.
    virtual int schema_version() = 0;
    /// @brief Where the data lives (a file path, ":memory:", a connection string without password).
    virtual std::string location() const = 0;
    /// @brief The database file when the data lives in one on this machine (derived data such as a
    /// search index may then be kept beside it), else "" (in memory, a server).
    virtual std::string local_file() const { return ""; }
    /// @brief True when processes on other machines share the data (a database server): what this
    /// process keeps on its own disk or in its memory (a proof file, a cache) is not seen by them.
    virtual bool shared() const { return false; }
    /// @brief Waits until work may have been added by another process or thread (a job enqueued and
    /// committed), or `max_wait` passes; returns true when woken early. Workers call it when idle.
    /// PostgreSQL: LISTEN/NOTIFY. The default sleeps `max_wait` and returns false (poll).
    virtual bool wait_for_work(Millis max_wait);

    /// @brief Convenience: `write` returning the callback's value.
    template <class F>
    auto write_result(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
        using R = decltype(fn(std::declval<Transaction&>()));
        std::optional<R> out;
        write([&](Transaction& tx) { out.emplace(fn(tx)); });
        return std::move(*out);
    }
    /// @brief Convenience: `read` returning the callback's value.
    template <class F>
    auto read_result(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
        using R = decltype(fn(std::declval<Transaction&>()));
        std::optional<R> out;
        read([&](Transaction& tx) { out.emplace(fn(tx)); });
        return std::move(*out);
    }
};

/// @brief SQLite durability settings (PRAGMA synchronous).
enum class Synchronous { kOff, kNormal, kFull, kExtra };

/// @brief Options for `open_sqlite_store`.
struct SqliteOptions {
    /// Default: FULL — a committed transaction survives power loss.
    Synchronous synchronous = Synchronous::kFull;
    /// How long a writer waits for another process's lock. Default: 5 s.
    Millis busy_timeout{5000};
    /// Create the file when missing. Default: true.
    bool create_if_missing = true;
    /// Page cache size in KiB. Default: 16 MiB.
    int cache_size_kib = 16384;
    /// Run `PRAGMA quick_check` on open (slow on big files). Default: false.
    bool check_integrity = false;
    /// WAL pages after which a commit copies the log back into the database (PRAGMA
    /// wal_autocheckpoint; 0 turns automatic checkpoints off). Default: 4000 pages (16 MiB of log
    /// with 4 KiB pages): a page written by many commits in that window (an index leaf, the audit
    /// head) is copied back once; SQLite's own default is 1000.
    int wal_autocheckpoint_pages = 4000;
};

/// @brief The newest schema version this build writes.
PROPOS_EXPORT int sqlite_schema_version() noexcept;

/// @brief Options for `open_postgres_store`.
struct PostgresOptions {
    /// The PostgreSQL schema that holds PropOS's tables (created when missing). Default: "propos".
    std::string schema = "propos";
    /// Connections this store opens at most (each `write`/`read` uses one while it runs; more
    /// concurrent transactions wait for one). Default: 8.
    std::size_t max_connections = 8;
    /// How long a transaction waits for a row or advisory lock held by another worker before it
    /// fails with `Error(kBusy)` (SET LOCAL lock_timeout). Default: 5 s, like SQLite's busy timeout.
    Millis lock_timeout{5000};
    /// How long opening a connection may take. Default: 10 s.
    Millis connect_timeout{10000};
    /// Wake idle workers with LISTEN/NOTIFY (`Store::wait_for_work`) on one connection of its own,
    /// which needs session state: set false when every connection goes through a transaction-pooling
    /// pooler (workers then poll). Default: true.
    bool listen = true;
};

/// @brief The newest PostgreSQL schema version this build writes.
PROPOS_EXPORT int postgres_schema_version() noexcept;

/// @brief Opens a PostgreSQL store: `conninfo` is a libpq connection string or URL
/// ("postgresql://user:secret@db.example.com:5432/propos", "host=... dbname=..."). Creates the
/// schema's tables (and the trusted extensions unaccent and btree_gin) when missing and migrates
/// them to the current version under an advisory lock, so several workers may start at once.
///
/// Every table has `org_id` leading its primary key and indexes, and row-level security scoped by
/// a per-transaction setting keeps each transaction to the organization it works on (a second wall
/// behind the org_id of every query; roles that bypass RLS, e.g. superusers, skip it). Throws
/// `Error` with kUnavailable when the server cannot be reached, kPermissionDenied when the role
/// may not connect or create the schema, kUnsupportedVersion when the schema is newer than this
/// build, kFailedPrecondition when this build has no PostgreSQL support.
PROPOS_EXPORT std::unique_ptr<Store> open_postgres_store(const std::string& conninfo,
                                                         const PostgresOptions& options = {});

/// @brief Opens (creating when allowed) a SQLite store at `path` (":memory:" for a private in-memory
/// database), in WAL mode, and migrates its schema to the current version in one transaction per step.
///
/// Throws `Error` with: kCorrupt when the file is not a SQLite database or is a SQLite database of
/// another application; kUnsupportedVersion when its schema is newer than this build; kIo when the
/// file cannot be opened or created. The caller owns the returned store.
PROPOS_EXPORT std::unique_ptr<Store> open_sqlite_store(const std::string& path,
                                                       const SqliteOptions& options = {});

/// @brief Opens the store named by `url_or_path`, shared — what `CoordinatorOptions::store` takes,
/// so `options.store = propos::open_store("props.db")` needs no conversion.
///
/// Accepts a file path (":memory:" for a private in-memory database) or a SQLite URL
/// ("sqlite:props.db", "sqlite:///var/lib/propos/props.db", "file:props.db"); SQLite stores are
/// opened as by `open_sqlite_store(path, sqlite)`. A PostgreSQL URL ("postgresql://..." or
/// "postgres://...") opens `open_postgres_store(url)`. History search keeps its index in the folder
/// `<path>.search/` beside the database file (back it up with the database, or it is rebuilt).
///
/// Throws `Error(kInvalidArgument)` for an empty name and for a URL of an engine this build does
/// not include; otherwise the errors of `open_sqlite_store` / `open_postgres_store`. Thread-safe; the store is shared by its
/// holders and closed when the last one lets go.
PROPOS_EXPORT std::shared_ptr<Store> open_store(const std::string& url_or_path,
                                                const SqliteOptions& sqlite = {});

}  // namespace propos

// Internal to the SQLite engine (src/store/sqlite_*.cpp): the store, its transaction and the
// helpers they share. Each capability of the transaction is implemented in its own file:
// sqlite_store.cpp (the store, organizations, records, counters), sqlite_inbox.cpp (raw payloads),
// sqlite_audit.cpp, sqlite_jobs.cpp and sqlite_search.cpp.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "propos/core/time.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/store.hpp"
#include "propos/version.hpp"
#include "core/log.hpp"
#include "record_sql.hpp"
#include "schema.hpp"


namespace propos::sqlite_impl {

using sqlite_schema::kApplicationId;
using sqlite_schema::kMigrations;

inline std::int64_t ms(Timestamp t) { return to_unix_millis(t); }

// ---- search: the per-organization FTS5 tables (schema v6; issue 19, backlog and size) ----

inline std::string fts_name(std::int64_t n) { return "search_fts_" + std::to_string(n); }

// An organization's keyword index: an external-content FTS5 table over search_docs (the text is
// stored once, in search_docs; the FTS5 table keeps only its index) with two columns, the text and
// the document's kind, so a search restricted to kinds walks only their documents. Rows are
// written and deleted by hand (never 'rebuild': search_docs holds every organization's
// documents); a delete passes the values that were indexed. Porter stemming over unicode61
// ("leaking" finds "leak"); diacritics folded ("café" = "cafe").
inline std::string create_fts_sql(std::int64_t n) {
    return "CREATE VIRTUAL TABLE IF NOT EXISTS " + fts_name(n) +
           " USING fts5(text, kind, content = 'search_docs', content_rowid = 'doc_id', "
           "tokenize = 'porter unicode61 remove_diacritics 2')";
}

// Schema v6: every organization's FTS5 table of the older layout (its own copy of the text, no
// kind column) is replaced by the external-content one and refilled from its live documents.
// Runs inside the migration's transaction.
inline void migrate_search_fts(SQLite::Database& db) {
    std::vector<std::pair<std::string, std::int64_t>> orgs;
    {
        SQLite::Statement s(db, "SELECT org_id, fts_table FROM search_orgs ORDER BY fts_table");
        while (s.executeStep()) orgs.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getInt64());
    }
    for (const auto& [org, n] : orgs) {
        db.exec("DROP TABLE IF EXISTS " + fts_name(n));
        db.exec(create_fts_sql(n));
        SQLite::Statement fill(db, "INSERT INTO " + fts_name(n) +
                                       " (rowid, text, kind) SELECT doc_id, text, kind FROM search_docs "
                                       "WHERE org_id = ? AND deleted = 0 ORDER BY doc_id");
        fill.bind(1, org);
        fill.exec();
    }
}

inline Error translate(const SQLite::Exception& e, const std::string& location, std::string_view doing) {
    const int code = e.getErrorCode() & 0xff;
    std::string where = "database '" + location + "'";
    std::string what = std::string(doing) + ": " + e.what();
    switch (code) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error(ErrorCode::kBusy, where + " is locked by another connection (" + what +
                                               "); retry, or raise the busy timeout");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return Error(ErrorCode::kCorrupt,
                         where + " is damaged or is not a SQLite database (" + what + ")");
        case SQLITE_CANTOPEN:
            return Error(ErrorCode::kIo, "cannot open " + where + " (" + what + ")");
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return Error(ErrorCode::kIo, where + ": " + what);
        case SQLITE_CONSTRAINT:
            return Error(ErrorCode::kAlreadyExists, where + ": constraint violated: " + what);
        default:
            return Error(ErrorCode::kInternal, where + ": " + what);
    }
}

inline const char* sync_pragma(Synchronous s) {
    switch (s) {
        case Synchronous::kOff: return "PRAGMA synchronous=OFF";
        case Synchronous::kNormal: return "PRAGMA synchronous=NORMAL";
        case Synchronous::kFull: return "PRAGMA synchronous=FULL";
        case Synchronous::kExtra: return "PRAGMA synchronous=EXTRA";
    }
    return "PRAGMA synchronous=FULL";
}

class SqliteStore;

// Resets a cached statement when the scope ends so it releases its locks.
class StmtUse {
public:
    explicit StmtUse(SQLite::Statement& s) : s_(&s) {}
    // A statement used once (not cached).
    explicit StmtUse(std::unique_ptr<SQLite::Statement> owned)
        : owned_(std::move(owned)), s_(owned_.get()) {}
    StmtUse(const StmtUse&) = delete;
    StmtUse& operator=(const StmtUse&) = delete;
    ~StmtUse() {
        if (owned_) return;
        s_->tryReset();
        s_->clearBindings();
    }
    SQLite::Statement* operator->() { return s_; }
    SQLite::Statement& operator*() { return *s_; }

private:
    std::unique_ptr<SQLite::Statement> owned_;
    SQLite::Statement* s_;
};

constexpr const char* kJobColumns =
    "id, org_id, type, payload, priority, state, run_at_ms, attempts, max_attempts, "
    "idempotency_key, correlation_id, lease_token, lease_until_ms, last_error, created_ms, "
    "updated_ms";

inline Job read_job(SQLite::Statement& s) {
    Job j;
    j.id = JobId(std::to_string(s.getColumn(0).getInt64()));
    j.org_id = OrgId(s.getColumn(1).getString());
    j.type = s.getColumn(2).getString();
    j.payload = parse_json(s.getColumn(3).getString(), "job payload");
    j.priority = s.getColumn(4).getInt();
    j.state = parse_enum<JobState>(s.getColumn(5).getString());
    j.run_at = from_unix_millis(s.getColumn(6).getInt64());
    j.attempts = s.getColumn(7).getInt();
    j.max_attempts = s.getColumn(8).getInt();
    if (!s.getColumn(9).isNull()) j.idempotency_key = s.getColumn(9).getString();
    j.correlation_id = s.getColumn(10).getString();
    j.lease_token = s.getColumn(11).getString();
    if (!s.getColumn(12).isNull()) j.lease_until = from_unix_millis(s.getColumn(12).getInt64());
    j.last_error = s.getColumn(13).getString();
    j.created_at = from_unix_millis(s.getColumn(14).getInt64());
    j.updated_at = from_unix_millis(s.getColumn(15).getInt64());
    return j;
}

inline AuditEvent read_audit(SQLite::Statement& s) {
    AuditEvent e;
    e.seq = s.getColumn(0).getInt64();
    e.at = from_unix_millis(s.getColumn(1).getInt64());
    e.actor = s.getColumn(2).getString();
    e.action = s.getColumn(3).getString();
    e.entity_kind = s.getColumn(4).getString();
    e.entity_id = s.getColumn(5).getString();
    e.correlation_id = s.getColumn(6).getString();
    // A row edited into invalid JSON must still be reported by verify(), not crash it.
    try {
        e.data = Json::parse(s.getColumn(7).getString());
    } catch (const nlohmann::json::exception&) {
        e.data = Json("<unparseable: " + s.getColumn(7).getString() + ">");
    }
    e.prev_hash = s.getColumn(8).getString();
    e.hash = s.getColumn(9).getString();
    return e;
}

class SqliteTransaction final : public Transaction {
public:
    SqliteTransaction(SqliteStore& store, bool writable) : store_(store), writable_(writable) {}

    void put_organization(const Organization& org) override;
    std::optional<Organization> find_organization(const OrgId& org) override;
    void put_record(const OrgId& org, std::string_view kind, const std::string& id,
                    const RecordKeys& keys, const std::string& json) override;
    std::optional<std::string> find_record(const OrgId& org, std::string_view kind,
                                           const std::string& id) override;
    std::vector<std::string> list_records(const OrgId& org, std::string_view kind,
                                          const ListOptions& options) override;
    std::int64_t count_records(const OrgId& org, std::string_view kind,
                               const ListOptions& options) override;
    bool erase_record(const OrgId& org, std::string_view kind, const std::string& id) override;
    std::int64_t next_counter(const OrgId& org, std::string_view name) override;
    void put_record_part(const OrgId& org, std::string_view kind, const std::string& id,
                         std::int64_t part, const std::string& json) override;
    std::vector<std::pair<std::int64_t, std::string>> list_record_parts(
        const OrgId& org, std::string_view kind, const std::string& id) override;
    std::map<std::string, std::int64_t> count_records_by(const OrgId& org, std::string_view kind,
                                                         const std::string& field,
                                                         const ListOptions& options) override;
    std::map<std::string, std::int64_t> count_records_by_ref(const OrgId& org,
                                                             std::string_view kind,
                                                             const ListOptions& options) override;
    std::int64_t store_raw_payload(const OrgId& org, std::string_view source,
                                   std::string_view content_type, std::string_view body,
                                   Timestamp at) override;
    void set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                std::string_view error) override;
    std::vector<RawPayload> query_raw_payloads(const OrgId& org,
                                               const RawPayloadQuery& query) override;
    std::optional<RawPayload> find_raw_payload(const OrgId& org, std::int64_t id) override;
    std::optional<AuditHead> audit_head(const OrgId& org, bool for_update) override;
    void insert_audit_entry(const OrgId& org, const AuditEvent& event,
                            std::string_view canonical_data) override;
    std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq,
                                       std::size_t limit) override;
    std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                           std::string_view entity_id) override;
    JobId enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) override;
    std::vector<Job> claim_jobs(const OrgId& org, std::string_view worker, Timestamp now,
                                Millis lease, std::size_t max) override;
    void complete_job(const OrgId& org, const Job& job, Timestamp now) override;
    JobState fail_job(const OrgId& org, const Job& job, std::string_view error, Timestamp now,
                      Timestamp retry_at) override;
    JobState defer_job(const OrgId& org, const Job& job, const Json& payload,
                       std::string_view reason, Timestamp now, Timestamp run_at) override;
    // Moves a running job (still leased to `job.lease_token`) out of running: `set_state` is the
    // SET clause for state/attempts; `payload` null keeps the payload.
    JobState release_job(const OrgId& org, const Job& job, const char* set_state,
                         const std::string* payload, std::string_view error, Timestamp now,
                         Timestamp run_at, const char* otherwise);
    std::optional<Job> find_job(const OrgId& org, const JobId& id) override;
    std::vector<Job> list_jobs(const OrgId& org, JobState state, std::size_t limit) override;
    JobCounts count_jobs(const OrgId& org) override;
    std::map<std::string, JobCounts> count_jobs_by_type(const OrgId& org) override;
    std::optional<Timestamp> next_job_due(const OrgId& org) override;
    void retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) override;
    std::int64_t purge_done_jobs(const OrgId& org, Timestamp before) override;
    void put_schedule(const OrgId& org, const Schedule& schedule) override;
    bool erase_schedule(const OrgId& org, std::string_view name) override;
    std::vector<Schedule> list_schedules(const OrgId& org) override;
    std::vector<Schedule> list_due_schedules(const OrgId& org, Timestamp by) override;
    SearchDocument put_search_document(const OrgId& org, const SearchDocument& doc) override;
    std::optional<SearchDocument> erase_search_document(const OrgId& org, std::string_view kind,
                                                        std::string_view entity_id) override;
    std::optional<SearchDocument> find_search_document(const OrgId& org, std::string_view kind,
                                                       std::string_view entity_id) override;
    std::vector<SearchDocument> get_search_documents(const OrgId& org,
                                                     const std::vector<std::int64_t>& doc_ids,
                                                     bool with_embeddings) override;
    std::vector<SearchDocument> list_search_changes(const OrgId& org, std::int64_t after_seq,
                                                    std::size_t limit) override;
    std::vector<std::int64_t> filter_search_documents(const OrgId& org,
                                                      const SearchFilter& filter) override;
    std::vector<KeywordHit> keyword_search(const OrgId& org, const std::vector<std::string>& terms,
                                           const SearchFilter& filter, std::size_t limit) override;
    SearchDocStats search_document_stats(const OrgId& org) override;
    std::int64_t clear_search_documents(const OrgId& org) override;
    std::int64_t purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq) override;
    std::optional<std::string> get_search_meta(const OrgId& org, std::string_view key) override;
    void put_search_meta(const OrgId& org, std::string_view key, std::string_view value) override;

    std::vector<std::string> created_orgs;

private:
    StmtUse stmt(const char* sql);
    // Every schedule is due by the largest time: one query serves both lists.
    std::vector<Schedule> schedules_due_by(const OrgId& org, std::int64_t by_ms);
    void require_writable(const char* op) const {
        if (!writable_) {
            throw Error(ErrorCode::kFailedPrecondition,
                        std::string(op) + " needs a write transaction (called inside Store::read)");
        }
    }
    void check_org(const OrgId& org);
    template <class F>
    auto guarded(const char* doing, F&& f) -> decltype(f());
    // Search documents: the number n of the organization's FTS5 table search_fts_<n>, if any.
    std::optional<std::int64_t> search_fts_table(const OrgId& org);
    // Registers the organization for search (creating its FTS5 table) and returns n.
    std::int64_t ensure_search_org(const OrgId& org);
    // Removes a document from the organization's external-content FTS5 table n: `text` and `kind`
    // must be what was indexed for it (schema v6).
    void fts_delete(std::int64_t n, std::int64_t doc_id, const std::string& text, const std::string& kind);
    // Bumps and returns the organization's search change sequence.
    std::int64_t next_search_seq(const OrgId& org);

    SqliteStore& store_;
    bool writable_;
};

class SqliteStore final : public Store {
public:
    SqliteStore(std::string path, const SqliteOptions& options) : path_(std::move(path)) {
        if (options.wal_autocheckpoint_pages < 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        "SqliteOptions::wal_autocheckpoint_pages must not be negative (got " +
                            std::to_string(options.wal_autocheckpoint_pages) + ")");
        }
        // NOMUTEX: every use of the connection and its statements is under mu_ (one thread at a
        // time), so SQLite's own per-call connection mutex would only be locked uncontended.
        int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;
        if (options.create_if_missing) flags |= SQLite::OPEN_CREATE;
        try {
            db_ = std::make_unique<SQLite::Database>(path_, flags,
                                                     static_cast<int>(options.busy_timeout.count()));
        } catch (const SQLite::Exception& e) {
            if (!options.create_if_missing && (e.getErrorCode() & 0xff) == SQLITE_CANTOPEN) {
                throw Error(ErrorCode::kNotFound, "database '" + path_ + "' does not exist");
            }
            throw translate(e, path_, "open");
        }
        // SQLite's own busy handler sleeps up to 100 ms between tries, so a writer that commits
        // batch after batch (a large ingest) hands the lock straight back to itself and a waiter
        // sleeping through the gap starves until its timeout. Polling every few milliseconds (with
        // jitter, so two waiters do not wake in step) catches the gap between two batches.
        busy_.timeout = options.busy_timeout;
        sqlite3_busy_handler(db_->getHandle(), &SqliteStore::on_busy, &busy_);
        try {
            const int app_id = db_->execAndGet("PRAGMA application_id").getInt();
            const int version = db_->execAndGet("PRAGMA user_version").getInt();
            const int tables =
                db_->execAndGet("SELECT count(*) FROM sqlite_master WHERE type='table'").getInt();
            if (app_id != kApplicationId && (app_id != 0 || tables > 0)) {
                throw Error(ErrorCode::kCorrupt,
                            "database '" + path_ +
                                "' is a SQLite database of another application, not a PropOS store "
                                "(application_id " + std::to_string(app_id) + ", " +
                                std::to_string(tables) + " tables); refusing to modify it");
            }
            if (version > static_cast<int>(kMigrations.size())) {
                throw Error(ErrorCode::kUnsupportedVersion,
                            "database '" + path_ + "' has schema version " +
                                std::to_string(version) + ", newer than this build of PropOS (" +
                                kVersion + ") supports (" + std::to_string(kMigrations.size()) +
                                "); upgrade PropOS to open it");
            }
            db_->exec("PRAGMA journal_mode=WAL");
            db_->exec(sync_pragma(options.synchronous));
            db_->exec("PRAGMA foreign_keys=ON");
            db_->exec("PRAGMA temp_store=MEMORY");
            db_->exec("PRAGMA cache_size=-" + std::to_string(options.cache_size_kib));
            db_->exec("PRAGMA wal_autocheckpoint=" +
                      std::to_string(options.wal_autocheckpoint_pages));
            if (options.check_integrity) {
                const std::string r = db_->execAndGet("PRAGMA quick_check").getString();
                if (r != "ok") {
                    throw Error(ErrorCode::kCorrupt,
                                "database '" + path_ + "' failed its integrity check: " + r);
                }
            }
            for (int v = version; v < static_cast<int>(kMigrations.size()); ++v) {
                db_->exec("BEGIN IMMEDIATE");
                try {
                    db_->exec(kMigrations[static_cast<size_t>(v)]);
                    if (v + 1 == 6) migrate_search_fts(*db_);  // issue 19: external-content FTS
                    db_->exec("PRAGMA application_id=" + std::to_string(kApplicationId));
                    db_->exec("PRAGMA user_version=" + std::to_string(v + 1));
                    db_->exec("COMMIT");
                } catch (...) {
                    db_->exec("ROLLBACK");
                    throw;
                }
                detail::logger()->debug("migrated {} to schema version {}", path_, v + 1);
            }
            version_ = static_cast<int>(kMigrations.size());
        } catch (const SQLite::Exception& e) {
            throw translate(e, path_, "open");
        }
    }

    void write(const std::function<void(Transaction&)>& fn) override { run(fn, true); }
    void read(const std::function<void(Transaction&)>& fn) override { run(fn, false); }

    void batch(const std::function<void()>& fn) override {
        if (owner_.load() == std::this_thread::get_id()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        batch_ ? "Store::batch calls do not nest" : "Store::batch inside a transaction");
        }
        std::lock_guard lock(mu_);
        owner_.store(std::this_thread::get_id());
        struct Reset {
            SqliteStore& s;
            ~Reset() {
                s.batch_ = false;
                s.batch_orgs_.clear();
                s.owner_.store(std::thread::id());
            }
        } reset{*this};
        try {
            db_->exec("BEGIN IMMEDIATE");
        } catch (const SQLite::Exception& e) {
            throw translate(e, path_, "begin transaction");
        }
        batch_ = true;
        try {
            fn();
            db_->exec("COMMIT");
        } catch (const SQLite::Exception& e) {
            rollback();
            throw translate(e, path_, "batch");
        } catch (...) {
            rollback();
            throw;
        }
        for (auto& id : batch_orgs_) known_orgs_.insert(std::move(id));
    }

    std::vector<Organization> list_organizations() override {
        std::vector<Organization> out;
        read([&](Transaction&) {
            auto s = stmt("SELECT data FROM organizations ORDER BY created_ms, id");
            while (s->executeStep()) {
                out.push_back(parse_json(s->getColumn(0).getString(), "organization").get<Organization>());
            }
        });
        return out;
    }
    int schema_version() override { return version_; }
    std::string location() const override { return path_; }
    std::string local_file() const override {
        const bool in_memory = path_.empty() || path_ == ":memory:" || path_.rfind("file::memory:", 0) == 0 ||
                               path_.find("mode=memory") != std::string::npos;
        return in_memory ? "" : path_;
    }

    SQLite::Database& db() { return *db_; }
    const std::string& path() const { return path_; }
    std::unordered_set<std::string>& known_orgs() { return known_orgs_; }

    StmtUse stmt(const char* sql) {
        auto it = cache_.find(sql);
        if (it == cache_.end()) {
            it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
        }
        return StmtUse(*it->second);
    }
    // A statement whose text is built at run time (list filters, per-organization search tables):
    // cached by its text up to a bound, then prepared for each use.
    StmtUse stmt_text(const std::string& sql) {
        constexpr std::size_t kMaxBuilt = 256;
        if (auto it = built_.find(sql); it != built_.end()) return StmtUse(*it->second);
        auto s = std::make_unique<SQLite::Statement>(*db_, sql);
        if (built_.size() >= kMaxBuilt) return StmtUse(std::move(s));
        return StmtUse(*built_.emplace(sql, std::move(s)).first->second);
    }

private:
    struct BusyWait {
        Millis timeout{0};
        std::chrono::steady_clock::time_point since;
        std::uint64_t seed = 0x9e3779b97f4a7c15ULL;
    };
    // sqlite3_busy_handler callback: `tries` is 0 on the first call of a wait. Returns 0 (give
    // up: SQLITE_BUSY) once the wait has lasted `timeout`, else sleeps 1-4 ms and asks for a retry.
    static int on_busy(void* arg, int tries) {
        auto& w = *static_cast<BusyWait*>(arg);
        const auto now = std::chrono::steady_clock::now();
        if (tries == 0) w.since = now;
        if (now - w.since >= w.timeout) return 0;
        w.seed = w.seed * 6364136223846793005ULL + 1442695040888963407ULL;
        std::this_thread::sleep_for(std::chrono::microseconds(1000 + (w.seed >> 33) % 3000));
        return 1;
    }

    void run(const std::function<void(Transaction&)>& fn, bool writable) {
        if (batch_ && owner_.load() == std::this_thread::get_id()) return run_in_batch(fn, writable);
        if (owner_.load() == std::this_thread::get_id()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "nested Store transaction on one thread: do all the work in the outer "
                        "transaction's callback");
        }
        std::lock_guard lock(mu_);
        owner_.store(std::this_thread::get_id());
        struct ResetOwner {
            std::atomic<std::thread::id>& o;
            ~ResetOwner() { o.store(std::thread::id()); }
        } reset{owner_};
        try {
            db_->exec(writable ? "BEGIN IMMEDIATE" : "BEGIN");
        } catch (const SQLite::Exception& e) {
            throw translate(e, path_, "begin transaction");
        }
        SqliteTransaction tx(*this, writable);
        try {
            fn(tx);
            db_->exec("COMMIT");
        } catch (const SQLite::Exception& e) {
            rollback();
            throw translate(e, path_, "transaction");
        } catch (...) {
            rollback();
            throw;
        }
        for (auto& id : tx.created_orgs) known_orgs_.insert(std::move(id));
    }

    // A transaction joining the open batch: a savepoint, released on success and rolled back (alone)
    // on failure. Read-only ones run inside it too (they see the batch's uncommitted changes, as a
    // caller on this thread expects).
    void run_in_batch(const std::function<void(Transaction&)>& fn, bool writable) {
        if (in_savepoint_) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "nested Store transaction on one thread: do all the work in the outer "
                        "transaction's callback");
        }
        in_savepoint_ = true;
        struct Reset {
            bool& b;
            ~Reset() { b = false; }
        } reset{in_savepoint_};
        try {
            db_->exec("SAVEPOINT propos_batch");
        } catch (const SQLite::Exception& e) {
            throw translate(e, path_, "begin transaction");
        }
        SqliteTransaction tx(*this, writable);
        try {
            fn(tx);
            db_->exec("RELEASE propos_batch");
        } catch (const SQLite::Exception& e) {
            rollback_savepoint();
            throw translate(e, path_, "transaction");
        } catch (...) {
            rollback_savepoint();
            throw;
        }
        for (auto& id : tx.created_orgs) batch_orgs_.push_back(std::move(id));
    }

    void rollback_savepoint() noexcept {
        for (auto& [sql, s] : cache_) s->tryReset();
        for (auto& [sql, s] : built_) s->tryReset();
        try {
            db_->exec("ROLLBACK TO propos_batch");
            db_->exec("RELEASE propos_batch");
        } catch (const std::exception& e) {
            detail::logger()->error("savepoint rollback failed on '{}': {}", path_, e.what());
        }
    }

    void rollback() noexcept {
        for (auto& [sql, s] : cache_) s->tryReset();
        for (auto& [sql, s] : built_) s->tryReset();
        try {
            if (!db_->getHandle() || sqlite3_get_autocommit(db_->getHandle()) == 0) {
                db_->exec("ROLLBACK");
            }
        } catch (const std::exception& e) {
            detail::logger()->error("rollback failed on '{}': {}", path_, e.what());
        }
    }

    std::string path_;
    BusyWait busy_;  // before db_: the connection's busy handler points at it
    std::unique_ptr<SQLite::Database> db_;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> cache_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> built_;
    std::mutex mu_;
    std::atomic<std::thread::id> owner_{};
    bool batch_ = false;         // a batch is open (on the owner thread)
    bool in_savepoint_ = false;  // a transaction joined it
    std::vector<std::string> batch_orgs_;  // organizations created in the batch, known after commit
    std::unordered_set<std::string> known_orgs_;
    int version_ = 0;
};

inline StmtUse SqliteTransaction::stmt(const char* sql) { return store_.stmt(sql); }

template <class F>
auto SqliteTransaction::guarded(const char* doing, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        throw translate(e, store_.path(), doing);
    }
}

inline void SqliteTransaction::check_org(const OrgId& org) {
    if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "organization id is empty");
    if (store_.known_orgs().count(org.str())) return;
    for (const auto& c : created_orgs) {
        if (c == org.str()) return;
    }
    auto s = stmt("SELECT 1 FROM organizations WHERE id = ?");
    s->bind(1, org.str());
    if (!s->executeStep()) {
        throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
    }
    store_.known_orgs().insert(org.str());
}

}  // namespace propos::sqlite_impl

// SQLite implementation of the Store interface.
//
// One connection guarded by a mutex: transactions are serialized within a process; other processes
// are kept out by SQLite's own locking (WAL, BEGIN IMMEDIATE for writes, busy timeout).
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

namespace propos {
namespace {

using sqlite_schema::kApplicationId;
using sqlite_schema::kMigrations;

std::int64_t ms(Timestamp t) { return to_unix_millis(t); }

// ---- search: the per-organization FTS5 tables (schema v6; issue 19, backlog and size) ----

std::string fts_name(std::int64_t n) { return "search_fts_" + std::to_string(n); }

// An organization's keyword index: an external-content FTS5 table over search_docs (the text is
// stored once, in search_docs; the FTS5 table keeps only its index) with two columns, the text and
// the document's kind, so a search restricted to kinds walks only their documents. Rows are
// written and deleted by hand (never 'rebuild': search_docs holds every organization's
// documents); a delete passes the values that were indexed. Porter stemming over unicode61
// ("leaking" finds "leak"); diacritics folded ("café" = "cafe").
std::string create_fts_sql(std::int64_t n) {
    return "CREATE VIRTUAL TABLE IF NOT EXISTS " + fts_name(n) +
           " USING fts5(text, kind, content = 'search_docs', content_rowid = 'doc_id', "
           "tokenize = 'porter unicode61 remove_diacritics 2')";
}

// Schema v6: every organization's FTS5 table of the older layout (its own copy of the text, no
// kind column) is replaced by the external-content one and refilled from its live documents.
// Runs inside the migration's transaction.
void migrate_search_fts(SQLite::Database& db) {
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

Error translate(const SQLite::Exception& e, const std::string& location, std::string_view doing) {
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

const char* sync_pragma(Synchronous s) {
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

Job read_job(SQLite::Statement& s) {
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

AuditEvent read_audit(SQLite::Statement& s) {
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
    AuditEvent append_audit(const OrgId& org, AuditEvent event) override;
    std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq,
                                       std::size_t limit) override;
    std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                           std::string_view entity_id) override;
    AuditVerification verify_audit(const OrgId& org) override;
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

StmtUse SqliteTransaction::stmt(const char* sql) { return store_.stmt(sql); }

template <class F>
auto SqliteTransaction::guarded(const char* doing, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        throw translate(e, store_.path(), doing);
    }
}

void SqliteTransaction::check_org(const OrgId& org) {
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

void SqliteTransaction::put_organization(const Organization& org) {
    require_writable("put_organization");
    if (org.id.empty()) throw Error(ErrorCode::kInvalidArgument, "organization has an empty id");
    if (org.name.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "organization '" + org.id.str() + "' has an empty name");
    }
    guarded("put organization", [&] {
        auto s = stmt(
            "INSERT INTO organizations (id, name, created_ms, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, data = excluded.data");
        s->bind(1, org.id.str());
        s->bind(2, org.name);
        s->bind(3, static_cast<int64_t>(ms(org.created_at)));
        s->bind(4, canonical_json(Json(org)));
        s->exec();
    });
    created_orgs.push_back(org.id.str());
}

std::optional<Organization> SqliteTransaction::find_organization(const OrgId& org) {
    return guarded("find organization", [&]() -> std::optional<Organization> {
        auto s = stmt("SELECT data FROM organizations WHERE id = ?");
        s->bind(1, org.str());
        if (!s->executeStep()) return std::nullopt;
        return parse_json(s->getColumn(0).getString(), "organization").get<Organization>();
    });
}

void SqliteTransaction::put_record(const OrgId& org, std::string_view kind, const std::string& id,
                                   const RecordKeys& keys, const std::string& json) {
    require_writable("put");
    check_org(org);
    guarded("put record", [&] {
        // Most puts rewrite a record whose keys did not change (a work order's history, an agent
        // run's next step): then only the data is updated, in place, and none of the five indexes
        // is touched. INSERT OR REPLACE would delete and re-insert the row and every index entry.
        {
            auto u = stmt(
                "UPDATE records SET data = ? WHERE org_id = ? AND kind = ? AND id = ? AND "
                "parent = ? AND status = ? AND lookup = ? AND alt_lookup = ? AND time_ms = ? AND "
                "ref = ?");
            u->bindNoCopy(1, json);
            u->bindNoCopy(2, org.str());
            u->bind(3, std::string(kind));
            u->bindNoCopy(4, id);
            u->bindNoCopy(5, keys.parent);
            u->bindNoCopy(6, keys.status);
            u->bindNoCopy(7, keys.lookup);
            u->bindNoCopy(8, keys.alt_lookup);
            u->bind(9, static_cast<int64_t>(keys.time_ms));
            u->bindNoCopy(10, keys.ref);
            if (u->exec() > 0) return;
        }
        auto s = stmt(
            "INSERT OR REPLACE INTO records (org_id, kind, id, parent, status, lookup, alt_lookup, "
            "time_ms, data, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        s->bindNoCopy(4, keys.parent);
        s->bindNoCopy(5, keys.status);
        s->bindNoCopy(6, keys.lookup);
        s->bindNoCopy(7, keys.alt_lookup);
        s->bind(8, static_cast<int64_t>(keys.time_ms));
        s->bindNoCopy(9, json);
        s->bindNoCopy(10, keys.ref);
        s->exec();
    });
}

std::optional<std::string> SqliteTransaction::find_record(const OrgId& org, std::string_view kind,
                                                          const std::string& id) {
    check_org(org);
    return guarded("find record", [&]() -> std::optional<std::string> {
        auto s = stmt("SELECT data FROM records WHERE org_id = ? AND kind = ? AND id = ?");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        if (!s->executeStep()) return std::nullopt;
        return s->getColumn(0).getString();
    });
}

using sqlite_sql::bind_list;
using sqlite_sql::list_sql;

std::vector<std::string> SqliteTransaction::list_records(const OrgId& org, std::string_view kind,
                                                         const ListOptions& options) {
    check_org(org);
    return guarded("list records", [&] {
        auto s = store_.stmt_text(list_sql("data", options, true));
        bind_list(*s, org, std::string(kind), options, true);
        std::vector<std::string> out;
        while (s->executeStep()) out.push_back(s->getColumn(0).getString());
        return out;
    });
}

std::int64_t SqliteTransaction::count_records(const OrgId& org, std::string_view kind,
                                              const ListOptions& options) {
    check_org(org);
    return guarded("count records", [&] {
        auto s = store_.stmt_text(list_sql("count(*)", options, false));
        bind_list(*s, org, std::string(kind), options, false);
        s->executeStep();
        return s->getColumn(0).getInt64();
    });
}

namespace {
void check_field_name(const std::string& field) {
    const bool plain = !field.empty() && std::all_of(field.begin(), field.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_';
    });
    if (!plain) {
        throw Error(ErrorCode::kInvalidArgument,
                    "count_by: field '" + field + "' is not a plain field name ([A-Za-z0-9_]+)");
    }
}
}  // namespace

std::map<std::string, std::int64_t> SqliteTransaction::count_records_by(const OrgId& org,
                                                                        std::string_view kind,
                                                                        const std::string& field,
                                                                        const ListOptions& options) {
    check_field_name(field);
    check_org(org);
    return guarded("count records", [&] {
        // The field name is checked above, so it can be part of the JSON path literal.
        const std::string value = "json_extract(data, '$." + field + "')";
        auto s = store_.stmt_text(list_sql(value + ", count(*)", options, false) +
                                  " AND " + value + " IS NOT NULL GROUP BY 1");
        bind_list(*s, org, std::string(kind), options, false);
        std::map<std::string, std::int64_t> out;
        while (s->executeStep()) out[s->getColumn(0).getString()] = s->getColumn(1).getInt64();
        return out;
    });
}

std::map<std::string, std::int64_t> SqliteTransaction::count_records_by_ref(
    const OrgId& org, std::string_view kind, const ListOptions& options) {
    check_org(org);
    return guarded("count records", [&] {
        // Only records with a ref are in records_by_ref: the condition is spelled as in the index.
        auto s = store_.stmt_text(list_sql("ref, count(*)", options, false) +
                                  " AND ref <> '' GROUP BY ref");
        bind_list(*s, org, std::string(kind), options, false);
        std::map<std::string, std::int64_t> out;
        while (s->executeStep()) out.emplace(s->getColumn(0).getString(), s->getColumn(1).getInt64());
        return out;
    });
}

bool SqliteTransaction::erase_record(const OrgId& org, std::string_view kind, const std::string& id) {
    require_writable("erase");
    check_org(org);
    return guarded("erase record", [&] {
        auto s = stmt("DELETE FROM records WHERE org_id = ? AND kind = ? AND id = ?");
        s->bind(1, org.str());
        s->bind(2, std::string(kind));
        s->bind(3, id);
        const bool existed = s->exec() > 0;
        auto parts = stmt("DELETE FROM record_parts WHERE org_id = ? AND kind = ? AND id = ?");
        parts->bind(1, org.str());
        parts->bind(2, std::string(kind));
        parts->bind(3, id);
        parts->exec();
        return existed;
    });
}

void SqliteTransaction::put_record_part(const OrgId& org, std::string_view kind,
                                        const std::string& id, std::int64_t part,
                                        const std::string& json) {
    require_writable("put record part");
    check_org(org);
    if (part < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "record part number must not be negative (got " + std::to_string(part) + ")");
    }
    guarded("put record part", [&] {
        auto s = stmt(
            "INSERT INTO record_parts (org_id, kind, id, part, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(org_id, kind, id, part) DO UPDATE SET data = excluded.data");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        s->bind(4, static_cast<int64_t>(part));
        s->bindNoCopy(5, json);
        s->exec();
    });
}

std::vector<std::pair<std::int64_t, std::string>> SqliteTransaction::list_record_parts(
    const OrgId& org, std::string_view kind, const std::string& id) {
    check_org(org);
    return guarded("list record parts", [&] {
        auto s = stmt(
            "SELECT part, data FROM record_parts WHERE org_id = ? AND kind = ? AND id = ? "
            "ORDER BY part");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        std::vector<std::pair<std::int64_t, std::string>> out;
        while (s->executeStep()) {
            out.emplace_back(s->getColumn(0).getInt64(), s->getColumn(1).getString());
        }
        return out;
    });
}

std::int64_t SqliteTransaction::store_raw_payload(const OrgId& org, std::string_view source,
                                                  std::string_view content_type,
                                                  std::string_view body, Timestamp at) {
    require_writable("store_raw_payload");
    check_org(org);
    return guarded("store raw payload", [&] {
        auto s = stmt(
            "INSERT INTO raw_payloads (org_id, source, content_type, body, received_ms) "
            "VALUES (?, ?, ?, ?, ?)");
        s->bind(1, org.str());
        s->bind(2, std::string(source));
        s->bind(3, std::string(content_type));
        s->bind(4, body.data(), static_cast<int>(body.size()));
        s->bind(5, static_cast<int64_t>(ms(at)));
        s->exec();
        return static_cast<std::int64_t>(store_.db().getLastInsertRowid());
    });
}

void SqliteTransaction::set_raw_payload_status(const OrgId& org, std::int64_t id,
                                               std::string_view status, std::string_view error) {
    require_writable("set_raw_payload_status");
    check_org(org);
    if (status != "received" && status != "processed" && status != "dead") {
        throw Error(ErrorCode::kInvalidArgument,
                    "raw payload status must be received, processed or dead, not '" +
                        std::string(status) + "'");
    }
    guarded("update raw payload", [&] {
        auto s = stmt("UPDATE raw_payloads SET status = ?, error = ? WHERE org_id = ? AND id = ?");
        s->bind(1, std::string(status));
        s->bind(2, std::string(error));
        s->bind(3, org.str());
        s->bind(4, static_cast<int64_t>(id));
        if (s->exec() == 0) {
            throw Error(ErrorCode::kNotFound, "raw payload " + std::to_string(id) +
                                                  " not found in organization '" + org.str() + "'");
        }
    });
}

namespace {

RawPayload raw_payload_from_row(SQLite::Statement& s, bool with_body) {
    RawPayload p;
    p.id = s.getColumn(0).getInt64();
    p.source = s.getColumn(1).getString();
    p.content_type = s.getColumn(2).getString();
    if (with_body) {
        const auto& c = s.getColumn(3);
        p.body.assign(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
    }
    p.received_at = from_unix_millis(s.getColumn(4).getInt64());
    p.status = s.getColumn(5).getString();
    p.error = s.getColumn(6).getString();
    return p;
}

}  // namespace

std::vector<RawPayload> SqliteTransaction::query_raw_payloads(const OrgId& org,
                                                              const RawPayloadQuery& query) {
    check_org(org);
    return guarded("list raw payloads", [&] {
        // Without bodies the body column is not read at all (a NULL in its place).
        std::string sql = std::string("SELECT id, source, content_type, ") +
                          (query.with_bodies ? "body" : "NULL") +
                          ", received_ms, status, error FROM raw_payloads WHERE org_id = ?";
        if (!query.status.empty()) sql += " AND status = ?";
        if (query.after_id > 0) sql += " AND id > ?";
        if (!query.sources.empty()) {
            sql += " AND source IN (";
            for (std::size_t i = 0; i < query.sources.size(); ++i) sql += i ? ", ?" : "?";
            sql += ")";
        }
        sql += " ORDER BY id";
        if (query.limit > 0) sql += " LIMIT " + std::to_string(query.limit);
        SQLite::Statement s(store_.db(), sql);
        int n = 0;
        s.bind(++n, org.str());
        if (!query.status.empty()) s.bind(++n, query.status);
        if (query.after_id > 0) s.bind(++n, static_cast<int64_t>(query.after_id));
        for (const auto& source : query.sources) s.bind(++n, source);
        std::vector<RawPayload> out;
        while (s.executeStep()) out.push_back(raw_payload_from_row(s, query.with_bodies));
        return out;
    });
}

std::optional<RawPayload> SqliteTransaction::find_raw_payload(const OrgId& org, std::int64_t id) {
    check_org(org);
    return guarded("find raw payload", [&]() -> std::optional<RawPayload> {
        auto s = stmt(
            "SELECT id, source, content_type, body, received_ms, status, error FROM raw_payloads "
            "WHERE org_id = ? AND id = ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(id));
        if (!s->executeStep()) return std::nullopt;
        return raw_payload_from_row(*s, true);
    });
}

AuditEvent SqliteTransaction::append_audit(const OrgId& org, AuditEvent event) {
    require_writable("append_audit");
    check_org(org);
    if (event.action.empty()) throw Error(ErrorCode::kInvalidArgument, "audit event has no action");
    if (event.actor.empty()) throw Error(ErrorCode::kInvalidArgument, "audit event has no actor");
    return guarded("append audit event", [&] {
        {
            auto head = stmt("SELECT seq, hash FROM audit_heads WHERE org_id = ?");
            head->bind(1, org.str());
            if (head->executeStep()) {
                event.seq = head->getColumn(0).getInt64() + 1;
                event.prev_hash = head->getColumn(1).getString();
            } else {
                event.seq = 1;
                event.prev_hash = AuditLog::genesis_hash();
            }
        }
        const std::string data = canonical_json(event.data);
        event.hash = AuditLog::compute_hash(org, event, data);
        auto s = stmt(
            "INSERT INTO audit_events (org_id, seq, at_ms, actor, action, entity_kind, entity_id, "
            "correlation_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s->bindNoCopy(1, org.str());
        s->bind(2, static_cast<int64_t>(event.seq));
        s->bind(3, static_cast<int64_t>(ms(event.at)));
        s->bindNoCopy(4, event.actor);
        s->bindNoCopy(5, event.action);
        s->bindNoCopy(6, event.entity_kind);
        s->bindNoCopy(7, event.entity_id);
        s->bindNoCopy(8, event.correlation_id);
        s->bindNoCopy(9, data);
        s->bindNoCopy(10, event.prev_hash);
        s->bindNoCopy(11, event.hash);
        s->exec();
        auto h = stmt(
            "INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, ?, ?) "
            "ON CONFLICT(org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
        h->bindNoCopy(1, org.str());
        h->bind(2, static_cast<int64_t>(event.seq));
        h->bindNoCopy(3, event.hash);
        h->exec();
        return event;
    });
}

std::vector<AuditEvent> SqliteTransaction::list_audit(const OrgId& org, std::int64_t after_seq,
                                                      std::size_t limit) {
    check_org(org);
    return guarded("list audit events", [&] {
        auto s = stmt(
            "SELECT seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, "
            "prev_hash, hash FROM audit_events WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(after_seq));
        s->bind(3, limit > 0 ? static_cast<int64_t>(limit) : static_cast<int64_t>(-1));
        std::vector<AuditEvent> out;
        while (s->executeStep()) out.push_back(read_audit(*s));
        return out;
    });
}

std::vector<AuditEvent> SqliteTransaction::list_audit_for(const OrgId& org,
                                                          std::string_view entity_kind,
                                                          std::string_view entity_id) {
    check_org(org);
    return guarded("list audit events", [&] {
        auto s = stmt(
            "SELECT seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, "
            "prev_hash, hash FROM audit_events WHERE org_id = ? AND entity_kind = ? AND "
            "entity_id = ? ORDER BY seq");
        s->bind(1, org.str());
        s->bind(2, std::string(entity_kind));
        s->bind(3, std::string(entity_id));
        std::vector<AuditEvent> out;
        while (s->executeStep()) out.push_back(read_audit(*s));
        return out;
    });
}

AuditVerification SqliteTransaction::verify_audit(const OrgId& org) {
    check_org(org);
    return guarded("verify audit log", [&] {
        AuditVerification r;
        auto fail = [&](std::int64_t seq, std::string problem) {
            r.ok = false;
            r.first_bad_seq = seq;
            r.problem = std::move(problem);
        };
        std::string prev = AuditLog::genesis_hash();
        std::int64_t expected = 1;
        {
            auto s = stmt(
                "SELECT seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, "
                "prev_hash, hash FROM audit_events WHERE org_id = ? ORDER BY seq");
            s->bind(1, org.str());
            while (s->executeStep()) {
                AuditEvent e = read_audit(*s);
                ++r.entries;
                const auto n = std::to_string(e.seq);
                if (e.seq != expected) {
                    fail(expected, "entry " + std::to_string(expected) +
                                       " is missing (deleted?): the next entry is " + n);
                    return r;
                }
                if (e.prev_hash != prev) {
                    fail(e.seq, "entry " + n +
                                    " does not follow entry " + std::to_string(e.seq - 1) +
                                    " (its prev_hash does not match): entries were deleted, "
                                    "inserted or reordered");
                    return r;
                }
                if (AuditLog::compute_hash(org, e) != e.hash) {
                    fail(e.seq, "entry " + n + " (" + e.action +
                                    ") was edited: its content does not match its hash");
                    return r;
                }
                prev = e.hash;
                ++expected;
            }
        }
        auto h = stmt("SELECT seq, hash FROM audit_heads WHERE org_id = ?");
        h->bind(1, org.str());
        const std::int64_t last = expected - 1;
        if (h->executeStep()) {
            const auto head_seq = h->getColumn(0).getInt64();
            if (head_seq > last) {
                fail(last + 1, "the log ends at entry " + std::to_string(last) + " but " +
                                   std::to_string(head_seq) +
                                   " entries were written: entries at the end were deleted");
            } else if (head_seq < last) {
                fail(head_seq + 1, "entries " + std::to_string(head_seq + 1) + "-" +
                                       std::to_string(last) +
                                       " were appended after the recorded head (entry " +
                                       std::to_string(head_seq) +
                                       "): written to the database outside PropOS");
            } else if (h->getColumn(1).getString() != prev) {
                fail(last, "the last entry " + std::to_string(last) +
                               " does not match the recorded head hash: it was replaced");
            }
        } else if (last > 0) {
            fail(1, "the audit head record is missing although the log has entries");
        }
        return r;
    });
}

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
            throw Error(ErrorCode::kFailedPrecondition,
                        "job " + job.id.str() + " (" + job.type +
                            ") is no longer leased to this worker: its lease expired and it was "
                            "reclaimed, or it already finished");
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
            throw Error(ErrorCode::kFailedPrecondition,
                        "job " + job.id.str() + " (" + job.type +
                            ") is no longer leased to this worker; " + otherwise);
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

namespace {
void add_job_count(JobCounts& c, const std::string& state, std::int64_t n) {
    if (state == "pending") c.pending = n;
    else if (state == "running") c.running = n;
    else if (state == "done") c.done = n;
    else if (state == "dead") c.dead = n;
}
}  // namespace

JobCounts SqliteTransaction::count_jobs(const OrgId& org) {
    check_org(org);
    return guarded("count jobs", [&] {
        auto s = stmt("SELECT state, count(*) FROM jobs WHERE org_id = ? GROUP BY state");
        s->bind(1, org.str());
        JobCounts c;
        while (s->executeStep()) add_job_count(c, s->getColumn(0).getString(), s->getColumn(1).getInt64());
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
            add_job_count(out[s->getColumn(0).getString()], s->getColumn(1).getString(),
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
    check_org(org);
    return guarded("list schedules", [&] {
        auto s = stmt(
            "SELECT name, cron, job, next_run_ms FROM schedules WHERE org_id = ? ORDER BY "
            "next_run_ms, name");
        s->bind(1, org.str());
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

// ---- search documents ----

namespace {


SearchDocument read_search_doc(SQLite::Statement& s, bool with_embedding) {
    SearchDocument d;
    d.doc_id = s.getColumn(0).getInt64();
    d.seq = s.getColumn(1).getInt64();
    d.kind = s.getColumn(2).getString();
    d.entity_id = s.getColumn(3).getString();
    d.property_id = s.getColumn(4).getString();
    d.unit_id = s.getColumn(5).getString();
    d.at = from_unix_millis(s.getColumn(6).getInt64());
    d.text = s.getColumn(7).getString();
    if (with_embedding) {
        const auto& c = s.getColumn(8);
        if (!c.isNull()) {
            const auto bytes = static_cast<std::size_t>(c.getBytes());
            if (bytes % sizeof(float) != 0) {
                throw Error(ErrorCode::kCorrupt, "search document " + std::to_string(d.doc_id) +
                                                     " has a damaged embedding (" +
                                                     std::to_string(bytes) + " bytes)");
            }
            d.embedding.resize(bytes / sizeof(float));
            if (bytes > 0) std::memcpy(d.embedding.data(), c.getBlob(), bytes);
        }
    }
    d.deleted = s.getColumn(9).getInt() != 0;
    return d;
}

// " AND ..." for the filter's set fields, over the search_docs alias `d`; bound in this order.
std::string search_filter_sql(const SearchFilter& f) {
    std::string sql;
    if (!f.kinds.empty()) {
        sql += " AND d.kind IN (";
        for (std::size_t i = 0; i < f.kinds.size(); ++i) sql += i ? ", ?" : "?";
        sql += ")";
    }
    if (!f.property_id.empty()) sql += " AND d.property_id = ?";
    if (!f.unit_id.empty()) sql += " AND d.unit_id = ?";
    if (f.from) sql += " AND d.at_ms >= ?";
    if (f.until) sql += " AND d.at_ms < ?";
    return sql;
}
int bind_search_filter(SQLite::Statement& s, int i, const SearchFilter& f) {
    for (const auto& k : f.kinds) s.bind(i++, k);
    if (!f.property_id.empty()) s.bind(i++, f.property_id);
    if (!f.unit_id.empty()) s.bind(i++, f.unit_id);
    if (f.from) s.bind(i++, static_cast<int64_t>(ms(*f.from)));
    if (f.until) s.bind(i++, static_cast<int64_t>(ms(*f.until)));
    return i;
}

void bind_embedding(SQLite::Statement& s, int i, const std::vector<float>& e) {
    if (e.empty()) {
        s.bind(i);
    } else {
        s.bind(i, e.data(), static_cast<int>(e.size() * sizeof(float)));
    }
}

}  // namespace

std::optional<std::int64_t> SqliteTransaction::search_fts_table(const OrgId& org) {
    auto s = stmt("SELECT fts_table FROM search_orgs WHERE org_id = ?");
    s->bind(1, org.str());
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getInt64();
}

std::int64_t SqliteTransaction::ensure_search_org(const OrgId& org) {
    if (auto n = search_fts_table(org)) return *n;
    std::int64_t n = 0;
    {
        auto s = stmt(
            "INSERT INTO search_orgs (org_id, fts_table, seq) "
            "SELECT ?, COALESCE(MAX(fts_table), 0) + 1, 0 FROM search_orgs RETURNING fts_table");
        s->bind(1, org.str());
        s->executeStep();
        n = s->getColumn(0).getInt64();
    }
    store_.db().exec(create_fts_sql(n));
    return n;
}

void SqliteTransaction::fts_delete(std::int64_t n, std::int64_t doc_id, const std::string& text,
                                   const std::string& kind) {
    const auto t = fts_name(n);
    auto d = store_.stmt_text("INSERT INTO " + t + " (" + t + ", rowid, text, kind) VALUES ('delete', ?, ?, ?)");
    d->bind(1, static_cast<int64_t>(doc_id));
    d->bind(2, text);
    d->bind(3, kind);
    d->exec();
}

std::int64_t SqliteTransaction::next_search_seq(const OrgId& org) {
    auto s = stmt("UPDATE search_orgs SET seq = seq + 1 WHERE org_id = ? RETURNING seq");
    s->bind(1, org.str());
    if (!s->executeStep()) {
        throw Error(ErrorCode::kInternal, "organization '" + org.str() + "' is not registered for search");
    }
    return s->getColumn(0).getInt64();
}

SearchDocument SqliteTransaction::put_search_document(const OrgId& org, const SearchDocument& doc) {
    require_writable("put_search_document");
    check_org(org);
    if (doc.kind.empty() || doc.entity_id.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "search document needs a kind and an entity id (got '" +
                                                     doc.kind + "', '" + doc.entity_id + "')");
    }
    return guarded("put search document", [&] {
        const std::int64_t n = ensure_search_org(org);
        SearchDocument out = doc;
        out.deleted = false;
        out.seq = next_search_seq(org);
        std::optional<std::int64_t> existing;
        bool was_live = false;
        std::string old_text;  // what the keyword index holds for it (external content, v6)
        {
            auto q = stmt(
                "SELECT doc_id, deleted, text FROM search_docs WHERE org_id = ? AND kind = ? AND "
                "entity_id = ?");
            q->bind(1, org.str());
            q->bind(2, doc.kind);
            q->bind(3, doc.entity_id);
            if (q->executeStep()) {
                existing = q->getColumn(0).getInt64();
                was_live = q->getColumn(1).getInt() == 0;
                old_text = q->getColumn(2).getString();
            }
        }
        if (existing) {
            out.doc_id = *existing;
            if (was_live) fts_delete(n, out.doc_id, old_text, doc.kind);
            auto u = stmt(
                "UPDATE search_docs SET property_id = ?, unit_id = ?, at_ms = ?, text = ?, "
                "embedding = ?, seq = ?, deleted = 0 WHERE doc_id = ?");
            u->bind(1, doc.property_id);
            u->bind(2, doc.unit_id);
            u->bind(3, static_cast<int64_t>(ms(doc.at)));
            u->bind(4, doc.text);
            bind_embedding(*u, 5, doc.embedding);
            u->bind(6, static_cast<int64_t>(out.seq));
            u->bind(7, static_cast<int64_t>(out.doc_id));
            u->exec();
        } else {
            auto i = stmt(
                "INSERT INTO search_docs (org_id, kind, entity_id, property_id, unit_id, at_ms, text, "
                "embedding, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            i->bind(1, org.str());
            i->bind(2, doc.kind);
            i->bind(3, doc.entity_id);
            i->bind(4, doc.property_id);
            i->bind(5, doc.unit_id);
            i->bind(6, static_cast<int64_t>(ms(doc.at)));
            i->bind(7, doc.text);
            bind_embedding(*i, 8, doc.embedding);
            i->bind(9, static_cast<int64_t>(out.seq));
            i->exec();
            out.doc_id = store_.db().getLastInsertRowid();
        }
        auto f = store_.stmt_text("INSERT INTO " + fts_name(n) + " (rowid, text, kind) VALUES (?, ?, ?)");
        f->bind(1, static_cast<int64_t>(out.doc_id));
        f->bind(2, doc.text);
        f->bind(3, doc.kind);
        f->exec();
        return out;
    });
}

std::optional<SearchDocument> SqliteTransaction::erase_search_document(const OrgId& org,
                                                                       std::string_view kind,
                                                                       std::string_view entity_id) {
    require_writable("erase_search_document");
    check_org(org);
    return guarded("erase search document", [&]() -> std::optional<SearchDocument> {
        const auto n = search_fts_table(org);
        if (!n) return std::nullopt;
        SearchDocument t;
        {
            auto q = stmt(
                "SELECT doc_id, text FROM search_docs WHERE org_id = ? AND kind = ? AND entity_id = ? AND "
                "deleted = 0");
            q->bind(1, org.str());
            q->bind(2, std::string(kind));
            q->bind(3, std::string(entity_id));
            if (!q->executeStep()) return std::nullopt;
            t.doc_id = q->getColumn(0).getInt64();
            t.text = q->getColumn(1).getString();
        }
        t.kind = std::string(kind);
        t.entity_id = std::string(entity_id);
        t.deleted = true;
        t.seq = next_search_seq(org);
        fts_delete(*n, t.doc_id, t.text, t.kind);
        t.text.clear();
        auto u = stmt(
            "UPDATE search_docs SET deleted = 1, text = '', embedding = NULL, seq = ? WHERE doc_id = ?");
        u->bind(1, static_cast<int64_t>(t.seq));
        u->bind(2, static_cast<int64_t>(t.doc_id));
        u->exec();
        return t;
    });
}

std::optional<SearchDocument> SqliteTransaction::find_search_document(const OrgId& org,
                                                                      std::string_view kind,
                                                                      std::string_view entity_id) {
    check_org(org);
    return guarded("find search document", [&]() -> std::optional<SearchDocument> {
        auto s = stmt(
            "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
            "deleted FROM search_docs WHERE org_id = ? AND kind = ? AND entity_id = ? AND deleted = 0");
        s->bind(1, org.str());
        s->bind(2, std::string(kind));
        s->bind(3, std::string(entity_id));
        if (!s->executeStep()) return std::nullopt;
        return read_search_doc(*s, true);
    });
}

std::vector<SearchDocument> SqliteTransaction::get_search_documents(
    const OrgId& org, const std::vector<std::int64_t>& doc_ids, bool with_embeddings) {
    check_org(org);
    return guarded("get search documents", [&] {
        std::vector<SearchDocument> out;
        out.reserve(doc_ids.size());
        for (const auto id : doc_ids) {
            auto s = stmt(
                "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
                "deleted FROM search_docs WHERE doc_id = ? AND org_id = ? AND deleted = 0");
            s->bind(1, static_cast<int64_t>(id));
            s->bind(2, org.str());
            if (s->executeStep()) out.push_back(read_search_doc(*s, with_embeddings));
        }
        return out;
    });
}

std::vector<SearchDocument> SqliteTransaction::list_search_changes(const OrgId& org,
                                                                   std::int64_t after_seq,
                                                                   std::size_t limit) {
    check_org(org);
    return guarded("list search changes", [&] {
        auto s = stmt(
            "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
            "deleted FROM search_docs WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(after_seq));
        s->bind(3, limit > 0 ? static_cast<int64_t>(limit) : static_cast<int64_t>(-1));
        std::vector<SearchDocument> out;
        while (s->executeStep()) out.push_back(read_search_doc(*s, true));
        return out;
    });
}

std::vector<std::int64_t> SqliteTransaction::filter_search_documents(const OrgId& org,
                                                                     const SearchFilter& filter) {
    check_org(org);
    return guarded("filter search documents", [&] {
        // Named index (schema v5): without statistics for search_docs the planner may take
        // search_docs_by_entity and read every document's row for its property and time.
        auto s = store_.stmt_text(
            "SELECT d.doc_id FROM search_docs d INDEXED BY search_docs_by_filter "
            "WHERE d.org_id = ? AND d.deleted = 0" +
            search_filter_sql(filter) + " ORDER BY d.doc_id");
        s->bind(1, org.str());
        bind_search_filter(*s, 2, filter);
        std::vector<std::int64_t> out;
        while (s->executeStep()) out.push_back(s->getColumn(0).getInt64());
        return out;
    });
}

std::vector<KeywordHit> SqliteTransaction::keyword_search(const OrgId& org,
                                                          const std::vector<std::string>& terms,
                                                          const SearchFilter& filter,
                                                          std::size_t limit) {
    check_org(org);
    return guarded("keyword search", [&] {
        std::vector<KeywordHit> out;
        // Each term becomes an FTS5 string ("..." with quotes doubled): no operator or column
        // syntax in the input can reach the query parser.
        std::string match;
        for (const auto& t : terms) {
            if (t.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            std::string quoted = "\"";
            for (char c : t) {
                quoted += c;
                if (c == '"') quoted += '"';
            }
            quoted += '"';
            if (!match.empty()) match += " OR ";
            match += quoted;
        }
        if (match.empty() || limit == 0) return out;
        const auto n = search_fts_table(org);
        if (!n) return out;
        const std::string t = fts_name(*n);
        // The terms match the text column only. Kinds asked for are matched in the index's kind
        // column (schema v6): FTS5 then seeks through the terms' lists to those kinds' documents
        // instead of ranking every message of a large backlog (the precedent search of each new
        // message asks for work orders only).
        match = "text : (" + match + ")";
        if (!filter.kinds.empty()) {
            std::string kinds;
            for (const auto& k : filter.kinds) {
                std::string quoted = "\"";
                for (char c : k) {
                    quoted += c;
                    if (c == '"') quoted += '"';
                }
                kinds += (kinds.empty() ? "" : " OR ") + quoted + "\"";
            }
            match = "kind : (" + kinds + ") AND " + match;
        }
        // Every match is checked against the covering index of live documents (schema v5), not
        // the document's row; CROSS JOIN keeps the FTS5 table the outer loop. The kind column
        // weighs nothing in the ranking.
        auto s = store_.stmt_text("SELECT d.doc_id, bm25(" + t + ", 1.0, 0.0) AS r FROM " + t +
                                  " CROSS JOIN search_docs d INDEXED BY search_docs_live"
                                  " ON d.doc_id = " + t + ".rowid WHERE " + t +
                                  " MATCH ? AND d.org_id = ? AND d.deleted = 0" +
                                  search_filter_sql(filter) + " ORDER BY r, d.doc_id LIMIT ?");
        s->bind(1, match);
        s->bind(2, org.str());
        const int i = bind_search_filter(*s, 3, filter);
        s->bind(i, static_cast<int64_t>(limit));
        while (s->executeStep()) {
            out.push_back(KeywordHit{s->getColumn(0).getInt64(), -s->getColumn(1).getDouble()});
        }
        return out;
    });
}

SearchDocStats SqliteTransaction::search_document_stats(const OrgId& org) {
    check_org(org);
    return guarded("search document stats", [&] {
        SearchDocStats st;
        {
            auto s = stmt(
                "SELECT kind, deleted, count(*) FROM search_docs WHERE org_id = ? GROUP BY kind, "
                "deleted ORDER BY kind");
            s->bind(1, org.str());
            while (s->executeStep()) {
                const auto n = s->getColumn(2).getInt64();
                if (s->getColumn(1).getInt() != 0) {
                    st.tombstones += n;
                } else {
                    st.live += n;
                    st.live_by_kind.emplace_back(s->getColumn(0).getString(), n);
                }
            }
        }
        auto q = stmt("SELECT seq FROM search_orgs WHERE org_id = ?");
        q->bind(1, org.str());
        if (q->executeStep()) st.seq = q->getColumn(0).getInt64();
        return st;
    });
}

std::int64_t SqliteTransaction::clear_search_documents(const OrgId& org) {
    require_writable("clear_search_documents");
    check_org(org);
    return guarded("clear search documents", [&] {
        const std::int64_t n = ensure_search_org(org);
        auto s = stmt("DELETE FROM search_docs WHERE org_id = ?");
        s->bind(1, org.str());
        const std::int64_t removed = s->exec();
        store_.db().exec("INSERT INTO " + fts_name(n) + " (" + fts_name(n) + ") VALUES ('delete-all')");
        next_search_seq(org);
        return removed;
    });
}

std::int64_t SqliteTransaction::purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq) {
    require_writable("purge_search_tombstones");
    check_org(org);
    return guarded("purge search tombstones", [&] {
        auto s = stmt("DELETE FROM search_docs WHERE org_id = ? AND deleted = 1 AND seq <= ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(up_to_seq));
        return static_cast<std::int64_t>(s->exec());
    });
}

std::optional<std::string> SqliteTransaction::get_search_meta(const OrgId& org, std::string_view key) {
    check_org(org);
    return guarded("get search metadata", [&]() -> std::optional<std::string> {
        auto s = stmt("SELECT value FROM search_meta WHERE org_id = ? AND key = ?");
        s->bind(1, org.str());
        s->bind(2, std::string(key));
        if (!s->executeStep()) return std::nullopt;
        return s->getColumn(0).getString();
    });
}

void SqliteTransaction::put_search_meta(const OrgId& org, std::string_view key, std::string_view value) {
    require_writable("put_search_meta");
    check_org(org);
    if (key.empty()) throw Error(ErrorCode::kInvalidArgument, "search metadata key is empty");
    guarded("put search metadata", [&] {
        auto s = stmt(
            "INSERT INTO search_meta (org_id, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(org_id, key) DO UPDATE SET value = excluded.value");
        s->bind(1, org.str());
        s->bind(2, std::string(key));
        s->bind(3, std::string(value));
        s->exec();
    });
}

}  // namespace

Organization Transaction::require_organization(const OrgId& org) {

    auto o = find_organization(org);
    if (!o) throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
    return *o;
}

namespace {
[[noreturn]] void search_unsupported(const char* op) {
    throw Error(ErrorCode::kFailedPrecondition,
                std::string("this store does not support search documents (") + op +
                    "); use open_sqlite_store() or implement the search methods of Transaction");
}
}  // namespace

SearchDocument Transaction::put_search_document(const OrgId&, const SearchDocument&) {
    search_unsupported("put_search_document");
}
std::optional<SearchDocument> Transaction::erase_search_document(const OrgId&, std::string_view,
                                                                 std::string_view) {
    search_unsupported("erase_search_document");
}
std::optional<SearchDocument> Transaction::find_search_document(const OrgId&, std::string_view,
                                                                std::string_view) {
    search_unsupported("find_search_document");
}
std::vector<SearchDocument> Transaction::get_search_documents(const OrgId&,
                                                              const std::vector<std::int64_t>&, bool) {
    search_unsupported("get_search_documents");
}
std::vector<SearchDocument> Transaction::list_search_changes(const OrgId&, std::int64_t, std::size_t) {
    search_unsupported("list_search_changes");
}
std::vector<std::int64_t> Transaction::filter_search_documents(const OrgId&, const SearchFilter&) {
    search_unsupported("filter_search_documents");
}
std::vector<KeywordHit> Transaction::keyword_search(const OrgId&, const std::vector<std::string>&,
                                                    const SearchFilter&, std::size_t) {
    search_unsupported("keyword_search");
}
SearchDocStats Transaction::search_document_stats(const OrgId&) {
    search_unsupported("search_document_stats");
}
std::int64_t Transaction::clear_search_documents(const OrgId&) {
    search_unsupported("clear_search_documents");
}
std::int64_t Transaction::purge_search_tombstones(const OrgId&, std::int64_t) {
    search_unsupported("purge_search_tombstones");
}
std::optional<std::string> Transaction::get_search_meta(const OrgId&, std::string_view) {
    search_unsupported("get_search_meta");
}
void Transaction::put_search_meta(const OrgId&, std::string_view, std::string_view) {
    search_unsupported("put_search_meta");
}

int sqlite_schema_version() noexcept { return static_cast<int>(kMigrations.size()); }

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const SqliteOptions& options) {
    if (path.empty()) throw Error(ErrorCode::kInvalidArgument, "database path is empty");
    return std::make_unique<SqliteStore>(path, options);
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

// The default for stores without an aggregate query: reads and parses the matching records.
std::map<std::string, std::int64_t> Transaction::count_records_by(const OrgId& org, std::string_view kind,
                                                                  const std::string& field,
                                                                  const ListOptions& options) {
    check_field_name(field);
    std::map<std::string, std::int64_t> out;
    for (const auto& text : list_records(org, kind, options)) {
        const auto j = parse_json(text, std::string(kind));
        if (auto it = j.find(field); it != j.end() && it->is_string()) ++out[it->get<std::string>()];
    }
    return out;
}

}  // namespace propos

// Internal to the PostgreSQL engine (src/store/pg_*.cpp): libpq wrappers, the connection pool, the
// store and its transaction. Each capability of the transaction is implemented in its own file:
// pg_store.cpp (the store, migrations, organizations, records, counters), pg_inbox.cpp,
// pg_audit.cpp, pg_jobs.cpp and pg_search.cpp.
//
// Every statement is sent with PQexecParams (unnamed statements, no session state), and every
// setting a transaction needs is made with SET LOCAL / set_config(..., true) inside it, so the
// engine works behind a transaction-pooling connection pooler (PgBouncer pool_mode=transaction).
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "propos/core/error.hpp"
#include "propos/core/time.hpp"
#include "propos/store/store.hpp"

namespace propos::pg_impl {

inline std::int64_t ms(Timestamp t) { return to_unix_millis(t); }

/// Query parameters, sent in text format except binary ones (bytea).
class Params {
public:
    Params& text(std::string_view v) {
        values_.emplace_back(v);
        formats_.push_back(0);
        nulls_.push_back(false);
        return *this;
    }
    Params& num(std::int64_t v) { return text(std::to_string(v)); }
    Params& binary(std::string_view bytes) {
        values_.emplace_back(bytes);
        formats_.push_back(1);
        nulls_.push_back(false);
        return *this;
    }
    Params& null() {
        values_.emplace_back();
        formats_.push_back(0);
        nulls_.push_back(true);
        return *this;
    }
    /// "$n" of the next parameter to add.
    std::string next() const { return "$" + std::to_string(values_.size() + 1); }
    int size() const { return static_cast<int>(values_.size()); }

    // Views for PQexecParams, valid while this object lives and is not changed.
    void prepare(std::vector<const char*>& v, std::vector<int>& len) const {
        v.resize(values_.size());
        len.resize(values_.size());
        for (std::size_t i = 0; i < values_.size(); ++i) {
            v[i] = nulls_[i] ? nullptr : values_[i].data();
            len[i] = static_cast<int>(values_[i].size());
        }
    }
    const int* formats() const { return formats_.data(); }

private:
    std::vector<std::string> values_;
    std::vector<int> formats_;
    std::vector<bool> nulls_;
};

/// A query's result (text format).
class Result {
public:
    explicit Result(PGresult* r) : r_(r, &PQclear) {}
    int rows() const { return PQntuples(r_.get()); }
    bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
    std::string str(int row, int col) const {
        return std::string(PQgetvalue(r_.get(), row, col),
                           static_cast<std::size_t>(PQgetlength(r_.get(), row, col)));
    }
    std::int64_t i64(int row, int col) const { return std::stoll(PQgetvalue(r_.get(), row, col)); }
    bool boolean(int row, int col) const { return PQgetvalue(r_.get(), row, col)[0] == 't'; }
    /// A bytea column (hex text) decoded.
    std::string bytes(int row, int col) const;
    ExecStatusType status() const { return PQresultStatus(r_.get()); }
    const char* sqlstate() const { return PQresultErrorField(r_.get(), PG_DIAG_SQLSTATE); }
    std::string error() const {
        const char* m = PQresultErrorMessage(r_.get());
        return m ? m : "";
    }
    /// Rows changed by an INSERT/UPDATE/DELETE.
    std::int64_t affected() const {
        const char* n = PQcmdTuples(r_.get());
        return (n && *n) ? std::stoll(n) : 0;
    }

private:
    std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

/// The `Error` for a failed statement, by its SQLSTATE (null: the connection failed).
Error translate(const std::string& location, std::string_view doing, const char* sqlstate,
                const std::string& message);

/// One libpq connection.
class Connection {
public:
    Connection(const std::string& conninfo, const std::string& location);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one statement with parameters; throws `Error` (translated from its SQLSTATE).
    Result exec(const std::string& sql, const Params& params = {}, const char* doing = "query");
    /// Runs statements without parameters (simple query protocol; several separated by ';') in one
    /// round trip; returns the last one's result.
    Result run(const std::string& sql, const char* doing = "query");
    /// `text` as a quoted SQL literal (for `run`, which takes no parameters).
    std::string literal(std::string_view text);
    bool healthy() const { return PQstatus(c_) == CONNECTION_OK; }
    /// Whether the server ended the transaction's block (after an error, the block is aborted).
    PGTransactionStatusType tx_status() const { return PQtransactionStatus(c_); }
    PGconn* raw() { return c_; }

private:
    PGconn* c_ = nullptr;
    std::string location_;
};

class PgStore;

class PgTransaction final : public Transaction {
public:
    /// `begin`: the statements that open the transaction and make its settings, sent with the first
    /// statement that needs the server (with the organization's scope when that is a call's first
    /// need), so a transaction costs one round trip more than its statements: its COMMIT.
    PgTransaction(PgStore& store, Connection& conn, bool writable, std::string begin)
        : store_(store), conn_(conn), writable_(writable), begin_(std::move(begin)) {}

    /// Whether anything was sent (a transaction that never reached the server needs no COMMIT).
    bool begun() const { return begun_; }

    // ---- records ----
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
    // ---- inbox ----
    std::int64_t store_raw_payload(const OrgId& org, std::string_view source,
                                   std::string_view content_type, std::string_view body,
                                   Timestamp at) override;
    void set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                std::string_view error) override;
    std::vector<RawPayload> query_raw_payloads(const OrgId& org,
                                               const RawPayloadQuery& query) override;
    std::optional<RawPayload> find_raw_payload(const OrgId& org, std::int64_t id) override;
    // ---- audit ----
    std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq,
                                       std::size_t limit) override;
    std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                           std::string_view entity_id) override;
    std::optional<AuditHead> audit_head(const OrgId& org, bool for_update) override;
    void insert_audit_entry(const OrgId& org, const AuditEvent& event,
                            std::string_view canonical_data) override;
    // ---- events: counters make ids in commit order; see Transaction::append_event ----
    // ---- jobs ----
    JobId enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) override;
    std::vector<Job> claim_jobs(const OrgId& org, std::string_view worker, Timestamp now,
                                Millis lease, std::size_t max) override;
    void complete_job(const OrgId& org, const Job& job, Timestamp now) override;
    JobState fail_job(const OrgId& org, const Job& job, std::string_view error, Timestamp now,
                      Timestamp retry_at) override;
    JobState defer_job(const OrgId& org, const Job& job, const Json& payload,
                       std::string_view reason, Timestamp now, Timestamp run_at) override;
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
    // ---- search documents ----
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
    bool notify_jobs = false;  // a job was enqueued: wake idle workers at commit

private:
    // Every schedule is due by the largest time: one query serves both lists.
    std::vector<Schedule> schedules_due_by(const OrgId& org, std::int64_t by_ms);
    Result exec(const std::string& sql, const Params& params, const char* doing) {
        ensure_begun();
        return conn_.exec(sql, params, doing);
    }
    void ensure_begun() {
        if (begun_) return;
        conn_.run(begin_, "begin transaction");
        begun_ = true;
    }
    void require_writable(const char* op) const {
        if (!writable_) {
            throw Error(ErrorCode::kFailedPrecondition,
                        std::string(op) + " needs a write transaction (called inside Store::read)");
        }
    }
    // Checks that the organization exists and makes it the transaction's row-level security scope
    // (propos.org_id, SET LOCAL), so that a query that forgot its org_id condition still sees only
    // this organization's rows.
    void check_org(const OrgId& org);
    JobState release_job(const OrgId& org, const Job& job, const char* set_state,
                         const std::string* payload, std::string_view error, Timestamp now,
                         Timestamp run_at, const char* otherwise);
    std::int64_t next_search_seq(const OrgId& org);

    PgStore& store_;
    Connection& conn_;
    bool writable_;
    std::string begin_;
    bool begun_ = false;
    std::string scoped_org_;  // the organization propos.org_id is set to in this transaction
};

class PgStore final : public Store {
public:
    PgStore(std::string conninfo, const PostgresOptions& options);
    ~PgStore() override;

    void write(const std::function<void(Transaction&)>& fn) override { run(fn, true); }
    void read(const std::function<void(Transaction&)>& fn) override { run(fn, false); }
    void batch(const std::function<void()>& fn) override { run_batch(nullptr, fn); }
    bool try_batch(const OrgId& org, const std::function<void()>& fn) override { return run_batch(&org, fn); }
    std::vector<Organization> list_organizations() override;
    int schema_version() override { return version_; }
    std::string location() const override { return location_; }
    bool shared() const override { return true; }
    bool wait_for_work(Millis max_wait) override;

    bool org_known(const std::string& org);
    void remember_org(const std::string& org);

    /// A group commit open on one thread (Store::batch): its connection and transaction, which the
    /// thread's `write`/`read` calls join as savepoints.
    struct Batch;

private:
    std::unique_ptr<Connection> acquire();
    void release(std::unique_ptr<Connection> c);
    void run(const std::function<void(Transaction&)>& fn, bool writable);
    void run_joined(Batch& batch, const std::function<void(Transaction&)>& fn, bool writable);
    bool run_batch(const OrgId* org, const std::function<void()>& fn);
    std::string begin_statements(bool writable) const;
    void migrate(Connection& c);

    std::string conninfo_;
    std::string location_;
    PostgresOptions options_;
    int version_ = 0;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;
    std::mutex orgs_mu_;
    std::unordered_set<std::string> known_orgs_;
    // LISTEN propos_jobs on a connection of its own (session state: not through a pooler).
    std::mutex listen_mu_;
    std::unique_ptr<Connection> listener_;
};

/// The schema migrations; each entry upgrades version i to i+1.
extern const std::vector<const char*> kPgMigrations;

}  // namespace propos::pg_impl

// PostgreSQL implementation of the Store interface: connections, the pool, transactions,
// migrations, organizations, records and counters.
//
// A pool of libpq connections: each Store::write/read takes one for the length of its transaction
// (READ COMMITTED for writes, with row and advisory locks where an order matters; REPEATABLE READ
// READ ONLY for reads, a consistent snapshot). Many processes share one database.
#include <poll.h>

#include <algorithm>
#include <cstring>

#include "core/log.hpp"
#include "pg_impl.hpp"
#include "store_checks.hpp"

namespace propos {
namespace pg_impl {

// ---- libpq wrappers ----

std::string Result::bytes(int row, int col) const {
    std::size_t n = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
    if (!raw) throw Error(ErrorCode::kResourceExhausted, "out of memory decoding a bytea column");
    std::string out(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
    return out;
}

namespace {
std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}
}  // namespace

Error translate(const std::string& location, std::string_view doing, const char* sqlstate,
                const std::string& message) {
    const std::string state = sqlstate ? sqlstate : "";
    const std::string where = "database '" + location + "'";
    std::string what = std::string(doing) + ": " + trimmed(message);
    if (!state.empty()) what += " [SQLSTATE " + state + "]";
    const auto cls = state.substr(0, 2);
    if (state == "40001" || state == "40P01" || state == "55P03") {
        return Error(ErrorCode::kBusy, where + ": another transaction holds what this one needs (" +
                                           what + "); retry, or raise PostgresOptions::lock_timeout");
    }
    if (state == "57014") {
        return Error(ErrorCode::kBusy, where + ": the statement was cancelled (" + what + "); retry");
    }
    if (state.empty() || cls == "08" || state == "57P01" || state == "57P02" || state == "57P03") {
        return Error(ErrorCode::kUnavailable, where + " cannot be reached or dropped the connection (" +
                                                  what + "); retry when the server is back");
    }
    if (state == "23505") return Error(ErrorCode::kAlreadyExists, where + ": constraint violated: " + what);
    if (cls == "23") return Error(ErrorCode::kInvalidArgument, where + ": constraint violated: " + what);
    if (state == "42501" || cls == "28") return Error(ErrorCode::kPermissionDenied, where + ": " + what);
    if (cls == "53") return Error(ErrorCode::kResourceExhausted, where + ": " + what);
    if (cls == "58") return Error(ErrorCode::kIo, where + ": " + what);
    if (cls == "XX") return Error(ErrorCode::kCorrupt, where + ": " + what);
    return Error(ErrorCode::kInternal, where + ": " + what);
}

Connection::Connection(const std::string& conninfo, const std::string& location)
    : location_(location) {
    c_ = PQconnectdb(conninfo.c_str());
    if (!c_) throw Error(ErrorCode::kResourceExhausted, "cannot allocate a PostgreSQL connection");
    if (PQstatus(c_) != CONNECTION_OK) {
        const std::string msg = trimmed(PQerrorMessage(c_));
        PQfinish(c_);
        c_ = nullptr;
        const bool refused = msg.find("authentication") != std::string::npos ||
                             msg.find("password") != std::string::npos ||
                             msg.find("permission denied") != std::string::npos ||
                             msg.find("does not exist") != std::string::npos;
        throw Error(refused ? ErrorCode::kPermissionDenied : ErrorCode::kUnavailable,
                    "cannot connect to database '" + location + "': " + msg);
    }
    // Notices ("text-search query contains only stop words"...) are not errors: debug only.
    PQsetNoticeProcessor(
        c_, [](void*, const char* m) { detail::logger()->debug("postgresql notice: {}", trimmed(m)); },
        nullptr);
}

Connection::~Connection() {
    if (c_) PQfinish(c_);
}

Result Connection::exec(const std::string& sql, const Params& params, const char* doing) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    params.prepare(values, lengths);
    Result r(PQexecParams(c_, sql.c_str(), params.size(), nullptr, values.data(), lengths.data(),
                          params.formats(), 0));
    const auto st = r.status();
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const std::string msg = r.error().empty() ? std::string(PQerrorMessage(c_)) : r.error();
        throw translate(location_, doing, healthy() ? r.sqlstate() : nullptr, msg);
    }
    return r;
}

Result Connection::run(const std::string& sql, const char* doing) {
    Result r(PQexec(c_, sql.c_str()));
    const auto st = r.status();
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const std::string msg = r.error().empty() ? std::string(PQerrorMessage(c_)) : r.error();
        throw translate(location_, doing, healthy() ? r.sqlstate() : nullptr, msg);
    }
    return r;
}

std::string Connection::literal(std::string_view text) {
    char* q = PQescapeLiteral(c_, text.data(), text.size());
    if (!q) throw translate(location_, "quote a value", nullptr, PQerrorMessage(c_));
    std::string out(q);
    PQfreemem(q);
    return out;
}

// ---- the store ----

namespace {

// "postgresql://user@host:port/dbname": the connection string without its password (and other
// options), for messages and Store::location().
std::string describe(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (!opts) {
        std::string msg = err ? trimmed(err) : "cannot parse it";
        if (err) PQfreemem(err);
        throw Error(ErrorCode::kInvalidArgument, "bad PostgreSQL connection string: " + msg);
    }
    std::string user, host, port, db;
    for (auto* o = opts; o->keyword; ++o) {
        if (!o->val) continue;
        const std::string k = o->keyword;
        if (k == "user") user = o->val;
        else if (k == "host" || (k == "hostaddr" && host.empty())) host = o->val;
        else if (k == "port") port = o->val;
        else if (k == "dbname") db = o->val;
    }
    PQconninfoFree(opts);
    std::string out = "postgresql://";
    if (!user.empty()) out += user + "@";
    out += host.empty() ? "localhost" : host;
    if (!port.empty()) out += ":" + port;
    out += "/" + db;
    return out;
}

std::string quote_ident(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// The store whose transaction runs on this thread, to refuse nesting like SQLite does.
thread_local const PgStore* t_active = nullptr;

}  // namespace

PgStore::PgStore(std::string conninfo, const PostgresOptions& options)
    : conninfo_(std::move(conninfo)), location_(describe(conninfo_)), options_(options) {
    if (options_.schema.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "PostgresOptions::schema is empty");
    }
    if (options_.max_connections == 0) {
        throw Error(ErrorCode::kInvalidArgument, "PostgresOptions::max_connections must be at least 1");
    }
    // connect_timeout is whole seconds in libpq; application_name names us in pg_stat_activity.
    const auto secs = std::max<long long>(1, (options_.connect_timeout.count() + 999) / 1000);
    const bool url = conninfo_.rfind("postgresql://", 0) == 0 || conninfo_.rfind("postgres://", 0) == 0;
    if (url) {
        conninfo_ += (conninfo_.find('?') == std::string::npos ? "?" : "&");
        conninfo_ += "connect_timeout=" + std::to_string(secs) + "&application_name=propos";
    } else {
        conninfo_ += " connect_timeout=" + std::to_string(secs) + " application_name=propos";
    }
    auto c = std::make_unique<Connection>(conninfo_, location_);
    migrate(*c);
    release(std::move(c));
}

PgStore::~PgStore() = default;

void PgStore::migrate(Connection& c) {
    const std::string schema = quote_ident(options_.schema);
    const int latest = static_cast<int>(kPgMigrations.size());
    c.run("BEGIN", "begin migration");
    try {
        // One migrating process at a time; the others wait here, then find the schema current.
        c.run("SELECT pg_advisory_xact_lock(hashtextextended('propos.migrate', 0))", "lock schema");
        c.run("CREATE SCHEMA IF NOT EXISTS " + schema, "create schema");
        c.run("SET LOCAL search_path TO " + schema + ", public", "set search path");
        c.run("CREATE TABLE IF NOT EXISTS propos_schema (one integer PRIMARY KEY CHECK (one = 1), "
              "version integer NOT NULL)",
              "create schema version table");
        auto r = c.exec("SELECT version FROM propos_schema", {}, "read schema version");
        int version = r.rows() ? static_cast<int>(r.i64(0, 0)) : 0;
        if (version > latest) {
            throw Error(ErrorCode::kUnsupportedVersion,
                        "database '" + location_ + "' has PropOS schema version " +
                            std::to_string(version) + " in schema " + options_.schema +
                            ", newer than this build supports (" + std::to_string(latest) +
                            "); upgrade PropOS to open it");
        }
        if (version == 0 && !r.rows()) c.run("INSERT INTO propos_schema VALUES (1, 0)", "init schema version");
        for (int v = version; v < latest; ++v) {
            c.run(kPgMigrations[static_cast<std::size_t>(v)], "migrate schema");
            Params p;
            p.num(v + 1);
            c.exec("UPDATE propos_schema SET version = $1", p, "record schema version");
            detail::logger()->info("migrated {} (schema {}) to PropOS schema version {}", location_,
                                   options_.schema, v + 1);
        }
        c.run("COMMIT", "commit migration");
        version_ = latest;
    } catch (...) {
        if (c.healthy()) {
            try {
                c.run("ROLLBACK", "roll back migration");
            } catch (const std::exception&) {
            }
        }
        throw;
    }
}

std::unique_ptr<Connection> PgStore::acquire() {
    std::unique_lock lock(mu_);
    for (;;) {
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            if (c->healthy()) return c;
            --open_;
            continue;
        }
        if (open_ < options_.max_connections) {
            ++open_;
            lock.unlock();
            try {
                return std::make_unique<Connection>(conninfo_, location_);
            } catch (...) {
                lock.lock();
                --open_;
                cv_.notify_one();
                throw;
            }
        }
        cv_.wait(lock);
    }
}

void PgStore::release(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    if (c && c->healthy() && c->tx_status() == PQTRANS_IDLE) {
        idle_.push_back(std::move(c));
    } else {
        --open_;  // a broken connection is dropped; the next acquire opens a fresh one
    }
    cv_.notify_one();
}

// One round trip opens a transaction and makes its settings (SET LOCAL: nothing outlives it, so a
// transaction-pooling pooler may hand the connection to anyone afterwards).
std::string PgStore::begin_statements(bool writable) const {
    return std::string(writable ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") +
           "; SET LOCAL search_path TO " + quote_ident(options_.schema) + ", public" +
           "; SET LOCAL lock_timeout = " + std::to_string(options_.lock_timeout.count());
}

struct PgStore::Batch {
    const PgStore* store = nullptr;
    std::unique_ptr<Connection> conn;
    std::string begin;     // sent with the first statement, as a transaction's
    bool begun = false;    // BEGIN reached the server
    bool release = false;  // the last joined transaction's savepoint is still to release
    bool notify_jobs = false;
    std::vector<std::string> created_orgs;
};

namespace {
thread_local PgStore::Batch* t_batch = nullptr;  // the group commit open on this thread

// COMMIT of a transaction a failed statement aborted answers "ROLLBACK" without an error: refuse to
// report such a transaction as committed (a callback caught a store error and went on).
void commit(Connection& c, bool notify, const std::string& location) {
    if (c.tx_status() == PQTRANS_INERROR) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "transaction on '" + location +
                        "' not committed: a statement in it failed and PostgreSQL aborted it (a store "
                        "error was caught inside the transaction and the work went on); it was rolled back");
    }
    c.run(notify ? "NOTIFY propos_jobs; COMMIT" : "COMMIT", "commit");
}
}  // namespace

void PgStore::run(const std::function<void(Transaction&)>& fn, bool writable) {
    if (t_batch && t_batch->store == this && !t_active) return run_joined(*t_batch, fn, writable);
    if (t_active) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "nested Store transaction on one thread: do all the work in the outer "
                    "transaction's callback");
    }
    auto conn = acquire();
    struct Active {
        const PgStore* self;
        explicit Active(const PgStore* s) : self(s) { t_active = s; }
        ~Active() { t_active = nullptr; }
    } active(this);
    // Sent with the transaction's first statement (PgTransaction::ensure_begun).
    PgTransaction tx(*this, *conn, writable, begin_statements(writable));
    try {
        fn(tx);
        // Idle workers (Store::wait_for_work) are woken by the commit of new jobs: the NOTIFY
        // rides in the COMMIT's round trip and is delivered only if the commit succeeds.
        if (tx.begun()) commit(*conn, tx.notify_jobs, location_);
    } catch (...) {
        if (conn->healthy() && conn->tx_status() != PQTRANS_IDLE) {
            try {
                conn->run("ROLLBACK", "roll back");
            } catch (const std::exception& e) {
                detail::logger()->error("rollback failed on '{}': {}", location_, e.what());
            }
        }
        release(std::move(conn));
        throw;
    }
    release(std::move(conn));
    for (auto& id : tx.created_orgs) remember_org(id);
}

// A transaction joining the thread's batch: a savepoint, released on success and rolled back alone
// on failure (which also clears a failed statement's abort of the transaction). Reads join too and
// see the batch's uncommitted changes, as on SQLite.
void PgStore::run_joined(Batch& b, const std::function<void(Transaction&)>& fn, bool writable) {
    struct Active {
        explicit Active(const PgStore* s) { t_active = s; }
        ~Active() { t_active = nullptr; }
    } active(this);
    // The previous joined transaction's savepoint is released in the round trip that opens this
    // one's (or by the COMMIT): one round trip a joined transaction instead of two.
    const std::string savepoint = b.release ? "RELEASE SAVEPOINT propos_batch; SAVEPOINT propos_batch"
                                            : "SAVEPOINT propos_batch";
    PgTransaction tx(*this, *b.conn, writable, b.begun ? savepoint : b.begin + "; " + savepoint);
    try {
        fn(tx);
        if (tx.begun()) {
            b.begun = true;
            b.release = true;
        }
    } catch (...) {
        // Sent if it began, or if its first round trip (which made the savepoint) failed after it.
        const bool sent = tx.begun() || (b.conn->healthy() && b.conn->tx_status() == PQTRANS_INERROR);
        if (sent) {
            b.begun = true;
            b.release = false;  // released with it, below
            if (b.conn->healthy()) {
                try {
                    b.conn->run("ROLLBACK TO SAVEPOINT propos_batch; RELEASE SAVEPOINT propos_batch",
                                "roll back to savepoint");
                } catch (const std::exception& e) {
                    // The batch cannot go on: its next statement or its commit fails and rolls back all.
                    detail::logger()->error("savepoint rollback failed on '{}': {}", location_, e.what());
                }
            }
        }
        throw;
    }
    b.notify_jobs = b.notify_jobs || tx.notify_jobs;
    for (auto& id : tx.created_orgs) b.created_orgs.push_back(std::move(id));
}

bool PgStore::run_batch(const OrgId* org, const std::function<void()>& fn) {
    if (t_batch && t_batch->store == this) {
        throw Error(ErrorCode::kFailedPrecondition, "Store::batch calls do not nest");
    }
    if (t_active) throw Error(ErrorCode::kFailedPrecondition, "Store::batch inside a transaction");
    if (org && org->empty()) throw Error(ErrorCode::kInvalidArgument, "organization id is empty");
    Batch b;
    b.store = this;
    b.begin = begin_statements(true);
    b.conn = acquire();
    auto roll_back = [&] {
        if (b.conn->healthy() && b.conn->tx_status() != PQTRANS_IDLE) {
            try {
                b.conn->run("ROLLBACK", "roll back");
            } catch (const std::exception& e) {
                detail::logger()->error("rollback failed on '{}': {}", location_, e.what());
            }
        }
        release(std::move(b.conn));
    };
    try {
        if (org) {
            // One round trip opens the transaction and tries the organization's writer lock (the
            // one every write transaction of it takes, PgTransaction::check_org) without waiting.
            const std::string id = b.conn->literal(org->str());
            auto r = b.conn->run(b.begin + "; SELECT pg_try_advisory_xact_lock(hashtextextended('propos.org:' || " +
                                     id + ", 0)) FROM organizations WHERE id = " + id,
                                 "try the organization's lock");
            b.begun = true;
            if (r.rows() == 0) throw Error(ErrorCode::kNotFound, "unknown organization '" + org->str() + "'");
            if (r.str(0, 0) != "t") {  // another transaction writes this organization now
                roll_back();
                return false;
            }
        }
        struct Open {
            explicit Open(Batch* b) { t_batch = b; }
            ~Open() { t_batch = nullptr; }
        } open(&b);
        fn();
        if (b.begun) commit(*b.conn, b.notify_jobs, location_);
    } catch (...) {
        roll_back();
        throw;
    }
    release(std::move(b.conn));
    for (auto& id : b.created_orgs) remember_org(id);
    return true;
}

std::vector<Organization> PgStore::list_organizations() {
    if (t_active == this) {  // as SQLite: a second connection from inside a transaction could wait forever
        throw Error(ErrorCode::kFailedPrecondition,
                    "nested Store transaction on one thread: list_organizations inside a transaction's "
                    "callback; list them before");
    }
    std::vector<Organization> out;
    auto conn = acquire();
    try {
        auto r = conn->exec("SELECT data FROM " + quote_ident(options_.schema) +
                                ".organizations ORDER BY created_ms, id",
                            {}, "list organizations");
        for (int i = 0; i < r.rows(); ++i) {
            out.push_back(parse_json(r.str(i, 0), "organization").get<Organization>());
        }
    } catch (...) {
        release(std::move(conn));
        throw;
    }
    release(std::move(conn));
    return out;
}

bool PgStore::wait_for_work(Millis max_wait) {
    if (!options_.listen) return Store::wait_for_work(max_wait);
    std::lock_guard lock(listen_mu_);
    const auto deadline = std::chrono::steady_clock::now() + max_wait;
    try {
        if (!listener_) {
            listener_ = std::make_unique<Connection>(conninfo_, location_);
            listener_->run("LISTEN propos_jobs", "listen for jobs");
        }
        auto drained = [&] {
            if (!PQconsumeInput(listener_->raw())) {
                throw Error(ErrorCode::kUnavailable, "the listening connection to '" + location_ + "' broke");
            }
            bool any = false;
            while (PGnotify* n = PQnotifies(listener_->raw())) {
                any = true;
                PQfreemem(n);
            }
            return any;
        };
        if (drained()) return true;
        for (;;) {
            const auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd p{PQsocket(listener_->raw()), POLLIN, 0};
            const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
            if (n > 0 && drained()) return true;
        }
    } catch (const Error& e) {
        // Nothing is lost: workers poll. Drop the connection and reopen it next time.
        detail::logger()->warn("job notifications from {} unavailable ({}); polling", location_, e.what());
        listener_.reset();
        const auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
        if (left.count() > 0) std::this_thread::sleep_for(left);
        return false;
    }
}

bool PgStore::org_known(const std::string& org) {
    std::lock_guard lock(orgs_mu_);
    return known_orgs_.count(org) > 0;
}

void PgStore::remember_org(const std::string& org) {
    std::lock_guard lock(orgs_mu_);
    known_orgs_.insert(org);
}

// ---- the transaction: organizations ----

void PgTransaction::check_org(const OrgId& org) {
    if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "organization id is empty");
    if (scoped_org_ == org.str()) return;
    const bool known = store_.org_known(org.str()) ||
                       std::find(created_orgs.begin(), created_orgs.end(), org.str()) != created_orgs.end();
    // One round trip scopes the transaction (and checks an organization not seen yet), together
    // with the transaction's opening statements when it has not reached the server yet. A write
    // transaction also takes the organization's lock (transaction-scoped): one writer per
    // organization at a time, as SQLite has one writer per database, so the audit chain, the event
    // counter and the search sequence advance in commit order and two writers of one organization
    // never deadlock over their row locks (each takes its rows after the organization's lock).
    // Organizations still write in parallel.
    const std::string id = conn_.literal(org.str());
    const std::string lock =
        writable_ ? ", pg_advisory_xact_lock(hashtextextended('propos.org:' || " + id + ", 0))" : "";
    const std::string scope =
        known ? "SELECT set_config('propos.org_id', " + id + ", true)" + lock
              : "SELECT set_config('propos.org_id', id, true)" + lock + " FROM organizations WHERE id = " + id;
    auto r = conn_.run(begun_ ? scope : begin_ + "; " + scope, known ? "scope transaction" : "find organization");
    begun_ = true;
    if (!known) {
        if (r.rows() == 0) throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
        store_.remember_org(org.str());
    }
    scoped_org_ = org.str();
}

void PgTransaction::put_organization(const Organization& org) {
    require_writable("put_organization");
    if (org.id.empty()) throw Error(ErrorCode::kInvalidArgument, "organization has an empty id");
    if (org.name.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "organization '" + org.id.str() + "' has an empty name");
    }
    Params p;
    p.text(org.id.str()).text(org.name).num(ms(org.created_at)).text(canonical_json(Json(org)));
    exec("INSERT INTO organizations (id, name, created_ms, data) VALUES ($1, $2, $3, $4) "
         "ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data",
         p, "put organization");
    created_orgs.push_back(org.id.str());
}

std::optional<Organization> PgTransaction::find_organization(const OrgId& org) {
    Params p;
    p.text(org.str());
    auto r = exec("SELECT data FROM organizations WHERE id = $1", p, "find organization");
    if (r.rows() == 0) return std::nullopt;
    return parse_json(r.str(0, 0), "organization").get<Organization>();
}

// ---- records ----

void PgTransaction::put_record(const OrgId& org, std::string_view kind, const std::string& id,
                               const RecordKeys& keys, const std::string& json) {
    require_writable("put");
    check_org(org);
    Params p;
    p.text(org.str()).text(kind).text(id).text(keys.parent).text(keys.status).text(keys.lookup)
        .text(keys.alt_lookup).num(keys.time_ms).text(keys.ref).text(json);
    // Rows whose keys did not change are updated in place: PostgreSQL then writes a heap-only tuple
    // when no indexed column changed, and the WHERE keeps it from rewriting an identical row's keys.
    exec("INSERT INTO records (org_id, kind, id, parent, status, lookup, alt_lookup, time_ms, ref, "
         "data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (org_id, kind, id) DO "
         "UPDATE SET parent = excluded.parent, status = excluded.status, lookup = excluded.lookup, "
         "alt_lookup = excluded.alt_lookup, time_ms = excluded.time_ms, ref = excluded.ref, "
         "data = excluded.data",
         p, "put record");
}

std::optional<std::string> PgTransaction::find_record(const OrgId& org, std::string_view kind,
                                                      const std::string& id) {
    check_org(org);
    Params p;
    p.text(org.str()).text(kind).text(id);
    auto r = exec("SELECT data FROM records WHERE org_id = $1 AND kind = $2 AND id = $3", p, "find record");
    if (r.rows() == 0) return std::nullopt;
    return r.str(0, 0);
}

namespace {
// "SELECT <what> FROM records WHERE ..." for the filters of `o` (as SQLite's list_sql), parameters
// added to `p` in order ($1 org, $2 kind).
std::string list_sql(const std::string& what, const ListOptions& o, bool ordered, Params& p,
                     const OrgId& org, std::string_view kind) {
    p.text(org.str()).text(kind);
    std::string sql = "SELECT " + what + " FROM records WHERE org_id = $1 AND kind = $2";
    if (!o.lookup.empty()) {
        const auto n = p.next();
        sql += " AND (lookup = " + n + " OR alt_lookup = " + n + ")";
        p.text(o.lookup);
    }
    if (!o.parent.empty()) {
        sql += " AND parent = " + p.next();
        p.text(o.parent);
    }
    if (!o.status.empty()) {
        sql += " AND status = " + p.next();
        p.text(o.status);
    }
    if (!o.ref.empty()) {
        sql += " AND ref = " + p.next() + " AND ref <> ''";
        p.text(o.ref);
    }
    if (!o.after_id.empty()) {
        sql += " AND id > " + p.next();
        p.text(o.after_id);
    }
    if (o.since) {
        sql += " AND time_ms >= " + p.next();
        p.num(ms(*o.since));
    }
    if (o.before) {
        sql += " AND time_ms < " + p.next();
        p.num(ms(*o.before));
    }
    if (ordered) {
        if (!o.after_id.empty()) {
            sql += o.newest_first ? " ORDER BY id DESC" : " ORDER BY id";
        } else {
            sql += o.newest_first ? " ORDER BY time_ms DESC, id DESC" : " ORDER BY time_ms, id";
        }
        if (o.limit > 0) sql += " LIMIT " + std::to_string(o.limit);
        if (o.offset > 0) sql += " OFFSET " + std::to_string(o.offset);
    }
    return sql;
}
}  // namespace

std::vector<std::string> PgTransaction::list_records(const OrgId& org, std::string_view kind,
                                                     const ListOptions& options) {
    check_org(org);
    Params p;
    const auto sql = list_sql("data", options, true, p, org, kind);
    auto r = exec(sql, p, "list records");
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
}

std::int64_t PgTransaction::count_records(const OrgId& org, std::string_view kind,
                                          const ListOptions& options) {
    check_org(org);
    Params p;
    const auto sql = list_sql("count(*)", options, false, p, org, kind);
    return exec(sql, p, "count records").i64(0, 0);
}

std::map<std::string, std::int64_t> PgTransaction::count_records_by(const OrgId& org,
                                                                    std::string_view kind,
                                                                    const std::string& field,
                                                                    const ListOptions& options) {
    store_detail::check_record_field_name(field);
    check_org(org);
    Params p;
    // The field name is checked above ([A-Za-z0-9_]+), so it can be a literal of the query.
    const std::string value = "(data::jsonb ->> '" + field + "')";
    const auto sql = list_sql(value + ", count(*)", options, false, p, org, kind) +
                     " AND jsonb_typeof(data::jsonb -> '" + field + "') = 'string' GROUP BY 1";
    auto r = exec(sql, p, "count records");
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i) out[r.str(i, 0)] = r.i64(i, 1);
    return out;
}

std::map<std::string, std::int64_t> PgTransaction::count_records_by_ref(const OrgId& org,
                                                                        std::string_view kind,
                                                                        const ListOptions& options) {
    check_org(org);
    Params p;
    const auto sql = list_sql("ref, count(*)", options, false, p, org, kind) + " AND ref <> '' GROUP BY ref";
    auto r = exec(sql, p, "count records");
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace(r.str(i, 0), r.i64(i, 1));
    return out;
}

bool PgTransaction::erase_record(const OrgId& org, std::string_view kind, const std::string& id) {
    require_writable("erase");
    check_org(org);
    Params p;
    p.text(org.str()).text(kind).text(id);
    // One round trip: the parts go with the record.
    auto r = exec("WITH parts AS (DELETE FROM record_parts WHERE org_id = $1 AND kind = $2 AND id = $3) "
                  "DELETE FROM records WHERE org_id = $1 AND kind = $2 AND id = $3",
                  p, "erase record");
    return r.affected() > 0;
}

void PgTransaction::put_record_part(const OrgId& org, std::string_view kind, const std::string& id,
                                    std::int64_t part, const std::string& json) {
    require_writable("put record part");
    check_org(org);
    if (part < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "record part number must not be negative (got " + std::to_string(part) + ")");
    }
    Params p;
    p.text(org.str()).text(kind).text(id).num(part).text(json);
    exec("INSERT INTO record_parts (org_id, kind, id, part, data) VALUES ($1, $2, $3, $4, $5) "
         "ON CONFLICT (org_id, kind, id, part) DO UPDATE SET data = excluded.data",
         p, "put record part");
}

std::vector<std::pair<std::int64_t, std::string>> PgTransaction::list_record_parts(
    const OrgId& org, std::string_view kind, const std::string& id) {
    check_org(org);
    Params p;
    p.text(org.str()).text(kind).text(id);
    auto r = exec("SELECT part, data FROM record_parts WHERE org_id = $1 AND kind = $2 AND id = $3 "
                  "ORDER BY part",
                  p, "list record parts");
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.i64(i, 0), r.str(i, 1));
    return out;
}

// The counter's row stays locked by this transaction (the upsert's row lock) until it ends: a
// second worker bumping the same counter waits, so values are handed out in commit order.
std::int64_t PgTransaction::next_counter(const OrgId& org, std::string_view name) {
    require_writable("next_counter");
    check_org(org);
    Params p;
    p.text(org.str()).text(name);
    return exec("INSERT INTO counters (org_id, name, next) VALUES ($1, $2, 2) ON CONFLICT (org_id, name) "
                "DO UPDATE SET next = counters.next + 1 RETURNING next - 1",
                p, "next counter value")
        .i64(0, 0);
}

}  // namespace pg_impl

int postgres_schema_version() noexcept { return static_cast<int>(pg_impl::kPgMigrations.size()); }

std::unique_ptr<Store> open_postgres_store(const std::string& conninfo, const PostgresOptions& options) {
    if (conninfo.empty()) throw Error(ErrorCode::kInvalidArgument, "PostgreSQL connection string is empty");
    return std::make_unique<pg_impl::PgStore>(conninfo, options);
}

}  // namespace propos

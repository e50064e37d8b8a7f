// The store: open_sqlite_store, typed access by record kind, the audit log, the job queue, portfolio
// import.
#include <fstream>
#include <map>
#include <sstream>

#include "common.hpp"
#include "propos/agent/agent_runner.hpp"
#include "propos/model/note.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/testing/memory_store.hpp"
#include "propos/workflows/knowledge.hpp"

namespace propos_py {
namespace {

using namespace propos;

/// What the Store binding can do with one record kind ("work_order", "vendor"...).
struct KindOps {
    std::function<void(const std::string&)> check_status;  // an unknown status raises InvalidArgument
    std::function<py::object(Store&, const OrgId&, const ListOptions&)> list;
    std::function<py::object(Store&, const OrgId&, const std::string&)> find;
    std::function<std::int64_t(Store&, const OrgId&, const ListOptions&)> count;
    std::function<bool(Store&, const OrgId&, py::handle)> put;  // false: not this kind's type
};
using Kinds = std::map<std::string, KindOps, std::less<>>;

template <class T>
void add_kind(Kinds& kinds) {
    KindOps ops;
    ops.check_status = [](const std::string& status) {
        if constexpr (requires(T t) { t.status; }) {
            using S = std::remove_cvref_t<decltype(std::declval<T>().status)>;
            if constexpr (std::is_enum_v<S>) {
                if (!status.empty()) py::cast(status).cast<S>();  // the enum caster names the accepted ones
            }
        }
    };
    ops.list = [](Store& s, const OrgId& org, const ListOptions& o) {
        return record_list(nogil([&] { return s.read_result([&](Transaction& tx) { return tx.list<T>(org, o); }); }));
    };
    ops.find = [](Store& s, const OrgId& org, const std::string& id) {
        auto v = nogil([&] { return s.read_result([&](Transaction& tx) { return tx.find<T>(org, id); }); });
        return v ? py::cast(std::move(*v)) : py::none();
    };
    ops.count = [](Store& s, const OrgId& org, const ListOptions& o) {
        return nogil([&] { return s.read_result([&](Transaction& tx) { return tx.count<T>(org, o); }); });
    };
    ops.put = [](Store& s, const OrgId& org, py::handle h) {
        if (!py::isinstance<T>(h)) return false;
        const T value = h.cast<T>();
        nogil([&] { s.write([&](Transaction& tx) { tx.put(org, value); }); });
        return true;
    };
    kinds.emplace(RecordTraits<T>::kKind, std::move(ops));
}

const KindOps& kind_ops(const Kinds& kinds, std::string_view kind) {
    auto it = kinds.find(kind);
    if (it == kinds.end()) {
        std::string names;
        for (const auto& [k, ops] : kinds) names += (names.empty() ? "" : ", ") + k;
        throw Error(ErrorCode::kInvalidArgument, "unknown record kind '" + std::string(kind) +
                                                     "' (expected one of: " + names + ")");
    }
    return it->second;
}

ListOptions list_options(const std::string& parent, const std::string& status, const std::string& lookup,
                         const std::string& ref, std::size_t limit, std::size_t offset, bool newest_first) {
    ListOptions o;
    o.parent = parent;
    o.status = status;
    o.lookup = lookup;
    o.ref = ref;
    o.limit = limit;
    o.offset = offset;
    o.newest_first = newest_first;
    return o;
}

/// The portfolio document `doc` stands for: a dict (or list), JSON text (str/bytes starting with '{'),
/// a file object (read()), or a path (str or os.PathLike) to a JSON file.
Json portfolio_document(py::handle doc) {
    if (py::hasattr(doc, "read")) return portfolio_document(doc.attr("read")());
    if (PyBytes_Check(doc.ptr())) return parse_json(doc.cast<std::string>(), "portfolio");
    if (py::isinstance<py::str>(doc) || py::hasattr(doc, "__fspath__")) {
        const std::string text = py::isinstance<py::str>(doc) ? doc.cast<std::string>() : std::string();
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) return parse_json(text, "portfolio");
        const std::string path = fspath(doc);
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw Error(ErrorCode::kInvalidArgument,
                        "import_portfolio: '" + path + "' is neither JSON text nor a readable file");
        }
        std::ostringstream body;
        body << in.rdbuf();
        return parse_json(body.str(), path);
    }
    return python_to_json(doc);
}

// An in-memory database for Python (the C++ type is opaque: incomplete in its header).
struct MemoryDatabaseHandle {
    std::shared_ptr<testing::MemoryDatabase> data;
};

// An ErrorCode by its snake_case name ("io", "busy", ...), for the fault injection of tests.
ErrorCode error_code_named(const std::string& name) {
    std::string known;
    for (int c = static_cast<int>(ErrorCode::kInvalidArgument); c <= static_cast<int>(ErrorCode::kInternal); ++c) {
        const auto code = static_cast<ErrorCode>(c);
        if (to_string(code) == name) return code;
        known += (known.empty() ? "" : ", ") + std::string(to_string(code));
    }
    throw Error(ErrorCode::kInvalidArgument, "unknown error code '" + name + "' (one of " + known + ")");
}

}  // namespace

void bind_store(py::module_& m) {
    Record<SqliteOptions>(m, "SqliteOptions", "Options of open_sqlite_store.")
        .field("synchronous", &SqliteOptions::synchronous)
        .field("busy_timeout", &SqliteOptions::busy_timeout)
        .field("create_if_missing", &SqliteOptions::create_if_missing)
        .field("cache_size_kib", &SqliteOptions::cache_size_kib)
        .field("check_integrity", &SqliteOptions::check_integrity);
    Record<PostgresOptions>(m, "PostgresOptions", "Options of open_postgres_store (issue 18).")
        .field("schema", &PostgresOptions::schema)
        .field("max_connections", &PostgresOptions::max_connections)
        .field("lock_timeout", &PostgresOptions::lock_timeout)
        .field("connect_timeout", &PostgresOptions::connect_timeout)
        .field("listen", &PostgresOptions::listen);
    Record<AuditVerification>(m, "AuditVerification", "The result of checking an audit chain.")
        .field("ok", &AuditVerification::ok)
        .field("entries", &AuditVerification::entries)
        .field("first_bad_seq", &AuditVerification::first_bad_seq)
        .field("problem", &AuditVerification::problem)
        .cls()
        .def("__bool__", [](const AuditVerification& v) { return v.ok; });
    Record<AuditCheckpoint>(m, "AuditCheckpoint",
                            "A signed statement (Ed25519) that an organization's audit log had `seq` entries "
                            "ending in `head_hash` at `at`; keep it outside the database.")
        .field("org", &AuditCheckpoint::org)
        .field("seq", &AuditCheckpoint::seq)
        .field("head_hash", &AuditCheckpoint::head_hash)
        .field("at", &AuditCheckpoint::at)
        .field("key_id", &AuditCheckpoint::key_id)
        .field("signature", &AuditCheckpoint::signature)
        .cls()
        .def("signed_text", &AuditCheckpoint::signed_text, "The exact bytes signed.")
        .def("to_json", [](const AuditCheckpoint& c) { return c.to_json().dump(); },
             "The JSON form (propos.audit-checkpoint/1) as text.")
        .def_static(
            "from_json", [](const std::string& text) { return AuditCheckpoint::from_json(parse_json(text, "checkpoint")); },
            py::arg("text"), "Parses the JSON form; ValueError names a missing or bad field.");
    Record<RawPayload>(m, "RawPayload", "A raw inbound payload kept before parsing (dead letters too).")
        .field("id", &RawPayload::id)
        .field("source", &RawPayload::source)
        .field("content_type", &RawPayload::content_type)
        .field("body", &RawPayload::body)
        .field("received_at", &RawPayload::received_at)
        .field("status", &RawPayload::status)
        .field("error", &RawPayload::error);
    Record<ImportSummary>(m, "ImportSummary", "What a portfolio import wrote for one organization.")
        .field("org_id", &ImportSummary::org_id)
        .field("name", &ImportSummary::name)
        .field("properties", &ImportSummary::properties)
        .field("units", &ImportSummary::units)
        .field("tenants", &ImportSummary::tenants)
        .field("leases", &ImportSummary::leases)
        .field("vendors", &ImportSummary::vendors)
        .field("compliance_items", &ImportSummary::compliance_items)
        .field("knowledge_articles", &ImportSummary::knowledge_articles);
    Record<KnowledgeMatch>(m, "KnowledgeMatch",
                           "A knowledge-base article that matches a question: the article, the sentences to "
                           "quote (verbatim), its score, the question's words it contains, and whether one "
                           "of them is in its title or tags.")
        .field("article", &KnowledgeMatch::article)
        .field("quote", &KnowledgeMatch::quote)
        .field("score", &KnowledgeMatch::score)
        .field("matched_terms", &KnowledgeMatch::matched_terms)
        .field("subject_match", &KnowledgeMatch::subject_match);

    auto kinds = std::make_shared<Kinds>();
    add_kind<Property>(*kinds);
    add_kind<Unit>(*kinds);
    add_kind<Tenant>(*kinds);
    add_kind<Lease>(*kinds);
    add_kind<Vendor>(*kinds);
    add_kind<WorkOrder>(*kinds);
    add_kind<Thread>(*kinds);
    add_kind<Message>(*kinds);
    add_kind<Bid>(*kinds);
    add_kind<PurchaseOrder>(*kinds);
    add_kind<Invoice>(*kinds);
    add_kind<ComplianceItem>(*kinds);
    add_kind<Escalation>(*kinds);
    add_kind<Event>(*kinds);
    add_kind<Note>(*kinds);
    add_kind<StaffDecision>(*kinds);  // issue 20
    add_kind<KnowledgeArticle>(*kinds);
    add_kind<AgentRun>(*kinds);
    {
        // An agent run's conversation is kept in record parts: read runs whole.
        auto& ops = kinds->at(RecordTraits<AgentRun>::kKind);
        ops.find = [](Store& s, const OrgId& org, const std::string& id) {
            auto v = nogil([&] {
                return s.read_result([&](Transaction& tx) { return load_agent_run(tx, org, id); });
            });
            return v ? py::cast(std::move(*v)) : py::none();
        };
        ops.list = [](Store& s, const OrgId& org, const ListOptions& o) {
            return record_list(nogil([&] {
                return s.read_result([&](Transaction& tx) {
                    std::vector<AgentRun> runs;
                    for (const auto& head : tx.list<AgentRun>(org, o)) {
                        if (auto run = load_agent_run(tx, org, head.id)) runs.push_back(std::move(*run));
                    }
                    return runs;
                });
            }));
        };
    }

    py::class_<Store, py::smart_holder>(
        m, "Store",
        "Durable, transactional, organization-scoped storage. Open one with open_sqlite_store(). "
        "Every call takes an organization id; records are read and written by kind "
        "(store.kinds() lists them).")
        .def("location", &Store::location)
        .def("schema_version", &Store::schema_version, py::call_guard<py::gil_scoped_release>())
        .def("organizations", [](Store& s) { return record_list(nogil([&] { return s.list_organizations(); })); },
             "Every organization (ids and names).")
        .def(
            "put_organization",
            [](Store& s, const Organization& org) {
                nogil([&] { s.write([&](Transaction& tx) { tx.put_organization(org); }); });
            },
            py::arg("organization"), "Creates or replaces an organization.")
        .def("kinds",
             [kinds] {
                 std::vector<std::string> out;
                 for (const auto& [k, ops] : *kinds) out.push_back(k);
                 return out;
             })
        .def(
            "list",
            [kinds](Store& s, const OrgId& org, const std::string& kind, const std::string& parent,
                    const std::string& status, const std::string& lookup, const std::string& ref,
                    std::size_t limit, std::size_t offset, bool newest_first) {
                const auto& ops = kind_ops(*kinds, kind);
                ops.check_status(status);
                return ops.list(s, org, list_options(parent, status, lookup, ref, limit, offset, newest_first));
            },
            py::arg("org"), py::arg("kind"), py::kw_only(), py::arg("parent") = "", py::arg("status") = "",
            py::arg("lookup") = "", py::arg("ref") = "", py::arg("limit") = 0, py::arg("offset") = 0,
            py::arg("newest_first") = false,
            "Records of a kind in `org`, filtered by their indexed keys (`ref`: a work order's "
            "vendor), ordered by time then id.")
        .def(
            "count",
            [kinds](Store& s, const OrgId& org, const std::string& kind, const std::string& parent,
                    const std::string& status, const std::string& lookup, const std::string& ref) {
                const auto& ops = kind_ops(*kinds, kind);
                ops.check_status(status);
                return ops.count(s, org, list_options(parent, status, lookup, ref, 0, 0, false));
            },
            py::arg("org"), py::arg("kind"), py::kw_only(), py::arg("parent") = "", py::arg("status") = "",
            py::arg("lookup") = "", py::arg("ref") = "")
        .def(
            "find",
            [kinds](Store& s, const OrgId& org, const std::string& kind, const std::string& id) {
                return kind_ops(*kinds, kind).find(s, org, id);
            },
            py::arg("org"), py::arg("kind"), py::arg("id"), "The record, or None.")
        .def(
            "get",
            [kinds](Store& s, const OrgId& org, const std::string& kind, const std::string& id) {
                auto v = kind_ops(*kinds, kind).find(s, org, id);
                if (v.is_none()) {
                    throw Error(ErrorCode::kNotFound,
                                kind + " '" + id + "' not found in organization '" + org.str() + "'");
                }
                return v;
            },
            py::arg("org"), py::arg("kind"), py::arg("id"), "The record; NotFound when absent.")
        .def(
            "put",
            [kinds](Store& s, const OrgId& org, py::handle record) {
                for (const auto& [k, ops] : *kinds) {
                    if (ops.put(s, org, record)) return;
                }
                throw Error(ErrorCode::kInvalidArgument,
                            "cannot store a " + std::string(py::str(py::type::handle_of(record).attr("__name__"))));
            },
            py::arg("org"), py::arg("record"), "Inserts or replaces a record in `org` (one transaction).")
        .def(
            "raw_payloads",
            [](Store& s, const OrgId& org, const std::string& status, std::size_t limit) {
                return record_list(nogil([&] {
                    return s.read_result([&](Transaction& tx) { return tx.list_raw_payloads(org, status, limit); });
                }));
            },
            py::arg("org"), py::arg("status") = "", py::arg("limit") = 0,
            "Raw inbound payloads ('received', 'processed' or 'dead'; '' for all), oldest first.")
        .def(
            "import_portfolio",
            [](Store& s, py::handle doc, std::optional<Timestamp> now, const std::string& actor) {
                const Json j = portfolio_document(doc);
                const auto when = now.value_or(system_clock()->now());
                return record_list(nogil([&] { return import_portfolio(s, j, when, actor); }));
            },
            py::arg("document"), py::arg("now") = py::none(), py::arg("actor") = "import",
            "Imports a 'propos.portfolio/1' document atomically: a dict, its JSON text, a path to the "
            "JSON file (str or pathlib.Path) or an open file object.")
        .def(
            "search_knowledge_base",
            [](Store& s, const OrgId& org, const std::string& question, std::optional<PropertyId> property,
               std::size_t k) {
                return record_list(nogil([&] {
                    return s.read_result(
                        [&](Transaction& tx) { return search_knowledge_base(tx, org, question, property, k); });
                }));
            },
            py::arg("org"), py::arg("question"), py::arg("property_id") = py::none(), py::arg("k") = 3,
            "The knowledge-base articles that match a question, best first (those of property_id and those "
            "for every property).")
        .def(
            "answer_from_knowledge_base",
            [](Store& s, const OrgId& org, const std::string& question, std::optional<PropertyId> property,
               double min_score, double min_margin, std::size_t max_quote_chars) -> py::object {
                KnowledgeOptions o;
                o.min_score = min_score;
                o.min_margin = min_margin;
                o.max_quote_chars = max_quote_chars;
                auto m = nogil([&] {
                    return s.read_result(
                        [&](Transaction& tx) { return answer_from_knowledge_base(tx, org, question, property, o); });
                });
                return m ? py::cast(std::move(*m)) : py::none();
            },
            py::arg("org"), py::arg("question"), py::arg("property_id") = py::none(),
            py::arg("min_score") = KnowledgeOptions{}.min_score, py::arg("min_margin") = KnowledgeOptions{}.min_margin,
            py::arg("max_quote_chars") = KnowledgeOptions{}.max_quote_chars,
            "The article that clearly answers a question (the one a tenant would be quoted), or None.");

    m.def(
        "open_sqlite_store",
        [](const PathArg& path, std::optional<SqliteOptions> options, const py::kwargs& kw) {
            SqliteOptions o = options.value_or(SqliteOptions{});
            if (kw.size() > 0) {
                py::object tmp = py::cast(o);
                apply_keywords(tmp, kw, "open_sqlite_store");
                o = tmp.cast<SqliteOptions>();
            }
            return std::shared_ptr<Store>(nogil([&] { return open_sqlite_store(path.path, o); }));
        },
        py::arg("path"), py::arg("options") = py::none(),
        "Opens (creating when allowed) a SQLite store; ':memory:' for a private in-memory one. Options "
        "may also be given as keywords: open_sqlite_store('x.db', synchronous='normal').");
    m.def("sqlite_schema_version", &sqlite_schema_version);
    // Issue 18: PostgreSQL, and one entry point for either engine.
    m.def(
        "open_postgres_store",
        [](const std::string& conninfo, std::optional<PostgresOptions> options, const py::kwargs& kw) {
            PostgresOptions o = options.value_or(PostgresOptions{});
            if (kw.size() > 0) {
                py::object tmp = py::cast(o);
                apply_keywords(tmp, kw, "open_postgres_store");
                o = tmp.cast<PostgresOptions>();
            }
            return std::shared_ptr<Store>(nogil([&] { return open_postgres_store(conninfo, o); }));
        },
        py::arg("conninfo"), py::arg("options") = py::none(),
        "Opens a PostgreSQL store from a libpq connection string or URL ('postgresql://user@host/db'), "
        "creating and migrating its schema (options.schema, default 'propos'). Options may also be given "
        "as keywords: open_postgres_store(url, schema='tenant_a').");
    m.def("postgres_schema_version", &postgres_schema_version);
    // Issue 18: the in-memory store with fault injection, for a host's tests (propos.testing).
    py::class_<MemoryDatabaseHandle>(m, "MemoryDatabase",
                                     "The data of in-memory stores: open several stores on one to share it.");
    m.def(
        "new_memory_database", [] { return MemoryDatabaseHandle{testing::new_memory_database()}; },
        "A new, empty in-memory database (stores opened on it share their data, as processes on one file).");
    py::class_<testing::MemoryStoreFaults, std::shared_ptr<testing::MemoryStoreFaults>>(
        m, "MemoryStoreFaults", "Faults to inject into in-memory stores, and counters of what they did.")
        .def(py::init<>())
        .def("fail_nth_write",
             [](testing::MemoryStoreFaults& f, int n, const std::string& code) {
                 f.fail_nth_write(n, error_code_named(code));
             },
             py::arg("n"), py::arg("code") = "io",
             "The n-th write call from now (1: the next) fails with the error of that code "
             "('io', 'busy', 'corrupt', ...; propos.Io by default); its transaction is rolled back.")
        .def("fail_nth_commit",
             [](testing::MemoryStoreFaults& f, int n, const std::string& code) {
                 f.fail_nth_commit(n, error_code_named(code));
             },
             py::arg("n"), py::arg("code") = "io",
             "The n-th commit from now fails after every write succeeded; nothing of it is kept.")
        .def("busy_for", &testing::MemoryStoreFaults::busy_for, py::arg("transactions"),
             "The next n transactions are refused at their start with propos.Busy.")
        .def("clear", &testing::MemoryStoreFaults::clear, "Cancels every pending fault.")
        .def("reset_counters", &testing::MemoryStoreFaults::reset_counters)
        .def_property_readonly("writes", &testing::MemoryStoreFaults::writes)
        .def_property_readonly("commits", &testing::MemoryStoreFaults::commits)
        .def_property_readonly("rollbacks", &testing::MemoryStoreFaults::rollbacks)
        .def_property_readonly("injected", &testing::MemoryStoreFaults::injected);
    m.def(
        "open_memory_store",
        [](std::optional<MemoryDatabaseHandle> database, std::shared_ptr<testing::MemoryStoreFaults> faults) {
            return std::shared_ptr<Store>(testing::open_memory_store(
                {.database = database ? database->data : nullptr, .faults = std::move(faults)}));
        },
        py::arg("database") = py::none(), py::arg("faults") = py::none(),
        "An in-memory store with the whole Store contract and SQLite's semantics, nothing on disk: "
        "for tests. database: share data with other stores (new_memory_database()); faults: a "
        "MemoryStoreFaults to inject failures and count writes, commits and rollbacks.");
    m.def(
        "open_store",
        [](const PathArg& url_or_path) {
            return nogil([&] { return open_store(url_or_path.path); });
        },
        py::arg("url_or_path"),
        "Opens the store a name gives: a SQLite file path (':memory:' too), a sqlite: URL, or a "
        "postgresql:// URL (schema 'propos').");

    py::class_<AuditLog>(m, "AuditLog", "Reading and verifying an organization's hash-chained audit log.")
        .def(py::init<Store&>(), py::arg("store"), py::keep_alive<1, 2>())
        .def(
            "list",
            [](AuditLog& a, const OrgId& org, std::int64_t after_seq, std::size_t limit) {
                return record_list(nogil([&] { return a.list(org, after_seq, limit); }));
            },
            py::arg("org"), py::arg("after_seq") = 0, py::arg("limit") = 0)
        .def(
            "for_entity",
            [](AuditLog& a, const OrgId& org, const std::string& kind, const std::string& id) {
                return record_list(nogil([&] { return a.for_entity(org, kind, id); }));
            },
            py::arg("org"), py::arg("kind"), py::arg("id"))
        .def("verify", &AuditLog::verify, py::arg("org"), py::call_guard<py::gil_scoped_release>(),
             "Checks the whole chain; the result names the first bad entry.")
        .def("checkpoint", &AuditLog::checkpoint, py::arg("org"), py::arg("private_key_pem"), py::arg("at"),
             py::call_guard<py::gil_scoped_release>(),
             "A checkpoint of the log as it is now, signed with an Ed25519 private key (PEM).")
        .def("verify_against", &AuditLog::verify_against, py::arg("org"), py::arg("checkpoint"),
             py::arg("public_key_pem"), py::call_guard<py::gil_scoped_release>(),
             "Whether the log still extends the checkpoint (rewritten, truncated or deleted: ok is False "
             "and problem says which).")
        .def_static("compute_hash",
                    static_cast<std::string (*)(const OrgId&, const AuditEvent&)>(
                        &AuditLog::compute_hash),
                    py::arg("org"), py::arg("event"))
        .def_static("genesis_hash", &AuditLog::genesis_hash);

    // ---- jobs ----
    Record<JobSpec>(m, "JobSpec", "What to enqueue.")
        .field("type", &JobSpec::type)
        .field("payload", &JobSpec::payload)
        .field("priority", &JobSpec::priority)
        .field("run_at", &JobSpec::run_at)
        .field("idempotency_key", &JobSpec::idempotency_key)
        .field("max_attempts", &JobSpec::max_attempts)
        .field("correlation_id", &JobSpec::correlation_id);
    Record<Job>(m, "Job", "A stored job.")
        .field("id", &Job::id)
        .field("org_id", &Job::org_id)
        .field("type", &Job::type)
        .field("payload", &Job::payload)
        .field("priority", &Job::priority)
        .field("state", &Job::state)
        .field("run_at", &Job::run_at)
        .field("attempts", &Job::attempts)
        .field("max_attempts", &Job::max_attempts)
        .field("idempotency_key", &Job::idempotency_key)
        .field("correlation_id", &Job::correlation_id)
        .field("lease_token", &Job::lease_token)
        .field("lease_until", &Job::lease_until)
        .field("last_error", &Job::last_error)
        .field("created_at", &Job::created_at)
        .field("updated_at", &Job::updated_at);
    Record<JobCounts>(m, "JobCounts", "Jobs by state in one organization.")
        .field("pending", &JobCounts::pending)
        .field("running", &JobCounts::running)
        .field("done", &JobCounts::done)
        .field("dead", &JobCounts::dead);
    Record<Schedule>(m, "Schedule", "A recurring job fired on a cron schedule (UTC).")
        .field("name", &Schedule::name)
        .field("cron", &Schedule::cron)
        .field("job", &Schedule::job)
        .field("next_run_at", &Schedule::next_run_at);
    py::class_<JobQueue>(m, "JobQueue", "The durable job queue (owned by the Coordinator).")
        .def("enqueue", py::overload_cast<const OrgId&, const JobSpec&>(&JobQueue::enqueue), py::arg("org"),
             py::arg("spec"), py::call_guard<py::gil_scoped_release>())
        .def("find", &JobQueue::find, py::arg("org"), py::arg("id"), py::call_guard<py::gil_scoped_release>())
        .def(
            "dead_letters",
            [](JobQueue& q, const OrgId& org, std::size_t limit) {
                return record_list(nogil([&] { return q.dead_letters(org, limit); }));
            },
            py::arg("org"), py::arg("limit") = 0)
        .def("counts", &JobQueue::counts, py::arg("org"), py::call_guard<py::gil_scoped_release>())
        .def("counts_by_type", &JobQueue::counts_by_type, py::arg("org"), py::call_guard<py::gil_scoped_release>(),
             "counts() per job type, by type name.")
        .def("retry_dead", &JobQueue::retry_dead, py::arg("org"), py::arg("id"),
             py::call_guard<py::gil_scoped_release>())
        .def("next_due", &JobQueue::next_due, py::arg("org"), py::call_guard<py::gil_scoped_release>())
        .def(
            "schedules",
            [](JobQueue& q, const OrgId& org) { return record_list(nogil([&] { return q.schedules(org); })); },
            py::arg("org"));
}

}  // namespace propos_py

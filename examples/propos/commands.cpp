#include "commands.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <sstream>

#include "output.hpp"
#include "propos/coordinator.hpp"
#include "propos/propos.hpp"
#include "propos/workflows/approval.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/intent.hpp"
#include "propos/workflows/triage.hpp"
#include "providers.hpp"

namespace propos::cli {

SqliteOptions sqlite_options(const GlobalOptions& g) {
    SqliteOptions o;
    o.busy_timeout = parse_duration(g.busy_timeout);
    if (o.busy_timeout.count() <= 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "--busy-timeout must be positive (got '" + g.busy_timeout + "')");
    }
    return o;
}

bool is_postgres_url(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

PostgresOptions postgres_options(const GlobalOptions& g) {
    PostgresOptions o;
    o.schema = g.pg_schema;
    o.lock_timeout = sqlite_options(g).busy_timeout;
    o.max_connections = 4;  // one command: the coordinator's threads and the search index
    return o;
}

std::string blob_dir_for(const GlobalOptions& g, const std::string& what, const std::string& org) {
    if (!g.blob_dir.empty()) return (std::filesystem::path(g.blob_dir) / what / org).string();
    if (is_postgres_url(g.db)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "--blob-dir DIR is required with a PostgreSQL database: " + what +
                        " are files every worker must see (a shared directory)");
    }
    return (std::filesystem::path(g.db + "." + what) / org).string();
}

std::unique_ptr<Store> open_existing(const GlobalOptions& g) {
    if (g.db.empty()) throw Error(ErrorCode::kInvalidArgument, "--db PATH is required");
    if (is_postgres_url(g.db)) return open_postgres_store(g.db, postgres_options(g));
    if (!std::filesystem::exists(g.db)) {
        throw Error(ErrorCode::kNotFound, "database '" + g.db + "' does not exist (run `propos demo --db " +
                                              g.db + "` to create a sample one)");
    }
    auto o = sqlite_options(g);
    o.create_if_missing = false;
    return open_sqlite_store(g.db, o);
}

namespace {

OrgId require_org(Store& store, const std::string& org) {
    if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    store.read([&](Transaction& tx) { tx.require_organization(OrgId(org)); });
    return OrgId(org);
}

std::string opt_time(const std::optional<Timestamp>& t) { return t ? format_time(*t) : "-"; }

}  // namespace

int run_orgs(const GlobalOptions& g, const OrgsOptions& o, std::ostream& out) {
    auto store = open_existing(g);
    const auto orgs = store->list_organizations();
    if (o.json) {
        Json arr = Json::array();
        for (const auto& org : orgs) arr.push_back({{"id", org.id.str()}, {"name", org.name}});
        out << arr.dump() << "\n";
        return 0;
    }
    Table t({"id", "name", "timezone"});
    for (const auto& org : orgs) t.add({org.id.str(), org.name, org.timezone});
    t.print(out);
    return 0;
}

int run_workorders(const GlobalOptions& g, const WorkOrdersOptions& o, std::ostream& out) {
    auto store = open_existing(g);
    const auto org = require_org(*store, o.org);
    if (!o.status.empty()) parse_enum<WorkOrderStatus>(o.status);  // validates the name
    const auto orders = store->read_result([&](Transaction& tx) {
        return tx.list<WorkOrder>(org, {.status = o.status});
    });
    if (o.json) {
        Json arr = Json::array();
        for (const auto& wo : orders) arr.push_back(wo);
        out << arr.dump() << "\n";
        return 0;
    }
    if (orders.empty()) {
        out << "No work orders in " << org.str() << (o.status.empty() ? "" : " with status " + o.status)
            << ".\n";
        return 0;
    }
    Table t({"id", "status", "priority", "category", "unit", "vendor", "next action", "due"});
    for (const auto& wo : orders) {
        t.add({wo.id.str(), std::string(enum_name(wo.status)), std::string(enum_name(wo.priority)),
               wo.category, wo.unit_id.str(), wo.vendor_id ? wo.vendor_id->str() : "-",
               ellipsize(wo.next_action, 40), opt_time(wo.next_action_due)});
    }
    t.print(out);
    return 0;
}

namespace {
std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, "cannot read '" + path + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

int run_audit(const GlobalOptions& g, const AuditOptions& o, std::ostream& out, std::ostream& err) {
    if (o.checkpoint == o.key.empty()) {
        throw Error(ErrorCode::kInvalidArgument, o.checkpoint ? "--checkpoint needs --key KEY.pem (an Ed25519 private key)"
                                                              : "--key is for --checkpoint");
    }
    if (o.against.empty() != o.public_key.empty() || (!o.against.empty() && !o.verify)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "--against CHECKPOINT.json and --public-key PUB.pem go together, with --verify");
    }
    auto store = open_existing(g);
    AuditLog log(*store);
    if (!o.against.empty()) {
        // Checked before the organization: a log deleted with its organization is the finding.
        const auto cp = AuditCheckpoint::from_json(parse_json(read_text(o.against), o.against));
        const auto r = log.verify_against(OrgId(o.org), cp, read_text(o.public_key));
        if (o.json) {
            out << Json{{"org", o.org}, {"ok", r.ok}, {"entries", r.entries}, {"checkpoint_seq", cp.seq},
                        {"first_bad_seq", r.first_bad_seq}, {"problem", r.problem}}
                       .dump()
                << "\n";
        } else if (r.ok) {
            out << "audit log of " << o.org << " extends the checkpoint of " << format_time(cp.at) << " (entry "
                << cp.seq << "): " << r.entries << " entries, " << r.entries - cp.seq << " since, chain intact\n";
        }
        if (!r.ok) {
            err << "propos: audit log of " << o.org << " does NOT extend the checkpoint: " << r.problem << "\n";
            return 1;
        }
        return 0;
    }
    const auto org = require_org(*store, o.org);
    if (o.checkpoint) {
        out << log.checkpoint(org, read_text(o.key), SystemClock().now()).to_json().dump() << "\n";
        return 0;
    }
    if (o.verify) {
        const auto r = log.verify(org);
        if (o.json) {
            out << Json{{"org", org.str()}, {"ok", r.ok}, {"entries", r.entries},
                        {"first_bad_seq", r.first_bad_seq}, {"problem", r.problem}}
                       .dump()
                << "\n";
        } else if (r.ok) {
            out << "audit log of " << org.str() << " verified: " << r.entries << " entries, chain intact\n";
        }
        if (!r.ok) {
            err << "propos: audit log of " << org.str() << " is NOT intact: " << r.problem << "\n";
            return 1;
        }
        return 0;
    }
    auto entries = log.list(org);
    if (o.limit > 0 && entries.size() > o.limit) {
        entries.erase(entries.begin(), entries.end() - static_cast<std::ptrdiff_t>(o.limit));
    }
    if (o.json) {
        for (const auto& e : entries) out << Json(e).dump() << "\n";
        return 0;
    }
    Table t({"seq", "at", "actor", "action", "entity"});
    for (const auto& e : entries) {
        t.add({std::to_string(e.seq), format_time(e.at), e.actor, e.action,
               e.entity_kind.empty() ? "-" : e.entity_kind + ":" + e.entity_id});
    }
    t.print(out);
    return 0;
}

int run_triage(std::istream& in, std::ostream& out, std::ostream& err) {
    std::string line;
    std::size_t n = 0;
    int errors = 0;
    const auto now = SystemClock().now();
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            const auto j = parse_json(line, "line " + std::to_string(n));
            const auto id = j.contains("id") ? j["id"] : Json(nullptr);
            const auto text = json_get<std::string>(j, "text", "line " + std::to_string(n));
            Json r = triage_to_json(triage_text(text, now));
            IntentOptions io;
            io.at = now;
            const auto intent = classify_intent(text, io);
            Json outj{{"id", id}};
            for (auto& [k, v] : r.items()) outj[k] = v;
            outj["intent"] = enum_name(intent.intent);
            for (const auto& reason : intent.reasons) outj["reasons"].push_back(reason);
            out << outj.dump() << "\n";
        } catch (const Error& e) {
            ++errors;
            err << "propos: error: line " << n << ": " << e.what() << "\n";
        }
    }
    return errors ? 1 : 0;
}

void check_compliance_packs(const std::vector<std::string>& files) {
    for (const auto& f : files) load_rule_pack_file(f);
}

void use_compliance_packs(const std::vector<std::string>& files, CoordinatorOptions& opts) {
    opts.compliance.pack_files.assign(files.begin(), files.end());
}

void choose_embedder(const GlobalOptions& g, CoordinatorOptions& opts) {
    opts.embedder = make_embedder(g.embed);
    reembed_store_if_model_changed(*opts.store, opts.embedder, opts.search, std::cerr);
}

namespace {
Coordinator open_coordinator(const GlobalOptions& g, const ProviderOptions& p, std::shared_ptr<Clock> clock) {
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.provider = make_provider(p);
    opts.clock = std::move(clock);
    use_compliance_packs(g.compliance_packs, opts);
    choose_embedder(g, opts);  // issue 20: re-embedded first when the model changed
    return Coordinator(std::move(opts));
}

// Tries of a command step on a database another process keeps locked: each try waits up to the busy
// timeout for the lock, then the step backs off (a quarter of the timeout, doubling, with jitter).
constexpr int kBusyTries = 5;

// Runs `step`, retrying it while the database is busy. `step` must be safe to repeat after a
// kBusy failure (a store transaction that failed left nothing behind). Other errors, and kBusy
// after the last try, are thrown.
template <class F>
auto retry_busy(const GlobalOptions& g, std::ostream& err, const std::string& what, F&& step) {
    const auto timeout = sqlite_options(g).busy_timeout;
    std::mt19937_64 rng(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        try {
            return step();
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kBusy || attempt >= kBusyTries) throw;
            const auto base = timeout / 4 * (1LL << (attempt - 1));
            const auto pause = Millis(base.count() * std::uniform_int_distribution<int>(75, 125)(rng) / 100);
            err << "propos: warning: " << what << ": the database is busy (another process is writing); try "
                << attempt << " of " << kBusyTries << " failed, retrying in " << pause.count() << " ms\n";
            std::this_thread::sleep_for(pause);
        }
    }
}

// "line 7" or "lines 7-9".
std::string line_range(std::size_t first, std::size_t last) {
    return first == last ? "line " + std::to_string(first)
                         : "lines " + std::to_string(first) + "-" + std::to_string(last);
}
}  // namespace

int run_ingest(const GlobalOptions& g, const IngestOptions& o, std::ostream& out, std::ostream& err) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(o.file, ec)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "'" + o.file + "' is a directory: pass a JSON-lines file (one message a line)");
    }
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, "cannot read '" + o.file + "'");
    auto c = retry_busy(g, err, "opening the database", [&] {
        CoordinatorOptions opts;
        opts.store = std::shared_ptr<Store>(open_existing(g));
        require_org(*opts.store, o.org);
        use_compliance_packs(g.compliance_packs, opts);
        opts.embedder = make_embedder(g.embed);  // issue 20
        return std::make_unique<Coordinator>(std::move(opts));
    });
    const OrgId org(o.org);
    if (auto* search = c->history_search()) reembed_if_model_changed(*search, {org}, err);  // issue 20
    // The file is ingested in batches of kBatch lines, one commit each, so another process waiting
    // for the database (a second ingest, `propos run`) gets it between two batches; a batch the
    // database stays too busy for is reported by its line numbers, and re-running the same file
    // stores what is missing (stored messages are recognized by their id and skipped).
    constexpr std::size_t kBatch = 500;
    struct Bad {
        std::string where, line, why;
    };
    std::vector<IncomingMessage> batch;
    std::vector<std::size_t> line_of;
    std::vector<Bad> bad_lines;
    std::string line;
    std::size_t n = 0, ok = 0, dup = 0, bad = 0, unknown = 0, not_stored = 0;
    std::size_t first_unstored = 0;  // the first line the database was too busy for (0: none)
    auto where_at = [&](std::size_t k) { return o.file + ":" + std::to_string(k); };
    auto reject = [&](const std::string& where, const std::string& why) {
        ++bad;
        err << "propos: error: " << where << ": " << why << "\n";
    };
    auto flush = [&](std::size_t first_line, std::size_t last_line) {
        if (batch.empty() && bad_lines.empty()) return;
        try {
            if (!bad_lines.empty()) {
                const auto ids = retry_busy(g, err, where_at(first_line), [&] {
                    std::vector<std::int64_t> kept;
                    c->store().batch([&] {
                        for (const auto& b : bad_lines) {
                            kept.push_back(c->dead_letter(org, "cli", "application/x-ndjson", b.line, b.why));
                        }
                    });
                    return kept;
                });
                for (std::size_t k = 0; k < ids.size(); ++k) {
                    reject(bad_lines[k].where,
                           bad_lines[k].why + " (kept as dead letter " + std::to_string(ids[k]) + ")");
                }
                bad_lines.clear();
            }
            if (batch.empty()) return;
            first_line = line_of.front();
            const auto outcomes = retry_busy(g, err, o.file + ": " + line_range(first_line, last_line),
                                             [&] { return c->ingest_batch(org, batch); });
            for (std::size_t k = 0; k < outcomes.size(); ++k) {
                const auto& r = outcomes[k];
                if (!r.result) {
                    reject(where_at(line_of[k]), r.error);
                } else if (r.result->duplicate) {
                    ++dup;
                } else {
                    ++ok;
                    if (!r.result->tenant_id && !r.result->vendor_id) {
                        ++unknown;
                        err << "propos: warning: " << where_at(line_of[k])
                            << ": sender matches no tenant or vendor in " << org.str()
                            << " (they get a 'who are you' reply, no work order)\n";
                    }
                }
            }
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kBusy) throw;
            first_unstored = first_line;
            not_stored += batch.size() + bad_lines.size();
            err << "propos: error: " << e.what() << "\n";
        }
        batch.clear();
        line_of.clear();
        bad_lines.clear();
    };
    std::size_t pending_lines = 0, chunk_first = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (first_unstored) {
            ++not_stored;
            continue;
        }
        if (pending_lines++ == 0) chunk_first = n;
        const std::string where = where_at(n);
        try {
            auto parsed = parse_inbound_line(line, where, "cli");
            if (!parsed.org.empty() && parsed.org != org.str()) {
                throw Error(ErrorCode::kInvalidArgument,
                            where + ": the message is for organization '" + parsed.org + "' but --org is '" +
                                org.str() + "'; ingest it with --org " + parsed.org);
            }
            auto m = std::move(parsed.message);
            batch.push_back(std::move(m));
            line_of.push_back(n);
        } catch (const Error& e) {
            bad_lines.push_back({where, line, e.what()});
        }
        if (pending_lines == kBatch) {
            flush(chunk_first, n);
            pending_lines = 0;
            // A moment between two commits for a process waiting for the database.
            if (!first_unstored) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    if (pending_lines) flush(chunk_first, n);
    if (first_unstored) {
        err << "propos: error: " << o.file << ": " << line_range(first_unstored, n)
            << " were not stored: the database stayed busy; run the same command again (messages "
               "already stored are skipped)\n";
    }
    out << "ingested " << ok << " message(s) into " << org.str() << ", " << dup << " duplicate(s), " << bad
        << " rejected (kept as dead letters), " << unknown << " from unknown senders";
    if (not_stored) out << ", " << not_stored << " line(s) not stored (database busy)";
    out << "; run `propos run --db " << g.db << "` to process them\n";
    return bad || not_stored ? 1 : 0;
}

namespace {
// Set by SIGINT/SIGTERM while `propos run --follow` runs.
volatile std::sig_atomic_t& follow_stop_requested() {
    static volatile std::sig_atomic_t flag = 0;
    return flag;
}
}  // namespace

int run_run(const GlobalOptions& g, const ProviderOptions& p, const RunOptions& o, std::ostream& out) {
    // Jobs commit one by one, so a run the database stayed busy for is resumed where it stopped.
    RunStats s;
    auto add = [&](const RunStats& r) {
        s.jobs_run += r.jobs_run;
        s.jobs_failed += r.jobs_failed;
        s.jobs_dead += r.jobs_dead;
        s.schedules_fired += r.schedules_fired;
    };
    if (o.follow && !o.advance.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "--follow runs on the real clock: it does not go with --advance");
    }
    if (o.follow) {
        const auto poll = parse_duration(o.poll);
        if (poll.count() <= 0) throw Error(ErrorCode::kInvalidArgument, "--poll must be positive (got '" + o.poll + "')");
        follow_stop_requested() = 0;
        std::signal(SIGINT, [](int) { follow_stop_requested() = 1; });
        std::signal(SIGTERM, [](int) { follow_stop_requested() = 1; });
        auto c = open_coordinator(g, p, system_clock());
        JobQueue queue(c.store(), system_clock());
        while (!follow_stop_requested()) {
            retry_busy(g, std::cerr, "run", [&] {
                add(c.run_until_idle());
                return 0;
            });
            // Until the next due job (or a timer), at most --poll; new jobs of other processes wake
            // it at once on PostgreSQL.
            auto wait = poll;
            const auto now = SystemClock().now();
            for (const auto& org : c.store().list_organizations()) {
                if (auto due = queue.next_due(org.id)) {
                    wait = std::min(wait, std::max(Millis(0), std::chrono::duration_cast<Millis>(*due - now)));
                }
            }
            // In slices, so that a signal ends the wait soon.
            const auto until = std::chrono::steady_clock::now() + wait;
            while (!follow_stop_requested() && std::chrono::steady_clock::now() < until) {
                const auto left = std::chrono::duration_cast<Millis>(until - std::chrono::steady_clock::now());
                if (c.store().wait_for_work(std::min(left, Millis(500)))) break;
            }
        }
    } else if (o.advance.empty()) {
        retry_busy(g, std::cerr, "run", [&] {
            auto c = open_coordinator(g, p, system_clock());
            add(c.run_until_idle());
            return 0;
        });
    } else {
        const auto d = parse_duration(o.advance);
        auto clock = std::make_shared<ManualClock>(SystemClock().now());
        const auto until = clock->now() + d;
        retry_busy(g, std::cerr, "run", [&] {
            auto c = open_coordinator(g, p, clock);
            add(c.advance(std::max(Millis(0), std::chrono::duration_cast<Millis>(until - clock->now()))));
            return 0;
        });
    }
    out << "ran " << s.jobs_run << " job(s): " << s.jobs_failed << " failed attempt(s), " << s.jobs_dead
        << " dead-lettered, " << s.schedules_fired << " scheduled firing(s)\n";
    return 0;
}

int run_escalations(const GlobalOptions& g, const EscalationsOptions& o, std::ostream& out) {
    auto store = open_existing(g);
    const auto org = require_org(*store, o.org);
    const auto list = store->read_result([&](Transaction& tx) {
        return tx.list<Escalation>(org, {.status = o.all ? "" : "open"});
    });
    const auto now = SystemClock().now();
    if (o.json) {
        Json arr = Json::array();
        for (const auto& e : list) {
            Json j = e;
            j["overdue"] = is_overdue(e, now);
            arr.push_back(std::move(j));
        }
        out << arr.dump() << "\n";
        return 0;
    }
    if (list.empty()) {
        out << "No " << (o.all ? "" : "open ") << "escalations in " << org.str() << ".\n";
        return 0;
    }
    Table t({"id", "severity", "reason", "status", "work order", "sla due", "", "summary"});
    std::size_t overdue = 0;
    for (const auto& e : list) {
        const bool late = is_overdue(e, now);
        overdue += late;
        t.add({e.id.str(), std::string(enum_name(e.severity)), e.reason, std::string(enum_name(e.status)),
               e.work_order_id ? e.work_order_id->str() : "-", format_time(e.sla_due_at), late ? "OVERDUE" : "",
               ellipsize(e.summary, 70)});
    }
    t.print(out);
    if (overdue) out << overdue << " overdue (past their SLA)\n";
    return 0;
}

int run_resolve(const GlobalOptions& g, const ProviderOptions& p, const ResolveOptions& o, std::ostream& out) {
    auto c = open_coordinator(g, p, system_clock());
    const auto org = require_org(c.store(), o.org);
    Escalation e;
    if (!o.amount.empty() || !o.vendor.empty()) {
        // A structured approval: the decision's verdict, and the amount and vendor it covers.
        auto d = parse_approval_decision(o.decision);
        if (!o.amount.empty()) d.amount = check_amount(Money::parse(o.amount), "amount");
        if (!o.vendor.empty()) d.vendor_id = VendorId(o.vendor);
        if (!o.note.empty()) d.note = o.note;  // issue 20
        e = c.decide_approval(org, EscalationId(o.id), d, o.by);
    } else {
        e = c.resolve_escalation(org, EscalationId(o.id), o.decision, o.by, o.note);
    }
    const auto s = c.run_until_idle();
    out << "resolved " << e.id.str() << " (" << e.reason << (e.decision != o.decision ? ": " + e.decision : "")
        << "); ran " << s.jobs_run << " job(s)\n";
    return 0;
}

int run_assign(const GlobalOptions& g, const ProviderOptions& p, const AssignOptions& o, std::ostream& out) {
    std::optional<Money> amount;
    if (!o.amount.empty()) amount = check_amount(Money::parse(o.amount), "amount");
    auto c = open_coordinator(g, p, system_clock());
    const auto org = require_org(c.store(), o.org);
    const auto wo = c.assign_vendor(org, WorkOrderId(o.work_order), VendorId(o.vendor), amount, o.by, o.note);
    const auto s = c.run_until_idle();
    out << wo.id.str() << " is " << enum_name(wo.status) << " with " << o.vendor << " for "
        << wo.approved_amount.to_string() << "; ran " << s.jobs_run << " job(s)\n";
    return 0;
}

int run_queue(const GlobalOptions& g, const QueueOptions& o, std::ostream& out) {
    auto store = open_existing(g);
    std::vector<OrgId> orgs;
    if (!o.org.empty()) {
        orgs.push_back(require_org(*store, o.org));
    } else {
        for (const auto& org : store->list_organizations()) orgs.push_back(org.id);
    }
    JobQueue queue(*store, system_clock());
    Json rows = Json::array();
    for (const auto& org : orgs) {
        for (const auto& [type, c] : queue.counts_by_type(org)) {
            rows.push_back({{"org", org.str()}, {"type", type}, {"pending", c.pending},
                            {"running", c.running}, {"done", c.done}, {"dead", c.dead}});
        }
    }
    if (o.json) {
        out << rows.dump() << "\n";
        return 0;
    }
    if (rows.empty()) {
        out << "No jobs" << (o.org.empty() ? "" : " in " + o.org) << ".\n";
        return 0;
    }
    Table t({"org", "type", "pending", "running", "done", "dead"});
    for (const auto& r : rows) {
        t.add({r["org"].get<std::string>(), r["type"].get<std::string>(), r["pending"].dump(),
               r["running"].dump(), r["done"].dump(), r["dead"].dump()});
    }
    t.print(out);
    return 0;
}

int run_import(const GlobalOptions& g, const ImportOptions& o, std::ostream& out) {
    if (g.db.empty()) throw Error(ErrorCode::kInvalidArgument, "--db PATH is required");
    const auto doc = parse_json(read_text(o.file), o.file);
    auto store = is_postgres_url(g.db) ? open_postgres_store(g.db, postgres_options(g)) : open_sqlite_store(g.db);
    for (const auto& s : import_portfolio(*store, doc, SystemClock().now(), "cli")) {
        out << "imported " << s.org_id.str() << ": " << s.properties << " properties, " << s.units
            << " units, " << s.tenants << " tenants, " << s.leases << " leases, " << s.vendors
            << " vendors, " << s.compliance_items << " compliance items, " << s.knowledge_articles
            << " knowledge articles\n";
    }
    return 0;
}

}  // namespace propos::cli

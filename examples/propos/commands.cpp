#include "commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
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
namespace {

std::unique_ptr<Store> open_existing(const GlobalOptions& g) {
    if (g.db.empty()) throw Error(ErrorCode::kInvalidArgument, "--db PATH is required");
    if (!std::filesystem::exists(g.db)) {
        throw Error(ErrorCode::kNotFound, "database '" + g.db + "' does not exist (run `propos demo --db " +
                                              g.db + "` to create a sample one)");
    }
    return open_sqlite_store(g.db, {.create_if_missing = false});
}

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

int run_audit(const GlobalOptions& g, const AuditOptions& o, std::ostream& out, std::ostream& err) {
    auto store = open_existing(g);
    const auto org = require_org(*store, o.org);
    AuditLog log(*store);
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

namespace {
Coordinator open_coordinator(const GlobalOptions& g, const ProviderOptions& p, std::shared_ptr<Clock> clock) {
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.provider = make_provider(p);
    opts.clock = std::move(clock);
    return Coordinator(std::move(opts));
}
}  // namespace

int run_ingest(const GlobalOptions& g, const IngestOptions& o, std::ostream& out, std::ostream& err) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, "cannot read '" + o.file + "'");
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    const auto org = require_org(*opts.store, o.org);
    Coordinator c(std::move(opts));
    // Lines that are not a message (bad JSON, wrong field types, an unknown channel, a bad time) are
    // kept as dead letters with the reason; the others are ingested together (one commit).
    std::vector<IncomingMessage> batch;
    std::vector<std::string> where_of;
    std::string line;
    std::size_t n = 0, ok = 0, dup = 0, bad = 0, unknown = 0;
    auto reject = [&](const std::string& where, const std::string& why) {
        ++bad;
        err << "propos: error: " << where << ": " << why << "\n";
    };
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = o.file + ":" + std::to_string(n);
        try {
            auto m = parse_inbound_line(line, where, "cli").message;
            batch.push_back(std::move(m));
            where_of.push_back(where);
        } catch (const Error& e) {
            const auto id = c.dead_letter(org, "cli", "application/x-ndjson", line, e.what());
            reject(where, std::string(e.what()) + " (kept as dead letter " + std::to_string(id) + ")");
        }
    }
    const auto outcomes = c.ingest_batch(org, batch);
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
        const auto& r = outcomes[k];
        if (!r.result) {
            reject(where_of[k], r.error);
        } else if (r.result->duplicate) {
            ++dup;
        } else {
            ++ok;
            if (!r.result->tenant_id && !r.result->vendor_id) {
                ++unknown;
                err << "propos: warning: " << where_of[k] << ": sender matches no tenant or vendor in "
                    << org.str() << " (they get a 'who are you' reply, no work order)\n";
            }
        }
    }
    out << "ingested " << ok << " message(s) into " << org.str() << ", " << dup << " duplicate(s), " << bad
        << " rejected (kept as dead letters), " << unknown << " from unknown senders; run `propos run --db "
        << g.db << "` to process them\n";
    return bad ? 1 : 0;
}

int run_run(const GlobalOptions& g, const ProviderOptions& p, const RunOptions& o, std::ostream& out) {
    RunStats s;
    if (o.advance.empty()) {
        auto c = open_coordinator(g, p, system_clock());
        s = c.run_until_idle();
    } else {
        const auto d = parse_duration(o.advance);
        auto clock = std::make_shared<ManualClock>(SystemClock().now());
        auto c = open_coordinator(g, p, clock);
        s = c.advance(d);
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
        e = c.decide_approval(org, EscalationId(o.id), d, o.by);
    } else {
        e = c.resolve_escalation(org, EscalationId(o.id), o.decision, o.by);
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
    const auto wo = c.assign_vendor(org, WorkOrderId(o.work_order), VendorId(o.vendor), amount, o.by);
    const auto s = c.run_until_idle();
    out << wo.id.str() << " is " << enum_name(wo.status) << " with " << o.vendor << " for "
        << wo.approved_amount.to_string() << "; ran " << s.jobs_run << " job(s)\n";
    return 0;
}

int run_import(const GlobalOptions& g, const ImportOptions& o, std::ostream& out) {
    if (g.db.empty()) throw Error(ErrorCode::kInvalidArgument, "--db PATH is required");
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, "cannot read '" + o.file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    const auto doc = parse_json(ss.str(), o.file);
    auto store = open_sqlite_store(g.db);
    for (const auto& s : import_portfolio(*store, doc, SystemClock().now(), "cli")) {
        out << "imported " << s.org_id.str() << ": " << s.properties << " properties, " << s.units
            << " units, " << s.tenants << " tenants, " << s.leases << " leases, " << s.vendors
            << " vendors, " << s.compliance_items << " compliance items, " << s.knowledge_articles
            << " knowledge articles\n";
    }
    return 0;
}

}  // namespace propos::cli

#include "commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "output.hpp"
#include "propos/propos.hpp"

extern const char kEmbeddedPortfolio[];

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

int run_demo(const DemoOptions& o, std::ostream& out) {
    auto store = open_sqlite_store(o.db);
    const auto doc = parse_json(kEmbeddedPortfolio, "embedded sample portfolio");
    const auto now = ManualClock::default_start();
    const auto summaries = import_portfolio(*store, doc, now, "demo");

    out << "PropOS " << kVersion << " demo (offline; database: " << o.db << ")\n\n";
    out << "Sample portfolio loaded:\n";
    Table t({"org", "name", "properties", "units", "tenants", "leases", "vendors", "compliance"});
    for (const auto& s : summaries) {
        t.add({s.org_id.str(), s.name, std::to_string(s.properties), std::to_string(s.units),
               std::to_string(s.tenants), std::to_string(s.leases), std::to_string(s.vendors),
               std::to_string(s.compliance_items)});
    }
    t.print(out);

    out << "\nVendors on the after-hours (emergency) list:\n";
    Table v({"org", "vendor", "trades", "hourly", "insurance"});
    for (const auto& s : summaries) {
        store->read([&](Transaction& tx) {
            for (const auto& vendor : tx.list<Vendor>(s.org_id)) {
                if (!vendor.after_hours) continue;
                std::string trades;
                for (const auto& tr : vendor.trades) trades += (trades.empty() ? "" : ",") + tr;
                const bool insured = vendor.insurance_expires && *vendor.insurance_expires > now;
                v.add({s.org_id.str(), vendor.name, trades, vendor.hourly_rate.to_string(),
                       insured ? "valid" : "EXPIRED"});
            }
        });
    }
    v.print(out);

    out << "\nAudit log:\n";
    bool all_ok = true;
    AuditLog log(*store);
    for (const auto& s : summaries) {
        const auto r = log.verify(s.org_id);
        all_ok = all_ok && r.ok;
        out << "  " << s.org_id.str() << ": " << r.entries << " entries, "
            << (r.ok ? "chain verified" : "BROKEN: " + r.problem) << "\n";
    }
    out << "\nNext: propos workorders --db " << o.db << " --org " << summaries.front().org_id.str()
        << "    propos audit --db " << o.db << " --org " << summaries.front().org_id.str()
        << " --verify\n";
    return all_ok ? 0 : 1;
}

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
            << " vendors, " << s.compliance_items << " compliance items\n";
    }
    return 0;
}

}  // namespace propos::cli

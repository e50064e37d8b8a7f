// `propos leases` (see leases_command.hpp).
#include "leases_command.hpp"

#include <ostream>

#include "output.hpp"
#include "propos/workflows/renewal.hpp"

namespace propos::cli {

int run_leases(const GlobalOptions& g, const LeasesOptions& o, std::ostream& out) {
    if (o.org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    std::optional<Millis> within;
    if (!o.expiring_within.empty()) {
        within = parse_duration(o.expiring_within);
        if (within->count() <= 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        "--expiring-within must be a positive duration (e.g. 90d), got '" + o.expiring_within + "'");
        }
    }
    auto store = open_existing(g);
    const OrgId org(o.org);
    store->read([&](Transaction& tx) { tx.require_organization(org); });
    const auto leases = expiring_leases(*store, org, SystemClock().now(), within);
    if (o.json) {
        Json arr = Json::array();
        for (const auto& e : leases) {
            arr.push_back({{"id", e.lease.id.str()},
                           {"unit_id", e.lease.unit_id.str()},
                           {"tenant_id", e.tenant_id ? Json(e.tenant_id->str()) : Json(nullptr)},
                           {"ends_at", format_time(e.lease.end)},
                           {"renewal_status", enum_name(e.lease.renewal_status)}});
        }
        out << arr.dump() << "\n";
        return 0;
    }
    if (leases.empty()) {
        out << "No leases in " << org.str()
            << (o.expiring_within.empty() ? " that have not ended" : " ending within " + o.expiring_within) << ".\n";
        return 0;
    }
    Table t({"id", "unit", "tenant", "ends", "rent", "renewal", "offered rent", "reply by"});
    for (const auto& e : leases) {
        const auto& l = e.lease;
        t.add({l.id.str(), l.unit_id.str(), e.tenant_id ? e.tenant_id->str() : "-", format_time(l.end).substr(0, 10),
               l.monthly_rent.to_string(), std::string(enum_name(l.renewal_status)),
               l.renewal_rent.in_cents() ? l.renewal_rent.to_string() : "-",
               l.renewal_reply_by ? format_time(*l.renewal_reply_by).substr(0, 10) : "-"});
    }
    t.print(out);
    return 0;
}

}  // namespace propos::cli

// `propos leases`: an organization's leases that have not ended, soonest end first, with their
// renewal state (the lease-renewal workflow, propos/workflows/renewal.hpp).
#pragma once

#include <iosfwd>
#include <string>

#include "commands.hpp"

namespace propos::cli {

struct LeasesOptions {
    std::string org;
    std::string expiring_within;  ///< A duration ("90d"); empty: every lease that has not ended.
    bool json = false;            ///< Print a JSON list of {"id","unit_id","tenant_id","ends_at","renewal_status"}.
};

/// Prints the leases of `o.org` in the database `g.db` that end after now (and within
/// `o.expiring_within` when given), soonest first: a table, or with `json` a JSON list where
/// `tenant_id` is the first tenant (null when none) and `ends_at` is ISO-8601 UTC. Returns 0;
/// throws propos::Error for a missing or unknown organization or a bad duration.
int run_leases(const GlobalOptions& g, const LeasesOptions& o, std::ostream& out);

}  // namespace propos::cli

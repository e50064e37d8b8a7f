// The compliance part of `propos demo`: a tenant answers a January notice, an item is completed with
// its proof, and the summary gets a `Compliance` section with a block per organization.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "propos/coordinator.hpp"
#include "propos/store/portfolio_import.hpp"

namespace propos::cli {

/// What the demo did by hand, for the summary.
struct ComplianceDemo {
    std::map<std::string, std::string> completed;  ///< Organization id -> "item id (sha256 ...), next due ...".
};

/// After the simulated days: one tenant with a notice awaiting a reply answers "No" by SMS, and the
/// first at-risk item of each organization that needs no outside visit is completed with a proof.
ComplianceDemo play_compliance(Coordinator& c, const std::vector<OrgId>& orgs);

/// Prints the `Compliance` section: per organization its items by status and jurisdiction, the
/// jurisdiction warnings (a property the generic pack covers), notices sent and replies, the
/// escalations, the item completed with its proof, and the legal repair deadlines on work orders.
void print_compliance_section(Coordinator& c, const std::vector<ImportSummary>& orgs, const ComplianceDemo& demo,
                              std::ostream& out);

}  // namespace propos::cli

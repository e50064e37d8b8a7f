// The compliance part of `propos demo`: a tenant answers a January notice, an item is completed with
// its proof, and each organization's summary gets a `Compliance` section.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "propos/coordinator.hpp"

namespace propos::cli {

/// What the demo did by hand, for the summary.
struct ComplianceDemo {
    std::vector<std::string> completed;  ///< "item id (sha256 ...), next due ...", one per organization.
};

/// After the simulated days: one tenant with a notice awaiting a reply answers "No" by SMS, and the
/// first at-risk item of each organization that needs no outside visit is completed with a proof.
ComplianceDemo play_compliance(Coordinator& c, const std::vector<OrgId>& orgs);

/// Prints the `Compliance` section of one organization's summary.
void print_compliance(Coordinator& c, const OrgId& org, const ComplianceDemo& demo, std::ostream& out);

}  // namespace propos::cli

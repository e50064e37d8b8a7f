// The workflow sections of `propos demo`'s summary (issue 17): `== Compliance ==`, `== Renewals ==`,
// `== Onboarding ==` and `== Cadences ==`, each with one block per organization — a heading line
// "<id> (<name>):" and indented lines of figures, then what was answered, checked or sent.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "propos/coordinator.hpp"
#include "propos/store/portfolio_import.hpp"

namespace propos::cli {

/// "a 2, b 1" (by key), or "none".
std::string counts_text(const std::map<std::string, int>& counts);

/// "<id> (<name>):", the first line of an organization's block in a section.
std::string org_heading(const ImportSummary& org);

/// The `Renewals` section: offers, reminders, the answers read, leases by renewal status, and each
/// offer a tenant answered with the answer and where the lease stands now.
void print_renewals_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out);

/// The `Onboarding` section: move-ins, items done, proofs, reminders, overdue items, each lease.
void print_onboarding_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out);

/// The `Cadences` section: enrolments by purpose and status, follow-up messages sent by step, and the
/// enrolments a reply cancelled.
void print_cadences_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out);

}  // namespace propos::cli

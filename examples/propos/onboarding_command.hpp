// `propos onboarding`: an organization's move-in checklists (onboardings) — list them, start one
// for a lease, check or waive an item (with a proof document), show or set the organization's
// checklist.
#pragma once

#include <iosfwd>
#include <string>

#include "commands.hpp"

namespace CLI {
class App;
}

namespace propos::cli {

struct OnboardingOptions {
    std::string org;
    std::string lease;          ///< --lease: list only this lease's; the lease of --check.
    bool json = false;          ///< JSON output (see docs/cli.md).
    std::string start;          ///< --start LEASE: start the onboarding of a lease.
    std::string check;          ///< --check ITEM: check an item of --lease's onboarding.
    std::string proof;          ///< --proof FILE: the document proving the item.
    std::string note;           ///< --note TEXT
    bool waive = false;         ///< --waive: the item does not apply (needs --note).
    std::string by = "cli";     ///< --by WHO
    std::string set_checklist;  ///< --set-checklist FILE
    bool show_checklist = false;
};

/// Adds the `onboarding` subcommand and its options to `app`; returns it.
CLI::App* add_onboarding_command(CLI::App& app, OnboardingOptions& o);

/// Runs it against the database `g.db`. Proof documents are kept in the folder `<db>.blobs/<org>/`
/// beside the database. Returns 0; throws propos::Error on failure (unknown organization, lease,
/// item; a checklist file that fails its schema: the error names the file and the field).
int run_onboarding(const GlobalOptions& g, const OnboardingOptions& o, std::ostream& out);

}  // namespace propos::cli

// `propos compliance`: an organization's compliance items (imported and from the jurisdiction rule
// packs), and the subcommands that complete an item with its proof and show a property's calendar.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace propos::cli {

struct ComplianceOptions {
    std::string org;
    std::string due_within;  ///< Only items due within this duration from now (overdue included).
    bool json = false;       ///< Print a JSON list of {"id","property_id","kind","due_at","status","jurisdiction"}.
    bool open = false;       ///< Only items not done or waived.
    bool check = false;      ///< Run the daily compliance check first.
    // complete
    std::string id;
    std::string by = "cli";
    std::string note;
    std::vector<std::string> proofs;  ///< Files attached before completing.
    // calendar
    std::string property;
    std::string from;  ///< ISO-8601 time or date; default now.
    std::string to;    ///< Default: from + 365 days.
};

/// The subcommands it added (to find which one ran).
struct ComplianceCommand {
    CLI::App* list = nullptr;
    CLI::App* complete = nullptr;
    CLI::App* calendar = nullptr;
};

/// Adds `compliance` (with `complete` and `calendar`) to `app`.
ComplianceCommand add_compliance_command(CLI::App& app, ComplianceOptions& o);

/// Runs whichever part of `compliance` was given. Returns 0; throws propos::Error on failure
/// (unknown organization, item or property, bad duration, a proof missing where the rule needs one).
int run_compliance(const GlobalOptions& g, const ComplianceCommand& cmd, const ComplianceOptions& o, std::ostream& out);

}  // namespace propos::cli

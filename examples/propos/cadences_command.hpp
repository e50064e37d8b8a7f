// `propos cadences`: follow-up cadences of an organization — list, enrol, preview, skip,
// reschedule, cancel, the message log and the organization's own definitions
// (propos/workflows/cadence.hpp; docs/cli.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "commands.hpp"

namespace CLI {
class App;
}

namespace propos::cli {

struct CadencesOptions {
    std::string org;
    bool json = false;
    // list
    std::string status;
    std::string tenant;
    std::string purpose;
    // enrol / preview
    std::string cadence;
    std::vector<std::string> refs;  ///< KEY=VALUE: work_order_id, lease_id, document...
    // cancel / skip / reschedule / log / preview
    std::string id;
    std::string step;
    std::string at;     ///< reschedule: the new time (ISO-8601)
    bool rest = false;  ///< reschedule: move the later pending steps by the same amount
    std::string by = "cli";
    std::string reason = "cancelled";
    // definitions
    std::string set_file;
};

/// Adds the `cadences` command and its subcommands to `app`; returns it.
CLI::App* add_cadences_command(CLI::App& app, CadencesOptions& options);

/// Runs the subcommand of `cadences_command` that was given. Returns 0; throws propos::Error for a
/// handled failure (unknown organization, enrolment, step...).
int run_cadences(const GlobalOptions& g, const ProviderOptions& p, const CLI::App& cadences_command,
                 const CadencesOptions& o, std::ostream& out);

}  // namespace propos::cli

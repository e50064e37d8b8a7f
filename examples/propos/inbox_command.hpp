// `propos inbox` (issue 23): the raw inbound payloads of an organization that need a person's
// eye — left "received" by a crash (the Coordinator replays them at its next start) or "dead"
// (kept with the reason they could not be handled) — and, with --rejected, the webhook requests
// refused before anything was stored (counts per source and hour, with their samples).
#pragma once

#include <iosfwd>
#include <string>

#include "commands.hpp"

namespace propos::cli {

struct InboxOptions {
    std::string org;
    /// "received", "dead", "processed" or "all"; empty: received and dead.
    std::string status;
    bool rejected = false;  ///< List the refused webhook requests instead.
    bool json = false;
};

/// Prints the raw payloads of `o.org` in `g.db`, oldest first: a table, or with `json` a JSON list
/// of {"id","source","content_type","status","received_at","bytes","error"}. With `rejected`:
/// a table, or a JSON list of {"source","hour","count","bytes","by_status","first_at","last_at",
/// "samples":[{"at","status","reason","bytes","head"}]} (head: the sample's first bytes, invalid
/// UTF-8 replaced). Returns 0; throws propos::Error for a missing or unknown organization or a
/// bad status.
int run_inbox(const GlobalOptions& g, const InboxOptions& o, std::ostream& out);

}  // namespace propos::cli

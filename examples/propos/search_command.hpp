// `propos search`: semantic + keyword search over an organization's history (messages, work orders
// with their resolution, vendor and cost, notes), with the built-in embedder.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "commands.hpp"

namespace propos::cli {

struct SearchOptions {
    std::string org;
    std::size_t k = 10;              ///< Results wanted, 1..1000.
    std::vector<std::string> kinds;  ///< "message", "work_order", "note"; empty: all.
    bool json = false;               ///< Print a JSON list of {"id","kind","org","score","text"}.
    bool reindex = false;            ///< Re-embed the organization's history before searching.
    std::vector<std::string> words;  ///< The query, joined with spaces.
};

/// Searches `o.org` in the database `g.db` and prints the ranked results to `out`: a table with
/// scores, or with `json` a JSON list best first. The organization's search documents are first
/// brought up to date with its records (`HistorySearch::reindex_if_stale`, or `reindex` with
/// `o.reindex`), so it works on any database, including one written without search. Returns 0;
/// throws propos::Error on failure (unknown organization, empty query, model mismatch...).
int run_search(const GlobalOptions& g, const SearchOptions& o, std::ostream& out);

}  // namespace propos::cli

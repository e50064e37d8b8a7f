// `propos note` (issue 20): add a person's note to a work order, or list its notes and the staff
// decisions made on it.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "commands.hpp"

namespace CLI {
class App;
}

namespace propos::cli {

struct NoteOptions {
    std::string org;
    std::string work_order;
    std::vector<std::string> words;  ///< The note, joined with spaces; empty: list instead.
    std::string by = "cli";          ///< Who writes it.
    bool json = false;
};

/// Registers `propos note --org ORG WORK_ORDER [TEXT...] [--by NAME] [--json]` on `app`.
CLI::App* add_note_command(CLI::App& app, NoteOptions& o);

/// With text: adds it as a note on the work order (`Coordinator::add_work_order_note`: validated,
/// audited, an event, searchable as kind "note") and prints the note's id. Without: prints the work
/// order's notes and staff decisions, oldest first (`--json`: {"notes":[...],"decisions":[...]}).
/// Returns 0; throws propos::Error on failure (unknown organization or work order, empty or too
/// long text).
int run_note(const GlobalOptions& g, const NoteOptions& o, std::ostream& out);

}  // namespace propos::cli

#include "note_command.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

#include "output.hpp"
#include "propos/coordinator.hpp"

namespace propos::cli {

CLI::App* add_note_command(CLI::App& app, NoteOptions& o) {
    auto* cmd = app.add_subcommand(
        "note", "Add a note to a work order (searchable, audited), or list its notes and staff decisions");
    cmd->add_option("--org", o.org, "Organization id")->required();
    cmd->add_option("work_order", o.work_order, "Work order id")->required();
    cmd->add_option("text", o.words, "The note (omit to list the work order's notes and decisions)");
    cmd->add_option("--by", o.by, "Who writes the note")->default_val("cli");
    cmd->add_flag("--json", o.json, "JSON output");
    return cmd;
}

int run_note(const GlobalOptions& g, const NoteOptions& o, std::ostream& out) {
    if (o.org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.history_search = false;  // indexed by the next `propos search` or `propos run`
    use_compliance_packs(g.compliance_packs, opts);  // --compliance-pack
    Coordinator c(std::move(opts));
    const OrgId org(o.org);
    c.store().read([&](Transaction& tx) { tx.require_organization(org); });
    const WorkOrderId wo(o.work_order);
    if (!o.words.empty()) {
        std::string text;
        for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
        const auto n = c.add_work_order_note(org, wo, o.by, text);
        if (o.json) {
            out << Json(n).dump() << "\n";
        } else {
            out << "added note " << n.id.str() << " to " << wo.str() << "\n";
        }
        return 0;
    }
    const auto notes = c.work_order_notes(org, wo);
    const auto decisions = c.staff_decisions(org, wo.str());
    if (o.json) {
        out << Json{{"notes", notes}, {"decisions", decisions}}.dump() << "\n";
        return 0;
    }
    out << "Notes on " << wo.str() << ": " << notes.size() << "\n";
    if (!notes.empty()) {
        Table t({"at", "by", "note"});
        for (const auto& n : notes) t.add({format_time(n.at), n.author, ellipsize(n.text, 100)});
        t.print(out);
    }
    out << "Staff decisions on " << wo.str() << ": " << decisions.size() << "\n";
    if (!decisions.empty()) {
        Table t({"at", "by", "kind", "decision", "note"});
        for (const auto& d : decisions) {
            t.add({format_time(d.at), d.decided_by, d.kind, ellipsize(d.decision, 60), ellipsize(d.note, 60)});
        }
        t.print(out);
    }
    return 0;
}

}  // namespace propos::cli

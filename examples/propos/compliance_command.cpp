#include "compliance_command.hpp"

#include <filesystem>
#include <ostream>

#include "output.hpp"
#include "propos/coordinator.hpp"
#include "propos/propos.hpp"

namespace propos::cli {
namespace {

// A Coordinator on the existing database whose proofs are kept beside it ("<db>.proofs/<org>"), or
// under --blob-dir.
Coordinator open_for(const GlobalOptions& g, const std::string& org) {
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.compliance.proof_store =
        std::shared_ptr<channels::BlobStore>(channels::make_local_blob_store(blob_dir_for(g, "proofs", org)));
    use_compliance_packs(g.compliance_packs, opts);  // --compliance-pack
    choose_embedder(g, opts);  // the history search's embedder (issue 20)
    return Coordinator(std::move(opts));
}

OrgId checked_org(Coordinator& c, const std::string& org) {
    if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    c.store().read([&](Transaction& tx) { tx.require_organization(OrgId(org)); });
    return OrgId(org);
}

Timestamp time_arg(const std::string& text, Timestamp fallback, const char* what) {
    if (text.empty()) return fallback;
    try {
        return parse_time(text.size() == 10 ? text + "T00:00:00Z" : text);
    } catch (const Error&) {
        throw Error(ErrorCode::kInvalidArgument, std::string(what) + " '" + text +
                                                     "' is not a date or ISO-8601 time (e.g. 2026-01-31)");
    }
}

}  // namespace

ComplianceCommand add_compliance_command(CLI::App& app, ComplianceOptions& o) {
    ComplianceCommand cmd;
    cmd.list = app.add_subcommand("compliance", "List compliance items; complete one with its proof; show a calendar");
    cmd.list->fallthrough();
    cmd.list->require_subcommand(0, 1);
    cmd.list->add_option("--org", o.org, "Organization id")->required();
    cmd.list->add_option("--due-within", o.due_within, "Only items due within this time from now (e.g. 30d)");
    cmd.list->add_flag("--json", o.json,
                       "Print a JSON list of {\"id\",\"property_id\",\"kind\",\"due_at\",\"status\",\"jurisdiction\"}");
    cmd.list->add_flag("--open", o.open, "Only items not done or waived");
    cmd.list->add_flag("--check", o.check, "Run the daily compliance check first");
    cmd.complete = cmd.list->add_subcommand("complete", "Mark an item done (attaching proof files first)");
    cmd.complete->add_option("id", o.id, "Compliance item id")->required();
    cmd.complete->add_option("--proof", o.proofs, "A document or photo to attach (repeatable)")
        ->check(CLI::ExistingFile);
    cmd.complete->add_option("--by", o.by, "Who did it")->default_val("cli");
    cmd.complete->add_option("--note", o.note, "A note kept with the completion");
    cmd.calendar = cmd.list->add_subcommand("calendar", "A property's deadline calendar from the rule packs");
    cmd.calendar->add_option("--property", o.property, "Property id")->required();
    cmd.calendar->add_option("--from", o.from, "Start (date or ISO-8601 time; default now)");
    cmd.calendar->add_option("--to", o.to, "End (default: a year after the start)");
    return cmd;
}

int run_compliance(const GlobalOptions& g, const ComplianceCommand& cmd, const ComplianceOptions& o,
                   std::ostream& out) {
    std::optional<Millis> within;
    if (!o.due_within.empty()) {
        within = parse_duration(o.due_within);
        if (within->count() < 0) throw Error(ErrorCode::kInvalidArgument, "--due-within must not be negative");
    }
    auto c = open_for(g, o.org);
    const auto org = checked_org(c, o.org);
    const auto now = c.clock().now();

    if (*cmd.complete) {
        for (const auto& f : o.proofs) {
            const auto item = c.attach_compliance_proof_file(org, ComplianceItemId(o.id), f, "", o.by);
            out << "attached " << f << " (sha256 " << item.proofs.back().sha256 << ")\n";
        }
        const auto item = c.complete_compliance_item(org, ComplianceItemId(o.id), o.by, o.note);
        out << "completed " << item.id.str() << " (" << item.kind << ")\n";
        return 0;
    }
    if (*cmd.calendar) {
        const auto from = time_arg(o.from, now, "--from");
        const auto to = time_arg(o.to, from + std::chrono::hours(24 * 365), "--to");
        const auto occ = c.compliance_calendar(org, PropertyId(o.property), from, to);
        if (o.json) {
            Json arr = Json::array();
            for (const auto& x : occ) {
                arr.push_back({{"rule_id", x.rule_id},
                               {"kind", x.kind},
                               {"unit_id", x.unit_id ? Json(x.unit_id->str()) : Json()},
                               {"window_start", x.window_start ? Json(format_time(*x.window_start)) : Json()},
                               {"due_at", format_time(x.due_at)},
                               {"jurisdiction", x.jurisdiction},
                               {"source", x.source},
                               {"confirmed", x.confirmed}});
            }
            out << arr.dump() << "\n";
            return 0;
        }
        Table t({"due", "kind", "unit", "recurrence", "source"});
        for (const auto& x : occ) {
            t.add({format_time(x.due_at), x.kind + (x.confirmed ? "" : " *"), x.unit_id ? x.unit_id->str() : "-",
                   x.recurrence, ellipsize(x.source, 50)});
        }
        if (t.empty()) out << "No compliance deadlines for " << o.property << " in that period.\n";
        else t.print(out);
        return 0;
    }

    if (o.check) c.check_compliance(org);
    ComplianceQuery q;
    q.open_only = o.open;
    if (within) q.due_before = now + *within;
    const auto items = c.compliance_items(org, q);
    // Imported items name no jurisdiction: their property's.
    std::map<std::string, std::string> jurisdictions;
    c.store().read([&](Transaction& tx) {
        for (const auto& p : tx.list<Property>(org)) jurisdictions[p.id.str()] = jurisdiction_of(p);
    });
    auto jurisdiction = [&](const ComplianceItem& i) {
        return i.jurisdiction.empty() ? jurisdictions[i.property_id.str()] : i.jurisdiction;
    };
    if (o.json) {
        Json arr = Json::array();
        for (const auto& i : items) {
            arr.push_back({{"id", i.id.str()},
                           {"property_id", i.property_id.str()},
                           {"kind", i.kind},
                           {"due_at", format_time(i.due_at)},
                           {"status", enum_name(i.status)},
                           {"jurisdiction", jurisdiction(i)}});
        }
        out << arr.dump() << "\n";
        return 0;
    }
    if (items.empty()) {
        out << "No compliance items in " << org.str() << (within ? " due within " + o.due_within : "") << ".\n";
        return 0;
    }
    Table t({"id", "property", "unit", "kind", "due", "status", "jurisdiction", "proofs"});
    for (const auto& i : items) {
        t.add({i.id.str(), i.property_id.str(), i.unit_id ? i.unit_id->str() : "-", i.kind, format_time(i.due_at),
               std::string(enum_name(i.status)), jurisdiction(i), std::to_string(i.proofs.size())});
    }
    t.print(out);
    return 0;
}

}  // namespace propos::cli

#include "onboarding_command.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include "output.hpp"
#include "propos/propos.hpp"

namespace propos::cli {
namespace {

Json item_json(const OnboardingItem& i, Timestamp now) {
    return Json{{"key", i.key},
                {"title", i.title},
                {"actor", i.actor},
                {"status", enum_name(i.status)},
                {"due_at", format_time(i.due_at)},
                {"done_at", i.done_at ? Json(format_time(*i.done_at)) : Json(nullptr)},
                {"done_by", i.done_by},
                {"proof_required", i.proof_required},
                {"proof_sha256", i.proof_sha256},
                {"rule", i.rule},
                {"overdue", i.status == OnboardingItemStatus::kOpen && i.due_at < now}};
}

Json onboarding_json(const Onboarding& o, Timestamp now) {
    Json items = Json::array();
    for (const auto& i : o.items) items.push_back(item_json(i, now));
    Json tenants = Json::array();
    for (const auto& t : o.tenant_ids) tenants.push_back(t.str());
    return Json{{"id", o.id},
                {"lease_id", o.lease_id.str()},
                {"unit_id", o.unit_id.str()},
                {"tenant_ids", tenants},
                {"jurisdiction", o.jurisdiction},
                {"checklist", o.checklist},
                {"move_in_at", format_time(o.move_in_at)},
                {"status", enum_name(o.status)},
                {"started_at", format_time(o.started_at)},
                {"completed_at", o.completed_at ? Json(format_time(*o.completed_at)) : Json(nullptr)},
                {"reminders_sent", o.reminders_sent},
                {"items", items}};
}

std::string read_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kNotFound, what + " '" + path + "' cannot be read");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void print_onboarding(const Onboarding& o, Timestamp now, std::ostream& out) {
    std::size_t done = 0;
    for (const auto& i : o.items) done += i.status != OnboardingItemStatus::kOpen;
    out << o.id << "  lease " << o.lease_id.str() << "  unit " << o.unit_id.str() << "  move-in "
        << format_time(o.move_in_at).substr(0, 10) << "  " << enum_name(o.status) << "  " << done << "/"
        << o.items.size() << " items  (" << o.jurisdiction << ", " << o.checklist << ", " << o.reminders_sent
        << " reminders)\n";
    Table t({"item", "actor", "status", "due", "", "done by", "proof"});
    for (const auto& i : o.items) {
        const bool late = i.status == OnboardingItemStatus::kOpen && i.due_at < now;
        t.add({i.key, i.actor, std::string(enum_name(i.status)), format_time(i.due_at).substr(0, 10),
               late ? "OVERDUE" : "", i.done_by.empty() ? "-" : i.done_by,
               i.proof_sha256.empty() ? (i.proof_required ? "needed" : "-") : i.proof_sha256.substr(0, 12)});
    }
    t.print(out);
}

}  // namespace

CLI::App* add_onboarding_command(CLI::App& app, OnboardingOptions& o) {
    auto* cmd = app.add_subcommand("onboarding", "Move-in checklists: list, start, check items, set the checklist");
    cmd->add_option("--org", o.org, "Organization id")->required();
    cmd->add_option("--lease", o.lease, "Only this lease's onboarding (the lease of --check)");
    cmd->add_flag("--json", o.json, "Print JSON (a list of onboardings with their items)");
    cmd->add_option("--start", o.start, "Start the onboarding of this lease");
    cmd->add_option("--check", o.check, "Check this item of --lease's onboarding");
    cmd->add_option("--proof", o.proof, "With --check: the document that proves the item")->check(CLI::ExistingFile);
    cmd->add_option("--note", o.note, "With --check: a note (required with --waive)");
    cmd->add_flag("--waive", o.waive, "With --check: the item does not apply here (say why in --note)");
    cmd->add_option("--by", o.by, "Who acts")->default_val("cli");
    cmd->add_option("--set-checklist", o.set_checklist, "Make this checklist JSON file the organization's own")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--show-checklist", o.show_checklist, "Print the organization's checklist (JSON)");
    return cmd;
}

int run_onboarding(const GlobalOptions& g, const OnboardingOptions& o, std::ostream& out) {
    if (o.org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    const int actions = !o.start.empty() + !o.check.empty() + !o.set_checklist.empty() + o.show_checklist;
    if (actions > 1) {
        throw Error(ErrorCode::kInvalidArgument,
                    "give one of --start, --check, --set-checklist and --show-checklist at a time");
    }
    if (!o.check.empty() && o.lease.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "--check ITEM needs --lease ID (the onboarding's lease)");
    }
    if (o.check.empty() && (!o.proof.empty() || o.waive || !o.note.empty())) {
        throw Error(ErrorCode::kInvalidArgument, "--proof, --note and --waive go with --check ITEM");
    }
    const OrgId org(o.org);
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.store->read([&](Transaction& tx) { tx.require_organization(org); });
    opts.history_search = false;
    use_compliance_packs(g.compliance_packs, opts);  // --compliance-pack
    // Proof documents live beside the database, one folder per organization.
    if (!o.proof.empty()) {
        opts.integrations.organizations[o.org].blob_store =
            channels::make_local_blob_store(blob_dir_for(g, "blobs", o.org));
    }
    Coordinator c(std::move(opts));
    const auto now = c.clock().now();

    if (o.show_checklist) {
        out << c.onboarding_checklist(org).source.dump(2) << "\n";
        return 0;
    }
    if (!o.set_checklist.empty()) {
        const auto doc = load_checklist_file(o.set_checklist);  // names the file and the field
        const auto set = c.set_onboarding_checklist(org, doc.source, o.by);
        if (o.json) {
            out << Json{{"name", set.name}, {"version", set.version}, {"items", set.items.size()}}.dump() << "\n";
        } else {
            out << "Checklist '" << set.name << "' v" << set.version << " (" << set.items.size()
                << " items) is now the checklist of " << org.str() << ".\n";
        }
        return 0;
    }
    if (!o.start.empty()) {
        const auto started = c.start_onboarding(org, LeaseId(o.start), o.by);
        if (o.json) {
            out << Json::array({onboarding_json(started, now)}).dump() << "\n";
        } else {
            print_onboarding(started, now, out);
            out << "Run `propos run --db " << g.db << "` to deliver the welcome message.\n";
        }
        return 0;
    }
    if (!o.check.empty()) {
        const auto list = c.onboardings(org, o.lease);
        if (list.empty()) {
            throw Error(ErrorCode::kNotFound, "lease '" + o.lease + "' has no onboarding in " + org.str() +
                                                  " (start one with --start " + o.lease + ")");
        }
        OnboardingCheck check{.checked_by = o.by, .proof_blob_key = {}, .note = o.note, .waive = o.waive};
        const auto after = o.proof.empty()
                               ? c.check_onboarding_item(org, list.front().id, o.check, check)
                               : c.check_onboarding_item(org, list.front().id, o.check, check,
                                                         read_file(o.proof, "proof file"));
        if (o.json) {
            out << Json::array({onboarding_json(after, now)}).dump() << "\n";
        } else {
            print_onboarding(after, now, out);
        }
        return 0;
    }
    const auto list = c.onboardings(org, o.lease);
    if (o.json) {
        Json arr = Json::array();
        for (const auto& x : list) arr.push_back(onboarding_json(x, now));
        out << arr.dump() << "\n";
        return 0;
    }
    if (list.empty()) {
        out << "No onboardings in " << org.str() << (o.lease.empty() ? "" : " for lease " + o.lease) << ".\n";
        return 0;
    }
    for (const auto& x : list) {
        print_onboarding(x, now, out);
        out << "\n";
    }
    return 0;
}

}  // namespace propos::cli

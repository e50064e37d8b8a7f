#include "cadences_command.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include "output.hpp"
#include "propos/coordinator.hpp"
#include "providers.hpp"

namespace propos::cli {
namespace {

std::string when(const std::optional<Timestamp>& t) { return t ? format_time(*t) : "-"; }
Json json_time(const std::optional<Timestamp>& t) { return t ? Json(format_time(*t)) : Json(nullptr); }

std::map<std::string, std::string> parse_refs(const std::vector<std::string>& refs) {
    std::map<std::string, std::string> out;
    for (const auto& r : refs) {
        const auto eq = r.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw Error(ErrorCode::kInvalidArgument, "--ref '" + r + "': expected KEY=VALUE (e.g. document=renter's insurance)");
        }
        out[r.substr(0, eq)] = r.substr(eq + 1);
    }
    return out;
}

Json summary(const CadenceEnrollment& e) {
    std::size_t sent = 0;
    const CadenceEnrollmentStep* next = nullptr;
    for (const auto& st : e.steps) {
        sent += st.status == CadenceStepStatus::kSent;
        if (!next && st.status == CadenceStepStatus::kPending) next = &st;
    }
    return Json{{"id", e.id},
                {"tenant_id", e.tenant_id.str()},
                {"purpose", e.purpose},
                {"cadence", e.cadence},
                {"status", enum_name(e.status)},
                {"enrolled_at", format_time(e.enrolled_at)},
                {"next_step", next ? Json(next->name) : Json(nullptr)},
                {"next_due_at", next ? Json(format_time(next->due_at)) : Json(nullptr)},
                {"steps_sent", sent},
                {"steps_total", e.steps.size()},
                {"end_reason", e.end_reason}};
}

void print_enrollments(const std::vector<CadenceEnrollment>& all, bool json, std::ostream& out) {
    if (json) {
        Json arr = Json::array();
        for (const auto& e : all) arr.push_back(summary(e));
        out << arr.dump() << "\n";
        return;
    }
    Table t({"id", "tenant", "purpose", "cadence", "status", "sent", "next step", "due"});
    for (const auto& e : all) {
        const auto s = summary(e);
        t.add({e.id, e.tenant_id.str(), e.purpose, e.cadence, std::string(enum_name(e.status)),
               std::to_string(s["steps_sent"].get<std::size_t>()) + "/" + std::to_string(e.steps.size()),
               s["next_step"].is_null() ? "-" : s["next_step"].get<std::string>(),
               s["next_due_at"].is_null() ? "-" : s["next_due_at"].get<std::string>()});
    }
    t.print(out);
}

}  // namespace

CLI::App* add_cadences_command(CLI::App& app, CadencesOptions& o) {
    auto* cmd = app.add_subcommand("cadences", "Follow-up cadences: list, enrol, preview, skip, reschedule, cancel, log");
    cmd->require_subcommand(1);
    cmd->add_option("--org", o.org, "Organization id")->required();
    cmd->add_flag("--json", o.json, "Print JSON");

    auto* list = cmd->add_subcommand("list", "Enrolments, most recent first");
    list->add_option("--status", o.status, "active, completed or cancelled");
    list->add_option("--tenant", o.tenant, "Only this tenant's");
    list->add_option("--purpose", o.purpose, "Only this purpose");

    auto* enrol = cmd->add_subcommand("enrol", "Enrol a tenant (their active enrolment for the purpose if any)");
    enrol->alias("enroll");
    for (auto* sub : {enrol, cmd->add_subcommand("preview", "Render the messages of an enrolment (--id) or of one "
                                                             "that --tenant/--purpose would make, sending nothing")}) {
        sub->add_option("--tenant", o.tenant, "Tenant id");
        sub->add_option("--purpose", o.purpose, "renewal, onboarding, post_repair, missing_document, general...");
        sub->add_option("--cadence", o.cadence, "A cadence's name (default: the purpose's)");
        sub->add_option("--ref", o.refs, "KEY=VALUE purpose details: work_order_id, lease_id, document (repeatable)");
    }
    enrol->add_option("--by", o.by, "Who enrols")->default_val("cli");
    cmd->get_subcommand("preview")->add_option("--id", o.id, "An existing enrolment");

    auto* cancel = cmd->add_subcommand("cancel", "Cancel an active enrolment");
    cancel->add_option("--id", o.id, "Enrolment id")->required();
    cancel->add_option("--by", o.by, "Who cancels")->default_val("cli");
    cancel->add_option("--reason", o.reason, "Why")->default_val("cancelled");

    auto* skip = cmd->add_subcommand("skip", "Skip a pending step");
    skip->add_option("--id", o.id, "Enrolment id")->required();
    skip->add_option("--step", o.step, "Step name (e.g. day_3) or 0-based index")->required();
    skip->add_option("--by", o.by, "Who skips")->default_val("cli");

    auto* resched = cmd->add_subcommand("reschedule", "Move a pending step (and with --rest the later ones)");
    resched->add_option("--id", o.id, "Enrolment id")->required();
    resched->add_option("--step", o.step, "Step name or 0-based index")->required();
    resched->add_option("--at", o.at, "New time, ISO-8601 (e.g. 2026-01-09T15:00:00Z)")->required();
    resched->add_flag("--rest", o.rest, "Move the later pending steps by the same amount");
    resched->add_option("--by", o.by, "Who reschedules")->default_val("cli");

    auto* log = cmd->add_subcommand("log", "An enrolment's messages: status, delivered, opened and clicked times");
    log->add_option("--id", o.id, "Enrolment id")->required();

    auto* defs = cmd->add_subcommand("definitions", "The organization's cadences; --set FILE replaces its own");
    defs->add_option("--set", o.set_file, "A JSON file of definitions (data/cadences/cadence.schema.json)");
    return cmd;
}

int run_cadences(const GlobalOptions& g, const ProviderOptions& p, const CLI::App& cmd, const CadencesOptions& o,
                 std::ostream& out) {
    CoordinatorOptions opts;
    opts.store = std::shared_ptr<Store>(open_existing(g));
    opts.provider = make_provider(p);
    use_compliance_packs(g.compliance_packs, opts);  // --compliance-pack
    choose_embedder(g, opts);  // the history search's embedder (issue 20)
    Coordinator c(std::move(opts));
    const OrgId org(o.org);
    c.store().read([&](Transaction& tx) { tx.require_organization(org); });
    const auto given = [&](const char* name) { return cmd.get_subcommand(name)->parsed(); };
    const auto request = [&] {
        CadenceRequest r;
        r.tenant_id = TenantId(o.tenant);
        r.purpose = o.purpose;
        r.cadence = o.cadence;
        r.references = parse_refs(o.refs);
        r.by = o.by;
        return r;
    };

    if (given("list")) {
        print_enrollments(
            c.cadence_enrollments(org, {.tenant_id = o.tenant, .status = o.status, .purpose = o.purpose}), o.json,
            out);
        return 0;
    }
    if (given("enrol") || given("preview")) {
        const bool by_id = given("preview") && !o.id.empty();
        if (!by_id && o.tenant.empty()) {
            throw Error(ErrorCode::kInvalidArgument, given("enrol") ? "--tenant ID is required"
                                                                    : "give --id ID, or --tenant ID with --purpose P");
        }
        if (given("enrol")) {
            const auto e = c.enrol_cadence(org, request());
            if (o.json) {
                out << Json(e).dump() << "\n";
            } else {
                out << e.id << " " << enum_name(e.status) << " (" << e.cadence << ", " << e.purpose << ") for "
                    << e.tenant_id.str() << "\n";
                for (const auto& st : e.steps) out << "  " << st.name << "  " << format_time(st.due_at) << "\n";
            }
            return 0;
        }
        const auto steps = by_id ? c.preview_cadence(org, o.id) : c.preview_cadence(org, request());
        if (o.json) {
            Json arr = Json::array();
            for (const auto& s : steps) {
                arr.push_back({{"step", s.step}, {"due_at", format_time(s.due_at)}, {"status", enum_name(s.status)},
                               {"channel", enum_name(s.channel)}, {"language", s.language},
                               {"subject", s.subject}, {"body", s.body}});
            }
            out << arr.dump() << "\n";
            return 0;
        }
        for (const auto& s : steps) {
            out << s.step << "  " << format_time(s.due_at) << "  " << enum_name(s.channel) << " (" << s.language
                << ", " << enum_name(s.status) << ")\n  " << s.body << "\n";
        }
        return 0;
    }
    if (given("cancel") || given("skip") || given("reschedule")) {
        CadenceEnrollment e;
        if (given("cancel")) e = c.cancel_cadence(org, o.id, o.by, o.reason);
        if (given("skip")) e = c.skip_cadence_step(org, o.id, o.step, o.by);
        if (given("reschedule")) e = c.reschedule_cadence_step(org, o.id, o.step, parse_time(o.at), o.rest, o.by);
        print_enrollments({e}, o.json, out);
        return 0;
    }
    if (given("log")) {
        const auto log = c.cadence_log(org, o.id);
        if (o.json) {
            Json arr = Json::array();
            for (const auto& l : log) {
                arr.push_back({{"step", l.step},
                               {"due_at", format_time(l.due_at)},
                               {"status", enum_name(l.status)},
                               {"message_id", l.message_id ? Json(l.message_id->str()) : Json(nullptr)},
                               {"channel", l.channel ? Json(enum_name(*l.channel)) : Json(nullptr)},
                               {"message_status", l.message_status ? Json(enum_name(*l.message_status)) : Json(nullptr)},
                               {"sent_at", json_time(l.sent_at)},
                               {"delivered_at", json_time(l.delivered_at)},
                               {"opened_at", json_time(l.opened_at)},
                               {"clicked_at", json_time(l.clicked_at)}});
            }
            out << arr.dump() << "\n";
            return 0;
        }
        Table t({"step", "due", "status", "message", "delivery", "delivered", "opened", "clicked"});
        for (const auto& l : log) {
            t.add({l.step, format_time(l.due_at), std::string(enum_name(l.status)),
                   l.message_id ? l.message_id->str() : "-",
                   l.message_status ? std::string(enum_name(*l.message_status)) : "-", when(l.delivered_at),
                   when(l.opened_at), when(l.clicked_at)});
        }
        t.print(out);
        return 0;
    }
    // definitions
    if (!o.set_file.empty()) {
        std::ifstream in(o.set_file, std::ios::binary);
        if (!in) throw Error(ErrorCode::kIo, "cannot read '" + o.set_file + "'");
        std::stringstream text;
        text << in.rdbuf();
        c.set_cadence_definitions(org, text.str(), o.set_file);
    }
    const auto defs = c.cadence_definitions(org);
    if (o.json) {
        out << Json(defs).dump() << "\n";
        return 0;
    }
    Table t({"name", "purpose", "steps", "source"});
    for (const auto& d : defs) {
        std::string steps;
        for (const auto& s : d.steps) steps += (steps.empty() ? "" : ", ") + s.name;
        t.add({d.name, d.purpose, steps, d.source});
    }
    t.print(out);
    return 0;
}

}  // namespace propos::cli

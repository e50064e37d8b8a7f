// propos: the PropOS command-line app. See DESIGN.md ("The propos command-line app") for the contract.
// Exit status: 0 success, 1 handled error (one line on stderr), 2 bad usage.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cadences_command.hpp"  // follow-up cadences (issue 17)
#include "commands.hpp"
#include "leases_command.hpp"  // lease renewals (issue 17)
#include "inbox_command.hpp"   // raw payloads and refused webhooks (issue 23)
#include "onboarding_command.hpp"  // onboarding (issue 17)
#include "compliance_command.hpp"
#include "note_command.hpp"  // work order notes, staff decisions (issue 20)
#include "search_command.hpp"
#include "webhook_command.hpp"
#include "propos/propos.hpp"

int main(int argc, char** argv) {
    using namespace propos::cli;
    CLI::App app{"PropOS: AI property-operations coordinator", "propos"};
    app.set_version_flag("--version", std::string("propos ") + propos::kVersion);
    app.require_subcommand(1);
    app.fallthrough();

    GlobalOptions g;
    ProviderOptions prov;
    app.add_option("--db", g.db, "SQLite database file, or a PostgreSQL URL (postgresql://user@host/db)");
    app.add_option("--pg-schema", g.pg_schema, "PostgreSQL: the schema holding PropOS's tables")
        ->default_val("propos")
        ->envname("PROPOS_PG_SCHEMA");
    app.add_option("--blob-dir", g.blob_dir,
                   "Where proofs and tenant documents are kept (default: beside the SQLite file; "
                   "required with PostgreSQL: a directory every worker shares)");
    app.add_option("--busy-timeout", g.busy_timeout,
                   "How long one try waits while another process writes the database (e.g. 5s, 500ms); "
                   "busy commands retry with backoff")
        ->default_val("5s");
    app.add_option("--log-level", g.log_level, "trace, debug, info, warn, error or off")->default_val("warn");
    app.add_option("--provider", prov.provider, "LLM provider: rules (offline), anthropic or openai")
        ->check(CLI::IsMember({"rules", "anthropic", "openai"}))
        ->default_val("rules");
    app.add_option("--model", prov.model, "Model name for the remote provider");
    app.add_option("--base-url", prov.base_url, "Provider base URL (e.g. http://localhost:11434 for Ollama)");
    add_embedder_options(app, g.embed);  // --embedder, --embed-* (issue 20)
    app.add_option("--compliance-pack", g.compliance_packs,
                   "A compliance rule pack (JSON, data/compliance/schema.json) loaded over the built-in pack of "
                   "its jurisdiction by every command (repeatable)");

    DemoOptions demo;
    auto* demo_cmd = app.add_subcommand("demo", "Run the whole maintenance loop offline on the sample portfolio");
    demo_cmd->add_option("--days", demo.days, "Simulated time to play (e.g. 4d)")->default_val("4d");
    demo_cmd->add_flag("--quiet", demo.quiet, "Summary only, no work-order tables");

    auto* triage_cmd = app.add_subcommand("triage", "Triage JSON lines {\"id\",\"text\"} from stdin");

    OrgsOptions orgs;
    auto* orgs_cmd = app.add_subcommand("orgs", "List the organizations in a store");
    orgs_cmd->add_flag("--json", orgs.json, "Print a JSON list of {\"id\",\"name\"}");

    IngestOptions ingest;
    auto* ingest_cmd = app.add_subcommand("ingest", "Ingest inbound messages (JSON lines) into an organization");
    ingest_cmd->add_option("--org", ingest.org, "Organization id")->required();
    ingest_cmd->add_option("file", ingest.file, "JSON-lines file")->required();

    RunOptions run;
    auto* run_cmd = app.add_subcommand("run", "Run due jobs until idle");
    run_cmd->add_option("--advance", run.advance, "Simulate this much time passing (e.g. 3d, 12h)");
    run_cmd->add_flag("--follow", run.follow,
                      "Keep running as a worker: wait for new work after each idle point (woken at once by "
                      "other processes' jobs on PostgreSQL) until SIGINT/SIGTERM");
    run_cmd->add_option("--poll", run.poll, "With --follow: the longest wait between two looks (e.g. 5s)")
        ->default_val("5s");

    WorkOrdersOptions wos;
    auto* wos_cmd = app.add_subcommand("workorders", "List an organization's work orders");
    wos_cmd->add_option("--org", wos.org, "Organization id")->required();
    wos_cmd->add_option("--status", wos.status, "Only work orders in this status");
    wos_cmd->add_flag("--json", wos.json, "Print a JSON list of work orders");

    EscalationsOptions esc;
    auto* esc_cmd = app.add_subcommand("escalations", "List an organization's escalations (open by default)");
    esc_cmd->add_option("--org", esc.org, "Organization id")->required();
    esc_cmd->add_flag("--all", esc.all, "Include resolved escalations");
    esc_cmd->add_flag("--json", esc.json, "JSON output");

    ResolveOptions res;
    auto* res_cmd = app.add_subcommand("resolve", "Resolve an escalation with a decision and continue the work");
    res_cmd->add_option("--org", res.org, "Organization id")->required();
    res_cmd->add_option("id", res.id, "Escalation id")->required();
    res_cmd->add_option("--decision", res.decision,
                        "The decision, e.g. \"Approved by the owner\"; owner approvals: approve or decline")
        ->required();
    res_cmd->add_option("--by", res.by, "Who decided")->default_val("cli");
    res_cmd->add_option("--amount", res.amount, "Owner approvals: the most the approval covers, in dollars");
    res_cmd->add_option("--vendor", res.vendor, "Owner approvals: the vendor the approval covers");
    res_cmd->add_option("--note", res.note, "Your note, kept with the decision as precedent for similar cases");  // issue 20

    AssignOptions assign;
    auto* assign_cmd = app.add_subcommand("assign", "Assign a vendor to a work order by hand (policy applies)");
    assign_cmd->add_option("--org", assign.org, "Organization id")->required();
    assign_cmd->add_option("--workorder", assign.work_order, "Work order id")->required();
    assign_cmd->add_option("--vendor", assign.vendor, "Vendor id")->required();
    assign_cmd->add_option("--amount", assign.amount, "Purchase-order amount in dollars (default: the estimate)");
    assign_cmd->add_option("--by", assign.by, "Who assigns")->default_val("cli");
    assign_cmd->add_option("--note", assign.note, "Why this vendor; kept as precedent for similar cases");  // issue 20

    AuditOptions audit;
    auto* audit_cmd = app.add_subcommand("audit", "Show or verify an organization's audit log");
    audit_cmd->add_option("--org", audit.org, "Organization id")->required();
    audit_cmd->add_flag("--verify", audit.verify, "Verify the hash chain (exit 1 if broken)");
    audit_cmd->add_flag("--json", audit.json, "JSON output");
    audit_cmd->add_option("--limit", audit.limit, "Show the last N entries (0: all)")->default_val(50);
    audit_cmd->add_flag("--checkpoint", audit.checkpoint,
                        "Print a signed checkpoint of the log (JSON) to keep outside the database");
    audit_cmd->add_option("--key", audit.key, "Ed25519 private key PEM for --checkpoint")->check(CLI::ExistingFile);
    audit_cmd->add_option("--against", audit.against, "With --verify: a checkpoint JSON file the log must extend")
        ->check(CLI::ExistingFile);
    audit_cmd->add_option("--public-key", audit.public_key, "With --against: the signer's Ed25519 public key PEM")
        ->check(CLI::ExistingFile);

    QueueOptions queue;
    auto* queue_cmd = app.add_subcommand("queue", "Job counts per organization and job type, by state");
    queue_cmd->add_option("--org", queue.org, "Only this organization");
    queue_cmd->add_flag("--json", queue.json,
                        "Print a JSON list of {\"org\",\"type\",\"pending\",\"running\",\"done\",\"dead\"}");

    ImportOptions import;
    auto* import_cmd = app.add_subcommand("import", "Import a portfolio JSON document");
    import_cmd->add_option("file", import.file, "propos.portfolio/1 JSON file")->required();

    SearchOptions search;
    auto* search_cmd = app.add_subcommand("search", "Search an organization's history (semantic + keyword)");
    search_cmd->add_option("--org", search.org, "Organization id")->required();
    search_cmd->add_option("--k", search.k, "Results wanted (1-1000)")
        ->default_val(10)
        ->check(CLI::Range(1, 1000));
    search_cmd->add_option("--kind", search.kinds,
                           "Only this kind: message, work_order, note, knowledge or decision (repeatable)")
        ->check(CLI::IsMember({"message", "work_order", "note", "knowledge", "decision"}));  // decision: issue 20
    search_cmd->add_flag("--json", search.json, "Print a JSON list of {\"id\",\"kind\",\"org\",\"score\",\"text\"}");
    search_cmd->add_flag("--reindex", search.reindex, "Re-embed the organization's history first");
    search_cmd->add_option("query", search.words, "What to look for")->required();

    OnboardingOptions onboarding;  // onboarding (issue 17)
    auto* onboarding_cmd = add_onboarding_command(app, onboarding);
    ComplianceOptions compliance;  // compliance: list, complete, calendar
    const auto compliance_cmd = add_compliance_command(app, compliance);

    WebhookOptions webhook;
    auto* webhook_cmd = add_webhook_command(app, webhook);

    // Lease renewals (issue 17).
    // ---- raw payloads and refused webhooks (issue 23) ----
    InboxOptions inbox;
    auto* inbox_cmd = app.add_subcommand(
        "inbox", "Raw inbound payloads left received by a crash or dead, or refused webhooks");
    inbox_cmd->add_option("--org", inbox.org, "Organization id")->required();
    inbox_cmd->add_option("--status", inbox.status,
                          "received, dead, processed or all (default: received and dead)");
    inbox_cmd->add_flag("--rejected", inbox.rejected,
                        "List webhook requests refused before anything was stored");
    inbox_cmd->add_flag("--json", inbox.json, "Print JSON");
    // ---- end issue 23 ----
    LeasesOptions leases;
    auto* leases_cmd = app.add_subcommand("leases", "Leases that have not ended, soonest first, with their renewal status");
    leases_cmd->add_option("--org", leases.org, "Organization id")->required();
    leases_cmd->add_option("--expiring-within", leases.expiring_within, "Only leases ending within DURATION (e.g. 90d)");
    leases_cmd->add_flag("--json", leases.json,
                         "Print a JSON list of {\"id\",\"unit_id\",\"tenant_id\",\"ends_at\",\"renewal_status\"}");
    NoteOptions note;  // work order notes, staff decisions (issue 20)
    auto* note_cmd = add_note_command(app, note);
    CadencesOptions cadences;  // follow-up cadences (issue 17)
    auto* cadences_cmd = add_cadences_command(app, cadences);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    try {
        propos::setup_logging(propos::parse_log_level(g.log_level));
        check_compliance_packs(g.compliance_packs);  // a bad pack: exit 1 naming the file and the field
        if (*demo_cmd) {
            if (!g.db.empty()) demo.db = g.db;
            demo.pg_schema = g.pg_schema;  // issue 18
            demo.embed = g.embed;  // issue 20
            demo.compliance_packs = g.compliance_packs;
            return run_demo(demo, prov, std::cout);
        }
        if (*triage_cmd) return run_triage(std::cin, std::cout, std::cerr);
        if (*orgs_cmd) return run_orgs(g, orgs, std::cout);
        if (*ingest_cmd) return run_ingest(g, ingest, std::cout, std::cerr);
        if (*run_cmd) return run_run(g, prov, run, std::cout);
        if (*wos_cmd) return run_workorders(g, wos, std::cout);
        if (*esc_cmd) return run_escalations(g, esc, std::cout);
        if (*res_cmd) return run_resolve(g, prov, res, std::cout);
        if (*assign_cmd) return run_assign(g, prov, assign, std::cout);
        if (*audit_cmd) return run_audit(g, audit, std::cout, std::cerr);
        if (*import_cmd) return run_import(g, import, std::cout);
        if (*queue_cmd) return run_queue(g, queue, std::cout);
        if (*search_cmd) return run_search(g, search, std::cout);
        if (*onboarding_cmd) return run_onboarding(g, onboarding, std::cout);  // onboarding (issue 17)
        if (*webhook_cmd) return run_webhook(*webhook_cmd, webhook, std::cout, std::cerr);
        if (*leases_cmd) return run_leases(g, leases, std::cout);  // lease renewals (issue 17)
        if (*inbox_cmd) return run_inbox(g, inbox, std::cout);     // issue 23
        if (*note_cmd) return run_note(g, note, std::cout);  // issue 20
        if (*cadences_cmd) return run_cadences(g, prov, *cadences_cmd, cadences, std::cout);  // issue 17
        if (*compliance_cmd.list) return run_compliance(g, compliance_cmd, compliance, std::cout);
    } catch (const propos::Error& e) {
        std::cerr << "propos: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "propos: internal error: " << e.what() << "\n";
        return 1;
    }
    return 2;
}

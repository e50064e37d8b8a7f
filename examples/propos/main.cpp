// propos: the PropOS command-line app. See DESIGN.md ("The propos command-line app") for the contract.
// Exit status: 0 success, 1 handled error (one line on stderr), 2 bad usage.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.hpp"
#include "propos/propos.hpp"

int main(int argc, char** argv) {
    using namespace propos::cli;
    CLI::App app{"PropOS: AI property-operations coordinator", "propos"};
    app.set_version_flag("--version", std::string("propos ") + propos::kVersion);
    app.require_subcommand(1);
    app.fallthrough();

    GlobalOptions g;
    app.add_option("--db", g.db, "SQLite database file");
    app.add_option("--log-level", g.log_level, "trace, debug, info, warn, error or off")
        ->default_val("warn");

    DemoOptions demo;
    auto* demo_cmd = app.add_subcommand("demo", "Seed the sample portfolio and run the loop offline");

    OrgsOptions orgs;
    auto* orgs_cmd = app.add_subcommand("orgs", "List the organizations in a store");
    orgs_cmd->add_flag("--json", orgs.json, "Print a JSON list of {\"id\",\"name\"}");

    WorkOrdersOptions wos;
    auto* wos_cmd = app.add_subcommand("workorders", "List an organization's work orders");
    wos_cmd->add_option("--org", wos.org, "Organization id")->required();
    wos_cmd->add_option("--status", wos.status, "Only work orders in this status");
    wos_cmd->add_flag("--json", wos.json, "Print a JSON list of work orders");

    AuditOptions audit;
    auto* audit_cmd = app.add_subcommand("audit", "Show or verify an organization's audit log");
    audit_cmd->add_option("--org", audit.org, "Organization id")->required();
    audit_cmd->add_flag("--verify", audit.verify, "Verify the hash chain (exit 1 if broken)");
    audit_cmd->add_flag("--json", audit.json, "JSON output");
    audit_cmd->add_option("--limit", audit.limit, "Show the last N entries (0: all)")->default_val(50);

    ImportOptions import;
    auto* import_cmd = app.add_subcommand("import", "Import a portfolio JSON document");
    import_cmd->add_option("file", import.file, "propos.portfolio/1 JSON file")->required();

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
        if (*demo_cmd) {
            if (!g.db.empty()) demo.db = g.db;
            return run_demo(demo, std::cout);
        }
        if (*orgs_cmd) return run_orgs(g, orgs, std::cout);
        if (*wos_cmd) return run_workorders(g, wos, std::cout);
        if (*audit_cmd) return run_audit(g, audit, std::cout, std::cerr);
        if (*import_cmd) return run_import(g, import, std::cout);
    } catch (const propos::Error& e) {
        std::cerr << "propos: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "propos: internal error: " << e.what() << "\n";
        return 1;
    }
    return 2;
}

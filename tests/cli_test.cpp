// Runs the real `propos` binary as users and scripts do, checking output and exit status.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;

using Result = propos::testing::CliResult;

class CliTest : public ::testing::Test {
protected:
    Result run(const std::string& args, const std::string& cwd = "") {
        return propos::testing::run_cli(dir, args, cwd);
    }
    std::string db() const { return dir.file("demo.db"); }
    TempDir dir;
};

TEST_F(CliTest, DemoSeedsThePortfolioAndVerifiesTheAudit) {
    // Without --db the demo writes propos-demo.db in the working directory. Under CTest the
    // cli_demo_database fixture ran it so (its database is $PROPOS_TEST_DEMO_DB, its report demo.out
    // next to it; the database is copied here); run alone, the test runs it (under the sanitizers a
    // run takes ~50 s).
    namespace fs = std::filesystem;
    const auto file = (dir.path() / "propos-demo.db").string();
    const char* shared_db = std::getenv("PROPOS_TEST_DEMO_DB");
    const auto shared_out = shared_db ? (fs::path(shared_db).parent_path() / "demo.out").string() : std::string();
    Result r;
    if (shared_db && fs::exists(shared_out) && fs::exists(shared_db)) {
        EXPECT_EQ(fs::path(shared_db).filename(), "propos-demo.db");
        r = Result{0, propos::testing::slurp(shared_out), ""};
        ASSERT_EQ(propos::testing::demo_database(dir, file).status, 0);
    } else {
        r = run("demo", dir.path().string());
    }
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_TRUE(fs::exists(file));
    EXPECT_NE(r.out.find("Harbor Property Management"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Prairie Homes Co-op"), std::string::npos);
    EXPECT_NE(r.out.find("tenant messages played through the maintenance loop"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hash chain verified"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("NOT intact"), std::string::npos) << r.out;
    // The other workflows (issue 17): a section each, with a block per organization.
    const auto section = [&](const std::string& name) {
        const auto head = "\n== " + name + " ==\n";
        const auto at = r.out.find(head);
        if (at == std::string::npos) return std::string();
        const auto from = at + head.size();
        return r.out.substr(from, r.out.find("\n\n", from) - from);
    };
    const auto number = [](const std::string& text, const std::string& pattern, int group = 1) {
        std::smatch m;
        return std::regex_search(text, m, std::regex(pattern)) ? std::stoi(m[group].str()) : -1;
    };
    for (const auto* name : {"Compliance", "Renewals", "Onboarding", "Cadences"}) {
        const auto text = section(name);
        ASSERT_FALSE(text.empty()) << name << " section missing:\n" << r.out;
        EXPECT_EQ(text.rfind("harbor (Harbor Property Management):\n", 0), 0u) << text;
        EXPECT_NE(text.find("\nprairie (Prairie Homes Co-op):\n"), std::string::npos) << text;
    }
    // Compliance: notices went out; an item was completed with its proof; the Illinois buildings have
    // no pack of their own: the generic pack and its warning.
    const auto compliance = section("Compliance");
    EXPECT_GT(number(compliance, R"(Notices sent: (\d+) \()"), 0) << compliance;
    EXPECT_NE(compliance.find("Completed with proof: harbor-"), std::string::npos) << compliance;
    EXPECT_NE(compliance.find("Jurisdiction warning (prairie-p1, prairie-p2, prairie-p3): no compliance rule pack "
                              "for the state IL (Springfield): the generic pack applies"),
              std::string::npos)
        << compliance;
    // Renewals: offers sent, and tenants' answers read, one accepting and one declining.
    const auto renewals = section("Renewals");
    EXPECT_GT(number(renewals, R"(Offers sent: (\d+) )"), 0) << renewals;
    EXPECT_TRUE(std::regex_search(renewals, std::regex(R"(lease \S+ \(unit .*\): ".+" read as accept -> accepted)")))
        << renewals;
    EXPECT_TRUE(std::regex_search(renewals, std::regex(R"(lease \S+ \(unit .*\): ".+" read as decline -> declined)")))
        << renewals;
    // Onboarding: move-ins started, items checked (by staff and by the tenants' attachments).
    const auto onboarding = section("Onboarding");
    EXPECT_GT(number(onboarding, R"(Move-ins: (\d+) started)"), 0) << onboarding;
    EXPECT_GT(number(onboarding, R"(items done (\d+)/\d+)"), 0) << onboarding;
    EXPECT_GT(number(onboarding, R"(proofs from tenants' replies (\d+))"), 0) << onboarding;
    // Cadences: follow-up messages sent, and some cancelled by the tenant's reply.
    const auto cadences = section("Cadences");
    EXPECT_GT(number(cadences, R"(Follow-up messages sent: (\d+) )"), 0) << cadences;
    EXPECT_GT(number(cadences, R"(Cancelled by a reply: (\d+))"), 0) << cadences;
    // The database it leaves behind is usable by the other commands.
    const auto orgs = run("orgs --db '" + file + "' --json");
    ASSERT_EQ(orgs.status, 0) << orgs.err;
    const auto j = parse_json(orgs.out, "orgs output");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["id"], "harbor");
    EXPECT_EQ(j[0]["name"], "Harbor Property Management");
    EXPECT_EQ(j[1]["id"], "prairie");
    // Running the demo again is harmless.
    ASSERT_EQ(run("demo --db '" + file + "'").status, 0);
    const auto audit = run("audit --db '" + file + "' --org harbor --verify");
    EXPECT_EQ(audit.status, 0) << audit.err;
    EXPECT_NE(audit.out.find("audit log of harbor verified"), std::string::npos) << audit.out;
    EXPECT_NE(audit.out.find("chain intact"), std::string::npos) << audit.out;
}

TEST_F(CliTest, WorkOrdersAfterTheDemo) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const auto r = run("workorders --db '" + db() + "' --org prairie --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto list = parse_json(r.out, "workorders");
    ASSERT_GT(list.size(), 0u);
    for (const auto& wo : list) {
        EXPECT_TRUE(wo.contains("id") && wo.contains("status") && wo.contains("category")) << wo.dump();
    }
    const auto closed = run("workorders --db '" + db() + "' --org prairie --status closed --json");
    ASSERT_EQ(closed.status, 0) << closed.err;
    for (const auto& wo : parse_json(closed.out, "closed workorders")) EXPECT_EQ(wo["status"], "closed");
    const auto bad = run("workorders --db '" + db() + "' --org prairie --status finished");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find("unknown work order status 'finished'"), std::string::npos) << bad.err;
}

TEST_F(CliTest, HandledErrorsExitOneWithOneLine) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const auto unknown = run("workorders --db '" + db() + "' --org nobody");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_EQ(unknown.err, "propos: error: unknown organization 'nobody'\n");
    const auto missing = run("orgs --db '" + dir.file("missing.db") + "'");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos);
    EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1);
    {
        std::ofstream(dir.file("junk.db")) << std::string(5000, 'z');
    }
    const auto junk = run("orgs --db '" + dir.file("junk.db") + "'");
    EXPECT_EQ(junk.status, 1);
    EXPECT_NE(junk.err.find("is damaged or is not a SQLite database"), std::string::npos) << junk.err;
}

TEST_F(CliTest, BadUsageExitsTwo) {
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("frobnicate").status, 2);
    EXPECT_EQ(run("workorders --db x.db").status, 2);  // --org missing
    EXPECT_EQ(run("audit --db x.db --org a --limit many").status, 2);
    EXPECT_EQ(run("--help").status, 0);
}

TEST_F(CliTest, AuditVerifyFailsOnTampering) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const std::string sql =
        "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET actor='mallory' WHERE org_id='harbor' AND seq=1;";
    ASSERT_EQ(std::system(("sqlite3 '" + db() + "' \"" + sql + "\"").c_str()), 0);
    const auto r = run("audit --db '" + db() + "' --org harbor --verify");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("NOT intact: entry 1 (portfolio.imported) was edited"), std::string::npos) << r.err;
    EXPECT_EQ(run("audit --db '" + db() + "' --org prairie --verify").status, 0);
}

TEST_F(CliTest, ImportRejectsBrokenReferencesAndWritesNothing) {
    const auto file = dir.file("bad.json");
    std::ofstream(file) << R"({"organizations":[{"organization":{"id":"x","name":"X"},
        "properties":[{"id":"p1","name":"P"}],
        "units":[{"id":"u1","property_id":"p1","label":"1"},{"id":"u2","property_id":"p9","label":"2"}]}]})";
    const auto r = run("import --db '" + db() + "' '" + file + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("organization 'x': units[1] (u2): property 'p9' does not exist"), std::string::npos)
        << r.err;
    const auto orgs = run("orgs --db '" + db() + "' --json");
    EXPECT_EQ(orgs.out, "[]\n");
}

TEST_F(CliTest, AssignRefusesAmountsOutOfBounds) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const auto wos = parse_json(run("workorders --db '" + db() + "' --org harbor --json").out, "workorders");
    ASSERT_GT(wos.size(), 0u);
    const std::string id = wos[0]["id"];
    const auto neg = run("assign --db '" + db() + "' --org harbor --workorder " + id +
                         " --vendor harbor-v1 --amount -100");
    EXPECT_EQ(neg.status, 1) << neg.out;
    EXPECT_EQ(neg.err, "propos: error: amount must be more than $0.00 (got -$100.00)\n");
    const auto huge = run("assign --db '" + db() + "' --org harbor --workorder " + id +
                          " --vendor harbor-v1 --amount 5000000");
    EXPECT_EQ(huge.status, 1);
    EXPECT_NE(huge.err.find("amount must be at most $100,000.00"), std::string::npos) << huge.err;
    EXPECT_EQ(std::count(huge.err.begin(), huge.err.end(), '\n'), 1);
}

TEST_F(CliTest, EscalationsShowWhatIsOverdue) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    // The demo played a simulated week long past: what it left open is past its SLA now.
    const auto j = run("escalations --db '" + db() + "' --org harbor --json");
    ASSERT_EQ(j.status, 0) << j.err;
    const auto list = parse_json(j.out, "escalations");
    ASSERT_GT(list.size(), 0u);
    for (const auto& e : list) {
        ASSERT_TRUE(e.contains("overdue")) << e.dump();
        EXPECT_TRUE(e["overdue"].get<bool>()) << e.dump();
    }
    const auto all = parse_json(run("escalations --db '" + db() + "' --org harbor --all --json").out, "all");
    for (const auto& e : all) {
        if (e["status"] == "resolved") {
            EXPECT_FALSE(e["overdue"].get<bool>()) << e.dump();
        }
    }
    const auto table = run("escalations --db '" + db() + "' --org harbor");
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("OVERDUE"), std::string::npos) << table.out;
}

// Lease renewals (issue 17): `propos leases` lists the leases not yet ended, soonest first.
TEST_F(CliTest, LeasesListsThoseEndingWithinADurationAsJson) {
    const auto now = SystemClock().now();
    const auto at = [&](int days) { return format_time(now + std::chrono::hours(24 * days)); };
    const auto file = dir.file("leases.json");
    std::ofstream(file) << R"({"organizations":[{"organization":{"id":"acme","name":"Acme"},
        "properties":[{"id":"p1","name":"P","city":"Austin","state":"TX"}],
        "units":[{"id":"u1","property_id":"p1","label":"1"},{"id":"u2","property_id":"p1","label":"2"},
                 {"id":"u3","property_id":"p1","label":"3"}],
        "tenants":[{"id":"t1","unit_id":"u1","name":"A B","phone":"+15125550101"}],
        "leases":[
          {"id":"soon","unit_id":"u1","tenant_ids":["t1"],"start":")" << at(-300) << R"(","end":")" << at(20)
                        << R"(","monthly_rent":100000},
          {"id":"later","unit_id":"u2","start":")" << at(-100) << R"(","end":")" << at(200) << R"("},
          {"id":"ended","unit_id":"u3","start":")" << at(-400) << R"(","end":")" << at(-30) << R"("}]}]})";
    ASSERT_EQ(run("import --db '" + db() + "' '" + file + "'").status, 0);
    auto r = run("leases --db '" + db() + "' --org acme --expiring-within 30d --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = parse_json(r.out, "leases");
    ASSERT_EQ(j.size(), 1u) << r.out;
    EXPECT_EQ(j[0]["id"], "soon");
    EXPECT_EQ(j[0]["unit_id"], "u1");
    EXPECT_EQ(j[0]["tenant_id"], "t1");
    EXPECT_EQ(j[0]["ends_at"], at(20));
    EXPECT_EQ(j[0]["renewal_status"], "none");
    r = run("leases --db '" + db() + "' --org acme --json");
    const auto all = parse_json(r.out, "leases");
    ASSERT_EQ(all.size(), 2u) << r.out;
    // Exactly the keys of the contract (DESIGN.md), no more, no fewer.
    const std::set<std::string> keys = {"id", "unit_id", "tenant_id", "ends_at", "renewal_status"};
    for (const auto& l : all) {
        std::set<std::string> got;
        for (const auto& [k, v] : l.items()) got.insert(k);
        EXPECT_EQ(got, keys) << l.dump();
    }
    EXPECT_EQ(all[1]["id"], "later");
    EXPECT_TRUE(all[1]["tenant_id"].is_null());
    r = run("leases --db '" + db() + "' --org acme");
    EXPECT_NE(r.out.find("renewal"), std::string::npos) << r.out;
    r = run("leases --db '" + db() + "' --org nope --json");
    EXPECT_EQ(r.status, 1);
    r = run("leases --db '" + db() + "' --org acme --expiring-within soon");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("soon"), std::string::npos) << r.err;
}

// ---- Onboarding (issue 17): `propos onboarding` lists, starts, checks items and sets the checklist ----
TEST_F(CliTest, OnboardingStartsChecksAndLists) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const std::string base = "onboarding --db '" + db() + "' --org prairie";
    const std::string lease = "prairie-p1-u1B-l1";
    const auto started = run(base + " --start " + lease + " --by user:maria --json");
    ASSERT_EQ(started.status, 0) << started.err;
    const auto s = parse_json(started.out, "started");
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0]["lease_id"], lease);
    EXPECT_EQ(s[0]["status"], "open");
    for (const auto* field : {"id", "unit_id", "tenant_ids", "jurisdiction", "checklist", "move_in_at", "items"}) {
        EXPECT_TRUE(s[0].contains(field)) << field;
    }
    {
        std::ofstream(dir.file("insurance.pdf")) << "%PDF insurance declarations";
    }
    const auto checked = run(base + " --lease " + lease + " --check renters_insurance --proof '" +
                             dir.file("insurance.pdf") + "' --json");
    ASSERT_EQ(checked.status, 0) << checked.err;
    bool proved = false;
    const auto after = parse_json(checked.out, "checked");
    for (const auto& i : after[0]["items"]) {
        if (i["key"] == "renters_insurance") {
            proved = i["status"] == "done" && i["proof_sha256"].get<std::string>().size() == 64;
        }
    }
    EXPECT_TRUE(proved) << checked.out;
    const auto needs_proof = run(base + " --lease " + lease + " --check lease_signed");
    EXPECT_EQ(needs_proof.status, 1);
    EXPECT_NE(needs_proof.err.find("needs a proof document"), std::string::npos) << needs_proof.err;
    const auto no_lease = run(base + " --check lease_signed");
    EXPECT_EQ(no_lease.status, 1);
    EXPECT_NE(no_lease.err.find("--lease"), std::string::npos) << no_lease.err;
    const auto table = run(base);
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("renters_insurance"), std::string::npos) << table.out;
    const auto list = run(base + " --json");
    ASSERT_EQ(list.status, 0) << list.err;
    const auto all = parse_json(list.out, "list");  // the demo's move-in too
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const Json& o) { return o["lease_id"] == lease; }));
    const auto one = run(base + " --lease " + lease + " --json");
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(parse_json(one.out, "one").size(), 1u);
}

TEST_F(CliTest, OnboardingChecklistFileErrorsNameTheFileAndTheField) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    const std::string base = "onboarding --db '" + db() + "' --org prairie";
    {
        std::ofstream(dir.file("checklist.json"))
            << R"({"name":"mine","version":1,"items":[{"key":"keys","title":"Keys","actor":"janitor","due_days":0}]})";
    }
    const auto bad = run(base + " --set-checklist '" + dir.file("checklist.json") + "'");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find(dir.file("checklist.json")), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("/items/0/actor"), std::string::npos) << bad.err;
    {
        std::ofstream(dir.file("checklist.json"))
            << R"({"name":"mine","version":3,"items":[{"key":"keys","title":"Keys","actor":"staff","due_days":0}]})";
    }
    const auto good = run(base + " --set-checklist '" + dir.file("checklist.json") + "' --by user:maria");
    ASSERT_EQ(good.status, 0) << good.err;
    const auto shown = run(base + " --show-checklist");
    ASSERT_EQ(shown.status, 0) << shown.err;
    EXPECT_EQ(parse_json(shown.out, "checklist")["name"], "mine");
}
// ---- end Onboarding ----

}  // namespace
}  // namespace propos

// ---- Follow-up cadences (issue 17): `propos cadences` ----
namespace propos {
namespace {

class CliCadencesTest : public ::testing::Test {
protected:
    propos::testing::CliResult run(const std::string& args) { return propos::testing::run_cli(dir, args); }
    std::string cad(const std::string& args) { return "cadences --db '" + db() + "' --org harbor " + args; }
    std::string db() const { return dir.file("demo.db"); }
    propos::testing::TempDir dir;
};

TEST_F(CliCadencesTest, ListEnrolPreviewSkipRescheduleLogCancel) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    // The demo's cadences: post-repair checks and missing-document reminders, some ended by a reply.
    auto r = run(cad("list --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    auto list = parse_json(r.out, "cadences list");
    ASSERT_GT(list.size(), 0u);
    std::set<std::string> purposes, reasons;
    for (const auto& e : list) {
        for (const char* k : {"id", "tenant_id", "purpose", "cadence", "status", "enrolled_at", "next_step",
                              "next_due_at", "steps_sent", "steps_total", "end_reason"}) {
            EXPECT_TRUE(e.contains(k)) << k << " in " << e.dump();
        }
        purposes.insert(e["purpose"].get<std::string>());
        reasons.insert(e["end_reason"].get<std::string>());
    }
    EXPECT_TRUE(purposes.count("post_repair") && purposes.count("missing_document")) << r.out;
    EXPECT_TRUE(reasons.count("reply")) << r.out;
    r = run(cad("list --status cancelled --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    for (const auto& e : parse_json(r.out, "cancelled")) EXPECT_EQ(e["status"], "cancelled");

    // Enrol (again: the same enrolment), preview, skip, reschedule, log, cancel.
    r = run(cad("enrol --tenant harbor-p1-u2A-t1 --purpose general --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto e = parse_json(r.out, "enrol");
    const auto id = e["id"].get<std::string>();
    EXPECT_EQ(e["cadence"], "default");
    EXPECT_EQ(e["steps"].size(), 5u);
    r = run(cad("enrol --tenant harbor-p1-u2A-t1 --cadence default --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(parse_json(r.out, "enrol again")["id"], id);
    r = run(cad("preview --id " + id + " --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto preview = parse_json(r.out, "preview");
    ASSERT_EQ(preview.size(), 5u);
    EXPECT_NE(preview[0]["body"].get<std::string>().find("Harbor"), std::string::npos) << r.out;
    r = run(cad("preview --tenant harbor-p1-u2A-t1 --purpose missing_document --ref 'document=lease copy' --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("lease copy"), std::string::npos) << r.out;
    r = run(cad("skip --id " + id + " --step day_1"));
    ASSERT_EQ(r.status, 0) << r.err;
    r = run(cad("skip --id " + id + " --step day_1"));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("not pending"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    r = run(cad("reschedule --id " + id + " --step day_3 --at 2030-01-02T15:00:00Z --rest --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(parse_json(r.out, "reschedule")[0]["next_due_at"], "2030-01-02T15:00:00Z");
    r = run(cad("log --id " + id + " --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto log = parse_json(r.out, "log");
    ASSERT_EQ(log.size(), 5u);
    EXPECT_EQ(log[0]["status"], "skipped");
    for (const char* k : {"step", "due_at", "status", "message_id", "channel", "message_status", "sent_at",
                          "delivered_at", "opened_at", "clicked_at"}) {
        EXPECT_TRUE(log[0].contains(k)) << k;
    }
    r = run(cad("cancel --id " + id));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("cancelled"), std::string::npos) << r.out;
    r = run(cad("cancel --id " + id));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("is cancelled, not active"), std::string::npos) << r.err;
}

TEST_F(CliCadencesTest, ErrorsAndDefinitions) {
    const auto demo = propos::testing::demo_database(dir, db());
    ASSERT_EQ(demo.status, 0) << demo.err;
    auto r = run(cad("enrol --tenant nobody --purpose general"));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("tenant nobody not found"), std::string::npos) << r.err;
    r = run(cad("enrol --tenant harbor-p1-u2A-t1 --purpose general --ref nonsense"));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("KEY=VALUE"), std::string::npos) << r.err;
    r = run(cad("enrol --tenant harbor-p1-u2A-t1 --purpose missing_document"));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("'document' reference"), std::string::npos) << r.err;
    EXPECT_EQ(run("cadences --db '" + db() + "' list").status, 2);  // --org missing
    EXPECT_EQ(run(cad("")).status, 2);                                // no subcommand
    r = run("cadences --db '" + db() + "' --org nobody list");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("nobody"), std::string::npos);
    // Definitions: the built-in ones; a bad file is named with its field; a good one replaces.
    r = run(cad("definitions --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("\"post_repair\""), std::string::npos);
    {
        std::ofstream(dir.file("bad.json")) << R"({"cadences":[{"name":"x","purpose":"general","steps":[
            {"name":"d1","offset_days":1,"templates":{"en":"Hi {nick}"}}]}]})";
        std::ofstream(dir.file("good.json")) << R"({"cadences":[{"name":"courtesy","purpose":"general","steps":[
            {"name":"d2","offset_days":2,"send_at":"09:00","templates":{"en":"Hi {first_name}"}}]}]})";
    }
    r = run(cad("definitions --set '" + dir.file("bad.json") + "'"));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("bad.json: cadences[0].steps[0].templates.en: unknown placeholder {nick}"), std::string::npos)
        << r.err;
    r = run(cad("definitions --set '" + dir.file("good.json") + "'"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("courtesy"), std::string::npos) << r.out;
    r = run(cad("enrol --tenant harbor-p1-u2A-t1 --purpose general --json"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(parse_json(r.out, "enrol")["cadence"], "courtesy");  // the organization's own comes first
}

}  // namespace
}  // namespace propos
// ---- end follow-up cadences ----

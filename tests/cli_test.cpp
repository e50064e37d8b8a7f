// Runs the real `propos` binary as users and scripts do, checking output and exit status.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
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
    const auto r = run("demo --db '" + db() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Harbor Property Management"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Prairie Homes Co-op"), std::string::npos);
    EXPECT_NE(r.out.find("tenant messages played through the maintenance loop"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hash chain verified"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nCompliance\n  Items: "), std::string::npos) << r.out;  // compliance section
    EXPECT_NE(r.out.find("Completed with proof: harbor-"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("NOT intact"), std::string::npos) << r.out;
    // The database it leaves behind is usable by the other commands.
    const auto orgs = run("orgs --db '" + db() + "' --json");
    ASSERT_EQ(orgs.status, 0) << orgs.err;
    const auto j = parse_json(orgs.out, "orgs output");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["id"], "harbor");
    EXPECT_EQ(j[0]["name"], "Harbor Property Management");
    EXPECT_EQ(j[1]["id"], "prairie");
    // Running the demo again is harmless.
    ASSERT_EQ(run("demo --db '" + db() + "'").status, 0);
    const auto audit = run("audit --db '" + db() + "' --org harbor --verify");
    EXPECT_EQ(audit.status, 0) << audit.err;
    EXPECT_NE(audit.out.find("audit log of harbor verified"), std::string::npos) << audit.out;
    EXPECT_NE(audit.out.find("chain intact"), std::string::npos) << audit.out;
}

TEST_F(CliTest, DemoDefaultsToAFileInTheWorkingDirectory) {
    const auto r = run("demo", dir.path().string());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "propos-demo.db"));
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

}  // namespace
}  // namespace propos

// `propos compliance` run as users and scripts run it, on the database `propos demo` leaves behind:
// the JSON contract of DESIGN.md, --due-within, completing an item with a proof file, the calendar,
// and errors.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

// Built without the examples (PROPOS_BUILD_EXAMPLES=OFF) there is no binary to run.
#ifdef PROPOS_CLI_PATH
#include "cli_runner.hpp"
#include "propos/core/crypto.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;
using Result = propos::testing::CliResult;

// The demo database the tests share, made on first use (under CTest a copy of the fixture's).
struct Demo {
    TempDir dir;
    Result made = propos::testing::demo_database(dir, dir.file("demo.db"));
};
Demo& demo() {
    static Demo d;
    return d;
}

class CliComplianceTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(demo().made.status, 0) << demo().made.err; }
    static Result run(const std::string& args) { return propos::testing::run_cli(demo().dir, args); }
    static std::string db() { return demo().dir.file("demo.db"); }
    static Json list(const std::string& args) {
        const auto r = run("compliance --db '" + db() + "' --org harbor " + args + " --json");
        EXPECT_EQ(r.status, 0) << r.err;
        return parse_json(r.out, "compliance output");
    }
};

TEST_F(CliComplianceTest, JsonIsTheDesignContract) {
    const auto items = list("");
    ASSERT_TRUE(items.is_array());
    ASSERT_FALSE(items.empty());
    const std::set<std::string> keys = {"id", "property_id", "kind", "due_at", "status", "jurisdiction"};
    std::set<std::string> kinds, statuses;
    for (const auto& i : items) {
        std::set<std::string> got;
        for (const auto& [k, v] : i.items()) got.insert(k);
        EXPECT_EQ(got, keys) << i.dump();
        EXPECT_EQ(i["jurisdiction"], "nyc") << i.dump();  // the Harbor buildings are in New York City
        EXPECT_NO_THROW(parse_time(i["due_at"].get<std::string>())) << i.dump();
        kinds.insert(i["kind"]);
        statuses.insert(i["status"]);
    }
    // The January notices went out during the demo; imported items are listed too.
    EXPECT_TRUE(kinds.count("ll1_lead_notice"));
    EXPECT_TRUE(kinds.count("window_guard_notice"));
    EXPECT_TRUE(kinds.count("boiler_inspection"));
    EXPECT_TRUE(statuses.count("done"));
    // By due date.
    for (std::size_t k = 1; k < items.size(); ++k) {
        EXPECT_LE(parse_time(items[k - 1]["due_at"].get<std::string>()), parse_time(items[k]["due_at"].get<std::string>()));
    }
}

TEST_F(CliComplianceTest, DueWithinKeepsWhatIsDueByThen) {
    const auto all = list("");
    const auto soon = list("--due-within 30d");
    EXPECT_LE(soon.size(), all.size());
    const auto limit = SystemClock().now() + std::chrono::hours(24 * 31);
    for (const auto& i : soon) EXPECT_LE(parse_time(i["due_at"].get<std::string>()), limit) << i.dump();
    const auto bad = run("compliance --db '" + db() + "' --org harbor --due-within soon");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find("invalid duration 'soon'"), std::string::npos) << bad.err;
}

TEST_F(CliComplianceTest, CompleteWithAProofFileThenItIsDone) {
    std::string id;
    for (const auto& i : list("--open")) {
        if (i["kind"] == "smoke_co_alarm_inspection" || i["kind"] == "fire_extinguisher_service") {
            id = i["id"];
            break;
        }
    }
    ASSERT_FALSE(id.empty());
    const std::string proof = demo().dir.file("report.txt");
    std::ofstream(proof) << "all extinguishers serviced";
    const auto r = run("compliance --db '" + db() + "' --org harbor complete " + id + " --proof '" + proof +
                       "' --by ana --note 'serviced'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find(sha256_hex("all extinguishers serviced")), std::string::npos) << r.out;
    for (const auto& i : list("")) {
        if (i["id"] == id) {
            EXPECT_EQ(i["status"], "done");
        }
    }
    const auto again = run("compliance --db '" + db() + "' --org harbor complete " + id);
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.err.find("already done"), std::string::npos) << again.err;
}

TEST_F(CliComplianceTest, CalendarAndErrors) {
    const auto r = run("compliance --db '" + db() + "' --org harbor calendar --property harbor-p1 --from 2026-01-01 "
                       "--to 2026-12-31 --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto cal = parse_json(r.out, "calendar");
    std::set<std::string> rules;
    for (const auto& o : cal) rules.insert(o["rule_id"]);
    EXPECT_TRUE(rules.count("hpd_registration"));
    EXPECT_TRUE(rules.count("cooling_tower_certification"));
    const auto table = run("compliance --db '" + db() + "' --org harbor calendar --property harbor-p1");
    EXPECT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("hpd_registration"), std::string::npos);
    EXPECT_EQ(run("compliance --db '" + db() + "' --org nobody --json").status, 1);
    const auto missing = run("compliance --db '" + db() + "' --org harbor calendar --property nope");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;
    EXPECT_EQ(run("compliance --db '" + db() + "'").status, 2);  // --org is required
}

}  // namespace
}  // namespace propos
#endif

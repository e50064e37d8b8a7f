// `propos compliance` run as users and scripts run it, on the database `propos demo` leaves behind:
// the JSON contract of DESIGN.md, --due-within, completing an item with a proof file, the calendar,
// and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

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

// --compliance-pack FILE (global, repeatable): the host's packs over the built-in ones for every
// command that makes a Coordinator; a pack that fails its schema, or is missing, is bad input: exit 1
// with one line naming the file (and the field), whatever the command.
TEST_F(CliComplianceTest, HostRulePacksFromTheCommandLine) {
    const auto pack = [](const std::string& name) {
        std::ifstream in(std::string(PROPOS_SOURCE_DIR) + "/data/compliance/" + name);
        std::stringstream text;
        text << in.rdbuf();
        return parse_json(text.str(), name);
    };
    // An Illinois addition to the generic pack (the Prairie buildings are in Illinois), and the NYC
    // pack with one more rule.
    auto generic = pack("generic.json");
    auto radon = generic["rules"][0];
    radon["id"] = "radon_test";
    radon["kind"] = "radon_test";
    radon["title"] = "Radon test of the ground-floor units";
    generic["rules"].push_back(radon);
    auto nyc = pack("nyc.json");
    auto extra = generic["rules"][0];
    extra["id"] = "our_roof_check";
    extra["kind"] = "roof_check";
    nyc["rules"].push_back(extra);
    const auto mine = demo().dir.file("generic-ours.json");
    const auto ours_nyc = demo().dir.file("nyc-ours.json");
    std::ofstream(mine) << generic.dump();
    std::ofstream(ours_nyc) << nyc.dump();
    const auto calendar = [&](const std::string& packs, const std::string& org, const std::string& property) {
        const auto r = run(packs + " compliance --db '" + db() + "' --org " + org + " calendar --property " +
                           property + " --from 2026-01-01 --to 2027-12-31 --json");
        EXPECT_EQ(r.status, 0) << r.err;
        std::set<std::string> rules;
        for (const auto& o : parse_json(r.out, "calendar")) rules.insert(o["rule_id"]);
        return rules;
    };
    EXPECT_FALSE(calendar("", "prairie", "prairie-p1").count("radon_test"));
    const std::string both = "--compliance-pack '" + mine + "' --compliance-pack '" + ours_nyc + "'";
    EXPECT_TRUE(calendar(both, "prairie", "prairie-p1").count("radon_test"));
    EXPECT_TRUE(calendar(both, "harbor", "harbor-p1").count("our_roof_check"));
    EXPECT_TRUE(calendar(both, "harbor", "harbor-p1").count("hpd_registration"));  // the rest of the pack
    // The daily check with the pack makes its items.
    const auto checked = run("--compliance-pack '" + mine + "' compliance --db '" + db() +
                             "' --org prairie --check --json");
    ASSERT_EQ(checked.status, 0) << checked.err;
    bool made = false;
    for (const auto& i : parse_json(checked.out, "items")) made = made || i["kind"] == "radon_test";
    EXPECT_TRUE(made) << checked.out;

    // A pack that fails its schema: exit 1, one line naming the file and the field, for a command
    // that makes a Coordinator and for one that does not.
    generic["rules"][1]["schedule"]["period"] = "a year";
    const auto bad = demo().dir.file("generic-bad.json");
    std::ofstream(bad) << generic.dump();
    for (const auto& cmd : {"compliance --db '" + db() + "' --org prairie", "run --db '" + db() + "'",
                            "leases --db '" + db() + "' --org prairie", "demo --db '" + demo().dir.file("x.db") + "'"}) {
        const auto r = run("--compliance-pack '" + bad + "' " + cmd);
        EXPECT_EQ(r.status, 1) << cmd << ": " << r.out;
        EXPECT_NE(r.err.find("generic-bad.json: /rules/1/schedule/period"), std::string::npos) << cmd << ": " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    const auto missing = run("--compliance-pack '" + demo().dir.file("nope.json") + "' compliance --db '" + db() +
                             "' --org prairie");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("nope.json' does not exist"), std::string::npos) << missing.err;
    EXPECT_EQ(run("compliance --db '" + db() + "' --org prairie --compliance-pack").status, 2);  // no FILE
}

}  // namespace
}  // namespace propos
#endif

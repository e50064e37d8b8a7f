// Issue 20: `propos note` (a person's note on a work order, and the work order's notes and staff
// decisions), `propos resolve --note` kept as a staff decision, and both found by `propos search`
// with their kind — on the database `propos demo` leaves behind.
#include <gtest/gtest.h>

#ifdef PROPOS_CLI_PATH
#include "cli_runner.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;
using Result = propos::testing::CliResult;

class CliNoteTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto r = propos::testing::demo_database(dir, db());
        ASSERT_EQ(r.status, 0) << r.err;
    }
    Result run(const std::string& args) { return propos::testing::run_cli(dir, args); }
    std::string db() const { return dir.file("demo.db"); }
    Json json_of(const std::string& args) {
        const auto r = run(args);
        EXPECT_EQ(r.status, 0) << r.err;
        return parse_json(r.out, args);
    }
    TempDir dir;
};

TEST_F(CliNoteTest, NoteIsAddedListedAndSearchableAndBadNotesAreRefused) {
    const auto wos = json_of("workorders --db '" + db() + "' --org harbor --json");
    ASSERT_FALSE(wos.empty());
    const std::string wo = wos[0]["id"];

    const auto added = run("note --db '" + db() + "' --org harbor " + wo +
                           " 'Shut-off valve is behind the hall closet panel' --by maria");
    ASSERT_EQ(added.status, 0) << added.err;
    EXPECT_NE(added.out.find("added note note_"), std::string::npos) << added.out;
    EXPECT_NE(added.out.find(wo), std::string::npos) << added.out;

    const auto listed = json_of("note --db '" + db() + "' --org harbor " + wo + " --json");
    ASSERT_EQ(listed["notes"].size(), 1u) << listed.dump();
    EXPECT_EQ(listed["notes"][0]["text"], "Shut-off valve is behind the hall closet panel");
    EXPECT_EQ(listed["notes"][0]["author"], "user:maria");
    EXPECT_TRUE(listed["decisions"].is_array());
    const auto table = run("note --db '" + db() + "' --org harbor " + wo);
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("Notes on " + wo + ": 1"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("hall closet"), std::string::npos) << table.out;

    const auto hits = json_of("search --db '" + db() + "' --org harbor 'hall closet shut-off valve' --kind note --json");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0]["kind"], "note");
    EXPECT_NE(hits[0]["text"].get<std::string>().find("hall closet"), std::string::npos) << hits.dump();

    // Bad notes: one line on stderr, exit 1, nothing stored.
    const auto empty = run("note --db '" + db() + "' --org harbor " + wo + " '   '");
    EXPECT_EQ(empty.status, 1);
    EXPECT_NE(empty.err.find("empty"), std::string::npos) << empty.err;
    const auto unknown = run("note --db '" + db() + "' --org harbor wo_nope 'text'");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_NE(unknown.err.find("no work order wo_nope"), std::string::npos) << unknown.err;
    const auto long_note = run("note --db '" + db() + "' --org harbor " + wo + " '" + std::string(4100, 'a') + "'");
    EXPECT_EQ(long_note.status, 1);
    EXPECT_NE(long_note.err.find("over the limit"), std::string::npos) << long_note.err;
    EXPECT_EQ(json_of("note --db '" + db() + "' --org harbor " + wo + " --json")["notes"].size(), 1u);
    EXPECT_EQ(run("note --db '" + db() + "' " + wo + " text").status, 2);  // --org is required
}

TEST_F(CliNoteTest, AResolutionNoteIsAStaffDecisionFoundBySearchWithItsKind) {
    const auto open = json_of("escalations --db '" + db() + "' --org harbor --json");
    std::string id, wo;
    for (const auto& e : open) {
        if (e["reason"] != "owner_approval" && e["work_order_id"].is_string()) {
            id = e["id"];
            wo = e["work_order_id"];
            break;
        }
    }
    if (id.empty()) GTEST_SKIP() << "the demo left no open escalation on a work order: " << open.dump();
    const auto r = run("resolve --db '" + db() + "' --org harbor " + id +
                       " --decision 'Handled by phone' --by maria --note 'Tenant prefers morning visits; zebra protocol'");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto listed = json_of("note --db '" + db() + "' --org harbor " + wo + " --json");
    ASSERT_FALSE(listed["decisions"].empty()) << listed.dump();
    const auto& d = listed["decisions"].back();
    EXPECT_EQ(d["decided_by"], "maria");
    EXPECT_EQ(d["escalation_id"], id);
    EXPECT_EQ(d["note"], "Tenant prefers morning visits; zebra protocol");

    const auto hits = json_of("search --db '" + db() + "' --org harbor 'zebra protocol morning visits' --json");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0]["kind"], "decision") << hits.dump();
    EXPECT_EQ(hits[0]["id"], d["id"]);
    const auto table = run("search --db '" + db() + "' --org harbor 'zebra protocol' --kind decision");
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("decision"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("Staff decision"), std::string::npos) << table.out;
}

}  // namespace
}  // namespace propos
#endif

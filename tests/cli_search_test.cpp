// `propos search` run as users and scripts run it, on the database `propos demo` leaves behind:
// the JSON contract of DESIGN.md, the ranked table, filters, organization scoping, errors.
#include <gtest/gtest.h>

#include <set>

// Built without the examples (PROPOS_BUILD_EXAMPLES=OFF) there is no binary to run.
#ifdef PROPOS_CLI_PATH
#include "cli_runner.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;
using Result = propos::testing::CliResult;

// One demo database for the whole suite: the demo takes a few seconds.
class CliSearchTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        const auto r = propos::testing::demo_database(*dir_, db());
        ASSERT_EQ(r.status, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static Result run(const std::string& args) { return propos::testing::run_cli(*dir_, args); }
    static std::string db() { return dir_->file("demo.db"); }
    static Json search_json(const std::string& args) {
        const auto r = run("search --db '" + db() + "' " + args + " --json");
        EXPECT_EQ(r.status, 0) << r.err;
        return parse_json(r.out, "search output");
    }
    static TempDir* dir_;
};
TempDir* CliSearchTest::dir_ = nullptr;

TEST_F(CliSearchTest, JsonIsTheDesignContractBestFirst) {
    const auto list = search_json("--org harbor 'water leaking under the kitchen sink'");
    ASSERT_TRUE(list.is_array());
    ASSERT_FALSE(list.empty());
    EXPECT_LE(list.size(), 10u);  // --k defaults to 10
    const std::set<std::string> keys = {"id", "kind", "org", "score", "text"};
    double previous = 1;
    for (const auto& hit : list) {
        std::set<std::string> got;
        for (const auto& [k, v] : hit.items()) got.insert(k);
        EXPECT_EQ(got, keys) << hit.dump();
        EXPECT_EQ(hit["org"], "harbor");
        EXPECT_TRUE(hit["kind"] == "message" || hit["kind"] == "work_order" ||
                    hit["kind"] == "note")
            << hit.dump();
        EXPECT_TRUE(hit["id"].is_string() && !hit["id"].get<std::string>().empty());
        EXPECT_TRUE(hit["text"].is_string());
        ASSERT_TRUE(hit["score"].is_number());
        const double score = hit["score"];
        EXPECT_GT(score, 0);
        EXPECT_LE(score, previous);
        previous = score;
    }
    // The best match is the demo's own kitchen-sink leak (its message or its work order).
    const std::string best = list[0]["text"];
    EXPECT_NE(best.find("sink"), std::string::npos) << list.dump(2);
}

TEST_F(CliSearchTest, PlainOutputIsARankedTableWithScores) {
    const auto r = run("search --db '" + db() + "' --org harbor no heat radiators cold");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("score"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("kind"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\n1  "), std::string::npos) << r.out;  // rank 1 row
    EXPECT_NE(r.out.find("0.0"), std::string::npos) << r.out;    // a fused score
    EXPECT_NE(r.out.find("radiator"), std::string::npos) << r.out;
    // Only stop words: no keyword term and an all-zero embedding, so nothing can match. (An
    // unrelated word is not enough: the hashing embedder's 384 buckets let some run's clock-based
    // ids collide with its n-grams above min_similarity; "qwerty asdf" and then a Greek query each
    // failed on a few runs in eight.)
    const auto none = run("search --db '" + db() + "' --org harbor 'the and of'");
    ASSERT_EQ(none.status, 0) << none.err;
    EXPECT_NE(none.out.find("No results"), std::string::npos) << none.out;
}

TEST_F(CliSearchTest, KAndKindLimitTheResults) {
    EXPECT_LE(search_json("--org harbor --k 2 leak").size(), 2u);
    const auto wos = search_json("--org harbor --kind work_order --k 50 leak heat gas");
    ASSERT_FALSE(wos.empty());
    for (const auto& hit : wos) EXPECT_EQ(hit["kind"], "work_order") << hit.dump();
    const auto both =
        search_json("--org harbor --kind work_order --kind message --k 50 leak heat gas");
    std::set<std::string> kinds;
    for (const auto& hit : both) kinds.insert(hit["kind"]);
    EXPECT_EQ(kinds, (std::set<std::string>{"message", "work_order"}));
}

TEST_F(CliSearchTest, ResultsStayInTheirOrganization) {
    // "Basement flooded" is a Prairie message; Harbor must never see it.
    for (const auto& hit :
         search_json("--org harbor --k 50 basement is flooded water everywhere after the storm")) {
        EXPECT_EQ(hit["org"], "harbor");
        EXPECT_EQ(hit["text"].get<std::string>().find("after the storm"), std::string::npos)
            << hit.dump();
    }
    const auto prairie =
        search_json("--org prairie --k 50 basement is flooded water everywhere after the storm");
    ASSERT_FALSE(prairie.empty());
    for (const auto& hit : prairie) EXPECT_EQ(hit["org"], "prairie");
}

TEST_F(CliSearchTest, ReindexRebuildsAndSearchesAgain) {
    const auto r =
        run("search --db '" + db() + "' --org prairie --reindex garbage disposal jammed");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Indexed "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("disposal"), std::string::npos) << r.out;
    // Once indexed, a search reuses the index (no "Indexed" line).
    const auto again = run("search --db '" + db() + "' --org prairie garbage disposal");
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out.find("Indexed "), std::string::npos) << again.out;
}

TEST_F(CliSearchTest, ErrorsAndBadUsage) {
    const auto unknown = run("search --db '" + db() + "' --org nobody leak");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_EQ(unknown.err, "propos: error: unknown organization 'nobody'\n");
    const auto empty = run("search --db '" + db() + "' --org harbor '  '");
    EXPECT_EQ(empty.status, 1);
    EXPECT_NE(empty.err.find("search query is empty"), std::string::npos) << empty.err;
    const auto missing = run("search --db '" + dir_->file("missing.db") + "' --org harbor leak");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
    EXPECT_EQ(run("search --db '" + db() + "' --org harbor").status, 2);  // no query
    EXPECT_EQ(run("search --db '" + db() + "' leak").status, 2);          // no --org
    EXPECT_EQ(run("search --db '" + db() + "' --org harbor --k 0 leak").status, 2);
    EXPECT_EQ(run("search --db '" + db() + "' --org harbor --k 1001 leak").status, 2);
    EXPECT_EQ(run("search --db '" + db() + "' --org harbor --kind invoice leak").status, 2);
}

}  // namespace
}  // namespace propos
#endif  // PROPOS_CLI_PATH

// `propos inbox` (issue 23): raw payloads left "received" by a crash or "dead", and the webhook
// requests refused before anything was stored, as users and scripts read them.
#include <gtest/gtest.h>

#ifdef PROPOS_CLI_PATH

#include "cli_runner.hpp"
#include "propos/propos.hpp"
#include "test_util.hpp"

namespace propos {
namespace {

using propos::testing::run_cli;

class CliInboxTest : public ::testing::Test {
protected:
    void SetUp() override {
        db = dir.file("inbox.db");
        auto store = std::shared_ptr<Store>(open_sqlite_store(db));
        store->write([&](Transaction& tx) {
            Organization o;
            o.id = OrgId("acme");
            o.name = "Acme";
            tx.put_organization(o);
        });
        const auto now = parse_time("2026-01-05T15:00:00Z");
        store->write([&](Transaction& tx) {
            stranded = tx.store_raw_payload(OrgId("acme"), "twilio",
                                            "application/x-www-form-urlencoded", "MessageSid=SM1", now);
            dead = tx.store_raw_payload(OrgId("acme"), "sendgrid.events", "application/json",
                                        "[oops", now);
            tx.set_raw_payload_status(OrgId("acme"), dead, "dead", "unparseable JSON");
            const auto done = tx.store_raw_payload(OrgId("acme"), "twilio", "x", "ok", now);
            tx.set_raw_payload_status(OrgId("acme"), done, "processed", "");
        });
        // A forged Twilio request, refused by a Coordinator on the same database.
        CoordinatorOptions o;
        o.store = store;
        o.clock = std::make_shared<ManualClock>(now);
        o.integrations.defaults.twilio.auth_token = "tok";
        Coordinator c(std::move(o));
        WebhookRequest forged;
        forged.endpoint = WebhookEndpoint::kTwilio;
        forged.url = "https://hooks.acme.test/twilio/sms";
        forged.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                          {"X-Twilio-Signature", "AAAA"}};
        forged.body = "MessageSid=SMforged&Body=hi";
        ASSERT_EQ(c.handle_webhook(OrgId("acme"), forged).status, 403);
    }
    propos::testing::TempDir dir;
    std::string db;
    std::int64_t stranded = 0;
    std::int64_t dead = 0;
};

TEST_F(CliInboxTest, ListsReceivedAndDeadPayloadsByDefault) {
    auto r = run_cli(dir, "inbox --db '" + db + "' --org acme --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = parse_json(r.out, "inbox");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["id"], stranded);
    EXPECT_EQ(rows[0]["status"], "received");
    EXPECT_EQ(rows[0]["source"], "twilio");
    EXPECT_EQ(rows[0]["bytes"], 14);
    EXPECT_EQ(rows[1]["id"], dead);
    EXPECT_EQ(rows[1]["error"], "unparseable JSON");

    r = run_cli(dir, "inbox --db '" + db + "' --org acme --status dead --json");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(parse_json(r.out, "inbox").size(), 1u);
    r = run_cli(dir, "inbox --db '" + db + "' --org acme --status all --json");
    EXPECT_EQ(parse_json(r.out, "inbox").size(), 3u);
    r = run_cli(dir, "inbox --db '" + db + "' --org acme");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("left by a crash"), std::string::npos) << r.out;
}

TEST_F(CliInboxTest, ListsRefusedWebhooksWithTheirSamples) {
    auto r = run_cli(dir, "inbox --db '" + db + "' --org acme --rejected --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = parse_json(r.out, "rejected");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["source"], "twilio");
    EXPECT_EQ(rows[0]["count"], 1);
    EXPECT_EQ(rows[0]["by_status"]["403"], 1);
    ASSERT_EQ(rows[0]["samples"].size(), 1u);
    EXPECT_EQ(rows[0]["samples"][0]["head"], "MessageSid=SMforged&Body=hi");
    r = run_cli(dir, "inbox --db '" + db + "' --org acme --rejected");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("403x1"), std::string::npos) << r.out;
}

TEST_F(CliInboxTest, BadStatusAndUnknownOrganizationAreClearErrors) {
    auto r = run_cli(dir, "inbox --db '" + db + "' --org acme --status lost");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("--status must be received, dead, processed or all"), std::string::npos)
        << r.err;
    r = run_cli(dir, "inbox --db '" + db + "' --org nobody");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("nobody"), std::string::npos) << r.err;
    EXPECT_EQ(run_cli(dir, "inbox --db '" + db + "'").status, 2);  // --org is required
}

}  // namespace
}  // namespace propos

#else

TEST(CliInbox, NeedsTheExamples) {
    GTEST_SKIP() << "built without PROPOS_BUILD_EXAMPLES";
}

#endif

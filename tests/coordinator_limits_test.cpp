// Issue 19: the Coordinator's limits on what it takes in (a message's text) and the signed audit
// checkpoints it hands to the host as events.
#include <gtest/gtest.h>

#include <filesystem>

#include "propos/coordinator.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

class CoordinatorLimitsTest : public ::testing::Test {
protected:
    std::unique_ptr<Coordinator> make(CoordinatorOptions o = {}) {
        o.store = store;
        o.clock = clock;
        return std::make_unique<Coordinator>(std::move(o));
    }
    IncomingMessage message(const std::string& id, std::string text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = id;
        m.from = "+12125550101";
        m.text = std::move(text);
        return m;
    }
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::shared_ptr<Store> store{open_sqlite_store(dir.file("c.db"))};
    OrgId org = make_org(*store, "acme");
};

TEST_F(CoordinatorLimitsTest, AnOversizedMessageIsKeptRawAsADeadLetterWithTheReason) {
    // Issue 19: a 20 MB message was taken in and its text written about six times (135 MB).
    auto c = make();
    const std::string big(200 * 1024, 'x');
    expect_error([&] { c->ingest(org, message("big", big)); }, ErrorCode::kInvalidArgument,
                 "over the limit of 65536");
    const auto dead = store->read_result([&](Transaction& tx) { return tx.list_raw_payloads(org, "dead", 0); });
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_NE(dead[0].body.find(big), std::string::npos);  // kept whole, raw
    EXPECT_NE(dead[0].error.find("max_message_text_bytes"), std::string::npos) << dead[0].error;
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.count<Message>(org); }), 0);
    EXPECT_EQ(c->jobs().counts(org).pending, 0);
    // In a batch, the oversized message is that message's problem only.
    const auto out = c->ingest_batch(org, {message("m1", "the sink leaks"), message("big2", big)});
    ASSERT_TRUE(out[0].result);
    EXPECT_FALSE(out[1].result);
    EXPECT_NE(out[1].error.find("over the limit"), std::string::npos) << out[1].error;
}

TEST_F(CoordinatorLimitsTest, TheTextLimitIsConfigurable) {
    CoordinatorOptions o;
    o.max_message_text_bytes = 10;
    auto c = make(std::move(o));
    EXPECT_FALSE(c->ingest(org, message("short", "leak")).duplicate);
    expect_error([&] { c->ingest(org, message("long", "the sink is leaking")); }, ErrorCode::kInvalidArgument,
                 "19 bytes, over the limit of 10");
}

TEST_F(CoordinatorLimitsTest, SignedCheckpointsReachTheHostAsEvents) {
    const auto keys = ed25519_generate();
    CoordinatorOptions o;
    o.audit_checkpoints.private_key_pem = keys.private_pem;
    auto c = make(std::move(o));
    std::vector<Json> checkpoints;
    c->on_event([&](const Event& e) {
        if (e.type == "audit.checkpoint") checkpoints.push_back(e.payload);
    });
    c->ingest(org, message("m1", "the sink leaks"));
    c->advance(2h);
    ASSERT_GE(checkpoints.size(), 1u);
    const auto cp = AuditCheckpoint::from_json(checkpoints.back());
    EXPECT_EQ(cp.org, org);
    EXPECT_GT(cp.seq, 0);
    const auto v = AuditLog(*store).verify_against(org, cp, keys.public_pem);
    EXPECT_TRUE(v.ok) << v.problem;
}

TEST_F(CoordinatorLimitsTest, ABadCheckpointKeyFailsAtConstruction) {
    CoordinatorOptions o;
    o.audit_checkpoints.private_key_pem = "not a key";
    expect_error([&] { make(std::move(o)); }, ErrorCode::kInvalidArgument, "not an Ed25519 private key");
}

}  // namespace
}  // namespace propos

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

class AuditTest : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("audit.db");
        store = open_sqlite_store(path);
        org = make_org(*store, "org-a");
        other = make_org(*store, "org-b");
        AuditLog log(*store);
        for (int i = 1; i <= 5; ++i) {
            AuditEvent e;
            e.at = ManualClock::default_start() + std::chrono::minutes(i);
            e.actor = "agent";
            e.action = "work_order.updated";
            e.entity_kind = "work_order";
            e.entity_id = "wo-" + std::to_string(i % 2);
            e.data = {{"step", i}};
            log.append(org, e);
        }
        log.append(other, AuditEvent{0, ManualClock::default_start(), "system", "org.created", "", "", "", {}, "", ""});
    }
    // Tampering needs raw SQL access with the append-only triggers dropped: what an attacker with the
    // file could do.
    void tamper(const std::string& sql) {
        store.reset();
        {
            SQLite::Database db(path, SQLite::OPEN_READWRITE);
            db.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
            db.exec(sql);
        }
        store = open_sqlite_store(path);
    }
    AuditVerification verify() { return AuditLog(*store).verify(org); }

    TempDir dir;
    std::string path;
    std::unique_ptr<Store> store;
    OrgId org, other;
};

TEST_F(AuditTest, ChainsPerOrganizationAndVerifies) {
    AuditLog log(*store);
    const auto entries = log.list(org);
    ASSERT_EQ(entries.size(), 5u);
    EXPECT_EQ(entries[0].seq, 1);
    EXPECT_EQ(entries[0].prev_hash, AuditLog::genesis_hash());
    for (size_t i = 1; i < entries.size(); ++i) {
        EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash);
        EXPECT_EQ(entries[i].hash, AuditLog::compute_hash(org, entries[i]));
    }
    EXPECT_EQ(log.list(other).size(), 1u);
    EXPECT_EQ(log.list(other)[0].seq, 1);  // each organization has its own chain
    EXPECT_EQ(log.for_entity(org, "work_order", "wo-1").size(), 3u);
    EXPECT_EQ(log.list(org, 3, 1).at(0).seq, 4);
    const auto v = verify();
    EXPECT_TRUE(v.ok) << v.problem;
    EXPECT_EQ(v.entries, 5);
}

// The hash is written without a Json tree; it must stay byte for byte the documented form (prev_hash
// + canonical JSON of the entry's fields), or existing chains would stop verifying.
TEST(AuditHash, MatchesTheCanonicalJsonOfTheEntry) {
    const std::vector<std::string> texts = {"",
                                            "plain",
                                            "quote \" and backslash \\ and slash /",
                                            "control \x01\x1f\t\n\r\b\f",
                                            "caf\xc3\xa9 \xe6\xbc\x8f\xe6\xb0\xb4",
                                            "bad utf-8 \xff\xfe end"};
    for (const auto& t : texts) {
        AuditEvent e;
        e.seq = 42;
        e.at = from_unix_millis(1767225600123);
        e.actor = "agent " + t;
        e.action = "tool." + t;
        e.entity_kind = t;
        e.entity_id = "wo-" + t;
        e.correlation_id = t;
        e.prev_hash = std::string(64, 'a');
        e.data = Json{{"text", t}, {"n", -7}, {"x", 1.5}, {"list", {1, "two", nullptr}}};
        const OrgId org("org-" + t);
        const Json body{{"org", org.str()},
                        {"seq", e.seq},
                        {"at", to_unix_millis(e.at)},
                        {"actor", e.actor},
                        {"action", e.action},
                        {"entity_kind", e.entity_kind},
                        {"entity_id", e.entity_id},
                        {"correlation_id", e.correlation_id},
                        {"data", e.data}};
        EXPECT_EQ(AuditLog::compute_hash(org, e), sha256_hex(e.prev_hash + canonical_json(body)))
            << t;
    }
}

TEST_F(AuditTest, StoreRefusesUpdatesAndDeletes) {
    store.reset();
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE audit_events SET actor = 'x' WHERE seq = 1"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM audit_events WHERE seq = 1"), SQLite::Exception);
}

TEST_F(AuditTest, DetectsAnEditedEntry) {
    tamper("UPDATE audit_events SET data = '{\"step\":99}' WHERE org_id = 'org-a' AND seq = 3");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 3);
    EXPECT_NE(v.problem.find("entry 3 (work_order.updated) was edited"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsADeletedMiddleEntry) {
    tamper("DELETE FROM audit_events WHERE org_id = 'org-a' AND seq = 2");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 2);
    EXPECT_NE(v.problem.find("entry 2 is missing"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsDeletedTrailingEntries) {
    tamper("DELETE FROM audit_events WHERE org_id = 'org-a' AND seq >= 4");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 4);
    EXPECT_NE(v.problem.find("entries at the end were deleted"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, TellsAnAppendedEntryFromADeletedTail) {
    // Issue 19: an entry appended behind PropOS's back was reported as "deleted" entries. A forger
    // who can write the file chains the new entry correctly but leaves the head record behind.
    AuditLog log(*store);
    auto next = log.list(org).back();
    next.seq = 6;
    next.prev_hash = next.hash;
    next.action = "forged.entry";
    next.hash = AuditLog::compute_hash(org, next);
    tamper("INSERT INTO audit_events (org_id, seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, "
           "data, prev_hash, hash) SELECT org_id, 6, at_ms, actor, 'forged.entry', entity_kind, entity_id, "
           "correlation_id, data, hash, '" + next.hash + "' FROM audit_events WHERE org_id = 'org-a' AND seq = 5");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 6);
    EXPECT_NE(v.problem.find("appended"), std::string::npos) << v.problem;
    EXPECT_EQ(v.problem.find("deleted"), std::string::npos) << v.problem;
}

class AuditCheckpointTest : public AuditTest {
protected:
    void SetUp() override {
        AuditTest::SetUp();
        keys = ed25519_generate();
        cp = AuditLog(*store).checkpoint(org, keys.private_pem, ManualClock::default_start());
    }
    AuditVerification against() { return AuditLog(*store).verify_against(org, cp, keys.public_pem); }
    Ed25519KeyPair keys;
    AuditCheckpoint cp;
};

TEST_F(AuditCheckpointTest, RecordsTheHeadAndRoundTripsThroughJson) {
    EXPECT_EQ(cp.seq, 5);
    EXPECT_EQ(cp.head_hash, AuditLog(*store).list(org).back().hash);
    EXPECT_EQ(cp.key_id, sha256_hex(keys.public_pem));
    const auto back = AuditCheckpoint::from_json(parse_json(cp.to_json().dump(), "checkpoint"));
    EXPECT_EQ(back.signed_text(), cp.signed_text());
    EXPECT_EQ(back.signature, cp.signature);
    EXPECT_TRUE(against().ok) << against().problem;
    expect_error([&] { AuditCheckpoint::from_json(Json{{"format", "x"}}); }, ErrorCode::kInvalidArgument,
                 "unknown format");
    expect_error([&] { AuditLog(*store).checkpoint(org, keys.public_pem, {}); }, ErrorCode::kInvalidArgument,
                 "not an Ed25519 private key");
}

TEST_F(AuditCheckpointTest, AcceptsALogThatGrewSinceTheCheckpoint) {
    AuditLog(*store).append(org, AuditEvent{0, ManualClock::default_start(), "agent", "later", "", "", "", {}, "", ""});
    const auto v = against();
    EXPECT_TRUE(v.ok) << v.problem;
    EXPECT_EQ(v.entries, 6);
}

TEST_F(AuditCheckpointTest, FindsATailRewrittenWithAConsistentChainAndHead) {
    // Issue 19: the chain and its head recomputed by a forger verify; the checkpoint does not.
    AuditLog log(*store);
    auto last = log.list(org).back();
    last.data = {{"step", 1000}};
    const auto forged = AuditLog::compute_hash(org, last);
    tamper("UPDATE audit_events SET data = '{\"step\":1000}', hash = '" + forged +
           "' WHERE org_id = 'org-a' AND seq = 5; UPDATE audit_heads SET hash = '" + forged +
           "' WHERE org_id = 'org-a'");
    ASSERT_TRUE(verify().ok) << verify().problem;
    const auto v = against();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 5);
    EXPECT_NE(v.problem.find("rewritten"), std::string::npos) << v.problem;
}

TEST_F(AuditCheckpointTest, FindsATruncatedLogWhoseHeadWasMovedBack) {
    const auto hash3 = AuditLog(*store).list(org).at(2).hash;
    tamper("DELETE FROM audit_events WHERE org_id = 'org-a' AND seq > 3; UPDATE audit_heads SET seq = 3, hash = '" +
           hash3 + "' WHERE org_id = 'org-a'");
    ASSERT_TRUE(verify().ok);
    const auto v = against();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.entries, 3);
    EXPECT_NE(v.problem.find("entries after 3 were deleted"), std::string::npos) << v.problem;
}

TEST_F(AuditCheckpointTest, FindsADeletedLogAndADeletedOrganization) {
    tamper("DELETE FROM audit_events WHERE org_id = 'org-a'; DELETE FROM audit_heads WHERE org_id = 'org-a'");
    ASSERT_TRUE(verify().ok);
    auto v = against();
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.problem.find("the whole log was deleted"), std::string::npos) << v.problem;
    store.reset();
    SQLite::Database(path, SQLite::OPEN_READWRITE).exec("DELETE FROM organizations WHERE id = 'org-a'");
    store = open_sqlite_store(path);
    v = against();
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.problem.find("not in the database"), std::string::npos) << v.problem;
}

TEST_F(AuditCheckpointTest, RefusesAnAlteredCheckpointOrAnotherKey) {
    auto altered = cp;
    altered.seq = 2;
    altered.head_hash = AuditLog(*store).list(org).at(1).hash;
    auto v = AuditLog(*store).verify_against(org, altered, keys.public_pem);
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.problem.find("signature does not verify"), std::string::npos) << v.problem;
    v = AuditLog(*store).verify_against(org, cp, ed25519_generate().public_pem);
    EXPECT_FALSE(v.ok);
    v = AuditLog(*store).verify_against(other, cp, keys.public_pem);
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.problem.find("not 'org-b'"), std::string::npos) << v.problem;
}

TEST(Ed25519, SignsAndVerifiesAndRejectsOtherKeysAndBadInput) {
    const auto k = ed25519_generate();
    const auto sig = ed25519_sign(k.private_pem, "hello");
    EXPECT_EQ(sig.size(), 88u);
    EXPECT_TRUE(ed25519_verify(k.public_pem, "hello", sig));
    EXPECT_FALSE(ed25519_verify(k.public_pem, "hello!", sig));
    EXPECT_FALSE(ed25519_verify(ed25519_generate().public_pem, "hello", sig));
    EXPECT_FALSE(ed25519_verify(k.public_pem, "hello", "not base64"));
    EXPECT_EQ(ed25519_public_pem(k.private_pem), k.public_pem);
    expect_error([&] { ed25519_sign("-----BEGIN PRIVATE KEY-----\nxx", "x"); }, ErrorCode::kInvalidArgument,
                 "not an Ed25519 private key");
    expect_error([&] { ed25519_verify(k.private_pem, "x", sig); }, ErrorCode::kInvalidArgument,
                 "not an Ed25519 public key");
}

TEST_F(AuditTest, DetectsReorderedEntries) {
    // Swap entries 2 and 4 wholesale (content, hashes and all), keeping the seq numbers in place.
    tamper(
        "UPDATE audit_events SET seq = -2 WHERE org_id='org-a' AND seq = 2;"
        "UPDATE audit_events SET seq = 2 WHERE org_id='org-a' AND seq = 4;"
        "UPDATE audit_events SET seq = 4 WHERE org_id='org-a' AND seq = -2;");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 2);
    EXPECT_NE(v.problem.find("reordered"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsARecomputedButReplacedTail) {
    // An attacker rewrites the last entry and fixes its hash, but the head record still disagrees.
    AuditLog log(*store);
    auto last = log.list(org).back();
    last.data = {{"step", 1000}};
    const auto forged = AuditLog::compute_hash(org, last);
    tamper("UPDATE audit_events SET data = '{\"step\":1000}', hash = '" + forged +
           "' WHERE org_id = 'org-a' AND seq = 5");
    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.problem.find("head"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, TamperingInOneOrganizationDoesNotAffectAnother) {
    tamper("UPDATE audit_events SET actor = 'mallory' WHERE org_id = 'org-a' AND seq = 1");
    EXPECT_FALSE(verify().ok);
    EXPECT_TRUE(AuditLog(*store).verify(other).ok);
}

TEST_F(AuditTest, RejectsIncompleteEventsAndUnknownOrgs) {
    AuditLog log(*store);
    expect_error([&] { log.append(org, AuditEvent{}); }, ErrorCode::kInvalidArgument, "no action");
    expect_error([&] { log.verify(OrgId("nobody")); }, ErrorCode::kNotFound, "unknown organization");
}

// A lifecycle decision writes its audit entry and its event together: both, with the same time,
// correlation and action, or (when the transaction fails) neither.
TEST_F(AuditTest, RecordDecisionWritesTheEntryAndItsEventInOneTransaction) {
    const auto at = ManualClock::default_start() + std::chrono::hours(1);
    AuditEvent entry{.at = at,
                     .actor = "system",
                     .action = "work_order.scheduled",
                     .entity_kind = "work_order",
                     .entity_id = "wo-9",
                     .correlation_id = "msg-9",
                     .data = {{"start", "2026-01-06T15:00:00Z"}}};
    const auto done = store->write_result([&](Transaction& tx) {
        return record_decision(tx, org, entry, Json{{"work_order_id", "wo-9"}});
    });
    EXPECT_EQ(done.audit.seq, 6);
    EXPECT_EQ(done.event.type, "work_order.scheduled");
    EXPECT_EQ(done.event.correlation_id, "msg-9");
    EXPECT_EQ(done.event.at, at);
    const auto events = store->read_result([&](Transaction& tx) { return tx.list<Event>(org); });
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].payload.value("work_order_id", ""), "wo-9");
    EXPECT_EQ(AuditLog(*store).list(org).back().action, "work_order.scheduled");
    EXPECT_TRUE(verify().ok);

    // An explicit event type names the event; the entry keeps its action.
    entry.action = "tenant.sms_opt_out";
    store->write([&](Transaction& tx) { record_decision(tx, org, entry, Json::object(), "tenant.changed"); });
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.list<Event>(org); }).back().type, "tenant.changed");
    EXPECT_EQ(AuditLog(*store).list(org).back().action, "tenant.sms_opt_out");

    // A transaction that fails after the decision keeps neither.
    EXPECT_THROW(store->write([&](Transaction& tx) {
        record_decision(tx, org, entry, Json::object());
        throw Error(ErrorCode::kInternal, "later step failed");
    }),
                 Error);
    EXPECT_EQ(AuditLog(*store).list(org).size(), 7u);
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.list<Event>(org); }).size(), 2u);
}

}  // namespace
}  // namespace propos

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

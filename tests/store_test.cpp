#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <thread>

#include "store/record_sql.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = open_sqlite_store(dir.file("propos.db"));
        org = make_org(*store, "org-a", "Alpha");
        other = make_org(*store, "org-b", "Beta");
    }
    WorkOrder work_order(const std::string& id, const std::string& unit, WorkOrderStatus s,
                         int minutes) {
        WorkOrder wo;
        wo.id = WorkOrderId(id);
        wo.unit_id = UnitId(unit);
        wo.status = s;
        wo.title = "wo " + id;
        wo.created_at = ManualClock::default_start() + std::chrono::minutes(minutes);
        return wo;
    }
    TempDir dir;
    std::unique_ptr<Store> store;
    OrgId org, other;
};

TEST_F(StoreTest, CountByAFieldGroupsWithoutReadingRecords) {
    store->write([&](Transaction& tx) {
        auto a = work_order("wo-1", "u-1", WorkOrderStatus::kTriaged, 1);
        a.vendor_id = VendorId("v1");
        auto b = work_order("wo-2", "u-2", WorkOrderStatus::kTriaged, 2);
        b.vendor_id = VendorId("v1");
        auto c = work_order("wo-3", "u-3", WorkOrderStatus::kTriaged, 3);
        c.vendor_id = VendorId("v2");
        tx.put(org, a);
        tx.put(org, b);
        tx.put(org, c);
        tx.put(org, work_order("wo-4", "u-4", WorkOrderStatus::kTriaged, 4));  // no vendor: not counted
        auto d = work_order("wo-5", "u-5", WorkOrderStatus::kNew, 5);
        d.vendor_id = VendorId("v2");
        tx.put(org, d);
        auto e = work_order("wo-6", "u-6", WorkOrderStatus::kTriaged, 6);
        e.vendor_id = VendorId("v1");
        tx.put(other, e);  // another organization
    });
    store->read([&](Transaction& tx) {
        using Counts = std::map<std::string, std::int64_t>;
        EXPECT_EQ(tx.count_by<WorkOrder>(org, "vendor_id", {.status = "triaged"}), (Counts{{"v1", 2}, {"v2", 1}}));
        EXPECT_EQ(tx.count_by<WorkOrder>(org, "vendor_id"), (Counts{{"v1", 2}, {"v2", 2}}));
        // The base implementation (used by other stores) agrees with the SQL aggregate.
        EXPECT_EQ(tx.Transaction::count_records_by(org, "work_order", "vendor_id", {.status = "triaged"}),
                  (Counts{{"v1", 2}, {"v2", 1}}));
        expect_error([&] { tx.count_by<WorkOrder>(org, "vendor_id') OR 1=1 --"); }, ErrorCode::kInvalidArgument,
                     "not a plain field name");
    });
}

TEST_F(StoreTest, CountByRefCountsWorkOrdersPerVendorFromTheIndex) {
    using Counts = std::map<std::string, std::int64_t>;
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 6; ++i) {
            auto wo = work_order("wo-" + std::to_string(i), "u-" + std::to_string(i),
                                 i < 4 ? WorkOrderStatus::kDispatched : WorkOrderStatus::kCompleted, i);
            if (i != 3) wo.vendor_id = VendorId(i % 2 == 0 ? "v1" : "v2");  // wo-3: no vendor
            tx.put(org, wo);
        }
        auto elsewhere = work_order("wo-0", "u-0", WorkOrderStatus::kDispatched, 0);
        elsewhere.vendor_id = VendorId("v1");
        tx.put(other, elsewhere);
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org, {.status = "dispatched"}), (Counts{{"v1", 2}, {"v2", 1}}));
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org), (Counts{{"v1", 3}, {"v2", 2}}));
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(other), (Counts{{"v1", 1}}));
        // The same answer as counting a field of the records' data.
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org), tx.count_by<WorkOrder>(org, "vendor_id"));
        std::vector<std::string> ids;
        for (const auto& wo : tx.list<WorkOrder>(org, {.status = "dispatched", .ref = "v1"})) {
            ids.push_back(wo.id.str());
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"wo-0", "wo-2"}));
        EXPECT_EQ(tx.count<WorkOrder>(org, {.ref = "v2"}), 2);
        EXPECT_EQ(tx.list<WorkOrder>(org, {.ref = "v1", .limit = 1, .offset = 1}).at(0).id.str(), "wo-2");
    });
    // Reassigning a vendor, or unassigning it, moves the count.
    store->write([&](Transaction& tx) {
        auto wo = tx.get<WorkOrder>(org, "wo-0");
        wo.vendor_id = VendorId("v2");
        tx.put(org, wo);
        wo = tx.get<WorkOrder>(org, "wo-1");
        wo.vendor_id.reset();
        tx.put(org, wo);
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org, {.status = "dispatched"}), (Counts{{"v1", 1}, {"v2", 1}}));
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org, {.status = "dispatched"}),
                  tx.count_by<WorkOrder>(org, "vendor_id", {.status = "dispatched"}));
    });
}

TEST_F(StoreTest, PutFindGetListAndErase) {
    store->write([&](Transaction& tx) {
        tx.put(org, work_order("wo-2", "u-1", WorkOrderStatus::kTriaged, 2));
        tx.put(org, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 1));
        tx.put(org, work_order("wo-3", "u-2", WorkOrderStatus::kTriaged, 3));
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-1").title, "wo wo-1");
        EXPECT_FALSE(tx.find<WorkOrder>(org, "nope"));
        auto all = tx.list<WorkOrder>(org);
        ASSERT_EQ(all.size(), 3u);
        EXPECT_EQ(all[0].id.str(), "wo-1");  // ordered by creation time
        EXPECT_EQ(tx.list<WorkOrder>(org, {.parent = "u-1"}).size(), 2u);
        EXPECT_EQ(tx.list<WorkOrder>(org, {.status = "triaged"}).size(), 2u);
        EXPECT_EQ(tx.count<WorkOrder>(org, {.parent = "u-1", .status = "triaged"}), 1);
        auto newest = tx.list<WorkOrder>(org, {.newest_first = true, .limit = 1});
        ASSERT_EQ(newest.size(), 1u);
        EXPECT_EQ(newest[0].id.str(), "wo-3");
        EXPECT_EQ(tx.list<WorkOrder>(org, {.limit = 2, .offset = 2}).size(), 1u);
    });
    store->write([&](Transaction& tx) { EXPECT_TRUE(tx.erase<WorkOrder>(org, "wo-1")); });
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(org), 2); });
}

// A put whose keys did not change updates the data in place; one whose keys changed must move the
// record in every index.
TEST_F(StoreTest, RewritingARecordKeepsItsIndexesRight) {
    auto wo = work_order("wo-1", "u-1", WorkOrderStatus::kNew, 1);
    store->write([&](Transaction& tx) { tx.put(org, wo); });
    wo.title = "same keys, new data";
    store->write([&](Transaction& tx) { tx.put(org, wo); });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-1").title, "same keys, new data");
        EXPECT_EQ(tx.count<WorkOrder>(org, {.status = "new"}), 1);
        EXPECT_EQ(tx.count<WorkOrder>(org, {.parent = "u-1"}), 1);
    });
    wo.status = WorkOrderStatus::kTriaged;
    wo.unit_id = UnitId("u-2");
    wo.created_at += std::chrono::hours(1);
    store->write([&](Transaction& tx) { tx.put(org, wo); });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(org), 1);
        EXPECT_EQ(tx.count<WorkOrder>(org, {.status = "new"}), 0);
        EXPECT_EQ(tx.count<WorkOrder>(org, {.status = "triaged"}), 1);
        EXPECT_EQ(tx.count<WorkOrder>(org, {.parent = "u-1"}), 0);
        EXPECT_EQ(tx.list<WorkOrder>(org, {.parent = "u-2"}).at(0).status,
                  WorkOrderStatus::kTriaged);
    });
    // The same id in another organization is another record.
    store->write([&](Transaction& tx) { tx.put(other, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 1)); });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-1").status, WorkOrderStatus::kTriaged);
        EXPECT_EQ(tx.get<WorkOrder>(other, "wo-1").status, WorkOrderStatus::kNew);
    });
}

TEST_F(StoreTest, RecordPartsAreOrderedReplacedScopedAndErasedWithTheRecord) {
    store->write([&](Transaction& tx) {
        tx.put(org, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 1));
        tx.put_record_part(org, "work_order", "wo-1", 2, R"({"n":2})");
        tx.put_record_part(org, "work_order", "wo-1", 0, R"({"n":0})");
        tx.put_record_part(org, "work_order", "wo-1", 1, R"({"n":1})");
        tx.put_record_part(org, "work_order", "wo-1", 1, R"({"n":"one"})");  // replaced whole
        tx.put_record_part(other, "work_order", "wo-1", 0, R"({"other":true})");
    });
    store->read([&](Transaction& tx) {
        const auto parts = tx.list_record_parts(org, "work_order", "wo-1");
        ASSERT_EQ(parts.size(), 3u);
        EXPECT_EQ(parts[0], (std::pair<std::int64_t, std::string>{0, R"({"n":0})"}));
        EXPECT_EQ(parts[1].second, R"({"n":"one"})");
        EXPECT_EQ(parts[2].first, 2);
        EXPECT_TRUE(tx.list_record_parts(org, "work_order", "wo-2").empty());
        EXPECT_TRUE(tx.list_record_parts(org, "vendor", "wo-1").empty());
    });
    expect_error(
        [&] {
            store->write([&](Transaction& tx) { tx.put_record_part(org, "work_order", "wo-1", -1, "{}"); });
        },
        ErrorCode::kInvalidArgument, "must not be negative");
    expect_error([&] { store->read([&](Transaction& tx) { tx.list_record_parts(OrgId("nope"), "k", "i"); }); },
                 ErrorCode::kNotFound, "nope");
    store->write([&](Transaction& tx) { EXPECT_TRUE(tx.erase<WorkOrder>(org, "wo-1")); });
    store->read([&](Transaction& tx) {
        EXPECT_TRUE(tx.list_record_parts(org, "work_order", "wo-1").empty());
        EXPECT_EQ(tx.list_record_parts(other, "work_order", "wo-1").size(), 1u);  // not another org's
    });
}

TEST_F(StoreTest, LookupMatchesPhoneOrEmail) {
    store->write([&](Transaction& tx) {
        tx.put(org, Tenant{TenantId("t1"), UnitId("u1"), "Ann", "+15550001", "ann@example.com"});
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.list<Tenant>(org, {.lookup = "+15550001"}).size(), 1u);
        EXPECT_EQ(tx.list<Tenant>(org, {.lookup = "ann@example.com"}).size(), 1u);
        EXPECT_EQ(tx.list<Tenant>(other, {.lookup = "ann@example.com"}).size(), 0u);
    });
}

TEST_F(StoreTest, NothingCrossesOrganizations) {
    store->write([&](Transaction& tx) { tx.put(org, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 0)); });
    store->read([&](Transaction& tx) {
        EXPECT_FALSE(tx.find<WorkOrder>(other, "wo-1"));
        EXPECT_TRUE(tx.list<WorkOrder>(other).empty());
        expect_error([&] { tx.get<WorkOrder>(other, "wo-1"); }, ErrorCode::kNotFound,
                     "work_order 'wo-1' not found in organization 'org-b'");
    });
    // The same id may exist independently in two organizations.
    store->write([&](Transaction& tx) {
        auto wo = work_order("wo-1", "u-9", WorkOrderStatus::kNew, 0);
        tx.put(other, wo);
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-1").unit_id.str(), "u-1");
        EXPECT_EQ(tx.get<WorkOrder>(other, "wo-1").unit_id.str(), "u-9");
    });
}

TEST_F(StoreTest, UnknownOrganizationIsAClearError) {
    const OrgId ghost("ghost");
    expect_error([&] { store->read([&](Transaction& tx) { tx.list<Vendor>(ghost); }); },
                 ErrorCode::kNotFound, "unknown organization 'ghost'");
    expect_error([&] {
        store->write([&](Transaction& tx) { tx.put(ghost, work_order("w", "u", WorkOrderStatus::kNew, 0)); });
    }, ErrorCode::kNotFound, "unknown organization 'ghost'");
    expect_error([&] { store->read([&](Transaction& tx) { tx.require_organization(ghost); }); },
                 ErrorCode::kNotFound, "ghost");
    expect_error([&] { store->read([&](Transaction& tx) { tx.list<Vendor>(OrgId()); }); },
                 ErrorCode::kInvalidArgument, "organization id is empty");
}

TEST_F(StoreTest, FailedTransactionRollsBackEverything) {
    EXPECT_THROW(store->write([&](Transaction& tx) {
        tx.put(org, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 0));
        tx.append_audit(org, AuditEvent{0, ManualClock::default_start(), "test", "x", "", "", "", {}, "", ""});
        tx.enqueue(org, JobSpec{.type = "t"}, ManualClock::default_start());
        throw std::runtime_error("boom");
    }), std::runtime_error);
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(org), 0);
        EXPECT_TRUE(tx.list_audit(org, 0, 0).empty());
        EXPECT_EQ(tx.count_jobs(org).pending, 0);
    });
    // An organization created in a rolled-back transaction does not exist afterwards.
    EXPECT_THROW(store->write([&](Transaction& tx) {
        tx.put_organization(Organization{OrgId("org-c"), "C"});
        throw std::runtime_error("boom");
    }), std::runtime_error);
    expect_error([&] { store->read([&](Transaction& tx) { tx.list<Vendor>(OrgId("org-c")); }); },
                 ErrorCode::kNotFound, "org-c");
}

TEST_F(StoreTest, ReadTransactionsCannotWriteAndTransactionsDoNotNest) {
    expect_error([&] {
        store->read([&](Transaction& tx) { tx.put(org, work_order("w", "u", WorkOrderStatus::kNew, 0)); });
    }, ErrorCode::kFailedPrecondition, "needs a write transaction");
    expect_error([&] { store->write([&](Transaction&) { store->read([](Transaction&) {}); }); },
                 ErrorCode::kFailedPrecondition, "nested Store transaction");
}

TEST_F(StoreTest, ConcurrentWritersAreSerialized) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                store->write([&](Transaction& tx) {
                    tx.put(org, work_order("wo-" + std::to_string(t) + "-" + std::to_string(i), "u",
                                           WorkOrderStatus::kNew, i));
                    tx.append_audit(org, AuditEvent{0, ManualClock::default_start(), "t", "a", "", "", "", {}, "", ""});
                });
            }
        });
    }
    for (auto& th : threads) th.join();
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(org), 200);
        EXPECT_TRUE(tx.verify_audit(org).ok);
    });
}

TEST_F(StoreTest, DataSurvivesReopen) {
    store->write([&](Transaction& tx) { tx.put(org, work_order("wo-1", "u-1", WorkOrderStatus::kNew, 0)); });
    store.reset();
    auto again = open_sqlite_store(dir.file("propos.db"));
    EXPECT_EQ(again->schema_version(), sqlite_schema_version());
    again->read([&](Transaction& tx) { EXPECT_EQ(tx.get<WorkOrder>(org, "wo-1").unit_id.str(), "u-1"); });
    const auto orgs = again->list_organizations();
    ASSERT_EQ(orgs.size(), 2u);
    EXPECT_EQ(orgs[0].name, "Alpha");
}

// The planner uses the key indexes for the store's list and count queries (the SQL that
// Transaction::list/count/count_by_ref run), never a scan of every record of the kind — with the
// statistics the store writes, and with statistics measured by ANALYZE on a store whose records
// mostly have empty lookup keys (which made the lookup indexes look unselective).
TEST_F(StoreTest, KeyQueriesUseTheirIndexesNotAScanOfTheKind) {
    using sqlite_sql::list_sql;
    auto plan = [&](const std::string& sql) {
        SQLite::Database db(dir.file("propos.db"), SQLite::OPEN_READONLY);
        SQLite::Statement s(db, "EXPLAIN QUERY PLAN " + sql);
        std::string out;
        while (s.executeStep()) out += s.getColumn(3).getString() + "; ";
        return out;
    };
    struct Case {
        std::string sql;
        std::vector<std::string> indexes;
    };
    const std::vector<Case> cases = {
        {list_sql("data", {.lookup = "+15550001"}, true), {"records_by_lookup", "records_by_alt_lookup"}},
        {list_sql("data", {.lookup = "m1", .newest_first = true, .limit = 5}, true),
         {"records_by_lookup", "records_by_alt_lookup"}},
        {list_sql("count(*)", {.lookup = "m1"}, false), {"records_by_lookup", "records_by_alt_lookup"}},
        {list_sql("data", {.parent = "u1"}, true), {"records_by_parent"}},
        {list_sql("count(*)", {.parent = "u1"}, false), {"records_by_parent"}},
        {list_sql("data", {.status = "dispatched"}, true), {"records_by_status"}},
        {list_sql("count(*)", {.status = "dispatched"}, false), {"records_by_status"}},
        {list_sql("data", {.ref = "v1"}, true), {"records_by_ref_time"}},
        {list_sql("ref, count(*)", {.status = "dispatched"}, false) + " AND ref <> '' GROUP BY ref",
         {"COVERING INDEX records_by_ref"}},
    };
    auto check = [&](const char* stats) {
        for (const auto& c : cases) {
            const auto p = plan(c.sql);
            for (const auto& index : c.indexes) {
                EXPECT_NE(p.find(index), std::string::npos) << stats << ": " << c.sql << "\n  plan: " << p;
            }
            EXPECT_EQ(p.find("(org_id=? AND kind=?)"), std::string::npos) << stats << ": " << c.sql << "\n  plan: " << p;
            EXPECT_EQ(p.find("SCAN records"), std::string::npos) << stats << ": " << c.sql << "\n  plan: " << p;
        }
    };
    check("the store's statistics");
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 300; ++i) {
            Tenant t;
            t.id = TenantId("t" + std::to_string(i));
            t.unit_id = UnitId("u" + std::to_string(i % 30));
            t.phone = "+1555000" + std::to_string(1000 + i);  // no email: alt_lookup is empty
            tx.put(org, t);
            auto wo = work_order("wo-" + std::to_string(i), "u" + std::to_string(i % 30),
                                 i % 3 ? WorkOrderStatus::kClosed : WorkOrderStatus::kDispatched, i);
            if (i % 2) wo.vendor_id = VendorId("v" + std::to_string(i % 7));
            tx.put(org, wo);
        }
    });
    {
        SQLite::Database db(dir.file("propos.db"), SQLite::OPEN_READWRITE);
        db.exec("ANALYZE");
    }
    check("measured statistics");
}

// A version 3 store (no ref key) is migrated in place: its work orders get their vendor as ref.
TEST_F(StoreTest, VersionThreeStoresGetTheRefKeyOfTheirWorkOrders) {
    store->write([&](Transaction& tx) {
        auto a = work_order("wo-1", "u-1", WorkOrderStatus::kDispatched, 1);
        a.vendor_id = VendorId("v7");
        tx.put(org, a);
        tx.put(org, work_order("wo-2", "u-2", WorkOrderStatus::kDispatched, 2));
    });
    store.reset();
    {
        SQLite::Database db(dir.file("propos.db"), SQLite::OPEN_READWRITE);
        db.exec("DROP INDEX records_by_ref; DROP INDEX records_by_ref_time; "
                "ALTER TABLE records DROP COLUMN ref; DROP TABLE sqlite_stat1; "
                "DROP INDEX search_docs_live; DROP INDEX search_docs_by_filter; "
                "PRAGMA user_version = 3");
    }
    auto again = open_sqlite_store(dir.file("propos.db"));
    EXPECT_EQ(again->schema_version(), sqlite_schema_version());
    {
        SQLite::Database db(dir.file("propos.db"), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'records'").getInt(), 8);
    }
    again->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(org, {.status = "dispatched"}),
                  (std::map<std::string, std::int64_t>{{"v7", 1}}));
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-2").title, "wo wo-2");
    });
}

// Schema v7 (issue 23, storage per message): a version 6 store kept records and audit entries in
// WITHOUT ROWID tables, whose rows over ~1 KiB spilled to overflow pages of their own, mostly empty.
// It is migrated in place: the same records, lookups and audit chain, in rowid tables that keep
// rows under ~4 KiB on their pages.
TEST_F(StoreTest, VersionSixStoresMoveRecordsAndTheAuditToRowidTables) {
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 40; ++i) {
            auto wo = work_order("wo-" + std::to_string(i), "u-1", WorkOrderStatus::kDispatched, i);
            wo.description = std::string(1800, static_cast<char>('a' + i % 26));
            tx.put(org, wo);
            AuditEvent e;
            e.at = ManualClock::default_start();
            e.actor = "test";
            e.action = "work_order.created";
            e.entity_kind = "work_order";
            e.entity_id = wo.id.str();
            e.data = Json{{"description", wo.description}};
            tx.append_audit(org, e);
        }
        Tenant t;
        t.id = TenantId("t-1");
        t.unit_id = UnitId("u-1");
        t.phone = "+15550001234";
        tx.put(org, t);
    });
    store.reset();
    const auto path = dir.file("propos.db");
    auto overflow_pages = [&] {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        return db.execAndGet("SELECT count(*) FROM dbstat WHERE name IN ('records', 'audit_events') "
                             "AND pagetype = 'overflow'")
            .getInt();
    };
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec(R"sql(
DROP TRIGGER audit_events_no_update;
DROP TRIGGER audit_events_no_delete;
CREATE TABLE records_v6 (
    org_id TEXT NOT NULL REFERENCES organizations(id), kind TEXT NOT NULL, id TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '', lookup TEXT NOT NULL DEFAULT '',
    alt_lookup TEXT NOT NULL DEFAULT '', time_ms INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
    ref TEXT NOT NULL DEFAULT '', PRIMARY KEY (org_id, kind, id)) WITHOUT ROWID;
INSERT INTO records_v6 SELECT org_id, kind, id, parent, status, lookup, alt_lookup, time_ms, data, ref
    FROM records;
DROP TABLE records;
ALTER TABLE records_v6 RENAME TO records;
CREATE INDEX records_by_parent ON records (org_id, kind, parent, time_ms);
CREATE INDEX records_by_status ON records (org_id, kind, status, time_ms);
CREATE INDEX records_by_lookup ON records (org_id, kind, lookup);
CREATE INDEX records_by_alt_lookup ON records (org_id, kind, alt_lookup);
CREATE INDEX records_by_time ON records (org_id, kind, time_ms, id);
CREATE INDEX records_by_ref ON records (org_id, kind, status, ref) WHERE ref <> '';
CREATE INDEX records_by_ref_time ON records (org_id, kind, ref, time_ms) WHERE ref <> '';
CREATE TABLE audit_v6 (
    org_id TEXT NOT NULL REFERENCES organizations(id), seq INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL, action TEXT NOT NULL, entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL,
    correlation_id TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)) WITHOUT ROWID;
INSERT INTO audit_v6 SELECT org_id, seq, at_ms, actor, action, entity_kind, entity_id,
    correlation_id, data, prev_hash, hash FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_v6 RENAME TO audit_events;
CREATE INDEX audit_by_entity ON audit_events (org_id, entity_kind, entity_id, seq);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
PRAGMA user_version = 6;
)sql");
    }
    EXPECT_GT(overflow_pages(), 60);  // one per row over ~1 KiB: 40 work orders, 40 entries
    auto again = open_sqlite_store(path);
    EXPECT_EQ(again->schema_version(), sqlite_schema_version());
    EXPECT_EQ(overflow_pages(), 0);
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        for (const char* table : {"records", "audit_events"}) {
            SQLite::Statement q(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
            q.bind(1, table);
            ASSERT_TRUE(q.executeStep());
            EXPECT_EQ(q.getColumn(0).getString().find("WITHOUT ROWID"), std::string::npos) << table;
        }
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'records'").getInt(), 8);
    }
    again->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(org), 40);
        EXPECT_EQ(tx.get<WorkOrder>(org, "wo-7").description, std::string(1800, 'h'));
        EXPECT_EQ(tx.count<WorkOrder>(org, {.status = "dispatched"}), 40);
        const auto found = tx.list<Tenant>(org, {.lookup = "+15550001234"});
        ASSERT_EQ(found.size(), 1u);
        EXPECT_EQ(found[0].id.str(), "t-1");
        const auto verified = tx.verify_audit(org);
        EXPECT_TRUE(verified.ok) << verified.problem;
        EXPECT_EQ(verified.entries, 40);
        EXPECT_EQ(tx.list_audit_for(org, "work_order", "wo-7").size(), 1u);
    });
    // The chain goes on, and stays append-only.
    again->write([&](Transaction& tx) {
        AuditEvent e;
        e.at = ManualClock::default_start();
        e.actor = "test";
        e.action = "after.migration";
        EXPECT_EQ(tx.append_audit(org, e).seq, 41);
        tx.put(org, work_order("wo-new", "u-2", WorkOrderStatus::kNew, 99));
    });
    again->read([&](Transaction& tx) { EXPECT_TRUE(tx.verify_audit(org).ok); });
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE audit_events SET actor = 'x' WHERE seq = 1"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM audit_events WHERE seq = 1"), SQLite::Exception);
}

TEST_F(StoreTest, RawPayloadsAndDeadLetters) {
    std::int64_t id = 0;
    store->write([&](Transaction& tx) {
        id = tx.store_raw_payload(org, "twilio", "application/x-www-form-urlencoded",
                                  std::string("Body=hi\0there", 13), ManualClock::default_start());
    });
    store->write([&](Transaction& tx) { tx.set_raw_payload_status(org, id, "dead", "missing From"); });
    store->read([&](Transaction& tx) {
        auto dead = tx.list_raw_payloads(org, "dead", 0);
        ASSERT_EQ(dead.size(), 1u);
        EXPECT_EQ(dead[0].body.size(), 13u);  // stored byte-exact, NUL included
        EXPECT_EQ(dead[0].error, "missing From");
        EXPECT_TRUE(tx.list_raw_payloads(other, "", 0).empty());
    });
    expect_error([&] { store->write([&](Transaction& tx) { tx.set_raw_payload_status(other, id, "dead", ""); }); },
                 ErrorCode::kNotFound, "raw payload");
}

TEST_F(StoreTest, RawPayloadQueriesFilterBySourceAndPageWithoutBodies) {
    std::vector<std::int64_t> ids;
    store->write([&](Transaction& tx) {
        for (const char* source : {"twilio", "cli", "sendgrid", "buildium", "twilio"})
            ids.push_back(tx.store_raw_payload(org, source, "text/plain",
                                               std::string("body of ") + source,
                                               ManualClock::default_start()));
        tx.store_raw_payload(other, "twilio", "text/plain", "other org",
                             ManualClock::default_start());
        tx.set_raw_payload_status(org, ids[4], "processed", "");
    });
    store->read([&](Transaction& tx) {
        auto got = tx.query_raw_payloads(
            org, {.status = "received", .sources = {"twilio", "sendgrid"}, .with_bodies = false});
        ASSERT_EQ(got.size(), 2u);  // the processed twilio one and the cli one are left out
        EXPECT_EQ(got[0].id, ids[0]);
        EXPECT_EQ(got[1].id, ids[2]);
        EXPECT_EQ(got[1].source, "sendgrid");
        EXPECT_EQ(got[1].content_type, "text/plain");
        EXPECT_TRUE(got[0].body.empty());
        // Paging: after an id, at most `limit`.
        got = tx.query_raw_payloads(org, {.after_id = ids[1], .limit = 2});
        ASSERT_EQ(got.size(), 2u);
        EXPECT_EQ(got[0].id, ids[2]);
        EXPECT_EQ(got[1].id, ids[3]);
        EXPECT_EQ(got[1].body, "body of buildium");
        // One by id, with its body; never another organization's.
        auto one = tx.find_raw_payload(org, ids[3]);
        ASSERT_TRUE(one);
        EXPECT_EQ(one->body, "body of buildium");
        EXPECT_EQ(one->status, "received");
        EXPECT_FALSE(tx.find_raw_payload(other, ids[3]));
        EXPECT_FALSE(tx.find_raw_payload(org, ids[4] + 100));
    });
}

TEST(StoreOpenTest, ForeignCorruptAndNewerFilesAreRejectedUntouched) {
    TempDir dir;
    // Not a database at all.
    const auto junk = dir.file("junk.db");
    { std::ofstream(junk) << std::string(8192, 'x'); }
    expect_error([&] { open_sqlite_store(junk); }, ErrorCode::kCorrupt, "junk.db");
    // Another application's SQLite database.
    const auto foreign = dir.file("foreign.db");
    {
        SQLite::Database db(foreign, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('keep me')");
    }
    expect_error([&] { open_sqlite_store(foreign); }, ErrorCode::kCorrupt, "another application");
    {
        SQLite::Database db(foreign, SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT x FROM notes").getString(), "keep me");
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master").getInt(), 1);
    }
    // A PropOS database from the future.
    const auto newer = dir.file("newer.db");
    { open_sqlite_store(newer); }
    {
        SQLite::Database db(newer, SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = 99");
    }
    expect_error([&] { open_sqlite_store(newer); }, ErrorCode::kUnsupportedVersion,
                 "schema version 99, newer than this build");
    // Missing file when creation is not allowed.
    expect_error([&] { open_sqlite_store(dir.file("missing.db"), {.create_if_missing = false}); },
                 ErrorCode::kNotFound, "does not exist");
    expect_error([&] { open_sqlite_store(""); }, ErrorCode::kInvalidArgument, "path is empty");
    expect_error([&] { open_sqlite_store(dir.file("x.db"), {.wal_autocheckpoint_pages = -1}); },
                 ErrorCode::kInvalidArgument, "wal_autocheckpoint_pages must not be negative");
}

TEST(StoreOpenTest, DamagedPagesAreReportedAsCorrupt) {
    TempDir dir;
    const auto path = dir.file("damaged.db");
    {
        auto store = open_sqlite_store(path);
        auto org = make_org(*store, "o");
        store->write([&](Transaction& tx) {
            for (int i = 0; i < 300; ++i) {
                WorkOrder wo;
                wo.id = WorkOrderId("wo-" + std::to_string(i));
                wo.unit_id = UnitId("u");
                wo.description = std::string(500, 'd');
                tx.put(org, wo);
            }
        });
    }
    {  // Overwrite the middle of the file (after the WAL was checkpointed on close).
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 * 3);
        const std::string garbage(4096 * 4, '\xA5');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    expect_error([&] {
        auto store = open_sqlite_store(path, {.check_integrity = true});
        store->read([&](Transaction& tx) { tx.list<WorkOrder>(OrgId("o")); });
    }, ErrorCode::kCorrupt, "damaged.db");
}

TEST(StoreOpenTest, InMemoryStoreWorks) {
    auto store = open_sqlite_store(":memory:");
    auto org = make_org(*store, "o");
    store->write([&](Transaction& tx) { tx.put(org, Vendor{VendorId("v"), "V"}); });
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.get<Vendor>(org, "v").name, "V"); });
    EXPECT_EQ(store->location(), ":memory:");
}

}  // namespace
}  // namespace propos

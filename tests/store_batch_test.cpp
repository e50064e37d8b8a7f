// Group commit: Store::batch joins every transaction of its thread into one commit.
#include <gtest/gtest.h>

#include <thread>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

class StoreBatchTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = open_sqlite_store(dir.file("b.db"));
        org = make_org(*store, "acme");
    }
    void put(const std::string& id) {
        store->write([&](Transaction& tx) {
            WorkOrder wo;
            wo.id = WorkOrderId(id);
            wo.unit_id = UnitId("u1");
            tx.put(org, wo);
        });
    }
    std::size_t count() {
        return store->read_result([&](Transaction& tx) { return tx.list<WorkOrder>(org).size(); });
    }
    TempDir dir;
    std::unique_ptr<Store> store;
    OrgId org{""};
};

TEST_F(StoreBatchTest, EverythingCommitsTogetherAndReadsSeeTheBatch) {
    store->batch([&] {
        put("wo-1");
        EXPECT_EQ(count(), 1u);  // a read inside the batch sees its uncommitted writes
        put("wo-2");
        store->write([&](Transaction& tx) {
            tx.append_audit(org, AuditEvent{0, ManualClock::default_start(), "t", "x", "k", "wo-1", "", {}, "", ""});
        });
    });
    EXPECT_EQ(count(), 2u);
    store.reset();
    store = open_sqlite_store(dir.file("b.db"));
    EXPECT_EQ(count(), 2u);  // durable
    EXPECT_TRUE(AuditLog(*store).verify(org).ok);
}

TEST_F(StoreBatchTest, AFailingTransactionIsRolledBackAloneTheRestCommits) {
    store->batch([&] {
        put("wo-1");
        EXPECT_THROW(store->write([&](Transaction& tx) {
            WorkOrder wo;
            wo.id = WorkOrderId("wo-bad");
            wo.unit_id = UnitId("u1");
            tx.put(org, wo);
            throw Error(ErrorCode::kInvalidArgument, "handler failed");
        }),
                     Error);
        put("wo-2");
    });
    const auto ids = store->read_result([&](Transaction& tx) { return tx.list<WorkOrder>(org); });
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[0].id.str(), "wo-1");
    EXPECT_EQ(ids[1].id.str(), "wo-2");
}

TEST_F(StoreBatchTest, AnExceptionFromTheBatchRollsBackEverything) {
    EXPECT_THROW(store->batch([&] {
        put("wo-1");
        put("wo-2");
        throw std::runtime_error("crash before commit");
    }),
                 std::runtime_error);
    EXPECT_EQ(count(), 0u);
    // The store is usable afterwards.
    put("wo-3");
    EXPECT_EQ(count(), 1u);
}

TEST_F(StoreBatchTest, MisuseIsAClearError) {
    store->batch([&] {
        expect_error([&] { store->batch([] {}); }, ErrorCode::kFailedPrecondition, "do not nest");
        store->write([&](Transaction&) {
            expect_error([&] { store->read([](Transaction&) {}); }, ErrorCode::kFailedPrecondition, "nested");
        });
    });
    store->write([&](Transaction&) {
        expect_error([&] { store->batch([] {}); }, ErrorCode::kFailedPrecondition, "inside a transaction");
    });
}

TEST_F(StoreBatchTest, OtherThreadsWaitForTheBatch) {
    std::atomic<bool> other_done{false};
    std::thread other;
    store->batch([&] {
        put("wo-1");
        other = std::thread([&] {
            put("wo-2");  // blocks until the batch commits
            other_done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        EXPECT_FALSE(other_done.load());
    });
    other.join();
    EXPECT_TRUE(other_done.load());
    EXPECT_EQ(count(), 2u);
}

TEST_F(StoreBatchTest, OrganizationsCreatedInABatchAreKnownAfterItCommits) {
    store->batch([&] {
        store->write([&](Transaction& tx) {
            tx.put_organization(Organization{OrgId("beta"), "Beta", "UTC", ManualClock::default_start()});
        });
        store->write([&](Transaction& tx) {
            WorkOrder wo;
            wo.id = WorkOrderId("wo-b");
            wo.unit_id = UnitId("u1");
            tx.put(OrgId("beta"), wo);
        });
    });
    EXPECT_EQ(store->list_organizations().size(), 2u);
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.list<WorkOrder>(OrgId("beta")).size(); }), 1u);
    // A rolled-back batch leaves no organization behind.
    EXPECT_THROW(store->batch([&] {
        store->write([&](Transaction& tx) {
            tx.put_organization(Organization{OrgId("gamma"), "Gamma", "UTC", ManualClock::default_start()});
        });
        throw std::runtime_error("abort");
    }),
                 std::runtime_error);
    expect_error([&] { store->read([&](Transaction& tx) { tx.list<WorkOrder>(OrgId("gamma")); }); },
                 ErrorCode::kNotFound, "gamma");
}

}  // namespace
}  // namespace propos

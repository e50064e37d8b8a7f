// The in-memory store of propos/testing (issue 18): its fault injection (the n-th write, the n-th
// commit, a busy store, the counters) and what a host does with it — driving its own failure paths.
// The store's contract itself is checked by the conformance suite (store_conformance_test,
// job_queue_test, search_store_test run on the "Memory" engine too).
#include <gtest/gtest.h>

#include "propos/coordinator.hpp"
#include "propos/propos.hpp"
#include "propos/testing/memory_store.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::MemoryStoreFaults;
using propos::testing::MemoryStoreOptions;

class MemoryStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = propos::testing::open_memory_store(MemoryStoreOptions{.faults = faults});
        org = make_org(*store, "org-a");
        faults->reset_counters();
    }
    static WorkOrder wo(const std::string& id) {
        WorkOrder w;
        w.id = WorkOrderId(id);
        w.unit_id = UnitId("u-1");
        w.title = "Work order " + id;
        w.created_at = ManualClock::default_start();
        return w;
    }
    static JobSpec job(const std::string& type, const std::string& key = "") {
        JobSpec s;
        s.type = type;
        s.idempotency_key = key;
        return s;
    }
    std::shared_ptr<MemoryStoreFaults> faults = std::make_shared<MemoryStoreFaults>();
    std::unique_ptr<Store> store;
    OrgId org;
    const Timestamp t0 = ManualClock::default_start();
};

TEST_F(MemoryStoreTest, TheNthWriteFailsBeforeChangingAnythingAndItsTransactionLeavesNothing) {
    faults->fail_nth_write(3);
    expect_error([&] {
        store->write([&](Transaction& tx) {
            tx.put(org, wo("wo-1"));                                // write 1
            tx.store_raw_payload(org, "cli", "text/plain", "x", t0);  // write 2
            tx.enqueue(org, job("t"), t0);                          // write 3: fails
            ADD_FAILURE() << "the third write did not fail";
        });
    }, ErrorCode::kIo, "enqueue: injected fault (write #3)");
    EXPECT_EQ(faults->writes(), 3);
    EXPECT_EQ(faults->commits(), 0);
    EXPECT_EQ(faults->rollbacks(), 1);
    EXPECT_EQ(faults->injected(), 1);
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(org), 0);
        EXPECT_TRUE(tx.list_raw_payloads(org, "", 0).empty());
        EXPECT_EQ(tx.count_jobs(org).pending, 0);
    });
    // The failed write itself changed nothing: a caller that catches it commits the rest.
    faults->fail_nth_write(2, ErrorCode::kAlreadyExists);
    store->write([&](Transaction& tx) {
        tx.put(org, wo("wo-1"));
        expect_error([&] { tx.put(org, wo("wo-2")); }, ErrorCode::kAlreadyExists, "put: injected fault");
    });
    store->read([&](Transaction& tx) {
        EXPECT_TRUE(tx.find<WorkOrder>(org, "wo-1"));
        EXPECT_FALSE(tx.find<WorkOrder>(org, "wo-2"));
    });
    EXPECT_EQ(faults->commits(), 1);
    // A fault fires once: the next writes go through.
    store->write([&](Transaction& tx) { tx.put(org, wo("wo-2")); });
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(org), 2); });
}

TEST_F(MemoryStoreTest, SharedCodeCountsEachEngineWriteItMakes) {
    store->write([&](Transaction& tx) {
        tx.put(org, wo("wo-1"));                                                  // 1
        tx.events().append_event(org, "x", "c", Json::object(), t0);             // 2, 3
        AuditEvent e = AuditEvent::about("work_order.created", "work_order", "wo-1", t0, "system", "c");
        tx.append_audit(org, e);                                                  // 4
        (void)tx.count<WorkOrder>(org);                                           // reads never count
    });
    EXPECT_EQ(faults->writes(), 4);
    // So a test can aim at the event of a decision: its audit entry is written, the event fails.
    faults->fail_nth_write(2);
    AuditEvent e = AuditEvent::about("work_order.closed", "work_order", "wo-1", t0, "system", "c");
    expect_error([&] { store->write([&](Transaction& tx) { record_decision(tx, org, e, Json::object()); }); },
                 ErrorCode::kIo, "next_counter: injected fault");
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.list_audit(org, 0, 0).size(), 1u);
        EXPECT_EQ(tx.list_events(org, "", 0).size(), 1u);
        EXPECT_TRUE(tx.verify_audit(org).ok);
    });
}

TEST_F(MemoryStoreTest, TheNthCommitFailsAndTheWholeTransactionRollsBack) {
    faults->fail_nth_commit(2);
    store->write([&](Transaction& tx) { tx.put(org, wo("wo-1")); });  // commit 1
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(org), 1); });  // reads do not count
    const auto head = store->read_result([&](Transaction& tx) { return tx.audit_head(org, false); });
    expect_error([&] {
        store->write([&](Transaction& tx) {  // commit 2: fails after every write succeeded
            tx.put(org, wo("wo-2"));
            tx.erase<WorkOrder>(org, "wo-1");
            tx.next_counter(org, "c");
            tx.enqueue(org, job("t", "key-1"), t0);
            tx.put_search_document(org, SearchDocument{.kind = "note", .entity_id = "n1", .text = "boiler"});
            AuditEvent e = AuditEvent::about("work_order.created", "work_order", "wo-2", t0, "system", "c");
            record_decision(tx, org, e, Json::object());
            EXPECT_EQ(tx.count<WorkOrder>(org), 1);  // the transaction sees its own writes
        });
    }, ErrorCode::kIo, "commit: injected fault");
    EXPECT_EQ(faults->commits(), 1);
    EXPECT_EQ(faults->rollbacks(), 1);
    store->read([&](Transaction& tx) {
        EXPECT_TRUE(tx.find<WorkOrder>(org, "wo-1"));
        EXPECT_FALSE(tx.find<WorkOrder>(org, "wo-2"));
        EXPECT_EQ(tx.count_jobs(org).pending, 0);
        EXPECT_EQ(tx.search_document_stats(org).live, 0);
        EXPECT_EQ(tx.search_document_stats(org).seq, 0);
        EXPECT_TRUE(tx.keyword_search(org, {"boiler"}, {}, 10).empty());
        EXPECT_TRUE(tx.list_events(org, "", 0).empty());
        EXPECT_EQ(tx.audit_head(org, false).has_value(), head.has_value());
        EXPECT_TRUE(tx.verify_audit(org).ok);
    });
    // Nothing was kept, so the same work commits afterwards: counter at 1, the key free.
    faults->fail_nth_commit(1, ErrorCode::kCorrupt);
    expect_error([&] { store->write([&](Transaction& tx) { tx.put(org, wo("wo-3")); }); }, ErrorCode::kCorrupt,
                 "injected");
    store->write([&](Transaction& tx) {
        EXPECT_EQ(tx.next_counter(org, "c"), 1);
        EXPECT_EQ(tx.enqueue(org, job("t", "key-1"), t0), JobId("1"));
    });
    EXPECT_EQ(faults->injected(), 2);
}

TEST_F(MemoryStoreTest, ABusyStoreRefusesTransactionsAtBeginForAWhile) {
    faults->busy_for(2);
    bool ran = false;
    expect_error([&] { store->write([&](Transaction&) { ran = true; }); }, ErrorCode::kBusy, "locked");
    expect_error([&] { store->read([&](Transaction&) { ran = true; }); }, ErrorCode::kBusy, "injected busy");
    EXPECT_FALSE(ran);
    EXPECT_EQ(faults->rollbacks(), 0);  // nothing began
    store->write([&](Transaction& tx) { tx.put(org, wo("wo-1")); });
    EXPECT_EQ(faults->injected(), 2);
    faults->busy_for(5);
    faults->clear();  // cancels every pending fault
    faults->fail_nth_write(1);
    faults->fail_nth_commit(1);
    faults->clear();
    store->write([&](Transaction& tx) { tx.put(org, wo("wo-2")); });
    EXPECT_EQ(faults->commits(), 2);
    EXPECT_EQ(faults->injected(), 2);
    expect_error([&] { faults->fail_nth_write(0); }, ErrorCode::kInvalidArgument, "at least 1");
    expect_error([&] { faults->fail_nth_commit(-1); }, ErrorCode::kInvalidArgument, "at least 1");
    expect_error([&] { faults->busy_for(-1); }, ErrorCode::kInvalidArgument, "negative");
}

TEST_F(MemoryStoreTest, StoresOnOneDatabaseShareItsDataAndItsTransactions) {
    EXPECT_EQ(store->location(), ":memory:");
    EXPECT_EQ(store->local_file(), "");
    EXPECT_EQ(store->schema_version(), propos::testing::memory_schema_version());
    const auto db = propos::testing::new_memory_database();
    auto first = propos::testing::open_memory_store(MemoryStoreOptions{.database = db});
    make_org(*first, "o");
    first->write([&](Transaction& tx) { tx.put(OrgId("o"), wo("wo-1")); });
    first.reset();  // a "restart": the data lives in the database
    auto second = propos::testing::open_memory_store(MemoryStoreOptions{.database = db});
    auto third = propos::testing::open_memory_store(MemoryStoreOptions{.database = db});
    second->read([&](Transaction& tx) { EXPECT_TRUE(tx.find<WorkOrder>(OrgId("o"), "wo-1")); });
    // One database, one transaction at a time: a transaction of another store on this thread
    // would wait for itself forever, so it is refused like any nested transaction.
    second->write([&](Transaction&) {
        expect_error([&] { third->read([](Transaction&) {}); }, ErrorCode::kFailedPrecondition, "nested");
    });
    // A private store shares nothing.
    store->read([&](Transaction& tx) {
        expect_error([&] { tx.count<WorkOrder>(OrgId("o")); }, ErrorCode::kNotFound, "unknown organization 'o'");
    });
}

TEST_F(MemoryStoreTest, KeywordSearchFoldsDiacriticsAndCaseAndStems) {
    store->write([&](Transaction& tx) {
        tx.put_search_document(org, SearchDocument{.kind = "note", .entity_id = "n1", .text = "Le CAFÉ du coin: radiators knocking"});
        tx.put_search_document(org, SearchDocument{.kind = "note", .entity_id = "n2", .text = "cafe ordered; radiator knocked twice"});
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.keyword_search(org, {"café"}, {}, 10).size(), 2u);
        EXPECT_EQ(tx.keyword_search(org, {"Cafe"}, {}, 10).size(), 2u);
        EXPECT_EQ(tx.keyword_search(org, {"radiator"}, {}, 10).size(), 2u);
        EXPECT_EQ(tx.keyword_search(org, {"knock"}, {}, 10).size(), 2u);
        // A term of several words is a phrase.
        const auto phrase = tx.keyword_search(org, {"radiators knocking"}, {}, 10);
        ASSERT_EQ(phrase.size(), 2u);  // "radiator knocked" stems the same
        EXPECT_TRUE(tx.keyword_search(org, {"knocking radiators"}, {}, 10).empty());
        EXPECT_TRUE(tx.keyword_search(org, {"coffee"}, {}, 10).empty());
    });
}

// What a host gains: its own failure paths driven for real. Here a host worker runs a job whose
// effect and completion commit together; the commit fails (the disk, the server), the worker
// records the failure, and the job comes back after its backoff — its effect done exactly once.
TEST_F(MemoryStoreTest, AJobWhoseCommitFailsIsRetriedLaterAndItsEffectHappensOnce) {
    auto clock = std::make_shared<ManualClock>();
    JobQueue queue(*store, clock, JobQueueOptions{.lease = 1min, .backoff_base = 10s, .backoff_cap = 10s, .seed = 1});
    queue.enqueue(org, JobSpec{.type = "send-invoice", .payload = {{"invoice", "inv-1"}}});
    auto work = [&](const Job& j) {  // the host's handler: effect + completion in one transaction
        try {
            store->write([&](Transaction& tx) {
                tx.put(org, wo("sent-" + j.payload.at("invoice").get<std::string>()));
                queue.complete(tx, j);
            });
        } catch (const Error& e) {
            queue.fail(j, e.what());
        }
    };
    auto claimed = queue.claim(org, "worker-1");
    ASSERT_EQ(claimed.size(), 1u);
    faults->fail_nth_commit(1);  // the handler's
    work(claimed[0]);
    auto after = queue.find(org, claimed[0].id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->state, JobState::kPending);
    EXPECT_NE(after->last_error.find("injected"), std::string::npos) << after->last_error;
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(org), 0); });
    EXPECT_TRUE(queue.claim(org, "worker-1").empty());  // not before its backoff
    clock->advance(10s);
    claimed = queue.claim(org, "worker-1");
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(claimed[0].attempts, 2);
    work(claimed[0]);
    EXPECT_EQ(queue.find(org, claimed[0].id)->state, JobState::kDone);
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(org), 1); });
    EXPECT_EQ(faults->injected(), 1);
}

// The Coordinator's ingest: a commit that fails keeps nothing — no raw payload, no message, no job
// — so the provider's retry of the same message is ingested as new, not taken for a duplicate.
TEST_F(MemoryStoreTest, AnIngestWhoseCommitFailsKeepsNothingAndItsRetryIsNotADuplicate) {
    std::shared_ptr<Store> shared = propos::testing::open_memory_store(MemoryStoreOptions{.faults = faults});
    auto clock = std::make_shared<ManualClock>();
    import_portfolio(*shared, parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001"}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}]}]})", "portfolio"),
                     clock->now());
    CoordinatorOptions o;
    o.store = shared;
    o.clock = clock;
    o.seed = 7;
    Coordinator c(std::move(o));
    const OrgId acme("acme");
    IncomingMessage m;
    m.provider = "test";
    m.provider_message_id = "SM1";
    m.from = "+12125550101";
    m.text = "The kitchen sink is leaking";
    const auto counts = [&] {
        return shared->read_result([&](Transaction& tx) {
            return std::make_tuple(tx.list_raw_payloads(acme, "", 0).size(), tx.count<Message>(acme),
                                   tx.count_jobs(acme).pending);
        });
    };
    const auto before = counts();
    faults->fail_nth_commit(1);
    expect_error([&] { c.ingest(acme, m); }, ErrorCode::kIo, "injected");
    EXPECT_EQ(counts(), before);
    const auto result = c.ingest(acme, m);
    EXPECT_FALSE(result.duplicate);
    EXPECT_GT(result.raw_payload_id, 0);
    EXPECT_EQ(std::get<0>(counts()), std::get<0>(before) + 1);
    EXPECT_EQ(std::get<1>(counts()), std::get<1>(before) + 1);
    EXPECT_TRUE(c.ingest(acme, m).duplicate);  // and now it is one
}

}  // namespace
}  // namespace propos

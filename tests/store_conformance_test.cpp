// The Store contract (issue 18), the same tests on every engine: records and their keys, counters,
// events, the inbox, the audit chain, transactions (rollback, read-only, nesting, concurrent
// writers) and organization isolation. Jobs and search documents: job_queue_test and
// search_store_test run on every engine too.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "store_engines.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::Engine;
using propos::testing::EngineStore;
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

class StoreConformanceTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        engine = std::make_unique<EngineStore>(GetParam(), dir);
        PROPOS_SKIP_WITHOUT_ENGINE(*engine);
        store = engine->store().get();
        a = make_org(*store, "org-a", "Alpha");
        b = make_org(*store, "org-b", "Beta");
    }
    WorkOrder wo(const std::string& id, const std::string& unit, WorkOrderStatus status, int minute,
                 const std::string& vendor = "") {
        WorkOrder w;
        w.id = WorkOrderId(id);
        w.unit_id = UnitId(unit);
        w.title = "Work order " + id;
        w.status = status;
        w.created_at = ManualClock::default_start() + std::chrono::minutes(minute);
        if (!vendor.empty()) w.vendor_id = VendorId(vendor);
        return w;
    }
    std::vector<std::string> ids(const std::vector<WorkOrder>& v) {
        std::vector<std::string> out;
        for (const auto& w : v) out.push_back(w.id.str());
        return out;
    }
    TempDir dir;
    std::unique_ptr<EngineStore> engine;
    Store* store = nullptr;
    OrgId a, b;
};

INSTANTIATE_TEST_SUITE_P(Engines, StoreConformanceTest, propos::testing::all_engines(),
                         propos::testing::EngineName());

TEST_P(StoreConformanceTest, OrganizationsAreListedAndRequired) {
    const auto orgs = store->list_organizations();
    ASSERT_EQ(orgs.size(), 2u);
    EXPECT_EQ(orgs[0].name, "Alpha");
    EXPECT_EQ(orgs[1].name, "Beta");
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.records().require_organization(a).name, "Alpha");
        EXPECT_FALSE(tx.find_organization(OrgId("ghost")));
        expect_error([&] { tx.require_organization(OrgId("ghost")); }, ErrorCode::kNotFound, "ghost");
    });
    EXPECT_GE(store->schema_version(), 1);
    EXPECT_FALSE(store->location().empty());
    EXPECT_EQ(store->location().find("secret"), std::string::npos);
}

TEST_P(StoreConformanceTest, RecordsAreFoundListedFilteredPagedAndErased) {
    store->write([&](Transaction& tx) {
        tx.put(a, wo("wo-1", "u-1", WorkOrderStatus::kNew, 3));
        tx.put(a, wo("wo-2", "u-1", WorkOrderStatus::kScheduled, 1, "v-9"));
        tx.put(a, wo("wo-3", "u-2", WorkOrderStatus::kNew, 2, "v-9"));
        tx.put(b, wo("wo-b", "u-1", WorkOrderStatus::kNew, 0));
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get<WorkOrder>(a, "wo-1").title, "Work order wo-1");
        EXPECT_FALSE(tx.find<WorkOrder>(a, "wo-b"));  // another organization's
        expect_error([&] { tx.get<WorkOrder>(a, "nope"); }, ErrorCode::kNotFound, "nope");
        // Creation time, then id.
        EXPECT_EQ(ids(tx.list<WorkOrder>(a)), (std::vector<std::string>{"wo-2", "wo-3", "wo-1"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.newest_first = true})),
                  (std::vector<std::string>{"wo-1", "wo-3", "wo-2"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.parent = "u-1"})), (std::vector<std::string>{"wo-2", "wo-1"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.status = "new"})), (std::vector<std::string>{"wo-3", "wo-1"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.ref = "v-9"})), (std::vector<std::string>{"wo-2", "wo-3"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.after_id = "wo-1"})), (std::vector<std::string>{"wo-2", "wo-3"}));
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.limit = 1, .offset = 1})), (std::vector<std::string>{"wo-3"}));
        const auto t0 = ManualClock::default_start();
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.since = t0 + 2min, .before = t0 + 3min})),
                  (std::vector<std::string>{"wo-3"}));
        EXPECT_EQ(tx.count<WorkOrder>(a), 3);
        EXPECT_EQ(tx.count<WorkOrder>(a, {.status = "new"}), 2);
        EXPECT_EQ(tx.count_by<WorkOrder>(a, "status"),
                  (std::map<std::string, std::int64_t>{{"new", 2}, {"scheduled", 1}}));
        EXPECT_EQ(tx.count_by_ref<WorkOrder>(a), (std::map<std::string, std::int64_t>{{"v-9", 2}}));
        expect_error([&] { tx.count_by<WorkOrder>(a, "status'); DROP TABLE records; --"); },
                     ErrorCode::kInvalidArgument, "plain field name");
    });
    // Rewriting a record moves it in every index.
    store->write([&](Transaction& tx) {
        auto w = tx.get<WorkOrder>(a, "wo-1");
        w.status = WorkOrderStatus::kScheduled;
        w.unit_id = UnitId("u-3");
        tx.put(a, w);
        EXPECT_TRUE(tx.erase<WorkOrder>(a, "wo-3"));
        EXPECT_FALSE(tx.erase<WorkOrder>(a, "wo-3"));
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.status = "new"})), std::vector<std::string>{});
        EXPECT_EQ(ids(tx.list<WorkOrder>(a, {.parent = "u-3"})), std::vector<std::string>{"wo-1"});
        EXPECT_EQ(tx.count<WorkOrder>(a), 2);
        EXPECT_EQ(tx.count<WorkOrder>(b), 1);
    });
}

TEST_P(StoreConformanceTest, LookupFindsEitherKeyAndPartsFollowTheirRecord) {
    store->write([&](Transaction& tx) {
        Tenant t;
        t.id = TenantId("t-1");
        t.unit_id = UnitId("u-1");
        t.name = "Ana";
        t.phone = "+15550001111";
        t.email = "ana@example.com";
        tx.put(a, t);
        tx.put_record_part(a, "run", "r-1", 1, "{\"n\":1}");
        tx.put_record_part(a, "run", "r-1", 0, "{\"n\":0}");
        tx.put_record_part(a, "run", "r-1", 1, "{\"n\":11}");
        tx.put_record_part(b, "run", "r-1", 0, "{\"other\":true}");
        tx.put_record(a, "run", "r-1", RecordKeys{}, "{\"id\":\"r-1\"}");
        expect_error([&] { tx.put_record_part(a, "run", "r-1", -1, "{}"); }, ErrorCode::kInvalidArgument,
                     "negative");
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.list<Tenant>(a, {.lookup = "+15550001111"}).size(), 1u);
        EXPECT_EQ(tx.list<Tenant>(a, {.lookup = "ana@example.com"}).size(), 1u);
        EXPECT_EQ(tx.list<Tenant>(b, {.lookup = "ana@example.com"}).size(), 0u);
        const auto parts = tx.list_record_parts(a, "run", "r-1");
        ASSERT_EQ(parts.size(), 2u);
        EXPECT_EQ(parts[0], (std::pair<std::int64_t, std::string>{0, "{\"n\":0}"}));
        EXPECT_EQ(parts[1], (std::pair<std::int64_t, std::string>{1, "{\"n\":11}"}));
    });
    store->write([&](Transaction& tx) { EXPECT_TRUE(tx.erase_record(a, "run", "r-1")); });
    store->read([&](Transaction& tx) {
        EXPECT_TRUE(tx.list_record_parts(a, "run", "r-1").empty());
        EXPECT_EQ(tx.list_record_parts(b, "run", "r-1").size(), 1u);
    });
}

TEST_P(StoreConformanceTest, CountersAndEventIdsIncreasePerOrganization) {
    store->write([&](Transaction& tx) {
        EXPECT_EQ(tx.next_counter(a, "c"), 1);
        EXPECT_EQ(tx.next_counter(a, "c"), 2);
        EXPECT_EQ(tx.next_counter(b, "c"), 1);
        EXPECT_EQ(tx.next_counter(a, "d"), 1);
    });
    std::vector<Event> events;
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 3; ++i) events.push_back(emit_event(tx, a, "thing.happened", "c-1", Json{{"i", i}}, ManualClock::default_start()));
        emit_event(tx, b, "other.org", "", Json::object(), ManualClock::default_start());
    });
    EXPECT_EQ(events[0].id, "evt_000000000001");
    EXPECT_LT(events[0].id, events[1].id);
    store->read([&](Transaction& tx) {
        expect_error([&] { tx.next_counter(a, "c"); }, ErrorCode::kFailedPrecondition, "write transaction");
    });
    store->write([&](Transaction& tx) { EXPECT_EQ(tx.next_counter(a, "c"), 3); });
}

TEST_P(StoreConformanceTest, EventsArePolledAfterAnId) {
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 5; ++i) {
            tx.events().append_event(a, "e", "", Json{{"i", i}}, ManualClock::default_start());
        }
    });
    store->read([&](Transaction& tx) {
        const auto all = tx.events().list_events(a, "", 0);
        ASSERT_EQ(all.size(), 5u);
        const auto rest = tx.events().list_events(a, all[1].id, 2);
        ASSERT_EQ(rest.size(), 2u);
        EXPECT_EQ(rest[0].payload.at("i"), 2);
        EXPECT_TRUE(tx.events().list_events(b, "", 0).empty());
    });
}

TEST_P(StoreConformanceTest, RawPayloadsAreKeptAsReceivedAndDeadLettersListed) {
    const std::string body("binary\0body\xff with a NUL", 24);
    std::int64_t first = 0, second = 0;
    store->write([&](Transaction& tx) {
        first = tx.store_raw_payload(a, "twilio", "application/x-www-form-urlencoded", body, ManualClock::default_start());
        second = tx.store_raw_payload(a, "cli", "text/plain", "hello", ManualClock::default_start());
        tx.store_raw_payload(b, "twilio", "text/plain", "other org", ManualClock::default_start());
        tx.set_raw_payload_status(a, second, "dead", "no sender");
        expect_error([&] { tx.set_raw_payload_status(a, second, "lost", ""); }, ErrorCode::kInvalidArgument, "lost");
        expect_error([&] { tx.set_raw_payload_status(b, second, "dead", ""); }, ErrorCode::kNotFound, "not found");
    });
    EXPECT_GT(second, first);
    store->read([&](Transaction& tx) {
        const auto p = tx.find_raw_payload(a, first);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->body, body);
        EXPECT_EQ(p->status, "received");
        EXPECT_FALSE(tx.find_raw_payload(b, first));
        const auto dead = tx.list_raw_payloads(a, "dead", 0);
        ASSERT_EQ(dead.size(), 1u);
        EXPECT_EQ(dead[0].error, "no sender");
        const auto twilio = tx.query_raw_payloads(a, {.sources = {"twilio"}, .with_bodies = false});
        ASSERT_EQ(twilio.size(), 1u);
        EXPECT_TRUE(twilio[0].body.empty());
        EXPECT_EQ(tx.query_raw_payloads(a, {.after_id = first}).size(), 1u);
        EXPECT_EQ(tx.query_raw_payloads(a, {.limit = 1}).at(0).id, first);
    });
}

TEST_P(StoreConformanceTest, AuditChainsPerOrganizationVerifyAndRejectIncompleteEntries) {
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 3; ++i) {
            AuditEvent e;
            e.actor = "system";
            e.action = "step";
            e.entity_kind = "work_order";
            e.entity_id = "wo-" + std::to_string(i % 2);
            e.at = ManualClock::default_start();
            e.data = Json{{"i", i}};
            const auto out = tx.append_audit(a, e);
            EXPECT_EQ(out.seq, i + 1);
        }
        AuditEvent other;
        other.actor = "x";
        other.action = "y";
        EXPECT_EQ(tx.audit().append_audit(b, other).seq, 1);
        expect_error([&] { tx.append_audit(a, AuditEvent{}); }, ErrorCode::kInvalidArgument, "no action");
    });
    store->read([&](Transaction& tx) {
        const auto v = tx.verify_audit(a);
        EXPECT_TRUE(v.ok) << v.problem;
        EXPECT_EQ(v.entries, 3);
        const auto all = tx.list_audit(a, 0, 0);
        ASSERT_EQ(all.size(), 3u);
        EXPECT_EQ(all[1].prev_hash, all[0].hash);
        EXPECT_EQ(tx.list_audit(a, 1, 1).at(0).seq, 2);
        EXPECT_EQ(tx.list_audit_for(a, "work_order", "wo-0").size(), 2u);
        EXPECT_EQ(tx.audit_head(a, false)->seq, 3);
        EXPECT_TRUE(tx.verify_audit(b).ok);
    });
}

TEST_P(StoreConformanceTest, AFailedTransactionLeavesNothingAndReadsCannotWrite) {
    expect_error([&] {
        store->write([&](Transaction& tx) {
            tx.put(a, wo("wo-1", "u-1", WorkOrderStatus::kNew, 0));
            tx.store_raw_payload(a, "cli", "text/plain", "x", ManualClock::default_start());
            tx.next_counter(a, "c");
            JobSpec spec;
            spec.type = "t";
            tx.enqueue(a, spec, ManualClock::default_start());
            throw Error(ErrorCode::kInternal, "boom");
        });
    }, ErrorCode::kInternal, "boom");
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(a), 0);
        EXPECT_TRUE(tx.list_raw_payloads(a, "", 0).empty());
        EXPECT_EQ(tx.count_jobs(a).pending, 0);
        expect_error([&] { tx.put(a, wo("wo-2", "u-1", WorkOrderStatus::kNew, 0)); },
                     ErrorCode::kFailedPrecondition, "write transaction");
        expect_error([&] { store->read([](Transaction&) {}); }, ErrorCode::kFailedPrecondition, "nested");
    });
    store->write([&](Transaction& tx) { EXPECT_EQ(tx.next_counter(a, "c"), 1); });
    expect_error([&] { store->read([&](Transaction& tx) { tx.count<WorkOrder>(OrgId("ghost")); }); },
                 ErrorCode::kNotFound, "unknown organization 'ghost'");
    expect_error([&] { store->read([&](Transaction& tx) { tx.count<WorkOrder>(OrgId("")); }); },
                 ErrorCode::kInvalidArgument, "empty");
}

// Writers on several threads (and, for PostgreSQL, several connections): every write lands once,
// counters hand out distinct values, the audit chain stays one chain.
TEST_P(StoreConformanceTest, ConcurrentWritersLoseNothingAndNeverForkTheChain) {
    constexpr int kThreads = 4, kEach = 25;
    std::vector<std::thread> threads;
    std::mutex mu;
    std::set<std::int64_t> values;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                try {
                    store->write([&](Transaction& tx) {
                        tx.put(a, wo("wo-" + std::to_string(t) + "-" + std::to_string(i), "u", WorkOrderStatus::kNew, i));
                        const auto v = tx.next_counter(a, "shared");
                        AuditEvent e;
                        e.actor = "thread-" + std::to_string(t);
                        e.action = "write";
                        tx.append_audit(a, e);
                        std::lock_guard lock(mu);
                        values.insert(v);
                    });
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(values.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(*values.rbegin(), kThreads * kEach);
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.count<WorkOrder>(a), kThreads * kEach);
        const auto v = tx.verify_audit(a);
        EXPECT_TRUE(v.ok) << v.problem;
        EXPECT_EQ(v.entries, kThreads * kEach);
    });
}

TEST_P(StoreConformanceTest, DataSurvivesReopening) {
    store->write([&](Transaction& tx) { tx.put(a, wo("wo-1", "u-1", WorkOrderStatus::kNew, 0)); });
    auto again = engine->open_again(dir);
    again->read([&](Transaction& tx) { EXPECT_EQ(tx.count<WorkOrder>(a), 1); });
    EXPECT_EQ(again->list_organizations().size(), 2u);
}

}  // namespace
}  // namespace propos

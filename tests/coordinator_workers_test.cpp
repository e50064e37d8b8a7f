// Several workers on one PostgreSQL database (issue 18): a Coordinator's job loop passes over an
// organization another worker is writing (Store::try_batch), works on the others meanwhile, and
// does not end while that organization may still hold jobs for it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "store_engines.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::Engine;
using propos::testing::EngineStore;
using propos::testing::TempDir;

Json two_organizations() {
    return parse_json(R"({"organizations":[
      {"organization":{"id":"alpha","name":"Alpha PM","timezone":"America/New_York"},
       "properties":[{"id":"pa","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                      "postal_code":"10001"}],
       "units":[{"id":"ua","property_id":"pa","label":"1A"}],
       "tenants":[{"id":"ta","unit_id":"ua","name":"Ann Lee","phone":"+12125550101"}]},
      {"organization":{"id":"beta","name":"Beta PM","timezone":"America/New_York"},
       "properties":[{"id":"pb","name":"Oak Court","address":"5 Oak St","city":"New York","state":"NY",
                      "postal_code":"10002"}],
       "units":[{"id":"ub","property_id":"pb","label":"2B"}],
       "tenants":[{"id":"tb","unit_id":"ub","name":"Bo Chen","phone":"+12125550202"}]}]})",
                      "portfolio");
}

IncomingMessage message(const std::string& id, const std::string& from) {
    IncomingMessage m;
    m.provider = "test";
    m.provider_message_id = id;
    m.from = from;
    m.text = "The kitchen sink is dripping under the cabinet";
    return m;
}

TEST(CoordinatorWorkersTest, AnOrganizationAnotherWorkerWritesIsPassedOverAndComeBackTo) {
    TempDir dir;
    EngineStore engine(Engine::kPostgres, dir);
    PROPOS_SKIP_WITHOUT_ENGINE(engine);
    std::shared_ptr<Store> store(std::move(engine.store()));
    auto clock = std::make_shared<ManualClock>();
    import_portfolio(*store, two_organizations(), clock->now());
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.seed = 7;
    o.history_search = false;
    Coordinator c(std::move(o));
    const OrgId alpha("alpha"), beta("beta");
    c.ingest(alpha, message("SM-A", "+12125550101"));
    c.ingest(beta, message("SM-B", "+12125550202"));
    const auto done = [&](const OrgId& org) {
        return store->read_result([&](Transaction& tx) { return tx.count_jobs(org).done; });
    };

    // Another worker (another process's store) writes alpha and holds it.
    auto other = engine.open_again(dir);
    std::atomic<bool> holding{false}, release{false};
    std::thread writer([&] {
        other->write([&](Transaction& tx) {
            tx.put_record(alpha, "note", "held", {}, "{}");  // takes alpha's writer lock until commit
            holding = true;
            while (!release) std::this_thread::sleep_for(1ms);
        });
    });
    while (!holding) std::this_thread::sleep_for(1ms);
    auto run = std::async(std::launch::async, [&] { return c.run_until_idle(); });
    // Beta's work goes ahead while alpha is held (the old loop queued behind alpha's lock and, past
    // lock_timeout, failed).
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (done(beta) == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
    EXPECT_GT(done(beta), 0);
    EXPECT_EQ(done(alpha), 0);
    // The loop does not call itself idle while alpha may hold jobs for it.
    EXPECT_EQ(run.wait_for(300ms), std::future_status::timeout);
    release = true;
    writer.join();
    ASSERT_EQ(run.wait_for(60s), std::future_status::ready);
    const auto stats = run.get();
    EXPECT_EQ(stats.jobs_failed, 0u);
    EXPECT_GT(done(alpha), 0);
    for (const auto& org : {alpha, beta}) {
        const auto counts = store->read_result([&](Transaction& tx) { return tx.count_jobs(org); });
        EXPECT_EQ(counts.running, 0) << org.str();
        EXPECT_EQ(counts.dead, 0) << org.str();
        const auto wos = store->read_result([&](Transaction& tx) { return tx.list<WorkOrder>(org); });
        EXPECT_EQ(wos.size(), 1u) << org.str();
    }
}

}  // namespace
}  // namespace propos

// Issue 20: duplicate detection takes its similarity threshold from the history search's
// embedder (HistorySearch::thresholds(), HistorySearchOptions::thresholds), not a constant: the
// same two messages of one unit in two trades are one work order or two depending on it.
#include <gtest/gtest.h>

#include "propos/coordinator.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v2","name":"Day Sparks","trades":["electrical"],"service_area":["10001"],
         "phone":"+12125550205","hourly_rate":9000,"callout_fee":6000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

// The work orders left after the tenant reports a kitchen-sink leak and then, in another trade, the
// light over the same kitchen sink, with `thresholds` for the history search.
std::vector<WorkOrder> two_reports(const SimilarityThresholds& thresholds) {
    TempDir dir;
    auto store = std::shared_ptr<Store>(open_sqlite_store(dir.file("c.db")));
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    import_portfolio(*store, portfolio(), clock->now());
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.seed = 7;
    o.search.thresholds = thresholds;
    Coordinator c(std::move(o));
    EXPECT_EQ(c.history_search()->thresholds().duplicate, thresholds.duplicate);
    const OrgId org("acme");
    int n = 0;
    for (const char* text : {"The kitchen sink is leaking under the cabinet",
                             "The light above the kitchen sink flickers"}) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = "+12125550101";
        m.text = text;
        c.ingest(org, m);
        c.run_until_idle();
    }
    return c.work_orders(org);
}

TEST(DuplicateThresholdTest, TheEmbeddersThresholdDecidesAcrossTrades) {
    // Everything the search returns counts as the same problem: merged into the open work order.
    const auto merged = two_reports({.min_similarity = -1.0f, .duplicate = -1.0f, .source = "test"});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].message_ids.size(), 2u);
    // A threshold no pair of different texts reaches: two work orders, one per trade.
    const auto apart = two_reports({.min_similarity = -1.0f, .duplicate = 0.99f, .source = "test"});
    ASSERT_EQ(apart.size(), 2u);
    EXPECT_NE(apart[0].category, apart[1].category);
}

}  // namespace
}  // namespace propos

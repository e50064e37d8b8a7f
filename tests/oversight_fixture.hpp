// Shared by the oversight scenario tests (vendor replies, approvals, money bounds, escalation SLA):
// a small portfolio through the Coordinator on simulated time.
#pragma once

#include <gtest/gtest.h>

#include "propos/coordinator.hpp"
#include "propos/workflows/maintenance.hpp"
#include "test_util.hpp"

namespace propos::testing {
using namespace std::chrono_literals;

inline Json portfolio(const std::string& org) {
    auto doc = parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York",
                      "escalation_contact":"+12125550900","fallback_contact":"owner@acme.test"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"},{"id":"u2","property_id":"p1","label":"2B"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"(212) 555-0101"},
                 {"id":"t2","unit_id":"u2","name":"Luis Paz","phone":"+12125550102"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z",
         "scorecard":{"jobs_completed":50,"jobs_assigned":52,"on_time_jobs":48,"callbacks":1,"rating":4.8}},
        {"id":"v2","name":"Drain Kings","trades":["plumbing"],"service_area":["10001"],
         "phone":"+12125550202","hourly_rate":9000,"callout_fee":4000,"after_hours":false,
         "insurance_expires":"2027-01-01T00:00:00Z",
         "scorecard":{"jobs_completed":20,"jobs_assigned":30,"on_time_jobs":12,"callbacks":4,"rating":3.9}},
        {"id":"v3","name":"Gas Guys","trades":["gas","heat_hot_water"],"service_area":["10001"],
         "phone":"+12125550203","hourly_rate":12000,"callout_fee":8000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                          "portfolio");
    doc["organizations"][0]["organization"]["id"] = org;
    return doc;
}

class OversightTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("o.db")));
        import_portfolio(*store, portfolio("acme"), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    IngestResult say(const std::string& from, const std::string& text, const OrgId& to_org = OrgId("acme")) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = from;
        m.text = text;
        return c->ingest(to_org, m);
    }
    std::vector<Message> outbox_to(const std::string& to) {
        std::vector<Message> out;
        for (auto& m : c->outbox(org)) {
            if (m.to == to) out.push_back(m);
        }
        return out;
    }
    std::vector<Escalation> open_with(const std::string& reason) {
        std::vector<Escalation> out;
        for (auto& e : c->escalations(org)) {
            if (e.reason == reason) out.push_back(e);
        }
        return out;
    }
    std::size_t events_of(const std::string& type) {
        std::size_t k = 0;
        for (const auto& e : c->events(org)) k += e.type == type;
        return k;
    }
    // Two leaks in two units, both dispatched to Pipe Pros and not accepted yet.
    std::pair<WorkOrder, WorkOrder> two_jobs_for_pipe_pros() {
        say("+12125550101", "Kitchen faucet leaking");
        c->run_until_idle();
        say("+12125550102", "The bathroom sink is leaking");
        c->run_until_idle();
        auto wos = c->work_orders(org);
        EXPECT_EQ(wos.size(), 2u);
        for (const auto& w : wos) {
            EXPECT_EQ(w.status, WorkOrderStatus::kDispatched);
            EXPECT_EQ(w.vendor_id, VendorId("v1"));
        }
        return wos[0].unit_id == UnitId("u1") ? std::pair{wos[0], wos[1]} : std::pair{wos[1], wos[0]};
    }

    TempDir dir;
    // Monday 2026-01-05, 09:00 in New York: business hours.
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    int n = 0;
};

}  // namespace propos::testing

// Judgement through the Coordinator: a message that may be an emergency is urgent with a safety
// question and a one-hour deadline; the tenant's answer raises it to an emergency, silence brings a
// person; a model's triage may raise the offline criteria's priority, never lower it.
#include <gtest/gtest.h>

#include "propos/coordinator.hpp"
#include "propos/llm/rules.hpp"
#include "propos/workflows/maintenance.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::TempDir;

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}],
      "vendors":[
        {"id":"v1","name":"Lift Co","trades":["elevator"],"service_area":["10001"],"phone":"+12125550201",
         "hourly_rate":15000,"callout_fee":5000,"after_hours":true,"insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v2","name":"Gas Guys","trades":["gas"],"service_area":["10001"],"phone":"+12125550203",
         "hourly_rate":12000,"callout_fee":8000,"after_hours":true,"insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

class HazardCheckTest : public ::testing::Test {
protected:
    void start(std::shared_ptr<llm::LlmProvider> provider = nullptr) {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("h.db")));
        import_portfolio(*store, portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 11;
        if (provider) {
            o.provider = std::move(provider);
            o.offline_fallback = false;
        }
        c = std::make_unique<Coordinator>(std::move(o));
        c->on_event([this](const Event& e) { events.push_back(e.type); });
    }
    void say(const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = "+12125550101";
        m.text = text;
        c->ingest(org, m);
        c->run_until_idle();
    }
    std::vector<std::string> open_reasons() {
        std::vector<std::string> out;
        for (const auto& e : c->escalations(org, false)) {
            if (e.status == EscalationStatus::kOpen) out.push_back(e.reason);
        }
        return out;
    }
    bool tenant_got(const std::string& part) {
        for (const auto& m : c->outbox(org)) {
            if (m.to == "+12125550101" && m.body.find(part) != std::string::npos) return true;
        }
        return false;
    }

    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    std::vector<std::string> events;
    OrgId org{"acme"};
    int n = 0;
};

TEST_F(HazardCheckTest, AnUncertainHazardIsUrgentWithAQuestionAndTheAnswerMakesItAnEmergency) {
    start();
    say("elevator's stuck on the fourth floor");
    auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_EQ(wos[0].priority, Priority::kUrgent);  // never routine
    EXPECT_FALSE(wos[0].emergency);
    EXPECT_EQ(wos[0].awaiting_tenant, "hazard_check");
    EXPECT_TRUE(tenant_got("anyone inside"));

    say("yes, my neighbor is inside it");
    wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_TRUE(wos[0].emergency);
    EXPECT_EQ(wos[0].priority, Priority::kEmergency);
    EXPECT_EQ(wos[0].nte, Money::cents(150000));
    EXPECT_TRUE(wos[0].vendor_id.has_value());  // dispatched under the emergency rules
    const auto reasons = open_reasons();
    EXPECT_NE(std::find(reasons.begin(), reasons.end(), "emergency"), reasons.end());
    EXPECT_NE(std::find(events.begin(), events.end(), "work_order.raised_to_emergency"), events.end());
    bool audited = false;
    for (const auto& a : c->audit(org)) audited |= a.action == "work_order.raised_to_emergency";
    EXPECT_TRUE(audited);
}

TEST_F(HazardCheckTest, NoAnswerWithinTheHourBringsAPerson) {
    start();
    say("elevator's stuck on the fourth floor");
    clock->advance(59min);
    c->run_until_idle();
    auto reasons = open_reasons();
    EXPECT_EQ(std::find(reasons.begin(), reasons.end(), "hazard_unconfirmed"), reasons.end());
    clock->advance(2min);  // the hour is up
    c->run_until_idle();
    reasons = open_reasons();
    EXPECT_NE(std::find(reasons.begin(), reasons.end(), "hazard_unconfirmed"), reasons.end());
}

TEST_F(HazardCheckTest, AModelMayNotLowerTheOfflineCriteria) {
    // A "model" that proposes the offline rules' calls with the priority lowered to routine.
    auto lowering = std::make_shared<llm::RulesProvider>();
    lowering->add({"lowering", nullptr, [](const llm::LlmRequest& r) {
                       auto blocks = maintenance_rules_step(r);
                       for (auto& b : blocks) {
                           if (b.name == "triage_request" || b.name == "create_work_order") {
                               b.input["priority"] = "routine";
                               b.input["emergency"] = false;
                           }
                       }
                       return blocks;
                   }});
    start(lowering);
    say("I smell gas in the kitchen");
    const auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_TRUE(wos[0].emergency);
    EXPECT_EQ(wos[0].priority, Priority::kEmergency);
    EXPECT_EQ(wos[0].nte, Money::cents(150000));
    bool noted = false;
    for (const auto& r : wos[0].triage_reasons) noted |= r.find("raised to emergency") != std::string::npos;
    EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace propos

// A host's own triage model (CoordinatorOptions::triage_hook): raise-only, seen on the work order, and
// never silent when it fails.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"
#include "propos/workflows/triage.hpp"

namespace propos::testing {
namespace {

constexpr const char* kSink = "The kitchen sink is leaking under the cabinet";

class TriageHookTest : public OversightTest {
protected:
    void SetUp() override {}
    void start(TriageHook hook) {
        clock->set(parse_time("2026-06-10T15:00:00Z"));  // outside the heating season
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("h.db")));
        import_portfolio(*store, portfolio("acme"), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        o.triage_hook = std::move(hook);
        c = std::make_unique<Coordinator>(std::move(o));
    }
    WorkOrder only_work_order() {
        const auto wos = c->work_orders(org, {});
        EXPECT_EQ(wos.size(), 1u);
        return wos.empty() ? WorkOrder{} : wos.front();
    }
    bool has_reason(const WorkOrder& wo, const std::string& part) {
        for (const auto& r : wo.triage_reasons) {
            if (r.find(part) != std::string::npos) return true;
        }
        return false;
    }
    std::size_t open_escalations(const std::string& reason) {
        std::size_t n = 0;
        for (const auto& e : c->escalations(org)) n += e.reason == reason ? 1 : 0;
        return n;
    }
};

TEST(TriageOpinionTest, OnlyRaises) {
    auto t = triage_text("The closet door is off its track", parse_time("2026-06-10T15:00:00Z"));
    ASSERT_EQ(t.priority, Priority::kRoutine);
    TriageOpinion lower;
    lower.priority = Priority::kRoutine;
    EXPECT_EQ(apply_triage_opinion(t, lower), "");
    TriageOpinion urgent;
    urgent.priority = Priority::kUrgent;
    urgent.source = "sk";
    urgent.reason = "p=0.7";
    EXPECT_EQ(apply_triage_opinion(t, urgent), "urgent");
    EXPECT_EQ(t.priority, Priority::kUrgent);
    EXPECT_FALSE(t.emergency);
    EXPECT_EQ(t.reasons.back(), "raised to urgent by sk: p=0.7");

    auto gas = triage_text("I smell gas in the kitchen", parse_time("2026-06-10T15:00:00Z"));
    ASSERT_TRUE(gas.emergency);
    TriageOpinion calm;  // says routine, not an emergency: changes nothing
    calm.priority = Priority::kRoutine;
    EXPECT_EQ(apply_triage_opinion(gas, calm), "");
    EXPECT_TRUE(gas.emergency);
    EXPECT_EQ(gas.priority, Priority::kEmergency);
}

TEST_F(TriageHookTest, TheHostModelSeesTheMessageAndCanMakeItAnEmergency) {
    std::vector<TriageHookInput> seen;
    start([&](const TriageHookInput& in) -> std::optional<TriageOpinion> {
        seen.push_back(in);
        TriageOpinion o;
        o.emergency = in.text.find("ceiling") != std::string::npos;
        o.reason = "p(emergency)=0.91";
        o.source = "sklearn:ceiling-v1";
        return o;
    });
    say("+12125550101", "There is a long crack across the bedroom ceiling and it sags a bit");
    c->run_until_idle();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].org.str(), "acme");
    EXPECT_NE(seen[0].text.find("sags"), std::string::npos);
    EXPECT_EQ(seen[0].language, "en");
    const auto wo = only_work_order();
    EXPECT_TRUE(wo.emergency);
    EXPECT_EQ(wo.priority, Priority::kEmergency);
    EXPECT_TRUE(has_reason(wo, "raised to emergency by sklearn:ceiling-v1: p(emergency)=0.91")) << wo.triage_reasons.size();
    // A person is alerted, as for an emergency the criteria found.
    EXPECT_EQ(open_escalations("emergency"), 1u);
}

TEST_F(TriageHookTest, ALowerOpinionNeverLowersTheCriteria) {
    start([](const TriageHookInput& in) -> std::optional<TriageOpinion> {
        EXPECT_TRUE(in.emergency);
        TriageOpinion o;
        o.priority = Priority::kRoutine;
        o.reason = "p(emergency)=0.02";
        return o;
    });
    say("+12125550101", "I smell gas in the hallway outside my door, it is strong");
    c->run_until_idle();
    const auto wo = only_work_order();
    EXPECT_TRUE(wo.emergency);
    EXPECT_EQ(wo.priority, Priority::kEmergency);
    EXPECT_FALSE(has_reason(wo, "raised to"));
}

TEST_F(TriageHookTest, NoOpinionChangesNothing) {
    start([](const TriageHookInput&) -> std::optional<TriageOpinion> { return std::nullopt; });
    say("+12125550101", kSink);
    c->run_until_idle();
    const auto wo = only_work_order();
    EXPECT_FALSE(wo.emergency);
    EXPECT_EQ(wo.priority, triage_text(kSink, clock->now()).priority);
    EXPECT_EQ(open_escalations("emergency"), 0u);
}

TEST_F(TriageHookTest, AFailingModelIsSeenAndTheCriteriaStand) {
    start([](const TriageHookInput&) -> std::optional<TriageOpinion> {
        throw std::runtime_error("model file missing");
    });
    say("+12125550101", kSink);
    c->run_until_idle();
    const auto wo = only_work_order();
    EXPECT_FALSE(wo.emergency);
    EXPECT_EQ(wo.priority, triage_text(kSink, clock->now()).priority);
    EXPECT_TRUE(has_reason(wo, "host triage model failed (model file missing)"));
    bool event = false;
    for (const auto& e : c->events(org)) event = event || e.type == "triage.hook_failed";
    EXPECT_TRUE(event);
}

}  // namespace
}  // namespace propos::testing

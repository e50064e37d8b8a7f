#include <gtest/gtest.h>

#include "propos/agent/escalation.hpp"
#include "propos/agent/policy.hpp"
#include "test_util.hpp"

namespace propos {
namespace {

struct SpendCase {
    std::int64_t dollars;
    bool emergency;
    bool within_nte;
    bool needs_bids;
    bool needs_owner;
};
class SpendTest : public ::testing::TestWithParam<SpendCase> {};

TEST_P(SpendTest, FollowsNteBidAndApprovalThresholds) {
    Property p;  // NTE $500, emergency NTE $1,500, owner approval above $2,500
    p.name = "Elm Court";
    Policy policy;  // bids above $500
    const auto c = GetParam();
    const auto d = policy.evaluate_spend(p, Money::dollars(c.dollars), c.emergency);
    EXPECT_EQ(d.within_nte, c.within_nte) << d.reason;
    EXPECT_EQ(d.needs_bids, c.needs_bids) << d.reason;
    EXPECT_EQ(d.needs_owner_approval, c.needs_owner) << d.reason;
    EXPECT_FALSE(d.reason.empty());
}
INSTANTIATE_TEST_SUITE_P(Table, SpendTest,
                         ::testing::Values(SpendCase{150, false, true, false, false},
                                           SpendCase{500, false, true, false, false},
                                           SpendCase{650, false, false, true, true},
                                           SpendCase{3000, false, false, true, true},
                                           SpendCase{1200, true, true, false, false},
                                           SpendCase{2000, true, false, false, true},
                                           SpendCase{2600, true, false, false, true}));

TEST(PolicyTest, QuietHoursWrapAroundMidnight) {
    Policy p;
    EXPECT_TRUE(p.is_quiet_hour(22));
    EXPECT_TRUE(p.is_quiet_hour(3));
    EXPECT_FALSE(p.is_quiet_hour(8));
    EXPECT_FALSE(p.is_quiet_hour(14));
    p.quiet_start_hour = 1;
    p.quiet_end_hour = 5;
    EXPECT_TRUE(p.is_quiet_hour(2));
    EXPECT_FALSE(p.is_quiet_hour(22));
}

struct TextCase {
    const char* text;
    const char* expected;  // reason or "" for none
};
class EmergencyTextTest : public ::testing::TestWithParam<TextCase> {};
TEST_P(EmergencyTextTest, Detects) {
    const auto r = EscalationEngine::emergency_reasons(GetParam().text);
    if (std::string(GetParam().expected).empty()) {
        EXPECT_TRUE(r.empty()) << GetParam().text << " -> " << (r.empty() ? "" : r[0]);
    } else {
        ASSERT_FALSE(r.empty()) << GetParam().text;
        EXPECT_EQ(r[0], GetParam().expected) << GetParam().text;
    }
}
INSTANTIATE_TEST_SUITE_P(
    Table, EmergencyTextTest,
    ::testing::Values(TextCase{"I smell gas in the hallway", "gas leak"},
                      TextCase{"Huele a gas en la cocina", "gas leak"},
                      TextCase{"There's smoke coming from the outlet", "fire or smoke"},
                      TextCase{"Water coming through the ceiling, it won't stop", "flooding"},
                      TextCase{"The basement is flooded", "flooding"},
                      TextCase{"Sewage backing up into the tub", "sewage backup"},
                      TextCase{"Outlet is sparking", "electrical hazard"},
                      TextCase{"We have no heat and it's 40 degrees", "no heat"},
                      TextCase{"Someone broke in, the front door is broken", "unsecured entry"},
                      TextCase{"CO alarm is going off", "carbon monoxide"},
                      TextCase{"Smoke detector keeps chirping, needs a battery", ""},
                      TextCase{"The fireplace damper is stuck", ""},
                      TextCase{"Kitchen faucet drips slowly", ""},
                      TextCase{"Please service the fire extinguisher", ""}));

TEST(EscalationRulesTest, LegalHarassmentAndHumanRequests) {
    EXPECT_FALSE(EscalationEngine::legal_reasons("I will call my attorney").empty());
    EXPECT_FALSE(EscalationEngine::legal_reasons("I'm withholding rent until this is fixed").empty());
    EXPECT_TRUE(EscalationEngine::legal_reasons("My neighbor Sue says hi").empty());
    EXPECT_FALSE(EscalationEngine::harassment_reasons("The super keeps harassing me").empty());
    EXPECT_FALSE(EscalationEngine::harassment_reasons("This is discrimination").empty());
    EXPECT_TRUE(EscalationEngine::asks_for_human("Can I talk to a real person please?"));
    EXPECT_TRUE(EscalationEngine::asks_for_human("Quiero hablar con una persona"));
    EXPECT_FALSE(EscalationEngine::asks_for_human("The toilet is running"));
}

TEST(EscalationRulesTest, EvaluateOrdersBySeverityAndSkipsRaised) {
    EscalationEngine engine;
    StepObservation obs{"Gas smell and I want to talk to a person. I'll sue you.", nullptr, 0, {}};
    auto t = engine.evaluate(obs);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].reason, "emergency");
    EXPECT_FALSE(t[0].pause);
    EXPECT_EQ(t[1].reason, "legal_threat");
    EXPECT_EQ(t[2].reason, "human_requested");
    obs.already_raised = {"emergency", "legal_threat"};
    t = engine.evaluate(obs);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].reason, "human_requested");
    EXPECT_EQ(EscalationEngine::sla(Severity::kCritical), std::chrono::hours(1));
}

}  // namespace
}  // namespace propos

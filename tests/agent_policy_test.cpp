#include <gtest/gtest.h>

#include "propos/agent/escalation.hpp"
#include "propos/agent/policy.hpp"
#include "propos/core/time.hpp"
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
                      TextCase{"Il y a une ODEUR DE GAZ dans l'escalier", "gas leak"},
                      TextCase{"Nous sommes coincés dans l'ascenseur au 3e", "elevator entrapment"},
                      TextCase{"Dégât des eaux : le tuyau a éclaté sous l'évier", "flooding"},
                      TextCase{"В подъезде сильный запах газа", "gas leak"},
                      TextCase{"Соседи сверху нас ЗАТОПИЛИ", "flooding"},
                      TextCase{"Мы застряли в лифте", "elevator entrapment"},
                      TextCase{"厨房里有很浓的煤气味", "gas leak"},
                      TextCase{"浴室的水管爆了，到处是水", "flooding"},
                      TextCase{"我们被困电梯里了", "elevator entrapment"},
                      TextCase{"烟雾报警器没电池了，一直在响", ""},
                      TextCase{"Le détecteur de fumée bipe", ""},
                      TextCase{"Кран на кухне подтекает", ""},
                      // A smoking outlet is an electrical danger first (the criteria's "sparking or smoking outlet").
                      TextCase{"There's smoke coming from the outlet", "electrical hazard"},
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
    EXPECT_FALSE(
        EscalationEngine::legal_reasons("I'm withholding rent until this is fixed").empty());
    EXPECT_TRUE(EscalationEngine::legal_reasons("My neighbor Sue says hi").empty());
    EXPECT_FALSE(EscalationEngine::harassment_reasons("The super keeps harassing me").empty());
    EXPECT_FALSE(EscalationEngine::harassment_reasons("This is discrimination").empty());
    EXPECT_TRUE(EscalationEngine::asks_for_human("Can I talk to a real person please?"));
    EXPECT_TRUE(EscalationEngine::asks_for_human("Quiero hablar con una persona"));
    EXPECT_FALSE(EscalationEngine::asks_for_human("The toilet is running"));
}

TEST(EscalationRulesTest, EvaluateOrdersBySeverityAndSkipsRaised) {
    EscalationEngine engine;
    StepObservation obs;
    obs.inbound_text = "Gas smell and I want to talk to a person. I'll sue you.";
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

Timestamp utc(const char* iso) {
    return parse_time(iso);
}

TEST(PolicyTest, AllowListsDistinguishNoFilterFromEmpty) {
    Policy p;
    EXPECT_TRUE(p.tool_allowed("maintenance", "anything"));  // no entry: not filtered
    p.tool_allow_list["maintenance"] = {"reply_to_tenant"};
    EXPECT_TRUE(p.tool_allowed("maintenance", "reply_to_tenant"));
    EXPECT_FALSE(p.tool_allowed("maintenance", "dispatch_vendor"));
    p.tool_allow_list["readonly"] = {};
    EXPECT_FALSE(p.tool_allowed("readonly", "reply_to_tenant"));  // empty: nothing allowed
}

TEST(PolicyTest, SpendLimitIsTheLowerOfNteAndOwnerThreshold) {
    Property p;  // NTE $500, emergency NTE $1,500, owner approval above $2,500
    EXPECT_EQ(Policy::spend_limit(p, false), Money::dollars(500));
    EXPECT_EQ(Policy::spend_limit(p, true), Money::dollars(1500));
    p.owner_approval_threshold = Money::dollars(1000);
    EXPECT_EQ(Policy::spend_limit(p, true), Money::dollars(1000));
    // The limit agrees with evaluate_spend's needs_owner_approval on both sides.
    Policy policy;
    for (bool emergency : {false, true}) {
        const auto limit = Policy::spend_limit(p, emergency);
        EXPECT_FALSE(policy.evaluate_spend(p, limit, emergency).needs_owner_approval);
        EXPECT_TRUE(
            policy.evaluate_spend(p, limit + Money::cents(1), emergency).needs_owner_approval);
    }
}

struct SeasonCase {
    const char* at;
    HeatSeason season;
    bool inside;
};
class HeatSeasonTest : public ::testing::TestWithParam<SeasonCase> {};
TEST_P(HeatSeasonTest, ContainsInclusiveBoundsAndWrapsTheYear) {
    const auto c = GetParam();
    EXPECT_EQ(c.season.contains(utc(c.at)), c.inside) << c.at;
}
INSTANTIATE_TEST_SUITE_P(
    Table, HeatSeasonTest,
    ::testing::Values(SeasonCase{"2026-01-15T12:00:00Z", HeatSeason::northern(), true},
                      SeasonCase{"2026-10-01T00:00:00Z", HeatSeason::northern(), true},
                      SeasonCase{"2026-09-30T23:59:59Z", HeatSeason::northern(), false},
                      SeasonCase{"2026-05-31T23:59:59Z", HeatSeason::northern(), true},
                      SeasonCase{"2026-06-01T00:00:00Z", HeatSeason::northern(), false},
                      SeasonCase{"2026-07-15T12:00:00Z", HeatSeason::northern(), false},
                      SeasonCase{"2026-07-15T12:00:00Z", HeatSeason::southern(), true},
                      SeasonCase{"2026-01-15T12:00:00Z", HeatSeason::southern(), false},
                      SeasonCase{"2026-07-15T12:00:00Z", HeatSeason::all_year(), true},
                      SeasonCase{"2026-07-15T12:00:00Z", HeatSeason{13, 1, 5, 31}, false}));

TEST(EscalationRulesTest, NoHeatIsAnEmergencyOnlyInColdWeather) {
    EscalationEngine engine;  // NYC season, cold below 12.8 C
    const std::string text = "We have no heat in the apartment";
    StepObservation obs;
    obs.inbound_text = text;
    obs.at = utc("2026-01-15T08:00:00Z");
    auto t = engine.evaluate_input(obs);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].reason, "emergency");
    EXPECT_EQ(t[0].context["reasons"], Json::array({"no heat"}));
    obs.at = utc("2026-07-15T08:00:00Z");
    EXPECT_TRUE(engine.evaluate_input(obs).empty());  // summer: a repair, not an emergency
    obs.outdoor_temperature_c = 4.0;  // a cold snap out of season: the temperature decides
    EXPECT_EQ(engine.evaluate_input(obs).size(), 1u);
    obs.at = utc("2026-01-15T08:00:00Z");
    obs.outdoor_temperature_c = 20.0;  // a warm winter day
    EXPECT_TRUE(engine.evaluate_input(obs).empty());
    // Other emergencies do not depend on the weather.
    EXPECT_EQ(engine.emergency_reasons_at("no heat and I smell gas", utc("2026-07-15T08:00:00Z"),
                                          std::nullopt),
              std::vector<std::string>{"gas leak"});
    // The southern hemisphere's season.
    Policy south;
    south.heat_season = HeatSeason::southern();
    EscalationEngine southern(south);
    EXPECT_TRUE(southern.is_cold(utc("2026-07-15T08:00:00Z"), std::nullopt));
    EXPECT_FALSE(southern.is_cold(utc("2026-01-15T08:00:00Z"), std::nullopt));
    // The season-agnostic keyword scan still reports it.
    EXPECT_EQ(EscalationEngine::emergency_reasons(text), std::vector<std::string>{"no heat"});
}

TEST(EscalationRulesTest, RejectsAnInvalidHeatSeason) {
    Policy p;
    p.heat_season = HeatSeason{10, 1, 13, 31};
    propos::testing::expect_error([&] { EscalationEngine e(p); }, ErrorCode::kInvalidArgument,
                                  "heat_season");
}

TEST(EscalationRulesTest, EmergencyWaivesTheOtherInputPauses) {
    EscalationEngine engine;
    StepObservation obs;
    obs.inbound_text = "The super keeps harassing me and I want to talk to a person";
    auto t = engine.evaluate_input(obs);
    ASSERT_EQ(t.size(), 2u);
    for (const auto& x : t) EXPECT_TRUE(x.pause) << x.reason;
    obs.inbound_text += ". Also the basement is flooding";
    t = engine.evaluate_input(obs);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].reason, "emergency");
    for (const auto& x : t) {
        EXPECT_FALSE(x.pause) << x.reason;
        if (x.reason != "emergency") {
            EXPECT_EQ(x.context["pause_waived"], "emergency");
        }
    }
}

TEST(EscalationRulesTest, ProposalRulesReadTheToolCalls) {
    EscalationEngine engine;  // min confidence 0.5, default spend limit $500, argument amount_cents
    llm::LlmResponse reply;
    reply.content = {llm::ContentBlock::make_text("Paying."),
                     llm::ContentBlock::tool_use("a", "pay", {{"amount_cents", 50000}}),
                     llm::ContentBlock::tool_use("b", "triage", {{"confidence", 0.7}})};
    StepObservation obs;
    obs.response = &reply;
    EXPECT_TRUE(engine.evaluate_proposal(obs).empty());  // $500.00 is at the limit, not above
    reply.content[1].input["amount_cents"] = 50001;
    reply.content[2].input["confidence"] = 0.3;
    auto t = engine.evaluate_proposal(obs);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].reason, "spend_above_limit");  // high before medium
    EXPECT_TRUE(t[0].pause);
    EXPECT_EQ(t[0].context["tool"], "pay");
    EXPECT_EQ(t[0].context["limit_cents"], 50000);
    EXPECT_EQ(t[1].reason, "low_confidence");
    // The step's own limit (the property's) wins over the default.
    obs.spend_limit = Money::dollars(1000);
    t = engine.evaluate_proposal(obs);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].reason, "low_confidence");
    // Amounts under other argument names are not spend unless the policy says so.
    reply.content[1].input = {{"total_cents", 900000}};
    obs.already_raised = {"low_confidence"};
    EXPECT_TRUE(engine.evaluate_proposal(obs).empty());
    Policy p;
    p.spend_arguments = {"amount_cents", "total_cents"};
    EXPECT_EQ(EscalationEngine(p).evaluate_proposal(obs).size(), 1u);
    // Input and outcome rules ignore the reply; proposal rules ignore the text.
    obs.inbound_text = "I'll sue";
    EXPECT_EQ(engine.evaluate_proposal(obs).size(), 0u);
    obs.consecutive_tool_failures = 3;
    ASSERT_EQ(engine.evaluate_outcome(obs).size(), 1u);
    EXPECT_EQ(engine.evaluate_outcome(obs)[0].reason, "repeated_tool_failures");
}

}  // namespace
}  // namespace propos

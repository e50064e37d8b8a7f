// classify_intent: the rules that must hold whatever the evaluation figures are.
#include <gtest/gtest.h>

#include "propos/core/time.hpp"
#include "propos/workflows/intent.hpp"

namespace propos {
namespace {

Intent intent_of(const std::string& text) { return classify_intent(text).intent; }

TEST(IntentTest, AnEmergencyIsMaintenanceWhateverElseTheMessageAsks) {
    const auto r = classify_intent("I smell gas in the kitchen. Also, when is rent due this month?");
    EXPECT_EQ(r.intent, Intent::kMaintenance);
    ASSERT_FALSE(r.reasons.empty());
    EXPECT_NE(r.reasons.front().find("emergency criteria"), std::string::npos) << r.reasons.front();
    // A typo in Russian does not hide a gas smell behind a payment question.
    EXPECT_EQ(intent_of("пахнит газом в коридоре!! и еще хотел спросить до какого числа платить за квартиру"),
              Intent::kMaintenance);
}

TEST(IntentTest, EachIntentInSixLanguages) {
    EXPECT_EQ(intent_of("The kitchen sink is clogged and leaking under the cabinet"), Intent::kMaintenance);
    EXPECT_EQ(intent_of("¿Cuánto debo de renta este mes? Quiero pagar hoy"), Intent::kPayment);
    EXPECT_EQ(intent_of("Nous souhaitons renouveler notre bail pour un an"), Intent::kRenewal);
    EXPECT_EQ(intent_of("Vamos nos mudar para o apartamento no sábado, onde pego as chaves?"), Intent::kMoveIn);
    EXPECT_EQ(intent_of("Мы съезжаем в конце месяца, когда вернут залог?"), Intent::kMoveOut);
    EXPECT_EQ(intent_of("楼上邻居每天半夜放音乐，太吵了"), Intent::kNeighbor);
    EXPECT_EQ(intent_of("Are pets allowed in the building? Is there a pet fee?"), Intent::kQuestion);
    EXPECT_EQ(intent_of("I want to speak to a real person, not a bot"), Intent::kHuman);
    EXPECT_EQ(intent_of("CONGRATULATIONS! You won a $500 gift card, click here to claim"), Intent::kOther);
}

TEST(IntentTest, TraditionalChineseAndMixedScriptsAreRead) {
    EXPECT_EQ(intent_of("部冷氣壞咗，好熱呀，可唔可以send人嚟睇下"), Intent::kMaintenance);
    EXPECT_EQ(intent_of("收到續約通知，房租漲了15%"), Intent::kRenewal);
    EXPECT_EQ(intent_of("下週一move in，想問幾點可以拿鑰匙"), Intent::kMoveIn);
}

TEST(IntentTest, NegationTurnsALeaseEventAround) {
    EXPECT_EQ(intent_of("not renewing. lease ends 8/31 and we'll be out by then"), Intent::kMoveOut);
    EXPECT_EQ(intent_of("NOT moving out!! we want to renew"), Intent::kRenewal);
    // A negation further away is not a decision: the renewal offer simply has not arrived.
    EXPECT_EQ(intent_of("haven't gotten a renewal offer yet and my lease is up in 6 wks"), Intent::kRenewal);
}

TEST(IntentTest, ARepairOutranksWhatItIsWrappedIn) {
    const auto r = classify_intent("The heater is broken again. I want to speak to the manager today.");
    EXPECT_EQ(r.intent, Intent::kMaintenance);
    EXPECT_NE(std::find(r.also.begin(), r.also.end(), Intent::kHuman), r.also.end());
    // A broken payment website is not a repair.
    EXPECT_EQ(intent_of("rent portal is broken, keeps throwing an error when I hit pay"), Intent::kPayment);
}

TEST(IntentTest, AReplyIsReadApartFromTheConversationItQuotes) {
    // The quoted repair does not make a thank-you a repair request.
    EXPECT_EQ(intent_of("Great, thank you so much! Everything works perfectly now.\n\nOn Fri, Sept 6, Maintenance "
                        "wrote:\n> the plumber has finished the repair on your kitchen sink."),
              Intent::kOther);
    // A reply that names nothing takes the conversation's intent.
    EXPECT_EQ(intent_of("It hasn't stopped. Last night it went on until 2:30.\n\nOn Thu, Feb 8, Management wrote:\n"
                        "> we've spoken with your neighbor in 4C about the loud music."),
              Intent::kNeighbor);
}

TEST(IntentTest, NothingNamedIsKeptOrAskedNeverARepair) {
    EXPECT_EQ(intent_of(""), Intent::kOther);
    EXPECT_EQ(intent_of("   "), Intent::kOther);
    EXPECT_EQ(intent_of("ok thanks!"), Intent::kOther);
    EXPECT_EQ(intent_of("hello?"), Intent::kQuestion);  // goes to the knowledge base, then a person
}

TEST(IntentTest, ReasonsNameTheSignalsAndConfidenceIsBounded) {
    const auto r = classify_intent("Where do I drop off my keys on my last day? Also my security deposit refund");
    EXPECT_EQ(r.intent, Intent::kMoveOut);
    ASSERT_FALSE(r.reasons.empty());
    EXPECT_EQ(r.reasons.front().rfind("intent:move_out (", 0), 0u) << r.reasons.front();
    EXPECT_GT(r.confidence, 0.0);
    EXPECT_LE(r.confidence, 0.95);
    EXPECT_EQ(r.language, "en");
}

}  // namespace
}  // namespace propos

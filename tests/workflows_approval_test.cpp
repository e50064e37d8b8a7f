// The one reader of owner/staff approval decisions: structured decisions first, free text (with
// negation) in English, Spanish, French, Portuguese, Russian and Chinese as the fallback.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"
#include "propos/workflows/approval.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::OversightTest;

struct Case {
    const char* text;
    ApprovalVerdict want;
};

class ApprovalTextTest : public ::testing::TestWithParam<Case> {};

TEST_P(ApprovalTextTest, ReadsTheVerdict) {
    const auto& c = GetParam();
    EXPECT_EQ(read_approval_text(c.text), c.want) << c.text;
}

constexpr auto kYes = ApprovalVerdict::kApprove;
constexpr auto kNo = ApprovalVerdict::kDecline;
constexpr auto kUnclear = ApprovalVerdict::kUnclear;

// What a staff member's decision on an escalation that is not an approval tells the run: stop
// (a decline, stopping, holding, cancelling, waiting, a negated instruction) in every supported
// language, or go on (an approval, an instruction to proceed).
TEST(StaffSaysStopTest, StopWordsAndNegatedInstructionsInSixLanguages) {
    for (const char* stop : {"stop", "Hold off until Monday", "cancel it", "don't send anyone", "do not dispatch",
                             "never mind, the tenant fixed it", "Declined", "no enviar a nadie", "espera",
                             "cancelen la orden", "N'envoyez personne", "attendez lundi", "annulez",
                             "não mande ninguém", "aguarde", "cancelar", "не отправляйте", "отмена", "подождите",
                             "先别派人", "取消", "暂停一下"}) {
        EXPECT_TRUE(staff_says_stop(stop)) << stop;
    }
    for (const char* go : {"go ahead", "approved", "send the plumber", "sí, adelante", "envoyez le plombier",
                           "pode mandar", "отправляйте", "可以派人", "ok", ""}) {
        EXPECT_FALSE(staff_says_stop(go)) << go;
    }
}

INSTANTIATE_TEST_SUITE_P(
    English, ApprovalTextTest,
    ::testing::Values(Case{"Approved by the owner", kYes}, Case{"approve", kYes}, Case{"Yes", kYes},
                      Case{"OK, go ahead", kYes}, Case{"Approved by the owner by phone", kYes},
                      Case{"No problem, approved", kYes}, Case{"Don't approve", kNo},
                      Case{"do not approve this", kNo}, Case{"Not approved", kNo}, Case{"no", kNo},
                      Case{"NO.", kNo}, Case{"Declined", kNo}, Case{"The owner rejected it", kNo},
                      Case{"denied", kNo}, Case{"never approved that", kNo},
                      Case{"owner won't approve", kNo}, Case{"No, don't approve it", kNo},
                      Case{"I do not authorize this", kNo}, Case{"let me think about it", kUnclear},
                      Case{"", kUnclear}, Case{"approve, no wait, reject", kUnclear}));

INSTANTIATE_TEST_SUITE_P(
    Spanish, ApprovalTextTest,
    ::testing::Values(Case{"Aprobado", kYes}, Case{"Sí, adelante", kYes}, Case{"lo apruebo", kYes},
                      Case{"No aprobado", kNo}, Case{"no lo apruebo", kNo}, Case{"No", kNo},
                      Case{"rechazado por el dueño", kNo}, Case{"no autorizo", kNo}));

INSTANTIATE_TEST_SUITE_P(
    French, ApprovalTextTest,
    ::testing::Values(Case{"Approuvé", kYes}, Case{"oui", kYes}, Case{"d'accord", kYes},
                      Case{"Je n'approuve pas", kNo}, Case{"pas approuvé", kNo}, Case{"Non", kNo},
                      Case{"refusé", kNo}, Case{"non approuvé par le propriétaire", kNo}));

INSTANTIATE_TEST_SUITE_P(
    Portuguese, ApprovalTextTest,
    ::testing::Values(Case{"Aprovado", kYes}, Case{"sim, pode seguir", kYes}, Case{"Não aprovado", kNo},
                      Case{"não", kNo}, Case{"nao aprovo", kNo}, Case{"recusado", kNo},
                      Case{"Eu não autorizo", kNo}));

INSTANTIATE_TEST_SUITE_P(
    Russian, ApprovalTextTest,
    ::testing::Values(Case{"Одобрено", kYes}, Case{"да", kYes}, Case{"согласен", kYes},
                      Case{"Не одобряю", kNo}, Case{"нет", kNo}, Case{"Отклонено", kNo},
                      Case{"не согласен", kNo}));

INSTANTIATE_TEST_SUITE_P(
    Chinese, ApprovalTextTest,
    ::testing::Values(Case{"批准", kYes}, Case{"同意", kYes}, Case{"可以", kYes}, Case{"不批准", kNo},
                      Case{"不同意", kNo}, Case{"拒绝", kNo}, Case{"未批准", kNo}, Case{"不可以", kNo}));

TEST(ApprovalDecisionTest, StructuredDecisionsComeFirst) {
    auto d = parse_approval_decision("approve");
    EXPECT_TRUE(d.approve);
    EXPECT_FALSE(d.amount);
    EXPECT_FALSE(d.vendor_id);
    d = parse_approval_decision(" DECLINE ");
    EXPECT_FALSE(d.approve);
    d = parse_approval_decision(R"({"decision":"approve","amount_cents":65000,"vendor_id":"v2","note":"by phone"})");
    EXPECT_TRUE(d.approve);
    EXPECT_EQ(d.amount, Money::dollars(650));
    EXPECT_EQ(d.vendor_id, VendorId("v2"));
    EXPECT_EQ(d.note, "by phone");
    d = parse_approval_decision(R"({"decision":"decline"})");
    EXPECT_FALSE(d.approve);
    // Free text is the fallback, and keeps the person's words as the note.
    d = parse_approval_decision("Don't approve, too expensive");
    EXPECT_FALSE(d.approve);
    EXPECT_EQ(d.note, "Don't approve, too expensive");
}

TEST(ApprovalDecisionTest, UnclearOrInvalidDecisionsAreErrors) {
    expect_error([] { parse_approval_decision("let me check with the owner"); }, ErrorCode::kInvalidArgument,
                 "neither an approval nor a decline");
    expect_error([] { parse_approval_decision(R"({"decision":"maybe"})"); }, ErrorCode::kInvalidArgument,
                 "decision");
    expect_error([] { parse_approval_decision(R"({"decision":"approve","amount_cents":-100})"); },
                 ErrorCode::kInvalidArgument, "amount_cents");
    expect_error([] { parse_approval_decision(R"({"decision":"approve","amount_cents":20000000})"); },
                 ErrorCode::kInvalidArgument, "amount_cents");
    expect_error([] { parse_approval_decision(R"({"decision":"approve","amount_cents":"lots"})"); },
                 ErrorCode::kInvalidArgument, "amount_cents");
}

TEST(ApprovalDecisionTest, ResolutionJsonRoundTrips) {
    ApprovalDecision d;
    d.approve = true;
    d.amount = Money::dollars(700);
    d.vendor_id = VendorId("v9");
    d.note = "ok";
    const Json j = approval_resolution(d);
    EXPECT_EQ(j["decision"], "approve");
    EXPECT_EQ(j["amount_cents"], 70000);
    EXPECT_EQ(j["vendor_id"], "v9");
    const auto back = parse_approval_decision(j.dump());
    EXPECT_TRUE(back.approve);
    EXPECT_EQ(back.amount, d.amount);
    EXPECT_EQ(back.vendor_id, d.vendor_id);
}

// ---- approvals ----

class ApprovalTest : public OversightTest {
protected:
    // The cracked bathtub: bids, the cheapest ($650, Drain Kings) is above the $500 NTE.
    Escalation awaiting_owner() {
        say("+12125550101", "The old bathtub is cracked and needs to be replaced");
        c->run_until_idle();
        say("+12125550201", "BID 720");
        say("+12125550202", "BID 650.00");
        c->run_until_idle();
        wo = c->work_orders(org).at(0);
        EXPECT_EQ(wo.status, WorkOrderStatus::kAwaitingApproval);
        const auto open = open_with("owner_approval");
        EXPECT_EQ(open.size(), 1u);
        return open.at(0);
    }
    WorkOrder wo;
};

TEST_F(ApprovalTest, DontApproveIsADecline) {
    const auto e = awaiting_owner();
    c->resolve_escalation(org, e.id, "Don't approve", "pm.jane");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, wo.id).status, WorkOrderStatus::kCancelled);
    const auto all = c->escalations(org, false);
    const auto it = std::find_if(all.begin(), all.end(), [&](const Escalation& x) { return x.id == e.id; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(it->decision, "decline");
    EXPECT_EQ(it->resolution.value("decision", ""), "decline");
    EXPECT_EQ(it->resolution.value("note", ""), "Don't approve");
}

TEST_F(ApprovalTest, AnUnclearDecisionLeavesTheEscalationOpen) {
    const auto e = awaiting_owner();
    expect_error([&] { c->resolve_escalation(org, e.id, "let me call the owner first", "pm.jane"); },
                 ErrorCode::kInvalidArgument, "approve or decline");
    EXPECT_EQ(open_with("owner_approval").size(), 1u);
    EXPECT_EQ(c->work_order(org, wo.id).status, WorkOrderStatus::kAwaitingApproval);
}

TEST_F(ApprovalTest, AnApprovalCoversOnlyTheAmountAndVendorItNames) {
    const auto e = awaiting_owner();
    ApprovalDecision d;
    d.approve = true;
    d.amount = Money::dollars(650);
    d.vendor_id = VendorId("v2");
    const auto done = c->decide_approval(org, e.id, d, "pm.jane");
    EXPECT_EQ(done.resolution.value("amount_cents", 0), 65000);
    c->run_until_idle();
    auto w = c->work_order(org, wo.id);
    ASSERT_EQ(w.status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(w.vendor_id, VendorId("v2"));
    // Drain Kings declines: the next vendor is not covered by the approval, the owner is asked again.
    say("+12125550202", "NO " + wo.id.str());
    c->run_until_idle();
    w = c->work_order(org, wo.id);
    EXPECT_EQ(w.status, WorkOrderStatus::kAwaitingApproval);
    EXPECT_EQ(open_with("owner_approval").size(), 1u);
    // A person sends Drain Kings back for $900: above the $650 approved, so the owner is asked again.
    w = c->assign_vendor(org, wo.id, VendorId("v2"), Money::dollars(900), "pm.jane");
    EXPECT_EQ(w.status, WorkOrderStatus::kAwaitingApproval);
    const auto asks = open_with("owner_approval");
    EXPECT_TRUE(std::any_of(asks.begin(), asks.end(), [](const Escalation& x) {
        return x.context.value("amount_cents", 0) == 90000 && x.context.value("vendor_id", "") == "v2";
    }));
}

TEST_F(ApprovalTest, AnApprovalBelowTheAmountAskedCapsThePurchaseOrder) {
    const auto e = awaiting_owner();
    c->resolve_escalation(org, e.id, R"({"decision":"approve","amount_cents":60000,"vendor_id":"v2"})",
                          "pm.jane");
    c->run_until_idle();
    // $600 approved for a $650 bid: the purchase order is capped at what was approved.
    const auto w = c->work_order(org, wo.id);
    EXPECT_EQ(w.status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(w.approved_amount, Money::dollars(600));
}

// An approval that pauses an agent run (the dispatch_vendor tool above the emergency NTE): the run
// reads the same decision as the dispatch does, so "don't approve" sends nobody.
class RunApprovalTest : public OversightTest {
protected:
    Escalation paused_on_owner() {
        store->write([&](Transaction& tx) {
            auto p = tx.get<Property>(org, "p1");
            p.emergency_nte_limit = Money::dollars(100);
            tx.put(org, p);
        });
        say("+12125550101", "I smell gas in the kitchen!");
        c->run_until_idle();
        const auto open = open_with("owner_approval");
        EXPECT_EQ(open.size(), 1u);
        EXPECT_FALSE(open.at(0).run_id.empty());
        return open.at(0);
    }
};

TEST_F(RunApprovalTest, DontApproveSendsNobody) {
    const auto e = paused_on_owner();
    const auto wo = c->work_orders(org).at(0);
    ASSERT_NE(wo.status, WorkOrderStatus::kDispatched);
    c->resolve_escalation(org, e.id, "Don't approve", "pm.jane");
    c->run_until_idle();
    EXPECT_NE(c->work_order(org, wo.id).status, WorkOrderStatus::kDispatched);
    EXPECT_TRUE(outbox_to("+12125550203").empty());
}

TEST_F(RunApprovalTest, ApprovedInSpanishDispatches) {
    const auto e = paused_on_owner();
    const auto wo = c->work_orders(org).at(0);
    c->resolve_escalation(org, e.id, "Sí, aprobado", "pm.jane");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, wo.id).status, WorkOrderStatus::kDispatched);
    EXPECT_FALSE(outbox_to("+12125550203").empty());
}

}  // namespace
}  // namespace propos

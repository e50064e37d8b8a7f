// Issue 20: staff decisions as precedent (recorded with the decision, indexed as "decision"
// search documents, shown to the agent, followed by the offline rules) and notes on work orders.
#include <gtest/gtest.h>

#include <algorithm>

#include "oversight_fixture.hpp"
#include "propos/agent/agent_runner.hpp"
#include "propos/coordinator.hpp"
#include "propos/workflows/decisions.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;

// The oversight scenarios' portfolio (tests/oversight_fixture.hpp): Pipe Pros (v1) ranks above
// Drain Kings (v2) for plumbing.
class PrecedentTest : public propos::testing::OversightTest {
protected:
    // Unit 1A's clogged drain: both plumbers decline, so a person must decide.
    WorkOrder exhausted_drain() {
        say("+12125550101", "The bathroom sink drain is clogged and the water won't go down");
        c->run_until_idle();
        EXPECT_EQ(c->work_orders(org).at(0).vendor_id, VendorId("v1"));  // Pipe Pros ranks first
        say("+12125550201", "NO");
        c->run_until_idle();
        say("+12125550202", "NO sorry");
        c->run_until_idle();
        return c->work_orders(org).at(0);
    }
    // The first user message of the run of `msg`: the trusted context and the tenant's words.
    std::string first_prompt(const MessageId& msg) {
        const auto run = store->read_result(
            [&](Transaction& tx) { return load_agent_run(tx, org, "run_" + msg.str()); });
        EXPECT_TRUE(run.has_value());
        if (!run || run->messages.empty() || run->messages[0].content.empty()) return {};
        return run->messages[0].content[0].text;
    }
    std::vector<AuditEvent> audit_of(const std::string& action) {
        std::vector<AuditEvent> out;
        for (auto& a : c->audit(org)) {
            if (a.action == action) out.push_back(std::move(a));
        }
        return out;
    }
};

TEST_F(PrecedentTest, AHandAssignmentWithANoteIsRecordedSearchableAndFollowedOnASimilarCase) {
    const auto wo = exhausted_drain();
    c->assign_vendor(org, wo.id, VendorId("v2"), Money::dollars(150), "pm.jane",
                     "Drain Kings have the long snake for these old cast-iron drains");
    // Recorded with the decision: the record, its audit entry and its event.
    const auto decisions = c->staff_decisions(org, wo.id.str());
    ASSERT_EQ(decisions.size(), 1u);
    const auto& d = decisions[0];
    EXPECT_EQ(d.kind, kDecisionVendorAssigned);
    EXPECT_EQ(d.decided_by, "pm.jane");
    EXPECT_EQ(d.vendor_id, VendorId("v2"));
    EXPECT_EQ(d.amount, Money::dollars(150));
    EXPECT_NE(d.note.find("long snake"), std::string::npos);
    const auto audited = audit_of("staff_decision.recorded");
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_EQ(audited[0].actor, "user:pm.jane");
    EXPECT_EQ(audited[0].entity_id, d.id);
    EXPECT_EQ(events_of("staff_decision.recorded"), 1u);
    EXPECT_TRUE(c->verify_audit(org).ok);

    // A decision document, found by a similar new text, with who decided, the work order and the note.
    SearchQuery q;
    q.text = "kitchen drain clogged, water not draining";
    q.kinds = {std::string(kSearchKindDecision)};
    const auto hits = c->search(org, q);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].kind, "decision");
    EXPECT_EQ(hits[0].id, d.id);
    EXPECT_EQ(hits[0].decided_by, "pm.jane");
    EXPECT_EQ(hits[0].decision_kind, "vendor_assigned");
    EXPECT_EQ(hits[0].work_order_id, wo.id);
    EXPECT_EQ(hits[0].title, wo.title);
    EXPECT_EQ(hits[0].category, "plumbing");
    EXPECT_EQ(hits[0].vendor_name, "Drain Kings");
    EXPECT_EQ(hits[0].unit_id, "u1");
    EXPECT_NE(hits[0].text.find("Staff decision"), std::string::npos) << hits[0].text;
    EXPECT_NE(hits[0].text.find("long snake"), std::string::npos) << hits[0].text;

    // A similar case in another unit: the agent sees the staff decision, labelled, and the offline
    // rules give the job to the vendor the person chose although Pipe Pros ranks first.
    const auto r = say("+12125550102", "My kitchen sink drain is clogged, the water is not draining");
    c->run_until_idle();
    const auto prompt = first_prompt(r.message_id);
    EXPECT_NE(prompt.find("\"staff_decisions\""), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("never instructions"), std::string::npos);
    EXPECT_NE(prompt.find(d.id), std::string::npos);
    const auto open = c->work_orders(org, {.unit_id = "u2"});
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].vendor_id, VendorId("v2"));
}

TEST_F(PrecedentTest, AResolutionNoteSayingNotToSendAVendorKeepsThemOffASimilarJob) {
    const auto wo = exhausted_drain();
    const auto open = c->escalations(org);
    const auto exhausted = open_with("vendors_exhausted");
    ASSERT_EQ(exhausted.size(), 1u);
    const auto* it = &exhausted[0];
    // A bad note is refused and nothing is resolved.
    expect_error([&] { c->resolve_escalation(org, it->id, "Will call someone", "pm.jane", std::string(5000, 'x')); },
                 ErrorCode::kInvalidArgument, "over the limit");
    EXPECT_EQ(c->escalations(org).size(), open.size());
    c->resolve_escalation(org, it->id, "Will call a plumber myself", "pm.jane",
                          "Do not send Pipe Pros to drain clogs: they left a mess last time");
    const auto decisions = c->staff_decisions(org, wo.id.str());
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].kind, kDecisionEscalationResolved);
    EXPECT_EQ(decisions[0].reason, "vendors_exhausted");
    EXPECT_EQ(decisions[0].escalation_id, it->id);

    const auto r = say("+12125550102", "Kitchen sink drain is clogged again, water backing up");
    c->run_until_idle();
    EXPECT_NE(first_prompt(r.message_id).find("left a mess"), std::string::npos);
    const auto wos = c->work_orders(org, {.unit_id = "u2"});
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_EQ(wos[0].vendor_id, VendorId("v2"));  // Pipe Pros kept out by the note
}

TEST_F(PrecedentTest, WithoutStaffDecisionsThePromptHasNoneAndTheBestVendorGetsTheJob) {
    const auto r = say("+12125550102", "Kitchen sink drain is clogged, water backing up");
    c->run_until_idle();
    EXPECT_EQ(first_prompt(r.message_id).find("staff_decisions"), std::string::npos);
    EXPECT_EQ(c->work_orders(org).at(0).vendor_id, VendorId("v1"));
}

TEST_F(PrecedentTest, OwnerApprovalsAreDecisionsWithTheAmountAndVendorTheyCover) {
    say("+12125550101", "The kitchen sink drain is clogged");
    c->run_until_idle();
    auto wo = c->work_orders(org).at(0);
    say("+12125550201", "NO");
    c->run_until_idle();
    say("+12125550202", "NO");
    c->run_until_idle();
    // Above the owner-approval threshold ($2,500): the assignment asks the owner.
    wo = c->assign_vendor(org, wo.id, VendorId("v1"), Money::dollars(3000), "pm.jane");
    const auto approvals = open_with("owner_approval");
    ASSERT_EQ(approvals.size(), 1u);
    const auto* it = &approvals[0];
    c->decide_approval(org, it->id, ApprovalDecision{.approve = true, .amount = Money::dollars(2800), .note = "Owner OK up to $2,800"},
                       "owner.rita");
    const auto decisions = c->staff_decisions(org, wo.id.str());
    ASSERT_EQ(decisions.size(), 2u);
    EXPECT_EQ(decisions[1].kind, kDecisionApproval);
    EXPECT_EQ(decisions[1].decision, "approve");
    EXPECT_EQ(decisions[1].amount, Money::dollars(2800));
    EXPECT_EQ(decisions[1].vendor_id, VendorId("v1"));
    EXPECT_EQ(decisions[1].note, "Owner OK up to $2,800");
    SearchQuery q;
    q.text = "owner approved drain repair cost";
    q.kinds = {"decision"};
    const auto hits = c->search(org, q);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [](const SearchHit& h) {
        return h.decision_kind == "approval_decided" && h.amount == Money::dollars(2800) &&
               h.text.find("Owner OK") != std::string::npos;
    }));
}

TEST_F(PrecedentTest, ReindexRebuildsDecisionsAndAnErasedDecisionLeavesSearch) {
    const auto wo = exhausted_drain();
    c->assign_vendor(org, wo.id, VendorId("v2"), std::nullopt, "pm.jane", "they know the building");
    auto* hs = c->history_search();
    ASSERT_NE(hs, nullptr);
    const auto r = hs->reindex(org);
    EXPECT_EQ(r.decisions, 1);
    EXPECT_EQ(r.documents, r.work_orders + r.messages + r.notes + r.knowledge_articles + r.decisions);
    EXPECT_FALSE(hs->reindex_if_stale(org));
    SearchQuery q;
    q.text = "they know the building";
    q.kinds = {"decision"};
    ASSERT_EQ(hs->search(org, q).size(), 1u);
    // The source goes: so does its document; the counts tell reindex_if_stale.
    const auto id = c->staff_decisions(org).at(0).id;
    store->write([&](Transaction& tx) { tx.erase<StaffDecision>(org, id); });
    EXPECT_TRUE(hs->reindex_if_stale(org));
    EXPECT_TRUE(hs->search(org, q).empty());
    // index_decision of a decision that no longer exists removes nothing twice and throws nothing.
    hs->index_decision(org, id);
    expect_error([&] { q.kinds = {"verdict"}; hs->search(org, q); }, ErrorCode::kInvalidArgument, "decision");
}

TEST_F(PrecedentTest, NotesOnWorkOrdersAreValidatedAuditedAndSearchable) {
    say("+12125550101", "The bathroom sink drain is clogged");
    c->run_until_idle();
    const auto wo = c->work_orders(org).at(0);
    expect_error([&] { c->add_work_order_note(org, wo.id, "pm.jane", "  \n "); }, ErrorCode::kInvalidArgument, "empty");
    expect_error([&] { c->add_work_order_note(org, wo.id, "pm.jane", std::string(kMaxNoteBytes + 1, 'a')); },
                 ErrorCode::kInvalidArgument, "over the limit");
    expect_error([&] { c->add_work_order_note(org, wo.id, "pm.jane", std::string("bad \xff byte")); },
                 ErrorCode::kInvalidArgument, "UTF-8");
    expect_error([&] { c->add_work_order_note(org, wo.id, "", "text"); }, ErrorCode::kInvalidArgument, "author");
    expect_error([&] { c->add_work_order_note(org, WorkOrderId("wo_nope"), "pm.jane", "text"); },
                 ErrorCode::kNotFound, "wo_nope");
    // Another organization's work order is not found from this one.
    propos::testing::make_org(*store, "other");
    expect_error([&] { c->add_work_order_note(OrgId("other"), wo.id, "pm.jane", "text"); }, ErrorCode::kNotFound,
                 wo.id.str());
    EXPECT_TRUE(c->work_order_notes(org, wo.id).empty());  // nothing was stored by the failures

    const auto note = c->add_work_order_note(org, wo.id, "pm.jane", "Shut-off valve is behind the access panel");
    EXPECT_EQ(note.author, "user:pm.jane");
    EXPECT_EQ(note.work_order_id, wo.id);
    EXPECT_EQ(note.unit_id, UnitId("u1"));
    const auto notes = c->work_order_notes(org, wo.id);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0], note);
    const auto audited = audit_of("work_order.note_added");
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_EQ(audited[0].entity_id, wo.id.str());
    EXPECT_EQ(audited[0].data.value("note_id", ""), note.id.str());
    EXPECT_EQ(events_of("work_order.note_added"), 1u);
    SearchQuery q;
    q.text = "where is the shut-off valve";
    q.kinds = {"note"};
    const auto hits = c->search(org, q);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].id, note.id.str());
    EXPECT_EQ(hits[0].work_order_id, wo.id);
}

}  // namespace
}  // namespace propos

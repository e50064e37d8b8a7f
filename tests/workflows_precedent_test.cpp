// Issue 20: staff decisions as precedent (recorded with the decision, indexed as "decision"
// search documents, shown to the agent, followed by the offline rules) and notes on work orders.
#include <gtest/gtest.h>

#include <algorithm>

#include "propos/agent/agent_runner.hpp"
#include "propos/coordinator.hpp"
#include "propos/workflows/decisions.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::TempDir;

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"},{"id":"u2","property_id":"p1","label":"2B"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"},
                 {"id":"t2","unit_id":"u2","name":"Bo Chen","phone":"+12125550102"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z",
         "scorecard":{"jobs_completed":50,"jobs_assigned":52,"on_time_jobs":48,"callbacks":1,"rating":4.8}},
        {"id":"v2","name":"Drain Kings","trades":["plumbing"],"service_area":["10001"],
         "phone":"+12125550202","hourly_rate":9000,"callout_fee":4000,"after_hours":false,
         "insurance_expires":"2027-01-01T00:00:00Z",
         "scorecard":{"jobs_completed":20,"jobs_assigned":30,"on_time_jobs":12,"callbacks":4,"rating":3.9}}]}]})",
                      "portfolio");
}

class PrecedentTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("p.db")));
        import_portfolio(*store, portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        c = std::make_unique<Coordinator>(std::move(o));
        c->on_event([this](const Event& e) { seen.push_back(e.type); });
    }
    IngestResult say(const std::string& from, const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = from;
        m.text = text;
        return c->ingest(org, m);
    }
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

    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    std::vector<std::string> seen;
    int n = 0;
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
    EXPECT_NE(std::find(seen.begin(), seen.end(), "staff_decision.recorded"), seen.end());
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
    const auto it = std::find_if(open.begin(), open.end(),
                                 [](const Escalation& e) { return e.reason == "vendors_exhausted"; });
    ASSERT_NE(it, open.end());
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
    const auto open = c->escalations(org);
    const auto it = std::find_if(open.begin(), open.end(), [](const Escalation& e) { return e.reason == "owner_approval"; });
    ASSERT_NE(it, open.end());
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
    EXPECT_NE(std::find(seen.begin(), seen.end(), "work_order.note_added"), seen.end());
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

// Every message to its owner: tenant messages that are not repairs reach their owner through the
// Coordinator (intent routing, propos/workflows/tenant_requests.hpp), and repairs behave as before.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"
#include "propos/model/note.hpp"

namespace propos::testing {
namespace {

// The oversight portfolio (New York) with a lease for Ann Lee, on a June day (outside the heating
// season), and a host ledger when a test gives one.
class RoutingTest : public OversightTest {
protected:
    void SetUp() override {}
    void start(LedgerLookup ledger = {}, Json knowledge_base = nullptr) {
        clock->set(parse_time("2026-06-10T15:00:00Z"));
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("r.db")));
        auto doc = portfolio("acme");
        doc["organizations"][0]["leases"] = parse_json(
            R"([{"id":"l1","unit_id":"u1","tenant_ids":["t1"],"start":"2026-01-01T00:00:00Z",
                 "end":"2027-01-01T00:00:00Z","monthly_rent":250000,"deposit":250000}])",
            "leases");
        if (!knowledge_base.is_null()) {
            doc["organizations"][0]["properties"].push_back(
                Json{{"id", "p-other"}, {"name", "Oak Court"}, {"address", "5 Oak St"}, {"state", "NY"}});
            doc["organizations"][0]["knowledge_base"] = std::move(knowledge_base);
        }
        import_portfolio(*store, doc, clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        o.ledger = std::move(ledger);
        c = std::make_unique<Coordinator>(std::move(o));
    }
    // A tenant's text, handled to the end.
    void text(const std::string& body, const std::string& from = "+12125550101") {
        say(from, body);
        c->run_until_idle();
    }
    std::vector<Message> replies(const std::string& to = "+12125550101") { return outbox_to(to); }
    std::size_t work_orders() { return c->work_orders(org, {}).size(); }
    bool audited(const std::string& action) {
        for (const auto& a : c->audit(org)) {
            if (a.action == action) return true;
        }
        return false;
    }
};

TEST_F(RoutingTest, ARepairStillOpensAWorkOrder) {
    start();
    text("The kitchen sink is leaking under the cabinet");
    EXPECT_EQ(work_orders(), 1u);
}

TEST_F(RoutingTest, APaymentQuestionIsAnsweredOnlyFromTheHostsLedger) {
    int lookups = 0;
    start([&](const OrgId& o, const Tenant& t) -> std::optional<LedgerFacts> {
        ++lookups;
        EXPECT_EQ(o.str(), "acme");
        if (t.id.str() != "t1") return std::nullopt;
        LedgerFacts f;
        f.balance = Money::cents(123456);
        f.next_due = parse_time("2026-07-01T00:00:00Z");
        f.next_amount = Money::cents(250000);
        f.as_of = parse_time("2026-06-10T00:00:00Z");
        return f;
    });
    text("How much do I owe this month? Is there a late fee?");
    ASSERT_EQ(lookups, 1);
    const auto r = replies();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_NE(r[0].body.find("$1,234.56"), std::string::npos) << r[0].body;
    EXPECT_NE(r[0].body.find("2026-07-01"), std::string::npos) << r[0].body;
    EXPECT_EQ(work_orders(), 0u);
    EXPECT_EQ(events_of("payment.question_answered"), 1u);
    // The other tenant has no ledger facts: a person answers, no balance is made up.
    text("when is rent due and how do i pay?", "+12125550102");
    EXPECT_EQ(open_with("payment_question").size(), 1u);
    const auto r2 = replies("+12125550102");
    ASSERT_EQ(r2.size(), 1u);
    EXPECT_EQ(r2[0].body.find('$'), std::string::npos) << r2[0].body;
}

TEST_F(RoutingTest, APaymentQuestionWithoutALedgerOrWithAFailingOneGoesToAPerson) {
    start([](const OrgId&, const Tenant&) -> std::optional<LedgerFacts> { throw std::runtime_error("PMS down"); });
    text("What's my balance? I paid with Zelle yesterday");
    const auto esc = open_with("payment_question");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].context.value("why", ""), "the ledger lookup failed");
    EXPECT_EQ(replies().size(), 1u);
}

TEST_F(RoutingTest, ANeighborComplaintIsRecordedAndRepeatedOnesEscalate) {
    start();
    text("My neighbor upstairs plays loud music every night until 2am");
    EXPECT_EQ(work_orders(), 0u);
    EXPECT_EQ(events_of("neighbor.report_recorded"), 1u);
    EXPECT_TRUE(open_with("neighbor_dispute").empty());
    text("The neighbors are partying again, the music is so loud");
    EXPECT_TRUE(open_with("neighbor_dispute").empty());
    text("Third night in a row, the neighbor's music is unbearable");
    EXPECT_EQ(open_with("neighbor_dispute").size(), 1u);
    std::size_t notes = 0;
    store->read([&](Transaction& tx) { notes = tx.list<Note>(org, {.parent = "u1"}).size(); });
    EXPECT_EQ(notes, 3u);
    EXPECT_EQ(replies().size(), 3u);
}

TEST_F(RoutingTest, AMoveOutNoticeIsRecordedWithTheStatesDepositDeadline) {
    start();
    text("Giving notice: I'm moving out at the end of my lease. When do I get my deposit back?");
    EXPECT_TRUE(audited("lease.move_out_notice"));
    const auto esc = open_with("move_out_notice");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].context.value("deposit_return_days", 0), 14);  // New York
    EXPECT_EQ(esc[0].context.value("lease_id", ""), "l1");
    const auto r = replies();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_NE(r[0].body.find("14 days"), std::string::npos) << r[0].body;
    EXPECT_EQ(work_orders(), 0u);
}

TEST_F(RoutingTest, RenewalMoveInQuestionsAndRequestsForAPersonReachStaff) {
    start();
    text("We'd like to renew our lease for another year");
    EXPECT_EQ(open_with("renewal_request").size(), 1u);
    text("Are pets allowed in the building? Is there a pet fee?");
    EXPECT_EQ(open_with("tenant_question").size(), 1u);
    text("I want to speak to a real person, not a bot");
    EXPECT_EQ(open_with("human_requested").size(), 1u);
    text("Hola, nos mudamos el sábado, ¿dónde recogemos las llaves?", "+12125550102");
    EXPECT_EQ(open_with("move_in_request").size(), 1u);
    EXPECT_EQ(work_orders(), 0u);
    EXPECT_EQ(replies().size(), 3u);
    EXPECT_EQ(replies("+12125550102").size(), 1u);
}

// The knowledge base of the organization (imported with the portfolio) answers questions it
// covers, quoted with its source; what it does not cover goes to a person.
Json knowledge_base() {
    return parse_json(R"([
      {"id":"kb-pets","title":"Pets","category":"policy","tags":["dog","cat","animal"],
       "source":"Resident handbook, section 7",
       "body":"Up to two cats or dogs under 50 lb are allowed per apartment with a signed pet addendum and a one-time pet deposit of $300. Service animals are always allowed."},
      {"id":"kb-parking","title":"Guest parking","category":"policy","tags":["visitor","parking","car"],
       "body":"Guests may park in the spaces marked VISITOR for up to 48 hours. Overnight guests need a visitor permit from the office."},
      {"id":"kb-laundry","title":"Laundry room","category":"amenity","tags":["washer","dryer"],
       "body":"The laundry room is in the basement and is open 7 am to 10 pm."},
      {"id":"kb-roof","title":"Roof deck","category":"amenity","property_id":"p-other",
       "body":"The roof deck of the other building is open until 11 pm."}])",
                      "knowledge base");
}

TEST_F(RoutingTest, AQuestionIsAnsweredWithTheKnowledgeBasesOwnWordsAndItsSource) {
    start({}, knowledge_base());
    text("Are pets allowed in the building? Is there a pet fee?");
    auto r = replies();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_NE(r[0].body.find("Resident handbook, section 7"), std::string::npos) << r[0].body;
    EXPECT_NE(r[0].body.find("pet deposit of $300"), std::string::npos) << r[0].body;
    EXPECT_NE(r[0].body.find("a person will follow up"), std::string::npos) << r[0].body;
    EXPECT_TRUE(open_with("tenant_question").empty());
    EXPECT_EQ(events_of("question.answered"), 1u);
    bool audited_article = false;
    for (const auto& a : c->audit(org)) {
        audited_article = audited_article || (a.action == "message.routed" &&
                                              a.data.value("knowledge_article_id", "") == "kb-pets");
    }
    EXPECT_TRUE(audited_article);
    text("where can my visitors park overnight?");
    r = replies();
    ASSERT_EQ(r.size(), 2u);
    EXPECT_NE(r[1].body.find("visitor permit"), std::string::npos) << r[1].body;
    EXPECT_EQ(work_orders(), 0u);
}

TEST_F(RoutingTest, AQuestionTheKnowledgeBaseDoesNotAnswerGoesToAPerson) {
    start({}, knowledge_base());
    // Nothing about a gym; the roof deck article belongs to another property.
    text("Is there a gym in the building, and what are its hours?");
    EXPECT_EQ(open_with("tenant_question").size(), 1u);
    text("Can I use the roof deck tonight? What time does it close?");
    EXPECT_EQ(open_with("tenant_question").size(), 2u);
    EXPECT_EQ(events_of("question.answered"), 0u);
    for (const auto& m : replies()) EXPECT_EQ(m.body.find("11 pm"), std::string::npos) << m.body;
}

TEST_F(RoutingTest, ALegalThreatOrHarassmentReachesAPersonWhicheverOwnerHasTheMessage) {
    start();
    text("I'm withholding rent until someone calls me back. My lawyer will hear about this.");
    EXPECT_EQ(open_with("legal_threat").size(), 1u);
    EXPECT_EQ(open_with("legal_threat")[0].severity, Severity::kHigh);
    text("My neighbor in 2B keeps harassing me in the hallway and threatening me", "+12125550102");
    EXPECT_EQ(open_with("harassment_discrimination").size(), 1u);
    EXPECT_EQ(work_orders(), 0u);
}

TEST_F(RoutingTest, SpamIsKeptWithoutAReplyButNotInSilence) {
    start();
    text("CONGRATULATIONS! You won a $500 gift card, click here to claim: http://spam.example");
    EXPECT_TRUE(replies().empty());
    EXPECT_EQ(events_of("message.kept"), 1u);
    EXPECT_TRUE(audited("message.kept"));
    EXPECT_EQ(work_orders(), 0u);
}

TEST_F(RoutingTest, AnEmergencyWrappedInAnotherRequestIsARepair) {
    start();
    text("I smell gas in the kitchen. Also, when is rent due?");
    EXPECT_EQ(work_orders(), 1u);
    EXPECT_TRUE(open_with("payment_question").empty());
}

}  // namespace
}  // namespace propos::testing

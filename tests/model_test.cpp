#include <gtest/gtest.h>

#include <set>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using S = WorkOrderStatus;

Timestamp t0() { return ManualClock::default_start(); }

template <class T>
void expect_round_trip(const T& value) {
    const Json j = value;
    const T back = parse_json(j.dump(), "round trip").get<T>();
    EXPECT_EQ(back, value) << j.dump(2);
    EXPECT_EQ(Json(back), j);
}

WorkOrder sample_work_order() {
    WorkOrder wo;
    wo.id = WorkOrderId("wo-1");
    wo.property_id = PropertyId("p-1");
    wo.unit_id = UnitId("u-1");
    wo.tenant_id = TenantId("t-1");
    wo.thread_id = ThreadId("th-1");
    wo.title = "Kitchen sink leaking";
    wo.description = "Water under the sink since this morning";
    wo.category = "plumbing";
    wo.priority = Priority::kUrgent;
    wo.triage_reasons = {"active leak", "contained under sink"};
    wo.vendor_id = VendorId("v-1");
    wo.nte = Money::dollars(500);
    wo.entry_permitted = true;
    wo.scheduled_start = t0() + std::chrono::hours(26);
    wo.next_action = "confirm visit";
    wo.next_action_due = t0() + std::chrono::hours(2);
    wo.created_at = t0();
    wo.updated_at = t0();
    return wo;
}

TEST(ModelJsonTest, EveryTypeRoundTrips) {
    expect_round_trip(Organization{OrgId("o"), "Acme", "America/Chicago", t0()});
    Property p{PropertyId("p"), "Elm Court", "1 Elm St", "Springfield", "IL", "62701"};
    p.owner_email = "owner@example.com";
    expect_round_trip(p);
    expect_round_trip(Unit{UnitId("u"), PropertyId("p"), "4B", 2, 4, "corner unit"});
    Tenant t{TenantId("t"), UnitId("u"), "Maria Lopez", "+14155550100", "maria@example.com"};
    t.preferred_channel = Channel::kEmail;
    t.language = "es";
    t.has_pets = true;
    expect_round_trip(t);
    expect_round_trip(Lease{LeaseId("l"), UnitId("u"), {TenantId("t")}, t0(), t0() + std::chrono::hours(24 * 365),
                            Money::dollars(1850), Money::dollars(1850)});
    Vendor v{VendorId("v"), "Rapid Plumbing", {"plumbing", "water_leak"}, {"62701"}, "+14155550111",
             "dispatch@rapid.example", Money::dollars(95), Money::dollars(75), true, 7, 19, true, t0(), true, {}};
    v.scorecard.jobs_completed = 40;
    v.scorecard.rating = 4.5;
    expect_round_trip(v);
    auto wo = sample_work_order();
    wo.transition_to(S::kTriaged, t0(), "triaged by rules");
    expect_round_trip(wo);
    Message m{MessageId("m"), ThreadId("th"), Channel::kSms, Direction::kInbound, "+14155550100",
              "+14155550199", "", "Sink leaking", "SM123", DeliveryStatus::kReceived, TenantId("t"),
              std::nullopt, WorkOrderId("wo-1"), t0(), {"blob/1.jpg"}};
    expect_round_trip(m);
    expect_round_trip(Thread{ThreadId("th"), Channel::kSms, TenantId("t"), std::nullopt,
                             WorkOrderId("wo-1"), "+14155550100", "Sink", t0(), t0()});
    expect_round_trip(Bid{BidId("b"), WorkOrderId("wo"), VendorId("v"), BidStatus::kReceived,
                          Money::dollars(640), t0(), "parts included", t0(), t0(), t0()});
    expect_round_trip(PurchaseOrder{PurchaseOrderId("po"), "PO-1001", WorkOrderId("wo"), VendorId("v"),
                                    Money::dollars(640), BidId("b"), PurchaseOrderStatus::kIssued, t0()});
    Invoice inv{InvoiceId("i"), "INV-77", VendorId("v"), WorkOrderId("wo"), PurchaseOrderId("po"),
                {InvoiceLine{"Labor", 2, Money::dollars(95), Money::dollars(190)},
                 InvoiceLine{"Trap", 1, Money::cents(1899), Money::cents(1899)}},
                Money::cents(20899), InvoiceStatus::kApproved, {"within PO"}, t0()};
    expect_round_trip(inv);
    expect_round_trip(ComplianceItem{ComplianceItemId("c"), PropertyId("p"), std::nullopt,
                                     "smoke_co_alarm_inspection", "Annual", t0(), "365d",
                                     ComplianceStatus::kOpen, std::nullopt});
    Escalation e;
    e.id = EscalationId("e");
    e.reason = "owner_approval";
    e.severity = Severity::kHigh;
    e.context = {{"amount", 320000}};
    e.created_at = t0();
    e.sla_due_at = t0() + std::chrono::hours(24);
    expect_round_trip(e);
    AuditEvent a;
    a.seq = 3;
    a.at = t0();
    a.actor = "agent";
    a.action = "tool.dispatch_vendor";
    a.data = {{"vendor_id", "v"}};
    a.prev_hash = std::string(64, '0');
    a.hash = std::string(64, 'a');
    expect_round_trip(a);
}

TEST(ModelJsonTest, ErrorsNameTheRecordAndField) {
    expect_error([] { parse_json(R"({"id":"u1"})", "x").get<Unit>(); }, ErrorCode::kInvalidArgument,
                 "unit: missing required field 'property_id'");
    expect_error([] { parse_json(R"({"id":"t","unit_id":"u","name":"A","preferred_channel":"fax"})", "x")
                          .get<Tenant>(); },
                 ErrorCode::kInvalidArgument, "unknown channel 'fax'");
    expect_error([] { parse_json(R"({"id":"w","unit_id":"u","status":"done"})", "x").get<WorkOrder>(); },
                 ErrorCode::kInvalidArgument, "unknown work order status 'done'");
    expect_error([] { parse_json(R"({"id":"w","unit_id":"u","category":"magic"})", "x").get<WorkOrder>(); },
                 ErrorCode::kInvalidArgument, "unknown category 'magic'");
    expect_error([] { parse_json(R"({"id":"i","number":"1","vendor_id":"v","total":"ten"})", "x")
                          .get<Invoice>(); },
                 ErrorCode::kInvalidArgument, "total");
    expect_error([] { parse_json(R"([1,2])", "x").get<Vendor>(); }, ErrorCode::kInvalidArgument,
                 "vendor: expected a JSON object");
    expect_error([] { parse_json(R"({"id":"v9","name":"V","hours_start":18,"hours_end":8})", "x").get<Vendor>(); },
                 ErrorCode::kInvalidArgument, "vendor 'v9': business hours 18-8");
    expect_error([] { parse_json(R"({"id":"w","unit_id":"u","scope":"huge"})", "x").get<WorkOrder>(); },
                 ErrorCode::kInvalidArgument, "scope 'huge'");
}

TEST(ModelJsonTest, InvoiceLineAmountDefaultsToQuantityTimesPrice) {
    const auto line = parse_json(R"({"description":"Labor","quantity":3,"unit_price":"95.00"})", "x")
                          .get<InvoiceLine>();
    EXPECT_EQ(line.amount, Money::dollars(285));
}

// The full transition table: every (from, to) pair is either allowed or throws.
struct TransitionCase {
    S from;
    S to;
    bool legal;
};
class TransitionTest : public ::testing::TestWithParam<TransitionCase> {};

TEST_P(TransitionTest, FollowsTheStateMachine) {
    const auto c = GetParam();
    EXPECT_EQ(can_transition(c.from, c.to), c.legal)
        << enum_name(c.from) << " -> " << enum_name(c.to);
}

std::vector<TransitionCase> all_transitions() {
    const std::set<std::pair<S, S>> legal = {
        {S::kNew, S::kTriaged},           {S::kNew, S::kCancelled},
        {S::kTriaged, S::kAwaitingBids},  {S::kTriaged, S::kAwaitingApproval},
        {S::kTriaged, S::kDispatched},    {S::kTriaged, S::kCancelled},
        {S::kAwaitingBids, S::kAwaitingApproval}, {S::kAwaitingBids, S::kDispatched},
        {S::kAwaitingBids, S::kCancelled},
        {S::kAwaitingApproval, S::kAwaitingBids}, {S::kAwaitingApproval, S::kDispatched},
        {S::kAwaitingApproval, S::kCancelled},
        {S::kDispatched, S::kScheduled},  {S::kDispatched, S::kInProgress},
        {S::kDispatched, S::kTriaged},    {S::kDispatched, S::kCancelled},
        {S::kScheduled, S::kInProgress},  {S::kScheduled, S::kScheduled},
        {S::kScheduled, S::kTriaged},     {S::kScheduled, S::kCancelled},
        {S::kInProgress, S::kCompleted},  {S::kInProgress, S::kScheduled},
        {S::kInProgress, S::kCancelled},
        {S::kCompleted, S::kInvoiced},    {S::kCompleted, S::kClosed},
        {S::kCompleted, S::kTriaged},
        {S::kInvoiced, S::kClosed},       {S::kInvoiced, S::kTriaged},
    };
    std::vector<TransitionCase> out;
    for (const auto& [from, fn] : EnumTraits<S>::kNames) {
        for (const auto& [to, tn] : EnumTraits<S>::kNames) {
            out.push_back({from, to, legal.count({from, to}) > 0});
        }
    }
    return out;
}
INSTANTIATE_TEST_SUITE_P(AllPairs, TransitionTest, ::testing::ValuesIn(all_transitions()));

TEST(WorkOrderTest, HappyPathRecordsHistoryAndMilestones) {
    auto wo = sample_work_order();
    Timestamp t = t0();
    for (S s : {S::kTriaged, S::kDispatched, S::kScheduled, S::kInProgress, S::kCompleted,
                S::kInvoiced, S::kClosed}) {
        t += std::chrono::hours(1);
        wo.transition_to(s, t, "step");
    }
    EXPECT_EQ(wo.status, S::kClosed);
    ASSERT_EQ(wo.history.size(), 7u);
    EXPECT_EQ(wo.history.front().from, S::kNew);
    EXPECT_EQ(wo.dispatched_at, t0() + std::chrono::hours(2));
    EXPECT_EQ(wo.completed_at, t0() + std::chrono::hours(5));
    EXPECT_EQ(wo.closed_at, t);
    EXPECT_TRUE(is_terminal(wo.status));
}

TEST(WorkOrderTest, IllegalTransitionThrowsClearlyAndChangesNothing) {
    auto wo = sample_work_order();
    const auto before = wo;
    expect_error([&] { wo.transition_to(S::kCompleted, t0()); }, ErrorCode::kFailedPrecondition,
                 "illegal work order transition for wo-1: new -> completed (allowed from new: "
                 "triaged, cancelled)");
    EXPECT_EQ(wo, before);
    wo.transition_to(S::kCancelled, t0());
    expect_error([&] { wo.transition_to(S::kTriaged, t0()); }, ErrorCode::kFailedPrecondition,
                 "a final state");
}

TEST(WorkOrderTest, ReopenCountsCallbacks) {
    auto wo = sample_work_order();
    for (S s : {S::kTriaged, S::kDispatched, S::kInProgress, S::kCompleted, S::kTriaged}) {
        wo.transition_to(s, t0());
    }
    EXPECT_EQ(wo.reopen_count, 1);
}

TEST(TriageVocabularyTest, HousingCodeCategories) {
    EXPECT_EQ(triage_categories().size(), 15u);
    EXPECT_TRUE(is_triage_category("heat_hot_water"));
    EXPECT_FALSE(is_triage_category("Plumbing"));
    EXPECT_EQ(response_target(Priority::kEmergency), std::chrono::hours(4));
    EXPECT_EQ(response_target(Priority::kRoutine), std::chrono::hours(48));
}

TEST(ModelTest, JurisdictionIsReadFromCityAndStateUnlessSet) {
    Property p;
    p.id = PropertyId("p1");
    p.name = "P";
    p.city = "Brooklyn";
    p.state = "NY";
    EXPECT_EQ(jurisdiction_of(p), "nyc");
    p.city = "Albany";
    EXPECT_EQ(jurisdiction_of(p), "generic");
    p.city = "Los Angeles";
    p.state = "CA";
    EXPECT_EQ(jurisdiction_of(p), "ca");
    p.state = "tx";
    EXPECT_EQ(jurisdiction_of(p), "tx");
    p.jurisdiction = "NYC";
    EXPECT_EQ(jurisdiction_of(p), "nyc");
    p.jurisdiction.clear();
    p.year_built = 1928;
    p.has_boiler = true;
    Json j = p;
    EXPECT_EQ(j.get<Property>(), p);
    j["stories"] = -1;
    EXPECT_THROW((void)j.get<Property>(), Error);
}

}  // namespace
}  // namespace propos

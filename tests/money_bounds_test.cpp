// Money from outside (hand assignments, bids, invoices, NTE settings) must be above $0.00 and within
// the configurable bound.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::OversightTest;
using propos::testing::portfolio;

TEST(MoneyBoundsTest, AmountsFromOutsideMustBePositiveAndBounded) {
    EXPECT_EQ(check_amount(Money::dollars(5), "amount"), Money::dollars(5));
    expect_error([] { check_amount(Money::dollars(-100), "amount"); }, ErrorCode::kInvalidArgument,
                 "amount must be more than $0.00");
    expect_error([] { check_amount(Money::cents(0), "bid"); }, ErrorCode::kInvalidArgument, "bid");
    expect_error([] { check_amount(Money::dollars(100001), "invoice total"); }, ErrorCode::kInvalidArgument,
                 "invoice total must be at most $100,000.00");
    EXPECT_EQ(check_amount(Money::dollars(200), "nte_limit", Money::dollars(200)), Money::dollars(200));
    expect_error([] { check_amount(Money::dollars(201), "nte_limit", Money::dollars(200)); },
                 ErrorCode::kInvalidArgument, "nte_limit");
}

// ---- money from outside ----

TEST_F(OversightTest, HandAssignedAmountsMustBePositiveAndBounded) {
    say("+12125550101", "Bathroom sink drain is clogged");
    c->run_until_idle();
    say("+12125550201", "NO");
    c->run_until_idle();
    say("+12125550202", "NO sorry");
    c->run_until_idle();
    const auto id = c->work_orders(org).at(0).id;
    ASSERT_EQ(c->work_order(org, id).status, WorkOrderStatus::kTriaged);
    expect_error([&] { c->assign_vendor(org, id, VendorId("v1"), Money::dollars(-100), "pm.jane"); },
                 ErrorCode::kInvalidArgument, "amount must be more than $0.00");
    expect_error([&] { c->assign_vendor(org, id, VendorId("v1"), Money::dollars(100001), "pm.jane"); },
                 ErrorCode::kInvalidArgument, "amount must be at most $100,000.00");
    const auto pos = store->read_result([&](Transaction& tx) { return tx.list<PurchaseOrder>(org); });
    for (const auto& po : pos) EXPECT_GT(po.amount.in_cents(), 0) << po.number;
    EXPECT_EQ(c->work_order(org, id).status, WorkOrderStatus::kTriaged);
}

TEST_F(OversightTest, TheBoundIsConfigurable) {
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.policy.max_amount = Money::dollars(50);
    c = std::make_unique<Coordinator>(std::move(o));
    Invoice inv;
    inv.number = "X-1";
    inv.vendor_id = VendorId("v1");
    inv.total = Money::dollars(60);
    expect_error([&] { c->submit_invoice(org, inv); }, ErrorCode::kInvalidArgument,
                 "invoice total must be at most $50.00");
}

TEST_F(OversightTest, InvoicesMustBePositive) {
    Invoice inv;
    inv.number = "X-1";
    inv.vendor_id = VendorId("v1");
    inv.total = Money::dollars(-20);
    expect_error([&] { c->submit_invoice(org, inv); }, ErrorCode::kInvalidArgument, "invoice total");
    inv.total = Money::dollars(20);
    inv.lines = {InvoiceLine{"Labor", 1, Money::dollars(-20), Money::dollars(-20)}};
    expect_error([&] { c->submit_invoice(org, inv); }, ErrorCode::kInvalidArgument, "lines[0]");
}

TEST_F(OversightTest, ABidOutOfBoundsIsNotTaken) {
    say("+12125550101", "The old bathtub is cracked and needs to be replaced");
    c->run_until_idle();
    ASSERT_EQ(c->work_orders(org).at(0).status, WorkOrderStatus::kAwaitingBids);
    say("+12125550201", "BID 250000");
    say("+12125550202", "BID 0");
    c->run_until_idle();
    const auto bids = store->read_result([&](Transaction& tx) { return tx.list<Bid>(org); });
    for (const auto& b : bids) EXPECT_EQ(b.status, BidStatus::kRequested) << b.vendor_id.str();
    EXPECT_EQ(open_with("vendor_message").size(), 2u);
    EXPECT_NE(outbox_to("+12125550201").back().body.find("at most"), std::string::npos)
        << outbox_to("+12125550201").back().body;
}

TEST_F(OversightTest, NteSettingsAreBoundedOnImport) {
    auto doc = portfolio("gamma");
    doc["organizations"][0]["properties"][0]["nte_limit"] = -500;
    expect_error([&] { import_portfolio(*store, doc, clock->now()); }, ErrorCode::kInvalidArgument, "nte_limit");
    doc["organizations"][0]["properties"][0]["nte_limit"] = 50000;
    doc["organizations"][0]["properties"][0]["owner_approval_threshold"] = 1000000000;
    expect_error([&] { import_portfolio(*store, doc, clock->now()); }, ErrorCode::kInvalidArgument,
                 "owner_approval_threshold");
}

}  // namespace
}  // namespace propos

// The workflow units through the Coordinator: lifecycle decisions audited with their events, the
// job table, the intake unit and delivery over an `OutboundChannel` (docs/architecture.md).
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;

class UnitsTest : public testing::OversightTest {
protected:
    // A Coordinator on the same store with other options.
    void remake(CoordinatorOptions o) {
        c.reset();
        o.store = store;
        o.clock = clock;
        o.seed = 11;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    IngestResult say_on(Channel channel, const std::string& from, const std::string& text,
                        const std::string& subject = "", const std::string& in_reply_to = "") {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "c" + std::to_string(++n);
        m.channel = channel;
        m.from = from;
        m.subject = subject;
        m.text = text;
        m.in_reply_to = in_reply_to;
        return c->ingest(org, m);
    }
    WorkOrder only_wo() {
        auto all = c->work_orders(org);
        EXPECT_EQ(all.size(), 1u);
        return all.at(0);
    }
    // The audit entries of `action` about `wo`, each checked against the event written with it:
    // same type, time, correlation and work order.
    std::vector<AuditEvent> decisions(const std::string& action, const WorkOrderId& wo) {
        std::vector<AuditEvent> out;
        const auto events = c->events(org);
        for (const auto& a : c->audit(org)) {
            if (a.action != action || a.entity_id != wo.str()) continue;
            EXPECT_EQ(a.entity_kind, "work_order");
            const bool paired = std::any_of(events.begin(), events.end(), [&](const Event& e) {
                return e.type == action && e.at == a.at && e.correlation_id == a.correlation_id &&
                       e.payload.value("work_order_id", "") == wo.str() &&
                       e.payload.value("status", "") == a.data.value("status", "");
            });
            EXPECT_TRUE(paired) << action << " has no event written with its audit entry";
            out.push_back(a);
        }
        return out;
    }

};

TEST_F(UnitsTest, ScheduledCompletedAndClosedAreAuditedWithTheirEvents) {
    say("+12125550101", "My kitchen sink is leaking under the cabinet");
    c->run_until_idle();
    const auto id = only_wo().id;
    say("+12125550201", "YES 2026-01-06T15:00");
    c->run_until_idle();
    const auto scheduled = decisions("work_order.scheduled", id);
    ASSERT_EQ(scheduled.size(), 1u);
    EXPECT_EQ(scheduled[0].data.value("start", ""), "2026-01-06T15:00:00Z");
    EXPECT_EQ(scheduled[0].data.value("status", ""), "scheduled");
    c->advance(30h);
    say("+12125550201", "DONE replaced the trap");
    c->run_until_idle();
    const auto completed = decisions("work_order.completed", id);
    ASSERT_EQ(completed.size(), 1u);
    EXPECT_EQ(completed[0].actor, "vendor:v1");
    EXPECT_NE(completed[0].data.value("resolution", "").find("replaced the trap"), std::string::npos);
    say("+12125550101", "Yes it's fixed, thank you");
    c->run_until_idle();
    EXPECT_EQ(only_wo().status, WorkOrderStatus::kClosed);
    const auto closed = decisions("work_order.closed", id);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].actor, "tenant:t1");
    EXPECT_TRUE(closed[0].data.value("confirmed_by_tenant", false));
    EXPECT_TRUE(c->verify_audit(org).ok);
}

TEST_F(UnitsTest, AutoCloseIsAuditedWithItsEvent) {
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    say("+12125550201", "YES");
    say("+12125550201", "DONE");
    c->run_until_idle();
    const auto id = only_wo().id;
    EXPECT_TRUE(decisions("work_order.closed", id).empty());
    c->advance(49h);
    EXPECT_EQ(only_wo().status, WorkOrderStatus::kClosed);
    const auto closed = decisions("work_order.closed", id);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].actor, "system");
    EXPECT_TRUE(closed[0].data.value("auto_closed", false));
}

TEST_F(UnitsTest, VendorTimeoutIsAuditedWithItsEvent) {
    say("+12125550101", "Bathroom sink drain is clogged");
    c->run_until_idle();
    const auto id = only_wo().id;
    EXPECT_EQ(only_wo().vendor_id, VendorId("v1"));
    c->advance(5h);  // routine: 4 h to accept
    const auto timeout = decisions("work_order.vendor_timeout", id);
    ASSERT_EQ(timeout.size(), 1u);
    EXPECT_EQ(timeout[0].data.value("vendor_id", ""), "v1");
    EXPECT_EQ(only_wo().vendor_id, VendorId("v2"));  // and the next vendor got the job
}

TEST_F(UnitsTest, ABidReceivedIsAuditedWithItsEvent) {
    say("+12125550101", "The old bathtub is cracked and needs to be replaced");
    c->run_until_idle();
    const auto id = only_wo().id;
    ASSERT_EQ(only_wo().status, WorkOrderStatus::kAwaitingBids);
    say("+12125550202", "BID 650.00");
    c->run_until_idle();
    const auto bids = decisions("bid.received", id);
    ASSERT_EQ(bids.size(), 1u);
    EXPECT_EQ(bids[0].actor, "vendor:v2");
    EXPECT_EQ(bids[0].data.value("amount_cents", std::int64_t{0}), 65000);
}

}  // namespace
}  // namespace propos

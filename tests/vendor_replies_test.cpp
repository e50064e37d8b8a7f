// Vendor replies act only on the vendor's own work orders, in a state that allows the step; anything
// else changes nothing, asks the vendor which job they mean and tells staff.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::OversightTest;
using propos::testing::portfolio;

// ---- vendor replies ----

TEST_F(OversightTest, DoneOnAJobNeverAcceptedChangesNothingAndAsks) {
    say("+12125550101", "I smell gas in the kitchen!");
    c->run_until_idle();
    auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    ASSERT_EQ(wos[0].status, WorkOrderStatus::kDispatched);
    ASSERT_EQ(wos[0].vendor_id, VendorId("v3"));
    const auto before = outbox_to("+12125550203").size();
    clock->advance(1ms);
    say("+12125550203", "DONE replaced the whole gas line");
    c->run_until_idle();
    const auto wo = c->work_order(org, wos[0].id);
    EXPECT_EQ(wo.status, WorkOrderStatus::kDispatched);
    EXPECT_TRUE(wo.resolution.empty()) << wo.resolution;
    EXPECT_FALSE(wo.completed_at);
    const auto told = outbox_to("+12125550203");
    ASSERT_EQ(told.size(), before + 1);
    EXPECT_NE(told.back().body.find("accept"), std::string::npos) << told.back().body;
    EXPECT_NE(told.back().body.find(wo.id.str()), std::string::npos) << told.back().body;
    EXPECT_EQ(open_with("vendor_reply_unmatched").size(), 1u);
}

TEST_F(OversightTest, AReplyNamingAnUnknownWorkOrderChangesNothing) {
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    const auto id = c->work_orders(org).at(0).id;
    ASSERT_EQ(c->work_order(org, id).status, WorkOrderStatus::kDispatched);
    say("+12125550201", "YES wo_DOESNOTEXIST");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, id).status, WorkOrderStatus::kDispatched);
    say("+12125550201", "DONE wo_DOESNOTEXIST");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, id).status, WorkOrderStatus::kDispatched);
    const auto told = outbox_to("+12125550201");
    ASSERT_GE(told.size(), 2u);
    EXPECT_NE(told.back().body.find("wo_DOESNOTEXIST"), std::string::npos) << told.back().body;
    EXPECT_NE(told.back().body.find("Which job"), std::string::npos) << told.back().body;
    EXPECT_EQ(open_with("vendor_reply_unmatched").size(), 2u);
}

TEST_F(OversightTest, AWorkOrderOfAnotherOrganizationIsNotTheirs) {
    import_portfolio(*store, portfolio("beta"), clock->now());
    say("+12125550101", "Kitchen faucet leaking", OrgId("beta"));
    c->run_until_idle();
    const auto theirs = c->work_orders(OrgId("beta")).at(0).id;
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    const auto ours = c->work_orders(org).at(0).id;
    say("+12125550201", "YES " + theirs.str());
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, ours).status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(c->work_order(OrgId("beta"), theirs).status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(open_with("vendor_reply_unmatched").size(), 1u);
}

TEST_F(OversightTest, AJobOfAnotherVendorIsNotTheirs) {
    say("+12125550101", "I smell gas in the kitchen!");
    c->run_until_idle();
    const auto gas = c->work_orders(org).at(0);
    ASSERT_EQ(gas.vendor_id, VendorId("v3"));
    say("+12125550201", "DONE " + gas.id.str());  // Pipe Pros, not their job
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, gas.id).status, WorkOrderStatus::kDispatched);
    EXPECT_NE(outbox_to("+12125550201").back().body.find("Which job"), std::string::npos);
    EXPECT_EQ(open_with("vendor_reply_unmatched").size(), 1u);
}

TEST_F(OversightTest, SeveralEligibleJobsAndNoneNamedAsksWhich) {
    const auto [first, second] = two_jobs_for_pipe_pros();
    const auto before = outbox_to("+12125550201").size();
    say("+12125550201", "YES");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, first.id).status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(c->work_order(org, second.id).status, WorkOrderStatus::kDispatched);
    const auto told = outbox_to("+12125550201");
    ASSERT_EQ(told.size(), before + 1);
    EXPECT_NE(told.back().body.find(first.id.str()), std::string::npos) << told.back().body;
    EXPECT_NE(told.back().body.find(second.id.str()), std::string::npos) << told.back().body;
    // Naming one acts on that one only.
    say("+12125550201", "YES " + second.id.str());
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, first.id).status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(c->work_order(org, second.id).status, WorkOrderStatus::kScheduled);
    // Now only one job waits for an answer: a bare YES is about it.
    say("+12125550201", "yes");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, first.id).status, WorkOrderStatus::kScheduled);
}

TEST_F(OversightTest, DoneNeedsAnAcceptedJobAndFreeTextIsANote) {
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    const auto id = c->work_orders(org).at(0).id;
    say("+12125550201", "Cancel the job and close it, DONE");  // free text: a note, not an instruction
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, id).status, WorkOrderStatus::kDispatched);
    say("+12125550201", "YES 2026-01-06T15:00");
    c->run_until_idle();
    ASSERT_EQ(c->work_order(org, id).status, WorkOrderStatus::kScheduled);
    say("+12125550201", "DONE " + id.str() + " replaced the washer");
    c->run_until_idle();
    const auto wo = c->work_order(org, id);
    EXPECT_EQ(wo.status, WorkOrderStatus::kCompleted);
    EXPECT_NE(wo.resolution.find("replaced the washer"), std::string::npos) << wo.resolution;
    // DONE again (named or not) is acknowledged: nothing changes and nobody is paged.
    say("+12125550201", "DONE " + id.str());
    say("+12125550201", "DONE");
    c->run_until_idle();
    EXPECT_EQ(c->work_order(org, id).status, WorkOrderStatus::kCompleted);
    EXPECT_EQ(c->work_order(org, id).resolution, wo.resolution);
    EXPECT_TRUE(open_with("vendor_reply_unmatched").empty());
    EXPECT_NE(outbox_to("+12125550201").back().body.find("Already noted"), std::string::npos);
}

}  // namespace
}  // namespace propos

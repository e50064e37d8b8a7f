// Escalations past their SLA are chased: a reminder, then the organization's fallback contact.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;
using propos::testing::OversightTest;

// ---- escalation SLA ----

TEST_F(OversightTest, AnEscalationPastItsSlaIsChasedThenGoesToTheFallbackContact) {
    say("+12125550101", "The toilet has been clogged for weeks. I will call my lawyer.");
    c->run_until_idle();
    const auto open = open_with("legal_threat");
    ASSERT_EQ(open.size(), 1u);
    const auto e = open[0];
    const auto sla = std::chrono::duration_cast<Millis>(e.sla_due_at - e.created_at);
    ASSERT_GT(sla.count(), 0);
    auto overdue = [&] {
        std::vector<Json> out;
        for (const auto& ev : c->events(org)) {
            if (ev.type == "escalation.overdue" && ev.payload.value("escalation_id", "") == e.id.str()) {
                out.push_back(ev.payload);
            }
        }
        return out;
    };
    auto told = [&](const std::string& to) {
        std::size_t k = 0;
        for (const auto& m : outbox_to(to)) k += m.body.find(e.id.str()) != std::string::npos;
        return k;
    };
    c->advance(sla - 20min);
    EXPECT_TRUE(overdue().empty());
    c->advance(40min);
    ASSERT_EQ(overdue().size(), 1u);
    EXPECT_EQ(overdue()[0].value("miss", 0), 1);
    EXPECT_EQ(overdue()[0].value("notified", ""), "escalation_contact");
    EXPECT_EQ(told("+12125550900"), 1u);
    EXPECT_EQ(told("owner@acme.test"), 0u);
    const auto audit = c->audit(org);
    EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [&](const AuditEvent& a) {
        return a.action == "escalation.overdue" && a.entity_id == e.id.str();
    }));
    // Missed again one SLA later: the organization's fallback contact hears about it, once.
    c->advance(sla);
    ASSERT_EQ(overdue().size(), 2u);
    EXPECT_EQ(overdue()[1].value("notified", ""), "fallback_contact");
    EXPECT_EQ(told("owner@acme.test"), 1u);
    c->advance(sla * 3);
    EXPECT_EQ(overdue().size(), 2u);
    EXPECT_EQ(told("owner@acme.test"), 1u);
    EXPECT_EQ(told("+12125550900"), 1u);
    const auto all = c->escalations(org);
    const auto it = std::find_if(all.begin(), all.end(), [&](const Escalation& x) { return x.id == e.id; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(it->sla_misses, 2);
    EXPECT_TRUE(is_overdue(*it, clock->now()));
    EXPECT_TRUE(c->verify_audit(org).ok);
}

TEST_F(OversightTest, AResolvedEscalationIsNotChased) {
    say("+12125550101", "The toilet has been clogged for weeks. I will call my lawyer.");
    c->run_until_idle();
    const auto e = open_with("legal_threat").at(0);
    c->resolve_escalation(org, e.id, "Called the tenant; proceed", "pm.jane");
    c->run_until_idle();
    c->advance(72h);
    for (const auto& ev : c->events(org)) {
        if (ev.type == "escalation.overdue") {
            EXPECT_NE(ev.payload.value("escalation_id", ""), e.id.str());
        }
    }
    for (const auto& m : outbox_to("+12125550900")) {
        EXPECT_EQ(m.body.find(e.id.str()), std::string::npos);
    }
}

}  // namespace
}  // namespace propos

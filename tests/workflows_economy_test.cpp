// LLM economy of the maintenance loop: model calls per message kind (the offline rules batch
// independent tool calls into one turn), and the request's stable prefix (system + tools) as the
// Anthropic and OpenAI-compatible providers send it.
#include <gtest/gtest.h>

#include <mutex>

#include "propos/coordinator.hpp"
#include "propos/llm/anthropic.hpp"
#include "propos/llm/openai.hpp"
#include "propos/workflows/maintenance.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v3","name":"Gas Guys","trades":["gas","heat_hot_water"],"service_area":["10001"],
         "phone":"+12125550203","hourly_rate":12000,"callout_fee":8000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v5","name":"Day Sparks","trades":["electrical"],"service_area":["New York"],
         "phone":"+12125550205","hourly_rate":9000,"callout_fee":6000,"after_hours":false,
         "hours_start":8,"hours_end":17,"insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

// Keeps every request and the tool names of every reply of the offline rules.
class CountingProvider final : public llm::LlmProvider {
public:
    llm::LlmResponse complete(const llm::LlmRequest& request) override {
        auto r = inner_->complete(request);
        std::lock_guard lock(mu_);
        requests.push_back(request);
        std::vector<std::string> names;
        for (const auto& b : r.tool_uses()) names.push_back(b.name);
        replies.push_back(std::move(names));
        return r;
    }
    std::string name() const override { return inner_->name(); }
    std::string default_model() const override { return inner_->default_model(); }
    void clear() {
        std::lock_guard lock(mu_);
        requests.clear();
        replies.clear();
    }
    // The 1-based model call whose reply first calls one of `tools`; 0 when none does.
    int first_call_with(std::initializer_list<std::string_view> tools) const {
        for (std::size_t k = 0; k < replies.size(); ++k) {
            for (const auto& n : replies[k]) {
                for (const auto t : tools) {
                    if (n == t) return static_cast<int>(k + 1);
                }
            }
        }
        return 0;
    }

    std::vector<llm::LlmRequest> requests;
    std::vector<std::vector<std::string>> replies;

private:
    std::shared_ptr<llm::LlmProvider> inner_ = make_offline_maintenance_provider();
    std::mutex mu_;
};

// One organization on a fresh store, driven by the Coordinator with the counting provider.
struct Env {
    Env() {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("e.db")));
        import_portfolio(*store, portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        o.provider = provider;
        o.offline_fallback = false;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    void say(const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = "+12125550101";
        m.text = text;
        c->ingest(org, m);
        c->run_until_idle();
    }

    TempDir dir;
    // Monday 2026-01-05, 09:00 in New York: business hours, heat season.
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store;
    std::shared_ptr<CountingProvider> provider = std::make_shared<CountingProvider>();
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    int n = 0;
};

struct Kind {
    const char* name;
    std::vector<std::string> before;  // handled first, not counted
    std::string text;
    int max_calls;        // model calls of the message's run, the closing end_turn included
    int first_reply;      // the call whose reply first messages the tenant
    int dispatch;         // the call whose reply dispatches a vendor (0: none)
    WorkOrderStatus status;
};

TEST(EconomyTest, ModelCallsPerMessageKind) {
    const std::vector<Kind> kinds = {
        {"routine", {}, "My kitchen sink is leaking under the cabinet", 3, 2, 2,
         WorkOrderStatus::kDispatched},
        {"emergency", {}, "I smell gas in the kitchen!", 3, 1, 2, WorkOrderStatus::kDispatched},
        {"duplicate", {"Toilet is clogged"},
         "The toilet is still clogged and overflowing a bit", 2, 1, 0,
         WorkOrderStatus::kDispatched},
        {"troubleshooting", {}, "The bathroom outlet stopped working", 3, 2, 0,
         WorkOrderStatus::kTriaged},
    };
    for (const auto& k : kinds) {
        SCOPED_TRACE(k.name);
        Env e;
        auto& provider = e.provider;
        for (const auto& t : k.before) e.say(t);
        provider->clear();
        e.say(k.text);
        const auto calls = static_cast<int>(provider->replies.size());
        EXPECT_LE(calls, k.max_calls);
        const int first_reply = provider->first_call_with({"reply_to_tenant", "ask_tenant"});
        EXPECT_GE(first_reply, 1);
        EXPECT_LE(first_reply, 2);  // the tenant hears back after at most two model calls
        EXPECT_EQ(first_reply, k.first_reply);
        EXPECT_EQ(provider->first_call_with({"dispatch_vendor"}), k.dispatch);
        const auto wos = e.c->work_orders(e.org);
        ASSERT_EQ(wos.size(), 1u);
        EXPECT_EQ(wos[0].status, k.status);
        // The last call closes the run: its reply calls no tool.
        ASSERT_FALSE(provider->replies.empty());
        EXPECT_TRUE(provider->replies.back().empty());
    }
}

TEST(EconomyTest, ARoutineRepairIsDispatchedWithinThreeCallsTriagingOpeningAndRankingAtOnce) {
    Env e;
    auto& provider = e.provider;
    e.say("My kitchen sink is leaking under the cabinet");
    ASSERT_LE(provider->replies.size(), 3u);
    EXPECT_EQ(provider->replies[0],
              (std::vector<std::string>{"triage_request", "create_work_order", "rank_vendors"}));
    EXPECT_EQ(provider->replies[1], (std::vector<std::string>{"dispatch_vendor", "ask_tenant"}));
    const auto wo = e.c->work_orders(e.org).at(0);
    EXPECT_EQ(wo.status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(wo.vendor_id, VendorId("v1"));
    EXPECT_EQ(wo.awaiting_tenant, "access");
    // All results of a turn go back in one user message, in the order of the calls.
    const auto& second = provider->requests.at(1).messages;
    ASSERT_GE(second.size(), 3u);
    const auto& results = second.back();
    ASSERT_EQ(results.content.size(), 3u);
    const auto& calls = second[second.size() - 2].content;
    std::size_t k = 0;
    for (const auto& b : calls) {
        if (b.type != llm::ContentBlock::Type::kToolUse) continue;
        ASSERT_LT(k, results.content.size());
        EXPECT_EQ(results.content[k].id, b.id);
        EXPECT_FALSE(results.content[k].is_error) << results.content[k].text;
        ++k;
    }
}

// Every request of a message's run shares the same prefix: the system blocks and the tools, in
// the same order. Anthropic marks it for caching (the last tool and the last system block);
// OpenAI-compatible servers get the same system text first and the same tools, without marks.
TEST(EconomyTest, TheStablePrefixIsMarkedForAnthropicAndKeptInOrderForOpenAi) {
    Env e;
    auto& provider = e.provider;
    e.say("My kitchen sink is leaking under the cabinet");
    e.say("I smell gas in the kitchen!");
    ASSERT_GE(provider->requests.size(), 4u);
    llm::AnthropicProvider anthropic({.api_key = "test-key"});
    llm::OpenAiCompatibleProvider openai({.api_key = "test-key"});
    const Json first = anthropic.build_body(provider->requests.front());
    const Json first_oai = openai.build_body(provider->requests.front());
    for (const auto& request : provider->requests) {
        const Json body = anthropic.build_body(request);
        ASSERT_TRUE(body.contains("tools"));
        ASSERT_TRUE(body.contains("system"));
        EXPECT_EQ(body["tools"], first["tools"]);  // byte for byte the same prefix
        EXPECT_EQ(body["system"], first["system"]);
        EXPECT_EQ(body["tools"].back()["cache_control"], (Json{{"type", "ephemeral"}}));
        EXPECT_EQ(body["system"].back()["cache_control"], (Json{{"type", "ephemeral"}}));
        EXPECT_EQ(body["messages"].dump().find("cache_control"), std::string::npos);
        // The prefix is at least half of the call's input (~4 characters per token on both).
        const auto prefix = body["tools"].dump().size() + body["system"].dump().size();
        EXPECT_GE(2 * prefix, body.dump().size()) << "prefix " << prefix << " of "
                                                  << body.dump().size();

        const Json oai = openai.build_body(request);
        EXPECT_EQ(oai.dump().find("cache_control"), std::string::npos);
        ASSERT_FALSE(oai["messages"].empty());
        EXPECT_EQ(oai["messages"][0]["role"], "system");
        EXPECT_EQ(oai["messages"][0], first_oai["messages"][0]);
        EXPECT_EQ(oai["tools"], first_oai["tools"]);
        // The same system text and the same tools, in the same order, as the Anthropic request.
        std::string system;
        for (const auto& s : body["system"]) {
            if (!system.empty()) system += "\n\n";
            system += s["text"].get<std::string>();
        }
        EXPECT_EQ(oai["messages"][0]["content"], system);
        ASSERT_EQ(oai["tools"].size(), body["tools"].size());
        for (std::size_t i = 0; i < body["tools"].size(); ++i) {
            EXPECT_EQ(oai["tools"][i]["function"]["name"], body["tools"][i]["name"]);
            EXPECT_EQ(oai["tools"][i]["function"]["parameters"], body["tools"][i]["input_schema"]);
        }
        // Nothing of the conversation comes before the prefix: one system message, then the rest.
        for (std::size_t i = 1; i < oai["messages"].size(); ++i) {
            EXPECT_NE(oai["messages"][i]["role"], "system");
        }
    }
}

// The rules alone, on a conversation written by hand: a routine repair whose dispatch (batched
// with the tenant's access question) failed after all.
llm::LlmRequest routine_conversation(const Json& rank_result) {
    const Json ctx{{"now", "2026-01-05T14:00:00Z"},
                   {"tenant", {{"id", "t1"}, {"language", "en"}}},
                   {"unit", {{"id", "u1"}}},
                   {"open_work_orders", Json::array()}};
    llm::LlmRequest r;
    r.messages.push_back(llm::ChatMessage::user(
        "Facts (trusted):\n<context>" + ctx.dump() +
        "</context>\nThe tenant wrote:\n\n<tenant_message>\nMy kitchen sink is leaking under the "
        "cabinet\n</tenant_message>"));
    r.messages.push_back({llm::Role::kAssistant,
                          {llm::ContentBlock::tool_use("a", "triage_request", Json::object()),
                           llm::ContentBlock::tool_use("b", "create_work_order", Json::object()),
                           llm::ContentBlock::tool_use("c", "rank_vendors", Json::object())}});
    r.messages.push_back(
        {llm::Role::kUser,
         {llm::ContentBlock::tool_result("a", R"({"recorded":true})"),
          llm::ContentBlock::tool_result("b", R"({"work_order_id":"wo-1","status":"triaged"})"),
          llm::ContentBlock::tool_result("c", rank_result.dump())}});
    return r;
}

Json rank(bool needs_owner_approval) {
    return Json{{"work_order_id", "wo-1"},
                {"vendors",
                 {{{"vendor_id", "v1"}, {"name", "Pipe Pros"}, {"eligible", true}, {"score", 90},
                   {"estimate_cents", 25000}, {"reasons", Json::array()}}}},
                {"spend",
                 {{"within_nte", !needs_owner_approval},
                  {"needs_bids", false},
                  {"needs_owner_approval", needs_owner_approval}}}};
}

std::vector<std::string> names(const std::vector<llm::ContentBlock>& blocks) {
    std::vector<std::string> out;
    for (const auto& b : blocks) out.push_back(b.name);
    return out;
}

TEST(EconomyRulesTest, TheTenantIsToldInTheDispatchTurnOnlyWhenTheOutcomeIsKnown) {
    EXPECT_EQ(names(maintenance_rules_step(routine_conversation(rank(false)))),
              (std::vector<std::string>{"dispatch_vendor", "ask_tenant"}));
    // Above the NTE the dispatch becomes an owner-approval request: nothing to tell yet.
    EXPECT_EQ(names(maintenance_rules_step(routine_conversation(rank(true)))),
              (std::vector<std::string>{"dispatch_vendor"}));
}

TEST(EconomyRulesTest, AFailedBatchedDispatchIsCorrectedBeforeAPersonTakesOver) {
    auto r = routine_conversation(rank(false));
    auto calls = maintenance_rules_step(r);
    ASSERT_EQ(calls.size(), 2u);
    r.messages.push_back({llm::Role::kAssistant, calls});
    r.messages.push_back(
        {llm::Role::kUser,
         {llm::ContentBlock::tool_result(calls[0].id, R"({"error":"vendor v1 is not eligible"})",
                                         true),
          llm::ContentBlock::tool_result(calls[1].id, R"({"asked":true})")}});
    const auto next = maintenance_rules_step(r);
    ASSERT_EQ(names(next), (std::vector<std::string>{"reply_to_tenant", "escalate"}));
    EXPECT_NE(next[0].input.value("text", "").find("Correction"), std::string::npos);
    EXPECT_EQ(next[1].input.value("reason", ""), "dispatch_failed");
}

}  // namespace
}  // namespace propos

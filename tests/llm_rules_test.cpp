// RulesProvider: the rule-table mechanism (domain rules live in other layers).
#include <gtest/gtest.h>

#include <thread>

#include "propos/llm/rules.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;

bool mentions(const LlmRequest& r, const std::string& word) {
    return last_user_text(r).find(word) != std::string::npos;
}

// A tiny table: open a work order for leaks, then acknowledge once results come back.
std::vector<Rule> table() {
    return {
        {"after_tools", ends_with_tool_results,
         [](const LlmRequest&) {
             return std::vector<ContentBlock>{ContentBlock::make_text("Work order opened.")};
         }},
        {"leak",
         [](const LlmRequest& r) {
             return mentions(r, "leak") && offers_tool(r, "create_work_order");
         },
         [](const LlmRequest&) {
             return std::vector<ContentBlock>{
                 ContentBlock::make_text("Opening a plumbing work order."),
                 ContentBlock::tool_use("", "triage_request", {{"category", "plumbing"}}),
                 ContentBlock::tool_use("", "create_work_order", {{"category", "plumbing"}})};
         }},
        {"declines", nullptr, [](const LlmRequest&) { return std::vector<ContentBlock>{}; }},
        {"greeting", [](const LlmRequest& r) { return mentions(r, "hello"); },
         [](const LlmRequest&) {
             return std::vector<ContentBlock>{ContentBlock::make_text("Hi!")};
         }},
    };
}

LlmRequest ask(const std::string& text, bool with_tools = true) {
    LlmRequest r;
    r.system = {{"You are a coordinator.", true}};
    r.messages = {ChatMessage::user(text)};
    if (with_tools) {
        r.tools = {ToolDefinition{"triage_request", "", {{"type", "object"}}},
                   ToolDefinition{"create_work_order", "", {{"type", "object"}}}};
    }
    return r;
}

TEST(RulesProviderTest, TheFirstMatchingRuleAnswersWithDeterministicIds) {
    RulesProvider p(table());
    const auto r = p.complete(ask("There is a leak under my sink"));
    EXPECT_EQ(r.provider, "rules");
    EXPECT_EQ(r.model, "rules");
    EXPECT_EQ(r.stop_reason, StopReason::kToolUse);
    EXPECT_EQ(r.text(), "Opening a plumbing work order.");
    const auto calls = r.tool_uses();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].id, "rule_1_0");  // 1 message so far, first call
    EXPECT_EQ(calls[1].id, "rule_1_1");
    EXPECT_EQ(calls[1].name, "create_work_order");
    EXPECT_EQ(r.id.substr(0, 10), "rule-leak-");
    EXPECT_EQ(r.id.size(), 10u + 16u);
    EXPECT_EQ(p.match(ask("a leak")), "leak");
}

TEST(RulesProviderTest, PredicatesSeeToolsAndDecliningRulesFallThrough) {
    RulesProvider p(table());
    // Without the tool on offer the leak rule does not match; "declines" returns nothing; no other
    // rule matches, so the no-match reply comes back.
    const auto r = p.complete(ask("a leak", false));
    EXPECT_EQ(r.stop_reason, StopReason::kEndTurn);
    EXPECT_EQ(r.text(), "No rule applies; nothing to do.");
    EXPECT_EQ(r.id.substr(0, 10), "rule-none-");
    EXPECT_EQ(p.match(ask("a leak", false)), "");
    // The rule after a declining one still answers.
    EXPECT_EQ(p.complete(ask("hello there")).text(), "Hi!");
}

TEST(RulesProviderTest, RunsAConversationToTheEnd) {
    RulesProvider p(table());
    LlmRequest r = ask("Water leak in the kitchen");
    const auto first = p.complete(r);
    r.messages.push_back(ChatMessage{Role::kAssistant, first.content});
    std::vector<ContentBlock> results;
    for (const auto& call : first.tool_uses())
        results.push_back(ContentBlock::tool_result(call.id, R"({"ok":true})"));
    r.messages.push_back(ChatMessage{Role::kUser, results});
    EXPECT_TRUE(ends_with_tool_results(r));
    EXPECT_TRUE(has_called(r, "create_work_order"));
    EXPECT_FALSE(has_called(r, "dispatch_vendor"));
    EXPECT_EQ(last_tool_results(r).size(), 2u);
    EXPECT_EQ(last_user_text(r), "Water leak in the kitchen");

    const auto second = p.complete(r);
    EXPECT_EQ(second.stop_reason, StopReason::kEndTurn);
    EXPECT_EQ(second.text(), "Work order opened.");
}

TEST(RulesProviderTest, IdenticalRequestsGetIdenticalReplies) {
    RulesProvider p(table());
    const auto a = p.complete(ask("leak"));
    const auto b = p.complete(ask("leak"));
    EXPECT_EQ(a, b);
    EXPECT_NE(a.id, p.complete(ask("leak again")).id);
}

TEST(RulesProviderTest, ExplicitIdsAreKeptAndStepNumbersFollowTheConversation) {
    RulesProvider p({{"calls", nullptr, [](const LlmRequest&) {
                          return std::vector<ContentBlock>{
                              ContentBlock::tool_use("mine", "a", Json::object()),
                              ContentBlock::tool_use("", "b", Json::object())};
                      }}});
    LlmRequest r = ask("x");
    r.messages.push_back(ChatMessage::assistant("y"));
    r.messages.push_back(ChatMessage::user("z"));
    const auto calls = p.complete(r).tool_uses();
    EXPECT_EQ(calls.at(0).id, "mine");
    EXPECT_EQ(calls.at(1).id, "rule_3_1");
}

TEST(RulesProviderTest, EstimatesUsageSoBudgetsWorkOffline) {
    RulesOptions o;
    o.model = "rules-v2";
    o.no_match_text = "12345678";  // 8 characters -> 2 tokens
    RulesProvider p({}, o);
    LlmRequest r;
    r.system = {{std::string(40, 's'), false}};              // 40
    r.messages = {ChatMessage::user(std::string(21, 'u'))};  // 21
    const auto resp = p.complete(r);
    EXPECT_EQ(resp.model, "rules-v2");
    EXPECT_EQ(p.default_model(), "rules-v2");
    EXPECT_EQ(resp.usage.input_tokens, 16);  // ceil(61 / 4)
    EXPECT_EQ(resp.usage.output_tokens, 2);
    EXPECT_EQ(resp.usage.cache_read_input_tokens, 0);
    EXPECT_EQ(estimate_tokens(""), 0);
    EXPECT_EQ(estimate_tokens("abcde"), 2);
    EXPECT_EQ(estimate_tokens("abcde", 0), 2);  // nonsense ratios fall back to 4
}

TEST(RulesProviderTest, RuleFailuresAndBadRules) {
    RulesProvider p({{"domain_error", [](const LlmRequest& r) { return mentions(r, "bad"); },
                      [](const LlmRequest&) -> std::vector<ContentBlock> {
                          throw Error(ErrorCode::kInvalidArgument, "bad input");
                      }},
                     {"bug", [](const LlmRequest& r) { return mentions(r, "bug"); },
                      [](const LlmRequest&) -> std::vector<ContentBlock> {
                          throw std::runtime_error("oops");
                      }}});
    expect_error([&] { p.complete(ask("bad")); }, ErrorCode::kInvalidArgument, "bad input");
    try {
        p.complete(ask("bug"));
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInternal);
        EXPECT_NE(std::string(e.what()).find("rule 'bug' failed: oops"), std::string::npos)
            << e.what();
    }
    expect_error([] { RulesProvider bad({Rule{"no_respond", nullptr, nullptr}}); },
                 ErrorCode::kInvalidArgument, "no_respond");
    expect_error([&] { p.add(Rule{"x", nullptr, nullptr}); }, ErrorCode::kInvalidArgument,
                 "has no respond");
}

TEST(RulesProviderTest, RulesCanBeAddedWhileServing) {
    RulesProvider p;
    EXPECT_EQ(p.name(), "rules");
    std::thread reader([&] {
        for (int i = 0; i < 200; ++i) p.complete(ask("hello"));
    });
    for (int i = 0; i < 20; ++i) {
        p.add({"r" + std::to_string(i), [](const LlmRequest&) { return false; },
               [](const LlmRequest&) { return std::vector<ContentBlock>{}; }});
    }
    reader.join();
    p.add({"greeting", nullptr, [](const LlmRequest&) {
               return std::vector<ContentBlock>{ContentBlock::make_text("Hi")};
           }});
    EXPECT_EQ(p.rule_names().size(), 21u);
    EXPECT_EQ(p.rule_names().back(), "greeting");
    EXPECT_EQ(p.complete(ask("hello")).text(), "Hi");
}

}  // namespace
}  // namespace propos::llm

// AnthropicProvider against a loopback server speaking the Messages API wire format, with faults.
#include <gtest/gtest.h>

#include <cstdlib>

#include "fake_http_server.hpp"
#include "propos/llm/anthropic.hpp"
#include "propos/llm/pricing.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;
using propos::testing::FakeServer;
using namespace std::chrono_literals;

Json ok_message(Json content, const std::string& stop = "end_turn", Json usage = nullptr) {
    if (usage.is_null()) {
        usage = Json{{"input_tokens", 100},
                     {"output_tokens", 20},
                     {"cache_creation_input_tokens", 0},
                     {"cache_read_input_tokens", 0}};
    }
    return Json{{"id", "msg_01ABC"},
                {"type", "message"},
                {"role", "assistant"},
                {"model", "claude-sonnet-4-5-20250929"},
                {"content", std::move(content)},
                {"stop_reason", stop},
                {"stop_sequence", nullptr},
                {"usage", std::move(usage)}};
}

std::string api_error(const std::string& type, const std::string& message,
                      const std::string& request_id = "req_err1") {
    return Json{{"type", "error"},
                {"error", {{"type", type}, {"message", message}}},
                {"request_id", request_id}}
        .dump();
}

LlmRequest sample_request() {
    LlmRequest r;
    r.system = {{"You are PropOS, the maintenance coordinator.", false},
                {"Org policy: NTE $500.", false}};
    r.tools = {
        ToolDefinition{"triage_request", "Classify the request.",
                       Json::parse(R"({"type":"object","properties":{"category":{"type":"string"}},
                                              "required":["category"]})")},
        ToolDefinition{"create_work_order", "Open a work order.",
                       Json::parse(R"({"type":"object","properties":{"unit_id":{"type":"string"}},
                                              "required":["unit_id"]})")}};
    r.messages.push_back(ChatMessage::user("My sink is leaking in unit 12."));
    r.messages.push_back(ChatMessage{
        Role::kAssistant,
        {ContentBlock::make_text("Let me triage that."),
         ContentBlock::tool_use("toolu_01", "triage_request", {{"category", "plumbing"}})}});
    r.messages.push_back(ChatMessage{
        Role::kUser, {ContentBlock::tool_result("toolu_01", R"({"priority":"urgent"})")}});
    r.max_tokens = 512;
    r.metadata = {{"run_id", "run_1"}, {"org", "org_1"}};
    return r;
}

class AnthropicTest : public ::testing::Test {
protected:
    void SetUp() override { provider = make(); }
    void TearDown() override {
        provider.reset();
        http.reset();
    }
    std::unique_ptr<AnthropicProvider> make(AnthropicOptions o = {}) {
        o.api_key = o.api_key.empty() ? "sk-ant-test-key" : o.api_key;
        o.base_url = server.url();
        o.http = http;
        o.sleeper = [this](Millis d) { delays.push_back(d); };
        o.timeout = o.timeout == AnthropicOptions{}.timeout ? Millis(5000) : o.timeout;
        return std::make_unique<AnthropicProvider>(std::move(o));
    }
    Json sent_body(std::size_t i = 0) { return Json::parse(server.seen().at(i).body); }

    FakeServer server;
    std::shared_ptr<HttpClient> http{make_curl_http_client()};
    std::vector<Millis> delays;
    std::unique_ptr<AnthropicProvider> provider;
};

TEST_F(AnthropicTest, SendsTheExactMessagesRequest) {
    server.reply(200, ok_message(Json::array({{{"type", "text"}, {"text", "Done."}}})).dump(),
                 {{"request-id", "req_011"}});
    provider->complete(sample_request());
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].method, "POST");
    EXPECT_EQ(seen[0].path, "/v1/messages");
    EXPECT_EQ(seen[0].header("x-api-key"), "sk-ant-test-key");
    EXPECT_EQ(seen[0].header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(seen[0].header("content-type"), "application/json");
    EXPECT_EQ(seen[0].header("authorization"), "");

    const Json expected = Json::parse(R"({
      "model": "claude-sonnet-4-5",
      "max_tokens": 512,
      "system": [
        {"type": "text", "text": "You are PropOS, the maintenance coordinator."},
        {"type": "text", "text": "Org policy: NTE $500.", "cache_control": {"type": "ephemeral"}}
      ],
      "tools": [
        {"name": "triage_request", "description": "Classify the request.",
         "input_schema": {"type": "object", "properties": {"category": {"type": "string"}}, "required": ["category"]}},
        {"name": "create_work_order", "description": "Open a work order.",
         "input_schema": {"type": "object", "properties": {"unit_id": {"type": "string"}}, "required": ["unit_id"]},
         "cache_control": {"type": "ephemeral"}}
      ],
      "tool_choice": {"type": "auto"},
      "messages": [
        {"role": "user", "content": [{"type": "text", "text": "My sink is leaking in unit 12."}]},
        {"role": "assistant", "content": [
          {"type": "text", "text": "Let me triage that."},
          {"type": "tool_use", "id": "toolu_01", "name": "triage_request", "input": {"category": "plumbing"}}]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "toolu_01", "content": "{\"priority\":\"urgent\"}", "is_error": false}]}
      ]
    })");
    EXPECT_EQ(sent_body(), expected) << sent_body().dump(2);
}

TEST_F(AnthropicTest, MarkedSystemBlocksAreCachedWithinFourBreakpoints) {
    LlmRequest r = sample_request();
    r.system.clear();
    for (int i = 0; i < 5; ++i) r.system.push_back({"block " + std::to_string(i), true});
    r.system.push_back({"", true});  // empty blocks are dropped, never sent
    const Json body = provider->build_body(r);
    ASSERT_EQ(body["system"].size(), 5u);
    std::vector<bool> cached;
    for (const auto& b : body["system"]) cached.push_back(b.contains("cache_control"));
    // The last tool takes one breakpoint; the last three marked system blocks take the rest.
    EXPECT_EQ(cached, (std::vector<bool>{false, false, true, true, true}));
    EXPECT_TRUE(body["tools"].back().contains("cache_control"));
    EXPECT_FALSE(body["tools"].front().contains("cache_control"));
}

TEST_F(AnthropicTest, CachingCanBeTunedOrTurnedOff) {
    AnthropicOptions o;
    o.cache_ttl = "1h";
    auto hour = make(o);
    const Json body = hour->build_body(sample_request());
    EXPECT_EQ(body["system"].back()["cache_control"], (Json{{"type", "ephemeral"}, {"ttl", "1h"}}));
    EXPECT_EQ(body["tools"].back()["cache_control"], (Json{{"type", "ephemeral"}, {"ttl", "1h"}}));

    AnthropicOptions off;
    off.prompt_caching = false;
    const std::string dumped = make(off)->build_body(sample_request()).dump();
    EXPECT_EQ(dumped.find("cache_control"), std::string::npos) << dumped;
}

TEST_F(AnthropicTest, ToolChoiceVariants) {
    struct Case {
        ToolChoice choice;
        Json expected;
    };
    const std::vector<Case> cases{
        {{ToolChoice::Mode::kAuto, "", false}, {{"type", "auto"}}},
        {{ToolChoice::Mode::kAny, "", false}, {{"type", "any"}}},
        {{ToolChoice::Mode::kNone, "", false}, {{"type", "none"}}},
        {{ToolChoice::Mode::kTool, "create_work_order", false},
         {{"type", "tool"}, {"name", "create_work_order"}}},
        {{ToolChoice::Mode::kAuto, "", true},
         {{"type", "auto"}, {"disable_parallel_tool_use", true}}},
        {{ToolChoice::Mode::kNone, "", true}, {{"type", "none"}}},
    };
    for (const auto& c : cases) {
        LlmRequest r = sample_request();
        r.tool_choice = c.choice;
        EXPECT_EQ(provider->build_body(r)["tool_choice"], c.expected) << c.expected.dump();
    }
    LlmRequest no_tools = sample_request();
    no_tools.tools.clear();
    no_tools.tool_choice.mode = ToolChoice::Mode::kAny;
    const Json body = provider->build_body(no_tools);
    EXPECT_FALSE(body.contains("tools"));
    EXPECT_FALSE(body.contains("tool_choice"));  // the API rejects tool_choice without tools
}

TEST_F(AnthropicTest, RequestDetails) {
    LlmRequest r = sample_request();
    r.model = "claude-haiku-4-5";
    r.temperature = 0.25;
    r.messages.push_back(ChatMessage{Role::kAssistant, {ContentBlock::make_text("")}});  // dropped
    ContentBlock bad = ContentBlock::tool_use("toolu_02", "create_work_order", Json::object());
    bad.input = "not an object";
    bad.input_error = "arguments were not an object";
    r.messages.push_back(ChatMessage{Role::kAssistant, {bad}});
    r.messages.push_back(
        ChatMessage{Role::kUser, {ContentBlock::tool_result("toolu_02", "rejected", true)}});
    const Json body = provider->build_body(r);
    EXPECT_EQ(body["model"], "claude-haiku-4-5");
    EXPECT_EQ(body["temperature"], 0.25);
    EXPECT_FALSE(body.contains("metadata"));
    ASSERT_EQ(body["messages"].size(), 5u);
    EXPECT_EQ(body["messages"][3]["content"][0]["input"], Json::object());
    EXPECT_EQ(body["messages"][4]["content"][0]["is_error"], true);
}

TEST_F(AnthropicTest, ParsesContentStopReasonUsageIdsAndLatency) {
    const Json content = Json::parse(R"([
        {"type": "text", "text": "I'll open a work order."},
        {"type": "thinking", "thinking": "hmm", "signature": "x"},
        {"type": "tool_use", "id": "toolu_01A", "name": "create_work_order", "input": {"unit_id": "u-12"}}])");
    const Json usage{{"input_tokens", 120},
                     {"output_tokens", 45},
                     {"cache_creation_input_tokens", 2048},
                     {"cache_read_input_tokens", 4096}};
    server.reply(200, ok_message(content, "tool_use", usage).dump(),
                 {{"request-id", "req_018EeWyXxfu5pfWkrYcMdjWG"}});
    const auto resp = provider->complete(sample_request());
    EXPECT_EQ(resp.provider, "anthropic");
    EXPECT_EQ(resp.id, "msg_01ABC");
    EXPECT_EQ(resp.request_id, "req_018EeWyXxfu5pfWkrYcMdjWG");
    EXPECT_EQ(resp.model, "claude-sonnet-4-5-20250929");
    EXPECT_EQ(resp.stop_reason, StopReason::kToolUse);
    ASSERT_EQ(resp.content.size(), 2u);  // the thinking block is skipped
    EXPECT_EQ(resp.text(), "I'll open a work order.");
    const auto calls = resp.tool_uses();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].id, "toolu_01A");
    EXPECT_EQ(calls[0].name, "create_work_order");
    EXPECT_EQ(calls[0].input, (Json{{"unit_id", "u-12"}}));
    EXPECT_TRUE(calls[0].input_error.empty());
    EXPECT_EQ(resp.usage, (Usage{120, 45, 4096, 2048}));
    EXPECT_EQ(resp.usage.total_input(), 120 + 4096 + 2048);
    EXPECT_GE(resp.latency.count(), 0);
    EXPECT_TRUE(delays.empty());
}

// The reply's cache-write breakdown by lifetime is kept, so 1-hour writes are priced at 2x input.
TEST_F(AnthropicTest, SplitsCacheWritesByLifetimeAndSendsExtraHeaders) {
    const Json usage = Json::parse(R"({"input_tokens": 10, "output_tokens": 5,
        "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 0,
        "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000}})");
    server.reply(200, ok_message(Json::array(), "end_turn", usage).dump());
    AnthropicOptions o;
    o.extra_headers = {{"anthropic-beta", "context-1m-2025-08-07"}};
    const auto resp = make(o)->complete(sample_request());
    EXPECT_EQ(resp.usage.cache_creation_input_tokens, 3000);
    EXPECT_EQ(resp.usage.cache_creation_1h_input_tokens, 2000);
    EXPECT_EQ(server.seen().at(0).header("anthropic-beta"), "context-1m-2025-08-07");
    EXPECT_EQ(server.seen().at(0).header("anthropic-version"), "2023-06-01");
    // Per MTok: 10 in x $3 + 5 out x $15 + 1000 (5m) x $3.75 + 2000 (1h) x $6 = 30 + 75 + 3750 +
    // 12000 micro-dollars.
    EXPECT_EQ(PriceTable::defaults().cost_micros("claude-sonnet-4-5", resp.usage), 15855);

    // With cache_ttl "1h" and no breakdown in the reply, every write is a 1-hour one.
    const Json plain{{"input_tokens", 10}, {"output_tokens", 5}, {"cache_creation_input_tokens", 800}};
    server.reply(200, ok_message(Json::array(), "end_turn", plain).dump());
    AnthropicOptions hour;
    hour.cache_ttl = "1h";
    EXPECT_EQ(make(hour)->complete(sample_request()).usage.cache_creation_1h_input_tokens, 800);
}

TEST_F(AnthropicTest, MapsEveryStopReason) {
    for (const char* s : {"end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn",
                          "refusal", "model_context_window_exceeded"}) {
        server.reply(200, ok_message(Json::array(), s).dump());
        EXPECT_EQ(to_string(provider->complete(sample_request()).stop_reason), s);
    }
    server.reply(200, ok_message(Json::array(), "something_new").dump());
    EXPECT_EQ(provider->complete(sample_request()).stop_reason, StopReason::kOther);
}

TEST_F(AnthropicTest, RetriesOverloadedThenSucceeds) {
    server.reply(529, api_error("overloaded_error", "Overloaded"));
    server.reply(529, api_error("overloaded_error", "Overloaded"));
    server.reply(200, ok_message(Json::array({{{"type", "text"}, {"text", "ok"}}})).dump());
    const auto resp = provider->complete(sample_request());
    EXPECT_EQ(resp.text(), "ok");
    EXPECT_EQ(server.count(), 3u);
    ASSERT_EQ(delays.size(), 2u);
    EXPECT_LE(delays[0], 500ms);
    EXPECT_LE(delays[1], 1000ms);
    // Every attempt sent the same request.
    EXPECT_EQ(sent_body(0), sent_body(2));
}

TEST_F(AnthropicTest, HonoursRetryAfterOnRateLimits) {
    server.reply(429, api_error("rate_limit_error", "Too many requests"),
                 {{"retry-after-ms", "1500"}});
    server.reply(429, api_error("rate_limit_error", "Too many requests"), {{"retry-after", "3"}});
    server.reply(200, ok_message(Json::array()).dump());
    provider->complete(sample_request());
    EXPECT_EQ(delays, (std::vector<Millis>{1500ms, 3000ms}));
}

// A wait longer than the client's patience is not slept on the caller's thread: the error carries
// it, so the caller can come back later (the Coordinator re-queues the job).
TEST_F(AnthropicTest, ARetryAfterLongerThanThePatienceIsSurfacedNotSlept) {
    server.reply(429, api_error("rate_limit_error", "Number of requests has exceeded your rate limit"),
                 {{"retry-after", "120"}});
    server.reply(200, ok_message(Json::array()).dump());  // never asked for
    try {
        provider->complete(sample_request());
        FAIL() << "expected ProviderError";
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.http_status(), 429);
        EXPECT_EQ(e.error_type(), "rate_limit_error");
        ASSERT_TRUE(e.retry_after().has_value());
        EXPECT_EQ(*e.retry_after(), 120s);
    }
    EXPECT_EQ(server.count(), 1u);
    EXPECT_TRUE(delays.empty());
}

TEST_F(AnthropicTest, ExhaustedRetriesThrowUnavailableWithTypeAndRequestId) {
    for (int i = 0; i < 3; ++i)
        server.reply(500, api_error("api_error", "Internal server error", "req_500"));
    try {
        provider->complete(sample_request());
        FAIL() << "expected ProviderError";
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_TRUE(e.retryable());
        EXPECT_EQ(e.http_status(), 500);
        EXPECT_EQ(e.error_type(), "api_error");
        EXPECT_EQ(e.request_id(), "req_500");
        EXPECT_FALSE(e.retry_after().has_value());  // nothing asked to be waited for
        const std::string msg = e.what();
        EXPECT_NE(msg.find("anthropic: HTTP 500 api_error: Internal server error"),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find("3 attempts"), std::string::npos) << msg;
    }
    EXPECT_EQ(server.count(), 3u);
    EXPECT_EQ(delays.size(), 2u);
}

TEST_F(AnthropicTest, AuthenticationErrorsAreNeverRetried) {
    server.reply(401, api_error("authentication_error", "invalid x-api-key", "req_401"),
                 {{"retry-after", "1"}});
    try {
        provider->complete(sample_request());
        FAIL() << "expected ProviderError";
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kPermissionDenied);
        EXPECT_FALSE(e.retryable());
        EXPECT_EQ(e.http_status(), 401);
        EXPECT_EQ(e.error_type(), "authentication_error");
        EXPECT_EQ(e.request_id(), "req_401");
        EXPECT_EQ(std::string(e.what()).find("sk-ant-test-key"), std::string::npos);
    }
    EXPECT_EQ(server.count(), 1u);
    EXPECT_TRUE(delays.empty());
}

TEST_F(AnthropicTest, ClientErrorsAreInvalidArgumentAndNeverRetried) {
    struct Case {
        int status;
        const char* type;
        ErrorCode code;
    };
    for (const Case& c : {Case{400, "invalid_request_error", ErrorCode::kInvalidArgument},
                          Case{403, "permission_error", ErrorCode::kPermissionDenied},
                          Case{404, "not_found_error", ErrorCode::kInvalidArgument},
                          Case{413, "request_too_large", ErrorCode::kInvalidArgument}}) {
        const auto before = server.count();
        server.reply(c.status, api_error(c.type, "nope"));
        try {
            provider->complete(sample_request());
            ADD_FAILURE() << "expected ProviderError for " << c.status;
        } catch (const ProviderError& e) {
            EXPECT_EQ(e.code(), c.code) << c.status;
            EXPECT_EQ(e.http_status(), c.status);
            EXPECT_EQ(e.error_type(), c.type);
        }
        EXPECT_EQ(server.count(), before + 1) << c.status << " was retried";
    }
    EXPECT_TRUE(delays.empty());
}

TEST_F(AnthropicTest, NonJsonErrorBodyIsSummarizedNotQuoted) {
    for (int i = 0; i < 3; ++i) {
        server.reply(502, "<html><body>Bad gateway: secret proxy page</body></html>",
                     {{"request-id", "req_gw"}});
    }
    try {
        provider->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.request_id(), "req_gw");
        const std::string msg = e.what();
        EXPECT_NE(msg.find("non-JSON error body"), std::string::npos) << msg;
        EXPECT_EQ(msg.find("secret proxy page"), std::string::npos) << msg;
    }
}

TEST_F(AnthropicTest, SlowResponsesTimeOutAndAreRetried) {
    AnthropicOptions o;
    o.timeout = 200ms;
    auto fast = make(o);
    server.reply(FakeServer::Reply{200, ok_message(Json::array()).dump(), {}, 3000ms});
    server.reply(200, ok_message(Json::array({{{"type", "text"}, {"text", "second try"}}})).dump());
    EXPECT_EQ(fast->complete(sample_request()).text(), "second try");
    EXPECT_EQ(server.count(), 2u);
    EXPECT_EQ(delays.size(), 1u);
}

TEST_F(AnthropicTest, PersistentTimeoutsBecomeUnavailable) {
    AnthropicOptions o;
    o.timeout = 150ms;
    o.retry.max_retries = 1;
    auto fast = make(o);
    for (int i = 0; i < 2; ++i) server.reply(FakeServer::Reply{200, "{}", {}, 3000ms});
    try {
        fast->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.http_status(), 0);
        const std::string msg = e.what();
        EXPECT_NE(msg.find("anthropic: "), std::string::npos) << msg;
        EXPECT_NE(msg.find("2 attempts"), std::string::npos) << msg;
    }
}

TEST_F(AnthropicTest, DroppedConnectionIsRetried) {
    FakeServer::Reply cut{200, R"({"id":"msg_1","type":"message","content":[{"type":"te)"};
    cut.cut = true;
    server.reply(cut);
    server.reply(200, ok_message(Json::array({{{"type", "text"}, {"text", "whole"}}})).dump());
    EXPECT_EQ(provider->complete(sample_request()).text(), "whole");
    EXPECT_EQ(server.count(), 2u);
}

TEST_F(AnthropicTest, TruncatedOrMalformedJsonOn200IsUnavailable) {
    server.reply(200, R"({"id":"msg_1","type":"message","content":[{"type":"text","text":"hal)",
                 {{"request-id", "req_trunc"}});
    try {
        provider->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.request_id(), "req_trunc");
        EXPECT_NE(std::string(e.what()).find("malformed or truncated JSON"), std::string::npos)
            << e.what();
    }
    server.reply(200, R"({"id":"msg_1","content":"not an array"})");
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kUnavailable,
                 "no content array");
    server.reply(200, R"([1,2,3])");
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kUnavailable,
                 "expected a JSON object");
    server.reply(200, R"({"content":[{"type":"text","text":42}],"usage":{"input_tokens":"many"}})");
    // Wrong field types never crash: text 42 reads as "", usage "many" as 0.
    const auto r = provider->complete(sample_request());
    EXPECT_EQ(r.usage.input_tokens, 0);
    EXPECT_EQ(server.count(), 4u);  // a malformed 200 is not retried by the provider
}

TEST_F(AnthropicTest, ErrorEventOn200IsMapped) {
    server.reply(200, api_error("overloaded_error", "Overloaded", "req_ev"));
    try {
        provider->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.error_type(), "overloaded_error");
        EXPECT_EQ(e.request_id(), "req_ev");
    }
}

TEST_F(AnthropicTest, InvalidToolNamesAreRejectedBeforeSending) {
    for (const std::string& bad : {std::string("create work order"), std::string(65, 'a'),
                                   std::string(""), std::string("tool.v2")}) {
        LlmRequest r = sample_request();
        r.tools[0].name = bad;
        expect_error([&] { provider->complete(r); }, ErrorCode::kInvalidArgument,
                     "^[a-zA-Z0-9_-]{1,64}$");
    }
    LlmRequest r = sample_request();
    r.tool_choice = {ToolChoice::Mode::kTool, "bad name!", false};
    expect_error([&] { provider->complete(r); }, ErrorCode::kInvalidArgument, "tool_choice");
    r = sample_request();
    r.tools[0].name = std::string(64, 'a');
    EXPECT_NO_THROW(provider->build_body(r));
    EXPECT_EQ(server.count(), 0u);
}

TEST_F(AnthropicTest, ProviderDefaults) {
    EXPECT_EQ(provider->name(), "anthropic");
    EXPECT_EQ(provider->default_model(), "claude-sonnet-4-5");
    AnthropicOptions o;
    EXPECT_EQ(o.base_url, "https://api.anthropic.com");
    EXPECT_EQ(o.anthropic_version, "2023-06-01");
    EXPECT_EQ(o.retry.max_retries, 2);
    EXPECT_EQ(o.retry.base_delay, 500ms);
    EXPECT_EQ(o.retry.max_delay, 8000ms);
}

// Sets an environment variable for the scope of a test and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~ScopedEnv() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST_F(AnthropicTest, FactoryNeedsAnApiKey) {
    {
        ScopedEnv env("ANTHROPIC_API_KEY", nullptr);
        expect_error([] { make_anthropic_provider(); }, ErrorCode::kInvalidArgument,
                     "ANTHROPIC_API_KEY is not set");
        expect_error([] { AnthropicProvider p{AnthropicOptions{}}; }, ErrorCode::kInvalidArgument,
                     "API key");
    }
    {
        ScopedEnv env("ANTHROPIC_API_KEY", "sk-ant-from-env");
        AnthropicOptions o;
        o.base_url = server.url();
        o.http = http;
        auto p = make_anthropic_provider(o);
        server.reply(200, ok_message(Json::array()).dump());
        p->complete(sample_request());
        EXPECT_EQ(server.seen().at(0).header("x-api-key"), "sk-ant-from-env");
    }
}

TEST_F(AnthropicTest, BaseUrlTrailingSlashAndPathPrefix) {
    AnthropicOptions o;
    o.base_url = server.url() + "/proxy/";
    o.api_key = "k";
    o.http = http;
    AnthropicProvider p(o);
    server.reply(200, ok_message(Json::array()).dump());
    p.complete(sample_request());
    EXPECT_EQ(server.seen().at(0).path, "/proxy/v1/messages");
}

}  // namespace
}  // namespace propos::llm

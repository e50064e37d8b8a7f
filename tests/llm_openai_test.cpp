// OpenAiCompatibleProvider against a loopback server speaking the chat-completions wire format
// (OpenAI, and Ollama / vLLM / llama.cpp quirks), with faults.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "fake_http_server.hpp"
#include "propos/llm/openai.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;
using propos::testing::FakeServer;
using namespace std::chrono_literals;

Json completion(Json message, const std::string& finish = "stop", Json usage = nullptr) {
    if (usage.is_null())
        usage = Json{{"prompt_tokens", 50}, {"completion_tokens", 10}, {"total_tokens", 60}};
    return Json{
        {"id", "chatcmpl-123"},
        {"object", "chat.completion"},
        {"model", "gpt-4.1-mini-2025-04-14"},
        {"choices",
         Json::array({{{"index", 0}, {"message", std::move(message)}, {"finish_reason", finish}}})},
        {"usage", std::move(usage)}};
}

Json text_message(const std::string& text) {
    return Json{{"role", "assistant"}, {"content", text}};
}

std::string openai_error(const std::string& message, const std::string& type, Json code) {
    return Json{
        {"error",
         {{"message", message}, {"type", type}, {"param", nullptr}, {"code", std::move(code)}}}}
        .dump();
}

LlmRequest sample_request() {
    LlmRequest r;
    r.system = {{"You are PropOS.", true}, {"Be brief.", false}};
    r.tools = {
        ToolDefinition{"create_work_order", "Open a work order.",
                       Json::parse(R"({"type":"object","properties":{"unit_id":{"type":"string"}},
                                              "required":["unit_id"]})")},
        ToolDefinition{"list_units", "", Json::object()}};
    r.messages.push_back(ChatMessage::user("Leak in unit 12."));
    r.messages.push_back(
        ChatMessage{Role::kAssistant,
                    {ContentBlock::make_text("Opening one."),
                     ContentBlock::tool_use("call_a", "create_work_order", {{"unit_id", "u-12"}}),
                     ContentBlock::tool_use("call_b", "list_units", Json::object())}});
    r.messages.push_back(
        ChatMessage{Role::kUser,
                    {ContentBlock::tool_result("call_a", R"({"work_order_id":"wo_1"})"),
                     ContentBlock::tool_result("call_b", "unit lookup failed", true),
                     ContentBlock::make_text("Also the light flickers.")}});
    r.max_tokens = 300;
    return r;
}

class OpenAiTest : public ::testing::Test {
protected:
    void SetUp() override { provider = make(); }
    void TearDown() override {
        provider.reset();
        http.reset();
    }
    std::unique_ptr<OpenAiCompatibleProvider> make(OpenAiOptions o = {}) {
        if (o.base_url == OpenAiOptions{}.base_url) o.base_url = server.url();
        o.http = http;
        o.sleeper = [this](Millis d) { delays.push_back(d); };
        o.timeout = 5s;
        return std::make_unique<OpenAiCompatibleProvider>(std::move(o));
    }
    std::unique_ptr<OpenAiCompatibleProvider> with_key(const std::string& key) {
        OpenAiOptions o;
        o.api_key = key;
        return make(o);
    }
    Json sent_body(std::size_t i = 0) { return Json::parse(server.seen().at(i).body); }

    FakeServer server;
    std::shared_ptr<HttpClient> http{make_curl_http_client()};
    std::vector<Millis> delays;
    std::unique_ptr<OpenAiCompatibleProvider> provider;
};

TEST_F(OpenAiTest, SendsTheExactChatCompletionsRequest) {
    auto p = with_key("sk-test-123");
    server.reply(200, completion(text_message("ok")).dump());
    p->complete(sample_request());
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].method, "POST");
    EXPECT_EQ(seen[0].path, "/v1/chat/completions");
    EXPECT_EQ(seen[0].header("Authorization"), "Bearer sk-test-123");
    EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
    const Json expected = Json::parse(R"({
      "model": "gpt-4.1-mini",
      "messages": [
        {"role": "system", "content": "You are PropOS.\n\nBe brief."},
        {"role": "user", "content": "Leak in unit 12."},
        {"role": "assistant", "content": "Opening one.", "tool_calls": [
          {"id": "call_a", "type": "function",
           "function": {"name": "create_work_order", "arguments": "{\"unit_id\":\"u-12\"}"}},
          {"id": "call_b", "type": "function", "function": {"name": "list_units", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_a", "content": "{\"work_order_id\":\"wo_1\"}"},
        {"role": "tool", "tool_call_id": "call_b", "content": "ERROR: unit lookup failed"},
        {"role": "user", "content": "Also the light flickers."}
      ],
      "tools": [
        {"type": "function", "function": {"name": "create_work_order", "description": "Open a work order.",
          "parameters": {"type": "object", "properties": {"unit_id": {"type": "string"}}, "required": ["unit_id"]}}},
        {"type": "function", "function": {"name": "list_units",
          "parameters": {"type": "object", "properties": {}}}}
      ],
      "tool_choice": "auto",
      "max_completion_tokens": 300
    })");
    EXPECT_EQ(sent_body(), expected) << sent_body().dump(2);
}

TEST_F(OpenAiTest, LocalServersNeedNoKeyAndV1IsNotDoubled) {
    server.reply(200, completion(text_message("hi")).dump());
    provider->complete(sample_request());
    EXPECT_EQ(server.seen().at(0).header("Authorization"), "");

    OpenAiOptions o;
    o.base_url = server.url() + "/v1/";
    o.provider_name = "ollama";
    o.model = "llama3.1:8b";
    auto ollama = make(o);
    EXPECT_EQ(ollama->url(), server.url() + "/v1/chat/completions");
    EXPECT_EQ(ollama->name(), "ollama");
    EXPECT_EQ(ollama->default_model(), "llama3.1:8b");
    server.reply(200, completion(text_message("hola")).dump());
    const auto r = ollama->complete(sample_request());
    EXPECT_EQ(r.provider, "ollama");
    EXPECT_EQ(server.seen().at(1).path, "/v1/chat/completions");
    EXPECT_EQ(sent_body(1)["model"], "llama3.1:8b");
}

TEST_F(OpenAiTest, ToolChoiceAndTokenOptions) {
    // Plain data in the table: GCC 12 at -O3 reports a false maybe-uninitialized for an
    // initializer list of aggregates holding strings.
    struct Case {
        ToolChoice::Mode mode;
        const char* name;
        const char* expected;  // JSON
    };
    constexpr Case kCases[] = {
        {ToolChoice::Mode::kAuto, "", R"("auto")"},
        {ToolChoice::Mode::kAny, "", R"("required")"},
        {ToolChoice::Mode::kNone, "", R"("none")"},
        {ToolChoice::Mode::kTool, "list_units", R"({"type":"function","function":{"name":"list_units"}})"}};
    for (const auto& c : kCases) {
        LlmRequest r = sample_request();
        r.tool_choice.mode = c.mode;
        r.tool_choice.name = c.name;
        const Json body = provider->build_body(r);
        EXPECT_EQ(body["tool_choice"], Json::parse(c.expected));
        EXPECT_FALSE(body.contains("parallel_tool_calls"));
    }
    LlmRequest r = sample_request();
    r.tool_choice.disable_parallel_tool_use = true;
    r.temperature = 0.0;
    Json body = provider->build_body(r);
    EXPECT_EQ(body["parallel_tool_calls"], false);
    EXPECT_EQ(body["temperature"], 0.0);

    r.tools.clear();
    OpenAiOptions o;
    o.use_max_completion_tokens = false;
    body = make(o)->build_body(r);
    EXPECT_FALSE(body.contains("tools"));
    EXPECT_FALSE(body.contains("tool_choice"));
    EXPECT_FALSE(body.contains("parallel_tool_calls"));
    EXPECT_EQ(body["max_tokens"], 300);
    EXPECT_FALSE(body.contains("max_completion_tokens"));
}

TEST_F(OpenAiTest, ParsesToolCallsUsageAndRequestId) {
    const Json message = Json::parse(R"({"role": "assistant", "content": null, "tool_calls": [
        {"id": "call_abc", "type": "function",
         "function": {"name": "create_work_order", "arguments": "{\"unit_id\":\"u-12\"}"}}]})");
    const Json usage =
        Json::parse(R"({"prompt_tokens": 1000, "completion_tokens": 50, "total_tokens": 1050,
                                       "prompt_tokens_details": {"cached_tokens": 800}})");
    server.reply(200, completion(message, "tool_calls", usage).dump(),
                 {{"x-request-id", "req_oai_1"}});
    const auto r = provider->complete(sample_request());
    EXPECT_EQ(r.provider, "openai");
    EXPECT_EQ(r.id, "chatcmpl-123");
    EXPECT_EQ(r.request_id, "req_oai_1");
    EXPECT_EQ(r.model, "gpt-4.1-mini-2025-04-14");
    EXPECT_EQ(r.stop_reason, StopReason::kToolUse);
    ASSERT_EQ(r.content.size(), 1u);
    EXPECT_EQ(r.content[0],
              ContentBlock::tool_use("call_abc", "create_work_order", {{"unit_id", "u-12"}}));
    EXPECT_EQ(r.usage, (Usage{200, 50, 800, 0}));
}

TEST_F(OpenAiTest, InvalidArgumentsAreReportedOnTheBlockNeverThrown) {
    const Json message =
        Json::parse(R"({"role": "assistant", "content": "Working on it.", "tool_calls": [
        {"id": "c1", "type": "function", "function": {"name": "create_work_order", "arguments": "{\"unit_id\": "}},
        {"id": "c2", "type": "function", "function": {"name": "create_work_order", "arguments": "[1, 2]"}},
        {"id": "c3", "type": "function", "function": {"name": "create_work_order", "arguments": "{\"unit_id\":\"u-1\"}"}},
        {"id": "c4", "type": "function", "function": {"name": "list_units", "arguments": ""}},
        {"id": "c5", "type": "function", "function": {"name": "create_work_order",
                                                       "arguments": "\"{\\\"unit_id\\\":\\\"u-2\\\"}\""}},
        {"id": "c6", "type": "function", "function": {"arguments": "{}"}}]})");
    server.reply(200, completion(message, "tool_calls").dump());
    const auto r = provider->complete(sample_request());
    EXPECT_EQ(r.text(), "Working on it.");
    const auto calls = r.tool_uses();
    ASSERT_EQ(calls.size(), 6u);
    EXPECT_EQ(calls[0].input, Json::object());
    EXPECT_NE(calls[0].input_error.find("not valid JSON"), std::string::npos)
        << calls[0].input_error;
    EXPECT_NE(calls[1].input_error.find("must be a JSON object, got array"), std::string::npos);
    EXPECT_EQ(calls[2].input, (Json{{"unit_id", "u-1"}}));
    EXPECT_TRUE(calls[2].input_error.empty());
    EXPECT_EQ(calls[3].input, Json::object());  // "" means no arguments
    EXPECT_TRUE(calls[3].input_error.empty());
    EXPECT_EQ(calls[4].input, (Json{{"unit_id", "u-2"}}));  // double-encoded JSON is unwrapped
    EXPECT_NE(calls[5].input_error.find("no function name"), std::string::npos);
}

TEST_F(OpenAiTest, OllamaStyleObjectArgumentsMissingIdsAndStopFinish) {
    // Ollama: arguments as an object, no ids, finish_reason "stop" although tools were called.
    const Json message = Json::parse(R"({"role": "assistant", "content": "", "tool_calls": [
        {"function": {"name": "create_work_order", "arguments": {"unit_id": "u-12"}}},
        {"function": {"name": "create_work_order", "arguments": {"unit_id": "u-12"}}}]})");
    const std::string body = completion(message, "stop").dump();
    server.reply(200, body);
    server.reply(200, body);
    server.reply(200, body);
    const auto a = provider->complete(sample_request());
    const auto b = provider->complete(sample_request());
    LlmRequest next = sample_request();
    next.messages.push_back(ChatMessage::user("again"));
    const auto c = provider->complete(next);

    EXPECT_EQ(a.stop_reason, StopReason::kToolUse);
    ASSERT_EQ(a.content.size(), 2u);  // empty content text is not a block
    const std::regex id_format("call_[0-9]+_[0-9a-f]{16}");
    EXPECT_TRUE(std::regex_match(a.content[0].id, id_format)) << a.content[0].id;
    EXPECT_EQ(a.content[0].id.substr(0, 7), "call_0_");
    EXPECT_EQ(a.content[1].id.substr(0, 7), "call_1_");
    EXPECT_NE(a.content[0].id, a.content[1].id);  // same call twice: still distinct ids
    EXPECT_EQ(a.content[0].input, (Json{{"unit_id", "u-12"}}));
    EXPECT_EQ(a.content, b.content);              // stable for the same request and reply
    EXPECT_NE(a.content[0].id, c.content[0].id);  // distinct on the next turn
}

TEST_F(OpenAiTest, MapsFinishReasons) {
    struct Case {
        const char* finish;
        StopReason expected;
    };
    for (const Case& c :
         {Case{"stop", StopReason::kEndTurn}, Case{"length", StopReason::kMaxTokens},
          Case{"content_filter", StopReason::kContentFilter},
          Case{"tool_calls", StopReason::kToolUse}, Case{"weird", StopReason::kOther}}) {
        server.reply(200, completion(text_message("x"), c.finish).dump());
        EXPECT_EQ(provider->complete(sample_request()).stop_reason, c.expected) << c.finish;
    }
}

TEST_F(OpenAiTest, ToleratesContentPartsRefusalsAndLegacyFunctionCall) {
    server.reply(
        200, completion(Json::parse(R"({"role":"assistant","content":[{"type":"text","text":"a"},
                                                {"type":"text","text":"b"}]})"))
                 .dump());
    EXPECT_EQ(provider->complete(sample_request()).text(), "ab");

    server.reply(
        200,
        completion(Json::parse(R"({"role":"assistant","content":null,"refusal":"I can't help."})"))
            .dump());
    const auto refused = provider->complete(sample_request());
    EXPECT_EQ(refused.text(), "I can't help.");
    EXPECT_EQ(refused.stop_reason, StopReason::kRefusal);

    server.reply(200, completion(Json::parse(R"({"role":"assistant","content":null,
        "function_call":{"name":"list_units","arguments":"{}"}})"),
                                 "function_call")
                          .dump());
    const auto legacy = provider->complete(sample_request());
    ASSERT_EQ(legacy.tool_uses().size(), 1u);
    EXPECT_EQ(legacy.tool_uses()[0].name, "list_units");
    EXPECT_EQ(legacy.stop_reason, StopReason::kToolUse);
}

TEST_F(OpenAiTest, RateLimitsAreRetriedThenReportedWithType) {
    for (int i = 0; i < 3; ++i) {
        server.reply(
            429,
            openai_error("Rate limit reached for gpt-4.1-mini", "requests", "rate_limit_exceeded"),
            {{"x-request-id", "req_rl"}, {"retry-after-ms", "20"}});
    }
    try {
        provider->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.http_status(), 429);
        EXPECT_EQ(e.error_type(), "requests");
        EXPECT_EQ(e.request_id(), "req_rl");
        EXPECT_NE(std::string(e.what()).find("Rate limit reached"), std::string::npos) << e.what();
    }
    EXPECT_EQ(server.count(), 3u);
    EXPECT_EQ(delays, (std::vector<Millis>{20ms, 20ms}));
}

TEST_F(OpenAiTest, ServerErrorsAreRetriedThenSucceed) {
    server.reply(500, openai_error("The server had an error", "server_error", nullptr));
    server.reply(503, "Service Unavailable");
    server.reply(200, completion(text_message("fine")).dump());
    EXPECT_EQ(provider->complete(sample_request()).text(), "fine");
    EXPECT_EQ(server.count(), 3u);
    EXPECT_EQ(delays.size(), 2u);
}

TEST_F(OpenAiTest, AuthAndRequestErrorsAreNotRetried) {
    auto p = with_key("sk-wrong");
    server.reply(401, openai_error("Incorrect API key provided: sk-wrong.", "invalid_request_error",
                                   "invalid_api_key"));
    try {
        p->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kPermissionDenied);
        EXPECT_EQ(e.http_status(), 401);
        EXPECT_EQ(e.error_type(), "invalid_request_error");
    }
    server.reply(400,
                 openai_error("Invalid schema for function", "invalid_request_error", nullptr));
    expect_error([&] { p->complete(sample_request()); }, ErrorCode::kInvalidArgument,
                 "Invalid schema");
    EXPECT_EQ(server.count(), 2u);
    EXPECT_TRUE(delays.empty());
}

TEST_F(OpenAiTest, InsufficientQuotaIsResourceExhausted) {
    for (int i = 0; i < 3; ++i) {
        server.reply(429, openai_error("You exceeded your current quota", "insufficient_quota",
                                       "insufficient_quota"));
    }
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kResourceExhausted,
                 "quota");
}

TEST_F(OpenAiTest, OllamaStringErrors) {
    server.reply(404, R"({"error":"model \"llama9\" not found, try pulling it first"})");
    try {
        provider->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
        EXPECT_NE(std::string(e.what()).find("not found, try pulling it first"), std::string::npos)
            << e.what();
    }
}

// Presets for the servers hosts run on their own machines, each sent to a loopback fake.
TEST_F(OpenAiTest, PresetsForOllamaVllmAndLlamaCpp) {
    LlmRequest r = sample_request();
    r.tool_choice.disable_parallel_tool_use = true;
    struct Case {
        OpenAiOptions options;
        const char* name;
        bool tool_choice;
    };
    const std::vector<Case> cases{
        {OpenAiOptions::ollama("qwen2.5:7b", server.url()), "ollama", false},
        {OpenAiOptions::vllm("Qwen/Qwen2.5-7B-Instruct", server.url()), "vllm", true},
        {OpenAiOptions::llama_cpp("local", server.url()), "llama.cpp", true}};
    EXPECT_EQ(OpenAiOptions::ollama("m").base_url, "http://localhost:11434");
    EXPECT_EQ(OpenAiOptions::vllm("m").base_url, "http://localhost:8000");
    EXPECT_EQ(OpenAiOptions::llama_cpp("m").base_url, "http://localhost:8080");
    for (const auto& c : cases) {
        EXPECT_TRUE(c.options.api_key.empty()) << c.name;
        server.reply(200, R"({"id":"x","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi"}}]})");
        const std::size_t before = server.count();
        auto p = make(c.options);
        const auto out = p->complete(r);
        EXPECT_EQ(out.provider, c.name);
        ASSERT_EQ(server.count(), before + 1);
        const auto seen = server.seen().back();
        EXPECT_TRUE(seen.header("Authorization").empty()) << c.name;
        const Json body = Json::parse(seen.body);
        EXPECT_EQ(body["max_tokens"], 300) << c.name;
        EXPECT_FALSE(body.contains("max_completion_tokens")) << c.name;
        EXPECT_TRUE(body.contains("tools")) << c.name;
        EXPECT_EQ(body.contains("tool_choice"), c.tool_choice) << c.name;
        EXPECT_EQ(body.contains("parallel_tool_calls"), c.tool_choice) << c.name;
    }
}

TEST_F(OpenAiTest, VllmTopLevelErrorBodies) {
    server.reply(400, R"({"object":"error","message":"This model's maximum context length is 8192 tokens.","type":"BadRequestError","param":null,"code":400})");
    try {
        make(OpenAiOptions::vllm("Qwen/Qwen2.5-7B-Instruct", server.url()))->complete(sample_request());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(e.http_status(), 400);
        EXPECT_EQ(e.error_type(), "BadRequestError");
        const std::string msg = e.what();
        EXPECT_NE(msg.find("vllm: HTTP 400 BadRequestError (400): This model's maximum context"),
                  std::string::npos)
            << msg;
    }
}

TEST_F(OpenAiTest, MalformedRepliesAreUnavailable) {
    server.reply(200, R"({"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assist)");
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kUnavailable,
                 "malformed or truncated JSON");
    server.reply(200, R"({"id":"chatcmpl-1","choices":[]})");
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kUnavailable,
                 "no choices");
    server.reply(200, R"({"choices":[{"finish_reason":"stop"}]})");
    expect_error([&] { provider->complete(sample_request()); }, ErrorCode::kUnavailable,
                 "no message");
    server.reply(
        200, R"({"choices":[{"message":{"tool_calls":[42, "x"]},"finish_reason":"tool_calls"}]})");
    const auto r = provider->complete(sample_request());  // junk tool calls: flagged, not thrown
    ASSERT_EQ(r.tool_uses().size(), 2u);
    EXPECT_FALSE(r.tool_uses()[0].input_error.empty());
}

TEST_F(OpenAiTest, SlowServersTimeOut) {
    server.reply(FakeServer::Reply{200, completion(text_message("late")).dump(), {}, 3000ms});
    OpenAiOptions o;
    o.retry.max_retries = 0;
    o.base_url = server.url();
    o.http = http;
    o.timeout = 150ms;
    OpenAiCompatibleProvider quick(o);
    expect_error([&] { quick.complete(sample_request()); }, ErrorCode::kUnavailable, "openai: ");
}

TEST_F(OpenAiTest, InvalidToolNamesAreRejectedBeforeSending) {
    LlmRequest r = sample_request();
    r.tools[1].name = "list units";
    expect_error([&] { provider->complete(r); }, ErrorCode::kInvalidArgument, "list units");
    EXPECT_EQ(server.count(), 0u);
}

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

TEST_F(OpenAiTest, FactoryNeedsAKeyOnlyForOpenAi) {
    ScopedEnv env("OPENAI_API_KEY", nullptr);
    expect_error([] { make_openai_provider(); }, ErrorCode::kInvalidArgument,
                 "OPENAI_API_KEY is not set");
    OpenAiOptions local;
    local.base_url = "http://localhost:11434";
    EXPECT_NO_THROW(make_openai_provider(local));
    {
        ScopedEnv with("OPENAI_API_KEY", "sk-env");
        OpenAiOptions o;
        o.base_url = server.url();
        o.http = http;
        auto p = make_openai_provider(o);
        server.reply(200, completion(text_message("ok")).dump());
        p->complete(sample_request());
        EXPECT_EQ(server.seen().at(0).header("Authorization"), "Bearer sk-env");
    }
}

}  // namespace
}  // namespace propos::llm

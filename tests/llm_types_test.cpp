// LLM types: helpers, exact JSON round trips (durable run state, cassettes), request hashes.
#include <gtest/gtest.h>

#include "propos/core/crypto.hpp"
#include "propos/llm/provider.hpp"
#include "propos/llm/types.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;

template <class T>
T round_trip(const T& v) {
    const Json j = v;
    return Json::parse(j.dump()).get<T>();  // through text, as stored
}

LlmRequest full_request() {
    LlmRequest r;
    r.model = "claude-sonnet-4-5";
    r.system = {{"Instructions", true}, {"Org context: ünïcödé ✓", false}};
    r.tools = {
        ToolDefinition{"create_work_order", "Open a work order.",
                       Json::parse(R"({"type":"object","properties":{"unit_id":{"type":"string"},
                                              "nte":{"type":"number"}},"required":["unit_id"]})")}};
    r.tool_choice = {ToolChoice::Mode::kTool, "create_work_order", true};
    r.messages = {
        ChatMessage::user("Leak!"),
        ChatMessage{Role::kAssistant,
                    {ContentBlock::make_text("On it."),
                     ContentBlock::tool_use("toolu_1", "create_work_order",
                                            {{"unit_id", "u1"}, {"nte", 250.5}})}},
        ChatMessage{Role::kUser, {ContentBlock::tool_result("toolu_1", R"({"id":"wo_1"})")}}};
    r.max_tokens = 2048;
    r.temperature = 0.3;
    r.metadata = {{"run_id", "run_1"}, {"org", "org_a"}};
    return r;
}

TEST(LlmTypesTest, BlockAndMessageHelpers) {
    const auto t = ContentBlock::make_text("hi");
    EXPECT_EQ(t.type, ContentBlock::Type::kText);
    EXPECT_EQ(t.text, "hi");
    const auto u = ContentBlock::tool_use("id1", "tool", {{"a", 1}});
    EXPECT_EQ(u.type, ContentBlock::Type::kToolUse);
    EXPECT_EQ(u.id, "id1");
    EXPECT_EQ(u.input, (Json{{"a", 1}}));
    const auto res = ContentBlock::tool_result("id1", "failed", true);
    EXPECT_EQ(res.type, ContentBlock::Type::kToolResult);
    EXPECT_EQ(res.id, "id1");
    EXPECT_TRUE(res.is_error);

    ChatMessage m{Role::kAssistant,
                  {ContentBlock::make_text("a"), u, ContentBlock::make_text("b")}};
    EXPECT_EQ(m.text(), "ab");
    ASSERT_EQ(m.tool_uses().size(), 1u);
    EXPECT_EQ(ChatMessage::user("x").role, Role::kUser);
    EXPECT_EQ(ChatMessage::assistant("y").text(), "y");
    EXPECT_EQ(to_string(Role::kAssistant), "assistant");

    LlmResponse r;
    r.content = m.content;
    EXPECT_EQ(r.text(), "ab");
    EXPECT_EQ(r.tool_uses().at(0).name, "tool");
}

TEST(LlmTypesTest, UsageAddsUp) {
    Usage a{10, 5, 100, 20};
    a += Usage{1, 2, 3, 4};
    EXPECT_EQ(a, (Usage{11, 7, 103, 24}));
    EXPECT_EQ(a.total_input(), 11 + 103 + 24);
}

TEST(LlmTypesTest, StopReasonNamesRoundTrip) {
    for (auto r :
         {StopReason::kEndTurn, StopReason::kToolUse, StopReason::kMaxTokens,
          StopReason::kStopSequence, StopReason::kRefusal, StopReason::kPauseTurn,
          StopReason::kContextWindowExceeded, StopReason::kContentFilter, StopReason::kOther}) {
        EXPECT_EQ(parse_stop_reason(to_string(r)), r) << to_string(r);
    }
    EXPECT_EQ(to_string(StopReason::kContextWindowExceeded), "model_context_window_exceeded");
    EXPECT_EQ(parse_stop_reason("brand_new_reason"), StopReason::kOther);
    EXPECT_EQ(parse_stop_reason(""), StopReason::kOther);
}

TEST(LlmTypesTest, BlockJsonShapes) {
    EXPECT_EQ(Json(ContentBlock::make_text("hi")), (Json{{"type", "text"}, {"text", "hi"}}));
    EXPECT_EQ(Json(ContentBlock::tool_use("t1", "x", {{"a", 1}})),
              (Json{{"type", "tool_use"}, {"id", "t1"}, {"name", "x"}, {"input", {{"a", 1}}}}));
    EXPECT_EQ(Json(ContentBlock::tool_result("t1", "ok")), (Json{{"type", "tool_result"},
                                                                 {"tool_use_id", "t1"},
                                                                 {"content", "ok"},
                                                                 {"is_error", false}}));
    EXPECT_EQ(
        Json(ChatMessage::user("q")),
        (Json{{"role", "user"}, {"content", Json::array({{{"type", "text"}, {"text", "q"}}})}}));
}

TEST(LlmTypesTest, BlocksRoundTripExactlyIncludingUnusualFields) {
    std::vector<ContentBlock> blocks{
        ContentBlock::make_text(""),
        ContentBlock::make_text("multi\nline \"quoted\""),
        ContentBlock::tool_use("t1", "x", Json::object()),
        ContentBlock::tool_use("t2", "y", {{"nested", {{"list", {1, 2.5, "three", nullptr}}}}}),
        ContentBlock::tool_result("t1", "", false),
        ContentBlock::tool_result("t2", "{\"error\":\"no\"}", true)};
    ContentBlock invalid = ContentBlock::tool_use("t3", "z", Json::object());
    invalid.input = "{not json";
    invalid.input_error = "arguments are not valid JSON";
    blocks.push_back(invalid);
    ContentBlock odd = ContentBlock::make_text("text with stray fields");
    odd.id = "x";
    odd.name = "n";
    odd.input = nullptr;
    odd.is_error = true;
    blocks.push_back(odd);
    ContentBlock odd_result = ContentBlock::tool_result("t9", "r");
    odd_result.name = "z";
    odd_result.input = {{"k", "v"}};
    blocks.push_back(odd_result);
    for (const auto& b : blocks) EXPECT_EQ(round_trip(b), b) << Json(b).dump();
}

TEST(LlmTypesTest, RequestsAndResponsesRoundTripExactly) {
    const auto req = full_request();
    EXPECT_EQ(round_trip(req), req);
    LlmRequest bare;
    EXPECT_EQ(round_trip(bare), bare);
    EXPECT_TRUE(Json(bare)["temperature"].is_null());

    LlmResponse resp;
    resp.id = "msg_1";
    resp.request_id = "req_1";
    resp.provider = "anthropic";
    resp.model = "claude-sonnet-4-5-20250929";
    resp.content = req.messages[1].content;
    resp.stop_reason = StopReason::kContextWindowExceeded;
    resp.usage = {1, 2, 3, 4};
    resp.latency = Millis(1234);
    EXPECT_EQ(round_trip(resp), resp);
    EXPECT_EQ(Json(resp)["latency_ms"], 1234);
    EXPECT_EQ(Json(resp)["stop_reason"], "model_context_window_exceeded");

    const ToolChoice none{ToolChoice::Mode::kNone, "", false};
    EXPECT_EQ(round_trip(none), none);
    const SystemBlock s{"x", true};
    EXPECT_EQ(round_trip(s), s);
}

TEST(LlmTypesTest, ReadsLenientForms) {
    // A message whose content is a plain string; tool_result content as an array of text parts.
    const auto m = Json::parse(R"({"role":"user","content":"hello"})").get<ChatMessage>();
    EXPECT_EQ(m, ChatMessage::user("hello"));
    const auto b =
        Json::parse(
            R"({"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"a"},
                                  {"type":"text","text":"b"}]})")
            .get<ContentBlock>();
    EXPECT_EQ(b.text, "ab");
    const auto r = Json::parse(R"({"messages":[{"role":"user","content":"x"}]})").get<LlmRequest>();
    EXPECT_EQ(r.max_tokens, 1024);
    EXPECT_EQ(r.tool_choice.mode, ToolChoice::Mode::kAuto);
}

TEST(LlmTypesTest, BadJsonNamesTheProblem) {
    expect_error([] { Json::parse(R"({"type":"image"})").get<ContentBlock>(); },
                 ErrorCode::kInvalidArgument, "unknown type 'image'");
    expect_error([] { Json::parse(R"({"text":"x"})").get<ContentBlock>(); },
                 ErrorCode::kInvalidArgument, "missing required field 'type'");
    expect_error([] { Json::parse(R"({"role":"system","content":[]})").get<ChatMessage>(); },
                 ErrorCode::kInvalidArgument, "unknown role 'system'");
    expect_error([] { Json::parse(R"({"max_tokens":"many"})").get<LlmRequest>(); },
                 ErrorCode::kInvalidArgument, "field 'max_tokens' has the wrong type");
    expect_error([] { Json::parse(R"({"tool_choice":{"mode":"sometimes"}})").get<LlmRequest>(); },
                 ErrorCode::kInvalidArgument, "unknown mode 'sometimes'");
    expect_error(
        [] {
            Json::parse(R"({"messages":[{"role":"user","content":[{"type":"x"}]}]})")
                .get<LlmRequest>();
        },
        ErrorCode::kInvalidArgument, "messages");
}

TEST(LlmTypesTest, RequestHashIsStableAndCoversWhatTheModelSees) {
    const auto base = full_request();
    const auto h = request_hash(base);
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(request_hash(full_request()), h);
    EXPECT_EQ(request_hash(round_trip(base)), h);

    auto changed = [&](auto mutate) {
        LlmRequest r = full_request();
        mutate(r);
        return request_hash(r) != h;
    };
    EXPECT_FALSE(changed([](LlmRequest& r) { r.metadata = {{"run_id", "other"}}; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.model = "claude-haiku-4-5"; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.system[0].cache = false; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.messages.back().content[0].is_error = true; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.tools[0].description += "!"; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.tool_choice.mode = ToolChoice::Mode::kAny; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.max_tokens = 1; }));
    EXPECT_TRUE(changed([](LlmRequest& r) { r.temperature = 0.9; }));

    // Key order inside tool arguments and schemas does not matter (canonical JSON).
    LlmRequest a = full_request(), b = full_request();
    a.messages[1].content[1].input = Json::parse(R"({"unit_id":"u1","nte":250.5})");
    b.messages[1].content[1].input = Json::parse(R"({"nte":250.5,"unit_id":"u1"})");
    EXPECT_EQ(request_hash(a), request_hash(b));
    // Unset temperature hashes like a request that never had the field.
    LlmRequest no_temp = full_request();
    no_temp.temperature.reset();
    EXPECT_NE(request_hash(no_temp), h);
    EXPECT_EQ(request_hash(no_temp), request_hash(round_trip(no_temp)));
}

// The runner's incremental hasher gives request_hash's value for a growing conversation, and starts
// over when the fixed parts change or the conversation is replaced by a shorter one.
TEST(LlmTypesTest, RequestHasherMatchesRequestHashAsTheConversationGrows) {
    RequestHasher hasher;
    LlmRequest r = full_request();
    const auto all = r.messages;
    r.messages.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        r.messages.push_back(all[i]);
        EXPECT_EQ(hasher.hash(r), request_hash(r)) << i;
        EXPECT_EQ(hasher.hash(r), request_hash(r)) << i;  // asked twice: nothing appended twice
    }
    r.system[0].text += " (changed)";
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    r.tools[0].input_schema["required"] = Json::array({"nte"});
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    r.max_tokens = 7;
    r.temperature.reset();
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    r.messages.resize(1);  // a shorter conversation starts over
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    r.messages.push_back(ChatMessage::assistant("\xe4\xbd\xa0\xe5\xa5\xbd"));
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    RequestHasher copy = hasher;  // a copy goes on from the same conversation
    r.messages.push_back(ChatMessage::user("two messages"));
    r.messages.push_back(ChatMessage::assistant("added at once"));
    EXPECT_EQ(copy.hash(r), request_hash(r));
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    r.messages.clear();
    EXPECT_EQ(hasher.hash(r), request_hash(r));
    EXPECT_EQ(sha256_hex_parts({"ab", "", "c"}), sha256_hex("abc"));
}

// A request carrying the hash its caller computed: providers read it instead of hashing again; it
// is not part of the hash or of the request's JSON.
TEST(LlmTypesTest, APromptHashSetByTheCallerIsUsedAndNotHashed) {
    LlmRequest r = full_request();
    const auto h = request_hash(r);
    EXPECT_EQ(hash_of(r), h);  // not set: computed
    r.prompt_hash = h;
    EXPECT_EQ(request_hash(r), h);
    EXPECT_EQ(hash_of(r), h);
    EXPECT_FALSE(Json(r).contains("prompt_hash"));
#ifndef NDEBUG
    r.max_tokens += 1;  // changed after the hash was set: debug builds catch it
    EXPECT_THROW(hash_of(r), Error);
#endif
}

// The tree-free writer must produce exactly what canonical_json(Json(v)) produces: request hashes
// (cassette keys) and saved runs depend on it.
TEST(LlmTypesTest, CanonicalWriterMatchesTheJsonTreeByteForByte) {
    const std::vector<std::string> texts = {
        "",
        "plain ascii",
        "quote \" backslash \\ slash / tab \t newline \n cr \r bell \a nul-free \x01\x1f del \x7f",
        "\b\f control letters",
        "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x94\xa7",  // valid UTF-8
        "bad \xff\xfe utf-8 \xc3",                    // invalid: replaced, as canonical_json does
        std::string("embedded \0 nul", 14),
    };
    std::vector<ContentBlock> blocks;
    for (const auto& t : texts) {
        blocks.push_back(ContentBlock::make_text(t));
        blocks.push_back(
            ContentBlock::tool_use("toolu_" + t, t, {{"k", t}, {"n", 1.5}, {"a", {1, 2}}}));
        blocks.push_back(ContentBlock::tool_result("toolu_1", t, true));
        blocks.push_back(ContentBlock::tool_result("toolu_2", t, false));
    }
    ContentBlock odd = ContentBlock::make_text("x");  // fields unusual for the type
    odd.id = "i";
    odd.name = "n";
    odd.input = Json::array({1});
    odd.input_error = "bad";
    odd.is_error = true;
    blocks.push_back(odd);
    ContentBlock odd_use = ContentBlock::tool_use("i", "n", Json("not an object"));
    odd_use.text = "t";
    odd_use.is_error = true;
    odd_use.input_error = "unexpected end";
    blocks.push_back(odd_use);
    ContentBlock odd_result = ContentBlock::tool_result("i", "c");
    odd_result.name = "n";
    odd_result.input = {{"x", nullptr}};
    odd_result.input_error = "e";
    blocks.push_back(odd_result);
    for (const auto& b : blocks) {
        std::string out;
        append_canonical_json(out, b);
        EXPECT_EQ(out, canonical_json(Json(b)));
    }
    for (const auto& t : texts) {
        std::string out;
        append_json_string(out, t);
        EXPECT_EQ(out, canonical_json(Json(t)));
        out.clear();
        append_canonical_json(out, SystemBlock{t, true});
        EXPECT_EQ(out, canonical_json(Json(SystemBlock{t, true})));
    }
    for (const auto& m : full_request().messages) {
        std::string out;
        append_canonical_json(out, m);
        EXPECT_EQ(out, canonical_json(Json(m)));
    }
    // request_hash is the SHA-256 of the canonical JSON of what the model sees.
    for (bool temperature : {true, false}) {
        LlmRequest r = full_request();
        if (!temperature) r.temperature.reset();
        r.messages.push_back(ChatMessage{Role::kUser, blocks});
        Json h{{"model", r.model}, {"system", r.system},           {"messages", r.messages},
               {"tools", r.tools}, {"tool_choice", r.tool_choice}, {"max_tokens", r.max_tokens}};
        if (r.temperature) h["temperature"] = *r.temperature;
        EXPECT_EQ(request_hash(r), sha256_hex(canonical_json(h)));
    }
}

TEST(LlmTypesTest, ProviderErrorCarriesDetails) {
    const ProviderError e(ErrorCode::kUnavailable, "anthropic: HTTP 529", 529, "overloaded_error",
                          "req_1");
    EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
    EXPECT_TRUE(e.retryable());
    EXPECT_EQ(e.http_status(), 529);
    EXPECT_EQ(e.error_type(), "overloaded_error");
    EXPECT_EQ(e.request_id(), "req_1");
    EXPECT_STREQ(e.what(), "anthropic: HTTP 529");
    EXPECT_FALSE(ProviderError(ErrorCode::kPermissionDenied, "no").retryable());
    const Error& base = e;  // catchable as propos::Error
    EXPECT_EQ(base.code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace propos::llm

// FallbackProvider: which failures move down the chain, which propagate, and what is reported.
#include <gtest/gtest.h>

#include "propos/llm/anthropic.hpp"
#include "propos/llm/fallback.hpp"
#include "propos/llm/rules.hpp"
#include "propos/llm/scripted.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;

// A provider with a fixed name that plays a ScriptedProvider sequence.
class Named : public LlmProvider {
public:
    Named(std::string name, std::string model = "m")
        : name_(std::move(name)), model_(std::move(model)) {}
    LlmResponse complete(const LlmRequest& r) override {
        requests.push_back(r);
        auto resp = seq_->complete(r);
        resp.provider = provider_field;
        return resp;
    }
    std::string name() const override { return name_; }
    std::string default_model() const override { return model_; }
    void ok(const std::string& text) {
        LlmResponse r;
        r.content = {ContentBlock::make_text(text)};
        seq_->push(r);
    }
    void fail(ProviderError e) { seq_->push_error(std::move(e)); }
    void push(LlmResponse r) { seq_->push(std::move(r)); }
    std::vector<LlmRequest> requests;
    std::string provider_field;  // what the provider writes in LlmResponse::provider ("" lets the
                                 // chain fill it)

private:
    std::string name_, model_;
    std::unique_ptr<ScriptedProvider> seq_ = ScriptedProvider::sequence();
};

LlmRequest req() {
    LlmRequest r;
    r.model = "claude-sonnet-4-5";
    r.messages = {ChatMessage::user("hello")};
    return r;
}

ProviderError overloaded() {
    return ProviderError(ErrorCode::kUnavailable,
                         "anthropic: HTTP 529 overloaded_error: Overloaded", 529,
                         "overloaded_error", "req_a");
}

TEST(FallbackTest, TheFirstProviderAnswersWhenItCan) {
    auto a = std::make_shared<Named>("anthropic"), b = std::make_shared<Named>("openai");
    a->ok("from a");
    FallbackProvider f({a, b});
    const auto r = f.complete(req());
    EXPECT_EQ(r.text(), "from a");
    EXPECT_EQ(r.provider, "anthropic");
    EXPECT_TRUE(b->requests.empty());
    EXPECT_EQ(a->requests.at(0).model, "claude-sonnet-4-5");
    EXPECT_EQ(f.name(), "fallback");
    EXPECT_EQ(f.default_model(), "m");
}

TEST(FallbackTest, RetryableFailuresMoveToTheNextProviderWithItsDefaultModel) {
    auto a = std::make_shared<Named>("anthropic"), b = std::make_shared<Named>("openai");
    a->fail(overloaded());
    b->ok("from b");
    FallbackProvider f({a, b});
    const auto r = f.complete(req());
    EXPECT_EQ(r.text(), "from b");
    EXPECT_EQ(r.provider, "openai");
    ASSERT_EQ(b->requests.size(), 1u);
    EXPECT_EQ(b->requests[0].model, "");  // a Claude model name means nothing to the next provider
    EXPECT_EQ(b->requests[0].messages, req().messages);
}

TEST(FallbackTest, KeepsTheModelWhenAskedTo) {
    auto a = std::make_shared<Named>("a"), b = std::make_shared<Named>("b");
    a->fail(overloaded());
    b->ok("ok");
    FallbackProvider f({a, b}, FallbackOptions{false});
    f.complete(req());
    EXPECT_EQ(b->requests.at(0).model, "claude-sonnet-4-5");
}

TEST(FallbackTest, BudgetRefusalsMoveOnToo) {
    auto a = std::make_shared<Named>("openai"), b = std::make_shared<Named>("rules");
    a->fail(
        ProviderError(ErrorCode::kResourceExhausted, "openai: HTTP 429 insufficient_quota", 429));
    b->ok("offline answer");
    b->provider_field = "rules";
    FallbackProvider f({a, b});
    EXPECT_EQ(f.complete(req()).provider, "rules");
}

FallbackOptions outages_only() {
    FallbackOptions o;
    o.fall_back_on_any_error = false;
    return o;
}

TEST(FallbackTest, WithOutagesOnlyNonRetryableErrorsPropagateAtOnce) {
    struct Case {
        ErrorCode code;
        int status;
    };
    for (const Case& c :
         {Case{ErrorCode::kPermissionDenied, 401}, Case{ErrorCode::kInvalidArgument, 400},
          Case{ErrorCode::kNotFound, 0}, Case{ErrorCode::kInternal, 0}}) {
        auto a = std::make_shared<Named>("a"), b = std::make_shared<Named>("b");
        a->fail(ProviderError(c.code, "a: failed", c.status));
        b->ok("never");
        FallbackProvider f({a, b}, outages_only());
        try {
            f.complete(req());
            ADD_FAILURE() << "expected an error";
        } catch (const ProviderError& e) {
            EXPECT_EQ(e.code(), c.code);
            EXPECT_EQ(e.http_status(), c.status);
            EXPECT_EQ(std::string(e.what()), "a: failed");  // unchanged
        }
        EXPECT_TRUE(b->requests.empty());
    }
}

TEST(FallbackTest, WhenAllFailTheLastErrorIsThrownListingEveryFailure) {
    auto a = std::make_shared<Named>("anthropic"), b = std::make_shared<Named>("openai");
    a->fail(overloaded());
    b->fail(ProviderError(ErrorCode::kUnavailable, "openai: HTTP 503 (3 attempts)", 503,
                          "server_error", "req_b"));
    FallbackProvider f({a, b});
    try {
        f.complete(req());
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_EQ(e.http_status(), 503);
        EXPECT_EQ(e.error_type(), "server_error");
        EXPECT_EQ(e.request_id(), "req_b");
        EXPECT_EQ(
            std::string(e.what()),
            "all 2 providers failed: anthropic: anthropic: HTTP 529 overloaded_error: Overloaded; "
            "openai: openai: HTTP 503 (3 attempts)");
    }
}

TEST(FallbackTest, AnUnreachableRemoteFallsBackToOfflineRules) {
    // A real Anthropic provider pointed at a closed loopback port: the transport failure is
    // retryable, so the rules provider answers. No network beyond 127.0.0.1 is touched.
    AnthropicOptions o;
    o.api_key = "k";
    o.base_url = "http://127.0.0.1:1";
    o.retry.max_retries = 1;
    std::vector<Millis> delays;
    o.sleeper = [&](Millis d) { delays.push_back(d); };
    auto remote = std::make_shared<AnthropicProvider>(o);
    auto rules = std::make_shared<RulesProvider>(
        std::vector<Rule>{{"ack", nullptr, [](const LlmRequest&) {
                               return std::vector<ContentBlock>{ContentBlock::make_text("ack")};
                           }}});
    FallbackProvider f({remote, rules});
    const auto r = f.complete(req());
    EXPECT_EQ(r.provider, "rules");
    EXPECT_EQ(r.text(), "ack");
    EXPECT_EQ(delays.size(), 1u);  // the remote's own retry happened first
}

TEST(FallbackTest, PlainErrorsAreClassifiedByCodeToo) {
    class Thrower : public LlmProvider {
    public:
        explicit Thrower(ErrorCode c) : c_(c) {}
        LlmResponse complete(const LlmRequest&) override { throw Error(c_, "plain error"); }
        std::string name() const override { return "thrower"; }
        std::string default_model() const override { return "t"; }

    private:
        ErrorCode c_;
    };
    auto b = std::make_shared<Named>("b");
    b->ok("ok");
    FallbackProvider moves({std::make_shared<Thrower>(ErrorCode::kUnavailable), b});
    EXPECT_EQ(moves.complete(req()).text(), "ok");
    FallbackProvider stops({std::make_shared<Thrower>(ErrorCode::kInvalidArgument), b},
                           outages_only());
    expect_error([&] { stops.complete(req()); }, ErrorCode::kInvalidArgument, "plain error");
}

TEST(FallbackTest, ByDefaultEveryErrorMovesOnAndTheReasonIsKept) {
    struct Case {
        ErrorCode code;
        int status;
    };
    for (const Case& c :
         {Case{ErrorCode::kPermissionDenied, 401}, Case{ErrorCode::kPermissionDenied, 403},
          Case{ErrorCode::kUnavailable, 402}, Case{ErrorCode::kInvalidArgument, 400},
          Case{ErrorCode::kNotFound, 0}, Case{ErrorCode::kInternal, 0}}) {
        auto a = std::make_shared<Named>("a"), b = std::make_shared<Named>("b");
        a->fail(ProviderError(c.code, "a: HTTP " + std::to_string(c.status), c.status));
        b->ok("answered");
        FallbackProvider f({a, b});
        const auto r = f.complete(req());
        EXPECT_EQ(r.text(), "answered");
        EXPECT_EQ(r.provider, "b");
        EXPECT_EQ(r.fallback_reason, "a: a: HTTP " + std::to_string(c.status));
    }
}

TEST(FallbackTest, AHostProviderThrowingAnyExceptionMovesOn) {
    class Throws : public LlmProvider {
    public:
        LlmResponse complete(const LlmRequest&) override {
            throw std::runtime_error("host SDK exploded");
        }
        std::string name() const override { return "host"; }
        std::string default_model() const override { return "h"; }
    };
    auto b = std::make_shared<Named>("b");
    b->ok("ok");
    FallbackProvider f({std::make_shared<Throws>(), b});
    const auto r = f.complete(req());
    EXPECT_EQ(r.text(), "ok");
    EXPECT_NE(r.fallback_reason.find("host SDK exploded"), std::string::npos);
    // Alone in the chain, it becomes a ProviderError (kUnavailable) naming the exception.
    FallbackProvider alone({std::make_shared<Throws>()});
    expect_error([&] { alone.complete(req()); }, ErrorCode::kUnavailable, "host SDK exploded");
    // With outages only, it propagates unchanged.
    FallbackProvider strict({std::make_shared<Throws>(), b}, outages_only());
    EXPECT_THROW(strict.complete(req()), std::runtime_error);
}

TEST(FallbackTest, UnusableRepliesMoveOnAndTheirToolCallsAreNeverReturned) {
    for (auto stop : {StopReason::kRefusal, StopReason::kContentFilter, StopReason::kMaxTokens,
                      StopReason::kContextWindowExceeded}) {
        auto a = std::make_shared<Named>("a"), b = std::make_shared<Named>("b");
        LlmResponse cut;
        cut.stop_reason = stop;
        cut.content = {ContentBlock::tool_use("toolu_1", "create_work_order", Json::object())};
        a->push(cut);
        b->ok("safe");
        FallbackProvider f({a, b});
        const auto r = f.complete(req());
        EXPECT_EQ(r.text(), "safe");
        EXPECT_TRUE(r.tool_uses().empty());
        EXPECT_NE(r.fallback_reason.find(std::string(to_string(stop))), std::string::npos);
    }
    // The last provider's unusable reply is a failure too.
    auto a = std::make_shared<Named>("a");
    LlmResponse refused;
    refused.stop_reason = StopReason::kRefusal;
    a->push(refused);
    FallbackProvider alone({a});
    expect_error([&] { alone.complete(req()); }, ErrorCode::kUnavailable, "stop reason refusal");
    // A host that wants every reply as it is empties the list.
    a->push(refused);
    FallbackOptions o;
    o.unusable_stop_reasons.clear();
    FallbackProvider lenient({a}, o);
    EXPECT_EQ(lenient.complete(req()).stop_reason, StopReason::kRefusal);
}

TEST(FallbackTest, RejectsAnEmptyChainOrNullProviders) {
    expect_error([] { FallbackProvider f({}); }, ErrorCode::kInvalidArgument, "empty");
    expect_error([] { FallbackProvider f({std::make_shared<Named>("a"), nullptr}); },
                 ErrorCode::kInvalidArgument, "provider 1");
}

}  // namespace
}  // namespace propos::llm

// PriceTable and CostMeter: micro-dollar arithmetic, prefix matching, thread-safe accumulation.
#include <gtest/gtest.h>

#include <limits>
#include <thread>

#include "propos/llm/pricing.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;

TEST(PriceTableTest, PricesAnthropicUsageIncludingCacheTokens) {
    const auto t = PriceTable::defaults();
    EXPECT_EQ(t.price("claude-sonnet-4-5"),
              (ModelPrice{3000000, 15000000, 300000, 3750000, 6000000}));
    // 1000 in x $3 + 500 out x $15 + 2000 cache read x $0.30 + 100 cache write x $3.75 (per MTok)
    // = 3000 + 7500 + 600 + 375 micro-dollars.
    EXPECT_EQ(t.cost_micros("claude-sonnet-4-5-20250929", Usage{1000, 500, 2000, 100}), 11475);
    EXPECT_EQ(t.cost_micros("claude-sonnet-4-5", Usage{1000000, 0, 0, 0}), 3000000);  // $3 per MTok
    EXPECT_EQ(t.cost_micros("claude-opus-4-5", Usage{0, 1000000, 0, 0}), 25000000);
    EXPECT_EQ(t.cost_micros("claude-opus-4-1-20250805", Usage{0, 1000000, 0, 0}), 75000000);
    EXPECT_EQ(t.cost_micros("claude-haiku-4-5", Usage{1000000, 1000000, 0, 0}), 6000000);
}

// A 1-hour cache write costs 2x the base input price, a 5-minute one 1.25x.
TEST(PriceTableTest, OneHourCacheWritesArePricedAtTheirOwnRate) {
    const auto t = PriceTable::defaults();
    Usage u;
    u.cache_creation_input_tokens = 1000000;
    EXPECT_EQ(t.cost_micros("claude-sonnet-4-5", u), 3750000);  // all 5-minute: $3.75
    u.cache_creation_1h_input_tokens = 1000000;
    EXPECT_EQ(t.cost_micros("claude-sonnet-4-5", u), 6000000);  // all 1-hour: $6
    u.cache_creation_1h_input_tokens = 400000;                  // $2.40 + 600k x $3.75 = $2.25
    EXPECT_EQ(t.cost_micros("claude-sonnet-4-5", u), 4650000);
    EXPECT_EQ(t.cost_micros("claude-haiku-4-5", u), 400000 * 2 + 600000 * 5 / 4);
    EXPECT_EQ(t.cost_micros("claude-opus-4-5", u), 400000 * 10 + 600000 * 25 / 4);
    // A price without a 1-hour rate charges those writes as 5-minute ones (never free).
    PriceTable custom;
    custom.set("m", {0, 0, 0, 1000000});
    EXPECT_EQ(custom.cost_micros("m", u), 1000000);
    EXPECT_EQ(PriceTable::from_json(Json::parse(R"({"m":{"cache_write_1h":7}})")).price("m").cache_write_1h, 7);
    // Usage keeps the split through JSON and sums.
    Usage sum = u;
    sum += u;
    EXPECT_EQ(sum.cache_creation_1h_input_tokens, 800000);
    EXPECT_EQ(Json(u).get<Usage>(), u);
    EXPECT_FALSE(Json(Usage{1, 2, 3, 4}).contains("cache_creation_1h_input_tokens"));
}

TEST(PriceTableTest, LongestPrefixWins) {
    const auto t = PriceTable::defaults();
    const Usage million_in{1000000, 0, 0, 0};
    EXPECT_EQ(t.cost_micros("gpt-4o-mini-2024-07-18", million_in), 150000);
    EXPECT_EQ(t.cost_micros("gpt-4o-2024-08-06", million_in), 2500000);
    EXPECT_EQ(t.cost_micros("gpt-4.1-mini", million_in), 400000);
    EXPECT_EQ(t.cost_micros("gpt-4.1", million_in), 2000000);
    EXPECT_EQ(t.cost_micros("gpt-5-mini", million_in), 250000);
    EXPECT_EQ(t.cost_micros("gpt-5", million_in), 1250000);
    // OpenAI cached input.
    EXPECT_EQ(t.cost_micros("gpt-4.1-mini", Usage{0, 0, 1000000, 0}), 100000);
}

TEST(PriceTableTest, UnknownAndLocalModelsAreFree) {
    const auto t = PriceTable::defaults();
    for (const char* m : {"llama3.1:8b", "qwen2.5-coder", "rules", "scripted", "", "claude"}) {
        EXPECT_EQ(t.cost_micros(m, Usage{1000000, 1000000, 0, 0}), 0) << m;
        EXPECT_FALSE(t.find(m).has_value()) << m;
    }
    EXPECT_EQ(PriceTable().cost_micros("claude-sonnet-4-5", Usage{1000, 1000, 0, 0}), 0);
}

TEST(PriceTableTest, RoundsUpAndSaturates) {
    const auto t = PriceTable::defaults();
    EXPECT_EQ(t.cost_micros("gpt-4o-mini", Usage{1, 0, 0, 0}), 1);  // 0.15 micro-dollars -> 1
    EXPECT_EQ(t.cost_micros("gpt-4o-mini", Usage{0, 0, 0, 0}), 0);
    EXPECT_EQ(t.cost_micros("gpt-4o-mini", Usage{-50, 0, 0, 0}), 0);
    const auto big = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(t.cost_micros("claude-opus-4", Usage{big, big, big, big}), big);
}

TEST(PriceTableTest, IsConfigurable) {
    PriceTable t = PriceTable::defaults();
    t.set("llama3.1", {100000, 200000, 0, 0});  // a host pricing its own GPU time
    EXPECT_EQ(t.cost_micros("llama3.1:70b", Usage{1000000, 1000000, 0, 0}), 300000);
    t.set("claude-sonnet-4-5", {1, 1, 1, 1});
    EXPECT_EQ(t.price("claude-sonnet-4-5-20250929"), (ModelPrice{1, 1, 1, 1}));
    expect_error([&] { t.set("", {}); }, ErrorCode::kInvalidArgument, "empty model prefix");
    expect_error([&] { t.set("x", {-1, 0, 0, 0}); }, ErrorCode::kInvalidArgument,
                 "negative price for 'x'");
}

TEST(PriceTableTest, JsonRoundTripAndErrors) {
    const auto t = PriceTable::defaults();
    const auto back = PriceTable::from_json(Json::parse(t.to_json().dump()));
    EXPECT_EQ(back.to_json(), t.to_json());
    EXPECT_EQ(back.size(), t.size());
    const auto custom =
        PriceTable::from_json(Json::parse(R"({"my-model": {"input": 5, "output": 7}})"));
    EXPECT_EQ(custom.price("my-model-v2"), (ModelPrice{5, 7, 0, 0}));
    expect_error([] { PriceTable::from_json(Json::array()); }, ErrorCode::kInvalidArgument,
                 "expected a JSON object");
    expect_error([] { PriceTable::from_json(Json::parse(R"({"m": {"input": "cheap"}})")); },
                 ErrorCode::kInvalidArgument, "price table entry 'm'");
    expect_error([] { PriceTable::from_json(Json::parse(R"({"m": 3})")); },
                 ErrorCode::kInvalidArgument, "expected an object of prices");
    expect_error([] { PriceTable::from_json(Json::parse(R"({"m": {"output": -3}})")); },
                 ErrorCode::kInvalidArgument, "negative");
}

TEST(PriceTableTest, FreeFunctionUsesTheDefaults) {
    const Usage u{1234, 567, 89, 10};
    EXPECT_EQ(cost_micros("claude-sonnet-4-5", u),
              PriceTable::defaults().cost_micros("claude-sonnet-4-5", u));
}

TEST(LlmCostMeterTest, AccumulatesPerCallRunOrgAndModel) {
    CostMeter meter;
    EXPECT_EQ(meter.record("org_a", "run_1", "claude-sonnet-4-5", Usage{1000, 500, 2000, 100}),
              11475);
    LlmResponse r;
    r.model = "gpt-4o-mini";
    r.usage = {1000000, 0, 0, 0};
    EXPECT_EQ(meter.record("org_a", "run_2", r), 150000);
    EXPECT_EQ(meter.record("org_b", "", "llama3.1:8b", Usage{50, 50, 0, 0}), 0);

    EXPECT_EQ(meter.total().calls, 3);
    EXPECT_EQ(meter.total().cost_micros, 11475 + 150000);
    EXPECT_EQ(meter.total().usage, (Usage{1001050, 550, 2000, 100}));
    EXPECT_EQ(meter.org("org_a"), (CostTotals{2, Usage{1001000, 500, 2000, 100}, 161475}));
    EXPECT_EQ(meter.org("org_b").calls, 1);
    EXPECT_EQ(meter.org("org_c"), CostTotals{});
    EXPECT_EQ(meter.run("run_1").cost_micros, 11475);
    EXPECT_EQ(meter.run("").calls, 0);  // empty keys are not tracked
    const auto models = meter.by_model();
    ASSERT_EQ(models.size(), 3u);
    EXPECT_EQ(models.at("gpt-4o-mini").cost_micros, 150000);

    meter.forget_run("run_1");
    EXPECT_EQ(meter.run("run_1"), CostTotals{});
    EXPECT_EQ(meter.org("org_a").calls, 2);  // org totals stay
    meter.reset();
    EXPECT_EQ(meter.total(), CostTotals{});
    EXPECT_TRUE(meter.by_model().empty());
}

TEST(LlmCostMeterTest, CustomPricesAndConcurrentRecording) {
    PriceTable prices;
    prices.set("m", {1000000, 0, 0, 0});  // $1 per MTok: 1 micro-dollar per input token
    CostMeter meter(prices);
    constexpr int kThreads = 4, kCalls = 1000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCalls; ++i)
                meter.record("org_" + std::to_string(t % 2), "run_" + std::to_string(t), "m",
                             Usage{3, 1, 0, 0});
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(meter.total().calls, kThreads * kCalls);
    EXPECT_EQ(meter.total().cost_micros, 3 * kThreads * kCalls);
    EXPECT_EQ(meter.org("org_0").calls, 2 * kCalls);
    EXPECT_EQ(meter.run("run_3").usage.output_tokens, kCalls);
    EXPECT_EQ(meter.prices().size(), 1u);
}

}  // namespace
}  // namespace propos::llm

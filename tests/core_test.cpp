#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using namespace std::chrono_literals;

TEST(IdsTest, NewIdsAreUniquePrefixedAndTimeOrdered) {
    std::set<std::string> seen;
    std::string prev;
    for (int i = 0; i < 2000; ++i) {
        const auto id = new_id("wo");
        ASSERT_EQ(id.substr(0, 3), "wo_");
        ASSERT_EQ(id.size(), 3u + 26u);
        EXPECT_TRUE(seen.insert(id).second) << id;
        // The first 10 characters encode milliseconds, so they never go backwards.
        if (!prev.empty()) {
            EXPECT_LE(prev.substr(3, 10), id.substr(3, 10));
        }
        prev = id;
    }
}

TEST(IdsTest, StrongTypesCompareAndHash) {
    UnitId a("u1"), b("u1"), c("u2");
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_LT(a, c);
    EXPECT_EQ(std::hash<UnitId>()(a), std::hash<UnitId>()(b));
    EXPECT_TRUE(UnitId().empty());
    static_assert(!std::is_convertible_v<UnitId, OrgId>);
}

TEST(ClockTest, ManualClockAdvancesAndNeverGoesBack) {
    ManualClock clock;
    const auto start = clock.now();
    EXPECT_EQ(format_time(start), "2026-01-05T09:00:00Z");
    clock.advance(90min);
    EXPECT_EQ(format_time(clock.now()), "2026-01-05T10:30:00Z");
    expect_error([&] { clock.set(start); }, ErrorCode::kInvalidArgument, "before the current time");
    expect_error([&] { clock.advance(-1s); }, ErrorCode::kInvalidArgument, "negative duration");
}

TEST(ClockTest, ManualClockIsThreadSafe) {
    ManualClock clock;
    const auto start = clock.now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) clock.advance(1ms);
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(clock.now() - start, 4000ms);
}

struct MoneyCase {
    const char* text;
    std::int64_t cents;
};
class MoneyParseTest : public ::testing::TestWithParam<MoneyCase> {};
TEST_P(MoneyParseTest, Parses) { EXPECT_EQ(Money::parse(GetParam().text).in_cents(), GetParam().cents); }
INSTANTIATE_TEST_SUITE_P(Table, MoneyParseTest,
                         ::testing::Values(MoneyCase{"123.45", 12345}, MoneyCase{"$1,234.50", 123450},
                                           MoneyCase{"-5", -500}, MoneyCase{"0.5", 50},
                                           MoneyCase{" 7 ", 700}, MoneyCase{"$0.07", 7}));

TEST(MoneyTest, RejectsBadText) {
    for (const char* bad : {"", "abc", "1.234", "$", "1.2.3", "12a"}) {
        expect_error([&] { Money::parse(bad); }, ErrorCode::kInvalidArgument, "invalid money amount");
    }
}

TEST(MoneyTest, FormatsAndComputes) {
    EXPECT_EQ(Money::cents(123456789).to_string(), "$1,234,567.89");
    EXPECT_EQ(Money::cents(-500).to_string(), "-$5.00");
    EXPECT_EQ(Money::cents(5).to_decimal(), "0.05");
    EXPECT_EQ((Money::dollars(2) + Money::cents(50)).in_cents(), 250);
    EXPECT_EQ((Money::cents(150) * 3).in_cents(), 450);
    EXPECT_EQ(Money::cents(1000).scaled_bp(1050).in_cents(), 105);  // 10.5% of $10.00
    EXPECT_EQ(Money::cents(15).scaled_bp(5000).in_cents(), 8);       // 7.5 rounds half up
    EXPECT_LT(Money::dollars(1), Money::dollars(2));
    expect_error([] { Money::cents(INT64_MAX) + Money::cents(1); }, ErrorCode::kInvalidArgument,
                 "overflow");
}

TEST(TimeTest, ParsesAndFormatsIso8601) {
    EXPECT_EQ(format_time(parse_time("2026-03-01T12:34:56Z")), "2026-03-01T12:34:56Z");
    EXPECT_EQ(format_time(parse_time("2026-03-01T12:34:56.250Z")), "2026-03-01T12:34:56.250Z");
    EXPECT_EQ(format_time(parse_time("2026-03-01T14:34:56+02:00")), "2026-03-01T12:34:56Z");
    EXPECT_EQ(format_time(parse_time("2026-03-01T07:34:56-05:00")), "2026-03-01T12:34:56Z");
    EXPECT_EQ(format_time(parse_time("2026-03-01")), "2026-03-01T00:00:00Z");
    EXPECT_EQ(format_time(parse_time("2024-02-29T00:00:00Z")), "2024-02-29T00:00:00Z");
}

TEST(TimeTest, RejectsBadTimes) {
    expect_error([] { parse_time("2026-02-30T00:00:00Z"); }, ErrorCode::kInvalidArgument, "no such date");
    expect_error([] { parse_time("yesterday"); }, ErrorCode::kInvalidArgument, "invalid time 'yesterday'");
    expect_error([] { parse_time("2026-03-01T12:00:00"); }, ErrorCode::kInvalidArgument, "time zone");
    expect_error([] { parse_time("2026-03-01T25:00:00Z"); }, ErrorCode::kInvalidArgument, "out of range");
}

TEST(TimeTest, Durations) {
    EXPECT_EQ(parse_duration("90m"), 90min);
    EXPECT_EQ(parse_duration("3d"), 72h);
    EXPECT_EQ(parse_duration("1d12h"), 36h);
    EXPECT_EQ(parse_duration("250ms"), 250ms);
    EXPECT_EQ(parse_duration("2w"), 336h);
    EXPECT_EQ(format_duration(36h + 5min), "1d12h5m");
    EXPECT_EQ(format_duration(0ms), "0s");
    expect_error([] { parse_duration("3"); }, ErrorCode::kInvalidArgument, "unit");
    expect_error([] { parse_duration("soon"); }, ErrorCode::kInvalidArgument, "invalid duration");
    expect_error([] { parse_duration(""); }, ErrorCode::kInvalidArgument, "empty duration");
}

TEST(JsonTest, ParseErrorsNameWhatAndWhere) {
    expect_error([] { parse_json("{\"a\": ", "inbound line 3"); }, ErrorCode::kInvalidArgument,
                 "malformed JSON in inbound line 3 at byte");
    EXPECT_EQ(parse_json("[1,2]", "x").size(), 2u);
}

TEST(JsonTest, CanonicalFormSortsKeysAndIsStable) {
    const Json a = parse_json(R"({"b":1,"a":{"d":[1,2],"c":"x"}})", "a");
    const Json b = parse_json(R"({ "a" : { "c":"x", "d":[1, 2] }, "b" : 1 })", "b");
    EXPECT_EQ(canonical_json(a), R"({"a":{"c":"x","d":[1,2]},"b":1})");
    EXPECT_EQ(canonical_json(a), canonical_json(b));
}

TEST(JsonTest, FieldAccessNamesContextAndField) {
    const Json j = parse_json(R"({"n": "seven"})", "t");
    expect_error([&] { json_get<int>(j, "n", "vendor"); }, ErrorCode::kInvalidArgument,
                 "vendor: field 'n' has the wrong type");
    expect_error([&] { json_get<int>(j, "m", "vendor"); }, ErrorCode::kInvalidArgument,
                 "vendor: missing required field 'm'");
    EXPECT_EQ(json_get_or<int>(j, "m", 4, "vendor"), 4);
}

TEST(JsonTest, MoneyAndTimeRoundTrip) {
    Json j = Money::cents(1999);
    EXPECT_EQ(j, 1999);
    EXPECT_EQ(Json("19.99").get<Money>().in_cents(), 1999);
    Json t = parse_time("2026-01-05T09:00:00Z");
    EXPECT_EQ(t, "2026-01-05T09:00:00Z");
    EXPECT_EQ(t.get<Timestamp>(), parse_time("2026-01-05T09:00:00Z"));
}

TEST(CryptoTest, Sha256KnownVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

TEST(LoggingTest, MasksContactDetailsAndSecrets) {
    EXPECT_EQ(mask_phone("+14158675309"), "+1415***5309");
    EXPECT_EQ(mask_email("maria.lopez@example.com"), "m***@example.com");
    const auto r = redact("call +1 415 867 5309 or mail maria@example.com, key sk-abcdef1234567890");
    EXPECT_EQ(r.find("867 5309"), std::string::npos) << r;
    EXPECT_EQ(r.find("maria@"), std::string::npos) << r;
    EXPECT_EQ(r.find("sk-abcdef"), std::string::npos) << r;
    EXPECT_NE(r.find("[secret]"), std::string::npos) << r;
    EXPECT_EQ(parse_log_level("debug"), LogLevel::kDebug);
    expect_error([] { parse_log_level("loud"); }, ErrorCode::kInvalidArgument, "unknown log level");
}

TEST(ErrorTest, CodesHaveStableNames) {
    EXPECT_EQ(to_string(ErrorCode::kNotFound), "not_found");
    EXPECT_EQ(to_string(ErrorCode::kUnsupportedVersion), "unsupported_version");
    Error e(ErrorCode::kCorrupt, "bad file");
    EXPECT_EQ(e.code(), ErrorCode::kCorrupt);
    EXPECT_STREQ(e.what(), "bad file");
}

}  // namespace
}  // namespace propos

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
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
    EXPECT_EQ(parse_duration("1.5h"), 90min);
    EXPECT_EQ(parse_duration("0.25d"), 6h);
    EXPECT_EQ(parse_duration("1.5s250ms"), 1750ms);
    EXPECT_THROW(parse_duration("1.h"), Error);
    EXPECT_EQ(format_duration(36h + 5min), "1d12h5m");
    EXPECT_EQ(format_duration(0ms), "0s");
    expect_error([] { parse_duration("3"); }, ErrorCode::kInvalidArgument, "unit");
    expect_error([] { parse_duration("soon"); }, ErrorCode::kInvalidArgument, "invalid duration");
    expect_error([] { parse_duration(""); }, ErrorCode::kInvalidArgument, "empty duration");
    // Longer than a Timestamp can span: refused, not wrapped around (found by fuzz_rule_pack).
    expect_error([] { parse_duration("99999999999999999d"); }, ErrorCode::kInvalidArgument, "longer than 200 years");
    expect_error([] { parse_duration("73000d1000w"); }, ErrorCode::kInvalidArgument, "longer than 200 years");
    EXPECT_EQ(parse_duration("73000d"), 73000 * 24h);
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

// canonical_json writes containers, integers and ASCII strings itself: byte for byte what
// nlohmann's dump gives (its definition), on edge values and on random documents with random
// bytes in keys and strings (control characters, quotes, multi-byte and invalid UTF-8).
TEST(JsonTest, CanonicalFormIsNlohmannsDumpByteForByte) {
    auto reference = [](const Json& j) {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    std::vector<Json> values = {
        nullptr, true, false, 0, -1, std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::uint64_t>::max(), 0.0,
        -0.0, 1.0, 0.1, 0.92, 1e300, 5e-324, -1.5e-7, 123456789.123,
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        Json::object(), Json::array(), Json::binary({1, 2, 3}), "", "plain ascii",
        "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul " + std::string(1, '\0'),
        "\x01\x1f\x7f", "caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x94\xa5", "bad \xc3\x28 \xff end",
        Json{{"b", 1}, {"a", {{"d", Json::array({1, "x", nullptr})}, {"c", 2.5}}}},
        Json{{"caf\xc3\xa9", "k"}, {"bad\xff", 1}, {"", Json::array()}}};
    std::mt19937 rng(20261202);
    auto random_string = [&] {
        static const std::string pieces[] = {"a", "Z", " ", "\"", "\\", "\n", "\x01", "\x7f",
                                             "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                             "\xc3", "\xff", "\xed\xa0\x80", "unit 4B"};
        std::string s;
        const auto n = rng() % 8;
        for (unsigned i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
        return s;
    };
    std::function<Json(int)> random_value = [&](int depth) -> Json {
        switch (rng() % (depth > 3 ? 5 : 7)) {
            case 0: return nullptr;
            case 1: return rng() % 2 == 0;
            case 2: return static_cast<std::int64_t>(rng()) - (1LL << 31);
            case 3: return std::ldexp(static_cast<double>(rng()), static_cast<int>(rng() % 80) - 40);
            case 4: return random_string();
            case 5: {
                Json a = Json::array();
                for (unsigned i = rng() % 4; i > 0; --i) a.push_back(random_value(depth + 1));
                return a;
            }
            default: {
                Json o = Json::object();
                for (unsigned i = rng() % 5; i > 0; --i) o[random_string()] = random_value(depth + 1);
                return o;
            }
        }
    };
    for (int i = 0; i < 2000; ++i) values.push_back(random_value(0));
    for (const auto& v : values) {
        const auto expected = reference(v);
        ASSERT_EQ(canonical_json(v), expected);
        std::string appended = "prefix:";
        append_canonical_json(appended, v);
        ASSERT_EQ(appended, "prefix:" + expected);
    }
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

TEST(CryptoTest, IncrementalSha256MatchesOneShot) {
    // FIPS 180-2's two-block vector, fed in pieces that do not line up with its 64-byte blocks.
    const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string expected = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    ASSERT_EQ(sha256_hex(text), expected);
    Sha256 h;
    EXPECT_EQ(h.hex(), sha256_hex(""));
    h.update(text.substr(0, 3)).update(text.substr(3, 40));
    // hex(suffix) hashes the suffix after what was fed, and leaves the state as it was.
    EXPECT_EQ(h.hex(text.substr(43)), expected);
    EXPECT_EQ(h.hex(), sha256_hex(text.substr(0, 43)));
    EXPECT_EQ(sha256_hex_parts({text.substr(0, 10), text.substr(10)}), expected);

    Sha256 copy = h;  // a copy goes on independently
    copy.update(text.substr(43));
    EXPECT_EQ(copy.hex(), expected);
    EXPECT_EQ(h.hex(), sha256_hex(text.substr(0, 43)));

    Sha256 moved = std::move(copy);
    EXPECT_EQ(moved.hex(), expected);
    EXPECT_EQ(copy.hex(), sha256_hex(""));  // NOLINT(bugprone-use-after-move): documented state
    copy.update("abc");
    EXPECT_EQ(copy.hex(), sha256_hex("abc"));

    Sha256 target;
    target.update("old state");
    target = std::move(moved);  // move assignment: the source starts over too
    EXPECT_EQ(target.hex(), expected);
    EXPECT_EQ(moved.hex(), sha256_hex(""));  // NOLINT(bugprone-use-after-move): documented state
    moved = target;

    h = moved;
    EXPECT_EQ(h.hex(), expected);
    h.reset();
    EXPECT_EQ(h.update("abc").hex(), sha256_hex("abc"));

    // A million 'a's fed a kilobyte at a time (FIPS 180-2's long vector).
    Sha256 long_text;
    const std::string kilo(1000, 'a');
    for (int i = 0; i < 1000; ++i) long_text.update(kilo);
    EXPECT_EQ(long_text.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
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

// The one time-zone helper: local hours, days and wall-clock times across daylight saving time.
TEST(TimeZoneTest, LocalHoursAndDaysFollowDaylightSavingTime) {
    const std::string ny = "America/New_York";
    EXPECT_EQ(local_hour(parse_time("2026-01-05T14:00:00Z"), ny), 9);   // EST, UTC-5
    EXPECT_EQ(local_hour(parse_time("2026-07-06T14:00:00Z"), ny), 10);  // EDT, UTC-4
    EXPECT_EQ(local_minute_of_day(parse_time("2026-01-05T14:30:00Z"), ny), 9 * 60 + 30);
    EXPECT_EQ(local_weekday(parse_time("2026-01-05T14:00:00Z"), ny), 1);  // Monday
    // 02:00 UTC on Sunday is still Saturday evening in New York.
    EXPECT_EQ(local_weekday(parse_time("2026-01-11T02:00:00Z"), ny), 6);
    EXPECT_TRUE(is_local_weekend(parse_time("2026-01-11T02:00:00Z"), ny));
    // 02:00 UTC on Monday is Sunday evening in New York, Monday morning in Tokyo.
    EXPECT_TRUE(is_local_weekend(parse_time("2026-01-12T02:00:00Z"), ny));
    EXPECT_FALSE(is_local_weekend(parse_time("2026-01-12T02:00:00Z"), "Asia/Tokyo"));
    EXPECT_EQ(next_local_time(parse_time("2026-01-05T14:00:00Z"), ny, 8), parse_time("2026-01-06T13:00:00Z"));
    EXPECT_EQ(next_local_time(parse_time("2026-01-05T14:00:00Z"), ny, 10), parse_time("2026-01-05T15:00:00Z"));
    EXPECT_EQ(next_local_time(parse_time("2026-01-05T15:00:00Z"), ny, 10), parse_time("2026-01-05T15:00:00Z"));
    // Tomorrow 10:00 local, across the spring-forward night (2026-03-08 in the US).
    EXPECT_EQ(local_day_time(parse_time("2026-03-07T20:00:00Z"), ny, 1, 600), parse_time("2026-03-08T14:00:00Z"));
    // 02:30 does not exist that night: it resolves to the transition (03:00 EDT = 07:00 UTC).
    EXPECT_EQ(local_day_time(parse_time("2026-03-08T01:00:00Z"), ny, 1, 150), parse_time("2026-03-08T07:00:00Z"));
    EXPECT_EQ(format_local_time(parse_time("2026-01-06T15:00:00Z"), ny, "%a %b %d, %I:%M %p"), "Tue Jan 06, 10:00 AM");
}

TEST(TimeZoneTest, UnknownZonesCountAsUtc) {
    EXPECT_TRUE(is_known_time_zone("Europe/Paris"));
    EXPECT_FALSE(is_known_time_zone("Mars/Olympus"));
    EXPECT_FALSE(is_known_time_zone(""));
    const auto t = parse_time("2026-01-05T14:00:00Z");
    EXPECT_EQ(local_hour(t, "Mars/Olympus"), 14);
    EXPECT_EQ(local_hour(t, ""), 14);
    EXPECT_EQ(next_local_time(t, "Mars/Olympus", 16), parse_time("2026-01-05T16:00:00Z"));
}

}  // namespace
}  // namespace propos

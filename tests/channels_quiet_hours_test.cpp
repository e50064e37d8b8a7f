// Quiet hours in the tenant's local time: IANA zones (with DST) from the system tz database, fixed
// offsets, priorities.
#include "propos/channels/quiet_hours.hpp"
#include "test_util.hpp"

namespace propos::channels {
namespace {

using propos::testing::expect_error;

Timestamp at(const char* iso) { return parse_time(iso); }

TEST(QuietHours, NewYorkWinter) {
    // 2026-01-05T03:00Z is 22:00 EST on Jan 4: quiet until 08:00 EST = 13:00Z.
    auto q = check_quiet_hours(at("2026-01-05T03:00:00Z"), "America/New_York", Priority::kRoutine);
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-05T13:00:00Z"));
    EXPECT_EQ(q.local_minute, 22 * 60);
    // 07:59 EST: still quiet, ends a minute later.
    q = check_quiet_hours(at("2026-01-05T12:59:00Z"), "America/New_York", Priority::kRoutine);
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-05T13:00:00Z"));
    // 08:00 EST: not quiet.
    q = check_quiet_hours(at("2026-01-05T13:00:00Z"), "America/New_York", Priority::kRoutine);
    EXPECT_FALSE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-05T13:00:00Z"));
    // 20:59 EST: not quiet; 21:00: quiet.
    EXPECT_FALSE(check_quiet_hours(at("2026-01-06T01:59:00Z"), "America/New_York", Priority::kRoutine).quiet);
    EXPECT_TRUE(check_quiet_hours(at("2026-01-06T02:00:00Z"), "America/New_York", Priority::kRoutine).quiet);
}

TEST(QuietHours, DaylightSavingTimeEnds) {
    // 2026-03-08 is the US spring-forward day: 22:00 EST on Mar 7 (03:00Z Mar 8) waits until 08:00 EDT
    // (12:00Z), not 13:00Z.
    const auto q = check_quiet_hours(at("2026-03-08T03:00:00Z"), "America/New_York", Priority::kRoutine);
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-03-08T12:00:00Z"));
}

TEST(QuietHours, EmergenciesAndUrgent) {
    const auto night = at("2026-01-05T03:00:00Z");
    EXPECT_FALSE(check_quiet_hours(night, "America/New_York", Priority::kEmergency).quiet);
    EXPECT_TRUE(check_quiet_hours(night, "America/New_York", Priority::kUrgent).quiet);
    EXPECT_FALSE(check_quiet_hours(night, "America/New_York", Priority::kUrgent, {.urgent_exempt = true}).quiet);
}

TEST(QuietHours, FixedOffsetsAndCustomWindows) {
    // 23:30 at -05:00 is 04:30Z; the window ends at 08:00 -05:00 = 13:00Z.
    auto q = check_quiet_hours(at("2026-01-05T04:30:00Z"), "-05:00", Priority::kRoutine);
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-05T13:00:00Z"));
    for (const char* tz : {"UTC-5", "-0500", "GMT-5", "-5"}) {
        SCOPED_TRACE(tz);
        EXPECT_EQ(check_quiet_hours(at("2026-01-05T04:30:00Z"), tz, Priority::kRoutine).send_at, at("2026-01-05T13:00:00Z"));
    }
    q = check_quiet_hours(at("2026-01-05T20:00:00Z"), "+05:30", Priority::kRoutine);  // 01:30 local
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-06T02:30:00Z"));
    EXPECT_FALSE(check_quiet_hours(at("2026-01-05T12:00:00Z"), "", Priority::kRoutine).quiet);  // UTC noon
    // A daytime window (13:00-14:00) does not wrap midnight.
    QuietHours lunch{.start_minute = 13 * 60, .end_minute = 14 * 60};
    q = check_quiet_hours(at("2026-01-05T13:30:00Z"), "UTC", Priority::kRoutine, lunch);
    EXPECT_TRUE(q.quiet);
    EXPECT_EQ(q.send_at, at("2026-01-05T14:00:00Z"));
    EXPECT_FALSE(check_quiet_hours(at("2026-01-05T03:00:00Z"), "UTC", Priority::kRoutine, {.start_minute = 0, .end_minute = 0}).quiet);
}

TEST(QuietHours, BadInput) {
    expect_error([] { check_quiet_hours(Timestamp{}, "Mars/Olympus_Mons", Priority::kRoutine); },
                 ErrorCode::kInvalidArgument, "unknown time zone 'Mars/Olympus_Mons'");
    expect_error([] { check_quiet_hours(Timestamp{}, "+25:00", Priority::kRoutine); }, ErrorCode::kInvalidArgument,
                 "unknown time zone");
    expect_error([] { check_quiet_hours(Timestamp{}, "UTC", Priority::kRoutine, {.start_minute = 1440}); },
                 ErrorCode::kInvalidArgument, "0..1439");
    EXPECT_TRUE(is_valid_time_zone("Europe/Paris"));
    EXPECT_TRUE(is_valid_time_zone("+02:00"));
    EXPECT_FALSE(is_valid_time_zone("Nowhere/Land"));
}

}  // namespace
}  // namespace propos::channels

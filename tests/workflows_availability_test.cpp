// Reading a tenant's access answer: windows, entry permission, pets.
#include <gtest/gtest.h>

#include "propos/core/time.hpp"
#include "propos/workflows/availability.hpp"

namespace propos {
namespace {

// Monday 2026-01-05 14:00 UTC = 09:00 in New York.
const Timestamp kNow = parse_time("2026-01-05T14:00:00Z");
constexpr const char* kNy = "America/New_York";

std::string str(const TimeWindow& w) { return format_time(w.start) + "/" + format_time(w.end); }

TEST(AvailabilityTest, WeekdaysAfterFiveMeansEveningsOfTheNextWorkingDays) {
    const auto a = parse_availability("Weekdays after 5pm. No pets.", kNow, kNy);
    ASSERT_EQ(a.windows.size(), 5u);  // Mon-Fri of this week (Sat and Sun skipped)
    EXPECT_EQ(str(a.windows[0]), "2026-01-05T22:00:00Z/2026-01-06T01:00:00Z");  // 17:00-20:00 EST
    EXPECT_EQ(str(a.windows[4]), "2026-01-09T22:00:00Z/2026-01-10T01:00:00Z");
    EXPECT_EQ(a.pets, false);
    EXPECT_FALSE(a.entry_permitted);
}

TEST(AvailabilityTest, EntryPermissionAndPetsAreRead) {
    const auto yes = parse_availability("Yes you can go in if I'm out, I have a cat", kNow, kNy);
    EXPECT_EQ(yes.entry_permitted, true);
    EXPECT_EQ(yes.pets, true);
    EXPECT_TRUE(yes.windows.empty());
    const auto no = parse_availability("Tomorrow morning please, I need to be home when they come", kNow, kNy);
    EXPECT_EQ(no.entry_permitted, false);
    ASSERT_EQ(no.windows.size(), 1u);
    EXPECT_EQ(str(no.windows[0]), "2026-01-06T13:00:00Z/2026-01-06T17:00:00Z");  // Tue 08-12 EST
    EXPECT_EQ(parse_availability("NO", kNow, kNy).entry_permitted, false);
    EXPECT_EQ(parse_availability("ok", kNow, kNy).entry_permitted, true);
}

TEST(AvailabilityTest, RangesDaysAndLoneTimes) {
    const auto range = parse_availability("Thursday between 10 and 2", kNow, kNy);
    ASSERT_EQ(range.windows.size(), 1u);
    EXPECT_EQ(str(range.windows[0]), "2026-01-08T15:00:00Z/2026-01-08T19:00:00Z");  // 10:00-14:00
    const auto dash = parse_availability("fri 9-11am", kNow, kNy);
    ASSERT_EQ(dash.windows.size(), 1u);
    EXPECT_EQ(str(dash.windows[0]), "2026-01-09T14:00:00Z/2026-01-09T16:00:00Z");
    const auto at = parse_availability("tomorrow at 3", kNow, kNy);
    ASSERT_EQ(at.windows.size(), 1u);
    EXPECT_EQ(str(at.windows[0]), "2026-01-06T20:00:00Z/2026-01-06T22:00:00Z");  // 15:00-17:00
    const auto before = parse_availability("today before noon", kNow, kNy);
    ASSERT_EQ(before.windows.size(), 1u);  // today 08-12, clipped to now (09:00)
    EXPECT_EQ(str(before.windows[0]), "2026-01-05T14:00:00Z/2026-01-05T17:00:00Z");
}

TEST(AvailabilityTest, AnytimeAndSpanish) {
    const auto any = parse_availability("I work from home, anytime is fine. We have a dog", kNow, kNy);
    EXPECT_TRUE(any.anytime);
    EXPECT_EQ(any.pets, true);
    EXPECT_EQ(any.windows.size(), 7u);  // today (from now) and the next six days, 08-20
    const auto es = parse_availability("mañana por la tarde, tengo un perro", kNow, kNy);
    ASSERT_EQ(es.windows.size(), 1u);
    EXPECT_EQ(str(es.windows[0]), "2026-01-06T17:00:00Z/2026-01-06T22:00:00Z");  // 12-17
    EXPECT_EQ(es.pets, true);
    EXPECT_EQ(parse_availability("Sí, pueden entrar", kNow, kNy).entry_permitted, true);
    const auto iso = parse_availability("2026-01-07T15:00 works", kNow, kNy);
    ASSERT_EQ(iso.windows.size(), 1u);
    EXPECT_EQ(str(iso.windows[0]), "2026-01-07T15:00:00Z/2026-01-07T17:00:00Z");
}

TEST(AvailabilityTest, TextWithoutTimesOrAccessSaysNothing) {
    for (const char* text : {"", "the fridge is also broken", "???", "12345678901234567890", "at", "after"}) {
        const auto a = parse_availability(text, kNow, kNy);
        EXPECT_TRUE(a.windows.empty()) << text;
        EXPECT_FALSE(a.entry_permitted) << text;
        EXPECT_FALSE(a.pets) << text;
        EXPECT_FALSE(a.anytime) << text;
    }
    // An unknown time zone counts as UTC rather than failing.
    const auto utc = parse_availability("tomorrow morning", kNow, "Mars/Olympus_Mons");
    ASSERT_EQ(utc.windows.size(), 1u);
    EXPECT_EQ(str(utc.windows[0]), "2026-01-06T08:00:00Z/2026-01-06T12:00:00Z");
}

TEST(AvailabilityTest, WindowFits) {
    const std::vector<TimeWindow> w = {{parse_time("2026-01-06T13:00:00Z"), parse_time("2026-01-06T17:00:00Z")}};
    EXPECT_TRUE(window_fits(w, parse_time("2026-01-06T13:00:00Z"), parse_time("2026-01-06T15:00:00Z")));
    EXPECT_FALSE(window_fits(w, parse_time("2026-01-06T16:00:00Z"), parse_time("2026-01-06T18:00:00Z")));
    EXPECT_FALSE(window_fits({}, parse_time("2026-01-06T16:00:00Z"), parse_time("2026-01-06T18:00:00Z")));
}

}  // namespace
}  // namespace propos

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;

struct CronCase {
    const char* expr;
    const char* after;
    const char* next;
};
class CronNextTest : public ::testing::TestWithParam<CronCase> {};

TEST_P(CronNextTest, NextFiring) {
    const auto& c = GetParam();
    EXPECT_EQ(format_time(CronExpr(c.expr).next_after(parse_time(c.after))), c.next) << c.expr;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CronNextTest,
    ::testing::Values(
        CronCase{"*/15 * * * *", "2026-01-05T09:07:30Z", "2026-01-05T09:15:00Z"},
        CronCase{"*/15 * * * *", "2026-01-05T09:15:00Z", "2026-01-05T09:30:00Z"},
        CronCase{"0 9 * * 1-5", "2026-01-09T10:00:00Z", "2026-01-12T09:00:00Z"},  // Fri -> Mon
        CronCase{"30 8 1 * *", "2026-01-15T00:00:00Z", "2026-02-01T08:30:00Z"},
        CronCase{"0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"},
        CronCase{"@daily", "2026-01-05T23:59:00Z", "2026-01-06T00:00:00Z"},
        CronCase{"@hourly", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"},
        CronCase{"0 12 * jan,jul sun", "2026-01-05T00:00:00Z", "2026-01-11T12:00:00Z"},
        CronCase{"0 0 1 * 1", "2026-01-02T00:00:00Z", "2026-01-05T00:00:00Z"},  // dom OR dow
        CronCase{"0 0 * * 7", "2026-01-05T00:00:00Z", "2026-01-11T00:00:00Z"},  // 7 is Sunday
        CronCase{"5,10-12 3 * * *", "2026-01-05T03:10:00Z", "2026-01-05T03:11:00Z"}));

TEST(CronTest, RejectsBadExpressions) {
    expect_error([] { CronExpr("* * *"); }, ErrorCode::kInvalidArgument, "expected 5 fields");
    expect_error([] { CronExpr("61 * * * *"); }, ErrorCode::kInvalidArgument, "minute field");
    expect_error([] { CronExpr("* 24 * * *"); }, ErrorCode::kInvalidArgument, "hour field");
    expect_error([] { CronExpr("* * * foo *"); }, ErrorCode::kInvalidArgument, "month field");
    expect_error([] { CronExpr("*/0 * * * *"); }, ErrorCode::kInvalidArgument, "step must be positive");
    expect_error([] { CronExpr("0 0 31 2 *").next_after(parse_time("2026-01-01")); },
                 ErrorCode::kInvalidArgument, "never fires");
}

}  // namespace
}  // namespace propos

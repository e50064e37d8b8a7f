#include "propos/core/cron.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "propos/core/error.hpp"

namespace propos {
namespace {
using namespace std::chrono;

constexpr const char* kFieldNames[] = {"minute", "hour", "day-of-month", "month", "day-of-week"};
constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

[[noreturn]] void bad(std::string_view text, int field, const std::string& why) {
    throw Error(ErrorCode::kInvalidArgument, "invalid cron expression '" + std::string(text) + "': " +
                                                 kFieldNames[field] + " field: " + why);
}

int parse_value(std::string_view tok, std::string_view text, int field) {
    std::string lower(tok);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (field == 3) {
        for (int i = 0; i < 12; ++i) {
            if (lower == kMonths[i]) return i + 1;
        }
    }
    if (field == 4) {
        for (int i = 0; i < 7; ++i) {
            if (lower == kDays[i]) return i;
        }
    }
    int v = 0;
    auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (ec != std::errc() || p != tok.data() + tok.size()) bad(text, field, "'" + std::string(tok) + "' is not a number");
    return v;
}

// Parses one field into a list of allowed values within [lo, hi].
std::vector<int> parse_field(std::string_view f, std::string_view text, int field, int lo, int hi,
                             bool& star) {
    std::vector<int> out;
    star = false;
    size_t start = 0;
    while (start <= f.size()) {
        size_t comma = f.find(',', start);
        std::string_view part = f.substr(start, comma == std::string_view::npos ? f.npos : comma - start);
        if (part.empty()) bad(text, field, "empty list item");
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string_view::npos) {
            auto st = part.substr(slash + 1);
            step = parse_value(st, text, field);
            if (step <= 0) bad(text, field, "step must be positive");
            part = part.substr(0, slash);
        }
        int a = lo;
        int b = hi;
        if (part == "*") {
            if (step == 1) star = true;
        } else if (auto dash = part.find('-'); dash != std::string_view::npos) {
            a = parse_value(part.substr(0, dash), text, field);
            b = parse_value(part.substr(dash + 1), text, field);
        } else {
            a = parse_value(part, text, field);
            b = (step > 1) ? hi : a;
        }
        const int max_allowed = field == 4 ? 7 : hi;
        if (a < lo || b > max_allowed || a > b) {
            bad(text, field, "value out of range " + std::to_string(lo) + "-" + std::to_string(hi));
        }
        for (int v = a; v <= b; v += step) out.push_back(field == 4 && v == 7 ? 0 : v);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}
}  // namespace

CronExpr::CronExpr(std::string_view text) : text_(text) {
    std::string_view t = text;
    if (t == "@hourly") t = "0 * * * *";
    else if (t == "@daily" || t == "@midnight") t = "0 0 * * *";
    else if (t == "@weekly") t = "0 0 * * 0";
    else if (t == "@monthly") t = "0 0 1 * *";
    else if (t == "@yearly" || t == "@annually") t = "0 0 1 1 *";
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < t.size()) {
        while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
        size_t j = i;
        while (j < t.size() && !std::isspace(static_cast<unsigned char>(t[j]))) ++j;
        if (j > i) fields.push_back(t.substr(i, j - i));
        i = j;
    }
    if (fields.size() != 5) {
        throw Error(ErrorCode::kInvalidArgument,
                    "invalid cron expression '" + std::string(text) +
                        "': expected 5 fields (minute hour day-of-month month day-of-week), got " +
                        std::to_string(fields.size()));
    }
    bool star = false;
    for (int v : parse_field(fields[0], text, 0, 0, 59, star)) minutes_.set(static_cast<size_t>(v));
    for (int v : parse_field(fields[1], text, 1, 0, 23, star)) hours_.set(static_cast<size_t>(v));
    for (int v : parse_field(fields[2], text, 2, 1, 31, mday_star_)) mdays_.set(static_cast<size_t>(v));
    for (int v : parse_field(fields[3], text, 3, 1, 12, star)) months_.set(static_cast<size_t>(v));
    for (int v : parse_field(fields[4], text, 4, 0, 6, wday_star_)) wdays_.set(static_cast<size_t>(v));
}

bool CronExpr::day_matches(int mday, int month, int wday) const {
    if (!months_.test(static_cast<size_t>(month))) return false;
    const bool dm = mdays_.test(static_cast<size_t>(mday));
    const bool dw = wdays_.test(static_cast<size_t>(wday));
    if (mday_star_ && wday_star_) return true;
    if (mday_star_) return dw;
    if (wday_star_) return dm;
    return dm || dw;
}

Timestamp CronExpr::next_after(Timestamp after) const {
    auto t = floor<minutes>(after) + minutes(1);
    auto day = floor<days>(t);
    // Search day by day (at most ~5 years ahead, enough for any satisfiable expression incl. Feb 29).
    for (int n = 0; n < 366 * 5 + 2; ++n) {
        const year_month_day ymd{day};
        const weekday wd{day};
        if (day_matches(static_cast<int>(unsigned(ymd.day())), static_cast<int>(unsigned(ymd.month())),
                        static_cast<int>(wd.c_encoding()))) {
            const auto first_min = (t > day) ? duration_cast<minutes>(t - day).count() : 0;
            for (auto m = first_min; m < 24 * 60; ++m) {
                if (hours_.test(static_cast<size_t>(m / 60)) && minutes_.test(static_cast<size_t>(m % 60))) {
                    return Timestamp(duration_cast<system_clock::duration>((day + minutes(m)).time_since_epoch()));
                }
            }
        }
        day += days(1);
    }
    throw Error(ErrorCode::kInvalidArgument,
                "cron expression '" + text_ + "' never fires (no matching date within 5 years)");
}

}  // namespace propos

#include "propos/core/time.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "propos/core/error.hpp"

namespace propos {
namespace {
using namespace std::chrono;

[[noreturn]] void bad_time(std::string_view text, const char* why) {
    throw Error(ErrorCode::kInvalidArgument, "invalid time '" + std::string(text) +
                                                 "': " + why +
                                                 " (expected ISO-8601 like 2026-01-05T09:00:00Z)");
}

int read_int(std::string_view text, std::string_view all, size_t& pos, size_t digits) {
    if (pos + digits > text.size()) bad_time(all, "too short");
    int v = 0;
    for (size_t i = 0; i < digits; ++i) {
        char c = text[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) bad_time(all, "expected a digit");
        v = v * 10 + (c - '0');
    }
    pos += digits;
    return v;
}

// A Timestamp counts nanoseconds in 64 bits, so it spans 1677-09-21 to 2262-04-11: a time outside
// is refused instead of overflowing the conversion (found by fuzz_inbound_line, issue 19).
Timestamp in_range(std::string_view text, sys_time<milliseconds> t) {
    constexpr auto lo = ceil<milliseconds>(Timestamp::min().time_since_epoch());
    constexpr auto hi = floor<milliseconds>(Timestamp::max().time_since_epoch());
    if (t.time_since_epoch() < lo || t.time_since_epoch() > hi) bad_time(text, "out of range (years 1678 to 2261)");
    return Timestamp(t.time_since_epoch());
}

void expect(std::string_view text, size_t& pos, char c, const char* why) {
    if (pos >= text.size() || text[pos] != c) bad_time(text, why);
    ++pos;
}
}  // namespace

std::string format_time(Timestamp t) {
    const auto ms_total = to_unix_millis(t);
    const auto day = floor<days>(sys_time<milliseconds>(milliseconds(ms_total)));
    const year_month_day ymd{day};
    auto rem = milliseconds(ms_total) - day.time_since_epoch();
    const auto h = duration_cast<hours>(rem);
    rem -= h;
    const auto m = duration_cast<minutes>(rem);
    rem -= m;
    const auto s = duration_cast<seconds>(rem);
    rem -= s;
    char buf[40];
    if (rem.count() != 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                      unsigned(ymd.month()), unsigned(ymd.day()), int(h.count()), int(m.count()),
                      int(s.count()), int(rem.count()));
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                      unsigned(ymd.month()), unsigned(ymd.day()), int(h.count()), int(m.count()),
                      int(s.count()));
    }
    return buf;
}

Timestamp parse_time(std::string_view text) {
    size_t pos = 0;
    const int y = read_int(text, text, pos, 4);
    expect(text, pos, '-', "expected '-' after the year");
    const int mo = read_int(text, text, pos, 2);
    expect(text, pos, '-', "expected '-' after the month");
    const int d = read_int(text, text, pos, 2);
    const year_month_day ymd{year(y), month(unsigned(mo)), day(unsigned(d))};
    if (!ymd.ok()) bad_time(text, "no such date");
    sys_time<milliseconds> t = sys_days(ymd);
    if (pos == text.size()) return in_range(text, t);
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') bad_time(text, "expected 'T'");
    ++pos;
    const int hh = read_int(text, text, pos, 2);
    expect(text, pos, ':', "expected ':' after the hour");
    const int mi = read_int(text, text, pos, 2);
    int ss = 0;
    int ms = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        ss = read_int(text, text, pos, 2);
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            int scale = 100;
            size_t n = 0;
            while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
                if (n < 3) ms += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
                ++n;
            }
            if (n == 0) bad_time(text, "expected digits after the decimal point");
        }
    }
    if (hh > 23 || mi > 59 || ss > 60) bad_time(text, "hour, minute or second out of range");
    t += hours(hh) + minutes(mi) + seconds(ss) + milliseconds(ms);
    if (pos >= text.size()) bad_time(text, "missing time zone (use Z or +HH:MM)");
    const char z = text[pos];
    if (z == 'Z' || z == 'z') {
        ++pos;
    } else if (z == '+' || z == '-') {
        ++pos;
        const int oh = read_int(text, text, pos, 2);
        if (pos < text.size() && text[pos] == ':') ++pos;
        const int om = read_int(text, text, pos, 2);
        const auto off = hours(oh) + minutes(om);
        t -= (z == '+' ? off : -off);
    } else {
        bad_time(text, "unexpected character where the time zone should be");
    }
    if (pos != text.size()) bad_time(text, "trailing characters");
    return in_range(text, t);
}

Millis parse_duration(std::string_view text) {
    if (text.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "empty duration (expected e.g. 90m, 1.5h, 3d, 1d12h)");
    }
    const auto invalid = [&] {
        return Error(ErrorCode::kInvalidArgument,
                     "invalid duration '" + std::string(text) + "' (expected e.g. 90m, 1.5h, 3d, 1d12h)");
    };
    Millis total{0};
    size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), n);
        if (ec != std::errc() || n < 0) throw invalid();
        pos = static_cast<size_t>(p - text.data());
        // An optional decimal fraction ("1.5h"): up to 9 digits, rounded to the millisecond.
        std::int64_t frac = 0, scale = 1;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            const size_t digits_start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (pos - digits_start < 9) {
                    frac = frac * 10 + (text[pos] - '0');
                    scale *= 10;
                }
                ++pos;
            }
            if (pos == digits_start) throw invalid();
        }
        std::string_view unit = text.substr(pos);
        Millis unit_length;
        if (unit.starts_with("ms")) {
            unit_length = Millis(1);
            pos += 2;
        } else if (unit.starts_with("s")) {
            unit_length = seconds(1);
            ++pos;
        } else if (unit.starts_with("m")) {
            unit_length = minutes(1);
            ++pos;
        } else if (unit.starts_with("h")) {
            unit_length = hours(1);
            ++pos;
        } else if (unit.starts_with("d")) {
            unit_length = hours(24);
            ++pos;
        } else if (unit.starts_with("w")) {
            unit_length = hours(24 * 7);
            ++pos;
        } else {
            throw Error(ErrorCode::kInvalidArgument,
                        "invalid duration '" + std::string(text) +
                            "': each number needs a unit ms, s, m, h, d or w");
        }
        // Longer than any Timestamp can span (fuzzing found "99999999999999999d" overflowing):
        // refused, never wrapped around.
        constexpr std::int64_t kMaxMillis = 200LL * 366 * 24 * 3600 * 1000;
        if (n > kMaxMillis / unit_length.count()) {
            throw Error(ErrorCode::kInvalidArgument, "duration '" + std::string(text) + "' is longer than 200 years");
        }
        const Millis part = unit_length * n + Millis((unit_length.count() * frac + scale / 2) / scale);
        total += part;
        if (total.count() > kMaxMillis) {
            throw Error(ErrorCode::kInvalidArgument, "duration '" + std::string(text) + "' is longer than 200 years");
        }
    }
    return total;
}

std::string format_duration(Millis d) {
    if (d.count() == 0) return "0s";
    std::string out;
    auto ms = d.count();
    if (ms < 0) {
        out = "-";
        ms = -ms;
    }
    const std::pair<std::int64_t, const char*> units[] = {
        {86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}, {1, "ms"}};
    for (auto [size, name] : units) {
        if (ms >= size) {
            out += std::to_string(ms / size) + name;
            ms %= size;
        }
    }
    return out;
}

}  // namespace propos

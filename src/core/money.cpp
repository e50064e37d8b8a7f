#include "propos/core/money.hpp"

#include <cctype>

#include "propos/core/error.hpp"

namespace propos {
namespace {
[[noreturn]] void overflow(const char* op) {
    throw Error(ErrorCode::kInvalidArgument, std::string("money overflow in ") + op);
}
[[noreturn]] void bad_amount(std::string_view text) {
    throw Error(ErrorCode::kInvalidArgument,
                "invalid money amount '" + std::string(text) + "' (expected e.g. 123.45 or $1,234.50)");
}
}  // namespace

Money check_amount(Money amount, std::string_view field, Money max) {
    if (amount.in_cents() <= 0) {
        throw Error(ErrorCode::kInvalidArgument, std::string(field) + " must be more than $0.00 (got " +
                                                     amount.to_string() + ")");
    }
    if (amount > max) {
        throw Error(ErrorCode::kInvalidArgument, std::string(field) + " must be at most " + max.to_string() +
                                                     " (got " + amount.to_string() + ")");
    }
    return amount;
}

Money Money::dollars(std::int64_t d) {
    std::int64_t c = 0;
    if (__builtin_mul_overflow(d, 100, &c)) overflow("dollars()");
    return Money(c);
}

Money Money::parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    bool neg = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        neg = s.front() == '-';
        s.remove_prefix(1);
    }
    if (!s.empty() && s.front() == '$') s.remove_prefix(1);
    if (s.empty()) bad_amount(text);
    std::int64_t whole = 0;
    std::int64_t frac = 0;
    int frac_digits = -1;
    bool any_digit = false;
    for (char c : s) {
        if (c == ',' && frac_digits < 0) continue;
        if (c == '.' && frac_digits < 0) {
            frac_digits = 0;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) bad_amount(text);
        any_digit = true;
        if (frac_digits >= 0) {
            if (++frac_digits > 2) bad_amount(text);
            frac = frac * 10 + (c - '0');
        } else if (__builtin_mul_overflow(whole, 10, &whole) ||
                   __builtin_add_overflow(whole, c - '0', &whole)) {
            overflow("parse()");
        }
    }
    if (!any_digit) bad_amount(text);
    if (frac_digits == 1) frac *= 10;
    std::int64_t cents = 0;
    if (__builtin_mul_overflow(whole, 100, &cents) || __builtin_add_overflow(cents, frac, &cents)) {
        overflow("parse()");
    }
    return Money(neg ? -cents : cents);
}

namespace {
// Appends "whole.cc" for |cents|, with thousands separators when `group` is set. Built by appending
// only (GCC 12 reports a false -Wrestrict for operator+ chains on std::string at -O3).
void append_amount(std::string& out, std::int64_t cents, bool group) {
    const auto abs = cents < 0 ? 0ULL - static_cast<unsigned long long>(cents)
                               : static_cast<unsigned long long>(cents);
    const std::string whole = std::to_string(abs / 100);
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (group && i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(whole[i]);
    }
    out.push_back('.');
    const auto frac = static_cast<char>(abs % 100);
    out.push_back(static_cast<char>('0' + frac / 10));
    out.push_back(static_cast<char>('0' + frac % 10));
}
}  // namespace

std::string Money::to_decimal() const {
    std::string out;
    if (cents_ < 0) out.push_back('-');
    append_amount(out, cents_, false);
    return out;
}

std::string Money::to_string() const {
    std::string out;
    if (cents_ < 0) out.push_back('-');
    out.push_back('$');
    append_amount(out, cents_, true);
    return out;
}

Money Money::operator+(Money o) const {
    std::int64_t r = 0;
    if (__builtin_add_overflow(cents_, o.cents_, &r)) overflow("+");
    return Money(r);
}

Money Money::operator-(Money o) const {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(cents_, o.cents_, &r)) overflow("-");
    return Money(r);
}

Money Money::operator*(std::int64_t n) const {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(cents_, n, &r)) overflow("*");
    return Money(r);
}

Money Money::scaled_bp(std::int64_t basis_points) const {
    std::int64_t p = 0;
    if (__builtin_mul_overflow(cents_, basis_points, &p)) overflow("scaled_bp()");
    std::int64_t q = p / 10000;
    const std::int64_t r = p % 10000;
    if (r * 2 >= 10000) ++q;
    if (r * 2 <= -10000) --q;
    return Money(q);
}

}  // namespace propos

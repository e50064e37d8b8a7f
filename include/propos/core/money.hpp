/// @file money.hpp
/// @brief `Money`: an amount in integer cents (US dollars), never a floating-point number.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos {

/// @brief An amount of money in integer cents. Arithmetic overflow throws `Error(kInvalidArgument)`.
class PROPOS_EXPORT Money {
public:
    constexpr Money() noexcept = default;
    /// @brief From cents: `Money::cents(12345)` is $123.45.
    static constexpr Money cents(std::int64_t c) noexcept { return Money(c); }
    /// @brief From whole dollars: `Money::dollars(500)` is $500.00.
    static Money dollars(std::int64_t d);
    /// @brief Parses "123.45", "$1,234.50", "-5", "0.5". More than two decimals or anything else
    /// throws `Error(kInvalidArgument)` naming the text.
    static Money parse(std::string_view text);

    constexpr std::int64_t in_cents() const noexcept { return cents_; }
    /// @brief "$1,234.50" (negative: "-$5.00").
    std::string to_string() const;
    /// @brief "1234.50": plain decimal for JSON and CSV.
    std::string to_decimal() const;

    Money operator+(Money o) const;
    Money operator-(Money o) const;
    /// @brief Multiplies by an integer quantity.
    Money operator*(std::int64_t n) const;
    Money& operator+=(Money o) { return *this = *this + o; }
    Money& operator-=(Money o) { return *this = *this - o; }
    /// @brief Multiplies by `basis_points`/10000, rounding half away from zero (e.g. tolerances).
    Money scaled_bp(std::int64_t basis_points) const;

    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t c) noexcept : cents_(c) {}
    std::int64_t cents_ = 0;
};

/// @brief The default bound on an amount that comes from outside (a hand assignment, a bid, an
/// invoice, an NTE setting): $100,000.00. `Policy::max_amount` configures it for a coordinator.
inline constexpr Money kDefaultMaxAmount = Money::cents(10'000'000);

/// @brief Validates an amount that comes from outside: returns it when it is more than $0.00 and at
/// most `max`; otherwise throws `Error(kInvalidArgument)` naming `field`, e.g. "amount must be more
/// than $0.00 (got -$100.00)" or "bid must be at most $100,000.00 (got $250,000.00)".
PROPOS_EXPORT Money check_amount(Money amount, std::string_view field, Money max = kDefaultMaxAmount);

}  // namespace propos

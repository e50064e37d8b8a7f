/// @file crypto.hpp
/// @brief Hashing and encoding helpers on OpenSSL, used by the audit chain and request hashes.
#pragma once

#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos {

/// @brief SHA-256 of `data` as 64 lowercase hex digits.
PROPOS_EXPORT std::string sha256_hex(std::string_view data);

/// @brief Compares two strings in time independent of where they differ (for signatures and MACs).
PROPOS_EXPORT bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace propos

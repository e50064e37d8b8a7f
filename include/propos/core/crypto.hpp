/// @file crypto.hpp
/// @brief Hashing and encoding helpers on OpenSSL, used by the audit chain and request hashes.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos {

/// @brief SHA-256 of `data` as 64 lowercase hex digits.
PROPOS_EXPORT std::string sha256_hex(std::string_view data);

/// @brief SHA-256 of the concatenation of `parts` (without building it), as 64 lowercase hex digits.
PROPOS_EXPORT std::string sha256_hex_parts(std::initializer_list<std::string_view> parts);

/// @brief Compares two strings in time independent of where they differ (for signatures and MACs).
PROPOS_EXPORT bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace propos

/// @file crypto.hpp
/// @brief Hashing and encoding helpers on OpenSSL, used by the audit chain and request hashes.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "propos/export.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace propos {

/// @brief SHA-256 of `data` as 64 lowercase hex digits.
PROPOS_EXPORT std::string sha256_hex(std::string_view data);

/// @brief SHA-256 of the concatenation of `parts` (without building it), as 64 lowercase hex digits.
PROPOS_EXPORT std::string sha256_hex_parts(std::initializer_list<std::string_view> parts);

/// @brief Incremental SHA-256: `update` feeds bytes; `hex` gives the digest of everything fed so
/// far (optionally followed by a suffix that is not kept) and the hasher goes on from where it was.
/// For a text that grows at one end and is hashed at every step (a conversation), each step then
/// hashes only what was added. Copyable; a moved-from hasher starts over (as after `reset`). Not
/// thread-safe.
class PROPOS_EXPORT Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256& other);
    Sha256& operator=(const Sha256& other);
    Sha256(Sha256&& other) noexcept;
    Sha256& operator=(Sha256&& other) noexcept;

    /// @brief Feeds `data`.
    Sha256& update(std::string_view data);
    /// @brief SHA-256 of the bytes fed so far followed by `suffix`, as 64 lowercase hex digits.
    /// The hasher's state is unchanged (`suffix` is not fed).
    std::string hex(std::string_view suffix = {}) const;
    /// @brief Starts over, as if nothing had been fed.
    void reset();

private:
    evp_md_ctx_st* ctx_;
};

/// @brief Compares two strings in time independent of where they differ (for signatures and MACs).
PROPOS_EXPORT bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace propos

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

/// @brief An Ed25519 key pair as PEM text: the private key in PKCS#8 ("BEGIN PRIVATE KEY"), the
/// public key as SubjectPublicKeyInfo ("BEGIN PUBLIC KEY") — what `openssl genpkey -algorithm
/// ed25519` and `openssl pkey -pubout` write.
struct Ed25519KeyPair {
    std::string private_pem;
    std::string public_pem;
};

/// @brief A new random Ed25519 key pair (OpenSSL's random generator). Throws `Error(kInternal)`
/// when OpenSSL fails.
PROPOS_EXPORT Ed25519KeyPair ed25519_generate();

/// @brief The public key (PEM) of an Ed25519 private key (PEM). Throws `Error(kInvalidArgument)`
/// when `private_pem` is not an Ed25519 private key.
PROPOS_EXPORT std::string ed25519_public_pem(std::string_view private_pem);

/// @brief The Ed25519 signature of `message` with `private_pem`, base64 (88 characters).
/// Throws `Error(kInvalidArgument)` when `private_pem` is not an Ed25519 private key.
PROPOS_EXPORT std::string ed25519_sign(std::string_view private_pem, std::string_view message);

/// @brief True when `signature_b64` (base64, as `ed25519_sign` writes) is the Ed25519 signature
/// of `message` by the key `public_pem`; false for any other signature, including one that is not
/// base64. Throws `Error(kInvalidArgument)` when `public_pem` is not an Ed25519 public key.
PROPOS_EXPORT bool ed25519_verify(std::string_view public_pem, std::string_view message,
                                  std::string_view signature_b64);

}  // namespace propos

// Private: JSON Web Key Sets (RSA) and detached-JWS PS256 verification on OpenSSL.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace propos::pms::detail {

/// The RSA keys of a JWKS, ready to verify with. Immutable after construction; share freely.
class RsaKeySet {
public:
    /// Parses JWKS JSON; throws Error(kInvalidArgument) when it is not a key set or has no usable
    /// RSA signing key (kty RSA, use absent or "sig", modulus at least 2048 bits).
    static std::shared_ptr<const RsaKeySet> parse(std::string_view jwks_json);
    ~RsaKeySet();
    std::size_t size() const noexcept;

    /// Verifies a detached compact JWS over `payload`; false with `why` set on any failure.
    bool verify_detached(std::string_view jws, std::string_view payload, std::string* why) const;

private:
    struct Key;
    RsaKeySet() = default;
    std::vector<std::unique_ptr<Key>> keys_;
};

}  // namespace propos::pms::detail

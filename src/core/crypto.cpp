#include "propos/core/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "propos/core/error.hpp"

namespace propos {

namespace {

std::string hex(const unsigned char* md, unsigned int len) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(len * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = kHex[md[i] >> 4];
        out[2 * i + 1] = kHex[md[i] & 15];
    }
    return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) {
        throw Error(ErrorCode::kInternal, "OpenSSL SHA-256 failed");
    }
    return hex(md, len);
}

std::string sha256_hex_parts(std::initializer_list<std::string_view> parts) {
    struct Ctx {
        EVP_MD_CTX* p = EVP_MD_CTX_new();
        ~Ctx() { EVP_MD_CTX_free(p); }
    } ctx;
    bool ok = ctx.p != nullptr && EVP_DigestInit_ex(ctx.p, EVP_sha256(), nullptr) == 1;
    for (const auto part : parts) {
        ok = ok && EVP_DigestUpdate(ctx.p, part.data(), part.size()) == 1;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    ok = ok && EVP_DigestFinal_ex(ctx.p, md, &len) == 1;
    if (!ok) throw Error(ErrorCode::kInternal, "OpenSSL SHA-256 failed");
    return hex(md, len);
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace propos

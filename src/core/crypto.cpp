#include "propos/core/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <utility>

#include "propos/core/error.hpp"

namespace propos {

namespace {

std::string to_hex(const unsigned char* md, unsigned int len) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(len * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = kHex[md[i] >> 4];
        out[2 * i + 1] = kHex[md[i] & 15];
    }
    return out;
}

// SHA-256 fetched from OpenSSL's provider once: `EVP_sha256()` makes every digest look it up
// again (an implicit fetch, with its locks and property query).
const EVP_MD* sha256_md() {
    static const EVP_MD* const md = [] {
        const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    return md;
}

[[noreturn]] void sha256_failed() {
    throw Error(ErrorCode::kInternal, "OpenSSL SHA-256 failed");
}

// A SHA-256 state started over: `reuse` reinitialized, or a new one when null. Null when OpenSSL
// fails (then `reuse` is freed); the moved-from hasher keeps that null (`update`/`hex` throw and
// `reset` tries again).
EVP_MD_CTX* fresh_ctx(EVP_MD_CTX* reuse) noexcept {
    EVP_MD_CTX* ctx = reuse ? reuse : EVP_MD_CTX_new();
    if (ctx && EVP_DigestInit_ex(ctx, sha256_md(), nullptr) != 1) {
        EVP_MD_CTX_free(ctx);
        ctx = nullptr;
    }
    return ctx;
}

EVP_MD_CTX* new_ctx() {
    EVP_MD_CTX* ctx = fresh_ctx(nullptr);
    if (!ctx) sha256_failed();
    return ctx;
}

EVP_MD_CTX* copy_ctx(const EVP_MD_CTX* from) {
    if (!from) sha256_failed();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_MD_CTX_copy_ex(ctx, from) != 1) {
        EVP_MD_CTX_free(ctx);
        sha256_failed();
    }
    return ctx;
}

}  // namespace

Sha256::Sha256() : ctx_(new_ctx()) {}

Sha256::~Sha256() {
    EVP_MD_CTX_free(ctx_);
}

Sha256::Sha256(const Sha256& other) : ctx_(copy_ctx(other.ctx_)) {}

Sha256& Sha256::operator=(const Sha256& other) {
    if (this != &other) {
        EVP_MD_CTX* ctx = copy_ctx(other.ctx_);
        EVP_MD_CTX_free(ctx_);
        ctx_ = ctx;
    }
    return *this;
}

Sha256::Sha256(Sha256&& other) noexcept : ctx_(std::exchange(other.ctx_, fresh_ctx(nullptr))) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
    if (this != &other) {
        std::swap(ctx_, other.ctx_);
        other.ctx_ = fresh_ctx(other.ctx_);  // this hasher's old state, started over
    }
    return *this;
}

Sha256& Sha256::update(std::string_view data) {
    if (!ctx_ || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1) sha256_failed();
    return *this;
}

std::string Sha256::hex(std::string_view suffix) const {
    struct Ctx {
        EVP_MD_CTX* p;
        ~Ctx() { EVP_MD_CTX_free(p); }
    } copy{copy_ctx(ctx_)};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if ((!suffix.empty() && EVP_DigestUpdate(copy.p, suffix.data(), suffix.size()) != 1) ||
        EVP_DigestFinal_ex(copy.p, md, &len) != 1) {
        sha256_failed();
    }
    return to_hex(md, len);
}

void Sha256::reset() {
    ctx_ = fresh_ctx(ctx_);
    if (!ctx_) sha256_failed();
}

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, sha256_md(), nullptr) != 1) sha256_failed();
    return to_hex(md, len);
}

std::string sha256_hex_parts(std::initializer_list<std::string_view> parts) {
    Sha256 h;
    for (const auto part : parts) h.update(part);
    return h.hex();
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace propos

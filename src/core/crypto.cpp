#include "propos/core/crypto.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
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

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct BioFree {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// An Ed25519 key read from PEM (private or public); null when the text is not such a key.
Pkey read_ed25519(std::string_view pem, bool want_private) {
    if (pem.size() > 1 << 16) return nullptr;
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return nullptr;
    Pkey key(want_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                          : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (key && EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) key.reset();
    return key;
}

Pkey require_ed25519(std::string_view pem, bool want_private) {
    auto key = read_ed25519(pem, want_private);
    if (!key) {
        throw Error(ErrorCode::kInvalidArgument,
                    want_private ? "not an Ed25519 private key in PEM (\"BEGIN PRIVATE KEY\"; make one with "
                                   "`openssl genpkey -algorithm ed25519`)"
                                 : "not an Ed25519 public key in PEM (\"BEGIN PUBLIC KEY\"; derive it with "
                                   "`openssl pkey -in KEY.pem -pubout`)");
    }
    return key;
}

std::string pem_of(EVP_PKEY* key, bool private_part) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    const int ok = bio ? (private_part ? PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                                                       nullptr, nullptr)
                                       : PEM_write_bio_PUBKEY(bio.get(), key))
                       : 0;
    if (ok != 1) throw Error(ErrorCode::kInternal, "OpenSSL could not write an Ed25519 key");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

Ed25519KeyPair ed25519_generate() {
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw) throw Error(ErrorCode::kInternal, "OpenSSL could not generate an Ed25519 key");
    Pkey key(raw);
    return {pem_of(key.get(), true), pem_of(key.get(), false)};
}

std::string ed25519_public_pem(std::string_view private_pem) {
    return pem_of(require_ed25519(private_pem, true).get(), false);
}

std::string ed25519_sign(std::string_view private_pem, std::string_view message) {
    const auto key = require_ed25519(private_pem, true);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    unsigned char sig[64];
    std::size_t len = sizeof sig;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
        throw Error(ErrorCode::kInternal, "OpenSSL could not sign with the Ed25519 key");
    }
    unsigned char b64[4 * ((sizeof sig + 2) / 3) + 1];
    const int n = EVP_EncodeBlock(b64, sig, static_cast<int>(len));
    return std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n));
}

bool ed25519_verify(std::string_view public_pem, std::string_view message, std::string_view signature_b64) {
    const auto key = require_ed25519(public_pem, false);
    // 64 bytes are 88 base64 characters ending in "==".
    if (signature_b64.size() != 88) return false;
    unsigned char sig[66];
    if (EVP_DecodeBlock(sig, reinterpret_cast<const unsigned char*>(signature_b64.data()), 88) != 66) {
        return false;
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), sig, 64, reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

}  // namespace propos

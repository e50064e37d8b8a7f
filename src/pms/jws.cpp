#include "pms/jws.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "pms/pms_util.hpp"
#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/pms/appfolio.hpp"

namespace propos::pms::detail {

struct RsaKeySet::Key {
    std::string kid;
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

RsaKeySet::~RsaKeySet() = default;
std::size_t RsaKeySet::size() const noexcept { return keys_.size(); }

namespace {

struct BnFree {
    void operator()(BIGNUM* b) const { BN_free(b); }
};
struct BldFree {
    void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

EVP_PKEY* rsa_from_jwk(std::string_view n_b64, std::string_view e_b64) {
    const auto n = base64url_decode(n_b64);
    const auto e = base64url_decode(e_b64);
    if (!n || !e || n->empty() || e->empty()) return nullptr;
    std::unique_ptr<BIGNUM, BnFree> bn_n(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr));
    std::unique_ptr<BIGNUM, BnFree> bn_e(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr));
    if (!bn_n || !bn_e || BN_num_bits(bn_n.get()) < 2048) return nullptr;
    std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
        return nullptr;
    }
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
    EVP_PKEY* pkey = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) return nullptr;
    return pkey;
}

bool verify_pss(EVP_PKEY* pkey, std::string_view input, std::string_view sig) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;  // owned by md
    if (!md || EVP_DigestVerifyInit(md.get(), &pctx, EVP_sha256(), nullptr, pkey) != 1) return false;
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1) {
        return false;
    }
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                            reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

}  // namespace

std::shared_ptr<const RsaKeySet> RsaKeySet::parse(std::string_view jwks_json) {
    Json j;
    try {
        j = Json::parse(jwks_json);
    } catch (const Json::exception&) {
        throw Error(ErrorCode::kInvalidArgument, "JWKS is not JSON");
    }
    if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) {
        throw Error(ErrorCode::kInvalidArgument, "JWKS must be an object with a \"keys\" array");
    }
    std::shared_ptr<RsaKeySet> set(new RsaKeySet());
    for (const auto& k : j["keys"]) {
        if (!k.is_object() || text(k, {"kty"}) != "RSA") continue;
        if (const auto use = text(k, {"use"}); !use.empty() && use != "sig") continue;
        if (const auto alg = text(k, {"alg"}); !alg.empty() && alg != "PS256") continue;
        EVP_PKEY* pkey = rsa_from_jwk(text(k, {"n"}), text(k, {"e"}));
        if (!pkey) continue;
        auto key = std::make_unique<Key>();
        key->kid = text(k, {"kid"});
        key->pkey = pkey;
        set->keys_.push_back(std::move(key));
    }
    if (set->keys_.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "JWKS has no usable RSA signing key (kty RSA, PS256, at least 2048 bits)");
    }
    return set;
}

bool RsaKeySet::verify_detached(std::string_view jws, std::string_view payload, std::string* why) const {
    auto no = [&](const char* reason) {
        if (why) *why = reason;
        return false;
    };
    const auto dot = jws.find('.');
    if (dot == std::string_view::npos || jws.size() < dot + 2 || jws[dot + 1] != '.') {
        return no("signature is not a detached JWS (header..signature)");
    }
    const auto header_b64 = detail::trim(jws.substr(0, dot));
    const auto sig_b64 = detail::trim(jws.substr(dot + 2));
    const auto header_text = base64url_decode(header_b64);
    const auto sig = base64url_decode(sig_b64);
    if (!header_text || !sig || sig->empty()) return no("JWS parts are not base64url");
    Json header;
    try {
        header = Json::parse(*header_text);
    } catch (const Json::exception&) {
        return no("JWS header is not JSON");
    }
    if (!header.is_object() || text(header, {"alg"}) != "PS256") return no("JWS algorithm is not PS256");
    bool b64 = true;
    if (auto it = header.find("b64"); it != header.end() && it->is_boolean()) b64 = it->get<bool>();
    const std::string input =
        std::string(header_b64) + "." + (b64 ? base64url_encode(payload) : std::string(payload));
    const auto kid = text(header, {"kid"});
    bool tried = false;
    for (const auto& k : keys_) {
        if (!kid.empty() && k->kid != kid) continue;
        tried = true;
        if (verify_pss(k->pkey, input, *sig)) return true;
    }
    return no(tried ? "JWS signature does not match" : "JWS key id is not in the key set");
}

}  // namespace propos::pms::detail

namespace propos::pms {

bool verify_detached_jws(std::string_view jws, std::string_view payload, std::string_view jwks_json,
                         std::string* why) {
    try {
        return detail::RsaKeySet::parse(jwks_json)->verify_detached(jws, payload, why);
    } catch (const std::exception& e) {
        if (why) *why = e.what();
        return false;
    }
}

}  // namespace propos::pms

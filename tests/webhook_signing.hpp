// Test helpers that build and sign requests exactly as the providers do: a P-256 key for SendGrid
// Event Webhook signatures (OpenSSL), form bodies (Twilio) and multipart/form-data (Inbound Parse).
#pragma once

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>
#include <utility>
#include <vector>

#include "core/strings.hpp"  // header-only: tests see src/

namespace propos::testing {

/// A P-256 key made for the test, to sign SendGrid Event Webhook payloads:
/// signature = base64(DER ECDSA-SHA256(timestamp + payload)), key = base64 SubjectPublicKeyInfo.
class EcKey {
public:
    EcKey() : key_(EVP_EC_gen("P-256")) {}
    ~EcKey() { EVP_PKEY_free(key_); }
    EcKey(const EcKey&) = delete;
    EcKey& operator=(const EcKey&) = delete;

    std::string public_b64() const {
        unsigned char* der = nullptr;
        const int n = i2d_PUBKEY(key_, &der);
        std::string out =
            b64(std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
        OPENSSL_free(der);
        return out;
    }
    std::string sign_b64(const std::string& data) const {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
        std::size_t len = 0;
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
        std::string sig(len, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
        sig.resize(len);
        EVP_MD_CTX_free(ctx);
        return b64(sig);
    }
    static std::string b64(const std::string& raw) { return propos::detail::base64_encode(raw); }

private:
    EVP_PKEY* key_ = nullptr;
};

/// An application/x-www-form-urlencoded body, fields in the given order.
inline std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty()) out += '&';
        out +=
            httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
    }
    return out;
}

/// One field (or file) of a multipart/form-data body.
struct Part {
    std::string name;
    std::string value;
    std::string filename;
    std::string content_type;
};

inline const std::string kMultipartBoundary = "xYzZY";
inline const std::string kMultipartType = "multipart/form-data; boundary=xYzZY";

/// A multipart/form-data body with boundary `kMultipartBoundary`, as SendGrid Inbound Parse posts.
inline std::string multipart(const std::vector<Part>& parts) {
    std::string out;
    for (const auto& p : parts) {
        out += "--" + kMultipartBoundary + "\r\n";
        out += "Content-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) out += "; filename=\"" + p.filename + "\"";
        out += "\r\n";
        if (!p.content_type.empty()) out += "Content-Type: " + p.content_type + "\r\n";
        out += "\r\n" + p.value + "\r\n";
    }
    out += "--" + kMultipartBoundary + "--\r\n";
    return out;
}

}  // namespace propos::testing

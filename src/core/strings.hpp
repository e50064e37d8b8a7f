// Private: text and encoding helpers shared by the layers (agent and workflows read tenants'
// words; channels and pms parse wire formats): ASCII and UTF-8 case, whitespace, media types,
// percent-encoding, base64 / base64url, HMAC and SHA-256 digests on OpenSSL. Header-only so that it needs no entry in core's source list.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "propos/core/error.hpp"

namespace propos::detail {

/// ASCII upper case (bytes >= 0x80 are kept as they are).
inline std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// ASCII lower case (bytes >= 0x80 are kept as they are).
inline std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Lower-cases ASCII, Latin-1 letters (É -> é) and Cyrillic (Т -> т) in UTF-8; other bytes pass.
inline std::string lower_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {  // U+00C0-U+00DE
            out += static_cast<char>(c);
            out += static_cast<char>(next + 0x20);
            ++i;
        } else if (c == 0xD0 && next >= 0x90 && next <= 0x9F) {  // U+0410-U+041F -> U+0430-U+043F
            out += static_cast<char>(0xD0);
            out += static_cast<char>(next + 0x20);
            ++i;
        } else if (c == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // U+0420-U+042F -> U+0440-U+044F
            out += static_cast<char>(0xD1);
            out += static_cast<char>(next - 0x20);
            ++i;
        } else if (c == 0xD0 && next == 0x81) {  // Ё -> ё
            out += static_cast<char>(0xD1);
            out += static_cast<char>(0x91);
            ++i;
        } else {
            out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
        }
    }
    return out;
}

/// At most `max` bytes of `text`, never cutting a UTF-8 character in two.
inline std::string_view utf8_prefix(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
}

/// `s` without leading and trailing ASCII white space.
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// ASCII case-insensitive equality.
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

inline bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

/// "text/plain; charset=UTF-8" -> "text/plain" (lower case, trimmed).
inline std::string media_type(std::string_view content_type) {
    return lower(trim(content_type.substr(0, content_type.find(';'))));
}

/// Percent-encoding of one URL component. `form`: application/x-www-form-urlencoded (space as '+',
/// '*' kept, as Twilio and browsers encode forms); else RFC 3986 (unreserved A-Z a-z 0-9 - _ . ~).
inline std::string percent_encode(std::string_view s, bool form) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() * 3 / 2);
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || (form ? c == '*' : c == '~')) {
            out.push_back(static_cast<char>(c));
        } else if (form && c == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

/// Standard base64 with padding.
inline std::string base64_encode(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(data.data()),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

/// Standard base64 with padding; white space is not accepted. nullopt when malformed.
inline std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    for (char c : text) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) {
            return std::nullopt;
        }
    }
    std::size_t pad = 0;
    if (!text.empty() && text.back() == '=') ++pad;
    if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
    if (text.substr(0, text.size() - pad).find('=') != std::string_view::npos) return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    if (text.empty()) return out;
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

/// base64url without padding (RFC 4648 section 5, as JOSE uses it).
inline std::string base64url_encode(std::string_view data) {
    auto s = base64_encode(data);
    while (!s.empty() && s.back() == '=') s.pop_back();
    for (auto& c : s) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return s;
}

/// base64url without padding; padding, white space and the standard alphabet's '+' '/' are not
/// accepted. nullopt when malformed.
inline std::optional<std::string> base64url_decode(std::string_view text) {
    std::string s;
    s.reserve(text.size() + 3);
    for (char c : text) {
        if (c == '-') {
            s.push_back('+');
        } else if (c == '_') {
            s.push_back('/');
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            s.push_back(c);
        } else {
            return std::nullopt;
        }
    }
    if (s.size() % 4 == 1) return std::nullopt;
    while (s.size() % 4 != 0) s.push_back('=');
    return base64_decode(s);
}

/// HMAC of `data` keyed with `key` (raw digest bytes). Throws Error(kInternal) if OpenSSL fails.
inline std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (HMAC(md, key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
             &len) == nullptr) {
        throw Error(ErrorCode::kInternal, "OpenSSL HMAC failed");
    }
    return std::string(reinterpret_cast<const char*>(out), len);
}
inline std::string hmac_sha1(std::string_view key, std::string_view data) {
    return hmac(EVP_sha1(), key, data);
}
inline std::string hmac_sha256(std::string_view key, std::string_view data) {
    return hmac(EVP_sha256(), key, data);
}

/// SHA-256 of `data` (raw 32 bytes). Throws Error(kInternal) if OpenSSL fails.
inline std::string sha256_raw(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) {
        throw Error(ErrorCode::kInternal, "OpenSSL SHA-256 failed");
    }
    return std::string(reinterpret_cast<const char*>(md), len);
}

/// Lower-case hex of raw bytes.
inline std::string to_hex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    return out;
}

}  // namespace propos::detail

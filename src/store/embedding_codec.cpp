// The stored form of embeddings (embedding_codec.hpp).
#include "embedding_codec.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "propos/core/error.hpp"

namespace propos::store_detail {

namespace {

constexpr char kHalfTag = 'h';  // the first byte of the 16-bit form
constexpr std::size_t kHalfHeader = 1 + sizeof(float);

}  // namespace

std::uint16_t float_to_half(float value) noexcept {
    std::uint32_t f = 0;
    std::memcpy(&f, &value, sizeof f);
    const auto sign = static_cast<std::uint16_t>((f >> 16) & 0x8000u);
    const std::uint32_t abs = f & 0x7fffffffu;
    if (abs >= 0x477ff000u) return sign | 0x7c00u;  // 65520 and beyond (and NaN): infinity
    if (abs < 0x38800000u) {                           // below 2^-14: subnormal or zero
        if (abs < 0x33000000u) return sign;            // below 2^-25: zero
        // value = significand * 2^(exponent - 150); in units of 2^-24: significand >> shift.
        const std::uint32_t significand = (abs & 0x7fffffu) | 0x800000u;
        const std::uint32_t shift = 126u - (abs >> 23);  // 14..24
        std::uint32_t h = significand >> shift;
        const std::uint32_t rest = significand & ((1u << shift) - 1u);
        const std::uint32_t halfway = 1u << (shift - 1u);
        if (rest > halfway || (rest == halfway && (h & 1u))) ++h;  // may carry into the exponent
        return static_cast<std::uint16_t>(sign | h);
    }
    // Normal: exponent rebased from 127 to 15, ten bits of the significand kept.
    std::uint32_t h = (abs >> 13) - (112u << 10);
    const std::uint32_t rest = abs & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ++h;  // a carry rounds up the exponent
    return static_cast<std::uint16_t>(sign | h);
}

float half_to_float(std::uint16_t half) noexcept {
    const std::uint32_t exponent = (half >> 10) & 0x1fu;
    const std::uint32_t significand = half & 0x3ffu;
    float value = 0;
    if (exponent == 0) {
        value = std::ldexp(static_cast<float>(significand), -24);  // subnormal or zero
    } else if (exponent == 31) {
        value = significand ? std::numeric_limits<float>::quiet_NaN()
                            : std::numeric_limits<float>::infinity();
    } else {
        const std::uint32_t f = ((exponent + 112u) << 23) | (significand << 13);
        std::memcpy(&value, &f, sizeof value);
    }
    return (half & 0x8000u) ? -value : value;
}

std::string encode_embedding(const std::vector<float>& embedding) {
    std::string out;
    if (embedding.empty()) return out;
    float scale = 0;
    for (const float v : embedding) {
        if (!std::isfinite(v)) {  // kept as given
            out.resize(embedding.size() * sizeof(float));
            std::memcpy(out.data(), embedding.data(), out.size());
            return out;
        }
        scale = std::max(scale, std::fabs(v));
    }
    out.resize(kHalfHeader + embedding.size() * sizeof(std::uint16_t));
    out[0] = kHalfTag;
    std::memcpy(out.data() + 1, &scale, sizeof scale);
    char* at = out.data() + kHalfHeader;
    for (const float v : embedding) {
        const std::uint16_t h = scale > 0 ? float_to_half(v / scale) : 0;
        std::memcpy(at, &h, sizeof h);
        at += sizeof h;
    }
    return out;
}

std::vector<float> decode_embedding(std::string_view bytes, const std::string& what) {
    std::vector<float> out;
    if (bytes.empty()) return out;
    if (bytes.size() % 2 == 1 && bytes.size() >= kHalfHeader && bytes[0] == kHalfTag) {
        float scale = 0;
        std::memcpy(&scale, bytes.data() + 1, sizeof scale);
        out.resize((bytes.size() - kHalfHeader) / sizeof(std::uint16_t));
        const char* at = bytes.data() + kHalfHeader;
        for (auto& v : out) {
            std::uint16_t h = 0;
            std::memcpy(&h, at, sizeof h);
            at += sizeof h;
            v = half_to_float(h) * scale;
        }
        return out;
    }
    if (bytes.size() % sizeof(float) != 0) {
        throw Error(ErrorCode::kCorrupt, what + " has a damaged embedding (" +
                                             std::to_string(bytes.size()) + " bytes)");
    }
    out.resize(bytes.size() / sizeof(float));
    std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

std::vector<float> stored_embedding(const std::vector<float>& embedding) {
    return decode_embedding(encode_embedding(embedding), "embedding");
}

}  // namespace propos::store_detail

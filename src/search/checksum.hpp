// Private: a fast streaming 64-bit checksum for index files (detects damaged or truncated files;
// not a cryptographic hash). Four independent multiply-rotate lanes over 32-byte blocks, so it runs
// at memory speed; the result depends only on the bytes, not on how they were split into update()
// calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace propos::search_detail {

class Checksum64 {
public:
    void update(const void* data, std::size_t n) noexcept {
        auto p = static_cast<const unsigned char*>(data);
        total_ += n;
        if (buffered_ > 0) {
            const std::size_t take = n < kBlock - buffered_ ? n : kBlock - buffered_;
            std::memcpy(buf_ + buffered_, p, take);
            buffered_ += take;
            p += take;
            n -= take;
            if (buffered_ < kBlock) return;
            block(buf_);
            buffered_ = 0;
        }
        for (; n >= kBlock; n -= kBlock, p += kBlock) block(p);
        if (n > 0) {
            std::memcpy(buf_, p, n);
            buffered_ = n;
        }
    }

    std::uint64_t digest() const noexcept {
        std::uint64_t h = rotl(v_[0], 1) + rotl(v_[1], 7) + rotl(v_[2], 12) + rotl(v_[3], 18);
        for (std::uint64_t v : v_) h = (h ^ round(0, v)) * kP1 + kP4;
        h += total_;
        for (std::size_t i = 0; i < buffered_; ++i) h = rotl(h ^ (buf_[i] * kP5), 11) * kP1;
        h ^= h >> 33;
        h *= kP2;
        h ^= h >> 29;
        h *= kP3;
        h ^= h >> 32;
        return h;
    }

    static std::string hex(std::uint64_t v) {
        static const char* d = "0123456789abcdef";
        std::string s(16, '0');
        for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = d[v & 15];
        return s;
    }

private:
    static constexpr std::size_t kBlock = 32;
    static constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ULL;
    static constexpr std::uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
    static constexpr std::uint64_t kP3 = 0x165667B19E3779F9ULL;
    static constexpr std::uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
    static constexpr std::uint64_t kP5 = 0x27D4EB2F165667C5ULL;

    static std::uint64_t rotl(std::uint64_t x, int r) noexcept {
        return (x << r) | (x >> (64 - r));
    }
    static std::uint64_t round(std::uint64_t acc, std::uint64_t w) noexcept {
        return rotl(acc + w * kP2, 31) * kP1;
    }
    void block(const unsigned char* p) noexcept {
        std::uint64_t w[4];
        std::memcpy(w, p, sizeof w);
        v_[0] = round(v_[0], w[0]);
        v_[1] = round(v_[1], w[1]);
        v_[2] = round(v_[2], w[2]);
        v_[3] = round(v_[3], w[3]);
    }

    std::uint64_t v_[4] = {kP1 + kP2, kP2, 0, 0 - kP1};
    std::uint64_t total_ = 0;
    unsigned char buf_[kBlock] = {};
    std::size_t buffered_ = 0;
};

}  // namespace propos::search_detail

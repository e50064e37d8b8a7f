#include "propos/core/ids.hpp"

#include <chrono>
#include <cstdint>
#include <random>

namespace propos {
namespace {
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::mt19937_64& rng() {
    // One generator per thread, seeded from the OS: no shared mutable state, no locking.
    thread_local std::mt19937_64 gen([] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }());
    return gen;
}
}  // namespace

std::string new_id(std::string_view prefix) {
    const auto ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
    std::string out(prefix);
    if (!out.empty()) out += '_';
    char buf[26];
    std::uint64_t t = ms;
    for (int i = 9; i >= 0; --i) {  // 10 chars of time (50 bits, top 2 zero)
        buf[i] = kCrockford[t & 31];
        t >>= 5;
    }
    std::uint64_t r1 = rng()(), r2 = rng()();
    for (int i = 10; i < 26; ++i) {  // 16 chars of randomness (80 bits)
        std::uint64_t& r = i < 23 ? r1 : r2;
        buf[i] = kCrockford[r & 31];
        r >>= 5;
    }
    out.append(buf, 26);
    return out;
}

}  // namespace propos

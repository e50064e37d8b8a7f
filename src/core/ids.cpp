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

// The id source of this thread while a ScopedIdSequence lives (null: random ids).
thread_local IdSequence* t_sequence = nullptr;

std::uint64_t unix_ms(Timestamp t) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

// prefix_ + 10 chars of time (50 bits, top 2 zero) + 16 chars from hi (40 bits) and lo (40 bits).
std::string format_id(std::string_view prefix, std::uint64_t ms, std::uint64_t hi, std::uint64_t lo) {
    std::string out(prefix);
    if (!out.empty()) out += '_';
    char buf[26];
    for (int i = 9; i >= 0; --i, ms >>= 5) buf[i] = kCrockford[ms & 31];
    for (int i = 17; i >= 10; --i, hi >>= 5) buf[i] = kCrockford[hi & 31];
    for (int i = 25; i >= 18; --i, lo >>= 5) buf[i] = kCrockford[lo & 31];
    out.append(buf, 26);
    return out;
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
}  // namespace

IdSequence::IdSequence(std::uint64_t seed, std::shared_ptr<Clock> clock)
    : seed_(seed), clock_(clock ? std::move(clock) : system_clock()) {}

std::string IdSequence::next(std::string_view prefix) {
    const std::uint64_t n = counter_.fetch_add(1) + 1;
    return format_id(prefix, unix_ms(clock_->now()), n, splitmix64(seed_ ^ splitmix64(n)));
}

ScopedIdSequence::ScopedIdSequence(IdSequence* sequence) noexcept : previous_(t_sequence) {
    t_sequence = sequence;
}

ScopedIdSequence::~ScopedIdSequence() { t_sequence = previous_; }

std::string new_id(std::string_view prefix) {
    if (t_sequence) return t_sequence->next(prefix);
    return format_id(prefix, unix_ms(std::chrono::system_clock::now()), rng()(), rng()());
}

}  // namespace propos

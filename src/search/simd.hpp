// Private: dot-product kernels for float vectors, picked once at run time for the CPU (AVX2+FMA,
// else SSE2 on x86-64; a portable loop elsewhere).
#pragma once

#include <cstddef>

namespace propos::search_detail {

/// a·b over n floats. Unaligned pointers are fine.
using DotFn = float (*)(const float* a, const float* b, std::size_t n) noexcept;

/// The fastest kernel this CPU runs (decided on first call; thread-safe).
DotFn dot_kernel() noexcept;
/// Name of that kernel: "avx2+fma", "sse2" or "scalar".
const char* dot_kernel_name() noexcept;

/// 1 - a·b with hnswlib's distance signature (the third argument points to the size_t dimension).
using IpDistanceFn = float (*)(const void* a, const void* b, const void* dim);
IpDistanceFn ip_distance_kernel() noexcept;

inline float dot(const float* a, const float* b, std::size_t n) noexcept {
    return dot_kernel()(a, b, n);
}

/// Scales v to unit length; returns the length it had. A zero (or non-finite) vector is left as is.
float normalize(float* v, std::size_t n) noexcept;

}  // namespace propos::search_detail

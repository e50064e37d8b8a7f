#include "search/simd.hpp"

#include <cmath>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PROPOS_X86 1
#endif

namespace propos::search_detail {
namespace {

[[maybe_unused]] float dot_scalar(const float* a, const float* b, std::size_t n) noexcept {
    // Four partial sums: the compiler may not reorder a float reduction on its own.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; ++i) s0 += a[i] * b[i];
    return (s0 + s1) + (s2 + s3);
}

#ifdef PROPOS_X86
float dot_sse2(const float* a, const float* b, std::size_t n) noexcept {
    __m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps(), s2 = _mm_setzero_ps(),
           s3 = _mm_setzero_ps();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
        s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)));
        s2 = _mm_add_ps(s2, _mm_mul_ps(_mm_loadu_ps(a + i + 8), _mm_loadu_ps(b + i + 8)));
        s3 = _mm_add_ps(s3, _mm_mul_ps(_mm_loadu_ps(a + i + 12), _mm_loadu_ps(b + i + 12)));
    }
    for (; i + 4 <= n; i += 4)
        s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
    __m128 s = _mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3));
    alignas(16) float t[4];
    _mm_store_ps(t, s);
    float r = (t[0] + t[1]) + (t[2] + t[3]);
    for (; i < n; ++i) r += a[i] * b[i];
    return r;
}

__attribute__((target("avx2,fma"))) float dot_avx2(const float* a, const float* b,
                                                   std::size_t n) noexcept {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(),
           s3 = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= n; i += 8)
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    const __m256 s = _mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3));
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
    float r = _mm_cvtss_f32(h);
    for (; i < n; ++i) r += a[i] * b[i];
    return r;
}
#endif

struct Picked {
    DotFn fn;
    const char* name;
};

Picked pick() noexcept {
#ifdef PROPOS_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return {dot_avx2, "avx2+fma"};
    return {dot_sse2, "sse2"};
#else
    return {dot_scalar, "scalar"};
#endif
}

const Picked& picked() noexcept {
    static const Picked p = pick();
    return p;
}

template <DotFn F>
float ip_distance(const void* a, const void* b, const void* dim) {
    return 1.0f - F(static_cast<const float*>(a), static_cast<const float*>(b),
                    *static_cast<const std::size_t*>(dim));
}

}  // namespace

DotFn dot_kernel() noexcept {
    return picked().fn;
}
const char* dot_kernel_name() noexcept {
    return picked().name;
}

IpDistanceFn ip_distance_kernel() noexcept {
#ifdef PROPOS_X86
    if (picked().fn == dot_avx2) return ip_distance<dot_avx2>;
    return ip_distance<dot_sse2>;
#else
    return ip_distance<dot_scalar>;
#endif
}

float normalize(float* v, std::size_t n) noexcept {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(v[i]) * v[i];
    const double norm = std::sqrt(s);
    if (!(norm > 0) || !std::isfinite(norm)) return static_cast<float>(norm);
    const float inv = static_cast<float>(1.0 / norm);
    for (std::size_t i = 0; i < n; ++i) v[i] *= inv;
    return static_cast<float>(norm);
}

}  // namespace propos::search_detail

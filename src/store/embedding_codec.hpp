// Private: how the engines keep an embedding (issue 23, storage per message). Shared by SQLite,
// PostgreSQL and the in-memory store, so that all three return the same values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace propos::store_detail {

/// The stored form of an embedding: 16-bit floats, half the bytes of float32. A tag byte, the
/// largest magnitude as a float32 scale, then each value divided by the scale as an IEEE 754
/// binary16 (rounded to nearest, ties to even): 5 + 2n bytes, an odd length, where the float32
/// form that earlier versions wrote (and that `decode_embedding` still reads) is 4n bytes.
/// A value comes back within 2^-11 of the scale (about 3.3 significant digits of the largest
/// component; cosine similarities move by less than 1e-3). Scaling keeps any finite vector in
/// range, whatever its norm. A vector holding a value that is not finite is kept as float32, as
/// given. An empty vector is no bytes.
std::string encode_embedding(const std::vector<float>& embedding);

/// The values of a stored embedding, either form. Throws `Error(kCorrupt)` naming `what` (e.g.
/// "search document 12") when the bytes are neither.
std::vector<float> decode_embedding(std::string_view bytes, const std::string& what);

/// What `embedding` reads back as once stored: `decode_embedding(encode_embedding(embedding))`.
std::vector<float> stored_embedding(const std::vector<float>& embedding);

/// IEEE 754 binary16 conversions (round to nearest, ties to even; a value at or beyond 65520 in
/// magnitude becomes infinity: not reached here, values are scaled into [-1, 1]). Exposed for
/// tests.
std::uint16_t float_to_half(float value) noexcept;
float half_to_float(std::uint16_t half) noexcept;

}  // namespace propos::store_detail

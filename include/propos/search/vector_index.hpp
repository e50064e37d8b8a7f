/// @file vector_index.hpp
/// @brief `VectorIndex`: the nearest-neighbour index of one organization's vectors, exact while
/// small and an HNSW graph (hnswlib) once large, with tombstones, compaction, a readers-writer lock
/// and crash-safe, checksummed files.
///
/// `HistorySearch` keeps one `VectorIndex` per organization and never shares one between two
/// organizations. The class is public so hosts and benchmarks can use it on its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "propos/core/error.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief Settings of a `VectorIndex`.
struct VectorIndexOptions {
    /// Length of every vector. Required (must not be 0). Default: 384.
    std::size_t dimension = 384;
    /// Below this many live vectors every search is exact (a SIMD scan over all of them: about 1 ms
    /// for 20,000 384-d vectors); from this size on the index is an HNSW graph. Default: 20,000.
    std::size_t exact_threshold = 20000;
    /// HNSW: links per node (M) on the upper layers; the bottom layer has 2·M. Default: 16.
    std::size_t m = 16;
    /// HNSW: candidate list size while inserting. Default: 200.
    std::size_t ef_construction = 200;
    /// HNSW: candidate list size while searching, when the search does not set its own; raised to k
    /// when k is larger. Higher finds more of the true neighbours and costs time. Default: 128,
    /// which gives recall@10 >= 0.99 on 384-d vectors up to ~100,000 per organization (see
    /// docs/benchmarks.md).
    std::size_t ef_search = 128;
    /// HNSW: when tombstones exceed this fraction of the stored vectors the graph is rebuilt
    /// without them. Default: 0.2.
    double compaction_ratio = 0.2;
    /// Threads used to build a graph (bulk adds, conversion to HNSW, compaction); 0: one per
    /// hardware thread. Searches and single adds run on the caller's thread. Default: 0.
    std::size_t build_threads = 0;
    /// Seed of the HNSW level generator. Default: 100.
    std::uint64_t seed = 100;
};

/// @brief One search result.
struct VectorHit {
    std::uint64_t label = 0;  ///< The label given to `add`.
    float score = 0;          ///< Cosine similarity with the query (inner product of unit vectors).
};

/// @brief Per-search settings.
struct VectorSearchParams {
    /// HNSW candidate list size for this search (0: `VectorIndexOptions::ef_search`); at least k is
    /// used. Ignored while the index is exact.
    std::size_t ef = 0;
    /// When set: only these labels may be returned (ascending, without duplicates). The filter is
    /// applied while searching, before ranking, so up to k allowed vectors come back even when the
    /// allowed ones are rare: small allow-lists are scanned exactly, larger ones walk the graph
    /// skipping the rest. Must stay valid during the call.
    const std::vector<std::uint64_t>* allowed = nullptr;
};

/// @brief What an index file holds; written by `save`, returned by `load`.
struct VectorIndexFileInfo {
    std::string kind;    ///< "exact" or "hnsw".
    std::string metric;  ///< Always "ip" (inner product of unit vectors).
    std::size_t dimension = 0;
    std::size_t m = 0;                ///< HNSW M (0 for exact).
    std::size_t ef_construction = 0;  ///< HNSW efConstruction (0 for exact).
    std::uint64_t count = 0;          ///< Vectors stored, tombstones included.
    std::uint64_t deleted = 0;        ///< Tombstones among them.
    /// The caller's value given to `save` (HistorySearch: the change sequence the file is complete
    /// up to).
    std::int64_t tag = 0;
    std::string checksum;     ///< 16 hex digits over the file's payload.
    std::uint64_t bytes = 0;  ///< File size.
};

/// @brief Nearest neighbours by cosine similarity over labelled vectors.
///
/// Vectors are L2-normalized on the way in (queries too), so inner product is cosine similarity; a
/// zero vector stays zero and scores 0 against everything. While fewer than
/// `options.exact_threshold` vectors are live every search is exact. At that size the index turns
/// itself into an hnswlib HNSW graph (built on `build_threads` threads, searches keep running on
/// the exact index meanwhile). Removal leaves a tombstone in the graph; once tombstones pass
/// `compaction_ratio` the graph is rebuilt without them (or becomes exact again when fewer than
/// half the threshold remain).
///
/// Thread-safety: any number of `search` calls run concurrently (shared lock); `add`, `add_batch`,
/// `remove` and `compact` are serialized and hold the lock exclusively only while they change the
/// structure; `save` blocks those but lets searches run. Errors throw `propos::Error`; an exception
/// leaves the index as it was before the call.
class PROPOS_EXPORT VectorIndex {
public:
    /// @brief An empty index. Throws `Error(kInvalidArgument)` when `dimension` or `m` is 0,
    /// `ef_construction` is 0 or `compaction_ratio` is not in (0, 1].
    explicit VectorIndex(const VectorIndexOptions& options = {});
    ~VectorIndex();
    VectorIndex(VectorIndex&&) noexcept;
    VectorIndex& operator=(VectorIndex&&) noexcept;
    VectorIndex(const VectorIndex&) = delete;
    VectorIndex& operator=(const VectorIndex&) = delete;

    /// @brief Adds the vector under `label`, or replaces the vector of a live or removed `label`.
    /// Throws `Error(kInvalidArgument)` when its length is not `dimension` or it holds
    /// NaN/infinity.
    void add(std::uint64_t label, std::span<const float> vector);
    /// @brief Adds `labels.size()` vectors stored one after the other in `vectors` (row-major), on
    /// `build_threads` threads; like `add` for each, the last one winning for a repeated label.
    void add_batch(std::span<const std::uint64_t> labels, std::span<const float> vectors);
    /// @brief Removes `label`; false when it is not in the index (or already removed).
    bool remove(std::uint64_t label);
    /// @brief True when `label` is live in the index.
    bool contains(std::uint64_t label) const;

    /// @brief The up to `k` live vectors most similar to `query`, best first (ties by label).
    /// Throws `Error(kInvalidArgument)` when the query's length is not `dimension` or it holds
    /// NaN/infinity.
    std::vector<VectorHit> search(std::span<const float> query, std::size_t k,
                                  const VectorSearchParams& params = {}) const;
    /// @brief The exact answer, scanning every live vector (ground truth for tests and benchmarks).
    std::vector<VectorHit> search_exact(std::span<const float> query, std::size_t k) const;

    /// @brief Rebuilds the graph without tombstones now (no-op while exact or without tombstones).
    void compact();

    /// @brief Live vectors.
    std::size_t size() const;
    /// @brief Tombstones still in the graph (always 0 while exact).
    std::size_t deleted_count() const;
    /// @brief True once the index is an HNSW graph.
    bool is_hnsw() const;
    /// @brief The options in effect (for a loaded index: dimension, m and ef_construction of the
    /// file).
    const VectorIndexOptions& options() const noexcept;
    /// @brief The SIMD kernel used for distances: "avx2+fma", "sse2" or "scalar".
    static const char* simd_kernel() noexcept;

    /// @brief Writes the index to `path` crash-safely: a temporary file beside it is written,
    /// fsynced and renamed over `path`, and the directory is fsynced. `tag` is stored in the file
    /// (and returned by `load`). Returns what was written. Throws `Error(kIo)` naming the path and
    /// the system error (`path` is then left as it was).
    VectorIndexFileInfo save(const std::string& path, std::int64_t tag = 0) const;

    /// @brief Reads an index written by `save`, checking its header, sizes, every link of the graph
    /// and the payload checksum before use; the tombstone count is recounted from the file.
    /// `options` supplies the search and build settings; `dimension` must match the file's. Throws
    /// `Error(kNotFound)` when the file is missing, `Error(kIo)` when it cannot be read, and
    /// `Error(kCorrupt)` saying what is wrong when it is truncated, damaged, of another format or
    /// of another dimension. `info`, when given, receives the file's description.
    static VectorIndex load(const std::string& path, const VectorIndexOptions& options,
                            VectorIndexFileInfo* info = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos

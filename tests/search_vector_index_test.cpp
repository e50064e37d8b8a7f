// VectorIndex: exact and HNSW search, filters applied before ranking, tombstones and compaction,
// crash-safe files (missing, truncated, damaged, foreign), the deleted-count recount, concurrency.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "propos/search/vector_index.hpp"
#include "test_util.hpp"

// A host may use hnswlib itself: this program includes it and links PropOS (statically), which must
// neither collide with hnswlib's non-inline definitions nor share its template instances.
#include <hnswlib/hnswlib.h>

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::TempDir;

constexpr std::size_t kDim = 32;

// Clustered random vectors: a realistic shape for nearest-neighbour search.
std::vector<float> clustered(std::size_t n, std::size_t dim, std::uint64_t seed, std::size_t clusters = 16) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> centers(clusters * dim);
    for (auto& c : centers) c = g(rng);
    std::vector<float> out(n * dim);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = rng() % clusters;
        for (std::size_t d = 0; d < dim; ++d) out[i * dim + d] = centers[c * dim + d] + 0.6f * g(rng);
    }
    return out;
}

std::span<const float> row(const std::vector<float>& v, std::size_t i, std::size_t dim = kDim) {
    return std::span<const float>(v).subspan(i * dim, dim);
}

std::vector<std::uint64_t> labels_of(const std::vector<VectorHit>& hits) {
    std::vector<std::uint64_t> out;
    for (const auto& h : hits) out.push_back(h.label);
    return out;
}

double recall(const std::vector<VectorHit>& got, const std::vector<VectorHit>& truth) {
    if (truth.empty()) return 1.0;
    std::set<std::uint64_t> t;
    for (const auto& h : truth) t.insert(h.label);
    std::size_t hit = 0;
    for (const auto& h : got) hit += t.count(h.label);
    return static_cast<double>(hit) / static_cast<double>(truth.size());
}

VectorIndexOptions small_opts(std::size_t threshold = 100) {
    VectorIndexOptions o;
    o.dimension = kDim;
    o.exact_threshold = threshold;
    o.build_threads = 2;
    return o;
}

TEST(VectorIndexTest, ExactSearchRanksByCosineAndNormalizes) {
    VectorIndex idx(small_opts());
    std::vector<float> a(kDim, 0.0f), b(kDim, 0.0f), c(kDim, 0.0f);
    a[0] = 10.0f;                // same direction as the query, long
    b[0] = 1.0f, b[1] = 1.0f;    // 45 degrees
    c[1] = 1.0f;                 // orthogonal
    idx.add(1, a);
    idx.add(2, b);
    idx.add(3, c);
    std::vector<float> q(kDim, 0.0f);
    q[0] = 0.5f;
    const auto hits = idx.search(q, 3);
    ASSERT_EQ(hits.size(), 3u);
    EXPECT_EQ(labels_of(hits), (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_NEAR(hits[0].score, 1.0f, 1e-5);
    EXPECT_NEAR(hits[1].score, std::sqrt(0.5f), 1e-5);
    EXPECT_NEAR(hits[2].score, 0.0f, 1e-5);
    EXPECT_FALSE(idx.is_hnsw());
    EXPECT_EQ(idx.size(), 3u);
    // Replacing a label's vector, removing one, k larger than the index.
    idx.add(3, a);
    EXPECT_EQ(idx.size(), 3u);
    EXPECT_TRUE(idx.remove(2));
    EXPECT_FALSE(idx.remove(2));
    EXPECT_FALSE(idx.contains(2));
    const auto after = idx.search(q, 10);
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(labels_of(after), (std::vector<std::uint64_t>{1, 3}));  // equal scores: by label
    EXPECT_TRUE(idx.search(q, 0).empty());
}

TEST(VectorIndexTest, BadVectorsAreClearErrors) {
    VectorIndex idx(small_opts());
    expect_error([&] { idx.add(1, std::vector<float>(kDim + 1, 1.0f)); }, ErrorCode::kInvalidArgument,
                 "dimension 33 but the index holds 32-d vectors");
    std::vector<float> nan(kDim, 0.0f);
    nan[3] = std::numeric_limits<float>::quiet_NaN();
    expect_error([&] { idx.add(1, nan); }, ErrorCode::kInvalidArgument, "NaN");
    expect_error([&] { idx.search(std::vector<float>(3, 1.0f), 5); }, ErrorCode::kInvalidArgument,
                 "query vector has dimension 3");
    expect_error([] { VectorIndex bad(VectorIndexOptions{.dimension = 0}); }, ErrorCode::kInvalidArgument,
                 "dimension is 0");
    // A zero vector is legal: it scores 0 against everything.
    idx.add(7, std::vector<float>(kDim, 0.0f));
    const auto hits = idx.search(std::vector<float>(kDim, 1.0f), 1);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].score, 0.0f);
}

TEST(VectorIndexTest, TurnsIntoAGraphAtTheThresholdWithHighRecall) {
    const std::size_t n = 3000;
    const auto data = clustered(n, kDim, 1);
    VectorIndex idx(small_opts(1000));
    for (std::size_t i = 0; i < 999; ++i) idx.add(i, row(data, i));
    EXPECT_FALSE(idx.is_hnsw());
    idx.add(999, row(data, 999));
    EXPECT_TRUE(idx.is_hnsw());
    std::vector<std::uint64_t> labels;
    for (std::size_t i = 1000; i < n; ++i) labels.push_back(i);
    idx.add_batch(labels, std::span<const float>(data).subspan(1000 * kDim));
    EXPECT_EQ(idx.size(), n);

    const auto queries = clustered(100, kDim, 2);
    double total = 0;
    for (std::size_t q = 0; q < 100; ++q) {
        total += recall(idx.search(row(queries, q), 10), idx.search_exact(row(queries, q), 10));
    }
    EXPECT_GE(total / 100, 0.97);
}

TEST(VectorIndexTest, BatchIntoAnEmptyIndexBuildsAGraphAndLastLabelWins) {
    const auto data = clustered(600, kDim, 3);
    std::vector<std::uint64_t> labels(600);
    for (std::size_t i = 0; i < 600; ++i) labels[i] = i % 500;  // 100 repeats: the later vector wins
    VectorIndex idx(small_opts(200));
    idx.add_batch(labels, data);
    EXPECT_TRUE(idx.is_hnsw());
    EXPECT_EQ(idx.size(), 500u);
    const auto hits = idx.search(row(data, 550), 1);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].label, 50u);
    EXPECT_NEAR(hits[0].score, 1.0f, 1e-4);
}

// The filter must act before ranking: k allowed results come back even when the allowed vectors are
// far from the query and rare, in both modes.
TEST(VectorIndexTest, FiltersApplyBeforeRanking) {
    const std::size_t n = 4000;
    const auto data = clustered(n, kDim, 4);
    for (const std::size_t threshold : {100000ul, 500ul}) {
        VectorIndex idx(small_opts(threshold));
        std::vector<std::uint64_t> labels(n);
        for (std::size_t i = 0; i < n; ++i) labels[i] = i;
        idx.add_batch(labels, data);
        EXPECT_EQ(idx.is_hnsw(), threshold == 500);
        for (const std::size_t every : {2ul, 97ul}) {  // a broad and a rare filter
            std::vector<std::uint64_t> allowed;
            for (std::size_t i = 0; i < n; i += every) allowed.push_back(i);
            const auto q = row(data, 1);  // label 1 is never allowed
            const auto hits = idx.search(q, 10, {.allowed = &allowed});
            ASSERT_EQ(hits.size(), 10u) << "threshold " << threshold << " every " << every;
            for (const auto& h : hits) EXPECT_EQ(h.label % every, 0u);
            // Exact top-10 among the allowed ones.
            std::vector<VectorHit> truth;
            VectorIndex exact(small_opts(100000));
            std::vector<float> rows;
            for (const auto l : allowed) rows.insert(rows.end(), row(data, l).begin(), row(data, l).end());
            exact.add_batch(allowed, rows);
            truth = exact.search(q, 10);
            EXPECT_GE(recall(hits, truth), 0.9) << "threshold " << threshold << " every " << every;
        }
        const std::vector<std::uint64_t> none;
        EXPECT_TRUE(idx.search(row(data, 0), 5, {.allowed = &none}).empty());
    }
}

TEST(VectorIndexTest, TombstonesAreSkippedAndCompactedPastTheRatio) {
    const std::size_t n = 1000;
    const auto data = clustered(n, kDim, 5);
    VectorIndex idx(small_opts(100));
    std::vector<std::uint64_t> labels(n);
    for (std::size_t i = 0; i < n; ++i) labels[i] = i;
    idx.add_batch(labels, data);
    ASSERT_TRUE(idx.is_hnsw());
    // 15% removed: tombstones stay and are never returned.
    for (std::size_t i = 0; i < 150; ++i) ASSERT_TRUE(idx.remove(i));
    EXPECT_EQ(idx.deleted_count(), 150u);
    EXPECT_EQ(idx.size(), 850u);
    for (std::size_t q = 0; q < 150; q += 7) {
        for (const auto& h : idx.search(row(data, q), 10)) EXPECT_GE(h.label, 150u);
        EXPECT_GE(recall(idx.search(row(data, q), 10), idx.search_exact(row(data, q), 10)), 0.9);
    }
    // Past 20%: the graph is rebuilt without them.
    for (std::size_t i = 150; i < 201; ++i) ASSERT_TRUE(idx.remove(i));
    EXPECT_EQ(idx.deleted_count(), 0u);
    EXPECT_EQ(idx.size(), 799u);
    EXPECT_TRUE(idx.is_hnsw());
    for (const auto& h : idx.search(row(data, 5), 10)) EXPECT_GE(h.label, 201u);
    // A removed label can come back.
    idx.add(3, row(data, 3));
    EXPECT_TRUE(idx.contains(3));
    EXPECT_EQ(idx.search(row(data, 3), 1).front().label, 3u);
    // Below half the threshold the index becomes exact again.
    for (std::size_t i = 201; i < 990; ++i) idx.remove(i);
    EXPECT_FALSE(idx.is_hnsw());
    EXPECT_EQ(idx.size(), 11u);
    EXPECT_EQ(idx.search(row(data, 995), 1).front().label, 995u);
}

TEST(VectorIndexTest, SaveAndLoadRoundTripBothKinds) {
    TempDir dir;
    const auto data = clustered(800, kDim, 6);
    for (const std::size_t threshold : {100000ul, 100ul}) {
        VectorIndex idx(small_opts(threshold));
        std::vector<std::uint64_t> labels(800);
        for (std::size_t i = 0; i < 800; ++i) labels[i] = 1000 + i;
        idx.add_batch(labels, data);
        idx.remove(1000);
        const auto path = dir.file("idx-" + std::to_string(threshold) + ".pvx");
        const auto info = idx.save(path, 42);
        EXPECT_EQ(info.kind, threshold == 100 ? "hnsw" : "exact");
        EXPECT_EQ(info.tag, 42);
        EXPECT_EQ(info.dimension, kDim);
        EXPECT_EQ(info.bytes, std::filesystem::file_size(path));
        EXPECT_EQ(info.checksum.size(), 16u);
        VectorIndexFileInfo loaded_info;
        const auto loaded = VectorIndex::load(path, small_opts(threshold), &loaded_info);
        EXPECT_EQ(loaded_info.checksum, info.checksum);
        EXPECT_EQ(loaded_info.count, info.count);
        EXPECT_EQ(loaded_info.tag, 42);
        EXPECT_EQ(loaded.size(), idx.size());
        EXPECT_EQ(loaded.is_hnsw(), idx.is_hnsw());
        EXPECT_FALSE(loaded.contains(1000));
        for (std::size_t q = 1; q < 800; q += 53) {
            EXPECT_EQ(labels_of(loaded.search(row(data, q), 5)), labels_of(idx.search(row(data, q), 5)));
        }
        // No temporary file is left behind.
        for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
            EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
        }
    }
}

// hnswlib 0.6.2 leaves its deleted count uninitialised after loadIndex; ours is recounted from the
// tombstone marks, and searches after a load keep skipping tombstones.
TEST(VectorIndexTest, LoadRecountsTombstones) {
    TempDir dir;
    const auto data = clustered(500, kDim, 7);
    VectorIndex idx(small_opts(100));
    std::vector<std::uint64_t> labels(500);
    for (std::size_t i = 0; i < 500; ++i) labels[i] = i;
    idx.add_batch(labels, data);
    for (std::size_t i = 0; i < 60; ++i) idx.remove(i * 2);
    ASSERT_EQ(idx.deleted_count(), 60u);
    idx.save(dir.file("t.pvx"));
    const auto loaded = VectorIndex::load(dir.file("t.pvx"), small_opts(100));
    EXPECT_EQ(loaded.deleted_count(), 60u);
    EXPECT_EQ(loaded.size(), 440u);
    for (std::size_t i = 0; i < 120; i += 2) {
        for (const auto& h : loaded.search(row(data, i), 10)) EXPECT_FALSE(h.label < 120 && h.label % 2 == 0);
    }
}

TEST(VectorIndexTest, DamagedTruncatedForeignAndMissingFilesAreRejected) {
    TempDir dir;
    const auto data = clustered(300, kDim, 8);
    VectorIndex idx(small_opts(100));
    std::vector<std::uint64_t> labels(300);
    for (std::size_t i = 0; i < 300; ++i) labels[i] = i;
    idx.add_batch(labels, data);
    const auto good = dir.file("good.pvx");
    idx.save(good);
    const auto size = std::filesystem::file_size(good);
    auto copy = [&](const std::string& name) {
        const auto p = dir.file(name);
        std::filesystem::copy_file(good, p, std::filesystem::copy_options::overwrite_existing);
        return p;
    };
    // A flipped byte in the middle of the vectors.
    const auto flipped = copy("flipped.pvx");
    {
        std::fstream f(flipped, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(size / 2));
        char c = 0;
        f.read(&c, 1);
        c = static_cast<char>(c ^ 0x40);
        f.seekp(static_cast<std::streamoff>(size / 2));
        f.write(&c, 1);
    }
    expect_error([&] { VectorIndex::load(flipped, small_opts(100)); }, ErrorCode::kCorrupt, "checksum");
    // Truncated.
    const auto truncated = copy("truncated.pvx");
    std::filesystem::resize_file(truncated, size - 100);
    expect_error([&] { VectorIndex::load(truncated, small_opts(100)); }, ErrorCode::kCorrupt, "truncated.pvx");
    // Damaged header.
    const auto header = copy("header.pvx");
    {
        std::fstream f(header, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(40);
        f.write("\x7f\x7f\x7f\x7f", 4);
    }
    expect_error([&] { VectorIndex::load(header, small_opts(100)); }, ErrorCode::kCorrupt, "header");
    // Not an index at all, empty, and another dimension.
    const auto junk = dir.file("junk.pvx");
    { std::ofstream(junk) << std::string(4096, 'x'); }
    expect_error([&] { VectorIndex::load(junk, small_opts(100)); }, ErrorCode::kCorrupt, "not a PropOS vector index");
    const auto empty = dir.file("empty.pvx");
    { std::ofstream(empty) << ""; }
    expect_error([&] { VectorIndex::load(empty, small_opts(100)); }, ErrorCode::kCorrupt, "shorter than its header");
    auto other_dim = small_opts(100);
    other_dim.dimension = 64;
    expect_error([&] { VectorIndex::load(good, other_dim); }, ErrorCode::kCorrupt, "32-d vectors, 64-d were expected");
    expect_error([&] { VectorIndex::load(dir.file("missing.pvx"), small_opts(100)); }, ErrorCode::kNotFound,
                 "does not exist");
    // The good file still loads.
    EXPECT_EQ(VectorIndex::load(good, small_opts(100)).size(), 300u);
}

TEST(VectorIndexTest, SaveFailureLeavesTheOldFileAndNoTemporary) {
    TempDir dir;
    VectorIndex idx(small_opts());
    idx.add(1, std::vector<float>(kDim, 1.0f));
    expect_error([&] { idx.save(dir.file("no/such/dir/x.pvx")); }, ErrorCode::kIo, "cannot create vector index");
    const auto path = dir.file("x.pvx");
    idx.save(path, 1);
    for (std::uint64_t label = 2; label < 200; ++label) idx.add(label, std::vector<float>(kDim, float(label)));
    // A file-size limit makes the write of the (larger) new file fail midway, even when running as
    // root (where permission tricks do not work).
    struct rlimit old_limit {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    struct rlimit small = old_limit;
    small.rlim_cur = 2048;
    auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    expect_error([&] { idx.save(path, 2); }, ErrorCode::kIo, "x.pvx");
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &old_limit), 0);
    std::signal(SIGXFSZ, old_handler);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename(), "x.pvx") << "a temporary file was left behind";
        ++files;
    }
    EXPECT_EQ(files, 1u);
    VectorIndexFileInfo info;
    const auto loaded = VectorIndex::load(path, small_opts(), &info);
    EXPECT_EQ(info.tag, 1);
    EXPECT_EQ(loaded.size(), 1u);
}

// Many readers search while a writer adds, removes, converts to a graph and compacts.
TEST(VectorIndexTest, ConcurrentSearchesWithOneWriter) {
    const std::size_t n = 1500;
    const auto data = clustered(n, kDim, 9);
    VectorIndex idx(small_opts(400));
    for (std::size_t i = 0; i < 100; ++i) idx.add(i, row(data, i));
    std::atomic<bool> done{false};
    std::atomic<std::size_t> searches{0};
    std::atomic<bool> bad{false};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&, t] {
            std::size_t q = static_cast<std::size_t>(t);
            while (!done.load()) {
                const auto hits = idx.search(row(data, q % n), 5);
                for (const auto& h : hits) {
                    if (h.label >= n) bad = true;
                }
                if (hits.size() > 5) bad = true;
                ++searches;
                q += 7;
            }
        });
    }
    for (std::size_t i = 100; i < n; ++i) idx.add(i, row(data, i));
    for (std::size_t i = 0; i < 400; ++i) idx.remove(i);
    std::vector<std::uint64_t> labels;
    for (std::size_t i = 0; i < 300; ++i) labels.push_back(i);
    idx.add_batch(labels, std::span<const float>(data).subspan(0, 300 * kDim));
    done = true;
    for (auto& r : readers) r.join();
    EXPECT_FALSE(bad.load());
    EXPECT_GT(searches.load(), 0u);
    EXPECT_EQ(idx.size(), n - 100);
    EXPECT_TRUE(idx.is_hnsw());
}

TEST(VectorIndexTest, AHostProgramMayUseHnswlibToo) {
    const auto data = clustered(200, kDim, 7);
    hnswlib::InnerProductSpace space(kDim);
    hnswlib::HierarchicalNSW<float> theirs(&space, 200);
    VectorIndex ours(small_opts(50));
    for (std::size_t i = 0; i < 200; ++i) {
        theirs.addPoint(row(data, i).data(), i);
        ours.add(i, row(data, i));
    }
    EXPECT_EQ(theirs.searchKnn(row(data, 3).data(), 5).size(), 5u);
    EXPECT_EQ(ours.search(row(data, 3), 1).at(0).label, 3u);
}

TEST(VectorIndexTest, ReportsItsSimdKernel) {
    const std::string k = VectorIndex::simd_kernel();
    EXPECT_TRUE(k == "avx2+fma" || k == "sse2" || k == "scalar") << k;
}

}  // namespace
}  // namespace propos

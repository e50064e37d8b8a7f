// VectorIndex: an exact SIMD scan while small, an hnswlib 0.6.2 HNSW graph once large.
//
// This is the only translation unit that includes hnswlib. From hnswlib we use the graph layout,
// insertion (addPoint, thread-safe for concurrent inserts) and markDelete; the search and the file
// format are our own, written against 0.6.2's public members, because 0.6.2 has no per-query ef
// (setEf is a shared member), no filtered search, counts distances in shared atomics on every
// search, leaves its deleted count uninitialised after loadIndex and writes files without fsync or
// checksum.
#include "propos/search/vector_index.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <queue>
#include <shared_mutex>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "search/checksum.hpp"
#include "search/rw_lock.hpp"
#include "search/simd.hpp"

// hnswlib 0.6.2's headers define ordinary (non-inline) functions and variables: cpuid(), xgetbv(),
// AVXCapable(), AVX512Capable() at global scope and hnswlib::InnerProductDistanceSIMD16Ext and
// friends. A host program that includes hnswlib itself and links PropOS statically would get
// "multiple definition" errors, and its HierarchicalNSW<float> (maybe compiled for another
// instruction set) would be merged with ours. So this file compiles hnswlib under private names:
// the namespace becomes propos_hnswlib_062 and the global functions get propos_ prefixes. The system
// headers hnswlib needs are included first so the renaming cannot reach them.
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#include <x86intrin.h>
#endif
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <deque>
#include <fstream>
#include <iostream>
#include <list>
#include <random>
#include <stdexcept>
#include <unordered_set>
// hnswlib 0.6.2's searchBaseLayer prefetches (_mm_prefetch) the entry one past the end of a full
// link list: harmless for the CPU, a heap-buffer-overflow read for AddressSanitizer. Under ASan,
// hnswlib is compiled without its manual vectorization (USE_SSE), which removes those prefetches;
// distances use our own kernel either way, so only ASan builds are affected.
#if defined(__SANITIZE_ADDRESS__)
#define NO_MANUAL_VECTORIZATION
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_MANUAL_VECTORIZATION
#endif
#endif
#define cpuid propos_hnswlib_cpuid
#define xgetbv propos_hnswlib_xgetbv
#define AVXCapable propos_hnswlib_avx_capable
#define AVX512Capable propos_hnswlib_avx512_capable
#define hnswlib propos_hnswlib_062
#include <hnswlib/hnswlib.h>
#undef hnswlib
#undef cpuid
#undef xgetbv
#undef AVXCapable
#undef AVX512Capable
namespace hnswlib = ::propos_hnswlib_062;

namespace propos {
namespace {

using Hnsw = hnswlib::HierarchicalNSW<float>;
using hnswlib::tableint;
namespace sd = search_detail;

// Inner-product "distance" 1 - a·b with our runtime-dispatched SIMD kernel.
class IpSpace final : public hnswlib::SpaceInterface<float> {
public:
    explicit IpSpace(std::size_t dim) : dim_(dim), fn_(sd::ip_distance_kernel()) {}
    size_t get_data_size() override { return dim_ * sizeof(float); }
    hnswlib::DISTFUNC<float> get_dist_func() override { return fn_; }
    void* get_dist_func_param() override { return &dim_; }

private:
    std::size_t dim_;
    hnswlib::DISTFUNC<float> fn_;
};

// A graph and the space whose dimension it points to.
struct Graph {
    std::unique_ptr<IpSpace> space;
    std::unique_ptr<Hnsw> index;
    explicit operator bool() const noexcept { return static_cast<bool>(index); }
};

std::size_t live_count(const Hnsw& h) {
    return h.cur_element_count - h.num_deleted_;
}

// The k best (score, label) pairs seen; ties prefer the smaller label.
class TopK {
public:
    explicit TopK(std::size_t k) : k_(k) { heap_.reserve(k + 1); }
    void push(float score, std::uint64_t label) {
        if (heap_.size() < k_) {
            heap_.emplace_back(score, label);
            std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
        } else if (k_ > 0 && better(score, label, heap_.front().first, heap_.front().second)) {
            std::pop_heap(heap_.begin(), heap_.end(), worse_on_top);
            heap_.back() = {score, label};
            std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
        }
    }
    std::vector<VectorHit> take() {
        std::sort(heap_.begin(), heap_.end(), [](const auto& a, const auto& b) {
            return better(a.first, a.second, b.first, b.second);
        });
        std::vector<VectorHit> out;
        out.reserve(heap_.size());
        for (const auto& [s, l] : heap_) out.push_back(VectorHit{l, s});
        return out;
    }

private:
    static bool better(float s1, std::uint64_t l1, float s2, std::uint64_t l2) {
        return s1 > s2 || (s1 == s2 && l1 < l2);
    }
    static bool worse_on_top(const std::pair<float, std::uint64_t>& a,
                             const std::pair<float, std::uint64_t>& b) {
        return better(a.first, a.second, b.first, b.second);
    }
    std::size_t k_;
    std::vector<std::pair<float, std::uint64_t>> heap_;
};

[[noreturn]] void throw_hnswlib(const std::exception& e, const char* doing) {
    const std::string what = e.what();
    if (what.find("memory") != std::string::npos) {
        throw Error(ErrorCode::kResourceExhausted,
                    std::string("vector index: out of memory while ") + doing + " (" + what + ")");
    }
    throw Error(ErrorCode::kInternal,
                std::string("vector index: hnswlib failed while ") + doing + ": " + what);
}

std::string errno_text() {
    return std::strerror(errno);
}

// ---- graph search (hnswlib's algorithm, with a per-search ef and an acceptance predicate) ----

// The search of the bottom layer from `ep`, as hnswlib's searchBaseLayerST. Nodes that `accept`
// rejects (tombstones, filtered-out labels) are walked through but never returned; with
// `exhaustive` the walk goes on until ef accepted nodes are found or the reachable graph is
// exhausted.
template <bool kExhaustive, class Accept>
std::vector<std::pair<float, tableint>> base_layer(const Hnsw& h, tableint ep, const float* q,
                                                   std::size_t ef, Accept&& accept) {
    using P = std::pair<float, tableint>;
    using Queue = std::priority_queue<P, std::vector<P>, Hnsw::CompareByFirst>;
    hnswlib::VisitedList* vl = h.visited_list_pool_->getFreeVisitedList();
    hnswlib::vl_type* visited = vl->mass;
    const hnswlib::vl_type tag = vl->curV;
    Queue top;   // best found so far, worst on top
    Queue cand;  // to expand, nearest on top (negated distances)
    float lower;
    if (accept(ep)) {
        const float d = h.fstdistfunc_(q, h.getDataByInternalId(ep), h.dist_func_param_);
        lower = d;
        top.emplace(d, ep);
        cand.emplace(-d, ep);
    } else {
        lower = std::numeric_limits<float>::max();
        cand.emplace(-lower, ep);
    }
    visited[ep] = tag;
    while (!cand.empty()) {
        const P cur = cand.top();
        if (-cur.first > lower && (top.size() == ef || !kExhaustive)) break;
        cand.pop();
        const auto* data = reinterpret_cast<const unsigned int*>(h.get_linklist0(cur.second));
        const std::size_t size = h.getListCount(const_cast<unsigned int*>(data));
        const tableint* links = data + 1;
        if (size > 0) {
            __builtin_prefetch(reinterpret_cast<const char*>(visited + links[0]));
            __builtin_prefetch(h.getDataByInternalId(links[0]));
        }
        for (std::size_t j = 0; j < size; ++j) {
            const tableint c = links[j];
            if (j + 1 < size) {
                __builtin_prefetch(reinterpret_cast<const char*>(visited + links[j + 1]));
                __builtin_prefetch(h.getDataByInternalId(links[j + 1]));
            }
            if (visited[c] == tag) continue;
            visited[c] = tag;
            const float d = h.fstdistfunc_(q, h.getDataByInternalId(c), h.dist_func_param_);
            if (top.size() < ef || lower > d) {
                cand.emplace(-d, c);
                if (accept(c)) top.emplace(d, c);
                if (top.size() > ef) top.pop();
                if (!top.empty()) lower = top.top().first;
            }
        }
    }
    h.visited_list_pool_->releaseVisitedList(vl);
    std::vector<P> out(top.size());
    for (std::size_t i = out.size(); i > 0; --i) {
        out[i - 1] = top.top();
        top.pop();
    }
    return out;  // nearest first
}

template <bool kExhaustive, class Accept>
std::vector<VectorHit> graph_search(const Hnsw& h, const float* q, std::size_t k, std::size_t ef,
                                    Accept&& accept) {
    if (h.cur_element_count == 0 || live_count(h) == 0) return {};
    tableint cur = h.enterpoint_node_;
    float cur_dist = h.fstdistfunc_(q, h.getDataByInternalId(cur), h.dist_func_param_);
    for (int level = h.maxlevel_; level > 0; --level) {
        bool changed = true;
        while (changed) {
            changed = false;
            auto* data = h.get_linklist(cur, level);
            const int size = h.getListCount(data);
            const auto* links = reinterpret_cast<const tableint*>(data + 1);
            for (int i = 0; i < size; ++i) {
                const tableint c = links[i];
                const float d = h.fstdistfunc_(q, h.getDataByInternalId(c), h.dist_func_param_);
                if (d < cur_dist) {
                    cur_dist = d;
                    cur = c;
                    changed = true;
                }
            }
        }
    }
    const auto found = base_layer<kExhaustive>(h, cur, q, std::max(ef, k), accept);
    TopK top(k);
    for (const auto& [d, id] : found) top.push(1.0f - d, h.getExternalLabel(id));
    return top.take();
}

// ---- files ----

constexpr char kMagic[8] = {'P', 'R', 'O', 'P', 'O', 'S', 'V', 'X'};
constexpr std::uint32_t kFormatVersion = 1;
// From this many vectors up, a load validates links and builds the label map on two threads.
constexpr std::size_t kParallelValidation = 100000;
constexpr std::uint32_t kKindExact = 1;
constexpr std::uint32_t kKindHnsw = 2;
constexpr std::uint32_t kMetricIp = 1;

struct FileHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t kind;
    std::uint32_t metric;
    std::uint32_t header_bytes;
    std::uint64_t dimension;
    std::uint64_t m;
    std::uint64_t ef_construction;
    std::uint64_t count;
    std::uint64_t deleted;
    std::int64_t tag;
    std::uint64_t payload_bytes;
    std::uint64_t payload_checksum;
    std::uint64_t reserved[4];
    std::uint64_t header_checksum;  // of the bytes before it
};
static_assert(sizeof(FileHeader) == 128, "the index file header is 128 bytes");

std::uint64_t header_checksum(const FileHeader& h) {
    sd::Checksum64 c;
    c.update(&h, offsetof(FileHeader, header_checksum));
    return c.digest();
}

class FileWriter {
public:
    FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) { buf_.reserve(kBuf); }
    void write(const void* data, std::size_t n) {
        sum_.update(data, n);
        bytes_ += n;
        const auto* p = static_cast<const char*>(data);
        if (buf_.size() + n > kBuf) flush();
        if (n >= kBuf) {
            raw(p, n);
        } else {
            buf_.insert(buf_.end(), p, p + n);
        }
    }
    template <class T>
    void pod(const T& v) {
        write(&v, sizeof v);
    }
    void flush() {
        raw(buf_.data(), buf_.size());
        buf_.clear();
    }
    std::uint64_t checksum() const { return sum_.digest(); }
    std::uint64_t bytes() const { return bytes_; }

private:
    static constexpr std::size_t kBuf = 1 << 20;
    void raw(const char* p, std::size_t n) {
        while (n > 0) {
            const ssize_t w = ::write(fd_, p, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                throw Error(ErrorCode::kIo,
                            "cannot write vector index '" + path_ + "': " + errno_text());
            }
            p += w;
            n -= static_cast<std::size_t>(w);
        }
    }
    int fd_;
    std::string path_;
    std::vector<char> buf_;
    sd::Checksum64 sum_;
    std::uint64_t bytes_ = 0;
};

class FileReader {
public:
    FileReader(int fd, std::string path, std::uint64_t limit)
        : fd_(fd), path_(std::move(path)), left_(limit), buf_(kBuf) {}
    void read(void* dst, std::size_t n) {
        if (n > left_) corrupt("it is truncated (the payload ends early)");
        left_ -= n;
        auto* p = static_cast<char*>(dst);
        std::size_t need = n;
        const std::size_t from_buf = std::min(need, len_ - pos_);
        std::memcpy(p, buf_.data() + pos_, from_buf);
        pos_ += from_buf;
        p += from_buf;
        need -= from_buf;
        if (need >= kBuf) {
            // Large blocks (the graph's level 0: gigabytes at 1M vectors) are read and checksummed
            // a chunk at a time, so the checksum reads bytes still in cache rather than making a
            // second pass over the whole block from memory.
            sum_.update(dst, from_buf);
            while (need > 0) {
                const std::size_t chunk = std::min(need, kChunk);
                raw(p, chunk);
                sum_.update(p, chunk);
                p += chunk;
                need -= chunk;
            }
            return;
        } else if (need > 0) {
            pos_ = 0;
            len_ = 0;
            // Never read past this reader's limit: the bytes after it belong to someone else.
            const std::size_t cap = static_cast<std::size_t>(
                std::min<std::uint64_t>(kBuf, static_cast<std::uint64_t>(need) + left_));
            while (len_ < need) len_ += raw_some(buf_.data() + len_, cap - len_, need - len_);
            std::memcpy(p, buf_.data(), need);
            pos_ = need;
        }
        sum_.update(dst, n);
    }
    template <class T>
    T pod() {
        T v;
        read(&v, sizeof v);
        return v;
    }
    std::uint64_t left() const { return left_; }
    std::uint64_t checksum() const { return sum_.digest(); }
    [[noreturn]] void corrupt(const std::string& why) const {
        throw Error(ErrorCode::kCorrupt, "vector index file '" + path_ + "' is damaged: " + why);
    }

private:
    static constexpr std::size_t kBuf = 1 << 20;
    static constexpr std::size_t kChunk = 256 << 10;  // stays in L2 between read and checksum
    void raw(char* p, std::size_t n) {
        while (n > 0) {
            const std::size_t got = raw_some(p, n, n);
            p += got;
            n -= got;
        }
    }
    // Reads between `min` and `max` bytes.
    std::size_t raw_some(char* p, std::size_t max, std::size_t min) {
        std::size_t got = 0;
        while (got < min) {
            const ssize_t r = ::read(fd_, p + got, max - got);
            if (r < 0) {
                if (errno == EINTR) continue;
                throw Error(ErrorCode::kIo,
                            "cannot read vector index '" + path_ + "': " + errno_text());
            }
            if (r == 0) corrupt("it is truncated");
            got += static_cast<std::size_t>(r);
        }
        return got;
    }
    int fd_;
    std::string path_;
    std::uint64_t left_;
    std::vector<char> buf_;
    std::size_t pos_ = 0;
    std::size_t len_ = 0;
    sd::Checksum64 sum_;
};

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------

struct VectorIndex::Impl {
    VectorIndexOptions opt;
    // searches: shared; structural changes: exclusive (writer-preferring, so searches cannot starve
    // adds)
    mutable search_detail::WriterPreferringMutex rw;
    mutable std::mutex write_mu;  // serializes add/remove/compact/save
    // Exact mode: vectors row-major, their labels, and label -> row.
    std::vector<float> flat;
    std::vector<std::uint64_t> flat_labels;
    std::unordered_map<std::uint64_t, std::uint32_t> flat_slot;
    // HNSW mode (exact mode while empty).
    Graph graph;

    std::size_t threads() const {
        if (opt.build_threads > 0) return opt.build_threads;
        return std::max(1u, std::thread::hardware_concurrency());
    }

    // A normalized copy of a caller's vector, checked.
    std::vector<float> prepare(std::span<const float> v, const char* what) const {
        if (v.size() != opt.dimension) {
            throw Error(ErrorCode::kInvalidArgument,
                        std::string(what) + " has dimension " + std::to_string(v.size()) +
                            " but the index holds " + std::to_string(opt.dimension) + "-d vectors");
        }
        for (float x : v) {
            if (!std::isfinite(x)) {
                throw Error(ErrorCode::kInvalidArgument,
                            std::string(what) + " contains NaN or infinity");
            }
        }
        std::vector<float> out(v.begin(), v.end());
        sd::normalize(out.data(), out.size());
        return out;
    }

    Graph make_graph(std::size_t capacity) const {
        Graph g;
        g.space = std::make_unique<IpSpace>(opt.dimension);
        try {
            g.index = std::make_unique<Hnsw>(g.space.get(), std::max<std::size_t>(capacity, 16),
                                             opt.m, opt.ef_construction, opt.seed);
        } catch (const std::bad_alloc&) {
            throw Error(ErrorCode::kResourceExhausted,
                        "vector index: out of memory for " + std::to_string(capacity) + " vectors");
        } catch (const std::runtime_error& e) {
            throw_hnswlib(e, "creating a graph");
        }
        return g;
    }

    // Runs f(i) for i in [0, n) on `threads()` threads; rethrows the first failure.
    template <class F>
    void parallel(std::size_t n, F&& f) const {
        const std::size_t t = std::min(threads(), n / 64 + 1);
        if (t <= 1) {
            for (std::size_t i = 0; i < n; ++i) f(i);
            return;
        }
        std::atomic<std::size_t> next{0};
        std::exception_ptr error;
        std::mutex error_mu;
        auto work = [&] {
            try {
                for (std::size_t i; (i = next.fetch_add(1)) < n;) f(i);
            } catch (...) {
                std::lock_guard lock(error_mu);
                if (!error) error = std::current_exception();
                next.store(n);
            }
        };
        std::vector<std::thread> pool;
        pool.reserve(t - 1);
        for (std::size_t i = 1; i < t; ++i) pool.emplace_back(work);
        work();
        for (auto& th : pool) th.join();
        if (error) std::rethrow_exception(error);
    }

    // Inserts normalized rows (ptr(i), label(i)) into a fresh graph on all build threads.
    template <class Ptr, class Label>
    Graph build_graph(std::size_t n, Ptr&& ptr, Label&& label) const {
        Graph g = make_graph(n + n / 16 + 16);
        Hnsw& h = *g.index;
        parallel(n, [&](std::size_t i) {
            try {
                h.addPoint(ptr(i), label(i));
            } catch (const std::runtime_error& e) {
                throw_hnswlib(e, "building the graph");
            }
        });
        return g;
    }

    void ensure_capacity(std::size_t extra) {
        Hnsw& h = *graph.index;
        if (h.cur_element_count + extra <= h.max_elements_) return;
        const std::size_t want = std::max(h.cur_element_count + extra, h.max_elements_ * 2);
        try {
            h.resizeIndex(want);
        } catch (const std::runtime_error& e) {
            throw_hnswlib(e, "growing the graph");
        }
    }

    void flat_upsert(std::uint64_t label, const float* v) {
        const auto dim = opt.dimension;
        if (auto it = flat_slot.find(label); it != flat_slot.end()) {
            std::copy(v, v + dim, flat.begin() + static_cast<std::ptrdiff_t>(it->second * dim));
            return;
        }
        flat.insert(flat.end(), v, v + dim);
        flat_labels.push_back(label);
        flat_slot.emplace(label, static_cast<std::uint32_t>(flat_labels.size() - 1));
    }

    bool flat_remove(std::uint64_t label) {
        auto it = flat_slot.find(label);
        if (it == flat_slot.end()) return false;
        const auto dim = opt.dimension;
        const std::uint32_t slot = it->second;
        const std::uint32_t last = static_cast<std::uint32_t>(flat_labels.size() - 1);
        flat_slot.erase(it);
        if (slot != last) {
            std::copy(flat.begin() + static_cast<std::ptrdiff_t>(last * dim),
                      flat.begin() + static_cast<std::ptrdiff_t>((last + 1) * dim),
                      flat.begin() + static_cast<std::ptrdiff_t>(slot * dim));
            flat_labels[slot] = flat_labels[last];
            flat_slot[flat_labels[slot]] = slot;
        }
        flat_labels.pop_back();
        flat.resize(flat.size() - dim);
        return true;
    }

    // Exact mode grown to the threshold: build the graph (searches go on), then swap it in.
    void maybe_convert_to_graph() {
        if (graph || flat_labels.size() < opt.exact_threshold) return;
        const auto dim = opt.dimension;
        Graph g = build_graph(
            flat_labels.size(), [&](std::size_t i) { return flat.data() + i * dim; },
            [&](std::size_t i) { return flat_labels[i]; });
        std::unique_lock lock(rw);
        graph = std::move(g);
        std::vector<float>().swap(flat);
        std::vector<std::uint64_t>().swap(flat_labels);
        std::unordered_map<std::uint64_t, std::uint32_t>().swap(flat_slot);
    }

    // Rebuilds without tombstones (write_mu held): a new graph, or exact vectors when few remain.
    void compact_locked() {
        if (!graph || graph.index->num_deleted_ == 0) return;
        const Hnsw& h = *graph.index;
        std::vector<tableint> live;
        live.reserve(live_count(h));
        for (tableint i = 0; i < h.cur_element_count; ++i) {
            if (!h.isMarkedDeleted(i)) live.push_back(i);
        }
        const auto dim = opt.dimension;
        if (live.size() < opt.exact_threshold / 2) {
            std::vector<float> f(live.size() * dim);
            std::vector<std::uint64_t> labels(live.size());
            std::unordered_map<std::uint64_t, std::uint32_t> slots;
            slots.reserve(live.size());
            for (std::size_t i = 0; i < live.size(); ++i) {
                const auto* v = reinterpret_cast<const float*>(h.getDataByInternalId(live[i]));
                std::copy(v, v + dim, f.begin() + static_cast<std::ptrdiff_t>(i * dim));
                labels[i] = h.getExternalLabel(live[i]);
                slots.emplace(labels[i], static_cast<std::uint32_t>(i));
            }
            std::unique_lock lock(rw);
            flat = std::move(f);
            flat_labels = std::move(labels);
            flat_slot = std::move(slots);
            graph = Graph{};
            return;
        }
        Graph g = build_graph(
            live.size(),
            [&](std::size_t i) {
                return reinterpret_cast<const float*>(h.getDataByInternalId(live[i]));
            },
            [&](std::size_t i) { return h.getExternalLabel(live[i]); });
        std::unique_lock lock(rw);
        graph = std::move(g);
    }

    bool needs_compaction() const {
        if (!graph) return false;
        const Hnsw& h = *graph.index;
        return h.num_deleted_ > 0 &&
               static_cast<double>(h.num_deleted_) >
                   opt.compaction_ratio * static_cast<double>(h.cur_element_count);
    }

    // Shared lock held by the caller.
    std::vector<VectorHit> exact_flat(const float* q, std::size_t k,
                                      const std::vector<std::uint64_t>* allowed) const {
        const auto dim = opt.dimension;
        const auto dot = sd::dot_kernel();
        TopK top(k);
        const std::size_t n = flat_labels.size();
        if (allowed && allowed->size() * 4 < n) {
            for (const auto label : *allowed) {
                auto it = flat_slot.find(label);
                if (it != flat_slot.end())
                    top.push(dot(q, flat.data() + it->second * dim, dim), label);
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                if (allowed &&
                    !std::binary_search(allowed->begin(), allowed->end(), flat_labels[i])) {
                    continue;
                }
                top.push(dot(q, flat.data() + i * dim, dim), flat_labels[i]);
            }
        }
        return top.take();
    }

    // Shared lock held by the caller.
    std::vector<VectorHit> exact_graph(const float* q, std::size_t k,
                                       const std::vector<std::uint64_t>* allowed) const {
        const Hnsw& h = *graph.index;
        const auto dim = opt.dimension;
        const auto dot = sd::dot_kernel();
        TopK top(k);
        if (allowed) {
            for (const auto label : *allowed) {
                auto it = h.label_lookup_.find(label);
                if (it == h.label_lookup_.end() || h.isMarkedDeleted(it->second)) continue;
                top.push(
                    dot(q, reinterpret_cast<const float*>(h.getDataByInternalId(it->second)), dim),
                    label);
            }
        } else {
            for (tableint i = 0; i < h.cur_element_count; ++i) {
                if (h.isMarkedDeleted(i)) continue;
                top.push(dot(q, reinterpret_cast<const float*>(h.getDataByInternalId(i)), dim),
                         h.getExternalLabel(i));
            }
        }
        return top.take();
    }

    void write_payload(FileWriter& w) const {
        if (!graph) {
            w.write(flat_labels.data(), flat_labels.size() * sizeof(std::uint64_t));
            w.write(flat.data(), flat.size() * sizeof(float));
            return;
        }
        // hnswlib 0.6.2's saveIndex layout (max_elements written as the element count).
        const Hnsw& h = *graph.index;
        w.pod(h.offsetLevel0_);
        w.pod(h.cur_element_count);
        w.pod(h.cur_element_count);
        w.pod(h.size_data_per_element_);
        w.pod(h.label_offset_);
        w.pod(h.offsetData_);
        w.pod(h.maxlevel_);
        w.pod(h.enterpoint_node_);
        w.pod(h.maxM_);
        w.pod(h.maxM0_);
        w.pod(h.M_);
        w.pod(h.mult_);
        w.pod(h.ef_construction_);
        w.write(h.data_level0_memory_, h.cur_element_count * h.size_data_per_element_);
        for (std::size_t i = 0; i < h.cur_element_count; ++i) {
            const unsigned int size =
                h.element_levels_[i] > 0
                    ? static_cast<unsigned int>(h.size_links_per_element_ *
                                                static_cast<std::size_t>(h.element_levels_[i]))
                    : 0;
            w.pod(size);
            if (size) w.write(h.linkLists_[i], size);
        }
    }

    void read_exact_payload(FileReader& r, std::uint64_t count) {
        const auto dim = opt.dimension;
        if (r.left() != count * (sizeof(std::uint64_t) + dim * sizeof(float))) {
            r.corrupt("its size does not match " + std::to_string(count) + " vectors");
        }
        flat_labels.resize(count);
        r.read(flat_labels.data(), count * sizeof(std::uint64_t));
        flat.resize(count * dim);
        r.read(flat.data(), flat.size() * sizeof(float));
        flat_slot.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            if (!flat_slot.emplace(flat_labels[i], static_cast<std::uint32_t>(i)).second) {
                r.corrupt("label " + std::to_string(flat_labels[i]) + " appears twice");
            }
        }
    }

    void read_graph_payload(FileReader& r, const FileHeader& fh) {
        const auto dim = opt.dimension;
        const std::size_t count = fh.count;
        const std::size_t m = fh.m;
        const std::size_t links0 = 2 * m * sizeof(tableint) + sizeof(unsigned int);
        const std::size_t links = m * sizeof(tableint) + sizeof(unsigned int);
        const std::size_t per_element = links0 + dim * sizeof(float) + sizeof(hnswlib::labeltype);

        const auto offset_level0 = r.pod<std::size_t>();
        const auto max_elements = r.pod<std::size_t>();
        const auto cur_count = r.pod<std::size_t>();
        const auto size_data = r.pod<std::size_t>();
        const auto label_offset = r.pod<std::size_t>();
        const auto offset_data = r.pod<std::size_t>();
        const auto max_level = r.pod<int>();
        const auto entry = r.pod<tableint>();
        const auto max_m = r.pod<std::size_t>();
        const auto max_m0 = r.pod<std::size_t>();
        const auto m_file = r.pod<std::size_t>();
        const auto mult = r.pod<double>();
        const auto ef_c = r.pod<std::size_t>();
        if (offset_level0 != 0 || cur_count != count || max_elements != count ||
            size_data != per_element || offset_data != links0 ||
            label_offset != links0 + dim * sizeof(float) || max_m != m || max_m0 != 2 * m ||
            m_file != m || ef_c != fh.ef_construction || !(mult > 0) || !std::isfinite(mult) ||
            max_level < -1 || max_level > 64 || (count > 0 && (max_level < 0 || entry >= count))) {
            r.corrupt("its graph header does not match its dimension, M and element count");
        }
        // Everything after the level-0 block is one size word per element plus its upper links.
        if (r.left() < count * (per_element + sizeof(unsigned int))) {
            r.corrupt("it is too short for " + std::to_string(count) + " vectors");
        }

        graph.space = std::make_unique<IpSpace>(dim);
        // The one-argument constructor initialises nothing: set every member before anything can
        // throw, so the destructor only frees what was allocated.
        graph.index = std::make_unique<Hnsw>(graph.space.get());
        Hnsw& h = *graph.index;
        h.data_level0_memory_ = nullptr;
        h.linkLists_ = nullptr;
        h.visited_list_pool_ = nullptr;
        h.cur_element_count = 0;
        h.num_deleted_ = 0;

        const std::size_t capacity = std::max<std::size_t>(count + count / 16 + 16, 16);
        h.max_elements_ = capacity;
        h.offsetLevel0_ = 0;
        h.size_data_per_element_ = per_element;
        h.label_offset_ = label_offset;
        h.offsetData_ = offset_data;
        h.maxlevel_ = max_level;
        h.enterpoint_node_ = count > 0 ? entry : static_cast<tableint>(-1);
        h.maxM_ = m;
        h.maxM0_ = 2 * m;
        h.M_ = m;
        h.mult_ = mult;
        h.revSize_ = 1.0 / mult;
        h.ef_construction_ = ef_c;
        h.ef_ = 10;
        h.data_size_ = dim * sizeof(float);
        h.fstdistfunc_ = graph.space->get_dist_func();
        h.dist_func_param_ = graph.space->get_dist_func_param();
        h.size_links_per_element_ = links;
        h.size_links_level0_ = links0;
        h.level_generator_.seed(opt.seed);
        h.update_probability_generator_.seed(opt.seed + 1);

        h.data_level0_memory_ = static_cast<char*>(std::malloc(capacity * per_element));
        h.linkLists_ = static_cast<char**>(std::calloc(capacity, sizeof(char*)));
        if (!h.data_level0_memory_ || !h.linkLists_) {
            throw Error(ErrorCode::kResourceExhausted, "vector index: out of memory loading " +
                                                           std::to_string(count) + " vectors");
        }
        h.element_levels_.assign(capacity, 0);
        h.cur_element_count = count;  // from here the destructor frees the link lists read so far
        std::vector<std::mutex>(capacity).swap(h.link_list_locks_);
        std::vector<std::mutex>(Hnsw::max_update_element_locks).swap(h.link_list_update_locks_);
        h.visited_list_pool_ = new hnswlib::VisitedListPool(1, static_cast<int>(capacity));

        r.read(h.data_level0_memory_, count * per_element);
        for (std::size_t i = 0; i < count; ++i) {
            const auto size = r.pod<unsigned int>();
            if (size == 0) continue;
            if (size % links != 0 || size / links > static_cast<std::size_t>(max_level)) {
                r.corrupt("element " + std::to_string(i) + " has an impossible link list size");
            }
            h.linkLists_[i] = static_cast<char*>(std::malloc(size + 1));
            if (!h.linkLists_[i])
                throw Error(ErrorCode::kResourceExhausted, "vector index: out of memory");
            r.read(h.linkLists_[i], size);
            h.element_levels_[i] = static_cast<int>(size / links);
        }
        if (r.left() != 0) r.corrupt("it has trailing bytes");
    }

    // Every link must point at an element that has that level; labels must be unique. Recounts the
    // tombstones (hnswlib 0.6.2's loadIndex leaves that count uninitialised).
    void validate_graph(const FileReader& r) {
        Hnsw& h = *graph.index;
        const std::size_t count = h.cur_element_count;
        if (count > 0 && h.element_levels_[h.enterpoint_node_] != h.maxlevel_) {
            r.corrupt("its entry point is not on the top level");
        }
        // The links are checked on a second thread while this one builds the label map (both only
        // read the graph): at 1M vectors each is a few hundred milliseconds.
        std::string link_problem;
        auto check_links = [&] {
            for (std::size_t i = 0; i < count; ++i) {
                const int level = h.element_levels_[i];
                if (level > h.maxlevel_) {
                    link_problem = "element " + std::to_string(i) + " is above the top level";
                    return;
                }
                for (int l = 0; l <= level; ++l) {
                    auto* data = h.get_linklist_at_level(static_cast<tableint>(i), l);
                    const std::size_t size = h.getListCount(data);
                    if (size > (l == 0 ? h.maxM0_ : h.maxM_)) {
                        link_problem = "element " + std::to_string(i) + " has too many links";
                        return;
                    }
                    const auto* links = reinterpret_cast<const tableint*>(data + 1);
                    for (std::size_t j = 0; j < size; ++j) {
                        if (links[j] >= count || h.element_levels_[links[j]] < l) {
                            link_problem =
                                "element " + std::to_string(i) + " links to a missing element";
                            return;
                        }
                    }
                }
            }
        };
        std::thread checker;
        if (count >= kParallelValidation) {
            try {
                checker = std::thread(check_links);
            } catch (const std::system_error&) {
                check_links();  // no thread available: check here
            }
        } else {
            check_links();
        }
        struct Join {
            std::thread& t;
            ~Join() {
                if (t.joinable()) t.join();
            }
        } join{checker};
        std::string label_problem;
        h.label_lookup_.reserve(count);
        std::size_t deleted = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (!h.label_lookup_
                     .emplace(h.getExternalLabel(static_cast<tableint>(i)),
                              static_cast<tableint>(i))
                     .second) {
                label_problem = "label " +
                                std::to_string(h.getExternalLabel(static_cast<tableint>(i))) +
                                " appears twice";
                break;
            }
            if (h.isMarkedDeleted(static_cast<tableint>(i))) ++deleted;
        }
        if (checker.joinable()) checker.join();
        if (!link_problem.empty()) r.corrupt(link_problem);
        if (!label_problem.empty()) r.corrupt(label_problem);
        h.num_deleted_ = deleted;
    }
};

// ---------------------------------------------------------------------------------------------

VectorIndex::VectorIndex(const VectorIndexOptions& options) : impl_(std::make_unique<Impl>()) {
    if (options.dimension == 0)
        throw Error(ErrorCode::kInvalidArgument, "vector index dimension is 0");
    if (options.m < 2 || options.m > 256) {
        throw Error(ErrorCode::kInvalidArgument, "vector index M must be between 2 and 256");
    }
    if (options.ef_construction == 0) {
        throw Error(ErrorCode::kInvalidArgument, "vector index ef_construction is 0");
    }
    if (!(options.compaction_ratio > 0 && options.compaction_ratio <= 1)) {
        throw Error(ErrorCode::kInvalidArgument, "vector index compaction_ratio must be in (0, 1]");
    }
    impl_->opt = options;
}

VectorIndex::~VectorIndex() = default;
VectorIndex::VectorIndex(VectorIndex&&) noexcept = default;
VectorIndex& VectorIndex::operator=(VectorIndex&&) noexcept = default;

void VectorIndex::add(std::uint64_t label, std::span<const float> vector) {
    const auto v = impl_->prepare(vector, "vector");
    std::lock_guard write(impl_->write_mu);
    if (impl_->graph) {
        std::unique_lock lock(impl_->rw);
        impl_->ensure_capacity(1);
        try {
            impl_->graph.index->addPoint(v.data(), label);
        } catch (const std::runtime_error& e) {
            throw_hnswlib(e, "adding a vector");
        }
        return;
    }
    {
        std::unique_lock lock(impl_->rw);
        impl_->flat_upsert(label, v.data());
    }
    impl_->maybe_convert_to_graph();
}

void VectorIndex::add_batch(std::span<const std::uint64_t> labels, std::span<const float> vectors) {
    auto& impl = *impl_;
    const auto dim = impl.opt.dimension;
    if (vectors.size() != labels.size() * dim) {
        throw Error(ErrorCode::kInvalidArgument, "add_batch: " + std::to_string(vectors.size()) +
                                                     " floats for " +
                                                     std::to_string(labels.size()) +
                                                     " labels of dimension " + std::to_string(dim));
    }
    for (float x : vectors) {
        if (!std::isfinite(x))
            throw Error(ErrorCode::kInvalidArgument,
                        "add_batch: a vector contains NaN or infinity");
    }
    // The last occurrence of a label wins.
    std::vector<std::size_t> order;
    {
        std::unordered_map<std::uint64_t, std::size_t> last;
        last.reserve(labels.size());
        for (std::size_t i = 0; i < labels.size(); ++i) last[labels[i]] = i;
        order.reserve(last.size());
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (last[labels[i]] == i) order.push_back(i);
        }
    }
    std::vector<float> norm(order.size() * dim);
    impl.parallel(order.size(), [&](std::size_t j) {
        std::copy_n(vectors.begin() + static_cast<std::ptrdiff_t>(order[j] * dim), dim,
                    norm.begin() + static_cast<std::ptrdiff_t>(j * dim));
        sd::normalize(norm.data() + j * dim, dim);
    });

    std::lock_guard write(impl.write_mu);
    if (!impl.graph) {
        if (impl.flat_labels.size() + order.size() < impl.opt.exact_threshold) {
            std::unique_lock lock(impl.rw);
            for (std::size_t j = 0; j < order.size(); ++j)
                impl.flat_upsert(labels[order[j]], norm.data() + j * dim);
            return;
        }
        if (!impl.flat_labels.empty()) {
            // Exact vectors plus the batch reach the threshold: one graph for both.
            std::vector<std::uint64_t> all_labels;
            std::vector<const float*> ptrs;
            std::unordered_map<std::uint64_t, std::size_t> in_batch;
            for (std::size_t j = 0; j < order.size(); ++j) in_batch.emplace(labels[order[j]], j);
            for (std::size_t i = 0; i < impl.flat_labels.size(); ++i) {
                if (in_batch.count(impl.flat_labels[i])) continue;
                all_labels.push_back(impl.flat_labels[i]);
                ptrs.push_back(impl.flat.data() + i * dim);
            }
            for (std::size_t j = 0; j < order.size(); ++j) {
                all_labels.push_back(labels[order[j]]);
                ptrs.push_back(norm.data() + j * dim);
            }
            Graph g = impl.build_graph(
                all_labels.size(), [&](std::size_t i) { return ptrs[i]; },
                [&](std::size_t i) { return all_labels[i]; });
            std::unique_lock lock(impl.rw);
            impl.graph = std::move(g);
            std::vector<float>().swap(impl.flat);
            std::vector<std::uint64_t>().swap(impl.flat_labels);
            std::unordered_map<std::uint64_t, std::uint32_t>().swap(impl.flat_slot);
            return;
        }
        Graph g = impl.build_graph(
            order.size(), [&](std::size_t j) { return norm.data() + j * dim; },
            [&](std::size_t j) { return labels[order[j]]; });
        std::unique_lock lock(impl.rw);
        impl.graph = std::move(g);
        return;
    }
    std::unique_lock lock(impl.rw);
    Hnsw& h = *impl.graph.index;
    impl.ensure_capacity(order.size());
    // Replacements go one by one (hnswlib's update path is not meant to run concurrently), new
    // labels in parallel.
    std::vector<std::size_t> fresh;
    fresh.reserve(order.size());
    for (std::size_t j = 0; j < order.size(); ++j) {
        if (h.label_lookup_.count(labels[order[j]])) {
            try {
                h.addPoint(norm.data() + j * dim, labels[order[j]]);
            } catch (const std::runtime_error& e) {
                throw_hnswlib(e, "replacing a vector");
            }
        } else {
            fresh.push_back(j);
        }
    }
    impl.parallel(fresh.size(), [&](std::size_t i) {
        try {
            h.addPoint(norm.data() + fresh[i] * dim, labels[order[fresh[i]]]);
        } catch (const std::runtime_error& e) {
            throw_hnswlib(e, "adding vectors");
        }
    });
}

bool VectorIndex::remove(std::uint64_t label) {
    auto& impl = *impl_;
    std::lock_guard write(impl.write_mu);
    if (!impl.graph) {
        std::unique_lock lock(impl.rw);
        return impl.flat_remove(label);
    }
    {
        std::unique_lock lock(impl.rw);
        Hnsw& h = *impl.graph.index;
        auto it = h.label_lookup_.find(label);
        if (it == h.label_lookup_.end() || h.isMarkedDeleted(it->second)) return false;
        h.markDeletedInternal(it->second);
    }
    if (impl.needs_compaction()) impl.compact_locked();
    return true;
}

bool VectorIndex::contains(std::uint64_t label) const {
    auto& impl = *impl_;
    std::shared_lock lock(impl.rw);
    if (!impl.graph) return impl.flat_slot.count(label) > 0;
    const Hnsw& h = *impl.graph.index;
    auto it = h.label_lookup_.find(label);
    return it != h.label_lookup_.end() && !h.isMarkedDeleted(it->second);
}

std::vector<VectorHit> VectorIndex::search(std::span<const float> query, std::size_t k,
                                           const VectorSearchParams& params) const {
    auto& impl = *impl_;
    const auto q = impl.prepare(query, "query vector");
    if (k == 0) return {};
    std::shared_lock lock(impl.rw);
    if (!impl.graph) return impl.exact_flat(q.data(), k, params.allowed);
    const Hnsw& h = *impl.graph.index;
    const std::size_t ef = std::max(params.ef > 0 ? params.ef : impl.opt.ef_search, k);
    if (params.allowed) {
        const auto& allowed = *params.allowed;
        // A small allow-list is cheaper (and exact) to scan than to find by walking a graph where
        // most nodes are rejected.
        if (allowed.size() <= std::max(impl.opt.exact_threshold, live_count(h) / 10)) {
            return impl.exact_graph(q.data(), k, &allowed);
        }
        return graph_search<true>(h, q.data(), k, ef, [&](tableint id) {
            return !h.isMarkedDeleted(id) &&
                   std::binary_search(allowed.begin(), allowed.end(), h.getExternalLabel(id));
        });
    }
    if (h.num_deleted_ > 0) {
        return graph_search<true>(h, q.data(), k, ef,
                                  [&](tableint id) { return !h.isMarkedDeleted(id); });
    }
    return graph_search<false>(h, q.data(), k, ef, [](tableint) { return true; });
}

std::vector<VectorHit> VectorIndex::search_exact(std::span<const float> query,
                                                 std::size_t k) const {
    auto& impl = *impl_;
    const auto q = impl.prepare(query, "query vector");
    if (k == 0) return {};
    std::shared_lock lock(impl.rw);
    return impl.graph ? impl.exact_graph(q.data(), k, nullptr)
                      : impl.exact_flat(q.data(), k, nullptr);
}

void VectorIndex::compact() {
    std::lock_guard write(impl_->write_mu);
    impl_->compact_locked();
}

std::size_t VectorIndex::size() const {
    std::shared_lock lock(impl_->rw);
    return impl_->graph ? live_count(*impl_->graph.index) : impl_->flat_labels.size();
}

std::size_t VectorIndex::deleted_count() const {
    std::shared_lock lock(impl_->rw);
    return impl_->graph ? impl_->graph.index->num_deleted_ : 0;
}

bool VectorIndex::is_hnsw() const {
    std::shared_lock lock(impl_->rw);
    return static_cast<bool>(impl_->graph);
}

const VectorIndexOptions& VectorIndex::options() const noexcept {
    return impl_->opt;
}

const char* VectorIndex::simd_kernel() noexcept {
    return sd::dot_kernel_name();
}

VectorIndexFileInfo VectorIndex::save(const std::string& path, std::int64_t tag) const {
    auto& impl = *impl_;
    // Mutations wait (they need write_mu); searches read on (they never change what is written).
    std::lock_guard write(impl.write_mu);
    static std::atomic<unsigned> counter{0};
    const std::string tmp =
        path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    auto fail = [&](const std::string& what) -> Error {
        const std::string why = errno_text();
        ::unlink(tmp.c_str());
        return Error(ErrorCode::kIo, "cannot " + what + " vector index '" + path + "': " + why);
    };

    FileHeader fh{};
    std::memcpy(fh.magic, kMagic, sizeof kMagic);
    fh.version = kFormatVersion;
    fh.kind = impl.graph ? kKindHnsw : kKindExact;
    fh.metric = kMetricIp;
    fh.header_bytes = sizeof(FileHeader);
    fh.dimension = impl.opt.dimension;
    fh.m = impl.graph ? impl.opt.m : 0;
    fh.ef_construction = impl.graph ? impl.opt.ef_construction : 0;
    fh.count = impl.graph ? impl.graph.index->cur_element_count : impl.flat_labels.size();
    fh.deleted = impl.graph ? impl.graph.index->num_deleted_ : 0;
    fh.tag = tag;

    Fd fd;
    fd.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd.fd < 0) throw fail("create");
    try {
        FileWriter header(fd.fd, tmp);
        header.write(&fh, sizeof fh);  // a placeholder until the payload checksum is known
        header.flush();
        FileWriter payload(fd.fd, tmp);
        impl.write_payload(payload);
        payload.flush();
        fh.payload_bytes = payload.bytes();
        fh.payload_checksum = payload.checksum();
        fh.header_checksum = header_checksum(fh);
        if (::pwrite(fd.fd, &fh, sizeof fh, 0) != static_cast<ssize_t>(sizeof fh))
            throw fail("write");
    } catch (const Error&) {
        ::unlink(tmp.c_str());
        throw;
    }
    if (::fsync(fd.fd) != 0) throw fail("flush");
    const int closed = ::close(fd.fd);
    fd.fd = -1;
    if (closed != 0) throw fail("close");
    if (::rename(tmp.c_str(), path.c_str()) != 0) throw fail("rename the temporary file over");
    const auto dir = std::filesystem::path(path).parent_path();
    Fd dfd;
    dfd.fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd.fd >= 0) ::fsync(dfd.fd);  // makes the rename durable; best effort on odd file systems

    VectorIndexFileInfo info;
    info.kind = impl.graph ? "hnsw" : "exact";
    info.metric = "ip";
    info.dimension = fh.dimension;
    info.m = fh.m;
    info.ef_construction = fh.ef_construction;
    info.count = fh.count;
    info.deleted = fh.deleted;
    info.tag = tag;
    info.checksum = sd::Checksum64::hex(fh.payload_checksum);
    info.bytes = sizeof fh + fh.payload_bytes;
    return info;
}

VectorIndex VectorIndex::load(const std::string& path, const VectorIndexOptions& options,
                              VectorIndexFileInfo* info) {
    Fd fd;
    fd.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd.fd < 0) {
        if (errno == ENOENT)
            throw Error(ErrorCode::kNotFound, "vector index '" + path + "' does not exist");
        throw Error(ErrorCode::kIo, "cannot open vector index '" + path + "': " + errno_text());
    }
    struct stat st{};
    if (::fstat(fd.fd, &st) != 0) {
        throw Error(ErrorCode::kIo, "cannot read vector index '" + path + "': " + errno_text());
    }
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    FileReader header_reader(fd.fd, path, sizeof(FileHeader));
    if (file_size < sizeof(FileHeader)) header_reader.corrupt("it is shorter than its header");
    FileHeader fh{};
    header_reader.read(&fh, sizeof fh);
    if (std::memcmp(fh.magic, kMagic, sizeof kMagic) != 0)
        header_reader.corrupt("it is not a PropOS vector index");
    if (fh.header_checksum != header_checksum(fh))
        header_reader.corrupt("its header checksum does not match");
    if (fh.version != kFormatVersion) {
        header_reader.corrupt("format version " + std::to_string(fh.version) + " is not supported");
    }
    if ((fh.kind != kKindExact && fh.kind != kKindHnsw) || fh.metric != kMetricIp ||
        fh.header_bytes != sizeof(FileHeader)) {
        header_reader.corrupt("its header is invalid");
    }
    if (fh.dimension != options.dimension) {
        header_reader.corrupt("it holds " + std::to_string(fh.dimension) + "-d vectors, " +
                              std::to_string(options.dimension) + "-d were expected");
    }
    if (fh.payload_bytes != file_size - sizeof(FileHeader)) {
        header_reader.corrupt("it is " + std::to_string(file_size) + " bytes, its header says " +
                              std::to_string(fh.payload_bytes + sizeof(FileHeader)));
    }
    if (fh.deleted > fh.count || fh.count > (std::uint64_t{1} << 32) ||
        (fh.kind == kKindHnsw && (fh.m < 2 || fh.m > 256 || fh.ef_construction == 0))) {
        header_reader.corrupt("its header is invalid");
    }

    VectorIndexOptions opt = options;
    if (fh.kind == kKindHnsw) {
        opt.m = fh.m;
        opt.ef_construction = fh.ef_construction;
    }
    VectorIndex index(opt);
    FileReader r(fd.fd, path, fh.payload_bytes);
    try {
        if (fh.kind == kKindExact) {
            index.impl_->read_exact_payload(r, fh.count);
        } else {
            index.impl_->read_graph_payload(r, fh);
        }
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::kResourceExhausted,
                    "vector index '" + path + "': out of memory loading it");
    }
    if (r.checksum() != fh.payload_checksum) r.corrupt("its checksum does not match its content");
    if (fh.kind == kKindHnsw) {
        index.impl_->validate_graph(r);
        if (index.impl_->graph.index->num_deleted_ != fh.deleted) {
            r.corrupt("its tombstone count does not match its header");
        }
    }
    if (info) {
        info->kind = fh.kind == kKindHnsw ? "hnsw" : "exact";
        info->metric = "ip";
        info->dimension = fh.dimension;
        info->m = fh.m;
        info->ef_construction = fh.ef_construction;
        info->count = fh.count;
        info->deleted = fh.deleted;
        info->tag = fh.tag;
        info->checksum = sd::Checksum64::hex(fh.payload_checksum);
        info->bytes = file_size;
    }
    return index;
}

}  // namespace propos

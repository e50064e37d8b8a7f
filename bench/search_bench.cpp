// History-search benchmark: PropOS's VectorIndex against raw hnswlib, FAISS IndexHNSWFlat and an
// exact scan, on synthetic clustered 384-d vectors, in one run. See docs/benchmarks.md ("History
// search") for the published figures and docs/search.md for the design.
//
//   propos_bench_search [--n N] [--1m] [--queries Q] [--threads T] [--orgs O] [--zipf S]
//                       [--repeat R] [--seed S] [--dir DIR] [--skip-faiss] [--skip-multi]
//                       [--open-only [--index-file PATH]]
//
// Suites:
//   micro          the figures quoted in the public headers: the hashing embedder's time per
//                  message and the exact scan at 10,000 and 20,000 vectors.
//   single-tenant  one index of N vectors per library, all with M=16, efConstruction=200. Each
//                  library is built and measured in its own forked child, so the resident-set
//                  growth of the child is the index's memory. ef is swept; recall@10 against the
//                  exact answer, single-thread QPS and p50/p99 latency are reported, then compared
//                  at matched recall (0.90, 0.95, 0.99).
//   open           our index saved to a file and loaded again in a fresh child (the 1M case with
//                  --1m; --open-only builds only our index and skips the other suites;
//                  --index-file keeps that index at PATH and reuses it when it exists).
//   multi-tenant   N vectors split among O organizations with Zipf-distributed sizes. PropOS: one
//                  VectorIndex per organization (exact below 20,000, HNSW above, default
//                  ef_search). Baseline: one shared hnswlib index over everyone, post-filtered by
//                  organization. Per size bucket: recall@10, short-result rate, QPS.
// Any result that belongs to another organization than the one searched fails the run (exit 1).
//
// A plain main() program rather than Google Benchmark: the suites need forked children, sweeps and
// matched-recall tables that the framework's one-timing-per-benchmark model does not fit.
#include <malloc.h>
#include <omp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <faiss/IndexHNSW.h>
#include <faiss/index_io.h>
#include <hnswlib/hnswlib.h>

#include "propos/core/json.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/vector_index.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using propos::Json;
constexpr std::size_t kDim = 384;
constexpr std::size_t kK = 10;
constexpr std::size_t kM = 16;
constexpr std::size_t kEfConstruction = 200;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Args {
    std::size_t n = 100000;
    std::size_t queries = 1000;
    std::size_t threads = 2;
    std::size_t orgs = 2000;
    double zipf = 1.2;
    std::size_t repeat = 3;
    std::uint64_t seed = 42;
    std::string dir;
    bool faiss = true;
    bool multi = true;
    bool open_only = false;
    std::string index_file;  // --index-file: the open test's index, kept (and reused if present)
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "propos_bench_search: %s\nusage: propos_bench_search [--n N] [--1m] [--queries Q] "
                 "[--threads T] [--orgs O] [--zipf S] [--repeat R] [--seed S] [--dir DIR] "
                 "[--skip-faiss] [--skip-multi] [--open-only [--index-file PATH]]\n",
                 why);
    std::exit(2);
}

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + arg).c_str());
            return argv[++i];
        };
        auto number = [&]() -> std::size_t {
            const std::string v = value();
            char* end = nullptr;
            const auto x = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || x == 0) usage(("bad number for " + arg).c_str());
            return static_cast<std::size_t>(x);
        };
        if (arg == "--n") {
            a.n = number();
        } else if (arg == "--1m") {
            a.n = 1000000;
        } else if (arg == "--queries") {
            a.queries = number();
        } else if (arg == "--threads") {
            a.threads = number();
        } else if (arg == "--orgs") {
            a.orgs = number();
        } else if (arg == "--zipf") {
            a.zipf = std::atof(value().c_str());
            if (!(a.zipf > 0)) usage("--zipf must be positive");
        } else if (arg == "--repeat") {
            a.repeat = number();
        } else if (arg == "--seed") {
            a.seed = number();
        } else if (arg == "--dir") {
            a.dir = value();
        } else if (arg == "--skip-faiss") {
            a.faiss = false;
        } else if (arg == "--skip-multi") {
            a.multi = false;
        } else if (arg == "--open-only") {
            a.open_only = true;
        } else if (arg == "--index-file") {
            a.index_file = value();
        } else {
            usage(("unknown argument " + arg).c_str());
        }
    }
    if (a.n < 1000) usage("--n must be at least 1000");
    if (!a.index_file.empty() && !a.open_only) usage("--index-file needs --open-only");
    if (a.dir.empty()) a.dir = std::filesystem::temp_directory_path().string();
    return a;
}

// ---- data ----

// Runs f(i) for i in [0, n) on `threads` threads.
template <class F>
void parallel_for(std::size_t n, std::size_t threads, F&& f) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) f(i);
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

void normalize(float* v) {
    double s = 0;
    for (std::size_t i = 0; i < kDim; ++i) s += static_cast<double>(v[i]) * v[i];
    const float inv = static_cast<float>(1.0 / std::sqrt(s));
    for (std::size_t i = 0; i < kDim; ++i) v[i] *= inv;
}

// Gaussian clusters on the unit sphere: `clusters` random unit centres; each point is its centre
// plus isotropic noise of the same expected length times `spread`, normalized (cosine to its centre
// about 1/sqrt(1 + spread^2)).
struct Mixture {
    std::vector<float> centers;
    std::size_t clusters = 0;
    float spread = 0.75f;

    Mixture(std::size_t c, std::uint64_t seed) : clusters(c) {
        centers.resize(c * kDim);
        std::mt19937_64 rng(seed);
        std::normal_distribution<float> g;
        for (auto& x : centers) x = g(rng);
        for (std::size_t i = 0; i < c; ++i) normalize(centers.data() + i * kDim);
    }
    // n points, generated in blocks with their own seeds so any thread count gives the same data.
    std::vector<float> sample(std::size_t n, std::uint64_t seed, std::size_t threads) const {
        std::vector<float> out(n * kDim);
        constexpr std::size_t kBlock = 4096;
        const std::size_t blocks = (n + kBlock - 1) / kBlock;
        const float sigma = spread / std::sqrt(static_cast<float>(kDim));
        parallel_for(blocks, threads, [&](std::size_t b) {
            std::mt19937_64 rng(seed * 1000003 + b);
            std::normal_distribution<float> g(0.0f, sigma);
            for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) {
                const float* c = centers.data() + (rng() % clusters) * kDim;
                float* v = out.data() + i * kDim;
                for (std::size_t d = 0; d < kDim; ++d) v[d] = c[d] + g(rng);
                normalize(v);
            }
        });
        return out;
    }
};

float dot(const float* a, const float* b) {
    float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < kDim; i += 8) {
        for (std::size_t j = 0; j < 8; ++j) s[j] += a[i + j] * b[i + j];
    }
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

// The k best (score, id) pairs pushed, ties to the smaller id.
class Best {
public:
    explicit Best(std::size_t k) : k_(k) {}
    void push(float s, std::uint64_t id) {
        if (heap_.size() < k_) {
            heap_.emplace_back(s, id);
            std::push_heap(heap_.begin(), heap_.end(), better);
        } else if (better({s, id}, heap_.front())) {
            std::pop_heap(heap_.begin(), heap_.end(), better);
            heap_.back() = {s, id};
            std::push_heap(heap_.begin(), heap_.end(), better);
        }
    }
    std::vector<std::uint64_t> labels() const {
        auto sorted = heap_;
        std::sort(sorted.begin(), sorted.end(), better);
        std::vector<std::uint64_t> out;
        for (const auto& [s, id] : sorted) out.push_back(id);
        return out;
    }

private:
    // a ranks before b; as the heap order it keeps the worst of the k on top.
    static bool better(const std::pair<float, std::uint64_t>& a,
                      const std::pair<float, std::uint64_t>& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    }
    std::size_t k_;
    std::vector<std::pair<float, std::uint64_t>> heap_;
};

// Exact top-k labels of `q` among rows `ids` of `base`.
std::vector<std::uint64_t> exact_top(const float* q, const std::vector<float>& base,
                                     const std::vector<std::uint64_t>& ids) {
    Best best(kK);
    for (const auto id : ids) best.push(dot(q, base.data() + id * kDim), id);
    return best.labels();
}

// Exact top-k labels of every query over all rows of `base`. Blocks of rows are scanned by chunks
// of queries, so each block comes from memory once per chunk instead of once per query.
std::vector<std::vector<std::uint64_t>> exact_top_all(const std::vector<float>& queries,
                                                      const std::vector<float>& base,
                                                      std::size_t threads) {
    constexpr std::size_t kChunk = 32;
    constexpr std::size_t kRows = 2048;
    const std::size_t nq = queries.size() / kDim;
    const std::size_t n = base.size() / kDim;
    std::vector<std::vector<std::uint64_t>> out(nq);
    parallel_for((nq + kChunk - 1) / kChunk, threads, [&](std::size_t c) {
        const std::size_t q0 = c * kChunk;
        const std::size_t q1 = std::min(nq, q0 + kChunk);
        std::vector<Best> best(q1 - q0, Best(kK));
        for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
            const std::size_t r1 = std::min(n, r0 + kRows);
            for (std::size_t q = q0; q < q1; ++q) {
                for (std::size_t r = r0; r < r1; ++r) {
                    best[q - q0].push(dot(queries.data() + q * kDim, base.data() + r * kDim), r);
                }
            }
        }
        for (std::size_t q = q0; q < q1; ++q) out[q] = best[q - q0].labels();
    });
    return out;
}

double recall_of(const std::vector<std::uint64_t>& got, const std::vector<std::uint64_t>& truth) {
    if (truth.empty()) return 1.0;
    std::size_t hit = 0;
    for (const auto id : got) hit += std::find(truth.begin(), truth.end(), id) != truth.end();
    return static_cast<double>(hit) / static_cast<double>(truth.size());
}

// ---- measuring ----

std::size_t rss_bytes() {
    std::ifstream in("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// Runs `build` (which constructs an index in state the caller owns) and measures its wall time and
// the resident-set growth per vector.
template <class F>
Json measure_build(std::size_t n, F&& build) {
    malloc_trim(0);
    const auto before = rss_bytes();
    const auto start = Clock::now();
    build();
    const double s = seconds_since(start);
    const auto after = rss_bytes();
    return Json{{"build_s", s},
                {"bytes_per_vector", static_cast<double>(after - before) / static_cast<double>(n)}};
}

std::vector<std::uint64_t> labels_of(const std::vector<propos::VectorHit>& hits) {
    std::vector<std::uint64_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.label);
    return out;
}

// hnswlib's result queue (worst on top) as labels, best first.
std::vector<std::uint64_t> labels_of(std::priority_queue<std::pair<float, hnswlib::labeltype>> pq) {
    std::vector<std::uint64_t> out(pq.size());
    for (std::size_t i = out.size(); i > 0; --i) {
        out[i - 1] = pq.top().second;
        pq.pop();
    }
    return out;
}

// Runs `fn` in a forked child and returns the JSON it produced. Exits on failure.
Json in_child(const std::string& what, const std::function<Json()>& fn) {
    std::fflush(stdout);
    int fds[2];
    if (::pipe(fds) != 0) {
        std::perror("pipe");
        std::exit(1);
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (pid == 0) {
        ::close(fds[0]);
        int code = 0;
        std::string text;
        try {
            text = fn().dump();
        } catch (const std::exception& e) {
            text = Json{{"error", e.what()}}.dump();
            code = 1;
        }
        std::size_t off = 0;
        while (off < text.size()) {
            const ssize_t w = ::write(fds[1], text.data() + off, text.size() - off);
            if (w <= 0) break;
            off += static_cast<std::size_t>(w);
        }
        ::close(fds[1]);
        std::fflush(stdout);
        ::_exit(code);
    }
    ::close(fds[1]);
    std::string text;
    char buf[65536];
    for (ssize_t r; (r = ::read(fds[0], buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(r));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || text.empty()) {
        std::fprintf(stderr, "%s: the child process died (status %d)\n", what.c_str(), status);
        std::exit(1);
    }
    Json j = Json::parse(text);
    if (j.contains("error")) {
        std::fprintf(stderr, "%s failed: %s\n", what.c_str(),
                     j["error"].get<std::string>().c_str());
        std::exit(1);
    }
    return j;
}

struct Point {
    std::size_t ef = 0;
    double recall = 0;
    double qps = 0;
    double p50_us = 0;
    double p99_us = 0;
};

Json to_json(const Point& p) {
    return Json{{"ef", p.ef},
                {"recall", p.recall},
                {"qps", p.qps},
                {"p50_us", p.p50_us},
                {"p99_us", p.p99_us}};
}
Point point_from(const Json& j) {
    return Point{j["ef"], j["recall"], j["qps"], j["p50_us"], j["p99_us"]};
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(
        static_cast<double>(v.size() - 1), std::ceil(p * static_cast<double>(v.size())) - 1));
    return v[i];
}

using SearchFn = std::function<std::vector<std::uint64_t>(const float* q, std::size_t ef)>;

// One pass of every query at `ef`.
Point one_pass(const SearchFn& search, std::size_t ef, const std::vector<float>& queries,
               const std::vector<std::vector<std::uint64_t>>& truth) {
    const std::size_t nq = truth.size();
    std::vector<double> lat(nq);
    double rec = 0;
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < nq; ++i) {
        const auto s = Clock::now();
        const auto got = search(queries.data() + i * kDim, ef);
        lat[i] = std::chrono::duration<double, std::micro>(Clock::now() - s).count();
        rec += recall_of(got, truth[i]);
    }
    const double total = seconds_since(t0);
    return Point{ef, rec / static_cast<double>(nq), static_cast<double>(nq) / total,
                 percentile(lat, 0.50), percentile(lat, 0.99)};
}

// The faster of two passes (same ef, same recall).
Point faster(const Point& a, const Point& b) {
    return b.qps > a.qps ? b : a;
}

const std::vector<std::size_t> kEfSweep = {10,  16,  24,  32,  48,  64,  96,
                                           128, 192, 256, 384, 512, 768, 1024};

struct Library {
    std::string name;
    double build_s = 0;
    double bytes_per_vector = 0;
    std::vector<Point> points;
};

// Sweeps ef for every searcher, interleaved: for each ef, `repeat` rounds in which each searcher
// makes one pass over the queries, keeping each one's fastest pass. Interleaving spreads the noise
// of a shared machine evenly over the libraries. A searcher stops once its recall reaches 0.999.
std::vector<std::vector<Point>> sweep_interleaved(
    const std::vector<SearchFn>& searchers, const std::vector<float>& queries,
    const std::vector<std::vector<std::uint64_t>>& truth, std::size_t repeat) {
    std::vector<std::vector<Point>> out(searchers.size());
    std::vector<bool> done(searchers.size(), false);
    for (const auto ef : kEfSweep) {
        std::vector<std::optional<Point>> best(searchers.size());
        for (std::size_t r = 0; r < repeat; ++r) {
            for (std::size_t s = 0; s < searchers.size(); ++s) {
                if (done[s]) continue;
                const Point p = one_pass(searchers[s], ef, queries, truth);
                best[s] = best[s] ? faster(*best[s], p) : p;
            }
        }
        for (std::size_t s = 0; s < searchers.size(); ++s) {
            if (!best[s]) continue;
            out[s].push_back(*best[s]);
            done[s] = best[s]->recall >= 0.999;
        }
        if (std::all_of(done.begin(), done.end(), [](bool d) { return d; })) break;
    }
    return out;
}

// Raw hnswlib: an index over every row of `base`, labels = row numbers, inserted on `threads`
// threads.
std::unique_ptr<hnswlib::HierarchicalNSW<float>> build_hnswlib(hnswlib::InnerProductSpace& space,
                                                               const std::vector<float>& base,
                                                               std::size_t threads) {
    const std::size_t n = base.size() / kDim;
    auto h = std::make_unique<hnswlib::HierarchicalNSW<float>>(&space, n, kM, kEfConstruction, 100);
    parallel_for(n, threads, [&](std::size_t i) { h->addPoint(base.data() + i * kDim, i); });
    return h;
}

// ---- single tenant ----

// The cheapest point (smallest ef) reaching `target` recall, if any.
const Point* at_recall(const Library& l, double target) {
    for (const auto& p : l.points) {
        if (p.recall >= target) return &p;
    }
    return nullptr;
}

void print_single_tenant(const Args& args, const std::vector<Library>& libs) {
    std::printf(
        "\n### ef sweep (recall@10, single-thread QPS, p50 / p99 latency in microseconds)\n\n");
    std::printf(
        "| library | ef | recall@10 | QPS | p50 us | p99 us |\n|---|---|---|---|---|---|\n");
    for (const auto& l : libs) {
        for (const auto& p : l.points) {
            std::printf("| %s | %s | %.4f | %.0f | %.0f | %.0f |\n", l.name.c_str(),
                        p.ef ? std::to_string(p.ef).c_str() : "-", p.recall, p.qps, p.p50_us,
                        p.p99_us);
        }
    }
    std::printf(
        "\n### Build and memory\n\n| library | build (s, %zu threads) | bytes per vector |\n",
        args.threads);
    std::printf("|---|---|---|\n");
    for (const auto& l : libs) {
        std::printf("| %s | %.1f | %.0f |\n", l.name.c_str(), l.build_s, l.bytes_per_vector);
    }
    std::printf("\n### At matched recall@10 (smallest swept ef reaching it)\n\n");
    std::printf("| recall target | library | ef | recall@10 | QPS | p50 us | p99 us |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    for (const double target : {0.90, 0.95, 0.99}) {
        for (const auto& l : libs) {
            if (const Point* p = at_recall(l, target)) {
                std::printf("| %.2f | %s | %s | %.4f | %.0f | %.0f | %.0f |\n", target,
                            l.name.c_str(), p->ef ? std::to_string(p->ef).c_str() : "-", p->recall,
                            p->qps, p->p50_us, p->p99_us);
            } else {
                std::printf("| %.2f | %s | - | not reached | - | - | - |\n", target,
                            l.name.c_str());
            }
        }
    }
    const Library& ours = libs[0];
    const Library& raw = libs[1];
    std::printf("\n### Targets\n\n");
    for (const double target : {0.90, 0.95, 0.99}) {
        const Point* a = at_recall(ours, target);
        const Point* b = at_recall(raw, target);
        if (!a || !b) continue;
        std::printf("- QPS at recall@10 >= %.2f: PropOS %.0f vs raw hnswlib %.0f = %.2fx%s\n",
                    target, a->qps, b->qps, a->qps / b->qps,
                    target != 0.95           ? ""
                    : a->qps >= 0.9 * b->qps ? " (target >= 0.90x): met"
                                             : " (target >= 0.90x): MISSED");
    }
    std::printf(
        "- memory: PropOS %.0f vs raw hnswlib %.0f bytes per vector = %.3fx (target <= "
        "1.10x): %s\n",
        ours.bytes_per_vector, raw.bytes_per_vector, ours.bytes_per_vector / raw.bytes_per_vector,
        ours.bytes_per_vector <= 1.1 * raw.bytes_per_vector ? "met" : "MISSED");
}

// Our index as the single-tenant and open suites build it: a graph at any size, same M and
// efConstruction as the other libraries.
propos::VectorIndexOptions graph_options(const Args& args) {
    propos::VectorIndexOptions o;
    o.dimension = kDim;
    o.m = kM;
    o.ef_construction = kEfConstruction;
    o.build_threads = args.threads;
    o.exact_threshold = 1;
    return o;
}

// Builds each library's index in its own child (build time and memory), saves it to a file, then
// loads the three files into one child and sweeps them interleaved. `files.ours` is kept for the
// open test.
struct IndexFiles {
    std::string ours, hnswlib, faiss;
};

void single_tenant(const Args& args, const Mixture& mix, const IndexFiles& files) {
    std::printf("\n## Single tenant: %zu vectors, %zu queries\n", args.n, args.queries);
    auto t0 = Clock::now();
    const auto base = mix.sample(args.n, args.seed + 1, args.threads);
    const auto queries = mix.sample(args.queries, args.seed + 2, args.threads);
    std::printf("data generated in %.1f s\n", seconds_since(t0));
    t0 = Clock::now();
    const auto truth = exact_top_all(queries, base, args.threads);
    std::printf("ground truth (exact scan, %zu threads) in %.1f s\n", args.threads,
                seconds_since(t0));
    std::vector<std::uint64_t> labels(args.n);
    std::iota(labels.begin(), labels.end(), 0);
    const auto ours_opt = graph_options(args);

    std::vector<Library> libs(args.faiss ? 4 : 3);
    auto builds = [&](Library& l, const std::string& name, const Json& j) {
        l.name = name;
        l.build_s = j["build_s"];
        l.bytes_per_vector = j["bytes_per_vector"];
        if (j.contains("point")) l.points.push_back(point_from(j["point"]));
        std::printf("built %s in %.1f s\n", name.c_str(), l.build_s);
        std::fflush(stdout);
    };
    builds(libs[0], "PropOS VectorIndex", in_child("build propos", [&] {
               std::optional<propos::VectorIndex> idx;
               Json j = measure_build(args.n, [&] {
                   idx.emplace(ours_opt);
                   idx->add_batch(labels, base);
               });
               idx->save(files.ours, 1);
               return j;
           }));
    builds(libs[1], "hnswlib 0.6.2 (raw)", in_child("build hnswlib", [&] {
               hnswlib::InnerProductSpace space(kDim);
               std::unique_ptr<hnswlib::HierarchicalNSW<float>> h;
               Json j =
                   measure_build(args.n, [&] { h = build_hnswlib(space, base, args.threads); });
               h->saveIndex(files.hnswlib);
               return j;
           }));
    if (args.faiss) {
        builds(libs[2], "FAISS 1.7.3 IndexHNSWFlat", in_child("build faiss", [&] {
                   omp_set_num_threads(static_cast<int>(args.threads));
                   std::unique_ptr<faiss::IndexHNSWFlat> idx;
                   Json j = measure_build(args.n, [&] {
                       idx = std::make_unique<faiss::IndexHNSWFlat>(static_cast<int>(kDim),
                                                                    static_cast<int>(kM),
                                                                    faiss::METRIC_INNER_PRODUCT);
                       idx->hnsw.efConstruction = static_cast<int>(kEfConstruction);
                       idx->add(static_cast<faiss::Index::idx_t>(args.n), base.data());
                   });
                   faiss::write_index(idx.get(), files.faiss.c_str());
                   return j;
               }));
    }
    // The exact scan: PropOS's exact mode, 200 queries.
    Library& exact = libs.back();
    builds(exact, "exact scan (PropOS exact mode)", in_child("exact", [&] {
               propos::VectorIndexOptions o;
               o.dimension = kDim;
               o.exact_threshold = args.n + 1;
               std::optional<propos::VectorIndex> idx;
               Json j = measure_build(args.n, [&] {
                   idx.emplace(o);
                   idx->add_batch(labels, base);
               });
               const std::size_t nq = std::min<std::size_t>(args.queries, 200);
               const std::vector<float> few(
                   queries.begin(), queries.begin() + static_cast<std::ptrdiff_t>(nq * kDim));
               const std::vector<std::vector<std::uint64_t>> few_truth(
                   truth.begin(), truth.begin() + static_cast<std::ptrdiff_t>(nq));
               const SearchFn search = [&](const float* q, std::size_t) {
                   return labels_of(idx->search(std::span<const float>(q, kDim), kK));
               };
               Point p = one_pass(search, 0, few, few_truth);
               for (std::size_t r = 1; r < args.repeat; ++r)
                   p = faster(p, one_pass(search, 0, few, few_truth));
               j["point"] = to_json(p);
               return j;
           }));

    const Json sweeps = in_child("sweep", [&] {
        // Searches that allocate per query (FAISS's visited table) should not pay for the fixed
        // malloc policy of the memory measurements.
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 128 << 20);
        propos::VectorIndexOptions o;
        o.dimension = kDim;
        auto ours = propos::VectorIndex::load(files.ours, o);
        hnswlib::InnerProductSpace space(kDim);
        hnswlib::HierarchicalNSW<float> raw(&space, files.hnswlib);
        raw.num_deleted_ = 0;  // hnswlib 0.6.2's loadIndex leaves it uninitialised
        std::unique_ptr<faiss::Index> faiss_index;
        faiss::IndexHNSWFlat* fidx = nullptr;
        omp_set_num_threads(1);
        std::vector<SearchFn> searchers = {
            [&](const float* q, std::size_t ef) {
                propos::VectorSearchParams p;
                p.ef = ef;
                return labels_of(ours.search(std::span<const float>(q, kDim), kK, p));
            },
            [&](const float* q, std::size_t ef) {
                raw.setEf(ef);
                return labels_of(raw.searchKnn(q, kK));
            }};
        if (args.faiss) {
            faiss_index.reset(faiss::read_index(files.faiss.c_str()));
            fidx = dynamic_cast<faiss::IndexHNSWFlat*>(faiss_index.get());
            if (!fidx) throw std::runtime_error("the FAISS file is not an IndexHNSWFlat");
            searchers.push_back([&](const float* q, std::size_t ef) {
                fidx->hnsw.efSearch = static_cast<int>(ef);
                float d[kK];
                faiss::Index::idx_t ids[kK];
                fidx->search(1, q, static_cast<faiss::Index::idx_t>(kK), d, ids);
                std::vector<std::uint64_t> out;
                for (const auto id : ids) {
                    if (id >= 0) out.push_back(static_cast<std::uint64_t>(id));
                }
                return out;
            });
        }
        Json out = Json::array();
        for (const auto& points : sweep_interleaved(searchers, queries, truth, args.repeat)) {
            Json list = Json::array();
            for (const auto& p : points) list.push_back(to_json(p));
            out.push_back(list);
        }
        return out;
    });
    for (std::size_t s = 0; s < sweeps.size(); ++s) {
        for (const auto& p : sweeps[s]) libs[s].points.push_back(point_from(p));
    }
    print_single_tenant(args, libs);
}

// ---- opening a saved index ----

// --open-only: builds just our index (same M and efConstruction) and saves it, for the open test
// at 1M without building every library's index.
void build_ours_only(const Args& args, const Mixture& mix, const std::string& file) {
    std::printf("\n## Building our index of %zu vectors for the open test\n", args.n);
    auto t0 = Clock::now();
    const auto base = mix.sample(args.n, args.seed + 1, args.threads);
    std::printf("data generated in %.1f s\n", seconds_since(t0));
    std::vector<std::uint64_t> labels(args.n);
    std::iota(labels.begin(), labels.end(), 0);
    t0 = Clock::now();
    propos::VectorIndex idx(graph_options(args));
    idx.add_batch(labels, base);
    std::printf("built in %.1f s\n", seconds_since(t0));
    t0 = Clock::now();
    idx.save(file, 1);
    std::printf("saved in %.1f s\n", seconds_since(t0));
    std::fflush(stdout);
}

void open_index(const Args& args, const std::string& file) {
    std::printf("\n## Opening a saved index of %zu vectors\n\n", args.n);
    const auto bytes = std::filesystem::file_size(file);
    const Json j = in_child("open", [&] {
        propos::VectorIndexOptions o;
        o.dimension = kDim;
        Json out = Json::array();
        for (int i = 0; i < 3; ++i) {
            const auto start = Clock::now();
            propos::VectorIndexFileInfo info;
            auto idx = propos::VectorIndex::load(file, o, &info);
            const double s = seconds_since(start);
            if (idx.size() != args.n) throw std::runtime_error("loaded index has the wrong size");
            out.push_back(s);
        }
        return out;
    });
    std::printf("| file | load (s), 3 runs | target |\n|---|---|---|\n");
    std::printf(
        "| %.2f GB | %.2f / %.2f / %.2f | <= 2 s at 1M: %s |\n", static_cast<double>(bytes) / 1e9,
        j[0].get<double>(), j[1].get<double>(), j[2].get<double>(),
        args.n < 1000000 ? "n/a (run with --1m)" : (j[1].get<double>() <= 2.0 ? "met" : "MISSED"));
    std::printf(
        "(page cache warm: the file was written just before; VectorIndex::load reads, checksums "
        "and "
        "validates every link)\n");
}

// ---- multi-tenant ----

int multi_tenant(const Args& args, const Mixture& mix) {
    std::printf("\n## Multi-tenant: %zu vectors in %zu organizations (Zipf exponent %.2f)\n\n",
                args.n, args.orgs, args.zipf);
    // Organization sizes: proportional to 1 / rank^s, at least 1, summing to n.
    std::vector<std::size_t> sizes(args.orgs);
    double h = 0;
    for (std::size_t i = 0; i < args.orgs; ++i)
        h += 1.0 / std::pow(static_cast<double>(i + 1), args.zipf);
    std::size_t total = 0;
    for (std::size_t i = 0; i < args.orgs; ++i) {
        sizes[i] = std::max<std::size_t>(
            1, static_cast<std::size_t>(static_cast<double>(args.n) /
                                        std::pow(static_cast<double>(i + 1), args.zipf) / h));
        total += sizes[i];
    }
    if (total > args.n) usage("too many organizations for --n");
    sizes[0] += args.n - total;

    const auto base = mix.sample(args.n, args.seed + 11, args.threads);
    // A random partition of the vectors (so every organization spans many clusters).
    std::vector<std::uint64_t> perm(args.n);
    std::iota(perm.begin(), perm.end(), 0);
    std::mt19937_64 rng(args.seed + 12);
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<std::vector<std::uint64_t>> members(args.orgs);
    std::vector<std::uint32_t> org_of(args.n);
    for (std::size_t o = 0, at = 0; o < args.orgs; ++o) {
        members[o].assign(perm.begin() + static_cast<std::ptrdiff_t>(at),
                          perm.begin() + static_cast<std::ptrdiff_t>(at + sizes[o]));
        std::sort(members[o].begin(), members[o].end());
        for (const auto id : members[o]) org_of[id] = static_cast<std::uint32_t>(o);
        at += sizes[o];
    }
    // Queries: 3 per organization, more for large ones (size / 200, at most 50).
    std::vector<std::uint32_t> q_org;
    for (std::size_t o = 0; o < args.orgs; ++o) {
        const std::size_t q = std::clamp<std::size_t>(sizes[o] / 200, 3, 50);
        for (std::size_t i = 0; i < q; ++i) q_org.push_back(static_cast<std::uint32_t>(o));
    }
    const auto queries = mix.sample(q_org.size(), args.seed + 13, args.threads);
    std::vector<std::vector<std::uint64_t>> truth(q_org.size());
    parallel_for(q_org.size(), args.threads, [&](std::size_t i) {
        truth[i] = exact_top(queries.data() + i * kDim, base, members[q_org[i]]);
    });

    struct Bucket {
        const char* name;
        std::size_t lo, hi;
    };
    const std::vector<Bucket> buckets = {{"1-9", 1, 9},
                                         {"10-99", 10, 99},
                                         {"100-999", 100, 999},
                                         {"1,000-9,999", 1000, 9999},
                                         {"10,000-99,999", 10000, 99999},
                                         {"100,000+", 100000, SIZE_MAX}};
    auto bucket_of = [&](std::size_t size) {
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            if (size >= buckets[b].lo && size <= buckets[b].hi) return b;
        }
        return buckets.size() - 1;
    };

    // Runs every query `repeat` times; per bucket: recall, short-result rate and the fastest pass's
    // time. Cross-organization results are counted.
    using OrgSearch = std::function<std::vector<std::uint64_t>(std::uint32_t org, const float* q)>;
    auto run_queries = [&](const OrgSearch& search) {
        Json per = Json::array();
        std::vector<double> rec(buckets.size()), secs(buckets.size(), 1e300);
        std::vector<std::size_t> n(buckets.size()), shorts(buckets.size());
        std::size_t cross = 0;
        for (std::size_t r = 0; r < args.repeat; ++r) {
            std::vector<double> pass(buckets.size());
            for (std::size_t i = 0; i < q_org.size(); ++i) {
                const auto org = q_org[i];
                const auto start = Clock::now();
                const auto got = search(org, queries.data() + i * kDim);
                const std::size_t b = bucket_of(sizes[org]);
                pass[b] += seconds_since(start);
                for (const auto id : got) cross += org_of[id] != org;
                if (r > 0) continue;
                rec[b] += recall_of(got, truth[i]);
                ++n[b];
                shorts[b] += got.size() < std::min(kK, sizes[org]);
            }
            for (std::size_t b = 0; b < buckets.size(); ++b) secs[b] = std::min(secs[b], pass[b]);
        }
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            per.push_back(
                {{"queries", n[b]},
                 {"recall", n[b] ? rec[b] / static_cast<double>(n[b]) : 0.0},
                 {"short", n[b] ? static_cast<double>(shorts[b]) / static_cast<double>(n[b]) : 0.0},
                 {"qps", n[b] ? static_cast<double>(n[b]) / secs[b] : 0.0}});
        }
        return Json{{"buckets", per}, {"cross", cross}};
    };

    const Json ours = in_child("multi-tenant propos", [&] {
        std::vector<propos::VectorIndex> indexes;
        indexes.reserve(args.orgs);
        std::size_t hnsw = 0;
        const Json build = measure_build(args.n, [&] {
            for (std::size_t o = 0; o < args.orgs; ++o) {
                propos::VectorIndexOptions opt;
                opt.dimension = kDim;
                opt.build_threads = args.threads;
                indexes.emplace_back(opt);
                std::vector<float> rows(members[o].size() * kDim);
                for (std::size_t i = 0; i < members[o].size(); ++i) {
                    std::copy_n(base.data() + members[o][i] * kDim, kDim, rows.data() + i * kDim);
                }
                indexes.back().add_batch(members[o], rows);
                hnsw += indexes.back().is_hnsw();
            }
        });
        Json j = run_queries([&](std::uint32_t org, const float* q) {
            return labels_of(indexes[org].search(std::span<const float>(q, kDim), kK));
        });
        j.update(build);
        j["hnsw_orgs"] = hnsw;
        return j;
    });
    constexpr std::size_t kOverfetch = 100;
    const Json shared = in_child("multi-tenant shared hnswlib", [&] {
        hnswlib::InnerProductSpace space(kDim);
        std::unique_ptr<hnswlib::HierarchicalNSW<float>> h;
        const Json build =
            measure_build(args.n, [&] { h = build_hnswlib(space, base, args.threads); });
        h->setEf(std::max<std::size_t>(128, kOverfetch));
        Json j = run_queries([&](std::uint32_t org, const float* q) {
            std::vector<std::uint64_t> out;
            for (const auto id : labels_of(h->searchKnn(q, kOverfetch))) {
                if (org_of[id] == org && out.size() < kK) out.push_back(id);  // the post-filter
            }
            return out;
        });
        j.update(build);
        return j;
    });

    std::printf(
        "PropOS: one VectorIndex per organization (%zu of them HNSW, the rest exact), default "
        "settings (ef_search 128); built in %.1f s, %.0f bytes per vector.\n",
        ours["hnsw_orgs"].get<std::size_t>(), ours["build_s"].get<double>(),
        ours["bytes_per_vector"].get<double>());
    std::printf(
        "Baseline: one shared hnswlib index, top %zu with ef %zu, post-filtered to the "
        "organization; "
        "built in %.1f s, %.0f bytes per vector.\n\n",
        kOverfetch, std::max<std::size_t>(128, kOverfetch), shared["build_s"].get<double>(),
        shared["bytes_per_vector"].get<double>());
    std::printf(
        "| organization size | orgs | queries | PropOS recall@10 | PropOS short | PropOS QPS | "
        "shared recall@10 | "
        "shared short | shared QPS |\n|---|---|---|---|---|---|---|---|---|\n");
    bool all_met = true;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        std::size_t orgs = 0;
        for (const auto s : sizes) orgs += bucket_of(s) == b;
        if (orgs == 0) continue;
        const auto& o = ours["buckets"][b];
        const auto& s = shared["buckets"][b];
        all_met = all_met && o["recall"].get<double>() >= 0.99;
        std::printf("| %s | %zu | %zu | %.4f | %.1f%% | %.0f | %.4f | %.1f%% | %.0f |\n",
                    buckets[b].name, orgs, o["queries"].get<std::size_t>(),
                    o["recall"].get<double>(), 100 * o["short"].get<double>(),
                    o["qps"].get<double>(), s["recall"].get<double>(),
                    100 * s["short"].get<double>(), s["qps"].get<double>());
    }
    std::printf("\n- recall@10 >= 0.99 for every organization size (PropOS): %s\n",
                all_met ? "met" : "MISSED");
    const auto cross = ours["cross"].get<std::size_t>() + shared["cross"].get<std::size_t>();
    std::printf("- cross-organization results: PropOS %zu, shared baseline %zu\n",
                ours["cross"].get<std::size_t>(), shared["cross"].get<std::size_t>());
    if (cross > 0) {
        std::fprintf(stderr, "FAIL: %zu results came from another organization\n", cross);
        return 1;
    }
    return 0;
}

// ---- micro ----

void micro(const Args& args, const Mixture& mix) {
    std::printf("\n## Micro: figures quoted in the headers\n\n");
    auto embedder = propos::make_hashing_embedder();
    const std::vector<std::string> samples = {
        "Hi, my kitchen sink has been leaking under the cabinet since last night. There's a "
        "puddle.",
        "The radiators in my apartment are cold and we have no heat.",
        "Garbage disposal hums but doesn't spin, it's jammed",
        "The bathroom outlet stopped working, nothing plugged in there works",
        "Water coming through the ceiling in the hallway outside 4B",
        "Smoke detector keeps chirping even after I changed the battery",
        "Front door lock is sticking and the key barely turns",
        "Mice in the kitchen cabinets again, saw droppings this morning"};
    std::vector<std::string> texts;
    for (int i = 0; i < 500; ++i)
        texts.push_back(samples[static_cast<std::size_t>(i) % samples.size()] + " #" +
                        std::to_string(i));
    double best = 1e300;
    for (int r = 0; r < 5; ++r) {
        const auto start = Clock::now();
        const auto v = embedder->embed(texts);
        best = std::min(best, seconds_since(start));
        if (v.size() != texts.size()) std::exit(1);
    }
    std::size_t chars = 0;
    for (const auto& t : texts) chars += t.size();
    std::printf("| measurement | result |\n|---|---|\n");
    std::printf(
        "| hashing embedder, messages of %zu characters on average | %.1f us per message |\n",
        chars / texts.size(), best * 1e6 / static_cast<double>(texts.size()));
    const auto q = mix.sample(200, args.seed + 21, 1);
    for (const std::size_t n : {10000, 20000}) {
        const auto data = mix.sample(n, args.seed + 22, args.threads);
        propos::VectorIndexOptions o;
        o.dimension = kDim;
        o.exact_threshold = n + 1;
        propos::VectorIndex idx(o);
        std::vector<std::uint64_t> labels(n);
        std::iota(labels.begin(), labels.end(), 0);
        idx.add_batch(labels, data);
        std::vector<double> lat;
        for (int r = 0; r < 3; ++r) {
            for (std::size_t i = 0; i < 200; ++i) {
                const auto start = Clock::now();
                const auto hits = idx.search(std::span<const float>(q.data() + i * kDim, kDim), kK);
                lat.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                if (hits.size() != kK) std::exit(1);
            }
        }
        std::printf(
            "| exact scan of %zu 384-d vectors, k=10 (%s kernel) | p50 %.3f ms, p99 %.3f ms |\n", n,
            propos::VectorIndex::simd_kernel(), percentile(lat, 0.5), percentile(lat, 0.99));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    // A fixed malloc policy, so that the resident-set growth measured in each child is the memory
    // its index allocated: glibc otherwise raises its mmap and trim thresholds after large frees
    // and keeps freed memory resident, which later allocations (in the children) reuse unseen.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    const std::size_t clusters = std::max<std::size_t>(16, args.n / 100);
    std::printf(
        "# propos_bench_search: n=%zu, %zu-d, k=%zu, M=%zu, efConstruction=%zu, %zu build threads, "
        "%zu clusters (spread 0.75), seed %llu\n",
        args.n, kDim, kK, kM, kEfConstruction, args.threads, clusters,
        static_cast<unsigned long long>(args.seed));
    std::printf("hardware threads: %u; PropOS distance kernel: %s\n",
                std::thread::hardware_concurrency(), propos::VectorIndex::simd_kernel());
    const Mixture mix(clusters, args.seed);
    micro(args, mix);
    const auto stem =
        (std::filesystem::path(args.dir) / ("propos-bench-search-" + std::to_string(::getpid())))
            .string();
    const IndexFiles files{stem + ".pvx", stem + ".hnswlib", stem + ".faiss"};
    if (args.open_only && !args.index_file.empty()) {
        // Kept for the next run: building 1M vectors takes a quarter of an hour on two cores.
        if (!std::filesystem::exists(args.index_file)) build_ours_only(args, mix, args.index_file);
        open_index(args, args.index_file);
    } else {
        if (args.open_only) {
            build_ours_only(args, mix, files.ours);
        } else {
            single_tenant(args, mix, files);
        }
        open_index(args, files.ours);
        for (const auto& f : {files.ours, files.hnswlib, files.faiss}) std::filesystem::remove(f);
    }
    int rc = 0;
    if (args.multi && !args.open_only) rc |= multi_tenant(args, mix);
    std::fflush(stdout);
    return rc;
}

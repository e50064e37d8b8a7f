// Helpers shared by the benchmarks.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace propos::bench {

/// A directory of its own for one benchmark run, under $PROPOS_BENCH_DIR (default: the system
/// temporary directory) so runs can be pointed at the disk being measured; removed with everything
/// in it on destruction, unless $PROPOS_BENCH_KEEP is set (to look at the files afterwards).
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "propos-bench") {
        static std::atomic<int> counter{0};
        const char* base = std::getenv("PROPOS_BENCH_DIR");
        const std::filesystem::path root =
            base && *base ? std::filesystem::path(base) : std::filesystem::temp_directory_path();
        path_ = root / (prefix + "-" + std::to_string(::getpid()) + "-" +
                        std::to_string(counter.fetch_add(1)));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        if (const char* keep = std::getenv("PROPOS_BENCH_KEEP"); keep && *keep) return;
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const char* name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

}  // namespace propos::bench

#include "propos/channels/blob_store.hpp"

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <system_error>

#include "channels/util.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/error.hpp"

namespace propos::channels {
namespace {

constexpr std::string_view kPrefix = "sha256:";

void check_key(std::string_view key) {
    if (!is_blob_key(key)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "malformed blob key '" + std::string(key.substr(0, 80)) +
                        "' (expected sha256:<64 lowercase hex digits>)");
    }
}

void check_size(std::string_view data, std::uint64_t max) {
    if (data.size() > max) {
        throw Error(ErrorCode::kResourceExhausted,
                    "attachment of " + std::to_string(data.size()) + " bytes exceeds the limit of " +
                        std::to_string(max) + " bytes");
    }
}

class MemoryBlobStore final : public BlobStore {
public:
    explicit MemoryBlobStore(BlobStoreOptions o) : options_(o) {}
    std::string put(std::string_view data) override {
        check_size(data, options_.max_blob_bytes);
        auto key = blob_key_for(data);
        std::lock_guard lock(mu_);
        blobs_.try_emplace(key, data);
        return key;
    }
    std::optional<std::string> get(std::string_view key) override {
        check_key(key);
        std::lock_guard lock(mu_);
        auto it = blobs_.find(std::string(key));
        if (it == blobs_.end()) return std::nullopt;
        return it->second;
    }
    bool contains(std::string_view key) override {
        check_key(key);
        std::lock_guard lock(mu_);
        return blobs_.count(std::string(key)) > 0;
    }
    std::uint64_t max_blob_bytes() const noexcept override { return options_.max_blob_bytes; }

private:
    BlobStoreOptions options_;
    std::mutex mu_;
    std::map<std::string, std::string> blobs_;
};

class LocalBlobStore final : public BlobStore {
public:
    LocalBlobStore(std::filesystem::path dir, BlobStoreOptions o) : dir_(std::move(dir)), options_(o) {
        std::error_code ec;
        std::filesystem::create_directories(dir_ / "sha256", ec);
        if (ec) {
            throw Error(ErrorCode::kIo, "cannot create blob directory '" + dir_.string() +
                                            "': " + ec.message());
        }
    }

    std::string put(std::string_view data) override {
        check_size(data, options_.max_blob_bytes);
        auto key = blob_key_for(data);
        const auto path = path_of(key);
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) return key;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            throw Error(ErrorCode::kIo, "cannot create blob directory '" +
                                            path.parent_path().string() + "': " + ec.message());
        }
        // Unique temporary name in the same directory, then an atomic rename into place.
        const auto tmp = path.parent_path() /
                         (".tmp-" + std::to_string(counter_.fetch_add(1)) + "-" + random_suffix());
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(data.data(), static_cast<std::streamsize>(data.size()));
            out.flush();
            if (!out) {
                out.close();
                std::filesystem::remove(tmp, ec);
                throw Error(ErrorCode::kIo, "cannot write blob file in '" +
                                                path.parent_path().string() + "'");
            }
        }
        std::filesystem::rename(tmp, path, ec);
        if (ec) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw Error(ErrorCode::kIo, "cannot move blob into '" + path.string() + "': " + ec.message());
        }
        return key;
    }

    std::optional<std::string> get(std::string_view key) override {
        check_key(key);
        const auto path = path_of(key);
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return std::nullopt;
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error(ErrorCode::kIo, "cannot open blob file '" + path.string() + "'");
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in.bad()) throw Error(ErrorCode::kIo, "cannot read blob file '" + path.string() + "'");
        if (blob_key_for(data) != key) {
            throw Error(ErrorCode::kCorrupt,
                        "blob file '" + path.string() + "' does not match its key (damaged on disk)");
        }
        return data;
    }

    bool contains(std::string_view key) override {
        check_key(key);
        std::error_code ec;
        return std::filesystem::exists(path_of(key), ec);
    }

    std::uint64_t max_blob_bytes() const noexcept override { return options_.max_blob_bytes; }

private:
    std::filesystem::path path_of(std::string_view key) const {
        const auto hex = key.substr(kPrefix.size());
        return dir_ / "sha256" / std::string(hex.substr(0, 2)) / std::string(hex);
    }
    static std::string random_suffix() {
        thread_local std::mt19937_64 rng{std::random_device{}()};
        return std::to_string(rng());
    }

    std::filesystem::path dir_;
    BlobStoreOptions options_;
    std::atomic<std::uint64_t> counter_{0};
};

}  // namespace

std::string blob_key_for(std::string_view data) { return std::string(kPrefix) + sha256_hex(data); }

bool is_blob_key(std::string_view key) noexcept {
    if (key.size() != kPrefix.size() + 64 || !key.starts_with(kPrefix)) return false;
    for (char c : key.substr(kPrefix.size())) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::unique_ptr<BlobStore> make_local_blob_store(const std::filesystem::path& dir,
                                                 const BlobStoreOptions& options) {
    return std::make_unique<LocalBlobStore>(dir, options);
}

std::unique_ptr<BlobStore> make_memory_blob_store(const BlobStoreOptions& options) {
    return std::make_unique<MemoryBlobStore>(options);
}

}  // namespace propos::channels

/// @file blob_store.hpp
/// @brief `BlobStore`: where inbound media (MMS pictures, email attachments) are kept, keyed by the
/// SHA-256 of their bytes, with a local-directory default and an in-memory store for tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos::channels {

/// @brief Options shared by the built-in blob stores.
struct BlobStoreOptions {
    /// Largest blob accepted; `put` of a larger one throws `Error(kResourceExhausted)` naming both
    /// sizes. Default: 25 MiB (SendGrid's inbound limit is about 30 MB for the whole message).
    std::uint64_t max_blob_bytes = 25u << 20;
};

/// @brief Content-addressed storage for attachment bytes.
///
/// Keys are "sha256:<64 lowercase hex digits>" of the content, so storing the same bytes twice
/// returns the same key and keeps one copy. A store is not organization-aware: give each
/// organization its own store (e.g. one directory per organization) so no blob is shared across
/// organizations. Implementations must be thread-safe: every method may be called from any
/// thread, concurrently.
class PROPOS_EXPORT BlobStore {
public:
    virtual ~BlobStore() = default;
    BlobStore() = default;
    BlobStore(const BlobStore&) = delete;
    BlobStore& operator=(const BlobStore&) = delete;

    /// @brief Stores `data` and returns its key. Idempotent. Throws `Error(kResourceExhausted)` when
    /// `data` is larger than `max_blob_bytes()`, `Error(kIo)` when the bytes cannot be written
    /// (nothing partial is left behind).
    virtual std::string put(std::string_view data) = 0;
    /// @brief The bytes stored under `key`, or nullopt when there are none. Throws
    /// `Error(kInvalidArgument)` when `key` is not a well-formed blob key, `Error(kIo)` when the
    /// store cannot be read, `Error(kCorrupt)` when the stored bytes no longer match their key.
    virtual std::optional<std::string> get(std::string_view key) = 0;
    /// @brief True when `key` is stored. Throws like `get` for a malformed key.
    virtual bool contains(std::string_view key) = 0;
    /// @brief The size limit of `put`.
    virtual std::uint64_t max_blob_bytes() const noexcept = 0;
};

/// @brief The key `put` would return for `data`: "sha256:<hex>".
PROPOS_EXPORT std::string blob_key_for(std::string_view data);
/// @brief True for a well-formed key ("sha256:" followed by 64 lowercase hex digits).
PROPOS_EXPORT bool is_blob_key(std::string_view key) noexcept;

/// @brief A store in a local directory (created if missing): blobs live at
/// `<dir>/sha256/<first 2 hex>/<hex>`, written to a temporary file and renamed into place, so a
/// crash never leaves a partial blob under a valid key. Throws `Error(kIo)` when the directory
/// cannot be created. The caller owns the result.
PROPOS_EXPORT std::unique_ptr<BlobStore> make_local_blob_store(const std::filesystem::path& dir,
                                                              const BlobStoreOptions& options = {});

/// @brief A store in memory (tests, demos). The caller owns the result.
PROPOS_EXPORT std::unique_ptr<BlobStore> make_memory_blob_store(const BlobStoreOptions& options = {});

}  // namespace propos::channels

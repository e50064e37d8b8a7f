// BlobStore: content-addressed keys, local directory and memory stores, limits, corruption.
#include <fstream>
#include <thread>

#include "propos/channels/blob_store.hpp"
#include "test_util.hpp"

namespace propos::channels {
namespace {

using propos::testing::expect_error;
using propos::testing::TempDir;

TEST(BlobKey, IsSha256OfContent) {
    EXPECT_EQ(blob_key_for(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_TRUE(is_blob_key(blob_key_for("abc")));
    EXPECT_FALSE(is_blob_key("sha256:XYZ"));
    EXPECT_FALSE(is_blob_key("sha256:../../etc/passwd"));
    EXPECT_FALSE(is_blob_key("md5:" + std::string(64, 'a')));
    EXPECT_FALSE(is_blob_key("sha256:" + std::string(64, 'A')));
}

class BlobStoreTest : public ::testing::TestWithParam<bool> {
protected:
    TempDir dir;
    std::unique_ptr<BlobStore> make(BlobStoreOptions o = {}) {
        return GetParam() ? make_local_blob_store(dir.path() / "blobs", o) : make_memory_blob_store(o);
    }
};

TEST_P(BlobStoreTest, PutGetContains) {
    auto store = make();
    const std::string data("binary\0data\r\n", 13);
    const auto key = store->put(data);
    EXPECT_EQ(key, blob_key_for(data));
    EXPECT_EQ(store->put(data), key);  // idempotent
    EXPECT_TRUE(store->contains(key));
    EXPECT_EQ(store->get(key).value(), data);
    const auto missing = blob_key_for("nope");
    EXPECT_FALSE(store->contains(missing));
    EXPECT_FALSE(store->get(missing).has_value());
    expect_error([&] { store->get("sha256:../../x"); }, ErrorCode::kInvalidArgument, "malformed blob key");
}

TEST_P(BlobStoreTest, SizeLimitIsAClearError) {
    auto store = make({.max_blob_bytes = 10});
    EXPECT_EQ(store->max_blob_bytes(), 10u);
    EXPECT_NO_THROW(store->put(std::string(10, 'x')));
    expect_error([&] { store->put(std::string(11, 'x')); }, ErrorCode::kResourceExhausted,
                 "attachment of 11 bytes exceeds the limit of 10 bytes");
}

TEST_P(BlobStoreTest, ConcurrentPutsOfTheSameContent) {
    auto store = make();
    std::vector<std::thread> threads;
    const std::string data(4096, 'z');
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int k = 0; k < 20; ++k) store->put(data + std::to_string(k % 3));
        });
    }
    for (auto& t : threads) t.join();
    for (int k = 0; k < 3; ++k) EXPECT_EQ(store->get(blob_key_for(data + std::to_string(k))).value().size(), 4097u);
}

INSTANTIATE_TEST_SUITE_P(Stores, BlobStoreTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Local" : "Memory"; });

TEST(LocalBlobStore, LayoutAndCorruptionDetected) {
    TempDir dir;
    auto store = make_local_blob_store(dir.path());
    const auto key = store->put("hello");
    const auto hex = key.substr(7);
    const auto path = dir.path() / "sha256" / hex.substr(0, 2) / hex;
    ASSERT_TRUE(std::filesystem::exists(path));
    // No temporary files are left behind.
    for (const auto& e : std::filesystem::directory_iterator(path.parent_path())) {
        EXPECT_FALSE(e.path().filename().string().starts_with(".tmp-"));
    }
    { std::ofstream(path, std::ios::binary | std::ios::trunc) << "tampered"; }
    expect_error([&] { store->get(key); }, ErrorCode::kCorrupt, "does not match its key");
    // A second store on the same directory sees the same blobs.
    auto again = make_local_blob_store(dir.path());
    EXPECT_TRUE(again->contains(key));
}

TEST(LocalBlobStore, UnwritableDirectoryIsAnIoError) {
    TempDir dir;
    { std::ofstream(dir.file("file")) << "x"; }
    expect_error([&] { make_local_blob_store(dir.path() / "file" / "sub"); }, ErrorCode::kIo, "cannot create blob directory");
}

}  // namespace
}  // namespace propos::channels

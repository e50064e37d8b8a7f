// Shared helpers for the GoogleTest suites: temporary directories and a seeded store.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "propos/propos.hpp"

namespace propos::testing {

/// A fresh directory under the system temp dir, removed (with its content) on destruction.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("propos-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

/// Creates an organization and returns its id.
inline OrgId make_org(Store& store, const std::string& id, const std::string& name = "Org") {
    store.write([&](Transaction& tx) {
        tx.put_organization(Organization{OrgId(id), name, "America/New_York", ManualClock::default_start()});
    });
    return OrgId(id);
}

/// Expects `fn` to throw propos::Error with `code` and a message containing `fragment`.
template <class F>
void expect_error(F&& fn, ErrorCode code, const std::string& fragment) {
    try {
        fn();
        ADD_FAILURE() << "expected propos::Error(" << to_string(code) << ") containing '" << fragment
                      << "', nothing was thrown";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
            << "message '" << e.what() << "' does not contain '" << fragment << "'";
    }
}

}  // namespace propos::testing

// open_store(): a store named by a path or URL, shared (what CoordinatorOptions::store takes).
#include <string_view>
#include <thread>

#include "propos/core/error.hpp"
#include "propos/store/store.hpp"

namespace propos {

std::shared_ptr<Store> open_store(const std::string& url_or_path, const SqliteOptions& sqlite) {
    if (url_or_path.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "open_store needs a database: a SQLite file path, \":memory:\" or a sqlite: URL");
    }
    std::string_view name = url_or_path;
    for (std::string_view scheme : {"sqlite://", "sqlite:", "file://", "file:"}) {
        if (name.starts_with(scheme)) {
            name.remove_prefix(scheme.size());
            if (name.empty()) {
                throw Error(ErrorCode::kInvalidArgument,
                            "open_store: the URL '" + url_or_path + "' names no database file");
            }
            return open_sqlite_store(std::string(name), sqlite);
        }
    }
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (name.starts_with(scheme)) return open_postgres_store(url_or_path);
    }
    if (const auto colon = name.find("://"); colon != std::string_view::npos) {
        throw Error(ErrorCode::kInvalidArgument,
                    "open_store: this build has no store for '" + std::string(name.substr(0, colon)) +
                        "://' URLs; pass a SQLite path (or a sqlite: URL), or set "
                        "CoordinatorOptions::store to a Store of your own");
    }
    return open_sqlite_store(url_or_path, sqlite);
}

bool Store::wait_for_work(Millis max_wait) {
    if (max_wait.count() > 0) std::this_thread::sleep_for(max_wait);
    return false;
}

#ifndef PROPOS_WITH_POSTGRES
int postgres_schema_version() noexcept { return 0; }

std::unique_ptr<Store> open_postgres_store(const std::string&, const PostgresOptions&) {
    throw Error(ErrorCode::kFailedPrecondition,
                "this build of PropOS has no PostgreSQL support (configured with "
                "-DPROPOS_WITH_POSTGRES=OFF): rebuild with libpq, or use a SQLite store");
}
#endif

}  // namespace propos

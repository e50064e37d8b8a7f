// open_store(): a store named by a path or URL, shared (what CoordinatorOptions::store takes).
#include <string_view>

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
    if (const auto colon = name.find("://"); colon != std::string_view::npos) {
        throw Error(ErrorCode::kInvalidArgument,
                    "open_store: this build has no store for '" + std::string(name.substr(0, colon)) +
                        "://' URLs; pass a SQLite path (or a sqlite: URL), or set "
                        "CoordinatorOptions::store to a Store of your own");
    }
    return open_sqlite_store(url_or_path, sqlite);
}

}  // namespace propos

// The store engines every conformance test runs on (issue 18): SQLite (a real file), PostgreSQL (the
// throwaway server of scripts/pg-test-cluster.sh, a schema of its own per test) and the in-memory
// store of propos/testing.
//
// PostgreSQL tests need PROPOS_TEST_PG_URL (the test command sets it). Without it they are skipped,
// unless PROPOS_REQUIRE_PG=1 (set by the test command too), which makes a missing server a failure.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "propos/propos.hpp"
#include "propos/testing/memory_store.hpp"
#include "test_util.hpp"

namespace propos::testing {

enum class Engine { kSqlite, kPostgres, kMemory };

inline std::string engine_name(Engine e) {
    switch (e) {
        case Engine::kSqlite: return "SQLite";
        case Engine::kPostgres: return "PostgreSQL";
        case Engine::kMemory: return "Memory";
    }
    return "?";
}

/// gtest parameter names: "SQLite", "PostgreSQL", "Memory".
struct EngineName {
    std::string operator()(const ::testing::TestParamInfo<Engine>& info) const { return engine_name(info.param); }
};

inline const char* postgres_url() {
    const char* url = std::getenv("PROPOS_TEST_PG_URL");
    return (url && *url) ? url : nullptr;
}

inline bool postgres_required() {
    const char* r = std::getenv("PROPOS_REQUIRE_PG");
    return r && std::string(r) == "1";
}

/// A unique schema name for one test's PostgreSQL tables.
inline std::string unique_schema() {
    std::random_device rd;
    return "t" + std::to_string(rd()) + "_" + std::to_string(rd());
}

/// Runs one SQL statement on the test server (as the test role); returns libpq's error or "".
inline std::string postgres_exec(const std::string& sql) {
    const char* url = postgres_url();
    if (!url) return "no server";
    PGconn* c = PQconnectdb(url);
    std::string err;
    if (PQstatus(c) != CONNECTION_OK) {
        err = PQerrorMessage(c);
    } else {
        PGresult* r = PQexec(c, sql.c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
            err = PQresultErrorMessage(r);
        }
        PQclear(r);
    }
    PQfinish(c);
    return err;
}

/// Drops a test's PostgreSQL schema with everything in it.
inline void drop_postgres_schema(const std::string& schema) {
    postgres_exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
}

/// Opens a fresh, empty store of `engine`. For PostgreSQL: skips the test (GTEST_SKIP in the
/// caller, see `PROPOS_SKIP_WITHOUT_ENGINE`) when no server is configured and none is required.
class EngineStore {
public:
    EngineStore(Engine engine, const TempDir& dir, const std::string& name = "store.db") : engine_(engine) {
        switch (engine) {
            case Engine::kSqlite:
                store_ = open_sqlite_store(dir.file(name));
                break;
            case Engine::kPostgres: {
                const char* url = postgres_url();
                if (!url) return;
                schema_ = unique_schema();
                store_ = open_postgres_store(url, PostgresOptions{.schema = schema_, .max_connections = 4});
                break;
            }
            case Engine::kMemory:
                database_ = new_memory_database();
                store_ = open_memory_store(MemoryStoreOptions{.database = database_});
                break;
        }
    }
    ~EngineStore() {
        store_.reset();
        if (!schema_.empty()) drop_postgres_schema(schema_);
    }
    EngineStore(const EngineStore&) = delete;
    EngineStore& operator=(const EngineStore&) = delete;

    /// Null when the engine is not available here (PostgreSQL without a server).
    std::unique_ptr<Store>& store() { return store_; }
    /// Another store on the same data (a second process would open it so).
    std::unique_ptr<Store> open_again(const TempDir& dir, const std::string& name = "store.db") const {
        if (engine_ == Engine::kSqlite) return open_sqlite_store(dir.file(name));
        if (engine_ == Engine::kMemory) return open_memory_store(MemoryStoreOptions{.database = database_});
        return open_postgres_store(postgres_url(), PostgresOptions{.schema = schema_, .max_connections = 4});
    }
    const std::string& schema() const { return schema_; }

private:
    Engine engine_;
    std::unique_ptr<Store> store_;
    std::string schema_;
    std::shared_ptr<MemoryDatabase> database_;  // the in-memory engine's data (open_again shares it)
};

/// In SetUp of a test over engines: skips (or fails, when required) when the engine is missing.
#define PROPOS_SKIP_WITHOUT_ENGINE(engine_store)                                                       \
    do {                                                                                              \
        if (!(engine_store).store()) {                                                                \
            if (::propos::testing::postgres_required()) {                                             \
                FAIL() << "PROPOS_REQUIRE_PG=1 but PROPOS_TEST_PG_URL is not set: start the server "  \
                          "with scripts/pg-test-cluster.sh";                                          \
            }                                                                                         \
            GTEST_SKIP() << "no PostgreSQL server (set PROPOS_TEST_PG_URL, see "                      \
                            "scripts/pg-test-cluster.sh)";                                            \
        }                                                                                             \
    } while (0)

inline auto all_engines() { return ::testing::Values(Engine::kSqlite, Engine::kPostgres, Engine::kMemory); }

}  // namespace propos::testing

target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audit_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/embedding_codec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/job_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/open_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/portfolio_import.cpp
  ${CMAKE_CURRENT_LIST_DIR}/record_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search_store.cpp
  # The SQLite engine, one file per capability of its transaction (sqlite_impl.hpp).
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_inbox.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_audit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_jobs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_search.cpp)

# The in-memory store of propos/testing (issue 18): its keyword search stems with Snowball's
# English stemmer (Debian libstemmer-dev, no pkg-config file) and folds case and diacritics with
# ICU (libicu-dev).
target_sources(propos PRIVATE ${CMAKE_CURRENT_LIST_DIR}/memory_store.cpp)
find_path(PROPOS_STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(PROPOS_STEMMER_LIBRARY stemmer REQUIRED)
pkg_check_modules(PROPOS_ICU REQUIRED IMPORTED_TARGET GLOBAL icu-uc)
target_include_directories(propos PRIVATE ${PROPOS_STEMMER_INCLUDE_DIR})
target_link_libraries(propos PRIVATE ${PROPOS_STEMMER_LIBRARY} PkgConfig::PROPOS_ICU)

# The PostgreSQL engine (libpq), one file per capability too (pg_impl.hpp).
if(PROPOS_WITH_POSTGRES)
  pkg_check_modules(PROPOS_LIBPQ REQUIRED IMPORTED_TARGET GLOBAL libpq)  # GLOBAL: tests use it too
  target_sources(propos PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pg_store.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_schema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_inbox.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_audit.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_jobs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_search.cpp)
  target_link_libraries(propos PRIVATE PkgConfig::PROPOS_LIBPQ)
  target_compile_definitions(propos PRIVATE PROPOS_WITH_POSTGRES)
endif()

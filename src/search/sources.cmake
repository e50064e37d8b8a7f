# hnswlib (Debian libhnswlib-dev 0.6.2) is header-only, in the system include path, and used by
# vector_index.cpp alone: it never reaches a public header.
find_path(PROPOS_HNSWLIB_INCLUDE_DIR hnswlib/hnswlib.h REQUIRED)
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/hashing_embedder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/history_search.cpp
  ${CMAKE_CURRENT_LIST_DIR}/openai_embedder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simd.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thresholds.cpp  # per-embedder similarity thresholds (issue 20)
  ${CMAKE_CURRENT_LIST_DIR}/vector_index.cpp)

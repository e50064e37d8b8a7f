target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audit_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/job_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/open_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/portfolio_import.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_store.cpp)

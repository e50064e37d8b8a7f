target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/coordinator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offline_provider.cpp)

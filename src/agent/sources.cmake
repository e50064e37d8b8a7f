find_package(valijson CONFIG REQUIRED)   # header-only; target sets VALIJSON_USE_EXCEPTIONS=1
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/agent_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/emergency.cpp
  ${CMAKE_CURRENT_LIST_DIR}/escalation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_signals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tool.cpp)
target_link_libraries(propos PRIVATE valijson)

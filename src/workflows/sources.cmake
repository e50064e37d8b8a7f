target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/approval.cpp
  ${CMAKE_CURRENT_LIST_DIR}/availability.cpp
  ${CMAKE_CURRENT_LIST_DIR}/common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dispatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/escalation_sla.cpp
  ${CMAKE_CURRENT_LIST_DIR}/invoice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/knowledge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance_tools.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intent.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intent_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intent_model_builtin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tenant_requests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/triage.cpp)
find_package(date CONFIG REQUIRED)   # IANA time zones from the system tz database (USE_OS_TZDB)
target_link_libraries(propos PRIVATE date::date-tz)

# The intent model (src/workflows/intent_model.hpp) is trained at build time from the tuning files
# of the intent evaluation (never from the held-back ones) and embedded in the library.
set(_intent_training_files
  ${PROJECT_SOURCE_DIR}/tests/data/intent_eval/tune.jsonl
  ${PROJECT_SOURCE_DIR}/tests/data/intent_eval/tune2.jsonl
  ${PROJECT_SOURCE_DIR}/tests/data/intent_eval/tune3.jsonl
  ${PROJECT_SOURCE_DIR}/tests/data/intent_eval/tune4.jsonl)
add_executable(propos_intent_trainer
  ${CMAKE_CURRENT_LIST_DIR}/intent_trainer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intent_model.cpp)
target_include_directories(propos_intent_trainer PRIVATE
  ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include ${CMAKE_CURRENT_LIST_DIR}/..)
target_compile_features(propos_intent_trainer PRIVATE cxx_std_20)
target_link_libraries(propos_intent_trainer PRIVATE nlohmann_json::nlohmann_json OpenSSL::Crypto)
propos_configure_target(propos_intent_trainer)
set(_intent_model_cpp ${CMAKE_CURRENT_BINARY_DIR}/intent_model_data.cpp)
add_custom_command(
  OUTPUT ${_intent_model_cpp}
  COMMAND propos_intent_trainer ${_intent_model_cpp} ${_intent_training_files}
  DEPENDS propos_intent_trainer ${_intent_training_files}
  COMMENT "Training the intent model")
target_sources(propos PRIVATE ${_intent_model_cpp})

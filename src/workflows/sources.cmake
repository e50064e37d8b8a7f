target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/approval.cpp
  ${CMAKE_CURRENT_LIST_DIR}/availability.cpp
  ${CMAKE_CURRENT_LIST_DIR}/common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/completion.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compliance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compliance_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/delivery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dispatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/escalation_sla.cpp
  ${CMAKE_CURRENT_LIST_DIR}/invoice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/invoices.cpp
  ${CMAKE_CURRENT_LIST_DIR}/job_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/knowledge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/maintenance_tools.cpp
  ${CMAKE_CURRENT_LIST_DIR}/move_out.cpp
  ${CMAKE_CURRENT_LIST_DIR}/repair_intake.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scheduling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intake.cpp
  ${CMAKE_CURRENT_LIST_DIR}/intent.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tenant_requests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/triage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vendor_dispatch.cpp)

# ---- compliance rule packs (data/compliance): embedded in the library, so the SDK works with no files ----
set(_compliance_data ${PROJECT_SOURCE_DIR}/data/compliance)
foreach(_pack schema nyc ca tx generic)
  string(SUBSTRING ${_pack} 0 1 _first)
  string(TOUPPER ${_first} _first)
  string(SUBSTRING ${_pack} 1 -1 _rest)
  if(_pack STREQUAL "schema")
    set(_symbol kCompliancePackSchema)
  else()
    set(_symbol kCompliancePack${_first}${_rest})
  endif()
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/compliance_${_pack}.cpp)
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${_compliance_data}/${_pack}.json -DOUTPUT=${_out}
            -DSYMBOL=${_symbol} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    DEPENDS ${_compliance_data}/${_pack}.json ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    COMMENT "Embedding compliance ${_pack}.json")
  target_sources(propos PRIVATE ${_out})
endforeach()
if(PROPOS_INSTALL)
  install(DIRECTORY ${_compliance_data}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/propos/compliance FILES_MATCHING PATTERN "*.json")
endif()

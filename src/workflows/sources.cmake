target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/approval.cpp
  ${CMAKE_CURRENT_LIST_DIR}/availability.cpp
  ${CMAKE_CURRENT_LIST_DIR}/common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decisions.cpp  # staff decisions as precedent, work order notes (issue 20)
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
  ${CMAKE_CURRENT_LIST_DIR}/vendor_dispatch.cpp
  # lease renewals (issue 17)
  ${CMAKE_CURRENT_LIST_DIR}/renewal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renewal_rules.cpp)

# ---- Onboarding (issue 17): the checklist schema and the default checklist are embedded. ----
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/onboarding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onboarding_checklist.cpp)
foreach(_onb IN ITEMS "checklist.schema.json;kOnboardingChecklistSchema;onboarding_schema_data.cpp"
                      "checklist.default.json;kOnboardingDefaultChecklist;onboarding_default_data.cpp")
  list(GET _onb 0 _onb_in)
  list(GET _onb 1 _onb_symbol)
  list(GET _onb 2 _onb_out)
  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${_onb_out}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${PROJECT_SOURCE_DIR}/data/onboarding/${_onb_in}
            -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/${_onb_out} -DSYMBOL=${_onb_symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/data/onboarding/${_onb_in} ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    COMMENT "Embedding data/onboarding/${_onb_in}")
  target_sources(propos PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${_onb_out})
endforeach()
if(PROPOS_INSTALL)
  install(FILES ${PROJECT_SOURCE_DIR}/data/onboarding/checklist.schema.json
                ${PROJECT_SOURCE_DIR}/data/onboarding/checklist.default.json
          DESTINATION ${CMAKE_INSTALL_DATADIR}/propos/onboarding)
endif()
# ---- end Onboarding ----

# ---- Follow-up cadences (issue 17): the unit, and its definitions' schema and built-in
# definitions (data/cadences) embedded in the library ----
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cadence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cadence_definitions.cpp)
foreach(_cadence_data cadence.schema:kCadenceSchemaText default_cadences:kDefaultCadencesText)
  string(REPLACE ":" ";" _cadence_pair ${_cadence_data})
  list(GET _cadence_pair 0 _cadence_file)
  list(GET _cadence_pair 1 _cadence_symbol)
  set(_cadence_in ${PROJECT_SOURCE_DIR}/data/cadences/${_cadence_file}.json)
  set(_cadence_out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${_cadence_symbol}.cpp)
  add_custom_command(
    OUTPUT ${_cadence_out}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${_cadence_in} -DOUTPUT=${_cadence_out}
            -DSYMBOL=${_cadence_symbol} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    DEPENDS ${_cadence_in} ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    COMMENT "Embedding data/cadences/${_cadence_file}.json")
  target_sources(propos PRIVATE ${_cadence_out})
endforeach()
if(PROPOS_INSTALL)  # the schema hosts validate their own definitions with, and the built-in set
  install(FILES ${PROJECT_SOURCE_DIR}/data/cadences/cadence.schema.json
                ${PROJECT_SOURCE_DIR}/data/cadences/default_cadences.json
          DESTINATION ${CMAKE_INSTALL_DATADIR}/propos/cadences)
endif()
# ---- end follow-up cadences ----

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

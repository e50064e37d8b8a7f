target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/approval.cpp
  ${CMAKE_CURRENT_LIST_DIR}/availability.cpp
  ${CMAKE_CURRENT_LIST_DIR}/common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/completion.cpp
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

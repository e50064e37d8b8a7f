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

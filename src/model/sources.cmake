target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cadence.cpp  # follow-up cadences (issue 17)
  ${CMAKE_CURRENT_LIST_DIR}/decision.cpp  # staff decisions as precedent (issue 20)
  ${CMAKE_CURRENT_LIST_DIR}/knowledge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/message.cpp
  ${CMAKE_CURRENT_LIST_DIR}/note.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onboarding.cpp  # onboarding (issue 17)
  ${CMAKE_CURRENT_LIST_DIR}/oversight.cpp
  ${CMAKE_CURRENT_LIST_DIR}/portfolio.cpp
  ${CMAKE_CURRENT_LIST_DIR}/procurement.cpp
  ${CMAKE_CURRENT_LIST_DIR}/work_order.cpp)

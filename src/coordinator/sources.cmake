target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audit_checkpoints.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coordinator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inbound_line.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offline_provider.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pms_sync.cpp
  ${CMAKE_CURRENT_LIST_DIR}/webhook_deliverer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/webhooks.cpp
  # issue 23: the front door (authentication before storage, rejections, replay)
  ${CMAKE_CURRENT_LIST_DIR}/webhook_front_door.cpp)

# The channels layer: Twilio and SendGrid webhooks and clients, blob store, contact helpers.
# GMime 3 parses MIME (Inbound Parse multipart/form-data bodies and raw messages); quiet hours read
# IANA time zones through core's helper (date-tz, linked by core). Installed-config consumers of a
# static propos need: find_dependency(date) and (pkg-config) gmime-3.0 — see docs/channels.md.
# PROPOS_WITH_EMAIL=OFF builds without GMime: mime_unavailable.cpp stands in for mime.cpp and
# every MIME parse throws Error(kFailedPrecondition) naming the option.
if(PROPOS_WITH_EMAIL)
  pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
  target_sources(propos PRIVATE ${CMAKE_CURRENT_LIST_DIR}/mime.cpp)
  target_link_libraries(propos PRIVATE PkgConfig::GMIME)
else()
  target_sources(propos PRIVATE ${CMAKE_CURRENT_LIST_DIR}/mime_unavailable.cpp)
endif()
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blob_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contact.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inbound.cpp
  ${CMAKE_CURRENT_LIST_DIR}/outbox.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quiet_hours.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_inbound.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_webhook.cpp
  ${CMAKE_CURRENT_LIST_DIR}/util.cpp
  # issue 23: authentication before storage
  ${CMAKE_CURRENT_LIST_DIR}/webhook_auth.cpp)

# The channels layer: Twilio and SendGrid webhooks and clients, blob store, contact helpers.
# GMime 3 parses MIME (Inbound Parse multipart/form-data bodies and raw messages); date-tz gives the
# IANA time zones of quiet hours (system tz database, USE_OS_TZDB). Installed-config consumers of a
# static propos need: find_dependency(date) and (pkg-config) gmime-3.0 — see docs/channels.md.
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
find_package(date CONFIG REQUIRED)
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blob_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contact.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inbound.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quiet_hours.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sendgrid_inbound.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_webhook.cpp
  ${CMAKE_CURRENT_LIST_DIR}/util.cpp)
target_link_libraries(propos PRIVATE PkgConfig::GMIME date::date-tz)

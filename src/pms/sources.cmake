# The pms layer: AppFolio (JWS-verified webhooks), Buildium (HMAC-verified webhooks) and Yardi
# (polling) adapters over HttpClient. OpenSSL (already linked by core) does the cryptography.
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/appfolio.cpp
  ${CMAKE_CURRENT_LIST_DIR}/buildium.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jws.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pms_util.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yardi.cpp)

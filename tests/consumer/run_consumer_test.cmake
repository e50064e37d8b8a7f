# Installs the already-built SDK into a private prefix, then configures, builds and runs the consumer
# project against it with find_package(propos CONFIG REQUIRED).
file(REMOVE_RECURSE "${WORK_DIR}")
set(_prefix "${WORK_DIR}/prefix")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${_prefix}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed: ${rc}")
endif()
foreach(f include/propos/propos.hpp include/propos/export.hpp lib/cmake/propos/proposConfig.cmake
          lib/cmake/propos/proposConfigVersion.cmake lib/pkgconfig/propos.pc)
  if(NOT EXISTS "${_prefix}/${f}")
    message(FATAL_ERROR "install tree lacks ${f}")
  endif()
endforeach()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
          -DCMAKE_PREFIX_PATH=${_prefix} -DCMAKE_BUILD_TYPE=Release
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK_DIR}/build" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed: ${rc}")
endif()
execute_process(COMMAND "${WORK_DIR}/build/consumer" "${WORK_DIR}/consumer.db"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "audit ok, 1 entries")
  message(FATAL_ERROR "the consumer failed: ${rc} ${out}")
endif()

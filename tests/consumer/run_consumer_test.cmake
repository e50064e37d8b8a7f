# Installs the already-built SDK into a private prefix, then configures, builds and runs the consumer
# project against it with find_package(propos CONFIG REQUIRED); then moves the install tree and builds
# the same program with `pkg-config --cflags --libs propos` (a relocatable propos.pc).
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
if(NOT rc EQUAL 0 OR NOT out MATCHES "audit ok, 1 work order")
  message(FATAL_ERROR "the consumer failed: ${rc} ${out}")
endif()

# pkg-config from a moved install tree: propos.pc must name its prefix relative to itself.
file(READ "${_prefix}/lib/pkgconfig/propos.pc" _pc)
if(NOT _pc MATCHES "prefix=\\\${pcfiledir}/")
  message(FATAL_ERROR "propos.pc is not relocatable (no \${pcfiledir}-relative prefix):\n${_pc}")
endif()
find_program(PKG_CONFIG_EXECUTABLE pkg-config)
find_program(CXX_COMPILER NAMES c++ g++ clang++)
if(NOT PKG_CONFIG_EXECUTABLE OR NOT CXX_COMPILER)
  message(FATAL_ERROR "pkg-config and a C++ compiler are needed for the pkg-config consumer")
endif()
set(_moved "${WORK_DIR}/moved")
file(RENAME "${_prefix}" "${_moved}")
set(ENV{PKG_CONFIG_PATH} "${_moved}/lib/pkgconfig")
execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --cflags --libs propos
                RESULT_VARIABLE rc OUTPUT_VARIABLE _flags ERROR_VARIABLE _err
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs propos failed: ${_err}")
endif()
if(NOT _flags MATCHES "-I${_moved}/" OR NOT _flags MATCHES "-L${_moved}/")
  message(FATAL_ERROR "pkg-config does not point into the moved tree ${_moved}: ${_flags}")
endif()
separate_arguments(_flags UNIX_COMMAND "${_flags}")
execute_process(COMMAND ${CXX_COMPILER} -std=c++20 "${SOURCE_DIR}/tests/consumer/main.cpp"
                        -o "${WORK_DIR}/consumer-pc" ${_flags}
                RESULT_VARIABLE rc ERROR_VARIABLE _err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer with pkg-config failed: ${_err}")
endif()
execute_process(COMMAND "${WORK_DIR}/consumer-pc" "${WORK_DIR}/consumer-pc.db"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "audit ok, 1 work order")
  message(FATAL_ERROR "the pkg-config consumer failed: ${rc} ${out}")
endif()

# propos_configure_target(<target> [NO_SANITIZE]): warnings (as errors when PROPOS_WERROR) and
# sanitizers for our own targets; NO_SANITIZE for a tool the build runs.
function(propos_configure_target target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_SANITIZE" "" "")
  # Designated initializers that leave fields at their defaults are idiomatic here.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  # GCC 12 reports impossible std::string overlaps at -O2/-O3 (-Wrestrict false positives, GCC bug
  # 105329), here from valijson's headers and string inserts; the warning is off for GCC 12 only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(PROPOS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(PROPOS_SANITIZE AND NOT arg_NO_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${PROPOS_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${PROPOS_SANITIZE})
  endif()
endfunction()

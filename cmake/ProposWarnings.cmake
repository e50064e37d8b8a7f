# propos_configure_target(<target>): warnings (as errors when PROPOS_WERROR) and sanitizers for our own targets.
function(propos_configure_target target)
  # Designated initializers that leave fields at their defaults are idiomatic here.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(PROPOS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(PROPOS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${PROPOS_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${PROPOS_SANITIZE})
  endif()
endfunction()

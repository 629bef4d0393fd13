# SPDX-License-Identifier: MIT
# The directories of an install, as absolute paths, inside `cmake --install`
# (where CMAKE_INSTALL_PREFIX is the prefix in effect for this install,
# --prefix included): sets prefix, libdir and includedir from DEFER_LIBDIR
# and DEFER_INCLUDEDIR (CMAKE_INSTALL_LIBDIR and CMAKE_INSTALL_INCLUDEDIR,
# relative or absolute).  The install scripts of the runtime and the
# plugins include it.

get_filename_component(prefix "${CMAKE_INSTALL_PREFIX}" ABSOLUTE)
foreach(_defer_kind lib include)
  string(TOUPPER "${_defer_kind}" _defer_k)
  if(IS_ABSOLUTE "${DEFER_${_defer_k}DIR}")
    set(${_defer_kind}dir "${DEFER_${_defer_k}DIR}")
  else()
    set(${_defer_kind}dir "${prefix}/${DEFER_${_defer_k}DIR}")
  endif()
endforeach()

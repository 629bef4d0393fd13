# Install-time part of the Clang plugin's install (see
# plugin/clang/CMakeLists.txt): puts defer-clang.so in
# <prefix>/<libdir>/clang-plugin and writes defer-clang.pc with its
# absolute path, for whatever prefix `cmake --install` was given.
# Variables set by the caller: DEFER_PLUGIN_BUILT, DEFER_VERSION,
# DEFER_LIBDIR, DEFER_INCLUDEDIR, DEFER_LOADER_DIRS, DEFER_PC_IN, DEFER_PC_OUT.

get_filename_component(prefix "${CMAKE_INSTALL_PREFIX}" ABSOLUTE)
foreach(kind lib include)
  string(TOUPPER "${kind}" _k)
  if(IS_ABSOLUTE "${DEFER_${_k}DIR}")
    set(${kind}dir "${DEFER_${_k}DIR}")
  else()
    set(${kind}dir "${prefix}/${DEFER_${_k}DIR}")
  endif()
endforeach()
set(plugin "${libdir}/clang-plugin/defer-clang.so")
file(INSTALL DESTINATION "${libdir}/clang-plugin" TYPE MODULE
  FILES "${DEFER_PLUGIN_BUILT}")
include("${CMAKE_CURRENT_LIST_DIR}/DeferLinkFlags.cmake")
defer_link_flags(DEFER_PC_LIBS "${libdir}" [=[${libdir}]=] "${DEFER_LOADER_DIRS}")
configure_file("${DEFER_PC_IN}" "${DEFER_PC_OUT}" @ONLY)
file(INSTALL DESTINATION "${libdir}/pkgconfig" TYPE FILE FILES "${DEFER_PC_OUT}")

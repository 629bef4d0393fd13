# SPDX-License-Identifier: MIT
# Install-time part of the Clang plugin's install (see
# plugin/clang/CMakeLists.txt): puts defer-clang.so in
# <prefix>/<libdir>/clang-plugin/<LLVM major version> and the loader, the
# defer-clang.so that any Clang can load, in <prefix>/<libdir>/clang-plugin,
# and writes defer-clang.pc and the CMake package's plugins/clang.cmake
# (defer::clang) with the loader's absolute path, for whatever prefix
# `cmake --install` was given.  Plugins built for several Clangs installed
# into one prefix share the loader.
# Variables set by the caller: DEFER_PLUGIN_BUILT, DEFER_LOADER_BUILT, DEFER_VERSION,
# DEFER_CLANG_VERSION, DEFER_LIBDIR, DEFER_INCLUDEDIR, DEFER_LOADER_DIRS,
# DEFER_PC_IN, DEFER_PC_OUT, DEFER_PACKAGE_OUT.

include("${CMAKE_CURRENT_LIST_DIR}/InstallDirs.cmake")
string(REGEX MATCH "^[0-9]+" _defer_clang_major "${DEFER_CLANG_VERSION}")
set(plugindir "${libdir}/clang-plugin/${_defer_clang_major}")
set(plugin "${libdir}/clang-plugin/defer-clang.so")
file(INSTALL DESTINATION "${plugindir}" TYPE MODULE
  FILES "${DEFER_PLUGIN_BUILT}")
file(INSTALL DESTINATION "${libdir}/clang-plugin" TYPE MODULE
  FILES "${DEFER_LOADER_BUILT}")
include("${CMAKE_CURRENT_LIST_DIR}/DeferLinkFlags.cmake")
defer_link_flags(DEFER_PC_LIBS "${libdir}" [=[${libdir}]=] "${DEFER_LOADER_DIRS}")
configure_file("${DEFER_PC_IN}" "${DEFER_PC_OUT}" @ONLY)
file(INSTALL DESTINATION "${libdir}/pkgconfig" TYPE FILE FILES "${DEFER_PC_OUT}")

include("${CMAKE_CURRENT_LIST_DIR}/DeferPackage.cmake")
defer_package_plugin("${DEFER_PACKAGE_OUT}" clang "${plugin}"
  "Clang ${DEFER_CLANG_VERSION}")
file(INSTALL DESTINATION "${libdir}/cmake/defer/plugins" TYPE FILE
  FILES "${DEFER_PACKAGE_OUT}")

# SPDX-License-Identifier: MIT
# Install-time part of the GCC plugin's install (see plugin/gcc/CMakeLists.txt).
# Runs inside `cmake --install`, where CMAKE_INSTALL_PREFIX is the prefix in
# effect for this install, with these variables set by the caller:
#   DEFER_PLUGIN_BUILT    the built defer.so
#   DEFER_GCC_PLUGIN_DIR  GCC's plugin directory (gcc -print-file-name=plugin)
#   DEFER_GCC_VERSION     that GCC's version
#   DEFER_VERSION         this project's version
#   DEFER_LIBDIR          CMAKE_INSTALL_LIBDIR (relative or absolute)
#   DEFER_INCLUDEDIR      CMAKE_INSTALL_INCLUDEDIR (relative or absolute)
#   DEFER_PACKAGE_OUT     where to write plugins/gcc.cmake (defer::gcc)
#                         before installing it
#   DEFER_LOADER_DIRS     the directories the dynamic loader searches by itself
#   DEFER_PC_IN           template of defer-gcc.pc
#   DEFER_PC_OUT          where to write the configured .pc before installing

include("${CMAKE_CURRENT_LIST_DIR}/InstallDirs.cmake")
set(CMAKE_INSTALL_PREFIX "${prefix}")

# GCC searches its own plugin directory for -fplugin=NAME; use it when this
# install goes under the prefix GCC lives in, so `gcc -fplugin=defer` works.
# Otherwise a directory per major version of GCC, the only one that can
# load the plugin: plugins for other versions can be installed beside it.
string(FIND "${DEFER_GCC_PLUGIN_DIR}/" "${prefix}/" _at)
if(_at EQUAL 0)
  set(plugindir "${DEFER_GCC_PLUGIN_DIR}")
else()
  string(REGEX MATCH "^[0-9]+" _defer_gcc_major "${DEFER_GCC_VERSION}")
  set(plugindir "${libdir}/gcc-plugin/${_defer_gcc_major}")
endif()

file(INSTALL DESTINATION "${plugindir}" TYPE MODULE FILES "${DEFER_PLUGIN_BUILT}")

include("${CMAKE_CURRENT_LIST_DIR}/DeferLinkFlags.cmake")
defer_link_flags(DEFER_PC_LIBS "${libdir}" [=[${libdir}]=] "${DEFER_LOADER_DIRS}")
configure_file("${DEFER_PC_IN}" "${DEFER_PC_OUT}" @ONLY)
file(INSTALL DESTINATION "${libdir}/pkgconfig" TYPE FILE FILES "${DEFER_PC_OUT}")

# defer::gcc in the CMake package.
include("${CMAKE_CURRENT_LIST_DIR}/DeferPackage.cmake")
defer_package_plugin("${DEFER_PACKAGE_OUT}" gcc "${plugindir}/defer.so"
  "GCC ${DEFER_GCC_VERSION}")
file(INSTALL DESTINATION "${libdir}/cmake/defer/plugins" TYPE FILE
  FILES "${DEFER_PACKAGE_OUT}")

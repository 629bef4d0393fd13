# SPDX-License-Identifier: MIT
# The files of the CMake package (find_package(defer)): read when
# configuring, for the build tree's package in build/cmake, and when
# installing, for <libdir>/cmake/defer, whose paths are known only then.
# deferConfig.cmake itself is the same for both; these functions write the
# files it reads, from the templates beside this file.

set(_DEFER_PACKAGE_TEMPLATES "${CMAKE_CURRENT_LIST_DIR}")

# defer_package_runtime(FILE LIBDEFER SONAME INCLUDE_DIR RPATH_FLAG)
# writes FILE (defer-runtime.cmake): defer::libdefer for the shared library
# LIBDEFER (absolute path) whose soname is SONAME, with <defer.h> in
# INCLUDE_DIR, linked with RPATH_FLAG ("-Wl,-rpath,<dir>", or empty).
function(defer_package_runtime file libdefer soname include_dir rpath_flag)
  set(DEFER_PACKAGE_LIBDEFER "${libdefer}")
  set(DEFER_PACKAGE_SONAME "${soname}")
  set(DEFER_PACKAGE_INCLUDE_DIR "${include_dir}")
  set(DEFER_PACKAGE_RPATH "${rpath_flag}")
  configure_file("${_DEFER_PACKAGE_TEMPLATES}/defer-runtime.cmake.in"
    "${file}" @ONLY)
endfunction()

# defer_package_plugin(FILE NAME PLUGIN COMPILER)
# writes FILE (plugins/NAME.cmake): defer::NAME for the plugin PLUGIN
# (absolute path) of COMPILER (its name and version, for the comment).
function(defer_package_plugin file name plugin compiler)
  set(DEFER_PACKAGE_PLUGIN_NAME "${name}")
  set(DEFER_PACKAGE_PLUGIN "${plugin}")
  set(DEFER_PACKAGE_COMPILER "${compiler}")
  configure_file("${_DEFER_PACKAGE_TEMPLATES}/defer-plugin.cmake.in"
    "${file}" @ONLY)
endfunction()

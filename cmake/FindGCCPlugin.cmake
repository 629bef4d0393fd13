# FindGCCPlugin: locate the headers for building GCC plugins.
#
# The plugin must be built against the headers of the GCC that will load it,
# so the driver is asked where its plugin directory is
# (`gcc -print-file-name=plugin`). The driver is GCCPlugin_GCC if set (the
# top-level CMakeLists.txt sets it from DEFER_GCC), else CMAKE_C_COMPILER
# when that is GCC, otherwise the first `gcc` on PATH.
#
# Result variables:
#   GCCPlugin_FOUND        true when <plugin dir>/include/gcc-plugin.h exists
#   GCCPlugin_GCC          path of the GCC driver that loads the plugin
#   GCCPlugin_VERSION      its full version (e.g. 12.2.0)
#   GCCPlugin_DIR          its plugin directory (where -fplugin=NAME looks)
#   GCCPlugin_INCLUDE_DIR  <plugin dir>/include
#
# Imported target:
#   GCCPlugin::headers     INTERFACE target carrying the include directory

include(FindPackageHandleStandardArgs)

if(NOT GCCPlugin_GCC)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    # Prefer the name `gcc` when `cc` is the same program: the driver names
    # itself by argv[0] in its messages.
    set(_gccplugin_cc "${CMAKE_C_COMPILER}")
    get_filename_component(_gccplugin_name "${_gccplugin_cc}" NAME)
    get_filename_component(_gccplugin_bin "${_gccplugin_cc}" DIRECTORY)
    if(_gccplugin_name STREQUAL "cc" AND EXISTS "${_gccplugin_bin}/gcc")
      get_filename_component(_gccplugin_real_cc "${_gccplugin_cc}" REALPATH)
      get_filename_component(_gccplugin_real_gcc "${_gccplugin_bin}/gcc" REALPATH)
      if(_gccplugin_real_cc STREQUAL _gccplugin_real_gcc)
        set(_gccplugin_cc "${_gccplugin_bin}/gcc")
      endif()
    endif()
    set(GCCPlugin_GCC "${_gccplugin_cc}" CACHE FILEPATH
      "GCC driver whose plugin headers are used and which loads the plugin")
  else()
    find_program(GCCPlugin_GCC NAMES gcc
      DOC "GCC driver whose plugin headers are used and which loads the plugin")
  endif()
endif()

set(_gccplugin_failure "")
if(NOT GCCPlugin_GCC)
  set(_gccplugin_failure
    "no GCC found: CMAKE_C_COMPILER is ${CMAKE_C_COMPILER_ID} and there is no "
    "`gcc` on PATH; install GCC (apt-get install gcc) or set -DGCCPlugin_GCC=")
else()
  execute_process(
    COMMAND "${GCCPlugin_GCC}" -dumpfullversion
    OUTPUT_VARIABLE GCCPlugin_VERSION
    OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _gccplugin_rc)
  if(NOT _gccplugin_rc EQUAL 0 OR GCCPlugin_VERSION STREQUAL "")
    set(_gccplugin_failure
      "${GCCPlugin_GCC} -dumpfullversion failed: is it GCC?")
  else()
    string(REGEX MATCH "^[0-9]+" _gccplugin_major "${GCCPlugin_VERSION}")
    execute_process(
      COMMAND "${GCCPlugin_GCC}" -print-file-name=plugin
      OUTPUT_VARIABLE _gccplugin_dir
      OUTPUT_STRIP_TRAILING_WHITESPACE)
    # Without a plugin directory GCC echoes the bare name back.
    if(IS_ABSOLUTE "${_gccplugin_dir}"
       AND EXISTS "${_gccplugin_dir}/include/gcc-plugin.h")
      get_filename_component(_gccplugin_dir "${_gccplugin_dir}" REALPATH)
      set(GCCPlugin_DIR "${_gccplugin_dir}")
      set(GCCPlugin_INCLUDE_DIR "${_gccplugin_dir}/include")
    else()
      set(_gccplugin_failure
        "the GCC plugin headers for ${GCCPlugin_GCC} (GCC ${GCCPlugin_VERSION}) "
        "are not installed (no gcc-plugin.h under `${GCCPlugin_GCC} "
        "-print-file-name=plugin`/include).\n"
        "On Debian or Ubuntu: apt-get install gcc-${_gccplugin_major}-plugin-dev\n"
        "Or configure with -DDEFER_BUILD_GCC_PLUGIN=OFF.")
    endif()
  endif()
endif()

string(CONCAT _gccplugin_failure ${_gccplugin_failure})
if(_gccplugin_failure AND GCCPlugin_FIND_REQUIRED)
  message(FATAL_ERROR "GCC plugin support: ${_gccplugin_failure}")
endif()

find_package_handle_standard_args(GCCPlugin
  REASON_FAILURE_MESSAGE "${_gccplugin_failure}"
  REQUIRED_VARS GCCPlugin_INCLUDE_DIR GCCPlugin_DIR GCCPlugin_GCC
  VERSION_VAR GCCPlugin_VERSION)

if(GCCPlugin_FOUND AND NOT TARGET GCCPlugin::headers)
  add_library(GCCPlugin::headers INTERFACE IMPORTED)
  set_target_properties(GCCPlugin::headers PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${GCCPlugin_INCLUDE_DIR}")
endif()

unset(_gccplugin_failure)
unset(_gccplugin_rc)
unset(_gccplugin_major)
unset(_gccplugin_dir)
unset(_gccplugin_cc)
unset(_gccplugin_name)
unset(_gccplugin_bin)
unset(_gccplugin_real_cc)
unset(_gccplugin_real_gcc)

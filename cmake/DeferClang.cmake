# SPDX-License-Identifier: MIT
# The Clang the Clang plugin is built for and tested with.  DEFER_CLANG
# names its driver (clang-22 by default); the driver's major version picks
# the LLVM installation whose headers and CMake package the plugin is
# built against, through llvm-config-<major> or /usr/lib/llvm-<major>, so
# that `-DDEFER_CLANG=/usr/bin/clang-19` builds the plugin for Clang 19.
# Sets DEFER_CLANG_MAJOR and, unless given, DEFER_CLANG_CMAKE_DIR.

find_program(DEFER_CLANG NAMES clang-22
  HINTS /usr/lib/llvm-22/bin
  DOC "clang driver the Clang plugin is built for and tested with")

# A name given on the command line (-DDEFER_CLANG=clang-19) reaches
# find_program as a path under the current directory: look it up on PATH.
if(DEFER_CLANG AND NOT EXISTS "${DEFER_CLANG}")
  get_filename_component(_defer_clang_name "${DEFER_CLANG}" NAME)
  find_program(_defer_clang_path NAMES "${_defer_clang_name}" NO_CACHE)
  if(_defer_clang_path)
    set(DEFER_CLANG "${_defer_clang_path}" CACHE FILEPATH
      "clang driver the Clang plugin is built for and tested with" FORCE)
  else()
    message(FATAL_ERROR "DEFER_CLANG=${DEFER_CLANG}: no such program")
  endif()
endif()

set(DEFER_CLANG_MAJOR "")
if(DEFER_CLANG)
  execute_process(COMMAND "${DEFER_CLANG}" -dumpversion
    OUTPUT_VARIABLE _defer_clang_version OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _defer_rc)
  if(_defer_rc EQUAL 0)
    string(REGEX MATCH "^[0-9]+" DEFER_CLANG_MAJOR "${_defer_clang_version}")
  endif()
endif()

# Where ClangConfig.cmake of that version is.
if(DEFER_CLANG_MAJOR AND NOT DEFER_CLANG_CMAKE_DIR)
  find_program(DEFER_CLANG_LLVM_CONFIG NAMES llvm-config-${DEFER_CLANG_MAJOR}
    NO_CACHE)
  set(_defer_prefix "/usr/lib/llvm-${DEFER_CLANG_MAJOR}")
  if(DEFER_CLANG_LLVM_CONFIG)
    execute_process(COMMAND "${DEFER_CLANG_LLVM_CONFIG}" --prefix
      OUTPUT_VARIABLE _defer_out OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE _defer_rc)
    if(_defer_rc EQUAL 0)
      set(_defer_prefix "${_defer_out}")
    endif()
  endif()
  set(DEFER_CLANG_CMAKE_DIR "${_defer_prefix}/lib/cmake/clang" CACHE PATH
    "Directory of ClangConfig.cmake for the Clang the plugin is built for")
endif()

# The plugin's file name without .so.  A loader that picks the plugin
# built for the running Clang wants defer-clang-<major>.
set(DEFER_CLANG_PLUGIN_NAME "defer-clang" CACHE STRING
  "File name (without .so) of the Clang plugin built here")

# SPDX-License-Identifier: MIT
# find_package(defer): the imported targets of defer for C, installed (in
# <libdir>/cmake/defer) or in a build tree (build/cmake).
#
#   defer::libdefer  the shared run-time library: its include directory
#                    (<defer.h>), and a run path to it unless the dynamic
#                    loader searches its directory by itself
#   defer::gcc       the GCC plugin: -fplugin=<path> for the C sources of
#                    the target that links it (C++ sources are left alone),
#                    and defer::libdefer
#   defer::clang     the Clang plugin, the same way
#
#   add_executable(prog prog.c)
#   target_link_libraries(prog PRIVATE defer::gcc)
#
# Each plugin is a file of plugins/, named as its target (plugins/gcc.cmake
# makes defer::gcc), so that plugins built for other versions of a compiler
# and installed into the same prefix add targets of their own
# (plugins/gcc-14.cmake, defer::gcc-14).  The plugins are the package's
# components: find_package(defer REQUIRED COMPONENTS clang) fails without
# the Clang plugin.  defer_PLUGINS lists the plugins found, and
# defer_<plugin>_PLUGIN gives the path of each.

include("${CMAKE_CURRENT_LIST_DIR}/defer-runtime.cmake")

set(defer_PLUGINS "")
file(GLOB _defer_plugin_files "${CMAKE_CURRENT_LIST_DIR}/plugins/*.cmake")
foreach(_defer_file IN LISTS _defer_plugin_files)
  include("${_defer_file}")
endforeach()

foreach(_defer_component IN LISTS defer_FIND_COMPONENTS)
  if(TARGET defer::${_defer_component})
    set(defer_${_defer_component}_FOUND TRUE)
  else()
    set(defer_${_defer_component}_FOUND FALSE)
    if(defer_FIND_REQUIRED_${_defer_component})
      set(defer_FOUND FALSE)
      string(REPLACE ";" ", " _defer_found "${defer_PLUGINS}")
      set(defer_NOT_FOUND_MESSAGE
        "no plugin '${_defer_component}' in ${CMAKE_CURRENT_LIST_DIR} "
        "(plugins found: ${_defer_found})")
      string(CONCAT defer_NOT_FOUND_MESSAGE ${defer_NOT_FOUND_MESSAGE})
    endif()
  endif()
endforeach()

unset(_defer_plugin_files)
unset(_defer_file)
unset(_defer_component)
unset(_defer_found)

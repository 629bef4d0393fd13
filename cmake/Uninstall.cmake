# SPDX-License-Identifier: MIT
# `cmake --build build --target uninstall`: removes what the last
# `cmake --install build` put, as listed in build/install_manifest.txt,
# then the directories of this project that are left empty
# (<libdir>/cmake/defer, the plugins' directories).  Shared directories
# (include, lib, lib/pkgconfig) stay.  The manifest lists the files
# without DESTDIR: an install made with DESTDIR is removed with the same
# DESTDIR in the environment.
# Run as `cmake -DDEFER_MANIFEST=<file> -P Uninstall.cmake`.

if(NOT DEFER_MANIFEST)
  message(FATAL_ERROR "Uninstall.cmake: DEFER_MANIFEST is not set")
endif()
if(NOT EXISTS "${DEFER_MANIFEST}")
  message(FATAL_ERROR
    "no ${DEFER_MANIFEST}: nothing was installed from this build tree "
    "(cmake --install writes it)")
endif()

file(STRINGS "${DEFER_MANIFEST}" _defer_listed)
set(_defer_dirs "")
set(_defer_failed "")
foreach(_defer_file IN LISTS _defer_listed)
  set(_defer_file "$ENV{DESTDIR}${_defer_file}")
  if(EXISTS "${_defer_file}" OR IS_SYMLINK "${_defer_file}")
    message(STATUS "Uninstalling: ${_defer_file}")
    file(REMOVE "${_defer_file}")
    if(EXISTS "${_defer_file}" OR IS_SYMLINK "${_defer_file}")
      list(APPEND _defer_failed "${_defer_file}")
    endif()
  else()
    message(STATUS "Not there: ${_defer_file}")
  endif()
  get_filename_component(_defer_dir "${_defer_file}" DIRECTORY)
  list(APPEND _defer_dirs "${_defer_dir}")
endforeach()

# The project's own directories, innermost first: cmake/defer/plugins,
# cmake/defer, gcc-plugin/<version>, gcc-plugin, clang-plugin/<version>,
# clang-plugin.
set(_defer_own [[/(cmake/defer(/plugins)?|(gcc|clang)-plugin(/[^/]+)?)$]])
list(REMOVE_DUPLICATES _defer_dirs)
foreach(_defer_dir IN LISTS _defer_dirs)
  while(_defer_dir MATCHES "${_defer_own}" AND IS_DIRECTORY "${_defer_dir}")
    file(GLOB _defer_left "${_defer_dir}/*" "${_defer_dir}/.*")
    if(_defer_left)
      break()
    endif()
    message(STATUS "Removing empty directory: ${_defer_dir}")
    file(REMOVE_RECURSE "${_defer_dir}")
    get_filename_component(_defer_dir "${_defer_dir}" DIRECTORY)
  endwhile()
endforeach()

if(_defer_failed)
  string(REPLACE ";" "\n  " _defer_failed "${_defer_failed}")
  message(FATAL_ERROR "could not remove:\n  ${_defer_failed}")
endif()

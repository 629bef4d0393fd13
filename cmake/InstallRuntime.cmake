# SPDX-License-Identifier: MIT
# Install-time part of libdefer's install (see runtime/CMakeLists.txt):
# writes <libdir>/cmake/defer/defer-runtime.cmake, the defer::libdefer
# target of the CMake package, for whatever prefix `cmake --install` was
# given.  Variables set by the caller:
#   DEFER_LIBDIR, DEFER_INCLUDEDIR  as for cmake/InstallDirs.cmake
#   DEFER_LOADER_DIRS     the directories the dynamic loader searches by itself
#   DEFER_LIBDEFER_NAME   the file name of the shared libdefer
#   DEFER_SONAME          its soname
#   DEFER_PACKAGE_OUT     where to write the file before installing it

include("${CMAKE_CURRENT_LIST_DIR}/InstallDirs.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/DeferLinkFlags.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/DeferPackage.cmake")

defer_rpath_flag(_defer_rpath "${libdir}" "${DEFER_LOADER_DIRS}")
defer_package_runtime("${DEFER_PACKAGE_OUT}" "${libdir}/${DEFER_LIBDEFER_NAME}"
  "${DEFER_SONAME}" "${includedir}" "${_defer_rpath}")
file(INSTALL DESTINATION "${libdir}/cmake/defer" TYPE FILE
  FILES "${DEFER_PACKAGE_OUT}")

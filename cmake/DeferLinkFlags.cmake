# SPDX-License-Identifier: MIT
# How programs link libdefer, for the pkg-config files and the CMake package:
# read when configuring (the build tree's files) and when installing (the
# installed ones, whose directories are known only then).
#
# libdefer is the run-time library of the plugins' generated code, as
# libgcc_s is GCC's: one shared copy per process, found by the dynamic
# loader.  The flags are
#
#   -L<dir> [-Wl,-rpath,<dir>] -Wl,--push-state,--no-as-needed -ldefer -Wl,--pop-state
#
# --no-as-needed, as the drivers link libasan: a linker running with
# --as-needed (Debian's gcc does by default) drops a shared library that no
# object before it on the command line needs, and `$(pkg-config --libs ...)`
# is often written before the sources.  Once kept, the library resolves the
# references of the objects after it too, so the flags work anywhere on the
# command line.  --push-state and --pop-state leave the user's own
# --as-needed in force for the libraries after them.
#
# -rpath: the program finds libdefer where it was installed, with no
# LD_LIBRARY_PATH and no ldconfig; left out for the directories the dynamic
# loader searches by itself (DEFER_LOADER_DIRS).

# The directories the dynamic loader searches without being told, when
# configuring: /lib, /usr/lib and their multiarch subdirectories
# (/usr/lib/x86_64-linux-gnu), which glibc searches everywhere it is built
# for multiarch.  Not /usr/local/lib, which is searched only through
# ld.so.cache and so needs ldconfig after an install, nor /usr/lib64, which
# is the loader's on some systems only: a run path to it is redundant where
# it is, and needed where it is not.
function(defer_loader_dirs out)
  set(dirs /lib /usr/lib)
  if(CMAKE_LIBRARY_ARCHITECTURE)
    foreach(base /lib /usr/lib)
      list(APPEND dirs "${base}/${CMAKE_LIBRARY_ARCHITECTURE}")
    endforeach()
  endif()
  set(${out} "${dirs}" PARENT_SCOPE)
endfunction()

# Sets OUT to the flags above for libdefer in DIR (absolute), written with
# DIR_TEXT in its place (`${libdir}` in a .pc file, or DIR itself).
# LOADER_DIRS is the list defer_loader_dirs gave.
function(defer_link_flags out dir dir_text loader_dirs)
  get_filename_component(dir "${dir}" ABSOLUTE)
  set(flags "-L${dir_text}")
  # list(FIND), not IN_LIST: install scripts run under CMake's old policies.
  list(FIND loader_dirs "${dir}" at)
  if(at EQUAL -1)
    string(APPEND flags " -Wl,-rpath,${dir_text}")
  endif()
  string(APPEND flags
    " -Wl,--push-state,--no-as-needed -ldefer -Wl,--pop-state")
  set(${out} "${flags}" PARENT_SCOPE)
endfunction()

# Sets OUT to the run path option for libdefer in DIR, "-Wl,-rpath,DIR", or
# to "" when the loader searches DIR by itself (the CMake package).
function(defer_rpath_flag out dir loader_dirs)
  get_filename_component(dir "${dir}" ABSOLUTE)
  list(FIND loader_dirs "${dir}" at)
  if(at EQUAL -1)
    set(${out} "-Wl,-rpath,${dir}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# defer_gcc_drivers(<gcc> <c-var> <cxx-var>): for the GCC driver <gcc> (a
# path, or a name found on PATH), sets <c-var> to its absolute path and
# <cxx-var> to the g++ driver of the same release, found beside it by
# name: gcc -> g++, gcc-11 -> g++-11, x86_64-linux-gnu-gcc-13 ->
# x86_64-linux-gnu-g++-13.  Stops with an error when either is missing.
# Used before project(), so it relies on nothing that project() sets.
function(defer_gcc_drivers gcc c_var cxx_var)
  if(IS_ABSOLUTE "${gcc}")
    set(_c "${gcc}")
  else()
    find_program(_defer_gcc_found NAMES "${gcc}" NO_CACHE)
    set(_c "${_defer_gcc_found}")
  endif()
  if(NOT _c OR NOT EXISTS "${_c}")
    message(FATAL_ERROR "DEFER_GCC=${gcc}: no such program")
  endif()
  get_filename_component(_dir "${_c}" DIRECTORY)
  get_filename_component(_name "${_c}" NAME)
  # The last `gcc` of the name that is not inside a longer word.
  string(REGEX REPLACE "(^|-)gcc(-[0-9.]+)?$" "\\1g++\\2" _cxx_name "${_name}")
  if(_cxx_name STREQUAL _name)
    message(FATAL_ERROR "DEFER_GCC=${gcc}: cannot tell the name of its g++ "
      "(the name does not end in gcc or gcc-<version>); set "
      "CMAKE_CXX_COMPILER to the g++ of the same GCC release")
  endif()
  set(_cxx "${_dir}/${_cxx_name}")
  if(NOT EXISTS "${_cxx}")
    string(REGEX MATCH "[0-9]+" _major "${_name}")
    if(NOT _major)
      set(_major "<version>")
    endif()
    message(FATAL_ERROR "DEFER_GCC=${gcc}: ${_cxx} is missing; the plugin "
      "is compiled by the g++ of the same release (on Debian or Ubuntu: "
      "apt-get install g++-${_major}), or set CMAKE_CXX_COMPILER")
  endif()
  set(${c_var} "${_c}" PARENT_SCOPE)
  set(${cxx_var} "${_cxx}" PARENT_SCOPE)
endfunction()

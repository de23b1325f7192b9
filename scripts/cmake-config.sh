#!/bin/sh
# Writes the CMake package that `make install` puts in $CMAKEDIR:
# $B/cmake/ndConfig.cmake (imported targets nd::nd_shared, nd::nd_static and
# nd::nd, the shared one unless nd_USE_STATIC_LIBS is set) and
# $B/cmake/ndConfigVersion.cmake (same major version, at least the asked
# one; before 1.0, the same minor too). Paths are found from the config
# file's own place when they lie under PREFIX, so a moved prefix works.
# Environment: B VERSION SOVERSION PREFIX LIBDIR INCDIR CMAKEDIR DEPS_PC NOPC_LIBS.
set -e
out="$B/cmake"
mkdir -p "$out"

# rel DIR: DIR as "${_nd_prefix}/..." when under PREFIX, else as it is
rel() {
    case $1 in
        "$PREFIX") echo '${_nd_prefix}' ;;
        "$PREFIX"/*) echo "\${_nd_prefix}/${1#"$PREFIX"/}" ;;
        *) echo "$1" ;;
    esac
}
# How far up from CMAKEDIR the prefix is: lib/cmake/nd -> ../../..
case $CMAKEDIR in
    "$PREFIX"/*)
        up=$(echo "${CMAKEDIR#"$PREFIX"/}" | sed -e 's|[^/][^/]*|..|g')
        prefix_line="get_filename_component(_nd_prefix \"\${CMAKE_CURRENT_LIST_DIR}/$up\" ABSOLUTE)" ;;
    *)  prefix_line="set(_nd_prefix \"$PREFIX\")" ;;
esac

# What libnd.a needs after it (shared libnd records it itself): the
# libraries its dependencies' .pc files name, once each, in their order.
names=""; dirs=""
for f in $(pkg-config --libs $DEPS_PC) $NOPC_LIBS; do
    case $f in
        -l*) case " $names " in *" ${f#-l} "*) ;; *) names="$names ${f#-l}" ;; esac ;;
        -L*) d=${f#-L}; d=${d%/}; case " $dirs " in *" $d "*) ;; *) dirs="$dirs $d" ;; esac ;;
    esac
done
names=$(echo $names m | tr ' ' ';')
dirs=$(echo $dirs | tr ' ' ';')

cat >"$out/ndConfig.cmake" <<END
# CMake package for libnd $VERSION, written by \`make install\`.
#
#   find_package(nd $VERSION REQUIRED)
#   target_link_libraries(app PRIVATE nd::nd)
#
# nd::nd is the shared library, or the static one when nd_USE_STATIC_LIBS
# is ON before find_package; nd::nd_shared and nd::nd_static name each.
$prefix_line
set(_nd_libdir "$(rel "$LIBDIR")")
set(_nd_incdir "$(rel "$INCDIR")")

if(NOT TARGET nd::nd_shared)
  find_package(Threads REQUIRED)

  add_library(nd::nd_shared SHARED IMPORTED)
  set_target_properties(nd::nd_shared PROPERTIES
    IMPORTED_LOCATION "\${_nd_libdir}/libnd.so.$VERSION"
    IMPORTED_SONAME "libnd.so.$SOVERSION"
    INTERFACE_INCLUDE_DIRECTORIES "\${_nd_incdir}")

  # libnd.a needs CBLAS, LAPACKE, zlib, libm and threads after it.
  add_library(nd::nd_static STATIC IMPORTED)
  set_target_properties(nd::nd_static PROPERTIES
    IMPORTED_LOCATION "\${_nd_libdir}/libnd.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES "C"
    INTERFACE_INCLUDE_DIRECTORIES "\${_nd_incdir}"
    INTERFACE_LINK_DIRECTORIES "$dirs"
    INTERFACE_LINK_LIBRARIES "$names;Threads::Threads")

  add_library(nd::nd INTERFACE IMPORTED)
  if(nd_USE_STATIC_LIBS)
    set_target_properties(nd::nd PROPERTIES INTERFACE_LINK_LIBRARIES nd::nd_static)
  else()
    set_target_properties(nd::nd PROPERTIES INTERFACE_LINK_LIBRARIES nd::nd_shared)
  endif()
endif()

foreach(_nd_file "\${_nd_incdir}/nd.h" "\${_nd_libdir}/libnd.a" "\${_nd_libdir}/libnd.so.$VERSION")
  if(NOT EXISTS "\${_nd_file}")
    set(nd_FOUND FALSE)
    set(nd_NOT_FOUND_MESSAGE "libnd's file \${_nd_file} is missing")
  endif()
endforeach()
unset(_nd_file)
unset(_nd_prefix)
unset(_nd_libdir)
unset(_nd_incdir)
END

major=${VERSION%%.*}
cat >"$out/ndConfigVersion.cmake" <<END
# Version check for find_package(nd X.Y): libnd $VERSION is compatible with
# a request of the same major version (before 1.0: the same major and minor)
# that is not newer than $VERSION.
set(PACKAGE_VERSION "$VERSION")
set(PACKAGE_VERSION_COMPATIBLE FALSE)
if(PACKAGE_FIND_VERSION)
  if("\${PACKAGE_FIND_VERSION_MAJOR}" STREQUAL "$major"
     AND ("$major" STRGREATER "0" OR "\${PACKAGE_FIND_VERSION_MINOR}" STREQUAL "$(echo "$VERSION" | cut -d. -f2)")
     AND NOT PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
  if(PACKAGE_FIND_VERSION VERSION_EQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
if(NOT CMAKE_SIZEOF_VOID_P STREQUAL "8")
  set(PACKAGE_VERSION "\${PACKAGE_VERSION} (64-bit)")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
END

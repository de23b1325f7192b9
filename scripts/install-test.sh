#!/bin/sh
# Installs libnd into temporary prefixes and uses it as a user would:
# builds tests/consumer/consumer.c through pkg-config, shared (with
# LD_LIBRARY_PATH and with an rpath) and fully static, and through the CMake
# package (tests/consumer/CMakeLists.txt), shared and static; moves the
# prefix and builds again both ways; runs each program and checks its
# output; then uninstalls and checks the files are gone. A second round
# checks a staged install with DESTDIR. Prints "N passed, N failed" over its
# checks (and appends to $ND_TALLY). Needs B (the build folder) built;
# VERSION and SOVERSION come from the Makefile.
B=${B:-build}
CC=${CC:-cc}
MAKE=${MAKE:-make}
VERSION=${VERSION:?set by the Makefile}
SOVERSION=${SOVERSION:?set by the Makefile}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nd-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage_log="$tmp/log"
. scripts/stage.sh
# LDCONFIG=: leaves the system's loader cache alone
mk() { $MAKE --no-print-directory -s B="$B" LDCONFIG=: "$@"; }

cat >"$tmp/expected" <<END
libnd $VERSION
c[1, ::-1] has shape (3,), first value 6
error: nd_add: operands could not be broadcast together with shapes (2,3) (2,)
END
runs_ok() {  # runs_ok NAME ENV... PROGRAM: runs it and compares its output
    name=$1; shift
    if env "$@" >"$tmp/out" 2>&1 && cmp -s "$tmp/out" "$tmp/expected"; then
        ok "$name"
    else
        fail "$name"; echo "--- got:"; cat "$tmp/out"; echo "--- expected:"; cat "$tmp/expected"
    fi
}

# ---- PREFIX install, with a LIBDIR of its own
prefix=$tmp/prefix
libdir=$prefix/lib64
so=libnd.so.$SOVERSION
files="$prefix/include/nd.h $prefix/include/nd.hpp $libdir/libnd.a $libdir/libnd.so.$VERSION $libdir/$so
       $libdir/libnd.so $libdir/pkgconfig/nd.pc $libdir/cmake/nd/ndConfig.cmake
       $libdir/cmake/nd/ndConfigVersion.cmake"
for h in include/nd/*.h; do [ -f "$h" ] && files="$files $prefix/$h"; done
check "make install PREFIX=... LIBDIR=..." mk install PREFIX="$prefix" LIBDIR="$libdir"
missing=""
for f in $files; do [ -e "$f" ] || missing="$missing $f"; done
check "installed files present" test -z "$missing"
[ -n "$missing" ] && echo "missing:$missing"
check "$so -> libnd.so.$VERSION" test "$(readlink -f "$libdir/libnd.so")" = "$(readlink -f "$libdir/libnd.so.$VERSION")"
check "soname is $so" sh -c "readelf -d '$libdir/libnd.so.$VERSION' | grep -q 'SONAME.*\[$so\]'"
check "libnd.so records its BLAS, LAPACKE and zlib" \
    sh -c "readelf -d '$libdir/libnd.so.$VERSION' | grep NEEDED | grep -q lapacke && readelf -d '$libdir/libnd.so.$VERSION' | grep NEEDED | grep -q libz"

# nd.pc: paths under ${prefix}, no -L but its own, no flag twice
pc=$libdir/pkgconfig/nd.pc
check "nd.pc: libdir and includedir relative to \${prefix}" \
    sh -c "grep -qx 'libdir=\${prefix}/lib64' '$pc' && grep -qx 'includedir=\${prefix}/include' '$pc'"
check "nd.pc: no -L path but \${libdir}" sh -c "! grep -E '^Libs' '$pc' | tr ' ' '\n' | grep '^-L' | grep -vqx -- '-L\${libdir}'"
check "nd.pc: no repeated flags" sh -c "[ -z \"\$(grep -E '^(Libs|Libs.private|Requires.private):' '$pc' | cut -d: -f2 | tr ' ' '\n' | grep . | sort | uniq -d)\" ]"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
check "pkg-config --modversion nd" test "$(pkg-config --modversion nd 2>&1)" = "$VERSION"
check "pkg-config libdir" test "$(pkg-config --variable=libdir nd)" = "$libdir"

CSTD="-std=c11 -Wall -Wextra -Werror"
src=tests/consumer/consumer.c
# shared, found through LD_LIBRARY_PATH
check "build consumer, shared" sh -c "$CC $CSTD $src \$(pkg-config --cflags --libs nd) -o '$tmp/consumer_shared'"
runs_ok "run consumer, shared (LD_LIBRARY_PATH)" LD_LIBRARY_PATH="$libdir" "$tmp/consumer_shared"
check "shared consumer loads the installed $so" \
    sh -c "LD_LIBRARY_PATH='$libdir' ldd '$tmp/consumer_shared' | grep -q '$so => $libdir/$so'"
# C++17 through the installed nd.hpp
cat >"$tmp/consumer.cpp" <<'END'
#include <nd.hpp>
#include <iostream>
int main() {
    nd::array a = nd::arange(0, 4, 1, nd::float32);
    std::cout << nd::sum(a * 0.5).item() << "\n";
    return 0;
}
END
check "build C++ consumer (nd.hpp), shared" sh -c "${CXX:-g++} -std=c++17 -Wall -Wextra -Wpedantic -Werror '$tmp/consumer.cpp' \$(pkg-config --cflags --libs nd) -o '$tmp/consumer_cxx'"
check "run C++ consumer" sh -c "LD_LIBRARY_PATH='$libdir' '$tmp/consumer_cxx' | grep -qx 3"
# shared, found through an rpath
check "build consumer, shared with rpath" sh -c "$CC $CSTD $src \$(pkg-config --cflags --libs nd) \
    -Wl,-rpath,\$(pkg-config --variable=libdir nd) -o '$tmp/consumer_rpath'"
runs_ok "run consumer, shared (rpath)" "$tmp/consumer_rpath"
# static libnd.a with shared dependencies: what pkg-config --static names
check "build consumer, libnd.a" sh -c "$CC $CSTD $src \$(pkg-config --cflags nd) \
    '$libdir/libnd.a' \$(pkg-config --static --libs-only-other --libs-only-l nd | sed 's/-lnd //') -o '$tmp/consumer_a'"
runs_ok "run consumer, libnd.a" "$tmp/consumer_a"
# fully static: nothing named by hand but what pkg-config --static gives
check "build consumer, static" sh -c "$CC $CSTD -static $src \$(pkg-config --static --cflags --libs nd) -o '$tmp/consumer_static'"
runs_ok "run consumer, static" "$tmp/consumer_static"
check "static consumer has no dynamic section" sh -c "! readelf -d '$tmp/consumer_static' | grep -q NEEDED"
# static again with a product and a LAPACK call, which pull in the BLAS,
# LAPACKE and the Fortran runtime. Debian's openblas.pc leaves out the
# runtime's libquadmath, which only a fully static link needs: README,
# "Linking statically", says to add it, and so does this.
cat >"$tmp/linalg.c" <<'END'
#include <nd.h>
#include <stdio.h>
int main(void) {
    nd_array *e = nd_eye(40, -1, 0, ND_FLOAT64), *two = nd_scalar(2, ND_FLOAT64);
    nd_array *a = nd_multiply(e, two), *aa = nd_matmul(a, a), *inv = nd_linalg_inv(aa);
    int64_t i[2] = {1, 1};
    double v = 0;
    if (!inv || nd_get_f64(inv, i, &v) != ND_OK) return 1;
    printf("inv(A @ A)[1,1] = %g\n", v);
    nd_free(e), nd_free(two), nd_free(a), nd_free(aa), nd_free(inv);
    return 0;
}
END
quadmath=$($CC -print-file-name=libquadmath.a | grep -q / && echo -lquadmath -lm)
check "build linalg consumer, static" sh -c "$CC $CSTD -static '$tmp/linalg.c' \$(pkg-config --static --cflags --libs nd) $quadmath -o '$tmp/linalg_static'"
check "run linalg consumer, static" sh -c "'$tmp/linalg_static' | grep -qx 'inv(A @ A)\[1,1\] = 0.25'"
check "static linalg consumer has no dynamic section" sh -c "! readelf -d '$tmp/linalg_static' | grep -q NEEDED"

# CMake: find_package(nd) and the imported targets, shared and static
cmake_consumer() {  # cmake_consumer NAME CMAKE-ARGS...: configures and builds into $tmp/NAME
    name=$1; shift
    rm -rf "$tmp/$name"
    cmake -S tests/consumer -B "$tmp/$name" -DCMAKE_C_COMPILER="$CC" -DND_WANT_VERSION="$VERSION" "$@" &&
        cmake --build "$tmp/$name"
}
if command -v cmake >/dev/null 2>&1; then
    # CMake on Debian does not search lib64/ under a prefix: nd_DIR names it
    cmdir=$libdir/cmake/nd
    check "cmake: build consumer with nd::nd (shared)" cmake_consumer cm_shared -Dnd_DIR="$cmdir"
    runs_ok "cmake: run consumer, shared" "$tmp/cm_shared/consumer"
    check "cmake: shared consumer loads $so" sh -c "ldd '$tmp/cm_shared/consumer' | grep -q '$so => $libdir/$so'"
    check "cmake: build consumer with nd_USE_STATIC_LIBS (libnd.a)" cmake_consumer cm_static -Dnd_DIR="$cmdir" -Dnd_USE_STATIC_LIBS=ON
    runs_ok "cmake: run consumer, static" "$tmp/cm_static/consumer"
    check "cmake: static consumer has no libnd.so" sh -c "! ldd '$tmp/cm_static/consumer' | grep -q libnd"
    check "cmake: find_package(nd 99) is refused" sh -c "! cmake -S tests/consumer -B '$tmp/cm_v99' -Dnd_DIR='$cmdir' -DND_WANT_VERSION=99.0"
else
    fail "cmake not found (scripts/deps.sh check installs it)"
fi

# ---- a prefix with the default LIBDIR, moved elsewhere after install:
# pkg-config --define-prefix and CMake's search by prefix find it
p2=$tmp/p2
moved=$tmp/moved
mlib=$moved/lib
check "make install PREFIX=... (to be moved)" mk install PREFIX="$p2"
mv "$p2" "$moved"
export PKG_CONFIG_PATH="$mlib/pkgconfig"
check "moved prefix: pkg-config --define-prefix gives the new libdir" \
    test "$(pkg-config --define-prefix --variable=libdir nd)" = "$mlib"
check "moved prefix: build consumer, shared with rpath" sh -c "$CC $CSTD $src \$(pkg-config --define-prefix --cflags --libs nd) \
    -Wl,-rpath,$mlib -o '$tmp/moved_shared'"
runs_ok "moved prefix: run consumer, shared" "$tmp/moved_shared"
check "moved prefix: build consumer, static" sh -c "$CC $CSTD -static $src \$(pkg-config --define-prefix --static --cflags --libs nd) -o '$tmp/moved_static'"
runs_ok "moved prefix: run consumer, static" "$tmp/moved_static"
if command -v cmake >/dev/null 2>&1; then
    check "moved prefix: cmake consumer, shared" cmake_consumer cm_moved -DCMAKE_PREFIX_PATH="$moved" -DCMAKE_BUILD_RPATH="$mlib"
    runs_ok "moved prefix: run cmake consumer, shared" "$tmp/cm_moved/consumer"
    check "moved prefix: cmake consumer loads the moved $so" sh -c "ldd '$tmp/cm_moved/consumer' | grep -q '$so => $mlib/$so'"
    check "moved prefix: cmake consumer, static" cmake_consumer cm_moved_static -DCMAKE_PREFIX_PATH="$moved" -Dnd_USE_STATIC_LIBS=ON
    runs_ok "moved prefix: run cmake consumer, static" "$tmp/cm_moved_static/consumer"
fi
rm -rf "$moved"
export PKG_CONFIG_PATH="$libdir/pkgconfig"

check "make uninstall" mk uninstall PREFIX="$prefix" LIBDIR="$libdir"
left=""
for f in $files; do { [ -e "$f" ] || [ -L "$f" ]; } && left="$left $f"; done
check "uninstalled files gone" test -z "$left"
[ -n "$left" ] && echo "left behind:$left"

# ---- staged install: DESTDIR prefixes every path, nd.pc keeps the real ones
stage=$tmp/stage
real=/opt/libnd-install-test
check "make install DESTDIR=... PREFIX=..." mk install DESTDIR="$stage" PREFIX="$real"
missing=""
for f in include/nd.h include/nd.hpp lib/libnd.a lib/libnd.so.$VERSION lib/$so lib/libnd.so lib/pkgconfig/nd.pc \
         lib/cmake/nd/ndConfig.cmake; do
    [ -e "$stage$real/$f" ] || missing="$missing $f"
done
check "staged files present under DESTDIR" test -z "$missing"
check "staged nd.pc names the real prefix" grep -qx "prefix=$real" "$stage$real/lib/pkgconfig/nd.pc"
check "nothing written outside DESTDIR" test ! -e "$real"
check "make uninstall DESTDIR=..." mk uninstall DESTDIR="$stage" PREFIX="$real"
check "staged files gone" test -z "$(find "$stage" -type f -o -type l)"

stage_end

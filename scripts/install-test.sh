#!/bin/sh
# Installs libnd into temporary prefixes and uses it as a user would:
# builds tests/consumer/consumer.c through pkg-config, shared (with
# LD_LIBRARY_PATH and with an rpath) and fully static, runs each and checks
# its output; then uninstalls and checks the files are gone. A second round
# checks a staged install with DESTDIR. Prints "N passed, N failed" over its
# checks (and appends to $ND_TALLY). Needs B (the build folder) built.
B=${B:-build}
CC=${CC:-cc}
MAKE=${MAKE:-make}
VERSION=0.1.0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nd-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "[       OK ] $1"; }
fail() { failed=$((failed + 1)); echo "[  FAILED  ] $1"; [ -f "$tmp/log" ] && cat "$tmp/log"; }
check() {  # check NAME COMMAND...: passes when the command succeeds
    name=$1; shift
    if "$@" >"$tmp/log" 2>&1; then ok "$name"; else fail "$name"; fi
    rm -f "$tmp/log"
}
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
files="$prefix/include/nd.h $libdir/libnd.a $libdir/libnd.so.$VERSION $libdir/libnd.so.0
       $libdir/libnd.so $libdir/pkgconfig/nd.pc"
for h in include/nd/*.h; do [ -f "$h" ] && files="$files $prefix/$h"; done
check "make install PREFIX=... LIBDIR=..." mk install PREFIX="$prefix" LIBDIR="$libdir"
missing=""
for f in $files; do [ -e "$f" ] || missing="$missing $f"; done
check "installed files present" test -z "$missing"
[ -n "$missing" ] && echo "missing:$missing"
check "libnd.so.0 -> libnd.so.$VERSION" test "$(readlink -f "$libdir/libnd.so")" = "$(readlink -f "$libdir/libnd.so.$VERSION")"
check "soname is libnd.so.0" sh -c "readelf -d '$libdir/libnd.so.$VERSION' | grep -q 'SONAME.*libnd.so.0\]'"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
check "pkg-config --modversion nd" test "$(pkg-config --modversion nd 2>&1)" = "$VERSION"
check "pkg-config libdir" test "$(pkg-config --variable=libdir nd)" = "$libdir"

CSTD="-std=c11 -Wall -Wextra -Werror"
src=tests/consumer/consumer.c
# shared, found through LD_LIBRARY_PATH
check "build consumer, shared" sh -c "$CC $CSTD $src \$(pkg-config --cflags --libs nd) -o '$tmp/consumer_shared'"
runs_ok "run consumer, shared (LD_LIBRARY_PATH)" LD_LIBRARY_PATH="$libdir" "$tmp/consumer_shared"
check "shared consumer loads the installed libnd.so.0" \
    sh -c "LD_LIBRARY_PATH='$libdir' ldd '$tmp/consumer_shared' | grep -q 'libnd.so.0 => $libdir/libnd.so.0'"
# shared, found through an rpath
check "build consumer, shared with rpath" sh -c "$CC $CSTD $src \$(pkg-config --cflags --libs nd) \
    -Wl,-rpath,\$(pkg-config --variable=libdir nd) -o '$tmp/consumer_rpath'"
runs_ok "run consumer, shared (rpath)" "$tmp/consumer_rpath"
# static: nothing named by hand but what pkg-config --static gives
check "build consumer, static" sh -c "$CC $CSTD -static $src \$(pkg-config --static --cflags --libs nd) -o '$tmp/consumer_static'"
runs_ok "run consumer, static" "$tmp/consumer_static"
check "static consumer has no dynamic section" sh -c "! readelf -d '$tmp/consumer_static' | grep -q NEEDED"
# static again with a product and a LAPACK call, which pull in OpenBLAS,
# LAPACKE and the Fortran runtime (all named by pkg-config --static)
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
check "build linalg consumer, static" sh -c "$CC $CSTD -static '$tmp/linalg.c' \$(pkg-config --static --cflags --libs nd) -o '$tmp/linalg_static'"
check "run linalg consumer, static" sh -c "'$tmp/linalg_static' | grep -qx 'inv(A @ A)\[1,1\] = 0.25'"
check "static linalg consumer has no dynamic section" sh -c "! readelf -d '$tmp/linalg_static' | grep -q NEEDED"

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
for f in include/nd.h lib/libnd.a lib/libnd.so.$VERSION lib/libnd.so.0 lib/libnd.so lib/pkgconfig/nd.pc; do
    [ -e "$stage$real/$f" ] || missing="$missing $f"
done
check "staged files present under DESTDIR" test -z "$missing"
check "staged nd.pc names the real prefix" grep -qx "prefix=$real" "$stage$real/lib/pkgconfig/nd.pc"
check "nothing written outside DESTDIR" test ! -e "$real"
check "make uninstall DESTDIR=..." mk uninstall DESTDIR="$stage" PREFIX="$real"
check "staged files gone" test -z "$(find "$stage" -type f -o -type l)"

[ -n "$ND_TALLY" ] && echo "$passed $failed 0" >>"$ND_TALLY"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# docs.sh [--check]: the API reference, Doxygen over include/ (docs/Doxyfile)
# into $B/docs/html. With --check it is also a test stage of `make check`:
# Doxygen's warnings log must be empty (every public symbol, parameter and
# result documented), every public header must carry a @file block (without
# one Doxygen skips its functions silently), and every function the
# preprocessed nd.h declares, X-macro ones included, must have an entry in
# the HTML. Prints "N passed, N failed" (and appends to $ND_TALLY).
B=${B:-build}
VERSION=${VERSION:?set by the Makefile}
out=$B/docs
check=false
[ "$1" = --check ] && check=true
rm -rf "$out"
mkdir -p "$out"  # before Doxygen: it opens the warnings log first
if ! command -v doxygen >/dev/null 2>&1; then
    echo "doxygen not found; run:  sudo apt-get install -y doxygen"
    $check && { [ -n "$ND_TALLY" ] && echo "0 1 0" >>"$ND_TALLY"; echo "0 passed, 1 failed"; }
    exit 1
fi
ND_DOCS_OUT=$out ND_VERSION=$VERSION doxygen docs/Doxyfile
st=$?
if ! $check; then
    [ -s "$out/warnings.log" ] && cat "$out/warnings.log"
    [ $st -eq 0 ] && echo "API reference: $out/html/index.html"
    exit $st
fi

passed=0; failed=0
result() {  # result NAME OK(0/1) [DETAIL FILE]
    if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "[       OK ] $1"
    else failed=$((failed + 1)); echo "[  FAILED  ] $1"; [ -n "$3" ] && head -40 "$3"; fi
}
[ $st -eq 0 ] && [ -f "$out/html/index.html" ]
result "doxygen builds the HTML reference" $?
[ -f "$out/warnings.log" ] && [ ! -s "$out/warnings.log" ]
result "no Doxygen warnings (every public symbol documented)" $? "$out/warnings.log"
: >"$out/nofile"
for h in include/nd.h include/nd/*.h; do grep -q '@file' "$h" || echo "$h" >>"$out/nofile"; done
[ ! -s "$out/nofile" ]
result "every public header has a @file block" $? "$out/nofile"
# every declared function, as the compiler sees them, has a documented entry
${CC:-cc} -E -P -DND_API= -Iinclude include/nd.h | tr -s ' \n' ' ' | tr ';' '\n' |
    grep -oE '\bnd_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u >"$out/declared"
# (a documented member has a detailed entry, whose title is "name()")
cat "$out"/html/*.html | grep 'class="memtitle"' | grep -oE '\bnd_[a-z0-9_]+\(\)' | tr -d '()' |
    sort -u >"$out/documented"
comm -23 "$out/declared" "$out/documented" >"$out/missing"
[ -s "$out/declared" ] && [ ! -s "$out/missing" ]
result "each of the $(wc -l <"$out/declared") declared functions has a documented entry" $? "$out/missing"

[ -n "$ND_TALLY" ] && echo "$passed $failed 0" >>"$ND_TALLY"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

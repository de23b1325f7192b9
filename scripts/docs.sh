#!/bin/sh
# docs.sh [--check]: the API reference, Doxygen over include/ (docs/Doxyfile)
# into $B/docs/html. With --check it is also a test stage of `make check`:
# Doxygen's warnings log must be empty (every public symbol, parameter and
# result documented), every public header must carry a @file block (without
# one Doxygen skips its functions silently), and every function the
# preprocessed nd.h declares, X-macro ones included, must have an entry in
# the HTML; and README's tour and C++ example build and run. Prints "N passed, N failed" (and appends to $ND_TALLY).
B=${B:-build}
VERSION=${VERSION:?set by the Makefile}
out=$B/docs
check=false
[ "$1" = --check ] && check=true
rm -rf "$out"
mkdir -p "$out"  # before Doxygen: it opens the warnings log first
$check && . scripts/stage.sh
if ! command -v doxygen >/dev/null 2>&1; then
    echo "doxygen not found; run:  sudo apt-get install -y doxygen"
    $check && { fail "doxygen is installed"; stage_end; }
    exit 1
fi
ND_DOCS_OUT=$out ND_VERSION=$VERSION doxygen docs/Doxyfile
st=$?
if ! $check; then
    [ -s "$out/warnings.log" ] && cat "$out/warnings.log"
    [ $st -eq 0 ] && echo "API reference: $out/html/index.html"
    exit $st
fi

check "doxygen builds the HTML reference" test $st -eq 0 -a -f "$out/html/index.html"
# an empty log: every public symbol, parameter and result documented
check "no Doxygen warnings (every public symbol documented)" sh -c "[ -f '$out/warnings.log' ] && ! grep . '$out/warnings.log'"
nofile=""
for h in include/nd.h include/nd/*.h; do grep -q '@file' "$h" || nofile="$nofile $h"; done
check "every public header has a @file block" sh -c "[ -z '$nofile' ] || { echo 'no @file:$nofile'; false; }"
# every declared function, as the compiler sees them, has a documented entry
${CC:-cc} -E -P -DND_API= -Iinclude include/nd.h | tr -s ' \n' ' ' | tr ';' '\n' |
    grep -oE '\bnd_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u >"$out/declared"
# (a documented member has a detailed entry, whose title is "name()")
cat "$out"/html/*.html | grep 'class="memtitle"' | grep -oE '\bnd_[a-z0-9_]+\(\)' | tr -d '()' |
    sort -u >"$out/documented"
comm -23 "$out/declared" "$out/documented" >"$out/missing"
check "each of the $(wc -l <"$out/declared") declared functions has a documented entry" \
    sh -c "[ -s '$out/declared' ] && ! grep . '$out/missing'"
# README's programs as a reader would paste them: built against $B/libnd.a
# with -Werror and run (in $out, where the tour writes gram.npy)
readme_block() {  # readme_block HEADING LANG: the first LANG block under HEADING
    awk -v h="$1" -v l="$2" '$0 == h {f = 1; next} f && $0 == "```" l {g = 1; next}
        g && $0 == "```" {exit} g' README.md
}
readme_block "## A short tour" c >"$out/readme_tour.c"
readme_block "## C++" cpp >"$out/readme_cxx.cpp"
check "README's tour builds (C11, -Werror)" ${CC:-cc} -std=c11 -Wall -Wextra -Werror -Iinclude \
    "$out/readme_tour.c" -o "$out/readme_tour" "$B/libnd.a" $LIBS
check "README's tour runs" sh -c "cd '$out' && ./readme_tour"
check "README's C++ example builds (C++17, -Werror)" ${CXX:-g++} -std=c++17 -Wall -Wextra -Wpedantic \
    -Werror -Iinclude "$out/readme_cxx.cpp" -o "$out/readme_cxx" "$B/libnd.a" $LIBS
check "README's C++ example runs" "$out/readme_cxx"
stage_end

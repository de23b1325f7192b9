#!/bin/sh
# The public header on its own: nd.h as strict C11 (-pedantic -Werror) and
# tests/header/cxx_header.cpp as C++11, built against $B/libnd.a and run.
# Prints "N passed, N failed" over its checks (and appends to $ND_TALLY).
B=${B:-build}
CC=${CC:-cc}
CXX=${CXX:-g++}
CWARN="-pedantic -Wall -Wextra -Werror"
out="$B/header-test"
mkdir -p "$out"
stage_log="$out/log"
. scripts/stage.sh
check "nd.h alone as C11" $CC -std=c11 $CWARN -Wstrict-prototypes -fsyntax-only -x c include/nd.h
printf '#include "nd.h"\n#include "nd.h"\nint main(void) { return ND_OK; }\n' >"$out/twice.c"
check "nd.h included twice, C11" $CC -std=c11 $CWARN -Wstrict-prototypes -Iinclude "$out/twice.c" -o "$out/twice"
check "nd.h as C++11" $CXX -std=c++11 $CWARN -Iinclude tests/header/cxx_header.cpp \
    -o "$out/cxx_header" "$B/libnd.a" -lm -pthread
check "C++11 program runs" "$out/cxx_header"
stage_end

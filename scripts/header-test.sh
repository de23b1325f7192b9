#!/bin/sh
# The public header on its own: nd.h as strict C11 (-pedantic -Werror) and
# tests/header/cxx_header.cpp as C++11, built against $B/libnd.a and run;
# the C++17 layer nd.hpp with its cmocka tests (tests/cpp/test_hpp.cpp) under
# -Wpedantic, built and run.
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
check "nd.hpp as C++17" $CXX -std=c++17 -Wall -Wextra -Wpedantic -Werror -Iinclude \
    -fsyntax-only -x c++ include/nd.hpp
check "nd.hpp tests build (C++17)" $CXX -std=c++17 -O1 -g -Wall -Wextra -Wpedantic -Werror \
    -Iinclude tests/cpp/test_hpp.cpp -o "$out/test_hpp" "$B/libnd.a" $TEST_LIBS
check "nd.hpp tests pass" "$out/test_hpp"
stage_end

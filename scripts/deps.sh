#!/bin/sh
# deps.sh SET [BLAS]: checks for the Debian packages that SET needs.
#   build  what the library needs to build (a plain `make`): only checks, and
#          stops with the exact command to run when something is missing
#   demo   build, for `make demo`
#   check  build, plus what the test suite uses: cmocka, g++, cmake, doxygen,
#          clang with its sanitizer runtimes (the ASan+UBSan and TSan
#          stages), and python3-numpy and python3-mpmath (references for
#          tests and benchmarks only, never a dependency of the library)
#   docs   doxygen, for `make docs`
# demo, check and docs install what is missing (after apt-get update) when
# run as root; otherwise they print the exact command to run and stop.
# BLAS (openblas, the default, netlib or blis) names the CBLAS/LAPACK
# packages; any other BLAS is the caller's to provide.
set -e
set_=${1:-build}
blas=${2:-}
need=""
has_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" 2>/dev/null; }
if [ "$set_" != docs ]; then
    command -v make >/dev/null 2>&1 || need="$need make"
    command -v cc >/dev/null 2>&1 || need="$need gcc"
    command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
    case $blas in
        openblas) has_pc openblas || need="$need libopenblas-dev" ;;
        netlib) has_pc blas-netlib || need="$need libblas-dev"
                has_pc lapack-netlib || need="$need liblapack-dev" ;;
        blis) ma=$(cc -print-multiarch 2>/dev/null)
              [ -f "/usr/include/$ma/blis-openmp/cblas.h" ] || need="$need libblis-dev" ;;
    esac
    has_pc lapacke || need="$need liblapacke-dev"
    has_pc zlib || need="$need zlib1g-dev"
    # DLPack is one header and has no .pc file.
    [ -f /usr/include/dlpack/dlpack.h ] || need="$need libdlpack-dev"
fi
if [ "$set_" = check ]; then
    has_pc cmocka || need="$need libcmocka-dev"
    command -v g++ >/dev/null 2>&1 || need="$need g++"
    command -v cmake >/dev/null 2>&1 || need="$need cmake"
    /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need="$need python3-numpy"
    /usr/bin/python3 -c 'import mpmath' >/dev/null 2>&1 || need="$need python3-mpmath"
    if command -v clang >/dev/null 2>&1; then
        # the runtimes come apart from the compiler: link a program with each
        probe=$(mktemp "${TMPDIR:-/tmp}/nd-deps.XXXXXX")
        printf 'int main(void) { return 0; }\n' >"$probe.c"
        { clang -fsanitize=thread "$probe.c" -o "$probe" &&
          clang -fsanitize=address,undefined "$probe.c" -o "$probe"; } >/dev/null 2>&1 ||
            need="$need libclang-rt-14-dev"
        rm -f "$probe" "$probe.c"
    else
        need="$need clang libclang-rt-14-dev"
    fi
fi
if [ "$set_" = check ] || [ "$set_" = docs ]; then
    command -v doxygen >/dev/null 2>&1 || need="$need doxygen"
fi
[ -z "$need" ] && exit 0
if [ "$set_" != build ] && [ "$(id -u)" = 0 ]; then
    echo "installing:$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $need
else
    echo "missing packages; run:  sudo apt-get update && sudo apt-get install -y$need" >&2
    [ "$set_" = build ] && echo "(or, as root, \`make demo\` or \`make check\`, which install them)" >&2
    exit 1
fi

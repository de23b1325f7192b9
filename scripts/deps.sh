#!/bin/sh
# Checks for the Debian packages libnd builds, tests and benchmarks with;
# installs the missing ones (after apt-get update) when run as root,
# otherwise prints the exact command to run and stops.
set -e
need=""
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
pkg-config --exists cmocka 2>/dev/null || need="$need libcmocka-dev"
pkg-config --exists openblas 2>/dev/null || need="$need libopenblas-dev"
pkg-config --exists lapacke 2>/dev/null || need="$need liblapacke-dev"
pkg-config --exists zlib 2>/dev/null || need="$need zlib1g-dev"
# DLPack is one header and has no .pc file.
[ -f /usr/include/dlpack/dlpack.h ] || need="$need libdlpack-dev"
command -v g++ >/dev/null 2>&1 || need="$need g++"
# NumPy is a reference for tests and benchmarks only, never a dependency of
# the library; it is used through Debian's own python3.
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need="$need python3-numpy"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "installing:$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $need
else
    echo "missing packages; run:  sudo apt-get update && sudo apt-get install -y$need" >&2
    exit 1
fi

#!/bin/sh
# Checks for the Debian packages libnd builds and tests with; installs the
# missing ones when run as root, otherwise prints the command to run.
set -e
need=""
pkg-config --exists cmocka 2>/dev/null || need="$need libcmocka-dev"
pkg-config --exists openblas 2>/dev/null || need="$need libopenblas-dev"
pkg-config --exists lapacke 2>/dev/null || need="$need liblapacke-dev"
command -v pkg-config >/dev/null 2>&1 || need="pkg-config $need"
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

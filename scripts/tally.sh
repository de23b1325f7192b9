#!/bin/sh
# Adds up the "passed failed skipped" lines the stages of `make check` left
# in the tally file and prints the closing line; non-zero if any failed.
f="$1"
[ -f "$f" ] || { echo "0 passed, 1 failed"; exit 1; }
set -- $(awk '{p += $1; f += $2; s += $3} END {print p + 0, f + 0, s + 0}' "$f")
echo
if [ "$3" -gt 0 ]; then echo "$1 passed, $2 failed, $3 skipped"; else echo "$1 passed, $2 failed"; fi
[ "$2" -eq 0 ]

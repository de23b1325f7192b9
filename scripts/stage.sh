# Sourced by the shell stages of `make check` (header-test.sh, docs.sh,
# install-test.sh): counts checks, prints each as cmocka does, and closes
# with "N passed, N failed" (appended to $ND_TALLY for scripts/tally.sh).
# Set stage_log to a file a check's output goes to; it is shown on failure.
passed=0; failed=0
stage_log=${stage_log:-/dev/null}
ok()   { passed=$((passed + 1)); echo "[       OK ] $1"; }
fail() { failed=$((failed + 1)); echo "[  FAILED  ] $1"; [ -s "$stage_log" ] && head -60 "$stage_log"; }
check() {  # check NAME COMMAND...: passes when the command succeeds
    name=$1; shift
    if "$@" >"$stage_log" 2>&1; then ok "$name"; else fail "$name"; fi
    : >"$stage_log"
}
stage_end() {  # prints the closing line; fails when a check failed
    [ -n "$ND_TALLY" ] && echo "$passed $failed 0" >>"$ND_TALLY"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

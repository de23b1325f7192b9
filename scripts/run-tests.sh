#!/bin/sh
# Runs each cmocka test binary given, shows its output, and ends with one
# summary line counting test cases over all binaries ("N passed, N failed").
# A sanitizer report, or a binary that dies before cmocka's summary (a
# crash), counts as one more failed case. With ND_TALLY=file the counts are
# also appended there for scripts/tally.sh. Exits non-zero if anything failed.
export CMOCKA_MESSAGE_OUTPUT=STDOUT
passed=0; failed=0; skipped=0; bad=""
log=$(mktemp "${TMPDIR:-/tmp}/nd-test.XXXXXX")
for t in "$@"; do
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    # cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s),"
    # once per group; stdout and stderr may interleave, so no ^ anchor.
    p=$(grep -oE '\[  PASSED  \] [0-9]+ test' "$log" | awk '{s += $(NF-1)} END {print s + 0}')
    f=$(grep -oE '\[  FAILED  \] [0-9]+ test' "$log" | awk '{s += $(NF-1)} END {print s + 0}')
    s=$(grep -oE '\[  SKIPPED \] [0-9]+ test' "$log" | awk '{s += $(NF-1)} END {print s + 0}')
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$log"; then
        f=$((f + 1))  # a sanitizer report is a failure of its own
        echo "FAILED: $t: sanitizer report (exit status $rc)"
    elif grep -qE 'WARNING: AddressSanitizer failed to allocate' "$log"; then
        # a passing run must not look like a failing one: a test of a huge
        # allocation refuses it through an allocator hook (refuse_huge_alloc
        # in tests/nd_test_layouts.h), never by asking ASan's malloc
        f=$((f + 1))
        echo "FAILED: $t: asked ASan's allocator for a huge block (use an allocator hook)"
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "FAILED: $t exited with status $rc before reporting a failed test"
    elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
        p=1  # not a cmocka binary: judged by its exit status
    fi
    [ "$rc" -ne 0 ] && bad="$bad $t"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
rm -f "$log"
[ -n "$bad" ] && echo "failing binaries:$bad"
[ -n "$ND_TALLY" ] && echo "$passed $failed $skipped" >>"$ND_TALLY"
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ -z "$bad" ]

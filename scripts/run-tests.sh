#!/bin/sh
# Runs each test binary given, prints its output, and ends with one summary
# line; exits non-zero if any binary failed.
failed=0; passed=0
for t in "$@"; do
    if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t"; fi
done
echo "test programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

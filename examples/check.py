#!/usr/bin/python3
"""Runs the examples and compares what they print with the answers of
scikit-learn and NumPy committed in examples/data/expected.json (made by
examples/data/gen_reference.py). Run by `make check`:
    /usr/bin/python3 examples/check.py build/examples
Prints one line per check and "N passed, N failed" (and appends the counts
to $ND_TALLY, as the other stages do). Needs NumPy only."""
import json, os, re, subprocess, sys
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, "data", "expected.json")))
results = []

def check(name, ok, detail=""):
    results.append(ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else "  " + detail))

def run(bindir, name):
    p = subprocess.run([os.path.join(bindir, name)], capture_output=True, text=True, timeout=120)
    check(f"{name} runs", p.returncode == 0, p.stderr.strip())
    return p.stdout

def numbers_after(text, label):
    """The number after each 'label = ' in text, in order."""
    return [float(m) for m in re.findall(re.escape(label) + r" = (\S+)", text)]

def arrays_after(text, label):
    """The arrays (NumPy's repr, as nd_print writes it) after each 'label = '."""
    out = []
    for m in re.finditer(re.escape(label) + r" = (array\(.*?\))\n", text, re.S):
        out.append(eval(m.group(1), {"array": np.array, "int64": np.int64, "float64": np.float64,
                                     "float32": np.float32, "nan": np.nan, "inf": np.inf}))
    return out

def close(got, want, rtol, atol=0.0):
    return np.shape(got) == np.shape(want) and np.allclose(got, want, rtol=rtol, atol=atol)

# The examples print R^2, intercepts and inertia with 6 decimals: equal to
# the last digit printed. Arrays come with NumPy's 8 decimals.
PRINTED = 1e-6

def regression(bindir):
    out = run(bindir, "regression")
    want = expected["regression"]
    r2, b, w = numbers_after(out, "R^2 on the test rows"), numbers_after(out, "intercept"), arrays_after(out, "coef")
    for i, model in enumerate(["least squares", "ridge"]):
        ok = len(r2) > i and close(r2[i], want[i]["r2"], 0, PRINTED)
        check(f"regression: {model} R^2 as scikit-learn's", ok, f"{r2[i:i+1]} vs {want[i]['r2']}")
        ok = len(b) > i and close(b[i], want[i]["intercept"], 0, PRINTED)
        check(f"regression: {model} intercept as scikit-learn's", ok, f"{b[i:i+1]} vs {want[i]['intercept']}")
        ok = len(w) > i and close(w[i], want[i]["coef"], 1e-7)
        check(f"regression: {model} coefficients as scikit-learn's", ok, f"{w[i:i+1]} vs {want[i]['coef']}")

def kmeans(bindir):
    out = run(bindir, "kmeans")
    want = expected["kmeans"]
    inertia, labels = numbers_after(out, "best inertia"), arrays_after(out, "labels")
    ok = len(inertia) == 1 and close(inertia[0], want["inertia"], 0, PRINTED)
    check("kmeans: inertia as scikit-learn's", ok, f"{inertia} vs {want['inertia']}")
    # the same partition: cluster numbers may differ, so map ours onto theirs
    ok = False
    if len(labels) == 1 and len(labels[0]) == len(want["labels"]):
        pairs = set(zip(labels[0].tolist(), want["labels"]))
        ok = len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})
    check("kmeans: the same partition as scikit-learn's", ok)

def pca(bindir):
    out = run(bindir, "pca")
    want = expected["pca"]
    got = [eval(m, {"array": np.array}) for m in re.findall(r"^(array\(.*?\))\n", out, re.S | re.M)]
    names = ["mean", "singular values", "explained-variance ratio", "principal axes", "first scores"]
    for i, name in enumerate(names):
        ok = len(got) == len(names) and close(got[i], want[i], 1e-7, 1e-8)
        check(f"pca: {name} as NumPy's", ok, f"{got[i] if i < len(got) else None} vs {want[i]}")

bindir = sys.argv[1] if len(sys.argv) > 1 else "build/examples"
for f in (pca, regression, kmeans):
    try:
        f(bindir)
    except Exception as e:  # a crash or timeout is a failed check, not a traceback
        check(f"{f.__name__}: ran to the end", False, repr(e))
passed, failed = sum(results), len(results) - sum(results)
print(f"{passed} passed, {failed} failed")
if os.environ.get("ND_TALLY"):
    with open(os.environ["ND_TALLY"], "a") as t:
        t.write(f"{passed} {failed} 0\n")
sys.exit(1 if failed else 0)

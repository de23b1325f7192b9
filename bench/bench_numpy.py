#!/usr/bin/python3
"""NumPy's side of `make bench`: the same cases and sizes as the C side,
timed the same way (a warm-up, then the median of 11 repetitions).
Prints "case,numpy,median_s" lines, or a "# ..." note when NumPy is absent.
NumPy is a benchmark reference only, never a dependency of libnd."""
import sys
import timeit

try:
    import numpy as np
except ImportError:
    print("# numpy skipped: python3-numpy is not installed")
    sys.exit(0)

REPS = 11


def median(stmt, batch=1):
    stmt()  # warm-up
    times = sorted(t / batch for t in timeit.repeat(stmt, number=batch, repeat=REPS))
    return times[REPS // 2]


def emit(case, seconds):
    print(f"{case},numpy,{seconds:.9g}", flush=True)


def main():
    rng = np.random.default_rng(0)
    n = 16 * 1024 * 1024
    a = rng.uniform(-1, 1, n).astype(np.float32)
    b = rng.uniform(-1, 1, n).astype(np.float32)
    c = np.zeros(n, dtype=np.float32)
    emit("add_f32_16M", median(lambda: np.add(a, b, out=c)))
    emit("exp_f32_16M", median(lambda: np.exp(a, out=c)))
    del a, b, c

    m = rng.uniform(-1, 1, (2048, 2048)).astype(np.float32)
    v = rng.uniform(-1, 1, 2048).astype(np.float32)
    out = np.zeros((2048, 2048), dtype=np.float32)
    emit("add_bcast_row_2048", median(lambda: np.add(m, v, out=out)))
    emit("add_transposed_2048", median(lambda: np.add(m.T, m, out=out)))

    x = rng.uniform(-1, 1, 4).astype(np.float32)
    y = rng.uniform(-1, 1, 4).astype(np.float32)
    emit("add_tiny_4", median(lambda: x + y, batch=100000))
    print(f"# numpy {np.__version__} (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()

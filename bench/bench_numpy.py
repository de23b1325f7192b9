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
    del m, v, out

    # reductions (bench_reduce.c)
    a = rng.random(n, dtype=np.float32)
    s0 = np.zeros((), dtype=np.float32)
    emit("sum_f32_16M", median(lambda: np.sum(a, out=s0)))
    emit("argmax_f32_16M", median(lambda: np.argmax(a)))
    del a
    m = rng.random((2048, 2048), dtype=np.float32)
    r = np.zeros(2048, dtype=np.float32)
    emit("sum_axis0_2048", median(lambda: np.sum(m, axis=0, out=r)))
    emit("sum_axis1_2048", median(lambda: np.sum(m, axis=1, out=r)))
    c = np.zeros_like(m)
    emit("cumsum_axis0_2048", median(lambda: np.cumsum(m, axis=0, out=c)))
    emit("cumsum_axis1_2048", median(lambda: np.cumsum(m, axis=1, out=c)))
    del m, r, c
    t = rng.random((100000, 8), dtype=np.float32)
    r = np.zeros(100000, dtype=np.float32)
    emit("sum_axis1_100000x8", median(lambda: np.sum(t, axis=1, out=r)))
    del t, r
    cube = rng.random((500, 600, 700), dtype=np.float32)  # ~840 MB, once
    for ax in range(3):
        o = np.zeros([d for i, d in enumerate(cube.shape) if i != ax], dtype=np.float32)
        emit("sum_3d_axis%d" % ax, median(lambda ax=ax, o=o: np.sum(cube, axis=ax, out=o)))
    del cube

    # matrix products (bench_linalg.c)
    a = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    b = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    c = np.zeros((1024, 1024), dtype=np.float32)
    emit("matmul_f32_1024", median(lambda: np.matmul(a, b, out=c)))
    emit("matmul_f32_1024_tn", median(lambda: np.matmul(a.T, b, out=c)))
    b2 = rng.uniform(-1, 1, (512, 1024)).astype(np.float32)
    c2 = np.zeros((512, 1024), dtype=np.float32)
    emit("matmul_f32_strided", median(lambda: np.matmul(a[::2, ::2], b2, out=c2)))
    del a, b, c, b2, c2
    a = rng.uniform(-1, 1, (4096, 8, 8)).astype(np.float32)
    b = rng.uniform(-1, 1, (4096, 8, 8)).astype(np.float32)
    emit("matmul_f32_batched_4096x8x8", median(lambda: a @ b, batch=20))
    a = rng.uniform(-1, 1, (16, 16)).astype(np.float32)
    b = rng.uniform(-1, 1, (16, 16)).astype(np.float32)
    emit("matmul_f32_small_16", median(lambda: a @ b, batch=20000))
    del a, b

    # einsum (bench_linalg_einsum.c)
    a = rng.uniform(-1, 1, (64, 64, 64))
    b = rng.uniform(-1, 1, (64, 64, 64))
    emit("einsum_ijk_jkl_il", median(lambda: np.einsum("ijk,jkl->il", a, b), batch=2))
    print("einsum_ijk_jkl_il,numpy-opt,%.9g"
          % median(lambda: np.einsum("ijk,jkl->il", a, b, optimize=True), batch=10), flush=True)
    del a, b

    # sorting (bench_sort.c)
    a = rng.uniform(-1, 1, 10_000_000).astype(np.float32)
    emit("sort_f32_10M", median(lambda: np.sort(a)))
    del a

    # decompositions and solvers (bench_lapack.c), float64 512 x 512
    a = rng.uniform(-1, 1, (512, 512)) + 2 * np.eye(512)
    b = rng.uniform(-1, 1, (512, 512))
    emit("solve_f64_512", median(lambda: np.linalg.solve(a, b)))
    emit("svd_f64_512", median(lambda: np.linalg.svd(a)))
    s = (b + b.T) / 2
    emit("eigh_f64_512", median(lambda: np.linalg.eigh(s)))
    del a, b, s
    print(f"# numpy {np.__version__} (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()

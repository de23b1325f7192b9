#!/usr/bin/python3
"""Generates tests/data/lapack_cases.h: NumPy's answers for libnd's
decompositions, solvers, norm and cond (include/nd/linalg.h), for
tests/test_lapack.c and tests/test_norm.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_lapack.py

Each input is a logical array (dtype, shape, C-ordered values in
lc_pool), optionally broadcast (np.broadcast_to) to bshape. The C tests
rebuild it in several memory layouts (C, F, transposed, sliced, negative
strides); the values, and so NumPy's answer, do not depend on the layout.

Float inputs are multiples of 1/4 (1/16 after a product) of modest size, so
the float32 and float64 inputs hold the same values. NumPy computes float32
inputs in float64 and rounds the result; libnd computes them in float32,
so each case carries a tolerance scaled to the working dtype's epsilon, the
matrix size and, for solvers, the condition number.

Decompositions are compared on sign-independent quantities (cmp = 1):
|Q| and |R| for qr, |U| and |Vt| on the first min(M, N) singular vectors
for svd, |v| for eigh, eigenvalues sorted by (re, im) and |v| in that order
for eig; the C side adds identities (QR = A, U S Vt = A, A v = w v, ...).
Where NumPy raises, the case records the status and a substring of the
message libnd gives.
"""
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")
np.seterr(all="ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "lapack_cases.h")
L = np.linalg
ND = {"bool": "ND_BOOL", "int32": "ND_INT32", "int64": "ND_INT64", "uint8": "ND_UINT8",
      "float32": "ND_FLOAT32", "float64": "ND_FLOAT64"}

pool = []
inputs = []
cases = []
rng = np.random.default_rng(20261124)


def fmt(v):
    v = float(v)
    if np.isnan(v):
        return "NAN"
    if np.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    r = repr(v)
    return r if ("." in r or "e" in r) else r + ".0"


def add_values(arr):
    off = len(pool)
    pool.extend(np.asarray(arr, dtype=np.float64).ravel().tolist())
    return off


def add_input(arr, dtype, bshape=None):
    arr = np.asarray(arr).astype(dtype)
    off = add_values(arr)
    inputs.append((dtype, arr.shape, off, bshape))
    view = np.broadcast_to(arr, bshape) if bshape else arr
    return len(inputs) - 1, view


def work(*dts):
    return "float32" if all(np.dtype(d) == np.float32 for d in dts) else "float64"


def eps(dt):
    return float(np.finfo(dt).eps)


def qrand(shape, lo=-8, hi=9):
    return rng.integers(lo, hi, size=shape) / 4.0


def spd(n, batch=()):
    b = qrand(batch + (n, n))
    return b @ np.swapaxes(b, -1, -2) + n * np.eye(n)


def sym(n, batch=()):
    b = qrand(batch + (n, n))
    return (b + np.swapaxes(b, -1, -2)) / 2


def cond2(a):
    a = np.asarray(a, dtype=np.float64)
    if a.size == 0:
        return 1.0
    s = L.svd(a.reshape((-1,) + a.shape[-2:]), compute_uv=False)
    c = np.max(s[..., 0] / np.maximum(s[..., -1], 1e-300))
    return float(min(c, 1e8))


def mingap(w):
    """Smallest gap between distinct sorted eigen/singular values, relative."""
    w = np.sort(np.asarray(w, dtype=np.float64).reshape(-1, np.asarray(w).shape[-1]), axis=-1)
    if w.shape[-1] < 2:
        return 1.0
    return float(max(np.min(np.diff(w, axis=-1)), 1e-8))


def case(op, a, b=-1, outs=(), tol=0.0, cmp=0, status="ND_OK", msg=None, ord=None, flag=0,
         flag2=0, axes=None, param=-1.0, expr=""):
    """outs: list of (ndarray, dtype name) of expected results."""
    o = []
    for arr, dt in outs:
        arr = np.asarray(arr)
        o.append((dt, arr.shape, add_values(arr)))
    cases.append(dict(op=op, a=a, b=b, outs=o, tol=tol, cmp=cmp, status=status, msg=msg,
                      ord=ord, flag=int(flag), flag2=int(flag2), axes=axes, param=param,
                      expr=expr))


def err(op, a, b=-1, status="ND_ERR_LINALG", msg="", **kw):
    case(op, a, b, status=status, msg=msg, **kw)


def base_tol(dt, n, factor=1.0):
    return 4 * eps(dt) * max(n, 1) * factor


# ---------------------------------------------------------------- solve, inv, det, slogdet

def gen_solve():
    shapes = [  # a shape, b shape
        ((3, 3), (3,)), ((3, 3), (3, 2)), ((4, 4), (4, 5)), ((1, 1), (1,)), ((1, 1), (1, 3)),
        ((2, 3, 3), (2, 3)), ((2, 3, 3), (2, 3, 4)), ((2, 1, 3, 3), (1, 4, 3, 2)),
        ((4, 4), (2, 4, 3)), ((2, 3, 3), (1, 3)), ((0, 0), (0,)), ((0, 0), (0, 2)),
        ((2, 0, 0), (2, 0)), ((3, 3), (3, 0)), ((0, 4, 4), (0, 4)),
    ]
    for dt, bdt in [("float64", "float64"), ("float32", "float32"), ("int64", "int64"),
                    ("float32", "float64"), ("int32", "float32")]:
        for ash, bsh in shapes:
            n = ash[-1]
            av = qrand(ash) + 3 * np.eye(n) if n else np.zeros(ash)
            if dt.startswith("int"):
                av = rng.integers(-3, 4, ash) + 6 * np.eye(n, dtype=np.int64) if n else np.zeros(ash)
            bv = qrand(bsh) if not bdt.startswith("int") else rng.integers(-5, 6, bsh)
            ia, A = add_input(av, dt)
            ib, B = add_input(bv, bdt)
            w = work(dt, bdt)
            x = L.solve(A, B).astype(w)
            case("solve", ia, ib, [(x, w)], tol=base_tol(w, n, cond2(A)), expr="solve(a, b)")
    # a broadcast over a batch
    ia, A = add_input(qrand((3, 3)) + 3 * np.eye(3), "float64", bshape=(2, 3, 3))
    ib, B = add_input(qrand((2, 3, 2)), "float64")
    case("solve", ia, ib, [(L.solve(A, B), "float64")], tol=base_tol("float64", 3, cond2(A)))
    # errors
    ia, _ = add_input([[1.0, 2.0], [2.0, 4.0]], "float64")
    ib, _ = add_input([1.0, 1.0], "float64")
    err("solve", ia, ib, msg="nd_linalg_solve: singular matrix")
    ia32, _ = add_input([[1.0, 2.0], [2.0, 4.0]], "float32")
    ib32, _ = add_input([1.0, 1.0], "float32")
    err("solve", ia32, ib32, msg="singular matrix")
    ia, _ = add_input(np.eye(3), "float64")
    ib, _ = add_input(np.ones(4), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="does not fit a")
    ib, _ = add_input(np.ones((4, 2)), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="does not fit a")
    ib, _ = add_input(np.array(1.0), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="does not fit a")
    # no right-hand side: an empty result, even for a singular matrix (NumPy)
    ib, B = add_input(np.zeros((2, 0)), "float64")
    ia, A = add_input([[1.0, 2.0], [2.0, 4.0]], "float64")
    case("solve", ia, ib, outs=[(L.solve(A, B), "float64")], tol=0)
    ia, _ = add_input(np.ones((2, 3)), "float64")
    ib, _ = add_input(np.ones(2), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")
    ia, _ = add_input(np.ones((4, 2, 2)) + np.eye(2), "float64")
    ib, _ = add_input(np.ones((3, 2, 5)), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="could not be broadcast")
    ia, _ = add_input(np.ones(3), "float64")
    err("solve", ia, ib, status="ND_ERR_SHAPE", msg="1-dimensional array given")


def gen_inv_det():
    for dt in ["float64", "float32", "int64", "bool"]:
        for sh in [(3, 3), (4, 4), (2, 3, 3), (1, 1), (0, 0), (2, 0, 0), (2, 2, 2, 2), (6, 6)]:
            n = sh[-1]
            if dt == "bool":
                av = (rng.integers(0, 2, sh) | np.eye(n, dtype=np.int64)).astype(bool)
            elif dt == "int64":
                av = rng.integers(-4, 5, sh) + 5 * np.eye(n, dtype=np.int64)
            else:
                av = qrand(sh) + 2 * np.eye(n)
            ia, A = add_input(av, dt)
            w = work(dt)
            Af = A.astype(np.float64)
            sing = n and np.any(np.abs(L.det(Af)) < 1e-9)
            c = cond2(Af)
            if not sing:
                case("inv", ia, outs=[(L.inv(A).astype(w), w)], tol=base_tol(w, n, c))
            else:
                err("inv", ia, msg="nd_linalg_inv: singular matrix")
            case("det", ia, outs=[(np.asarray(L.det(A)).astype(w), w)], tol=base_tol(w, n, c))
            s, ld = L.slogdet(A)
            case("slogdet", ia, outs=[(np.asarray(s).astype(w), w), (np.asarray(ld).astype(w), w)],
                 tol=base_tol(w, n, c))
    # singular, exact zero pivot: det 0, slogdet (0, -inf)
    for dt in ["float64", "float32"]:
        ia, A = add_input([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]], dt)
        case("det", ia, outs=[(np.asarray(0.0), dt)], tol=0)
        case("slogdet", ia, outs=[(np.asarray(0.0), dt), (np.asarray(-np.inf), dt)], tol=0)
        err("inv", ia, msg="singular matrix")
    # libnd keeps det exact where NumPy's exp(log) is not: det([[5]]) = 5
    ia, A = add_input([[5.0]], "float64")
    case("det", ia, outs=[(np.asarray(5.0), "float64")], tol=0)
    # det beyond float64's range overflows in both; a small one underflows to 0
    ia, A = add_input(np.diag([1e200, 1e200, -1e10]), "float64")
    case("det", ia, outs=[(np.asarray(-np.inf), "float64")], tol=0)
    s, ld = L.slogdet(A)
    case("slogdet", ia, outs=[(np.asarray(s), "float64"), (np.asarray(ld), "float64")],
         tol=1e-14)
    ia, A = add_input(np.diag([1e200, 1e200, -1e-100]), "float64")
    case("det", ia, outs=[(np.asarray(-1e300), "float64")], tol=1e-14)
    s, ld = L.slogdet(A)
    case("slogdet", ia, outs=[(np.asarray(s), "float64"), (np.asarray(ld), "float64")],
         tol=1e-14)
    ia, A = add_input(np.diag([1e-200, 1e-200, 1e-100]), "float64")
    case("det", ia, outs=[(np.asarray(L.det(A)), "float64")], tol=0)
    ia, A = add_input(np.diag([1e-200, 1e-200, 1e100]), "float64")
    case("det", ia, outs=[(np.asarray(L.det(A)), "float64")], tol=1e-14)
    # products that overflow midway but not in the end
    ia, A = add_input(np.diag([1e300, 1e300, 1e-300, 1e-290]), "float64")
    case("det", ia, outs=[(np.asarray(1e10), "float64")], tol=1e-14)
    # NaN propagates
    ia, A = add_input([[1.0, np.nan], [3.0, 4.0]], "float64")
    case("det", ia, outs=[(np.asarray(np.nan), "float64")], tol=0)
    case("inv", ia, outs=[(np.full((2, 2), np.nan), "float64")], tol=0)
    ib, _ = add_input([1.0, 1.0], "float64")
    case("solve", ia, ib, outs=[(np.full(2, np.nan), "float64")], tol=0)
    for op in ["inv", "det", "slogdet"]:
        ia, _ = add_input(np.ones((2, 3)), "float64")
        err(op, ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")
        ia, _ = add_input(np.ones(3), "float64")
        err(op, ia, status="ND_ERR_SHAPE",
            msg="1-dimensional array given. Array must be at least two-dimensional")
    ia, _ = add_input(np.array([[1.0, 2.0], [3.0, 4.0]]), "float64", bshape=(3, 2, 2))
    case("inv", ia, outs=[(np.broadcast_to(L.inv([[1.0, 2.0], [3.0, 4.0]]), (3, 2, 2)), "float64")],
         tol=1e-13)


# ---------------------------------------------------------------- cholesky

def gen_cholesky():
    for dt in ["float64", "float32", "int64"]:
        for sh in [(4,), (3,), (1,), (0,), (2, 3), (6,)]:
            n, batch = sh[-1], sh[:-1]
            if dt == "int64":
                b = rng.integers(-2, 3, batch + (n, n))
                av = b @ np.swapaxes(b, -1, -2) + n * np.eye(n, dtype=np.int64)
            else:
                av = spd(n, batch)
            w = work(dt)
            c = cond2(av)
            for upper in (False, True):
                # garbage in the triangle that is not read
                g = av.astype(np.float64).copy()
                junk = np.triu(np.full((n, n), 7.5), 1)
                g = g + (junk.T if upper else junk)
                if dt == "int64":
                    g = g.astype(np.int64)
                ia, A = add_input(g, dt)
                Ls = L.cholesky(av.astype(np.float64))
                exp = np.swapaxes(Ls, -1, -2) if upper else Ls
                case("cholesky", ia, outs=[(exp.astype(w), w)], flag=upper,
                     tol=base_tol(w, n, np.sqrt(c)))
    ia, _ = add_input([[1.0, 2.0], [2.0, 1.0]], "float64")
    err("cholesky", ia, msg="nd_linalg_cholesky: matrix is not positive definite")
    err("cholesky", ia, msg="matrix is not positive definite", flag=1)
    ia, _ = add_input([[1.0, 2.0], [2.0, 1.0]], "float32")
    err("cholesky", ia, msg="matrix is not positive definite")
    # NaN is not caught by OpenBLAS's potrf: NaN results, as NumPy
    ia, A = add_input([[1.0, 0.0], [np.nan, 4.0]], "float64")
    case("cholesky", ia, outs=[(L.cholesky(A), "float64")], tol=0)
    ia, _ = add_input(np.stack([np.eye(2), -np.eye(2)]), "float64")
    err("cholesky", ia, msg="not positive definite")
    ia, _ = add_input(np.ones((2, 3)), "float64")
    err("cholesky", ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")


# ---------------------------------------------------------------- qr, svd

def gen_qr():
    modes = {0: "reduced", 1: "complete", 2: "r"}
    for dt in ["float64", "float32", "int64"]:
        for sh in [(4, 3), (3, 4), (3, 3), (2, 4, 3), (1, 1), (5, 1), (1, 5), (0, 3), (3, 0),
                   (2, 0, 0), (7, 5)]:
            av = qrand(sh) if dt != "int64" else rng.integers(-5, 6, sh)
            ia, A = add_input(av, dt)
            w = work(dt)
            m, n = sh[-2:]
            c = cond2(A)
            for mode, name in modes.items():
                if name == "r":
                    r = L.qr(A, mode="r")
                    outs = [(np.abs(r).astype(w), w)]
                else:
                    q, r = L.qr(A, mode=name)
                    outs = [(np.abs(q).astype(w), w), (np.abs(r).astype(w), w)]
                case("qr", ia, outs=outs, flag=mode, cmp=1, tol=base_tol(w, max(m, n), c))


def gen_svd():
    for dt in ["float64", "float32", "int64"]:
        for sh in [(4, 3), (3, 4), (3, 3), (2, 3, 2), (1, 1), (5, 1), (1, 4), (0, 3), (3, 0),
                   (2, 0, 0), (8, 6)]:
            av = qrand(sh) if dt != "int64" else rng.integers(-5, 6, sh)
            ia, A = add_input(av, dt)
            w = work(dt)
            m, n = sh[-2:]
            s = L.svd(A, compute_uv=False)
            gap = mingap(s) if s.size else 1.0
            vt = base_tol(w, max(m, n), max(1.0, float(np.max(s, initial=1.0)) / gap))
            for full in (True, False):
                u, s, v = L.svd(A, full_matrices=full)
                case("svd", ia, outs=[(np.abs(u).astype(w), w), (s.astype(w), w),
                                      (np.abs(v).astype(w), w)],
                     flag=full, flag2=1, cmp=1, tol=vt)
            case("svd", ia, outs=[(s.astype(w), w)], flag=1, flag2=0, tol=vt)
    # rank-deficient: singular values only (the vectors of a zero singular
    # value are not unique; the C side checks the identities)
    ia, A = add_input(np.outer([1.0, 2.0, -1.0, 0.5], [2.0, -1.0, 1.0]), "float64")
    case("svd", ia, outs=[(L.svd(A, compute_uv=False), "float64")], flag=0, flag2=0, tol=1e-13)
    case("svd", ia, outs=[(np.zeros((4, 4)), "float64"), (L.svd(A, compute_uv=False), "float64"),
                          (np.zeros((3, 3)), "float64")], flag=1, flag2=1, cmp=2, tol=1e-13)
    ia, A = add_input(np.array([[1.0, 2.0], [3.0, 4.0]]), "float64", bshape=(3, 2, 2))
    case("svd", ia, outs=[(L.svd(A, compute_uv=False), "float64")], tol=1e-14)
    ia, _ = add_input([[1.0, np.nan], [3.0, 4.0]], "float64")
    err("svd", ia, msg="nd_linalg_svd: SVD did not converge", flag=1, flag2=1)
    err("svd", ia, msg="SVD did not converge", flag=0, flag2=0)
    ia, _ = add_input([[1.0, np.inf], [3.0, 4.0]], "float64")
    case("svd", ia, outs=[(L.svd(np.array([[1.0, np.inf], [3.0, 4.0]]), compute_uv=False),
                           "float64")], tol=0)
    ia, _ = add_input(np.ones(3), "float64")
    err("svd", ia, status="ND_ERR_SHAPE", msg="1-dimensional array given", flag2=1)


# ---------------------------------------------------------------- eigh, eig

def gen_eigh():
    for dt in ["float64", "float32", "int64"]:
        for sh in [(4,), (3,), (1,), (0,), (2, 3), (6,)]:
            n, batch = sh[-1], sh[:-1]
            av = sym(n, batch) if dt != "int64" else rng.integers(-4, 5, batch + (n, n))
            if dt == "int64":
                av = av + np.swapaxes(av, -1, -2)
            w = work(dt)
            for upper in (False, True):
                g = av.astype(np.float64).copy()
                junk = np.triu(np.full((n, n), 9.25), 1)
                g = g + (junk.T if upper else junk)
                if dt == "int64":
                    g = g.astype(np.int64)
                ia, A = add_input(g, dt)
                ew, ev = L.eigh(A, UPLO="U" if upper else "L")
                gap = mingap(ew) if ew.size else 1.0
                nrm = float(np.max(np.abs(ew), initial=1.0))
                tol = base_tol(w, n, max(1.0, nrm / gap))
                case("eigh", ia, outs=[(ew.astype(w), w), (np.abs(ev).astype(w), w)], flag=upper,
                     cmp=1, tol=tol)
                case("eigvalsh", ia, outs=[(ew.astype(w), w)], flag=upper,
                     tol=base_tol(w, n, max(1.0, nrm)))
    ia, _ = add_input(np.ones((2, 3)), "float64")
    err("eigh", ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")
    err("eigvalsh", ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")
    # a NaN in the triangle read gives NaN results, as NumPy; in the other one it is ignored
    ia, A = add_input([[1.0, 2.0], [np.nan, 4.0]], "float64")
    case("eigvalsh", ia, outs=[(L.eigvalsh(A), "float64")], tol=0)
    case("eigvalsh", ia, outs=[(L.eigvalsh(A, UPLO="U"), "float64")], flag=1, tol=1e-15)


def sort_eig(wv, vv=None):
    """Sorts eigenpairs of each matrix by (re, im)."""
    wv = np.asarray(wv, dtype=np.complex128)
    idx = np.lexsort((wv.imag, wv.real), axis=-1)
    ws = np.take_along_axis(wv, idx, axis=-1)
    if vv is None:
        return ws, None
    vs = np.take_along_axis(np.asarray(vv, dtype=np.complex128), idx[..., None, :], axis=-1)
    return ws, vs


def gen_eig():
    mats = [
        ("float64", qrand((4, 4))), ("float32", qrand((4, 4))), ("int64", rng.integers(-5, 6, (3, 3))),
        ("float64", np.array([[1.0, 2.0, 0.0], [-2.0, 1.0, 0.0], [0.0, 0.0, 3.0]])),
        ("float64", np.array([[0.0, -1.0], [1.0, 0.0]])),
        ("float64", np.diag([3.0, 1.0, 2.0]) + np.triu(np.ones((3, 3)), 1)),
        ("float64", qrand((2, 3, 3))), ("float32", qrand((2, 2, 5, 5))),
        ("float64", np.zeros((0, 0))), ("float64", np.zeros((2, 0, 0))),
        ("float64", np.array([[2.5]])), ("int32", np.array([[2, 1], [1, 2]])),
        ("float64", qrand((7, 7))),
    ]
    for dt, av in mats:
        ia, A = add_input(av, dt)
        w = work(dt)
        n = av.shape[-1]
        ew, ev = L.eig(A)
        ews, evs = sort_eig(ew, ev)
        sep = 1.0
        if n > 1:
            d = np.abs(ews[..., :, None] - ews[..., None, :]) + np.eye(n) * 1e9
            sep = float(max(np.min(d), 1e-6))
        nrm = float(max(L.norm(A.astype(np.float64).reshape(-1, n, n), 2, axis=(-2, -1)).max(initial=1.0), 1.0)) if n else 1.0
        tol = base_tol(w, n, 4 * nrm / sep)
        case("eig", ia, outs=[(ews.real.astype(w), w), (ews.imag.astype(w), w),
                              (np.abs(evs).astype(w), w), (np.zeros(evs.shape), w)], cmp=1, tol=tol)
        case("eigvals", ia, outs=[(ews.real.astype(w), w), (ews.imag.astype(w), w)], cmp=1, tol=tol)
    ia, _ = add_input([[1.0, np.nan], [3.0, 4.0]], "float64")
    err("eig", ia, status="ND_ERR_VALUE", msg="nd_linalg_eig: array must not contain infs or NaNs")
    ia, _ = add_input([[1.0, np.inf], [3.0, 4.0]], "float32")
    err("eigvals", ia, status="ND_ERR_VALUE", msg="array must not contain infs or NaNs")
    ia, _ = add_input(np.ones((3, 2)), "float64")
    err("eig", ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square")


# ---------------------------------------------------------------- lstsq, pinv, matrix_rank

def gen_lstsq():
    setups = [
        ((5, 3), (5,)), ((5, 3), (5, 2)), ((3, 5), (3,)), ((3, 5), (3, 2)), ((4, 4), (4, 3)),
        ((1, 1), (1,)), ((6, 1), (6,)), ((0, 2), (0,)), ((0, 2), (0, 0)), ((3, 0), (3,)),
        ((3, 0), (3, 2)), ((3, 2), (3, 0)), ((8, 5), (8, 3)),
    ]
    for dt, bdt in [("float64", "float64"), ("float32", "float32"), ("int64", "int64"),
                    ("float32", "int64")]:
        for ash, bsh in setups:
            av = qrand(ash) if not dt.startswith("int") else rng.integers(-5, 6, ash)
            bv = qrand(bsh) if not bdt.startswith("int") else rng.integers(-5, 6, bsh)
            ia, A = add_input(av, dt)
            ib, B = add_input(bv, bdt)
            w = work(dt, bdt)
            rc = eps(w) * max(ash)
            x, res, rank, s = L.lstsq(A, B, rcond=rc)
            tol = base_tol(w, max(ash), cond2(A) ** 2)
            case("lstsq", ia, ib, outs=[(x.astype(w), w), (res.astype(w), w),
                                        (np.asarray(rank), "int64"), (s.astype(w), w)], tol=tol)
    # rank-deficient: minimum-norm solution, empty residuals
    ia, A = add_input(np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), "float64")
    ib, B = add_input(np.array([1.0, 2.0, 4.0]), "float64")
    x, res, rank, s = L.lstsq(A, B, rcond=None)
    case("lstsq", ia, ib, outs=[(x, "float64"), (res, "float64"), (np.asarray(rank), "int64"),
                                (s, "float64")], tol=1e-12)
    # an explicit rcond that cuts the second singular value
    ia, A = add_input(np.array([[1.0, 0.0], [0.0, 1e-3], [0.0, 0.0]]), "float64")
    ib, B = add_input(np.array([1.0, 1.0, 1.0]), "float64")
    x, res, rank, s = L.lstsq(A, B, rcond=1e-2)
    case("lstsq", ia, ib, outs=[(x, "float64"), (res, "float64"), (np.asarray(rank), "int64"),
                                (s, "float64")], param=1e-2, tol=1e-12)
    ia, _ = add_input(np.ones((3, 2)), "float64")
    ib, _ = add_input(np.ones(4), "float64")
    err("lstsq", ia, ib, status="ND_ERR_SHAPE", msg="Incompatible dimensions")
    ib, _ = add_input(np.ones((2, 3, 2)), "float64")
    err("lstsq", ia, ib, status="ND_ERR_SHAPE", msg="Array must be two-dimensional")
    ia3, _ = add_input(np.ones((2, 3, 2)), "float64")
    ib, _ = add_input(np.ones(3), "float64")
    err("lstsq", ia3, ib, status="ND_ERR_SHAPE", msg="Array must be two-dimensional")
    ia, _ = add_input([[1.0, 2.0], [3.0, np.nan], [5.0, 6.0]], "float64")
    err("lstsq", ia, ib, msg="SVD did not converge in Linear Least Squares")
    # NaN in b only: NaN solution, as NumPy
    ia, A = add_input(np.eye(2), "float64")
    ib, B = add_input([1.0, np.nan], "float64")
    x, res, rank, s = L.lstsq(A, B, rcond=None)
    case("lstsq", ia, ib, outs=[(x, "float64"), (res, "float64"), (np.asarray(rank), "int64"),
                                (s, "float64")], tol=0)


def pinv_rcond(w, m, n):
    """libnd's default: NumPy's 1e-15 for float64; float32, computed in
    float32 (NumPy computes it in float64), cuts at max(M, N) * eps."""
    return max(m, n) * eps("float32") if w == "float32" else 1e-15


def gen_pinv_rank():
    for dt in ["float64", "float32", "int64"]:
        for sh in [(4, 3), (3, 4), (3, 3), (2, 3, 2), (1, 1), (0, 3), (3, 0), (2, 0, 0), (6, 6)]:
            av = qrand(sh) if dt != "int64" else rng.integers(-5, 6, sh)
            ia, A = add_input(av, dt)
            w = work(dt)
            m, n = sh[-2:]
            exp = L.pinv(A, rcond=pinv_rcond(w, m, n)).astype(w)
            case("pinv", ia, outs=[(exp, w)], tol=base_tol(w, max(m, n), cond2(A) * 4))
            if A.size:
                case("matrix_rank", ia, outs=[(np.asarray(L.matrix_rank(A)), "int64")], tol=0)
            else:  # NumPy raises (max of an empty array); libnd says 0
                case("matrix_rank", ia, outs=[(np.zeros(sh[:-2], dtype=np.int64), "int64")], tol=0)
    # rank-deficient, zero and explicit tolerances
    for dt in ["float64", "float32"]:
        ia, A = add_input(np.outer([1.0, 2.0, -1.0, 0.5], [2.0, -1.0, 1.0]), dt)
        case("pinv", ia, outs=[(L.pinv(A, rcond=pinv_rcond(dt, 4, 3)).astype(dt), dt)],
             tol=base_tol(dt, 4, 10))
        case("matrix_rank", ia, outs=[(np.asarray(1), "int64")], tol=0)
    ia, A = add_input(np.zeros((3, 3)), "float64")
    case("pinv", ia, outs=[(np.zeros((3, 3)), "float64")], tol=0)
    case("matrix_rank", ia, outs=[(np.asarray(0), "int64")], tol=0)
    ia, A = add_input(np.diag([1.0, 1e-3, 1e-8]), "float64")
    case("matrix_rank", ia, outs=[(np.asarray(L.matrix_rank(A, tol=1e-4)), "int64")], param=1e-4, tol=0)
    case("matrix_rank", ia, outs=[(np.asarray(L.matrix_rank(A)), "int64")], tol=0)
    case("pinv", ia, outs=[(L.pinv(A, rcond=1e-4), "float64")], param=1e-4, tol=1e-12)
    ia, A = add_input(np.stack([np.eye(3), np.diag([1.0, 1.0, 0.0]), np.zeros((3, 3))]), "float64")
    case("matrix_rank", ia, outs=[(L.matrix_rank(A), "int64")], tol=0)
    for v in [[0.0, 0.0, 1.0], [0.0, 0.0], [np.nan]]:
        ia, A = add_input(np.array(v), "float64")
        case("matrix_rank", ia, outs=[(np.asarray(L.matrix_rank(A)), "int64")], tol=0)
    ia, A = add_input(np.array(0.0), "float64")
    case("matrix_rank", ia, outs=[(np.asarray(0), "int64")], tol=0)
    ia, A = add_input(np.array(2), "int32")
    case("matrix_rank", ia, outs=[(np.asarray(1), "int64")], tol=0)
    ia, _ = add_input([[1.0, np.nan], [3.0, 4.0]], "float64")
    err("pinv", ia, msg="SVD did not converge")
    err("matrix_rank", ia, msg="SVD did not converge")
    ia, _ = add_input(np.ones(3), "float64")
    err("pinv", ia, status="ND_ERR_SHAPE", msg="1-dimensional array given")


# ---------------------------------------------------------------- norm, cond

ORD_VALUES = {None: None, "fro": "fro", "nuc": "nuc", "inf": np.inf, "-inf": -np.inf}


def ord_value(o):
    return ORD_VALUES[o] if o in ORD_VALUES else float(o)


def gen_norm():
    vec_ords = [None, "1", "2", "inf", "-inf", "0", "3.5", "-1", "-2", "0.5"]
    mat_ords = [None, "fro", "nuc", "1", "-1", "2", "-2", "inf", "-inf"]
    for dt in ["float64", "float32", "int64", "bool"]:
        # 1-D, axis None
        v = qrand((7,)) if dt.startswith("float") else rng.integers(-5, 6, 7)
        if dt == "bool":
            v = rng.integers(0, 2, 7)
        v[2] = 0
        ia, A = add_input(v, dt)
        w = work(dt)
        for o in vec_ords:
            for kd in (False, True):
                r = L.norm(A, ord_value(o), keepdims=kd)
                case("norm", ia, outs=[(np.asarray(r).astype(w), w)], ord=o, flag=kd,
                     axes=None, tol=base_tol(w, 7))
        # 2-D, axis None and explicit axes
        mv = qrand((4, 3)) if dt.startswith("float") else rng.integers(-5, 6, (4, 3))
        if dt == "bool":
            mv = rng.integers(0, 2, (4, 3))
        ia, A = add_input(mv, dt)
        for o in mat_ords:
            for kd in (False, True):
                for axes in (None, (1, 0), (-2, -1)):
                    r = L.norm(A, ord_value(o), axis=axes, keepdims=kd)
                    case("norm", ia, outs=[(np.asarray(r).astype(w), w)], ord=o, flag=kd,
                         axes=axes, tol=base_tol(w, 4, 4))
        for o in vec_ords:
            for axis in (0, -1):
                r = L.norm(A, ord_value(o), axis=axis)
                case("norm", ia, outs=[(np.asarray(r).astype(w), w)], ord=o, axes=(axis,),
                     tol=base_tol(w, 4))
        # 3-D: vector norms along an axis, matrix norms over a pair
        cv = qrand((2, 3, 4)) if dt.startswith("float") else rng.integers(-5, 6, (2, 3, 4))
        if dt == "bool":
            cv = rng.integers(0, 2, (2, 3, 4))
        ia, A = add_input(cv, dt)
        for kd in (False, True):
            case("norm", ia, outs=[(np.asarray(L.norm(A, keepdims=kd)).astype(w), w)], flag=kd,
                 tol=base_tol(w, 24))
            for o in vec_ords:
                r = L.norm(A, ord_value(o), axis=1, keepdims=kd)
                case("norm", ia, outs=[(r.astype(w), w)], ord=o, axes=(1,), flag=kd,
                     tol=base_tol(w, 4))
            for o in mat_ords:
                for axes in ((2, 0), (0, 1), (-1, -2)):
                    r = L.norm(A, ord_value(o), axis=axes, keepdims=kd)
                    case("norm", ia, outs=[(r.astype(w), w)], ord=o, axes=axes, flag=kd,
                         tol=base_tol(w, 4, 4))
    # broadcast input, 0-d, empty
    ia, A = add_input(np.array([[3.0, -4.0], [1.0, 2.0]]), "float64", bshape=(3, 2, 2))
    for o in mat_ords:
        case("norm", ia, outs=[(L.norm(A, ord_value(o), axis=(1, 2)), "float64")], ord=o,
             axes=(1, 2), tol=1e-13)
    ia, A = add_input(np.array(-3.0), "float64")
    case("norm", ia, outs=[(np.asarray(3.0), "float64")], tol=0)
    err("norm", ia, status="ND_ERR_VALUE", msg="Improper number of dimensions to norm", ord="1")
    ia, A = add_input(np.zeros((0, 3)), "float64")
    case("norm", ia, outs=[(np.asarray(0.0), "float64")], tol=0)
    case("norm", ia, outs=[(np.asarray(0.0), "float64")], ord="nuc", tol=0)
    case("norm", ia, outs=[(np.asarray(0.0), "float64")], ord="1", tol=0)
    case("norm", ia, outs=[(np.zeros(3), "float64")], axes=(0,), tol=0)
    err("norm", ia, status="ND_ERR_VALUE", msg="zero-size", ord="2")
    # large values overflow in the sum of squares, as NumPy
    ia, A = add_input(np.array([1e200, 1e200]), "float64")
    case("norm", ia, outs=[(np.asarray(L.norm(A)), "float64")], tol=0)
    case("norm", ia, outs=[(np.asarray(L.norm(A, np.inf)), "float64")], ord="inf", tol=0)
    # errors
    ia, _ = add_input(np.ones(3), "float64")
    err("norm", ia, status="ND_ERR_VALUE", msg="Invalid norm order 'fro' for vectors", ord="fro")
    err("norm", ia, status="ND_ERR_VALUE", msg="Invalid norm order 'nuc' for vectors", ord="nuc")
    err("norm", ia, status="ND_ERR_VALUE", msg="invalid norm order 'abc'", ord="abc")
    ia, _ = add_input(np.ones((2, 3)), "float64")
    err("norm", ia, status="ND_ERR_VALUE", msg="Invalid norm order for matrices", ord="3")
    err("norm", ia, status="ND_ERR_VALUE", msg="Duplicate axes given", axes=(1, -1))
    err("norm", ia, status="ND_ERR_INDEX", msg="", axes=(0, 2))
    ia, _ = add_input(np.ones((2, 2, 2)), "float64")
    err("norm", ia, status="ND_ERR_VALUE", msg="Improper number of dimensions to norm", ord="1")
    err("norm", ia, status="ND_ERR_VALUE", msg="Improper number of dimensions to norm",
        axes=(0, 1, 2))
    ia, _ = add_input([[1.0, np.nan], [3.0, 4.0]], "float64")
    err("norm", ia, msg="SVD did not converge", ord="2")


def gen_cond():
    ords = [None, "2", "-2", "1", "-1", "inf", "-inf", "fro", "nuc"]
    for dt in ["float64", "float32", "int64"]:
        for sh in [(3, 3), (2, 4, 4), (1, 1)]:
            av = qrand(sh) + 2 * np.eye(sh[-1]) if dt != "int64" else \
                rng.integers(-3, 4, sh) + 5 * np.eye(sh[-1], dtype=np.int64)
            ia, A = add_input(av, dt)
            w = work(dt)
            c = cond2(A)
            for o in ords:
                r = np.asarray(L.cond(A, ord_value(o)))
                case("cond", ia, outs=[(r.astype(w), w)], ord=o,
                     tol=base_tol(w, sh[-1], c))
    # singular: inf (NumPy raises for "nuc": its NaN inverse fails the SVD)
    ia, A = add_input(np.array([[1.0, 2.0], [2.0, 4.0]]), "float64")
    for o in ["1", "fro", "inf", "-1", "-inf", "nuc"]:
        exp = np.inf if o == "nuc" else L.cond(A, ord_value(o))
        case("cond", ia, outs=[(np.asarray(exp), "float64")], ord=o, tol=0)
    ia, A = add_input(np.zeros((2, 2)), "float64")
    case("cond", ia, outs=[(np.asarray(np.inf), "float64")], tol=0)
    case("cond", ia, outs=[(np.asarray(np.inf), "float64")], ord="fro", tol=0)
    ia, A = add_input(np.stack([np.eye(2), np.array([[1.0, 2.0], [2.0, 4.0]])]), "float64")
    case("cond", ia, outs=[(L.cond(A, "fro"), "float64")], ord="fro", tol=1e-14)
    # non-square: 2-norm fine, others need a square matrix
    ia, A = add_input(np.ones((2, 3)) + np.eye(2, 3), "float64")
    case("cond", ia, outs=[(np.asarray(L.cond(A)), "float64")], tol=1e-13)
    case("cond", ia, outs=[(np.asarray(L.cond(A, -2)), "float64")], ord="-2", tol=1e-13)
    err("cond", ia, status="ND_ERR_SHAPE", msg="Last 2 dimensions of the array must be square",
        ord="fro")
    ia, A = add_input(np.array([[1.0, np.nan], [2.0, 4.0]]), "float64")
    case("cond", ia, outs=[(np.asarray(np.nan), "float64")], ord="fro", tol=0)
    err("cond", ia, msg="SVD did not converge")
    ia, _ = add_input(np.zeros((0, 0)), "float64")
    err("cond", ia, msg="cond is not defined on empty arrays")
    ia, _ = add_input(np.zeros((2, 0)), "float64")
    err("cond", ia, msg="cond is not defined on empty arrays", ord="fro")
    ia, _ = add_input(np.ones(3), "float64")
    err("cond", ia, status="ND_ERR_SHAPE", msg="1-dimensional array given")
    ia, A = add_input(np.ones((0, 2, 2)), "float64")
    case("cond", ia, outs=[(np.zeros(0), "float64")], ord="1", tol=0)


# ---------------------------------------------------------------- output

def cstr(s):
    return "NULL" if s is None else '"%s"' % s


def shape_init(shape):
    s = list(shape) + [0] * (4 - len(shape))
    return "{%s}" % ", ".join(str(int(v)) for v in s)


def main():
    gen_solve()
    gen_inv_det()
    gen_cholesky()
    gen_qr()
    gen_svd()
    gen_eigh()
    gen_eig()
    gen_lstsq()
    gen_pinv_rank()
    gen_norm()
    gen_cond()
    lines = []
    w = lines.append
    w("/* Linear algebra test cases: NumPy %s's answers." % np.__version__)
    w(" * Generated by tests/data/gen_lapack.py; do not edit by hand. */")
    w("")
    w("#ifndef ND_LAPACK_CASES_H")
    w("#define ND_LAPACK_CASES_H")
    w("")
    w("#include <math.h>")
    w("#include <stdint.h>")
    w("")
    w('#include "nd.h"')
    w("")
    w("/* An input: dtype and shape, C-ordered values at off in lc_pool, then")
    w(" * nd_broadcast_to(bshape) if bndim. */")
    w("typedef struct lc_input {")
    w("    nd_dtype dtype;")
    w("    int ndim;")
    w("    int64_t shape[4];")
    w("    int off;")
    w("    int bndim;")
    w("    int64_t bshape[4];")
    w("} lc_input;")
    w("")
    w("/* An expected result: dtype, shape, values at off in lc_pool. */")
    w("typedef struct lc_output {")
    w("    nd_dtype dtype;")
    w("    int ndim;")
    w("    int64_t shape[4];")
    w("    int off;")
    w("} lc_output;")
    w("")
    w("/* One call: op on inputs a (and b, or -1); ord for norm and cond; flag is")
    w(" * upper (cholesky, eigh), full_matrices (svd), the qr mode or keepdims")
    w(" * (norm); flag2 is compute_uv (svd); naxes/axes for norm (naxes")
    w(" * ND_ALL_AXES for axis=None); param is rcond (lstsq, pinv) or tol (matrix_rank), < 0 for")
    w(" * the default. On status ND_OK the outputs match within tol (relative to")
    w(" * max(1, |expected|)); cmp 1 compares the sign-free quantities described in")
    w(" * gen_lapack.py, cmp 2 only the singular values (the rest by identities).")
    w(" * Else the error has status and its message contains msg. */")
    w("typedef struct lc_case {")
    w("    const char *op;")
    w("    int a, b;")
    w("    const char *ord;")
    w("    int flag, flag2;")
    w("    int naxes;")
    w("    int axes[3];")
    w("    double param;")
    w("    nd_status status;")
    w("    const char *msg;")
    w("    int nout;")
    w("    lc_output out[4];")
    w("    double tol;")
    w("    int cmp;")
    w("} lc_case;")
    w("")
    w("static const double lc_pool[%d] = {" % max(len(pool), 1))
    for i in range(0, len(pool), 6):
        w("    " + ", ".join(fmt(v) for v in pool[i:i + 6]) + ",")
    w("};")
    w("")
    w("static const lc_input lc_inputs[%d] = {" % len(inputs))
    for dt, shape, off, bshape in inputs:
        bs = bshape or ()
        w("    {%s, %d, %s, %d, %d, %s}," % (ND[np.dtype(dt).name], len(shape), shape_init(shape),
                                              off, len(bs), shape_init(bs)))
    w("};")
    w("")
    w("static const lc_case lc_cases[%d] = {" % len(cases))
    for c in cases:
        axes = c["axes"]
        naxes = "ND_ALL_AXES" if axes is None else str(len(axes))
        ax = list(axes or ()) + [0] * (3 - len(axes or ()))
        outs = ", ".join("{%s, %d, %s, %d}" % (ND[dt], len(sh), shape_init(sh), off)
                         for dt, sh, off in c["outs"]) or "{ND_FLOAT64, 0, {0, 0, 0, 0}, 0}"
        w('    {"%s", %d, %d, %s, %d, %d, %s, {%d, %d, %d}, %s, %s, %s, %d, {%s}, %s, %d},' % (
            c["op"], c["a"], c["b"], cstr(c["ord"]), c["flag"], c["flag2"], naxes, ax[0], ax[1],
            ax[2], fmt(c["param"]), c["status"], cstr(c["msg"]), len(c["outs"]), outs,
            fmt(c["tol"]), c["cmp"]))
    w("};")
    w("")
    w("#endif")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    big = [(c["op"], c["tol"]) for c in cases if c["tol"] > 1e-3]
    if big:
        print("warning: loose tolerances:", big)
    print("wrote %s: %d cases, %d inputs, %d values" % (OUT, len(cases), len(inputs), len(pool)))


if __name__ == "__main__":
    main()

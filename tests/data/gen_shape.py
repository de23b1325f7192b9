#!/usr/bin/python3
"""Generates tests/data/shape_cases.h and tests/data/numeric_cases.h:
NumPy's answers for libnd's block, column_stack, flips, broadcast_arrays,
index conversions, index grids, diagonals and triangle indices
(include/nd/shape.h, for tests/test_shape.c), and for trapz, convolve,
correlate, interp, polyfit and polyval (include/nd/numeric.h, for
tests/test_numeric.c). The case format and the input pools are those of
tests/data/gen_sets.py (tests/nd_test_cases.h on the C side).

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_shape.py

Where libnd's documented semantics differ from NumPy 1.24's, the expected
answer is computed with NumPy in the documented way:
  - block's dtype is np.result_type of all the arrays (np.block of small
    arrays promotes list by list);
  - trapz converts y and x to the result's float dtype first (NumPy adds
    int8 values with wrap-around and bool values with logical or);
  - polyval computes in np.result_type(p, x) (NEP 50), with both cast.
Integer arguments of a case (iargs) are described at each generator.
"""
import os
import sys

import numpy as np

from gen_sets import DTYPES, Pools, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_SHAPE = os.path.join(HERE, "shape_cases.h")
OUT_NUMERIC = os.path.join(HERE, "numeric_cases.h")

SHAPE = lambda e: "ND_ERR_SHAPE"  # noqa: E731
VALUE = lambda e: "ND_ERR_VALUE"  # noqa: E731
INDEX = lambda e: "ND_ERR_INDEX"  # noqa: E731


def refuse():
    """A case NumPy answers and libnd refuses (as its header documents)."""
    raise ValueError("refused by libnd")


def fill(dt, shape, rng, lo=-9, hi=10):
    """Small distinct-ish values of dt (exact in every dtype)."""
    n = int(np.prod(shape))
    if dt == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    if np.dtype(dt).kind == "u":
        lo = 0
    v = rng.integers(lo, hi, n)
    if np.dtype(dt).kind == "f":
        v = v * 0.25
    return v.astype(dt).reshape(shape)


# ---------------------------------------------------------------- shape.h


def nest(arrs, depth, counts):
    """NumPy's nested lists from arrs and the counts, level by level."""
    if depth == 0:
        return arrs[0]
    at = 0
    nodes = [[]]  # level 0: the root list
    root = nodes[0]
    for l in range(depth):
        nxt = []
        for node in nodes:
            c = counts[at]
            at += 1
            for _ in range(c):
                child = [] if l < depth - 1 else None
                node.append(child)
                if child is not None:
                    nxt.append(child)
        nodes = nxt
    # fill the leaves in order
    it = iter(arrs)

    def put(lst):
        for i, x in enumerate(lst):
            if x is None:
                lst[i] = next(it)
            else:
                put(x)
    put(root)
    return root


def block_case(p, ids, depth, counts, label):
    arrs = [p.arr(i) for i in ids]

    def f():
        r = np.block(nest(arrs, depth, counts))
        return [np.asarray(r).astype(np.result_type(*[a.dtype for a in arrs]))]
    p.case("block", ids, [depth] + list(counts), "np.block(%s)" % label, f, status_map=SHAPE)


def gen_block(p, rng):
    for dt in DTYPES:
        A = p.input("A_" + dt, fill(dt, (2, 2), rng))
        B = p.input("B_" + dt, fill(dt, (2, 3), rng))
        C = p.input("C_" + dt, fill(dt, (1, 2), rng))
        D = p.input("D_" + dt, fill(dt, (1, 3), rng))
        a = p.input("a_" + dt, fill(dt, (2,), rng))
        b = p.input("b_" + dt, fill(dt, (3,), rng))
        s = p.input("s_" + dt, fill(dt, (), rng))
        block_case(p, [A, B, C, D], 2, [2, 2, 2], "[[A, B], [C, D]]")
        block_case(p, [a, b, s], 1, [3], "[a, b, s]")
        block_case(p, [A, B], 1, [2], "[A, B]")
        block_case(p, [A, C], 2, [2, 1, 1], "[[A], [C]]")
        block_case(p, [s, a, b], 2, [2, 2, 1], "[[s, a], [b]]")
        block_case(p, [A, D], 3, [2, 1, 1, 1, 1], "[[[A]], [[D]]]")
    # 3-D blocks, views, empty blocks, depth 0, mismatches, mixed dtypes
    P = p.input("P", fill("float64", (2, 1, 2), rng))
    Q = p.input("Q", fill("float64", (2, 1, 3), rng))
    R = p.input("R", fill("float64", (2, 2, 5), rng))
    block_case(p, [P, Q, R], 2, [2, 2, 1], "[[P, Q], [R]]")
    block_case(p, [P, P], 4, [1, 1, 1, 2], "[[[[P, P]]]]")
    base = fill("int32", (3, 4), rng)
    T = p.input("T", base, None, True)  # (4, 3)
    N = p.input("N", base, "::-1, ::-1")  # (3, 4)
    Bc = p.input("Bc", fill("int32", (1, 3), rng), None, False, (4, 3))
    S = p.input("S", base, "::2, 1:")  # (2, 3)
    block_case(p, [T, Bc, S, N], 2, [2, 2, 2], "[[T, Bc], [S, N]] (mismatch)")
    block_case(p, [T, Bc, N], 2, [2, 2, 1], "[[T, Bc], [N]] (mismatch)")
    block_case(p, [T, Bc], 2, [2, 1, 1], "[[T], [Bc]]")
    block_case(p, [N, S], 2, [1, 2], "[[N, S]] (mismatch)")
    E0 = p.input("E0", np.zeros((2, 0)))
    E1 = p.input("E1", fill("float64", (2, 3), rng))
    E2 = p.input("E2", np.zeros((0, 3), "int8"))
    block_case(p, [E0, E1], 1, [2], "[E0, E1]")
    block_case(p, [E1, E2], 2, [2, 1, 1], "[[E1], [E2]]")
    block_case(p, [E2, E2], 2, [2, 1, 1], "[[E2], [E2]]")
    block_case(p, [E1], 0, [], "E1")
    block_case(p, [s], 0, [], "s")
    block_case(p, [s], 1, [1], "[s]")
    block_case(p, [s, s], 3, [1, 1, 2], "[[[s, s]]]")
    m1 = p.input("m_int16", fill("int16", (1, 2), rng))
    m2 = p.input("m_uint16", fill("uint16", (1, 1), rng))
    m3 = p.input("m_float32", fill("float32", (1, 3), rng))
    m4 = p.input("m_uint64", fill("uint64", (1, 1), rng))
    m5 = p.input("m_bool", fill("bool", (1, 2), rng))
    m6 = p.input("m_int8", fill("int8", (1, 1), rng))
    block_case(p, [m1, m2, m3], 2, [2, 2, 1], "[[int16, uint16], [float32]]")
    block_case(p, [m5, m6, m2, m2, m1], 2, [2, 2, 3], "[[bool, int8], [uint16, uint16, int16]]")
    block_case(p, [m1, m4, m3], 2, [2, 2, 1], "[[int16, uint64], [float32]]")
    block_case(p, [m6, m4], 1, [2], "[int8, uint64]")


def gen_column_stack(p, rng):
    for dt in DTYPES:
        a = p.input("ca_" + dt, fill(dt, (3,), rng))
        b = p.input("cb_" + dt, fill(dt, (3, 2), rng))
        for ids, label in (([a, a], "(a, a)"), ([a, b], "(a, B)"), ([b, a, b], "(B, a, B)")):
            p.case("column_stack", ids, [], "np.column_stack(%s)" % label,
                   lambda ids=ids: [np.column_stack([p.arr(i) for i in ids])], status_map=SHAPE)
    z = p.input("cz", np.array(4.5))
    o = p.input("co", np.array([1.5]))
    t3 = p.input("ct3", fill("int16", (2, 2, 3), rng))
    t3b = p.input("ct3b", fill("uint8", (2, 1, 3), rng))
    tv = p.input("ctv", fill("float32", (3, 2), rng), None, True)  # (2, 3)
    nv = p.input("cnv", fill("float32", (4,), rng), "::-2")  # (2,)
    for ids, label in (([z, o], "(z, o)"), ([z], "(z,)"), ([t3, t3b], "(t3, t3b)"), ([tv, nv], "(tv, nv)"),
                       ([o, tv], "(o, tv) (mismatch)"), ([t3, tv], "(t3, tv) (mismatch)")):
        p.case("column_stack", ids, [], "np.column_stack(%s)" % label,
               lambda ids=ids: [np.column_stack([p.arr(i) for i in ids])], status_map=SHAPE)
    pa = p.input("cpa", fill("int8", (2,), rng))
    pb = p.input("cpb", fill("uint8", (2, 1), rng))
    p.case("column_stack", [pa, pb], [], "np.column_stack((int8, uint8))",
           lambda: [np.column_stack([p.arr(pa), p.arr(pb)])])


def gen_flips(p, rng):
    for dt in DTYPES:
        a = p.input("f_" + dt, fill(dt, (3, 4), rng))
        for op in ("flipud", "fliplr"):
            p.case(op, [a], [], "np.%s(%s)" % (op, p.name(a)), lambda op=op, a=a: [getattr(np, op)(p.arr(a))])
    for name, base, idx, tr, bs in (("v1", fill("float64", (5,), rng), None, False, None),
                                    ("vt", fill("int16", (2, 3, 4), rng), None, True, None),
                                    ("vn", fill("uint8", (4, 5), rng), "::-1, ::2", False, None),
                                    ("vb", fill("float32", (1, 3), rng), None, False, (2, 3)),
                                    ("v0", fill("float64", (), rng), None, False, None),
                                    ("ve", np.zeros((0, 2)), None, False, None)):
        a = p.input(name, base, idx, tr, bs)
        for op in ("flipud", "fliplr"):
            p.case(op, [a], [], "np.%s(%s)" % (op, name), lambda op=op, a=a: [getattr(np, op)(p.arr(a))])


def gen_broadcast_arrays(p, rng):
    shapes = [((3, 1), (1, 4)), ((2, 3), (3,)), ((), (2, 2)), ((4, 1, 2), (3, 1), (2,)), ((2, 0), (1, 1)),
              ((5,), (5,)), ((2, 3), (3, 2)), ((3,), (4,)), ((1,), ())]
    for k, shs in enumerate(shapes):
        ids = [p.input("ba%d_%d" % (k, j), fill(DTYPES[(k + 3 * j) % len(DTYPES)], sh, rng))
               for j, sh in enumerate(shs)]
        p.case("broadcast_arrays", ids, [], "np.broadcast_arrays(%s)" % ", ".join(str(s) for s in shs),
               lambda ids=ids: np.broadcast_arrays(*[p.arr(i) for i in ids]), status_map=SHAPE)
    v = p.input("bav", fill("int64", (3, 2), rng), None, True)  # (2, 3)
    w = p.input("baw", fill("float64", (3,), rng), "::-1")
    p.case("broadcast_arrays", [v, w], [], "np.broadcast_arrays(v.T, w[::-1])",
           lambda: np.broadcast_arrays(p.arr(v), p.arr(w)))
    z = p.input("ba_one", fill("uint8", (2,), rng))
    p.case("broadcast_arrays", [z], [], "np.broadcast_arrays(a)", lambda: np.broadcast_arrays(p.arr(z)))


def gen_unravel(p, rng):
    # iargs: order (0 C, 1 F), ndim, shape...
    for dt in ("int64", "int8", "uint16", "uint64", "int32", "bool"):
        idx = p.input("ui_" + dt, np.array([[0, 5], [23, 7]], dt) if dt != "bool" else np.array([True, False]))
        for shape in ((2, 3, 4), (24,), (4, 6), (3, 2, 2, 2)):
            for order in (0, 1):
                o = "CF"[order]
                p.case("unravel_index", [idx], [order, len(shape)] + list(shape),
                       "np.unravel_index(%s, %s, order='%s')" % (p.name(idx), shape, o),
                       lambda idx=idx, shape=shape, o=o: np.unravel_index(p.arr(idx), shape, order=o))
    v = p.input("ui_view", np.arange(12, dtype="int32").reshape(3, 4), "::-1, 1::2")
    p.case("unravel_index", [v], [0, 2, 3, 4], "np.unravel_index(v, (3, 4))",
           lambda: np.unravel_index(p.arr(v), (3, 4)))
    z = p.input("ui_zd", np.array(5, "int16"))
    p.case("unravel_index", [z], [1, 2, 2, 3], "np.unravel_index(5, (2, 3), order='F')",
           lambda: np.unravel_index(p.arr(z), (2, 3), order="F"))
    e = p.input("ui_empty", np.zeros((0, 2), "int64"))
    p.case("unravel_index", [e], [0, 2, 2, 3], "np.unravel_index(empty, (2, 3))",
           lambda: np.unravel_index(p.arr(e), (2, 3)))
    zero = p.input("ui_zero", np.array(0, "int64"))
    p.case("unravel_index", [zero], [0, 0], "np.unravel_index(0, ())", lambda: np.unravel_index(p.arr(zero), ()))
    for vals, shape, st in (([6], (2, 3), INDEX), ([-1], (2, 3), INDEX), ([0], (2, 0), INDEX), ([1], (), INDEX),
                            ([0], (2, -1), VALUE), ([1], (2 ** 40, 2 ** 40), lambda e: "ND_ERR_OVERFLOW")):
        i = p.input("ui_bad%d" % len(p.inputs), np.array(vals, "int64"))
        p.case("unravel_index", [i], [0, len(shape)] + list(shape), "np.unravel_index(%s, %s)" % (vals, shape),
               lambda i=i, shape=shape: np.unravel_index(p.arr(i), shape), status_map=st)
    f = p.input("ui_float", np.array([1.0]))
    p.case("unravel_index", [f], [0, 1, 3], "np.unravel_index([1.0], (3,))",
           lambda: np.unravel_index(p.arr(f), (3,)))


MODES = ["raise", "wrap", "clip"]


def gen_ravel(p, rng):
    # iargs: order, nmodes, modes..., dims...
    r = p.input("rm_r", np.array([[1, 0, 2], [3, 1, 0]], "int64"))
    c = p.input("rm_c", np.array([2, 5, 0], "int16"))
    cb = p.input("rm_cb", np.array([[-1], [4]], "int8"))
    for dims in ((4, 6), (5, 8)):
        for order in (0, 1):
            for modes in (["raise"], ["wrap"], ["clip"], ["wrap", "clip"], ["clip", "raise"]):
                md = tuple(modes) if len(modes) > 1 else modes[0]
                args = [order, len(modes)] + [MODES.index(m) for m in modes] + list(dims)
                for ids, label in (([r, c], "(r, c)"), ([r, cb], "(r, cb)")):
                    p.case("ravel_multi_index", ids, args,
                           "np.ravel_multi_index(%s, %s, mode=%s, order='%s')" % (label, dims, md, "CF"[order]),
                           lambda ids=ids, dims=dims, md=md, order=order: [np.ravel_multi_index(
                               [p.arr(i) for i in ids], dims, mode=md, order="CF"[order])],
                           status_map=lambda e: "ND_ERR_INDEX" if "invalid entry" in str(e) else "ND_ERR_SHAPE")
    for dt in ("uint8", "bool", "int32", "uint64"):
        a = p.input("rm_" + dt, np.array([1, 0, 1], dt))
        b = p.input("rm2_" + dt, np.array([[0], [1]], dt))
        p.case("ravel_multi_index", [a, b, a], [0, 1, 0, 2, 2, 3], "np.ravel_multi_index((a, b, a), (2, 2, 3))",
               lambda a=a, b=b: [np.ravel_multi_index((p.arr(a), p.arr(b), p.arr(a)), (2, 2, 3))])
    z1 = p.input("rm_z1", np.array(1))
    z2 = p.input("rm_z2", np.array(7))
    p.case("ravel_multi_index", [z1, z2], [1, 1, 1, 3, 4], "np.ravel_multi_index((1, 7), (3, 4), mode='wrap', order='F')",
           lambda: [np.ravel_multi_index((p.arr(z1), p.arr(z2)), (3, 4), mode="wrap", order="F")])
    p.case("ravel_multi_index", [], [0, 1, 0], "np.ravel_multi_index((), ())", lambda: [np.ravel_multi_index((), ())])
    e = p.input("rm_e", np.zeros((0,), "int64"))
    p.case("ravel_multi_index", [e, e], [0, 1, 0, 0, 3], "np.ravel_multi_index((e, e), (0, 3))",
           lambda: [np.ravel_multi_index((p.arr(e), p.arr(e)), (0, 3))])
    p.case("ravel_multi_index", [c], [0, 1, 0, 0], "np.ravel_multi_index((c,), (0,))",
           lambda: [np.ravel_multi_index((p.arr(c),), (0,))], status_map=INDEX)
    p.case("ravel_multi_index", [c], [0, 1, 1, 0], "np.ravel_multi_index((c,), (0,), mode='wrap')",
           lambda: [np.ravel_multi_index((p.arr(c),), (0,), mode="wrap")], status_map=VALUE)
    f = p.input("rm_f", np.array([1.0]))
    p.case("ravel_multi_index", [f], [0, 1, 0, 3], "np.ravel_multi_index(([1.0],), (3,))",
           lambda: [np.ravel_multi_index((p.arr(f),), (3,))])
    p.case("ravel_multi_index", [c, c], [0, 1, 0, 2 ** 40, 2 ** 40], "np.ravel_multi_index((c, c), (2**40, 2**40))",
           lambda: [np.ravel_multi_index((p.arr(c), p.arr(c)), (2 ** 40, 2 ** 40))],
           status_map=lambda e: "ND_ERR_OVERFLOW")
    bad = p.input("rm_bad", np.array([1, 2, 3, 4], "int64"))
    p.case("ravel_multi_index", [c, bad], [0, 1, 0, 9, 9], "np.ravel_multi_index((c, bad), (9, 9))",
           lambda: [np.ravel_multi_index((p.arr(c), p.arr(bad)), (9, 9))], status_map=SHAPE)


def gen_indices(p, rng):
    # iargs: dtype (index into DTYPES), ndim, dims...
    for k, dt in enumerate(DTYPES):
        for dims in ((2, 3), (4,), (2, 1, 3), (), (3, 0)):
            p.case("indices", [], [k, len(dims)] + list(dims), "np.indices(%s, dtype=%s)" % (dims, dt),
                   lambda dims=dims, dt=dt: [np.indices(dims, dtype=dt)])
            p.case("indices_sparse", [], [k, len(dims)] + list(dims),
                   "np.indices(%s, dtype=%s, sparse=True)" % (dims, dt),
                   lambda dims=dims, dt=dt: list(np.indices(dims, dtype=dt, sparse=True)))
    p.case("indices", [], [4, 2, 2, -1], "np.indices((2, -1))", lambda: [np.indices((2, -1))])
    # NumPy's sparse grids accept a negative length (as an empty axis): libnd refuses it
    p.case("indices_sparse", [], [4, 2, 2, -1], "np.indices((2, -1), sparse=True)", refuse, status_map=VALUE)


def gen_diag(p, rng):
    for dt in DTYPES:
        v = p.input("dv_" + dt, fill(dt, (3,), rng))
        m = p.input("dm_" + dt, fill(dt, (3, 4), rng))
        for k in (-4, -1, 0, 2, 5):
            p.case("diag", [v], [k], "np.diag(%s, %d)" % (p.name(v), k), lambda v=v, k=k: [np.diag(p.arr(v), k)])
            p.case("diag", [m], [k], "np.diag(%s, %d)" % (p.name(m), k), lambda m=m, k=k: [np.diag(p.arr(m), k)])
            p.case("diagflat", [m], [k], "np.diagflat(%s, %d)" % (p.name(m), k),
                   lambda m=m, k=k: [np.diagflat(p.arr(m), k)])
    for name, base, idx, tr, bs in (("dT", fill("float64", (3, 2), rng), None, True, None),
                                    ("dN", fill("int16", (5,), rng), "::-2", False, None),
                                    ("dB", fill("uint8", (1, 3), rng), None, False, (3, 3)),
                                    ("d0", fill("float32", (), rng), None, False, None),
                                    ("dE", np.zeros((0,)), None, False, None),
                                    ("d3", fill("int32", (2, 2, 2), rng), None, False, None)):
        a = p.input(name, base, idx, tr, bs)
        for k in (-1, 0, 1):
            p.case("diag", [a], [k], "np.diag(%s, %d)" % (name, k), lambda a=a, k=k: [np.diag(p.arr(a), k)])
            p.case("diagflat", [a], [k], "np.diagflat(%s, %d)" % (name, k), lambda a=a, k=k: [np.diagflat(p.arr(a), k)])


def gen_tri_indices(p):
    # iargs: n, k, m (-1: None)
    for n in (0, 1, 4, 5):
        for k in (-7, -2, -1, 0, 1, 3, 9):
            for m in (-1, 0, 3, 6):
                for op in ("tril_indices", "triu_indices"):
                    mm = None if m < 0 else m
                    p.case(op, [], [n, k, m], "np.%s(%d, %d, %s)" % (op, n, k, mm),
                           lambda op=op, n=n, k=k, mm=mm: list(getattr(np, op)(n, k, mm)))
    # NumPy reads a negative n as 0: libnd refuses it
    for op in ("tril_indices", "triu_indices"):
        p.case(op, [], [-2, 0, -1], "np.%s(-2)" % op, refuse, status_map=VALUE)


# ---------------------------------------------------------------- numeric.h


def ftol(k, r):
    if r.dtype.kind != "f":
        return 0.0, 0.0
    return (1e-5, 1e-6) if r.dtype == np.float32 else (1e-12, 1e-12)


def trapz_rt(y, x):
    pt = np.promote_types(y.dtype, x.dtype) if x is not None else y.dtype
    return np.float32 if pt == np.float32 else np.float64


def gen_trapz(p, rng):
    # iargs: axis, has_x; fargs: dx
    def add(y, x, dx, axis, label, status_map=None):
        Y = p.arr(y)
        X = p.arr(x) if x is not None else None

        def f():
            rt = trapz_rt(Y, X)
            if X is not None:
                n = Y.shape[axis] if Y.ndim else 0
                if not (X.ndim == 1 and X.shape[0] == n or X.ndim == Y.ndim and X.shape[axis] == n):
                    raise ValueError("x does not fit y")  # libnd's rule
                return [np.trapz(Y.astype(rt), X.astype(rt), axis=axis)]
            return [np.trapz(Y.astype(rt), dx=dx, axis=axis)]
        ins = [y] if x is None else [y, x]
        p.case("trapz", ins, [axis, int(x is not None)], label, f, fargs=[dx], status_map=status_map or SHAPE,
               tol=ftol)

    for dt in DTYPES:
        y = p.input("ty_" + dt, fill(dt, (3, 5), rng))
        x = p.input("tx_" + dt, np.sort(fill(dt, (5,), rng)))
        for axis in (-1, 0, 1):
            add(y, None, 0.5, axis, "np.trapz(%s, dx=0.5, axis=%d)" % (p.name(y), axis))
        add(y, x, 1.0, -1, "np.trapz(%s, x=%s)" % (p.name(y), p.name(x)))
    y = p.input("ty_big", (fill("int8", (4,), rng) * 0 + 100).astype("int8"))
    add(y, None, 1.0, 0, "np.trapz(int8 100s) (in float64)")
    yb = p.input("ty_bool", np.array([True, True, False, True]))
    add(yb, None, 1.0, 0, "np.trapz(bool) (as 0/1)")
    yu = p.input("tx_u8_dec", np.array([5, 3, 0, 1], "uint8"))
    add(yb, yu, 1.0, 0, "np.trapz(bool, x=decreasing uint8) (in float64)")
    y3 = p.input("ty3", fill("float64", (2, 3, 4), rng))
    x3 = p.input("tx3", np.cumsum(fill("float64", (2, 3, 4), rng, 1, 5), axis=1))
    xb = p.input("txb", np.cumsum(fill("float64", (1, 3, 1), rng, 1, 5), axis=1))
    for axis in (0, 1, 2, -2):
        add(y3, None, 0.25, axis, "np.trapz(y3, dx=0.25, axis=%d)" % axis)
    add(y3, x3, 1.0, 1, "np.trapz(y3, x3, axis=1)")
    add(y3, xb, 1.0, 1, "np.trapz(y3, xb (1, 3, 1), axis=1)")
    add(y3, x3, 1.0, 2, "np.trapz(y3, x3, axis=2)")
    f32 = p.input("ty_f32v", fill("float32", (6, 4), rng), "::-2, :", True)  # (4, 3)
    xi = p.input("tx_i16", np.array([0, 1, 3], "int16"))
    add(f32, xi, 1.0, 1, "np.trapz(f32 view, x=int16, axis=1)")
    add(f32, None, 0.1, 0, "np.trapz(f32 view, dx=0.1, axis=0)")
    xbc = p.input("tx_bc", np.array([0.0, 1.0, 4.0]), None, False, (4, 3))
    add(f32, xbc, 1.0, 1, "np.trapz(f32 view, x=broadcast, axis=1)")
    e = p.input("ty_e", np.zeros((2, 0)))
    add(e, None, 1.0, 1, "np.trapz(zeros((2, 0)))")
    add(e, None, 1.0, 0, "np.trapz(zeros((2, 0)), axis=0)")
    one = p.input("ty_1", np.ones((3, 1), "int32"))
    add(one, None, 1.0, 1, "np.trapz(ones((3, 1)))")
    z = p.input("ty_0d", np.array(2.0))
    add(z, None, 1.0, -1, "np.trapz(0-d)", status_map=INDEX)
    add(y3, None, 1.0, 3, "np.trapz(y3, axis=3)", status_map=INDEX)
    short = p.input("tx_short", np.array([0.0, 1.0]))
    add(y3, short, 1.0, 2, "np.trapz(y3, x=[0, 1]) (x too short)")
    x2 = p.input("tx_2d", np.ones((3, 4)))
    add(y3, x2, 1.0, 2, "np.trapz(y3, x=2-D of other ndim)")


CONV_MODES = ["full", "same", "valid"]


def gen_convolve(p, rng):
    # iargs: mode (0 full, 1 same, 2 valid)
    pairs = [(d, d) for d in DTYPES] + [("int8", "uint8"), ("int16", "float32"), ("bool", "int32"),
                                        ("uint64", "int64"), ("float32", "float64")]
    for da, db in pairs:
        for na, nv in ((5, 3), (3, 5), (4, 4), (1, 3), (6, 1), (2, 7)):
            a = p.input("ca_%s_%d" % (da, na), fill(da, (na,), rng))
            v = p.input("cv_%s_%d" % (db, nv), fill(db, (nv,), rng))
            for mode in range(3):
                for op in ("convolve", "correlate"):
                    p.case(op, [a, v], [mode], "np.%s(%s, %s, '%s')" % (op, p.name(a), p.name(v), CONV_MODES[mode]),
                           lambda op=op, a=a, v=v, mode=mode: [getattr(np, op)(p.arr(a), p.arr(v), CONV_MODES[mode])],
                           tol=ftol)
    # wrapping int8, views, 0-d
    a = p.input("cw_a", np.array([100, 120, -128, 7], "int8"))
    v = p.input("cw_v", np.array([3, -2, 127], "int8"))
    vv = p.input("cv_view", fill("float64", (9,), rng), "::-3")
    z = p.input("c_zd", np.array(2.5))
    bc = p.input("c_bc", np.array([1.5]), None, False, (4,))
    for mode in range(3):
        for op in ("convolve", "correlate"):
            for x, y, label in ((a, v, "int8 wrap"), (vv, a, "view, int8"), (z, vv, "0-d, view"),
                                (bc, v, "broadcast, int8")):
                # np.correlate refuses 0-d inputs, which libnd takes as
                # length 1 (as np.convolve does)
                p.case(op, [x, y], [mode], "np.%s(atleast_1d(%s), '%s')" % (op, label, CONV_MODES[mode]),
                       lambda op=op, x=x, y=y, mode=mode: [getattr(np, op)(np.atleast_1d(p.arr(x)), p.arr(y),
                                                                          CONV_MODES[mode])], tol=ftol)
    e = p.input("c_empty", np.zeros(0))
    m2 = p.input("c_2d", np.ones((2, 2)))
    for op in ("convolve", "correlate"):
        for x, y, label in ((e, v, "empty, v"), (v, e, "v, empty"), (m2, v, "2-D, v"), (v, m2, "v, 2-D")):
            p.case(op, [x, y], [0], "np.%s(%s)" % (op, label),
                   lambda op=op, x=x, y=y: [getattr(np, op)(p.arr(x), p.arr(y), "full")], status_map=VALUE)


def gen_interp(p, rng):
    # iargs: has_left, has_right, has_period; fargs: left, right, period
    def add(x, xp, fp, left=None, right=None, period=None, label="", status_map=None):
        args = [int(left is not None), int(right is not None), int(period is not None)]
        fargs = [left or 0.0, right or 0.0, period or 0.0]
        p.case("interp", [x, xp, fp], args, "np.interp(%s, left=%s, right=%s, period=%s)" % (label, left, right, period),
               lambda: [np.interp(p.arr(x), p.arr(xp), p.arr(fp), left, right, period)], fargs=fargs,
               status_map=status_map, tol=lambda k, r: (1e-13, 1e-13))

    xp = p.input("ixp", np.array([-1.0, 0.0, 0.5, 2.0, 4.0]))
    fp = p.input("ifp", np.array([3.0, -1.0, 0.25, 8.0, 8.0]))
    x = p.input("ix", np.array([[-2.0, -1.0, -0.5, 0.0], [0.25, 1.0, 2.0, 3.9], [4.0, 4.5, np.nan, 1e300]]))
    add(x, xp, fp, label="x, xp, fp")
    add(x, xp, fp, -7.5, 9.0, label="x, xp, fp")
    add(x, xp, fp, None, np.nan, label="x, xp, fp")
    for dt in ("int16", "float32", "uint8", "bool", "int64"):
        xi = p.input("ix_" + dt, fill(dt, (7,), rng, 0, 6))
        xpi = p.input("ixp_" + dt, np.array([0, 1, 3, 4], dt) if dt != "bool" else np.array([False, True]))
        fpi = p.input("ifp_" + dt, fill(dt, (4,), rng) if dt != "bool" else np.array([True, False]))
        add(xi, xpi, fpi, label="%s inputs" % dt)
    one_xp = p.input("ixp1", np.array([1.5]))
    one_fp = p.input("ifp1", np.array([-2.0]))
    add(x, one_xp, one_fp, label="x, [1.5], [-2]")
    add(x, one_xp, one_fp, 0.5, 7.0, label="x, [1.5], [-2]")
    infp = p.input("ifp_inf", np.array([0.0, np.inf, np.inf, -np.inf, 1.0]))
    add(x, xp, infp, label="x, xp, fp with infinities")
    # periodic
    pxp = p.input("pxp", np.array([190.0, -190.0, 350.0, -350.0]))
    pfp = p.input("pfp", np.array([5.0, 10.0, 3.0, 4.0]))
    px = p.input("px", np.array([-180.0, -170.0, -185.0, 185.0, -10.0, -5.0, 0.0, 5.0, 10.0, 720.0, -1e-20, np.nan]))
    add(px, pxp, pfp, period=360.0, label="px, pxp, pfp")
    add(px, pxp, pfp, 1.0, 2.0, -360.0, label="px, pxp, pfp")
    add(px, pxp, pfp, period=7.5, label="px, pxp, pfp")
    # views and 0-d
    vx = p.input("ivx", np.linspace(-2, 5, 12).reshape(3, 4), "::-1, ::2", True)
    vxp = p.input("ivxp", np.array([4.0, 2.0, 0.5, 0.0, -1.0, -1.5]), "::-1")
    vfp = p.input("ivfp", np.array([1.0, 2.0, 3.0, 5.0, 8.0, 13.0]), None, False, None)
    add(vx, vxp, vfp, label="views")
    zx = p.input("izx", np.array(0.75))
    add(zx, xp, fp, label="0-d x")
    ex = p.input("iex", np.zeros((0, 3)))
    add(ex, xp, fp, label="empty x")
    # errors
    e = p.input("iempty", np.zeros(0))
    add(x, e, e, label="empty xp", status_map=VALUE)
    add(x, xp, one_fp, label="lengths differ", status_map=SHAPE)
    m2 = p.input("i2d", np.ones((2, 2)))
    add(x, m2, m2, period=2.0, label="2-D xp", status_map=SHAPE)
    add(x, xp, fp, period=0.0, label="period 0", status_map=VALUE)


def polyfit_tol(k, r):
    return 1e-8, 1e-9


def gen_polyfit(p, rng):
    # iargs: deg, has_w
    xs = np.linspace(-1.5, 3.0, 9)
    ys = 0.5 * xs ** 3 - xs ** 2 + 2 * xs - 1 + rng.normal(0, 0.1, xs.size)
    x = p.input("px64", xs)
    y = p.input("py64", ys)
    y2 = p.input("py2", np.stack([ys, np.cos(xs), xs * 2], axis=1))
    w = p.input("pw", rng.uniform(0.5, 2.0, xs.size))
    for deg in (0, 1, 2, 3, 5, 8, 11):
        for ins, has_w, label in (([x, y], 0, "x, y"), ([x, y, w], 1, "x, y, w=w"), ([x, y2], 0, "x, Y2"),
                                  ([x, y2, w], 1, "x, Y2, w=w")):
            p.case("polyfit", ins, [deg, has_w], "np.polyfit(%s, %d)" % (label, deg),
                   lambda ins=ins, has_w=has_w, deg=deg: [np.polyfit(p.arr(ins[0]), p.arr(ins[1]), deg,
                                                                    w=p.arr(ins[2]) if has_w else None)],
                   tol=polyfit_tol)
    for dt in ("int32", "float32", "uint8", "int8"):
        xi = p.input("pfx_" + dt, np.array([0, 1, 2, 3, 4, 6], dt))
        yi = p.input("pfy_" + dt, np.array([1, 3, 2, 5, 4, 7], dt))
        for deg in (1, 2):
            p.case("polyfit", [xi, yi], [deg, 0], "np.polyfit(%s, %s, %d)" % (p.name(xi), p.name(yi), deg),
                   lambda xi=xi, yi=yi, deg=deg: [np.polyfit(p.arr(xi), p.arr(yi), deg)], tol=polyfit_tol)
    xf = p.input("pf32x", xs.astype("float32"))
    yf = p.input("pf32y", ys.astype("float32"))
    p.case("polyfit", [xf, yf], [3, 0], "np.polyfit(float32, float32, 3)",
           lambda: [np.polyfit(p.arr(xf), p.arr(yf), 3)], tol=polyfit_tol)
    p.case("polyfit", [xf, y], [3, 0], "np.polyfit(float32, float64, 3)",
           lambda: [np.polyfit(p.arr(xf), p.arr(y), 3)], tol=polyfit_tol)
    vx = p.input("pvx", xs[::-1].copy(), "::-1")
    vy = p.input("pvy", np.stack([ys, ys], axis=0), "0, :")
    p.case("polyfit", [vx, vy], [2, 0], "np.polyfit(views, 2)", lambda: [np.polyfit(p.arr(vx), p.arr(vy), 2)],
           tol=polyfit_tol)
    # errors (NumPy's TypeErrors are shape errors in libnd)
    m2 = p.input("p2d", np.ones((3, 3)))
    e = p.input("pempty", np.zeros(0))
    short = p.input("pshort", np.ones(4))
    typeerr = lambda e: "ND_ERR_SHAPE" if isinstance(e, TypeError) else "ND_ERR_VALUE"  # noqa: E731
    p.case("polyfit", [x, y], [-1, 0], "np.polyfit(x, y, -1)", lambda: [np.polyfit(p.arr(x), p.arr(y), -1)],
           status_map=VALUE)
    p.case("polyfit", [m2, m2], [1, 0], "np.polyfit(2-D, 2-D, 1)", lambda: [np.polyfit(p.arr(m2), p.arr(m2), 1)],
           status_map=typeerr)
    p.case("polyfit", [e, e], [1, 0], "np.polyfit(empty, empty, 1)", lambda: [np.polyfit(p.arr(e), p.arr(e), 1)],
           status_map=VALUE)
    p.case("polyfit", [x, short], [1, 0], "np.polyfit(x, short, 1)", lambda: [np.polyfit(p.arr(x), p.arr(short), 1)],
           status_map=typeerr)
    p.case("polyfit", [x, y, short], [1, 1], "np.polyfit(x, y, 1, w=short)",
           lambda: [np.polyfit(p.arr(x), p.arr(y), 1, w=p.arr(short))], status_map=typeerr)
    nan = p.input("pnan", np.array([0.0, np.nan, 1.0, 2.0]))
    p.case("polyfit", [nan, short], [1, 0], "np.polyfit(with NaN, 1)",
           lambda: [np.polyfit(p.arr(nan), p.arr(short), 1)], status_map=lambda e: "ND_ERR_LINALG")


def gen_polyval(p, rng):
    for dp in DTYPES:
        for dx in ("float64", "int16", "uint8", dp):
            pc = p.input("pp_%s" % dp, fill(dp, (4,), rng, -3, 4))
            xx = p.input("pxx_%s" % dx, fill(dx, (2, 3), rng, -3, 4))

            def f(pc=pc, xx=xx):
                P, X = p.arr(pc), p.arr(xx)
                rt = np.result_type(P.dtype, X.dtype)
                return [np.asarray(np.polyval(P.astype(rt), X.astype(rt))).astype(rt)]
            p.case("polyval", [pc, xx], [], "np.polyval(%s, %s) (in the promoted dtype)" % (p.name(pc), p.name(xx)),
                   f, tol=ftol)
    big = p.input("pv_big", np.array([100, 100, 100], "int8"))
    bx = p.input("pv_bx", np.array([3, -5, 7], "int8"))
    p.case("polyval", [big, bx], [], "np.polyval(int8 wrap)", lambda: [np.polyval(p.arr(big), p.arr(bx))])
    e = p.input("pv_e", np.zeros(0, "float32"))
    vx = p.input("pv_vx", np.linspace(-1, 1, 12).reshape(3, 4), "::-1, 1::2", True)
    zx = p.input("pv_zx", np.array(1.5))
    pf = p.input("pv_pf", np.array([2.0, -1.0, 0.5]), "::-1")
    for x in (vx, zx, bx):
        def f(x=x):
            P, X = p.arr(e), p.arr(x)
            rt = np.result_type(P.dtype, X.dtype)
            return [np.asarray(np.polyval(P.astype(rt), X.astype(rt))).astype(rt)]
        p.case("polyval", [e, x], [], "np.polyval([], %s)" % p.name(x), f, tol=ftol)
        p.case("polyval", [pf, x], [], "np.polyval(view, %s)" % p.name(x),
               lambda x=x: [np.polyval(p.arr(pf), p.arr(x))], tol=ftol)
    m2 = p.input("pv_2d", np.ones((2, 2)))
    p.case("polyval", [m2, zx], [], "np.polyval(2-D p, x) (libnd: p must be 1-D)",
           refuse, status_map=SHAPE)


def main():
    if not np.__version__.startswith("1.24"):
        print("warning: generated with NumPy %s, not 1.24" % np.__version__, file=sys.stderr)
    rng = np.random.default_rng(20240611)
    p = Pools()
    gen_block(p, rng)
    gen_column_stack(p, rng)
    gen_flips(p, rng)
    gen_broadcast_arrays(p, rng)
    gen_unravel(p, rng)
    gen_ravel(p, rng)
    gen_indices(p, rng)
    gen_diag(p, rng)
    gen_tri_indices(p)
    n = write(p, OUT_SHAPE, "Shape function test cases", "gen_shape.py", "ND_SHAPE_CASES_H")
    print("%d shape cases, %d inputs -> %s" % (n, len(p.inputs), OUT_SHAPE))
    q = Pools()
    rng = np.random.default_rng(20240612)
    gen_trapz(q, rng)
    gen_convolve(q, rng)
    gen_interp(q, rng)
    gen_polyfit(q, rng)
    gen_polyval(q, rng)
    n = write(q, OUT_NUMERIC, "Numeric function test cases", "gen_shape.py", "ND_NUMERIC_CASES_H")
    print("%d numeric cases, %d inputs -> %s" % (n, len(q.inputs), OUT_NUMERIC))


if __name__ == "__main__":
    main()

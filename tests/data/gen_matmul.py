#!/usr/bin/python3
"""Generates tests/data/matmul_cases.h: NumPy's answers for libnd's products
(matmul, dot, vdot, inner, outer, tensordot, kron, trace, matrix_power) on
inputs of every dtype, for tests/test_matmul.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_matmul.py

Each case records its inputs (logical values; the C test lays them out as
C order, F order, strided, reversed, transposed and row-strided views of
the same values, and a flagged input as a stride-0 broadcast of its first
row), the call's parameters, and NumPy's result: dtype, shape and values.
Float inputs are multiples of 2^-10 in [-1, 1] (exact in float32 and
short to write; tests/test_matmul.c checks rounding on random values
against a reference of its own). Integer and bool results are NumPy's own
and exact (integer overflow wraps, as NumPy's does). Float results come from the same call on the inputs
widened to long double, so they are closer to the true value than either
NumPy's or libnd's float32 answer; the case's tolerance is an absolute
bound scaled to the dtype's epsilon and the size of the sums:
    tol = 2 * (k + 2) * eps(dtype) * max(|a| @ |b|)
where k is the length of the contracted sums (a power's error grows with
each product, so matrix_power's bound is scaled by the number of products).
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "matmul_cases.h")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
ND = {d: "ND_" + d.upper() for d in DTYPES}
INTS = [d for d in DTYPES if d not in ("bool", "float32", "float64")]
FLOATS = ["float32", "float64"]

rng = np.random.default_rng(20240611)

ipool = []  # bool and integer values (uint64 as its bit pattern)
fpool = []  # float values (float32 ones exactly representable)
arrays = []  # (dtype, shape, pool offset, bcast)
cases = []


def add_array(x, bcast=False, short=False):
    """short: a float32 result, written with 10 significant digits (its
    tolerance is far wider)."""
    x = np.asarray(x)
    if x.dtype.kind == "f":
        off = len(fpool)
        fpool.extend(float("%.10g" % v) if short else float(v) for v in x.astype(np.float64).ravel())
    else:
        off = len(ipool)
        for v in x.ravel():
            v = int(v)
            if v >= 1 << 63:
                v -= 1 << 64
            ipool.append(v)
    arrays.append((str(x.dtype), x.shape, off, bcast))
    return len(arrays) - 1


def values(dt, shape, wide=False):
    """Random values of dtype dt; with wide, large enough that integer sums wrap."""
    n = int(np.prod(shape))
    if dt == "bool":
        v = rng.integers(0, 2, n).astype(bool)
    elif dt in FLOATS:  # multiples of 2^-10: exact in both, and short to write
        v = (rng.integers(-1024, 1024, n, endpoint=True) / 1024).astype(dt)
    else:
        info = np.iinfo(dt)
        if wide:
            lo, hi = int(info.min), int(info.max)
        else:
            lo, hi = max(int(info.min), -9), min(int(info.max), 9)
        v = rng.integers(lo, hi, n, dtype=np.int64 if dt != "uint64" else np.uint64,
                         endpoint=True).astype(dt)
    return v.reshape(shape)


def widen(x):
    return x.astype(np.longdouble) if x.dtype.kind == "f" else x


def tolerance(res_dtype, k, scale):
    if np.dtype(res_dtype).kind != "f":
        return 0.0
    eps = float(np.finfo(res_dtype).eps)
    return 2.0 * (k + 2) * eps * max(float(scale), 1e-300)


def add_case(fn, ins, params, label, k_len, scale_fn, npfn, bcast=(False, False), powers=1):
    """ins: input arrays; npfn(*inputs) is NumPy's call. The float answer is
    npfn on widened inputs; scale_fn(*abs inputs) bounds the sums."""
    res = npfn(*ins)
    res = np.asarray(res)
    if res.dtype.kind == "f":
        exact = np.asarray(npfn(*[widen(x) for x in ins]))
        vals = exact.astype(np.float64)
        scale = np.max(np.abs(np.asarray(scale_fn(*[np.abs(widen(x)) for x in ins]))),
                       initial=0.0)
        tol = tolerance(res.dtype, k_len, scale) * powers
    else:
        vals = res
        tol = 0.0
    ids = [add_array(x, b) for x, b in zip(ins, bcast)]
    out = add_array(vals.astype(res.dtype) if res.dtype.kind != "f" else vals.astype(np.float64),
                    short=res.dtype == np.float32)
    cases.append(dict(fn=fn, ins=ids, params=params, res_dtype=str(res.dtype), out=out,
                      tol=tol, label=label))


def bcast_rows(x):
    """x with every row equal to its first (so a stride-0 view along axis 0 holds it)."""
    return np.broadcast_to(x[:1], x.shape).copy()


# ---------------------------------------------------------------- matmul

def mm(a, b):
    return np.matmul(a, b)


def mm_scale(a, b):
    return np.matmul(a, b)


MM_SHAPES = [
    ((3, 4), (4, 5)), ((1, 1), (1, 1)), ((5,), (5,)), ((4,), (4, 3)), ((3, 4), (4,)),
    ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((2, 1, 3, 4), (3, 4, 2)),
    ((0, 3), (3, 4)), ((3, 0), (0, 4)), ((2, 0, 3), (3, 4)), ((3, 4), (4, 0)), ((0,), (0,)),
    ((2, 3, 0), (0, 2)),
]
for sa, sb in MM_SHAPES:
    for dt in DTYPES:
        a, b = values(dt, sa), values(dt, sb)
        k = sa[-1]
        add_case("matmul", [a, b], {}, "%s %s@%s" % (dt, sa, sb), k, mm_scale, mm)

# sizes that pick each kernel: small (register tiles, tails), BLAS gemm,
# gemv and dot, batches (folded into one product, or one per matrix)
MM_FLOAT_SHAPES = [
    ((8, 8), (8, 8)), ((16, 16), (16, 16)), ((5, 7), (7, 3)), ((9, 13), (13, 17)),
    ((2, 32), (32, 32)), ((40, 6), (6, 20)), ((5, 36), (36, 6)), ((9, 33), (33, 40)),
    ((1, 36), (36, 5)), ((5, 36), (36, 1)), ((40,), (40,)), ((36,), (36, 5)),
    ((5, 36), (36,)), ((3, 8, 8), (3, 8, 8)), ((4, 5, 6), (6, 7)), ((4, 3, 36), (36, 5)),
    ((2, 1, 5, 33), (3, 33, 4)), ((6, 1, 9), (9, 9)), ((2, 2, 3, 3), (2, 1, 3, 3)),
    ((37, 3), (3, 29)),
]
for sa, sb in MM_FLOAT_SHAPES:
    for dt in FLOATS + ["int32", "uint8", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        add_case("matmul", [a, b], {}, "%s %s@%s" % (dt, sa, sb), sa[-1], mm_scale, mm)

# stride-0 inputs: a's rows all equal, laid out as a broadcast of one row
for dt in ["float32", "float64", "int16", "bool"]:
    for sa, sb in [((6, 5), (5, 4)), ((5, 36), (36, 40)), ((4, 3, 5), (5, 2))]:
        a, b = bcast_rows(values(dt, sa)), values(dt, sb)
        add_case("matmul", [a, b], {}, "%s bcast %s@%s" % (dt, sa, sb), sa[-1], mm_scale, mm,
                 bcast=(True, False))
        a, b = values(dt, sa[-2:]), bcast_rows(values(dt, sb))
        add_case("matmul", [a, b], {}, "%s %s@bcast %s" % (dt, sa[-2:], sb), sa[-1], mm_scale,
                 mm, bcast=(False, True))

# integer wrapping and mixed dtypes
for dt in INTS:
    a, b = values(dt, (3, 9), wide=True), values(dt, (9, 4), wide=True)
    add_case("matmul", [a, b], {}, "%s wrap" % dt, 9, mm_scale, mm)
    a, b = values(dt, (2, 2, 40), wide=True), values(dt, (40, 5), wide=True)
    add_case("matmul", [a, b], {}, "%s wrap big" % dt, 40, mm_scale, mm)
MIXED = [("int8", "uint8"), ("int32", "float32"), ("bool", "int8"), ("uint64", "int64"),
         ("float32", "float64"), ("uint16", "int64"), ("bool", "float32"), ("int64", "float32")]
for da, db in MIXED:
    for sa, sb in [((3, 4), (4, 5)), ((2, 3, 36), (36, 33)), ((7,), (7, 2))]:
        a, b = values(da, sa), values(db, sb)
        add_case("matmul", [a, b], {}, "%s %s @ %s %s" % (da, sa, db, sb), sa[-1], mm_scale, mm)

# ---------------------------------------------------------------- dot, vdot, inner, outer


def dot_scale(a, b):
    return np.dot(a, b)


for sa, sb in [((3, 4), (4, 5)), ((2, 3, 4), (4,)), ((2, 3, 4), (5, 4, 6)), ((4,), (4, 5)),
               ((4,), (4,)), ((2, 0), (0, 3)), ((3, 40), (2, 40, 3)), ((50,), (50,))]:
    for dt in ["float32", "float64", "int16", "uint32", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        add_case("dot", [a, b], {}, "%s %s.%s" % (dt, sa, sb), sa[-1], dot_scale, np.dot)
for dt in ["float64", "int8", "bool"]:
    a, b = values(dt, ()), values(dt, (3, 2))
    add_case("dot", [a, b], {}, "%s 0-d.%s" % (dt, (3, 2)), 1, np.multiply, np.dot)
    add_case("dot", [b, a], {}, "%s %s.0-d" % (dt, (3, 2)), 1, np.multiply, np.dot)
a, b = values("int8", (3, 4)), values("float32", (4,))
add_case("dot", [a, b], {}, "int8.float32", 4, dot_scale, np.dot)

for sa, sb in [((2, 3), (3, 2)), ((6,), (2, 3)), ((0,), (0, 2)), ((4, 10), (40,))]:
    for dt in ["float32", "float64", "int8", "uint64", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        n = int(np.prod(sa))
        add_case("vdot", [a, b], {}, "%s %s.%s" % (dt, sa, sb), n,
                 lambda x, y: np.vdot(x, y), np.vdot)
a, b = values("int8", (2, 3), wide=True), values("uint8", (6,), wide=True)
add_case("vdot", [a, b], {}, "int8.uint8", 6, np.vdot, np.vdot)

for sa, sb in [((2, 3), (4, 3)), ((3,), (3,)), ((2, 3, 4), (5, 4)), ((4,), (2, 4)),
               ((2, 36), (3, 36))]:
    for dt in ["float32", "float64", "int32", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        add_case("inner", [a, b], {}, "%s %s.%s" % (dt, sa, sb), sa[-1], np.inner, np.inner)
a, b = values("float32", ()), values("float32", (2, 3))
add_case("inner", [a, b], {}, "0-d inner", 1, np.multiply, np.inner)

for sa, sb in [((3,), (4,)), ((2, 3), (2, 2)), ((0,), (3,)), ((1,), (1,))]:
    for dt in ["float32", "float64", "int8", "uint16", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        add_case("outer", [a, b], {}, "%s %s.%s" % (dt, sa, sb), 0, np.outer, np.outer)
a, b = values("int8", (3,)), values("uint8", (2,))
add_case("outer", [a, b], {}, "int8 outer uint8", 0, np.outer, np.outer)

# ---------------------------------------------------------------- tensordot, kron


def td(naxes, axes=None):
    def f(a, b):
        return np.tensordot(a, b, axes if axes is not None else naxes)
    return f


TD = [((2, 3, 4), (3, 4, 5), 2, None), ((3, 4, 5), (4, 3, 2), 2, ([1, 0], [0, 1])),
      ((2, 3), (4, 5), 0, None), ((3, 4), (4, 5), 1, None), ((2, 3, 4), (4, 3, 2), 1, ([2], [0])),
      ((2, 3, 4), (2, 3, 4), 3, None), ((4, 3, 2), (2, 5, 3), 2, ([-2, 2], [2, 0])),
      ((5, 34), (34, 3, 2), 1, None)]
for sa, sb, nax, axes in TD:
    for dt in ["float32", "float64", "int16", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        klen = int(np.prod([sa[i] for i in (axes[0] if axes else range(len(sa) - nax, len(sa)))])) if nax else 1
        p = {"naxes": nax}
        if axes:
            p["axes_a"], p["axes_b"] = axes
        add_case("tensordot", [a, b], p, "%s %s.%s axes %s" % (dt, sa, sb, axes or nax), klen,
                 td(nax, axes), td(nax, axes))

for sa, sb in [((2, 3), (2, 2)), ((3,), (2, 2)), ((2,), (2, 3, 2)), ((), (2, 2)), ((2, 2), ()),
               ((0, 2), (3,)), ((1, 1), (3, 2))]:
    for dt in ["float32", "float64", "int32", "bool"]:
        a, b = values(dt, sa), values(dt, sb)
        add_case("kron", [a, b], {}, "%s %s kron %s" % (dt, sa, sb), 0, np.kron, np.kron)
a, b = values("int8", (2, 2)), values("uint8", (2,))
add_case("kron", [a, b], {}, "int8 kron uint8", 0, np.kron, np.kron)

# ---------------------------------------------------------------- trace, matrix_power

for shape, off, ax1, ax2 in [((4, 5), 0, 0, 1), ((4, 5), 1, 0, 1), ((4, 5), -2, 0, 1),
                             ((4, 5), 10, 0, 1), ((2, 3, 4), 0, 1, 2), ((2, 3, 4), 1, 0, 2),
                             ((3, 3), 0, 1, 0), ((2, 3, 4), -1, -1, -3)]:
    for dt in ["float32", "float64", "int8", "uint8", "bool", "int64"]:
        a = values(dt, shape)
        p = {"offset": off, "axis1": ax1, "axis2": ax2}
        add_case("trace", [a], p, "%s %s trace(%d, %d, %d)" % (dt, shape, off, ax1, ax2),
                 max(shape), lambda x: np.trace(x, off, ax1, ax2),
                 lambda x, off=off, ax1=ax1, ax2=ax2: np.trace(x, off, ax1, ax2))

def mpow(n):
    """np.linalg.matrix_power; numpy.linalg has no long double inverse, so
    negative powers of widened inputs are taken in float64."""
    def f(x):
        if n < 0 and x.dtype == np.longdouble:
            x = x.astype(np.float64)
        return np.linalg.matrix_power(x, n)
    return f


def mpow_scale(n):
    """Bounds the sums: |a|^n for n > 0; the inverse's powers of the
    near-identity inputs used for n < 0 stay below 1."""
    def f(x):
        if n > 0:
            return np.linalg.matrix_power(x, n)
        return np.ones(x.shape)
    return f


for dt, shape, n in [("float64", (3, 3), 0), ("float64", (3, 3), 1), ("float64", (3, 3), 2),
                     ("float64", (3, 3), 3), ("float64", (3, 3), 5), ("float32", (4, 4), 6),
                     ("float64", (2, 3, 3), 4), ("int8", (3, 3), 5), ("int64", (3, 3), 7),
                     ("bool", (3, 3), 3), ("uint8", (2, 2, 2), 0), ("float32", (0, 0), 3),
                     ("float64", (3, 3), -1), ("float64", (3, 3), -3), ("int32", (3, 3), -1),
                     ("float32", (2, 4, 4), -2), ("float64", (34, 34), 3)]:
    a = values(dt, shape, wide=dt in ("int8", "int64"))
    if n < 0:  # well conditioned: near the identity
        if dt in FLOATS:
            a = (np.eye(shape[-1]) * 4 + values("float64", shape) / 2).astype(dt)
        else:
            a = np.eye(shape[-1], dtype=dt) * 3 + rng.integers(-1, 2, shape).astype(dt)
    # each product adds its rounding; an inverse adds its condition number
    products = max(1, 2 * abs(n).bit_length())
    add_case("matrix_power", [a], {"n": n}, "%s %s ** %d" % (dt, shape, n), shape[-1],
             mpow_scale(n), mpow(n), powers=products * (100 if n < 0 else 1))

# ---------------------------------------------------------------- output


def c_list(vals, per_line, fmt):
    out = []
    for i in range(0, len(vals), per_line):
        out.append("    " + ", ".join(fmt(v) for v in vals[i:i + per_line]) + ",")
    return "\n".join(out) if out else "    0,"


def fmt_i(v):
    if v == -(1 << 63):
        return "INT64_MIN"
    return str(v) if -(1 << 31) < v < (1 << 31) else "INT64_C(%d)" % v


def fmt_f(v):
    r = repr(float(v))
    if r in ("inf", "-inf", "nan"):
        return {"inf": "INFINITY", "-inf": "-INFINITY", "nan": "NAN"}[r]
    return r


def shape_c(shape):
    return "{" + ", ".join(str(s) for s in shape) + "}" if shape else "{0}"


lines = []
lines.append("""/* Product test cases: NumPy %s's answers for libnd's matrix products
 * (float results computed on long double inputs; see the tolerance rule).
 * Generated by tests/data/gen_matmul.py; do not edit by hand. */

#ifndef ND_MATMUL_CASES_H
#define ND_MATMUL_CASES_H

#include <math.h>
#include <stdint.h>

#include "nd.h"

/* An array: dtype, shape, offset of its C-order values in mm_fpool (float
 * dtypes) or mm_ipool (bool and integers, uint64 as its bit pattern).
 * bcast: every row (axis 0) equals the first, so the test may lay it out as
 * a stride-0 broadcast. */
typedef struct mm_arr {
    nd_dtype dtype;
    int ndim;
    int64_t shape[4];
    int off;
    int bcast;
} mm_arr;

/* One call: fn on arrays in[0..nin) with its parameters gives a result of
 * dtype res_dtype equal to array out (exactly for bool and integers, within
 * tol absolutely for floats). */
typedef struct mm_case {
    const char *fn;
    int nin;
    int in[2];
    int64_t offset; /* trace */
    int axis1, axis2;
    int naxes; /* tensordot: -1 for none given */
    int axes_a[4], axes_b[4];
    int has_axes;
    int64_t power; /* matrix_power */
    nd_dtype res_dtype;
    int out;
    double tol;
    const char *label;
} mm_case;
""" % np.__version__)
lines.append("static const int64_t mm_ipool[] = {\n%s\n};\n" % c_list(ipool, 16, fmt_i))
lines.append("static const double mm_fpool[] = {\n%s\n};\n" % c_list(fpool, 4, fmt_f))
lines.append("static const mm_arr mm_arrays[] = {")
for dt, shape, off, bc in arrays:
    lines.append("    {%s, %d, %s, %d, %d}," % (ND[dt], len(shape), shape_c(shape), off, int(bc)))
lines.append("};\n")
lines.append("static const mm_case mm_cases[] = {")
for c in cases:
    p = c["params"]
    axes_a = p.get("axes_a", [0])
    axes_b = p.get("axes_b", [0])
    lines.append('    {"%s", %d, {%s}, %d, %d, %d, %d, {%s}, {%s}, %d, %d, %s, %d, %s, "%s"},' % (
        c["fn"], len(c["ins"]), ", ".join(str(i) for i in c["ins"]) if c["ins"] else "0",
        p.get("offset", 0), p.get("axis1", 0), p.get("axis2", 1), p.get("naxes", -1),
        ", ".join(str(x) for x in axes_a), ", ".join(str(x) for x in axes_b),
        int("axes_a" in p), p.get("n", 0), ND[c["res_dtype"]], c["out"], repr(c["tol"]),
        c["label"].replace('"', "'")))
lines.append("};\n")
lines.append("#endif")
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print("wrote %s: %d cases, %d arrays, %d ints, %d floats" % (OUT, len(cases), len(arrays),
                                                              len(ipool), len(fpool)))

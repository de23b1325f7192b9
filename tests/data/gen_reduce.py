#!/usr/bin/python3
"""Generates tests/data/reduce_cases.h and tests/data/reduce_arg_cases.h:
NumPy's answers for libnd's reductions (include/nd/reduce.h), for
tests/test_reduce.c and tests/test_reduce_arg.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_reduce.py

Inputs are small arrays of every dtype (stored in the header), optionally
turned into views the way the C side does it: nd_view(base, index) (the
same string NumPy evaluates as base[index]), then a reversal of the axes
(a.T), then nd_broadcast_to. Each case names an input, the operation and
its arguments, and records NumPy's result (dtype, shape, values) or the
error libnd must report where NumPy raises.

Float inputs are multiples of 0.25 of magnitude at most 2, so sums and
minima are exact in any order of summation and the expected value is
compared exactly; products, means, variances and conversions get a
tolerance (rtol, atol: |got - want| <= atol + rtol * |want|). Integer
results are compared exactly as int64 (uint64 as its bit pattern), wrapped
the way NumPy wraps them.

The NaN-placement tables (rd_nanrows, ra_nanrows) cover 1-D lanes of length 1 to 48
(past every SIMD width) with no NaN, a NaN first, in the middle, last, two
NaNs, and only NaNs; the lane values are the formula nan_lane_value() in
both this script and the C tests.
"""
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reduce_cases.h")
OUT_ARG = os.path.join(HERE, "reduce_arg_cases.h")

warnings.simplefilter("ignore")
np.seterr(all="ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
ND = {d: "ND_" + d.upper() for d in DTYPES}
ALL = -1  # ND_ALL_AXES here; written to the header by name (c_naxes)
AXIS_NONE = "ND_AXIS_NONE"

FLOAT_SET = [-2.0, -1.5, -1.25, -1.0, -0.75, -0.5, 0.0, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0]


def dname(dt):
    return np.dtype(dt).name


# ---------------------------------------------------------------- pools


class Pools:
    def __init__(self):
        self.ipool, self.fpool = [], []
        self.inputs = []  # (name, dtype, shape, off, index, transpose, bshape, array)
        self.cases = []
        self.seen = {}  # identical runs of values share one offset

    def values(self, a):
        """Appends a's values (C order) to the pool of its dtype; the offset."""
        flat = np.ascontiguousarray(a).ravel()
        isf = flat.dtype.kind == "f"
        vals = [float(v) for v in flat] if isf else [int(v) for v in flat]
        key = (isf, tuple(repr(v) for v in vals))
        if key not in self.seen:
            pool = self.fpool if isf else self.ipool
            self.seen[key] = len(pool)
            pool.extend(vals)
        return self.seen[key]

    def input(self, name, base, index=None, transpose=False, bshape=None):
        assert base.ndim <= 4
        a = base
        if index is not None:
            a = eval("a[%s]" % index, {"a": a, "None": None})
        if transpose:
            a = a.T
        if bshape is not None:
            a = np.broadcast_to(a, bshape)
        off = self.values(base)
        self.inputs.append((name, dname(base.dtype), base.shape, off, index, transpose,
                            bshape, a))
        return len(self.inputs) - 1


# ---------------------------------------------------------------- inputs


def base_values(dt, shape, rng):
    n = int(np.prod(shape))
    if dt == "bool":
        return (rng.random(n) < 0.6).reshape(shape)
    k = np.dtype(dt).kind
    if k == "f":
        return rng.choice(np.array(FLOAT_SET), n).astype(dt).reshape(shape)
    info = np.iinfo(dt)
    v = rng.integers(int(info.min), int(info.max), n, dtype=dt, endpoint=True)
    v[rng.random(n) < 0.2] = 0  # zeros for all/any/count_nonzero and prod
    v[0] = info.max
    if n > 1:
        v[1] = info.min if k == "i" else 1
    return v.reshape(shape)


def nan_base(dt):
    """(4, 6): row 0 plain, row 1 NaN first, row 2 +inf and NaN last, row 3
    all NaN; -inf in row 0."""
    a = np.array([[1.5, -0.5, 2.0, -np.inf, 0.25, 1.0],
                  [np.nan, 1.0, -1.5, 0.5, 0.0, 2.0],
                  [0.75, np.inf, -2.0, 1.25, -1.0, np.nan],
                  [np.nan] * 6], dtype=dt)
    return a


def nan_base_no_inf(dt):
    """(3, 5) with NaNs scattered and no infinities (sums stay finite)."""
    return np.array([[1.5, np.nan, 2.0, -0.5, np.nan],
                     [-1.0, 0.5, np.nan, 1.25, 0.75],
                     [0.25, -2.0, 1.0, np.nan, -1.5]], dtype=dt)


# ---------------------------------------------------------------- operations

RED_OPS = ["sum", "prod", "mean", "var0", "var1", "std0", "std1", "min", "max", "all", "any",
           "count_nonzero", "nansum", "nanmean", "nanmin", "nanmax"]


def np_axis(naxes, axes):
    if naxes == ALL:
        return None
    return tuple(axes[:naxes])


def run_red(op, a, naxes, axes, keepdims, ddof=0.0, dt=None):
    ax = np_axis(naxes, axes)
    kw = {"axis": ax, "keepdims": keepdims}
    if op in ("sum", "prod", "mean", "min", "max", "all", "any", "nansum", "nanmean",
              "nanmin", "nanmax"):
        r = getattr(np, op)(a, **kw)
    elif op == "count_nonzero":
        r = np.count_nonzero(a, **kw)
        r = np.asarray(r, dtype=np.int64)
    elif op in ("var", "std"):
        r = getattr(np, op)(a, ddof=ddof, **kw)
    elif op in ("sum_dtype", "prod_dtype", "mean_dtype"):
        r = getattr(np, op[:-6])(a, dtype=dt, **kw)
    else:
        raise ValueError(op)
    return np.asarray(r)


def status_of(exc):
    name = type(exc).__name__
    if name == "AxisError":
        return "ND_ERR_INDEX"
    if isinstance(exc, ValueError):
        return "ND_ERR_VALUE"
    if isinstance(exc, TypeError):
        return "ND_ERR_DTYPE"
    raise exc


def tolerance(op, a, res_dt):
    """(rtol, atol) for a float result; integers are exact."""
    if res_dt.kind != "f":
        return 0.0, 0.0
    in_dt = a.dtype
    if in_dt.kind in "iu" and in_dt.itemsize >= 4 and op in ("mean", "nanmean", "sum_dtype",
                                                              "mean_dtype", "prod_dtype"):
        # wide integers convert to float inexactly and may cancel: the error
        # scales with the largest input, not with the result
        big = float(np.max(np.abs(a.astype(np.float64)))) if a.size else 0.0
        f32 = res_dt == np.float32
        eps = 1e-6 if f32 else 1e-14
        if op == "prod_dtype":
            return (1e-5 if f32 else 1e-13), 0.0
        return eps, eps * big * max(a.size, 1)
    f32 = res_dt == np.float32
    exact_in = in_dt.kind in "fb" or (in_dt.kind in "iu" and in_dt.itemsize <= 2)
    if op in ("min", "max", "nanmin", "nanmax", "sum", "nansum", "sum_dtype") and exact_in:
        return 0.0, 0.0
    if op in ("var", "std"):
        return (1e-5, 1e-6) if f32 else (1e-12, 1e-12)
    if op in ("prod", "prod_dtype"):
        return (1e-5, 0.0) if f32 else (1e-13, 0.0)
    # mean, nanmean, and sums of wide integers converted to float
    return (1e-6, 0.0) if f32 else (1e-13, 0.0)


def axes_label(naxes, axes):
    if naxes == ALL:
        return "None"
    if naxes == 0:
        return "()"
    return "(" + ", ".join(str(x) for x in axes[:naxes]) + ("," if naxes == 1 else "") + ")"


def add_red(p, op, inp, naxes, axes=(), keepdims=False, ddof=None, dt=None):
    axes = list(axes) + [0] * (3 - len(axes))
    name, in_dt, _, _, _, _, _, a = p.inputs[inp]
    base_op = op
    if op.startswith("var") or op.startswith("std"):
        if ddof is None:
            ddof = float(op[3:])
        base_op = op[:3]
    ddof = 0.0 if ddof is None else ddof
    args = "axis=%s" % axes_label(naxes, axes)
    if keepdims:
        args += ", keepdims=True"
    if base_op in ("var", "std") and ddof:
        args += ", ddof=%g" % ddof
    npname = {"sum_dtype": "sum", "prod_dtype": "prod", "mean_dtype": "mean"}.get(base_op, base_op)
    if dt is not None:
        args += ", dtype=np.%s" % dt
    expr = "np.%s(%s, %s)" % (npname, name, args)
    try:
        r = run_red(base_op, a, naxes, axes, keepdims, ddof, dt)
    except Exception as e:  # noqa: BLE001 - NumPy's refusal is the expected answer
        p.cases.append((base_op, inp, naxes, axes, keepdims, ddof, dt, status_of(e), None, expr))
        return
    p.cases.append((base_op, inp, naxes, axes, keepdims, ddof, dt, "ND_OK", r, expr))


AX3_FULL = [(ALL, ()), (0, ()), (1, (0,)), (1, (1,)), (1, (2,)), (1, (-1,)), (1, (-3,)),
            (2, (0, 1)), (2, (0, 2)), (2, (1, 2)), (2, (2, 0)), (2, (-1, 0)), (3, (0, 1, 2)),
            (3, (2, 1, 0))]
AX3_SHORT = [(ALL, ()), (1, (1,)), (2, (0, 2)), (0, ())]
AX3_KEEP = [(ALL, ()), (0, ()), (1, (1,)), (1, (-1,)), (2, (0, 2)), (3, (0, 1, 2))]


def gen_red(p, rng, bases):
    # every dtype on (3, 4, 5); the full axis matrix for a few
    for dt in DTYPES:
        inp = bases[dt]
        full = dt in ("float64", "float32", "int8", "bool")
        combos = [(n, ax, False) for n, ax in (AX3_FULL if full else AX3_SHORT)]
        combos += [(n, ax, True) for n, ax in (AX3_KEEP if full else [(ALL, ())])]
        for op in RED_OPS:
            for n, ax, k in combos:
                add_red(p, op, inp, n, ax, k)

    # several axes of a 4-D array, with kept axes between reduced ones
    for dt in ("float64", "int16"):
        inp = p.input("b4_" + dt, base_values(dt, (2, 3, 4, 5), rng))
        for op in RED_OPS:
            for n, ax in [(2, (0, 2)), (2, (1, 3)), (3, (0, 1, 3)), (2, (-1, -3)), (1, (3,)),
                          (3, (3, 0, 2))]:
                for k in ((False, True) if n == 3 else (False,)):
                    add_red(p, op, inp, n, ax, k)

    # views: non-contiguous, negative strides, broadcast (stride 0)
    views = [("T", None, True, None), ("neg", "::-1, 1:, ::2", False, None),
             ("negl", "..., ::-2", False, None), ("bc0", "1", False, (3, 4, 5)),
             ("bc1", ":, 0:1, :", False, (3, 4, 5)), ("mix", "::2, ::-1, 1:4", True, None)]
    for dt in ("float64", "float32", "int32", "bool", "uint8"):
        for vname, index, tr, bs in views:
            if dt == "uint8" and vname not in ("bc0", "neg"):
                continue
            name = "%s_%s" % (vname, dt)
            inp = p.input(name, p.inputs[bases[dt]][7], index, tr, bs)
            for op in RED_OPS:
                if op in ("var1", "std0", "std1"):
                    continue
                for n, ax, k in [(ALL, (), False), (1, (0,), False), (1, (2,), False),
                                 (2, (1, 2), True)]:
                    add_red(p, op, inp, n, ax, k)

    # NaN and infinities
    for dt in ("float32", "float64"):
        for name, arr in (("nan_" + dt, nan_base(dt)), ("nan2_" + dt, nan_base_no_inf(dt))):
            inp = p.input(name, arr)
            for op in RED_OPS:
                for n, ax, k in [(ALL, (), False), (1, (0,), False), (1, (1,), False),
                                 (1, (-1,), True), (0, (), False), (2, (1, 0), True)]:
                    add_red(p, op, inp, n, ax, k)

    # long lanes: the pairwise sum and the walker's row grouping
    for dt in ("float32", "float64", "int64"):
        for shape, combos in [((300,), [(ALL, ())]), ((130, 7), [(1, (0,)), (1, (1,)), (ALL, ())]),
                              ((3, 37, 11), [(2, (0, 1)), (2, (0, 2)), (1, (1,))])]:
            inp = p.input("long%d_%s" % (len(shape), dt), base_values(dt, shape, rng))
            for op in ("sum", "mean", "var1", "min", "max", "nansum", "count_nonzero"):
                for n, ax in combos:
                    add_red(p, op, inp, n, ax, False)

    # empty arrays
    for dt in ("float64", "int32", "bool"):
        for shape in ([(0,), (2, 0, 3), (0, 3)] if dt == "float64" else [(2, 0, 3)]):
            inp = p.input("empty%s_%s" % ("x".join(map(str, shape)), dt), np.zeros(shape, dt))
            nd = len(shape)
            combos = [(ALL, (), False), (ALL, (), True), (0, (), False)]
            combos += [(1, (d,), k) for d in range(nd) for k in (False, True)]
            if nd == 3:
                combos += [(2, (0, 2), False), (2, (1, 2), True), (2, (0, 1), False)]
            if dt != "float64":
                combos = [(ALL, (), False), (1, (1,), False), (2, (0, 2), False), (1, (1,), True)]
            for op in RED_OPS:
                for n, ax, k in combos:
                    add_red(p, op, inp, n, ax, k)

    # 0-d arrays
    for dt, v in (("float64", 2.5), ("int8", -7), ("bool", True), ("uint64", 2**64 - 1),
                  ("float32", np.nan)):
        inp = p.input("zd_" + dt, np.array(v, dtype=dt))
        for op in RED_OPS:
            for n, ax, k in [(ALL, (), False), (ALL, (), True), (0, (), False), (0, (), True),
                             (1, (0,), False), (1, (-1,), False)]:
                add_red(p, op, inp, n, ax, k)

    # var and std with ddof up to and past the count
    for dt in ("float64", "float32", "int16"):
        inp = bases[dt]
        for op in ("var", "std"):
            for ddof in (0.5, 2.0, 3.0, 4.0, 5.0, 60.0, 61.0):
                for n, ax in [(1, (0,)), (1, (2,)), (ALL, ())]:
                    add_red(p, op, inp, n, ax, False, ddof=ddof)
    inp = p.input("const_f64", np.full((2, 3), 1.25))
    for op in ("var", "std"):
        for ddof in (0.0, 1.0, 2.0, 3.0):
            add_red(p, op, inp, 1, (0,), False, ddof=ddof)

    # the dtype argument
    for op, pairs in [
        ("sum_dtype", [("int8", "int8"), ("int8", "float32"), ("bool", "int32"), ("bool", "bool"),
                       ("float64", "int32"), ("float32", "float64"), ("uint8", "uint8"),
                       ("int32", "int16"), ("uint16", "int64"), ("int64", "float64"),
                       ("float64", "uint8"), ("float64", "float32")]),
        ("prod_dtype", [("int16", "float64"), ("uint8", "int8"), ("float32", "float64"),
                        ("bool", "bool"), ("int8", "int8"), ("float64", "int64")]),
        ("mean_dtype", [("int8", "float32"), ("int16", "int64"), ("float32", "float64"),
                        ("float64", "float32"), ("uint8", "uint8"), ("int32", "float64")]),
    ]:
        for in_dt, dt in pairs:
            for n, ax, k in [(ALL, (), False), (1, (1,), False), (2, (0, 2), True), (0, (), False)]:
                add_red(p, op, bases[in_dt], n, ax, k, dt=dt)
    nan2 = p.input("nan2dt_float64", nan_base_no_inf("float64"))
    for op in ("sum_dtype", "mean_dtype"):
        for dt in ("float32", "int64"):
            add_red(p, op, bases["float64"], 1, (2,), False, dt=dt)
            add_red(p, op, nan2, 1, (1,), False, dt=dt)


# ---------------------------------------------------------------- arg and scan

ARG_OPS = ["argmax", "argmin", "cumsum", "cumprod"]


def add_arg(p, op, inp, axis, keepdims=False):
    name, in_dt, _, _, _, _, _, a = p.inputs[inp]
    ax = None if axis == AXIS_NONE else axis
    if op in ("argmax", "argmin"):
        expr = "np.%s(%s, axis=%s%s)" % (op, name, ax, ", keepdims=True" if keepdims else "")
        call = lambda: getattr(np, op)(a, axis=ax, keepdims=keepdims)  # noqa: E731
    else:
        expr = "np.%s(%s, axis=%s)" % (op, name, ax)
        call = lambda: getattr(np, op)(a, axis=ax)  # noqa: E731
    try:
        r = np.asarray(call())
    except Exception as e:  # noqa: BLE001
        p.cases.append((op, inp, axis, keepdims, status_of(e), None, expr))
        return
    p.cases.append((op, inp, axis, keepdims, "ND_OK", r, expr))


def gen_arg(p, rng):
    bases = {dt: p.input("a_" + dt, base_values(dt, (3, 4, 5), rng)) for dt in DTYPES}
    for dt in DTYPES:
        for op in ARG_OPS:
            for axis in (AXIS_NONE, 0, 1, 2, -1, -3, 3, -4):
                for k in ((False, True) if op.startswith("arg") else (False,)):
                    add_arg(p, op, bases[dt], axis, k)
    # ties: the first index wins
    inp = p.input("ties_int16", np.array([[3, 7, 7, 1, 1], [2, 2, 2, 2, 2], [-5, 9, -5, 9, 0]],
                                         dtype="int16"))
    for op in ARG_OPS:
        for axis in (AXIS_NONE, 0, 1):
            add_arg(p, op, inp, axis)
    views = [("T", None, True, None), ("neg", "::-1, 1:, ::2", False, None),
             ("negl", "..., ::-2", False, None), ("bc0", "1", False, (3, 4, 5)),
             ("bc1", ":, 0:1, :", False, (3, 4, 5)), ("mix", "::2, ::-1, 1:4", True, None)]
    for dt in ("float64", "float32", "int32", "uint8", "bool"):
        for vname, index, tr, bs in views:
            inp = p.input("%s_%s" % (vname, dt), p.inputs[bases[dt]][7], index, tr, bs)
            for op in ARG_OPS:
                for axis in (AXIS_NONE, 0, 1, 2):
                    add_arg(p, op, inp, axis)
    for dt in ("float32", "float64"):
        for name, arr in (("nan_" + dt, nan_base(dt)), ("nan2_" + dt, nan_base_no_inf(dt))):
            inp = p.input(name, arr)
            for op in ARG_OPS:
                for axis in (AXIS_NONE, 0, 1, -1):
                    add_arg(p, op, inp, axis, op.startswith("arg") and axis == 1)
    for dt in ("float64", "int8", "bool"):
        for shape in [(0,), (2, 0, 3), (0, 3)]:
            inp = p.input("empty%s_%s" % ("x".join(map(str, shape)), dt), np.zeros(shape, dt))
            for op in ARG_OPS:
                for axis in [AXIS_NONE] + list(range(len(shape))):
                    for k in ((False, True) if op.startswith("arg") else (False,)):
                        add_arg(p, op, inp, axis, k)
    for dt, v in (("float64", 2.5), ("int8", -7), ("bool", True), ("float32", np.nan)):
        inp = p.input("zd_" + dt, np.array(v, dtype=dt))
        for op in ARG_OPS:
            for axis in (AXIS_NONE, 0, -1, 1):
                for k in ((False, True) if op.startswith("arg") else (False,)):
                    add_arg(p, op, inp, axis, k)
    for dt in ("float32", "float64", "int64", "uint16"):
        inp = p.input("long2_" + dt, base_values(dt, (130, 7), rng))
        for op in ARG_OPS:
            for axis in (AXIS_NONE, 0, 1):
                add_arg(p, op, inp, axis)
    return bases


# ---------------------------------------------------------------- NaN placement


def nan_lane_value(i):
    """The lane formula, shared with the C tests: small integers, with ties."""
    return float((i * 7 + 3) % 13 - 6)


NAN_PLACES = ["none", "first", "middle", "last", "two", "all"]


def nan_lane(n, place):
    v = np.array([nan_lane_value(i) for i in range(n)])
    if place == "first":
        v[0] = np.nan
    elif place == "middle":
        v[n // 2] = np.nan
    elif place == "last":
        v[n - 1] = np.nan
    elif place == "two":
        v[n // 2] = np.nan
        v[n - 1] = np.nan
    elif place == "all":
        v[:] = np.nan
    return v


def nan_rows():
    rows = []
    for n in range(1, 49):
        for k, place in enumerate(NAN_PLACES):
            if n == 1 and place in ("middle", "last", "two"):
                continue  # the same as first
            v = nan_lane(n, place)
            rows.append((n, k, [float(np.min(v)), float(np.max(v)), float(np.nanmin(v)),
                                float(np.nanmax(v)), float(np.sum(v)), float(np.nansum(v)),
                                float(np.nanmean(v)) if not np.all(np.isnan(v)) else float("nan")],
                         [int(np.argmin(v)), int(np.argmax(v))]))
    return rows


# ---------------------------------------------------------------- writing


def c_naxes(n):
    """An axis count as C: ND_ALL_AXES by name (its value is not -1)."""
    return "ND_ALL_AXES" if n == ALL else str(n)


def c_int(v):
    if v >= 1 << 63:
        v -= 1 << 64
    if v == -(1 << 63):
        return "INT64_MIN"
    return str(v)


def c_float(v):
    if v != v:
        return "NAN"
    if v in (float("inf"), float("-inf")):
        return "INFINITY" if v > 0 else "-INFINITY"
    return repr(v)


def c_dbl(v):
    return c_float(float(v))


def c_str(s):
    return "NULL" if s is None else '"%s"' % s


def wrap(items, per_line):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append("    " + ", ".join(items[i:i + per_line]) + ",")
    return "\n".join(lines) if lines else "    0,"


def shape4(shape):
    s = list(shape) + [0] * (4 - len(shape))
    return "{%s}" % ", ".join(str(x) for x in s)


def header_common(P, what, guard):
    out = []
    out.append("/* %s: NumPy %s's answers.\n"
               " * Generated by tests/data/gen_reduce.py; do not edit by hand. */\n"
               % (what, np.__version__))
    out.append("#ifndef %s\n#define %s\n" % (guard, guard))
    out.append("#include <math.h>\n#include <stdbool.h>\n#include <stdint.h>\n\n#include \"nd.h\"\n")
    out.append("/* An input: a C-ordered base of dtype and shape, values at off in %s_fpool\n"
               " * (floats) or %s_ipool (bool and integers, uint64 as its bit pattern);\n"
               " * then nd_view(base, index) if index, the axes reversed if transpose, and\n"
               " * nd_broadcast_to(bshape) if bndim. name is the NumPy variable. */\n"
               "typedef struct %s_input {\n    const char *name;\n    nd_dtype dtype;\n    int ndim;\n"
               "    int64_t shape[4];\n    int off;\n    const char *index;\n    bool transpose;\n"
               "    int bndim;\n    int64_t bshape[4];\n} %s_input;\n" % (P, P, P, P))
    return out


def write_pools(out, P, ipool, fpool):
    out.append("static const int64_t %s_ipool[] = {\n%s\n};\n" % (P, wrap([c_int(v) for v in ipool], 8)))
    out.append("static const double %s_fpool[] = {\n%s\n};\n" % (P, wrap([c_float(v) for v in fpool], 6)))


def write_inputs(out, P, p):
    lines = []
    for name, dt, shape, off, index, tr, bs, _ in p.inputs:
        lines.append('    {"%s", %s, %d, %s, %d, %s, %s, %d, %s},'
                     % (name, ND[dt], len(shape), shape4(shape), off, c_str(index),
                        "true" if tr else "false", len(bs) if bs else 0, shape4(bs or ())))
    out.append("static const %s_input %s_inputs[] = {\n%s\n};\n" % (P, P, "\n".join(lines)))


def result_fields(p, r):
    if r is None:
        return "ND_NUM_DTYPES", 0, shape4(()), -1
    rd = dname(r.dtype)
    off = p.values(r)
    return ND[rd], r.ndim, shape4(r.shape), off


def write_red(p):
    P = "rd"
    out = header_common(P, "Reduction test cases", "ND_REDUCE_CASES_H")
    out.append("/* One case: op is sum, prod, mean, var, std, min, max, all, any,\n"
               " * count_nonzero, nansum, nanmean, nanmin, nanmax, or sum_dtype, prod_dtype,\n"
               " * mean_dtype (with the dtype argument dt). naxes and axes as the C API\n"
               " * (-1 = ND_ALL_AXES). On status ND_OK the result has rdtype and rshape and\n"
               " * its values are at off (rd_fpool for float results, else rd_ipool),\n"
               " * compared within atol + rtol * |want|. expr is the NumPy expression. */\n"
               "typedef struct rd_case {\n    const char *op;\n    int input;\n    int naxes;\n"
               "    int axes[3];\n    bool keepdims;\n    double ddof;\n    nd_dtype dt;\n"
               "    nd_status status;\n    nd_dtype rdtype;\n    int rndim;\n    int64_t rshape[4];\n"
               "    int off;\n    double rtol, atol;\n    const char *expr;\n} rd_case;\n")
    lines = []
    for op, inp, naxes, axes, k, ddof, dt, st, r, expr in p.cases:
        rdt, rnd, rsh, off = result_fields(p, r)
        rtol, atol = tolerance(op, p.inputs[inp][7], r.dtype) if r is not None else (0.0, 0.0)
        lines.append('    {"%s", %d, %s, {%d, %d, %d}, %s, %s, %s, %s, %s, %d, %s, %d, %s, %s, "%s"},'
                     % (op, inp, c_naxes(naxes), axes[0], axes[1], axes[2], "true" if k else "false",
                        c_dbl(ddof), ND[dt] if dt else "ND_NUM_DTYPES", st, rdt, rnd, rsh, off,
                        c_dbl(rtol), c_dbl(atol), expr))
    cases = "static const rd_case rd_cases[] = {\n%s\n};\n" % "\n".join(lines)
    rows = nan_rows()
    write_pools(out, P, p.ipool, p.fpool)
    write_inputs(out, P, p)
    out.append(cases)
    out.append(nan_table(rows, P, float_cols=True))
    out.append("#endif\n")
    with open(OUT, "w") as f:
        f.write("\n".join(out))
    return len(p.cases), len(rows)


def nan_table(rows, P, float_cols):
    lines = []
    for n, k, fv, iv in rows:
        if float_cols:
            lines.append("    {%d, %d, {%s}}," % (n, k, ", ".join(c_float(x) for x in fv)))
        else:
            lines.append("    {%d, %d, {%s}}," % (n, k, ", ".join(str(x) for x in iv)))
    doc = ("/* NaN placement in a lane of length n (values nan_lane_value(i), see\n"
           " * gen_reduce.py): place 0 none, 1 first, 2 middle (n / 2), 3 last, 4 middle\n"
           " * and last, 5 all. %s */\n")
    if float_cols:
        doc %= "want: np.min, np.max, np.nanmin, np.nanmax, np.sum, np.nansum, np.nanmean\n * (NaN for an all-NaN lane)."
        typ = "typedef struct rd_nanrow {\n    int n;\n    int place;\n    double want[7];\n} rd_nanrow;\n"
        name = "rd_nanrows"
        t = "rd_nanrow"
    else:
        doc %= "want: np.argmin, np.argmax."
        typ = "typedef struct ra_nanrow {\n    int n;\n    int place;\n    int64_t want[2];\n} ra_nanrow;\n"
        name = "ra_nanrows"
        t = "ra_nanrow"
    return doc + typ + "static const %s %s[] = {\n%s\n};\n" % (t, name, "\n".join(lines))


def write_arg(p):
    P = "ra"
    out = header_common(P, "argmax/argmin/cumsum/cumprod test cases", "ND_REDUCE_ARG_CASES_H")
    out.append("/* One case: op (argmax, argmin, cumsum, cumprod) of input along axis\n"
               " * (ND_AXIS_NONE: flattened), keepdims for arg*. On status ND_OK the result\n"
               " * has rdtype, rshape and the values at off (ra_fpool for float results,\n"
               " * else ra_ipool), within atol + rtol * |want|. */\n"
               "typedef struct ra_case {\n    const char *op;\n    int input;\n    int axis;\n"
               "    bool keepdims;\n    nd_status status;\n    nd_dtype rdtype;\n    int rndim;\n"
               "    int64_t rshape[4];\n    int off;\n    double rtol, atol;\n    const char *expr;\n"
               "} ra_case;\n")
    lines = []
    for op, inp, axis, k, st, r, expr in p.cases:
        rdt, rnd, rsh, off = result_fields(p, r)
        rtol, atol = 0.0, 0.0
        if r is not None and r.dtype.kind == "f" and op == "cumprod":
            rtol = 1e-5 if r.dtype == np.float32 else 1e-13
        lines.append('    {"%s", %d, %s, %s, %s, %s, %d, %s, %d, %s, %s, "%s"},'
                     % (op, inp, axis if axis == AXIS_NONE else str(axis), "true" if k else "false",
                        st, rdt, rnd, rsh, off, c_dbl(rtol), c_dbl(atol), expr))
    cases = "static const ra_case ra_cases[] = {\n%s\n};\n" % "\n".join(lines)
    rows = nan_rows()
    write_pools(out, P, p.ipool, p.fpool)
    write_inputs(out, P, p)
    out.append(cases)
    out.append(nan_table(rows, P, float_cols=False))
    out.append("#endif\n")
    with open(OUT_ARG, "w") as f:
        f.write("\n".join(out))
    return len(p.cases), len(rows)


def main():
    if not np.__version__.startswith("1.24"):
        print("warning: generated with NumPy %s, not 1.24" % np.__version__, file=sys.stderr)
    rng = np.random.default_rng(20240503)
    p = Pools()
    bases = {dt: p.input("a_" + dt, base_values(dt, (3, 4, 5), rng)) for dt in DTYPES}
    gen_red(p, rng, bases)
    nc, nr = write_red(p)
    print("%d reduction cases, %d inputs, %d NaN rows -> %s" % (nc, len(p.inputs), nr, OUT))
    q = Pools()
    gen_arg(q, np.random.default_rng(20240504))
    nc, nr = write_arg(q)
    print("%d arg/scan cases, %d inputs -> %s" % (nc, len(q.inputs), OUT_ARG))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Generates tests/data/sets_cases.h: NumPy's answers for libnd's multi-key
sorts, unique with an axis and set operations (include/nd/sets.h), for
tests/test_sets.c (through the harness in tests/nd_test_cases.h).

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_sets.py

Inputs are small arrays of every dtype with repeated values (and NaN,
-0.0 and infinities for floats), stored in the header, optionally turned
into views the way the C side does it: nd_view(base, index) (the same
string NumPy evaluates as base[index]), then a reversal of the axes, then
nd_broadcast_to. Each case names the operation, its inputs and integer
arguments, and records NumPy's results (dtype, shape, values) or the
status libnd must report where NumPy raises.

Where libnd's documented semantics differ from NumPy 1.24's, the expected
answer is computed with NumPy in the documented way (nd/sets.h):
  - isin compares in the promoted dtype: both arrays are cast with
    np.result_type before np.isin;
  - argsort_keys (first key primary, optional descending keys) is
    np.lexsort of the reversed keys, a descending key replaced by the
    negated rank from np.unique (so NaN, the largest, comes first).

The module also serves tests/data/gen_shape.py (Pools, writing).
"""
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sets_cases.h")

warnings.simplefilter("ignore")
np.seterr(all="ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
ND = {d: "ND_" + d.upper() for d in DTYPES}
AXIS_NONE = -(2 ** 31)  # ND_AXIS_NONE (INT32_MIN)


def dname(dt):
    return np.dtype(dt).name


# ---------------------------------------------------------------- pools and cases


class Pools:
    def __init__(self):
        self.ipool, self.fpool = [], []
        self.inputs = []  # (name, dtype, shape, off, index, transpose, bshape, array)
        self.cases = []
        self.seen = {}

    def values(self, a):
        """Appends a's values (C order) to the pool of its kind; the offset."""
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
        base = np.asarray(base)
        assert base.ndim <= 4, name
        a = base
        if index is not None:
            a = eval("a[%s]" % index, {"a": a, "None": None})
        if transpose:
            a = a.T
        if bshape is not None:
            a = np.broadcast_to(a, bshape)
        off = self.values(base)
        self.inputs.append((name, dname(base.dtype), base.shape, off, index, transpose, bshape, a))
        return len(self.inputs) - 1

    def arr(self, i):
        return self.inputs[i][7]

    def name(self, i):
        return self.inputs[i][0]

    def case(self, op, ins, iargs, expr, compute, fargs=(), status_map=None, tol=None):
        """Records op: compute() gives NumPy's results (a list of arrays), or
        raises; status_map maps an exception to the expected status (the
        default maps by exception type). tol(k, r) gives (rtol, atol)."""
        try:
            outs = [np.asarray(r) for r in compute()]
        except Exception as e:  # noqa: BLE001 - NumPy's refusal is the expected answer
            st = status_map(e) if status_map else status_of(e)
            self.cases.append((op, list(ins), list(iargs), list(fargs), st, [], expr))
            return
        res = []
        for k, r in enumerate(outs):
            assert r.ndim <= 6
            rt, at = tol(k, r) if tol else (0.0, 0.0)
            res.append((ND[dname(r.dtype)], r.ndim, r.shape, self.values(r), rt, at))
        self.cases.append((op, list(ins), list(iargs), list(fargs), "ND_OK", res, expr))


def status_of(exc):
    name = type(exc).__name__
    if name == "AxisError" or isinstance(exc, IndexError):
        return "ND_ERR_INDEX"
    if isinstance(exc, ValueError):
        return "ND_ERR_VALUE"
    if isinstance(exc, TypeError):
        return "ND_ERR_DTYPE"
    raise exc


# ---------------------------------------------------------------- writing


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
    if v == 0 and str(v).startswith("-"):
        return "-0.0"
    return repr(v)


def c_str(s):
    return "NULL" if s is None else '"%s"' % s.replace('"', '\\"')


def wrap(items, per_line):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append("    " + ", ".join(items[i:i + per_line]) + ",")
    return "\n".join(lines) if lines else "    0,"


def shape_n(shape, n):
    s = list(shape) + [0] * (n - len(shape))
    return "{%s}" % ", ".join(str(x) for x in s)


def c_iarg(v):
    if v == AXIS_NONE:
        return "ND_AXIS_NONE"
    return c_int(v)


def write(p, path, what, script, guard):
    out = ["/* %s: NumPy %s's answers.\n * Generated by tests/data/%s; do not edit by hand. */\n"
           % (what, np.__version__, script),
           "#ifndef %s\n#define %s\n" % (guard, guard),
           "#include <math.h>\n#include <stdint.h>\n\n#include \"nd_test_cases.h\"\n"]
    out.append("static const int64_t gc_ipool[] = {\n%s\n};\n" % wrap([c_int(v) for v in p.ipool], 8))
    out.append("static const double gc_fpool[] = {\n%s\n};\n" % wrap([c_float(v) for v in p.fpool], 6))
    lines = []
    for name, dt, shape, off, index, tr, bs, _ in p.inputs:
        lines.append('    {"%s", %s, %d, %s, %d, %s, %s, %d, %s},'
                     % (name, ND[dt], len(shape), shape_n(shape, 4), off, c_str(index),
                        "true" if tr else "false", len(bs) if bs else 0, shape_n(bs or (), 4)))
    out.append("static const gc_input gc_inputs[] = {\n%s\n};\n" % "\n".join(lines))
    lines = []
    for op, ins, iargs, fargs, st, res, expr in p.cases:
        assert len(ins) <= 8 and len(iargs) <= 24 and len(fargs) <= 4 and len(res) <= 4, expr
        outs = ", ".join("{%s, %d, %s, %d, %s, %s}" % (d, nd, shape_n(sh, 6), off, c_float(rt), c_float(at))
                         for d, nd, sh, off, rt, at in res)
        lines.append('    {"%s", %d, {%s}, %d, {%s}, %d, {%s}, %s, %d, {%s}, %s},'
                     % (op, len(ins), ", ".join(map(str, ins)) or "0", len(iargs),
                        ", ".join(c_iarg(v) for v in iargs) or "0", len(fargs),
                        ", ".join(c_float(float(v)) for v in fargs) or "0", st, len(res), outs or "{0}",
                        c_str(expr)))
    out.append("static const gc_case gc_cases[] = {\n%s\n};\n" % "\n".join(lines))
    out.append("#endif\n")
    with open(path, "w") as f:
        f.write("\n".join(out))
    return len(p.cases)


# ---------------------------------------------------------------- inputs


def values(dt, shape, rng, pool=6):
    """Values of dt with many repeats: integers from a small pool spread over
    the dtype's range, floats from a pool with NaN, -0.0 and infinities."""
    n = int(np.prod(shape))
    if dt == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    k = np.dtype(dt).kind
    if k == "f":
        choices = np.array([-2.0, -0.5, 0.0, -0.0, 0.25, 1.0, 1.5, np.nan, np.inf, -np.inf][:pool + 4])
        return rng.choice(choices, n).astype(dt).reshape(shape)
    info = np.iinfo(dt)
    choices = np.array([info.min, info.min + 1, -1 if k == "i" else 1, 0, 2, 7, info.max - 1, info.max],
                       dtype=dt)[:pool + 2]
    return rng.choice(choices, n).reshape(shape)


def distinct(dt, n, rng):
    """n distinct values of dt (bool: at most 2)."""
    if dt == "bool":
        return np.array([False, True][:n])
    k = np.dtype(dt).kind
    if k == "f":
        v = np.array([-np.inf, -3.5, -1.0, -0.0, 0.5, 2.0, 4.25, 9.0, np.inf, np.nan])
    else:
        info = np.iinfo(dt)
        v = np.array(sorted({int(info.min), int(info.min) + 3, 0, 1, 5, 9, 100 % int(info.max),
                             int(info.max) - 2, int(info.max)}))
    v = rng.permutation(v)[:n]
    return v.astype(dt)


# two views of one (4, 4) base with the same shape: transposed, negative strides
VIEWS = [("T", None, True, None), ("neg", "::-1, ::-1", False, None)]


def lexsort_rank_key(k, desc):
    """A key that sorts k ascending (or descending) with np.lexsort: the
    negated rank for a descending key (NaN, the largest, first)."""
    if not desc:
        return k
    _, inv = np.unique(k, return_inverse=True)
    return -inv.reshape(k.shape)


# ---------------------------------------------------------------- cases


def gen_lexsort(p, rng):
    for dt in DTYPES:
        a = p.input("k0_" + dt, values(dt, (4, 6), rng, 3))
        b = p.input("k1_" + dt, values(dt, (4, 6), rng, 3))
        for axis in (-1, 0, 1, AXIS_NONE):
            ax = None if axis == AXIS_NONE else axis
            for keys in ([a], [a, b], [b, a]):
                if ax is None:
                    f = (lambda keys=keys: [np.lexsort([p.arr(k).ravel() for k in keys])])
                else:
                    f = (lambda keys=keys, ax=ax: [np.lexsort([p.arr(k) for k in keys], axis=ax)])
                names = ", ".join(p.name(k) for k in keys)
                p.case("lexsort", keys, [axis], "np.lexsort((%s), axis=%s)" % (names, ax), f)
    # mixed dtypes, three keys, views
    mix = [p.input("m0_uint8", values("uint8", (3, 5), rng, 2)),
           p.input("m1_float32", values("float32", (3, 5), rng, 4)),
           p.input("m2_int64", values("int64", (3, 5), rng, 2))]
    for axis in (0, 1, -2):
        p.case("lexsort", mix, [axis], "np.lexsort((m0, m1, m2), axis=%d)" % axis,
               lambda axis=axis: [np.lexsort([p.arr(k) for k in mix], axis=axis)])
    for dt in ("float64", "int16", "bool"):
        base = values(dt, (4, 4), rng, 3)
        v = [p.input("%s_%s" % (vn, dt), base, idx, tr, bs) for vn, idx, tr, bs in VIEWS]
        w = p.input("w_" + dt, values(dt, (4, 4), rng, 2))
        for axis in (0, 1):
            p.case("lexsort", v, [axis], "np.lexsort((T, neg), axis=%d)" % axis,
                   lambda axis=axis, v=v: [np.lexsort([p.arr(k) for k in v], axis=axis)])
        bcv = p.input("bc_" + dt, values(dt, (1, 4), rng, 3), None, False, (4, 4))
        for axis in (0, 1):
            p.case("lexsort", [w, bcv], [axis], "np.lexsort((w, bc), axis=%d)" % axis,
                   lambda axis=axis: [np.lexsort([p.arr(w), p.arr(bcv)], axis=axis)])
    # 1-D, long lanes (the radix kernel's wide digits), empty, 0-d, errors
    for n in (1, 2, 17, 300):
        k0 = p.input("l0_%d" % n, rng.integers(0, 4, n).astype("int32"))
        k1 = p.input("l1_%d" % n, rng.choice([0.5, -1.0, np.nan, 2.0], n))
        p.case("lexsort", [k0, k1], [0], "np.lexsort((l0, l1))",
               lambda k0=k0, k1=k1: [np.lexsort([p.arr(k0), p.arr(k1)])])
    e = p.input("empty_f64", np.zeros((2, 0)))
    e2 = p.input("empty_i8", np.zeros((2, 0), "int8"))
    for axis in (0, 1, AXIS_NONE):
        ax = None if axis == AXIS_NONE else axis
        p.case("lexsort", [e, e2], [axis], "np.lexsort((e, e2), axis=%s)" % ax,
               lambda ax=ax: [np.lexsort([p.arr(e).ravel(), p.arr(e2).ravel()]) if ax is None
                              else np.lexsort([p.arr(e), p.arr(e2)], axis=ax)])
    z = p.input("zd_f64", np.array(2.5))
    z2 = p.input("zd_u8", np.array(7, "uint8"))
    for axis in (0, -1, 1, -2):
        p.case("lexsort", [z, z2], [axis], "np.lexsort((z, z2), axis=%d)" % axis,
               lambda axis=axis: [np.lexsort([p.arr(z), p.arr(z2)], axis=axis)])
    p.case("lexsort", [z, z2], [AXIS_NONE], "np.lexsort((z.ravel(), z2.ravel()))",
           lambda: [np.lexsort([p.arr(z).ravel(), p.arr(z2).ravel()])])
    a = p.input("bad_a", np.zeros((2, 3)))
    b = p.input("bad_b", np.zeros((3, 2)))
    c = p.input("bad_c", np.zeros(6))
    p.case("lexsort", [a, b], [0], "np.lexsort((a, b))", lambda: [np.lexsort([p.arr(a), p.arr(b)])],
           status_map=lambda e: "ND_ERR_SHAPE")
    p.case("lexsort", [a, c], [0], "np.lexsort((a, c))", lambda: [np.lexsort([p.arr(a), p.arr(c)])],
           status_map=lambda e: "ND_ERR_SHAPE")
    for axis in (2, -3):
        p.case("lexsort", [a], [axis], "np.lexsort((a,), axis=%d)" % axis,
               lambda axis=axis: [np.lexsort([p.arr(a)], axis=axis)])


def gen_argsort_keys(p, rng):
    def expect(keys, desc, ax):
        ks = [lexsort_rank_key(p.arr(k) if ax is not None else p.arr(k).ravel(), d) for k, d in zip(keys, desc)]
        if ax is None:
            return [np.lexsort(ks[::-1])]
        return [np.lexsort(ks[::-1], axis=ax)]

    for dt in DTYPES:
        a = p.input("a0_" + dt, values(dt, (4, 6), rng, 3))
        b = p.input("a1_" + dt, values(dt, (4, 6), rng, 3))
        for axis in (-1, 0, AXIS_NONE):
            ax = None if axis == AXIS_NONE else axis
            for desc in ((False, False), (True, False), (False, True), (True, True)):
                p.case("argsort_keys", [a, b], [axis, int(desc[0]), int(desc[1])],
                       "argsort_keys((%s, %s), descending=%s, axis=%s)" % (p.name(a), p.name(b), desc, ax),
                       lambda desc=desc, ax=ax: expect([a, b], desc, ax))
    for dt in ("float64", "int32"):
        base = values(dt, (4, 4), rng, 3)
        v = [p.input("%s_%s" % (vn, dt), base, idx, tr, bs) for vn, idx, tr, bs in VIEWS]
        third = p.input("t_" + dt, values(dt, (4, 4), rng, 2))
        keys = v + [third]
        for axis in (0, 1):
            for desc in ((False, True, False), (True, True, True)):
                p.case("argsort_keys", keys, [axis] + [int(d) for d in desc],
                       "argsort_keys((T, neg, t), descending=%s, axis=%d)" % (desc, axis),
                       lambda desc=desc, axis=axis: expect(keys, desc, axis))
    k = p.input("one_key", rng.choice([1.0, np.nan, -0.0, 0.0, 3.0], 40))
    for d in (False, True):
        p.case("argsort_keys", [k], [0, int(d)], "argsort_keys((k,), descending=(%s,))" % d,
               lambda d=d: expect([k], (d,), 0))
    a = p.input("bad_a", np.zeros((2, 3)))
    b = p.input("bad_b", np.zeros((3, 2)))
    p.case("argsort_keys", [a, b], [0, 0, 0], "argsort_keys((a, b))", lambda: [np.lexsort([p.arr(a), p.arr(b)])],
           status_map=lambda e: "ND_ERR_SHAPE")


def unique_axis(a, ax):
    return list(np.unique(a, return_index=True, return_inverse=True, return_counts=True, axis=ax))


def gen_unique_axis(p, rng):
    for dt in DTYPES:
        base = values(dt, (6, 3), rng, 2)
        base[3] = base[1]  # repeated rows
        base[5] = base[1]
        i = p.input("u_" + dt, base)
        for axis in (0, 1, -1, -2, AXIS_NONE):
            ax = None if axis == AXIS_NONE else axis
            p.case("unique_axis", [i], [axis], "np.unique(%s, axis=%s, return_*=True)" % (p.name(i), ax),
                   lambda i=i, ax=ax: unique_axis(p.arr(i), ax))
        b3 = values(dt, (3, 2, 4), rng, 2)
        b3[:, 1] = b3[:, 0]
        j = p.input("u3_" + dt, b3)
        for axis in (0, 1, 2):
            p.case("unique_axis", [j], [axis], "np.unique(%s, axis=%d, return_*=True)" % (p.name(j), axis),
                   lambda j=j, axis=axis: unique_axis(p.arr(j), axis))
    # floats: NaN rows stay apart, -0.0 equals 0.0, sorted by the first column
    f = p.input("nanrows", np.array([[1.0, np.nan], [1.0, np.nan], [-0.0, 2.0], [0.0, 2.0], [np.nan, 1.0],
                                     [np.nan, 0.0], [-np.inf, 5.0], [1.0, -1.0]]))
    for axis in (0, 1):
        p.case("unique_axis", [f], [axis], "np.unique(nanrows, axis=%d, return_*=True)" % axis,
               lambda axis=axis: unique_axis(p.arr(f), axis))
    # views
    for dt in ("float64", "int16", "uint8"):
        base = values(dt, (6, 4), rng, 2)
        base[2] = base[0]
        for vn, idx, tr, bs in [("T", None, True, None), ("neg", "::-1, ::-1", False, None),
                                ("strided", "::2, ::2", False, None), ("bc", "0:1, :", False, (5, 4))]:
            i = p.input("%s_%s" % (vn, dt), base, idx, tr, bs)
            for axis in (0, 1):
                p.case("unique_axis", [i], [axis], "np.unique(%s, axis=%d, return_*=True)" % (p.name(i), axis),
                       lambda i=i, axis=axis: unique_axis(p.arr(i), axis))
    # long: many rows, the merge passes
    big = rng.integers(0, 3, (200, 3)).astype("int32")
    i = p.input("many_rows", big)
    p.case("unique_axis", [i], [0], "np.unique(many_rows, axis=0, return_*=True)",
           lambda: unique_axis(p.arr(i), 0))
    # empty and zero-length slices, 0-d, 1-D
    for shape in ((0, 3), (3, 0), (2, 0, 2)):
        i = p.input("empty" + "x".join(map(str, shape)), np.zeros(shape))
        for axis in range(len(shape)):
            p.case("unique_axis", [i], [axis], "np.unique(empty, axis=%d, return_*=True)" % axis,
                   lambda i=i, axis=axis: unique_axis(p.arr(i), axis))
    i = p.input("zd", np.array(3.0))
    for axis in (0, -1, AXIS_NONE):
        ax = None if axis == AXIS_NONE else axis
        p.case("unique_axis", [i], [axis], "np.unique(zd, axis=%s, return_*=True)" % ax,
               lambda ax=ax: unique_axis(p.arr(i), ax))
    i = p.input("one_d", np.array([3, 1, 3, 2, 1], "int8"))
    for axis in (0, 1):
        p.case("unique_axis", [i], [axis], "np.unique(one_d, axis=%d, return_*=True)" % axis,
               lambda axis=axis: unique_axis(p.arr(i), axis))


def sets_for(p, op, a, b, flags):
    """The cases of one set operation on inputs a and b."""
    A, B = p.arr(a), p.arr(b)
    na, nb = p.name(a), p.name(b)
    for au in flags:
        if op == "intersect1d":
            p.case(op, [a, b], [int(au)], "np.intersect1d(%s, %s, %s, return_indices=True)" % (na, nb, au),
                   lambda au=au: list(np.intersect1d(A, B, assume_unique=au, return_indices=True)))
        elif op == "union1d":
            p.case(op, [a, b], [], "np.union1d(%s, %s)" % (na, nb), lambda: [np.union1d(A, B)])
        elif op == "setdiff1d":
            p.case(op, [a, b], [int(au)], "np.setdiff1d(%s, %s, %s)" % (na, nb, au),
                   lambda au=au: [np.setdiff1d(A, B, au)])
        elif op == "setxor1d":
            # NumPy 1.24 does not flatten the inputs with assume_unique (and
            # cannot concatenate a 2-D with a 1-D one): libnd always does
            p.case(op, [a, b], [int(au)], "np.setxor1d(%s.ravel(), %s.ravel(), %s)" % (na, nb, au),
                   lambda au=au: [np.setxor1d(A.ravel(), B.ravel(), au)])
        elif op == "isin":
            for inv in (False, True):
                def f(au=au, inv=inv):
                    rt = np.result_type(A.dtype, B.dtype)
                    return [np.isin(A.astype(rt), B.astype(rt), assume_unique=au, invert=inv)]
                p.case(op, [a, b], [int(au), int(inv)],
                       "np.isin(%s, %s, assume_unique=%s, invert=%s) (promoted)" % (na, nb, au, inv), f)


SET_OPS = ["intersect1d", "union1d", "setdiff1d", "setxor1d", "isin"]


def gen_sets(p, rng):
    pairs = [(dt, dt) for dt in DTYPES]
    pairs += [("int8", "uint8"), ("int16", "float32"), ("uint64", "int64"), ("bool", "int32"),
              ("float32", "float64"), ("uint32", "int8"), ("int64", "float64")]
    for da, db in pairs:
        a = p.input("a_%s_%s" % (da, db), values(da, (3, 5), rng, 4))
        b = p.input("b_%s_%s" % (da, db), values(db, (7,), rng, 4))
        ua = p.input("ua_%s_%s" % (da, db), distinct(da, 6, rng))
        ub = p.input("ub_%s_%s" % (da, db), distinct(db, 5, rng))
        for op in SET_OPS:
            sets_for(p, op, a, b, (False,))
            sets_for(p, op, b, a, (False,))
            # NaN is unique only once it is alone: NumPy's assume_unique
            # answers for two NaNs are its own business
            sets_for(p, op, ua, ub, (False, True) if op != "union1d" else (False,))
    # views and 0-d
    for dt in ("float64", "int32", "uint16"):
        base = values(dt, (4, 6), rng, 4)
        for vn, idx, tr, bs in [("T", None, True, None), ("neg", "::-1, ::-2", False, None),
                                ("bc", "1:2, :", False, (3, 6))]:
            v = p.input("%s_%s" % (vn, dt), base, idx, tr, bs)
            other = p.input("o_%s_%s" % (vn, dt), values(dt, (2, 3), rng, 4))
            for op in SET_OPS:
                sets_for(p, op, v, other, (False,))
                sets_for(p, op, other, v, (False,))
        z = p.input("zd_" + dt, values(dt, (), rng, 4))
        o = p.input("oz_" + dt, values(dt, (5,), rng, 4))
        for op in SET_OPS:
            sets_for(p, op, z, o, (False,))
            sets_for(p, op, o, z, (False,))
    # empty inputs
    e = p.input("empty_f64", np.zeros((0, 3)))
    ei = p.input("empty_i8", np.zeros(0, "int8"))
    o = p.input("some_u8", np.array([3, 1, 3], "uint8"))
    for op in SET_OPS:
        for a, b in ((e, o), (o, e), (ei, e), (ei, o)):
            sets_for(p, op, a, b, (False, True) if op != "union1d" else (False,))
    # NaN, -0.0 and 0.0, infinities
    fa = p.input("fnan_a", np.array([np.nan, 1.0, -0.0, np.inf, np.nan, 2.0]))
    fb = p.input("fnan_b", np.array([0.0, np.nan, np.inf, 5.0]))
    for op in SET_OPS:
        sets_for(p, op, fa, fb, (False,))
        sets_for(p, op, fb, fa, (False,))
    # NumPy's answers with assume_unique and repeated values (intersect1d)
    ra = p.input("rep_a", np.array([3, 1, 1, 2], "int8"))
    rb = p.input("rep_b", np.array([1, 1, 3], "uint8"))
    sets_for(p, "intersect1d", ra, rb, (True,))
    sets_for(p, "setxor1d", ra, rb, (True,))
    # larger: isin takes NumPy's sort path here
    la = p.input("long_a", rng.integers(-50, 50, 300).astype("int64"))
    lb = p.input("long_b", rng.integers(-60, 60, 120).astype("int16"))
    for op in SET_OPS:
        sets_for(p, op, la, lb, (False,))


def main():
    if not np.__version__.startswith("1.24"):
        print("warning: generated with NumPy %s, not 1.24" % np.__version__, file=sys.stderr)
    rng = np.random.default_rng(20240610)
    p = Pools()
    gen_lexsort(p, rng)
    gen_argsort_keys(p, rng)
    gen_unique_axis(p, rng)
    gen_sets(p, rng)
    n = write(p, OUT, "Multi-key sort, unique-axis and set-operation test cases", "gen_sets.py",
              "ND_SETS_CASES_H")
    print("%d cases, %d inputs -> %s" % (n, len(p.inputs), OUT))


if __name__ == "__main__":
    main()

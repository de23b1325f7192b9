#!/usr/bin/python3
"""Generates tests/data/stats_cases.h: NumPy's answers for libnd's statistics
(include/nd/stats.h), for tests/test_stats.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_stats.py

Inputs are arrays of every dtype (stored in the header), optionally turned
into views the way the C side does it: nd_view(base, index) (the same string
NumPy evaluates as base[index]), then a reversal of the axes (a.T), then
nd_broadcast_to. Each case names the operation, its inputs and arguments,
and records NumPy's results (dtype, shape, values) or the status libnd must
report where NumPy raises.

Where libnd deliberately differs from NumPy 1.24 (include/nd/stats.h lists
the differences) the expected answer is derived here from NumPy's, never
typed by hand:
  - continuous quantiles of float32 data are NumPy's float64 answer rounded
    to float32; of bool data, NumPy's answer for the same values as uint8
    (NumPy refuses to subtract bools);
  - quantiles of data with infinities come from ref_quantile(), this
    script's transcription of the documented rule, which is checked here to
    give NumPy's exact bits on every finite input;
  - nanargmin/nanargmax of data with infinities come from ref_nanarg(),
    checked against NumPy on every input without them;
  - empty nanquantile inputs keep q's axes (NumPy 1.24 drops them);
  - np.average's count of an empty result (ZeroDivisionError in NumPy) is
    the number of elements averaged, 0.
Integer data for interpolating quantiles stays small enough that NumPy's
subtraction in the data's dtype does not wrap (libnd interpolates integers
in float64).
"""
import os
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stats_cases.h")

warnings.simplefilter("ignore")
np.seterr(all="ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
ND = {d: "ND_" + d.upper() for d in DTYPES}
ALL = -1  # ND_ALL_AXES here; written to the header by name
AXIS_NONE = -2147483648  # ND_AXIS_NONE (INT32_MIN)

METHODS = ["linear", "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]  # nd_quantile_method order
DISCRETE = {"inverted_cdf", "closest_observation", "lower", "higher", "nearest"}

F_RESULT, I_RESULT = "f", "i"


def dname(dt):
    return np.dtype(dt).name


# ---------------------------------------------------------------- pools


class Pools:
    def __init__(self):
        self.ipool, self.fpool = [], []
        self.inputs = []  # (name, dtype, shape, off, index, transpose, bshape, array)
        self.cases = []
        self.results = []  # (dtype, shape, off, rtol, atol)
        self.seen = {}

    def values(self, a):
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
        self.inputs.append((name, dname(base.dtype), base.shape, off, index, transpose, bshape, a))
        return len(self.inputs) - 1

    def arr(self, i):
        return self.inputs[i][7]

    def name(self, i):
        return self.inputs[i][0]

    def result(self, r, rtol=0.0, atol=0.0):
        r = np.asarray(r)
        assert r.ndim <= 6, r.shape
        off = self.values(r)
        self.results.append((dname(r.dtype), r.shape, off, rtol, atol))
        return len(self.results) - 1


class Case:
    """One call; fields default to 'not used'."""

    def __init__(self, op, expr, **kw):
        self.op = op
        self.expr = expr
        self.inp = [-1, -1, -1, -1]
        self.naxes, self.axes, self.keepdims = ALL, [0, 0, 0, 0], False
        self.axis = 0
        self.method = 0
        self.ddof = 0.0
        self.flags = 0
        self.qv = []
        self.bins = None
        self.edge_in = [-1, -1, -1]
        self.range = None
        self.status = "ND_OK"
        self.res = []
        for k, v in kw.items():
            setattr(self, k, v)


FL_ROWVAR, FL_BIAS, FL_RIGHT, FL_DENSITY, FL_RETURNED = 1, 2, 4, 8, 16


def status_of(exc):
    name = type(exc).__name__
    if name == "AxisError":
        return "ND_ERR_INDEX"
    if isinstance(exc, (ValueError, ZeroDivisionError)):
        return "ND_ERR_VALUE"
    if isinstance(exc, TypeError):
        return "ND_ERR_DTYPE"
    if isinstance(exc, (RuntimeError, IndexError)):
        return "ND_ERR_SHAPE"
    raise exc


def np_axis(naxes, axes):
    if naxes == ALL:
        return None
    return tuple(axes[:naxes])


def axes_label(naxes, axes):
    if naxes == ALL:
        return "None"
    if naxes == 0:
        return "()"
    return "(" + ", ".join(str(x) for x in axes[:naxes]) + ("," if naxes == 1 else "") + ")"


def pad(axes):
    return list(axes) + [0] * (4 - len(axes))


# ---------------------------------------------------------------- quantile reference

def py_mod(x, m):
    return x % m


def locate(method, n, q):
    """NumPy 1.24's index arithmetic for one quantile, in Python floats
    (float64, the same operations in the same order)."""
    n = float(n)
    if method in DISCRETE:
        if method == "inverted_cdf":
            idx = n * q - 1
            prev = np.floor(idx)
            v = prev if idx - prev == 0 else prev + 1
        elif method == "closest_observation":
            idx = n * q - 1 - 0.5
            prev = np.floor(idx)
            v = prev if (idx - prev == 0 and py_mod(prev, 2) == 0) else prev + 1
        elif method == "lower":
            v = np.floor((n - 1) * q)
        elif method == "higher":
            v = np.ceil((n - 1) * q)
        else:
            v = np.around((n - 1) * q)
        v = min(max(v, 0), n - 1)
        return int(v), int(v), 0.0

    def hf(alpha, beta):
        return n * q + (alpha + q * (1 - alpha - beta)) - 1
    v = {"averaged_inverted_cdf": lambda: n * q - 1,
         "interpolated_inverted_cdf": lambda: hf(0, 1),
         "hazen": lambda: hf(0.5, 0.5),
         "weibull": lambda: hf(0, 0),
         "median_unbiased": lambda: hf(1 / 3.0, 1 / 3.0),
         "normal_unbiased": lambda: hf(3 / 8.0, 3 / 8.0),
         "midpoint": lambda: 0.5 * (np.floor((n - 1) * q) + np.ceil((n - 1) * q)),
         "linear": lambda: (n - 1) * q}[method]()
    lo = int(np.floor(v))
    hi = lo + 1
    if v >= n - 1:
        lo = hi = -1
    if v < 0:
        lo = hi = 0
    t = v - lo
    if method == "averaged_inverted_cdf":
        t = 0.5 if t == 0 else 1.0
    if method == "midpoint":
        t = 0.0 if py_mod(v, 1) == 0 else 0.5
    nn = int(n)
    return (nn - 1 if lo < 0 else lo), (nn - 1 if hi < 0 else hi), t


def ref_lerp(a, b, t, f32):
    d = float(np.float32(b) - np.float32(a)) if f32 else b - a
    if np.isfinite(d):
        r = a + d * t
        if t >= 0.5:
            r = b - d * (1 - t)
        return r
    if a == b or t == 0:
        return a
    if t == 1:
        return b
    if np.isinf(a) and np.isinf(b):
        return float("nan")
    if np.isinf(a):
        return a
    if np.isinf(b):
        return b
    return a * (1 - t) + b * t


def ref_quantile(a, q, axis, keepdims, method, nan):
    """libnd's documented quantile, lane by lane (q already in [0, 1])."""
    a = np.asarray(a)
    q = np.asarray(q, dtype=np.float64)
    nd = a.ndim
    red = tuple(range(nd)) if axis is None else tuple(x % nd for x in axis)
    keep = [d for d in range(nd) if d not in red]
    moved = np.transpose(a, keep + list(red))
    kshape = moved.shape[:len(keep)]
    lanes = moved.reshape(kshape + (int(np.prod([a.shape[d] for d in red])),))
    disc = method in DISCRETE
    rdt = a.dtype if disc else (a.dtype if a.dtype.kind == "f" else np.dtype(np.float64))
    out = np.empty(q.shape + kshape, dtype=rdt)
    for idx in np.ndindex(*kshape):
        lane = lanes[idx]
        if lane.dtype.kind == "f":
            if nan:
                lane = lane[~np.isnan(lane)]
            elif np.isnan(lane).any():
                out[(Ellipsis,) + idx] = np.nan
                continue
        if lane.size == 0:
            out[(Ellipsis,) + idx] = np.nan
            continue
        s = np.sort(lane)
        for qi in np.ndindex(*q.shape):
            lo, hi, t = locate(method, s.size, float(q[qi]))
            if disc:
                out[qi + idx] = s[lo]
            else:
                out[qi + idx] = ref_lerp(float(s[lo]), float(s[hi]), t, a.dtype == np.float32)
    if keepdims:
        shape = list(q.shape)
        for d in range(nd):
            shape.append(1 if d in red else a.shape[d])
        out = out.reshape(shape)
    return out


def via_lanes(f, a, axis, keepdims, *args, **kw):
    """f(a, axis) over several axes as NumPy means it, for empty inputs where
    NumPy's own reshape fails ("cannot reshape array of size 0"): the reduced
    axes moved last and merged with explicit lengths, f along the last axis."""
    nd = a.ndim
    red = tuple(range(nd)) if axis is None else tuple(x % nd for x in axis)
    keep = [d for d in range(nd) if d not in red]
    kshape = tuple(a.shape[d] for d in keep)
    L = int(np.prod([a.shape[d] for d in red]))
    lanes = np.transpose(a, keep + list(red)).reshape(kshape + (L,))
    r = np.asarray(f(lanes, *args, axis=-1, **kw))
    if keepdims:
        lead = r.shape[:r.ndim - len(kshape)]
        r = r.reshape(lead + tuple(1 if d in red else a.shape[d] for d in range(nd)))
    return r


# ---------------------------------------------------------------- inputs

def rand_vals(dt, shape, rng, small=True, ties=True):
    n = int(np.prod(shape))
    if dt == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    k = np.dtype(dt).kind
    if k == "f":
        v = rng.normal(0, 10, n)
        if ties and n > 4:
            v[rng.integers(0, n, n // 5)] = v[0]
        return v.astype(dt).reshape(shape)
    info = np.iinfo(dt)
    if small:
        lo, hi = (-40, 40) if k == "i" else (0, min(int(info.max), 200))
        v = rng.integers(lo, hi, n, endpoint=True)
    else:
        v = rng.integers(int(info.min), int(info.max), n, dtype=dt, endpoint=True)
        v[0] = info.max
        if n > 1:
            v[1] = info.min
    return v.astype(dt).reshape(shape)


def nan_vals(dt, shape, rng):
    """Floats with NaN scattered, one lane along the last axis all NaN."""
    a = rng.normal(0, 10, int(np.prod(shape))).reshape(shape)
    a[rng.random(a.shape) < 0.2] = np.nan
    a[(0,) * (a.ndim - 1)] = np.nan
    return a.astype(dt)


VIEWS = [("T", None, True, None), ("neg", "::-1, 1:, ::2", False, None),
         ("negl", "..., ::-2", False, None), ("bc", ":, 0:1, :", False, (3, 4, 5)),
         ("mix", "::2, ::-1, 1:4", True, None)]

AX3 = [(ALL, (), False), (1, (0,), False), (1, (-1,), False), (2, (0, 2), False),
       (2, (2, 1), True), (0, (), False), (ALL, (), True), (1, (1,), True)]
AX3_SHORT = [(ALL, (), False), (1, (1,), False), (2, (0, 2), True)]

Q_SETS = [np.array(0.3), np.array([0.0, 0.1, 0.25, 0.5, 1 / 3.0, 0.75, 0.9, 1.0]),
          np.array([[0.05, 0.5, 0.95], [2 / 3.0, 0.4, 0.123456789]])]
P_SETS = [np.array(37.5), np.array([0.0, 12.5, 33.3, 50.0, 66.6, 99.9, 100.0]),
          np.array([[1.0, 99.0], [42.0, 50.0]])]


# ---------------------------------------------------------------- quantile cases

def q_expected(p, fname, a, q, naxes, axes, keepdims, method):
    """libnd's answer for np.<fname>(a, q, ...): NumPy's, adjusted where the
    header documents a difference."""
    nan = fname.startswith("nan")
    pct = fname.endswith("percentile")
    ax = np_axis(naxes, axes)
    disc = method in DISCRETE
    qq = np.true_divide(q, 100) if pct else np.asarray(q, dtype=np.float64)
    has_inf = a.dtype.kind == "f" and np.isinf(a).any()
    empty_nan = nan and a.size == 0
    if has_inf or empty_nan:
        return ref_quantile(a, qq, ax, keepdims, method, nan)
    src = a.astype(np.uint8) if (a.dtype == np.bool_ and not disc) else a
    try:
        r = np.asarray(getattr(np, fname)(src, q, axis=ax, keepdims=keepdims, method=method))
    except ValueError as e:
        if "cannot reshape array of size 0" not in str(e):
            raise
        r = via_lanes(getattr(np, fname), src, ax, keepdims, q, method=method)
    if not disc and a.dtype == np.float32:
        r = r.astype(np.float32)
    if nan and disc and a.dtype.kind == "f":
        r = r.astype(a.dtype)
    if not disc and a.dtype.kind != "f":
        r = r.astype(np.float64)
    # the reference must give NumPy's bits on finite data
    ref = ref_quantile(a, qq, ax, keepdims, method, nan)
    assert ref.dtype == r.dtype and ref.shape == r.shape, (fname, method, ref.dtype, r.dtype,
                                                            ref.shape, r.shape)
    same = (ref == r) | (np.isnan(ref.astype(np.float64)) & np.isnan(r.astype(np.float64)))
    assert same.all(), (fname, method, a, q, ax, ref, r)
    return r


def add_quantile(p, fname, inp, q, naxes, axes, keepdims, method, carray=False):
    a = p.arr(inp)
    name = p.name(inp)
    qlist = [float(x) for x in np.asarray(q).ravel()]
    if carray:
        qexpr = "[%s]" % ", ".join(repr(x) for x in qlist)
    else:
        qexpr = repr(np.asarray(q).tolist())
    expr = "np.%s(%s, %s, axis=%s%s, method='%s')" % (
        fname, name, qexpr, axes_label(naxes, axes), ", keepdims=True" if keepdims else "", method)
    c = Case(fname + ("s" if carray else ""), expr, naxes=naxes, axes=pad(axes), keepdims=keepdims,
             method=METHODS.index(method))
    c.inp[0] = inp
    if carray:
        c.qv = qlist
        q = np.array(qlist)
    else:
        c.inp[1] = p.input("q%d" % len(p.inputs), np.asarray(q, dtype=np.float64))
    try:
        r = q_expected(p, fname, a, q, naxes, axes, keepdims, method)
    except AssertionError:
        raise
    except IndexError as e:  # a quantile of an empty slice: ND_ERR_VALUE in libnd
        c.status = "ND_ERR_INDEX" if type(e).__name__ == "AxisError" else "ND_ERR_VALUE"
        p.cases.append(c)
        return
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    c.res = [p.result(r)]
    p.cases.append(c)


def add_median(p, fname, inp, naxes, axes, keepdims):
    a = p.arr(inp)
    expr = "np.%s(%s, axis=%s%s)" % (fname, p.name(inp), axes_label(naxes, axes),
                                     ", keepdims=True" if keepdims else "")
    c = Case(fname, expr, naxes=naxes, axes=pad(axes), keepdims=keepdims)
    c.inp[0] = inp
    try:
        try:
            r = np.asarray(getattr(np, fname)(a, axis=np_axis(naxes, axes), keepdims=keepdims))
        except ValueError as e:
            if "cannot reshape array of size 0" not in str(e):
                raise
            r = via_lanes(getattr(np, fname), a, np_axis(naxes, axes), keepdims)
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    if r.dtype.kind != "f":
        r = r.astype(np.float64)
    c.res = [p.result(r)]
    p.cases.append(c)


def gen_quantiles(p, rng):
    bases = {}
    for dt in DTYPES:
        bases[dt] = p.input("a_" + dt, rand_vals(dt, (3, 4, 5), rng))
    # every method, dtype and q shape over a few axes
    for dt in DTYPES:
        inp = bases[dt]
        for method in METHODS:
            for qi, q in enumerate(Q_SETS):
                combos = AX3 if (dt in ("float64", "int16") and qi == 1) else AX3_SHORT
                for n, ax, k in combos:
                    add_quantile(p, "quantile", inp, q, n, ax, k, method)
        for n, ax, k in AX3:
            add_median(p, "median", inp, n, ax, k)
            add_median(p, "nanmedian", inp, n, ax, k)
    # percentiles, and the C-array forms
    for dt in ("float64", "float32", "int32", "uint8", "bool"):
        for method in METHODS:
            for q in P_SETS:
                add_quantile(p, "percentile", bases[dt], q, 1, (1,), False, method)
            add_quantile(p, "percentile", bases[dt], P_SETS[1], ALL, (), False, method, carray=True)
            add_quantile(p, "quantile", bases[dt], Q_SETS[1][:4], 2, (0, 2), True, method, carray=True)
    # full-range 64-bit integers: the discrete methods pick exact elements
    for dt in ("int64", "uint64", "int32", "uint32"):
        inp = p.input("big_" + dt, rand_vals(dt, (4, 9), rng, small=False))
        for method in sorted(DISCRETE):
            add_quantile(p, "quantile", inp, Q_SETS[1], 1, (1,), False, method)
            add_quantile(p, "quantile", inp, Q_SETS[0], ALL, (), False, method)
    # views
    for dt in ("float64", "float32", "int16", "uint8", "bool"):
        for vname, index, tr, bs in VIEWS:
            inp = p.input("%s_%s" % (vname, dt), p.arr(bases[dt]), index, tr, bs)
            for method in ("linear", "lower", "midpoint", "hazen", "inverted_cdf"):
                add_quantile(p, "quantile", inp, Q_SETS[1], 1, (0,), False, method)
                add_quantile(p, "quantile", inp, Q_SETS[0], 2, (1, 2), True, method)
            add_median(p, "median", inp, 1, (1,), False)
            add_median(p, "median", inp, ALL, (), False)
            add_median(p, "nanmedian", inp, 2, (0, 2), False)
    # NaN: propagated, or skipped by the nan* forms
    for dt in ("float64", "float32"):
        inp = p.input("nan_" + dt, nan_vals(dt, (3, 4, 7), rng))
        for method in METHODS:
            for n, ax, k in [(ALL, (), False), (1, (-1,), False), (2, (0, 1), True)]:
                add_quantile(p, "quantile", inp, Q_SETS[1], n, ax, k, method)
                add_quantile(p, "nanquantile", inp, Q_SETS[1], n, ax, k, method)
            add_quantile(p, "nanpercentile", inp, P_SETS[1], 1, (-1,), False, method)
            add_quantile(p, "nanquantile", inp, Q_SETS[1][:3], 1, (0,), False, method, carray=True)
            add_quantile(p, "nanpercentile", inp, P_SETS[1][:3], 1, (2,), True, method, carray=True)
        for n, ax, k in [(ALL, (), False), (1, (-1,), False), (1, (0,), True), (2, (0, 2), False)]:
            add_median(p, "median", inp, n, ax, k)
            add_median(p, "nanmedian", inp, n, ax, k)
    for dt in ("int8", "uint16"):
        for method in ("linear", "nearest", "weibull"):
            add_quantile(p, "nanquantile", bases[dt], Q_SETS[1], 1, (2,), False, method)
            add_quantile(p, "nanpercentile", bases[dt], P_SETS[0], ALL, (), False, method)
    # infinities (libnd's limits; ref_quantile)
    for dt in ("float64", "float32"):
        inf = np.array([[1.0, np.inf, 2.0, 3.0], [-np.inf, 0.5, 0.5, 4.0], [np.inf, np.inf, 1.0, -1.0],
                        [-np.inf, -np.inf, np.inf, np.inf], [2.0, 2.0, 2.0, np.inf]], dtype=dt)
        inp = p.input("inf_" + dt, inf)
        for method in METHODS:
            add_quantile(p, "quantile", inp, Q_SETS[1], 1, (1,), False, method)
            add_quantile(p, "nanquantile", inp, Q_SETS[1], 1, (0,), False, method)
        add_median(p, "median", inp, 1, (1,), False)
    # long lanes, runs of equal values (the selection's partitions)
    for dt, vals in [("float64", np.round(rng.normal(0, 5, 2000), 1)),
                     ("int32", rng.integers(0, 4, 1500)),
                     ("uint8", np.sort(rng.integers(0, 255, 700))),
                     ("float32", np.sort(rng.normal(0, 1, 600))[::-1].copy()),
                     ("int16", np.zeros(300)),
                     ("bool", rng.random(401) < 0.3)]:
        inp = p.input("long_" + dt, np.asarray(vals).astype(dt))
        for method in METHODS:
            add_quantile(p, "quantile", inp, Q_SETS[1], ALL, (), False, method)
        add_median(p, "median", inp, ALL, (), False)
    inp = p.input("long2_float64", rng.normal(0, 1, (40, 37)))
    for method in ("linear", "hazen", "nearest", "averaged_inverted_cdf"):
        for n, ax in [(1, (0,)), (1, (1,)), (ALL, ())]:
            add_quantile(p, "quantile", inp, Q_SETS[2], n, ax, False, method)
    add_median(p, "median", inp, 1, (0,), False)
    add_median(p, "median", inp, 1, (1,), False)
    # empty and 0-d
    for dt in ("float64", "int32", "bool"):
        for shape in [(0,), (2, 0, 3)]:
            inp = p.input("empty%s_%s" % ("x".join(map(str, shape)), dt), np.zeros(shape, dt))
            combos = [(ALL, (), False), (1, (0,), False)]
            if len(shape) == 3:
                combos += [(1, (1,), False), (1, (2,), True), (2, (0, 2), False)]
            for n, ax, k in combos:
                add_median(p, "median", inp, n, ax, k)
                add_median(p, "nanmedian", inp, n, ax, k)
                for method in ("linear", "lower"):
                    add_quantile(p, "quantile", inp, Q_SETS[1], n, ax, k, method)
                    if dt == "float64":
                        add_quantile(p, "nanquantile", inp, Q_SETS[1], n, ax, k, method)
    for dt, v in (("float64", 2.5), ("int8", -7), ("bool", True), ("float32", np.nan)):
        inp = p.input("zd_" + dt, np.array(v, dtype=dt))
        add_median(p, "median", inp, ALL, (), False)
        add_median(p, "nanmedian", inp, ALL, (), True)
        for method in ("linear", "nearest", "weibull"):
            add_quantile(p, "quantile", inp, Q_SETS[1], ALL, (), False, method)
            add_quantile(p, "nanquantile", inp, Q_SETS[0], ALL, (), True, method)
    # errors NumPy raises
    a = bases["float64"]
    add_quantile(p, "quantile", a, np.array([0.5, 1.5]), ALL, (), False, "linear")
    add_quantile(p, "quantile", a, np.array(-0.1), ALL, (), False, "lower")
    add_quantile(p, "quantile", a, np.array([np.nan]), ALL, (), False, "linear")
    add_quantile(p, "percentile", a, np.array([101.0]), ALL, (), False, "linear")
    add_quantile(p, "quantile", a, np.zeros((1, 1, 2)), ALL, (), False, "linear")
    add_quantile(p, "quantile", a, np.array(0.5), 1, (3,), False, "linear")
    add_quantile(p, "quantile", a, np.array(0.5), 2, (1, 1), False, "linear")
    add_median(p, "median", a, 1, (-4,), False)
    add_median(p, "nanmedian", a, 2, (0, 0), False)
    return bases


# ---------------------------------------------------------------- average, ptp, nan reductions

def add_average(p, inp, w, naxes, axes, keepdims, status=None):
    a = p.arr(inp)
    ax = np_axis(naxes, axes)
    wname = "None" if w is None else p.name(w)
    expr = "np.average(%s, axis=%s, weights=%s, returned=True%s)" % (
        p.name(inp), axes_label(naxes, axes), wname, ", keepdims=True" if keepdims else "")
    c = Case("average", expr, naxes=naxes, axes=pad(axes), keepdims=keepdims, flags=FL_RETURNED)
    c.inp[0] = inp
    c.inp[1] = w
    wa = None if w is None else p.arr(w)
    try:
        axarg = ax[0] if (ax is not None and len(ax) == 1 and wa is not None and wa.shape != a.shape) else ax
        avg, scl = np.average(a, axis=axarg, weights=wa, returned=True, keepdims=keepdims)
    except ZeroDivisionError as e:
        if wa is None:  # libnd gives the count of an empty result
            avg = np.mean(a, axis=ax, keepdims=keepdims)
            scl = np.zeros(np.shape(avg), dtype=np.asarray(avg).dtype)
        else:
            c.status = status_of(e)
            p.cases.append(c)
            return
    except Exception as e:  # noqa: BLE001
        assert status is not None, (expr, e)
        c.status = status
        p.cases.append(c)
        return
    assert status is None, expr
    avg, scl = np.asarray(avg), np.asarray(scl)
    tol = (1e-6, 1e-6) if avg.dtype == np.float32 else (1e-13, 1e-13)
    c.res = [p.result(avg, *tol), p.result(scl, *tol)]
    p.cases.append(c)


def add_red(p, op, inp, naxes, axes, keepdims, ddof=0.0):
    a = p.arr(inp)
    ax = np_axis(naxes, axes)
    extra = ", ddof=%g" % ddof if op in ("nanvar", "nanstd") else ""
    expr = "np.%s(%s, axis=%s%s%s)" % (op, p.name(inp), axes_label(naxes, axes),
                                       ", keepdims=True" if keepdims else "", extra)
    c = Case(op, expr, naxes=naxes, axes=pad(axes), keepdims=keepdims, ddof=ddof)
    c.inp[0] = inp
    try:
        kw = {"ddof": ddof} if op in ("nanvar", "nanstd") else {}
        r = np.asarray(getattr(np, op)(a, axis=ax, keepdims=keepdims, **kw))
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    if r.dtype.kind == "f":
        if op == "ptp":
            tol = (0.0, 0.0)
        elif op == "nanprod":
            tol = (1e-5, 0.0) if r.dtype == np.float32 else (1e-13, 0.0)
        else:
            tol = (1e-5, 1e-6) if r.dtype == np.float32 else (1e-12, 1e-12)
    else:
        tol = (0.0, 0.0)
    c.res = [p.result(r, *tol)]
    p.cases.append(c)


def ref_nanarg(a, axis, keepdims, op):
    """The first extreme that is not NaN, found with NumPy's own ops."""
    big = np.inf if op == "nanargmin" else -np.inf
    filled = np.where(np.isnan(a), big, a)
    ext = (np.min if op == "nanargmin" else np.max)(filled, axis=axis, keepdims=True)
    hit = (filled == ext) & ~np.isnan(a)
    if axis is None:
        r = np.argmax(hit.ravel())
        return np.array(r).reshape((1,) * a.ndim if keepdims else ())
    return np.argmax(hit, axis=axis, keepdims=keepdims)


def add_nanarg(p, op, inp, axis, keepdims):
    a = p.arr(inp)
    ax = None if axis == AXIS_NONE else axis
    expr = "np.%s(%s, axis=%s%s)" % (op, p.name(inp), ax, ", keepdims=True" if keepdims else "")
    c = Case(op, expr, axis=axis, keepdims=keepdims)
    c.inp[0] = inp
    try:
        r = np.asarray(getattr(np, op)(a, axis=ax, keepdims=keepdims)).astype(np.int64)
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    if a.dtype.kind == "f":
        ref = np.asarray(ref_nanarg(a, ax, keepdims, op)).astype(np.int64)
        if np.isinf(a).any():
            r = ref
        else:
            assert (ref == r).all(), (expr, ref, r)
    c.res = [p.result(r)]
    p.cases.append(c)


def add_cum(p, op, inp, axis):
    a = p.arr(inp)
    ax = None if axis == AXIS_NONE else axis
    expr = "np.%s(%s, axis=%s)" % (op, p.name(inp), ax)
    c = Case(op, expr, axis=axis)
    c.inp[0] = inp
    try:
        r = np.asarray(getattr(np, op)(a, axis=ax))
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    tol = (0.0, 0.0)
    if r.dtype.kind == "f":
        tol = (1e-5, 1e-5) if r.dtype == np.float32 else (1e-13, 1e-13)
    c.res = [p.result(r, *tol)]
    p.cases.append(c)


def gen_reductions(p, rng, bases):
    nan_in = {dt: p.input("nanr_" + dt, nan_vals(dt, (3, 4, 5), rng)) for dt in ("float32", "float64")}
    red_inputs = list(bases.values()) + list(nan_in.values())
    for inp in red_inputs:
        for op in ("ptp", "nanprod", "nanvar", "nanstd"):
            for n, ax, k in AX3:
                add_red(p, op, inp, n, ax, k)
        for ddof in (1.0, 2.5, 4.0, 5.0):
            add_red(p, "nanvar", inp, 1, (1,), False, ddof)
            add_red(p, "nanstd", inp, 2, (0, 2), True, ddof)
        for op in ("nanargmin", "nanargmax"):
            for axis in (AXIS_NONE, 0, 1, -1, 3):
                for k in (False, True):
                    add_nanarg(p, op, inp, axis, k)
        for op in ("nancumsum", "nancumprod"):
            for axis in (AXIS_NONE, 0, 1, 2, -1, 3):
                add_cum(p, op, inp, axis)
    for dt in ("float64", "float32", "int16", "bool"):
        for vname, index, tr, bs in VIEWS:
            inp = p.input("rv%s_%s" % (vname, dt), p.arr(bases[dt]), index, tr, bs)
            for op in ("ptp", "nanprod", "nanvar", "nanstd"):
                add_red(p, op, inp, 2, (0, 1), False)
            add_nanarg(p, "nanargmax", inp, 1, False)
            add_cum(p, "nancumsum", inp, 0)
    # NaN against infinities: nanargmin/nanargmax never point at a NaN
    for dt in ("float64", "float32"):
        inf = np.array([[np.nan, np.inf, 1.0], [np.nan, np.inf, np.inf], [np.nan, -np.inf, np.nan],
                        [np.nan, np.nan, np.nan], [-np.inf, np.nan, -np.inf]], dtype=dt)
        inp = p.input("inf_nanarg_" + dt, inf)
        for op in ("nanargmin", "nanargmax"):
            for axis in (1, AXIS_NONE):
                add_nanarg(p, op, inp, axis, False)
        inp = p.input("inf_nanarg2_" + dt, inf[[0, 1, 2, 4]])
        for op in ("nanargmin", "nanargmax"):
            add_nanarg(p, op, inp, 1, True)
        for op in ("nanvar", "nanstd", "nanprod", "ptp"):
            add_red(p, op, inp, 1, (1,), False)
        for op in ("nancumsum", "nancumprod"):
            add_cum(p, op, inp, 1)
    # empty and 0-d
    for dt in ("float64", "int32"):
        inp = p.input("rempty_" + dt, np.zeros((2, 0, 3), dt))
        for op in ("ptp", "nanprod", "nanvar", "nanstd"):
            for n, ax, k in [(ALL, (), False), (1, (1,), False), (1, (0,), True), (2, (0, 2), False)]:
                add_red(p, op, inp, n, ax, k)
        for op in ("nanargmin", "nanargmax"):
            for axis in (AXIS_NONE, 0, 1, 2):
                add_nanarg(p, op, inp, axis, False)
        for op in ("nancumsum", "nancumprod"):
            for axis in (AXIS_NONE, 1):
                add_cum(p, op, inp, axis)
    for dt, v in (("float64", np.nan), ("float32", 1.5), ("int8", -3), ("uint64", 2**64 - 1)):
        inp = p.input("rzd_" + dt, np.array(v, dtype=dt))
        for op in ("ptp", "nanprod", "nanvar", "nanstd"):
            add_red(p, op, inp, ALL, (), False)
            add_red(p, op, inp, 0, (), True)
        for op in ("nanargmin", "nanargmax"):
            add_nanarg(p, op, inp, AXIS_NONE, False)
            add_nanarg(p, op, inp, 0, True)
        for op in ("nancumsum", "nancumprod"):
            add_cum(p, op, inp, AXIS_NONE)
            add_cum(p, op, inp, 0)
    # a wrapping ptp
    inp = p.input("wrap_int8", np.array([[-128, 127, 0], [5, -5, 1]], dtype=np.int8))
    add_red(p, "ptp", inp, ALL, (), False)
    add_red(p, "ptp", inp, 1, (1,), False)

    # average
    for dt in DTYPES:
        inp = bases[dt]
        for n, ax, k in AX3:
            add_average(p, inp, None, n, ax, k)
    for adt, wdt in [("float64", "float64"), ("float32", "float32"), ("float32", "int64"),
                     ("int16", "float32"), ("int32", "int8"), ("bool", "bool"), ("uint8", "uint16"),
                     ("float64", "bool"), ("float32", "bool"), ("int64", "float64")]:
        inp = bases[adt]
        wv = np.abs(rand_vals(wdt, (3, 4, 5), rng)) if wdt != "bool" else (rng.random((3, 4, 5)) < 0.7)
        wv = wv.astype(wdt)
        if wdt != "bool":
            wv[wv == 0] = 1
        w = p.input("w_%s_%s" % (adt, wdt), wv)
        for n, ax, k in [(ALL, (), False), (1, (0,), False), (2, (0, 2), True), (1, (-1,), True)]:
            add_average(p, inp, w, n, ax, k)
        for axis in (0, 1, 2):
            w1 = p.input("w1_%s_%s_%d" % (adt, wdt, axis),
                         (np.arange(p.arr(inp).shape[axis]) % 3 + 1).astype(wdt))
            add_average(p, inp, w1, 1, (axis,), False)
            add_average(p, inp, w1, 1, (axis,), True)
    # weights on views, weights summing to zero, bad shapes
    v = p.input("avT_float64", p.arr(bases["float64"]), None, True)
    wv = p.input("awT", np.linspace(0.5, 2, 60).reshape(5, 4, 3))
    add_average(p, v, wv, 2, (0, 1), False)
    wz = p.input("wzero", np.array([1.0, -1.0, 0.0, 0.0]))
    add_average(p, bases["float64"], wz, 1, (1,), False)
    w_bad = p.input("wbad", np.ones(7))
    add_average(p, bases["float64"], w_bad, 1, (1,), False, status="ND_ERR_SHAPE")
    add_average(p, bases["float64"], w_bad, ALL, (), False, status="ND_ERR_SHAPE")
    w2d = p.input("w2d", np.ones((4, 5)))
    add_average(p, bases["float64"], w2d, 1, (1,), False, status="ND_ERR_SHAPE")
    w4 = p.input("w4", np.ones(4))
    add_average(p, bases["float64"], w4, 2, (1, 2), False, status="ND_ERR_SHAPE")
    e = p.input("av_empty", np.zeros((2, 0, 3)))
    add_average(p, e, None, 1, (1,), False)
    add_average(p, e, None, 1, (0,), False)
    zd = p.input("av_zd", np.array(4.5, dtype=np.float32))
    add_average(p, zd, None, ALL, (), False)
    wzd = p.input("av_wzd", np.array(2.0, dtype=np.float32))
    add_average(p, zd, wzd, ALL, (), True)


# ---------------------------------------------------------------- cov, corrcoef

def add_cov(p, op, m, y=None, rowvar=True, bias=False, ddof=None, fw=None, aw=None, status=None):
    args = [p.name(m)]
    kw = {}
    if y is not None:
        args.append("y=" + p.name(y))
        kw["y"] = p.arr(y)
    if not rowvar:
        args.append("rowvar=False")
    if op == "cov":
        if bias:
            args.append("bias=True")
        if ddof is not None:
            args.append("ddof=%d" % ddof)
        if fw is not None:
            args.append("fweights=" + p.name(fw))
        if aw is not None:
            args.append("aweights=" + p.name(aw))
        # copies: NumPy 1.24 multiplies a float64 fweights array by aweights in place
        kw.update(bias=bias, ddof=ddof, fweights=None if fw is None else p.arr(fw).copy(),
                  aweights=None if aw is None else p.arr(aw).copy())
    expr = "np.%s(%s)" % (op, ", ".join(args))
    c = Case(op, expr, flags=(FL_ROWVAR if rowvar else 0) | (FL_BIAS if bias else 0),
             ddof=-1.0 if ddof is None else float(ddof))
    c.inp = [m, -1 if y is None else y, -1 if fw is None else fw, -1 if aw is None else aw]
    try:
        r = np.asarray(getattr(np, op)(p.arr(m), rowvar=rowvar, **kw))
    except Exception as e:  # noqa: BLE001
        c.status = status or status_of(e)
        p.cases.append(c)
        return
    assert status is None, expr
    c.res = [p.result(r, 1e-12, 1e-12)]
    p.cases.append(c)


def gen_cov(p, rng):
    ms = {}
    for dt in ("float64", "float32", "int32", "uint8", "bool", "int8"):
        ms[dt] = p.input("m_" + dt, rand_vals(dt, (3, 6), rng))
    for dt, m in ms.items():
        for op in ("cov", "corrcoef"):
            add_cov(p, op, m)
            add_cov(p, op, m, rowvar=False)
        for bias in (False, True):
            # ddof >= N divides by 0: inf or NaN by the sign of each sum,
            # which for integers can be an exact 0 only in some orders
            for ddof in (None, 0, 1, 2, 5) + ((6, 7) if dt.startswith("float") else ()):
                add_cov(p, "cov", m, bias=bias, ddof=ddof)
    m = ms["float64"]
    y = p.input("y_f64", rng.normal(0, 2, (2, 6)))
    y1 = p.input("y1_int16", rng.integers(-9, 9, 6).astype(np.int16))
    ybad = p.input("ybad", rng.normal(0, 2, (2, 5)))
    yT = p.input("yT_f32", rng.normal(0, 2, (6, 2)).astype(np.float32))
    for op in ("cov", "corrcoef"):
        add_cov(p, op, m, y)
        add_cov(p, op, m, y1)
        add_cov(p, op, m, ybad, status="ND_ERR_SHAPE")
        add_cov(p, op, p.input("mT_f64", p.arr(m), None, True), yT, rowvar=False)
    v1 = p.input("v1_f64", rng.normal(0, 3, 7))
    v1b = p.input("v1b_f64", rng.normal(0, 3, 7))
    for op in ("cov", "corrcoef"):
        add_cov(p, op, v1)
        add_cov(p, op, v1, rowvar=False)
        add_cov(p, op, v1, v1b)
        add_cov(p, op, p.input("zd_cov", np.array(3.0)))
        add_cov(p, op, p.input("row1", rng.normal(0, 1, (1, 5))))
        add_cov(p, op, p.input("col1", rng.normal(0, 1, (5, 1))), rowvar=False)
        add_cov(p, op, p.input("const", np.full((2, 4), 2.5)))
        add_cov(p, op, p.input("nan_cov", np.array([[1.0, np.nan, 2.0], [0.5, 1.0, 3.0]])))
        add_cov(p, op, p.input("m3d", np.zeros((2, 2, 2))), status="ND_ERR_SHAPE")
        add_cov(p, op, p.input("novars", np.zeros((0, 4))))
        add_cov(p, op, p.input("noobs", np.zeros((3, 0))))
        add_cov(p, op, p.input("mneg", rng.normal(0, 1, (4, 3)), "::-1, ::-1"))
        add_cov(p, op, p.input("mbc", rng.normal(0, 1, (1, 5)), None, False, (3, 5)))
    fw = p.input("fw", np.array([1, 2, 0, 3, 1, 1], dtype=np.int64))
    fwf = p.input("fwf", np.array([1.0, 2.0, 1.0, 3.0, 4.0, 1.0]))
    aw = p.input("aw", np.array([0.5, 1.0, 2.0, 0.25, 1.0, 3.0]))
    awi = p.input("awi", np.array([1, 2, 3, 1, 2, 3], dtype=np.uint8))
    for ddof in (None, 0, 1, 3):
        for bias in (False, True):
            add_cov(p, "cov", m, fw=fw, ddof=ddof, bias=bias)
            add_cov(p, "cov", m, aw=aw, ddof=ddof, bias=bias)
            add_cov(p, "cov", m, fw=fwf, aw=aw, ddof=ddof, bias=bias)
            add_cov(p, "cov", ms["int8"], fw=fw, aw=awi, ddof=ddof, bias=bias)
    add_cov(p, "cov", m, y, fw=fw, aw=aw)
    fwbad = p.input("fwbad", np.array([1.0, 2.5, 1.0, 1.0, 1.0, 1.0]))
    fwneg = p.input("fwneg", np.array([1, -2, 1, 1, 1, 1]))
    awneg = p.input("awneg", np.array([1.0, -0.5, 1.0, 1.0, 1.0, 1.0]))
    fw2d = p.input("fw2d", np.ones((2, 3), dtype=np.int64))
    fw5 = p.input("fw5", np.ones(5, dtype=np.int64))
    fw0 = p.input("fw0", np.zeros(6, dtype=np.int64))
    add_cov(p, "cov", m, fw=fwbad, status="ND_ERR_VALUE")
    add_cov(p, "cov", m, fw=fwneg)
    add_cov(p, "cov", m, aw=awneg)
    add_cov(p, "cov", m, fw=fw2d)
    add_cov(p, "cov", m, fw=fw5)
    add_cov(p, "cov", m, aw=fw5)
    add_cov(p, "cov", m, fw=fw0)


# ---------------------------------------------------------------- digitize, histograms

def add_digitize(p, x, bins, right):
    expr = "np.digitize(%s, %s, right=%s)" % (p.name(x), p.name(bins), right)
    c = Case("digitize", expr, flags=FL_RIGHT if right else 0)
    c.inp[0], c.inp[1] = x, bins
    try:
        r = np.asarray(np.digitize(p.arr(x), p.arr(bins), right=right)).astype(np.int64)
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        if "too deep" in str(e) or "too small depth" in str(e):
            c.status = "ND_ERR_SHAPE"
        p.cases.append(c)
        return
    c.res = [p.result(r)]
    p.cases.append(c)


def add_hist_edges(p, a, edges, w=None, density=False, status=None):
    expr = "np.histogram(%s, bins=%s, weights=%s%s)[0]" % (
        p.name(a), p.name(edges), "None" if w is None else p.name(w), ", density=True" if density else "")
    c = Case("histogram_edges", expr, flags=FL_DENSITY if density else 0)
    c.inp[0], c.inp[1], c.inp[2] = a, edges, -1 if w is None else w
    if status is not None:  # libnd refuses (documented), whatever NumPy does
        c.status = status
        p.cases.append(c)
        return
    try:
        r = np.asarray(np.histogram(p.arr(a), bins=p.arr(edges),
                                    weights=None if w is None else p.arr(w), density=density)[0])
    except Exception as e:  # noqa: BLE001
        c.status = status_of(e)
        p.cases.append(c)
        return
    tol = (0.0, 0.0)
    if r.dtype.kind == "f":
        # float32 weights: NumPy differences float32 cumulative sums
        f32 = r.dtype == np.float32 or (w is not None and p.arr(w).dtype == np.float32)
        tol = (1e-5, 1e-6) if f32 else (1e-12, 1e-12)
    c.res = [p.result(r, *tol)]
    p.cases.append(c)


def add_hdd(p, sample, bins=None, edge_in=None, rng_=None, density=False, w=None, two=None,
            status=None):
    """histogramdd (two is None) or histogram2d (two = (x, y) inputs)."""
    D = 2 if two is not None else (1 if p.arr(sample).ndim < 2 else p.arr(sample).shape[1])
    edge_in = edge_in or [-1] * D
    npbins = []
    for i in range(D):
        if edge_in[i] >= 0:
            npbins.append(p.arr(edge_in[i]))
        else:
            npbins.append(10 if bins is None else bins[i])
    nprange = None
    if rng_ is not None:
        nprange = [None if (rng_[2 * i] == 0 and rng_[2 * i + 1] == 0) else (rng_[2 * i], rng_[2 * i + 1])
                   for i in range(D)]
    blabel = "[%s]" % ", ".join(p.name(edge_in[i]) if edge_in[i] >= 0 else str(npbins[i]) for i in range(D))
    wname = "None" if w is None else p.name(w)
    if two is not None:
        expr = "np.histogram2d(%s, %s, bins=%s, range=%s, density=%s, weights=%s)" % (
            p.name(two[0]), p.name(two[1]), blabel, nprange, density, wname)
        op = "histogram2d"
    else:
        expr = "np.histogramdd(%s, bins=%s, range=%s, density=%s, weights=%s)" % (
            p.name(sample), blabel, nprange, density, wname)
        op = "histogramdd"
    c = Case(op, expr, flags=FL_DENSITY if density else 0, bins=bins, edge_in=pad(edge_in)[:3],
             range=rng_)
    if two is not None:
        c.inp[0], c.inp[1] = two
    else:
        c.inp[0] = sample
    c.inp[2] = -1 if w is None else w
    try:
        wa = None if w is None else p.arr(w)
        if two is not None:
            h, xe, ye = np.histogram2d(p.arr(two[0]), p.arr(two[1]), bins=npbins, range=nprange,
                                       density=density, weights=wa)
            edges = [xe, ye]
        else:
            h, edges = np.histogramdd(p.arr(sample), bins=npbins, range=nprange, density=density,
                                      weights=wa)
    except Exception as e:  # noqa: BLE001
        assert status is not None, (expr, e)
        c.status = status
        p.cases.append(c)
        return
    assert status is None, expr
    c.res = [p.result(np.asarray(h), 1e-12, 1e-12)] + [p.result(np.asarray(e), 1e-15, 0.0) for e in edges]
    p.cases.append(c)


def gen_binning(p, rng):
    xs = {dt: p.input("x_" + dt, rand_vals(dt, (4, 5), rng)) for dt in DTYPES}
    binsets = {
        "inc_f64": np.array([-20.0, -5.0, 0.0, 0.5, 3.0, 10.0, 25.0]),
        "dec_f64": np.array([25.0, 10.0, 0.0, -5.0, -30.0]),
        "inc_int": np.array([-10, 0, 0, 5, 20, 100], dtype=np.int16),
        "dec_u8": np.array([200, 100, 50, 7, 0], dtype=np.uint8),
        "inc_f32": np.array([-1.5, 0.25, 2.0], dtype=np.float32),
        "const": np.array([3.0, 3.0, 3.0]),
        "one": np.array([0.0]),
        "empty": np.array([]),
        "bool": np.array([False, True]),
        "nonmono": np.array([1.0, 3.0, 2.0]),
        "twod": np.array([[1.0, 2.0], [3.0, 4.0]]),
        "zerod": np.array(1.0),
        "dec_dup": np.array([5.0, 5.0, 2.0, 2.0, -1.0]),
    }
    bins = {k: p.input("bins_" + k, v) for k, v in binsets.items()}
    for dt in DTYPES:
        for k in bins:
            for right in (False, True):
                if dt not in ("float64", "int16", "uint8", "bool") and k not in ("inc_f64", "dec_f64"):
                    continue
                add_digitize(p, xs[dt], bins[k], right)
    xnan = p.input("x_nan", np.array([np.nan, -np.inf, 0.0, 3.0, np.inf, 25.0, -5.0]))
    for k in ("inc_f64", "dec_f64", "const", "dec_dup"):
        for right in (False, True):
            add_digitize(p, xnan, bins[k], right)
    xv = p.input("x_view", p.arr(xs["float64"]), "::-1, ::2", True)
    add_digitize(p, xv, p.input("bins_rev", binsets["inc_f64"], "::-1"), False)
    add_digitize(p, xv, p.input("bins_stride", binsets["inc_f64"], "::2"), True)
    add_digitize(p, p.input("x_zd", np.array(0.25)), bins["inc_f64"], False)
    add_digitize(p, p.input("x_empty", np.zeros((0, 3))), bins["inc_f64"], False)

    # histogram over explicit edges
    data = {dt: p.input("h_" + dt, rand_vals(dt, (6, 7), rng)) for dt in DTYPES}
    edgesets = {
        "f64": np.array([-30.0, -10.0, -2.5, 0.0, 1.0, 7.5, 30.0]),
        "int": np.array([-40, -10, 0, 0, 10, 41], dtype=np.int32),
        "u8": np.array([0, 50, 100, 101, 200], dtype=np.uint8),
        "f32": np.array([-5.0, 0.0, 5.0], dtype=np.float32),
        "dup_last": np.array([-10.0, 0.0, 10.0, 10.0]),
        "one": np.array([0.0]),
        "bool": np.array([False, True]),
    }
    edges = {k: p.input("e_" + k, v) for k, v in edgesets.items()}
    for dt in DTYPES:
        for k in edges:
            if dt not in ("float64", "float32", "int8", "uint8", "bool") and k not in ("f64", "int"):
                continue
            add_hist_edges(p, data[dt], edges[k])
            add_hist_edges(p, data[dt], edges[k], density=True)
    for wdt in ("float64", "float32", "int16", "uint8", "int64"):
        wv = rand_vals(wdt, (6, 7), rng)
        if wdt in ("float64", "float32"):
            wv = np.abs(wv).astype(wdt)
        w = p.input("hw_" + wdt, wv)
        for k in ("f64", "int", "dup_last"):
            add_hist_edges(p, data["float64"], edges[k], w)
            add_hist_edges(p, data["int16"], edges[k], w, density=True)
    wb = p.input("hw_bool", rng.random((6, 7)) < 0.5)
    add_hist_edges(p, data["float64"], edges["f64"], wb, status="ND_ERR_DTYPE")
    add_hist_edges(p, data["float64"], edges["f64"], p.input("hw_bad", np.ones((7, 6))),
                   status="ND_ERR_SHAPE")
    hnan = p.input("h_nan", np.array([np.nan, 1.0, 30.0, -30.0, np.inf, 7.5, 7.4999]))
    add_hist_edges(p, hnan, edges["f64"])
    add_hist_edges(p, hnan, edges["dup_last"])
    add_hist_edges(p, p.input("h_view", p.arr(data["float64"]), "::-1, 1::2", True), edges["f64"])
    add_hist_edges(p, p.input("h_empty", np.zeros(0)), edges["f64"])
    add_hist_edges(p, p.input("h_zd", np.array(1.0)), edges["f64"])
    add_hist_edges(p, data["float64"], p.input("e_bad", np.array([0.0, 2.0, 1.0])))
    add_hist_edges(p, data["float64"], p.input("e_2d", np.array([[0.0, 1.0], [2.0, 3.0]])),
                   status="ND_ERR_SHAPE")
    add_hist_edges(p, data["float64"], p.input("e_empty", np.array([])), status="ND_ERR_VALUE")
    add_hist_edges(p, data["float64"], p.input("e_view", edgesets["f64"][::-1].copy(), "::-1"))

    # histogramdd and histogram2d
    samples = {}
    for dt in ("float64", "float32", "int16", "uint8", "bool", "int64"):
        samples[dt] = p.input("s_" + dt, rand_vals(dt, (25, 3), rng))
    e1 = p.input("dd_e1", np.array([-20.0, -5.0, 0.0, 5.0, 20.0]))
    e2 = p.input("dd_e2", np.array([-40, 0, 40], dtype=np.int32))
    e3 = p.input("dd_e3", np.array([0.0, 0.0, 1.0]))
    for dt, s in samples.items():
        add_hdd(p, s)
        add_hdd(p, s, bins=[3, 4, 2])
        add_hdd(p, s, bins=[3, 4, 2], density=True)
        add_hdd(p, s, bins=[2, 1, 5], rng_=[-10.0, 10.0, 0.0, 0.0, 0.0, 50.0])
        add_hdd(p, s, bins=[4, 3, 2], edge_in=[e1, -1, e2])
        add_hdd(p, s, bins=[4, 3, 2], edge_in=[e1, e3, e2], density=True)
    wdd = p.input("dd_w", np.abs(rng.normal(0, 1, 25)))
    wdi = p.input("dd_wi", rng.integers(0, 5, 25).astype(np.int8))
    for w in (wdd, wdi):
        add_hdd(p, samples["float64"], bins=[3, 3, 3], w=w)
        add_hdd(p, samples["int16"], bins=[2, 5, 3], w=w, density=True, edge_in=[-1, e2, -1])
    s1 = p.input("s_1d", rng.normal(0, 1, 30))
    add_hdd(p, s1, bins=[7])
    add_hdd(p, s1, edge_in=[e1], density=True)
    add_hdd(p, p.input("s_zd", np.array(2.5)), bins=[3])
    add_hdd(p, p.input("s_empty", np.zeros((0, 2))), bins=[2, 3])
    add_hdd(p, p.input("s_const", np.full((4, 2), 7.0, dtype=np.float32)), bins=[3, 2])
    add_hdd(p, p.input("s_const_i", np.full((4, 1), -3, dtype=np.int8)), bins=[4])
    add_hdd(p, p.input("s_nan", np.array([[np.nan, 1.0], [2.0, 3.0], [1.0, np.nan]])), bins=[2, 2],
            rng_=[0.0, 4.0, 0.0, 4.0])
    add_hdd(p, p.input("s_view", p.arr(samples["float64"]), "::-2, ::-1"), bins=[2, 3, 4])
    add_hdd(p, p.input("s_bc", rng.normal(0, 1, (1, 3)), None, False, (6, 3)), bins=[2, 2, 2])
    add_hdd(p, p.input("s_edge", np.array([[0.0, 1.0], [1.0, 1.0], [0.5, 0.0]])), bins=[2, 2])
    # errors
    add_hdd(p, samples["float64"], bins=[0, 2, 2], status="ND_ERR_VALUE")
    add_hdd(p, samples["float64"], bins=[2, 2, 2], rng_=[1.0, -1.0, 0.0, 0.0, 0.0, 0.0],
            status="ND_ERR_VALUE")
    add_hdd(p, samples["float64"], bins=[2, 2, 2], rng_=[0.0, np.inf, 0.0, 0.0, 0.0, 0.0],
            status="ND_ERR_VALUE")
    add_hdd(p, p.input("s_inf", np.array([[np.inf, 1.0], [0.0, 2.0]])), bins=[2, 2], status="ND_ERR_VALUE")
    add_hdd(p, samples["float64"], edge_in=[e1, p.input("dd_ebad", np.array([2.0, 1.0])), e2],
            status="ND_ERR_VALUE")
    add_hdd(p, samples["float64"], bins=[2, 2, 2], w=p.input("dd_wbad", np.ones(24)), status="ND_ERR_SHAPE")
    # histogram2d
    hx = p.input("h2x", rng.normal(0, 3, 40))
    hy = p.input("h2y", rng.normal(1, 2, 40).astype(np.float32))
    hyi = p.input("h2yi", rng.integers(-5, 5, 40).astype(np.int16))
    hw = p.input("h2w", np.abs(rng.normal(0, 1, 40)))
    for y in (hy, hyi):
        add_hdd(p, None, two=(hx, y))
        add_hdd(p, None, two=(hx, y), bins=[5, 3])
        add_hdd(p, None, two=(hx, y), bins=[5, 3], density=True, w=hw)
        add_hdd(p, None, two=(hx, y), bins=[4, 4], rng_=[-3.0, 3.0, 0.0, 0.0])
        add_hdd(p, None, two=(hx, y), bins=[4, 2], edge_in=[e1, -1])
    add_hdd(p, None, two=(hx, p.input("h2short", np.zeros(39))), bins=[2, 2], status="ND_ERR_SHAPE")


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
    return repr(float(v))


def c_str(s):
    return "NULL" if s is None else '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def wrap(items, per_line):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append("    " + ", ".join(items[i:i + per_line]) + ",")
    return "\n".join(lines) if lines else "    0,"


def shapen(shape, n):
    s = list(shape) + [0] * (n - len(shape))
    return "{%s}" % ", ".join(str(x) for x in s)


def write(p):
    out = []
    out.append("/* Statistics test cases: NumPy %s's answers (see gen_stats.py for the\n"
               " * documented differences it derives).\n"
               " * Generated by tests/data/gen_stats.py; do not edit by hand. */\n" % np.__version__)
    out.append("#ifndef ND_STATS_CASES_H\n#define ND_STATS_CASES_H\n")
    out.append("#include <math.h>\n#include <stdbool.h>\n#include <stdint.h>\n\n#include \"nd.h\"\n")
    out.append("/* An input: a C-ordered base of dtype and shape, values at off in st_fpool\n"
               " * (floats) or st_ipool (bool and integers, uint64 as its bit pattern);\n"
               " * then nd_view(base, index) if index, the axes reversed if transpose, and\n"
               " * nd_broadcast_to(bshape) if bndim. name is the NumPy variable. */\n"
               "typedef struct st_input {\n    const char *name;\n    nd_dtype dtype;\n    int ndim;\n"
               "    int64_t shape[4];\n    int off;\n    const char *index;\n    bool transpose;\n"
               "    int bndim;\n    int64_t bshape[4];\n} st_input;\n")
    out.append("/* An expected result: dtype, shape, values at off (st_fpool for floats,\n"
               " * else st_ipool), compared within atol + rtol * |want|. */\n"
               "typedef struct st_result {\n    nd_dtype dtype;\n    int ndim;\n    int64_t shape[6];\n"
               "    int off;\n    double rtol, atol;\n} st_result;\n")
    out.append("/* One call of nd_<op>. in[]: the inputs (-1: NULL): a, then q, weights, y,\n"
               " * bins or edges (see test_stats.c's run_case for each op). naxes/axes/keepdims\n"
               " * for reductions (-1 = ND_ALL_AXES), axis for single-axis ops, method an\n"
               " * nd_quantile_method, ddof (cov: -1 for None), flags ST_* bits, nq values qv\n"
               " * for the C-array forms, nbins counts in bins (else NULL), edge_in the edge\n"
               " * inputs per dimension, nrange bounds in range (else NULL). On ND_OK the\n"
               " * results are st_results[res .. res + nres). */\n"
               "enum { ST_ROWVAR = 1, ST_BIAS = 2, ST_RIGHT = 4, ST_DENSITY = 8, ST_RETURNED = 16 };\n"
               "typedef struct st_case {\n    const char *op;\n    int in[4];\n    int naxes;\n"
               "    int axes[4];\n    bool keepdims;\n    int axis;\n    int method;\n    double ddof;\n"
               "    int flags;\n    int nq;\n    double qv[8];\n    int nbins;\n    int64_t bins[3];\n"
               "    int edge_in[3];\n    int nrange;\n    double range[6];\n    nd_status status;\n"
               "    int nres, res;\n    const char *expr;\n} st_case;\n")
    lines = []
    for c in p.cases:
        c.inp = [-1 if x is None else x for x in c.inp]
        qv = c.qv + [0.0] * (8 - len(c.qv))
        bins = list(c.bins or []) + [0] * (3 - len(c.bins or []))
        rng_ = list(c.range or []) + [0.0] * (6 - len(c.range or []))
        lines.append('    {"%s", {%d, %d, %d, %d}, %s, {%d, %d, %d, %d}, %s, %s, %d, %s, %d, %d, {%s}, '
                     '%d, {%s}, {%d, %d, %d}, %d, {%s}, %s, %d, %d, %s},'
                     % (c.op, c.inp[0], c.inp[1], c.inp[2], c.inp[3],
                        "ND_ALL_AXES" if c.naxes == ALL else str(c.naxes), *c.axes[:4],
                        "true" if c.keepdims else "false",
                        "ND_AXIS_NONE" if c.axis == AXIS_NONE else str(c.axis), c.method,
                        c_float(c.ddof), c.flags, len(c.qv), ", ".join(c_float(x) for x in qv),
                        len(c.bins or []), ", ".join(str(x) for x in bins), *c.edge_in[:3],
                        len(c.range or []), ", ".join(c_float(x) for x in rng_), c.status,
                        len(c.res), c.res[0] if c.res else -1, c_str(c.expr)))
    rlines = []
    for dt, shape, off, rtol, atol in p.results:
        rlines.append("    {%s, %d, %s, %d, %s, %s}," % (ND[dt], len(shape), shapen(shape, 6), off,
                                                       c_float(rtol), c_float(atol)))
    ilines = []
    for name, dt, shape, off, index, tr, bs, _ in p.inputs:
        ilines.append('    {"%s", %s, %d, %s, %d, %s, %s, %d, %s},'
                      % (name, ND[dt], len(shape), shapen(shape, 4), off, c_str(index),
                         "true" if tr else "false", len(bs) if bs else 0, shapen(bs or (), 4)))
    out.append("static const int64_t st_ipool[] = {\n%s\n};\n" % wrap([c_int(v) for v in p.ipool], 8))
    out.append("static const double st_fpool[] = {\n%s\n};\n" % wrap([c_float(v) for v in p.fpool], 4))
    out.append("static const st_input st_inputs[] = {\n%s\n};\n" % "\n".join(ilines))
    out.append("static const st_result st_results[] = {\n%s\n};\n" % "\n".join(rlines))
    out.append("static const st_case st_cases[] = {\n%s\n};\n" % "\n".join(lines))
    out.append("#endif\n")
    with open(OUT, "w") as f:
        f.write("\n".join(out))


def main():
    rng = np.random.default_rng(20240610)
    p = Pools()
    bases = gen_quantiles(p, rng)
    gen_reductions(p, rng, bases)
    gen_cov(p, rng)
    gen_binning(p, rng)
    write(p)
    ops = {}
    for c in p.cases:
        ops[c.op] = ops.get(c.op, 0) + 1
    print("%d cases (%d errors), %d inputs, %d results; %s" % (
        len(p.cases), sum(c.status != "ND_OK" for c in p.cases), len(p.inputs), len(p.results),
        ", ".join("%s %d" % kv for kv in sorted(ops.items()))))


if __name__ == "__main__":
    main()

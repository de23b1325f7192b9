#!/usr/bin/python3
"""Generates tests/data/elementwise_cases.h: NumPy's answers for every libnd
element-wise operation (ND_BINARY_OPS, ND_UNARY_OPS, where, clip) on edge
values of every dtype and on mixed dtype pairs, for tests/test_elementwise.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_elementwise.py

Binary cases are outer products: a (m values) against b (k values) gives an
(m, k) result, so every pair of edge values meets. Unary and ternary cases
are 1-D. Where NumPy refuses an input (TypeError, ValueError) the case
records the error libnd must report instead. Where libnd documents a
deviation from NumPy (include/nd.h, src/ops/elementwise.c) the expected
value follows libnd's rule and the case carries a note saying so.

Values are written as shortest round-trip decimals (repr), which parse back
to the same double exactly; 64-bit integers are written as int64 literals
(uint64 as their two's complement bit pattern).

Results are exact (signed zeros included) except for transcendental
functions, which get BASE_ULPS plus however far NumPy's own answer is from
a long double reference. Two answers depend on the machine NumPy runs on:
its SIMD transcendentals (hence the ULP allowance) and the sign of zero that
maximum/minimum/fmax/fmin give for a tie between -0.0 and +0.0 (the AVX2 and
AVX-512 loops return the second operand, which libnd matches). The committed
header was generated on an x86-64 machine with AVX2 and without AVX-512 (so
NumPy's power and arctan2 there are libm's, not SVML's; an AVX-512 machine
gives last-bit differences within the allowance).

The functions issue 10 added (NEW_OPS) also get random values on a fixed
seed, and nan_to_num and array_equiv get tables of their own.
"""
import os
import re
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "elementwise_cases.h")
ROOT = os.path.dirname(os.path.dirname(HERE))

warnings.simplefilter("ignore")
np.seterr(all="ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
ND = {d: "ND_" + d.upper() for d in DTYPES}


def op_lists():
    """The op names, in order, from include/nd.h's X-macros."""
    src = open(os.path.join(ROOT, "include", "nd.h")).read()

    def grab(macro):
        body = src.split("#define %s(X)" % macro, 1)[1]
        lines = []
        for line in body.split("\n"):
            lines.append(line)
            if not line.rstrip().endswith("\\"):
                break
        text = re.sub(r"/\*.*?\*/", "", "\n".join(lines))
        return re.findall(r"X\((\w+)\)", text)

    return grab("ND_BINARY_OPS"), grab("ND_UNARY_OPS")


BINARY_OPS, UNARY_OPS = op_lists()

# ---------------------------------------------------------------- edge values


def bits(dt):
    return np.dtype(dt).itemsize * 8


def signed_vals(dt):
    n, info = bits(dt), np.iinfo(dt)
    return [0, 1, -1, 2, -3, 5, n - 1, n, int(info.max), int(info.min)]


def unsigned_vals(dt):
    n, info = bits(dt), np.iinfo(dt)
    return [0, 1, 2, 3, 5, n - 1, n, 1 << (n - 1), int(info.max) - 1, int(info.max)]


def float_vals(dt):
    fi = np.finfo(dt)
    tiny = float(np.nextafter(np.array(0, dt), np.array(1, dt)))  # smallest subnormal
    return [0.0, -0.0, 1.0, -1.0, 2.5, -3.5, 7.0, tiny, float(fi.max), float("nan"),
            float("inf"), float("-inf")]


def float_unary_vals(dt):
    fi = np.finfo(dt)
    tiny = float(np.nextafter(np.array(0, dt), np.array(1, dt)))
    below_half = float(np.nextafter(np.array(0.5, dt), np.array(0, dt)))
    vals = [0.0, -0.0, 0.5, -0.5, below_half, 1.0, -1.0, 1.5, 2.5, -2.5, 3.0, 0.1, -0.75,
            0.999, -0.999, 10.0, -20.0, 50.0, 100.0, -100.0, -740.0, 1000.0, -1000.0, 1e-10, -1e-10, tiny, -tiny,
            float(fi.max), -float(fi.max), float("nan"), float("inf"), float("-inf")]
    out = []
    for v in vals:  # round to the dtype, drop duplicates (keeping -0.0 apart from 0.0)
        r = float(np.array(v, dt))
        if not any(_same(r, o) for o in out):
            out.append(r)
    return out


def _same(x, y):
    if isinstance(x, float) or isinstance(y, float):
        x, y = float(x), float(y)
        if x != x and y != y:
            return True
        return x == y and np.signbit(x) == np.signbit(y)
    return x == y


def vals(dt, unary=False):
    if dt == "bool":
        return [False, True]
    k = np.dtype(dt).kind
    if k == "i":
        v = signed_vals(dt)
    elif k == "u":
        v = unsigned_vals(dt)
    else:
        v = float_unary_vals(dt) if unary else float_vals(dt)
    return v


def short_vals(dt):
    """Fewer values for mixed-dtype pairs."""
    if dt == "bool":
        return [False, True]
    k = np.dtype(dt).kind
    info = np.iinfo(dt) if k in "iu" else None
    if k == "i":
        return [0, 1, -1, 5, bits(dt), int(info.max), int(info.min)]
    if k == "u":
        return [0, 1, 5, bits(dt), 1 << (bits(dt) - 1), int(info.max)]
    return [0.0, -0.0, 1.0, -2.5, 7.0, float(np.finfo(dt).max), float("nan"), float("inf")]


def arr(dt, values):
    return np.array(values, dtype=dt)


# ---------------------------------------------------------------- libnd's documented rules

TRANSCENDENTAL = {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos",
                  "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "sigmoid",
                  "gelu", "gelu_tanh", "silu", "softplus",
                  "arctan2", "hypot", "power", "float_power", "logaddexp", "logaddexp2", "cbrt"}
ROUNDING = {"floor", "ceil", "rint", "trunc"}
NP_NAME = {"abs": "absolute", "remainder": "remainder"}


def float_of(dt):
    """libnd's float for an op that needs one: float32 for bool and 8/16-bit ints."""
    d = np.dtype(dt)
    if d.kind == "f":
        return d
    return np.dtype("float32") if d.itemsize <= 2 else np.dtype("float64")


def sigmoid_ref(x):
    """libnd's sigmoid (NumPy has none): 1 / (1 + exp(-x)), in long double."""
    rt = float_of(x.dtype)
    xl = x.astype(np.longdouble)
    with np.errstate(all="ignore"):
        pos = 1 / (1 + np.exp(-xl))
        neg = np.exp(xl) / (1 + np.exp(xl))
    return np.where(xl >= 0, pos, neg).astype(rt)


ACTIVATIONS = ("gelu", "gelu_tanh", "silu", "softplus")


def activation_ref(op, x):
    """libnd's gelu, gelu_tanh, silu and softplus (NumPy has none; PyTorch's
    definitions, see include/nd.h), in 200-bit mpmath on the values rounded
    to the float libnd computes in. -inf gives the limit (-0 or 0), +-0
    keeps its sign where the function is x times something."""
    import mpmath
    mpmath.mp.prec = 200
    rt = float_of(x.dtype)
    out = []
    for v in x.astype(rt).astype(np.float64):
        v = float(v)
        if v != v or v == float("inf"):
            out.append(v)
            continue
        if v == float("-inf"):
            out.append(0.0 if op == "softplus" else -0.0)
            continue
        if v == 0 and op != "softplus":
            out.append(v)
            continue
        m = mpmath.mpf(v)
        if op == "gelu" and abs(v) > 40:  # mpmath's erfc overflows on huge arguments
            r = m if v > 0 else mpmath.mpf("-1e-400")  # below the smallest subnormal
        elif op == "gelu":
            r = m / 2 * mpmath.erfc(-m / mpmath.sqrt(2))
        elif op == "gelu_tanh":  # 1 + tanh(u) = 2 / (1 + exp(-2u)), no cancellation
            u = mpmath.sqrt(2 / mpmath.pi) * (m + mpmath.mpf(0.044715) * m ** 3)
            r = m / (1 + mpmath.exp(-2 * u))
        elif op == "silu":
            r = m / (1 + mpmath.exp(-m))
        else:  # PyTorch's threshold 20
            r = m if v > 20 else mpmath.log1p(mpmath.exp(m))
        f = float(r)
        if f == 0:
            f = -0.0 if r < 0 else 0.0
        out.append(f)
    return np.array(out, np.float64).astype(rt)


def relu_ref(x):
    """libnd's relu (NumPy has none): maximum(x, 0), NaN propagating."""
    if x.dtype.kind in "bu":
        return x.copy()
    return np.maximum(x, np.zeros_like(x))


def numpy_call(op, *args):
    """(result, None) or (None, status name) for NumPy's op on args."""
    if op == "sigmoid":
        return sigmoid_ref(args[0]), None
    if op == "relu":
        return relu_ref(args[0]), None
    if op in ACTIVATIONS:
        return activation_ref(op, args[0]), None
    fn = {"where": np.where, "clip": np.clip}.get(op) or getattr(np, NP_NAME.get(op, op))
    try:
        with np.errstate(all="ignore"):
            return np.asarray(fn(*args)), None
    except TypeError:
        return None, "ND_ERR_DTYPE"
    except ValueError:
        return None, "ND_ERR_VALUE"


def libnd_expect(op, args):
    """NumPy's answer adjusted by libnd's documented deviations:
    (result or None, status, note or None)."""
    res, err = numpy_call(op, *args)
    note = None
    kinds = [a.dtype.kind for a in args]
    if op == "reciprocal" and kinds[0] in "biu":
        # libnd: reciprocal of integers and bool gives float (NumPy: integer division)
        res, err = numpy_call(op, args[0].astype(float_of(args[0].dtype)))
        note = "libnd: reciprocal of an integer gives %s" % res.dtype
    elif op in ROUNDING and kinds[0] in "biu":
        # libnd: floor/ceil/rint/trunc keep integer (and bool) dtypes (NumPy: float)
        res, err = args[0].copy(), None
        note = "libnd: %s keeps the integer dtype" % op
    elif err is None and res.dtype == np.float16:
        # libnd has no float16: computes in float32 instead
        res, err = numpy_call(op, *[a.astype(np.float32) if a.dtype.kind in "biu" else a
                                    for a in args])
        assert res.dtype == np.float32
        note = "libnd: float32 (NumPy: float16)"
    return res, err, note


# ---------------------------------------------------------------- tolerance


def ulp_dist(x, y):
    """Largest distance in units in the last place between float arrays x, y
    (where both are finite)."""
    it = np.int32 if x.dtype == np.float32 else np.int64
    lo = int(np.iinfo(it).min)

    def line(v):  # float bits onto a monotonic integer line
        i = int(np.array(v, x.dtype).view(it))
        return lo - i if i < 0 else i

    worst = 0
    for u, v in zip(x.ravel(), y.ravel()):
        if np.isfinite(u) and np.isfinite(v):
            worst = max(worst, abs(line(u) - line(v)))
    return worst


def accurate(op, args, dt):
    """The op in long double, rounded to dt: a check on NumPy's own error."""
    la = [a.astype(np.longdouble) for a in args]
    fn = {"abs": np.absolute}.get(op) or getattr(np, op, None)
    if op == "sigmoid":
        return sigmoid_ref(args[0])
    if op in ACTIVATIONS:
        return activation_ref(op, args[0])
    if fn is None:
        return None
    with np.errstate(all="ignore"):
        return np.asarray(fn(*la)).astype(dt)


BASE_ULPS = 4


def tolerance(op, args, res):
    if op not in TRANSCENDENTAL or res.dtype.kind != "f":
        return 0
    ref_args = [a.astype(res.dtype) if a.dtype.kind != "f" else a for a in args]
    acc = accurate(op, ref_args, res.dtype)
    extra = 0
    if acc is not None and acc.shape == res.shape:
        extra = ulp_dist(res, acc)
    return BASE_ULPS + extra


# ---------------------------------------------------------------- output pools


class Pools:
    def __init__(self):
        self.ipool, self.fpool = [], []
        self.inputs, self.input_ids = [], {}
        self.cases = []
        self.nan_cases, self.equiv_cases = [], []

    def put(self, a):
        a = np.ascontiguousarray(a).ravel()
        if a.dtype.kind == "f":
            off = len(self.fpool)
            self.fpool.extend(float(v) for v in a.astype(np.float64))
        else:
            off = len(self.ipool)
            self.ipool.extend(int(v) for v in a.astype(np.uint64 if a.dtype.kind == "u" else np.int64))
        return off

    def input(self, a):
        key = (str(a.dtype), a.tobytes())
        if key not in self.input_ids:
            self.input_ids[key] = len(self.inputs)
            self.inputs.append((str(a.dtype), a.size, self.put(a)))
        return self.input_ids[key]

    def case(self, op, args, label):
        if len(args) == 2:  # outer product
            call = [args[0][:, None], args[1][None, :]]
        else:
            call = list(args)
        res, err, note = libnd_expect(op, call)
        ids = [self.input(a) for a in args] + [-1] * (3 - len(args))
        if err:
            self.cases.append((op, len(args), ids, err, "ND_NUM_DTYPES", -1, 0, note, label))
            return
        assert res.dtype.name in ND, (op, label, res.dtype)
        tol = tolerance(op, call, res)
        self.cases.append((op, len(args), ids, "ND_OK", ND[res.dtype.name], self.put(res), tol,
                           note, label))


# ---------------------------------------------------------------- the cases

MIXED = [("int32", "float32"), ("float32", "int32"), ("uint64", "int64"), ("int64", "uint64"),
         ("int8", "uint8"), ("uint8", "int8"), ("bool", "int32"), ("int32", "bool"),
         ("bool", "float64"), ("uint32", "int32"), ("int16", "float32"), ("float32", "float64"),
         ("float64", "float32"), ("uint8", "int64"), ("int64", "float64"), ("uint16", "float32")]


def nonneg(values):
    return [v for v in values if not (isinstance(v, (int, float)) and v < 0)]


def gen(p):
    for op in BINARY_OPS:
        pairs = [(d, d, vals(d), vals(d)) for d in DTYPES]
        pairs += [(a, b, short_vals(a), short_vals(b)) for a, b in MIXED]
        for da, db, va, vb in pairs:
            a, b = arr(da, va), arr(db, vb)
            p.case(op, [a, b], "%s(%s, %s)" % (op, da, db))
            if op == "power" and np.dtype(db).kind == "i":
                # the case above holds negative exponents (an error for integer
                # loops): the values come from non-negative exponents
                p.case(op, [a, arr(db, nonneg(vb))], "%s(%s, %s >= 0)" % (op, da, db))
    for op in UNARY_OPS:
        for d in DTYPES:
            p.case(op, [arr(d, vals(d, unary=True))], "%s(%s)" % (op, d))
    # where: cond of several dtypes, a and b of several dtype pairs
    conds = {"bool": [True, False, True, True, False, False, True, False],
             "int32": [0, 2, -1, 0, 0, 7, 1, 0],
             "float64": [0.0, -0.0, float("nan"), 1.5, 0.0, float("inf"), 0.0, -1e-300]}
    for cd, cv in conds.items():
        for da, db in [("int8", "uint8"), ("float32", "float64"), ("int64", "uint64"),
                       ("bool", "bool"), ("int32", "float32"), ("uint8", "bool"),
                       ("float64", "float64"), ("uint16", "uint16")]:
            va = (vals(da) * 8)[:8]
            vb = (vals(db)[::-1] * 8)[:8]
            p.case("where", [arr(cd, cv), arr(da, va), arr(db, vb)],
                   "where(%s, %s, %s)" % (cd, da, db))
    # clip: every a against (lo, hi) pairs including lo > hi and NaN bounds
    for da, dl, dh in [("float64",) * 3, ("float32",) * 3, ("int32",) * 3, ("uint8",) * 3,
                       ("int8", "uint8", "int16"), ("uint64", "int64", "int64"),
                       ("int64", "float32", "float32"), ("bool",) * 3, ("float32", "float64", "float32"),
                       ("int64",) * 3]:
        kinds = np.dtype(dl).kind + np.dtype(dh).kind
        if "f" in kinds:
            bounds = [(-1.0, 1.0), (2.0, -2.0), (float("nan"), 1.0), (-1.0, float("nan")),
                      (float("-inf"), float("inf")), (0.0, 0.0), (-0.0, 0.0), (3.0, 3.0)]
        elif kinds == "bb":
            bounds = [(False, True), (True, False), (False, False), (True, True)]
        else:
            lo_min = int(np.iinfo(dl).min)
            hi_max = int(np.iinfo(dh).max)
            bounds = [(0, 1), (2, 1), (lo_min, hi_max), (0, 0), (3, 5), (5, 3)]
            if np.dtype(dl).kind == "i" and np.dtype(dh).kind == "i":
                bounds += [(-1, 1), (-5, -2)]
        av = vals(da)
        a_list, lo_list, hi_list = [], [], []
        for x in av:
            for lo, hi in bounds:
                a_list.append(x)
                lo_list.append(lo)
                hi_list.append(hi)
        p.case("clip", [arr(da, a_list), arr(dl, lo_list), arr(dh, hi_list)],
               "clip(%s, %s, %s)" % (da, dl, dh))


# ---------------------------------------------------------------- issue 10's functions
# The element-wise functions added for issue 10 also get random values on a
# fixed seed (the edge values above meet every op), and nan_to_num and
# array_equiv, which are not in the X-macro lists, get tables of their own.

NEW_OPS = ["fmod", "float_power", "copysign", "nextafter", "logaddexp", "logaddexp2",
           "heaviside", "gcd", "lcm", "cbrt", "deg2rad", "rad2deg", "signbit"]
SEED = 20240610


def random_vals(rng, dt, n):
    """n values of dtype dt: wide-ranging magnitudes, small values, and for
    integers products of small primes (so gcd and lcm meet common factors)."""
    if dt == "bool":
        return [bool(v) for v in rng.integers(0, 2, n)]
    k = np.dtype(dt).kind
    out = []
    if k in "iu":
        info = np.iinfo(dt)
        for _ in range(n):
            r = rng.integers(0, 3)
            if r == 0:
                v = int(rng.integers(int(info.min), int(info.max), endpoint=True, dtype=dt))
            elif r == 1:
                v = int(rng.integers(-100 if k == "i" else 0, 101))
            else:
                v = 1
                for prime in (2, 3, 5, 7, 11):
                    v *= prime ** int(rng.integers(0, 4))
                v = v % (int(info.max) + 1)
                if k == "i" and rng.integers(0, 2):
                    v = -v
            out.append(v)
        return out
    emax = 36 if dt == "float32" else 300
    for _ in range(n):
        if rng.integers(0, 4) == 0:
            v = float(rng.integers(-200, 201)) / 4
        else:
            v = float((-1) ** int(rng.integers(0, 2)) * 10 ** rng.uniform(-emax, emax))
        out.append(float(np.array(v, dt)))
    return out


def gen_random(p):
    rng = np.random.default_rng(SEED)
    for op in NEW_OPS:
        binary = op in BINARY_OPS
        pairs = [(d, d) for d in DTYPES] + [("int16", "float32"), ("uint8", "int64"),
                                            ("float32", "float64"), ("uint32", "int32")]
        for da, db in pairs:
            if binary:
                a, b = arr(da, random_vals(rng, da, 12)), arr(db, random_vals(rng, db, 12))
                p.case(op, [a, b], "%s(%s, %s) random" % (op, da, db))
            elif da == db:
                p.case(op, [arr(da, random_vals(rng, da, 40))], "%s(%s) random" % (op, da))
    # NaN with its sign bit set, which the edge values lack
    for d in ("float32", "float64"):
        tiny = float(np.nextafter(np.array(0, d), np.array(1, d)))
        signs = [float("nan"), -float("nan"), 0.0, -0.0, tiny, -tiny, float("inf"), float("-inf")]
        p.case("signbit", [arr(d, signs)], "signbit(%s) signed NaN" % d)
        p.case("copysign", [arr(d, [1.0, -2.0, float("nan"), float("inf")]), arr(d, signs)],
               "copysign(%s, %s) signed NaN" % (d, d))


NAN_TO_NUM_PARAMS = [(0.0, None, None), (5.0, 1e10, -1e10), (-1.5, 1e300, -1e300),
                     (float("nan"), float("inf"), float("-inf")), (2.0, -0.0, 0.0),
                     (7.0, None, -3.0)]


def gen_nan_to_num(p):
    for d in DTYPES:
        x = arr(d, vals(d, unary=True))
        for nan, posinf, neginf in NAN_TO_NUM_PARAMS:
            res = np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)
            assert res.dtype == x.dtype
            p.nan_cases.append((p.input(x), nan, posinf, neginf, ND[d], p.put(res),
                                "nan_to_num(%s, nan=%r, posinf=%r, neginf=%r)" % (d, nan, posinf, neginf)))


def equiv_case(p, a, b, label):
    a, b = np.asarray(a), np.asarray(b)
    assert a.ndim <= 4 and b.ndim <= 4
    p.equiv_cases.append((p.input(a.ravel()), a.shape, p.input(b.ravel()), b.shape,
                          bool(np.array_equiv(a, b)), label))


def gen_equiv(p):
    rng = np.random.default_rng(SEED + 1)
    row = arr("int32", [1, 0, 2])
    equiv_case(p, np.tile(row, (4, 1)), row, "rows equal to b")
    changed = np.tile(row, (4, 1))
    changed[3, 2] = 5
    equiv_case(p, changed, row, "one element differs")
    equiv_case(p, np.zeros((2, 3)), np.zeros((3, 2)), "(2,3) and (3,2) do not broadcast")
    equiv_case(p, np.zeros((2, 3)), np.zeros((3,)), "(2,3) and (3,)")
    equiv_case(p, np.zeros((0, 3)), np.ones((3,)), "(0,3) and (3,): nothing to compare")
    equiv_case(p, np.zeros((0,)), np.ones((1,)), "(0,) and (1,)")
    equiv_case(p, np.zeros((0,)), np.zeros((2,)), "(0,) and (2,) do not broadcast")
    equiv_case(p, np.array(7, np.int16), np.full((5,), 7, np.uint8), "0-d and (5,), equal")
    equiv_case(p, np.array(7, np.int16), arr("uint8", [7, 7, 6]), "0-d and (3,), one differs")
    equiv_case(p, np.array(2.5), np.array(2.5, np.float32), "0-d and 0-d")
    equiv_case(p, arr("float64", [float("nan")]), arr("float64", [float("nan")]), "NaN is not NaN")
    equiv_case(p, arr("float32", [0.0, 1.0]), arr("float64", [-0.0, 1.0]), "-0.0 equals 0.0")
    equiv_case(p, arr("float64", [float("inf"), -1.0]), arr("float32", [float("inf"), -1.0]), "inf")
    equiv_case(p, arr("int8", [-3, 0, 100]), arr("float32", [-3.0, 0.0, 100.0]), "int8 and float32")
    equiv_case(p, arr("uint64", [1 << 63]), arr("int64", [-(1 << 63)]), "uint64 2^63 and int64 min")
    equiv_case(p, arr("uint64", [(1 << 64) - 1]), arr("int64", [-1]), "uint64 max and int64 -1")
    equiv_case(p, arr("uint64", [(1 << 64) - 1]), arr("float64", [2.0 ** 64]),
               "uint64 max and 2^64 (equal in float64)")
    equiv_case(p, arr("bool", [True, False]), arr("int64", [1, 0]), "bool and int64")
    equiv_case(p, np.full((3, 1), 4.0), np.full((1, 4), 4, np.int32), "(3,1) and (1,4), all equal")
    equiv_case(p, arr("float64", [[4.0], [4.0], [3.0]]), np.full((1, 4), 4, np.int32),
               "(3,1) and (1,4), one row differs")
    for i in range(60):
        nd = int(rng.integers(0, 5))
        shape = tuple(int(v) for v in rng.integers(1, 4, nd))
        bshape = list(shape[int(rng.integers(0, nd + 1)):])
        for k in range(len(bshape)):
            if rng.integers(0, 3) == 0:
                bshape[k] = 1
        da, db = DTYPES[int(rng.integers(0, 11))], DTYPES[int(rng.integers(0, 11))]
        b = arr(db, rng.integers(0, 2, tuple(bshape)))
        a = np.broadcast_to(b, shape).astype(da)
        if a.size and rng.integers(0, 2):
            a = a.copy()
            a.flat[int(rng.integers(0, a.size))] += 1
        if rng.integers(0, 4) == 0:  # also shapes that do not broadcast
            a = a.reshape(-1)
            b = np.concatenate([b.ravel(), b.ravel()[:1]])
        equiv_case(p, a, b, "random %d: %s %s and %s %s" % (i, da, a.shape, db, b.shape))


# ---------------------------------------------------------------- writing


def c_int(v):
    if v >= 1 << 63:
        v -= 1 << 64
    if v == -(1 << 63):
        return "INT64_MIN"
    return str(v)


def c_float(v):
    if v != v:  # the sign of a NaN is kept (signbit and copysign read it)
        return "-NAN" if np.signbit(v) else "NAN"
    if v in (float("inf"), float("-inf")):
        return "INFINITY" if v > 0 else "-INFINITY"
    return repr(v)


def wrap(items, per_line):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append("    " + ", ".join(items[i:i + per_line]) + ",")
    return "\n".join(lines)


def write(p):
    out = []
    out.append("/* Element-wise test cases: NumPy %s's answers for every libnd element-wise\n"
               " * operation on edge values, with libnd's documented deviations applied.\n"
               " * Generated by tests/data/gen_elementwise.py; do not edit by hand. */\n"
               % np.__version__)
    out.append("#ifndef ND_ELEMENTWISE_CASES_H\n#define ND_ELEMENTWISE_CASES_H\n")
    out.append("#include <math.h>\n#include <stdint.h>\n\n#include \"nd.h\"\n")
    out.append("/* A 1-D array: dtype, length, offset of its values in ew_fpool (float\n"
               " * dtypes) or ew_ipool (bool and integers, uint64 as its bit pattern). */\n"
               "typedef struct ew_vals {\n    nd_dtype dtype;\n    int n;\n    int off;\n} ew_vals;\n")
    out.append("/* One case: op(in...) gives status; on ND_OK the result has dtype and the\n"
               " * values at off (a pool chosen by dtype as above). Binary cases are outer\n"
               " * products, a[:, None] op b[None, :], shape (n_a, n_b); the others are\n"
               " * 1-D. tol is the number of ULPs allowed (0: exact, signed zeros too). */\n"
               "typedef struct ew_case {\n    const char *op;\n    int nin;\n    int in[3];\n"
               "    nd_status status;\n    nd_dtype dtype;\n    int off;\n    int tol;\n"
               "    const char *note; /* a documented libnd deviation, or NULL */\n"
               "    const char *label;\n} ew_case;\n")
    out.append("static const int64_t ew_ipool[] = {\n%s\n};\n" % wrap([c_int(v) for v in p.ipool], 8))
    out.append("static const double ew_fpool[] = {\n%s\n};\n" % wrap([c_float(v) for v in p.fpool], 6))
    out.append("static const ew_vals ew_inputs[] = {\n%s\n};\n"
               % wrap(["{%s, %d, %d}" % (ND[d], n, off) for d, n, off in p.inputs], 4))
    lines = []
    for op, nin, ids, st, dt, off, tol, note, label in p.cases:
        if note:
            lines.append("    /* %s */" % note)
        lines.append('    {"%s", %d, {%d, %d, %d}, %s, %s, %d, %d, %s, "%s"},'
                     % (op, nin, ids[0], ids[1], ids[2], st, dt, off, tol,
                        '"%s"' % note if note else "NULL", label))
    out.append("static const ew_case ew_cases[] = {\n%s\n};\n" % "\n".join(lines))
    out.append("/* nd_nan_to_num(in, nan, posinf, neginf): NAN for posinf or neginf is\n"
               " * NumPy's None; the result (dtype, values at off) is 1-D as the input. */\n"
               "typedef struct ew_nan_case {\n    int in;\n    double nan, posinf, neginf;\n"
               "    nd_dtype dtype;\n    int off;\n    const char *label;\n} ew_nan_case;\n")
    lines = []
    for i, nan, posinf, neginf, dt, off, label in p.nan_cases:
        lines.append('    {%d, %s, %s, %s, %s, %d, "%s"},'
                     % (i, c_float(nan), "NAN" if posinf is None else c_float(posinf),
                        "NAN" if neginf is None else c_float(neginf), dt, off, label))
    out.append("static const ew_nan_case ew_nan_cases[] = {\n%s\n};\n" % "\n".join(lines))
    out.append("/* nd_array_equiv(a, b): inputs a and b reshaped to their shapes. */\n"
               "typedef struct ew_equiv_case {\n    int a;\n    int ndim_a;\n    int64_t shape_a[4];\n"
               "    int b;\n    int ndim_b;\n    int64_t shape_b[4];\n    int equiv;\n"
               "    const char *label;\n} ew_equiv_case;\n")
    lines = []
    for ia, sa, ib, sb, eq, label in p.equiv_cases:
        def shp(t):
            return "{%s}" % ", ".join(str(v) for v in (list(t) + [0] * 4)[:4])
        lines.append('    {%d, %d, %s, %d, %d, %s, %d, "%s"},'
                     % (ia, len(sa), shp(sa), ib, len(sb), shp(sb), int(eq), label))
    out.append("static const ew_equiv_case ew_equiv_cases[] = {\n%s\n};\n" % "\n".join(lines))
    out.append("#endif\n")
    with open(OUT, "w") as f:
        f.write("\n".join(out))


def main():
    if not np.__version__.startswith("1.24"):
        print("warning: generated with NumPy %s, not 1.24" % np.__version__, file=sys.stderr)
    p = Pools()
    gen(p)
    gen_random(p)
    gen_nan_to_num(p)
    gen_equiv(p)
    write(p)
    big = [(c[8], c[6]) for c in p.cases if c[6] > BASE_ULPS]
    print("%d cases, %d nan_to_num cases, %d array_equiv cases, %d inputs, %d int values, "
          "%d float values -> %s" % (len(p.cases), len(p.nan_cases), len(p.equiv_cases),
                                     len(p.inputs), len(p.ipool), len(p.fpool), OUT))
    for label, tol in big:
        print("  NumPy itself is %d ULPs off in %s" % (tol - BASE_ULPS, label))


if __name__ == "__main__":
    main()

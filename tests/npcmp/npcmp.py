#!/usr/bin/python3
"""The NumPy comparison: random cases run through libnd and through NumPy 1.24.

    npcmp.py DRIVER WORKDIR

Generates random cases on a fixed seed, writes their inputs (one binary
file) and a manifest into WORKDIR, runs DRIVER (tests/npcmp/driver.c, one
process for every case) on the default kernel level and again on the
portable one with 3 threads, and compares each time what libnd gave with
NumPy's answer: the dtype and the shape exactly, the values exactly (signed
zeros included; any NaN equals any NaN) or within a tolerance stated per
operation, and an error wherever NumPy raises. Prints one line per mismatch
with a reproducer, then "N passed, N failed" (appended to $ND_TALLY for
`make check`). Exit status 1 if anything failed.

Environment:
    NPCMP_SEED=N     another seed (the default is fixed, so `make check` is
                     reproducible); NPCMP_SEED=random picks one and prints it
    NPCMP_SCALE=X    X times as many cases (default 1: about 11,800)
    NPCMP_ONLY=a,b   only these operations
    NPCMP_VERBOSE=1  also print the passing cases

Cases: random dtypes (all 11 of libnd), shapes (0-d, empty, broadcasting
pairs and triples, a few large ones that go through the thread pool),
layouts (transposed, strided, reversed and broadcast views, which the driver
rebuilds with nd_view, nd_transpose and nd_broadcast_to) and values (NaN of
either sign, infinities, signed zeros, subnormals, the extremes of every
integer dtype).

Where README.md ("Deviations from NumPy") or a header documents that libnd
differs from NumPy, NumPy's answer is adjusted by an explicit rule below
(`deviation(...)`, each citing its line), and the summary counts how many
cases each rule changed. Known bugs that other changes are fixing are in
KNOWN: their cases report "xfail" (counted apart, never silently) and start
to pass once the fix lands; then remove the entry.

The functions of nd/stats.h, nd/sets.h, nd/shape.h and nd/numeric.h have
their own families (gen_quantile, gen_setop, gen_block, gen_conv, ...);
their NumPy calls run in the NEP 50 state too, but the histograms', whose
float32 edges come from np.linspace, in NumPy's default one (legacy()).

Adding an operation: one entry in OPS below (a generator family, which
also writes the NumPy expression, and a case count) and one line in the
driver's table. A reduction with nd_sum's signature, say nd_median, is
    "median": (gen_reduction, 60),                  (here: np.median)
    {"median", run_red, {.red = nd_median}},        (driver.c)
and likewise gen_var / run_red_ddof (nd_nanvar), gen_arg / run_axis_flag
(nd_nanargmax), gen_scan / run_axis (nd_nancumsum). The operations of nd.h's
ND_UNARY_OPS / ND_BINARY_OPS and nd/reduce.h's ND_REDUCTIONS are read from
the headers and need nothing: a new one is compared with np.NAME at once.
"""
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import warnings


def _give_up(why):
    """The stage cannot run: one failure, in the tally too."""
    print("npcmp: %s" % why)
    if os.environ.get("ND_TALLY"):
        with open(os.environ["ND_TALLY"], "a") as f:
            f.write("0 1 0\n")
    print("0 passed, 1 failed")
    sys.exit(1)


try:
    import numpy as np
except ImportError as e:
    _give_up("NumPy is missing (%s); run:  sudo apt-get install -y python3-numpy" % e)
if not np.__version__.startswith("1.24."):
    print("npcmp: NumPy %s; the reference is NumPy 1.24 (other versions may differ)" % np.__version__)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SEED = 20240611

warnings.simplefilter("ignore")
np.seterr(all="ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64"]
FLOATS = ["float32", "float64"]

# ---------------------------------------------------------------- documented deviations
# Each rule names the line of README.md (or the header) that documents it.
# DEVIATED counts the cases whose expected answer a rule changed.
DEVIATED = {}


def deviation(rule):
    DEVIATED[rule] = DEVIATED.get(rule, 0) + 1


# README "Promotion follows NEP 50. A 0-d array promotes by its dtype, as any
# other array does. NumPy 1.x's value-based casting is not reproduced."
# NumPy 1.24 implements NEP 50 as its "weak" promotion state; every NumPy
# answer here is computed in it (for arrays of one or more dimensions it is
# the same as the legacy state). Cases with a 0-d operand are also computed in
# the legacy state, to count where the rule mattered.
NEP50 = "NEP 50 promotion for 0-d arrays (README: Promotion follows NEP 50)"
np._set_promotion_state("weak")

# README "There is no float16. An operation that needs a float gives float32
# for bool and for 8- and 16-bit integers, where NumPy gives float16."
FLOAT16 = "float32 where NumPy gives float16 (README: There is no float16)"
# README "nd_reciprocal of an integer array gives a float."
RECIPROCAL = "reciprocal of integers gives a float (README: nd_reciprocal of an integer array)"
# README "nd_floor, nd_ceil, nd_rint and nd_trunc keep integer dtypes."
ROUNDING = "floor/ceil/rint/trunc keep integer dtypes (README)"
# README "nd_nan_to_num takes NaN for posinf or neginf as NumPy's None"
NAN_TO_NUM = "nan_to_num: NaN posinf/neginf means None (README)"
# README Sorting: "A 0-d array sorts only with ND_AXIS_NONE; np.argsort's 1-D
# answer for a 0-d input is not reproduced."
SORT0D = "argsort of a 0-d array needs ND_AXIS_NONE (README: Sorting)"
# README "nd_clip with a NaN bound gives NaN": NumPy 1.24's np.clip reads a
# scalar (0-d) NaN bound as no bound, deprecated; its clip ufunc, which it
# calls otherwise, gives NaN.
CLIP_NAN = "clip with a 0-d NaN bound gives NaN (README: nd_clip with a NaN bound)"
# README Reductions: "min and max of -0.0 and 0.0 may give either zero": which
# one NumPy's own reduction gives depends on its order of comparisons (on the
# layout: max([0., -0.]) is -0.0, max([-0., 0.]) 0.0), so zeros compare
# equal whatever their signs there.
ZERO_SIGN = ("zero",)
# nd.h (Element-wise operations): "the broadcast shape of the inputs must
# equal out's shape" (NumPy also broadcasts the inputs to a larger out).
OUT_SHAPE = "an out larger than the inputs' broadcast shape is refused (nd.h, element-wise _out)"
# include/nd/reduce.h, nd_var/nd_std: "ND_ERR_VALUE if ddof is negative or NaN
# (NumPy accepts a negative ddof)."
DDOF = "var/std refuse a negative ddof (nd/reduce.h)"
# README Reductions: "Float sums are pairwise along every reduced axis; NumPy
# is pairwise only along the fast axis in memory, so the last bits can
# differ." Float sums, means, variances and products are compared within an
# error bound (sum_tolerance) rather than bit for bit.
# README "Float-to-integer casts ... follow NumPy 1.24 on x86-64, on every
# platform": NumPy's own answer on x86-64. On another machine NumPy's answer
# for out-of-range values differs from that rule, so there the casts get
# in-range values only.
X86_64 = platform.machine() in ("x86_64", "AMD64")
# NumPy's own answer depends on where an element sits for one pair: float to
# uint32 out of range (NaN, -inf, -3e9, 5e18) gives 2147483648 in its SIMD
# loop and other values (0, ...) in its scalar loop, which runs for strided
# arrays and for the tail of a contiguous one. nd_astype gives the SIMD
# loop's answer for every element, so that is the answer expected
# (simd_cast).
CAST_U32 = "float->uint32 out of range as NumPy's SIMD loop (README: Float-to-integer casts)"

# ---------------------------------------------------------------- known bugs, being fixed
# A failing case of a known bug is an xfail (counted apart and printed with
# examples); once every case of a bug passes, the summary says its entry can
# go.


# name -> [(bug, predicate(case), symptom)]: a case of that operation for
# which the predicate holds and whose mismatch matches the symptom (a
# regular expression; None: any) is an xfail.
# Issue 10's three bugs (n-ary result dtypes of mixed small ints, nansum/nanmean
# of inf - inf blocks, arange's fill formula) are fixed, so their pinned cases
# run as ordinary ones and none is known now.
KNOWN = {}

# ---------------------------------------------------------------- the op lists of the headers


def header_list(path, macro):
    src = open(os.path.join(ROOT, path)).read()
    body = src.split("#define %s(X)" % macro, 1)[1]
    lines = []
    for line in body.split("\n"):
        lines.append(line)
        if not line.rstrip().endswith("\\"):
            break
    return re.findall(r"X\((\w+)\)", re.sub(r"/\*.*?\*/", "", "\n".join(lines)))


UNARY = header_list("include/nd.h", "ND_UNARY_OPS")
BINARY = header_list("include/nd.h", "ND_BINARY_OPS")
REDUCTIONS = header_list("include/nd/reduce.h", "ND_REDUCTIONS")

# ---------------------------------------------------------------- random values


def fspecials(dt):
    f = np.finfo(dt)
    sub = float(f.smallest_subnormal)
    return [math.nan, -math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5,
            -2.5, float(f.max), -float(f.max), float(f.tiny), -float(f.tiny), sub, -sub]


def ispecials(dt):
    i = np.iinfo(dt)
    v = [int(i.min), int(i.max), int(i.min) + 1, int(i.max) - 1, 0, 1, 2]
    if i.min < 0:
        v += [-1, -2]
    return v


def gen_values(rng, dt, shape, kind="any", special=None):
    """Random values of dtype dt. kind steers the range: any, small, unit
    (near [-1, 1]), pos (positive), exp (where exp overflows), shift (shift
    counts), pexp (small non-negative exponents), gcd (products of small
    primes). special: the share of special values (random if None)."""
    dt = np.dtype(dt)
    n = int(np.prod(shape, dtype=np.int64))
    if special is None:
        special = [0.0, 0.0, 0.03, 0.15, 0.4][rng.integers(0, 5)]
    if dt.kind == "b":
        return (rng.random(n) < [0.1, 0.5, 0.9][rng.integers(0, 3)]).reshape(shape)
    pick = rng.random(n)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        lo, hi = int(info.min), int(info.max)

        def clipped(v):
            return np.clip(v, max(lo, -2**62), min(hi, 2**62)).astype(dt)

        full = rng.integers(lo, hi, size=n, endpoint=True, dtype=dt)
        small = clipped(rng.integers(-10, 11, n))
        if kind == "small":
            v = small
        elif kind == "shift":
            v = clipped(rng.integers(-1 if lo < 0 else 0, dt.itemsize * 8 + 3, n))
        elif kind == "pexp":
            v = clipped(rng.integers(0, 6, n))
        elif kind == "gcd":
            f = np.ones(n, np.int64)
            for p in (2, 3, 5, 7, 11, 13):
                f *= p ** rng.integers(0, 3 if p < 7 else 2, n)
            if lo < 0:
                f *= rng.choice([-1, 1], n)
            v = np.where(pick < 0.8, clipped(f), full)
        else:
            v = np.where(pick < 0.4, full, small)
        sp = np.array(ispecials(dt), dt)[rng.integers(0, len(ispecials(dt)), n)]
        v = np.where(rng.random(n) < max(special, 0.05), sp, v).astype(dt)
        return v.reshape(shape)
    f = np.finfo(dt)
    maxexp = math.log10(float(f.max))
    if kind == "unit":
        v = rng.uniform(-1.1, 1.1, n)
    elif kind == "pos":
        v = 10.0 ** rng.uniform(-6, 6, n)
    elif kind == "exp":
        big = 800.0 if dt == np.float64 else 110.0
        v = np.where(pick < 0.85, rng.uniform(-30, 30, n), rng.uniform(-big, big, n))
    elif kind == "small":
        v = rng.integers(-8, 9, n) / rng.choice([1.0, 2.0, 4.0], n)
    else:
        normal = rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 3, n)
        small = rng.integers(-8, 9, n) / rng.choice([1.0, 2.0, 4.0], n)
        wide = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-maxexp - 8, maxexp + 0.3, n)
        v = np.where(pick < 0.5, normal, np.where(pick < 0.85, small, wide))
    sp = np.array(fspecials(dt), np.float64)[rng.integers(0, len(fspecials(dt)), n)]
    v = np.where(rng.random(n) < special, sp, v)
    return v.astype(dt).reshape(shape)


# ---------------------------------------------------------------- shapes and layouts


def rand_len(rng, big=False):
    r = rng.random()
    if r < 0.04:
        return 0
    if r < 0.25:
        return 1
    if big and r > 0.9:
        return int(rng.integers(17, 41))
    return int(rng.integers(2, 7))


def rand_shape(rng, ndim=None, maxdim=4, big=False):
    if ndim is None:
        ndim = int(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4][:maxdim * 2 + 1]))
    shape = [rand_len(rng, big) for _ in range(ndim)]
    if big and int(np.prod(shape)) > 4000:
        shape = [min(s, 6) for s in shape]
    return tuple(shape)


def broadcast_shapes(rng, n, maxdim=4):
    """n shapes that broadcast together (and, rarely, ones that do not)."""
    out = rand_shape(rng, maxdim=maxdim, big=rng.random() < 0.15)
    shapes = []
    for _ in range(n):
        nd = len(out) if rng.random() < 0.6 else int(rng.integers(0, len(out) + 1))
        s = [1 if rng.random() < 0.25 else x for x in out[len(out) - nd:]]
        shapes.append(tuple(s))
    if rng.random() < 0.03 and len(out) > 0:
        k = int(rng.integers(0, n))
        if shapes[k]:
            s = list(shapes[k])
            s[-1] = out[-1] + 1 if out[-1] > 0 else 2
            shapes[k] = tuple(s)
    return shapes


class Inp:
    """An operand: base (written to inputs.bin) viewed as
    np.broadcast_to(base[idx].transpose(perm), bshape); arr is that view, as
    NumPy sees it (same strides). share = j: base is input j's base (the
    same memory, in the driver too)."""
    __slots__ = ("base", "idx", "perm", "bshape", "arr", "share")

    def __init__(self, base, idx=None, perm=None, bshape=None, share=None):
        self.base, self.idx, self.perm, self.bshape, self.share = base, idx, perm, bshape, share
        a = base
        if idx is not None:
            a = a[idx[1]]
        if perm is not None:
            a = a.transpose(perm)
        if bshape is not None:
            a = np.broadcast_to(a, bshape)
        self.arr = a

    def tokens(self, offset):
        if self.share is not None:
            head = ["=%d" % self.share, "-", "-"]
        else:
            head = [self.base.dtype.name, ",".join(map(str, self.base.shape)) or "()", str(offset)]
        return head + [self.idx[0] if self.idx else "-",
                       ",".join(map(str, self.perm)) if self.perm is not None else "-",
                       (",".join(map(str, self.bshape)) or "()") if self.bshape is not None else "-"]

    def expr(self, path, base=None):
        """NumPy's expression for the operand: base (a name) if given, else
        the base's values or np.load of its file."""
        s = base or "np.load(%r)" % path
        if not base and self.base.size <= 12:
            s = "np.array(%s, dtype=%s)" % (
                re.sub(r"\b(nan|inf)\b", r"np.\1", repr(self.base.tolist())), npt(self.base.dtype.name))
        if self.idx:
            s += "[%s]" % self.idx[0]
        if self.perm is not None:
            s += ".transpose(%s)" % ",".join(map(str, self.perm))
        if self.bshape is not None:
            s = "np.broadcast_to(%s, %r)" % (s, tuple(self.bshape))
        return s


# Views of one square base that keep its shape: a pair of them overlaps in
# memory (a + a.T, and an _out written over its own input's transpose).
SQUARE_VIEWS = [(None, None), (None, [1, 0]), (("::-1,:", (slice(None, None, -1), slice(None))), None),
                ((":,::-1", (slice(None), slice(None, None, -1))), [1, 0]),
                (("::-1,::-1", (slice(None, None, -1), slice(None, None, -1))), None)]


def overlapping(rng, dt, kind="any", n=None):
    """Two operands, views of one square base (the second shares the
    first's memory), with lengths that reach the engine's tiles (16+)."""
    n = n or int(rng.choice([2, 3, 5, 16, 17, 33, 40]))
    base = gen_values(rng, dt, (n, n), kind)
    va, vb = (SQUARE_VIEWS[int(k)] for k in rng.choice(len(SQUARE_VIEWS), 2))
    return Inp(base, *va), Inp(base, *vb, share=0)


FILL = {"b": True, "i": 77, "u": 77, "f": -7.75}


def layout(rng, arr, p_plain=0.45):
    """An Inp whose view holds arr's values in a random layout: plain, or
    sliced with steps (reversed too) and/or with permuted axes."""
    nd = arr.ndim
    if nd == 0 or rng.random() < p_plain:
        return Inp(np.array(arr, order="C"))
    perm = None
    if nd >= 2 and rng.random() < 0.6:
        perm = [int(x) for x in (rng.permutation(nd) if rng.random() < 0.6 else range(nd)[::-1])]
    inner = [0] * nd  # the shape before the transpose
    for i in range(nd):
        inner[perm[i] if perm else i] = arr.shape[i]
    idx = None
    if perm is None or rng.random() < 0.5:
        parts, slices, bshape = [], [], []
        for n in inner:
            s = int(rng.choice([1, 1, 2, 3, -1, -1, -2]))
            if s > 0:
                start = int(rng.integers(0, 3))
                tail = int(rng.integers(0, s))
                length = start + ((n - 1) * s + 1 if n else 0) + tail
                sl = slice(start, start + n * s, s)
                txt = "%d:%d:%d" % (start, start + n * s, s)
                if s == 1 and start == 0 and tail == 0:
                    txt = ":"
            else:
                k = -s
                off = int(rng.integers(0, k))
                if n:
                    length = (n - 1) * k + 1 + off
                    sl, txt = slice(length - 1, None, s), "%d::%d" % (length - 1, s)
                else:
                    length = off
                    sl, txt = slice(0, 0, s), "0:0:%d" % s
            parts.append(txt)
            slices.append(sl)
            bshape.append(length)
        base = np.full(bshape, FILL[arr.dtype.kind], arr.dtype)
        idx = (",".join(parts), tuple(slices))
        view = base[idx[1]]
    else:
        base = np.full(inner, FILL[arr.dtype.kind], arr.dtype)
        view = base
    inv = list(np.argsort(perm)) if perm else None
    view[...] = arr.transpose(inv) if perm else arr
    inp = Inp(base, idx, perm)
    assert inp.arr.shape == arr.shape and np.array_equal(inp.arr, arr, equal_nan=arr.dtype.kind == "f")
    return inp


def operand(rng, shape, dt, kind="any", special=None, p_bcast=0.1):
    """A random operand of this shape and dtype in a random layout (a
    broadcast view too, sometimes)."""
    if len(shape) and rng.random() < p_bcast and max(shape) > 1:
        nd = int(rng.integers(0, len(shape) + 1))
        src = tuple(1 if rng.random() < 0.5 else x for x in shape[len(shape) - nd:])
        return Inp(np.array(gen_values(rng, dt, src, kind, special)), bshape=tuple(shape))
    return layout(rng, gen_values(rng, dt, shape, kind, special))


def npt(dt):
    """The NumPy type's name in an expression: np.int8, np.bool_."""
    return "np.bool_" if dt == "bool" else "np." + dt


def rand_dtype(rng, choices=DTYPES):
    return str(choices[int(rng.integers(0, len(choices)))])


# ---------------------------------------------------------------- cases


class Case:
    __slots__ = ("id", "op", "inputs", "params", "expr", "tol", "errs", "known", "expect",
                 "force_error", "env", "nargs", "out", "probe")

    def __init__(self, op, inputs, params, expr, tol=None, errs=None, env=None):
        self.op, self.inputs, self.params, self.expr = op, inputs, [str(p) for p in params], expr
        self.tol, self.errs, self.env = tol, errs, env or {}
        self.known, self.expect, self.force_error = None, None, None
        # _out cases: the operation's own inputs are the first nargs; out
        # names the input NumPy writes into (its expression mutates it, so
        # NumPy gets copies); probe is the expression without out=, whose
        # dtype tells whether NumPy computes in float16
        self.nargs, self.out, self.probe = len(inputs), None, None


NAMES = "abcdefgh"


def np_env(case, cast=None):
    env = {"np": np, "nanarg_ref": nanarg_ref, "or_empty": or_empty, "per_q": per_q,
           "legacy": legacy, "sigmoid_out": sigmoid_out,
           "relu_out": relu_out, "simd_cast": simd_cast, "simd_mean": simd_mean, "inf": math.inf, "nan": math.nan}
    env.update(ACT_REFS)
    env.update({k + "_out": ref_out(f) for k, f in ACT_REFS.items() if k not in ("sigmoid", "relu")})
    env.update(case.env)
    copies = {}
    for k, i in enumerate(case.inputs):
        a = i.arr
        if case.out is not None:  # NumPy writes into one: give it copies (shared alike)
            a = Inp(copies.setdefault(id(i.base), i.base.copy()), i.idx, i.perm, i.bshape).arr
        if cast and a.dtype.kind in "biu" and k < case.nargs:
            a = a.astype(cast)
        env[NAMES[k]] = a
    env["xs"] = [env[NAMES[k]] for k in range(len(case.inputs))]
    return env


class Raised:
    def __init__(self, exc):
        self.exc = exc
        self.name = "AxisError" if isinstance(exc, np.AxisError) else type(exc).__name__


class Deviates(Exception):
    """libnd refuses what NumPy accepts, as documented (the message cites where)."""


def evaluate(case, cast=None, expr=None):
    try:
        r = eval(expr or case.expr, np_env(case, cast))
    except Exception as e:  # NumPy refuses: libnd must refuse too
        return Raised(e)
    if isinstance(r, (bool, np.bool_)) and case.op in ("array_equiv", "can_cast"):
        return ("bool", bool(r))
    if isinstance(r, np.dtype):
        return ("dtype", r.name)
    if isinstance(r, tuple):
        return [np.asarray(x) for x in r]
    return [np.asarray(r)]


def expected(case):
    """NumPy's answer, adjusted by the documented deviations."""
    if case.force_error:
        return Raised(Deviates(case.force_error))
    r = evaluate(case)
    probe = evaluate(case, expr=case.probe) if case.probe else r
    in_place = case.out is not None and case.out < case.nargs
    if isinstance(probe, list) and any(x.dtype == np.float16 for x in probe) and not in_place:
        # (in place, the input is bool or an integer, which neither float16
        # nor float32 casts to under same_kind rules: the error stands)
        deviation(FLOAT16)
        r = evaluate(case, cast=np.float32)
        assert not isinstance(r, list) or all(x.dtype != np.float16 for x in r), (case.expr, [(i.arr.dtype, i.arr.shape) for i in case.inputs], r)
    args = case.inputs[:case.nargs]
    if len(args) >= 2 and any(i.arr.ndim == 0 for i in args) and any(i.arr.ndim > 0 for i in args):
        np._set_promotion_state("legacy")
        try:
            legacy = evaluate(case)
        finally:
            np._set_promotion_state("weak")
        if isinstance(r, list) and isinstance(legacy, list) and \
                [x.dtype for x in r] != [x.dtype for x in legacy]:
            deviation(NEP50)
        elif isinstance(r, tuple) and r != legacy:
            deviation(NEP50)
    return r


# ---------------------------------------------------------------- NumPy references for libnd's own ops


def float_of(dt):
    """libnd's float for an op that needs one (README: There is no float16)."""
    d = np.dtype(dt)
    if d.kind == "f":
        return d
    return np.dtype(np.float32) if d.itemsize <= 2 else np.dtype(np.float64)


def sigmoid_ref(x):
    """libnd's sigmoid (NumPy has none; nd.h: scipy.special.expit): in long
    double, rounded to the result dtype."""
    rt = float_of(x.dtype)
    xl = np.asarray(x).astype(np.longdouble)
    pos = 1 / (1 + np.exp(-xl))
    neg = np.exp(xl) / (1 + np.exp(xl))
    return np.where(xl >= 0, pos, neg).astype(rt)


def simd_cast(a, dt):
    """a.astype(dt) as NumPy's SIMD cast loop gives it for every element
    (each element repeated so that it lies inside a full vector, never in
    the scalar tail)."""
    return np.repeat(np.asarray(a).ravel(), 32).astype(dt)[::32].reshape(np.shape(a))


def simd_mean(a, axis, keepdims, dt):
    """np.mean(a, dtype=dt) for an integer dt: the sum in dt, divided by the
    count in float64, cast back as NumPy's SIMD loop casts (NaN, the mean of
    an empty lane, is 0 in uint32 through NumPy's scalar cast and 2147483648
    through its SIMD loop)."""
    s = np.sum(a, axis=axis, keepdims=keepdims, dtype=dt)
    cnt = np.sum(np.ones(np.shape(a), np.int64), axis=axis, keepdims=keepdims)
    return simd_cast(np.true_divide(s, cnt), dt)


def relu_ref(x):
    """libnd's relu (NumPy has none; nd.h: np.maximum(a, 0))."""
    return np.maximum(x, np.zeros((), x.dtype))


def _silu_ld(xl):
    """x sigmoid(x) in long double; -inf gives -0 (libnd's limit)."""
    neg = xl * (np.exp(xl) / (1 + np.exp(xl)))
    pos = xl / (1 + np.exp(-xl))
    r = np.where(xl >= 0, pos, neg)
    return np.where(np.isneginf(xl), -np.zeros_like(xl), r)


def silu_ref(x):
    """libnd's silu (NumPy has none; nd.h: PyTorch's F.silu) in long double."""
    rt = float_of(x.dtype)
    return _silu_ld(np.asarray(x).astype(rt).astype(np.longdouble)).astype(rt)


def softplus_ref(x):
    """libnd's softplus (PyTorch's F.softplus, threshold 20) in long double."""
    rt = float_of(x.dtype)
    xl = np.asarray(x).astype(rt).astype(np.longdouble)
    return np.where(xl > 20, xl, np.log1p(np.exp(xl))).astype(rt)


def gelu_tanh_ref(x):
    """libnd's gelu_tanh (PyTorch's F.gelu(approximate='tanh')) in long
    double, as x sigmoid(2u): the same function without the cancellation of
    1 + tanh(u); -inf gives -0."""
    rt = float_of(x.dtype)
    xl = np.asarray(x).astype(rt).astype(np.longdouble)
    # sqrt(2/pi) to long double precision (2 / np.pi would round it to double)
    c = np.longdouble("0.79788456080286535587989211986876373695171726232986931533185")
    u = c * (xl + np.longdouble(0.044715) * xl ** 3)
    s = np.where(u >= 0, 1 / (1 + np.exp(-2 * u)), np.exp(2 * u) / (1 + np.exp(2 * u)))
    r = np.where(np.isnan(s), np.where(xl > 0, xl, -np.zeros_like(xl)), xl * s)
    r = np.where(np.isneginf(xl), -np.zeros_like(xl), r)
    return np.where(np.isnan(xl), xl, r).astype(rt)


def _gelu1(v):
    import mpmath
    if v != v or v == math.inf:
        return v
    if v == 0 or v < -40:  # below -40: under the smallest subnormal (-inf too)
        return math.copysign(0.0, v) if v == 0 else -0.0
    if v > 40:
        return v
    with mpmath.workprec(120):
        m = mpmath.mpf(v)
        return float(m / 2 * mpmath.erfc(-m / mpmath.sqrt(2)))


def gelu_ref(x):
    """libnd's gelu (PyTorch's exact F.gelu; NumPy has no erf), in mpmath."""
    rt = float_of(x.dtype)
    xs = np.asarray(x).astype(rt)
    return np.array([_gelu1(float(v)) for v in xs.ravel()], np.float64).reshape(xs.shape).astype(rt)


# libnd's element-wise operations with no NumPy ufunc, by name: the reference
ACT_REFS = {"sigmoid": sigmoid_ref, "relu": relu_ref, "gelu": gelu_ref,
            "gelu_tanh": gelu_tanh_ref, "silu": silu_ref, "softplus": softplus_ref}


def sigmoid_out(x, out):
    np.copyto(out, sigmoid_ref(x), casting="same_kind")
    return out


def ref_out(ref):
    """ref written into out, as the _out forms write (same_kind casts)."""
    def f(x, out):
        np.copyto(out, ref(x), casting="same_kind")
        return out
    return f


def relu_out(x, out):
    return np.maximum(x, np.zeros((), x.dtype), out=out)


# ---------------------------------------------------------------- element-wise families

NP_NAME = {"abs": "absolute", "bitwise_not": "invert", "sigmoid": "sigmoid", "relu": "relu"}
TRANSCENDENTAL = {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
                  "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "sigmoid", "arctan2",
                  "gelu", "gelu_tanh", "silu", "softplus",
                  "hypot", "power", "float_power", "logaddexp", "logaddexp2", "cbrt"}
ULPS = {}  # per-op ULP allowance where 4 is not enough (with the reason)
FLOAT_BINARY = {"arctan2", "hypot", "copysign", "nextafter", "logaddexp", "logaddexp2",
                "heaviside"}
KIND = {"arcsin": "unit", "arccos": "unit", "log": "pos", "log2": "pos", "log10": "pos",
        "sqrt": "pos", "log1p": "unit", "exp": "exp", "exp2": "exp", "expm1": "exp",
        "sinh": "exp", "cosh": "exp", "tanh": "exp", "sigmoid": "exp", "logaddexp": "exp",
        "silu": "exp", "softplus": "exp", "gelu": "exp", "gelu_tanh": "exp",
        "logaddexp2": "exp", "gcd": "gcd", "lcm": "gcd"}
KIND_B = {"left_shift": "shift", "right_shift": "shift", "power": "pexp", "float_power": "pexp"}


def ew_tol(op):
    if op in TRANSCENDENTAL:
        return ("ulp", ULPS.get(op, 4))
    return None


def gen_unary(rng, op):
    dt = rand_dtype(rng)
    shape = rand_shape(rng, big=rng.random() < 0.2)
    if rng.random() < 0.004:
        shape = (70001,)  # through the thread pool
    a = operand(rng, shape, dt, KIND.get(op, "any") if rng.random() < 0.7 else "any")
    expr = "np.%s(a)" % NP_NAME.get(op, op)
    if op in ACT_REFS:
        expr = "%s(a)" % op
    c = Case(op, [a], [], expr, ew_tol(op))
    kind = a.arr.dtype.kind
    if op == "reciprocal" and kind in "biu":
        deviation(RECIPROCAL)
        c.expr = "np.reciprocal(a.astype(np.%s))" % float_of(a.arr.dtype)
    elif op in ("floor", "ceil", "rint", "trunc") and kind in "biu":
        deviation(ROUNDING)
        c.expr = "a.copy()"
    return c


def gen_binary(rng, op):
    same = rng.random() < 0.4
    da = rand_dtype(rng)
    db = da if same else rand_dtype(rng)
    sa, sb = broadcast_shapes(rng, 2)
    if rng.random() < 0.003:
        sa = sb = (300, 234)
    ka = KIND.get(op, "any") if rng.random() < 0.7 else "any"
    kb = KIND_B.get(op, ka) if rng.random() < 0.8 else "any"
    if rng.random() < 0.06:
        a, b = overlapping(rng, da, ka)
    else:
        a, b = operand(rng, sa, da, ka), operand(rng, sb, db, kb)
    return Case(op, [a, b], [], "np.%s(a, b)" % NP_NAME.get(op, op), ew_tol(op))


def gen_ew_out(rng, op):
    """nd_NAME_out: into a new array (any dtype, so same_kind casts and
    their refusals are met; any layout, read-only broadcast views too) or
    into the first input itself."""
    name = op[:-4]
    nin = 1 if name in UNARY else 2
    shapes = broadcast_shapes(rng, nin) if nin == 2 else [rand_shape(rng)]
    keep = name in ("reciprocal", "floor", "ceil", "rint", "trunc")
    # (their integer forms deviate: met by the plain cases, not repeated here)
    dts = [rand_dtype(rng, FLOATS if keep else DTYPES) for _ in range(nin)]
    kinds = [KIND.get(name, "any"), KIND_B.get(name, KIND.get(name, "any"))]
    overlap = rng.random() < 0.15
    if overlap:  # the operands, and the out, may share memory
        pair = overlapping(rng, dts[0], kinds[0])
        ins = list(pair[:nin])
        shapes, dts = [ins[0].arr.shape] * nin, [dts[0]] * nin
    else:
        ins = [operand(rng, s, d, kinds[k]) for k, (s, d) in enumerate(zip(shapes, dts))]
    args = ", ".join(NAMES[:nin])
    if name in ACT_REFS:
        fn, probe = name + "_out", "%s(a)" % name
    else:
        fn = "np." + NP_NAME.get(name, name)
        probe = "%s(%s)" % (fn, args)
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        shape = shapes[0]
    if rng.random() < 0.3 and tuple(shapes[0]) == tuple(shape):
        c = Case(op, ins, ["inplace"], "%s(%s, out=a)" % (fn, args), ew_tol(name))
        c.out = 0
    else:
        env = dict(ACT_REFS, np=np)
        env.update(zip(NAMES, (i.arr for i in ins)))
        try:
            rdt = np.asarray(eval(probe, env)).dtype
            rdt = np.dtype(np.float32) if rdt == np.float16 else rdt
        except Exception:
            rdt = np.dtype(dts[0])
        dt = rdt.name if rng.random() < 0.5 else rand_dtype(rng)
        wider = rng.random() < 0.03
        if wider:
            shape = tuple(shape) + (2,)
        if overlap and not wider and rng.random() < 0.6:  # out over the inputs' memory
            ins.append(Inp(ins[0].base, *SQUARE_VIEWS[int(rng.integers(0, len(SQUARE_VIEWS)))],
                           share=0))
        else:
            ins.append(operand(rng, tuple(shape), dt))
        c = Case(op, ins, ["new"], "%s(%s, out=%s)" % (fn, args, NAMES[nin]), ew_tol(name))
        c.out = nin
        if wider:
            deviation(OUT_SHAPE)
            c.force_error = OUT_SHAPE
    c.nargs, c.probe = nin, probe
    if c.tol and c.out == nin and rdt.kind == "f":
        c.tol = c.tol + (rdt,)
    # which of several faults (shape, dtype, a read-only out) is reported
    # first is not NumPy's order: any of them will do
    c.errs = {"ND_ERR_VALUE", "ND_ERR_SHAPE", "ND_ERR_READONLY", "ND_ERR_DTYPE"}
    return c


def gen_where(rng, op):
    sc, sa, sb = broadcast_shapes(rng, 3)
    c = operand(rng, sc, "bool" if rng.random() < 0.6 else rand_dtype(rng))
    da = rand_dtype(rng)
    a = operand(rng, sa, da)
    b = operand(rng, sb, da if rng.random() < 0.4 else rand_dtype(rng))
    return Case(op, [c, a, b], [], "np.where(a, b, c)")


def gen_clip(rng, op):
    sa, sl, sh = broadcast_shapes(rng, 3)
    da = rand_dtype(rng)
    dl = da if rng.random() < 0.5 else rand_dtype(rng)
    dh = dl if rng.random() < 0.5 else rand_dtype(rng)
    kind = "small" if rng.random() < 0.5 else "any"
    ins = [operand(rng, sa, da, kind), operand(rng, sl, dl, kind, special=0.05),
           operand(rng, sh, dh, kind, special=0.05)]
    if rng.random() < 0.05:  # a scalar NaN bound
        ins[int(rng.integers(1, 3))] = Inp(np.array(np.nan, rand_dtype(rng, FLOATS)))
    c = Case(op, ins, [], "np.clip(a, b, c)")
    if any(i.arr.ndim == 0 and i.arr.dtype.kind == "f" and np.isnan(i.arr) for i in ins[1:]):
        deviation(CLIP_NAN)
        c.expr = "np.core.umath.clip(a, b, c)"
    return c


def gen_nan_to_num(rng, op):
    dt = rand_dtype(rng, FLOATS * 4 + DTYPES)
    a = operand(rng, rand_shape(rng), dt, special=0.4)
    vals = []
    for _ in range(3):
        r = rng.random()
        vals.append(math.nan if r < 0.4 else 0.0 if r < 0.5 else
                    float(rng.choice([1e300, -1e300, 1e40, -5.5, 123.25, math.inf, -math.inf])))
    nan = vals[0] if not math.isnan(vals[0]) else 0.0
    pos = "None" if math.isnan(vals[1]) else repr(vals[1])
    neg = "None" if math.isnan(vals[2]) else repr(vals[2])
    if math.isnan(vals[1]) or math.isnan(vals[2]):
        deviation(NAN_TO_NUM)
    return Case(op, [a], [repr(nan), repr(vals[1]), repr(vals[2])],
                "np.nan_to_num(a, nan=%r, posinf=%s, neginf=%s)" % (nan, pos, neg))


def gen_array_equiv(rng, op):
    da = rand_dtype(rng)
    db = da if rng.random() < 0.5 else rand_dtype(rng)
    if rng.random() < 0.6:  # b broadcasts to a: equal unless perturbed
        sa = rand_shape(rng)
        sb = sa[int(rng.integers(0, len(sa) + 1)):]
        vb = gen_values(rng, db, sb, "small", 0.02)
        va = np.array(np.broadcast_to(vb, sa)).astype(da)
        if va.size and rng.random() < 0.3:
            va.flat[int(rng.integers(0, va.size))] = 1 if da == "bool" else 3
    else:
        sa, sb = broadcast_shapes(rng, 2)
        if rng.random() < 0.2:
            sb = rand_shape(rng)
        va, vb = gen_values(rng, da, sa, "small", 0.02), gen_values(rng, db, sb, "small", 0.02)
    if rng.random() < 0.5:
        va, vb = vb, va
    return Case(op, [layout(rng, va), layout(rng, vb)], [], "np.array_equiv(a, b)")


# ---------------------------------------------------------------- reductions


def rand_axes(rng, nd):
    """(driver token, NumPy axis) for a random axis set."""
    r = rng.random()
    if r < 0.25:
        return "all", None
    if r < 0.3:
        return "-", ()
    if r < 0.33:  # out of range, or repeated
        ax = [nd if rng.random() < 0.5 else -nd - 1]
        if nd and rng.random() < 0.5:
            ax = [0, -nd]
        return ",".join(map(str, ax)), tuple(ax)
    if nd == 0:
        return "all", None
    k = int(rng.integers(1, nd + 1))
    ax = [int(x) for x in rng.choice(nd, k, replace=False)]
    ax = [x - nd if rng.random() < 0.3 else x for x in ax]
    return ",".join(map(str, ax)), tuple(ax)


def rand_axis(rng, nd, extra=0):
    """An axis in [-nd - extra, nd + extra), out of that range one time in 20."""
    if rng.random() < 0.05:
        return int(rng.choice([nd + extra, -nd - extra - 1]))
    return int(rng.integers(-nd - extra, nd + extra)) if nd + extra else 0


def red_input(rng, op, dt=None):
    dt = dt or rand_dtype(rng)
    shape = rand_shape(rng, big=True)
    if rng.random() < 0.003:
        shape = (300, 234) if rng.random() < 0.5 else (70003,)
    if op in ("nansum", "nanmean") and rng.random() < 0.25:
        # blocks of rows, +inf and -inf in one column (issue 10's class)
        dt = rand_dtype(rng, FLOATS)
        v = gen_values(rng, dt, (int(rng.integers(17, 40)), int(rng.integers(1, 4))), "any", 0.05)
        if rng.random() < 0.6:
            col = int(rng.integers(0, v.shape[1]))
            v[rng.integers(0, v.shape[0], 2), col] = [np.inf, -np.inf]
        return layout(rng, v)
    return operand(rng, shape, dt, "any")


EPS = {"float32": 2.0 ** -24, "float64": 2.0 ** -53}


class Bound:
    """What a float reduction may give in any order of its operations
    (README Reductions: "Float sums are pairwise along every reduced axis;
    NumPy is pairwise only along the fast axis in memory, so the last bits
    can differ"): a value within `bound` of NumPy's, or of the exact result
    (long double). Where some order leaves the dtype's range (`over`: a
    partial sum or product can overflow; `under`: a partial product can
    underflow), NumPy's own answer depends on its loop order, and libnd's
    may also be an infinity (over), NaN (sums: over; products: over and
    under), or, where a partial product can fall into the subnormals
    (under), a zero or a value of the exact one's sign up to twice its size
    (the subnormal kept as few as one significant bit)."""

    def __init__(self, bound, exact, over=False, under=False, nan_ok=None):
        self.bound, self.exact = bound, exact
        self.over, self.under = over, under
        self.nan_ok = over if nan_ok is None else nan_ok

    def ok(self, exp, got):
        shape = exp.shape
        b = np.broadcast_to(np.asarray(self.bound, np.longdouble), shape)
        ex = np.broadcast_to(np.asarray(self.exact, np.longdouble), shape)
        over = np.broadcast_to(np.asarray(self.over), shape)
        under = np.broadcast_to(np.asarray(self.under), shape)
        nan_ok = np.broadcast_to(np.asarray(self.nan_ok), shape)
        g = got.astype(np.longdouble)
        with np.errstate(all="ignore"):
            near = (np.abs(exp.astype(np.longdouble) - g) <= b) | (np.abs(ex - g) <= b)
        fin = np.isfinite(exp) & np.isfinite(got)
        return ((exp == got) | (np.isnan(exp) & np.isnan(got)) | (fin & near)
                | (np.isfinite(got) & near) | (over & np.isinf(got)) | (nan_ok & np.isnan(got))
                | (under & ((g == 0) | ((np.sign(g) == np.sign(ex)) & (np.abs(g) <= 2 * np.abs(ex) + b)))))


def lanes(fn, x, axis, keepdims, cumulative):
    """fn (np.sum, np.prod, ...) over the reduced axes, or cumulated along one."""
    if cumulative:
        cum = {np.sum: np.cumsum, np.prod: np.cumprod, np.nansum: np.nancumsum}[fn]
        return cum(x, axis=axis) if axis is not None else cum(x.ravel())
    return fn(x, axis=axis, keepdims=keepdims)


def sum_tolerance(kind, a, axis, keepdims, res):
    """A Bound for float sums, means and products (and their cumulative
    forms): any two orders of n operations differ by at most
    2 (n + 2) eps sum|x| (product: 2 (n + 2) eps prod|x|)."""
    rd = res.dtype
    if rd.kind != "f":
        return None
    eps, fi = EPS[rd.name], np.finfo(rd)
    x = a.astype(np.longdouble)
    cumulative = kind in ("cumsum", "cumprod")
    if cumulative:
        n = a.shape[axis] if axis is not None and a.ndim else a.size
    else:
        n = a.size // res.size if res.size else 1
    n = max(n, 1)
    nanop = kind.startswith("nan")
    if nanop:
        x = np.where(np.isnan(x), 0, x)
    absx = np.abs(x)
    slack = float(fi.smallest_subnormal) * 4
    if kind in ("prod", "cumprod"):
        mag = lanes(np.prod, absx, axis, keepdims, cumulative)
        over = lanes(np.prod, np.maximum(absx, 1), axis, keepdims, cumulative) > float(fi.max)
        under = lanes(np.prod, np.minimum(absx, 1), axis, keepdims, cumulative) < float(fi.tiny)
        return Bound(2 * (n + 2) * eps * mag + slack, lanes(np.prod, x, axis, keepdims, cumulative),
                     over, under, over & under)
    mag = lanes(np.sum, absx, axis, keepdims, cumulative)
    exact = lanes(np.sum, x, axis, keepdims, cumulative)
    over = mag > float(fi.max)
    if kind in ("mean", "nanmean"):
        cnt = np.sum(~np.isnan(a), axis=axis, keepdims=keepdims) if nanop else n
        mag, exact = mag / np.maximum(cnt, 1), exact / np.maximum(cnt, 1)
    return Bound(2 * (n + 2) * eps * mag + slack, exact, over)


def var_tolerance(a, axis, keepdims, ddof, res, std):
    rd = res.dtype
    eps, fi = EPS[rd.name], np.finfo(rd)
    x = a.astype(np.longdouble)
    n = max(1, a.size // max(1, res.size)) if a.size else 1
    m2 = np.sum(x * x, axis=axis, keepdims=keepdims)
    over = m2 > float(fi.max)
    m2 = m2 / max(n - ddof, 1)
    exact = np.var(x, axis=axis, keepdims=keepdims, ddof=ddof)
    tv = 8 * (n + 4) * eps * m2 + float(fi.smallest_subnormal) * 4
    if not std:
        return Bound(tv, exact, over)
    s = np.asarray(res, np.longdouble)
    with np.errstate(all="ignore"):
        tol = np.where(s * s > tv, tv / (2 * np.abs(s)) + 4 * eps * np.abs(s), np.sqrt(tv))
    return Bound(tol, np.sqrt(exact), over)


class Tol:
    """A tolerance computed from the inputs once NumPy's result is known."""

    def __init__(self, fn):
        self.fn = fn


def gen_reduction(rng, op):
    a = red_input(rng, op)
    tok, axis = rand_axes(rng, a.arr.ndim)
    kd = bool(rng.random() < 0.4)
    fn = {"count_nonzero": "np.count_nonzero"}.get(op, "np." + op)
    c = Case(op, [a], [tok, int(kd)], "%s(a, axis=%r, keepdims=%r)" % (fn, axis, kd))
    if op in ("sum", "nansum", "mean", "nanmean", "prod"):
        c.tol = Tol(lambda res, a=a.arr: sum_tolerance(op, a, axis, kd, res))
    elif op in ("min", "max", "nanmin", "nanmax"):
        c.tol = ZERO_SIGN
    return c


def gen_var(rng, op):
    a = red_input(rng, op)
    tok, axis = rand_axes(rng, a.arr.ndim)
    kd = bool(rng.random() < 0.4)
    ddof = float(rng.choice([0, 0, 1, 1, 2, 0.5, 3, -1]))
    c = Case(op, [a], [tok, int(kd), repr(ddof)],
             "np.%s(a, axis=%r, keepdims=%r, ddof=%r)" % (op, axis, kd, ddof))
    if ddof < 0:
        deviation(DDOF)
        c.force_error = DDOF  # NumPy accepts it; libnd refuses (ND_ERR_VALUE)
        c.errs = {"ND_ERR_VALUE", "ND_ERR_INDEX"}
    c.tol = Tol(lambda res, a=a.arr: var_tolerance(a, axis, kd, ddof, res, op == "std"))
    return c


def gen_red_dtype(rng, op):
    base = op.split("_")[0]
    a = red_input(rng, op)
    tok, axis = rand_axes(rng, a.arr.ndim)
    kd = bool(rng.random() < 0.4)
    dt = rand_dtype(rng)
    c = Case(op, [a], [tok, int(kd), dt],
             "np.%s(a, axis=%r, keepdims=%r, dtype=%s)" % (base, axis, kd, npt(dt)))
    if dt == "uint32" and (a.arr.dtype.kind == "f" or base == "mean"):
        # the elements are cast first; a mean divides in float64 and casts back
        # (NaN for an empty lane)
        c.expr = "np.%s(simd_cast(a, np.uint32), axis=%r, keepdims=%r, dtype=np.uint32)" % (
            base, axis, kd)
        if base == "mean":
            c.expr = "simd_mean(simd_cast(a, np.uint32), axis=%r, keepdims=%r, dt=np.uint32)" % (
                axis, kd)
        try:
            if not np.array_equal(evaluate(c)[0], np.asarray(eval(
                    "np.%s(a, axis=%r, keepdims=%r, dtype=np.uint32)" % (base, axis, kd),
                    {"np": np, "a": a.arr}))):
                deviation(CAST_U32)
        except Exception:
            pass
    c.tol = Tol(lambda res, a=a.arr: sum_tolerance(base, a.astype(dt) if dt != "bool" else a,
                                                   axis, kd, res))
    return c


def gen_arg(rng, op):
    a = red_input(rng, op)
    nd = a.arr.ndim
    axis = None if rng.random() < 0.3 else rand_axis(rng, nd)
    kd = bool(rng.random() < 0.4)
    return Case(op, [a], ["none" if axis is None else axis, int(kd)],
                "np.%s(a, axis=%r, keepdims=%r)" % (op, axis, kd))


def gen_scan(rng, op):
    a = red_input(rng, op)
    nd = a.arr.ndim
    axis = None if rng.random() < 0.3 else rand_axis(rng, nd)
    c = Case(op, [a], ["none" if axis is None else axis], "np.%s(a, axis=%r)" % (op, axis))
    c.tol = Tol(lambda res, a=a.arr: sum_tolerance(op, a, axis, False, res))
    return c


# ---------------------------------------------------------------- promotion


def gen_promote_all(rng):
    return [Case("promote_types", [], [a, b], "np.promote_types(%s, %s)" % (npt(a), npt(b)))
            for a in DTYPES for b in DTYPES]


def gen_can_cast_all(rng):
    return [Case("can_cast", [], [a, b, r], "np.can_cast(%s, %s, %r)" % (npt(a), npt(b), r))
            for a in DTYPES for b in DTYPES for r in ("no", "safe", "same_kind", "unsafe")]


def gen_result_type(rng, op):
    ins = []
    for _ in range(2):
        shape = () if rng.random() < 0.4 else rand_shape(rng)
        ins.append(operand(rng, shape, rand_dtype(rng)))
    return Case(op, ins, [], "np.result_type(a, b)")


# ---------------------------------------------------------------- joining


def gen_join(rng, op):
    n = int(rng.integers(1, 5))
    mixed = rng.random() < 0.6
    d0 = rand_dtype(rng)
    dts = [rand_dtype(rng) if mixed else d0 for _ in range(n)]
    nd = int(rng.integers(1, 4))
    base = list(rand_shape(rng, nd))
    if op == "concatenate":
        r = rng.random()
        axis = None if r < 0.15 else int(rng.integers(-nd, nd + (r > 0.97)))
        shapes = []
        for _ in range(n):
            s = list(base)
            if axis is None:
                s = list(rand_shape(rng))
            elif -nd <= axis < nd:
                s[axis] = int(rng.integers(0, 4))
            shapes.append(tuple(s))
        if axis is not None and rng.random() < 0.04 and nd > 1:
            s = list(shapes[-1])
            s[(axis + 1) % nd] += 1
            shapes[-1] = tuple(s)
        params, expr = ["none" if axis is None else axis], "np.concatenate(xs, axis=%r)" % (axis,)
    elif op == "stack":
        axis = int(rng.integers(-nd - 1, nd + 1 + (rng.random() < 0.03)))
        shapes = [tuple(base)] * n
        if rng.random() < 0.04:
            shapes[-1] = tuple(base[:-1])
        params, expr = [axis], "np.stack(xs, axis=%r)" % axis
    else:
        shapes = []
        for _ in range(n):
            s = list(base)
            k = {"hstack": 1 if nd > 1 else 0, "vstack": 0, "dstack": 2}[op]
            if k < nd and (op != "vstack" or nd > 1):
                s[k] = int(rng.integers(0, 4))
            shapes.append(tuple(s))
        params, expr = [], "np.%s(xs)" % op
    ins = [operand(rng, s, d, "small" if rng.random() < 0.5 else "any") for s, d in zip(shapes, dts)]
    return Case(op, ins, params, expr)


# ---------------------------------------------------------------- sorting


def gen_sort(rng, op):
    dt = rand_dtype(rng)
    shape = rand_shape(rng, maxdim=3, big=True)
    a = operand(rng, shape, dt, "small" if rng.random() < 0.5 else "any")
    nd = len(shape)
    axis = None if rng.random() < 0.25 else int(rng.integers(-nd - (rng.random() < 0.05), max(nd, 1)))
    c = Case(op, [a], ["none" if axis is None else axis, 1],
             "np.%s(a, axis=%r, kind='stable')" % (op, axis))
    if op == "argsort" and nd == 0 and axis is not None:
        deviation(SORT0D)
        c.force_error = SORT0D  # NumPy gives [0]; libnd refuses (ND_ERR_INDEX)
        c.errs = {"ND_ERR_INDEX"}
    return c


# ---------------------------------------------------------------- matmul


def gen_matmul(rng, op):
    da = rand_dtype(rng)
    db = da if rng.random() < 0.5 else rand_dtype(rng)
    big = rng.random() < 0.1
    m, k, n = (int(rng.integers(0, 40 if big else 6)) for _ in range(3))
    r = rng.random()
    if r < 0.15:
        sa, sb = (k,), (k,)
    elif r < 0.3:
        sa, sb = (k,), (k, n)
    elif r < 0.45:
        sa, sb = (m, k), (k,)
    elif r < 0.75:
        sa, sb = (m, k), (k, n)
    else:
        bs = rand_shape(rng, int(rng.integers(1, 3)))
        sa = tuple(x if rng.random() < 0.7 else 1 for x in bs) + (m, k)
        sb = tuple(bs[len(bs) - int(rng.integers(0, len(bs) + 1)):]) + (k, n)
    if rng.random() < 0.04:
        sb = (k + 1,) + sb[1:] if len(sb) == 1 else sb[:-2] + (k + 1, sb[-1])
    if rng.random() < 0.02:
        sa = ()
    kind = "small" if rng.random() < 0.6 else "any"
    a, b = operand(rng, sa, da, kind, 0.02), operand(rng, sb, db, kind, 0.02)
    c = Case(op, [a, b], [], "np.matmul(a, b)")

    def tol(res, a=a.arr, b=b.arr):
        if res.dtype.kind != "f" or a.ndim == 0 or b.ndim == 0:
            return None
        kk = a.shape[-1]
        al, bl = a.astype(res.dtype).astype(np.longdouble), b.astype(res.dtype).astype(np.longdouble)
        mag = np.matmul(np.abs(al), np.abs(bl))
        fi = np.finfo(res.dtype)
        return Bound(2 * (kk + 2) * EPS[res.dtype.name] * mag + float(fi.smallest_subnormal) * 4,
                     np.matmul(al, bl), mag > float(fi.max))
    c.tol = Tol(tol)
    return c


# ---------------------------------------------------------------- casts, views, creation


def gen_astype_all(rng):
    cases = []
    for src in DTYPES:
        for dst in DTYPES:
            for _ in range(3):
                shape = rand_shape(rng, big=True)
                v = gen_values(rng, src, shape, "any", special=0.3)
                if not X86_64 and src in FLOATS and dst not in FLOATS:
                    v = np.where(np.isfinite(v), np.fmod(v, 100), 0).astype(src)
                a = layout(rng, v)
                c = Case("astype", [a], [dst], "a.astype(%s)" % npt(dst))
                if src in FLOATS and dst == "uint32":
                    c.expr = "simd_cast(a, np.uint32)"
                    if not np.array_equal(a.arr.astype(np.uint32), simd_cast(a.arr, np.uint32)):
                        deviation(CAST_U32)
                cases.append(c)
    return cases


def gen_reshape(rng, op):
    shape = rand_shape(rng)
    a = operand(rng, shape, rand_dtype(rng), p_bcast=0.05)
    size = int(np.prod(shape))
    new = []
    rest = size
    for _ in range(int(rng.integers(0, 4))):
        divs = [d for d in range(1, 7) if rest % d == 0] if rest else [0, 1, 2]
        d = int(rng.choice(divs))
        new.append(d)
        rest = rest // d if d else rest
    new.append(rest if rest else 0)
    new = [int(x) for x in rng.permutation(new)]
    if rng.random() < 0.3 and size:
        new[int(rng.integers(0, len(new)))] = -1
    if rng.random() < 0.05:
        new[0] += 1
    return Case(op, [a], [",".join(map(str, new))], "np.reshape(a, %r)" % (tuple(new),))


def gen_transpose(rng, op):
    shape = rand_shape(rng)
    a = operand(rng, shape, rand_dtype(rng))
    if rng.random() < 0.3:
        return Case(op, [a], ["T"], "a.T")
    perm = [int(x) for x in rng.permutation(len(shape))]
    perm = [p - len(shape) if rng.random() < 0.2 else p for p in perm]
    if rng.random() < 0.05 and perm:
        perm[0] = perm[-1] if len(perm) > 1 else 5
    return Case(op, [a], [",".join(map(str, perm)) or "-"], "np.transpose(a, %r)" % (tuple(perm),))


def gen_view(rng, op):
    shape = rand_shape(rng, maxdim=3)
    a = operand(rng, shape, rand_dtype(rng))
    items, k = [], 0
    ell = rng.random() < 0.3
    for n in shape:
        r = rng.random()
        if r < 0.25 and n:
            i = int(rng.integers(-n - (rng.random() < 0.1), n + (rng.random() < 0.1)))
            items.append(str(i))
        elif r < 0.3:
            items.append("None")
            items.append(":")
        else:
            def bound():
                return "" if rng.random() < 0.4 else str(int(rng.integers(-n - 2, n + 3)))
            step = "" if rng.random() < 0.5 else str(int(rng.choice([1, 2, 3, -1, -2, -3])))
            items.append("%s:%s%s" % (bound(), bound(), ":" + step if step else ""))
        k += 1
    if ell and items:
        p = int(rng.integers(0, len(items) + 1))
        items = items[:p] + ["..."] + items[p + int(rng.integers(0, 2)):]
    if rng.random() < 0.03:
        items.append("0")
    if not items:
        items = ["..."]
    s = ",".join(items)
    c = Case(op, [a], [s], "a[%s]" % s)
    # nd.h (nd_view): "ND_ERR_VALUE for ... too many indices" where NumPy raises IndexError
    c.errs = {"IndexError": {"ND_ERR_INDEX", "ND_ERR_VALUE"}}
    return c


def gen_axes_view(rng, op):
    shape = rand_shape(rng)
    if op == "squeeze" and rng.random() < 0.7:
        shape = tuple(1 if rng.random() < 0.4 else x for x in shape)
    a = operand(rng, shape, rand_dtype(rng))
    nd = len(shape)
    if op == "squeeze":
        ones = [i for i, x in enumerate(shape) if x == 1]
        if rng.random() < 0.4 or not ones:
            ax = [] if rng.random() < 0.8 or not nd else [int(rng.integers(0, nd))]
        else:
            ax = [int(x) for x in rng.choice(ones, int(rng.integers(1, len(ones) + 1)), replace=False)]
        return Case(op, [a], [",".join(map(str, ax)) or "all"],
                    "np.squeeze(a, axis=%r)" % (tuple(ax) if ax else None,))
    if op == "flip":
        ax = [] if rng.random() < 0.3 or not nd else \
            [int(x) for x in rng.choice(nd, int(rng.integers(1, nd + 1)), replace=False)]
        return Case(op, [a], [",".join(map(str, ax)) or "all"],
                    "np.flip(a, axis=%r)" % (tuple(ax) if ax else None,))
    if op in ("swapaxes", "moveaxis"):
        x, y = (int(rng.integers(-nd - (rng.random() < 0.05), max(nd, 1))) for _ in range(2))
        return Case(op, [a], [x, y], "np.%s(a, %d, %d)" % (op, x, y))
    if op == "expand_dims":
        x = int(rng.integers(-nd - 1 - (rng.random() < 0.05), nd + 1 + (rng.random() < 0.05)))
        return Case(op, [a], [x], "np.expand_dims(a, %d)" % x)
    return Case(op, [a], [], {"copy": "a.copy()", "ravel": "np.ravel(a)"}[op])


def gen_arange(rng, op):
    dt = rand_dtype(rng, DTYPES[1:])
    if rng.random() < 0.5:
        start = float(rng.integers(-20, 20))
        step = float(rng.choice([1, 2, 3, -1, -2, 5]))
    else:
        start = float(np.round(rng.uniform(-5, 5), 2))
        step = float(rng.choice([0.1, 0.25, 0.3, -0.1, -0.7, 1.5, 1 / 3]))
    stop = start + step * float(rng.uniform(-1, 40))
    if dt[0] == "u" and (min(start, stop) < 0):
        start, stop = abs(start), abs(stop)
    if rng.random() < 0.02:
        step = 0.0
    return Case(op, [], [repr(start), repr(stop), repr(step), dt],
                "np.arange(%r, %r, %r, dtype=np.%s)" % (start, stop, step, dt))


def gen_linspace(rng, op):
    dt = rand_dtype(rng, DTYPES[1:] + FLOATS * 3)
    start = float(np.round(rng.uniform(-50, 50), int(rng.integers(0, 4))))
    stop = float(np.round(rng.uniform(-50, 50), int(rng.integers(0, 4))))
    if dt[0] == "u":
        start, stop = abs(start), abs(stop)
    num = int(rng.integers(0, 30))
    ep = bool(rng.random() < 0.7)
    return Case(op, [], [repr(start), repr(stop), num, int(ep), dt],
                "np.linspace(%r, %r, %d, endpoint=%r, dtype=np.%s)" % (start, stop, num, ep, dt))


# ---------------------------------------------------------------- issue 10's examples
# The examples of issue 10's bugs, fixed values, so that its known bugs show
# in every run until their fixes land (then these pass).


def gen_issue10(rng):
    def arr(values, dt):
        return Inp(np.array(values, dt))
    x = np.ones((17, 2))
    x[0, 0], x[1, 0] = np.inf, -np.inf
    cases = [Case("arctan2", [arr([1, -2, 3], "int16"), arr([4, 5, 6], "uint16")], [],
                  "np.arctan2(a, b)", ew_tol("arctan2")),
             Case("hypot", [arr([1, -2, 3], "int8"), arr([4, 5, 6], "uint16")], [],
                  "np.hypot(a, b)", ew_tol("hypot")),
             Case("clip", [arr([-5, 0, 5, 100], "int8"), arr([0, 1, 2, 3], "uint16"),
                           arr([4.5, 4.5, 4.5, 4.5], "float32")], [], "np.clip(a, b, c)"),
             Case("concatenate", [arr([-1, 2], "int16"), arr([3, 65535], "uint16"),
                                  arr([0.5], "float32")], [0], "np.concatenate(xs, axis=0)"),
             Case("stack", [arr([-1, 2], "int16"), arr([3, 65535], "uint16"),
                            arr([0.5, 1.5], "float32")], [0], "np.stack(xs, axis=0)"),
             Case("nansum", [Inp(x.copy(), None, None)], ["0", "0"],
                  "np.nansum(a, axis=(0,), keepdims=False)"),
             Case("nanmean", [Inp(x.copy(), None, None)], ["0", "0"],
                  "np.nanmean(a, axis=(0,), keepdims=False)"),
             Case("arange", [], [repr(-1.0), repr(1.1), repr(0.1), "float32"],
                  "np.arange(-1.0, 1.1, 0.1, dtype=np.float32)")]
    for c in cases:
        if c.op in ("nansum", "nanmean"):
            c.tol = Tol(lambda res, a=c.inputs[0].arr, op=c.op: sum_tolerance(op, a, (0,), False, res))
    return cases


# ---------------------------------------------------------------- statistics (nd/stats.h)

# README Statistics: "Continuous quantiles ... of float32 data are float32,
# NumPy 1.24's float64 value rounded".
QUANT_F32 = "float32 quantiles are float32 (README: Continuous quantiles ... of float32 data)"
# README Statistics: "of integers they are interpolated in float64 (NumPy
# subtracts in the integer dtype, which wraps); of bool they are those of 0
# and 1 (NumPy refuses)". Where an infinity meets the interpolation
# (README: "libnd gives the limit") the data hold no infinities.
QUANT_INT = "integer quantiles interpolated in float64 (README: Continuous quantiles ... of integers)"
# README Statistics: "an empty nd_nanquantile keeps q's axes" (and its
# dtype is the method's: nd/stats.h, nd_nanquantile).
NANQ_EMPTY = "nanquantile of an empty input keeps q's axes (README: an empty nd_nanquantile)"
# README Statistics: "nd_nanargmin/nd_nanargmax never return the index of a
# NaN (NumPy 1.24 can, where the extreme is an infinity after a NaN)."
NANARG_INF = "nanargmin/nanargmax skip a NaN before an infinite extreme (README: nd_nanargmin)"
# README Statistics: "nd_nanvar and nd_nanstd refuse a negative ddof, as
# nd_var does (NumPy accepts it)."
NANDDOF = "nanvar/nanstd refuse a negative ddof (README: nd_nanvar and nd_nanstd refuse)"
# README Integration: "nd_trapz converts y and x to the result's float dtype
# before adding or subtracting (NumPy wraps int8 sums, ORs bool ones ...)".
TRAPZ_CONV = "trapz converts integers to a float first (README: nd_trapz converts y and x)"
# README Integration: "nd_correlate takes 0-d inputs as length 1, as
# np.convolve does (np.correlate refuses them)".
CORR_0D = "correlate takes 0-d inputs as length 1 (README: nd_correlate takes 0-d inputs)"
# README Sets: "nd_isin compares in the promoted dtype of its two arrays ...
# (NumPy 1.24 compares a short float64 test_elements with a float32 array in
# float32, and raises on int64 with uint64)".
ISIN_PROMOTE = "isin compares in the promoted dtype (README: nd_isin compares in the promoted dtype)"
# README Shape: "nd_block's dtype is the promotion of all the arrays at once
# (np.result_type); NumPy promotes small results list by list".
BLOCK_DTYPE = "block promotes all arrays at once (README: nd_block's dtype)"
# README Shape: nd_ravel_multi_index refuses "a wrap or clip mode into a
# length 0, even for an empty result".
RAVEL_ZERO = "ravel_multi_index refuses wrap/clip into a length 0 (README: nd_unravel_index and nd_ravel_multi_index)"

# nd/stats.h, nd_nanquantile: "an integer result of a discrete method has
# no NaN: an empty slice is then ND_ERR_VALUE" (NumPy gives a float NaN).
NANQ_INT_EMPTY = "nan-quantile of an empty integer slice, discrete method, refused (nd/stats.h)"
# README Integration: "nd_polyval computes in the promoted dtype of p and x
# (NEP 50), also for an empty p (NumPy: x's dtype)".
POLYVAL_EMPTY = "polyval of an empty p has the promoted dtype (README: nd_polyval computes)"
# README Statistics: "A median or quantile over several axes of an empty
# array gives an empty result (NumPy 1.24 fails to reshape it, or, over one
# axis, indexes it at -1)": the expected answer is that empty result.
# And NumPy 1.24's own failures, where the expected answer is built from
# NumPy's other calls (each counted):
# - nanquantile/nanpercentile with a 1-D or 2-D q put q's axes elsewhere
#   than np.quantile does, with keepdims or some axes: the expected answer
#   is NumPy's for each q stacked in q's shape (nd/stats.h: "q's shape
#   followed by the reduced shape (as NumPy)");
# - setdiff1d of int64 with uint64 fails in np.in1d's table method: compared
#   through Python ints.
NUMPY_EMPTY = "median/quantile of an empty array with an empty result (README: A median or quantile ... empty)"
NUMPY_NANQ = "NumPy 1.24 misplaces q's axes in nanquantile (its bug): per-q stack"
NUMPY_IN1D = "NumPy 1.24's in1d fails on int64 with uint64 (its bug): Python ints"


def or_empty(f, shape, dt):
    """f(), or the empty result where NumPy fails on an empty input (to
    reshape it, or indexing it at -1)."""
    try:
        return f()
    except (ValueError, IndexError) as e:
        if "cannot reshape array of size 0" not in str(e) and "with size 0" not in str(e):
            raise
        return np.empty(shape, dt)


def per_q(fn, a, q, **kw):
    """fn(a, q) as NumPy's quantile lays it out: q's shape, then the
    reduced shape, from one call per quantile."""
    q = np.asarray(q)
    if q.ndim == 0:
        return fn(a, q, **kw)
    fn(a, q, **kw)  # NumPy's own checks of q and the axes first
    parts = [np.asarray(fn(a, x, **kw)) for x in q.ravel()]
    return np.stack(parts).reshape(q.shape + parts[0].shape)


# README Statistics: "nd_nanmedian of an odd count is the middle value itself":
# NumPy 1.24's nanmedian of small arrays averages the one middle value with
# itself, so the largest float gives inf. Finite values beyond a quarter of
# the largest are not given to it.
NANMEDIAN_BIG = "nanmedian of huge values (README: nd_nanmedian of an odd count)"
# README Integration: nd_polyval "starts Horner's rule from p[0], so an
# infinite x gives the polynomial's infinite value (NumPy: NaN), as does a
# NaN x with one coefficient".
POLYVAL_START = "polyval starts from p[0] (README: nd_polyval ... starts Horner's rule): no such x"
# README Integration: "nd_polyfit computes in float64 from float32 data too
# (NumPy scales the Vandermonde matrix in float32), with NumPy's rcond".
POLYFIT_F64 = "polyfit of float32 data in float64 (README: nd_polyfit computes in float64)"
# README Integration: nd_polyval "takes a 1-D p only (NumPy also takes a
# 2-D one, a polynomial per column)".
POLYVAL_2D = "polyval refuses a 2-D p (README: nd_polyval ... takes a 1-D p only)"
# README Statistics: "nd_average without weights gives the count of an
# empty result (NumPy raises ZeroDivisionError)."
AVG_EMPTY = "average of an empty result gives the count (README: nd_average without weights)"

QMETHODS = ["linear", "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
            "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
            "normal_unbiased", "lower", "higher", "midpoint", "nearest"]
QDISCRETE = {"inverted_cdf", "closest_observation", "lower", "higher", "nearest"}


def stat_values(rng, dt, shape, nan_share=0.0, no_inf=False):
    """Values for the order statistics: small ones (many ties) or any, with
    NaN at nan_share (floats), infinities replaced where asked."""
    v = gen_values(rng, dt, shape, "small" if rng.random() < 0.5 else "any")
    if np.dtype(dt).kind == "f":
        if nan_share:
            v = np.where(rng.random(shape) < nan_share, np.nan, v).astype(dt)
        if no_inf:
            v = np.where(np.isinf(v), 2.5, v).astype(dt)
    return v


def gen_quantile(rng, op):
    method = QMETHODS[int(rng.integers(0, len(QMETHODS)))]
    nan = op.startswith("nan")
    dt = rand_dtype(rng, FLOATS * 3 + DTYPES) if nan else rand_dtype(rng)
    interp = method not in QDISCRETE
    shape = rand_shape(rng, maxdim=3, big=True)
    v = stat_values(rng, dt, shape, [0, 0.1, 0.5, 1.0][int(rng.integers(0, 4))] if nan else
                    float(rng.random() < 0.1) * 0.05, no_inf=interp)
    a = layout(rng, v)
    scale = 100.0 if op.endswith("percentile") else 1.0
    qshape = [(), (int(rng.integers(1, 4)),), (2, int(rng.integers(1, 3)))][int(rng.integers(0, 3))]
    qv = np.where(rng.random(qshape) < 0.3, rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], qshape),
                  rng.random(qshape))
    if rng.random() < 0.03:
        qv = np.asarray(qv).copy()
        qv.flat[0] = float(rng.choice([-0.1, 1.5, np.nan]))
    q = layout(rng, (np.asarray(qv) * scale).astype(np.float64))
    tok, axis = rand_axes(rng, len(shape))
    kd = bool(rng.random() < 0.3)
    src = "a"
    kind = a.arr.dtype.kind
    if interp and kind in "biu":
        deviation(QUANT_INT)
        src = "a.astype(np.float64)"
    expr = "np.%s(%s, b, axis=%r, keepdims=%r, method=%r)" % (op, src, axis, kd, method)
    env = {"np": np, "a": a.arr, "b": q.arr, "per_q": per_q}
    if nan and q.arr.ndim:
        alt = "per_q(np.%s, %s, b, axis=%r, keepdims=%r, method=%r)" % (op, src, axis, kd, method)
        try:
            if np.shape(eval(alt, env)) != np.shape(eval(expr, env)):
                deviation(NUMPY_NANQ)
        except Exception:
            pass
        expr = alt
    if a.arr.size == 0:
        rshape = (1,)
        try:
            rshape = np.shape(q.arr) + np.sum(a.arr, axis=axis, keepdims=kd).shape
            rdt = np.asarray(eval("np.%s(%s, 0.5, method=%r)" % (op[3:] if nan else op, src, method),
                                  {"np": np, "a": np.zeros(1, a.arr.dtype)})).dtype
            eval(expr, env)
        except (ValueError, IndexError) as e:
            if "cannot reshape" in str(e) or (isinstance(e, IndexError) and 0 in rshape):
                deviation(NUMPY_EMPTY)
                expr = "or_empty(lambda: %s, %r, np.dtype(%r))" % (expr, rshape, rdt.name)
        except Exception:
            pass
    if nan and not interp and kind in "biu" and a.arr.size == 0:
        try:
            if np.sum(a.arr, axis=axis).size:
                deviation(NANQ_INT_EMPTY)
                expr = "np.quantile(np.zeros(0), 7.0)"  # ValueError: libnd refuses
        except Exception:
            pass
    if interp and dt == "float32":
        deviation(QUANT_F32)
        expr += ".astype(np.float32)"
    qok = bool(np.all((q.arr >= 0) & (q.arr <= scale)))
    if nan and a.arr.size == 0 and qok and "quantile(np.zeros(0)" not in expr:
        # q's shape, then the reduced shape, all NaN (empty), in the dtype of
        # the method: a's for the discrete ones
        rdt = dt if not interp else "float32" if dt == "float32" else "float64"
        alt = "np.full(np.shape(b) + np.nanmean(a, axis=%r, keepdims=%r).shape, np.nan).astype(np.dtype(%r))" % (
            axis, kd, rdt)
        try:
            mine, theirs = eval(alt, env), np.asarray(eval(expr, env))
            if mine.shape != theirs.shape or mine.dtype != theirs.dtype:
                deviation(NANQ_EMPTY)
        except Exception:
            pass
        expr = alt
    c = Case(op, [a, q], [tok, int(kd), method], expr)
    # (which of a bad axis and a bad q is reported first is not NumPy's order)
    c.errs = {"ND_ERR_VALUE", "ND_ERR_INDEX"}
    c.tol = ZERO_SIGN  # -0.0 and 0.0 are equal to a selection (nd/sort.h)
    return c


def gen_median(rng, op):
    nan = op == "nanmedian"
    dt = rand_dtype(rng, FLOATS * 3 + DTYPES) if nan else rand_dtype(rng)
    v = stat_values(rng, dt, rand_shape(rng, big=True),
                    [0, 0.1, 0.5, 1.0][int(rng.integers(0, 4))] if nan else 0.03)
    if nan and dt in FLOATS:
        lim = float(np.finfo(dt).max) / 4
        big = np.isfinite(v) & (np.abs(v) > lim)
        if big.any():
            deviation(NANMEDIAN_BIG)
            v = np.where(big, np.sign(v) * lim, v).astype(dt)
    a = layout(rng, v)
    tok, axis = rand_axes(rng, v.ndim)
    kd = bool(rng.random() < 0.4)
    c = Case(op, [a], [tok, int(kd)], "np.%s(a, axis=%r, keepdims=%r)" % (op, axis, kd))
    if v.size == 0:
        try:
            eval(c.expr, {"np": np, "a": a.arr})
        except ValueError as e:
            if "cannot reshape" in str(e):
                deviation(NUMPY_EMPTY)
                rdt = np.median(np.zeros(1, v.dtype)).dtype
                c.expr = "or_empty(lambda: %s, %r, np.dtype(%r))" % (
                    c.expr, np.sum(v, axis=axis, keepdims=kd).shape, rdt.name)
        except Exception:
            pass
    c.errs = {"ND_ERR_VALUE", "ND_ERR_INDEX"}
    c.tol = ZERO_SIGN  # -0.0 and 0.0 are equal to a selection (nd/sort.h)
    return c


def gen_nan_reduction(rng, op):
    """ptp and nanprod (nd_sum's signature)."""
    dt = rand_dtype(rng, FLOATS * 2 + DTYPES)
    v = gen_values(rng, dt, rand_shape(rng, big=True), "small" if op == "nanprod" else "any")
    if dt in FLOATS and rng.random() < 0.5:
        v = np.where(rng.random(v.shape) < 0.3, np.nan, v).astype(dt)
    a = layout(rng, v)
    tok, axis = rand_axes(rng, v.ndim)
    kd = bool(rng.random() < 0.4)
    c = Case(op, [a], [tok, int(kd)], "np.%s(a, axis=%r, keepdims=%r)" % (op, axis, kd))
    if dt == "bool":  # (an empty bool array: which fault is reported first)
        c.errs = {"ND_ERR_DTYPE", "ND_ERR_VALUE", "ND_ERR_INDEX"}
    if op == "nanprod":
        x = np.where(np.isnan(v), 1, v) if dt in FLOATS else v
        c.tol = Tol(lambda res, x=x: sum_tolerance("prod", x, axis, kd, res))
    return c


def nanvar_tolerance(a, axis, keepdims, ddof, res, std):
    rd = res.dtype
    eps, fi = EPS[rd.name], np.finfo(rd)
    x = a.astype(np.longdouble)
    cnt = np.sum(~np.isnan(x), axis=axis, keepdims=keepdims)
    n = max(1, int(np.max(cnt, initial=1)))
    m2 = np.nansum(x * x, axis=axis, keepdims=keepdims)
    over = m2 > float(fi.max)
    m2 = m2 / np.maximum(cnt - ddof, 1)
    exact = np.nanvar(x, axis=axis, keepdims=keepdims, ddof=ddof)
    tv = 8 * (n + 4) * eps * m2 + float(fi.smallest_subnormal) * 4
    if not std:
        return Bound(tv, exact, over)
    s = np.asarray(res, np.longdouble)
    with np.errstate(all="ignore"):
        tol = np.where(s * s > tv, tv / (2 * np.abs(s)) + 4 * eps * np.abs(s), np.sqrt(tv))
    return Bound(tol, np.sqrt(exact), over)


def gen_nanvar(rng, op):
    dt = rand_dtype(rng, FLOATS * 3 + DTYPES)
    v = gen_values(rng, dt, rand_shape(rng, big=True))
    if dt in FLOATS:
        v = np.where(rng.random(v.shape) < [0, 0.2, 0.6][int(rng.integers(0, 3))], np.nan, v).astype(dt)
    a = layout(rng, v)
    tok, axis = rand_axes(rng, v.ndim)
    kd = bool(rng.random() < 0.4)
    ddof = float(rng.choice([0, 0, 1, 1, 2, 0.5, -1]))
    c = Case(op, [a], [tok, int(kd), repr(ddof)],
             "np.%s(a, axis=%r, keepdims=%r, ddof=%r)" % (op, axis, kd, ddof))
    if ddof < 0:
        deviation(NANDDOF)
        c.force_error = NANDDOF
        c.errs = {"ND_ERR_VALUE", "ND_ERR_INDEX"}
    c.tol = Tol(lambda res, a=a.arr: nanvar_tolerance(a, axis, kd, ddof, res, op == "nanstd"))
    return c


def nanarg_ref(a, axis, keepdims, op):
    """np.nanargmin/nanargmax as libnd defines them: the first extreme of the
    values that are not NaN (NumPy 1.24 can name a NaN before an infinite
    extreme). NumPy's own call first, so that it raises where it raises."""
    r = getattr(np, op)(a, axis=axis, keepdims=keepdims)
    if a.dtype.kind != "f":
        return r
    big = np.inf if op == "nanargmin" else -np.inf
    filled = np.where(np.isnan(a), big, a)
    ext = (np.min if op == "nanargmin" else np.max)(filled, axis=axis, keepdims=True)
    hit = (filled == ext) & ~np.isnan(a)
    if axis is None:
        return np.asarray(np.argmax(hit.ravel())).reshape(np.shape(r))
    return np.argmax(hit, axis=axis, keepdims=keepdims)


def gen_nanarg(rng, op):
    dt = rand_dtype(rng, FLOATS * 3 + DTYPES)
    v = gen_values(rng, dt, rand_shape(rng, big=True))
    if dt in FLOATS:
        v = np.where(rng.random(v.shape) < [0, 0.2, 0.5][int(rng.integers(0, 3))], np.nan, v).astype(dt)
        if rng.random() < 0.3 and v.size:  # a NaN before an infinite extreme
            v.flat[0] = np.nan
            v.flat[-1] = np.inf if op == "nanargmin" else -np.inf
    a = layout(rng, v)
    axis = None if rng.random() < 0.3 else rand_axis(rng, v.ndim)
    kd = bool(rng.random() < 0.4)
    c = Case(op, [a], ["none" if axis is None else axis, int(kd)],
             "np.%s(a, axis=%r, keepdims=%r)" % (op, axis, kd))
    try:
        plain = np.asarray(getattr(np, op)(a.arr, axis=axis, keepdims=kd))
        if not np.array_equal(plain, nanarg_ref(a.arr, axis, kd, op)):
            deviation(NANARG_INF)
            c.expr = "nanarg_ref(a, %r, %r, %r)" % (axis, kd, op)
    except Exception:
        pass
    return c


def gen_nanscan(rng, op):
    dt = rand_dtype(rng, FLOATS * 2 + DTYPES)
    v = gen_values(rng, dt, rand_shape(rng, big=True), "small" if op == "nancumprod" else "any")
    if dt in FLOATS:
        v = np.where(rng.random(v.shape) < 0.3, np.nan, v).astype(dt)
    a = layout(rng, v)
    axis = None if rng.random() < 0.3 else rand_axis(rng, v.ndim)
    c = Case(op, [a], ["none" if axis is None else axis], "np.%s(a, axis=%r)" % (op, axis))
    fill = 1 if op == "nancumprod" else 0
    x = np.where(np.isnan(v), fill, v) if dt in FLOATS else v
    kind = "cumprod" if op == "nancumprod" else "cumsum"
    c.tol = Tol(lambda res, x=x: sum_tolerance(kind, x, axis, False, res))
    return c


def gen_average(rng, op):
    dt = rand_dtype(rng)
    shape = rand_shape(rng, maxdim=3, big=True)
    a = operand(rng, shape, dt, "small" if rng.random() < 0.5 else "any", special=0.02)
    ins = [a]
    tok, axis = rand_axes(rng, len(shape))
    if rng.random() < 0.7:
        if axis is not None and len(axis) == 1 and rng.random() < 0.4 and len(shape):
            wshape = (shape[axis[0]] if -len(shape) <= axis[0] < len(shape) else 1,)
        else:
            wshape = shape
        wdt = rand_dtype(rng, FLOATS * 2 + DTYPES[1:])
        w = gen_values(rng, wdt, wshape, "pos" if wdt in FLOATS else "small", special=0)
        if wdt not in FLOATS:  # (small: huge integer weights cancel in float64 sums)
            w = (np.abs(w.astype(np.int64)) % 100).astype(wdt)
        ins.append(layout(rng, w))
    kd = bool(rng.random() < 0.3)
    wexpr = "b" if len(ins) == 2 else "None"
    npaxis = axis[0] if len(ins) == 2 and ins[1].arr.shape != a.arr.shape and axis and len(axis) == 1 else axis
    c = Case(op, ins, [tok, int(kd)],
             "np.average(a, axis=%r, weights=%s, returned=True, keepdims=%r)" % (npaxis, wexpr, kd))
    c.errs = {"ZeroDivisionError": {"ND_ERR_VALUE"}}
    if len(ins) == 1 and a.arr.size == 0:
        try:
            if np.mean(a.arr, axis=axis, keepdims=kd).size == 0:
                deviation(AVG_EMPTY)
                c.expr = "(lambda m: (m, m.copy()))(np.mean(a, axis=%r, keepdims=%r))" % (axis, kd)
        except Exception:
            pass

    def tol(res, a=a.arr, w=ins[1].arr if len(ins) == 2 else None):
        if res.dtype.kind != "f":
            return None
        x = a.astype(np.longdouble)
        ww = np.ones(x.shape, np.longdouble) if w is None else \
            np.broadcast_to(w.astype(np.longdouble).reshape(
                w.shape + (1,) * (x.ndim - axis[0] % max(x.ndim, 1) - 1)) if w.ndim == 1 and x.ndim > 1
                else w.astype(np.longdouble), x.shape)
        n = max(1, x.size // max(1, res.size))
        with np.errstate(all="ignore"):
            sw = np.sum(ww, axis=axis, keepdims=kd)
            mag = np.sum(np.abs(x * ww), axis=axis, keepdims=kd) / np.abs(sw)
            mag = np.where(np.isfinite(mag), mag, 0)
            wrel = np.sum(np.abs(ww), axis=axis, keepdims=kd) / np.abs(sw)
            wrel = np.where(np.isfinite(wrel), wrel, 0)
        fi = np.finfo(res.dtype)
        b = 4 * (n + 2) * EPS[res.dtype.name] * (mag + np.abs(res.astype(np.longdouble))) * (1 + wrel)
        return Bound(np.broadcast_to(b, res.shape) + float(fi.smallest_subnormal) * 4, res,
                     np.broadcast_to(mag > float(fi.max) / 4, res.shape))
    c.tol = Tol(tol)
    return c


def close_tol(rtol, atol=0.0):
    """A Tol: within atol + rtol * |numpy's| (NaN where NumPy's is NaN)."""
    return Tol(lambda res: None if res.dtype.kind != "f" else
               Bound(atol + rtol * np.abs(np.where(np.isfinite(res), res, 0)).astype(np.longdouble), res))


def gen_cov(rng, op):
    dt = rand_dtype(rng)
    nd = int(rng.choice([0, 1, 2, 2, 2]))
    nvar, nobs = int(rng.integers(0, 4)), int(rng.integers(1, 8))
    rowvar = bool(rng.random() < 0.6)
    shape = {0: (), 1: (nobs,), 2: (nvar, nobs) if rowvar else (nobs, nvar)}[nd]
    ins = [operand(rng, shape, dt, "small", special=0)]
    flags = ["-", "-", "-"]
    if rng.random() < 0.3:
        ins.append(operand(rng, shape, rand_dtype(rng), "small", special=0))
        flags[0] = "y"
    nobs_eff = 1 if nd == 0 else nobs
    if op == "cov":
        if rng.random() < 0.25:
            ins.append(layout(rng, rng.integers(0, 4, nobs_eff).astype(rand_dtype(rng, ["int64", "int32", "uint8"]))))
            flags[1] = "f"
        if rng.random() < 0.25:
            ins.append(layout(rng, (rng.random(nobs_eff) * 3).astype(rand_dtype(rng, FLOATS))))
            flags[2] = "a"
        bias = bool(rng.random() < 0.3)
        ddof = int(rng.choice([-1, -1, 0, 1, 2]))
        names = iter(NAMES[1:])
        args = {k: next(names) if f != "-" else "None" for k, f in zip("yfa", flags)}
        c = Case(op, ins, [int(rowvar), int(bias), ddof, "".join(flags)],
                 "np.cov(a, %s, rowvar=%r, bias=%r, ddof=%s, fweights=%s, aweights=%s)" % (
                     args["y"], rowvar, bias, "None" if ddof < 0 else ddof, args["f"], args["a"]))
    else:
        c = Case(op, ins, [int(rowvar)], "np.corrcoef(a, %s, rowvar=%r)" % (
            "b" if len(ins) == 2 else "None", rowvar))
    c.tol = Tol(lambda res, c=c: cov_tolerance(c, res))
    return c


def cov_tolerance(c, res):
    """A Bound for cov and corrcoef: entry (i, j) within 64 (N + 2) eps of
    max|x_i| max|x_j| (weights up to 3 allowed for), divided for corrcoef by
    the standard deviations, of NumPy's answer."""
    if res.dtype.kind != "f":
        return None
    rowvar = c.params[0] == "1"
    vs = []
    for k, i in enumerate(c.inputs[:2 if "y" in (c.params[3] if c.op == "cov" else "y") and len(c.inputs) > 1 else 1]):
        x = np.atleast_2d(i.arr.astype(np.float64))
        if not rowvar and i.arr.ndim == 2:
            x = x.T
        vs.append(x)
    x = np.concatenate(vs, axis=0) if vs else np.zeros((0, 0))
    nobs = max(x.shape[1], 1)
    mx = np.max(np.abs(x), axis=1, initial=0) if x.size else np.zeros(x.shape[0])
    b = 64 * 9 * (nobs + 2) * EPS["float64"] * np.multiply.outer(mx, mx)
    if c.op == "corrcoef":
        with np.errstate(all="ignore"):
            sd = np.std(x, axis=1) if x.size else mx
            b = b / np.multiply.outer(sd, sd)
    b = np.where(np.isfinite(b), b, np.inf)
    return Bound(np.broadcast_to(b.reshape(res.shape) if b.size == res.size else np.max(b, initial=0), res.shape), res)


def gen_digitize(rng, op):
    dt = rand_dtype(rng)
    x = operand(rng, rand_shape(rng), dt, "small", special=0.05)
    bdt = rand_dtype(rng) if rng.random() < 0.5 else dt
    bins = np.sort(gen_values(rng, bdt, (int(rng.integers(0, 7)),), "small", special=0))
    if rng.random() < 0.4:
        bins = bins[::-1].copy()
    if rng.random() < 0.03 and bins.size > 2:
        bins[0], bins[1] = bins[1], bins[0]
        bins[-1] = bins[0]
    right = bool(rng.random() < 0.5)
    return Case(op, [x, layout(rng, bins)], [int(right)], "np.digitize(a, b, right=%r)" % right)


def gen_histogram(rng, op):
    dt = rand_dtype(rng, FLOATS * 2 + DTYPES)
    a = operand(rng, rand_shape(rng, big=True), dt, "small", special=0.05)
    edt = rand_dtype(rng, FLOATS * 2 + DTYPES[1:])
    edges = np.sort(gen_values(rng, edt, (int(rng.integers(1, 7)),), "small", special=0))
    if edt in FLOATS:
        edges = np.unique(edges) if rng.random() < 0.7 else edges
    ins = [a, layout(rng, edges)]
    wexpr = "None"
    if rng.random() < 0.4:
        wdt = rand_dtype(rng, FLOATS * 2 + DTYPES[1:])
        ins.append(operand(rng, a.arr.shape, wdt, "small", special=0))
        wexpr = "c"
    density = bool(rng.random() < 0.3)
    c = Case(op, ins, [int(density)], "np.histogram(a, bins=b, weights=%s, density=%r)[0]" % (
        wexpr, density))
    c.tol = close_tol(1e-12, 1e-12)
    return c


def gen_histdd(rng, op):
    d = 2 if op == "histogram2d" else int(rng.integers(1, 4))
    n = int(rng.choice([0, 1, 5, 20, 60]))
    dt = rand_dtype(rng, FLOATS * 2 + DTYPES[1:])
    pts = gen_values(rng, dt, (n, d), "small", special=0)
    if op == "histogram2d":
        ins = [layout(rng, pts[:, 0].copy()), layout(rng, pts[:, 1].copy())]
        data = "a, b"
    else:
        ins = [layout(rng, pts if d > 1 or rng.random() < 0.5 else pts[:, 0].copy())]
        data = "a"
    r = rng.random()
    if r < 0.3:
        btok, bexpr = "-", "10"
    elif r < 0.7:
        nb = [int(rng.integers(1, 5)) for _ in range(d)]
        btok, bexpr = ",".join(map(str, nb)), repr(nb)
    else:
        btok, names = "e", []
        for _ in range(d):
            e = np.unique(gen_values(rng, "float64", (int(rng.integers(2, 6)),), "small", special=0))
            names.append(NAMES[len(ins)])
            ins.append(layout(rng, e))
        bexpr = "[%s]" % ", ".join(names)
    rtok, rexpr = "-", "None"
    if btok != "e" and (rng.random() < 0.3 or n == 0):
        rg = []
        for _ in range(d):
            lo = float(rng.integers(-5, 3))
            rg.append((lo, lo + float(rng.integers(0, 6))))
        # (0, 0) is libnd's "no range" (the data's): NumPy's None
        rtok = ",".join("%r,%r" % p for p in rg)
        rexpr = repr([None if p == (0.0, 0.0) else p for p in rg])
    density = bool(rng.random() < 0.25)
    wtok, wexpr = 0, "None"
    if rng.random() < 0.3:
        ins.append(layout(rng, gen_values(rng, rand_dtype(rng, FLOATS), (n,), "small", special=0)))
        wtok, wexpr = 1, NAMES[len(ins) - 1]
    params = [btok, rtok, int(density), wtok]
    if op == "histogram2d":
        expr = "np.histogram2d(%s, bins=%s, range=%s, density=%r, weights=%s)" % (
            data, bexpr, rexpr, density, wexpr)
    else:
        params = [d] + params
        expr = "(lambda h: (h[0],) + tuple(h[1]))(np.histogramdd(%s, bins=%s, range=%s, density=%r, weights=%s))" % (
            data, bexpr, rexpr, density, wexpr)
    # (in NumPy 1.24's default promotion state: NEP 50's makes linspace of
    # float32 ends float32, where libnd's edges are float64 as NumPy's)
    c = Case(op, ins, params, "legacy(lambda: %s)" % expr)
    c.tol = close_tol(1e-12, 1e-12)
    return c


def legacy(f):
    """f() in NumPy 1.24's default (legacy) promotion state."""
    np._set_promotion_state("legacy")
    try:
        return f()
    finally:
        np._set_promotion_state("weak")


# ---------------------------------------------------------------- sets (nd/sets.h)


def argsort_keys_ref(keys, desc, axis):
    """A stable multi-key argsort, keys[0] primary, each ascending or
    descending (NaN largest, -0.0 equal to 0.0), by ranks from np.unique."""
    keys = [np.asarray(k) for k in keys]
    if axis is None:
        keys, axis = [k.ravel() for k in keys], 0
    moved = [np.moveaxis(k, axis, -1) for k in keys]
    shape = moved[0].shape
    out = np.empty(shape, np.int64)
    for idx in np.ndindex(*shape[:-1]):
        order = np.arange(shape[-1]) if shape else np.zeros((), np.int64)
        for k, d in reversed(list(zip(moved, desc))):
            inv = np.unique(k[idx], return_inverse=True)[1].reshape(-1)
            r = -inv if d else inv
            order = order[np.argsort(r[order], kind="stable")]
        out[idx] = order
    return np.moveaxis(out, -1, axis)


def gen_lexsort(rng, op):
    nk = int(rng.integers(1, 4))
    shape = rand_shape(rng, maxdim=3)
    ins = [operand(rng, shape, rand_dtype(rng), "small", special=0.1) for _ in range(nk)]
    if rng.random() < 0.03 and shape:
        ins[-1] = operand(rng, shape[:-1], "int8")
    shape = ins[0].arr.shape
    nd = len(shape)
    axis = None if rng.random() < 0.2 else int(rng.integers(-max(nd, 1), max(nd, 1)))
    if op == "lexsort":
        ax = "None" if axis is None else repr(axis)
        src = "[x.ravel() for x in xs]" if axis is None and len({x.arr.shape for x in ins}) == 1 else "xs"
        c = Case(op, ins, ["none" if axis is None else axis],
                 "np.lexsort(%s, axis=%s)" % (src, -1 if axis is None else axis))
        if nd == 0:  # 0-d keys: a 0-d 0 (nd/sets.h)
            c.expr = "np.zeros(%s, np.int64)" % ("(1,)" if axis is None else "()")
        return c
    desc = [bool(rng.random() < 0.4) for _ in range(nk)]
    c = Case(op, ins, ["none" if axis is None else axis, ",".join(str(int(d)) for d in desc)],
             "argsort_keys_ref(xs, %r, %r)" % (desc, axis))
    if nd == 0:
        c.expr = "np.zeros(%s, np.int64)" % ("(1,)" if axis is None else "()")
        if axis is not None and axis not in (0, -1):
            c.expr = "np.lexsort(xs, axis=5)"
    elif nk > 1 and any(x.arr.shape != ins[0].arr.shape for x in ins):
        c.expr = "np.lexsort([a, np.zeros((7, 7, 7))])"  # different shapes: ValueError
    c.env = {"argsort_keys_ref": argsort_keys_ref}
    return c


def gen_unique_axis(rng, op):
    dt = rand_dtype(rng)
    nd = int(rng.integers(1, 4))
    shape = list(rand_shape(rng, nd))
    axis = int(rng.integers(-nd, nd))
    rows = gen_values(rng, dt, tuple(shape), "small", special=0.05)
    k = axis % nd
    if shape[k] > 1:  # repeat some slices
        pick = rng.integers(0, shape[k], shape[k])
        rows = np.take(rows, pick, axis=k)
    a = layout(rng, rows)
    if rng.random() < 0.05:
        axis = nd
    c = Case(op, [a], [axis], "np.unique(a, True, True, True, axis=%r)" % axis)
    c.tol = ZERO_SIGN  # -0.0 equals 0.0 (nd/sets.h): which one stands depends on the sort
    return c


def set_pair(rng):
    da = rand_dtype(rng)
    db = da if rng.random() < 0.5 else rand_dtype(rng)
    a = operand(rng, rand_shape(rng, maxdim=2), da, "small", special=0.1)
    b = operand(rng, rand_shape(rng, maxdim=2), db, "small", special=0.1)
    return a, b


def unique_operand(rng, dt):
    v = np.unique(gen_values(rng, dt, (int(rng.integers(0, 9)),), "small", special=0))
    if np.dtype(dt).kind == "f":
        v = v[~np.isnan(v)]
    return layout(rng, rng.permutation(v))


def setop_case(rng, op):
    au = bool(op != "union1d" and rng.random() < 0.3)
    if au:
        dt = rand_dtype(rng)
        a, b = unique_operand(rng, dt), unique_operand(rng, dt if rng.random() < 0.6 else rand_dtype(rng))
    else:
        a, b = set_pair(rng)
    if op == "intersect1d":
        return Case(op, [a, b], [int(au)], "np.intersect1d(a, b, %r, return_indices=True)" % au)
    if op == "union1d":
        return Case(op, [a, b], [], "np.union1d(a, b)")
    if op == "isin":
        inv = bool(rng.random() < 0.4)
        c = Case(op, [a, b], [int(au), int(inv)],
                 "np.isin(a, b, %r, %r)" % (au, inv))
        pt = np.result_type(a.arr.dtype, b.arr.dtype)
        if a.arr.dtype != pt or b.arr.dtype != pt:
            alt = "np.isin(a.astype(np.%s), b.astype(np.%s), %r, %r)" % (pt, pt, au, inv)
            try:
                if not np.array_equal(np.isin(a.arr, b.arr, au, inv),
                                      np.isin(a.arr.astype(pt), b.arr.astype(pt), au, inv)):
                    deviation(ISIN_PROMOTE)
            except Exception:  # NumPy's own call fails: the cast one stands
                deviation(ISIN_PROMOTE)
            c.expr = alt
        return c
    c = Case(op, [a, b], [int(au)], "np.%s(a, b, %r)" % (op, au))
    try:
        eval(c.expr, {"np": np, "a": a.arr, "b": b.arr})
    except IndexError:
        deviation(NUMPY_IN1D)
        dt = a.arr.dtype if op == "setdiff1d" else np.result_type(a.arr.dtype, b.arr.dtype)
        c.expr = "np.%s(a.astype(object), b.astype(object), %r).astype(np.%s)" % (op, au, dt)
    return c


def gen_setop(rng, op):
    c = setop_case(rng, op)
    # -0.0 equals 0.0 (nd/sets.h): which of them a unique value keeps
    # depends on the sort, and NumPy's default sort is not stable
    c.tol = ZERO_SIGN
    return c


# ---------------------------------------------------------------- shape (nd/shape.h)


def gen_block(rng, op):
    """np.block of nested lists that fit together (depth 1: lengths differ
    along the last axis; depth 2: rows of different heights, each row
    splitting one width its own way; deeper: equal shapes), or, one time in
    6, of random shapes (mostly refused)."""
    depth = int(rng.integers(0, 4))
    level = 9
    while level > 8:  # the driver takes at most 8 inputs
        counts, level, levels = [], 1, []
        for _ in range(depth):
            nxt = [int(rng.integers(1, 4)) for _ in range(level)]
            levels.append(nxt)
            counts += nxt
            level = sum(nxt)
    nleaves = level
    ndim = max(depth, int(rng.integers(0, 3)))
    lead = [int(rng.integers(1, 4)) for _ in range(ndim)]
    shapes = [tuple(lead)] * nleaves
    if depth == 1 and ndim:
        shapes = [tuple(lead[:-1] + [int(rng.integers(0, 4))]) for _ in range(nleaves)]
    elif depth == 2:
        width = max(levels[1]) + int(rng.integers(0, 3))
        shapes = []
        for cnt in levels[1]:
            cuts = sorted(int(x) for x in rng.choice(np.arange(1, width), cnt - 1, replace=False))
            parts = np.diff([0] + cuts + [width])
            height = int(rng.integers(1, 3))
            shapes += [tuple(lead[:-2] + [height, int(p)]) for p in parts]
    if rng.random() < 1 / 6:
        shapes = [rand_shape(rng, maxdim=3) for _ in range(nleaves)]
    same = rng.random() < 0.5
    d0 = rand_dtype(rng)
    ins = [operand(rng, s, d0 if same else rand_dtype(rng), "small", special=0.02) for s in shapes]
    items = ["xs[%d]" % k for k in range(nleaves)]
    for cnts in reversed(levels):
        grouped, k = [], 0
        for cnum in cnts:
            grouped.append("[%s]" % ", ".join(items[k:k + cnum]))
            k += cnum
        items = grouped
    lst = items[0]
    c = Case(op, ins, [depth, ",".join(map(str, counts)) or "-"], "np.block(%s)" % lst)
    rt = np.result_type(*[i.arr for i in ins])
    try:
        plain = np.block(eval(lst, {"xs": [i.arr for i in ins]}))
    except Exception:
        plain = None
    if plain is not None and plain.dtype != rt:
        deviation(BLOCK_DTYPE)
        c.expr = "(lambda ys: np.block(%s))([x.astype(np.%s) for x in xs])" % (
            lst.replace("xs[", "ys["), rt)
    return c


def gen_column_stack(rng, op):
    n = int(rng.integers(1, 4))
    rows = int(rng.integers(0, 5))
    ins = []
    for _ in range(n):
        r = rng.random()
        s = () if r < 0.1 else (rows,) if r < 0.5 else (rows, int(rng.integers(0, 3)))
        if rng.random() < 0.05:
            s = (rows + 1,)
        ins.append(operand(rng, s, rand_dtype(rng), "small"))
    return Case(op, ins, [], "np.column_stack(xs)")


def gen_flipud(rng, op):
    a = operand(rng, rand_shape(rng), rand_dtype(rng))
    return Case(op, [a], [], "np.%s(a)" % op)


def gen_broadcast_arrays(rng, op):
    n = int(rng.integers(1, 5))
    ins = [operand(rng, s, rand_dtype(rng), "small") for s in broadcast_shapes(rng, n)]
    return Case(op, ins, [], "tuple(np.broadcast_arrays(*xs))")


def gen_unravel(rng, op):
    shape = rand_shape(rng, maxdim=3)
    size = int(np.prod(shape))
    dt = rand_dtype(rng, ["int64", "int32", "int16", "uint8", "uint64", "bool", "float64"][:6 + (rng.random() < 0.1)])
    ishape = rand_shape(rng, maxdim=2)
    hi = max(size, 1) + (1 if rng.random() < 0.05 else 0)
    vals = rng.integers(0, hi, ishape) if size or rng.random() < 0.5 else rng.integers(0, 2, ishape)
    if dt == "bool":
        vals = vals % 2
    if dt in ("uint8", "int16"):
        vals = np.minimum(vals, np.iinfo(dt).max)
    a = layout(rng, np.asarray(vals).astype(dt))
    order = "F" if rng.random() < 0.4 else "C"
    c = Case(op, [a], [",".join(map(str, shape)) or "()", order],
             "tuple(np.unravel_index(a, %r, order=%r))" % (shape, order))
    # nd/shape.h: "ND_ERR_INDEX if an index is out of bounds (NumPy raises ValueError)"
    c.errs = {"ValueError": {"ND_ERR_INDEX", "ND_ERR_VALUE"}}
    return c


def gen_ravel_multi(rng, op):
    n = int(rng.integers(1, 4))
    dims = [int(rng.integers(0 if rng.random() < 0.05 else 1, 6)) for _ in range(n)]
    modes = [str(rng.choice(["raise", "wrap", "clip"])) for _ in range(n)]
    if rng.random() < 0.5:
        modes = modes[:1]
    shapes = broadcast_shapes(rng, n, maxdim=2)
    ins = []
    for k, s in enumerate(shapes):
        dt = rand_dtype(rng, ["int64", "int32", "int8", "uint16", "intp"][:4])
        lo = -3 if modes[min(k, len(modes) - 1)] != "raise" and dt != "uint16" else 0
        hi = dims[k] + (3 if modes[min(k, len(modes) - 1)] != "raise" or rng.random() < 0.05 else 0)
        v = rng.integers(lo, max(hi, lo + 1), s) if True else None
        ins.append(layout(rng, np.asarray(v).astype(dt)))
    order = "F" if rng.random() < 0.4 else "C"
    mexpr = repr(modes[0]) if len(modes) == 1 else repr(tuple(modes))
    c = Case(op, ins, [",".join(map(str, dims)), ",".join(m[0] for m in modes), order],
             "np.ravel_multi_index(tuple(xs), %r, mode=%s, order=%r)" % (tuple(dims), mexpr, order))
    # nd/shape.h: "ND_ERR_INDEX for an index out of bounds in ND_INDEX_RAISE
    # mode (NumPy raises ValueError)"
    c.errs = {"ValueError": {"ND_ERR_INDEX", "ND_ERR_VALUE", "ND_ERR_SHAPE"}}
    if any(d == 0 and modes[min(k, len(modes) - 1)] != "raise" for k, d in enumerate(dims)):
        deviation(RAVEL_ZERO)
        c.force_error = RAVEL_ZERO
        c.errs = {"ND_ERR_VALUE"}
    return c


def gen_indices(rng, op):
    dims = rand_shape(rng, maxdim=3)
    dt = rand_dtype(rng, ["int64"] * 4 + DTYPES)
    return Case(op, [], [",".join(map(str, dims)) or "()", dt],
                "np.indices(%r, dtype=%s)" % (tuple(dims), npt(dt)))


def gen_diag(rng, op):
    nd = int(rng.choice([1, 1, 2, 2] + ([0, 3] if op == "diag" else [0, 3])))
    a = operand(rng, rand_shape(rng, nd), rand_dtype(rng))
    k = int(rng.integers(-4, 5))
    return Case(op, [a], [k], "np.%s(a, %d)" % (op, k))


def gen_tri_indices(rng, op):
    n = int(rng.integers(0, 6))
    k = int(rng.integers(-4, 5))
    m = int(rng.integers(-1, 6))
    return Case(op, [], [n, k, m], "np.%s(%d, %d, %s)" % (op, n, k, "None" if m < 0 else m))


# ---------------------------------------------------------------- numeric (nd/numeric.h)


def gen_trapz(rng, op):
    dt = rand_dtype(rng)
    shape = rand_shape(rng, maxdim=3)
    if not shape:
        shape = (int(rng.integers(0, 6)),) if rng.random() < 0.95 else ()
    y = operand(rng, shape, dt, "small", special=0.02)
    nd = len(shape)
    axis = rand_axis(rng, nd) if nd else -1
    ins = [y]
    dx = float(rng.choice([1.0, 0.5, 2.0, -1.5]))
    xexpr = "None"
    if rng.random() < 0.5 and nd:
        xdt = rand_dtype(rng, FLOATS * 2 + DTYPES)
        ax = axis % nd if -nd <= axis < nd else 0
        xs = (shape[ax],) if rng.random() < 0.6 else tuple(
            s if i == ax or rng.random() < 0.5 else 1 for i, s in enumerate(shape))
        xv = np.sort(gen_values(rng, xdt, xs, "small", special=0), axis=-1 if len(xs) == 1 else ax)
        ins.append(layout(rng, xv))
        xexpr = "b"
    c = Case(op, ins, [repr(dx), axis], "np.trapz(a, %s, %r, %d)" % (xexpr, dx, axis))
    # libnd converts first: to float32 if y (and x) promote to float32, else float64
    fdt = np.result_type(*[i.arr.dtype for i in ins])
    ft = "np.float32" if fdt == np.float32 else "np.float64"
    if any(i.arr.dtype.kind in "biu" for i in ins) or fdt.kind != "f":
        deviation(TRAPZ_CONV)
        c.expr = "np.trapz(a.astype(%s), %s, %r, %d)" % (ft, "b.astype(%s)" % ft if len(ins) == 2 else "None", dx, axis)
    c.tol = close_tol(1e-5 if fdt == np.float32 else 1e-12, 1e-12)
    return c


def gen_conv(rng, op):
    da = rand_dtype(rng)
    db = da if rng.random() < 0.5 else rand_dtype(rng)
    la, lb = (int(rng.integers(0 if rng.random() < 0.05 else 1, 9)) for _ in range(2))
    a = operand(rng, (la,) if rng.random() < 0.95 else (), da, "small", special=0.02)
    b = operand(rng, (lb,) if rng.random() < 0.95 else (), db, "small", special=0.02)
    mode = str(rng.choice(["full", "same", "valid"]))
    c = Case(op, [a, b], [mode], "np.%s(a, b, %r)" % (op, mode))
    if op == "correlate" and (a.arr.ndim == 0 or b.arr.ndim == 0):
        deviation(CORR_0D)
        c.expr = "np.correlate(np.atleast_1d(a), np.atleast_1d(b), %r)" % mode

    def tol(res, a=a.arr, b=b.arr):
        if res.dtype.kind != "f":
            return None
        x = np.atleast_1d(a).astype(np.longdouble)
        y = np.atleast_1d(b).astype(np.longdouble)
        if x.size == 0 or y.size == 0:
            return None
        n = min(x.size, y.size)
        mag = np.convolve(np.abs(x), np.abs(y), "full")
        fi = np.finfo(res.dtype)
        bnd = 2 * (n + 2) * EPS[res.dtype.name] * float(np.max(mag, initial=0)) + float(fi.smallest_subnormal) * 4
        # (an infinity times 0 makes mag NaN: some order may overflow too)
        return Bound(np.full(res.shape, bnd), res, not float(np.max(mag, initial=0)) <= float(fi.max))
    c.tol = Tol(tol)
    return c


def gen_interp(rng, op):
    x = operand(rng, rand_shape(rng), rand_dtype(rng, FLOATS * 2 + DTYPES), "small", special=0.05)
    n = int(rng.integers(1, 7)) if rng.random() > 0.03 else 0
    xp = np.sort(np.unique(gen_values(rng, rand_dtype(rng, FLOATS * 2 + DTYPES[1:]), (n,), "small", special=0)))
    fp = gen_values(rng, rand_dtype(rng, FLOATS * 2 + DTYPES), xp.shape, "small", special=0)
    opts = []
    for name in ("left", "right", "period"):
        if rng.random() < 0.25:
            opts.append(float(rng.choice([-1.5, 3.0, 7.25] if name != "period" else [2.0, 5.0, 360.0])))
        else:
            opts.append(None)
    if opts[2] is not None:  # unsorted xp is allowed with a period
        xp = rng.permutation(xp)
    c = Case(op, [x, layout(rng, xp), layout(rng, fp)],
             ["-" if v is None else repr(v) for v in opts],
             "np.interp(a, b, c, %r, %r, %r)" % tuple(opts))
    c.tol = close_tol(1e-14, 1e-14)
    return c


def gen_polyfit(rng, op):
    m = int(rng.integers(1, 10))
    deg = int(rng.integers(0, 4))
    xv = np.unique(rng.integers(-8, 9, m)) / rng.choice([1.0, 4.0])
    x = layout(rng, xv.astype(rand_dtype(rng, FLOATS * 3 + ["int64", "int16"]) if rng.random() < 0.8 else np.float64))
    ys = (xv.size,) if rng.random() < 0.7 else (xv.size, int(rng.integers(1, 3)))
    y = operand(rng, ys, rand_dtype(rng, FLOATS * 3 + ["int32"]), "small", special=0)
    ins = [x, y]
    wexpr = "None"
    if rng.random() < 0.3:
        ins.append(layout(rng, 0.5 + rng.random(xv.size)))
        wexpr = "c"
    c = Case(op, ins, [deg], "np.polyfit(a, b, %d, w=%s)" % (deg, wexpr))
    if "float32" in (x.arr.dtype, y.arr.dtype):
        deviation(POLYFIT_F64)
        rc = xv.size * float(np.finfo(x.arr.dtype if x.arr.dtype.kind == "f" else np.float64).eps)
        c.expr = "np.polyfit(a.astype(np.float64), b.astype(np.float64), %d, rcond=%r, w=%s)" % (
            deg, rc, wexpr)
    c.errs = {"TypeError": {"ND_ERR_SHAPE", "ND_ERR_VALUE"}}
    # (an underdetermined fit's minimum-norm answer is less stable)
    rt = 1e-7 if deg < xv.size else 1e-5
    c.tol = Tol(lambda res: Bound(np.full(res.shape, rt * (1 + float(np.max(np.abs(res), initial=0)))), res))
    return c


def gen_polyval(rng, op):
    p = operand(rng, (int(rng.integers(0, 5)),) if rng.random() < 0.97 else (2, 2),
                rand_dtype(rng), "small", special=0.02)
    xv = gen_values(rng, rand_dtype(rng), rand_shape(rng), "small", special=0.02)
    if xv.dtype.kind == "f":
        odd = np.isinf(xv) | (np.isnan(xv) & (p.arr.shape == (1,)))
        if odd.any():
            deviation(POLYVAL_START)
            xv = np.where(odd, 3, xv).astype(xv.dtype)
    c = Case(op, [p, layout(rng, xv)], [], "np.polyval(a, b)")
    if p.arr.ndim != 1:
        deviation(POLYVAL_2D)
        c.force_error = POLYVAL_2D
        c.errs = {"ND_ERR_SHAPE"}
    if p.arr.ndim == 1 and p.arr.size == 0:
        rt = np.result_type(p.arr.dtype, xv.dtype)
        if rt != xv.dtype:
            deviation(POLYVAL_EMPTY)
        c.expr = "np.zeros(np.shape(b), np.dtype(%r))" % rt.name
    c.tol = ZERO_SIGN  # the sum starts from p[0], not 0 * x (nd/numeric.h)
    return c


# ---------------------------------------------------------------- the table
# name -> (generator(rng, name) -> Case, or gen_all(rng) -> [Case]; cases per scale 1)

OPS = {}
for _op in UNARY:
    OPS[_op] = (gen_unary, 40)
for _op in BINARY:
    OPS[_op] = (gen_binary, 60)
for _op in REDUCTIONS:
    OPS[_op] = (gen_reduction, 60)
for _op in UNARY + BINARY:
    OPS[_op + "_out"] = (gen_ew_out, 10)
OPS.update({
    "where": (gen_where, 150),
    "clip": (gen_clip, 200),
    "nan_to_num": (gen_nan_to_num, 80),
    "array_equiv": (gen_array_equiv, 80),
    "var": (gen_var, 80),
    "std": (gen_var, 80),
    "sum_dtype": (gen_red_dtype, 40),
    "prod_dtype": (gen_red_dtype, 40),
    "mean_dtype": (gen_red_dtype, 40),
    "argmax": (gen_arg, 60),
    "argmin": (gen_arg, 60),
    "cumsum": (gen_scan, 60),
    "cumprod": (gen_scan, 60),
    "promote_types": (gen_promote_all, None),
    "can_cast": (gen_can_cast_all, None),
    "result_type": (gen_result_type, 200),
    "concatenate": (gen_join, 150),
    "stack": (gen_join, 100),
    "hstack": (gen_join, 30),
    "vstack": (gen_join, 30),
    "dstack": (gen_join, 30),
    "sort": (gen_sort, 100),
    "argsort": (gen_sort, 100),
    "matmul": (gen_matmul, 200),
    "astype": (gen_astype_all, None),
    "reshape": (gen_reshape, 80),
    "transpose": (gen_transpose, 60),
    "view": (gen_view, 120),
    "squeeze": (gen_axes_view, 25),
    "flip": (gen_axes_view, 25),
    "swapaxes": (gen_axes_view, 25),
    "moveaxis": (gen_axes_view, 25),
    "expand_dims": (gen_axes_view, 25),
    "copy": (gen_axes_view, 25),
    "ravel": (gen_axes_view, 25),
    "arange": (gen_arange, 100),
    "linspace": (gen_linspace, 60),
    "issue10": (gen_issue10, None),
    # nd/stats.h
    "median": (gen_median, 80),
    "nanmedian": (gen_median, 80),
    "quantile": (gen_quantile, 150),
    "percentile": (gen_quantile, 60),
    "nanquantile": (gen_quantile, 150),
    "nanpercentile": (gen_quantile, 60),
    "average": (gen_average, 100),
    "ptp": (gen_nan_reduction, 60),
    "nanprod": (gen_nan_reduction, 60),
    "nanvar": (gen_nanvar, 60),
    "nanstd": (gen_nanvar, 60),
    "nanargmin": (gen_nanarg, 60),
    "nanargmax": (gen_nanarg, 60),
    "nancumsum": (gen_nanscan, 50),
    "nancumprod": (gen_nanscan, 50),
    "cov": (gen_cov, 100),
    "corrcoef": (gen_cov, 60),
    "digitize": (gen_digitize, 80),
    "histogram": (gen_histogram, 80),
    "histogram2d": (gen_histdd, 60),
    "histogramdd": (gen_histdd, 60),
    # nd/sets.h
    "lexsort": (gen_lexsort, 80),
    "argsort_keys": (gen_lexsort, 60),
    "unique_axis": (gen_unique_axis, 80),
    "intersect1d": (gen_setop, 60),
    "union1d": (gen_setop, 60),
    "setdiff1d": (gen_setop, 60),
    "setxor1d": (gen_setop, 60),
    "isin": (gen_setop, 80),
    # nd/shape.h
    "block": (gen_block, 100),
    "column_stack": (gen_column_stack, 50),
    "flipud": (gen_flipud, 30),
    "fliplr": (gen_flipud, 30),
    "broadcast_arrays": (gen_broadcast_arrays, 50),
    "unravel_index": (gen_unravel, 60),
    "ravel_multi_index": (gen_ravel_multi, 80),
    "indices": (gen_indices, 30),
    "diag": (gen_diag, 50),
    "diagflat": (gen_diag, 40),
    "tril_indices": (gen_tri_indices, 30),
    "triu_indices": (gen_tri_indices, 30),
    # nd/numeric.h
    "trapz": (gen_trapz, 80),
    "convolve": (gen_conv, 80),
    "correlate": (gen_conv, 80),
    "interp": (gen_interp, 80),
    "polyfit": (gen_polyfit, 60),
    "polyval": (gen_polyval, 60),
})

# ---------------------------------------------------------------- comparing

ERRS = {"AxisError": {"ND_ERR_INDEX"}, "IndexError": {"ND_ERR_INDEX"},
        "TypeError": {"ND_ERR_DTYPE"}, "UFuncTypeError": {"ND_ERR_DTYPE"},
        "ValueError": {"ND_ERR_VALUE", "ND_ERR_SHAPE"},
        "OverflowError": {"ND_ERR_VALUE", "ND_ERR_OVERFLOW"}}


def ulp_dist(x, y):
    """Distance in units in the last place between float arrays of one dtype
    (0 between -0.0 and +0.0, 1 between the largest finite value and inf)."""
    it, mask = (np.uint32, 0x7FFFFFFF) if x.dtype == np.float32 else (np.uint64, 0x7FFFFFFFFFFFFFFF)
    bx, by = x.view(it), y.view(it)
    mx, my = (bx & it(mask)).astype(np.uint64), (by & it(mask)).astype(np.uint64)
    sx, sy = (bx >> it(x.itemsize * 8 - 1)) != 0, (by >> it(y.itemsize * 8 - 1)) != 0
    same = np.where(mx > my, mx - my, my - mx)
    return np.where((sx == sy) | (mx == 0) | (my == 0), same, mx + my)


def fmt(v):
    if isinstance(v, (np.floating, float)):
        return repr(float(v)) if np.asarray(v).dtype == np.float64 else repr(v)
    return repr(v.item() if hasattr(v, "item") else v)


def compare_array(exp, got, tol):
    if exp.dtype != got.dtype:
        return "dtype: numpy %s, libnd %s" % (exp.dtype, got.dtype)
    if exp.shape != got.shape:
        return "shape: numpy %s, libnd %s" % (exp.shape, got.shape)
    if exp.size == 0:
        return None
    desc = ""
    if exp.dtype.kind in "biu":
        bad = exp != got
    else:
        en, gn = np.isnan(exp), np.isnan(got)
        both_nan = en & gn
        if tol is None:
            ok = both_nan | ((exp == got) & (np.signbit(exp) == np.signbit(got)))
        elif tol[0] == "zero":
            ok = both_nan | (exp == got)
            desc = " (allowed: either zero)"
        elif tol[0] == "ulp":
            # in the coarser of the result's dtype and the dtype computed in
            # (an _out variant may compute in float32 and write float64)
            cd = exp.dtype if len(tol) < 3 or tol[2].itemsize >= exp.dtype.itemsize else tol[2]
            ok = both_nan | (~en & ~gn & (ulp_dist(exp.astype(cd), got.astype(cd)) <= tol[1]))
            desc = " (allowed: %d ulp of %s)" % (tol[1], cd)
        else:
            ok = tol[1].ok(exp, got)
            desc = " (allowed: any order of the operations)"
        bad = ~ok
    if not bad.any():
        return None
    where = tuple(int(i) for i in np.argwhere(bad)[0]) if exp.ndim else ()
    e, g = exp[where], got[where]
    extra = ""
    if exp.dtype.kind == "f":
        if tol is not None and tol[0] == "bound":
            extra = ", bound %.3g, exact %.17g" % (
                float(np.broadcast_to(np.asarray(tol[1].bound), exp.shape)[where]),
                float(np.broadcast_to(np.asarray(tol[1].exact), exp.shape)[where]))
        elif np.isfinite(e) and np.isfinite(g):
            extra = ", %d ulp of %s" % (int(ulp_dist(np.asarray(e)[None], np.asarray(g)[None])[0]),
                                        exp.dtype)
    return "values: %d of %d differ%s; first at %s: numpy %s, libnd %s%s" % (
        int(bad.sum()), exp.size, desc, where, fmt(e), fmt(g), extra)


def judge(case, res, outputs):
    """None if libnd's result (a line of results.txt, with the bytes of
    outputs.bin it points into) matches, else why."""
    exp = case.expect
    word = res[0] if res else "MISSING"
    if word in ("BAD", "MISSING", "CRASH"):
        return "harness: %s" % " ".join(res) if res else "no result (the driver stopped)"
    if isinstance(exp, Raised):
        if word == "ERR":
            allowed = ERRS.get(exp.name, None)
            if isinstance(case.errs, set):
                allowed = case.errs
            elif isinstance(case.errs, dict) and exp.name in case.errs:
                allowed = case.errs[exp.name]
            if allowed is None or res[1] in allowed:
                return None
            return "error status: numpy raised %s (%s), libnd %s %s" % (
                exp.name, str(exp.exc)[:80], res[1], " ".join(res[2:])[:100])
        return "numpy raised %s (%s); libnd returned %s" % (exp.name, str(exp.exc)[:100], " ".join(res))
    if word == "ERR":
        return "libnd %s: %s; numpy returned %s" % (res[1], " ".join(res[2:])[:140], describe_exp(exp))
    if isinstance(exp, tuple):
        want = {"dtype": "DTYPE", "bool": "BOOL"}[exp[0]]
        val = exp[1] if exp[0] == "dtype" else str(int(exp[1]))
        if word == want and res[1] == val:
            return None
        return "numpy %s %s, libnd %s" % (exp[0], val, " ".join(res))
    if word != "OK" or int(res[1]) != len(exp):
        return "numpy returned %d arrays, libnd %s" % (len(exp), " ".join(res))
    for k, e in enumerate(exp):
        dt, shape, off = res[2 + 3 * k: 5 + 3 * k]
        shape = () if shape == "()" else tuple(int(x) for x in shape.split(","))
        got = np.frombuffer(outputs, dt, int(np.prod(shape, dtype=np.int64)), int(off)).reshape(shape)
        tol = case.tol
        if isinstance(tol, Tol):
            t = tol.fn(e)
            tol = None if t is None else ("bound", t)
        why = compare_array(e, got, tol)
        if why:
            return why if len(exp) == 1 else "output %d: %s" % (k, why)
    return None


def describe_exp(exp):
    if isinstance(exp, list):
        return ", ".join("%s %s" % (e.dtype, e.shape) for e in exp)
    return repr(exp)


def reproducer(case, workdir):
    parts = []
    shared = {i.share for i in case.inputs if i.share is not None}
    for k, i in enumerate(case.inputs):
        path = os.path.join(workdir, "repro", "%d_%d.npy" % (case.id, k))
        if i.base.size > 12 and i.share is None:
            np.save(path, i.base)
        if k in shared:
            parts.append("base%d = %s" % (k, Inp(i.base).expr(os.path.relpath(path))))
        base = "base%d" % (k if k in shared else i.share) if k in shared or i.share is not None else None
        parts.append("%s = %s" % (NAMES[k], i.expr(os.path.relpath(path), base)))
    if case.op in ("concatenate", "stack", "hstack", "vstack", "dstack"):
        parts.append("xs = [%s]" % ", ".join(NAMES[:len(case.inputs)]))
    sig = ", ".join("%s %s" % (i.arr.dtype, i.arr.shape) for i in case.inputs)
    return "%s  [libnd: %s(%s%s%s)]  %s" % (
        case.expr, case.op, sig, "; " if sig and case.params else "", " ".join(case.params),
        "; ".join(parts))


# ---------------------------------------------------------------- main


LEVELS = [("default level", {}), ("ref level, 3 threads", {"ND_ARCH": "ref", "ND_NUM_THREADS": "3"})]


def run_driver(driver, workdir, lines, extra_env):
    """{case id: (result tokens, bytes of outputs.bin)}. If the driver dies,
    the case it died on is a failure and the rest run in a new process."""
    env = dict(os.environ)
    env.update(extra_env)
    results = {}
    todo = list(range(len(lines)))
    while todo:
        with open(os.path.join(workdir, "cases.txt"), "w") as f:
            f.write("".join(lines[i] + "\n" for i in todo))
        p = subprocess.run([driver, workdir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=600, env=env)
        with open(os.path.join(workdir, "outputs.bin"), "rb") as f:
            outputs = f.read()  # each run of the driver writes its own
        with open(os.path.join(workdir, "results.txt")) as f:
            for line in f:
                t = line.rstrip("\n").split(" ")
                results[int(t[0])] = (t[1:], outputs)
        left = [i for i in todo if i not in results]
        if p.returncode != 0 and left:
            results[left[0]] = (["CRASH", "driver exit status %d on this case: %s" % (
                p.returncode, p.stdout.decode(errors="replace")[-300:].replace("\n", " | "))], b"")
            left = left[1:]
        elif left:
            for i in left:
                results[i] = (["MISSING"], b"")
            left = []
        todo = left
    return results


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: npcmp.py DRIVER WORKDIR")
    driver, workdir = sys.argv[1], sys.argv[2]
    seed_env = os.environ.get("NPCMP_SEED", "")
    seed = int(np.random.SeedSequence().entropy % 2**32) if seed_env == "random" else \
        int(seed_env) if seed_env else DEFAULT_SEED
    scale = float(os.environ.get("NPCMP_SCALE", "1"))
    only = set(filter(None, os.environ.get("NPCMP_ONLY", "").split(",")))
    verbose = os.environ.get("NPCMP_VERBOSE") == "1"
    t0 = time.time()
    failures = []

    # one generator per operation, seeded from (seed, name), so that adding or
    # scaling one operation leaves the cases of the others as they were
    cases = []
    for name, (gen, count) in OPS.items():
        if only and name not in only:
            continue
        rng = np.random.default_rng([seed, int.from_bytes(name.encode(), "little") % 2**63])
        if count is None:
            cases.extend(gen(rng))
        else:
            cases.extend(gen(rng, name) for _ in range(max(1, int(count * scale))))

    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(os.path.join(workdir, "repro"))
    lines = []
    with open(os.path.join(workdir, "inputs.bin"), "wb") as blob:
        offset = 0
        for cid, c in enumerate(cases):
            c.id = cid
            c.expect = expected(c)
            for known in KNOWN.get(c.op, []):
                if known[1](c):
                    c.known = known
            toks = [str(cid), c.op, str(len(c.inputs))]
            for i in c.inputs:
                toks += i.tokens(offset)
                if i.share is None:
                    data = i.base.tobytes()
                    blob.write(data)
                    offset += len(data)
            toks += [str(len(c.params))] + c.params
            assert all(t and " " not in t for t in toks), toks
            lines.append(" ".join(toks))
    t1 = time.time()

    # every case runs on the default kernel level and thread count, then on
    # the portable level with 3 threads (results must not depend on either)
    results = [(name, run_driver(driver, workdir, lines, env)) for name, env in LEVELS]
    t2 = time.time()

    passed = failed = xfail = 0
    xpass = {}
    xfails = {}
    per_op = {}
    for c in cases:
        why = None
        for level, res in results:
            why = judge(c, *res.get(c.id, (["MISSING"], b"")))
            if why:
                why = "[%s] %s" % (level, why)
                break
        st = per_op.setdefault(c.op, [0, 0, 0])
        if why is None:
            passed += 1
            st[0] += 1
            if c.known:
                xpass[c.known[0]] = xpass.get(c.known[0], 0) + 1
            if verbose:
                print("ok   %d %s" % (c.id, c.expr))
        elif c.known and (c.known[2] is None or re.search(c.known[2], why)):
            xfail += 1
            st[2] += 1
            xfails.setdefault(c.known[0], []).append((c, why))
        else:
            failed += 1
            st[1] += 1
            failures.append("FAIL %d %s: %s | %s" % (c.id, c.op, why, reproducer(c, workdir)))
    t3 = time.time()

    for f in failures:
        print(f)
    for name, items in sorted(xfails.items()):
        ops = sorted(set(c.op for c, _ in items))
        print("XFAIL %d cases: %s (%s); e.g." % (len(items), name, ", ".join(ops)))
        for c, why in items[:3]:
            print("    %d %s: %s | %s" % (c.id, c.op, why, reproducer(c, workdir)))
    for name, n in sorted(xpass.items()):
        if name not in xfails:
            print("XPASS all %d cases of the known bug '%s' pass: remove its KNOWN entry" % (n, name))
    bad_ops = sorted(op for op, st in per_op.items() if st[1])
    print("npcmp: seed %d, %d operations, %d cases (%d inputs), each on %s; NumPy %s; "
          "generate %.1f s, libnd %.1f s, compare %.1f s" % (
              seed, len(per_op), len(cases), sum(len(c.inputs) for c in cases),
              " and ".join(n for n, _ in LEVELS), np.__version__, t1 - t0, t2 - t1, t3 - t2))
    if DEVIATED:
        print("documented deviations applied: " + "; ".join(
            "%s: %d" % (k, v) for k, v in sorted(DEVIATED.items())))
    if bad_ops:
        print("operations with mismatches: " + ", ".join(bad_ops))
    if xfail:
        print("%d xfail (known, being fixed: %s)" % (xfail, "; ".join(
            "%s: %d" % (k, len(v)) for k, v in sorted(xfails.items()))))
    tally = os.environ.get("ND_TALLY")
    if tally:
        with open(tally, "a") as f:
            f.write("%d %d 0\n" % (passed, failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # a harness error is a failure, never a silent pass
        import traceback
        traceback.print_exc()
        _give_up("the comparison script stopped with an exception")

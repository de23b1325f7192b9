#!/usr/bin/python3
"""Generates tests/data/activation_cases.h: PyTorch's answers for libnd's
activations (gelu, gelu_tanh, silu, softplus, leaky_relu) and for softmax,
log_softmax and logsumexp, with the true values beside them, for
tests/test_activations.c.

Run by hand with Debian's python3-torch (a reference only, never a
dependency of libnd) and commit the output:
    /usr/bin/python3 tests/data/gen_activations.py

Each case holds the input, PyTorch's result in the same dtype and the true
value rounded to the dtype:
  - activations: the true value in 200-bit mpmath (gen_elementwise.py's
    activation_ref, which also gives libnd's documented limit -0 at -inf
    where PyTorch gives NaN);
  - softmax family: float32 inputs computed by PyTorch in float64 (far below
    a float32 ULP), float64 inputs in 200-bit mpmath; rows holding inf or
    NaN take PyTorch's value (its rules are the reference there).
The test compares libnd with both (tolerances and their reasons are in
tests/test_activations.c).

Inputs are float32 and float64: random values of several scales and edge
values (+-0, +-inf, NaN, +-1e4, the smallest subnormal, values around
softplus's threshold 20); softmax-family inputs are 3-D, with rows of
+-1e4 logits, -inf entries, all -inf rows, +inf and NaN, reduced along
each axis (and pairs of axes, and all, for logsumexp).
"""
import os
import sys

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "activation_cases.h")
sys.path.insert(0, HERE)
from gen_elementwise import activation_ref  # noqa: E402  (the mpmath truth)

mpmath.mp.prec = 200
torch.set_num_threads(1)
SEED = 20261208
TD = {"float32": torch.float32, "float64": torch.float64}
ND = {"float32": "ND_FLOAT32", "float64": "ND_FLOAT64"}


def edge_values(dt):
    tiny = float(np.nextafter(np.array(0, dt), np.array(1, dt)))
    big = float(np.finfo(dt).max)
    thr = [19.0, 19.999, 20.0, float(np.nextafter(np.array(20, dt), np.array(21, dt))), 20.5, 21.0]
    return ([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e4, -1e4, tiny, -tiny,
             big, -big, 1.0, -1.0, 0.5, -0.5, 3.0, -3.0, 8.0, -8.0, 10.0, -10.0, -20.0, -30.0,
             -37.0, -38.5, -40.0, -88.0, -100.0, -104.0, -700.0, -740.0, -745.0, 1000.0, -1000.0,
             1e-10, -1e-10, 1e-30, -1e-30] + thr + [-t for t in thr])


def random_values(rng, n):
    out = []
    for scale in (1.0, 5.0, 30.0):
        out += list(rng.standard_normal(n) * scale)
    out += list(-10 ** rng.uniform(-3, 3, n))  # the negative tails over many scales
    return out


def fmt(v):
    v = float(v)
    if v != v:
        return "NAN"
    if v in (float("inf"), float("-inf")):
        return "INFINITY" if v > 0 else "-INFINITY"
    return repr(v)


class Pool:
    def __init__(self):
        self.vals = []

    def put(self, a):
        off = len(self.vals)
        self.vals.extend(float(v) for v in np.asarray(a, np.float64).ravel())
        return off


def torch_unary(op, x, param):
    t = torch.from_numpy(x)
    if op == "gelu":
        return F.gelu(t).numpy()
    if op == "gelu_tanh":
        return F.gelu(t, approximate="tanh").numpy()
    if op == "silu":
        return F.silu(t).numpy()
    if op == "softplus":
        return F.softplus(t).numpy()
    return F.leaky_relu(t, param).numpy()


def gen_unary(pool, rng):
    cases = []
    for dt in ("float32", "float64"):
        x = np.array(edge_values(dt) + random_values(rng, 40), dt)
        for op in ("gelu", "gelu_tanh", "silu", "softplus"):
            tr = torch_unary(op, x, None)
            truth = activation_ref(op, x)
            cases.append((op, dt, 0.0, x.size, pool.put(x), pool.put(tr), pool.put(truth)))
        for slope in (0.01, 0.2, -0.5, 3.0, 1e-40):
            tr = torch_unary("leaky_relu", x, slope)
            cases.append(("leaky_relu", dt, slope, x.size, pool.put(x), pool.put(tr), pool.put(tr)))
    return cases


# ---------------------------------------------------------------- softmax family

SHAPE = (3, 4, 5)


def logits(rng, dt):
    """(3, 4, 5) logits with the special rows along the last axis and
    single special entries elsewhere."""
    x = rng.standard_normal(SHAPE) * 3
    x[0, 0, :] = [1e4, -1e4, 1e4 - 1, 9e3, -1e4]
    x[0, 1, :] = [-1e4, -1e4 + 0.5, -1e4 + 30, -1e4 - 2, -1e4]
    x[0, 2, 1] = -np.inf
    x[1, 0, :] = -np.inf
    x[1, 1, 2] = np.inf
    x[1, 2, 3] = np.nan
    x[2, 3, :] = [50.0, 0.0, -50.0, 80.0, 1e-3]
    x[2, 0, 0] = 30.0  # one dominant value in a row
    return x.astype(dt)


def mp_softmax_family(op, x, dims, keepdim):
    """op along dims of float64 x in mpmath; None where a row is not finite."""
    xt = np.moveaxis(x, dims, list(range(x.ndim - len(dims), x.ndim)))
    lead = xt.shape[:x.ndim - len(dims)]
    k = int(np.prod([x.shape[d] for d in dims]))
    rows = xt.reshape(lead + (k,))
    out = np.empty(rows.shape if op != "logsumexp" else lead, np.float64)
    for idx in np.ndindex(*lead):
        r = rows[idx]
        if r.size == 0:  # softmax: nothing; logsumexp: -inf, as scipy
            if op == "logsumexp":
                out[idx] = float("-inf")
            continue
        if not np.all(np.isfinite(r)):
            out[idx] = np.nan  # marks: take PyTorch's
            continue
        m = mpmath.mpf(float(r.max()))
        e = [mpmath.exp(mpmath.mpf(float(v)) - m) for v in r]
        s = mpmath.fsum(e)
        if op == "softmax":
            out[idx] = [float(v / s) for v in e]
        elif op == "log_softmax":
            out[idx] = [float(mpmath.mpf(float(v)) - m - mpmath.log(s)) for v in r]
        else:
            out[idx] = float(m + mpmath.log(s)) if r.size else float("-inf")
    if op == "logsumexp":
        res = out
        if keepdim:
            for d in sorted(dims):
                res = np.expand_dims(res, d)
        return res
    return np.moveaxis(out.reshape(xt.shape), list(range(x.ndim - len(dims), x.ndim)), dims)


def torch_softmax_family(op, x, dims, keepdim, td):
    t = torch.from_numpy(x).to(td)
    if op == "softmax":
        return torch.softmax(t, dims[0]).numpy()
    if op == "log_softmax":
        return torch.log_softmax(t, dims[0]).numpy()
    return torch.logsumexp(t, dims, keepdim).numpy()


def gen_softmax(pool, rng):
    cases = []
    for dt in ("float32", "float64"):
        inputs = [logits(rng, dt), (rng.standard_normal(SHAPE) * 10).astype(dt),
                  np.zeros((2, 0, 3), dt)]
        for x in inputs:
            xo = pool.put(x)
            plans = [("softmax", [d], False) for d in range(3)]
            plans += [("log_softmax", [d], False) for d in range(3)]
            plans += [("logsumexp", [d], k) for d in range(3) for k in (False, True)]
            plans += [("logsumexp", [0, 2], False), ("logsumexp", [2, 1], True),
                      ("logsumexp", [0, 1, 2], False)]
            for op, dims, keep in plans:
                tr = torch_softmax_family(op, x, dims, keep, TD[dt])
                if x.size == 0 and op == "logsumexp" and x.ndim:  # as scipy: -inf
                    assert np.all(np.isneginf(tr)) or tr.size == 0, tr
                if dt == "float32":
                    truth = torch_softmax_family(op, x, dims, keep, torch.float64)
                else:
                    truth = mp_softmax_family(op, x.astype(np.float64), dims, keep)
                    truth = np.where(np.isnan(truth), tr, truth)
                truth = truth.astype(dt)
                assert truth.shape == tr.shape, (op, dims, truth.shape, tr.shape)
                cases.append((op, dt, x.shape, xo, dims, keep, tr.shape, pool.put(tr),
                              pool.put(truth)))
    return cases


def main():
    rng = np.random.default_rng(SEED)
    pool = Pool()
    un = gen_unary(pool, rng)
    sm = gen_softmax(pool, rng)
    out = ["/* PyTorch %s's answers (and the true values) for libnd's activations and"
           % torch.__version__,
           " * softmax, log_softmax and logsumexp. Generated by",
           " * tests/data/gen_activations.py; do not edit by hand. */", "",
           "#ifndef ND_ACTIVATION_CASES_H", "#define ND_ACTIVATION_CASES_H", "",
           "#include <math.h>", "", "static const double act_pool[] = {"]
    line = "   "
    for v in pool.vals:
        tok = " " + fmt(v) + ","
        if len(line) + len(tok) > 100:
            out.append(line)
            line = "   "
        line += tok
    out += [line, "};", "",
            "/* op(x[0..n)) with PyTorch's result and the true one (leaky_relu: param is",
            " * the slope; PyTorch's result is exact and is both). */",
            "typedef struct act_case {", "    const char *op;", "    nd_dtype dt;",
            "    double param;", "    int n, x, torch, truth;", "} act_case;", "",
            "static const act_case act_cases[] = {"]
    for op, dt, param, n, xo, to, ro in un:
        out.append('    {"%s", %s, %s, %d, %d, %d, %d},' % (op, ND[dt], fmt(param), n, xo, to, ro))
    out += ["};", "",
            "/* op over x (C order, shape) along naxes axes (softmax, log_softmax: one);",
            " * the result's shape and offsets of PyTorch's and the true result. */",
            "typedef struct sm_case {", "    const char *op;", "    nd_dtype dt;",
            "    int ndim;", "    int64_t shape[3];", "    int x;", "    int naxes;",
            "    int axes[3];", "    bool keepdims;", "    int rndim;", "    int64_t rshape[3];",
            "    int torch, truth;", "} sm_case;", "", "static const sm_case sm_cases[] = {"]
    for op, dt, shape, xo, dims, keep, rshape, to, ro in sm:
        pad = lambda t: ", ".join(str(v) for v in (list(t) + [0, 0, 0])[:3])
        out.append('    {"%s", %s, %d, {%s}, %d, %d, {%s}, %s, %d, {%s}, %d, %d},'
                   % (op, ND[dt], len(shape), pad(shape), xo, len(dims), pad(dims),
                      "true" if keep else "false", len(rshape), pad(rshape), to, ro))
    out += ["};", "", "#endif", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(out))
    print("%d activation cases, %d softmax-family cases, %d values" % (len(un), len(sm),
                                                                        len(pool.vals)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Generates tests/data/random_cases.h: SciPy's exact distributions for the
statistical tests of libnd's random distributions (tests/test_random_dist.c).

Run by hand with SciPy (Debian's python3-scipy) and commit the output:
    /usr/bin/python3 tests/data/gen_random.py

For each case (a distribution and its parameters, as libnd takes them) the
header records bins and each bin's exact probability for a chi-square test,
the exact mean and variance (NaN where they do not exist, or where the
fourth moment is infinite so the sample variance cannot be judged), and the
chi-square value a correct sampler exceeds with probability 1e-6.

Continuous laws get 24 bins equiprobable under the law (edges from its
quantile function). Discrete laws get bins of whole values, consecutive
values merged until each bin holds at least 1% (the first and last bins
take the tails). A bin is the half-open interval (edges[i], edges[i+1]]
(for discrete laws the edges are at half-integers).

The truncated normal is scipy.stats.truncnorm with standardised bounds
a = (low - mean) / stddev, b = (high - mean) / stddev, loc mean, scale
stddev: libnd takes the bounds as absolute values (torch's trunc_normal_).
"""
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "random_cases.h")
P_FAIL = 1e-6
NCONT = 24
MINP = 0.01

class NormalCounts:
    """A count law with so large a variance that its normal approximation
    (with the continuity correction) is exact to far better than the test
    can see: SciPy 1.10's binom.cdf is wrong there (0.471 instead of 0.500
    at the mean of binomial(10^15, 0.7)). The error of the approximation is
    about skewness / 6 < 1e-8 for the cases here."""

    def __init__(self, mean, var, skew):
        self.m, self.s, self.skew = mean, math.sqrt(var), skew
        self.n = stats.norm(mean, self.s)

    def cdf(self, x):
        return self.n.cdf(x + 0.5)

    def sf(self, x):
        return self.n.sf(x + 0.5)

    def ppf(self, q):
        return np.floor(self.n.ppf(q))

    def stats(self, what):
        if what == "mv":
            return self.m, self.s ** 2
        return 0.0  # excess kurtosis (1 - 6pq) / (npq), below 1e-14 here


def binomial_law(n, p):
    if n * p * (1 - p) > 1e10:
        q = 1 - p
        return NormalCounts(n * p, n * p * q, (q - p) / math.sqrt(n * p * q))
    return stats.binom(n, p)


# (C enum, label, parameters p0..p3, scipy frozen law)
CASES = []


def case(kind, label, params, law):
    CASES.append((kind, label, list(params) + [0.0] * (4 - len(params)), law))


for scale in (2.0, 0.5):
    case("RD_EXPONENTIAL", f"exponential({scale})", [scale], stats.expon(scale=scale))
for k, scale in ((0.3, 2.0), (1.0, 1.0), (5.0, 0.5), (1000.0, 1.0), (0.02, 1.0)):
    case("RD_GAMMA", f"gamma({k}, {scale})", [k, scale], stats.gamma(k, scale=scale))
for a, b in ((0.5, 0.5), (2.0, 5.0), (0.05, 0.1), (300.0, 20.0)):
    case("RD_BETA", f"beta({a}, {b})", [a, b], stats.beta(a, b))
for df in (1.0, 3.5, 30.0, 0.5):
    case("RD_T", f"standard_t({df})", [df], stats.t(df))
for mean, sd, lo, hi in ((0.0, 1.0, -1.0, 2.0), (0.0, 1.0, 5.0, math.inf), (0.0, 1.0, -math.inf, -8.0),
                         (2.0, 3.0, 1.0, 1.5), (0.0, 1.0, -0.2, 0.3), (0.0, 1.0, 0.3, 4.0),
                         (1.0, 2.0, -math.inf, math.inf), (0.0, 1.0, 30.0, math.inf),
                         (-3.0, 0.5, -3.2, 10.0), (0.0, 1.0, 2.0, 2.5), (10.0, 1.0, -5.0, 8.0)):
    case("RD_TRUNCNORM", f"truncated_normal({mean}, {sd}, {lo}, {hi})", [mean, sd, lo, hi],
         stats.truncnorm((lo - mean) / sd, (hi - mean) / sd, loc=mean, scale=sd))
for n, p in ((20, 0.2), (1000, 0.3), (100, 0.95), (10**12, 1e-11), (10**9, 0.5), (7, 0.5), (40, 0.25),
             (10**15, 0.7), (1, 0.3)):
    case("RD_BINOMIAL", f"binomial({n}, {p})", [float(n), p], binomial_law(n, p))
for lam in (0.5, 3.0, 9.9, 10.0, 57.3, 1e6, 1e12):
    case("RD_POISSON", f"poisson({lam})", [lam], stats.poisson(lam))


def bins_of(kind, law):
    if kind in ("RD_BINOMIAL", "RD_POISSON"):
        lo, hi = int(law.ppf(1e-9)), int(law.ppf(1 - 1e-9))
        # at most a few hundred values matter; step through the bulk
        xs = np.arange(lo, hi + 1)
        if len(xs) > 20000:  # wide laws: bins of equal probability, cut at whole values
            qs = law.ppf(np.linspace(0, 1, NCONT + 1)[1:-1])
            edges = [-math.inf] + sorted(set(float(q) + 0.5 for q in qs)) + [math.inf]
        else:
            pm = law.pmf(xs)
            edges, acc = [-math.inf], 0.0
            for x, px in zip(xs, pm):
                acc += px
                if acc >= MINP and law.sf(x) >= MINP:
                    edges.append(float(x) + 0.5)
                    acc = 0.0
            edges.append(math.inf)
        probs = [law.cdf(math.floor(b)) - law.cdf(math.floor(a)) if math.isfinite(a) else law.cdf(math.floor(b))
                 for a, b in zip(edges[:-2], edges[1:-1])]
        probs.append(law.sf(math.floor(edges[-2])))
        return edges, probs
    qs = law.ppf(np.linspace(0, 1, NCONT + 1))
    edges = [-math.inf] + [float(q) for q in qs[1:-1]] + [math.inf]
    cdf = [0.0] + [float(law.cdf(q)) for q in qs[1:-1]] + [1.0]
    probs = [b - a for a, b in zip(cdf[:-1], cdf[1:])]
    return edges, probs


def c(v):
    if math.isnan(v):
        return "NAN"
    if math.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    return repr(float(v))


def main():
    rows = []
    maxb = 0
    for kind, label, params, law in CASES:
        edges, probs = bins_of(kind, law)
        assert all(p > 0 for p in probs) and abs(sum(probs) - 1) < 1e-9, label
        maxb = max(maxb, len(probs))
        mean, var = (float(x) for x in law.stats("mv"))
        kurt = float(law.stats("k"))
        if not math.isfinite(kurt):
            var = math.nan
        crit = float(stats.chi2.isf(P_FAIL, len(probs) - 1))
        rows.append((kind, label, params, edges, probs, mean, var, kurt, crit))
    out = []
    w = out.append
    w("/* Exact laws for the statistical tests of the random distributions.")
    w(" * Generated by tests/data/gen_random.py (SciPy %s); do not edit by hand. */" % __import__("scipy").__version__)
    w("")
    w("#ifndef ND_RANDOM_CASES_H")
    w("#define ND_RANDOM_CASES_H")
    w("")
    w("#include <math.h>")
    w("")
    w("#define RD_MAX_BINS %d" % maxb)
    w("")
    w("typedef enum rd_kind { RD_EXPONENTIAL, RD_GAMMA, RD_BETA, RD_T, RD_TRUNCNORM, RD_BINOMIAL, RD_POISSON } rd_kind;")
    w("")
    w("/* One law: bins (edges[i], edges[i+1]] with probabilities prob[i], the")
    w(" * exact mean and variance (NaN: not checked), the excess kurtosis, and")
    w(" * the chi-square value exceeded with probability 1e-6. */")
    w("typedef struct rd_case {")
    w("    rd_kind kind;")
    w("    const char *label;")
    w("    double param[4];")
    w("    int nbins;")
    w("    double edges[RD_MAX_BINS + 1];")
    w("    double prob[RD_MAX_BINS];")
    w("    double mean, var, kurtosis, chi2_crit;")
    w("} rd_case;")
    w("")
    w("static const rd_case rd_cases[] = {")
    for kind, label, params, edges, probs, mean, var, kurt, crit in rows:
        w("    {%s, \"%s\", {%s}, %d," % (kind, label, ", ".join(c(p) for p in params), len(probs)))
        w("     {%s}," % ", ".join(c(e) for e in edges))
        w("     {%s}," % ", ".join(c(p) for p in probs))
        w("     %s, %s, %s, %s}," % (c(mean), c(var), c(kurt), c(crit)))
    w("};")
    w("#define RD_NCASES (int)(sizeof rd_cases / sizeof rd_cases[0])")
    w("")
    w("#endif")
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")


main()

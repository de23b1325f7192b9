/* Distributions on the counter-based stream (src/ops/random.h):
 * bernoulli, binomial, poisson, exponential, gamma, beta, standard_t,
 * multinomial and a truncated normal, and the validation of probability
 * vectors that nd_random_choice shares. Element c of a result draws from
 * its own stream (its first uniform is draw c of the function's stream,
 * further ones come from element c's private sequence), so rejection
 * loops of any length leave the other elements alone and results never
 * depend on the thread count. Each function has its own stream key (a
 * tag mixed into the generator's key). */
#include "ops/index_util.h"
#include "ops/random.h"

#include <float.h>
#include <math.h>

#define TAG_BERNOULLI 0x6265726e6f756c6cULL
#define TAG_BINOMIAL 0x62696e6f6d69616cULL
#define TAG_POISSON 0x706f6973736f6e5fULL
#define TAG_EXPONENTIAL 0x6578706f6e656e74ULL
#define TAG_GAMMA 0x67616d6d615f5f5fULL
#define TAG_BETA 0x626574615f5f5f5fULL
#define TAG_STANDARD_T 0x7374616e64617264ULL
#define TAG_MULTINOMIAL 0x6d756c74696e6f6dULL
#define TAG_TRUNCNORM 0x7472756e636e6f72ULL

/* Counts are computed in doubles: beyond 2^53 (n) or 2^52 (lam) they are
 * no longer exact. */
#define MAX_LAM 4503599627370496.0 /* 2^52 */
#define LOG_SQRT_2PI 0.91893853320467274178

static void use_stream(nd__rjob *j, const nd_rng *rng, uint64_t tag) {
    j->key2 = nd__rkey(rng, tag);
    j->key3 = nd__rretry(j->key2);
}

static inline nd__rstream stream_of(const nd__rjob *j, uint64_t c) { return nd__rstream_at(j->key2, j->key3, c); }

static nd_array *bad_param(const char *fn, const char *what, double v) {
    nd__error(ND_ERR_VALUE, fn, "%s, got %g", what, v);
    return NULL;
}

/* ------------------------------------------------------------ log-factorials */

/* tail(x) = log(x!) - [(x + 1/2) log(x + 1) - (x + 1) + log(sqrt(2 pi))],
 * the remainder of Stirling's series for log Gamma(x + 1). Below 10 from
 * the exact factorial, else the series 1/(12z) - 1/(360z^3) + 1/(1260z^5)
 * - 1/(1680z^7) with z = x + 1 (error below 1e-13). The rejection tests
 * below are written with it so that no two large log-factorials are
 * subtracted (log(10^15!) is 3e16: its rounding alone would be 4). */
static double stirling_tail(double x) {
    if (x < 10) {
        double f = 1;
        for (int i = 2; i <= (int)x; i++) f *= i;
        return log(f) - (x + 0.5) * log(x + 1) + (x + 1) - LOG_SQRT_2PI;
    }
    double z = x + 1, z2 = z * z;
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * z2)) / z2) / z2) / z;
}

/* ------------------------------------------------------------ bernoulli */

static void gen_bernoulli(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    int64_t *o = out;
    for (int64_t i = 0; i < n; i++) o[i] = nd__unit(nd__draw(j->key2, c0 + (uint64_t)i)) < j->a;
}

nd_array *nd_random_bernoulli(nd_rng *rng, double p, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_bernoulli";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!nd__check_dtype(fn, dt)) return NULL;
    if (nd__kind(dt) == ND_KIND_FLOAT) {
        nd__error(ND_ERR_DTYPE, fn, "dtype %s is not supported (bool and integer dtypes only)", nd__dtypes[dt].name);
        return NULL;
    }
    if (!(p >= 0 && p <= 1)) return bad_param(fn, "p must be in [0, 1]", p);
    nd__rjob j = {0};
    j.gen = gen_bernoulli;
    j.a = p; /* u < p: never for 0, always for 1 */
    use_stream(&j, rng, TAG_BERNOULLI);
    return nd__rgenerate(fn, rng, &j, ND_INT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ binomial */

/* Setup of one binomial(n, p) law: p is folded to at most 1/2 (the count
 * is then n - x); inversion below a mean of 10, BTRS above. */
typedef struct binom {
    double n, p, q;
    bool flip, btrs;
    double r0, ratio, bound;             /* inversion: q^n, p/q, the search's cut-off */
    double a, b, c, vr, alpha, m, lr, h; /* BTRS */
} binom;

static binom binom_setup(int64_t n_, double p_) {
    binom B = {0};
    B.n = (double)n_;
    B.flip = p_ > 0.5;
    B.p = B.flip ? 1 - p_ : p_; /* exact: Sterbenz */
    B.q = 1 - B.p;
    double np = B.n * B.p;
    B.btrs = np >= 10;
    if (!B.btrs) {
        B.r0 = exp(B.n * log1p(-B.p));
        B.ratio = B.p / B.q;
        B.bound = fmin(B.n, floor(np + 10 * sqrt(np * B.q + 1)));
        return B;
    }
    /* Hormann, "The generation of binomial random variates", J. Statist.
     * Comput. Simul. 46 (1993) 101-110, algorithm BTRS: transformed
     * rejection with a squeeze, for n p >= 10 and p <= 1/2. */
    double spq = sqrt(np * B.q);
    B.b = 1.15 + 2.53 * spq;
    B.a = -0.0873 + 0.0248 * B.b + 0.01 * B.p;
    B.c = np + 0.5;
    B.vr = 0.92 - 4.2 / B.b;
    B.alpha = (2.83 + 5.1 / B.b) * spq;
    B.m = floor((B.n + 1) * B.p);
    B.lr = log(B.p / B.q);
    /* log(r (n - m + 1) / (m + 1)), near 0 since m is the mode */
    B.h = log(B.p * (B.n - B.m + 1) / (B.q * (B.m + 1)));
    return B;
}

/* log(f(k) / f(m)) for the binomial pmf f, mode m, 0 <= k <= n: the
 * log-factorials expanded with Stirling's series so that only differences
 * near zero are formed (log1p of d / ...), exact to rounding for any n up
 * to 2^53. */
static double binom_log_ratio(const binom *B, double k) {
    double n = B->n, m = B->m, d = k - m;
    return (n - k + 0.5) * log1p(d / (n - k + 1)) - (k + 0.5) * log1p(d / (m + 1)) + d * B->h +
           stirling_tail(m) + stirling_tail(n - m) - stirling_tail(k) - stirling_tail(n - k);
}

static double binom_draw(nd__rstream *s, const binom *B) {
    if (B->n == 0 || B->p == 0) return B->flip ? B->n : 0;
    double x;
    if (!B->btrs) {
        /* inversion by sequential search from 0 (Kachitvichyanukul and
         * Schmeiser's BINV); a search that runs past the cut-off, which
         * only rounding makes possible, starts again */
        for (;;) {
            double u = nd__runit(s), r = B->r0;
            x = 0;
            while (u > r && x <= B->bound) {
                u -= r;
                x++;
                r *= (B->n - x + 1) / x * B->ratio;
            }
            if (x <= B->bound) break;
        }
    } else {
        for (;;) {
            double u = nd__runit(s) - 0.5, v = nd__runit(s), us = 0.5 - fabs(u);
            x = floor((2 * B->a / us + B->b) * u + B->c);
            if (us >= 0.07 && v <= B->vr) break;
            if (x < 0 || x > B->n) continue;
            if (log(v * B->alpha / (B->a / (us * us) + B->b)) <= binom_log_ratio(B, x)) break;
        }
    }
    return B->flip ? B->n - x : x;
}

static void gen_binomial(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    int64_t *o = out;
    const binom *B = j->params;
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        o[i] = (int64_t)binom_draw(&s, B);
    }
}

static bool check_count(const char *fn, int64_t n) {
    if (n < 0 || n > (INT64_C(1) << 53)) {
        nd__error(ND_ERR_VALUE, fn, "n must be in [0, 2^53], got %lld", (long long)n);
        return false;
    }
    return true;
}

nd_array *nd_random_binomial(nd_rng *rng, int64_t n, double p, int ndim, const int64_t *shape) {
    static const char fn[] = "nd_random_binomial";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!check_count(fn, n)) return NULL;
    if (!(p >= 0 && p <= 1)) return bad_param(fn, "p must be in [0, 1]", p);
    binom B = binom_setup(n, p);
    nd__rjob j = {0};
    j.gen = gen_binomial;
    j.params = &B;
    use_stream(&j, rng, TAG_BINOMIAL);
    return nd__rgenerate(fn, rng, &j, ND_INT64, ndim, shape, ND_INT64);
}

/* ------------------------------------------------------------ poisson */

typedef struct poisson {
    double lam, p0;                 /* inversion */
    double a, b, inv_alpha, vr;     /* PTRS */
} poisson;

static double poisson_draw(nd__rstream *s, const poisson *P) {
    const double lam = P->lam;
    if (lam < 10) {
        /* inversion by sequential search (Devroye, Non-Uniform Random
         * Variate Generation, 1986, X.3); past 200 only rounding can have
         * kept u above the pmf, and the search starts again */
        for (;;) {
            double u = nd__runit(s), f = P->p0, x = 0;
            while (u > f && x < 200) {
                u -= f;
                x++;
                f *= lam / x;
            }
            if (x < 200) return x;
        }
    }
    /* Hormann, "The transformed rejection method for generating Poisson
     * random variables", Insurance: Mathematics and Economics 12 (1993)
     * 39-45, algorithm PTRS. The acceptance test compares with
     * log(lam^k e^-lam / k!) written as d - k log1p(d/lam) - log(sqrt(2 pi
     * (k+1))) - tail(k), d = k + 1 - lam: no large terms cancel. */
    for (;;) {
        double u = nd__runit(s) - 0.5, v = nd__runit(s), us = 0.5 - fabs(u);
        double k = floor((2 * P->a / us + P->b) * u + lam + 0.43);
        if (us >= 0.07 && v <= P->vr) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        double d = k + 1 - lam;
        double rhs = d - k * log1p(d / lam) - 0.5 * log(k + 1) - LOG_SQRT_2PI - stirling_tail(k);
        if (log(v * P->inv_alpha / (P->a / (us * us) + P->b)) <= rhs) return k;
    }
}

static void gen_poisson(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    int64_t *o = out;
    const poisson *P = j->params;
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        o[i] = P->lam == 0 ? 0 : (int64_t)poisson_draw(&s, P);
    }
}

nd_array *nd_random_poisson(nd_rng *rng, double lam, int ndim, const int64_t *shape) {
    static const char fn[] = "nd_random_poisson";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!(lam >= 0 && lam <= MAX_LAM)) return bad_param(fn, "lam must be in [0, 2^52]", lam);
    poisson P = {0};
    P.lam = lam;
    P.p0 = exp(-lam);
    P.b = 0.931 + 2.53 * sqrt(lam);
    P.a = -0.059 + 0.02483 * P.b;
    P.inv_alpha = 1.1239 + 1.1328 / (P.b - 3.4);
    P.vr = 0.9277 - 3.6224 / (P.b - 2);
    nd__rjob j = {0};
    j.gen = gen_poisson;
    j.params = &P;
    use_stream(&j, rng, TAG_POISSON);
    return nd__rgenerate(fn, rng, &j, ND_INT64, ndim, shape, ND_INT64);
}

/* ------------------------------------------------------------ exponential */

/* Inversion: -log(1 - u), u in [0, 1), is finite. */
static void gen_exponential(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    for (int64_t i = 0; i < n; i++) o[i] = -log1p(-nd__unit(nd__draw(j->key2, c0 + (uint64_t)i))) * j->a;
}

static bool nonneg_finite(double v) { return v >= 0 && isfinite(v); }
static bool pos_finite(double v) { return v > 0 && isfinite(v); }

nd_array *nd_random_exponential(nd_rng *rng, double scale, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_exponential";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!nonneg_finite(scale)) return bad_param(fn, "scale must be non-negative and finite", scale);
    nd__rjob j = {0};
    j.gen = gen_exponential;
    j.a = scale;
    use_stream(&j, rng, TAG_EXPONENTIAL);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ gamma, beta, t */

/* Gamma(k, 1) for k >= 1: Marsaglia and Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26 (2000) 363-372. With d = k -
 * 1/3 and c = 1/sqrt(9d), x normal and v = (1 + c x)^3 > 0, d v is
 * accepted when u < 1 - 0.0331 x^4 (their squeeze) or log u < x^2/2 + d -
 * d v + d log v. */
static double gamma_core(nd__rstream *s, double k) {
    const double d = k - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = nd__rnormal(s);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = nd__runit_open(s), x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
    }
}

/* Gamma(k, 1) for k > 0; below 1 by their boost G(k) = G(k + 1) u^(1/k). */
static double gamma_draw(nd__rstream *s, double k) {
    if (k >= 1) return gamma_core(s, k);
    double u = nd__runit_open(s);
    return gamma_core(s, k + 1) * pow(u, 1 / k);
}

/* log of a Gamma(k, 1) variate, which stays finite where the variate
 * itself underflows (k of 1e-3 gives values below 1e-300). */
static double log_gamma_draw(nd__rstream *s, double k) {
    if (k >= 1) return log(gamma_core(s, k));
    double u = nd__runit_open(s);
    return log(gamma_core(s, k + 1)) + log(u) / k;
}

static void gen_gamma(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const double k = j->a, scale = j->b;
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        o[i] = k == 0 || scale == 0 ? 0 : gamma_draw(&s, k) * scale;
    }
}

nd_array *nd_random_gamma(nd_rng *rng, double k, double scale, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_gamma";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!nonneg_finite(k)) return bad_param(fn, "k must be non-negative and finite", k);
    if (!nonneg_finite(scale)) return bad_param(fn, "scale must be non-negative and finite", scale);
    nd__rnormal_init();
    nd__rjob j = {0};
    j.gen = gen_gamma;
    j.a = k;
    j.b = scale;
    use_stream(&j, rng, TAG_GAMMA);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* X / (X + Y) = 1 / (1 + exp(log Y - log X)), from the logs of the two
 * gamma variates: no 0/0 when both underflow (Johnk's method exists for
 * that reason; the logs serve the same purpose for every a and b). */
static void gen_beta(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        double lx = log_gamma_draw(&s, j->a), ly = log_gamma_draw(&s, j->b), t = ly - lx;
        o[i] = t > 0 ? exp(-t) / (1 + exp(-t)) : 1 / (1 + exp(t));
    }
}

nd_array *nd_random_beta(nd_rng *rng, double a, double b, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_beta";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!pos_finite(a)) return bad_param(fn, "a must be positive and finite", a);
    if (!pos_finite(b)) return bad_param(fn, "b must be positive and finite", b);
    nd__rnormal_init();
    nd__rjob j = {0};
    j.gen = gen_beta;
    j.a = a;
    j.b = b;
    use_stream(&j, rng, TAG_BETA);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* Z / sqrt(V / df) with V = 2 G, G gamma(df/2): Z sqrt(df/2) exp(-log(G)/2). */
static void gen_standard_t(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const double half = 0.5 * j->a, root = sqrt(half);
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        double z = nd__rnormal(&s);
        o[i] = z * root * exp(-0.5 * log_gamma_draw(&s, half));
    }
}

nd_array *nd_random_standard_t(nd_rng *rng, double df, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_standard_t";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!pos_finite(df)) return bad_param(fn, "df must be positive and finite", df);
    nd__rnormal_init();
    nd__rjob j = {0};
    j.gen = gen_standard_t;
    j.a = df;
    use_stream(&j, rng, TAG_STANDARD_T);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ truncated normal */

/* Robert, "Simulation of truncated normal variables", Statistics and
 * Computing 5 (1995) 121-125, on the standardised interval [al, be]
 * (flipped to al >= 0 when it lies below 0): a uniform proposal where the
 * interval is short, the normal (or half-normal) itself where it holds
 * enough mass, and his exponential proposal with the optimal rate
 * (al + sqrt(al^2 + 4)) / 2 in the tail. Each choice keeps the acceptance
 * rate above about 0.3 (see nd_random_truncated_normal). */
enum { TN_UNIFORM0, TN_NORMAL, TN_UNIFORM, TN_HALFNORMAL, TN_EXPONENTIAL };
typedef struct truncnorm {
    double mean, sd, al, be, rate, sign, lo, hi;
    int method;
} truncnorm;

static double truncnorm_draw(nd__rstream *s, const truncnorm *T) {
    const double al = T->al, be = T->be;
    for (;;) {
        double z, u;
        switch (T->method) {
        case TN_UNIFORM0: /* the density peaks at 0, inside */
            z = al + (be - al) * nd__runit(s);
            if (nd__runit(s) <= exp(-0.5 * z * z)) return z;
            break;
        case TN_NORMAL:
            z = nd__rnormal(s);
            if (z >= al && z <= be) return z;
            break;
        case TN_UNIFORM: /* al >= 0: the density peaks at al */
            z = al + (be - al) * nd__runit(s);
            if (nd__runit(s) <= exp(-0.5 * (z - al) * (z + al))) return z;
            break;
        case TN_HALFNORMAL:
            z = fabs(nd__rnormal(s));
            if (z >= al && z <= be) return z;
            break;
        default: /* TN_EXPONENTIAL */
            z = al - log(nd__runit_open(s)) / T->rate;
            u = nd__runit(s);
            if (z <= be && u <= exp(-0.5 * (z - T->rate) * (z - T->rate))) return z;
            break;
        }
    }
}

static void gen_truncnorm(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const truncnorm *T = j->params;
    for (int64_t i = 0; i < n; i++) {
        nd__rstream s = stream_of(j, c0 + (uint64_t)i);
        double x = T->mean + T->sd * (T->sign * truncnorm_draw(&s, T));
        o[i] = x < T->lo ? T->lo : x > T->hi ? T->hi : x;
    }
}

nd_array *nd_random_truncated_normal(nd_rng *rng, double mean, double stddev, double low, double high,
                                     int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_random_truncated_normal";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!isfinite(mean)) return bad_param(fn, "mean must be finite", mean);
    if (!pos_finite(stddev)) return bad_param(fn, "stddev must be positive and finite", stddev);
    if (isnan(low) || isnan(high) || !(low < high)) {
        nd__error(ND_ERR_VALUE, fn, "low must be below high, got [%g, %g]", low, high);
        return NULL;
    }
    truncnorm T = {0};
    T.mean = mean;
    T.sd = stddev;
    /* the clamp that keeps rounded values inside: for float32 the
     * narrowest float interval within [low, high] */
    T.lo = low;
    T.hi = high;
    if (dt == ND_FLOAT32) {
        float lf = (float)low, hf = (float)high;
        if ((double)lf < low) lf = nextafterf(lf, INFINITY);
        if ((double)hf > high) hf = nextafterf(hf, -INFINITY);
        if (!(lf <= hf)) {
            nd__error(ND_ERR_VALUE, fn, "no float32 value lies in [%g, %g]", low, high);
            return NULL;
        }
        T.lo = lf;
        T.hi = hf;
    }
    double al = (low - mean) / stddev, be = (high - mean) / stddev;
    T.sign = 1;
    if (be <= 0) { /* below the mean: sample the mirror image */
        double t = al;
        al = -be;
        be = -t;
        T.sign = -1;
    }
    if (!(al < be)) { /* standardising collapsed the interval to a point, above 0 */
        al = be = (al + be) / 2;
        T.method = TN_UNIFORM;
    } else if (al < 0) {
        T.method = be - al < 1 ? TN_UNIFORM0 : TN_NORMAL;
    } else if ((be - al) * (be + al) <= 2) {
        T.method = TN_UNIFORM;
    } else if (al < 0.5) {
        T.method = TN_HALFNORMAL;
    } else {
        T.method = TN_EXPONENTIAL;
        T.rate = 0.5 * (al + sqrt(al * al + 4));
    }
    T.al = al;
    T.be = be;
    nd__rnormal_init();
    nd__rjob j = {0};
    j.gen = gen_truncnorm;
    j.params = &T;
    use_stream(&j, rng, TAG_TRUNCNORM);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ probability vectors */

double *nd__rprobs(const char *fn, const char *name, const nd_array *p, int64_t n) {
    char sh[ND_SHAPE_STR_CAP];
    if (p->dtype == ND_BOOL) {
        nd__error(ND_ERR_DTYPE, fn, "%s must be a numeric array, got dtype bool", name);
        return NULL;
    }
    if (p->ndim != 1 || p->shape[0] != n) {
        nd__error(ND_ERR_SHAPE, fn, "%s must be 1-D of length %lld, got shape %s", name, (long long)n,
                  nd__shape_str(sh, sizeof sh, p->ndim, p->shape));
        return NULL;
    }
    double *w = nd__ix_alloc(fn, n, sizeof(double));
    if (!w) return NULL;
    /* read through the cast loop, any layout */
    nd_loop_fn cast = nd__cast_loop(p->dtype, ND_FLOAT64);
    int64_t steps[2] = {p->strides[0] * (int64_t)nd__itemsize(p->dtype), 8};
    char *args[2] = {p->data, (char *)w};
    if (n > 0) cast(args, n, steps, NULL);
    double tol = sqrt(DBL_EPSILON), sum = 0, comp = 0;
    if (p->dtype == ND_FLOAT32) tol = sqrt(FLT_EPSILON);
    for (int64_t i = 0; i < n; i++) {
        if (isnan(w[i]) || w[i] < 0 || isinf(w[i])) {
            nd__error(ND_ERR_VALUE, fn, "%s[%lld] = %g: probabilities must be non-negative and finite", name,
                      (long long)i, w[i]);
            nd__ix_free(w);
            return NULL;
        }
        double y = w[i] - comp, t = sum + y; /* Kahan, as NumPy's check */
        comp = (t - sum) - y;
        sum = t;
    }
    if (!(fabs(sum - 1) <= tol)) {
        nd__error(ND_ERR_VALUE, fn, "probabilities in %s do not sum to 1 (sum %.17g, tolerance %.3g)", name, sum, tol);
        nd__ix_free(w);
        return NULL;
    }
    return w;
}

/* ------------------------------------------------------------ multinomial */

/* Conditional binomials: count i is binomial(remaining trials, p_i / the
 * mass of entries i..k-1); the last entry takes what remains. */
typedef struct multi {
    const nd__rjob *j;
    const double *cond; /* k - 1 conditional probabilities */
    int64_t k, n;
    int64_t *out;
} multi;

static void run_multinomial(void *ctx, int64_t begin, int64_t end) {
    const multi *M = ctx;
    for (int64_t v = begin; v < end; v++) {
        nd__rstream s = stream_of(M->j, M->j->counter + (uint64_t)v);
        int64_t *o = M->out + v * M->k, rem = M->n;
        for (int64_t i = 0; i < M->k - 1; i++) {
            int64_t x = 0;
            if (rem > 0) {
                binom B = binom_setup(rem, M->cond[i]);
                x = (int64_t)binom_draw(&s, &B);
            }
            o[i] = x;
            rem -= x;
        }
        o[M->k - 1] = rem;
    }
}

nd_array *nd_random_multinomial(nd_rng *rng, int64_t n, const nd_array *pvals, int ndim, const int64_t *shape) {
    static const char fn[] = "nd_random_multinomial";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!nd__check_array(fn, "pvals", pvals)) return NULL;
    if (!check_count(fn, n)) return NULL;
    if (ndim < 0 || ndim > ND_MAX_DIMS - 1) {
        nd__error(ND_ERR_VALUE, fn, "ndim %d is outside [0, %d] (the result has one more axis)", ndim,
                  ND_MAX_DIMS - 1);
        return NULL;
    }
    if (!nd__check_shape(fn, ndim, shape)) return NULL;
    if (pvals->ndim == 1 && pvals->shape[0] == 0) {
        nd__error(ND_ERR_SHAPE, fn, "pvals must not be empty");
        return NULL;
    }
    int64_t k = pvals->ndim == 1 ? pvals->shape[0] : -1;
    if (k < 0) {
        char sh[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "pvals must be 1-D, got shape %s", nd__shape_str(sh, sizeof sh, pvals->ndim, pvals->shape));
        return NULL;
    }
    double *w = nd__rprobs(fn, "pvals", pvals, k);
    if (!w) return NULL;
    /* w becomes the conditional probabilities, from the suffix sums */
    double tail = 0;
    for (int64_t i = k - 1; i >= 0; i--) {
        tail += w[i];
        w[i] = tail > 0 ? fmin(1, w[i] / tail) : 0;
    }
    int64_t full[ND_MAX_DIMS];
    for (int i = 0; i < ndim; i++) full[i] = shape[i];
    full[ndim] = k;
    nd_array *r = nd__alloc_array(fn, ndim + 1, full, ND_INT64);
    if (!r) {
        nd__ix_free(w);
        return NULL;
    }
    nd__rjob j = {0};
    use_stream(&j, rng, TAG_MULTINOMIAL);
    j.counter = rng->counter;
    multi M = {&j, w, k, n, (int64_t *)r->data};
    int64_t nvec = r->size / k;
    int64_t chunk = (1 << 15) / k + 1;
    if (r->size >= (1 << 16)) nd__parallel_for(nvec, chunk, run_multinomial, &M);
    else run_multinomial(&M, 0, nvec);
    nd__ix_free(w);
    rng->counter += (uint64_t)nvec;
    return r;
}

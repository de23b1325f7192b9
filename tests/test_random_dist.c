/* Tests of the random distributions, permutations and sampling
 * (src/ops/random_dist.c, src/ops/random_perm.c): each law against SciPy's
 * exact one (tests/data/random_cases.h, from gen_random.py) by a
 * chi-square test and the exact mean and variance; permutations and
 * samples for uniformity, distinctness and weights; bit-identical results
 * across thread counts and call splits; the counter's advance; 0-d and
 * empty shapes; every bad parameter; failed allocations. Seeds are fixed,
 * so every run tests the same values; the bounds are those a correct
 * sampler exceeds with probability about 1e-6. */
#include "nd_test.h"

#include "data/random_cases.h"

#include <stdlib.h>

#define NSAMP 200000

/* ------------------------------------------------------------ helpers */

static nd_array *draw_case(nd_rng *r, const rd_case *c, int64_t n, nd_dtype dt) {
    const double *p = c->param;
    switch (c->kind) {
    case RD_EXPONENTIAL: return nd_random_exponential(r, p[0], 1, &n, dt);
    case RD_GAMMA: return nd_random_gamma(r, p[0], p[1], 1, &n, dt);
    case RD_BETA: return nd_random_beta(r, p[0], p[1], 1, &n, dt);
    case RD_T: return nd_random_standard_t(r, p[0], 1, &n, dt);
    case RD_TRUNCNORM: return nd_random_truncated_normal(r, p[0], p[1], p[2], p[3], 1, &n, dt);
    case RD_BINOMIAL: return nd_random_binomial(r, (int64_t)p[0], p[1], 1, &n);
    case RD_POISSON: return nd_random_poisson(r, p[0], 1, &n);
    }
    return NULL;
}

static bool is_discrete(const rd_case *c) { return c->kind == RD_BINOMIAL || c->kind == RD_POISSON; }

/* The values of a as doubles (a freshly made C-contiguous array). */
static double *as_doubles(const nd_array *a) {
    nd_array *f = nd_astype(a, ND_FLOAT64);
    if (!f) fail_msg("astype: %s", nd_errmsg());
    int64_t n = nd_size(f);
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    memcpy(v, nd_data(f), sizeof(double) * (size_t)n);
    nd_free(f);
    return v;
}

static double chi_square(const int64_t *count, const double *prob, int nbins, int64_t n) {
    double chi = 0;
    for (int b = 0; b < nbins; b++) {
        double e = prob[b] * (double)n, d = (double)count[b] - e;
        chi += d * d / e;
    }
    return chi;
}

static void assert_same_bytes(const nd_array *a, const nd_array *b) {
    if (!a || !b) fail_msg("no array: %s", nd_errmsg());
    assert_int_equal(nd_nbytes(a), nd_nbytes(b));
    assert_memory_equal(nd_data(a), nd_data(b), nd_nbytes(a));
}

/* Same shape, dtype and values. */
static void expect_equal(const nd_array *a, const nd_array *b) {
    if (!a || !b) fail_msg("no array: %s", nd_errmsg());
    assert_int_equal(nd_dtype_of(a), nd_dtype_of(b));
    nd_test_shape(a, nd_ndim(b), nd_shape(b));
    bool same = false;
    ND_ASSERT_OK(nd_array_equiv(a, b, &same));
    assert_true(same);
}

/* ------------------------------------------------------------ the laws */

static void test_laws(void **state) {
    (void)state;
    for (int ci = 0; ci < RD_NCASES; ci++) {
        const rd_case *c = &rd_cases[ci];
        nd_rng r;
        nd_rng_seed(&r, 1000 + (uint64_t)ci);
        nd_array *a = draw_case(&r, c, NSAMP, ND_FLOAT64);
        if (!a) fail_msg("%s: %s", c->label, nd_errmsg());
        assert_int_equal(nd_dtype_of(a), is_discrete(c) ? ND_INT64 : ND_FLOAT64);
        assert_int_equal(r.counter, NSAMP);
        double *v = as_doubles(a);
        int64_t count[RD_MAX_BINS] = {0};
        double s1 = 0, s2 = 0, s4 = 0;
        for (int64_t i = 0; i < NSAMP; i++) {
            double x = v[i];
            if (!isfinite(x)) fail_msg("%s: value %g", c->label, x);
            if (is_discrete(c)) assert_true(x >= 0 && x == floor(x));
            if (c->kind == RD_BETA) assert_true(x >= 0 && x <= 1);
            if (c->kind == RD_TRUNCNORM) assert_true(x >= c->param[2] && x <= c->param[3]);
            if (c->kind == RD_BINOMIAL) assert_true(x <= c->param[0]);
            /* the bin (edges[b], edges[b+1]] by bisection */
            int lo = 0, hi = c->nbins - 1;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (x <= c->edges[mid + 1]) hi = mid;
                else lo = mid + 1;
            }
            count[lo]++;
            if (isfinite(c->mean)) { /* moments about the exact mean: no cancellation */
                double d = x - c->mean;
                s1 += d;
                s2 += d * d;
                s4 += d * d * d * d;
            }
        }
        double chi = chi_square(count, c->prob, c->nbins, NSAMP);
        if (!(chi < c->chi2_crit)) fail_msg("%s: chi-square %g over %d bins (limit %g)", c->label, chi, c->nbins, c->chi2_crit);
        if (isfinite(c->mean) && isfinite(c->var)) {
            /* 6 sigma for the mean; the sample variance's spread from the
             * exact kurtosis: Var(s^2) ~ var^2 (kurtosis + 2) / n */
            double mean = s1 / NSAMP, var = s2 / NSAMP - mean * mean;
            double tol_m = 6 * sqrt(c->var / NSAMP) + 1e-12 * fabs(c->mean);
            double tol_v = 6 * c->var * sqrt((c->kurtosis + 2) / NSAMP) + 1e-12 * c->var;
            if (!(fabs(mean) <= tol_m)) fail_msg("%s: mean off by %g (tolerance %g)", c->label, mean, tol_m);
            if (!(fabs(var - c->var) <= tol_v))
                fail_msg("%s: variance %g, want %g +- %g", c->label, var, c->var, tol_v);
        }
        (void)s4;
        free(v);
        nd_free(a);
    }
}

/* float32 results are the float64 stream rounded. */
static void test_float32(void **state) {
    (void)state;
    for (int ci = 0; ci < RD_NCASES; ci++) {
        const rd_case *c = &rd_cases[ci];
        if (is_discrete(c)) continue;
        nd_rng r1, r2;
        nd_rng_seed(&r1, 5);
        nd_rng_seed(&r2, 5);
        nd_array *d = draw_case(&r1, c, 3001, ND_FLOAT64), *f = draw_case(&r2, c, 3001, ND_FLOAT32);
        if (!d || !f) fail_msg("%s: %s", c->label, nd_errmsg());
        assert_int_equal(nd_dtype_of(f), ND_FLOAT32);
        const double *pd = nd_data(d);
        const float *pf = nd_data(f);
        for (int64_t i = 0; i < 3001; i++) {
            float want = (float)pd[i];
            if (c->kind == RD_TRUNCNORM) { /* kept inside the bounds after rounding */
                assert_true(pf[i] >= c->param[2] && pf[i] <= c->param[3]);
                assert_true(fabsf(pf[i] - want) <= 2 * fabsf(nextafterf(want, INFINITY) - want));
            } else {
                assert_true(pf[i] == want);
            }
        }
        nd_free(d);
        nd_free(f);
    }
}

static void test_bernoulli(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 9);
    int64_t n = NSAMP;
    const nd_dtype dts[] = {ND_BOOL, ND_INT8, ND_UINT16, ND_INT64, ND_UINT64};
    for (size_t d = 0; d < sizeof dts / sizeof dts[0]; d++) {
        nd_array *a = nd_random_bernoulli(&r, 0.3, 1, &n, dts[d]);
        ND_ASSERT_ARRAY(a);
        assert_int_equal(nd_dtype_of(a), dts[d]);
        double *v = as_doubles(a);
        int64_t ones = 0;
        for (int64_t i = 0; i < n; i++) {
            assert_true(v[i] == 0 || v[i] == 1);
            ones += v[i] == 1;
        }
        int64_t count[2] = {n - ones, ones};
        assert_true(chi_square(count, (const double[]){0.7, 0.3}, 2, n) < 23.93);
        free(v);
        nd_free(a);
    }
    /* the same draws whatever the dtype */
    nd_rng a1, a2;
    nd_rng_seed(&a1, 3);
    nd_rng_seed(&a2, 3);
    nd_array *b = nd_random_bernoulli(&a1, 0.5, 1, &n, ND_BOOL), *i = nd_random_bernoulli(&a2, 0.5, 1, &n, ND_UINT8);
    assert_same_bytes(b, i);
    nd_free(b);
    nd_free(i);
    /* p = 0 and 1 */
    nd_array *z = nd_random_bernoulli(&r, 0, 1, &n, ND_INT32), *o = nd_random_bernoulli(&r, 1, 1, &n, ND_INT32);
    for (int64_t k = 0; k < n; k++) {
        assert_int_equal(((int32_t *)nd_data(z))[k], 0);
        assert_int_equal(((int32_t *)nd_data(o))[k], 1);
    }
    nd_free(z);
    nd_free(o);
}

/* Degenerate parameters give their exact answers. */
static void test_degenerate(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 2);
    int64_t n = 1000;
    nd_array *a[] = {
        nd_random_exponential(&r, 0, 1, &n, ND_FLOAT64), nd_random_gamma(&r, 0, 3, 1, &n, ND_FLOAT64),
        nd_random_gamma(&r, 3, 0, 1, &n, ND_FLOAT64),    nd_random_binomial(&r, 0, 0.4, 1, &n),
        nd_random_binomial(&r, 50, 0, 1, &n),           nd_random_poisson(&r, 0, 1, &n),
    };
    for (size_t k = 0; k < sizeof a / sizeof a[0]; k++) {
        double *v = as_doubles(a[k]);
        for (int64_t i = 0; i < n; i++) assert_true(v[i] == 0);
        free(v);
        nd_free(a[k]);
    }
    nd_array *b = nd_random_binomial(&r, 50, 1, 1, &n);
    for (int64_t i = 0; i < n; i++) assert_int_equal(((int64_t *)nd_data(b))[i], 50);
    nd_free(b);
    b = nd_random_binomial(&r, INT64_C(9007199254740992), 1, 1, &n); /* 2^53, the largest n */
    for (int64_t i = 0; i < n; i++) assert_int_equal(((int64_t *)nd_data(b))[i], INT64_C(9007199254740992));
    nd_free(b);
    assert_int_equal(r.counter, 8 * (uint64_t)n);
    /* tiny beta parameters: values at 0 and 1 but never NaN */
    b = nd_random_beta(&r, 1e-3, 1e-3, 1, &n, ND_FLOAT64);
    int64_t low = 0;
    for (int64_t i = 0; i < n; i++) {
        double x = ((double *)nd_data(b))[i];
        assert_true(x >= 0 && x <= 1);
        low += x < 0.5;
    }
    assert_true(low > 400 && low < 600);
    nd_free(b);
    /* a truncation interval 40 standard deviations out, and a narrow one */
    b = nd_random_truncated_normal(&r, 1, 0.5, -19.5, -19, 1, &n, ND_FLOAT64);
    for (int64_t i = 0; i < n; i++) {
        double x = ((double *)nd_data(b))[i];
        assert_true(x >= -19.5 && x <= -19 && x > -19.1);
    }
    nd_free(b);
    b = nd_random_truncated_normal(&r, 0, 1, 1, nextafter(1, 2), 1, &n, ND_FLOAT64);
    for (int64_t i = 0; i < n; i++) assert_true(((double *)nd_data(b))[i] >= 1 && ((double *)nd_data(b))[i] <= nextafter(1, 2));
    nd_free(b);
    /* float32 bounds that are not floats: values stay inside [0.1, 0.2] */
    b = nd_random_truncated_normal(&r, 0, 1, 0.1, 0.2, 1, &n, ND_FLOAT32);
    for (int64_t i = 0; i < n; i++) {
        float x = ((float *)nd_data(b))[i];
        assert_true(x >= 0.1 && x <= 0.2);
    }
    nd_free(b);
}

static void test_multinomial(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 21);
    const double pv[4] = {0.1, 0.0, 0.6, 0.3};
    int64_t k = 4, nvec = 50000, shape[2] = {500, 100};
    nd_array *p = nd_from_data(pv, 1, &k, ND_FLOAT64);
    const int64_t trials[] = {0, 1, 20, 1000, INT64_C(1000000000000)};
    for (size_t t = 0; t < sizeof trials / sizeof trials[0]; t++) {
        int64_t n = trials[t];
        uint64_t before = r.counter;
        nd_array *m = nd_random_multinomial(&r, n, p, 2, shape);
        ND_ASSERT_ARRAY(m);
        assert_int_equal(r.counter, before + (uint64_t)nvec);
        nd_test_shape(m, 3, (int64_t[]){500, 100, 4});
        const int64_t *v = nd_data(m);
        double s[4] = {0}, s2[4] = {0};
        for (int64_t i = 0; i < nvec; i++) {
            int64_t sum = 0;
            for (int j = 0; j < 4; j++) {
                int64_t x = v[i * 4 + j];
                assert_true(x >= 0 && x <= n);
                sum += x;
                double d = (double)x - (double)n * pv[j];
                s[j] += d;
                s2[j] += d * d;
            }
            assert_int_equal(sum, n);
            assert_int_equal(v[i * 4 + 1], 0);
        }
        /* each count is binomial(n, p_j) */
        for (int j = 0; j < 4; j++) {
            double var = (double)n * pv[j] * (1 - pv[j]);
            double mean = s[j] / nvec, svar = s2[j] / nvec - mean * mean;
            assert_true(fabs(mean) <= 6 * sqrt(var / nvec) + 1e-9);
            assert_true(fabs(svar - var) <= 6 * var * sqrt(2.0 / nvec) + 6 * sqrt(var) / nvec + 1e-9);
        }
        nd_free(m);
    }
    /* a 0-d shape gives one vector; an empty one none */
    nd_array *m = nd_random_multinomial(&r, 7, p, 0, NULL);
    nd_test_shape(m, 1, (int64_t[]){4});
    nd_free(m);
    uint64_t before = r.counter;
    m = nd_random_multinomial(&r, 7, p, 1, (int64_t[]){0});
    nd_test_shape(m, 2, (int64_t[]){0, 4});
    assert_int_equal(r.counter, before);
    nd_free(m);
    /* a single category, and pvals as a float32 strided view */
    nd_array *one = nd_full(1, (int64_t[]){1}, ND_FLOAT32, 1.0);
    m = nd_random_multinomial(&r, 9, one, 1, (int64_t[]){3});
    for (int i = 0; i < 3; i++) assert_int_equal(((int64_t *)nd_data(m))[i], 9);
    nd_free(m);
    nd_free(one);
    nd_array *p8 = nd_from_data((const float[]){0.5f, 9, 0.25f, 9, 0.25f, 9}, 1, (int64_t[]){6}, ND_FLOAT32);
    nd_array *pview = nd_view(p8, "::2");
    m = nd_random_multinomial(&r, 100, pview, 1, (int64_t[]){2});
    ND_ASSERT_ARRAY(m);
    nd_free(m);
    nd_free(pview);
    nd_free(p8);
    nd_free(p);
}

/* ------------------------------------------------------------ permutations */

static void test_permutation(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 31);
    /* every value exactly once, for several lengths */
    const int64_t ns[] = {0, 1, 2, 10, 1000, 100003};
    for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++) {
        uint64_t before = r.counter;
        nd_array *p = nd_random_permutation(&r, ns[t]);
        ND_ASSERT_ARRAY(p);
        nd_test_shape(p, 1, &ns[t]);
        assert_int_equal(nd_dtype_of(p), ND_INT64);
        assert_int_equal(r.counter, before + (uint64_t)ns[t]);
        char *seen = calloc((size_t)ns[t] + 1, 1);
        for (int64_t i = 0; i < ns[t]; i++) {
            int64_t v = ((int64_t *)nd_data(p))[i];
            assert_true(v >= 0 && v < ns[t] && !seen[v]);
            seen[v] = 1;
        }
        free(seen);
        nd_free(p);
    }
    /* the 24 orders of 4 values equally likely */
    int64_t count[24] = {0}, reps = 120000;
    for (int64_t k = 0; k < reps; k++) {
        nd_array *p = nd_random_permutation(&r, 4);
        const int64_t *v = nd_data(p);
        /* the order's rank in the factorial number system */
        int rank = 0;
        for (int i = 0; i < 4; i++) {
            int smaller = 0;
            for (int j = i + 1; j < 4; j++) smaller += v[j] < v[i];
            rank = rank * (4 - i) + smaller;
        }
        count[rank]++;
        nd_free(p);
    }
    double prob[24];
    for (int i = 0; i < 24; i++) prob[i] = 1.0 / 24;
    double chi = chi_square(count, prob, 24, reps);
    if (!(chi < 70.55)) fail_msg("permutation orders: chi-square %g", chi);
    /* value v at position i: uniform over the 100 cells for n = 10 */
    int64_t cells[100] = {0};
    reps = 60000;
    for (int64_t k = 0; k < reps; k++) {
        nd_array *p = nd_random_permutation(&r, 10);
        for (int i = 0; i < 10; i++) cells[i * 10 + ((int64_t *)nd_data(p))[i]]++;
        nd_free(p);
    }
    double chi2 = 0, e = reps / 10.0;
    for (int i = 0; i < 100; i++) chi2 += (cells[i] - e) * (cells[i] - e) / e;
    /* 81 degrees of freedom (rows and columns sum to reps); 99's limit is looser */
    if (!(chi2 < 180.8)) fail_msg("permutation cells: chi-square %g", chi2);
}

static void test_shuffle(void **state) {
    (void)state;
    nd_rng r1, r2, r3;
    nd_rng_seed(&r1, 41);
    r2 = r3 = r1;
    int64_t sh[2] = {6, 5};
    nd_array *base = nd_arange(0, 30, 1, ND_INT32);
    nd_array *a = nd_reshape(base, 2, sh);
    /* shuffle along 0 = permutation_array along 0 = take with the permutation */
    nd_array *perm = nd_random_permutation(&r1, 6);
    nd_array *want = nd_take(a, perm, 0);
    nd_array *pa = nd_random_permutation_array(&r2, a, 0);
    nd_array *c = nd_copy(a);
    ND_ASSERT_OK(nd_random_shuffle(&r3, c, 0));
    expect_equal(pa, want);
    expect_equal(c, want);
    assert_int_equal(r1.counter, 6);
    assert_int_equal(r2.counter, 6);
    assert_int_equal(r3.counter, 6);
    nd_free(perm);
    nd_free(want);
    nd_free(pa);
    nd_free(c);
    /* along the last axis of a strided view, in place: only the view changes */
    nd_array *big = nd_copy(a);
    nd_array *v = nd_view(big, "::2, :");
    nd_array *before = nd_copy(big);
    nd_rng s1 = r1, s2 = r1;
    perm = nd_random_permutation(&s1, 5);
    want = nd_take(v, perm, 1);
    ND_ASSERT_OK(nd_random_shuffle(&s2, v, -1));
    expect_equal(v, want);
    nd_array *odd = nd_view(big, "1::2, :"), *odd0 = nd_view(before, "1::2, :");
    expect_equal(odd, odd0);
    assert_int_equal(s2.counter, s1.counter);
    nd_free(perm);
    nd_free(want);
    nd_free(odd);
    nd_free(odd0);
    nd_free(v);
    nd_free(before);
    nd_free(big);
    /* permutation_array along axis 1 of a transposed float array */
    nd_array *f = nd_astype(a, ND_FLOAT64);
    nd_array *ft = nd_transpose(f, NULL);
    s1 = s2 = r1;
    perm = nd_random_permutation(&s1, 6);
    want = nd_take(ft, perm, 1);
    pa = nd_random_permutation_array(&s2, ft, 1);
    expect_equal(pa, want);
    nd_free(perm);
    nd_free(want);
    nd_free(pa);
    nd_free(ft);
    nd_free(f);
    /* an empty axis and a length-1 axis; the counter advances by the length */
    nd_array *e = nd_zeros(2, (int64_t[]){0, 3}, ND_FLOAT32);
    uint64_t c0 = r1.counter;
    ND_ASSERT_OK(nd_random_shuffle(&r1, e, 0));
    ND_ASSERT_OK(nd_random_shuffle(&r1, e, 1));
    assert_int_equal(r1.counter, c0 + 3);
    nd_free(e);
    nd_free(a);
    nd_free(base);
}

/* ------------------------------------------------------------ choice */

static void test_choice(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 51);
    int64_t n = NSAMP;
    /* with replacement, uniform: a chi-square over the 7 values */
    nd_array *a = nd_random_choice_n(&r, 7, 1, &n, true, NULL);
    ND_ASSERT_ARRAY(a);
    assert_int_equal(r.counter, (uint64_t)n);
    int64_t count[10] = {0};
    for (int64_t i = 0; i < n; i++) count[((int64_t *)nd_data(a))[i]]++;
    double prob[10];
    for (int i = 0; i < 7; i++) prob[i] = 1.0 / 7;
    assert_true(chi_square(count, prob, 7, n) < 35.89);
    nd_free(a);
    /* with replacement and weights: a zero weight is never drawn */
    const double w[5] = {0.1, 0.2, 0, 0.3, 0.4};
    int64_t five = 5;
    nd_array *p = nd_from_data(w, 1, &five, ND_FLOAT64);
    a = nd_random_choice_n(&r, 5, 1, &n, true, p);
    ND_ASSERT_ARRAY(a);
    memset(count, 0, sizeof count);
    for (int64_t i = 0; i < n; i++) count[((int64_t *)nd_data(a))[i]]++;
    assert_int_equal(count[2], 0);
    int64_t c4[4] = {count[0], count[1], count[3], count[4]};
    assert_true(chi_square(c4, (const double[]){0.1, 0.2, 0.3, 0.4}, 4, n) < 33.38);
    nd_free(a);
    /* without replacement, uniform: 2 of 5, the 20 ordered pairs equally likely */
    int64_t pairs[25] = {0}, reps = 100000, two = 2;
    for (int64_t k = 0; k < reps; k++) {
        a = nd_random_choice_n(&r, 5, 1, &two, false, NULL);
        const int64_t *v = nd_data(a);
        assert_true(v[0] != v[1]);
        pairs[v[0] * 5 + v[1]]++;
        nd_free(a);
    }
    int64_t pc[20];
    int np = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            if (i != j) pc[np++] = pairs[i * 5 + j];
    double pp[20];
    for (int i = 0; i < 20; i++) pp[i] = 1.0 / 20;
    assert_true(chi_square(pc, pp, 20, reps) < 63.68);
    /* without replacement and weights: successive sampling,
     * P(i then j) = w_i w_j / (1 - w_i) */
    const double w3[3] = {0.5, 0.3, 0.2};
    int64_t three = 3;
    nd_array *p3 = nd_from_data(w3, 1, &three, ND_FLOAT64);
    memset(pairs, 0, sizeof pairs);
    for (int64_t k = 0; k < reps; k++) {
        uint64_t before = r.counter;
        a = nd_random_choice_n(&r, 3, 1, &two, false, p3);
        assert_int_equal(r.counter, before + 3); /* one key per candidate */
        const int64_t *v = nd_data(a);
        assert_true(v[0] != v[1]);
        pairs[v[0] * 3 + v[1]]++;
        nd_free(a);
    }
    np = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (i != j) {
                pc[np] = pairs[i * 3 + j];
                pp[np++] = w3[i] * w3[j] / (1 - w3[i]);
            }
    assert_true(chi_square(pc, pp, 6, reps) < 35.89);
    /* all of them without replacement: a permutation; zero weights last */
    a = nd_random_choice_n(&r, 5, 1, (int64_t[]){4}, false, p);
    ND_ASSERT_ARRAY(a);
    for (int i = 0; i < 4; i++) assert_true(((int64_t *)nd_data(a))[i] != 2);
    nd_free(a);
    a = nd_random_choice_n(&r, 1000, 2, (int64_t[]){10, 100}, false, NULL);
    char seen[1000] = {0};
    for (int i = 0; i < 1000; i++) {
        int64_t v = ((int64_t *)nd_data(a))[i];
        assert_true(v >= 0 && v < 1000 && !seen[v]);
        seen[v] = 1;
    }
    nd_free(a);
    /* the sparse sample (n much larger than k) is the dense one's prefix */
    nd_rng s1 = r, s2 = r;
    nd_array *dense = nd_random_choice_n(&s1, 100, 1, (int64_t[]){30}, false, NULL);
    nd_array *sparse = nd_random_choice_n(&s2, 100, 1, (int64_t[]){10}, false, NULL);
    assert_memory_equal(nd_data(dense), nd_data(sparse), 10 * sizeof(int64_t));
    nd_free(dense);
    nd_free(sparse);
    /* a huge population: distinct values, uniform in the large */
    a = nd_random_choice_n(&r, INT64_C(1000000000000), 1, (int64_t[]){20000}, false, NULL);
    ND_ASSERT_ARRAY(a);
    nd_array *u = NULL;
    ND_ASSERT_OK(nd_unique(a, &u, NULL, NULL, NULL));
    assert_int_equal(nd_size(u), 20000);
    int64_t upper = 0;
    for (int i = 0; i < 20000; i++) upper += ((int64_t *)nd_data(a))[i] >= INT64_C(500000000000);
    assert_true(upper > 9000 && upper < 11000);
    nd_free(u);
    nd_free(a);
    /* from an array: rows of a 2-D one, equal to take with the indices */
    nd_array *base = nd_arange(0, 15, 1, ND_FLOAT32);
    nd_array *m = nd_reshape(base, 2, (int64_t[]){5, 3});
    s1 = s2 = r;
    nd_array *idx = nd_random_choice_n(&s1, 5, 2, (int64_t[]){2, 2}, false, p);
    nd_array *want = nd_take(m, idx, 0);
    nd_array *got = nd_random_choice(&s2, m, 2, (int64_t[]){2, 2}, false, p);
    nd_test_shape(got, 3, (int64_t[]){2, 2, 3});
    expect_equal(got, want);
    assert_int_equal(s1.counter, s2.counter);
    nd_free(idx);
    nd_free(want);
    nd_free(got);
    /* a 0-d sample of a 1-D array, and empty samples */
    nd_array *col = nd_view(m, ":, 1");
    got = nd_random_choice(&r, col, 0, NULL, true, NULL);
    assert_int_equal(nd_ndim(got), 0);
    float g0 = *(float *)nd_data(got);
    assert_true(g0 == 1 || g0 == 4 || g0 == 7 || g0 == 10 || g0 == 13);
    nd_free(got);
    uint64_t before = r.counter;
    got = nd_random_choice(&r, col, 1, (int64_t[]){0}, false, NULL);
    nd_test_shape(got, 1, (int64_t[]){0});
    nd_free(got);
    got = nd_random_choice_n(&r, 0, 2, (int64_t[]){3, 0}, true, NULL);
    nd_test_shape(got, 2, (int64_t[]){3, 0});
    nd_free(got);
    assert_int_equal(r.counter, before);
    /* float32 weights get float32's tolerance */
    nd_array *pf = nd_from_data((const float[]){0.5f, 0.50001f}, 1, (int64_t[]){2}, ND_FLOAT32);
    got = nd_random_choice_n(&r, 2, 0, NULL, true, pf);
    ND_ASSERT_ARRAY(got);
    nd_free(got);
    nd_free(pf);
    nd_free(col);
    nd_free(m);
    nd_free(base);
    nd_free(p);
    nd_free(p3);
}

/* ------------------------------------------------------------ determinism */

#define NFUNCS 17
static nd_array *call(int f, nd_rng *r, int64_t n) {
    static const double pv[3] = {0.2, 0.5, 0.3};
    int64_t three = 3;
    nd_array *p = nd_from_data(pv, 1, &three, ND_FLOAT64), *res = NULL;
    switch (f) {
    case 0: res = nd_random_bernoulli(r, 0.4, 1, &n, ND_BOOL); break;
    case 1: res = nd_random_binomial(r, 30, 0.2, 1, &n); break;
    case 2: res = nd_random_binomial(r, 100000, 0.6, 1, &n); break;
    case 3: res = nd_random_poisson(r, 4, 1, &n); break;
    case 4: res = nd_random_poisson(r, 400, 1, &n); break;
    case 5: res = nd_random_exponential(r, 2, 1, &n, ND_FLOAT32); break;
    case 6: res = nd_random_gamma(r, 0.4, 1, 1, &n, ND_FLOAT64); break;
    case 7: res = nd_random_gamma(r, 7, 1, 1, &n, ND_FLOAT64); break;
    case 8: res = nd_random_beta(r, 0.5, 3, 1, &n, ND_FLOAT64); break;
    case 9: res = nd_random_standard_t(r, 3, 1, &n, ND_FLOAT64); break;
    case 10: res = nd_random_truncated_normal(r, 0, 1, -0.5, 3, 1, &n, ND_FLOAT64); break;
    case 11: res = nd_random_truncated_normal(r, 0, 1, 4, INFINITY, 1, &n, ND_FLOAT32); break;
    case 12: res = nd_random_multinomial(r, 50, p, 1, &n); break;
    case 13: res = nd_random_permutation(r, n); break;
    case 14: res = nd_random_choice_n(r, 1000, 1, &n, true, NULL); break;
    case 15: res = nd_random_choice_n(r, 3, 1, &n, true, p); break;
    default: res = nd_random_choice_n(r, 3 * n, 1, &n, false, NULL); break;
    }
    nd_free(p);
    return res;
}

/* 1 thread and 4 give the same bits; the counter advances by n. */
static void test_threads(void **state) {
    (void)state;
    const int64_t n = 300001;
    for (int f = 0; f < NFUNCS; f++) {
        nd_rng r1, r2;
        nd_rng_seed(&r1, 77);
        r1.counter = r2.counter = 999;
        r2.key = r1.key;
        ND_ASSERT_OK(nd_set_num_threads(1));
        nd_array *a = call(f, &r1, n);
        ND_ASSERT_OK(nd_set_num_threads(4));
        nd_array *b = call(f, &r2, n);
        ND_ASSERT_OK(nd_set_num_threads(0));
        assert_same_bytes(a, b);
        assert_int_equal(r1.counter, 999 + (uint64_t)n);
        assert_int_equal(r2.counter, r1.counter);
        nd_free(a);
        nd_free(b);
    }
}

/* For the element-wise laws two calls of n values equal one of 2n. */
static void test_split_calls(void **state) {
    (void)state;
    for (int f = 0; f <= 12; f++) {
        nd_rng one, two;
        nd_rng_seed(&one, 8);
        nd_rng_seed(&two, 8);
        nd_array *whole = call(f, &one, 2002), *first = call(f, &two, 1001), *second = call(f, &two, 1001);
        if (!whole || !first || !second) fail_msg("%d: %s", f, nd_errmsg());
        size_t half = nd_nbytes(first);
        assert_memory_equal(nd_data(whole), nd_data(first), half);
        assert_memory_equal((char *)nd_data(whole) + half, nd_data(second), half);
        assert_int_equal(one.counter, two.counter);
        nd_free(whole);
        nd_free(first);
        nd_free(second);
    }
    /* different functions at the same counter draw from different streams */
    nd_rng a, b;
    nd_rng_seed(&a, 8);
    nd_rng_seed(&b, 8);
    int64_t n = 100;
    nd_array *e = nd_random_exponential(&a, 1, 1, &n, ND_FLOAT64), *u = nd_random_uniform(&b, 0, 1, 1, &n, ND_FLOAT64);
    int64_t same = 0;
    for (int i = 0; i < n; i++)
        same += fabs(((double *)nd_data(e))[i] + log1p(-((double *)nd_data(u))[i])) < 1e-12;
    assert_true(same < 3);
    nd_free(e);
    nd_free(u);
}

/* 0-d results take one value; empty ones none. */
static void test_sizes(void **state) {
    (void)state;
    for (int f = 0; f <= 12; f++) {
        nd_rng r;
        nd_rng_seed(&r, 4);
        int64_t z = 0;
        nd_array *e = NULL;
        /* the empty shape (0,) through call(), then 0-d through the shape-taking forms */
        e = call(f, &r, z);
        ND_ASSERT_ARRAY(e);
        assert_int_equal(nd_size(e), 0);
        assert_int_equal(r.counter, 0);
        nd_free(e);
    }
    nd_rng r;
    nd_rng_seed(&r, 4);
    nd_array *s[] = {
        nd_random_bernoulli(&r, 0.5, 0, NULL, ND_INT8),   nd_random_binomial(&r, 10, 0.5, 0, NULL),
        nd_random_poisson(&r, 2, 0, NULL),                 nd_random_exponential(&r, 1, 0, NULL, ND_FLOAT64),
        nd_random_gamma(&r, 2, 1, 0, NULL, ND_FLOAT32),    nd_random_beta(&r, 2, 2, 0, NULL, ND_FLOAT64),
        nd_random_standard_t(&r, 2, 0, NULL, ND_FLOAT64), nd_random_truncated_normal(&r, 0, 1, 0, 1, 0, NULL, ND_FLOAT64),
        nd_random_choice_n(&r, 4, 0, NULL, false, NULL),
    };
    for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
        ND_ASSERT_ARRAY(s[k]);
        assert_int_equal(nd_ndim(s[k]), 0);
        nd_free(s[k]);
    }
    assert_int_equal(r.counter, sizeof s / sizeof s[0]);
    int64_t sh[3] = {2, 0, 3};
    nd_array *e = nd_random_gamma(&r, 2, 1, 3, sh, ND_FLOAT64);
    nd_test_shape(e, 3, sh);
    nd_free(e);
    assert_int_equal(r.counter, sizeof s / sizeof s[0]);
}

/* ------------------------------------------------------------ bad inputs */

#define EXPECT_FAIL(call_, st, needle)                                             \
    do {                                                                           \
        nd_rng before_ = r;                                                        \
        assert_null(call_);                                                        \
        ND_ASSERT_ERROR(st, needle);                                               \
        assert_int_equal(r.key, before_.key);                                      \
        assert_int_equal(r.counter, before_.counter);                              \
    } while (0)

#define EXPECT_FAIL_ST(call_, st, needle)                                          \
    do {                                                                           \
        nd_rng before_ = r;                                                        \
        assert_int_equal(call_, st);                                               \
        ND_ASSERT_ERROR(st, needle);                                               \
        assert_int_equal(r.counter, before_.counter);                              \
    } while (0)

static void test_bad_inputs(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 1);
    r.counter = 5;
    int64_t sh[2] = {3, 4}, n3 = 3;
    /* NULL generator */
    EXPECT_FAIL(nd_random_bernoulli(NULL, 0.5, 2, sh, ND_BOOL), ND_ERR_NULL, "nd_random_bernoulli: argument 'rng' is NULL");
    EXPECT_FAIL(nd_random_binomial(NULL, 3, 0.5, 2, sh), ND_ERR_NULL, "nd_random_binomial: argument 'rng' is NULL");
    EXPECT_FAIL(nd_random_poisson(NULL, 3, 2, sh), ND_ERR_NULL, "nd_random_poisson: argument 'rng' is NULL");
    EXPECT_FAIL(nd_random_exponential(NULL, 3, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_exponential: argument 'rng'");
    EXPECT_FAIL(nd_random_gamma(NULL, 3, 1, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_gamma: argument 'rng'");
    EXPECT_FAIL(nd_random_beta(NULL, 3, 1, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_beta: argument 'rng'");
    EXPECT_FAIL(nd_random_standard_t(NULL, 3, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_standard_t: argument 'rng'");
    EXPECT_FAIL(nd_random_truncated_normal(NULL, 0, 1, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_NULL,
                "nd_random_truncated_normal: argument 'rng'");
    nd_array *p = nd_from_data((const double[]){0.2, 0.3, 0.5}, 1, &n3, ND_FLOAT64);
    EXPECT_FAIL(nd_random_multinomial(NULL, 3, p, 2, sh), ND_ERR_NULL, "nd_random_multinomial: argument 'rng'");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, NULL, 2, sh), ND_ERR_NULL, "nd_random_multinomial: argument 'pvals' is NULL");
    EXPECT_FAIL(nd_random_permutation(NULL, 3), ND_ERR_NULL, "nd_random_permutation: argument 'rng'");
    EXPECT_FAIL(nd_random_permutation_array(NULL, p, 0), ND_ERR_NULL, "nd_random_permutation_array: argument 'rng'");
    EXPECT_FAIL(nd_random_permutation_array(&r, NULL, 0), ND_ERR_NULL, "nd_random_permutation_array: argument 'a'");
    EXPECT_FAIL_ST(nd_random_shuffle(NULL, NULL, 0), ND_ERR_NULL, "nd_random_shuffle: argument 'rng'");
    EXPECT_FAIL_ST(nd_random_shuffle(&r, NULL, 0), ND_ERR_NULL, "nd_random_shuffle: argument 'a'");
    EXPECT_FAIL(nd_random_choice_n(NULL, 3, 2, sh, true, NULL), ND_ERR_NULL, "nd_random_choice_n: argument 'rng'");
    EXPECT_FAIL(nd_random_choice(NULL, p, 2, sh, true, NULL), ND_ERR_NULL, "nd_random_choice: argument 'rng'");
    EXPECT_FAIL(nd_random_choice(&r, NULL, 2, sh, true, NULL), ND_ERR_NULL, "nd_random_choice: argument 'a'");
    EXPECT_FAIL(nd_random_gamma(&r, 1, 1, 2, NULL, ND_FLOAT64), ND_ERR_NULL, "nd_random_gamma: argument 'shape' is NULL");

    /* dtypes */
    EXPECT_FAIL(nd_random_bernoulli(&r, 0.5, 2, sh, ND_FLOAT32), ND_ERR_DTYPE,
                "nd_random_bernoulli: dtype float32 is not supported (bool and integer dtypes only)");
    EXPECT_FAIL(nd_random_bernoulli(&r, 0.5, 2, sh, ND_NUM_DTYPES), ND_ERR_DTYPE, "invalid dtype");
    EXPECT_FAIL(nd_random_exponential(&r, 1, 2, sh, ND_INT32), ND_ERR_DTYPE,
                "nd_random_exponential: dtype int32 is not supported (float dtypes only)");
    EXPECT_FAIL(nd_random_gamma(&r, 1, 1, 2, sh, ND_BOOL), ND_ERR_DTYPE, "nd_random_gamma: dtype bool");
    EXPECT_FAIL(nd_random_beta(&r, 1, 1, 2, sh, ND_INT64), ND_ERR_DTYPE, "nd_random_beta: dtype int64");
    EXPECT_FAIL(nd_random_standard_t(&r, 1, 2, sh, ND_UINT8), ND_ERR_DTYPE, "nd_random_standard_t: dtype uint8");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 1, 0, 1, 2, sh, ND_INT8), ND_ERR_DTYPE, "nd_random_truncated_normal: dtype int8");

    /* parameters, each named with its value */
    EXPECT_FAIL(nd_random_bernoulli(&r, 1.5, 2, sh, ND_BOOL), ND_ERR_VALUE, "nd_random_bernoulli: p must be in [0, 1], got 1.5");
    EXPECT_FAIL(nd_random_bernoulli(&r, -0.1, 2, sh, ND_BOOL), ND_ERR_VALUE, "got -0.1");
    EXPECT_FAIL(nd_random_bernoulli(&r, NAN, 2, sh, ND_BOOL), ND_ERR_VALUE, "got nan");
    EXPECT_FAIL(nd_random_binomial(&r, -1, 0.5, 2, sh), ND_ERR_VALUE, "nd_random_binomial: n must be in [0, 2^53], got -1");
    EXPECT_FAIL(nd_random_binomial(&r, INT64_C(9007199254740993), 0.5, 2, sh), ND_ERR_VALUE, "got 9007199254740993");
    EXPECT_FAIL(nd_random_binomial(&r, 5, 2, 2, sh), ND_ERR_VALUE, "nd_random_binomial: p must be in [0, 1], got 2");
    EXPECT_FAIL(nd_random_binomial(&r, 5, NAN, 2, sh), ND_ERR_VALUE, "p must be in [0, 1], got nan");
    EXPECT_FAIL(nd_random_poisson(&r, -2, 2, sh), ND_ERR_VALUE, "nd_random_poisson: lam must be in [0, 2^52], got -2");
    EXPECT_FAIL(nd_random_poisson(&r, NAN, 2, sh), ND_ERR_VALUE, "got nan");
    EXPECT_FAIL(nd_random_poisson(&r, 1e16, 2, sh), ND_ERR_VALUE, "got 1e+16");
    EXPECT_FAIL(nd_random_exponential(&r, -1, 2, sh, ND_FLOAT64), ND_ERR_VALUE,
                "nd_random_exponential: scale must be non-negative and finite, got -1");
    EXPECT_FAIL(nd_random_exponential(&r, INFINITY, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "got inf");
    EXPECT_FAIL(nd_random_gamma(&r, -0.5, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "nd_random_gamma: k must be non-negative and finite, got -0.5");
    EXPECT_FAIL(nd_random_gamma(&r, 1, -3, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "nd_random_gamma: scale must be non-negative and finite, got -3");
    EXPECT_FAIL(nd_random_gamma(&r, NAN, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "k must be non-negative and finite, got nan");
    EXPECT_FAIL(nd_random_beta(&r, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "nd_random_beta: a must be positive and finite, got 0");
    EXPECT_FAIL(nd_random_beta(&r, 1, -2, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "nd_random_beta: b must be positive and finite, got -2");
    EXPECT_FAIL(nd_random_standard_t(&r, 0, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "nd_random_standard_t: df must be positive and finite, got 0");
    EXPECT_FAIL(nd_random_standard_t(&r, -1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "got -1");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 1, 2, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE,
                "nd_random_truncated_normal: low must be below high, got [2, 1]");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 1, 1, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "got [1, 1]");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 1, NAN, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "got [nan, 1]");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 0, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "stddev must be positive and finite, got 0");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, -1, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "got -1");
    EXPECT_FAIL(nd_random_truncated_normal(&r, NAN, 1, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "mean must be finite, got nan");
    EXPECT_FAIL(nd_random_truncated_normal(&r, 0, 1, 0.1, nextafter(0.1, 1), 2, sh, ND_FLOAT32), ND_ERR_VALUE,
                "no float32 value lies in [0.1, 0.1]");
    EXPECT_FAIL(nd_random_multinomial(&r, -4, p, 2, sh), ND_ERR_VALUE, "nd_random_multinomial: n must be in [0, 2^53], got -4");
    EXPECT_FAIL(nd_random_multinomial(&r, 4, p, ND_MAX_DIMS, sh), ND_ERR_VALUE, "nd_random_multinomial: ndim 32 is outside [0, 31]");
    EXPECT_FAIL(nd_random_permutation(&r, -1), ND_ERR_VALUE, "nd_random_permutation: n must be non-negative, got -1");

    /* probability vectors */
    nd_array *neg = nd_from_data((const double[]){0.5, -0.1, 0.6}, 1, &n3, ND_FLOAT64);
    nd_array *nan = nd_from_data((const double[]){0.5, NAN, 0.5}, 1, &n3, ND_FLOAT64);
    nd_array *inf = nd_from_data((const double[]){0.5, INFINITY, 0.5}, 1, &n3, ND_FLOAT64);
    nd_array *big = nd_from_data((const double[]){0.5, 0.3, 0.3}, 1, &n3, ND_FLOAT64);
    nd_array *near = nd_from_data((const double[]){0.5, 0.3, 0.20001}, 1, &n3, ND_FLOAT64);
    nd_array *zero = nd_from_data((const double[]){0, 1, 0}, 1, &n3, ND_FLOAT64);
    nd_array *bools = nd_ones(1, &n3, ND_BOOL);
    nd_array *two_d = nd_reshape(p, 2, (int64_t[]){1, 3});
    nd_array *empty = nd_zeros(1, (int64_t[]){0}, ND_FLOAT64);
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, neg), ND_ERR_VALUE,
                "nd_random_choice_n: p[1] = -0.1: probabilities must be non-negative and finite");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, nan), ND_ERR_VALUE, "p[1] = nan");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, inf), ND_ERR_VALUE, "p[1] = inf");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, big), ND_ERR_VALUE,
                "nd_random_choice_n: probabilities in p do not sum to 1 (sum 1.1");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, near), ND_ERR_VALUE, "do not sum to 1 (sum 1.00001");
    EXPECT_FAIL(nd_random_choice_n(&r, 4, 2, sh, true, p), ND_ERR_SHAPE, "nd_random_choice_n: p must be 1-D of length 4, got shape (3,)");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, two_d), ND_ERR_SHAPE, "got shape (1,3)");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 2, sh, true, bools), ND_ERR_DTYPE, "p must be a numeric array, got dtype bool");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 1, (int64_t[]){2}, false, zero), ND_ERR_VALUE,
                "fewer non-zero entries in p (1) than values to draw (2)");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, 1, (int64_t[]){4}, false, NULL), ND_ERR_VALUE,
                "cannot take a larger sample (4) than the population (3) when replace is false");
    EXPECT_FAIL(nd_random_choice_n(&r, 0, 1, (int64_t[]){1}, true, NULL), ND_ERR_VALUE, "cannot draw 1 values from 0 candidates");
    EXPECT_FAIL(nd_random_choice_n(&r, -2, 1, (int64_t[]){1}, true, NULL), ND_ERR_VALUE, "n must be non-negative, got -2");
    EXPECT_FAIL(nd_random_choice_n(&r, 3, -1, sh, true, NULL), ND_ERR_VALUE, "nd_random_choice_n: ndim -1");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, neg, 2, sh), ND_ERR_VALUE, "nd_random_multinomial: pvals[1] = -0.1");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, big, 2, sh), ND_ERR_VALUE, "probabilities in pvals do not sum to 1");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, two_d, 2, sh), ND_ERR_SHAPE, "nd_random_multinomial: pvals must be 1-D, got shape (1,3)");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, empty, 2, sh), ND_ERR_SHAPE, "pvals must not be empty");
    EXPECT_FAIL(nd_random_multinomial(&r, 3, bools, 2, sh), ND_ERR_DTYPE, "pvals must be a numeric array");

    /* arrays and axes */
    nd_array *s0 = nd_scalar(1.0, ND_FLOAT64);
    EXPECT_FAIL(nd_random_choice(&r, s0, 2, sh, true, NULL), ND_ERR_VALUE, "nd_random_choice: a must be at least 1-D, got a 0-d array");
    EXPECT_FAIL(nd_random_choice(&r, p, 2, sh, true, two_d), ND_ERR_SHAPE, "nd_random_choice: p must be 1-D of length 3");
    EXPECT_FAIL(nd_random_choice(&r, two_d, ND_MAX_DIMS, sh, true, NULL), ND_ERR_VALUE,
                "nd_random_choice: the result would have 33 dimensions, more than 32");
    EXPECT_FAIL(nd_random_permutation_array(&r, s0, 0), ND_ERR_INDEX,
                "nd_random_permutation_array: axis 0 is out of bounds for array of dimension 0");
    EXPECT_FAIL(nd_random_permutation_array(&r, p, 1), ND_ERR_INDEX, "axis 1 is out of bounds for array of dimension 1");
    nd_array *pc = nd_copy(p);
    EXPECT_FAIL_ST(nd_random_shuffle(&r, pc, -2), ND_ERR_INDEX, "nd_random_shuffle: axis -2 is out of bounds");
    nd_array *bc = nd_broadcast_to(p, 2, (int64_t[]){4, 3});
    EXPECT_FAIL_ST(nd_random_shuffle(&r, bc, 1), ND_ERR_READONLY, "nd_random_shuffle:");
    expect_equal(pc, p);
    nd_free(pc);
    nd_free(bc);
    nd_free(s0);
    nd_free(neg);
    nd_free(nan);
    nd_free(inf);
    nd_free(big);
    nd_free(near);
    nd_free(zero);
    nd_free(bools);
    nd_free(two_d);
    nd_free(empty);
    nd_free(p);
    assert_int_equal(r.counter, 5);
    assert_int_equal(nd_last_status(), ND_OK);
}

/* ------------------------------------------------------------ failed allocations */

static long g_fail_at, g_count;
static void *sweep_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (g_count++ == g_fail_at) return NULL;
    void *p = NULL;
    if (align < sizeof(void *)) align = sizeof(void *);
    return posix_memalign(&p, align, size ? size : 1) == 0 ? p : NULL;
}
static void sweep_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

static const char *const FAULT_NAMES[] = {
    "nd_random_bernoulli", "nd_random_binomial", "nd_random_poisson", "nd_random_exponential", "nd_random_gamma",
    "nd_random_beta", "nd_random_standard_t", "nd_random_truncated_normal", "nd_random_multinomial",
    "nd_random_permutation", "nd_random_permutation_array", "nd_random_shuffle", "nd_random_choice_n",
    "nd_random_choice_n", "nd_random_choice_n", "nd_random_choice_n", "nd_random_choice",
};
#define NFAULT (int)(sizeof FAULT_NAMES / sizeof FAULT_NAMES[0])

static nd_status fault_call(int f, nd_rng *r, const nd_array *pv, nd_array *m) {
    int64_t sh[2] = {3, 4};
    nd_array *res = NULL;
    switch (f) {
    case 0: res = nd_random_bernoulli(r, 0.5, 2, sh, ND_BOOL); break;
    case 1: res = nd_random_binomial(r, 100, 0.5, 2, sh); break;
    case 2: res = nd_random_poisson(r, 30, 2, sh); break;
    case 3: res = nd_random_exponential(r, 1, 2, sh, ND_FLOAT32); break;
    case 4: res = nd_random_gamma(r, 2, 1, 2, sh, ND_FLOAT64); break;
    case 5: res = nd_random_beta(r, 2, 1, 2, sh, ND_FLOAT64); break;
    case 6: res = nd_random_standard_t(r, 2, 2, sh, ND_FLOAT64); break;
    case 7: res = nd_random_truncated_normal(r, 0, 1, 1, 2, 2, sh, ND_FLOAT64); break;
    case 8: res = nd_random_multinomial(r, 10, pv, 2, sh); break;
    case 9: res = nd_random_permutation(r, 10); break;
    case 10: res = nd_random_permutation_array(r, m, 1); break;
    case 11: return nd_random_shuffle(r, m, 0);
    case 12: res = nd_random_choice_n(r, 3, 2, sh, true, pv); break;
    case 13: res = nd_random_choice_n(r, 3, 1, sh, false, pv); break;
    case 14: res = nd_random_choice_n(r, 1000, 2, sh, false, NULL); break;
    case 15: res = nd_random_choice_n(r, 20, 2, sh, false, NULL); break;
    default: res = nd_random_choice(r, m, 2, sh, true, pv); break;
    }
    if (!res) return nd_last_status();
    nd_free(res);
    return ND_OK;
}

/* Every allocation failing in turn: ND_ERR_NOMEM named after the function,
 * the generator and the shuffled array untouched. */
static void test_out_of_memory(void **state) {
    (void)state;
    int64_t n3 = 3;
    nd_array *pv = nd_from_data((const double[]){0.25, 0.25, 0.5}, 1, &n3, ND_FLOAT64);
    nd_array *base = nd_arange(0, 6, 1, ND_FLOAT64);
    nd_array *m = nd_reshape(base, 2, (int64_t[]){3, 2});
    for (int f = 0; f < NFAULT; f++) {
        for (g_fail_at = 0;; g_fail_at++) {
            nd_rng r;
            nd_rng_seed(&r, 6);
            nd_array *keep = nd_copy(m);
            const nd_allocator al = {sweep_alloc, sweep_free, NULL};
            g_count = 0;
            nd_clear_error();
            ND_ASSERT_OK(nd_set_allocator(&al));
            nd_status st = fault_call(f, &r, pv, m);
            ND_ASSERT_OK(nd_set_allocator(NULL));
            if (st == ND_OK) {
                assert_true(r.counter > 0);
                if (f == 11) { /* undo the shuffle for the next functions */
                    ND_ASSERT_OK(nd_copyto(m, keep));
                }
                nd_free(keep);
                break;
            }
            if (st != ND_ERR_NOMEM) fail_msg("%s, allocation %ld failing: %s", FAULT_NAMES[f], g_fail_at, nd_errmsg());
            if (strncmp(nd_errmsg(), FAULT_NAMES[f], strlen(FAULT_NAMES[f])) != 0 ||
                nd_errmsg()[strlen(FAULT_NAMES[f])] != ':')
                fail_msg("%s: message '%s'", FAULT_NAMES[f], nd_errmsg());
            assert_int_equal(r.counter, 0);
            expect_equal(m, keep);
            nd_free(keep);
            if (g_fail_at > 1000) fail_msg("%s never succeeds", FAULT_NAMES[f]);
        }
    }
    nd_free(m);
    nd_free(base);
    nd_free(pv);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_laws, clear),
        cmocka_unit_test_setup(test_float32, clear),
        cmocka_unit_test_setup(test_bernoulli, clear),
        cmocka_unit_test_setup(test_degenerate, clear),
        cmocka_unit_test_setup(test_multinomial, clear),
        cmocka_unit_test_setup(test_permutation, clear),
        cmocka_unit_test_setup(test_shuffle, clear),
        cmocka_unit_test_setup(test_choice, clear),
        cmocka_unit_test_setup(test_threads, clear),
        cmocka_unit_test_setup(test_split_calls, clear),
        cmocka_unit_test_setup(test_sizes, clear),
        cmocka_unit_test_setup(test_bad_inputs, clear),
        cmocka_unit_test_setup(test_out_of_memory, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests of the counter-based generator (src/ops/random.c): the stream's
 * definition, reproducibility across seeds, calls and thread counts, value
 * ranges, statistical moments over 10^6 samples, integer bounds up to the
 * full int64 range, and every bad input. */
#include "nd_test.h"

#include <stdlib.h>

#define MILLION 1000000

/* The stream as documented: SplitMix64 keyed by mix(seed). */
static uint64_t ref_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint64_t ref_draw(uint64_t key, uint64_t c) { return ref_mix(key + (c + 1) * 0x9e3779b97f4a7c15ULL); }

static nd_array *uniform(nd_rng *r, nd_dtype dt, int64_t n) { return nd_random_uniform(r, -3, 5, 1, &n, dt); }
static nd_array *normal(nd_rng *r, nd_dtype dt, int64_t n) { return nd_random_normal(r, 1, 2, 1, &n, dt); }
static nd_array *integers(nd_rng *r, nd_dtype dt, int64_t n) { return nd_random_integers(r, 3, 1000, 1, &n, dt); }
typedef nd_array *(*draw_fn)(nd_rng *r, nd_dtype dt, int64_t n);

static const struct {
    draw_fn f;
    nd_dtype dt;
} GENS[] = {
    {uniform, ND_FLOAT64}, {uniform, ND_FLOAT32}, {normal, ND_FLOAT64},  {normal, ND_FLOAT32},
    {integers, ND_INT64},  {integers, ND_INT16},  {integers, ND_UINT16}, {integers, ND_UINT64},
};
#define NGENS (int)(sizeof GENS / sizeof GENS[0])

static void assert_same_bytes(const nd_array *a, const nd_array *b) {
    if (!a || !b) fail_msg("no array: %s", nd_errmsg());
    assert_int_equal(nd_nbytes(a), nd_nbytes(b));
    assert_memory_equal(nd_data(a), nd_data(b), nd_nbytes(a));
}

static void assert_rng(const nd_rng *r, uint64_t key, uint64_t counter) {
    assert_int_equal(r->key, key);
    assert_int_equal(r->counter, counter);
}

/* ------------------------------------------------------------ the stream */

static void test_stream_definition(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 12345);
    assert_rng(&r, ref_mix(12345), 0);
    int64_t n = 1000;
    nd_array *u = nd_random_uniform(&r, 0, 1, 1, &n, ND_FLOAT64);
    assert_rng(&r, ref_mix(12345), 1000);
    const double *p = nd_data(u);
    for (int64_t i = 0; i < n; i++)
        assert_true(p[i] == (double)(ref_draw(r.key, (uint64_t)i) >> 11) * 0x1.0p-53);
    nd_free(u);
    /* integers over a power-of-two range never reject: the high bits */
    nd_array *k = nd_random_integers(&r, -8, 8, 1, &n, ND_INT64);
    const int64_t *q = nd_data(k);
    for (int64_t i = 0; i < n; i++) assert_int_equal(q[i], -8 + (int64_t)(ref_draw(r.key, 1000 + (uint64_t)i) >> 60));
    nd_free(k);
    assert_rng(&r, ref_mix(12345), 2000);
    /* reseeding restarts the stream */
    nd_rng_seed(&r, 12345);
    assert_rng(&r, ref_mix(12345), 0);
    /* a counter set by hand resumes anywhere */
    nd_rng a, b;
    nd_rng_seed(&a, 7);
    nd_array *all = nd_random_normal(&a, 0, 1, 1, &n, ND_FLOAT64);
    nd_rng_seed(&b, 7);
    b.counter = 501;
    int64_t rest = 499;
    nd_array *tail = nd_random_normal(&b, 0, 1, 1, &rest, ND_FLOAT64);
    assert_memory_equal((double *)nd_data(all) + 501, nd_data(tail), 499 * sizeof(double));
    nd_free(all);
    nd_free(tail);
}

static void test_reproducible(void **state) {
    (void)state;
    for (int g = 0; g < NGENS; g++) {
        nd_rng r1, r2, r3;
        nd_rng_seed(&r1, 42);
        nd_rng_seed(&r2, 42);
        nd_rng_seed(&r3, 43);
        nd_array *a = GENS[g].f(&r1, GENS[g].dt, 4097);
        nd_array *b = GENS[g].f(&r2, GENS[g].dt, 4097);
        nd_array *c = GENS[g].f(&r3, GENS[g].dt, 4097);
        ND_ASSERT_ARRAY(a);
        assert_int_equal(nd_dtype_of(a), GENS[g].dt);
        assert_true(nd_is_c_contiguous(a));
        assert_same_bytes(a, b);
        assert_true(memcmp(nd_data(a), nd_data(c), nd_nbytes(a)) != 0);
        /* the next call continues the stream, it does not repeat it */
        nd_array *d = GENS[g].f(&r1, GENS[g].dt, 4097);
        assert_true(memcmp(nd_data(a), nd_data(d), nd_nbytes(a)) != 0);
        nd_free(a);
        nd_free(b);
        nd_free(c);
        nd_free(d);
    }
}

/* Two calls of n values equal one call of 2n, for any n; the counter
 * advances by the values drawn. */
static void test_split_calls(void **state) {
    (void)state;
    const int64_t sizes[] = {1, 7, 256, 257, 100003};
    for (int g = 0; g < NGENS; g++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            int64_t n = sizes[s];
            nd_rng one, two;
            nd_rng_seed(&one, 99);
            nd_rng_seed(&two, 99);
            nd_array *whole = GENS[g].f(&one, GENS[g].dt, 2 * n);
            nd_array *first = GENS[g].f(&two, GENS[g].dt, n);
            assert_int_equal(two.counter, (uint64_t)n);
            nd_array *second = GENS[g].f(&two, GENS[g].dt, n);
            if (!whole || !first || !second) fail_msg("no array: %s", nd_errmsg());
            assert_int_equal(one.counter, (uint64_t)(2 * n));
            assert_int_equal(two.counter, (uint64_t)(2 * n));
            size_t half = nd_nbytes(first);
            assert_memory_equal(nd_data(whole), nd_data(first), half);
            assert_memory_equal((char *)nd_data(whole) + half, nd_data(second), half);
            nd_free(whole);
            nd_free(first);
            nd_free(second);
        }
    }
    /* three uneven calls, and shapes do not matter, only the count */
    nd_rng a, b;
    nd_rng_seed(&a, 5);
    nd_rng_seed(&b, 5);
    nd_array *whole = normal(&a, ND_FLOAT64, 24);
    int64_t s23[2] = {2, 3}, s0[2] = {0, 4};
    nd_array *p1 = nd_random_normal(&b, 1, 2, 2, s23, ND_FLOAT64);
    nd_array *p0 = nd_random_normal(&b, 1, 2, 2, s0, ND_FLOAT64);
    assert_int_equal(b.counter, 6);
    nd_array *p2 = nd_random_normal(&b, 1, 2, 0, NULL, ND_FLOAT64);
    nd_array *p3 = normal(&b, ND_FLOAT64, 17);
    const double *w = nd_data(whole);
    assert_memory_equal(w, nd_data(p1), 6 * sizeof(double));
    assert_memory_equal(w + 6, nd_data(p2), sizeof(double));
    assert_memory_equal(w + 7, nd_data(p3), 17 * sizeof(double));
    nd_free(whole);
    nd_free(p0);
    nd_free(p1);
    nd_free(p2);
    nd_free(p3);
}

static void test_threads(void **state) {
    (void)state;
    for (int g = 0; g < NGENS; g++) {
        nd_rng r1, r2;
        nd_rng_seed(&r1, 2024);
        nd_rng_seed(&r2, 2024);
        r1.counter = r2.counter = 12345; /* any start */
        ND_ASSERT_OK(nd_set_num_threads(1));
        nd_array *a = GENS[g].f(&r1, GENS[g].dt, MILLION + 1);
        ND_ASSERT_OK(nd_set_num_threads(2));
        nd_array *b = GENS[g].f(&r2, GENS[g].dt, MILLION + 1);
        ND_ASSERT_OK(nd_set_num_threads(7));
        nd_array *c = GENS[g].f(&r2, GENS[g].dt, MILLION + 1);
        ND_ASSERT_OK(nd_set_num_threads(1));
        nd_array *d = GENS[g].f(&r1, GENS[g].dt, MILLION + 1);
        ND_ASSERT_OK(nd_set_num_threads(0));
        assert_same_bytes(a, b);
        assert_same_bytes(c, d);
        nd_free(a);
        nd_free(b);
        nd_free(c);
        nd_free(d);
    }
}

/* ------------------------------------------------------------ ranges and moments */

static void moments(const nd_array *a, double *mean, double *var) {
    nd_array *f = nd_astype(a, ND_FLOAT64);
    const double *p = nd_data(f);
    int64_t n = nd_size(f);
    double s = 0, s2 = 0;
    for (int64_t i = 0; i < n; i++) s += p[i];
    *mean = s / (double)n;
    for (int64_t i = 0; i < n; i++) s2 += (p[i] - *mean) * (p[i] - *mean);
    *var = s2 / (double)n;
    nd_free(f);
}

static void test_uniform(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 1);
    int64_t n = MILLION;
    const nd_dtype fdt[2] = {ND_FLOAT64, ND_FLOAT32};
    for (int d = 0; d < 2; d++) {
        nd_array *a = nd_random_uniform(&r, -3, 5, 1, &n, fdt[d]);
        nd_array *f = nd_astype(a, ND_FLOAT64);
        const double *p = nd_data(f);
        double lo = 1e300, hi = -1e300;
        for (int64_t i = 0; i < n; i++) {
            lo = p[i] < lo ? p[i] : lo;
            hi = p[i] > hi ? p[i] : hi;
        }
        assert_true(lo >= -3 && lo < -2.999);
        assert_true(hi < 5 && hi > 4.999);
        double mean, var;
        moments(a, &mean, &var);
        /* 5 sigma: sd(mean) = 8/sqrt(12 n); sd(var) ~ 64*sqrt(1/80 - 1/144)/sqrt(n) */
        assert_true(fabs(mean - 1.0) < 5 * 8 / sqrt(12.0 * n));
        assert_true(fabs(var - 64.0 / 12) < 5 * 64 * 0.0745 / sqrt((double)n));
        nd_free(f);
        nd_free(a);
    }
    /* bounds one ulp apart: high must never be produced, even where the
     * sum rounds up to it; only low remains */
    double lo64 = 1.0, hi64 = nextafter(1.0, 2.0);
    nd_array *a = nd_random_uniform(&r, lo64, hi64, 1, &n, ND_FLOAT64);
    for (int64_t i = 0; i < n; i++) assert_true(((double *)nd_data(a))[i] == 1.0);
    nd_free(a);
    a = nd_random_uniform(&r, 1.0, (double)nextafterf(1.0f, 2.0f), 1, &n, ND_FLOAT32);
    for (int64_t i = 0; i < n; i++) assert_true(((float *)nd_data(a))[i] == 1.0f);
    nd_free(a);
    /* [1, 2) in float32: 2^23 values below 2; rounding up would give 2.0 */
    a = nd_random_uniform(&r, 1, 2, 1, &n, ND_FLOAT32);
    for (int64_t i = 0; i < n; i++) {
        float v = ((float *)nd_data(a))[i];
        assert_true(v >= 1.0f && v < 2.0f);
    }
    nd_free(a);
    /* float32 bounds are the rounded ones: [0.1f, 0.2f) */
    a = nd_random_uniform(&r, 0.1, 0.2, 1, &n, ND_FLOAT32);
    for (int64_t i = 0; i < n; i++) {
        float v = ((float *)nd_data(a))[i];
        assert_true(v >= 0.1f && v < 0.2f);
    }
    nd_free(a);
    /* extreme but finite ranges */
    a = nd_random_uniform(&r, -1e307, 1e307, 1, &n, ND_FLOAT64);
    for (int64_t i = 0; i < n; i++) assert_true(fabs(((double *)nd_data(a))[i]) <= 1e307);
    nd_free(a);
    a = nd_random_uniform(&r, 0, 5e-324, 1, &n, ND_FLOAT64); /* one denormal wide */
    for (int64_t i = 0; i < n; i++) assert_true(((double *)nd_data(a))[i] == 0);
    nd_free(a);
}

static void test_normal(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 3);
    int64_t n = MILLION;
    nd_array *a = nd_random_normal(&r, 2, 3, 1, &n, ND_FLOAT64);
    double mean, var;
    moments(a, &mean, &var);
    assert_true(fabs(mean - 2) < 5 * 3 / sqrt((double)n));
    assert_true(fabs(var - 9) < 5 * 9 * sqrt(2.0 / (double)n));
    /* shape: the share within one and two standard deviations */
    const double *p = nd_data(a);
    int64_t in1 = 0, in2 = 0, above = 0;
    for (int64_t i = 0; i < n; i++) {
        double z = (p[i] - 2) / 3;
        assert_true(isfinite(z));
        in1 += fabs(z) < 1;
        in2 += fabs(z) < 2;
        above += z > 0;
    }
    assert_true(fabs((double)in1 / n - 0.682689) < 0.0025);
    assert_true(fabs((double)in2 / n - 0.954500) < 0.0015);
    assert_true(fabs((double)above / n - 0.5) < 0.0025);
    nd_free(a);
    /* the CDF at many points, within 5 sigma of its binomial spread; the
     * points beyond 3.65 exercise the ziggurat's tail, the others its
     * layers and wedges */
    a = nd_random_normal(&r, 0, 1, 1, &n, ND_FLOAT64);
    p = nd_data(a);
    const double zs[] = {-4.5, -3.8, -3, -2.2, -1.5, -1, -0.6, -0.3, -0.05, 0, 0.05, 0.3, 0.6, 1, 1.5, 2.2, 3, 3.8, 4.5};
    for (size_t k = 0; k < sizeof zs / sizeof zs[0]; k++) {
        int64_t below = 0;
        for (int64_t i = 0; i < n; i++) below += p[i] < zs[k];
        double want = 0.5 * erfc(-zs[k] / sqrt(2.0)), got = (double)below / n;
        double tol = 5 * sqrt(want * (1 - want) / n) + 2.0 / n;
        if (!(fabs(got - want) <= tol)) fail_msg("P(z < %g) = %g, want %g +- %g", zs[k], got, want, tol);
    }
    double zmax = 0;
    for (int64_t i = 0; i < n; i++) zmax = fabs(p[i]) > zmax ? fabs(p[i]) : zmax;
    assert_true(zmax > 4 && zmax < 7);
    nd_free(a);
    /* float32 is the float64 stream rounded */
    nd_rng r1, r2;
    nd_rng_seed(&r1, 8);
    nd_rng_seed(&r2, 8);
    int64_t m = 1001;
    nd_array *d = nd_random_normal(&r1, -1, 0.5, 1, &m, ND_FLOAT64);
    nd_array *f = nd_random_normal(&r2, -1, 0.5, 1, &m, ND_FLOAT32);
    for (int64_t i = 0; i < m; i++) assert_true(((float *)nd_data(f))[i] == (float)((double *)nd_data(d))[i]);
    nd_free(d);
    nd_free(f);
    /* stddev 0 gives the mean, as NumPy */
    nd_array *z = nd_random_normal(&r1, 4, 0, 1, &m, ND_FLOAT64);
    for (int64_t i = 0; i < m; i++) assert_true(((double *)nd_data(z))[i] == 4);
    nd_free(z);
}

static void test_integers(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 11);
    int64_t n = MILLION;
    /* [0, 10): every value, frequencies within 5 sigma */
    nd_array *a = nd_random_integers(&r, 0, 10, 1, &n, ND_UINT8);
    int64_t count[10] = {0};
    for (int64_t i = 0; i < n; i++) {
        uint8_t v = ((uint8_t *)nd_data(a))[i];
        assert_true(v < 10);
        count[v]++;
    }
    for (int v = 0; v < 10; v++) assert_true(fabs((double)count[v] / n - 0.1) < 5 * sqrt(0.09 / n));
    nd_free(a);
    /* the extremes of each dtype's range are reached */
    struct { nd_dtype dt; int64_t lo, hi; } full[] = {
        {ND_INT8, -128, 128},         {ND_UINT8, 0, 256},      {ND_INT16, -32768, 32768},
        {ND_UINT16, 0, 65536},        {ND_INT32, -5, 3},        {ND_UINT32, 4294967290, 4294967296},
    };
    for (size_t k = 0; k < sizeof full / sizeof full[0]; k++) {
        a = nd_random_integers(&r, full[k].lo, full[k].hi, 1, &n, full[k].dt);
        ND_ASSERT_ARRAY(a);
        nd_array *w = nd_astype(a, ND_INT64);
        const int64_t *p = nd_data(w);
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        for (int64_t i = 0; i < n; i++) {
            lo = p[i] < lo ? p[i] : lo;
            hi = p[i] > hi ? p[i] : hi;
        }
        assert_int_equal(lo, full[k].lo);
        assert_int_equal(hi, full[k].hi - 1);
        nd_free(w);
        nd_free(a);
    }
    /* a range of one value */
    a = nd_random_integers(&r, INT64_MAX - 1, INT64_MAX, 1, &n, ND_INT64);
    for (int64_t i = 0; i < n; i++) assert_int_equal(((int64_t *)nd_data(a))[i], INT64_MAX - 1);
    nd_free(a);
    /* the full int64 range: a span of 2^64 - 1 values */
    a = nd_random_integers(&r, INT64_MIN, INT64_MAX, 1, &n, ND_INT64);
    int64_t neg = 0, top = 0, bottom = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t v = ((int64_t *)nd_data(a))[i];
        assert_true(v < INT64_MAX);
        neg += v < 0;
        top += v > INT64_MAX / 2;
        bottom += v < INT64_MIN / 2;
    }
    assert_true(fabs((double)neg / n - 0.5) < 0.0025);
    assert_true(fabs((double)top / n - 0.25) < 0.0025);
    assert_true(fabs((double)bottom / n - 0.25) < 0.0025);
    nd_free(a);
    /* the whole of uint64 that int64 bounds can name: [0, 2^63 - 1) */
    a = nd_random_integers(&r, 0, INT64_MAX, 1, &n, ND_UINT64);
    int64_t upper = 0;
    for (int64_t i = 0; i < n; i++) {
        uint64_t v = ((uint64_t *)nd_data(a))[i];
        assert_true(v < (uint64_t)INT64_MAX);
        upper += v >= (1ULL << 62);
    }
    assert_true(fabs((double)upper / n - 0.5) < 0.0025);
    nd_free(a);
    /* no modulo bias: over [MIN, 2^62), a span of 3 * 2^62, the first
     * third gets a third of the draws (x mod span would give it half) */
    a = nd_random_integers(&r, INT64_MIN, INT64_C(1) << 62, 1, &n, ND_INT64);
    int64_t low_third = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t v = ((int64_t *)nd_data(a))[i];
        assert_true(v < (INT64_C(1) << 62));
        low_third += v < INT64_MIN + (INT64_C(1) << 62);
    }
    assert_true(fabs((double)low_third / n - 1.0 / 3) < 5 * sqrt(2.0 / 9 / n));
    nd_free(a);
    /* a span just above 2^63 rejects about half the first draws */
    nd_rng r1, r2;
    nd_rng_seed(&r1, 77);
    nd_rng_seed(&r2, 77);
    int64_t m = 100001;
    nd_array *x = nd_random_integers(&r1, -1, INT64_MAX, 1, &m, ND_INT64);
    nd_array *y1 = nd_random_integers(&r2, -1, INT64_MAX, 1, (int64_t[]){50000}, ND_INT64);
    nd_array *y2 = nd_random_integers(&r2, -1, INT64_MAX, 1, (int64_t[]){50001}, ND_INT64);
    assert_memory_equal(nd_data(x), nd_data(y1), 50000 * sizeof(int64_t));
    assert_memory_equal((int64_t *)nd_data(x) + 50000, nd_data(y2), 50001 * sizeof(int64_t));
    double mean, var;
    moments(x, &mean, &var);
    assert_true(fabs(mean / 9223372036854775807.0 - 0.5) < 0.01);
    nd_free(x);
    nd_free(y1);
    nd_free(y2);
}

/* ------------------------------------------------------------ bad inputs */

/* Every failure leaves the generator as it was and returns NULL. */
#define EXPECT_FAIL(call, st, needle)                                              \
    do {                                                                           \
        nd_rng before_ = r;                                                        \
        assert_null(call);                                                         \
        ND_ASSERT_ERROR(st, needle);                                               \
        assert_int_equal(r.key, before_.key);                                      \
        assert_int_equal(r.counter, before_.counter);                              \
    } while (0)

static void test_bad_inputs(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 1);
    r.counter = 17;
    int64_t sh[2] = {3, 4}, keep[2] = {3, 4};

    /* NULL generator; a pending error is kept */
    EXPECT_FAIL(nd_random_uniform(NULL, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_uniform: argument 'rng' is NULL");
    EXPECT_FAIL(nd_random_normal(NULL, 0, 1, 2, sh, ND_FLOAT64), ND_ERR_NULL, "nd_random_normal: argument 'rng' is NULL");
    EXPECT_FAIL(nd_random_integers(NULL, 0, 1, 2, sh, ND_INT64), ND_ERR_NULL, "nd_random_integers: argument 'rng' is NULL");
    nd_rng_seed(NULL, 5);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_rng_seed: argument 'rng' is NULL");
    assert_null(nd_random_uniform(&r, 0, 1, -1, sh, ND_FLOAT64));
    nd_rng_seed(NULL, 5);
    assert_null(nd_random_integers(NULL, 0, 1, 2, sh, ND_INT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_random_uniform: ndim -1");

    /* dtypes */
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1, 2, sh, ND_NUM_DTYPES), ND_ERR_DTYPE, "nd_random_uniform: invalid dtype 11");
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1, 2, sh, ND_INT32), ND_ERR_DTYPE,
                "nd_random_uniform: dtype int32 is not supported (float dtypes only)");
    EXPECT_FAIL(nd_random_normal(&r, 0, 1, 2, sh, ND_BOOL), ND_ERR_DTYPE,
                "nd_random_normal: dtype bool is not supported (float dtypes only)");
    EXPECT_FAIL(nd_random_normal(&r, 0, 1, 2, sh, (nd_dtype)-3), ND_ERR_DTYPE, "invalid dtype -3");
    EXPECT_FAIL(nd_random_integers(&r, 0, 2, 2, sh, ND_FLOAT64), ND_ERR_DTYPE,
                "nd_random_integers: dtype float64 is not supported (integer dtypes only)");
    EXPECT_FAIL(nd_random_integers(&r, 0, 2, 2, sh, ND_BOOL), ND_ERR_DTYPE, "dtype bool is not supported");

    /* uniform bounds */
    EXPECT_FAIL(nd_random_uniform(&r, 1, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE,
                "nd_random_uniform: low must be below high, got [1, 1)");
    EXPECT_FAIL(nd_random_uniform(&r, 2, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "low must be below high, got [2, 1)");
    EXPECT_FAIL(nd_random_uniform(&r, NAN, 1, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "bounds [nan, 1) must be finite");
    EXPECT_FAIL(nd_random_uniform(&r, 0, INFINITY, 2, sh, ND_FLOAT64), ND_ERR_VALUE, "must be finite in float64");
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1e300, 2, sh, ND_FLOAT32), ND_ERR_VALUE, "must be finite in float32");
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1e-50, 2, sh, ND_FLOAT32), ND_ERR_VALUE,
                "low must be below high, got [0, 1e-50) (in float32)");
    EXPECT_FAIL(nd_random_uniform(&r, -1e308, 1e308, 2, sh, ND_FLOAT64), ND_ERR_VALUE,
                "range high - low of [-1e+308, 1e+308) exceeds the largest double");

    /* normal */
    EXPECT_FAIL(nd_random_normal(&r, 0, -1, 2, sh, ND_FLOAT64), ND_ERR_VALUE,
                "nd_random_normal: stddev must be non-negative, got -1");
    EXPECT_FAIL(nd_random_normal(&r, 0, NAN, 2, sh, ND_FLOAT32), ND_ERR_VALUE, "stddev must be non-negative, got nan");

    /* integer bounds */
    EXPECT_FAIL(nd_random_integers(&r, 5, 5, 2, sh, ND_INT64), ND_ERR_VALUE, "nd_random_integers: low >= high (5 >= 5)");
    EXPECT_FAIL(nd_random_integers(&r, INT64_MAX, INT64_MIN, 2, sh, ND_INT64), ND_ERR_VALUE, "low >= high");
    EXPECT_FAIL(nd_random_integers(&r, -129, 0, 2, sh, ND_INT8), ND_ERR_VALUE,
                "nd_random_integers: low -129 is out of bounds for int8");
    EXPECT_FAIL(nd_random_integers(&r, 0, 129, 2, sh, ND_INT8), ND_ERR_VALUE, "high 129 is out of bounds for int8");
    EXPECT_FAIL(nd_random_integers(&r, -1, 5, 2, sh, ND_UINT8), ND_ERR_VALUE, "low -1 is out of bounds for uint8");
    EXPECT_FAIL(nd_random_integers(&r, 0, 257, 2, sh, ND_UINT8), ND_ERR_VALUE, "high 257 is out of bounds for uint8");
    EXPECT_FAIL(nd_random_integers(&r, -1, 5, 2, sh, ND_UINT64), ND_ERR_VALUE, "low -1 is out of bounds for uint64");
    EXPECT_FAIL(nd_random_integers(&r, 0, INT64_C(1) << 32, 2, sh, ND_INT32), ND_ERR_VALUE,
                "high 4294967296 is out of bounds for int32");
    EXPECT_FAIL(nd_random_integers(&r, 256, 300, 2, sh, ND_UINT8), ND_ERR_VALUE, "low 256 is out of bounds for uint8");

    /* shapes */
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1, ND_MAX_DIMS + 1, sh, ND_FLOAT64), ND_ERR_VALUE,
                "nd_random_uniform: ndim 33 is outside [0, 32]");
    EXPECT_FAIL(nd_random_normal(&r, 0, 1, 2, NULL, ND_FLOAT64), ND_ERR_NULL, "nd_random_normal: argument 'shape' is NULL");
    sh[0] = -1;
    keep[0] = -1;
    EXPECT_FAIL(nd_random_integers(&r, 0, 9, 2, sh, ND_INT16), ND_ERR_VALUE,
                "nd_random_integers: negative dimension in shape (-1,4)");
    assert_memory_equal(sh, keep, sizeof sh);
    int64_t big[2] = {INT64_C(1) << 62, 4};
    EXPECT_FAIL(nd_random_uniform(&r, 0, 1, 2, big, ND_FLOAT64), ND_ERR_OVERFLOW,
                "nd_random_uniform: array of shape (4611686018427387904,4) and dtype float64 is too large");
    assert_rng(&r, ref_mix(1), 17);
    assert_int_equal(nd_last_status(), ND_OK);
}

/* A failing allocation also leaves the generator alone. */
static void *failing_alloc(size_t size, size_t align, void *ctx) {
    (void)size;
    (void)align;
    (void)ctx;
    return NULL;
}
static void unused_free(void *p, void *ctx) {
    (void)p;
    (void)ctx;
}

static void test_out_of_memory(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 4);
    nd_allocator al = {failing_alloc, unused_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    int64_t n = 10;
    assert_null(nd_random_normal(&r, 0, 1, 1, &n, ND_FLOAT64));
    ND_ASSERT_OK(nd_set_allocator(NULL));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_random_normal: out of memory");
    assert_rng(&r, ref_mix(4), 0);
}

/* Zero-size and 0-d results. */
static void test_sizes(void **state) {
    (void)state;
    nd_rng r;
    nd_rng_seed(&r, 6);
    int64_t sh[3] = {4, 0, 2};
    nd_array *e = nd_random_uniform(&r, 0, 1, 3, sh, ND_FLOAT32);
    ND_ASSERT_ARRAY(e);
    nd_test_shape(e, 3, sh);
    assert_int_equal(r.counter, 0);
    nd_free(e);
    nd_array *s = nd_random_integers(&r, 3, 4, 0, NULL, ND_UINT32);
    ND_ASSERT_ARRAY(s);
    assert_int_equal(nd_ndim(s), 0);
    assert_int_equal(*(uint32_t *)nd_data(s), 3);
    assert_int_equal(r.counter, 1);
    nd_free(s);
    int64_t sh2[2] = {3, 5};
    nd_array *m = nd_random_normal(&r, 0, 1, 2, sh2, ND_FLOAT64);
    nd_test_shape(m, 2, sh2);
    assert_true(nd_is_c_contiguous(m));
    assert_int_equal((uintptr_t)nd_data(m) % 64, 0);
    assert_int_equal(r.counter, 16);
    nd_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_stream_definition, clear),
        cmocka_unit_test_setup(test_reproducible, clear),
        cmocka_unit_test_setup(test_split_calls, clear),
        cmocka_unit_test_setup(test_threads, clear),
        cmocka_unit_test_setup(test_uniform, clear),
        cmocka_unit_test_setup(test_normal, clear),
        cmocka_unit_test_setup(test_integers, clear),
        cmocka_unit_test_setup(test_bad_inputs, clear),
        cmocka_unit_test_setup(test_out_of_memory, clear),
        cmocka_unit_test_setup(test_sizes, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

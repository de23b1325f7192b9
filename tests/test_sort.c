/* Tests for sorting (src/ops/sort.c, src/ops/sort_kernels.c): nd_sort,
 * nd_sort_inplace, nd_argsort, nd_partition, nd_argpartition and nd_topk.
 * Small expected values come from NumPy 1.24 (the expression is in the
 * comment, kind='stable' where ties matter); everything else is checked
 * lane by lane against a reference built here with qsort: a stable order
 * by value (NaN last, -0.0 equal to 0.0) then index, compared bit for bit. */
#include "nd_test.h"

#include <stdlib.h>

#define VALS(...) ((const double[]){__VA_ARGS__})
#define NONE ND_AXIS_NONE

static const nd_dtype ALL_DTYPES[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,
                                      ND_INT64,  ND_UINT8,  ND_UINT16, ND_UINT32,
                                      ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DTYPES ((int)(sizeof ALL_DTYPES / sizeof ALL_DTYPES[0]))

/* ------------------------------------------------------------ helpers */

static uint64_t g_rng = 88172645463325252u;
static uint64_t rnd(void) { /* xorshift64 */
    g_rng ^= g_rng << 13, g_rng ^= g_rng >> 7, g_rng ^= g_rng << 17;
    return g_rng;
}

static bool is_float(nd_dtype dt) { return dt == ND_FLOAT32 || dt == ND_FLOAT64; }
static bool is_signed_int(nd_dtype dt) {
    return dt == ND_INT8 || dt == ND_INT16 || dt == ND_INT32 || dt == ND_INT64;
}

/* An element's bits, zero-extended. */
static uint64_t raw_at(const void *p, size_t isz) {
    uint64_t r = 0;
    memcpy(&r, p, isz);
    return r;
}

static nd_dtype g_dt; /* the dtype cmp_raw compares */

/* Three-way comparison of two elements' bits as values of g_dt: NaN after
 * everything, -0.0 equal to 0.0. */
static int cmp_raw(uint64_t a, uint64_t b) {
    size_t isz = nd_dtype_size(g_dt);
    if (g_dt == ND_FLOAT32 || g_dt == ND_FLOAT64) {
        double x, y;
        if (g_dt == ND_FLOAT32) {
            float fx, fy;
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            memcpy(&fx, &ua, 4), memcpy(&fy, &ub, 4);
            x = fx, y = fy;
        } else {
            memcpy(&x, &a, 8), memcpy(&y, &b, 8);
        }
        int nx = isnan(x), ny = isnan(y);
        if (nx || ny) return nx - ny;
        return (x > y) - (x < y);
    }
    if (is_signed_int(g_dt)) {
        int sh = 64 - 8 * (int)isz;
        int64_t x = (int64_t)(a << sh) >> sh, y = (int64_t)(b << sh) >> sh;
        return (x > y) - (x < y);
    }
    return (a > b) - (a < b);
}

typedef struct item {
    uint64_t raw;
    int64_t idx;
} item;

static int cmp_asc(const void *pa, const void *pb) {
    const item *a = pa, *b = pb;
    int c = cmp_raw(a->raw, b->raw);
    return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}
/* top-k largest: descending values, ties by ascending index */
static int cmp_desc(const void *pa, const void *pb) {
    const item *a = pa, *b = pb;
    int c = cmp_raw(b->raw, a->raw);
    return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}
/* a total order on bits, for comparing multisets exactly */
static int cmp_bits(const void *pa, const void *pb) {
    const item *a = pa, *b = pb;
    int c = cmp_raw(a->raw, b->raw);
    return c ? c : (a->raw > b->raw) - (a->raw < b->raw);
}

/* Where a's lanes along axis are in its C-contiguous copy: lane j, element
 * i is at (j / inner) * n * inner + i * inner + j % inner. */
typedef struct geom {
    int64_t n, nlanes, inner;
} geom;

static geom geom_of(const nd_array *a, int axis) {
    geom g = {nd_size(a), 1, 1};
    if (axis == NONE) return g;
    int nd = nd_ndim(a), ax = axis < 0 ? axis + nd : axis;
    g.n = nd_shape(a)[ax];
    for (int d = ax + 1; d < nd; d++) g.inner *= nd_shape(a)[d];
    g.nlanes = g.n ? nd_size(a) / g.n : 0;
    return g;
}
static int64_t at(geom g, int64_t lane, int64_t i) {
    return (lane / g.inner) * g.n * g.inner + i * g.inner + lane % g.inner;
}

/* Lane `lane` of c (a C-contiguous array) as items. */
static void lane_items(const nd_array *c, geom g, int64_t lane, item *it) {
    size_t isz = nd_itemsize(c);
    const char *base = nd_data(c);
    for (int64_t i = 0; i < g.n; i++) it[i] = (item){raw_at(base + at(g, lane, i) * isz, isz), i};
}

/* The geometry of a result along axis: a's shape, or (size,) for NONE. */
static void expect_result_shape(const nd_array *r, const nd_array *a, int axis, int64_t len) {
    if (axis == NONE) {
        nd_test_shape(r, 1, SH(len));
        return;
    }
    int nd = nd_ndim(a), ax = axis < 0 ? axis + nd : axis;
    int64_t shape[ND_MAX_DIMS];
    for (int d = 0; d < nd; d++) shape[d] = d == ax ? len : nd_shape(a)[d];
    nd_test_shape(r, nd, shape);
}

/* Checks sort, argsort, partition, argpartition, topk and sort_inplace of
 * a along axis against the reference, lane by lane. */
static void check_all(const nd_array *a, int axis) {
    g_dt = nd_dtype_of(a);
    size_t isz = nd_itemsize(a);
    nd_array *c = nd_copy(a);
    ND_ASSERT_ARRAY(c);
    geom g = geom_of(a, axis);
    item *ref = malloc(sizeof(item) * (size_t)(g.n + 1));
    item *got = malloc(sizeof(item) * (size_t)(g.n + 1));
    assert_non_null(ref);
    assert_non_null(got);

    nd_array *s = nd_sort(a, axis, true);
    ND_ASSERT_ARRAY(s);
    expect_result_shape(s, a, axis, g.n);
    assert_int_equal(nd_dtype_of(s), g_dt);
    assert_true(nd_is_c_contiguous(s));
    nd_array *as = nd_argsort(a, axis, false);
    ND_ASSERT_ARRAY(as);
    expect_result_shape(as, a, axis, g.n);
    assert_int_equal(nd_dtype_of(as), ND_INT64);
    /* in place on a copy of the same layout: the C-contiguous copy */
    nd_array *ip = nd_copy(a);
    ND_ASSERT_ARRAY(ip);
    ND_ASSERT_OK(nd_sort_inplace(ip, axis, false));

    int64_t kths[4] = {0, g.n / 2, g.n - 1, -1};
    nd_array *pa[4] = {0}, *apa[4] = {0};
    for (int t = 0; t < 4 && g.n > 0; t++) {
        pa[t] = nd_partition(a, kths[t], axis);
        ND_ASSERT_ARRAY(pa[t]);
        expect_result_shape(pa[t], a, axis, g.n);
        apa[t] = nd_argpartition(a, kths[t], axis);
        ND_ASSERT_ARRAY(apa[t]);
    }
    int64_t ks[4] = {0, 1, g.n / 2, g.n};
    nd_array *tv[4][2] = {{0}}, *ti[4][2] = {{0}};
    for (int t = 0; t < 4; t++)
        for (int largest = 0; largest < 2; largest++) {
            if (ks[t] > g.n) continue;
            ND_ASSERT_OK(nd_topk(a, ks[t], axis, largest, &tv[t][largest], &ti[t][largest]));
            expect_result_shape(tv[t][largest], a, axis, ks[t]);
            expect_result_shape(ti[t][largest], a, axis, ks[t]);
        }

    geom gr = g; /* results are C-contiguous with the same lanes */
    for (int64_t lane = 0; lane < g.nlanes; lane++) {
        lane_items(c, g, lane, ref);
        qsort(ref, (size_t)g.n, sizeof(item), cmp_asc);
        const char *sd = nd_data(s), *ipd = nd_data(ip);
        const int64_t *ad = nd_data(as);
        for (int64_t i = 0; i < g.n; i++) {
            uint64_t v = raw_at(sd + at(gr, lane, i) * isz, isz);
            if (v != ref[i].raw)
                fail_msg("%s axis %d lane %lld: sort[%lld] bits %llx, expected %llx", nd_dtype_name(g_dt),
                         axis, (long long)lane, (long long)i, (unsigned long long)v,
                         (unsigned long long)ref[i].raw);
            if (raw_at(ipd + at(gr, lane, i) * isz, isz) != ref[i].raw)
                fail_msg("%s axis %d lane %lld: sort_inplace[%lld] differs", nd_dtype_name(g_dt), axis,
                         (long long)lane, (long long)i);
            if (ad[at(gr, lane, i)] != ref[i].idx)
                fail_msg("%s axis %d lane %lld: argsort[%lld] = %lld, expected %lld", nd_dtype_name(g_dt),
                         axis, (long long)lane, (long long)i, (long long)ad[at(gr, lane, i)],
                         (long long)ref[i].idx);
        }
        /* partition: kth in place, nothing larger before, nothing smaller
         * after, the same multiset; argpartition: a permutation doing that */
        for (int t = 0; t < 4 && g.n > 0; t++) {
            int64_t kth = kths[t] < 0 ? kths[t] + g.n : kths[t];
            const char *pd = nd_data(pa[t]);
            const int64_t *apd = nd_data(apa[t]);
            for (int64_t i = 0; i < g.n; i++) {
                got[i] = (item){raw_at(pd + at(gr, lane, i) * isz, isz), i};
                int c1 = cmp_raw(got[i].raw, ref[kth].raw);
                if ((i < kth && c1 > 0) || (i > kth && c1 < 0) || (i == kth && c1 != 0))
                    fail_msg("%s axis %d lane %lld kth %lld: partition[%lld] misplaced", nd_dtype_name(g_dt),
                             axis, (long long)lane, (long long)kth, (long long)i);
                int64_t j = apd[at(gr, lane, i)];
                assert_true(j >= 0 && j < g.n);
                uint64_t v = raw_at((const char *)nd_data(c) + at(g, lane, j) * isz, isz);
                int c2 = cmp_raw(v, ref[kth].raw);
                if ((i < kth && c2 > 0) || (i > kth && c2 < 0) || (i == kth && c2 != 0))
                    fail_msg("%s axis %d lane %lld kth %lld: argpartition[%lld] misplaced",
                             nd_dtype_name(g_dt), axis, (long long)lane, (long long)kth, (long long)i);
            }
            qsort(got, (size_t)g.n, sizeof(item), cmp_bits);
            item *mine = malloc(sizeof(item) * (size_t)g.n);
            assert_non_null(mine);
            memcpy(mine, ref, sizeof(item) * (size_t)g.n);
            qsort(mine, (size_t)g.n, sizeof(item), cmp_bits);
            for (int64_t i = 0; i < g.n; i++) assert_true(got[i].raw == mine[i].raw);
            bool *seen = calloc((size_t)g.n, 1);
            assert_non_null(seen);
            for (int64_t i = 0; i < g.n; i++) {
                int64_t j = apd[at(gr, lane, i)];
                assert_false(seen[j]);
                seen[j] = true;
            }
            free(seen);
            free(mine);
        }
        /* topk: exactly the reference's first k, descending for largest */
        for (int t = 0; t < 4; t++) {
            int64_t k = ks[t];
            if (k > g.n || k == 0) continue;
            geom gk = {k, g.nlanes, g.inner};
            for (int largest = 0; largest < 2; largest++) {
                memcpy(got, ref, sizeof(item) * (size_t)g.n);
                if (largest) qsort(got, (size_t)g.n, sizeof(item), cmp_desc);
                const char *vd = nd_data(tv[t][largest]);
                const int64_t *id = nd_data(ti[t][largest]);
                for (int64_t i = 0; i < k; i++) {
                    if (raw_at(vd + at(gk, lane, i) * isz, isz) != got[i].raw ||
                        id[at(gk, lane, i)] != got[i].idx)
                        fail_msg("%s axis %d lane %lld: topk k=%lld largest=%d [%lld]: index %lld, expected %lld",
                                 nd_dtype_name(g_dt), axis, (long long)lane, (long long)k, largest,
                                 (long long)i, (long long)id[at(gk, lane, i)], (long long)got[i].idx);
                }
            }
        }
    }
    for (int t = 0; t < 4; t++) {
        nd_free(pa[t]), nd_free(apa[t]);
        for (int l = 0; l < 2; l++) nd_free(tv[t][l]), nd_free(ti[t][l]);
    }
    nd_free(s), nd_free(as), nd_free(ip), nd_free(c);
    free(ref), free(got);
}

/* An array of dt with random bits; `narrow` draws from few values (many
 * ties); floats mix in NaN (both signs, with payloads), +-0, +-inf and
 * denormals. */
static nd_array *random_array(nd_dtype dt, int ndim, const int64_t *shape, bool narrow) {
    nd_array *a = nd_empty(ndim, shape, dt);
    ND_ASSERT_ARRAY(a);
    size_t isz = nd_itemsize(a);
    char *p = nd_data(a);
    for (int64_t i = 0; i < nd_size(a); i++) {
        uint64_t r = rnd();
        if (dt == ND_BOOL) {
            p[i] = (char)(r & 1);
        } else if (dt == ND_FLOAT32) {
            static const float sp[] = {0.0f, -0.0f, INFINITY, -INFINITY, 1.0f, -1.0f, 1e-45f, -1e-45f};
            float v;
            int kind = (int)(r % 16);
            if (kind == 0) {
                uint32_t bits = 0x7F800001u | (uint32_t)(rnd() & 0x807FFFFFu); /* NaN, any sign/payload */
                memcpy(&v, &bits, 4);
            } else if (kind < 4) v = sp[rnd() % 8];
            else v = narrow ? (float)(int)(rnd() % 5) - 2.0f : (float)((double)(int64_t)rnd() * 0x1p-60);
            memcpy(p + i * 4, &v, 4);
        } else if (dt == ND_FLOAT64) {
            static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, 1.0, -1.0, 5e-324, -5e-324};
            double v;
            int kind = (int)(r % 16);
            if (kind == 0) {
                uint64_t bits = 0x7FF0000000000001u | (rnd() & 0x800FFFFFFFFFFFFFu);
                memcpy(&v, &bits, 8);
            } else if (kind < 4) v = sp[rnd() % 8];
            else v = narrow ? (double)(int)(rnd() % 5) - 2.0 : (double)(int64_t)rnd() * 0x1p-40;
            memcpy(p + i * 8, &v, 8);
        } else {
            if (narrow) {
                r %= 5;
                if (is_signed_int(dt)) r -= 2; /* -2..2 */
            }
            memcpy(p + i * isz, &r, isz);
        }
    }
    return a;
}

/* ------------------------------------------------------------ NumPy cases */

static void expect_i64(const nd_array *a, const int64_t *want, int64_t n) {
    assert_int_equal(nd_dtype_of(a), ND_INT64);
    assert_int_equal(nd_size(a), n);
    nd_array *c = nd_ascontiguousarray(a);
    ND_ASSERT_ARRAY(c);
    const int64_t *v = nd_data(c);
    for (int64_t i = 0; i < n; i++)
        if (v[i] != want[i])
            fail_msg("index %lld: got %lld, expected %lld", (long long)i, (long long)v[i], (long long)want[i]);
    nd_free(c);
}

static void test_numpy_2d(void **state) {
    (void)state;
    /* a = np.array([[3, 1, 2], [0, -1, 5]], dtype=np.float64) */
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(2, 3), VALS(3, 1, 2, 0, -1, 5));
    ND_ASSERT_ARRAY(a);
    nd_array *r = nd_sort(a, 0, false); /* np.sort(a, axis=0) */
    nd_test_shape(r, 2, SH(2, 3));
    nd_test_expect(r, VALS(0, -1, 2, 3, 1, 5), 0);
    nd_free(r);
    r = nd_sort(a, 1, false); /* np.sort(a, axis=1) */
    nd_test_expect(r, VALS(1, 2, 3, -1, 0, 5), 0);
    nd_free(r);
    r = nd_sort(a, -1, false); /* np.sort(a, axis=-1) */
    nd_test_expect(r, VALS(1, 2, 3, -1, 0, 5), 0);
    nd_free(r);
    r = nd_sort(a, NONE, false); /* np.sort(a, axis=None) */
    nd_test_shape(r, 1, SH(6));
    nd_test_expect(r, VALS(-1, 0, 1, 2, 3, 5), 0);
    nd_free(r);
    r = nd_argsort(a, 0, true); /* np.argsort(a, axis=0, kind='stable') */
    expect_i64(r, SH(1, 1, 0, 0, 0, 1), 6);
    nd_free(r);
    r = nd_argsort(a, 1, true); /* np.argsort(a, axis=1, kind='stable') */
    expect_i64(r, SH(1, 2, 0, 1, 0, 2), 6);
    nd_free(r);
    r = nd_argsort(a, NONE, true); /* np.argsort(a, axis=None, kind='stable') */
    expect_i64(r, SH(4, 3, 1, 2, 0, 5), 6);
    nd_free(r);
    nd_free(a);

    /* g = np.array([[[4, 2], [1, 3]], [[0, 7], [6, 5]]], dtype=np.int8) */
    nd_array *g = nd_test_array(ND_INT8, 3, SH(2, 2, 2), VALS(4, 2, 1, 3, 0, 7, 6, 5));
    r = nd_sort(g, 0, false); /* np.sort(g, axis=0) */
    nd_test_expect(r, VALS(0, 2, 1, 3, 4, 7, 6, 5), 0);
    nd_free(r);
    r = nd_sort(g, 1, false); /* np.sort(g, axis=1) */
    nd_test_expect(r, VALS(1, 2, 4, 3, 0, 5, 6, 7), 0);
    nd_free(r);
    r = nd_argsort(g, 0, true); /* np.argsort(g, axis=0, kind='stable') */
    expect_i64(r, SH(1, 0, 0, 0, 0, 1, 1, 1), 8);
    nd_free(r);
    nd_free(g);
}

static void test_numpy_nan_zero(void **state) {
    (void)state;
    /* b = np.array([np.nan, 1, -np.inf, np.nan, 0.0, -0.0, np.inf, -2.5]) */
    const double bv[] = {NAN, 1, -INFINITY, NAN, 0.0, -0.0, INFINITY, -2.5};
    for (int f = 0; f < 2; f++) {
        nd_dtype dt = f ? ND_FLOAT32 : ND_FLOAT64;
        nd_array *b = nd_test_array(dt, 1, SH(8), bv);
        /* np.sort(b, kind='stable') -> [-inf, -2.5, 0.0, -0.0, 1.0, inf, nan, nan] */
        nd_array *r = nd_sort(b, 0, true);
        nd_test_expect(r, VALS(-INFINITY, -2.5, 0, 0, 1, INFINITY, NAN, NAN), 0);
        /* np.signbit(...) -> [T, T, F, T, F, F, F, F] */
        const bool sb[] = {1, 1, 0, 1, 0, 0, 0, 0};
        for (int64_t i = 0; i < 8; i++) {
            double v;
            ND_ASSERT_OK(nd_get_f64(r, SH(i), &v));
            assert_int_equal(!!signbit(v), sb[i]);
        }
        nd_free(r);
        r = nd_argsort(b, 0, true); /* np.argsort(b, kind='stable') */
        expect_i64(r, SH(2, 7, 4, 5, 1, 6, 0, 3), 8);
        nd_free(r);
        nd_free(b);
    }
    /* np.sort(np.array([0.0, -0.0, 0.0, -0.0]), kind='stable') keeps the signs in order */
    nd_array *z = nd_test_array(ND_FLOAT64, 1, SH(4), VALS(0.0, -0.0, 0.0, -0.0));
    ND_ASSERT_OK(nd_sort_inplace(z, 0, true));
    const double *zv = nd_data(z);
    assert_false(signbit(zv[0]));
    assert_true(signbit(zv[1]));
    assert_false(signbit(zv[2]));
    assert_true(signbit(zv[3]));
    nd_free(z);
}

static void test_numpy_partition(void **state) {
    (void)state;
    /* c = np.array([5, 1, 4, 1, 5, 9, 2, 6, 5, 3], dtype=np.int16) */
    nd_array *c = nd_test_array(ND_INT16, 1, SH(10), VALS(5, 1, 4, 1, 5, 9, 2, 6, 5, 3));
    /* np.argsort(c, kind='stable') */
    nd_array *r = nd_argsort(c, 0, true);
    expect_i64(r, SH(1, 3, 6, 9, 2, 0, 4, 8, 7, 5), 10);
    nd_free(r);
    /* np.partition(c, 4) -> [1, 2, 3, 1, 4, 5, 5, 6, 9, 5]: any arrangement
     * with 4 at index 4 and {1, 1, 2, 3} before it is as valid */
    r = nd_partition(c, 4, 0);
    double v;
    ND_ASSERT_OK(nd_get_f64(r, SH(4), &v));
    assert_true(v == 4);
    for (int64_t i = 0; i < 10; i++) {
        ND_ASSERT_OK(nd_get_f64(r, SH(i), &v));
        if (i < 4) assert_true(v <= 4);
        if (i > 4) assert_true(v >= 4);
    }
    nd_free(r);
    /* np.partition(c, -1)[-1] == 9 */
    r = nd_partition(c, -1, 0);
    ND_ASSERT_OK(nd_get_f64(r, SH(9), &v));
    assert_true(v == 9);
    nd_free(r);
    /* np.argpartition(c, 4)[4] == 2 (the only 4) */
    r = nd_argpartition(c, 4, NONE);
    int64_t i4;
    ND_ASSERT_OK(nd_get_i64(r, SH(4), &i4));
    assert_int_equal(i4, 2);
    nd_free(r);
    nd_free(c);
}

static void test_numpy_extremes(void **state) {
    (void)state;
    /* d = np.array([I64MAX, I64MIN, 0, -1, 1, I64MIN + 1, I64MAX - 1]) */
    const int64_t dv[] = {INT64_MAX, INT64_MIN, 0, -1, 1, INT64_MIN + 1, INT64_MAX - 1};
    nd_array *d = nd_from_data(dv, 1, SH(7), ND_INT64);
    nd_array *r = nd_sort(d, 0, false);
    expect_i64(r, SH(INT64_MIN, INT64_MIN + 1, -1, 0, 1, INT64_MAX - 1, INT64_MAX), 7);
    nd_free(r);
    r = nd_argsort(d, 0, true); /* np.argsort(d, kind='stable') */
    expect_i64(r, SH(1, 5, 3, 2, 4, 6, 0), 7);
    nd_free(r);
    nd_free(d);
    /* e = np.array([2**64-1, 0, 2**63, 2**63-1, 1, 2**64-2], dtype=np.uint64) */
    const uint64_t ev[] = {UINT64_MAX, 0, 1ull << 63, (1ull << 63) - 1, 1, UINT64_MAX - 1};
    nd_array *e = nd_from_data(ev, 1, SH(6), ND_UINT64);
    r = nd_sort(e, 0, false);
    const uint64_t want[] = {0, 1, (1ull << 63) - 1, 1ull << 63, UINT64_MAX - 1, UINT64_MAX};
    assert_memory_equal(nd_data(r), want, sizeof want);
    nd_free(r);
    r = nd_argsort(e, 0, true); /* np.argsort(e, kind='stable') */
    expect_i64(r, SH(1, 4, 3, 2, 5, 0), 6);
    nd_free(r);
    nd_array *vals, *idx;
    ND_ASSERT_OK(nd_topk(e, 2, 0, true, &vals, &idx));
    assert_memory_equal(nd_data(vals), ((const uint64_t[]){UINT64_MAX, UINT64_MAX - 1}), 16);
    expect_i64(idx, SH(0, 5), 2);
    nd_free(vals), nd_free(idx);
    nd_free(e);
    /* f = np.array([True, False, True, False, False]); np.argsort(f, kind='stable') */
    nd_array *f = nd_test_array(ND_BOOL, 1, SH(5), VALS(1, 0, 1, 0, 0));
    r = nd_sort(f, 0, false);
    nd_test_expect(r, VALS(0, 0, 0, 1, 1), 0);
    nd_free(r);
    r = nd_argsort(f, 0, true);
    expect_i64(r, SH(1, 3, 4, 0, 2), 5);
    nd_free(r);
    nd_free(f);
    /* the extremes of every integer width, each with its neighbours */
    for (int t = 0; t < NUM_DTYPES; t++) {
        nd_dtype dt = ALL_DTYPES[t];
        if (is_float(dt) || dt == ND_BOOL) continue;
        int bits = 8 * (int)nd_dtype_size(dt);
        uint64_t top = bits == 64 ? UINT64_MAX : (1ull << bits) - 1, half = 1ull << (bits - 1);
        uint64_t pool[] = {0, 1, top, top - 1, half, half - 1, half + 1, 2};
        nd_array *a = nd_empty(1, SH(40), dt);
        for (int i = 0; i < 40; i++) memcpy((char *)nd_data(a) + i * (bits / 8), &pool[rnd() % 8], (size_t)bits / 8);
        check_all(a, 0);
        nd_free(a);
    }
}

static void test_numpy_topk(void **state) {
    (void)state;
    /* torch.topk(torch.tensor([1., nan, 3., 3., -1.]), 2) -> values [nan, 3], indices [1, 2]:
     * NaN is the largest, as it sorts last */
    nd_array *a = nd_test_array(ND_FLOAT64, 1, SH(5), VALS(1, NAN, 3, 3, -1));
    nd_array *v, *i;
    ND_ASSERT_OK(nd_topk(a, 2, 0, true, &v, &i));
    nd_test_expect(v, VALS(NAN, 3), 0);
    expect_i64(i, SH(1, 2), 2);
    nd_free(v), nd_free(i);
    ND_ASSERT_OK(nd_topk(a, 3, -1, false, &v, &i)); /* smallest three: np.sort(a)[:3] */
    nd_test_expect(v, VALS(-1, 1, 3), 0);
    expect_i64(i, SH(4, 0, 2), 3);
    nd_free(v), nd_free(i);
    /* values only, then indices only */
    ND_ASSERT_OK(nd_topk(a, 1, 0, false, &v, NULL));
    nd_test_expect(v, VALS(-1), 0);
    nd_free(v);
    ND_ASSERT_OK(nd_topk(a, 5, 0, true, NULL, &i));
    expect_i64(i, SH(1, 2, 3, 0, 4), 5);
    nd_free(i);
    nd_free(a);
    /* ties go to the lower index: [5, 5, 5, 5], k=2 -> [0, 1] */
    nd_array *t = nd_test_array(ND_INT32, 1, SH(4), VALS(5, 5, 5, 5));
    ND_ASSERT_OK(nd_topk(t, 2, 0, true, NULL, &i));
    expect_i64(i, SH(0, 1), 2);
    nd_free(i);
    nd_free(t);
    /* 2-D, along each axis: m = [[1, 9, 3], [7, 2, 8]] */
    nd_array *m = nd_test_array(ND_FLOAT32, 2, SH(2, 3), VALS(1, 9, 3, 7, 2, 8));
    ND_ASSERT_OK(nd_topk(m, 2, 1, true, &v, &i));
    nd_test_shape(v, 2, SH(2, 2));
    nd_test_expect(v, VALS(9, 3, 8, 7), 0);
    expect_i64(i, SH(1, 2, 2, 0), 4);
    nd_free(v), nd_free(i);
    ND_ASSERT_OK(nd_topk(m, 1, 0, false, &v, &i));
    nd_test_shape(v, 2, SH(1, 3));
    nd_test_expect(v, VALS(1, 2, 3), 0);
    expect_i64(i, SH(0, 1, 0), 3);
    nd_free(v), nd_free(i);
    ND_ASSERT_OK(nd_topk(m, 3, NONE, true, &v, &i));
    nd_test_shape(v, 1, SH(3));
    nd_test_expect(v, VALS(9, 8, 7), 0);
    expect_i64(i, SH(1, 5, 3), 3);
    nd_free(v), nd_free(i);
    nd_free(m);
}

/* ------------------------------------------------------------ every dtype, axis, layout */

static void test_every_dtype_axis(void **state) {
    (void)state;
    const int64_t shape[3] = {4, 5, 7};
    const int axes[] = {0, 1, 2, -1, -3, NONE};
    for (int t = 0; t < NUM_DTYPES; t++)
        for (int narrow = 0; narrow < 2; narrow++) {
            nd_array *a = random_array(ALL_DTYPES[t], 3, shape, narrow);
            for (size_t x = 0; x < sizeof axes / sizeof axes[0]; x++) check_all(a, axes[x]);
            nd_free(a);
        }
}

static void test_layouts(void **state) {
    (void)state;
    for (int t = 0; t < NUM_DTYPES; t++) {
        nd_dtype dt = ALL_DTYPES[t];
        nd_array *a = random_array(dt, 3, SH(3, 6, 70), t % 2);
        /* transposed */
        nd_array *tr = nd_transpose(a, NULL);
        for (int ax = -1; ax < 3; ax++) check_all(tr, ax);
        check_all(tr, NONE);
        /* negative strides on two axes */
        nd_array *fl = nd_flip(a, 2, (const int[]){0, 2});
        for (int ax = 0; ax < 3; ax++) check_all(fl, ax);
        check_all(fl, NONE);
        /* a strided slice */
        nd_array *sl = nd_view(a, "::2, 1::3, ::-5");
        ND_ASSERT_ARRAY(sl);
        for (int ax = 0; ax < 3; ax++) check_all(sl, ax);
        check_all(sl, NONE);
        /* broadcast (read-only, stride 0): sorting a copy is fine */
        nd_array *r1 = nd_slice_axis(a, 0, 0, 1, 1);
        nd_array *bc = nd_broadcast_to(r1, 3, SH(4, 6, 70));
        ND_ASSERT_ARRAY(bc);
        assert_false(nd_is_writeable(bc));
        for (int ax = 0; ax < 3; ax++) check_all(bc, ax);
        check_all(bc, NONE);
        nd_free(bc), nd_free(r1), nd_free(sl), nd_free(fl), nd_free(tr), nd_free(a);
    }
}

/* nd_sort_inplace on views writes exactly the view's elements. */
static void test_inplace_views(void **state) {
    (void)state;
    for (int t = 0; t < NUM_DTYPES; t++) {
        nd_dtype dt = ALL_DTYPES[t];
        const char *specs[] = {"::2, ::-1", "1:, ::3", "...", "::-1, 2:5"};
        for (int sp = 0; sp < 4; sp++)
            for (int axis = -2; axis < 3; axis++) {
                int ax = axis == 2 ? NONE : axis;
                nd_array *base = random_array(dt, 2, SH(9, 40), sp % 2);
                nd_array *before = nd_copy(base);
                nd_array *v = nd_view(base, specs[sp]);
                ND_ASSERT_ARRAY(v);
                nd_array *want = nd_sort(v, ax, true);
                ND_ASSERT_ARRAY(want);
                ND_ASSERT_OK(nd_sort_inplace(v, ax, true));
                /* the view now reads as the sorted copy */
                nd_array *got = ax == NONE ? nd_ravel(v) : nd_copy(v);
                assert_int_equal(nd_size(got), nd_size(want));
                assert_memory_equal(nd_data(got), nd_data(want), nd_nbytes(want));
                /* and elements outside the view are untouched: mark the view's
                 * elements in a same-shaped int array */
                nd_array *mark = nd_zeros(2, SH(9, 40), ND_INT8);
                nd_array *mv = nd_view(mark, specs[sp]);
                ND_ASSERT_OK(nd_fill(mv, 1));
                size_t isz = nd_itemsize(base);
                for (int64_t i = 0; i < 9 * 40; i++)
                    if (!((const int8_t *)nd_data(mark))[i])
                        assert_memory_equal((const char *)nd_data(base) + i * isz,
                                            (const char *)nd_data(before) + i * isz, isz);
                nd_free(mv), nd_free(mark), nd_free(got), nd_free(want), nd_free(v), nd_free(before),
                    nd_free(base);
            }
    }
    /* a transposed array, flattened in place (not viewable as 1-D: copy and write back) */
    nd_array *a = nd_test_array(ND_FLOAT32, 2, SH(2, 3), VALS(6, 5, 4, 3, 2, 1));
    nd_array *tr = nd_transpose(a, NULL); /* [[6, 3], [5, 2], [4, 1]] */
    ND_ASSERT_OK(nd_sort_inplace(tr, NONE, false));
    nd_array *c = nd_copy(tr); /* np.sort(tr, axis=None).reshape(3, 2) */
    nd_test_expect(c, VALS(1, 2, 3, 4, 5, 6), 0);
    nd_test_expect(a, VALS(1, 3, 5, 2, 4, 6), 0);
    nd_free(c), nd_free(tr), nd_free(a);
}

static void test_zero_d_and_empty(void **state) {
    (void)state;
    nd_array *z = nd_scalar(3.5, ND_FLOAT64);
    /* np.sort(np.array(3.5), axis=None) -> array([3.5]) */
    nd_array *r = nd_sort(z, NONE, false);
    nd_test_shape(r, 1, SH(1));
    nd_test_expect(r, VALS(3.5), 0);
    nd_free(r);
    r = nd_argsort(z, NONE, false);
    expect_i64(r, SH(0), 1);
    nd_free(r);
    r = nd_partition(z, 0, NONE);
    nd_test_expect(r, VALS(3.5), 0);
    nd_free(r);
    r = nd_argpartition(z, -1, NONE);
    expect_i64(r, SH(0), 1);
    nd_free(r);
    nd_array *v, *i;
    ND_ASSERT_OK(nd_topk(z, 1, NONE, true, &v, &i));
    nd_test_expect(v, VALS(3.5), 0);
    nd_free(v), nd_free(i);
    ND_ASSERT_OK(nd_sort_inplace(z, NONE, false));
    /* np.sort(np.array(3.5)) -> AxisError: axis -1 is out of bounds for array of dimension 0 */
    assert_null(nd_sort(z, -1, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis -1 is out of bounds for array of dimension 0");
    /* np.argsort(np.array(3.5)) gives array([0]) (a 1-D result from a 0-d
     * input); libnd treats it like np.sort and asks for ND_AXIS_NONE */
    assert_null(nd_argsort(z, 0, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis 0 is out of bounds");
    assert_null(nd_partition(z, 0, -1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "out of bounds");
    assert_int_equal(nd_sort_inplace(z, 0, false), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_sort_inplace: axis 0");
    v = i = (nd_array *)1; /* nothing is written on error */
    assert_int_equal(nd_topk(z, 1, 0, true, &v, &i), ND_ERR_INDEX);
    assert_ptr_equal(v, (nd_array *)1);
    assert_ptr_equal(i, (nd_array *)1);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_topk: axis 0");
    nd_free(z);

    const int64_t shapes[][2] = {{0, 4}, {3, 0}, {0, 0}};
    for (int s = 0; s < 3; s++)
        for (int t = 0; t < NUM_DTYPES; t++) {
            nd_array *e = nd_empty(2, shapes[s], ALL_DTYPES[t]);
            for (int ax = -1; ax < 2; ax++) check_all(e, ax);
            check_all(e, NONE);
            /* as NumPy: kth is not checked when there is nothing to partition,
             * np.partition(np.zeros((3, 0)), 5, axis=0) */
            r = nd_partition(e, 5, 0);
            ND_ASSERT_ARRAY(r);
            nd_test_shape(r, 2, shapes[s]);
            nd_free(r);
            r = nd_argpartition(e, -7, NONE);
            ND_ASSERT_ARRAY(r);
            nd_test_shape(r, 1, SH(0));
            nd_free(r);
            ND_ASSERT_OK(nd_topk(e, 0, NONE, true, &v, &i));
            nd_test_shape(v, 1, SH(0));
            nd_free(v), nd_free(i);
            ND_ASSERT_OK(nd_sort_inplace(e, 1, true));
            ND_ASSERT_OK(nd_sort_inplace(e, NONE, true));
            nd_free(e);
        }
    /* k = 0 on a non-empty array: empty results */
    nd_array *a = nd_test_array(ND_INT32, 2, SH(2, 3), VALS(1, 2, 3, 4, 5, 6));
    ND_ASSERT_OK(nd_topk(a, 0, 1, false, &v, &i));
    nd_test_shape(v, 2, SH(2, 0));
    nd_test_shape(i, 2, SH(2, 0));
    nd_free(v), nd_free(i), nd_free(a);
}

/* ------------------------------------------------------------ NaN, zeros, ties */

/* Lengths 1..48 with NaNs first, in the middle, last, everywhere. */
static void test_nan_placement(void **state) {
    (void)state;
    for (int f = 0; f < 2; f++) {
        nd_dtype dt = f ? ND_FLOAT64 : ND_FLOAT32;
        for (int64_t n = 1; n <= 48; n++)
            for (int where = 0; where < 5; where++) {
                double *v = malloc(sizeof(double) * (size_t)n);
                for (int64_t i = 0; i < n; i++) {
                    v[i] = (double)(int64_t)(rnd() % 7) - 3.0;
                    if (rnd() % 5 == 0) v[i] = -0.0;
                }
                switch (where) {
                case 0: v[0] = NAN; break;
                case 1: v[n / 2] = NAN; break;
                case 2: v[n - 1] = NAN; break;
                case 3:
                    for (int64_t i = 0; i < n; i++) v[i] = NAN;
                    break;
                case 4:
                    for (int64_t i = 0; i < n; i += 3) v[i] = -(double)NAN;
                    break;
                }
                nd_array *a = nd_test_array(dt, 1, SH(n), v);
                check_all(a, 0);
                /* the NaNs are last */
                nd_array *s = nd_sort(a, 0, false);
                int64_t nans = 0;
                for (int64_t i = 0; i < n; i++) nans += isnan(v[i]);
                for (int64_t i = 0; i < n; i++) {
                    double x;
                    ND_ASSERT_OK(nd_get_f64(s, SH(i), &x));
                    assert_int_equal(!!isnan(x), i >= n - nans);
                }
                nd_free(s), nd_free(a);
                free(v);
            }
    }
}

/* Long lanes (split into buckets, threaded) with zeros of both signs and
 * NaN payloads, new and in place: the specials come back in input order. */
static void test_long_lane_specials(void **state) {
    (void)state;
    const int64_t n = 300000;
    for (int f = 0; f < 2; f++) {
        nd_dtype dt = f ? ND_FLOAT64 : ND_FLOAT32;
        for (int threads = 1; threads <= 3; threads += 2) {
            ND_ASSERT_OK(nd_set_num_threads(threads));
            nd_array *a = random_array(dt, 1, SH(n), false);
            check_all(a, 0);
            nd_free(a);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* argsort with stable=true of many duplicates keeps the order of equal keys,
 * for short and long lanes of every dtype. */
static void test_stability(void **state) {
    (void)state;
    for (int t = 0; t < NUM_DTYPES; t++) {
        nd_dtype dt = ALL_DTYPES[t];
        const int64_t lens[] = {10, 1000, 300000};
        for (int l = 0; l < 3; l++) {
            int64_t n = lens[l];
            nd_array *a = random_array(dt, 1, SH(n), true);
            nd_array *r = nd_argsort(a, 0, true);
            ND_ASSERT_ARRAY(r);
            g_dt = dt;
            size_t isz = nd_itemsize(a);
            const char *d = nd_data(a);
            const int64_t *ix = nd_data(r);
            for (int64_t i = 1; i < n; i++) {
                int c = cmp_raw(raw_at(d + ix[i - 1] * isz, isz), raw_at(d + ix[i] * isz, isz));
                if (c > 0 || (c == 0 && ix[i - 1] >= ix[i]))
                    fail_msg("%s n=%lld: argsort not stable at %lld", nd_dtype_name(dt), (long long)n,
                             (long long)i);
            }
            nd_free(r), nd_free(a);
        }
    }
}

/* ------------------------------------------------------------ large arrays */

static int cmp_f32(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}
static int cmp_f64(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u16(const void *a, const void *b) {
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* 10^6 random values, 1-D: nd_sort, in place and argsort against qsort. */
static void test_large_vs_qsort(void **state) {
    (void)state;
    const int64_t n = 1000000;
    struct {
        nd_dtype dt;
        int (*cmp)(const void *, const void *);
    } cases[] = {{ND_FLOAT32, cmp_f32}, {ND_FLOAT64, cmp_f64}, {ND_INT64, cmp_i64}, {ND_UINT16, cmp_u16}};
    for (int c = 0; c < 4; c++) {
        nd_dtype dt = cases[c].dt;
        nd_array *a = nd_empty(1, SH(n), dt);
        size_t isz = nd_itemsize(a);
        char *p = nd_data(a);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (dt == ND_FLOAT32) ((float *)p)[i] = (float)((double)(int64_t)r * 0x1p-50);
            else if (dt == ND_FLOAT64) ((double *)p)[i] = (double)(int64_t)r * 0x1p-30;
            else memcpy(p + i * isz, &r, isz);
        }
        char *want = malloc(isz * (size_t)n);
        memcpy(want, p, isz * (size_t)n);
        qsort(want, (size_t)n, isz, cases[c].cmp);
        nd_array *s = nd_sort(a, NONE, false);
        ND_ASSERT_ARRAY(s);
        assert_memory_equal(nd_data(s), want, isz * (size_t)n);
        nd_array *ix = nd_argsort(a, -1, false);
        ND_ASSERT_ARRAY(ix);
        const int64_t *iv = nd_data(ix);
        for (int64_t i = 0; i < n; i++)
            if (memcmp(p + iv[i] * isz, want + (size_t)i * isz, isz)) fail_msg("argsort %lld", (long long)i);
        nd_array *v, *ti;
        ND_ASSERT_OK(nd_topk(a, 10, 0, true, &v, &ti));
        for (int64_t i = 0; i < 10; i++)
            assert_memory_equal((const char *)nd_data(v) + i * isz, want + (size_t)(n - 1 - i) * isz, isz);
        nd_free(v), nd_free(ti);
        nd_array *pt = nd_partition(a, n / 3, 0);
        assert_memory_equal((const char *)nd_data(pt) + (n / 3) * isz, want + (size_t)(n / 3) * isz, isz);
        nd_free(pt);
        ND_ASSERT_OK(nd_sort_inplace(a, 0, true));
        assert_memory_equal(nd_data(a), want, isz * (size_t)n);
        free(want);
        nd_free(ix), nd_free(s), nd_free(a);
    }
}

/* Many lanes (split across threads) and a few long ones (each split). */
static void test_threaded_lanes(void **state) {
    (void)state;
    for (int threads = 1; threads <= 4; threads++) {
        ND_ASSERT_OK(nd_set_num_threads(threads));
        nd_array *a = random_array(ND_FLOAT32, 2, SH(64, 2048), false);
        check_all(a, 1);
        check_all(a, 0);
        nd_free(a);
        nd_array *b = random_array(ND_INT32, 2, SH(3, 270000), threads % 2);
        nd_array *s = nd_sort(b, 1, false);
        nd_array *ix = nd_argsort(b, 1, true);
        g_dt = ND_INT32;
        const int32_t *bv = nd_data(b), *sv = nd_data(s);
        const int64_t *iv = nd_data(ix);
        for (int64_t r = 0; r < 3; r++)
            for (int64_t i = 0; i < 270000; i++) {
                int64_t k = r * 270000 + i;
                assert_int_equal(bv[r * 270000 + iv[k]], sv[k]);
                if (i) {
                    assert_true(sv[k - 1] <= sv[k]);
                    if (sv[k - 1] == sv[k]) assert_true(iv[k - 1] < iv[k]);
                }
            }
        nd_free(ix), nd_free(s), nd_free(b);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* Adversarial inputs for the selection: sorted, reversed, organ pipe, all
 * equal, for partition and topk. */
static void test_partition_patterns(void **state) {
    (void)state;
    const int64_t n = 5000;
    for (int pat = 0; pat < 5; pat++) {
        double *v = malloc(sizeof(double) * n);
        for (int64_t i = 0; i < n; i++) {
            switch (pat) {
            case 0: v[i] = (double)i; break;
            case 1: v[i] = (double)(n - i); break;
            case 2: v[i] = (double)(i < n / 2 ? i : n - i); break;
            case 3: v[i] = 7; break;
            default: v[i] = (double)(i % 2 ? i : -i); break;
            }
        }
        nd_array *a = nd_test_array(ND_INT32, 1, SH(n), v);
        check_all(a, 0);
        nd_free(a);
        free(v);
    }
}

/* An input on which introselect's pivots (median of the first, middle and
 * last keys, 3-way partition) are always the second smallest, so that it
 * gives up and heapsorts: built, in McIlroy's way, by running the same
 * loop on undecided values and fixing each value when it is first looked
 * at. If the selection changes, this is just one more input. */
static void adversary(int64_t n, int64_t *val) {
    const int64_t gas = INT64_MAX;
    int64_t *pos = malloc(sizeof(int64_t) * (size_t)n);
    for (int64_t i = 0; i < n; i++) pos[i] = i, val[i] = gas;
    int64_t solid = 0, lo = 0, hi = n, kth = n - 1;
    while (hi - lo > 16) {
        int64_t mid = lo + (hi - lo) / 2;
        val[pos[lo]] = solid++;
        val[pos[mid]] = solid++;
        int64_t piv = val[pos[mid]], lt = lo, i = lo, gt = hi;
        while (i < gt) {
            int64_t x = val[pos[i]], t;
            if (x < piv) t = pos[lt], pos[lt++] = pos[i], pos[i++] = t;
            else if (x > piv) --gt, t = pos[gt], pos[gt] = pos[i], pos[i] = t;
            else i++;
        }
        if (kth < lt) hi = lt;
        else if (kth >= gt) lo = gt;
        else break;
    }
    for (int64_t i = 0; i < n; i++)
        if (val[i] == gas) val[i] = solid++;
    free(pos);
}

static void test_select_adversary(void **state) {
    (void)state;
    const nd_dtype dts[] = {ND_UINT8, ND_INT16, ND_INT32, ND_INT64, ND_FLOAT32, ND_FLOAT64};
    for (int t = 0; t < 6; t++) {
        int64_t n = dts[t] == ND_UINT8 ? 250 : 3000;
        int64_t *val = malloc(sizeof(int64_t) * (size_t)n);
        adversary(n, val);
        double *v = malloc(sizeof(double) * (size_t)n);
        for (int64_t i = 0; i < n; i++) v[i] = (double)val[i];
        nd_array *a = nd_test_array(dts[t], 1, SH(n), v);
        check_all(a, 0);
        nd_array *p = nd_partition(a, n - 1, 0);
        double x;
        ND_ASSERT_OK(nd_get_f64(p, SH(n - 1), &x));
        assert_true(x == (double)(n - 1));
        nd_free(p), nd_free(a);
        free(v), free(val);
    }
}

/* ------------------------------------------------------------ errors */

static void test_errors(void **state) {
    (void)state;
    nd_clear_error();
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(2, 5), VALS(5, 4, 3, 2, 1, 0, 9, 8, 7, 6));
    nd_array *before = nd_copy(a);
    nd_array *v = (nd_array *)1, *ix = (nd_array *)1;

    /* np.sort(a, axis=2) -> axis 2 is out of bounds for array of dimension 2 */
    assert_null(nd_sort(a, 2, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_sort: axis 2 is out of bounds for array of dimension 2");
    assert_null(nd_argsort(a, -3, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_argsort: axis -3 is out of bounds");
    assert_int_equal(nd_sort_inplace(a, 5, false), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis 5");
    /* np.partition(a, 5) -> kth(=5) out of bounds (5) */
    assert_null(nd_partition(a, 5, 1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_partition: kth 5 is out of bounds for an axis of size 5");
    assert_null(nd_argpartition(a, -6, -1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_argpartition: kth -6 is out of bounds for an axis of size 5");
    assert_null(nd_partition(a, 2, 0));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "kth 2 is out of bounds for an axis of size 2");
    assert_null(nd_partition(a, 10, NONE));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "kth 10 is out of bounds for an axis of size 10");
    assert_null(nd_partition(a, 0, 3));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis 3");
    /* k > size, k < 0 */
    assert_int_equal(nd_topk(a, 6, 1, true, &v, &ix), ND_ERR_VALUE);
    assert_ptr_equal(v, (nd_array *)1); /* nothing is written on error */
    assert_ptr_equal(ix, (nd_array *)1);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_topk: k 6 is out of range for an axis of size 5");
    assert_int_equal(nd_topk(a, -1, NONE, false, &v, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "k -1 is out of range for an axis of size 10");
    assert_int_equal(nd_topk(a, 1, 2, false, &v, NULL), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_topk: axis 2");
    assert_int_equal(nd_topk(a, 1, 0, false, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_topk: values and indices are both NULL");

    /* NULL arrays: an error of their own, or the pending one kept */
    assert_null(nd_sort(NULL, 0, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_sort: argument 'a' is NULL");
    assert_int_equal(nd_sort_inplace(NULL, 0, false), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_sort_inplace: argument 'a' is NULL");
    assert_int_equal(nd_topk(NULL, 1, 0, true, &v, &ix), ND_ERR_NULL);
    assert_ptr_equal(v, (nd_array *)1);
    assert_ptr_equal(ix, (nd_array *)1);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_topk: argument 'a' is NULL");
    /* a failed call feeds NULL to the next: the first message stays */
    assert_null(nd_argsort(nd_sort(a, 7, false), 0, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_sort: axis 7");
    assert_null(nd_partition(nd_argsort(a, 9, false), 0, 0));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_argsort: axis 9");
    assert_null(nd_argpartition(nd_partition(a, 99, 0), 0, 0));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_partition: kth 99");
    assert_int_equal(nd_sort_inplace(nd_argpartition(a, 0, 4), 0, false), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_argpartition: axis 4");
    assert_int_equal(nd_topk(nd_sort(a, 8, false), 1, 0, true, &v, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_sort: axis 8");
    assert_null(nd_sort(NULL, 0, false));
    assert_int_equal(nd_topk(a, 1, 0, true, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_sort: argument 'a' is NULL");

    /* read-only targets for sort_inplace: a broadcast view and read-only wrap */
    nd_array *row = nd_slice_axis(a, 0, 0, 1, 1);
    nd_array *bc = nd_broadcast_to(row, 2, SH(3, 5));
    assert_int_equal(nd_sort_inplace(bc, 1, false), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_sort_inplace: array is read-only");
    assert_int_equal(nd_sort_inplace(bc, NONE, false), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "read-only");
    /* a writeable view with a stride-0 axis (user memory) */
    double mem[5] = {3, 1, 2, 5, 4};
    nd_array *z = nd_wrap(mem, 2, SH(4, 5), SH(0, 1), ND_FLOAT64, NULL, NULL);
    if (z && nd_is_writeable(z)) {
        assert_int_equal(nd_sort_inplace(z, 1, false), ND_ERR_READONLY);
        ND_ASSERT_ERROR(ND_ERR_READONLY, "stride 0 along axis 0");
        assert_memory_equal(mem, ((const double[]){3, 1, 2, 5, 4}), sizeof mem);
    }
    nd_clear_error();
    nd_free(z), nd_free(bc), nd_free(row);

    /* inputs unchanged by any of the above */
    assert_memory_equal(nd_data(a), nd_data(before), nd_nbytes(a));
    nd_free(before), nd_free(a);
}

/* An allocator that refuses blocks above a size: scratch fails, nothing is
 * written, the status says so. */
static size_t g_limit;
static void *limited_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (size > g_limit) return NULL;
    void *p = NULL;
    return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1) ? NULL : p;
}
static void limited_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

static void test_out_of_memory(void **state) {
    (void)state;
    const int64_t n = 400000;
    nd_array *a = random_array(ND_FLOAT32, 1, SH(n), false);
    nd_array *before = nd_copy(a);
    nd_array *m = nd_reshape(a, 2, SH(400, 1000));
    nd_array *t = nd_transpose(m, NULL);
    g_limit = 1 << 20; /* the arrays are 1.6 MB */
    ND_ASSERT_OK(nd_set_allocator(&(nd_allocator){limited_alloc, limited_free, NULL}));
    assert_int_equal(nd_sort_inplace(a, 0, false), ND_ERR_NOMEM);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_sort_inplace: out of memory");
    assert_int_equal(nd_sort_inplace(t, NONE, false), ND_ERR_NOMEM);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_sort_inplace");
    assert_null(nd_sort(a, 0, false));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_sort");
    nd_array *v = (nd_array *)1;
    assert_int_equal(nd_topk(a, 3, 0, true, &v, NULL), ND_ERR_NOMEM);
    assert_ptr_equal(v, (nd_array *)1);
    nd_clear_error();
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_memory_equal(nd_data(a), nd_data(before), nd_nbytes(a));
    nd_free(t), nd_free(m), nd_free(before), nd_free(a);

    /* a long lane whose keys share their top bits: one bucket, so its
     * temporaries (12 bytes an element for argsort) outgrow the int64
     * result (8) and the up-front scratch (4); they are allocated per lane,
     * after the result, and their failure is reported */
    nd_array *same = nd_full(1, SH(n), ND_FLOAT32, 1.5);
    for (int threads = 1; threads <= 2; threads++) {
        ND_ASSERT_OK(nd_set_num_threads(threads));
        g_limit = (size_t)n * 10;
        ND_ASSERT_OK(nd_set_allocator(&(nd_allocator){limited_alloc, limited_free, NULL}));
        assert_null(nd_argsort(same, 0, true));
        ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_argsort: out of memory allocating the buckets");
        ND_ASSERT_OK(nd_set_allocator(NULL));
        nd_array *ok = nd_argsort(same, 0, true); /* and without the limit: 0, 1, 2, ... */
        ND_ASSERT_ARRAY(ok);
        for (int64_t i = 0; i < n; i++) assert_int_equal(((const int64_t *)nd_data(ok))[i], i);
        nd_free(ok);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(same);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_2d),          cmocka_unit_test(test_numpy_nan_zero),
        cmocka_unit_test(test_numpy_partition),   cmocka_unit_test(test_numpy_extremes),
        cmocka_unit_test(test_numpy_topk),        cmocka_unit_test(test_every_dtype_axis),
        cmocka_unit_test(test_layouts),           cmocka_unit_test(test_inplace_views),
        cmocka_unit_test(test_zero_d_and_empty),  cmocka_unit_test(test_nan_placement),
        cmocka_unit_test(test_long_lane_specials), cmocka_unit_test(test_stability),
        cmocka_unit_test(test_large_vs_qsort),    cmocka_unit_test(test_threaded_lanes),
        cmocka_unit_test(test_partition_patterns), cmocka_unit_test(test_select_adversary),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

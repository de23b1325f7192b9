/* Tests of the creation functions (src/ops/create.c): empty, zeros, ones,
 * full and their _like forms, scalars, arange, linspace, eye, from_data,
 * against values generated with NumPy 1.24, and every bad input. */
#include "nd_test.h"
#include "data/create_cases.h"

#include <stdlib.h>

static const nd_dtype ALL[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                               ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NALL (int)(sizeof ALL / sizeof ALL[0])

/* Element i of a (C order, contiguous) as its raw bits, zero-extended. */
static uint64_t bits_at(const nd_array *a, int64_t i) {
    uint64_t v = 0;
    size_t isz = nd_itemsize(a);
    memcpy(&v, (const char *)nd_data(a) + (size_t)i * isz, isz); /* little-endian */
    return v;
}

/* Asserts a is a fresh C-contiguous 1-d array of dtype dt holding exactly
 * the n values whose raw bits are given. */
static void expect_bits(const nd_array *a, nd_dtype dt, int64_t n, const uint64_t *bits) {
    if (!a) fail_msg("NULL array: %s", nd_errmsg());
    assert_int_equal(nd_dtype_of(a), dt);
    assert_int_equal(nd_ndim(a), 1);
    assert_int_equal(nd_size(a), n);
    assert_true(nd_is_c_contiguous(a));
    for (int64_t i = 0; i < n; i++)
        if (bits_at(a, i) != bits[i])
            fail_msg("%s element %lld: bits %#llx, expected %#llx", nd_dtype_name(dt), (long long)i,
                     (unsigned long long)bits_at(a, i), (unsigned long long)bits[i]);
}

/* The bits of value converted to dt by nd_astype (the reference for full). */
static uint64_t astype_bits(double value, nd_dtype dt) {
    nd_array *s = nd_wrap(&value, 0, NULL, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *c = nd_astype(s, dt);
    ND_ASSERT_ARRAY(c);
    uint64_t v = bits_at(c, 0);
    nd_free(c);
    nd_free(s);
    return v;
}

static void expect_fresh(const nd_array *a, nd_dtype dt, int ndim, const int64_t *shape) {
    nd_test_shape(a, ndim, shape);
    assert_int_equal(nd_dtype_of(a), dt);
    assert_true(nd_is_c_contiguous(a));
    assert_true(nd_is_writeable(a));
    assert_int_equal((uintptr_t)nd_data(a) % 64, 0);
}

/* ------------------------------------------------------------ fills */

static void test_empty_zeros_ones_full(void **state) {
    (void)state;
    const int64_t shapes[][3] = {{2, 3, 4}, {5, 0, 2}, {1, 1, 1}};
    const int ndims[] = {3, 3, 0};
    const double values[] = {-1.5, 300.7, NAN, 1e20, -0.0, INFINITY, 2.5, 65535.9};
    for (int d = 0; d < NALL; d++) {
        nd_dtype dt = ALL[d];
        for (int s = 0; s < 3; s++) {
            const int64_t *sh = shapes[s];
            int nd = ndims[s];
            nd_array *e = nd_empty(nd, sh, dt);
            ND_ASSERT_ARRAY(e);
            expect_fresh(e, dt, nd, sh);
            nd_free(e);
            nd_array *z = nd_zeros(nd, sh, dt);
            ND_ASSERT_ARRAY(z);
            expect_fresh(z, dt, nd, sh);
            for (int64_t i = 0; i < nd_size(z); i++) assert_int_equal(bits_at(z, i), 0);
            nd_free(z);
            nd_array *o = nd_ones(nd, sh, dt);
            ND_ASSERT_ARRAY(o);
            expect_fresh(o, dt, nd, sh);
            for (int64_t i = 0; i < nd_size(o); i++) assert_int_equal(bits_at(o, i), astype_bits(1.0, dt));
            nd_free(o);
            for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
                nd_array *f = nd_full(nd, sh, dt, values[v]);
                ND_ASSERT_ARRAY(f);
                expect_fresh(f, dt, nd, sh);
                uint64_t want = astype_bits(values[v], dt);
                for (int64_t i = 0; i < nd_size(f); i++) assert_int_equal(bits_at(f, i), want);
                nd_free(f);
            }
        }
    }
    /* a few conversions spelled out, from np.full(3, v, dtype=...) */
    int64_t three = 3;
    struct { double v; nd_dtype dt; uint64_t bits; } lit[] = {
        {300.7, ND_INT8, 0x2c},      {-1.5, ND_UINT8, 0xff},          {NAN, ND_BOOL, 1},
        {-0.0, ND_BOOL, 0},          {-0.0, ND_FLOAT64, 1ULL << 63},  {70000.5, ND_INT16, 0x1170},
        {1e300, ND_FLOAT32, 0x7f800000}, {-1.5, ND_UINT64, 0xffffffffffffffffULL},
    };
    for (size_t i = 0; i < sizeof lit / sizeof lit[0]; i++) {
        nd_array *f = nd_full(1, &three, lit[i].dt, lit[i].v);
        uint64_t want[3] = {lit[i].bits, lit[i].bits, lit[i].bits};
        expect_bits(f, lit[i].dt, 3, want);
        nd_free(f);
    }
}

/* Fills are done by doubling copies: check every element of sizes that
 * are not powers of two, large enough to run many rounds. */
static void test_large_fill(void **state) {
    (void)state;
    const int64_t sizes[] = {1, 2, 3, 1000003};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        nd_array *a = nd_full(1, &sizes[s], ND_INT16, -2);
        ND_ASSERT_ARRAY(a);
        const int16_t *p = nd_data(a);
        for (int64_t i = 0; i < sizes[s]; i++)
            if (p[i] != -2) fail_msg("size %lld element %lld is %d", (long long)sizes[s], (long long)i, p[i]);
        nd_free(a);
        nd_array *z = nd_zeros(1, &sizes[s], ND_FLOAT64);
        const double *q = nd_data(z);
        for (int64_t i = 0; i < sizes[s]; i++) assert_true(q[i] == 0 && !signbit(q[i]));
        nd_free(z);
    }
}

/* ------------------------------------------------------------ bad shapes and dtypes */

typedef nd_array *(*make_fn)(int ndim, const int64_t *shape, nd_dtype dt);
static nd_array *full_7(int ndim, const int64_t *shape, nd_dtype dt) { return nd_full(ndim, shape, dt, 7); }
static nd_array *from_data_buf(int ndim, const int64_t *shape, nd_dtype dt) {
    static double buf[64];
    return nd_from_data(buf, ndim, shape, dt);
}

static void test_creation_errors(void **state) {
    (void)state;
    struct { make_fn f; const char *name; } fns[] = {
        {nd_empty, "nd_empty"}, {nd_zeros, "nd_zeros"}, {nd_ones, "nd_ones"},
        {full_7, "nd_full"},    {from_data_buf, "nd_from_data"},
    };
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        make_fn f = fns[k].f;
        const char *name = fns[k].name;
        int64_t shape[2] = {2, 3}, keep[2] = {2, 3};
        char msg[128];

        assert_null(f(2, shape, ND_NUM_DTYPES));
        snprintf(msg, sizeof msg, "%s: invalid dtype", name);
        ND_ASSERT_ERROR(ND_ERR_DTYPE, msg);
        assert_null(f(2, shape, (nd_dtype)-1));
        ND_ASSERT_ERROR(ND_ERR_DTYPE, "invalid dtype -1");

        assert_null(f(-1, shape, ND_FLOAT64));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim -1 is outside [0, 32]");
        assert_null(f(ND_MAX_DIMS + 1, shape, ND_FLOAT64));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim 33");

        assert_null(f(2, NULL, ND_FLOAT64));
        snprintf(msg, sizeof msg, "%s: argument 'shape' is NULL", name);
        ND_ASSERT_ERROR(ND_ERR_NULL, msg);

        shape[1] = -3;
        keep[1] = -3;
        assert_null(f(2, shape, ND_INT32));
        snprintf(msg, sizeof msg, "%s: negative dimension in shape (2,-3)", name);
        ND_ASSERT_ERROR(ND_ERR_VALUE, msg);
        assert_memory_equal(shape, keep, sizeof shape);

        /* (2^62, 4) elements: 2^64 overflows; (2^60, 4) float64: the bytes do */
        int64_t big[2] = {INT64_C(1) << 62, 4};
        assert_null(f(2, big, ND_FLOAT64));
        snprintf(msg, sizeof msg, "%s: array of shape (4611686018427387904,4)", name);
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, msg);
        big[0] = INT64_C(1) << 60;
        assert_null(f(2, big, ND_FLOAT64));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
        int64_t many[ND_MAX_DIMS];
        for (int i = 0; i < ND_MAX_DIMS; i++) many[i] = 1000;
        assert_null(f(ND_MAX_DIMS, many, ND_BOOL));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
        /* as NumPy, a zero does not excuse the other sizes overflowing */
        many[7] = 0;
        assert_null(f(ND_MAX_DIMS, many, ND_BOOL));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
        /* np.empty((0, 2**40, 2**20)) is refused too: 2^60 float64s */
        int64_t empty[3] = {0, INT64_C(1) << 40, 1 << 20};
        assert_null(f(3, empty, ND_FLOAT64));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
        empty[2] = 1 << 10; /* 2^50 float64s would fit: fine when empty */
        nd_array *z = f(3, empty, ND_FLOAT64);
        ND_ASSERT_ARRAY(z);
        assert_int_equal(nd_size(z), 0);
        nd_free(z);
        /* ndim 0 needs no shape */
        nd_array *s = f(0, NULL, ND_UINT16);
        ND_ASSERT_ARRAY(s);
        assert_int_equal(nd_size(s), 1);
        nd_free(s);
        /* the maximum rank works */
        int64_t ones[ND_MAX_DIMS];
        for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
        nd_array *m = f(ND_MAX_DIMS, ones, ND_INT8);
        ND_ASSERT_ARRAY(m);
        assert_int_equal(nd_ndim(m), ND_MAX_DIMS);
        nd_free(m);
    }
    assert_int_equal(nd_last_status(), ND_OK);
}

/* ------------------------------------------------------------ _like */

static void test_like(void **state) {
    (void)state;
    double buf[24];
    for (int i = 0; i < 24; i++) buf[i] = i;
    struct {
        int ndim;
        int64_t shape[3], strides[3], offset;
        int64_t want[3]; /* the strides NumPy's order='K' gives */
    } cases[] = {
        {3, {2, 3, 4}, {12, 4, 1}, 0, {12, 4, 1}},   /* C */
        {3, {2, 3, 4}, {1, 2, 6}, 0, {1, 2, 6}},     /* F */
        {3, {3, 2, 4}, {4, 12, 1}, 0, {4, 12, 1}},   /* axes 0 and 1 swapped */
        {2, {4, 3}, {1, 4}, 0, {1, 4}},              /* transposed */
        {2, {3, 4}, {4, -1}, 3, {4, 1}},             /* last axis reversed */
        {2, {3, 4}, {-8, 1}, 16, {4, 1}},            /* every other row, reversed */
        {2, {3, 4}, {0, 1}, 0, {1, 3}},              /* broadcast rows: stride 0 sorts inner */
        {1, {6}, {-2}, 22, {1}},                     /* 1-d strided */
        {3, {2, 1, 3}, {1, 99, 2}, 0, {1, 6, 2}},    /* F with a size-1 axis */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        nd_array *a = nd_wrap(buf + cases[c].offset, cases[c].ndim, cases[c].shape, cases[c].strides,
                              ND_FLOAT64, NULL, NULL);
        ND_ASSERT_ARRAY(a);
        nd_array *r[4] = {nd_empty_like(a), nd_zeros_like(a), nd_ones_like(a), nd_full_like(a, -2.5)};
        for (int k = 0; k < 4; k++) {
            ND_ASSERT_ARRAY(r[k]);
            nd_test_shape(r[k], cases[c].ndim, cases[c].shape);
            assert_int_equal(nd_dtype_of(r[k]), ND_FLOAT64);
            assert_true(nd_is_writeable(r[k]));
            for (int i = 0; i < cases[c].ndim; i++)
                if (cases[c].shape[i] != 1) assert_int_equal(nd_strides(r[k])[i], cases[c].want[i]);
            if (k == 0) continue;
            double want = k == 1 ? 0 : k == 2 ? 1 : -2.5;
            const double *p = nd_data(r[k]);
            for (int64_t i = 0; i < nd_size(r[k]); i++) assert_true(p[i] == want);
        }
        for (int k = 0; k < 4; k++) nd_free(r[k]);
        nd_free(a);
    }
    /* dtype follows a; values convert as astype */
    int64_t sh[2] = {2, 2};
    nd_array *i8 = nd_zeros(2, sh, ND_INT8);
    nd_array *f = nd_full_like(i8, 300.7);
    assert_int_equal(nd_dtype_of(f), ND_INT8);
    for (int i = 0; i < 4; i++) assert_int_equal(((int8_t *)nd_data(f))[i], 44);
    nd_free(f);
    nd_array *o = nd_ones_like(i8);
    for (int i = 0; i < 4; i++) assert_int_equal(((int8_t *)nd_data(o))[i], 1);
    nd_free(o);
    /* 0-d and empty */
    nd_array *s = nd_scalar(3, ND_UINT32);
    nd_array *sl = nd_full_like(s, 9);
    assert_int_equal(nd_ndim(sl), 0);
    assert_int_equal(*(uint32_t *)nd_data(sl), 9);
    nd_free(sl);
    nd_free(s);
    int64_t esh[2] = {0, 5};
    nd_array *e = nd_empty(2, esh, ND_BOOL);
    nd_array *el = nd_ones_like(e);
    nd_test_shape(el, 2, esh);
    nd_free(el);
    nd_free(e);
    nd_free(i8);

    /* NULL: an error naming the function, and a pending error is kept */
    assert_null(nd_zeros_like(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_zeros_like: argument 'a' is NULL");
    assert_null(nd_empty(-1, NULL, ND_INT8));
    assert_null(nd_full_like(NULL, 1));
    assert_null(nd_ones_like(NULL));
    assert_null(nd_empty_like(NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_empty: ndim -1");
}

/* ------------------------------------------------------------ scalars */

static void test_scalar(void **state) {
    (void)state;
    for (int d = 0; d < NALL; d++) {
        nd_array *s = nd_scalar(-1.5, ALL[d]);
        ND_ASSERT_ARRAY(s);
        expect_fresh(s, ALL[d], 0, NULL);
        assert_int_equal(nd_size(s), 1);
        assert_int_equal(bits_at(s, 0), astype_bits(-1.5, ALL[d]));
        nd_free(s);
    }
    /* np.array(v, dtype=np.int64).astype(dt): exact, wrapping or rounding */
    struct { int64_t v; nd_dtype dt; uint64_t bits; } c[] = {
        {INT64_MAX, ND_INT64, 0x7fffffffffffffffULL},
        {INT64_MIN, ND_INT64, 0x8000000000000000ULL},
        {-1, ND_UINT64, 0xffffffffffffffffULL},           /* 2^64 - 1, via its int64 bits */
        {INT64_MIN + 1, ND_UINT64, 0x8000000000000001ULL},
        {(INT64_C(1) << 53) + 1, ND_INT64, 0x20000000000001ULL},
        {(INT64_C(1) << 53) + 1, ND_FLOAT64, 0x4340000000000000ULL}, /* rounds to 2^53 */
        {INT64_MAX, ND_FLOAT64, 0x43e0000000000000ULL},
        {INT64_MAX, ND_FLOAT32, 0x5f000000ULL},
        {(INT64_C(1) << 24) + 1, ND_FLOAT32, 0x4b800000ULL},
        {300, ND_INT8, 0x2c},
        {-1, ND_UINT8, 0xff},
        {65536 + 7, ND_UINT16, 7},
        {INT64_C(1) << 32, ND_BOOL, 1},
        {0, ND_BOOL, 0},
        {-129, ND_INT8, 0x7f},
        {INT64_C(0x123456789), ND_INT32, 0x23456789},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        nd_array *s = nd_scalar_i64(c[i].v, c[i].dt);
        ND_ASSERT_ARRAY(s);
        expect_fresh(s, c[i].dt, 0, NULL);
        if (bits_at(s, 0) != c[i].bits)
            fail_msg("case %zu: %lld as %s gave %#llx", i, (long long)c[i].v, nd_dtype_name(c[i].dt),
                     (unsigned long long)bits_at(s, 0));
        nd_free(s);
    }
    assert_null(nd_scalar(1, ND_NUM_DTYPES));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_scalar: invalid dtype 11");
    assert_null(nd_scalar_i64(1, (nd_dtype)99));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_scalar_i64: invalid dtype 99");
}

/* ------------------------------------------------------------ arange */

typedef struct range_case {
    double start, stop, step;
    nd_dtype dt;
    int64_t n;
    uint64_t bits[12];
} range_case;

/* Generated with /usr/bin/python3 and NumPy 1.24 by the script at the end of
 * this file. Integral start and step give NumPy's values exactly. */
static const range_case ARANGE_NUMPY[] = {
    {0.0, 10.0, 1.0, ND_INT64, 10, {0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9}},
    {250.0, 260.0, 1.0, ND_UINT8, 10, {0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff, 0x0, 0x1, 0x2, 0x3}},
    {0.0, 1000.0, 100.0, ND_INT8, 10, {0x0, 0x64, 0xc8, 0x2c, 0x90, 0xf4, 0x58, 0xbc, 0x20, 0x84}},
    {5.0, -5.0, -3.0, ND_INT16, 4, {0x5, 0x2, 0xffff, 0xfffc}},
    {-3.0, 3.0, 2.0, ND_UINT32, 3, {0xfffffffd, 0xffffffff, 0x1}},
    {0.0, 2.0, 1.0, ND_BOOL, 2, {0x0, 0x1}},
    {1.0, 3.0, 1.0, ND_BOOL, 2, {0x1, 0x1}},
    {0.0, 1.0, 1.0, ND_FLOAT32, 1, {0x0}},
    {10.0, 0.0, 1.0, ND_INT32, 0, {0}},
    {1099511627776.0, 1099511627783.0, 3.0, ND_INT64, 3, {0x10000000000, 0x10000000003, 0x10000000006}},
    {-2147483648.0, -2147483643.0, 1.0, ND_INT32, 5, {0x80000000, 0x80000001, 0x80000002, 0x80000003, 0x80000004}},
    {0.0, 6.0, 1.0, ND_UINT64, 6, {0x0, 0x1, 0x2, 0x3, 0x4, 0x5}},
    {-2.0, 2.0, 1.0, ND_UINT64, 4, {0xfffffffffffffffe, 0xffffffffffffffff, 0x0, 0x1}},
};

static void check_ranges(const range_case *c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        nd_array *a = nd_arange(c[i].start, c[i].stop, c[i].step, c[i].dt);
        if (!a) fail_msg("case %zu: %s", i, nd_errmsg());
        expect_bits(a, c[i].dt, c[i].n, c[i].bits);
        nd_free(a);
    }
}

/* Every generated case (tests/data/gen_create.py): NumPy fills from the
 * first two values, v0 + i * (v1 - v0) in the dtype, so float32 drifts as
 * NumPy's does and integer dtypes truncate start and start + step. */
static void test_arange_numpy(void **state) {
    (void)state;
    size_t n = sizeof cr_arange / sizeof cr_arange[0];
    for (size_t i = 0; i < n; i++) {
        const cr_arange_case *c = &cr_arange[i];
        nd_array *a = nd_arange(c->start, c->stop, c->step, c->dt);
        if (!a) fail_msg("case %zu: %s", i, nd_errmsg());
        if (nd_size(a) != c->n)
            fail_msg("case %zu arange(%a, %a, %a, %s): %lld values, expected %lld", i, c->start,
                     c->stop, c->step, nd_dtype_name(c->dt), (long long)nd_size(a),
                     (long long)c->n);
        for (int64_t k = 0; k < c->n; k++)
            if (bits_at(a, k) != cr_bits[c->off + k])
                fail_msg("case %zu arange(%.17g, %.17g, %.17g, %s)[%lld]: bits %#llx, expected %#llx",
                         i, c->start, c->stop, c->step, nd_dtype_name(c->dt), (long long)k,
                         (unsigned long long)bits_at(a, k),
                         (unsigned long long)cr_bits[c->off + k]);
        expect_bits(a, c->dt, c->n, cr_bits + c->off);
        nd_free(a);
    }
    /* the case: np.arange(-1.0, 1.1, 0.1, dtype=np.float32)[4] */
    nd_array *a = nd_arange(-1.0, 1.1, 0.1, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    assert_true(((const float *)nd_data(a))[4] == -0.5999999f);
    nd_free(a);
    /* values beyond int64 (uint64: beyond uint64) do not convert, as NumPy's
     * OverflowError */
    assert_null(nd_arange(-1e19, -1e19 + 4096, 2048, ND_INT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_arange: value -1e+19 of arange");
    assert_null(nd_arange(1e19, 1.00000000000001e19, 2048.5, ND_INT8));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "does not fit int64");
    assert_null(nd_arange(2e19, 2.00000000000001e19, 2048.5, ND_UINT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "does not fit uint64");
    a = nd_arange(1e19, 1.00000000000001e19, 2048.5, ND_UINT64);
    ND_ASSERT_ARRAY(a);
    nd_free(a);
}

static void test_arange(void **state) {
    (void)state;
    check_ranges(ARANGE_NUMPY, sizeof ARANGE_NUMPY / sizeof ARANGE_NUMPY[0]);

    /* integers beyond 2^53 are exact (NumPy's float delta would be 0 here) */
    double base = 9007199254740992.0; /* 2^53 */
    nd_array *a = nd_arange(base, base + 4, 1, ND_INT64);
    uint64_t want[4] = {1ULL << 53, (1ULL << 53) + 1, (1ULL << 53) + 2, (1ULL << 53) + 3};
    expect_bits(a, ND_INT64, 4, want);
    nd_free(a);
    /* uint64 values above INT64_MAX come through the float path exactly */
    a = nd_arange(9223372036854775808.0, 9223372036854775808.0 + 4096, 2048, ND_UINT64);
    uint64_t want_u[2] = {1ULL << 63, (1ULL << 63) + 2048};
    expect_bits(a, ND_UINT64, 2, want_u);
    nd_free(a);
    /* a quotient that underflows: one value, or none when it is -0 */
    a = nd_arange(0, 1e-300, 1e300, ND_FLOAT64);
    assert_int_equal(nd_size(a), 1);
    nd_free(a);
    a = nd_arange(0, -1e-300, 1e300, ND_FLOAT64);
    assert_int_equal(nd_size(a), 0);
    nd_free(a);
    a = nd_arange(3, 3, 1, ND_FLOAT64);
    assert_int_equal(nd_size(a), 0);
    nd_free(a);
    /* a long one, past the conversion batches, in float32 */
    a = nd_arange(0, 100000, 1, ND_FLOAT32);
    const float *f = nd_data(a);
    for (int i = 0; i < 100000; i++) assert_true(f[i] == (float)i);
    nd_free(a);

    /* bad inputs: status, message, nothing returned */
    assert_null(nd_arange(0, 10, 0, ND_INT32));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_arange: step must not be zero");
    assert_null(nd_arange(0, NAN, 1, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_arange: cannot compute the length of arange(0, nan, 1)");
    assert_null(nd_arange(0, 1, NAN, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "cannot compute the length");
    assert_null(nd_arange(0, INFINITY, 1, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_arange: the length of arange(0, inf, 1) overflows");
    assert_null(nd_arange(0, -INFINITY, 1, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "overflows");
    assert_null(nd_arange(0, 1e300, 1e-300, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "overflows");
    assert_null(nd_arange(0, 9.3e18, 1, ND_INT8));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "overflows");
    assert_null(nd_arange(0, 4e18, 1, ND_FLOAT64)); /* a valid length, too many bytes */
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_arange: array of shape (4000000000000000000,)");
    assert_null(nd_arange(0, 3, 1, ND_BOOL));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_arange: bool results are supported for at most 2 values, not 3");
    assert_null(nd_arange(0, 3, 1, ND_NUM_DTYPES));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_arange: invalid dtype");
}

/* ------------------------------------------------------------ linspace */

typedef struct lin_case {
    double start, stop;
    int64_t num;
    bool endpoint;
    nd_dtype dt;
    int64_t n;
    uint64_t bits[12];
} lin_case;

/* np.linspace(start, stop, num, endpoint=..., dtype=...), NumPy 1.24 (script
 * at the end of this file): bit for bit, including integer flooring. */
static const lin_case LINSPACE[] = {
    {0.0, 1.0, 5, true, ND_FLOAT64, 5, {0x0, 0x3fd0000000000000, 0x3fe0000000000000, 0x3fe8000000000000, 0x3ff0000000000000}},
    {0.0, 1.0, 5, false, ND_FLOAT64, 5, {0x0, 0x3fc999999999999a, 0x3fd999999999999a, 0x3fe3333333333334, 0x3fe999999999999a}},
    {0.1, 0.9, 7, true, ND_FLOAT64, 7, {0x3fb999999999999a, 0x3fcdddddddddddde, 0x3fd7777777777778, 0x3fe0000000000000, 0x3fe4444444444444, 0x3fe8888888888888, 0x3feccccccccccccd}},
    {1.0, -1.0, 4, false, ND_FLOAT32, 4, {0x3f800000, 0x3f000000, 0x0, 0xbf000000}},
    {-2.5, 2.5, 7, true, ND_INT64, 7, {0xfffffffffffffffd, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0, 0x0, 0x1, 0x2}},
    {0.0, 300.0, 4, true, ND_INT8, 4, {0x0, 0x64, 0xc8, 0x2c}},
    {-1.0, 1.0, 3, true, ND_UINT8, 3, {0xff, 0x0, 0x1}},
    {0.0, 1.0, 3, true, ND_BOOL, 3, {0x0, 0x1, 0x1}},
    {0.0, 1.0, 1, true, ND_FLOAT64, 1, {0x0}},
    {0.0, 1.0, 1, false, ND_FLOAT64, 1, {0x0}},
    {0.0, 1.0, 0, true, ND_FLOAT64, 0, {0}},
    {0.0, 5e-324, 4, true, ND_FLOAT64, 4, {0x0, 0x0, 0x1, 0x1}},
    {0.0, INFINITY, 1, true, ND_FLOAT64, 1, {0xfff8000000000000}},
    {2.0, 2.0, 3, true, ND_INT32, 3, {0x2, 0x2, 0x2}},
    {1e+300, -1e+300, 5, true, ND_FLOAT64, 5, {0x7e37e43c8800759c, 0x7e27e43c8800759c, 0x0, 0xfe27e43c8800759c, 0xfe37e43c8800759c}},
    {0.0, 10.0, 12, false, ND_UINT16, 12, {0x0, 0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x5, 0x6, 0x7, 0x8, 0x9}},
    {-7.0, 7.0, 12, true, ND_FLOAT32, 12, {0xc0e00000, 0xc0b745d1, 0xc08e8ba3, 0xc04ba2e9, 0xbff45d17, 0xbf22e8ba, 0x3f22e8ba, 0x3ff45d17, 0x404ba2e9, 0x408e8ba3, 0x40b745d1, 0x40e00000}},
    {3.0, -3.5, 9, true, ND_INT16, 9, {0x3, 0x2, 0x1, 0x0, 0xffff, 0xfffe, 0xfffe, 0xfffd, 0xfffc}},
};

static void test_linspace(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof LINSPACE / sizeof LINSPACE[0]; i++) {
        const lin_case *c = &LINSPACE[i];
        nd_array *a = nd_linspace(c->start, c->stop, c->num, c->endpoint, c->dt);
        if (!a) fail_msg("case %zu: %s", i, nd_errmsg());
        expect_bits(a, c->dt, c->n, c->bits);
        nd_free(a);
    }
    /* long: the last value is exactly stop, the rest i*step + start */
    int64_t n = 1000001;
    nd_array *a = nd_linspace(-1, 3, n, true, ND_FLOAT64);
    const double *p = nd_data(a);
    double step = 4.0 / (double)(n - 1);
    for (int64_t i = 0; i < n - 1; i++) assert_true(p[i] == (double)i * step + -1.0);
    assert_true(p[n - 1] == 3.0);
    nd_free(a);

    assert_null(nd_linspace(0, 1, -1, true, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_linspace: number of samples, -1, must be non-negative");
    assert_null(nd_linspace(0, 1, 5, true, (nd_dtype)12));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_linspace: invalid dtype 12");
    assert_null(nd_linspace(0, 1, INT64_C(1) << 62, true, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_linspace: array of shape (4611686018427387904,)");
}

/* ------------------------------------------------------------ eye */

static void test_eye(void **state) {
    (void)state;
    struct { int64_t n, m, k; nd_dtype dt; int64_t rows, cols; const char *ones; } c[] = {
        {3, -1, 0, ND_FLOAT64, 3, 3, "100010001"},
        {3, 4, 1, ND_FLOAT32, 3, 4, "010000100001"},
        {3, 2, -1, ND_INT16, 3, 2, "001001"},
        {2, 3, 5, ND_UINT8, 2, 3, "000000"},
        {2, 3, -2, ND_INT64, 2, 3, "000000"},
        {2, 3, -1, ND_BOOL, 2, 3, "000100"},
        {4, 2, -3, ND_INT32, 4, 2, "00000010"},
        {2, 2, INT64_MAX, ND_INT8, 2, 2, "0000"},
        {2, 2, INT64_MIN, ND_INT8, 2, 2, "0000"},
        {0, -1, 0, ND_FLOAT64, 0, 0, ""},
        {0, 3, 1, ND_FLOAT64, 0, 3, ""},
        {3, 0, 0, ND_UINT64, 3, 0, ""},
        {1, -5, 0, ND_UINT16, 1, 1, "1"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        nd_array *e = nd_eye(c[i].n, c[i].m, c[i].k, c[i].dt);
        ND_ASSERT_ARRAY(e);
        int64_t sh[2] = {c[i].rows, c[i].cols};
        expect_fresh(e, c[i].dt, 2, sh);
        for (int64_t j = 0; j < nd_size(e); j++)
            if (bits_at(e, j) != (c[i].ones[j] == '1' ? astype_bits(1, c[i].dt) : 0))
                fail_msg("case %zu element %lld", i, (long long)j);
        nd_free(e);
    }
    nd_array *big = nd_eye(1000, 999, 0, ND_FLOAT64);
    const double *p = nd_data(big);
    for (int64_t r = 0; r < 1000; r++)
        for (int64_t col = 0; col < 999; col++) assert_true(p[r * 999 + col] == (r == col ? 1.0 : 0.0));
    nd_free(big);

    assert_null(nd_eye(-2, 3, 0, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_eye: negative dimension in shape (-2,3)");
    assert_null(nd_eye(-2, -1, 0, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative dimension in shape (-2,-2)");
    assert_null(nd_eye(3, 3, 0, ND_NUM_DTYPES));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_eye: invalid dtype");
    assert_null(nd_eye(INT64_C(1) << 32, INT64_C(1) << 32, 0, ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_eye: array of shape (4294967296,4294967296)");
}

/* ------------------------------------------------------------ from_data */

static void test_from_data(void **state) {
    (void)state;
    unsigned char src[48];
    for (int i = 0; i < 48; i++) src[i] = (unsigned char)(i * 37 + 1);
    unsigned char keep[48];
    memcpy(keep, src, sizeof src);
    for (int d = 0; d < NALL; d++) {
        size_t isz = nd_dtype_size(ALL[d]);
        int64_t shape[2] = {2, (int64_t)(48 / isz / 2)};
        nd_array *a = nd_from_data(src, 2, shape, ALL[d]);
        ND_ASSERT_ARRAY(a);
        expect_fresh(a, ALL[d], 2, shape);
        assert_ptr_not_equal(nd_data(a), src);
        assert_memory_equal(nd_data(a), src, 48);
        src[0] ^= 0xff; /* a copy: later changes to the source do not show */
        assert_int_equal(((unsigned char *)nd_data(a))[0], keep[0]);
        src[0] ^= 0xff;
        nd_free(a);
    }
    assert_memory_equal(src, keep, sizeof src);
    /* 0-d, and empty arrays without data */
    int64_t v = -77;
    nd_array *s = nd_from_data(&v, 0, NULL, ND_INT64);
    assert_int_equal(*(int64_t *)nd_data(s), -77);
    nd_free(s);
    int64_t esh[2] = {3, 0};
    nd_array *e = nd_from_data(NULL, 2, esh, ND_FLOAT32);
    ND_ASSERT_ARRAY(e);
    nd_test_shape(e, 2, esh);
    nd_free(e);

    int64_t sh[1] = {4};
    assert_null(nd_from_data(NULL, 1, sh, ND_FLOAT32));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_from_data: argument 'data' is NULL");
    int64_t huge[2] = {INT64_C(1) << 62, 4};
    assert_null(nd_from_data(NULL, 2, huge, ND_FLOAT64)); /* the size, not the pointer */
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_from_data: array of shape (4611686018427387904,4)");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty_zeros_ones_full, clear),
        cmocka_unit_test_setup(test_large_fill, clear),
        cmocka_unit_test_setup(test_creation_errors, clear),
        cmocka_unit_test_setup(test_like, clear),
        cmocka_unit_test_setup(test_scalar, clear),
        cmocka_unit_test_setup(test_arange, clear),
        cmocka_unit_test_setup(test_arange_numpy, clear),
        cmocka_unit_test_setup(test_linspace, clear),
        cmocka_unit_test_setup(test_eye, clear),
        cmocka_unit_test_setup(test_from_data, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The tables above come from this script (/usr/bin/python3, NumPy 1.24.2):

import numpy as np, warnings
warnings.simplefilter("ignore")
T = ['bool','int8','int16','int32','int64','uint8','uint16','uint32','uint64','float32','float64']
E = {t: 'ND_' + t.upper() for t in T}
U = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}
def bits(a):
    a = np.ascontiguousarray(a)
    return [int(v) for v in a.view(U[a.dtype.itemsize]).astype(np.uint64)]
def c(v):
    return repr(float(v)).replace('inf', 'INFINITY').replace('nan', 'NAN')
def row(head, a):
    return '    {%s, %d, {%s}},' % (head, len(a), ', '.join('%#x' % b for b in bits(a)[:12]) or '0')
ar = [(0, 10, 1, 'int64'), (250, 260, 1, 'uint8'), (0, 1000, 100, 'int8'), (5, -5, -3, 'int16'),
      (-3, 3, 2, 'uint32'), (0, 2, 1, 'bool'), (1, 3, 1, 'bool'), (0, 1, 1, 'float32'),
      (10, 0, 1, 'int32'), (2**40, 2**40 + 7, 3, 'int64'),
      (-2**31, -2**31 + 5, 1, 'int32'), (0, 6, 1, 'uint64'), (-2, 2, 1, 'uint64')]
for s, e, st, t in ar:                                   # ARANGE_NUMPY
    print(row('%s, %s, %s, %s' % (c(s), c(e), c(st), E[t]), np.arange(s, e, st, dtype=t)))
ls = [(0, 1, 5, True, 'float64'), (0, 1, 5, False, 'float64'), (0.1, 0.9, 7, True, 'float64'),
      (1, -1, 4, False, 'float32'), (-2.5, 2.5, 7, True, 'int64'), (0, 300, 4, True, 'int8'),
      (-1, 1, 3, True, 'uint8'), (0, 1, 3, True, 'bool'), (0, 1, 1, True, 'float64'),
      (0, 1, 1, False, 'float64'), (0, 1, 0, True, 'float64'), (0, 5e-324, 4, True, 'float64'),
      (0, np.inf, 1, True, 'float64'), (2, 2, 3, True, 'int32'), (1e300, -1e300, 5, True, 'float64'),
      (0, 10, 12, False, 'uint16'), (-7, 7, 12, True, 'float32'), (3, -3.5, 9, True, 'int16')]
for s, e, n, ep, t in ls:                                # LINSPACE
    print(row('%s, %s, %d, %s, %s' % (c(s), c(e), n, 'true' if ep else 'false', E[t]),
              np.linspace(s, e, n, endpoint=ep, dtype=t)))
*/

/* Tests for nd_einsum: the NumPy-generated cases of data/einsum_cases.h
 * (every subscript feature, layouts, 0-d and empty operands, dtypes), the
 * result's ownership and layout, larger products against plain loops, and
 * the errors for malformed subscripts and mismatched operands. */
#include "nd_test.h"

#include "data/einsum_cases.h"

#include <stdlib.h>

static nd_array *make_input(const ein_input *in) {
    nd_array *base = nd_test_array(in->dtype, in->ndim, in->shape, ein_pool + in->off);
    if (!base) fail_msg("input: %s", nd_errmsg());
    nd_array *a = base;
    if (in->index) {
        a = nd_view(base, in->index);
        nd_free(base);
        if (!a) fail_msg("nd_view(\"%s\"): %s", in->index, nd_errmsg());
    }
    if (in->transpose) {
        nd_array *t = nd_transpose(a, NULL);
        nd_free(a);
        if (!t) fail_msg("nd_transpose: %s", nd_errmsg());
        a = t;
    }
    return a;
}

/* Exact comparison, naming the case on failure. */
static void expect_case(const ein_case *c, const nd_array *r) {
    if (!r) fail_msg("\"%s\": NULL: %s", c->subs, nd_errmsg());
    if (nd_dtype_of(r) != c->rdtype)
        fail_msg("\"%s\": dtype %s, expected %s", c->subs, nd_dtype_name(nd_dtype_of(r)),
                 nd_dtype_name(c->rdtype));
    if (nd_ndim(r) != c->rndim) fail_msg("\"%s\": ndim %d, expected %d", c->subs, nd_ndim(r), c->rndim);
    for (int d = 0; d < c->rndim; d++)
        if (nd_shape(r)[d] != c->rshape[d])
            fail_msg("\"%s\": axis %d has length %lld, expected %lld", c->subs, d,
                     (long long)nd_shape(r)[d], (long long)c->rshape[d]);
    if (!nd_is_c_contiguous(r)) fail_msg("\"%s\": result is not C-contiguous", c->subs);
    nd_array *f = nd_astype(r, ND_FLOAT64);
    assert_non_null(f);
    const double *v = nd_data(f);
    for (int64_t i = 0; i < c->size; i++)
        if (v[i] != ein_pool[c->off + i]) {
            double got = v[i];
            nd_free(f);
            fail_msg("\"%s\": element %lld is %.17g, expected %.17g", c->subs, (long long)i, got,
                     ein_pool[c->off + i]);
        }
    nd_free(f);
}

/* Snapshot of an array's values, to check inputs are left alone. */
static double *snapshot(const nd_array *a) {
    nd_array *f = nd_astype(a, ND_FLOAT64);
    assert_non_null(f);
    size_t n = (size_t)nd_size(a);
    double *s = malloc(sizeof(double) * (n ? n : 1));
    assert_non_null(s);
    if (n) memcpy(s, nd_data(f), sizeof(double) * n);
    nd_free(f);
    return s;
}

static void test_numpy_cases(void **state) {
    (void)state;
    assert_true(EIN_NCASES >= 40);
    for (int k = 0; k < EIN_NCASES; k++) {
        const ein_case *c = &ein_cases[k];
        nd_array *ops[6] = {NULL};
        double *snaps[6] = {NULL};
        for (int i = 0; i < c->n; i++) {
            ops[i] = make_input(&ein_inputs[c->in[i]]);
            snaps[i] = snapshot(ops[i]);
        }
        nd_clear_error();
        nd_array *r = nd_einsum(c->subs, c->n, (const nd_array *const *)ops);
        expect_case(c, r);
        for (int i = 0; i < c->n; i++) {
            if (nd_may_share_memory(r, ops[i]) && nd_size(r) > 0)
                fail_msg("\"%s\": result shares memory with operand %d", c->subs, i);
            double *now = snapshot(ops[i]);
            if (nd_size(ops[i]) &&
                memcmp(now, snaps[i], sizeof(double) * (size_t)nd_size(ops[i])) != 0)
                fail_msg("\"%s\": operand %d was modified", c->subs, i);
            free(now);
            free(snaps[i]);
            nd_free(ops[i]);
        }
        nd_free(r);
    }
}

/* Each case again with every operand reached through a negative-stride
 * view of a flipped copy: same values, other strides. */
static void test_numpy_cases_flipped(void **state) {
    (void)state;
    for (int k = 0; k < EIN_NCASES; k++) {
        const ein_case *c = &ein_cases[k];
        nd_array *ops[6] = {NULL};
        for (int i = 0; i < c->n; i++) {
            nd_array *a = make_input(&ein_inputs[c->in[i]]);
            nd_array *f = nd_flip(a, ND_ALL_AXES, NULL);
            nd_array *fc = nd_copy(f);
            ops[i] = nd_flip(fc, ND_ALL_AXES, NULL);
            assert_non_null(ops[i]);
            nd_free(a);
            nd_free(f);
            nd_free(fc);
        }
        nd_array *r = nd_einsum(c->subs, c->n, (const nd_array *const *)ops);
        expect_case(c, r);
        nd_free(r);
        for (int i = 0; i < c->n; i++) nd_free(ops[i]);
    }
}

/* ------------------------------------------------------------ larger products */

static double rnd(uint64_t *s) {
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return (double)(*s >> 11) * 0x1p-53 * 2 - 1;
}

static nd_array *rand_array(int ndim, const int64_t *shape, nd_dtype dt, uint64_t seed) {
    nd_array *a = nd_empty(ndim, shape, ND_FLOAT64);
    assert_non_null(a);
    double *p = nd_data(a);
    uint64_t s = seed * 0x9E3779B97F4A7C15u + 1;
    for (int64_t i = 0; i < nd_size(a); i++) p[i] = rnd(&s);
    nd_array *b = nd_astype(a, dt);
    nd_free(a);
    return b;
}

static double at(const nd_array *a, const int64_t *idx) {
    double v;
    ND_ASSERT_OK(nd_get_f64(a, idx, &v));
    return v;
}

/* ijk,jkl->il and the same with a transposed, flipped first operand, in
 * float64 and float32, against a plain loop. */
static void test_ijk_jkl_il_loop(void **state) {
    (void)state;
    const int64_t I = 13, J = 9, K = 11, L = 7;
    for (int f32 = 0; f32 < 2; f32++) {
        nd_dtype dt = f32 ? ND_FLOAT32 : ND_FLOAT64;
        int64_t sa[3] = {I, J, K}, sb[3] = {J, K, L}, sat[3] = {K, J, I};
        nd_array *a = rand_array(3, sa, dt, 1), *b = rand_array(3, sb, dt, 2);
        nd_array *at_base = rand_array(3, sat, dt, 3);
        nd_array *at_t = nd_transpose(at_base, NULL);
        nd_array *a2 = nd_view(at_t, "::-1, :, ::-1");
        assert_non_null(a2);
        for (int v = 0; v < 2; v++) {
            const nd_array *x = v ? a2 : a;
            const nd_array *ops[2] = {x, b};
            nd_array *r = nd_einsum("ijk,jkl->il", 2, ops);
            ND_ASSERT_ARRAY(r);
            int64_t want_shape[2] = {I, L};
            nd_test_shape(r, 2, want_shape);
            assert_int_equal(nd_dtype_of(r), dt);
            for (int64_t i = 0; i < I; i++)
                for (int64_t l = 0; l < L; l++) {
                    double s = 0;
                    for (int64_t j = 0; j < J; j++)
                        for (int64_t k = 0; k < K; k++) {
                            int64_t ia[3] = {i, j, k}, ib[3] = {j, k, l};
                            s += at(x, ia) * at(b, ib);
                        }
                    int64_t ir[2] = {i, l};
                    double got = at(r, ir);
                    if (fabs(got - s) > (f32 ? 1e-4 : 1e-12) * (1 + fabs(s)))
                        fail_msg("ijk,jkl->il (%s, view %d) [%lld,%lld]: %.9g vs %.9g",
                                 nd_dtype_name(dt), v, (long long)i, (long long)l, got, s);
                }
            nd_free(r);
        }
        nd_free(a);
        nd_free(b);
        nd_free(at_base);
        nd_free(at_t);
        nd_free(a2);
    }
}

/* Batched products, bilinear forms and a chain against nd_matmul-free
 * loops; sizes past the small-matrix kernel. */
static void test_batched_and_chain_loop(void **state) {
    (void)state;
    int64_t s1[3] = {3, 40, 50}, s2[3] = {3, 50, 36};
    nd_array *a = rand_array(3, s1, ND_FLOAT64, 5), *b = rand_array(3, s2, ND_FLOAT64, 6);
    const nd_array *ops[2] = {a, b};
    nd_array *r = nd_einsum("bij,bjk->bki", 2, ops);
    ND_ASSERT_ARRAY(r);
    int64_t want[3] = {3, 36, 40};
    nd_test_shape(r, 3, want);
    for (int64_t q = 0; q < 3; q++)
        for (int64_t i = 0; i < 40; i += 7)
            for (int64_t k = 0; k < 36; k += 5) {
                double s = 0;
                for (int64_t j = 0; j < 50; j++) {
                    int64_t ia[3] = {q, i, j}, ib[3] = {q, j, k};
                    s += at(a, ia) * at(b, ib);
                }
                int64_t ir[3] = {q, k, i};
                assert_true(fabs(at(r, ir) - s) < 1e-12 * (1 + fabs(s)));
            }
    nd_free(r);
    /* x^T A y for each batch through three operands */
    int64_t sx[2] = {3, 40}, sy[2] = {3, 50};
    nd_array *x = rand_array(2, sx, ND_FLOAT64, 7), *y = rand_array(2, sy, ND_FLOAT64, 8);
    const nd_array *ops3[3] = {x, a, y};
    r = nd_einsum("bi,bij,bj->b", 3, ops3);
    ND_ASSERT_ARRAY(r);
    for (int64_t q = 0; q < 3; q++) {
        double s = 0;
        for (int64_t i = 0; i < 40; i++)
            for (int64_t j = 0; j < 50; j++) {
                int64_t ix[2] = {q, i}, ia[3] = {q, i, j}, iy[2] = {q, j};
                s += at(x, ix) * at(a, ia) * at(y, iy);
            }
        int64_t ir[1] = {q};
        assert_true(fabs(at(r, ir) - s) < 1e-11 * (1 + fabs(s)));
    }
    nd_free(r);
    nd_free(x);
    nd_free(y);
    nd_free(a);
    nd_free(b);
}

/* A single-operand result is a new array even when it could be a view. */
static void test_results_are_new_arrays(void **state) {
    (void)state;
    int64_t s[2] = {3, 3};
    nd_array *a = rand_array(2, s, ND_FLOAT64, 9);
    const char *subs[] = {"ij", "ij->ij", "ii->i", "ji", "...", "ij->...ij"};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        const nd_array *ops[1] = {a};
        nd_array *r = nd_einsum(subs[i], 1, ops);
        ND_ASSERT_ARRAY(r);
        assert_false(nd_may_share_memory(r, a));
        assert_true(nd_is_c_contiguous(r));
        assert_true(nd_is_writeable(r));
        ND_ASSERT_OK(nd_fill(r, 7));
        nd_free(r);
    }
    /* the operand may be freed first; results stay valid */
    const nd_array *ops[2] = {a, a};
    nd_array *r = nd_einsum("ij,jk", 2, ops);
    ND_ASSERT_ARRAY(r);
    nd_free(a);
    assert_int_equal(nd_size(r), 9);
    nd_free(r);
}

/* Large intermediates of many axes: 32 labels of length 1. */
static void test_many_axes(void **state) {
    (void)state;
    int64_t ones[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
    ones[0] = 2;
    nd_array *a = nd_ones(ND_MAX_DIMS, ones, ND_FLOAT64);
    const nd_array *ops[2] = {a, a};
    nd_array *r = nd_einsum("abcdefghijklmnopqrstuvwxyzABCDEF", 1, ops);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), ND_MAX_DIMS);
    nd_free(r);
    r = nd_einsum("abcdefghijklmnopqrstuvwxyzABCDEF,abcdefghijklmnopqrstuvwxyzABCDEF->", 2, ops);
    ND_ASSERT_ARRAY(r);
    double v;
    ND_ASSERT_OK(nd_get_f64(r, NULL, &v));
    assert_true(v == 2.0);
    nd_free(r);
    r = nd_einsum("...,...->...", 2, ops);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), ND_MAX_DIMS);
    nd_free(r);
    nd_free(a);
}

/* More than ND_MAX_DIMS axes: an intermediate (pairwise evaluation) is
 * refused; 31 batch labels plus a contracted one leave no room for
 * matmul's two matrix axes and take the broadcast-product path. */
static void test_axis_limits(void **state) {
    (void)state;
    int64_t ones[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
    nd_array *p17 = nd_ones(17, ones, ND_FLOAT64), *p16 = nd_ones(16, ones, ND_FLOAT64);
    nd_array *p33 = nd_ones(ND_MAX_DIMS, ones, ND_FLOAT64);
    const nd_array *three[3] = {p17, p16, p33};
    /* the third operand and the output need all 33 labels of the first
     * pair's product */
    assert_null(nd_einsum("abcdefghijklmnopq,rstuvwxyzABCDEFG,abcdefghijklmnopqrstuvwxyzABCDEF->G",
                          3, three));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "an intermediate result would have 33 dimensions");
    nd_free(p17);
    nd_free(p16);
    nd_free(p33);

    int64_t shape[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) shape[i] = 1;
    shape[0] = 2, shape[30] = 2, shape[31] = 3;
    nd_array *a = rand_array(ND_MAX_DIMS, shape, ND_FLOAT64, 31);
    nd_array *b = rand_array(ND_MAX_DIMS, shape, ND_FLOAT64, 32);
    const nd_array *ops[2] = {a, b};
    const char *L = "abcdefghijklmnopqrstuvwxyzABCDEF";
    char subs[3 * ND_MAX_DIMS + 8];
    snprintf(subs, sizeof subs, "%s,%s->%.31s", L, L, L);
    nd_array *r = nd_einsum(subs, 2, ops);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 31);
    int64_t idx[ND_MAX_DIMS] = {0};
    for (int i0 = 0; i0 < 2; i0++)
        for (int i30 = 0; i30 < 2; i30++) {
            double s = 0;
            for (int k = 0; k < 3; k++) {
                idx[0] = i0, idx[30] = i30, idx[31] = k;
                s += at(a, idx) * at(b, idx);
            }
            idx[31] = 0;
            double got;
            ND_ASSERT_OK(nd_get_f64(r, idx, &got));
            assert_true(fabs(got - s) < 1e-12);
        }
    nd_free(r);
    nd_free(a);
    nd_free(b);
}

/* ------------------------------------------------------------ allocation failures */

typedef struct failing {
    int fail_after, allocs;
} failing;

static void *fail_alloc(size_t size, size_t align, void *ctx) {
    failing *f = ctx;
    if (f->allocs >= f->fail_after) return NULL;
    f->allocs++;
    void *p = NULL;
    if (posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1)) return NULL;
    return p;
}
static void fail_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* Every allocation of each evaluation path fails in turn: the call
 * returns NULL with ND_ERR_NOMEM, reported as nd_einsum's, and leaks
 * nothing (ASan run). */
static void test_allocation_failures(void **state) {
    (void)state;
    static const struct {
        const char *subs;
        int n;
        nd_dtype dt[3];
        int ndim[3];
        int64_t shape[3][3];
    } cases[] = {
        {"ij,jk->ki", 2, {ND_FLOAT64, ND_FLOAT64}, {2, 2}, {{3, 4}, {4, 5}}},
        {"ijk,jkl->il", 2, {ND_FLOAT32, ND_FLOAT64}, {3, 3}, {{2, 3, 4}, {3, 4, 2}}},
        {"ij,j,jk->i", 3, {ND_INT32, ND_INT8, ND_INT32}, {2, 1, 2}, {{3, 4}, {4}, {4, 2}}},
        {"ij,ij->ij", 2, {ND_BOOL, ND_BOOL}, {2, 2}, {{3, 1}, {3, 4}}},
        {"ij,jk->ik", 2, {ND_FLOAT64, ND_FLOAT64}, {2, 2}, {{3, 1}, {4, 2}}},
        {"iij->j", 1, {ND_FLOAT64}, {3}, {{3, 3, 2}}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        nd_array *ops[3] = {NULL};
        for (int i = 0; i < cases[c].n; i++) {
            ops[i] = nd_ones(cases[c].ndim[i], cases[c].shape[i], cases[c].dt[i]);
            assert_non_null(ops[i]);
        }
        bool done = false;
        for (int k = 0; k < 200 && !done; k++) {
            failing f = {k, 0};
            nd_allocator hooks = {fail_alloc, fail_free, &f};
            ND_ASSERT_OK(nd_set_allocator(&hooks));
            nd_clear_error();
            nd_array *r = nd_einsum(cases[c].subs, cases[c].n, (const nd_array *const *)ops);
            ND_ASSERT_OK(nd_set_allocator(NULL));
            if (r) {
                done = true;
                nd_free(r);
                continue;
            }
            if (nd_last_status() != ND_ERR_NOMEM || strncmp(nd_errmsg(), "nd_einsum: ", 11) != 0)
                fail_msg("\"%s\", allocation %d failing: %s (%s)", cases[c].subs, k,
                         nd_status_name(nd_last_status()), nd_errmsg());
        }
        assert_true(done);
        nd_clear_error();
        for (int i = 0; i < cases[c].n; i++) nd_free(ops[i]);
    }
}

/* ------------------------------------------------------------ errors */

typedef struct bad_case {
    const char *subs;
    int n;
    int64_t shapes[3][3]; /* -1 ends a shape */
    nd_status st;
    const char *needle;
} bad_case;

static const bad_case bad[] = {
    {"i1", 1, {{2, -1}}, ND_ERR_VALUE, "invalid character '1' at position 1"},
    {"ij,jk->ik,", 2, {{2, 3, -1}, {3, 2, -1}}, ND_ERR_VALUE, "',' at position 9"},
    {"i-j", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'-' at position 1 of \"i-j\" is not part of '->'"},
    {"ij->>", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'>' at position 4"},
    {"ij-->", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'-' at position 2"},
    {"ij->i->", 1, {{2, 3, -1}}, ND_ERR_VALUE, "second '->' at position 5"},
    {"ij-", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'-' at position 2"},
    {">ij", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'>' at position 0"},
    {"i.j", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'.' at position 1 of \"i.j\" is not part of an ellipsis"},
    {"i..", 1, {{2, 3, -1}}, ND_ERR_VALUE, "'.' at position 1"},
    {"...i...", 1, {{2, 3, -1}}, ND_ERR_VALUE, "operand 0 has a second ellipsis '...' at position 4"},
    {"i->......", 1, {{2, -1}}, ND_ERR_VALUE, "the output has a second ellipsis '...' at position 6"},
    {"abcdefghijklmnopqrstuvwxyzABCDEFGH", 1, {{2, 3, -1}}, ND_ERR_VALUE, "the subscripts of operand 0 (from position 0) name more than 32 dimensions"},
    {"ij;", 1, {{2, 3, -1}}, ND_ERR_VALUE, "invalid character ';' at position 2"},
    {"i\tj", 1, {{2, 3, -1}}, ND_ERR_VALUE, "invalid character 0x09 at position 1"},
    {"ij,jk", 1, {{2, 3, -1}}, ND_ERR_VALUE, "has 2 comma-separated input terms but 1 operand was given"},
    {"ij", 2, {{2, 3, -1}, {3, 2, -1}}, ND_ERR_VALUE, "has 1 comma-separated input term but 2 operands were given"},
    {"ij,jk,", 2, {{2, 3, -1}, {3, 2, -1}}, ND_ERR_VALUE, "3 comma-separated input terms but 2"},
    {"ijk", 1, {{2, 3, -1}}, ND_ERR_VALUE, "operand 0 has 2 dimensions but its subscripts \"ijk\" (position 0) name 3"},
    {"ij,j", 2, {{2, 3, -1}, {3, 2, -1}}, ND_ERR_VALUE, "operand 1 has 2 dimensions but its subscripts \"j\" (position 3) name 1; use '...'"},
    {"", 1, {{2, -1}}, ND_ERR_VALUE, "operand 0 has 1 dimension but its subscripts \"\" (position 0) name 0"},
    {"...ijk", 1, {{2, 3, -1}}, ND_ERR_VALUE, "operand 0 has 2 dimensions, fewer than the 3 subscripts of \"...ijk\""},
    {"ij->k", 1, {{2, 3, -1}}, ND_ERR_VALUE, "output subscript 'k' (position 4 of \"ij->k\") does not appear in any input"},
    {"ij->ii", 1, {{2, 3, -1}}, ND_ERR_VALUE, "output subscript 'i' appears twice in \"ij->ii\" (positions 4 and 5)"},
    {"...ij->ij", 1, {{4, 2, 3}}, ND_ERR_VALUE, "the inputs' '...' stands for 1 dimension but the output \"ij\" (position 7) has no '...'"},
    {"ij,jk", 2, {{2, 3, -1}, {4, 2, -1}}, ND_ERR_VALUE, "size of label 'j' for operand 1 (4) does not match previous terms (3), at position 3 of \"ij,jk\""},
    {"i,i,i", 3, {{3, -1}, {1, -1}, {2, -1}}, ND_ERR_VALUE, "size of label 'i' for operand 2 (2) does not match previous terms (3)"},
    {"ii", 1, {{2, 3, -1}}, ND_ERR_VALUE, "operand 0 has lengths 2 and 3 for the repeated label 'i'"},
    {"ii->i", 1, {{1, 3, -1}}, ND_ERR_VALUE, "lengths 1 and 3 for the repeated label 'i'"},
    {"...,...", 2, {{2, 3, -1}, {4, -1}}, ND_ERR_VALUE, "size of dimension 1 of '...' for operand 1 (4) does not match previous terms (3), at position 4"},
    {"...i,...i", 2, {{5, 2, 3}, {4, 2, 3}}, ND_ERR_VALUE, "size of dimension 0 of '...' for operand 1 (4) does not match previous terms (5)"},
};

static void run_bad(const bad_case *c) {
    nd_array *ops[3] = {NULL};
    for (int i = 0; i < c->n; i++) {
        int nd = 0;
        while (nd < 3 && c->shapes[i][nd] >= 0) nd++;
        ops[i] = nd_zeros(nd, c->shapes[i], ND_FLOAT64);
        assert_non_null(ops[i]);
    }
    nd_clear_error();
    nd_array *r = nd_einsum(c->subs, c->n, (const nd_array *const *)ops);
    if (r) fail_msg("\"%s\" succeeded", c->subs);
    if (nd_last_status() != c->st)
        fail_msg("\"%s\": status %s (%s)", c->subs, nd_status_name(nd_last_status()), nd_errmsg());
    if (!strstr(nd_errmsg(), c->needle))
        fail_msg("\"%s\": message '%s' lacks '%s'", c->subs, nd_errmsg(), c->needle);
    if (strncmp(nd_errmsg(), "nd_einsum: ", 11) != 0)
        fail_msg("\"%s\": message '%s' does not name nd_einsum", c->subs, nd_errmsg());
    nd_clear_error();
    for (int i = 0; i < c->n; i++) nd_free(ops[i]);
}

static void test_malformed(void **state) {
    (void)state;
    assert_true(sizeof bad / sizeof bad[0] >= 20);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) run_bad(&bad[i]);
}

static void test_bad_arguments(void **state) {
    (void)state;
    int64_t s[2] = {2, 2};
    nd_array *a = nd_zeros(2, s, ND_FLOAT64);
    const nd_array *ops[2] = {a, NULL};
    nd_clear_error();
    assert_null(nd_einsum(NULL, 1, ops));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_einsum: argument 'subscripts' is NULL");
    assert_null(nd_einsum("ij", 1, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_einsum: argument 'operands' is NULL");
    assert_null(nd_einsum("ij,jk", 2, ops));
    ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'operands[1]' is NULL");
    assert_null(nd_einsum("ij", 0, ops));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "0 operands given; einsum takes 1 to 32");
    assert_null(nd_einsum("ij", -3, ops));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "-3 operands given");
    const nd_array *many[33];
    for (int i = 0; i < 33; i++) many[i] = a;
    assert_null(nd_einsum("ij", 33, many));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "33 operands given; einsum takes 1 to 32");
    /* 32 operands is fine */
    char subs[32 * 3];
    for (int i = 0; i < 32; i++) memcpy(subs + 3 * i, "ij,", 3);
    subs[32 * 3 - 1] = '\0';
    nd_array *r = nd_einsum(subs, 32, many);
    ND_ASSERT_ARRAY(r);
    nd_free(r);
    /* a failed call before keeps its message (first failure in a chain) */
    nd_clear_error();
    nd_array *bad_view = nd_view(a, "5");
    assert_null(bad_view);
    const nd_array *chain[1] = {bad_view};
    assert_null(nd_einsum("i", 1, chain));
    assert_int_equal(nd_last_status(), ND_ERR_INDEX);
    assert_non_null(strstr(nd_errmsg(), "nd_view"));
    nd_clear_error();
    /* results with too many axes */
    int64_t one[1] = {1};
    nd_array *v = nd_ones(1, one, ND_FLOAT64);
    const nd_array *outer[33];
    char big[33 * 2 + 1];
    for (int i = 0; i < 33; i++) {
        outer[i] = v;
        big[2 * i] = i < 26 ? (char)('a' + i) : (char)('A' + i - 26);
        big[2 * i + 1] = ',';
    }
    big[33 * 2 - 1] = '\0';
    assert_null(nd_einsum(big, 32, outer)); /* 33 terms for 32 operands */
    ND_ASSERT_ERROR(ND_ERR_VALUE, "names more than 32 operands (',' at position 63)");
    big[32 * 2 - 1] = '\0';
    r = nd_einsum(big, 32, outer); /* 32 axes: fine */
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 32);
    nd_free(r);
    assert_null(nd_einsum("abcdefghijklmnopq,rstuvwxyzABCDEFG", 2, (const nd_array *const[]){v, v}));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "operand 0 has 1 dimension");
    nd_array *w = nd_ones(17, (int64_t[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, ND_FLOAT64);
    nd_array *w16 = nd_ones(16, (int64_t[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, ND_FLOAT64);
    const nd_array *wide[2] = {w, w16};
    assert_null(nd_einsum("abcdefghijklmnopq,rstuvwxyzABCDEFG", 2, wide));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "the result would have 33 dimensions, more than ND_MAX_DIMS (32)");
    nd_free(w);
    nd_free(w16);
    nd_free(v);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_cases),
        cmocka_unit_test(test_numpy_cases_flipped),
        cmocka_unit_test(test_ijk_jkl_il_loop),
        cmocka_unit_test(test_batched_and_chain_loop),
        cmocka_unit_test(test_results_are_new_arrays),
        cmocka_unit_test(test_many_axes),
        cmocka_unit_test(test_axis_limits),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

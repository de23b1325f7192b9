/* Tests for the functions of include/nd/shape.h: block, column_stack,
 * flipud, fliplr, broadcast_arrays, unravel_index, ravel_multi_index,
 * indices, diag, diagflat, tril_indices and triu_indices. Every case NumPy
 * answered in data/shape_cases.h (every dtype, views, 0-d and empty arrays,
 * NumPy's errors), then views and flags, bad arguments, huge sizes and
 * failed allocations. */
#include "nd_test.h"
#include "nd_test_arrays.h"
#include "nd_test_layouts.h"
#include "nd_test_cases.h"

#include <stdlib.h>
#include <time.h>

#include "data/shape_cases.h"

/* ---------------------------------------------------------------- callers */

static nd_status call_block(const gc_case *c, const nd_array *const *in, nd_array **out) {
    int counts[24];
    for (int k = 1; k < c->ni; k++) counts[k - 1] = (int)c->iargs[k];
    return gc_one(nd_block((int)c->iargs[0], counts, c->nin, in), out);
}

static nd_status call_column_stack(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_column_stack(c->nin, in), out);
}

static nd_status call_flipud(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)c;
    return gc_one(nd_flipud(in[0]), out);
}

static nd_status call_fliplr(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)c;
    return gc_one(nd_fliplr(in[0]), out);
}

static nd_status call_broadcast_arrays(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return nd_broadcast_arrays(c->nin, in, out);
}

static nd_status call_unravel_index(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return nd_unravel_index(in[0], (int)c->iargs[1], c->iargs + 2, (nd_order)c->iargs[0], out);
}

static nd_status call_ravel_multi_index(const gc_case *c, const nd_array *const *in, nd_array **out) {
    int nmodes = (int)c->iargs[1];
    nd_index_mode modes[GC_MAX_IN];
    for (int k = 0; k < nmodes; k++) modes[k] = (nd_index_mode)c->iargs[2 + k];
    const int64_t *dims = c->iargs + 2 + nmodes;
    return gc_one(nd_ravel_multi_index(c->nin, in, dims, nmodes, modes, (nd_order)c->iargs[0]), out);
}

static nd_status call_indices(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)in;
    return gc_one(nd_indices((int)c->iargs[1], c->iargs + 2, (nd_dtype)c->iargs[0]), out);
}

static nd_status call_indices_sparse(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)in;
    return nd_indices_sparse((int)c->iargs[1], c->iargs + 2, (nd_dtype)c->iargs[0], out);
}

static nd_status call_diag(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_diag(in[0], c->iargs[0]), out);
}

static nd_status call_diagflat(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_diagflat(in[0], c->iargs[0]), out);
}

static nd_status call_tril_indices(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)in;
    return nd_tril_indices(c->iargs[0], c->iargs[1], c->iargs[2], &out[0], &out[1]);
}

static nd_status call_triu_indices(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)in;
    return nd_triu_indices(c->iargs[0], c->iargs[1], c->iargs[2], &out[0], &out[1]);
}

#define CASE_TEST(op)                                                              \
    static void test_cases_##op(void **state) {                                    \
        (void)state;                                                               \
        GC_RUN(#op, call_##op);                                                    \
    }
CASE_TEST(block)
CASE_TEST(column_stack)
CASE_TEST(flipud)
CASE_TEST(fliplr)
CASE_TEST(broadcast_arrays)
CASE_TEST(unravel_index)
CASE_TEST(ravel_multi_index)
CASE_TEST(indices)
CASE_TEST(indices_sparse)
CASE_TEST(diag)
CASE_TEST(diagflat)
CASE_TEST(tril_indices)
CASE_TEST(triu_indices)

/* ---------------------------------------------------------------- block */

static void test_block_errors(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_FLOAT64, 2, SH(1, 2), V(1, 2));
    const nd_array *two[2] = {a, a}, *with_null[2] = {a, NULL};
    assert_null(nd_block(-1, (const int[]){1}, 1, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: depth -1 is out of range");
    assert_null(nd_block(ND_MAX_DIMS + 1, (const int[]){1}, 1, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: depth 33 is out of range");
    assert_null(nd_block(2, (const int[]){2, 0, 2}, 2, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: counts[1] is 0: a list cannot be empty");
    assert_null(nd_block(1, (const int[]){3}, 2, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: the counts describe 3 arrays, but n is 2");
    assert_null(nd_block(0, NULL, 2, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: the counts describe 1 arrays, but n is 2");
    assert_null(nd_block(1, (const int[]){2}, 0, two));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_block: need at least one array");
    assert_null(nd_block(1, NULL, 2, two));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_block: argument 'counts' is NULL");
    assert_null(nd_block(1, (const int[]){2}, 2, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_block: argument 'arrays' is NULL");
    assert_null(nd_block(1, (const int[]){2}, 2, with_null));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_block: argument 'arrays[1]' is NULL");
    pending_error();
    assert_null(nd_block(1, (const int[]){2}, 2, with_null));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    /* the result is a copy even at depth 0 */
    nd_array *r = nd_block(0, NULL, 1, two);
    ND_ASSERT_ARRAY(r);
    check_copy("nd_block depth 0", r, a);
    nd_free(r);
    /* a result beyond ND_MAX_DIMS dimensions: depth 32 with a 1-D array is fine */
    int counts[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) counts[i] = 1;
    r = nd_block(ND_MAX_DIMS, counts, 1, two);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), ND_MAX_DIMS);
    nd_free(r);
    nd_free(a);
}

/* ---------------------------------------------------------------- column_stack, flips */

static void test_column_stack_errors(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_INT8, 1, SH(2), V(1, 2));
    const nd_array *with_null[2] = {a, NULL};
    assert_null(nd_column_stack(0, with_null));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_column_stack: need at least one array");
    assert_null(nd_column_stack(2, with_null));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_column_stack: argument 'arrays[1]' is NULL");
    assert_null(nd_column_stack(1, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_column_stack: argument 'arrays' is NULL");
    nd_free(a);
}

/* flips are views of the input, as writeable as it is */
static void test_flip_views(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_FLOAT32, 2, SH(2, 3), V(1, 2, 3, 4, 5, 6));
    nd_array *ud = nd_flipud(a), *lr = nd_fliplr(a);
    check_view("nd_flipud", ud, a);
    check_view("nd_fliplr", lr, a);
    ND_ASSERT_OK(nd_set_f64(ud, SH(0, 0), 40));
    double v;
    ND_ASSERT_OK(nd_get_f64(a, SH(1, 0), &v));
    assert_true(v == 40);
    nd_free(ud), nd_free(lr);
    nd_array *b = nd_broadcast_to(a, 3, SH(4, 2, 3));
    nd_array *bu = nd_flipud(b);
    check_view("nd_flipud of a broadcast view", bu, b);
    nd_free(bu), nd_free(b);
    assert_null(nd_flipud(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_flipud: argument 'a' is NULL");
    nd_array *z = nd_scalar(1, ND_INT8);
    assert_null(nd_flipud(z));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_flipud: Input must be >= 1-d");
    nd_array *o = from_f64(ND_INT8, 1, SH(2), V(1, 2));
    assert_null(nd_fliplr(o));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_fliplr: Input must be >= 2-d");
    nd_free(o), nd_free(z), nd_free(a);
}

/* ---------------------------------------------------------------- broadcast_arrays */

static void test_broadcast_arrays_views(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_INT16, 2, SH(3, 1), V(1, 2, 3));
    nd_array *b = from_f64(ND_FLOAT64, 1, SH(4), V(1, 2, 3, 4));
    nd_array *c = from_f64(ND_UINT8, 2, SH(3, 4), V(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    const nd_array *in[3] = {a, b, c};
    nd_array *out[3] = {NULL, NULL, NULL};
    ND_ASSERT_OK(nd_broadcast_arrays(3, in, out));
    for (int k = 0; k < 3; k++) {
        nd_test_shape(out[k], 2, SH(3, 4));
        assert_ptr_equal(nd_data(out[k]), nd_data(in[k]));
        assert_int_equal(nd_dtype_of(out[k]), nd_dtype_of(in[k]));
    }
    assert_false(nd_is_writeable(out[0])); /* stretched */
    assert_false(nd_is_writeable(out[1]));
    assert_true(nd_is_writeable(out[2])); /* not stretched: keeps its flag */
    for (int k = 0; k < 3; k++) nd_free(out[k]);
    /* (1, 4) against (4,): a new leading axis of length 1 stretches nothing */
    nd_array *d = from_f64(ND_INT8, 2, SH(1, 4), V(1, 2, 3, 4));
    const nd_array *in2[2] = {d, b};
    ND_ASSERT_OK(nd_broadcast_arrays(2, in2, out));
    assert_true(nd_is_writeable(out[0]) && nd_is_writeable(out[1]));
    nd_free(out[0]), nd_free(out[1]);
    /* errors leave out alone */
    nd_array *sentinel = (nd_array *)1;
    out[0] = out[1] = sentinel;
    const nd_array *bad[2] = {a, from_f64(ND_INT8, 2, SH(2, 2), V(1, 2, 3, 4))};
    assert_int_equal(nd_broadcast_arrays(2, bad, out), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_broadcast_arrays: ");
    assert_ptr_equal(out[0], sentinel);
    nd_free((nd_array *)bad[1]);
    assert_int_equal(nd_broadcast_arrays(0, NULL, NULL), ND_OK);
    assert_int_equal(nd_broadcast_arrays(-1, in, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_broadcast_arrays: n is negative");
    assert_int_equal(nd_broadcast_arrays(2, in, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_broadcast_arrays: argument 'out' is NULL");
    const nd_array *with_null[2] = {a, NULL};
    assert_int_equal(nd_broadcast_arrays(2, with_null, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_broadcast_arrays: argument 'arrays[1]' is NULL");
    assert_ptr_equal(out[0], sentinel);
    nd_free(d), nd_free(a), nd_free(b), nd_free(c);
}

/* ---------------------------------------------------------------- index conversions */

static void test_index_conversion_errors(void **state) {
    (void)state;
    nd_array *i = from_f64(ND_INT64, 1, SH(2), V(1, 2));
    nd_array *out[2] = {(nd_array *)1, (nd_array *)1};
    assert_int_equal(nd_unravel_index(i, 2, SH(2, 3), (nd_order)7, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_unravel_index: order must be");
    assert_int_equal(nd_unravel_index(i, 2, NULL, ND_ORDER_C, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_unravel_index: argument 'shape' is NULL");
    assert_int_equal(nd_unravel_index(i, 2, SH(2, 3), ND_ORDER_C, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_unravel_index: argument 'out' is NULL");
    assert_int_equal(nd_unravel_index(NULL, 2, SH(2, 3), ND_ORDER_C, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_unravel_index: argument 'indices' is NULL");
    assert_int_equal(nd_unravel_index(i, ND_MAX_DIMS + 1, SH(2, 3), ND_ORDER_C, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_unravel_index: the number of dimensions 33");
    assert_ptr_equal(out[0], (nd_array *)1);
    /* shape (): a 0-d index 0 only, and no coordinates; an index array is
     * refused, as NumPy refuses it ("multiple indices are not supported for
     * 0d arrays"; the NumPy comparison found libnd accepting it) */
    nd_array *zero = from_f64(ND_INT8, 0, NULL, V(0));
    ND_ASSERT_OK(nd_unravel_index(zero, 0, NULL, ND_ORDER_C, NULL));
    nd_free(zero);
    nd_array *zeros = from_f64(ND_INT8, 1, SH(1), V(0));
    assert_int_equal(nd_unravel_index(zeros, 0, NULL, ND_ORDER_C, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_unravel_index: an index array of shape (1,) needs a shape of 1 or more dimensions");
    nd_free(zeros);

    const nd_array *mi[2] = {i, i};
    const nd_index_mode raise = ND_INDEX_RAISE, bad_mode = (nd_index_mode)9;
    assert_null(nd_ravel_multi_index(2, mi, SH(3, 3), 3, &raise, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ravel_multi_index: nmodes must be 1 or");
    assert_null(nd_ravel_multi_index(2, mi, SH(3, 3), 1, &bad_mode, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ravel_multi_index: modes[0] is not an nd_index_mode");
    assert_null(nd_ravel_multi_index(2, mi, SH(3, 3), 1, &raise, (nd_order)-1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ravel_multi_index: order must be");
    assert_null(nd_ravel_multi_index(2, mi, SH(3, -3), 1, &raise, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ravel_multi_index: dimensions must be non-negative");
    assert_null(nd_ravel_multi_index(2, mi, NULL, 1, &raise, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ravel_multi_index: argument 'dims' is NULL");
    assert_null(nd_ravel_multi_index(2, mi, SH(3, 3), 1, NULL, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ravel_multi_index: argument 'modes' is NULL");
    assert_null(nd_ravel_multi_index(-1, mi, SH(3, 3), 1, &raise, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ravel_multi_index: the number of coordinate arrays -1");
    nd_free(i);
}

/* uint64 coordinates above INT64_MAX are taken at their value */
static void test_ravel_uint64(void **state) {
    (void)state;
    const int64_t big[2] = {-1 /* 2^64 - 1 */, INT64_MIN /* 2^63 */};
    nd_array *u = from_i64(ND_UINT64, 1, SH(2), big);
    const nd_array *mi[1] = {u};
    nd_index_mode wrap = ND_INDEX_WRAP, clip = ND_INDEX_CLIP, raise = ND_INDEX_RAISE;
    nd_array *r = nd_ravel_multi_index(1, mi, SH(7), 1, &wrap, ND_ORDER_C);
    /* (2^64 - 1) % 7 = 1, 2^63 % 7 = 1 */
    expect_ints(r, ND_INT64, 1, SH(2), (const int64_t[]){1, 1}, "wrap");
    nd_free(r);
    r = nd_ravel_multi_index(1, mi, SH(7), 1, &clip, ND_ORDER_C);
    expect_ints(r, ND_INT64, 1, SH(2), (const int64_t[]){6, 6}, "clip");
    nd_free(r);
    assert_null(nd_ravel_multi_index(1, mi, SH(7), 1, &raise, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "index 18446744073709551615 is out of bounds");
    nd_array *out[1] = {NULL};
    assert_int_equal(nd_unravel_index(u, 1, SH(7), ND_ORDER_C, out), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_unravel_index: index 18446744073709551615 is out of bounds");
    nd_free(u);
}

/* ---------------------------------------------------------------- indices */

static void test_indices_errors(void **state) {
    (void)state;
    assert_null(nd_indices(1, SH(2), (nd_dtype)99));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_indices: ");
    assert_null(nd_indices(ND_MAX_DIMS, SH(1), ND_INT64));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_indices: the number of dimensions 32 is out of range");
    assert_null(nd_indices(2, NULL, ND_INT64));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_indices: argument 'dims' is NULL");
    assert_int_equal(nd_indices_sparse(2, SH(2, 2), ND_INT64, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_indices_sparse: argument 'out' is NULL");
    nd_array *r = nd_indices(2, SH((int64_t)1 << 40, (int64_t)1 << 40), ND_INT8);
    assert_null(r);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_indices: ");
}

/* ---------------------------------------------------------------- diag, triangles */

static void test_diag_views_and_sizes(void **state) {
    (void)state;
    nd_array *m = from_f64(ND_INT32, 2, SH(3, 3), V(1, 2, 3, 4, 5, 6, 7, 8, 9));
    nd_array *d = nd_diag(m, 1);
    nd_test_expect(d, V(2, 6), 0);
    check_view("nd_diag of a matrix", d, m);
    nd_free(d);
    nd_array *v = from_f64(ND_FLOAT64, 1, SH(2), V(1, 2));
    d = nd_diag(v, 0);
    check_copy("nd_diag of a vector", d, v);
    nd_free(d);
    assert_null(nd_diag(v, INT64_MIN));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_diag: ");
    assert_null(nd_diag(v, INT64_MAX));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_diag: ");
    assert_null(nd_diagflat(v, (int64_t)1 << 40));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_diagflat: ");
    assert_null(nd_diag(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_diag: argument 'v' is NULL");
    assert_null(nd_diagflat(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_diagflat: argument 'v' is NULL");
    nd_free(v), nd_free(m);
}

/* Triangles of huge matrices are counted, not walked: an empty or tiny
 * one comes back at once, a big one is refused with ND_ERR_OVERFLOW or
 * ND_ERR_NOMEM. */
static void test_tri_indices_huge(void **state) {
    (void)state;
    nd_array *r = NULL, *c = NULL;
    int64_t big = (int64_t)1 << 40;
    clock_t t0 = clock();
    ND_ASSERT_OK(nd_tril_indices(big, -big, 3, &r, &c)); /* nothing below the far diagonal */
    assert_int_equal(nd_size(r), 0);
    nd_free(r), nd_free(c);
    ND_ASSERT_OK(nd_triu_indices(big, 2, 3, &r, &c)); /* one position: (0, 2) */
    expect_ints(r, ND_INT64, 1, SH(1), (const int64_t[]){0}, "triu rows");
    expect_ints(c, ND_INT64, 1, SH(1), (const int64_t[]){2}, "triu cols");
    nd_free(r), nd_free(c);
    ND_ASSERT_OK(nd_tril_indices(big, -big + 1, 2, &r, &c)); /* one position: (big - 1, 0) */
    expect_ints(r, ND_INT64, 1, SH(1), (const int64_t[]){big - 1}, "tril rows");
    nd_free(r), nd_free(c);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
    r = c = (nd_array *)1;
    assert_int_equal(nd_tril_indices(big, 0, big, &r, &c), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_tril_indices: ");
    const nd_allocator al = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    assert_int_equal(nd_triu_indices(big, 0, 1 << 20, &r, &c), ND_ERR_NOMEM);
    ND_ASSERT_OK(nd_set_allocator(NULL));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_triu_indices: ");
    assert_ptr_equal(r, (nd_array *)1);
    assert_int_equal(nd_tril_indices(3, 0, 3, NULL, &c), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_tril_indices: argument 'rows' is NULL");
}

/* Results too large for memory are ND_ERR_NOMEM (1 GiB allocator) or
 * ND_ERR_OVERFLOW, naming the function; nothing leaks. */
static void test_huge(void **state) {
    (void)state;
    int64_t n = (int64_t)1 << 36;
    nd_array *one = nd_scalar(1, ND_UINT8);
    nd_array *big = nd_broadcast_to(one, 2, SH(n, 1));
    ND_ASSERT_ARRAY(big);
    const nd_array *two[2] = {big, big};
    const nd_allocator al = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    assert_null(nd_block(1, (const int[]){2}, 2, two));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_block: ");
    assert_null(nd_column_stack(2, two));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_column_stack: ");
    assert_null(nd_diagflat(big, 0));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_diagflat: ");
    assert_null(nd_indices(2, SH(n, 4), ND_INT64));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_indices: ");
    nd_index_mode m = ND_INDEX_CLIP;
    const nd_array *mi[2] = {big, big};
    assert_null(nd_ravel_multi_index(2, mi, SH(3, 3), 1, &m, ND_ORDER_C));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_ravel_multi_index: ");
    nd_array *out[2] = {(nd_array *)1, (nd_array *)1};
    nd_array *zeros = nd_slice_axis(big, 1, 0, 1, 1); /* (n, 1) of ones: index 1 */
    assert_int_equal(nd_unravel_index(zeros, 2, SH(2, 2), ND_ORDER_C, out), ND_ERR_NOMEM);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_unravel_index: ");
    assert_ptr_equal(out[0], (nd_array *)1);
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_free(zeros), nd_free(big), nd_free(one);
}

/* ---------------------------------------------------------------- failed allocations */

static nd_array *g_b;

static nd_status fault_block(const nd_array *a) {
    const nd_array *arr[4] = {a, g_b, a, g_b};
    return status_of(nd_block(2, (const int[]){2, 2, 2}, 4, arr));
}
static nd_status fault_column_stack(const nd_array *a) {
    const nd_array *arr[2] = {a, g_b};
    return status_of(nd_column_stack(2, arr));
}
static nd_status fault_broadcast(const nd_array *a) {
    const nd_array *arr[2] = {a, g_b};
    nd_array *out[2] = {(nd_array *)1, (nd_array *)1};
    nd_status st = nd_broadcast_arrays(2, arr, out);
    if (st != ND_OK) {
        assert_ptr_equal(out[0], (nd_array *)1);
        return st;
    }
    nd_free(out[0]), nd_free(out[1]);
    return ND_OK;
}
static nd_status fault_flip(const nd_array *a) { return status_of(nd_fliplr(a)); }
static nd_status fault_unravel(const nd_array *a) {
    nd_array *ix = nd_astype(a, ND_UINT8);
    if (!ix) return nd_last_status();
    nd_array *out[2] = {(nd_array *)1, (nd_array *)1};
    nd_status st = nd_unravel_index(ix, 2, SH(10, 10), ND_ORDER_F, out);
    nd_free(ix);
    if (st != ND_OK) {
        assert_ptr_equal(out[1], (nd_array *)1);
        return st;
    }
    nd_free(out[0]), nd_free(out[1]);
    return ND_OK;
}
static nd_status fault_ravel(const nd_array *a) {
    const nd_array *arr[2] = {a, a};
    nd_index_mode m = ND_INDEX_WRAP;
    return status_of(nd_ravel_multi_index(2, arr, SH(4, 5), 1, &m, ND_ORDER_C));
}
static nd_status fault_indices(const nd_array *a) {
    (void)a;
    return status_of(nd_indices(3, SH(2, 3, 4), ND_FLOAT32));
}
static nd_status fault_indices_sparse(const nd_array *a) {
    (void)a;
    nd_array *out[3] = {(nd_array *)1, (nd_array *)1, (nd_array *)1};
    nd_status st = nd_indices_sparse(3, SH(2, 3, 4), ND_UINT16, out);
    if (st != ND_OK) {
        assert_ptr_equal(out[0], (nd_array *)1);
        return st;
    }
    for (int k = 0; k < 3; k++) nd_free(out[k]);
    return ND_OK;
}
static nd_status fault_diagflat(const nd_array *a) { return status_of(nd_diagflat(a, -1)); }
static nd_status fault_diag(const nd_array *a) { return status_of(nd_diag(a, 1)); }
static nd_status fault_tril(const nd_array *a) {
    (void)a;
    nd_array *r = (nd_array *)1, *c = (nd_array *)1;
    nd_status st = nd_tril_indices(5, 1, 4, &r, &c);
    if (st != ND_OK) {
        assert_ptr_equal(r, (nd_array *)1);
        return st;
    }
    nd_free(r), nd_free(c);
    return ND_OK;
}

static void test_out_of_memory(void **state) {
    (void)state;
    nd_array *a0 = from_f64(ND_INT16, 2, SH(3, 2), V(1, 2, 3, 4, 5, 6));
    nd_array *a = nd_transpose(a0, NULL); /* (2, 3), strided */
    g_b = from_f64(ND_FLOAT32, 2, SH(2, 1), V(7, 8));
    run_with_faults("nd_block", fault_block, a);
    run_with_faults("nd_column_stack", fault_column_stack, a);
    run_with_faults("nd_broadcast_arrays", fault_broadcast, a);
    run_with_faults("nd_fliplr", fault_flip, a);
    run_with_faults("nd_unravel_index", fault_unravel, a);
    run_with_faults("nd_ravel_multi_index", fault_ravel, a);
    run_with_faults("nd_indices", fault_indices, a);
    run_with_faults("nd_indices_sparse", fault_indices_sparse, a);
    run_with_faults("nd_diagflat", fault_diagflat, a);
    run_with_faults("nd_diag", fault_diag, a);
    run_with_faults("nd_tril_indices", fault_tril, a);
    nd_free(g_b), nd_free(a), nd_free(a0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cases_block, clear),
        cmocka_unit_test_setup(test_cases_column_stack, clear),
        cmocka_unit_test_setup(test_cases_flipud, clear),
        cmocka_unit_test_setup(test_cases_fliplr, clear),
        cmocka_unit_test_setup(test_cases_broadcast_arrays, clear),
        cmocka_unit_test_setup(test_cases_unravel_index, clear),
        cmocka_unit_test_setup(test_cases_ravel_multi_index, clear),
        cmocka_unit_test_setup(test_cases_indices, clear),
        cmocka_unit_test_setup(test_cases_indices_sparse, clear),
        cmocka_unit_test_setup(test_cases_diag, clear),
        cmocka_unit_test_setup(test_cases_diagflat, clear),
        cmocka_unit_test_setup(test_cases_tril_indices, clear),
        cmocka_unit_test_setup(test_cases_triu_indices, clear),
        cmocka_unit_test_setup(test_block_errors, clear),
        cmocka_unit_test_setup(test_column_stack_errors, clear),
        cmocka_unit_test_setup(test_flip_views, clear),
        cmocka_unit_test_setup(test_broadcast_arrays_views, clear),
        cmocka_unit_test_setup(test_index_conversion_errors, clear),
        cmocka_unit_test_setup(test_ravel_uint64, clear),
        cmocka_unit_test_setup(test_indices_errors, clear),
        cmocka_unit_test_setup(test_diag_views_and_sizes, clear),
        cmocka_unit_test_setup(test_tri_indices_huge, clear),
        cmocka_unit_test_setup(test_huge, clear),
        cmocka_unit_test_setup(test_out_of_memory, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The axis sentinels across the public API: every function taking an axis
 * or axes is called with ND_ALL_AXES and ND_AXIS_NONE where they have no
 * meaning, and with naxes 0 and a NULL axes; each must fail with
 * ND_ERR_VALUE and a message naming the sentinel (never its value), and
 * the right uses must still work. Every call goes through a small wrapper
 * (one per function) that frees what it made and returns the status. */
#include "nd_test.h"

static nd_array *A;    /* float64 (3,4): 0..11 */
static nd_array *COL;  /* float64 (3,1), for squeeze */
static nd_array *IDX;  /* int64 (2,): 0, 1 */
static nd_array *IDX2; /* int64 (1,4): zeros, for take/put_along_axis */
static nd_array *COND; /* bool (3,): 1, 0, 1 */

static int setup(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 12, 1, ND_FLOAT64);
    A = nd_reshape(a, 2, SH(3, 4));
    nd_free(a);
    COL = nd_ones(2, SH(3, 1), ND_FLOAT64);
    IDX = nd_arange(0, 2, 1, ND_INT64);
    IDX2 = nd_zeros(2, SH(1, 4), ND_INT64);
    COND = nd_test_array(ND_BOOL, 1, SH(3), V(1, 0, 1));
    return A && COL && IDX && IDX2 && COND ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    nd_free(A);
    nd_free(COL);
    nd_free(IDX);
    nd_free(IDX2);
    nd_free(COND);
    return 0;
}

/* The status of an array-returning call, freeing the array. */
static nd_status st_of(nd_array *r) {
    if (!r) return nd_last_status();
    nd_free(r);
    return ND_OK;
}

/* An out array for an _out variant: the plain variant's result's shape and
 * dtype when it succeeds, else any array (the error must come first). */
static nd_array *out_like(nd_array *r) {
    nd_array *o = r ? nd_zeros_like(r) : nd_zeros(1, SH(1), ND_FLOAT64);
    nd_free(r);
    nd_clear_error();
    return o;
}

static nd_status st_out(nd_array *out, nd_status st) {
    nd_free(out);
    return st;
}

static nd_status st_parts(nd_status st, nd_array **parts, int n) {
    if (st == ND_OK)
        for (int i = 0; i < n; i++) nd_free(parts[i]);
    return st;
}

/* ------------------------------------------------------------ single-axis functions */

typedef nd_status (*axis_fn)(int axis);
typedef struct {
    const char *name; /* the name the message must start with */
    axis_fn f;
    int valid;      /* an axis that works on A */
    bool flat;      /* takes ND_AXIS_NONE */
} axis_case;

#define W(fname, ...) \
    static nd_status w_##fname(int axis) { __VA_ARGS__ }

W(take, return st_of(nd_take(A, IDX, axis));)
W(take_out,
      nd_array *o = out_like(nd_take(A, IDX, axis));
      return st_out(o, nd_take_out(A, IDX, axis, o));
  )
/* the flattened form takes 1-D indices */
W(take_along_axis, return st_of(nd_take_along_axis(A, axis == ND_AXIS_NONE ? IDX : IDX2, axis));)
W(put_along_axis,
      nd_array *c = nd_copy(A);
      const nd_array *i = axis == ND_AXIS_NONE ? IDX : IDX2;
      nd_status s = nd_put_along_axis(c, i, i, axis);
      nd_free(c);
      return s;
  )
W(compress, return st_of(nd_compress(COND, A, axis));)
W(sort, return st_of(nd_sort(A, axis, true));)
W(sort_inplace,
      nd_array *c = nd_copy(A);
      nd_status s = nd_sort_inplace(c, axis, true);
      nd_free(c);
      return s;
  )
W(argsort, return st_of(nd_argsort(A, axis, true));)
W(partition, return st_of(nd_partition(A, 1, axis));)
W(argpartition, return st_of(nd_argpartition(A, 1, axis));)
W(topk,
      nd_array *v = NULL, *i = NULL;
      nd_status s = nd_topk(A, 1, axis, true, &v, &i);
      nd_free(v);
      nd_free(i);
      return s;
  )
#define W_ARG(name)                                                                \
    W(name, return st_of(nd_##name(A, axis, false));)                                      \
    W(name##_out,                                                               \
          nd_array *o = out_like(nd_##name(A, axis, false));                       \
          return st_out(o, nd_##name##_out(A, axis, false, o));                           \
      )
W_ARG(argmax)
W_ARG(argmin)
W_ARG(nanargmax)
W_ARG(nanargmin)
#define W_CUM(name)                                                                \
    W(name, return st_of(nd_##name(A, axis));)                                             \
    W(name##_out,                                                               \
          nd_array *o = out_like(nd_##name(A, axis));                              \
          return st_out(o, nd_##name##_out(A, axis, o));                                  \
      )
W_CUM(cumsum)
W_CUM(cumprod)
W_CUM(nancumsum)
W_CUM(nancumprod)
W(concatenate, return st_of(nd_concatenate(2, (const nd_array *const[]){A, A}, axis));)
W(concatenate_out,
      nd_array *o = out_like(nd_concatenate(2, (const nd_array *const[]){A, A}, axis));
      return st_out(o, nd_concatenate_out(2, (const nd_array *const[]){A, A}, axis, o));
  )
W(repeat, return st_of(nd_repeat(A, 1, (const int64_t[]){2}, axis));)
W(roll, return st_of(nd_roll(A, 1, axis));)
W(lexsort, return st_of(nd_lexsort(1, (const nd_array *const[]){A}, axis));)
W(argsort_keys, return st_of(nd_argsort_keys(1, (const nd_array *const[]){A}, NULL, axis));)
W(unique_axis,
      nd_array *v = NULL;
      nd_status s = nd_unique_axis(A, axis, &v, NULL, NULL, NULL);
      nd_free(v);
      return s;
  )
/* no flattened form */
W(slice_axis, return st_of(nd_slice_axis(A, axis, 0, 1, 1));)
W(index, return st_of(nd_index(A, axis, 0));)
W(swapaxes_1, return st_of(nd_swapaxes(A, axis, 0));)
W(swapaxes_2, return st_of(nd_swapaxes(A, 0, axis));)
W(moveaxis_1, return st_of(nd_moveaxis(A, axis, 0));)
W(moveaxis_2, return st_of(nd_moveaxis(A, 0, axis));)
W(expand_dims, return st_of(nd_expand_dims(A, axis));)
W(diagonal_1, return st_of(nd_diagonal(A, 0, axis, 0));)
W(diagonal_2, return st_of(nd_diagonal(A, 0, 0, axis));)
W(trace_1, return st_of(nd_trace(A, 0, axis, 0));)
W(trace_2, return st_of(nd_trace(A, 0, 0, axis));)
W(stack, return st_of(nd_stack(2, (const nd_array *const[]){A, A}, axis));)
W(split,
      nd_array *p[1];
      return st_parts(nd_split(A, 1, axis, p), p, 1);
  )
W(array_split,
      nd_array *p[2];
      return st_parts(nd_array_split(A, 2, axis, p), p, 2);
  )
W(split_at,
      nd_array *p[2];
      return st_parts(nd_split_at(A, 1, (const int64_t[]){1}, axis, p), p, 2);
  )
W(rot90_1, return st_of(nd_rot90(A, 1, axis, 0));)
W(rot90_2, return st_of(nd_rot90(A, 1, 0, axis));)
W(diff, return st_of(nd_diff(A, 1, axis));)
W(trapz, return st_of(nd_trapz(A, NULL, 1.0, axis));)

#define C(fname, valid, flat) {"nd_" #fname ": ", w_##fname, valid, flat}
#define C2(fname, public, valid) {"nd_" #public ": ", w_##fname, valid, false}
static const axis_case AXIS_CASES[] = {
    C(take, 1, true), C(take_out, 1, true), C(take_along_axis, 0, true),
    C(put_along_axis, 0, true), C(compress, 0, true), C(sort, 1, true),
    C(sort_inplace, 1, true), C(argsort, 0, true), C(partition, 1, true),
    C(argpartition, 1, true), C(topk, 1, true), C(argmax, 1, true),
    C(argmax_out, 1, true), C(argmin, 0, true), C(argmin_out, 0, true),
    C(nanargmax, 1, true), C(nanargmax_out, 1, true), C(nanargmin, 1, true),
    C(nanargmin_out, 1, true), C(cumsum, 1, true), C(cumsum_out, 1, true),
    C(cumprod, 0, true), C(cumprod_out, 0, true), C(nancumsum, 1, true),
    C(nancumsum_out, 1, true), C(nancumprod, 1, true), C(nancumprod_out, 1, true),
    C(concatenate, 0, true), C(concatenate_out, 1, true), C(repeat, 1, true),
    C(roll, 1, true), C(lexsort, 1, true), C(argsort_keys, 1, true),
    C(unique_axis, 0, true),
    C(slice_axis, 1, false), C(index, 1, false), C2(swapaxes_1, swapaxes, 1),
    C2(swapaxes_2, swapaxes, 1), C2(moveaxis_1, moveaxis, 1), C2(moveaxis_2, moveaxis, 1),
    C(expand_dims, 2, false), C2(diagonal_1, diagonal, 1), C2(diagonal_2, diagonal, 1),
    C2(trace_1, trace, 1), C2(trace_2, trace, 1), C(stack, 2, false), C(split, 1, false),
    C(array_split, 1, false), C(split_at, 1, false), C2(rot90_1, rot90, 1),
    C2(rot90_2, rot90, 1), C(diff, 1, false), C(trapz, 1, false),
};
#define NCASES(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* The call fails with ND_ERR_VALUE, fn's name and needle, and no number
 * that is a sentinel's value. */
static void expect_refused(const char *what, const char *fn, nd_status st, const char *needle) {
    const char *m = nd_errmsg();
    if (st != ND_ERR_VALUE || nd_last_status() != ND_ERR_VALUE)
        fail_msg("%s: status %d (expected ND_ERR_VALUE), '%s'", what, (int)st, m);
    if (strncmp(m, fn, strlen(fn)) != 0 || !strstr(m, needle))
        fail_msg("%s: message '%s' lacks '%s' after '%s'", what, m, needle, fn);
    if (strstr(m, "2147483")) fail_msg("%s: message '%s' prints a sentinel's value", what, m);
    nd_clear_error();
}

static void expect_ok(const char *what, nd_status st) {
    if (st != ND_OK) fail_msg("%s: status %d, '%s'", what, (int)st, nd_errmsg());
}

static void test_single_axis_sentinels(void **state) {
    (void)state;
    for (int i = 0; i < NCASES(AXIS_CASES); i++) {
        const axis_case *c = &AXIS_CASES[i];
        char what[96];
        snprintf(what, sizeof what, "%s(ND_ALL_AXES)", c->name);
        expect_refused(what, c->name, c->f(ND_ALL_AXES),
                       c->flat ? "ND_ALL_AXES is an axis count, not an axis; use ND_AXIS_NONE for the "
                                 "flattened array"
                               : "ND_ALL_AXES is an axis count, not an axis");
        snprintf(what, sizeof what, "%s(ND_AXIS_NONE)", c->name);
        if (c->flat) expect_ok(what, c->f(ND_AXIS_NONE));
        else
            expect_refused(what, c->name, c->f(ND_AXIS_NONE),
                           "ND_AXIS_NONE (the flattened array) has no meaning for this axis");
        snprintf(what, sizeof what, "%s(%d)", c->name, c->valid);
        expect_ok(what, c->f(c->valid));
        snprintf(what, sizeof what, "%s(-1)", c->name);
        expect_ok(what, c->f(-1));
        /* an ordinary out-of-range axis still says so with its number */
        nd_status st = c->f(7);
        if (st == ND_OK) fail_msg("%s(7) succeeded", c->name);
        nd_clear_error();
    }
}

/* The right uses give the right answers: ND_AXIS_NONE flattens. */
static void test_flat_answers(void **state) {
    (void)state;
    nd_array *r = nd_argmax(A, ND_AXIS_NONE, false);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 0);
    assert_int_equal(*(const int64_t *)nd_data(r), 11);
    nd_free(r);
    r = nd_argmax(A, -1, false); /* the last axis, as an axis */
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 1);
    nd_test_expect(r, V(3, 3, 3), 0);
    nd_free(r);
    r = nd_cumsum(A, ND_AXIS_NONE);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_size(r), 12);
    assert_int_equal(nd_ndim(r), 1);
    nd_free(r);
    r = nd_concatenate(2, (const nd_array *const[]){A, A}, ND_AXIS_NONE);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_size(r), 24);
    nd_free(r);
}

/* ------------------------------------------------------------ axis-count functions */

typedef nd_status (*axes_fn)(int naxes, const int *axes);
typedef struct {
    const char *name;
    axes_fn f;
    int valid_axis; /* an axis that works alone */
    bool none_ok;   /* naxes 0 with a non-NULL axes works */
} axes_case;

#define WA(fname, ...) \
    static nd_status wa_##fname(int naxes, const int *axes) { __VA_ARGS__ }

#define WA_RED(name)                                                               \
    WA(name, return st_of(nd_##name(A, naxes, axes, false));)                              \
    WA(name##_out,                                                              \
           nd_array *o = out_like(nd_##name(A, naxes, axes, false));               \
           return st_out(o, nd_##name##_out(A, naxes, axes, false, o));                   \
       )
ND_REDUCTIONS(WA_RED)
WA_RED(median)
WA_RED(nanmedian)
WA_RED(ptp)
WA_RED(nanprod)
#define WA_DDOF(name)                                                              \
    WA(name, return st_of(nd_##name(A, naxes, axes, false, 1));)                           \
    WA(name##_out,                                                              \
           nd_array *o = out_like(nd_##name(A, naxes, axes, false, 1));            \
           return st_out(o, nd_##name##_out(A, naxes, axes, false, 1, o));                \
       )
WA_DDOF(var)
WA_DDOF(std)
WA_DDOF(nanvar)
WA_DDOF(nanstd)
WA(sum_dtype, return st_of(nd_sum_dtype(A, naxes, axes, false, ND_FLOAT32));)
WA(prod_dtype, return st_of(nd_prod_dtype(A, naxes, axes, false, ND_FLOAT64));)
WA(mean_dtype, return st_of(nd_mean_dtype(A, naxes, axes, false, ND_FLOAT32));)
#define WA_Q(name, qv)                                                             \
    WA(name,                                                                    \
           nd_array *q = nd_scalar(qv, ND_FLOAT64);                                \
           nd_status s = st_of(nd_##name(A, q, naxes, axes, false, ND_QUANTILE_LINEAR)); \
           nd_free(q);                                                             \
           return s;                                                                      \
       )                                                                         \
    WA(name##_out,                                                              \
           nd_array *q = nd_scalar(qv, ND_FLOAT64);                                \
           nd_array *o = out_like(nd_##name(A, q, naxes, axes, false, ND_QUANTILE_LINEAR)); \
           nd_status s = nd_##name##_out(A, q, naxes, axes, false, ND_QUANTILE_LINEAR, o); \
           nd_free(q);                                                             \
           return st_out(o, s);                                                           \
       )                                                                         \
    WA(name##s, return st_of(nd_##name##s(A, 1, (const double[]){qv}, naxes, axes, false, \
                                          ND_QUANTILE_LINEAR));)
WA_Q(quantile, 0.5)
WA_Q(percentile, 50)
WA_Q(nanquantile, 0.5)
WA_Q(nanpercentile, 50)
WA(average, return st_of(nd_average(A, naxes, axes, false, NULL, NULL));)
WA(squeeze, return st_of(nd_squeeze(COL, naxes, axes));)
WA(flip, return st_of(nd_flip(A, naxes, axes));)
WA(linalg_norm, return st_of(nd_linalg_norm(A, NULL, naxes, axes, false));)

#define CA(fname, valid, none_ok) {"nd_" #fname ": ", wa_##fname, valid, none_ok}
#define CA_RED(name) CA(name, 1, true), CA(name##_out, 1, true),
static const axes_case AXES_CASES[] = {
    ND_REDUCTIONS(CA_RED) CA_RED(median) CA_RED(nanmedian) CA_RED(ptp) CA_RED(nanprod)
    CA_RED(var) CA_RED(std) CA_RED(nanvar) CA_RED(nanstd)
    CA(sum_dtype, 0, true), CA(prod_dtype, 0, true), CA(mean_dtype, 0, true),
    CA_RED(quantile) CA(quantiles, 1, true), CA_RED(percentile) CA(percentiles, 1, true),
    CA_RED(nanquantile) CA(nanquantiles, 1, true), CA_RED(nanpercentile) CA(nanpercentiles, 1, true),
    CA(average, 1, true), CA(squeeze, -1, true), CA(flip, 0, true),
    CA(linalg_norm, 1, false), /* naxes must be 1, 2 or ND_ALL_AXES */
};

static void test_axis_count_sentinels(void **state) {
    (void)state;
    const int some[1] = {0};
    for (int i = 0; i < NCASES(AXES_CASES); i++) {
        const axes_case *c = &AXES_CASES[i];
        char what[96];
        snprintf(what, sizeof what, "%s(naxes ND_AXIS_NONE)", c->name);
        expect_refused(what, c->name, c->f(ND_AXIS_NONE, some),
                       "ND_AXIS_NONE is a single-axis argument, not an axis count; use ND_ALL_AXES for every axis");
        snprintf(what, sizeof what, "%s(0, NULL)", c->name);
        expect_refused(what, c->name, c->f(0, NULL), "naxes 0 with axes NULL is ambiguous; use ND_ALL_AXES");
        snprintf(what, sizeof what, "%s(1, {ND_ALL_AXES})", c->name);
        expect_refused(what, c->name, c->f(1, (const int[]){ND_ALL_AXES}),
                       "axes[0] is ND_ALL_AXES (an axis count), not an axis");
        snprintf(what, sizeof what, "%s(1, {ND_AXIS_NONE})", c->name);
        expect_refused(what, c->name, c->f(1, (const int[]){ND_AXIS_NONE}),
                       "axes[0] is ND_AXIS_NONE (a single-axis argument), not an axis");
        snprintf(what, sizeof what, "%s(ND_ALL_AXES, NULL)", c->name);
        expect_ok(what, c->f(ND_ALL_AXES, NULL));
        snprintf(what, sizeof what, "%s(1, {%d})", c->name, c->valid_axis);
        expect_ok(what, c->f(1, (const int[]){c->valid_axis}));
        snprintf(what, sizeof what, "%s(0, axes)", c->name);
        if (c->none_ok) expect_ok(what, c->f(0, some));
        else if (c->f(0, some) == ND_OK) fail_msg("%s succeeded", what);
        nd_clear_error();
    }
}

/* naxes 0 with a non-NULL axes reduces nothing; ND_ALL_AXES every axis. */
static void test_axis_count_answers(void **state) {
    (void)state;
    const int none[1] = {0};
    nd_array *r = nd_sum(A, 0, none, false);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 2);
    nd_test_expect(r, V(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 0);
    nd_free(r);
    r = nd_sum(A, ND_ALL_AXES, NULL, false);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 0);
    nd_test_expect(r, V(66), 0);
    nd_free(r);
    r = nd_flip(A, 0, none);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 0);
    nd_free(r);
    r = nd_flip(A, ND_ALL_AXES, NULL);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), 0);
    nd_free(r);
    r = nd_squeeze(COL, ND_ALL_AXES, NULL);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 1);
    nd_free(r);
    r = nd_squeeze(COL, 0, none);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 2);
    nd_free(r);
}

/* Functions whose axis lists are not axis counts: transpose, roll_axes,
 * tensordot (whose naxes 0 with NULL axes is NumPy's axes=0). */
static void test_other_axis_lists(void **state) {
    (void)state;
    expect_refused("transpose", "nd_transpose: ", st_of(nd_transpose(A, (const int[]){ND_ALL_AXES, 0})),
                   "axes[0] is ND_ALL_AXES");
    expect_refused("transpose", "nd_transpose: ", st_of(nd_transpose(A, (const int[]){1, ND_AXIS_NONE})),
                   "axes[1] is ND_AXIS_NONE");
    expect_refused("roll_axes", "nd_roll_axes: ",
                   st_of(nd_roll_axes(A, 1, (const int64_t[]){1}, (const int[]){ND_ALL_AXES})),
                   "axes[0] is ND_ALL_AXES (an axis count), not an axis");
    expect_refused("roll_axes", "nd_roll_axes: ",
                   st_of(nd_roll_axes(A, 1, (const int64_t[]){1}, (const int[]){ND_AXIS_NONE})),
                   "axes[0] is ND_AXIS_NONE (a single-axis argument), not an axis");
    expect_refused("tensordot", "nd_tensordot: ", st_of(nd_tensordot(A, A, ND_ALL_AXES, NULL, NULL)),
                   "ND_ALL_AXES (every axis) has no meaning here");
    expect_refused("tensordot", "nd_tensordot: ", st_of(nd_tensordot(A, A, ND_AXIS_NONE, NULL, NULL)),
                   "ND_AXIS_NONE is a single-axis argument, not an axis count");
    expect_refused("tensordot", "nd_tensordot: ",
                   st_of(nd_tensordot(A, A, 1, (const int[]){ND_AXIS_NONE}, (const int[]){0})),
                   "axes[0] is ND_AXIS_NONE");
    expect_ok("tensordot(0)", st_of(nd_tensordot(A, A, 0, NULL, NULL)));
    expect_ok("transpose", st_of(nd_transpose(A, (const int[]){1, 0})));
    expect_ok("roll_axes", st_of(nd_roll_axes(A, 1, (const int64_t[]){1}, (const int[]){-1})));
    /* the sentinels are far from every axis and count */
    assert_true(ND_ALL_AXES < -ND_MAX_DIMS && ND_AXIS_NONE < -ND_MAX_DIMS);
    assert_true(ND_ALL_AXES != ND_AXIS_NONE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_single_axis_sentinels, clear),
        cmocka_unit_test_setup(test_flat_answers, clear),
        cmocka_unit_test_setup(test_axis_count_sentinels, clear),
        cmocka_unit_test_setup(test_axis_count_answers, clear),
        cmocka_unit_test_setup(test_other_axis_lists, clear),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

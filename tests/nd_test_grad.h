/* Gradient checking for the autodiff tests, in the spirit of PyTorch's
 * gradcheck: the gradients nd_backward gives (with a random seed, so every
 * output element counts) against central finite differences in float64,
 * eps 1e-6, |analytic - numeric| <= atol + rtol |numeric| with atol 1e-5
 * and rtol 1e-3. Inputs come in several layouts (contiguous, transposed,
 * strided, negative strides) from grad_input. */
#ifndef ND_TEST_GRAD_H
#define ND_TEST_GRAD_H

#include "nd_test.h"

#define GRAD_EPS 1e-6
#define GRAD_ATOL 1e-5
#define GRAD_RTOL 1e-3

/* The function under test: builds its output from the inputs x on tape t
 * (NULL: plain, for the finite differences). ctx is the test's. */
typedef nd_array *(*grad_fn)(nd_tape *t, nd_array *const *x, const void *ctx);

static uint64_t g_grad_rng = 0x9e3779b97f4a7c15ULL;
static inline double grad_uniform(double lo, double hi) {
    g_grad_rng = g_grad_rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * (double)(g_grad_rng >> 11) / 9007199254740992.0;
}

enum { LAYOUT_C, LAYOUT_T, LAYOUT_STRIDED, LAYOUT_NEG, LAYOUT_COUNT };

static inline void grad_fill(nd_array *a, double lo, double hi) {
    int nd = nd_ndim(a);
    int64_t idx[ND_MAX_DIMS] = {0}, n = nd_size(a);
    for (int64_t k = 0; k < n; k++) {
        ND_ASSERT_OK(nd_set_f64(a, idx, grad_uniform(lo, hi)));
        for (int d = nd - 1; d >= 0; d--) {
            if (++idx[d] < nd_shape(a)[d]) break;
            idx[d] = 0;
        }
    }
}

/* A float64 array of the given shape with values uniform in [lo, hi), laid
 * out as layout says; the caller frees it (a view, whose base is gone). */
static inline nd_array *grad_input(int layout, int ndim, const int64_t *shape, double lo, double hi) {
    int64_t sh[ND_MAX_DIMS];
    nd_array *base = NULL, *r = NULL;
    int last = ndim - 1;
    if (ndim == 0) layout = LAYOUT_C;
    switch (layout) {
    case LAYOUT_T: /* the transpose of a C array of the reversed shape */
        for (int i = 0; i < ndim; i++) sh[i] = shape[ndim - 1 - i];
        base = nd_zeros(ndim, sh, ND_FLOAT64);
        r = nd_transpose(base, NULL);
        break;
    case LAYOUT_STRIDED: /* every other element along the last axis */
        memcpy(sh, shape, sizeof(int64_t) * (size_t)ndim);
        sh[last] = 2 * shape[last];
        base = nd_zeros(ndim, sh, ND_FLOAT64);
        r = nd_slice_axis(base, last, 0, sh[last], 2);
        break;
    case LAYOUT_NEG:
        base = nd_zeros(ndim, shape, ND_FLOAT64);
        r = nd_flip(base, 1, &last);
        break;
    default:
        r = nd_zeros(ndim, shape, ND_FLOAT64);
    }
    nd_free(base);
    ND_ASSERT_ARRAY(r);
    grad_fill(r, lo, hi);
    return r;
}

/* sum(fn(x) * w) with the tape off; a scope frees fn's intermediates. */
static inline double grad_objective(grad_fn fn, nd_array *const *x, const void *ctx, const nd_array *w) {
    nd_scope *sc = nd_scope_begin();
    nd_array *y = fn(NULL, x, ctx);
    ND_ASSERT_ARRAY(y);
    double v = 0;
    ND_ASSERT_OK(nd_item(nd_sum(nd_multiply(y, w), ND_ALL_AXES, NULL, false), &v));
    nd_scope_end(sc);
    return v;
}

/* Checks the gradients of fn with respect to the float64 inputs x[0..n)
 * (diff[i] false: x[i] is a constant and must get no gradient). */
static inline void gradcheck_mask(const char *name, grad_fn fn, int n, nd_array *const *x, const bool *diff,
                                  const void *ctx) {
    for (int i = 0; i < n; i++)
        if (!diff || diff[i]) ND_ASSERT_OK(nd_requires_grad(x[i]));
    nd_tape *t = nd_tape_new();
    ND_ASSERT_ARRAY(t);
    nd_array *y = fn(t, x, ctx);
    if (!y) fail_msg("%s: recording failed: %s", name, nd_errmsg());
    nd_array *w = nd_empty(nd_ndim(y), nd_shape(y), ND_FLOAT64);
    grad_fill(w, -1, 1);
    ND_ASSERT_OK(nd_backward(t, y, w));
    nd_tape_free(t);
    for (int i = 0; i < n; i++) {
        if (diff && !diff[i]) {
            assert_false(nd_is_param(x[i]));
            continue;
        }
        nd_array *g = nd_grad(x[i]);
        int nd = nd_ndim(x[i]);
        int64_t idx[ND_MAX_DIMS] = {0}, size = nd_size(x[i]);
        if (size && !g) fail_msg("%s: input %d got no gradient", name, i);
        if (g) {
            assert_int_equal(nd_ndim(g), nd);
            for (int d = 0; d < nd; d++) assert_int_equal(nd_shape(g)[d], nd_shape(x[i])[d]);
        }
        for (int64_t k = 0; k < size; k++) {
            double v0, an;
            ND_ASSERT_OK(nd_get_f64(x[i], idx, &v0));
            ND_ASSERT_OK(nd_get_f64(g, idx, &an));
            ND_ASSERT_OK(nd_set_f64(x[i], idx, v0 + GRAD_EPS));
            double fp = grad_objective(fn, x, ctx, w);
            ND_ASSERT_OK(nd_set_f64(x[i], idx, v0 - GRAD_EPS));
            double fm = grad_objective(fn, x, ctx, w);
            ND_ASSERT_OK(nd_set_f64(x[i], idx, v0));
            double num = (fp - fm) / (2 * GRAD_EPS);
            if (!(fabs(an - num) <= GRAD_ATOL + GRAD_RTOL * fabs(num)))
                fail_msg("%s: input %d, element %lld: analytic %.10g, numeric %.10g", name, i,
                         (long long)k, an, num);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < nd_shape(x[i])[d]) break;
                idx[d] = 0;
            }
        }
        nd_release_grad(x[i]);
    }
    nd_free(w);
}

static inline void gradcheck(const char *name, grad_fn fn, int n, nd_array *const *x, const void *ctx) {
    gradcheck_mask(name, fn, n, x, NULL, ctx);
}

#endif

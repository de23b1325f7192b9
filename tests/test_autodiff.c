/* The autodiff tape (include/nd/autodiff.h): every rule against finite
 * differences over broadcasting, size-1 and size-0 axes and several
 * layouts; values used twice and diamonds; parameters; the in-place check
 * on saved arrays (nd_data_version); errors; scopes; a long tape; failed
 * allocations; and an MLP against PyTorch (tests/data/gen_autodiff.py). */
#include "nd_test_grad.h"
#include "nd_test_layouts.h"

#include "data/autodiff_cases.h"

/* ---------------------------------------------------------------- element-wise */

typedef nd_array *(*ad_bin)(nd_tape *, const nd_array *, const nd_array *);
typedef nd_array *(*ad_un)(nd_tape *, const nd_array *);

typedef struct {
    const char *name;
    ad_bin f;
    double lo_a, hi_a, lo_b, hi_b;
} bin_case;

static nd_array *call_bin(nd_tape *t, nd_array *const *x, const void *ctx) {
    return ((const bin_case *)ctx)->f(t, x[0], x[1]);
}

static const bin_case BIN[] = {
    {"add", nd_ad_add, -2, 2, -2, 2},
    {"subtract", nd_ad_subtract, -2, 2, -2, 2},
    {"multiply", nd_ad_multiply, -2, 2, -2, 2},
    {"divide", nd_ad_divide, -2, 2, 0.5, 2},
    {"power", nd_ad_power, 0.5, 2, -1.5, 1.5},
    {"maximum", nd_ad_maximum, -2, 2, -2, 2},
    {"minimum", nd_ad_minimum, -2, 2, -2, 2},
};

/* pairs of broadcasting shapes: ndim a, shape a, ndim b, shape b */
typedef struct {
    int na;
    int64_t sa[4];
    int nb;
    int64_t sb[4];
} shape_pair;
static const shape_pair PAIRS[] = {
    {2, {3, 4}, 2, {3, 4}}, {3, {3, 1, 4}, 2, {2, 4}}, {1, {5}, 0, {0}}, {0, {0}, 2, {2, 3}},
    {2, {1, 3}, 2, {2, 1}}, {2, {0, 3}, 1, {3}},       {1, {1}, 3, {2, 1, 3}},
};

static void test_binary_rules(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof BIN / sizeof *BIN; c++)
        for (size_t p = 0; p < sizeof PAIRS / sizeof *PAIRS; p++)
            for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
                const bin_case *bc = &BIN[c];
                const shape_pair *sp = &PAIRS[p];
                nd_array *x[2] = {grad_input(lay, sp->na, sp->sa, bc->lo_a, bc->hi_a),
                                  grad_input((lay + 1) % LAYOUT_COUNT, sp->nb, sp->sb, bc->lo_b, bc->hi_b)};
                char name[64];
                snprintf(name, sizeof name, "%s pair %zu layout %d", bc->name, p, lay);
                gradcheck(name, call_bin, 2, x, bc);
                nd_free(x[0]);
                nd_free(x[1]);
            }
}

typedef struct {
    const char *name;
    ad_un f;
    double lo, hi;
} un_case;

static nd_array *call_un(nd_tape *t, nd_array *const *x, const void *ctx) {
    return ((const un_case *)ctx)->f(t, x[0]);
}

static const un_case UN[] = {
    {"negative", nd_ad_negative, -2, 2}, {"square", nd_ad_square, -2, 2}, {"sqrt", nd_ad_sqrt, 0.2, 3},
    {"exp", nd_ad_exp, -2, 2},           {"log", nd_ad_log, 0.2, 3},      {"tanh", nd_ad_tanh, -2, 2},
    {"sigmoid", nd_ad_sigmoid, -3, 3},   {"relu", nd_ad_relu, -2, 2},     {"abs", nd_ad_abs, -2, 2},
    {"reciprocal", nd_ad_reciprocal, 0.5, 2}, {"reciprocal (negative)", nd_ad_reciprocal, -2, -0.5},
    {"log1p", nd_ad_log1p, -0.7, 3},     {"expm1", nd_ad_expm1, -2, 2},   {"sin", nd_ad_sin, -4, 4},
    {"cos", nd_ad_cos, -4, 4},           {"gelu", nd_ad_gelu, -4, 4},     {"gelu (tails)", nd_ad_gelu, -9, 9},
    {"gelu_tanh", nd_ad_gelu_tanh, -4, 4}, {"silu", nd_ad_silu, -5, 5},   {"softplus", nd_ad_softplus, -5, 5},
    {"softplus (threshold)", nd_ad_softplus, 15, 25},
};

static void test_unary_rules(void **state) {
    (void)state;
    static const int64_t shapes[][3] = {{3, 4, 2}, {1, 5, 1}, {2, 0, 3}};
    for (size_t c = 0; c < sizeof UN / sizeof *UN; c++) {
        for (int s = 0; s < 3; s++)
            for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
                nd_array *x[1] = {grad_input(lay, 3, shapes[s], UN[c].lo, UN[c].hi)};
                gradcheck(UN[c].name, call_un, 1, x, &UN[c]);
                nd_free(x[0]);
            }
        nd_array *x0[1] = {grad_input(LAYOUT_C, 0, NULL, UN[c].lo, UN[c].hi)}; /* 0-d */
        gradcheck(UN[c].name, call_un, 1, x0, &UN[c]);
        nd_free(x0[0]);
    }
}

static nd_array *f_leaky(nd_tape *t, nd_array *const *x, const void *ctx) {
    return nd_ad_leaky_relu(t, x[0], *(const double *)ctx);
}

static void test_leaky_relu_rule(void **state) {
    (void)state;
    static const int64_t shapes[][3] = {{3, 4, 2}, {1, 5, 1}, {2, 0, 3}};
    static const double slopes[] = {0.01, 0.2, -0.5, 0};
    for (int k = 0; k < 4; k++)
        for (int s = 0; s < 3; s++)
            for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
                nd_array *x[1] = {grad_input(lay, 3, shapes[s], -2, 2)};
                gradcheck("leaky_relu", f_leaky, 1, x, &slopes[k]);
                nd_free(x[0]);
            }
    /* at 0 the slope's side (PyTorch: a > 0 takes g); gelu'(0) = 1/2;
     * softplus' is 1 above 20 and sigmoid(a) at or below it */
    nd_array *z = nd_test_array(ND_FLOAT64, 1, SH(3), V(0, 0, 0));
    nd_array *sp = nd_test_array(ND_FLOAT64, 1, SH(3), V(20, 20.5, 0));
    ND_ASSERT_OK(nd_requires_grad(z));
    ND_ASSERT_OK(nd_requires_grad(sp));
    nd_tape *t = nd_tape_new();
    nd_array *r = nd_ad_add(t, nd_ad_leaky_relu(t, z, 0.25), nd_ad_gelu(t, z));
    ND_ASSERT_OK(nd_backward(t, nd_ad_sum(t, r, ND_ALL_AXES, NULL, false), NULL));
    nd_test_expect(nd_grad(z), V(0.75, 0.75, 0.75), 1e-15);
    r = nd_ad_softplus(t, sp);
    ND_ASSERT_OK(nd_backward(t, nd_ad_sum(t, r, ND_ALL_AXES, NULL, false), NULL));
    nd_test_expect(nd_grad(sp), V(1 / (1 + exp(-20.0)), 1, 0.5), 1e-15);
    /* errors name the recorded function; t NULL is the plain operation */
    assert_null(nd_ad_leaky_relu(t, NULL, 0.1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_leaky_relu");
    assert_null(nd_ad_gelu(t, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_gelu");
    nd_array *p = nd_ad_leaky_relu(NULL, sp, 0.1);
    nd_test_expect(p, V(20, 20.5, 0), 0);
    nd_free(p);
    nd_tape_free(t);
    nd_release_grad(z);
    nd_release_grad(sp);
    nd_free(z);
    nd_free(sp);
}

/* relu and abs at 0 and ties of maximum: PyTorch's conventions */
static void test_kinks(void **state) {
    (void)state;
    nd_array *x = nd_test_array(ND_FLOAT64, 1, SH(3), V(-1, 0, 2));
    nd_array *y = nd_test_array(ND_FLOAT64, 1, SH(3), V(1, 0, 2));
    ND_ASSERT_OK(nd_requires_grad(x));
    ND_ASSERT_OK(nd_requires_grad(y));
    nd_tape *t = nd_tape_new();
    nd_array *r = nd_ad_sum(t, nd_ad_add(t, nd_ad_relu(t, x), nd_ad_abs(t, x)), ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, r, NULL));
    nd_test_expect(nd_grad(x), V(-1, 0, 2), 0);
    ND_ASSERT_OK(nd_zero_grad(x));
    nd_test_expect(nd_grad(x), V(0, 0, 0), 0);
    ND_ASSERT_OK(nd_tape_clear(t));
    r = nd_ad_sum(t, nd_ad_maximum(t, x, y), ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, r, NULL));
    nd_test_expect(nd_grad(x), V(0, 0.5, 0.5), 0);
    nd_test_expect(nd_grad(y), V(1, 0.5, 0.5), 0);
    /* amax with ties splits evenly */
    ND_ASSERT_OK(nd_tape_clear(t));
    nd_array *z = nd_test_array(ND_FLOAT64, 2, SH(2, 3), V(1, 3, 3, 5, 2, 5));
    ND_ASSERT_OK(nd_requires_grad(z));
    int ax = 1;
    r = nd_ad_sum(t, nd_ad_max(t, z, 1, &ax, false), ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, r, NULL));
    nd_test_expect(nd_grad(z), V(0, 0.5, 0.5, 0.5, 0, 0.5), 0);
    nd_tape_free(t);
    nd_release_grad(x);
    nd_release_grad(y);
    nd_release_grad(z);
    nd_free(x);
    nd_free(y);
    nd_free(z);
}

static nd_array *f_where(nd_tape *t, nd_array *const *x, const void *ctx) {
    return nd_ad_where(t, (const nd_array *)ctx, x[0], x[1]);
}
static nd_array *f_clip(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    return nd_ad_clip(t, x[0], x[1], x[2]);
}

static void test_where_clip(void **state) {
    (void)state;
    for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
        nd_array *cond = nd_test_array(ND_BOOL, 2, SH(2, 3), V(1, 0, 1, 0, 0, 1));
        nd_array *x[2] = {grad_input(lay, 2, SH(2, 3), -1, 1), grad_input(lay, 1, SH(3), -1, 1)};
        gradcheck("where", f_where, 2, x, cond);
        nd_free(x[0]);
        nd_free(x[1]);
        /* clip, with lo > hi in places (hi wins) */
        nd_array *c[3] = {grad_input(lay, 2, SH(3, 4), -2, 2), grad_input(lay, 1, SH(4), -1.5, 0),
                          grad_input(lay, 2, SH(3, 1), -0.5, 1.5)};
        gradcheck("clip", f_clip, 3, c, NULL);
        for (int i = 0; i < 3; i++) nd_free(c[i]);
        nd_free(cond);
    }
    /* cond is a constant even when it is a float parameter's comparison */
    nd_array *x[2] = {grad_input(LAYOUT_C, 1, SH(4), -1, 1), grad_input(LAYOUT_C, 1, SH(4), -1, 1)};
    nd_array *cond = nd_greater(x[0], x[1]);
    gradcheck("where (cond from inputs)", f_where, 2, x, cond);
    nd_free(cond);
    nd_free(x[0]);
    nd_free(x[1]);
}

/* ---------------------------------------------------------------- reductions */

typedef struct {
    int op; /* 0 sum, 1 mean, 2 max, 3 min, 4 var, 5 std, 6 logsumexp */
    int naxes;
    int axes[3];
    bool keepdims;
    double ddof;
} red_case;

static nd_array *f_reduce(nd_tape *t, nd_array *const *x, const void *ctx) {
    const red_case *r = ctx;
    switch (r->op) {
    case 0: return nd_ad_sum(t, x[0], r->naxes, r->axes, r->keepdims);
    case 1: return nd_ad_mean(t, x[0], r->naxes, r->axes, r->keepdims);
    case 2: return nd_ad_max(t, x[0], r->naxes, r->axes, r->keepdims);
    case 3: return nd_ad_min(t, x[0], r->naxes, r->axes, r->keepdims);
    case 4: return nd_ad_var(t, x[0], r->naxes, r->axes, r->keepdims, r->ddof);
    case 5: return nd_ad_std(t, x[0], r->naxes, r->axes, r->keepdims, r->ddof);
    default: return nd_ad_logsumexp(t, x[0], r->naxes, r->axes, r->keepdims);
    }
}

static void test_reduction_rules(void **state) {
    (void)state;
    static const red_case axes[] = {
        {0, ND_ALL_AXES, {0}, false, 0}, {0, ND_ALL_AXES, {0}, true, 0}, {0, 1, {0}, false, 0},
        {0, 1, {-1}, true, 0},           {0, 2, {0, 2}, false, 0},       {0, 2, {2, 0}, true, 1},
    };
    for (int op = 0; op < 7; op++)
        for (size_t a = 0; a < sizeof axes / sizeof *axes; a++)
            for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
                red_case rc = axes[a];
                rc.op = op;
                nd_array *x[1] = {grad_input(lay, 3, SH(3, 4, 2), -2, 2)};
                gradcheck("reduction", f_reduce, 1, x, &rc);
                nd_free(x[0]);
            }
    /* size-1 and size-0 axes (sum, mean, logsumexp of nothing; var and std
     * over a size-1 axis, std's 0/0 masked to 0) */
    for (int op = 0; op < 7; op += op == 1 ? 5 : 1) {
        red_case rc = {op, 1, {1}, false, 0};
        nd_array *x[1] = {grad_input(LAYOUT_C, 2, SH(3, 0), -1, 1)};
        gradcheck("empty reduction", f_reduce, 1, x, &rc);
        nd_free(x[0]);
    }
    red_case rv = {4, 1, {0}, true, 0};
    nd_array *x[1] = {grad_input(LAYOUT_T, 2, SH(1, 5), -1, 1)};
    gradcheck("var over size-1 axis", f_reduce, 1, x, &rv);
    rv.op = 5;
    gradcheck("std over size-1 axis", f_reduce, 1, x, &rv);
    rv.op = 6;
    gradcheck("logsumexp over size-1 axis", f_reduce, 1, x, &rv);
    nd_free(x[0]);
    /* 0-d input */
    for (int op = 5; op < 7; op++) {
        red_case r0 = {op, ND_ALL_AXES, {0}, false, 0};
        nd_array *x0[1] = {grad_input(LAYOUT_C, 0, NULL, -1, 1)};
        gradcheck("0-d reduction", f_reduce, 1, x0, &r0);
        nd_free(x0[0]);
    }
}

/* float32 parameters through the new rules: float32 gradients, equal to
 * the float64 ones to float32 precision */
static nd_array *f_f32_chain(nd_tape *t, const nd_array *x) {
    int ax = 0;
    nd_array *h = nd_ad_add(t, nd_ad_gelu(t, x), nd_ad_softplus(t, nd_ad_leaky_relu(t, x, 0.1)));
    h = nd_ad_multiply(t, nd_ad_log_softmax(t, h, 1), nd_ad_softmax(t, nd_ad_silu(t, x), 0));
    h = nd_ad_add(t, nd_ad_std(t, h, 1, &ax, false, 1), nd_ad_logsumexp(t, nd_ad_sin(t, x), 1, &ax, false));
    return nd_ad_sum(t, nd_ad_multiply(t, h, nd_ad_expm1(t, nd_ad_cos(t, nd_ad_reciprocal(t, nd_ad_log1p(t, h))))),
                     ND_ALL_AXES, NULL, false);
}

static void test_float32_rules(void **state) {
    (void)state;
    nd_array *x64 = grad_input(LAYOUT_T, 2, SH(3, 4), -1, 1);
    nd_array *x32 = nd_astype(x64, ND_FLOAT32);
    ND_ASSERT_OK(nd_requires_grad(x64));
    ND_ASSERT_OK(nd_requires_grad(x32));
    nd_tape *t = nd_tape_new();
    ND_ASSERT_OK(nd_backward(t, f_f32_chain(t, x64), NULL));
    ND_ASSERT_OK(nd_backward(t, f_f32_chain(t, x32), NULL));
    assert_int_equal(nd_dtype_of(nd_grad(x32)), ND_FLOAT32);
    bool close = false;
    ND_ASSERT_OK(nd_allclose(nd_grad(x32), nd_grad(x64), 1e-3, 1e-4, false, &close));
    assert_true(close);
    nd_tape_free(t);
    nd_release_grad(x64);
    nd_release_grad(x32);
    nd_free(x64);
    nd_free(x32);
}

/* std of a constant slice has gradient 0 (not NaN); logsumexp's gradient
 * is the softmax, finite for large values */
static void test_std_logsumexp_values(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(2, 3), V(2, 2, 2, 1, 2, 3));
    nd_array *b = nd_test_array(ND_FLOAT64, 1, SH(2), V(0, 1000));
    ND_ASSERT_OK(nd_requires_grad(a));
    ND_ASSERT_OK(nd_requires_grad(b));
    nd_tape *t = nd_tape_new();
    int ax = 1;
    nd_array *s = nd_ad_sum(t, nd_ad_std(t, a, 1, &ax, false, 1), ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, s, NULL));
    nd_test_expect(nd_grad(a), V(0, 0, 0, -0.5, 0, 0.5), 1e-15); /* (a - 2) / (2 * 1) */
    ND_ASSERT_OK(nd_backward(t, nd_ad_logsumexp(t, b, ND_ALL_AXES, NULL, false), NULL));
    nd_test_expect(nd_grad(b), V(0, 1), 0);
    /* errors name the recorded function; t NULL is the plain operation */
    assert_null(nd_ad_std(t, a, 1, &ax, false, -1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ad_std");
    assert_null(nd_ad_logsumexp(t, NULL, 1, &ax, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_logsumexp");
    assert_null(nd_ad_logsumexp(t, a, 0, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ad_logsumexp");
    ax = 2;
    assert_null(nd_ad_logsumexp(NULL, a, 1, &ax, true));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ad_logsumexp");
    nd_array *p = nd_ad_std(NULL, b, ND_ALL_AXES, NULL, false, 0);
    nd_test_expect(p, V(500), 0);
    nd_free(p);
    nd_tape_free(t);
    nd_release_grad(a);
    nd_release_grad(b);
    nd_free(a);
    nd_free(b);
}

/* ---------------------------------------------------------------- softmax family */

typedef struct {
    bool log;
    int axis;
} smax_case;

static nd_array *f_softmax(nd_tape *t, nd_array *const *x, const void *ctx) {
    const smax_case *c = ctx;
    return c->log ? nd_ad_log_softmax(t, x[0], c->axis) : nd_ad_softmax(t, x[0], c->axis);
}

static void test_softmax_rules(void **state) {
    (void)state;
    static const struct {
        int ndim;
        int64_t shape[3];
        int axis;
    } cases[] = {
        {3, {3, 4, 2}, 0}, {3, {3, 4, 2}, 1}, {3, {3, 4, 2}, -1}, {3, {1, 5, 1}, 0}, {3, {1, 5, 1}, 1},
        {3, {2, 0, 3}, 1}, {3, {2, 0, 3}, 0}, {1, {6}, 0},        {0, {0}, 0},       {0, {0}, -1},
    };
    for (int lg = 0; lg < 2; lg++)
        for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
            for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
                smax_case sc = {lg != 0, cases[k].axis};
                nd_array *x[1] = {grad_input(lay, cases[k].ndim, cases[k].shape, -3, 3)};
                gradcheck(lg ? "log_softmax" : "softmax", f_softmax, 1, x, &sc);
                nd_free(x[0]);
            }
    /* log_softmax stays finite where the softmax underflows: g - softmax * sum(g) */
    nd_array *a = nd_test_array(ND_FLOAT64, 1, SH(2), V(0, 1000));
    nd_array *seed = nd_test_array(ND_FLOAT64, 1, SH(2), V(1, 0));
    ND_ASSERT_OK(nd_requires_grad(a));
    nd_tape *t = nd_tape_new();
    ND_ASSERT_OK(nd_backward(t, nd_ad_log_softmax(t, a, 0), seed));
    nd_test_expect(nd_grad(a), V(1, -1), 0);
    ND_ASSERT_OK(nd_zero_grad(a));
    ND_ASSERT_OK(nd_backward(t, nd_ad_softmax(t, a, -1), seed));
    nd_test_expect(nd_grad(a), V(0, 0), 0);
    /* errors name the recorded function; t NULL is the plain operation */
    assert_null(nd_ad_softmax(t, a, 1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ad_softmax");
    assert_null(nd_ad_log_softmax(t, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_log_softmax");
    assert_null(nd_ad_log_softmax(NULL, a, ND_ALL_AXES));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ad_log_softmax");
    nd_array *p = nd_ad_softmax(NULL, seed, 0);
    nd_test_expect(p, V(1 / (1 + exp(-1.0)), 1 / (1 + exp(1.0))), 1e-15);
    nd_free(p);
    nd_tape_free(t);
    nd_release_grad(a);
    nd_free(a);
    nd_free(seed);
}

/* ---------------------------------------------------------------- shape ops */

static nd_array *f_reshape(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    return nd_ad_multiply(t, nd_ad_reshape(t, x[0], 2, SH(6, -1)), x[1]);
}
static nd_array *f_transpose(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    static const int perm[3] = {2, 0, 1};
    nd_array *a = nd_ad_transpose(t, x[0], perm);
    nd_array *r = nd_ad_sum(t, nd_ad_transpose(t, nd_ad_square(t, x[0]), NULL), ND_ALL_AXES, NULL, false);
    return nd_ad_add(t, nd_ad_multiply(t, a, a), nd_ad_exp(t, r));
}
static nd_array *f_broadcast(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    return nd_ad_square(t, nd_ad_broadcast_to(t, x[0], 3, SH(2, 3, 4)));
}
static nd_array *f_expand_squeeze(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    int ax = 1;
    nd_array *e = nd_ad_expand_dims(t, x[0], 1);  /* (3,1,4) */
    nd_array *p = nd_ad_multiply(t, e, x[1]);      /* (3,2,4) with x1 (2,1) */
    nd_array *s = nd_ad_squeeze(t, nd_ad_view(t, p, ":, 1:2"), 1, &ax);
    return nd_ad_add(t, s, nd_ad_squeeze(t, e, ND_ALL_AXES, NULL));
}
static nd_array *f_view(nd_tape *t, nd_array *const *x, const void *ctx) {
    return nd_ad_square(t, nd_ad_view(t, x[0], (const char *)ctx));
}

static void test_shape_rules(void **state) {
    (void)state;
    for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
        nd_array *x[2] = {grad_input(lay, 3, SH(3, 2, 2), -1, 1), grad_input(lay, 1, SH(2), -1, 1)};
        gradcheck("reshape", f_reshape, 2, x, NULL);
        nd_free(x[0]);
        nd_free(x[1]);
        nd_array *y[1] = {grad_input(lay, 3, SH(2, 3, 4), -1, 1)};
        gradcheck("transpose", f_transpose, 1, y, NULL);
        nd_free(y[0]);
        nd_array *b[1] = {grad_input(lay, 2, SH(3, 1), -1, 1)};
        gradcheck("broadcast_to", f_broadcast, 1, b, NULL);
        nd_free(b[0]);
        nd_array *e[2] = {grad_input(lay, 2, SH(3, 4), -1, 1), grad_input(lay, 2, SH(2, 1), -1, 1)};
        gradcheck("expand_dims/squeeze/view", f_expand_squeeze, 2, e, NULL);
        nd_free(e[0]);
        nd_free(e[1]);
        static const char *const idx[] = {"1:, ::-2", "0", "..., None, 1", ":, 1:3", "::2, 2, :"};
        for (int i = 0; i < 5; i++) {
            nd_array *v[1] = {grad_input(lay, 3, SH(3, 4, 2), -1, 1)};
            gradcheck(idx[i], f_view, 1, v, idx[i]);
            nd_free(v[0]);
        }
    }
}

/* ---------------------------------------------------------------- matmul */

static nd_array *f_matmul(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    return nd_ad_matmul(t, x[0], x[1]);
}

static void test_matmul_rule(void **state) {
    (void)state;
    static const shape_pair mm[] = {
        {2, {3, 4}, 2, {4, 5}}, {4, {2, 1, 3, 4}, 3, {5, 4, 2}}, {1, {4}, 2, {4, 5}}, {2, {3, 4}, 1, {4}},
        {1, {4}, 1, {4}},       {3, {2, 3, 4}, 1, {4}},           {1, {3}, 3, {2, 3, 2}}, {2, {0, 3}, 2, {3, 2}},
        {2, {2, 0}, 2, {0, 3}},
    };
    for (size_t c = 0; c < sizeof mm / sizeof *mm; c++)
        for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
            nd_array *x[2] = {grad_input(lay, mm[c].na, mm[c].sa, -1, 1),
                              grad_input((lay + 2) % LAYOUT_COUNT, mm[c].nb, mm[c].sb, -1, 1)};
            gradcheck("matmul", f_matmul, 2, x, NULL);
            nd_free(x[0]);
            nd_free(x[1]);
        }
}

/* ---------------------------------------------------------------- graphs */

static nd_array *f_twice(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx; /* x*x + x, and x used again through a view of itself */
    return nd_ad_add(t, nd_ad_multiply(t, x[0], x[0]), nd_ad_add(t, x[0], nd_ad_view(t, x[0], "...")));
}
static nd_array *f_diamond(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    nd_array *y = nd_ad_exp(t, nd_ad_multiply(t, x[0], x[1]));
    nd_array *a = nd_ad_tanh(t, y), *b = nd_ad_sigmoid(t, y);
    nd_array *d = nd_ad_multiply(t, a, b);
    return nd_ad_divide(t, d, nd_ad_add(t, nd_ad_sum(t, d, ND_ALL_AXES, NULL, false), y));
}
/* a constant input (x[1]) gets no gradient */
static nd_array *f_const(nd_tape *t, nd_array *const *x, const void *ctx) {
    (void)ctx;
    return nd_ad_multiply(t, nd_ad_sigmoid(t, x[0]), x[1]);
}

static void test_graphs(void **state) {
    (void)state;
    for (int lay = 0; lay < LAYOUT_COUNT; lay++) {
        nd_array *x[2] = {grad_input(lay, 2, SH(2, 3), -1, 1), grad_input(lay, 1, SH(3), -1, 1)};
        gradcheck("used twice", f_twice, 1, x, NULL);
        gradcheck("diamond", f_diamond, 2, x, NULL);
        const bool diff[2] = {true, false};
        gradcheck_mask("constant", f_const, 2, x, diff, NULL);
        nd_free(x[0]);
        nd_free(x[1]);
    }
}

/* mixed dtypes: a float32 parameter's gradient is float32; integer inputs
 * are constants */
static void test_dtypes(void **state) {
    (void)state;
    nd_array *w = nd_test_array(ND_FLOAT32, 1, SH(3), V(1, 2, 3));
    nd_array *d = nd_test_array(ND_FLOAT64, 1, SH(3), V(0.5, 0.25, 2));
    nd_array *k = nd_test_array(ND_INT32, 2, SH(2, 1), V(2, 3));
    ND_ASSERT_OK(nd_requires_grad(w));
    nd_array *i = nd_arange(0, 3, 1, ND_INT64);
    assert_int_equal(nd_requires_grad(i), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_requires_grad");
    nd_tape *t = nd_tape_new();
    nd_array *y = nd_ad_multiply(t, nd_ad_multiply(t, w, d), k); /* float64 (2,3) */
    assert_int_equal(nd_dtype_of(y), ND_FLOAT64);
    nd_array *s = nd_ad_sum(t, y, ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, s, NULL));
    assert_int_equal(nd_dtype_of(nd_grad(w)), ND_FLOAT32);
    nd_test_expect(nd_grad(w), V(2.5, 1.25, 10), 1e-6);
    /* backward again accumulates */
    ND_ASSERT_OK(nd_backward(t, s, NULL));
    nd_test_expect(nd_grad(w), V(5, 2.5, 20), 1e-6);
    /* an integer-only computation records without needing a rule's work */
    nd_array *ki = nd_ad_add(t, k, k);
    ND_ASSERT_ARRAY(ki);
    nd_tape_free(t);
    nd_release_grad(w);
    assert_false(nd_is_param(w));
    nd_free(w);
    nd_free(d);
    nd_free(k);
    nd_free(i);
}

/* ---------------------------------------------------------------- tape API */

static void test_retain_and_seed(void **state) {
    (void)state;
    nd_array *x = nd_test_array(ND_FLOAT64, 2, SH(2, 2), V(1, 2, 3, 4));
    ND_ASSERT_OK(nd_requires_grad(x));
    assert_null(nd_grad(x)); /* no backward yet: NULL, no error */
    assert_int_equal(nd_last_status(), ND_OK);
    nd_tape *t = nd_tape_new();
    ND_ASSERT_OK(nd_tape_retain_grads(t, true));
    nd_array *y = nd_ad_square(t, x);
    nd_array *z = nd_ad_multiply(t, y, y); /* x^4 */
    assert_int_equal(nd_tape_size(t), 2);
    nd_array *seed = nd_test_array(ND_FLOAT32, 2, SH(2, 2), V(1, 0, 0, 2));
    ND_ASSERT_OK(nd_backward(t, z, seed));
    nd_test_expect(nd_grad(x), V(4, 0, 0, 512), 1e-12);
    nd_test_expect(nd_tape_grad(t, y), V(2, 0, 0, 64), 1e-12);
    nd_test_expect(nd_tape_grad(t, z), V(1, 0, 0, 2), 0);
    /* backward from an intermediate with its own seed */
    ND_ASSERT_OK(nd_zero_grad(x));
    ND_ASSERT_OK(nd_backward(t, y, seed));
    nd_test_expect(nd_grad(x), V(2, 0, 0, 16), 1e-12);
    /* errors */
    assert_int_equal(nd_backward(t, z, NULL), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_backward: loss has shape (2,2)");
    nd_array *bad = nd_ones(1, SH(4), ND_FLOAT64);
    assert_int_equal(nd_backward(t, z, bad), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "seed has shape (4,), loss has shape (2,2)");
    assert_int_equal(nd_backward(t, x, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "not a value recorded on this tape");
    assert_int_equal(nd_backward(NULL, z, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_backward");
    assert_int_equal(nd_backward(t, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "loss");
    assert_null(nd_tape_grad(t, x));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_tape_grad");
    assert_null(nd_tape_grad(t, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_tape_grad");
    ND_ASSERT_OK(nd_tape_retain_grads(t, false));
    ND_ASSERT_OK(nd_backward(t, y, seed));
    assert_null(nd_tape_grad(t, y));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "does not retain");
    assert_int_equal(nd_tape_retain_grads(NULL, true), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_tape_retain_grads");
    assert_int_equal(nd_tape_size(NULL), -1);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_tape_size");
    /* backward on a cleared tape, then on a freed one */
    ND_ASSERT_OK(nd_tape_clear(t));
    assert_int_equal(nd_tape_size(t), 0);
    assert_int_equal(nd_backward(t, z, seed), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "not a value recorded on this tape");
    nd_tape_free(t);
    nd_array *lonely = nd_ones(0, NULL, ND_FLOAT64);
    assert_int_equal(nd_backward(t, lonely, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "not a live tape");
    assert_int_equal(nd_tape_clear(t), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_tape_clear");
    nd_tape_free(t); /* ignored */
    nd_tape_free(NULL);
    assert_int_equal(nd_tape_clear(NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_tape_clear");
    /* parameter API misuse */
    assert_int_equal(nd_requires_grad(NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_requires_grad");
    assert_null(nd_grad(lonely));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_grad: the array is not a parameter");
    assert_null(nd_grad(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_grad");
    assert_int_equal(nd_zero_grad(lonely), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_zero_grad");
    assert_int_equal(nd_zero_grad(NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_zero_grad");
    nd_release_grad(NULL);
    nd_release_grad(lonely);
    assert_false(nd_is_param(NULL));
    ND_ASSERT_OK(nd_requires_grad(x)); /* again: nothing changes */
    nd_release_grad(x);
    nd_free(lonely);
    nd_free(bad);
    nd_free(seed);
    nd_free(x);
}

/* non-float loss, integer seed, recording errors named as nd_ad_* */
static void test_record_errors(void **state) {
    (void)state;
    nd_tape *t = nd_tape_new();
    nd_array *a = nd_ones(1, SH(3), ND_FLOAT64), *b = nd_ones(1, SH(4), ND_FLOAT64);
    assert_null(nd_ad_add(t, a, b));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_ad_add: ");
    assert_null(nd_ad_add(NULL, a, b)); /* the plain operation, named as called */
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_ad_add: ");
    assert_null(nd_ad_multiply(t, NULL, b));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_multiply");
    int bad_axis = 3;
    assert_null(nd_ad_sum(t, a, 1, &bad_axis, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ad_sum");
    assert_null(nd_ad_mean(t, a, 1, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_mean");
    assert_null(nd_ad_reshape(t, a, 1, SH(5)));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_ad_reshape");
    assert_null(nd_ad_reshape(t, a, 1, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_reshape");
    assert_null(nd_ad_view(t, a, "5"));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ad_view");
    assert_null(nd_ad_view(t, a, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ad_view");
    assert_null(nd_ad_matmul(t, a, b));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_ad_matmul");
    assert_null(nd_ad_squeeze(t, a, 1, &bad_axis));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ad_squeeze");
    assert_int_equal(nd_tape_size(t), 0); /* nothing recorded */
    nd_array *i = nd_arange(0, 3, 1, ND_INT64);
    nd_array *s = nd_ad_sum(t, i, ND_ALL_AXES, NULL, false);
    assert_int_equal(nd_backward(t, s, NULL), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_backward: loss has dtype int64");
    /* with t NULL the result is the caller's */
    nd_array *p = nd_ad_exp(NULL, a);
    nd_test_expect(p, V(M_E, M_E, M_E), 1e-15);
    nd_free(p);
    nd_tape_free(t);
    nd_free(a);
    nd_free(b);
    nd_free(i);
}

/* saved arrays changed in place: refused, naming the operation */
static void test_version_check(void **state) {
    (void)state;
    nd_array *w = nd_test_array(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    nd_array *x = nd_test_array(ND_FLOAT64, 1, SH(3), V(4, 5, 6));
    nd_array *xv = nd_view(x, "::-1"); /* a view shares x's count */
    uint64_t v0 = nd_data_version(x);
    ND_ASSERT_OK(nd_requires_grad(w));
    nd_tape *t = nd_tape_new();
    nd_array *p = nd_ad_add(t, w, w);
    nd_array *q = nd_ad_multiply(t, p, x);
    nd_array *s = nd_ad_sum(t, q, ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, s, NULL));
    ND_ASSERT_OK(nd_fill(xv, 1.0)); /* through the view */
    assert_true(nd_data_version(x) > v0);
    assert_int_equal(nd_backward(t, s, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE,
                    "nd_backward: an input of nd_ad_multiply (operation 1) was changed in place after it was recorded");
    nd_test_expect(nd_grad(w), V(8, 10, 12), 0); /* untouched by the refused backward */
    /* an unchanged part of the record still works: from p (add saves nothing) */
    nd_array *seed = nd_ones(1, SH(3), ND_FLOAT64);
    ND_ASSERT_OK(nd_backward(t, p, seed));
    nd_test_expect(nd_grad(w), V(10, 12, 14), 0);
    /* a tape value changed in place: exp saves its result */
    ND_ASSERT_OK(nd_tape_clear(t));
    nd_array *e = nd_ad_exp(t, w);
    s = nd_ad_sum(t, e, ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_multiply_scalar_inplace(e, 2.0));
    assert_int_equal(nd_backward(t, s, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "the result of nd_ad_exp (operation 0) was changed in place");
    /* a parameter released after recording */
    ND_ASSERT_OK(nd_tape_clear(t));
    s = nd_ad_sum(t, nd_ad_square(t, w), ND_ALL_AXES, NULL, false);
    nd_release_grad(w);
    nd_free(w); /* the tape keeps its memory alive */
    assert_int_equal(nd_backward(t, s, NULL), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "a parameter input of nd_ad_square (operation 0) was released");
    nd_tape_free(t);
    nd_free(seed);
    nd_free(xv);
    nd_free(x);
}

/* nd_data_version over the write paths */
static void test_data_version(void **state) {
    (void)state;
    nd_array *a = nd_zeros(2, SH(3, 4), ND_FLOAT64);
    nd_array *v = nd_view(a, "1:, ::2");
    nd_array *idx = nd_arange(0, 2, 1, ND_INT64);
    nd_array *one = nd_ones(0, NULL, ND_FLOAT64);
    nd_array *mask = nd_greater_scalar(a, -1.0);
    assert_int_equal(nd_data_version(a), 0);
    uint64_t last = 0;
#define BUMPS(expr)                                                                \
    do {                                                                           \
        ND_ASSERT_OK(expr);                                                        \
        assert_true(nd_data_version(a) > last);                                    \
        assert_int_equal(nd_data_version(v), nd_data_version(a));                  \
        last = nd_data_version(a);                                                 \
    } while (0)
    BUMPS(nd_fill(a, 1.0));
    BUMPS(nd_set_f64(v, SH(0, 0), 2.0));
    BUMPS(nd_add_inplace(v, one));
    BUMPS(nd_add_scalar_inplace(a, 1.0));
    BUMPS(nd_exp_out(a, a));
    BUMPS(nd_copyto(v, one));
    BUMPS(nd_put(a, idx, one));
    BUMPS(nd_place(a, mask, one));
    BUMPS(nd_sort_inplace(a, -1, false));
    BUMPS(nd_axpy_inplace(a, 2.0, a));
    nd_array *s = nd_sum(a, 1, (const int[]){0}, false);
    nd_array *row = nd_index(a, 0, 0);
    BUMPS(nd_sum_out(a, 1, (const int[]){0}, false, row));
    nd_array *left = nd_view(a, ":, :3"), *eye = nd_eye(3, 3, 0, ND_FLOAT64), *right = nd_view(a, ":, 1:");
    BUMPS(nd_matmul_out(left, eye, right));
    nd_free(left);
    nd_free(eye);
    nd_free(right);
    uint64_t before = nd_data_version(a);
    nd_free(nd_add(a, a)); /* reading does not count */
    assert_int_equal(nd_data_version(a), before);
    assert_int_equal(nd_data_version(NULL), 0);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_data_version");
#undef BUMPS
    nd_clear_error();
    nd_free(s);
    nd_free(row);
    nd_free(a);
    nd_free(v);
    nd_free(idx);
    nd_free(one);
    nd_free(mask);
}

/* error helpers for layers built on libnd */
static void test_error_api(void **state) {
    (void)state;
    nd_clear_error();
    unsigned long m = nd_error_mark();
    assert_int_equal(nd_set_error(ND_ERR_VALUE, "my_fn", "bad %d", 7), ND_ERR_VALUE);
    assert_string_equal(nd_errmsg(), "my_fn: bad 7");
    assert_true(nd_error_mark() > m);
    m = nd_error_mark();
    assert_int_equal(nd_error_relabel("outer", m), ND_ERR_VALUE); /* pending: kept */
    assert_string_equal(nd_errmsg(), "my_fn: bad 7");
    nd_clear_error();
    m = nd_error_mark();
    nd_array *a = nd_ones(1, SH(2), ND_FLOAT64), *b = nd_ones(1, SH(3), ND_FLOAT64);
    assert_null(nd_add(a, b));
    assert_int_equal(nd_error_relabel("outer", m), ND_ERR_SHAPE);
    assert_true(strncmp(nd_errmsg(), "outer: ", 7) == 0);
    nd_clear_error();
    nd_free(a);
    nd_free(b);
}

/* tape-owned results are out of every scope; nd_scope_release */
static void test_scopes(void **state) {
    (void)state;
    nd_array *w = nd_test_array(ND_FLOAT64, 1, SH(2), V(1, 2));
    ND_ASSERT_OK(nd_requires_grad(w));
    nd_tape *t = nd_tape_new();
    nd_scope *s = nd_scope_begin();
    nd_array *y = nd_ad_sum(t, nd_ad_exp(t, w), ND_ALL_AXES, NULL, false);
    nd_array *tmp = nd_scope_release(nd_ones(1, SH(2), ND_FLOAT64));
    nd_scope_end(s); /* must not free y */
    assert_null(nd_scope_release(NULL));
    s = nd_scope_begin();
    ND_ASSERT_OK(nd_backward(t, y, NULL)); /* gradients made inside a scope survive it */
    nd_scope_end(s);
    nd_test_expect(nd_grad(w), V(exp(1), exp(2)), 1e-15);
    nd_test_expect(tmp, V(1, 1), 0);
    assert_true(nd_scope_release(tmp) == tmp); /* not owned: as it is */
    nd_free(tmp);
    /* from an inner scope, past its parent */
    nd_scope *outer = nd_scope_begin();
    nd_scope *inner = nd_scope_begin();
    nd_array *deep = nd_scope_release(nd_full(1, SH(2), ND_FLOAT64, 3.0));
    nd_scope_end(inner);
    nd_scope_end(outer);
    nd_test_expect(deep, V(3, 3), 0);
    nd_free(deep);
    nd_tape_free(t);
    nd_release_grad(w);
    nd_free(w);
}

/* a long chain: no recursion, freed intermediates */
static void test_long_tape(void **state) {
    (void)state;
    const int64_t n = UNDER_ASAN ? 20000 : 100000;
    nd_array *w = nd_test_array(ND_FLOAT64, 1, SH(4), V(0.1, 0.2, 0.3, 0.4));
    ND_ASSERT_OK(nd_requires_grad(w));
    nd_tape *t = nd_tape_new();
    nd_array *x = nd_ad_add(t, w, w);
    for (int64_t i = 1; i < n; i++) x = nd_ad_negative(t, x);
    nd_array *s = nd_ad_sum(t, x, ND_ALL_AXES, NULL, false);
    ND_ASSERT_ARRAY(s);
    assert_int_equal(nd_tape_size(t), n + 1);
    ND_ASSERT_OK(nd_backward(t, s, NULL));
    double sign = (n - 1) % 2 ? -2.0 : 2.0;
    nd_test_expect(nd_grad(w), V(sign, sign, sign, sign), 0);
    nd_tape_free(t);
    nd_release_grad(w);
    nd_free(w);
}

/* allocation failures while recording and in backward */
static nd_array *g_fw, *g_fx, *g_fb;
static nd_status record_and_backward(const nd_array *a) {
    (void)a;
    nd_tape *t = nd_tape_new();
    if (!t) return nd_last_status();
    nd_status st = ND_OK;
    nd_array *h = nd_ad_relu(t, nd_ad_add(t, nd_ad_add(t, nd_ad_matmul(t, g_fx, g_fw), nd_ad_view(t, g_fw, "0")), g_fb));
    nd_array *l = nd_ad_mean(t, nd_ad_square(t, nd_ad_view(t, h, "1:")), ND_ALL_AXES, NULL, false);
    if (!l) st = nd_last_status();
    else st = nd_backward(t, l, NULL);
    nd_tape_free(t);
    return st;
}

/* the same through the newer rules (their params are copied into the record) */
static nd_status record_and_backward_nn(const nd_array *a) {
    (void)a;
    nd_tape *t = nd_tape_new();
    if (!t) return nd_last_status();
    nd_status st = ND_OK;
    int ax = 0;
    nd_array *h = nd_ad_leaky_relu(t, nd_ad_gelu(t, nd_ad_matmul(t, g_fx, g_fw)), 0.2);
    h = nd_ad_add(t, nd_ad_log_softmax(t, h, -1), nd_ad_std(t, nd_ad_softmax(t, h, 0), 1, &ax, true, 0));
    nd_array *l = nd_ad_logsumexp(t, nd_ad_add(t, h, g_fb), ND_ALL_AXES, NULL, false);
    if (!l) st = nd_last_status();
    else st = nd_backward(t, l, NULL);
    nd_tape_free(t);
    return st;
}

static void test_alloc_failures(void **state) {
    (void)state;
    g_fw = nd_test_array(ND_FLOAT64, 2, SH(2, 2), V(0.5, -1, 2, 0.25));
    g_fx = nd_test_array(ND_FLOAT64, 2, SH(3, 2), V(1, 2, 3, 4, 5, 6));
    g_fb = nd_test_array(ND_FLOAT64, 1, SH(2), V(0.1, -0.2));
    ND_ASSERT_OK(nd_requires_grad(g_fw));
    ND_ASSERT_OK(nd_requires_grad(g_fb));
    run_with_faults("record and backward", record_and_backward, g_fx);
    /* the failed attempts left the gradients alone: one success's worth */
    nd_array *once = nd_copy(nd_grad(g_fw)), *once_b = nd_copy(nd_grad(g_fb));
    ND_ASSERT_OK(nd_zero_grad(g_fw));
    ND_ASSERT_OK(nd_zero_grad(g_fb));
    ND_ASSERT_OK(record_and_backward(g_fx));
    bool same = false;
    ND_ASSERT_OK(nd_array_equal(once, nd_grad(g_fw), false, &same));
    assert_true(same);
    ND_ASSERT_OK(nd_array_equal(once_b, nd_grad(g_fb), false, &same));
    assert_true(same);
    nd_free(once);
    nd_free(once_b);
    ND_ASSERT_OK(nd_zero_grad(g_fw));
    ND_ASSERT_OK(nd_zero_grad(g_fb));
    run_with_faults("record and backward (nn rules)", record_and_backward_nn, g_fx);
    once = nd_copy(nd_grad(g_fw));
    ND_ASSERT_OK(nd_zero_grad(g_fw));
    ND_ASSERT_OK(record_and_backward_nn(g_fx));
    ND_ASSERT_OK(nd_array_equal(once, nd_grad(g_fw), false, &same));
    assert_true(same);
    nd_free(once);
    nd_release_grad(g_fw);
    nd_release_grad(g_fb);
    nd_free(g_fb);
    nd_free(g_fw);
    nd_free(g_fx);
}

/* ---------------------------------------------------------------- against PyTorch */

static void test_mlp_vs_torch(void **state) {
    (void)state;
    nd_array *x = nd_test_array(ND_FLOAT64, 2, SH(AD_N, AD_IN), AD_X);
    nd_array *y = nd_test_array(ND_FLOAT64, 2, SH(AD_N, AD_OUT), AD_Y);
    nd_array *w1 = nd_test_array(ND_FLOAT64, 2, SH(AD_IN, AD_HID), AD_W1);
    nd_array *b1 = nd_test_array(ND_FLOAT64, 1, SH(AD_HID), AD_B1);
    nd_array *w2 = nd_test_array(ND_FLOAT64, 2, SH(AD_HID, AD_OUT), AD_W2);
    nd_array *b2 = nd_test_array(ND_FLOAT64, 1, SH(AD_OUT), AD_B2);
    nd_array *params[4] = {w1, b1, w2, b2};
    for (int i = 0; i < 4; i++) ND_ASSERT_OK(nd_requires_grad(params[i]));
    nd_tape *t = nd_tape_new();
    /* loss = mean((sigmoid(tanh(x W1 + b1) W2 + b2) - y)^2) + 0.1 mean(max(|W1|, axis 0)) */
    nd_array *h = nd_ad_tanh(t, nd_ad_add(t, nd_ad_matmul(t, x, w1), b1));
    nd_array *o = nd_ad_sigmoid(t, nd_ad_add(t, nd_ad_matmul(t, h, w2), b2));
    nd_array *mse = nd_ad_mean(t, nd_ad_square(t, nd_ad_subtract(t, o, y)), ND_ALL_AXES, NULL, false);
    int ax0 = 0;
    nd_array *reg = nd_ad_mean(t, nd_ad_max(t, nd_ad_abs(t, w1), 1, &ax0, false), ND_ALL_AXES, NULL, false);
    nd_array *tenth = nd_scalar(0.1, ND_FLOAT64);
    nd_array *loss = nd_ad_add(t, mse, nd_ad_multiply(t, reg, tenth));
    ND_ASSERT_OK(nd_backward(t, loss, NULL));
    double l;
    ND_ASSERT_OK(nd_item(loss, &l));
    assert_true(fabs(l - AD_LOSS) <= 1e-12 * fabs(AD_LOSS));
    nd_test_expect(nd_grad(w1), AD_GW1, 1e-11);
    nd_test_expect(nd_grad(b1), AD_GB1, 1e-11);
    nd_test_expect(nd_grad(w2), AD_GW2, 1e-11);
    nd_test_expect(nd_grad(b2), AD_GB2, 1e-11);
    nd_tape_free(t);
    nd_free(tenth);
    for (int i = 0; i < 4; i++) {
        nd_release_grad(params[i]);
        nd_free(params[i]);
    }
    nd_free(x);
    nd_free(y);
}

/* var (ddof 1) and a view chain against PyTorch */
static void test_var_view_vs_torch(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(3, 4), AD_A);
    ND_ASSERT_OK(nd_requires_grad(a));
    nd_tape *t = nd_tape_new();
    int ax = 1;
    /* loss = sum(var(a[:, ::-1][1:], axis 1, ddof 1) * exp(a[0, 1:3]).sum()) */
    nd_array *v = nd_ad_var(t, nd_ad_view(t, nd_ad_view(t, a, ":, ::-1"), "1:"), 1, &ax, false, 1);
    nd_array *e = nd_ad_sum(t, nd_ad_exp(t, nd_ad_view(t, a, "0, 1:3")), ND_ALL_AXES, NULL, false);
    nd_array *loss = nd_ad_sum(t, nd_ad_multiply(t, v, e), ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_backward(t, loss, NULL));
    double l;
    ND_ASSERT_OK(nd_item(loss, &l));
    assert_true(fabs(l - AD_LOSS2) <= 1e-12 * fabs(AD_LOSS2));
    nd_test_expect(nd_grad(a), AD_GA, 1e-11);
    nd_tape_free(t);
    nd_release_grad(a);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binary_rules),     cmocka_unit_test(test_unary_rules),
        cmocka_unit_test(test_kinks),            cmocka_unit_test(test_where_clip),
        cmocka_unit_test(test_reduction_rules),  cmocka_unit_test(test_shape_rules),
        cmocka_unit_test(test_matmul_rule),      cmocka_unit_test(test_graphs),
        cmocka_unit_test(test_dtypes),           cmocka_unit_test(test_retain_and_seed),
        cmocka_unit_test(test_record_errors),    cmocka_unit_test(test_version_check),
        cmocka_unit_test(test_data_version),     cmocka_unit_test(test_error_api),
        cmocka_unit_test(test_scopes),           cmocka_unit_test(test_long_tape),
        cmocka_unit_test(test_alloc_failures),   cmocka_unit_test(test_mlp_vs_torch),
        cmocka_unit_test(test_var_view_vs_torch), cmocka_unit_test(test_leaky_relu_rule),
        cmocka_unit_test(test_softmax_rules),    cmocka_unit_test(test_std_logsumexp_values),
        cmocka_unit_test(test_float32_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

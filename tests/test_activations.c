/* Tests for the neural-network array operations: the activations gelu,
 * gelu_tanh, silu and softplus of ND_UNARY_OPS, nd_leaky_relu, and
 * nd_softmax, nd_log_softmax and nd_logsumexp (include/nd/nn_ops.h). Values
 * come from PyTorch and from the true values beside them
 * (tests/data/gen_activations.py); every case runs in several memory
 * layouts and through the _out forms. Then 0-d, empty and integer inputs,
 * long rows, bad arguments and failed allocations. */
#include "nd_test_layouts.h"

#include "data/activation_cases.h"

#include <float.h>
#include <stdio.h>

#define NUM_ACT ((int)(sizeof act_cases / sizeof act_cases[0]))
#define NUM_SM ((int)(sizeof sm_cases / sizeof sm_cases[0]))

/* Distance in units in the last place of dt between two finite values. */
static double ulps(nd_dtype dt, double a, double b) {
    if (a == b) return 0;
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    int e;
    frexp(m, &e);
    int mant = dt == ND_FLOAT32 ? 24 : 53, emin = dt == ND_FLOAT32 ? -125 : -1021;
    if (e < emin) e = emin; /* subnormals: the spacing stops shrinking */
    return fabs(a - b) / ldexp(1, e - mant);
}

static double eps_of(nd_dtype dt) { return dt == ND_FLOAT32 ? FLT_EPSILON : DBL_EPSILON; }

/* got is within tol ULP of want, or within abs_tol absolutely; NaN matches
 * NaN, infinities match exactly, and with signs a zero matches only a zero
 * of the same sign. */
static bool close_to(nd_dtype dt, double got, double want, double tol, double abs_tol, bool signs) {
    if (isnan(want) || isnan(got)) return isnan(want) && isnan(got);
    if (isinf(want) || isinf(got)) return got == want;
    if (want == 0 && got == 0) return !signs || signbit(want) == signbit(got);
    return ulps(dt, got, want) <= tol || fabs(got - want) <= abs_tol;
}

/* a and b hold the same values (NaN equal to NaN) in the same shape. */
static bool same_values(const nd_array *a, const nd_array *b) {
    bool eq = false;
    ND_ASSERT_OK(nd_array_equal(a, b, true, &eq));
    return eq;
}

/* The values of a as doubles (C order); the caller frees them. */
static double *values_of(const nd_array *a) {
    nd_array *c = nd_astype(a, ND_FLOAT64);
    ND_ASSERT_ARRAY(c);
    int64_t n = nd_size(c);
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(v);
    if (n) memcpy(v, nd_data(c), sizeof(double) * (size_t)n);
    nd_free(c);
    return v;
}

/* ------------------------------------------------------------ activations */

typedef nd_array *(*un_fn)(const nd_array *);
typedef nd_status (*un_out_fn)(const nd_array *, nd_array *);
typedef nd_status (*un_in_fn)(nd_array *);

static const struct {
    const char *name;
    un_fn f;
    un_out_fn out;
    un_in_fn inplace;
} g_acts[] = {
    {"gelu", nd_gelu, nd_gelu_out, nd_gelu_inplace},
    {"gelu_tanh", nd_gelu_tanh, nd_gelu_tanh_out, nd_gelu_tanh_inplace},
    {"silu", nd_silu, nd_silu_out, nd_silu_inplace},
    {"softplus", nd_softplus, nd_softplus_out, nd_softplus_inplace},
};

/* The activation of case c on a, by any of its forms (form 0: new array,
 * 1: _out into a new array, 2: in place on a copy). */
static nd_array *act_apply(const act_case *c, const nd_array *a, int form) {
    bool leaky = strcmp(c->op, "leaky_relu") == 0;
    int k = 0;
    while (!leaky && strcmp(g_acts[k].name, c->op) != 0) k++;
    if (form == 0) return leaky ? nd_leaky_relu(a, c->param) : g_acts[k].f(a);
    nd_array *r = nd_copy(a);
    ND_ASSERT_ARRAY(r);
    if (form == 1) {
        ND_ASSERT_OK(nd_fill(r, 7));
        ND_ASSERT_OK(leaky ? nd_leaky_relu_out(a, c->param, r) : g_acts[k].out(a, r));
    } else if (leaky) {
        ND_ASSERT_OK(nd_leaky_relu_out(r, c->param, r)); /* out == a */
    } else {
        ND_ASSERT_OK(g_acts[k].inplace(r));
    }
    return r;
}

/* libnd against the true value: float32 computes in float64 and rounds
 * once (1 ULP allows for the double rounding); float64 carries its
 * arguments as double-doubles (4 ULP). Against PyTorch: 2 ULP in float32
 * and 4 in float64, with three stated exceptions:
 * - gelu and gelu_tanh: PyTorch forms 0.5 x (1 + erf(x / sqrt 2)) and
 *   0.5 x (1 + tanh(u)), and the rounding of 1 + erf (or tanh) is an
 *   absolute error of eps, so its result is off by up to a few eps * |x|
 *   (most visibly for negative x, where the sum cancels, and for small x
 *   in float32);
 * - results below the smallest normal number: PyTorch's float32 silu
 *   overflows exp(-x) below -88.7 and gives -0 where the true value is
 *   subnormal, so differences up to FLT_MIN (DBL_MIN) pass;
 * - -inf, where PyTorch's gelu, gelu_tanh and silu give NaN (x * 0) and
 *   libnd the limit -0 (documented in nd.h).
 * leaky_relu is exact (signed zeros too). */
static void test_activation_values(void **state) {
    (void)state;
    int fails = 0;
    static const char *const forms[] = {"new", "_out", "in place"};
    for (int i = 0; i < NUM_ACT; i++) {
        const act_case *c = &act_cases[i];
        const double *x = act_pool + c->x, *tv = act_pool + c->torch, *truth = act_pool + c->truth;
        bool leaky = strcmp(c->op, "leaky_relu") == 0;
        bool cancels = strcmp(c->op, "gelu") == 0 || strcmp(c->op, "gelu_tanh") == 0;
        double eps = eps_of(c->dt), tol_true = c->dt == ND_FLOAT32 ? 1 : 4;
        double tol_torch = c->dt == ND_FLOAT32 ? 2 : 4;
        for (int L = L_CONTIG; L < L_COUNT; L++) {
            nd_array *a = make_input(c->dt, L, 1, SH(c->n), x);
            for (int form = 0; form < 3; form++) {
                nd_array *r = act_apply(c, a, form);
                ND_ASSERT_ARRAY(r);
                assert_int_equal(nd_dtype_of(r), c->dt);
                double *got = values_of(r);
                for (int j = 0; j < c->n; j++) {
                    bool ok = leaky ? close_to(c->dt, got[j], tv[j], 0, 0, true)
                                    : close_to(c->dt, got[j], truth[j], tol_true, 0, true);
                    if (!ok) {
                        print_error("%s(%s %.17g) [%s, %s]: %.17g, true value %.17g\n", c->op,
                                    nd_dtype_name(c->dt), x[j], layout_names[L], forms[form],
                                    got[j], truth[j]);
                        fails++;
                    }
                    if (leaky) continue;
                    if (isnan(tv[j]) && x[j] == -INFINITY && strcmp(c->op, "softplus") != 0) {
                        ok = got[j] == 0 && signbit(got[j]); /* libnd's limit, PyTorch's NaN */
                    } else {
                        double abs_tol = c->dt == ND_FLOAT32 ? FLT_MIN : DBL_MIN;
                        if (cancels && 4 * eps * fabs(x[j]) > abs_tol) abs_tol = 4 * eps * fabs(x[j]);
                        ok = close_to(c->dt, got[j], tv[j], tol_torch, abs_tol, false);
                    }
                    if (!ok) {
                        print_error("%s(%s %.17g) [%s, %s]: %.17g, PyTorch %.17g\n", c->op,
                                    nd_dtype_name(c->dt), x[j], layout_names[L], forms[form],
                                    got[j], tv[j]);
                        fails++;
                    }
                }
                free(got);
                nd_free(r);
            }
            nd_free(a);
        }
    }
    if (NUM_ACT < 18) fail_msg("only %d activation cases", NUM_ACT);
    if (fails) fail_msg("%d activation values differ (see above)", fails);
}

/* The stability examples, spelled out. */
static void test_activation_extremes(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT64, 1, SH(4), V(-1000, 1000, -INFINITY, NAN));
    nd_array *s = nd_silu(a), *p = nd_softplus(a), *g = nd_gelu(a), *t = nd_gelu_tanh(a);
    ND_ASSERT_ARRAY(s);
    ND_ASSERT_ARRAY(p);
    ND_ASSERT_ARRAY(g);
    ND_ASSERT_ARRAY(t);
    const double *sv = nd_data(s), *pv = nd_data(p), *gv = nd_data(g), *tv = nd_data(t);
    assert_true(sv[0] == 0 && signbit(sv[0])); /* silu(-1000) = -0 */
    assert_true(sv[1] == 1000 && sv[2] == 0 && signbit(sv[2]) && isnan(sv[3]));
    assert_true(pv[0] == 0 && !signbit(pv[0])); /* softplus(-1000): exp(-1000) underflows */
    assert_true(pv[1] == 1000 && pv[2] == 0 && isnan(pv[3]));
    assert_true(gv[0] == 0 && gv[1] == 1000 && gv[2] == 0 && signbit(gv[2]) && isnan(gv[3]));
    assert_true(tv[0] == 0 && tv[1] == 1000 && tv[2] == 0 && signbit(tv[2]) && isnan(tv[3]));
    nd_free(a);
    nd_free(s);
    nd_free(p);
    nd_free(g);
    nd_free(t);
    /* float32 at softplus's threshold: 20 computes, the next float returns x */
    nd_array *f = nd_test_array(ND_FLOAT32, 1, SH(2), V(20, 20.000001907348633));
    nd_array *fp = nd_softplus(f);
    ND_ASSERT_ARRAY(fp);
    assert_int_equal(nd_dtype_of(fp), ND_FLOAT32);
    assert_true(((const float *)nd_data(fp))[0] == 20.0f);
    assert_true(((const float *)nd_data(fp))[1] == 20.000001907348633f);
    nd_free(f);
    nd_free(fp);
}

/* Bool and integers compute in float32 (bool, 8/16-bit) or float64, as
 * the other float-only operations; leaky_relu too. */
static void test_activation_integers(void **state) {
    (void)state;
    static const struct { nd_dtype in, out; } rules[] = {
        {ND_BOOL, ND_FLOAT32},  {ND_INT8, ND_FLOAT32},   {ND_INT16, ND_FLOAT32},
        {ND_UINT16, ND_FLOAT32}, {ND_INT32, ND_FLOAT64}, {ND_UINT64, ND_FLOAT64},
    };
    for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++) {
        nd_array *a = nd_test_array(rules[k].in, 1, SH(3), V(0, 1, 1));
        nd_array *b = nd_astype(a, rules[k].out);
        for (size_t o = 0; o < sizeof g_acts / sizeof g_acts[0]; o++) {
            nd_array *r = g_acts[o].f(a), *w = g_acts[o].f(b);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), rules[k].out);
            assert_true(same_values(r, w));
            nd_free(r);
            nd_free(w);
        }
        nd_array *r = nd_leaky_relu(a, 0.5);
        ND_ASSERT_ARRAY(r);
        assert_int_equal(nd_dtype_of(r), rules[k].out);
        nd_test_expect(r, V(0, 1, 1), 0);
        nd_free(r);
        nd_free(a);
        nd_free(b);
    }
    nd_array *a = nd_test_array(ND_INT8, 1, SH(3), V(-4, 0, 5));
    nd_array *r = nd_leaky_relu(a, 0.25);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_test_expect(r, V(-1, 0, 5), 0);
    nd_free(r);
    /* the slope is a weak scalar: float32 stays float32, 0.1 rounded to it */
    nd_array *f = nd_test_array(ND_FLOAT32, 1, SH(1), V(-3));
    r = nd_leaky_relu(f, 0.1);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    assert_true(((const float *)nd_data(r))[0] == -3.0f * 0.1f);
    nd_free(r);
    /* _out of a float32 result into float64 (same_kind) */
    nd_array *o = nd_empty(1, SH(3), ND_FLOAT64);
    ND_ASSERT_OK(nd_leaky_relu_out(a, 0.25, o));
    nd_test_expect(o, V(-1, 0, 5), 0);
    nd_free(o);
    nd_free(f);
    nd_free(a);
}

/* ------------------------------------------------------------ softmax family */

static nd_array *sm_apply(const sm_case *c, const nd_array *a, nd_array *out) {
    if (strcmp(c->op, "logsumexp") == 0) {
        if (out) return nd_logsumexp_out(a, c->naxes, c->axes, c->keepdims, out) == ND_OK ? out : NULL;
        return nd_logsumexp(a, c->naxes, c->axes, c->keepdims);
    }
    bool log = strcmp(c->op, "log_softmax") == 0;
    if (out)
        return (log ? nd_log_softmax_out(a, c->axes[0], out) : nd_softmax_out(a, c->axes[0], out)) == ND_OK
                   ? out
                   : NULL;
    return log ? nd_log_softmax(a, c->axes[0]) : nd_softmax(a, c->axes[0]);
}

/* Tolerances: against the true value 1 ULP in float32 (computed in float64,
 * rounded once) and 4 in float64; against PyTorch 2 ULP in float32 (its
 * float32 sums round in float32) and 4 in float64, plus for softmax
 * 2 (|log(value)| + 2) ULP: PyTorch rounds x - max to the dtype before exp,
 * which exp turns into a relative error of eps |x - max| / 2. log_softmax and
 * logsumexp are differences ((x - max) - log(sum), max + log(sum)): near 0
 * their error is absolute, so they also pass within that many eps *
 * (|value| + 2) (|x - max| is at most |value| + log(n) there). */
static bool sm_close(const sm_case *c, double got, double want, double tol, bool torch) {
    bool soft = strcmp(c->op, "softmax") == 0;
    double abs_tol = soft ? 0 : tol * eps_of(c->dt) * (fabs(want) + 2);
    /* PyTorch rounds x - max to the dtype before exp: a relative error of
     * up to eps |x - max| / 2, and |x - max| <= |log(softmax)| + log(n) */
    if (torch && soft && want > 0) tol += 2 * (fabs(log(want)) + 2);
    return close_to(c->dt, got, want, tol, abs_tol, false);
}

static int sm_check(const sm_case *c, const nd_array *r, const char *how) {
    int fails = 0;
    if (nd_dtype_of(r) != c->dt && strcmp(how, "_out into float64") != 0) {
        print_error("case %s: dtype %s\n", how, nd_dtype_name(nd_dtype_of(r)));
        return 1;
    }
    assert_int_equal(nd_ndim(r), c->rndim);
    for (int d = 0; d < c->rndim; d++) assert_int_equal(nd_shape(r)[d], c->rshape[d]);
    double *got = values_of(r);
    const double *tv = act_pool + c->torch, *truth = act_pool + c->truth;
    for (int64_t j = 0; j < nd_size(r); j++) {
        bool t1 = sm_close(c, got[j], truth[j], c->dt == ND_FLOAT32 ? 1 : 4, false);
        bool t2 = sm_close(c, got[j], tv[j], c->dt == ND_FLOAT32 ? 2 : 4, true);
        if (!t1 || !t2) {
            print_error("%s(%s (%lld,%lld,%lld), naxes %d, axes[0] %d, keepdims %d) [%s] element %lld: "
                        "%.17g, true value %.17g, PyTorch %.17g\n",
                        c->op, nd_dtype_name(c->dt), (long long)c->shape[0], (long long)c->shape[1],
                        (long long)c->shape[2], c->naxes, c->axes[0], c->keepdims, how,
                        (long long)j, got[j], truth[j], tv[j]);
            fails++;
        }
    }
    free(got);
    return fails;
}

/* Every case in every layout, with positive and negative axes, plain and
 * _out (into a new array, a reversed view, float64, and a itself). */
static void test_softmax_values(void **state) {
    (void)state;
    int fails = 0;
    char how[96];
    for (int i = 0; i < NUM_SM; i++) {
        const sm_case *c = &sm_cases[i];
        for (int L = L_CONTIG; L < L_COUNT; L++) {
            nd_array *a = make_input(c->dt, L, c->ndim, c->shape, act_pool + c->x);
            for (int neg = 0; neg < 2; neg++) {
                sm_case cc = *c;
                if (neg)
                    for (int k = 0; k < cc.naxes; k++) cc.axes[k] -= cc.ndim;
                nd_array *r = sm_apply(&cc, a, NULL);
                ND_ASSERT_ARRAY(r);
                snprintf(how, sizeof how, "%s input, %s axes", layout_names[L], neg ? "negative" : "positive");
                fails += sm_check(c, r, how);
                if (L == L_CONTIG && !neg) {
                    /* _out into a reversed view of new memory */
                    nd_array *o = nd_zeros(c->rndim, c->rshape, c->dt);
                    nd_array *ov = nd_flip(o, ND_ALL_AXES, NULL);
                    assert_non_null(sm_apply(&cc, a, ov));
                    fails += sm_check(c, ov, "_out into a reversed view");
                    nd_free(ov);
                    nd_free(o);
                    /* float32 results cast into float64 */
                    o = nd_zeros(c->rndim, c->rshape, ND_FLOAT64);
                    assert_non_null(sm_apply(&cc, a, o));
                    fails += sm_check(c, o, "_out into float64");
                    nd_free(o);
                }
                if (strcmp(c->op, "logsumexp") != 0 && !neg) { /* out == a */
                    nd_array *x = make_input(c->dt, L, c->ndim, c->shape, act_pool + c->x);
                    assert_non_null(sm_apply(&cc, x, x));
                    snprintf(how, sizeof how, "%s input, out == a", layout_names[L]);
                    fails += sm_check(c, x, how);
                    nd_free(x);
                }
                nd_free(r);
            }
            nd_free(a);
        }
    }
    if (NUM_SM < 80) fail_msg("only %d softmax-family cases", NUM_SM);
    if (fails) fail_msg("%d softmax-family values differ (see above)", fails);
}

/* 0-d: one slice of one element along axis 0 or -1 (PyTorch); empty
 * arrays; naxes 0 (nothing reduced); integer inputs. */
static void test_softmax_shapes(void **state) {
    (void)state;
    double v = 3;
    nd_array *z = nd_test_array(ND_FLOAT64, 0, NULL, &v);
    for (int axis = -1; axis <= 0; axis++) {
        nd_array *s = nd_softmax(z, axis), *l = nd_log_softmax(z, axis);
        ND_ASSERT_ARRAY(s);
        ND_ASSERT_ARRAY(l);
        assert_int_equal(nd_ndim(s), 0);
        assert_true(*(const double *)nd_data(s) == 1 && *(const double *)nd_data(l) == 0);
        nd_free(s);
        nd_free(l);
    }
    assert_null(nd_softmax(z, 1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_softmax: axis 1 is out of bounds for a 0-d array");
    assert_null(nd_log_softmax(z, ND_ALL_AXES));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_log_softmax: ND_ALL_AXES is an axis count");
    nd_array *r = nd_logsumexp(z, ND_ALL_AXES, NULL, false);
    ND_ASSERT_ARRAY(r);
    assert_true(*(const double *)nd_data(r) == 3);
    nd_free(r);
    nd_free(z);
    double specials[] = {NAN, INFINITY, -INFINITY};
    for (int k = 0; k < 3; k++) { /* PyTorch: NaN; logsumexp keeps the value */
        z = nd_test_array(ND_FLOAT32, 0, NULL, &specials[k]);
        nd_array *s = nd_softmax(z, 0);
        r = nd_logsumexp(z, ND_ALL_AXES, NULL, true);
        assert_true(isnan(*(const float *)nd_data(s)));
        float lv = *(const float *)nd_data(r);
        assert_true(k == 0 ? isnan(lv) : lv == (float)specials[k]);
        nd_free(s);
        nd_free(r);
        nd_free(z);
    }
    /* empty: softmax is empty; logsumexp of an empty axis is -inf (scipy) */
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT32);
    r = nd_softmax(e, 1);
    ND_ASSERT_ARRAY(r);
    nd_test_shape(r, 2, SH(0, 3));
    nd_free(r);
    r = nd_logsumexp(e, 1, (const int[]){0}, false);
    ND_ASSERT_ARRAY(r);
    nd_test_shape(r, 1, SH(3));
    nd_test_expect(r, V(-INFINITY, -INFINITY, -INFINITY), 0);
    nd_free(r);
    r = nd_logsumexp(e, ND_ALL_AXES, NULL, true);
    ND_ASSERT_ARRAY(r);
    nd_test_shape(r, 2, SH(1, 1));
    assert_true(*(const float *)nd_data(r) == -INFINITY);
    nd_free(r);
    nd_free(e);
    /* naxes 0 with a non-NULL axes: nothing reduced, the values themselves */
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(2, 2), V(1, -INFINITY, INFINITY, -2));
    r = nd_logsumexp(a, 0, (const int[]){0}, false);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(1, -INFINITY, INFINITY, -2), 0);
    nd_free(r);
    nd_free(a);
    /* integers: float32 for 8/16-bit, float64 for 32/64-bit, the same values
     * as the float input */
    static const struct { nd_dtype in, out; } rules[] = {
        {ND_INT8, ND_FLOAT32}, {ND_BOOL, ND_FLOAT32}, {ND_INT32, ND_FLOAT64}, {ND_UINT64, ND_FLOAT64}};
    for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++) {
        nd_array *x = nd_test_array(rules[k].in, 2, SH(2, 3), V(0, 1, 1, 3, 0, 2));
        nd_array *xf = nd_astype(x, rules[k].out);
        nd_array *p = nd_softmax(x, 1), *q = nd_softmax(xf, 1);
        ND_ASSERT_ARRAY(p);
        assert_int_equal(nd_dtype_of(p), rules[k].out);
        assert_true(same_values(p, q));
        nd_free(p);
        nd_free(q);
        p = nd_logsumexp(x, 1, (const int[]){0}, false);
        q = nd_logsumexp(xf, 1, (const int[]){0}, false);
        ND_ASSERT_ARRAY(p);
        assert_int_equal(nd_dtype_of(p), rules[k].out);
        assert_true(same_values(p, q));
        nd_free(p);
        nd_free(q);
        nd_free(x);
        nd_free(xf);
    }
}

/* A long row: the compensated sum keeps softmax of n equal values at 1/n
 * and logsumexp at log(n) within an ULP or two; a broadcast (stride-0)
 * input reads fine. */
static void test_softmax_long_rows(void **state) {
    (void)state;
    const int64_t n = 1000003;
    nd_array *one = nd_full(0, NULL, ND_FLOAT64, 0.5);
    nd_array *a = nd_broadcast_to(one, 1, &n);
    ND_ASSERT_ARRAY(a);
    nd_array *s = nd_softmax(a, 0);
    ND_ASSERT_ARRAY(s);
    const double *sv = nd_data(s);
    double want = 1.0 / (double)n;
    for (int64_t i = 0; i < n; i += 99991) assert_true(ulps(ND_FLOAT64, sv[i], want) <= 2);
    nd_array *l = nd_logsumexp(a, ND_ALL_AXES, NULL, false);
    ND_ASSERT_ARRAY(l);
    assert_true(ulps(ND_FLOAT64, *(const double *)nd_data(l), 0.5 + log((double)n)) <= 2);
    nd_free(s);
    nd_free(l);
    nd_free(a);
    nd_free(one);
}

/* ------------------------------------------------------------ errors */

static void test_nn_errors(void **state) {
    (void)state;
    nd_array *a = nd_zeros(2, SH(2, 3), ND_FLOAT64);
    nd_array *o = nd_zeros(2, SH(2, 3), ND_FLOAT64);
    snap so = take(o);
    /* NULL arguments: ND_ERR_NULL, keeping an earlier error's message */
    assert_null(nd_softmax(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_softmax: argument 'a' is NULL");
    assert_null(nd_log_softmax(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_log_softmax: argument 'a' is NULL");
    assert_null(nd_logsumexp(NULL, ND_ALL_AXES, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_logsumexp: argument 'a' is NULL");
    assert_null(nd_leaky_relu(NULL, 0.1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_leaky_relu: argument 'a' is NULL");
    assert_int_equal(nd_softmax_out(a, 0, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_softmax_out: argument 'out' is NULL");
    assert_int_equal(nd_log_softmax_out(NULL, 0, o), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_log_softmax_out: argument 'a' is NULL");
    assert_int_equal(nd_logsumexp_out(a, ND_ALL_AXES, NULL, false, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_logsumexp_out: argument 'out' is NULL");
    assert_int_equal(nd_leaky_relu_out(a, 0.1, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_leaky_relu_out: argument 'out' is NULL");
    assert_int_equal(nd_logsumexp_out(a, 1, NULL, false, o), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_logsumexp_out: ");
    pending_error();
    assert_int_equal(nd_softmax_out(NULL, 0, o), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_int_equal(nd_leaky_relu_out(a, 0.1, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    /* axes */
    assert_null(nd_softmax(a, 2));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_softmax: axis 2 is out of bounds for array of dimension 2");
    assert_null(nd_log_softmax(a, -3));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_log_softmax: axis -3 is out of bounds");
    assert_null(nd_softmax(a, ND_AXIS_NONE));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_softmax: ND_AXIS_NONE");
    assert_null(nd_softmax(a, ND_ALL_AXES));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_softmax: ND_ALL_AXES is an axis count");
    assert_int_equal(nd_softmax_out(a, 5, o), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_softmax_out: axis 5");
    assert_null(nd_logsumexp(a, 2, (const int[]){1, -1}, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_logsumexp: ");
    assert_null(nd_logsumexp(a, 1, (const int[]){2}, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_logsumexp: axis 2");
    assert_null(nd_logsumexp(a, 0, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_logsumexp: naxes 0 with axes NULL");
    assert_null(nd_logsumexp(a, ND_AXIS_NONE, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_logsumexp: ND_AXIS_NONE");
    assert_null(nd_logsumexp(a, 1, (const int[]){ND_ALL_AXES}, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_logsumexp: axes[0] is ND_ALL_AXES");
    assert_null(nd_logsumexp(a, -2, (const int[]){0}, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_logsumexp: ");
    /* outs: shape, dtype, read-only; nothing written */
    nd_array *o3 = nd_zeros(1, SH(3), ND_FLOAT64);
    assert_int_equal(nd_softmax_out(a, 1, o3), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_softmax_out: ");
    assert_int_equal(nd_logsumexp_out(a, 1, (const int[]){1}, false, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_logsumexp_out: ");
    assert_int_equal(nd_logsumexp_out(a, 1, (const int[]){1}, true, o3), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_logsumexp_out: ");
    assert_int_equal(nd_leaky_relu_out(a, 0.1, o3), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_leaky_relu_out: ");
    nd_array *oi = nd_zeros(2, SH(2, 3), ND_INT32);
    snap si = take(oi);
    assert_int_equal(nd_log_softmax_out(a, 0, oi), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_log_softmax_out: cannot cast the result from float64 to the output's int32");
    assert_int_equal(nd_leaky_relu_out(a, 0.1, oi), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_leaky_relu_out: cannot cast the result from float64");
    expect_same(oi, &si);
    nd_array *of = nd_zeros(2, SH(2, 3), ND_FLOAT32);
    ND_ASSERT_OK(nd_softmax_out(a, 0, of)); /* float64 into float32: same_kind allows it */
    nd_test_expect(of, V(0.5, 0.5, 0.5, 0.5, 0.5, 0.5), 0);
    nd_free(of);
    nd_array *row = nd_zeros(1, SH(3), ND_FLOAT64);
    nd_array *ro = nd_broadcast_to(row, 2, SH(2, 3));
    assert_int_equal(nd_softmax_out(a, 1, ro), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_softmax_out: ");
    assert_int_equal(nd_leaky_relu_out(a, 0.1, ro), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_leaky_relu_out: ");
    nd_array *ro2 = nd_broadcast_to(row, 1, SH(3));
    assert_int_equal(nd_logsumexp_out(a, 1, (const int[]){0}, false, ro2), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_logsumexp_out: ");
    expect_same(o, &so);
    nd_free(ro2);
    nd_free(ro);
    nd_free(row);
    nd_free(oi);
    nd_free(o3);
    nd_free(o);
    nd_free(a);
}

/* ------------------------------------------------------------ failed allocations */

static nd_status f_softmax(const nd_array *a) { return status_of(nd_softmax(a, 1)); }
static nd_status f_log_softmax_out(const nd_array *a) {
    nd_array *o = nd_empty(nd_ndim(a), nd_shape(a), ND_FLOAT64);
    if (!o) return nd_last_status();
    nd_status st = nd_log_softmax_out(a, -1, o);
    nd_free(o);
    return st;
}
static nd_status f_logsumexp(const nd_array *a) {
    return status_of(nd_logsumexp(a, 2, (const int[]){0, 2}, true));
}
static nd_status f_leaky_relu(const nd_array *a) { return status_of(nd_leaky_relu(a, 0.01)); }
static nd_status f_gelu(const nd_array *a) { return status_of(nd_gelu(a)); }

static void test_nn_faults(void **state) {
    (void)state;
    double v[24];
    for (int i = 0; i < 24; i++) v[i] = i * 0.37 - 4;
    for (int L = L_CONTIG; L < L_COUNT; L++) {
        nd_array *a = make_input(ND_FLOAT32, L, 3, SH(2, 3, 4), v);
        run_with_faults("nd_softmax", f_softmax, a);
        run_with_faults("nd_log_softmax_out", f_log_softmax_out, a);
        run_with_faults("nd_logsumexp", f_logsumexp, a);
        run_with_faults("nd_leaky_relu", f_leaky_relu, a);
        run_with_faults("nd_gelu", f_gelu, a);
        nd_free(a);
    }
    /* the message names the function called */
    nd_array *a = nd_zeros(2, SH(4, 5), ND_INT16);
    const nd_allocator al = {failing_alloc, plain_free, NULL};
    g_allocs = 0;
    g_fail_at = 0;
    ND_ASSERT_OK(nd_set_allocator(&al));
    nd_array *r = nd_logsumexp(a, ND_ALL_AXES, NULL, false);
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_null(r);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_logsumexp: ");
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_activation_values, clear),
        cmocka_unit_test_setup(test_activation_extremes, clear),
        cmocka_unit_test_setup(test_activation_integers, clear),
        cmocka_unit_test_setup(test_softmax_values, clear),
        cmocka_unit_test_setup(test_softmax_shapes, clear),
        cmocka_unit_test_setup(test_softmax_long_rows, clear),
        cmocka_unit_test_setup(test_nn_errors, clear),
        cmocka_unit_test_setup(test_nn_faults, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

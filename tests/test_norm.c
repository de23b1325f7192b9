/* nd_linalg_norm and nd_linalg_cond: NumPy's answers from
 * data/lapack_cases.h (tests/data/gen_lapack.py), every vector and matrix
 * order over chosen axes with and without keepdims, each case run on
 * inputs rebuilt in C, F, transposed, sliced and negative-stride layouts;
 * inputs checked unchanged; then errors, dtypes and argument handling. */
#include "nd_test.h"

#include <stdlib.h>

#include "data/lapack_cases.h"

#define NUM_CASES ((int)(sizeof lc_cases / sizeof lc_cases[0]))

enum { LAY_C, LAY_F, LAY_T, LAY_SLICED, LAY_NEG, NUM_LAYOUTS };
static const char *const layout_name[NUM_LAYOUTS] = {"C", "F", "transposed", "sliced",
                                                     "negative-stride"};

/* Input idx of the table in the given layout: *base is the memory it
 * lives in (to check it is never written). */
static nd_array *make_input(int idx, int layout, nd_array **base) {
    const lc_input *in = &lc_inputs[idx];
    nd_array *x = nd_test_array(in->dtype, in->ndim, in->shape, &lc_pool[in->off]), *tmp = NULL,
             *v = NULL;
    ND_ASSERT_ARRAY(x);
    int nd = in->ndim;
    if (layout == LAY_T && nd < 2) layout = LAY_C;
    if (layout == LAY_C) {
        *base = x;
        v = nd_slice(x, 0, NULL);
        x = NULL;
    } else if (layout == LAY_F) {
        tmp = nd_transpose(x, NULL);
        *base = nd_copy(tmp);
        v = nd_transpose(*base, NULL);
    } else if (layout == LAY_T) {
        tmp = nd_swapaxes(x, -1, -2);
        *base = nd_copy(tmp);
        v = nd_swapaxes(*base, -1, -2);
    } else if (layout == LAY_SLICED) {
        int64_t big[ND_MAX_DIMS];
        nd_slice_t sl[ND_MAX_DIMS];
        for (int i = 0; i < nd; i++) {
            big[i] = 2 * in->shape[i] + 1;
            sl[i] = (nd_slice_t){1, ND_NONE, 2};
        }
        *base = nd_full(nd, big, in->dtype, nd_dtype_is_float(in->dtype) ? 1e30 : 1);
        v = nd_slice(*base, nd, sl);
        ND_ASSERT_OK(nd_copyto(v, x));
    } else {
        tmp = nd_flip(x, ND_ALL_AXES, NULL);
        *base = nd_copy(tmp);
        v = nd_flip(*base, ND_ALL_AXES, NULL);
    }
    nd_free(tmp);
    nd_free(x);
    ND_ASSERT_ARRAY(v);
    if (in->bndim) {
        nd_array *b = nd_broadcast_to(v, in->bndim, in->bshape);
        nd_free(v);
        v = b;
    }
    return v;
}

static double g_worst;

static bool run_one(int ci, int layout) {
    const lc_case *c = &lc_cases[ci];
    nd_array *base = NULL, *a = make_input(c->a, layout, &base);
    size_t nb = nd_nbytes(base);
    void *snap = malloc(nb + 1);
    memcpy(snap, nd_data(base), nb);
    nd_clear_error();
    nd_array *r = !strcmp(c->op, "norm") ? nd_linalg_norm(a, c->ord, c->naxes, c->axes, c->flag)
                                         : nd_linalg_cond(a, c->ord);
    nd_status st = r ? ND_OK : nd_last_status();
    bool ok = true;
    char why[512] = "";
    if (st != c->status) {
        snprintf(why, sizeof why, "status %s (%s), expected %s", nd_status_name(st), nd_errmsg(),
                 nd_status_name(c->status));
        ok = false;
    } else if (st != ND_OK) {
        if (!strstr(nd_errmsg(), c->msg)) {
            snprintf(why, sizeof why, "message '%s' lacks '%s'", nd_errmsg(), c->msg);
            ok = false;
        }
    } else {
        const lc_output *e = &c->out[0];
        bool geom = nd_dtype_of(r) == e->dtype && nd_ndim(r) == e->ndim;
        for (int i = 0; geom && i < e->ndim; i++) geom = nd_shape(r)[i] == e->shape[i];
        if (!geom) {
            snprintf(why, sizeof why,
                     "result dtype %s ndim %d, expected %s ndim %d (or a shape differs)",
                     nd_dtype_name(nd_dtype_of(r)), nd_ndim(r), nd_dtype_name(e->dtype), e->ndim);
            ok = false;
        } else {
            nd_array *d = nd_astype(r, ND_FLOAT64);
            const double *g = nd_data(d), *x = &lc_pool[e->off];
            for (int64_t i = 0; ok && i < nd_size(d); i++) {
                if ((isnan(x[i]) && isnan(g[i])) || (isinf(x[i]) && g[i] == x[i])) continue;
                double err = fabs(g[i] - x[i]) / (fabs(x[i]) > 1 ? fabs(x[i]) : 1);
                if (c->tol > 0 && err / c->tol > g_worst) g_worst = err / c->tol;
                if (!(err <= c->tol)) {
                    snprintf(why, sizeof why, "element %lld: got %.17g, expected %.17g (tol %g)",
                             (long long)i, g[i], x[i], c->tol);
                    ok = false;
                }
            }
            nd_free(d);
        }
    }
    if (memcmp(nd_data(base), snap, nb) != 0) {
        snprintf(why, sizeof why, "the input was modified");
        ok = false;
    }
    if (!ok) {
        const lc_input *in = &lc_inputs[c->a];
        print_message(
            "case %d: %s(ord %s, naxes %d, axes %d %d, keepdims %d) on %s %s ndim %d: %s\n", ci,
            c->op, c->ord ? c->ord : "None", c->naxes, c->axes[0], c->axes[1], c->flag,
            layout_name[layout], nd_dtype_name(in->dtype), in->ndim, why);
    }
    free(snap);
    nd_free(r);
    nd_free(a);
    nd_free(base);
    nd_clear_error();
    return ok;
}

static void run_cases(const char *op) {
    int ran = 0, failed = 0;
    g_worst = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const lc_case *c = &lc_cases[ci];
        if (strcmp(c->op, op)) continue;
        int nlay = c->status == ND_OK ? NUM_LAYOUTS : 1;
        for (int l = 0; l < nlay; l++) {
            ran++;
            if (!run_one(ci, l)) failed++;
        }
    }
    print_message("%s: %d runs, worst error %.3g of the tolerance\n", op, ran, g_worst);
    if (ran == 0) fail_msg("no generated case for %s", op);
    if (failed) fail_msg("%s: %d of %d runs failed (see above)", op, failed, ran);
}

static void test_cases_norm(void **state) {
    (void)state;
    run_cases("norm");
}

static void test_cases_cond(void **state) {
    (void)state;
    run_cases("cond");
}

/* Numbers in any form strtod takes, with the same meaning as NumPy's. */
static void test_ord_strings(void **state) {
    (void)state;
    double v[4] = {3, -4, 0, 1};
    int64_t sh[1] = {4};
    nd_array *a = nd_test_array(ND_FLOAT64, 1, sh, v);
    static const struct {
        const char *ord;
        double want;
    } t[] = {{"inf", 4},        {"Infinity", 4}, {"-inf", 0},      {"1", 8},  {"1.0", 8},
             {"1e0", 8},        {" 2", 5.0990195135927845}, {"2 ", 5.0990195135927845},
             {"0", 3},          {"-0", 3},       {"0.5", 22.392304845413257}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        nd_array *r = nd_linalg_norm(a, t[i].ord, ND_ALL_AXES, NULL, false);
        ND_ASSERT_ARRAY(r);
        nd_test_expect(r, &t[i].want, 1e-15);
        nd_free(r);
    }
    static const char *const bad[] = {"", "x", "2x", "fr", "nucl", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(nd_linalg_norm(a, bad[i], ND_ALL_AXES, NULL, false));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "invalid norm order");
        assert_null(nd_linalg_cond(a, bad[i]));
        nd_clear_error();
    }
    nd_free(a);
}

/* keepdims keeps every reduced axis as length 1, whichever axes and order. */
static void test_keepdims_shapes(void **state) {
    (void)state;
    int64_t sh[4] = {2, 3, 4, 5};
    nd_array *a = nd_ones(4, sh, ND_FLOAT32);
    struct {
        const char *ord;
        int naxes, axes[2];
        int64_t shape[4];
    } t[] = {{NULL, ND_ALL_AXES, {0, 0}, {1, 1, 1, 1}}, {"2", 1, {-1, 0}, {2, 3, 4, 1}},
             {"1", 1, {1, 0}, {2, 1, 4, 5}},           {"fro", 2, {3, 1}, {2, 1, 4, 1}},
             {"nuc", 2, {0, 2}, {1, 3, 1, 5}},         {"inf", 2, {-1, -3}, {2, 1, 4, 1}},
             {"-2", 2, {2, 0}, {1, 3, 1, 5}}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        nd_array *r = nd_linalg_norm(a, t[i].ord, t[i].naxes, t[i].axes, true);
        ND_ASSERT_ARRAY(r);
        nd_test_shape(r, 4, t[i].shape);
        assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
        nd_free(r);
    }
    nd_free(a);
}

/* Errors name the function; arguments are checked. */
static void test_errors(void **state) {
    (void)state;
    nd_array *a = nd_ones(2, (int64_t[]){2, 2}, ND_FLOAT64);
    nd_clear_error();
    assert_null(nd_linalg_norm(NULL, NULL, ND_ALL_AXES, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_norm: argument 'a' is NULL");
    assert_null(nd_linalg_norm(a, NULL, 2, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'axes'");
    assert_null(nd_linalg_norm(a, NULL, -2, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "Improper number of dimensions");
    assert_null(nd_linalg_norm(a, NULL, 1, (int[]){5}, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_linalg_norm: axis 5 is out of bounds");
    assert_null(nd_linalg_cond(NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_cond");
    /* errors from the reductions underneath carry the function's name */
    nd_array *e = nd_zeros(2, (int64_t[]){3, 0}, ND_FLOAT64);
    assert_null(nd_linalg_norm(e, "1", ND_ALL_AXES, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_linalg_norm: ");
    nd_free(e);
    nd_free(a);
}

/* cond of a singular matrix is inf for every order NumPy makes inf; the
 * singular matrix's inverse is not an error here. */
static void test_cond_singular_batch(void **state) {
    (void)state;
    double v[12] = {1, 2, 2, 4, 2, 0, 0, 2, 0, 0, 0, 0};
    nd_array *a = nd_test_array(ND_FLOAT32, 3, (int64_t[]){3, 2, 2}, v);
    static const char *const ords[] = {"1", "-1", "inf", "-inf", "fro", "nuc", NULL, "2"};
    for (size_t i = 0; i < sizeof ords / sizeof ords[0]; i++) {
        nd_array *r = nd_linalg_cond(a, ords[i]);
        ND_ASSERT_ARRAY(r);
        assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
        float *p = nd_data(r);
        /* 2 I: n for Frobenius, n^2 for nuclear, 1 for the rest */
        float want = !ords[i] || strcmp(ords[i], "fro") ? 1.0f : 2.0f;
        if (ords[i] && !strcmp(ords[i], "nuc")) want = 4.0f;
        assert_true(fabsf(p[1] - want) < 1e-6f);
        assert_true(isinf(p[2]));
        if (ords[i] && strcmp(ords[i], "2")) assert_true(isinf(p[0]));
        else assert_true(p[0] > 1e6f); /* s_max / s_min with s_min at rounding level */
        nd_free(r);
    }
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_norm),      cmocka_unit_test(test_cases_cond),
        cmocka_unit_test(test_ord_strings),     cmocka_unit_test(test_keepdims_shapes),
        cmocka_unit_test(test_errors),          cmocka_unit_test(test_cond_singular_batch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

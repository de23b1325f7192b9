/* Comparisons of whole arrays: np.array_equiv, np.array_equal, np.isclose
 * and np.allclose. */
#include "core/core.h"
#include "iter/iter.h"

#include <math.h>

/* NumPy's broadcasting rule, without recording an error: shapes that do not
 * broadcast are simply not equivalent. */
static bool broadcastable(const nd_array *a, const nd_array *b) {
    int n = a->ndim < b->ndim ? a->ndim : b->ndim;
    for (int k = 1; k <= n; k++) {
        int64_t x = a->shape[a->ndim - k], y = b->shape[b->ndim - k];
        if (x != y && x != 1 && y != 1) return false;
    }
    return true;
}

nd_status nd_array_equiv(const nd_array *a, const nd_array *b, bool *result) {
    const char *fn = "nd_array_equiv";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!result) return nd__null_arg(fn, "result");
    if (!broadcastable(a, b)) {
        *result = false;
        return ND_OK;
    }
    nd_array *eq = nd_equal(a, b);
    if (!eq) return nd__reraise(fn);
    nd_array *all = nd_all(eq, ND_ALL_AXES, NULL, false);
    nd_free(eq);
    if (!all) return nd__reraise(fn);
    *result = *(const uint8_t *)nd_data(all) != 0;
    nd_free(all);
    return ND_OK;
}

/* ------------------------------------------------------------ isclose */

/* np.isclose's arithmetic: b is made a float (float32 stays float32, any
 * other dtype becomes float64), |a - b| is computed in the promotion of a's
 * dtype with that, and atol + rtol * |b| in b's float dtype (rtol and atol
 * are weak Python floats, NEP 50). Then close when
 *   (|a - b| <= atol + rtol * |b| and b is finite) or a == b
 *   or (equal_nan and both are NaN),
 * NumPy 2's formula, so infinities are close only to themselves. */
typedef struct close_params {
    double rtol, atol;
    bool equal_nan;
    bool rhs32; /* atol + rtol * |b| in float32 (b is float32) */
} close_params;

/* The loop over a and b read as T (float32 only when both are, so the
 * float32 tolerance is then float32 arithmetic throughout; float64 reads
 * a float32 b exactly and keeps its tolerance in float32 when rhs32). */
#define CLOSE_LOOP_(sfx, T, ABS)                                                   \
    static void close_loop_##sfx(char **args, int64_t n, const int64_t *steps, void *params) { \
        const close_params *p = params;                                            \
        const float rt = (float)p->rtol, at = (float)p->atol;                      \
        for (int64_t i = 0; i < n; i++) {                                          \
            T x, y;                                                                \
            memcpy(&x, args[0] + i * steps[0], sizeof x);                          \
            memcpy(&y, args[1] + i * steps[1], sizeof y);                          \
            T rhs = p->rhs32 ? (T)(at + rt * fabsf((float)y)) : (T)(p->atol + p->rtol * fabs((double)y)); \
            bool r = (isfinite(y) && ABS(x - y) <= rhs) || x == y ||               \
                     (p->equal_nan && isnan(x) && isnan(y));                      \
            args[2][i * steps[2]] = (char)r;                                       \
        }                                                                          \
    }
CLOSE_LOOP_(f32, float, fabsf)
CLOSE_LOOP_(f64, double, fabs)

/* isclose into out (allocated here when want_out is false); *st gets the
 * status. */
static nd_array *isclose(const char *fn, const nd_array *a, const nd_array *b, double rtol, double atol,
                         bool equal_nan, nd_array *out, bool want_out, nd_status *st) {
    *st = ND_ERR_NULL;
    if (!a) return nd__null_arg(fn, "a"), NULL;
    if (!b) return nd__null_arg(fn, "b"), NULL;
    if (want_out && !out) return nd__null_arg(fn, "out"), NULL;
    int ndims[2] = {a->ndim, b->ndim}, ndim;
    const int64_t *shapes[2] = {a->shape, b->shape};
    int64_t shape[ND_MAX_DIMS];
    if ((*st = nd__broadcast_shapes(fn, 2, ndims, shapes, &ndim, shape)) != ND_OK) return NULL;
    if (want_out && !nd__check_out(fn, out, ndim, shape)) return *st = nd_last_status(), NULL;
    nd_dtype yf = b->dtype == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
    nd_dtype lhs = nd_promote_types(a->dtype, yf);
    close_params p = {rtol, atol, equal_nan, yf == ND_FLOAT32};
    nd_dtype in_loop[2] = {lhs, lhs};
    const nd_array *in[2] = {a, b};
    nd_array *res = out;
    if (!want_out && !(res = nd__alloc_array(fn, ndim, shape, ND_BOOL))) return *st = nd_last_status(), NULL;
    *st = nd__elementwise(fn, lhs == ND_FLOAT32 ? close_loop_f32 : close_loop_f64, &p, 2, in, in_loop, res, ND_BOOL);
    if (*st != ND_OK) {
        if (!want_out) nd_free(res);
        return NULL;
    }
    return res;
}

nd_array *nd_isclose(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan) {
    nd_status st;
    return isclose("nd_isclose", a, b, rtol, atol, equal_nan, NULL, false, &st);
}

nd_status nd_isclose_out(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan,
                         nd_array *out) {
    nd_status st;
    isclose("nd_isclose_out", a, b, rtol, atol, equal_nan, out, true, &st);
    return st;
}

/* Whether every element of the bool array m is true; consumes m. */
static nd_status all_true(const char *fn, nd_array *m, bool *result) {
    nd_array *all = nd_all(m, ND_ALL_AXES, NULL, false);
    nd_free(m);
    if (!all) return nd__reraise(fn);
    *result = *(const uint8_t *)nd_data(all) != 0;
    nd_free(all);
    return ND_OK;
}

nd_status nd_allclose(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan,
                      bool *result) {
    const char *fn = "nd_allclose";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!result) return nd__null_arg(fn, "result");
    nd_status st;
    nd_array *m = isclose(fn, a, b, rtol, atol, equal_nan, NULL, false, &st);
    if (!m) return st;
    return all_true(fn, m, result);
}

/* ------------------------------------------------------------ array_equal */

/* One element as a number: integers exactly (bool, signed, unsigned), or a
 * float. */
typedef struct number {
    nd_kind kind;
    int64_t i;  /* ND_KIND_BOOL, ND_KIND_INT */
    uint64_t u; /* ND_KIND_UINT */
    double d;   /* ND_KIND_FLOAT */
} number;

static number load_number(nd_dtype dt, const char *p) {
    number v = {nd__kind(dt), 0, 0, 0};
    switch (dt) {
#define LOAD_I(E, sfx, T, W, field)                                                \
    case E: {                                                                      \
        T x;                                                                       \
        memcpy(&x, p, sizeof x);                                                   \
        v.field = x;                                                               \
        break;                                                                     \
    }
        ND_FOR_BOOL(LOAD_I, i)
        ND_FOR_SIGNED(LOAD_I, i)
        ND_FOR_UNSIGNED(LOAD_I, u)
        ND_FOR_FLOAT(LOAD_I, d)
#undef LOAD_I
    default: break;
    }
    return v;
}

static double as_double(const number *v) {
    return v->kind == ND_KIND_FLOAT ? v->d : v->kind == ND_KIND_UINT ? (double)v->u : (double)v->i;
}

/* a == b as NumPy promotes them, except that integers of any sign compare
 * exactly (NumPy 1.x casts int64 with uint64 to float64, so 2**53 + 1
 * equalled 2**53): with a float present both are compared as float64, which
 * is what NumPy's promotion gives for every pair that holds a float (the
 * float32 pairs exactly too, as float32 values are float64 values). */
typedef struct equal_params {
    nd_dtype da, db;
    bool equal_nan;
} equal_params;

static void equal_loop(char **args, int64_t n, const int64_t *steps, void *params) {
    const equal_params *p = params;
    for (int64_t i = 0; i < n; i++) {
        number x = load_number(p->da, args[0] + i * steps[0]), y = load_number(p->db, args[1] + i * steps[1]);
        bool r;
        if (x.kind == ND_KIND_FLOAT || y.kind == ND_KIND_FLOAT) {
            double u = as_double(&x), v = as_double(&y);
            r = u == v || (p->equal_nan && isnan(u) && isnan(v));
        } else if (x.kind == ND_KIND_UINT && y.kind == ND_KIND_UINT) {
            r = x.u == y.u;
        } else if (x.kind == ND_KIND_UINT || y.kind == ND_KIND_UINT) {
            const number *s = x.kind == ND_KIND_UINT ? &y : &x, *us = x.kind == ND_KIND_UINT ? &x : &y;
            r = s->i >= 0 && (uint64_t)s->i == us->u;
        } else {
            r = x.i == y.i;
        }
        args[2][i * steps[2]] = (char)r;
    }
}

nd_status nd_array_equal(const nd_array *a, const nd_array *b, bool equal_nan, bool *result) {
    const char *fn = "nd_array_equal";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!result) return nd__null_arg(fn, "result");
    bool same_shape = a->ndim == b->ndim;
    for (int i = 0; same_shape && i < a->ndim; i++) same_shape = a->shape[i] == b->shape[i];
    if (!same_shape) {
        *result = false; /* never broadcast, as np.array_equal */
        return ND_OK;
    }
    nd_array *m = nd__alloc_array(fn, a->ndim, a->shape, ND_BOOL);
    if (!m) return nd_last_status(); /* recorded by the allocation */
    equal_params p = {a->dtype, b->dtype, equal_nan};
    const nd_array *in[2] = {a, b};
    const nd_dtype in_loop[2] = {a->dtype, b->dtype};
    nd_status st = nd__elementwise(fn, equal_loop, &p, 2, in, in_loop, m, ND_BOOL);
    if (st != ND_OK) {
        nd_free(m);
        return st;
    }
    return all_true(fn, m, result);
}

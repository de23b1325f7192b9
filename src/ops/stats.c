/* Statistics built on the reductions: average (weighted), ptp, nanprod,
 * nanvar, nanstd, nancumsum and nancumprod are composed from the public
 * reductions, scans and element-wise operations the way NumPy composes them
 * (NaN replaced by the identity, then the plain reduction), which keeps
 * NumPy's dtypes and order of operations. nanargmin and nanargmax walk
 * their slices here, skipping NaN, since NumPy's NaN-to-inf replacement can
 * point at a NaN. */
#include "ops/stats_util.h"

#include <math.h>

/* a with its NaNs replaced by value (a float a only), or NULL with the
 * error reraised as fn's. */
static nd_array *replace_nan(const char *fn, const nd_array *a, double value) {
    nd_array *mask = nd_isnan(a);
    nd_array *v = mask ? nd_scalar(value, a->dtype) : NULL;
    nd_array *r = v ? nd_where(mask, v, a) : NULL;
    nd_free(v);
    nd_free(mask);
    if (!r) nd__reraise(fn);
    return r;
}

static bool is_float(nd_dtype dt) { return nd__kind(dt) == ND_KIND_FLOAT; }

/* Runs a failed inner call's error under fn's name; returns NULL. */
static nd_array *fail(const char *fn) {
    nd__reraise(fn);
    return NULL;
}

/* ------------------------------------------------------------ average */

/* The weights as an array that broadcasts against a: w itself when the
 * shapes agree, else the 1-D w laid along the single reduced axis. */
static nd_array *weights_view(const char *fn, const nd_array *a, const nd_array *w, int naxes,
                              const bool *reduced) {
    bool same = w->ndim == a->ndim;
    for (int d = 0; same && d < a->ndim; d++) same = w->shape[d] == a->shape[d];
    if (same) {
        nd_array *v = nd_reshape(w, w->ndim, w->shape);
        if (!v) nd__reraise(fn);
        return v;
    }
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    nd__shape_str(s1, sizeof s1, a->ndim, a->shape);
    nd__shape_str(s2, sizeof s2, w->ndim, w->shape);
    if (naxes == ND_ALL_AXES) {
        nd__error(ND_ERR_SHAPE, fn, "Axis must be specified when shapes of a and weights differ (%s and %s).",
                  s1, s2);
        return NULL;
    }
    if (w->ndim != 1) {
        nd__error(ND_ERR_SHAPE, fn, "1D weights expected when shapes of a and weights differ (%s and %s).",
                  s1, s2);
        return NULL;
    }
    int axis = -1;
    for (int d = 0; d < a->ndim; d++)
        if (reduced[d]) {
            if (axis >= 0) {
                nd__error(ND_ERR_SHAPE, fn, "1D weights need exactly one reduced axis (weights %s, a %s)",
                          s2, s1);
                return NULL;
            }
            axis = d;
        }
    if (axis < 0 || w->shape[0] != a->shape[axis]) {
        nd__error(ND_ERR_SHAPE, fn, "Length of weights not compatible with specified axis (weights %s, a %s).",
                  s2, s1);
        return NULL;
    }
    int64_t shape[ND_MAX_DIMS];
    for (int d = 0; d < a->ndim; d++) shape[d] = d == axis ? w->shape[0] : 1;
    nd_array *v = nd_reshape(w, a->ndim, shape);
    if (!v) nd__reraise(fn);
    return v;
}

/* The count of elements each result of a reduction averages. */
static int64_t fold_count(const nd_array *a, const bool *reduced) {
    int64_t n = 1;
    for (int d = 0; d < a->ndim; d++)
        if (reduced[d]) n *= a->shape[d];
    return n;
}

nd_array *nd_average(const nd_array *a, int naxes, const int *axes, bool keepdims,
                     const nd_array *weights, nd_array **sum_of_weights) {
    static const char fn[] = "nd_average";
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if (!weights) {
        nd_array *avg = nd_mean(a, naxes, axes, keepdims);
        if (!avg) return fail(fn);
        if (sum_of_weights) {
            nd_array *scl = nd_full(avg->ndim, avg->shape, avg->dtype, (double)fold_count(a, reduced));
            if (!scl) {
                nd_free(avg);
                return fail(fn);
            }
            *sum_of_weights = scl;
        }
        return avg;
    }
    /* np.average: in result_type(a, w), with float64 for bool and integer a */
    nd_dtype rdt = nd_promote_types(a->dtype, weights->dtype);
    if (!is_float(a->dtype)) rdt = nd_promote_types(rdt, ND_FLOAT64);
    nd_array *w = weights_view(fn, a, weights, naxes, reduced);
    if (!w) return NULL;
    nd_array *scl = nd_sum_dtype(w, naxes, axes, keepdims, rdt);
    nd_array *ac = scl ? nd_astype(a, rdt) : NULL;
    nd_array *wc = ac ? nd_astype(w, rdt) : NULL;
    nd_array *prod = wc ? nd_multiply(ac, wc) : NULL;
    nd_free(wc);
    nd_free(ac);
    nd_free(w);
    nd_array *avg = prod ? nd_sum(prod, naxes, axes, keepdims) : NULL;
    nd_free(prod);
    if (!avg) {
        nd_free(scl);
        return fail(fn);
    }
    for (int64_t i = 0; i < scl->size; i++)
        if (nd__ix_as_f64(rdt, scl->data + (size_t)i * nd__itemsize(rdt)) == 0) {
            nd_free(scl);
            nd_free(avg);
            nd__error(ND_ERR_VALUE, fn, "Weights sum to zero, can't be normalized");
            return NULL;
        }
    nd_array *full = NULL;
    if (nd_divide_out(avg, scl, avg) != ND_OK ||
        (sum_of_weights && !(full = nd_broadcast_to(scl, avg->ndim, avg->shape)))) {
        nd_free(scl);
        nd_free(avg);
        return fail(fn);
    }
    nd_free(scl);
    if (sum_of_weights) {
        nd_array *c = nd_copy(full);
        nd_free(full);
        if (!c) {
            nd_free(avg);
            return fail(fn);
        }
        *sum_of_weights = c;
    }
    return avg;
}

/* ------------------------------------------------------------ ptp */

static nd_array *ptp(const char *fn, const nd_array *a, int naxes, const int *axes, bool keepdims,
                     nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if (a->dtype == ND_BOOL) {
        nd__error(ND_ERR_DTYPE, fn, "bool is not supported: NumPy refuses the boolean subtract max - min "
                  "(use nd_any and nd_all)");
        return NULL;
    }
    int64_t shape[ND_MAX_DIMS];
    int nd = nd__st_result_shape(a, reduced, keepdims, shape);
    if (out && !nd__st_check_out(fn, out, nd, shape, a->dtype)) return NULL;
    nd_array *mx = nd_max(a, naxes, axes, keepdims);
    nd_array *mn = mx ? nd_min(a, naxes, axes, keepdims) : NULL;
    if (!mn || nd_subtract_out(mx, mn, mx) != ND_OK) {
        nd_free(mn);
        nd_free(mx);
        return fail(fn);
    }
    nd_free(mn);
    if (!out) return mx;
    return nd__st_deliver(fn, mx, out) == ND_OK ? out : NULL;
}

nd_array *nd_ptp(const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return ptp("nd_ptp", a, naxes, axes, keepdims, NULL);
}
nd_status nd_ptp_out(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_ptp_out", "a");
    if (!out) return nd__null_arg("nd_ptp_out", "out");
    return ptp("nd_ptp_out", a, naxes, axes, keepdims, out) ? ND_OK : nd_last_status();
}

/* ------------------------------------------------------------ nanprod */

static nd_array *nanprod(const char *fn, const nd_array *a, int naxes, const int *axes,
                         bool keepdims, nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    nd_array *b = NULL;
    if (is_float(a->dtype) && !(b = replace_nan(fn, a, 1))) return NULL;
    const nd_array *src = b ? b : a;
    nd_array *r = NULL;
    if (out) r = nd_prod_out(src, naxes, axes, keepdims, out) == ND_OK ? out : NULL;
    else r = nd_prod(src, naxes, axes, keepdims);
    nd_free(b);
    return r ? r : fail(fn);
}

nd_array *nd_nanprod(const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return nanprod("nd_nanprod", a, naxes, axes, keepdims, NULL);
}
nd_status nd_nanprod_out(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_nanprod_out", "a");
    if (!out) return nd__null_arg("nd_nanprod_out", "out");
    return nanprod("nd_nanprod_out", a, naxes, axes, keepdims, out) ? ND_OK : nd_last_status();
}

/* ------------------------------------------------------------ nanvar, nanstd */

/* NumPy's nanvar for a float a: NaN read as 0, the mean over the count of
 * the others, deviations of NaN positions zeroed, their squares summed and
 * divided by count - ddof, NaN where that is not positive. Every division
 * is made in float64 and rounded to a's dtype, as NumPy's unsafe-cast
 * divisions by an integer count are. */
static nd_array *nanvar_float(const char *fn, const nd_array *a, int naxes, const int *axes,
                              bool keepdims, double ddof, bool take_sqrt) {
    nd_dtype dt = a->dtype;
    nd_array *mask = nd_isnan(a), *zero = NULL, *a0 = NULL, *ok = NULL, *cnt = NULL, *avg = NULL;
    nd_array *dev = NULL, *var = NULL, *c2 = NULL, *dof = NULL, *dd = NULL, *bad = NULL, *nan = NULL;
    nd_array *res = NULL;
    if (!mask || !(zero = nd_scalar(0, dt)) || !(a0 = nd_where(mask, zero, a))) goto done;
    if (!(ok = nd_logical_not(mask)) || !(cnt = nd_sum_dtype(ok, naxes, axes, true, ND_INT64))) goto done;
    if (!(avg = nd_sum(a0, naxes, axes, true)) || nd_divide_out(avg, cnt, avg) != ND_OK) goto done;
    if (!(dev = nd_subtract(a0, avg)) || nd_where_out(mask, zero, dev, dev) != ND_OK ||
        nd_multiply_out(dev, dev, dev) != ND_OK)
        goto done;
    if (!(var = nd_sum(dev, naxes, axes, keepdims))) goto done;
    /* the counts in var's shape, as float64 degrees of freedom */
    if (!(c2 = nd_reshape(cnt, var->ndim, var->shape)) || !(dof = nd_astype(c2, ND_FLOAT64)) ||
        !(dd = nd_scalar(ddof, ND_FLOAT64)) || nd_subtract_out(dof, dd, dof) != ND_OK)
        goto done;
    if (nd_divide_out(var, dof, var) != ND_OK) goto done;
    nd_free(dd);
    if (!(dd = nd_scalar(0, ND_FLOAT64)) || !(bad = nd_less_equal(dof, dd)) || !(nan = nd_scalar(NAN, dt)) ||
        nd_where_out(bad, nan, var, var) != ND_OK)
        goto done;
    if (take_sqrt && nd_sqrt_out(var, var) != ND_OK) goto done;
    res = var;
    var = NULL;
done:
    if (!res) nd__reraise(fn);
    nd_free(mask);
    nd_free(zero);
    nd_free(a0);
    nd_free(ok);
    nd_free(cnt);
    nd_free(avg);
    nd_free(dev);
    nd_free(var);
    nd_free(c2);
    nd_free(dof);
    nd_free(dd);
    nd_free(bad);
    nd_free(nan);
    return res;
}

static nd_array *nanvar(const char *fn, const nd_array *a, int naxes, const int *axes,
                        bool keepdims, double ddof, bool take_sqrt, nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if (isnan(ddof) || ddof < 0) {
        nd__error(ND_ERR_VALUE, fn, "ddof must be a non-negative number, got %g", ddof);
        return NULL;
    }
    nd_dtype rdt = is_float(a->dtype) ? a->dtype : ND_FLOAT64;
    if (out) {
        int64_t shape[ND_MAX_DIMS];
        int nd = nd__st_result_shape(a, reduced, keepdims, shape);
        if (!nd__st_check_out(fn, out, nd, shape, rdt)) return NULL;
    }
    nd_array *r;
    if (is_float(a->dtype)) r = nanvar_float(fn, a, naxes, axes, keepdims, ddof, take_sqrt);
    else if (!(r = (take_sqrt ? nd_std : nd_var)(a, naxes, axes, keepdims, ddof))) return fail(fn);
    if (!r || !out) return r;
    return nd__st_deliver(fn, r, out) == ND_OK ? out : NULL;
}

nd_array *nd_nanvar(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return nanvar("nd_nanvar", a, naxes, axes, keepdims, ddof, false, NULL);
}
nd_status nd_nanvar_out(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof,
                        nd_array *out) {
    if (!a) return nd__null_arg("nd_nanvar_out", "a");
    if (!out) return nd__null_arg("nd_nanvar_out", "out");
    return nanvar("nd_nanvar_out", a, naxes, axes, keepdims, ddof, false, out) ? ND_OK : nd_last_status();
}
nd_array *nd_nanstd(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return nanvar("nd_nanstd", a, naxes, axes, keepdims, ddof, true, NULL);
}
nd_status nd_nanstd_out(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof,
                        nd_array *out) {
    if (!a) return nd__null_arg("nd_nanstd_out", "a");
    if (!out) return nd__null_arg("nd_nanstd_out", "out");
    return nanvar("nd_nanstd_out", a, naxes, axes, keepdims, ddof, true, out) ? ND_OK : nd_last_status();
}

/* ------------------------------------------------------------ nanargmin, nanargmax */

/* The index of the first extreme of a lane that is not NaN, or -1. */
#define DEF_NANARG_(E, sfx, T, W, ...)                                             \
    static int64_t nanarg_##sfx(const nd_st_lanes *l, const char *p, bool max) {   \
        nd_ix_cursor c;                                                            \
        nd__ix_cursor_init(&c, p, l->nr, l->rshape, l->rsteps);                    \
        int64_t best = -1;                                                         \
        T b = 0;                                                                   \
        for (int64_t i = 0; i < l->len; i++, nd__ix_cursor_next(&c)) {             \
            T x;                                                                   \
            memcpy(&x, c.p, sizeof x);                                             \
            if (x != x) continue;                                                  \
            if (best < 0 || (max ? x > b : x < b)) {                               \
                best = i;                                                          \
                b = x;                                                             \
            }                                                                      \
        }                                                                          \
        return best;                                                               \
    }
ND_FOR_FLOAT(DEF_NANARG_, ~)
#undef DEF_NANARG_

static nd_array *nanarg(const char *fn, bool max, const nd_array *a, int axis, bool keepdims,
                        nd_array *out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!is_float(a->dtype)) {
        /* no NaN: the plain argmin/argmax, as NumPy */
        nd_array *r;
        if (out) r = (max ? nd_argmax_out : nd_argmin_out)(a, axis, keepdims, out) == ND_OK ? out : NULL;
        else r = (max ? nd_argmax : nd_argmin)(a, axis, keepdims);
        return r ? r : fail(fn);
    }
    bool reduced[ND_MAX_DIMS];
    int64_t shape[ND_MAX_DIMS];
    int nd = 0;
    if (axis == ND_AXIS_NONE) {
        for (int d = 0; d < a->ndim; d++) reduced[d] = true;
        for (int d = 0; keepdims && d < a->ndim; d++) shape[nd++] = 1;
    } else {
        if (!nd__norm_axis_flat(fn, &axis, a->ndim == 0 ? 1 : a->ndim)) return NULL;
        for (int d = 0; d < a->ndim; d++) {
            reduced[d] = d == axis;
            if (d != axis) shape[nd++] = a->shape[d];
            else if (keepdims) shape[nd++] = 1;
        }
    }
    nd_st_lanes l;
    nd__st_lanes_init(&l, a, reduced);
    const char *what = max ? "nanargmax" : "nanargmin";
    if (l.len == 0) {
        if (axis == ND_AXIS_NONE) nd__error(ND_ERR_VALUE, fn, "attempt to get %s of an empty sequence", what);
        else
            nd__error(ND_ERR_VALUE, fn, "attempt to get %s of an empty sequence (axis %d has length 0)", what,
                      axis);
        return NULL;
    }
    if (out && !nd__st_check_out(fn, out, nd, shape, ND_INT64)) return NULL;
    nd_array *res = nd__alloc_array(fn, nd, shape, ND_INT64);
    if (!res) return NULL;
    nd_ix_cursor outer;
    nd__ix_cursor_init(&outer, a->data, l.nk, l.kshape, l.ksteps);
    int64_t *r = (int64_t *)res->data;
    for (int64_t i = 0; i < l.nlanes; i++, nd__ix_cursor_next(&outer)) {
        r[i] = a->dtype == ND_FLOAT32 ? nanarg_f32(&l, outer.p, max) : nanarg_f64(&l, outer.p, max);
        if (r[i] < 0) {
            nd_free(res);
            nd__error(ND_ERR_VALUE, fn, "All-NaN slice encountered");
            return NULL;
        }
    }
    if (!out) return res;
    return nd__st_deliver(fn, res, out) == ND_OK ? out : NULL;
}

nd_array *nd_nanargmin(const nd_array *a, int axis, bool keepdims) {
    return nanarg("nd_nanargmin", false, a, axis, keepdims, NULL);
}
nd_status nd_nanargmin_out(const nd_array *a, int axis, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_nanargmin_out", "a");
    if (!out) return nd__null_arg("nd_nanargmin_out", "out");
    return nanarg("nd_nanargmin_out", false, a, axis, keepdims, out) ? ND_OK : nd_last_status();
}
nd_array *nd_nanargmax(const nd_array *a, int axis, bool keepdims) {
    return nanarg("nd_nanargmax", true, a, axis, keepdims, NULL);
}
nd_status nd_nanargmax_out(const nd_array *a, int axis, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_nanargmax_out", "a");
    if (!out) return nd__null_arg("nd_nanargmax_out", "out");
    return nanarg("nd_nanargmax_out", true, a, axis, keepdims, out) ? ND_OK : nd_last_status();
}

/* ------------------------------------------------------------ nancumsum, nancumprod */

static nd_array *nancum(const char *fn, bool prod, const nd_array *a, int axis, nd_array *out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (axis != ND_AXIS_NONE) {
        int ax = axis;
        if (!nd__norm_axis_flat(fn, &ax, a->ndim == 0 ? 1 : a->ndim)) return NULL;
    }
    nd_array *b = NULL;
    if (is_float(a->dtype) && !(b = replace_nan(fn, a, prod ? 1 : 0))) return NULL;
    const nd_array *src = b ? b : a;
    nd_array *r;
    if (out) r = (prod ? nd_cumprod_out : nd_cumsum_out)(src, axis, out) == ND_OK ? out : NULL;
    else r = (prod ? nd_cumprod : nd_cumsum)(src, axis);
    nd_free(b);
    return r ? r : fail(fn);
}

nd_array *nd_nancumsum(const nd_array *a, int axis) { return nancum("nd_nancumsum", false, a, axis, NULL); }
nd_status nd_nancumsum_out(const nd_array *a, int axis, nd_array *out) {
    if (!a) return nd__null_arg("nd_nancumsum_out", "a");
    if (!out) return nd__null_arg("nd_nancumsum_out", "out");
    return nancum("nd_nancumsum_out", false, a, axis, out) ? ND_OK : nd_last_status();
}
nd_array *nd_nancumprod(const nd_array *a, int axis) { return nancum("nd_nancumprod", true, a, axis, NULL); }
nd_status nd_nancumprod_out(const nd_array *a, int axis, nd_array *out) {
    if (!a) return nd__null_arg("nd_nancumprod_out", "a");
    if (!out) return nd__null_arg("nd_nancumprod_out", "out");
    return nancum("nd_nancumprod_out", true, a, axis, out) ? ND_OK : nd_last_status();
}

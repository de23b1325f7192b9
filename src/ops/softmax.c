/* softmax, log_softmax and logsumexp (include/nd/nn_ops.h). a is first
 * copied into a C-contiguous float64 work array with the axes the operation
 * runs along moved last, so that every slice is one contiguous row whatever
 * a's layout; rows are computed there with their maximum subtracted, and
 * the result is written back through a view in a's axis order, rounded once
 * to the result dtype. a is read completely before out is written, so out
 * may be a itself. */
#include "iter/iter.h"

#include <math.h>

typedef enum nn_kind { NN_SOFTMAX, NN_LOG_SOFTMAX, NN_LOGSUMEXP } nn_kind;

/* The float an integer or bool computes in, as the float-only unary
 * operations (elementwise.c's R_FLOAT rule for one operand). */
static nd_dtype float_of(nd_dtype dt) {
    if (nd__kind(dt) == ND_KIND_FLOAT) return dt;
    return nd__itemsize(dt) <= 2 ? ND_FLOAT32 : ND_FLOAT64;
}

/* The largest of n values, NaN if any is NaN, -inf for none. */
static double row_max(const double *x, int64_t n) {
    double m = -INFINITY;
    for (int64_t i = 0; i < n; i++)
        if (x[i] > m || x[i] != x[i]) {
            m = x[i];
            if (m != m) break;
        }
    return m;
}

/* A compensated (Neumaier) sum: a row of 10^6 terms is as exact as a short
 * one, and the terms (exp of values <= 0) are all in [0, 1]. */
typedef struct nn_sum {
    double s, c;
} nn_sum;
static void sum_add(nn_sum *a, double v) {
    double t = a->s + v;
    a->c += fabs(a->s) >= fabs(v) ? (a->s - t) + v : (v - t) + a->s;
    a->s = t;
}

/* x - m and its rounding error (Knuth's two-sum): for float64 data x - m
 * is rarely exact, and exp turns its error into a relative one of
 * eps |x - m| / 2 (PyTorch's). err is 0 where x - m is not finite. */
static double diff_err(double x, double m, double *err) {
    double d = x - m, bb = d - x;
    double e = (x - (d - bb)) + (-m - bb);
    *err = isfinite(e) ? e : 0;
    return d;
}

/* exp(x - m) to about an ULP, the error of x - m put back to first order. */
static double exp_diff(double x, double m) {
    double err, e = exp(diff_err(x, m, &err));
    return e + e * err;
}

/* As PyTorch: a row with NaN or +inf, or all -inf, has max - max = NaN (or
 * inf - inf) and gives NaN throughout. */
static void softmax_row(double *x, int64_t n) {
    double m = row_max(x, n);
    nn_sum s = {0, 0};
    for (int64_t i = 0; i < n; i++) {
        x[i] = exp_diff(x[i], m);
        sum_add(&s, x[i]);
    }
    double tot = s.s + s.c;
    for (int64_t i = 0; i < n; i++) x[i] /= tot;
}

/* log(sum(exp(x - m))) as log1p of the sum without one term at the maximum
 * (which is exp(0) = 1): accurate when one value dominates and the sum is
 * 1 + tiny, where log_softmax of the maximum is -tiny. m is finite. */
static double log_sum_exp_shifted(const double *x, int64_t n, double m) {
    nn_sum s = {0, 0};
    bool skipped = false;
    for (int64_t i = 0; i < n; i++) {
        if (!skipped && x[i] == m) {
            skipped = true;
            continue;
        }
        sum_add(&s, exp_diff(x[i], m));
    }
    return log1p(s.s + s.c);
}

static void log_softmax_row(double *x, int64_t n) {
    double m = row_max(x, n);
    if (!isfinite(m)) { /* NaN throughout, as (x - m) - log(sum) gives it */
        for (int64_t i = 0; i < n; i++) x[i] = NAN;
        return;
    }
    double ls = log_sum_exp_shifted(x, n, m);
    for (int64_t i = 0; i < n; i++) {
        double err, d = diff_err(x[i], m, &err);
        x[i] = (d - ls) + err;
    }
}

/* PyTorch's rule: an infinite maximum is not subtracted (so +inf gives
 * +inf and an all -inf row log(0) = -inf, not NaN); NaN gives NaN. */
static double logsumexp_row(const double *x, int64_t n) {
    double m = row_max(x, n);
    if (m != m || isinf(m)) return m;
    return m + log_sum_exp_shifted(x, n, m);
}

/* A stack handle on a's elements with its axes in the order perm. */
static void permuted(nd_array *v, const nd_array *a, const int *perm) {
    *v = *a;
    for (int i = 0; i < a->ndim; i++) {
        v->shape[i] = a->shape[perm[i]];
        v->strides[i] = a->strides[perm[i]];
    }
    nd__update_flags(v);
}

/* mask marks the axes the operation runs along (none for a 0-d a). */
static nd_array *nn_run(const char *fn, nn_kind kind, const nd_array *a, const bool *mask,
                        bool keepdims, nd_array *out) {
    const int nd = a->ndim;
    const nd_dtype f64 = ND_FLOAT64, rdt = float_of(a->dtype);
    /* the result's shape: a's, or a's with the masked axes reduced */
    int rndim = 0;
    int64_t rshape[ND_MAX_DIMS];
    for (int d = 0; d < nd; d++) {
        if (kind != NN_LOGSUMEXP || !mask[d]) rshape[rndim++] = a->shape[d];
        else if (keepdims) rshape[rndim++] = 1;
    }
    if (out) {
        if (!nd__check_out(fn, out, rndim, rshape)) return NULL;
        if (!nd_can_cast(rdt, out->dtype, ND_CAST_SAME_KIND)) {
            nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
                      nd__dtypes[rdt].name, nd__dtypes[out->dtype].name);
            return NULL;
        }
    }
    /* kept axes first, then those the rows run along */
    int perm[ND_MAX_DIMS], np = 0;
    int64_t nrows = 1, rowlen = 1;
    for (int d = 0; d < nd; d++)
        if (!mask[d]) {
            perm[np++] = d;
            nrows *= a->shape[d];
        }
    for (int d = 0; d < nd; d++)
        if (mask[d]) {
            perm[np++] = d;
            rowlen *= a->shape[d];
        }
    nd_array view;
    permuted(&view, a, perm);
    const nd_array *vp = &view;
    nd_array *work = nd__alloc_array(fn, nd, view.shape, ND_FLOAT64);
    if (!work) return NULL;
    nd_array *sums = NULL, *res = NULL;
    if (nd__elementwise(fn, nd__cast_loop(ND_FLOAT64, ND_FLOAT64), NULL, 1, &vp, &f64, work,
                        ND_FLOAT64) != ND_OK)
        goto fail;
    double *w = (double *)(void *)work->data;
    const nd_array *src;
    nd_array back;
    if (kind == NN_LOGSUMEXP) {
        /* rows in the order of the kept axes: the result's C order */
        sums = nd__alloc_array(fn, rndim, rshape, ND_FLOAT64);
        if (!sums) goto fail;
        double *r = (double *)(void *)sums->data;
        for (int64_t i = 0; i < nrows; i++)
            r[i] = rowlen > 0 ? logsumexp_row(w + i * rowlen, rowlen) : -INFINITY;
        src = sums;
    } else {
        if (rowlen > 0)
            for (int64_t i = 0; i < nrows; i++) {
                if (kind == NN_SOFTMAX) softmax_row(w + i * rowlen, rowlen);
                else log_softmax_row(w + i * rowlen, rowlen);
            }
        /* the work array seen in a's axis order */
        back = *work;
        for (int i = 0; i < nd; i++) {
            back.shape[perm[i]] = work->shape[i];
            back.strides[perm[i]] = work->strides[i];
        }
        nd__update_flags(&back);
        src = &back;
    }
    res = out ? out : nd__alloc_array(fn, rndim, rshape, rdt);
    if (!res) goto fail;
    if (nd__elementwise(fn, nd__cast_loop(ND_FLOAT64, rdt), NULL, 1, &src, &f64, res, rdt) != ND_OK)
        goto fail;
    nd_free(work);
    nd_free(sums);
    return res;
fail:
    if (!out) nd_free(res);
    nd_free(work);
    nd_free(sums);
    return NULL;
}

static nd_array *softmax(const char *fn, nn_kind kind, const nd_array *a, int axis, nd_array *out,
                         bool want_out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (want_out && !nd__check_array(fn, "out", out)) return NULL;
    /* a 0-d a is one slice of one element, along axis 0 or -1 (PyTorch) */
    if (a->ndim == 0 && !nd__sentinel_axis(fn, axis, false) && axis != 0 && axis != -1) {
        nd__error(ND_ERR_INDEX, fn, "axis %d is out of bounds for a 0-d array (0 or -1 take it as one element)", axis);
        return NULL;
    }
    if (a->ndim == 0 ? nd__sentinel_axis(fn, axis, false) : !nd__norm_axis(fn, &axis, a->ndim))
        return NULL;
    bool mask[ND_MAX_DIMS] = {false};
    if (a->ndim > 0) mask[axis] = true;
    return nn_run(fn, kind, a, mask, false, out);
}

static nd_array *logsumexp(const char *fn, const nd_array *a, int naxes, const int *axes,
                           bool keepdims, nd_array *out, bool want_out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (want_out && !nd__check_array(fn, "out", out)) return NULL;
    bool mask[ND_MAX_DIMS] = {false};
    if (!nd__axes_mask(fn, a->ndim, naxes, axes, mask)) return NULL;
    return nn_run(fn, NN_LOGSUMEXP, a, mask, keepdims, out);
}

/* A NULL argument is ND_ERR_NULL even when an earlier error's message is
 * kept (nd__null_arg keeps it). */
static nd_status out_status(const nd_array *r, const nd_array *a, const nd_array *out) {
    if (r) return ND_OK;
    return !a || !out ? ND_ERR_NULL : nd_last_status();
}

nd_array *nd_softmax(const nd_array *a, int axis) {
    return softmax("nd_softmax", NN_SOFTMAX, a, axis, NULL, false);
}
nd_status nd_softmax_out(const nd_array *a, int axis, nd_array *out) {
    return out_status(softmax("nd_softmax_out", NN_SOFTMAX, a, axis, out, true), a, out);
}
nd_array *nd_log_softmax(const nd_array *a, int axis) {
    return softmax("nd_log_softmax", NN_LOG_SOFTMAX, a, axis, NULL, false);
}
nd_status nd_log_softmax_out(const nd_array *a, int axis, nd_array *out) {
    return out_status(softmax("nd_log_softmax_out", NN_LOG_SOFTMAX, a, axis, out, true), a, out);
}
nd_array *nd_logsumexp(const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return logsumexp("nd_logsumexp", a, naxes, axes, keepdims, NULL, false);
}
nd_status nd_logsumexp_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                           nd_array *out) {
    return out_status(logsumexp("nd_logsumexp_out", a, naxes, axes, keepdims, out, true), a, out);
}

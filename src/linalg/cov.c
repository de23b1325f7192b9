/* np.cov and np.corrcoef, written as NumPy 1.24 writes them: the variables
 * as float64 rows, their (weighted) means by nd_average, the centred rows
 * multiplied with their transpose by nd_matmul (BLAS), scaled by 1/fact.
 * It lives in linalg because of that product; everything else is the
 * public API of ops. */
#include "core/core.h"

#include <math.h>

/* m as float64 rows of variables: np.array(m, ndmin=2, dtype=f8), then
 * transposed unless rowvar (or a single row). name is "m", "x" or "y". */
static nd_array *as_rows(const char *fn, const char *name, const nd_array *m, bool rowvar) {
    if (m->ndim > 2) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "%s has more than 2 dimensions (shape %s)", name,
                  nd__shape_str(s, sizeof s, m->ndim, m->shape));
        return NULL;
    }
    int64_t shape[2] = {1, m->ndim == 0 ? 1 : m->shape[m->ndim - 1]};
    if (m->ndim == 2) shape[0] = m->shape[0];
    nd_array *f = nd_astype(m, ND_FLOAT64);
    nd_array *x = f ? nd_reshape(f, 2, shape) : NULL;
    nd_free(f);
    if (x && !rowvar && x->shape[0] != 1) {
        nd_array *t = nd_transpose(x, NULL);
        nd_free(x);
        x = t;
    }
    if (!x) nd__reraise(fn);
    return x;
}

/* A 1-D weights array as float64, checked as NumPy checks fweights and
 * aweights (integral values for fweights). NULL with the error recorded. */
static nd_array *weights_f64(const char *fn, const char *name, const nd_array *w, int64_t n,
                             bool integral) {
    if (w->ndim != 1) {
        nd__error(ND_ERR_SHAPE, fn, "cannot handle multidimensional %s (ndim %d)", name, w->ndim);
        return NULL;
    }
    if (w->shape[0] != n) {
        nd__error(ND_ERR_SHAPE, fn, "incompatible numbers of samples and %s (%lld and %lld)", name,
                  (long long)n, (long long)w->shape[0]);
        return NULL;
    }
    nd_array *f = nd_astype(w, ND_FLOAT64);
    if (!f) {
        nd__reraise(fn);
        return NULL;
    }
    const double *v = (const double *)f->data;
    for (int64_t i = 0; i < n; i++) {
        if (integral && v[i] != nearbyint(v[i])) {
            nd__error(ND_ERR_VALUE, fn, "%s must be integer (got %g at %lld)", name, v[i], (long long)i);
            nd_free(f);
            return NULL;
        }
        if (v[i] < 0) {
            nd__error(ND_ERR_VALUE, fn, "%s cannot be negative (got %g at %lld)", name, v[i], (long long)i);
            nd_free(f);
            return NULL;
        }
    }
    return f;
}

static nd_array *cov(const char *fn, const nd_array *m, const nd_array *y, bool rowvar, bool bias,
                     int64_t ddof, const nd_array *fweights, const nd_array *aweights) {
    if (!nd__check_array(fn, "m", m)) return NULL;
    nd_array *X = as_rows(fn, "m", m, rowvar);
    if (!X) return NULL;
    if (X->shape[0] == 0) {
        nd_free(X);
        nd_array *e = nd_zeros(2, (const int64_t[]){0, 0}, ND_FLOAT64);
        if (!e) nd__reraise(fn);
        return e;
    }
    nd_array *fw = NULL, *aw = NULL, *w = NULL, *avg = NULL, *wsum = NULL, *Xc = NULL, *Xw = NULL;
    nd_array *XT = NULL, *c = NULL, *s = NULL, *res = NULL;
    if (y) {
        nd_array *Y = as_rows(fn, "y", y, rowvar);
        if (!Y) goto done;
        const nd_array *both[2] = {X, Y};
        nd_array *XY = nd_concatenate(2, both, 0);
        nd_free(Y);
        if (!XY) goto fail;
        nd_free(X);
        X = XY;
    }
    int64_t p = X->shape[0], n = X->shape[1];
    if (ddof < 0) ddof = bias ? 0 : 1;
    if (fweights && !(fw = weights_f64(fn, "fweights", fweights, n, true))) goto done;
    if (aweights && !(aw = weights_f64(fn, "aweights", aweights, n, false))) goto done;
    if (fw && aw) {
        if (!(w = nd_multiply(fw, aw))) goto fail;
    } else if (fw || aw) {
        w = nd_reshape(fw ? fw : aw, 1, &n);
        if (!w) goto fail;
    }
    if (!(avg = nd_average(X, 1, (const int[]){1}, true, w, &wsum))) goto fail;
    double w_sum = ((const double *)wsum->data)[0], fact;
    if (!w) {
        fact = (double)n - (double)ddof;
    } else if (ddof == 0) {
        fact = w_sum;
    } else if (!aw) {
        fact = w_sum - (double)ddof;
    } else {
        /* Python's sum(w * aweights): in order */
        double t = 0;
        const double *wv = (const double *)w->data, *av = (const double *)aw->data;
        for (int64_t i = 0; i < n; i++) t += wv[i] * av[i];
        fact = w_sum - (double)ddof * t / w_sum;
    }
    if (fact <= 0) fact = 0.0;
    if (!(Xc = nd_subtract(X, avg))) goto fail;
    if (w && !(Xw = nd_multiply(Xc, w))) goto fail;
    if (!(XT = nd_transpose(Xw ? Xw : Xc, NULL)) || !(c = nd_matmul(Xc, XT))) goto fail;
    if (!(s = nd_scalar(1.0 / fact, ND_FLOAT64)) || nd_multiply_out(c, s, c) != ND_OK) goto fail;
    if (p == 1) {
        if (!(res = nd_reshape(c, 0, NULL))) goto fail;
    } else {
        res = c;
        c = NULL;
    }
    goto done;
fail:
    nd__reraise(fn);
done:
    nd_free(X);
    nd_free(fw);
    nd_free(aw);
    nd_free(w);
    nd_free(avg);
    nd_free(wsum);
    nd_free(Xc);
    nd_free(Xw);
    nd_free(XT);
    nd_free(c);
    nd_free(s);
    return res;
}

nd_array *nd_cov(const nd_array *m, const nd_array *y, bool rowvar, bool bias, int64_t ddof,
                 const nd_array *fweights, const nd_array *aweights) {
    return cov("nd_cov", m, y, rowvar, bias, ddof, fweights, aweights);
}

nd_array *nd_corrcoef(const nd_array *x, const nd_array *y, bool rowvar) {
    static const char fn[] = "nd_corrcoef";
    if (!nd__check_array(fn, "x", x)) return NULL;
    nd_array *c = cov(fn, x, y, rowvar, false, -1, NULL, NULL);
    if (!c) return NULL;
    if (c->ndim == 0) {
        /* one variable: 1, or NaN for a variance of 0, NaN or inf */
        if (nd_divide_out(c, c, c) != ND_OK) goto fail;
        return c;
    }
    int64_t p = c->shape[0];
    nd_array *d = nd_diagonal(c, 0, 0, 1);
    nd_array *sd = d ? nd_sqrt(d) : NULL;
    nd_array *col = sd ? nd_reshape(sd, 2, (const int64_t[]){p, 1}) : NULL;
    nd_array *row = col ? nd_reshape(sd, 2, (const int64_t[]){1, p}) : NULL;
    nd_array *lo = row ? nd_scalar(-1, ND_FLOAT64) : NULL;
    nd_array *hi = lo ? nd_scalar(1, ND_FLOAT64) : NULL;
    bool ok = hi && nd_divide_out(c, col, c) == ND_OK && nd_divide_out(c, row, c) == ND_OK &&
              nd_clip_out(c, lo, hi, c) == ND_OK;
    nd_free(hi);
    nd_free(lo);
    nd_free(row);
    nd_free(col);
    nd_free(sd);
    nd_free(d);
    if (ok) return c;
fail:
    nd__reraise(fn);
    nd_free(c);
    return NULL;
}

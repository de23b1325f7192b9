/* np.interp: piecewise linear interpolation in float64, following NumPy's
 * compiled loop step for step (the same slopes, the same retry from the
 * right end when a slope gives NaN), with its periodic variant: x and xp
 * taken modulo the period as Python's % does, xp sorted stably, and one
 * period's end points added on both sides. */
#include "core/core.h"

#include <math.h>
#include <stdlib.h>

/* Python's a % b for b > 0 (NumPy's npy_divmod): the sign of b. */
static double py_mod(double a, double b) {
    double m = fmod(a, b);
    if (m != 0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = copysign(0.0, b);
    }
    return m;
}

/* The last j with xp[j] <= v (xp increasing), -1 below xp[0], n above
 * xp[n - 1]. */
static int64_t find(const double *xp, int64_t n, double v) {
    if (v > xp[n - 1]) return n;
    if (v < xp[0]) return -1;
    int64_t lo = 0, hi = n;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v >= xp[mid]) lo = mid + 1;
        else hi = mid;
    }
    return lo - 1;
}

static void interp_loop(const double *x, int64_t nx, const double *xp, const double *fp, int64_t n, double lval,
                        double rval, double *out) {
    if (n == 1) { /* NumPy's special case: NaN in x gives fp[0] here */
        for (int64_t i = 0; i < nx; i++) out[i] = x[i] < xp[0] ? lval : x[i] > xp[0] ? rval : fp[0];
        return;
    }
    for (int64_t i = 0; i < nx; i++) {
        double v = x[i];
        if (isnan(v)) {
            out[i] = v;
            continue;
        }
        int64_t j = find(xp, n, v);
        if (j == -1) out[i] = lval;
        else if (j == n) out[i] = rval;
        else if (j == n - 1 || xp[j] == v) out[i] = fp[j];
        else {
            double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
            double r = slope * (v - xp[j]) + fp[j];
            if (isnan(r)) { /* if NaN in one direction, try the other */
                r = slope * (v - xp[j + 1]) + fp[j + 1];
                if (isnan(r) && fp[j] == fp[j + 1]) r = fp[j];
            }
            out[i] = r;
        }
    }
}

typedef struct pair {
    double x, f;
    int64_t i;
} pair;

/* By x, NaN last (as np.argsort), ties in input order. */
static int by_x(const void *pa, const void *pb) {
    const pair *a = pa, *b = pb;
    int na = isnan(a->x), nb = isnan(b->x);
    if (na != nb) return na - nb;
    if (!na && a->x != b->x) return a->x < b->x ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

nd_array *nd_interp(const nd_array *x, const nd_array *xp, const nd_array *fp, const double *left,
                    const double *right, const double *period) {
    static const char fn[] = "nd_interp";
    if (!x) {
        nd__null_arg(fn, "x");
        return NULL;
    }
    if (!xp) {
        nd__null_arg(fn, "xp");
        return NULL;
    }
    if (!fp) {
        nd__null_arg(fn, "fp");
        return NULL;
    }
    if (xp->ndim != 1 || fp->ndim != 1) {
        nd__error(ND_ERR_SHAPE, fn, "Data points must be 1-D sequences (xp is %d-D, fp is %d-D)", xp->ndim, fp->ndim);
        return NULL;
    }
    if (xp->shape[0] != fp->shape[0]) {
        nd__error(ND_ERR_SHAPE, fn, "fp and xp are not of the same length (%lld and %lld)", (long long)fp->shape[0],
                  (long long)xp->shape[0]);
        return NULL;
    }
    int64_t n = xp->shape[0];
    if (n == 0) {
        nd__error(ND_ERR_VALUE, fn, "array of sample points is empty");
        return NULL;
    }
    double p = 0;
    if (period) {
        p = fabs(*period);
        if (p == 0 || !isfinite(p)) {
            nd__error(ND_ERR_VALUE, fn, "period must be a non-zero finite value (got %g)", *period);
            return NULL;
        }
    }
    nd_array *xc = nd_astype(x, ND_FLOAT64);
    nd_array *xpc = xc ? nd_astype(xp, ND_FLOAT64) : NULL;
    nd_array *fpc = xpc ? nd_astype(fp, ND_FLOAT64) : NULL;
    nd_array *r = NULL;
    pair *pts = NULL;
    double *ext = NULL;
    if (!fpc) {
        nd__reraise(fn);
        goto done;
    }
    if (!(r = nd__alloc_array(fn, x->ndim, x->shape, ND_FLOAT64))) goto done;
    const double *xv = (const double *)xc->data, *xpv = (const double *)xpc->data, *fpv = (const double *)fpc->data;
    double *out = (double *)r->data;
    if (!period) {
        interp_loop(xv, xc->size, xpv, fpv, n, left ? *left : fpv[0], right ? *right : fpv[n - 1], out);
        goto done;
    }
    /* one period: xp mod p sorted, its last point before and first after */
    size_t bytes;
    if (__builtin_mul_overflow((size_t)n + 2, 2 * sizeof(double), &bytes) ||
        !(pts = nd__alloc(sizeof(pair) * (size_t)n, 64)) || !(ext = nd__alloc(bytes, 64))) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the periodic sample points (%lld)", (long long)n);
        nd_free(r);
        r = NULL;
        goto done;
    }
    for (int64_t i = 0; i < n; i++) pts[i] = (pair){py_mod(xpv[i], p), fpv[i], i};
    qsort(pts, (size_t)n, sizeof *pts, by_x);
    double *ex = ext, *ef = ext + n + 2;
    for (int64_t i = 0; i < n; i++) ex[i + 1] = pts[i].x, ef[i + 1] = pts[i].f;
    ex[0] = pts[n - 1].x - p, ef[0] = pts[n - 1].f;
    ex[n + 1] = pts[0].x + p, ef[n + 1] = pts[0].f;
    for (int64_t i = 0; i < xc->size; i++) out[i] = py_mod(xv[i], p);
    interp_loop(out, xc->size, ex, ef, n + 2, ef[0], ef[n + 1], out);
done:
    if (pts) nd__dealloc(pts);
    if (ext) nd__dealloc(ext);
    nd_free(fpc);
    nd_free(xpc);
    nd_free(xc);
    return r;
}

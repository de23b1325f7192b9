/* np.trapz: the trapezoidal rule along one axis, built from the public
 * element-wise operations and nd_sum. y and x are converted to the result's
 * float dtype first, so integer inputs neither wrap nor OR together. */
#include "core/core.h"

/* Each step restates a failure of the public function it calls as fn's. */
static nd_array *checked(const char *fn, nd_array *r) {
    if (!r) nd__reraise(fn);
    return r;
}

/* a[1:] - a[:-1] along axis (a has length n >= 2 there). */
static nd_array *differences(const char *fn, const nd_array *a, int axis, int64_t n) {
    nd_array *hi = checked(fn, nd_slice_axis(a, axis, 1, n, 1));
    nd_array *lo = hi ? checked(fn, nd_slice_axis(a, axis, 0, n - 1, 1)) : NULL;
    nd_array *d = lo ? checked(fn, nd_subtract(hi, lo)) : NULL;
    nd_free(lo);
    nd_free(hi);
    return d;
}

/* Whether x fits y along axis: 1-D of y's length there, or y's ndim with
 * that length along the axis (and broadcasting elsewhere, checked later). */
static bool x_fits(const char *fn, const nd_array *y, const nd_array *x, int axis) {
    int64_t n = y->shape[axis];
    if (x->ndim == 1 ? x->shape[0] == n : x->ndim == y->ndim && x->shape[axis] == n) return true;
    char sx[ND_SHAPE_STR_CAP], sy[ND_SHAPE_STR_CAP];
    nd__error(ND_ERR_SHAPE, fn,
              "x of shape %s does not fit y of shape %s along axis %d: x must be 1-D of length %lld "
              "or have y's dimensions with length %lld along the axis",
              nd__shape_str(sx, sizeof sx, x->ndim, x->shape), nd__shape_str(sy, sizeof sy, y->ndim, y->shape),
              axis, (long long)n, (long long)n);
    return false;
}

/* The spacings, shaped to broadcast against y's n - 1 >= 1 intervals along
 * axis: dx as a 0-d array, or the differences of x. */
static nd_array *spacings(const char *fn, const nd_array *y, const nd_array *x, double dx, int axis,
                          nd_dtype rt) {
    int64_t n = y->shape[axis];
    if (!x) return checked(fn, nd_scalar(dx, rt));
    nd_array *xc = checked(fn, nd_astype(x, rt));
    nd_array *d = xc ? differences(fn, xc, x->ndim == 1 ? 0 : axis, n) : NULL;
    nd_free(xc);
    if (!d || x->ndim != 1) return d;
    int64_t shape[ND_MAX_DIMS];
    for (int k = 0; k < y->ndim; k++) shape[k] = k == axis ? n - 1 : 1;
    nd_array *r = checked(fn, nd_reshape(d, y->ndim, shape));
    nd_free(d);
    return r;
}

nd_array *nd_trapz(const nd_array *y, const nd_array *x, double dx, int axis) {
    static const char fn[] = "nd_trapz";
    if (!y) {
        nd__null_arg(fn, "y");
        return NULL;
    }
    int ax = axis;
    if (!nd__norm_axis(fn, &ax, y->ndim)) return NULL;
    nd_dtype pt = x ? nd_promote_types(y->dtype, x->dtype) : y->dtype;
    nd_dtype rt = pt == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
    int64_t n = y->shape[ax];
    nd_array *d = NULL, *yc = NULL, *s = NULL, *t = NULL, *half = NULL, *r = NULL;
    if (x && !x_fits(fn, y, x, ax)) return NULL;
    if (n < 2) { /* no interval: zeros of y's shape without the axis */
        int64_t shape[ND_MAX_DIMS];
        int nd = 0;
        for (int k = 0; k < y->ndim; k++)
            if (k != ax) shape[nd++] = y->shape[k];
        nd_array *z = nd__alloc_array(fn, nd, shape, rt);
        if (z) memset(z->data, 0, (size_t)z->size * nd__itemsize(rt));
        return z;
    }
    if (!(d = spacings(fn, y, x, dx, ax, rt))) goto done;
    if (!(yc = checked(fn, nd_astype(y, rt)))) goto done;
    nd_array *hi = checked(fn, nd_slice_axis(yc, ax, 1, n, 1));
    nd_array *lo = hi ? checked(fn, nd_slice_axis(yc, ax, 0, n - 1, 1)) : NULL;
    s = lo ? checked(fn, nd_add(hi, lo)) : NULL;
    nd_free(lo);
    nd_free(hi);
    /* d * (y[1:] + y[:-1]) / 2, as NumPy computes it (/ 2 and * 0.5 round alike) */
    if (!s || !(t = checked(fn, nd_multiply(d, s))) || !(half = checked(fn, nd_scalar(0.5, rt)))) goto done;
    if (nd_multiply_out(t, half, t) != ND_OK) {
        nd__reraise(fn);
        goto done;
    }
    r = checked(fn, nd_sum(t, 1, &ax, false));
done:
    nd_free(half);
    nd_free(t);
    nd_free(s);
    nd_free(yc);
    nd_free(d);
    return r;
}

/* np.convolve and np.correlate of 1-D sequences: the direct sum of
 * products, per dtype, with NumPy's output lengths and its exchange of the
 * inputs (convolve puts the longer first; correlate of a shorter a with a
 * longer v is the reversed correlation of v with a). Integers accumulate in
 * a wide unsigned type, so they wrap as NumPy's do; bool is an or of ands;
 * floats accumulate in double. */
#include "core/core.h"

/* out[k] = sum over j of a[k + j - left] * v[j] (v read backwards if
 * vrev), for k in [0, len), over the j where a's index is in range; the
 * output is written backwards if orev. a has na >= nv elements. */
typedef void (*corr_fn)(const char *a, int64_t na, const char *v, int64_t nv, int64_t left, int64_t len,
                        bool vrev, bool orev, char *out);

#define ACC_B_(acc, x, y) acc |= (x) & (y)
#define ACC_N_(acc, x, y) acc += (x) * (y)

#define DEF_CORR_(E, sfx, T, W, ACC_T, ACC)                                        \
    static void corr_##sfx(const char *ap, int64_t na, const char *vp, int64_t nv, int64_t left, \
                           int64_t len, bool vrev, bool orev, char *op) {          \
        const T *a = (const T *)ap, *v = (const T *)vp;                            \
        T *out = (T *)op;                                                          \
        for (int64_t k = 0; k < len; k++) {                                        \
            int64_t j0 = left - k > 0 ? left - k : 0;                              \
            int64_t j1 = na - k + left < nv ? na - k + left : nv;                  \
            ACC_T acc = 0;                                                         \
            for (int64_t j = j0; j < j1; j++)                                      \
                ACC(acc, (ACC_T)a[k + j - left], (ACC_T)v[vrev ? nv - 1 - j : j]); \
            out[orev ? len - 1 - k : k] = (T)acc;                                  \
        }                                                                          \
    }
#define DEF_CORR_INT_(E, sfx, T, W, ...) DEF_CORR_(E, sfx, T, W, W, ACC_N_)
#define DEF_CORR_FLT_(E, sfx, T, W, ...) DEF_CORR_(E, sfx, T, W, double, ACC_N_)
#define DEF_CORR_BOOL_(E, sfx, T, W, ...) DEF_CORR_(E, sfx, T, W, W, ACC_B_)
ND_FOR_BOOL(DEF_CORR_BOOL_, ~)
ND_FOR_SIGNED(DEF_CORR_INT_, ~)
ND_FOR_UNSIGNED(DEF_CORR_INT_, ~)
ND_FOR_FLOAT(DEF_CORR_FLT_, ~)
#undef DEF_CORR_

static const corr_fn corr_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = corr_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};

static nd_array *run(const char *fn, const nd_array *a, const nd_array *v, nd_conv_mode mode, bool convolve) {
    if (!a) {
        nd__null_arg(fn, "a");
        return NULL;
    }
    if (!v) {
        nd__null_arg(fn, "v");
        return NULL;
    }
    if (mode != ND_CONV_FULL && mode != ND_CONV_SAME && mode != ND_CONV_VALID) {
        nd__error(ND_ERR_VALUE, fn, "mode must be ND_CONV_VALID, ND_CONV_SAME or ND_CONV_FULL (got %d)", (int)mode);
        return NULL;
    }
    if (a->ndim > 1 || v->ndim > 1) {
        nd__error(ND_ERR_VALUE, fn, "object too deep for desired array: %s is %d-D (1-D sequences only)",
                  a->ndim > 1 ? "a" : "v", a->ndim > 1 ? a->ndim : v->ndim);
        return NULL;
    }
    if (a->size == 0 || v->size == 0) {
        nd__error(ND_ERR_VALUE, fn, "%s cannot be empty", a->size == 0 ? "a" : "v");
        return NULL;
    }
    /* the longer sequence first; correlate then reverses its output */
    bool swap = v->size > a->size;
    const nd_array *x = swap ? v : a, *y = swap ? a : v;
    nd_dtype dt = nd_promote_types(a->dtype, v->dtype);
    int64_t nx = x->size, ny = y->size, len, left;
    switch (mode) {
    case ND_CONV_VALID: len = nx - ny + 1, left = 0; break;
    case ND_CONV_SAME: len = nx, left = ny / 2; break;
    default: len = nx + ny - 1, left = ny - 1; break;
    }
    nd_array *xc = nd_astype(x, dt);
    nd_array *yc = xc ? nd_astype(y, dt) : NULL;
    nd_array *r = NULL;
    if (!yc) nd__reraise(fn);
    else r = nd__alloc_array(fn, 1, &len, dt);
    if (r) corr_fns[dt](xc->data, nx, yc->data, ny, left, len, convolve, !convolve && swap, r->data);
    nd_free(yc);
    nd_free(xc);
    return r;
}

nd_array *nd_convolve(const nd_array *a, const nd_array *v, nd_conv_mode mode) {
    return run("nd_convolve", a, v, mode, true);
}

nd_array *nd_correlate(const nd_array *a, const nd_array *v, nd_conv_mode mode) {
    return run("nd_correlate", a, v, mode, false);
}

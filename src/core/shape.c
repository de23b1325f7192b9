/* Overflow-checked size math, C strides and broadcasting of shapes. */
#include "core.h"

#include <stdio.h>

int64_t nd__checked_size(int ndim, const int64_t *shape, size_t itemsize) {
    /* the nonzero lengths must multiply without overflow even when another
     * length is 0 (as NumPy requires), since strides are computed from them */
    int64_t n = 1, nonzero = 1, bytes;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) return -1;
        if (shape[i] > 0 && nd__mul_overflow(nonzero, shape[i], &nonzero)) return -1;
        n = shape[i] == 0 ? 0 : n * shape[i]; /* n <= nonzero: no overflow */
    }
    if (nd__mul_overflow(nonzero, (int64_t)itemsize, &bytes)) return -1;
    return n;
}

void nd__c_strides(int ndim, const int64_t *shape, int64_t *strides) {
    int64_t s = 1;
    for (int i = ndim - 1; i >= 0; i--) {
        strides[i] = s;
        s *= shape[i] ? shape[i] : 1;
    }
}

nd_status nd_broadcast_shapes(int n, const int *ndims, const int64_t *const *shapes,
                              int *out_ndim, int64_t *out_shape) {
    return nd__broadcast_shapes("nd_broadcast_shapes", n, ndims, shapes, out_ndim, out_shape);
}

nd_status nd__broadcast_shapes(const char *fn, int n, const int *ndims,
                               const int64_t *const *shapes, int *out_ndim, int64_t *out_shape) {
    return nd__broadcast_shapes_msg(fn, "operands could not be broadcast together with shapes", n,
                                    ndims, shapes, out_ndim, out_shape);
}

nd_status nd__broadcast_shapes_msg(const char *fn, const char *mismatch, int n, const int *ndims,
                                   const int64_t *const *shapes, int *out_ndim,
                                   int64_t *out_shape) {
    if (n < 0) return nd__error(ND_ERR_VALUE, fn, "negative count %d", n);
    if (n > 0 && (!ndims || !shapes)) return nd__null_arg(fn, ndims ? "shapes" : "ndims");
    if (!out_ndim || !out_shape) return nd__null_arg(fn, out_ndim ? "out_shape" : "out_ndim");
    /* every count, pointer and length is checked before any is read */
    int nd = 0;
    for (int k = 0; k < n; k++) {
        if (ndims[k] > 0 && !shapes[k]) {
            char name[32];
            snprintf(name, sizeof name, "shapes[%d]", k);
            return nd__null_arg(fn, name);
        }
        if (!nd__check_shape(fn, ndims[k], shapes[k])) return nd_last_status();
        if (ndims[k] > nd) nd = ndims[k];
    }
    /* the common case: identical shapes */
    bool same = n > 0;
    for (int k = 1; k < n && same; k++)
        same = ndims[k] == ndims[0] &&
               (ndims[0] == 0 ||
                memcmp(shapes[k], shapes[0], sizeof(int64_t) * (size_t)ndims[0]) == 0);
    if (same) {
        *out_ndim = ndims[0];
        if (ndims[0]) memcpy(out_shape, shapes[0], sizeof(int64_t) * (size_t)ndims[0]);
        return ND_OK;
    }
    int64_t res[ND_MAX_DIMS];
    for (int i = 0; i < nd; i++) res[i] = 1;
    for (int k = 0; k < n; k++) {
        int off = nd - ndims[k];
        for (int i = 0; i < ndims[k]; i++) {
            int64_t d = shapes[k][i];
            if (d == res[off + i] || d == 1) continue;
            if (res[off + i] == 1) {
                res[off + i] = d;
                continue;
            }
            /* name every operand's shape, as NumPy does */
            char msg[1024];
            size_t len = 0;
            msg[0] = '\0';
            for (int j = 0; j < n && len < sizeof msg; j++) {
                char s[ND_SHAPE_STR_CAP];
                nd__shape_str(s, sizeof s, ndims[j], shapes[j]);
                int w = snprintf(msg + len, sizeof msg - len, " %s", s);
                if (w < 0) break;
                len += (size_t)w;
            }
            return nd__error(ND_ERR_SHAPE, fn, "%s%s", mismatch, msg);
        }
    }
    *out_ndim = nd;
    memcpy(out_shape, res, sizeof(int64_t) * (size_t)nd);
    return ND_OK;
}

/* Private helpers shared by the joining (join.c) and manipulation (manip.c)
 * files: short-lived views kept on the stack, a converting copy through the
 * element-wise engine, and the geometry NumPy's atleast_nd gives. */
#ifndef ND_MANIP_UTIL_H
#define ND_MANIP_UTIL_H

#include "iter/iter.h"

/* Fills *v with a view of base's memory that lives only for the current
 * call: a copy of the handle with new geometry. It takes no reference on the
 * buffer, so it is never passed to nd_free and never outlives base. Building
 * it cannot fail, which lets a function validate and allocate everything
 * first and then write without any further way to fail half-way (short of
 * the engine's scratch allocations). */
static inline void nd__temp_view(nd_array *v, const nd_array *base, const char *data, int ndim,
                                 const int64_t *shape, const int64_t *strides) {
    *v = *base;
    v->data = (char *)data;
    v->ndim = ndim;
    if (ndim) {
        memcpy(v->shape, shape, sizeof(int64_t) * (size_t)ndim);
        memcpy(v->strides, strides, sizeof(int64_t) * (size_t)ndim);
    }
    nd__update_flags(v);
}

/* Copies src (broadcast) into dst, converting as astype does. The caller
 * has checked that the shapes broadcast and that dst is writeable. */
static inline nd_status nd__assign(const char *fn, nd_array *dst, const nd_array *src) {
    return nd__elementwise(fn, nd__cast_loop(src->dtype, dst->dtype), NULL, 1, &src, &src->dtype,
                           dst, dst->dtype);
}

/* The shape and strides of np.atleast_{1,2,3}d(a) for n = 1, 2, 3: a 0-d
 * array becomes (1,), (1,1) or (1,1,1); a 1-D (N,) becomes (1,N) for n = 2
 * and (1,N,1) for n = 3; a 2-D (M,N) becomes (M,N,1) for n = 3; anything
 * else keeps its geometry. New axes have length 1, so their strides are
 * never used; they get 1. */
static inline int nd__atleast_geometry(const nd_array *a, int n, int64_t *shape, int64_t *strides) {
    int nd = a->ndim;
    if (nd >= n) {
        for (int i = 0; i < nd; i++) {
            shape[i] = a->shape[i];
            strides[i] = a->strides[i];
        }
        return nd;
    }
    for (int i = 0; i < n; i++) {
        shape[i] = 1;
        strides[i] = 1;
    }
    /* NumPy places a 1-D array's axis second (N in (1,N) and (1,N,1)), a
     * 2-D array's axes first */
    int at = nd == 1 ? (n >= 2 ? 1 : 0) : 0;
    for (int i = 0; i < nd; i++) {
        shape[at + i] = a->shape[i];
        strides[at + i] = a->strides[i];
    }
    return n;
}

#endif

/* Private helpers shared by the statistics files of ops (quantile.c,
 * stats.c, histogram.c): the axes a reduction names, the result's shape,
 * the slices ("lanes") it visits, and the checked delivery of a fresh
 * result into an out array. */
#ifndef ND_STATS_UTIL_H
#define ND_STATS_UTIL_H

#include "iter/iter.h"
#include "ops/index_util.h"

/* Marks the reduced axes of a; false (error recorded) for a bad axis list. */
static inline bool nd__st_parse_axes(const char *fn, const nd_array *a, int naxes, const int *axes,
                                     bool *reduced) {
    return nd__axes_mask(fn, a->ndim, naxes, axes, reduced);
}

/* The reduction's shape: kept axes, and reduced ones as 1 with keepdims. */
static inline int nd__st_result_shape(const nd_array *a, const bool *reduced, bool keepdims,
                                      int64_t *shape) {
    int n = 0;
    for (int d = 0; d < a->ndim; d++) {
        if (!reduced[d]) shape[n++] = a->shape[d];
        else if (keepdims) shape[n++] = 1;
    }
    return n;
}

/* Checks out against a result of (ndim, shape) and dtype dt before any
 * work: writeable, exactly that shape, and dt casting to out's dtype under
 * same_kind rules. */
static inline bool nd__st_check_out(const char *fn, const nd_array *out, int ndim,
                                    const int64_t *shape, nd_dtype dt) {
    if (!nd__check_out(fn, out, ndim, shape)) return false;
    if (nd_can_cast(dt, out->dtype, ND_CAST_SAME_KIND)) return true;
    nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
              nd__dtypes[dt].name, nd__dtypes[out->dtype].name);
    return false;
}

/* Copies a fresh result res (already checked against out) into out and
 * frees it. The copy is the only write to out, after everything else has
 * succeeded. */
static inline nd_status nd__st_deliver(const char *fn, nd_array *res, nd_array *out) {
    nd_status st = nd_copyto(out, res);
    nd_free(res);
    if (st != ND_OK) nd__reraise(fn);
    return st;
}

/* The lanes of a reduction: one per element of the kept axes (in C order),
 * each holding the elements of the reduced axes (in C order). */
typedef struct nd_st_lanes {
    const nd_array *a;
    int nk, nr;                    /* kept and reduced axes */
    int64_t kshape[ND_MAX_DIMS], ksteps[ND_MAX_DIMS];
    int64_t rshape[ND_MAX_DIMS], rsteps[ND_MAX_DIMS];
    int64_t nlanes, len;           /* number of lanes, elements per lane */
    size_t isz;
} nd_st_lanes;

static inline void nd__st_lanes_init(nd_st_lanes *l, const nd_array *a, const bool *reduced) {
    l->a = a;
    l->nk = l->nr = 0;
    l->nlanes = l->len = 1;
    l->isz = nd__itemsize(a->dtype);
    for (int d = 0; d < a->ndim; d++) {
        int64_t step = a->strides[d] * (int64_t)l->isz;
        if (reduced[d]) {
            l->rshape[l->nr] = a->shape[d];
            l->rsteps[l->nr++] = step;
            l->len *= a->shape[d];
        } else {
            l->kshape[l->nk] = a->shape[d];
            l->ksteps[l->nk++] = step;
            l->nlanes *= a->shape[d];
        }
    }
}

/* Copies the lane starting at p into buf (len elements, contiguous). */
static inline void nd__st_gather(const nd_st_lanes *l, const char *p, char *buf) {
    if (l->nr == 1) {
        int64_t step = l->rsteps[0];
        switch (l->isz) {
        case 1: for (int64_t i = 0; i < l->len; i++) buf[i] = p[i * step]; return;
        case 2: for (int64_t i = 0; i < l->len; i++) memcpy(buf + 2 * i, p + i * step, 2); return;
        case 4: for (int64_t i = 0; i < l->len; i++) memcpy(buf + 4 * i, p + i * step, 4); return;
        default: for (int64_t i = 0; i < l->len; i++) memcpy(buf + 8 * i, p + i * step, 8); return;
        }
    }
    nd_ix_cursor c;
    nd__ix_cursor_init(&c, p, l->nr, l->rshape, l->rsteps);
    for (int64_t i = 0; i < l->len; i++, nd__ix_cursor_next(&c))
        nd__ix_copy_elem(buf + (size_t)i * l->isz, c.p, l->isz);
}

/* A 0-d array of dtype dt holding value, or NULL with the error reraised
 * as fn's. */
static inline nd_array *nd__st_scalar(const char *fn, double value, nd_dtype dt) {
    nd_array *s = nd_scalar(value, dt);
    if (!s) nd__reraise(fn);
    return s;
}

#endif

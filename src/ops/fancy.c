/* NumPy's advanced indexing with integer arrays on leading axes:
 * a[i0, i1, ...] (index_arrays) and a[i0, i1, ...] = values
 * (index_arrays_assign). A NULL entry is ':'. The index arrays broadcast
 * together; their shape replaces the indexed axes when those are adjacent,
 * else it goes first. A 1-D bool entry is a mask on its axis (its nonzero
 * positions), as NumPy does. */
#include "ops/index_util.h"

/* The gather plan: the result shape, a's byte steps for each result axis
 * (0 on the broadcast index axes) and the table of summed offsets of the
 * indexed axes, stepped by the index axes in C order. */
typedef struct fancy_plan {
    int nd;
    int64_t shape[ND_MAX_DIMS];
    int64_t a_step[ND_MAX_DIMS];
    int64_t tab_step[ND_MAX_DIMS];
    int64_t *table; /* NULL when no entry is an array */
} fancy_plan;

/* The broadcast shape of the index arrays (NULL entries, ':', skipped);
 * n is at most ND_MAX_DIMS (no more indices than a's axes). */
static bool broadcast_indices(const char *fn, int n, const nd_array *const *ix, int *nd,
                              int64_t *shape) {
    int ndims[ND_MAX_DIMS], m = 0;
    const int64_t *shapes[ND_MAX_DIMS];
    for (int k = 0; k < n; k++) {
        if (!ix[k]) continue;
        ndims[m] = ix[k]->ndim;
        shapes[m++] = ix[k]->shape;
    }
    return nd__broadcast_shapes_msg(
               fn, "shape mismatch: indexing arrays could not be broadcast together with shapes", m,
               ndims, shapes, nd, shape) == ND_OK;
}

/* conv receives the int64 arrays made from bool masks (freed by the caller);
 * ix the entries to use. */
static bool fancy_plan_make(const char *fn, const nd_array *a, int n,
                            const nd_array *const *indices, fancy_plan *p, nd_array **conv,
                            const nd_array **ix) {
    p->table = NULL;
    if (n < 0) {
        nd__error(ND_ERR_VALUE, fn, "negative index count %d", n);
        return false;
    }
    if (n > a->ndim) {
        nd__error(ND_ERR_INDEX, fn,
                  "too many indices for array: array is %d-dimensional, but %d were indexed",
                  a->ndim, n);
        return false;
    }
    if (n > 0 && !indices) {
        nd__null_arg(fn, "indices");
        return false;
    }
    int first = -1, last = -1;
    for (int k = 0; k < n; k++) {
        ix[k] = indices[k];
        if (!ix[k]) continue;
        if (!nd__ix_check_index_dtype(fn, ix[k])) return false;
        if (ix[k]->dtype == ND_BOOL) {
            if (ix[k]->ndim != 1) {
                nd__error(ND_ERR_UNSUPPORTED, fn,
                          "a boolean index must be 1-D here (entry %d has %d dimensions); use "
                          "nd_extract for a whole-array mask",
                          k, ix[k]->ndim);
                return false;
            }
            if (ix[k]->shape[0] != a->shape[k]) {
                nd__error(ND_ERR_SHAPE, fn,
                          "boolean index did not match indexed array along dimension %d; "
                          "dimension is %lld but corresponding boolean dimension is %lld",
                          k, (long long)a->shape[k], (long long)ix[k]->shape[0]);
                return false;
            }
            conv[k] = nd_flatnonzero(ix[k]);
            if (!conv[k]) return false;
            ix[k] = conv[k];
        }
        if (first < 0) first = k;
        last = k;
    }
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    if (first < 0) { /* every axis is ':' */
        p->nd = a->ndim;
        for (int d = 0; d < a->ndim; d++) {
            p->shape[d] = a->shape[d];
            p->a_step[d] = a->strides[d] * isz;
            p->tab_step[d] = 0;
        }
        return true;
    }
    int bnd;
    int64_t bshape[ND_MAX_DIMS];
    if (!broadcast_indices(fn, n, ix, &bnd, bshape)) return false;
    bool adjacent = true;
    for (int k = first; k <= last; k++) adjacent &= ix[k] != NULL;
    /* result axes: [slices before][index axes][slices after], where the
     * slices before are those ahead of the first index when adjacent and
     * none otherwise */
    int before = adjacent ? first : 0;
    int nslices = 0;
    for (int d = 0; d < a->ndim; d++) nslices += d >= n || !ix[d];
    if (!nd__ix_check_ndim(fn, nslices + bnd)) return false;
    p->nd = nslices + bnd;
    int64_t tsteps[ND_MAX_DIMS];
    nd__ix_c_steps(bnd, bshape, 1, tsteps);
    int r = 0;
    for (int d = 0; d < before; d++, r++) {
        p->shape[r] = a->shape[d];
        p->a_step[r] = a->strides[d] * isz;
        p->tab_step[r] = 0;
    }
    for (int i = 0; i < bnd; i++, r++) {
        p->shape[r] = bshape[i];
        p->a_step[r] = 0;
        p->tab_step[r] = tsteps[i];
    }
    for (int d = before; d < a->ndim; d++) {
        if (d < n && ix[d]) continue;
        p->shape[r] = a->shape[d];
        p->a_step[r] = a->strides[d] * isz;
        p->tab_step[r] = 0;
        r++;
    }
    int64_t count = nd__ix_count(bnd, bshape);
    p->table = nd__ix_alloc(fn, count, sizeof(int64_t));
    if (!p->table) return false;
    memset(p->table, 0, sizeof(int64_t) * (size_t)count);
    for (int k = first; k <= last; k++) {
        if (!ix[k]) continue;
        if (!nd__ix_load_indices(fn, ix[k], bnd, bshape, a->shape[k], k, a->strides[k] * isz, true,
                                 p->table)) {
            nd__ix_free(p->table);
            p->table = NULL;
            return false;
        }
    }
    return true;
}

/* conv has ND_MAX_DIMS entries, NULL where unused. */
static void fancy_release(nd_array **conv, fancy_plan *p) {
    for (int k = 0; k < ND_MAX_DIMS; k++) nd_free(conv[k]);
    nd__ix_free(p->table);
}

static nd_array *index_arrays_body(const nd_array *a, int n, const nd_array *const *indices) {
    static const char fn[] = "nd_index_arrays";
    if (!nd__check_array(fn, "a", a)) return NULL;
    fancy_plan p;
    nd_array *conv[ND_MAX_DIMS] = {0};
    const nd_array *ix[ND_MAX_DIMS];
    nd_array *r = NULL;
    if (fancy_plan_make(fn, a, n, indices, &p, conv, ix))
        r = nd__ix_gather_new(fn, a, p.nd, p.shape, p.table, p.a_step, p.tab_step);
    fancy_release(conv, &p);
    return r;
}

nd_array *nd_index_arrays(const nd_array *a, int n, const nd_array *const *indices) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_index_arrays", mark, index_arrays_body(a, n, indices));
}

static nd_status index_arrays_assign_body(nd_array *a,
                                          int n,
                                          const nd_array *const *indices,
                                          const nd_array *values) {
    static const char fn[] = "nd_index_arrays_assign";
    if (!a) return nd__null_arg(fn, "a");
    if (n > 0 && !indices) return nd__null_arg(fn, "indices");
    if (!values) return nd__null_arg(fn, "values");
    if (!nd__ix_check_writeable(fn, a)) return nd_last_status();
    fancy_plan p;
    nd_array *conv[ND_MAX_DIMS] = {0};
    const nd_array *ix[ND_MAX_DIMS];
    nd_status st = fancy_plan_make(fn, a, n, indices, &p, conv, ix)
                       ? nd__ix_scatter(fn, a, values, p.nd, p.shape, p.table, p.a_step, p.tab_step)
                       : nd_last_status();
    fancy_release(conv, &p);
    return st;
}

nd_status nd_index_arrays_assign(nd_array *a,
                                 int n,
                                 const nd_array *const *indices,
                                 const nd_array *values) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_index_arrays_assign", mark, index_arrays_assign_body(a, n, indices, values));
}

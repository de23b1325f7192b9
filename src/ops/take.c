/* Integer-index gathers and scatters along one axis or the flattened array:
 * take, take_out, put, take_along_axis, put_along_axis, compress and choose.
 * Every index is validated into a table of byte offsets before anything is
 * written; the copies then run on nd__ix_copy (index_util.c). */
#include "ops/index_util.h"

#include <stdio.h>

/* ------------------------------------------------------------ take */

/* The shape of take's result: a's shape with axis replaced by idx's shape
 * (the flattened array: idx's shape). */
static bool take_shape(const char *fn, const nd_array *a, const nd_array *idx, int axis, int *nd,
                       int64_t *shape) {
    int pre = axis == ND_AXIS_NONE ? 0 : axis;
    int post = axis == ND_AXIS_NONE ? 0 : a->ndim - axis - 1;
    *nd = pre + idx->ndim + post;
    if (!nd__ix_check_ndim(fn, *nd)) return false;
    for (int i = 0; i < pre; i++) shape[i] = a->shape[i];
    for (int i = 0; i < idx->ndim; i++) shape[pre + i] = idx->shape[i];
    for (int i = 0; i < post; i++) shape[pre + idx->ndim + i] = a->shape[axis + 1 + i];
    return true;
}

/* Validates idx into a table of byte offsets into a: along axis, or into
 * the flattened array. The caller frees the table. */
static int64_t *take_table(const char *fn, const nd_array *a, const nd_array *idx, int axis) {
    int64_t *tab = nd__ix_alloc(fn, idx->size, sizeof(int64_t));
    if (!tab) return NULL;
    bool ok;
    if (axis == ND_AXIS_NONE) {
        ok = nd__ix_load_indices(fn, idx, idx->ndim, idx->shape, a->size, 0, 1, false, tab);
        for (int64_t j = 0; ok && j < idx->size; j++) tab[j] = nd__ix_flat_offset(a, tab[j]);
    } else {
        int64_t scale = a->strides[axis] * (int64_t)nd__itemsize(a->dtype);
        ok = nd__ix_load_indices(fn, idx, idx->ndim, idx->shape, a->shape[axis], axis, scale,
                                 false, tab);
    }
    if (!ok) {
        nd__ix_free(tab);
        return NULL;
    }
    return tab;
}

/* Gathers into r (take's shape, a's dtype; may be strided). */
static void take_gather(const nd_array *a, const nd_array *idx, int axis, const int64_t *tab,
                        nd_array *r) {
    size_t isz = nd__itemsize(a->dtype);
    nd_ix_side dst = {r->data, NULL, {0}, {0}};
    for (int i = 0; i < r->ndim; i++) dst.step[i] = r->strides[i] * (int64_t)isz;
    nd_ix_side src = {a->data, tab, {0}, {0}};
    int pre = axis == ND_AXIS_NONE ? 0 : axis;
    int64_t tsteps[ND_MAX_DIMS];
    nd__ix_c_steps(idx->ndim, idx->shape, 1, tsteps);
    for (int i = 0; i < pre; i++) src.step[i] = a->strides[i] * (int64_t)isz;
    for (int i = 0; i < idx->ndim; i++) src.tab_step[pre + i] = tsteps[i];
    for (int i = pre + idx->ndim; i < r->ndim; i++)
        src.step[i] = a->strides[i - idx->ndim + 1] * (int64_t)isz;
    nd__ix_copy(r->ndim, r->shape, &dst, &src, isz);
}

static bool take_args(const char *fn, const nd_array *a, const nd_array *idx, int *axis) {
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "indices", idx)) return false;
    if (!nd__ix_check_index_dtype(fn, idx)) return false;
    return *axis == ND_AXIS_NONE || nd__norm_axis_flat(fn, axis, a->ndim);
}

/* take with the caller's name (compress reports as itself). */
static nd_array *take_new(const char *fn, const nd_array *a, const nd_array *idx, int axis) {
    int nd;
    int64_t shape[ND_MAX_DIMS];
    if (!take_shape(fn, a, idx, axis, &nd, shape)) return NULL;
    int64_t *tab = take_table(fn, a, idx, axis);
    if (!tab) return NULL;
    nd_array *r = nd__alloc_array(fn, nd, shape, a->dtype);
    if (r) take_gather(a, idx, axis, tab, r);
    nd__ix_free(tab);
    return r;
}

nd_array *nd_take(const nd_array *a, const nd_array *indices, int axis) {
    static const char fn[] = "nd_take";
    if (!take_args(fn, a, indices, &axis)) return NULL;
    return take_new(fn, a, indices, axis);
}

static nd_status take_out_body(const nd_array *a,
                               const nd_array *indices,
                               int axis,
                               nd_array *out) {
    static const char fn[] = "nd_take_out";
    if (!a) return nd__null_arg(fn, "a");
    if (!indices) return nd__null_arg(fn, "indices");
    if (!out) return nd__null_arg(fn, "out");
    if (!take_args(fn, a, indices, &axis)) return nd_last_status();
    int nd;
    int64_t shape[ND_MAX_DIMS];
    if (!take_shape(fn, a, indices, axis, &nd, shape)) return nd_last_status();
    if (!nd__ix_check_writeable(fn, out)) return nd_last_status();
    bool same = out->ndim == nd;
    for (int i = 0; same && i < nd; i++) same = out->shape[i] == shape[i];
    if (!same) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_SHAPE, fn, "output shape %s does not match the result shape %s",
                         nd__shape_str(s1, sizeof s1, out->ndim, out->shape),
                         nd__shape_str(s2, sizeof s2, nd, shape));
    }
    if (!nd_can_cast(a->dtype, out->dtype, ND_CAST_SAME_KIND))
        return nd__error(ND_ERR_DTYPE, fn,
                         "cannot cast the result from %s to the output's %s (same_kind casting)",
                         nd__dtypes[a->dtype].name, nd__dtypes[out->dtype].name);
    int64_t *tab = take_table(fn, a, indices, axis);
    if (!tab) return nd_last_status();
    nd_status st = ND_OK;
    if (out->dtype == a->dtype && !nd_may_share_memory(out, a)) {
        take_gather(a, indices, axis, tab, out);
    } else {
        /* through a temporary: out is converted, or it overlaps a */
        nd_array *r = nd__alloc_array(fn, nd, shape, a->dtype);
        if (!r) {
            st = nd_last_status();
        } else {
            take_gather(a, indices, axis, tab, r);
            st = nd_copyto(out, r);
            nd_free(r);
        }
    }
    nd__ix_free(tab);
    return st;
}

nd_status nd_take_out(const nd_array *a, const nd_array *indices, int axis, nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_take_out", mark, take_out_body(a, indices, axis, out));
}

/* ------------------------------------------------------------ put */

static nd_status put_body(nd_array *a, const nd_array *indices, const nd_array *values) {
    static const char fn[] = "nd_put";
    if (!a) return nd__null_arg(fn, "a");
    if (!indices) return nd__null_arg(fn, "indices");
    if (!values) return nd__null_arg(fn, "values");
    if (!nd__ix_check_writeable(fn, a) || !nd__ix_check_index_dtype(fn, indices))
        return nd_last_status();
    int64_t *tab = take_table(fn, a, indices, ND_AXIS_NONE);
    if (!tab) return nd_last_status();
    /* a converted copy: values may overlap a */
    nd_array *v = nd_astype(values, a->dtype);
    if (!v) {
        nd__ix_free(tab);
        return nd_last_status();
    }
    size_t isz = nd__itemsize(a->dtype);
    int64_t nv = v->size;
    /* NumPy puts nothing when values is empty; the indices were still checked */
    if (nv > 0)
        for (int64_t j = 0, k = 0; j < indices->size; j++) {
            nd__ix_copy_elem(a->data + tab[j], v->data + (size_t)k * isz, isz);
            if (++k == nv) k = 0;
        }
    nd_free(v);
    nd__ix_free(tab);
    return ND_OK;
}

nd_status nd_put(nd_array *a, const nd_array *indices, const nd_array *values) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_put", mark, put_body(a, indices, values));
}

/* ------------------------------------------------------------ along an axis */

/* The geometry shared by take_along_axis and put_along_axis: the result
 * shape (a and indices broadcast on every axis but axis, which has the
 * indices' length), the table of offsets along axis and a's steps. With
 * ND_AXIS_NONE the indices are 1-D into the flattened array. */
typedef struct along_plan {
    int nd;
    int64_t shape[ND_MAX_DIMS];
    int64_t *table;
    int64_t a_step[ND_MAX_DIMS];
    int64_t tab_step[ND_MAX_DIMS];
} along_plan;

static bool along_plan_make(const char *fn, const nd_array *a, const nd_array *idx, int axis,
                            along_plan *p) {
    if (!nd__ix_check_index_dtype(fn, idx)) return false;
    if (axis == ND_AXIS_NONE) {
        if (idx->ndim != 1) {
            char s[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn,
                      "when axis is ND_AXIS_NONE, indices must have a single dimension (got shape %s)",
                      nd__shape_str(s, sizeof s, idx->ndim, idx->shape));
            return false;
        }
        p->nd = 1;
        p->shape[0] = idx->shape[0];
        p->a_step[0] = 0;
        p->tab_step[0] = 1;
        p->table = take_table(fn, a, idx, ND_AXIS_NONE);
        return p->table != NULL;
    }
    if (!nd__norm_axis_flat(fn, &axis, a->ndim)) return false;
    if (idx->ndim != a->ndim) {
        nd__error(ND_ERR_SHAPE, fn,
                  "`indices` and `arr` must have the same number of dimensions (%d and %d)",
                  idx->ndim, a->ndim);
        return false;
    }
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    p->nd = a->ndim;
    for (int d = 0; d < a->ndim; d++) {
        int64_t n = a->shape[d], m = idx->shape[d];
        if (d == axis || n == m || n == 1) {
            p->shape[d] = m;
        } else if (m == 1) {
            p->shape[d] = n;
        } else {
            char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn,
                      "shape mismatch: indices of shape %s cannot be broadcast against an array "
                      "of shape %s on the axes other than %d",
                      nd__shape_str(s1, sizeof s1, idx->ndim, idx->shape),
                      nd__shape_str(s2, sizeof s2, a->ndim, a->shape), axis);
            return false;
        }
        p->a_step[d] = (d == axis || n == 1) ? 0 : a->strides[d] * isz;
    }
    int64_t n = nd__ix_count(p->nd, p->shape);
    nd__ix_c_steps(p->nd, p->shape, 1, p->tab_step);
    p->table = nd__ix_alloc(fn, n, sizeof(int64_t));
    if (!p->table) return false;
    if (!nd__ix_load_indices(fn, idx, p->nd, p->shape, a->shape[axis], axis,
                             a->strides[axis] * isz, false, p->table)) {
        nd__ix_free(p->table);
        p->table = NULL;
        return false;
    }
    return true;
}

nd_array *nd_take_along_axis(const nd_array *a, const nd_array *indices, int axis) {
    static const char fn[] = "nd_take_along_axis";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "indices", indices)) return NULL;
    along_plan p;
    if (!along_plan_make(fn, a, indices, axis, &p)) return NULL;
    nd_array *r = nd__ix_gather_new(fn, a, p.nd, p.shape, p.table, p.a_step, p.tab_step);
    nd__ix_free(p.table);
    return r;
}

static nd_status put_along_axis_body(nd_array *a,
                                     const nd_array *indices,
                                     const nd_array *values,
                                     int axis) {
    static const char fn[] = "nd_put_along_axis";
    if (!a) return nd__null_arg(fn, "a");
    if (!indices) return nd__null_arg(fn, "indices");
    if (!values) return nd__null_arg(fn, "values");
    if (!nd__ix_check_writeable(fn, a)) return nd_last_status();
    along_plan p;
    if (!along_plan_make(fn, a, indices, axis, &p)) return nd_last_status();
    nd_status st = nd__ix_scatter(fn, a, values, p.nd, p.shape, p.table, p.a_step, p.tab_step);
    nd__ix_free(p.table);
    return st;
}

nd_status nd_put_along_axis(nd_array *a,
                            const nd_array *indices,
                            const nd_array *values,
                            int axis) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_put_along_axis", mark, put_along_axis_body(a, indices, values, axis));
}

/* ------------------------------------------------------------ compress */

static nd_array *compress_body(const nd_array *cond, const nd_array *a, int axis) {
    static const char fn[] = "nd_compress";
    if (!nd__check_array(fn, "cond", cond) || !nd__check_array(fn, "a", a)) return NULL;
    if (cond->ndim != 1) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "condition must be a 1-d array (got shape %s)",
                  nd__shape_str(s, sizeof s, cond->ndim, cond->shape));
        return NULL;
    }
    if (axis != ND_AXIS_NONE && !nd__norm_axis_flat(fn, &axis, a->ndim)) return NULL;
    /* NumPy's rule: a shorter condition selects among the first entries
     * only; a longer one may not be true past the end */
    nd_array *idx = nd_flatnonzero(cond);
    if (!idx) return NULL;
    nd_array *r = take_new(fn, a, idx, axis);
    nd_free(idx);
    return r;
}

nd_array *nd_compress(const nd_array *cond, const nd_array *a, int axis) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_compress", mark, compress_body(cond, a, axis));
}

/* ------------------------------------------------------------ choose */

/* Broadcasts x's shape into (nd, shape), NumPy's rule; false on mismatch. */
static bool bcast_into(int *nd, int64_t *shape, const nd_array *x) {
    if (x->ndim > *nd) {
        int add = x->ndim - *nd;
        memmove(shape + add, shape, sizeof(int64_t) * (size_t)*nd);
        for (int i = 0; i < add; i++) shape[i] = 1;
        *nd = x->ndim;
    }
    int off = *nd - x->ndim;
    for (int i = 0; i < x->ndim; i++) {
        int64_t s = x->shape[i], r = shape[off + i];
        if (s == r || s == 1) continue;
        if (r != 1) return false;
        shape[off + i] = s;
    }
    return true;
}

static nd_array *choose_body(const nd_array *indices, int n, const nd_array *const *choices) {
    static const char fn[] = "nd_choose";
    if (!nd__check_array(fn, "indices", indices)) return NULL;
    if (n < 1) {
        nd__error(ND_ERR_VALUE, fn, "at least one choice is needed (got %d)", n);
        return NULL;
    }
    if (!choices) {
        nd__null_arg(fn, "choices");
        return NULL;
    }
    if (!nd__check_arrays(fn, "choices", n, choices)) return NULL;
    if (!nd__ix_check_index_dtype(fn, indices)) return NULL;

    nd__promo promo = ND__PROMO_INIT; /* NumPy's n-ary result_type of the choices */
    int nd = indices->ndim;
    int64_t shape[ND_MAX_DIMS];
    memcpy(shape, indices->shape, sizeof(int64_t) * (size_t)nd);
    for (int k = 0; k < n; k++) {
        nd__promo_add(&promo, choices[k]->dtype);
        if (!bcast_into(&nd, shape, choices[k])) {
            char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn,
                      "shape mismatch: objects cannot be broadcast to a single shape (choice %d "
                      "has shape %s, the shapes before it broadcast to %s)",
                      k, nd__shape_str(s1, sizeof s1, choices[k]->ndim, choices[k]->shape),
                      nd__shape_str(s2, sizeof s2, nd, shape));
            return NULL;
        }
    }
    nd_dtype dt = nd__promo_result(&promo);
    int64_t total = nd__ix_count(nd, shape);

    /* which choice each element takes, checked: NumPy's mode='raise'
     * accepts 0..n-1 only, negative entries included */
    int64_t *which = nd__ix_alloc(fn, total, sizeof(int64_t));
    const nd_array **src = nd__ix_alloc(fn, n, sizeof(*src));
    nd_array **conv = nd__ix_alloc(fn, n, sizeof(*conv));
    int64_t *steps = nd__ix_alloc(fn, (int64_t)n * (nd ? nd : 1), sizeof(int64_t));
    nd_array *r = NULL;
    if (conv)
        for (int k = 0; k < n; k++) conv[k] = NULL;
    if (!which || !src || !conv || !steps) goto done;
    {
        /* an empty broadcast still checks every entry of indices, on its own */
        bool empty = total == 0;
        int cnd = empty ? indices->ndim : nd;
        const int64_t *cshape = empty ? indices->shape : shape;
        int64_t count = empty ? indices->size : total;
        int64_t isteps[ND_MAX_DIMS];
        nd__ix_bcast_steps(indices, cnd, isteps);
        nd_ix_cursor c;
        nd__ix_cursor_init(&c, indices->data, cnd, cshape, isteps);
        for (int64_t j = 0; j < count; j++, nd__ix_cursor_next(&c)) {
            int64_t v;
            bool fits = nd__ix_as_i64(indices->dtype, c.p, &v);
            if (!fits || v < 0 || v >= n) {
                if (fits) {
                    nd__error(ND_ERR_INDEX, fn,
                              "invalid entry in choice array: %lld is not in [0, %d)", (long long)v, n);
                } else { /* a uint64 above INT64_MAX */
                    uint64_t u;
                    memcpy(&u, c.p, sizeof u);
                    nd__error(ND_ERR_INDEX, fn, "invalid entry in choice array: %llu is not in [0, %d)",
                              (unsigned long long)u, n);
                }
                goto done;
            }
            if (!empty) which[j] = v;
        }
    }
    for (int k = 0; k < n; k++) {
        src[k] = choices[k];
        if (choices[k]->dtype != dt) {
            conv[k] = nd_astype(choices[k], dt);
            if (!conv[k]) goto done;
            src[k] = conv[k];
        }
        nd__ix_bcast_steps(src[k], nd, steps + (int64_t)k * nd);
    }
    r = nd__alloc_array(fn, nd, shape, dt);
    if (!r) goto done;
    {
        size_t isz = nd__itemsize(dt);
        int64_t idx[ND_MAX_DIMS] = {0};
        for (int64_t j = 0; j < total; j++) {
            const int64_t *st = steps + which[j] * nd;
            int64_t off = 0;
            for (int d = 0; d < nd; d++) off += idx[d] * st[d];
            nd__ix_copy_elem(r->data + (size_t)j * isz, src[which[j]]->data + off, isz);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }
done:
    if (conv)
        for (int k = 0; k < n; k++) nd_free(conv[k]);
    nd__ix_free(which);
    nd__ix_free((void *)src);
    nd__ix_free(conv);
    nd__ix_free(steps);
    return r;
}

nd_array *nd_choose(const nd_array *indices, int n, const nd_array *const *choices) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_choose", mark, choose_body(indices, n, choices));
}

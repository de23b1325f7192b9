/* Boolean masks and nonzero positions: extract (a[mask]), place
 * (a[mask] = values), nonzero, argwhere and flatnonzero. Any dtype serves
 * as a mask: nonzero elements (NaN included) are true. Positions are
 * visited in C order, as NumPy does. */
#include "ops/index_util.h"

static int64_t count_true(const nd_array *a) {
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, a);
    int64_t n = 0;
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&c)) n += nd__ix_truthy(a->dtype, c.p);
    return n;
}

/* mask must have a's shape (a[mask] with a full mask). */
static bool check_mask_shape(const char *fn, const nd_array *mask, const nd_array *a) {
    if (mask->ndim != a->ndim) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "mask of shape %s does not match array of shape %s",
                  nd__shape_str(s1, sizeof s1, mask->ndim, mask->shape),
                  nd__shape_str(s2, sizeof s2, a->ndim, a->shape));
        return false;
    }
    for (int d = 0; d < a->ndim; d++)
        if (mask->shape[d] != a->shape[d]) {
            nd__error(ND_ERR_SHAPE, fn,
                      "boolean index did not match indexed array along dimension %d; dimension is "
                      "%lld but corresponding boolean dimension is %lld",
                      d, (long long)a->shape[d], (long long)mask->shape[d]);
            return false;
        }
    return true;
}

nd_array *nd_extract(const nd_array *mask, const nd_array *a) {
    static const char fn[] = "nd_extract";
    if (!nd__check_array(fn, "mask", mask) || !nd__check_array(fn, "a", a)) return NULL;
    if (!check_mask_shape(fn, mask, a)) return NULL;
    int64_t n = count_true(mask);
    nd_array *r = nd__alloc_array(fn, 1, &n, a->dtype);
    if (!r) return NULL;
    size_t isz = nd__itemsize(a->dtype);
    nd_ix_cursor cm, ca;
    nd__ix_cursor_of(&cm, mask);
    nd__ix_cursor_of(&ca, a);
    char *o = r->data;
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&cm), nd__ix_cursor_next(&ca))
        if (nd__ix_truthy(mask->dtype, cm.p)) {
            nd__ix_copy_elem(o, ca.p, isz);
            o += isz;
        }
    return r;
}

static nd_status place_body(nd_array *a, const nd_array *mask, const nd_array *values) {
    static const char fn[] = "nd_place";
    if (!a) return nd__null_arg(fn, "a");
    if (!mask) return nd__null_arg(fn, "mask");
    if (!values) return nd__null_arg(fn, "values");
    if (!nd__ix_check_writeable(fn, a) || !check_mask_shape(fn, mask, a)) return nd_last_status();
    int64_t n = count_true(mask);
    if (n == 0) return ND_OK;
    if (values->size == 0)
        return nd__error(ND_ERR_VALUE, fn,
                         "Cannot insert from an empty array! (%lld elements to place)", (long long)n);
    /* values flattened in C order and converted; a copy, so values and mask
     * may overlap a */
    nd_array *v = nd_astype(values, a->dtype);
    if (!v) return nd_last_status();
    nd_array *m = NULL;
    if (nd_may_share_memory(mask, a)) {
        m = nd_copy(mask);
        if (!m) {
            nd_free(v);
            return nd_last_status();
        }
        mask = m;
    }
    size_t isz = nd__itemsize(a->dtype);
    nd_ix_cursor cm, ca;
    nd__ix_cursor_of(&cm, mask);
    nd__ix_cursor_of(&ca, a);
    int64_t k = 0;
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&cm), nd__ix_cursor_next(&ca))
        if (nd__ix_truthy(mask->dtype, cm.p)) {
            nd__ix_copy_elem(ca.p, v->data + (size_t)k * isz, isz);
            if (++k == v->size) k = 0;
        }
    nd_free(m);
    nd_free(v);
    return ND_OK;
}

nd_status nd_place(nd_array *a, const nd_array *mask, const nd_array *values) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_place", mark, place_body(a, mask, values));
}

nd_status nd_nonzero(const nd_array *a, nd_array **out) {
    static const char fn[] = "nd_nonzero";
    if (!a) return nd__null_arg(fn, "a");
    if (!out) return nd__null_arg(fn, "out");
    int64_t n = count_true(a);
    /* a 0-d array counts as 1-D, as np.atleast_1d(a).nonzero() */
    int nout = a->ndim ? a->ndim : 1;
    nd_array *res[ND_MAX_DIMS] = {0};
    for (int d = 0; d < nout; d++) {
        res[d] = nd__alloc_array(fn, 1, &n, ND_INT64);
        if (!res[d]) {
            for (int k = 0; k < d; k++) nd_free(res[k]);
            return nd_last_status();
        }
    }
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, a);
    int64_t i = 0;
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&c)) {
        if (!nd__ix_truthy(a->dtype, c.p)) continue;
        if (a->ndim == 0) ((int64_t *)res[0]->data)[i] = 0;
        for (int d = 0; d < a->ndim; d++) ((int64_t *)res[d]->data)[i] = c.idx[d];
        i++;
    }
    for (int d = 0; d < nout; d++) out[d] = res[d];
    return ND_OK;
}

nd_array *nd_argwhere(const nd_array *a) {
    static const char fn[] = "nd_argwhere";
    if (!nd__check_array(fn, "a", a)) return NULL;
    /* (count, ndim); a 0-d array gives (count, 0) as NumPy */
    int64_t shape[2] = {count_true(a), a->ndim};
    nd_array *r = nd__alloc_array(fn, 2, shape, ND_INT64);
    if (!r) return NULL;
    int64_t *o = (int64_t *)r->data;
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, a);
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&c)) {
        if (!nd__ix_truthy(a->dtype, c.p)) continue;
        for (int d = 0; d < a->ndim; d++) *o++ = c.idx[d];
    }
    return r;
}

nd_array *nd_flatnonzero(const nd_array *a) {
    static const char fn[] = "nd_flatnonzero";
    if (!nd__check_array(fn, "a", a)) return NULL;
    int64_t n = count_true(a);
    nd_array *r = nd__alloc_array(fn, 1, &n, ND_INT64);
    if (!r) return NULL;
    int64_t *o = (int64_t *)r->data;
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, a);
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&c))
        if (nd__ix_truthy(a->dtype, c.p)) *o++ = j;
    return r;
}

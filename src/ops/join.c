/* Joining and splitting: concatenate (and its _out variant), stack, hstack,
 * vstack, dstack; split, array_split and split_at. A join validates every
 * input, then copies each one into its own slice of the result through the
 * element-wise engine; a split returns views. */
#include "ops/manip_util.h"

#include <stdio.h>

/* ------------------------------------------------------------ joins */

/* The inputs of a join as the join sees them: hstack, vstack and dstack
 * join atleast_nd views of their inputs, made here on the fly. */
typedef struct join_in {
    const nd_array *const *arrays;
    int n;
    int atleast; /* 0, or 1..3 for atleast_nd geometry */
} join_in;

/* Input i with the geometry the join uses; v is scratch for a temp view. */
static const nd_array *join_get(const join_in *in, int i, nd_array *v) {
    const nd_array *a = in->arrays[i];
    if (!in->atleast) return a;
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    int nd = nd__atleast_geometry(a, in->atleast, shape, strides);
    nd__temp_view(v, a, a->data, nd, shape, strides);
    return v;
}

/* The checks every join starts with: a count of at least one, no NULL. */
static bool check_inputs(const char *fn, int n, const nd_array *const *arrays, const char *what) {
    if (!arrays && n > 0) {
        nd__null_arg(fn, "arrays");
        return false;
    }
    if (!nd__check_arrays(fn, "arrays", n, arrays)) return false;
    if (n <= 0) {
        nd__error(ND_ERR_VALUE, fn, "need at least one array to %s", what);
        return false;
    }
    return true;
}

/* NumPy's n-ary result_type of the inputs (not a pairwise fold). */
static nd_dtype join_dtype(const join_in *in) {
    nd__promo p = ND__PROMO_INIT;
    for (int i = 0; i < in->n; i++) nd__promo_add(&p, in->arrays[i]->dtype);
    return nd__promo_result(&p);
}

/* Checks a concatenation along *axis (normalised in place; ND_AXIS_NONE
 * joins the flattened inputs) and gives the result's shape. */
static bool concat_shape(const char *fn, const join_in *in, int *axis, int *ndim, int64_t *shape) {
    nd_array v0, vi;
    const nd_array *a0 = join_get(in, 0, &v0);
    if (*axis == ND_AXIS_NONE) {
        int64_t total = 0;
        for (int i = 0; i < in->n; i++) {
            if (nd__add_overflow(total, in->arrays[i]->size, &total)) {
                nd__error(ND_ERR_OVERFLOW, fn, "the total size of the inputs overflows");
                return false;
            }
        }
        *ndim = 1;
        shape[0] = total;
        return true;
    }
    if (a0->ndim == 0) {
        nd__error(ND_ERR_VALUE, fn, "zero-dimensional arrays cannot be concatenated");
        return false;
    }
    if (!nd__norm_axis_flat(fn, axis, a0->ndim)) return false;
    *ndim = a0->ndim;
    memcpy(shape, a0->shape, sizeof(int64_t) * (size_t)a0->ndim);
    for (int i = 1; i < in->n; i++) {
        const nd_array *a = join_get(in, i, &vi);
        if (a->ndim != a0->ndim) {
            nd__error(ND_ERR_SHAPE, fn,
                      "all the input arrays must have same number of dimensions, but the array at "
                      "index 0 has %d dimension(s) and the array at index %d has %d dimension(s)",
                      a0->ndim, i, a->ndim);
            return false;
        }
        for (int d = 0; d < a->ndim; d++) {
            if (d == *axis || a->shape[d] == a0->shape[d]) continue;
            nd__error(ND_ERR_SHAPE, fn,
                      "all the input array dimensions except for the concatenation axis must match "
                      "exactly, but along dimension %d, the array at index 0 has size %lld and the "
                      "array at index %d has size %lld",
                      d, (long long)a0->shape[d], i, (long long)a->shape[d]);
            return false;
        }
        if (nd__add_overflow(shape[*axis], a->shape[*axis], &shape[*axis])) {
            nd__error(ND_ERR_OVERFLOW, fn, "the result's length along axis %d overflows", *axis);
            return false;
        }
    }
    return true;
}

/* Where input i goes in out: the slice of out along axis (or, for
 * ND_AXIS_NONE, the run of out's flat elements viewed with a's shape). */
static void concat_target(const nd_array *out, const nd_array *a, int axis, int64_t offset,
                          nd_array *t) {
    int64_t isz = (int64_t)nd__itemsize(out->dtype);
    if (axis == ND_AXIS_NONE) {
        /* out is 1-D: a run of it reshapes to any shape of that size, its
         * C strides scaled by out's stride */
        int64_t strides[ND_MAX_DIMS];
        nd__c_strides(a->ndim, a->shape, strides);
        for (int d = 0; d < a->ndim; d++) strides[d] *= out->strides[0];
        const char *data = a->size ? out->data + offset * out->strides[0] * isz : out->data;
        nd__temp_view(t, out, data, a->ndim, a->shape, strides);
        return;
    }
    int64_t shape[ND_MAX_DIMS];
    memcpy(shape, out->shape, sizeof(int64_t) * (size_t)out->ndim);
    shape[axis] = a->shape[axis];
    const char *data = a->size ? out->data + offset * out->strides[axis] * isz : out->data;
    nd__temp_view(t, out, data, out->ndim, shape, out->strides);
}

static int64_t concat_len(const nd_array *a, int axis) {
    return axis == ND_AXIS_NONE ? a->size : a->shape[axis];
}

/* True when a's elements are exactly those of t, in the same places. */
static bool same_elements(const nd_array *a, const nd_array *t) {
    if (a->data != t->data || a->dtype != t->dtype || a->ndim != t->ndim) return false;
    for (int d = 0; d < a->ndim; d++)
        if (a->shape[d] != t->shape[d] || (a->shape[d] > 1 && a->strides[d] != t->strides[d]))
            return false;
    return true;
}

/* Copies the inputs into out (validated). An input that shares memory with
 * out, other than being exactly its own target, is copied before anything
 * is written, so the result is as if every input had been copied first
 * (NumPy instead lets an earlier write clobber a later input). */
static nd_status concat_fill(const char *fn, const join_in *in, int axis, nd_array *out) {
    nd_array **tmp = NULL;
    nd_status st = ND_OK;
    int64_t offset = 0;
    nd_array v, t;
    for (int i = 0; i < in->n && st == ND_OK; i++) {
        const nd_array *a = join_get(in, i, &v);
        concat_target(out, a, axis, offset, &t);
        offset += concat_len(a, axis);
        if (a->size == 0 || !nd_may_share_memory(a, out) || same_elements(a, &t)) continue;
        if (!tmp) {
            tmp = nd__alloc(sizeof(nd_array *) * (size_t)in->n, 64);
            if (!tmp) return nd__error(ND_ERR_NOMEM, fn, "out of memory");
            memset(tmp, 0, sizeof(nd_array *) * (size_t)in->n);
        }
        tmp[i] = nd_copy(a);
        if (!tmp[i]) st = nd__error(ND_ERR_NOMEM, fn, "out of memory copying an input that overlaps the output");
    }
    offset = 0;
    for (int i = 0; i < in->n && st == ND_OK; i++) {
        const nd_array *a = join_get(in, i, &v);
        concat_target(out, a, axis, offset, &t);
        offset += concat_len(a, axis);
        if (tmp && tmp[i]) a = tmp[i];
        else if (a->size == 0 || same_elements(a, &t)) continue;
        st = nd__assign(fn, &t, a);
    }
    if (tmp) {
        for (int i = 0; i < in->n; i++) nd_free(tmp[i]);
        nd__dealloc(tmp);
    }
    return st;
}

static nd_array *concat_new(const char *fn, const join_in *in, int axis) {
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    if (!concat_shape(fn, in, &axis, &ndim, shape)) return NULL;
    nd_array *r = nd__alloc_array(fn, ndim, shape, join_dtype(in));
    if (!r) return NULL;
    if (concat_fill(fn, in, axis, r) != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

nd_array *nd_concatenate(int n, const nd_array *const *arrays, int axis) {
    static const char fn[] = "nd_concatenate";
    if (!check_inputs(fn, n, arrays, "concatenate")) return NULL;
    join_in in = {arrays, n, 0};
    return concat_new(fn, &in, axis);
}

nd_status nd_concatenate_out(int n, const nd_array *const *arrays, int axis, nd_array *out) {
    static const char fn[] = "nd_concatenate_out";
    if (!check_inputs(fn, n, arrays, "concatenate")) return nd_last_status();
    if (!out) return nd__null_arg(fn, "out");
    join_in in = {arrays, n, 0};
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    if (!concat_shape(fn, &in, &axis, &ndim, shape)) return nd_last_status();
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    if (axis == ND_AXIS_NONE && out->ndim != 1)
        return nd__error(ND_ERR_SHAPE, fn, "output array must be 1-D to join flattened arrays, not of shape %s",
                         nd__shape_str(s1, sizeof s1, out->ndim, out->shape));
    bool same = out->ndim == ndim;
    for (int d = 0; same && d < ndim; d++) same = out->shape[d] == shape[d];
    if (!same)
        return nd__error(ND_ERR_SHAPE, fn, "output array is the wrong shape: %s, the result has shape %s",
                         nd__shape_str(s1, sizeof s1, out->ndim, out->shape),
                         nd__shape_str(s2, sizeof s2, ndim, shape));
    for (int i = 0; i < n; i++)
        if (!nd_can_cast(arrays[i]->dtype, out->dtype, ND_CAST_SAME_KIND))
            return nd__error(ND_ERR_DTYPE, fn,
                             "cannot cast array data from %s to %s according to the rule 'same_kind' "
                             "(the array at index %d)",
                             nd_dtype_name(arrays[i]->dtype), nd_dtype_name(out->dtype), i);
    if (!nd__check_out(fn, out, ndim, shape)) return nd_last_status();
    return concat_fill(fn, &in, axis, out);
}

nd_array *nd_stack(int n, const nd_array *const *arrays, int axis) {
    static const char fn[] = "nd_stack";
    if (!check_inputs(fn, n, arrays, "stack")) return NULL;
    const nd_array *a0 = arrays[0];
    for (int i = 1; i < n; i++) {
        const nd_array *a = arrays[i];
        bool same = a->ndim == a0->ndim;
        for (int d = 0; same && d < a->ndim; d++) same = a->shape[d] == a0->shape[d];
        if (!same) {
            char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn,
                      "all input arrays must have the same shape, but the array at index 0 has shape "
                      "%s and the array at index %d has shape %s",
                      nd__shape_str(s1, sizeof s1, a0->ndim, a0->shape), i,
                      nd__shape_str(s2, sizeof s2, a->ndim, a->shape));
            return NULL;
        }
    }
    if (a0->ndim >= ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "cannot stack arrays of dimension %d: the result would exceed ND_MAX_DIMS (%d)",
                  a0->ndim, ND_MAX_DIMS);
        return NULL;
    }
    if (!nd__norm_axis(fn, &axis, a0->ndim + 1)) return NULL;
    int64_t shape[ND_MAX_DIMS];
    for (int d = 0, j = 0; d <= a0->ndim; d++) shape[d] = d == axis ? n : a0->shape[j++];
    join_in in = {arrays, n, 0};
    nd_array *r = nd__alloc_array(fn, a0->ndim + 1, shape, join_dtype(&in));
    if (!r) return NULL;
    /* input i goes to r[..., i, ...]: r with the new axis dropped */
    int64_t sh[ND_MAX_DIMS], st[ND_MAX_DIMS];
    for (int d = 0, j = 0; d <= a0->ndim; d++) {
        if (d == axis) continue;
        sh[j] = r->shape[d];
        st[j++] = r->strides[d];
    }
    int64_t isz = (int64_t)nd__itemsize(r->dtype);
    for (int i = 0; i < n && r->size > 0; i++) {
        nd_array t;
        nd__temp_view(&t, r, r->data + (int64_t)i * r->strides[axis] * isz, a0->ndim, sh, st);
        if (nd__assign(fn, &t, arrays[i]) != ND_OK) {
            nd_free(r);
            return NULL;
        }
    }
    return r;
}

nd_array *nd_hstack(int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_hstack";
    if (!check_inputs(fn, n, arrays, "concatenate")) return NULL;
    join_in in = {arrays, n, 1};
    /* NumPy: 1-D inputs (after atleast_1d) join along axis 0, others along 1 */
    nd_array v;
    return concat_new(fn, &in, join_get(&in, 0, &v)->ndim == 1 ? 0 : 1);
}

nd_array *nd_vstack(int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_vstack";
    if (!check_inputs(fn, n, arrays, "concatenate")) return NULL;
    join_in in = {arrays, n, 2};
    return concat_new(fn, &in, 0);
}

nd_array *nd_dstack(int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_dstack";
    if (!check_inputs(fn, n, arrays, "concatenate")) return NULL;
    join_in in = {arrays, n, 3};
    return concat_new(fn, &in, 2);
}

/* ------------------------------------------------------------ splits */

/* How the axis is cut: nsections parts of len / nsections, the first
 * len % nsections one longer (idx NULL), or at the given indices. */
typedef struct split_plan {
    int64_t len, nparts, each, extras;
    const int64_t *idx;
} split_plan;

/* A slice bound as CPython clamps it for step 1. */
static int64_t clamp_bound(int64_t v, int64_t len) {
    if (v < 0) {
        v += len; /* no overflow: len >= 0 */
        if (v < 0) v = 0;
    } else if (v > len) {
        v = len;
    }
    return v;
}

static void part_bounds(const split_plan *p, int64_t k, int64_t *start, int64_t *count) {
    int64_t b, e;
    if (!p->idx) {
        b = k * p->each + (k < p->extras ? k : p->extras);
        e = b + p->each + (k < p->extras);
    } else {
        /* a[idx[k-1]:idx[k]] with 0 before the first and len after the last */
        b = k == 0 ? 0 : clamp_bound(p->idx[k - 1], p->len);
        e = k == p->nparts - 1 ? p->len : clamp_bound(p->idx[k], p->len);
    }
    *start = b;
    *count = e > b ? e - b : 0;
}

/* Makes every part first, then hands them over: parts is untouched on error. */
static nd_status split_views(const char *fn, const nd_array *a, int axis, const split_plan *p,
                             nd_array **parts) {
    size_t bytes;
    if (__builtin_mul_overflow((uint64_t)p->nparts, sizeof(nd_array *), &bytes))
        return nd__error(ND_ERR_OVERFLOW, fn, "%lld parts are too many", (long long)p->nparts);
    nd_array **views = nd__alloc(bytes ? bytes : 1, 64);
    if (!views) return nd__error(ND_ERR_NOMEM, fn, "out of memory for %lld parts", (long long)p->nparts);
    int64_t shape[ND_MAX_DIMS];
    memcpy(shape, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    for (int64_t k = 0; k < p->nparts; k++) {
        int64_t start, count;
        part_bounds(p, k, &start, &count);
        shape[axis] = count;
        bool empty = count == 0;
        for (int d = 0; d < a->ndim; d++) empty |= shape[d] == 0;
        /* an empty part keeps the base's pointer, as empty slices do */
        char *data = empty ? a->data : a->data + start * a->strides[axis] * isz;
        views[k] = nd__make_view(fn, a, data, a->ndim, shape, a->strides);
        if (!views[k]) {
            for (int64_t j = 0; j < k; j++) nd_free(views[j]);
            nd__dealloc(views);
            return nd_last_status();
        }
    }
    memcpy(parts, views, bytes);
    nd__dealloc(views);
    return ND_OK;
}

static nd_status split_sections(const char *fn, const nd_array *a, int64_t nsections, int axis,
                                nd_array **parts, bool equal) {
    if (!a) return nd__null_arg(fn, "a");
    if (!parts) return nd__null_arg(fn, "parts");
    if (nsections <= 0)
        return nd__error(ND_ERR_VALUE, fn, "number sections must be larger than 0 (got %lld)",
                         (long long)nsections);
    if (!nd__norm_axis(fn, &axis, a->ndim)) return nd_last_status();
    split_plan p = {a->shape[axis], nsections, a->shape[axis] / nsections,
                    a->shape[axis] % nsections, NULL};
    if (equal && p.extras != 0)
        return nd__error(ND_ERR_VALUE, fn,
                         "array split does not result in an equal division: axis %d of length %lld "
                         "into %lld sections",
                         axis, (long long)p.len, (long long)nsections);
    return split_views(fn, a, axis, &p, parts);
}

nd_status nd_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts) {
    return split_sections("nd_split", a, nsections, axis, parts, true);
}

nd_status nd_array_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts) {
    return split_sections("nd_array_split", a, nsections, axis, parts, false);
}

nd_status nd_split_at(const nd_array *a, int nidx, const int64_t *indices, int axis,
                      nd_array **parts) {
    static const char fn[] = "nd_split_at";
    if (!a) return nd__null_arg(fn, "a");
    if (!parts) return nd__null_arg(fn, "parts");
    if (nidx < 0) return nd__error(ND_ERR_VALUE, fn, "negative index count %d", nidx);
    if (nidx > 0 && !indices) return nd__null_arg(fn, "indices");
    if (!nd__norm_axis(fn, &axis, a->ndim)) return nd_last_status();
    split_plan p = {a->shape[axis], (int64_t)nidx + 1, 0, 0, indices};
    /* part_bounds reads idx only when there are indices */
    static const int64_t none[1] = {0};
    if (nidx == 0) p.idx = none;
    return split_views(fn, a, axis, &p, parts);
}

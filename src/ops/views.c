/* Views: slicing, indexing one axis, axis permutations, reshape and ravel,
 * squeeze and expand_dims, broadcast_to, flip and diagonal. Each is an O(1)
 * new handle on the same buffer; only reshape and ravel copy, and only when
 * the strides leave no other way, as NumPy does. */
#include "core/core.h"

/* The geometry of a view under construction, edited in place by the helpers
 * below and turned into a handle by geom_view. */
typedef struct geom {
    int ndim;
    char *data;
    int64_t shape[ND_MAX_DIMS];
    int64_t strides[ND_MAX_DIMS];
    bool empty; /* of an empty array: data never moves (it may be NULL) */
} geom;

static void geom_of(const nd_array *a, geom *g) {
    g->ndim = a->ndim;
    g->data = a->data;
    g->empty = a->size == 0;
    for (int i = 0; i < a->ndim; i++) {
        g->shape[i] = a->shape[i];
        g->strides[i] = a->strides[i];
    }
}

static nd_array *geom_view(const char *fn, const nd_array *a, const geom *g) {
    char *data = g->data;
    /* An empty view may have been offset past the end of its memory (an
     * empty slice of an empty axis); it reads nothing, so keep the base's
     * pointer rather than carry one that points nowhere. */
    for (int i = 0; i < g->ndim; i++)
        if (g->shape[i] == 0) data = a->data;
    return nd__make_view(fn, a, data, g->ndim, g->shape, g->strides);
}

static void geom_remove_axis(geom *g, int axis) {
    for (int i = axis; i + 1 < g->ndim; i++) {
        g->shape[i] = g->shape[i + 1];
        g->strides[i] = g->strides[i + 1];
    }
    g->ndim--;
}

/* The caller has checked that g has room for one more axis. */
static void geom_insert_axis(geom *g, int axis, int64_t len, int64_t stride) {
    for (int i = g->ndim; i > axis; i--) {
        g->shape[i] = g->shape[i - 1];
        g->strides[i] = g->strides[i - 1];
    }
    g->shape[axis] = len;
    g->strides[axis] = stride;
    g->ndim++;
}

static int64_t itemsize_of(const nd_array *a) { return (int64_t)nd__itemsize(a->dtype); }

static nd_array *permuted_view(const char *fn, const nd_array *a, const int *perm) {
    geom g;
    g.ndim = a->ndim;
    g.data = a->data;
    g.empty = a->size == 0;
    for (int i = 0; i < a->ndim; i++) {
        g.shape[i] = a->shape[perm[i]];
        g.strides[i] = a->strides[perm[i]];
    }
    return geom_view(fn, a, &g);
}

static void identity_perm(int ndim, int *perm) {
    for (int i = 0; i < ndim; i++) perm[i] = i;
}

/* ------------------------------------------------------------ slicing */

/* One bound of a slice clamped as CPython's PySlice_AdjustIndices does. */
static int64_t slice_bound(int64_t v, int64_t len, int64_t step, bool is_start) {
    if (v == ND_NONE) {
        if (is_start) return step < 0 ? len - 1 : 0;
        return step < 0 ? -1 : len;
    }
    if (v < 0) {
        v += len;
        if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= len) {
        v = step < 0 ? len - 1 : len;
    }
    return v;
}

static bool geom_slice(const char *fn, geom *g, int axis, nd_slice_t s, int64_t isz) {
    int64_t step = s.step == ND_NONE ? 1 : s.step;
    if (step == 0) {
        nd__error(ND_ERR_VALUE, fn, "slice step cannot be zero (axis %d)", axis);
        return false;
    }
    int64_t len = g->shape[axis], stride = g->strides[axis];
    int64_t start = slice_bound(s.start, len, step, true);
    int64_t stop = slice_bound(s.stop, len, step, false);
    int64_t count;
    if (step > 0) count = start < stop ? (stop - start - 1) / step + 1 : 0;
    else count = stop < start ? (start - stop - 1) / -step + 1 : 0;
    /* start is a valid index only when something is selected */
    if (count > 0 && !g->empty) g->data += start * stride * isz;
    g->shape[axis] = count;
    /* With two or more elements |step| < len, so the product stays inside
     * the array's extent. With fewer the stride is never used, and a huge
     * step would make it overflow once scaled to bytes: keep the old one. */
    if (count > 1) g->strides[axis] = stride * step;
    return true;
}

nd_array *nd_slice(const nd_array *a, int nslices, const nd_slice_t *slices) {
    static const char fn[] = "nd_slice";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (nslices < 0) {
        nd__error(ND_ERR_VALUE, fn, "negative slice count %d", nslices);
        return NULL;
    }
    if (nslices > a->ndim) {
        nd__error(ND_ERR_INDEX, fn,
                  "too many indices for array: array is %d-dimensional, but %d were indexed", a->ndim,
                  nslices);
        return NULL;
    }
    if (nslices > 0 && !slices) {
        nd__null_arg(fn, "slices");
        return NULL;
    }
    geom g;
    geom_of(a, &g);
    for (int i = 0; i < nslices; i++)
        if (!geom_slice(fn, &g, i, slices[i], itemsize_of(a))) return NULL;
    return geom_view(fn, a, &g);
}

nd_array *nd_slice_axis(const nd_array *a, int axis, int64_t start, int64_t stop, int64_t step) {
    static const char fn[] = "nd_slice_axis";
    if (!nd__check_array(fn, "a", a) || !nd__norm_axis(fn, &axis, a->ndim)) return NULL;
    geom g;
    geom_of(a, &g);
    nd_slice_t s = {start, stop, step};
    if (!geom_slice(fn, &g, axis, s, itemsize_of(a))) return NULL;
    return geom_view(fn, a, &g);
}

nd_array *nd_index(const nd_array *a, int axis, int64_t i) {
    static const char fn[] = "nd_index";
    if (!nd__check_array(fn, "a", a) || !nd__norm_axis(fn, &axis, a->ndim)) return NULL;
    int64_t len = a->shape[axis];
    int64_t j = i < 0 ? i + len : i;
    if (j < 0 || j >= len) {
        nd__error(ND_ERR_INDEX, fn, "index %lld is out of bounds for axis %d with size %lld",
                  (long long)i, axis, (long long)len);
        return NULL;
    }
    geom g;
    geom_of(a, &g);
    if (!g.empty) g.data += j * g.strides[axis] * itemsize_of(a);
    geom_remove_axis(&g, axis);
    return geom_view(fn, a, &g);
}

/* ------------------------------------------------------------ permutations */

nd_array *nd_transpose(const nd_array *a, const int *axes) {
    static const char fn[] = "nd_transpose";
    if (!nd__check_array(fn, "a", a)) return NULL;
    int perm[ND_MAX_DIMS];
    bool seen[ND_MAX_DIMS];
    if (!axes) {
        for (int i = 0; i < a->ndim; i++) perm[i] = a->ndim - 1 - i;
    } else if (!nd__norm_axes(fn, a->ndim, a->ndim, axes, perm, seen)) {
        return NULL;
    }
    return permuted_view(fn, a, perm);
}

nd_array *nd_swapaxes(const nd_array *a, int axis1, int axis2) {
    static const char fn[] = "nd_swapaxes";
    if (!nd__check_array(fn, "a", a) || !nd__norm_axis(fn, &axis1, a->ndim) ||
        !nd__norm_axis(fn, &axis2, a->ndim))
        return NULL;
    int perm[ND_MAX_DIMS];
    identity_perm(a->ndim, perm);
    perm[axis1] = axis2;
    perm[axis2] = axis1;
    return permuted_view(fn, a, perm);
}

nd_array *nd_moveaxis(const nd_array *a, int source, int destination) {
    static const char fn[] = "nd_moveaxis";
    if (!nd__check_array(fn, "a", a) || !nd__norm_axis(fn, &source, a->ndim) ||
        !nd__norm_axis(fn, &destination, a->ndim))
        return NULL;
    /* the other axes keep their order around source's new place */
    int perm[ND_MAX_DIMS], n = 0;
    for (int i = 0; i < a->ndim; i++) {
        if (n == destination) perm[n++] = source;
        if (i != source) perm[n++] = i;
    }
    if (n == destination) perm[n++] = source;
    return permuted_view(fn, a, perm);
}

/* ------------------------------------------------------------ reshape */

static bool reshape_mismatch(const char *fn, const nd_array *a, int ndim, const int64_t *shape) {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    nd__error(ND_ERR_SHAPE, fn, "cannot reshape array of shape %s (size %lld) into shape %s",
              nd__shape_str(s1, sizeof s1, a->ndim, a->shape), (long long)a->size,
              nd__shape_str(s2, sizeof s2, ndim, shape));
    return false;
}

/* Copies shape into out with its one -1 (if any) worked out from a's size.
 * Only -1 means "unknown": NumPy also takes other negative values for it. */
static bool resolve_shape(const char *fn, const nd_array *a, int ndim, const int64_t *shape,
                          int64_t *out) {
    if (!nd__check_shape_arg(fn, ndim, shape)) return false;
    int unknown = -1;
    int64_t known = 1;
    bool overflow = false;
    for (int i = 0; i < ndim; i++) {
        out[i] = shape[i];
        if (shape[i] == -1 && unknown < 0) {
            unknown = i;
        } else if (shape[i] == -1) {
            char s[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_VALUE, fn, "can only specify one unknown dimension (-1), in shape %s",
                      nd__shape_str(s, sizeof s, ndim, shape));
            return false;
        } else if (shape[i] < 0) {
            char s[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_VALUE, fn, "negative dimension %lld in shape %s", (long long)shape[i],
                      nd__shape_str(s, sizeof s, ndim, shape));
            return false;
        } else if (nd__mul_overflow(known, shape[i], &known)) {
            overflow = true;
        }
    }
    if (overflow) return reshape_mismatch(fn, a, ndim, shape);
    if (unknown >= 0) {
        if (known == 0 || a->size % known != 0) return reshape_mismatch(fn, a, ndim, shape);
        out[unknown] = a->size / known;
    } else if (known != a->size) {
        return reshape_mismatch(fn, a, ndim, shape);
    }
    return true;
}

/* NumPy's _attempt_nocopy_reshape for C order: strides for a non-empty array
 * reshaped to shape (same size) without moving data, or false if there are
 * none. Old axes of length 1 are dropped; then the old and the new axes are
 * cut into the shortest groups of equal size, and a group of old axes can be
 * respread over new ones only if it is itself laid out contiguously (each
 * axis's stride is the next one's stride times its length). */
static bool nocopy_strides(const nd_array *a, int ndim, const int64_t *shape, int64_t *strides) {
    int64_t odims[ND_MAX_DIMS], ostrides[ND_MAX_DIMS];
    int ond = 0;
    for (int i = 0; i < a->ndim; i++) {
        if (a->shape[i] == 1) continue;
        odims[ond] = a->shape[i];
        ostrides[ond] = a->strides[i];
        ond++;
    }
    int oi = 0, oj = 1, ni = 0, nj = 1;
    while (ni < ndim && oi < ond) {
        int64_t np = shape[ni], op = odims[oi];
        while (np != op) {
            /* equal total sizes with no zero keep these in range; the
             * checks guard against an invariant broken elsewhere */
            if (np < op) {
                if (nj >= ndim || nd__mul_overflow(np, shape[nj++], &np)) return false;
            } else {
                if (oj >= ond || nd__mul_overflow(op, odims[oj++], &op)) return false;
            }
        }
        for (int k = oi; k < oj - 1; k++) {
            int64_t whole;
            if (nd__mul_overflow(odims[k + 1], ostrides[k + 1], &whole) || ostrides[k] != whole)
                return false;
        }
        strides[nj - 1] = ostrides[oj - 1];
        for (int k = nj - 1; k > ni; k--)
            if (nd__mul_overflow(strides[k], shape[k], &strides[k - 1])) return false;
        ni = nj++;
        oi = oj++;
    }
    /* trailing new axes of length 1 */
    int64_t last = ni >= 1 ? strides[ni - 1] : 1;
    for (int k = ni; k < ndim; k++) strides[k] = last;
    return true;
}

static nd_array *reshape(const char *fn, const nd_array *a, int ndim, const int64_t *shape,
                         bool allow_copy) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    int64_t sh[ND_MAX_DIMS], st[ND_MAX_DIMS];
    if (!resolve_shape(fn, a, ndim, shape, sh)) return NULL;
    /* empty arrays count as C-contiguous */
    if (a->flags & ND_FLAG_C) {
        nd__c_strides(ndim, sh, st);
        return nd__make_view(fn, a, a->data, ndim, sh, st);
    }
    if (nocopy_strides(a, ndim, sh, st)) return nd__make_view(fn, a, a->data, ndim, sh, st);
    if (!allow_copy) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP], s3[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_VALUE, fn,
                  "cannot reshape array of shape %s and strides %s into shape %s without copying",
                  nd__shape_str(s1, sizeof s1, a->ndim, a->shape),
                  nd__shape_str(s2, sizeof s2, a->ndim, a->strides),
                  nd__shape_str(s3, sizeof s3, ndim, sh));
        return NULL;
    }
    nd_array *c = nd_copy(a);
    if (!c) {
        nd__reraise(fn);
        return NULL;
    }
    /* the copy is new and ours alone, so it is reshaped in place */
    c->ndim = ndim;
    if (ndim) memcpy(c->shape, sh, sizeof(int64_t) * (size_t)ndim);
    nd__c_strides(ndim, sh, c->strides);
    nd__update_flags(c);
    return c;
}

nd_array *nd_reshape(const nd_array *a, int ndim, const int64_t *shape) {
    return reshape("nd_reshape", a, ndim, shape, true);
}

nd_array *nd_reshape_view(const nd_array *a, int ndim, const int64_t *shape) {
    return reshape("nd_reshape_view", a, ndim, shape, false);
}

/* A view whenever reshape(-1) gives one. NumPy's ravel copies every array
 * that is not C-contiguous, even a[::2], which can be viewed. */
nd_array *nd_ravel(const nd_array *a) {
    const int64_t flat = -1;
    return reshape("nd_ravel", a, 1, &flat, true);
}

/* ------------------------------------------------------------ adding and removing axes */

nd_array *nd_squeeze(const nd_array *a, int naxes, const int *axes) {
    static const char fn[] = "nd_squeeze";
    if (!nd__check_array(fn, "a", a)) return NULL;
    int norm[ND_MAX_DIMS];
    bool drop[ND_MAX_DIMS];
    if (!nd__check_naxes(fn, naxes, axes, true)) return NULL;
    if (naxes == ND_ALL_AXES) {
        for (int i = 0; i < a->ndim; i++) drop[i] = a->shape[i] == 1;
    } else {
        if (!nd__norm_axes(fn, a->ndim, naxes, axes, norm, drop)) return NULL;
        for (int i = 0; i < naxes; i++) {
            if (a->shape[norm[i]] != 1) {
                nd__error(ND_ERR_VALUE, fn,
                          "cannot select an axis to squeeze out which has size not equal to one "
                          "(axis %d has size %lld)",
                          axes[i], (long long)a->shape[norm[i]]);
                return NULL;
            }
        }
    }
    geom g;
    geom_of(a, &g);
    for (int i = a->ndim - 1; i >= 0; i--)
        if (drop[i]) geom_remove_axis(&g, i);
    return geom_view(fn, a, &g);
}

nd_array *nd_expand_dims(const nd_array *a, int axis) {
    static const char fn[] = "nd_expand_dims";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim >= ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "cannot add an axis to an array of dimension %d (ND_MAX_DIMS)",
                  a->ndim);
        return NULL;
    }
    /* the axis names a position in the result, as in NumPy */
    if (!nd__norm_axis(fn, &axis, a->ndim + 1)) return NULL;
    /* NumPy's stride for the new axis: what the axis it lands before would
     * step over as a whole (the stride is never used for a length of 1) */
    int64_t stride = 1;
    if (axis < a->ndim && nd__mul_overflow(a->strides[axis], a->shape[axis], &stride)) stride = 1;
    geom g;
    geom_of(a, &g);
    geom_insert_axis(&g, axis, 1, stride);
    return geom_view(fn, a, &g);
}

/* ------------------------------------------------------------ broadcast, flip, diagonal */

nd_array *nd_broadcast_to(const nd_array *a, int ndim, const int64_t *shape) {
    static const char fn[] = "nd_broadcast_to";
    if (!nd__check_array(fn, "a", a) || !nd__check_shape(fn, ndim, shape)) return NULL;
    if (nd__checked_size(ndim, shape, nd__itemsize(a->dtype)) < 0) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_OVERFLOW, fn, "shape %s is too big", nd__shape_str(s, sizeof s, ndim, shape));
        return NULL;
    }
    geom g;
    g.ndim = ndim;
    g.data = a->data;
    g.empty = a->size == 0;
    int off = ndim - a->ndim;
    bool ok = off >= 0;
    for (int i = 0; ok && i < ndim; i++) {
        g.shape[i] = shape[i];
        if (i < off) {
            g.strides[i] = 0;
            continue;
        }
        int64_t d = a->shape[i - off];
        if (d == shape[i]) g.strides[i] = a->strides[i - off];
        else if (d == 1) g.strides[i] = 0;
        else ok = false;
    }
    if (!ok) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "cannot broadcast array of shape %s to shape %s",
                  nd__shape_str(s1, sizeof s1, a->ndim, a->shape),
                  nd__shape_str(s2, sizeof s2, ndim, shape));
        return NULL;
    }
    nd_array *r = geom_view(fn, a, &g);
    /* many elements alias one: writing through the view is refused, as in NumPy */
    if (r) r->flags &= ~ND_FLAG_WRITEABLE;
    return r;
}

nd_array *nd_flip(const nd_array *a, int naxes, const int *axes) {
    static const char fn[] = "nd_flip";
    if (!nd__check_array(fn, "a", a)) return NULL;
    bool flip[ND_MAX_DIMS];
    if (!nd__axes_mask(fn, a->ndim, naxes, axes, flip)) return NULL;
    geom g;
    geom_of(a, &g);
    for (int i = 0; i < a->ndim; i++) {
        if (!flip[i]) continue;
        if (g.shape[i] > 0 && !g.empty) g.data += (g.shape[i] - 1) * g.strides[i] * itemsize_of(a);
        /* INT64_MIN fits only on a length-1 axis of wrapped memory, where it
         * is never used and has no negation */
        if (g.strides[i] != INT64_MIN) g.strides[i] = -g.strides[i];
    }
    return geom_view(fn, a, &g);
}

/* NumPy returns a read-only view (a leftover of a deprecation that never
 * finished); this one stays writeable like every other view, so a diagonal
 * can be set in place. */
nd_array *nd_diagonal(const nd_array *a, int64_t offset, int axis1, int axis2) {
    static const char fn[] = "nd_diagonal";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim < 2) {
        nd__error(ND_ERR_VALUE, fn, "diag requires an array of at least two dimensions (got %d)",
                  a->ndim);
        return NULL;
    }
    if (!nd__norm_axis(fn, &axis1, a->ndim) || !nd__norm_axis(fn, &axis2, a->ndim)) return NULL;
    if (axis1 == axis2) {
        nd__error(ND_ERR_VALUE, fn, "axis1 and axis2 cannot be the same (both are axis %d)", axis1);
        return NULL;
    }
    int64_t n1 = a->shape[axis1], n2 = a->shape[axis2];
    int64_t s1 = a->strides[axis1], s2 = a->strides[axis2];
    int64_t n = offset >= 0 ? (n1 < n2 - offset ? n1 : n2 - offset)
                            : (n1 + offset < n2 ? n1 + offset : n2);
    if (n < 0) n = 0;
    geom g;
    geom_of(a, &g);
    if (n > 0 && !g.empty) g.data += (offset >= 0 ? offset * s2 : -offset * s1) * itemsize_of(a);
    int64_t stride;
    /* two or more elements keep the sum inside the extent */
    if (nd__add_overflow(s1, s2, &stride)) stride = 0;
    geom_remove_axis(&g, axis1 > axis2 ? axis1 : axis2);
    geom_remove_axis(&g, axis1 > axis2 ? axis2 : axis1);
    geom_insert_axis(&g, g.ndim, n, stride);
    return geom_view(fn, a, &g);
}

/* Index conversions and grids: broadcast_arrays (views), unravel_index and
 * ravel_multi_index (flat indices and coordinates, C or F order, with
 * NumPy's raise/wrap/clip modes), indices and its sparse form. Every index
 * is checked before a result is handed out. */
#include "ops/index_util.h"
#include "ops/manip_util.h"

#include <inttypes.h>
#include <stdio.h>

/* ------------------------------------------------------------ broadcast_arrays */

nd_status nd_broadcast_arrays(int n, const nd_array *const *arrays, nd_array **out) {
    static const char fn[] = "nd_broadcast_arrays";
    if (n < 0) return nd__error(ND_ERR_VALUE, fn, "n is negative (%d)", n);
    if (n == 0) return ND_OK;
    if (!arrays) return nd__null_arg(fn, "arrays");
    if (!out) return nd__null_arg(fn, "out");
    if (!nd__check_arrays(fn, "arrays", n, arrays)) return ND_ERR_NULL;
    int *ndims = nd__alloc(sizeof(int) * (size_t)n, 64);
    const int64_t **shapes = nd__alloc(sizeof(int64_t *) * (size_t)n, 64);
    nd_array **views = nd__alloc(sizeof(nd_array *) * (size_t)n, 64);
    nd_status st = ND_OK;
    if (!ndims || !shapes || !views) {
        st = nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the list of %d arrays", n);
        goto done;
    }
    for (int i = 0; i < n; i++) ndims[i] = arrays[i]->ndim, shapes[i] = arrays[i]->shape, views[i] = NULL;
    int nd;
    int64_t shape[ND_MAX_DIMS];
    st = nd__broadcast_shapes(fn, n, ndims, shapes, &nd, shape);
    for (int i = 0; i < n && st == ND_OK; i++) {
        const nd_array *a = arrays[i];
        int64_t strides[ND_MAX_DIMS];
        bool stretched = false;
        for (int d = 0; d < nd; d++) {
            int j = d - (nd - a->ndim);
            bool same = j >= 0 && a->shape[j] == shape[d];
            strides[d] = same ? a->strides[j] : 0;
            stretched |= !same && shape[d] > 1;
        }
        views[i] = nd__make_view(fn, a, a->data, nd, shape, strides);
        if (!views[i]) st = nd_last_status();
        else if (stretched) views[i]->flags &= ~ND_FLAG_WRITEABLE;
    }
    if (st == ND_OK) memcpy(out, views, sizeof(nd_array *) * (size_t)n);
    else if (views)
        for (int i = 0; i < n; i++) nd_free(views[i]);
done:
    if (ndims) nd__dealloc(ndims);
    if (shapes) nd__dealloc(shapes);
    if (views) nd__dealloc(views);
    return st;
}

/* ------------------------------------------------------------ shapes of index spaces */

static bool check_order(const char *fn, nd_order order) {
    if (order == ND_ORDER_C || order == ND_ORDER_F) return true;
    nd__error(ND_ERR_VALUE, fn, "order must be ND_ORDER_C or ND_ORDER_F (got %d)", (int)order);
    return false;
}

/* Checks ndim lengths and gives their product and the element strides of
 * that shape in the given order. */
static bool index_space(const char *fn, const char *name, int ndim, const int64_t *dims, nd_order order,
                        int64_t *size, int64_t *strides) {
    if (ndim < 0 || ndim > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "the number of dimensions %d is out of range [0, %d]", ndim, ND_MAX_DIMS);
        return false;
    }
    if (ndim > 0 && !dims) {
        nd__null_arg(fn, name);
        return false;
    }
    int64_t s = 1;
    bool overflow = false;
    for (int d = 0; d < ndim; d++) {
        if (dims[d] < 0) {
            nd__error(ND_ERR_VALUE, fn, "dimensions must be non-negative (dimension %d is %lld)", d,
                      (long long)dims[d]);
            return false;
        }
        overflow |= nd__mul_overflow(s, dims[d] ? dims[d] : 1, &s);
    }
    if (overflow) {
        nd__error(ND_ERR_OVERFLOW, fn, "dimensions are too large: their product overflows int64");
        return false;
    }
    int64_t acc = 1;
    for (int i = 0; i < ndim; i++) {
        int d = order == ND_ORDER_C ? ndim - 1 - i : i;
        strides[d] = acc;
        acc *= dims[d] ? dims[d] : 1;
    }
    for (int d = 0; d < ndim; d++)
        if (dims[d] == 0) s = 0;
    *size = s;
    return true;
}

/* An index element: its value, or (uint64 above INT64_MAX) big with the
 * unsigned value in *u. */
static bool read_index(nd_dtype dt, const char *p, int64_t *v, uint64_t *u) {
    if (nd__ix_as_i64(dt, p, v)) return false;
    memcpy(u, p, sizeof *u);
    return true;
}

/* ------------------------------------------------------------ unravel_index */

nd_status nd_unravel_index(const nd_array *indices, int ndim, const int64_t *shape, nd_order order,
                           nd_array **out) {
    static const char fn[] = "nd_unravel_index";
    if (!indices) return nd__null_arg(fn, "indices");
    if (ndim > 0 && !out) return nd__null_arg(fn, "out");
    int64_t size, strides[ND_MAX_DIMS];
    if (!check_order(fn, order) || !index_space(fn, "shape", ndim, shape, order, &size, strides) ||
        !nd__ix_check_index_dtype(fn, indices))
        return nd_last_status();
    /* the results first (a failure costs no walk), then every index is
     * checked before any is handed out */
    nd_array *res[ND_MAX_DIMS] = {NULL};
    for (int d = 0; d < ndim; d++) {
        res[d] = nd__alloc_array(fn, indices->ndim, indices->shape, ND_INT64);
        if (!res[d]) {
            for (int e = 0; e < d; e++) nd_free(res[e]);
            return nd_last_status();
        }
    }
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, indices);
    for (int64_t i = 0; i < indices->size; i++, nd__ix_cursor_next(&c)) {
        int64_t v;
        uint64_t u;
        nd_status st = ND_OK;
        if (read_index(indices->dtype, c.p, &v, &u))
            st = nd__error(ND_ERR_INDEX, fn, "index %" PRIu64 " is out of bounds for array with size %lld", u,
                           (long long)size);
        else if (v < 0 || v >= size)
            st = nd__error(ND_ERR_INDEX, fn, "index %lld is out of bounds for array with size %lld",
                           (long long)v, (long long)size);
        if (st != ND_OK) {
            for (int d = 0; d < ndim; d++) nd_free(res[d]);
            return st;
        }
        for (int d = 0; d < ndim; d++) ((int64_t *)res[d]->data)[i] = v / strides[d] % shape[d];
    }
    /* (after the bounds, as NumPy checks them first) NumPy: "multiple
     * indices are not supported for 0d arrays" */
    if (ndim == 0 && indices->ndim > 0) {
        char buf[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_VALUE, fn, "an index array of shape %s needs a shape of 1 or more dimensions",
                         nd__shape_str(buf, sizeof buf, indices->ndim, indices->shape));
    }
    for (int d = 0; d < ndim; d++) out[d] = res[d];
    return ND_OK;
}

/* ------------------------------------------------------------ ravel_multi_index */

/* Coordinate x (or the big unsigned u) along a dimension of length len under
 * mode, in [0, len); false when it is out of bounds for ND_INDEX_RAISE. */
static bool place(nd_index_mode mode, bool big, int64_t x, uint64_t u, int64_t len, int64_t *r) {
    if (!big && x >= 0 && x < len) {
        *r = x;
        return true;
    }
    switch (mode) {
    case ND_INDEX_WRAP:
        if (big) *r = (int64_t)(u % (uint64_t)len);
        else *r = (x % len + len) % len;
        return true;
    case ND_INDEX_CLIP:
        *r = big || x >= len ? len - 1 : 0;
        return true;
    default: return false;
    }
}

nd_array *nd_ravel_multi_index(int n, const nd_array *const *multi_index, const int64_t *dims, int nmodes,
                               const nd_index_mode *modes, nd_order order) {
    static const char fn[] = "nd_ravel_multi_index";
    if (n < 0 || n > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "the number of coordinate arrays %d is out of range [0, %d]", n, ND_MAX_DIMS);
        return NULL;
    }
    if (n > 0 && !multi_index) {
        nd__null_arg(fn, "multi_index");
        return NULL;
    }
    if (n > 0 && !modes) {
        nd__null_arg(fn, "modes");
        return NULL;
    }
    int ndims[ND_MAX_DIMS];
    const int64_t *shapes[ND_MAX_DIMS];
    if (!nd__check_arrays(fn, "multi_index", n, multi_index)) return NULL;
    for (int i = 0; i < n; i++) {
        ndims[i] = multi_index[i]->ndim;
        shapes[i] = multi_index[i]->shape;
    }
    if (n > 0 && nmodes != 1 && nmodes != n) {
        nd__error(ND_ERR_VALUE, fn, "nmodes must be 1 or the number of dimensions %d (got %d)", n, nmodes);
        return NULL;
    }
    int64_t size, strides[ND_MAX_DIMS];
    if (!check_order(fn, order) || !index_space(fn, "dims", n, dims, order, &size, strides)) return NULL;
    for (int d = 0; d < n; d++) {
        nd_index_mode md = modes[nmodes == 1 ? 0 : d];
        if (md != ND_INDEX_RAISE && md != ND_INDEX_WRAP && md != ND_INDEX_CLIP) {
            nd__error(ND_ERR_VALUE, fn, "modes[%d] is not an nd_index_mode (%d)", nmodes == 1 ? 0 : d, (int)md);
            return NULL;
        }
        if (dims[d] == 0 && md != ND_INDEX_RAISE) {
            nd__error(ND_ERR_VALUE, fn, "cannot wrap or clip into dimension %d of length 0", d);
            return NULL;
        }
        if (!nd__ix_check_index_dtype(fn, multi_index[d])) return NULL;
    }
    int nd;
    int64_t shape[ND_MAX_DIMS];
    if (nd__broadcast_shapes(fn, n, ndims, shapes, &nd, shape) != ND_OK) return NULL;
    nd_array *r = nd__alloc_array(fn, nd, shape, ND_INT64);
    if (!r) return NULL;
    int64_t *o = (int64_t *)r->data;
    memset(o, 0, sizeof(int64_t) * (size_t)r->size);
    for (int d = 0; d < n && r->size > 0; d++) {
        const nd_array *a = multi_index[d];
        nd_index_mode md = modes[nmodes == 1 ? 0 : d];
        int64_t steps[ND_MAX_DIMS];
        nd__ix_bcast_steps(a, nd, steps);
        nd_ix_cursor c;
        nd__ix_cursor_init(&c, a->data, nd, shape, steps);
        for (int64_t i = 0; i < r->size; i++, nd__ix_cursor_next(&c)) {
            int64_t x = 0, k;
            uint64_t u = 0;
            bool big = read_index(a->dtype, c.p, &x, &u);
            if (!place(md, big, x, u, dims[d], &k)) {
                if (big)
                    nd__error(ND_ERR_INDEX, fn, "invalid entry in coordinates array: index %" PRIu64
                              " is out of bounds for dimension %d with size %lld", u, d, (long long)dims[d]);
                else
                    nd__error(ND_ERR_INDEX, fn, "invalid entry in coordinates array: index %lld is out of "
                              "bounds for dimension %d with size %lld", (long long)x, d, (long long)dims[d]);
                nd_free(r);
                return NULL;
            }
            o[i] += k * strides[d];
        }
    }
    return r;
}

/* ------------------------------------------------------------ indices */

/* Writes 0, 1, ..., dims[axis] - 1 along axis of dst (shape dims, any
 * dtype), the same values along every other axis. */
static nd_status fill_grid(const char *fn, nd_array *dst, int axis) {
    int64_t len = dst->shape[axis];
    int64_t *vals = nd__ix_alloc(fn, len, sizeof(int64_t));
    if (!vals) return nd_last_status();
    for (int64_t j = 0; j < len; j++) vals[j] = j;
    int64_t strides[ND_MAX_DIMS] = {0};
    strides[axis] = 1;
    nd_array src;
    nd__temp_view(&src, dst, (const char *)vals, dst->ndim, dst->shape, strides);
    src.dtype = ND_INT64;
    nd__update_flags(&src);
    nd_status st = nd__assign(fn, dst, &src);
    nd__ix_free(vals);
    return st;
}

static bool check_dims(const char *fn, int ndim, int max, const int64_t *dims, nd_dtype dt) {
    if (!nd__check_dtype(fn, dt)) return false;
    if (ndim < 0 || ndim > max) {
        nd__error(ND_ERR_VALUE, fn, "the number of dimensions %d is out of range [0, %d]", ndim, max);
        return false;
    }
    if (ndim > 0 && !dims) {
        nd__null_arg(fn, "dims");
        return false;
    }
    for (int d = 0; d < ndim; d++) {
        if (dims[d] < 0) {
            nd__error(ND_ERR_VALUE, fn, "negative dimensions are not allowed (dimension %d is %lld)", d,
                      (long long)dims[d]);
            return false;
        }
        if (dt == ND_BOOL && dims[d] > 2) { /* as NumPy's arange of bool */
            nd__error(ND_ERR_DTYPE, fn, "bool grids hold at most 2 values (dimension %d is %lld)", d,
                      (long long)dims[d]);
            return false;
        }
    }
    return true;
}

nd_array *nd_indices(int ndim, const int64_t *dims, nd_dtype dt) {
    static const char fn[] = "nd_indices";
    if (!check_dims(fn, ndim, ND_MAX_DIMS - 1, dims, dt)) return NULL;
    int64_t shape[ND_MAX_DIMS];
    shape[0] = ndim;
    for (int d = 0; d < ndim; d++) shape[d + 1] = dims[d];
    nd_array *r = nd__alloc_array(fn, ndim + 1, shape, dt);
    if (!r || r->size == 0) return r;
    int64_t isz = (int64_t)nd__itemsize(dt);
    for (int i = 0; i < ndim; i++) {
        nd_array grid; /* r[i] */
        nd__temp_view(&grid, r, r->data + i * r->strides[0] * isz, ndim, dims, r->strides + 1);
        if (fill_grid(fn, &grid, i) != ND_OK) {
            nd_free(r);
            return NULL;
        }
    }
    return r;
}

nd_status nd_indices_sparse(int ndim, const int64_t *dims, nd_dtype dt, nd_array **out) {
    static const char fn[] = "nd_indices_sparse";
    if (!check_dims(fn, ndim, ND_MAX_DIMS, dims, dt)) return nd_last_status();
    if (ndim > 0 && !out) return nd__null_arg(fn, "out");
    nd_array *res[ND_MAX_DIMS] = {NULL};
    for (int i = 0; i < ndim; i++) {
        int64_t shape[ND_MAX_DIMS];
        for (int d = 0; d < ndim; d++) shape[d] = d == i ? dims[i] : 1;
        res[i] = nd__alloc_array(fn, ndim, shape, dt);
        if (!res[i] || (res[i]->size > 0 && fill_grid(fn, res[i], i) != ND_OK)) {
            nd_status st = nd_last_status();
            for (int e = 0; e <= i; e++) nd_free(res[e]);
            return st;
        }
    }
    for (int i = 0; i < ndim; i++) out[i] = res[i];
    return ND_OK;
}

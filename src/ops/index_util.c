/* Helpers shared by the indexing files: scratch memory, broadcast steps,
 * the C-order cursor, dtype-generic element reads, index validation and the
 * table-driven gather/scatter copy (see index_util.h). */
#include "ops/index_util.h"

#include <inttypes.h>

/* ------------------------------------------------------------ scratch */

void *nd__ix_alloc(const char *fn, int64_t n, size_t elsize) {
    size_t bytes;
    if (n < 0 || __builtin_mul_overflow((size_t)n, elsize, &bytes) || bytes > (size_t)INT64_MAX) {
        nd__error(ND_ERR_OVERFLOW, fn, "scratch of %lld elements of %zu bytes is too large",
                  (long long)n, elsize);
        return NULL;
    }
    void *p = nd__alloc(bytes ? bytes : 1, 64);
    if (!p) nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes of scratch", bytes);
    return p;
}

void nd__ix_free(void *p) {
    if (p) nd__dealloc(p);
}

/* ------------------------------------------------------------ shapes */

void nd__ix_bcast_steps(const nd_array *a, int ndim, int64_t *steps) {
    int off = ndim - a->ndim;
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    for (int i = 0; i < ndim; i++) {
        int j = i - off;
        /* a length-1 axis may carry any stride: it is never used */
        steps[i] = (j < 0 || a->shape[j] == 1) ? 0 : a->strides[j] * isz;
    }
}

void nd__ix_c_steps(int ndim, const int64_t *shape, size_t isz, int64_t *steps) {
    int64_t s = (int64_t)isz;
    for (int i = ndim - 1; i >= 0; i--) {
        steps[i] = s;
        s *= shape[i] ? shape[i] : 1;
    }
}

int64_t nd__ix_count(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    return n;
}

bool nd__ix_check_ndim(const char *fn, int ndim) {
    if (ndim <= ND_MAX_DIMS) return true;
    nd__error(ND_ERR_VALUE, fn, "the result would have %d dimensions, more than ND_MAX_DIMS (%d)",
              ndim, ND_MAX_DIMS);
    return false;
}

/* ------------------------------------------------------------ cursor */

void nd__ix_cursor_init(nd_ix_cursor *c, const char *data, int ndim, const int64_t *shape,
                        const int64_t *steps) {
    c->ndim = ndim;
    c->p = (char *)data;
    for (int i = 0; i < ndim; i++) {
        c->shape[i] = shape[i];
        c->steps[i] = steps[i];
        c->idx[i] = 0;
    }
}

void nd__ix_cursor_of(nd_ix_cursor *c, const nd_array *a) {
    int64_t steps[ND_MAX_DIMS];
    nd__ix_bcast_steps(a, a->ndim, steps);
    nd__ix_cursor_init(c, a->data, a->ndim, a->shape, steps);
}

/* ------------------------------------------------------------ element reads */

bool nd__ix_truthy(nd_dtype dt, const char *p) {
    switch (dt) {
#define X_(E, sfx, T, W, ...)                                                      \
    case E: {                                                                      \
        T v_;                                                                      \
        memcpy(&v_, p, sizeof v_);                                                 \
        return v_ != 0;                                                            \
    }
        ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
    default: return false;
    }
}

double nd__ix_as_f64(nd_dtype dt, const char *p) {
    switch (dt) {
#define X_(E, sfx, T, W, ...)                                                      \
    case E: {                                                                      \
        T v_;                                                                      \
        memcpy(&v_, p, sizeof v_);                                                 \
        return (double)v_;                                                         \
    }
        ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
    default: return 0;
    }
}

bool nd__ix_as_i64(nd_dtype dt, const char *p, int64_t *v) {
    if (dt == ND_UINT64) {
        uint64_t u;
        memcpy(&u, p, sizeof u);
        *v = (int64_t)u;
        return u <= (uint64_t)INT64_MAX;
    }
    switch (dt) {
#define X_(E, sfx, T, W, ...)                                                      \
    case E: {                                                                      \
        T v_;                                                                      \
        memcpy(&v_, p, sizeof v_);                                                 \
        *v = (int64_t)v_;                                                          \
        return true;                                                               \
    }
        ND_FOR_BOOL(X_, ~)
        ND_FOR_SIGNED(X_, ~)
        ND_FOR_UNSIGNED(X_, ~)
#undef X_
    default: return false;
    }
}

/* ------------------------------------------------------------ indices */

bool nd__ix_check_index_dtype(const char *fn, const nd_array *idx) {
    if (nd__kind(idx->dtype) != ND_KIND_FLOAT) return true;
    nd__error(ND_ERR_DTYPE, fn,
              "arrays used as indices must be of integer (or boolean) type (got %s)",
              nd__dtypes[idx->dtype].name);
    return false;
}

static bool out_of_bounds(const char *fn, nd_dtype dt, const char *p, int axis, int64_t len) {
    if (dt == ND_UINT64) {
        uint64_t u;
        memcpy(&u, p, sizeof u);
        nd__error(ND_ERR_INDEX, fn, "index %" PRIu64 " is out of bounds for axis %d with size %lld",
                  u, axis, (long long)len);
    } else {
        int64_t v = 0;
        nd__ix_as_i64(dt, p, &v);
        nd__error(ND_ERR_INDEX, fn, "index %lld is out of bounds for axis %d with size %lld",
                  (long long)v, axis, (long long)len);
    }
    return false;
}

/* Checks every element of idx against len, in C order. */
static bool check_own(const char *fn, const nd_array *idx, int64_t len, int axis) {
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, idx);
    for (int64_t j = 0; j < idx->size; j++, nd__ix_cursor_next(&c)) {
        int64_t v;
        if (!nd__ix_as_i64(idx->dtype, c.p, &v)) return out_of_bounds(fn, idx->dtype, c.p, axis, len);
        int64_t k = v < 0 ? v + len : v;
        if (k < 0 || k >= len) return out_of_bounds(fn, idx->dtype, c.p, axis, len);
    }
    return true;
}

bool nd__ix_load_indices(const char *fn, const nd_array *idx, int ndim, const int64_t *shape,
                         int64_t len, int axis, int64_t scale, bool accumulate, int64_t *out) {
    int64_t n = nd__ix_count(ndim, shape);
    /* an index broadcast away by an empty one is still an index: checked */
    if (n == 0) return check_own(fn, idx, len, axis);
    int64_t steps[ND_MAX_DIMS];
    nd__ix_bcast_steps(idx, ndim, steps);
    nd_ix_cursor c;
    nd__ix_cursor_init(&c, idx->data, ndim, shape, steps);
    nd_dtype dt = idx->dtype;
    for (int64_t j = 0; j < n; j++, nd__ix_cursor_next(&c)) {
        int64_t v;
        if (!nd__ix_as_i64(dt, c.p, &v)) return out_of_bounds(fn, dt, c.p, axis, len);
        int64_t k = v < 0 ? v + len : v;
        if (k < 0 || k >= len) return out_of_bounds(fn, dt, c.p, axis, len);
        /* k * scale is an offset inside the indexed array: no overflow */
        if (accumulate) out[j] += k * scale;
        else out[j] = k * scale;
    }
    return true;
}

int64_t nd__ix_flat_offset(const nd_array *a, int64_t k) {
    int64_t off = 0;
    for (int d = a->ndim - 1; d >= 0; d--) {
        int64_t len = a->shape[d];
        off += (k % len) * a->strides[d];
        k /= len;
    }
    return off * (int64_t)nd__itemsize(a->dtype);
}

/* ------------------------------------------------------------ gather / scatter */

static const int64_t zero_table[1] = {0};

/* n elements; element i is at d + i*ds + dt[i*dts] and s + i*ss + st[i*sts]. */
static void copy_row(char *d, int64_t ds, const int64_t *dt, int64_t dts, const char *s,
                     int64_t ss, const int64_t *st, int64_t sts, int64_t n, size_t isz) {
#define ROW_(K)                                                                    \
    for (int64_t i = 0; i < n; i++)                                                \
        memcpy(d + i * ds + dt[i * dts], s + i * ss + st[i * sts], K);
    switch (isz) {
    case 1: ROW_(1); break;
    case 2: ROW_(2); break;
    case 4: ROW_(4); break;
    case 8: ROW_(8); break;
    default: ROW_(isz); break;
    }
#undef ROW_
}

void nd__ix_copy(int ndim, const int64_t *shape, const nd_ix_side *dst, const nd_ix_side *src,
                 size_t isz) {
    if (nd__ix_count(ndim, shape) == 0) return;
    const int64_t *dtab = dst->table ? dst->table : zero_table;
    const int64_t *stab = src->table ? src->table : zero_table;
    if (ndim == 0) {
        copy_row(dst->base, 0, dtab, 0, src->base, 0, stab, 0, 1, isz);
        return;
    }
    int last = ndim - 1;
    int64_t dts_last = dst->table ? dst->tab_step[last] : 0;
    int64_t sts_last = src->table ? src->tab_step[last] : 0;
    int64_t idx[ND_MAX_DIMS] = {0};
    int64_t doff = 0, dtoff = 0, soff = 0, stoff = 0;
    for (;;) {
        copy_row(dst->base + doff, dst->step[last], dtab + dtoff, dts_last, src->base + soff,
                 src->step[last], stab + stoff, sts_last, shape[last], isz);
        int d = last - 1;
        for (; d >= 0; d--) {
            doff += dst->step[d];
            soff += src->step[d];
            if (dst->table) dtoff += dst->tab_step[d];
            if (src->table) stoff += src->tab_step[d];
            if (++idx[d] < shape[d]) break;
            doff -= dst->step[d] * shape[d];
            soff -= src->step[d] * shape[d];
            if (dst->table) dtoff -= dst->tab_step[d] * shape[d];
            if (src->table) stoff -= src->tab_step[d] * shape[d];
            idx[d] = 0;
        }
        if (d < 0) return;
    }
}

nd_array *nd__ix_assign_values(const char *fn, const nd_array *values, nd_dtype dt, int ndim,
                               const int64_t *shape, int64_t *steps) {
    /* drop leading length-1 axes that do not fit, then broadcast one way */
    int lead = values->ndim - ndim;
    bool ok = true;
    for (int i = 0; i < lead && ok; i++) ok = values->shape[i] == 1;
    int vnd = lead > 0 ? ndim : values->ndim;
    const int64_t *vsh = values->shape + (lead > 0 ? lead : 0);
    for (int i = 0; i < vnd && ok; i++) {
        int64_t v = vsh[i], s = shape[ndim - vnd + i];
        ok = v == s || v == 1;
    }
    if (!ok) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn,
                  "shape mismatch: value array of shape %s could not be broadcast to indexing "
                  "result of shape %s",
                  nd__shape_str(s1, sizeof s1, values->ndim, values->shape),
                  nd__shape_str(s2, sizeof s2, ndim, shape));
        return NULL;
    }
    nd_array *v = nd_astype(values, dt);
    if (!v) return NULL;
    int64_t vs[ND_MAX_DIMS];
    int64_t isz = (int64_t)nd__itemsize(dt);
    /* v is C-contiguous: its own steps, aligned on the right */
    nd__ix_c_steps(v->ndim, v->shape, (size_t)isz, vs);
    for (int i = 0; i < ndim; i++) {
        int j = i - (ndim - vnd) + (lead > 0 ? lead : 0);
        steps[i] = (i < ndim - vnd || v->shape[j] == 1) ? 0 : vs[j];
    }
    return v;
}

bool nd__ix_check_writeable(const char *fn, const nd_array *a) {
    if (!(a->flags & ND_FLAG_WRITEABLE)) {
        nd__error(ND_ERR_READONLY, fn, "array is read-only (a broadcast view or read-only memory)");
        return false;
    }
    int ax = nd__aliasing_axis(a);
    if (ax >= 0) {
        nd__error(ND_ERR_READONLY, fn, "array has stride 0 along axis %d (a broadcast view)", ax);
        return false;
    }
    nd__bump_version(a);
    return true;
}

nd_array *nd__ix_gather_new(const char *fn, const nd_array *a, int nd, const int64_t *shape,
                            const int64_t *table, const int64_t *a_step, const int64_t *tab_step) {
    nd_array *r = nd__alloc_array(fn, nd, shape, a->dtype);
    if (!r) return NULL;
    size_t isz = nd__itemsize(a->dtype);
    nd_ix_side dst = {r->data, NULL, {0}, {0}};
    nd__ix_c_steps(nd, shape, isz, dst.step);
    nd_ix_side src = {a->data, table, {0}, {0}};
    memcpy(src.step, a_step, sizeof(int64_t) * (size_t)nd);
    memcpy(src.tab_step, tab_step, sizeof(int64_t) * (size_t)nd);
    nd__ix_copy(nd, shape, &dst, &src, isz);
    return r;
}

nd_status nd__ix_scatter(const char *fn, nd_array *a, const nd_array *values, int nd,
                         const int64_t *shape, const int64_t *table, const int64_t *a_step,
                         const int64_t *tab_step) {
    nd_ix_side src = {NULL, NULL, {0}, {0}};
    nd_array *v = nd__ix_assign_values(fn, values, a->dtype, nd, shape, src.step);
    if (!v) return nd_last_status();
    src.base = v->data;
    nd_ix_side dst = {a->data, table, {0}, {0}};
    memcpy(dst.step, a_step, sizeof(int64_t) * (size_t)nd);
    memcpy(dst.tab_step, tab_step, sizeof(int64_t) * (size_t)nd);
    nd__ix_copy(nd, shape, &dst, &src, nd__itemsize(a->dtype));
    nd_free(v);
    return ND_OK;
}

/* Array handles and their reference-counted buffers: creation, views,
 * wrapping caller memory, flags and accessors. */
#include "core.h"

/* A new array is one block: the buffer header, the handle, then the data,
 * each on its own cache lines. One allocation instead of two matters for
 * small arrays; the handle's memory simply lives as long as the buffer. */
#define ND_BUF_HEADER 64
#define ND_HANDLE_ROOM ((sizeof(nd_array) + 63) & ~(size_t)63)
_Static_assert(sizeof(nd_buffer) <= ND_BUF_HEADER, "buffer header must fit a cache line");

static nd_array *new_handle(const char *fn) {
    nd_array *a = nd__alloc(sizeof *a, 64);
    if (!a) nd__error(ND_ERR_NOMEM, fn, "out of memory allocating an array handle");
    return a;
}

static void buffer_retain(nd_buffer *b) {
    if (b) atomic_fetch_add_explicit(&b->refcount, 1, memory_order_relaxed);
}

static void buffer_release(nd_buffer *b) {
    if (!b || atomic_fetch_sub_explicit(&b->refcount, 1, memory_order_acq_rel) != 1) return;
    if (b->own) {
        nd__dealloc(b); /* header and data are one block */
        return;
    }
    if (b->deleter) b->deleter(b->mem, b->ctx);
    nd__dealloc(b);
}

void nd__update_flags(nd_array *a) {
    int64_t size = 1;
    for (int i = 0; i < a->ndim; i++) size *= a->shape[i];
    a->size = size;
    int flags = a->flags & (ND_FLAG_WRITEABLE | ND_FLAG_EMBEDDED | ND_FLAG_WEAK);
    /* As NumPy: axes of length 1 may have any stride; an empty array is
     * contiguous either way. */
    bool c = true, f = true;
    if (size > 0) {
        int64_t s = 1;
        for (int i = a->ndim - 1; i >= 0; i--) {
            if (a->shape[i] != 1 && a->strides[i] != s) c = false;
            s *= a->shape[i];
        }
        s = 1;
        for (int i = 0; i < a->ndim; i++) {
            if (a->shape[i] != 1 && a->strides[i] != s) f = false;
            s *= a->shape[i];
        }
    }
    if (c) flags |= ND_FLAG_C;
    if (f) flags |= ND_FLAG_F;
    a->flags = flags;
}

/* Doubling copies up to a block that stays in L1, then that block again and
 * again: no per-dtype loop, and the source of each copy is cache-hot. */
#define FILL_BLOCK_BYTES (16 << 10)
void nd__fill_bytes(void *dst, int64_t n, const void *elem, size_t isz) {
    if (n <= 0) return;
    char *d = dst;
    memcpy(d, elem, isz);
    size_t done = isz, total = (size_t)n * isz;
    while (done < total) {
        size_t c = done < FILL_BLOCK_BYTES ? done - done % isz : FILL_BLOCK_BYTES - FILL_BLOCK_BYTES % isz;
        if (c > total - done) c = total - done;
        memcpy(d + done, d, c);
        done += c;
    }
}

nd_array *nd__alloc_array(const char *fn, int ndim, const int64_t *shape, nd_dtype dt) {
    if (!nd__check_shape(fn, ndim, shape)) return NULL;
    size_t isz = nd__itemsize(dt);
    int64_t n = nd__checked_size(ndim, shape, isz);
    size_t nbytes;
    if (n < 0 || __builtin_mul_overflow((size_t)n, isz, &nbytes) ||
        nbytes > (size_t)INT64_MAX - ND_BUF_HEADER - ND_HANDLE_ROOM) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_OVERFLOW, fn, "array of shape %s and dtype %s is too large",
                  nd__shape_str(s, sizeof s, ndim, shape), nd__dtypes[dt].name);
        return NULL;
    }
    char *block = nd__alloc(ND_BUF_HEADER + ND_HANDLE_ROOM + nbytes, 64);
    if (!block) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes for shape %s", nbytes,
                  nd__shape_str(s, sizeof s, ndim, shape));
        return NULL;
    }
    nd_buffer *b = (nd_buffer *)block;
    atomic_init(&b->refcount, 1);
    atomic_init(&b->version, 0);
    b->mem = block;
    b->deleter = NULL;
    b->ctx = NULL;
    b->own = true;
    nd_array *a = (nd_array *)(block + ND_BUF_HEADER);
    a->dtype = dt;
    a->ndim = ndim;
    a->flags = ND_FLAG_WRITEABLE | ND_FLAG_EMBEDDED;
    a->data = block + ND_BUF_HEADER + ND_HANDLE_ROOM;
    a->buf = b;
    if (ndim) memcpy(a->shape, shape, sizeof(int64_t) * (size_t)ndim);
    nd__c_strides(ndim, shape, a->strides);
    nd__update_flags(a);
    a->scope = NULL;
    a->slot = NULL;
    if (!nd__scope_adopt(fn, a)) {
        nd__dealloc(block);
        return NULL;
    }
    return a;
}

nd_array *nd__make_view(const char *fn, const nd_array *base, char *data, int ndim,
                        const int64_t *shape, const int64_t *strides) {
    nd_array *a = new_handle(fn);
    if (!a) return NULL;
    a->dtype = base->dtype;
    a->ndim = ndim;
    a->flags = base->flags & ND_FLAG_WRITEABLE;
    a->data = data;
    a->buf = base->buf;
    if (ndim) {
        memcpy(a->shape, shape, sizeof(int64_t) * (size_t)ndim);
        memcpy(a->strides, strides, sizeof(int64_t) * (size_t)ndim);
    }
    nd__update_flags(a);
    a->scope = NULL;
    a->slot = NULL;
    if (!nd__scope_adopt(fn, a)) {
        nd__dealloc(a);
        return NULL;
    }
    buffer_retain(a->buf);
    return a;
}

void nd_free(nd_array *a) {
    if (!a) return;
    if (a->scope) nd__scope_forget(a);
    bool embedded = a->flags & ND_FLAG_EMBEDDED;
    buffer_release(a->buf); /* may free an embedded handle: read flags first */
    if (!embedded) nd__dealloc(a);
}

nd_array *nd_wrap(void *data, int ndim, const int64_t *shape, const int64_t *strides,
                  nd_dtype dt, void (*deleter)(void *data, void *ctx), void *ctx) {
    static const char fn[] = "nd_wrap";
    if (!nd__check_dtype(fn, dt) || !nd__check_shape(fn, ndim, shape)) return NULL;
    if (nd__checked_size(ndim, shape, nd__itemsize(dt)) < 0) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_OVERFLOW, fn, "shape %s overflows", nd__shape_str(s, sizeof s, ndim, shape));
        return NULL;
    }
    int64_t n = nd__checked_size(ndim, shape, nd__itemsize(dt));
    if (!data && n > 0) {
        nd__null_arg(fn, "data");
        return NULL;
    }
    int64_t st[ND_MAX_DIMS];
    if (strides) {
        if (ndim) memcpy(st, strides, sizeof(int64_t) * (size_t)ndim);
        /* the farthest element must be addressable, in bytes too */
        int64_t span = 0, t;
        for (int i = 0; i < ndim && n > 0; i++) {
            if (shape[i] == 1) continue; /* the stride is never used */
            if (st[i] == INT64_MIN || nd__mul_overflow(shape[i] - 1, st[i] < 0 ? -st[i] : st[i], &t) ||
                nd__add_overflow(span, t, &span) ||
                nd__mul_overflow(span, (int64_t)nd__itemsize(dt), &t)) {
                nd__error(ND_ERR_OVERFLOW, fn, "strides reach beyond the address space");
                return NULL;
            }
        }
    } else {
        nd__c_strides(ndim, shape, st);
    }
    nd_buffer *b = nd__alloc(sizeof *b, 64);
    nd_array *a = new_handle(fn);
    if (!b || !a) {
        nd__dealloc(b);
        nd__dealloc(a);
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        return NULL;
    }
    atomic_init(&b->refcount, 1);
    atomic_init(&b->version, 0);
    b->mem = data;
    b->deleter = deleter;
    b->ctx = ctx;
    b->own = false;
    a->dtype = dt;
    a->ndim = ndim;
    a->flags = ND_FLAG_WRITEABLE;
    a->data = data;
    a->buf = b;
    if (ndim) {
        memcpy(a->shape, shape, sizeof(int64_t) * (size_t)ndim);
        memcpy(a->strides, st, sizeof(int64_t) * (size_t)ndim);
    }
    nd__update_flags(a);
    a->scope = NULL;
    a->slot = NULL;
    if (!nd__scope_adopt(fn, a)) { /* the memory stays the caller's: no deleter call */
        nd__dealloc(b);
        nd__dealloc(a);
        return NULL;
    }
    return a;
}

void nd__extent(const nd_array *a, const char **lo, const char **hi) {
    if (a->size == 0) {
        *lo = *hi = a->data;
        return;
    }
    int64_t isz = (int64_t)nd__itemsize(a->dtype), l = 0, h = 0;
    for (int i = 0; i < a->ndim; i++) {
        int64_t span = (a->shape[i] - 1) * a->strides[i] * isz;
        if (span < 0) l += span;
        else h += span;
    }
    *lo = a->data + l;
    *hi = a->data + h + isz;
}

bool nd_may_share_memory(const nd_array *a, const nd_array *b) {
    if (!a || !b || a->size == 0 || b->size == 0) return false; /* as NumPy */
    const char *alo, *ahi, *blo, *bhi;
    nd__extent(a, &alo, &ahi);
    nd__extent(b, &blo, &bhi);
    return alo < bhi && blo < ahi;
}

/* Accessors: NULL gives a neutral value and records the error. */
#define ND_ACCESSOR(type, name, expr, fallback)                                    \
    type name(const nd_array *a) {                                                 \
        if (!a) {                                                                  \
            nd__null_arg(#name, "a");                                              \
            return fallback;                                                       \
        }                                                                          \
        return expr;                                                               \
    }
ND_ACCESSOR(int, nd_ndim, a->ndim, 0)
ND_ACCESSOR(const int64_t *, nd_shape, a->shape, NULL)
ND_ACCESSOR(const int64_t *, nd_strides, a->strides, NULL)
ND_ACCESSOR(int64_t, nd_size, a->size, 0)
ND_ACCESSOR(nd_dtype, nd_dtype_of, a->dtype, ND_NUM_DTYPES)
ND_ACCESSOR(size_t, nd_itemsize, nd__itemsize(a->dtype), 0)
ND_ACCESSOR(size_t, nd_nbytes, (size_t)a->size * nd__itemsize(a->dtype), 0)
ND_ACCESSOR(void *, nd_data, (void *)a->data, NULL)
ND_ACCESSOR(bool, nd_is_c_contiguous, (a->flags & ND_FLAG_C) != 0, false)
ND_ACCESSOR(bool, nd_is_f_contiguous, (a->flags & ND_FLAG_F) != 0, false)
ND_ACCESSOR(bool, nd_is_writeable, (a->flags & ND_FLAG_WRITEABLE) != 0, false)
ND_ACCESSOR(uint64_t, nd_data_version, atomic_load_explicit(&a->buf->version, memory_order_relaxed), 0)

/* The version lives in one place, nd.h's ND_VERSION_* macros. */
#define ND_STR_(x) #x
#define ND_STR(x) ND_STR_(x)
const char *nd_version(void) {
    return ND_STR(ND_VERSION_MAJOR) "." ND_STR(ND_VERSION_MINOR) "." ND_STR(ND_VERSION_PATCH);
}

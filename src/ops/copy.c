/* Copies and conversions: copy, ascontiguousarray, astype, copyto, copy_to,
 * fill. All run through the element-wise engine with a conversion loop. */
#include "iter/iter.h"

/* Writes src (broadcast) into dst, converting dtypes. */
static nd_status assign(const char *fn, nd_array *dst, const nd_array *src) {
    return nd__elementwise(fn, nd__cast_loop(src->dtype, dst->dtype), NULL, 1, &src,
                           &src->dtype, dst, dst->dtype);
}

static nd_array *copy_as(const char *fn, const nd_array *a, nd_dtype dt) {
    nd_array *r = nd__alloc_array(fn, a->ndim, a->shape, dt);
    if (!r) return NULL;
    if (assign(fn, r, a) != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

nd_array *nd_copy(const nd_array *a) {
    if (!nd__check_array("nd_copy", "a", a)) return NULL;
    return copy_as("nd_copy", a, a->dtype);
}

nd_array *nd_astype(const nd_array *a, nd_dtype dt) {
    static const char fn[] = "nd_astype";
    if (!nd__check_array(fn, "a", a) || !nd__check_dtype(fn, dt)) return NULL;
    return copy_as(fn, a, dt);
}

nd_array *nd_ascontiguousarray(const nd_array *a) {
    static const char fn[] = "nd_ascontiguousarray";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->flags & ND_FLAG_C) return nd__make_view(fn, a, a->data, a->ndim, a->shape, a->strides);
    return copy_as(fn, a, a->dtype);
}

nd_status nd_copyto(nd_array *dst, const nd_array *src) {
    static const char fn[] = "nd_copyto";
    if (!dst) return nd__null_arg(fn, "dst");
    if (!src) return nd__null_arg(fn, "src");
    /* src must broadcast to dst's shape, not the other way round; extra
     * leading length-1 axes of src are dropped, as NumPy does */
    int extra = src->ndim - dst->ndim;
    for (int i = 0; i < extra; i++)
        if (src->shape[i] != 1) goto mismatch;
    nd_array s = *src; /* a private view without the extra axes */
    if (extra > 0) {
        s.ndim = dst->ndim;
        memmove(s.shape, src->shape + extra, sizeof(int64_t) * (size_t)s.ndim);
        memmove(s.strides, src->strides + extra, sizeof(int64_t) * (size_t)s.ndim);
    }
    for (int i = 0; i < s.ndim; i++) {
        int64_t n = s.shape[i], d = dst->shape[dst->ndim - s.ndim + i];
        if (n != d && n != 1) goto mismatch;
    }
    if (!nd__check_out(fn, dst, dst->ndim, dst->shape)) return nd_last_status();
    return assign(fn, dst, &s);
mismatch: {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    return nd__error(ND_ERR_SHAPE, fn, "could not broadcast input of shape %s into shape %s",
                     nd__shape_str(s1, sizeof s1, src->ndim, src->shape),
                     nd__shape_str(s2, sizeof s2, dst->ndim, dst->shape));
}
}

nd_status nd_copy_to(const nd_array *a, void *dst, size_t nbytes) {
    static const char fn[] = "nd_copy_to";
    if (!a) return nd__null_arg(fn, "a");
    size_t need = (size_t)a->size * nd__itemsize(a->dtype);
    if (!dst && need > 0) return nd__null_arg(fn, "dst");
    if (nbytes < need)
        return nd__error(ND_ERR_VALUE, fn, "destination holds %zu bytes but the array needs %zu", nbytes, need);
    if (need == 0) return ND_OK;
    nd_array *view = nd_wrap(dst, a->ndim, a->shape, NULL, a->dtype, NULL, NULL);
    if (!view) return nd__reraise(fn);
    nd_status st = assign(fn, view, a);
    nd_free(view);
    return st;
}

nd_status nd_fill(nd_array *a, double value) {
    static const char fn[] = "nd_fill";
    if (!a) return nd__null_arg(fn, "a");
    if (!nd__check_out(fn, a, a->ndim, a->shape)) return nd_last_status();
    nd_array *v = nd_wrap(&value, 0, NULL, NULL, ND_FLOAT64, NULL, NULL);
    if (!v) return nd__reraise(fn);
    nd_status st = assign(fn, a, v);
    nd_free(v);
    return st;
}

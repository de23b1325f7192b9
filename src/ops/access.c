/* Element access: the address of one element, and reading or writing one
 * value converted exactly as nd_astype converts. */
#include "kernels/kernel.h"

#include <math.h>

/* Points *p at the element at idx (negative indices count from the end). A
 * 0-d array takes idx NULL. */
static nd_status locate(const char *fn, const nd_array *a, const int64_t *idx, char **p) {
    if (!a) return nd__null_arg(fn, "a");
    if (a->ndim > 0 && !idx) return nd__null_arg(fn, "idx");
    int64_t offset = 0;
    for (int i = 0; i < a->ndim; i++) {
        int64_t len = a->shape[i], j = idx[i] < 0 ? idx[i] + len : idx[i];
        if (j < 0 || j >= len)
            return nd__error(ND_ERR_INDEX, fn, "index %lld is out of bounds for axis %d with size %lld",
                             (long long)idx[i], i, (long long)len);
        offset += j * a->strides[i];
    }
    *p = a->data + offset * (int64_t)nd__itemsize(a->dtype);
    return ND_OK;
}

/* One element through the conversion loop astype uses, so every dtype pair
 * rounds, truncates and wraps the same way everywhere. */
static void convert_one(const void *src, nd_dtype from, void *dst, nd_dtype to) {
    char *args[2] = {(char *)src, (char *)dst};
    const int64_t steps[2] = {0, 0};
    nd__cast_loop(from, to)(args, 1, steps, NULL);
}

static nd_status get_as(const char *fn, const nd_array *a, const int64_t *idx, void *value,
                        nd_dtype dt) {
    if (!a) return nd__null_arg(fn, "a");
    if (!value) return nd__null_arg(fn, "value");
    char *p;
    nd_status st = locate(fn, a, idx, &p);
    if (st == ND_OK) convert_one(p, a->dtype, value, dt);
    return st;
}

static nd_status set_from(const char *fn, nd_array *a, const int64_t *idx, const void *value,
                          nd_dtype dt) {
    if (!a) return nd__null_arg(fn, "a");
    if (!(a->flags & ND_FLAG_WRITEABLE))
        return nd__error(ND_ERR_READONLY, fn,
                         "assignment destination is read-only (a broadcast view or read-only memory)");
    char *p;
    nd_status st = locate(fn, a, idx, &p);
    if (st == ND_OK) {
        nd__bump_version(a);
        convert_one(value, dt, p, a->dtype);
    }
    return st;
}

void *nd_ptr(const nd_array *a, const int64_t *idx) {
    char *p;
    return locate("nd_ptr", a, idx, &p) == ND_OK ? p : NULL;
}

nd_status nd_get_f64(const nd_array *a, const int64_t *idx, double *value) {
    return get_as("nd_get_f64", a, idx, value, ND_FLOAT64);
}

nd_status nd_get_i64(const nd_array *a, const int64_t *idx, int64_t *value) {
    return get_as("nd_get_i64", a, idx, value, ND_INT64);
}

nd_status nd_set_f64(nd_array *a, const int64_t *idx, double value) {
    return set_from("nd_set_f64", a, idx, &value, ND_FLOAT64);
}

nd_status nd_set_i64(nd_array *a, const int64_t *idx, int64_t value) {
    return set_from("nd_set_i64", a, idx, &value, ND_INT64);
}

/* The address of a's only element, or an error naming its size and shape. */
static nd_status single(const char *fn, const nd_array *a, const void *value, const char **p) {
    if (!a) return nd__null_arg(fn, "a");
    if (!value) return nd__null_arg(fn, "value");
    if (a->size != 1) {
        char sh[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_VALUE, fn, "array of size %lld (shape %s) is not a single value", (long long)a->size,
                         nd__shape_str(sh, sizeof sh, a->ndim, a->shape));
    }
    *p = a->data; /* every index is 0 */
    return ND_OK;
}

nd_status nd_item(const nd_array *a, double *value) {
    const char *p = NULL;
    nd_status st = single("nd_item", a, value, &p);
    if (st == ND_OK) convert_one(p, a->dtype, value, ND_FLOAT64);
    return st;
}

nd_status nd_item_i64(const nd_array *a, int64_t *value) {
    const char *fn = "nd_item_i64", *p = NULL;
    nd_status st = single(fn, a, value, &p);
    if (st != ND_OK) return st;
    nd_kind k = nd__kind(a->dtype);
    if (k == ND_KIND_UINT) {
        uint64_t u;
        convert_one(p, a->dtype, &u, ND_UINT64);
        if (u > (uint64_t)INT64_MAX)
            return nd__error(ND_ERR_VALUE, fn, "%llu (%s) does not fit int64", (unsigned long long)u,
                             nd__dtypes[a->dtype].name);
        *value = (int64_t)u;
    } else if (k == ND_KIND_FLOAT) {
        double d;
        convert_one(p, a->dtype, &d, ND_FLOAT64);
        /* only an exact integer in int64's range: no truncation */
        if (!(d == trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0))
            return nd__error(ND_ERR_VALUE, fn, "%.17g (%s) is not an integer that fits int64", d,
                             nd__dtypes[a->dtype].name);
        *value = (int64_t)d;
    } else {
        convert_one(p, a->dtype, value, ND_INT64);
    }
    return ND_OK;
}

/* Element access: the address of one element, and reading or writing one
 * value converted exactly as nd_astype converts. */
#include "kernels/kernel.h"

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
    if (st == ND_OK) convert_one(value, dt, p, a->dtype);
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

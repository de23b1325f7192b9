/* Array creation: empty, zeros, ones, full and their _like forms, 0-d
 * scalars, ranges (arange, linspace), eye, and copies of caller data. Values
 * are converted to the target dtype by the same cast loops as astype, so
 * every creation function agrees with nd_astype. */
#include "kernels/kernel.h"

#include <math.h>

/* Elements generated per conversion batch: small enough for the stack. */
#define CHUNK 256

/* A new uninitialised array; validates dt here and the shape in
 * nd__alloc_array (ndim range, negative sizes, overflow). */
static nd_array *alloc(const char *fn, int ndim, const int64_t *shape, nd_dtype dt) {
    if (!nd__check_dtype(fn, dt)) return NULL;
    return nd__alloc_array(fn, ndim, shape, dt);
}

/* Sets every element of the fresh contiguous array a to the element *src of
 * dtype src_dt, converted as astype. */
static void fill_from(nd_array *a, const void *src, nd_dtype src_dt) {
    if (a->size == 0) return;
    _Alignas(16) char elem[16]; /* the cast loop stores a typed element */
    char *args[2] = {(char *)src, elem};
    int64_t steps[2] = {0, 0};
    nd__cast_loop(src_dt, a->dtype)(args, 1, steps, NULL);
    nd__fill_bytes(a->data, a->size, elem, nd__itemsize(a->dtype));
}

static nd_array *full(const char *fn, int ndim, const int64_t *shape, nd_dtype dt, double value) {
    nd_array *a = alloc(fn, ndim, shape, dt);
    if (a) fill_from(a, &value, ND_FLOAT64);
    return a;
}

nd_array *nd_empty(int ndim, const int64_t *shape, nd_dtype dt) {
    return alloc("nd_empty", ndim, shape, dt);
}

nd_array *nd_zeros(int ndim, const int64_t *shape, nd_dtype dt) {
    nd_array *a = alloc("nd_zeros", ndim, shape, dt);
    /* all-zero bytes are 0, false and +0.0 in every dtype */
    if (a && a->size) memset(a->data, 0, (size_t)a->size * nd__itemsize(dt));
    return a;
}

nd_array *nd_ones(int ndim, const int64_t *shape, nd_dtype dt) {
    return full("nd_ones", ndim, shape, dt, 1.0);
}

nd_array *nd_full(int ndim, const int64_t *shape, nd_dtype dt, double value) {
    return full("nd_full", ndim, shape, dt, value);
}

/* ------------------------------------------------------------ _like */

/* |s| without overflow: a length-1 axis may carry any stride, INT64_MIN too. */
static uint64_t magnitude(int64_t s) { return s < 0 ? 0 - (uint64_t)s : (uint64_t)s; }

/* An uninitialised array with a's shape and dtype, laid out in a's memory
 * order as NumPy's order='K': C if a is C-contiguous, F if F-contiguous,
 * else axes ordered by decreasing |stride| (ties keep axis order), so that
 * operations between a and the result walk both arrays the same way. */
static nd_array *alloc_like(const char *fn, const nd_array *a) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    const int nd = a->ndim;
    if ((a->flags & ND_FLAG_C) || nd < 2) return nd__alloc_array(fn, nd, a->shape, a->dtype);
    int perm[ND_MAX_DIMS]; /* perm[i]: the axis that is i-th outermost in memory */
    for (int i = 0; i < nd; i++) perm[i] = (a->flags & ND_FLAG_F) ? nd - 1 - i : i;
    if (!(a->flags & ND_FLAG_F)) {
        for (int i = 1; i < nd; i++) { /* stable insertion sort */
            int ax = perm[i], j = i;
            uint64_t s = magnitude(a->strides[ax]);
            for (; j > 0; j--) {
                if (magnitude(a->strides[perm[j - 1]]) >= s) break;
                perm[j] = perm[j - 1];
            }
            perm[j] = ax;
        }
    }
    int64_t pshape[ND_MAX_DIMS];
    for (int i = 0; i < nd; i++) pshape[i] = a->shape[perm[i]];
    nd_array *r = nd__alloc_array(fn, nd, pshape, a->dtype);
    if (!r) return NULL;
    int64_t pstrides[ND_MAX_DIMS];
    memcpy(pstrides, r->strides, sizeof(int64_t) * (size_t)nd);
    for (int i = 0; i < nd; i++) {
        r->shape[perm[i]] = pshape[i];
        r->strides[perm[i]] = pstrides[i];
    }
    nd__update_flags(r);
    return r;
}

nd_array *nd_empty_like(const nd_array *a) { return alloc_like("nd_empty_like", a); }

/* The _like results are dense whatever their axis order, so their bytes are
 * written as one block. */
nd_array *nd_zeros_like(const nd_array *a) {
    nd_array *r = alloc_like("nd_zeros_like", a);
    if (r && r->size) memset(r->data, 0, (size_t)r->size * nd__itemsize(r->dtype));
    return r;
}

nd_array *nd_ones_like(const nd_array *a) {
    nd_array *r = alloc_like("nd_ones_like", a);
    double one = 1.0;
    if (r) fill_from(r, &one, ND_FLOAT64);
    return r;
}

nd_array *nd_full_like(const nd_array *a, double value) {
    nd_array *r = alloc_like("nd_full_like", a);
    if (r) fill_from(r, &value, ND_FLOAT64);
    return r;
}

/* ------------------------------------------------------------ scalars */

nd_array *nd_scalar(double value, nd_dtype dt) { return full("nd_scalar", 0, NULL, dt, value); }

nd_array *nd_scalar_i64(int64_t value, nd_dtype dt) {
    /* converted from int64 directly, never through a double, so every
     * 64-bit value survives (and wraps or rounds as astype from int64) */
    nd_array *a = alloc("nd_scalar_i64", 0, NULL, dt);
    if (a) fill_from(a, &value, ND_INT64);
    return a;
}

/* ------------------------------------------------------------ ranges */

/* Values are produced in batches of float64 or int64 by a generator and
 * converted into the contiguous result with astype's cast loop, so one
 * generator serves every dtype. */
typedef void (*gen_fn)(const void *params, int64_t first, int64_t n, void *out);

static void emit(nd_array *a, nd_dtype gen_dt, gen_fn gen, const void *params) {
    if (a->dtype == gen_dt) {
        gen(params, 0, a->size, a->data);
        return;
    }
    nd_loop_fn cast = nd__cast_loop(gen_dt, a->dtype);
    size_t isz = nd__itemsize(a->dtype);
    _Alignas(8) char tmp[CHUNK * 8];
    int64_t steps[2] = {8, (int64_t)isz};
    for (int64_t i = 0; i < a->size; i += CHUNK) {
        int64_t m = a->size - i < CHUNK ? a->size - i : CHUNK;
        gen(params, i, m, tmp);
        char *args[2] = {tmp, a->data + (size_t)i * isz};
        cast(args, m, steps, NULL);
    }
}

/* NumPy's fill: the first two values are start and start + step, each
 * converted to the dtype; the rest are v0 + i * (v1 - v0), computed in the
 * dtype (so float32 drifts as NumPy's does, and integers wrap). */
typedef struct arange_params {
    double v0, v1;     /* float dtypes */
    uint64_t iv0, iv1; /* integer dtypes: the values mod 2^64 */
} arange_params;

/* In separate statements, so that no compiler fuses the multiply-add
 * (NumPy's loop rounds the product first). */
#define ARANGE_FLOAT_(E, sfx, T, W, ...)                                           \
    static void arange_##sfx(const void *params, int64_t first, int64_t n, void *out) { \
        const arange_params *p = params;                                           \
        const T v0 = (T)p->v0, v1 = (T)p->v1, delta = v1 - v0;                     \
        T *o = out;                                                                \
        for (int64_t i = 0; i < n; i++) {                                          \
            int64_t k = first + i;                                                 \
            T prod = (T)k * delta;                                                 \
            o[i] = k == 0 ? v0 : k == 1 ? v1 : v0 + prod;                          \
        }                                                                          \
    }
ND_FOR_FLOAT(ARANGE_FLOAT_, ~)
#undef ARANGE_FLOAT_

/* Integers in wrapping 64-bit arithmetic, converted to the dtype by the
 * truncating cast: the same as NumPy's v0 + i*delta in the dtype. */
static void arange_int(const void *params, int64_t first, int64_t n, void *out) {
    const arange_params *p = params;
    const uint64_t delta = p->iv1 - p->iv0;
    int64_t *o = out;
    for (int64_t i = 0; i < n; i++)
        o[i] = (int64_t)(p->iv0 + (uint64_t)(first + i) * delta);
}

static bool is_int64_integral(double v) {
    return v == trunc(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0;
}

/* x truncated toward zero, mod 2^64, as NumPy converts a Python number
 * into an integer dtype; false if it lies outside int64 (also outside
 * uint64 for uint32 and uint64, which NumPy converts through C's unsigned
 * long), where NumPy raises OverflowError. */
static bool unsigned_long_dtype(nd_dtype dt) { return dt == ND_UINT32 || dt == ND_UINT64; }
static bool to_int_bits(double x, nd_dtype dt, uint64_t *v) {
    if (x >= -9223372036854775808.0 && x < 9223372036854775808.0) {
        *v = (uint64_t)(int64_t)x;
        return true;
    }
    if (unsigned_long_dtype(dt) && x >= 0 && x < 18446744073709551616.0) {
        *v = (uint64_t)x;
        return true;
    }
    return false;
}

nd_array *nd_arange(double start, double stop, double step, nd_dtype dt) {
    static const char fn[] = "nd_arange";
    if (!nd__check_dtype(fn, dt)) return NULL;
    if (step == 0) {
        nd__error(ND_ERR_VALUE, fn, "step must not be zero");
        return NULL;
    }
    /* the length as NumPy computes it, including its rule for a quotient
     * that underflows to zero (a step of inf gives one value) */
    double delta = stop - start, q = delta / step;
    int64_t len;
    if (q == 0 && delta != 0) {
        len = signbit(q) ? 0 : 1;
    } else {
        double c = ceil(q);
        if (isnan(c)) {
            nd__error(ND_ERR_VALUE, fn, "cannot compute the length of arange(%g, %g, %g)", start, stop, step);
            return NULL;
        }
        if (!(c >= -9223372036854775808.0 && c < 9223372036854775808.0)) {
            nd__error(ND_ERR_OVERFLOW, fn, "the length of arange(%g, %g, %g) overflows", start, stop, step);
            return NULL;
        }
        len = c < 0 ? 0 : (int64_t)c;
    }
    if (dt == ND_BOOL && len > 2) {
        nd__error(ND_ERR_DTYPE, fn, "bool results are supported for at most 2 values, not %lld", (long long)len);
        return NULL;
    }
    arange_params p = {start, start + step, 0, 0};
    nd_kind k = nd__kind(dt);
    bool ints = k == ND_KIND_INT || k == ND_KIND_UINT;
    if (ints && is_int64_integral(start) && is_int64_integral(step)) {
        /* exact where a double is not (beyond 2^53) */
        p.iv0 = (uint64_t)(int64_t)start;
        p.iv1 = p.iv0 + (uint64_t)(int64_t)step;
    } else if (ints && len > 0) {
        double bad = start;
        bool ok = to_int_bits(start, dt, &p.iv0);
        if (ok && len > 1) {
            bad = start + step;
            ok = to_int_bits(bad, dt, &p.iv1);
        }
        if (!ok) {
            nd__error(ND_ERR_OVERFLOW, fn, "value %g of arange(%g, %g, %g) does not fit %s", bad,
                      start, stop, step, unsigned_long_dtype(dt) ? "uint64" : "int64");
            return NULL;
        }
    }
    nd_array *a = nd__alloc_array(fn, 1, &len, dt);
    if (!a) return NULL;
    if (ints) emit(a, ND_INT64, arange_int, &p);
    else if (dt == ND_FLOAT32) emit(a, ND_FLOAT32, arange_f32, &p);
    else emit(a, ND_FLOAT64, arange_f64, &p); /* float64, and bool's two values */
    return a;
}

typedef struct linspace_params {
    int64_t num, div;
    double start, stop, delta, step;
    bool endpoint, floor; /* floor: integer dtypes round down, as NumPy */
} linspace_params;

/* NumPy's arithmetic, operation for operation, so float64 results match
 * bit for bit: i*step + start, or (i/div)*delta + start when step
 * underflows to zero, and the last value exactly stop. */
static void linspace_f64(const void *params, int64_t first, int64_t n, void *out) {
    const linspace_params *p = params;
    double *o = out;
    for (int64_t j = 0; j < n; j++) {
        int64_t i = first + j;
        double y;
        if (p->div <= 0) y = (double)i * p->delta + p->start;
        else if (p->step == 0) y = (double)i / (double)p->div * p->delta + p->start;
        else y = (double)i * p->step + p->start;
        if (p->endpoint && p->num > 1 && i == p->num - 1) y = p->stop;
        o[j] = p->floor ? floor(y) : y;
    }
}

nd_array *nd_linspace(double start, double stop, int64_t num, bool endpoint, nd_dtype dt) {
    static const char fn[] = "nd_linspace";
    if (!nd__check_dtype(fn, dt)) return NULL;
    if (num < 0) {
        nd__error(ND_ERR_VALUE, fn, "number of samples, %lld, must be non-negative", (long long)num);
        return NULL;
    }
    nd_array *a = nd__alloc_array(fn, 1, &num, dt);
    if (!a) return NULL;
    linspace_params p;
    p.num = num;
    p.div = endpoint ? num - 1 : num;
    p.start = start;
    p.stop = stop;
    p.delta = stop - start;
    p.step = p.div > 0 ? p.delta / (double)p.div : NAN;
    p.endpoint = endpoint;
    p.floor = nd__kind(dt) == ND_KIND_INT || nd__kind(dt) == ND_KIND_UINT;
    emit(a, ND_FLOAT64, linspace_f64, &p);
    return a;
}

/* ------------------------------------------------------------ eye, from_data */

nd_array *nd_eye(int64_t n, int64_t m, int64_t k, nd_dtype dt) {
    static const char fn[] = "nd_eye";
    if (m < 0) m = n;
    int64_t shape[2] = {n, m};
    nd_array *a = alloc(fn, 2, shape, dt);
    if (!a) return NULL;
    size_t isz = nd__itemsize(dt);
    if (a->size) memset(a->data, 0, (size_t)a->size * isz);
    /* the diagonal starts at (r, c) and has count elements; written by
     * bytes from one converted 1 so that no loop is per dtype. Comparisons
     * avoid negating k, which may be INT64_MIN. */
    if (a->size == 0 || k >= m || k <= -n) return a;
    int64_t r = k < 0 ? -k : 0, c = k > 0 ? k : 0;
    int64_t count = n - r < m - c ? n - r : m - c;
    char one[8];
    double v = 1.0;
    char *args[2] = {(char *)&v, one};
    int64_t steps[2] = {0, (int64_t)isz};
    nd__cast_loop(ND_FLOAT64, dt)(args, 1, steps, NULL);
    char *p = a->data + ((size_t)r * (size_t)m + (size_t)c) * isz;
    for (int64_t i = 0; i < count; i++, p += ((size_t)m + 1) * isz) memcpy(p, one, isz);
    return a;
}

nd_array *nd_from_data(const void *data, int ndim, const int64_t *shape, nd_dtype dt) {
    static const char fn[] = "nd_from_data";
    if (!nd__check_dtype(fn, dt) || !nd__check_shape(fn, ndim, shape)) return NULL;
    int64_t n = nd__checked_size(ndim, shape, nd__itemsize(dt));
    if (n > 0 && !data) { /* n < 0 (overflow) is reported by the allocation */
        nd__null_arg(fn, "data");
        return NULL;
    }
    nd_array *a = nd__alloc_array(fn, ndim, shape, dt);
    if (a && a->size) memcpy(a->data, data, (size_t)a->size * nd__itemsize(dt));
    return a;
}

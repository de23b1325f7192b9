/* libnd: N-dimensional arrays for C, with NumPy's array model.
 *
 * This is the only header a program includes. It compiles as C11 and as C++.
 *
 * Conventions (see README.md for a tour):
 *  - A function that makes an array returns a new handle, or NULL on error.
 *    Every other fallible function returns nd_status (ND_OK == 0).
 *  - nd_errmsg() gives the thread-local message of the last error. A NULL
 *    argument keeps a pending message, so the first failure in a chain of
 *    calls is the one reported; nd_clear_error() resets it.
 *  - Every handle is released with nd_free(). Views are handles of their own
 *    that keep the memory alive, so the parent may be freed first.
 *  - Strides are signed counts of elements, not bytes.
 *  - Functions ending in _out write into an existing array (which may be a
 *    view, and may be one of the inputs).
 */
#ifndef ND_H
#define ND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ND_BUILDING) && defined(__GNUC__)
#define ND_API __attribute__((visibility("default")))
#else
#define ND_API
#endif

#define ND_VERSION_MAJOR 0
#define ND_VERSION_MINOR 1
#define ND_VERSION_PATCH 0
ND_API const char *nd_version(void);

/* Arrays have at most this many dimensions. */
#define ND_MAX_DIMS 32

/* An array handle; see the accessors below. */
typedef struct nd_array nd_array;

/* ---------------------------------------------------------------- errors */

typedef enum nd_status {
    ND_OK = 0,
    ND_ERR_NULL,        /* a required argument was NULL */
    ND_ERR_SHAPE,       /* shapes do not match or cannot broadcast */
    ND_ERR_DTYPE,       /* a dtype is not supported by the operation */
    ND_ERR_VALUE,       /* an argument's value is invalid */
    ND_ERR_INDEX,       /* an index or axis is out of range */
    ND_ERR_OVERFLOW,    /* a size computation overflowed */
    ND_ERR_NOMEM,       /* an allocation failed */
    ND_ERR_READONLY,    /* the output is read-only (e.g. a broadcast view) */
    ND_ERR_UNSUPPORTED, /* the request is valid but not available here */
    ND_ERR_IO,          /* reading or writing a file failed */
    ND_ERR_LINALG       /* singular matrix, no convergence, ... */
} nd_status;

/* The message of the last error on this thread ("" if none). */
ND_API const char *nd_errmsg(void);
/* The status of the last error on this thread (ND_OK if none). */
ND_API nd_status nd_last_status(void);
ND_API void nd_clear_error(void);
ND_API const char *nd_status_name(nd_status s);

/* ---------------------------------------------------------------- dtypes */

typedef enum nd_dtype {
    ND_BOOL = 0,
    ND_INT8,
    ND_INT16,
    ND_INT32,
    ND_INT64,
    ND_UINT8,
    ND_UINT16,
    ND_UINT32,
    ND_UINT64,
    ND_FLOAT32,
    ND_FLOAT64,
    ND_NUM_DTYPES
} nd_dtype;

typedef enum nd_casting {
    ND_CAST_NO = 0,     /* identical dtypes only */
    ND_CAST_SAFE,       /* values are preserved (int32 -> float64, ...) */
    ND_CAST_SAME_KIND,  /* safe, or within a kind (float64 -> float32, ...) */
    ND_CAST_UNSAFE      /* anything */
} nd_casting;

ND_API const char *nd_dtype_name(nd_dtype dt);  /* "float32"; NULL if invalid */
ND_API size_t nd_dtype_size(nd_dtype dt);       /* bytes; 0 if invalid */
ND_API bool nd_dtype_is_float(nd_dtype dt);
ND_API bool nd_dtype_is_integer(nd_dtype dt);   /* signed or unsigned, not bool */
ND_API bool nd_dtype_is_signed(nd_dtype dt);    /* signed ints and floats */
/* NumPy's promotion table (np.promote_types). Returns ND_NUM_DTYPES on error. */
ND_API nd_dtype nd_promote_types(nd_dtype a, nd_dtype b);
/* The dtype an operation on a and b computes in (np.result_type). Arrays
 * promote by dtype only, 0-d ones too (NEP 50; NumPy 1.x's value-based
 * casting of 0-d arrays is not reproduced). ND_NUM_DTYPES on error. */
ND_API nd_dtype nd_result_type(const nd_array *a, const nd_array *b);
ND_API bool nd_can_cast(nd_dtype from, nd_dtype to, nd_casting casting);

/* ---------------------------------------------------------------- arrays */


/* Memory for array data, handles and scratch goes through these hooks.
 * alloc must return memory aligned to `align` (a power of two, at most 4096)
 * or NULL. Passing NULL restores malloc-based defaults (which, on Linux, ask
 * for transparent huge pages on blocks of 4 MiB and more, as NumPy does).
 * Set the hooks before creating arrays: memory is always released by the
 * hooks that made it. */
typedef struct nd_allocator {
    void *(*alloc)(size_t size, size_t align, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} nd_allocator;
ND_API nd_status nd_set_allocator(const nd_allocator *allocator);

ND_API void nd_free(nd_array *a);  /* NULL is ignored */

ND_API int nd_ndim(const nd_array *a);
ND_API const int64_t *nd_shape(const nd_array *a);
ND_API const int64_t *nd_strides(const nd_array *a); /* in elements */
ND_API int64_t nd_size(const nd_array *a);           /* number of elements */
ND_API nd_dtype nd_dtype_of(const nd_array *a);
ND_API size_t nd_itemsize(const nd_array *a);
ND_API size_t nd_nbytes(const nd_array *a);          /* size * itemsize */
ND_API void *nd_data(const nd_array *a);             /* first element */
ND_API bool nd_is_c_contiguous(const nd_array *a);
ND_API bool nd_is_f_contiguous(const nd_array *a);
ND_API bool nd_is_writeable(const nd_array *a);
/* True when the two arrays' memory ranges intersect (np.may_share_memory). */
ND_API bool nd_may_share_memory(const nd_array *a, const nd_array *b);

/* ---------------------------------------------------------------- creation */

ND_API nd_array *nd_empty(int ndim, const int64_t *shape, nd_dtype dt);
ND_API nd_array *nd_zeros(int ndim, const int64_t *shape, nd_dtype dt);
ND_API nd_array *nd_ones(int ndim, const int64_t *shape, nd_dtype dt);
/* value is converted as by astype (NumPy's float-to-int truncation). */
ND_API nd_array *nd_full(int ndim, const int64_t *shape, nd_dtype dt, double value);
ND_API nd_array *nd_empty_like(const nd_array *a);
ND_API nd_array *nd_zeros_like(const nd_array *a);
ND_API nd_array *nd_ones_like(const nd_array *a);
ND_API nd_array *nd_full_like(const nd_array *a, double value);
/* A 0-d array holding value. */
ND_API nd_array *nd_scalar(double value, nd_dtype dt);
/* Exact for 64-bit integers, which a double cannot hold. */
ND_API nd_array *nd_scalar_i64(int64_t value, nd_dtype dt);
/* Values start, start+step, ... below stop (above, for step < 0):
 * ceil((stop - start) / step) of them, as np.arange. */
ND_API nd_array *nd_arange(double start, double stop, double step, nd_dtype dt);
ND_API nd_array *nd_linspace(double start, double stop, int64_t num, bool endpoint,
                             nd_dtype dt);
/* n x m with ones on diagonal k (m < 0 means m = n). */
ND_API nd_array *nd_eye(int64_t n, int64_t m, int64_t k, nd_dtype dt);
/* A C-contiguous copy of any array (np.array(a, copy=True)). */
ND_API nd_array *nd_copy(const nd_array *a);
/* The array itself as a new handle if already C-contiguous, else a copy. */
ND_API nd_array *nd_ascontiguousarray(const nd_array *a);
/* Copies C-ordered data of dtype dt into a new array. */
ND_API nd_array *nd_from_data(const void *data, int ndim, const int64_t *shape, nd_dtype dt);
/* Wraps caller memory without copying. strides NULL means C order. With a
 * deleter, deleter(data, ctx) runs once when the last view is freed; without
 * one the memory stays the caller's and must outlive every view. */
ND_API nd_array *nd_wrap(void *data, int ndim, const int64_t *shape, const int64_t *strides,
                         nd_dtype dt, void (*deleter)(void *data, void *ctx), void *ctx);
/* Copies a's values in C order into dst, which holds nbytes. */
ND_API nd_status nd_copy_to(const nd_array *a, void *dst, size_t nbytes);
/* Copies src into dst, broadcasting src and casting as by astype (np.copyto). */
ND_API nd_status nd_copyto(nd_array *dst, const nd_array *src);
/* A C-contiguous copy converted to dt, as NumPy's astype. Float to integer
 * truncates toward zero; out-of-range values, NaN and inf give what NumPy
 * 1.24 gives on x86-64 (e.g. INT32_MIN for int32, 0 for int8), defined here
 * on every platform. Any nonzero value, NaN included, becomes true. */
ND_API nd_array *nd_astype(const nd_array *a, nd_dtype dt);
/* Sets every element of a (which may be a view) to value. */
ND_API nd_status nd_fill(nd_array *a, double value);

/* ---------------------------------------------------------------- random */

/* A counter-based generator: the values depend only on the seed and on how
 * many values were drawn before, never on the thread count. */
typedef struct nd_rng {
    uint64_t key;
    uint64_t counter;
} nd_rng;
ND_API void nd_rng_seed(nd_rng *rng, uint64_t seed);
/* Uniform in [low, high). Float dtypes only. */
ND_API nd_array *nd_random_uniform(nd_rng *rng, double low, double high, int ndim,
                                   const int64_t *shape, nd_dtype dt);
ND_API nd_array *nd_random_normal(nd_rng *rng, double mean, double stddev, int ndim,
                                  const int64_t *shape, nd_dtype dt);
/* Integers uniform in [low, high). Integer dtypes only. */
ND_API nd_array *nd_random_integers(nd_rng *rng, int64_t low, int64_t high, int ndim,
                                    const int64_t *shape, nd_dtype dt);

/* ---------------------------------------------------------------- element access */

/* idx holds nd_ndim(a) indices; negative ones count from the end. */
ND_API void *nd_ptr(const nd_array *a, const int64_t *idx);
ND_API nd_status nd_get_f64(const nd_array *a, const int64_t *idx, double *value);
ND_API nd_status nd_get_i64(const nd_array *a, const int64_t *idx, int64_t *value);
ND_API nd_status nd_set_f64(nd_array *a, const int64_t *idx, double value);
ND_API nd_status nd_set_i64(nd_array *a, const int64_t *idx, int64_t value);

/* ---------------------------------------------------------------- views (no copy) */

/* Marks "use the default" in nd_slice_t fields, like an empty part of 1:. */
#define ND_NONE INT64_MIN

typedef struct nd_slice_t {
    int64_t start, stop, step; /* ND_NONE for the default; step 0 is an error */
} nd_slice_t;

/* Slices the first nslices axes with NumPy's clamping rules. */
ND_API nd_array *nd_slice(const nd_array *a, int nslices, const nd_slice_t *slices);
ND_API nd_array *nd_slice_axis(const nd_array *a, int axis, int64_t start, int64_t stop,
                               int64_t step);
/* a[..., i, ...] on one axis: the axis is dropped. */
ND_API nd_array *nd_index(const nd_array *a, int axis, int64_t i);
/* A NumPy indexing string: integers, slices, "None" / "newaxis" and "...",
 * separated by commas, e.g. "1:-1, ::2, None, ...". */
ND_API nd_array *nd_view(const nd_array *a, const char *index);
/* axes NULL reverses the axes (a.T); otherwise a permutation of 0..ndim-1. */
ND_API nd_array *nd_transpose(const nd_array *a, const int *axes);
ND_API nd_array *nd_swapaxes(const nd_array *a, int axis1, int axis2);
ND_API nd_array *nd_moveaxis(const nd_array *a, int source, int destination);
/* One entry of shape may be -1. A view when the strides allow, else a copy. */
ND_API nd_array *nd_reshape(const nd_array *a, int ndim, const int64_t *shape);
/* As nd_reshape but an error instead of a copy. */
ND_API nd_array *nd_reshape_view(const nd_array *a, int ndim, const int64_t *shape);
/* 1-D: a view when possible, else a copy. */
ND_API nd_array *nd_ravel(const nd_array *a);
/* naxes 0 removes every size-1 axis; otherwise the named ones (each must be 1). */
ND_API nd_array *nd_squeeze(const nd_array *a, int naxes, const int *axes);
/* Inserts a size-1 axis at position axis of the result (-1 = last). */
ND_API nd_array *nd_expand_dims(const nd_array *a, int axis);
/* A read-only view with stride 0 along stretched axes. */
ND_API nd_array *nd_broadcast_to(const nd_array *a, int ndim, const int64_t *shape);
/* naxes 0 flips every axis. */
ND_API nd_array *nd_flip(const nd_array *a, int naxes, const int *axes);
ND_API nd_array *nd_diagonal(const nd_array *a, int64_t offset, int axis1, int axis2);
/* The broadcast shape of several shapes; out_shape holds ND_MAX_DIMS. */
ND_API nd_status nd_broadcast_shapes(int n, const int *ndims, const int64_t *const *shapes,
                                     int *out_ndim, int64_t *out_shape);

/* ---------------------------------------------------------------- element-wise */

/* Every operation broadcasts its operands, promotes their dtypes as NumPy
 * does, accepts any strides, and has an _out variant. The _out variant
 * computes in the promoted dtype and casts to out's dtype when that cast is
 * same_kind; the broadcast shape of the inputs must equal out's shape. An out
 * that overlaps an input gives the same result as if the inputs were copied
 * first.
 *
 * Binary operations: nd_NAME(a, b) and nd_NAME_out(a, b, out). Integer
 * overflow wraps and integer division by zero gives 0, silently. uint64 with
 * int64 computes in float64, as in NumPy (inexact beyond 2^53). */
#define ND_BINARY_OPS(X)                                                           \
    X(add) X(subtract) X(multiply)                                                 \
    X(divide)        /* true division: integers give float64 */                    \
    X(floor_divide)  /* integer division by 0 gives 0, as NumPy */                 \
    X(remainder)     /* sign of the divisor, as NumPy / Python */                  \
    X(power)         /* integers to negative integer powers are an error */        \
    X(maximum) X(minimum) /* NaN-propagating */                                    \
    X(fmax) X(fmin)       /* NaN-ignoring */                                       \
    X(arctan2) X(hypot)                                                            \
    X(equal) X(not_equal) X(less) X(less_equal) X(greater) X(greater_equal)        \
    X(logical_and) X(logical_or) X(logical_xor)                                    \
    X(bitwise_and) X(bitwise_or) X(bitwise_xor)                                    \
    X(left_shift) X(right_shift) /* bool and integers only */

/* Unary operations: nd_NAME(a) and nd_NAME_out(a, out). Operations that
 * need a float give float64 for 32- and 64-bit integers and float32 for
 * bool and 8/16-bit integers (NumPy uses float16, which libnd lacks). */
#define ND_UNARY_OPS(X)                                                            \
    X(negative) X(abs) X(sign) X(sqrt) X(square)                                   \
    X(reciprocal) /* integers give float (NumPy's integer 1/x is a wart) */       \
    X(exp) /* float32 on the avx2 level: within 1 ULP, not libm's bits */          \
    X(exp2) X(expm1) X(log) X(log2) X(log10) X(log1p)                              \
    X(sin) X(cos) X(tan) X(arcsin) X(arccos) X(arctan)                             \
    X(sinh) X(cosh) X(tanh) X(sigmoid) X(relu)                                     \
    X(floor) X(ceil) X(rint) X(trunc) /* bool and integers keep their dtype */     \
    X(isnan) X(isinf) X(isfinite) X(logical_not)                                   \
    X(bitwise_not) /* np.invert: bool and integers */

#define ND_DECLARE_BINARY_(name)                                                   \
    ND_API nd_array *nd_##name(const nd_array *a, const nd_array *b);              \
    ND_API nd_status nd_##name##_out(const nd_array *a, const nd_array *b, nd_array *out);
#define ND_DECLARE_UNARY_(name)                                                    \
    ND_API nd_array *nd_##name(const nd_array *a);                                 \
    ND_API nd_status nd_##name##_out(const nd_array *a, nd_array *out);
ND_BINARY_OPS(ND_DECLARE_BINARY_)
ND_UNARY_OPS(ND_DECLARE_UNARY_)
#undef ND_DECLARE_BINARY_
#undef ND_DECLARE_UNARY_

/* cond ? a : b element-wise, all three broadcast; cond is read as bool. */
ND_API nd_array *nd_where(const nd_array *cond, const nd_array *a, const nd_array *b);
ND_API nd_status nd_where_out(const nd_array *cond, const nd_array *a, const nd_array *b,
                              nd_array *out);
/* min(max(a, lo), hi) element-wise, lo and hi broadcast (np.clip). NaN in a
 * stays NaN. The result has the promoted dtype of the three. */
ND_API nd_array *nd_clip(const nd_array *a, const nd_array *lo, const nd_array *hi);
ND_API nd_status nd_clip_out(const nd_array *a, const nd_array *lo, const nd_array *hi,
                             nd_array *out);

/* Axis arguments: ND_AXIS_NONE in a single-axis argument means the
 * flattened array; ND_ALL_AXES as an axis count means every axis. */
#define ND_AXIS_NONE INT32_MIN
#define ND_ALL_AXES (-1)

#include "nd/reduce.h"
#include "nd/manip.h"
#include "nd/index.h"
#include "nd/sort.h"
#include "nd/linalg.h"
#include "nd/io.h"
#include "nd/dlpack.h"

/* ---------------------------------------------------------------- runtime settings */

/* Threads used for large operations. 0 restores the default (ND_NUM_THREADS
 * from the environment, else the number of online CPUs). */
ND_API nd_status nd_set_num_threads(int n);
ND_API int nd_get_num_threads(void);

/* Kernel level: "ref" (portable C), "avx2", "avx512", "neon". NULL restores
 * the best the CPU supports (or ND_ARCH from the environment). A level the CPU
 * or this build lacks is an error. */
ND_API nd_status nd_set_arch(const char *arch);
ND_API const char *nd_get_arch(void);

#ifdef __cplusplus
}
#endif
#endif /* ND_H */

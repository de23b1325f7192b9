/** @file
 * libnd: N-dimensional arrays for C, with NumPy's array model.
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

/** Marks the public functions: default symbol visibility while libnd itself
 *  is built (ND_BUILDING with GCC or Clang), nothing for programs using it. */
#if defined(ND_BUILDING) && defined(__GNUC__)
#define ND_API __attribute__((visibility("default")))
#else
#define ND_API
#endif

/** Major version of this header. */
#define ND_VERSION_MAJOR 0
/** Minor version of this header. */
#define ND_VERSION_MINOR 1
/** Patch version of this header. */
#define ND_VERSION_PATCH 0
/** The version of the library linked, as "MAJOR.MINOR.PATCH".
 *  It matches the ND_VERSION_* macros of the header the library was built with.
 *  @return a static string such as "0.1.0".
 *
 *  Errors: none.
 *
 *  NumPy: np.__version__
 */
ND_API const char *nd_version(void);

/** Arrays have at most this many dimensions. */
#define ND_MAX_DIMS 32

/** An array handle; see the accessors below.
 *  Opaque: made by the creation, view and operation functions, released with
 *  nd_free(). NumPy: np.ndarray. */
typedef struct nd_array nd_array;

/* ---------------------------------------------------------------- errors */

/** The result of every fallible function that does not return an array. */
typedef enum nd_status {
    ND_OK = 0,          /**< success */
    ND_ERR_NULL,        /**< a required argument was NULL */
    ND_ERR_SHAPE,       /**< shapes do not match or cannot broadcast */
    ND_ERR_DTYPE,       /**< a dtype is not supported by the operation */
    ND_ERR_VALUE,       /**< an argument's value is invalid */
    ND_ERR_INDEX,       /**< an index or axis is out of range */
    ND_ERR_OVERFLOW,    /**< a size computation overflowed */
    ND_ERR_NOMEM,       /**< an allocation failed */
    ND_ERR_READONLY,    /**< the output is read-only (e.g.\ a broadcast view) */
    ND_ERR_UNSUPPORTED, /**< the request is valid but not available here */
    ND_ERR_IO,          /**< reading or writing a file failed */
    ND_ERR_LINALG       /**< singular matrix, no convergence, ... */
} nd_status;

/** The message of the last error on this thread ("" if none).
 *  It starts with the failing function's name, as in "nd_add: operands could
 *  not be broadcast together with shapes (3,4) (3,)". Successful calls leave
 *  it as it is.
 *  @return the thread's message buffer, rewritten by the next error.
 *
 *  Errors: none.
 *
 *  NumPy: str(e) of the exception raised.
 */
ND_API const char *nd_errmsg(void);
/** The status of the last error on this thread (ND_OK if none).
 *  @return the status that goes with nd_errmsg().
 *
 *  Errors: none.
 *
 *  NumPy: the type of the exception raised.
 */
ND_API nd_status nd_last_status(void);
/** Forgets the last error on this thread: nd_errmsg() gives "" and
 *  nd_last_status() ND_OK. Call it before a chain of calls whose first
 *  failure should be reported, as a NULL argument keeps a pending message.
 *
 *  Errors: none.
 *
 *  NumPy: none (exceptions need no reset).
 */
ND_API void nd_clear_error(void);
/** A short name for a status: "ok", "shape error", "out of memory", ...
 *  @param s The status.
 *  @return a static string; "unknown status" for a value outside nd_status.
 *
 *  Errors: none.
 *
 *  NumPy: the exception's class name.
 */
ND_API const char *nd_status_name(nd_status s);
/** Records an error on this thread, as libnd's own functions do: for
 *  libraries built on libnd (its autodiff layer uses it) whose functions
 *  report errors the same way. The message becomes "fn: " followed by the
 *  formatted text.
 *  @param status The status to record (not ND_OK).
 *  @param fn The name of the failing function, as the caller called it.
 *  @param fmt A printf format for the rest of the message.
 *  @param ... The format's arguments.
 *  @return status.
 *
 *  Errors: none (this is how errors are made).
 *
 *  NumPy: raise ValueError(...) and the like.
 */
ND_API nd_status nd_set_error(nd_status status, const char *fn, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/** The count of errors recorded on this thread so far: take it when a
 *  function starts, and pass it to nd_error_relabel() when it fails.
 *  @return a count that grows with every error recorded.
 *
 *  Errors: none.
 *
 *  NumPy: none.
 */
ND_API unsigned long nd_error_mark(void);
/** For a function built on libnd that failed after calling libnd: if an
 *  error was recorded since mark (by an inner call such as nd_add), states
 *  it again under fn's name ("nd_add: x" becomes "fn: x"), so the message
 *  names the function the caller called. A pending error from before mark
 *  (which a NULL argument keeps) is left as it is.
 *  @param fn The name of the failing function.
 *  @param mark The value nd_error_mark() gave when the function started.
 *  @return the status of the pending error (ND_OK if there is none).
 *
 *  Errors: none.
 *
 *  NumPy: none (an exception names its own frame).
 */
ND_API nd_status nd_error_relabel(const char *fn, unsigned long mark);

/* ---------------------------------------------------------------- dtypes */

/** Element types: NumPy's bool, integer and float dtypes (no float16). */
typedef enum nd_dtype {
    ND_BOOL = 0,  /**< bool: one byte holding 0 or 1 */
    ND_INT8,      /**< int8_t */
    ND_INT16,     /**< int16_t */
    ND_INT32,     /**< int32_t */
    ND_INT64,     /**< int64_t */
    ND_UINT8,     /**< uint8_t */
    ND_UINT16,    /**< uint16_t */
    ND_UINT32,    /**< uint32_t */
    ND_UINT64,    /**< uint64_t */
    ND_FLOAT32,   /**< float (IEEE binary32) */
    ND_FLOAT64,   /**< double (IEEE binary64) */
    ND_NUM_DTYPES /**< the number of dtypes; not a dtype (the error value of dtype results) */
} nd_dtype;

/** Casting rules, as NumPy's casting= argument. */
typedef enum nd_casting {
    ND_CAST_NO = 0,     /**< identical dtypes only */
    ND_CAST_SAFE,       /**< values are preserved (int32 -> float64, ...) */
    ND_CAST_SAME_KIND,  /**< safe, or within a kind (float64 -> float32, ...) */
    ND_CAST_UNSAFE      /**< anything */
} nd_casting;

/** The dtype's name as NumPy spells it ("float32").
 *  @param dt The dtype.
 *  @return a static string, or NULL if dt is not a valid dtype.
 *
 *  Errors: none (nothing is recorded).
 *
 *  NumPy: np.dtype(dt).name
 */
ND_API const char *nd_dtype_name(nd_dtype dt);
/** The size of one element of dtype dt, in bytes.
 *  @param dt The dtype.
 *  @return the size in bytes; 0 if dt is not a valid dtype.
 *
 *  Errors: none (nothing is recorded).
 *
 *  NumPy: np.dtype(dt).itemsize
 */
ND_API size_t nd_dtype_size(nd_dtype dt);
/** Whether dt is float32 or float64.
 *  @param dt The dtype.
 *  @return true for a float dtype; false otherwise, or if dt is invalid.
 *
 *  Errors: none.
 *
 *  NumPy: np.issubdtype(dt, np.floating)
 */
ND_API bool nd_dtype_is_float(nd_dtype dt);
/** Whether dt is a signed or unsigned integer dtype (bool is not).
 *  @param dt The dtype.
 *  @return true for an integer dtype; false otherwise, or if dt is invalid.
 *
 *  Errors: none.
 *
 *  NumPy: np.issubdtype(dt, np.integer)
 */
ND_API bool nd_dtype_is_integer(nd_dtype dt);
/** Whether dt holds negative values: signed integers and floats.
 *  @param dt The dtype.
 *  @return true for a signed dtype; false otherwise, or if dt is invalid.
 *
 *  Errors: none.
 *
 *  NumPy: np.dtype(dt).kind in "if"
 */
ND_API bool nd_dtype_is_signed(nd_dtype dt);
/** NumPy's promotion table (np.promote_types).
 *  uint64 with a signed integer gives float64, as in NumPy.
 *  @param a The first dtype.
 *  @param b The second dtype.
 *  @return the smallest dtype both convert to safely; ND_NUM_DTYPES on error.
 *
 *  Errors: ND_ERR_DTYPE if a or b is not a valid dtype.
 *
 *  NumPy: np.promote_types(a, b)
 */
ND_API nd_dtype nd_promote_types(nd_dtype a, nd_dtype b);
/** The dtype an operation on a and b computes in (np.result_type). Arrays
 * promote by dtype only, 0-d ones too (NEP 50; NumPy 1.x's value-based
 * casting of 0-d arrays is not reproduced).
 *  @param a The first array.
 *  @param b The second array.
 *  @return the promoted dtype of a and b; ND_NUM_DTYPES on error.
 *
 *  Errors: ND_ERR_NULL if a or b is NULL.
 *
 *  NumPy: np.result_type(a, b)
 */
ND_API nd_dtype nd_result_type(const nd_array *a, const nd_array *b);
/** NumPy's promotion of several dtypes at once (np.result_type(*dtypes)).
 *  Not a pairwise fold of nd_promote_types(): with a float among them, each
 *  integer promotes with that float on its own, so int16, uint16 and
 *  float32 give float32 where a fold gives float64 (through int32). The
 *  order of the dtypes does not matter.
 *  @param n The number of dtypes, at least 1.
 *  @param dtypes n dtypes.
 *  @return the promoted dtype; ND_NUM_DTYPES on error.
 *
 *  Errors: ND_ERR_VALUE if n < 1; ND_ERR_NULL if dtypes is NULL;
 *  ND_ERR_DTYPE if a dtype is invalid.
 *
 *  NumPy: np.result_type(*dtypes)
 */
ND_API nd_dtype nd_promote_types_n(int n, const nd_dtype *dtypes);
/** The dtype an operation on n arrays computes in, as nd_promote_types_n()
 *  of their dtypes (np.result_type of arrays, by dtype only as
 *  nd_result_type()). nd_clip, nd_concatenate, nd_stack, nd_choose and
 *  nd_einsum promote their operands this way.
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @return the promoted dtype; ND_NUM_DTYPES on error.
 *
 *  Errors: ND_ERR_VALUE if n < 1; ND_ERR_NULL if arrays or an entry is
 *  NULL.
 *
 *  NumPy: np.result_type(*arrays)
 */
ND_API nd_dtype nd_result_type_n(int n, const nd_array *const *arrays);
/** Whether a value of dtype from may be converted to dtype to under a rule.
 *  @param from The source dtype.
 *  @param to The target dtype.
 *  @param casting The rule.
 *  @return true if the rule allows the conversion; false if not, or if a
 *  dtype is invalid.
 *
 *  Errors: none (nothing is recorded).
 *
 *  NumPy: np.can_cast(from, to, casting)
 */
ND_API bool nd_can_cast(nd_dtype from, nd_dtype to, nd_casting casting);

/* ---------------------------------------------------------------- arrays */


/** Memory hooks: array data, handles and scratch all go through them.
 * alloc must return memory aligned to `align` (a power of two, at most 4096)
 * or NULL. Passing NULL restores malloc-based defaults (which, on Linux, ask
 * for transparent huge pages on blocks of 4 MiB and more, as NumPy does).
 * Set the hooks before creating arrays: memory is always released by the
 * hooks that made it. */
typedef struct nd_allocator {
    void *(*alloc)(size_t size, size_t align, void *ctx); /**< size bytes aligned to align, or NULL */
    void (*free)(void *ptr, void *ctx);                   /**< releases a block alloc returned */
    void *ctx;                                            /**< passed to both hooks */
} nd_allocator;
/** Installs memory hooks (see nd_allocator), or restores the defaults.
 *  @param allocator The hooks, copied; NULL restores the malloc-based defaults.
 *  @return ND_OK, or ND_ERR_NULL (the hooks are left as they were).
 *
 *  Errors: ND_ERR_NULL if alloc or free is NULL.
 *
 *  NumPy: PyDataMem_SetHandler() in the C API (NEP 49).
 */
ND_API nd_status nd_set_allocator(const nd_allocator *allocator);

/** Releases a handle; the memory goes when its last handle does.
 *  @param a The handle, or NULL (ignored).
 *
 *  Errors: none.
 *
 *  NumPy: del a
 */
ND_API void nd_free(nd_array *a);

/** The number of dimensions (0 for a 0-d array).
 *  @param a The array.
 *  @return ndim, or 0 on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.ndim
 */
ND_API int nd_ndim(const nd_array *a);
/** The length of each axis.
 *  @param a The array.
 *  @return nd_ndim(a) lengths, valid while a lives; NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.shape
 */
ND_API const int64_t *nd_shape(const nd_array *a);
/** The stride of each axis, in elements (NumPy's are in bytes).
 *  @param a The array.
 *  @return nd_ndim(a) signed strides, valid while a lives; NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: np.array(a.strides) // a.itemsize
 */
ND_API const int64_t *nd_strides(const nd_array *a);
/** The number of elements (the product of the shape; 1 for 0-d).
 *  @param a The array.
 *  @return the element count, or 0 on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.size
 */
ND_API int64_t nd_size(const nd_array *a);
/** The element dtype.
 *  @param a The array.
 *  @return the dtype, or ND_NUM_DTYPES on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.dtype
 */
ND_API nd_dtype nd_dtype_of(const nd_array *a);
/** The size of one element, in bytes.
 *  @param a The array.
 *  @return the element size, or 0 on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.itemsize
 */
ND_API size_t nd_itemsize(const nd_array *a);
/** The bytes the elements occupy: size * itemsize.
 *  @param a The array.
 *  @return nd_size(a) * nd_itemsize(a), or 0 on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.nbytes
 */
ND_API size_t nd_nbytes(const nd_array *a);
/** The address of the first element (index 0 on every axis).
 *  Element i is at ((T *)nd_data(a))[sum of i[k] * nd_strides(a)[k]].
 *  @param a The array.
 *  @return the address, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.ctypes.data
 */
ND_API void *nd_data(const nd_array *a);
/** Whether the elements are contiguous in C (row-major) order.
 *  As NumPy, axes of length 1 may have any stride and empty arrays count as
 *  contiguous.
 *  @param a The array.
 *  @return the flag; false on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.flags.c_contiguous
 */
ND_API bool nd_is_c_contiguous(const nd_array *a);
/** Whether the elements are contiguous in Fortran (column-major) order.
 *  @param a The array.
 *  @return the flag; false on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.flags.f_contiguous
 */
ND_API bool nd_is_f_contiguous(const nd_array *a);
/** Whether the array may be written (false for broadcast views).
 *  @param a The array.
 *  @return the flag; false on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: a.flags.writeable
 */
ND_API bool nd_is_writeable(const nd_array *a);
/** True when the two arrays' memory ranges intersect (np.may_share_memory).
 *  Only the byte ranges are compared, so strided views that interleave
 *  count as sharing.
 *  @param a The first array.
 *  @param b The second array.
 *  @return true if the ranges intersect; false if not, if either array is
 *  empty, or if either is NULL.
 *
 *  Errors: none (NULL gives false, nothing is recorded).
 *
 *  NumPy: np.may_share_memory(a, b)
 */
ND_API bool nd_may_share_memory(const nd_array *a, const nd_array *b);
/** The write count of the memory a views: a number shared by every view
 *  of the same buffer, which grows with each write through libnd into it
 *  (every _out and _inplace form, nd_copyto, nd_fill, nd_set_f64 and
 *  nd_set_i64, nd_put and the other indexing assignments, nd_sort_inplace,
 *  nd_random_shuffle, nd_axpy_inplace, ...). Writes through nd_data(),
 *  nd_ptr(), DLPack or the memory behind nd_wrap() are not seen, and two
 *  nd_wrap() handles of the same memory count separately. The autodiff tape
 *  uses it to detect an array changed after it was saved (PyTorch's
 *  version counter).
 *  @param a The array.
 *  @return the count (0 for memory never written through libnd since it
 *  was made), or 0 on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: none (PyTorch: a._version).
 */
ND_API uint64_t nd_data_version(const nd_array *a);

/* ---------------------------------------------------------------- creation */

/** A new C-contiguous array with uninitialised elements.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_VALUE if ndim is out of
 *  range or a length is negative; ND_ERR_NULL if shape is NULL with ndim > 0;
 *  ND_ERR_OVERFLOW if the size overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.empty(shape, dt)
 */
ND_API nd_array *nd_empty(int ndim, const int64_t *shape, nd_dtype dt);
/** A new C-contiguous array of zeros (false, +0.0).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_empty().
 *
 *  NumPy: np.zeros(shape, dt)
 */
ND_API nd_array *nd_zeros(int ndim, const int64_t *shape, nd_dtype dt);
/** A new C-contiguous array of ones (true for bool).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_empty().
 *
 *  NumPy: np.ones(shape, dt)
 */
ND_API nd_array *nd_ones(int ndim, const int64_t *shape, nd_dtype dt);
/** A new C-contiguous array with every element set to value.
 * value is converted as by astype (NumPy's float-to-int truncation).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype.
 *  @param value The fill value.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_empty().
 *
 *  NumPy: np.full(shape, value, dt)
 */
ND_API nd_array *nd_full(int ndim, const int64_t *shape, nd_dtype dt, double value);
/** A new uninitialised array with a's shape and dtype.
 *  It is laid out in a's memory order (NumPy's order='K'): C order if a is
 *  C-contiguous, F order if F-contiguous, else axes by decreasing stride.
 *  @param a The model array.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.empty_like(a)
 */
ND_API nd_array *nd_empty_like(const nd_array *a);
/** As nd_empty_like(), filled with zeros.
 *  @param a The model array.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.zeros_like(a)
 */
ND_API nd_array *nd_zeros_like(const nd_array *a);
/** As nd_empty_like(), filled with ones.
 *  @param a The model array.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.ones_like(a)
 */
ND_API nd_array *nd_ones_like(const nd_array *a);
/** As nd_empty_like(), filled with value (converted as by astype).
 *  @param a The model array.
 *  @param value The fill value.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.full_like(a, value)
 */
ND_API nd_array *nd_full_like(const nd_array *a, double value);
/** A 0-d array holding value.
 *  value is converted as by astype.
 *  @param value The value.
 *  @param dt The dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_NOMEM.
 *
 *  NumPy: np.array(value, dtype=dt)
 */
ND_API nd_array *nd_scalar(double value, nd_dtype dt);
/** A 0-d array holding a 64-bit integer.
 * Exact for 64-bit integers, which a double cannot hold: value is converted
 * from int64 as by astype.
 *  @param value The value.
 *  @param dt The dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_NOMEM.
 *
 *  NumPy: np.array(value, dtype=np.int64).astype(dt)
 */
ND_API nd_array *nd_scalar_i64(int64_t value, nd_dtype dt);
/** Evenly spaced values in [start, stop), as np.arange.
 * ceil((stop - start) / step) values, computed as NumPy computes them: the
 * first two are start and start + step converted to dt (integer dtypes
 * truncate), and value i is v0 + i * (v1 - v0) in dt, so float32 results
 * match NumPy's bit for bit (np.arange(-1.0, 1.1, 0.1, dtype=np.float32)[4]
 * is -0.5999999) and integers wrap as NumPy's. Integer dtypes with integral
 * start and step are computed exactly in 64 bits, as NumPy does with
 * Python ints.
 *  @param start The first value.
 *  @param stop The end, not included.
 *  @param step The spacing, not 0.
 *  @param dt The dtype.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid, or bool with more than 2 values;
 *  ND_ERR_VALUE if step is 0 or the length is NaN; ND_ERR_OVERFLOW if the
 *  length overflows, or if for an integer dtype start or start + step lies
 *  beyond int64 (uint64 for uint32 and uint64), as NumPy's OverflowError;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.arange(start, stop, step, dtype=dt)
 */
ND_API nd_array *nd_arange(double start, double stop, double step, nd_dtype dt);
/** num evenly spaced values over [start, stop] (or [start, stop)).
 *  Computed as NumPy computes them, so float64 results match bit for bit;
 *  integer dtypes round down, as NumPy.
 *  @param start The first value.
 *  @param stop The last value (or the end, without endpoint).
 *  @param num The number of values, not negative.
 *  @param endpoint Whether stop is the last value.
 *  @param dt The dtype.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_VALUE if num is negative;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.linspace(start, stop, num, endpoint, dtype=dt)
 */
ND_API nd_array *nd_linspace(double start, double stop, int64_t num, bool endpoint,
                             nd_dtype dt);
/** An identity-like matrix.
 * n x m with ones on diagonal k (m < 0 means m = n).
 *  @param n The number of rows.
 *  @param m The number of columns; negative for n.
 *  @param k The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @param dt The dtype.
 *  @return a new 2-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_VALUE if n is negative;
 *  ND_ERR_OVERFLOW if n * m overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.eye(n, m, k, dtype=dt)
 */
ND_API nd_array *nd_eye(int64_t n, int64_t m, int64_t k, nd_dtype dt);
/** A C-contiguous copy of any array (np.array(a, copy=True)).
 *  @param a The array.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: a.copy()
 */
ND_API nd_array *nd_copy(const nd_array *a);
/** The array itself as a new handle if already C-contiguous, else a copy.
 *  @param a The array.
 *  @return a new handle (a view of a, or a C-contiguous copy), or NULL on
 *  error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.ascontiguousarray(a) (NumPy 1.x makes a 0-d array 1-D; this
 *  keeps it 0-d)
 */
ND_API nd_array *nd_ascontiguousarray(const nd_array *a);
/** Copies C-ordered data of dtype dt into a new array.
 *  @param data nd_size-many elements in C order (may be NULL if the size is 0).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype of the data and of the result.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_VALUE if ndim is out of
 *  range or a length is negative; ND_ERR_NULL if shape, or data with a size
 *  above 0, is NULL; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.frombuffer(data, dt).reshape(shape).copy()
 */
ND_API nd_array *nd_from_data(const void *data, int ndim, const int64_t *shape, nd_dtype dt);
/** Wraps caller memory without copying. strides NULL means C order. With a
 * deleter, deleter(data, ctx) runs once when the last view is freed; without
 * one the memory stays the caller's and must outlive every view. On error
 * the deleter is not called. The result is writeable.
 *  @param data The first element (may be NULL if the size is 0).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param strides ndim strides in elements, or NULL for C order.
 *  @param dt The dtype of the elements.
 *  @param deleter Releases the memory, or NULL to leave it to the caller.
 *  @param ctx Passed to the deleter.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_DTYPE if dt is invalid; ND_ERR_VALUE if ndim is out of
 *  range or a length is negative; ND_ERR_NULL if shape, or data with a size
 *  above 0, is NULL; ND_ERR_OVERFLOW if the shape or strides reach beyond
 *  the address space; ND_ERR_NOMEM.
 *
 *  NumPy: np.lib.stride_tricks.as_strided(np.frombuffer(buf, dt), shape, strides)
 */
ND_API nd_array *nd_wrap(void *data, int ndim, const int64_t *shape, const int64_t *strides,
                         nd_dtype dt, void (*deleter)(void *data, void *ctx), void *ctx);
/** Copies a's values in C order into dst, which holds nbytes.
 *  @param a The array (any layout).
 *  @param dst The destination (may be NULL if a is empty).
 *  @param nbytes The room at dst: at least nd_nbytes(a).
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, or dst with a non-empty a, is NULL;
 *  ND_ERR_VALUE if nbytes is too small; ND_ERR_NOMEM.
 *
 *  NumPy: a.tobytes() (into caller memory)
 */
ND_API nd_status nd_copy_to(const nd_array *a, void *dst, size_t nbytes);
/** Copies src into dst, broadcasting src and casting as by astype (np.copyto).
 *  Extra leading length-1 axes of src are ignored, as NumPy does.
 *  @param dst The destination (may be a view).
 *  @param src The source, broadcast to dst's shape; it may overlap dst.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if dst or src is NULL; ND_ERR_SHAPE if src does not
 *  broadcast to dst's shape; ND_ERR_READONLY if dst is read-only or has a
 *  stride-0 axis; ND_ERR_NOMEM.
 *
 *  NumPy: np.copyto(dst, src, casting="unsafe")
 */
ND_API nd_status nd_copyto(nd_array *dst, const nd_array *src);
/** A C-contiguous copy converted to dt, as NumPy's astype. Float to integer
 * truncates toward zero; out-of-range values, NaN and inf give what NumPy
 * 1.24 gives on x86-64 (e.g. INT32_MIN for int32, 0 for int8), defined here
 * on every platform. Any nonzero value, NaN included, becomes true.
 *  @param a The array.
 *  @param dt The dtype of the copy.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_DTYPE if dt is invalid;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: a.astype(dt)
 */
ND_API nd_array *nd_astype(const nd_array *a, nd_dtype dt);
/** Sets every element of a (which may be a view) to value.
 *  value is converted as by astype.
 *  @param a The array to fill.
 *  @param value The value.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_READONLY if a is read-only or
 *  has a stride-0 axis; ND_ERR_NOMEM.
 *
 *  NumPy: a.fill(value)
 */
ND_API nd_status nd_fill(nd_array *a, double value);

/* ---------------------------------------------------------------- element access */

/** The address of one element.
 * idx holds nd_ndim(a) indices; negative ones count from the end.
 *  @param a The array.
 *  @param idx nd_ndim(a) indices (may be NULL for a 0-d array).
 *  @return the element's address, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or idx, with ndim > 0) is NULL; ND_ERR_INDEX
 *  if an index is out of range.
 *
 *  NumPy: a[idx] (its location)
 */
ND_API void *nd_ptr(const nd_array *a, const int64_t *idx);
/** Reads one element, converted to double as by astype.
 *  @param a The array.
 *  @param idx nd_ndim(a) indices, negative ones from the end (may be NULL
 *  for a 0-d array).
 *  @param value Receives the value.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, value (or idx, with ndim > 0) is NULL;
 *  ND_ERR_INDEX if an index is out of range.
 *
 *  NumPy: float(a[idx])
 */
ND_API nd_status nd_get_f64(const nd_array *a, const int64_t *idx, double *value);
/** Reads one element, converted to int64 as by astype (exact for integers
 *  that fit int64, which a double may not hold; floats truncate).
 *  @param a The array.
 *  @param idx nd_ndim(a) indices, negative ones from the end (may be NULL
 *  for a 0-d array).
 *  @param value Receives the value.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, value (or idx, with ndim > 0) is NULL;
 *  ND_ERR_INDEX if an index is out of range.
 *
 *  NumPy: int(a[idx].astype(np.int64))
 */
ND_API nd_status nd_get_i64(const nd_array *a, const int64_t *idx, int64_t *value);
/** The value of an array of one element (any shape of size 1, 0-d
 *  included), converted to double as by astype (int64 beyond 2**53
 *  rounds).
 *  @param a The array.
 *  @param value Receives the value; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or value is NULL; ND_ERR_VALUE if a's size is
 *  not 1 ("array of size 6 (shape (2,3)) is not a single value").
 *
 *  NumPy: a.item() as a float (float(a) for size 1)
 */
ND_API nd_status nd_item(const nd_array *a, double *value);
/** The value of an array of one element as an exact int64: bool and
 *  integers (uint64 up to INT64_MAX), and floats that hold an integer in
 *  int64's range. Nothing is truncated or wrapped: 2.5, NaN, inf, 2**63 and
 *  uint64 values above INT64_MAX are errors.
 *  @param a The array.
 *  @param value Receives the value; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or value is NULL; ND_ERR_VALUE if a's size is
 *  not 1, or its value is not an integer that fits int64.
 *
 *  NumPy: operator.index(a.item()) for integers; int(x) with x.is_integer()
 *  checked first for floats
 */
ND_API nd_status nd_item_i64(const nd_array *a, int64_t *value);
/** Writes one element, value converted to a's dtype as by astype.
 *  @param a The array (may be a view).
 *  @param idx nd_ndim(a) indices, negative ones from the end (may be NULL
 *  for a 0-d array).
 *  @param value The value.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a (or idx, with ndim > 0) is NULL;
 *  ND_ERR_READONLY if a is read-only; ND_ERR_INDEX if an index is out of range.
 *
 *  NumPy: a[idx] = value
 */
ND_API nd_status nd_set_f64(nd_array *a, const int64_t *idx, double value);
/** Writes one element from a 64-bit integer, converted to a's dtype as by
 *  astype (never through a double, so large values stay exact).
 *  @param a The array (may be a view).
 *  @param idx nd_ndim(a) indices, negative ones from the end (may be NULL
 *  for a 0-d array).
 *  @param value The value.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a (or idx, with ndim > 0) is NULL;
 *  ND_ERR_READONLY if a is read-only; ND_ERR_INDEX if an index is out of range.
 *
 *  NumPy: a[idx] = value
 */
ND_API nd_status nd_set_i64(nd_array *a, const int64_t *idx, int64_t value);

/* ---------------------------------------------------------------- views (no copy) */

/** Marks "use the default" in nd_slice_t fields, like an empty part of 1:. */
#define ND_NONE INT64_MIN

/** One axis's slice start:stop:step, clamped as Python clamps slices. */
typedef struct nd_slice_t {
    /** @var start
     *  The first index, negative from the end; ND_NONE: the first (the last
     *  for a negative step). */
    /** @var stop
     *  The index to stop before, negative from the end; ND_NONE: past the
     *  end (before the first, for a negative step). */
    /** @var step
     *  The step, negative to go backwards; ND_NONE: 1. 0 is an error. */
    int64_t start, stop, step;
} nd_slice_t;

/** Slices the first nslices axes with NumPy's clamping rules.
 *  The other axes are kept whole. The result is a view.
 *  @param a The array.
 *  @param nslices The number of slices, 0 to nd_ndim(a).
 *  @param slices One slice per leading axis (may be NULL when nslices is 0).
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or slices, with nslices > 0) is NULL;
 *  ND_ERR_VALUE if nslices is negative or a step is 0; ND_ERR_INDEX if
 *  nslices exceeds nd_ndim(a); ND_ERR_NOMEM.
 *
 *  NumPy: a[s0, s1, ...]
 */
ND_API nd_array *nd_slice(const nd_array *a, int nslices, const nd_slice_t *slices);
/** Slices one axis: a[..., start:stop:step, ...], a view.
 *  @param a The array.
 *  @param axis The axis, negative from the end.
 *  @param start The first index, or ND_NONE.
 *  @param stop The index to stop before, or ND_NONE.
 *  @param step The step (not 0), or ND_NONE for 1.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if step is 0; ND_ERR_NOMEM.
 *
 *  NumPy: a[(slice(None),) * axis + (slice(start, stop, step),)]
 */
ND_API nd_array *nd_slice_axis(const nd_array *a, int axis, int64_t start, int64_t stop,
                               int64_t step);
/** a[..., i, ...] on one axis: the axis is dropped.
 *  The result is a view.
 *  @param a The array.
 *  @param axis The axis, negative from the end.
 *  @param i The index, negative from the end.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis or i is out of
 *  range; ND_ERR_NOMEM.
 *
 *  NumPy: a[(slice(None),) * axis + (i,)]
 */
ND_API nd_array *nd_index(const nd_array *a, int axis, int64_t i);
/** A view from a NumPy indexing string such as "1:-1, ::2, None, ...".
 * The string holds integers, slices, "None" / "newaxis" and "...",
 * separated by commas. Messages give the position of the offending item.
 *  @param a The array.
 *  @param index The indexing expression, as written between NumPy's brackets.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or index is NULL; ND_ERR_VALUE for a syntax
 *  error, an empty string, two ellipses, a step of 0 or a result beyond
 *  ND_MAX_DIMS; ND_ERR_INDEX for too many indices (as nd_slice) or an
 *  integer index out of range; ND_ERR_NOMEM.
 *
 *  NumPy: a[1:-1, ::2, None, ...]
 */
ND_API nd_array *nd_view(const nd_array *a, const char *index);
/** Permutes the axes: a view.
 * axes NULL reverses the axes (a.T); otherwise a permutation of 0..ndim-1.
 *  @param a The array.
 *  @param axes nd_ndim(a) axes (negative from the end), each once; or NULL.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if an axis is out of
 *  range; ND_ERR_VALUE if an axis is repeated; ND_ERR_NOMEM.
 *
 *  NumPy: np.transpose(a, axes)
 */
ND_API nd_array *nd_transpose(const nd_array *a, const int *axes);
/** Exchanges two axes: a view.
 *  @param a The array.
 *  @param axis1 An axis, negative from the end.
 *  @param axis2 Another (or the same) axis.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if an axis is out of
 *  range; ND_ERR_NOMEM.
 *
 *  NumPy: np.swapaxes(a, axis1, axis2)
 */
ND_API nd_array *nd_swapaxes(const nd_array *a, int axis1, int axis2);
/** Moves one axis to a new position, the others keeping their order: a view.
 *  @param a The array.
 *  @param source The axis to move, negative from the end.
 *  @param destination Its position in the result, negative from the end.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if an axis is out of
 *  range; ND_ERR_NOMEM.
 *
 *  NumPy: np.moveaxis(a, source, destination)
 */
ND_API nd_array *nd_moveaxis(const nd_array *a, int source, int destination);
/** Gives a new shape with the same size, in C order.
 * One entry of shape may be -1. A view when the strides allow, else a copy.
 *  @param a The array.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths; one may be -1, worked out from the size.
 *  @return a new handle (a view or a copy), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if ndim is out of range, a length is negative (other than
 *  one -1) or -1 appears twice; ND_ERR_SHAPE if the sizes differ;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.reshape(a, shape)
 */
ND_API nd_array *nd_reshape(const nd_array *a, int ndim, const int64_t *shape);
/** As nd_reshape but an error instead of a copy.
 *  @param a The array.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths; one may be -1, worked out from the size.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: as nd_reshape(), and ND_ERR_VALUE if the strides leave no view.
 *
 *  NumPy: v = a.view(); v.shape = shape
 */
ND_API nd_array *nd_reshape_view(const nd_array *a, int ndim, const int64_t *shape);
/** The elements as one axis, in C order.
 * 1-D: a view when possible, else a copy (NumPy copies every array that is
 * not C-contiguous, even a[::2], which this views).
 *  @param a The array.
 *  @return a new 1-D handle (a view or a copy), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.ravel(a)
 */
ND_API nd_array *nd_ravel(const nd_array *a);
/** Removes length-1 axes: a view.
 * naxes ND_ALL_AXES removes every length-1 axis; otherwise the named ones
 * (each must be 1; naxes 0 with a non-NULL axes removes none).
 *  @param a The array.
 *  @param naxes The number of axes named, or ND_ALL_AXES for every length-1 axis.
 *  @param axes naxes axes, negative from the end (ignored for ND_ALL_AXES).
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or axes, with naxes > 0) is NULL;
 *  ND_ERR_INDEX if an axis is out of range; ND_ERR_VALUE if naxes is
 *  negative (other than ND_ALL_AXES), 0 with a NULL axes, or ND_AXIS_NONE,
 *  an axis is repeated, a sentinel or has a length other than 1; ND_ERR_NOMEM.
 *
 *  NumPy: np.squeeze(a, axis=axes) (axis=None for ND_ALL_AXES)
 */
ND_API nd_array *nd_squeeze(const nd_array *a, int naxes, const int *axes);
/** Inserts a size-1 axis at position axis of the result (-1 = last).
 *  The result is a view.
 *  @param a The array, with fewer than ND_MAX_DIMS dimensions.
 *  @param axis The new axis's position in the result, in [-ndim-1, ndim].
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a already has
 *  ND_MAX_DIMS dimensions; ND_ERR_INDEX if axis is out of range; ND_ERR_NOMEM.
 *
 *  NumPy: np.expand_dims(a, axis)
 */
ND_API nd_array *nd_expand_dims(const nd_array *a, int axis);
/** A read-only view with stride 0 along stretched axes.
 *  a's shape is aligned to the right of shape; its length-1 axes stretch.
 *  @param a The array.
 *  @param ndim The number of dimensions of the result, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative.
 *  @return a new handle (a read-only view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if ndim is out of range or a length is negative;
 *  ND_ERR_OVERFLOW if the size overflows; ND_ERR_SHAPE if a does not
 *  broadcast to shape; ND_ERR_NOMEM.
 *
 *  NumPy: np.broadcast_to(a, shape)
 */
ND_API nd_array *nd_broadcast_to(const nd_array *a, int ndim, const int64_t *shape);
/** Reverses the order of the elements along axes: a view.
 * naxes ND_ALL_AXES flips every axis (naxes 0 with a non-NULL axes, none).
 *  @param a The array.
 *  @param naxes The number of axes named, or ND_ALL_AXES for every axis.
 *  @param axes naxes axes, negative from the end (ignored for ND_ALL_AXES).
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or axes, with naxes > 0) is NULL;
 *  ND_ERR_INDEX if an axis is out of range; ND_ERR_VALUE if naxes is
 *  negative (other than ND_ALL_AXES), 0 with a NULL axes, or ND_AXIS_NONE,
 *  or an axis is repeated or a sentinel; ND_ERR_NOMEM.
 *
 *  NumPy: np.flip(a, axis=axes) (axis=None for ND_ALL_AXES)
 */
ND_API nd_array *nd_flip(const nd_array *a, int naxes, const int *axes);
/** The diagonal of the axis1/axis2 planes, as a new last axis: a view.
 *  Unlike NumPy's read-only result, the view is writeable, so a diagonal
 *  can be set in place.
 *  @param a The array, at least 2-D.
 *  @param offset The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @param axis1 The row axis, negative from the end.
 *  @param axis2 The column axis, not axis1.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a has fewer than 2
 *  dimensions or the axes are the same; ND_ERR_INDEX if an axis is out of
 *  range; ND_ERR_NOMEM.
 *
 *  NumPy: np.diagonal(a, offset, axis1, axis2)
 */
ND_API nd_array *nd_diagonal(const nd_array *a, int64_t offset, int axis1, int axis2);
/** The broadcast shape of several shapes; out_shape holds ND_MAX_DIMS.
 *  @param n The number of shapes (0 gives a 0-d shape).
 *  @param ndims n dimension counts, each 0 to ND_MAX_DIMS.
 *  @param shapes n shapes of ndims[i] lengths each (an entry may be NULL
 *  when its ndims[i] is 0).
 *  @param out_ndim Receives the number of dimensions of the result.
 *  @param out_shape Receives the result's lengths; room for ND_MAX_DIMS.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_VALUE if n is negative, an ndim is out of range or a
 *  length is negative; ND_ERR_NULL if ndims or shapes (with n > 0), a
 *  shape with ndims[i] > 0, out_ndim or out_shape is NULL (everything is
 *  checked before any shape is read); ND_ERR_SHAPE if the shapes do not
 *  broadcast together.
 *
 *  NumPy: np.broadcast_shapes(*shapes)
 */
ND_API nd_status nd_broadcast_shapes(int n, const int *ndims, const int64_t *const *shapes,
                                     int *out_ndim, int64_t *out_shape);

/* ---------------------------------------------------------------- element-wise */

/** @defgroup elementwise Element-wise operations
 * The operations of ND_BINARY_OPS and ND_UNARY_OPS, with nd_where(),
 * nd_clip(), nd_nan_to_num() and nd_array_equiv().
 *
 * Every operation broadcasts its operands, promotes their dtypes as NumPy
 * does, accepts any strides, and has an _out variant. The _out variant
 * computes in the promoted dtype and casts to out's dtype when that cast is
 * same_kind; the broadcast shape of the inputs must equal out's shape. An out
 * that overlaps an input gives the same result as if the inputs were copied
 * first.
 *
 * Each NAME of ND_BINARY_OPS declares
 * - `nd_array *nd_NAME(const nd_array *a, const nd_array *b)`: a new array of
 *   the broadcast shape, or NULL on error (NumPy: `np.NAME(a, b)`);
 * - `nd_status nd_NAME_out(const nd_array *a, const nd_array *b, nd_array *out)`:
 *   ND_OK, or the status of the error (NumPy: `np.NAME(a, b, out=out)`).
 *
 * - `nd_NAME_scalar(a, double s)`, `nd_NAME_scalar_i64(a, int64_t s)` and
 *   their `_out` forms: the operation with b a weak scalar, a Python float or
 *   int under NEP 50 (see nd_weak()): a's dtype wins within its kind;
 * - `nd_status nd_NAME_inplace(nd_array *a, const nd_array *b)`,
 *   `nd_NAME_scalar_inplace(a, double s)` and `nd_NAME_scalar_i64_inplace(a,
 *   int64_t s)`: the result written into a (NumPy's `a op= b`): b
 *   broadcasts to a's shape and the result casts to a's dtype under
 *   same_kind rules.
 *
 * and each NAME of ND_UNARY_OPS declares `nd_array *nd_NAME(const nd_array *a)`,
 * `nd_status nd_NAME_out(const nd_array *a, nd_array *out)` and
 * `nd_status nd_NAME_inplace(nd_array *a)`.
 *
 * Errors: ND_ERR_NULL if an argument is NULL; ND_ERR_SHAPE if the inputs do
 * not broadcast together (or, for _out, out's shape is not their broadcast
 * shape); ND_ERR_DTYPE if the operation does not take the promoted dtype (or,
 * for _out, the result does not cast to out's dtype under same_kind rules);
 * ND_ERR_READONLY if out is read-only or has a stride-0 axis; ND_ERR_VALUE for
 * an integer to a negative integer power; ND_ERR_NOMEM if memory runs out.
 *
 * Binary operations: integer overflow wraps and integer division by zero
 * gives 0, silently. uint64 with int64 computes in float64, as in NumPy
 * (inexact beyond 2^53). Operations that need a float ("float" below) keep
 * float32 and float64, and give float64 for 32- and 64-bit integers and
 * float32 for bool and 8/16-bit integers (NumPy uses float16, which libnd
 * lacks). "Promoted" is the promoted dtype of the inputs.
 *
 * | Operation | NumPy | Result dtype and notes |
 * |-----------|-------|------------------------|
 * | add | np.add | promoted; bool: logical or |
 * | subtract | np.subtract | promoted; bool: ND_ERR_DTYPE |
 * | multiply | np.multiply | promoted; bool: logical and |
 * | divide | np.divide | float64 for bool and integers (true division) |
 * | floor_divide | np.floor_divide | promoted (bool as int8); integer division by 0 gives 0 |
 * | remainder | np.remainder | promoted (bool as int8); sign of the divisor, as Python |
 * | fmod | np.fmod | promoted (bool as int8); sign of the dividend, as C; integer fmod by 0 gives 0 |
 * | power | np.power | promoted (bool as int8); integers to negative integer powers: ND_ERR_VALUE |
 * | float_power | np.float_power | float64, whatever the inputs (float32 too) |
 * | maximum, minimum | np.maximum, np.minimum | promoted; NaN propagates |
 * | fmax, fmin | np.fmax, np.fmin | promoted; NaN is ignored |
 * | arctan2, hypot | np.arctan2, np.hypot | the smallest float both inputs cast to safely (int16 with uint16: float32) |
 * | copysign, nextafter | np.copysign, np.nextafter | the smallest float both inputs cast to safely (nextafter of int8 steps in float32, not float16) |
 * | logaddexp, logaddexp2 | np.logaddexp, np.logaddexp2 | the smallest safe float; log(exp(a) + exp(b)) without overflow |
 * | heaviside | np.heaviside | the smallest safe float; 0 for a < 0, b for a == 0, 1 for a > 0, NaN for NaN |
 * | equal, not_equal, less, less_equal, greater, greater_equal | np.equal, ... | bool, compared in the promoted dtype |
 * | logical_and, logical_or, logical_xor | np.logical_and, ... | bool; nonzero (NaN too) is true |
 * | bitwise_and, bitwise_or, bitwise_xor | np.bitwise_and, ... | promoted; bool and integers only |
 * | left_shift, right_shift | np.left_shift, np.right_shift | promoted (bool as int8); integers only; a count outside [0, bits) gives 0 (-1 for a negative value shifted right) |
 * | gcd, lcm | np.gcd, np.lcm | promoted; integers only (bool with bool and floats: ND_ERR_DTYPE); results of magnitudes, wrapping as NumPy's (gcd of INT_MIN and 0 is INT_MIN) |
 * | negative | np.negative | same; bool: ND_ERR_DTYPE |
 * | abs | np.abs | same |
 * | sign | np.sign | same; NaN stays NaN; bool: ND_ERR_DTYPE |
 * | sqrt, cbrt | np.sqrt, np.cbrt | float |
 * | square | np.square | same (bool as int8) |
 * | reciprocal | np.reciprocal | float (NumPy keeps integers, truncating 1/x) |
 * | exp | np.exp | float; float32 on the avx2 level: within 1 ULP, not libm's bits |
 * | exp2, expm1, log, log2, log10, log1p | np.exp2, ... | float |
 * | sin, cos, tan, arcsin, arccos, arctan | np.sin, ... | float |
 * | sinh, cosh, tanh | np.sinh, ... | float |
 * | sigmoid | scipy.special.expit (none in NumPy) | float |
 * | relu | np.maximum(a, 0) | same; NaN stays NaN |
 * | gelu | torch.nn.functional.gelu (none in NumPy) | float; a/2 (1 + erf(a/sqrt 2)) as a/2 erfc(-a/sqrt 2), so no cancellation for negative a |
 * | gelu_tanh | torch.nn.functional.gelu(a, approximate='tanh') | float; a/2 (1 + tanh(sqrt(2/pi) (a + 0.044715 a^3))) as a sigmoid(2 sqrt(2/pi) (a + 0.044715 a^3)) |
 * | silu | torch.nn.functional.silu | float; a sigmoid(a) |
 * | softplus | torch.nn.functional.softplus (beta 1, threshold 20) | float; a above 20 gives a, else log1p(exp(a)) |
 * | deg2rad, rad2deg | np.deg2rad, np.rad2deg | float |
 * | floor, ceil, rint, trunc | np.floor, ... | floats: same; bool and integers keep their dtype and values (NumPy 1.x gives float) |
 * | isnan, isinf, isfinite | np.isnan, ... | bool |
 * | signbit | np.signbit | bool; true for -0.0 and negative NaN, false for unsigned and bool |
 * | logical_not | np.logical_not | bool |
 * | bitwise_not | np.invert | same; bool and integers only |
 */

/** The binary element-wise operations, as an X-macro list.
 * X(NAME) for each operation; nd.h declares nd_NAME(a, b) and
 * nd_NAME_out(a, b, out) from it (see @ref elementwise).
 *
 * Binary operations: nd_NAME(a, b) and nd_NAME_out(a, b, out). Integer
 * overflow wraps and integer division by zero gives 0, silently. uint64 with
 * int64 computes in float64, as in NumPy (inexact beyond 2^53).
 * @param X A macro taking one operation name.
 * @ingroup elementwise */
#define ND_BINARY_OPS(X)                                                           \
    X(add) X(subtract) X(multiply)                                                 \
    X(divide)        /* true division: integers give float64 */                    \
    X(floor_divide)  /* integer division by 0 gives 0, as NumPy */                 \
    X(remainder)     /* sign of the divisor, as NumPy / Python */                  \
    X(fmod)          /* sign of the dividend, as C; integer fmod by 0 gives 0 */   \
    X(power)         /* integers to negative integer powers are an error */        \
    X(float_power)   /* always float64 */                                          \
    X(maximum) X(minimum) /* NaN-propagating */                                    \
    X(fmax) X(fmin)       /* NaN-ignoring */                                       \
    X(arctan2) X(hypot)                                                            \
    X(copysign) X(nextafter) X(logaddexp) X(logaddexp2)                            \
    X(heaviside)     /* b is the value at a == 0 */                                \
    X(equal) X(not_equal) X(less) X(less_equal) X(greater) X(greater_equal)        \
    X(logical_and) X(logical_or) X(logical_xor)                                    \
    X(bitwise_and) X(bitwise_or) X(bitwise_xor)                                    \
    X(left_shift) X(right_shift) /* bool and integers only */                      \
    X(gcd) X(lcm)    /* integers only */

/** The unary element-wise operations, as an X-macro list.
 * X(NAME) for each operation; nd.h declares nd_NAME(a) and
 * nd_NAME_out(a, out) from it (see @ref elementwise).
 *
 * Unary operations: nd_NAME(a) and nd_NAME_out(a, out). Operations that
 * need a float give float64 for 32- and 64-bit integers and float32 for
 * bool and 8/16-bit integers (NumPy uses float16, which libnd lacks).
 * @param X A macro taking one operation name.
 * @ingroup elementwise */
#define ND_UNARY_OPS(X)                                                            \
    X(negative) X(abs) X(sign) X(sqrt) X(cbrt) X(square)                           \
    X(reciprocal) /* integers give float (NumPy's integer 1/x is a wart) */       \
    X(exp) /* float32 on the avx2 level: within 1 ULP, not libm's bits */          \
    X(exp2) X(expm1) X(log) X(log2) X(log10) X(log1p)                              \
    X(sin) X(cos) X(tan) X(arcsin) X(arccos) X(arctan)                             \
    X(sinh) X(cosh) X(tanh) X(sigmoid) X(relu) X(deg2rad) X(rad2deg)               \
    X(gelu) X(gelu_tanh) X(silu) X(softplus) /* activations, as PyTorch's */      \
    X(floor) X(ceil) X(rint) X(trunc) /* bool and integers keep their dtype */     \
    X(isnan) X(isinf) X(isfinite) X(signbit) X(logical_not)                        \
    X(bitwise_not) /* np.invert: bool and integers */

#define ND_DECLARE_BINARY_(name)                                                   \
    ND_API nd_array *nd_##name(const nd_array *a, const nd_array *b);              \
    ND_API nd_status nd_##name##_out(const nd_array *a, const nd_array *b, nd_array *out); \
    ND_API nd_array *nd_##name##_scalar(const nd_array *a, double s);              \
    ND_API nd_status nd_##name##_scalar_out(const nd_array *a, double s, nd_array *out); \
    ND_API nd_array *nd_##name##_scalar_i64(const nd_array *a, int64_t s);         \
    ND_API nd_status nd_##name##_scalar_i64_out(const nd_array *a, int64_t s, nd_array *out); \
    ND_API nd_status nd_##name##_inplace(nd_array *a, const nd_array *b);          \
    ND_API nd_status nd_##name##_scalar_inplace(nd_array *a, double s);            \
    ND_API nd_status nd_##name##_scalar_i64_inplace(nd_array *a, int64_t s);
#define ND_DECLARE_UNARY_(name)                                                    \
    ND_API nd_array *nd_##name(const nd_array *a);                                 \
    ND_API nd_status nd_##name##_out(const nd_array *a, nd_array *out);            \
    ND_API nd_status nd_##name##_inplace(nd_array *a);
ND_BINARY_OPS(ND_DECLARE_BINARY_)
ND_UNARY_OPS(ND_DECLARE_UNARY_)
#undef ND_DECLARE_BINARY_
#undef ND_DECLARE_UNARY_

/* The functions the two lists declare, one Doxygen entry each: every line
 * below expands (through the aliases in docs/Doxyfile) to the documentation
 * of nd_NAME, nd_NAME_out and the _scalar, _scalar_i64 and _inplace
 * forms. An operation added to a list needs its line. */
/** @addtogroup elementwise
 * @{
 * @nd_binary{add, Element-wise sum a + b (logical or for bool).}
 * @nd_binary{subtract, Element-wise difference a - b (bool is ND_ERR_DTYPE).}
 * @nd_binary{multiply, Element-wise product a * b (logical and for bool).}
 * @nd_binary{divide, Element-wise true division a / b: bool and integers compute in float64.}
 * @nd_binary{floor_divide, Element-wise floor(a / b); integer division by 0 gives 0 and bool
 *   computes as int8.}
 * @nd_binary{remainder, Element-wise remainder of a / b with the sign of b (Python's a % b);
 *   integer division by 0 gives 0.}
 * @nd_binary{fmod, Element-wise remainder of a / b with the sign of a (C's fmod and %); integer
 *   division by 0 gives 0 and bool computes as int8.}
 * @nd_binary{power, Element-wise a to the power b; an integer to a negative integer power is
 *   ND_ERR_VALUE.}
 * @nd_binary{float_power, Element-wise a to the power b computed and returned in float64 for every
 *   input dtype (float32 too)\, so integers to negative powers are allowed.}
 * @nd_binary{maximum, Element-wise maximum; NaN propagates.}
 * @nd_binary{minimum, Element-wise minimum; NaN propagates.}
 * @nd_binary{fmax, Element-wise maximum ignoring NaN (NaN only where both are NaN).}
 * @nd_binary{fmin, Element-wise minimum ignoring NaN (NaN only where both are NaN).}
 * @nd_binary{arctan2, Element-wise angle of the point (b\, a): the arc tangent of a / b in its
 *   quadrant\, in a float dtype.}
 * @nd_binary{hypot, Element-wise sqrt(a^2 + b^2) without intermediate overflow\, in a float dtype.}
 * @nd_binary{copysign, Element-wise magnitude of a with the sign of b (signed zeros and NaN signs
 *   too)\, in a float dtype.}
 * @nd_binary{nextafter, Element-wise next representable value after a towards b\, in a float dtype
 *   (bool and 8/16-bit integers step in float32\, where NumPy steps in float16).}
 * @nd_binary{logaddexp, Element-wise log(exp(a) + exp(b)) without overflow or underflow\, in a
 *   float dtype (a == b == -inf gives -inf).}
 * @nd_binary{logaddexp2, Element-wise log2(2^a + 2^b) without overflow or underflow\, in a float
 *   dtype.}
 * @nd_binary{heaviside, Element-wise Heaviside step of a: 0 where a < 0\, b where a == 0\, 1 where
 *   a > 0 and NaN where a is NaN\, in a float dtype.}
 * @nd_binary{equal, Element-wise a == b as bool.}
 * @nd_binary{not_equal, Element-wise a != b as bool.}
 * @nd_binary{less, Element-wise a < b as bool.}
 * @nd_binary{less_equal, Element-wise a <= b as bool.}
 * @nd_binary{greater, Element-wise a > b as bool.}
 * @nd_binary{greater_equal, Element-wise a >= b as bool.}
 * @nd_binary{logical_and, Element-wise a AND b as bool (nonzero is true).}
 * @nd_binary{logical_or, Element-wise a OR b as bool (nonzero is true).}
 * @nd_binary{logical_xor, Element-wise a XOR b as bool (nonzero is true).}
 * @nd_binary{bitwise_and, Element-wise a & b on bool and integers (floats are ND_ERR_DTYPE).}
 * @nd_binary{bitwise_or, Element-wise a | b on bool and integers (floats are ND_ERR_DTYPE).}
 * @nd_binary{bitwise_xor, Element-wise a ^ b on bool and integers (floats are ND_ERR_DTYPE).}
 * @nd_binary{left_shift, Element-wise a << b on bool and integers; a count outside [0\, bits) gives
 *   0.}
 * @nd_binary{right_shift, Element-wise a >> b on bool and integers; a count outside [0\, bits)
 *   gives 0 (-1 for a negative a).}
 * @nd_binary{gcd, Element-wise greatest common divisor of |a| and |b| on integers (bool with bool
 *   and floats are ND_ERR_DTYPE); gcd(0\, 0) is 0 and the magnitude of the most negative value
 *   wraps to itself\, as NumPy's.}
 * @nd_binary{lcm, Element-wise least common multiple of |a| and |b| on integers (bool with bool and
 *   floats are ND_ERR_DTYPE); 0 if either is 0; a product beyond the dtype wraps\, as NumPy's.}
 * @nd_unary{negative, Element-wise -a (bool is ND_ERR_DTYPE; unsigned integers wrap).}
 * @nd_unary{abs, Element-wise absolute value; integers keep their dtype.}
 * @nd_unary{sign, Element-wise sign: -1\, 0 or 1 (NaN stays NaN; bool is ND_ERR_DTYPE).}
 * @nd_unary{sqrt, Element-wise square root\, in a float dtype.}
 * @nd_unary{cbrt, Element-wise cube root (negative for negative a)\, in a float dtype.}
 * @nd_unary{square, Element-wise a * a (bool computes as int8).}
 * @nd_unary{reciprocal, Element-wise 1 / a in a float dtype (NumPy keeps integers and truncates).}
 * @nd_unary{exp, Element-wise e to the power a\, in a float dtype (float32 on the avx2 level:
 *   within 1 ULP).}
 * @nd_unary{exp2, Element-wise 2 to the power a\, in a float dtype.}
 * @nd_unary{expm1, Element-wise exp(a) - 1 (accurate near 0)\, in a float dtype.}
 * @nd_unary{log, Element-wise natural logarithm\, in a float dtype.}
 * @nd_unary{log2, Element-wise base-2 logarithm\, in a float dtype.}
 * @nd_unary{log10, Element-wise base-10 logarithm\, in a float dtype.}
 * @nd_unary{log1p, Element-wise log(1 + a) (accurate near 0)\, in a float dtype.}
 * @nd_unary{sin, Element-wise sine (radians)\, in a float dtype.}
 * @nd_unary{cos, Element-wise cosine (radians)\, in a float dtype.}
 * @nd_unary{tan, Element-wise tangent (radians)\, in a float dtype.}
 * @nd_unary{arcsin, Element-wise inverse sine\, in a float dtype.}
 * @nd_unary{arccos, Element-wise inverse cosine\, in a float dtype.}
 * @nd_unary{arctan, Element-wise inverse tangent\, in a float dtype.}
 * @nd_unary{sinh, Element-wise hyperbolic sine\, in a float dtype.}
 * @nd_unary{cosh, Element-wise hyperbolic cosine\, in a float dtype.}
 * @nd_unary{tanh, Element-wise hyperbolic tangent\, in a float dtype.}
 * @nd_unary_np{sigmoid, Element-wise logistic function 1 / (1 + exp(-a)) without overflow\, in a
 *   float dtype., scipy.special.expit(a) (NumPy has none), scipy.special.expit(a\, out=out)}
 * @nd_unary_np{relu, Element-wise max(a\, 0) in a's dtype (NaN stays NaN)., np.maximum(a\, 0),
 *   np.maximum(a\, 0\, out=out)}
 * @nd_unary_np{gelu, Element-wise GELU a * Phi(a) (Phi the standard normal distribution function)
 *   in a float dtype\, computed as a / 2 * erfc(-a / sqrt 2) without cancellation for negative a;
 *   -inf gives -0 (PyTorch: NaN) and NaN stays NaN. Float32 computes in float64 and rounds once.,
 *   torch.nn.functional.gelu(a) (NumPy has none), out[...] = torch.nn.functional.gelu(a)}
 * @nd_unary_np{gelu_tanh, Element-wise tanh approximation of GELU a / 2 * (1 + tanh(u))\, u =
 *   sqrt(2 / pi) * (a + 0.044715 a^3)\, computed as a * sigmoid(2 u) without cancellation\, in a
 *   float dtype; -inf gives -0 (PyTorch: NaN). Float32 computes in float64 and rounds once.,
 *   torch.nn.functional.gelu(a\, approximate='tanh') (NumPy has none),
 *   out[...] = torch.nn.functional.gelu(a\, approximate='tanh')}
 * @nd_unary_np{silu, Element-wise SiLU (swish) a * sigmoid(a) without overflow\, in a float dtype;
 *   -inf gives -0 (PyTorch: NaN). Float32 computes in float64 and rounds once.,
 *   torch.nn.functional.silu(a) (NumPy has none), out[...] = torch.nn.functional.silu(a)}
 * @nd_unary_np{softplus, Element-wise log(1 + exp(a)) without overflow\, in a float dtype: a above
 *   20 gives a itself (PyTorch's beta 1 and threshold 20); -inf gives 0. Float32 computes in
 *   float64 and rounds once., torch.nn.functional.softplus(a) (NumPy has none),
 *   out[...] = torch.nn.functional.softplus(a)}
 * @nd_unary{deg2rad, Element-wise conversion of degrees to radians (a * pi / 180)\, in a float
 *   dtype.}
 * @nd_unary{rad2deg, Element-wise conversion of radians to degrees (a * 180 / pi)\, in a float
 *   dtype.}
 * @nd_unary{floor, Element-wise floor; bool and integers keep their dtype and values (NumPy 1.x
 *   gives float).}
 * @nd_unary{ceil, Element-wise ceiling; bool and integers keep their dtype and values (NumPy 1.x
 *   gives float).}
 * @nd_unary{rint, Element-wise rounding to the nearest integer (halves to even); bool and integers
 *   keep their dtype and values.}
 * @nd_unary{trunc, Element-wise rounding toward zero; bool and integers keep their dtype and values
 *   (NumPy 1.x gives float).}
 * @nd_unary{isnan, Element-wise test for NaN as bool (false for bool and integers).}
 * @nd_unary{isinf, Element-wise test for an infinity as bool (false for bool and integers).}
 * @nd_unary{isfinite, Element-wise test for a finite value as bool (true for bool and integers).}
 * @nd_unary{signbit, Element-wise test of the sign bit as bool: true for negative values\, -0.0 and
 *   NaN with the sign bit set (false for bool and unsigned integers).}
 * @nd_unary{logical_not, Element-wise NOT a as bool (zero is true).}
 * @nd_unary_np{bitwise_not, Element-wise ~a on bool and integers (logical not for bool; floats are
 *   ND_ERR_DTYPE)., np.invert(a), np.invert(a\, out=out)}
 * @}
 */

/** cond ? a : b element-wise, all three broadcast; cond is read as bool.
 *  The result has the promoted dtype of a and b.
 *  @param cond The condition (any dtype: nonzero is true).
 *  @param a The values where cond is true.
 *  @param b The values where cond is false.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if an argument is NULL; ND_ERR_SHAPE if they do not
 *  broadcast together; ND_ERR_NOMEM.
 *
 *  NumPy: np.where(cond, a, b)
 *  @ingroup elementwise
 */
ND_API nd_array *nd_where(const nd_array *cond, const nd_array *a, const nd_array *b);
/** As nd_where(), written into out.
 *  @param cond The condition (any dtype: nonzero is true).
 *  @param a The values where cond is true.
 *  @param b The values where cond is false.
 *  @nd_ew_out
 *
 *  NumPy: out[...] = np.where(cond, a, b)
 *  @ingroup elementwise
 */
ND_API nd_status nd_where_out(const nd_array *cond, const nd_array *a, const nd_array *b,
                              nd_array *out);
/** min(max(a, lo), hi) element-wise, lo and hi broadcast (np.clip). NaN in a
 * stays NaN. The result has the dtype of the three promoted at once
 * (nd_result_type_n(): int8, uint16 and float32 give float32).
 *  @param a The values.
 *  @param lo The lower bounds.
 *  @param hi The upper bounds (they win where lo > hi).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if an argument is NULL; ND_ERR_SHAPE if they do not
 *  broadcast together; ND_ERR_NOMEM.
 *
 *  NumPy: np.clip(a, lo, hi)
 *  @ingroup elementwise
 */
ND_API nd_array *nd_clip(const nd_array *a, const nd_array *lo, const nd_array *hi);
/** As nd_clip(), written into out.
 *  @param a The values.
 *  @param lo The lower bounds.
 *  @param hi The upper bounds (they win where lo > hi).
 *  @nd_ew_out
 *
 *  NumPy: np.clip(a, lo, hi, out=out)
 *  @ingroup elementwise
 */
ND_API nd_status nd_clip_out(const nd_array *a, const nd_array *lo, const nd_array *hi,
                             nd_array *out);

/** a with NaN, +inf and -inf replaced by finite values (np.nan_to_num).
 * The result has a's dtype; bool and integer arrays are copied unchanged.
 * Each replacement is converted to a's dtype as NumPy converts it (1e300
 * becomes inf in float32). posinf and neginf take NAN for NumPy's None:
 * the dtype's largest finite value, and its negative. (So, unlike NumPy,
 * infinities cannot be replaced by NaN here; nd_where() can.)
 *  @param a The array.
 *  @param nan The value for NaN (NumPy's default is 0.0).
 *  @param posinf The value for +inf, or NAN for the largest finite value.
 *  @param neginf The value for -inf, or NAN for the most negative finite value.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.nan_to_num(a, nan=nan, posinf=posinf, neginf=neginf)
 *  @ingroup elementwise
 */
ND_API nd_array *nd_nan_to_num(const nd_array *a, double nan, double posinf, double neginf);
/** As nd_nan_to_num(), written into out. out may be a itself, which
 * replaces the values in place (NumPy's copy=False).
 *  @param a The array.
 *  @param nan The value for NaN (NumPy's default is 0.0).
 *  @param posinf The value for +inf, or NAN for the largest finite value.
 *  @param neginf The value for -inf, or NAN for the most negative finite value.
 *  @param out The output: a's shape, any dtype a's dtype casts to under
 *  same_kind rules; it may be a view and may be a or overlap it.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or out is NULL; ND_ERR_SHAPE if out's shape
 *  is not a's; ND_ERR_DTYPE if a's dtype does not cast to out's under
 *  same_kind rules; ND_ERR_READONLY if out is read-only or has a stride-0
 *  axis; ND_ERR_NOMEM.
 *
 *  NumPy: np.nan_to_num(a, copy=False, ...) for out == a; else
 *  np.copyto(out, np.nan_to_num(a, ...), casting='same_kind')
 *  @ingroup elementwise
 */
ND_API nd_status nd_nan_to_num_out(const nd_array *a, double nan, double posinf, double neginf,
                                   nd_array *out);

/** Whether a and b broadcast together and are equal element by element
 * (np.array_equiv). Shapes that do not broadcast give false, not an error.
 * Values compare in the promoted dtype, as nd_equal() does: NaN never
 * equals NaN, and arrays with no elements after broadcasting are
 * equivalent.
 *  @param a The first array.
 *  @param b The second array.
 *  @param result Receives the answer; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, b or result is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.array_equiv(a, b)
 *  @ingroup elementwise
 */
ND_API nd_status nd_array_equiv(const nd_array *a, const nd_array *b, bool *result);
/** Whether a and b have the same shape and equal elements
 * (np.array_equal). Shapes must match exactly: (3,) and (1,3), or arrays
 * that would broadcast, give false (not an error); any two dtypes compare.
 * Integers compare exactly whatever their signedness and width (int64 -1
 * never equals uint64 18446744073709551615, and int64 2**53 + 1 never
 * equals uint64 2**53, where NumPy 1.x compares them as float64); with a
 * float on either side both compare as float64, as NumPy promotes them.
 * NaN equals NaN only with equal_nan. Two empty arrays of the same shape
 * are equal.
 *  @param a The first array.
 *  @param b The second array.
 *  @param equal_nan Whether NaN in a equals NaN at the same place in b.
 *  @param result Receives the answer; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, b or result is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.array_equal(a, b, equal_nan=equal_nan)
 *  @ingroup elementwise
 */
ND_API nd_status nd_array_equal(const nd_array *a, const nd_array *b, bool equal_nan, bool *result);
/** Element-wise whether a is close to b, as a bool array of the broadcast
 * shape (np.isclose): |a - b| <= atol + rtol * |b| for finite b, or
 * a == b (so an infinity is close only to the same infinity), or both NaN
 * when equal_nan. Not symmetric, as NumPy's: b sets the scale. The
 * arithmetic is NumPy's (NEP 50): b is read as float32 if it is float32,
 * else as float64; |a - b| is computed in the promotion of a's dtype with
 * that (float32 only when both fit float32), atol + rtol * |b| in b's
 * float dtype, with rtol and atol rounded to it. Integers beyond 2**53 are
 * rounded to float64 first, as NumPy does.
 *  @param a The values to test.
 *  @param b The reference values.
 *  @param rtol The relative tolerance (NumPy's default 1e-5).
 *  @param atol The absolute tolerance (NumPy's default 1e-8).
 *  @param equal_nan Whether NaN is close to NaN.
 *  @return a new bool array, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE if the shapes do
 *  not broadcast; ND_ERR_NOMEM.
 *
 *  NumPy: np.isclose(a, b, rtol, atol, equal_nan)
 *  @ingroup elementwise
 */
ND_API nd_array *nd_isclose(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan);
/** nd_isclose() into out: the broadcast shape, any dtype (true and false
 * are written as 1 and 0 of it); it may be a view and may overlap a or b.
 *  @param a The values to test.
 *  @param b The reference values.
 *  @param rtol The relative tolerance.
 *  @param atol The absolute tolerance.
 *  @param equal_nan Whether NaN is close to NaN.
 *  @param out The output.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, b or out is NULL; ND_ERR_SHAPE if the shapes
 *  do not broadcast or out's shape is not the broadcast shape;
 *  ND_ERR_READONLY if out is read-only or has a stride-0 axis; ND_ERR_NOMEM.
 *
 *  NumPy: out[...] = np.isclose(a, b, rtol, atol, equal_nan)
 *  @ingroup elementwise
 */
ND_API nd_status nd_isclose_out(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan,
                                nd_array *out);
/** Whether every element of a is close to b's (np.allclose): nd_isclose()
 * over the broadcast shape, all true. Arrays with no elements after
 * broadcasting are all close.
 *  @param a The values to test.
 *  @param b The reference values.
 *  @param rtol The relative tolerance (NumPy's default 1e-5).
 *  @param atol The absolute tolerance (NumPy's default 1e-8).
 *  @param equal_nan Whether NaN is close to NaN.
 *  @param result Receives the answer; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, b or result is NULL; ND_ERR_SHAPE if the
 *  shapes do not broadcast (as np.allclose raises); ND_ERR_NOMEM.
 *
 *  NumPy: np.allclose(a, b, rtol, atol, equal_nan)
 *  @ingroup elementwise
 */
ND_API nd_status nd_allclose(const nd_array *a, const nd_array *b, double rtol, double atol, bool equal_nan,
                             bool *result);

/** Axis arguments: ND_AXIS_NONE in a single-axis argument means the
 * flattened array (NumPy's axis=None), for the functions that document it.
 * Its value is far from any axis or axis count, so it cannot be mistaken
 * for one: a function given ND_AXIS_NONE as an axis count, as an entry of
 * an axes list, or as an axis where it has no meaning fails with
 * ND_ERR_VALUE and a message naming it. */
#define ND_AXIS_NONE INT32_MIN
/** ND_ALL_AXES as an axis count (naxes) means every axis (the axes argument
 * is then ignored; NumPy's axis=None). It is not an axis: a function given
 * it as a single axis (where ND_AXIS_NONE was meant) or as an entry of an
 * axes list fails with ND_ERR_VALUE and a message naming it. naxes 0 with
 * a NULL axes is refused likewise (it would silently select nothing);
 * naxes 0 with a non-NULL axes selects no axis (NumPy's axis=()). */
#define ND_ALL_AXES (INT32_MIN + 1)

#include "nd/scalar.h"
#include "nd/reduce.h"
#include "nd/stats.h"
#include "nd/manip.h"
#include "nd/shape.h"
#include "nd/index.h"
#include "nd/sort.h"
#include "nd/random.h"
#include "nd/sets.h"
#include "nd/linalg.h"
#include "nd/numeric.h"
#include "nd/nn_ops.h"
#include "nd/io.h"
#include "nd/dlpack.h"
#include "nd/scope.h"
#include "nd/autodiff.h"

/* ---------------------------------------------------------------- runtime settings */

/** Sets the number of threads used for large operations. 0 restores the default (ND_NUM_THREADS
 * from the environment, else the number of online CPUs). Inside an OpenMP
 * parallel region libnd stays on the calling thread.
 *  @param n The thread count, 0 to 256; 0 for the default.
 *  @return ND_OK, or ND_ERR_VALUE.
 *
 *  Errors: ND_ERR_VALUE if n is negative or above 256.
 *
 *  NumPy: none (its own loops are single-threaded; threadpoolctl sets BLAS's)
 */
ND_API nd_status nd_set_num_threads(int n);
/** The number of threads used for large operations.
 *  @return the thread count (the default, if never set).
 *
 *  Errors: none.
 *
 *  NumPy: none.
 */
ND_API int nd_get_num_threads(void);

/** Picks the kernel level: "ref" (portable C), "avx2", "avx512", "neon". NULL restores
 * the best the CPU supports (or ND_ARCH from the environment). A level the CPU
 * or this build lacks is an error. It is safe to call while other threads
 * compute: operations that start after it returns use the new level, and
 * an operation already running finishes with the loops it looked up, each of
 * them from either level (so its float results may differ in the last bits,
 * within the bound README.md gives for the levels).
 *  @param arch The level's name, or NULL for the default.
 *  @return ND_OK, or the status of the error (the level is unchanged).
 *
 *  Errors: ND_ERR_VALUE if the name is unknown; ND_ERR_UNSUPPORTED if the
 *  CPU or this build lacks the level.
 *
 *  NumPy: none (the NPY_DISABLE_CPU_FEATURES environment variable)
 */
ND_API nd_status nd_set_arch(const char *arch);
/** The kernel level in use: "ref", "avx2", "avx512" or "neon".
 *  @return a static string.
 *
 *  Errors: none.
 *
 *  NumPy: np.show_runtime() (its SIMD report)
 */
ND_API const char *nd_get_arch(void);

#ifdef __cplusplus
}
#endif
#endif /* ND_H */

/* Private core of libnd: the array and buffer structs, errors, allocation,
 * dtype facts and overflow-checked shape math. Every layer includes this. */
#ifndef ND_CORE_H
#define ND_CORE_H

#include "nd.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>

/* ------------------------------------------------------------ buffer & array */

/* Memory shared by an array and all its views. */
typedef struct nd_buffer {
    atomic_long refcount;
    void *mem;                           /* what to release */
    void (*deleter)(void *mem, void *ctx); /* NULL: memory is not ours */
    void *ctx;
    bool own;                            /* allocated with nd_alloc, freed with nd_dealloc */
    /* Bumped by every write through libnd into the buffer (nd_data_version):
     * what the autodiff tape checks its saved arrays against. */
    _Atomic uint64_t version;
} nd_buffer;

enum {
    ND_FLAG_C = 1,         /* C-contiguous */
    ND_FLAG_F = 2,         /* Fortran-contiguous */
    ND_FLAG_WRITEABLE = 4, /* may be written (not a broadcast view) */
    ND_FLAG_EMBEDDED = 8,  /* the handle lives inside its buffer's block */
    ND_FLAG_WEAK = 16      /* a 0-d Python-like scalar (nd_weak): NEP 50 promotion */
};

struct nd_array {
    nd_dtype dtype;
    int ndim;
    int flags;
    int64_t size;
    char *data;     /* first element */
    nd_buffer *buf; /* never NULL */
    int64_t shape[ND_MAX_DIMS];
    int64_t strides[ND_MAX_DIMS]; /* elements */
    /* The scope that owns this handle and its slot there (both NULL when
     * no scope does); see scope.c. Copies of a handle on the stack carry
     * them along harmlessly: such copies are never freed. */
    struct nd_scope *scope;
    struct nd__slot *slot;
};

/* A new array with its own C-contiguous, uninitialised memory. The caller has
 * validated dt; shape is checked for negative sizes and overflow here. */
nd_array *nd__alloc_array(const char *fn, int ndim, const int64_t *shape, nd_dtype dt);
/* A new handle on base's buffer with the given geometry; data points to the
 * first element. Flags are recomputed; writeable is inherited from base
 * unless cleared by the caller. */
nd_array *nd__make_view(const char *fn, const nd_array *base, char *data, int ndim,
                        const int64_t *shape, const int64_t *strides);
/* n copies of the isz-byte element elem at dst, at memcpy speed. */
void nd__fill_bytes(void *dst, int64_t n, const void *elem, size_t isz);
/* Records a write into a's buffer (nd_data_version). Called by the checks
 * every write path passes before writing (nd__check_out, the in-place and
 * indexing checks, element setters, sort in place): one place per path. */
static inline void nd__bump_version(const nd_array *a) {
    atomic_fetch_add_explicit(&a->buf->version, 1, memory_order_relaxed);
}
/* Recomputes size and the C/F contiguity flags from shape and strides. */
void nd__update_flags(nd_array *a);
/* The [lo, hi) byte range a's elements occupy (lo == hi for size 0). */
void nd__extent(const nd_array *a, const char **lo, const char **hi);

/* The first axis along which a has stride 0 and length above 1, so that
 * its elements alias (a broadcast view, never a valid output), or -1. An
 * empty array has no such axis whatever its strides: it has no elements
 * (NumPy gives empty arrays stride 0, and nd_wrap and DLPack import them). */
static inline int nd__aliasing_axis(const nd_array *a) {
    if (a->size == 0) return -1;
    for (int i = 0; i < a->ndim; i++)
        if (a->strides[i] == 0 && a->shape[i] > 1) return i;
    return -1;
}

/* Whether a takes part in promotion as a weak scalar (NEP 50): made by
 * nd_weak()/nd_weak_i64() or a stack scalar of nd__scalar_view(). */
static inline bool nd__is_weak(const nd_array *a) { return (a->flags & ND_FLAG_WEAK) != 0; }
/* Makes h a 0-d handle on the caller's element at elem (no allocation, no
 * buffer reference: h lives on the caller's stack and is never freed or
 * viewed). weak sets ND_FLAG_WEAK. */
void nd__scalar_view(nd_array *h, nd_dtype dt, void *elem, bool weak);
/* NEP 50's promotion of weak operands: the dtypes that take part in
 * promotion when operand k (of dtype dts[k]) is weak where weak[k]. Strong
 * operands all count; weak ones (int64 for a Python int, float64 for a
 * Python float) count only when they raise the kind (bool < integer <
 * float) of the strong operands' promotion, as that kind's default dtype;
 * with no strong operand, the default of the highest weak kind. eff
 * receives at most n dtypes; returns their count (n >= 1). */
int nd__effective_dtypes(int n, const nd_dtype *dts, const bool *weak, nd_dtype *eff);

/* Gives a new handle to the active scope of this thread, if one is open
 * (scope.c). False (ND_ERR_NOMEM recorded under fn) if the scope cannot
 * grow: the caller then frees the handle's memory itself, without nd_free. */
bool nd__scope_adopt(const char *fn, nd_array *a);
/* Removes a from the scope that owns it (a->scope is not NULL). */
void nd__scope_forget(nd_array *a);

/* ------------------------------------------------------------ errors */

/* Records an error for nd_errmsg() and returns status. fn is the public
 * function's name; the message is formatted like printf. */
nd_status nd__error(nd_status status, const char *fn, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Records the pending error again as coming from fn (for a failure inside
 * a public function that called another): the inner message, without the
 * inner function's name, after "fn: ". Returns its status. */
nd_status nd__reraise(const char *fn);
/* The error count of this thread, taken when a public function starts,
 * for nd__relabel. */
unsigned long nd__error_mark(void);
/* For a public function that failed: if an error was recorded since mark
 * (by an inner public call such as nd_copy, or by a helper that named
 * another function), restates it under fn's name, as nd__reraise does; a
 * pending error from before the call (a NULL argument keeps it) is left
 * alone. Returns the status. Every public function that calls another
 * public function, directly or through helpers, ends its failures here, so
 * a message always names the function the caller called. */
nd_status nd__relabel(const char *fn, unsigned long mark);
static inline nd_array *nd__relabel_array(const char *fn, unsigned long mark, nd_array *r) {
    if (!r) nd__relabel(fn, mark);
    return r;
}
static inline nd_status nd__relabel_status(const char *fn, unsigned long mark, nd_status st) {
    if (st != ND_OK) nd__relabel(fn, mark);
    return st;
}
/* For a NULL argument: keeps a pending error (the first failure in a chain),
 * else records "fn: argument 'name' is NULL". Returns ND_ERR_NULL. */
nd_status nd__null_arg(const char *fn, const char *name);

/* Formats shape as NumPy error messages do, "(3,4)", "(5,)" or "()". */
const char *nd__shape_str(char *buf, size_t cap, int ndim, const int64_t *shape);
#define ND_SHAPE_STR_CAP (ND_MAX_DIMS * 22 + 8)

/* Common argument checks; each records the error and returns false. */
bool nd__check_array(const char *fn, const char *name, const nd_array *a);
/* Each of the n entries of arrays (itself not NULL when n > 0): the first
 * NULL one is "argument 'name[i]' is NULL" (through nd__null_arg). */
bool nd__check_arrays(const char *fn, const char *name, int n, const nd_array *const *arrays);
bool nd__check_dtype(const char *fn, nd_dtype dt);
bool nd__check_shape(const char *fn, int ndim, const int64_t *shape);
/* nd__check_shape without the sign check of the lengths (for shapes that
 * may hold -1): ndim in [0, ND_MAX_DIMS], shape not NULL when ndim > 0. */
bool nd__check_shape_arg(const char *fn, int ndim, const int64_t *shape);
/* Axis arguments. Every function taking an axis or axes checks them here,
 * so a sentinel in the wrong place gives the same error everywhere: its
 * name, never its value (ND_ERR_VALUE).
 * nd__sentinel_axis: true (error recorded) if axis is ND_ALL_AXES or
 * ND_AXIS_NONE; flat_ok adds the hint to use ND_AXIS_NONE, for functions
 * that take it (and handled it before asking).
 * nd__norm_axis: normalises a possibly negative axis into [0, ndim).
 * nd__norm_axis_flat: the same, for a function that takes ND_AXIS_NONE
 * (the caller handles it first). */
bool nd__sentinel_axis(const char *fn, int axis, bool flat_ok);
bool nd__norm_axis(const char *fn, int *axis, int ndim);
/* nd__sentinel_axis for entry i of an axes list ("axes[i] is ..."). */
bool nd__sentinel_entry(const char *fn, int i, int axis);
bool nd__norm_axis_flat(const char *fn, int *axis, int ndim);
/* Refuses a sentinel misused as an axis count: ND_AXIS_NONE always,
 * ND_ALL_AXES unless all_ok; with all_ok (a function where ND_ALL_AXES
 * means every axis) also naxes 0 with axes NULL, which would silently
 * select nothing. Other values pass, for the caller's own checks. */
bool nd__check_naxes(const char *fn, int naxes, const int *axes, bool all_ok);
/* Checks naxes axes against ndim: each in range, none repeated, neither
 * sentinel (ND_ALL_AXES is refused: callers that take it use
 * nd__axes_mask). norm (may be NULL) receives them normalised;
 * seen[0..ndim) marks them. naxes 0 is an empty list. */
bool nd__norm_axes(const char *fn, int ndim, int naxes, const int *axes, int *norm, bool *seen);
/* The axes argument of a reduction-like function: ND_ALL_AXES for every
 * axis, or naxes entries of axes (0 with a non-NULL axes: none; 0 with
 * NULL is refused). mask[0..ndim) marks the selected axes. */
bool nd__axes_mask(const char *fn, int ndim, int naxes, const int *axes, bool *mask);
/* NumPy's promotion of several dtypes at once (np.result_type), fed one
 * dtype at a time: start from ND__PROMO_INIT, nd__promo_add each dtype
 * (valid ones), read nd__promo_result (ND_NUM_DTYPES if none was added).
 * Not a pairwise fold: with a float present, each integer promotes with the
 * float on its own, so int16, uint16 and float32 give float32. */
typedef struct nd__promo {
    nd_dtype fold;  /* the pairwise fold, ND_NUM_DTYPES before the first */
    bool any_float; /* a float was added */
    bool wide;      /* a dtype float32 cannot hold (32/64-bit integers, float64) */
} nd__promo;
#define ND__PROMO_INIT {ND_NUM_DTYPES, false, false}
void nd__promo_add(nd__promo *p, nd_dtype dt);
nd_dtype nd__promo_result(const nd__promo *p);
/* nd__promo over n valid dtypes (n >= 1). */
nd_dtype nd__promote_n(int n, const nd_dtype *dts);
/* NumPy's accumulator for sum, prod, cumsum and cumprod: int64 for bool and
 * signed integers, uint64 for unsigned, floats unchanged. */
nd_dtype nd__sum_dtype(nd_dtype dt);

/* ------------------------------------------------------------ allocation */

void *nd__alloc(size_t size, size_t align);
void nd__dealloc(void *p);

/* ------------------------------------------------------------ dtypes */

typedef enum nd_kind { ND_KIND_BOOL, ND_KIND_INT, ND_KIND_UINT, ND_KIND_FLOAT } nd_kind;

typedef struct nd_dtype_info {
    const char *name;
    size_t size;
    nd_kind kind;
} nd_dtype_info;

extern const nd_dtype_info nd__dtypes[ND_NUM_DTYPES];

static inline bool nd__valid_dtype(nd_dtype dt) {
    return (unsigned)dt < (unsigned)ND_NUM_DTYPES;
}
static inline size_t nd__itemsize(nd_dtype dt) { return nd__dtypes[dt].size; }
static inline nd_kind nd__kind(nd_dtype dt) { return nd__dtypes[dt].kind; }

/* Dtype lists for generated code: X(ENUM, suffix, c_type, wide_unsigned, ...)
 * where ... passes on the list's own extra arguments. Bool elements are
 * bytes holding 0 or 1 (uint8_t, so no load of a stray value is undefined).
 * Integer arithmetic is done in the wide unsigned type, which wraps as NumPy
 * does instead of overflowing. */
#define ND_FOR_BOOL(X, ...) X(ND_BOOL, b8, uint8_t, unsigned, __VA_ARGS__)
#define ND_FOR_SIGNED(X, ...)                                                      \
    X(ND_INT8, i8, int8_t, unsigned, __VA_ARGS__)                                  \
    X(ND_INT16, i16, int16_t, unsigned, __VA_ARGS__)                               \
    X(ND_INT32, i32, int32_t, unsigned, __VA_ARGS__)                               \
    X(ND_INT64, i64, int64_t, uint64_t, __VA_ARGS__)
#define ND_FOR_UNSIGNED(X, ...)                                                    \
    X(ND_UINT8, u8, uint8_t, unsigned, __VA_ARGS__)                                \
    X(ND_UINT16, u16, uint16_t, unsigned, __VA_ARGS__)                             \
    X(ND_UINT32, u32, uint32_t, unsigned, __VA_ARGS__)                             \
    X(ND_UINT64, u64, uint64_t, uint64_t, __VA_ARGS__)
#define ND_FOR_FLOAT(X, ...)                                                       \
    X(ND_FLOAT32, f32, float, float, __VA_ARGS__)                                  \
    X(ND_FLOAT64, f64, double, double, __VA_ARGS__)
#define ND_FOR_EACH_DTYPE(X, ...)                                                  \
    ND_FOR_BOOL(X, __VA_ARGS__) ND_FOR_SIGNED(X, __VA_ARGS__)                      \
    ND_FOR_UNSIGNED(X, __VA_ARGS__) ND_FOR_FLOAT(X, __VA_ARGS__)

/* ------------------------------------------------------------ checked math */

static inline bool nd__mul_overflow(int64_t a, int64_t b, int64_t *r) {
    return __builtin_mul_overflow(a, b, r);
}
static inline bool nd__add_overflow(int64_t a, int64_t b, int64_t *r) {
    return __builtin_add_overflow(a, b, r);
}
/* Product of shape, or -1 for a negative length or when the product of the
 * nonzero lengths, in elements or in bytes, overflows int64 (as NumPy
 * refuses such shapes even when another length is 0). */
int64_t nd__checked_size(int ndim, const int64_t *shape, size_t itemsize);

/* nd_broadcast_shapes with errors reported as coming from fn. */
nd_status nd__broadcast_shapes(const char *fn, int n, const int *ndims,
                               const int64_t *const *shapes, int *out_ndim, int64_t *out_shape);
/* The same, with mismatch as the start of the ND_ERR_SHAPE message, which
 * goes on with every shape: "<mismatch> (2,3) (4,)". */
nd_status nd__broadcast_shapes_msg(const char *fn, const char *mismatch, int n, const int *ndims,
                                   const int64_t *const *shapes, int *out_ndim,
                                   int64_t *out_shape);

/* C-order element strides for shape. */
void nd__c_strides(int ndim, const int64_t *shape, int64_t *strides);

#endif

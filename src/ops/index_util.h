/* Private helpers shared by the indexing files (take.c, fancy.c, mask.c,
 * search.c, index_tricks.c, unique.c, ...): index validation, element reads
 * by dtype, a C-order cursor and the table-driven gather/scatter copy every
 * take-like function runs on. */
#ifndef ND_INDEX_UTIL_H
#define ND_INDEX_UTIL_H

#include "core/core.h"

/* ------------------------------------------------------------ scratch */

/* n elements of elsize bytes from the allocator hooks (at least one byte);
 * NULL with ND_ERR_OVERFLOW or ND_ERR_NOMEM recorded against fn. */
void *nd__ix_alloc(const char *fn, int64_t n, size_t elsize);
void nd__ix_free(void *p);

/* ------------------------------------------------------------ shapes */

/* Byte steps that read a as if broadcast (right-aligned) to an ndim-long
 * shape: 0 along stretched and missing axes. */
void nd__ix_bcast_steps(const nd_array *a, int ndim, int64_t *steps);
/* Byte steps of a C-contiguous array of shape (ndim, shape). */
void nd__ix_c_steps(int ndim, const int64_t *shape, size_t isz, int64_t *steps);
/* Product of shape; the caller knows it does not overflow. */
int64_t nd__ix_count(int ndim, const int64_t *shape);
/* Records ND_ERR_VALUE unless ndim <= ND_MAX_DIMS. */
bool nd__ix_check_ndim(const char *fn, int ndim);

/* ------------------------------------------------------------ C-order cursor */

/* Visits the elements of a strided (possibly broadcast) block in C order:
 * p points at the current element, idx holds its coordinates. */
typedef struct nd_ix_cursor {
    int ndim;
    char *p;
    int64_t shape[ND_MAX_DIMS];
    int64_t steps[ND_MAX_DIMS]; /* bytes */
    int64_t idx[ND_MAX_DIMS];
} nd_ix_cursor;

void nd__ix_cursor_init(nd_ix_cursor *c, const char *data, int ndim, const int64_t *shape,
                        const int64_t *steps);
/* A cursor over a's own elements, in C order. */
void nd__ix_cursor_of(nd_ix_cursor *c, const nd_array *a);
static inline void nd__ix_cursor_next(nd_ix_cursor *c) {
    for (int d = c->ndim - 1; d >= 0; d--) {
        c->p += c->steps[d];
        if (++c->idx[d] < c->shape[d]) return;
        c->p -= c->steps[d] * c->shape[d];
        c->idx[d] = 0;
    }
}

/* ------------------------------------------------------------ element reads */

/* Nonzero (NaN is true, -0.0 false): how masks and nonzero read any dtype. */
bool nd__ix_truthy(nd_dtype dt, const char *p);
double nd__ix_as_f64(nd_dtype dt, const char *p);
/* An integer or bool element as int64; false for a uint64 above INT64_MAX. */
bool nd__ix_as_i64(nd_dtype dt, const char *p, int64_t *v);

/* ------------------------------------------------------------ indices */

/* Accepts integer and bool index arrays; a float one is ND_ERR_DTYPE with
 * NumPy's message. */
bool nd__ix_check_index_dtype(const char *fn, const nd_array *idx);

/* Reads idx broadcast to (ndim, shape) in C order, checks each value
 * against len (negative ones count from the end) and stores value * scale
 * into out (adds it when accumulate). Nothing but out is written; an
 * error names the index, the axis and len, as NumPy does. When the shape
 * is empty, idx's own elements are still checked. */
bool nd__ix_load_indices(const char *fn, const nd_array *idx, int ndim, const int64_t *shape,
                         int64_t len, int axis, int64_t scale, bool accumulate, int64_t *out);

/* Byte offset of a's element at flat C-order position k (0 <= k < size). */
int64_t nd__ix_flat_offset(const nd_array *a, int64_t k);

/* ------------------------------------------------------------ gather / scatter */

/* One side of a copy over an N-d shape: the element at coordinates c lives
 * at base + sum(c[d] * step[d]) + table[sum(c[d] * tab_step[d])]. A NULL
 * table adds nothing. */
typedef struct nd_ix_side {
    char *base;
    const int64_t *table;
    int64_t step[ND_MAX_DIMS];
    int64_t tab_step[ND_MAX_DIMS];
} nd_ix_side;

/* Copies every element of the shape from src to dst, itemsize isz, in C
 * order (so with repeated destinations the last write wins, as NumPy). */
void nd__ix_copy(int ndim, const int64_t *shape, const nd_ix_side *dst, const nd_ix_side *src,
                 size_t isz);

/* A new C-ordered array of shape (nd, shape) and a's dtype, gathered from
 * a: element i reads a's data at sum(idx * a_step) + table entries at
 * sum(idx * tab_step) (table may be NULL). NULL with the error recorded. */
nd_array *nd__ix_gather_new(const char *fn, const nd_array *a, int nd, const int64_t *shape,
                            const int64_t *table, const int64_t *a_step, const int64_t *tab_step);

/* The assignment counterpart of nd__ix_gather_new: values (cast to a's
 * dtype and broadcast to (nd, shape) by nd__ix_assign_values) written to
 * the elements of a that the same geometry addresses. ND_OK, or the status
 * of the error (nothing is written then). */
nd_status nd__ix_scatter(const char *fn, nd_array *a, const nd_array *values, int nd,
                         const int64_t *shape, const int64_t *table, const int64_t *a_step,
                         const int64_t *tab_step);

/* One element of isz bytes (1, 2, 4 or 8 become single loads and stores). */
static inline void nd__ix_copy_elem(char *dst, const char *src, size_t isz) {
    switch (isz) {
    case 1: memcpy(dst, src, 1); break;
    case 2: memcpy(dst, src, 2); break;
    case 4: memcpy(dst, src, 4); break;
    case 8: memcpy(dst, src, 8); break;
    default: memcpy(dst, src, isz); break;
    }
}

/* For assignments (a[...] = values): a C-contiguous copy of values in dtype
 * dt, and in steps the byte steps that broadcast it to (ndim, shape).
 * Leading length-1 axes beyond ndim are dropped, as NumPy's setitem does.
 * The copy also makes values safe to read while a is written. */
nd_array *nd__ix_assign_values(const char *fn, const nd_array *values, nd_dtype dt, int ndim,
                               const int64_t *shape, int64_t *steps);

/* Checks that a can be written (not a broadcast or read-only view). */
bool nd__ix_check_writeable(const char *fn, const nd_array *a);

#endif

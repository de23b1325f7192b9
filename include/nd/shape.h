/** @file
 * libnd: building arrays from blocks, flips, broadcasting several arrays,
 * index conversions, index grids and diagonals (included by nd.h).
 * NumPy's block, column_stack, flipud, fliplr, broadcast_arrays,
 * unravel_index, ravel_multi_index, indices, diag, diagflat, tril_indices
 * and triu_indices. Views are returned where NumPy returns views (flips,
 * broadcast_arrays, diag of a 2-D array); everything else is a new
 * C-contiguous array. Index arrays are int64; index inputs may be any
 * integer dtype or bool (float ones are ND_ERR_DTYPE). */
#ifndef ND_SHAPE_H
#define ND_SHAPE_H

/** Assembles an array from nested blocks (np.block). The nesting of
 * NumPy's nested lists is given by depth and counts: counts lists, level by
 * level from the outermost, how many items each list holds. Level 0 is one
 * list with counts[0] items; if depth > 1 each of those is a list, and the
 * next counts give their lengths in order; the items of the lists of the
 * last level are the arrays, in order. Examples: [a, b, c] is depth 1,
 * counts {3}; [[A, B], [C, D, E]] is depth 2, counts {2, 2, 3}; [[[a]],
 * [[b]]] is depth 3, counts {2, 1, 1, 1, 1}. Every array is first given
 * max(depth, its ndim, the others' ndim) dimensions (leading 1s); the
 * innermost lists join along the last axis, the lists holding them along
 * the one before, and so on. Depth 0 is a copy of arrays[0] (n must be 1).
 * The result's dtype is the promotion of all the arrays at once
 * (np.result_type, NumPy's rule for large results; NumPy promotes small
 * ones list by list, which can differ for mixed signed and unsigned
 * integers with floats: [[int16, uint16], [float32]] is float32 here,
 * float64 in NumPy).
 *  @param depth The nesting depth, 0 to ND_MAX_DIMS.
 *  @param counts The lengths of the lists, level by level (may be NULL when
 *  depth is 0); none is 0.
 *  @param n The number of arrays: the sum of the last level's counts.
 *  @param arrays n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if counts, arrays or one of them is NULL;
 *  ND_ERR_VALUE if depth is out of range, a count is below 1, or n is not
 *  the number of arrays the counts describe; ND_ERR_SHAPE if the blocks'
 *  shapes do not fit together; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.block(nested_lists)
 */
ND_API nd_array *nd_block(int depth, const int *counts, int n, const nd_array *const *arrays);
/** Stacks arrays as columns: 0-d and 1-D arrays become columns (N, 1), the
 * others are taken as they are, then all are joined along axis 1. The
 * result dtype is as nd_concatenate() gives.
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_concatenate().
 *
 *  NumPy: np.column_stack(arrays)
 */
ND_API nd_array *nd_column_stack(int n, const nd_array *const *arrays);
/** Reverses the order along axis 0 (up/down): a view.
 *  @param a The array, at least 1-D.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is 0-d; ND_ERR_NOMEM.
 *
 *  NumPy: np.flipud(a)
 */
ND_API nd_array *nd_flipud(const nd_array *a);
/** Reverses the order along axis 1 (left/right): a view.
 *  @param a The array, at least 2-D.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a has fewer than 2
 *  dimensions; ND_ERR_NOMEM.
 *
 *  NumPy: np.fliplr(a)
 */
ND_API nd_array *nd_fliplr(const nd_array *a);
/** Views of n arrays broadcast to their common shape, into out[0..n-1]. A
 * view with an axis stretched by broadcasting (stride 0, length above 1)
 * is read-only, as NumPy intends (1.24 lets it be written with a
 * DeprecationWarning); the others keep their array's writeable flag. n ==
 * 0 writes nothing.
 *  @param n The number of arrays, not negative.
 *  @param arrays n arrays.
 *  @param out Receives n new handles (views); untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_VALUE if n is negative; ND_ERR_NULL if arrays, one of
 *  them or out is NULL (with n > 0); ND_ERR_SHAPE if the shapes do not
 *  broadcast together; ND_ERR_NOMEM.
 *
 *  NumPy: np.broadcast_arrays(*arrays)
 */
ND_API nd_status nd_broadcast_arrays(int n, const nd_array *const *arrays, nd_array **out);

/** Memory order of a multi-index: C (last index fastest) or Fortran. */
typedef enum nd_order {
    ND_ORDER_C = 0, /**< row-major, NumPy's order='C' */
    ND_ORDER_F      /**< column-major, NumPy's order='F' */
} nd_order;
/** What nd_ravel_multi_index() does with an index outside [0, dim). */
typedef enum nd_index_mode {
    ND_INDEX_RAISE = 0, /**< an error (ND_ERR_INDEX), NumPy's mode='raise' */
    ND_INDEX_WRAP,      /**< taken modulo the dimension, mode='wrap' */
    ND_INDEX_CLIP       /**< clipped to [0, dim - 1], mode='clip' */
} nd_index_mode;

/** Converts flat indices into a tuple of coordinate arrays for an array of
 * the given shape (np.unravel_index): out[d] (int64, of indices' shape)
 * holds the coordinate along axis d.
 *  @param indices Flat indices (any integer dtype or bool, any shape), each
 *  in [0, size of shape).
 *  @param ndim The number of dimensions of shape, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param order ND_ORDER_C or ND_ORDER_F.
 *  @param out Receives ndim new handles; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if indices (or shape or out, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if ndim, a length or order is invalid, or indices is not
 *  0-d with ndim 0 (as NumPy); ND_ERR_DTYPE if
 *  indices is a float array; ND_ERR_INDEX if an index is out of bounds
 *  (NumPy raises ValueError); ND_ERR_OVERFLOW if the size of shape
 *  overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.unravel_index(indices, shape, order)
 */
ND_API nd_status nd_unravel_index(const nd_array *indices, int ndim, const int64_t *shape,
                                  nd_order order, nd_array **out);
/** Converts a tuple of coordinate arrays into flat indices
 * (np.ravel_multi_index): the n arrays broadcast together, and the int64
 * result has their broadcast shape. Indices outside [0, dims[d]) are
 * handled by the mode of their axis. uint64 coordinates above INT64_MAX
 * are taken at their value (NumPy reads them as negative int64).
 *  @param n The number of coordinate arrays (and of dims), 0 to ND_MAX_DIMS.
 *  @param multi_index n arrays of any integer dtype or bool.
 *  @param dims n lengths, none negative.
 *  @param nmodes 1 (one mode for every axis) or n.
 *  @param modes nmodes modes.
 *  @param order ND_ORDER_C or ND_ORDER_F.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if multi_index, one of them, dims or modes is NULL
 *  (with n > 0); ND_ERR_VALUE if n, nmodes, a mode, order or a length is
 *  invalid (NumPy accepts negative dims), or a zero length is given a wrap
 *  or clip mode; ND_ERR_DTYPE for a float array; ND_ERR_SHAPE if the arrays
 *  do not broadcast together; ND_ERR_INDEX for an index out of bounds in
 *  ND_INDEX_RAISE mode (NumPy raises ValueError); ND_ERR_OVERFLOW if the
 *  size of dims overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.ravel_multi_index(multi_index, dims, mode, order)
 */
ND_API nd_array *nd_ravel_multi_index(int n, const nd_array *const *multi_index, const int64_t *dims,
                                      int nmodes, const nd_index_mode *modes, nd_order order);
/** An array of index grids: shape (ndim, *dims), where result[i] holds the
 * index along axis i at every position (values converted to dt as astype
 * converts them).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS - 1 (0 gives
 *  shape (0,)).
 *  @param dims ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype (NumPy's default is int64).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if dims is NULL with ndim > 0; ND_ERR_VALUE if ndim
 *  or a length is out of range; ND_ERR_DTYPE if dt is invalid, or bool with
 *  a length above 2 (as NumPy); ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.indices(dims, dtype=dt)
 */
ND_API nd_array *nd_indices(int ndim, const int64_t *dims, nd_dtype dt);
/** The sparse index grids: out[i] has length dims[i] along axis i and 1
 * elsewhere, and holds 0, 1, ..., dims[i] - 1 converted to dt. ndim == 0
 * writes nothing.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param dims ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt The dtype.
 *  @param out Receives ndim new handles; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if dims or out is NULL with ndim > 0; ND_ERR_VALUE if
 *  ndim or a length is out of range (NumPy takes a negative one as 0);
 *  ND_ERR_DTYPE if dt is invalid, or bool with a length above 2;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.indices(dims, dtype=dt, sparse=True)
 */
ND_API nd_status nd_indices_sparse(int ndim, const int64_t *dims, nd_dtype dt, nd_array **out);

/** The diagonal of a 2-D array, or a 2-D array with a 1-D one on a diagonal
 * (np.diag). For a 1-D v of length N: a new (N + |k|, N + |k|) array of v's
 * dtype, zero but for v on diagonal k. For a 2-D v: diagonal k as a 1-D
 * view, as nd_diagonal() gives (writeable, where NumPy's is read-only).
 *  @param v A 1-D or 2-D array.
 *  @param k The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @return a new handle (a copy for 1-D v, a view for 2-D), or NULL on
 *  error.
 *
 *  Errors: ND_ERR_NULL if v is NULL; ND_ERR_VALUE if v is not 1-D or 2-D;
 *  ND_ERR_OVERFLOW if N + |k| or the result's size overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.diag(v, k)
 */
ND_API nd_array *nd_diag(const nd_array *v, int64_t k);
/** A 2-D array with the flattened input (C order; any ndim, 0-d too) on
 * diagonal k, zero elsewhere, in v's dtype.
 *  @param v The values (any shape).
 *  @param k The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @return a new 2-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if v is NULL; ND_ERR_OVERFLOW if the size overflows;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.diagflat(v, k)
 */
ND_API nd_array *nd_diagflat(const nd_array *v, int64_t k);
/** The row and column indices (int64, 1-D, in C order of the positions) of
 * the lower triangle of an n x m matrix: the positions (i, j) with
 * j <= i + k.
 *  @param n The number of rows, not negative.
 *  @param k The diagonal bounding the triangle: 0 the main one, > 0 above it.
 *  @param m The number of columns; negative for n (NumPy's m=None).
 *  @param rows Receives the row indices; untouched on error.
 *  @param cols Receives the column indices; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if rows or cols is NULL; ND_ERR_VALUE if n is
 *  negative (NumPy takes it as 0); ND_ERR_OVERFLOW if n * m overflows;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.tril_indices(n, k, m)
 */
ND_API nd_status nd_tril_indices(int64_t n, int64_t k, int64_t m, nd_array **rows, nd_array **cols);
/** The row and column indices of the upper triangle of an n x m matrix:
 * the positions (i, j) with j >= i + k. As nd_tril_indices() otherwise.
 *  @param n The number of rows, not negative.
 *  @param k The diagonal bounding the triangle: 0 the main one, > 0 above it.
 *  @param m The number of columns; negative for n (NumPy's m=None).
 *  @param rows Receives the row indices; untouched on error.
 *  @param cols Receives the column indices; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if rows or cols is NULL; ND_ERR_VALUE if n is
 *  negative (NumPy takes it as 0); ND_ERR_OVERFLOW if n * m overflows;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.triu_indices(n, k, m)
 */
ND_API nd_status nd_triu_indices(int64_t n, int64_t k, int64_t m, nd_array **rows, nd_array **cols);

#endif

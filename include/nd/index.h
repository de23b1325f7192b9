/** @file
 * libnd: indexing (included by nd.h). Integer-array and boolean indexing,
 * take/put, nonzero, searchsorted, diff, bincount, histogram and unique.
 * Indices are int64 arrays; any integer dtype is accepted (uint64 too), and
 * bool reads as 0/1 except in nd_index_arrays; float indices are
 * ND_ERR_DTYPE. Negative indices count from the end; an index out of range
 * is ND_ERR_INDEX naming the index, the axis and its size ("index 7 is out
 * of bounds for axis 0 with size 5"). Every index is checked before
 * anything is written: on error the target is unchanged. Every index given
 * is checked, also when broadcasting against an empty index or array leaves
 * nothing to gather (NumPy checks those only when they are 0-d). Assigned values
 * are converted as by nd_astype and may overlap the target. */
#ifndef ND_INDEX_H
#define ND_INDEX_H

/** np.take: elements of a at indices along axis (ND_AXIS_NONE: the flattened
 * array). The result's shape replaces the axis with the indices' shape.
 *  @param a The array.
 *  @param indices An integer (or bool) array of indices, negative from the end.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or indices is NULL; ND_ERR_DTYPE if indices is
 *  a float array; ND_ERR_INDEX if axis or an index is out of range;
 *  ND_ERR_VALUE if the result would exceed ND_MAX_DIMS; ND_ERR_NOMEM.
 *
 *  NumPy: np.take(a, indices, axis)
 */
ND_API nd_array *nd_take(const nd_array *a, const nd_array *indices, int axis);
/** As nd_take(), written into out.
 * nd_take_out's out may overlap a; its dtype may differ when the cast from
 * a's dtype is same_kind (NumPy also takes unsafe casts here).
 *  @param a The array.
 *  @param indices An integer (or bool) array of indices, negative from the end.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output, of the result's shape (may be a view).
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_take(), and ND_ERR_NULL if out is NULL; ND_ERR_READONLY if
 *  out is read-only or has a stride-0 axis; ND_ERR_SHAPE if out's shape is
 *  not the result's; ND_ERR_DTYPE if a's dtype does not cast to out's under
 *  same_kind rules.
 *
 *  NumPy: np.take(a, indices, axis, out=out)
 */
ND_API nd_status nd_take_out(const nd_array *a, const nd_array *indices, int axis, nd_array *out);
/** np.put: a.flat[indices] = values (C order of a, which may be a view),
 * values flattened and repeated cyclically; with repeated indices the last
 * write wins. Empty values put nothing, but the indices are still checked
 * (NumPy skips the check).
 *  @param a The array to write.
 *  @param indices An integer (or bool) array of flat indices, negative from the end.
 *  @param values The values, converted to a's dtype.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if an argument is NULL; ND_ERR_READONLY if a is
 *  read-only or has a stride-0 axis; ND_ERR_DTYPE if indices is a float
 *  array; ND_ERR_INDEX if an index is out of range; ND_ERR_NOMEM.
 *
 *  NumPy: np.put(a, indices, values)
 */
ND_API nd_status nd_put(nd_array *a, const nd_array *indices, const nd_array *values);
/** np.take_along_axis: indices has a's ndim and broadcasts against a on
 * every axis but axis (ND_AXIS_NONE: 1-D indices into the flattened
 * array).
 *  @param a The array.
 *  @param indices An integer (or bool) array of a's ndim (1-D for ND_AXIS_NONE).
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or indices is NULL; ND_ERR_DTYPE if indices is
 *  a float array; ND_ERR_INDEX if axis or an index is out of range;
 *  ND_ERR_SHAPE if indices has the wrong ndim or does not broadcast
 *  against a; ND_ERR_NOMEM.
 *
 *  NumPy: np.take_along_axis(a, indices, axis)
 */
ND_API nd_array *nd_take_along_axis(const nd_array *a, const nd_array *indices, int axis);
/** np.put_along_axis: writes values at indices along axis, indices placed
 * as in nd_take_along_axis(). values broadcast to the indexed shape.
 *  @param a The array to write.
 *  @param indices An integer (or bool) array of a's ndim (1-D for ND_AXIS_NONE).
 *  @param values The values, converted to a's dtype.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_take_along_axis(), and ND_ERR_NULL if values is NULL;
 *  ND_ERR_READONLY if a is read-only or has a stride-0 axis; ND_ERR_SHAPE
 *  if values does not broadcast to the indexed shape.
 *
 *  NumPy: np.put_along_axis(a, indices, values, axis)
 */
ND_API nd_status nd_put_along_axis(nd_array *a, const nd_array *indices, const nd_array *values,
                                   int axis);

/** a[i0, i1, ...] with integer arrays, NumPy's advanced indexing: indices
 * holds n <= ndim entries, one per leading axis; a NULL entry means ':' for
 * that axis, as do the axes past n. The index arrays broadcast together;
 * the broadcast shape takes the place of the indexed axes when they are
 * adjacent, else goes first (a[[0,1], :, [1,2]] has shape (2, a.shape[1])).
 * A 1-D bool entry is a mask on its axis (its nonzero positions, as NumPy);
 * bool entries of other ranks are ND_ERR_UNSUPPORTED (use nd_extract). With
 * no array entry the result is a copy of a.
 *  @param a The array.
 *  @param n The number of entries, 0 to nd_ndim(a).
 *  @param indices n index arrays or NULL entries (may be NULL when n is 0).
 *  @return a new handle (a copy), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or indices, with n > 0) is NULL; ND_ERR_VALUE
 *  if n is negative or the result would exceed ND_MAX_DIMS; ND_ERR_INDEX if
 *  n exceeds nd_ndim(a) or an index is out of range; ND_ERR_DTYPE for a
 *  float entry; ND_ERR_UNSUPPORTED for a bool entry that is not 1-D;
 *  ND_ERR_SHAPE if a bool entry's length is not its axis's or the entries
 *  do not broadcast together; ND_ERR_NOMEM.
 *
 *  NumPy: a[i0, i1, ...]
 */
ND_API nd_array *nd_index_arrays(const nd_array *a, int n, const nd_array *const *indices);
/** a[i0, i1, ...] = values (values broadcast to the indexed shape; extra
 * leading length-1 axes of values are ignored, as NumPy does). Entries
 * are read as by nd_index_arrays(); with repeated positions the last write
 * wins.
 *  @param a The array to write.
 *  @param n The number of entries, 0 to nd_ndim(a).
 *  @param indices n index arrays or NULL entries (may be NULL when n is 0).
 *  @param values The values, converted to a's dtype.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_index_arrays(), and ND_ERR_NULL if values is NULL;
 *  ND_ERR_READONLY if a is read-only or has a stride-0 axis; ND_ERR_SHAPE
 *  if values does not broadcast to the indexed shape.
 *
 *  NumPy: a[i0, i1, ...] = values
 */
ND_API nd_status nd_index_arrays_assign(nd_array *a, int n, const nd_array *const *indices,
                                        const nd_array *values);

/** a[mask] as a 1-D copy in C order. mask has a's shape (np.extract only
 * needs equal sizes) and may have any dtype: nonzero (NaN too) is true.
 *  @param mask The mask, of a's shape.
 *  @param a The array.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if mask or a is NULL; ND_ERR_SHAPE if their shapes
 *  differ; ND_ERR_NOMEM.
 *
 *  NumPy: np.extract(mask, a), a[mask]
 */
ND_API nd_array *nd_extract(const nd_array *mask, const nd_array *a);
/** a[mask] = values (np.place): mask has a's shape (NumPy: equal sizes), any
 * dtype; values of any shape are flattened and repeated cyclically over the
 * true elements in C order. Empty values are an error unless nothing is
 * true.
 *  @param a The array to write.
 *  @param mask The mask, of a's shape (nonzero, NaN too, is true).
 *  @param values The values, converted to a's dtype.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if an argument is NULL; ND_ERR_READONLY if a is
 *  read-only or has a stride-0 axis; ND_ERR_SHAPE if mask's shape is not
 *  a's; ND_ERR_VALUE if values is empty and some element is true;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.place(a, mask, values)
 */
ND_API nd_status nd_place(nd_array *a, const nd_array *mask, const nd_array *values);

/** np.nonzero (and np.where with one argument): out (room for
 * max(ndim, 1) handles) receives ndim int64 arrays of indices (one for a 0-d
 * array, as np.atleast_1d does). NaN counts as nonzero.
 *  @param a The array.
 *  @param out Receives max(ndim, 1) new 1-D handles, one per axis, in C order
 *  of the positions; untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or out is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.nonzero(a)
 */
ND_API nd_status nd_nonzero(const nd_array *a, nd_array **out);
/** The indices of the nonzero elements (NaN too), one row per element.
 *  @param a The array.
 *  @return a new int64 handle of shape (count, ndim), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.argwhere(a)
 */
ND_API nd_array *nd_argwhere(const nd_array *a);
/** The flat (C-order) indices of the nonzero elements (NaN too).
 *  @param a The array.
 *  @return a new 1-D int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.flatnonzero(a)
 */
ND_API nd_array *nd_flatnonzero(const nd_array *a);
/** np.compress: the slices of a along axis (ND_AXIS_NONE: the flattened
 * array) where cond (1-D, any dtype) is true. A shorter cond selects among
 * the first entries; a longer one must be false past the end.
 *  @param cond A 1-D condition (nonzero, NaN too, is true).
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if cond or a is NULL; ND_ERR_SHAPE if cond is not
 *  1-D; ND_ERR_INDEX if axis is out of range or cond is true past the
 *  axis's end; ND_ERR_NOMEM.
 *
 *  NumPy: np.compress(cond, a, axis)
 */
ND_API nd_array *nd_compress(const nd_array *cond, const nd_array *a, int axis);
/** np.choose: out[i] = choices[indices[i]][i], all broadcast together, in
 * the dtype of the choices promoted at once (nd_result_type_n()). As
 * NumPy's mode='raise', each index must lie in [0, n): negative ones are
 * errors too (ND_ERR_INDEX).
 *  @param indices An integer (or bool) array of choice numbers.
 *  @param n The number of choices, at least 1.
 *  @param choices n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if indices, choices or a choice is NULL;
 *  ND_ERR_VALUE if n is below 1; ND_ERR_DTYPE if indices is a float array;
 *  ND_ERR_SHAPE if the arrays do not broadcast together; ND_ERR_INDEX if an
 *  index is outside [0, n); ND_ERR_NOMEM.
 *
 *  NumPy: np.choose(indices, choices)
 */
ND_API nd_array *nd_choose(const nd_array *indices, int n, const nd_array *const *choices);

/** np.searchsorted on a sorted 1-D array a: int64 insertion points for v
 * (result of v's shape), left or right side. Compared in the promoted dtype
 * of a and v, NaN sorted last. a's order is not checked.
 *  @param a The sorted 1-D array.
 *  @param v The values to place (any shape).
 *  @param right Give the position after equal elements instead of before.
 *  @return a new int64 handle of v's shape, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or v is NULL; ND_ERR_SHAPE if a is not 1-D;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.searchsorted(a, v, side="right" if right else "left")
 */
ND_API nd_array *nd_searchsorted(const nd_array *a, const nd_array *v, bool right);
/** np.diff: n-th discrete difference along axis (bool: not_equal; n == 0:
 * a copy; n beyond the axis's length: an empty axis).
 *  @param a The array, at least 1-D.
 *  @param n The order, not negative.
 *  @param axis The axis, negative from the end.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is 0-d or n is
 *  negative; ND_ERR_INDEX if axis is out of range; ND_ERR_NOMEM.
 *
 *  NumPy: np.diff(a, n, axis)
 */
ND_API nd_array *nd_diff(const nd_array *a, int n, int axis);
/** np.bincount of non-negative integers x (1-D, any integer dtype or
 * bool), optionally weighted (weights may be NULL), with at least minlength
 * bins: int64 counts, or float64 sums of the weights.
 *  @param x A 1-D integer or bool array, no value negative.
 *  @param weights A 1-D array of x's length (any dtype), or NULL.
 *  @param minlength The least number of bins, not negative.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if x is NULL; ND_ERR_DTYPE if x is a float array;
 *  ND_ERR_SHAPE if x or weights is not 1-D or their lengths differ;
 *  ND_ERR_VALUE if minlength or a value of x is negative, or a value is too
 *  large for a bin count; ND_ERR_NOMEM.
 *
 *  NumPy: np.bincount(x, weights, minlength)
 */
ND_API nd_array *nd_bincount(const nd_array *x, const nd_array *weights, int64_t minlength);
/** np.histogram with bins equal bins over [lo, hi] (lo == hi == 0: the
 * data's min and max, (0, 1) for empty data; NaN or inf there is an error).
 * lo == hi widens to (lo - 0.5, hi + 0.5). Values outside are ignored; the
 * last bin is closed. weights (a's shape) may be NULL. hist (int64, or the
 * weights' dtype) and edges (bins + 1 values, float32 for float32 data,
 * else float64) receive new arrays; either pointer may be NULL.
 *  @param a The data (any shape).
 *  @param bins The number of bins, at least 1.
 *  @param lo The lower end of the range.
 *  @param hi The upper end of the range, not below lo.
 *  @param weights Weights of a's shape, or NULL.
 *  @param hist Receives the counts or sums (1-D, bins values), or NULL.
 *  @param edges Receives the bin edges, or NULL.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if bins is below 1, lo >
 *  hi, or the range (given or from the data) is not finite; ND_ERR_SHAPE if
 *  the weights' shape is not a's; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.histogram(a, bins, range=(lo, hi), weights=weights)
 */
ND_API nd_status nd_histogram(const nd_array *a, int64_t bins, double lo, double hi,
                              const nd_array *weights, nd_array **hist, nd_array **edges);
/** np.unique over the flattened array: sorted unique values, and optionally
 * (non-NULL pointers) the first index of each, the inverse (1-D, into the
 * flattened array) and the counts, all int64. As NumPy 1.24's default
 * equal_nan=True, NaN sorts last and all NaNs are one value.
 *  @param a The array.
 *  @param values Receives the sorted unique values (1-D, a's dtype); required.
 *  @param index Receives the flat index of each value's first occurrence, or NULL.
 *  @param inverse Receives, for each element, the index of its value in values, or NULL.
 *  @param counts Receives the number of occurrences of each value, or NULL.
 *  @return ND_OK, or the status of the error; no pointer is written on error.
 *
 *  Errors: ND_ERR_NULL if a or values is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.unique(a, return_index=True, return_inverse=True, return_counts=True)
 */
ND_API nd_status nd_unique(const nd_array *a, nd_array **values, nd_array **index,
                           nd_array **inverse, nd_array **counts);

#endif

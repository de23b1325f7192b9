/* libnd: indexing (included by nd.h). Integer-array and boolean indexing,
 * take/put, nonzero, searchsorted, diff, bincount, histogram and unique.
 * Indices are int64 arrays; any integer dtype is accepted (uint64 too), and
 * bool reads as 0/1 except in nd_index_arrays; float indices are
 * ND_ERR_DTYPE. Negative indices count from the end; an index out of range
 * is ND_ERR_INDEX naming the index, the axis and its size ("index 7 is out
 * of bounds for axis 0 with size 5"). Every index is checked before
 * anything is written: on error the target is unchanged. Assigned values
 * are converted as by nd_astype and may overlap the target. */
#ifndef ND_INDEX_H
#define ND_INDEX_H

/* np.take: elements of a at indices along axis (ND_AXIS_NONE: the flattened
 * array). The result's shape replaces the axis with the indices' shape.
 * nd_take_out's out may overlap a; its dtype may differ when the cast from
 * a's dtype is same_kind (NumPy also takes unsafe casts here). */
ND_API nd_array *nd_take(const nd_array *a, const nd_array *indices, int axis);
ND_API nd_status nd_take_out(const nd_array *a, const nd_array *indices, int axis, nd_array *out);
/* np.put: a.flat[indices] = values (C order of a, which may be a view),
 * values flattened and repeated cyclically; with repeated indices the last
 * write wins. Empty values put nothing, but the indices are still checked
 * (NumPy skips the check). */
ND_API nd_status nd_put(nd_array *a, const nd_array *indices, const nd_array *values);
/* np.take_along_axis / np.put_along_axis: indices has a's ndim and
 * broadcasts against a on every axis but axis (ND_AXIS_NONE: 1-D indices
 * into the flattened array). values broadcast to the indexed shape. */
ND_API nd_array *nd_take_along_axis(const nd_array *a, const nd_array *indices, int axis);
ND_API nd_status nd_put_along_axis(nd_array *a, const nd_array *indices, const nd_array *values,
                                   int axis);

/* a[i0, i1, ...] with integer arrays, NumPy's advanced indexing: indices
 * holds n <= ndim entries, one per leading axis; a NULL entry means ':' for
 * that axis, as do the axes past n. The index arrays broadcast together;
 * the broadcast shape takes the place of the indexed axes when they are
 * adjacent, else goes first (a[[0,1], :, [1,2]] has shape (2, a.shape[1])).
 * A 1-D bool entry is a mask on its axis (its nonzero positions, as NumPy);
 * bool entries of other ranks are ND_ERR_UNSUPPORTED (use nd_extract). With
 * no array entry the result is a copy of a. */
ND_API nd_array *nd_index_arrays(const nd_array *a, int n, const nd_array *const *indices);
/* a[i0, i1, ...] = values (values broadcast to the indexed shape; extra
 * leading length-1 axes of values are ignored, as NumPy does). */
ND_API nd_status nd_index_arrays_assign(nd_array *a, int n, const nd_array *const *indices,
                                        const nd_array *values);

/* a[mask] as a 1-D copy in C order. mask has a's shape (np.extract only
 * needs equal sizes) and may have any dtype: nonzero (NaN too) is true. */
ND_API nd_array *nd_extract(const nd_array *mask, const nd_array *a);
/* a[mask] = values (np.place): mask has a's shape (NumPy: equal sizes), any
 * dtype; values of any shape are flattened and repeated cyclically over the
 * true elements in C order. Empty values are an error unless nothing is
 * true. */
ND_API nd_status nd_place(nd_array *a, const nd_array *mask, const nd_array *values);

/* np.nonzero (and np.where with one argument): out (room for
 * max(ndim, 1) handles) receives ndim int64 arrays of indices (one for a 0-d
 * array, as np.atleast_1d does). NaN counts as nonzero. */
ND_API nd_status nd_nonzero(const nd_array *a, nd_array **out);
ND_API nd_array *nd_argwhere(const nd_array *a);
ND_API nd_array *nd_flatnonzero(const nd_array *a);
/* np.compress: the slices of a along axis (ND_AXIS_NONE: the flattened
 * array) where cond (1-D, any dtype) is true. A shorter cond selects among
 * the first entries; a longer one must be false past the end. */
ND_API nd_array *nd_compress(const nd_array *cond, const nd_array *a, int axis);
/* np.choose: out[i] = choices[indices[i]][i], all broadcast together, in
 * the promoted dtype of the choices. As NumPy's mode='raise', each index
 * must lie in [0, n): negative ones are errors too (ND_ERR_INDEX). */
ND_API nd_array *nd_choose(const nd_array *indices, int n, const nd_array *const *choices);

/* np.searchsorted on a sorted 1-D array a: int64 insertion points for v
 * (result of v's shape), left or right side. Compared in the promoted dtype
 * of a and v, NaN sorted last. */
ND_API nd_array *nd_searchsorted(const nd_array *a, const nd_array *v, bool right);
/* np.diff: n-th discrete difference along axis (bool: not_equal; n == 0:
 * a copy; n beyond the axis's length: an empty axis). */
ND_API nd_array *nd_diff(const nd_array *a, int n, int axis);
/* np.bincount of non-negative integers x (1-D, any integer dtype or
 * bool), optionally weighted (weights may be NULL), with at least minlength
 * bins: int64 counts, or float64 sums of the weights. */
ND_API nd_array *nd_bincount(const nd_array *x, const nd_array *weights, int64_t minlength);
/* np.histogram with bins equal bins over [lo, hi] (lo == hi == 0: the
 * data's min and max, (0, 1) for empty data; NaN or inf there is an error).
 * lo == hi widens to (lo - 0.5, hi + 0.5). Values outside are ignored; the
 * last bin is closed. weights (a's shape) may be NULL. hist (int64, or the
 * weights' dtype) and edges (bins + 1 values, float32 for float32 data,
 * else float64) receive new arrays; either pointer may be NULL. */
ND_API nd_status nd_histogram(const nd_array *a, int64_t bins, double lo, double hi,
                              const nd_array *weights, nd_array **hist, nd_array **edges);
/* np.unique over the flattened array: sorted unique values, and optionally
 * (non-NULL pointers) the first index of each, the inverse (1-D, into the
 * flattened array) and the counts, all int64. As NumPy 1.24's default
 * equal_nan=True, NaN sorts last and all NaNs are one value. */
ND_API nd_status nd_unique(const nd_array *a, nd_array **values, nd_array **index,
                           nd_array **inverse, nd_array **counts);

#endif

/* libnd: indexing (included by nd.h). Integer-array and boolean indexing,
 * take/put, nonzero, searchsorted, diff, bincount, histogram and unique.
 * Indices are int64 arrays (other integer dtypes are accepted); negative
 * indices count from the end; an index out of range is an error naming the
 * index, the axis and its size. */
#ifndef ND_INDEX_H
#define ND_INDEX_H

/* np.take: elements of a at indices along axis (ND_AXIS_NONE: the flattened
 * array). The result's shape replaces the axis with the indices' shape. */
ND_API nd_array *nd_take(const nd_array *a, const nd_array *indices, int axis);
ND_API nd_status nd_take_out(const nd_array *a, const nd_array *indices, int axis, nd_array *out);
/* np.put: a.flat[indices] = values, values repeated cyclically. */
ND_API nd_status nd_put(nd_array *a, const nd_array *indices, const nd_array *values);
/* np.take_along_axis / np.put_along_axis: indices has a's ndim and
 * broadcasts against a on every axis but axis. */
ND_API nd_array *nd_take_along_axis(const nd_array *a, const nd_array *indices, int axis);
ND_API nd_status nd_put_along_axis(nd_array *a, const nd_array *indices, const nd_array *values,
                                   int axis);

/* a[i0, i1, ...] with integer arrays, NumPy's advanced indexing: indices
 * holds n <= ndim entries, one per leading axis; a NULL entry means ':' for
 * that axis. The index arrays broadcast together; the broadcast shape takes
 * the place of the indexed axes when they are adjacent, else goes first. */
ND_API nd_array *nd_index_arrays(const nd_array *a, int n, const nd_array *const *indices);
/* a[i0, i1, ...] = values (values broadcast to the indexed shape). */
ND_API nd_status nd_index_arrays_assign(nd_array *a, int n, const nd_array *const *indices,
                                        const nd_array *values);

/* a[mask] as a 1-D copy; mask has a's shape (np.extract(mask, a)). */
ND_API nd_array *nd_extract(const nd_array *mask, const nd_array *a);
/* a[mask] = values: values is 0-d, or 1-D with one value per true element,
 * or any 1-D repeated cyclically (np.place). */
ND_API nd_status nd_place(nd_array *a, const nd_array *mask, const nd_array *values);

/* np.nonzero (and np.where with one argument): out receives ndim int64
 * arrays of indices (one for a 0-d array, as np.atleast_1d does). */
ND_API nd_status nd_nonzero(const nd_array *a, nd_array **out);
ND_API nd_array *nd_argwhere(const nd_array *a);
ND_API nd_array *nd_flatnonzero(const nd_array *a);
/* np.compress: the slices of a along axis where cond (1-D) is true. */
ND_API nd_array *nd_compress(const nd_array *cond, const nd_array *a, int axis);
/* np.choose: out[i] = choices[indices[i]][i], all broadcast together. */
ND_API nd_array *nd_choose(const nd_array *indices, int n, const nd_array *const *choices);

/* np.searchsorted on a sorted 1-D array a: int64 insertion points for v,
 * left or right side. */
ND_API nd_array *nd_searchsorted(const nd_array *a, const nd_array *v, bool right);
/* np.diff: n-th discrete difference along axis. */
ND_API nd_array *nd_diff(const nd_array *a, int n, int axis);
/* np.bincount of non-negative integers x, optionally weighted (weights may
 * be NULL), with at least minlength bins. */
ND_API nd_array *nd_bincount(const nd_array *x, const nd_array *weights, int64_t minlength);
/* np.histogram with bins equal bins over [lo, hi] (lo == hi == 0: the
 * data's min and max). weights may be NULL. hist and edges receive new
 * arrays (edges has bins + 1 values). */
ND_API nd_status nd_histogram(const nd_array *a, int64_t bins, double lo, double hi,
                              const nd_array *weights, nd_array **hist, nd_array **edges);
/* np.unique over the flattened array: sorted unique values, and optionally
 * (non-NULL pointers) the first index of each, the inverse and the counts. */
ND_API nd_status nd_unique(const nd_array *a, nd_array **values, nd_array **index,
                           nd_array **inverse, nd_array **counts);

#endif

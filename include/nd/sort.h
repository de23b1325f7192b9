/** @file
 * libnd: sorting (included by nd.h). As NumPy: NaN sorts last (after inf,
 * whatever its sign or payload), and -0.0 and 0.0 are equal. Every dtype,
 * any layout (strided, transposed, broadcast inputs). axis may be negative;
 * ND_AXIS_NONE works on the flattened array (C order) and gives 1-D
 * results. A 0-d array needs ND_AXIS_NONE (np.sort raises for any other
 * axis; np.argsort's 1-D answer for a 0-d input is not reproduced). */
#ifndef ND_SORT_H
#define ND_SORT_H

/** A sorted copy along axis (ND_AXIS_NONE: the flattened array). Every sort
 * in libnd is stable (a radix sort), so `stable` is accepted for NumPy's
 * sake and changes nothing: equal elements, -0.0 and 0.0 or NaNs included,
 * keep their order.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param stable Ignored: the sort is always stable.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range
 *  (any axis but ND_AXIS_NONE, for a 0-d a); ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.sort(a, axis, kind="stable")
 */
ND_API nd_array *nd_sort(const nd_array *a, int axis, bool stable);
/** Sorts a itself (ndarray.sort); a must be writeable with no stride-0
 * axis. ND_AXIS_NONE sorts the elements in C order, in place (which
 * ndarray.sort refuses).
 *  @param a The array to sort (may be a view).
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param stable Ignored: the sort is always stable.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_READONLY if a is read-only or
 *  has a stride-0 axis; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: a.sort(axis, kind="stable")
 */
ND_API nd_status nd_sort_inplace(nd_array *a, int axis, bool stable);
/** int64 indices that sort a along axis; stable, as nd_sort().
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param stable Ignored: the sort is always stable.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range
 *  (any axis but ND_AXIS_NONE, for a 0-d a); ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.argsort(a, axis, kind="stable")
 */
ND_API nd_array *nd_argsort(const nd_array *a, int axis, bool stable);
/** A copy with the kth element in sorted position, none larger before it and
 * none smaller after (np.partition; nd_argpartition() gives the indices
 * that do so). kth < 0
 * counts from the end; it must lie in [-n, n) for an axis of length n,
 * unless the array is empty (not checked then, as NumPy). The order within
 * each side is unspecified.
 *  @param a The array.
 *  @param kth The position to settle, negative from the end.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis or kth is out of
 *  range; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.partition(a, kth, axis)
 */
ND_API nd_array *nd_partition(const nd_array *a, int64_t kth, int axis);
/** As nd_partition(), but the int64 indices into the axis (np.argpartition).
 *  The index of the element in sorted position is at kth.
 *  @param a The array.
 *  @param kth The position to settle, negative from the end.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis or kth is out of
 *  range; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.argpartition(a, kth, axis)
 */
ND_API nd_array *nd_argpartition(const nd_array *a, int64_t kth, int axis);
/** The k largest (or smallest) elements along axis, sorted (descending for
 * largest), into new arrays *values (a's dtype) and *indices (int64), each
 * of a's shape with length k along axis ((k,) for ND_AXIS_NONE). Equal
 * elements come in index order; NaN counts as the largest value. Either
 * pointer may be NULL (not both); nothing is written to them on error. k
 * must lie in [0, n].
 *  @param a The array.
 *  @param k The number of elements to keep, 0 to the axis's length.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param largest The largest elements (else the smallest).
 *  @param values Receives the elements, or NULL.
 *  @param indices Receives their int64 indices along the axis, or NULL.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, or both values and indices, are NULL;
 *  ND_ERR_INDEX if axis is out of range; ND_ERR_VALUE if k is outside
 *  [0, n]; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: none (PyTorch's torch.topk). The smallest k are
 *  np.take_along_axis(a, np.argsort(a, axis, kind="stable"), axis) cut to k
 *  along axis.
 */
ND_API nd_status nd_topk(const nd_array *a, int64_t k, int axis, bool largest, nd_array **values,
                         nd_array **indices);

#endif

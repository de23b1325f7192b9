/** @file
 * libnd: sorting by several keys, unique rows, and set operations
 * (included by nd.h). NumPy's lexsort, unique with an axis, intersect1d,
 * union1d, setdiff1d, setxor1d and isin, and a multi-key argsort. Sorting
 * follows nd/sort.h: stable, NaN last, -0.0 equal to 0.0. The set functions
 * work on the flattened arrays (C order), compare in the promoted dtype of
 * their two inputs, and treat NaN as NumPy's algorithms do: one NaN value
 * where they call np.unique, never equal to anything where they compare
 * with ==. Every dtype and layout is accepted; results are new C-contiguous
 * arrays. */
#ifndef ND_SETS_H
#define ND_SETS_H

/** int64 indices that sort several keys together, the last key primary
 * (np.lexsort): ties of the last key are broken by the one before, and so
 * on; the sort is stable. The keys may differ in dtype; each is compared in
 * its own. They must all have the same shape.
 *  @param nkeys The number of keys, at least 1.
 *  @param keys nkeys arrays of one shape; keys[nkeys - 1] is the primary key.
 *  @param axis The axis to sort along, negative from the end, or ND_AXIS_NONE
 *  for the flattened keys (C order; a libnd extension). 0-d keys take -1, 0
 *  or ND_AXIS_NONE and give a 0-d 0.
 *  @return a new int64 handle of the keys' shape (1-D for ND_AXIS_NONE), or
 *  NULL on error.
 *
 *  Errors: ND_ERR_NULL if keys or one of them is NULL; ND_ERR_VALUE if nkeys
 *  is below 1; ND_ERR_SHAPE if the keys' shapes differ; ND_ERR_INDEX if axis
 *  is out of range; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.lexsort(keys, axis)
 */
ND_API nd_array *nd_lexsort(int nkeys, const nd_array *const *keys, int axis);
/** int64 indices that sort several keys together, the FIRST key primary,
 * each key ascending or descending: a stable multi-key argsort (ORDER BY
 * k0, k1, ...). Equal rows keep their order, in both directions. In a
 * descending key NaN counts as the largest value and comes first (as in
 * nd_topk()); -0.0 and 0.0 are equal. The keys may differ in dtype and
 * must have the same shape.
 *  @param nkeys The number of keys, at least 1.
 *  @param keys nkeys arrays of one shape; keys[0] is the primary key.
 *  @param descending nkeys flags, true for a descending key; NULL for all
 *  ascending.
 *  @param axis The axis to sort along, negative from the end, or ND_AXIS_NONE
 *  for the flattened keys (C order).
 *  @return a new int64 handle of the keys' shape (1-D for ND_AXIS_NONE), or
 *  NULL on error.
 *
 *  Errors: as nd_lexsort().
 *
 *  NumPy: np.lexsort(keys[::-1], axis) when every key ascends (no
 *  descending option in NumPy).
 */
ND_API nd_array *nd_argsort_keys(int nkeys, const nd_array *const *keys, const bool *descending,
                                 int axis);

/** The unique slices of a along axis (np.unique with axis=): the slices
 * a[..., i, ...] are compared element by element and sorted
 * lexicographically in C order of their elements (NaN last, -0.0 equal to
 * 0.0, as NumPy's structured comparison does). Two slices are the same
 * when all their elements are == , so a slice holding NaN is never equal
 * to another (NumPy's behaviour with an axis; nd_unique() merges NaNs).
 * Optional outputs as nd_unique(), along the axis. ND_AXIS_NONE is
 * nd_unique() itself.
 *  @param a The array, at least 1-D unless axis is ND_AXIS_NONE.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param values Receives the unique slices: a's shape with the axis's
 *  length the number of unique slices; required.
 *  @param index Receives the position along axis of each unique slice's first
 *  occurrence (int64, 1-D), or NULL.
 *  @param inverse Receives, for each position along axis, the index of its
 *  slice in values (int64, 1-D), or NULL.
 *  @param counts Receives the number of occurrences of each unique slice
 *  (int64, 1-D), or NULL.
 *  @return ND_OK, or the status of the error; no pointer is written on error.
 *
 *  Errors: ND_ERR_NULL if a or values is NULL; ND_ERR_INDEX if axis is out of
 *  range (any axis but ND_AXIS_NONE for a 0-d a); ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.unique(a, return_index=True, return_inverse=True,
 *  return_counts=True, axis=axis)
 */
ND_API nd_status nd_unique_axis(const nd_array *a, int axis, nd_array **values, nd_array **index,
                                nd_array **inverse, nd_array **counts);

/** The sorted values found in both a and b (flattened), in their promoted
 * dtype, each once, and optionally where they are. Without assume_unique
 * the inputs are made unique first (np.unique), and the indices are those
 * of the first occurrences. With assume_unique the inputs must hold no
 * repeated value; if they do, the result is NumPy's (repeated values, and
 * indices NumPy gives). NaN is in no intersection, as in NumPy.
 *  @param a The first array (any shape).
 *  @param b The second array (any shape).
 *  @param assume_unique Whether a and b are known to hold unique values.
 *  @param values Receives the common values (1-D, the promoted dtype); required.
 *  @param a_index Receives, for each common value, its flat index in a
 *  (int64), or NULL.
 *  @param b_index Receives its flat index in b (int64), or NULL.
 *  @return ND_OK, or the status of the error; no pointer is written on error.
 *
 *  Errors: ND_ERR_NULL if a, b or values is NULL; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.intersect1d(a, b, assume_unique, return_indices=True)
 */
ND_API nd_status nd_intersect1d(const nd_array *a, const nd_array *b, bool assume_unique,
                                nd_array **values, nd_array **a_index, nd_array **b_index);
/** The sorted values found in a or b (flattened), each once, in the
 * promoted dtype; all NaNs are one value (np.unique's equal_nan).
 *  @param a The first array (any shape).
 *  @param b The second array (any shape).
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.union1d(a, b)
 */
ND_API nd_array *nd_union1d(const nd_array *a, const nd_array *b);
/** The values of a (flattened) not found in b, compared in the promoted
 * dtype, in a's dtype. Without assume_unique they are a's unique values,
 * sorted; with it, a's values in their order (repeats kept). NaN is never
 * found in b, so it stays (once, without assume_unique).
 *  @param a The array whose values are kept (any shape).
 *  @param b The values to remove (any shape).
 *  @param assume_unique Whether a and b are known to hold unique values: a
 *  is then neither sorted nor made unique.
 *  @return a new 1-D handle of a's dtype, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.setdiff1d(a, b, assume_unique)
 */
ND_API nd_array *nd_setdiff1d(const nd_array *a, const nd_array *b, bool assume_unique);
/** The sorted values found in exactly one of a and b (flattened), in the
 * promoted dtype. As NumPy's algorithm, NaN is never equal to NaN, so a NaN
 * in both arrays appears twice.
 *  @param a The first array (any shape).
 *  @param b The second array (any shape).
 *  @param assume_unique Whether a and b are known to hold unique values
 *  (they are then not made unique first).
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.setxor1d(a, b, assume_unique)
 */
ND_API nd_array *nd_setxor1d(const nd_array *a, const nd_array *b, bool assume_unique);
/** For each element of element, whether it equals some element of
 * test_elements (any shapes; compared in their promoted dtype; NaN equals
 * nothing, -0.0 equals 0.0), or the opposite with invert.
 *  @param element The values to look up (any shape, 0-d too).
 *  @param test_elements The values to look for (any shape).
 *  @param assume_unique Accepted for NumPy's sake: the answer is exact
 *  either way (NumPy's is unspecified when the promise is broken).
 *  @param invert Give true where the element is NOT found.
 *  @return a new bool handle of element's shape, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if element or test_elements is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.isin(element, test_elements, assume_unique, invert) (with both
 *  arrays cast to their promoted dtype first: NumPy 1.24 compares a float64
 *  test value with a float32 element in float32 when test_elements is
 *  short)
 */
ND_API nd_array *nd_isin(const nd_array *element, const nd_array *test_elements, bool assume_unique,
                         bool invert);

#endif

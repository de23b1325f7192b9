/* libnd: sorting (included by nd.h). NaN sorts last, as in NumPy. */
#ifndef ND_SORT_H
#define ND_SORT_H

/* A sorted copy along axis (ND_AXIS_NONE: the flattened array). stable
 * keeps equal elements in order. */
ND_API nd_array *nd_sort(const nd_array *a, int axis, bool stable);
ND_API nd_status nd_sort_inplace(nd_array *a, int axis, bool stable);
/* int64 indices that sort a along axis. */
ND_API nd_array *nd_argsort(const nd_array *a, int axis, bool stable);
/* A copy with the kth element in sorted position, smaller before, larger
 * after (np.partition); and the indices that do so. */
ND_API nd_array *nd_partition(const nd_array *a, int64_t kth, int axis);
ND_API nd_array *nd_argpartition(const nd_array *a, int64_t kth, int axis);
/* The k largest (or smallest) elements along axis, sorted, into new arrays
 * values and indices (int64); either pointer may be NULL. */
ND_API nd_status nd_topk(const nd_array *a, int64_t k, int axis, bool largest, nd_array **values,
                         nd_array **indices);

#endif

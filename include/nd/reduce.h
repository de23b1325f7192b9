/* libnd: reductions (included by nd.h). NumPy's sum, prod, mean, var, std,
 * min, max, argmin, argmax, all, any, count_nonzero, the nan* variants,
 * cumsum and cumprod.
 *
 * Axes: naxes entries of axes (negative ones count from the end), or
 * naxes == ND_ALL_AXES (axes ignored) for every axis; a full reduction gives
 * a 0-d array. keepdims leaves reduced axes as length 1. The _out variants
 * write into out, whose shape must be the result's; the result is cast to
 * out's dtype under same_kind rules.
 *
 * Accumulator dtypes are NumPy's: bool and integers sum and multiply in
 * int64 (uint64 for unsigned); mean, var and std of integers are float64;
 * floats stay in their dtype, summed pairwise along every axis. */
#ifndef ND_REDUCE_H
#define ND_REDUCE_H

/* nd_NAME(a, naxes, axes, keepdims) and nd_NAME_out(..., out). Empty
 * reductions give sum 0, prod 1, mean NaN, all true, any false, count 0;
 * min and max of an empty axis are errors (nanmin/nanmax too), and
 * nanmin/nanmax of an all-NaN slice give NaN. */
#define ND_REDUCTIONS(X)                                                           \
    X(sum) X(prod) X(mean) X(min) X(max) X(all) X(any)                             \
    X(count_nonzero) /* int64 */                                                   \
    X(nansum) X(nanmean) X(nanmin) X(nanmax) /* NaN skipped */

#define ND_DECLARE_REDUCTION_(name)                                                \
    ND_API nd_array *nd_##name(const nd_array *a, int naxes, const int *axes, bool keepdims); \
    ND_API nd_status nd_##name##_out(const nd_array *a, int naxes, const int *axes,           \
                                     bool keepdims, nd_array *out);
ND_REDUCTIONS(ND_DECLARE_REDUCTION_)
#undef ND_DECLARE_REDUCTION_

/* sum, prod, mean, nansum, nanmean computing in dtype dt (np.sum(a,
 * dtype=dt)): the input is converted to dt first, the result has dt. */
ND_API nd_array *nd_sum_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);
ND_API nd_array *nd_prod_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);
ND_API nd_array *nd_mean_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);

/* Variance and standard deviation, two-pass, divided by N - ddof. */
ND_API nd_array *nd_var(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof);
ND_API nd_status nd_var_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            double ddof, nd_array *out);
ND_API nd_array *nd_std(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof);
ND_API nd_status nd_std_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            double ddof, nd_array *out);

/* int64 index of the first max/min along axis (ND_AXIS_NONE: into the
 * flattened array). NaN counts as the extreme: the first NaN wins. */
ND_API nd_array *nd_argmax(const nd_array *a, int axis, bool keepdims);
ND_API nd_status nd_argmax_out(const nd_array *a, int axis, bool keepdims, nd_array *out);
ND_API nd_array *nd_argmin(const nd_array *a, int axis, bool keepdims);
ND_API nd_status nd_argmin_out(const nd_array *a, int axis, bool keepdims, nd_array *out);

/* Running sum and product along axis (ND_AXIS_NONE: the flattened array),
 * in the sum's accumulator dtype. */
ND_API nd_array *nd_cumsum(const nd_array *a, int axis);
ND_API nd_status nd_cumsum_out(const nd_array *a, int axis, nd_array *out);
ND_API nd_array *nd_cumprod(const nd_array *a, int axis);
ND_API nd_status nd_cumprod_out(const nd_array *a, int axis, nd_array *out);

#endif

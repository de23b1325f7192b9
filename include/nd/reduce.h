/** @file
 * libnd: reductions (included by nd.h). NumPy's sum, prod, mean, var, std,
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

/** @defgroup reductions Reductions
 * The reductions of ND_REDUCTIONS. Each NAME declares
 * - `nd_array *nd_NAME(const nd_array *a, int naxes, const int *axes, bool keepdims)`
 *   (NumPy: `np.NAME(a, axis=axes, keepdims=keepdims)`);
 * - `nd_status nd_NAME_out(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_array *out)`
 *   (NumPy: `np.NAME(a, axis=axes, keepdims=keepdims, out=out)`).
 *
 * naxes entries of axes (negative ones count from the end) are reduced, or
 * every axis for naxes == ND_ALL_AXES (axes is then ignored); naxes 0 with
 * a non-NULL axes reduces nothing (NumPy's axis=()), and with a NULL axes
 * is refused (use ND_ALL_AXES for every axis). A full reduction gives a 0-d array;
 * keepdims leaves reduced axes as length 1. nd_NAME returns a new handle, or
 * NULL on error; nd_NAME_out writes into out, whose shape must be the
 * result's, casting to out's dtype under same_kind rules, and returns ND_OK
 * or the status of the error.
 *
 * Errors: ND_ERR_NULL if a (or axes, with naxes > 0), or out, is NULL;
 * ND_ERR_INDEX if an axis is out of range; ND_ERR_VALUE if an axis is
 * repeated, naxes is negative (other than ND_ALL_AXES), 0 with a NULL axes,
 * or ND_AXIS_NONE, an axis is a sentinel, or min, max, nanmin
 * or nanmax reduce an axis of length 0; for _out, ND_ERR_SHAPE,
 * ND_ERR_DTYPE and ND_ERR_READONLY for an out of the wrong shape, a dtype
 * the result does not cast to, or a read-only or broadcast out;
 * ND_ERR_NOMEM if memory runs out.
 *
 * | Reduction | NumPy | Result dtype | Empty reduction |
 * |-----------|-------|--------------|-----------------|
 * | sum, nansum | np.sum, np.nansum | int64 for bool and signed, uint64 for unsigned, floats kept | 0 |
 * | prod | np.prod | as sum | 1 |
 * | mean, nanmean | np.mean, np.nanmean | float64 for bool and integers, floats kept | NaN |
 * | min, max | np.min, np.max | a's dtype | ND_ERR_VALUE |
 * | nanmin, nanmax | np.nanmin, np.nanmax | a's dtype; an all-NaN slice gives NaN | ND_ERR_VALUE |
 * | all, any | np.all, np.any | bool | true, false |
 * | count_nonzero | np.count_nonzero | int64 | 0 |
 *
 * The nan* variants skip NaN (on integers they equal the plain ones).
 * Related functions outside the list: nd_sum_dtype(), nd_prod_dtype(),
 * nd_mean_dtype(), nd_var(), nd_std(), nd_argmax(), nd_argmin(),
 * nd_cumsum() and nd_cumprod().
 */

/** The reductions, as an X-macro list: X(NAME) for each (see @ref reductions).
 * nd_NAME(a, naxes, axes, keepdims) and nd_NAME_out(..., out). Empty
 * reductions give sum 0, prod 1, mean NaN, all true, any false, count 0;
 * min and max of an empty axis are errors (nanmin/nanmax too), and
 * nanmin/nanmax of an all-NaN slice give NaN.
 * @param X A macro taking one reduction name.
 * @ingroup reductions */
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

/* The functions the list declares, one Doxygen entry each: every line below
 * expands (through the aliases in docs/Doxyfile) to the documentation of
 * nd_NAME and nd_NAME_out. A reduction added to the list needs its line. */
/** @addtogroup reductions
 * @{
 * @nd_reduction{sum, Sum over the axes: int64 for bool and signed integers (uint64 for unsigned)\,
 *   floats summed pairwise in their dtype; empty gives 0.}
 * @nd_reduction{prod, Product over the axes: int64 for bool and signed integers (uint64 for
 *   unsigned)\, floats in their dtype; empty gives 1.}
 * @nd_reduction{mean, Arithmetic mean over the axes: float64 for bool and integers\, floats in
 *   their dtype; empty gives NaN.}
 * @nd_reduction{min, Minimum over the axes in a's dtype; NaN propagates and an axis of length 0 is
 *   ND_ERR_VALUE.}
 * @nd_reduction{max, Maximum over the axes in a's dtype; NaN propagates and an axis of length 0 is
 *   ND_ERR_VALUE.}
 * @nd_reduction{all, Whether every element over the axes is nonzero (NaN counts as nonzero)\, as
 *   bool; empty gives true.}
 * @nd_reduction{any, Whether any element over the axes is nonzero (NaN counts as nonzero)\, as
 *   bool; empty gives false.}
 * @nd_reduction_np{count_nonzero, The number of nonzero elements over the axes (NaN counts as
 *   nonzero)\, as int64., np.count_nonzero(a\, axis=axes\, keepdims=keepdims), out[...] =
 *   np.count_nonzero(a\, axis=axes\, keepdims=keepdims)}
 * @nd_reduction{nansum, Sum over the axes with NaN counted as 0\, in the dtypes of nd_sum(); empty
 *   or all-NaN gives 0.}
 * @nd_reduction{nanmean, Mean over the axes of the elements that are not NaN\, in the dtypes of
 *   nd_mean(); empty or all-NaN gives NaN.}
 * @nd_reduction{nanmin, Minimum over the axes skipping NaN\, in a's dtype; an all-NaN slice gives
 *   NaN and an axis of length 0 is ND_ERR_VALUE.}
 * @nd_reduction{nanmax, Maximum over the axes skipping NaN\, in a's dtype; an all-NaN slice gives
 *   NaN and an axis of length 0 is ND_ERR_VALUE.}
 * @}
 */

/** Sum computing in dtype dt (np.sum(a, dtype=dt)): the input is converted
 * to dt first, the result has dt. (The same holds for nd_prod_dtype() and
 * nd_mean_dtype(); there are no nansum or nanmean forms.)
 *  @nd_red_params
 *  @param dt The dtype to compute in and return.
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_DTYPE if dt is invalid.
 *
 *  NumPy: np.sum(a, axis=axes, keepdims=keepdims, dtype=dt)
 */
ND_API nd_array *nd_sum_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);
/** Product computing in dtype dt: the input is converted to dt first, the
 *  result has dt.
 *  @nd_red_params
 *  @param dt The dtype to compute in and return.
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_DTYPE if dt is invalid.
 *
 *  NumPy: np.prod(a, axis=axes, keepdims=keepdims, dtype=dt)
 */
ND_API nd_array *nd_prod_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);
/** Mean computing in dtype dt: the input is converted to dt first, the
 *  result has dt (an integer dt truncates the quotient).
 *  @nd_red_params
 *  @param dt The dtype to compute in and return.
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_DTYPE if dt is invalid.
 *
 *  NumPy: np.mean(a, axis=axes, keepdims=keepdims, dtype=dt)
 */
ND_API nd_array *nd_mean_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_dtype dt);

/** Variance, two-pass, divided by N - ddof.
 *  float64 for bool and integers, floats in their dtype. N - ddof <= 0
 *  divides by 0 (inf or NaN, as NumPy).
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative (0: population, 1: sample).
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_VALUE if ddof is negative or NaN (NumPy accepts a negative ddof).
 *
 *  NumPy: np.var(a, axis=axes, ddof=ddof, keepdims=keepdims)
 */
ND_API nd_array *nd_var(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof);
/** As nd_var(), written into out.
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative.
 *  @nd_red_out
 *
 *  NumPy: np.var(a, axis=axes, ddof=ddof, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_var_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            double ddof, nd_array *out);
/** Standard deviation: the square root of nd_var().
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative (0: population, 1: sample).
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_VALUE if ddof is negative or NaN.
 *
 *  NumPy: np.std(a, axis=axes, ddof=ddof, keepdims=keepdims)
 */
ND_API nd_array *nd_std(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof);
/** As nd_std(), written into out.
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative.
 *  @nd_red_out
 *
 *  NumPy: np.std(a, axis=axes, ddof=ddof, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_std_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            double ddof, nd_array *out);

/** int64 index of the first max along axis (ND_AXIS_NONE: into the
 * flattened array). NaN counts as the extreme: the first NaN wins. A 0-d
 * array takes axis 0, -1 or ND_AXIS_NONE.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis (every axis, for ND_AXIS_NONE) as length 1.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if the axis (or a, for ND_AXIS_NONE) is empty; ND_ERR_NOMEM.
 *
 *  NumPy: np.argmax(a, axis, keepdims=keepdims)
 */
ND_API nd_array *nd_argmax(const nd_array *a, int axis, bool keepdims);
/** As nd_argmax(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis as length 1.
 *  @param out The output: the result's shape, a dtype int64 casts to under
 *  same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_argmax(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 *  out's shape is not the result's; ND_ERR_DTYPE if int64 does not cast to
 *  out's dtype under same_kind rules; ND_ERR_READONLY if out is read-only or
 *  has a stride-0 axis.
 *
 *  NumPy: np.argmax(a, axis, out=out, keepdims=keepdims)
 */
ND_API nd_status nd_argmax_out(const nd_array *a, int axis, bool keepdims, nd_array *out);
/** int64 index of the first min along axis (ND_AXIS_NONE: into the
 *  flattened array). NaN counts as the extreme: the first NaN wins.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis (every axis, for ND_AXIS_NONE) as length 1.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if the axis (or a, for ND_AXIS_NONE) is empty; ND_ERR_NOMEM.
 *
 *  NumPy: np.argmin(a, axis, keepdims=keepdims)
 */
ND_API nd_array *nd_argmin(const nd_array *a, int axis, bool keepdims);
/** As nd_argmin(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis as length 1.
 *  @param out The output: the result's shape, a dtype int64 casts to under
 *  same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_argmin(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 *  out's shape is not the result's; ND_ERR_DTYPE if int64 does not cast to
 *  out's dtype under same_kind rules; ND_ERR_READONLY if out is read-only or
 *  has a stride-0 axis.
 *
 *  NumPy: np.argmin(a, axis, out=out, keepdims=keepdims)
 */
ND_API nd_status nd_argmin_out(const nd_array *a, int axis, bool keepdims, nd_array *out);

/** Running sum along axis (ND_AXIS_NONE: the flattened array),
 * in the sum's accumulator dtype (int64 for bool and signed integers, uint64
 * for unsigned, floats kept). The result has a's shape (1-D for ND_AXIS_NONE
 * or a 0-d a).
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.cumsum(a, axis)
 */
ND_API nd_array *nd_cumsum(const nd_array *a, int axis);
/** As nd_cumsum(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output: the result's shape, a dtype the accumulator casts to
 *  under same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_cumsum(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 *  out's shape is not the result's; ND_ERR_DTYPE if the accumulator dtype
 *  does not cast to out's under same_kind rules; ND_ERR_READONLY if out is
 *  read-only or has a stride-0 axis.
 *
 *  NumPy: np.cumsum(a, axis, out=out)
 */
ND_API nd_status nd_cumsum_out(const nd_array *a, int axis, nd_array *out);
/** Running product along axis (ND_AXIS_NONE: the flattened array), in the
 *  sum's accumulator dtype. The result has a's shape (1-D for ND_AXIS_NONE
 *  or a 0-d a).
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.cumprod(a, axis)
 */
ND_API nd_array *nd_cumprod(const nd_array *a, int axis);
/** As nd_cumprod(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output: the result's shape, a dtype the accumulator casts to
 *  under same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_cumprod(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 *  out's shape is not the result's; ND_ERR_DTYPE if the accumulator dtype
 *  does not cast to out's under same_kind rules; ND_ERR_READONLY if out is
 *  read-only or has a stride-0 axis.
 *
 *  NumPy: np.cumprod(a, axis, out=out)
 */
ND_API nd_status nd_cumprod_out(const nd_array *a, int axis, nd_array *out);

#endif

/** @file
 * libnd: statistics (included by nd.h). NumPy's median, quantile and
 * percentile with every method of NumPy 1.24, their nan* forms, average,
 * ptp, nanprod, nanvar, nanstd, nanargmin, nanargmax, nancumsum,
 * nancumprod, cov, corrcoef, digitize, and histograms over explicit bin
 * edges and in several dimensions (histogram2d, histogramdd).
 *
 * Axes are given as for the reductions (include/nd/reduce.h): naxes
 * entries of axes, negative ones counting from the end, or ND_ALL_AXES for
 * every axis; keepdims leaves reduced axes as length 1. Functions that take
 * one axis (as NumPy's do) accept ND_AXIS_NONE for the flattened array.
 * Every dtype and layout is accepted unless a function says otherwise; the
 * _out variants write into out after every check has passed, casting under
 * same_kind rules.
 *
 * Where libnd deliberately differs from NumPy 1.24 the function says so:
 * the quantiles of float32 data are float32 (NumPy 1.24 gives float64, as
 * an accident of its index arithmetic; NumPy 2 keeps float32), integers are
 * interpolated in float64 (NumPy subtracts them in their own dtype, which
 * wraps), an infinity next to the interpolation point gives the limit
 * instead of NaN, and nanargmin/nanargmax never return the index of a NaN. */
#ifndef ND_STATS_H
#define ND_STATS_H

/* ---------------------------------------------------------------- order statistics */

/** The ways to estimate a quantile between two data points: NumPy 1.24's
 * method= argument (Hyndman and Fan's nine, then NumPy's four older ones).
 * The value 0 is NumPy's default, linear. With n values sorted as
 * x[0] <= ... <= x[n-1], the discrete methods pick one x[i] and keep a's
 * dtype; the others interpolate and give a float. */
typedef enum nd_quantile_method {
    ND_QUANTILE_LINEAR = 0,                /**< "linear" (default): x at (n-1)q, interpolated */
    ND_QUANTILE_INVERTED_CDF,              /**< "inverted_cdf": discrete, H&F 1 */
    ND_QUANTILE_AVERAGED_INVERTED_CDF,     /**< "averaged_inverted_cdf": H&F 2 */
    ND_QUANTILE_CLOSEST_OBSERVATION,       /**< "closest_observation": discrete, H&F 3 */
    ND_QUANTILE_INTERPOLATED_INVERTED_CDF, /**< "interpolated_inverted_cdf": H&F 4 */
    ND_QUANTILE_HAZEN,                     /**< "hazen": H&F 5 */
    ND_QUANTILE_WEIBULL,                   /**< "weibull": H&F 6 */
    ND_QUANTILE_MEDIAN_UNBIASED,           /**< "median_unbiased": H&F 8 */
    ND_QUANTILE_NORMAL_UNBIASED,           /**< "normal_unbiased": H&F 9 */
    ND_QUANTILE_LOWER,                     /**< "lower": discrete, x[floor((n-1)q)] */
    ND_QUANTILE_HIGHER,                    /**< "higher": discrete, x[ceil((n-1)q)] */
    ND_QUANTILE_MIDPOINT,                  /**< "midpoint": the mean of lower and higher */
    ND_QUANTILE_NEAREST,                   /**< "nearest": discrete, x[round((n-1)q)], halves to even */
    ND_QUANTILE_NUM_METHODS                /**< the number of methods; not a method */
} nd_quantile_method;

/** The method NumPy names name ("linear", "hazen", ...).
 *  @param name A method name as NumPy's method= argument spells it.
 *  @return the method, or ND_QUANTILE_NUM_METHODS on error.
 *
 *  Errors: ND_ERR_NULL if name is NULL; ND_ERR_VALUE if it names no method.
 *
 *  NumPy: the method= strings of np.quantile
 */
ND_API nd_quantile_method nd_quantile_method_from_name(const char *name);

/** Median over the axes: the middle value of each slice, or the mean of the
 * two middle values for an even count, found by selection (no full sort).
 * float64 for bool and integers, floats in their dtype (the two middle
 * values are added and halved in it, as np.mean does). A NaN in a slice
 * gives NaN; an empty slice gives NaN.
 *  @nd_red_params
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs
 *
 *  NumPy: np.median(a, axis=axes, keepdims=keepdims)
 */
ND_API nd_array *nd_median(const nd_array *a, int naxes, const int *axes, bool keepdims);
/** As nd_median(), written into out.
 *  @nd_red_params
 *  @nd_red_out
 *
 *  NumPy: np.median(a, axis=axes, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_median_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                               nd_array *out);
/** Median over the axes ignoring NaN, as nd_median() of the values that are
 * not NaN; an all-NaN or empty slice gives NaN (NumPy also warns). On bool
 * and integers it equals nd_median().
 *  @nd_red_params
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs
 *
 *  NumPy: np.nanmedian(a, axis=axes, keepdims=keepdims)
 */
ND_API nd_array *nd_nanmedian(const nd_array *a, int naxes, const int *axes, bool keepdims);
/** As nd_nanmedian(), written into out.
 *  @nd_red_params
 *  @nd_red_out
 *
 *  NumPy: np.nanmedian(a, axis=axes, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_nanmedian_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                                  nd_array *out);

/** Quantiles q (each in [0, 1]) of a over the axes, by selection.
 * The result's shape is q's shape followed by the reduced shape (as NumPy;
 * a 0-d q gives the reduced shape). q is read as float64.
 *
 * Result dtype: a's dtype for the discrete methods (inverted_cdf,
 * closest_observation, lower, higher, nearest); otherwise float64 for bool
 * and integers and a's float dtype for floats. Deliberate differences from
 * NumPy 1.24: float32 data gives float32 (NumPy 1.24 gives float64 by
 * accident, NumPy 2 keeps float32; the value is NumPy 1.24's rounded to
 * float32); integers are interpolated in float64 (NumPy subtracts them in
 * their dtype, which wraps, and refuses bool); where NumPy's interpolation
 * meets an infinity and gives NaN (np.quantile([1, inf], 1) is NaN) the
 * result is the limit (inf here). Finite float data gives NumPy's bits.
 *
 * A NaN in a slice makes that slice's results NaN. A slice with no values
 * is an error (NumPy raises IndexError) unless the result is empty.
 *  @param a The data.
 *  @param q The quantiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or q (or axes, with naxes > 0) is NULL;
 *  ND_ERR_INDEX if an axis is out of range; ND_ERR_VALUE if an axis is
 *  repeated, naxes is negative (other than ND_ALL_AXES), 0 with a NULL axes,
 *  or ND_AXIS_NONE, an axis is a sentinel, method is not a
 *  method, a quantile lies outside [0, 1] or is NaN, q has more than 2
 *  dimensions, or a slice is empty; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.quantile(a, q, axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_quantile(const nd_array *a, const nd_array *q, int naxes, const int *axes,
                             bool keepdims, nd_quantile_method method);
/** As nd_quantile(), written into out.
 *  @param a The data.
 *  @param q The quantiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @nd_red_out
 *
 *  NumPy: np.quantile(a, q, axis=axes, keepdims=keepdims, method=method, out=out)
 */
ND_API nd_status nd_quantile_out(const nd_array *a, const nd_array *q, int naxes, const int *axes,
                                 bool keepdims, nd_quantile_method method, nd_array *out);
/** As nd_quantile() with nq quantiles from a C array: the result's shape is
 * (nq,) followed by the reduced shape (for one quantile without the leading
 * axis, pass a 0-d q to nd_quantile()).
 *  @param a The data.
 *  @param nq The number of quantiles, not negative.
 *  @param q nq quantiles, each in [0, 1] (may be NULL when nq is 0).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_quantile(), and ND_ERR_VALUE if nq is negative;
 *  ND_ERR_NULL if q is NULL with nq > 0.
 *
 *  NumPy: np.quantile(a, [q0, q1, ...], axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_quantiles(const nd_array *a, int nq, const double *q, int naxes,
                              const int *axes, bool keepdims, nd_quantile_method method);
/** Percentiles q (each in [0, 100]) of a: nd_quantile() at q / 100 (the
 * division made in float64, as NumPy makes it for float64 q).
 *  @param a The data.
 *  @param q The percentiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_quantile(), with ND_ERR_VALUE for a percentile outside
 *  [0, 100].
 *
 *  NumPy: np.percentile(a, q, axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_percentile(const nd_array *a, const nd_array *q, int naxes, const int *axes,
                               bool keepdims, nd_quantile_method method);
/** As nd_percentile(), written into out.
 *  @param a The data.
 *  @param q The percentiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @nd_red_out
 *
 *  NumPy: np.percentile(a, q, axis=axes, keepdims=keepdims, method=method, out=out)
 */
ND_API nd_status nd_percentile_out(const nd_array *a, const nd_array *q, int naxes,
                                   const int *axes, bool keepdims, nd_quantile_method method,
                                   nd_array *out);
/** As nd_percentile() with nq percentiles from a C array: the result's
 * shape is (nq,) followed by the reduced shape.
 *  @param a The data.
 *  @param nq The number of percentiles, not negative.
 *  @param q nq percentiles, each in [0, 100] (may be NULL when nq is 0).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_percentile(), and ND_ERR_VALUE if nq is negative;
 *  ND_ERR_NULL if q is NULL with nq > 0.
 *
 *  NumPy: np.percentile(a, [q0, q1, ...], axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_percentiles(const nd_array *a, int nq, const double *q, int naxes,
                                const int *axes, bool keepdims, nd_quantile_method method);
/** As nd_quantile() ignoring NaN: each slice's quantiles are those of its
 * values that are not NaN, and an all-NaN or empty slice gives NaN where
 * the result dtype is a float (an integer result of a discrete method has
 * no NaN: an empty slice is then ND_ERR_VALUE). NumPy 1.24 gives an empty
 * input nanmean's shape, without q's axes; libnd keeps q's axes.
 *  @param a The data.
 *  @param q The quantiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_quantile().
 *
 *  NumPy: np.nanquantile(a, q, axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_nanquantile(const nd_array *a, const nd_array *q, int naxes, const int *axes,
                                bool keepdims, nd_quantile_method method);
/** As nd_nanquantile(), written into out.
 *  @param a The data.
 *  @param q The quantiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @nd_red_out
 *
 *  NumPy: np.nanquantile(a, q, axis=axes, keepdims=keepdims, method=method, out=out)
 */
ND_API nd_status nd_nanquantile_out(const nd_array *a, const nd_array *q, int naxes,
                                    const int *axes, bool keepdims, nd_quantile_method method,
                                    nd_array *out);
/** As nd_nanquantile() with nq quantiles from a C array: the result's
 * shape is (nq,) followed by the reduced shape.
 *  @param a The data.
 *  @param nq The number of quantiles, not negative.
 *  @param q nq quantiles, each in [0, 1] (may be NULL when nq is 0).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_quantiles().
 *
 *  NumPy: np.nanquantile(a, [q0, q1, ...], axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_nanquantiles(const nd_array *a, int nq, const double *q, int naxes,
                                 const int *axes, bool keepdims, nd_quantile_method method);
/** As nd_percentile() ignoring NaN (see nd_nanquantile()).
 *  @param a The data.
 *  @param q The percentiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_percentile().
 *
 *  NumPy: np.nanpercentile(a, q, axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_nanpercentile(const nd_array *a, const nd_array *q, int naxes,
                                  const int *axes, bool keepdims, nd_quantile_method method);
/** As nd_nanpercentile(), written into out.
 *  @param a The data.
 *  @param q The percentiles, 0-d, 1-D or 2-D, any dtype (read as float64).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @nd_red_out
 *
 *  NumPy: np.nanpercentile(a, q, axis=axes, keepdims=keepdims, method=method, out=out)
 */
ND_API nd_status nd_nanpercentile_out(const nd_array *a, const nd_array *q, int naxes,
                                      const int *axes, bool keepdims, nd_quantile_method method,
                                      nd_array *out);
/** As nd_nanpercentile() with nq percentiles from a C array: the result's
 * shape is (nq,) followed by the reduced shape.
 *  @param a The data.
 *  @param nq The number of percentiles, not negative.
 *  @param q nq percentiles, each in [0, 100] (may be NULL when nq is 0).
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @param method The method; ND_QUANTILE_LINEAR (0) is NumPy's default.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_percentiles().
 *
 *  NumPy: np.nanpercentile(a, [q0, q1, ...], axis=axes, keepdims=keepdims, method=method)
 */
ND_API nd_array *nd_nanpercentiles(const nd_array *a, int nq, const double *q, int naxes,
                                   const int *axes, bool keepdims, nd_quantile_method method);

/* ---------------------------------------------------------------- averages and spreads */

/** Weighted average over the axes: sum(a * w) / sum(w). Without weights it
 * is nd_mean(). With weights the computation runs in the promoted dtype of
 * a and weights (and float64 for bool and integer a), as NumPy. weights has
 * a's shape, or is 1-D along the single reduced axis (naxes == 1).
 * If sum_of_weights is not NULL it receives a new array of the result's
 * shape holding the sum of the weights (the element count without weights).
 *  @nd_red_params
 *  @param weights The weights, or NULL.
 *  @param sum_of_weights Receives the sum of the weights, or NULL; untouched on error.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or axes, with naxes > 0) is NULL; ND_ERR_INDEX
 *  if an axis is out of range; ND_ERR_VALUE if an axis is repeated, naxes is
 *  negative (other than ND_ALL_AXES), 0 with a NULL axes,
 *  or ND_AXIS_NONE, an axis is a sentinel, or the weights of a slice sum to 0
 *  (NumPy's ZeroDivisionError); ND_ERR_SHAPE if the weights' shape is
 *  neither a's nor 1-D of the reduced axis's length with one reduced axis;
 *  ND_ERR_NOMEM. (NumPy raises ZeroDivisionError for the count of an empty
 *  result without weights; libnd gives it.)
 *
 *  NumPy: np.average(a, axis=axes, weights=weights, returned=True, keepdims=keepdims)
 */
ND_API nd_array *nd_average(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            const nd_array *weights, nd_array **sum_of_weights);

/** Peak to peak, max - min over the axes, in a's dtype (integers wrap, as in
 * NumPy: the ptp of int8 [-128, 127] is -1). NaN propagates.
 *  @nd_red_params
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_DTYPE for bool (NumPy refuses a boolean
 *  subtract) and ND_ERR_VALUE if a reduced axis has length 0.
 *
 *  NumPy: np.ptp(a, axis=axes, keepdims=keepdims)
 */
ND_API nd_array *nd_ptp(const nd_array *a, int naxes, const int *axes, bool keepdims);
/** As nd_ptp(), written into out.
 *  @nd_red_params
 *  @nd_red_out
 *
 *  NumPy: np.ptp(a, axis=axes, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_ptp_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                            nd_array *out);

/** Product over the axes with NaN counted as 1, in nd_prod()'s dtypes
 * (computed as nd_prod() of a with its NaNs replaced by 1, as NumPy does).
 * An empty or all-NaN slice gives 1.
 *  @nd_red_params
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs
 *
 *  NumPy: np.nanprod(a, axis=axes, keepdims=keepdims)
 */
ND_API nd_array *nd_nanprod(const nd_array *a, int naxes, const int *axes, bool keepdims);
/** As nd_nanprod(), written into out.
 *  @nd_red_params
 *  @nd_red_out
 *
 *  NumPy: np.nanprod(a, axis=axes, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_nanprod_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                                nd_array *out);
/** Variance over the axes of the values that are not NaN, two-pass, divided
 * by (count - ddof): float64 for bool and integers (where it equals
 * nd_var()), floats in their dtype. A slice whose count - ddof is 0 or
 * less, all-NaN slices included, gives NaN (NumPy also warns).
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative (0: population, 1: sample).
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_VALUE if ddof is negative or NaN (NumPy accepts a negative ddof).
 *
 *  NumPy: np.nanvar(a, axis=axes, ddof=ddof, keepdims=keepdims)
 */
ND_API nd_array *nd_nanvar(const nd_array *a, int naxes, const int *axes, bool keepdims,
                           double ddof);
/** As nd_nanvar(), written into out.
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative.
 *  @nd_red_out
 *
 *  NumPy: np.nanvar(a, axis=axes, ddof=ddof, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_nanvar_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                               double ddof, nd_array *out);
/** Standard deviation ignoring NaN: the square root of nd_nanvar().
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative (0: population, 1: sample).
 *  @return a new handle, or NULL on error.
 *
 *  @nd_red_errs Also ND_ERR_VALUE if ddof is negative or NaN.
 *
 *  NumPy: np.nanstd(a, axis=axes, ddof=ddof, keepdims=keepdims)
 */
ND_API nd_array *nd_nanstd(const nd_array *a, int naxes, const int *axes, bool keepdims,
                           double ddof);
/** As nd_nanstd(), written into out.
 *  @nd_red_params
 *  @param ddof Delta degrees of freedom, not negative.
 *  @nd_red_out
 *
 *  NumPy: np.nanstd(a, axis=axes, ddof=ddof, keepdims=keepdims, out=out)
 */
ND_API nd_status nd_nanstd_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                               double ddof, nd_array *out);

/** int64 index of the first minimum along axis ignoring NaN (ND_AXIS_NONE:
 * into the flattened array). On bool and integers it equals nd_argmin().
 * An all-NaN slice is an error, as in NumPy. NumPy 1.24 replaces NaN by
 * +inf first, so in a slice whose smallest value is +inf it can return the
 * index of a NaN before it; libnd returns the first +inf.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis (every axis, for ND_AXIS_NONE) as length 1.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if a slice is all NaN ("All-NaN slice encountered") or the
 *  axis (or a, for ND_AXIS_NONE) is empty; ND_ERR_NOMEM.
 *
 *  NumPy: np.nanargmin(a, axis, keepdims=keepdims)
 */
ND_API nd_array *nd_nanargmin(const nd_array *a, int axis, bool keepdims);
/** As nd_nanargmin(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis as length 1.
 *  @param out The output: the result's shape, a dtype int64 casts to under
 *  same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_nanargmin(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE
 *  if out's shape is not the result's; ND_ERR_DTYPE if int64 does not cast
 *  to out's dtype under same_kind rules; ND_ERR_READONLY if out is read-only
 *  or has a stride-0 axis.
 *
 *  NumPy: np.nanargmin(a, axis, out=out, keepdims=keepdims)
 */
ND_API nd_status nd_nanargmin_out(const nd_array *a, int axis, bool keepdims, nd_array *out);
/** int64 index of the first maximum along axis ignoring NaN (ND_AXIS_NONE:
 * into the flattened array). On bool and integers it equals nd_argmax().
 * An all-NaN slice is an error, as in NumPy; where NumPy 1.24 can return
 * the index of a NaN before a -inf maximum, libnd returns the first -inf.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis (every axis, for ND_AXIS_NONE) as length 1.
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if a slice is all NaN or the axis (or a, for ND_AXIS_NONE)
 *  is empty; ND_ERR_NOMEM.
 *
 *  NumPy: np.nanargmax(a, axis, keepdims=keepdims)
 */
ND_API nd_array *nd_nanargmax(const nd_array *a, int axis, bool keepdims);
/** As nd_nanargmax(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param keepdims Keep the reduced axis as length 1.
 *  @param out The output: the result's shape, a dtype int64 casts to under
 *  same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_nanargmax(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE
 *  if out's shape is not the result's; ND_ERR_DTYPE if int64 does not cast
 *  to out's dtype under same_kind rules; ND_ERR_READONLY if out is read-only
 *  or has a stride-0 axis.
 *
 *  NumPy: np.nanargmax(a, axis, out=out, keepdims=keepdims)
 */
ND_API nd_status nd_nanargmax_out(const nd_array *a, int axis, bool keepdims, nd_array *out);

/** Running sum along axis with NaN counted as 0 (ND_AXIS_NONE: the
 * flattened array), in nd_cumsum()'s dtypes: nd_cumsum() of a with its
 * NaNs replaced by 0, as NumPy computes it.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.nancumsum(a, axis)
 */
ND_API nd_array *nd_nancumsum(const nd_array *a, int axis);
/** As nd_nancumsum(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output: the result's shape, a dtype the accumulator casts
 *  to under same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_nancumsum(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE
 *  if out's shape is not the result's; ND_ERR_DTYPE if the accumulator
 *  dtype does not cast to out's under same_kind rules; ND_ERR_READONLY if
 *  out is read-only or has a stride-0 axis.
 *
 *  NumPy: np.nancumsum(a, axis, out=out)
 */
ND_API nd_status nd_nancumsum_out(const nd_array *a, int axis, nd_array *out);
/** Running product along axis with NaN counted as 1 (ND_AXIS_NONE: the
 * flattened array), in nd_cumprod()'s dtypes: nd_cumprod() of a with its
 * NaNs replaced by 1, as NumPy computes it.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.nancumprod(a, axis)
 */
ND_API nd_array *nd_nancumprod(const nd_array *a, int axis);
/** As nd_nancumprod(), written into out.
 *  @param a The array.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output: the result's shape, a dtype the accumulator casts
 *  to under same_kind rules.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_nancumprod(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE
 *  if out's shape is not the result's; ND_ERR_DTYPE if the accumulator
 *  dtype does not cast to out's under same_kind rules; ND_ERR_READONLY if
 *  out is read-only or has a stride-0 axis.
 *
 *  NumPy: np.nancumprod(a, axis, out=out)
 */
ND_API nd_status nd_nancumprod_out(const nd_array *a, int axis, nd_array *out);

/* ---------------------------------------------------------------- covariance */

/** Covariance matrix of the variables in m (and y), in float64.
 * With rowvar each row of m is a variable and each column an observation
 * (else the reverse); a 1-D m is one variable. y, if given, adds its
 * variables after m's. The normalisation is N - ddof, or with weights
 * NumPy's formula over the frequency weights fweights (non-negative
 * integral values) and the reliability weights aweights (non-negative).
 * One variable gives a 0-d result, as NumPy squeezes it; no variables give
 * shape (0, 0). N - ddof <= 0 divides by 0 (inf or NaN; NumPy also warns).
 *  @param m A 0-d, 1-D or 2-D array of any dtype.
 *  @param y More variables, laid out as m, or NULL.
 *  @param rowvar Rows are variables (NumPy's default, true), else columns.
 *  @param bias Normalise by N (else N - 1) when ddof is negative.
 *  @param ddof Delta degrees of freedom; negative for NumPy's None (1, or 0 with bias).
 *  @param fweights 1-D integral frequency weights, one per observation, or NULL.
 *  @param aweights 1-D reliability weights, one per observation, or NULL.
 *  @return a new float64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if m is NULL; ND_ERR_SHAPE if m or y has more than
 *  2 dimensions, their numbers of observations differ, or a weights array
 *  is not 1-D of the number of observations; ND_ERR_VALUE if a weight is
 *  negative, an fweight is not integral, or the weights sum to 0;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.cov(m, y, rowvar, bias, None if ddof < 0 else ddof, fweights, aweights)
 */
ND_API nd_array *nd_cov(const nd_array *m, const nd_array *y, bool rowvar, bool bias, int64_t ddof,
                        const nd_array *fweights, const nd_array *aweights);
/** Pearson correlation coefficients: nd_cov() scaled by the standard
 * deviations and clipped to [-1, 1], in float64. One variable gives a 0-d
 * result c / c (1, or NaN for a variance of 0, NaN or inf).
 *  @param x A 0-d, 1-D or 2-D array of any dtype.
 *  @param y More variables, laid out as x, or NULL.
 *  @param rowvar Rows are variables (NumPy's default, true), else columns.
 *  @return a new float64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if x is NULL; ND_ERR_SHAPE if x or y has more than
 *  2 dimensions or their numbers of observations differ; ND_ERR_NOMEM.
 *
 *  NumPy: np.corrcoef(x, y, rowvar)
 */
ND_API nd_array *nd_corrcoef(const nd_array *x, const nd_array *y, bool rowvar);

/* ---------------------------------------------------------------- binning */

/** The index of the bin each element of x falls in, as int64 of x's shape.
 * bins is 1-D and monotonic, increasing or decreasing. For increasing bins
 * the index i satisfies bins[i-1] <= x < bins[i] (right: bins[i-1] < x <=
 * bins[i]); 0 and len(bins) mean below and above. Compared in the promoted
 * dtype of x and bins, NaN after every number.
 *  @param x The values (any shape).
 *  @param bins The 1-D monotonic bin edges.
 *  @param right Close the bins on the right instead of the left.
 *  @return a new int64 handle of x's shape, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if x or bins is NULL; ND_ERR_SHAPE if bins is not
 *  1-D; ND_ERR_VALUE if bins is neither increasing nor decreasing;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.digitize(x, bins, right)
 */
ND_API nd_array *nd_digitize(const nd_array *x, const nd_array *bins, bool right);

/** np.histogram with `bins` as explicit edges: the bins are [edges[i],
 * edges[i+1]), the last one closed; values outside, and NaN, are ignored.
 * Compared in the promoted dtype of a and edges. The counts are int64, or
 * sums of weights (a's shape) in the weights' dtype; with density, float64
 * counts / (bin width * total), as NumPy. Weighted float sums are added
 * directly in float64 (NumPy differences cumulative sums, so its last bits
 * can differ); integer weights wrap in their dtype as NumPy's do. For a
 * number of equal bins see nd_histogram().
 *  @param a The data (any shape).
 *  @param edges The 1-D non-decreasing bin edges, at least one.
 *  @param weights Weights of a's shape (not bool), or NULL.
 *  @param density Give a probability density instead of counts.
 *  @return a new 1-D handle of edges' length - 1, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or edges is NULL; ND_ERR_SHAPE if edges is not
 *  1-D or the weights' shape is not a's; ND_ERR_VALUE if edges is empty or
 *  decreasing somewhere; ND_ERR_DTYPE for bool weights (NumPy refuses
 *  them too); ND_ERR_NOMEM.
 *
 *  NumPy: np.histogram(a, bins=edges, weights=weights, density=density)[0]
 */
ND_API nd_array *nd_histogram_edges(const nd_array *a, const nd_array *edges,
                                    const nd_array *weights, bool density);

/** np.histogramdd: the float64 histogram of N samples in D dimensions.
 * sample is (N, D); a 1-D sample is N samples of one dimension (a 0-d one a
 * single sample). Dimension i has bins[i] equal bins over range[2i],
 * range[2i+1] (both 0, or range NULL: the data's min and max; equal ends
 * widen by 0.5 each way), unless bin_edges[i] gives its edges (1-D,
 * non-decreasing, at least one; range is then ignored). Each bin is closed
 * on the left, the last one of each dimension on both sides; samples
 * outside, or NaN, are ignored. weights, one per sample, are summed in
 * float64. With density the result is a probability density (counts /
 * (total * bin volume)).
 *  @param sample The samples, (N, D) (or 1-D, or 0-d), any dtype.
 *  @param bins D bin counts, each at least 1, or NULL for 10 each.
 *  @param bin_edges D entries, each NULL or a 1-D array of edges; or NULL.
 *  @param range 2 * D bounds (lo, hi per dimension), or NULL.
 *  @param density Give a probability density instead of counts.
 *  @param weights N weights (any dtype, 1-D), or NULL.
 *  @param hist Receives the D-dimensional float64 histogram, or NULL.
 *  @param edges Receives D new 1-D arrays of edges (float64 when made from a
 *  count, else the given edges' values and dtype), or NULL. Nothing is
 *  written to hist or edges on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if sample is NULL; ND_ERR_SHAPE if sample has more
 *  than 2 dimensions, an edges array is not 1-D, or weights is not 1-D of
 *  length N; ND_ERR_VALUE if D is 0 or above ND_MAX_DIMS, a count is below
 *  1, an edges array is empty or decreasing somewhere, a range has lo > hi
 *  or is not finite, or the data's range is not finite; ND_ERR_OVERFLOW if
 *  the histogram's size overflows; ND_ERR_NOMEM.
 *
 *  NumPy: np.histogramdd(sample, bins, range, density, weights)
 */
ND_API nd_status nd_histogramdd(const nd_array *sample, const int64_t *bins,
                                const nd_array *const *bin_edges, const double *range,
                                bool density, const nd_array *weights, nd_array **hist,
                                nd_array **edges);
/** np.histogram2d: the float64 histogram of the points (x[i], y[i]), as
 * nd_histogramdd() of the (N, 2) stack of x and y (promoted to one dtype,
 * as NumPy stacks them). bins, bin_edges and range as there, for 2
 * dimensions.
 *  @param x The first coordinates, 1-D.
 *  @param y The second coordinates, 1-D of x's length.
 *  @param bins 2 bin counts, or NULL for 10 each.
 *  @param bin_edges 2 entries, each NULL or a 1-D array of edges; or NULL.
 *  @param range 4 bounds (xlo, xhi, ylo, yhi), or NULL.
 *  @param density Give a probability density instead of counts.
 *  @param weights N weights, or NULL.
 *  @param hist Receives the (nx, ny) float64 histogram, or NULL.
 *  @param xedges Receives the edges along x, or NULL.
 *  @param yedges Receives the edges along y, or NULL.
 *  @return ND_OK, or the status of the error; nothing is written to the
 *  pointers on error.
 *
 *  Errors: as nd_histogramdd(), and ND_ERR_NULL if x or y is NULL;
 *  ND_ERR_SHAPE if x or y is not 1-D or their lengths differ.
 *
 *  NumPy: np.histogram2d(x, y, bins, range, density, weights)
 */
ND_API nd_status nd_histogram2d(const nd_array *x, const nd_array *y, const int64_t *bins,
                                const nd_array *const *bin_edges, const double *range,
                                bool density, const nd_array *weights, nd_array **hist,
                                nd_array **xedges, nd_array **yedges);

#endif

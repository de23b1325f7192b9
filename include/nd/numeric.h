/** @file
 * libnd: integration, convolution, interpolation and polynomials (included
 * by nd.h). NumPy's trapz, convolve, correlate, interp, polyfit and
 * polyval. Results are new C-contiguous arrays. */
#ifndef ND_NUMERIC_H
#define ND_NUMERIC_H

/** Integral of y along axis by the trapezoidal rule (np.trapz), with
 * sample points x or a constant spacing dx. The result has y's shape
 * without the axis, float32 if y and x (when given) promote to float32, else
 * float64. y and x are converted to that dtype before anything is added or
 * subtracted, so integers neither wrap nor OR together (NumPy adds and
 * subtracts in the inputs' dtypes: int8 sums wrap, bool ones are logical
 * or, decreasing unsigned x wraps). An axis of length 0 or 1 gives 0.
 *  @param y The values, at least 1-D.
 *  @param x The sample points, or NULL to use dx: 1-D with y's length along
 *  axis, or y's ndim with y's length along axis and broadcasting against y
 *  elsewhere (NumPy also lets a too-short x through when its differences
 *  broadcast).
 *  @param dx The spacing when x is NULL (ignored otherwise).
 *  @param axis The axis, negative from the end.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if y is NULL; ND_ERR_INDEX if axis is out of range
 *  (a 0-d y has none); ND_ERR_SHAPE if x's shape does not fit y's;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.trapz(y, x, dx, axis)
 */
ND_API nd_array *nd_trapz(const nd_array *y, const nd_array *x, double dx, int axis);

/** The output length of nd_convolve() and nd_correlate(), for inputs of
 *  lengths M >= N (as NumPy's mode=). */
typedef enum nd_conv_mode {
    ND_CONV_FULL = 0, /**< "full": M + N - 1 values, every overlap (np.convolve's default) */
    ND_CONV_SAME,     /**< "same": M values, centred as NumPy centres them */
    ND_CONV_VALID     /**< "valid": M - N + 1 values, full overlaps only (np.correlate's default) */
} nd_conv_mode;

/** Discrete linear convolution of two 1-D sequences (0-d ones count as
 * length 1): out[k] = sum over j of a[j] v[k - j]. The result dtype is the
 * promotion of a's and v's (bool: or of ands; integers wrap, as NumPy's).
 * The inputs are exchanged when v is longer, as NumPy does, so the result
 * is symmetric in them.
 *  @param a The first sequence, not empty.
 *  @param v The second sequence, not empty.
 *  @param mode The output length.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or v is NULL; ND_ERR_VALUE if an input is
 *  empty, has more than one dimension, or mode is unknown; ND_ERR_NOMEM.
 *
 *  NumPy: np.convolve(a, v, mode)
 */
ND_API nd_array *nd_convolve(const nd_array *a, const nd_array *v, nd_conv_mode mode);
/** Cross-correlation of two 1-D sequences (0-d ones count as length 1, as
 * np.convolve takes them; np.correlate refuses them):
 * out[k] = sum over j of a[k + j - s] v[j], where s is N - 1 ("full"), N / 2
 * ("same") or 0 ("valid"). When v is longer than a the result is
 * NumPy's: the correlation of v with a, reversed. Result dtype as
 * nd_convolve().
 *  @param a The first sequence, not empty.
 *  @param v The second sequence, not empty.
 *  @param mode The output length.
 *  @return a new 1-D handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a or v is NULL; ND_ERR_VALUE if an input is
 *  empty, has more than one dimension, or mode is unknown; ND_ERR_NOMEM.
 *
 *  NumPy: np.correlate(a, v, mode)
 */
ND_API nd_array *nd_correlate(const nd_array *a, const nd_array *v, nd_conv_mode mode);

/** One-dimensional piecewise linear interpolation (np.interp): the values
 * at x of the function through the points (xp, fp), in float64 of x's
 * shape. x below xp[0] gives left (default fp[0]), above xp[-1] gives right
 * (default fp[-1]); NaN in x gives NaN. xp must increase (not checked, as
 * NumPy). With a period, xp and x are taken modulo the period (left and
 * right are then ignored) and xp need not be sorted. Values are converted
 * to float64 first.
 *  @param x Where to evaluate (any shape).
 *  @param xp The sample points, 1-D and not empty.
 *  @param fp The sample values, 1-D of xp's length.
 *  @param left The value below xp[0], or NULL for fp[0].
 *  @param right The value above xp[-1], or NULL for fp[-1].
 *  @param period The period, or NULL for none; not 0 (its sign is ignored).
 *  @return a new float64 handle of x's shape, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if x, xp or fp is NULL; ND_ERR_SHAPE if xp or fp is
 *  not 1-D or their lengths differ; ND_ERR_VALUE if xp is empty or the
 *  period is 0 or not finite; ND_ERR_NOMEM.
 *
 *  NumPy: np.interp(x, xp, fp, left, right, period)
 */
ND_API nd_array *nd_interp(const nd_array *x, const nd_array *xp, const nd_array *fp,
                           const double *left, const double *right, const double *period);

/** Least-squares polynomial fit (np.polyfit): the coefficients p, highest
 * power first, of the polynomial of degree deg that minimises the sum of
 * (w[i] (p(x[i]) - y[i]))^2, through nd_linalg_lstsq() on the Vandermonde
 * matrix with scaled columns, as NumPy does it, with NumPy's rcond
 * (len(x) times the epsilon of x's float dtype). Computed in float64, and
 * the result is float64 for every input dtype, as NumPy's. A
 * rank-deficient fit is returned without NumPy's RankWarning.
 *  @param x The sample points: 1-D, not empty.
 *  @param y The values: (M,), or (M, K) for K fits at once.
 *  @param deg The degree, not negative.
 *  @param w Weights, 1-D of length M, or NULL for none.
 *  @return a new float64 handle: (deg + 1,), or (deg + 1, K) for a 2-D y;
 *  NULL on error.
 *
 *  Errors: ND_ERR_NULL if x or y is NULL; ND_ERR_VALUE if deg is negative
 *  or x is empty; ND_ERR_SHAPE if x or w is not 1-D, y is not 1-D or 2-D,
 *  or their lengths differ (NumPy raises TypeError); ND_ERR_LINALG if the
 *  least-squares solver fails (NaN or inf in the data); ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.polyfit(x, y, deg, w=w)
 */
ND_API nd_array *nd_polyfit(const nd_array *x, const nd_array *y, int deg, const nd_array *w);
/** Evaluates the polynomial with coefficients p (highest power first) at x
 * by Horner's rule: ((p[0] x + p[1]) x + ...) + p[N-1]. The result has
 * x's shape and the promoted dtype of p and x (NEP 50: NumPy 1.24's
 * value-based casting keeps float32 x float32 with float64 p); integers
 * wrap as nd_multiply() and nd_add() do. Empty p gives zeros. The sum
 * starts from p[0], not from 0 * x as NumPy's does, so an infinite x gives
 * the polynomial's infinite value where NumPy gives NaN.
 *  @param p The coefficients, 1-D.
 *  @param x Where to evaluate (any shape).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if p or x is NULL; ND_ERR_SHAPE if p is not 1-D;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.polyval(p, x)
 */
ND_API nd_array *nd_polyval(const nd_array *p, const nd_array *x);

#endif

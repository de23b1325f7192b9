/** @file
 * libnd: random numbers (included by nd.h). A counter-based generator
 * (nd_rng) and, on it, NumPy's Generator methods: uniform, normal,
 * integers, permutation, shuffle, choice, and the distributions bernoulli,
 * binomial, poisson, exponential, gamma, beta, standard_t, multinomial and
 * a truncated normal.
 *
 * Determinism. A generator is a key (from the seed) and a counter. Every
 * call that succeeds advances the counter by a count fixed by its
 * arguments alone: the number of values it returns, except where a
 * function says otherwise (nd_random_multinomial: one per vector;
 * nd_random_choice without replacement but with weights: one per
 * candidate). Value number c of a call is computed from the key and the
 * counter c alone (with its own private sequence for the extra uniforms
 * rejection methods need), so results are bit-identical whatever the
 * thread count (nd_set_num_threads) and however the draws are split over
 * calls of the same function. A failed call leaves the generator as it
 * was. Each function draws from its own stream derived from the key, so
 * two functions called at the same counter give independent values.
 *
 * The values differ from NumPy's (a different bit generator and
 * algorithms); the distributions are the same. Parameters are C doubles
 * (or int64 counts); real results are float32 or float64 (computed in
 * float64 and rounded), counts are int64. */
#ifndef ND_RANDOM_H
#define ND_RANDOM_H

/** A counter-based generator: the values depend only on the seed and on how
 * many values were drawn before, never on the thread count. Seed it with
 * nd_rng_seed(); each call that succeeds advances the counter by the number
 * of values it made. */
typedef struct nd_rng {
    uint64_t key;     /**< derived from the seed */
    uint64_t counter; /**< values drawn so far */
} nd_rng;
/** Seeds a generator: the same seed gives the same values.
 *  @param rng The generator to set.
 *  @param seed Any value.
 *
 *  Errors: ND_ERR_NULL if rng is NULL (recorded; see nd_last_status()).
 *
 *  NumPy: rng = np.random.default_rng(seed) (a different generator: the
 *  values differ from NumPy's)
 */
ND_API void nd_rng_seed(nd_rng *rng, uint64_t seed);
/** Uniform in [low, high). Float dtypes only.
 *  A failed call leaves rng as it was.
 *  @param rng The generator, advanced by the number of values made.
 *  @param low The lowest value.
 *  @param high The end, not included; above low.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if a bound is not
 *  finite in dt, low >= high, high - low overflows, or the shape is invalid;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.uniform(low, high, shape).astype(dt)
 */
ND_API nd_array *nd_random_uniform(nd_rng *rng, double low, double high, int ndim,
                                   const int64_t *shape, nd_dtype dt);
/** Normally distributed values. Float dtypes only.
 *  A failed call leaves rng as it was.
 *  @param rng The generator, advanced by the number of values made.
 *  @param mean The mean.
 *  @param stddev The standard deviation, not negative.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if stddev is
 *  negative or NaN, or the shape is invalid; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.normal(mean, stddev, shape).astype(dt)
 */
ND_API nd_array *nd_random_normal(nd_rng *rng, double mean, double stddev, int ndim,
                                  const int64_t *shape, nd_dtype dt);
/** Integers uniform in [low, high). Integer dtypes only.
 *  A failed call leaves rng as it was.
 *  @param rng The generator, advanced by the number of values made.
 *  @param low The lowest value, representable in dt.
 *  @param high The end, not included; above low, and high - 1 representable in dt.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt A signed or unsigned integer dtype (not bool).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not an integer dtype; ND_ERR_VALUE if low >= high,
 *  a bound does not fit dt, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.integers(low, high, shape, dtype=dt)
 */
ND_API nd_array *nd_random_integers(nd_rng *rng, int64_t low, int64_t high, int ndim,
                                    const int64_t *shape, nd_dtype dt);

/* ---------------------------------------------------------------- permutations and choice */

/** A random permutation of 0 .. n-1 (Fisher-Yates, each of the n!
 * orders equally likely). Advances rng by n.
 *  @param rng The generator.
 *  @param n The length, not negative.
 *  @return a new 1-D int64 handle of length n, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng is NULL; ND_ERR_VALUE if n is negative;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.permutation(n)
 */
ND_API nd_array *nd_random_permutation(nd_rng *rng, int64_t n);
/** A copy of a with its slices along axis in random order: the result is
 * nd_take(a, nd_random_permutation(rng, n), axis) with n = a's length
 * along axis, for the same state of rng. Advances rng by n.
 *  @param rng The generator.
 *  @param a The array, at least 1-D, any dtype and layout.
 *  @param axis The axis to permute, negative from the end (NumPy's default is 0).
 *  @return a new C-contiguous handle of a's shape and dtype, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng or a is NULL; ND_ERR_INDEX if axis is out of
 *  range (a 0-d a has no axis); ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.permutation(a, axis)
 */
ND_API nd_array *nd_random_permutation_array(nd_rng *rng, const nd_array *a, int axis);
/** Shuffles a in place along axis: slice i of the result is slice
 * perm[i] of a, with perm = nd_random_permutation(rng, n) for the same
 * state of rng (so nd_random_permutation_array() gives the same values
 * as a copy). Advances rng by n. a may be a view; the slices move through
 * a temporary copy, so nothing is written on error.
 *  @param rng The generator.
 *  @param a The array to shuffle, at least 1-D, writable.
 *  @param axis The axis along which to shuffle, negative from the end.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if rng or a is NULL; ND_ERR_INDEX if axis is out of
 *  range; ND_ERR_READONLY if a is read-only or has a stride-0 axis;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.shuffle(a, axis)
 */
ND_API nd_status nd_random_shuffle(nd_rng *rng, nd_array *a, int axis);
/** Random int64 indices into 0 .. n-1 (NumPy's choice of an integer).
 * With replacement each value is drawn independently, with probability
 * p[i] (uniform without p). Without replacement the values are distinct:
 * without p a uniform sample in random order (a partial Fisher-Yates
 * shuffle); with p, successive sampling as NumPy's Generator.choice does
 * it: each next value is drawn from those not yet taken, in proportion to
 * their weights (computed with the Efraimidis-Spirakis keys, which give
 * that distribution exactly).
 *
 * p is validated as NumPy does: a 1-D array of n finite values, none
 * negative, whose sum is 1 within sqrt(eps) (eps of float64, or of p's
 * dtype if it is a coarser float). Without replacement, the number of
 * values drawn may not exceed n, nor the number of non-zero weights.
 *
 * rng advances by the number of values drawn, except without replacement
 * with p: by n (one key per candidate).
 *  @param rng The generator.
 *  @param n The number of candidates, not negative (0 only when nothing is drawn).
 *  @param ndim The number of dimensions of the result, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param replace Draw with replacement (NumPy's default) or not.
 *  @param p NULL for uniform weights, or n weights (any dtype but bool, read as float64).
 *  @return a new int64 handle of the given shape, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if n is negative, the shape is invalid, n is 0 and values
 *  are drawn, more values than candidates (or non-zero weights) are drawn
 *  without replacement, or p is invalid (the message names the offending
 *  entry or sum); ND_ERR_SHAPE if p is not 1-D of length n; ND_ERR_DTYPE if
 *  p is bool; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.choice(n, shape, replace, p)
 */
ND_API nd_array *nd_random_choice_n(nd_rng *rng, int64_t n, int ndim, const int64_t *shape,
                                    bool replace, const nd_array *p);
/** Random slices of a along axis 0: a[idx] where idx is
 * nd_random_choice_n(rng, len(a), ndim, shape, replace, p) for the same
 * state of rng (so the same rules and counter advance apply). The result's
 * shape is shape followed by a's shape without its first axis.
 *  @param rng The generator.
 *  @param a The candidates, at least 1-D, any dtype and layout.
 *  @param ndim The number of dimensions of shape, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param replace Draw with replacement (NumPy's default) or not.
 *  @param p NULL for uniform weights, or one weight per slice of a (see nd_random_choice_n()).
 *  @return a new C-contiguous handle of a's dtype, or NULL on error.
 *
 *  Errors: as nd_random_choice_n(); ND_ERR_NULL if a is NULL; ND_ERR_VALUE
 *  if a is 0-d; ND_ERR_VALUE if the result would have more than
 *  ND_MAX_DIMS dimensions.
 *
 *  NumPy: rng.choice(a, shape, replace, p)
 */
ND_API nd_array *nd_random_choice(nd_rng *rng, const nd_array *a, int ndim, const int64_t *shape,
                                  bool replace, const nd_array *p);

/* ---------------------------------------------------------------- distributions */

/** Bernoulli trials: 1 (true) with probability p, else 0. Advances rng by
 * the number of values.
 *  @param rng The generator.
 *  @param p The probability of a 1, in [0, 1].
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_BOOL or an integer dtype.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not bool or an integer dtype; ND_ERR_VALUE if p is
 *  outside [0, 1] or NaN, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.random(shape) < p (torch.bernoulli)
 */
ND_API nd_array *nd_random_bernoulli(nd_rng *rng, double p, int ndim, const int64_t *shape,
                                     nd_dtype dt);
/** Binomial counts: successes in n trials of probability p. Inversion for
 * a mean below 10, else Hormann's BTRS transformed rejection. Advances rng
 * by the number of values.
 *  @param rng The generator.
 *  @param n The number of trials, 0 to 2^53 (beyond, doubles cannot count
 *  exactly; NumPy accepts any int64).
 *  @param p The success probability, in [0, 1].
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if n is negative or above 2^53, p is outside [0, 1] or NaN,
 *  or the shape is invalid; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.binomial(n, p, shape)
 */
ND_API nd_array *nd_random_binomial(nd_rng *rng, int64_t n, double p, int ndim,
                                    const int64_t *shape);
/** Poisson counts with mean lam. Inversion for lam below 10, else
 * Hormann's PTRS transformed rejection. Advances rng by the number of
 * values.
 *  @param rng The generator.
 *  @param lam The mean, 0 to 2^52 (NumPy allows up to about 9.2e18, where
 *  doubles no longer count exactly).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @return a new int64 handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if lam is negative, NaN or above 2^52, or the shape is
 *  invalid; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: rng.poisson(lam, shape)
 */
ND_API nd_array *nd_random_poisson(nd_rng *rng, double lam, int ndim, const int64_t *shape);
/** Exponentially distributed values with mean scale (by inversion).
 * Advances rng by the number of values.
 *  @param rng The generator.
 *  @param scale The mean, 1/rate; finite, not negative (0 gives zeros).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if scale is
 *  negative, NaN or infinite, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.exponential(scale, shape).astype(dt)
 */
ND_API nd_array *nd_random_exponential(nd_rng *rng, double scale, int ndim, const int64_t *shape,
                                       nd_dtype dt);
/** Gamma-distributed values with shape k and scale (mean k*scale), by
 * Marsaglia and Tsang's method. Advances rng by the number of values.
 *  @param rng The generator.
 *  @param k The shape parameter; finite, not negative (0 gives zeros).
 *  @param scale The scale; finite, not negative (0 gives zeros).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if k or scale is
 *  negative, NaN or infinite, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.gamma(k, scale, shape).astype(dt)
 */
ND_API nd_array *nd_random_gamma(nd_rng *rng, double k, double scale, int ndim,
                                 const int64_t *shape, nd_dtype dt);
/** Beta-distributed values in [0, 1]: X / (X + Y) with X, Y gamma(a) and
 * gamma(b), formed from their logarithms so tiny a and b do not give 0/0.
 * Advances rng by the number of values.
 *  @param rng The generator.
 *  @param a The first shape parameter, positive and finite.
 *  @param b The second shape parameter, positive and finite.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if a or b is not
 *  positive and finite, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.beta(a, b, shape).astype(dt)
 */
ND_API nd_array *nd_random_beta(nd_rng *rng, double a, double b, int ndim, const int64_t *shape,
                                nd_dtype dt);
/** Student's t with df degrees of freedom: Z / sqrt(V / df) with Z normal
 * and V chi-square(df). Advances rng by the number of values.
 *  @param rng The generator.
 *  @param df The degrees of freedom, positive and finite.
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if df is not
 *  positive and finite, or the shape is invalid; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.standard_t(df, shape).astype(dt)
 */
ND_API nd_array *nd_random_standard_t(nd_rng *rng, double df, int ndim, const int64_t *shape,
                                      nd_dtype dt);
/** Multinomial counts: each vector of k counts sums to n, count i having
 * probability pvals[i] per trial (conditional binomials). pvals is
 * validated as the p of nd_random_choice_n(): finite, not negative,
 * summing to 1 within sqrt(eps). NumPy instead ignores the last entry and
 * gives it the remaining probability; libnd refuses probabilities that do
 * not sum to 1. Advances rng by the number of vectors (the size of shape).
 *  @param rng The generator.
 *  @param n The number of trials per vector, 0 to 2^53.
 *  @param pvals k >= 1 probabilities, 1-D, any dtype but bool (read as float64).
 *  @param ndim The number of dimensions of shape, 0 to ND_MAX_DIMS - 1.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @return a new int64 handle of shape + (k,), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng, pvals (or shape, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if n is negative or above 2^53, pvals is invalid or the
 *  shape is (ndim must leave room for the last axis); ND_ERR_SHAPE if pvals
 *  is not 1-D or is empty; ND_ERR_DTYPE if pvals is bool; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: rng.multinomial(n, pvals, shape)
 */
ND_API nd_array *nd_random_multinomial(nd_rng *rng, int64_t n, const nd_array *pvals, int ndim,
                                       const int64_t *shape);
/** Normal values with the given mean and stddev, truncated to [low, high].
 * The bounds are absolute values, as torch.nn.init.trunc_normal_(t, mean,
 * std, a, b) takes them; scipy.stats.truncnorm(a, b, loc, scale) takes
 * them standardised, a = (low - mean) / stddev. Either bound may be
 * infinite. Robert's rejection samplers (uniform, normal or exponential
 * proposal, whichever is efficient for the standardised interval) keep the
 * acceptance rate above about 0.3 anywhere, also far in a tail (a bound 40
 * standard deviations out is fine). Values round to within [low, high].
 * Advances rng by the number of values.
 *  @param rng The generator.
 *  @param mean The mean of the untruncated normal, finite.
 *  @param stddev Its standard deviation, positive and finite.
 *  @param low The lower bound (may be -INFINITY).
 *  @param high The upper bound, above low (may be INFINITY).
 *  @param ndim The number of dimensions, 0 to ND_MAX_DIMS.
 *  @param shape ndim lengths, none negative (may be NULL when ndim is 0).
 *  @param dt ND_FLOAT32 or ND_FLOAT64.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if rng (or shape, with ndim > 0) is NULL;
 *  ND_ERR_DTYPE if dt is not a float dtype; ND_ERR_VALUE if mean is not
 *  finite, stddev is not positive and finite, a bound is NaN, low >= high,
 *  or the shape is invalid; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: scipy.stats.truncnorm((low - mean) / stddev, (high - mean) /
 *  stddev, mean, stddev).rvs(shape) (torch.nn.init.trunc_normal_)
 */
ND_API nd_array *nd_random_truncated_normal(nd_rng *rng, double mean, double stddev, double low,
                                            double high, int ndim, const int64_t *shape,
                                            nd_dtype dt);

#endif /* ND_RANDOM_H */

/** @file
 * Weak scalars (NumPy's NEP 50) and fused in-place updates; included by
 * nd.h, not meant to be included on its own.
 *
 * A C scalar in an operation behaves as a Python scalar does in NumPy 2: it
 * is "weak", so the array's dtype wins within its kind (a float32 array
 * times 0.1 stays float32). nd_weak() and nd_weak_i64() make such scalars
 * as 0-d arrays for any operation that takes arrays; the _scalar and
 * _scalar_i64 forms of every ND_BINARY_OPS operation take a C double or
 * int64_t directly and allocate nothing but their result. The _inplace
 * forms (see @ref elementwise) write an operation into its first operand.
 */
#ifndef ND_SCALAR_H
#define ND_SCALAR_H

#ifdef __cplusplus
extern "C" {
#endif

/** A weak float: a 0-d float64 array that promotes as a Python float
 * (NEP 50). With a float array the array's dtype wins (float32 stays
 * float32; a value beyond float32 becomes inf, as in NumPy); with a bool
 * or integer array the result is float64. Only this handle is weak: a
 * view, copy or astype of it is an ordinary float64 array.
 *  @param v The value.
 *  @return a new 0-d handle, or NULL on error.
 *
 *  Errors: ND_ERR_NOMEM.
 *
 *  NumPy: a Python float (v) as an operand
 *  @ingroup elementwise
 */
ND_API nd_array *nd_weak(double v);
/** A weak int: a 0-d int64 array that promotes as a Python int (NEP 50).
 * With an integer array the array's dtype wins (an int8 array plus 1 stays
 * int8), and an operation whose integer loop dtype cannot hold v fails with
 * ND_ERR_OVERFLOW, as NumPy 2 raises OverflowError; comparisons instead give
 * the mathematically right answer (a uint8 array < -1 is all false). With a
 * bool array the result is int64; with a float array, the float dtype.
 * Only this handle is weak: a view, copy or astype of it is ordinary.
 *  @param v The value.
 *  @return a new 0-d handle, or NULL on error.
 *
 *  Errors: ND_ERR_NOMEM.
 *
 *  NumPy: a Python int (v) as an operand
 *  @ingroup elementwise
 */
ND_API nd_array *nd_weak_i64(int64_t v);
/** Whether a is a weak scalar made by nd_weak() or nd_weak_i64().
 *  @param a The array.
 *  @return the flag; false on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL.
 *
 *  NumPy: isinstance(a, (int, float)) for an operand
 *  @ingroup elementwise
 */
ND_API bool nd_is_weak(const nd_array *a);

/** y += alpha * x in one pass, without a temporary for alpha * x (BLAS
 * axpy). alpha is a weak float: the update computes in float32 for float32
 * y and x, in float64 otherwise, and the result must cast to y's dtype
 * under same_kind rules, so a bool or integer y is ND_ERR_DTYPE (as NumPy's
 * `y += alpha * x`). The result is bit for bit NumPy's y + alpha * x.
 *  @param y The array updated in place: writeable, no stride-0 axis.
 *  @param alpha The factor of x.
 *  @param x The increment, broadcast to y's shape; it may overlap y.
 *  @return ND_OK, or the status of the error (y is then unchanged).
 *
 *  Errors: ND_ERR_NULL if y or x is NULL; ND_ERR_DTYPE if the result does
 *  not cast to y's dtype under same_kind rules; ND_ERR_SHAPE if x does not
 *  broadcast to y's shape; ND_ERR_READONLY if y is read-only or has a
 *  stride-0 axis; ND_ERR_NOMEM (only when x overlaps y other than exactly,
 *  which takes a copy of x).
 *
 *  NumPy: y += alpha * x
 *  @ingroup elementwise
 */
ND_API nd_status nd_axpy_inplace(nd_array *y, double alpha, const nd_array *x);
/** y = alpha * x + beta * y in one pass, without temporaries: momentum
 * updates (v = mu * v + g is nd_axpby_inplace(v, 1.0, g, mu)). alpha and
 * beta are weak floats, with nd_axpy_inplace()'s dtype rules.
 *  @param y The array updated in place: writeable, no stride-0 axis.
 *  @param alpha The factor of x.
 *  @param x The other operand, broadcast to y's shape; it may overlap y.
 *  @param beta The factor of y.
 *  @return ND_OK, or the status of the error (y is then unchanged).
 *
 *  Errors: as nd_axpy_inplace().
 *
 *  NumPy: y[...] = alpha * x + beta * y
 *  @ingroup elementwise
 */
ND_API nd_status nd_axpby_inplace(nd_array *y, double alpha, const nd_array *x, double beta);

#ifdef __cplusplus
}
#endif
#endif /* ND_SCALAR_H */

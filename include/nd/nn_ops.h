/** @file
 * libnd: neural-network array operations (included by nd.h): leaky_relu,
 * softmax and log_softmax along an axis, and logsumexp over axes. They are
 * plain array operations, with PyTorch's semantics (the behavioural
 * reference; NumPy has none of them); the activations without a parameter
 * (gelu, gelu_tanh, silu, softplus, sigmoid, relu) are element-wise
 * operations of ND_UNARY_OPS in nd.h.
 *
 * Dtypes: float32 and float64 keep their dtype; bool and integers compute
 * in a float as the float-only element-wise operations do (float32 for
 * bool and 8/16-bit integers, float64 for 32/64-bit ones). softmax,
 * log_softmax and logsumexp accumulate in float64 with the row's maximum
 * subtracted first, so logits of +-1e4 give exact answers and a float32
 * result is rounded once. Every layout is accepted (strided, negative
 * strides, the axis anywhere); the _out variants write into out only after
 * every check has passed, casting under same_kind rules, and out may be a
 * itself. */
#ifndef ND_NN_OPS_H
#define ND_NN_OPS_H

/** @defgroup nn_ops Neural-network array operations
 * leaky_relu, softmax, log_softmax and logsumexp as plain array operations
 * (see include/nd/nn_ops.h).
 * @{ */

/** Element-wise leaky ReLU: a where a > 0, else a * negative_slope.
 * The slope is a weak scalar: it is converted to the dtype computed in
 * (float32 stays float32, as PyTorch's Python float); bool and integers
 * compute in float32 (bool, 8/16-bit) or float64 (32/64-bit). NaN stays
 * NaN; -0 gives -0 * negative_slope.
 *  @param a The operand.
 *  @param negative_slope The slope below 0 (PyTorch's default is 0.01).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM if memory runs out.
 *
 *  NumPy: np.where(a > 0, a, a * negative_slope)
 *  (torch.nn.functional.leaky_relu(a, negative_slope))
 */
ND_API nd_array *nd_leaky_relu(const nd_array *a, double negative_slope);
/** As nd_leaky_relu(), written into out.
 *  @param a The operand.
 *  @param negative_slope The slope below 0.
 *  @param out The output: a's shape, any dtype the result casts to under
 *  same_kind rules; it may be a itself.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_leaky_relu(), and ND_ERR_NULL if out is NULL;
 *  ND_ERR_SHAPE if out's shape is not a's; ND_ERR_DTYPE if the result does
 *  not cast to out's dtype under same_kind rules; ND_ERR_READONLY if out is
 *  read-only or has a stride-0 axis.
 *
 *  NumPy: out[...] = np.where(a > 0, a, a * negative_slope)
 */
ND_API nd_status nd_leaky_relu_out(const nd_array *a, double negative_slope, nd_array *out);

/** Softmax along one axis: exp(a - max) / sum(exp(a - max)) over each
 * slice along axis, the maximum subtracted so that nothing overflows.
 * The result has a's shape. As PyTorch: a slice holding NaN or +inf, or
 * all -inf, gives NaN throughout; -inf among finite values gives 0. A 0-d
 * a is one slice of one element (axis 0 or -1): 1 (NaN for NaN and
 * infinities). An empty a gives an empty result.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if axis is ND_ALL_AXES or ND_AXIS_NONE; ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.softmax(a, axis=axis) (torch.softmax(a, axis))
 */
ND_API nd_array *nd_softmax(const nd_array *a, int axis);
/** As nd_softmax(), written into out.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @param out The output: a's shape, any dtype the result casts to under
 *  same_kind rules; it may be a itself.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_softmax(), and ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 *  out's shape is not a's; ND_ERR_DTYPE if the result does not cast to
 *  out's dtype under same_kind rules; ND_ERR_READONLY if out is read-only
 *  or has a stride-0 axis.
 *
 *  NumPy: out[...] = scipy.special.softmax(a, axis=axis)
 */
ND_API nd_status nd_softmax_out(const nd_array *a, int axis, nd_array *out);

/** Log-softmax along one axis: a - max - log(sum(exp(a - max))) over each
 * slice along axis, without overflow or the underflow of log(softmax(a)).
 * The result has a's shape. As PyTorch: a slice holding NaN or +inf, or
 * all -inf, gives NaN throughout; -inf among finite values gives -inf. A
 * 0-d a gives 0 (NaN for NaN and infinities); an empty a an empty result.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_VALUE if axis is ND_ALL_AXES or ND_AXIS_NONE; ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.log_softmax(a, axis=axis) (torch.log_softmax(a, axis))
 */
ND_API nd_array *nd_log_softmax(const nd_array *a, int axis);
/** As nd_log_softmax(), written into out.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @param out The output: a's shape, any dtype the result casts to under
 *  same_kind rules; it may be a itself.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_log_softmax(), and ND_ERR_NULL if out is NULL;
 *  ND_ERR_SHAPE if out's shape is not a's; ND_ERR_DTYPE if the result does
 *  not cast to out's dtype under same_kind rules; ND_ERR_READONLY if out is
 *  read-only or has a stride-0 axis.
 *
 *  NumPy: out[...] = scipy.special.log_softmax(a, axis=axis)
 */
ND_API nd_status nd_log_softmax_out(const nd_array *a, int axis, nd_array *out);

/** log(sum(exp(a))) over the axes, computed as max + log(sum(exp(a - max)))
 * so that nothing overflows. As PyTorch and scipy: a slice holding +inf
 * gives +inf, one holding NaN gives NaN, an all -inf slice gives -inf, and
 * an empty slice gives -inf. Axes are given as for the reductions
 * (include/nd/reduce.h).
 *  @param a The values.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL (or axes, with naxes > 0); ND_ERR_INDEX
 *  if an axis is out of range; ND_ERR_VALUE if an axis is repeated or a
 *  sentinel, naxes is negative (other than ND_ALL_AXES), ND_AXIS_NONE, or
 *  0 with a NULL axes; ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.logsumexp(a, axis=axes, keepdims=keepdims)
 *  (torch.logsumexp(a, axes, keepdims))
 */
ND_API nd_array *nd_logsumexp(const nd_array *a, int naxes, const int *axes, bool keepdims);
/** As nd_logsumexp(), written into out.
 *  @param a The values.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES to reduce every axis.
 *  @param axes The axes to reduce (negative ones count from the end); ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes, with length 1.
 *  @nd_red_out
 *
 *  NumPy: out[...] = scipy.special.logsumexp(a, axis=axes, keepdims=keepdims)
 */
ND_API nd_status nd_logsumexp_out(const nd_array *a, int naxes, const int *axes, bool keepdims,
                                  nd_array *out);

/** @} */

#endif

/** @file
 * libnd: reverse-mode automatic differentiation (included by nd.h).
 *
 * A tape (Wengert list) records operations as they run eagerly; nd_backward()
 * walks the record in reverse and accumulates gradients into parameters:
 *
 * @code
 * nd_requires_grad(w);                        // w: a parameter (a leaf)
 * nd_tape *t = nd_tape_new();
 * nd_array *y = nd_ad_matmul(t, x, w);        // owned by the tape
 * nd_array *loss = nd_ad_mean(t, nd_ad_square(t, y), ND_ALL_AXES, NULL, false);
 * nd_backward(t, loss, NULL);                 // nd_grad(w) now holds dloss/dw
 * nd_tape_free(t);                            // y, loss, ... go; w and nd_grad(w) stay
 * @endcode
 *
 * The rules (PyTorch's autograd where this page is silent):
 * - Recorded operations nd_ad_NAME(t, ...) take the tape first. With t NULL
 *   they are exactly nd_NAME(...): a new array the caller frees, nothing
 *   recorded, the plain operation's cost. With a tape they run eagerly,
 *   record their inputs, their rule and what the rule saves, and return the
 *   result, which the tape owns: never nd_free() it; nd_tape_clear() and
 *   nd_tape_free() free it. Tape-owned results are taken out of any open
 *   scope (nd_scope_release()), so a scope never frees them.
 * - Inputs are of three kinds: values recorded on the same tape, parameters
 *   (nd_requires_grad()) and constants (anything else, gradient-free).
 *   Only float32 and float64 carry gradients: an integer or bool input is
 *   a constant. A gradient has the dtype and shape of its array.
 * - Parameters: nd_requires_grad() registers an array in a process-wide
 *   registry keyed by its handle. Its gradient (nd_grad()) belongs to the
 *   library, accumulates over backward calls (like PyTorch's .grad) until
 *   nd_zero_grad(), and outlives every tape. Before nd_free() of a
 *   parameter, call nd_release_grad() (it frees the gradient and the
 *   registration): libnd cannot see nd_free() from this layer, and a
 *   registration left behind would be found again by a new handle that
 *   happens to reuse the address. A tape that recorded a parameter keeps
 *   its memory alive (a view); backward through a parameter released since
 *   is ND_ERR_VALUE.
 * - Saved arrays: a tape keeps what each rule needs (a view of a constant
 *   or parameter input, so freeing it after recording is safe) together with
 *   its nd_data_version(). nd_backward() refuses (ND_ERR_VALUE, naming the
 *   operation) if one was written through libnd since it was recorded,
 *   before any gradient is written: never a silently wrong gradient.
 * - Broadcast inputs get their gradient summed back to their shape in one
 *   place (the backward walk, not the rules); a value used several times
 *   accumulates; the gradient of a view (nd_ad_view()) lands in the right
 *   elements of its base's shape.
 * - nd_backward() walks the record in reverse creation order (which is
 *   topological) with no recursion, so any depth works. Each intermediate
 *   gradient is freed once its operation has passed it on, unless
 *   nd_tape_retain_grads() asks the tape to keep them for nd_tape_grad().
 *   Backward may run again on the same record (gradients then accumulate
 *   again in the parameters), as with PyTorch's retain_graph=True.
 * - Threads: a tape is used by one thread at a time. The parameter registry
 *   is locked, but two backward calls that reach the same parameter must not
 *   run at once.
 * - The tape's bookkeeping (its record and index) uses malloc, arrays go
 *   through the nd_allocator hooks; a failed allocation during recording
 *   records nothing and returns NULL (ND_ERR_NOMEM), one during backward
 *   leaves the parameters' gradients as they were.
 *
 * NumPy: none (PyTorch: torch.autograd). */
#ifndef ND_AUTODIFF_H
#define ND_AUTODIFF_H

/** @defgroup autodiff Automatic differentiation
 * A reverse-mode tape over the array operations; see nd/autodiff.h for the
 * rules.
 */

/** A record of operations for reverse-mode differentiation; made by
 *  nd_tape_new(), freed by nd_tape_free().
 *  @ingroup autodiff */
typedef struct nd_tape nd_tape;

/** Makes an empty tape.
 *  @return the tape, or NULL on error.
 *
 *  Errors: ND_ERR_NOMEM.
 *
 *  NumPy: none (PyTorch records into tensors' grad_fn).
 *  @ingroup autodiff
 */
ND_API nd_tape *nd_tape_new(void);

/** Frees a tape with every value and gradient it made; parameters and
 *  their gradients stay. A tape not live (already freed) is ignored.
 *  @param t The tape, or NULL (ignored).
 *
 *  Errors: none.
 *
 *  NumPy: none (PyTorch frees a graph when its last tensor goes).
 *  @ingroup autodiff
 */
ND_API void nd_tape_free(nd_tape *t);

/** Forgets the record (freeing the values and gradients the tape made)
 *  and keeps the tape, empty, for the next step.
 *  @param t The tape.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if t is NULL; ND_ERR_VALUE if t is not a live tape.
 *
 *  NumPy: none.
 *  @ingroup autodiff
 */
ND_API nd_status nd_tape_clear(nd_tape *t);

/** The number of operations recorded on a tape since it was made or
 *  cleared.
 *  @param t The tape.
 *  @return the count; -1 on error.
 *
 *  Errors: ND_ERR_NULL if t is NULL.
 *
 *  NumPy: none.
 *  @ingroup autodiff
 */
ND_API int64_t nd_tape_size(const nd_tape *t);

/** Whether nd_backward() keeps the gradient of every recorded value for
 *  nd_tape_grad() (false by default: each is freed as soon as it has been
 *  passed on, which keeps memory low).
 *  @param t The tape.
 *  @param retain Keep them (true) or free them as consumed (false).
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if t is NULL.
 *
 *  NumPy: none (PyTorch: Tensor.retain_grad()).
 *  @ingroup autodiff
 */
ND_API nd_status nd_tape_retain_grads(nd_tape *t, bool retain);

/** Marks a float array as a parameter: a leaf whose gradient accumulates
 *  over backward calls and outlives every tape. Marking it again does
 *  nothing. Call nd_release_grad() before freeing it.
 *  @param a The array (float32 or float64).
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_DTYPE if a is not float32 or
 *  float64; ND_ERR_NOMEM.
 *
 *  NumPy: none (PyTorch: a.requires_grad_()).
 *  @ingroup autodiff
 */
ND_API nd_status nd_requires_grad(nd_array *a);

/** Whether a is a parameter (nd_requires_grad() and no nd_release_grad()
 *  since).
 *  @param a The array.
 *  @return the answer; false for NULL.
 *
 *  Errors: none.
 *
 *  NumPy: none (PyTorch: a.requires_grad on a leaf).
 *  @ingroup autodiff
 */
ND_API bool nd_is_param(const nd_array *a);

/** The gradient of a parameter, accumulated by the backward calls that
 *  reached it since it was made or zeroed.
 *  @param a The parameter.
 *  @return a handle owned by the library (do not free it; it stays valid
 *  until nd_release_grad(a) and keeps its address across backward calls and
 *  nd_zero_grad()), or NULL: without an error if no backward has reached a
 *  yet, with one otherwise.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is not a parameter.
 *
 *  NumPy: none (PyTorch: a.grad).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_grad(const nd_array *a);

/** Sets a parameter's gradient to zeros (in place: the handle nd_grad()
 *  gave stays valid). A parameter no backward has reached is left as it is.
 *  @param a The parameter.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is not a parameter.
 *
 *  NumPy: none (PyTorch: a.grad.zero_()).
 *  @ingroup autodiff
 */
ND_API nd_status nd_zero_grad(nd_array *a);

/** Unregisters a parameter and frees its gradient; call it before
 *  nd_free(a). Tapes that recorded a keep its memory alive, but backward
 *  through them then fails (ND_ERR_VALUE). An array that is not a parameter
 *  is ignored.
 *  @param a The parameter, or NULL (ignored).
 *
 *  Errors: none.
 *
 *  NumPy: none (PyTorch: del a.grad; a.requires_grad_(False)).
 *  @ingroup autodiff
 */
ND_API void nd_release_grad(nd_array *a);

/** Reverse-mode differentiation of a recorded value: accumulates
 *  d(seed . loss)/dp into nd_grad(p) of every parameter p that loss depends
 *  on through the tape.
 *  @param t The tape loss was recorded on.
 *  @param loss A value recorded on t: 0-d if seed is NULL.
 *  @param seed The gradient of loss (its shape; cast to its dtype), or NULL
 *  for a 0-d loss (seed 1).
 *  @return ND_OK, or the status of the error (parameters' gradients are then
 *  as they were).
 *
 *  Errors: ND_ERR_NULL if t or loss is NULL; ND_ERR_VALUE if t is not a live
 *  tape, loss is not a value recorded on t (a tape cleared since, a
 *  constant, a parameter), a saved array was changed in place since it was
 *  recorded (the message names the operation and its index), or a
 *  parameter was released since; ND_ERR_SHAPE if seed's shape is not
 *  loss's, or loss is not 0-d and seed is NULL; ND_ERR_DTYPE if loss is not
 *  a float; ND_ERR_NOMEM.
 *
 *  NumPy: none (PyTorch: loss.backward(seed)).
 *  @ingroup autodiff
 */
ND_API nd_status nd_backward(nd_tape *t, const nd_array *loss, const nd_array *seed);

/** The gradient of a recorded value, after nd_backward() on a tape that
 *  retains gradients (nd_tape_retain_grads()).
 *  @param t The tape.
 *  @param value A value recorded on t.
 *  @return a handle owned by the tape (valid until the next backward, clear
 *  or free), or NULL: without an error if backward did not reach value,
 *  with one otherwise.
 *
 *  Errors: ND_ERR_NULL if t or value is NULL; ND_ERR_VALUE if value is not
 *  recorded on t or t does not retain gradients.
 *
 *  NumPy: none (PyTorch: value.grad after value.retain_grad()).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_tape_grad(nd_tape *t, const nd_array *value);

/** The differentiable binary element-wise operations, as an X-macro list:
 *  X(NAME) declares nd_ad_NAME(t, a, b), recorded nd_NAME(a, b) (see
 *  @ref autodiff). maximum and minimum split the gradient evenly where a
 *  equals b, as PyTorch. power differentiates both the base and the
 *  exponent (0 for a base of 0 with a nonnegative exponent, as PyTorch).
 *  @param X A macro taking one operation name.
 *  @ingroup autodiff */
#define ND_AD_BINARY_OPS(X) \
    X(add) X(subtract) X(multiply) X(divide) X(power) X(maximum) X(minimum)

/** The differentiable unary element-wise operations, as an X-macro list:
 *  X(NAME) declares nd_ad_NAME(t, a), recorded nd_NAME(a). relu has
 *  gradient 0 at 0 and abs has gradient sign(a) (0 at 0), as PyTorch.
 *  gelu's gradient is Phi(a) + a phi(a) (the exact, erf form); softplus's
 *  is sigmoid(a), and 1 above PyTorch's threshold 20 where the forward
 *  returns a.
 *  @param X A macro taking one operation name.
 *  @ingroup autodiff */
#define ND_AD_UNARY_OPS(X) \
    X(negative) X(square) X(sqrt) X(exp) X(log) X(tanh) X(sigmoid) X(relu) X(abs)     \
    X(reciprocal) X(log1p) X(expm1) X(sin) X(cos)                                     \
    X(gelu) X(gelu_tanh) X(silu) X(softplus)

#define ND_AD_DECLARE_BINARY_(name) \
    ND_API nd_array *nd_ad_##name(nd_tape *t, const nd_array *a, const nd_array *b);
#define ND_AD_DECLARE_UNARY_(name) ND_API nd_array *nd_ad_##name(nd_tape *t, const nd_array *a);
ND_AD_BINARY_OPS(ND_AD_DECLARE_BINARY_)
ND_AD_UNARY_OPS(ND_AD_DECLARE_UNARY_)
#undef ND_AD_DECLARE_BINARY_
#undef ND_AD_DECLARE_UNARY_

/* One Doxygen entry per function the lists declare (docs/Doxyfile's
 * nd_ad_binary and nd_ad_unary aliases). */
/** @addtogroup autodiff
 * @{
 * @nd_ad_binary{add}
 * @nd_ad_binary{subtract}
 * @nd_ad_binary{multiply}
 * @nd_ad_binary{divide}
 * @nd_ad_binary{power}
 * @nd_ad_binary{maximum}
 * @nd_ad_binary{minimum}
 * @nd_ad_unary{negative}
 * @nd_ad_unary{square}
 * @nd_ad_unary{sqrt}
 * @nd_ad_unary{exp}
 * @nd_ad_unary{log}
 * @nd_ad_unary{tanh}
 * @nd_ad_unary{sigmoid}
 * @nd_ad_unary{relu}
 * @nd_ad_unary{abs}
 * @nd_ad_unary{reciprocal}
 * @nd_ad_unary{log1p}
 * @nd_ad_unary{expm1}
 * @nd_ad_unary{sin}
 * @nd_ad_unary{cos}
 * @nd_ad_unary_nn{gelu, torch.nn.functional.gelu(a)}
 * @nd_ad_unary_nn{gelu_tanh, torch.nn.functional.gelu(a\, approximate='tanh')}
 * @nd_ad_unary_nn{silu, torch.nn.functional.silu(a)}
 * @nd_ad_unary_nn{softplus, torch.nn.functional.softplus(a)}
 * @}
 */

/** Recorded nd_leaky_relu(a, negative_slope): the gradient is g where
 *  a > 0 and g * negative_slope elsewhere (at 0 too, as PyTorch).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The operand.
 *  @param negative_slope The slope below 0.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_leaky_relu(); ND_ERR_NOMEM.
 *
 *  NumPy: none (PyTorch: torch.nn.functional.leaky_relu(a, negative_slope)
 *  with autograd).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_leaky_relu(nd_tape *t, const nd_array *a, double negative_slope);

/** Recorded nd_softmax(a, axis): with y the result, the gradient is
 *  y * (g - sum(g * y)), the sum along axis.
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_softmax(); ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.softmax(a, axis=axis) (PyTorch: torch.softmax(a,
 *  axis) with autograd).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_softmax(nd_tape *t, const nd_array *a, int axis);
/** Recorded nd_log_softmax(a, axis): with y the result, the gradient is
 *  g - exp(y) * sum(g), the sum along axis (no division by a softmax, so it
 *  stays finite where the softmax underflows).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The logits.
 *  @param axis The axis (negative counts from the end).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_log_softmax(); ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.log_softmax(a, axis=axis) (PyTorch:
 *  torch.log_softmax(a, axis) with autograd).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_log_softmax(nd_tape *t, const nd_array *a, int axis);

/** Recorded nd_where(cond, a, b): the gradient goes to a where cond is
 *  true and to b elsewhere; cond is not differentiated.
 *  @param t The tape, or NULL for the plain operation.
 *  @param cond The condition (any dtype).
 *  @param a The values where cond is true.
 *  @param b The values where cond is false.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_where(); ND_ERR_NOMEM.
 *
 *  NumPy: np.where(cond, a, b) (PyTorch: torch.where).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_where(nd_tape *t, const nd_array *cond, const nd_array *a, const nd_array *b);

/** Recorded nd_clip(a, lo, hi), differentiable in all three as PyTorch's
 *  clamp: a gets the gradient where lo <= a <= hi, lo where a < lo (and
 *  lo < hi), hi where a > hi or hi < lo.
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The values.
 *  @param lo The lower bounds.
 *  @param hi The upper bounds (they win where lo > hi).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_clip(); ND_ERR_NOMEM.
 *
 *  NumPy: np.clip(a, lo, hi) (PyTorch: torch.clamp).
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_clip(nd_tape *t, const nd_array *a, const nd_array *lo, const nd_array *hi);

/** Recorded nd_sum(a, naxes, axes, keepdims).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_sum(); ND_ERR_NOMEM.
 *
 *  NumPy: np.sum(a, axis=axes, keepdims=keepdims)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_sum(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims);
/** Recorded nd_mean(a, naxes, axes, keepdims).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_mean(); ND_ERR_NOMEM.
 *
 *  NumPy: np.mean(a, axis=axes, keepdims=keepdims)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_mean(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims);
/** Recorded nd_max(a, naxes, axes, keepdims): the gradient goes to the
 *  positions holding the maximum, split evenly between ties (PyTorch's
 *  amax).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_max(); ND_ERR_NOMEM.
 *
 *  NumPy: np.max(a, axis=axes, keepdims=keepdims) (PyTorch: torch.amax)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_max(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims);
/** Recorded nd_min(a, naxes, axes, keepdims): the gradient goes to the
 *  positions holding the minimum, split evenly between ties (PyTorch's
 *  amin).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_min(); ND_ERR_NOMEM.
 *
 *  NumPy: np.min(a, axis=axes, keepdims=keepdims) (PyTorch: torch.amin)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_min(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims);
/** Recorded nd_var(a, naxes, axes, keepdims, ddof).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @param ddof The delta degrees of freedom (N - ddof divides).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_var(); ND_ERR_NOMEM.
 *
 *  NumPy: np.var(a, axis=axes, keepdims=keepdims, ddof=ddof)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_var(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims,
                           double ddof);

/** Recorded nd_std(a, naxes, axes, keepdims, ddof): the gradient is
 *  g (a - mean) / ((N - ddof) std), and 0 where the standard deviation is 0
 *  (there the formula is 0/0; PyTorch's std_backward masks it to 0 too).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array to reduce.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @param ddof The delta degrees of freedom (N - ddof divides).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_std(); ND_ERR_NOMEM.
 *
 *  NumPy: np.std(a, axis=axes, keepdims=keepdims, ddof=ddof) (PyTorch:
 *  torch.std(a, axes, correction=ddof, keepdim=keepdims))
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_std(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims,
                           double ddof);
/** Recorded nd_logsumexp(a, naxes, axes, keepdims): the gradient is g
 *  times the softmax over the reduced axes, exp(a - logsumexp(a)) (PyTorch's
 *  formula: NaN where a and the result are both +inf).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The values.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES.
 *  @param axes The axes to reduce; ignored for ND_ALL_AXES.
 *  @param keepdims Keep the reduced axes with length 1.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_logsumexp(); ND_ERR_NOMEM.
 *
 *  NumPy: scipy.special.logsumexp(a, axis=axes, keepdims=keepdims)
 *  (PyTorch: torch.logsumexp(a, axes, keepdims) with autograd)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_logsumexp(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims);

/** Recorded nd_reshape(a, ndim, shape).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param ndim The new number of dimensions.
 *  @param shape The new shape (one entry may be -1).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_reshape(); ND_ERR_NOMEM.
 *
 *  NumPy: np.reshape(a, shape)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_reshape(nd_tape *t, const nd_array *a, int ndim, const int64_t *shape);
/** Recorded nd_transpose(a, axes).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param axes A permutation of a's axes, or NULL to reverse them.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_transpose(); ND_ERR_NOMEM.
 *
 *  NumPy: np.transpose(a, axes)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_transpose(nd_tape *t, const nd_array *a, const int *axes);
/** Recorded nd_broadcast_to(a, ndim, shape); the gradient is summed back.
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param ndim The target number of dimensions.
 *  @param shape The target shape.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_broadcast_to(); ND_ERR_NOMEM.
 *
 *  NumPy: np.broadcast_to(a, shape)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_broadcast_to(nd_tape *t, const nd_array *a, int ndim, const int64_t *shape);
/** Recorded nd_expand_dims(a, axis).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param axis Where the new axis goes.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_expand_dims(); ND_ERR_NOMEM.
 *
 *  NumPy: np.expand_dims(a, axis)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_expand_dims(nd_tape *t, const nd_array *a, int axis);
/** Recorded nd_squeeze(a, naxes, axes).
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param naxes The number of entries in axes, or ND_ALL_AXES for every
 *  length-1 axis.
 *  @param axes The length-1 axes to remove (ignored for ND_ALL_AXES).
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_squeeze(); ND_ERR_NOMEM.
 *
 *  NumPy: np.squeeze(a, axis=axes)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_squeeze(nd_tape *t, const nd_array *a, int naxes, const int *axes);
/** Recorded nd_view(a, index): the gradient is scattered into a zero
 *  array of a's shape at the viewed elements.
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The array.
 *  @param index The index string, as nd_view() takes it ("1:3, ::-1").
 *  @return the result, a view of a (owned by t when t is not NULL), or NULL
 *  on error.
 *
 *  Errors: as nd_view(); ND_ERR_NOMEM.
 *
 *  NumPy: a[index]
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_view(nd_tape *t, const nd_array *a, const char *index);

/** Recorded nd_matmul(a, b): batched and broadcast, 1-D operands promoted
 *  as NumPy does.
 *  @param t The tape, or NULL for the plain operation.
 *  @param a The left operand.
 *  @param b The right operand.
 *  @return the result (owned by t when t is not NULL), or NULL on error.
 *
 *  Errors: as nd_matmul(); ND_ERR_NOMEM.
 *
 *  NumPy: np.matmul(a, b)
 *  @ingroup autodiff
 */
ND_API nd_array *nd_ad_matmul(nd_tape *t, const nd_array *a, const nd_array *b);

#endif

/** @file
 * libnd: shape manipulation and joining (included by nd.h). NumPy's
 * concatenate, stack, split, tile, repeat, pad, roll, rot90, atleast_nd,
 * meshgrid, tril and triu. Functions returning arrays return new,
 * C-contiguous copies, except split*, rot90 and atleast_* which return
 * views. */
#ifndef ND_MANIP_H
#define ND_MANIP_H

/** Joins n >= 1 arrays along an existing axis. The result dtype is the
 * promotion of all inputs at once (nd_result_type_n()); every other axis must match.
 * axis ND_AXIS_NONE joins the flattened arrays (0-d ones included).
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if arrays or one of them is NULL; ND_ERR_VALUE if n
 *  is below 1 or the arrays are 0-d (with an axis); ND_ERR_INDEX if axis is
 *  out of range; ND_ERR_SHAPE if the numbers of dimensions or the other
 *  lengths differ; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.concatenate(arrays, axis) (axis=None for ND_AXIS_NONE)
 */
ND_API nd_array *nd_concatenate(int n, const nd_array *const *arrays, int axis);
/** As nd_concatenate into out, which must have the result's shape (1-D for
 * ND_AXIS_NONE); each input is cast to out's dtype under same_kind rules.
 * out may overlap the inputs: the result is as if every input were copied
 * first (NumPy 1.24 can let one input's write clobber a later input).
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @param out The output (may be a view).
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: as nd_concatenate(), and ND_ERR_NULL if out is NULL;
 *  ND_ERR_SHAPE if out's shape is not the result's; ND_ERR_DTYPE if an
 *  input does not cast to out's dtype under same_kind rules;
 *  ND_ERR_READONLY if out is read-only or has a stride-0 axis.
 *
 *  NumPy: np.concatenate(arrays, axis, out=out)
 */
ND_API nd_status nd_concatenate_out(int n, const nd_array *const *arrays, int axis, nd_array *out);
/** Joins n >= 1 arrays of one shape along a new axis, which is axis of the
 * result (negative counts from the end of the result's axes). The result
 * dtype is the promotion of all inputs at once (nd_result_type_n()).
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays of the same shape.
 *  @param axis The new axis's position in the result, in [-ndim-1, ndim].
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if arrays or one of them is NULL; ND_ERR_VALUE if n
 *  is below 1 or the result would exceed ND_MAX_DIMS; ND_ERR_SHAPE if the
 *  shapes differ; ND_ERR_INDEX if axis is out of range; ND_ERR_NOMEM.
 *
 *  NumPy: np.stack(arrays, axis)
 */
ND_API nd_array *nd_stack(int n, const nd_array *const *arrays, int axis);
/** Joins horizontally: atleast_1d of each input, then concatenated along
 * axis 0 if those are 1-D, else along axis 1.
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_concatenate().
 *
 *  NumPy: np.hstack(arrays)
 */
ND_API nd_array *nd_hstack(int n, const nd_array *const *arrays);
/** Joins vertically: atleast_2d of each input, concatenated along axis 0.
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_concatenate().
 *
 *  NumPy: np.vstack(arrays)
 */
ND_API nd_array *nd_vstack(int n, const nd_array *const *arrays);
/** Joins depth-wise: atleast_3d of each input, concatenated along axis 2.
 *  @param n The number of arrays, at least 1.
 *  @param arrays n arrays.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: as nd_concatenate().
 *
 *  NumPy: np.dstack(arrays)
 */
ND_API nd_array *nd_dstack(int n, const nd_array *const *arrays);

/** Splits a into nsections equal views along axis (an error if the axis
 * does not divide evenly); parts receives nsections handles. On error
 * parts is left untouched.
 *  @param a The array, at least 1-D.
 *  @param nsections The number of parts, at least 1.
 *  @param axis The axis, negative from the end.
 *  @param parts Receives nsections new handles (views), each freed with nd_free().
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or parts is NULL; ND_ERR_VALUE if nsections is
 *  below 1 or does not divide the axis's length; ND_ERR_INDEX if axis is
 *  out of range; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.split(a, nsections, axis)
 */
ND_API nd_status nd_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/** As nd_split, but the first (len % nsections) parts get one more element;
 * nsections may exceed the length (the extra parts are empty).
 *  @param a The array, at least 1-D.
 *  @param nsections The number of parts, at least 1.
 *  @param axis The axis, negative from the end.
 *  @param parts Receives nsections new handles (views); untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a or parts is NULL; ND_ERR_VALUE if nsections is
 *  below 1; ND_ERR_INDEX if axis is out of range; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.array_split(a, nsections, axis)
 */
ND_API nd_status nd_array_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/** Splits at the nidx given indices (clamped as slices are), giving nidx + 1
 * views in parts: a[:i0], a[i0:i1], ..., a[i_last:] along axis. Decreasing
 * indices give empty parts, as in NumPy.
 *  @param a The array, at least 1-D.
 *  @param nidx The number of indices, not negative.
 *  @param indices nidx indices, negative from the end (may be NULL when nidx is 0).
 *  @param axis The axis, negative from the end.
 *  @param parts Receives nidx + 1 new handles (views); untouched on error.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_NULL if a, parts (or indices, with nidx > 0) is NULL;
 *  ND_ERR_VALUE if nidx is negative; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.split(a, indices, axis)
 */
ND_API nd_status nd_split_at(const nd_array *a, int nidx, const int64_t *indices, int axis,
                             nd_array **parts);

/** Repeats a reps[i] times along each axis (np.tile): a and reps are padded
 * with leading 1s to the same length. Negative reps are an error (NumPy
 * lets them through when a is empty).
 *  @param a The array.
 *  @param nreps The number of counts, 0 to ND_MAX_DIMS.
 *  @param reps nreps counts, none negative (may be NULL when nreps is 0).
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or reps, with nreps > 0) is NULL; ND_ERR_VALUE
 *  if nreps is out of range or a count is negative; ND_ERR_OVERFLOW;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.tile(a, reps)
 */
ND_API nd_array *nd_tile(const nd_array *a, int nreps, const int64_t *reps);
/** Repeats each element: nrep == 1 repeats every element repeats[0] times,
 * otherwise nrep must equal the axis length. ND_AXIS_NONE flattens first;
 * a 0-d array counts as 1-D, as in NumPy. Counts must be >= 0.
 *  @param a The array.
 *  @param nrep The number of counts: 1, or the axis's length.
 *  @param repeats nrep counts, none negative (may be NULL when nrep is 0).
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or repeats, with nrep > 0) is NULL;
 *  ND_ERR_VALUE if nrep or a count is negative; ND_ERR_INDEX if axis is out
 *  of range; ND_ERR_SHAPE if nrep is neither 1 nor the axis's length;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.repeat(a, repeats, axis)
 */
ND_API nd_array *nd_repeat(const nd_array *a, int nrep, const int64_t *repeats, int axis);

/** How nd_pad() fills the new elements (NumPy's mode names). */
typedef enum nd_pad_mode {
    ND_PAD_CONSTANT = 0, /**< "constant": constant_value */
    ND_PAD_EDGE,         /**< "edge": the edge value repeated */
    ND_PAD_REFLECT,      /**< "reflect": mirrored, the edge not repeated */
    ND_PAD_SYMMETRIC,    /**< "symmetric": mirrored, the edge repeated */
    ND_PAD_WRAP          /**< "wrap": the other end's values, periodically */
} nd_pad_mode;
/** Pads every axis. pad_width holds (before, after) for each axis: 2 * ndim values, none
 * negative (NULL for a 0-d array). constant_value is used by
 * ND_PAD_CONSTANT only, converted as astype converts it. Pads wider than
 * the axis give exactly NumPy's values (its iterative reflect, symmetric
 * and wrap); only the constant mode can pad an axis of length 0.
 *  @param a The array.
 *  @param pad_width 2 * ndim counts: before and after, axis by axis.
 *  @param mode How to fill.
 *  @param constant_value The fill value of ND_PAD_CONSTANT.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or pad_width, with ndim > 0) is NULL;
 *  ND_ERR_VALUE if mode is unknown, a width is negative, or a mode other
 *  than ND_PAD_CONSTANT pads an empty axis; ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.pad(a, pad_width, mode, constant_values=constant_value)
 */
ND_API nd_array *nd_pad(const nd_array *a, const int64_t *pad_width, nd_pad_mode mode,
                        double constant_value);

/** Rolls elements along axis (ND_AXIS_NONE: the flattened array, then the
 * original shape). Any shift is taken modulo the length.
 *  @param a The array.
 *  @param shift Positions to move towards the end (negative: towards the start).
 *  @param axis The axis, negative from the end, or ND_AXIS_NONE.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_INDEX if axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.roll(a, shift, axis)
 */
ND_API nd_array *nd_roll(const nd_array *a, int64_t shift, int axis);
/** Several shifts on several axes at once (np.roll with tuples); an axis
 * named twice gets the sum of its shifts, computed exactly (NumPy sums in
 * int64, which can wrap). n == 0 gives a copy.
 *  @param a The array.
 *  @param n The number of (shift, axis) pairs, not negative.
 *  @param shifts n shifts.
 *  @param axes n axes, negative from the end.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a (or shifts or axes, with n > 0) is NULL;
 *  ND_ERR_VALUE if n is negative; ND_ERR_INDEX if an axis is out of range;
 *  ND_ERR_NOMEM.
 *
 *  NumPy: np.roll(a, shifts, axes)
 */
ND_API nd_array *nd_roll_axes(const nd_array *a, int n, const int64_t *shifts, const int *axes);
/** Rotates by 90 degrees k times (any k; negative turns the other way) in
 * the plane of axis1 and axis2, from axis1 towards axis2: a view. Naming
 * one axis twice is ND_ERR_VALUE; an axis out of range is ND_ERR_INDEX
 * (NumPy raises ValueError for both).
 *  @param a The array, at least 2-D.
 *  @param k The number of quarter turns.
 *  @param axis1 The axis turned away from, negative from the end.
 *  @param axis2 The axis turned towards.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if the axes name the same
 *  axis (which a 1-D a always does); ND_ERR_INDEX if an axis is out of
 *  range; ND_ERR_NOMEM.
 *
 *  NumPy: np.rot90(a, k, axes=(axis1, axis2))
 */
ND_API nd_array *nd_rot90(const nd_array *a, int k, int axis1, int axis2);

/** A view with at least 1 dimension, as NumPy places the new axes:
 * () -> (1,); other shapes are unchanged.
 *  @param a The array.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.atleast_1d(a)
 */
ND_API nd_array *nd_atleast_1d(const nd_array *a);
/** A view with at least 2 dimensions, as NumPy places the new axes:
 *  () -> (1,1), (N,) -> (1,N).
 *  @param a The array.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.atleast_2d(a)
 */
ND_API nd_array *nd_atleast_2d(const nd_array *a);
/** A view with at least 3 dimensions, as NumPy places the new axes:
 *  () -> (1,1,1), (N,) -> (1,N,1), (M,N) -> (M,N,1).
 *  @param a The array.
 *  @return a new handle (a view), or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM.
 *
 *  NumPy: np.atleast_3d(a)
 */
ND_API nd_array *nd_atleast_3d(const nd_array *a);

/** Coordinate matrices from n arrays (each flattened, as NumPy does) into
 * out[0..n-1]: copies, each of its input's dtype. ij false gives NumPy's
 * default 'xy' indexing (the first two axes swapped); sparse keeps size-1
 * axes. n == 0 writes nothing; on error out is left untouched.
 *  @param n The number of arrays, 0 to ND_MAX_DIMS.
 *  @param xs n coordinate arrays.
 *  @param ij Matrix ('ij') indexing instead of Cartesian ('xy').
 *  @param sparse Give broadcastable arrays with size-1 axes instead of full ones.
 *  @param out Receives n new handles.
 *  @return ND_OK, or the status of the error.
 *
 *  Errors: ND_ERR_VALUE if n is out of range; ND_ERR_NULL if xs, one of
 *  them or out is NULL (with n > 0); ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.meshgrid(*xs, indexing="ij" if ij else "xy", sparse=sparse)
 */
ND_API nd_status nd_meshgrid(int n, const nd_array *const *xs, bool ij, bool sparse, nd_array **out);

/** A copy with the elements above diagonal k zeroed (the lower triangle).
 * Works on the last two axes (leading axes are a batch). A 1-D array of
 * length N is treated as N identical rows, giving N x N, as in NumPy; 0-d
 * is an error.
 *  @param a The array, at least 1-D.
 *  @param k The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is 0-d;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.tril(a, k)
 */
ND_API nd_array *nd_tril(const nd_array *a, int64_t k);
/** A copy with the elements below diagonal k zeroed (the upper triangle).
 *  As nd_tril() otherwise.
 *  @param a The array, at least 1-D.
 *  @param k The diagonal: 0 the main one, > 0 above it, < 0 below it.
 *  @return a new handle, or NULL on error.
 *
 *  Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a is 0-d;
 *  ND_ERR_OVERFLOW; ND_ERR_NOMEM.
 *
 *  NumPy: np.triu(a, k)
 */
ND_API nd_array *nd_triu(const nd_array *a, int64_t k);

#endif

/* libnd: shape manipulation and joining (included by nd.h). NumPy's
 * concatenate, stack, split, tile, repeat, pad, roll, rot90, atleast_nd,
 * meshgrid, tril and triu. Functions returning arrays return new,
 * C-contiguous copies, except split*, rot90 and atleast_* which return
 * views. */
#ifndef ND_MANIP_H
#define ND_MANIP_H

/* Joins n >= 1 arrays along an existing axis. The result dtype is the
 * promotion of all inputs (nd_promote_types); every other axis must match.
 * axis ND_AXIS_NONE joins the flattened arrays (0-d ones included). */
ND_API nd_array *nd_concatenate(int n, const nd_array *const *arrays, int axis);
/* As nd_concatenate into out, which must have the result's shape (1-D for
 * ND_AXIS_NONE); each input is cast to out's dtype under same_kind rules.
 * out may overlap the inputs: the result is as if every input were copied
 * first (NumPy 1.24 can let one input's write clobber a later input). */
ND_API nd_status nd_concatenate_out(int n, const nd_array *const *arrays, int axis, nd_array *out);
/* Joins n >= 1 arrays of one shape along a new axis, which is axis of the
 * result (negative counts from the end of the result's axes). */
ND_API nd_array *nd_stack(int n, const nd_array *const *arrays, int axis);
/* atleast_1d of each input, then concatenated along axis 0 if those are
 * 1-D, else along axis 1. */
ND_API nd_array *nd_hstack(int n, const nd_array *const *arrays);
/* atleast_2d of each input, concatenated along axis 0. */
ND_API nd_array *nd_vstack(int n, const nd_array *const *arrays);
/* atleast_3d of each input, concatenated along axis 2. */
ND_API nd_array *nd_dstack(int n, const nd_array *const *arrays);

/* Splits a into nsections equal views along axis (an error if the axis
 * does not divide evenly); parts receives nsections handles. On error
 * parts is left untouched. */
ND_API nd_status nd_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/* As nd_split, but the first (len % nsections) parts get one more element;
 * nsections may exceed the length (the extra parts are empty). */
ND_API nd_status nd_array_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/* Splits at the nidx given indices (clamped as slices are), giving nidx + 1
 * views in parts: a[:i0], a[i0:i1], ..., a[i_last:] along axis. Decreasing
 * indices give empty parts, as in NumPy. */
ND_API nd_status nd_split_at(const nd_array *a, int nidx, const int64_t *indices, int axis,
                             nd_array **parts);

/* Repeats a reps[i] times along each axis (np.tile): a and reps are padded
 * with leading 1s to the same length. Negative reps are an error (NumPy
 * lets them through when a is empty). */
ND_API nd_array *nd_tile(const nd_array *a, int nreps, const int64_t *reps);
/* Repeats each element: nrep == 1 repeats every element repeats[0] times,
 * otherwise nrep must equal the axis length. ND_AXIS_NONE flattens first;
 * a 0-d array counts as 1-D, as in NumPy. Counts must be >= 0. */
ND_API nd_array *nd_repeat(const nd_array *a, int nrep, const int64_t *repeats, int axis);

typedef enum nd_pad_mode {
    ND_PAD_CONSTANT = 0,
    ND_PAD_EDGE,
    ND_PAD_REFLECT,
    ND_PAD_SYMMETRIC,
    ND_PAD_WRAP
} nd_pad_mode;
/* pad_width holds (before, after) for each axis: 2 * ndim values, none
 * negative (NULL for a 0-d array). constant_value is used by
 * ND_PAD_CONSTANT only, converted as astype converts it. Pads wider than
 * the axis give exactly NumPy's values (its iterative reflect, symmetric
 * and wrap); only the constant mode can pad an axis of length 0. */
ND_API nd_array *nd_pad(const nd_array *a, const int64_t *pad_width, nd_pad_mode mode,
                        double constant_value);

/* Rolls elements along axis (ND_AXIS_NONE: the flattened array, then the
 * original shape). Any shift is taken modulo the length. */
ND_API nd_array *nd_roll(const nd_array *a, int64_t shift, int axis);
/* Several shifts on several axes at once (np.roll with tuples); an axis
 * named twice gets the sum of its shifts, computed exactly (NumPy sums in
 * int64, which can wrap). n == 0 gives a copy. */
ND_API nd_array *nd_roll_axes(const nd_array *a, int n, const int64_t *shifts, const int *axes);
/* Rotates by 90 degrees k times (any k; negative turns the other way) in
 * the plane of axis1 and axis2, from axis1 towards axis2: a view. Naming
 * one axis twice is ND_ERR_VALUE; an axis out of range is ND_ERR_INDEX
 * (NumPy raises ValueError for both). */
ND_API nd_array *nd_rot90(const nd_array *a, int k, int axis1, int axis2);

/* Views with at least 1, 2 or 3 dimensions, as NumPy places the new axes:
 * () -> (1,), (1,1), (1,1,1); (N,) -> (1,N), (1,N,1); (M,N) -> (M,N,1). */
ND_API nd_array *nd_atleast_1d(const nd_array *a);
ND_API nd_array *nd_atleast_2d(const nd_array *a);
ND_API nd_array *nd_atleast_3d(const nd_array *a);

/* Coordinate matrices from n arrays (each flattened, as NumPy does) into
 * out[0..n-1]: copies, each of its input's dtype. ij false gives NumPy's
 * default 'xy' indexing (the first two axes swapped); sparse keeps size-1
 * axes. n == 0 writes nothing; on error out is left untouched. */
ND_API nd_status nd_meshgrid(int n, const nd_array *const *xs, bool ij, bool sparse, nd_array **out);

/* Copies with elements above (tril) or below (triu) diagonal k zeroed, on
 * the last two axes (leading axes are a batch). A 1-D array of length N is
 * treated as N identical rows, giving N x N, as in NumPy; 0-d is an error. */
ND_API nd_array *nd_tril(const nd_array *a, int64_t k);
ND_API nd_array *nd_triu(const nd_array *a, int64_t k);

#endif

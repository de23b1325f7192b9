/* libnd: shape manipulation and joining (included by nd.h). NumPy's
 * concatenate, stack, split, tile, repeat, pad, roll, rot90, atleast_nd,
 * meshgrid, tril and triu. */
#ifndef ND_MANIP_H
#define ND_MANIP_H

/* Joins n arrays along an existing axis. The result dtype is the promotion
 * of all inputs; every other axis must match. axis ND_AXIS_NONE joins the
 * flattened arrays. */
ND_API nd_array *nd_concatenate(int n, const nd_array *const *arrays, int axis);
ND_API nd_status nd_concatenate_out(int n, const nd_array *const *arrays, int axis, nd_array *out);
/* Joins n arrays of one shape along a new axis. */
ND_API nd_array *nd_stack(int n, const nd_array *const *arrays, int axis);
ND_API nd_array *nd_hstack(int n, const nd_array *const *arrays);
ND_API nd_array *nd_vstack(int n, const nd_array *const *arrays);
ND_API nd_array *nd_dstack(int n, const nd_array *const *arrays);

/* Splits a into nsections equal views along axis (an error if the axis
 * does not divide evenly); parts receives nsections handles. */
ND_API nd_status nd_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/* As nd_split, but the first (len % nsections) parts get one more element. */
ND_API nd_status nd_array_split(const nd_array *a, int64_t nsections, int axis, nd_array **parts);
/* Splits at the nidx given indices (clamped as slices are), giving nidx + 1
 * views in parts. */
ND_API nd_status nd_split_at(const nd_array *a, int nidx, const int64_t *indices, int axis,
                             nd_array **parts);

/* Repeats a reps[i] times along each axis (np.tile). */
ND_API nd_array *nd_tile(const nd_array *a, int nreps, const int64_t *reps);
/* Repeats each element: nrep == 1 repeats every element repeats[0] times,
 * otherwise nrep must equal the axis length. ND_AXIS_NONE flattens first. */
ND_API nd_array *nd_repeat(const nd_array *a, int nrep, const int64_t *repeats, int axis);

typedef enum nd_pad_mode {
    ND_PAD_CONSTANT = 0,
    ND_PAD_EDGE,
    ND_PAD_REFLECT,
    ND_PAD_SYMMETRIC,
    ND_PAD_WRAP
} nd_pad_mode;
/* pad_width holds (before, after) for each axis: 2 * ndim values.
 * constant_value is used by ND_PAD_CONSTANT only. */
ND_API nd_array *nd_pad(const nd_array *a, const int64_t *pad_width, nd_pad_mode mode,
                        double constant_value);

/* Rolls elements along axis (ND_AXIS_NONE: the flattened array, then the
 * original shape). */
ND_API nd_array *nd_roll(const nd_array *a, int64_t shift, int axis);
/* Several shifts on several axes at once (np.roll with tuples). */
ND_API nd_array *nd_roll_axes(const nd_array *a, int n, const int64_t *shifts, const int *axes);
/* Rotates by 90 degrees k times in the plane of axis1 and axis2: a view. */
ND_API nd_array *nd_rot90(const nd_array *a, int k, int axis1, int axis2);

/* Views with at least 1, 2 or 3 dimensions, as NumPy places the new axes. */
ND_API nd_array *nd_atleast_1d(const nd_array *a);
ND_API nd_array *nd_atleast_2d(const nd_array *a);
ND_API nd_array *nd_atleast_3d(const nd_array *a);

/* Coordinate matrices from n 1-D arrays into out[0..n-1] (copies).
 * ij false gives NumPy's default 'xy' indexing; sparse keeps size-1 axes. */
ND_API nd_status nd_meshgrid(int n, const nd_array *const *xs, bool ij, bool sparse, nd_array **out);

/* Copies with elements above (tril) or below (triu) diagonal k zeroed, on
 * the last two axes. */
ND_API nd_array *nd_tril(const nd_array *a, int64_t k);
ND_API nd_array *nd_triu(const nd_array *a, int64_t k);

#endif

/* Backward rules of the reductions (sum, mean, max, min, var, std,
 * logsumexp), of softmax and log_softmax along an axis, and the helper
 * that puts a reduction's axes back into its gradient. */
#include "autodiff/ad.h"

#include <stdbool.h>

/* Which of an ndim-long input's axes p reduced. */
static void reduced_axes(int ndim, const nd__ad_reduce_params *p, bool *mask) {
    for (int i = 0; i < ndim; i++) mask[i] = p->naxes == ND_ALL_AXES;
    for (int k = 0; p->naxes > 0 && k < p->naxes; k++) {
        int ax = p->axes[k] < 0 ? p->axes[k] + ndim : p->axes[k];
        if (ax >= 0 && ax < ndim) mask[ax] = true;
    }
}

nd_array *nd__ad_unreduce(const nd_array *g, int in_ndim, const nd__ad_reduce_params *p) {
    if (p->keepdims) return nd__ad_alias(g);
    bool mask[ND_MAX_DIMS];
    reduced_axes(in_ndim, p, mask);
    int64_t shape[ND_MAX_DIMS];
    const int64_t *gs = nd_shape(g);
    for (int i = 0, j = 0; i < in_ndim; i++) shape[i] = mask[i] ? 1 : gs[j++];
    return nd_reshape(g, in_ndim, shape);
}

int64_t nd__ad_reduced_count(const nd_array *a, const nd__ad_reduce_params *p) {
    bool mask[ND_MAX_DIMS];
    int nd = nd_ndim(a);
    reduced_axes(nd, p, mask);
    int64_t n = 1;
    for (int i = 0; i < nd; i++)
        if (mask[i]) n *= nd_shape(a)[i];
    return n;
}

#define P ((const nd__ad_reduce_params *)c->params)

nd_status nd__ad_bw_sum(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd__ad_unreduce(c->g, nd_ndim(c->in[0]), P); /* the walk broadcasts it */
    return ND_OK;
}

nd_status nd__ad_bw_mean(const nd__ad_ctx *c, nd_array **gin) {
    double n = (double)nd__ad_reduced_count(c->in[0], P);
    gin[0] = nd_divide_scalar(nd__ad_unreduce(c->g, nd_ndim(c->in[0]), P), n);
    return ND_OK;
}

/* The gradient goes to every position equal to the extremum, split evenly
 * (PyTorch's amax/amin). */
static nd_status extremum(const nd__ad_ctx *c, nd_array **gin) {
    int nd = nd_ndim(c->in[0]);
    nd_array *hit = nd_equal(c->in[0], nd__ad_unreduce(c->out, nd, P));
    nd_array *count = nd_sum(hit, P->naxes, P->axes, true);
    nd_array *share = nd_divide(nd__ad_unreduce(c->g, nd, P), count);
    gin[0] = nd__ad_mask(hit, share);
    return ND_OK;
}
nd_status nd__ad_bw_max(const nd__ad_ctx *c, nd_array **gin) { return extremum(c, gin); }
nd_status nd__ad_bw_min(const nd__ad_ctx *c, nd_array **gin) { return extremum(c, gin); }

/* d var / d a = 2 (a - mean) / (N - ddof) */
nd_status nd__ad_bw_var(const nd__ad_ctx *c, nd_array **gin) {
    const nd_array *a = c->in[0];
    double scale = 2.0 / ((double)nd__ad_reduced_count(a, P) - P->ddof);
    nd_array *centred = nd_subtract(a, nd_mean(a, P->naxes, P->axes, true));
    nd_array *g = nd__ad_unreduce(c->g, nd_ndim(a), P);
    gin[0] = nd_multiply(nd_multiply_scalar(centred, scale), g);
    return ND_OK;
}

/* g (a - mean) / ((N - ddof) std): var's rule with g / (2 std) for its g,
 * and 0 where std is 0 (the 0/0 of a constant slice; 0 is a subgradient,
 * PyTorch's choice since pytorch/pytorch#4320). */
nd_status nd__ad_bw_std(const nd__ad_ctx *c, nd_array **gin) {
    const nd_array *a = c->in[0];
    int nd = nd_ndim(a);
    nd_array *s = nd__ad_unreduce(c->out, nd, P);
    nd_array *zero = nd_equal_scalar(s, 0.0);
    nd_dtype dt = nd_dtype_of(c->out);
    nd_array *safe = nd_where(zero, nd_scalar(1.0, dt), s);
    nd_array *gs = nd_where(zero, nd_scalar(0.0, dt), nd_divide(nd__ad_unreduce(c->g, nd, P), safe));
    double scale = 1.0 / ((double)nd__ad_reduced_count(a, P) - P->ddof);
    nd_array *centred = nd_subtract(a, nd_mean(a, P->naxes, P->axes, true));
    gin[0] = nd_multiply(nd_multiply_scalar(centred, scale), gs);
    return ND_OK;
}

/* g softmax(a) over the reduced axes = g exp(a - logsumexp(a)) */
nd_status nd__ad_bw_logsumexp(const nd__ad_ctx *c, nd_array **gin) {
    int nd = nd_ndim(c->in[0]);
    nd_array *w = nd_exp(nd_subtract(c->in[0], nd__ad_unreduce(c->out, nd, P)));
    gin[0] = nd_multiply(nd__ad_unreduce(c->g, nd, P), w);
    return ND_OK;
}

/* ---------------------------------------------------------------- softmax family */

/* x summed along the softmax's axis, kept as length 1 (a 0-d x is its own
 * one-element slice). */
static nd_array *sum_along(const nd_array *x, int axis) {
    if (nd_ndim(x) == 0) return nd_sum(x, ND_ALL_AXES, NULL, true);
    return nd_sum(x, 1, &axis, true);
}

/* y (g - sum(g y)) */
nd_status nd__ad_bw_softmax(const nd__ad_ctx *c, nd_array **gin) {
    int axis = *(const int *)c->params;
    nd_array *dot = sum_along(nd_multiply(c->g, c->out), axis);
    gin[0] = nd_multiply(c->out, nd_subtract(c->g, dot));
    return ND_OK;
}

/* g - exp(y) sum(g) */
nd_status nd__ad_bw_log_softmax(const nd__ad_ctx *c, nd_array **gin) {
    int axis = *(const int *)c->params;
    gin[0] = nd_subtract(c->g, nd_multiply(nd_exp(c->out), sum_along(c->g, axis)));
    return ND_OK;
}

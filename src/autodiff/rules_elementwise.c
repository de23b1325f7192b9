/* Backward rules of the element-wise operations. Each returns, for every
 * input that wants one, a gradient of the broadcast shape: the walk sums
 * it back to the input's shape and casts it to its dtype. The derivatives
 * at kinks and ties are PyTorch's (derivatives.yaml). */
#include "autodiff/ad.h"

#define WANT(k) ((c->needs >> (k)) & 1u)
#define A c->in[0]
#define B c->in[1]
#define G c->g
#define Y c->out

static nd_array *zero_of(const nd_array *like) { return nd_scalar(0.0, nd_dtype_of(like)); }

nd_array *nd__ad_mask(const nd_array *mask, const nd_array *x) { return nd_where(mask, x, zero_of(x)); }

nd_status nd__ad_bw_add(const nd__ad_ctx *c, nd_array **gin) {
    if (WANT(0)) gin[0] = nd__ad_alias(G);
    if (WANT(1)) gin[1] = nd__ad_alias(G);
    return ND_OK;
}

nd_status nd__ad_bw_subtract(const nd__ad_ctx *c, nd_array **gin) {
    if (WANT(0)) gin[0] = nd__ad_alias(G);
    if (WANT(1)) gin[1] = nd_negative(G);
    return ND_OK;
}

nd_status nd__ad_bw_multiply(const nd__ad_ctx *c, nd_array **gin) {
    if (WANT(0)) gin[0] = nd_multiply(G, B);
    if (WANT(1)) gin[1] = nd_multiply(G, A);
    return ND_OK;
}

nd_status nd__ad_bw_divide(const nd__ad_ctx *c, nd_array **gin) {
    if (WANT(0)) gin[0] = nd_divide(G, B);
    if (WANT(1)) gin[1] = nd_negative(nd_divide(nd_multiply(G, A), nd_square(B)));
    return ND_OK;
}

/* d(a^b)/da = b a^(b-1), 0 where b == 0; d(a^b)/db = a^b log(a), 0 where
 * a == 0 and b >= 0 (PyTorch's pow_backward_self and _exponent). */
nd_status nd__ad_bw_power(const nd__ad_ctx *c, nd_array **gin) {
    if (WANT(0)) {
        nd_array *d = nd_multiply(B, nd_power(A, nd_subtract_scalar(B, 1.0)));
        gin[0] = nd_where(nd_equal_scalar(B, 0.0), zero_of(G), nd_multiply(G, d));
    }
    if (WANT(1)) {
        nd_array *d = nd_multiply(Y, nd_log(A));
        nd_array *skip = nd_logical_and(nd_equal_scalar(A, 0.0), nd_greater_equal_scalar(B, 0.0));
        gin[1] = nd_where(skip, zero_of(G), nd_multiply(G, d));
    }
    return ND_OK;
}

/* Ties split the gradient evenly; NaN passes it to both, as PyTorch. */
static nd_status extremum(const nd__ad_ctx *c, nd_array **gin, bool max) {
    nd_array *w = nd_where(nd_equal(A, B), nd_multiply_scalar(G, 0.5), G);
    nd_array *a_loses = max ? nd_less(A, B) : nd_greater(A, B);
    nd_array *b_loses = max ? nd_greater(A, B) : nd_less(A, B);
    if (WANT(0)) gin[0] = nd_where(a_loses, zero_of(G), w);
    if (WANT(1)) gin[1] = nd_where(b_loses, zero_of(G), w);
    return ND_OK;
}
nd_status nd__ad_bw_maximum(const nd__ad_ctx *c, nd_array **gin) { return extremum(c, gin, true); }
nd_status nd__ad_bw_minimum(const nd__ad_ctx *c, nd_array **gin) { return extremum(c, gin, false); }

nd_status nd__ad_bw_negative(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_negative(G);
    return ND_OK;
}
nd_status nd__ad_bw_square(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_multiply(G, nd_multiply_scalar(A, 2.0));
    return ND_OK;
}
nd_status nd__ad_bw_sqrt(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_divide(G, nd_multiply_scalar(Y, 2.0));
    return ND_OK;
}
nd_status nd__ad_bw_exp(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_multiply(G, Y);
    return ND_OK;
}
nd_status nd__ad_bw_log(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_divide(G, A);
    return ND_OK;
}
nd_status nd__ad_bw_tanh(const nd__ad_ctx *c, nd_array **gin) {
    /* 1 - y^2 */
    gin[0] = nd_multiply(G, nd_negative(nd_subtract_scalar(nd_square(Y), 1.0)));
    return ND_OK;
}
nd_status nd__ad_bw_sigmoid(const nd__ad_ctx *c, nd_array **gin) {
    /* y (1 - y) = y - y^2 */
    gin[0] = nd_multiply(G, nd_subtract(Y, nd_square(Y)));
    return ND_OK;
}
nd_status nd__ad_bw_relu(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd__ad_mask(nd_greater_scalar(Y, 0.0), G);
    return ND_OK;
}
nd_status nd__ad_bw_abs(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_multiply(G, nd_sign(A));
    return ND_OK;
}

nd_status nd__ad_bw_where(const nd__ad_ctx *c, nd_array **gin) {
    const nd_array *cond = c->in[0];
    if (WANT(1)) gin[1] = nd_where(cond, G, zero_of(G));
    if (WANT(2)) gin[2] = nd_where(cond, zero_of(G), G);
    return ND_OK;
}

/* PyTorch's clamp with tensor bounds: a inside [lo, hi], lo where a < lo
 * < hi, hi where a > hi or hi < lo (hi wins there). */
nd_status nd__ad_bw_clip(const nd__ad_ctx *c, nd_array **gin) {
    const nd_array *lo = c->in[1], *hi = c->in[2];
    if (WANT(0)) gin[0] = nd__ad_mask(nd_logical_and(nd_greater_equal(A, lo), nd_less_equal(A, hi)), G);
    if (WANT(1)) gin[1] = nd__ad_mask(nd_logical_and(nd_less(A, lo), nd_less(lo, hi)), G);
    if (WANT(2)) gin[2] = nd__ad_mask(nd_logical_or(nd_greater(A, hi), nd_less(hi, lo)), G);
    return ND_OK;
}

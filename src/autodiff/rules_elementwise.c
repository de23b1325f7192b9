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

/* A failed step's NULL stays NULL here, so its error (ND_ERR_NOMEM) is the
 * one reported, not a dtype error about the missing array. */
static nd_array *zero_of(const nd_array *like) { return like ? nd_scalar(0.0, nd_dtype_of(like)) : NULL; }

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

/* ---------------------------------------------------------------- more functions */

nd_status nd__ad_bw_reciprocal(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_negative(nd_multiply(G, nd_square(Y))); /* -1/a^2 = -y^2 */
    return ND_OK;
}
nd_status nd__ad_bw_log1p(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_divide(G, nd_add_scalar(A, 1.0));
    return ND_OK;
}
nd_status nd__ad_bw_expm1(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_multiply(G, nd_add_scalar(Y, 1.0)); /* exp(a) = y + 1 */
    return ND_OK;
}
nd_status nd__ad_bw_sin(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_multiply(G, nd_cos(A));
    return ND_OK;
}
nd_status nd__ad_bw_cos(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd_negative(nd_multiply(G, nd_sin(A)));
    return ND_OK;
}

/* ---------------------------------------------------------------- activations */

#define INV_SQRT_2PI 0.39894228040143267794
#define SQRT_2_OVER_PI 0.79788456080286535588
#define GELU_TANH_C 0.044715

/* gelu' = Phi(a) + a phi(a). The public API has no erf, so Phi(a) is
 * gelu(a) / a (gelu computes a/2 erfc(-a/sqrt 2), so the quotient is that
 * erfc to rounding), and 1/2 at a == 0. */
nd_status nd__ad_bw_gelu(const nd__ad_ctx *c, nd_array **gin) {
    nd_array *zero = nd_equal_scalar(A, 0.0);
    nd_array *safe = nd_where(zero, nd_scalar(1.0, nd_dtype_of(A)), A);
    nd_array *cdf = nd_where(zero, nd_scalar(0.5, nd_dtype_of(A)), nd_divide(nd_gelu(A), safe));
    nd_array *pdf = nd_multiply_scalar(nd_exp(nd_multiply_scalar(nd_square(A), -0.5)), INV_SQRT_2PI);
    gin[0] = nd_multiply(G, nd_add(cdf, nd_multiply(A, pdf)));
    return ND_OK;
}

/* u = k (a + c a^3), y = a/2 (1 + tanh u):
 * y' = (1 + tanh u)/2 + a/2 (1 - tanh^2 u) k (1 + 3 c a^2) (PyTorch's). */
nd_status nd__ad_bw_gelu_tanh(const nd__ad_ctx *c, nd_array **gin) {
    nd_array *a2 = nd_square(A);
    nd_array *u = nd_multiply_scalar(nd_multiply(A, nd_add_scalar(nd_multiply_scalar(a2, GELU_TANH_C), 1.0)),
                                     SQRT_2_OVER_PI);
    nd_array *th = nd_tanh(u);
    nd_array *left = nd_multiply_scalar(nd_add_scalar(th, 1.0), 0.5);
    nd_array *du = nd_multiply_scalar(nd_add_scalar(nd_multiply_scalar(a2, 3.0 * GELU_TANH_C), 1.0),
                                      SQRT_2_OVER_PI);
    nd_array *sech2 = nd_negative(nd_subtract_scalar(nd_square(th), 1.0));
    nd_array *right = nd_multiply(nd_multiply_scalar(A, 0.5), nd_multiply(sech2, du));
    gin[0] = nd_multiply(G, nd_add(left, right));
    return ND_OK;
}

/* silu' = s (1 + a (1 - s)), s = sigmoid(a) */
nd_status nd__ad_bw_silu(const nd__ad_ctx *c, nd_array **gin) {
    nd_array *s = nd_sigmoid(A);
    nd_array *one_minus = nd_negative(nd_subtract_scalar(s, 1.0));
    gin[0] = nd_multiply(G, nd_multiply(s, nd_add_scalar(nd_multiply(A, one_minus), 1.0)));
    return ND_OK;
}

/* sigmoid(a), and 1 above PyTorch's threshold 20 where the forward is a */
nd_status nd__ad_bw_softplus(const nd__ad_ctx *c, nd_array **gin) {
    nd_array *above = nd_greater_scalar(A, 20.0);
    gin[0] = nd_where(above, G, nd_multiply(G, nd_sigmoid(A)));
    return ND_OK;
}

/* g where a > 0, else g * slope (PyTorch's leaky_relu_backward) */
nd_status nd__ad_bw_leaky_relu(const nd__ad_ctx *c, nd_array **gin) {
    double slope = *(const double *)c->params;
    gin[0] = nd_where(nd_greater_scalar(A, 0.0), G, nd_multiply_scalar(G, slope));
    return ND_OK;
}

/* Backward rule of matmul: batched and broadcast (the walk sums the batch
 * axes back), with NumPy's promotion of 1-D operands undone. */
#include "autodiff/ad.h"

/* x with a length-1 axis inserted at axis (negative from the end). */
static nd_array *with_axis(const nd_array *x, int axis) { return nd_expand_dims(x, axis); }

nd_status nd__ad_bw_matmul(const nd__ad_ctx *c, nd_array **gin) {
    const nd_array *a = c->in[0], *b = c->in[1];
    bool a1 = nd_ndim(a) == 1, b1 = nd_ndim(b) == 1;
    /* the operands and the gradient as the 2-D-or-more product saw them */
    const nd_array *a2 = a1 ? with_axis(a, 0) : a;
    const nd_array *b2 = b1 ? with_axis(b, -1) : b;
    const nd_array *g2 = c->g;
    if (a1) g2 = with_axis(g2, b1 ? 0 : -2);
    if (b1) g2 = with_axis(g2, -1);
    if (c->needs & 1u) {
        nd_array *ga = nd_matmul(g2, nd_swapaxes(b2, -1, -2)); /* (..., n, k) */
        if (a1) {
            int ax = -2;
            ga = nd_squeeze(ga, 1, &ax);
        }
        gin[0] = ga;
    }
    if (c->needs & 2u) {
        nd_array *gb = nd_matmul(nd_swapaxes(a2, -1, -2), g2); /* (..., k, m) */
        if (b1) {
            int ax = -1;
            gb = nd_squeeze(gb, 1, &ax);
        }
        gin[1] = gb;
    }
    return ND_OK;
}

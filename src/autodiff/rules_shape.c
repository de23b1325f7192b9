/* Backward rules of the shape operations: reshape, transpose, broadcast_to
 * (the walk sums the gradient back), expand_dims, squeeze and views by
 * index string (the gradient scattered into zeros of the base's shape). */
#include "autodiff/ad.h"

#define P ((const nd__ad_shape_params *)c->params)

static nd_array *like_input(const nd__ad_ctx *c) {
    return nd_reshape(c->g, nd_ndim(c->in[0]), nd_shape(c->in[0]));
}

nd_status nd__ad_bw_reshape(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = like_input(c);
    return ND_OK;
}
nd_status nd__ad_bw_expand_dims(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = like_input(c);
    return ND_OK;
}
nd_status nd__ad_bw_squeeze(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = like_input(c);
    return ND_OK;
}

nd_status nd__ad_bw_transpose(const nd__ad_ctx *c, nd_array **gin) {
    if (P->ndim < 0) {
        gin[0] = nd_transpose(c->g, NULL);
        return ND_OK;
    }
    int inv[ND_MAX_DIMS];
    for (int i = 0; i < P->ndim; i++) inv[P->axes[i] < 0 ? P->axes[i] + P->ndim : P->axes[i]] = i;
    gin[0] = nd_transpose(c->g, inv);
    return ND_OK;
}

nd_status nd__ad_bw_broadcast_to(const nd__ad_ctx *c, nd_array **gin) {
    gin[0] = nd__ad_alias(c->g);
    return ND_OK;
}

nd_status nd__ad_bw_view(const nd__ad_ctx *c, nd_array **gin) {
    nd_array *z = nd_zeros(nd_ndim(c->in[0]), nd_shape(c->in[0]), nd_dtype_of(c->g));
    nd_array *v = nd_view(z, (const char *)c->params);
    nd_status st = z && v ? nd_copyto(v, c->g) : nd_last_status();
    gin[0] = st == ND_OK ? z : NULL;
    return st;
}

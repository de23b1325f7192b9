/* np.polyval: Horner's rule, ((p[0] x + p[1]) x + ...) + p[N-1], with the
 * public nd_multiply_out and nd_add_out on one result array, in the
 * promoted dtype of p and x. */
#include "core/core.h"

nd_array *nd_polyval(const nd_array *p, const nd_array *x) {
    static const char fn[] = "nd_polyval";
    if (!p) {
        nd__null_arg(fn, "p");
        return NULL;
    }
    if (!x) {
        nd__null_arg(fn, "x");
        return NULL;
    }
    if (p->ndim != 1) {
        nd__error(ND_ERR_SHAPE, fn, "p must be 1-D (got %d dimensions)", p->ndim);
        return NULL;
    }
    nd_dtype dt = nd_promote_types(p->dtype, x->dtype);
    nd_array *y = nd__alloc_array(fn, x->ndim, x->shape, dt);
    if (!y) return NULL;
    memset(y->data, 0, (size_t)y->size * nd__itemsize(dt));
    size_t isz = nd__itemsize(p->dtype);
    for (int64_t i = 0; i < p->shape[0]; i++) {
        nd_array c = *p; /* p[i] as a 0-d view that lives for this call only */
        c.ndim = 0;
        c.data = p->data + i * p->strides[0] * (int64_t)isz;
        nd__update_flags(&c);
        if ((i > 0 && nd_multiply_out(y, x, y) != ND_OK) || nd_add_out(y, &c, y) != ND_OK) {
            nd__reraise(fn);
            nd_free(y);
            return NULL;
        }
    }
    return y;
}

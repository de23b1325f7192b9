/* Whole-array comparisons answering one bool: np.array_equiv. */
#include "core/core.h"

/* NumPy's broadcasting rule, without recording an error: shapes that do not
 * broadcast are simply not equivalent. */
static bool broadcastable(const nd_array *a, const nd_array *b) {
    int n = a->ndim < b->ndim ? a->ndim : b->ndim;
    for (int k = 1; k <= n; k++) {
        int64_t x = a->shape[a->ndim - k], y = b->shape[b->ndim - k];
        if (x != y && x != 1 && y != 1) return false;
    }
    return true;
}

nd_status nd_array_equiv(const nd_array *a, const nd_array *b, bool *result) {
    const char *fn = "nd_array_equiv";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!result) return nd__null_arg(fn, "result");
    if (!broadcastable(a, b)) {
        *result = false;
        return ND_OK;
    }
    nd_array *eq = nd_equal(a, b);
    if (!eq) return nd__reraise(fn);
    nd_array *all = nd_all(eq, ND_ALL_AXES, NULL, false);
    nd_free(eq);
    if (!all) return nd__reraise(fn);
    *result = *(const uint8_t *)nd_data(all) != 0;
    nd_free(all);
    return ND_OK;
}

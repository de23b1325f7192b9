/* nd_leaky_relu: the one activation with a parameter, so not in
 * ND_UNARY_OPS. An element-wise operation with the slope passed to the
 * loop (as nan_to_num's replacements are), in the float the float-only
 * unary operations compute in. */
#include "iter/iter.h"

/* The float an integer or bool computes in, as the float-only unary
 * operations (elementwise.c's R_FLOAT rule for one operand). */
static nd_dtype float_of(nd_dtype dt) {
    if (nd__kind(dt) == ND_KIND_FLOAT) return dt;
    return nd__itemsize(dt) <= 2 ? ND_FLOAT32 : ND_FLOAT64;
}

static nd_array *leaky_relu(const char *fn, const nd_array *a, double slope, nd_array *out,
                            bool want_out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (want_out && !nd__check_array(fn, "out", out)) return NULL;
    nd_dtype dt = float_of(a->dtype);
    if (out) {
        if (!nd__check_out(fn, out, a->ndim, a->shape)) return NULL;
        if (!nd_can_cast(dt, out->dtype, ND_CAST_SAME_KIND)) {
            nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
                      nd__dtypes[dt].name, nd__dtypes[out->dtype].name);
            return NULL;
        }
    }
    nd_leaky_relu_params p = {slope};
    nd_array *res = out ? out : nd__alloc_array(fn, a->ndim, a->shape, dt);
    if (!res) return NULL;
    if (nd__elementwise(fn, nd__loop(ND_OP_leaky_relu, dt), &p, 1, &a, &dt, res, dt) != ND_OK) {
        if (!out) nd_free(res);
        return NULL;
    }
    return res;
}

nd_array *nd_leaky_relu(const nd_array *a, double negative_slope) {
    return leaky_relu("nd_leaky_relu", a, negative_slope, NULL, false);
}

nd_status nd_leaky_relu_out(const nd_array *a, double negative_slope, nd_array *out) {
    if (leaky_relu("nd_leaky_relu_out", a, negative_slope, out, true)) return ND_OK;
    /* a NULL argument is ND_ERR_NULL even when an earlier error's message is kept */
    return !a || !out ? ND_ERR_NULL : nd_last_status();
}

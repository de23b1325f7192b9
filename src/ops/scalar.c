/* The scalar and in-place forms of the element-wise operations, generated
 * from ND_BINARY_OPS and ND_UNARY_OPS: a C scalar is a weak operand (NEP 50)
 * held in a stack handle, so a call allocates nothing but its result; an
 * in-place form is the operation written into its first operand. Also the
 * fused optimizer updates nd_axpy_inplace and nd_axpby_inplace. */
#include "kernels/axpby.h"
#include "ops/ew.h"

static const char *const g_as[] = {"a", "s"};
static const char *const g_ab[] = {"a", "b"};
static const char *const g_a[] = {"a"};

/* The binary forms with a scalar: SUFFIX names the form, T the C type of s,
 * DT the weak dtype it stands for (float64: Python float; int64: Python int). */
#define DEFINE_SCALAR_FORMS_(name, SUFFIX, T, DT)                                  \
    nd_array *nd_##name##_scalar##SUFFIX(const nd_array *a, T s) {                 \
        nd_array w;                                                                \
        nd__scalar_view(&w, DT, &s, true);                                         \
        const nd_array *in[2] = {a, &w};                                           \
        return nd__ew_apply("nd_" #name "_scalar" #SUFFIX, ND_OP_##name, 2, in, g_as, NULL, \
                            ND__EW_NEW);                                           \
    }                                                                              \
    nd_status nd_##name##_scalar##SUFFIX##_out(const nd_array *a, T s, nd_array *out) { \
        nd_array w;                                                                \
        nd__scalar_view(&w, DT, &s, true);                                         \
        const nd_array *in[2] = {a, &w};                                           \
        return nd__ew_apply("nd_" #name "_scalar" #SUFFIX "_out", ND_OP_##name, 2, in, g_as, \
                            out, ND__EW_OUT)                                       \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(2, in, out);                               \
    }                                                                              \
    nd_status nd_##name##_scalar##SUFFIX##_inplace(nd_array *a, T s) {             \
        nd_array w;                                                                \
        nd__scalar_view(&w, DT, &s, true);                                         \
        const nd_array *in[2] = {a, &w};                                           \
        return nd__ew_apply("nd_" #name "_scalar" #SUFFIX "_inplace", ND_OP_##name, 2, in, \
                            g_as, a, ND__EW_INPLACE)                               \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(2, in, a);                                 \
    }

#define DEFINE_BINARY_FORMS_(name)                                                 \
    DEFINE_SCALAR_FORMS_(name, , double, ND_FLOAT64)                               \
    DEFINE_SCALAR_FORMS_(name, _i64, int64_t, ND_INT64)                            \
    nd_status nd_##name##_inplace(nd_array *a, const nd_array *b) {                \
        const nd_array *in[2] = {a, b};                                            \
        return nd__ew_apply("nd_" #name "_inplace", ND_OP_##name, 2, in, g_ab, a,  \
                            ND__EW_INPLACE)                                        \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(2, in, a);                                 \
    }
#define DEFINE_UNARY_FORMS_(name)                                                  \
    nd_status nd_##name##_inplace(nd_array *a) {                                   \
        const nd_array *in[1] = {a};                                               \
        return nd__ew_apply("nd_" #name "_inplace", ND_OP_##name, 1, in, g_a, a,   \
                            ND__EW_INPLACE)                                        \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(1, in, a);                                 \
    }
ND_BINARY_OPS(DEFINE_BINARY_FORMS_)
ND_UNARY_OPS(DEFINE_UNARY_FORMS_)

/* y = alpha * x + beta * y in one pass. alpha and beta are weak floats, so
 * the loop runs in the float dtype NEP 50 gives y, x and a Python float
 * (float32 for float32 operands, float64 otherwise), and the result casts
 * back into y under same_kind rules, as NumPy's y += alpha * x. */
static nd_status axpby(const char *fn, nd_array *y, double alpha, const nd_array *x, double beta,
                       bool axpy) {
    if (!y) return nd__null_arg(fn, "y");
    if (!x) return nd__null_arg(fn, "x");
    nd_dtype dts[3] = {y->dtype, x->dtype, ND_FLOAT64}, eff[3];
    bool weak[3] = {false, nd__is_weak(x), true};
    nd_dtype dt = nd__promote_n(nd__effective_dtypes(3, dts, weak, eff), eff);
    if (!nd_can_cast(dt, y->dtype, ND_CAST_SAME_KIND))
        return nd__error(ND_ERR_DTYPE, fn,
                         "cannot cast the result from %s to y's dtype %s in place (same_kind casting: "
                         "alpha and beta are floats)",
                         nd__dtypes[dt].name, nd__dtypes[y->dtype].name);
    int ndims[2] = {y->ndim, x->ndim}, ndim;
    const int64_t *shapes[2] = {y->shape, x->shape};
    int64_t shape[ND_MAX_DIMS];
    if (nd__broadcast_shapes(fn, 2, ndims, shapes, &ndim, shape) != ND_OK) return nd_last_status();
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    if (ndim != y->ndim || memcmp(shape, y->shape, sizeof(int64_t) * (size_t)ndim) != 0)
        return nd__error(ND_ERR_SHAPE, fn, "x of shape %s does not broadcast to y's shape %s",
                         nd__shape_str(s1, sizeof s1, x->ndim, x->shape),
                         nd__shape_str(s2, sizeof s2, y->ndim, y->shape));
    if (!(y->flags & ND_FLAG_WRITEABLE))
        return nd__error(ND_ERR_READONLY, fn, "y is read-only (a broadcast view or read-only memory)");
    int ax = nd__aliasing_axis(y);
    if (ax >= 0) return nd__error(ND_ERR_READONLY, fn, "y has stride 0 along axis %d (a broadcast view)", ax);
    nd__bump_version(y);
    nd_axpby_params p = {alpha, beta, axpy};
    const nd_array *in[2] = {x, y};
    nd_dtype in_loop[2] = {dt, dt};
    return nd__elementwise(fn, nd__axpby_loop(dt), &p, 2, in, in_loop, y, dt);
}

nd_status nd_axpy_inplace(nd_array *y, double alpha, const nd_array *x) {
    return axpby("nd_axpy_inplace", y, alpha, x, 1.0, true);
}
nd_status nd_axpby_inplace(nd_array *y, double alpha, const nd_array *x, double beta) {
    return axpby("nd_axpby_inplace", y, alpha, x, beta, false);
}

/* The public element-wise operations: NumPy's type resolution for each op,
 * broadcasting of the operands, checks on the output, then the engine. */
#include "ops/ew.h"

#include <float.h>

/* How an operation picks its loop dtype from the promoted input dtype, and
 * what it outputs. */
typedef enum rule {
    R_SAME,      /* loop in the promoted dtype, output the same */
    R_NOBOOL,    /* as R_SAME, bool refused (subtract, negative, sign) */
    R_TRUEDIV,   /* integers and bool compute in float64 */
    R_FLOAT,     /* integers and bool compute in the smallest float that holds them */
    R_BOOL_INT8, /* bool computes as int8 (floor_divide, remainder, power, shifts, square) */
    R_TO_BOOL,   /* any dtype in, bool out (comparisons, logic, predicates) */
    R_INTEGRAL,  /* bool and integers only (bitwise ops) */
    R_INTEGER,   /* integers only: bool (with bool) and floats refused (gcd, lcm) */
    R_FLOAT64    /* every dtype computes in float64 (float_power) */
} rule;

static const rule g_rules[ND_NUM_OPS] = {
    [ND_OP_add] = R_SAME, [ND_OP_subtract] = R_NOBOOL, [ND_OP_multiply] = R_SAME,
    [ND_OP_divide] = R_TRUEDIV, [ND_OP_floor_divide] = R_BOOL_INT8,
    [ND_OP_remainder] = R_BOOL_INT8, [ND_OP_power] = R_BOOL_INT8,
    [ND_OP_maximum] = R_SAME, [ND_OP_minimum] = R_SAME, [ND_OP_fmax] = R_SAME,
    [ND_OP_fmin] = R_SAME, [ND_OP_arctan2] = R_FLOAT, [ND_OP_hypot] = R_FLOAT,
    [ND_OP_equal] = R_TO_BOOL, [ND_OP_not_equal] = R_TO_BOOL, [ND_OP_less] = R_TO_BOOL,
    [ND_OP_less_equal] = R_TO_BOOL, [ND_OP_greater] = R_TO_BOOL,
    [ND_OP_greater_equal] = R_TO_BOOL, [ND_OP_logical_and] = R_TO_BOOL,
    [ND_OP_logical_or] = R_TO_BOOL, [ND_OP_logical_xor] = R_TO_BOOL,
    [ND_OP_bitwise_and] = R_INTEGRAL, [ND_OP_bitwise_or] = R_INTEGRAL,
    [ND_OP_bitwise_xor] = R_INTEGRAL, [ND_OP_left_shift] = R_BOOL_INT8,
    [ND_OP_right_shift] = R_BOOL_INT8,
    [ND_OP_negative] = R_NOBOOL, [ND_OP_abs] = R_SAME, [ND_OP_sign] = R_NOBOOL,
    [ND_OP_square] = R_BOOL_INT8, [ND_OP_sqrt] = R_FLOAT, [ND_OP_reciprocal] = R_FLOAT,
    [ND_OP_exp] = R_FLOAT, [ND_OP_exp2] = R_FLOAT, [ND_OP_expm1] = R_FLOAT,
    [ND_OP_log] = R_FLOAT, [ND_OP_log2] = R_FLOAT, [ND_OP_log10] = R_FLOAT,
    [ND_OP_log1p] = R_FLOAT, [ND_OP_sin] = R_FLOAT, [ND_OP_cos] = R_FLOAT,
    [ND_OP_tan] = R_FLOAT, [ND_OP_arcsin] = R_FLOAT, [ND_OP_arccos] = R_FLOAT,
    [ND_OP_arctan] = R_FLOAT, [ND_OP_sinh] = R_FLOAT, [ND_OP_cosh] = R_FLOAT,
    [ND_OP_tanh] = R_FLOAT, [ND_OP_sigmoid] = R_FLOAT, [ND_OP_relu] = R_SAME,
    [ND_OP_gelu] = R_FLOAT, [ND_OP_gelu_tanh] = R_FLOAT, [ND_OP_silu] = R_FLOAT,
    [ND_OP_softplus] = R_FLOAT,
    [ND_OP_floor] = R_SAME, [ND_OP_ceil] = R_SAME, [ND_OP_rint] = R_SAME,
    [ND_OP_trunc] = R_SAME, [ND_OP_isnan] = R_TO_BOOL, [ND_OP_isinf] = R_TO_BOOL,
    [ND_OP_isfinite] = R_TO_BOOL, [ND_OP_logical_not] = R_TO_BOOL,
    [ND_OP_bitwise_not] = R_INTEGRAL, [ND_OP_where] = R_SAME, [ND_OP_clip] = R_SAME,
    [ND_OP_fmod] = R_BOOL_INT8, [ND_OP_float_power] = R_FLOAT64, [ND_OP_copysign] = R_FLOAT,
    [ND_OP_nextafter] = R_FLOAT, [ND_OP_logaddexp] = R_FLOAT, [ND_OP_logaddexp2] = R_FLOAT,
    [ND_OP_heaviside] = R_FLOAT, [ND_OP_gcd] = R_INTEGER, [ND_OP_lcm] = R_INTEGER,
    [ND_OP_cbrt] = R_FLOAT, [ND_OP_deg2rad] = R_FLOAT, [ND_OP_rad2deg] = R_FLOAT,
    [ND_OP_signbit] = R_TO_BOOL, [ND_OP_nan_to_num] = R_SAME,
};

static nd_dtype float_of(nd_dtype dt) {
    if (nd__kind(dt) == ND_KIND_FLOAT) return dt;
    return nd__itemsize(dt) <= 2 ? ND_FLOAT32 : ND_FLOAT64;
}

/* The loop and output dtypes of op on inputs of dtypes dts (the operands
 * that take part in promotion); false (with the error recorded) when op
 * does not support them. */
static bool resolve(const char *fn, nd_op op, int n, const nd_dtype *dts, nd_dtype *loop_dt,
                    nd_dtype *out_dt) {
    nd_dtype dt = nd__promote_n(n, dts); /* NumPy's n-ary result_type */
    /* float ops take NumPy's first float loop (float32, then float64) that
     * every input casts to safely, not the float of the promoted dtype:
     * arctan2 of int16 and uint16 is float32, though they promote to int32 */
    nd_dtype fdt = ND_FLOAT32;
    for (int k = 0; k < n; k++)
        if (float_of(dts[k]) == ND_FLOAT64) fdt = ND_FLOAT64;
    nd_dtype l = dt;
    switch (g_rules[op]) {
    case R_SAME: break;
    case R_NOBOOL:
        if (dt == ND_BOOL) {
            nd__error(ND_ERR_DTYPE, fn, "not supported for dtype bool (use the logical_* or bitwise_* functions)");
            return false;
        }
        break;
    case R_TRUEDIV: l = nd__kind(dt) == ND_KIND_FLOAT ? dt : ND_FLOAT64; break;
    case R_FLOAT: l = fdt; break;
    case R_BOOL_INT8: l = dt == ND_BOOL ? ND_INT8 : dt; break;
    case R_TO_BOOL: break;
    case R_INTEGRAL:
        if (nd__kind(dt) == ND_KIND_FLOAT) {
            nd__error(ND_ERR_DTYPE, fn, "not supported for dtype %s (bool and integers only)", nd__dtypes[dt].name);
            return false;
        }
        break;
    case R_INTEGER:
        if (nd__kind(dt) != ND_KIND_INT && nd__kind(dt) != ND_KIND_UINT) {
            nd__error(ND_ERR_DTYPE, fn, "not supported for dtype %s (integers only)", nd__dtypes[dt].name);
            return false;
        }
        break;
    case R_FLOAT64: l = ND_FLOAT64; break;
    }
    if (!nd__loop(op, l)) {
        nd__error(ND_ERR_DTYPE, fn, "not supported for dtype %s", nd__dtypes[dt].name);
        return false;
    }
    *loop_dt = l;
    *out_dt = g_rules[op] == R_TO_BOOL ? ND_BOOL : l;
    return true;
}

static bool check_cast_out(const char *fn, nd_dtype from, const nd_array *out) {
    if (nd_can_cast(from, out->dtype, ND_CAST_SAME_KIND)) return true;
    nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
              nd__dtypes[from].name, nd__dtypes[out->dtype].name);
    return false;
}

static bool any_negative_row(void *ctx, const char *p, int64_t n, int64_t step) {
    nd_dtype dt = *(const nd_dtype *)ctx;
    for (int64_t i = 0; i < n; i++, p += step) {
        int64_t v;
        switch (dt) {
        case ND_INT8: v = *(const int8_t *)p; break;
        case ND_INT16: v = *(const int16_t *)p; break;
        case ND_INT32: v = *(const int32_t *)p; break;
        case ND_INT64: v = *(const int64_t *)p; break;
        default: return true;
        }
        if (v < 0) {
            *(nd_dtype *)ctx = ND_NUM_DTYPES; /* found */
            return false;
        }
    }
    return true;
}

/* NumPy refuses integers to negative integer powers before computing. */
static bool check_power_exponent(const char *fn, const nd_array *b, nd_dtype loop_dt) {
    if (nd__kind(loop_dt) != ND_KIND_INT || nd__kind(b->dtype) != ND_KIND_INT) return true;
    nd_dtype flag = b->dtype;
    nd__visit_rows(b, any_negative_row, &flag);
    if (flag != ND_NUM_DTYPES) return true;
    nd__error(ND_ERR_VALUE, fn, "integers to negative integer powers are not allowed");
    return false;
}

/* A weak operand's value in the loop dtype, as NumPy 2 converts a Python
 * scalar: a float that overflows float32 becomes inf; an int must fit an
 * integer loop dtype. Returns 0 when it was converted into elem, else the
 * side the value lies on (-1 below the dtype's range, 1 above). */
static int weak_to_loop(const nd_array *w, nd_dtype dt, void *elem) {
    if (w->dtype == ND_INT64 && (nd__kind(dt) == ND_KIND_INT || nd__kind(dt) == ND_KIND_UINT)) {
        int64_t v = *(const int64_t *)w->data;
        int bits = (int)nd__itemsize(dt) * 8;
        if (nd__kind(dt) == ND_KIND_UINT) {
            if (v < 0) return -1;
            if (bits < 64 && (uint64_t)v >> bits) return 1;
        } else if (bits < 64) {
            int64_t hi = ((int64_t)1 << (bits - 1)) - 1;
            if (v > hi) return 1;
            if (v < -hi - 1) return -1;
        }
    }
    char *args[2] = {w->data, elem};
    int64_t steps[2] = {0, 0};
    nd__cast_loop(w->dtype, dt)(args, 1, steps, NULL);
    return 0;
}

static bool is_comparison(nd_op op) {
    return op == ND_OP_equal || op == ND_OP_not_equal || op == ND_OP_less ||
           op == ND_OP_less_equal || op == ND_OP_greater || op == ND_OP_greater_equal;
}

static bool is_logical(nd_op op) {
    return op == ND_OP_logical_and || op == ND_OP_logical_or || op == ND_OP_logical_xor;
}

/* The answer of comparison op everywhere when operand `side` is a weak int
 * beyond the other's integer dtype (`where` is -1 below it, 1 above): as
 * NumPy 2, the mathematically right one, as a Python int compares. */
static bool constant_comparison(nd_op op, int side, int where) {
    int sign = side == 0 ? where : -where; /* sign of a - b */
    switch (op) {
    case ND_OP_equal: return false;
    case ND_OP_not_equal: return true;
    case ND_OP_less:
    case ND_OP_less_equal: return sign < 0;
    default: return sign > 0;
    }
}

/* The messages of checks the in-place forms word in terms of a and b. */
static bool check_inplace(const char *fn, const nd_array *a, int ndim, const int64_t *shape) {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    if (!(a->flags & ND_FLAG_WRITEABLE)) {
        nd__error(ND_ERR_READONLY, fn, "a is read-only (a broadcast view or read-only memory)");
        return false;
    }
    bool same = a->ndim == ndim;
    for (int i = 0; same && i < ndim; i++) same = a->shape[i] == shape[i];
    if (!same) {
        nd__error(ND_ERR_SHAPE, fn, "the operands' broadcast shape %s is not a's shape %s (in place, a's shape cannot change)",
                  nd__shape_str(s1, sizeof s1, ndim, shape), nd__shape_str(s2, sizeof s2, a->ndim, a->shape));
        return false;
    }
    int ax = nd__aliasing_axis(a);
    if (ax >= 0) {
        nd__error(ND_ERR_READONLY, fn, "a has stride 0 along axis %d (a broadcast view)", ax);
        return false;
    }
    nd__bump_version(a);
    return true;
}

nd_array *nd__ew_apply(const char *fn, nd_op op, int nin, const nd_array *const *in,
                       const char *const *names, nd_array *out, nd__ew_mode mode) {
    const bool want_out = mode != ND__EW_NEW;
    for (int k = 0; k < nin; k++)
        if (!nd__check_array(fn, names[k], in[k])) return NULL;
    if (mode == ND__EW_OUT && !nd__check_array(fn, "out", out)) return NULL;

    /* where's condition does not take part in promotion */
    int first = op == ND_OP_where ? 1 : 0;
    nd_dtype dts[ND_MAX_OPERANDS], eff[ND_MAX_OPERANDS];
    bool weak[ND_MAX_OPERANDS];
    for (int k = first; k < nin; k++) {
        dts[k - first] = in[k]->dtype;
        weak[k - first] = nd__is_weak(in[k]);
    }
    int neff = nd__effective_dtypes(nin - first, dts, weak, eff);
    nd_dtype loop_dt, res_dt;
    if (!resolve(fn, op, neff, eff, &loop_dt, &res_dt)) return NULL;
    nd_dtype in_loop[ND_MAX_OPERANDS];
    for (int k = 0; k < nin; k++) in_loop[k] = loop_dt;
    if (op == ND_OP_where) in_loop[0] = ND_BOOL;

    int ndims[ND_MAX_OPERANDS];
    const int64_t *shapes[ND_MAX_OPERANDS];
    for (int k = 0; k < nin; k++) {
        ndims[k] = in[k]->ndim;
        shapes[k] = in[k]->shape;
    }
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    if (nd__broadcast_shapes(fn, nin, ndims, shapes, &ndim, shape) != ND_OK) return NULL;
    if (mode == ND__EW_INPLACE) {
        if (!check_inplace(fn, out, ndim, shape)) return NULL;
        if (!nd_can_cast(res_dt, out->dtype, ND_CAST_SAME_KIND)) {
            nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to a's dtype %s in place (same_kind casting, as NumPy's a op= b)",
                      nd__dtypes[res_dt].name, nd__dtypes[out->dtype].name);
            return NULL;
        }
    } else if (want_out) {
        if (!nd__check_out(fn, out, ndim, shape) || !check_cast_out(fn, res_dt, out)) return NULL;
    }

    /* weak operands become stack scalars of the loop dtype: converted once,
     * and an int that does not fit is refused (or decides a comparison) */
    const nd_array *use[ND_MAX_OPERANDS];
    nd_array wk[ND_MAX_OPERANDS];
    _Alignas(8) char elems[ND_MAX_OPERANDS][8];
    int constant = -1; /* a comparison's answer everywhere, when decided */
    for (int k = 0; k < nin; k++) {
        use[k] = in[k];
        if (k < first || !nd__is_weak(in[k])) continue;
        int where = weak_to_loop(in[k], in_loop[k], elems[k]);
        if (where != 0 && is_logical(op)) {
            /* NumPy's logical loops read bool: only the truth of an int matters */
            int64_t one = 1;
            nd_array t;
            nd__scalar_view(&t, ND_INT64, &one, true);
            where = weak_to_loop(&t, in_loop[k], elems[k]);
        }
        if (where != 0 && is_comparison(op)) {
            constant = constant_comparison(op, k, where);
            continue;
        }
        if (where != 0) {
            nd__error(ND_ERR_OVERFLOW, fn, "Python integer %lld out of bounds for %s",
                      (long long)*(const int64_t *)in[k]->data, nd__dtypes[in_loop[k]].name);
            return NULL;
        }
        nd__scalar_view(&wk[k], in_loop[k], elems[k], false);
        use[k] = &wk[k];
    }
    /* NumPy refuses a negative exponent it meets; an empty result meets none */
    bool empty = false;
    for (int i = 0; i < ndim; i++) empty |= shape[i] == 0;
    if (op == ND_OP_power && !empty && !check_power_exponent(fn, use[1], loop_dt)) return NULL;

    nd_array *res = out;
    if (!want_out) {
        res = nd__alloc_array(fn, ndim, shape, res_dt);
        if (!res) return NULL;
    }
    nd_status st;
    if (constant >= 0) {
        uint8_t v = (uint8_t)constant;
        nd_array c;
        nd__scalar_view(&c, ND_BOOL, &v, false);
        const nd_array *cin = &c;
        nd_dtype bdt = ND_BOOL;
        st = nd__elementwise(fn, nd__cast_loop(ND_BOOL, ND_BOOL), NULL, 1, &cin, &bdt, res, ND_BOOL);
    } else {
        st = nd__elementwise(fn, nd__loop(op, loop_dt), NULL, nin, use, in_loop, res, res_dt);
    }
    if (st != ND_OK) {
        if (!want_out) nd_free(res);
        return NULL;
    }
    return res;
}

/* The status an _out variant returns after apply failed: ND_ERR_NULL for a
 * NULL argument even when an earlier error's message is kept (as
 * nd__null_arg returns), else the error apply recorded. */
nd_status nd__ew_fail_status(int nin, const nd_array *const *in, const nd_array *out) {
    for (int k = 0; k < nin; k++)
        if (!in[k]) return ND_ERR_NULL;
    return out ? nd_last_status() : ND_ERR_NULL;
}

static const char *const g_ab[] = {"a", "b"};
static const char *const g_a[] = {"a"};

#define DEFINE_BINARY_(name)                                                       \
    nd_array *nd_##name(const nd_array *a, const nd_array *b) {                    \
        const nd_array *in[2] = {a, b};                                            \
        return nd__ew_apply("nd_" #name, ND_OP_##name, 2, in, g_ab, NULL, ND__EW_NEW);         \
    }                                                                              \
    nd_status nd_##name##_out(const nd_array *a, const nd_array *b, nd_array *out) { \
        const nd_array *in[2] = {a, b};                                            \
        return nd__ew_apply("nd_" #name "_out", ND_OP_##name, 2, in, g_ab, out, ND__EW_OUT)     \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(2, in, out);                                      \
    }
#define DEFINE_UNARY_(name)                                                        \
    nd_array *nd_##name(const nd_array *a) {                                       \
        return nd__ew_apply("nd_" #name, ND_OP_##name, 1, &a, g_a, NULL, ND__EW_NEW);          \
    }                                                                              \
    nd_status nd_##name##_out(const nd_array *a, nd_array *out) {                  \
        return nd__ew_apply("nd_" #name "_out", ND_OP_##name, 1, &a, g_a, out, ND__EW_OUT)      \
                   ? ND_OK                                                         \
                   : nd__ew_fail_status(1, &a, out);                                      \
    }
ND_BINARY_OPS(DEFINE_BINARY_)
ND_UNARY_OPS(DEFINE_UNARY_)

static const char *const g_where_names[] = {"cond", "a", "b"};
static const char *const g_clip_names[] = {"a", "lo", "hi"};

nd_array *nd_where(const nd_array *cond, const nd_array *a, const nd_array *b) {
    const nd_array *in[3] = {cond, a, b};
    return nd__ew_apply("nd_where", ND_OP_where, 3, in, g_where_names, NULL, ND__EW_NEW);
}
nd_status nd_where_out(const nd_array *cond, const nd_array *a, const nd_array *b, nd_array *out) {
    const nd_array *in[3] = {cond, a, b};
    return nd__ew_apply("nd_where_out", ND_OP_where, 3, in, g_where_names, out, ND__EW_OUT) ? ND_OK : nd__ew_fail_status(3, in, out);
}
nd_array *nd_clip(const nd_array *a, const nd_array *lo, const nd_array *hi) {
    const nd_array *in[3] = {a, lo, hi};
    return nd__ew_apply("nd_clip", ND_OP_clip, 3, in, g_clip_names, NULL, ND__EW_NEW);
}
nd_status nd_clip_out(const nd_array *a, const nd_array *lo, const nd_array *hi, nd_array *out) {
    const nd_array *in[3] = {a, lo, hi};
    return nd__ew_apply("nd_clip_out", ND_OP_clip, 3, in, g_clip_names, out, ND__EW_OUT) ? ND_OK : nd__ew_fail_status(3, in, out);
}

/* nan_to_num: a unary operation with parameters, in a's dtype (bool and
 * integers have nothing to replace and are copied). */
static nd_array *nan_to_num(const char *fn, const nd_array *a, double nan, double posinf,
                            double neginf, nd_array *out, bool want_out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (want_out && !nd__check_array(fn, "out", out)) return NULL;
    nd_dtype dt = a->dtype;
    if (want_out && (!nd__check_out(fn, out, a->ndim, a->shape) || !check_cast_out(fn, dt, out)))
        return NULL;
    /* NaN stands for NumPy's None: the dtype's largest finite value */
    double big = dt == ND_FLOAT32 ? (double)FLT_MAX : DBL_MAX;
    nd_nan_to_num_params p = {nan, posinf != posinf ? big : posinf, neginf != neginf ? -big : neginf};
    nd_loop_fn loop = nd__kind(dt) == ND_KIND_FLOAT ? nd__loop(ND_OP_nan_to_num, dt) : nd__cast_loop(dt, dt);
    nd_array *res = out;
    if (!want_out) {
        res = nd__alloc_array(fn, a->ndim, a->shape, dt);
        if (!res) return NULL;
    }
    if (nd__elementwise(fn, loop, &p, 1, &a, &dt, res, dt) != ND_OK) {
        if (!want_out) nd_free(res);
        return NULL;
    }
    return res;
}

nd_array *nd_nan_to_num(const nd_array *a, double nan, double posinf, double neginf) {
    return nan_to_num("nd_nan_to_num", a, nan, posinf, neginf, NULL, false);
}
nd_status nd_nan_to_num_out(const nd_array *a, double nan, double posinf, double neginf, nd_array *out) {
    return nan_to_num("nd_nan_to_num_out", a, nan, posinf, neginf, out, true) ? ND_OK : nd__ew_fail_status(1, &a, out);
}

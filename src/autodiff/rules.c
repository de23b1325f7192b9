/* The rule table: one entry per differentiable operation (its public name,
 * its inputs, which of them are differentiable, what its backward saves,
 * the plain forward and the backward), and the public nd_ad_* functions,
 * which only pack their arguments for nd__ad_run. */
#include "autodiff/ad.h"

#include <string.h>

/* ---------------------------------------------------------------- forwards */

#define ND_AD_FW2_(name) \
    static nd_array *fw_##name(const nd_array *const *in, const void *p) { (void)p; return nd_##name(in[0], in[1]); }
#define ND_AD_FW1_(name) \
    static nd_array *fw_##name(const nd_array *const *in, const void *p) { (void)p; return nd_##name(in[0]); }
ND_AD_BINARY_OPS(ND_AD_FW2_)
ND_AD_UNARY_OPS(ND_AD_FW1_)
#undef ND_AD_FW2_
#undef ND_AD_FW1_

static nd_array *fw_leaky_relu(const nd_array *const *in, const void *p) {
    return nd_leaky_relu(in[0], *(const double *)p);
}
static nd_array *fw_softmax(const nd_array *const *in, const void *p) {
    return nd_softmax(in[0], *(const int *)p);
}
static nd_array *fw_log_softmax(const nd_array *const *in, const void *p) {
    return nd_log_softmax(in[0], *(const int *)p);
}
static nd_array *fw_where(const nd_array *const *in, const void *p) {
    (void)p;
    return nd_where(in[0], in[1], in[2]);
}
static nd_array *fw_clip(const nd_array *const *in, const void *p) {
    (void)p;
    return nd_clip(in[0], in[1], in[2]);
}

#define ND_AD_FWRED_(name)                                                          \
    static nd_array *fw_##name(const nd_array *const *in, const void *pv) {        \
        const nd__ad_reduce_params *p = pv;                                        \
        return nd_##name(in[0], p->naxes, p->axes, p->keepdims);                   \
    }
ND_AD_FWRED_(sum)
ND_AD_FWRED_(mean)
ND_AD_FWRED_(max)
ND_AD_FWRED_(min)
#undef ND_AD_FWRED_
static nd_array *fw_var(const nd_array *const *in, const void *pv) {
    const nd__ad_reduce_params *p = pv;
    return nd_var(in[0], p->naxes, p->axes, p->keepdims, p->ddof);
}
static nd_array *fw_std(const nd_array *const *in, const void *pv) {
    const nd__ad_reduce_params *p = pv;
    return nd_std(in[0], p->naxes, p->axes, p->keepdims, p->ddof);
}
static nd_array *fw_logsumexp(const nd_array *const *in, const void *pv) {
    const nd__ad_reduce_params *p = pv;
    return nd_logsumexp(in[0], p->naxes, p->axes, p->keepdims);
}

static nd_array *fw_reshape(const nd_array *const *in, const void *pv) {
    const nd__ad_shape_params *p = pv;
    return nd_reshape(in[0], p->ndim, p->shape);
}
static nd_array *fw_transpose(const nd_array *const *in, const void *pv) {
    const nd__ad_shape_params *p = pv;
    return nd_transpose(in[0], p->ndim < 0 ? NULL : p->axes);
}
static nd_array *fw_broadcast_to(const nd_array *const *in, const void *pv) {
    const nd__ad_shape_params *p = pv;
    return nd_broadcast_to(in[0], p->ndim, p->shape);
}
static nd_array *fw_expand_dims(const nd_array *const *in, const void *pv) {
    const nd__ad_shape_params *p = pv;
    return nd_expand_dims(in[0], p->axis);
}
static nd_array *fw_squeeze(const nd_array *const *in, const void *pv) {
    const nd__ad_shape_params *p = pv;
    return nd_squeeze(in[0], p->ndim, p->axes);
}
static nd_array *fw_view(const nd_array *const *in, const void *p) { return nd_view(in[0], p); }
static nd_array *fw_matmul(const nd_array *const *in, const void *p) {
    (void)p;
    return nd_matmul(in[0], in[1]);
}

/* ---------------------------------------------------------------- the table */

#define IN0 ND_AD_SAVE_IN(0)
#define IN1 ND_AD_SAVE_IN(1)
#define IN2 ND_AD_SAVE_IN(2)
#define OUT ND_AD_SAVE_OUT
#define ENTRY(op, n, saves, diff) [ND_AD_OP_##op] = {"nd_ad_" #op, n, saves, diff, fw_##op, nd__ad_bw_##op}

const nd__ad_rule nd__ad_rules[ND_AD_NUM_OPS] = {
    /*    op            inputs  saves             differentiable inputs */
    ENTRY(add,          2,      0,                3),
    ENTRY(subtract,     2,      0,                3),
    ENTRY(multiply,     2,      IN0 | IN1,        3),
    ENTRY(divide,       2,      IN0 | IN1,        3),
    ENTRY(power,        2,      IN0 | IN1 | OUT,  3),
    ENTRY(maximum,      2,      IN0 | IN1,        3),
    ENTRY(minimum,      2,      IN0 | IN1,        3),
    ENTRY(negative,     1,      0,                1),
    ENTRY(square,       1,      IN0,              1),
    ENTRY(sqrt,         1,      OUT,              1),
    ENTRY(exp,          1,      OUT,              1),
    ENTRY(log,          1,      IN0,              1),
    ENTRY(tanh,         1,      OUT,              1),
    ENTRY(sigmoid,      1,      OUT,              1),
    ENTRY(relu,         1,      OUT,              1),
    ENTRY(abs,          1,      IN0,              1),
    ENTRY(reciprocal,   1,      OUT,              1),
    ENTRY(log1p,        1,      IN0,              1),
    ENTRY(expm1,        1,      OUT,              1),
    ENTRY(sin,          1,      IN0,              1),
    ENTRY(cos,          1,      IN0,              1),
    ENTRY(gelu,         1,      IN0,              1),
    ENTRY(gelu_tanh,    1,      IN0,              1),
    ENTRY(silu,         1,      IN0,              1),
    ENTRY(softplus,     1,      IN0,              1),
    ENTRY(leaky_relu,   1,      IN0,              1),
    ENTRY(softmax,      1,      OUT,              1),
    ENTRY(log_softmax,  1,      OUT,              1),
    ENTRY(where,        3,      IN0,              6), /* cond is not differentiable */
    ENTRY(clip,         3,      IN0 | IN1 | IN2,  7),
    ENTRY(sum,          1,      0,                1),
    ENTRY(mean,         1,      0,                1),
    ENTRY(max,          1,      IN0 | OUT,        1),
    ENTRY(min,          1,      IN0 | OUT,        1),
    ENTRY(var,          1,      IN0,              1),
    ENTRY(std,          1,      IN0 | OUT,        1),
    ENTRY(logsumexp,    1,      IN0 | OUT,        1),
    ENTRY(reshape,      1,      0,                1),
    ENTRY(transpose,    1,      0,                1),
    ENTRY(broadcast_to, 1,      0,                1),
    ENTRY(expand_dims,  1,      0,                1),
    ENTRY(squeeze,      1,      0,                1),
    ENTRY(view,         1,      0,                1),
    ENTRY(matmul,       2,      IN0 | IN1,        3),
};

/* ---------------------------------------------------------------- public entry points */

#define ND_AD_DEF2_(name)                                                           \
    nd_array *nd_ad_##name(nd_tape *t, const nd_array *a, const nd_array *b) {     \
        const nd_array *in[2] = {a, b};                                            \
        return nd__ad_run(t, ND_AD_OP_##name, in, NULL, 0);                        \
    }
#define ND_AD_DEF1_(name)                                                           \
    nd_array *nd_ad_##name(nd_tape *t, const nd_array *a) {                        \
        const nd_array *in[1] = {a};                                               \
        return nd__ad_run(t, ND_AD_OP_##name, in, NULL, 0);                        \
    }
ND_AD_BINARY_OPS(ND_AD_DEF2_)
ND_AD_UNARY_OPS(ND_AD_DEF1_)
#undef ND_AD_DEF2_
#undef ND_AD_DEF1_

nd_array *nd_ad_leaky_relu(nd_tape *t, const nd_array *a, double negative_slope) {
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_leaky_relu, in, &negative_slope, sizeof negative_slope);
}

nd_array *nd_ad_softmax(nd_tape *t, const nd_array *a, int axis) {
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_softmax, in, &axis, sizeof axis);
}

nd_array *nd_ad_log_softmax(nd_tape *t, const nd_array *a, int axis) {
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_log_softmax, in, &axis, sizeof axis);
}

nd_array *nd_ad_where(nd_tape *t, const nd_array *cond, const nd_array *a, const nd_array *b) {
    const nd_array *in[3] = {cond, a, b};
    return nd__ad_run(t, ND_AD_OP_where, in, NULL, 0);
}

nd_array *nd_ad_clip(nd_tape *t, const nd_array *a, const nd_array *lo, const nd_array *hi) {
    const nd_array *in[3] = {a, lo, hi};
    return nd__ad_run(t, ND_AD_OP_clip, in, NULL, 0);
}

/* The plain reduction, for arguments the packed form cannot hold: it
 * reports them (or, with t NULL, is the whole call). */
static nd_array *plain_reduce(nd__ad_op op, const nd_array *a, int naxes, const int *axes, bool keepdims,
                              double ddof) {
    switch (op) {
    case ND_AD_OP_mean: return nd_mean(a, naxes, axes, keepdims);
    case ND_AD_OP_max: return nd_max(a, naxes, axes, keepdims);
    case ND_AD_OP_min: return nd_min(a, naxes, axes, keepdims);
    case ND_AD_OP_var: return nd_var(a, naxes, axes, keepdims, ddof);
    case ND_AD_OP_std: return nd_std(a, naxes, axes, keepdims, ddof);
    case ND_AD_OP_logsumexp: return nd_logsumexp(a, naxes, axes, keepdims);
    default: return nd_sum(a, naxes, axes, keepdims);
    }
}

static nd_array *reduce(nd_tape *t, nd__ad_op op, const nd_array *a, int naxes, const int *axes,
                        bool keepdims, double ddof) {
    /* logsumexp refuses naxes 0 with NULL axes, which the packed form would hide */
    bool empty_null = naxes == 0 && !axes && op == ND_AD_OP_logsumexp;
    if (naxes > ND_MAX_DIMS || (naxes > 0 && !axes) || empty_null) {
        unsigned long mark = nd_error_mark();
        nd_array *r = plain_reduce(op, a, naxes, axes, keepdims, ddof);
        if (r && !t) return r;
        nd_free(r);
        if (r) nd_set_error(ND_ERR_VALUE, nd__ad_rules[op].name, "too many axes (%d)", naxes);
        nd_error_relabel(nd__ad_rules[op].name, mark);
        return NULL;
    }
    nd__ad_reduce_params p;
    memset(&p, 0, sizeof p);
    p.naxes = naxes;
    p.keepdims = keepdims;
    p.ddof = ddof;
    if (naxes > 0) memcpy(p.axes, axes, sizeof(int) * (size_t)naxes);
    const nd_array *in[1] = {a};
    return nd__ad_run(t, op, in, &p, sizeof p);
}

nd_array *nd_ad_sum(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return reduce(t, ND_AD_OP_sum, a, naxes, axes, keepdims, 0);
}
nd_array *nd_ad_mean(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return reduce(t, ND_AD_OP_mean, a, naxes, axes, keepdims, 0);
}
nd_array *nd_ad_max(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return reduce(t, ND_AD_OP_max, a, naxes, axes, keepdims, 0);
}
nd_array *nd_ad_min(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return reduce(t, ND_AD_OP_min, a, naxes, axes, keepdims, 0);
}
nd_array *nd_ad_var(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return reduce(t, ND_AD_OP_var, a, naxes, axes, keepdims, ddof);
}
nd_array *nd_ad_std(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return reduce(t, ND_AD_OP_std, a, naxes, axes, keepdims, ddof);
}
nd_array *nd_ad_logsumexp(nd_tape *t, const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return reduce(t, ND_AD_OP_logsumexp, a, naxes, axes, keepdims, 0);
}

/* Shape parameters: counts beyond ND_MAX_DIMS go to the forward unpacked
 * (it reports them) by way of a NULL-free error path. */
static bool pack(const char *fn, nd__ad_shape_params *p, int n, const int *axes, const int64_t *shape) {
    memset(p, 0, sizeof *p);
    p->ndim = n;
    if (n <= 0 || n > ND_MAX_DIMS) return true; /* nothing to copy, or the forward rejects it */
    if (n > 0 && ((axes == NULL && shape == NULL))) {
        if (nd_last_status() == ND_OK) nd_set_error(ND_ERR_NULL, fn, "argument '%s' is NULL", "shape");
        return false;
    }
    if (axes) memcpy(p->axes, axes, sizeof(int) * (size_t)n);
    if (shape) memcpy(p->shape, shape, sizeof(int64_t) * (size_t)n);
    return true;
}

nd_array *nd_ad_reshape(nd_tape *t, const nd_array *a, int ndim, const int64_t *shape) {
    nd__ad_shape_params p;
    if (ndim < 0 || ndim > ND_MAX_DIMS || (ndim > 0 && !shape)) {
        unsigned long mark = nd_error_mark();
        nd_free(nd_reshape(a, ndim, shape));
        nd_error_relabel("nd_ad_reshape", mark);
        return NULL;
    }
    pack("nd_ad_reshape", &p, ndim, NULL, shape);
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_reshape, in, &p, sizeof p);
}

nd_array *nd_ad_broadcast_to(nd_tape *t, const nd_array *a, int ndim, const int64_t *shape) {
    nd__ad_shape_params p;
    if (ndim < 0 || ndim > ND_MAX_DIMS || (ndim > 0 && !shape)) {
        unsigned long mark = nd_error_mark();
        nd_free(nd_broadcast_to(a, ndim, shape));
        nd_error_relabel("nd_ad_broadcast_to", mark);
        return NULL;
    }
    pack("nd_ad_broadcast_to", &p, ndim, NULL, shape);
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_broadcast_to, in, &p, sizeof p);
}

nd_array *nd_ad_transpose(nd_tape *t, const nd_array *a, const int *axes) {
    nd__ad_shape_params p;
    memset(&p, 0, sizeof p);
    int nd = a ? nd_ndim(a) : 0;
    p.ndim = axes ? nd : -1;
    if (axes) memcpy(p.axes, axes, sizeof(int) * (size_t)nd);
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_transpose, in, &p, sizeof p);
}

nd_array *nd_ad_expand_dims(nd_tape *t, const nd_array *a, int axis) {
    nd__ad_shape_params p;
    memset(&p, 0, sizeof p);
    p.axis = axis;
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_expand_dims, in, &p, sizeof p);
}

nd_array *nd_ad_squeeze(nd_tape *t, const nd_array *a, int naxes, const int *axes) {
    nd__ad_shape_params p;
    if ((naxes < 0 && naxes != ND_ALL_AXES) || naxes > ND_MAX_DIMS || (naxes > 0 && !axes)) {
        unsigned long mark = nd_error_mark();
        nd_free(nd_squeeze(a, naxes, axes));
        nd_error_relabel("nd_ad_squeeze", mark);
        return NULL;
    }
    pack("nd_ad_squeeze", &p, naxes, axes, NULL);
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_squeeze, in, &p, sizeof p);
}

nd_array *nd_ad_view(nd_tape *t, const nd_array *a, const char *index) {
    const nd_array *in[1] = {a};
    return nd__ad_run(t, ND_AD_OP_view, in, index, index ? strlen(index) + 1 : 0);
}

nd_array *nd_ad_matmul(nd_tape *t, const nd_array *a, const nd_array *b) {
    const nd_array *in[2] = {a, b};
    return nd__ad_run(t, ND_AD_OP_matmul, in, NULL, 0);
}

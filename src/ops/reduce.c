/* The public reductions: axis parsing, NumPy's accumulator dtypes, empty
 * and keepdims handling, then the reduction walker (iter/reduce.c). Also
 * mean, var and std, which are built from sums. */
#include "iter/iter.h"

#include <math.h>

/* Which axes of a are reduced; false (error recorded) for a bad axis list. */
static bool parse_axes(const char *fn, const nd_array *a, int naxes, const int *axes, bool *reduced) {
    return nd__axes_mask(fn, a->ndim, naxes, axes, reduced);
}

/* The result's shape without (or, with keepdims, with length-1) reduced axes. */
static int result_shape(const nd_array *a, const bool *reduced, bool keepdims, int64_t *shape) {
    int n = 0;
    for (int d = 0; d < a->ndim; d++) {
        if (!reduced[d]) shape[n++] = a->shape[d];
        else if (keepdims) shape[n++] = 1;
    }
    return n;
}

/* The number of elements folded into each result. */
static int64_t fold_count(const nd_array *a, const bool *reduced) {
    int64_t n = 1;
    for (int d = 0; d < a->ndim; d++)
        if (reduced[d]) n *= a->shape[d];
    return n;
}

typedef struct reduction {
    nd_reduce_op op;
    nd_dtype in_loop; /* the loop reads a as this */
    nd_dtype acc;     /* and folds into this */
} reduction;

/* Folds a over the reduced axes into a new array of the result shape. */
static nd_array *fold(const char *fn, const nd_array *a, const bool *reduced, bool keepdims,
                      reduction red) {
    int64_t shape[ND_MAX_DIMS];
    int nd = result_shape(a, reduced, keepdims, shape);
    nd_array *res = nd__alloc_array(fn, nd, shape, red.acc);
    if (!res) return NULL;
    /* the walker sees the result with a's ndim, stride 0 on reduced axes */
    nd_array kd = *res;
    kd.ndim = a->ndim;
    for (int d = 0; d < a->ndim; d++) kd.shape[d] = reduced[d] ? 1 : a->shape[d];
    nd__c_strides(kd.ndim, kd.shape, kd.strides);
    nd__update_flags(&kd);
    _Alignas(16) char identity[16];
    nd__reduce_identity(red.op, red.acc, identity);
    nd__fill_bytes(res->data, res->size, identity, nd__itemsize(red.acc));
    /* partial accumulators fold together with the op itself, except for
     * count_nonzero, whose partial counts add up, and nansum, whose partial
     * sums are results: one that became NaN (inf + -inf) is no NaN element
     * to skip */
    nd_reduce_op cop = red.op == ND_RED_count_nonzero || red.op == ND_RED_nansum ? ND_RED_sum : red.op;
    const nd_reduce_kernels k = {nd__reduce_loop(red.op, red.in_loop), nd__reduce_loop(cop, red.acc),
                                 nd__fold_loop(red.op, red.in_loop),
                                 (red.op == ND_RED_sum || red.op == ND_RED_nansum) && nd_dtype_is_float(red.in_loop)};
    if (nd__reduce(fn, &k, a, red.in_loop, &kd, identity) != ND_OK) {
        nd_free(res);
        return NULL;
    }
    return res;
}

/* Writes res into the user's out after the checks NumPy makes. */
static nd_status deliver(const char *fn, nd_array *res, nd_array *out) {
    nd_status st = ND_OK;
    if (!nd__check_out(fn, out, res->ndim, res->shape)) st = nd_last_status();
    else if (!nd_can_cast(res->dtype, out->dtype, ND_CAST_SAME_KIND))
        st = nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
                       nd__dtypes[res->dtype].name, nd__dtypes[out->dtype].name);
    else
        st = nd_copyto(out, res);
    nd_free(res);
    return st;
}

/* Checks out's shape before any work, so a bad out costs nothing. */
static bool precheck_out(const char *fn, const nd_array *a, const bool *reduced, bool keepdims,
                         const nd_array *out) {
    int64_t shape[ND_MAX_DIMS];
    int nd = result_shape(a, reduced, keepdims, shape);
    return nd__check_out(fn, out, nd, shape);
}

typedef enum kind_of {
    K_SUM, K_PROD, K_MIN, K_MAX, K_ALL, K_ANY, K_COUNT, K_NANSUM, K_NANMIN, K_NANMAX,
    K_MEAN, K_NANMEAN
} kind_of;

static bool is_float(nd_dtype dt) { return nd__kind(dt) == ND_KIND_FLOAT; }

/* Picks the loop and accumulator for a kind on dtype dt; dt_override is
 * ND_NUM_DTYPES for NumPy's default. */
static reduction choose(kind_of k, nd_dtype dt, nd_dtype dt_override) {
    bool f = is_float(dt);
    reduction r;
    switch (k) {
    case K_SUM: case K_PROD: case K_NANSUM: {
        nd_dtype acc = dt_override != ND_NUM_DTYPES ? dt_override : nd__sum_dtype(dt);
        bool nan = k == K_NANSUM && is_float(acc);
        r = (reduction){k == K_PROD ? ND_RED_prod : nan ? ND_RED_nansum : ND_RED_sum, acc, acc};
        break;
    }
    case K_MEAN: case K_NANMEAN: {
        nd_dtype acc = dt_override != ND_NUM_DTYPES ? dt_override : f ? dt : ND_FLOAT64;
        r = (reduction){k == K_NANMEAN && is_float(acc) ? ND_RED_nansum : ND_RED_sum, acc, acc};
        break;
    }
    case K_MIN: r = (reduction){ND_RED_min, dt, dt}; break;
    case K_MAX: r = (reduction){ND_RED_max, dt, dt}; break;
    case K_NANMIN: r = (reduction){f ? ND_RED_nanmin : ND_RED_min, dt, dt}; break;
    case K_NANMAX: r = (reduction){f ? ND_RED_nanmax : ND_RED_max, dt, dt}; break;
    case K_ALL: r = (reduction){ND_RED_all, dt, ND_BOOL}; break;
    case K_ANY: r = (reduction){ND_RED_any, dt, ND_BOOL}; break;
    default: r = (reduction){ND_RED_count_nonzero, dt, ND_INT64}; break;
    }
    return r;
}

static const char *const g_kind_names[] = {
    [K_MIN] = "minimum", [K_MAX] = "maximum", [K_NANMIN] = "minimum", [K_NANMAX] = "maximum",
};

/* Divides a sum in place by per-result counts (a 0-d or broadcastable
 * array). An integer sum (mean with an integer dtype) takes the float
 * quotient truncated, as NumPy's unsafe cast back into the sum does. */
static nd_status divide_by(const char *fn, nd_array *sum, const nd_array *count) {
    nd_status st;
    if (nd__kind(sum->dtype) == ND_KIND_FLOAT) {
        st = nd_divide_out(sum, count, sum);
    } else {
        nd_array *q = nd_divide(sum, count);
        st = q ? nd_copyto(sum, q) : nd_last_status();
        nd_free(q);
    }
    if (st != ND_OK) nd__reraise(fn);
    return st;
}

/* The non-NaN count of each result, as float64, shaped like the result. */
static nd_array *count_not_nan(const char *fn, const nd_array *a, const bool *reduced, bool keepdims) {
    nd_array *isnan = nd_isnan(a);
    nd_array *ok = isnan ? nd_logical_not(isnan) : NULL;
    nd_free(isnan);
    if (!ok) return NULL;
    nd_array *cnt = fold(fn, ok, reduced, keepdims, choose(K_COUNT, ND_BOOL, ND_NUM_DTYPES));
    nd_free(ok);
    return cnt;
}

static nd_array *reduce_body(const char *fn, kind_of k, const nd_array *a, int naxes, const int *axes,
                             bool keepdims, nd_dtype dt_override, nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if (out && !precheck_out(fn, a, reduced, keepdims, out)) return NULL;
    if (k == K_MIN || k == K_MAX || k == K_NANMIN || k == K_NANMAX) {
        for (int d = 0; d < a->ndim; d++)
            if (reduced[d] && a->shape[d] == 0) {
                nd__error(ND_ERR_VALUE, fn, "zero-size array to reduction operation %s which has no identity (axis %d has length 0)",
                          g_kind_names[k], d);
                return NULL;
            }
    }
    reduction red = choose(k, a->dtype, dt_override);
    nd_array *res = fold(fn, a, reduced, keepdims, red);
    if (!res) return NULL;
    if (k == K_MEAN || k == K_NANMEAN) {
        nd_array *cnt = k == K_MEAN ? nd_scalar((double)fold_count(a, reduced), ND_FLOAT64)
                                    : count_not_nan(fn, a, reduced, keepdims);
        nd_status st = cnt ? divide_by(fn, res, cnt) : nd_last_status();
        nd_free(cnt);
        if (st != ND_OK) {
            nd_free(res);
            return NULL;
        }
    }
    if (out) return deliver(fn, res, out) == ND_OK ? out : NULL;
    return res;
}

/* Every reduction, under the public function's name whichever inner call
 * (nd_isnan, nd_scalar, nd_divide, ...) failed. */
static nd_array *reduce(const char *fn, kind_of k, const nd_array *a, int naxes, const int *axes,
                        bool keepdims, nd_dtype dt_override, nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array(fn, mark, reduce_body(fn, k, a, naxes, axes, keepdims, dt_override, out));
}

#define DEFINE_REDUCTION_(name, kind)                                              \
    nd_array *nd_##name(const nd_array *a, int naxes, const int *axes, bool keepdims) { \
        return reduce("nd_" #name, kind, a, naxes, axes, keepdims, ND_NUM_DTYPES, NULL); \
    }                                                                              \
    nd_status nd_##name##_out(const nd_array *a, int naxes, const int *axes, bool keepdims, \
                              nd_array *out) {                                     \
        if (!a) return nd__null_arg("nd_" #name "_out", "a");                      \
        if (!out) return nd__null_arg("nd_" #name "_out", "out");                  \
        return reduce("nd_" #name "_out", kind, a, naxes, axes, keepdims, ND_NUM_DTYPES, out) \
                   ? ND_OK                                                         \
                   : nd_last_status();                                             \
    }
DEFINE_REDUCTION_(sum, K_SUM)
DEFINE_REDUCTION_(prod, K_PROD)
DEFINE_REDUCTION_(mean, K_MEAN)
DEFINE_REDUCTION_(min, K_MIN)
DEFINE_REDUCTION_(max, K_MAX)
DEFINE_REDUCTION_(all, K_ALL)
DEFINE_REDUCTION_(any, K_ANY)
DEFINE_REDUCTION_(count_nonzero, K_COUNT)
DEFINE_REDUCTION_(nansum, K_NANSUM)
DEFINE_REDUCTION_(nanmean, K_NANMEAN)
DEFINE_REDUCTION_(nanmin, K_NANMIN)
DEFINE_REDUCTION_(nanmax, K_NANMAX)

/* The dtype argument must name a dtype: ND_NUM_DTYPES means "default"
 * only inside this file. */
#define DEFINE_DTYPE_VARIANT_(name, kind)                                          \
    nd_array *nd_##name##_dtype(const nd_array *a, int naxes, const int *axes, bool keepdims, \
                                nd_dtype dt) {                                     \
        if (!nd__check_dtype("nd_" #name "_dtype", dt)) return NULL;               \
        return reduce("nd_" #name "_dtype", kind, a, naxes, axes, keepdims, dt, NULL); \
    }
DEFINE_DTYPE_VARIANT_(sum, K_SUM)
DEFINE_DTYPE_VARIANT_(prod, K_PROD)
DEFINE_DTYPE_VARIANT_(mean, K_MEAN)

/* var = sum((a - mean)^2) / (N - ddof), two passes for stability. */
static nd_array *variance_body(const char *fn, const nd_array *a, int naxes, const int *axes,
                               bool keepdims, double ddof, bool take_sqrt, nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if (out && !precheck_out(fn, a, reduced, keepdims, out)) return NULL;
    if (isnan(ddof) || ddof < 0) {
        nd__error(ND_ERR_VALUE, fn, "ddof must be a non-negative number, got %g", ddof);
        return NULL;
    }
    nd_dtype fdt = is_float(a->dtype) ? a->dtype : ND_FLOAT64;
    nd_array *mean = reduce(fn, K_MEAN, a, naxes, axes, true, fdt, NULL);
    nd_array *dev = mean ? nd_subtract(a, mean) : NULL;
    nd_free(mean);
    if (!dev || nd_multiply_out(dev, dev, dev) != ND_OK) {
        nd_free(dev);
        return NULL;
    }
    nd_array *var = fold(fn, dev, reduced, keepdims, choose(K_SUM, fdt, ND_NUM_DTYPES));
    nd_free(dev);
    if (!var) return NULL;
    double n = (double)fold_count(a, reduced) - ddof;
    nd_array *div = nd_scalar(n > 0 ? n : 0.0, ND_FLOAT64);
    nd_status st = div ? divide_by(fn, var, div) : nd_last_status();
    nd_free(div);
    if (st == ND_OK && take_sqrt) st = nd_sqrt_out(var, var);
    if (st != ND_OK) {
        nd_free(var);
        return NULL;
    }
    if (out) return deliver(fn, var, out) == ND_OK ? out : NULL;
    return var;
}

static nd_array *variance(const char *fn, const nd_array *a, int naxes, const int *axes,
                          bool keepdims, double ddof, bool take_sqrt, nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array(fn, mark, variance_body(fn, a, naxes, axes, keepdims, ddof, take_sqrt, out));
}

nd_array *nd_var(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return variance("nd_var", a, naxes, axes, keepdims, ddof, false, NULL);
}
nd_status nd_var_out(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof,
                     nd_array *out) {
    if (!a) return nd__null_arg("nd_var_out", "a");
    if (!out) return nd__null_arg("nd_var_out", "out");
    return variance("nd_var_out", a, naxes, axes, keepdims, ddof, false, out) ? ND_OK : nd_last_status();
}
nd_array *nd_std(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof) {
    return variance("nd_std", a, naxes, axes, keepdims, ddof, true, NULL);
}
nd_status nd_std_out(const nd_array *a, int naxes, const int *axes, bool keepdims, double ddof,
                     nd_array *out) {
    if (!a) return nd__null_arg("nd_std_out", "a");
    if (!out) return nd__null_arg("nd_std_out", "out");
    return variance("nd_std_out", a, naxes, axes, keepdims, ddof, true, out) ? ND_OK : nd_last_status();
}

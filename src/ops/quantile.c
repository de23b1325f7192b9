/* Order statistics: median, quantile and percentile with NumPy 1.24's
 * thirteen methods, and their nan* forms. Each slice of the reduced axes is
 * copied into scratch, and the positions the quantiles need are put in
 * place by selection (one three-way quickselect over every needed position
 * at once, heapsort where it degenerates), never by a full sort. The index
 * and interpolation arithmetic is NumPy's, operation for operation, so
 * finite float data gives NumPy's bits. */
#include "ops/stats_util.h"
#include "iter/threads.h"

#include <math.h>

/* ------------------------------------------------------------ selection */

#define ND_SWAP_(T, x, y)                                                          \
    do {                                                                           \
        T t_ = (x);                                                                \
        (x) = (y);                                                                 \
        (y) = t_;                                                                  \
    } while (0)

/* The first of the nk sorted positions ks that is not below x. */
static int64_t lower_bound(const int64_t *ks, int64_t nk, int64_t x) {
    int64_t lo = 0, hi = nk;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (ks[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Per dtype: insertion sort and heapsort for short or degenerate ranges,
 * and the multi-position select: afterwards v[k] holds the element a sort
 * would put there, for every k of ks (sorted, within [lo, hi)), with no
 * larger element before it and no smaller one after. Hoare's partition
 * around the median of three, stopping on equal elements, splits runs of
 * equal values (bool, small integers) evenly; every needed position ends in
 * a range that is sorted outright. The values compared hold no NaN. */
#define DEF_SELECT_(E, sfx, T, W, ...)                                             \
    static void isort_##sfx(T *v, int64_t n) {                                     \
        for (int64_t i = 1; i < n; i++) {                                          \
            T x = v[i];                                                            \
            int64_t j = i;                                                         \
            for (; j > 0 && x < v[j - 1]; j--) v[j] = v[j - 1];                    \
            v[j] = x;                                                              \
        }                                                                          \
    }                                                                              \
    static void sift_##sfx(T *v, int64_t n, int64_t i) {                           \
        T x = v[i];                                                                \
        for (;;) {                                                                 \
            int64_t c = 2 * i + 1;                                                 \
            if (c >= n) break;                                                     \
            if (c + 1 < n && v[c] < v[c + 1]) c++;                                 \
            if (!(x < v[c])) break;                                                \
            v[i] = v[c];                                                           \
            i = c;                                                                 \
        }                                                                          \
        v[i] = x;                                                                  \
    }                                                                              \
    static void heapsort_##sfx(T *v, int64_t n) {                                  \
        for (int64_t i = n / 2; i-- > 0;) sift_##sfx(v, n, i);                     \
        for (int64_t e = n - 1; e > 0; e--) {                                      \
            ND_SWAP_(T, v[0], v[e]);                                               \
            sift_##sfx(v, e, 0);                                                   \
        }                                                                          \
    }                                                                              \
    static void select_##sfx(void *vp, int64_t lo, int64_t hi, const int64_t *ks, int64_t nk, \
                             int depth) {                                          \
        T *v = vp;                                                                 \
        while (nk > 0) {                                                           \
            int64_t len = hi - lo;                                                 \
            if (len <= 16) {                                                       \
                isort_##sfx(v + lo, len);                                          \
                return;                                                            \
            }                                                                      \
            if (depth-- <= 0) {                                                    \
                heapsort_##sfx(v + lo, len);                                       \
                return;                                                            \
            }                                                                      \
            /* the median of three moved to v[lo] is the pivot */                  \
            int64_t m = lo + len / 2;                                              \
            if (v[m] < v[lo]) ND_SWAP_(T, v[m], v[lo]);                            \
            if (v[hi - 1] < v[m]) ND_SWAP_(T, v[hi - 1], v[m]);                    \
            if (v[m] < v[lo]) ND_SWAP_(T, v[m], v[lo]);                            \
            ND_SWAP_(T, v[lo], v[m]);                                              \
            T p = v[lo];                                                           \
            int64_t i = lo - 1, j = hi;                                            \
            for (;;) {                                                             \
                do j--;                                                            \
                while (p < v[j]);                                                  \
                do i++;                                                            \
                while (v[i] < p);                                                  \
                if (i >= j) break;                                                 \
                ND_SWAP_(T, v[i], v[j]);                                           \
            }                                                                      \
            /* [lo, j] <= p <= (j, hi), both sides non-empty */                    \
            int64_t nl = lower_bound(ks, nk, j + 1);                               \
            if (nl > 0) select_##sfx(v, lo, j + 1, ks, nl, depth);                 \
            ks += nl;                                                              \
            nk -= nl;                                                              \
            lo = j + 1;                                                            \
        }                                                                          \
    }                                                                              \
    static double get_##sfx(const void *v, int64_t i) { return (double)((const T *)v)[i]; }
ND_FOR_EACH_DTYPE(DEF_SELECT_, ~)
#undef DEF_SELECT_

/* NaN handling for the float dtypes: drop them (nan* functions) or find one. */
#define DEF_NAN_(E, sfx, T, W, ...)                                                \
    static int64_t drop_nan_##sfx(void *vp, int64_t n) {                           \
        T *v = vp;                                                                 \
        int64_t m = 0;                                                             \
        for (int64_t i = 0; i < n; i++)                                            \
            if (v[i] == v[i]) v[m++] = v[i];                                       \
        return m;                                                                  \
    }                                                                              \
    static bool has_nan_##sfx(const void *vp, int64_t n) {                         \
        const T *v = vp;                                                           \
        for (int64_t i = 0; i < n; i++)                                            \
            if (v[i] != v[i]) return true;                                         \
        return false;                                                              \
    }
ND_FOR_FLOAT(DEF_NAN_, ~)
#undef DEF_NAN_

typedef struct sel_ops {
    void (*select)(void *v, int64_t lo, int64_t hi, const int64_t *ks, int64_t nk, int depth);
    double (*get)(const void *v, int64_t i);
    int64_t (*drop_nan)(void *v, int64_t n);  /* NULL: the dtype has no NaN */
    bool (*has_nan)(const void *v, int64_t n);
} sel_ops;

static const sel_ops g_sel[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = {select_##sfx, get_##sfx, NULL, NULL},
    ND_FOR_BOOL(X_, ~) ND_FOR_SIGNED(X_, ~) ND_FOR_UNSIGNED(X_, ~)
#undef X_
#define X_(E, sfx, T, W, ...) [E] = {select_##sfx, get_##sfx, drop_nan_##sfx, has_nan_##sfx},
    ND_FOR_FLOAT(X_, ~)
#undef X_
};

/* Twice the bit length of n: the depth after which select gives up on
 * partitioning and heapsorts, so the worst case stays O(n log n). */
static int depth_limit(int64_t n) {
    int d = 0;
    while (n > 0) {
        d++;
        n >>= 1;
    }
    return 2 * d + 2;
}

/* Sorts and deduplicates n positions; returns how many remain. */
static int64_t sort_unique(int64_t *ks, int64_t n) {
    heapsort_i64(ks, n);
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++)
        if (m == 0 || ks[m - 1] != ks[i]) ks[m++] = ks[i];
    return m;
}

/* ------------------------------------------------------------ NumPy's index arithmetic */

static const char *const g_method_names[ND_QUANTILE_NUM_METHODS] = {
    [ND_QUANTILE_LINEAR] = "linear",
    [ND_QUANTILE_INVERTED_CDF] = "inverted_cdf",
    [ND_QUANTILE_AVERAGED_INVERTED_CDF] = "averaged_inverted_cdf",
    [ND_QUANTILE_CLOSEST_OBSERVATION] = "closest_observation",
    [ND_QUANTILE_INTERPOLATED_INVERTED_CDF] = "interpolated_inverted_cdf",
    [ND_QUANTILE_HAZEN] = "hazen",
    [ND_QUANTILE_WEIBULL] = "weibull",
    [ND_QUANTILE_MEDIAN_UNBIASED] = "median_unbiased",
    [ND_QUANTILE_NORMAL_UNBIASED] = "normal_unbiased",
    [ND_QUANTILE_LOWER] = "lower",
    [ND_QUANTILE_HIGHER] = "higher",
    [ND_QUANTILE_MIDPOINT] = "midpoint",
    [ND_QUANTILE_NEAREST] = "nearest",
};

nd_quantile_method nd_quantile_method_from_name(const char *name) {
    static const char fn[] = "nd_quantile_method_from_name";
    if (!name) {
        nd__null_arg(fn, "name");
        return ND_QUANTILE_NUM_METHODS;
    }
    for (int m = 0; m < ND_QUANTILE_NUM_METHODS; m++)
        if (strcmp(name, g_method_names[m]) == 0) return (nd_quantile_method)m;
    nd__error(ND_ERR_VALUE, fn, "'%.64s' is not a valid method. Use one of: inverted_cdf, "
              "averaged_inverted_cdf, closest_observation, interpolated_inverted_cdf, hazen, weibull, "
              "linear, median_unbiased, normal_unbiased, lower, higher, midpoint, nearest", name);
    return ND_QUANTILE_NUM_METHODS;
}

/* The methods that pick one element and keep a's dtype. */
static bool is_discrete(nd_quantile_method m) {
    return m == ND_QUANTILE_INVERTED_CDF || m == ND_QUANTILE_CLOSEST_OBSERVATION ||
           m == ND_QUANTILE_LOWER || m == ND_QUANTILE_HIGHER || m == ND_QUANTILE_NEAREST;
}

/* Python's x % m for floats: the sign of m. */
static double py_mod(double x, double m) {
    double r = fmod(x, m);
    if (r != 0 && ((r < 0) != (m < 0))) r += m;
    return r;
}

/* NumPy's _compute_virtual_index. */
static double hf_index(double n, double q, double alpha, double beta) {
    return n * q + (alpha + q * (1 - alpha - beta)) - 1;
}

/* Where one quantile lies among n sorted values: between positions lo and
 * hi at fraction t (lo == hi and t == 0 for the discrete methods). */
typedef struct qpoint {
    int64_t lo, hi;
    double t;
} qpoint;

static qpoint locate(nd_quantile_method m, int64_t n, double q) {
    double dn = (double)n, v = 0, idx, prev;
    bool discrete = true;
    switch (m) {
    case ND_QUANTILE_INVERTED_CDF: /* _inverted_cdf */
        idx = dn * q - 1;
        prev = floor(idx);
        v = idx - prev == 0 ? prev : prev + 1;
        break;
    case ND_QUANTILE_CLOSEST_OBSERVATION: /* _closest_observation */
        idx = dn * q - 1 - 0.5;
        prev = floor(idx);
        v = idx - prev == 0 && py_mod(prev, 2) == 0 ? prev : prev + 1;
        break;
    case ND_QUANTILE_LOWER: v = floor((dn - 1) * q); break;
    case ND_QUANTILE_HIGHER: v = ceil((dn - 1) * q); break;
    case ND_QUANTILE_NEAREST: v = nearbyint((dn - 1) * q); break; /* np.around: halves to even */
    default: discrete = false; break;
    }
    if (discrete) {
        if (v < 0) v = 0;
        if (v > dn - 1) v = dn - 1;
        return (qpoint){(int64_t)v, (int64_t)v, 0};
    }
    switch (m) {
    case ND_QUANTILE_AVERAGED_INVERTED_CDF: v = dn * q - 1; break;
    case ND_QUANTILE_INTERPOLATED_INVERTED_CDF: v = hf_index(dn, q, 0, 1); break;
    case ND_QUANTILE_HAZEN: v = hf_index(dn, q, 0.5, 0.5); break;
    case ND_QUANTILE_WEIBULL: v = hf_index(dn, q, 0, 0); break;
    case ND_QUANTILE_MEDIAN_UNBIASED: v = hf_index(dn, q, 1 / 3.0, 1 / 3.0); break;
    case ND_QUANTILE_NORMAL_UNBIASED: v = hf_index(dn, q, 3 / 8.0, 3 / 8.0); break;
    case ND_QUANTILE_MIDPOINT: v = 0.5 * (floor((dn - 1) * q) + ceil((dn - 1) * q)); break;
    default: v = (dn - 1) * q; break; /* linear */
    }
    /* _get_indexes: beyond the last position both neighbours are the last
     * (index -1), before the first both are the first; gamma is measured
     * from those indices as NumPy measures it */
    int64_t lo = (int64_t)floor(v), hi = lo + 1;
    if (v >= dn - 1) lo = hi = -1;
    if (v < 0) lo = hi = 0;
    double t = v - (double)lo;
    if (m == ND_QUANTILE_AVERAGED_INVERTED_CDF) t = t == 0 ? 0.5 : 1.0;
    if (m == ND_QUANTILE_MIDPOINT) t = py_mod(v, 1) == 0 ? 0 : 0.5;
    return (qpoint){lo < 0 ? n - 1 : lo, hi < 0 ? n - 1 : hi, t};
}

/* NumPy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) from t = 0.5, with
 * b - a rounded to float32 for float32 data as NumPy subtracts in the
 * data's dtype. Where an infinity (or a difference beyond the range) would
 * make that NaN or the wrong infinity, the limit instead. */
static double lerp(double a, double b, double t, bool f32) {
    double d = f32 ? (double)((float)b - (float)a) : b - a;
    if (isfinite(d)) {
        double r = a + d * t;
        if (t >= 0.5) r = b - d * (1 - t);
        return r;
    }
    if (a == b || t == 0) return a;
    if (t == 1) return b;
    if (isinf(a) && isinf(b)) return NAN;
    if (isinf(a)) return a;
    if (isinf(b)) return b;
    return a * (1 - t) + b * t;
}

/* ------------------------------------------------------------ the slices */

typedef struct qjob {
    const char *fn;
    bool nan;                  /* ignore NaN */
    bool median;               /* np.median: mean of the middle two */
    nd_quantile_method method;
    int64_t nq;
    const double *q;           /* in [0, 1] */
} qjob;

static void put_float(char *p, nd_dtype dt, double v) {
    if (dt == ND_FLOAT32) {
        float f = (float)v;
        memcpy(p, &f, sizeof f);
    } else {
        memcpy(p, &v, sizeof v);
    }
}

/* The median of n >= 1 selected values, as np.mean of the middle one or
 * two: added and halved in a float dtype, in float64 for the others. */
static double middle(const sel_ops *ops, nd_dtype dt, const void *buf, int64_t n) {
    if (n % 2) return ops->get(buf, (n - 1) / 2);
    double a = ops->get(buf, n / 2 - 1), b = ops->get(buf, n / 2);
    if (dt == ND_FLOAT32) {
        float s = (float)a + (float)b;
        return (double)(s / 2.0f);
    }
    return (a + b) / 2.0;
}

/* The positions n values need, into ks; returns how many (sorted, unique). */
static int64_t plan(const qjob *j, int64_t n, qpoint *pts, int64_t *ks) {
    int64_t nk = 0;
    if (j->median) {
        ks[nk++] = (n - 1) / 2;
        if (n % 2 == 0) ks[nk++] = n / 2;
        return nk;
    }
    for (int64_t i = 0; i < j->nq; i++) {
        pts[i] = locate(j->method, n, j->q[i]);
        ks[nk++] = pts[i].lo;
        if (pts[i].hi != pts[i].lo) ks[nk++] = pts[i].hi;
    }
    return sort_unique(ks, nk);
}

/* Scratch for one part of the lanes: a lane's copy, the positions to
 * select and the quantiles' positions. */
typedef struct qscratch {
    char *buf;
    int64_t *ks;
    qpoint *pts;
} qscratch;

/* The lanes [first, last) of l, their results into res. */
static void some_lanes(const qjob *j, const nd_st_lanes *l, nd_array *res, int64_t first, int64_t last,
                       const qscratch *s) {
    nd_dtype dt = l->a->dtype, rdt = res->dtype;
    const sel_ops *ops = &g_sel[dt];
    size_t isz = l->isz, rsz = nd__itemsize(rdt);
    int64_t nres = j->median ? 1 : j->nq;
    bool discrete = !j->median && is_discrete(j->method);
    /* the outer cursor at lane first */
    nd_ix_cursor outer;
    nd__ix_cursor_init(&outer, l->a->data, l->nk, l->kshape, l->ksteps);
    int64_t rem = first;
    for (int d = l->nk - 1; d >= 0; d--) {
        outer.idx[d] = rem % l->kshape[d];
        rem /= l->kshape[d];
        outer.p += outer.idx[d] * l->ksteps[d];
    }
    int64_t planned_n = -1, nk = 0;
    for (int64_t lane = first; lane < last; lane++, nd__ix_cursor_next(&outer)) {
        nd__st_gather(l, outer.p, s->buf);
        int64_t n = l->len;
        bool nan_out = false;
        if (ops->drop_nan) {
            if (j->nan) n = ops->drop_nan(s->buf, n);
            else nan_out = ops->has_nan(s->buf, n);
        }
        /* a NaN in the slice, or nothing left: NaN (the callers refused the
         * empty slices of an integer result) */
        if (nan_out || n == 0) {
            for (int64_t i = 0; i < nres; i++) put_float(res->data + (size_t)(i * l->nlanes + lane) * rsz, rdt, NAN);
            continue;
        }
        if (n != planned_n) {
            nk = plan(j, n, s->pts, s->ks);
            planned_n = n;
        }
        ops->select(s->buf, 0, n, s->ks, nk, depth_limit(n));
        if (j->median) {
            put_float(res->data + (size_t)lane * rsz, rdt, middle(ops, dt, s->buf, n));
            continue;
        }
        for (int64_t i = 0; i < j->nq; i++) {
            const qpoint *pt = &s->pts[i];
            char *p = res->data + (size_t)(i * l->nlanes + lane) * rsz;
            if (discrete) nd__ix_copy_elem(p, s->buf + (size_t)pt->lo * isz, isz);
            else put_float(p, rdt, lerp(ops->get(s->buf, pt->lo), ops->get(s->buf, pt->hi), pt->t, dt == ND_FLOAT32));
        }
    }
}

/* Lanes split into parts, one scratch per part, for the thread pool. */
#define MAX_PARTS 64
typedef struct qparts {
    const qjob *j;
    const nd_st_lanes *l;
    nd_array *res;
    int64_t nparts;
    qscratch s[MAX_PARTS];
} qparts;

static void run_parts(void *ctx, int64_t begin, int64_t end) {
    const qparts *q = ctx;
    for (int64_t p = begin; p < end; p++)
        some_lanes(q->j, q->l, q->res, q->l->nlanes * p / q->nparts, q->l->nlanes * (p + 1) / q->nparts, &q->s[p]);
}

/* Computes every slice's results into res, whose leading axes are q's.
 * Many lanes with enough work between them are split over the threads;
 * every part's scratch is allocated before any work starts. */
static nd_status run_lanes(const qjob *j, const nd_st_lanes *l, nd_array *res) {
    int64_t nres = j->median ? 1 : j->nq, work = l->nlanes * (l->len > 0 ? l->len : 1);
    qparts q = {j, l, res, 1, {{NULL, NULL, NULL}}};
    if (work >= ND_PARALLEL_MIN_ELEMS && l->nlanes > 1) {
        int64_t t = nd_get_num_threads(), by_work = work / ND_PARALLEL_CHUNK_ELEMS;
        q.nparts = t < by_work ? t : by_work;
        if (q.nparts > l->nlanes) q.nparts = l->nlanes;
        if (q.nparts > MAX_PARTS) q.nparts = MAX_PARTS;
        if (q.nparts < 1) q.nparts = 1;
    }
    nd_status st = ND_OK;
    for (int64_t p = 0; p < q.nparts && st == ND_OK; p++) {
        qscratch *s = &q.s[p];
        if (!(s->buf = nd__ix_alloc(j->fn, l->len, l->isz)) ||
            !(s->ks = nd__ix_alloc(j->fn, 2 * nres, sizeof(int64_t))) ||
            !(s->pts = nd__ix_alloc(j->fn, nres, sizeof(qpoint))))
            st = nd_last_status();
    }
    if (st == ND_OK) {
        if (q.nparts > 1) nd__parallel_for(q.nparts, 1, run_parts, &q);
        else some_lanes(j, l, res, 0, l->nlanes, &q.s[0]);
    }
    for (int64_t p = 0; p < q.nparts; p++) {
        nd__ix_free(q.s[p].pts);
        nd__ix_free(q.s[p].ks);
        nd__ix_free(q.s[p].buf);
    }
    return st;
}

/* The checks and the result around run_lanes: res of shape q's shape +
 * the reduced shape, delivered into out if given. */
static nd_array *order_stat(const qjob *j, const nd_array *a, const bool *reduced, bool keepdims,
                            int qndim, const int64_t *qshape, nd_array *out) {
    const char *fn = j->fn;
    nd_st_lanes l;
    nd__st_lanes_init(&l, a, reduced);
    bool fa = nd__kind(a->dtype) == ND_KIND_FLOAT;
    nd_dtype rdt = !j->median && is_discrete(j->method) ? a->dtype : fa ? a->dtype : ND_FLOAT64;
    int64_t shape[ND_MAX_DIMS + 2];
    for (int i = 0; i < qndim; i++) shape[i] = qshape[i];
    int nd = qndim + nd__st_result_shape(a, reduced, keepdims, shape + qndim);
    if (!nd__ix_check_ndim(fn, nd)) return NULL;
    if (out && !nd__st_check_out(fn, out, nd, shape, rdt)) return NULL;
    int64_t nres = j->median ? 1 : j->nq;
    if (l.len == 0 && l.nlanes > 0 && nres > 0 && !j->median &&
        (!j->nan || nd__kind(rdt) != ND_KIND_FLOAT)) {
        int ax = 0;
        while (!reduced[ax] || a->shape[ax] != 0) ax++;
        nd__error(ND_ERR_VALUE, fn, "cannot take a quantile of an empty slice (axis %d has length 0)", ax);
        return NULL;
    }
    nd_array *res = nd__alloc_array(fn, nd, shape, rdt);
    if (!res) return NULL;
    if (res->size > 0 && run_lanes(j, &l, res) != ND_OK) {
        nd_free(res);
        return NULL;
    }
    if (!out) return res;
    return nd__st_deliver(fn, res, out) == ND_OK ? out : NULL;
}

/* ------------------------------------------------------------ entry points */

static nd_array *median_entry(const char *fn, bool nan, const nd_array *a, int naxes,
                              const int *axes, bool keepdims, nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    qjob j = {fn, nan, true, ND_QUANTILE_LINEAR, 0, NULL};
    return order_stat(&j, a, reduced, keepdims, 0, NULL, out);
}

nd_array *nd_median(const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return median_entry("nd_median", false, a, naxes, axes, keepdims, NULL);
}
nd_status nd_median_out(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_median_out", "a");
    if (!out) return nd__null_arg("nd_median_out", "out");
    return median_entry("nd_median_out", false, a, naxes, axes, keepdims, out) ? ND_OK : nd_last_status();
}
nd_array *nd_nanmedian(const nd_array *a, int naxes, const int *axes, bool keepdims) {
    return median_entry("nd_nanmedian", true, a, naxes, axes, keepdims, NULL);
}
nd_status nd_nanmedian_out(const nd_array *a, int naxes, const int *axes, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_nanmedian_out", "a");
    if (!out) return nd__null_arg("nd_nanmedian_out", "out");
    return median_entry("nd_nanmedian_out", true, a, naxes, axes, keepdims, out) ? ND_OK : nd_last_status();
}

/* q from an array (qa) or a C array (nq, qc); pct: percentiles. */
static nd_array *quantile_entry(const char *fn, bool nan, bool pct, const nd_array *a,
                                const nd_array *qa, int nq, const double *qc, int naxes,
                                const int *axes, bool keepdims, nd_quantile_method method,
                                nd_array *out) {
    bool reduced[ND_MAX_DIMS];
    if (!nd__check_array(fn, "a", a)) return NULL;
    int qndim = 1;
    int64_t qshape[2] = {nq, 0}, count = nq;
    if (qa) {
        if (qa->ndim > 2) {
            char s[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_VALUE, fn, "q must be a scalar or 1d (got shape %s)",
                      nd__shape_str(s, sizeof s, qa->ndim, qa->shape));
            return NULL;
        }
        qndim = qa->ndim;
        for (int i = 0; i < qndim; i++) qshape[i] = qa->shape[i];
        count = qa->size;
    } else if (nq < 0) {
        nd__error(ND_ERR_VALUE, fn, "the number of quantiles must not be negative (got %d)", nq);
        return NULL;
    } else if (nq > 0 && !qc) {
        nd__null_arg(fn, "q");
        return NULL;
    }
    if (!nd__st_parse_axes(fn, a, naxes, axes, reduced)) return NULL;
    if ((unsigned)method >= (unsigned)ND_QUANTILE_NUM_METHODS) {
        nd__error(ND_ERR_VALUE, fn, "%d is not a valid method (nd_quantile_method)", (int)method);
        return NULL;
    }
    /* the quantiles as float64 in scratch of our own, then checked */
    double *qv = nd__ix_alloc(fn, count, sizeof(double));
    if (!qv) return NULL;
    if (qa) {
        nd_array *w = nd_wrap(qv, qndim, qshape, NULL, ND_FLOAT64, NULL, NULL);
        nd_status st = w ? nd_copyto(w, qa) : nd_last_status();
        nd_free(w);
        if (st != ND_OK) {
            nd__reraise(fn);
            nd__ix_free(qv);
            return NULL;
        }
    } else if (count > 0) {
        memcpy(qv, qc, sizeof(double) * (size_t)count);
    }
    for (int64_t i = 0; i < count; i++) {
        double x = qv[i];
        if (pct) qv[i] = x / 100;
        if (!(qv[i] >= 0 && qv[i] <= 1)) {
            nd__error(ND_ERR_VALUE, fn, "%s must be in the range [0, %s] (got %g)",
                      pct ? "Percentiles" : "Quantiles", pct ? "100" : "1", x);
            nd__ix_free(qv);
            return NULL;
        }
    }
    qjob j = {fn, nan, false, method, count, qv};
    nd_array *r = order_stat(&j, a, reduced, keepdims, qndim, qshape, out);
    nd__ix_free(qv);
    return r;
}

#define DEFINE_QUANTILE_(name, nan, pct)                                           \
    nd_array *nd_##name(const nd_array *a, const nd_array *q, int naxes, const int *axes, \
                        bool keepdims, nd_quantile_method method) {                \
        if (!a || !q) {                                                            \
            nd__null_arg("nd_" #name, !a ? "a" : "q");                             \
            return NULL;                                                           \
        }                                                                          \
        return quantile_entry("nd_" #name, nan, pct, a, q, 0, NULL, naxes, axes, keepdims, method, \
                              NULL);                                               \
    }                                                                              \
    nd_status nd_##name##_out(const nd_array *a, const nd_array *q, int naxes, const int *axes, \
                              bool keepdims, nd_quantile_method method, nd_array *out) { \
        if (!a) return nd__null_arg("nd_" #name "_out", "a");                      \
        if (!q) return nd__null_arg("nd_" #name "_out", "q");                      \
        if (!out) return nd__null_arg("nd_" #name "_out", "out");                  \
        return quantile_entry("nd_" #name "_out", nan, pct, a, q, 0, NULL, naxes, axes, keepdims, \
                              method, out)                                         \
                   ? ND_OK                                                         \
                   : nd_last_status();                                             \
    }                                                                              \
    nd_array *nd_##name##s(const nd_array *a, int nq, const double *q, int naxes, const int *axes, \
                           bool keepdims, nd_quantile_method method) {             \
        return quantile_entry("nd_" #name "s", nan, pct, a, NULL, nq, q, naxes, axes, keepdims, \
                              method, NULL);                                       \
    }
DEFINE_QUANTILE_(quantile, false, false)
DEFINE_QUANTILE_(percentile, false, true)
DEFINE_QUANTILE_(nanquantile, true, false)
DEFINE_QUANTILE_(nanpercentile, true, true)

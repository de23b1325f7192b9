/* np.unique with an axis: the slices of an array along one axis, sorted
 * lexicographically (their elements in C order, each compared in the
 * array's dtype with NaN last and -0.0 equal to 0.0, as NumPy compares
 * structured elements) by a stable merge sort of slice positions, then
 * grouped where every element is == (so NaN slices stay apart, as in
 * NumPy). The slices are read in place through byte offsets; the unique
 * ones are gathered with nd_take. */
#include "ops/index_util.h"

/* Runs this short are insertion-sorted before merging. */
#define SORT_RUN 16

/* A slice compared with another: p and q are their first elements, offs
 * the byte offsets of their m elements. */
typedef int (*slice_cmp_fn)(const char *p, const char *q, const int64_t *offs, int64_t m);
typedef bool (*slice_eq_fn)(const char *p, const char *q, const int64_t *offs, int64_t m);

#define ND_LT_INT_(x, y) ((x) < (y))
#define ND_LT_FLT_(x, y) ((x) < (y) || ((y) != (y) && (x) == (x)))

#define DEF_SLICE_(E, sfx, T, W, LT)                                               \
    static int cmp_##sfx(const char *p, const char *q, const int64_t *offs, int64_t m) { \
        for (int64_t j = 0; j < m; j++) {                                          \
            T x, y;                                                                \
            memcpy(&x, p + offs[j], sizeof x);                                     \
            memcpy(&y, q + offs[j], sizeof y);                                     \
            if (LT(x, y)) return -1;                                               \
            if (LT(y, x)) return 1;                                                \
        }                                                                          \
        return 0;                                                                  \
    }                                                                              \
    static bool eq_##sfx(const char *p, const char *q, const int64_t *offs, int64_t m) { \
        for (int64_t j = 0; j < m; j++) {                                          \
            T x, y;                                                                \
            memcpy(&x, p + offs[j], sizeof x);                                     \
            memcpy(&y, q + offs[j], sizeof y);                                     \
            if (!(x == y)) return false;                                           \
        }                                                                          \
        return true;                                                               \
    }
ND_FOR_BOOL(DEF_SLICE_, ND_LT_INT_)
ND_FOR_SIGNED(DEF_SLICE_, ND_LT_INT_)
ND_FOR_UNSIGNED(DEF_SLICE_, ND_LT_INT_)
ND_FOR_FLOAT(DEF_SLICE_, ND_LT_FLT_)
#undef DEF_SLICE_

static const slice_cmp_fn cmp_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = cmp_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};
static const slice_eq_fn eq_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = eq_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};

/* Where the slices are: slice i starts at base + i * step; its elements sit
 * at the m offsets. */
typedef struct slices {
    const char *base;
    int64_t step;
    const int64_t *offs;
    int64_t m;
    slice_cmp_fn cmp;
} slices;

static bool before(const slices *s, int64_t i, int64_t j) {
    return s->cmp(s->base + i * s->step, s->base + j * s->step, s->offs, s->m) < 0;
}

/* Sorts the positions ix[0..n) stably by their slices; tmp holds n. */
static void sort_slices(const slices *s, int64_t *ix, int64_t *tmp, int64_t n) {
    for (int64_t a = 0; a < n; a += SORT_RUN) {
        int64_t e = a + SORT_RUN < n ? a + SORT_RUN : n;
        for (int64_t i = a + 1; i < e; i++) {
            int64_t x = ix[i], j = i;
            for (; j > a && before(s, x, ix[j - 1]); j--) ix[j] = ix[j - 1];
            ix[j] = x;
        }
    }
    int64_t *src = ix, *dst = tmp;
    for (int64_t w = SORT_RUN; w < n; w *= 2) {
        for (int64_t a = 0; a < n; a += 2 * w) {
            int64_t mid = a + w < n ? a + w : n, e = mid + w < n ? mid + w : n;
            int64_t i = a, j = mid, o = a;
            while (i < mid && j < e) dst[o++] = before(s, src[j], src[i]) ? src[j++] : src[i++];
            while (i < mid) dst[o++] = src[i++];
            while (j < e) dst[o++] = src[j++];
        }
        int64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != ix) memcpy(ix, src, sizeof(int64_t) * (size_t)n);
}

/* The byte offsets of one slice's elements along every axis but ax, in C
 * order. */
static void slice_offsets(const nd_array *a, int ax, int64_t *offs) {
    int64_t isz = (int64_t)nd__itemsize(a->dtype), shape[ND_MAX_DIMS], steps[ND_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < a->ndim; d++)
        if (d != ax) shape[nd] = a->shape[d], steps[nd++] = a->strides[d] * isz;
    nd_ix_cursor c;
    nd__ix_cursor_init(&c, a->data, nd, shape, steps);
    int64_t m = nd__ix_count(nd, shape);
    for (int64_t j = 0; j < m; j++, nd__ix_cursor_next(&c)) offs[j] = (int64_t)(c.p - a->data);
}

nd_status nd_unique_axis(const nd_array *a, int axis, nd_array **values, nd_array **index,
                         nd_array **inverse, nd_array **counts) {
    static const char fn[] = "nd_unique_axis";
    if (!a) return nd__null_arg(fn, "a");
    if (!values) return nd__null_arg(fn, "values");
    if (axis == ND_AXIS_NONE) {
        nd_status st = nd_unique(a, values, index, inverse, counts);
        return st == ND_OK ? st : nd__reraise(fn);
    }
    int ax = axis;
    if (!nd__norm_axis_flat(fn, &ax, a->ndim)) return nd_last_status();
    int64_t n = a->shape[ax], m = 1; /* m: the elements of one slice */
    for (int d = 0; d < a->ndim; d++)
        if (d != ax) m *= a->shape[d]; /* a's size without the axis: no overflow */
    int64_t *offs = nd__ix_alloc(fn, m, sizeof(int64_t));
    int64_t *perm = offs ? nd__ix_alloc(fn, n, sizeof(int64_t)) : NULL;
    int64_t *tmp = perm ? nd__ix_alloc(fn, n, sizeof(int64_t)) : NULL;
    nd_array *res[4] = {NULL, NULL, NULL, NULL}; /* values, index, inverse, counts */
    nd_status st = ND_OK;
    if (!tmp) goto fail;
    slice_offsets(a, ax, offs);
    for (int64_t i = 0; i < n; i++) perm[i] = i;
    int64_t step = a->strides[ax] * (int64_t)nd__itemsize(a->dtype);
    slices s = {a->data, step, offs, m, cmp_fns[a->dtype]};
    sort_slices(&s, perm, tmp, n);
    /* tmp[i]: the group of sorted position i */
    int64_t nu = 0;
    for (int64_t i = 0; i < n; i++) {
        if (i == 0 || !eq_fns[a->dtype](a->data + perm[i] * step, a->data + perm[i - 1] * step, offs, m)) nu++;
        tmp[i] = nu - 1;
    }
    res[1] = nd__alloc_array(fn, 1, &nu, ND_INT64);
    if (inverse) res[2] = nd__alloc_array(fn, 1, &n, ND_INT64);
    if (counts) res[3] = nd__alloc_array(fn, 1, &nu, ND_INT64);
    if (!res[1] || (inverse && !res[2]) || (counts && !res[3])) goto fail;
    int64_t *first = (int64_t *)res[1]->data;
    int64_t *inv = inverse ? (int64_t *)res[2]->data : NULL;
    int64_t *cnt = counts ? (int64_t *)res[3]->data : NULL;
    for (int64_t i = 0; i < n; i++) {
        int64_t u = tmp[i];
        if (i == 0 || u != tmp[i - 1]) {
            first[u] = perm[i]; /* the sort is stable: the first of its group */
            if (cnt) cnt[u] = 0;
        }
        if (inv) inv[perm[i]] = u;
        if (cnt) cnt[u]++;
    }
    res[0] = nd_take(a, res[1], ax);
    if (!res[0]) {
        nd__reraise(fn);
        goto fail;
    }
    goto done;
fail:
    st = nd_last_status();
    for (int k = 0; k < 4; k++) nd_free(res[k]), res[k] = NULL;
done:
    nd__ix_free(tmp);
    nd__ix_free(perm);
    nd__ix_free(offs);
    if (st != ND_OK) return st;
    *values = res[0];
    if (index) *index = res[1];
    else nd_free(res[1]);
    if (inverse) *inverse = res[2];
    if (counts) *counts = res[3];
    return ND_OK;
}

/* np.unique over the flattened array, with NumPy 1.24's defaults: sorted
 * values, NaN last and all NaNs one value (equal_nan=True), the first index
 * of each value, the inverse (1-D) and the counts. A small stable merge
 * sort of (value, position) pairs, generated per dtype, does the sorting. */
#include "ops/index_util.h"

#define ND_LT_INT_(x, y) ((x) < (y))
#define ND_LT_FLT_(x, y) ((x) < (y) || ((y) != (y) && (x) == (x)))
#define ND_EQ_INT_(x, y) ((x) == (y))
#define ND_EQ_FLT_(x, y) ((x) == (y) || ((x) != (x) && (y) != (y)))

/* Runs this short are insertion-sorted before merging. */
#define SORT_RUN 16

typedef void (*sort_fn)(char *k, char *kt, int64_t *ix, int64_t *it, int64_t n);
typedef void (*group_fn)(const char *k, int64_t n, bool *first);

/* sort: the keys k and their positions ix (0..n-1) sorted together,
 * stably, with kt and it as scratch; sorting the keys themselves rather
 * than positions keeps the merges sequential in memory. group: first[i]
 * marks the sorted key i that starts a new value. */
#define DEF_UNIQUE_(E, sfx, T, W, LT, EQ)                                          \
    static void sort_##sfx(char *kp, char *ktp, int64_t *ix, int64_t *it, int64_t n) { \
        T *k = (T *)kp, *kt = (T *)ktp;                                            \
        for (int64_t s = 0; s < n; s += SORT_RUN) {                                \
            int64_t e = s + SORT_RUN < n ? s + SORT_RUN : n;                       \
            for (int64_t i = s + 1; i < e; i++) {                                  \
                T x = k[i];                                                        \
                int64_t p = ix[i], j = i;                                          \
                for (; j > s && LT(x, k[j - 1]); j--) {                            \
                    k[j] = k[j - 1];                                               \
                    ix[j] = ix[j - 1];                                             \
                }                                                                  \
                k[j] = x;                                                          \
                ix[j] = p;                                                         \
            }                                                                      \
        }                                                                          \
        T *sk = k, *dk = kt;                                                       \
        int64_t *si = ix, *di = it;                                                \
        for (int64_t w = SORT_RUN; w < n; w *= 2) {                                \
            for (int64_t s = 0; s < n; s += 2 * w) {                               \
                int64_t m = s + w < n ? s + w : n;                                 \
                int64_t e = m + w < n ? m + w : n;                                 \
                int64_t i = s, j = m, o = s;                                       \
                while (i < m && j < e) {                                           \
                    bool right = LT(sk[j], sk[i]);                                 \
                    int64_t from = right ? j++ : i++;                              \
                    dk[o] = sk[from];                                              \
                    di[o++] = si[from];                                            \
                }                                                                  \
                for (; i < m; i++, o++) {                                          \
                    dk[o] = sk[i];                                                 \
                    di[o] = si[i];                                                 \
                }                                                                  \
                for (; j < e; j++, o++) {                                          \
                    dk[o] = sk[j];                                                 \
                    di[o] = si[j];                                                 \
                }                                                                  \
            }                                                                      \
            T *tk = sk;                                                            \
            sk = dk;                                                               \
            dk = tk;                                                               \
            int64_t *ti = si;                                                      \
            si = di;                                                               \
            di = ti;                                                               \
        }                                                                          \
        if (sk != k) {                                                             \
            memcpy(k, sk, sizeof(T) * (size_t)n);                                  \
            memcpy(ix, si, sizeof(int64_t) * (size_t)n);                           \
        }                                                                          \
    }                                                                              \
    static void group_##sfx(const char *kp, int64_t n, bool *first) {             \
        const T *k = (const T *)kp;                                                \
        for (int64_t i = 0; i < n; i++) first[i] = i == 0 || !EQ(k[i], k[i - 1]);  \
    }
ND_FOR_BOOL(DEF_UNIQUE_, ND_LT_INT_, ND_EQ_INT_)
ND_FOR_SIGNED(DEF_UNIQUE_, ND_LT_INT_, ND_EQ_INT_)
ND_FOR_UNSIGNED(DEF_UNIQUE_, ND_LT_INT_, ND_EQ_INT_)
ND_FOR_FLOAT(DEF_UNIQUE_, ND_LT_FLT_, ND_EQ_FLT_)
#undef DEF_UNIQUE_

static const sort_fn sort_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = sort_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};
static const group_fn group_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = group_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};

static nd_status unique_body(const nd_array *a,
                             nd_array **values,
                             nd_array **index,
                             nd_array **inverse,
                             nd_array **counts) {
    static const char fn[] = "nd_unique";
    if (!a) return nd__null_arg(fn, "a");
    if (!values) return nd__null_arg(fn, "values");
    /* the keys: a C-ordered copy of the values, sorted in place */
    nd_array *keys = nd_copy(a);
    if (!keys) return nd_last_status();
    int64_t n = keys->size;
    size_t isz = nd__itemsize(a->dtype);
    int64_t *perm = nd__ix_alloc(fn, n, sizeof(int64_t));
    int64_t *tmp = perm ? nd__ix_alloc(fn, n, sizeof(int64_t)) : NULL;
    char *ktmp = tmp ? nd__ix_alloc(fn, n, isz) : NULL;
    bool *first = ktmp ? nd__ix_alloc(fn, n, sizeof(bool)) : NULL;
    nd_array *res[4] = {NULL, NULL, NULL, NULL};
    nd_status st = ND_OK;
    if (!first) {
        st = nd_last_status();
        goto done;
    }
    for (int64_t i = 0; i < n; i++) perm[i] = i;
    sort_fns[a->dtype](keys->data, ktmp, perm, tmp, n);
    group_fns[a->dtype](keys->data, n, first);
    int64_t nu = 0;
    for (int64_t i = 0; i < n; i++) nu += first[i];

    res[0] = nd__alloc_array(fn, 1, &nu, a->dtype);
    if (index) res[1] = nd__alloc_array(fn, 1, &nu, ND_INT64);
    if (inverse) res[2] = nd__alloc_array(fn, 1, &n, ND_INT64);
    if (counts) res[3] = nd__alloc_array(fn, 1, &nu, ND_INT64);
    if (!res[0] || (index && !res[1]) || (inverse && !res[2]) || (counts && !res[3])) {
        st = nd_last_status();
        goto done;
    }
    int64_t *ix = index ? (int64_t *)res[1]->data : NULL;
    int64_t *inv = inverse ? (int64_t *)res[2]->data : NULL;
    int64_t *cnt = counts ? (int64_t *)res[3]->data : NULL;
    /* the sort is stable: the first of a group is the value's first index */
    for (int64_t i = 0, u = -1; i < n; i++) {
        if (first[i]) {
            u++;
            nd__ix_copy_elem(res[0]->data + (size_t)u * isz, keys->data + (size_t)i * isz, isz);
            if (ix) ix[u] = perm[i];
            if (cnt) cnt[u] = 0;
        }
        if (inv) inv[perm[i]] = u;
        if (cnt) cnt[u]++;
    }
done:
    nd__ix_free(first);
    nd__ix_free(ktmp);
    nd__ix_free(tmp);
    nd__ix_free(perm);
    nd_free(keys);
    if (st != ND_OK) {
        for (int k = 0; k < 4; k++) nd_free(res[k]);
        return st;
    }
    *values = res[0];
    if (index) *index = res[1];
    if (inverse) *inverse = res[2];
    if (counts) *counts = res[3];
    return ND_OK;
}

nd_status nd_unique(const nd_array *a,
                    nd_array **values,
                    nd_array **index,
                    nd_array **inverse,
                    nd_array **counts) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_unique", mark, unique_body(a, values, index, inverse, counts));
}

/* Set operations on flattened arrays: intersect1d, union1d, setdiff1d,
 * setxor1d and isin. Each follows NumPy's own algorithm (make unique,
 * concatenate in the promoted dtype, sort stably, compare neighbours with
 * ==), so the results, NaN handling and indices included, are NumPy's.
 * isin sorts the test values in the promoted dtype and looks every element
 * up by bisection. Errors of the public functions called on the way are
 * restated under the caller's name. */
#include "ops/index_util.h"

#define ND_LT_INT_(x, y) ((x) < (y))
#define ND_LT_FLT_(x, y) ((x) < (y) || ((y) != (y) && (x) == (x)))

/* eq[i] = v[i] == v[i + 1] for a contiguous run of n elements (NaN equals
 * nothing). found[i] = whether e[i] equals an element of the sorted run s
 * (m elements, NaN last), found by bisection. */
typedef void (*eq_next_fn)(const char *v, int64_t n, bool *eq);
typedef void (*find_fn)(const char *e, int64_t n, const char *s, int64_t m, bool invert, bool *found);

#define DEF_SET_(E, sfx, T, W, LT)                                                 \
    static void eq_next_##sfx(const char *vp, int64_t n, bool *eq) {               \
        const T *v = (const T *)vp;                                                \
        for (int64_t i = 0; i + 1 < n; i++) eq[i] = v[i] == v[i + 1];              \
    }                                                                              \
    static void find_##sfx(const char *ep, int64_t n, const char *sp, int64_t m, bool invert, \
                           bool *found) {                                          \
        const T *e = (const T *)ep, *s = (const T *)sp;                            \
        for (int64_t i = 0; i < n; i++) {                                          \
            T x = e[i];                                                            \
            int64_t lo = 0, hi = m;                                                \
            while (lo < hi) {                                                      \
                int64_t mid = lo + (hi - lo) / 2;                                  \
                if (LT(s[mid], x)) lo = mid + 1;                                   \
                else hi = mid;                                                     \
            }                                                                      \
            found[i] = (lo < m && s[lo] == x) != invert;                           \
        }                                                                          \
    }
ND_FOR_BOOL(DEF_SET_, ND_LT_INT_)
ND_FOR_SIGNED(DEF_SET_, ND_LT_INT_)
ND_FOR_UNSIGNED(DEF_SET_, ND_LT_INT_)
ND_FOR_FLOAT(DEF_SET_, ND_LT_FLT_)
#undef DEF_SET_

static const eq_next_fn eq_next_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = eq_next_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};
static const find_fn find_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = find_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};

/* ------------------------------------------------------------ steps */

/* Each helper returns NULL (or false) with the error restated as fn's. */

static nd_array *reraised(const char *fn, nd_array *r) {
    if (!r) nd__reraise(fn);
    return r;
}

/* a's elements as a 1-D array: a view when possible, else a copy. */
static nd_array *flat(const char *fn, const nd_array *a) { return reraised(fn, nd_ravel(a)); }

/* np.unique(a), with the first indices in *index if index is not NULL. */
static nd_array *unique(const char *fn, const nd_array *a, nd_array **index) {
    nd_array *v = NULL;
    if (nd_unique(a, &v, index, NULL, NULL) != ND_OK) nd__reraise(fn);
    return v;
}

/* The inputs made unique (or flattened, with assume_unique); idx[k] gets
 * the first indices when want_index. */
static bool prepare(const char *fn, const nd_array *a, const nd_array *b, bool assume_unique,
                    bool want_index, nd_array **u, nd_array **idx) {
    const nd_array *in[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        u[k] = assume_unique ? flat(fn, in[k]) : unique(fn, in[k], want_index ? &idx[k] : NULL);
        if (!u[k]) return false;
    }
    return true;
}

static nd_array *concat(const char *fn, const nd_array *a, const nd_array *b) {
    const nd_array *ab[2] = {a, b};
    return reraised(fn, nd_concatenate(2, ab, ND_AXIS_NONE));
}

/* A sorted 1-D copy of a (a's dtype). */
static nd_array *sorted(const char *fn, const nd_array *a) {
    return reraised(fn, nd_sort(a, ND_AXIS_NONE, true));
}

static bool *eq_flags(const char *fn, const nd_array *v) {
    bool *eq = nd__ix_alloc(fn, v->size, sizeof(bool));
    if (eq) eq_next_fns[v->dtype](v->data, v->size, eq);
    return eq;
}

/* A new 1-D array of v's elements where keep[i], in order (v contiguous). */
static nd_array *select(const char *fn, const nd_array *v, const bool *keep) {
    int64_t n = v->size, cnt = 0;
    for (int64_t i = 0; i < n; i++) cnt += keep[i];
    nd_array *r = nd__alloc_array(fn, 1, &cnt, v->dtype);
    if (!r) return NULL;
    size_t isz = nd__itemsize(v->dtype);
    for (int64_t i = 0, o = 0; i < n; i++)
        if (keep[i]) nd__ix_copy_elem(r->data + (size_t)o++ * isz, v->data + (size_t)i * isz, isz);
    return r;
}

/* For each element of e (any shape), whether it is in t, compared in the
 * promoted dtype: a new bool array of e's shape. */
static nd_array *isin(const char *fn, const nd_array *e, const nd_array *t, bool invert) {
    nd_dtype dt = nd_promote_types(e->dtype, t->dtype);
    nd_array *tc = reraised(fn, nd_astype(t, dt));
    nd_array *ec = tc ? reraised(fn, nd_astype(e, dt)) : NULL;
    nd_array *r = ec ? nd__alloc_array(fn, e->ndim, e->shape, ND_BOOL) : NULL;
    if (r && nd_sort_inplace(tc, ND_AXIS_NONE, true) != ND_OK) {
        nd__reraise(fn);
        nd_free(r);
        r = NULL;
    }
    if (r) find_fns[dt](ec->data, ec->size, tc->data, tc->size, invert, (bool *)r->data);
    nd_free(ec);
    nd_free(tc);
    return r;
}

/* ------------------------------------------------------------ public */

nd_status nd_intersect1d(const nd_array *a, const nd_array *b, bool assume_unique, nd_array **values,
                         nd_array **a_index, nd_array **b_index) {
    static const char fn[] = "nd_intersect1d";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!values) return nd__null_arg(fn, "values");
    bool want = a_index || b_index;
    nd_array *u[2] = {NULL, NULL}, *ix[2] = {NULL, NULL}, *aux = NULL, *perm = NULL, *s = NULL;
    nd_array *res[3] = {NULL, NULL, NULL};
    bool *eq = NULL;
    nd_status st = ND_OK;
    if (!prepare(fn, a, b, assume_unique, want, u, ix) || !(aux = concat(fn, u[0], u[1]))) goto fail;
    if (want) {
        perm = reraised(fn, nd_argsort(aux, 0, true));
        s = perm ? reraised(fn, nd_take(aux, perm, 0)) : NULL;
    } else {
        s = sorted(fn, aux);
    }
    if (!s || !(eq = eq_flags(fn, s))) goto fail;
    int64_t n = s->size, cnt = 0, n1 = u[0]->size;
    for (int64_t i = 0; i + 1 < n; i++) cnt += eq[i];
    res[0] = nd__alloc_array(fn, 1, &cnt, s->dtype);
    if (a_index) res[1] = nd__alloc_array(fn, 1, &cnt, ND_INT64);
    if (b_index) res[2] = nd__alloc_array(fn, 1, &cnt, ND_INT64);
    if (!res[0] || (a_index && !res[1]) || (b_index && !res[2])) goto fail;
    size_t isz = nd__itemsize(s->dtype);
    const int64_t *p = want ? (const int64_t *)perm->data : NULL;
    for (int64_t i = 0, o = 0; i + 1 < n; i++) {
        if (!eq[i]) continue;
        nd__ix_copy_elem(res[0]->data + (size_t)o * isz, s->data + (size_t)i * isz, isz);
        int64_t at[2] = {want ? p[i] : 0, want ? p[i + 1] - n1 : 0};
        for (int k = 0; k < 2; k++) {
            if (!res[k + 1]) continue;
            if (!assume_unique) { /* through the first indices, Python's way */
                int64_t len = ix[k]->size, j = at[k] < 0 ? at[k] + len : at[k];
                if (j < 0 || j >= len) {
                    /* two values of one input became equal in the promoted dtype */
                    nd__error(ND_ERR_INDEX, fn, "index %lld is out of bounds for axis 0 with size %lld "
                              "(values of one input are equal in the promoted dtype %s)",
                              (long long)at[k], (long long)len, nd__dtypes[s->dtype].name);
                    goto fail;
                }
                at[k] = ((const int64_t *)ix[k]->data)[j];
            }
            ((int64_t *)res[k + 1]->data)[o] = at[k];
        }
        o++;
    }
    goto done;
fail:
    st = nd_last_status();
    for (int k = 0; k < 3; k++) nd_free(res[k]);
done:
    nd__ix_free(eq);
    nd_free(s);
    nd_free(perm);
    nd_free(aux);
    for (int k = 0; k < 2; k++) nd_free(u[k]), nd_free(ix[k]);
    if (st != ND_OK) return st;
    *values = res[0];
    if (a_index) *a_index = res[1];
    if (b_index) *b_index = res[2];
    return ND_OK;
}

nd_array *nd_union1d(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_union1d";
    if (!a || !b) {
        nd__null_arg(fn, a ? "b" : "a");
        return NULL;
    }
    nd_array *c = concat(fn, a, b);
    nd_array *r = c ? unique(fn, c, NULL) : NULL;
    nd_free(c);
    return r;
}

nd_array *nd_setdiff1d(const nd_array *a, const nd_array *b, bool assume_unique) {
    static const char fn[] = "nd_setdiff1d";
    if (!a || !b) {
        nd__null_arg(fn, a ? "b" : "a");
        return NULL;
    }
    nd_array *u1 = assume_unique ? flat(fn, a) : unique(fn, a, NULL);
    nd_array *u2 = !u1 ? NULL : assume_unique ? flat(fn, b) : unique(fn, b, NULL);
    nd_array *keep = u2 ? isin(fn, u1, u2, true) : NULL;
    nd_array *c = keep ? reraised(fn, nd_ascontiguousarray(u1)) : NULL;
    nd_array *r = c ? select(fn, c, (const bool *)keep->data) : NULL;
    nd_free(c);
    nd_free(keep);
    nd_free(u2);
    nd_free(u1);
    return r;
}

nd_array *nd_setxor1d(const nd_array *a, const nd_array *b, bool assume_unique) {
    static const char fn[] = "nd_setxor1d";
    if (!a || !b) {
        nd__null_arg(fn, a ? "b" : "a");
        return NULL;
    }
    nd_array *u[2] = {NULL, NULL}, *ix[2] = {NULL, NULL}, *r = NULL, *s = NULL, *aux = NULL;
    bool *eq = NULL, *keep = NULL;
    if (!prepare(fn, a, b, assume_unique, false, u, ix) || !(aux = concat(fn, u[0], u[1]))) goto done;
    if (!(s = sorted(fn, aux)) || !(eq = eq_flags(fn, s))) goto done;
    int64_t n = s->size;
    if (!(keep = nd__ix_alloc(fn, n, sizeof(bool)))) goto done;
    /* a value is kept when it differs from both neighbours (NaN always does) */
    for (int64_t i = 0; i < n; i++) keep[i] = (i == 0 || !eq[i - 1]) && (i == n - 1 || !eq[i]);
    r = select(fn, s, keep);
done:
    nd__ix_free(keep);
    nd__ix_free(eq);
    nd_free(s);
    nd_free(aux);
    nd_free(u[0]);
    nd_free(u[1]);
    return r;
}

nd_array *nd_isin(const nd_array *element, const nd_array *test_elements, bool assume_unique,
                  bool invert) {
    static const char fn[] = "nd_isin";
    (void)assume_unique; /* the lookup is exact whatever the inputs hold */
    if (!element || !test_elements) {
        nd__null_arg(fn, element ? "test_elements" : "element");
        return NULL;
    }
    return isin(fn, element, test_elements, invert);
}

/* Random permutations and sampling on the counter-based stream
 * (src/ops/random.h): permutation, shuffle, and choice with and without
 * replacement, with optional weights. Step i of a shuffle, or value i of a
 * sample, draws from counter (rng's counter + i) of the function's stream
 * (a rejected draw is redrawn from that counter's own sequence), so the
 * result is a function of the seed and the counter alone. */
#include "ops/index_util.h"
#include "ops/random.h"

#include <math.h>
#include <stdlib.h>

#define TAG_PERMUTATION 0x7065726d75746174ULL
#define TAG_CHOICE 0x63686f6963655f5fULL

/* Fisher-Yates as Durstenfeld wrote it: for i = n-1 down to 1, swap v[i]
 * with v[j], j uniform in [0, i] (Lemire's unbiased bounded integers);
 * every order of the n values equally likely. */
static void fisher_yates(const nd_rng *rng, int64_t *v, int64_t n) {
    const uint64_t key = nd__rkey(rng, TAG_PERMUTATION), retry = nd__rretry(key);
    for (int64_t i = 0; i < n; i++) v[i] = i;
    for (int64_t i = n - 1; i > 0; i--) {
        nd__rstream s = nd__rstream_at(key, retry, rng->counter + (uint64_t)i);
        int64_t j = (int64_t)nd__rbounded(&s, (uint64_t)i + 1), t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* The permutation without advancing rng. */
static nd_array *permutation(const char *fn, const nd_rng *rng, int64_t n) {
    if (n < 0) {
        nd__error(ND_ERR_VALUE, fn, "n must be non-negative, got %lld", (long long)n);
        return NULL;
    }
    nd_array *r = nd__alloc_array(fn, 1, &n, ND_INT64);
    if (r) fisher_yates(rng, (int64_t *)r->data, n);
    return r;
}

nd_array *nd_random_permutation(nd_rng *rng, int64_t n) {
    static const char fn[] = "nd_random_permutation";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    nd_array *r = permutation(fn, rng, n);
    if (r) rng->counter += (uint64_t)n;
    return r;
}

/* a's slices along axis in the order of a fresh permutation; rng is not
 * advanced (the caller does on success). */
static nd_array *permuted_copy(const char *fn, const nd_rng *rng, const nd_array *a, int *axis) {
    if (!nd__norm_axis(fn, axis, a->ndim)) return NULL;
    nd_array *perm = permutation(fn, rng, a->shape[*axis]);
    if (!perm) return NULL;
    nd_array *r = nd_take(a, perm, *axis);
    nd_free(perm);
    return r;
}

nd_array *nd_random_permutation_array(nd_rng *rng, const nd_array *a, int axis) {
    static const char fn[] = "nd_random_permutation_array";
    unsigned long mark = nd__error_mark();
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!nd__check_array(fn, "a", a)) return NULL;
    nd_array *r = permuted_copy(fn, rng, a, &axis);
    if (!r) return nd__relabel_array(fn, mark, NULL);
    rng->counter += (uint64_t)a->shape[axis];
    return r;
}

nd_status nd_random_shuffle(nd_rng *rng, nd_array *a, int axis) {
    static const char fn[] = "nd_random_shuffle";
    unsigned long mark = nd__error_mark();
    if (!rng) return nd__null_arg(fn, "rng");
    if (!a) return nd__null_arg(fn, "a");
    if (!(a->flags & ND_FLAG_WRITEABLE))
        return nd__error(ND_ERR_READONLY, fn, "array is read-only (a broadcast view or read-only memory)");
    if (nd__aliasing_axis(a) >= 0)
        return nd__error(ND_ERR_READONLY, fn, "array has a stride-0 axis (a broadcast view): its elements alias");
    nd_array *t = permuted_copy(fn, rng, a, &axis);
    if (!t) return nd__relabel(fn, mark);
    nd_status st = nd_copyto(a, t);
    nd_free(t);
    if (st != ND_OK) return nd__relabel(fn, mark);
    rng->counter += (uint64_t)a->shape[axis];
    return ND_OK;
}

/* ------------------------------------------------------------ choice */

/* A sample of k distinct values of [0, n) in random order: a partial
 * Fisher-Yates shuffle, step t swapping position t with a uniform
 * position in [t, n). Positions the shuffle has touched live in an
 * open-addressing map (2k slots at least), so the cost is O(k) whatever n
 * is; when k is a good share of n a plain array of n is used instead,
 * which gives the same values. */
static bool sample_distinct(const char *fn, uint64_t key, uint64_t retry, uint64_t c0, int64_t n, int64_t k,
                            int64_t *out) {
    if (k == 0) return true;
    if (n <= 4 * k) {
        int64_t *v = nd__ix_alloc(fn, n, sizeof(int64_t));
        if (!v) return false;
        for (int64_t i = 0; i < n; i++) v[i] = i;
        for (int64_t t = 0; t < k; t++) {
            nd__rstream s = nd__rstream_at(key, retry, c0 + (uint64_t)t);
            int64_t j = t + (int64_t)nd__rbounded(&s, (uint64_t)(n - t)), x = v[j];
            v[j] = v[t];
            out[t] = x;
        }
        nd__ix_free(v);
        return true;
    }
    int64_t cap = 1;
    while (cap < 2 * k) cap *= 2;
    int64_t *slot = nd__ix_alloc(fn, 2 * cap, sizeof(int64_t)); /* (position, value) pairs */
    if (!slot) return false;
    for (int64_t i = 0; i < cap; i++) slot[2 * i] = -1;
    const uint64_t mask = (uint64_t)cap - 1;
    for (int64_t t = 0; t < k; t++) {
        nd__rstream s = nd__rstream_at(key, retry, c0 + (uint64_t)t);
        int64_t j = t + (int64_t)nd__rbounded(&s, (uint64_t)(n - t));
        /* the value at t (t itself unless a swap put another there) */
        int64_t vt = t, vj = j;
        uint64_t h = nd__mix64((uint64_t)t) & mask;
        while (slot[2 * h] != -1 && slot[2 * h] != t) h = (h + 1) & mask;
        if (slot[2 * h] == t) vt = slot[2 * h + 1];
        h = nd__mix64((uint64_t)j) & mask;
        while (slot[2 * h] != -1 && slot[2 * h] != j) h = (h + 1) & mask;
        if (slot[2 * h] == j) vj = slot[2 * h + 1];
        slot[2 * h] = j;
        slot[2 * h + 1] = vt;
        out[t] = vj;
    }
    nd__ix_free(slot);
    return true;
}

typedef struct keyed {
    double key;
    int64_t i;
} keyed;

/* Larger keys first; the index breaks ties, so the order is total. */
static int by_key_desc(const void *pa, const void *pb) {
    const keyed *a = pa, *b = pb;
    if (a->key != b->key) return a->key < b->key ? 1 : -1;
    return (a->i > b->i) - (a->i < b->i);
}

/* k of n values without replacement, value i drawn with weight w[i]
 * among those not yet drawn (successive sampling). Efraimidis and
 * Spirakis, "Weighted random sampling with a reservoir", Information
 * Processing Letters 97 (2006): with E_i exponential, the values in
 * increasing order of E_i / w_i have exactly that law (the smallest of
 * independent exponential clocks of rates w_i is i with probability
 * w_i / sum w, and memorylessness repeats the argument on the rest). The
 * keys log(u_i) / w_i are -E_i / w_i, taken largest first. */
static bool sample_weighted(const char *fn, uint64_t key, uint64_t c0, int64_t n, int64_t k, const double *w,
                            int64_t *out) {
    keyed *kv = nd__ix_alloc(fn, n, sizeof(keyed));
    if (!kv) return false;
    for (int64_t i = 0; i < n; i++) {
        double u = ((double)(int64_t)(nd__draw(key, c0 + (uint64_t)i) >> 11) + 0.5) * 0x1.0p-53;
        kv[i].key = w[i] > 0 ? log(u) / w[i] : -INFINITY;
        kv[i].i = i;
    }
    qsort(kv, (size_t)n, sizeof *kv, by_key_desc);
    for (int64_t t = 0; t < k; t++) out[t] = kv[t].i;
    nd__ix_free(kv);
    return true;
}

/* The first index whose cumulative weight exceeds u (cdf[n-1] is 1 and
 * u < 1, so there is one; zero weights are never found). */
static int64_t search_cdf(const double *cdf, int64_t n, double u) {
    int64_t lo = 0, hi = n - 1;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* int64 indices into [0, n) of the given shape, without advancing rng;
 * *advance receives what the counter must advance by. */
static nd_array *choice_indices(const char *fn, const nd_rng *rng, int64_t n, int ndim, const int64_t *shape,
                                bool replace, const nd_array *p, uint64_t *advance) {
    if (n < 0) {
        nd__error(ND_ERR_VALUE, fn, "n must be non-negative, got %lld", (long long)n);
        return NULL;
    }
    nd_array *r = nd__alloc_array(fn, ndim, shape, ND_INT64);
    if (!r) return NULL;
    const int64_t k = r->size;
    int64_t *o = (int64_t *)r->data;
    double *w = NULL;
    if (n == 0 && k > 0) {
        nd__error(ND_ERR_VALUE, fn, "cannot draw %lld values from 0 candidates", (long long)k);
        goto fail;
    }
    if (!replace && k > n) {
        nd__error(ND_ERR_VALUE, fn,
                  "cannot take a larger sample (%lld) than the population (%lld) when replace is false",
                  (long long)k, (long long)n);
        goto fail;
    }
    if (p && !(w = nd__rprobs(fn, "p", p, n))) goto fail;
    const uint64_t key = nd__rkey(rng, TAG_CHOICE), retry = nd__rretry(key), c0 = rng->counter;
    *advance = (uint64_t)k;
    if (replace && !w) {
        for (int64_t i = 0; i < k; i++) {
            nd__rstream s = nd__rstream_at(key, retry, c0 + (uint64_t)i);
            o[i] = (int64_t)nd__rbounded(&s, (uint64_t)n);
        }
    } else if (replace) {
        /* inversion of the cumulative weights, normalised so the last is 1 */
        for (int64_t i = 1; i < n; i++) w[i] += w[i - 1];
        const double total = w[n - 1];
        for (int64_t i = 0; i < n; i++) w[i] /= total;
        for (int64_t i = 0; i < k; i++) o[i] = search_cdf(w, n, nd__unit(nd__draw(key, c0 + (uint64_t)i)));
    } else if (!w) {
        if (!sample_distinct(fn, key, retry, c0, n, k, o)) goto fail;
    } else {
        int64_t nonzero = 0;
        for (int64_t i = 0; i < n; i++) nonzero += w[i] > 0;
        if (nonzero < k) {
            nd__error(ND_ERR_VALUE, fn, "fewer non-zero entries in p (%lld) than values to draw (%lld)",
                      (long long)nonzero, (long long)k);
            goto fail;
        }
        if (!sample_weighted(fn, key, c0, n, k, w, o)) goto fail;
        *advance = (uint64_t)n;
    }
    nd__ix_free(w);
    return r;
fail:
    nd__ix_free(w);
    nd_free(r);
    return NULL;
}

nd_array *nd_random_choice_n(nd_rng *rng, int64_t n, int ndim, const int64_t *shape, bool replace,
                             const nd_array *p) {
    static const char fn[] = "nd_random_choice_n";
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    uint64_t advance = 0;
    nd_array *r = choice_indices(fn, rng, n, ndim, shape, replace, p, &advance);
    if (r) rng->counter += advance;
    return r;
}

nd_array *nd_random_choice(nd_rng *rng, const nd_array *a, int ndim, const int64_t *shape, bool replace,
                           const nd_array *p) {
    static const char fn[] = "nd_random_choice";
    unsigned long mark = nd__error_mark();
    if (!rng) return nd__null_arg(fn, "rng"), NULL;
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim == 0) {
        nd__error(ND_ERR_VALUE, fn, "a must be at least 1-D, got a 0-d array");
        return NULL;
    }
    if (ndim >= 0 && ndim + a->ndim - 1 > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "the result would have %d dimensions, more than %d", ndim + a->ndim - 1,
                  ND_MAX_DIMS);
        return NULL;
    }
    uint64_t advance = 0;
    nd_array *idx = choice_indices(fn, rng, a->shape[0], ndim, shape, replace, p, &advance);
    if (!idx) return NULL;
    nd_array *r = nd_take(a, idx, 0);
    nd_free(idx);
    if (!r) return nd__relabel_array(fn, mark, NULL);
    rng->counter += advance;
    return r;
}

/* Sorting by several keys: nd_lexsort (last key primary) and
 * nd_argsort_keys (first key primary, each key ascending or descending).
 * One engine serves both: within a lane, the permutation is sorted stably
 * by one key at a time, from the least significant key to the most, each
 * pass an argsort (the radix lane kernel of sort_kernels.c) of that key's
 * values gathered in the current order. A descending pass sorts the
 * gathered values reversed and reads the result backwards, which keeps
 * ties in order. Lanes are split across threads when there are many. */
#include "ops/sort.h"
#include "iter/threads.h"

#include <stdio.h>

/* ------------------------------------------------------------ the engine */

/* One thread's state for lanes of n elements: the permutation so far, one
 * pass's argsort, the gathered key values and the kernel's scratch. */
typedef struct keysort {
    int64_t n;
    int64_t *perm, *q, *next;
    char *vals;
    void *scratch;
} keysort;

static nd__sort_plan pass_plan(nd_dtype dt, int64_t n) {
    return (nd__sort_plan){.op = ND__ARGSORT, .dtype = dt, .n = n, .idx_contig = true, .nparts = 1};
}

/* Bytes of one thread's state: three index buffers, the values, and the
 * largest scratch any key's dtype needs. SIZE_MAX on overflow. */
static size_t keysort_bytes(int64_t n, int nkeys, const nd_array *const *keys, size_t *scratch_at) {
    size_t scratch = 0;
    for (int k = 0; k < nkeys; k++) {
        nd__sort_plan p = pass_plan(keys[k]->dtype, n);
        size_t s = nd__sort_scratch_size(&p);
        if (s == SIZE_MAX) return SIZE_MAX;
        if (s > scratch) scratch = s;
    }
    if ((uint64_t)n > (SIZE_MAX / 64) / 4) return SIZE_MAX;
    size_t idx = ((size_t)n * 8 + 63) & ~(size_t)63; /* int64 buffers and 8-byte values */
    *scratch_at = 4 * idx;
    return scratch > SIZE_MAX - 4 * idx ? SIZE_MAX : 4 * idx + scratch;
}

static void keysort_bind(keysort *ks, int64_t n, char *mem, size_t scratch_at) {
    size_t idx = ((size_t)n * 8 + 63) & ~(size_t)63;
    ks->n = n;
    ks->perm = (int64_t *)mem;
    ks->q = (int64_t *)(mem + idx);
    ks->next = (int64_t *)(mem + 2 * idx);
    ks->vals = mem + 3 * idx;
    ks->scratch = mem + scratch_at;
}

static void gather(nd_dtype dt, char *dst, const char *src, int64_t step, const int64_t *perm,
                   int64_t n, bool reversed) {
    switch (nd__itemsize(dt)) {
#define GATHER_(W)                                                                 \
    case W / 8: {                                                                  \
        uint##W##_t *d = (uint##W##_t *)dst;                                       \
        for (int64_t i = 0; i < n; i++) {                                          \
            int64_t at = perm[reversed ? n - 1 - i : i];                           \
            memcpy(&d[i], src + at * step, sizeof d[i]);                           \
        }                                                                          \
        break;                                                                     \
    }
        GATHER_(8)
        GATHER_(16)
        GATHER_(32)
        GATHER_(64)
#undef GATHER_
    }
}

/* One stable pass by a key whose lane starts at src, step bytes apart.
 * False when the kernel could not allocate its temporaries. */
static bool keysort_pass(keysort *ks, const char *src, int64_t step, nd_dtype dt, bool descending) {
    int64_t n = ks->n;
    gather(dt, ks->vals, src, step, ks->perm, n, descending);
    nd__sort_plan p = pass_plan(dt, n);
    nd__sort_lane lane = {ks->vals, (int64_t)nd__itemsize(dt), NULL, 0, ks->q, 1};
    if (!nd__sort_one_lane(&p, &lane, ks->scratch)) return false;
    if (descending)
        for (int64_t i = 0; i < n; i++) ks->next[i] = ks->perm[n - 1 - ks->q[n - 1 - i]];
    else
        for (int64_t i = 0; i < n; i++) ks->next[i] = ks->perm[ks->q[i]];
    int64_t *t = ks->perm;
    ks->perm = ks->next;
    ks->next = t;
    return true;
}

/* ------------------------------------------------------------ lanes */

/* One call: keys (all of one shape) sorted along ax into out (int64, the
 * keys' shape). order[j] is the key of pass j (least significant first). */
typedef struct job {
    const nd_array *const *keys;
    int nkeys;
    const int *order;
    const bool *descending; /* by key; NULL: all ascending */
    nd_array *out;
    int ax;
    int64_t nlanes, nchunks;
    char *mem;
    size_t per_chunk, scratch_at;
    _Atomic bool failed;
} job;

static void run_lanes(job *j, int64_t begin, int64_t end, char *mem) {
    const nd_array *k0 = j->keys[0];
    int64_t n = k0->shape[j->ax];
    keysort ks;
    keysort_bind(&ks, n, mem, j->scratch_at);
    int64_t shape[ND_MAX_DIMS], idx[ND_MAX_DIMS];
    int axes[ND_MAX_DIMS], nout = 0;
    for (int d = 0; d < k0->ndim; d++)
        if (d != j->ax) axes[nout] = d, shape[nout++] = k0->shape[d];
    int64_t rest = begin;
    for (int d = nout - 1; d >= 0; d--) idx[d] = rest % shape[d], rest /= shape[d];
    int64_t ostep = j->out->strides[j->ax];
    for (int64_t lane = begin; lane < end; lane++) {
        for (int64_t i = 0; i < n; i++) ks.perm[i] = i;
        for (int p = 0; p < j->nkeys; p++) {
            const nd_array *key = j->keys[j->order[p]];
            int64_t isz = (int64_t)nd__itemsize(key->dtype), off = 0;
            for (int d = 0; d < nout; d++) off += idx[d] * key->strides[axes[d]];
            bool desc = j->descending && j->descending[j->order[p]];
            if (!keysort_pass(&ks, key->data + off * isz, key->strides[j->ax] * isz, key->dtype, desc)) {
                atomic_store(&j->failed, true);
                return;
            }
        }
        int64_t off = 0;
        for (int d = 0; d < nout; d++) off += idx[d] * j->out->strides[axes[d]];
        int64_t *o = (int64_t *)j->out->data + off;
        for (int64_t i = 0; i < n; i++) o[i * ostep] = ks.perm[i];
        for (int d = nout - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) break;
            idx[d] = 0;
        }
    }
}

static void run_chunks(void *ctx, int64_t begin, int64_t end) {
    job *j = ctx;
    for (int64_t c = begin; c < end && !atomic_load(&j->failed); c++)
        run_lanes(j, j->nlanes * c / j->nchunks, j->nlanes * (c + 1) / j->nchunks,
                  j->mem + (size_t)c * j->per_chunk);
}

/* The keys as the engine walks them: the keys themselves along their
 * normalised axis, or (ND_AXIS_NONE) C-contiguous copies viewed as 1-D.
 * owned[k] is set where a view or copy was made. */
static bool lane_keys(const char *fn, int nkeys, const nd_array *const *keys, int *axis,
                      const nd_array **use, nd_array **owned) {
    for (int k = 0; k < nkeys; k++) owned[k] = NULL, use[k] = keys[k];
    const nd_array *k0 = keys[0];
    if (*axis != ND_AXIS_NONE) {
        if (k0->ndim > 0) return nd__norm_axis_flat(fn, axis, k0->ndim);
        /* 0-d keys sort as one element: axes -1 and 0 only, as NumPy */
        if (nd__sentinel_axis(fn, *axis, true)) return false;
        if (*axis == -1 || *axis == 0) return true;
        nd__error(ND_ERR_INDEX, fn, "axis %d is out of bounds for array of dimension 0", *axis);
        return false;
    }
    *axis = 0;
    int64_t n = k0->size, one = 1;
    for (int k = 0; k < nkeys; k++) {
        nd_array *c = nd_ascontiguousarray(keys[k]);
        nd_array *v = c ? nd__make_view(fn, c, c->data, 1, &n, &one) : NULL;
        nd_free(c);
        if (!v) {
            if (!c) nd__reraise(fn);
            return false;
        }
        use[k] = owned[k] = v;
    }
    return true;
}

static nd_array *multi_argsort(const char *fn, int nkeys, const nd_array *const *keys,
                               const bool *descending, int axis, bool last_primary) {
    if (!keys) {
        nd__null_arg(fn, "keys");
        return NULL;
    }
    if (!nd__check_arrays(fn, "keys", nkeys, keys)) return NULL;
    if (nkeys < 1) {
        nd__error(ND_ERR_VALUE, fn, "need a sequence of keys with len > 0 (got %d)", nkeys);
        return NULL;
    }
    const nd_array *k0 = keys[0];
    for (int k = 1; k < nkeys; k++) {
        const nd_array *a = keys[k];
        if (a->ndim != k0->ndim || memcmp(a->shape, k0->shape, sizeof(int64_t) * (size_t)a->ndim)) {
            char s0[ND_SHAPE_STR_CAP], s1[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn, "all keys need to be the same shape: keys[0] has %s, keys[%d] has %s",
                      nd__shape_str(s0, sizeof s0, k0->ndim, k0->shape), k,
                      nd__shape_str(s1, sizeof s1, a->ndim, a->shape));
            return NULL;
        }
    }
    int ax = axis;
    const nd_array **use = nd__alloc(sizeof *use * (size_t)nkeys, 64);
    nd_array **owned = nd__alloc(sizeof *owned * (size_t)nkeys, 64);
    int *order = nd__alloc(sizeof *order * (size_t)nkeys, 64);
    nd_array *out = NULL;
    if (owned)
        for (int k = 0; k < nkeys; k++) owned[k] = NULL;
    if (!use || !owned || !order) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the list of %d keys", nkeys);
        goto done;
    }
    if (!lane_keys(fn, nkeys, keys, &ax, use, owned)) goto done;
    if (axis != ND_AXIS_NONE && k0->ndim == 0) { /* one element: index 0 */
        out = nd__alloc_array(fn, 0, NULL, ND_INT64);
        if (out) *(int64_t *)out->data = 0;
        goto done;
    }
    out = nd__alloc_array(fn, use[0]->ndim, use[0]->shape, ND_INT64);
    if (!out || out->size == 0) goto done;
    for (int p = 0; p < nkeys; p++) order[p] = last_primary ? p : nkeys - 1 - p;
    int64_t n = use[0]->shape[ax];
    job j = {use, nkeys, order, descending, out, ax, out->size / n, 1, NULL, 0, 0, false};
    int threads = nd_get_num_threads();
    if (threads > 1 && out->size >= ND_PARALLEL_MIN_ELEMS && j.nlanes > 1) {
        int64_t min_lanes = 1 + ND_PARALLEL_CHUNK_ELEMS / n;
        int64_t chunks = j.nlanes / min_lanes;
        j.nchunks = chunks < threads ? (chunks < 1 ? 1 : chunks) : threads;
    }
    size_t total;
    j.per_chunk = keysort_bytes(n, nkeys, use, &j.scratch_at);
    if (j.per_chunk == SIZE_MAX || __builtin_mul_overflow(j.per_chunk, (size_t)j.nchunks, &total)) {
        nd__error(ND_ERR_OVERFLOW, fn, "scratch size overflows for lanes of %lld elements", (long long)n);
        goto fail;
    }
    j.mem = nd__alloc(total, 64);
    if (!j.mem) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes of scratch", total);
        goto fail;
    }
    if (j.nchunks > 1) nd__parallel_for(j.nchunks, 1, run_chunks, &j);
    else run_chunks(&j, 0, 1);
    nd__dealloc(j.mem);
    if (!atomic_load(&j.failed)) goto done;
    nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the buckets of a lane of %lld elements",
              (long long)n);
fail:
    nd_free(out);
    out = NULL;
done:
    if (owned)
        for (int k = 0; k < nkeys; k++) nd_free(owned[k]);
    if (use) nd__dealloc(use);
    if (owned) nd__dealloc(owned);
    if (order) nd__dealloc(order);
    return out;
}

nd_array *nd_lexsort(int nkeys, const nd_array *const *keys, int axis) {
    return multi_argsort("nd_lexsort", nkeys, keys, NULL, axis, true);
}

nd_array *nd_argsort_keys(int nkeys, const nd_array *const *keys, const bool *descending, int axis) {
    return multi_argsort("nd_argsort_keys", nkeys, keys, descending, axis, false);
}

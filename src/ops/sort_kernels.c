/* Sorting kernels, one lane at a time (see sort.h).
 *
 * Every dtype's values become unsigned keys of the same width whose order is
 * the sort order: bool and unsigned as they are, signed with the sign bit
 * flipped, floats sign-magnitude folded with -0.0 given 0.0's key and every
 * NaN the largest key (NumPy puts NaN last). Keys are sorted by a stable LSD
 * radix sort (11-bit digits for long runs, 8-bit for short ones; a pass
 * whose digit is the same for every key is skipped), alone or with int64
 * indices alongside. Lanes of 2^18 or more 32/64-bit keys are first split
 * on their top 11 bits (in parallel when the caller allows), then each
 * bucket is finished in cache. Runs of up to 48 keys use insertion sort.
 * Partition and top-k use introselect (3-way quickselect, heapsort when it
 * recurses too deep). Keys lose the sign of zeros and NaN payloads, so a
 * lane holding -0.0 or NaN gets its zeros and NaNs copied back from the
 * input, in input order, which is what a stable sort gives.
 *
 * The code after the common part is compiled once per key width (8, 16, 32
 * and 64 bits): this file includes itself with SORT_W defined. */
#ifndef SORT_W

#include "ops/sort.h"
#include "iter/threads.h"

#define CAT_(a, b) a##_##b
#define CAT(a, b) CAT_(a, b)

enum { KEY_UINT, KEY_INT, KEY_FLOAT };

#define INSERTION_MAX 48         /* runs up to this long: insertion sort */
#define SELECT_SMALL 16          /* introselect finishes this few by insertion */
#define WIDE_DIGIT_MIN (1 << 16) /* runs this long: 11-bit digits, else 8-bit */
#define MSD_BITS 11
#define MSD_BUCKETS (1 << MSD_BITS)
#define ALIGN 64

/* Runs CALL(K) with K the constant equal to kind. */
#define BY_KIND(kind, CALL)                                                        \
    do {                                                                           \
        switch (kind) {                                                            \
        case KEY_FLOAT: CALL(KEY_FLOAT); break;                                    \
        case KEY_INT: CALL(KEY_INT); break;                                        \
        default: CALL(KEY_UINT); break;                                            \
        }                                                                          \
    } while (0)

static int key_kind(nd_dtype dt) {
    switch (nd__kind(dt)) {
    case ND_KIND_INT: return KEY_INT;
    case ND_KIND_FLOAT: return KEY_FLOAT;
    default: return KEY_UINT;
    }
}

static void iota(int64_t *ix, int64_t n) {
    for (int64_t i = 0; i < n; i++) ix[i] = i;
}

/* Writes n indices to a lane with step (elements); nothing if already there. */
static void put_idx(const int64_t *ix, int64_t n, int64_t *dst, int64_t step) {
    if (dst == ix) return;
    if (step == 1) {
        memcpy(dst, ix, sizeof(int64_t) * (size_t)n);
        return;
    }
    for (int64_t i = 0; i < n; i++) dst[i * step] = ix[i];
}

/* Runs fn over [0, parts) on up to parts threads. */
static void par(int parts, nd_range_fn fn, void *ctx) {
    if (parts > 1) nd__parallel_for(parts, 1, fn, ctx);
    else fn(ctx, 0, 1);
}

/* ------------------------------------------------------------ scratch layout */

#define ABSENT SIZE_MAX

/* Byte offsets of the scratch buffers of one lane (ABSENT when unused):
 * k0, k1, kt keys; i0, i1, it indices; hist the per-part bucket counts. */
typedef struct layout {
    size_t k0, k1, kt, i0, i1, it, hist, total;
} layout;

static bool add_buf(layout *L, size_t *slot, int64_t count, size_t elem) {
    if (count < 0 || (uint64_t)count > (SIZE_MAX - ALIGN) / elem / 2) return false;
    size_t bytes = ((size_t)count * elem + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (L->total > SIZE_MAX - bytes) return false;
    *slot = L->total;
    L->total += bytes;
    return true;
}

static bool uses_hybrid(const nd__sort_plan *p) {
    return (p->op == ND__SORT || p->op == ND__ARGSORT) && nd__itemsize(p->dtype) >= 4 &&
           p->n >= ND__SORT_SPLIT_MIN;
}

static bool make_layout(const nd__sort_plan *p, layout *L) {
    *L = (layout){ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, 0};
    size_t w = nd__itemsize(p->dtype);
    int64_t n = p->n;
    /* long lanes not sorted in place get bucket-sized temporaries instead of
     * k0 and i0 (see split_sort) */
    bool lazy = uses_hybrid(p) && !p->inplace;
    bool ok = lazy || add_buf(L, &L->k0, n, w);
    switch (p->op) {
    case ND__SORT:
        /* a fresh contiguous output doubles as the second key buffer */
        if (!(p->dst_contig && !p->inplace)) ok = ok && add_buf(L, &L->k1, n, w);
        break;
    case ND__ARGSORT:
        ok = ok && add_buf(L, &L->k1, n, w) && (lazy || add_buf(L, &L->i0, n, 8));
        if (!p->idx_contig) ok = ok && add_buf(L, &L->i1, n, 8);
        break;
    case ND__PARTITION:
    case ND__ARGPARTITION:
        ok = ok && add_buf(L, &L->i0, n, 8);
        break;
    case ND__TOPK:
        ok = ok && add_buf(L, &L->k1, n, w) && add_buf(L, &L->kt, p->k, w) &&
             add_buf(L, &L->i0, p->k, 8) && add_buf(L, &L->it, p->k, 8);
        break;
    }
    if (ok && uses_hybrid(p)) {
        int parts = p->nparts < 1 ? 1 : p->nparts > ND__SORT_MAX_PARTS ? ND__SORT_MAX_PARTS : p->nparts;
        ok = add_buf(L, &L->hist, (int64_t)parts * MSD_BUCKETS, 8);
    }
    return ok;
}

size_t nd__sort_scratch_size(const nd__sort_plan *plan) {
    layout L;
    return make_layout(plan, &L) ? L.total : SIZE_MAX;
}

/* The per-width code, once per key width. */
#define SORT_W 8
#include "sort_kernels.c"
#undef SORT_W
#define SORT_W 16
#include "sort_kernels.c"
#undef SORT_W
#define SORT_W 32
#include "sort_kernels.c"
#undef SORT_W
#define SORT_W 64
#include "sort_kernels.c"
#undef SORT_W

bool nd__sort_one_lane(const nd__sort_plan *plan, const nd__sort_lane *lane, void *scratch) {
    layout L;
    if (!make_layout(plan, &L)) return false; /* the caller sized scratch with the same plan */
    switch (nd__itemsize(plan->dtype)) {
    case 1: return lane_8(plan, lane, scratch, &L);
    case 2: return lane_16(plan, lane, scratch, &L);
    case 4: return lane_32(plan, lane, scratch, &L);
    default: return lane_64(plan, lane, scratch, &L);
    }
}

#else /* ------------------------------------------------------------ per key width */

#if SORT_W == 8
#define U uint8_t
#define EXPMASK 0 /* no float of this width */
#define HIST_MAX 256
#elif SORT_W == 16
#define U uint16_t
#define EXPMASK 0
#define HIST_MAX (2 * 256)
#elif SORT_W == 32
#define U uint32_t
#define EXPMASK 0x7F800000u
#define HIST_MAX (3 * 2048)
#else
#define U uint64_t
#define EXPMASK 0x7FF0000000000000u
#define HIST_MAX (6 * 2048)
#endif
#define FN(name) CAT(name, SORT_W)
#define KSIZE ((int64_t)sizeof(U))
#define SIGN ((U)((U)1 << (SORT_W - 1)))
#define UMAX ((U)~(U)0)

static inline U FN(load)(const char *p) {
    U u;
    memcpy(&u, p, sizeof u);
    return u;
}
static inline void FN(store)(char *p, U u) { memcpy(p, &u, sizeof u); }

/* The key of the value with bits u. */
static inline U FN(key)(int kind, U u) {
    if (kind == KEY_INT) return (U)(u ^ SIGN);
    if (kind != KEY_FLOAT) return u;
    U mag = (U)(u & (U)~SIGN);
    if (mag > EXPMASK) return UMAX; /* NaN */
    if (mag == 0) return SIGN;      /* -0.0 and 0.0 */
    U neg = (U)(u >> (SORT_W - 1));
    return (U)(u ^ (U)((U)(0 - neg) | SIGN)); /* negative: all bits flipped */
}

/* The value of key k (a NaN for any NaN; zeros come back as 0.0). */
static inline U FN(unkey)(int kind, U k) {
    if (kind == KEY_INT) return (U)(k ^ SIGN);
    if (kind != KEY_FLOAT) return k;
    U pos = (U)(k >> (SORT_W - 1));
    return (U)(k ^ (U)((U)(pos - 1) | SIGN));
}

/* -0.0 or a NaN: values whose key does not give them back. */
static inline bool FN(special)(int kind, U u) {
    return kind == KEY_FLOAT && ((U)(u & (U)~SIGN) > EXPMASK || u == SIGN);
}

/* Keys of n values read with step (bytes), complemented when flip is all
 * ones (descending order). Returns whether a special value was seen. The
 * _k forms take kind as a constant (see BY_KIND), so the loops carry no
 * per-element switch. */
static inline __attribute__((always_inline)) bool FN(encode_k)(const int kind, U flip,
                                                               const char *src, int64_t step,
                                                               int64_t n, U *k) {
    bool sp = false;
    if (step == KSIZE) {
        for (int64_t i = 0; i < n; i++) {
            U u = FN(load)(src + i * KSIZE);
            sp |= FN(special)(kind, u);
            k[i] = (U)(FN(key)(kind, u) ^ flip);
        }
    } else {
        for (int64_t i = 0; i < n; i++) {
            U u = FN(load)(src + i * step);
            sp |= FN(special)(kind, u);
            k[i] = (U)(FN(key)(kind, u) ^ flip);
        }
    }
    return sp;
}
static bool FN(encode)(int kind, U flip, const char *src, int64_t step, int64_t n, U *k) {
    bool sp = false;
#define ENCODE_(K) sp = FN(encode_k)(K, flip, src, step, n, k)
    BY_KIND(kind, ENCODE_);
#undef ENCODE_
    return sp;
}

/* Values of n keys to a lane with step (bytes); dst may be k itself. */
static inline __attribute__((always_inline)) void FN(decode_k)(const int kind, const U *k, int64_t n,
                                                               char *dst, int64_t step) {
    if (step == KSIZE) {
        for (int64_t i = 0; i < n; i++) FN(store)(dst + i * KSIZE, FN(unkey)(kind, k[i]));
    } else {
        for (int64_t i = 0; i < n; i++) FN(store)(dst + i * step, FN(unkey)(kind, k[i]));
    }
}
static void FN(decode)(int kind, const U *k, int64_t n, char *dst, int64_t step) {
#define DECODE_(K) FN(decode_k)(K, k, n, dst, step)
    BY_KIND(kind, DECODE_);
#undef DECODE_
}

/* Stable; ix (may be NULL) moves along. */
static void FN(insertion)(U *k, int64_t *ix, int64_t n) {
    for (int64_t i = 1; i < n; i++) {
        U x = k[i];
        int64_t j = i;
        if (k[j - 1] <= x) continue;
        int64_t xi = ix ? ix[i] : 0;
        do {
            k[j] = k[j - 1];
            if (ix) ix[j] = ix[j - 1];
            j--;
        } while (j > 0 && k[j - 1] > x);
        k[j] = x;
        if (ix) ix[j] = xi;
    }
}

/* Stable LSD radix sort of k[0, n) with ix alongside (unless NULL), kt and
 * it the same sizes as scratch, on the key bits [0, hi): the bits above are
 * equal across the run. db bits per digit. Returns 1 when the result ended
 * in kt/it, 0 when in k/ix. Inlined into callers with constant db, hi. */
static inline __attribute__((always_inline)) int FN(radix)(U *k, U *kt, int64_t *ix, int64_t *it,
                                                           int64_t n, const int db, const int hi) {
    const int np = (hi + db - 1) / db, nb = 1 << db;
    const U mask = (U)(nb - 1);
    int64_t hist[HIST_MAX];
    memset(hist, 0, sizeof(int64_t) * (size_t)(np * nb));
    for (int64_t i = 0; i < n; i++) {
        U x = k[i];
        for (int p = 0; p < np; p++) hist[p * nb + ((x >> (p * db)) & mask)]++;
    }
    U *a = k, *b = kt;
    int64_t *ia = ix, *ib = it;
    int which = 0;
    for (int p = 0; p < np; p++) {
        int64_t *h = hist + p * nb;
        const int sh = p * db;
        if (h[(a[0] >> sh) & mask] == n) continue; /* one digit for all: nothing moves */
        int64_t sum = 0;
        for (int d = 0; d < nb; d++) {
            int64_t c = h[d];
            h[d] = sum;
            sum += c;
        }
        if (ia) {
            for (int64_t i = 0; i < n; i++) {
                U x = a[i];
                int64_t o = h[(x >> sh) & mask]++;
                b[o] = x;
                ib[o] = ia[i];
            }
        } else {
            for (int64_t i = 0; i < n; i++) {
                U x = a[i];
                b[h[(x >> sh) & mask]++] = x;
            }
        }
        U *t = a;
        a = b, b = t;
        int64_t *ti = ia;
        ia = ib, ib = ti;
        which ^= 1;
    }
    return which;
}

static int FN(radix8)(U *k, U *kt, int64_t *ix, int64_t *it, int64_t n) {
    return FN(radix)(k, kt, ix, it, n, 8, SORT_W);
}
#if SORT_W >= 32
static int FN(radix11)(U *k, U *kt, int64_t *ix, int64_t *it, int64_t n) {
    return FN(radix)(k, kt, ix, it, n, MSD_BITS, SORT_W);
}
/* The bits under the top MSD_BITS, for one bucket of the split. */
static int FN(radix8_low)(U *k, U *kt, int64_t *ix, int64_t *it, int64_t n) {
    return FN(radix)(k, kt, ix, it, n, 8, SORT_W - MSD_BITS);
}
static int FN(radix11_low)(U *k, U *kt, int64_t *ix, int64_t *it, int64_t n) {
    return FN(radix)(k, kt, ix, it, n, MSD_BITS, SORT_W - MSD_BITS);
}
#endif

/* Sorts a run stably; low: only the bits under the top MSD_BITS differ.
 * Returns 1 when the result is in kt/it. */
static int FN(sort_run)(U *k, U *kt, int64_t *ix, int64_t *it, int64_t n, bool low) {
    if (n <= INSERTION_MAX) {
        FN(insertion)(k, ix, n);
        return 0;
    }
#if SORT_W >= 32
    if (n >= WIDE_DIGIT_MIN)
        return low ? FN(radix11_low)(k, kt, ix, it, n) : FN(radix11)(k, kt, ix, it, n);
    if (low) return FN(radix8_low)(k, kt, ix, it, n);
#else
    (void)low;
#endif
    return FN(radix8)(k, kt, ix, it, n);
}

/* ------------------------------------------------------------ selection */

static inline void FN(swap)(U *k, int64_t *ix, int64_t i, int64_t j) {
    U t = k[i];
    k[i] = k[j], k[j] = t;
    if (ix) {
        int64_t u = ix[i];
        ix[i] = ix[j], ix[j] = u;
    }
}

static void FN(sift)(U *k, int64_t *ix, int64_t root, int64_t n) {
    for (;;) {
        int64_t c = 2 * root + 1;
        if (c >= n) return;
        if (c + 1 < n && k[c + 1] > k[c]) c++;
        if (k[root] >= k[c]) return;
        FN(swap)(k, ix, root, c);
        root = c;
    }
}

/* Not stable: for introselect's worst case only. */
static void FN(heapsort)(U *k, int64_t *ix, int64_t n) {
    for (int64_t i = n / 2; i-- > 0;) FN(sift)(k, ix, i, n);
    for (int64_t e = n - 1; e > 0; e--) {
        FN(swap)(k, ix, 0, e);
        FN(sift)(k, ix, 0, e);
    }
}

/* Rearranges k (ix alongside, unless NULL) so that k[kth] is the key a
 * sort would put there, none before it larger and none after it smaller. */
static void FN(select)(U *k, int64_t *ix, int64_t n, int64_t kth) {
    int64_t lo = 0, hi = n;
    int depth = 8;
    for (int64_t m = n; m > 1; m >>= 1) depth += 2;
    while (hi - lo > SELECT_SMALL) {
        if (depth-- == 0) {
            FN(heapsort)(k + lo, ix ? ix + lo : NULL, hi - lo);
            return;
        }
        U a = k[lo], b = k[lo + (hi - lo) / 2], c = k[hi - 1];
        U piv = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        /* 3-way: [lo, lt) < piv, [lt, i) == piv, [gt, hi) > piv */
        int64_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            U x = k[i];
            if (x < piv) FN(swap)(k, ix, lt++, i++);
            else if (x > piv) FN(swap)(k, ix, i, --gt);
            else i++;
        }
        if (kth < lt) hi = lt;
        else if (kth >= gt) lo = gt;
        else return;
    }
    FN(insertion)(k + lo, ix ? ix + lo : NULL, hi - lo);
}

/* ------------------------------------------------------------ zeros and NaNs */

/* Where a sort puts the zeros of a float lane ([zlo, zlo + nz)) and the
 * NaNs ([nlo, n)). */
static void FN(special_spans)(int kind, const char *src, int64_t step, int64_t n, int64_t *zlo,
                              int64_t *nz, int64_t *nlo) {
    int64_t below = 0, zeros = 0, nans = 0;
    for (int64_t i = 0; i < n; i++) {
        U key = FN(key)(kind, FN(load)(src + i * step));
        below += key < SIGN;
        zeros += key == SIGN;
        nans += key == UMAX;
    }
    *zlo = below, *nz = zeros, *nlo = n - nans;
}

/* Copies the zeros and NaNs among n values (step bytes), in order, to
 * zdst and ndst, each advancing by dstep bytes. */
static void FN(copy_specials)(const char *src, int64_t step, int64_t n, char *zdst, char *ndst,
                              int64_t dstep) {
    for (int64_t i = 0; i < n; i++) {
        U u = FN(load)(src + i * step), mag = (U)(u & (U)~SIGN);
        if (mag == 0) {
            FN(store)(zdst, u);
            zdst += dstep;
        } else if (mag > EXPMASK) {
            FN(store)(ndst, u);
            ndst += dstep;
        }
    }
}

/* dst[i] = src[ix[i]] for n elements, steps in bytes. */
static void FN(gather)(const char *src, int64_t step, const int64_t *ix, int64_t n, char *dst,
                       int64_t dstep) {
    for (int64_t i = 0; i < n; i++) FN(store)(dst + i * dstep, FN(load)(src + ix[i] * step));
}

/* ------------------------------------------------------------ long lanes */

#if SORT_W >= 32
#define MSD_SHIFT (SORT_W - MSD_BITS)

/* A long lane (sort or argsort) split on the top MSD_BITS of its keys:
 * parts of the lane are counted, then scattered in order into buckets in
 * k1/i1 (stable), then groups of whole buckets of about equal size are
 * finished, each bucket in cache, one group per thread. A bucket is sorted
 * with k0/i0 when the caller gave full-length ones (in place), else with
 * temporaries as long as the group's largest bucket, allocated after the
 * count and before anything is written. */
typedef struct FN(split) {
    const nd__sort_plan *p;
    const nd__sort_lane *l;
    int kind, nparts;
    U *k0, *k1;       /* k0 NULL: bucket temporaries */
    int64_t *i0, *i1; /* argsort */
    int64_t *hist;    /* nparts x MSD_BUCKETS counts, then offsets */
    bool special[ND__SORT_MAX_PARTS];
    int64_t group[ND__SORT_MAX_PARTS + 1]; /* first bucket of each group */
    char *tmp[ND__SORT_MAX_PARTS];         /* each group's temporaries */
    int64_t start[MSD_BUCKETS + 1];        /* first element of each bucket */
} FN(split);

static inline __attribute__((always_inline)) bool FN(count_k)(const int kind, const char *src,
                                                              int64_t step, int64_t i, int64_t e,
                                                              int64_t *h) {
    bool sp = false;
    for (; i < e; i++) {
        U u = FN(load)(src + i * step);
        sp |= FN(special)(kind, u);
        h[FN(key)(kind, u) >> MSD_SHIFT]++;
    }
    return sp;
}

static void FN(split_count)(void *ctx, int64_t begin, int64_t end) {
    FN(split) *s = ctx;
    int64_t n = s->p->n, step = s->l->src_step;
    for (int64_t q = begin; q < end; q++) {
        int64_t *h = s->hist + q * MSD_BUCKETS;
        memset(h, 0, sizeof(int64_t) * MSD_BUCKETS);
        int64_t i = n * q / s->nparts, e = n * (q + 1) / s->nparts;
        bool sp = false;
#define COUNT_(K) sp = FN(count_k)(K, s->l->src, step, i, e, h)
        BY_KIND(s->kind, COUNT_);
#undef COUNT_
        s->special[q] = sp;
    }
}

static inline __attribute__((always_inline)) void FN(scatter_k)(const int kind, const char *src,
                                                                int64_t step, int64_t i, int64_t e,
                                                                int64_t *off, U *k1, int64_t *i1) {
    if (i1) {
        for (; i < e; i++) {
            U key = FN(key)(kind, FN(load)(src + i * step));
            int64_t o = off[key >> MSD_SHIFT]++;
            k1[o] = key;
            i1[o] = i;
        }
    } else {
        for (; i < e; i++) {
            U key = FN(key)(kind, FN(load)(src + i * step));
            k1[off[key >> MSD_SHIFT]++] = key;
        }
    }
}

static void FN(split_scatter)(void *ctx, int64_t begin, int64_t end) {
    FN(split) *s = ctx;
    int64_t n = s->p->n, step = s->l->src_step;
    for (int64_t q = begin; q < end; q++) {
        int64_t i = n * q / s->nparts, e = n * (q + 1) / s->nparts;
        int64_t *off = s->hist + q * MSD_BUCKETS;
#define SCATTER_(K) FN(scatter_k)(K, s->l->src, step, i, e, off, s->k1, s->i1)
        BY_KIND(s->kind, SCATTER_);
#undef SCATTER_
    }
}

/* The largest bucket of group g. */
static int64_t FN(group_max)(const FN(split) *s, int g) {
    int64_t m = 0;
    for (int64_t d = s->group[g]; d < s->group[g + 1]; d++)
        if (s->start[d + 1] - s->start[d] > m) m = s->start[d + 1] - s->start[d];
    return m;
}

static void FN(split_finish)(void *ctx, int64_t begin, int64_t end) {
    FN(split) *s = ctx;
    const nd__sort_lane *l = s->l;
    for (int64_t g = begin; g < end; g++) {
        /* the temporaries: keys, then (argsort) indices 64-byte aligned */
        size_t koff = ((size_t)FN(group_max)(s, (int)g) * sizeof(U) + 63) & ~(size_t)63;
        for (int64_t d = s->group[g]; d < s->group[g + 1]; d++) {
            int64_t b = s->start[d], m = s->start[d + 1] - b;
            if (m == 0) continue;
            U *tk = s->k0 ? s->k0 + b : (U *)s->tmp[g];
            int64_t *ti = !s->i1 ? NULL : s->i0 ? s->i0 + b : (int64_t *)(s->tmp[g] + koff);
            int r = FN(sort_run)(s->k1 + b, tk, s->i1 ? s->i1 + b : NULL, ti, m, true);
            if (s->p->op == ND__ARGSORT) {
                put_idx(r ? ti : s->i1 + b, m, l->idx + b * l->idx_step, l->idx_step);
            } else if (!s->p->inplace) {
                FN(decode)(s->kind, r ? tk : s->k1 + b, m, l->dst + b * l->dst_step, l->dst_step);
            } else if (r) { /* in place: the keys stay in k1 until the input is no longer needed */
                memcpy(s->k1 + b, tk, sizeof(U) * (size_t)m);
            }
        }
    }
}

/* Returns 1 when a special value was seen, 0 when not, -1 when the bucket
 * temporaries could not be allocated (nothing written then). */
static int FN(split_sort)(const nd__sort_plan *p, const nd__sort_lane *l, U *k0, U *k1, int64_t *i0,
                          int64_t *i1, int64_t *hist) {
    FN(split) s;
    s.p = p, s.l = l, s.kind = key_kind(p->dtype);
    s.nparts = p->nparts < 1 ? 1 : p->nparts > ND__SORT_MAX_PARTS ? ND__SORT_MAX_PARTS : p->nparts;
    s.k0 = k0, s.k1 = k1, s.i0 = i0, s.i1 = i1, s.hist = hist;
    int64_t n = p->n;
    par(s.nparts, FN(split_count), &s);
    int64_t run = 0;
    for (int d = 0; d < MSD_BUCKETS; d++) {
        s.start[d] = run;
        for (int q = 0; q < s.nparts; q++) {
            int64_t c = hist[q * MSD_BUCKETS + d];
            hist[q * MSD_BUCKETS + d] = run;
            run += c;
        }
    }
    s.start[MSD_BUCKETS] = n;
    /* groups of whole buckets, about n / nparts elements each */
    s.group[0] = 0;
    int64_t d = 0;
    for (int g = 1; g < s.nparts; g++) {
        int64_t target = n / s.nparts * g + n % s.nparts * g / s.nparts;
        while (d < MSD_BUCKETS && s.start[d] < target) d++;
        s.group[g] = d;
    }
    s.group[s.nparts] = MSD_BUCKETS;
    char *block = NULL;
    if (!k0) {
        size_t total = 0, per[ND__SORT_MAX_PARTS];
        for (int g = 0; g < s.nparts; g++) {
            size_t m = (size_t)FN(group_max)(&s, g);
            per[g] = ((m * sizeof(U) + 63) & ~(size_t)63) + (i1 ? m * sizeof(int64_t) : 0);
            per[g] = (per[g] + 63) & ~(size_t)63;
            total += per[g];
        }
        block = nd__alloc(total, 64);
        if (!block) return -1;
        char *at = block;
        for (int g = 0; g < s.nparts; g++) {
            s.tmp[g] = at;
            at += per[g];
        }
    }
    par(s.nparts, FN(split_scatter), &s);
    par(s.nparts, FN(split_finish), &s);
    nd__dealloc(block);
    bool sp = false;
    for (int q = 0; q < s.nparts; q++) sp |= s.special[q];
    return sp;
}
#endif

/* ------------------------------------------------------------ lane drivers */

#define BUF(T, off) ((off) == ABSENT ? NULL : (T *)(s + (off)))

static bool FN(lane_sort)(const nd__sort_plan *p, const nd__sort_lane *l, char *s, const layout *L) {
    int kind = key_kind(p->dtype);
    int64_t n = p->n;
    U *k0 = BUF(U, L->k0), *k1 = L->k1 == ABSENT ? (U *)l->dst : BUF(U, L->k1);
    U *res, *spare;
    bool special;
#if SORT_W >= 32
    if (uses_hybrid(p)) {
        int sp = FN(split_sort)(p, l, k0, k1, NULL, NULL, BUF(int64_t, L->hist));
        if (sp < 0) return false;
        special = sp;
        if (!special && !p->inplace) return true; /* already decoded, bucket by bucket */
        res = k1, spare = k0;
    } else
#endif
    {
        special = FN(encode)(kind, 0, l->src, l->src_step, n, k0);
        int r = FN(sort_run)(k0, k1, NULL, NULL, n, false);
        res = r ? k1 : k0, spare = r ? k0 : k1;
    }
    int64_t zlo = 0, nz = 0, nlo = n;
    if (special) FN(special_spans)(kind, l->src, l->src_step, n, &zlo, &nz, &nlo);
    /* in place, decoding overwrites the input: keep its zeros and NaNs first */
    if (special && p->inplace)
        FN(copy_specials)(l->src, l->src_step, n, (char *)spare, (char *)(spare + nz), KSIZE);
    if (p->inplace || !uses_hybrid(p)) FN(decode)(kind, res, n, l->dst, l->dst_step);
    if (special) {
        const char *from = p->inplace ? (const char *)spare : l->src;
        int64_t count = p->inplace ? nz + (n - nlo) : n, step = p->inplace ? KSIZE : l->src_step;
        FN(copy_specials)(from, step, count, l->dst + zlo * l->dst_step, l->dst + nlo * l->dst_step,
                          l->dst_step);
    }
    return true;
}

static bool FN(lane_argsort)(const nd__sort_plan *p, const nd__sort_lane *l, char *s, const layout *L) {
    U *k0 = BUF(U, L->k0), *k1 = BUF(U, L->k1);
    int64_t *i0 = BUF(int64_t, L->i0), *i1 = L->i1 == ABSENT ? l->idx : BUF(int64_t, L->i1);
#if SORT_W >= 32
    if (uses_hybrid(p)) return FN(split_sort)(p, l, k0, k1, i0, i1, BUF(int64_t, L->hist)) >= 0;
#endif
    FN(encode)(key_kind(p->dtype), 0, l->src, l->src_step, p->n, k0);
    iota(i0, p->n);
    int r = FN(sort_run)(k0, k1, i0, i1, p->n, false);
    put_idx(r ? i1 : i0, p->n, l->idx, l->idx_step);
    return true;
}

static void FN(lane_partition)(const nd__sort_plan *p, const nd__sort_lane *l, char *s,
                               const layout *L) {
    int kind = key_kind(p->dtype);
    U *k0 = (U *)(s + L->k0);
    int64_t *i0 = (int64_t *)(s + L->i0);
    bool special = FN(encode)(kind, 0, l->src, l->src_step, p->n, k0);
    if (p->op == ND__PARTITION && !special) {
        FN(select)(k0, NULL, p->n, p->k);
        FN(decode)(kind, k0, p->n, l->dst, l->dst_step);
        return;
    }
    iota(i0, p->n);
    FN(select)(k0, i0, p->n, p->k);
    if (p->op == ND__PARTITION) FN(gather)(l->src, l->src_step, i0, p->n, l->dst, l->dst_step);
    else put_idx(i0, p->n, l->idx, l->idx_step);
}

/* The k smallest keys (largest: keys complemented), ties to the lower index:
 * a threshold by selection, then the qualifying elements collected in index
 * order and sorted stably. */
static void FN(lane_topk)(const nd__sort_plan *p, const nd__sort_lane *l, char *s, const layout *L) {
    int64_t n = p->n, k = p->k;
    U *k0 = (U *)(s + L->k0), *k1 = (U *)(s + L->k1), *kt = (U *)(s + L->kt);
    int64_t *is = (int64_t *)(s + L->i0), *it = (int64_t *)(s + L->it);
    FN(encode)(key_kind(p->dtype), p->largest ? UMAX : 0, l->src, l->src_step, n, k0);
    if (k < n) {
        memcpy(k1, k0, sizeof(U) * (size_t)n);
        FN(select)(k1, NULL, n, k - 1);
        U t = k1[k - 1];
        int64_t below = 0;
        for (int64_t i = 0; i < n; i++) below += k0[i] < t;
        int64_t ties = k - below, j = 0;
        for (int64_t i = 0; i < n && j < k; i++) {
            U x = k0[i];
            if (x < t || (x == t && ties-- > 0)) {
                k1[j] = x;
                is[j++] = i;
            }
        }
    } else {
        memcpy(k1, k0, sizeof(U) * (size_t)n);
        iota(is, n);
    }
    int r = FN(sort_run)(k1, kt, is, it, k, false);
    const int64_t *ix = r ? it : is;
    if (l->dst) FN(gather)(l->src, l->src_step, ix, k, l->dst, l->dst_step);
    if (l->idx) put_idx(ix, k, l->idx, l->idx_step);
}

static bool FN(lane)(const nd__sort_plan *p, const nd__sort_lane *l, char *s, const layout *L) {
    switch (p->op) {
    case ND__SORT: return FN(lane_sort)(p, l, s, L);
    case ND__ARGSORT: return FN(lane_argsort)(p, l, s, L);
    case ND__PARTITION:
    case ND__ARGPARTITION: FN(lane_partition)(p, l, s, L); return true;
    case ND__TOPK: FN(lane_topk)(p, l, s, L); return true;
    }
    return true;
}

#undef U
#undef EXPMASK
#undef HIST_MAX
#undef FN
#undef KSIZE
#undef SIGN
#undef UMAX
#undef MSD_SHIFT
#undef BUF
#endif

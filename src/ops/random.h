/* The counter-based stream shared by the random functions (random.c,
 * random_dist.c, random_perm.c): the SplitMix64 draw, per-element streams
 * for rejection methods, and the job runner that fills an array in
 * parallel with results independent of the thread count. */
#ifndef ND_OPS_RANDOM_H
#define ND_OPS_RANDOM_H

#include "iter/threads.h"
#include "kernels/kernel.h"

#define ND_RNG_GAMMA 0x9e3779b97f4a7c15ULL
/* The tag that derives a stream's retry key from its main key. */
#define ND_RNG_TAG_RETRY 0x72657472795f5f5fULL

static inline uint64_t nd__mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Output c of SplitMix64 started from key. */
static inline uint64_t nd__draw(uint64_t key, uint64_t c) { return nd__mix64(key + (c + 1) * ND_RNG_GAMMA); }

/* [0, 1) from the top 53 bits; through int64, which converts in one
 * instruction where uint64 does not. */
static inline double nd__unit(uint64_t bits) { return (double)(int64_t)(bits >> 11) * 0x1.0p-53; }

/* The values one element c may use: the first is draw(key, c), the rest
 * come from element c's own sequence draw(draw(retry, c), k), so an
 * element that needs many uniforms (a rejection loop) still depends on c
 * alone. */
typedef struct nd__rstream {
    uint64_t key, retry, c, sub, k;
} nd__rstream;

static inline nd__rstream nd__rstream_at(uint64_t key, uint64_t retry, uint64_t c) {
    nd__rstream s = {key, retry, c, 0, 0};
    return s;
}

static inline uint64_t nd__rnext(nd__rstream *s) {
    if (s->k == 0) {
        s->k = 1;
        return nd__draw(s->key, s->c);
    }
    if (s->k == 1) s->sub = nd__draw(s->retry, s->c);
    return nd__draw(s->sub, s->k++ - 1);
}

/* Uniform in [0, 1) and in (0, 1) (for logarithms). */
static inline double nd__runit(nd__rstream *s) { return nd__unit(nd__rnext(s)); }
static inline double nd__runit_open(nd__rstream *s) {
    return ((double)(int64_t)(nd__rnext(s) >> 11) + 0.5) * 0x1.0p-53;
}

/* A standard normal from the stream (the ziggurat of random.c); call
 * nd__rnormal_init() once before (it sets up the tables). */
void nd__rnormal_init(void);
double nd__rnormal(nd__rstream *s);

/* Uniform integer in [0, range) for range >= 1 (Lemire's multiply-shift,
 * rejections redrawn from the stream). */
uint64_t nd__rbounded(nd__rstream *s, uint64_t range);

/* One call's work: gen writes n values for counters c0.. into out, as
 * gen_dt (float64 or int64); the runner converts to the array's dtype if
 * needed. */
typedef struct nd__rjob nd__rjob;
typedef void (*nd__rgen_fn)(const nd__rjob *j, uint64_t c0, int64_t n, void *out);
struct nd__rjob {
    nd__rgen_fn gen;
    nd_loop_fn cast; /* gen_dt to the array's dtype; NULL when they match */
    char *out;
    size_t isz;
    uint64_t key, key2, key3, counter; /* key2, key3: auxiliary streams */
    double a, b, c, d, e, f;           /* per-distribution parameters */
    uint64_t ilow, range, threshold;   /* integers */
    const void *params;                /* a distribution's own setup */
};

/* Allocates the result and runs j over it (in parallel for large
 * results); advances the counter by the size only on success, so a failed
 * call leaves rng as it was. */
nd_array *nd__rgenerate(const char *fn, nd_rng *rng, nd__rjob *j, nd_dtype gen_dt, int ndim,
                        const int64_t *shape, nd_dtype dt);

/* Checks rng and that dt is a float dtype (want_float) or an integer one. */
bool nd__rcheck(const char *fn, const nd_rng *rng, nd_dtype dt, bool want_float);

/* The key of the stream a function draws from, derived from the
 * generator's key and a tag naming the function. */
static inline uint64_t nd__rkey(const nd_rng *rng, uint64_t tag) { return nd__mix64(rng->key ^ tag); }
static inline uint64_t nd__rretry(uint64_t key) { return nd__mix64(key ^ ND_RNG_TAG_RETRY); }

/* Reads probabilities p (named name in messages; any numeric dtype and
 * layout) as n float64 values from the allocator hooks, validated as
 * NumPy's Generator.choice does: 1-D of length n, every value finite and
 * non-negative, the (compensated) sum within sqrt(eps) of 1. NULL with the
 * error recorded against fn. Free with nd__ix_free. */
double *nd__rprobs(const char *fn, const char *name, const nd_array *p, int64_t n);

#endif

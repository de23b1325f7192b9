/* Counter-based random numbers. Value number c of a stream is output c of
 * SplitMix64 started from the stream's key: mix(key + (c+1)*gamma), a strong
 * 64-bit finaliser of key and counter. Element c of a result uses draw c
 * (uniform floats its top bits, normals a ziggurat, integers Lemire's
 * method), and a rejected draw is replaced from element c's own retry
 * sequence. So any element is computed on its own: threads split the
 * output freely and results never depend on the thread count or on how the
 * draws are batched over calls. */
#include "ops/random.h"

#include <math.h>
#include <pthread.h>

/* Batches converted through the stack for dtypes the generators do not
 * write directly. */
#define CHUNK 256
/* Outputs below this many elements stay on the calling thread; each thread
 * gets at least PARALLEL_CHUNK. */
#define PARALLEL_MIN (1 << 16)
#define PARALLEL_CHUNK (1 << 15)
/* Keys of the auxiliary streams (normal variates, retries after a rejected
 * draw) are derived from the main key with these tags, so they never reuse
 * a value the main stream hands out at the same counter. */
#define TAG_NORMAL 0x6e6f726d616c5f5fULL
#define TAG_RETRY ND_RNG_TAG_RETRY

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

void nd_rng_seed(nd_rng *rng, uint64_t seed) {
    if (!rng) {
        nd__null_arg("nd_rng_seed", "rng");
        return;
    }
    rng->key = nd__mix64(seed);
    rng->counter = 0;
}

static void run(void *ctx, int64_t begin, int64_t end) {
    const nd__rjob *j = ctx;
    if (!j->cast) {
        j->gen(j, j->counter + (uint64_t)begin, end - begin, j->out + (size_t)begin * j->isz);
        return;
    }
    _Alignas(8) char tmp[CHUNK * 8];
    int64_t steps[2] = {8, (int64_t)j->isz};
    for (int64_t i = begin; i < end; i += CHUNK) {
        int64_t m = end - i < CHUNK ? end - i : CHUNK;
        j->gen(j, j->counter + (uint64_t)i, m, tmp);
        char *args[2] = {tmp, j->out + (size_t)i * j->isz};
        j->cast(args, m, steps, NULL);
    }
}

nd_array *nd__rgenerate(const char *fn, nd_rng *rng, nd__rjob *j, nd_dtype gen_dt, int ndim,
                        const int64_t *shape, nd_dtype dt) {
    nd_array *a = nd__alloc_array(fn, ndim, shape, dt);
    if (!a) return NULL;
    j->cast = dt == gen_dt ? NULL : nd__cast_loop(gen_dt, dt);
    j->out = a->data;
    j->isz = nd__itemsize(dt);
    j->key = rng->key;
    j->counter = rng->counter;
    if (a->size >= PARALLEL_MIN) nd__parallel_for(a->size, PARALLEL_CHUNK, run, j);
    else run(j, 0, a->size);
    rng->counter += (uint64_t)a->size;
    return a;
}

bool nd__rcheck(const char *fn, const nd_rng *rng, nd_dtype dt, bool want_float) {
    if (!rng) {
        nd__null_arg(fn, "rng");
        return false;
    }
    if (!nd__check_dtype(fn, dt)) return false;
    nd_kind k = nd__kind(dt);
    bool ok = want_float ? k == ND_KIND_FLOAT : (k == ND_KIND_INT || k == ND_KIND_UINT);
    if (!ok) {
        nd__error(ND_ERR_DTYPE, fn, "dtype %s is not supported (%s dtypes only)", nd__dtypes[dt].name,
                  want_float ? "float" : "integer");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------ uniform */

/* a = low, b = high, c = high - low. The top 53 bits give u in [0, 1);
 * low + c*u can still round up to high, which is then replaced by the
 * largest double below it. */
static void gen_uniform_f64(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const uint64_t key = j->key;
    const double low = j->a, high = j->b, scale = j->c, below = nextafter(high, -INFINITY);
    for (int64_t i = 0; i < n; i++) {
        double v = low + scale * nd__unit(nd__draw(key, c0 + (uint64_t)i));
        o[i] = v < high ? v : below;
    }
}

/* As above with the top 24 bits and float bounds; the sum is rounded to
 * float, which is where it may reach high. The doubles written hold float
 * values, so the conversion to float32 afterwards is exact. */
static void gen_uniform_f32(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const uint64_t key = j->key;
    const double low = j->a, scale = j->c;
    const float high = (float)j->b, below = nextafterf(high, -INFINITY);
    for (int64_t i = 0; i < n; i++) {
        double u = (double)(int64_t)(nd__draw(key, c0 + (uint64_t)i) >> 40) * 0x1.0p-24;
        float v = (float)(low + scale * u);
        o[i] = v < high ? v : below;
    }
}

/* v as dt stores it: the bounds a float32 result can actually take. Out of
 * line because GCC 12.2 at -O2 (SLP vectoriser) deletes a conditional
 * float round trip applied to two doubles side by side. */
static NOINLINE double as_stored(double v, nd_dtype dt) {
    return dt == ND_FLOAT32 ? (double)(float)v : v;
}

nd_array *nd_random_uniform(nd_rng *rng, double low, double high, int ndim, const int64_t *shape,
                            nd_dtype dt) {
    static const char fn[] = "nd_random_uniform";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    const double lo = as_stored(low, dt), hi = as_stored(high, dt);
    if (!isfinite(lo) || !isfinite(hi)) {
        nd__error(ND_ERR_VALUE, fn, "bounds [%g, %g) must be finite in %s", low, high, nd__dtypes[dt].name);
        return NULL;
    }
    if (!(lo < hi)) {
        nd__error(ND_ERR_VALUE, fn, "low must be below high, got [%g, %g) (in %s)", low, high, nd__dtypes[dt].name);
        return NULL;
    }
    if (!isfinite(hi - lo)) {
        nd__error(ND_ERR_VALUE, fn, "range high - low of [%g, %g) exceeds the largest double", low, high);
        return NULL;
    }
    nd__rjob j = {0};
    j.gen = dt == ND_FLOAT32 ? gen_uniform_f32 : gen_uniform_f64;
    j.a = lo;
    j.b = hi;
    j.c = hi - lo;
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ normal */

/* Marsaglia and Tsang's ziggurat with 256 layers, as NumPy's Generator: one
 * 64-bit draw gives the layer (8 bits), the sign (1 bit) and the abscissa
 * (52 bits), and about 99% of draws end there. The rest (wedges, and the
 * tail beyond R) take further uniforms from element c's own sequence on the
 * retry stream, so element c still depends on c alone. */
#define ZIG_R 3.6541528853610088 /* where the tail starts */
static uint64_t g_zig_k[256];    /* below this abscissa, inside the layer */
static double g_zig_w[256];      /* abscissa scale per unit of the 52 bits */
static double g_zig_f[256];      /* exp(-x^2/2) at the layer edges */
static pthread_once_t g_zig_once = PTHREAD_ONCE_INIT;

/* The tables from R alone; V, the area of each layer, is exact to double
 * precision here, which the rounded constant in Marsaglia and Tsang is not. */
static void zig_init(void) {
    const double m = 0x1.0p52, r = ZIG_R;
    const double v = r * exp(-0.5 * r * r) + 1.2533141373155002512 * erfc(r / sqrt(2.0)); /* sqrt(pi/2) */
    double x = r, prev = r, q = v / exp(-0.5 * r * r);
    g_zig_k[0] = (uint64_t)(r / q * m);
    g_zig_k[1] = 0;
    g_zig_w[0] = q / m;
    g_zig_w[255] = r / m;
    g_zig_f[0] = 1;
    g_zig_f[255] = exp(-0.5 * r * r);
    for (int i = 254; i >= 1; i--) {
        x = sqrt(-2 * log(v / x + exp(-0.5 * x * x)));
        g_zig_k[i + 1] = (uint64_t)(x / prev * m);
        prev = x;
        g_zig_f[i] = exp(-0.5 * x * x);
        g_zig_w[i] = x / m;
    }
}

void nd__rnormal_init(void) { pthread_once(&g_zig_once, zig_init); }

/* The ziggurat on an element's stream: nd_random_normal's slow path and
 * the distributions built on normals (gamma, t, truncated normal). The
 * stream's first value is the element's draw; the draws outside the
 * layers' cores continue on its own sequence. log1p(-u) with u < 1 is
 * finite. */
double nd__rnormal(nd__rstream *s) {
    for (;;) {
        uint64_t r = nd__rnext(s);
        int layer = (int)(r & 0xff);
        bool neg = (r >> 8) & 1;
        uint64_t bits = (r >> 9) & 0xfffffffffffffULL;
        double x = (double)(int64_t)bits * g_zig_w[layer];
        if (bits < g_zig_k[layer]) return neg ? -x : x;
        if (layer == 0) {
            for (;;) {
                double xx = -log1p(-nd__runit(s)) / ZIG_R;
                double yy = -log1p(-nd__runit(s));
                if (yy + yy > xx * xx) return neg ? -(ZIG_R + xx) : ZIG_R + xx;
            }
        }
        double y = (g_zig_f[layer - 1] - g_zig_f[layer]) * nd__runit(s) + g_zig_f[layer];
        if (y < exp(-0.5 * x * x)) return neg ? -x : x;
    }
}

/* a = mean, b = stddev; key2 is the normal stream, key3 the retries'. */
static void gen_normal(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    double *o = out;
    const uint64_t key = j->key2, retry = j->key3;
    const double mean = j->a, sd = j->b;
    for (int64_t i = 0; i < n; i++) {
        uint64_t c = c0 + (uint64_t)i, r = nd__draw(key, c);
        int layer = (int)(r & 0xff);
        uint64_t bits = (r >> 9) & 0xfffffffffffffULL;
        double z;
        if (bits < g_zig_k[layer]) {
            /* the sign by a lookup: a branch on a random bit mispredicts */
            static const double sign[2] = {1.0, -1.0};
            z = (double)(int64_t)bits * g_zig_w[layer] * sign[(r >> 8) & 1];
        } else {
            /* the slow path from the start on c's stream: its first value
             * is r again, so the same bits as a path that began with r */
            nd__rstream st = nd__rstream_at(key, retry, c);
            z = nd__rnormal(&st);
        }
        o[i] = mean + sd * z;
    }
}

nd_array *nd_random_normal(nd_rng *rng, double mean, double stddev, int ndim, const int64_t *shape,
                           nd_dtype dt) {
    static const char fn[] = "nd_random_normal";
    if (!nd__rcheck(fn, rng, dt, true)) return NULL;
    if (!(stddev >= 0)) { /* NaN included, as NumPy */
        nd__error(ND_ERR_VALUE, fn, "stddev must be non-negative, got %g", stddev);
        return NULL;
    }
    pthread_once(&g_zig_once, zig_init);
    nd__rjob j = {0};
    j.gen = gen_normal;
    j.a = mean;
    j.b = stddev;
    j.key2 = nd__mix64(rng->key ^ TAG_NORMAL);
    j.key3 = nd__mix64(rng->key ^ TAG_RETRY);
    return nd__rgenerate(fn, rng, &j, ND_FLOAT64, ndim, shape, dt);
}

/* ------------------------------------------------------------ integers */

/* High 64 bits of a*b (the low ones in *lo). */
static inline uint64_t mul_hi(uint64_t a, uint64_t b, uint64_t *lo) {
#if defined(__SIZEOF_INT128__)
    unsigned __int128 m = (unsigned __int128)a * b;
    *lo = (uint64_t)m;
    return (uint64_t)(m >> 64);
#else
    uint64_t al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
    *lo = (mid << 32) | (ll & 0xffffffffu);
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

/* Lemire's multiply-shift with rejection: unbiased for any range up to
 * 2^64 - 1. A rejected draw is redrawn from element c's own sequence on the
 * retry stream, so element c still depends on c alone. */
static void gen_integers(const nd__rjob *j, uint64_t c0, int64_t n, void *out) {
    int64_t *o = out;
    const uint64_t key = j->key, range = j->range, t = j->threshold, low = j->ilow;
    for (int64_t i = 0; i < n; i++) {
        uint64_t c = c0 + (uint64_t)i, lo, hi = mul_hi(nd__draw(key, c), range, &lo);
        if (lo < t) {
            uint64_t sub = nd__draw(j->key3, c);
            for (uint64_t k = 0; lo < t; k++) hi = mul_hi(nd__draw(sub, k), range, &lo);
        }
        o[i] = (int64_t)(low + hi);
    }
}

uint64_t nd__rbounded(nd__rstream *s, uint64_t range) {
    uint64_t t = (0 - range) % range, lo, hi;
    do hi = mul_hi(nd__rnext(s), range, &lo);
    while (lo < t);
    return hi;
}

nd_array *nd_random_integers(nd_rng *rng, int64_t low, int64_t high, int ndim, const int64_t *shape,
                             nd_dtype dt) {
    static const char fn[] = "nd_random_integers";
    if (!nd__rcheck(fn, rng, dt, false)) return NULL;
    if (low >= high) {
        nd__error(ND_ERR_VALUE, fn, "low >= high (%lld >= %lld)", (long long)low, (long long)high);
        return NULL;
    }
    /* the dtype's range; uint64's top is beyond any int64 bound anyway */
    int bits = (int)nd__itemsize(dt) * 8 - (nd__kind(dt) == ND_KIND_INT);
    int64_t max = bits >= 63 ? INT64_MAX : ((int64_t)1 << bits) - 1;
    int64_t min = nd__kind(dt) == ND_KIND_INT ? -max - 1 : 0;
    if (low < min || low > max) {
        nd__error(ND_ERR_VALUE, fn, "low %lld is out of bounds for %s", (long long)low, nd__dtypes[dt].name);
        return NULL;
    }
    if (high - 1 > max) {
        nd__error(ND_ERR_VALUE, fn, "high %lld is out of bounds for %s", (long long)high, nd__dtypes[dt].name);
        return NULL;
    }
    nd__rjob j = {0};
    j.gen = gen_integers;
    j.ilow = (uint64_t)low;
    j.range = (uint64_t)high - (uint64_t)low; /* 1 .. 2^64 - 1, no overflow in uint64 */
    j.threshold = (0 - j.range) % j.range;    /* 2^64 mod range */
    j.key3 = nd__mix64(rng->key ^ TAG_RETRY);
    return nd__rgenerate(fn, rng, &j, ND_INT64, ndim, shape, dt);
}

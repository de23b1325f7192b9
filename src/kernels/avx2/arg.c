/* AVX2 argmax/argmin: one pass over contiguous data, every dtype. Blocks of
 * four vectors are compared with the running extreme m (broadcast); the
 * rare block holding something beyond m (or a NaN) takes the slow path,
 * which returns at the first NaN or raises m to the block's extreme and
 * remembers the block. At the end only that block is searched for the
 * first element equal to m: every element before it is below the final m.
 * Other steps and short runs fall back to the portable loop this level was
 * installed over. */
#include "kernels/kernel.h"

#if defined(__AVX2__)
#include <immintrin.h>

/* Per kind: vec_K, key_K and small helpers. Vectors hold keys: the values
 * themselves for floats and signed integers; unsigned integers (and bool)
 * with the sign bit flipped, so that signed compares order them. */
#define FLOAT_KIND_(K, T, V, S)                                                     \
    typedef V vec_##K;                                                             \
    typedef T key_##K;                                                             \
    static inline V ld_##K(const T *p) { return _mm256_loadu_##S(p); }            \
    static inline V set1_##K(T k) { return _mm256_set1_##S(k); }                   \
    /* x beyond m, or NaN: one compare flags both reasons to look closer */       \
    static inline V up_max_##K(V x, V m) { return _mm256_cmp_##S(x, m, _CMP_NLE_UQ); } \
    static inline V up_min_##K(V x, V m) { return _mm256_cmp_##S(x, m, _CMP_NGE_UQ); } \
    static inline V or_##K(V a, V b) { return _mm256_or_##S(a, b); }               \
    static inline bool any_##K(V t) { return _mm256_movemask_##S(t) != 0; }        \
    static inline V ext_max_##K(V a, V b) { return _mm256_max_##S(a, b); }         \
    static inline V ext_min_##K(V a, V b) { return _mm256_min_##S(a, b); }         \
    static inline void st_##K(T *p, V v) { _mm256_storeu_##S(p, v); }              \
    static inline unsigned nans_##K(V x) {                                         \
        return (unsigned)_mm256_movemask_##S(_mm256_cmp_##S(x, x, _CMP_UNORD_Q));  \
    }                                                                              \
    static inline T key_of_##K(T x) { return x; }                                  \
    static inline T val_of_##K(T k) { return k; }

/* FLIP is 0 for signed types, the key type's minimum for unsigned ones. */
#define INT_KIND_(K, T, KT, SET1, GT, MAX, MIN, FLIP)                              \
    typedef __m256i vec_##K;                                                       \
    typedef KT key_##K;                                                            \
    static inline __m256i ld_##K(const T *p) {                                     \
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);          \
        return FLIP ? _mm256_xor_si256(v, SET1((KT)FLIP)) : v;                     \
    }                                                                              \
    static inline __m256i set1_##K(KT k) { return SET1(k); }                       \
    static inline __m256i up_max_##K(__m256i x, __m256i m) { return GT(x, m); }    \
    static inline __m256i up_min_##K(__m256i x, __m256i m) { return GT(m, x); }    \
    static inline __m256i or_##K(__m256i a, __m256i b) { return _mm256_or_si256(a, b); } \
    static inline bool any_##K(__m256i t) { return !_mm256_testz_si256(t, t); }    \
    static inline __m256i ext_max_##K(__m256i a, __m256i b) { return MAX(a, b); }  \
    static inline __m256i ext_min_##K(__m256i a, __m256i b) { return MIN(a, b); }  \
    static inline void st_##K(KT *p, __m256i v) { _mm256_storeu_si256((__m256i *)(void *)p, v); } \
    static inline unsigned nans_##K(__m256i x) {                                   \
        (void)x;                                                                   \
        return 0;                                                                  \
    }                                                                              \
    static inline KT key_of_##K(T x) { return (KT)(x ^ (T)FLIP); }                 \
    static inline T val_of_##K(KT k) { return (T)((T)k ^ (T)FLIP); }

/* AVX2 has no 64-bit integer max/min. */
static inline __m256i max_epi64_(__m256i a, __m256i b) { return _mm256_blendv_epi8(b, a, _mm256_cmpgt_epi64(a, b)); }
static inline __m256i min_epi64_(__m256i a, __m256i b) { return _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi64(a, b)); }

FLOAT_KIND_(f32, float, __m256, ps)
FLOAT_KIND_(f64, double, __m256d, pd)
#define SIGNED_KINDS_(X)                                                           \
    X(8, _mm256_set1_epi8, _mm256_cmpgt_epi8, _mm256_max_epi8, _mm256_min_epi8)    \
    X(16, _mm256_set1_epi16, _mm256_cmpgt_epi16, _mm256_max_epi16, _mm256_min_epi16) \
    X(32, _mm256_set1_epi32, _mm256_cmpgt_epi32, _mm256_max_epi32, _mm256_min_epi32) \
    X(64, _mm256_set1_epi64x, _mm256_cmpgt_epi64, max_epi64_, min_epi64_)
#define INT_KINDS_(B, SET1, GT, MAX, MIN)                                          \
    INT_KIND_(i##B, int##B##_t, int##B##_t, SET1, GT, MAX, MIN, 0)                 \
    INT_KIND_(u##B, uint##B##_t, int##B##_t, SET1, GT, MAX, MIN, INT##B##_MIN)
SIGNED_KINDS_(INT_KINDS_)
INT_KIND_(b8, uint8_t, int8_t, _mm256_set1_epi8, _mm256_cmpgt_epi8, _mm256_max_epi8, _mm256_min_epi8, INT8_MIN)

/* Vectors per block: enough to hide the branch, few for the slow path. */
#define ARG_VECS 4

/* UP and EXT are max or min; CMP the matching strict compare. */
#define AVX2_ARG_(NAME, K, T, ISF, UP, EXT, CMP)                                   \
    static nd_arg_fn g_ref_##NAME;                                                 \
    static int64_t NAME(const char *p, int64_t n, int64_t step) {                  \
        enum { W_ = 32 / sizeof(T), B_ = ARG_VECS * W_ };                          \
        if (step != (int64_t)sizeof(T) || n < 2 * B_) return g_ref_##NAME(p, n, step); \
        const T *a = (const T *)p;                                                 \
        T m = a[0];                                                                \
        if (ISF && m != m) return 0;                                               \
        key_##K mk = key_of_##K(m);                                                \
        vec_##K mv = set1_##K(mk);                                                 \
        int64_t i = 0, raised = -1; /* the block where m was last raised */        \
        for (; i + B_ <= n; i += B_) {                                             \
            vec_##K x[ARG_VECS];                                                   \
            for (int j = 0; j < ARG_VECS; j++) x[j] = ld_##K(a + i + j * W_);      \
            vec_##K t = UP##_##K(x[0], mv);                                        \
            for (int j = 1; j < ARG_VECS; j++) t = or_##K(t, UP##_##K(x[j], mv));  \
            if (__builtin_expect(!any_##K(t), 1)) continue;                        \
            for (int j = 0; ISF && j < ARG_VECS; j++) {                            \
                unsigned nan = nans_##K(x[j]);                                     \
                if (nan) return i + j * W_ + __builtin_ctz(nan);                   \
            }                                                                      \
            vec_##K e = x[0];                                                      \
            for (int j = 1; j < ARG_VECS; j++) e = EXT##_##K(e, x[j]);             \
            key_##K lane[W_];                                                      \
            st_##K(lane, e);                                                       \
            for (int l = 0; l < W_; l++) mk = lane[l] CMP mk ? lane[l] : mk;       \
            mv = set1_##K(mk);                                                     \
            raised = i;                                                            \
        }                                                                          \
        m = val_of_##K(mk);                                                        \
        int64_t best = 0;                                                          \
        if (raised >= 0)                                                           \
            for (best = raised; a[best] != m; best++) {}                           \
        for (; i < n; i++) {                                                       \
            T y = a[i];                                                            \
            if (ISF && y != y) return i;                                           \
            if (y CMP m) {                                                         \
                m = y;                                                             \
                best = i;                                                          \
            }                                                                      \
        }                                                                          \
        return best;                                                               \
    }

#define IS_FLOAT_(T) ((T)0.5 != (T)0)
#define AVX2_ARGS_(DT, K, T, W, ...)                                               \
    AVX2_ARG_(argmax_##K, K, T, IS_FLOAT_(T), up_max, ext_max, >)                  \
    AVX2_ARG_(argmin_##K, K, T, IS_FLOAT_(T), up_min, ext_min, <)
ND_FOR_EACH_DTYPE(AVX2_ARGS_, 0)

#define AVX2_ARG_INSTALL_(DT, K, T, W, ...)                                        \
    g_ref_argmin_##K = a[0][DT];                                                   \
    a[0][DT] = argmin_##K;                                                         \
    g_ref_argmax_##K = a[1][DT];                                                   \
    a[1][DT] = argmax_##K;

void nd__avx2_arg_loops(nd_arg_table a) { ND_FOR_EACH_DTYPE(AVX2_ARG_INSTALL_, 0) }

#else /* not compiled for AVX2: the level is absent */

void nd__avx2_arg_loops(nd_arg_table a) { (void)a; }

#endif
